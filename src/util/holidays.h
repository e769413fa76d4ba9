/*
 * holidays.h - public holidays and working days of the Netherlands and
 * Belgium, for deadlines counted in working days ("within 3 working days",
 * "the first working day after").
 *
 * The holidays are computed, not read from a table, so that every year
 * works: fixed days, Koningsdag's Sunday rule and the feasts that follow
 * Easter (Gregorian computus). Only the national legal holidays count;
 * regional or sector holidays (carnaval, 11 juli in Flanders, Goede
 * Vrijdag in NL) are not public holidays for deadlines.
 *
 * All functions are pure and thread-safe. Dates are proleptic Gregorian.
 */
#ifndef CT_UTIL_HOLIDAYS_H
#define CT_UTIL_HOLIDAYS_H

#include "util/civtime.h"

/*
 * The largest |n| that ct_add_working_days accepts (some four centuries):
 * deadlines are counted in days or weeks, so a larger n is a programming
 * error, not input, and aborts.
 */
#define CT_WORKING_DAYS_MAX 100000

/* Easter Sunday of `year` (Gregorian computus). */
void ct_easter(int year, struct ct_date *out);

/*
 * 1 when d is a public holiday in country c, and if name is not NULL the
 * Dutch name of the holiday ("Tweede Paasdag", "Nationale feestdag").
 * NL: the days of the Algemene termijnenwet (Nieuwjaarsdag, Tweede
 * Paasdag, Koningsdag, Bevrijdingsdag 5 mei, Hemelvaartsdag, Tweede
 * Pinksterdag, Eerste en Tweede Kerstdag; Goede Vrijdag is not one).
 * BE: the ten legal holidays (Nieuwjaar, Paasmaandag, Dag van de Arbeid,
 * O.L.H. Hemelvaart, Pinkstermaandag, Nationale feestdag, O.L.V.
 * Hemelvaart, Allerheiligen, Wapenstilstand, Kerstmis).
 * Koningsdag is 27 April, or 26 April when the 27th is a Sunday; before
 * 2014 it was Koninginnedag, 30 April, or 29 April when that is a Sunday.
 * When two holidays fall on one day (5 May 2016 was Hemelvaartsdag and
 * Bevrijdingsdag) the name of the Easter-bound feast is given.
 * *name is set to NULL when d is not a holiday; an invalid date is not one.
 */
int ct_is_public_holiday(enum ct_country c, const struct ct_date *d,
			 const char **name);
/* Not a Saturday, Sunday or public holiday of c. */
int ct_is_working_day(enum ct_country c, const struct ct_date *d);
/*
 * The n-th working day after d (n >= 1); n == 0 gives d itself if it is a
 * working day, else the next working day. Negative n counts backwards:
 * the |n|-th working day before d. |n| <= CT_WORKING_DAYS_MAX, d valid.
 */
void ct_add_working_days(enum ct_country c, const struct ct_date *d, int n,
			 struct ct_date *out);
/* Working days in (from, to]: 0 when to <= from. Both dates valid. */
int ct_working_days_between(enum ct_country c, const struct ct_date *from,
			    const struct ct_date *to);

#endif
