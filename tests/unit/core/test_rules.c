/*
 * test_rules.c - the NL and BE rule sets, quoting the seeds' numbers,
 * across daylight-saving and holiday boundaries.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <cmocka.h>

#include "core/rules.h"
#include "util/holidays.h"

static int64_t
local(enum ct_zone z, int y, int mo, int d, int h, int mi, int s)
{
	struct ct_civil c = {{y, mo, d}, h, mi, s};
	int64_t t = 0;

	assert_int_equal(ct_instant_from_local(z, &c, &t), CT_OK);
	return t;
}

#define AMS CT_ZONE_AMSTERDAM
#define BRU CT_ZONE_BRUSSELS

static void
test_numbers_quote_the_seeds(void **state)
{
	const struct order_rules *nl = rules_for(CT_COUNTRY_NL);
	const struct order_rules *be = rules_for(CT_COUNTRY_BE);

	(void)state;
	assert_int_equal(nl->duration_days, 10); /* seed 001 hfst. 1 */
	assert_int_equal(nl->extension_max_total_days, 28); /* hfst. 8 */
	assert_int_equal(nl->max_extensions, 1);	    /* "eenmalig" */
	assert_int_equal(nl->extension_advice_days_before_end, 2);
	assert_int_equal(nl->stay_address_hours, 24);
	assert_int_equal(nl->appeal_weeks, 6);
	assert_int_equal(nl->provisional_hearing_working_days, 3);
	assert_int_equal(nl->help_plan_working_days, 8);
	assert_int_equal(nl->system_talk_first_day, 6);
	assert_int_equal(nl->system_talk_last_day, 8);
	assert_int_equal(nl->monitoring_check_weeks, 6); /* seed 003 */
	assert_int_equal(nl->monitoring_months, 3);
	assert_int_equal(be->duration_days, 14); /* seed 000 §1 */
	assert_int_equal(be->extension_max_total_months, 3);
	assert_true(be->oral_first);
	assert_true(be->court_hearing_within_order);
	assert_int_equal(be->appeal_weeks, 0);
	assert_int_equal(nl->zone, CT_ZONE_AMSTERDAM);
	assert_int_equal(be->zone, CT_ZONE_BRUSSELS);
}

static void
test_every_rule_has_id_title_source(void **state)
{
	unsigned i, j;

	(void)state;
	for (i = 0; i < RULES__COUNT; i++) {
		const struct rules_rule *r = rules_rule((enum rules_id)i);

		assert_non_null(r->id);
		assert_true(strlen(r->title) > 10);
		assert_true(strstr(r->source, "seed") != NULL);
		assert_ptr_equal(rules_find(r->id), r);
		for (j = 0; j < i; j++)
			assert_string_not_equal(
				rules_rule((enum rules_id)j)->id, r->id);
	}
	assert_null(rules_find("nl.nonsense"));
	assert_null(rules_find(NULL));
	assert_string_equal(rules_rule(RULE_NL_EXTENSION_MAX_TOTAL)->id,
			    "nl.extension.max_total");
	assert_string_equal(rules_rule(RULE_BE_COURT_HEARING)->id,
			    "be.court_hearing_within_order");
}

struct end_case {
	enum ct_country country;
	int y, mo, d, h, mi;	  /* imposed, local */
	int ey, emo, ed, eh, emi; /* ends, local */
	int64_t hours;		  /* elapsed real hours */
};

static const struct end_case end_cases[] = {
	/* brief: 2026-03-24 13:59 -> 2026-04-03 13:59 across the spring
	 * change (29 March): ten calendar days, 239 real hours. */
	{CT_COUNTRY_NL, 2026, 3, 24, 13, 59, 2026, 4, 3, 13, 59, 239},
	/* seed 001 court practice: 13 July 13:59 to 23 July 13:59 */
	{CT_COUNTRY_NL, 2026, 7, 13, 13, 59, 2026, 7, 23, 13, 59, 240},
	/* autumn change 25 October 2026: 241 hours */
	{CT_COUNTRY_NL, 2026, 10, 20, 22, 0, 2026, 10, 30, 22, 0, 241},
	/* BE 14 days from the oral notice, across the autumn change */
	{CT_COUNTRY_BE, 2026, 10, 20, 22, 0, 2026, 11, 3, 22, 0, 337},
	{CT_COUNTRY_BE, 2026, 3, 20, 23, 30, 2026, 4, 3, 23, 30, 335},
};

static void
test_order_end_keeps_the_clock(void **state)
{
	size_t i;

	(void)state;
	for (i = 0; i < sizeof(end_cases) / sizeof(end_cases[0]); i++) {
		const struct end_case *c = &end_cases[i];
		const struct order_rules *r = rules_for(c->country);
		int64_t t = local(r->zone, c->y, c->mo, c->d, c->h, c->mi, 0);
		int64_t want =
			local(r->zone, c->ey, c->emo, c->ed, c->eh, c->emi, 0);
		int64_t got = 0;

		assert_int_equal(rules_order_end(r, t, &got), CT_OK);
		assert_int_equal(got, want);
		assert_int_equal((got - t) / 3600, c->hours);
	}
}

static void
test_extension_limits(void **state)
{
	const struct order_rules *nl = rules_for(CT_COUNTRY_NL);
	const struct order_rules *be = rules_for(CT_COUNTRY_BE);
	int64_t got = 0;

	(void)state;
	/* NL: at most 28 days in all (seed 001 hfst. 8). */
	assert_int_equal(rules_extension_limit(
				 nl, local(AMS, 2026, 3, 24, 13, 59, 0), &got),
			 CT_OK);
	assert_int_equal(got, local(AMS, 2026, 4, 21, 13, 59, 0));
	/* BE: at most 3 months (seed 000 §1), clamped to month ends. */
	assert_int_equal(rules_extension_limit(
				 be, local(BRU, 2026, 5, 31, 10, 0, 0), &got),
			 CT_OK);
	assert_int_equal(got, local(BRU, 2026, 8, 31, 10, 0, 0));
	assert_int_equal(rules_extension_limit(
				 be, local(BRU, 2026, 11, 30, 10, 0, 0), &got),
			 CT_OK);
	assert_int_equal(got, local(BRU, 2027, 2, 28, 10, 0, 0));
	assert_int_equal(rules_add_months(be, local(BRU, 2027, 11, 30, 8, 0, 0),
					  3, &got),
			 CT_OK);
	assert_int_equal(got, local(BRU, 2028, 2, 29, 8, 0, 0));
	assert_int_equal(rules_add_months(be, 0, -1, &got), CT_ERR_INVALID);
}

static void
test_be_first_working_day(void **state)
{
	const struct order_rules *be = rules_for(CT_COUNTRY_BE);

	(void)state;
	/* A Friday-night order starts on Monday (seed 000 §4). */
	assert_int_equal(
		rules_first_working_day(be, local(BRU, 2026, 3, 27, 22, 0, 0)),
		local(BRU, 2026, 3, 30, 23, 59, 59));
	/* Easter Monday 6 April 2026 is a Belgian holiday: Tuesday. */
	assert_int_equal(
		rules_first_working_day(be, local(BRU, 2026, 4, 3, 21, 0, 0)),
		local(BRU, 2026, 4, 7, 23, 59, 59));
	/* Within office hours on a working day: that same day. */
	assert_int_equal(
		rules_first_working_day(be, local(BRU, 2026, 4, 3, 10, 0, 0)),
		local(BRU, 2026, 4, 3, 23, 59, 59));
	/* Sunday 1 November (Allerheiligen) then Monday: Monday 2. */
	assert_int_equal(
		rules_first_working_day(be, local(BRU, 2026, 10, 31, 12, 0, 0)),
		local(BRU, 2026, 11, 2, 23, 59, 59));
}

static void
test_working_day_deadlines(void **state)
{
	const struct order_rules *nl = rules_for(CT_COUNTRY_NL);

	(void)state;
	/* Provisional ruling: within 3 working days (Wth art. 6 lid 2).
	 * Thursday 2 April 2026: Fri 3 (Goede Vrijdag is no holiday),
	 * Mon 6 Tweede Paasdag skipped, Tue 7, Wed 8. */
	assert_int_equal(rules_working_days_deadline(
				 nl, local(AMS, 2026, 4, 2, 15, 0, 0), 3),
			 local(AMS, 2026, 4, 8, 23, 59, 59));
	/* Help plan within 8 working days (seed 001 hfst. 6): from Thu
	 * 23 April 2026: Fri 24, Koningsdag Mon 27 skipped, 28, 29, 30,
	 * Fri 1 May, Mon 4, Bevrijdingsdag Tue 5 skipped, Wed 6, Thu 7. */
	assert_int_equal(rules_working_days_deadline(
				 nl, local(AMS, 2026, 4, 23, 9, 0, 0), 8),
			 local(AMS, 2026, 5, 7, 23, 59, 59));
}

static void
test_age(void **state)
{
	struct ct_date b = {2008, 4, 3}, on = {2026, 4, 2};

	(void)state;
	assert_int_equal(rules_age_years(&b, &on), 17);
	on.day = 3;
	assert_int_equal(rules_age_years(&b, &on), 18);
	on.year = 2000;
	assert_int_equal(rules_age_years(&b, &on), -1);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_numbers_quote_the_seeds),
		cmocka_unit_test(test_every_rule_has_id_title_source),
		cmocka_unit_test(test_order_end_keeps_the_clock),
		cmocka_unit_test(test_extension_limits),
		cmocka_unit_test(test_be_first_working_day),
		cmocka_unit_test(test_working_day_deadlines),
		cmocka_unit_test(test_age),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
