/*
 * test_page_session.c - signing in and out through the pages: the same
 * refusal for an unknown user and a wrong password, the user name kept
 * and the password never shown, lock-out shared with the API, the code
 * page, another site's sign-in refused, sign-out only with the form's
 * CSRF token.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>

#include "page_test.h"
#include "http/pages.h"

static void
test_sign_in_form(void **state)
{
	struct fx *f = *state;
	struct pg_call *c = malloc(sizeof(*c));

	pg_request(f, c, HTTP_METHOD_GET, "/aanmelden", NULL, NULL);
	assert_int_equal(c->resp.status, 200);
	assert_string_equal(c->resp.content_type, "text/html; charset=utf-8");
	assert_non_null(strstr(pg_header(c, "Content-Security-Policy"),
			       "default-src 'self'"));
	assert_non_null(strstr(c->body, "name=\"username\""));
	assert_non_null(strstr(c->body, "<html lang=\"nl\">"));
	pg_done(c);
	free(c);
}

static void
test_refusals_look_alike_and_keep_the_name(void **state)
{
	struct fx *f = *state;
	struct pg_call *wrong = malloc(sizeof(*wrong));
	struct pg_call *unknown = malloc(sizeof(*unknown));
	char *p;

	pg_request(f, wrong, HTTP_METHOD_POST, "/aanmelden", NULL,
		   "username=alice&password=Geheim-123");
	pg_request(f, unknown, HTTP_METHOD_POST, "/aanmelden", NULL,
		   "username=mallory&password=Geheim-123");
	assert_int_equal(wrong->resp.status, 401);
	assert_int_equal(unknown->resp.status, 401);
	assert_null(pg_header(wrong, "Set-Cookie"));
	assert_null(strstr(wrong->body, "Geheim-123"));
	assert_non_null(strstr(wrong->body, "value=\"alice\""));
	assert_non_null(strstr(unknown->body, "value=\"mallory\""));
	/* apart from the name typed, the two pages are the same */
	p = strstr(unknown->body, "value=\"mallory\"");
	assert_non_null(p);
	memmove(p + 12, p + 14, strlen(p + 14) + 1);
	memcpy(p, "value=\"alice\"", 13);
	assert_string_equal(wrong->body, unknown->body);
	pg_done(wrong);
	pg_done(unknown);

	/* an empty field: said beside it, the name kept */
	pg_request(f, wrong, HTTP_METHOD_POST, "/aanmelden", NULL,
		   "username=alice&password=");
	assert_int_equal(wrong->resp.status, 400);
	assert_non_null(strstr(wrong->body, "password-fout"));
	assert_null(strstr(wrong->body, "username-fout"));
	assert_non_null(strstr(wrong->body, "value=\"alice\""));
	pg_done(wrong);

	/* a hostile name is escaped where it lands */
	pg_request(f, wrong, HTTP_METHOD_POST, "/aanmelden", NULL,
		   "username=%22%3E%3Cscript%3Ex&password=y");
	assert_int_equal(wrong->resp.status, 401);
	assert_null(strstr(wrong->body, "<script>x"));
	assert_non_null(strstr(wrong->body, "&quot;&gt;&lt;script&gt;x"));
	pg_done(wrong);
	free(wrong);
	free(unknown);
}

static void
test_lock_out_is_the_api_s(void **state)
{
	struct fx *f = *state;
	struct pg_call *c = malloc(sizeof(*c));
	struct fx_client cl;
	int i;

	for (i = 0; i < 3; i++) {
		pg_request(f, c, HTTP_METHOD_POST, "/aanmelden", NULL,
			   "username=alice&password=wrong");
		assert_int_equal(c->resp.status, 401);
		pg_done(c);
	}
	/* locked: the right password is refused, on the page and the API */
	pg_request(f, c, HTTP_METHOD_POST, "/aanmelden", NULL,
		   "username=alice&password=correct+horse+battery");
	assert_int_equal(c->resp.status, 401);
	pg_done(c);
	assert_int_equal(fx_login(f, "alice", FX_PASSWORD, &cl), 401);
	free(c);
}

/* One request with the given header pairs, for page_same_origin. */
static int
same_origin(const char *const *headers)
{
	struct http_request req;
	struct arena a;
	int ok;

	arena_init(&a, ARENA_MAX_DEFAULT);
	http_request_init(&req, &a, HTTP_METHOD_POST, "/aanmelden");
	for (; *headers; headers += 2)
		assert_int_equal(
			http_request_add_header(&req, headers[0], headers[1]),
			CT_OK);
	ok = page_same_origin(&req);
	arena_release(&a);
	return ok;
}

static void
test_same_origin_rules(void **state)
{
	const char *fetch_same[] = {"Sec-Fetch-Site", "same-origin", "Origin",
				    "null", NULL};
	const char *fetch_cross[] = {"Sec-Fetch-Site",
				     "cross-site",
				     "Origin",
				     "https://casustafel.test",
				     "Host",
				     "casustafel.test",
				     NULL};
	const char *fetch_sibling[] = {"Sec-Fetch-Site", "same-site", NULL};
	const char *null_origin[] = {"Origin", "null", "Host",
				     "casustafel.test", NULL};
	const char *null_evil_referer[] = {"Origin",  "null",
					   "Referer", "http://evil.example/x",
					   "Host",    "casustafel.test",
					   NULL};
	const char *ours[] = {"Origin", "http://casustafel.test", "Host",
			      "casustafel.test", NULL};
	const char *evil[] = {"Origin", "http://evil.example", "Host",
			      "casustafel.test", NULL};
	const char *nothing[] = {NULL};

	(void)state;
	/* Chromium with Referrer-Policy no-referrer: Origin null, but the
	 * browser says same-origin. */
	assert_true(same_origin(fetch_same));
	assert_false(same_origin(fetch_cross));
	assert_false(same_origin(fetch_sibling));
	assert_true(same_origin(null_origin));
	assert_false(same_origin(null_evil_referer));
	assert_true(same_origin(ours));
	assert_false(same_origin(evil));
	assert_true(same_origin(nothing));
}

static void
test_other_site_is_refused(void **state)
{
	struct fx *f = *state;
	struct pg_call *c = malloc(sizeof(*c));
	const char *evil[] = {"Origin", "http://evil.example", "Host",
			      "casustafel.test", NULL};
	const char *ours[] = {"Origin", "https://casustafel.test", "Host",
			      "casustafel.test", NULL};
	const char *const *h;
	static const char form[] =
		"username=alice&password=correct+horse+battery";

	for (h = evil;; h = ours) {
		arena_init(&c->arena, ARENA_MAX_DEFAULT);
		http_request_init(&c->req, &c->arena, HTTP_METHOD_POST,
				  "/aanmelden");
		assert_int_equal(http_request_add_header(&c->req, h[0], h[1]),
				 CT_OK);
		assert_int_equal(http_request_add_header(&c->req, h[2], h[3]),
				 CT_OK);
		assert_int_equal(
			http_request_add_header(&c->req, "Content-Type",
						HTTP_FORM_CONTENT_TYPE),
			CT_OK);
		assert_int_equal(
			http_request_set_body(&c->req, form, strlen(form)),
			CT_OK);
		router_handle(&f->router, &c->req, &c->resp);
		if (h == evil) {
			assert_int_equal(c->resp.status, 403);
			assert_null(pg_header(c, "Set-Cookie"));
			pg_done(c);
			continue;
		}
		assert_int_equal(c->resp.status, 303);
		pg_done(c);
		break;
	}
	free(c);
}

static void
test_code_then_sign_out(void **state)
{
	struct fx *f = *state;
	struct pg_call *c = malloc(sizeof(*c));
	char cookie[TOKEN_TEXT_SIZE + 16], csrf[TOKEN_CSRF_SIZE];
	char form[128];

	pg_sign_in(f, &f->alice, cookie, sizeof(cookie), 0);
	/* before the code: every page goes to the code page */
	pg_request(f, c, HTTP_METHOD_GET, "/", cookie, NULL);
	assert_int_equal(c->resp.status, 303);
	assert_string_equal(pg_header(c, "Location"), "/aanmelden/code");
	pg_done(c);
	pg_request(f, c, HTTP_METHOD_GET, "/aanmelden/code", cookie, NULL);
	pg_csrf(c, csrf);
	pg_done(c);
	/* not a code: beside the field, kept */
	snprintf(form, sizeof(form), "code=12ab&csrf_token=%s", csrf);
	pg_request(f, c, HTTP_METHOD_POST, "/aanmelden/code", cookie, form);
	assert_int_equal(c->resp.status, 400);
	assert_non_null(strstr(c->body, "value=\"12ab\""));
	assert_non_null(strstr(c->body, "code-fout"));
	pg_done(c);
	/* a wrong code: refused, not kept */
	snprintf(form, sizeof(form), "code=000000&csrf_token=%s", csrf);
	pg_request(f, c, HTTP_METHOD_POST, "/aanmelden/code", cookie, form);
	assert_true(c->resp.status == 401);
	assert_null(strstr(c->body, "value=\"000000\""));
	pg_done(c);
	/* without the CSRF token the code is not even looked at */
	pg_request(f, c, HTTP_METHOD_POST, "/aanmelden/code", cookie,
		   "code=123456");
	assert_int_equal(c->resp.status, 403);
	pg_done(c);

	pg_sign_in(f, &f->bob, cookie, sizeof(cookie), 1);
	pg_request(f, c, HTTP_METHOD_GET, "/", cookie, NULL);
	assert_int_equal(c->resp.status, 200);
	assert_non_null(strstr(c->body, "Politie Rotterdam"));
	pg_csrf(c, csrf);
	pg_done(c);
	pg_request(f, c, HTTP_METHOD_POST, "/afmelden", cookie, "");
	assert_int_equal(c->resp.status, 403);
	assert_string_equal(c->resp.content_type, "text/html; charset=utf-8");
	pg_done(c);
	snprintf(form, sizeof(form), "csrf_token=%s", csrf);
	pg_request(f, c, HTTP_METHOD_POST, "/afmelden", cookie, form);
	assert_int_equal(c->resp.status, 303);
	assert_string_equal(pg_header(c, "Location"), "/aanmelden");
	assert_non_null(strstr(pg_header(c, "Set-Cookie"), "Max-Age=0"));
	pg_done(c);
	pg_request(f, c, HTTP_METHOD_GET, "/", cookie, NULL);
	assert_int_equal(c->resp.status, 303);
	assert_string_equal(pg_header(c, "Location"), "/aanmelden");
	pg_done(c);
	free(c);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test_setup_teardown(test_sign_in_form, pg_setup,
						fx_teardown),
		cmocka_unit_test_setup_teardown(
			test_refusals_look_alike_and_keep_the_name, pg_setup,
			fx_teardown),
		cmocka_unit_test_setup_teardown(test_lock_out_is_the_api_s,
						pg_setup, fx_teardown),
		cmocka_unit_test(test_same_origin_rules),
		cmocka_unit_test_setup_teardown(test_other_site_is_refused,
						pg_setup, fx_teardown),
		cmocka_unit_test_setup_teardown(test_code_then_sign_out,
						pg_setup, fx_teardown),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
