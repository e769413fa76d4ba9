/*
 * test_worklist_words.c - "nog 3 uur", "2 dagen te laat" and "maandag 13
 * juli 2026 om 12:00": every unit, singular and plural, rounding down,
 * and the wall clock of both zones across the autumn change.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>

#include "http/worklist_words.h"

#define NOW INT64_C(1783936800) /* 2026-07-13T10:00:00Z, a Monday */

static void
test_time_left(void **state)
{
	static const struct {
		int64_t delta;
		const char *words;
	} cases[] = {
		{0, "nu"},
		{59, "nu"},
		{-59, "nu"},
		{60, "nog 1 minuut"},
		{45 * 60 + 59, "nog 45 minuten"},
		{3600, "nog 1 uur"},
		{3 * 3600 + 3599, "nog 3 uur"},
		{47 * 3600, "nog 47 uur"},
		{48 * 3600, "nog 2 dagen"},
		{10 * 86400 - 1, "nog 9 dagen en 23 uur"},
		{3 * 86400 + 4 * 3600 + 59, "nog 3 dagen en 4 uur"},
		{-60, "1 minuut te laat"},
		{-600, "10 minuten te laat"},
		{-5 * 3600, "5 uur te laat"},
		{-86400 - 1, "24 uur te laat"},
		{-2 * 86400, "2 dagen te laat"},
		{-2 * 86400 - 3600, "2 dagen en 1 uur te laat"},
	};
	char out[WORKLIST_WORDS_SIZE];
	size_t i;

	(void)state;
	for (i = 0; i < sizeof(cases) / sizeof(cases[0]); i++) {
		worklist_words_time_left(NOW, NOW + cases[i].delta, out);
		assert_string_equal(out, cases[i].words);
	}
}

static void
test_deadline(void **state)
{
	char out[WORKLIST_WORDS_SIZE];

	(void)state;
	worklist_words_deadline(CT_ZONE_AMSTERDAM, NOW, out);
	assert_string_equal(out, "maandag 13 juli 2026 om 12:00");
	worklist_words_deadline(CT_ZONE_BRUSSELS, NOW + 6 * 86400 - 600, out);
	assert_string_equal(out, "zondag 19 juli 2026 om 11:50");
	/* 2026-10-25T01:30:00Z: after the change, 02:30 winter time. */
	worklist_words_deadline(CT_ZONE_AMSTERDAM, INT64_C(1792891800), out);
	assert_string_equal(out, "zondag 25 oktober 2026 om 02:30");
	/* 2026-01-01T00:00:00Z */
	worklist_words_deadline(CT_ZONE_BRUSSELS, INT64_C(1767225600), out);
	assert_string_equal(out, "donderdag 1 januari 2026 om 01:00");
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_time_left),
		cmocka_unit_test(test_deadline),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
