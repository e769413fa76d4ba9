#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>

#include "app_test.h"

static void
verified(struct fx *f, const struct fx_user *fu, struct fx_client *cl)
{
	assert_int_equal(fx_login(f, fu->u.username, FX_PASSWORD, cl), 200);
	assert_int_equal(fx_totp(f, cl, fu), 200);
	f->now += TOTP_PERIOD;
}

static void
test_me_read(void **state)
{
	struct fx *f = *state;
	struct fx_client cl;
	struct fx_call c;

	assert_int_equal(fx_login(f, "alice", FX_PASSWORD, &cl), 200);
	fx_as(f, &cl, &c, HTTP_METHOD_GET, "/api/v1/me", NULL);
	assert_int_equal(c.resp.status, 200);
	assert_string_equal(json_string_value(json_object_get(
				    json_object_get(c.body, "user"), "id")),
			    f->alice.u.id);
	assert_true(json_is_true(json_object_get(c.body, "totp_enrolled")));
	assert_true(json_is_false(json_object_get(c.body, "totp_verified")));
	fx_done(&c);
}

static void
test_password_change_ends_other_sessions(void **state)
{
	struct fx *f = *state;
	struct fx_client mine, other;
	struct fx_call c;
	const char *cookie;

	assert_int_equal(fx_login(f, "bob", FX_PASSWORD, &mine), 200);
	assert_int_equal(fx_login(f, "bob", FX_PASSWORD, &other), 200);

	fx_as(f, &mine, &c, HTTP_METHOD_POST, "/api/v1/me/password",
	      "{\"current_password\":\"not it at all\","
	      "\"new_password\":\"a much better one\"}");
	assert_int_equal(c.resp.status, 403);
	fx_done(&c);
	fx_as(f, &mine, &c, HTTP_METHOD_POST, "/api/v1/me/password",
	      "{\"current_password\":\"" FX_PASSWORD "\","
	      "\"new_password\":\"short\"}");
	assert_int_equal(c.resp.status, 400);
	assert_non_null(json_object_get(json_object_get(c.body, "fields"),
					"new_password"));
	fx_done(&c);
	/* Refused changes change nothing. */
	fx_as(f, &other, &c, HTTP_METHOD_GET, "/api/v1/session", NULL);
	assert_int_equal(c.resp.status, 200);
	fx_done(&c);

	fx_as(f, &mine, &c, HTTP_METHOD_POST, "/api/v1/me/password",
	      "{\"current_password\":\"" FX_PASSWORD "\","
	      "\"new_password\":\"a much better one\"}");
	assert_int_equal(c.resp.status, 200);
	cookie = fx_header(&c, "Set-Cookie");
	assert_non_null(cookie);
	snprintf(mine.cookie, sizeof(mine.cookie), "%.*s",
		 (int)(strchr(cookie, ';') - cookie), cookie);
	snprintf(mine.csrf, sizeof(mine.csrf), "%s", fx_str(&c, "csrf_token"));
	fx_done(&c);

	fx_as(f, &other, &c, HTTP_METHOD_GET, "/api/v1/session", NULL);
	assert_int_equal(c.resp.status, 401);
	fx_done(&c);
	fx_as(f, &mine, &c, HTTP_METHOD_GET, "/api/v1/session", NULL);
	assert_int_equal(c.resp.status, 200);
	fx_done(&c);
	assert_int_equal(fx_login(f, "bob", FX_PASSWORD, &other), 401);
	assert_int_equal(fx_login(f, "bob", "a much better one", &other), 200);
}

static void
test_totp_enrolment(void **state)
{
	struct fx *f = *state;
	struct fx_client cl;
	struct fx_call c;
	unsigned char secret[TOTP_SECRET_MAX_BYTES];
	char code[TOTP_CODE_SIZE], body[64];
	size_t len = 0;
	struct ct_error err;

	assert_int_equal(fx_login(f, "beheer", FX_PASSWORD, &cl), 200);
	/* Confirming before beginning: nothing pending. */
	fx_as(f, &cl, &c, HTTP_METHOD_POST, "/api/v1/me/totp/confirm",
	      "{\"code\":\"123456\"}");
	assert_int_equal(c.resp.status, 409);
	fx_done(&c);

	fx_as(f, &cl, &c, HTTP_METHOD_POST, "/api/v1/me/totp", NULL);
	assert_int_equal(c.resp.status, 200);
	assert_true(strncmp(fx_str(&c, "otpauth_uri"),
			    "otpauth://totp/Casustafel:beheer?secret=",
			    40) == 0);
	assert_int_equal(totp_secret_from_base32(fx_str(&c, "secret"), secret,
						 &len, &err),
			 CT_OK);
	assert_int_equal(len, TOTP_SECRET_BYTES);
	fx_done(&c);

	/* A wrong code does not confirm. */
	assert_int_equal(totp_code_at_step(secret, len, totp_step(f->now) + 5,
					   TOTP_DIGITS, code),
			 CT_OK);
	snprintf(body, sizeof(body), "{\"code\":\"%s\"}", code);
	fx_as(f, &cl, &c, HTTP_METHOD_POST, "/api/v1/me/totp/confirm", body);
	assert_int_equal(c.resp.status, 401);
	fx_done(&c);

	assert_int_equal(totp_code_at_step(secret, len, totp_step(f->now),
					   TOTP_DIGITS, code),
			 CT_OK);
	snprintf(body, sizeof(body), "{\"code\":\"%s\"}", code);
	fx_as(f, &cl, &c, HTTP_METHOD_POST, "/api/v1/me/totp/confirm", body);
	assert_int_equal(c.resp.status, 200);
	fx_done(&c);
	fx_as(f, &cl, &c, HTTP_METHOD_GET, "/api/v1/me", NULL);
	assert_true(json_is_true(json_object_get(c.body, "totp_enrolled")));
	assert_true(json_is_true(json_object_get(c.body, "totp_verified")));
	fx_done(&c);
	/* A confirmed factor is not replaced by the user. */
	fx_as(f, &cl, &c, HTTP_METHOD_POST, "/api/v1/me/totp", NULL);
	assert_int_equal(c.resp.status, 409);
	fx_done(&c);
}

static void
test_tokens_need_second_factor(void **state)
{
	struct fx *f = *state;
	struct fx_client cl;
	struct fx_call c;

	assert_int_equal(fx_login(f, "alice", FX_PASSWORD, &cl), 200);
	fx_as(f, &cl, &c, HTTP_METHOD_POST, "/api/v1/me/tokens",
	      "{\"name\":\"koppeling\",\"scopes\":[\"case.read\"]}");
	assert_int_equal(c.resp.status, 403);
	fx_done(&c);
}

static void
test_token_create_list_revoke(void **state)
{
	struct fx *f = *state;
	struct fx_client alice, bob;
	struct fx_call c;
	char id[CT_UUID_SIZE], target[128], auth[TOKEN_TEXT_SIZE + 16];
	const char *headers[] = {"Authorization", auth, NULL};
	json_t *item;

	verified(f, &f->alice, &alice);
	fx_as(f, &alice, &c, HTTP_METHOD_POST, "/api/v1/me/tokens",
	      "{\"name\":\"koppeling\",\"scopes\":[\"case.bogus\"]}");
	assert_int_equal(c.resp.status, 400);
	assert_non_null(json_object_get(json_object_get(c.body, "fields"),
					"scopes"));
	fx_done(&c);
	fx_as(f, &alice, &c, HTTP_METHOD_POST, "/api/v1/me/tokens",
	      "{\"name\":\"koppeling\",\"scopes\":[\"case.read\"],"
	      "\"expires_at\":1}");
	assert_int_equal(c.resp.status, 400);
	fx_done(&c);

	fx_as(f, &alice, &c, HTTP_METHOD_POST, "/api/v1/me/tokens",
	      "{\"name\":\"koppeling\",\"scopes\":[\"case.read\","
	      "\"me.read\"]}");
	assert_int_equal(c.resp.status, 201);
	assert_int_equal(strlen(fx_str(&c, "token")), TOKEN_TEXT_LEN);
	snprintf(id, sizeof(id), "%s", fx_str(&c, "id"));
	snprintf(auth, sizeof(auth), "Bearer %s", fx_str(&c, "token"));
	fx_done(&c);

	fx_as(f, &alice, &c, HTTP_METHOD_GET, "/api/v1/me/tokens", NULL);
	assert_int_equal(c.resp.status, 200);
	item = json_array_get(json_object_get(c.body, "items"), 0);
	assert_string_equal(json_string_value(json_object_get(item, "id")), id);
	assert_null(json_object_get(item, "token"));
	assert_int_equal(json_array_size(json_object_get(item, "scopes")), 2);
	fx_done(&c);

	/* The token works, but cannot make tokens. */
	fx_request(f, &c, HTTP_METHOD_GET, "/api/v1/me", NULL, headers);
	assert_int_equal(c.resp.status, 200);
	fx_done(&c);

	/* Someone else cannot revoke it: it looks absent. */
	verified(f, &f->bob, &bob);
	snprintf(target, sizeof(target), "/api/v1/me/tokens/%s", id);
	fx_as(f, &bob, &c, HTTP_METHOD_DELETE, target, NULL);
	assert_int_equal(c.resp.status, 404);
	fx_done(&c);
	fx_request(f, &c, HTTP_METHOD_GET, "/api/v1/me", NULL, headers);
	assert_int_equal(c.resp.status, 200);
	fx_done(&c);

	fx_as(f, &alice, &c, HTTP_METHOD_DELETE, target, NULL);
	assert_int_equal(c.resp.status, 200);
	fx_done(&c);
	fx_request(f, &c, HTTP_METHOD_GET, "/api/v1/me", NULL, headers);
	assert_int_equal(c.resp.status, 401);
	fx_done(&c);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test_setup_teardown(test_me_read, fx_setup,
						fx_teardown),
		cmocka_unit_test_setup_teardown(
			test_password_change_ends_other_sessions, fx_setup,
			fx_teardown),
		cmocka_unit_test_setup_teardown(test_totp_enrolment, fx_setup,
						fx_teardown),
		cmocka_unit_test_setup_teardown(test_tokens_need_second_factor,
						fx_setup, fx_teardown),
		cmocka_unit_test_setup_teardown(test_token_create_list_revoke,
						fx_setup, fx_teardown),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
