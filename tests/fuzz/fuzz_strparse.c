/*
 * fuzz_strparse.c - util/strparse.h on arbitrary bytes.
 *
 * Input: one selector byte (digit counts and ranges), then the text. The
 * cursor parsers run on the bytes as they are, without a NUL after them,
 * so a read past `end` is an AddressSanitizer report. Contract checked:
 * a success consumes exactly what it parsed and yields a value in range;
 * a failure leaves the cursor where it was; ct_parse_int accepts exactly
 * an optional sign and 1..19 digits within range, and what it accepts
 * prints back to the same number.
 */
#include <errno.h>
#include <inttypes.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "fuzz.h"
#include "util/strparse.h"
#include "util/banned.h"

static int
is_lower(int c)
{
	return c >= 'a' && c <= 'z';
}

static int
is_digit(int c)
{
	return c >= '0' && c <= '9';
}

/* Ranges the selector picks from, including the extremes. */
static const int64_t bounds[][2] = {
	{INT64_MIN, INT64_MAX}, {0, INT64_MAX}, {-100, 100}, {1, 31}, {0, 0},
	{INT64_MIN, -1},	{1900, 9999},	{0, 65535},
};

/* Independent reference for ct_parse_int: sign, 1..19 digits, range. */
static int
reference_parse_int(const char *s, int64_t min, int64_t max, int64_t *out)
{
	const char *d = s;
	char *end;
	long long v;
	size_t n = 0;

	if (*d == '+' || *d == '-')
		d++;
	while (is_digit((unsigned char)d[n]))
		n++;
	if (n == 0 || n > 19 || d[n] != '\0')
		return -1;
	errno = 0;
	v = strtoll(s, &end, 10);
	if (errno || *end || v < min || v > max)
		return -1;
	*out = v;
	return 0;
}

static void
check_whole_int(const char *s, int64_t min, int64_t max)
{
	int64_t got = 0, want = 0, again = 0;
	int ok = ct_parse_int(s, min, max, &got) == CT_OK;
	char back[32];

	FUZZ_CHECK(ok == (reference_parse_int(s, min, max, &want) == 0));
	if (!ok)
		return;
	FUZZ_CHECK(got == want);
	FUZZ_CHECK(got >= min && got <= max);
	snprintf(back, sizeof(back), "%" PRId64, got);
	FUZZ_CHECK(ct_parse_int(back, min, max, &again) == CT_OK);
	FUZZ_CHECK(again == got);
}

/* Walk [p, end) with every cursor parser, checking each step. */
static void
walk(const char *text, size_t len, unsigned sel)
{
	struct strparse sp, before;
	unsigned digits = sel % 5; /* 0: a run of 1..max_digits */
	unsigned max_digits = 1 + (sel >> 3) % 19;
	const int64_t *b = bounds[(sel >> 5) % CT_ARRAY_SIZE(bounds)];
	uint64_t u, check;
	int64_t v;
	const char *span;
	size_t span_len, i;

	strparse_init(&sp, text, len);
	while (!strparse_done(&sp)) {
		before = sp;
		strparse_blanks(&sp);
		FUZZ_CHECK(sp.p >= before.p && sp.p <= sp.end);
		for (i = 0; before.p + i < sp.p; i++)
			FUZZ_CHECK(before.p[i] == ' ' || before.p[i] == '\t');
		if (strparse_done(&sp))
			break;

		before = sp;
		if (strparse_uint(&sp, digits, digits ? 0 : max_digits,
				  (uint64_t)(b[0] < 0 ? 0 : b[0]),
				  (uint64_t)b[1], &u) == CT_OK) {
			size_t n = (size_t)(sp.p - before.p);

			FUZZ_CHECK(n >= 1 && n <= 19);
			FUZZ_CHECK(digits ? n == digits : n <= max_digits);
			check = 0;
			for (i = 0; i < n; i++) {
				FUZZ_CHECK(
					is_digit((unsigned char)before.p[i]));
				check = check * 10 +
					(uint64_t)(before.p[i] - '0');
			}
			FUZZ_CHECK(check == u);
			FUZZ_CHECK(u <= (uint64_t)b[1]);
			/* A longer run of digits is refused, not cut. */
			if (!digits)
				FUZZ_CHECK(strparse_done(&sp) ||
					   !is_digit((unsigned char)*sp.p));
			continue;
		}
		FUZZ_CHECK(sp.p == before.p);

		if (strparse_int(&sp, b[0], b[1], &v) == CT_OK) {
			FUZZ_CHECK(sp.p > before.p);
			FUZZ_CHECK(v >= b[0] && v <= b[1]);
			continue;
		}
		FUZZ_CHECK(sp.p == before.p);

		if (strparse_span(&sp, is_lower, 8, &span, &span_len) ==
		    CT_OK) {
			FUZZ_CHECK(span == before.p);
			FUZZ_CHECK(span_len >= 1 && span_len <= 8);
			FUZZ_CHECK(sp.p == before.p + span_len);
			for (i = 0; i < span_len; i++)
				FUZZ_CHECK(is_lower((unsigned char)span[i]));
			FUZZ_CHECK(strparse_done(&sp) ||
				   !is_lower((unsigned char)*sp.p));
			continue;
		}
		FUZZ_CHECK(sp.p == before.p);

		if (strparse_literal(&sp, "--") == CT_OK) {
			FUZZ_CHECK(before.p[0] == '-' && before.p[1] == '-');
			continue;
		}
		FUZZ_CHECK(sp.p == before.p);
		/* Nothing fits: step over one character. */
		FUZZ_CHECK(strparse_char(&sp, *sp.p) == CT_OK);
		FUZZ_CHECK(sp.p == before.p + 1);
	}
	FUZZ_CHECK(sp.p == sp.end);
	FUZZ_CHECK(strparse_left(&sp) == 0);
	FUZZ_CHECK(strparse_char(&sp, 'x') == CT_ERR_INVALID);
}

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	unsigned sel = fuzz_take_byte(&data, &size);
	const int64_t *b = bounds[sel % CT_ARRAY_SIZE(bounds)];
	char *s;

	walk((const char *)data, size, sel);

	s = fuzz_strndup(data, size);
	check_whole_int(s, b[0], b[1]);
	check_whole_int(s, INT64_MIN, INT64_MAX);
	free(s);
	return 0;
}
