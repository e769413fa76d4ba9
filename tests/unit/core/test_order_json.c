/*
 * test_order_json.c - steps and orders as JSON: strict reading (every
 * problem at once, unknown members, types, limits), the round trip of
 * every kind's details, the body {kind, at, details, version}, and the
 * order record.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <cmocka.h>

#include "core/model_json.h"
#include "core/order_json.h"

#define UUID_A "aaaaaaaa-0000-4000-8000-000000000001"
#define UUID_B "bbbbbbbb-0000-4000-8000-000000000002"

static json_t *
parse(const char *text)
{
	json_error_t e;
	json_t *j = json_loads(text, 0, &e);

	if (!j)
		fail_msg("test JSON: %s", e.text);
	return j;
}

static int
has_problem(const struct ct_problems *p, const char *field)
{
	size_t i;

	for (i = 0; i < p->count; i++)
		if (strcmp(p->items[i].field, field) == 0)
			return 1;
	return 0;
}

static size_t
read_kind(enum order_step_kind kind, const char *text, struct arena *a,
	  struct order_step *s, struct ct_problems *p)
{
	json_t *j = parse(text);
	size_t n;

	ct_problems_init(p);
	s->at = 0;
	n = order_step_from_json(kind, j, a, s, p);
	json_decref(j);
	return n;
}

static void
test_decide_reads(void **state)
{
	struct arena a;
	struct order_step s;
	struct ct_problems p;

	(void)state;
	arena_init(&a, ARENA_MAX_DEFAULT);
	assert_int_equal(
		read_kind(
			ORDER_STEP_DECIDE,
			"{\"impose\": true, \"oral\": true, \"mandate\": "
			"\"deciding\", \"mandate_reference\": \"Mandaatbesluit "
			"2026\", \"place\": \"Dorpsstraat 1\", "
			"\"facts\": \"Ruzie\", \"protected_names\": [\"Anna\","
			" \"Sem\"], \"subject_resides\": true, "
			"\"serious_danger\": true, \"imposed_at\": "
			"\"2026-07-13T12:00:00+02:00\", \"note\": \"n\"}",
			&a, &s, &p),
		0);
	assert_int_equal(s.kind, ORDER_STEP_DECIDE);
	assert_true(s.u.decide.impose);
	assert_int_equal(s.u.decide.mandate, ORDER_MANDATE_DECIDING);
	assert_string_equal(s.u.decide.mandate_reference,
			    "Mandaatbesluit 2026");
	assert_int_equal(s.u.decide.n_protected_names, 2);
	assert_string_equal(s.u.decide.protected_names[1], "Sem");
	assert_true(s.u.decide.imposed_at == INT64_C(1783936800));
	assert_string_equal(s.note, "n");
	arena_release(&a);
}

/* Every problem at once, each under details.<member>. */
static void
test_every_problem(void **state)
{
	struct arena a;
	struct order_step s;
	struct ct_problems p;

	(void)state;
	arena_init(&a, ARENA_MAX_DEFAULT);
	assert_int_equal(read_kind(ORDER_STEP_DECIDE,
				   "{\"oral\": 1, \"mandate\": \"koning\", "
				   "\"facts\": 7, \"ends_at\": "
				   "\"2026-07-13 12:00\", \"colour\": \"red\","
				   " \"protected_names\": \"Anna\"}",
				   &a, &s, &p),
			 7);
	assert_true(has_problem(&p, "details.impose"));	 /* missing */
	assert_true(has_problem(&p, "details.oral"));	 /* not a bool */
	assert_true(has_problem(&p, "details.mandate")); /* unknown code */
	assert_true(has_problem(&p, "details.facts"));
	assert_true(has_problem(&p, "details.ends_at")); /* no offset */
	assert_true(has_problem(&p, "details.colour"));	 /* unknown */
	assert_true(has_problem(&p, "details.protected_names"));
	/* A member of another kind is unknown here. */
	assert_int_equal(read_kind(ORDER_STEP_KEYS, "{\"how\": \"in_person\"}",
				   &a, &s, &p),
			 1);
	assert_true(has_problem(&p, "details.how"));
	/* Not an object. */
	assert_int_equal(read_kind(ORDER_STEP_KEYS, "[1]", &a, &s, &p), 1);
	assert_true(has_problem(&p, "details"));
	arena_release(&a);
}

static void
test_limits_and_text(void **state)
{
	struct arena a;
	struct order_step s;
	struct ct_problems p;
	char *big = malloc(ORDER_PHONE_MAX + 64);
	char *text;
	size_t n;

	(void)state;
	assert_non_null(big);
	arena_init(&a, ARENA_MAX_DEFAULT);
	memset(big, '1', ORDER_PHONE_MAX + 1);
	big[ORDER_PHONE_MAX + 1] = '\0';
	n = strlen(big) + 64;
	text = malloc(n);
	assert_non_null(text);
	snprintf(text, n, "{\"phone\": \"%s\"}", big);
	assert_int_equal(read_kind(ORDER_STEP_STAY_ADDRESS, text, &a, &s, &p),
			 1);
	assert_true(has_problem(&p, "details.phone"));
	/* An id must be a UUID; a list of ids too. */
	assert_int_equal(read_kind(ORDER_STEP_OPEN,
				   "{\"route\": \"acute\", "
				   "\"subject_person_id\": \"piet\", "
				   "\"protected_person_ids\": [\"" UUID_A
				   "\", 3]}",
				   &a, &s, &p),
			 2);
	assert_true(has_problem(&p, "details.subject_person_id"));
	assert_true(has_problem(&p, "details.protected_person_ids"));
	/* Parties: codes, no repeats. */
	assert_int_equal(read_kind(ORDER_STEP_INFORM,
				   "{\"parties\": [\"mayor\", \"mayor\"]}", &a,
				   &s, &p),
			 1);
	free(text);
	free(big);
	arena_release(&a);
}

/* Every kind: details written and read back give the same details. */
static void
test_round_trip(void **state)
{
	static const char *const names[] = {"Anna"};
	static const char *const ids[] = {UUID_B};
	struct arena a;
	struct order_step s, back;
	struct ct_problems p;
	unsigned k;

	(void)state;
	arena_init(&a, ARENA_MAX_DEFAULT);
	for (k = 0; k < ORDER_STEP__COUNT; k++) {
		json_t *j, *j2;
		char *t1, *t2;

		memset(&s, 0, sizeof(s));
		s.kind = (enum order_step_kind)k;
		s.note = "notitie";
		s.u.open.route = ORDER_ROUTE_PLANNED;
		switch (s.kind) {
		case ORDER_STEP_OPEN:
			s.u.open.subject_person_id = UUID_A;
			s.u.open.protected_person_ids = ids;
			s.u.open.n_protected = 1;
			s.u.open.place = "Dorpsstraat 1";
			s.u.open.children_involved = 1;
			break;
		case ORDER_STEP_ASSESS:
			s.u.assess.risk_assessment_id = UUID_A;
			break;
		case ORDER_STEP_HEAR:
			s.u.hear.person_id = UUID_A;
			break;
		case ORDER_STEP_DECIDE:
			s.u.decide.impose = 1;
			s.u.decide.protected_names = names;
			s.u.decide.n_protected_names = 1;
			s.u.decide.ends_at = INT64_C(1783936800);
			break;
		case ORDER_STEP_SERVE:
			s.u.serve.how = ORDER_SERVICE_TOWN_HALL;
			break;
		case ORDER_STEP_INFORM:
			s.u.inform.parties = CT_BIT(ORDER_PARTY_LAWYER);
			break;
		case ORDER_STEP_HEARING:
			s.u.hearing.hearing_at = INT64_C(1783936800);
			break;
		case ORDER_STEP_VIOLATION:
			s.u.violation.channel = ORDER_CHANNEL_SOCIAL;
			s.u.violation.response = ORDER_RESPONSE_REPORT;
			break;
		default:
			memset(&s.u, 0, sizeof(s.u));
			break;
		}
		j = order_step_details_to_json(&s);
		ct_problems_init(&p);
		back.at = 0;
		assert_int_equal(order_step_from_json(s.kind, j, &a, &back, &p),
				 0);
		j2 = order_step_details_to_json(&back);
		t1 = model_json_dump(j);
		t2 = model_json_dump(j2);
		assert_string_equal(t1, t2);
		free(t1);
		free(t2);
		json_decref(j);
		json_decref(j2);
	}
	arena_release(&a);
}

static void
test_body(void **state)
{
	struct arena a;
	struct order_step s;
	struct ct_problems p;
	int64_t version;
	json_t *j;

	(void)state;
	arena_init(&a, ARENA_MAX_DEFAULT);
	j = parse("{\"kind\": \"serve\", \"at\": \"2026-07-13T10:00:00Z\", "
		  "\"version\": 3, \"details\": {\"how\": \"in_person\"}}");
	ct_problems_init(&p);
	assert_int_equal(order_step_body_from_json(j, &a, &s, &version, &p), 0);
	assert_int_equal(s.kind, ORDER_STEP_SERVE);
	assert_true(s.at == INT64_C(1783936800));
	assert_true(version == 3);
	assert_int_equal(s.u.serve.how, ORDER_SERVICE_IN_PERSON);
	json_decref(j);
	j = parse("{\"kind\": \"vliegen\", \"extra\": 1}");
	ct_problems_init(&p);
	assert_int_equal(order_step_body_from_json(j, &a, &s, &version, &p), 3);
	assert_true(has_problem(&p, "kind"));
	assert_true(has_problem(&p, "at"));
	assert_true(has_problem(&p, "extra"));
	json_decref(j);
	arena_release(&a);
}

static void
test_order_record(void **state)
{
	struct order o;
	json_t *j;

	(void)state;
	order_init(&o, CT_COUNTRY_BE);
	o.state = ORDER_STATE_EXTENDED;
	o.imposed_at = INT64_C(1783936800);
	o.informed = CT_BIT(ORDER_PARTY_VICTIM_SUPPORT);
	o.version = 4;
	j = order_to_json(&o);
	assert_string_equal(json_string_value(json_object_get(j, "state")),
			    "extended");
	assert_string_equal(
		json_string_value(json_object_get(j, "jurisdiction")), "BE");
	assert_string_equal(json_string_value(json_object_get(j, "imposed_at")),
			    "2026-07-13T10:00:00Z");
	assert_null(json_object_get(j, "ends_at")); /* 0: not set */
	assert_string_equal(json_string_value(json_array_get(
				    json_object_get(j, "informed"), 0)),
			    "victim_support");
	assert_int_equal(json_integer_value(json_object_get(j, "version")), 4);
	json_decref(j);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_decide_reads),
		cmocka_unit_test(test_every_problem),
		cmocka_unit_test(test_limits_and_text),
		cmocka_unit_test(test_round_trip),
		cmocka_unit_test(test_body),
		cmocka_unit_test(test_order_record),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
