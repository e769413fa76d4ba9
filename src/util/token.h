/*
 * token.h - session and bearer tokens, and CSRF tokens bound to a session.
 *
 * Contract:
 *  - A token is TOKEN_BYTES random bytes from libsodium's CSPRNG
 *    (ct_crypto_init() must have run), given to the client as URL-safe
 *    base64 without padding (TOKEN_TEXT_LEN characters): a cookie value
 *    or an "Authorization: Bearer" value.
 *  - The server never stores a token, only its hash (BLAKE2b-256, lower
 *    case hex). A stolen database therefore yields no usable session.
 *    Look-ups go by hash; the hash is also a fine stable session id.
 *  - Anything a client presents is checked for shape before hashing:
 *    exactly TOKEN_TEXT_LEN characters of the URL-safe alphabet, in
 *    canonical form (one text per token).
 *  - Comparisons of secrets are constant-time (sodium_memcmp).
 *  - A CSRF token is a keyed BLAKE2b of a session id with a server key
 *    (TOKEN_KEY_BYTES, shared by all server processes through the
 *    configuration or the store). It needs no storage, differs per
 *    session and cannot be forged without the key.
 */
#ifndef CT_UTIL_TOKEN_H
#define CT_UTIL_TOKEN_H

#include <stddef.h>

#include "util/err.h"

#define TOKEN_BYTES 32
#define TOKEN_TEXT_LEN 43 /* base64 of 32 bytes, no padding */
#define TOKEN_TEXT_SIZE (TOKEN_TEXT_LEN + 1)
#define TOKEN_HASH_BYTES 32
#define TOKEN_HASH_HEX_SIZE (TOKEN_HASH_BYTES * 2 + 1)
#define TOKEN_KEY_BYTES 32
#define TOKEN_CSRF_BYTES 32
#define TOKEN_CSRF_TEXT_LEN 43
#define TOKEN_CSRF_SIZE (TOKEN_CSRF_TEXT_LEN + 1)

/*
 * A fresh token: text (for the client) and, when hash_hex is not NULL,
 * its hash (for the store). The raw bytes are wiped before returning.
 */
void token_new(char text[TOKEN_TEXT_SIZE], char hash_hex[TOKEN_HASH_HEX_SIZE]);

/* 1 when text has the exact shape of a token (see contract), else 0. */
int token_valid(const char *text);

/*
 * Hash of a presented token into hash_hex. CT_ERR_INVALID (hash_hex set
 * to "") when text is not shaped like a token.
 */
enum ct_err token_hash(const char *text, char hash_hex[TOKEN_HASH_HEX_SIZE]);

/*
 * 1 when the presented token text hashes to stored_hash_hex, else 0
 * (also for a malformed token or hash). Constant-time in the contents.
 */
int token_matches(const char *text, const char *stored_hash_hex);

/* 1 when the two NUL-terminated strings are equal; constant-time in the
 * contents (the lengths may leak, they are public). */
int token_equal(const char *a, const char *b);

/* A fresh random server key, e.g. for `casustafel init`. */
void token_key_new(unsigned char key[TOKEN_KEY_BYTES]);

/*
 * The CSRF token of session_id (any stable server-side id of the
 * session, e.g. its token hash; never empty) under key, URL-safe base64.
 */
void token_csrf(const unsigned char key[TOKEN_KEY_BYTES],
		const char *session_id, char out[TOKEN_CSRF_SIZE]);

/* 1 when presented is the CSRF token of session_id under key, else 0. */
int token_csrf_check(const unsigned char key[TOKEN_KEY_BYTES],
		     const char *session_id, const char *presented);

#endif
