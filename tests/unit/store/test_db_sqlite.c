/*
 * test_db_sqlite.c - the SQLite driver on its own: statements, binds,
 * NULLs, change counts, transactions, error mapping and the
 * prepared-statement cache.
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
	test_tmpdir_sqlite(f); /* this driver's own test: always a file */
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
	/* A duplicate key is CT_ERR_EXISTS, as on PostgreSQL; another
	 * constraint stays a database error. */
	assert_int_equal(db_exec(db,
				 "CREATE TABLE u (id TEXT PRIMARY KEY, "
				 "name TEXT UNIQUE, n BIGINT NOT NULL)",
				 &err),
			 CT_OK);
	assert_int_equal(db_exec(db, "INSERT INTO u VALUES ('a', 'x', 1)",
				 &err),
			 CT_OK);
	assert_int_equal(db_exec(db, "INSERT INTO u VALUES ('a', 'y', 1)",
				 &err),
			 CT_ERR_EXISTS);
	assert_non_null(strstr(err.message, "bestaat al"));
	assert_int_equal(db_exec(db, "INSERT INTO u VALUES ('b', 'x', 1)",
				 &err),
			 CT_ERR_EXISTS);
	assert_int_equal(db_exec(db, "INSERT INTO u VALUES ('c', 'z', NULL)",
				 &err),
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

/* The same SQL text is compiled once; a reused statement starts clean. */
static void
test_cache_reuse(void **state)
{
	struct store_fixture f;
	struct db *db = open_db(&f);
	struct db_sqlite_cache_stats before, after;
	struct db_stmt *s = NULL;
	struct ct_error err;
	int row;

	(void)state;
	db_sqlite_cache_stats(db, &before);
	assert_int_equal(
		db_prepare(db, "INSERT INTO t VALUES (?, ?)", &s, &err), CT_OK);
	db_bind_text(s, 1, "een");
	db_bind_int64(s, 2, 1);
	assert_int_equal(db_step(s, &row, &err), CT_OK);
	db_finalize(s);
	/* Bound but never stepped: the next user must not see these. */
	assert_int_equal(
		db_prepare(db, "INSERT INTO t VALUES (?, ?)", &s, &err), CT_OK);
	db_bind_text(s, 1, "twee");
	db_bind_int64(s, 2, 2);
	db_finalize(s);
	assert_int_equal(
		db_prepare(db, "INSERT INTO t VALUES (?, ?)", &s, &err), CT_OK);
	db_bind_int64(s, 2, 3); /* k left unbound: NULL */
	assert_int_equal(db_step(s, &row, &err), CT_OK);
	db_finalize(s);
	db_sqlite_cache_stats(db, &after);
	assert_int_equal(after.misses - before.misses, 1);
	assert_int_equal(after.hits - before.hits, 2);

	assert_int_equal(db_prepare(db, "SELECT count(*) FROM t WHERE k IS NULL",
				    &s, &err),
			 CT_OK);
	assert_int_equal(db_step(s, &row, &err), CT_OK);
	assert_int_equal(db_column_int64(s, 0), 1);
	db_finalize(s);
	db_close(db);
	assert_int_equal(test_raw_count(f.path, "SELECT count(*) FROM t"), 2);
	test_rmdir(&f);
}

/* Two open statements with the same text do not share one. */
static void
test_cache_nested(void **state)
{
	static const char sql[] = "SELECT v FROM t ORDER BY v";
	struct store_fixture f;
	struct db *db = open_db(&f);
	struct db_stmt *outer = NULL, *inner = NULL;
	struct ct_error err;
	int row, n = 0;

	(void)state;
	assert_int_equal(db_exec(db,
				 "INSERT INTO t VALUES ('a', 1), ('b', 2), "
				 "('c', 3)",
				 &err),
			 CT_OK);
	assert_int_equal(db_prepare(db, sql, &outer, &err), CT_OK);
	while (db_step(outer, &row, &err) == CT_OK && row) {
		assert_int_equal(db_prepare(db, sql, &inner, &err), CT_OK);
		assert_ptr_not_equal(inner, outer);
		assert_int_equal(db_step(inner, &row, &err), CT_OK);
		assert_int_equal(row, 1);
		assert_int_equal(db_column_int64(inner, 0), 1);
		db_finalize(inner);
		n++;
		assert_int_equal(db_column_int64(outer, 0), n);
	}
	assert_int_equal(n, 3);
	db_finalize(outer);
	db_close(db);
	test_rmdir(&f);
}

/* More distinct texts than the cache holds: evicted ones still work. */
static void
test_cache_eviction(void **state)
{
	struct store_fixture f;
	struct db *db = open_db(&f);
	struct db_sqlite_cache_stats stats;
	struct db_stmt *s = NULL;
	struct ct_error err;
	char sql[64];
	int i, round, row;

	(void)state;
	for (round = 0; round < 2; round++) {
		for (i = 0; i < 300; i++) {
			snprintf(sql, sizeof(sql), "SELECT %d", i);
			assert_int_equal(db_prepare(db, sql, &s, &err), CT_OK);
			assert_int_equal(db_step(s, &row, &err), CT_OK);
			assert_int_equal(db_column_int64(s, 0), i);
			db_finalize(s);
		}
	}
	db_sqlite_cache_stats(db, &stats);
	assert_true(stats.evictions > 0);
	/* close finalizes the cached statements (ASan checks the leak). */
	db_close(db);
	test_rmdir(&f);
}

/* exec of a script still runs every statement, exec of one is cached. */
static void
test_cache_exec(void **state)
{
	struct store_fixture f;
	struct db *db = open_db(&f);
	struct db_sqlite_cache_stats before, after;
	struct ct_error err;

	(void)state;
	assert_int_equal(db_exec(db,
				 "INSERT INTO t VALUES ('a', 1);"
				 "INSERT INTO t VALUES ('b', 2);",
				 &err),
			 CT_OK);
	db_sqlite_cache_stats(db, &before);
	assert_int_equal(db_begin(db, 1, &err), CT_OK);
	assert_int_equal(db_commit(db, &err), CT_OK);
	assert_int_equal(db_begin(db, 1, &err), CT_OK);
	assert_int_equal(db_commit(db, &err), CT_OK);
	db_sqlite_cache_stats(db, &after);
	assert_true(after.hits - before.hits >= 2);
	/* A failing cached statement reports, and the next use is clean. */
	assert_int_equal(db_commit(db, &err), CT_ERR_DB);
	assert_int_equal(db_begin(db, 1, &err), CT_OK);
	assert_int_equal(db_commit(db, &err), CT_OK);
	db_close(db);
	assert_int_equal(test_raw_count(f.path, "SELECT count(*) FROM t"), 2);
	test_rmdir(&f);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_statements),
		cmocka_unit_test(test_rollback),
		cmocka_unit_test(test_errors),
		cmocka_unit_test(test_cache_reuse),
		cmocka_unit_test(test_cache_nested),
		cmocka_unit_test(test_cache_eviction),
		cmocka_unit_test(test_cache_exec),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
