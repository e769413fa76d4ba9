#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <string.h>
#include <cmocka.h>

#include "docs/doc_check.h"
#include "docs/doc_json.h"
#include "doc_fixture.h"

static const char valid[] =
	"{\"case_reference\": \"AMS-2026-00123\", \"authority\": \"Amsterdam\","
	" \"decider_name\": \"J. de Vries\", \"decider_role\": \"hovj\","
	" \"mandate\": \"signing\", \"mandate_reference\": \"Mandaatbesluit\","
	" \"removed\": {\"name\": \"Peter Jansen\", \"birth_date\": "
	"\"1984-02-29\"},"
	" \"address\": \"Kerkstraat 12\", \"start\": \"2026-03-20T13:59\","
	" \"end\": \"2026-03-30T13:59\", \"oral_first\": true,"
	" \"facts\": \"Feiten.\\nMeer.\", \"protected_names\": [\"Zoë\", "
	"\"Noël\"],"
	" \"signed_place\": \"Amsterdam\", \"signed_date\": \"2026-03-20\"}";

static const struct ct_problem *
problem(const struct ct_problems *p, const char *field, const char *part)
{
	size_t i;

	for (i = 0; i < p->count; i++)
		if (strcmp(p->items[i].field, field) == 0 &&
		    strstr(p->items[i].message, part))
			return &p->items[i];
	for (i = 0; i < p->count; i++)
		fprintf(stderr, "  %s: %s\n", p->items[i].field,
			p->items[i].message);
	return NULL;
}

static void
test_valid_description(void **state)
{
	struct ct_problems p;
	struct doc_json dj;
	const struct doc_input *in = &dj.input;

	(void)state;
	ct_problems_init(&p);
	assert_int_equal(doc_json_parse(valid, strlen(valid), DOC_DECISION,
					CT_COUNTRY_NL, &dj, &p),
			 CT_OK);
	assert_int_equal(in->kind, DOC_DECISION);
	assert_string_equal(in->address, "Kerkstraat 12");
	assert_int_equal(in->decider_role, DOC_ROLE_HOVJ);
	assert_int_equal(in->mandate, DOC_MANDATE_SIGNING);
	assert_int_equal(in->removed.has_birth_date, 1);
	assert_int_equal(in->removed.birth_date.day, 29);
	/* local time of Amsterdam, across the spring change */
	assert_int_equal(in->start, fx_local(CT_COUNTRY_NL, 2026, 3, 20, 13,
					     59));
	assert_int_equal(in->end - in->start, 239 * 3600);
	assert_int_equal(in->oral_first, 1);
	assert_int_equal(in->protected_count, 2);
	assert_string_equal(in->protected_names[1], "Noël");
	assert_string_equal(in->facts, "Feiten.\nMeer.");
	assert_int_equal(in->has_signed_date, 1);
	ct_problems_init(&p);
	assert_int_equal(doc_check(in, &p), CT_OK);
	doc_json_release(&dj);
	assert_null(dj.root);
}

struct bad_case {
	const char *json;
	const char *field;
	const char *part;
};

static const struct bad_case bad[] = {
	{"[1]", "invoer", "JSON-object"},
	{"{\"address\": ", "invoer", "geen geldige JSON"},
	{"{\"address\": \"a\", \"address\": \"b\"}", "invoer",
	 "geen geldige JSON"},
	{"{\"adres\": \"a\"}", "invoer", "onbekend veld 'adres'"},
	{"{\"address\": 12}", "address", "verwacht een tekst"},
	{"{\"address\": \"a\\u0000b\"}", "invoer", "geen geldige JSON"},
	{"{\"start\": \"13-07-2026 13:59\"}", "start", "tijdstip"},
	{"{\"start\": \"2026-02-30T13:59\"}", "start", "tijdstip"},
	{"{\"signed_date\": \"2026-02-29\"}", "signed_date", "datum"},
	{"{\"oral_first\": \"ja\"}", "oral_first", "true of false"},
	{"{\"decider_role\": \"judge\"}", "decider_role", "prosecutor"},
	{"{\"mandate\": true}", "mandate", "verwacht een tekst"},
	{"{\"removed\": \"Peter\"}", "removed", "object"},
	{"{\"removed\": {\"name\": \"P\", \"bsn\": \"1\"}}", "removed",
	 "onbekend veld 'bsn'"},
	{"{\"protected_names\": \"Zoë\"}", "protected_names", "lijst"},
	{"{\"protected_names\": [\"a\", 3]}", "protected_names[1]", "tekst"},
	{"{\"protected_names\": [\"1\",\"2\",\"3\",\"4\",\"5\",\"6\",\"7\","
	 "\"8\",\"9\",\"10\",\"11\",\"12\",\"13\"]}",
	 "protected_names", "meer dan 12"},
};

static void
test_bad_descriptions(void **state)
{
	struct ct_problems p;
	struct doc_json dj;
	size_t i;

	(void)state;
	for (i = 0; i < CT_ARRAY_SIZE(bad); i++) {
		ct_problems_init(&p);
		if (doc_json_parse(bad[i].json, strlen(bad[i].json),
				   DOC_DECISION, CT_COUNTRY_NL, &dj,
				   &p) != CT_ERR_INVALID)
			fail_msg("row %zu accepted", i);
		assert_null(dj.root);
		if (!problem(&p, bad[i].field, bad[i].part))
			fail_msg("row %zu: no problem %s", i, bad[i].field);
	}
}

static void
test_long_values_refused(void **state)
{
	char json[DOC_TEXT_MAX + 64];
	struct ct_problems p;
	struct doc_json dj;
	int n;

	(void)state;
	n = snprintf(json, sizeof(json), "{\"facts\": \"");
	memset(json + n, 'x', DOC_TEXT_MAX + 1);
	snprintf(json + n + DOC_TEXT_MAX + 1, 8, "\"}");
	ct_problems_init(&p);
	assert_int_equal(doc_json_parse(json, strlen(json), DOC_DECISION,
					CT_COUNTRY_NL, &dj, &p),
			 CT_ERR_INVALID);
	assert_non_null(problem(&p, "facts", "langer dan"));
	ct_problems_init(&p);
	assert_int_equal(doc_json_parse(json, DOC_JSON_MAX + 1, DOC_DECISION,
					CT_COUNTRY_NL, &dj, &p),
			 CT_ERR_INVALID);
	assert_non_null(problem(&p, "invoer", "groter dan"));
}

/* Every problem at once, not just the first. */
static void
test_all_problems_listed(void **state)
{
	static const char json[] = "{\"address\": 1, \"end\": \"gisteren\", "
				   "\"foo\": null}";
	struct ct_problems p;
	struct doc_json dj;

	(void)state;
	ct_problems_init(&p);
	assert_int_equal(doc_json_parse(json, strlen(json), DOC_LETTER,
					CT_COUNTRY_BE, &dj, &p),
			 CT_ERR_INVALID);
	assert_int_equal(p.count, 3);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_valid_description),
		cmocka_unit_test(test_bad_descriptions),
		cmocka_unit_test(test_long_values_refused),
		cmocka_unit_test(test_all_problems_listed),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
