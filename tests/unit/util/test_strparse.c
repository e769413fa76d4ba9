#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <string.h>
#include <cmocka.h>

#include "util/strparse.h"

static int
is_alpha(int c)
{
	return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z');
}

static void
test_fixed_digits(void **state)
{
	struct strparse sp;
	uint64_t v;

	(void)state;
	strparse_init_str(&sp, "2026-07-13");
	assert_int_equal(strparse_uint(&sp, 4, 0, 1970, 9999, &v), CT_OK);
	assert_int_equal(v, 2026);
	assert_int_equal(strparse_char(&sp, '-'), CT_OK);
	assert_int_equal(strparse_uint(&sp, 2, 0, 1, 12, &v), CT_OK);
	assert_int_equal(v, 7);
	assert_int_equal(strparse_char(&sp, '/'), CT_ERR_INVALID);
	assert_int_equal(strparse_char(&sp, '-'), CT_OK);
	/* out of range leaves the cursor */
	assert_int_equal(strparse_uint(&sp, 2, 0, 1, 12, &v), CT_ERR_INVALID);
	assert_int_equal(strparse_uint(&sp, 2, 0, 1, 31, &v), CT_OK);
	assert_true(strparse_done(&sp));
}

static void
test_limit_is_respected(void **state)
{
	struct strparse sp;
	uint64_t v;
	const char buf[] = "12345";

	(void)state;
	strparse_init(&sp, buf, 3); /* only "123" is ours */
	assert_int_equal(strparse_uint(&sp, 0, 5, 0, 99999, &v), CT_OK);
	assert_int_equal(v, 123);
	assert_true(strparse_done(&sp));
	strparse_init_str(&sp, "123456");
	assert_int_equal(strparse_uint(&sp, 0, 5, 0, 99999, &v),
			 CT_ERR_INVALID);
	strparse_init_str(&sp, "12");
	assert_int_equal(strparse_uint(&sp, 3, 0, 0, 999, &v), CT_ERR_INVALID);
}

static void
test_ints(void **state)
{
	int64_t v;

	(void)state;
	assert_int_equal(ct_parse_int("42", 0, 100, &v), CT_OK);
	assert_int_equal(v, 42);
	assert_int_equal(ct_parse_int("-7", -10, 10, &v), CT_OK);
	assert_int_equal(v, -7);
	assert_int_equal(ct_parse_int("101", 0, 100, &v), CT_ERR_INVALID);
	assert_int_equal(ct_parse_int("4x", 0, 100, &v), CT_ERR_INVALID);
	assert_int_equal(ct_parse_int("", 0, 100, &v), CT_ERR_INVALID);
	assert_int_equal(ct_parse_int("-", 0, 100, &v), CT_ERR_INVALID);
	assert_int_equal(ct_parse_int("-9223372036854775808", INT64_MIN,
				      INT64_MAX, &v),
			 CT_OK);
	assert_true(v == INT64_MIN);
	assert_int_equal(ct_parse_int("99999999999999999999", INT64_MIN,
				      INT64_MAX, &v),
			 CT_ERR_INVALID);
}

static void
test_span_and_literal(void **state)
{
	struct strparse sp;
	const char *w;
	size_t n;

	(void)state;
	strparse_init_str(&sp, "AMS-2026");
	assert_int_equal(strparse_span(&sp, is_alpha, 8, &w, &n), CT_OK);
	assert_int_equal(n, 3);
	assert_memory_equal(w, "AMS", 3);
	assert_int_equal(strparse_literal(&sp, "-20"), CT_OK);
	assert_int_equal(strparse_literal(&sp, "27"), CT_ERR_INVALID);
	strparse_init_str(&sp, "ABCDEFGHIJ");
	assert_int_equal(strparse_span(&sp, is_alpha, 8, &w, &n),
			 CT_ERR_INVALID);
	strparse_init_str(&sp, "  x");
	strparse_blanks(&sp);
	assert_int_equal(strparse_char(&sp, 'x'), CT_OK);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_fixed_digits),
		cmocka_unit_test(test_limit_is_respected),
		cmocka_unit_test(test_ints),
		cmocka_unit_test(test_span_and_literal),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
