/*
 * store_session.c - server-side sessions, found by the hash of the token
 * in the cookie (the token itself is never stored).
 *
 * A session ends at whichever comes first: idle_expires_at (pushed on by
 * store_session_touch) or absolute_expires_at (fixed at creation). An
 * expired session found by store_session_get is deleted on the spot, so a
 * stolen old cookie cannot be revived by any later touch.
 */
#include "store/store_auth.h"

#include <stdio.h>
#include <string.h>

#include "store/db.h"
#include "store/store_int.h"
#include "util/uuid.h"
#include "util/banned.h"

#define SESSION_COLUMNS                                                        \
	"id, user_id, token_hash, created_at, last_seen_at, idle_expires_at, " \
	"absolute_expires_at, totp_verified"

int
store_token_hash_shaped(const char *h)
{
	size_t i;

	if (!h || strlen(h) != TOKEN_HASH_HEX_SIZE - 1)
		return 0;
	for (i = 0; h[i]; i++)
		if (!((h[i] >= '0' && h[i] <= '9') ||
		      (h[i] >= 'a' && h[i] <= 'f')))
			return 0;
	return 1;
}

static enum ct_err
bad_hash(struct ct_error *err)
{
	return ct_error_set(err, CT_ERR_INVALID,
			    "token_hash: geen geldige hash van een token.");
}

static void
read_session(struct db_stmt *s, struct session *out)
{
	memset(out, 0, sizeof(*out));
	store_col_buf(s, 0, out->id, sizeof(out->id));
	store_col_buf(s, 1, out->user_id, sizeof(out->user_id));
	store_col_buf(s, 2, out->token_hash, sizeof(out->token_hash));
	out->created_at = db_column_int64(s, 3);
	out->last_seen_at = db_column_int64(s, 4);
	out->idle_expires_at = db_column_int64(s, 5);
	out->absolute_expires_at = db_column_int64(s, 6);
	out->totp_verified = db_column_int64(s, 7) != 0;
}

enum ct_err
store_session_create(struct store *st, const char *user_id,
		     const char *token_hash, int64_t now, int64_t idle_seconds,
		     int64_t absolute_seconds, struct session *out,
		     struct ct_error *err)
{
	struct db_stmt *s = NULL;
	struct session rec;
	enum ct_err rc;
	int found, row;

	if (!store_token_hash_shaped(token_hash))
		return bad_hash(err);
	if (idle_seconds < 1 || absolute_seconds < 1)
		return ct_error_set(err, CT_ERR_INVALID,
				    "De verlooptijden van een sessie moeten "
				    "groter dan 0 zijn.");
	if (!user_id)
		return ct_error_set(err, CT_ERR_INVALID,
				    "user_id: geef de gebruiker op.");
	memset(&rec, 0, sizeof(rec));
	ct_uuid_new(rec.id);
	snprintf(rec.user_id, sizeof(rec.user_id), "%s", user_id);
	snprintf(rec.token_hash, sizeof(rec.token_hash), "%s", token_hash);
	rec.created_at = now;
	rec.last_seen_at = now;
	rec.absolute_expires_at = now + absolute_seconds;
	rec.idle_expires_at = now + idle_seconds;
	if (rec.idle_expires_at > rec.absolute_expires_at)
		rec.idle_expires_at = rec.absolute_expires_at;

	rc = store_write_begin(st, err);
	if (rc)
		return rc;
	rc = store_row_exists(st, "SELECT 1 FROM users WHERE id = ?", user_id,
			      &found, err);
	if (rc == CT_OK && !found)
		rc = ct_error_set(err, CT_ERR_NOTFOUND,
				  "Gebruiker %s bestaat niet.", user_id);
	if (rc == CT_OK)
		rc = store_row_exists(st,
				      "SELECT 1 FROM sessions "
				      "WHERE token_hash = ?",
				      token_hash, &found, err);
	if (rc == CT_OK && found)
		rc = ct_error_set(err, CT_ERR_EXISTS,
				  "Er bestaat al een sessie met dit token.");
	if (rc == CT_OK)
		rc = db_prepare(st->db,
				"INSERT INTO sessions (" SESSION_COLUMNS ") "
				"VALUES (?, ?, ?, ?, ?, ?, ?, 0)",
				&s, err);
	if (rc == CT_OK) {
		db_bind_text(s, 1, rec.id);
		db_bind_text(s, 2, rec.user_id);
		db_bind_text(s, 3, rec.token_hash);
		db_bind_int64(s, 4, rec.created_at);
		db_bind_int64(s, 5, rec.last_seen_at);
		db_bind_int64(s, 6, rec.idle_expires_at);
		db_bind_int64(s, 7, rec.absolute_expires_at);
		rc = db_step(s, &row, err);
	}
	db_finalize(s);
	rc = store_write_end(st, rc, err);
	if (rc == CT_OK)
		*out = rec;
	return rc;
}

static enum ct_err
no_session(struct ct_error *err)
{
	return ct_error_set(err, CT_ERR_NOTFOUND,
			    "Uw sessie is verlopen of bestaat niet; log "
			    "opnieuw in.");
}

/*
 * Run a statement with one text parameter; *changed gets the row count.
 * A session it changed or ended raises the auth epoch (store_auth.h).
 */
static enum ct_err
exec_one(struct store *st, const char *sql, const char *param, int64_t *changed,
	 struct ct_error *err)
{
	struct db_stmt *s = NULL;
	int64_t n = 0;
	enum ct_err rc;
	int row;

	rc = store_write_begin(st, err);
	if (rc)
		return rc;
	rc = db_prepare(st->db, sql, &s, err);
	if (rc == CT_OK) {
		db_bind_text(s, 1, param);
		rc = db_step(s, &row, err);
		if (rc == CT_OK)
			n = db_changes(st->db);
	}
	db_finalize(s);
	if (rc == CT_OK && n > 0)
		rc = store_auth_epoch_bump(st, err);
	rc = store_write_end(st, rc, err);
	if (rc == CT_OK && changed)
		*changed = n;
	return rc;
}

enum ct_err
store_session_get(struct store *st, const char *token_hash, int64_t now,
		  struct session *out, struct ct_error *err)
{
	struct db_stmt *s = NULL;
	struct session rec;
	enum ct_err rc;
	int row;

	if (!store_token_hash_shaped(token_hash))
		return bad_hash(err);
	rc = db_prepare(st->db,
			"SELECT " SESSION_COLUMNS " FROM sessions "
			"WHERE token_hash = ?",
			&s, err);
	if (rc)
		return rc;
	db_bind_text(s, 1, token_hash);
	rc = db_step(s, &row, err);
	if (rc == CT_OK && row)
		read_session(s, &rec);
	db_finalize(s);
	if (rc)
		return rc;
	if (!row)
		return no_session(err);
	if (now >= rec.idle_expires_at || now >= rec.absolute_expires_at) {
		rc = exec_one(st, "DELETE FROM sessions WHERE id = ?", rec.id,
			      NULL, err);
		return rc ? rc : no_session(err);
	}
	*out = rec;
	return CT_OK;
}

enum ct_err
store_session_touch(struct store *st, const char *session_id, int64_t now,
		    int64_t idle_seconds, struct ct_error *err)
{
	struct db_stmt *s = NULL;
	enum ct_err rc;
	int row;

	if (!session_id || idle_seconds < 1)
		return ct_error_set(err, CT_ERR_INVALID,
				    "Geef de sessie en een verlooptijd groter "
				    "dan 0 op.");
	rc = store_write_begin(st, err);
	if (rc)
		return rc;
	/* Never past the absolute end; an ended session is not revived.
	 * No auth epoch: a copy with an older idle end only goes back to
	 * the database sooner (store_auth.h). */
	rc = db_prepare(st->db,
			"UPDATE sessions SET last_seen_at = ?, "
			"idle_expires_at = CASE WHEN ? < absolute_expires_at "
			"THEN ? ELSE absolute_expires_at END "
			"WHERE id = ? AND idle_expires_at > ? "
			"AND absolute_expires_at > ?",
			&s, err);
	if (rc == CT_OK) {
		db_bind_int64(s, 1, now);
		db_bind_int64(s, 2, now + idle_seconds);
		db_bind_int64(s, 3, now + idle_seconds);
		db_bind_text(s, 4, session_id);
		db_bind_int64(s, 5, now);
		db_bind_int64(s, 6, now);
		rc = db_step(s, &row, err);
		if (rc == CT_OK && db_changes(st->db) != 1)
			rc = no_session(err);
	}
	db_finalize(s);
	return store_write_end(st, rc, err);
}

enum ct_err
store_session_set_totp_verified(struct store *st, const char *session_id,
				struct ct_error *err)
{
	int64_t changed = 0;
	enum ct_err rc;

	if (!session_id)
		return no_session(err);
	rc = exec_one(st, "UPDATE sessions SET totp_verified = 1 WHERE id = ?",
		      session_id, &changed, err);
	if (rc == CT_OK && changed != 1)
		rc = no_session(err);
	return rc;
}

enum ct_err
store_session_delete(struct store *st, const char *session_id,
		     struct ct_error *err)
{
	int64_t changed = 0;
	enum ct_err rc;

	if (!session_id)
		return no_session(err);
	rc = exec_one(st, "DELETE FROM sessions WHERE id = ?", session_id,
		      &changed, err);
	if (rc == CT_OK && changed != 1)
		rc = no_session(err);
	return rc;
}

enum ct_err
store_session_delete_user(struct store *st, const char *user_id,
			  struct ct_error *err)
{
	if (!user_id)
		return ct_error_set(err, CT_ERR_INVALID,
				    "user_id: geef de gebruiker op.");
	return exec_one(st, "DELETE FROM sessions WHERE user_id = ?", user_id,
			NULL, err);
}

enum ct_err
store_session_purge(struct store *st, int64_t now, int64_t *removed,
		    struct ct_error *err)
{
	struct db_stmt *s = NULL;
	int64_t n = 0;
	enum ct_err rc;
	int row;

	rc = store_write_begin(st, err);
	if (rc)
		return rc;
	rc = db_prepare(st->db,
			"DELETE FROM sessions WHERE idle_expires_at <= ? "
			"OR absolute_expires_at <= ?",
			&s, err);
	if (rc == CT_OK) {
		db_bind_int64(s, 1, now);
		db_bind_int64(s, 2, now);
		rc = db_step(s, &row, err);
		if (rc == CT_OK)
			n = db_changes(st->db);
	}
	db_finalize(s);
	if (rc == CT_OK && n > 0)
		rc = store_auth_epoch_bump(st, err);
	rc = store_write_end(st, rc, err);
	if (rc == CT_OK && removed)
		*removed = n;
	return rc;
}
