/*
 * holidays.c - public holidays of NL and BE, and counting working days.
 *
 * A holiday is either a fixed day of the year or a day a fixed distance
 * from Easter Sunday, plus the Dutch King's Day with its Sunday rule. The
 * rules are two small tables, one per country, checked in order; the
 * Easter-bound feasts come first so that their name wins when two
 * holidays share a day. Easter is computed with the anonymous Gregorian
 * algorithm (Meeus/Jones/Butcher), exact for every Gregorian year.
 *
 * Counting walks day by day. Deadlines are counted in days or weeks, so
 * the walk is short; a year's Easter is computed once per year crossed
 * rather than once per day.
 */
#include "util/holidays.h"

#include <stddef.h>

#include "util/compat.h"
#include "util/banned.h"

/* A holiday: fixed (month, day) when easter_offset is unused. */
struct holiday_rule {
	int from_easter;   /* 1: easter_offset applies, month/day unused */
	int easter_offset; /* days after Easter Sunday */
	int month;
	int day;
	const char *name;
};

/*
 * Easter-bound rules first: their name wins on a shared day.
 * One rule a line, so the tables read as the law lists them.
 */
/* clang-format off */
static const struct holiday_rule holidays_nl[] = {
	{ 1,  1,  0,  0, "Tweede Paasdag" },
	{ 1, 39,  0,  0, "Hemelvaartsdag" },
	{ 1, 50,  0,  0, "Tweede Pinksterdag" },
	{ 0,  0,  1,  1, "Nieuwjaarsdag" },
	{ 0,  0,  5,  5, "Bevrijdingsdag" },
	{ 0,  0, 12, 25, "Eerste Kerstdag" },
	{ 0,  0, 12, 26, "Tweede Kerstdag" },
};

static const struct holiday_rule holidays_be[] = {
	{ 1,  1,  0,  0, "Paasmaandag" },
	{ 1, 39,  0,  0, "O.L.H. Hemelvaart" },
	{ 1, 50,  0,  0, "Pinkstermaandag" },
	{ 0,  0,  1,  1, "Nieuwjaar" },
	{ 0,  0,  5,  1, "Dag van de Arbeid" },
	{ 0,  0,  7, 21, "Nationale feestdag" },
	{ 0,  0,  8, 15, "O.L.V. Hemelvaart" },
	{ 0,  0, 11,  1, "Allerheiligen" },
	{ 0,  0, 11, 11, "Wapenstilstand" },
	{ 0,  0, 12, 25, "Kerstmis" },
};
/* clang-format on */

/* Koningsdag replaced Koninginnedag from this year on. */
#define KINGS_DAY_FIRST_YEAR 2014

/* Easter of one year, kept while a count walks through that year. */
struct easter_cache {
	int year;
	int64_t easter_days;
};

void
ct_easter(int year, struct ct_date *out)
{
	/* Meeus/Jones/Butcher; all terms are non-negative for year >= 0. */
	int a = year % 19;
	int b = year / 100;
	int c = year % 100;
	int d = b / 4;
	int e = b % 4;
	int f = (b + 8) / 25;
	int g = (b - f + 1) / 3;
	int h = (19 * a + b - d - g + 15) % 30;
	int i = c / 4;
	int k = c % 4;
	int l = (32 + 2 * e + 2 * i - h - k) % 7;
	int m = (a + 11 * h + 22 * l) / 451;
	int month = (h + l - 7 * m + 114) / 31;
	int day = (h + l - 7 * m + 114) % 31 + 1;

	/* Proleptic before 1583, as all our dates are. */
	if (year < 0)
		CT_BUG("ct_easter: negative year");
	out->year = year;
	out->month = month;
	out->day = day;
}

/*
 * The Dutch monarch's day of year, if d is it: Koningsdag 27 April or
 * Saturday 26 April; before 2014 Koninginnedag 30 April or Saturday 29
 * April. (Before 1980 a Sunday 30 April moved to Monday 1 May; cases
 * reach back no further than this system, so that rule is not kept.)
 */
static const char *
monarch_day(const struct ct_date *d)
{
	int day = d->year >= KINGS_DAY_FIRST_YEAR ? 27 : 30;
	struct ct_date official = {d->year, 4, day};

	if (ct_weekday(&official) == 7)
		official.day--;
	if (d->month != 4 || d->day != official.day)
		return NULL;
	return d->year >= KINGS_DAY_FIRST_YEAR ? "Koningsdag" : "Koninginnedag";
}

static const char *
holiday_name(enum ct_country c, const struct ct_date *d,
	     struct easter_cache *cache)
{
	const struct holiday_rule *rules;
	size_t n, i;
	int64_t days = ct_days_from_date(d);
	struct ct_date easter;

	switch (c) {
	case CT_COUNTRY_NL:
		rules = holidays_nl;
		n = CT_ARRAY_SIZE(holidays_nl);
		break;
	case CT_COUNTRY_BE:
		rules = holidays_be;
		n = CT_ARRAY_SIZE(holidays_be);
		break;
	default:
		CT_BUG("holidays: unknown country");
	}
	if (cache->year != d->year) {
		ct_easter(d->year, &easter);
		cache->year = d->year;
		cache->easter_days = ct_days_from_date(&easter);
	}
	for (i = 0; i < n; i++) {
		const struct holiday_rule *r = &rules[i];

		if (r->from_easter
			    ? days == cache->easter_days + r->easter_offset
			    : d->month == r->month && d->day == r->day)
			return r->name;
	}
	return c == CT_COUNTRY_NL ? monarch_day(d) : NULL;
}

static void
easter_cache_init(struct easter_cache *cache)
{
	cache->year = -1; /* never a valid year: the first lookup fills it */
	cache->easter_days = 0;
}

int
ct_is_public_holiday(enum ct_country c, const struct ct_date *d,
		     const char **name)
{
	struct easter_cache cache;
	const char *found;

	if (name)
		*name = NULL;
	if (!ct_date_valid(d))
		return 0;
	easter_cache_init(&cache);
	found = holiday_name(c, d, &cache);
	if (name)
		*name = found;
	return found != NULL;
}

static int
working_day(enum ct_country c, const struct ct_date *d,
	    struct easter_cache *cache)
{
	return ct_weekday(d) <= 5 && !holiday_name(c, d, cache);
}

int
ct_is_working_day(enum ct_country c, const struct ct_date *d)
{
	struct easter_cache cache;

	if (!ct_date_valid(d))
		return 0;
	easter_cache_init(&cache);
	return working_day(c, d, &cache);
}

void
ct_add_working_days(enum ct_country c, const struct ct_date *d, int n,
		    struct ct_date *out)
{
	struct easter_cache cache;
	struct ct_date cur = *d;
	int step = n < 0 ? -1 : 1;
	int left = n < 0 ? -n : n;

	if (!ct_date_valid(d))
		CT_BUG("ct_add_working_days: invalid date");
	if (n > CT_WORKING_DAYS_MAX || n < -CT_WORKING_DAYS_MAX)
		CT_BUG("ct_add_working_days: n out of range");
	easter_cache_init(&cache);
	if (n == 0) {
		while (!working_day(c, &cur, &cache))
			ct_date_add_days(&cur, 1, &cur);
	}
	while (left > 0) {
		ct_date_add_days(&cur, step, &cur);
		if (working_day(c, &cur, &cache))
			left--;
	}
	*out = cur;
}

int
ct_working_days_between(enum ct_country c, const struct ct_date *from,
			const struct ct_date *to)
{
	struct easter_cache cache;
	struct ct_date cur = *from;
	int count = 0;

	if (!ct_date_valid(from) || !ct_date_valid(to))
		CT_BUG("ct_working_days_between: invalid date");
	easter_cache_init(&cache);
	while (ct_date_cmp(&cur, to) < 0) {
		ct_date_add_days(&cur, 1, &cur);
		if (working_day(c, &cur, &cache))
			count++;
	}
	return count;
}
