/*
 * bench_worklist.c - the work list of one organisation over 100,000 open
 * tasks (issue 4 "Tests and benchmark"), beside a plain indexed SELECT of
 * the same rows in the same run.
 *
 *   bench_worklist [TASKS] [ROUNDS]     (defaults 100,000 and 200)
 *
 * Set-up: a fresh SQLite file; one organisation (a Veilig Thuis) and
 * TASKS / 10 cases, each with ten orders whose open deadline is one task
 * (source "order:<n>", kind "order_end"), due from five days ago to sixty
 * days ahead, written through store_task_create() in transactions of
 * BENCH_TX_TASKS tasks (store_transaction: one fsync each).
 *
 * Measured, ROUNDS times each, alternating:
 *   store: the three calls GET /api/v1/worklist makes -
 *          store_task_worklist() for overdue, due and coming (7 days),
 *          100 rows each, with counts, tasks read into an arena;
 *   plain: the same three pages with raw sqlite3 on a second connection:
 *          SELECT of the task columns over the (org_id, status, due_at)
 *          index, ORDER BY due_at LIMIT 100, and a COUNT(*) each.
 * Printed: median and p99 of each in microseconds, and store/plain.
 */
#include <inttypes.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#include <sqlite3.h>

#include "store/store.h"
#include "store/store_task.h"
#include "util/crypto.h"
#include "util/strparse.h"
#include "util/banned.h"

#define BENCH_TASKS_DEFAULT 100000
#define BENCH_TASKS_MAX 2000000
#define BENCH_ROUNDS_DEFAULT 200
#define BENCH_ROUNDS_MAX 100000
#define BENCH_ORDERS_PER_CASE 10
#define BENCH_TX_TASKS 10000
#define BENCH_PAGE 100
#define BENCH_COMING_DAYS 7

struct fill {
	struct store_actor who;
	const char *org_id;
	int64_t now;
	long first, count; /* task numbers of this transaction */
	char case_id[CT_UUID_SIZE];
};

static int64_t
mono_us(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (int64_t)ts.tv_sec * 1000000 + ts.tv_nsec / 1000;
}

static void
die(const char *what, const struct ct_error *err)
{
	fprintf(stderr, "bench_worklist: %s: %s\n", what,
		err ? err->message : "");
	exit(1);
}

static enum ct_err
fill_tx(struct store *st, void *ctx)
{
	struct fill *f = ctx;
	char source[64];
	struct ct_error err;
	struct ct_case c;
	struct task t;
	long i;

	for (i = f->first; i < f->first + f->count; i++) {
		if (i % BENCH_ORDERS_PER_CASE == 0) {
			memset(&c, 0, sizeof(c));
			c.jurisdiction = CT_COUNTRY_NL;
			c.region = "AMS";
			snprintf(c.owner_org_id, sizeof(c.owner_org_id), "%s",
				 f->org_id);
			c.pattern = PATTERN_UNKNOWN;
			if (store_case_create(st, &f->who, &c, &err) != CT_OK)
				die("case", &err);
			memcpy(f->case_id, c.id, sizeof(f->case_id));
		}
		memset(&t, 0, sizeof(t));
		memcpy(t.case_id, f->case_id, sizeof(t.case_id));
		snprintf(t.org_id, sizeof(t.org_id), "%s", f->org_id);
		snprintf(source, sizeof(source), "order:%08ld", i);
		t.kind = "order_end";
		t.title = "Einde huisverbod: besluit over verlenging";
		t.source = source;
		t.rule_id = "NL.Wth.2.9";
		/* Spread over -5 .. +60 days, a few minutes apart. */
		t.due_at = f->now - 5 * 86400 + (i * 7919) % (65 * 86400);
		if (store_task_create(st, &f->who, &t, &err) != CT_OK)
			die("task", &err);
	}
	return CT_OK;
}

static int
cmp_i64(const void *a, const void *b)
{
	int64_t x = *(const int64_t *)a, y = *(const int64_t *)b;

	return (x > y) - (x < y);
}

static void
stats(int64_t *v, long n, int64_t *median, int64_t *p99)
{
	long k = (n * 99 + 99) / 100 - 1;

	qsort(v, (size_t)n, sizeof(*v), cmp_i64);
	*median = v[n / 2];
	*p99 = v[k < n ? k : n - 1];
}

static void
store_round(struct store *st, const char *org_id,
	    const struct store_worklist_bounds *b, size_t *rows)
{
	static const enum store_worklist_bucket buckets[] = {
		STORE_WORKLIST_OVERDUE, STORE_WORKLIST_DUE,
		STORE_WORKLIST_COMING};
	struct store_worklist_query q;
	struct task *ts = NULL;
	struct ct_error err;
	struct arena a;
	size_t n, total, i;

	arena_init(&a, ARENA_MAX_DEFAULT);
	*rows = 0;
	for (i = 0; i < 3; i++) {
		memset(&q, 0, sizeof(q));
		q.org_id = org_id;
		q.bucket = buckets[i];
		q.bounds = *b;
		q.limit = BENCH_PAGE;
		if (store_task_worklist(st, &q, &a, &ts, &n, &total, &err))
			die("worklist", &err);
		*rows += n;
	}
	arena_release(&a);
}

struct plain {
	sqlite3 *db;
	sqlite3_stmt *page, *count;
};

static void
plain_round(struct plain *p, const char *org_id,
	    const struct store_worklist_bounds *b, size_t *rows)
{
	int64_t lo[3] = {CT_INSTANT_MIN, b->now, b->today_end};
	int64_t hi[3] = {b->now, b->today_end, b->coming_end};
	size_t bytes = 0;
	int i, c;

	*rows = 0;
	for (i = 0; i < 3; i++) {
		sqlite3_bind_text(p->count, 1, org_id, -1, SQLITE_STATIC);
		sqlite3_bind_int64(p->count, 2, lo[i]);
		sqlite3_bind_int64(p->count, 3, hi[i]);
		if (sqlite3_step(p->count) != SQLITE_ROW)
			die("plain count", NULL);
		sqlite3_reset(p->count);
		sqlite3_bind_text(p->page, 1, org_id, -1, SQLITE_STATIC);
		sqlite3_bind_int64(p->page, 2, lo[i]);
		sqlite3_bind_int64(p->page, 3, hi[i]);
		sqlite3_bind_int(p->page, 4, BENCH_PAGE);
		while (sqlite3_step(p->page) == SQLITE_ROW) {
			for (c = 0; c < sqlite3_column_count(p->page); c++)
				bytes += (size_t)sqlite3_column_bytes(p->page,
								     c);
			(*rows)++;
		}
		sqlite3_reset(p->page);
	}
	if (bytes == 0 && *rows)
		die("plain rows empty", NULL);
}

int
main(int argc, char **argv)
{
	char dir[] = "/tmp/ct-bench-worklist-XXXXXX", path[128];
	struct store_worklist_bounds b;
	int64_t tasks = BENCH_TASKS_DEFAULT, rounds = BENCH_ROUNDS_DEFAULT;
	int64_t t0, *ts_store, *ts_plain, med_s, p99_s, med_p, p99_p;
	size_t rows_s = 0, rows_p = 0;
	struct ct_error err;
	struct store *st = NULL;
	struct plain p;
	struct fill f;
	struct org o;
	long i;

	if ((argc > 1 &&
	     ct_parse_int(argv[1], 1, BENCH_TASKS_MAX, &tasks) != CT_OK) ||
	    (argc > 2 &&
	     ct_parse_int(argv[2], 1, BENCH_ROUNDS_MAX, &rounds) != CT_OK)) {
		fprintf(stderr, "gebruik: bench_worklist [TAKEN] [RONDES]\n");
		return 2;
	}
	if (ct_crypto_init() != CT_OK || !mkdtemp(dir))
		die("set-up", NULL);
	snprintf(path, sizeof(path), "%s/bench.db", dir);
	if (store_open(path, STORE_OPEN_CREATE, &st, &err) != CT_OK)
		die("open", &err);
	memset(&f, 0, sizeof(f));
	f.who.label = "bench";
	memset(&o, 0, sizeof(o));
	o.name = "Veilig Thuis Amsterdam-Amstelland";
	o.type = ORG_TYPE_VEILIG_THUIS;
	o.country = CT_COUNTRY_NL;
	if (store_org_create(st, &f.who, &o, &err) != CT_OK)
		die("org", &err);
	f.org_id = o.id;
	f.now = store_now(st);
	t0 = mono_us();
	for (f.first = 0; f.first < tasks; f.first += BENCH_TX_TASKS) {
		f.count = tasks - f.first < BENCH_TX_TASKS
				  ? (long)(tasks - f.first)
				  : BENCH_TX_TASKS;
		if (store_transaction(st, fill_tx, &f, &err) != CT_OK)
			die("fill", &err);
	}
	printf("bench_worklist: %" PRId64 " open tasks of one organisation "
	       "(%" PRId64 " cases) written in %.1f s\n",
	       tasks, (tasks + BENCH_ORDERS_PER_CASE - 1) / BENCH_ORDERS_PER_CASE,
	       (double)(mono_us() - t0) / 1e6);

	memset(&p, 0, sizeof(p));
	if (sqlite3_open_v2(path, &p.db, SQLITE_OPEN_READONLY, NULL) !=
		    SQLITE_OK ||
	    sqlite3_prepare_v2(
		    p.db,
		    "SELECT id, case_id, org_id, kind, title, source, rule_id, "
		    "due_at, due_from, status, created_at, updated_at, "
		    "done_at, done_by, notified_due_at, notified_overdue_at, "
		    "version FROM tasks WHERE org_id = ? AND status = 'open' "
		    "AND due_at >= ? AND due_at < ? ORDER BY due_at LIMIT ?",
		    -1, &p.page, NULL) != SQLITE_OK ||
	    sqlite3_prepare_v2(p.db,
			       "SELECT COUNT(*) FROM tasks WHERE org_id = ? "
			       "AND status = 'open' AND due_at >= ? "
			       "AND due_at < ?",
			       -1, &p.count, NULL) != SQLITE_OK)
		die("plain connection", NULL);
	store_worklist_bounds(CT_ZONE_AMSTERDAM, f.now, BENCH_COMING_DAYS, &b);
	ts_store = calloc((size_t)rounds, sizeof(*ts_store));
	ts_plain = calloc((size_t)rounds, sizeof(*ts_plain));
	if (!ts_store || !ts_plain)
		die("memory", NULL);
	/* Warm both paths (page cache, statement caches) before timing. */
	store_round(st, o.id, &b, &rows_s);
	plain_round(&p, o.id, &b, &rows_p);
	for (i = 0; i < rounds; i++) {
		t0 = mono_us();
		store_round(st, o.id, &b, &rows_s);
		ts_store[i] = mono_us() - t0;
		t0 = mono_us();
		plain_round(&p, o.id, &b, &rows_p);
		ts_plain[i] = mono_us() - t0;
	}
	if (rows_s != rows_p)
		die("store and plain read different rows", NULL);
	stats(ts_store, (long)rounds, &med_s, &p99_s);
	stats(ts_plain, (long)rounds, &med_p, &p99_p);
	printf("work list (3 buckets, %zu rows), %" PRId64 " rounds:\n",
	       rows_s, rounds);
	printf("  store_task_worklist  median %7" PRId64 " us   p99 %7" PRId64
	       " us\n",
	       med_s, p99_s);
	printf("  plain indexed SELECT median %7" PRId64 " us   p99 %7" PRId64
	       " us\n",
	       med_p, p99_p);
	printf("  ratio store/plain    median %7.2f      p99 %7.2f\n",
	       med_p ? (double)med_s / (double)med_p : 0.0,
	       p99_p ? (double)p99_s / (double)p99_p : 0.0);
	free(ts_store);
	free(ts_plain);
	sqlite3_finalize(p.page);
	sqlite3_finalize(p.count);
	sqlite3_close(p.db);
	store_close(st);
	snprintf(path, sizeof(path), "%s/bench.db", dir);
	unlink(path);
	snprintf(path, sizeof(path), "%s/bench.db-wal", dir);
	unlink(path);
	snprintf(path, sizeof(path), "%s/bench.db-shm", dir);
	unlink(path);
	rmdir(dir);
	return 0;
}
