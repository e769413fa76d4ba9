#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>

#include "app_test.h"

static void
test_login_sets_cookie_and_csrf(void **state)
{
	struct fx *f = *state;
	struct fx_call c;
	const char *cookie;

	fx_request(f, &c, HTTP_METHOD_POST, "/api/v1/session",
		   "{\"username\":\"alice\",\"password\":\"" FX_PASSWORD
		   "\"}",
		   NULL);
	assert_int_equal(c.resp.status, 200);
	cookie = fx_header(&c, "Set-Cookie");
	assert_non_null(cookie);
	assert_true(strncmp(cookie, "ct_session=", 11) == 0);
	assert_non_null(strstr(cookie, "; HttpOnly"));
	assert_non_null(strstr(cookie, "; SameSite=Strict"));
	assert_non_null(strstr(cookie, "; Path=/"));
	assert_non_null(strstr(cookie, "; Secure"));
	assert_int_equal(strlen(fx_str(&c, "csrf_token")), TOKEN_CSRF_TEXT_LEN);
	assert_true(json_is_true(json_object_get(c.body, "totp_enrolled")));
	assert_true(json_is_false(json_object_get(c.body, "totp_verified")));
	assert_string_equal(json_string_value(json_object_get(
				    json_object_get(c.body, "user"),
				    "username")),
			    "alice");
	fx_done(&c);
}

static void
test_unknown_user_answers_like_wrong_password(void **state)
{
	struct fx *f = *state;
	struct fx_call wrong, unknown;

	fx_request(f, &wrong, HTTP_METHOD_POST, "/api/v1/session",
		   "{\"username\":\"alice\",\"password\":\"nope nope\"}", NULL);
	fx_request(f, &unknown, HTTP_METHOD_POST, "/api/v1/session",
		   "{\"username\":\"mallory\",\"password\":\"nope nope\"}",
		   NULL);
	assert_int_equal(wrong.resp.status, 401);
	assert_int_equal(unknown.resp.status, 401);
	assert_null(fx_header(&wrong, "Set-Cookie"));
	assert_int_equal(wrong.resp.body_len, unknown.resp.body_len);
	assert_memory_equal(wrong.resp.body, unknown.resp.body,
			    wrong.resp.body_len);
	assert_string_equal(fx_str(&wrong, "code"), "login_failed");
	fx_done(&wrong);
	fx_done(&unknown);
}

static void
test_lock_out_and_expiry(void **state)
{
	struct fx *f = *state;
	struct fx_client cl;
	struct user_security sec;
	struct ct_error err;
	int i;

	/* The fixture allows 3 failures, then locks for 600 s. */
	for (i = 0; i < 3; i++)
		assert_int_equal(fx_login(f, "alice", "wrong password", &cl),
				 401);
	assert_int_equal(store_user_security_get(f->st, f->alice.u.id, &sec,
						 &err),
			 CT_OK);
	assert_true(sec.locked_until > f->now);
	/* Locked: the right password gets the same refusal. */
	assert_int_equal(fx_login(f, "alice", FX_PASSWORD, &cl), 401);
	f->now += 601;
	assert_int_equal(fx_login(f, "alice", FX_PASSWORD, &cl), 200);
}

static void
test_totp_required_then_replay_refused(void **state)
{
	struct fx *f = *state;
	struct fx_client one, two;
	char target[128], code[TOTP_CODE_SIZE], body[64];
	struct fx_call c;

	snprintf(target, sizeof(target), "/api/v1/cases/%s", f->kase.id);
	assert_int_equal(fx_login(f, "alice", FX_PASSWORD, &one), 200);
	fx_as(f, &one, &c, HTTP_METHOD_GET, target, NULL);
	assert_int_equal(c.resp.status, 403);
	assert_non_null(strstr(fx_str(&c, "message"), "tweede factor"));
	fx_done(&c);

	fx_code(f, &f->alice, f->now, code);
	snprintf(body, sizeof(body), "{\"code\":\"%s\"}", code);
	fx_as(f, &one, &c, HTTP_METHOD_POST, "/api/v1/session/totp", body);
	assert_int_equal(c.resp.status, 200);
	fx_done(&c);
	fx_as(f, &one, &c, HTTP_METHOD_GET, target, NULL);
	assert_int_equal(c.resp.status, 200);
	assert_string_equal(fx_str(&c, "id"), f->kase.id);
	fx_done(&c);

	/* The same code in another session: a replay. */
	assert_int_equal(fx_login(f, "alice", FX_PASSWORD, &two), 200);
	fx_as(f, &two, &c, HTTP_METHOD_POST, "/api/v1/session/totp", body);
	assert_int_equal(c.resp.status, 401);
	assert_string_equal(fx_str(&c, "code"), "totp_failed");
	fx_done(&c);
	fx_as(f, &two, &c, HTTP_METHOD_GET, target, NULL);
	assert_int_equal(c.resp.status, 403);
	fx_done(&c);

	/* A malformed code is a field problem, not a failure. */
	fx_as(f, &two, &c, HTTP_METHOD_POST, "/api/v1/session/totp",
	      "{\"code\":\"12ab\"}");
	assert_int_equal(c.resp.status, 400);
	assert_non_null(json_object_get(json_object_get(c.body, "fields"),
					"code"));
	fx_done(&c);
}

static void
test_session_read_and_anonymous(void **state)
{
	struct fx *f = *state;
	struct fx_client cl;
	struct fx_call c;

	fx_request(f, &c, HTTP_METHOD_GET, "/api/v1/session", NULL, NULL);
	assert_int_equal(c.resp.status, 401);
	fx_done(&c);
	assert_int_equal(fx_login(f, "bob", FX_PASSWORD, &cl), 200);
	fx_as(f, &cl, &c, HTTP_METHOD_GET, "/api/v1/session", NULL);
	assert_int_equal(c.resp.status, 200);
	assert_string_equal(fx_str(&c, "csrf_token"), cl.csrf);
	assert_string_equal(json_string_value(json_object_get(
				    json_object_get(c.body, "org"), "name")),
			    "Politie Rotterdam");
	fx_done(&c);
}

static void
test_logout_needs_csrf_and_ends_session(void **state)
{
	struct fx *f = *state;
	struct fx_client cl, no_csrf;
	struct fx_call c;

	assert_int_equal(fx_login(f, "bob", FX_PASSWORD, &cl), 200);
	no_csrf = cl;
	snprintf(no_csrf.csrf, sizeof(no_csrf.csrf), "%s",
		 "AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA");
	fx_as(f, &no_csrf, &c, HTTP_METHOD_DELETE, "/api/v1/session", NULL);
	assert_int_equal(c.resp.status, 403);
	assert_string_equal(fx_str(&c, "code"), "csrf");
	fx_done(&c);
	fx_as(f, &cl, &c, HTTP_METHOD_GET, "/api/v1/session", NULL);
	assert_int_equal(c.resp.status, 200);
	fx_done(&c);

	fx_as(f, &cl, &c, HTTP_METHOD_DELETE, "/api/v1/session", NULL);
	assert_int_equal(c.resp.status, 200);
	assert_non_null(strstr(fx_header(&c, "Set-Cookie"), "Max-Age=0"));
	fx_done(&c);
	fx_as(f, &cl, &c, HTTP_METHOD_GET, "/api/v1/session", NULL);
	assert_int_equal(c.resp.status, 401);
	fx_done(&c);
}

static void
test_idle_and_absolute_timeouts(void **state)
{
	struct fx *f = *state;
	struct fx_client cl;
	struct fx_call c;
	int i;

	assert_int_equal(fx_login(f, "bob", FX_PASSWORD, &cl), 200);
	/* Active use keeps it alive past the idle timeout ... */
	for (i = 0; i < 3; i++) {
		f->now += 20 * 60;
		fx_as(f, &cl, &c, HTTP_METHOD_GET, "/api/v1/session", NULL);
		assert_int_equal(c.resp.status, 200);
		fx_done(&c);
	}
	/* ... but 31 idle minutes end it. */
	f->now += 31 * 60;
	fx_as(f, &cl, &c, HTTP_METHOD_GET, "/api/v1/session", NULL);
	assert_int_equal(c.resp.status, 401);
	fx_done(&c);

	/* The absolute timeout ends even a busy session. */
	assert_int_equal(fx_login(f, "bob", FX_PASSWORD, &cl), 200);
	for (i = 0; i < 25; i++) {
		f->now += 29 * 60;
		fx_as(f, &cl, &c, HTTP_METHOD_GET, "/api/v1/session", NULL);
		if (c.resp.status == 401) {
			fx_done(&c);
			break;
		}
		fx_done(&c);
	}
	assert_true(i > 20 && i < 25);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test_setup_teardown(test_login_sets_cookie_and_csrf,
						fx_setup, fx_teardown),
		cmocka_unit_test_setup_teardown(
			test_unknown_user_answers_like_wrong_password, fx_setup,
			fx_teardown),
		cmocka_unit_test_setup_teardown(test_lock_out_and_expiry,
						fx_setup, fx_teardown),
		cmocka_unit_test_setup_teardown(
			test_totp_required_then_replay_refused, fx_setup,
			fx_teardown),
		cmocka_unit_test_setup_teardown(test_session_read_and_anonymous,
						fx_setup, fx_teardown),
		cmocka_unit_test_setup_teardown(
			test_logout_needs_csrf_and_ends_session, fx_setup,
			fx_teardown),
		cmocka_unit_test_setup_teardown(test_idle_and_absolute_timeouts,
						fx_setup, fx_teardown),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
