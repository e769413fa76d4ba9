/*
 * natid.h - national identifiers, checked when given.
 *
 * BSN (Dutch burgerservicenummer): 9 digits passing the elfproef
 * (9*d1 + 8*d2 + ... + 2*d8 - 1*d9 is divisible by 11, and not 0).
 * Rijksregisternummer (Belgian national register number): YYMMDD + 3-digit
 * counter + 2 check digits = 97 - (first nine digits mod 97); for births
 * from 2000 the check is computed over "2" followed by the nine digits.
 * Both accept digits only; callers strip the usual punctuation first with
 * natid_normalize().
 */
#ifndef CT_CORE_NATID_H
#define CT_CORE_NATID_H

#include <stddef.h>

#include "util/civtime.h"

/*
 * Copy s into out (size n) without spaces, dots and dashes
 * ("85.07.30-033.28" -> "85073003328"). Returns 0 when the result does not
 * fit or contains anything but digits.
 */
int natid_normalize(const char *s, char *out, size_t n);

int bsn_valid(const char *digits);

/*
 * 1 when digits is a valid rijksregisternummer. When birth is not NULL and
 * the number encodes a full birth date, *birth receives it and *has_birth
 * is set to 1 (numbers of persons with unknown birth date encode month or
 * day 00 and yield has_birth 0).
 */
int rrn_valid(const char *digits, struct ct_date *birth, int *has_birth);

#endif
