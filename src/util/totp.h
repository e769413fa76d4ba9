/*
 * totp.h - the second factor: RFC 6238 time-based one-time passwords, as
 * the authenticator apps of professionals expect them (HMAC-SHA1, 6
 * digits, 30-second steps), computed by liboath.
 *
 * Contract:
 *  - A secret is TOTP_SECRET_BYTES random bytes from libsodium's CSPRNG
 *    (ct_crypto_init() must have run). The user's app receives it as
 *    base32 (RFC 4648, upper case, no padding) inside an otpauth:// URI.
 *    The server keeps the secret itself: it needs it to verify codes, so
 *    the store must protect it as a key, not hash it like a password.
 *  - A code is checked against the steps now-1, now and now+1 (clock
 *    drift of one step either way) and is accepted only for a step later
 *    than the last step the user already used: the caller passes that
 *    step in and stores the step handed back, so an observed code cannot
 *    be replayed, not even within its own 30 seconds.
 *  - totp_global_init() runs once at start-up before any other totp_
 *    function; totp_global_done() at exit.
 */
#ifndef CT_UTIL_TOTP_H
#define CT_UTIL_TOTP_H

#include <stddef.h>
#include <stdint.h>

#include "util/err.h"
#include "util/sbuf.h"

#define TOTP_SECRET_BYTES 20 /* RFC 4226 recommends 160 bits */
#define TOTP_SECRET_MIN_BYTES 10
#define TOTP_SECRET_MAX_BYTES 64
/* base32 text of the longest secret, plus NUL */
#define TOTP_SECRET_B32_SIZE ((TOTP_SECRET_MAX_BYTES * 8 + 4) / 5 + 1)
#define TOTP_DIGITS 6
#define TOTP_PERIOD 30 /* seconds per step */
#define TOTP_WINDOW 1  /* steps accepted either side of now */
#define TOTP_CODE_MAX_DIGITS 8
#define TOTP_CODE_SIZE (TOTP_CODE_MAX_DIGITS + 1)
/* Pass as last_used_step for a user who never used a code. */
#define TOTP_NO_STEP ((int64_t)-1)

enum ct_err totp_global_init(void);
void totp_global_done(void);

/* Fill secret with TOTP_SECRET_BYTES fresh random bytes. */
void totp_secret_new(unsigned char secret[TOTP_SECRET_BYTES]);

/*
 * Base32 text of secret (len bytes, TOTP_SECRET_MIN_BYTES to
 * TOTP_SECRET_MAX_BYTES) into out: upper case, no '=' padding.
 * CT_ERR_INVALID on a bad length.
 */
enum ct_err totp_secret_to_base32(const unsigned char *secret, size_t len,
				  char out[TOTP_SECRET_B32_SIZE]);

/*
 * Decode base32 text (case-insensitive, padding and spaces allowed, as
 * users retype it) into out (room for TOTP_SECRET_MAX_BYTES); *len gets
 * the byte count. CT_ERR_INVALID with a Dutch message in err (may be
 * NULL) when the text is not base32 or the length is out of range.
 */
enum ct_err totp_secret_from_base32(const char *text,
				    unsigned char out[TOTP_SECRET_MAX_BYTES],
				    size_t *len, struct ct_error *err);

/*
 * Append the enrolment URI to out:
 *   otpauth://totp/Casustafel:USER?secret=B32&issuer=Casustafel&
 *   algorithm=SHA1&digits=6&period=30
 * with username percent-encoded (RFC 3986 unreserved characters kept).
 * CT_ERR_INVALID for an empty username or a malformed secret,
 * CT_ERR_LIMIT when out is full (out then holds what it held before).
 */
enum ct_err totp_uri(struct sbuf *out, const char *username,
		     const char *secret_b32);

/* The step that instant now (UTC seconds) falls in; -1 before 1970. */
int64_t totp_step(int64_t now);

/*
 * The code (digits 6 to 8) for step into out. For tests, the demo and
 * the command line; verification uses totp_verify(). CT_ERR_INVALID on a
 * bad secret length, digit count or negative step.
 */
enum ct_err totp_code_at_step(const unsigned char *secret, size_t len,
			      int64_t step, unsigned digits,
			      char out[TOTP_CODE_SIZE]);

/*
 * Check a 6-digit code typed by the user at instant now.
 * On success return CT_OK and set *used_step to the step that matched:
 * the caller must store it and pass it as last_used_step next time.
 * Otherwise *used_step is left alone and the result is
 *   CT_ERR_INVALID  code is not exactly TOTP_DIGITS digits (after
 *                   removing spaces, which apps show in the middle);
 *   CT_ERR_DENIED   code wrong, outside the window, or already used.
 * err (may be NULL) gets a Dutch sentence for the user. The comparison
 * is constant-time and tries every step of the window.
 */
enum ct_err totp_verify(const unsigned char *secret, size_t len,
			const char *code, int64_t now, int64_t last_used_step,
			int64_t *used_step, struct ct_error *err);

#endif
