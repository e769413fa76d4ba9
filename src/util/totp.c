/*
 * totp.c - RFC 6238 codes over liboath.
 *
 * liboath computes the codes and does the base32 coding. Verification is
 * our own loop over the window rather than oath_totp_validate*(), for two
 * reasons: replay refusal needs the step to be judged per candidate (a
 * code may also match an older, already used step), and we want a
 * constant-time comparison (sodium_memcmp) that always tries every step,
 * so timing does not tell which step matched.
 */
#include "util/totp.h"

#include <liboath/oath.h>
#include <sodium.h>
#include <stdlib.h>
#include <string.h>

#include "util/compat.h"
#include "util/banned.h"

#define TOTP_ISSUER "Casustafel"

enum ct_err
totp_global_init(void)
{
	return oath_init() == OATH_OK ? CT_OK : CT_ERR_INTERNAL;
}

void
totp_global_done(void)
{
	oath_done();
}

void
totp_secret_new(unsigned char secret[TOTP_SECRET_BYTES])
{
	randombytes_buf(secret, TOTP_SECRET_BYTES);
}

static int
secret_len_ok(size_t len)
{
	return len >= TOTP_SECRET_MIN_BYTES && len <= TOTP_SECRET_MAX_BYTES;
}

enum ct_err
totp_secret_to_base32(const unsigned char *secret, size_t len,
		      char out[TOTP_SECRET_B32_SIZE])
{
	char *text = NULL;
	size_t text_len = 0;
	size_t i;

	out[0] = '\0';
	if (!secret_len_ok(len))
		return CT_ERR_INVALID;
	if (oath_base32_encode((const char *)secret, len, &text, &text_len) !=
	    OATH_OK)
		CT_BUG("oath_base32_encode failed on a valid length");
	/* Authenticator apps want the text without '=' padding. */
	for (i = 0; i < text_len && text[i] != '='; i++) {
		if (i + 1 >= TOTP_SECRET_B32_SIZE)
			CT_BUG("base32 text longer than TOTP_SECRET_B32_SIZE");
		out[i] = text[i];
	}
	out[i] = '\0';
	free(text);
	return CT_OK;
}

enum ct_err
totp_secret_from_base32(const char *text,
			unsigned char out[TOTP_SECRET_MAX_BYTES], size_t *len,
			struct ct_error *err)
{
	char *bytes = NULL;
	size_t bytes_len = 0;
	size_t text_len;

	*len = 0;
	if (!text)
		return ct_error_set(err, CT_ERR_INVALID,
				    "de TOTP-sleutel ontbreekt");
	text_len = strlen(text);
	/* Bound the work before liboath allocates: 4 chars per 5 bits
	 * plus generous room for spaces and padding. */
	if (text_len > (size_t)TOTP_SECRET_B32_SIZE * 2)
		return ct_error_set(err, CT_ERR_INVALID,
				    "de TOTP-sleutel is te lang");
	if (oath_base32_decode(text, text_len, &bytes, &bytes_len) != OATH_OK) {
		free(bytes);
		return ct_error_set(
			err, CT_ERR_INVALID,
			"de TOTP-sleutel is geen geldige base32-tekst");
	}
	if (!secret_len_ok(bytes_len)) {
		sodium_memzero(bytes, bytes_len);
		free(bytes);
		return ct_error_set(err, CT_ERR_INVALID,
				    "de TOTP-sleutel moet %d tot %d bytes zijn",
				    TOTP_SECRET_MIN_BYTES,
				    TOTP_SECRET_MAX_BYTES);
	}
	memcpy(out, bytes, bytes_len);
	*len = bytes_len;
	sodium_memzero(bytes, bytes_len);
	free(bytes);
	return CT_OK;
}

/* RFC 3986 section 2.3: these are never percent-encoded. */
static int
uri_unreserved(unsigned char c)
{
	return (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') ||
	       (c >= '0' && c <= '9') || c == '-' || c == '.' || c == '_' ||
	       c == '~';
}

/*
 * Hand-written: percent-encoding is a few lines, and no library we
 * already depend on offers it (libcurl would be a dependency for this
 * alone).
 */
static enum ct_err
uri_escape(struct sbuf *out, const char *s)
{
	enum ct_err rc = CT_OK;

	for (; *s && !rc; s++) {
		unsigned char c = (unsigned char)*s;

		if (uri_unreserved(c))
			rc = sbuf_addch(out, (char)c);
		else
			rc = sbuf_addf(out, "%%%02X", c);
	}
	return rc;
}

static int
base32_text_ok(const char *s)
{
	size_t n = 0;

	for (; *s; s++, n++) {
		if (!((*s >= 'A' && *s <= 'Z') || (*s >= '2' && *s <= '7')))
			return 0;
	}
	return n > 0 && n < TOTP_SECRET_B32_SIZE;
}

enum ct_err
totp_uri(struct sbuf *out, const char *username, const char *secret_b32)
{
	size_t old_len = out->len;
	enum ct_err rc;

	if (!username || !*username || !secret_b32 ||
	    !base32_text_ok(secret_b32))
		return CT_ERR_INVALID;
	rc = sbuf_addstr(out, "otpauth://totp/" TOTP_ISSUER ":");
	if (!rc)
		rc = uri_escape(out, username);
	if (!rc)
		rc = sbuf_addf(out,
			       "?secret=%s&issuer=" TOTP_ISSUER
			       "&algorithm=SHA1&digits=%d&period=%d",
			       secret_b32, TOTP_DIGITS, TOTP_PERIOD);
	if (rc) {
		/* All or nothing: drop a half-written URI. */
		out->len = old_len;
		out->buf[old_len] = '\0';
	}
	return rc;
}

int64_t
totp_step(int64_t now)
{
	if (now < 0)
		return -1;
	return now / TOTP_PERIOD;
}

enum ct_err
totp_code_at_step(const unsigned char *secret, size_t len, int64_t step,
		  unsigned digits, char out[TOTP_CODE_SIZE])
{
	out[0] = '\0';
	if (!secret_len_ok(len) || digits < 6 ||
	    digits > TOTP_CODE_MAX_DIGITS || step < 0 ||
	    step > INT64_MAX / TOTP_PERIOD)
		return CT_ERR_INVALID;
	/* TOTP is HOTP of the step; giving liboath the step's first second
	 * keeps its time arithmetic and ours in agreement. */
	if (oath_totp_generate2((const char *)secret, len,
				(time_t)(step * TOTP_PERIOD), TOTP_PERIOD,
				OATH_TOTP_DEFAULT_START_TIME, digits, 0,
				out) != OATH_OK) {
		out[0] = '\0';
		return CT_ERR_INTERNAL;
	}
	return CT_OK;
}

/* Copy code into digits without spaces; 0 unless exactly TOTP_DIGITS. */
static int
normalise_code(const char *code, char digits[TOTP_CODE_SIZE])
{
	size_t n = 0;

	for (; *code; code++) {
		if (*code == ' ')
			continue;
		if (*code < '0' || *code > '9' || n >= TOTP_DIGITS)
			return 0;
		digits[n++] = *code;
	}
	digits[n] = '\0';
	return n == TOTP_DIGITS;
}

enum ct_err
totp_verify(const unsigned char *secret, size_t len, const char *code,
	    int64_t now, int64_t last_used_step, int64_t *used_step,
	    struct ct_error *err)
{
	char typed[TOTP_CODE_SIZE];
	char expected[TOTP_CODE_SIZE];
	int64_t step = totp_step(now);
	int64_t matched = -1;
	int64_t d;
	int stale = 0;

	if (!code || !normalise_code(code, typed))
		return ct_error_set(err, CT_ERR_INVALID,
				    "de code moet uit %d cijfers bestaan",
				    TOTP_DIGITS);
	if (!secret_len_ok(len) || step < 0)
		return ct_error_set(err, CT_ERR_DENIED,
				    "de code is onjuist of verlopen");
	for (d = -TOTP_WINDOW; d <= TOTP_WINDOW; d++) {
		int64_t candidate = step + d;

		if (candidate < 0)
			continue;
		if (totp_code_at_step(secret, len, candidate, TOTP_DIGITS,
				      expected) != CT_OK)
			continue;
		if (sodium_memcmp(expected, typed, TOTP_DIGITS) != 0)
			continue;
		/* Keep looking: a later unused step may match the same code. */
		if (candidate > last_used_step)
			matched = candidate;
		else
			stale = 1;
	}
	sodium_memzero(expected, sizeof(expected));
	if (matched >= 0) {
		*used_step = matched;
		return CT_OK;
	}
	if (stale)
		return ct_error_set(err, CT_ERR_DENIED,
				    "deze code is al gebruikt; wacht op de "
				    "volgende code in de app");
	return ct_error_set(err, CT_ERR_DENIED,
			    "de code is onjuist of verlopen");
}
