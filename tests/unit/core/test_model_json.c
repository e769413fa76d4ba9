/*
 * test_model_json.c - exact JSON of sample records: field names, codes,
 * dates, instants, omitted fields, sorted keys and compact output.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <cmocka.h>

#include "core/model_json.h"

/* 2026-07-13T12:00:00Z */
#define NOW INT64_C(1783944000)

#define UUID_A "0b6f7c1e-4f4a-4d7e-9a53-2f1b6c0e8d11"
#define UUID_B "5d2e8a90-1c3b-4e6f-8a7d-9b0c1d2e3f40"
#define UUID_C "9f8e7d6c-5b4a-4c3d-8e2f-1a0b9c8d7e6f"

/* Dump j, compare with want, and release both. */
static void
assert_json(json_t *j, const char *want)
{
	char *got;

	assert_non_null(j);
	got = model_json_dump(j);
	if (strcmp(got, want) != 0)
		fail_msg("JSON differs\n got: %s\nwant: %s", got, want);
	free(got);
	json_decref(j);
}

static void
test_case(void **state)
{
	struct ct_case c;

	(void)state;
	memset(&c, 0, sizeof(c));
	snprintf(c.id, sizeof(c.id), "%s", UUID_A);
	snprintf(c.reference, sizeof(c.reference), "%s", "AMS-2026-00123");
	c.jurisdiction = CT_COUNTRY_NL;
	c.region = "AMS";
	snprintf(c.owner_org_id, sizeof(c.owner_org_id), "%s", UUID_B);
	c.status = CASE_STATUS_OPEN;
	c.pattern = PATTERN_INTIMATE_TERRORISM;
	c.created_at = NOW;
	c.updated_at = NOW + 61;
	c.version = 3;
	assert_json(case_to_json(&c),
		    "{\"created_at\":\"2026-07-13T12:00:00Z\","
		    "\"id\":\"" UUID_A "\","
		    "\"jurisdiction\":\"NL\","
		    "\"owner_org_id\":\"" UUID_B "\","
		    "\"pattern\":\"intimate_terrorism\","
		    "\"reference\":\"AMS-2026-00123\","
		    "\"region\":\"AMS\","
		    "\"status\":\"open\","
		    "\"updated_at\":\"2026-07-13T12:01:01Z\","
		    "\"version\":3}");

	/* A new case: no id, no reference yet, Belgian, closed. */
	c.id[0] = '\0';
	c.reference[0] = '\0';
	c.jurisdiction = CT_COUNTRY_BE;
	c.region = "LEU";
	c.status = CASE_STATUS_CLOSED;
	c.pattern = PATTERN_UNKNOWN;
	c.created_at = 0;
	c.updated_at = 0;
	c.version = 0;
	assert_json(case_to_json(&c),
		    "{\"created_at\":\"1970-01-01T00:00:00Z\","
		    "\"jurisdiction\":\"BE\","
		    "\"owner_org_id\":\"" UUID_B "\","
		    "\"pattern\":\"unknown\","
		    "\"region\":\"LEU\","
		    "\"status\":\"closed\","
		    "\"updated_at\":\"1970-01-01T00:00:00Z\","
		    "\"version\":0}");
}

static void
test_person(void **state)
{
	struct person pe;

	(void)state;
	memset(&pe, 0, sizeof(pe));
	snprintf(pe.id, sizeof(pe.id), "%s", UUID_C);
	snprintf(pe.case_id, sizeof(pe.case_id), "%s", UUID_A);
	pe.given_name = "Zo\xc3\xab";
	pe.family_name = "d'Hondt";
	pe.has_birth_date = 1;
	pe.birth_date = (struct ct_date){1965, 3, 9};
	pe.sex = PERSON_SEX_FEMALE;
	pe.rrn = "65030900157";
	pe.roles = CT_BIT(PERSON_ROLE_REMAINING) | CT_BIT(PERSON_ROLE_VICTIM);
	pe.version = 12;
	/* UTF-8 stays UTF-8 (no \u escapes); no bsn: omitted. */
	assert_json(person_to_json(&pe), "{\"birth_date\":\"1965-03-09\","
					 "\"case_id\":\"" UUID_A "\","
					 "\"family_name\":\"d'Hondt\","
					 "\"given_name\":\"Zo\xc3\xab\","
					 "\"id\":\"" UUID_C "\","
					 "\"roles\":[\"victim\",\"remaining\"],"
					 "\"rrn\":\"65030900157\","
					 "\"sex\":\"female\","
					 "\"version\":12}");

	/* Minimal: no birth date, no names but one, no roles. */
	memset(&pe, 0, sizeof(pe));
	pe.family_name = "Jansen";
	pe.bsn = "111222333";
	pe.birth_date = (struct ct_date){2000, 1, 1}; /* not flagged */
	assert_json(person_to_json(&pe), "{\"bsn\":\"111222333\","
					 "\"family_name\":\"Jansen\","
					 "\"roles\":[],"
					 "\"sex\":\"unknown\","
					 "\"version\":0}");
}

static void
test_person_bad_utf8_is_repaired(void **state)
{
	struct person pe;

	(void)state;
	memset(&pe, 0, sizeof(pe));
	pe.given_name = "Ren\xe9"; /* Latin-1 e-acute */
	pe.family_name = "a\xc3\xab\xff"
			 "b"; /* good, bad, good */
	pe.roles = CT_BIT(PERSON_ROLE_CHILD);
	assert_json(person_to_json(&pe),
		    "{\"family_name\":\"a\xc3\xab\xef\xbf\xbd"
		    "b\","
		    "\"given_name\":\"Ren\xef\xbf\xbd\","
		    "\"roles\":[\"child\"],"
		    "\"sex\":\"unknown\","
		    "\"version\":0}");
}

static void
test_relation(void **state)
{
	struct relation r;

	(void)state;
	memset(&r, 0, sizeof(r));
	snprintf(r.case_id, sizeof(r.case_id), "%s", UUID_A);
	snprintf(r.person_a, sizeof(r.person_a), "%s", UUID_B);
	snprintf(r.person_b, sizeof(r.person_b), "%s", UUID_C);
	r.kind = RELATION_EX_PARTNER;
	r.version = 1;
	assert_json(relation_to_json(&r), "{\"case_id\":\"" UUID_A "\","
					  "\"kind\":\"ex_partner\","
					  "\"person_a\":\"" UUID_B "\","
					  "\"person_b\":\"" UUID_C "\","
					  "\"version\":1}");
}

static void
test_incident(void **state)
{
	struct incident in;

	(void)state;
	memset(&in, 0, sizeof(in));
	snprintf(in.id, sizeof(in.id), "%s", UUID_B);
	snprintf(in.case_id, sizeof(in.case_id), "%s", UUID_A);
	in.occurred_at = NOW - 7200 - 60;
	in.types = CT_BIT(VIOLENCE_TYPE_PARTNER) |
		   CT_BIT(VIOLENCE_TYPE_CHILDREN_WITNESS);
	in.forms = CT_BIT(VIOLENCE_FORM_STALKING) |
		   CT_BIT(VIOLENCE_FORM_THREATS) |
		   CT_BIT(VIOLENCE_FORM_PHYSICAL);
	in.severity = SEVERITY_VERY_SERIOUS;
	in.location = "Amsterdam";
	in.description = "Sloeg met \"knuppel\".\nKinderen\tgetuige.";
	in.version = 2;
	assert_json(incident_to_json(&in),
		    "{\"case_id\":\"" UUID_A "\","
		    "\"description\":\"Sloeg met \\\"knuppel\\\".\\n"
		    "Kinderen\\tgetuige.\","
		    "\"forms\":[\"threats\",\"physical\",\"stalking\"],"
		    "\"id\":\"" UUID_B "\","
		    "\"location\":\"Amsterdam\","
		    "\"occurred_at\":\"2026-07-13T09:59:00Z\","
		    "\"severity\":\"very_serious\","
		    "\"types\":[\"partner\",\"children_witness\"],"
		    "\"version\":2}");
}

static void
test_org(void **state)
{
	struct org o;

	(void)state;
	memset(&o, 0, sizeof(o));
	snprintf(o.id, sizeof(o.id), "%s", UUID_A);
	o.name = "Veilig Huis Oost-Brabant";
	o.type = ORG_TYPE_VEILIG_HUIS;
	o.country = CT_COUNTRY_BE;
	o.email = "veilighuis.oostbrabant@vlaanderen.be";
	o.version = 7;
	assert_json(org_to_json(&o),
		    "{\"country\":\"BE\","
		    "\"email\":\"veilighuis.oostbrabant@vlaanderen.be\","
		    "\"id\":\"" UUID_A "\","
		    "\"name\":\"Veilig Huis Oost-Brabant\","
		    "\"type\":\"veilig_huis\","
		    "\"version\":7}");
}

static void
test_user(void **state)
{
	struct user u;

	(void)state;
	memset(&u, 0, sizeof(u));
	snprintf(u.id, sizeof(u.id), "%s", UUID_C);
	snprintf(u.org_id, sizeof(u.org_id), "%s", UUID_A);
	u.username = "j.jansen";
	u.display_name = "J. Jansen";
	u.roles = CT_BIT(USER_ROLE_COORDINATOR) | CT_BIT(USER_ROLE_ADMIN);
	u.active = 1;
	u.version = 4;
	assert_json(user_to_json(&u), "{\"active\":true,"
				      "\"display_name\":\"J. Jansen\","
				      "\"id\":\"" UUID_C "\","
				      "\"org_id\":\"" UUID_A "\","
				      "\"roles\":[\"admin\",\"coordinator\"],"
				      "\"username\":\"j.jansen\","
				      "\"version\":4}");
	u.active = 0;
	u.email = "j.jansen@gemeente.nl";
	u.roles = 0;
	assert_json(user_to_json(&u), "{\"active\":false,"
				      "\"display_name\":\"J. Jansen\","
				      "\"email\":\"j.jansen@gemeente.nl\","
				      "\"id\":\"" UUID_C "\","
				      "\"org_id\":\"" UUID_A "\","
				      "\"roles\":[],"
				      "\"username\":\"j.jansen\","
				      "\"version\":4}");
}

/* The dump is a fixed function of the value: same record, same bytes. */
static void
test_dump_is_stable_and_parses(void **state)
{
	struct incident in;
	json_t *a, *b, *back;
	json_error_t jerr;
	char *sa, *sb;

	(void)state;
	memset(&in, 0, sizeof(in));
	in.occurred_at = NOW;
	in.types = vocab_mask_all(&vocab_violence_type);
	in.forms = vocab_mask_all(&vocab_violence_form);
	in.description = "\xe2\x82\xac 5 schade";
	a = incident_to_json(&in);
	b = incident_to_json(&in);
	sa = model_json_dump(a);
	sb = model_json_dump(b);
	assert_string_equal(sa, sb);
	/* Compact: no blanks after separators. */
	assert_null(strstr(sa, "\": "));
	assert_null(strstr(sa, ", \""));
	back = json_loads(sa, 0, &jerr);
	assert_non_null(back);
	assert_true(json_equal(back, a));
	assert_int_equal(json_array_size(json_object_get(back, "types")),
			 VIOLENCE_TYPE__COUNT);
	assert_int_equal(json_array_size(json_object_get(back, "forms")),
			 VIOLENCE_FORM__COUNT);
	assert_string_equal(
		json_string_value(json_object_get(back, "description")),
		"\xe2\x82\xac 5 schade");
	json_decref(back);
	json_decref(a);
	json_decref(b);
	free(sa);
	free(sb);
}

/* ---- JSON to model ---- */

static json_t *
parse(const char *text)
{
	json_error_t e;
	json_t *j = json_loads(text, JSON_REJECT_DUPLICATES, &e);

	if (!j)
		fail_msg("test JSON does not parse: %s", e.text);
	return j;
}

/* 1 when p holds a problem for field whose message contains part. */
static int
has_problem(const struct ct_problems *p, const char *field, const char *part)
{
	size_t i;

	for (i = 0; i < p->count; i++)
		if (strcmp(p->items[i].field, field) == 0 &&
		    strstr(p->items[i].message, part))
			return 1;
	return 0;
}

static void
test_person_from_json_create(void **state)
{
	struct ct_problems p;
	struct person pe;
	json_t *j = parse("{\"given_name\":\"Anna\",\"family_name\":\"Jansen\","
			  "\"birth_date\":\"1985-02-28\",\"sex\":\"female\","
			  "\"bsn\":\"111222333\",\"roles\":[\"victim\","
			  "\"witness\"]}");

	(void)state;
	ct_problems_init(&p);
	memset(&pe, 0, sizeof(pe));
	assert_int_equal(person_from_json(j, MODEL_JSON_CREATE, &pe, &p), 0);
	assert_int_equal(p.count, 0);
	assert_string_equal(pe.given_name, "Anna");
	assert_string_equal(pe.family_name, "Jansen");
	assert_int_equal(pe.has_birth_date, 1);
	assert_int_equal(pe.birth_date.year, 1985);
	assert_int_equal(pe.birth_date.month, 2);
	assert_int_equal(pe.birth_date.day, 28);
	assert_int_equal(pe.sex, PERSON_SEX_FEMALE);
	assert_string_equal(pe.bsn, "111222333");
	assert_null(pe.rrn);
	assert_int_equal(pe.roles, CT_BIT(PERSON_ROLE_VICTIM) |
					   CT_BIT(PERSON_ROLE_WITNESS));
	json_decref(j);
}

static void
test_person_from_json_every_problem(void **state)
{
	struct ct_problems p;
	struct person pe;
	json_t *j = parse("{\"given_name\":5,\"birth_date\":\"1985-02-30\","
			  "\"sex\":\"dragon\",\"roles\":[\"victim\","
			  "\"victim\"],\"shoe_size\":44,\"version\":3}");

	(void)state;
	ct_problems_init(&p);
	memset(&pe, 0, sizeof(pe));
	assert_int_equal(person_from_json(j, MODEL_JSON_CREATE, &pe, &p), 6);
	assert_int_equal(p.count, 6);
	assert_true(has_problem(&p, "given_name", "tekst"));
	assert_true(has_problem(&p, "birth_date", "datum"));
	assert_true(has_problem(&p, "sex", "onbekende waarde"));
	assert_true(has_problem(&p, "roles", "dubbel"));
	assert_true(has_problem(&p, "shoe_size", "onbekend veld"));
	/* version is not part of a new person */
	assert_true(has_problem(&p, "version", "onbekend veld"));
	json_decref(j);
}

static void
test_person_from_json_update(void **state)
{
	struct ct_problems p;
	struct person pe;
	json_t *j = parse("{\"family_name\":\"de Vries\",\"bsn\":null,"
			  "\"birth_date\":null,\"version\":4}");
	json_t *no_version = parse("{\"family_name\":\"X\"}");
	json_t *null_roles = parse("{\"roles\":null,\"version\":1}");

	(void)state;
	ct_problems_init(&p);
	memset(&pe, 0, sizeof(pe));
	pe.given_name = "Anna";
	pe.family_name = "Jansen";
	pe.bsn = "111222333";
	pe.has_birth_date = 1;
	pe.roles = CT_BIT(PERSON_ROLE_VICTIM);
	pe.version = 4;
	assert_int_equal(person_from_json(j, MODEL_JSON_UPDATE, &pe, &p), 0);
	/* untouched, changed, cleared */
	assert_string_equal(pe.given_name, "Anna");
	assert_string_equal(pe.family_name, "de Vries");
	assert_null(pe.bsn);
	assert_int_equal(pe.has_birth_date, 0);
	assert_int_equal(pe.roles, CT_BIT(PERSON_ROLE_VICTIM));
	assert_int_equal(pe.version, 4);

	assert_int_equal(
		person_from_json(no_version, MODEL_JSON_UPDATE, &pe, &p), 1);
	assert_true(has_problem(&p, "version", "ontbreekt"));
	/* roles may not be cleared, only replaced */
	ct_problems_init(&p);
	assert_int_equal(
		person_from_json(null_roles, MODEL_JSON_UPDATE, &pe, &p), 1);
	assert_true(has_problem(&p, "roles", "null"));
	json_decref(j);
	json_decref(no_version);
	json_decref(null_roles);
}

static void
test_case_from_json(void **state)
{
	struct ct_problems p;
	struct ct_case c;
	json_t *create = parse("{\"jurisdiction\":\"BE\",\"region\":\"LIM\","
			       "\"pattern\":\"situational\"}");
	json_t *update = parse("{\"status\":\"closed\",\"version\":2}");
	json_t *bad = parse("{\"status\":\"open\",\"region\":\"AMS\","
			    "\"version\":\"2\"}");
	json_t *missing = parse("{}");

	(void)state;
	ct_problems_init(&p);
	memset(&c, 0, sizeof(c));
	assert_int_equal(case_from_json(create, MODEL_JSON_CREATE, &c, &p), 0);
	assert_int_equal(c.jurisdiction, CT_COUNTRY_BE);
	assert_string_equal(c.region, "LIM");
	assert_int_equal(c.pattern, PATTERN_SITUATIONAL);

	assert_int_equal(case_from_json(update, MODEL_JSON_UPDATE, &c, &p), 0);
	assert_int_equal(c.status, CASE_STATUS_CLOSED);
	assert_int_equal(c.version, 2);
	assert_int_equal(c.pattern, PATTERN_SITUATIONAL);

	/* region cannot change; version must be a number */
	assert_int_equal(case_from_json(bad, MODEL_JSON_UPDATE, &c, &p), 2);
	assert_true(has_problem(&p, "region", "onbekend veld"));
	assert_true(has_problem(&p, "version", "versienummer"));

	ct_problems_init(&p);
	assert_int_equal(case_from_json(missing, MODEL_JSON_CREATE, &c, &p),
			 2);
	assert_true(has_problem(&p, "jurisdiction", "ontbreekt"));
	assert_true(has_problem(&p, "region", "ontbreekt"));
	json_decref(create);
	json_decref(update);
	json_decref(bad);
	json_decref(missing);
}

static void
test_not_an_object(void **state)
{
	struct ct_problems p;
	struct ct_case c;
	struct relation r;
	json_t *arr = parse("[1,2]");

	(void)state;
	ct_problems_init(&p);
	memset(&c, 0, sizeof(c));
	memset(&r, 0, sizeof(r));
	assert_int_equal(case_from_json(arr, MODEL_JSON_CREATE, &c, &p), 1);
	assert_true(has_problem(&p, "_", "JSON-object"));
	assert_int_equal(relation_from_json(NULL, &r, &p), 1);
	json_decref(arr);
}

static void
test_relation_from_json(void **state)
{
	struct ct_problems p;
	struct relation r;
	json_t *good = parse("{\"person_a\":\"" UUID_A "\",\"person_b\":\"" UUID_B
			     "\",\"kind\":\"parent\"}");
	json_t *bad = parse("{\"person_a\":\"../etc/passwd\",\"person_b\":7,"
			    "\"kind\":\"cousin\"}");

	(void)state;
	ct_problems_init(&p);
	memset(&r, 0, sizeof(r));
	assert_int_equal(relation_from_json(good, &r, &p), 0);
	assert_string_equal(r.person_a, UUID_A);
	assert_string_equal(r.person_b, UUID_B);
	assert_int_equal(r.kind, RELATION_PARENT);
	memset(&r, 0, sizeof(r));
	assert_int_equal(relation_from_json(bad, &r, &p), 3);
	assert_true(has_problem(&p, "person_a", "UUID"));
	assert_true(has_problem(&p, "person_b", "UUID"));
	assert_true(has_problem(&p, "kind", "onbekende waarde"));
	assert_string_equal(r.person_a, "");
	json_decref(good);
	json_decref(bad);
}

static void
test_incident_from_json(void **state)
{
	struct ct_problems p;
	struct incident in;
	json_t *good = parse(
		"{\"occurred_at\":\"2026-07-13T13:59:00+02:00\","
		"\"types\":[\"partner\"],\"forms\":[\"physical\",\"threats\"],"
		"\"severity\":\"serious\",\"description\":\"Ruzie\"}");
	json_t *local = parse("{\"occurred_at\":\"2026-07-13T13:59:00\","
			      "\"types\":\"partner\",\"description\":null}");

	(void)state;
	ct_problems_init(&p);
	memset(&in, 0, sizeof(in));
	assert_int_equal(incident_from_json(good, MODEL_JSON_CREATE, &in, &p),
			 0);
	assert_int_equal(in.occurred_at, NOW - 60);
	assert_int_equal(in.types, CT_BIT(VIOLENCE_TYPE_PARTNER));
	assert_int_equal(in.forms, CT_BIT(VIOLENCE_FORM_PHYSICAL) |
					   CT_BIT(VIOLENCE_FORM_THREATS));
	assert_int_equal(in.severity, SEVERITY_SERIOUS);
	assert_string_equal(in.description, "Ruzie");
	assert_null(in.location);
	/* a time without a zone is ambiguous: refused */
	assert_int_equal(incident_from_json(local, MODEL_JSON_CREATE, &in, &p),
			 3);
	assert_true(has_problem(&p, "occurred_at", "tijdstip"));
	assert_true(has_problem(&p, "types", "lijst"));
	assert_true(has_problem(&p, "description", "null"));
	json_decref(good);
	json_decref(local);
}

static void
test_org_and_user_from_json(void **state)
{
	struct ct_problems p;
	struct org o;
	struct user u;
	json_t *org = parse("{\"name\":\"Politie Limburg\",\"type\":\"police\","
			    "\"country\":\"BE\"}");
	json_t *user = parse("{\"org_id\":\"" UUID_A "\",\"username\":\"an.p\","
			     "\"display_name\":\"An P\",\"roles\":"
			     "[\"police_officer\"]}");
	json_t *patch = parse("{\"active\":false,\"version\":2,"
			      "\"username\":\"x\"}");

	(void)state;
	ct_problems_init(&p);
	memset(&o, 0, sizeof(o));
	memset(&u, 0, sizeof(u));
	assert_int_equal(org_from_json(org, MODEL_JSON_CREATE, &o, &p), 0);
	assert_string_equal(o.name, "Politie Limburg");
	assert_int_equal(o.type, ORG_TYPE_POLICE);
	assert_int_equal(o.country, CT_COUNTRY_BE);
	assert_int_equal(user_from_json(user, MODEL_JSON_CREATE, &u, &p), 0);
	assert_string_equal(u.org_id, UUID_A);
	assert_string_equal(u.username, "an.p");
	assert_int_equal(u.roles, CT_BIT(USER_ROLE_POLICE_OFFICER));
	u.active = 1;
	/* the user name is fixed once created */
	assert_int_equal(user_from_json(patch, MODEL_JSON_UPDATE, &u, &p), 1);
	assert_true(has_problem(&p, "username", "onbekend veld"));
	assert_int_equal(u.active, 0);
	assert_int_equal(u.version, 2);
	json_decref(org);
	json_decref(user);
	json_decref(patch);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_case),
		cmocka_unit_test(test_person),
		cmocka_unit_test(test_person_bad_utf8_is_repaired),
		cmocka_unit_test(test_relation),
		cmocka_unit_test(test_incident),
		cmocka_unit_test(test_org),
		cmocka_unit_test(test_user),
		cmocka_unit_test(test_dump_is_stable_and_parses),
		cmocka_unit_test(test_person_from_json_create),
		cmocka_unit_test(test_person_from_json_every_problem),
		cmocka_unit_test(test_person_from_json_update),
		cmocka_unit_test(test_case_from_json),
		cmocka_unit_test(test_not_an_object),
		cmocka_unit_test(test_relation_from_json),
		cmocka_unit_test(test_incident_from_json),
		cmocka_unit_test(test_org_and_user_from_json),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
