/*
 * store_task.c - dated tasks, the work list and the scheduler's claim.
 *
 * A task row carries, besides its deadline (due_at), the local midnight
 * that starts the deadline's day (due_from), computed once from the
 * case's jurisdiction when the deadline is set. "Due today" and the
 * scheduler's "announce it" then become plain range conditions that an
 * index answers, without zone arithmetic in SQL (which the two engines do
 * differently and which util/civtime.h does for us).
 *
 * The work list is three range queries over the index (org_id, status,
 * due_at); the bounds are local midnights of the organisation's zone.
 *
 * The claim marks what it hands out in the same write transaction. On
 * SQLite the write transaction is BEGIN IMMEDIATE, which already keeps
 * other connections out; on PostgreSQL the rows are read with FOR UPDATE
 * SKIP LOCKED, so that a second process passes over rows the first one
 * holds instead of waiting for them and announcing them again.
 */
#include "store/store_task.h"

#include <string.h>

#include "store/db.h"
#include "store/store_int.h"
#include "util/sbuf.h"
#include "util/uuid.h"
#include "util/banned.h"

#define TASK_COLUMNS                                                           \
	"t.id, t.case_id, t.org_id, t.kind, t.title, t.source, t.rule_id, "    \
	"t.due_at, t.due_from, t.status, t.created_at, t.updated_at, "         \
	"t.done_at, t.done_by, t.notified_due_at, t.notified_overdue_at, "     \
	"t.version, c.reference, c.jurisdiction"
#define TASK_FROM " FROM tasks t JOIN cases c ON c.id = t.case_id "

/* Scratch memory of one call that reads rows for itself. */
#define TASK_SCRATCH_MAX ((size_t)16 * 1024 * 1024)

static const char *const status_codes[] = {"open", "done", "cancelled"};

const char *
store_task_status_code(enum task_status s)
{
	if ((unsigned)s >= CT_ARRAY_SIZE(status_codes))
		return NULL;
	return status_codes[s];
}

static int
is_pg(struct store *st)
{
	return st->db->drv == &db_pg_driver;
}

static enum ct_err
read_task(struct store *st, struct db_stmt *s, struct arena *a, void *rec,
	  struct ct_error *err)
{
	struct task *t = rec;
	const char *status;
	enum ct_err rc;
	size_t i;
	int v;

	memset(t, 0, sizeof(*t));
	store_col_buf(s, 0, t->id, sizeof(t->id));
	store_col_buf(s, 1, t->case_id, sizeof(t->case_id));
	store_col_buf(s, 2, t->org_id, sizeof(t->org_id));
	t->kind = store_col_str(s, 3, a);
	t->title = store_col_str(s, 4, a);
	t->source = store_col_str(s, 5, a);
	t->rule_id = store_col_str(s, 6, a);
	t->due_at = db_column_int64(s, 7);
	t->due_from = db_column_int64(s, 8);
	status = db_column_text(s, 9);
	for (i = 0; i < CT_ARRAY_SIZE(status_codes); i++)
		if (status && strcmp(status, status_codes[i]) == 0)
			break;
	if (i == CT_ARRAY_SIZE(status_codes))
		return ct_error_set(err, CT_ERR_DB_CORRUPT,
				    "Database %s: taak %s heeft een onbekende "
				    "status; herstel de database uit een "
				    "back-up.",
				    db_target(st->db), t->id);
	t->status = (enum task_status)i;
	t->created_at = db_column_int64(s, 10);
	t->updated_at = db_column_int64(s, 11);
	t->done_at = db_column_int64(s, 12);
	t->done_by = store_col_str(s, 13, a);
	t->notified_due_at = db_column_int64(s, 14);
	t->notified_overdue_at = db_column_int64(s, 15);
	t->version = db_column_int64(s, 16);
	store_col_buf(s, 17, t->case_reference, sizeof(t->case_reference));
	rc = store_col_enum(st, s, 18, &vocab_country, &v, err);
	if (rc)
		return rc;
	t->jurisdiction = (enum ct_country)v;
	if (!t->kind || !t->title || !t->source || !t->rule_id)
		return ct_error_set(err, CT_ERR_LIMIT,
				    "De taak past niet in het geheugen van "
				    "dit verzoek.");
	return CT_OK;
}

/* Text of 1..max bytes without control characters. */
static void
check_text(struct ct_problems *p, const char *field, const char *v, size_t max)
{
	size_t len = v ? strlen(v) : 0, i;

	if (len == 0) {
		ct_problems_add(p, field, "ontbreekt");
		return;
	}
	if (len > max) {
		ct_problems_add(p, field, "te lang (hoogstens %zu tekens)",
				max);
		return;
	}
	for (i = 0; i < len; i++)
		if ((unsigned char)v[i] < 0x20 || v[i] == 0x7f) {
			ct_problems_add(p, field, "bevat een stuurteken");
			return;
		}
}

static enum ct_err
validate_task(const struct task *t, struct ct_error *err)
{
	struct ct_problems p;
	size_t i, len;

	ct_problems_init(&p);
	if (!ct_uuid_valid(t->case_id))
		ct_problems_add(&p, "case_id", "geen geldige id");
	if (!ct_uuid_valid(t->org_id))
		ct_problems_add(&p, "org_id", "geen geldige id");
	check_text(&p, "kind", t->kind, STORE_TASK_KIND_MAX);
	len = t->kind ? strlen(t->kind) : 0;
	for (i = 0; i < len && len <= STORE_TASK_KIND_MAX; i++) {
		char c = t->kind[i];

		if (!((c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') ||
		      c == '_' || c == '.' || c == '-')) {
			ct_problems_add(&p, "kind",
					"alleen a-z, 0-9, '_', '.' en '-'");
			break;
		}
	}
	check_text(&p, "title", t->title, STORE_TASK_TITLE_MAX);
	check_text(&p, "source", t->source, STORE_TASK_SOURCE_MAX);
	check_text(&p, "rule_id", t->rule_id, STORE_TASK_RULE_MAX);
	if (t->due_at < CT_INSTANT_MIN || t->due_at > CT_INSTANT_MAX)
		ct_problems_add(&p, "due_at", "ligt buiten het bereik");
	return ct_problems_to_error(&p, err);
}

/* Jurisdiction and reference of case_id; NOTFOUND when there is none. */
static enum ct_err
case_info(struct store *st, const char *case_id, enum ct_country *country,
	  char reference[CT_REFERENCE_SIZE], struct ct_error *err)
{
	struct db_stmt *s = NULL;
	enum ct_err rc;
	int row, v;

	rc = db_prepare(
		st->db,
		"SELECT jurisdiction, reference FROM cases WHERE id = ?", &s,
		err);
	if (rc)
		return rc;
	db_bind_text(s, 1, case_id);
	rc = db_step(s, &row, err);
	if (rc == CT_OK && !row)
		rc = ct_error_set(err, CT_ERR_NOTFOUND,
				  "Casus %s bestaat niet.", case_id);
	if (rc == CT_OK)
		rc = store_col_enum(st, s, 0, &vocab_country, &v, err);
	if (rc == CT_OK) {
		*country = (enum ct_country)v;
		store_col_buf(s, 1, reference, CT_REFERENCE_SIZE);
	}
	db_finalize(s);
	return rc;
}

/* The local midnight that begins the day of t in zone z. */
static int64_t
local_day_start(enum ct_zone z, int64_t t)
{
	struct ct_civil midnight;
	int64_t out;

	memset(&midnight, 0, sizeof(midnight));
	ct_local_date(z, t, &midnight.date);
	/* Midnight exists on every EU change day (the changes are at 01:00
	 * UTC); only the range ends can fail, and then the day is clamped. */
	if (ct_instant_from_local(z, &midnight, &out) != CT_OK)
		out = CT_INSTANT_MIN;
	return out;
}

static json_t *
task_json(const struct task *t)
{
	char due[CT_ISO_SIZE];
	json_t *j;

	ct_instant_format_utc(t->due_at, due);
	j = json_pack("{s:s, s:s, s:s, s:s, s:s, s:s, s:s}", "org_id",
		      t->org_id, "kind", t->kind, "title", t->title, "source",
		      t->source, "rule_id", t->rule_id, "due_at", due, "status",
		      store_task_status_code(t->status));
	if (!j)
		CT_BUG("json_pack task");
	return j;
}

/* The task with (source, kind) into out; *found = 0 when none. */
static enum ct_err
find_by_source(struct store *st, const char *source, const char *kind,
	       struct arena *a, struct task *out, int *found,
	       struct ct_error *err)
{
	struct db_stmt *s = NULL;
	enum ct_err rc;
	int row;

	*found = 0;
	rc = db_prepare(st->db,
			"SELECT " TASK_COLUMNS TASK_FROM
			"WHERE t.source = ? AND t.kind = ?",
			&s, err);
	if (rc)
		return rc;
	db_bind_text(s, 1, source);
	db_bind_text(s, 2, kind);
	rc = db_step(s, &row, err);
	if (rc == CT_OK && row) {
		rc = read_task(st, s, a, out, err);
		*found = rc == CT_OK;
	}
	db_finalize(s);
	return rc;
}

/* Insert t (validated) inside the open write transaction, journaled. */
static enum ct_err
insert_task(struct store *st, const struct store_actor *who, struct task *t,
	    struct ct_error *err)
{
	struct db_stmt *s = NULL;
	json_t *after = NULL;
	enum ct_err rc;
	int found, row;
	int64_t now = store_now(st);

	rc = case_info(st, t->case_id, &t->jurisdiction, t->case_reference,
		       err);
	if (rc)
		return rc;
	rc = store_row_exists(st, "SELECT 1 FROM orgs WHERE id = ?", t->org_id,
			      &found, err);
	if (rc == CT_OK && !found)
		rc = ct_error_set(err, CT_ERR_NOTFOUND,
				  "Organisatie %s bestaat niet.", t->org_id);
	if (rc)
		return rc;
	ct_uuid_new(t->id);
	t->due_from =
		local_day_start(ct_country_zone(t->jurisdiction), t->due_at);
	t->status = TASK_OPEN;
	t->created_at = t->updated_at = now;
	t->done_at = 0;
	t->done_by = NULL;
	t->notified_due_at = t->notified_overdue_at = 0;
	t->version = 1;
	rc = db_prepare(st->db,
			"INSERT INTO tasks (id, case_id, org_id, kind, title, "
			"source, rule_id, due_at, due_from, status, "
			"created_at, updated_at, done_at, done_by, "
			"notified_due_at, notified_overdue_at, version) "
			"VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, 'open', ?, ?, 0, "
			"NULL, 0, 0, 1)",
			&s, err);
	if (rc)
		return rc;
	db_bind_text(s, 1, t->id);
	db_bind_text(s, 2, t->case_id);
	db_bind_text(s, 3, t->org_id);
	db_bind_text(s, 4, t->kind);
	db_bind_text(s, 5, t->title);
	db_bind_text(s, 6, t->source);
	db_bind_text(s, 7, t->rule_id);
	db_bind_int64(s, 8, t->due_at);
	db_bind_int64(s, 9, t->due_from);
	db_bind_int64(s, 10, now);
	db_bind_int64(s, 11, now);
	rc = db_step(s, &row, err);
	db_finalize(s);
	if (rc)
		return rc;
	after = task_json(t);
	rc = journal_append(st, who, t->case_id, "task.create", "task", t->id,
			    NULL, after, err);
	json_decref(after);
	return rc;
}

enum ct_err
store_task_create(struct store *st, const struct store_actor *who,
		  struct task *t, struct ct_error *err)
{
	struct arena scratch;
	struct task old;
	enum ct_err rc;
	int found;

	rc = store_check_actor(who, err);
	if (rc == CT_OK)
		rc = validate_task(t, err);
	if (rc)
		return rc;
	arena_init(&scratch, TASK_SCRATCH_MAX);
	rc = store_write_begin(st, err);
	if (rc)
		goto out;
	rc = find_by_source(st, t->source, t->kind, &scratch, &old, &found,
			    err);
	if (rc == CT_OK && found)
		rc = ct_error_set(err, CT_ERR_EXISTS,
				  "Er is al een taak '%s' van bron %s.",
				  t->kind, t->source);
	if (rc == CT_OK)
		rc = insert_task(st, who, t, err);
	rc = store_write_end(st, rc, err);
out:
	arena_release(&scratch);
	return rc;
}

/* Move the open task old to the deadline, title, rule and org of t. */
static enum ct_err
move_task(struct store *st, const struct store_actor *who,
	  const struct task *old, struct task *t, struct ct_error *err)
{
	struct db_stmt *s = NULL;
	json_t *before = NULL, *after = NULL;
	int64_t now = store_now(st);
	int found, row;
	enum ct_err rc;

	if (strcmp(old->org_id, t->org_id) != 0) {
		rc = store_row_exists(st, "SELECT 1 FROM orgs WHERE id = ?",
				      t->org_id, &found, err);
		if (rc == CT_OK && !found)
			rc = ct_error_set(err, CT_ERR_NOTFOUND,
					  "Organisatie %s bestaat niet.",
					  t->org_id);
		if (rc)
			return rc;
	}
	memcpy(t->id, old->id, sizeof(t->id));
	memcpy(t->case_reference, old->case_reference,
	       sizeof(t->case_reference));
	t->jurisdiction = old->jurisdiction;
	t->due_from =
		local_day_start(ct_country_zone(t->jurisdiction), t->due_at);
	t->status = TASK_OPEN;
	t->created_at = old->created_at;
	t->updated_at = now;
	t->done_at = 0;
	t->done_by = NULL;
	/* A new deadline is announced anew; a new title alone is not. */
	t->notified_due_at =
		t->due_at == old->due_at ? old->notified_due_at : 0;
	t->notified_overdue_at =
		t->due_at == old->due_at ? old->notified_overdue_at : 0;
	t->version = old->version + 1;
	rc = db_prepare(st->db,
			"UPDATE tasks SET org_id = ?, title = ?, rule_id = ?, "
			"due_at = ?, due_from = ?, updated_at = ?, "
			"notified_due_at = ?, notified_overdue_at = ?, "
			"version = ? WHERE id = ? AND version = ?",
			&s, err);
	if (rc)
		return rc;
	db_bind_text(s, 1, t->org_id);
	db_bind_text(s, 2, t->title);
	db_bind_text(s, 3, t->rule_id);
	db_bind_int64(s, 4, t->due_at);
	db_bind_int64(s, 5, t->due_from);
	db_bind_int64(s, 6, now);
	db_bind_int64(s, 7, t->notified_due_at);
	db_bind_int64(s, 8, t->notified_overdue_at);
	db_bind_int64(s, 9, t->version);
	db_bind_text(s, 10, t->id);
	db_bind_int64(s, 11, old->version);
	rc = db_step(s, &row, err);
	db_finalize(s);
	if (rc == CT_OK && db_changes(st->db) != 1)
		CT_BUG("task vanished inside its write transaction");
	if (rc)
		return rc;
	before = task_json(old);
	after = task_json(t);
	rc = journal_append(st, who, t->case_id, "task.move", "task", t->id,
			    before, after, err);
	json_decref(before);
	json_decref(after);
	return rc;
}

/* Upsert inside the open write transaction; scratch holds old rows. */
static enum ct_err
upsert_locked(struct store *st, const struct store_actor *who, struct task *t,
	      struct arena *scratch, enum store_task_upserted *what,
	      struct ct_error *err)
{
	struct task old;
	enum ct_err rc;
	int found;

	rc = find_by_source(st, t->source, t->kind, scratch, &old, &found, err);
	if (rc)
		return rc;
	if (!found) {
		*what = STORE_TASK_CREATED;
		return insert_task(st, who, t, err);
	}
	if (strcmp(old.case_id, t->case_id) != 0)
		return ct_error_set(err, CT_ERR_INVALID,
				    "source: bron %s hoort bij een andere "
				    "casus.",
				    t->source);
	if (old.status != TASK_OPEN) {
		*what = STORE_TASK_CLOSED;
		*t = old;
		return CT_OK;
	}
	if (old.due_at == t->due_at && strcmp(old.title, t->title) == 0 &&
	    strcmp(old.rule_id, t->rule_id) == 0 &&
	    strcmp(old.org_id, t->org_id) == 0) {
		*what = STORE_TASK_UNCHANGED;
		*t = old;
		return CT_OK;
	}
	*what = STORE_TASK_MOVED;
	return move_task(st, who, &old, t, err);
}

enum ct_err
store_task_upsert(struct store *st, const struct store_actor *who,
		  struct task *t, enum store_task_upserted *what,
		  struct ct_error *err)
{
	enum store_task_upserted happened = STORE_TASK_UNCHANGED;
	struct arena scratch;
	struct task copy;
	enum ct_err rc;

	rc = store_check_actor(who, err);
	if (rc == CT_OK)
		rc = validate_task(t, err);
	if (rc)
		return rc;
	/* Work on a copy: t is only assigned on success. A row read back
	 * (UNCHANGED, CLOSED) lives in scratch, so t keeps the caller's
	 * strings and takes the row's ids, times, status and marks. */
	copy = *t;
	arena_init(&scratch, TASK_SCRATCH_MAX);
	rc = store_write_begin(st, err);
	if (rc)
		goto out;
	rc = upsert_locked(st, who, &copy, &scratch, &happened, err);
	rc = store_write_end(st, rc, err);
	if (rc)
		goto out;
	if (happened == STORE_TASK_UNCHANGED || happened == STORE_TASK_CLOSED) {
		/* Keep the caller's strings (scratch is released below). */
		copy.kind = t->kind;
		copy.source = t->source;
		copy.title = t->title;
		copy.rule_id = t->rule_id;
		copy.done_by = NULL;
	}
	*t = copy;
	if (what)
		*what = happened;
out:
	arena_release(&scratch);
	return rc;
}

/* Close the task (done or cancelled) inside the open transaction. */
static enum ct_err
close_locked(struct store *st, const struct store_actor *who,
	     const char *case_id, const char *task_id, enum task_status to,
	     struct arena *scratch, struct ct_error *err)
{
	struct db_stmt *s = NULL;
	json_t *before = NULL, *after = NULL;
	struct task t, closed;
	int64_t now = store_now(st);
	enum ct_err rc;
	int row;

	rc = store_task_get(st, task_id, scratch, &t, err);
	if (rc == CT_OK && strcmp(t.case_id, case_id) != 0)
		rc = ct_error_set(err, CT_ERR_NOTFOUND, "Taak %s bestaat niet.",
				  task_id);
	if (rc == CT_OK && t.status != TASK_OPEN)
		rc = ct_error_set(err, CT_ERR_CONFLICT,
				  "De taak is al %s; er is niets veranderd.",
				  t.status == TASK_DONE ? "afgerond"
							: "vervallen");
	if (rc)
		return rc;
	rc = db_prepare(
		st->db,
		"UPDATE tasks SET status = ?, done_at = ?, done_by = ?, "
		"updated_at = ?, version = version + 1 "
		"WHERE id = ? AND status = 'open'",
		&s, err);
	if (rc)
		return rc;
	db_bind_text(s, 1, store_task_status_code(to));
	db_bind_int64(s, 2, now);
	db_bind_text(s, 3, who->label);
	db_bind_int64(s, 4, now);
	db_bind_text(s, 5, task_id);
	rc = db_step(s, &row, err);
	db_finalize(s);
	if (rc)
		return rc;
	closed = t;
	closed.status = to;
	before = task_json(&t);
	after = task_json(&closed);
	rc = journal_append(st, who, case_id,
			    to == TASK_DONE ? "task.done" : "task.cancel",
			    "task", task_id, before, after, err);
	json_decref(before);
	json_decref(after);
	return rc;
}

static enum ct_err
close_task(struct store *st, const struct store_actor *who, const char *case_id,
	   const char *task_id, enum task_status to, struct ct_error *err)
{
	struct arena scratch;
	enum ct_err rc;

	rc = store_check_actor(who, err);
	if (rc)
		return rc;
	if (!case_id || !task_id)
		return ct_error_set(err, CT_ERR_INVALID,
				    "Geef de casus en de taak op.");
	arena_init(&scratch, TASK_SCRATCH_MAX);
	rc = store_write_begin(st, err);
	if (rc == CT_OK) {
		rc = close_locked(st, who, case_id, task_id, to, &scratch, err);
		rc = store_write_end(st, rc, err);
	}
	arena_release(&scratch);
	return rc;
}

enum ct_err
store_task_done(struct store *st, const struct store_actor *who,
		const char *case_id, const char *task_id, struct ct_error *err)
{
	return close_task(st, who, case_id, task_id, TASK_DONE, err);
}

enum ct_err
store_task_cancel(struct store *st, const struct store_actor *who,
		  const char *case_id, const char *task_id,
		  struct ct_error *err)
{
	return close_task(st, who, case_id, task_id, TASK_CANCELLED, err);
}

/* Cancel the open tasks of source on case_id not named in tasks[]. */
static enum ct_err
cancel_others(struct store *st, const struct store_actor *who,
	      const char *case_id, const char *source, const struct task *tasks,
	      size_t n, struct arena *scratch, struct ct_error *err)
{
	struct db_stmt *s = NULL;
	char **ids = NULL;
	size_t count = 0, cap = 0, i;
	enum ct_err rc;
	int row;

	rc = db_prepare(st->db,
			"SELECT id, kind FROM tasks WHERE source = ? "
			"AND case_id = ? AND status = 'open' ORDER BY id",
			&s, err);
	if (rc)
		return rc;
	db_bind_text(s, 1, source);
	db_bind_text(s, 2, case_id);
	while ((rc = db_step(s, &row, err)) == CT_OK && row) {
		const char *kind = db_column_text(s, 1);
		int listed = 0;

		for (i = 0; i < n && !listed; i++)
			listed = kind && strcmp(tasks[i].kind, kind) == 0;
		if (listed)
			continue;
		ids = store_grow(scratch, ids, count, &cap, sizeof(*ids));
		if (!ids || !(ids[count] = arena_strdup(
				      scratch, db_column_text(s, 0)))) {
			rc = ct_error_set(err, CT_ERR_LIMIT,
					  "Te veel taken van bron %s.", source);
			break;
		}
		count++;
	}
	db_finalize(s);
	for (i = 0; rc == CT_OK && i < count; i++)
		rc = close_locked(st, who, case_id, ids[i], TASK_CANCELLED,
				  scratch, err);
	return rc;
}

enum ct_err
store_task_sync(struct store *st, const struct store_actor *who,
		const char *case_id, const char *source, struct task *tasks,
		size_t n, struct ct_error *err)
{
	enum store_task_upserted what;
	struct arena scratch;
	struct task *copies = NULL;
	enum ct_err rc;
	size_t i;

	rc = store_check_actor(who, err);
	if (rc)
		return rc;
	if (!case_id || !source)
		return ct_error_set(err, CT_ERR_INVALID,
				    "Geef de casus en de bron op.");
	for (i = 0; i < n; i++) {
		if (!tasks[i].source || strcmp(tasks[i].source, source) != 0 ||
		    strcmp(tasks[i].case_id, case_id) != 0)
			return ct_error_set(err, CT_ERR_INVALID,
					    "tasks[%zu]: hoort niet bij bron "
					    "%s van deze casus.",
					    i, source);
		rc = validate_task(&tasks[i], err);
		if (rc)
			return rc;
	}
	arena_init(&scratch, TASK_SCRATCH_MAX);
	if (n) {
		copies = arena_alloc_array(&scratch, n, sizeof(*copies));
		if (!copies) {
			rc = ct_error_set(err, CT_ERR_LIMIT,
					  "Te veel taken in één keer.");
			goto out;
		}
		memcpy(copies, tasks, n * sizeof(*copies));
	}
	rc = store_write_begin(st, err);
	if (rc)
		goto out;
	for (i = 0; rc == CT_OK && i < n; i++)
		rc = upsert_locked(st, who, &copies[i], &scratch, &what, err);
	if (rc == CT_OK)
		rc = cancel_others(st, who, case_id, source, tasks, n, &scratch,
				   err);
	rc = store_write_end(st, rc, err);
	if (rc == CT_OK)
		for (i = 0; i < n; i++) {
			/* Ids and times; the caller's strings stay. */
			memcpy(tasks[i].id, copies[i].id, sizeof(tasks[i].id));
			memcpy(tasks[i].case_reference,
			       copies[i].case_reference,
			       sizeof(tasks[i].case_reference));
			tasks[i].jurisdiction = copies[i].jurisdiction;
			tasks[i].due_from = copies[i].due_from;
			tasks[i].status = copies[i].status;
			tasks[i].created_at = copies[i].created_at;
			tasks[i].updated_at = copies[i].updated_at;
			tasks[i].done_at = copies[i].done_at;
			tasks[i].done_by = NULL;
			tasks[i].notified_due_at = copies[i].notified_due_at;
			tasks[i].notified_overdue_at =
				copies[i].notified_overdue_at;
			tasks[i].version = copies[i].version;
		}
out:
	arena_release(&scratch);
	return rc;
}

enum ct_err
store_task_get(struct store *st, const char *id, struct arena *a,
	       struct task *out, struct ct_error *err)
{
	struct db_stmt *s = NULL;
	struct task t;
	enum ct_err rc;
	int row;

	if (!id)
		return ct_error_set(err, CT_ERR_INVALID, "Geef de taak op.");
	rc = db_prepare(st->db,
			"SELECT " TASK_COLUMNS TASK_FROM "WHERE t.id = ?", &s,
			err);
	if (rc)
		return rc;
	db_bind_text(s, 1, id);
	rc = db_step(s, &row, err);
	if (rc == CT_OK && !row)
		rc = ct_error_set(err, CT_ERR_NOTFOUND, "Taak %s bestaat niet.",
				  id);
	if (rc == CT_OK)
		rc = read_task(st, s, a, &t, err);
	db_finalize(s);
	if (rc == CT_OK)
		*out = t;
	return rc;
}

static const struct store_row_reader task_reader = {sizeof(struct task),
						    "taken", read_task};

/* Step s to the end, reading every row into an arena array. */
static enum ct_err
read_all(struct store *st, struct db_stmt *s, struct arena *a,
	 struct task **out, size_t *n, struct ct_error *err)
{
	void *arr = NULL;
	enum ct_err rc = store_read_rows(st, s, &task_reader, a, &arr, n, err);

	if (rc == CT_OK)
		*out = arr;
	return rc;
}

enum ct_err
store_task_list_case(struct store *st, const char *case_id, struct arena *a,
		     struct task **out, size_t *n, struct ct_error *err)
{
	struct db_stmt *s = NULL;
	enum ct_err rc;

	rc = db_prepare(st->db,
			"SELECT " TASK_COLUMNS TASK_FROM
			"WHERE t.case_id = ? ORDER BY t.due_at, t.kind",
			&s, err);
	if (rc)
		return rc;
	db_bind_text(s, 1, case_id);
	rc = read_all(st, s, a, out, n, err);
	db_finalize(s);
	return rc;
}

void
store_worklist_bounds(enum ct_zone z, int64_t now, int coming_days,
		      struct store_worklist_bounds *out)
{
	struct ct_civil c;

	if (coming_days < 0 || coming_days > STORE_TASK_COMING_DAYS_MAX)
		CT_BUG("coming_days out of range");
	memset(&c, 0, sizeof(c));
	out->now = now;
	ct_local_date(z, now, &c.date);
	if (ct_instant_from_local(z, &c, &out->today_start) != CT_OK)
		out->today_start = CT_INSTANT_MIN;
	ct_date_add_days(&c.date, 1, &c.date);
	if (ct_instant_from_local(z, &c, &out->today_end) != CT_OK)
		out->today_end = CT_INSTANT_MAX;
	ct_date_add_days(&c.date, coming_days, &c.date);
	if (ct_instant_from_local(z, &c, &out->coming_end) != CT_OK)
		out->coming_end = CT_INSTANT_MAX;
}

enum ct_err
store_task_worklist(struct store *st, const struct store_worklist_query *q,
		    struct arena *a, struct task **out, size_t *n,
		    size_t *total, struct ct_error *err)
{
	struct db_stmt *s = NULL;
	int64_t lo, hi, count;
	size_t limit;
	enum ct_err rc;
	int row;

	if (!q->org_id)
		return ct_error_set(err, CT_ERR_INVALID,
				    "Geef de organisatie op.");
	if (q->offset > (size_t)INT64_MAX)
		return ct_error_set(err, CT_ERR_INVALID, "offset: te groot.");
	limit = q->limit ? q->limit : STORE_LIST_LIMIT_DEFAULT;
	if (limit > STORE_LIST_LIMIT_MAX)
		limit = STORE_LIST_LIMIT_MAX;
	switch (q->bucket) {
	case STORE_WORKLIST_OVERDUE:
		lo = CT_INSTANT_MIN;
		hi = q->bounds.now;
		break;
	case STORE_WORKLIST_DUE:
		lo = q->bounds.now;
		hi = q->bounds.today_end;
		break;
	case STORE_WORKLIST_COMING:
		lo = q->bounds.today_end;
		hi = q->bounds.coming_end;
		break;
	default:
		CT_BUG("unknown work list bucket");
	}
	rc = db_prepare(st->db,
			"SELECT COUNT(*) FROM tasks WHERE org_id = ? "
			"AND status = 'open' AND due_at >= ? AND due_at < ?",
			&s, err);
	if (rc)
		return rc;
	db_bind_text(s, 1, q->org_id);
	db_bind_int64(s, 2, lo);
	db_bind_int64(s, 3, hi);
	rc = db_step(s, &row, err);
	count = rc == CT_OK && row ? db_column_int64(s, 0) : 0;
	db_finalize(s);
	s = NULL;
	if (rc)
		return rc;
	rc = db_prepare(st->db,
			"SELECT " TASK_COLUMNS TASK_FROM
			"WHERE t.org_id = ? AND t.status = 'open' "
			"AND t.due_at >= ? AND t.due_at < ? "
			"ORDER BY t.due_at, t.id LIMIT ? OFFSET ?",
			&s, err);
	if (rc)
		return rc;
	db_bind_text(s, 1, q->org_id);
	db_bind_int64(s, 2, lo);
	db_bind_int64(s, 3, hi);
	db_bind_int64(s, 4, (int64_t)limit);
	db_bind_int64(s, 5, (int64_t)q->offset);
	rc = read_all(st, s, a, out, n, err);
	db_finalize(s);
	if (rc == CT_OK)
		*total = (size_t)count;
	return rc;
}

/* Set the marks of one claimed task. */
static enum ct_err
mark_claimed(struct store *st, struct task_claim *c, int64_t now,
	     struct ct_error *err)
{
	struct db_stmt *s = NULL;
	enum ct_err rc;
	int row;

	if (c->event == TASK_EVENT_OVERDUE) {
		c->task.notified_overdue_at = now;
		if (!c->task.notified_due_at)
			c->task.notified_due_at = now;
	} else {
		c->task.notified_due_at = now;
	}
	rc = db_prepare(st->db,
			"UPDATE tasks SET notified_due_at = ?, "
			"notified_overdue_at = ? WHERE id = ?",
			&s, err);
	if (rc)
		return rc;
	db_bind_int64(s, 1, c->task.notified_due_at);
	db_bind_int64(s, 2, c->task.notified_overdue_at);
	db_bind_text(s, 3, c->task.id);
	rc = db_step(s, &row, err);
	db_finalize(s);
	return rc;
}

enum ct_err
store_task_claim(struct store *st, int64_t now, size_t limit, struct arena *a,
		 struct task_claim **out, size_t *n, struct ct_error *err)
{
	struct db_stmt *s = NULL;
	struct task_claim *claims = NULL;
	struct task *tasks = NULL;
	struct sbuf sql;
	size_t count = 0, i;
	enum ct_err rc;

	if (limit < 1 || limit > STORE_TASK_CLAIM_MAX)
		return ct_error_set(err, CT_ERR_INVALID,
				    "limit: 1 tot %d aankondigingen.",
				    STORE_TASK_CLAIM_MAX);
	sbuf_init(&sql, SBUF_MAX_SMALL);
	if (sbuf_addstr(&sql,
			"SELECT " TASK_COLUMNS TASK_FROM
			"WHERE t.status = 'open' AND ("
			"(t.notified_overdue_at = 0 AND t.due_at <= ?) OR "
			"(t.notified_due_at = 0 AND t.due_from <= ?)) "
			"ORDER BY t.due_at, t.id LIMIT ?") ||
	    /* Skip rows another process is claiming right now. */
	    (is_pg(st) && sbuf_addstr(&sql, " FOR UPDATE OF t SKIP LOCKED")))
		CT_BUG("claim sql");
	rc = store_write_begin(st, err);
	if (rc)
		goto out;
	rc = db_prepare(st->db, sql.buf, &s, err);
	if (rc == CT_OK) {
		db_bind_int64(s, 1, now);
		db_bind_int64(s, 2, now);
		db_bind_int64(s, 3, (int64_t)limit);
		rc = read_all(st, s, a, &tasks, &count, err);
		db_finalize(s);
	}
	if (rc == CT_OK && count) {
		claims = arena_alloc_array(a, count, sizeof(*claims));
		if (!claims)
			rc = ct_error_set(err, CT_ERR_LIMIT,
					  "Te veel aankondigingen in één "
					  "keer.");
	}
	for (i = 0; rc == CT_OK && i < count; i++) {
		claims[i].task = tasks[i];
		claims[i].event = tasks[i].due_at <= now ? TASK_EVENT_OVERDUE
							 : TASK_EVENT_DUE;
		rc = mark_claimed(st, &claims[i], now, err);
	}
	rc = store_write_end(st, rc, err);
	if (rc == CT_OK) {
		*out = claims;
		*n = count;
	}
out:
	sbuf_release(&sql);
	return rc;
}
