/*
 * store_team.c - the case team: which organisations see a case.
 *
 * A membership is a row with added_at and removed_at (0 while a member);
 * leaving sets removed_at, so the history of who could see the case stays
 * readable, and joining again makes a new row. A partial unique index
 * keeps at most one current row per case and organisation, so two
 * processes adding the same member at once cannot both succeed.
 */
#include "store/store_team.h"

#include <stdio.h>
#include <string.h>

#include "store/db.h"
#include "store/store_int.h"
#include "util/uuid.h"
#include "util/banned.h"

/* A reason between STORE_REASON_MIN and STORE_REASON_MAX bytes. */
static enum ct_err
check_reason(const char *reason, struct ct_error *err)
{
	size_t len = reason ? strlen(reason) : 0;

	if (len < STORE_REASON_MIN)
		return ct_error_set(err, CT_ERR_INVALID,
				    "reason: geef een reden van minstens %d "
				    "tekens; die hoort in het journaal.",
				    STORE_REASON_MIN);
	if (len > STORE_REASON_MAX)
		return ct_error_set(err, CT_ERR_INVALID,
				    "reason: de reden is te lang (hoogstens "
				    "%d tekens).",
				    STORE_REASON_MAX);
	return CT_OK;
}

/* The owning organisation of case_id into owner; NOTFOUND when none. */
static enum ct_err
case_owner(struct store *st, const char *case_id, char owner[CT_UUID_SIZE],
	   struct ct_error *err)
{
	struct db_stmt *s = NULL;
	enum ct_err rc;
	int row;

	if (!case_id)
		return ct_error_set(err, CT_ERR_INVALID,
				    "case_id: geef de casus op.");
	rc = db_prepare(st->db, "SELECT owner_org_id FROM cases WHERE id = ?",
			&s, err);
	if (rc)
		return rc;
	db_bind_text(s, 1, case_id);
	rc = db_step(s, &row, err);
	if (rc == CT_OK && !row)
		rc = ct_error_set(err, CT_ERR_NOTFOUND,
				  "Casus %s bestaat niet.", case_id);
	if (rc == CT_OK)
		store_col_buf(s, 0, owner, CT_UUID_SIZE);
	db_finalize(s);
	return rc;
}

/* The id of the current membership row, "" when org_id is no member. */
static enum ct_err
current_row(struct store *st, const char *case_id, const char *org_id,
	    char id[CT_UUID_SIZE], struct ct_error *err)
{
	struct db_stmt *s = NULL;
	enum ct_err rc;
	int row;

	id[0] = '\0';
	rc = db_prepare(st->db,
			"SELECT id FROM case_team WHERE case_id = ? "
			"AND org_id = ? AND removed_at = 0",
			&s, err);
	if (rc)
		return rc;
	db_bind_text(s, 1, case_id);
	db_bind_text(s, 2, org_id);
	rc = db_step(s, &row, err);
	if (rc == CT_OK && row)
		store_col_buf(s, 0, id, CT_UUID_SIZE);
	db_finalize(s);
	return rc;
}

/* Insert a membership row; its id into id. */
static enum ct_err
insert_row(struct store *st, const struct store_actor *who, const char *case_id,
	   const char *org_id, const char *reason, char id[CT_UUID_SIZE],
	   struct ct_error *err)
{
	struct db_stmt *s = NULL;
	enum ct_err rc;
	int row;

	ct_uuid_new(id);
	rc = db_prepare(st->db,
			"INSERT INTO case_team (id, case_id, org_id, reason, "
			"added_by, added_at, removed_at) "
			"VALUES (?, ?, ?, ?, ?, ?, 0)",
			&s, err);
	if (rc)
		return rc;
	db_bind_text(s, 1, id);
	db_bind_text(s, 2, case_id);
	db_bind_text(s, 3, org_id);
	db_bind_text(s, 4, reason);
	db_bind_text(s, 5, who->label);
	db_bind_int64(s, 6, store_now(st));
	rc = db_step(s, &row, err);
	db_finalize(s);
	return rc;
}

enum ct_err
store_team_insert(struct store *st, const struct store_actor *who,
		  const char *case_id, const char *org_id, const char *reason,
		  struct ct_error *err)
{
	char id[CT_UUID_SIZE];

	CT_ASSERT(st->depth > 0);
	return insert_row(st, who, case_id, org_id, reason, id, err);
}

enum ct_err
store_team_add(struct store *st, const struct store_actor *who,
	       const char *case_id, const char *org_id, const char *reason,
	       struct ct_error *err)
{
	char owner[CT_UUID_SIZE], id[CT_UUID_SIZE];
	json_t *after = NULL;
	enum ct_err rc;
	int found;

	rc = store_check_actor(who, err);
	if (rc == CT_OK)
		rc = check_reason(reason, err);
	if (rc == CT_OK && !org_id)
		rc = ct_error_set(err, CT_ERR_INVALID,
				  "org_id: geef de organisatie op.");
	if (rc)
		return rc;
	rc = store_write_begin(st, err);
	if (rc)
		return rc;
	rc = case_owner(st, case_id, owner, err);
	if (rc == CT_OK)
		rc = store_row_exists(st, "SELECT 1 FROM orgs WHERE id = ?",
				      org_id, &found, err);
	if (rc == CT_OK && !found)
		rc = ct_error_set(err, CT_ERR_NOTFOUND,
				  "Organisatie %s bestaat niet.", org_id);
	if (rc == CT_OK)
		rc = current_row(st, case_id, org_id, id, err);
	if (rc == CT_OK && id[0])
		rc = ct_error_set(err, CT_ERR_EXISTS,
				  "Deze organisatie zit al in het casusteam.");
	if (rc == CT_OK)
		rc = insert_row(st, who, case_id, org_id, reason, id, err);
	if (rc == CT_OK) {
		after = json_pack("{s:s, s:s, s:s}", "case_id", case_id,
				  "org_id", org_id, "reason", reason);
		rc = journal_append(st, who, case_id, "team.add", "case_team",
				    id, NULL, after, err);
	}
	if (rc == CT_OK)
		rc = store_order_sync_case_tasks(st, who, case_id, err);
	json_decref(after);
	return store_write_end(st, rc, err);
}

enum ct_err
store_team_remove(struct store *st, const struct store_actor *who,
		  const char *case_id, const char *org_id, const char *reason,
		  struct ct_error *err)
{
	char owner[CT_UUID_SIZE], id[CT_UUID_SIZE];
	json_t *before = NULL, *after = NULL;
	struct db_stmt *s = NULL;
	int64_t now;
	enum ct_err rc;
	int row;

	rc = store_check_actor(who, err);
	if (rc == CT_OK)
		rc = check_reason(reason, err);
	if (rc == CT_OK && !org_id)
		rc = ct_error_set(err, CT_ERR_INVALID,
				  "org_id: geef de organisatie op.");
	if (rc)
		return rc;
	rc = store_write_begin(st, err);
	if (rc)
		return rc;
	rc = case_owner(st, case_id, owner, err);
	if (rc == CT_OK && strcmp(owner, org_id) == 0)
		rc = ct_error_set(err, CT_ERR_DENIED,
				  "De eigenaar van de casus kan het casusteam "
				  "niet verlaten.");
	if (rc == CT_OK)
		rc = current_row(st, case_id, org_id, id, err);
	if (rc == CT_OK && !id[0])
		rc = ct_error_set(err, CT_ERR_NOTFOUND,
				  "Deze organisatie zit niet in het "
				  "casusteam.");
	if (rc)
		goto end;
	/* removed_at 0 means "still a member": never store it. */
	now = store_now(st) > 0 ? store_now(st) : 1;
	rc = db_prepare(st->db,
			"UPDATE case_team SET removed_at = ?, removed_by = ?, "
			"removed_reason = ? WHERE id = ?",
			&s, err);
	if (rc == CT_OK) {
		db_bind_int64(s, 1, now);
		db_bind_text(s, 2, who->label);
		db_bind_text(s, 3, reason);
		db_bind_text(s, 4, id);
		rc = db_step(s, &row, err);
	}
	db_finalize(s);
	if (rc == CT_OK) {
		before = json_pack("{s:s, s:s}", "case_id", case_id, "org_id",
				   org_id);
		after = json_pack("{s:s, s:s, s:s}", "case_id", case_id,
				  "org_id", org_id, "removed_reason", reason);
		rc = journal_append(st, who, case_id, "team.remove",
				    "case_team", id, before, after, err);
	}
	if (rc == CT_OK)
		rc = store_order_sync_case_tasks(st, who, case_id, err);
end:
	json_decref(before);
	json_decref(after);
	return store_write_end(st, rc, err);
}

enum ct_err
store_team_list(struct store *st, const char *case_id, int with_removed,
		struct arena *a, struct team_member **out, size_t *n,
		struct ct_error *err)
{
	char owner[CT_UUID_SIZE];
	struct team_member *arr = NULL, *m;
	struct db_stmt *s = NULL;
	size_t count = 0, cap = 0;
	enum ct_err rc;
	int row;

	rc = case_owner(st, case_id, owner, err);
	if (rc)
		return rc;
	rc = db_prepare(st->db,
			"SELECT t.case_id, t.org_id, o.name, t.reason, "
			"t.added_by, t.added_at, t.removed_at, "
			"t.removed_reason FROM case_team t "
			"JOIN orgs o ON o.id = t.org_id "
			"WHERE t.case_id = ? AND (? = 1 OR t.removed_at = 0) "
			"ORDER BY CASE WHEN t.org_id = ? THEN 0 ELSE 1 END, "
			"t.added_at, t.id",
			&s, err);
	if (rc)
		return rc;
	db_bind_text(s, 1, case_id);
	db_bind_int64(s, 2, with_removed ? 1 : 0);
	db_bind_text(s, 3, owner);
	while ((rc = db_step(s, &row, err)) == CT_OK && row) {
		if (count == STORE_LIST_MAX ||
		    !(arr = store_grow(a, arr, count, &cap, sizeof(*arr)))) {
			rc = ct_error_set(err, CT_ERR_LIMIT,
					  "Het casusteam is te groot om te "
					  "tonen.");
			break;
		}
		m = &arr[count++];
		memset(m, 0, sizeof(*m));
		store_col_buf(s, 0, m->case_id, sizeof(m->case_id));
		store_col_buf(s, 1, m->org_id, sizeof(m->org_id));
		m->org_name = store_col_str(s, 2, a);
		m->reason = store_col_str(s, 3, a);
		m->added_by = store_col_str(s, 4, a);
		m->added_at = db_column_int64(s, 5);
		m->removed_at = db_column_int64(s, 6);
		m->removed_reason = store_col_str(s, 7, a);
		m->is_owner = strcmp(m->org_id, owner) == 0;
	}
	db_finalize(s);
	if (rc)
		return rc;
	*out = arr;
	*n = count;
	return CT_OK;
}

enum ct_err
store_team_org_ids(struct store *st, const char *case_id, struct arena *a,
		   const char ***out, size_t *n, struct ct_error *err)
{
	const char **arr = NULL;
	struct db_stmt *s = NULL;
	size_t count = 0, cap = 0;
	enum ct_err rc;
	int row;

	if (!case_id)
		return ct_error_set(err, CT_ERR_INVALID,
				    "case_id: geef de casus op.");
	/* In organisation order: the index of current members has it, so
	 * no row of the table and no sort are needed (the policy takes the
	 * members as a set). */
	rc = db_prepare(st->db,
			"SELECT org_id FROM case_team WHERE case_id = ? "
			"AND removed_at = 0 ORDER BY org_id",
			&s, err);
	if (rc)
		return rc;
	db_bind_text(s, 1, case_id);
	while ((rc = db_step(s, &row, err)) == CT_OK && row) {
		if (count == STORE_LIST_MAX ||
		    !(arr = store_grow(a, arr, count, &cap, sizeof(*arr)))) {
			rc = ct_error_set(err, CT_ERR_LIMIT,
					  "Het casusteam is te groot.");
			break;
		}
		arr[count++] = store_col_str(s, 0, a);
	}
	db_finalize(s);
	if (rc)
		return rc;
	*out = arr;
	*n = count;
	return CT_OK;
}
