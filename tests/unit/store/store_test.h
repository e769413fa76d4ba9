/*
 * store_test.h - fixtures shared by the store's unit tests: a fresh
 * database file in its own temporary directory, a fixed clock, and
 * valid records to build on. Include after <cmocka.h>.
 *
 * Two backends: by default each test gets an SQLite file; when the
 * environment has CASUSTAFEL_TEST_PG (a base conninfo or URI, e.g. from
 * tools/pg-test-server.sh) each test gets a fresh PostgreSQL database,
 * ct_test_<random>, created through a maintenance connection to the base
 * and dropped by test_rmdir(). f->path is then that database's conninfo,
 * so store_open(f->path), test_raw_sql() and test_raw_count() work alike
 * on both. Tests of SQLite-only behaviour (the file itself) are
 * registered only when test_pg_base() is NULL.
 */
#ifndef CT_TEST_STORE_TEST_H
#define CT_TEST_STORE_TEST_H

#include <dirent.h>
#include <sqlite3.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "core/model.h"
#include "store/store.h"
#include "store/store_int.h"
#include "util/sbuf.h"
#include "util/uuid.h"

#define TEST_PG_ENV "CASUSTAFEL_TEST_PG"
#define TEST_PG_NAME_SIZE 48

/* 2026-07-13T10:00:00Z, a Monday. */
#define TEST_NOW INT64_C(1783936800)

struct store_fixture {
	char dir[64];
	char path[512]; /* SQLite file, or PostgreSQL conninfo */
	char pgname[TEST_PG_NAME_SIZE]; /* PostgreSQL database, or "" */
	struct store *st;
	int64_t now;
	struct arena a;
	struct store_actor who;
	struct org org;
	struct ct_case kase;
};

static inline int64_t
test_clock(void *ctx)
{
	return *(int64_t *)ctx;
}

/* The PostgreSQL base conninfo when testing on PostgreSQL, else NULL. */
static inline const char *
test_pg_base(void)
{
	const char *v = getenv(TEST_PG_ENV);

	return v && *v ? v : NULL;
}

/* Run one statement on the PostgreSQL maintenance database. */
static inline void
test_pg_admin(const char *sql)
{
	struct ct_error err;
	struct db *db = NULL;

	if (db_open(test_pg_base(), 0, &db, &err) != CT_OK)
		fail_msg("PostgreSQL maintenance connection: %s", err.message);
	if (db_exec(db, sql, &err) != CT_OK)
		fail_msg("%s: %s", sql, err.message);
	db_close(db);
}

/* A fresh, empty PostgreSQL database for f; f->path is its conninfo. */
static inline void
test_pg_create(struct store_fixture *f)
{
	char uuid[CT_UUID_SIZE], sql[128];
	struct ct_error err;
	struct sbuf target;
	size_t i, n = 0;

	ct_uuid_new(uuid);
	n = (size_t)snprintf(f->pgname, sizeof(f->pgname), "ct_test_");
	for (i = 0; uuid[i] && n + 1 < sizeof(f->pgname); i++)
		if (uuid[i] != '-')
			f->pgname[n++] = uuid[i];
	f->pgname[n] = '\0';
	snprintf(sql, sizeof(sql), "CREATE DATABASE %s", f->pgname);
	test_pg_admin(sql);
	sbuf_init(&target, SBUF_MAX_SMALL);
	assert_int_equal(db_pg_target_with_dbname(test_pg_base(), f->pgname,
						  &target, &err),
			 CT_OK);
	assert_true(target.len < sizeof(f->path));
	snprintf(f->path, sizeof(f->path), "%s", target.buf);
	sbuf_release(&target);
}

/* What messages call the database: the file, or the PostgreSQL name. */
static inline const char *
test_db_name(const struct store_fixture *f)
{
	return f->pgname[0] ? f->pgname : f->path;
}

/* A temporary directory and an SQLite path in it, whatever the backend. */
static inline void
test_tmpdir_sqlite(struct store_fixture *f)
{
	snprintf(f->dir, sizeof(f->dir), "/tmp/ct-store-test-XXXXXX");
	assert_non_null(mkdtemp(f->dir));
	snprintf(f->path, sizeof(f->path), "%s/case.db", f->dir);
}

static inline void
test_tmpdir(struct store_fixture *f)
{
	snprintf(f->dir, sizeof(f->dir), "/tmp/ct-store-test-XXXXXX");
	assert_non_null(mkdtemp(f->dir));
	if (test_pg_base())
		test_pg_create(f);
	else
		snprintf(f->path, sizeof(f->path), "%s/case.db", f->dir);
}

static inline void
test_rmdir(struct store_fixture *f)
{
	DIR *d = opendir(f->dir);
	struct dirent *e;
	char p[64 + 1 + 256];

	if (!d)
		return;
	while ((e = readdir(d)) != NULL) {
		if (!strcmp(e->d_name, ".") || !strcmp(e->d_name, ".."))
			continue;
		snprintf(p, sizeof(p), "%s/%s", f->dir, e->d_name);
		unlink(p);
	}
	closedir(d);
	rmdir(f->dir);
	if (f->pgname[0]) {
		char sql[128];

		snprintf(sql, sizeof(sql), "DROP DATABASE %s WITH (FORCE)",
			 f->pgname);
		test_pg_admin(sql);
		f->pgname[0] = '\0';
	}
}

static inline void
test_org_init(struct org *o, const char *name)
{
	memset(o, 0, sizeof(*o));
	o->name = name;
	o->type = ORG_TYPE_POLICE;
	o->country = CT_COUNTRY_NL;
	o->email = "wijk@politie.example";
}

static inline void
test_case_init(struct ct_case *c, const char *owner_org_id)
{
	memset(c, 0, sizeof(*c));
	c->jurisdiction = CT_COUNTRY_NL;
	c->region = "AMS";
	snprintf(c->owner_org_id, sizeof(c->owner_org_id), "%s", owner_org_id);
	c->pattern = PATTERN_UNKNOWN;
}

static inline void
test_person_init(struct person *p, const char *case_id, const char *given)
{
	memset(p, 0, sizeof(*p));
	snprintf(p->case_id, sizeof(p->case_id), "%s", case_id);
	p->given_name = given;
	p->family_name = "Jansen";
	p->has_birth_date = 1;
	p->birth_date.year = 1990;
	p->birth_date.month = 4;
	p->birth_date.day = 2;
	p->sex = PERSON_SEX_FEMALE;
	p->roles = CT_BIT(PERSON_ROLE_VICTIM) | CT_BIT(PERSON_ROLE_REMAINING);
}

/* Open a fresh store with a fixed clock; optionally an org and a case. */
static inline void
test_open(struct store_fixture *f, int with_case)
{
	struct ct_error err;

	memset(f, 0, sizeof(*f));
	test_tmpdir(f);
	assert_int_equal(store_open(f->path, STORE_OPEN_CREATE, &f->st, &err),
			 CT_OK);
	f->now = TEST_NOW;
	store_set_clock(f->st, test_clock, &f->now);
	arena_init(&f->a, ARENA_MAX_DEFAULT);
	f->who.label = "test:tester";
	if (!with_case)
		return;
	test_org_init(&f->org, "Politie Amsterdam");
	assert_int_equal(store_org_create(f->st, &f->who, &f->org, &err),
			 CT_OK);
	test_case_init(&f->kase, f->org.id);
	assert_int_equal(store_case_create(f->st, &f->who, &f->kase, &err),
			 CT_OK);
}

static inline void
test_close(struct store_fixture *f)
{
	store_close(f->st);
	f->st = NULL;
	arena_release(&f->a);
	test_rmdir(f);
}

static inline struct store_counts
test_counts(struct store_fixture *f)
{
	struct store_counts c;
	struct ct_error err;

	assert_int_equal(store_counts(f->st, &c, &err), CT_OK);
	return c;
}

/* Run one SQL statement on the file with a separate, raw connection. */
static inline void
test_raw_sql(const char *path, const char *sql)
{
	sqlite3 *h = NULL;
	char *msg = NULL;

	if (db_is_pg_target(path)) {
		struct ct_error err;
		struct db *db = NULL;

		if (db_open(path, 0, &db, &err) != CT_OK)
			fail_msg("raw connection: %s", err.message);
		if (db_exec(db, sql, &err) != CT_OK)
			fail_msg("raw sql failed: %s", err.message);
		db_close(db);
		return;
	}

	assert_int_equal(sqlite3_open(path, &h), SQLITE_OK);
	if (sqlite3_exec(h, sql, NULL, NULL, &msg) != SQLITE_OK)
		fail_msg("raw sql failed: %s", msg ? msg : "?");
	sqlite3_free(msg);
	sqlite3_close(h);
}

/* The one integer a query yields, read with a separate connection. */
static inline int64_t
test_raw_count(const char *path, const char *sql)
{
	sqlite3_stmt *s = NULL;
	sqlite3 *h = NULL;
	int64_t v;

	if (db_is_pg_target(path)) {
		struct db_stmt *ps = NULL;
		struct ct_error err;
		struct db *db = NULL;
		int row;

		if (db_open(path, 0, &db, &err) != CT_OK)
			fail_msg("raw connection: %s", err.message);
		assert_int_equal(db_prepare(db, sql, &ps, &err), CT_OK);
		assert_int_equal(db_step(ps, &row, &err), CT_OK);
		assert_int_equal(row, 1);
		v = db_column_int64(ps, 0);
		db_finalize(ps);
		db_close(db);
		return v;
	}
	assert_int_equal(sqlite3_open(path, &h), SQLITE_OK);
	assert_int_equal(sqlite3_prepare_v2(h, sql, -1, &s, NULL), SQLITE_OK);
	assert_int_equal(sqlite3_step(s), SQLITE_ROW);
	v = sqlite3_column_int64(s, 0);
	sqlite3_finalize(s);
	sqlite3_close(h);
	return v;
}

static inline void
test_assert_verifies(struct store *st, int64_t entries)
{
	struct store_verify_result res;
	struct ct_error err;

	assert_int_equal(store_journal_verify(st, &res, NULL, NULL, &err),
			 CT_OK);
	assert_int_equal(res.first_broken, 0);
	assert_int_equal(res.entries, entries);
}

#endif
