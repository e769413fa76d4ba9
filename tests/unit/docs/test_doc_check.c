#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <string.h>
#include <cmocka.h>

#include "docs/doc_check.h"
#include "doc_fixture.h"

/* The problem for field, or NULL. */
static const struct ct_problem *
problem(const struct ct_problems *p, const char *field)
{
	size_t i;

	for (i = 0; i < p->count; i++)
		if (strcmp(p->items[i].field, field) == 0)
			return &p->items[i];
	return NULL;
}

/* The message for field, or "" (so a strstr on it fails). */
static const char *
msg(const struct ct_problems *p, const char *field)
{
	const struct ct_problem *pr = problem(p, field);

	return pr ? pr->message : "";
}

static void
dump(const struct ct_problems *p)
{
	size_t i;

	for (i = 0; i < p->count; i++)
		fprintf(stderr, "  %s: %s\n", p->items[i].field,
			p->items[i].message);
}

static void
test_fixtures_are_complete(void **state)
{
	struct ct_problems p;
	struct doc_input in;
	int k, c;

	(void)state;
	for (c = 0; c < 2; c++)
		for (k = 0; k < DOC_KIND_COUNT; k++) {
			fx_input(&in, (enum doc_kind)k, (enum ct_country)c);
			ct_problems_init(&p);
			if (doc_check(&in, &p) != CT_OK) {
				fprintf(stderr, "kind %d country %d:\n", k, c);
				dump(&p);
				fail();
			}
		}
}

/* Each row: remove one item; the named problem must appear. */
struct missing_case {
	enum doc_kind kind;
	enum ct_country country;
	const char *field;
	const char *message; /* a part of the expected sentence */
};

static void
clear_field(struct doc_input *in, const char *field)
{
	if (strcmp(field, "address") == 0)
		in->address = NULL;
	else if (strcmp(field, "facts") == 0)
		in->facts = "";
	else if (strcmp(field, "protected_names") == 0)
		in->protected_count = 0;
	else if (strcmp(field, "start") == 0)
		in->start = 0;
	else if (strcmp(field, "end") == 0)
		in->end = 0;
	else if (strcmp(field, "removed.name") == 0)
		in->removed.name = NULL;
	else if (strcmp(field, "removed.birth_date") == 0)
		in->removed.has_birth_date = 0;
	else if (strcmp(field, "authority") == 0)
		in->authority = NULL;
	else if (strcmp(field, "decider_name") == 0)
		in->decider_name = NULL;
	else if (strcmp(field, "case_reference") == 0)
		in->case_reference = NULL;
	else if (strcmp(field, "oral_first") == 0)
		in->oral_first = 0;
	else if (strcmp(field, "previous_end") == 0)
		in->previous_end = 0;
	else if (strcmp(field, "court") == 0)
		in->court = NULL;
	else if (strcmp(field, "ruling_date") == 0)
		in->has_ruling_date = 0;
	else if (strcmp(field, "recipient_name") == 0)
		in->recipient_name = NULL;
	else if (strcmp(field, "signed_place") == 0)
		in->signed_place = NULL;
	else if (strcmp(field, "signed_date") == 0)
		in->has_signed_date = 0;
	else
		fail_msg("unknown field %s", field);
}

static const struct missing_case missing[] = {
	/* NL decision: art. 2 lid 4 Wth a, b, c (seed 001 ch. 4). */
	{DOC_DECISION, CT_COUNTRY_NL, "address",
	 "de plaats waarop het huisverbod betrekking heeft ontbreekt"},
	{DOC_DECISION, CT_COUNTRY_NL, "end", "eindigt ontbreekt"},
	{DOC_DECISION, CT_COUNTRY_NL, "start", "opgelegd ontbreekt"},
	{DOC_DECISION, CT_COUNTRY_NL, "facts",
	 "de feiten en omstandigheden"},
	{DOC_DECISION, CT_COUNTRY_NL, "protected_names",
	 "contactverbod geldt ontbreken"},
	{DOC_DECISION, CT_COUNTRY_NL, "removed.name", "uithuisgeplaatste"},
	{DOC_DECISION, CT_COUNTRY_NL, "removed.birth_date", "geboortedatum"},
	{DOC_DECISION, CT_COUNTRY_NL, "authority", "gemeente"},
	{DOC_DECISION, CT_COUNTRY_NL, "decider_name", "beslist"},
	{DOC_DECISION, CT_COUNTRY_NL, "case_reference", "kenmerk"},
	{DOC_DECISION, CT_COUNTRY_NL, "signed_place", "plaats van "
						      "ondertekening"},
	{DOC_DECISION, CT_COUNTRY_NL, "signed_date", "datum van "
						     "ondertekening"},
	/* BE decision (seed 000 par. 1). */
	{DOC_DECISION, CT_COUNTRY_BE, "address", "de plaats waarop"},
	{DOC_DECISION, CT_COUNTRY_BE, "oral_first", "mondelinge mededeling"},
	{DOC_DECISION, CT_COUNTRY_BE, "authority", "parket"},
	{DOC_DECISION, CT_COUNTRY_BE, "facts", "feiten"},
	/* Extensions. */
	{DOC_EXTENSION, CT_COUNTRY_NL, "facts", "gronden voor de verlenging"},
	{DOC_EXTENSION, CT_COUNTRY_NL, "previous_end", "vóór de verlenging"},
	{DOC_EXTENSION, CT_COUNTRY_BE, "court", "familierechtbank"},
	{DOC_EXTENSION, CT_COUNTRY_BE, "ruling_date", "datum van de "
						      "beslissing"},
	{DOC_EXTENSION, CT_COUNTRY_BE, "protected_names", "contactverbod"},
	/* Letters. */
	{DOC_LETTER, CT_COUNTRY_NL, "recipient_name", "achterblijver aan wie"},
	{DOC_LETTER, CT_COUNTRY_BE, "recipient_name", "achterblijver aan wie"},
	{DOC_LETTER, CT_COUNTRY_NL, "address", "de plaats waarop"},
	{DOC_LETTER, CT_COUNTRY_BE, "decider_name", "afzender"},
};

static void
test_missing_items_are_named(void **state)
{
	const struct ct_problem *pr;
	struct ct_problems p;
	struct doc_input in;
	size_t i;

	(void)state;
	for (i = 0; i < CT_ARRAY_SIZE(missing); i++) {
		const struct missing_case *m = &missing[i];

		fx_input(&in, m->kind, m->country);
		if (m->kind == DOC_LETTER && strcmp(m->field, "recipient_name") == 0)
			in.recipient_name = NULL;
		clear_field(&in, m->field);
		ct_problems_init(&p);
		assert_int_equal(doc_check(&in, &p), CT_ERR_INVALID);
		pr = problem(&p, m->field);
		if (!pr || !strstr(pr->message, m->message)) {
			fprintf(stderr, "row %zu (%s):\n", i, m->field);
			dump(&p);
			fail();
		}
	}
}

static void
test_every_problem_at_once(void **state)
{
	struct ct_problems p;
	struct doc_input in;

	(void)state;
	fx_input(&in, DOC_DECISION, CT_COUNTRY_NL);
	in.address = NULL;
	in.facts = NULL;
	in.protected_count = 0;
	ct_problems_init(&p);
	assert_int_equal(doc_check(&in, &p), CT_ERR_INVALID);
	assert_int_equal(p.count, 3);
	assert_string_equal(msg(&p, "address"),
			    "de plaats waarop het huisverbod betrekking heeft "
			    "ontbreekt");
	assert_non_null(problem(&p, "facts"));
	assert_non_null(problem(&p, "protected_names"));
}

/* Seed 001 ch. 1: ten days to the same clock time, also across DST. */
static void
test_nl_duration_is_ten_civil_days(void **state)
{
	struct ct_problems p;
	struct doc_input in;

	(void)state;
	fx_input(&in, DOC_DECISION, CT_COUNTRY_NL);
	/* Across the spring change (29 March 2026): 239 hours. */
	in.start = fx_local(CT_COUNTRY_NL, 2026, 3, 20, 13, 59);
	in.end = fx_local(CT_COUNTRY_NL, 2026, 3, 30, 13, 59);
	in.signed_date = (struct ct_date){2026, 3, 20};
	ct_problems_init(&p);
	assert_int_equal(doc_check(&in, &p), CT_OK);
	assert_int_equal(in.end - in.start, 239 * 3600);
	/* 240 hours later is one hour too late in civil time. */
	in.end = in.start + 240 * 3600;
	ct_problems_init(&p);
	assert_int_equal(doc_check(&in, &p), CT_ERR_INVALID);
	assert_non_null(strstr(msg(&p, "end"),
			       "duurt 10 dagen en eindigt dus op "
			       "2026-03-30 13:59"));
}

/* Seed 000 par. 1: fourteen days; across the autumn change. */
static void
test_be_duration_is_fourteen_days(void **state)
{
	struct ct_problems p;
	struct doc_input in;

	(void)state;
	fx_input(&in, DOC_DECISION, CT_COUNTRY_BE);
	ct_problems_init(&p);
	assert_int_equal(doc_check(&in, &p), CT_OK);
	assert_int_equal(in.end - in.start, (14 * 24 + 1) * 3600);
	in.end = fx_local(CT_COUNTRY_BE, 2026, 11, 2, 22, 15); /* 10 days */
	ct_problems_init(&p);
	assert_int_equal(doc_check(&in, &p), CT_ERR_INVALID);
	assert_non_null(strstr(msg(&p, "end"), "duurt 14"));
}

/* Seed 001 ch. 8, art. 9 lid 1 Wth: at most 28 days, by the mayor. */
static void
test_nl_extension_limits(void **state)
{
	struct ct_problems p;
	struct doc_input in;

	(void)state;
	fx_input(&in, DOC_EXTENSION, CT_COUNTRY_NL);
	in.end = fx_local(CT_COUNTRY_NL, 2026, 8, 10, 14, 0);
	ct_problems_init(&p);
	assert_int_equal(doc_check(&in, &p), CT_ERR_INVALID);
	assert_non_null(strstr(msg(&p, "end"),
			       "ten hoogste 28 dagen"));

	fx_input(&in, DOC_EXTENSION, CT_COUNTRY_NL);
	in.decider_role = DOC_ROLE_HOVJ;
	in.mandate = DOC_MANDATE_DECIDING;
	in.mandate_reference = "Mandaatbesluit";
	ct_problems_init(&p);
	assert_int_equal(doc_check(&in, &p), CT_ERR_INVALID);
	assert_non_null(strstr(msg(&p, "decider_role"),
			       "alleen de burgemeester"));

	fx_input(&in, DOC_EXTENSION, CT_COUNTRY_NL);
	in.end = in.previous_end;
	ct_problems_init(&p);
	assert_int_equal(doc_check(&in, &p), CT_ERR_INVALID);
	assert_non_null(problem(&p, "end"));
}

/* Seed 000 par. 1: three months; the court rules within the 14 days. */
static void
test_be_extension_limits(void **state)
{
	struct ct_problems p;
	struct doc_input in;

	(void)state;
	fx_input(&in, DOC_EXTENSION, CT_COUNTRY_BE);
	in.end = fx_local(CT_COUNTRY_BE, 2027, 1, 24, 22, 15);
	in.ruling_date = (struct ct_date){2026, 11, 9};
	ct_problems_init(&p);
	assert_int_equal(doc_check(&in, &p), CT_ERR_INVALID);
	assert_non_null(strstr(msg(&p, "end"),
			       "drie maanden, dus uiterlijk tot "
			       "2027-01-23 22:15"));
	assert_non_null(problem(&p, "ruling_date"));
}

/* Seed 001 ch. 3 'Mandatering', ch. 4 'Mandaatverlening'. */
static void
test_mandate_rules(void **state)
{
	struct ct_problems p;
	struct doc_input in;

	(void)state;
	fx_input(&in, DOC_DECISION, CT_COUNTRY_NL);
	in.mandate = DOC_MANDATE_NONE;
	in.mandate_reference = NULL;
	ct_problems_init(&p);
	assert_int_equal(doc_check(&in, &p), CT_ERR_INVALID);
	assert_non_null(strstr(msg(&p, "mandate"),
			       "art. 3 lid 1 Wth"));
	assert_non_null(problem(&p, "mandate_reference"));

	fx_input(&in, DOC_DECISION, CT_COUNTRY_NL);
	in.decider_role = DOC_ROLE_MAYOR;
	ct_problems_init(&p);
	assert_int_equal(doc_check(&in, &p), CT_ERR_INVALID);
	assert_non_null(problem(&p, "mandate"));
	in.mandate = DOC_MANDATE_NONE;
	ct_problems_init(&p);
	assert_int_equal(doc_check(&in, &p), CT_OK);

	fx_input(&in, DOC_DECISION, CT_COUNTRY_NL);
	in.decider_role = DOC_ROLE_PROSECUTOR;
	ct_problems_init(&p);
	assert_int_equal(doc_check(&in, &p), CT_ERR_INVALID);
	assert_non_null(problem(&p, "decider_role"));

	fx_input(&in, DOC_DECISION, CT_COUNTRY_BE);
	in.decider_role = DOC_ROLE_MAYOR;
	ct_problems_init(&p);
	assert_int_equal(doc_check(&in, &p), CT_ERR_INVALID);
	assert_non_null(strstr(msg(&p, "decider_role"),
			       "procureur des Konings"));
}

/* Seed 001 ch. 1: only an adult; 29 February comes of age on 1 March. */
static void
test_minor_subject_refused_nl(void **state)
{
	struct ct_problems p;
	struct doc_input in;

	(void)state;
	fx_input(&in, DOC_DECISION, CT_COUNTRY_NL);
	in.removed.birth_date = (struct ct_date){2008, 7, 14};
	ct_problems_init(&p);
	assert_int_equal(doc_check(&in, &p), CT_ERR_INVALID);
	assert_non_null(strstr(msg(&p, "removed.birth_date"),
			       "minderjarig"));
	in.removed.birth_date = (struct ct_date){2008, 7, 13};
	ct_problems_init(&p);
	assert_int_equal(doc_check(&in, &p), CT_OK);
	in.removed.birth_date = (struct ct_date){2008, 2, 29};
	in.start = fx_local(CT_COUNTRY_NL, 2026, 2, 28, 10, 0);
	in.end = fx_local(CT_COUNTRY_NL, 2026, 3, 10, 10, 0);
	in.signed_date = (struct ct_date){2026, 2, 28};
	ct_problems_init(&p);
	assert_int_equal(doc_check(&in, &p), CT_ERR_INVALID);
	in.start = fx_local(CT_COUNTRY_NL, 2026, 3, 1, 10, 0);
	in.end = fx_local(CT_COUNTRY_NL, 2026, 3, 11, 10, 0);
	in.signed_date = (struct ct_date){2026, 3, 1};
	ct_problems_init(&p);
	assert_int_equal(doc_check(&in, &p), CT_OK);
}

static void
test_text_hygiene(void **state)
{
	char big[DOC_LINE_MAX + 2];
	struct ct_problems p;
	struct doc_input in;

	(void)state;
	fx_input(&in, DOC_DECISION, CT_COUNTRY_NL);
	in.address = "Kerkstraat\x01 12";
	in.removed.name = "Peter \xff Jansen";
	in.facts = "regel een\nregel twee\ttab"; /* allowed in a text */
	memset(big, 'a', sizeof(big) - 1);
	big[sizeof(big) - 1] = '\0';
	in.signed_place = big;
	in.protected_names[1] = "";
	ct_problems_init(&p);
	assert_int_equal(doc_check(&in, &p), CT_ERR_INVALID);
	assert_non_null(strstr(msg(&p, "address"), "stuurteken"));
	assert_non_null(strstr(msg(&p, "removed.name"), "UTF-8"));
	assert_non_null(strstr(msg(&p, "signed_place"),
			       "langer dan"));
	assert_non_null(problem(&p, "protected_names[1]"));
	assert_null(problem(&p, "facts"));
	assert_int_equal(p.count, 4);
}

static void
test_dates_in_order(void **state)
{
	struct ct_problems p;
	struct doc_input in;

	(void)state;
	fx_input(&in, DOC_LETTER, CT_COUNTRY_NL);
	in.end = in.start - 60;
	in.signed_date = (struct ct_date){2026, 7, 12};
	ct_problems_init(&p);
	assert_int_equal(doc_check(&in, &p), CT_ERR_INVALID);
	assert_non_null(strstr(msg(&p, "end"), "niet na het "
							    "begin"));
	assert_non_null(problem(&p, "signed_date"));
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_fixtures_are_complete),
		cmocka_unit_test(test_missing_items_are_named),
		cmocka_unit_test(test_every_problem_at_once),
		cmocka_unit_test(test_nl_duration_is_ten_civil_days),
		cmocka_unit_test(test_be_duration_is_fourteen_days),
		cmocka_unit_test(test_nl_extension_limits),
		cmocka_unit_test(test_be_extension_limits),
		cmocka_unit_test(test_mandate_rules),
		cmocka_unit_test(test_minor_subject_refused_nl),
		cmocka_unit_test(test_text_hygiene),
		cmocka_unit_test(test_dates_in_order),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
