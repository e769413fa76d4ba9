/*
 * test_page_worklist.c - the work list and the case list pages: the
 * organisation's buckets, the cases of the user's team only, filters,
 * paging links that keep the filters, hostile filter text escaped.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>

#include "page_test.h"

static void
test_work_list(void **state)
{
	struct fx *f = *state;
	struct pg_call *c = malloc(sizeof(*c));
	char cookie[TOKEN_TEXT_SIZE + 16];

	pg_sign_in(f, &f->alice, cookie, sizeof(cookie), 1);
	pg_request(f, c, HTTP_METHOD_GET, "/", cookie, NULL);
	assert_int_equal(c->resp.status, 200);
	assert_non_null(strstr(c->body, "<h1>Werklijst</h1>"));
	assert_non_null(strstr(c->body, "Te laat (0)"));
	assert_non_null(strstr(c->body, "Vandaag en morgen (0)"));
	assert_non_null(strstr(c->body, "Binnenkort (0)"));
	assert_non_null(strstr(c->body, "Politie Amsterdam"));
	assert_non_null(strstr(c->body, "2026-07-13"));
	assert_non_null(strstr(c->body, "aria-current=\"page\""));
	pg_done(c);
	free(c);
}

static void
test_case_list(void **state)
{
	struct fx *f = *state;
	struct pg_call *c = malloc(sizeof(*c));
	char cookie[TOKEN_TEXT_SIZE + 16], link[128], target[128];

	snprintf(link, sizeof(link), "href=\"/dossiers/%s\"", f->kase.id);
	pg_sign_in(f, &f->alice, cookie, sizeof(cookie), 1);
	pg_request(f, c, HTTP_METHOD_GET, "/dossiers", cookie, NULL);
	assert_int_equal(c->resp.status, 200);
	assert_non_null(strstr(c->body, link));
	assert_non_null(strstr(c->body, f->kase.reference));
	assert_non_null(strstr(c->body, "1 dossier"));
	pg_done(c);

	/* filters: status, region, part of the reference */
	pg_request(f, c, HTTP_METHOD_GET, "/dossiers?status=closed", cookie,
		   NULL);
	assert_null(strstr(c->body, link));
	assert_non_null(strstr(c->body, "Geen dossiers gevonden."));
	assert_non_null(strstr(c->body, "value=\"closed\" selected"));
	pg_done(c);
	pg_request(f, c, HTTP_METHOD_GET, "/dossiers?regio=RTM", cookie,
		   NULL);
	assert_null(strstr(c->body, link));
	pg_done(c);
	snprintf(target, sizeof(target), "/dossiers?kenmerk=%.3s",
		 f->kase.reference);
	pg_request(f, c, HTTP_METHOD_GET, target, cookie, NULL);
	assert_non_null(strstr(c->body, link));
	pg_done(c);
	pg_request(f, c, HTTP_METHOD_GET, "/dossiers?kenmerk=%22%3E%3Cb%3Ex",
		   cookie, NULL);
	assert_int_equal(c->resp.status, 200);
	assert_null(strstr(c->body, "\"><b>x"));
	assert_non_null(strstr(c->body, "value=\"&quot;&gt;&lt;b&gt;x\""));
	assert_null(strstr(c->body, link));
	pg_done(c);

	/* paging: one per page, the filter kept in the links */
	pg_request(f, c, HTTP_METHOD_GET,
		   "/dossiers?limit=1&pagina=2&status=open", cookie, NULL);
	assert_int_equal(c->resp.status, 200);
	assert_non_null(strstr(c->body, "rel=\"prev\""));
	assert_non_null(strstr(c->body, "/dossiers?pagina=1&amp;kenmerk=&amp;"
					"regio=&amp;status=open&amp;limit=1\""));
	assert_null(strstr(c->body, link));
	pg_done(c);
	free(c);
}

static void
test_other_team_sees_nothing(void **state)
{
	struct fx *f = *state;
	struct pg_call *c = malloc(sizeof(*c));
	char cookie[TOKEN_TEXT_SIZE + 16];

	pg_sign_in(f, &f->bob, cookie, sizeof(cookie), 1);
	pg_request(f, c, HTTP_METHOD_GET, "/dossiers", cookie, NULL);
	assert_int_equal(c->resp.status, 200);
	assert_null(strstr(c->body, f->kase.id));
	assert_non_null(strstr(c->body, "0 dossiers"));
	pg_done(c);
	free(c);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test_setup_teardown(test_work_list, pg_setup,
						fx_teardown),
		cmocka_unit_test_setup_teardown(test_case_list, pg_setup,
						fx_teardown),
		cmocka_unit_test_setup_teardown(test_other_team_sees_nothing,
						pg_setup, fx_teardown),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
