#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <cmocka.h>

#include "util/sbuf.h"

static void
test_empty_is_terminated(void **state)
{
	struct sbuf sb;

	(void)state;
	sbuf_init(&sb, 16);
	assert_non_null(sb.buf);
	assert_string_equal(sb.buf, "");
	assert_int_equal(sb.len, 0);
	sbuf_release(&sb);
	assert_string_equal(sb.buf, "");
}

static void
test_appends(void **state)
{
	struct sbuf sb;

	(void)state;
	sbuf_init(&sb, SBUF_MAX_SMALL);
	assert_int_equal(sbuf_addstr(&sb, "AMS"), CT_OK);
	assert_int_equal(sbuf_addch(&sb, '-'), CT_OK);
	assert_int_equal(sbuf_addf(&sb, "%04d-%05u", 2026, 123u), CT_OK);
	assert_string_equal(sb.buf, "AMS-2026-00123");
	assert_int_equal(sb.len, 14);
	sbuf_reset(&sb);
	assert_string_equal(sb.buf, "");
	assert_int_equal(sbuf_addhex(&sb, "\x01\xab", 2), CT_OK);
	assert_string_equal(sb.buf, "01ab");
	sbuf_release(&sb);
}

static void
test_limit_refuses_and_keeps(void **state)
{
	struct sbuf sb;

	(void)state;
	sbuf_init(&sb, 5);
	assert_int_equal(sbuf_addstr(&sb, "abc"), CT_OK);
	assert_int_equal(sbuf_addstr(&sb, "def"), CT_ERR_LIMIT);
	assert_string_equal(sb.buf, "abc");
	assert_int_equal(sbuf_addf(&sb, "%s", "xyz"), CT_ERR_LIMIT);
	assert_int_equal(sbuf_addstr(&sb, "de"), CT_OK);
	assert_string_equal(sb.buf, "abcde");
	assert_int_equal(sbuf_addch(&sb, 'f'), CT_ERR_LIMIT);
	sbuf_release(&sb);
}

static void
test_growth_and_detach(void **state)
{
	struct sbuf sb;
	size_t len, i;
	char *s;

	(void)state;
	sbuf_init(&sb, SBUF_MAX_LARGE);
	for (i = 0; i < 10000; i++)
		assert_int_equal(sbuf_addch(&sb, (char)('a' + i % 26)), CT_OK);
	s = sbuf_detach(&sb, &len);
	assert_int_equal(len, 10000);
	assert_int_equal(strlen(s), 10000);
	assert_int_equal(s[26], 'a');
	assert_string_equal(sb.buf, "");
	free(s);
	s = sbuf_detach(&sb, &len); /* detaching an empty sbuf gives "" */
	assert_string_equal(s, "");
	free(s);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_empty_is_terminated),
		cmocka_unit_test(test_appends),
		cmocka_unit_test(test_limit_refuses_and_keeps),
		cmocka_unit_test(test_growth_and_detach),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
