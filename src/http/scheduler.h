/*
 * scheduler.h - the deadline scheduler (issue 4 "Deadlines and the work
 * list"): a background thread of the server that, every interval,
 *   1. claims the announcements tasks owe (store_task_claim: the day of a
 *      deadline has begun, or the deadline has passed) and makes an in-app
 *      notification for the responsible organisation of each, in the same
 *      transaction, with a mail pending when the organisation has an
 *      address (also when this process has no smtp_url: whichever
 *      process sharing the database has one sends it);
 *   2. sends the pending mails over SMTP (http/mailer.h), and records the
 *      outcome in the notification: sent, or a retry after a back-off that
 *      doubles (mail_backoff_seconds, 2x, 4x, ... at most a day), given up
 *      after mail_max_attempts.
 * Several server processes may run it on one PostgreSQL database: the
 * claims hand every announcement and every mail to one of them.
 *
 * Mail text names the case reference, the task's title and the deadline
 * in words, never a person (task titles carry no personal data by the
 * contract of store_task.h).
 *
 * scheduler_tick() is one round, for tests with a fixed clock and for the
 * thread. scheduler_start() runs ticks on a thread with its own store
 * until scheduler_stop(), which wakes it and joins it.
 */
#ifndef CT_HTTP_SCHEDULER_H
#define CT_HTTP_SCHEDULER_H

#include <stddef.h>
#include <stdint.h>

#include "store/store.h"
#include "util/err.h"
#include "util/sbuf.h"

#define SCHEDULER_BATCH 100 /* claims per transaction */
#define SCHEDULER_MAIL_LEASE_SECONDS 300
#define SCHEDULER_DEFAULT_MAX_ATTEMPTS 8
#define SCHEDULER_DEFAULT_BACKOFF_SECONDS 60
#define SCHEDULER_BACKOFF_MAX_SECONDS 86400

struct scheduler_config {
	const char *database;	   /* store target (the thread opens it) */
	int64_t interval_seconds;  /* config scheduler_interval_seconds */
	const char *smtp_url;	   /* NULL or "": in-app notifications only */
	const char *smtp_from;
	int mail_max_attempts;	   /* 0: SCHEDULER_DEFAULT_MAX_ATTEMPTS */
	int64_t mail_backoff_seconds; /* 0: SCHEDULER_DEFAULT_BACKOFF_SECONDS */
};

void scheduler_config_defaults(struct scheduler_config *cfg);

struct scheduler_stats {
	size_t announced;   /* notifications made */
	size_t mails_sent;
	size_t mails_retry; /* failed, to be tried again */
	size_t mails_given_up;
};

/* One round at now on st. stats (may be NULL) is added to. */
enum ct_err scheduler_tick(struct store *st, const struct scheduler_config *cfg,
			   int64_t now, struct scheduler_stats *stats,
			   struct ct_error *err);

/*
 * The delay before attempt number `attempts` + 1 after `attempts` failed
 * ones: backoff, 2 backoff, 4 backoff, ... capped at a day; 0 when
 * attempts has reached max_attempts (give up).
 */
int64_t scheduler_backoff(const struct scheduler_config *cfg,
			  int64_t attempts);

/*
 * The texts of an announcement: the notification's title and body (also
 * the mail's body), appended to title and body. The mail's subject is
 * "Casustafel <case reference>: <title>".
 */
struct task_claim;
void scheduler_texts(const struct task_claim *c, int64_t now,
		     struct sbuf *title, struct sbuf *body);

struct scheduler;

/*
 * Start the thread; now (may be NULL: the real clock) gives its clock.
 * mailer_global_init() is called here when mail is configured.
 */
enum ct_err scheduler_start(const struct scheduler_config *cfg,
			    int64_t (*now)(void *ctx), void *now_ctx,
			    struct scheduler **out, struct ct_error *err);
/* Stop and join the thread, free it; NULL does nothing. */
void scheduler_stop(struct scheduler *s);

#endif
