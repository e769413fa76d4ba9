#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <string.h>
#include <cmocka.h>

#include "util/arena.h"

static void
test_alloc_zeroed_and_aligned(void **state)
{
	struct arena a;
	unsigned char *p;
	size_t i;

	(void)state;
	arena_init(&a, ARENA_MAX_DEFAULT);
	for (i = 1; i < 200; i++) {
		p = arena_alloc(&a, i);
		assert_non_null(p);
		assert_int_equal((uintptr_t)p % _Alignof(max_align_t), 0);
		assert_int_equal(p[i - 1], 0);
		memset(p, 0xff, i);
	}
	/* larger than a chunk */
	p = arena_alloc(&a, 100000);
	assert_non_null(p);
	assert_int_equal(p[99999], 0);
	arena_release(&a);
	assert_null(a.head);
	assert_int_equal(a.used, 0);
}

static void
test_strdup(void **state)
{
	struct arena a;
	char *s;

	(void)state;
	arena_init(&a, 1024);
	s = arena_strdup(&a, "Veilig Thuis");
	assert_string_equal(s, "Veilig Thuis");
	s = arena_strndup(&a, "Veilig Huis", 6);
	assert_string_equal(s, "Veilig");
	arena_release(&a);
}

static void
test_max_refused(void **state)
{
	struct arena a;

	(void)state;
	arena_init(&a, 256);
	assert_non_null(arena_alloc(&a, 128));
	assert_null(arena_alloc(&a, 512));
	assert_null(arena_alloc_array(&a, SIZE_MAX / 2, 4));
	assert_non_null(arena_alloc(&a, 64));
	arena_release(&a);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_alloc_zeroed_and_aligned),
		cmocka_unit_test(test_strdup),
		cmocka_unit_test(test_max_refused),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
