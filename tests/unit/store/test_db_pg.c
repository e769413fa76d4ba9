/*
 * test_db_pg.c - the PostgreSQL driver on its own: which targets go to it,
 * conninfo rewriting, connection failures without the password, and, when
 * CASUSTAFEL_TEST_PG names a server (tools/pg-test-server.sh), statements,
 * placeholders, NULLs, change counts, transactions, the write lock and the
 * mapping of SQLSTATEs. Without a server only the first group runs.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>

#include "store_test.h"

static void
test_target_selection(void **state)
{
	(void)state;
	assert_true(db_is_pg_target("postgresql://u@h/db"));
	assert_true(db_is_pg_target("postgres://h/db"));
	assert_true(db_is_pg_target("host=/tmp dbname=x"));
	assert_true(db_is_pg_target("dbname=x"));
	assert_false(db_is_pg_target("var/casustafel.db"));
	assert_false(db_is_pg_target("/tmp/postgresql/x.db"));
	assert_false(db_is_pg_target("hostname=x")); /* a file name */
	assert_ptr_equal(db_driver_for("postgres://h/db"), &db_pg_driver);
	assert_ptr_equal(db_driver_for("x.db"), &db_sqlite_driver);
}

static void
test_target_with_dbname(void **state)
{
	struct ct_error err;
	struct sbuf out;

	(void)state;
	sbuf_init(&out, SBUF_MAX_SMALL);
	assert_int_equal(db_pg_target_with_dbname("postgresql://ct@%2Ftmp%2Fs"
						  ":5433/postgres",
						  "ct_test_1", &out, &err),
			 CT_OK);
	assert_true(db_is_pg_target(out.buf));
	assert_non_null(strstr(out.buf, "dbname='ct_test_1'"));
	assert_non_null(strstr(out.buf, "host='/tmp/s'"));
	assert_non_null(strstr(out.buf, "port='5433'"));
	assert_non_null(strstr(out.buf, "user='ct'"));
	assert_null(strstr(out.buf, "postgres'"));
	sbuf_reset(&out);
	/* Quotes and backslashes in a value stay one value. */
	assert_int_equal(
		db_pg_target_with_dbname("host=/tmp", "a'b\\c", &out, &err),
		CT_OK);
	assert_non_null(strstr(out.buf, "dbname='a\\'b\\\\c'"));
	sbuf_reset(&out);
	assert_int_equal(
		db_pg_target_with_dbname("postgresql://[", "x", &out, &err),
		CT_ERR_CONFIG);
	sbuf_release(&out);
}

/* A server that is not there: CT_ERR_IO naming host and db, no password. */
static void
test_connection_failure(void **state)
{
	struct ct_error err;
	struct db *db = NULL;

	(void)state;
	assert_int_equal(db_open("postgresql://ct:geheim123@%2Fnonexistent"
				 "%2Fsock:5999/casus",
				 0, &db, &err),
			 CT_ERR_IO);
	assert_null(db);
	assert_non_null(strstr(err.message, "casus"));
	assert_non_null(strstr(err.message, "/nonexistent/sock"));
	assert_null(strstr(err.message, "geheim123"));
	assert_int_equal(db_open("host='/tmp dbname=x", 0, &db, &err),
			 CT_ERR_CONFIG);
}

/* ---- against a server ---- */

static struct db *
open_pg(struct store_fixture *f)
{
	struct ct_error err;
	struct db *db = NULL;

	memset(f, 0, sizeof(*f));
	test_tmpdir(f);
	assert_int_equal(db_open(f->path, DB_OPEN_CREATE, &db, &err), CT_OK);
	assert_ptr_equal(db->drv, &db_pg_driver);
	/* meta marks it as ours for the other connections the tests open. */
	assert_int_equal(db_exec(db,
				 "CREATE TABLE meta (key TEXT);"
				 "CREATE TABLE t (k TEXT, v BIGINT)",
				 &err),
			 CT_OK);
	return db;
}

static void
test_pg_statements(void **state)
{
	struct store_fixture f;
	struct db *db = open_pg(&f);
	struct db_stmt *s = NULL;
	struct ct_error err;
	int row, exists;

	(void)state;
	assert_non_null(strstr(db_target(db), f.pgname));
	assert_int_equal(
		db_prepare(db, "INSERT INTO t VALUES (?, ?)", &s, &err), CT_OK);
	db_bind_text(s, 1, "een?");
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

	/* ? inside a literal, an identifier and a comment is not a param. */
	assert_int_equal(db_prepare(db,
				    "SELECT k, v, '?''?' AS \"q?\" FROM t "
				    "-- what?\n"
				    "WHERE v = ? /* ? */ OR k IS NULL "
				    "ORDER BY k NULLS FIRST",
				    &s, &err),
			 CT_OK);
	db_bind_int64(s, 1, INT64_C(9007199254740993));
	assert_int_equal(db_step(s, &row, &err), CT_OK);
	assert_int_equal(row, 1);
	assert_true(db_column_is_null(s, 0));
	assert_null(db_column_text(s, 0));
	assert_true(db_column_is_null(s, 1));
	assert_string_equal(db_column_text(s, 2), "?'?");
	assert_int_equal(db_step(s, &row, &err), CT_OK);
	assert_int_equal(row, 1);
	assert_string_equal(db_column_text(s, 0), "een?");
	assert_int_equal(db_column_int64(s, 1), INT64_C(9007199254740993));
	assert_int_equal(db_step(s, &row, &err), CT_OK);
	assert_int_equal(row, 0);
	assert_int_equal(db_step(s, &row, &err), CT_OK);
	assert_int_equal(row, 0);
	db_finalize(s);

	assert_int_equal(db_exec(db, "UPDATE t SET v = 1", &err), CT_OK);
	assert_int_equal(db_prepare(db, "DELETE FROM t", &s, &err), CT_OK);
	assert_int_equal(db_step(s, &row, &err), CT_OK);
	assert_int_equal(db_changes(db), 2);
	db_finalize(s);

	assert_int_equal(db_table_exists(db, "t", &exists, &err), CT_OK);
	assert_true(exists);
	assert_int_equal(db_table_exists(db, "u", &exists, &err), CT_OK);
	assert_false(exists);
	db_close(db);
	test_rmdir(&f);
}

static void
test_pg_transactions(void **state)
{
	struct store_fixture f;
	struct db *db = open_pg(&f);
	struct ct_error err;

	(void)state;
	assert_int_equal(db_begin(db, 1, &err), CT_OK);
	assert_int_equal(db_exec(db, "INSERT INTO t VALUES ('x', 1)", &err),
			 CT_OK);
	db_rollback(db);
	db_rollback(db); /* harmless outside a transaction */
	assert_int_equal(test_raw_count(f.path, "SELECT count(*) FROM t"), 0);

	/* A savepoint undoes a failed statement; the rest commits. */
	assert_int_equal(db_begin(db, 1, &err), CT_OK);
	assert_int_equal(db_exec(db, "INSERT INTO t VALUES ('a', 1)", &err),
			 CT_OK);
	assert_int_equal(db_exec(db, "SAVEPOINT ct_sp1", &err), CT_OK);
	assert_int_equal(db_exec(db, "INSERT INTO missing VALUES (1)", &err),
			 CT_ERR_DB);
	assert_int_equal(db_exec(db,
				 "ROLLBACK TO SAVEPOINT ct_sp1; "
				 "RELEASE SAVEPOINT ct_sp1",
				 &err),
			 CT_OK);
	assert_int_equal(db_commit(db, &err), CT_OK);
	assert_int_equal(test_raw_count(f.path, "SELECT count(*) FROM t"), 1);

	/* An error without a savepoint aborts it all: commit says so. */
	assert_int_equal(db_begin(db, 1, &err), CT_OK);
	assert_int_equal(db_exec(db, "INSERT INTO t VALUES ('b', 2)", &err),
			 CT_OK);
	assert_int_equal(db_exec(db, "SELEKT", &err), CT_ERR_DB);
	assert_int_equal(db_commit(db, &err), CT_ERR_DB);
	assert_non_null(strstr(err.message, "afgebroken"));
	assert_int_equal(test_raw_count(f.path, "SELECT count(*) FROM t"), 1);
	db_close(db);
	test_rmdir(&f);
}

/* Writers queue on the advisory lock; a reader does not. */
static void
test_pg_write_lock(void **state)
{
	struct store_fixture f;
	struct db *db = open_pg(&f), *other = NULL;
	struct ct_error err;

	(void)state;
	assert_int_equal(db_open(f.path, 0, &other, &err), CT_OK);
	assert_int_equal(db_pg_set_lock_timeout(other, 50, &err), CT_OK);
	assert_int_equal(db_begin(db, 1, &err), CT_OK);
	assert_int_equal(db_begin(other, 1, &err), CT_ERR_BUSY);
	assert_non_null(strstr(err.message, "bezet"));
	assert_int_equal(db_begin(other, 0, &err), CT_OK);
	assert_int_equal(db_commit(other, &err), CT_OK);
	assert_int_equal(db_commit(db, &err), CT_OK);
	/* Released with the transaction. */
	assert_int_equal(db_begin(other, 1, &err), CT_OK);
	assert_int_equal(db_commit(other, &err), CT_OK);
	db_close(other);
	db_close(db);
	test_rmdir(&f);
}

static void
test_pg_errors(void **state)
{
	struct store_fixture f;
	struct db *db = open_pg(&f), *ro = NULL, *again = NULL;
	struct ct_error err;

	(void)state;
	assert_int_equal(db_exec(db, "CREATE UNIQUE INDEX t_k ON t (k)", &err),
			 CT_OK);
	assert_int_equal(db_exec(db, "INSERT INTO t VALUES ('a', 1)", &err),
			 CT_OK);
	assert_int_equal(db_exec(db, "INSERT INTO t VALUES ('a', 2)", &err),
			 CT_ERR_EXISTS);
	assert_non_null(strstr(err.message, f.pgname));
	/* Tables but no meta: foreign. */
	assert_int_equal(db_exec(db, "DROP TABLE meta", &err), CT_OK);
	assert_int_equal(db_open(f.path, 0, &again, &err), CT_ERR_DB_FOREIGN);
	assert_null(again);
	db_close(db);
	test_rmdir(&f);

	/* An empty database: new; read-only it refuses writes. */
	memset(&f, 0, sizeof(f));
	test_tmpdir(&f);
	assert_int_equal(db_open(f.path, 0, &db, &err), CT_OK);
	assert_int_equal(db_exec(db, "CREATE TABLE meta (key TEXT)", &err),
			 CT_OK);
	assert_int_equal(db_open(f.path, DB_OPEN_READONLY, &ro, &err), CT_OK);
	assert_int_equal(db_exec(ro, "CREATE TABLE x (a TEXT)", &err),
			 CT_ERR_READONLY);
	db_close(ro);
	db_close(db);
	test_rmdir(&f);
}

int
main(void)
{
	const struct CMUnitTest offline[] = {
		cmocka_unit_test(test_target_selection),
		cmocka_unit_test(test_target_with_dbname),
		cmocka_unit_test(test_connection_failure),
	};
	const struct CMUnitTest server[] = {
		cmocka_unit_test(test_pg_statements),
		cmocka_unit_test(test_pg_transactions),
		cmocka_unit_test(test_pg_write_lock),
		cmocka_unit_test(test_pg_errors),
	};
	int failed =
		cmocka_run_group_tests_name("offline", offline, NULL, NULL);

	if (test_pg_base())
		failed += cmocka_run_group_tests_name("postgresql", server,
						      NULL, NULL);
	return failed;
}
