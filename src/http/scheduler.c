/*
 * scheduler.c - the deadline scheduler: announce what is due, send mail;
 * at start, first bring the open order tasks to the current rules.
 *
 * Announcing is a store transaction per batch: the claim (which marks the
 * tasks) and the notifications made from it commit together, so a crash
 * between the two cannot lose an announcement or make it twice. Mail is
 * sent outside any transaction (an SMTP round trip must not hold the
 * database's write lock); the lease of store_notification_claim_mail()
 * keeps other processes off a mail while it is being sent, and a process
 * that dies mid-send leaves it to be retried when the lease ends.
 */
#include "http/scheduler.h"

#include <errno.h>
#include <stdlib.h>
#include <pthread.h>
#include <stdio.h>
#include <string.h>
#include <time.h>

#include "http/mailer.h"
#include "http/worklist_words.h"
#include "store/store_notification.h"
#include "store/store_order.h"
#include "store/store_task.h"
#include "util/arena.h"
#include "util/log.h"
#include "util/banned.h"

#define SCHEDULER_ARENA_MAX ((size_t)32 * 1024 * 1024)
#define SCHEDULER_TEXT_MAX ((size_t)4000)

void
scheduler_config_defaults(struct scheduler_config *cfg)
{
	memset(cfg, 0, sizeof(*cfg));
	cfg->interval_seconds = 60;
	cfg->mail_max_attempts = SCHEDULER_DEFAULT_MAX_ATTEMPTS;
	cfg->mail_backoff_seconds = SCHEDULER_DEFAULT_BACKOFF_SECONDS;
}

static int
mail_on(const struct scheduler_config *cfg)
{
	return cfg->smtp_url && cfg->smtp_url[0];
}

int64_t
scheduler_backoff(const struct scheduler_config *cfg, int64_t attempts)
{
	int64_t max = cfg->mail_max_attempts ? cfg->mail_max_attempts
					     : SCHEDULER_DEFAULT_MAX_ATTEMPTS;
	int64_t delay = cfg->mail_backoff_seconds
				? cfg->mail_backoff_seconds
				: SCHEDULER_DEFAULT_BACKOFF_SECONDS;
	int64_t i;

	if (attempts >= max)
		return 0;
	for (i = 1; i < attempts && delay < SCHEDULER_BACKOFF_MAX_SECONDS; i++)
		delay *= 2;
	return delay < SCHEDULER_BACKOFF_MAX_SECONDS
		       ? delay
		       : SCHEDULER_BACKOFF_MAX_SECONDS;
}

void
scheduler_texts(const struct task_claim *c, int64_t now, struct sbuf *title,
		struct sbuf *body)
{
	const struct task *t = &c->task;
	char when[WORKLIST_WORDS_SIZE], left[WORKLIST_WORDS_SIZE];
	int overdue = c->event == TASK_EVENT_OVERDUE;
	enum ct_err rc;

	worklist_words_deadline(ct_country_zone(t->jurisdiction), t->due_at,
				when);
	worklist_words_time_left(now, t->due_at, left);
	rc = sbuf_addf(title, "%s: %s",
		       overdue ? "Termijn verstreken" : "Termijn vandaag",
		       t->title);
	if (!rc)
		rc = sbuf_addf(body,
			       "Casus %s\n\n"
			       "Taak: %s\n"
			       "Uiterlijk: %s (%s)\n"
			       "Regel: %s\n\n"
			       "Deze taak staat op de werklijst van uw "
			       "organisatie in Casustafel. Dit bericht bevat "
			       "bewust geen persoonsgegevens; open Casustafel "
			       "voor de details.\n",
			       t->case_reference, t->title, when, left,
			       t->rule_id);
	/* Titles and rule ids are bounded by store_task.h; cannot pass. */
	if (rc)
		CT_BUG("announcement text too long");
}

struct announce {
	const struct scheduler_config *cfg;
	int64_t now;
	size_t claimed;
	size_t made;
	struct ct_error *err;
};

/* One batch: claim and notify, inside one transaction. */
static enum ct_err
announce_batch(struct store *st, void *ctx)
{
	struct announce *an = ctx;
	struct task_claim *c = NULL;
	struct sbuf title, body;
	struct arena a;
	size_t n = 0, i;
	enum ct_err rc;

	arena_init(&a, SCHEDULER_ARENA_MAX);
	sbuf_init(&title, SCHEDULER_TEXT_MAX);
	sbuf_init(&body, SCHEDULER_TEXT_MAX);
	an->claimed = 0;
	rc = store_task_claim(st, an->now, SCHEDULER_BATCH, &a, &c, &n,
			      an->err);
	for (i = 0; rc == CT_OK && i < n; i++) {
		struct notification note;

		sbuf_reset(&title);
		sbuf_reset(&body);
		scheduler_texts(&c[i], an->now, &title, &body);
		memset(&note, 0, sizeof(note));
		memcpy(note.org_id, c[i].task.org_id, sizeof(note.org_id));
		memcpy(note.task_id, c[i].task.id, sizeof(note.task_id));
		memcpy(note.case_id, c[i].task.case_id, sizeof(note.case_id));
		note.kind = c[i].event == TASK_EVENT_OVERDUE ? "task.overdue"
							     : "task.due";
		note.title = title.buf;
		note.body = body.buf;
		/* Mail is owed whenever the organisation has an address,
		 * also when this process sends none: another process
		 * sharing the database (or this one after a restart with
		 * smtp_url) sends it. */
		rc = store_notification_add(st, &note, 1, an->err);
	}
	if (rc == CT_OK) {
		an->claimed = n;
		an->made += n;
	}
	sbuf_release(&title);
	sbuf_release(&body);
	arena_release(&a);
	return rc;
}

static enum ct_err
send_one(struct store *st, const struct scheduler_config *cfg, int64_t now,
	 const struct notification_mail *m, struct scheduler_stats *stats,
	 struct ct_error *err)
{
	struct mailer_config mc;
	struct mailer_message msg;
	struct ct_error why;
	struct sbuf subject;
	char mid[CT_UUID_SIZE + 32];
	int64_t delay;
	enum ct_err rc;

	memset(&mc, 0, sizeof(mc));
	mc.url = cfg->smtp_url;
	mc.from = cfg->smtp_from;
	sbuf_init(&subject, SCHEDULER_TEXT_MAX);
	if (sbuf_addf(&subject, "Casustafel %s: %s",
		      m->n.case_reference[0] ? m->n.case_reference : "melding",
		      m->n.title))
		CT_BUG("subject too long");
	snprintf(mid, sizeof(mid), "%s@casustafel", m->n.id);
	memset(&msg, 0, sizeof(msg));
	msg.to = m->to;
	msg.subject = subject.buf;
	msg.body = m->n.body;
	msg.message_id = mid;
	ct_error_clear(&why);
	rc = mailer_send(&mc, &msg, now, &why);
	sbuf_release(&subject);
	if (rc == CT_OK) {
		if (stats)
			stats->mails_sent++;
		return store_notification_mail_sent(st, m->n.id, now, err);
	}
	delay = scheduler_backoff(cfg, m->n.email_attempts + 1);
	ct_warn("melding %s: e-mail mislukt (poging %lld): %s", m->n.id,
		(long long)(m->n.email_attempts + 1), why.message);
	if (stats) {
		if (delay)
			stats->mails_retry++;
		else
			stats->mails_given_up++;
	}
	return store_notification_mail_failed(st, m->n.id, why.message,
					      delay ? now + delay : 0, err);
}

static enum ct_err
send_mails(struct store *st, const struct scheduler_config *cfg, int64_t now,
	   struct scheduler_stats *stats, struct ct_error *err)
{
	struct notification_mail *m = NULL;
	struct arena a;
	size_t n, i;
	enum ct_err rc;

	arena_init(&a, SCHEDULER_ARENA_MAX);
	do {
		n = 0;
		rc = store_notification_claim_mail(
			st, now, SCHEDULER_MAIL_LEASE_SECONDS,
			STORE_NOTIFICATION_MAIL_CLAIM_MAX, &a, &m, &n, err);
		for (i = 0; rc == CT_OK && i < n; i++)
			rc = send_one(st, cfg, now, &m[i], stats, err);
		arena_release(&a);
	} while (rc == CT_OK && n == STORE_NOTIFICATION_MAIL_CLAIM_MAX);
	arena_release(&a);
	return rc;
}

enum ct_err
scheduler_tick(struct store *st, const struct scheduler_config *cfg,
	       int64_t now, struct scheduler_stats *stats,
	       struct ct_error *err)
{
	struct announce an;
	enum ct_err rc;

	memset(&an, 0, sizeof(an));
	an.cfg = cfg;
	an.now = now;
	an.err = err;
	do {
		rc = store_transaction(st, announce_batch, &an, err);
	} while (rc == CT_OK && an.claimed == SCHEDULER_BATCH);
	if (stats)
		stats->announced += an.made;
	if (rc == CT_OK && mail_on(cfg))
		rc = send_mails(st, cfg, now, stats, err);
	return rc;
}

/* ------------------------------------------------------------------ */
/* The thread.                                                        */

struct scheduler {
	struct scheduler_config cfg;
	int64_t (*now)(void *ctx);
	void *now_ctx;
	pthread_t thread;
	pthread_mutex_t lock;
	pthread_cond_t wake;
	int stop;
	int mail_inited;
};

static int64_t
real_now(void *ctx)
{
	struct timespec ts;

	(void)ctx;
	clock_gettime(CLOCK_REALTIME, &ts);
	return (int64_t)ts.tv_sec;
}

/*
 * Before the first announcement: the open order tasks brought to the
 * rules of this program (store_order_tasks_resync), so that a database
 * made by an older version announces no deadline the rules no longer
 * have. When the cases cannot even be listed the rounds go on (an
 * announcement too many is better than none) and the next round tries
 * again; a case that fails is reported once and left as it is.
 */
static int
resync_order_tasks(struct store *st)
{
	static const struct store_actor rules = {NULL, NULL,
						 "systeem:termijnregels"};
	struct store_resync_count count;
	struct ct_error err;

	ct_error_clear(&err);
	if (store_order_tasks_resync(st, &rules, &count, &err) != CT_OK) {
		ct_warn("planner: taken niet bijgewerkt naar de termijnregels: "
			"%s",
			err.message);
		return 0;
	}
	ct_info("planner: taken van de huisverboden in %zu casussen "
		"nagelopen",
		count.cases);
	if (count.failed)
		ct_warn("planner: %zu casussen niet bijgewerkt naar de "
			"termijnregels, de eerste: %s",
			count.failed, err.message);
	return 1;
}

static void *
scheduler_run(void *arg)
{
	struct scheduler *s = arg;
	struct scheduler_stats stats;
	struct store *st = NULL;
	struct ct_error err;
	struct timespec until;
	int stop, resynced = 0;

	for (;;) {
		if (!st && store_open(s->cfg.database, 0, &st, &err) != CT_OK) {
			ct_warn("planner: database niet geopend: %s",
				err.message);
			st = NULL;
		}
		if (st && !resynced)
			resynced = resync_order_tasks(st);
		if (st) {
			memset(&stats, 0, sizeof(stats));
			if (scheduler_tick(st, &s->cfg, s->now(s->now_ctx),
					   &stats, &err) != CT_OK)
				ct_warn("planner: ronde mislukt: %s",
					err.message);
			else if (stats.announced || stats.mails_sent ||
				 stats.mails_retry || stats.mails_given_up)
				ct_info("planner: %zu meldingen, %zu mails "
					"verstuurd, %zu later opnieuw, %zu "
					"opgegeven",
					stats.announced, stats.mails_sent,
					stats.mails_retry,
					stats.mails_given_up);
		}
		clock_gettime(CLOCK_REALTIME, &until);
		until.tv_sec += (time_t)s->cfg.interval_seconds;
		pthread_mutex_lock(&s->lock);
		while (!s->stop &&
		       pthread_cond_timedwait(&s->wake, &s->lock, &until) !=
			       ETIMEDOUT)
			;
		stop = s->stop;
		pthread_mutex_unlock(&s->lock);
		if (stop)
			break;
	}
	store_close(st);
	return NULL;
}

enum ct_err
scheduler_start(const struct scheduler_config *cfg, int64_t (*now)(void *ctx),
		void *now_ctx, struct scheduler **out, struct ct_error *err)
{
	struct scheduler *s;
	enum ct_err rc;

	if (!cfg->database || cfg->interval_seconds < 1)
		return ct_error_set(err, CT_ERR_CONFIG,
				    "De planner heeft een database en een "
				    "interval van minstens 1 seconde nodig.");
	s = ct_calloc(1, sizeof(*s));
	s->cfg = *cfg;
	s->now = now ? now : real_now;
	s->now_ctx = now ? now_ctx : NULL;
	if (mail_on(cfg)) {
		rc = mailer_global_init(err);
		if (rc) {
			free(s);
			return rc;
		}
		s->mail_inited = 1;
	}
	pthread_mutex_init(&s->lock, NULL);
	pthread_cond_init(&s->wake, NULL);
	if (pthread_create(&s->thread, NULL, scheduler_run, s) != 0) {
		pthread_mutex_destroy(&s->lock);
		pthread_cond_destroy(&s->wake);
		if (s->mail_inited)
			mailer_global_cleanup();
		free(s);
		return ct_error_set(err, CT_ERR_INTERNAL,
				    "De planner kon niet starten.");
	}
	*out = s;
	return CT_OK;
}

void
scheduler_stop(struct scheduler *s)
{
	if (!s)
		return;
	pthread_mutex_lock(&s->lock);
	s->stop = 1;
	pthread_cond_signal(&s->wake);
	pthread_mutex_unlock(&s->lock);
	pthread_join(s->thread, NULL);
	pthread_mutex_destroy(&s->lock);
	pthread_cond_destroy(&s->wake);
	if (s->mail_inited)
		mailer_global_cleanup();
	free(s);
}
