/*
 * test_page_case.c - the case pages through the whole route table: the
 * case file with its sections and their access-log records, a new case,
 * the person, relation and incident forms (every checkbox a field the
 * form accepts, errors beside the fields, nothing written on an error),
 * the team forms, the journal with its sentences and pages, hostile text
 * escaped, and one 404 for a case outside the team and a missing one.
 * (page_case.c, page_case_parts.c, page_team.c, page_journal.c)
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>

#include "page_test.h"
#include "http/page_case.h"
#include "store/access_log.h"
#include "store/store_team.h"

struct pc {
	struct fx *f;
	struct pg_call *c;
	char cookie[TOKEN_TEXT_SIZE + 16];
	char csrf[TOKEN_CSRF_SIZE];
	char path[256];
};

/* alice (Politie Amsterdam, the case's owner) signed in, csrf read. */
static void
pc_begin(void **state, struct pc *p, const struct fx_user *who)
{
	memset(p, 0, sizeof(*p));
	p->f = *state;
	p->c = malloc(sizeof(*p->c));
	assert_non_null(p->c);
	pg_sign_in(p->f, who, p->cookie, sizeof(p->cookie), 1);
	pg_request(p->f, p->c, HTTP_METHOD_GET, "/dossiers", p->cookie, NULL);
	assert_int_equal(p->c->resp.status, 200);
	pg_csrf(p->c, p->csrf);
	pg_done(p->c);
}

static void
pc_end(struct pc *p)
{
	free(p->c);
}

/* GET fmt... as the signed-in user; the answer stays in p->c. */
static void
pc_get(struct pc *p, const char *path)
{
	pg_request(p->f, p->c, HTTP_METHOD_GET, path, p->cookie, NULL);
}

/* POST form (without the token; it is added) to path. */
static void
pc_post(struct pc *p, const char *path, const char *form)
{
	char body[4096];

	snprintf(body, sizeof(body), "csrf_token=%s%s%s", p->csrf,
		 form[0] ? "&" : "", form);
	pg_request(p->f, p->c, HTTP_METHOD_POST, path, p->cookie, body);
}

static size_t
journal_len(struct fx *f)
{
	struct journal_entry *e = NULL;
	struct ct_error err;
	size_t n = 0;

	assert_int_equal(
		store_journal_list(f->st, f->kase.id, &f->a, &e, &n, &err),
		CT_OK);
	return n;
}

static size_t
persons_of(struct fx *f, struct person **out)
{
	struct ct_error err;
	size_t n = 0;

	assert_int_equal(
		store_person_list(f->st, f->kase.id, &f->a, out, &n, &err),
		CT_OK);
	return n;
}

static void
test_case_file(void **state)
{
	struct pc p;
	struct access_log_query q;
	struct access_entry *e = NULL;
	struct ct_error err;
	size_t n = 0, total = 0, i;
	int seen_case = 0, seen_person = 0, seen_journal = 0;
	char h1[128];

	pc_begin(state, &p, &((struct fx *)*state)->alice);
	snprintf(p.path, sizeof(p.path), "/dossiers/%s", p.f->kase.id);
	pc_get(&p, p.path);
	assert_int_equal(p.c->resp.status, 200);
	snprintf(h1, sizeof(h1), "<h1>Dossier %s</h1>", p.f->kase.reference);
	assert_non_null(strstr(p.c->body, h1));
	assert_non_null(strstr(p.c->body, "<dd>Politie Amsterdam</dd>"));
	assert_non_null(strstr(p.c->body, "<dd>Nederland</dd>"));
	assert_non_null(
		strstr(p.c->body, "Er zijn nog geen personen vastgelegd."));
	assert_non_null(strstr(p.c->body, "Het schema verschijnt"));
	assert_non_null(strstr(p.c->body, "<a href=\"#tijdlijn\">"));
	assert_non_null(strstr(p.c->body, "Dossier geopend"));
	assert_non_null(strstr(p.c->body, "/risicotaxatie/nieuw\""));
	assert_non_null(strstr(p.c->body, "/huisverbod/nieuw\""));
	assert_non_null(strstr(pg_header(p.c, "Content-Security-Policy"),
			       "default-src 'self'"));
	pg_done(p.c);

	/* The route's case.read and a record per section read. */
	access_log_query_init(&q);
	q.case_id = p.f->kase.id;
	q.user_id = p.f->alice.u.id;
	assert_int_equal(store_access_log_query(p.f->st, &q, &p.f->a, &e, &n,
						&total, &err),
			 CT_OK);
	for (i = 0; i < n; i++) {
		assert_true(e[i].rec.allowed);
		seen_case += strcmp(e[i].rec.action, "case.read") == 0;
		seen_person += strcmp(e[i].rec.action, "person.read") == 0;
		seen_journal += strcmp(e[i].rec.action, "journal.read") == 0;
	}
	assert_int_equal(seen_case, 1);
	assert_int_equal(seen_person, 1);
	assert_int_equal(seen_journal, 1);
	assert_int_equal(n, 8);
	pc_end(&p);
}

static void
test_outside_the_team_is_absent(void **state)
{
	struct pc p;
	struct pg_call *missing = malloc(sizeof(*missing));
	static const char *const tails[] = {"", "/personen/nieuw", "/team",
					    "/journaal", "/incidenten/nieuw"};
	char other[256];
	size_t i;

	pc_begin(state, &p, &((struct fx *)*state)->bob);
	for (i = 0; i < CT_ARRAY_SIZE(tails); i++) {
		snprintf(p.path, sizeof(p.path), "/dossiers/%s%s", p.f->kase.id,
			 tails[i]);
		snprintf(other, sizeof(other),
			 "/dossiers/6f1c2b9e-4a8d-4c3e-9b7a-2d5e8f0a1b3c%s",
			 tails[i]);
		pc_get(&p, p.path);
		pg_request(p.f, missing, HTTP_METHOD_GET, other, p.cookie,
			   NULL);
		assert_int_equal(p.c->resp.status, 404);
		assert_int_equal(missing->resp.status, 404);
		assert_string_equal(p.c->body, missing->body);
		pg_done(p.c);
		pg_done(missing);
	}
	snprintf(p.path, sizeof(p.path), "/dossiers/%s/personen", p.f->kase.id);
	pc_post(&p, p.path, "given_name=X&role_victim=1");
	assert_int_equal(p.c->resp.status, 404);
	pg_done(p.c);
	assert_int_equal(journal_len(p.f), 1);
	free(missing);
	pc_end(&p);
}

static void
test_new_case(void **state)
{
	struct pc p;
	struct ct_case c;
	struct ct_error err;
	const char *loc;

	pc_begin(state, &p, &((struct fx *)*state)->alice);
	pc_get(&p, "/dossiers/nieuw");
	assert_int_equal(p.c->resp.status, 200);
	assert_non_null(strstr(p.c->body, "value=\"NL\" checked"));
	pg_done(p.c);

	pc_post(&p, "/dossiers", "jurisdiction=BE&region=");
	assert_int_equal(p.c->resp.status, 400);
	assert_non_null(strstr(p.c->body, "De regio is verplicht"));
	assert_non_null(strstr(p.c->body, "value=\"BE\" checked"));
	pg_done(p.c);

	pc_post(&p, "/dossiers",
		"jurisdiction=BE&region=LIM&pattern=situational");
	assert_int_equal(p.c->resp.status, 303);
	loc = pg_header(p.c, "Location");
	assert_non_null(loc);
	assert_int_equal(strncmp(loc, "/dossiers/", 10), 0);
	assert_int_equal(store_case_get(p.f->st, loc + 10, &p.f->a, &c, &err),
			 CT_OK);
	assert_int_equal(c.jurisdiction, CT_COUNTRY_BE);
	assert_string_equal(c.owner_org_id, p.f->org_a.id);
	assert_int_equal(c.pattern, PATTERN_SITUATIONAL);
	pg_done(p.c);
	pc_end(&p);
}

static void
test_person_form(void **state)
{
	struct pc p;
	struct person *ps = NULL;
	char form[1024];
	size_t i, len = 0;

	pc_begin(state, &p, &((struct fx *)*state)->alice);
	snprintf(p.path, sizeof(p.path), "/dossiers/%s/personen", p.f->kase.id);
	/* no role, a bad BSN, a birth date to come: all at once */
	pc_post(&p, p.path,
		"given_name=Sara&bsn=123456789&birth_date=2027-01-01");
	assert_int_equal(p.c->resp.status, 400);
	assert_non_null(strstr(p.c->body, "elfproef"));
	assert_non_null(strstr(p.c->body, "Kies minstens één rol"));
	assert_non_null(strstr(p.c->body, "in de toekomst"));
	assert_non_null(strstr(p.c->body, "value=\"Sara\""));
	assert_non_null(strstr(p.c->body, "href=\"#roles\""));
	assert_non_null(strstr(p.c->body, "aria-invalid=\"true\""));
	pg_done(p.c);
	assert_int_equal(journal_len(p.f), 1);
	assert_int_equal(persons_of(p.f, &ps), 0);

	/* every role's box is a field of the form */
	len = (size_t)snprintf(form, sizeof(form),
			       "given_name=%%3Cscript%%3Ex&sex=x");
	for (i = 0; i < vocab_person_role.count; i++)
		len += (size_t)snprintf(form + len, sizeof(form) - len,
					"&role_%s=1",
					vocab_person_role.terms[i].code);
	pc_post(&p, p.path, form);
	assert_int_equal(p.c->resp.status, 303);
	snprintf(form, sizeof(form), "/dossiers/%s#personen", p.f->kase.id);
	assert_string_equal(pg_header(p.c, "Location"), form);
	pg_done(p.c);
	assert_int_equal(persons_of(p.f, &ps), 1);
	assert_int_equal(ps[0].roles, vocab_mask_all(&vocab_person_role));
	assert_string_equal(ps[0].given_name, "<script>x");
	assert_int_equal(journal_len(p.f), 2);

	/* shown escaped, in the table, the diagram and the journal */
	snprintf(p.path, sizeof(p.path), "/dossiers/%s", p.f->kase.id);
	pc_get(&p, p.path);
	assert_null(strstr(p.c->body, "<script>x"));
	assert_non_null(strstr(p.c->body, "&lt;script&gt;x"));
	assert_non_null(strstr(p.c->body, "<svg"));
	assert_non_null(strstr(p.c->body, "Persoon toegevoegd: &lt;script"));
	pg_done(p.c);
	pc_end(&p);
}

static void
test_relation_form(void **state)
{
	struct pc p;
	struct person *ps = NULL;
	char form[512];

	pc_begin(state, &p, &((struct fx *)*state)->alice);
	snprintf(p.path, sizeof(p.path), "/dossiers/%s/relaties/nieuw",
		 p.f->kase.id);
	pc_get(&p, p.path);
	assert_int_equal(p.c->resp.status, 200);
	assert_non_null(strstr(p.c->body, "minstens twee personen"));
	pg_done(p.c);

	snprintf(p.path, sizeof(p.path), "/dossiers/%s/personen", p.f->kase.id);
	pc_post(&p, p.path, "given_name=Ann&role_victim=1");
	assert_int_equal(p.c->resp.status, 303);
	pg_done(p.c);
	pc_post(&p, p.path, "given_name=Bas&role_perpetrator=1");
	assert_int_equal(p.c->resp.status, 303);
	pg_done(p.c);
	assert_int_equal(persons_of(p.f, &ps), 2);

	snprintf(p.path, sizeof(p.path), "/dossiers/%s/relaties", p.f->kase.id);
	snprintf(form, sizeof(form), "person_a=%s&kind=partner", ps[0].id);
	pc_post(&p, p.path, form);
	assert_int_equal(p.c->resp.status, 400);
	assert_non_null(strstr(p.c->body, "Kies de tweede persoon"));
	assert_non_null(strstr(p.c->body, "value=\"partner\" selected"));
	pg_done(p.c);
	assert_int_equal(journal_len(p.f), 3);

	snprintf(form, sizeof(form), "person_a=%s&kind=ex_partner&person_b=%s",
		 ps[0].id, ps[1].id);
	pc_post(&p, p.path, form);
	assert_int_equal(p.c->resp.status, 303);
	pg_done(p.c);
	assert_int_equal(journal_len(p.f), 4);
	snprintf(p.path, sizeof(p.path), "/dossiers/%s", p.f->kase.id);
	pc_get(&p, p.path);
	assert_non_null(strstr(p.c->body, "Ex-partner"));
	assert_non_null(strstr(p.c->body, "zijn ex-partners."));
	pg_done(p.c);
	pc_end(&p);
}

static void
test_incident_form(void **state)
{
	struct pc p;
	struct incident *in = NULL;
	struct ct_error err;
	char form[2048];
	size_t i, n = 0, len;

	pc_begin(state, &p, &((struct fx *)*state)->alice);
	snprintf(p.path, sizeof(p.path), "/dossiers/%s/incidenten",
		 p.f->kase.id);
	pc_post(&p, p.path, "occurred_at=2026-07-12T09%3A30&location=Thuis");
	assert_int_equal(p.c->resp.status, 400);
	assert_non_null(strstr(p.c->body, "geweldstype of geweldsvorm"));
	assert_non_null(strstr(p.c->body, "De beschrijving is verplicht"));
	assert_non_null(strstr(p.c->body, "value=\"2026-07-12T09:30\""));
	pg_done(p.c);
	assert_int_equal(journal_len(p.f), 1);

	/* local time of the case (CEST), every box a field, two lines */
	len = (size_t)snprintf(form, sizeof(form),
			       "occurred_at=2026-07-12T09%%3A30&severity="
			       "serious&description=Regel+1%%0D%%0ARegel+2");
	for (i = 0; i < vocab_violence_type.count; i++)
		len += (size_t)snprintf(form + len, sizeof(form) - len,
					"&type_%s=1",
					vocab_violence_type.terms[i].code);
	for (i = 0; i < vocab_violence_form.count; i++)
		len += (size_t)snprintf(form + len, sizeof(form) - len,
					"&form_%s=1",
					vocab_violence_form.terms[i].code);
	pc_post(&p, p.path, form);
	assert_int_equal(p.c->resp.status, 303);
	pg_done(p.c);
	assert_int_equal(store_incident_list(p.f->st, p.f->kase.id, &p.f->a,
					     &in, &n, &err),
			 CT_OK);
	assert_int_equal(n, 1);
	assert_int_equal(in[0].occurred_at, INT64_C(1783841400)); /* 07:30Z */
	assert_int_equal(in[0].types, vocab_mask_all(&vocab_violence_type));
	assert_int_equal(in[0].forms, vocab_mask_all(&vocab_violence_form));
	/* the browser's CR LF is stored as LF (form.c) */
	assert_string_equal(in[0].description, "Regel 1\nRegel 2");
	assert_int_equal(in[0].severity, SEVERITY_SERIOUS);
	pc_end(&p);
}

static void
test_team_forms(void **state)
{
	struct pc p, b;
	char form[512];

	pc_begin(state, &p, &((struct fx *)*state)->alice);
	snprintf(p.path, sizeof(p.path), "/dossiers/%s/team", p.f->kase.id);
	pc_get(&p, p.path);
	assert_int_equal(p.c->resp.status, 200);
	assert_non_null(strstr(p.c->body, "eigenaar van het dossier"));
	assert_non_null(strstr(p.c->body, p.f->org_b.id)); /* a choice */
	pg_done(p.c);

	snprintf(form, sizeof(form), "org_id=%s&reason=kort", p.f->org_b.id);
	pc_post(&p, p.path, form);
	assert_int_equal(p.c->resp.status, 400);
	assert_non_null(strstr(p.c->body, "Geef een reden van 10 tot"));
	assert_non_null(strstr(p.c->body, "value=\"kort\""));
	pg_done(p.c);
	assert_int_equal(journal_len(p.f), 1);

	snprintf(form, sizeof(form),
		 "org_id=%s&reason=Verdachte+woont+in+Rotterdam",
		 p.f->org_b.id);
	pc_post(&p, p.path, form);
	assert_int_equal(p.c->resp.status, 303);
	pg_done(p.c);
	assert_int_equal(journal_len(p.f), 2);

	/* Rotterdam now reads the case, but may not change the team */
	pc_begin(state, &b, &((struct fx *)*state)->bob);
	snprintf(b.path, sizeof(b.path), "/dossiers/%s/team", b.f->kase.id);
	pc_get(&b, b.path);
	assert_int_equal(b.c->resp.status, 200);
	assert_non_null(strstr(b.c->body, "Alleen de eigenaar"));
	assert_null(strstr(b.c->body, "/verwijderen"));
	pg_done(b.c);
	pc_post(&b, b.path, form);
	assert_int_equal(b.c->resp.status, 403);
	pg_done(b.c);

	/* the owner cannot leave; Rotterdam can be taken off */
	snprintf(p.path, sizeof(p.path), "/dossiers/%s/team/%s/verwijderen",
		 p.f->kase.id, p.f->org_a.id);
	pc_post(&p, p.path, "reason=Wij+stoppen+ermee");
	assert_int_equal(p.c->resp.status, 403);
	assert_non_null(strstr(p.c->body, "niet verlaten"));
	pg_done(p.c);
	snprintf(p.path, sizeof(p.path), "/dossiers/%s/team/%s/verwijderen",
		 p.f->kase.id, p.f->org_b.id);
	pc_post(&p, p.path, "reason=Klaar");
	assert_int_equal(p.c->resp.status, 400);
	snprintf(form, sizeof(form), "href=\"#reason-%s\"", p.f->org_b.id);
	assert_non_null(strstr(p.c->body, form));
	pg_done(p.c);
	pc_post(&p, p.path, "reason=Taak+van+Rotterdam+klaar");
	assert_int_equal(p.c->resp.status, 303);
	pg_done(p.c);
	assert_int_equal(journal_len(p.f), 3);
	snprintf(b.path, sizeof(b.path), "/dossiers/%s", b.f->kase.id);
	pc_get(&b, b.path);
	assert_int_equal(b.c->resp.status, 404);
	pg_done(b.c);
	pc_end(&b);
	pc_end(&p);
}

static void
test_journal_pages(void **state)
{
	struct pc p;
	char form[64];
	int i;

	pc_begin(state, &p, &((struct fx *)*state)->alice);
	snprintf(p.path, sizeof(p.path), "/dossiers/%s/personen", p.f->kase.id);
	for (i = 0; i < PAGE_JOURNAL_PAGE_SIZE; i++) {
		snprintf(form, sizeof(form), "given_name=P%02d&role_child=1",
			 i);
		pc_post(&p, p.path, form);
		assert_int_equal(p.c->resp.status, 303);
		pg_done(p.c);
	}
	/* 26 entries: the newest 25 first, the opening on page 2 */
	snprintf(p.path, sizeof(p.path), "/dossiers/%s/journaal", p.f->kase.id);
	pc_get(&p, p.path);
	assert_int_equal(p.c->resp.status, 200);
	assert_non_null(strstr(p.c->body, "26 regels"));
	assert_true(strstr(p.c->body, "Persoon toegevoegd: P24") <
		    strstr(p.c->body, "Persoon toegevoegd: P23"));
	assert_null(strstr(p.c->body, "Dossier geopend"));
	assert_non_null(strstr(p.c->body, "journaal?pagina=2"));
	assert_non_null(strstr(
		p.c->body, "<time datetime=\"2026-07-13T12:00:00+02:00\">"));
	pg_done(p.c);
	snprintf(p.path, sizeof(p.path), "/dossiers/%s/journaal?pagina=2",
		 p.f->kase.id);
	pc_get(&p, p.path);
	assert_int_equal(p.c->resp.status, 200);
	assert_non_null(strstr(p.c->body, "Dossier geopend"));
	assert_non_null(strstr(p.c->body, "journaal?pagina=1"));
	pg_done(p.c);
	snprintf(p.path, sizeof(p.path), "/dossiers/%s/journaal?pagina=0",
		 p.f->kase.id);
	pc_get(&p, p.path);
	assert_int_equal(p.c->resp.status, 400);
	pg_done(p.c);
	/* the case file's timeline: the newest ten */
	snprintf(p.path, sizeof(p.path), "/dossiers/%s", p.f->kase.id);
	pc_get(&p, p.path);
	assert_non_null(strstr(p.c->body, "Persoon toegevoegd: P24"));
	assert_null(strstr(p.c->body, "Persoon toegevoegd: P14"));
	pg_done(p.c);
	pc_end(&p);
}

static void
test_csrf_required(void **state)
{
	struct pc p;
	char body[128];

	pc_begin(state, &p, &((struct fx *)*state)->alice);
	snprintf(p.path, sizeof(p.path), "/dossiers/%s/personen", p.f->kase.id);
	pg_request(p.f, p.c, HTTP_METHOD_POST, p.path, p.cookie,
		   "given_name=X&role_victim=1");
	assert_int_equal(p.c->resp.status, 403);
	pg_done(p.c);
	snprintf(body, sizeof(body), "csrf_token=%043d&given_name=X", 0);
	pg_request(p.f, p.c, HTTP_METHOD_POST, p.path, p.cookie, body);
	assert_int_equal(p.c->resp.status, 403);
	pg_done(p.c);
	assert_int_equal(journal_len(p.f), 1);
	pc_end(&p);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test_setup_teardown(test_case_file, pg_setup,
						fx_teardown),
		cmocka_unit_test_setup_teardown(test_outside_the_team_is_absent,
						pg_setup, fx_teardown),
		cmocka_unit_test_setup_teardown(test_new_case, pg_setup,
						fx_teardown),
		cmocka_unit_test_setup_teardown(test_person_form, pg_setup,
						fx_teardown),
		cmocka_unit_test_setup_teardown(test_relation_form, pg_setup,
						fx_teardown),
		cmocka_unit_test_setup_teardown(test_incident_form, pg_setup,
						fx_teardown),
		cmocka_unit_test_setup_teardown(test_team_forms, pg_setup,
						fx_teardown),
		cmocka_unit_test_setup_teardown(test_journal_pages, pg_setup,
						fx_teardown),
		cmocka_unit_test_setup_teardown(test_csrf_required, pg_setup,
						fx_teardown),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
