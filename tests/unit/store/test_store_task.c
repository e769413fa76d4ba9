/*
 * test_store_task.c - dated tasks: create and validate, upsert moves
 * instead of duplicating, sync cancels what a source no longer implies,
 * done and cancel, the work list buckets across midnight and both
 * daylight-saving changes in both zones, and the scheduler's claim from
 * two connections at once (never the same announcement twice). Runs on
 * SQLite, and on PostgreSQL with CASUSTAFEL_TEST_PG (suite 'pg').
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>

#include <pthread.h>

#include "store_test.h"
#include "security_test.h"
#include "store/store_task.h"

#define SOURCE "order:11111111-0000-4000-8000-000000000001"

/* Instants used below (checked against util/civtime in the tests). */
#define T_2026_03_28_2230Z INT64_C(1774737000) /* 23:30 CET */
#define T_2026_10_24_2130Z INT64_C(1792877400) /* 23:30 CEST */

static void
task_init(struct task *t, const struct store_fixture *f, const char *kind,
	  int64_t due_at)
{
	memset(t, 0, sizeof(*t));
	snprintf(t->case_id, sizeof(t->case_id), "%s", f->kase.id);
	snprintf(t->org_id, sizeof(t->org_id), "%s", f->org.id);
	t->kind = kind;
	t->title = "Verblijfadres en telefoon vastleggen";
	t->source = SOURCE;
	t->rule_id = "NL.Wth.2.4";
	t->due_at = due_at;
}

static int64_t
count_tasks(struct store_fixture *f)
{
	return test_raw_count(f->path, "SELECT count(*) FROM tasks");
}

static void
test_create_validate_and_journal(void **state)
{
	struct store_fixture f;
	struct ct_error err;
	struct task t, got;

	(void)state;
	test_open(&f, 1);
	task_init(&t, &f, "address_24h", TEST_NOW + 24 * 3600);
	assert_int_equal(store_task_create(f.st, &f.who, &t, &err), CT_OK);
	assert_true(ct_uuid_valid(t.id));
	assert_int_equal(t.status, TASK_OPEN);
	assert_int_equal(t.version, 1);
	assert_string_equal(t.case_reference, f.kase.reference);
	/* 2026-07-14 12:00 CEST: its day began at 2026-07-13T22:00:00Z. */
	assert_int_equal(t.due_from, TEST_NOW + 12 * 3600);
	assert_int_equal(test_journal_count(&f, "task.create", t.id), 1);

	assert_int_equal(store_task_get(f.st, t.id, &f.a, &got, &err), CT_OK);
	assert_string_equal(got.kind, "address_24h");
	assert_string_equal(got.rule_id, "NL.Wth.2.4");
	assert_int_equal(got.due_at, t.due_at);
	assert_int_equal(got.jurisdiction, CT_COUNTRY_NL);

	/* The same (source, kind) twice is refused. */
	assert_int_equal(store_task_create(f.st, &f.who, &t, &err),
			 CT_ERR_EXISTS);
	/* Every problem at once, nothing written. */
	task_init(&t, &f, "Bad Kind!", TEST_NOW);
	t.title = "";
	t.rule_id = NULL;
	assert_int_equal(store_task_create(f.st, &f.who, &t, &err),
			 CT_ERR_INVALID);
	assert_non_null(strstr(err.message, "kind"));
	assert_non_null(strstr(err.message, "title"));
	assert_non_null(strstr(err.message, "rule_id"));
	task_init(&t, &f, "other", TEST_NOW);
	snprintf(t.case_id, sizeof(t.case_id),
		 "00000000-0000-4000-8000-000000000000");
	assert_int_equal(store_task_create(f.st, &f.who, &t, &err),
			 CT_ERR_NOTFOUND);
	assert_int_equal(count_tasks(&f), 1);
	test_close(&f);
}

static void
test_upsert_moves_instead_of_duplicating(void **state)
{
	enum store_task_upserted what;
	struct task_claim *c = NULL;
	struct store_fixture f;
	struct ct_error err;
	struct task t;
	size_t n = 0;
	char id[CT_UUID_SIZE];

	(void)state;
	test_open(&f, 1);
	task_init(&t, &f, "extension_advice", TEST_NOW + 3600);
	assert_int_equal(store_task_upsert(f.st, &f.who, &t, &what, &err),
			 CT_OK);
	assert_int_equal(what, STORE_TASK_CREATED);
	snprintf(id, sizeof(id), "%s", t.id);
	/* Announced (due today) ... */
	assert_int_equal(store_task_claim(f.st, TEST_NOW, 10, &f.a, &c, &n,
					  &err),
			 CT_OK);
	assert_int_equal(n, 1);
	assert_int_equal(c[0].event, TASK_EVENT_DUE);

	/* Recomputed, equal: nothing happens. */
	task_init(&t, &f, "extension_advice", TEST_NOW + 3600);
	assert_int_equal(store_task_upsert(f.st, &f.who, &t, &what, &err),
			 CT_OK);
	assert_int_equal(what, STORE_TASK_UNCHANGED);
	assert_string_equal(t.id, id);
	assert_int_equal(t.notified_due_at, TEST_NOW);

	/* Recomputed with a later deadline: the row moves, is owed anew. */
	f.now += 60;
	task_init(&t, &f, "extension_advice", TEST_NOW + 5 * 86400);
	assert_int_equal(store_task_upsert(f.st, &f.who, &t, &what, &err),
			 CT_OK);
	assert_int_equal(what, STORE_TASK_MOVED);
	assert_string_equal(t.id, id);
	assert_int_equal(t.version, 2);
	assert_int_equal(t.notified_due_at, 0);
	assert_int_equal(count_tasks(&f), 1);
	assert_int_equal(test_journal_count(&f, "task.move", id), 1);
	assert_int_equal(test_raw_count(f.path, "SELECT due_at FROM tasks"),
			 TEST_NOW + 5 * 86400);

	/* Done: a later recomputation leaves it alone. */
	assert_int_equal(
		store_task_done(f.st, &f.who, f.kase.id, id, &err), CT_OK);
	task_init(&t, &f, "extension_advice", TEST_NOW + 9 * 86400);
	assert_int_equal(store_task_upsert(f.st, &f.who, &t, &what, &err),
			 CT_OK);
	assert_int_equal(what, STORE_TASK_CLOSED);
	assert_int_equal(t.status, TASK_DONE);
	assert_int_equal(test_raw_count(f.path, "SELECT due_at FROM tasks"),
			 TEST_NOW + 5 * 86400);
	test_close(&f);
}

static void
test_sync_cancels_what_is_no_longer_implied(void **state)
{
	struct task ts[3], *list = NULL;
	struct store_fixture f;
	struct ct_error err;
	size_t n = 0;

	(void)state;
	test_open(&f, 1);
	task_init(&ts[0], &f, "address_24h", TEST_NOW + 86400);
	task_init(&ts[1], &f, "extension_advice", TEST_NOW + 8 * 86400);
	task_init(&ts[2], &f, "order_end", TEST_NOW + 10 * 86400);
	assert_int_equal(store_task_sync(f.st, &f.who, f.kase.id, SOURCE, ts,
					 3, &err),
			 CT_OK);
	assert_true(ct_uuid_valid(ts[2].id));
	/* Withdrawn: only the end remains, moved to today. */
	task_init(&ts[0], &f, "order_end", TEST_NOW + 7200);
	assert_int_equal(store_task_sync(f.st, &f.who, f.kase.id, SOURCE, ts,
					 1, &err),
			 CT_OK);
	assert_int_equal(store_task_list_case(f.st, f.kase.id, &f.a, &list,
					      &n, &err),
			 CT_OK);
	assert_int_equal(n, 3);
	assert_string_equal(list[0].kind, "order_end");
	assert_int_equal(list[0].status, TASK_OPEN);
	assert_int_equal(list[1].status, TASK_CANCELLED);
	assert_int_equal(list[2].status, TASK_CANCELLED);
	assert_int_equal(test_journal_count(&f, "task.cancel", NULL), 2);
	/* A task of another source in the list is refused, nothing done. */
	task_init(&ts[0], &f, "x", TEST_NOW);
	ts[0].source = "order:other";
	assert_int_equal(store_task_sync(f.st, &f.who, f.kase.id, SOURCE, ts,
					 1, &err),
			 CT_ERR_INVALID);
	assert_int_equal(count_tasks(&f), 3);
	test_close(&f);
}

static void
test_done_and_cancel(void **state)
{
	char other[CT_UUID_SIZE];
	struct store_fixture f;
	struct ct_case c2;
	struct ct_error err;
	struct task t, got;

	(void)state;
	test_open(&f, 1);
	task_init(&t, &f, "first_contact", TEST_NOW + 3600);
	assert_int_equal(store_task_create(f.st, &f.who, &t, &err), CT_OK);
	test_case_init(&c2, f.org.id);
	assert_int_equal(store_case_create(f.st, &f.who, &c2, &err), CT_OK);
	snprintf(other, sizeof(other), "%s", c2.id);
	/* Not a task of that case: looks absent. */
	assert_int_equal(store_task_done(f.st, &f.who, other, t.id, &err),
			 CT_ERR_NOTFOUND);
	f.now += 300;
	assert_int_equal(store_task_done(f.st, &f.who, f.kase.id, t.id, &err),
			 CT_OK);
	assert_int_equal(store_task_done(f.st, &f.who, f.kase.id, t.id, &err),
			 CT_ERR_CONFLICT);
	assert_int_equal(
		store_task_cancel(f.st, &f.who, f.kase.id, t.id, &err),
		CT_ERR_CONFLICT);
	assert_int_equal(store_task_get(f.st, t.id, &f.a, &got, &err), CT_OK);
	assert_int_equal(got.status, TASK_DONE);
	assert_int_equal(got.done_at, TEST_NOW + 300);
	assert_string_equal(got.done_by, "test:tester");
	assert_int_equal(got.version, 2);
	assert_int_equal(test_journal_count(&f, "task.done", t.id), 1);
	test_assert_verifies(f.st, test_raw_count(f.path, "SELECT count(*) "
							  "FROM journal"));
	test_close(&f);
}

static void
test_bounds_midnight_and_dst(void **state)
{
	struct store_worklist_bounds b;
	int z;

	(void)state;
	for (z = CT_ZONE_AMSTERDAM; z <= CT_ZONE_BRUSSELS; z++) {
		/* Summer: 2026-07-13 12:00 CEST; day 22:00Z..22:00Z. */
		store_worklist_bounds((enum ct_zone)z, TEST_NOW, 3, &b);
		assert_int_equal(b.today_start, TEST_NOW - 12 * 3600);
		assert_int_equal(b.today_end, TEST_NOW + 12 * 3600);
		assert_int_equal(b.coming_end, TEST_NOW + 12 * 3600 + 3 * 86400);
		/* Spring change: Sunday 2026-03-29 has 23 hours. */
		store_worklist_bounds((enum ct_zone)z, T_2026_03_28_2230Z, 1,
				      &b);
		assert_int_equal(b.today_end, T_2026_03_28_2230Z + 1800);
		assert_int_equal(b.coming_end - b.today_end, 23 * 3600);
		/* Half an hour later it is the next local day. */
		store_worklist_bounds((enum ct_zone)z,
				      T_2026_03_28_2230Z + 3600, 1, &b);
		assert_int_equal(b.today_start, T_2026_03_28_2230Z + 1800);
		assert_int_equal(b.today_end - b.today_start, 23 * 3600);
		/* Autumn change: Sunday 2026-10-25 has 25 hours. */
		store_worklist_bounds((enum ct_zone)z, T_2026_10_24_2130Z, 1,
				      &b);
		assert_int_equal(b.today_end, T_2026_10_24_2130Z + 1800);
		assert_int_equal(b.coming_end - b.today_end, 25 * 3600);
		/* No coming days: the coming bucket is empty. */
		store_worklist_bounds((enum ct_zone)z, TEST_NOW, 0, &b);
		assert_int_equal(b.coming_end, b.today_end);
	}
}

/* The kinds of one bucket, joined with ',' into out. */
static void
bucket_kinds(struct store_fixture *f, const char *org_id,
	     enum store_worklist_bucket bucket,
	     const struct store_worklist_bounds *b, char *out, size_t size,
	     size_t *total)
{
	struct store_worklist_query q;
	struct task *ts = NULL;
	struct ct_error err;
	size_t n = 0, i, len = 0;

	memset(&q, 0, sizeof(q));
	q.org_id = org_id;
	q.bucket = bucket;
	q.bounds = *b;
	assert_int_equal(
		store_task_worklist(f->st, &q, &f->a, &ts, &n, total, &err),
		CT_OK);
	out[0] = '\0';
	for (i = 0; i < n; i++)
		len += (size_t)snprintf(out + len, size - len, "%s%s",
					i ? "," : "", ts[i].kind);
}

static void
check_buckets(struct store_fixture *f, const char *org, enum ct_zone z,
	      int64_t now, int coming_days, const char *overdue,
	      const char *due, const char *coming)
{
	struct store_worklist_bounds b;
	char got[512];
	size_t total;

	store_worklist_bounds(z, now, coming_days, &b);
	bucket_kinds(f, org, STORE_WORKLIST_OVERDUE, &b, got, sizeof(got),
		     &total);
	assert_string_equal(got, overdue);
	bucket_kinds(f, org, STORE_WORKLIST_DUE, &b, got, sizeof(got),
		     &total);
	assert_string_equal(got, due);
	bucket_kinds(f, org, STORE_WORKLIST_COMING, &b, got, sizeof(got),
		     &total);
	assert_string_equal(got, coming);
}

static void
add_task(struct store_fixture *f, const char *case_id, const char *org_id,
	 const char *kind, int64_t due_at)
{
	struct ct_error err;
	struct task t;

	task_init(&t, f, kind, due_at);
	snprintf(t.case_id, sizeof(t.case_id), "%s", case_id);
	snprintf(t.org_id, sizeof(t.org_id), "%s", org_id);
	assert_int_equal(store_task_create(f->st, &f->who, &t, &err), CT_OK);
}

static void
test_worklist_buckets_across_dst(void **state)
{
	struct store_fixture f;
	struct ct_error err;
	struct ct_case be;
	struct org bo;
	int64_t t0 = T_2026_03_28_2230Z, t1 = T_2026_10_24_2130Z;

	(void)state;
	test_open(&f, 1);
	test_org_init(&bo, "Parket Antwerpen");
	bo.type = ORG_TYPE_PROSECUTOR;
	bo.country = CT_COUNTRY_BE;
	assert_int_equal(store_org_create(f.st, &f.who, &bo, &err), CT_OK);
	test_case_init(&be, bo.id);
	be.jurisdiction = CT_COUNTRY_BE;
	be.region = "ANT";
	assert_int_equal(store_case_create(f.st, &f.who, &be, &err), CT_OK);

	/* Spring, NL organisation: at 23:30 CET on Saturday 28 March. */
	add_task(&f, f.kase.id, f.org.id, "a_past", t0 - 60);
	add_task(&f, f.kase.id, f.org.id, "b_tonight", t0 + 900);
	add_task(&f, f.kase.id, f.org.id, "c_after_midnight", t0 + 2700);
	/* Sunday 29 March 23:30 CEST = 21:30Z: within the 23-hour day. */
	add_task(&f, f.kase.id, f.org.id, "d_sunday_late", t0 + 23 * 3600);
	/* Monday 30 March 00:30 CEST = 22:30Z: past the coming day. */
	add_task(&f, f.kase.id, f.org.id, "e_monday", t0 + 24 * 3600);
	/* Another organisation's task never shows. */
	add_task(&f, be.id, bo.id, "z_other_org", t0 + 900);

	check_buckets(&f, f.org.id, CT_ZONE_AMSTERDAM, t0, 1, "a_past",
		      "b_tonight", "c_after_midnight,d_sunday_late");
	/* An hour later (00:30 CET on Sunday) the day has turned. */
	check_buckets(&f, f.org.id, CT_ZONE_AMSTERDAM, t0 + 3600, 1,
		      "a_past,b_tonight,c_after_midnight", "d_sunday_late",
		      "e_monday");

	/* Autumn, BE organisation: at 23:30 CEST on Saturday 24 October. */
	add_task(&f, be.id, bo.id, "f_tonight", t1 + 600);
	/* Sunday 25 October 23:30 CET = 22:30Z: inside the 25-hour day. */
	add_task(&f, be.id, bo.id, "g_sunday_late", t1 + 25 * 3600);
	/* Monday 26 October 00:10 CET = 23:10Z: outside it. */
	add_task(&f, be.id, bo.id, "h_monday", t1 + 25 * 3600 + 2400);
	check_buckets(&f, bo.id, CT_ZONE_BRUSSELS, t1, 1, "z_other_org",
		      "f_tonight", "g_sunday_late");
	check_buckets(&f, bo.id, CT_ZONE_BRUSSELS, t1, 2, "z_other_org",
		      "f_tonight", "g_sunday_late,h_monday");
	test_close(&f);
}

static void
test_worklist_paging(void **state)
{
	struct store_worklist_query q;
	struct task *ts = NULL;
	struct store_fixture f;
	struct ct_error err;
	size_t n = 0, total = 0;
	char kind[16];
	int i;

	(void)state;
	test_open(&f, 1);
	for (i = 0; i < 7; i++) {
		snprintf(kind, sizeof(kind), "k%d", i);
		add_task(&f, f.kase.id, f.org.id, kind,
			 TEST_NOW + 86400 + i * 60);
	}
	memset(&q, 0, sizeof(q));
	q.org_id = f.org.id;
	q.bucket = STORE_WORKLIST_COMING;
	store_worklist_bounds(CT_ZONE_AMSTERDAM, TEST_NOW, 7, &q.bounds);
	q.offset = 5;
	q.limit = 5;
	assert_int_equal(
		store_task_worklist(f.st, &q, &f.a, &ts, &n, &total, &err),
		CT_OK);
	assert_int_equal(total, 7);
	assert_int_equal(n, 2);
	assert_string_equal(ts[0].kind, "k5");
	assert_string_equal(ts[1].kind, "k6");
	test_close(&f);
}

static void
test_claim_events(void **state)
{
	struct task_claim *c = NULL;
	struct store_fixture f;
	struct ct_error err;
	size_t n = 0;

	(void)state;
	test_open(&f, 1);
	/* Tomorrow: nothing yet. */
	add_task(&f, f.kase.id, f.org.id, "tomorrow", TEST_NOW + 86400);
	/* Today, later: "due". */
	add_task(&f, f.kase.id, f.org.id, "today", TEST_NOW + 3600);
	/* Long past and never announced: once, as "overdue". */
	add_task(&f, f.kase.id, f.org.id, "past", TEST_NOW - 86400);
	assert_int_equal(store_task_claim(f.st, TEST_NOW, 10, &f.a, &c, &n,
					  &err),
			 CT_OK);
	assert_int_equal(n, 2);
	assert_string_equal(c[0].task.kind, "past");
	assert_int_equal(c[0].event, TASK_EVENT_OVERDUE);
	assert_int_equal(c[0].task.notified_due_at, TEST_NOW);
	assert_int_equal(c[0].task.notified_overdue_at, TEST_NOW);
	assert_string_equal(c[1].task.kind, "today");
	assert_int_equal(c[1].event, TASK_EVENT_DUE);
	/* Nothing twice. */
	assert_int_equal(store_task_claim(f.st, TEST_NOW + 60, 10, &f.a, &c,
					  &n, &err),
			 CT_OK);
	assert_int_equal(n, 0);
	/* Two hours on "today" is overdue; "tomorrow" is not due yet. */
	assert_int_equal(store_task_claim(f.st, TEST_NOW + 7200, 10, &f.a, &c,
					  &n, &err),
			 CT_OK);
	assert_int_equal(n, 1);
	assert_string_equal(c[0].task.kind, "today");
	assert_int_equal(c[0].event, TASK_EVENT_OVERDUE);
	assert_int_equal(c[0].task.notified_due_at, TEST_NOW);
	/* A done task is never announced. */
	assert_int_equal(store_task_claim(f.st, TEST_NOW + 86400 * 3, 10,
					  &f.a, &c, &n, &err),
			 CT_OK);
	assert_int_equal(n, 1);
	assert_string_equal(c[0].task.kind, "tomorrow");
	assert_int_equal(store_task_claim(f.st, TEST_NOW, 0, &f.a, &c, &n,
					  &err),
			 CT_ERR_INVALID);
	test_close(&f);
}

#define CLAIM_TASKS 60

struct claimer {
	const char *path;
	int64_t now;
	char ids[CLAIM_TASKS][CT_UUID_SIZE];
	size_t n;
	int failed;
	char message[CT_ERROR_MESSAGE_MAX];
};

static void *
claimer_run(void *arg)
{
	struct claimer *cl = arg;
	struct task_claim *c = NULL;
	struct store *st = NULL;
	struct ct_error err;
	struct arena a;
	size_t n, i;
	int idle = 0;

	if (store_open(cl->path, 0, &st, &err) != CT_OK) {
		cl->failed = 1;
		snprintf(cl->message, sizeof(cl->message), "%s", err.message);
		return NULL;
	}
	arena_init(&a, ARENA_MAX_DEFAULT);
	/* Small claims, so the two connections interleave. */
	while (idle < 3) {
		n = 0;
		if (store_task_claim(st, cl->now, 3, &a, &c, &n, &err) !=
		    CT_OK) {
			cl->failed = 1;
			snprintf(cl->message, sizeof(cl->message), "%s",
				 err.message);
			break;
		}
		idle = n ? 0 : idle + 1;
		for (i = 0; i < n && cl->n < CLAIM_TASKS; i++)
			snprintf(cl->ids[cl->n++], CT_UUID_SIZE, "%s",
				 c[i].task.id);
		arena_release(&a);
	}
	arena_release(&a);
	store_close(st);
	return NULL;
}

static enum ct_err
add_many(struct store *st, void *ctx)
{
	struct store_fixture *f = ctx;
	char kind[16];
	struct ct_error err;
	struct task t;
	int i;

	for (i = 0; i < CLAIM_TASKS; i++) {
		snprintf(kind, sizeof(kind), "k%02d", i);
		task_init(&t, f, kind, TEST_NOW - 60 + i);
		if (store_task_create(st, &f->who, &t, &err) != CT_OK)
			return err.code;
	}
	return CT_OK;
}

static void
test_claim_two_connections_never_twice(void **state)
{
	struct claimer *cl;
	struct store_fixture f;
	struct ct_error err;
	pthread_t th[2];
	size_t i, j, k, all = 0;

	(void)state;
	test_open(&f, 1);
	assert_int_equal(store_transaction(f.st, add_many, &f, &err), CT_OK);
	cl = calloc(2, sizeof(*cl));
	assert_non_null(cl);
	for (i = 0; i < 2; i++) {
		cl[i].path = f.path;
		cl[i].now = TEST_NOW;
		assert_int_equal(
			pthread_create(&th[i], NULL, claimer_run, &cl[i]), 0);
	}
	for (i = 0; i < 2; i++)
		assert_int_equal(pthread_join(th[i], NULL), 0);
	for (i = 0; i < 2; i++) {
		if (cl[i].failed)
			fail_msg("claimer %zu: %s", i, cl[i].message);
		all += cl[i].n;
	}
	/* Every task exactly once over both connections. */
	assert_int_equal(all, CLAIM_TASKS);
	for (i = 0; i < 2; i++)
		for (j = 0; j < cl[i].n; j++)
			for (k = 0; k < 2; k++) {
				size_t m;

				for (m = 0; m < cl[k].n; m++)
					if ((k != i || m != j) &&
					    strcmp(cl[i].ids[j],
						   cl[k].ids[m]) == 0)
						fail_msg("claimed twice: %s",
							 cl[i].ids[j]);
			}
	free(cl);
	test_close(&f);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_create_validate_and_journal),
		cmocka_unit_test(test_upsert_moves_instead_of_duplicating),
		cmocka_unit_test(test_sync_cancels_what_is_no_longer_implied),
		cmocka_unit_test(test_done_and_cancel),
		cmocka_unit_test(test_bounds_midnight_and_dst),
		cmocka_unit_test(test_worklist_buckets_across_dst),
		cmocka_unit_test(test_worklist_paging),
		cmocka_unit_test(test_claim_events),
		cmocka_unit_test(test_claim_two_connections_never_twice),
	};

	if (ct_crypto_init() != CT_OK)
		return 1;
	return cmocka_run_group_tests(tests, NULL, NULL);
}
