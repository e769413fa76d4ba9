/*
 * store_notification.h - in-app notifications for an organisation, and
 * the e-mail that goes with each (issue 4 "Deadlines and the work list").
 *
 * A notification belongs to an organisation (user_id NULL: everyone in
 * it) or to one user. Its e-mail goes to the organisation's functional
 * mailbox (orgs.email); the mail's state lives in the same row, so a
 * failed delivery is retried with back-off and never lost:
 *
 *   none     no mail (no address, or mail switched off)
 *   pending  to be sent at or after email_next_at
 *   sent     delivered to the SMTP server at email_sent_at
 *   failed   given up after the last attempt (the in-app item remains)
 *
 * Contract (besides store.h's):
 *  - Notifications are no case change and are not journaled; their text
 *    (title, body) must hold no personal data: it may leave the system.
 *  - store_notification_claim_mail() leases each pending mail to one
 *    caller for lease seconds (email_next_at moves on), so several server
 *    processes never send the same mail at the same time; the caller
 *    reports the outcome with store_notification_mail_sent() or
 *    store_notification_mail_failed().
 */
#ifndef CT_STORE_STORE_NOTIFICATION_H
#define CT_STORE_STORE_NOTIFICATION_H

#include <stddef.h>
#include <stdint.h>

#include "store/store.h"

#define STORE_NOTIFICATION_KIND_MAX 64
#define STORE_NOTIFICATION_TITLE_MAX 200
#define STORE_NOTIFICATION_BODY_MAX 4000
#define STORE_NOTIFICATION_ERROR_MAX 300
#define STORE_NOTIFICATION_MAIL_CLAIM_MAX 100

enum notification_email {
	NOTIFICATION_EMAIL_NONE = 0,
	NOTIFICATION_EMAIL_PENDING = 1,
	NOTIFICATION_EMAIL_SENT = 2,
	NOTIFICATION_EMAIL_FAILED = 3,
};

/* "none", "pending", "sent", "failed"; NULL when out of range. */
const char *store_notification_email_code(enum notification_email e);

struct notification {
	char id[CT_UUID_SIZE];
	char org_id[CT_UUID_SIZE];
	char user_id[CT_UUID_SIZE]; /* "": the whole organisation */
	char task_id[CT_UUID_SIZE]; /* "": not about a task */
	char case_id[CT_UUID_SIZE]; /* "": not about a case */
	const char *kind;	    /* e.g. "task.due", "task.overdue" */
	const char *title;
	const char *body;
	int64_t created_at;
	int64_t read_at; /* 0: unread */
	enum notification_email email_status;
	int64_t email_attempts;
	int64_t email_next_at;
	int64_t email_sent_at;
	const char *email_error; /* last failure, NULL when none */
	/* Read with it: */
	char case_reference[CT_REFERENCE_SIZE]; /* "" without a case */
};

/*
 * Add n; org_id, user_id, task_id, case_id, kind, title, body are input.
 * With want_mail the mail is pending from now when the organisation has
 * an address, else "none". Sets id, created_at and the mail fields.
 */
enum ct_err store_notification_add(struct store *st, struct notification *n,
				   int want_mail, struct ct_error *err);

struct store_notification_filter {
	const char *org_id;  /* required */
	const char *user_id; /* NULL: only organisation-wide; else also own */
	int unread_only;
	size_t offset;
	size_t limit; /* 0: STORE_LIST_LIMIT_DEFAULT */
};

/* Newest first; *total counts without offset and limit. */
enum ct_err store_notification_list(struct store *st,
				    const struct store_notification_filter *f,
				    struct arena *a, struct notification **out,
				    size_t *n, size_t *total,
				    struct ct_error *err);

/*
 * Mark id read at now, when it is one the user of org_id may see;
 * CT_ERR_NOTFOUND otherwise. Reading it again keeps the first time.
 */
enum ct_err store_notification_mark_read(struct store *st, const char *org_id,
					 const char *user_id, const char *id,
					 int64_t now, struct ct_error *err);

/* All notifications about one task (tests, the case view). */
enum ct_err store_notification_list_task(struct store *st,
					 const char *task_id, struct arena *a,
					 struct notification **out, size_t *n,
					 struct ct_error *err);

/* A mail to send: the notification and where it goes. */
struct notification_mail {
	struct notification n;
	const char *to; /* the organisation's address */
};

/*
 * Lease at most limit (1..STORE_NOTIFICATION_MAIL_CLAIM_MAX) pending mails
 * due at now, for lease seconds (> 0). A mail whose organisation no longer
 * has an address becomes "failed" and is not handed out.
 */
enum ct_err store_notification_claim_mail(struct store *st, int64_t now,
					  int64_t lease, size_t limit,
					  struct arena *a,
					  struct notification_mail **out,
					  size_t *n, struct ct_error *err);
/* The mail of id was accepted by the SMTP server at now. */
enum ct_err store_notification_mail_sent(struct store *st, const char *id,
					 int64_t now, struct ct_error *err);
/*
 * The attempt failed with reason (no personal data, truncated to
 * STORE_NOTIFICATION_ERROR_MAX): try again at next_at, or give up
 * ("failed") when next_at is 0.
 */
enum ct_err store_notification_mail_failed(struct store *st, const char *id,
					   const char *reason, int64_t next_at,
					   struct ct_error *err);

#endif
