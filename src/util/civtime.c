/*
 * civtime.c - calendar arithmetic, the EU summer-time rule for Amsterdam
 * and Brussels, and strict ISO 8601 text.
 *
 * Dates are converted to and from a day count with the algorithms Howard
 * Hinnant published as days_from_civil and civil_from_days: the year is
 * shifted to start on 1 March, so the leap day is the last day of a
 * "computational year", and 400-year eras make the arithmetic exact for
 * any year without tables. Local time is UTC plus a fixed offset that
 * changes at 01:00 UTC on the last Sundays of March and October, the EU
 * rule since 1996; nothing here reads TZ, tzdata or the C library's time
 * functions, so a deadline is the same on every machine.
 *
 * Converting local time back to an instant tries summer time first, then
 * winter time; the first reading that is consistent with the rule wins,
 * which gives the first occurrence of an autumn hour. A spring-gap time is
 * consistent with neither and is read with the winter offset, which moves
 * it forward by the hour the clocks skipped.
 */
#include "util/civtime.h"

#include <stdio.h>
#include <string.h>

#include "util/checked.h"
#include "util/compat.h"
#include "util/strparse.h"
#include "util/banned.h"

#define SECS_PER_DAY INT64_C(86400)
#define OFFSET_WINTER 3600
#define OFFSET_SUMMER 7200
/* Offsets we accept in parsed text, as ISO 8601 practice bounds them. */
#define PARSE_OFFSET_MAX_HOURS 14
#define YEAR_MIN 1900 /* calendar dates: birth dates reach back; instants start at 1970 */
#define YEAR_MAX 9999

/* Floor division for a negative numerator (C rounds toward zero). */
static int64_t
floor_div(int64_t a, int64_t b)
{
	int64_t q = a / b;

	if ((a % b) != 0 && ((a < 0) != (b < 0)))
		q--;
	return q;
}

enum ct_zone
ct_country_zone(enum ct_country c)
{
	switch (c) {
	case CT_COUNTRY_NL:
		return CT_ZONE_AMSTERDAM;
	case CT_COUNTRY_BE:
		return CT_ZONE_BRUSSELS;
	}
	CT_BUG("ct_country_zone: unknown country");
}

int
ct_is_leap_year(int year)
{
	return (year % 4 == 0 && year % 100 != 0) || year % 400 == 0;
}

int
ct_days_in_month(int year, int month)
{
	static const int days[12] = {31, 28, 31, 30, 31, 30,
				     31, 31, 30, 31, 30, 31};

	if (month < 1 || month > 12)
		return 0;
	if (month == 2 && ct_is_leap_year(year))
		return 29;
	return days[month - 1];
}

int
ct_date_valid(const struct ct_date *d)
{
	if (d->year < YEAR_MIN || d->year > YEAR_MAX)
		return 0;
	if (d->month < 1 || d->month > 12)
		return 0;
	return d->day >= 1 && d->day <= ct_days_in_month(d->year, d->month);
}

int64_t
ct_days_from_date(const struct ct_date *d)
{
	/* Years counted from 1 March, so February is last in the year. */
	int64_t y = (int64_t)d->year - (d->month <= 2);
	int64_t era = floor_div(y, 400);
	int64_t yoe = y - era * 400;			     /* 0..399 */
	int64_t mp = (d->month + 9) % 12;		     /* March = 0 */
	int64_t doy = (153 * mp + 2) / 5 + d->day - 1;	     /* 0..365 */
	int64_t doe = yoe * 365 + yoe / 4 - yoe / 100 + doy; /* 0..146096 */

	return era * 146097 + doe - 719468; /* 719468: 0000-03-01 .. 1970 */
}

void
ct_date_from_days(int64_t days, struct ct_date *out)
{
	int64_t z, era, doe, yoe, y, doy, mp;

	/* Beyond this the day count would overflow or the year an int. */
	if (days > INT64_C(784000000000) || days < -INT64_C(784000000000))
		CT_BUG("ct_date_from_days: day count out of range");
	z = days + 719468;
	era = floor_div(z, 146097);
	doe = z - era * 146097;
	yoe = (doe - doe / 1460 + doe / 36524 - doe / 146096) / 365;
	y = yoe + era * 400;
	doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
	mp = (5 * doy + 2) / 153;
	out->day = (int)(doy - (153 * mp + 2) / 5 + 1);
	out->month = (int)(mp < 10 ? mp + 3 : mp - 9);
	out->year = (int)(y + (out->month <= 2));
}

int
ct_weekday(const struct ct_date *d)
{
	/* 1970-01-01 was a Thursday (ISO 4). */
	int64_t w = (ct_days_from_date(d) + 3) % 7;

	if (w < 0)
		w += 7;
	return (int)w + 1;
}

void
ct_date_add_days(const struct ct_date *d, int64_t n, struct ct_date *out)
{
	int64_t days;

	if (ct_i64_add_overflow(ct_days_from_date(d), n, &days))
		CT_BUG("ct_date_add_days: overflow");
	ct_date_from_days(days, out);
}

int
ct_date_cmp(const struct ct_date *a, const struct ct_date *b)
{
	if (a->year != b->year)
		return a->year < b->year ? -1 : 1;
	if (a->month != b->month)
		return a->month < b->month ? -1 : 1;
	if (a->day != b->day)
		return a->day < b->day ? -1 : 1;
	return 0;
}

/* ------------------------------------------------------------------ */
/* Zones.                                                             */

static int64_t
clamp_instant(int64_t t)
{
	if (t < CT_INSTANT_MIN)
		return CT_INSTANT_MIN;
	if (t > CT_INSTANT_MAX)
		return CT_INSTANT_MAX;
	return t;
}

static void
check_zone(enum ct_zone z)
{
	if (z != CT_ZONE_AMSTERDAM && z != CT_ZONE_BRUSSELS)
		CT_BUG("civtime: unknown zone");
}

/* Day number of the last Sunday of `month` (31 days: March, October). */
static int64_t
last_sunday_of(int year, int month)
{
	struct ct_date d = {year, month, 31};

	return ct_days_from_date(&d) - (ct_weekday(&d) % 7);
}

/* Summer time runs [start, end) in UTC seconds for the year of t. */
static int
is_summer_time(int64_t t)
{
	struct ct_date d;
	int64_t start, end;

	ct_date_from_days(floor_div(t, SECS_PER_DAY), &d);
	start = last_sunday_of(d.year, 3) * SECS_PER_DAY + 3600;
	end = last_sunday_of(d.year, 10) * SECS_PER_DAY + 3600;
	return t >= start && t < end;
}

int
ct_zone_offset(enum ct_zone z, int64_t t)
{
	/* Both zones follow the same rule; the enum keeps callers honest. */
	check_zone(z);
	return is_summer_time(clamp_instant(t)) ? OFFSET_SUMMER : OFFSET_WINTER;
}

static void
civil_from_seconds(int64_t secs, struct ct_civil *out)
{
	int64_t days = floor_div(secs, SECS_PER_DAY);
	int64_t sod = secs - days * SECS_PER_DAY;

	ct_date_from_days(days, &out->date);
	out->hour = (int)(sod / 3600);
	out->minute = (int)(sod / 60 % 60);
	out->second = (int)(sod % 60);
}

void
ct_local_from_instant(enum ct_zone z, int64_t t, struct ct_civil *out)
{
	t = clamp_instant(t);
	civil_from_seconds(t + ct_zone_offset(z, t), out);
}

void
ct_local_date(enum ct_zone z, int64_t t, struct ct_date *out)
{
	struct ct_civil c;

	ct_local_from_instant(z, t, &c);
	*out = c.date;
}

static int
civil_valid(const struct ct_civil *c)
{
	return ct_date_valid(&c->date) && c->hour >= 0 && c->hour <= 23 &&
	       c->minute >= 0 && c->minute <= 59 && c->second >= 0 &&
	       c->second <= 59;
}

/* Seconds since the epoch of the wall-clock reading, as if it were UTC. */
static int64_t
civil_seconds(const struct ct_civil *c)
{
	return ct_days_from_date(&c->date) * SECS_PER_DAY + c->hour * 3600 +
	       c->minute * 60 + c->second;
}

enum ct_err
ct_instant_from_local(enum ct_zone z, const struct ct_civil *local,
		      int64_t *out)
{
	int64_t wall, t;

	check_zone(z);
	if (!civil_valid(local))
		return CT_ERR_INVALID;
	wall = civil_seconds(local);
	t = wall - OFFSET_SUMMER;
	if (!(t >= CT_INSTANT_MIN && t <= CT_INSTANT_MAX &&
	      is_summer_time(t))) {
		/* Winter time, or the spring gap read with the winter
		 * offset, which moves it forward by the skipped hour. */
		t = wall - OFFSET_WINTER;
	}
	if (t < CT_INSTANT_MIN || t > CT_INSTANT_MAX)
		return CT_ERR_INVALID;
	*out = t;
	return CT_OK;
}

enum ct_err
ct_add_local_days(enum ct_zone z, int64_t t, int n, int64_t *out)
{
	struct ct_civil c;

	check_zone(z);
	if (t < CT_INSTANT_MIN || t > CT_INSTANT_MAX)
		return CT_ERR_INVALID;
	ct_local_from_instant(z, t, &c);
	/* |n| fits an int, so the day count stays far from overflow. */
	ct_date_add_days(&c.date, n, &c.date);
	return ct_instant_from_local(z, &c, out);
}

/* ------------------------------------------------------------------ */
/* ISO 8601 text.                                                     */

static void
format_civil(const struct ct_civil *c, const char *suffix,
	     char out[CT_ISO_SIZE])
{
	snprintf(out, CT_ISO_SIZE, "%04d-%02d-%02dT%02d:%02d:%02d%s",
		 c->date.year, c->date.month, c->date.day, c->hour, c->minute,
		 c->second, suffix);
}

void
ct_instant_format_utc(int64_t t, char out[CT_ISO_SIZE])
{
	struct ct_civil c;

	civil_from_seconds(clamp_instant(t), &c);
	format_civil(&c, "Z", out);
}

void
ct_instant_format_local(enum ct_zone z, int64_t t, char out[CT_ISO_SIZE])
{
	struct ct_civil c;

	t = clamp_instant(t);
	ct_local_from_instant(z, t, &c);
	format_civil(
		&c, ct_zone_offset(z, t) == OFFSET_SUMMER ? "+02:00" : "+01:00",
		out);
}

void
ct_date_format(const struct ct_date *d, char out[11])
{
	/* An out-of-range year is a caller's bug; snprintf still bounds it. */
	snprintf(out, 11, "%04d-%02d-%02d", d->year, d->month, d->day);
}

static enum ct_err
parse_uint(struct strparse *sp, unsigned digits, unsigned max, int *out)
{
	uint64_t v;
	enum ct_err rc;

	rc = strparse_uint(sp, digits, 0, 0, max, &v);
	if (rc == CT_OK)
		*out = (int)v;
	return rc;
}

/* "YYYY-MM-DD" at the cursor; validity of the day is checked. */
static enum ct_err
parse_date(struct strparse *sp, struct ct_date *d)
{
	if (parse_uint(sp, 4, YEAR_MAX, &d->year) || strparse_char(sp, '-') ||
	    parse_uint(sp, 2, 12, &d->month) || strparse_char(sp, '-') ||
	    parse_uint(sp, 2, 31, &d->day))
		return CT_ERR_INVALID;
	return ct_date_valid(d) ? CT_OK : CT_ERR_INVALID;
}

enum ct_err
ct_date_parse(const char *s, struct ct_date *out)
{
	struct strparse sp;
	struct ct_date d;

	if (!s)
		return CT_ERR_INVALID;
	strparse_init_str(&sp, s);
	if (parse_date(&sp, &d) || !strparse_done(&sp))
		return CT_ERR_INVALID;
	*out = d;
	return CT_OK;
}

/* "Z", "+hh:mm" or "-hh:mm"; *has_offset 0 when nothing follows. */
static enum ct_err
parse_offset(struct strparse *sp, int *has_offset, int64_t *offset)
{
	int sign, hh, mm;

	*has_offset = 0;
	*offset = 0;
	if (strparse_done(sp))
		return CT_OK;
	*has_offset = 1;
	if (strparse_char(sp, 'Z') == CT_OK)
		return CT_OK;
	if (strparse_char(sp, '+') == CT_OK)
		sign = 1;
	else if (strparse_char(sp, '-') == CT_OK)
		sign = -1;
	else
		return CT_ERR_INVALID;
	if (parse_uint(sp, 2, PARSE_OFFSET_MAX_HOURS, &hh) ||
	    strparse_char(sp, ':') || parse_uint(sp, 2, 59, &mm))
		return CT_ERR_INVALID;
	if (hh == PARSE_OFFSET_MAX_HOURS && mm != 0)
		return CT_ERR_INVALID;
	*offset = sign * (hh * 3600 + mm * 60);
	return CT_OK;
}

enum ct_err
ct_instant_parse(const char *s, enum ct_zone z, int64_t *out)
{
	struct strparse sp;
	struct ct_civil c;
	int has_offset;
	int64_t offset, t;

	check_zone(z);
	if (!s)
		return CT_ERR_INVALID;
	strparse_init_str(&sp, s);
	c.second = 0;
	if (parse_date(&sp, &c.date) || strparse_char(&sp, 'T') ||
	    parse_uint(&sp, 2, 23, &c.hour) || strparse_char(&sp, ':') ||
	    parse_uint(&sp, 2, 59, &c.minute))
		return CT_ERR_INVALID;
	if (strparse_char(&sp, ':') == CT_OK &&
	    parse_uint(&sp, 2, 59, &c.second))
		return CT_ERR_INVALID;
	if (parse_offset(&sp, &has_offset, &offset) || !strparse_done(&sp))
		return CT_ERR_INVALID;
	if (!has_offset)
		return ct_instant_from_local(z, &c, out);
	t = civil_seconds(&c) - offset;
	if (t < CT_INSTANT_MIN || t > CT_INSTANT_MAX)
		return CT_ERR_INVALID;
	*out = t;
	return CT_OK;
}
