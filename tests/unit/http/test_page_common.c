/*
 * test_page_common.c - what every page shares: the embedded assets by
 * hashed name with long caching, the strict CSP, error pages in HTML
 * (one 404 page whatever was asked for), sign-in asked for by redirect.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>

#include "page_test.h"
#include "web/web.h"

static void
test_static_assets(void **state)
{
	struct fx *f = *state;
	struct pg_call *c = malloc(sizeof(*c));
	const char *url = web_asset_url("casustafel.css");

	pg_request(f, c, HTTP_METHOD_GET, url, NULL, NULL);
	assert_int_equal(c->resp.status, 200);
	assert_non_null(strstr(c->resp.content_type, "text/css"));
	assert_string_equal(pg_header(c, "Cache-Control"),
			    WEB_STATIC_CACHE_CONTROL);
	assert_true(c->resp.body_len > 0);
	pg_done(c);
	/* only the hashed name: the plain one could be stale */
	pg_request(f, c, HTTP_METHOD_GET, "/static/casustafel.css", NULL,
		   NULL);
	assert_int_equal(c->resp.status, 404);
	assert_string_equal(c->resp.content_type, WEB_CONTENT_TYPE_HTML);
	pg_done(c);
	free(c);
}

static void
test_one_not_found_page(void **state)
{
	struct fx *f = *state;
	struct pg_call *a = malloc(sizeof(*a)), *b = malloc(sizeof(*b));
	char cookie[TOKEN_TEXT_SIZE + 16];

	pg_sign_in(f, &f->bob, cookie, sizeof(cookie), 1);
	pg_request(f, a, HTTP_METHOD_GET, "/nergens", cookie, NULL);
	/* (a path that matches no route is refused before the session is
	 * looked at, so compare it with an anonymous refusal) */
	pg_request(f, b, HTTP_METHOD_GET, "/static/x.12345.css", NULL, NULL);
	assert_int_equal(a->resp.status, 404);
	assert_int_equal(b->resp.status, 404);
	assert_string_equal(a->resp.content_type, WEB_CONTENT_TYPE_HTML);
	assert_string_equal(a->body, b->body);
	assert_null(strstr(a->body, "nergens"));
	assert_non_null(strstr(pg_header(a, "Content-Security-Policy"),
			       "default-src 'self'"));
	pg_done(a);
	pg_done(b);
	/* the API keeps its JSON */
	pg_request(f, a, HTTP_METHOD_GET, "/api/v1/nergens", cookie, NULL);
	assert_int_equal(a->resp.status, 404);
	assert_string_equal(a->resp.content_type, HTTP_CONTENT_TYPE_JSON);
	pg_done(a);
	/* a bad query on a page: the problems listed on an HTML page */
	pg_request(f, a, HTTP_METHOD_GET, "/dossiers?evil=1", cookie, NULL);
	assert_int_equal(a->resp.status, 400);
	assert_string_equal(a->resp.content_type, WEB_CONTENT_TYPE_HTML);
	assert_non_null(strstr(a->body, "evil"));
	pg_done(a);
	free(a);
	free(b);
}

static void
test_anonymous_is_sent_to_sign_in(void **state)
{
	struct fx *f = *state;
	struct pg_call *c = malloc(sizeof(*c));

	pg_request(f, c, HTTP_METHOD_GET, "/dossiers", NULL, NULL);
	assert_int_equal(c->resp.status, 303);
	assert_string_equal(pg_header(c, "Location"), "/aanmelden");
	pg_done(c);
	/* the API still answers 401 in JSON */
	pg_request(f, c, HTTP_METHOD_GET, "/api/v1/cases", NULL, NULL);
	assert_int_equal(c->resp.status, 401);
	pg_done(c);
	free(c);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test_setup_teardown(test_static_assets, pg_setup,
						fx_teardown),
		cmocka_unit_test_setup_teardown(test_one_not_found_page,
						pg_setup, fx_teardown),
		cmocka_unit_test_setup_teardown(
			test_anonymous_is_sent_to_sign_in, pg_setup,
			fx_teardown),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
