/*
 * store_break_glass.c - emergency access to a case outside the team.
 *
 * A grant names the user, their organisation, the case, a reason and an
 * expiry at most STORE_BREAK_GLASS_SECONDS_MAX ahead. It is journaled on
 * the case ("break_glass.open"), so the owning organisation sees it in
 * the timeline, and stays on the review list (reviewed_at 0) until
 * someone reviews it ("break_glass.review"). Whether a grant is needed or
 * allowed at all is the policy's question (core/policy.c), not this file's.
 */
#include "store/store_team.h"

#include <stdio.h>
#include <string.h>

#include "store/db.h"
#include "store/store_int.h"
#include "util/sbuf.h"
#include "util/uuid.h"
#include "util/banned.h"

#define BG_COLUMNS                                                             \
	"id, user_id, org_id, case_id, owner_org_id, reason, created_at, "     \
	"expires_at, reviewed_by, reviewed_at, review_note"

static void
read_grant(struct db_stmt *s, struct arena *a, struct break_glass *b)
{
	memset(b, 0, sizeof(*b));
	store_col_buf(s, 0, b->id, sizeof(b->id));
	store_col_buf(s, 1, b->user_id, sizeof(b->user_id));
	store_col_buf(s, 2, b->org_id, sizeof(b->org_id));
	store_col_buf(s, 3, b->case_id, sizeof(b->case_id));
	store_col_buf(s, 4, b->owner_org_id, sizeof(b->owner_org_id));
	b->reason = store_col_str(s, 5, a);
	b->created_at = db_column_int64(s, 6);
	b->expires_at = db_column_int64(s, 7);
	b->reviewed_by = store_col_str(s, 8, a);
	b->reviewed_at = db_column_int64(s, 9);
	b->review_note = store_col_str(s, 10, a);
}

static void
validate_grant(const struct break_glass *b, int64_t now, struct ct_problems *p)
{
	size_t len = b->reason ? strlen(b->reason) : 0;

	if (!ct_uuid_valid(b->user_id))
		ct_problems_add(p, "user_id", "geen geldige gebruiker.");
	if (!ct_uuid_valid(b->org_id))
		ct_problems_add(p, "org_id", "geen geldige organisatie.");
	if (!ct_uuid_valid(b->case_id))
		ct_problems_add(p, "case_id", "geen geldige casus.");
	if (len < STORE_REASON_MIN)
		ct_problems_add(p, "reason",
				"geef een reden van minstens %d tekens.",
				STORE_REASON_MIN);
	else if (len > STORE_REASON_MAX)
		ct_problems_add(p, "reason",
				"de reden is te lang (hoogstens %d tekens).",
				STORE_REASON_MAX);
	if (b->expires_at <= now)
		ct_problems_add(p, "expires_at", "ligt niet in de toekomst.");
	else if (b->expires_at - now > STORE_BREAK_GLASS_SECONDS_MAX)
		ct_problems_add(p, "expires_at",
				"noodtoegang duurt hoogstens %d uur.",
				STORE_BREAK_GLASS_SECONDS_MAX / 3600);
}

/* The user exists and belongs to org_id; the case's owner into owner. */
static enum ct_err
check_refs(struct store *st, const struct break_glass *b,
	   char owner[CT_UUID_SIZE], struct ct_error *err)
{
	struct db_stmt *s = NULL;
	enum ct_err rc;
	int row;

	rc = db_prepare(st->db, "SELECT org_id FROM users WHERE id = ?", &s,
			err);
	if (rc)
		return rc;
	db_bind_text(s, 1, b->user_id);
	rc = db_step(s, &row, err);
	if (rc == CT_OK && !row)
		rc = ct_error_set(err, CT_ERR_NOTFOUND,
				  "Gebruiker %s bestaat niet.", b->user_id);
	if (rc == CT_OK && (!db_column_text(s, 0) ||
			    strcmp(db_column_text(s, 0), b->org_id) != 0))
		rc = ct_error_set(err, CT_ERR_INVALID,
				  "org_id: de gebruiker hoort niet bij deze "
				  "organisatie.");
	db_finalize(s);
	if (rc)
		return rc;
	rc = db_prepare(st->db, "SELECT owner_org_id FROM cases WHERE id = ?",
			&s, err);
	if (rc)
		return rc;
	db_bind_text(s, 1, b->case_id);
	rc = db_step(s, &row, err);
	if (rc == CT_OK && !row)
		rc = ct_error_set(err, CT_ERR_NOTFOUND,
				  "Casus %s bestaat niet.", b->case_id);
	if (rc == CT_OK)
		store_col_buf(s, 0, owner, CT_UUID_SIZE);
	db_finalize(s);
	return rc;
}

enum ct_err
store_break_glass_open(struct store *st, const struct store_actor *who,
		       struct break_glass *b, struct ct_error *err)
{
	struct break_glass rec = *b;
	struct ct_problems p;
	struct db_stmt *s = NULL;
	json_t *after = NULL;
	enum ct_err rc;
	int row;

	rc = store_check_actor(who, err);
	if (rc)
		return rc;
	rec.created_at = store_now(st);
	ct_problems_init(&p);
	validate_grant(b, rec.created_at, &p);
	rc = ct_problems_to_error(&p, err);
	if (rc)
		return rc;
	ct_uuid_new(rec.id);
	rec.reviewed_by = NULL;
	rec.reviewed_at = 0;
	rec.review_note = NULL;

	rc = store_write_begin(st, err);
	if (rc)
		return rc;
	rc = check_refs(st, &rec, rec.owner_org_id, err);
	if (rc == CT_OK)
		rc = db_prepare(st->db,
				"INSERT INTO break_glass (" BG_COLUMNS ") "
				"VALUES (?, ?, ?, ?, ?, ?, ?, ?, NULL, 0, "
				"NULL)",
				&s, err);
	if (rc == CT_OK) {
		db_bind_text(s, 1, rec.id);
		db_bind_text(s, 2, rec.user_id);
		db_bind_text(s, 3, rec.org_id);
		db_bind_text(s, 4, rec.case_id);
		db_bind_text(s, 5, rec.owner_org_id);
		db_bind_text(s, 6, rec.reason);
		db_bind_int64(s, 7, rec.created_at);
		db_bind_int64(s, 8, rec.expires_at);
		rc = db_step(s, &row, err);
	}
	db_finalize(s);
	/* The user's grants are part of what authentication reads. */
	if (rc == CT_OK)
		rc = store_auth_epoch_bump(st, err);
	if (rc == CT_OK) {
		after = json_pack("{s:s, s:s, s:s, s:s, s:I}", "user_id",
				  rec.user_id, "org_id", rec.org_id,
				  "owner_org_id", rec.owner_org_id, "reason",
				  rec.reason, "expires_at",
				  (json_int_t)rec.expires_at);
		rc = journal_append(st, who, rec.case_id, "break_glass.open",
				    "break_glass", rec.id, NULL, after, err);
	}
	json_decref(after);
	rc = store_write_end(st, rc, err);
	if (rc == CT_OK)
		*b = rec;
	return rc;
}

/* Read every row of s into an arena array. */
static enum ct_err
read_all(struct db_stmt *s, struct arena *a, struct break_glass **out,
	 size_t *n, struct ct_error *err)
{
	struct break_glass *arr = NULL;
	size_t count = 0, cap = 0;
	enum ct_err rc;
	int row;

	while ((rc = db_step(s, &row, err)) == CT_OK && row) {
		if (count == STORE_LIST_MAX ||
		    !(arr = store_grow(a, arr, count, &cap, sizeof(*arr)))) {
			rc = ct_error_set(err, CT_ERR_LIMIT,
					  "Te veel noodtoegangen om in één "
					  "keer te tonen.");
			break;
		}
		read_grant(s, a, &arr[count++]);
	}
	if (rc)
		return rc;
	*out = arr;
	*n = count;
	return CT_OK;
}

enum ct_err
store_break_glass_active(struct store *st, const char *user_id, int64_t now,
			 struct arena *a, struct break_glass **out, size_t *n,
			 struct ct_error *err)
{
	struct db_stmt *s = NULL;
	enum ct_err rc;

	if (!user_id)
		return ct_error_set(err, CT_ERR_INVALID,
				    "user_id: geef de gebruiker op.");
	rc = db_prepare(st->db,
			"SELECT " BG_COLUMNS " FROM break_glass "
			"WHERE user_id = ? AND expires_at > ? "
			"AND created_at <= ? ORDER BY expires_at, id",
			&s, err);
	if (rc)
		return rc;
	db_bind_text(s, 1, user_id);
	db_bind_int64(s, 2, now);
	db_bind_int64(s, 3, now);
	rc = read_all(s, a, out, n, err);
	db_finalize(s);
	return rc;
}

enum ct_err
store_break_glass_list(struct store *st,
		       const struct store_break_glass_filter *f,
		       struct arena *a, struct break_glass **out, size_t *n,
		       size_t *total, struct ct_error *err)
{
	struct break_glass *arr = NULL;
	struct db_stmt *s = NULL;
	struct sbuf where, sql;
	size_t limit, count = 0, all = 0;
	enum ct_err rc;
	int row, np = 0;

	limit = f->limit ? f->limit : STORE_LIST_LIMIT_DEFAULT;
	if (limit > STORE_LIST_LIMIT_MAX)
		limit = STORE_LIST_LIMIT_MAX;
	if (f->offset > (size_t)INT64_MAX)
		return ct_error_set(err, CT_ERR_INVALID, "offset: te groot.");
	sbuf_init(&where, SBUF_MAX_SMALL);
	sbuf_init(&sql, SBUF_MAX_SMALL);
	if (sbuf_addstr(&where, " WHERE 1 = 1") ||
	    (f->owner_org_id && sbuf_addstr(&where, " AND owner_org_id = ?")) ||
	    (f->unreviewed_only && sbuf_addstr(&where, " AND reviewed_at = 0")))
		CT_BUG("break-glass filter sql");
	if (f->owner_org_id)
		np = 1;

	if (sbuf_addf(&sql, "SELECT count(*) FROM break_glass%s", where.buf))
		CT_BUG("break-glass count sql");
	rc = db_prepare(st->db, sql.buf, &s, err);
	if (rc)
		goto out;
	if (np)
		db_bind_text(s, 1, f->owner_org_id);
	rc = db_step(s, &row, err);
	if (rc == CT_OK && row)
		all = (size_t)db_column_int64(s, 0);
	db_finalize(s);
	s = NULL;
	if (rc)
		goto out;
	sbuf_reset(&sql);
	if (sbuf_addf(&sql,
		      "SELECT " BG_COLUMNS " FROM break_glass%s "
		      "ORDER BY created_at DESC, id LIMIT ? OFFSET ?",
		      where.buf))
		CT_BUG("break-glass list sql");
	rc = db_prepare(st->db, sql.buf, &s, err);
	if (rc)
		goto out;
	if (np)
		db_bind_text(s, 1, f->owner_org_id);
	db_bind_int64(s, np + 1, (int64_t)limit);
	db_bind_int64(s, np + 2, (int64_t)f->offset);
	rc = read_all(s, a, &arr, &count, err);
out:
	db_finalize(s);
	sbuf_release(&where);
	sbuf_release(&sql);
	if (rc)
		return rc;
	*out = arr;
	*n = count;
	*total = all;
	return CT_OK;
}

enum ct_err
store_break_glass_get(struct store *st, const char *id, struct arena *a,
		      struct break_glass *out, struct ct_error *err)
{
	struct db_stmt *s = NULL;
	enum ct_err rc;
	int row;

	if (!id)
		return ct_error_set(err, CT_ERR_INVALID,
				    "id: geef de noodtoegang op.");
	rc = db_prepare(st->db,
			"SELECT " BG_COLUMNS " FROM break_glass WHERE id = ?",
			&s, err);
	if (rc)
		return rc;
	db_bind_text(s, 1, id);
	rc = db_step(s, &row, err);
	if (rc == CT_OK && !row)
		rc = ct_error_set(err, CT_ERR_NOTFOUND,
				  "Noodtoegang %s bestaat niet.", id);
	if (rc == CT_OK)
		read_grant(s, a, out);
	db_finalize(s);
	return rc;
}

enum ct_err
store_break_glass_review(struct store *st, const struct store_actor *who,
			 const char *id, const char *note, struct ct_error *err)
{
	struct break_glass b;
	struct db_stmt *s = NULL;
	json_t *before = NULL, *after = NULL;
	struct arena a;
	int64_t now;
	enum ct_err rc;
	int row;

	rc = store_check_actor(who, err);
	if (rc)
		return rc;
	if (!id)
		return ct_error_set(err, CT_ERR_INVALID,
				    "id: geef de noodtoegang op.");
	if (note && strlen(note) > STORE_REASON_MAX)
		return ct_error_set(err, CT_ERR_INVALID,
				    "note: de toelichting is te lang "
				    "(hoogstens %d tekens).",
				    STORE_REASON_MAX);
	arena_init(&a, ARENA_MAX_DEFAULT);
	rc = store_write_begin(st, err);
	if (rc)
		goto out;
	rc = db_prepare(st->db,
			"SELECT " BG_COLUMNS " FROM break_glass WHERE id = ?",
			&s, err);
	if (rc == CT_OK) {
		db_bind_text(s, 1, id);
		rc = db_step(s, &row, err);
		if (rc == CT_OK && !row)
			rc = ct_error_set(err, CT_ERR_NOTFOUND,
					  "Noodtoegang %s bestaat niet.", id);
		if (rc == CT_OK)
			read_grant(s, &a, &b);
	}
	db_finalize(s);
	s = NULL;
	if (rc == CT_OK && b.reviewed_at)
		rc = ct_error_set(err, CT_ERR_CONFLICT,
				  "Deze noodtoegang is al beoordeeld door %s.",
				  b.reviewed_by ? b.reviewed_by : "iemand");
	if (rc)
		goto end;
	now = store_now(st) > 0 ? store_now(st) : 1;
	rc = db_prepare(st->db,
			"UPDATE break_glass SET reviewed_by = ?, "
			"reviewed_at = ?, review_note = ? "
			"WHERE id = ? AND reviewed_at = 0",
			&s, err);
	if (rc == CT_OK) {
		db_bind_text(s, 1, who->label);
		db_bind_int64(s, 2, now);
		db_bind_text(s, 3, note);
		db_bind_text(s, 4, id);
		rc = db_step(s, &row, err);
	}
	db_finalize(s);
	if (rc == CT_OK)
		rc = store_auth_epoch_bump(st, err);
	if (rc == CT_OK) {
		before = json_pack("{s:I}", "reviewed_at", (json_int_t)0);
		after = json_pack("{s:I, s:s, s:s?}", "reviewed_at",
				  (json_int_t)now, "reviewed_by", who->label,
				  "review_note", note);
		rc = journal_append(st, who, b.case_id, "break_glass.review",
				    "break_glass", b.id, before, after, err);
	}
end:
	rc = store_write_end(st, rc, err);
out:
	json_decref(before);
	json_decref(after);
	arena_release(&a);
	return rc;
}
