#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>

#include "cli_test.h"

static void
test_migrate_then_up_to_date(void **state)
{
	char expect[80];
	struct ct_error err;
	struct tctx t;
	int latest = store_schema_latest();

	(void)state;
	tctx_init(&t);
	assert_int_equal(store_open(t.db,
				    STORE_OPEN_CREATE | STORE_OPEN_NO_MIGRATE,
				    &t.ctx.store, &err),
			 CT_OK);
	assert_int_equal(store_schema_version(t.ctx.store), 0);
	assert_int_equal(tctx_run(&t, cmd_migrate, "migrate", NULL), 0);
	snprintf(expect, sizeof(expect),
		 "%d %s toegepast; schemaversie is "
		 "nu %d.\n",
		 latest, latest == 1 ? "migratie" : "migraties", latest);
	assert_string_equal(t.out, expect);
	assert_int_equal(store_schema_version(t.ctx.store), latest);

	assert_int_equal(tctx_run(&t, cmd_migrate, "migrate", NULL), 0);
	assert_non_null(strstr(t.out, "Database is bij"));
	tctx_release(&t);
}

static void
test_migrate_usage(void **state)
{
	struct tctx t;

	(void)state;
	tctx_init(&t);
	/* Neither --help nor a usage error needs the database. */
	assert_int_equal(tctx_run(&t, cmd_migrate, "migrate", "--help", NULL),
			 0);
	assert_non_null(strstr(t.out, "Gebruik: casustafel migrate"));
	assert_int_equal(tctx_run(&t, cmd_migrate, "migrate", "now", NULL), 2);
	assert_non_null(strstr(t.err, "'now'"));
	assert_int_equal(tctx_run(&t, cmd_migrate, "migrate", "--force", NULL),
			 2);
	assert_non_null(strstr(t.err, "--force"));
	tctx_release(&t);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_migrate_then_up_to_date),
		cmocka_unit_test(test_migrate_usage),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
