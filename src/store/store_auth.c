/*
 * store_auth.c - login security of a user: failed logins and the lock,
 * and the TOTP second factor (sealed secret, replay-proof step).
 *
 * One user_security row per user, made the first time anything about the
 * login happens; a user without one has the defaults (no second factor,
 * no failures, not locked). password_changed_at is not kept twice: it is
 * the time of the user's newest "user.create" or "user.set_password"
 * journal entry, which store_user.c already writes; totp_enrolled_at
 * likewise the newest "user.totp_enrol" (the account page shows it).
 *
 * The TOTP secret is sealed with crypto_secretbox under a key derived
 * from the server key and the user id (keyed BLAKE2b), so a sealed
 * secret copied to another user's row does not open. The stored text is
 * hex of nonce || ciphertext. Opened secrets and derived keys are wiped.
 */
#include "store/store_auth.h"

#include <sodium.h>
#include <stdio.h>
#include <string.h>

#include "store/db.h"
#include "store/store_int.h"
#include "util/uuid.h"
#include "util/banned.h"

#define SEALED_BYTES                                                           \
	(crypto_secretbox_NONCEBYTES + crypto_secretbox_MACBYTES +             \
	 TOTP_SECRET_BYTES)
#define SEALED_HEX_SIZE (SEALED_BYTES * 2 + 1)
#define TOTP_KEY_CONTEXT "casustafel totp v1:"

void
store_set_server_key(struct store *st,
		     const unsigned char key[STORE_SERVER_KEY_BYTES])
{
	_Static_assert(sizeof(st->server_key) == STORE_SERVER_KEY_BYTES,
		       "server key size");
	memcpy(st->server_key, key, STORE_SERVER_KEY_BYTES);
	st->has_server_key = 1;
}

static enum ct_err
no_key(struct ct_error *err)
{
	return ct_error_set(err, CT_ERR_CONFIG,
			    "De serversleutel is niet ingesteld; zonder die "
			    "sleutel kan de tweede factor niet worden "
			    "gebruikt. Controleer de configuratie.");
}

/* The sealing key of one user: BLAKE2b(key = server key, context || id). */
static void
user_key(struct store *st, const char *user_id,
	 unsigned char out[crypto_secretbox_KEYBYTES])
{
	crypto_generichash_state h;

	_Static_assert(crypto_secretbox_KEYBYTES <=
			       crypto_generichash_BYTES_MAX,
		       "key size");
	crypto_generichash_init(&h, st->server_key, STORE_SERVER_KEY_BYTES,
				crypto_secretbox_KEYBYTES);
	crypto_generichash_update(&h, (const unsigned char *)TOTP_KEY_CONTEXT,
				  strlen(TOTP_KEY_CONTEXT));
	crypto_generichash_update(&h, (const unsigned char *)user_id,
				  strlen(user_id));
	crypto_generichash_final(&h, out, crypto_secretbox_KEYBYTES);
	sodium_memzero(&h, sizeof(h));
}

static void
seal(struct store *st, const char *user_id,
     const unsigned char secret[TOTP_SECRET_BYTES], char out[SEALED_HEX_SIZE])
{
	unsigned char key[crypto_secretbox_KEYBYTES];
	unsigned char box[SEALED_BYTES];

	user_key(st, user_id, key);
	randombytes_buf(box, crypto_secretbox_NONCEBYTES);
	crypto_secretbox_easy(box + crypto_secretbox_NONCEBYTES, secret,
			      TOTP_SECRET_BYTES, box, key);
	sodium_bin2hex(out, SEALED_HEX_SIZE, box, sizeof(box));
	sodium_memzero(key, sizeof(key));
}

static enum ct_err
unseal(struct store *st, const char *user_id, const char *hex,
       unsigned char secret[TOTP_SECRET_BYTES], struct ct_error *err)
{
	unsigned char key[crypto_secretbox_KEYBYTES];
	unsigned char box[SEALED_BYTES];
	size_t len = 0;
	int bad;

	if (sodium_hex2bin(box, sizeof(box), hex, strlen(hex), NULL, &len,
			   NULL) != 0 ||
	    len != sizeof(box))
		return ct_error_set(err, CT_ERR_DB_CORRUPT,
				    "Het opgeslagen geheim van de tweede "
				    "factor van gebruiker %s is beschadigd; "
				    "laat de beheerder de tweede factor "
				    "opnieuw instellen.",
				    user_id);
	user_key(st, user_id, key);
	bad = crypto_secretbox_open_easy(
		secret, box + crypto_secretbox_NONCEBYTES,
		sizeof(box) - crypto_secretbox_NONCEBYTES, box, key);
	sodium_memzero(key, sizeof(key));
	if (bad) {
		sodium_memzero(secret, TOTP_SECRET_BYTES);
		return ct_error_set(err, CT_ERR_CONFIG,
				    "Het geheim van de tweede factor van "
				    "gebruiker %s gaat niet open met deze "
				    "serversleutel: de sleutel is gewijzigd of "
				    "het geheim is aangetast. Controleer de "
				    "configuratie.",
				    user_id);
	}
	return CT_OK;
}

static enum ct_err
user_missing(const char *user_id, struct ct_error *err)
{
	return ct_error_set(err, CT_ERR_NOTFOUND, "Gebruiker %s bestaat niet.",
			    user_id ? user_id : "(geen)");
}

static enum ct_err
check_user(struct store *st, const char *user_id, struct ct_error *err)
{
	enum ct_err rc;
	int found;

	if (!user_id)
		return ct_error_set(err, CT_ERR_INVALID,
				    "user_id: geef de gebruiker op.");
	rc = store_row_exists(st, "SELECT 1 FROM users WHERE id = ?", user_id,
			      &found, err);
	if (rc == CT_OK && !found)
		rc = user_missing(user_id, err);
	return rc;
}

/* Make the user's row if it is missing (inside a write transaction). */
static enum ct_err
ensure_row(struct store *st, const char *user_id, struct ct_error *err)
{
	struct db_stmt *s = NULL;
	enum ct_err rc;
	int found, row;

	rc = store_row_exists(st,
			      "SELECT 1 FROM user_security WHERE user_id = ?",
			      user_id, &found, err);
	if (rc || found)
		return rc;
	rc = db_prepare(st->db,
			"INSERT INTO user_security (user_id, totp_sealed, "
			"totp_enrolled, totp_last_step, failed_logins, "
			"locked_until) VALUES (?, NULL, 0, ?, 0, 0)",
			&s, err);
	if (rc)
		return rc;
	db_bind_text(s, 1, user_id);
	db_bind_int64(s, 2, TOTP_NO_STEP);
	rc = db_step(s, &row, err);
	db_finalize(s);
	return rc;
}

/* Read the row into out, and the sealed secret into sealed (may be NULL). */
static enum ct_err
read_security(struct store *st, const char *user_id, struct user_security *out,
	      char *sealed, size_t sealed_size, struct ct_error *err)
{
	struct db_stmt *s = NULL;
	enum ct_err rc;
	int row;

	memset(out, 0, sizeof(*out));
	out->totp_last_step = TOTP_NO_STEP;
	if (sealed)
		sealed[0] = '\0';
	rc = db_prepare(st->db,
			"SELECT totp_sealed, totp_enrolled, totp_last_step, "
			"failed_logins, locked_until FROM user_security "
			"WHERE user_id = ?",
			&s, err);
	if (rc)
		return rc;
	db_bind_text(s, 1, user_id);
	rc = db_step(s, &row, err);
	if (rc == CT_OK && row) {
		if (sealed)
			store_col_buf(s, 0, sealed, sealed_size);
		out->totp_enrolled = db_column_int64(s, 1) != 0;
		out->totp_pending =
			!out->totp_enrolled && !db_column_is_null(s, 0);
		out->totp_last_step = db_column_int64(s, 2);
		out->failed_logins = (int)db_column_int64(s, 3);
		out->locked_until = db_column_int64(s, 4);
	}
	db_finalize(s);
	if (rc)
		return rc;
	rc = db_prepare(st->db,
			"SELECT max(CASE WHEN action = 'user.totp_enrol' "
			"THEN NULL ELSE at END), max(CASE WHEN action = "
			"'user.totp_enrol' THEN at END) FROM journal WHERE "
			"entity_id = ? AND action IN ('user.create', "
			"'user.set_password', 'user.totp_enrol')",
			&s, err);
	if (rc)
		return rc;
	db_bind_text(s, 1, user_id);
	rc = db_step(s, &row, err);
	if (rc == CT_OK && row && !db_column_is_null(s, 0))
		out->password_changed_at = db_column_int64(s, 0);
	/* A reset ends the factor; the old date no longer says anything. */
	if (rc == CT_OK && row && !db_column_is_null(s, 1) &&
	    out->totp_enrolled)
		out->totp_enrolled_at = db_column_int64(s, 1);
	db_finalize(s);
	return rc;
}

enum ct_err
store_user_security_get(struct store *st, const char *user_id,
			struct user_security *out, struct ct_error *err)
{
	struct user_security sec;
	enum ct_err rc;

	rc = check_user(st, user_id, err);
	if (rc == CT_OK)
		rc = read_security(st, user_id, &sec, NULL, 0, err);
	if (rc == CT_OK)
		*out = sec;
	return rc;
}

enum ct_err
store_auth_epoch(struct store *st, int64_t *out, struct ct_error *err)
{
	struct db_stmt *s = NULL;
	enum ct_err rc;
	int row;

	/* One row: read the table's only page instead of searching the
	 * index of its key first. */
	rc = db_prepare(st->db, "SELECT epoch FROM auth_epoch", &s, err);
	if (rc)
		return rc;
	rc = db_step(s, &row, err);
	if (rc == CT_OK && !row)
		rc = ct_error_set(err, CT_ERR_DB_CORRUPT,
				  "Database %s mist de teller van de "
				  "aanmeldgegevens (auth_epoch); zet de "
				  "laatste back-up terug.",
				  db_target(st->db));
	if (rc == CT_OK)
		*out = db_column_int64(s, 0);
	db_finalize(s);
	return rc;
}

enum ct_err
store_auth_epoch_bump(struct store *st, struct ct_error *err)
{
	CT_ASSERT(st->depth > 0);
	return db_exec(st->db,
		       "UPDATE auth_epoch SET epoch = epoch + 1 "
		       "WHERE id = 1",
		       err);
}

/*
 * Run one UPDATE of user_security with (int, int, text) parameters; a
 * row it changed raises the epoch.
 */
static enum ct_err
update_row(struct store *st, const char *sql, int64_t a, int64_t b,
	   const char *user_id, struct ct_error *err)
{
	struct db_stmt *s = NULL;
	enum ct_err rc;
	int row;

	rc = db_prepare(st->db, sql, &s, err);
	if (rc)
		return rc;
	db_bind_int64(s, 1, a);
	db_bind_int64(s, 2, b);
	db_bind_text(s, 3, user_id);
	rc = db_step(s, &row, err);
	if (rc == CT_OK && db_changes(st->db) > 0)
		rc = store_auth_epoch_bump(st, err);
	db_finalize(s);
	return rc;
}

/* Journal a security event of user_id: before/after are small objects. */
static enum ct_err
journal_user(struct store *st, const struct store_actor *who,
	     const char *user_id, const char *action, json_t *before,
	     json_t *after, struct ct_error *err)
{
	enum ct_err rc;

	rc = journal_append(st, who, NULL, action, "user", user_id, before,
			    after, err);
	json_decref(before);
	json_decref(after);
	return rc;
}

enum ct_err
store_user_login_failed(struct store *st, const char *user_id, int64_t now,
			int max_failures, int64_t lock_seconds,
			int64_t *locked_until, struct ct_error *err)
{
	static const struct store_actor system = {NULL, NULL, "systeem"};
	struct user_security sec;
	int64_t until = 0;
	enum ct_err rc;
	int failures;

	if (max_failures < 1 || lock_seconds < 1)
		return ct_error_set(err, CT_ERR_INVALID,
				    "max_failures en lock_seconds moeten "
				    "groter dan 0 zijn.");
	rc = store_write_begin(st, err);
	if (rc)
		return rc;
	rc = check_user(st, user_id, err);
	if (rc == CT_OK)
		rc = ensure_row(st, user_id, err);
	if (rc == CT_OK)
		rc = read_security(st, user_id, &sec, NULL, 0, err);
	if (rc)
		goto end;
	if (sec.locked_until > now) {
		/* Already locked: the lock does not grow with each try. */
		until = sec.locked_until;
		goto end;
	}
	failures = sec.failed_logins + 1;
	if (failures < max_failures) {
		rc = update_row(st,
				"UPDATE user_security SET failed_logins = ?, "
				"locked_until = ? WHERE user_id = ?",
				failures, 0, user_id, err);
		goto end;
	}
	/* The counter starts again after the lock: a fresh set of tries. */
	until = now + lock_seconds;
	rc = update_row(st,
			"UPDATE user_security SET failed_logins = ?, "
			"locked_until = ? WHERE user_id = ?",
			0, until, user_id, err);
	if (rc == CT_OK)
		rc = journal_user(st, &system, user_id, "user.lock",
				  json_pack("{s:I}", "locked_until",
					    (json_int_t)sec.locked_until),
				  json_pack("{s:I, s:i}", "locked_until",
					    (json_int_t)until, "failed_logins",
					    failures),
				  err);
end:
	rc = store_write_end(st, rc, err);
	if (rc == CT_OK && locked_until)
		*locked_until = until;
	return rc;
}

enum ct_err
store_user_login_succeeded(struct store *st, const char *user_id,
			   struct ct_error *err)
{
	enum ct_err rc;

	rc = store_write_begin(st, err);
	if (rc)
		return rc;
	rc = check_user(st, user_id, err);
	if (rc == CT_OK)
		rc = update_row(st,
				"UPDATE user_security SET failed_logins = ? "
				"WHERE failed_logins <> ? AND user_id = ?",
				0, 0, user_id, err);
	return store_write_end(st, rc, err);
}

enum ct_err
store_user_unlock(struct store *st, const struct store_actor *who,
		  const char *user_id, struct ct_error *err)
{
	struct user_security sec;
	enum ct_err rc;

	rc = store_check_actor(who, err);
	if (rc)
		return rc;
	rc = store_write_begin(st, err);
	if (rc)
		return rc;
	rc = check_user(st, user_id, err);
	if (rc == CT_OK)
		rc = ensure_row(st, user_id, err);
	if (rc == CT_OK)
		rc = read_security(st, user_id, &sec, NULL, 0, err);
	if (rc == CT_OK)
		rc = update_row(st,
				"UPDATE user_security SET failed_logins = ?, "
				"locked_until = ? WHERE user_id = ?",
				0, 0, user_id, err);
	if (rc == CT_OK)
		rc = journal_user(st, who, user_id, "user.unlock",
				  json_pack("{s:I, s:i}", "locked_until",
					    (json_int_t)sec.locked_until,
					    "failed_logins", sec.failed_logins),
				  json_pack("{s:i, s:i}", "locked_until", 0,
					    "failed_logins", 0),
				  err);
	return store_write_end(st, rc, err);
}

enum ct_err
store_user_totp_begin(struct store *st, const struct store_actor *who,
		      const char *user_id,
		      const unsigned char secret[TOTP_SECRET_BYTES],
		      struct ct_error *err)
{
	char sealed[SEALED_HEX_SIZE];
	struct user_security sec;
	struct db_stmt *s = NULL;
	enum ct_err rc;
	int row;

	rc = store_check_actor(who, err);
	if (rc)
		return rc;
	if (!st->has_server_key)
		return no_key(err);
	rc = store_write_begin(st, err);
	if (rc)
		return rc;
	rc = check_user(st, user_id, err);
	if (rc == CT_OK)
		rc = ensure_row(st, user_id, err);
	if (rc == CT_OK)
		rc = read_security(st, user_id, &sec, NULL, 0, err);
	if (rc == CT_OK && sec.totp_enrolled)
		rc = ct_error_set(err, CT_ERR_EXISTS,
				  "Gebruiker %s heeft al een tweede factor; "
				  "laat de beheerder die eerst opnieuw "
				  "instellen.",
				  user_id);
	if (rc == CT_OK) {
		seal(st, user_id, secret, sealed);
		rc = db_prepare(st->db,
				"UPDATE user_security SET totp_sealed = ?, "
				"totp_enrolled = 0 WHERE user_id = ?",
				&s, err);
	}
	if (rc == CT_OK) {
		db_bind_text(s, 1, sealed);
		db_bind_text(s, 2, user_id);
		rc = db_step(s, &row, err);
	}
	db_finalize(s);
	if (rc == CT_OK)
		rc = store_auth_epoch_bump(st, err);
	return store_write_end(st, rc, err);
}

enum ct_err
store_user_totp_secret(struct store *st, const char *user_id,
		       unsigned char secret[TOTP_SECRET_BYTES],
		       struct ct_error *err)
{
	char sealed[SEALED_HEX_SIZE + 1];
	struct user_security sec;
	enum ct_err rc;

	if (!st->has_server_key)
		return no_key(err);
	rc = check_user(st, user_id, err);
	if (rc == CT_OK)
		rc = read_security(st, user_id, &sec, sealed, sizeof(sealed),
				   err);
	if (rc == CT_OK && !sealed[0])
		rc = ct_error_set(err, CT_ERR_NOTFOUND,
				  "Gebruiker %s heeft geen tweede factor.",
				  user_id);
	if (rc == CT_OK)
		rc = unseal(st, user_id, sealed, secret, err);
	return rc;
}

enum ct_err
store_user_totp_accept(struct store *st, const struct store_actor *who,
		       const char *user_id, int64_t step, int confirm,
		       struct ct_error *err)
{
	struct user_security sec;
	struct db_stmt *s = NULL;
	enum ct_err rc;
	int row;

	rc = store_check_actor(who, err);
	if (rc)
		return rc;
	if (step < 0)
		return ct_error_set(err, CT_ERR_INVALID,
				    "step: een tijdstap is niet negatief.");
	rc = store_write_begin(st, err);
	if (rc)
		return rc;
	rc = check_user(st, user_id, err);
	if (rc == CT_OK)
		rc = read_security(st, user_id, &sec, NULL, 0, err);
	if (rc == CT_OK && !sec.totp_enrolled && !sec.totp_pending)
		rc = ct_error_set(err, CT_ERR_NOTFOUND,
				  "Gebruiker %s heeft geen tweede factor.",
				  user_id);
	if (rc)
		goto end;
	/* The condition in the UPDATE makes the check and the write one. */
	rc = db_prepare(st->db,
			"UPDATE user_security SET totp_last_step = ? "
			"WHERE user_id = ? AND totp_last_step < ?",
			&s, err);
	if (rc)
		goto end;
	db_bind_int64(s, 1, step);
	db_bind_text(s, 2, user_id);
	db_bind_int64(s, 3, step);
	rc = db_step(s, &row, err);
	if (rc == CT_OK && db_changes(st->db) != 1)
		rc = ct_error_set(err, CT_ERR_CONFLICT,
				  "Deze code is al gebruikt; wacht op de "
				  "volgende code in uw app.");
	db_finalize(s);
	if (rc == CT_OK)
		rc = store_auth_epoch_bump(st, err);
	if (rc || !confirm || sec.totp_enrolled)
		goto end;
	rc = update_row(st,
			"UPDATE user_security SET totp_enrolled = ? "
			"WHERE totp_enrolled = ? AND user_id = ?",
			1, 0, user_id, err);
	if (rc == CT_OK)
		rc = journal_user(st, who, user_id, "user.totp_enrol",
				  json_pack("{s:b}", "totp_enrolled", 0),
				  json_pack("{s:b}", "totp_enrolled", 1), err);
end:
	return store_write_end(st, rc, err);
}

enum ct_err
store_user_totp_reset(struct store *st, const struct store_actor *who,
		      const char *user_id, struct ct_error *err)
{
	struct user_security sec;
	struct db_stmt *s = NULL;
	enum ct_err rc;
	int row;

	rc = store_check_actor(who, err);
	if (rc)
		return rc;
	rc = store_write_begin(st, err);
	if (rc)
		return rc;
	rc = check_user(st, user_id, err);
	if (rc == CT_OK)
		rc = ensure_row(st, user_id, err);
	if (rc == CT_OK)
		rc = read_security(st, user_id, &sec, NULL, 0, err);
	if (rc == CT_OK)
		rc = db_prepare(st->db,
				"UPDATE user_security SET totp_sealed = NULL, "
				"totp_enrolled = 0 WHERE user_id = ?",
				&s, err);
	if (rc == CT_OK) {
		db_bind_text(s, 1, user_id);
		rc = db_step(s, &row, err);
	}
	db_finalize(s);
	if (rc == CT_OK)
		rc = store_auth_epoch_bump(st, err);
	if (rc == CT_OK)
		rc = journal_user(st, who, user_id, "user.totp_reset",
				  json_pack("{s:b, s:b}", "totp_enrolled",
					    sec.totp_enrolled, "totp_pending",
					    sec.totp_pending),
				  json_pack("{s:b, s:b}", "totp_enrolled", 0,
					    "totp_pending", 0),
				  err);
	return store_write_end(st, rc, err);
}
