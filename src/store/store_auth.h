/*
 * store_auth.h - what the server needs to know who is asking: sessions,
 * second factor, lock-out, and bearer tokens for machine clients.
 *
 * Contract (in addition to store.h's):
 *  - Secrets are never stored in the clear: sessions and bearer tokens by
 *    their BLAKE2b hash (util/token.h), passwords as argon2id
 *    (util/crypto.h). The TOTP secret must be readable by the server to
 *    check codes, so it is stored sealed with the server key
 *    (libsodium crypto_secretbox; the key comes from store_set_server_key)
 *    and opened only in the caller's memory.
 *  - Changes to a user's security state that matter later (TOTP enrolled
 *    or reset, locked, unlocked, password changed, token created or
 *    revoked) are journaled as user changes (case_id NULL) without any
 *    secret in the before/after images. Routine bookkeeping (a session's
 *    last-seen time, a failed-login counter below the threshold) is not.
 *  - Times are UTC seconds passed in by the caller (now), so tests can
 *    drive expiry without sleeping.
 */
#ifndef CT_STORE_STORE_AUTH_H
#define CT_STORE_STORE_AUTH_H

#include <stddef.h>
#include <stdint.h>

#include "store/store.h"
#include "util/token.h"
#include "util/totp.h"

#define STORE_SERVER_KEY_BYTES 32

/*
 * The key that seals TOTP secrets (and from which the server derives its
 * CSRF key). Without it, TOTP functions return CT_ERR_CONFIG.
 */
void store_set_server_key(struct store *st,
			  const unsigned char key[STORE_SERVER_KEY_BYTES]);

/* ---- login security of a user ---- */
struct user_security {
	int totp_enrolled;      /* enrolment confirmed with a good code */
	int totp_pending;       /* a secret was issued, not yet confirmed */
	int64_t totp_last_step; /* last accepted TOTP time step (replay) */
	int failed_logins;      /* consecutive failures */
	int64_t locked_until;   /* 0 when not locked */
	int64_t password_changed_at;
	int64_t totp_enrolled_at; /* last confirmation; 0 when not enrolled */
};

enum ct_err store_user_security_get(struct store *st, const char *user_id,
				    struct user_security *out,
				    struct ct_error *err);

/*
 * Record a failed login at now. When the consecutive failures reach
 * max_failures the account is locked until now + lock_seconds (journaled
 * "user.lock"); *locked_until receives the lock end (0 when not locked).
 */
enum ct_err store_user_login_failed(struct store *st, const char *user_id,
				    int64_t now, int max_failures,
				    int64_t lock_seconds,
				    int64_t *locked_until,
				    struct ct_error *err);
/* A good password: reset the failure counter (not journaled). */
enum ct_err store_user_login_succeeded(struct store *st, const char *user_id,
				       struct ct_error *err);
/* Administrator lifts a lock (journaled "user.unlock"). */
enum ct_err store_user_unlock(struct store *st, const struct store_actor *who,
			      const char *user_id, struct ct_error *err);

/*
 * Issue a new TOTP secret for enrolment (replaces a pending one; refused
 * with CT_ERR_EXISTS when enrolment is already confirmed, unless reset).
 */
enum ct_err store_user_totp_begin(struct store *st,
				  const struct store_actor *who,
				  const char *user_id,
				  const unsigned char secret[TOTP_SECRET_BYTES],
				  struct ct_error *err);
/* The sealed secret, opened into secret; CT_ERR_NOTFOUND when none. */
enum ct_err store_user_totp_secret(struct store *st, const char *user_id,
				   unsigned char secret[TOTP_SECRET_BYTES],
				   struct ct_error *err);
/*
 * Accept the code of time step `step`: atomically refuse (CT_ERR_CONFLICT)
 * when step <= the last accepted step (a replayed code), else store it.
 * When confirm is set, the pending enrolment becomes confirmed
 * (journaled "user.totp_enrol").
 */
enum ct_err store_user_totp_accept(struct store *st,
				   const struct store_actor *who,
				   const char *user_id, int64_t step,
				   int confirm, struct ct_error *err);
/* Administrator resets the second factor (journaled "user.totp_reset"). */
enum ct_err store_user_totp_reset(struct store *st,
				  const struct store_actor *who,
				  const char *user_id, struct ct_error *err);

/* ---- sessions ---- */
struct session {
	char id[CT_UUID_SIZE];
	char user_id[CT_UUID_SIZE];
	char token_hash[TOKEN_HASH_HEX_SIZE];
	int64_t created_at;
	int64_t last_seen_at;
	int64_t idle_expires_at;     /* last_seen_at + idle timeout */
	int64_t absolute_expires_at; /* created_at + absolute timeout */
	int totp_verified;
};

/* A new session for user_id; out receives it. */
enum ct_err store_session_create(struct store *st, const char *user_id,
				 const char *token_hash, int64_t now,
				 int64_t idle_seconds, int64_t absolute_seconds,
				 struct session *out, struct ct_error *err);
/*
 * The live session whose token hashes to token_hash: CT_ERR_NOTFOUND when
 * there is none or it has expired at now (expired ones are deleted).
 */
enum ct_err store_session_get(struct store *st, const char *token_hash,
			      int64_t now, struct session *out,
			      struct ct_error *err);
/*
 * Move last_seen_at to now and push the idle expiry (never past the
 * absolute one). Cheap: the server calls it at most once a minute per
 * session.
 */
enum ct_err store_session_touch(struct store *st, const char *session_id,
				int64_t now, int64_t idle_seconds,
				struct ct_error *err);
enum ct_err store_session_set_totp_verified(struct store *st,
					    const char *session_id,
					    struct ct_error *err);
enum ct_err store_session_delete(struct store *st, const char *session_id,
				 struct ct_error *err);
/* Every session of a user (password change, lock, deactivation). */
enum ct_err store_session_delete_user(struct store *st, const char *user_id,
				      struct ct_error *err);
/* Remove sessions expired at now; *removed receives how many. */
enum ct_err store_session_purge(struct store *st, int64_t now,
				int64_t *removed, struct ct_error *err);

/* ---- the epoch of what authentication reads ---- */
/*
 * A counter that every committed change to sessions (other than the
 * last-seen time of store_session_touch), users, login security, bearer
 * tokens and break-the-glass grants raises, in the same transaction as the
 * change, whichever process makes it. What a reader loaded for a
 * credential at epoch E is still exactly what the database holds as long
 * as the epoch is still E (read in one snapshot, store_read_begin), so a
 * server may keep it between requests (http/auth_cache.h). Organisations
 * only ever get added, which changes nothing loaded before.
 *
 * Any new store function that changes those tables must call
 * store_auth_epoch_bump() (store_int.h) in its write transaction.
 */
enum ct_err store_auth_epoch(struct store *st, int64_t *out,
			     struct ct_error *err);

/* ---- bearer tokens for machine clients ---- */
#define STORE_TOKEN_NAME_MAX 80
struct api_token {
	char id[CT_UUID_SIZE];
	char user_id[CT_UUID_SIZE];
	const char *name;    /* what it is for, e.g. "koppeling politie" */
	const char *scopes;  /* comma-separated action names (core/policy.h) */
	int64_t created_at;
	int64_t expires_at;  /* 0: no expiry */
	int64_t revoked_at;  /* 0: not revoked */
};

/*
 * Create a token for user_id; the caller made the text with token_new()
 * and passes only its hash. Scopes are validated against the policy's
 * action names (an unknown one is CT_ERR_INVALID naming it).
 */
enum ct_err store_api_token_create(struct store *st,
				   const struct store_actor *who,
				   struct api_token *t, const char *token_hash,
				   struct ct_error *err);
/* The live (not revoked, not expired at now) token with that hash. */
enum ct_err store_api_token_get(struct store *st, const char *token_hash,
				int64_t now, struct arena *a,
				struct api_token *out, struct ct_error *err);
enum ct_err store_api_token_list(struct store *st, const char *user_id,
				 struct arena *a, struct api_token **out,
				 size_t *n, struct ct_error *err);
enum ct_err store_api_token_revoke(struct store *st,
				   const struct store_actor *who,
				   const char *token_id, struct ct_error *err);

#endif
