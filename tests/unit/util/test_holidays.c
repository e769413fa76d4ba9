/*
 * test_holidays.c - Easter, the NL and BE public holidays, working days.
 *
 * Expected dates are written out by hand or taken from published
 * calendars, never recomputed with the code under test; whole years are
 * scanned so that an extra holiday fails as surely as a missing one.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <string.h>
#include <cmocka.h>

#include "util/holidays.h"
#include "util/prng.h"

struct easter_case {
	int year;
	int month;
	int day;
};

static const struct easter_case easter_cases[] = {
	{1818, 3, 22}, /* earliest possible */
	{1943, 4, 25}, /* latest possible */
	{1970, 3, 29}, {2000, 4, 23}, {2008, 3, 23}, {2011, 4, 24},
	{2016, 3, 27}, {2019, 4, 21}, {2024, 3, 31}, {2025, 4, 20},
	{2026, 4, 5},  {2027, 3, 28}, {2028, 4, 16}, {2029, 4, 1},
	{2030, 4, 21}, {2038, 4, 25}, {2100, 3, 28}, {2285, 3, 22},
	{9999, 3, 28},
};

static void
test_easter_known_years(void **state)
{
	size_t i;

	(void)state;
	for (i = 0; i < CT_ARRAY_SIZE(easter_cases); i++) {
		const struct easter_case *e = &easter_cases[i];
		struct ct_date d;

		ct_easter(e->year, &d);
		assert_int_equal(d.year, e->year);
		assert_int_equal(d.month, e->month);
		assert_int_equal(d.day, e->day);
	}
}

/* Every Easter is a Sunday from 22 March to 25 April. */
static void
test_easter_always_sunday_in_window(void **state)
{
	struct ct_date d, lo, hi;
	int y;

	(void)state;
	for (y = 1583; y <= 9999; y++) {
		ct_easter(y, &d);
		lo = (struct ct_date){y, 3, 22};
		hi = (struct ct_date){y, 4, 25};
		assert_int_equal(ct_weekday(&d), 7);
		assert_true(ct_date_cmp(&d, &lo) >= 0);
		assert_true(ct_date_cmp(&d, &hi) <= 0);
	}
}

struct holiday_case {
	enum ct_country country;
	struct ct_date date;
	const char *name;
};

/* All holidays of 2024-2030 in both countries. */
static const struct holiday_case holiday_table[] = {
	{CT_COUNTRY_NL, {2024, 1, 1}, "Nieuwjaarsdag"},
	{CT_COUNTRY_NL, {2024, 4, 1}, "Tweede Paasdag"},
	{CT_COUNTRY_NL, {2024, 4, 27}, "Koningsdag"},
	{CT_COUNTRY_NL, {2024, 5, 5}, "Bevrijdingsdag"},
	{CT_COUNTRY_NL, {2024, 5, 9}, "Hemelvaartsdag"},
	{CT_COUNTRY_NL, {2024, 5, 20}, "Tweede Pinksterdag"},
	{CT_COUNTRY_NL, {2024, 12, 25}, "Eerste Kerstdag"},
	{CT_COUNTRY_NL, {2024, 12, 26}, "Tweede Kerstdag"},
	{CT_COUNTRY_NL, {2025, 1, 1}, "Nieuwjaarsdag"},
	{CT_COUNTRY_NL, {2025, 4, 21}, "Tweede Paasdag"},
	{CT_COUNTRY_NL, {2025, 4, 26}, "Koningsdag"},
	{CT_COUNTRY_NL, {2025, 5, 5}, "Bevrijdingsdag"},
	{CT_COUNTRY_NL, {2025, 5, 29}, "Hemelvaartsdag"},
	{CT_COUNTRY_NL, {2025, 6, 9}, "Tweede Pinksterdag"},
	{CT_COUNTRY_NL, {2025, 12, 25}, "Eerste Kerstdag"},
	{CT_COUNTRY_NL, {2025, 12, 26}, "Tweede Kerstdag"},
	{CT_COUNTRY_NL, {2026, 1, 1}, "Nieuwjaarsdag"},
	{CT_COUNTRY_NL, {2026, 4, 6}, "Tweede Paasdag"},
	{CT_COUNTRY_NL, {2026, 4, 27}, "Koningsdag"},
	{CT_COUNTRY_NL, {2026, 5, 5}, "Bevrijdingsdag"},
	{CT_COUNTRY_NL, {2026, 5, 14}, "Hemelvaartsdag"},
	{CT_COUNTRY_NL, {2026, 5, 25}, "Tweede Pinksterdag"},
	{CT_COUNTRY_NL, {2026, 12, 25}, "Eerste Kerstdag"},
	{CT_COUNTRY_NL, {2026, 12, 26}, "Tweede Kerstdag"},
	{CT_COUNTRY_NL, {2027, 1, 1}, "Nieuwjaarsdag"},
	{CT_COUNTRY_NL, {2027, 3, 29}, "Tweede Paasdag"},
	{CT_COUNTRY_NL, {2027, 4, 27}, "Koningsdag"},
	{CT_COUNTRY_NL, {2027, 5, 5}, "Bevrijdingsdag"},
	{CT_COUNTRY_NL, {2027, 5, 6}, "Hemelvaartsdag"},
	{CT_COUNTRY_NL, {2027, 5, 17}, "Tweede Pinksterdag"},
	{CT_COUNTRY_NL, {2027, 12, 25}, "Eerste Kerstdag"},
	{CT_COUNTRY_NL, {2027, 12, 26}, "Tweede Kerstdag"},
	{CT_COUNTRY_NL, {2028, 1, 1}, "Nieuwjaarsdag"},
	{CT_COUNTRY_NL, {2028, 4, 17}, "Tweede Paasdag"},
	{CT_COUNTRY_NL, {2028, 4, 27}, "Koningsdag"},
	{CT_COUNTRY_NL, {2028, 5, 5}, "Bevrijdingsdag"},
	{CT_COUNTRY_NL, {2028, 5, 25}, "Hemelvaartsdag"},
	{CT_COUNTRY_NL, {2028, 6, 5}, "Tweede Pinksterdag"},
	{CT_COUNTRY_NL, {2028, 12, 25}, "Eerste Kerstdag"},
	{CT_COUNTRY_NL, {2028, 12, 26}, "Tweede Kerstdag"},
	{CT_COUNTRY_NL, {2029, 1, 1}, "Nieuwjaarsdag"},
	{CT_COUNTRY_NL, {2029, 4, 2}, "Tweede Paasdag"},
	{CT_COUNTRY_NL, {2029, 4, 27}, "Koningsdag"},
	{CT_COUNTRY_NL, {2029, 5, 5}, "Bevrijdingsdag"},
	{CT_COUNTRY_NL, {2029, 5, 10}, "Hemelvaartsdag"},
	{CT_COUNTRY_NL, {2029, 5, 21}, "Tweede Pinksterdag"},
	{CT_COUNTRY_NL, {2029, 12, 25}, "Eerste Kerstdag"},
	{CT_COUNTRY_NL, {2029, 12, 26}, "Tweede Kerstdag"},
	{CT_COUNTRY_NL, {2030, 1, 1}, "Nieuwjaarsdag"},
	{CT_COUNTRY_NL, {2030, 4, 22}, "Tweede Paasdag"},
	{CT_COUNTRY_NL, {2030, 4, 27}, "Koningsdag"},
	{CT_COUNTRY_NL, {2030, 5, 5}, "Bevrijdingsdag"},
	{CT_COUNTRY_NL, {2030, 5, 30}, "Hemelvaartsdag"},
	{CT_COUNTRY_NL, {2030, 6, 10}, "Tweede Pinksterdag"},
	{CT_COUNTRY_NL, {2030, 12, 25}, "Eerste Kerstdag"},
	{CT_COUNTRY_NL, {2030, 12, 26}, "Tweede Kerstdag"},
	{CT_COUNTRY_BE, {2024, 1, 1}, "Nieuwjaar"},
	{CT_COUNTRY_BE, {2024, 4, 1}, "Paasmaandag"},
	{CT_COUNTRY_BE, {2024, 5, 1}, "Dag van de Arbeid"},
	{CT_COUNTRY_BE, {2024, 5, 9}, "O.L.H. Hemelvaart"},
	{CT_COUNTRY_BE, {2024, 5, 20}, "Pinkstermaandag"},
	{CT_COUNTRY_BE, {2024, 7, 21}, "Nationale feestdag"},
	{CT_COUNTRY_BE, {2024, 8, 15}, "O.L.V. Hemelvaart"},
	{CT_COUNTRY_BE, {2024, 11, 1}, "Allerheiligen"},
	{CT_COUNTRY_BE, {2024, 11, 11}, "Wapenstilstand"},
	{CT_COUNTRY_BE, {2024, 12, 25}, "Kerstmis"},
	{CT_COUNTRY_BE, {2025, 1, 1}, "Nieuwjaar"},
	{CT_COUNTRY_BE, {2025, 4, 21}, "Paasmaandag"},
	{CT_COUNTRY_BE, {2025, 5, 1}, "Dag van de Arbeid"},
	{CT_COUNTRY_BE, {2025, 5, 29}, "O.L.H. Hemelvaart"},
	{CT_COUNTRY_BE, {2025, 6, 9}, "Pinkstermaandag"},
	{CT_COUNTRY_BE, {2025, 7, 21}, "Nationale feestdag"},
	{CT_COUNTRY_BE, {2025, 8, 15}, "O.L.V. Hemelvaart"},
	{CT_COUNTRY_BE, {2025, 11, 1}, "Allerheiligen"},
	{CT_COUNTRY_BE, {2025, 11, 11}, "Wapenstilstand"},
	{CT_COUNTRY_BE, {2025, 12, 25}, "Kerstmis"},
	{CT_COUNTRY_BE, {2026, 1, 1}, "Nieuwjaar"},
	{CT_COUNTRY_BE, {2026, 4, 6}, "Paasmaandag"},
	{CT_COUNTRY_BE, {2026, 5, 1}, "Dag van de Arbeid"},
	{CT_COUNTRY_BE, {2026, 5, 14}, "O.L.H. Hemelvaart"},
	{CT_COUNTRY_BE, {2026, 5, 25}, "Pinkstermaandag"},
	{CT_COUNTRY_BE, {2026, 7, 21}, "Nationale feestdag"},
	{CT_COUNTRY_BE, {2026, 8, 15}, "O.L.V. Hemelvaart"},
	{CT_COUNTRY_BE, {2026, 11, 1}, "Allerheiligen"},
	{CT_COUNTRY_BE, {2026, 11, 11}, "Wapenstilstand"},
	{CT_COUNTRY_BE, {2026, 12, 25}, "Kerstmis"},
	{CT_COUNTRY_BE, {2027, 1, 1}, "Nieuwjaar"},
	{CT_COUNTRY_BE, {2027, 3, 29}, "Paasmaandag"},
	{CT_COUNTRY_BE, {2027, 5, 1}, "Dag van de Arbeid"},
	{CT_COUNTRY_BE, {2027, 5, 6}, "O.L.H. Hemelvaart"},
	{CT_COUNTRY_BE, {2027, 5, 17}, "Pinkstermaandag"},
	{CT_COUNTRY_BE, {2027, 7, 21}, "Nationale feestdag"},
	{CT_COUNTRY_BE, {2027, 8, 15}, "O.L.V. Hemelvaart"},
	{CT_COUNTRY_BE, {2027, 11, 1}, "Allerheiligen"},
	{CT_COUNTRY_BE, {2027, 11, 11}, "Wapenstilstand"},
	{CT_COUNTRY_BE, {2027, 12, 25}, "Kerstmis"},
	{CT_COUNTRY_BE, {2028, 1, 1}, "Nieuwjaar"},
	{CT_COUNTRY_BE, {2028, 4, 17}, "Paasmaandag"},
	{CT_COUNTRY_BE, {2028, 5, 1}, "Dag van de Arbeid"},
	{CT_COUNTRY_BE, {2028, 5, 25}, "O.L.H. Hemelvaart"},
	{CT_COUNTRY_BE, {2028, 6, 5}, "Pinkstermaandag"},
	{CT_COUNTRY_BE, {2028, 7, 21}, "Nationale feestdag"},
	{CT_COUNTRY_BE, {2028, 8, 15}, "O.L.V. Hemelvaart"},
	{CT_COUNTRY_BE, {2028, 11, 1}, "Allerheiligen"},
	{CT_COUNTRY_BE, {2028, 11, 11}, "Wapenstilstand"},
	{CT_COUNTRY_BE, {2028, 12, 25}, "Kerstmis"},
	{CT_COUNTRY_BE, {2029, 1, 1}, "Nieuwjaar"},
	{CT_COUNTRY_BE, {2029, 4, 2}, "Paasmaandag"},
	{CT_COUNTRY_BE, {2029, 5, 1}, "Dag van de Arbeid"},
	{CT_COUNTRY_BE, {2029, 5, 10}, "O.L.H. Hemelvaart"},
	{CT_COUNTRY_BE, {2029, 5, 21}, "Pinkstermaandag"},
	{CT_COUNTRY_BE, {2029, 7, 21}, "Nationale feestdag"},
	{CT_COUNTRY_BE, {2029, 8, 15}, "O.L.V. Hemelvaart"},
	{CT_COUNTRY_BE, {2029, 11, 1}, "Allerheiligen"},
	{CT_COUNTRY_BE, {2029, 11, 11}, "Wapenstilstand"},
	{CT_COUNTRY_BE, {2029, 12, 25}, "Kerstmis"},
	{CT_COUNTRY_BE, {2030, 1, 1}, "Nieuwjaar"},
	{CT_COUNTRY_BE, {2030, 4, 22}, "Paasmaandag"},
	{CT_COUNTRY_BE, {2030, 5, 1}, "Dag van de Arbeid"},
	{CT_COUNTRY_BE, {2030, 5, 30}, "O.L.H. Hemelvaart"},
	{CT_COUNTRY_BE, {2030, 6, 10}, "Pinkstermaandag"},
	{CT_COUNTRY_BE, {2030, 7, 21}, "Nationale feestdag"},
	{CT_COUNTRY_BE, {2030, 8, 15}, "O.L.V. Hemelvaart"},
	{CT_COUNTRY_BE, {2030, 11, 1}, "Allerheiligen"},
	{CT_COUNTRY_BE, {2030, 11, 11}, "Wapenstilstand"},
	{CT_COUNTRY_BE, {2030, 12, 25}, "Kerstmis"},
};

static const struct holiday_case *
expected_holiday(enum ct_country c, const struct ct_date *d)
{
	size_t i;

	for (i = 0; i < CT_ARRAY_SIZE(holiday_table); i++)
		if (holiday_table[i].country == c &&
		    ct_date_cmp(&holiday_table[i].date, d) == 0)
			return &holiday_table[i];
	return NULL;
}

static void
scan_years(enum ct_country c)
{
	struct ct_date d = {2024, 1, 1}, end = {2030, 12, 31};
	int found = 0;

	while (ct_date_cmp(&d, &end) <= 0) {
		const struct holiday_case *want = expected_holiday(c, &d);
		const char *name = "stale";
		int is = ct_is_public_holiday(c, &d, &name);

		if (want) {
			assert_int_equal(is, 1);
			assert_non_null(name);
			assert_string_equal(name, want->name);
			assert_int_equal(ct_is_working_day(c, &d), 0);
			found++;
		} else {
			assert_int_equal(is, 0);
			assert_null(name);
			assert_int_equal(ct_is_working_day(c, &d),
					 ct_weekday(&d) <= 5);
		}
		ct_date_add_days(&d, 1, &d);
	}
	assert_int_equal(found, c == CT_COUNTRY_NL ? 7 * 8 : 7 * 10);
}

static void
test_nl_holidays_2024_2030(void **state)
{
	(void)state;
	scan_years(CT_COUNTRY_NL);
}

static void
test_be_holidays_2024_2030(void **state)
{
	(void)state;
	scan_years(CT_COUNTRY_BE);
}

static void
test_special_days(void **state)
{
	static const struct holiday_case cases[] = {
		/* Koningsdag on a Sunday moves to Saturday 26 April. */
		{CT_COUNTRY_NL, {2014, 4, 26}, "Koningsdag"},
		{CT_COUNTRY_NL, {2025, 4, 26}, "Koningsdag"},
		{CT_COUNTRY_NL, {2031, 4, 26}, "Koningsdag"},
		/* Before 2014: Koninginnedag, 29 April when the 30th is a
		 * Sunday. */
		{CT_COUNTRY_NL, {2006, 4, 29}, "Koninginnedag"},
		{CT_COUNTRY_NL, {2013, 4, 30}, "Koninginnedag"},
		/* A shared day carries the Easter-bound feast's name. */
		{CT_COUNTRY_NL, {2016, 5, 5}, "Hemelvaartsdag"},
		{CT_COUNTRY_BE, {2008, 5, 1}, "O.L.H. Hemelvaart"},
		{CT_COUNTRY_NL, {2000, 1, 1}, "Nieuwjaarsdag"},
		{CT_COUNTRY_BE, {1970, 11, 11}, "Wapenstilstand"},
	};
	static const struct holiday_case not_holidays[] = {
		{CT_COUNTRY_NL, {2026, 4, 3}, "Goede Vrijdag"},
		{CT_COUNTRY_BE, {2026, 4, 3}, "Goede Vrijdag"},
		{CT_COUNTRY_NL, {2026, 4, 5}, "Eerste Paasdag"},
		{CT_COUNTRY_NL, {2026, 5, 24}, "Eerste Pinksterdag"},
		{CT_COUNTRY_NL, {2026, 5, 4}, "Dodenherdenking"},
		{CT_COUNTRY_NL, {2026, 12, 5}, "Sinterklaasavond"},
		{CT_COUNTRY_BE, {2026, 12, 5}, "Sinterklaasavond"},
		{CT_COUNTRY_BE, {2026, 12, 6}, "Sinterklaas"},
		{CT_COUNTRY_BE, {2026, 12, 26}, "Tweede Kerstdag"},
		{CT_COUNTRY_BE, {2026, 7, 11}, "Vlaamse feestdag"},
		{CT_COUNTRY_BE, {2026, 11, 15}, "Koningsfeest"},
		{CT_COUNTRY_BE, {2026, 4, 27}, "Koningsdag"},
		{CT_COUNTRY_NL, {2026, 7, 21}, "Nationale feestdag"},
		{CT_COUNTRY_NL, {2014, 4, 27}, "Koningsdag op zondag"},
		{CT_COUNTRY_NL, {2006, 4, 30}, "Koninginnedag op zondag"},
		{CT_COUNTRY_NL, {2014, 4, 30}, "oude Koninginnedag"},
		{CT_COUNTRY_NL, {2013, 4, 27}, "Koningsdag voor 2014"},
	};
	size_t i;

	(void)state;
	for (i = 0; i < CT_ARRAY_SIZE(cases); i++) {
		const char *name = NULL;

		assert_int_equal(ct_is_public_holiday(cases[i].country,
						      &cases[i].date, &name),
				 1);
		assert_string_equal(name, cases[i].name);
		/* name may be NULL when the caller only asks yes or no */
		assert_int_equal(ct_is_public_holiday(cases[i].country,
						      &cases[i].date, NULL),
				 1);
	}
	for (i = 0; i < CT_ARRAY_SIZE(not_holidays); i++) {
		const char *name = "stale";

		assert_int_equal(ct_is_public_holiday(not_holidays[i].country,
						      &not_holidays[i].date,
						      &name),
				 0);
		assert_null(name);
	}
}

static void
test_invalid_date_is_no_holiday(void **state)
{
	static const struct ct_date bad[] = {
		{2026, 2, 30},	{2026, 13, 1}, {2026, 0, 1},
		{1899, 12, 25}, {10000, 1, 1}, {2026, 12, 0},
	};
	size_t i;

	(void)state;
	for (i = 0; i < CT_ARRAY_SIZE(bad); i++) {
		const char *name = "stale";

		assert_int_equal(
			ct_is_public_holiday(CT_COUNTRY_NL, &bad[i], &name), 0);
		assert_null(name);
		assert_int_equal(ct_is_working_day(CT_COUNTRY_BE, &bad[i]), 0);
	}
}

struct add_case {
	enum ct_country country;
	struct ct_date from;
	int n;
	struct ct_date want;
};

static const struct add_case add_cases[] = {
	/* Christmas and New Year */
	{CT_COUNTRY_NL, {2026, 12, 23}, 1, {2026, 12, 24}},
	{CT_COUNTRY_NL, {2026, 12, 23}, 2, {2026, 12, 28}},
	{CT_COUNTRY_BE, {2026, 12, 23}, 2, {2026, 12, 28}},
	{CT_COUNTRY_NL, {2026, 12, 31}, 1, {2027, 1, 4}},
	{CT_COUNTRY_BE, {2026, 12, 31}, 1, {2027, 1, 4}},
	/* Tweede Kerstdag is a holiday in NL only */
	{CT_COUNTRY_NL, {2025, 12, 24}, 1, {2025, 12, 29}},
	{CT_COUNTRY_BE, {2025, 12, 24}, 1, {2025, 12, 26}},
	/* Easter: Goede Vrijdag is a working day, Easter Monday is not */
	{CT_COUNTRY_NL, {2026, 4, 2}, 1, {2026, 4, 3}},
	{CT_COUNTRY_NL, {2026, 4, 2}, 2, {2026, 4, 7}},
	{CT_COUNTRY_BE, {2026, 4, 2}, 2, {2026, 4, 7}},
	{CT_COUNTRY_NL, {2026, 4, 7}, -1, {2026, 4, 3}},
	{CT_COUNTRY_BE, {2026, 4, 7}, -1, {2026, 4, 3}},
	{CT_COUNTRY_NL, {2027, 3, 24}, 5, {2027, 4, 1}},
	{CT_COUNTRY_BE, {2027, 3, 24}, 5, {2027, 4, 1}},
	/* backwards over New Year */
	{CT_COUNTRY_NL, {2027, 1, 4}, -1, {2026, 12, 31}},
	{CT_COUNTRY_BE, {2027, 1, 4}, -1, {2026, 12, 31}},
	/* Friday -> Monday */
	{CT_COUNTRY_NL, {2026, 7, 10}, 1, {2026, 7, 13}},
	{CT_COUNTRY_NL, {2026, 7, 13}, 3, {2026, 7, 16}},
	/* 21 July in BE only; Koningsdag in NL only */
	{CT_COUNTRY_BE, {2026, 7, 20}, 1, {2026, 7, 22}},
	{CT_COUNTRY_NL, {2026, 7, 20}, 1, {2026, 7, 21}},
	{CT_COUNTRY_NL, {2026, 4, 24}, 1, {2026, 4, 28}},
	{CT_COUNTRY_BE, {2026, 4, 24}, 1, {2026, 4, 27}},
	/* n == 0: the day itself if working, else the next one */
	{CT_COUNTRY_NL, {2026, 7, 11}, 0, {2026, 7, 13}},
	{CT_COUNTRY_NL, {2026, 7, 13}, 0, {2026, 7, 13}},
	{CT_COUNTRY_NL, {2026, 4, 5}, 0, {2026, 4, 7}},
	{CT_COUNTRY_BE, {2026, 4, 5}, 0, {2026, 4, 7}},
	{CT_COUNTRY_NL, {2026, 12, 25}, 0, {2026, 12, 28}},
	{CT_COUNTRY_BE, {2026, 12, 26}, 0, {2026, 12, 28}},
	/* backwards over Pinksteren and Hemelvaart */
	{CT_COUNTRY_NL, {2026, 5, 26}, -1, {2026, 5, 22}},
	{CT_COUNTRY_NL, {2026, 5, 26}, -7, {2026, 5, 13}},
	{CT_COUNTRY_BE, {2026, 5, 26}, -7, {2026, 5, 13}},
	/* a year's worth, and a leap day */
	{CT_COUNTRY_NL, {2026, 1, 1}, 250, {2026, 12, 24}},
	{CT_COUNTRY_BE, {2026, 1, 1}, 250, {2026, 12, 28}},
	{CT_COUNTRY_NL, {2026, 12, 31}, -250, {2026, 1, 7}},
	{CT_COUNTRY_NL, {2026, 3, 20}, 10, {2026, 4, 3}},
	{CT_COUNTRY_BE, {2028, 2, 28}, 2, {2028, 3, 1}},
	/* several years: each year's Easter must be found afresh */
	{CT_COUNTRY_NL, {2026, 1, 1}, 1000, {2029, 12, 5}},
	{CT_COUNTRY_BE, {2026, 1, 1}, 1000, {2029, 12, 12}},
	{CT_COUNTRY_NL, {2030, 12, 31}, -1000, {2027, 1, 26}},
	{CT_COUNTRY_BE, {2030, 12, 31}, -1000, {2027, 1, 18}},
};

static void
test_add_working_days(void **state)
{
	size_t i;
	char got[11], want[11];

	(void)state;
	for (i = 0; i < CT_ARRAY_SIZE(add_cases); i++) {
		const struct add_case *a = &add_cases[i];
		struct ct_date out;

		ct_add_working_days(a->country, &a->from, a->n, &out);
		ct_date_format(&out, got);
		ct_date_format(&a->want, want);
		/* strings, so a failure names the dates */
		assert_string_equal(got, want);
	}
}

struct between_case {
	enum ct_country country;
	struct ct_date from;
	struct ct_date to;
	int want;
};

static void
test_working_days_between(void **state)
{
	static const struct between_case cases[] = {
		{CT_COUNTRY_NL, {2026, 12, 23}, {2027, 1, 4}, 6},
		{CT_COUNTRY_BE, {2026, 12, 23}, {2027, 1, 4}, 6},
		{CT_COUNTRY_NL, {2025, 12, 24}, {2025, 12, 31}, 3},
		{CT_COUNTRY_BE, {2025, 12, 24}, {2025, 12, 31}, 4},
		/* 261 weekdays in 2026, 7 (NL) and 8 (BE) weekday holidays */
		{CT_COUNTRY_NL, {2025, 12, 31}, {2026, 12, 31}, 254},
		{CT_COUNTRY_BE, {2025, 12, 31}, {2026, 12, 31}, 253},
		{CT_COUNTRY_NL, {2023, 12, 31}, {2030, 12, 31}, 1781},
		{CT_COUNTRY_BE, {2023, 12, 31}, {2030, 12, 31}, 1769},
		{CT_COUNTRY_NL, {2026, 4, 2}, {2026, 4, 7}, 2},
		{CT_COUNTRY_NL, {2026, 7, 10}, {2026, 7, 13}, 1},
		{CT_COUNTRY_BE, {2026, 7, 17}, {2026, 7, 24}, 4},
		{CT_COUNTRY_NL, {2026, 7, 13}, {2026, 7, 13}, 0},
		{CT_COUNTRY_NL, {2026, 7, 14}, {2026, 7, 13}, 0},
		{CT_COUNTRY_BE, {2027, 1, 4}, {2026, 12, 23}, 0},
	};
	size_t i;

	(void)state;
	for (i = 0; i < CT_ARRAY_SIZE(cases); i++)
		assert_int_equal(ct_working_days_between(cases[i].country,
							 &cases[i].from,
							 &cases[i].to),
				 cases[i].want);
}

/*
 * Properties over random dates: adding n working days and counting them
 * back agree, the result is a working day, and from a working day -n
 * undoes +n.
 */
static void
test_add_and_between_agree(void **state)
{
	struct prng r;
	int i;

	(void)state;
	prng_seed(&r, 20260713);
	for (i = 0; i < 2000; i++) {
		enum ct_country c =
			prng_below(&r, 2) ? CT_COUNTRY_BE : CT_COUNTRY_NL;
		struct ct_date start = {1990, 1, 1}, d, there, back, prev;
		int n = (int)prng_below(&r, 60) + 1;

		ct_date_add_days(&start, (int64_t)prng_below(&r, 40000), &d);
		ct_add_working_days(c, &d, n, &there);
		assert_true(ct_is_working_day(c, &there));
		assert_int_equal(ct_working_days_between(c, &d, &there), n);
		/* the day before the result is one working day fewer */
		ct_date_add_days(&there, -1, &prev);
		assert_int_equal(ct_working_days_between(c, &d, &prev), n - 1);
		ct_add_working_days(c, &there, -n, &back);
		if (ct_is_working_day(c, &d)) {
			assert_int_equal(ct_date_cmp(&back, &d), 0);
		} else {
			/* back lands on the last working day before d */
			assert_true(ct_date_cmp(&back, &d) < 0);
			assert_int_equal(ct_working_days_between(c, &back, &d),
					 0);
		}
	}
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_easter_known_years),
		cmocka_unit_test(test_easter_always_sunday_in_window),
		cmocka_unit_test(test_nl_holidays_2024_2030),
		cmocka_unit_test(test_be_holidays_2024_2030),
		cmocka_unit_test(test_special_days),
		cmocka_unit_test(test_invalid_date_is_no_holiday),
		cmocka_unit_test(test_add_working_days),
		cmocka_unit_test(test_working_days_between),
		cmocka_unit_test(test_add_and_between_agree),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
