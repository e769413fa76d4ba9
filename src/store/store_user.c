/*
 * store_user.c - users: create, get (by id or user name), list, update
 * (name, email, roles, active) and the password hash.
 *
 * The password hash is kept out of struct user and out of the journal:
 * the journal records that a password was set (a new version of the user),
 * never the hash itself, so the journal can be shown and exported without
 * exposing anything that helps to guess a password.
 */
#include "store/store.h"

#include <string.h>

#include "core/model_json.h"
#include "core/validate.h"
#include "store/store_int.h"
#include "util/uuid.h"
#include "util/banned.h"

#define USER_COLUMNS                                                           \
	"id, org_id, username, display_name, email, roles, "                   \
	"active, version"

static enum ct_err
read_user(struct store *st, struct db_stmt *s, struct arena *a, void *rec,
	  struct ct_error *err)
{
	struct user *u = rec;

	memset(u, 0, sizeof(*u));
	store_col_buf(s, 0, u->id, sizeof(u->id));
	store_col_buf(s, 1, u->org_id, sizeof(u->org_id));
	u->username = store_col_str(s, 2, a);
	u->display_name = store_col_str(s, 3, a);
	u->email = store_col_str(s, 4, a);
	u->active = db_column_int64(s, 6) != 0;
	u->version = db_column_int64(s, 7);
	return store_col_mask(st, s, 5, &vocab_user_role, &u->roles, err);
}

static const struct store_row_reader user_reader = {sizeof(struct user),
						    "gebruikers", read_user};

static enum ct_err
insert_user(struct store *st, const struct user *u, const char *pwhash,
	    int64_t now, struct ct_error *err)
{
	char roles[STORE_MASK_TEXT_MAX];
	struct db_stmt *s = NULL;
	enum ct_err rc;
	int row;

	store_mask_text(&vocab_user_role, u->roles, roles);
	rc = db_prepare(st->db,
			"INSERT INTO users (id, org_id, username, "
			"display_name, email, roles, active, password_hash, "
			"created_at, updated_at, version) "
			"VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
			&s, err);
	if (rc)
		return rc;
	db_bind_text(s, 1, u->id);
	db_bind_text(s, 2, u->org_id);
	db_bind_text(s, 3, u->username);
	db_bind_text(s, 4, u->display_name);
	db_bind_text(s, 5, u->email);
	db_bind_text(s, 6, roles);
	db_bind_int64(s, 7, u->active ? 1 : 0);
	db_bind_text(s, 8, pwhash);
	db_bind_int64(s, 9, now);
	db_bind_int64(s, 10, now);
	db_bind_int64(s, 11, u->version);
	rc = db_step(s, &row, err);
	db_finalize(s);
	return rc;
}

enum ct_err
store_user_create(struct store *st, const struct store_actor *who,
		  struct user *u, const char *password_hash,
		  struct ct_error *err)
{
	struct ct_problems p;
	struct user rec = *u;
	json_t *after = NULL;
	enum ct_err rc;
	int found;

	rc = store_check_actor(who, err);
	if (rc)
		return rc;
	ct_problems_init(&p);
	user_validate(u, &p);
	if (password_hash &&
	    (!password_hash[0] || strlen(password_hash) >= CT_PWHASH_SIZE))
		ct_problems_add(&p, "password_hash",
				"het wachtwoord is niet goed versleuteld");
	rc = ct_problems_to_error(&p, err);
	if (rc)
		return rc;

	rc = store_write_begin(st, err);
	if (rc)
		return rc;
	rc = store_row_exists(st, "SELECT 1 FROM orgs WHERE id = ?", u->org_id,
			      &found, err);
	if (rc == CT_OK && !found)
		rc = ct_error_set(err, CT_ERR_NOTFOUND,
				  "org_id: organisatie %s bestaat niet; maak "
				  "haar eerst aan.",
				  u->org_id);
	if (rc == CT_OK)
		rc = store_row_exists(st,
				      "SELECT 1 FROM users WHERE username = ?",
				      u->username, &found, err);
	if (rc == CT_OK && found)
		rc = ct_error_set(err, CT_ERR_EXISTS,
				  "username: gebruikersnaam '%s' is al in "
				  "gebruik; kies een andere.",
				  u->username);
	if (rc == CT_OK) {
		ct_uuid_new(rec.id);
		rec.version = 1;
		rc = insert_user(st, &rec, password_hash, store_now(st), err);
	}
	if (rc == CT_OK) {
		after = user_to_json(&rec);
		rc = journal_append(st, who, NULL, "user.create", "user",
				    rec.id, NULL, after, err);
	}
	rc = store_write_end(st, rc, err);
	json_decref(after);
	if (rc == CT_OK)
		*u = rec;
	return rc;
}

enum ct_err
store_user_get(struct store *st, const char *id_or_username, struct arena *a,
	       struct user *out, struct ct_error *err)
{
	const char *params[] = {id_or_username, id_or_username};
	struct user u;
	enum ct_err rc;

	if (!id_or_username)
		return ct_error_set(err, CT_ERR_INVALID,
				    "user: geef een gebruiker op.");
	rc = store_query_one(st,
			     "SELECT " USER_COLUMNS " FROM users "
			     "WHERE id = ? OR username = ?",
			     params, 2, &user_reader, a, &u, err);
	if (rc == CT_ERR_NOTFOUND)
		return ct_error_set(
			err, rc,
			"Gebruiker '%s' bestaat niet. Controleer de "
			"gebruikersnaam of het id.",
			id_or_username);
	if (rc == CT_OK)
		*out = u;
	return rc;
}

enum ct_err
store_user_list(struct store *st, const char *org_id, struct arena *a,
		struct user **out, size_t *n, struct ct_error *err)
{
	const char *params[] = {org_id};
	void *arr = NULL;
	enum ct_err rc;

	rc = store_query_all(st,
			     org_id ? "SELECT " USER_COLUMNS " FROM users "
				      "WHERE org_id = ? ORDER BY username"
				    : "SELECT " USER_COLUMNS " FROM users "
				      "ORDER BY username",
			     params, org_id ? 1 : 0, &user_reader, a, &arr, n,
			     err);
	if (rc == CT_OK)
		*out = arr;
	return rc;
}

enum ct_err
store_user_password_hash(struct store *st, const char *user_id, struct arena *a,
			 const char **out, struct ct_error *err)
{
	struct db_stmt *s = NULL;
	const char *hash = NULL;
	enum ct_err rc;
	int row;

	if (!user_id)
		return ct_error_set(err, CT_ERR_INVALID,
				    "user_id: geef een gebruiker op.");
	rc = db_prepare(st->db, "SELECT password_hash FROM users WHERE id = ?",
			&s, err);
	if (rc)
		return rc;
	db_bind_text(s, 1, user_id);
	rc = db_step(s, &row, err);
	if (rc == CT_OK && !row)
		rc = ct_error_set(err, CT_ERR_NOTFOUND,
				  "Gebruiker %s bestaat niet.", user_id);
	if (rc == CT_OK)
		hash = store_col_str(s, 0, a);
	db_finalize(s);
	if (rc == CT_OK)
		*out = hash;
	return rc;
}

enum ct_err
store_user_set_password(struct store *st, const struct store_actor *who,
			const char *user_id, const char *password_hash,
			struct ct_error *err)
{
	struct arena a;
	struct user before, after;
	json_t *jb = NULL, *ja = NULL;
	struct db_stmt *s = NULL;
	enum ct_err rc;
	int row;

	rc = store_check_actor(who, err);
	if (rc)
		return rc;
	if (!user_id || !password_hash || !password_hash[0] ||
	    strlen(password_hash) >= CT_PWHASH_SIZE)
		return ct_error_set(err, CT_ERR_INVALID,
				    "password_hash: het wachtwoord is niet "
				    "goed versleuteld.");
	arena_init(&a, ARENA_MAX_DEFAULT);
	rc = store_write_begin(st, err);
	if (rc)
		goto out;
	/* By id only: a user name that looks like an id must not match. */
	rc = store_user_get(st, user_id, &a, &before, err);
	if (rc == CT_OK && strcmp(before.id, user_id) != 0)
		rc = ct_error_set(err, CT_ERR_NOTFOUND,
				  "Gebruiker %s bestaat niet.", user_id);
	if (rc == CT_OK)
		rc = db_prepare(st->db,
				"UPDATE users SET password_hash = ?, "
				"updated_at = ?, version = version + 1 "
				"WHERE id = ? AND version = ?",
				&s, err);
	if (rc == CT_OK) {
		db_bind_text(s, 1, password_hash);
		db_bind_int64(s, 2, store_now(st));
		db_bind_text(s, 3, user_id);
		db_bind_int64(s, 4, before.version);
		rc = db_step(s, &row, err);
		if (rc == CT_OK && db_changes(st->db) != 1)
			rc = store_conflict(st, "De gebruiker", user_id, err);
	}
	if (rc == CT_OK)
		rc = store_auth_epoch_bump(st, err);
	if (rc == CT_OK) {
		after = before;
		after.version = before.version + 1;
		jb = user_to_json(&before);
		ja = user_to_json(&after);
		rc = journal_append(st, who, NULL, "user.set_password", "user",
				    user_id, jb, ja, err);
	}
	db_finalize(s);
	rc = store_write_end(st, rc, err);
out:
	json_decref(jb);
	json_decref(ja);
	arena_release(&a);
	return rc;
}

enum ct_err
store_user_update(struct store *st, const struct store_actor *who,
		  struct user *u, struct ct_error *err)
{
	char roles[STORE_MASK_TEXT_MAX];
	struct user before, after;
	struct ct_problems p;
	json_t *jb = NULL, *ja = NULL;
	struct db_stmt *s = NULL;
	struct arena a;
	enum ct_err rc;
	int row;

	rc = store_check_actor(who, err);
	if (rc)
		return rc;
	arena_init(&a, ARENA_MAX_DEFAULT);
	rc = store_write_begin(st, err);
	if (rc)
		goto out;
	/* By id only: a user name that looks like an id must not match. */
	rc = store_user_get(st, u->id, &a, &before, err);
	if (rc == CT_OK && strcmp(before.id, u->id) != 0)
		rc = ct_error_set(err, CT_ERR_NOTFOUND,
				  "Gebruiker %s bestaat niet.", u->id);
	if (rc)
		goto end;
	/* The version first: a stale change is a conflict, whatever it
	 * says. */
	if (u->version != before.version) {
		rc = store_conflict(st, "De gebruiker", u->id, err);
		goto end;
	}
	after = before;
	after.display_name = u->display_name;
	after.email = u->email && u->email[0] ? u->email : NULL;
	after.roles = u->roles;
	after.active = u->active ? 1 : 0;
	ct_problems_init(&p);
	user_validate(&after, &p);
	rc = ct_problems_to_error(&p, err);
	if (rc)
		goto end;
	store_mask_text(&vocab_user_role, after.roles, roles);
	rc = db_prepare(st->db,
			"UPDATE users SET display_name = ?, email = ?, "
			"roles = ?, active = ?, updated_at = ?, "
			"version = version + 1 WHERE id = ? AND version = ?",
			&s, err);
	if (rc == CT_OK) {
		db_bind_text(s, 1, after.display_name);
		db_bind_text(s, 2, after.email);
		db_bind_text(s, 3, roles);
		db_bind_int64(s, 4, after.active);
		db_bind_int64(s, 5, store_now(st));
		db_bind_text(s, 6, after.id);
		db_bind_int64(s, 7, before.version);
		rc = db_step(s, &row, err);
		if (rc == CT_OK && db_changes(st->db) != 1)
			rc = store_conflict(st, "De gebruiker", u->id, err);
	}
	db_finalize(s);
	s = NULL;
	/* Issue 3: a deactivated account may not stay logged in. */
	if (rc == CT_OK && before.active && !after.active) {
		rc = db_prepare(st->db,
				"DELETE FROM sessions WHERE user_id = ?", &s,
				err);
		if (rc == CT_OK) {
			db_bind_text(s, 1, after.id);
			rc = db_step(s, &row, err);
		}
		db_finalize(s);
	}
	if (rc == CT_OK)
		rc = store_auth_epoch_bump(st, err);
	if (rc == CT_OK) {
		after.version = before.version + 1;
		jb = user_to_json(&before);
		ja = user_to_json(&after);
		rc = journal_append(st, who, NULL, "user.update", "user",
				    after.id, jb, ja, err);
	}
end:
	rc = store_write_end(st, rc, err);
	if (rc == CT_OK) {
		/* Text of u stays the caller's; the rest as stored. */
		memcpy(u->org_id, after.org_id, sizeof(u->org_id));
		u->email = after.email;
		u->roles = after.roles;
		u->active = after.active;
		u->version = after.version;
	}
out:
	json_decref(jb);
	json_decref(ja);
	arena_release(&a);
	return rc;
}
