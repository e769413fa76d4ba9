#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>

#include "cli_test.h"

static void
test_find(void **state)
{
	const struct cli_cmd *c;

	(void)state;
	c = cli_find_command("case");
	assert_non_null(c);
	assert_ptr_equal(c->fn, cmd_case);
	assert_true(c->flags & CLI_NEEDS_DB);
	assert_null(cli_find_command("cases"));
	assert_null(cli_find_command(""));
}

static void
test_table_is_well_formed(void **state)
{
	static const char *const expected[] = {"init", "migrate", "org",
					       "user", "case",	  "audit"};
	const struct cli_cmd *c, *d;
	size_t i;

	(void)state;
	for (c = cli_commands; c->name; c++) {
		assert_non_null(c->fn);
		assert_non_null(c->summary);
		assert_true(strlen(c->summary) > 10);
		/* Names are unique, so lookup is unambiguous. */
		for (d = c + 1; d->name; d++)
			assert_string_not_equal(c->name, d->name);
		/* Read-only and create contradict each other. */
		assert_false((c->flags & CLI_DB_READONLY) &&
			     (c->flags & CLI_CREATES_DB));
	}
	for (i = 0; i < sizeof(expected) / sizeof(expected[0]); i++)
		assert_non_null(cli_find_command(expected[i]));
}

static void
test_flags_per_command(void **state)
{
	(void)state;
	assert_true(cli_find_command("audit")->flags & CLI_DB_READONLY);
	assert_true(cli_find_command("migrate")->flags & CLI_DB_NO_MIGRATE);
	/* init checks its input before it creates the file. */
	assert_true(cli_find_command("init")->flags & CLI_DB_DEFERRED);
	assert_true(cli_find_command("init")->flags & CLI_CREATES_DB);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_find),
		cmocka_unit_test(test_table_is_well_formed),
		cmocka_unit_test(test_flags_per_command),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
