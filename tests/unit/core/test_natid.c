/*
 * test_natid.c - BSN elfproef and rijksregisternummer mod 97, with numbers
 * computed here independently of the code under test and known examples.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <cmocka.h>

#include "core/natid.h"

/* out = nine digits + the two check digits of the wanted century. */
static void
make_rrn(const char *nine, int from_2000, char out[12])
{
	uint64_t base = strtoull(nine, NULL, 10);

	if (from_2000)
		base += 2000000000u;
	snprintf(out, 12, "%s%02u", nine, (unsigned)(97 - base % 97));
}

/* The weighted sum of the elfproef, from first principles. */
static int
elf_sum(const char *d)
{
	int i, sum = 0;

	for (i = 0; i < 8; i++)
		sum += (9 - i) * (d[i] - '0');
	return sum - (d[8] - '0');
}

static void
test_bsn_known(void **state)
{
	static const struct {
		const char *bsn;
		int valid;
	} cases[] = {
		{"111222333", 1},  {"123456782", 1},  {"123456789", 0},
		{"123456788", 0},  {"000000000", 0}, /* sum 0, but no one's
							number */
		{"12345678", 0},		     /* too short */
		{"1234567820", 0},		     /* too long */
		{"12345678a", 0},  {" 123456782", 0}, {"", 0},
	};
	size_t i;

	(void)state;
	for (i = 0; i < sizeof(cases) / sizeof(cases[0]); i++)
		assert_int_equal(bsn_valid(cases[i].bsn), cases[i].valid);
	assert_int_equal(bsn_valid(NULL), 0);
}

/* Every last digit of many prefixes: valid exactly when sum % 11 == 0. */
static void
test_bsn_exhaustive_last_digit(void **state)
{
	char d[10];
	unsigned prefix;
	int last, valid_seen = 0;

	(void)state;
	for (prefix = 10000000; prefix < 10000000 + 2000; prefix += 7) {
		for (last = 0; last <= 9; last++) {
			snprintf(d, sizeof(d), "%08u%d", prefix, last);
			assert_int_equal(bsn_valid(d), elf_sum(d) % 11 == 0);
			valid_seen += elf_sum(d) % 11 == 0;
		}
	}
	assert_true(valid_seen > 100);
}

static void
test_rrn_known(void **state)
{
	struct ct_date b;
	int has = -1;

	(void)state;
	/* 97 - (850730033 mod 97) = 28 */
	assert_int_equal(rrn_valid("85073003328", &b, &has), 1);
	assert_int_equal(has, 1);
	assert_int_equal(b.year, 1985);
	assert_int_equal(b.month, 7);
	assert_int_equal(b.day, 30);
	assert_int_equal(rrn_valid("85073003329", &b, &has), 0);
	assert_int_equal(has, 0);
	assert_int_equal(rrn_valid("85073003328", NULL, NULL), 1);
	assert_int_equal(rrn_valid("8507300332", NULL, NULL), 0);
	assert_int_equal(rrn_valid("850730033280", NULL, NULL), 0);
	assert_int_equal(rrn_valid("85.07.30-033.28", NULL, NULL), 0);
	assert_int_equal(rrn_valid(NULL, NULL, NULL), 0);
}

static void
test_rrn_centuries(void **state)
{
	static const struct {
		const char *nine;
		int from_2000;
		int year, month, day;
	} cases[] = {
		{"010101001", 1, 2001, 1, 1},  {"010101001", 0, 1901, 1, 1},
		{"240229123", 1, 2024, 2, 29}, {"991231998", 0, 1999, 12, 31},
		{"000229002", 1, 2000, 2, 29}, /* 2000 is a leap year */
	};
	char rrn[12];
	struct ct_date b;
	int has;
	size_t i;

	(void)state;
	for (i = 0; i < sizeof(cases) / sizeof(cases[0]); i++) {
		make_rrn(cases[i].nine, cases[i].from_2000, rrn);
		has = 0;
		assert_int_equal(rrn_valid(rrn, &b, &has), 1);
		assert_int_equal(has, 1);
		assert_int_equal(b.year, cases[i].year);
		assert_int_equal(b.month, cases[i].month);
		assert_int_equal(b.day, cases[i].day);
		/* Any other check digits are wrong. */
		rrn[10] = (char)(rrn[10] == '9' ? '0' : rrn[10] + 1);
		assert_int_equal(rrn_valid(rrn, &b, &has), 0);
	}
}

static void
test_rrn_unknown_and_bis(void **state)
{
	static const struct {
		const char *nine;
		int valid;
		int has_birth;
		int month;
	} cases[] = {
		{"850000033", 1, 0, 0}, /* month and day unknown */
		{"850700033", 1, 0, 0}, /* day unknown */
		{"852730033", 1, 1, 7}, /* bis, sex unknown: month + 20 */
		{"854730033", 1, 1, 7}, /* bis, sex known: month + 40 */
		{"852000033", 1, 0, 0}, /* bis with unknown date */
		{"851330033", 0, 0, 0}, /* month 13 */
		{"853330033", 0, 0, 0}, /* bis month 13 */
		{"856030033", 0, 0, 0}, /* month 60 */
		{"850230033", 0, 0, 0}, /* 30 February */
		{"010229001", 0, 0, 0}, /* 29 February 1901 */
	};
	char rrn[12];
	struct ct_date b;
	int has;
	size_t i;

	(void)state;
	for (i = 0; i < sizeof(cases) / sizeof(cases[0]); i++) {
		make_rrn(cases[i].nine, 0, rrn);
		has = -1;
		assert_int_equal(rrn_valid(rrn, &b, &has), cases[i].valid);
		assert_int_equal(has, cases[i].has_birth);
		if (cases[i].has_birth) {
			assert_int_equal(b.year, 1985);
			assert_int_equal(b.month, cases[i].month);
			assert_int_equal(b.day, 30);
		}
	}
}

static void
test_normalize(void **state)
{
	static const struct {
		const char *in;
		size_t size;
		int ok;
		const char *out;
	} cases[] = {
		{"85.07.30-033.28", 12, 1, "85073003328"},
		{"85073003328", 12, 1, "85073003328"},
		{"1234 56 782", 10, 1, "123456782"},
		{"1234-56-782", 9, 0, ""}, /* does not fit */
		{"85.07.30/033.28", 12, 0, ""},
		{"BE85073003328", 16, 0, ""},
		{" .- ", 8, 0, ""}, /* no digits at all */
		{"", 8, 0, ""},
	};
	char out[16];
	size_t i;

	(void)state;
	for (i = 0; i < sizeof(cases) / sizeof(cases[0]); i++) {
		memset(out, 'x', sizeof(out));
		assert_int_equal(
			natid_normalize(cases[i].in, out, cases[i].size),
			cases[i].ok);
		assert_string_equal(out, cases[i].out);
	}
	assert_int_equal(natid_normalize(NULL, out, sizeof(out)), 0);
	assert_int_equal(natid_normalize("1", out, 0), 0);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_bsn_known),
		cmocka_unit_test(test_bsn_exhaustive_last_digit),
		cmocka_unit_test(test_rrn_known),
		cmocka_unit_test(test_rrn_centuries),
		cmocka_unit_test(test_rrn_unknown_and_bis),
		cmocka_unit_test(test_normalize),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
