/*
 * store_test.h - fixtures shared by the store's unit tests: a fresh
 * database file in its own temporary directory, a fixed clock, and
 * valid records to build on. Include after <cmocka.h>.
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

/* 2026-07-13T10:00:00Z, a Monday. */
#define TEST_NOW INT64_C(1783936800)

struct store_fixture {
	char dir[64];
	char path[96];
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

static inline void
test_tmpdir(struct store_fixture *f)
{
	snprintf(f->dir, sizeof(f->dir), "/tmp/ct-store-test-XXXXXX");
	assert_non_null(mkdtemp(f->dir));
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
