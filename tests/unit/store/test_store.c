/*
 * test_store.c - opening, refusing wrong files, migrations, transactions.
 */
#include <fcntl.h>
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <sys/stat.h>
#include <cmocka.h>

#include "store_test.h"

static void
write_file(const char *path, const char *text)
{
	FILE *fp = fopen(path, "w");

	assert_non_null(fp);
	fputs(text, fp);
	fclose(fp);
}

static void
test_create_and_reopen(void **state)
{
	struct store_fixture f;
	struct store *st = NULL;
	struct ct_error err;
	struct stat sb;
	int applied = -1;

	(void)state;
	test_open(&f, 1);
	assert_int_equal(store_schema_version(f.st), store_schema_latest());
	assert_true(store_schema_latest() >= 1);
	/* The file holds personal data: only its owner may read it. */
	if (!test_pg_base()) {
		assert_int_equal(stat(f.path, &sb), 0);
		assert_int_equal(sb.st_mode & 0077, 0);
	}
	store_close(f.st);

	assert_int_equal(store_open(f.path, 0, &st, &err), CT_OK);
	assert_int_equal(store_schema_version(st), store_schema_latest());
	/* Migrations are idempotent: nothing left to apply. */
	assert_int_equal(store_migrate(st, &applied, &err), CT_OK);
	assert_int_equal(applied, 0);
	f.st = st;
	assert_int_equal(test_counts(&f).cases, 1);
	test_close(&f);
}

static void
test_no_migrate_then_migrate(void **state)
{
	struct store_fixture f;
	struct ct_error err;
	int applied = -1;

	(void)state;
	memset(&f, 0, sizeof(f));
	test_tmpdir(&f);
	assert_int_equal(store_open(f.path,
				    STORE_OPEN_CREATE | STORE_OPEN_NO_MIGRATE,
				    &f.st, &err),
			 CT_OK);
	assert_int_equal(store_schema_version(f.st), 0);
	assert_int_equal(store_migrate(f.st, &applied, &err), CT_OK);
	assert_int_equal(applied, store_schema_latest());
	assert_int_equal(store_schema_version(f.st), store_schema_latest());
	assert_int_equal(store_migrate(f.st, &applied, &err), CT_OK);
	assert_int_equal(applied, 0);
	arena_init(&f.a, ARENA_MAX_DEFAULT);
	test_close(&f);
}

static void
test_missing_file(void **state)
{
	struct store_fixture f;
	struct store *st = NULL;
	struct ct_error err;

	(void)state;
	memset(&f, 0, sizeof(f));
	test_tmpdir(&f);
	assert_int_equal(store_open(f.path, 0, &st, &err), CT_ERR_NOTFOUND);
	assert_null(st);
	assert_non_null(strstr(err.message, f.path));
	assert_non_null(strstr(err.message, "bestaat niet"));
	/* Nothing was created by the refused open. */
	assert_int_not_equal(access(f.path, F_OK), 0);
	test_rmdir(&f);
}

static void
test_foreign_text_file(void **state)
{
	struct store_fixture f;
	struct store *st = NULL;
	struct ct_error err;

	(void)state;
	memset(&f, 0, sizeof(f));
	test_tmpdir(&f);
	write_file(f.path, "Dit is een boodschappenlijstje, geen database.\n"
			   "melk\nbrood\nkaas\n");
	assert_int_equal(store_open(f.path, STORE_OPEN_CREATE, &st, &err),
			 CT_ERR_DB_FOREIGN);
	assert_null(st);
	assert_non_null(strstr(err.message, "geen Casustafel-database"));
	assert_non_null(strstr(err.message, f.path));
	test_rmdir(&f);
}

static void
test_foreign_sqlite_file(void **state)
{
	struct store_fixture f;
	struct store *st = NULL;
	struct ct_error err;

	(void)state;
	memset(&f, 0, sizeof(f));
	test_tmpdir(&f);
	test_raw_sql(f.path, "CREATE TABLE recipes (name TEXT);"
			     "INSERT INTO recipes VALUES ('stamppot');");
	assert_int_equal(store_open(f.path, STORE_OPEN_CREATE, &st, &err),
			 CT_ERR_DB_FOREIGN);
	assert_non_null(strstr(err.message, "geen Casustafel-database"));
	/* Another application's id is refused too, even when empty. */
	unlink(f.path);
	test_raw_sql(f.path, "PRAGMA application_id = 1234;"
			     "CREATE TABLE t (x TEXT); DROP TABLE t;");
	assert_int_equal(store_open(f.path, STORE_OPEN_CREATE, &st, &err),
			 CT_ERR_DB_FOREIGN);
	assert_null(st);
	test_rmdir(&f);
}

static void
test_newer_schema(void **state)
{
	struct store_fixture f;
	struct store *st = NULL;
	struct ct_error err;
	char expect[64];

	(void)state;
	test_open(&f, 0);
	store_close(f.st);
	f.st = NULL;
	test_raw_sql(f.path, "UPDATE meta SET value = '999' "
			     "WHERE key = 'schema_version'");
	assert_int_equal(store_open(f.path, 0, &st, &err), CT_ERR_DB_NEWER);
	assert_null(st);
	assert_non_null(strstr(err.message, "nieuwere versie van Casustafel"));
	snprintf(expect, sizeof(expect), "schema 999, deze versie kent %d",
		 store_schema_latest());
	assert_non_null(strstr(err.message, expect));
	test_close(&f);
}

static void
test_corrupt_file(void **state)
{
	struct store_fixture f;
	struct store *st = NULL;
	struct ct_error err;
	struct stat sb;
	char junk[4096];
	int fd, i;

	(void)state;
	test_open(&f, 1);
	/* Enough rows for several pages. */
	for (i = 0; i < 40; i++) {
		struct org o;
		char name[32];

		snprintf(name, sizeof(name), "Organisatie %d", i);
		test_org_init(&o, name);
		assert_int_equal(store_org_create(f.st, &f.who, &o, &err),
				 CT_OK);
	}
	store_close(f.st);
	f.st = NULL;
	assert_int_equal(stat(f.path, &sb), 0);
	assert_true(sb.st_size >= 8 * 4096);
	memset(junk, 0xA5, sizeof(junk));
	fd = open(f.path, O_WRONLY);
	assert_true(fd >= 0);
	assert_int_equal(
		pwrite(fd, junk, sizeof(junk), sb.st_size / 2 / 4096 * 4096),
		(ssize_t)sizeof(junk));
	close(fd);
	assert_int_equal(store_open(f.path, 0, &st, &err), CT_ERR_DB_CORRUPT);
	assert_null(st);
	assert_non_null(strstr(err.message, "beschadigd"));
	assert_non_null(strstr(err.message, "back-up"));
	test_close(&f);
}

static void
test_readonly_location(void **state)
{
	struct store *st = NULL;
	struct ct_error err;

	(void)state;
	/* /proc exists, but nobody (not even root) can create files in it. */
	assert_int_equal(store_open("/proc/casustafel-test.db",
				    STORE_OPEN_CREATE, &st, &err),
			 CT_ERR_READONLY);
	assert_null(st);
	assert_non_null(strstr(err.message, "/proc/casustafel-test.db"));
	assert_non_null(strstr(err.message, "kan niet worden aangemaakt"));
	/* A missing directory is a different problem, with its own answer. */
	assert_int_equal(store_open("/proc/casustafel/x.db", STORE_OPEN_CREATE,
				    &st, &err),
			 CT_ERR_NOTFOUND);
	assert_non_null(strstr(err.message, "bestaat niet"));
}

static void
test_readonly_open_refuses_writes(void **state)
{
	struct store_fixture f;
	struct store *st = NULL;
	struct ct_error err;
	struct org o;

	(void)state;
	test_open(&f, 1);
	assert_int_equal(store_open(f.path, STORE_OPEN_READONLY, &st, &err),
			 CT_OK);
	test_org_init(&o, "Gemeente Utrecht");
	assert_int_equal(store_org_create(st, &f.who, &o, &err),
			 CT_ERR_READONLY);
	assert_non_null(strstr(err.message, test_db_name(&f)));
	assert_string_equal(o.id, "");
	store_close(st);
	assert_int_equal(test_counts(&f).orgs, 1);
	test_close(&f);
}

static void
test_disk_full(void **state)
{
	struct store_fixture f;
	struct store_counts before, after;
	struct ct_error err;
	struct incident in;
	char big[4000];
	enum ct_err rc = CT_OK;
	int i;

	(void)state;
	test_open(&f, 1);
	before = test_counts(&f);
	/* The file may not grow beyond what it has now. */
	assert_int_equal(db_sqlite_set_max_pages(f.st->db, 1, &err), CT_OK);
	memset(big, 'x', sizeof(big) - 1);
	big[sizeof(big) - 1] = '\0';
	memset(&in, 0, sizeof(in));
	memcpy(in.case_id, f.kase.id, sizeof(in.case_id));
	in.occurred_at = TEST_NOW - 3600;
	in.types = CT_BIT(VIOLENCE_TYPE_PARTNER);
	in.severity = SEVERITY_SERIOUS;
	in.description = big;
	for (i = 0; i < 50 && rc == CT_OK; i++)
		rc = store_incident_add(f.st, &f.who, &in, &err);
	assert_int_equal(rc, CT_ERR_DISK_FULL);
	assert_non_null(strstr(err.message, "vol"));
	assert_non_null(strstr(err.message, f.path));
	after = test_counts(&f);
	/* The refused call wrote nothing; the journal still verifies. */
	assert_true(i >= 1);
	assert_int_equal(after.incidents, before.incidents + i - 1);
	assert_int_equal(after.journal - before.journal,
			 after.incidents - before.incidents);
	test_assert_verifies(f.st, after.journal);
	test_close(&f);
}

static void
test_busy(void **state)
{
	struct store_fixture f;
	struct store *other = NULL;
	struct ct_error err;
	struct org o;

	(void)state;
	test_open(&f, 0);
	assert_int_equal(store_open(f.path, 0, &other, &err), CT_OK);
	db_sqlite_set_busy_timeout(other->db, 10);
	assert_int_equal(store_write_begin(f.st, &err), CT_OK);
	test_org_init(&o, "Veilig Thuis");
	assert_int_equal(store_org_create(other, &f.who, &o, &err),
			 CT_ERR_BUSY);
	assert_non_null(strstr(err.message, "bezet"));
	assert_int_equal(store_write_end(f.st, CT_OK, &err), CT_OK);
	assert_int_equal(store_org_create(other, &f.who, &o, &err), CT_OK);
	store_close(other);
	test_close(&f);
}

/* Orgs as f.st sees them now. */
static int64_t
orgs_seen(struct store_fixture *f)
{
	return test_counts(f).orgs;
}

static void
other_adds_org(struct store *other, struct store_fixture *f, const char *name)
{
	struct ct_error err;
	struct org o;

	test_org_init(&o, name);
	assert_int_equal(store_org_create(other, &f->who, &o, &err), CT_OK);
}

/* store_read_begin: one state until store_read_end; a write ends it. */
static void
test_read_snapshot(void **state)
{
	struct store_fixture f;
	struct store *other = NULL;
	struct ct_error err;
	struct org o;
	int64_t n0;

	(void)state;
	test_open(&f, 0);
	assert_int_equal(store_open(f.path, 0, &other, &err), CT_OK);
	n0 = orgs_seen(&f);

	/* Another connection's commit stays invisible inside it. */
	assert_int_equal(store_read_begin(f.st, &err), CT_OK);
	assert_int_equal(store_read_begin(f.st, &err), CT_OK); /* no-op */
	assert_int_equal(orgs_seen(&f), n0);
	other_adds_org(other, &f, "GGZ Noord");
	assert_int_equal(orgs_seen(&f), n0);
	store_read_end(f.st);
	assert_int_equal(orgs_seen(&f), n0 + 1);
	store_read_end(f.st); /* nothing open: harmless */

	/* A write inside it sees the newest state and commits. */
	assert_int_equal(store_read_begin(f.st, &err), CT_OK);
	assert_int_equal(orgs_seen(&f), n0 + 1);
	other_adds_org(other, &f, "CAW Oost");
	test_org_init(&o, "Veilig Thuis Zuid");
	assert_int_equal(store_org_create(f.st, &f.who, &o, &err), CT_OK);
	assert_int_equal(orgs_seen(&f), n0 + 3);
	store_read_end(f.st);
	assert_int_equal(orgs_seen(&f), n0 + 3);

	/* Inside a write transaction it does nothing. */
	assert_int_equal(store_write_begin(f.st, &err), CT_OK);
	assert_int_equal(store_read_begin(f.st, &err), CT_OK);
	store_read_end(f.st);
	assert_int_equal(store_write_end(f.st, CT_OK, &err), CT_OK);

	/* Closing a store with a snapshot open ends it. */
	assert_int_equal(store_read_begin(other, &err), CT_OK);
	assert_int_equal(store_counts(other, &(struct store_counts){0}, &err),
			 CT_OK);
	store_close(other);
	other_adds_org(f.st, &f, "Politie Zuid");
	assert_int_equal(orgs_seen(&f), n0 + 4);
	test_close(&f);
}

struct bulk {
	const char *org_id;
	int n;
	int fail_after;
};

static enum ct_err
add_cases(struct store *st, void *ctx)
{
	struct bulk *b = ctx;
	struct store_actor who = {NULL, NULL, "test:bulk"};
	struct ct_error err;
	struct ct_case c;
	enum ct_err rc;
	int i;

	for (i = 0; i < b->n; i++) {
		if (i == b->fail_after)
			return CT_ERR_INVALID;
		test_case_init(&c, b->org_id);
		rc = store_case_create(st, &who, &c, &err);
		if (rc)
			return rc;
	}
	return CT_OK;
}

static void
test_transaction_commits_and_rolls_back(void **state)
{
	struct store_fixture f;
	struct store_counts c0, c1;
	struct ct_error err;
	struct bulk b;

	(void)state;
	test_open(&f, 1);
	c0 = test_counts(&f);
	b.org_id = f.org.id;
	b.n = 25;
	b.fail_after = 20;
	assert_int_equal(store_transaction(f.st, add_cases, &b, &err),
			 CT_ERR_INVALID);
	assert_non_null(strstr(err.message, "niets opgeslagen"));
	c1 = test_counts(&f);
	assert_int_equal(c1.cases, c0.cases);
	assert_int_equal(c1.journal, c0.journal);

	b.fail_after = -1;
	assert_int_equal(store_transaction(f.st, add_cases, &b, &err), CT_OK);
	c1 = test_counts(&f);
	assert_int_equal(c1.cases, c0.cases + 25);
	assert_int_equal(c1.journal, c0.journal + 25);
	test_assert_verifies(f.st, c1.journal);
	test_close(&f);
}

static enum ct_err
one_bad_among_good(struct store *st, void *ctx)
{
	struct store_actor who = {NULL, NULL, "test:bulk"};
	struct store_fixture *f = ctx;
	struct ct_error err;
	struct person p;

	test_person_init(&p, f->kase.id, "Anna");
	if (store_person_add(st, &who, &p, &err))
		return CT_ERR_INTERNAL;
	test_person_init(&p, f->kase.id, "Bram");
	p.bsn = "123456789"; /* fails the elfproef */
	if (store_person_add(st, &who, &p, &err) != CT_ERR_INVALID)
		return CT_ERR_INTERNAL;
	test_person_init(&p, f->kase.id, "Cor");
	return store_person_add(st, &who, &p, &err);
}

static void
test_rejected_nested_call_writes_nothing(void **state)
{
	struct store_fixture f;
	struct store_counts c0, c1;
	struct ct_error err;

	(void)state;
	test_open(&f, 1);
	c0 = test_counts(&f);
	assert_int_equal(store_transaction(f.st, one_bad_among_good, &f, &err),
			 CT_OK);
	c1 = test_counts(&f);
	assert_int_equal(c1.persons, c0.persons + 2);
	assert_int_equal(c1.journal, c0.journal + 2);
	test_assert_verifies(f.st, c1.journal);
	test_close(&f);
}

static void
test_clock_injectable(void **state)
{
	struct store_fixture f;
	int64_t t;

	(void)state;
	test_open(&f, 0);
	assert_int_equal(store_now(f.st), TEST_NOW);
	f.now += 5;
	assert_int_equal(store_now(f.st), TEST_NOW + 5);
	store_set_clock(f.st, NULL, NULL);
	t = store_now(f.st);
	assert_true(t > TEST_NOW - 10 * 365 * 86400);
	test_close(&f);
}

/* PostgreSQL: a database with other tables but no meta is foreign. */
static void
test_pg_foreign_database(void **state)
{
	struct store_fixture f;
	struct store *st = NULL;
	struct ct_error err;

	(void)state;
	memset(&f, 0, sizeof(f));
	test_tmpdir(&f);
	test_raw_sql(f.path, "CREATE TABLE recipes (name TEXT)");
	assert_int_equal(store_open(f.path, STORE_OPEN_CREATE, &st, &err),
			 CT_ERR_DB_FOREIGN);
	assert_null(st);
	assert_non_null(strstr(err.message, f.pgname));
	/* Refused again: the first attempt added nothing of ours. */
	assert_int_equal(store_open(f.path, STORE_OPEN_CREATE, &st, &err),
			 CT_ERR_DB_FOREIGN);
	test_rmdir(&f);
}

/* PostgreSQL: a second writer waits for the advisory lock, then BUSY. */
static void
test_pg_busy(void **state)
{
	struct store_fixture f;
	struct store *other = NULL;
	struct ct_error err;
	struct org o;

	(void)state;
	test_open(&f, 0);
	assert_int_equal(store_open(f.path, 0, &other, &err), CT_OK);
	assert_int_equal(db_pg_set_lock_timeout(other->db, 50, &err), CT_OK);
	assert_int_equal(store_write_begin(f.st, &err), CT_OK);
	test_org_init(&o, "Veilig Thuis");
	assert_int_equal(store_org_create(other, &f.who, &o, &err),
			 CT_ERR_BUSY);
	assert_non_null(strstr(err.message, "bezet"));
	assert_int_equal(store_write_end(f.st, CT_OK, &err), CT_OK);
	assert_int_equal(store_org_create(other, &f.who, &o, &err), CT_OK);
	store_close(other);
	test_close(&f);
}

int
main(void)
{
	const struct CMUnitTest both[] = {
		cmocka_unit_test(test_create_and_reopen),
		cmocka_unit_test(test_no_migrate_then_migrate),
		cmocka_unit_test(test_newer_schema),
		cmocka_unit_test(test_readonly_open_refuses_writes),
		cmocka_unit_test(test_transaction_commits_and_rolls_back),
		cmocka_unit_test(test_rejected_nested_call_writes_nothing),
		cmocka_unit_test(test_clock_injectable),
	};
	/* About the file itself: registered only on SQLite. */
	const struct CMUnitTest sqlite_only[] = {
		cmocka_unit_test(test_missing_file),
		cmocka_unit_test(test_foreign_text_file),
		cmocka_unit_test(test_foreign_sqlite_file),
		cmocka_unit_test(test_corrupt_file),
		cmocka_unit_test(test_readonly_location),
		cmocka_unit_test(test_disk_full),
		cmocka_unit_test(test_busy),
		cmocka_unit_test(test_read_snapshot),
	};
	const struct CMUnitTest pg_only[] = {
		cmocka_unit_test(test_pg_foreign_database),
		cmocka_unit_test(test_pg_busy),
	};
	int failed = cmocka_run_group_tests_name("store", both, NULL, NULL);

	if (test_pg_base())
		failed += cmocka_run_group_tests_name("postgresql", pg_only,
						      NULL, NULL);
	else
		failed += cmocka_run_group_tests_name("sqlite", sqlite_only,
						      NULL, NULL);
	return failed;
}
