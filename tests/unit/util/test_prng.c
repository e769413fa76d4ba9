#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <string.h>
#include <cmocka.h>

#include "util/prng.h"

static void
test_same_seed_same_sequence(void **state)
{
	struct prng a, b, c;
	int i, differ = 0;

	(void)state;
	prng_seed(&a, 42);
	prng_seed(&b, 42);
	prng_seed(&c, 43);
	for (i = 0; i < 100; i++) {
		uint64_t x = prng_next(&a);

		assert_true(x == prng_next(&b));
		differ |= x != prng_next(&c);
	}
	assert_true(differ);
}

static void
test_below_and_chance(void **state)
{
	struct prng r;
	unsigned hits = 0, counts[6] = { 0 };
	int i;

	(void)state;
	prng_seed(&r, 7);
	for (i = 0; i < 60000; i++)
		counts[prng_below(&r, 6)]++;
	for (i = 0; i < 6; i++)
		assert_in_range(counts[i], 9000, 11000);
	for (i = 0; i < 100000; i++)
		hits += (unsigned)prng_chance(&r, 667);
	assert_in_range(hits, 65700, 67700);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_same_seed_same_sequence),
		cmocka_unit_test(test_below_and_chance),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
