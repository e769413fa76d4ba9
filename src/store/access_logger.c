/*
 * access_logger.c - group commit for the access log.
 *
 * Callers (server threads) put a record on a bounded queue and sleep
 * until the batch holding it has committed. One writer thread with its
 * own store connection takes up to batch_max records at a time, appends
 * them to the chain in one write transaction and wakes their callers with
 * the result: one fsync serves every record that arrived while the last
 * one ran, so durability does not cap throughput, and each caller still
 * knows its record is durable before it serves anything. A failed commit
 * fails every caller in that batch (nothing of it was written).
 *
 * A waiting caller's record lives on its own stack: the caller cannot
 * return (and so cannot free or change it) before the writer has posted
 * its semaphore, so nothing needs copying. A submitted record
 * (access_logger_submit, used by the server so that no thread sleeps on
 * a commit) is copied with its strings into one allocation; the writer
 * calls its callback after the commit and frees it. One mutex guards the queue;
 * condition variables say "work for the writer", "room in the queue" and
 * "the last caller left while closing".
 *
 * Wake-ups: each waiter sleeps on its own semaphore, which the writer
 * posts after the commit, outside the mutex. With one shared "batch done"
 * condition every commit woke every waiting caller - also those whose
 * record was still queued - and all of them then fought for the mutex
 * (measured: a quarter of the server's futex time under bench/api).
 */
#include "store/access_log.h"

#include <errno.h>
#include <pthread.h>
#include <semaphore.h>
#include <stdlib.h>
#include <string.h>

#include "store/access_log_int.h"
#include "store/store_int.h"
#include "util/banned.h"

#define LOGGER_BATCH_DEFAULT 256
#define LOGGER_QUEUE_DEFAULT 4096

/*
 * One caller's record, queued until its batch has committed. A blocking
 * caller's waiter lives on its stack and sleeps on done; a submitted one
 * (access_logger_submit) is a heap copy that the writer answers through
 * on_done and then frees.
 */
struct waiter {
	const struct access_record *rec;
	struct waiter *next;
	sem_t done; /* posted by the writer once rc and err are set */
	enum ct_err rc;
	struct ct_error err;
	void (*on_done)(void *ctx, enum ct_err rc, const struct ct_error *err);
	void *ctx;
};

/* A submitted record with its own copy of the strings. */
struct submitted {
	struct waiter w;
	struct access_record rec;
	char text[]; /* the record's strings, one after another */
};

struct access_logger {
	struct store *st;
	pthread_t thread;
	pthread_mutex_t mu;
	pthread_cond_t work;  /* the writer: something queued, or closing */
	pthread_cond_t space; /* callers: room in the queue, or closing */
	pthread_cond_t left;  /* close: the last caller left */
	struct waiter *head, *tail;
	size_t queued;
	size_t batch_max, queue_max;
	size_t callers; /* threads inside access_logger_write */
	int closing;
	struct access_logger_stats stats;
	/* The writer's batch; only the writer thread touches these. */
	struct waiter **batch;
	const struct access_record **recs;
};

static void
lock(struct access_logger *lg)
{
	if (pthread_mutex_lock(&lg->mu) != 0)
		CT_BUG("access logger mutex");
}

static void
unlock(struct access_logger *lg)
{
	if (pthread_mutex_unlock(&lg->mu) != 0)
		CT_BUG("access logger mutex");
}

static void
wait_on(pthread_cond_t *cv, struct access_logger *lg)
{
	if (pthread_cond_wait(cv, &lg->mu) != 0)
		CT_BUG("access logger condition");
}

/* Commit recs[0..n) in one transaction (writer thread, unlocked). */
static enum ct_err
commit_batch(struct access_logger *lg, size_t n, struct ct_error *err)
{
	enum ct_err rc;

	rc = store_write_begin(lg->st, err);
	if (rc)
		return rc;
	rc = access_log_insert(lg->st, lg->recs, n, err);
	return store_write_end(lg->st, rc, err);
}

static void *
writer_main(void *arg)
{
	struct access_logger *lg = arg;
	struct ct_error err;
	enum ct_err rc;
	size_t n, i;

	lock(lg);
	for (;;) {
		while (!lg->head && !lg->closing)
			wait_on(&lg->work, lg);
		if (!lg->head)
			break; /* closing, and everything is flushed */
		for (n = 0; lg->head && n < lg->batch_max; n++) {
			lg->batch[n] = lg->head;
			lg->recs[n] = lg->head->rec;
			lg->head = lg->head->next;
		}
		if (!lg->head)
			lg->tail = NULL;
		lg->queued -= n;
		pthread_cond_broadcast(&lg->space);
		unlock(lg);

		ct_error_clear(&err);
		rc = commit_batch(lg, n, &err);

		/* Figures first: a caller that has its answer finds its
		 * record counted. */
		lock(lg);
		if (rc) {
			lg->stats.failed_batches++;
		} else {
			lg->stats.batches++;
			lg->stats.records += n;
			if (n > lg->stats.largest_batch)
				lg->stats.largest_batch = n;
		}
		unlock(lg);
		/* The batch is the writer's alone: answer without the lock.
		 * A waiter may return the moment its semaphore is posted. */
		for (i = 0; i < n; i++) {
			struct waiter *w = lg->batch[i];

			if (w->on_done) {
				w->on_done(w->ctx, rc, &err);
				free((struct submitted *)w);
				continue;
			}
			w->rc = rc;
			w->err = err;
			if (sem_post(&w->done) != 0)
				CT_BUG("access logger: sem_post");
		}
		lock(lg);
	}
	unlock(lg);
	return NULL;
}

enum ct_err
access_logger_open(const char *path, const struct access_logger_config *cfg,
		   struct access_logger **out, struct ct_error *err)
{
	struct access_logger *lg;
	struct store *st = NULL;
	enum ct_err rc;

	rc = store_open(path, 0, &st, err);
	if (rc)
		return rc;
	lg = ct_calloc(1, sizeof(*lg));
	lg->st = st;
	lg->batch_max =
		cfg && cfg->batch_max ? cfg->batch_max : LOGGER_BATCH_DEFAULT;
	lg->queue_max =
		cfg && cfg->queue_max ? cfg->queue_max : LOGGER_QUEUE_DEFAULT;
	lg->batch = ct_calloc(lg->batch_max, sizeof(*lg->batch));
	lg->recs = ct_calloc(lg->batch_max, sizeof(*lg->recs));
	if (pthread_mutex_init(&lg->mu, NULL) != 0 ||
	    pthread_cond_init(&lg->work, NULL) != 0 ||
	    pthread_cond_init(&lg->space, NULL) != 0 ||
	    pthread_cond_init(&lg->left, NULL) != 0)
		CT_BUG("access logger: pthread init");
	if (pthread_create(&lg->thread, NULL, writer_main, lg) != 0) {
		rc = ct_error_set(err, CT_ERR_INTERNAL,
				  "De schrijver van het toegangslogboek kon "
				  "niet starten (geen threads meer?).");
		pthread_mutex_destroy(&lg->mu);
		pthread_cond_destroy(&lg->work);
		pthread_cond_destroy(&lg->space);
		pthread_cond_destroy(&lg->left);
		free(lg->batch);
		free(lg->recs);
		free(lg);
		store_close(st);
		return rc;
	}
	*out = lg;
	return CT_OK;
}

static enum ct_err
refused_closing(struct ct_error *err)
{
	return ct_error_set(err, CT_ERR_BUSY,
			    "Het toegangslogboek wordt afgesloten; de regel "
			    "is niet geschreven.");
}

enum ct_err
access_logger_write(struct access_logger *lg, const struct access_record *rec,
		    struct ct_error *err)
{
	struct waiter w;
	enum ct_err rc;

	rc = access_log_check(rec, err);
	if (rc)
		return rc;
	memset(&w, 0, sizeof(w));
	w.rec = rec;
	if (sem_init(&w.done, 0, 0) != 0)
		CT_BUG("access logger: sem_init");

	lock(lg);
	lg->callers++;
	while (!lg->closing && lg->queued >= lg->queue_max)
		wait_on(&lg->space, lg);
	if (lg->closing) {
		rc = refused_closing(err);
	} else {
		if (lg->tail)
			lg->tail->next = &w;
		else
			lg->head = &w;
		lg->tail = &w;
		lg->queued++;
		pthread_cond_signal(&lg->work);
		unlock(lg);
		/* Only the writer posts, once, after our batch committed. */
		while (sem_wait(&w.done) != 0)
			if (errno != EINTR)
				CT_BUG("access logger: sem_wait");
		rc = w.rc;
		if (rc && err)
			*err = w.err;
		lock(lg);
	}
	lg->callers--;
	if (lg->closing && lg->callers == 0)
		pthread_cond_broadcast(&lg->left);
	unlock(lg);
	sem_destroy(&w.done);
	return rc;
}

/* Copy the string s to *cursor (advanced past it); NULL stays NULL. */
static const char *
copy_text(const char *s, char **cursor)
{
	char *out = *cursor;
	size_t size;

	if (!s)
		return NULL;
	size = strlen(s) + 1;
	memcpy(out, s, size);
	*cursor += size;
	return out;
}

/* Bytes for the strings of rec (each at most ACCESS_LOG_FIELD_MAX). */
static size_t
text_size(const struct access_record *rec)
{
	const char *const fields[] = {
		rec->request_id, rec->user_id, rec->org_id,
		rec->roles,	 rec->action,  rec->case_id,
		rec->person_id,	 rec->purpose, rec->reason,
	};
	size_t i, n = 0;

	for (i = 0; i < sizeof(fields) / sizeof(fields[0]); i++)
		if (fields[i])
			n += strlen(fields[i]) + 1;
	return n;
}

enum ct_err
access_logger_submit(struct access_logger *lg, const struct access_record *rec,
		     void (*done)(void *ctx, enum ct_err rc,
				  const struct ct_error *err),
		     void *ctx, struct ct_error *err)
{
	struct submitted *sub;
	char *cursor;
	enum ct_err rc;

	if (!done)
		CT_BUG("access_logger_submit without a callback");
	rc = access_log_check(rec, err);
	if (rc)
		return rc;
	/* The checked limits keep this sum far from overflowing. */
	sub = ct_malloc(sizeof(*sub) + text_size(rec));
	memset(sub, 0, sizeof(*sub));
	sub->rec = *rec;
	cursor = sub->text;
	sub->rec.request_id = copy_text(rec->request_id, &cursor);
	sub->rec.user_id = copy_text(rec->user_id, &cursor);
	sub->rec.org_id = copy_text(rec->org_id, &cursor);
	sub->rec.roles = copy_text(rec->roles, &cursor);
	sub->rec.action = copy_text(rec->action, &cursor);
	sub->rec.case_id = copy_text(rec->case_id, &cursor);
	sub->rec.person_id = copy_text(rec->person_id, &cursor);
	sub->rec.purpose = copy_text(rec->purpose, &cursor);
	sub->rec.reason = copy_text(rec->reason, &cursor);
	sub->w.rec = &sub->rec;
	sub->w.on_done = done;
	sub->w.ctx = ctx;

	lock(lg);
	lg->callers++;
	/* A full queue holds the submitter back, as it does a writer. */
	while (!lg->closing && lg->queued >= lg->queue_max)
		wait_on(&lg->space, lg);
	if (lg->closing) {
		rc = refused_closing(err);
		free(sub);
	} else {
		if (lg->tail)
			lg->tail->next = &sub->w;
		else
			lg->head = &sub->w;
		lg->tail = &sub->w;
		lg->queued++;
		pthread_cond_signal(&lg->work);
	}
	lg->callers--;
	if (lg->closing && lg->callers == 0)
		pthread_cond_broadcast(&lg->left);
	unlock(lg);
	return rc;
}

void
access_logger_close(struct access_logger *lg)
{
	if (!lg)
		return;
	lock(lg);
	lg->closing = 1;
	pthread_cond_broadcast(&lg->work);
	pthread_cond_broadcast(&lg->space);
	unlock(lg);
	if (pthread_join(lg->thread, NULL) != 0)
		CT_BUG("access logger: join");
	/* The queue is flushed; wait for the woken callers to leave. */
	lock(lg);
	while (lg->callers > 0)
		wait_on(&lg->left, lg);
	unlock(lg);
	pthread_mutex_destroy(&lg->mu);
	pthread_cond_destroy(&lg->work);
	pthread_cond_destroy(&lg->space);
	pthread_cond_destroy(&lg->left);
	store_close(lg->st);
	free(lg->batch);
	free(lg->recs);
	free(lg);
}

void
access_logger_stats(struct access_logger *lg, struct access_logger_stats *out)
{
	lock(lg);
	*out = lg->stats;
	out->callers = lg->callers;
	unlock(lg);
}
