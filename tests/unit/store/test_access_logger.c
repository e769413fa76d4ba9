/*
 * test_access_logger.c - the group-committing writer: many threads at
 * once, every record durable and chained in each caller's order with far
 * fewer commits than records; a failing batch fails all its callers and
 * writes nothing; close flushes callers that are still waiting; the
 * figures count a record by the time its caller has the answer.
 * Submitted records (access_logger_submit, the server's way): each gets
 * exactly one callback, after its commit, with its own copy of the
 * strings; a failed batch answers every callback with the error; close
 * answers what is still queued.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>

#include <pthread.h>
#include <time.h>

#include "store_test.h"
#include "security_test.h"

#define THREADS 8
#define PER_THREAD 500

struct worker {
	struct access_logger *lg;
	int index;
	int count;
	int failures;
	enum ct_err last;
};

static void *
worker_main(void *arg)
{
	struct worker *w = arg;
	struct access_record r;
	struct ct_error err;
	char purpose[32];
	int i;

	for (i = 0; i < w->count; i++) {
		memset(&r, 0, sizeof(r));
		snprintf(purpose, sizeof(purpose), "t%d-%d", w->index, i);
		r.at = TEST_NOW + i;
		r.user_id = "11111111-1111-4111-8111-111111111111";
		r.action = "case.read";
		r.purpose = purpose;
		r.allowed = 1;
		r.reason = "case_team";
		w->last = access_logger_write(w->lg, &r, &err);
		if (w->last != CT_OK)
			w->failures++;
	}
	return NULL;
}

static void
run_workers(struct access_logger *lg, struct worker *w, int n, int count)
{
	pthread_t t[THREADS];
	int i;

	for (i = 0; i < n; i++) {
		memset(&w[i], 0, sizeof(w[i]));
		w[i].lg = lg;
		w[i].index = i;
		w[i].count = count;
		assert_int_equal(
			pthread_create(&t[i], NULL, worker_main, &w[i]), 0);
	}
	for (i = 0; i < n; i++)
		assert_int_equal(pthread_join(t[i], NULL), 0);
}

static void
sleep_ms(long ms)
{
	struct timespec ts = {ms / 1000, (ms % 1000) * 1000000L};

	nanosleep(&ts, NULL);
}

static void
test_many_threads_group_commit(void **state)
{
	struct access_logger_config cfg = {64, 1024};
	struct access_logger_stats stats;
	struct store_verify_result res;
	struct worker w[THREADS];
	struct store_fixture f;
	struct access_logger *lg = NULL;
	struct ct_error err;
	char sql[256];
	int i;

	(void)state;
	test_open(&f, 0);
	assert_int_equal(access_logger_open(f.path, &cfg, &lg, &err), CT_OK);
	run_workers(lg, w, THREADS, PER_THREAD);
	access_logger_stats(lg, &stats);
	access_logger_close(lg);
	for (i = 0; i < THREADS; i++)
		assert_int_equal(w[i].failures, 0);

	assert_int_equal(stats.records, THREADS * PER_THREAD);
	assert_int_equal(stats.failed_batches, 0);
	assert_true(stats.largest_batch > 1);
	assert_true(stats.largest_batch <= cfg.batch_max);
	/* Group commit: far fewer transactions than records. */
	print_message("%llu records in %llu commits (largest %zu)\n",
		      (unsigned long long)stats.records,
		      (unsigned long long)stats.batches, stats.largest_batch);
	assert_true(stats.batches * 2 <= stats.records);

	/* All durable (read with another connection) and one chain. */
	assert_int_equal(
		test_raw_count(f.path, "SELECT count(*) FROM access_log"),
		THREADS * PER_THREAD);
	assert_int_equal(store_access_log_verify(f.st, &res, NULL, NULL, &err),
			 CT_OK);
	assert_int_equal(res.entries, THREADS * PER_THREAD);
	/* Each caller's records are chained in the order it wrote them. */
	for (i = 0; i < THREADS; i++) {
		snprintf(sql, sizeof(sql),
			 "SELECT count(*) FROM access_log a JOIN access_log b "
			 "ON a.at < b.at AND a.seq > b.seq WHERE "
			 "a.purpose LIKE 't%d-%%' AND b.purpose LIKE 't%d-%%'",
			 i, i);
		assert_int_equal(test_raw_count(f.path, sql), 0);
	}
	test_close(&f);
}

static void
test_failed_batch_fails_every_caller(void **state)
{
	struct access_logger_stats stats;
	struct store_verify_result res;
	struct worker w[THREADS];
	struct store_fixture f;
	struct access_logger *lg = NULL;
	struct ct_error err;
	int i;

	(void)state;
	test_open(&f, 0);
	assert_int_equal(access_logger_open(f.path, NULL, &lg, &err), CT_OK);
	/* The table is gone behind the writer's back: every batch fails. */
	test_raw_sql(f.path, "ALTER TABLE access_log RENAME TO hidden");
	run_workers(lg, w, THREADS, 3);
	for (i = 0; i < THREADS; i++) {
		assert_int_equal(w[i].failures, 3);
		assert_int_not_equal(w[i].last, CT_OK);
	}
	access_logger_stats(lg, &stats);
	assert_int_equal(stats.records, 0);
	assert_true(stats.failed_batches >= 1);
	assert_true(stats.failed_batches <= THREADS * 3);
	test_raw_sql(f.path, "ALTER TABLE hidden RENAME TO access_log");
	assert_int_equal(
		test_raw_count(f.path, "SELECT count(*) FROM access_log"), 0);

	/* Back in order: the next writes succeed and chain from the start. */
	run_workers(lg, w, 2, 5);
	assert_int_equal(w[0].failures + w[1].failures, 0);
	access_logger_close(lg);
	assert_int_equal(store_access_log_verify(f.st, &res, NULL, NULL, &err),
			 CT_OK);
	assert_int_equal(res.entries, 10);
	test_close(&f);
}

struct closer {
	struct access_logger *lg;
};

static void *
closer_main(void *arg)
{
	struct closer *c = arg;

	access_logger_close(c->lg);
	return NULL;
}

static void
test_close_flushes_waiting_callers(void **state)
{
	struct access_logger_stats stats;
	struct worker w[THREADS];
	pthread_t t[THREADS], ct;
	struct store_fixture f;
	struct access_logger *lg = NULL;
	struct closer c;
	struct ct_error err;
	sqlite3 *h = NULL;
	int i, tries;

	(void)state;
	test_open(&f, 0);
	assert_int_equal(access_logger_open(f.path, NULL, &lg, &err), CT_OK);
	/* Another connection holds the write lock: the writer must wait. */
	assert_int_equal(sqlite3_open(f.path, &h), SQLITE_OK);
	assert_int_equal(sqlite3_exec(h, "BEGIN IMMEDIATE", NULL, NULL, NULL),
			 SQLITE_OK);
	for (i = 0; i < THREADS; i++) {
		memset(&w[i], 0, sizeof(w[i]));
		w[i].lg = lg;
		w[i].index = i;
		w[i].count = 1; /* one call each: none may start after close */
		assert_int_equal(
			pthread_create(&t[i], NULL, worker_main, &w[i]), 0);
	}
	for (tries = 0; tries < 400; tries++) {
		access_logger_stats(lg, &stats);
		if (stats.callers == THREADS)
			break;
		sleep_ms(5);
	}
	assert_int_equal(stats.callers, THREADS);
	assert_int_equal(stats.records, 0);

	/* Close while all of them wait; then let the writer through. */
	c.lg = lg;
	assert_int_equal(pthread_create(&ct, NULL, closer_main, &c), 0);
	sleep_ms(100);
	assert_int_equal(sqlite3_exec(h, "COMMIT", NULL, NULL, NULL),
			 SQLITE_OK);
	sqlite3_close(h);
	assert_int_equal(pthread_join(ct, NULL), 0);
	for (i = 0; i < THREADS; i++) {
		assert_int_equal(pthread_join(t[i], NULL), 0);
		assert_int_equal(w[i].failures, 0);
	}
	assert_int_equal(
		test_raw_count(f.path, "SELECT count(*) FROM access_log"),
		THREADS);
	test_close(&f);
}

static void
test_invalid_record_refused_at_once(void **state)
{
	struct store_fixture f;
	struct access_logger *lg = NULL;
	struct access_record r;
	struct ct_error err;

	(void)state;
	test_open(&f, 0);
	assert_int_equal(access_logger_open(f.path, NULL, &lg, &err), CT_OK);
	memset(&r, 0, sizeof(r));
	assert_int_equal(access_logger_write(lg, &r, &err), CT_ERR_INVALID);
	r.action = "case.read";
	assert_int_equal(access_logger_write(lg, &r, &err), CT_OK);
	access_logger_close(lg);
	assert_int_equal(
		access_logger_open("/nonexistent/dir/x.db", NULL, &lg, &err),
		CT_ERR_NOTFOUND);
	assert_int_equal(
		test_raw_count(f.path, "SELECT count(*) FROM access_log"), 1);
	test_close(&f);
}

/*
 * A caller that has its answer finds its record in the figures (the
 * writer counts before it wakes the batch's callers), and each caller is
 * woken by its own batch: the count is exact after every return.
 */
static void
test_stats_count_answered_records(void **state)
{
	struct access_logger_stats stats;
	struct store_fixture f;
	struct access_logger *lg = NULL;
	struct access_record r;
	struct ct_error err;
	uint64_t i;

	(void)state;
	test_open(&f, 0);
	assert_int_equal(access_logger_open(f.path, NULL, &lg, &err), CT_OK);
	memset(&r, 0, sizeof(r));
	r.at = TEST_NOW;
	r.action = "case.read";
	r.allowed = 1;
	r.reason = "case_team";
	for (i = 1; i <= 200; i++) {
		assert_int_equal(access_logger_write(lg, &r, &err), CT_OK);
		access_logger_stats(lg, &stats);
		assert_int_equal(stats.records, i);
		assert_int_equal(stats.batches, i); /* alone: one each */
		assert_int_equal(stats.callers, 0);
	}
	access_logger_close(lg);
	test_close(&f);
}

/* ---- access_logger_submit ---- */

struct answers {
	pthread_mutex_t mu;
	pthread_cond_t cv;
	int calls;
	int ok;
	int failed_with_message;
};

static void
answers_init(struct answers *a)
{
	memset(a, 0, sizeof(*a));
	assert_int_equal(pthread_mutex_init(&a->mu, NULL), 0);
	assert_int_equal(pthread_cond_init(&a->cv, NULL), 0);
}

static void
answers_release(struct answers *a)
{
	pthread_mutex_destroy(&a->mu);
	pthread_cond_destroy(&a->cv);
}

static void
on_answer(void *ctx, enum ct_err rc, const struct ct_error *err)
{
	struct answers *a = ctx;

	pthread_mutex_lock(&a->mu);
	a->calls++;
	if (rc == CT_OK)
		a->ok++;
	else if (err && err->message[0])
		a->failed_with_message++;
	pthread_cond_broadcast(&a->cv);
	pthread_mutex_unlock(&a->mu);
}

static int
answers_wait(struct answers *a, int calls)
{
	struct timespec deadline;
	int n;

	clock_gettime(CLOCK_REALTIME, &deadline);
	deadline.tv_sec += 10;
	pthread_mutex_lock(&a->mu);
	while (a->calls < calls &&
	       pthread_cond_timedwait(&a->cv, &a->mu, &deadline) == 0)
		;
	n = a->calls;
	pthread_mutex_unlock(&a->mu);
	return n;
}

static void
submit_one(struct access_logger *lg, struct answers *a, int i)
{
	struct access_record r;
	struct ct_error err;
	char purpose[32];

	memset(&r, 0, sizeof(r));
	snprintf(purpose, sizeof(purpose), "submitted-%d", i);
	r.at = TEST_NOW + i;
	r.user_id = "11111111-1111-4111-8111-111111111111";
	r.action = "case.read";
	r.purpose = purpose;
	r.allowed = 1;
	r.reason = "case_team";
	assert_int_equal(access_logger_submit(lg, &r, on_answer, a, &err),
			 CT_OK);
	/* The logger copied the strings: this one is gone now. */
	memset(purpose, 'X', sizeof(purpose) - 1);
}

static void
test_submit_answers_each_once_after_commit(void **state)
{
	struct store_verify_result res;
	struct store_fixture f;
	struct access_logger *lg = NULL;
	struct answers a;
	struct ct_error err;
	int i;

	(void)state;
	test_open(&f, 0);
	answers_init(&a);
	assert_int_equal(access_logger_open(f.path, NULL, &lg, &err), CT_OK);
	for (i = 0; i < 300; i++)
		submit_one(lg, &a, i);
	assert_int_equal(answers_wait(&a, 300), 300);
	/* Each answer came after its commit: all rows are there. */
	assert_int_equal(
		test_raw_count(f.path, "SELECT count(*) FROM access_log"), 300);
	assert_int_equal(test_raw_count(f.path,
					"SELECT count(*) FROM access_log WHERE "
					"purpose LIKE 'submitted-%'"),
			 300);
	access_logger_close(lg);
	/* Exactly once: nothing more after close. */
	assert_int_equal(a.calls, 300);
	assert_int_equal(a.ok, 300);
	assert_int_equal(store_access_log_verify(f.st, &res, NULL, NULL, &err),
			 CT_OK);
	assert_int_equal(res.entries, 300);
	answers_release(&a);
	test_close(&f);
}

static void
test_submit_failed_batch_answers_error(void **state)
{
	struct store_fixture f;
	struct access_logger *lg = NULL;
	struct answers a;
	struct ct_error err;
	int i;

	(void)state;
	test_open(&f, 0);
	answers_init(&a);
	assert_int_equal(access_logger_open(f.path, NULL, &lg, &err), CT_OK);
	test_raw_sql(f.path, "ALTER TABLE access_log RENAME TO hidden");
	for (i = 0; i < 5; i++)
		submit_one(lg, &a, i);
	assert_int_equal(answers_wait(&a, 5), 5);
	assert_int_equal(a.ok, 0);
	assert_int_equal(a.failed_with_message, 5);
	access_logger_close(lg);
	test_raw_sql(f.path, "ALTER TABLE hidden RENAME TO access_log");
	assert_int_equal(
		test_raw_count(f.path, "SELECT count(*) FROM access_log"), 0);
	answers_release(&a);
	test_close(&f);
}

static void
test_submit_invalid_refused_without_callback(void **state)
{
	struct store_fixture f;
	struct access_logger *lg = NULL;
	struct access_record r;
	struct answers a;
	struct ct_error err;

	(void)state;
	test_open(&f, 0);
	answers_init(&a);
	assert_int_equal(access_logger_open(f.path, NULL, &lg, &err), CT_OK);
	memset(&r, 0, sizeof(r));
	r.at = TEST_NOW;
	r.reason = "case_team"; /* no action */
	assert_int_equal(access_logger_submit(lg, &r, on_answer, &a, &err),
			 CT_ERR_INVALID);
	access_logger_close(lg);
	assert_int_equal(a.calls, 0);
	answers_release(&a);
	test_close(&f);
}

static void
test_close_answers_submitted_records(void **state)
{
	struct store_fixture f;
	struct access_logger *lg = NULL;
	struct answers a;
	struct closer c;
	struct ct_error err;
	pthread_t ct;
	sqlite3 *h = NULL;
	int i;

	(void)state;
	test_open(&f, 0);
	answers_init(&a);
	assert_int_equal(access_logger_open(f.path, NULL, &lg, &err), CT_OK);
	assert_int_equal(sqlite3_open(f.path, &h), SQLITE_OK);
	assert_int_equal(sqlite3_exec(h, "BEGIN IMMEDIATE", NULL, NULL, NULL),
			 SQLITE_OK);
	for (i = 0; i < 10; i++)
		submit_one(lg, &a, i);
	c.lg = lg;
	assert_int_equal(pthread_create(&ct, NULL, closer_main, &c), 0);
	sleep_ms(100);
	assert_int_equal(answers_wait(&a, 0), 0); /* nothing durable yet */
	assert_int_equal(sqlite3_exec(h, "COMMIT", NULL, NULL, NULL),
			 SQLITE_OK);
	sqlite3_close(h);
	assert_int_equal(pthread_join(ct, NULL), 0);
	/* close returned: every callback has run. */
	assert_int_equal(a.calls, 10);
	assert_int_equal(a.ok, 10);
	assert_int_equal(
		test_raw_count(f.path, "SELECT count(*) FROM access_log"), 10);
	answers_release(&a);
	test_close(&f);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_many_threads_group_commit),
		cmocka_unit_test(test_failed_batch_fails_every_caller),
		cmocka_unit_test(test_close_flushes_waiting_callers),
		cmocka_unit_test(test_invalid_record_refused_at_once),
		cmocka_unit_test(test_stats_count_answered_records),
		cmocka_unit_test(test_submit_answers_each_once_after_commit),
		cmocka_unit_test(test_submit_failed_batch_answers_error),
		cmocka_unit_test(test_submit_invalid_refused_without_callback),
		cmocka_unit_test(test_close_answers_submitted_records),
	};

	if (ct_crypto_init() != CT_OK)
		return 1;
	return cmocka_run_group_tests(tests, NULL, NULL);
}
