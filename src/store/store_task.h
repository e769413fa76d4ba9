/*
 * store_task.h - dated tasks: the work list of an organisation, and the
 * claim the deadline scheduler makes (issue 4 "Deadlines and the work
 * list", ARCHITECTURE.md "Scale-out").
 *
 * Every clock a process starts becomes a task for one responsible
 * organisation: {case, kind code, title, source, rule id, due_at}. A task
 * source (an order's deadlines, core/rules.h) recomputes its deadlines
 * whenever its state changes and hands them to store_task_upsert() or,
 * for a whole source at once, store_task_sync(): (source, kind) names a
 * task across recomputations, so a moved deadline moves the row (and is
 * announced again) instead of duplicating it.
 *
 * Contract (besides store.h's):
 *  - Creating, moving, completing and cancelling a task are journaled on
 *    its case ("task.create", "task.move", "task.done", "task.cancel") in
 *    the same transaction.
 *  - The scheduler's bookkeeping (notified_due_at, notified_overdue_at)
 *    is no case change and is not journaled; the notification it leads to
 *    is the record (store_notification.h).
 *  - "Due today" is the local calendar day of the organisation's country
 *    (util/civtime.h); days in the work list are local days, so a list
 *    asked for at 23:30 and at 00:30 differs by one day also across a
 *    daylight-saving change.
 *  - store_task_claim() hands each announcement out once: SQLite claims
 *    inside BEGIN IMMEDIATE, PostgreSQL with SELECT ... FOR UPDATE SKIP
 *    LOCKED, so several server processes share the scheduler.
 */
#ifndef CT_STORE_STORE_TASK_H
#define CT_STORE_STORE_TASK_H

#include <stddef.h>
#include <stdint.h>

#include "store/store.h"
#include "util/civtime.h"

#define STORE_TASK_KIND_MAX 64	   /* bytes: [a-z0-9_.-] */
#define STORE_TASK_TITLE_MAX 200   /* bytes; no personal data */
#define STORE_TASK_SOURCE_MAX 100  /* bytes, e.g. "order:<uuid>" */
#define STORE_TASK_RULE_MAX 100	   /* bytes, e.g. "NL.Wth.2.7" */
#define STORE_TASK_COMING_DAYS_MAX 366
#define STORE_TASK_CLAIM_MAX 1000  /* most announcements per claim */

enum task_status {
	TASK_OPEN = 0,
	TASK_DONE = 1,
	TASK_CANCELLED = 2,
};

/* "open", "done", "cancelled"; NULL when out of range. */
const char *store_task_status_code(enum task_status s);

struct task {
	char id[CT_UUID_SIZE];
	char case_id[CT_UUID_SIZE];
	char org_id[CT_UUID_SIZE]; /* the responsible organisation */
	const char *kind;	   /* code, unique per source */
	const char *title;	   /* Dutch, plain words, no personal data */
	const char *source;	   /* who computes it: "order:<id>", ... */
	const char *rule_id;	   /* the rule behind the deadline */
	int64_t due_at;		   /* the legal deadline, UTC seconds */
	/* Set by the store: */
	int64_t due_from; /* local midnight starting the day of due_at */
	enum task_status status;
	int64_t created_at;
	int64_t updated_at;
	int64_t done_at;	     /* 0 while open */
	const char *done_by;	     /* actor label; NULL while open */
	int64_t notified_due_at;     /* 0: "due today" not yet announced */
	int64_t notified_overdue_at; /* 0: "overdue" not yet announced */
	int64_t version;
	/* Read with the task (from its case): */
	char case_reference[CT_REFERENCE_SIZE];
	enum ct_country jurisdiction;
};

/*
 * Create a task; t->case_id, org_id, kind, title, source, rule_id and
 * due_at are input. CT_ERR_EXISTS when (source, kind) exists already,
 * CT_ERR_NOTFOUND for a missing case or organisation.
 */
enum ct_err store_task_create(struct store *st, const struct store_actor *who,
			      struct task *t, struct ct_error *err);

enum store_task_upserted {
	STORE_TASK_CREATED,   /* new row */
	STORE_TASK_MOVED,     /* open task: deadline, title or org changed */
	STORE_TASK_UNCHANGED, /* open task, nothing to change */
	STORE_TASK_CLOSED,    /* done or cancelled earlier: left alone */
};

/*
 * Create the task, or update the open task with the same (source, kind):
 * a changed due_at, title, rule or organisation moves it ("task.move")
 * and, when due_at changed, its announcements are owed again. A done or
 * cancelled task is left as it is. On return t holds the row as stored
 * and *what (may be NULL) says which of the above happened.
 */
enum ct_err store_task_upsert(struct store *st, const struct store_actor *who,
			      struct task *t, enum store_task_upserted *what,
			      struct ct_error *err);

/*
 * The whole deadline list of one source on one case, in one transaction:
 * upsert each of tasks[0..n) (their source and case_id must equal the
 * arguments) and cancel every open task of that source whose kind is not
 * among them (a deadline the new state no longer implies).
 */
enum ct_err store_task_sync(struct store *st, const struct store_actor *who,
			    const char *case_id, const char *source,
			    struct task *tasks, size_t n,
			    struct ct_error *err);

/*
 * Complete or cancel an open task of case_id. CT_ERR_NOTFOUND when the
 * task is not one of that case, CT_ERR_CONFLICT when it is no longer open.
 */
enum ct_err store_task_done(struct store *st, const struct store_actor *who,
			    const char *case_id, const char *task_id,
			    struct ct_error *err);
enum ct_err store_task_cancel(struct store *st, const struct store_actor *who,
			      const char *case_id, const char *task_id,
			      struct ct_error *err);

enum ct_err store_task_get(struct store *st, const char *id, struct arena *a,
			   struct task *out, struct ct_error *err);
/* All tasks of a case, in due order. */
enum ct_err store_task_list_case(struct store *st, const char *case_id,
				 struct arena *a, struct task **out, size_t *n,
				 struct ct_error *err);

/* ---- the work list ---- */

enum store_worklist_bucket {
	STORE_WORKLIST_OVERDUE, /* due_at < now */
	STORE_WORKLIST_DUE,	/* now <= due_at < end of today */
	STORE_WORKLIST_COMING,	/* end of today <= due_at < coming_end */
};

/* The bounds of the buckets for `now` in zone z (local days). */
struct store_worklist_bounds {
	int64_t now;
	int64_t today_start; /* local midnight that began today */
	int64_t today_end;   /* next local midnight */
	int64_t coming_end;  /* local midnight coming_days after today_end */
};

/* coming_days in 0..STORE_TASK_COMING_DAYS_MAX (CT_BUG otherwise). */
void store_worklist_bounds(enum ct_zone z, int64_t now, int coming_days,
			   struct store_worklist_bounds *out);

struct store_worklist_query {
	const char *org_id;
	enum store_worklist_bucket bucket;
	struct store_worklist_bounds bounds;
	size_t offset;
	size_t limit; /* 0: STORE_LIST_LIMIT_DEFAULT; at most ..._MAX */
};

/*
 * One bucket of an organisation's open tasks, earliest deadline first;
 * *total counts the bucket without offset and limit.
 */
enum ct_err store_task_worklist(struct store *st,
				const struct store_worklist_query *q,
				struct arena *a, struct task **out, size_t *n,
				size_t *total, struct ct_error *err);

/* ---- the scheduler's claim ---- */

enum task_event {
	TASK_EVENT_DUE,	    /* the local day of the deadline has begun */
	TASK_EVENT_OVERDUE, /* the deadline has passed */
};

struct task_claim {
	struct task task;
	enum task_event event;
};

/*
 * Claim at most limit (1..STORE_TASK_CLAIM_MAX) announcements owed at
 * now: open tasks whose day has begun and whose "due" announcement is
 * outstanding, and open tasks past their deadline whose "overdue" one is.
 * An overdue task whose "due" was never announced is claimed once, as
 * overdue, and both marks are set. The marks are written in the same
 * transaction, so no other caller (process, connection) gets the same
 * announcement; run inside store_transaction() together with the
 * notifications made from the claims, so that both or neither persist.
 */
enum ct_err store_task_claim(struct store *st, int64_t now, size_t limit,
			     struct arena *a, struct task_claim **out,
			     size_t *n, struct ct_error *err);

#endif
