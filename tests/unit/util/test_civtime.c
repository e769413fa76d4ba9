/*
 * test_civtime.c - calendar arithmetic, summer time in Amsterdam and
 * Brussels, local-day deadlines and ISO 8601 text.
 *
 * The expected instants were taken from the IANA tz database (Python's
 * zoneinfo), not from this code; the calendar is checked against a plain
 * day-by-day walk; parsing is fuzzed with a seeded generator.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <string.h>
#include <cmocka.h>

#include "util/civtime.h"
#include "util/prng.h"

static const enum ct_zone zones[] = {CT_ZONE_AMSTERDAM, CT_ZONE_BRUSSELS};

/* ------------------------------------------------------------------ */
/* Calendar                                                           */

static void
test_leap_years_and_month_lengths(void **state)
{
	(void)state;
	assert_true(ct_is_leap_year(2000));
	assert_true(ct_is_leap_year(2024));
	assert_true(ct_is_leap_year(2028));
	assert_false(ct_is_leap_year(1900));
	assert_false(ct_is_leap_year(2100));
	assert_false(ct_is_leap_year(2026));
	assert_int_equal(ct_days_in_month(2028, 2), 29);
	assert_int_equal(ct_days_in_month(2026, 2), 28);
	assert_int_equal(ct_days_in_month(2100, 2), 28);
	assert_int_equal(ct_days_in_month(2026, 4), 30);
	assert_int_equal(ct_days_in_month(2026, 12), 31);
	assert_int_equal(ct_days_in_month(2026, 0), 0);
	assert_int_equal(ct_days_in_month(2026, 13), 0);
}

static void
test_date_valid(void **state)
{
	static const struct ct_date good[] = {
		{1970, 1, 1},  {9999, 12, 31}, {2028, 2, 29},
		{2000, 2, 29}, {2026, 4, 30},
	};
	static const struct ct_date bad[] = {
		{1899, 12, 31}, {10000, 1, 1}, {2026, 2, 29}, {2100, 2, 29},
		{2026, 4, 31},	{2026, 0, 1},  {2026, 13, 1}, {2026, 1, 0},
		{2026, 1, 32},	{2026, -1, 1},
	};
	size_t i;

	(void)state;
	for (i = 0; i < CT_ARRAY_SIZE(good); i++)
		assert_true(ct_date_valid(&good[i]));
	for (i = 0; i < CT_ARRAY_SIZE(bad); i++)
		assert_false(ct_date_valid(&bad[i]));
}

static void
test_known_day_numbers(void **state)
{
	static const struct {
		struct ct_date d;
		int64_t days;
		int weekday;
	} cases[] = {
		{{1970, 1, 1}, 0, 4},	   {{1969, 12, 31}, -1, 3},
		{{2000, 3, 1}, 11017, 3},  {{2026, 7, 13}, 20647, 1},
		{{1, 1, 1}, -719162, 1},   {{9999, 12, 31}, 2932896, 5},
		{{2028, 2, 29}, 21243, 2},
	};
	size_t i;

	(void)state;
	for (i = 0; i < CT_ARRAY_SIZE(cases); i++) {
		struct ct_date back;

		assert_int_equal(ct_days_from_date(&cases[i].d), cases[i].days);
		assert_int_equal(ct_weekday(&cases[i].d), cases[i].weekday);
		ct_date_from_days(cases[i].days, &back);
		assert_int_equal(ct_date_cmp(&back, &cases[i].d), 0);
	}
}

/* Walk every date 1970..9999 by hand and compare both directions. */
static void
test_calendar_walk(void **state)
{
	struct ct_date d = {1970, 1, 1}, got;
	int64_t n = 0;
	int wd = 4;

	(void)state;
	for (;;) {
		assert_int_equal(ct_days_from_date(&d), n);
		ct_date_from_days(n, &got);
		if (ct_date_cmp(&got, &d) != 0)
			fail_msg("day %lld gave %d-%d-%d", (long long)n,
				 got.year, got.month, got.day);
		assert_int_equal(ct_weekday(&d), wd);
		assert_true(ct_date_valid(&d));
		if (d.year == 9999 && d.month == 12 && d.day == 31)
			break;
		n++;
		wd = wd % 7 + 1;
		if (++d.day > ct_days_in_month(d.year, d.month)) {
			d.day = 1;
			if (++d.month > 12) {
				d.month = 1;
				d.year++;
			}
		}
	}
	assert_int_equal(n, 2932896);
}

static void
test_date_add_and_cmp(void **state)
{
	struct ct_date a = {2026, 12, 25}, b;

	(void)state;
	ct_date_add_days(&a, 10, &b);
	assert_int_equal(b.year, 2027);
	assert_int_equal(b.month, 1);
	assert_int_equal(b.day, 4);
	assert_true(ct_date_cmp(&a, &b) < 0);
	assert_true(ct_date_cmp(&b, &a) > 0);
	ct_date_add_days(&b, -10, &b);
	assert_int_equal(ct_date_cmp(&a, &b), 0);
	a = (struct ct_date){2028, 2, 28};
	ct_date_add_days(&a, 1, &b);
	assert_int_equal(b.month, 2);
	assert_int_equal(b.day, 29);
	ct_date_add_days(&a, 2, &b);
	assert_int_equal(b.month, 3);
	assert_int_equal(b.day, 1);
	/* out may alias in */
	ct_date_add_days(&a, 366, &a);
	assert_int_equal(a.year, 2029);
	assert_int_equal(a.month, 2);
	assert_int_equal(a.day, 28);
}

static void
test_country_zone(void **state)
{
	(void)state;
	assert_int_equal(ct_country_zone(CT_COUNTRY_NL), CT_ZONE_AMSTERDAM);
	assert_int_equal(ct_country_zone(CT_COUNTRY_BE), CT_ZONE_BRUSSELS);
}

/* ------------------------------------------------------------------ */
/* Summer time                                                        */

struct dst_year {
	int year;
	int march_day;	 /* last Sunday of March */
	int october_day; /* last Sunday of October */
	int64_t start;	 /* 01:00 UTC that Sunday */
	int64_t end;
};

/* From the IANA tz database (Europe/Amsterdam == Europe/Brussels). */
static const struct dst_year dst_years[] = {
	{2019, 31, 27, INT64_C(1553994000), INT64_C(1572138000)},
	{2020, 29, 25, INT64_C(1585443600), INT64_C(1603587600)},
	{2021, 28, 31, INT64_C(1616893200), INT64_C(1635642000)},
	{2022, 27, 30, INT64_C(1648342800), INT64_C(1667091600)},
	{2023, 26, 29, INT64_C(1679792400), INT64_C(1698541200)},
	{2024, 31, 27, INT64_C(1711846800), INT64_C(1729990800)},
	{2025, 30, 26, INT64_C(1743296400), INT64_C(1761440400)},
	{2026, 29, 25, INT64_C(1774746000), INT64_C(1792890000)},
	{2027, 28, 31, INT64_C(1806195600), INT64_C(1824944400)},
	{2028, 26, 29, INT64_C(1837645200), INT64_C(1856394000)},
	{2029, 25, 28, INT64_C(1869094800), INT64_C(1887843600)},
	{2030, 31, 27, INT64_C(1901149200), INT64_C(1919293200)},
};

static void
assert_local(enum ct_zone z, int64_t t, const char *want)
{
	char got[CT_ISO_SIZE];

	ct_instant_format_local(z, t, got);
	assert_string_equal(got, want);
}

static int64_t
from_local(enum ct_zone z, int y, int mo, int d, int h, int mi, int s)
{
	struct ct_civil c = {{y, mo, d}, h, mi, s};
	int64_t t = -1;

	assert_int_equal(ct_instant_from_local(z, &c, &t), CT_OK);
	return t;
}

static void
test_dst_transitions(void **state)
{
	size_t i, k;
	char want[CT_ISO_SIZE];

	(void)state;
	for (k = 0; k < CT_ARRAY_SIZE(zones); k++) {
		enum ct_zone z = zones[k];

		for (i = 0; i < CT_ARRAY_SIZE(dst_years); i++) {
			const struct dst_year *y = &dst_years[i];
			int md = y->march_day, od = y->october_day;
			struct ct_date sun;

			sun = (struct ct_date){y->year, 3, md};
			assert_int_equal(ct_weekday(&sun), 7);
			sun = (struct ct_date){y->year, 10, od};
			assert_int_equal(ct_weekday(&sun), 7);

			/* offsets either side of both switches */
			assert_int_equal(ct_zone_offset(z, y->start - 1), 3600);
			assert_int_equal(ct_zone_offset(z, y->start), 7200);
			assert_int_equal(ct_zone_offset(z, y->end - 1), 7200);
			assert_int_equal(ct_zone_offset(z, y->end), 3600);
			assert_int_equal(
				ct_zone_offset(z, y->start - 86400 * 30), 3600);
			assert_int_equal(
				ct_zone_offset(z, y->start + 86400 * 90), 7200);

			/* spring: 01:59:59+01:00 then 03:00:00+02:00 */
			snprintf(want, sizeof(want),
				 "%d-03-%02dT01:59:59+01:00", y->year, md);
			assert_local(z, y->start - 1, want);
			snprintf(want, sizeof(want),
				 "%d-03-%02dT03:00:00+02:00", y->year, md);
			assert_local(z, y->start, want);
			/* autumn: 02:59:59+02:00 then 02:00:00+01:00 */
			snprintf(want, sizeof(want),
				 "%d-10-%02dT02:59:59+02:00", y->year, od);
			assert_local(z, y->end - 1, want);
			snprintf(want, sizeof(want),
				 "%d-10-%02dT02:00:00+01:00", y->year, od);
			assert_local(z, y->end, want);

			/* local -> instant around the spring gap */
			assert_int_equal(
				from_local(z, y->year, 3, md, 1, 59, 59),
				y->start - 1);
			assert_int_equal(from_local(z, y->year, 3, md, 3, 0, 0),
					 y->start);
			/* 02:30 does not exist: 03:30+02:00 */
			assert_int_equal(
				from_local(z, y->year, 3, md, 2, 30, 0),
				y->start + 1800);
			assert_int_equal(from_local(z, y->year, 3, md, 2, 0, 0),
					 y->start);
			snprintf(want, sizeof(want),
				 "%d-03-%02dT03:30:00+02:00", y->year, md);
			assert_local(z, y->start + 1800, want);

			/* autumn ambiguity: first occurrence (summer time) */
			assert_int_equal(
				from_local(z, y->year, 10, od, 2, 30, 0),
				y->end - 1800);
			assert_int_equal(
				from_local(z, y->year, 10, od, 2, 0, 0),
				y->end - 3600);
			assert_int_equal(
				from_local(z, y->year, 10, od, 1, 59, 59),
				y->end - 3601);
			assert_int_equal(
				from_local(z, y->year, 10, od, 3, 0, 0),
				y->end + 3600);
		}
	}
}

/*
 * For 1996-2199 the offset changes exactly twice a year, on a Sunday in
 * the last week of March and of October at 01:00 UTC, and local time read
 * back gives the instant (the repeated autumn hour gives its first
 * occurrence, an hour earlier).
 */
static void
test_dst_rule_1996_2199(void **state)
{
	struct ct_date jan1 = {1996, 1, 1}, stop = {2200, 1, 1};
	int64_t t = ct_days_from_date(&jan1) * 86400;
	int64_t end = ct_days_from_date(&stop) * 86400;
	int prev = ct_zone_offset(CT_ZONE_AMSTERDAM, t);
	int changes = 0;

	(void)state;
	assert_int_equal(prev, 3600);
	for (t += 1800; t < end; t += 1800) {
		int off = ct_zone_offset(CT_ZONE_AMSTERDAM, t);
		struct ct_civil local;
		struct ct_date utc;
		int64_t back;

		assert_int_equal(off, ct_zone_offset(CT_ZONE_BRUSSELS, t));
		ct_local_from_instant(CT_ZONE_AMSTERDAM, t, &local);
		assert_int_equal(
			ct_instant_from_local(CT_ZONE_AMSTERDAM, &local, &back),
			CT_OK);
		if (back != t) {
			/* only the second pass through autumn's 02:xx */
			assert_int_equal(back, t - 3600);
			assert_int_equal(off, 3600);
			assert_int_equal(local.date.month, 10);
			assert_int_equal(local.hour, 2);
		}
		if (off == prev)
			continue;
		changes++;
		prev = off;
		/* the switch happens at t exactly (steps hit 01:00 UTC) */
		ct_date_from_days(t / 86400, &utc);
		assert_int_equal(t % 86400, 3600);
		assert_int_equal(ct_weekday(&utc), 7);
		assert_true(utc.day >= 25);
		assert_int_equal(utc.month, off == 7200 ? 3 : 10);
	}
	assert_int_equal(changes, 2 * (2200 - 1996));
}

/* ------------------------------------------------------------------ */
/* Local-day deadlines                                                */

struct add_case {
	enum ct_zone zone;
	struct ct_civil from;
	int days;
	const char *want;
	int64_t hours; /* hours that really pass */
};

static const struct add_case add_cases[] = {
	/* 10 days over the spring change: 239 hours */
	{CT_ZONE_AMSTERDAM,
	 {{2026, 3, 20}, 13, 59, 0},
	 10,
	 "2026-03-30T13:59:00+02:00",
	 239},
	{CT_ZONE_BRUSSELS,
	 {{2026, 3, 20}, 13, 59, 0},
	 10,
	 "2026-03-30T13:59:00+02:00",
	 239},
	/* the seed case: 13 July 13:59 -> 23 July 13:59 */
	{CT_ZONE_AMSTERDAM,
	 {{2026, 7, 13}, 13, 59, 0},
	 10,
	 "2026-07-23T13:59:00+02:00",
	 240},
	{CT_ZONE_BRUSSELS,
	 {{2026, 7, 13}, 13, 59, 0},
	 10,
	 "2026-07-23T13:59:00+02:00",
	 240},
	/* 14 days over the autumn change: 337 hours */
	{CT_ZONE_AMSTERDAM,
	 {{2026, 10, 20}, 9, 0, 0},
	 14,
	 "2026-11-03T09:00:00+01:00",
	 337},
	{CT_ZONE_BRUSSELS,
	 {{2026, 10, 20}, 9, 0, 0},
	 14,
	 "2026-11-03T09:00:00+01:00",
	 337},
	/* 28 days, both changes */
	{CT_ZONE_AMSTERDAM,
	 {{2026, 3, 15}, 10, 0, 0},
	 28,
	 "2026-04-12T10:00:00+02:00",
	 671},
	{CT_ZONE_BRUSSELS,
	 {{2026, 10, 1}, 10, 0, 0},
	 28,
	 "2026-10-29T10:00:00+01:00",
	 673},
	/* 6 weeks */
	{CT_ZONE_AMSTERDAM,
	 {{2026, 9, 28}, 12, 0, 0},
	 42,
	 "2026-11-09T12:00:00+01:00",
	 1009},
	/* negative: back over the changes; "2 days before the end" */
	{CT_ZONE_AMSTERDAM,
	 {{2026, 3, 30}, 13, 59, 0},
	 -10,
	 "2026-03-20T13:59:00+01:00",
	 -239},
	{CT_ZONE_BRUSSELS,
	 {{2026, 11, 3}, 9, 0, 0},
	 -14,
	 "2026-10-20T09:00:00+02:00",
	 -337},
	{CT_ZONE_AMSTERDAM,
	 {{2026, 3, 30}, 13, 59, 0},
	 -2,
	 "2026-03-28T13:59:00+01:00",
	 -47},
	/* year end */
	{CT_ZONE_AMSTERDAM,
	 {{2026, 12, 25}, 13, 59, 0},
	 10,
	 "2027-01-04T13:59:00+01:00",
	 240},
	{CT_ZONE_BRUSSELS,
	 {{2027, 1, 4}, 13, 59, 0},
	 -10,
	 "2026-12-25T13:59:00+01:00",
	 -240},
	/* leap day */
	{CT_ZONE_AMSTERDAM,
	 {{2028, 2, 19}, 8, 0, 0},
	 10,
	 "2028-02-29T08:00:00+01:00",
	 240},
	{CT_ZONE_AMSTERDAM,
	 {{2028, 2, 29}, 8, 0, 0},
	 1,
	 "2028-03-01T08:00:00+01:00",
	 24},
	{CT_ZONE_AMSTERDAM,
	 {{2028, 3, 1}, 8, 0, 0},
	 -1,
	 "2028-02-29T08:00:00+01:00",
	 -24},
	{CT_ZONE_BRUSSELS,
	 {{2028, 2, 29}, 8, 0, 0},
	 365,
	 "2029-02-28T08:00:00+01:00",
	 8760},
	/* landing in the spring gap moves forward; in autumn, first 02:30 */
	{CT_ZONE_AMSTERDAM,
	 {{2026, 3, 19}, 2, 30, 0},
	 10,
	 "2026-03-29T03:30:00+02:00",
	 240},
	{CT_ZONE_AMSTERDAM,
	 {{2026, 10, 15}, 2, 30, 0},
	 10,
	 "2026-10-25T02:30:00+02:00",
	 240},
	/* zero days */
	{CT_ZONE_AMSTERDAM,
	 {{2026, 7, 13}, 13, 59, 0},
	 0,
	 "2026-07-13T13:59:00+02:00",
	 0},
};

static void
test_add_local_days(void **state)
{
	size_t i;

	(void)state;
	for (i = 0; i < CT_ARRAY_SIZE(add_cases); i++) {
		const struct add_case *a = &add_cases[i];
		int64_t t, out;

		assert_int_equal(ct_instant_from_local(a->zone, &a->from, &t),
				 CT_OK);
		assert_int_equal(ct_add_local_days(a->zone, t, a->days, &out),
				 CT_OK);
		assert_local(a->zone, out, a->want);
		assert_int_equal(out - t, a->hours * 3600);
	}
}

static void
test_add_local_days_edges(void **state)
{
	int64_t out = 42, autumn2 = INT64_C(1792890000) + 1800;
	struct ct_date d;

	(void)state;
	/* from the second 02:30 of autumn: next day's 02:30 */
	assert_local(CT_ZONE_AMSTERDAM, autumn2, "2026-10-25T02:30:00+01:00");
	assert_int_equal(ct_add_local_days(CT_ZONE_AMSTERDAM, autumn2, 1, &out),
			 CT_OK);
	assert_local(CT_ZONE_AMSTERDAM, out, "2026-10-26T02:30:00+01:00");
	ct_local_date(CT_ZONE_AMSTERDAM, out, &d);
	assert_int_equal(d.day, 26);

	/* out of range in, or out of range out: refused, out untouched */
	out = 42;
	assert_int_equal(ct_add_local_days(CT_ZONE_AMSTERDAM, -1, 1, &out),
			 CT_ERR_INVALID);
	assert_int_equal(ct_add_local_days(CT_ZONE_AMSTERDAM,
					   CT_INSTANT_MAX + 1, -1, &out),
			 CT_ERR_INVALID);
	assert_int_equal(ct_add_local_days(CT_ZONE_AMSTERDAM, 0, -1, &out),
			 CT_ERR_INVALID);
	assert_int_equal(ct_add_local_days(CT_ZONE_BRUSSELS,
					   CT_INSTANT_MAX - 86400 * 3, 10,
					   &out),
			 CT_ERR_INVALID);
	assert_int_equal(
		ct_add_local_days(CT_ZONE_BRUSSELS, 0, INT32_MAX, &out),
		CT_ERR_INVALID);
	assert_int_equal(ct_add_local_days(CT_ZONE_BRUSSELS, CT_INSTANT_MAX,
					   INT32_MIN, &out),
			 CT_ERR_INVALID);
	assert_int_equal(out, 42);
}

static void
test_local_date_and_range(void **state)
{
	struct ct_date d;
	struct ct_civil c = {{1970, 1, 1}, 0, 30, 0};
	int64_t t = 42;
	char buf[CT_ISO_SIZE];

	(void)state;
	/* 23:30 UTC on 12 July is already 13 July in Amsterdam */
	ct_local_date(CT_ZONE_AMSTERDAM, INT64_C(1783899000), &d);
	assert_int_equal(d.month, 7);
	assert_int_equal(d.day, 13);

	/* 1970-01-01 00:30 local is before the epoch in UTC */
	assert_int_equal(ct_instant_from_local(CT_ZONE_AMSTERDAM, &c, &t),
			 CT_ERR_INVALID);
	assert_int_equal(t, 42);
	c.hour = 1;
	c.minute = 0;
	assert_int_equal(ct_instant_from_local(CT_ZONE_AMSTERDAM, &c, &t),
			 CT_OK);
	assert_int_equal(t, 0);
	c = (struct ct_civil){{9999, 12, 31}, 23, 59, 59};
	assert_int_equal(ct_instant_from_local(CT_ZONE_BRUSSELS, &c, &t),
			 CT_OK);
	assert_int_equal(t, CT_INSTANT_MAX - 3600);

	/* impossible wall-clock readings */
	c = (struct ct_civil){{2026, 2, 29}, 12, 0, 0};
	assert_int_equal(ct_instant_from_local(CT_ZONE_BRUSSELS, &c, &t),
			 CT_ERR_INVALID);
	c = (struct ct_civil){{2026, 2, 28}, 24, 0, 0};
	assert_int_equal(ct_instant_from_local(CT_ZONE_BRUSSELS, &c, &t),
			 CT_ERR_INVALID);
	c = (struct ct_civil){{2026, 2, 28}, 12, 60, 0};
	assert_int_equal(ct_instant_from_local(CT_ZONE_BRUSSELS, &c, &t),
			 CT_ERR_INVALID);
	c = (struct ct_civil){{2026, 2, 28}, 12, 0, 60};
	assert_int_equal(ct_instant_from_local(CT_ZONE_BRUSSELS, &c, &t),
			 CT_ERR_INVALID);
	c = (struct ct_civil){{2026, 2, 28}, -1, 0, 0};
	assert_int_equal(ct_instant_from_local(CT_ZONE_BRUSSELS, &c, &t),
			 CT_ERR_INVALID);

	/* the formatters clamp what is out of range */
	ct_instant_format_utc(-5, buf);
	assert_string_equal(buf, "1970-01-01T00:00:00Z");
	ct_instant_format_utc(CT_INSTANT_MAX, buf);
	assert_string_equal(buf, "9999-12-31T23:59:59Z");
	ct_instant_format_utc(INT64_MAX, buf);
	assert_string_equal(buf, "9999-12-31T23:59:59Z");
	ct_instant_format_local(CT_ZONE_AMSTERDAM, INT64_MIN, buf);
	assert_string_equal(buf, "1970-01-01T01:00:00+01:00");
	ct_instant_format_local(CT_ZONE_AMSTERDAM, CT_INSTANT_MAX, buf);
	assert_string_equal(buf, "10000-01-01T00:59:59+01:00");
	assert_int_equal(ct_zone_offset(CT_ZONE_BRUSSELS, INT64_MAX), 3600);
	assert_int_equal(ct_zone_offset(CT_ZONE_BRUSSELS, INT64_MIN), 3600);
}

/* ------------------------------------------------------------------ */
/* ISO 8601 text                                                      */

struct parse_case {
	const char *text;
	enum ct_zone zone;
	int64_t want;
};

static const struct parse_case parse_good[] = {
	{"2026-07-13T13:59:00+02:00", CT_ZONE_AMSTERDAM, INT64_C(1783943940)},
	{"2026-07-13T11:59:00Z", CT_ZONE_AMSTERDAM, INT64_C(1783943940)},
	{"2026-07-13T11:59Z", CT_ZONE_BRUSSELS, INT64_C(1783943940)},
	{"2026-07-13T13:59", CT_ZONE_AMSTERDAM, INT64_C(1783943940)},
	{"2026-07-13T13:59:00", CT_ZONE_BRUSSELS, INT64_C(1783943940)},
	{"2026-07-13T12:59:00+01:00", CT_ZONE_BRUSSELS, INT64_C(1783943940)},
	{"2026-03-20T13:59", CT_ZONE_AMSTERDAM, INT64_C(1774011540)},
	{"1970-01-01T00:00:00Z", CT_ZONE_AMSTERDAM, 0},
	{"1970-01-01T01:00", CT_ZONE_AMSTERDAM, 0},
	{"9999-12-31T23:59:59Z", CT_ZONE_AMSTERDAM, CT_INSTANT_MAX},
	{"2000-02-29T12:00:00Z", CT_ZONE_AMSTERDAM, INT64_C(951825600)},
	{"2026-01-01T00:00+14:00", CT_ZONE_AMSTERDAM, INT64_C(1767175200)},
	{"2026-01-01T00:00:00-12:30", CT_ZONE_AMSTERDAM, INT64_C(1767270600)},
	/* spring gap forward, autumn first occurrence, explicit second */
	{"2026-03-29T02:30", CT_ZONE_AMSTERDAM, INT64_C(1774747800)},
	{"2026-10-25T02:30", CT_ZONE_BRUSSELS, INT64_C(1792888200)},
	{"2026-10-25T02:30+01:00", CT_ZONE_BRUSSELS, INT64_C(1792891800)},
};

static const char *const parse_bad[] = {
	"2026-02-30T10:00Z",
	"2026-13-01T10:00Z",
	"2026-00-10T10:00Z",
	"2026-01-00T10:00Z",
	"2027-02-29T10:00Z",
	"2026-07-13T24:00Z",
	"2026-07-13T24:00:00Z",
	"2026-07-13T24:00",
	"2026-07-13T23:60Z",
	"2026-07-13T23:59:60Z",
	"2026-07-13T13:59:00Zjunk",
	"2026-07-13T13:59:00+02:00 ",
	" 2026-07-13T13:59Z",
	"2026-07-13T13:59:00Z\n",
	"2026-07-13",
	"2026-07-13T",
	"2026-07-13T13",
	"2026-07-13T13:",
	"2026-07-13T13:5Z",
	"2026-07-13T13:59:",
	"2026-07-13T13:59:0Z",
	"2026-7-13T13:59Z",
	"26-07-13T13:59Z",
	"2026-07-13 13:59Z",
	"2026-07-13t13:59Z",
	"2026-07-13T13:59z",
	"2026-07-13T13:59:00.5Z",
	"2026-07-13T13:59+0200",
	"2026-07-13T13:59+02",
	"2026-07-13T13:59+02:",
	"2026-07-13T13:59+",
	"2026-07-13T13:59+15:00",
	"2026-07-13T13:59+14:30",
	"2026-07-13T13:59+02:60",
	"2026-07-13T13:59+2:00",
	"1969-12-31T23:59:59Z",
	"1970-01-01T00:30",
	"1970-01-01T00:30+01:00",
	"10000-01-01T00:00Z",
	"9999-12-31T23:59:59-01:00",
	"",
	"+2026-07-13T13:59Z",
	"-2026-07-13T13:59Z",
	"2026-07-13T-1:59Z",
	"2026-07-13T13:59:-1Z",
	"2026-07-13T13:59:+1Z",
	"2026-07-13TT13:59Z",
	"2026/07/13T13:59Z",
	"0000-01-01T00:00Z",
	"T13:59Z",
	"Z",
	"2026-07-13T13:59ZZ",
	"2026-07-13T13:59+02:00Z",
};

static void
test_instant_parse(void **state)
{
	size_t i, k;

	(void)state;
	for (i = 0; i < CT_ARRAY_SIZE(parse_good); i++) {
		int64_t t = -1;

		if (ct_instant_parse(parse_good[i].text, parse_good[i].zone,
				     &t) != CT_OK)
			fail_msg("refused \"%s\"", parse_good[i].text);
		assert_int_equal(t, parse_good[i].want);
	}
	for (i = 0; i < CT_ARRAY_SIZE(parse_bad); i++) {
		for (k = 0; k < CT_ARRAY_SIZE(zones); k++) {
			int64_t t = 42;

			if (ct_instant_parse(parse_bad[i], zones[k], &t) !=
			    CT_ERR_INVALID)
				fail_msg("accepted \"%s\"", parse_bad[i]);
			assert_int_equal(t, 42);
		}
	}
	assert_int_equal(
		ct_instant_parse(NULL, CT_ZONE_AMSTERDAM, &(int64_t){0}),
		CT_ERR_INVALID);
}

static void
test_instant_format(void **state)
{
	char buf[CT_ISO_SIZE];

	(void)state;
	ct_instant_format_utc(INT64_C(1783943940), buf);
	assert_string_equal(buf, "2026-07-13T11:59:00Z");
	ct_instant_format_local(CT_ZONE_AMSTERDAM, INT64_C(1783943940), buf);
	assert_string_equal(buf, "2026-07-13T13:59:00+02:00");
	ct_instant_format_local(CT_ZONE_BRUSSELS, INT64_C(1774011540), buf);
	assert_string_equal(buf, "2026-03-20T13:59:00+01:00");
	ct_instant_format_utc(0, buf);
	assert_string_equal(buf, "1970-01-01T00:00:00Z");
	ct_instant_format_utc(INT64_C(951825600), buf);
	assert_string_equal(buf, "2000-02-29T12:00:00Z");
}

/* Every 7919 s step over the full range formats and parses back. */
static void
test_instant_round_trip_sweep(void **state)
{
	int64_t t;
	size_t k;

	(void)state;
	for (t = CT_INSTANT_MIN; t <= CT_INSTANT_MAX;
	     t += INT64_C(7919) * 997) {
		char buf[CT_ISO_SIZE];
		int64_t back = -1;

		ct_instant_format_utc(t, buf);
		assert_int_equal(
			ct_instant_parse(buf, CT_ZONE_AMSTERDAM, &back), CT_OK);
		assert_int_equal(back, t);
		for (k = 0; k < CT_ARRAY_SIZE(zones); k++) {
			ct_instant_format_local(zones[k], t, buf);
			back = -1;
			assert_int_equal(ct_instant_parse(buf, zones[k], &back),
					 CT_OK);
			assert_int_equal(back, t);
		}
	}
}

static void
test_date_parse_and_format(void **state)
{
	static const char *const good[] = {
		"2026-07-13", "2028-02-29", "1970-01-01", "1969-12-31", "1900-01-01",
		"9999-12-31", "2000-02-29",
	};
	static const char *const bad[] = {
		"2026-02-30",  "2026-13-01",
		"2027-02-29",  "2100-02-29",
		"1900-02-29",  "1899-12-31",
		"10000-01-01", "0000-01-01",
		"2026-07-13T", "2026-07-13 ",
		" 2026-07-13", "2026-7-13",
		"2026/07/13",  "",
		"2026-07",     "2026-07-1",
		"-2026-07-13", "+2026-07-13",
		"2026-07-13x", "2026-00-01",
		"2026-01-00",  "2026-07--1",
		"20260713",
	};
	size_t i;

	(void)state;
	for (i = 0; i < CT_ARRAY_SIZE(good); i++) {
		struct ct_date d;
		char buf[11];

		assert_int_equal(ct_date_parse(good[i], &d), CT_OK);
		ct_date_format(&d, buf);
		assert_string_equal(buf, good[i]);
	}
	for (i = 0; i < CT_ARRAY_SIZE(bad); i++) {
		struct ct_date d = {1, 2, 3};

		if (ct_date_parse(bad[i], &d) != CT_ERR_INVALID)
			fail_msg("accepted \"%s\"", bad[i]);
		assert_int_equal(d.year, 1); /* untouched */
	}
	assert_int_equal(ct_date_parse(NULL, &(struct ct_date){0, 0, 0}),
			 CT_ERR_INVALID);
}

/* ------------------------------------------------------------------ */
/* Fuzz                                                               */

static const char *const fuzz_seeds[] = {
	"2026-07-13T13:59:00+02:00", "2026-03-29T02:30",
	"2026-10-25T02:30Z",	     "1970-01-01T01:00",
	"9999-12-31T23:59:59Z",	     "2028-02-29",
	"2026-12-31T23:59:59-11:45",
};

static void
fuzz_mutate(struct prng *r, char *buf, size_t size)
{
	static const char alphabet[] = "0123456789-T:Z+ .zt\x01\xff";
	const char *seed = fuzz_seeds[prng_below(r, CT_ARRAY_SIZE(fuzz_seeds))];
	size_t len = strlen(seed), i, edits;

	memcpy(buf, seed, len + 1);
	edits = (size_t)prng_below(r, 4);
	for (i = 0; i < edits; i++) {
		size_t at = (size_t)prng_below(r, len + 1);
		char c = alphabet[prng_below(r, sizeof(alphabet) - 1)];

		switch (prng_below(r, 4)) {
		case 0: /* replace */
			if (at < len)
				buf[at] = c;
			break;
		case 1: /* insert */
			if (len + 2 < size) {
				memmove(buf + at + 1, buf + at, len - at + 1);
				buf[at] = c;
				len++;
			}
			break;
		case 2: /* delete */
			if (at < len) {
				memmove(buf + at, buf + at + 1, len - at);
				len--;
			}
			break;
		default: /* truncate */
			buf[at] = '\0';
			len = at;
			break;
		}
	}
}

static void
fuzz_random(struct prng *r, char *buf, size_t size)
{
	size_t len = (size_t)prng_below(r, size - 1), i;

	for (i = 0; i < len; i++)
		buf[i] = (char)(prng_below(r, 255) + 1); /* no NUL inside */
	buf[len] = '\0';
}

static void
test_fuzz_parsers(void **state)
{
	struct prng r;
	char in[48];
	int i, accepted_instants = 0, accepted_dates = 0;

	(void)state;
	prng_seed(&r, 0xc1f7113e);
	for (i = 0; i < 20000; i++) {
		enum ct_zone z = zones[prng_below(&r, 2)];
		char out[CT_ISO_SIZE];
		struct ct_date d;
		int64_t t, back;

		if (prng_chance(&r, 800))
			fuzz_mutate(&r, in, sizeof(in));
		else
			fuzz_random(&r, in, sizeof(in));

		if (ct_instant_parse(in, z, &t) == CT_OK) {
			accepted_instants++;
			assert_true(t >= CT_INSTANT_MIN && t <= CT_INSTANT_MAX);
			ct_instant_format_utc(t, out);
			assert_int_equal(ct_instant_parse(out, z, &back),
					 CT_OK);
			assert_int_equal(back, t);
			ct_instant_format_local(z, t, out);
			if (strlen(out) == 25) { /* 4-digit year */
				assert_int_equal(
					ct_instant_parse(out, z, &back), CT_OK);
				assert_int_equal(back, t);
			}
		}
		if (ct_date_parse(in, &d) == CT_OK) {
			accepted_dates++;
			assert_true(ct_date_valid(&d));
			/* strict: only the canonical text is accepted */
			ct_date_format(&d, out);
			assert_string_equal(out, in);
		}
	}
	/* the mutations must reach both sides of the parsers */
	assert_true(accepted_instants > 500);
	assert_true(accepted_dates > 50);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_leap_years_and_month_lengths),
		cmocka_unit_test(test_date_valid),
		cmocka_unit_test(test_known_day_numbers),
		cmocka_unit_test(test_calendar_walk),
		cmocka_unit_test(test_date_add_and_cmp),
		cmocka_unit_test(test_country_zone),
		cmocka_unit_test(test_dst_transitions),
		cmocka_unit_test(test_dst_rule_1996_2199),
		cmocka_unit_test(test_add_local_days),
		cmocka_unit_test(test_add_local_days_edges),
		cmocka_unit_test(test_local_date_and_range),
		cmocka_unit_test(test_instant_parse),
		cmocka_unit_test(test_instant_format),
		cmocka_unit_test(test_instant_round_trip_sweep),
		cmocka_unit_test(test_date_parse_and_format),
		cmocka_unit_test(test_fuzz_parsers),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
