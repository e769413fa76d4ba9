/*
 * test_db_sqlite.c - the SQLite driver on its own: statements, binds,
 * NULLs, change counts, transactions and error mapping.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>

#include "store_test.h"

static struct db *
open_db(struct store_fixture *f)
{
	struct ct_error err;
	struct db *db = NULL;

	memset(f, 0, sizeof(*f));
	test_tmpdir(f);
	assert_int_equal(
		db_sqlite_driver.open(f->path, DB_OPEN_CREATE, &db, &err),
		CT_OK);
	assert_int_equal(db_exec(db, "CREATE TABLE t (k TEXT, v BIGINT)", &err),
			 CT_OK);
	return db;
}

static void
test_statements(void **state)
{
	struct store_fixture f;
	struct db *db = open_db(&f);
	struct db_stmt *s = NULL;
	struct ct_error err;
	int row, exists;

	(void)state;
	assert_string_equal(db_target(db), f.path);
	assert_int_equal(
		db_prepare(db, "INSERT INTO t VALUES (?, ?)", &s, &err), CT_OK);
	db_bind_text(s, 1, "een");
	db_bind_int64(s, 2, INT64_C(9007199254740993));
	assert_int_equal(db_step(s, &row, &err), CT_OK);
	assert_int_equal(row, 0);
	assert_int_equal(db_changes(db), 1);
	db_finalize(s);
	assert_int_equal(
		db_prepare(db, "INSERT INTO t VALUES (?, ?)", &s, &err), CT_OK);
	db_bind_text(s, 1, NULL);
	db_bind_null(s, 2);
	assert_int_equal(db_step(s, &row, &err), CT_OK);
	db_finalize(s);

	assert_int_equal(
		db_prepare(db, "SELECT k, v FROM t ORDER BY k", &s, &err),
		CT_OK);
	assert_int_equal(db_step(s, &row, &err), CT_OK);
	assert_int_equal(row, 1);
	assert_true(db_column_is_null(s, 0));
	assert_null(db_column_text(s, 0));
	assert_true(db_column_is_null(s, 1));
	assert_int_equal(db_step(s, &row, &err), CT_OK);
	assert_int_equal(row, 1);
	assert_string_equal(db_column_text(s, 0), "een");
	assert_int_equal(db_column_int64(s, 1), INT64_C(9007199254740993));
	assert_int_equal(db_step(s, &row, &err), CT_OK);
	assert_int_equal(row, 0);
	db_finalize(s);

	assert_int_equal(db_table_exists(db, "t", &exists, &err), CT_OK);
	assert_true(exists);
	assert_int_equal(db_table_exists(db, "u", &exists, &err), CT_OK);
	assert_false(exists);
	db_close(db);
	test_rmdir(&f);
}

static void
test_rollback(void **state)
{
	struct store_fixture f;
	struct db *db = open_db(&f);
	struct ct_error err;

	(void)state;
	assert_int_equal(db_begin(db, 1, &err), CT_OK);
	assert_int_equal(db_exec(db, "INSERT INTO t VALUES ('x', 1)", &err),
			 CT_OK);
	db_rollback(db);
	db_rollback(db); /* harmless outside a transaction */
	db_close(db);
	assert_int_equal(test_raw_count(f.path, "SELECT count(*) FROM t"), 0);
	test_rmdir(&f);
}

static void
test_errors(void **state)
{
	struct store_fixture f;
	struct db *db = open_db(&f), *other = NULL;
	struct db_stmt *s = NULL;
	struct ct_error err;

	(void)state;
	assert_int_equal(db_prepare(db, "SELEKT nonsense", &s, &err),
			 CT_ERR_DB);
	assert_null(s);
	assert_non_null(strstr(err.message, f.path));
	assert_int_equal(db_exec(db, "INSERT INTO missing VALUES (1)", &err),
			 CT_ERR_DB);
	/* A directory is not a database. */
	assert_int_equal(db_sqlite_driver.open(f.dir, 0, &other, &err),
			 CT_ERR_DB_FOREIGN);
	assert_null(other);
	assert_non_null(strstr(err.message, "map"));
	/* The application_id marks the file as ours for the next open. */
	db_close(db);
	assert_int_equal(test_raw_count(f.path, "PRAGMA application_id"),
			 DB_SQLITE_APPLICATION_ID);
	/* WAL is a property of the file, kept after close. */
	assert_int_equal(test_raw_count(f.path, "SELECT count(*) FROM "
						"pragma_journal_mode WHERE "
						"journal_mode = 'wal'"),
			 1);
	test_rmdir(&f);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_statements),
		cmocka_unit_test(test_rollback),
		cmocka_unit_test(test_errors),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
