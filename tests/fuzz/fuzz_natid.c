/*
 * fuzz_natid.c - core/natid.h on arbitrary text.
 *
 * Input: one selector byte (the size of natid_normalize's buffer), then
 * the text. Contract checked: normalize yields only digits, fits its
 * buffer, equals the input without spaces, dots and dashes, and leaves ""
 * when it refuses; bsn_valid and rrn_valid agree with independent
 * reference checks written from the definitions in natid.h (the RRN
 * birth date through util/civtime rather than natid's own calendar), and
 * a birth date handed back is a real date.
 */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "core/natid.h"
#include "fuzz.h"
#include "util/civtime.h"
#include "util/banned.h"

static int
all_digits(const char *s, size_t n)
{
	size_t i;

	if (strlen(s) != n)
		return 0;
	for (i = 0; i < n; i++)
		if (s[i] < '0' || s[i] > '9')
			return 0;
	return 1;
}

/* The elfproef, from its definition. */
static int
reference_bsn(const char *s)
{
	int64_t sum = 0;
	int i;

	if (!all_digits(s, 9) || strcmp(s, "000000000") == 0)
		return 0;
	for (i = 0; i < 9; i++)
		sum += (i < 8 ? 9 - i : -1) * (s[i] - '0');
	return sum % 11 == 0;
}

/* YYMMDDNNNCC with CC = 97 - (YYMMDDNNN mod 97), "2" prefixed from 2000. */
static int
reference_rrn(const char *s, struct ct_date *birth, int *has_birth)
{
	int64_t base = 0;
	int check, century, mm, dd, i;

	*has_birth = 0;
	if (!all_digits(s, 11))
		return 0;
	for (i = 0; i < 9; i++)
		base = base * 10 + (s[i] - '0');
	check = (s[9] - '0') * 10 + (s[10] - '0');
	if (97 - base % 97 == check)
		century = 1900;
	else if (97 - (base + 2000000000) % 97 == check)
		century = 2000;
	else
		return 0;
	mm = (s[2] - '0') * 10 + (s[3] - '0');
	dd = (s[4] - '0') * 10 + (s[5] - '0');
	mm %= 20; /* bis numbers add 20 or 40 to the month */
	if ((s[2] - '0') * 10 + (s[3] - '0') >= 60 || mm > 12)
		return 0;
	if (mm == 0 || dd == 0)
		return 1;
	birth->year = century + (s[0] - '0') * 10 + (s[1] - '0');
	birth->month = mm;
	birth->day = dd;
	if (!ct_date_valid(birth))
		return 0;
	*has_birth = 1;
	return 1;
}

static void
check_numbers(const char *s)
{
	struct ct_date birth, want_birth;
	int has = -1, want_has = 0, ok;

	FUZZ_CHECK(bsn_valid(s) == reference_bsn(s));
	ok = rrn_valid(s, &birth, &has);
	FUZZ_CHECK(ok == reference_rrn(s, &want_birth, &want_has));
	FUZZ_CHECK(rrn_valid(s, NULL, NULL) == ok);
	FUZZ_CHECK(has == (ok && want_has));
	if (has) {
		FUZZ_CHECK(ct_date_valid(&birth));
		FUZZ_CHECK(ct_date_cmp(&birth, &want_birth) == 0);
	}
}

static void
check_normalize(const char *s, size_t n)
{
	char *out = ct_malloc(n ? n : 1);
	size_t i, o = 0;
	int ok;

	out[0] = 'x';
	ok = natid_normalize(s, out, n);
	if (n == 0) {
		FUZZ_CHECK(!ok && out[0] == 'x');
		free(out);
		return;
	}
	if (ok) {
		FUZZ_CHECK(out[0] != '\0' && strlen(out) < n);
		for (i = 0; s[i]; i++) {
			if (s[i] == ' ' || s[i] == '.' || s[i] == '-')
				continue;
			FUZZ_CHECK(s[i] >= '0' && s[i] <= '9');
			FUZZ_CHECK(out[o++] == s[i]);
		}
		FUZZ_CHECK(out[o] == '\0');
		check_numbers(out);
	} else {
		FUZZ_CHECK(out[0] == '\0');
	}
	free(out);
}

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	unsigned sel = fuzz_take_byte(&data, &size);
	char *s = fuzz_strndup(data, size);

	check_numbers(s);
	check_normalize(s, sel % 16);
	check_normalize(s, 64);
	free(s);
	return 0;
}
