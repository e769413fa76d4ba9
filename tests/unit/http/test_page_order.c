/*
 * test_page_order.c - the order and risk assessment pages through the
 * whole route table (page_order.c, page_order_step.c, page_assessment.c):
 * the open form and its post, the order page with who must act, a step
 * the law refuses (422 with its rule, nothing written), a step stored, a
 * stale form (409), a step not allowed now (409, the order page) and an
 * unknown one (404), an instrument filled in with its outcome, and the
 * one 404 for an organisation outside the case team.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>

#include "page_test.h"
#include "http/api_assessments.h"
#include "http/page_order.h"
#include "store/store_order.h"

/* A small instrument the police officer (alice) may fill in. */
static const char instrument_json[] =
	"{\"format\": \"casustafel-instrument/1\", \"id\": \"klein\", "
	"\"version\": \"1\", \"title\": \"Klein instrument\", "
	"\"description\": \"d\", \"jurisdiction\": \"NL\", "
	"\"sources\": [\"seed 001\"], "
	"\"assessor_roles\": [\"police_officer\"], \"scales\": [{\"id\": "
	"\"yn\", \"values\": [{\"code\": \"yes\", \"label\": \"Ja\"}, "
	"{\"code\": \"no\", \"label\": \"Nee\"}]}, {\"id\": \"hml\", "
	"\"values\": [{\"code\": \"high\", \"label\": \"Hoog\"}, {\"code\": "
	"\"low\", \"label\": \"Laag\"}]}], \"parts\": [{\"id\": \"A\", "
	"\"title\": \"Deel A\", \"signals\": [{\"id\": \"A1\", \"text\": "
	"\"Signaal A1\", \"rating_scale\": \"hml\", \"items\": [{\"id\": "
	"\"A1.1\", \"text\": \"Vraag A1.1\", \"scale\": \"yn\"}]}]}], "
	"\"outcomes\": [{\"code\": \"high\", \"label\": \"Hoog risico\", "
	"\"rule\": \"een signaal hoog\", \"when\": {\"signals_rated\": "
	"\"high\", \"at_least\": 1}}, {\"code\": \"low\", \"label\": \"Laag "
	"risico\", \"rule\": \"anders\", \"when\": {\"always\": true}}]}";

struct po {
	struct fx *f;
	struct pg_call *c;
	char cookie[TOKEN_TEXT_SIZE + 16];
	char csrf[TOKEN_CSRF_SIZE];
	char subject[CT_UUID_SIZE], victim[CT_UUID_SIZE];
	char order[256];
	char path[512];
	char form[2048];
};

static void
add_person(struct po *p, const char *given, uint32_t roles, char *id)
{
	struct person pe;
	struct ct_error err;

	memset(&pe, 0, sizeof(pe));
	memcpy(pe.case_id, p->f->kase.id, CT_UUID_SIZE);
	pe.given_name = given;
	pe.family_name = "de Vries";
	pe.has_birth_date = 1;
	pe.birth_date = (struct ct_date){1980, 1, 2};
	pe.roles = roles;
	assert_int_equal(store_person_add(p->f->st, &p->f->who, &pe, &err),
			 CT_OK);
	memcpy(id, pe.id, CT_UUID_SIZE);
}

static void
po_begin(void **state, struct po *p)
{
	memset(p, 0, sizeof(*p));
	p->f = *state;
	p->c = malloc(sizeof(*p->c));
	assert_non_null(p->c);
	add_person(p, "Piet", CT_BIT(PERSON_ROLE_REMOVED), p->subject);
	add_person(p, "Anna", CT_BIT(PERSON_ROLE_VICTIM), p->victim);
	pg_sign_in(p->f, &p->f->alice, p->cookie, sizeof(p->cookie), 1);
	pg_request(p->f, p->c, HTTP_METHOD_GET, "/", p->cookie, NULL);
	pg_csrf(p->c, p->csrf);
	pg_done(p->c);
}

static void
po_end(struct po *p)
{
	free(p->c);
}

static int64_t
journal_count(struct fx *f)
{
	struct ct_error err;
	struct journal_entry *e = NULL;
	size_t n = 0;
	struct arena a;

	arena_init(&a, ARENA_MAX_DEFAULT);
	assert_int_equal(
		store_journal_list(f->st, f->kase.id, &a, &e, &n, &err), CT_OK);
	arena_release(&a);
	return (int64_t)n;
}

/* Open an order through the form; p->order is its page. */
static void
open_order(struct po *p)
{
	const char *loc;

	snprintf(p->path, sizeof(p->path), "/dossiers/%s/huisverbod/nieuw",
		 p->f->kase.id);
	pg_request(p->f, p->c, HTTP_METHOD_GET, p->path, p->cookie, NULL);
	assert_int_equal(p->c->resp.status, 200);
	assert_non_null(strstr(p->c->body, "<h1>Huisverbod voorbereiden</h1>"));
	assert_non_null(strstr(p->c->body, "Acuut incident (politie)"));
	pg_done(p->c);
	snprintf(p->form, sizeof(p->form),
		 "csrf_token=%s&route=acute&subject_person_id=%s&"
		 "protected_person_ids_1=%s&place=Dorpsstraat+1&"
		 "at=2026-07-13T11%%3A00&note=regel+1%%0D%%0Aregel+2",
		 p->csrf, p->subject, p->victim);
	snprintf(p->path, sizeof(p->path), "/dossiers/%s/huisverbod",
		 p->f->kase.id);
	pg_request(p->f, p->c, HTTP_METHOD_POST, p->path, p->cookie, p->form);
	assert_int_equal(p->c->resp.status, 303);
	loc = pg_header(p->c, "Location");
	assert_non_null(loc);
	assert_int_equal(strncmp(loc, p->path, strlen(p->path)), 0);
	snprintf(p->order, sizeof(p->order), "%s", loc);
	pg_done(p->c);
}

static void
test_open_and_order_page(void **state)
{
	struct po p;

	po_begin(state, &p);
	open_order(&p);
	pg_request(p.f, p.c, HTTP_METHOD_GET, p.order, p.cookie, NULL);
	assert_int_equal(p.c->resp.status, 200);
	assert_non_null(strstr(p.c->body, "order-status__state\">Screening"));
	assert_non_null(strstr(p.c->body, "Piet de Vries"));
	/* A police officer does not decide: who does, and the rule. */
	assert_non_null(strstr(p.c->body,
			       "Dat doet de burgemeester, of de hulpofficier "
			       "van justitie met mandaat."));
	assert_null(strstr(p.c->body, "/stap/decide\""));
	/* Screening steps the officer may take are buttons. */
	assert_non_null(strstr(p.c->body, "/stap/consult_vt\""));
	/* The note's line break came as CR LF and is kept as LF. */
	assert_non_null(strstr(p.c->body, "regel 1\nregel 2"));
	assert_non_null(strstr(pg_header(p.c, "Content-Security-Policy"),
			       "default-src 'self'"));
	pg_done(p.c);
	po_end(&p);
}

static void
test_steps(void **state)
{
	struct po p;
	int64_t before;

	po_begin(state, &p);
	open_order(&p);
	/* The law refuses the police officer's decision: 422, the rule. */
	before = journal_count(p.f);
	snprintf(p.path, sizeof(p.path), "%s/stap/decide", p.order);
	pg_request(p.f, p.c, HTTP_METHOD_GET, p.path, p.cookie, NULL);
	assert_int_equal(p.c->resp.status, 200);
	assert_non_null(strstr(p.c->body, "name=\"version\" value=\"1\""));
	pg_done(p.c);
	snprintf(p.form, sizeof(p.form),
		 "csrf_token=%s&version=1&impose=ja&mandate=none&"
		 "mandate_reference=Besluit+%%3Cx%%3E&at=2026-07-13T11%%3A30",
		 p.csrf);
	pg_request(p.f, p.c, HTTP_METHOD_POST, p.path, p.cookie, p.form);
	assert_int_equal(p.c->resp.status, 422);
	assert_non_null(strstr(p.c->body, "Zo kan het niet volgens de regels"));
	assert_non_null(strstr(p.c->body, rules_rule(RULE_NL_DECIDER)->title));
	assert_non_null(strstr(p.c->body, "Dat doet de burgemeester"));
	assert_non_null(strstr(p.c->body, "value=\"Besluit &lt;x&gt;\""));
	pg_done(p.c);
	assert_int_equal(journal_count(p.f), before);

	/* A step the officer may take: stored, back to the order page. */
	snprintf(p.path, sizeof(p.path), "%s/stap/consult_vt", p.order);
	snprintf(p.form, sizeof(p.form),
		 "csrf_token=%s&version=1&at=2026-07-13T11%%3A45", p.csrf);
	pg_request(p.f, p.c, HTTP_METHOD_POST, p.path, p.cookie, p.form);
	assert_int_equal(p.c->resp.status, 303);
	assert_string_equal(pg_header(p.c, "Location"), p.order);
	pg_done(p.c);
	/* The same form again: its version is stale. */
	pg_request(p.f, p.c, HTTP_METHOD_POST, p.path, p.cookie, p.form);
	assert_int_equal(p.c->resp.status, 409);
	assert_non_null(strstr(p.c->body, "intussen gewijzigd"));
	assert_non_null(strstr(p.c->body, "name=\"version\" value=\"2\""));
	pg_done(p.c);
	/* A bad time: 400 beside the field, nothing written. */
	before = journal_count(p.f);
	snprintf(p.form, sizeof(p.form), "csrf_token=%s&version=2&at=morgen",
		 p.csrf);
	pg_request(p.f, p.c, HTTP_METHOD_POST, p.path, p.cookie, p.form);
	assert_int_equal(p.c->resp.status, 400);
	assert_non_null(strstr(p.c->body, "id=\"at-fout\""));
	assert_non_null(strstr(p.c->body, "href=\"#at\""));
	pg_done(p.c);
	assert_int_equal(journal_count(p.f), before);

	/* Not now: the order page says why. Unknown: no such page. */
	snprintf(p.path, sizeof(p.path), "%s/stap/extend", p.order);
	pg_request(p.f, p.c, HTTP_METHOD_GET, p.path, p.cookie, NULL);
	assert_int_equal(p.c->resp.status, 409);
	assert_non_null(strstr(p.c->body, "Deze stap kan nu niet."));
	pg_done(p.c);
	snprintf(p.path, sizeof(p.path), "%s/stap/vliegen", p.order);
	pg_request(p.f, p.c, HTTP_METHOD_GET, p.path, p.cookie, NULL);
	assert_int_equal(p.c->resp.status, 404);
	pg_done(p.c);
	po_end(&p);
}

static void
test_assessment(void **state)
{
	struct instrument_set set;
	struct instrument *ins = NULL;
	struct ct_problems problems;
	struct ct_error err;
	struct po p;
	const char *loc;
	char page[512];

	instrument_set_init(&set);
	ct_problems_init(&problems);
	assert_int_equal(instrument_parse(instrument_json,
					  sizeof(instrument_json) - 1, &ins,
					  &problems),
			 CT_OK);
	assert_int_equal(instrument_set_add(&set, ins, &err), CT_OK);
	api_assessments_set_instruments(&set);
	po_begin(state, &p);
	snprintf(p.path, sizeof(p.path), "/dossiers/%s/risicotaxatie/nieuw",
		 p.f->kase.id);
	pg_request(p.f, p.c, HTTP_METHOD_GET, p.path, p.cookie, NULL);
	assert_int_equal(p.c->resp.status, 200);
	/* The only instrument is chosen; its questions are radio groups. */
	assert_non_null(strstr(p.c->body, "<h2>Klein instrument</h2>"));
	assert_non_null(strstr(p.c->body, "<legend>Vraag A1.1</legend>"));
	assert_non_null(strstr(p.c->body, "id=\"s00-high\" name=\"s00\""));
	pg_done(p.c);
	snprintf(p.form, sizeof(p.form),
		 "csrf_token=%s&instrument_id=klein&instrument_version=1&"
		 "i000=yes&s00=high",
		 p.csrf);
	snprintf(p.path, sizeof(p.path), "/dossiers/%s/risicotaxatie",
		 p.f->kase.id);
	pg_request(p.f, p.c, HTTP_METHOD_POST, p.path, p.cookie, p.form);
	assert_int_equal(p.c->resp.status, 303);
	loc = pg_header(p.c, "Location");
	snprintf(page, sizeof(page), "%s", loc);
	pg_done(p.c);
	pg_request(p.f, p.c, HTTP_METHOD_GET, page, p.cookie, NULL);
	assert_int_equal(p.c->resp.status, 200);
	assert_non_null(strstr(p.c->body, "Hoog risico"));
	assert_non_null(strstr(p.c->body, "Uitkomst gemotiveerd bijstellen"));
	pg_done(p.c);
	/* A question the instrument does not have. */
	snprintf(p.form, sizeof(p.form),
		 "csrf_token=%s&instrument_id=klein&i007=yes", p.csrf);
	pg_request(p.f, p.c, HTTP_METHOD_POST, p.path, p.cookie, p.form);
	assert_int_equal(p.c->resp.status, 400);
	assert_non_null(strstr(p.c->body, "is geen vraag van dit instrument"));
	pg_done(p.c);
	po_end(&p);
	api_assessments_set_instruments(NULL);
	instrument_set_release(&set);
}

static void
test_outside_the_team(void **state)
{
	struct po p;
	struct pg_call *c = malloc(sizeof(*c));
	char cookie[TOKEN_TEXT_SIZE + 16], missing[256];
	char *first;

	assert_non_null(c);
	po_begin(state, &p);
	open_order(&p);
	pg_sign_in(p.f, &p.f->bob, cookie, sizeof(cookie), 1);
	snprintf(missing, sizeof(missing), "/dossiers/%s/huisverbod/%s",
		 "00000000-0000-4000-8000-0000000000aa",
		 "00000000-0000-4000-8000-0000000000bb");
	pg_request(p.f, c, HTTP_METHOD_GET, missing, cookie, NULL);
	assert_int_equal(c->resp.status, 404);
	first = strdup(c->body);
	pg_done(c);
	pg_request(p.f, c, HTTP_METHOD_GET, p.order, cookie, NULL);
	assert_int_equal(c->resp.status, 404);
	assert_string_equal(c->body, first);
	pg_done(c);
	snprintf(p.path, sizeof(p.path), "%s/stap/consult_vt", p.order);
	pg_request(p.f, c, HTTP_METHOD_GET, p.path, cookie, NULL);
	assert_int_equal(c->resp.status, 404);
	assert_string_equal(c->body, first);
	pg_done(c);
	free(first);
	free(c);
	po_end(&p);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test_setup_teardown(test_open_and_order_page,
						pg_setup, fx_teardown),
		cmocka_unit_test_setup_teardown(test_steps, pg_setup,
						fx_teardown),
		cmocka_unit_test_setup_teardown(test_assessment, pg_setup,
						fx_teardown),
		cmocka_unit_test_setup_teardown(test_outside_the_team, pg_setup,
						fx_teardown),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
