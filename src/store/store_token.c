/*
 * store_token.c - bearer tokens for machine clients: scoped, revocable,
 * optionally expiring, stored by hash only.
 *
 * Scopes are policy action names (core/policy.h); an unknown one is
 * refused when the token is made, so a typo cannot silently grant
 * nothing (or, after a later rename, something else). Creation and
 * revocation are journaled on the token's user, without the hash.
 */
#include "store/store_auth.h"

#include <stdio.h>
#include <string.h>

#include "core/policy.h"
#include "store/db.h"
#include "store/store_int.h"
#include "util/sbuf.h"
#include "util/uuid.h"
#include "util/banned.h"

#define TOKEN_COLUMNS                                                          \
	"id, user_id, name, scopes, created_at, expires_at, revoked_at"
#define SCOPE_NAME_MAX 64
#define SCOPES_TEXT_MAX 2048

static void
read_token(struct db_stmt *s, struct arena *a, struct api_token *t)
{
	memset(t, 0, sizeof(*t));
	store_col_buf(s, 0, t->id, sizeof(t->id));
	store_col_buf(s, 1, t->user_id, sizeof(t->user_id));
	t->name = store_col_str(s, 2, a);
	t->scopes = store_col_str(s, 3, a);
	t->created_at = db_column_int64(s, 4);
	t->expires_at = db_column_int64(s, 5);
	t->revoked_at = db_column_int64(s, 6);
}

/* Every scope must be a known action name; every problem listed. */
static void
check_scopes(const char *scopes, struct ct_problems *p)
{
	char name[SCOPE_NAME_MAX];
	const char *c = scopes, *end;
	size_t len;

	if (!scopes || !scopes[0]) {
		ct_problems_add(p, "scopes",
				"geef minstens één bevoegdheid op.");
		return;
	}
	if (strlen(scopes) > SCOPES_TEXT_MAX) {
		ct_problems_add(p, "scopes", "te lang.");
		return;
	}
	for (;;) {
		end = strchr(c, ',');
		len = end ? (size_t)(end - c) : strlen(c);
		if (len == 0 || len >= sizeof(name)) {
			ct_problems_add(p, "scopes",
					"lege of te lange bevoegdheid.");
		} else {
			memcpy(name, c, len);
			name[len] = '\0';
			if (policy_action_from_name(name) < 0)
				ct_problems_add(p, "scopes",
						"onbekende bevoegdheid '%s'.",
						name);
		}
		if (!end)
			break;
		c = end + 1;
	}
}

enum ct_err
store_api_token_create(struct store *st, const struct store_actor *who,
		       struct api_token *t, const char *token_hash,
		       struct ct_error *err)
{
	struct api_token rec = *t;
	struct ct_problems p;
	struct db_stmt *s = NULL;
	enum ct_err rc;
	int found, row;

	rc = store_check_actor(who, err);
	if (rc)
		return rc;
	ct_problems_init(&p);
	if (!store_token_hash_shaped(token_hash))
		ct_problems_add(&p, "token_hash",
				"geen geldige hash van een token.");
	if (!t->name || !t->name[0] || strlen(t->name) > STORE_TOKEN_NAME_MAX)
		ct_problems_add(&p, "name",
				"geef een naam van 1 tot %d tekens.",
				STORE_TOKEN_NAME_MAX);
	check_scopes(t->scopes, &p);
	rec.created_at = store_now(st);
	if (t->expires_at < 0 ||
	    (t->expires_at && t->expires_at <= rec.created_at))
		ct_problems_add(&p, "expires_at", "ligt niet in de toekomst.");
	rc = ct_problems_to_error(&p, err);
	if (rc)
		return rc;
	ct_uuid_new(rec.id);
	rec.revoked_at = 0;

	rc = store_write_begin(st, err);
	if (rc)
		return rc;
	rc = store_row_exists(st, "SELECT 1 FROM users WHERE id = ?",
			      t->user_id, &found, err);
	if (rc == CT_OK && !found)
		rc = ct_error_set(err, CT_ERR_NOTFOUND,
				  "Gebruiker %s bestaat niet.", t->user_id);
	if (rc == CT_OK)
		rc = store_row_exists(st,
				      "SELECT 1 FROM api_tokens "
				      "WHERE token_hash = ?",
				      token_hash, &found, err);
	if (rc == CT_OK && found)
		rc = ct_error_set(err, CT_ERR_EXISTS,
				  "Er bestaat al een token met deze hash.");
	if (rc == CT_OK)
		rc = db_prepare(st->db,
				"INSERT INTO api_tokens (" TOKEN_COLUMNS
				", token_hash) VALUES (?, ?, ?, ?, ?, ?, 0, ?)",
				&s, err);
	if (rc == CT_OK) {
		db_bind_text(s, 1, rec.id);
		db_bind_text(s, 2, rec.user_id);
		db_bind_text(s, 3, rec.name);
		db_bind_text(s, 4, rec.scopes);
		db_bind_int64(s, 5, rec.created_at);
		db_bind_int64(s, 6, rec.expires_at);
		db_bind_text(s, 7, token_hash);
		rc = db_step(s, &row, err);
	}
	db_finalize(s);
	if (rc == CT_OK) {
		json_t *after =
			json_pack("{s:s, s:s, s:s, s:I}", "token_id", rec.id,
				  "name", rec.name, "scopes", rec.scopes,
				  "expires_at", (json_int_t)rec.expires_at);

		rc = journal_append(st, who, NULL, "user.token_create", "user",
				    rec.user_id, NULL, after, err);
		json_decref(after);
	}
	rc = store_write_end(st, rc, err);
	if (rc == CT_OK)
		*t = rec;
	return rc;
}

enum ct_err
store_api_token_get(struct store *st, const char *token_hash, int64_t now,
		    struct arena *a, struct api_token *out,
		    struct ct_error *err)
{
	struct db_stmt *s = NULL;
	struct api_token t;
	enum ct_err rc;
	int row;

	if (!store_token_hash_shaped(token_hash))
		return ct_error_set(err, CT_ERR_INVALID,
				    "token_hash: geen geldige hash van een "
				    "token.");
	rc = db_prepare(st->db,
			"SELECT " TOKEN_COLUMNS " FROM api_tokens "
			"WHERE token_hash = ? AND revoked_at = 0 "
			"AND (expires_at = 0 OR expires_at > ?)",
			&s, err);
	if (rc)
		return rc;
	db_bind_text(s, 1, token_hash);
	db_bind_int64(s, 2, now);
	rc = db_step(s, &row, err);
	if (rc == CT_OK && !row)
		rc = ct_error_set(err, CT_ERR_NOTFOUND,
				  "Dit token is onbekend, ingetrokken of "
				  "verlopen.");
	if (rc == CT_OK)
		read_token(s, a, &t);
	db_finalize(s);
	if (rc == CT_OK)
		*out = t;
	return rc;
}

enum ct_err
store_api_token_list(struct store *st, const char *user_id, struct arena *a,
		     struct api_token **out, size_t *n, struct ct_error *err)
{
	struct api_token *arr = NULL;
	struct db_stmt *s = NULL;
	size_t count = 0, cap = 0;
	enum ct_err rc;
	int row;

	if (!user_id)
		return ct_error_set(err, CT_ERR_INVALID,
				    "user_id: geef de gebruiker op.");
	rc = db_prepare(st->db,
			"SELECT " TOKEN_COLUMNS " FROM api_tokens "
			"WHERE user_id = ? ORDER BY created_at DESC, id",
			&s, err);
	if (rc)
		return rc;
	db_bind_text(s, 1, user_id);
	while ((rc = db_step(s, &row, err)) == CT_OK && row) {
		if (count == STORE_LIST_MAX ||
		    !(arr = store_grow(a, arr, count, &cap, sizeof(*arr)))) {
			rc = ct_error_set(err, CT_ERR_LIMIT,
					  "Te veel tokens om te tonen.");
			break;
		}
		read_token(s, a, &arr[count++]);
	}
	db_finalize(s);
	if (rc)
		return rc;
	*out = arr;
	*n = count;
	return CT_OK;
}

enum ct_err
store_api_token_revoke(struct store *st, const struct store_actor *who,
		       const char *token_id, struct ct_error *err)
{
	struct db_stmt *s = NULL;
	struct api_token t;
	struct arena a;
	enum ct_err rc;
	int row;

	rc = store_check_actor(who, err);
	if (rc)
		return rc;
	if (!token_id)
		return ct_error_set(err, CT_ERR_INVALID,
				    "token_id: geef het token op.");
	arena_init(&a, ARENA_MAX_DEFAULT);
	rc = store_write_begin(st, err);
	if (rc)
		goto out;
	rc = db_prepare(st->db,
			"SELECT " TOKEN_COLUMNS " FROM api_tokens WHERE id = ?",
			&s, err);
	if (rc == CT_OK) {
		db_bind_text(s, 1, token_id);
		rc = db_step(s, &row, err);
		if (rc == CT_OK && !row)
			rc = ct_error_set(err, CT_ERR_NOTFOUND,
					  "Token %s bestaat niet.", token_id);
		if (rc == CT_OK)
			read_token(s, &a, &t);
	}
	db_finalize(s);
	s = NULL;
	/* Revoking twice changes nothing and is not journaled again. */
	if (rc || t.revoked_at)
		goto end;
	rc = db_prepare(st->db,
			"UPDATE api_tokens SET revoked_at = ? WHERE id = ?", &s,
			err);
	if (rc == CT_OK) {
		db_bind_int64(s, 1, store_now(st));
		db_bind_text(s, 2, token_id);
		rc = db_step(s, &row, err);
	}
	db_finalize(s);
	if (rc == CT_OK)
		rc = store_auth_epoch_bump(st, err);
	if (rc == CT_OK) {
		json_t *jb =
			json_pack("{s:s, s:s, s:I}", "token_id", t.id, "name",
				  t.name, "revoked_at", (json_int_t)0);
		json_t *ja = json_pack("{s:s, s:s, s:I}", "token_id", t.id,
				       "name", t.name, "revoked_at",
				       (json_int_t)store_now(st));

		rc = journal_append(st, who, NULL, "user.token_revoke", "user",
				    t.user_id, jb, ja, err);
		json_decref(jb);
		json_decref(ja);
	}
end:
	rc = store_write_end(st, rc, err);
out:
	arena_release(&a);
	return rc;
}
