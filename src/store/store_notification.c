/*
 * store_notification.c - notifications and the state of their e-mail.
 *
 * The mail's state machine lives in the notification row (see the
 * header), so delivery is at-least-once per attempt and nothing is lost
 * when the SMTP server is down: the row stays pending with a later
 * email_next_at. A claimed mail is leased by moving email_next_at past
 * the lease; a process that dies mid-send leaves it to be retried when
 * the lease ends. The lease is taken inside a write transaction (BEGIN
 * IMMEDIATE on SQLite; FOR UPDATE SKIP LOCKED on PostgreSQL).
 */
#include "store/store_notification.h"

#include <stdio.h>
#include <string.h>

#include "store/db.h"
#include "store/store_int.h"
#include "util/sbuf.h"
#include "util/uuid.h"
#include "util/banned.h"

#define NOTIFICATION_COLUMNS                                                   \
	"n.id, n.org_id, n.user_id, n.task_id, n.case_id, n.kind, n.title, "   \
	"n.body, n.created_at, n.read_at, n.email_status, n.email_attempts, "  \
	"n.email_next_at, n.email_sent_at, n.email_error, c.reference"
#define NOTIFICATION_FROM                                                      \
	" FROM notifications n LEFT JOIN cases c ON c.id = n.case_id "

static const char *const email_codes[] = {"none", "pending", "sent", "failed"};

const char *
store_notification_email_code(enum notification_email e)
{
	if ((unsigned)e >= CT_ARRAY_SIZE(email_codes))
		return NULL;
	return email_codes[e];
}

static int
is_pg(struct store *st)
{
	return st->db->drv == &db_pg_driver;
}

static enum ct_err
read_notification(struct store *st, struct db_stmt *s, struct arena *a,
		  void *rec, struct ct_error *err)
{
	struct notification *n = rec;
	const char *code;
	size_t i;

	memset(n, 0, sizeof(*n));
	store_col_buf(s, 0, n->id, sizeof(n->id));
	store_col_buf(s, 1, n->org_id, sizeof(n->org_id));
	store_col_buf(s, 2, n->user_id, sizeof(n->user_id));
	store_col_buf(s, 3, n->task_id, sizeof(n->task_id));
	store_col_buf(s, 4, n->case_id, sizeof(n->case_id));
	n->kind = store_col_str(s, 5, a);
	n->title = store_col_str(s, 6, a);
	n->body = store_col_str(s, 7, a);
	n->created_at = db_column_int64(s, 8);
	n->read_at = db_column_int64(s, 9);
	code = db_column_text(s, 10);
	for (i = 0; i < CT_ARRAY_SIZE(email_codes); i++)
		if (code && strcmp(code, email_codes[i]) == 0)
			break;
	if (i == CT_ARRAY_SIZE(email_codes))
		return ct_error_set(err, CT_ERR_DB_CORRUPT,
				    "Database %s: melding %s heeft een "
				    "onbekende mailstatus; herstel de "
				    "database uit een back-up.",
				    db_target(st->db), n->id);
	n->email_status = (enum notification_email)i;
	n->email_attempts = db_column_int64(s, 11);
	n->email_next_at = db_column_int64(s, 12);
	n->email_sent_at = db_column_int64(s, 13);
	n->email_error = store_col_str(s, 14, a);
	store_col_buf(s, 15, n->case_reference, sizeof(n->case_reference));
	if (!n->kind || !n->title || !n->body)
		return ct_error_set(err, CT_ERR_LIMIT,
				    "De melding past niet in het geheugen van "
				    "dit verzoek.");
	return CT_OK;
}

static const struct store_row_reader notification_reader = {
	sizeof(struct notification), "meldingen", read_notification};

static enum ct_err
read_all(struct store *st, struct db_stmt *s, struct arena *a,
	 struct notification **out, size_t *n, struct ct_error *err)
{
	void *arr = NULL;
	enum ct_err rc =
		store_read_rows(st, s, &notification_reader, a, &arr, n, err);

	if (rc == CT_OK)
		*out = arr;
	return rc;
}

static void
check_text(struct ct_problems *p, const char *field, const char *v, size_t max)
{
	size_t len = v ? strlen(v) : 0;

	if (len == 0)
		ct_problems_add(p, field, "ontbreekt");
	else if (len > max)
		ct_problems_add(p, field, "te lang (hoogstens %zu tekens)",
				max);
}

/* "" binds SQL NULL: the optional ids of a notification. */
static void
bind_id(struct db_stmt *s, int idx, const char *id)
{
	db_bind_text(s, idx, id[0] ? id : NULL);
}

enum ct_err
store_notification_add(struct store *st, struct notification *n, int want_mail,
		       struct ct_error *err)
{
	struct db_stmt *s = NULL;
	struct ct_problems p;
	int64_t now = store_now(st);
	int has_mail = 0, row;
	enum ct_err rc;

	ct_problems_init(&p);
	if (!ct_uuid_valid(n->org_id))
		ct_problems_add(&p, "org_id", "geen geldige id");
	if (n->user_id[0] && !ct_uuid_valid(n->user_id))
		ct_problems_add(&p, "user_id", "geen geldige id");
	if (n->task_id[0] && !ct_uuid_valid(n->task_id))
		ct_problems_add(&p, "task_id", "geen geldige id");
	if (n->case_id[0] && !ct_uuid_valid(n->case_id))
		ct_problems_add(&p, "case_id", "geen geldige id");
	check_text(&p, "kind", n->kind, STORE_NOTIFICATION_KIND_MAX);
	check_text(&p, "title", n->title, STORE_NOTIFICATION_TITLE_MAX);
	check_text(&p, "body", n->body, STORE_NOTIFICATION_BODY_MAX);
	rc = ct_problems_to_error(&p, err);
	if (rc)
		return rc;
	rc = store_write_begin(st, err);
	if (rc)
		return rc;
	rc = db_prepare(st->db, "SELECT email FROM orgs WHERE id = ?", &s, err);
	if (rc == CT_OK) {
		db_bind_text(s, 1, n->org_id);
		rc = db_step(s, &row, err);
		if (rc == CT_OK && !row)
			rc = ct_error_set(err, CT_ERR_NOTFOUND,
					  "Organisatie %s bestaat niet.",
					  n->org_id);
		if (rc == CT_OK) {
			const char *email = db_column_text(s, 0);

			has_mail = email && email[0];
		}
		db_finalize(s);
		s = NULL;
	}
	if (rc)
		goto out;
	ct_uuid_new(n->id);
	n->created_at = now;
	n->read_at = 0;
	n->email_status = want_mail && has_mail ? NOTIFICATION_EMAIL_PENDING
						: NOTIFICATION_EMAIL_NONE;
	n->email_attempts = 0;
	n->email_next_at =
		n->email_status == NOTIFICATION_EMAIL_PENDING ? now : 0;
	n->email_sent_at = 0;
	n->email_error = NULL;
	rc = db_prepare(
		st->db,
		"INSERT INTO notifications (id, org_id, user_id, "
		"task_id, case_id, kind, title, body, created_at, "
		"read_at, email_status, email_attempts, email_next_at, "
		"email_sent_at, email_error) "
		"VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, 0, ?, 0, ?, 0, NULL)",
		&s, err);
	if (rc)
		goto out;
	db_bind_text(s, 1, n->id);
	db_bind_text(s, 2, n->org_id);
	bind_id(s, 3, n->user_id);
	bind_id(s, 4, n->task_id);
	bind_id(s, 5, n->case_id);
	db_bind_text(s, 6, n->kind);
	db_bind_text(s, 7, n->title);
	db_bind_text(s, 8, n->body);
	db_bind_int64(s, 9, now);
	db_bind_text(s, 10, store_notification_email_code(n->email_status));
	db_bind_int64(s, 11, n->email_next_at);
	rc = db_step(s, &row, err);
	db_finalize(s);
out:
	return store_write_end(st, rc, err);
}

enum ct_err
store_notification_list(struct store *st,
			const struct store_notification_filter *f,
			struct arena *a, struct notification **out, size_t *n,
			size_t *total, struct ct_error *err)
{
	/* user_id = ? with a NULL parameter matches nothing: org-wide only. */
	static const char where[] =
		"WHERE n.org_id = ? AND (n.user_id IS NULL OR n.user_id = ?) "
		"AND (? = 0 OR n.read_at = 0) ";
	struct db_stmt *s = NULL;
	int64_t count = 0;
	size_t limit;
	enum ct_err rc;
	int row;

	if (!f->org_id)
		return ct_error_set(err, CT_ERR_INVALID,
				    "Geef de organisatie op.");
	if (f->offset > (size_t)INT64_MAX)
		return ct_error_set(err, CT_ERR_INVALID, "offset: te groot.");
	limit = f->limit ? f->limit : STORE_LIST_LIMIT_DEFAULT;
	if (limit > STORE_LIST_LIMIT_MAX)
		limit = STORE_LIST_LIMIT_MAX;
	{
		struct sbuf sql;

		sbuf_init(&sql, SBUF_MAX_SMALL);
		if (sbuf_addf(&sql, "SELECT COUNT(*) FROM notifications n %s",
			      where))
			CT_BUG("count sql");
		rc = db_prepare(st->db, sql.buf, &s, err);
		sbuf_release(&sql);
	}
	if (rc)
		return rc;
	db_bind_text(s, 1, f->org_id);
	db_bind_text(s, 2, f->user_id);
	db_bind_int64(s, 3, f->unread_only ? 1 : 0);
	rc = db_step(s, &row, err);
	if (rc == CT_OK && row)
		count = db_column_int64(s, 0);
	db_finalize(s);
	s = NULL;
	if (rc)
		return rc;
	{
		struct sbuf sql;

		sbuf_init(&sql, SBUF_MAX_SMALL);
		if (sbuf_addf(&sql,
			      "SELECT " NOTIFICATION_COLUMNS NOTIFICATION_FROM
			      "%s ORDER BY n.created_at DESC, n.id "
			      "LIMIT ? OFFSET ?",
			      where))
			CT_BUG("list sql");
		rc = db_prepare(st->db, sql.buf, &s, err);
		sbuf_release(&sql);
	}
	if (rc)
		return rc;
	db_bind_text(s, 1, f->org_id);
	db_bind_text(s, 2, f->user_id);
	db_bind_int64(s, 3, f->unread_only ? 1 : 0);
	db_bind_int64(s, 4, (int64_t)limit);
	db_bind_int64(s, 5, (int64_t)f->offset);
	rc = read_all(st, s, a, out, n, err);
	db_finalize(s);
	if (rc == CT_OK)
		*total = (size_t)count;
	return rc;
}

enum ct_err
store_notification_mark_read(struct store *st, const char *org_id,
			     const char *user_id, const char *id, int64_t now,
			     struct ct_error *err)
{
	struct db_stmt *s = NULL;
	enum ct_err rc;
	int row, found;

	if (!org_id || !id)
		return ct_error_set(err, CT_ERR_INVALID,
				    "Geef de organisatie en de melding op.");
	rc = store_write_begin(st, err);
	if (rc)
		return rc;
	rc = db_prepare(st->db,
			"SELECT 1 FROM notifications WHERE id = ? AND "
			"org_id = ? AND (user_id IS NULL OR user_id = ?)",
			&s, err);
	if (rc == CT_OK) {
		db_bind_text(s, 1, id);
		db_bind_text(s, 2, org_id);
		db_bind_text(s, 3, user_id);
		rc = db_step(s, &found, err);
		db_finalize(s);
		s = NULL;
		if (rc == CT_OK && !found)
			rc = ct_error_set(err, CT_ERR_NOTFOUND,
					  "Melding %s bestaat niet.", id);
	}
	if (rc == CT_OK)
		rc = db_prepare(st->db,
				"UPDATE notifications SET read_at = ? "
				"WHERE id = ? AND read_at = 0",
				&s, err);
	if (rc == CT_OK) {
		db_bind_int64(s, 1, now);
		db_bind_text(s, 2, id);
		rc = db_step(s, &row, err);
		db_finalize(s);
	}
	return store_write_end(st, rc, err);
}

enum ct_err
store_notification_list_task(struct store *st, const char *task_id,
			     struct arena *a, struct notification **out,
			     size_t *n, struct ct_error *err)
{
	struct db_stmt *s = NULL;
	enum ct_err rc;

	rc = db_prepare(st->db,
			"SELECT " NOTIFICATION_COLUMNS NOTIFICATION_FROM
			"WHERE n.task_id = ? ORDER BY n.created_at, n.kind",
			&s, err);
	if (rc)
		return rc;
	db_bind_text(s, 1, task_id);
	rc = read_all(st, s, a, out, n, err);
	db_finalize(s);
	return rc;
}

/* Set the mail state of id; fields < 0 / NULL are left as they are. */
static enum ct_err
set_mail_state(struct store *st, const char *id, enum notification_email e,
	       int64_t attempts_add, int64_t next_at, int64_t sent_at,
	       const char *reason, struct ct_error *err)
{
	struct db_stmt *s = NULL;
	enum ct_err rc;
	int row;

	rc = db_prepare(st->db,
			"UPDATE notifications SET email_status = ?, "
			"email_attempts = email_attempts + ?, "
			"email_next_at = ?, email_sent_at = ?, "
			"email_error = ? WHERE id = ?",
			&s, err);
	if (rc)
		return rc;
	db_bind_text(s, 1, store_notification_email_code(e));
	db_bind_int64(s, 2, attempts_add);
	db_bind_int64(s, 3, next_at);
	db_bind_int64(s, 4, sent_at);
	db_bind_text(s, 5, reason);
	db_bind_text(s, 6, id);
	rc = db_step(s, &row, err);
	db_finalize(s);
	if (rc == CT_OK && db_changes(st->db) != 1)
		rc = ct_error_set(err, CT_ERR_NOTFOUND,
				  "Melding %s bestaat niet.", id);
	return rc;
}

enum ct_err
store_notification_claim_mail(struct store *st, int64_t now, int64_t lease,
			      size_t limit, struct arena *a,
			      struct notification_mail **out, size_t *n,
			      struct ct_error *err)
{
	struct notification_mail *mails = NULL;
	struct db_stmt *s = NULL;
	struct sbuf sql;
	size_t count = 0, cap = 0, i;
	enum ct_err rc;
	int row;

	if (limit < 1 || limit > STORE_NOTIFICATION_MAIL_CLAIM_MAX ||
	    lease <= 0)
		return ct_error_set(err, CT_ERR_INVALID,
				    "limit en lease: buiten het bereik.");
	sbuf_init(&sql, SBUF_MAX_SMALL);
	if (sbuf_addstr(&sql, "SELECT " NOTIFICATION_COLUMNS
			      ", o.email" NOTIFICATION_FROM
			      "JOIN orgs o ON o.id = n.org_id "
			      "WHERE n.email_status = 'pending' AND "
			      "n.email_next_at <= ? "
			      "ORDER BY n.email_next_at, n.id LIMIT ?") ||
	    (is_pg(st) && sbuf_addstr(&sql, " FOR UPDATE OF n SKIP LOCKED")))
		CT_BUG("mail claim sql");
	rc = store_write_begin(st, err);
	if (rc)
		goto out;
	rc = db_prepare(st->db, sql.buf, &s, err);
	if (rc == CT_OK) {
		db_bind_int64(s, 1, now);
		db_bind_int64(s, 2, (int64_t)limit);
		while ((rc = db_step(s, &row, err)) == CT_OK && row) {
			mails = store_grow(a, mails, count, &cap,
					   sizeof(*mails));
			if (!mails) {
				rc = ct_error_set(err, CT_ERR_LIMIT,
						  "Te veel mails in één keer.");
				break;
			}
			rc = read_notification(st, s, a, &mails[count].n, err);
			if (rc)
				break;
			mails[count].to = store_col_str(s, 16, a);
			count++;
		}
		db_finalize(s);
	}
	for (i = 0; rc == CT_OK && i < count; i++) {
		struct notification *m = &mails[i].n;

		if (!mails[i].to || !mails[i].to[0]) {
			/* The address was removed after the notification
			 * was made: nothing to send, say so in the row. */
			m->email_status = NOTIFICATION_EMAIL_FAILED;
			rc = set_mail_state(st, m->id, m->email_status, 0, 0, 0,
					    "de organisatie heeft geen "
					    "e-mailadres",
					    err);
			continue;
		}
		m->email_next_at = now + lease;
		rc = set_mail_state(st, m->id, NOTIFICATION_EMAIL_PENDING, 0,
				    m->email_next_at, 0, m->email_error, err);
	}
	rc = store_write_end(st, rc, err);
	if (rc)
		goto out;
	/* Hand out only what is to be sent. */
	{
		size_t k = 0;

		for (i = 0; i < count; i++)
			if (mails[i].n.email_status ==
			    NOTIFICATION_EMAIL_PENDING)
				mails[k++] = mails[i];
		count = k;
	}
	*out = mails;
	*n = count;
out:
	sbuf_release(&sql);
	return rc;
}

enum ct_err
store_notification_mail_sent(struct store *st, const char *id, int64_t now,
			     struct ct_error *err)
{
	enum ct_err rc;

	rc = store_write_begin(st, err);
	if (rc)
		return rc;
	rc = set_mail_state(st, id, NOTIFICATION_EMAIL_SENT, 1, 0, now, NULL,
			    err);
	return store_write_end(st, rc, err);
}

enum ct_err
store_notification_mail_failed(struct store *st, const char *id,
			       const char *reason, int64_t next_at,
			       struct ct_error *err)
{
	char text[STORE_NOTIFICATION_ERROR_MAX + 1];
	enum ct_err rc;

	snprintf(text, sizeof(text), "%s", reason ? reason : "onbekend");
	rc = store_write_begin(st, err);
	if (rc)
		return rc;
	rc = set_mail_state(st, id,
			    next_at ? NOTIFICATION_EMAIL_PENDING
				    : NOTIFICATION_EMAIL_FAILED,
			    1, next_at, 0, text, err);
	return store_write_end(st, rc, err);
}
