#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <string.h>
#include <cmocka.h>

#include "util/err.h"

static void
test_every_code_has_a_name(void **state)
{
	int c;

	(void)state;
	for (c = 0; c < CT_ERR__COUNT; c++)
		assert_string_not_equal(ct_strerror((enum ct_err)c),
					"onbekende fout");
	assert_string_equal(ct_strerror((enum ct_err)999), "onbekende fout");
	/* Numbers are part of the interface: never renumber. */
	assert_int_equal(CT_ERR_CONFLICT, 4);
	assert_int_equal(CT_ERR_TAMPERED, 12);
}

static void
test_error_set(void **state)
{
	struct ct_error err;

	(void)state;
	ct_error_clear(&err);
	assert_int_equal(ct_error_set(&err, CT_ERR_IO, "kan %s niet lezen",
				      "x.db"),
			 CT_ERR_IO);
	assert_int_equal(err.code, CT_ERR_IO);
	assert_string_equal(err.message, "kan x.db niet lezen");
	assert_int_equal(ct_error_set(NULL, CT_ERR_DB, "x"), CT_ERR_DB);
}

static void
test_problems_all_at_once(void **state)
{
	struct ct_problems p;
	struct ct_error err;
	int i;

	(void)state;
	ct_problems_init(&p);
	assert_false(ct_problems_any(&p));
	assert_int_equal(ct_problems_to_error(&p, &err), CT_OK);
	ct_problems_add(&p, "bsn", "klopt niet (elfproef)");
	ct_problems_add(&p, "given_name", "ontbreekt");
	assert_true(ct_problems_any(&p));
	assert_int_equal(ct_problems_to_error(&p, &err), CT_ERR_INVALID);
	assert_string_equal(err.message,
			    "bsn: klopt niet (elfproef); given_name: ontbreekt");
	for (i = 0; i < 40; i++)
		ct_problems_add(&p, "x", "y");
	assert_int_equal(p.count, CT_PROBLEMS_MAX);
	assert_int_equal(p.dropped, 42 - CT_PROBLEMS_MAX);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_every_code_has_a_name),
		cmocka_unit_test(test_error_set),
		cmocka_unit_test(test_problems_all_at_once),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
