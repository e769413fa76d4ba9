/*
 * test_access_log.c - the access log: append (validated), query by user,
 * person, case, organisation, outcome and time with paging, and the
 * chain: intact, and a changed or removed row found. Migration 0006
 * (no unique index on the random id) keeps every record and the chain.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>

#include "store_test.h"
#include "security_test.h"
#include "store/access_log_int.h"
#include "store/migrations.h"

#define ACCESS_LOG_FIELD_MAX_TEST ACCESS_LOG_FIELD_MAX

#define U1 "11111111-1111-4111-8111-111111111111"
#define U2 "22222222-2222-4222-8222-222222222222"
#define P1 "33333333-3333-4333-8333-333333333333"

static void
rec_init(struct access_record *r, int64_t at, const char *user,
	 const char *person, int allowed)
{
	memset(r, 0, sizeof(*r));
	r->at = at;
	r->request_id = "req-1";
	r->user_id = user;
	r->org_id = "org-a";
	r->roles = "police_officer";
	r->action = person ? "person.read" : "case.read";
	r->case_id = "case-1";
	r->person_id = person;
	r->purpose = "werklijst";
	r->allowed = allowed;
	r->reason = allowed ? "case_team" : "not_in_case_team";
}

/* Six records: U1 reads twice, U2 reads P1, U2 refused, ... */
static void
fill(struct store_fixture *f)
{
	struct access_record r;
	struct ct_error err;

	rec_init(&r, TEST_NOW, U1, NULL, 1);
	assert_int_equal(store_access_log_append(f->st, &r, &err), CT_OK);
	rec_init(&r, TEST_NOW + 10, U1, P1, 1);
	assert_int_equal(store_access_log_append(f->st, &r, &err), CT_OK);
	rec_init(&r, TEST_NOW + 20, U2, P1, 1);
	r.break_glass = 1;
	r.purpose = "Acute dreiging";
	assert_int_equal(store_access_log_append(f->st, &r, &err), CT_OK);
	rec_init(&r, TEST_NOW + 30, U2, NULL, 0);
	r.case_id = "case-2";
	r.org_id = "org-b";
	assert_int_equal(store_access_log_append(f->st, &r, &err), CT_OK);
	rec_init(&r, TEST_NOW + 40, NULL, NULL, 0);
	r.request_id = NULL;
	r.org_id = NULL;
	r.roles = NULL;
	r.reason = "not_authenticated";
	assert_int_equal(store_access_log_append(f->st, &r, &err), CT_OK);
	rec_init(&r, TEST_NOW + 50, U1, P1, 1);
	assert_int_equal(store_access_log_append(f->st, &r, &err), CT_OK);
}

static size_t
query_total(struct store_fixture *f, const struct access_log_query *q)
{
	struct access_entry *e = NULL;
	struct ct_error err;
	size_t n = 0, total = 0;

	assert_int_equal(
		store_access_log_query(f->st, q, &f->a, &e, &n, &total, &err),
		CT_OK);
	return total;
}

static void
test_append_and_query(void **state)
{
	struct access_entry *e = NULL;
	struct access_log_query q;
	struct store_fixture f;
	struct access_record r;
	struct ct_error err;
	size_t n = 0, total = 0;

	(void)state;
	test_open(&f, 0);
	fill(&f);
	access_log_query_init(&q);
	assert_int_equal(
		store_access_log_query(f.st, &q, &f.a, &e, &n, &total, &err),
		CT_OK);
	assert_int_equal(total, 6);
	assert_int_equal(n, 6);
	/* Newest first, every field back as written. */
	assert_int_equal(e[0].seq, 6);
	assert_int_equal(e[0].rec.at, TEST_NOW + 50);
	assert_true(ct_uuid_valid(e[0].id));
	assert_string_equal(e[3].rec.purpose, "Acute dreiging");
	assert_true(e[3].rec.break_glass);
	assert_string_equal(e[3].rec.action, "person.read");
	assert_string_equal(e[3].rec.roles, "police_officer");
	assert_string_equal(e[3].rec.request_id, "req-1");
	assert_null(e[1].rec.user_id);
	assert_null(e[1].rec.request_id);
	assert_false(e[1].rec.allowed);
	assert_string_equal(e[1].rec.reason, "not_authenticated");
	assert_string_equal(e[0].prev_hash, e[1].hash);

	/* What did this user look at; who looked at this person. */
	q.user_id = U1;
	assert_int_equal(query_total(&f, &q), 3);
	q.user_id = NULL;
	q.person_id = P1;
	assert_int_equal(query_total(&f, &q), 3);
	q.user_id = U2;
	assert_int_equal(query_total(&f, &q), 1);
	access_log_query_init(&q);
	q.case_id = "case-2";
	assert_int_equal(query_total(&f, &q), 1);
	access_log_query_init(&q);
	q.org_id = "org-b";
	assert_int_equal(query_total(&f, &q), 1);
	access_log_query_init(&q);
	q.allowed = 0;
	assert_int_equal(query_total(&f, &q), 2);
	q.allowed = 1;
	assert_int_equal(query_total(&f, &q), 4);
	q.allowed = 1;
	q.from = TEST_NOW + 10;
	q.to = TEST_NOW + 50; /* end excluded */
	assert_int_equal(query_total(&f, &q), 2);
	q.allowed = 7;
	assert_int_equal(
		store_access_log_query(f.st, &q, &f.a, &e, &n, &total, &err),
		CT_ERR_INVALID);

	/* Paging. */
	access_log_query_init(&q);
	q.limit = 2;
	q.offset = 3;
	assert_int_equal(
		store_access_log_query(f.st, &q, &f.a, &e, &n, &total, &err),
		CT_OK);
	assert_int_equal(n, 2);
	assert_int_equal(total, 6);
	assert_int_equal(e[0].seq, 3);
	assert_int_equal(e[1].seq, 2);

	/* A record without an action is refused and writes nothing. */
	rec_init(&r, TEST_NOW, U1, NULL, 1);
	r.action = NULL;
	assert_int_equal(store_access_log_append(f.st, &r, &err),
			 CT_ERR_INVALID);
	rec_init(&r, TEST_NOW, U1, NULL, 1);
	r.purpose = (char[ACCESS_LOG_FIELD_MAX_TEST + 2]){0};
	memset((char *)r.purpose, 'x', ACCESS_LOG_FIELD_MAX_TEST + 1);
	assert_int_equal(store_access_log_append(f.st, &r, &err),
			 CT_ERR_INVALID);
	assert_int_equal(
		test_raw_count(f.path, "SELECT count(*) FROM access_log"), 6);
	test_close(&f);
}

static void
test_verify_intact_and_tampered(void **state)
{
	struct access_entry *e = NULL;
	struct access_log_query q;
	size_t n = 0, total = 0;
	struct store_verify_result res;
	struct store_fixture f;
	struct ct_error err;

	(void)state;
	test_open(&f, 0);
	assert_int_equal(store_access_log_verify(f.st, &res, NULL, NULL, &err),
			 CT_OK);
	assert_int_equal(res.entries, 0);
	fill(&f);
	assert_int_equal(store_access_log_verify(f.st, &res, NULL, NULL, &err),
			 CT_OK);
	assert_int_equal(res.entries, 6);
	assert_int_equal(res.first_broken, 0);
	assert_true(res.bytes > 0);
	/* The head is the newest record's hash. */
	access_log_query_init(&q);
	q.limit = 1;
	assert_int_equal(
		store_access_log_query(f.st, &q, &f.a, &e, &n, &total, &err),
		CT_OK);
	assert_string_equal(res.head_hash, e[0].hash);

	/* Someone turns a refusal into an allowed read. */
	test_raw_sql(f.path, "UPDATE access_log SET allowed = 1 WHERE seq = 4");
	assert_int_equal(store_access_log_verify(f.st, &res, NULL, NULL, &err),
			 CT_ERR_TAMPERED);
	assert_int_equal(res.first_broken, 4);
	assert_int_equal(res.entries, 3);
	assert_non_null(strstr(res.reason, "inhoud gewijzigd"));
	assert_non_null(strstr(err.message, "toegangslogboek"));
	test_raw_sql(f.path, "UPDATE access_log SET allowed = 0 WHERE seq = 4");
	assert_int_equal(store_access_log_verify(f.st, &res, NULL, NULL, &err),
			 CT_OK);

	/* Someone removes a row from the middle. */
	test_raw_sql(f.path, "DELETE FROM access_log WHERE seq = 2");
	assert_int_equal(store_access_log_verify(f.st, &res, NULL, NULL, &err),
			 CT_ERR_TAMPERED);
	assert_int_equal(res.first_broken, 2);
	assert_non_null(strstr(res.reason, "ontbreekt"));
	/* The journal's chain is a different one and is untouched. */
	test_verifies(&f);
	test_close(&f);
}

/* The text of the migration whose name contains part. */
static char *
migration_text(const char *part)
{
	struct sbuf sb;
	size_t i;
	int k;

	for (k = 0; k < store_migrations_count; k++) {
		const char *const *lines = store_migrations[k].sql_lines;

		if (!strstr(store_migrations[k].name, part))
			continue;
		sbuf_init(&sb, SBUF_MAX_LARGE);
		for (i = 0; lines[i]; i++)
			assert_int_equal(
				sbuf_add(&sb, lines[i], strlen(lines[i])),
				CT_OK);
		return sbuf_detach(&sb, NULL);
	}
	fail_msg("no migration named *%s*", part);
	return NULL;
}

static void
test_lean_migration_keeps_chain(void **state)
{
	struct store_verify_result res;
	struct store_fixture f;
	struct ct_error err;
	char *sql;

	(void)state;
	test_open(&f, 0);
	fill(&f);
	/* No unique index on id is left (the primary key on seq is). */
	if (db_is_pg_target(f.path))
		assert_int_equal(
			test_raw_count(f.path,
				       "SELECT count(*) FROM pg_indexes WHERE "
				       "tablename = 'access_log' AND indexdef "
				       "LIKE '%(id)%'"),
			0);
	else
		assert_int_equal(
			test_raw_count(f.path,
				       "SELECT count(*) FROM "
				       "pragma_index_list('access_log') "
				       "WHERE origin = 'u'"),
			0);
	/* The DPO's queries keep their five indexes. */
	if (!db_is_pg_target(f.path))
		assert_int_equal(
			test_raw_count(f.path,
				       "SELECT count(*) FROM "
				       "pragma_index_list('access_log') "
				       "WHERE origin = 'c'"),
			5);
	/* Rebuilding the table once more copies every record as it is. */
	sql = migration_text("access_log_lean");
	test_raw_sql(f.path, sql);
	free(sql);
	assert_int_equal(
		test_raw_count(f.path, "SELECT count(*) FROM access_log"), 6);
	assert_int_equal(store_access_log_verify(f.st, &res, NULL, NULL, &err),
			 CT_OK);
	assert_int_equal(res.entries, 6);
	test_close(&f);
}

/* text without the lines marked for the other backend (store.c). */
static void
keep_backend_lines(char *text, int pg)
{
	const char *drop = pg ? "-- sqlite only" : "-- postgresql only";
	char *line = text, *end, *out = text, one[512];
	size_t len;

	while (*line) {
		end = strchr(line, '\n');
		len = end ? (size_t)(end - line) + 1 : strlen(line);
		assert_true(len < sizeof(one));
		memcpy(one, line, len);
		one[len] = '\0';
		if (!strstr(one, drop)) {
			memmove(out, line, len);
			out += len;
		}
		line += len;
	}
	*out = '\0';
}

/*
 * Migration 0008: on SQLite seq is the table's row id (no index of its
 * own), the person and case indexes leave out NULL, the DPO's queries
 * still find every record, and a rebuild keeps the chain as it is.
 */
static void
test_rowid_migration_keeps_chain(void **state)
{
	struct access_entry *e = NULL;
	struct store_verify_result res;
	struct access_log_query q;
	size_t n = 0, total = 0;
	struct store_fixture f;
	struct ct_error err;
	int pg;
	char *sql;

	(void)state;
	test_open(&f, 0);
	pg = db_is_pg_target(f.path);
	fill(&f);
	if (pg) {
		assert_int_equal(
			test_raw_count(f.path,
				       "SELECT count(*) FROM pg_indexes WHERE "
				       "tablename = 'access_log' AND indexdef "
				       "LIKE '%WHERE%IS NOT NULL%'"),
			2);
	} else {
		/* No index of its own on seq: it is the row id. */
		assert_int_equal(
			test_raw_count(f.path,
				       "SELECT count(*) FROM "
				       "pragma_index_list('access_log') "
				       "WHERE origin = 'pk'"),
			0);
		assert_int_equal(
			test_raw_count(f.path,
				       "SELECT count(*) FROM "
				       "pragma_index_list('access_log') "
				       "WHERE partial = 1"),
			2);
	}
	/* Who looked at P1: the three records that name P1. */
	access_log_query_init(&q);
	q.person_id = P1;
	assert_int_equal(
		store_access_log_query(f.st, &q, &f.a, &e, &n, &total, &err),
		CT_OK);
	assert_int_equal(total, 3);
	sql = migration_text("access_log_rowid");
	keep_backend_lines(sql, pg);
	test_raw_sql(f.path, sql);
	free(sql);
	assert_int_equal(
		test_raw_count(f.path, "SELECT count(*) FROM access_log"), 6);
	assert_int_equal(store_access_log_verify(f.st, &res, NULL, NULL, &err),
			 CT_OK);
	assert_int_equal(res.entries, 6);
	test_close(&f);
}

/*
 * The group committer hands over batches of any size; they go in as
 * multi-row chunks (32, 16, ... 1). Every size keeps one unbroken chain
 * (the writer's own hashing agrees with chain_verify's), seq without
 * gaps, each record with its own well-formed id, in order.
 */
static void
test_batches_of_every_size_keep_the_chain(void **state)
{
	static const size_t sizes[] = {1, 2, 3, 7, 31, 32, 33, 45, 64, 70};
	const struct access_record *recs[70];
	struct access_record r[70];
	struct store_verify_result res;
	struct access_entry *e = NULL;
	struct access_log_query q;
	size_t n = 0, total = 0, all = 0, i, k;
	struct store_fixture f;
	struct ct_error err;
	char user[CT_UUID_SIZE];

	(void)state;
	test_open(&f, 0);
	for (k = 0; k < CT_ARRAY_SIZE(sizes); k++) {
		for (i = 0; i < sizes[k]; i++) {
			rec_init(&r[i], TEST_NOW + (int64_t)(all + i), U1,
				 i % 3 ? NULL : P1, (int)(i % 2));
			recs[i] = &r[i];
		}
		if (k == 0) /* a time before 1970 hashes like any other */
			r[0].at = -1234567;
		assert_int_equal(store_write_begin(f.st, &err), CT_OK);
		assert_int_equal(access_log_insert(f.st, recs, sizes[k], &err),
				 CT_OK);
		assert_int_equal(store_write_end(f.st, CT_OK, &err), CT_OK);
		all += sizes[k];
	}
	assert_int_equal(store_access_log_verify(f.st, &res, NULL, NULL, &err),
			 CT_OK);
	assert_int_equal(res.entries, all);
	assert_int_equal(
		test_raw_count(f.path,
			       "SELECT count(DISTINCT id) FROM access_log"),
		(int64_t)all);
	assert_int_equal(test_raw_count(f.path,
					"SELECT max(seq) - min(seq) + 1 FROM "
					"access_log"),
			 (int64_t)all);
	/* Newest first: the last record of the last batch, as given. */
	access_log_query_init(&q);
	q.limit = 2;
	assert_int_equal(
		store_access_log_query(f.st, &q, &f.a, &e, &n, &total, &err),
		CT_OK);
	assert_int_equal(total, all);
	assert_int_equal(e[0].rec.at, TEST_NOW + (int64_t)all - 1);
	assert_int_equal(e[0].seq, (int64_t)all);
	assert_int_equal(e[1].seq, (int64_t)all - 1);
	assert_true(ct_uuid_valid(e[0].id));
	assert_string_equal(e[0].prev_hash, e[1].hash);
	snprintf(user, sizeof(user), "%s", e[0].rec.user_id);
	assert_string_equal(user, U1);
	test_close(&f);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_append_and_query),
		cmocka_unit_test(test_verify_intact_and_tampered),
		cmocka_unit_test(test_lean_migration_keeps_chain),
		cmocka_unit_test(test_rowid_migration_keeps_chain),
		cmocka_unit_test(test_batches_of_every_size_keep_the_chain),
	};

	if (ct_crypto_init() != CT_OK)
		return 1;
	return cmocka_run_group_tests(tests, NULL, NULL);
}
