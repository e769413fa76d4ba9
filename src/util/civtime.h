/*
 * civtime.h - the clocks of every legal deadline.
 *
 * Instants are int64 seconds since 1970-01-01T00:00:00Z (UTC), which is how
 * the database stores them. Legal arithmetic happens in the civil (wall
 * clock) time of a case's jurisdiction: a 10-day order imposed at 13:59 ends
 * at 13:59 local time ten calendar days later, also across a daylight-saving
 * change. Working days skip Saturdays, Sundays and that country's public
 * holidays.
 *
 * Zones: Europe/Amsterdam and Europe/Brussels, both CET (UTC+1) with EU
 * summer time (UTC+2) from the last Sunday of March 01:00 UTC to the last
 * Sunday of October 01:00 UTC. The rules are computed here rather than read
 * from the system tz database so that a deadline never depends on the
 * machine's tzdata package or TZ variable; valid for 1996 onwards (the
 * current EU rule) and checked for the years 1996-2199. Before 1996 the
 * same rule is applied (the real end of summer time then was in September).
 *
 * Public holidays and working days are in util/holidays.h.
 *
 * Instants outside CT_INSTANT_MIN..CT_INSTANT_MAX are clamped into that
 * range by the functions that cannot return an error, and refused with
 * CT_ERR_INVALID by those that can. All functions are pure and thread-safe.
 */
#ifndef CT_UTIL_CIVTIME_H
#define CT_UTIL_CIVTIME_H

#include <stdint.h>

#include "util/err.h"

enum ct_zone {
	CT_ZONE_AMSTERDAM = 0,
	CT_ZONE_BRUSSELS = 1,
};

enum ct_country {
	CT_COUNTRY_NL = 0,
	CT_COUNTRY_BE = 1,
};

/* The zone in which a country's legal deadlines are counted. */
enum ct_zone ct_country_zone(enum ct_country c);

/* A calendar date (proleptic Gregorian). */
struct ct_date {
	int year;  /* 1900..9999 (birth dates reach back before 1970) */
	int month; /* 1..12 */
	int day;   /* 1..31 */
};

/* A wall-clock date and time, no zone attached. */
struct ct_civil {
	struct ct_date date;
	int hour;   /* 0..23 */
	int minute; /* 0..59 */
	int second; /* 0..59 */
};

/* Earliest and latest instant we accept (1970-01-01 .. 9999-12-31). */
#define CT_INSTANT_MIN INT64_C(0)
#define CT_INSTANT_MAX INT64_C(253402300799)

int ct_is_leap_year(int year);
int ct_days_in_month(int year, int month);
/* 1 when d names a real calendar date in 1900..9999. */
int ct_date_valid(const struct ct_date *d);
/* Days since 1970-01-01 (may be negative for earlier dates). */
int64_t ct_days_from_date(const struct ct_date *d);
/* Inverse of ct_days_from_date; CT_BUG if the year would not fit an int. */
void ct_date_from_days(int64_t days, struct ct_date *out);
/* ISO weekday: 1 = Monday .. 7 = Sunday. */
int ct_weekday(const struct ct_date *d);
/* d plus n calendar days (n may be negative). */
void ct_date_add_days(const struct ct_date *d, int64_t n, struct ct_date *out);
/* Compare: <0, 0, >0. */
int ct_date_cmp(const struct ct_date *a, const struct ct_date *b);

/* UTC offset in seconds (3600 or 7200) in force at instant t in zone z. */
int ct_zone_offset(enum ct_zone z, int64_t t);
/* Local wall-clock time of instant t in zone z. */
void ct_local_from_instant(enum ct_zone z, int64_t t, struct ct_civil *out);

/*
 * The instant at which the wall clock of zone z shows `local`.
 * A time skipped by the spring change (02:00-02:59 on the last Sunday of
 * March) does not exist: it is mapped forward by the gap (02:30 -> 03:30
 * summer time), as legal practice counts such a moment. A time that occurs
 * twice in autumn (02:00-02:59) maps to the first occurrence (summer time).
 * Returns CT_ERR_INVALID for an impossible date or time, or when the
 * instant falls outside CT_INSTANT_MIN..CT_INSTANT_MAX; *out is then
 * left alone.
 */
enum ct_err ct_instant_from_local(enum ct_zone z, const struct ct_civil *local,
				  int64_t *out);

/*
 * Add n calendar days in local time: same wall-clock time, n days later
 * (n may be negative). A 10-day order from 2026-03-20 13:59 ends
 * 2026-03-30 13:59, although only 239 hours pass. A landing in the
 * spring gap or the autumn overlap is resolved as ct_instant_from_local
 * does. CT_ERR_INVALID when t or the result is out of range.
 */
enum ct_err ct_add_local_days(enum ct_zone z, int64_t t, int n, int64_t *out);

/* The local calendar date of instant t. */
void ct_local_date(enum ct_zone z, int64_t t, struct ct_date *out);

/*
 * ISO 8601 text. Format: "2026-07-13T13:59:00+02:00" (local with offset)
 * or "2026-07-13T11:59:00Z"; out needs CT_ISO_SIZE bytes.
 * Parse accepts "YYYY-MM-DDTHH:MM[:SS](Z|+hh:mm|-hh:mm)" and, with a zone,
 * local "YYYY-MM-DDTHH:MM[:SS]" without an offset, read as wall-clock time
 * of zone z; it rejects anything else (lower-case t/z, a space for T,
 * fractions, leap seconds, "24:00", offsets beyond 14:00, instants out of
 * range). Format gives 4-digit years except for the last hours of
 * CT_INSTANT_MAX in local time (year 10000), which parse refuses.
 */
#define CT_ISO_SIZE 32
void ct_instant_format_utc(int64_t t, char out[CT_ISO_SIZE]);
void ct_instant_format_local(enum ct_zone z, int64_t t, char out[CT_ISO_SIZE]);
enum ct_err ct_instant_parse(const char *s, enum ct_zone z, int64_t *out);
/* "YYYY-MM-DD", out needs 11 bytes; parse rejects impossible dates. */
void ct_date_format(const struct ct_date *d, char out[11]);
enum ct_err ct_date_parse(const char *s, struct ct_date *out);

#endif
