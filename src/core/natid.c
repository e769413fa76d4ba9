/*
 * natid.c - checksums of the Dutch BSN and the Belgian rijksregisternummer.
 *
 * Both are checked digit by digit from the text; no conversion through
 * atoi-like functions, so a number with a sign, blanks or more digits than
 * allowed is simply not valid.
 *
 * Rijksregisternummer layout: YY MM DD NNN CC. The check CC is
 * 97 - (YYMMDDNNN mod 97), or for persons born from 2000 onwards
 * 97 - (2YYMMDDNNN mod 97); the variant that matches tells the century.
 * Month or day 00 means "birth date (partly) unknown". Bis numbers (for
 * people not in the national register) add 20 (sex unknown at issue) or
 * 40 (sex known) to the month; we decode those too.
 */
#include "core/natid.h"

#include <stdint.h>
#include <string.h>

#include "util/banned.h"

static int
natid_is_digit(char c)
{
	return c >= '0' && c <= '9';
}

/* 1 when s is exactly len ASCII digits. */
static int
natid_all_digits(const char *s, size_t len)
{
	size_t i;

	if (!s)
		return 0;
	for (i = 0; i < len; i++)
		if (!natid_is_digit(s[i]))
			return 0;
	return s[len] == '\0';
}

int
natid_normalize(const char *s, char *out, size_t n)
{
	size_t used = 0;

	if (n == 0)
		return 0;
	out[0] = '\0';
	if (!s)
		return 0;
	for (; *s; s++) {
		if (*s == ' ' || *s == '.' || *s == '-')
			continue;
		if (!natid_is_digit(*s) || used + 1 >= n) {
			out[0] = '\0';
			return 0;
		}
		out[used++] = *s;
	}
	out[used] = '\0';
	return used > 0;
}

int
bsn_valid(const char *digits)
{
	int sum = 0, i, any = 0;

	if (!natid_all_digits(digits, 9))
		return 0;
	for (i = 0; i < 8; i++) {
		sum += (9 - i) * (digits[i] - '0');
		any |= digits[i] != '0';
	}
	sum -= digits[8] - '0';
	any |= digits[8] != '0';
	/* 000000000 passes the arithmetic but is no one's number. */
	return any && sum % 11 == 0;
}

static int
natid_days_in_month(int year, int month)
{
	static const int days[12] = {31, 28, 31, 30, 31, 30,
				     31, 31, 30, 31, 30, 31};
	int leap = (year % 4 == 0 && year % 100 != 0) || year % 400 == 0;

	return month == 2 && leap ? 29 : days[month - 1];
}

int
rrn_valid(const char *digits, struct ct_date *birth, int *has_birth)
{
	uint64_t base = 0;
	int check, i, yy, mm, dd, century;

	if (has_birth)
		*has_birth = 0;
	if (!natid_all_digits(digits, 11))
		return 0;
	for (i = 0; i < 9; i++)
		base = base * 10 + (uint64_t)(digits[i] - '0');
	check = (digits[9] - '0') * 10 + (digits[10] - '0');
	/*
	 * 2000000000 is not a multiple of 97, so at most one variant
	 * matches and the match decides the century.
	 */
	if ((int)(97 - base % 97) == check)
		century = 1900;
	else if ((int)(97 - (base + UINT64_C(2000000000)) % 97) == check)
		century = 2000;
	else
		return 0;

	yy = (digits[0] - '0') * 10 + (digits[1] - '0');
	mm = (digits[2] - '0') * 10 + (digits[3] - '0');
	dd = (digits[4] - '0') * 10 + (digits[5] - '0');
	if (mm >= 40)
		mm -= 40; /* bis number, sex known */
	else if (mm >= 20)
		mm -= 20; /* bis number, sex unknown */
	if (mm > 12)
		return 0;
	if (mm == 0 || dd == 0)
		return 1; /* valid, birth date (partly) unknown */
	if (dd > natid_days_in_month(century + yy, mm))
		return 0;
	if (birth) {
		birth->year = century + yy;
		birth->month = mm;
		birth->day = dd;
		if (has_birth)
			*has_birth = 1;
	}
	return 1;
}
