/*
 * fuzz_civtime.c - util/civtime.h's ISO 8601 parsers on arbitrary text.
 *
 * Input: one selector byte (bit 0: the zone), then the text. Contract
 * checked (civtime.h): an accepted date is a real calendar date that
 * formats back to exactly the same text; an accepted instant lies within
 * CT_INSTANT_MIN..CT_INSTANT_MAX and round-trips through both formats
 * (the local format only while its year has four digits); a full UTC or
 * offset text formats back to itself; a local time without an offset
 * shows the same wall clock, except in the spring gap, moved one hour on.
 */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "fuzz.h"
#include "util/civtime.h"
#include "util/banned.h"

static int
digits_at(const char *s, size_t n)
{
	int v = 0;
	size_t i;

	for (i = 0; i < n; i++)
		v = v * 10 + (s[i] - '0');
	return v;
}

static void
check_date(const char *s)
{
	struct ct_date d;
	char back[11];

	if (ct_date_parse(s, &d) != CT_OK)
		return;
	FUZZ_CHECK(ct_date_valid(&d));
	ct_date_format(&d, back);
	FUZZ_CHECK(strcmp(back, s) == 0);
}

/* The accepted local text (no offset) shows t's wall clock. */
static void
check_local_meaning(const char *s, size_t len, enum ct_zone z, int64_t t)
{
	struct ct_civil want, got;

	want.date.year = digits_at(s, 4);
	want.date.month = digits_at(s + 5, 2);
	want.date.day = digits_at(s + 8, 2);
	want.hour = digits_at(s + 11, 2);
	want.minute = digits_at(s + 14, 2);
	want.second = len == 19 ? digits_at(s + 17, 2) : 0;
	ct_local_from_instant(z, t, &got);
	FUZZ_CHECK(ct_date_cmp(&got.date, &want.date) == 0);
	FUZZ_CHECK(got.minute == want.minute && got.second == want.second);
	if (got.hour != want.hour) {
		/* Only the skipped spring hour moves, and by one hour. */
		FUZZ_CHECK(want.hour == 2 && got.hour == 3);
		FUZZ_CHECK(want.date.month == 3 && ct_weekday(&want.date) == 7);
		FUZZ_CHECK(want.date.day > 31 - 7);
	}
}

static void
check_instant(const char *s, enum ct_zone z)
{
	char utc[CT_ISO_SIZE], local[CT_ISO_SIZE];
	int64_t t, again;
	size_t len = strlen(s);

	if (ct_instant_parse(s, z, &t) != CT_OK)
		return;
	FUZZ_CHECK(t >= CT_INSTANT_MIN && t <= CT_INSTANT_MAX);
	/* Only the documented shapes are accepted. */
	FUZZ_CHECK(len == 16 || len == 17 || len == 19 || len == 20 ||
		   len == 22 || len == 25);
	FUZZ_CHECK(s[10] == 'T');

	ct_instant_format_utc(t, utc);
	FUZZ_CHECK(ct_instant_parse(utc, z, &again) == CT_OK && again == t);
	ct_instant_format_local(z, t, local);
	if (local[4] == '-')
		FUZZ_CHECK(ct_instant_parse(local, z, &again) == CT_OK &&
			   again == t);
	else
		FUZZ_CHECK(ct_instant_parse(local, z, &again) ==
			   CT_ERR_INVALID);

	if (len == 20)
		FUZZ_CHECK(strcmp(utc, s) == 0);
	if (len == 25 && strcmp(local + 19, s + 19) == 0)
		FUZZ_CHECK(strcmp(local, s) == 0);
	if (len == 16 || len == 19)
		check_local_meaning(s, len, z, t);
}

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	unsigned sel = fuzz_take_byte(&data, &size);
	enum ct_zone z = (sel & 1) ? CT_ZONE_BRUSSELS : CT_ZONE_AMSTERDAM;
	char *s = fuzz_strndup(data, size);

	check_date(s);
	check_instant(s, z);
	free(s);
	return 0;
}
