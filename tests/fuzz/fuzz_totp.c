/*
 * fuzz_totp.c - util/totp.h's parsers of what a user types: the base32
 * secret (retyped from a letter or a screen) and the 6-digit code.
 *
 * Input: the text, used as base32 secret, as user name of an enrolment
 * URI and as a typed code. Contract checked (totp.h): an accepted secret
 * has TOTP_SECRET_MIN_BYTES..TOTP_SECRET_MAX_BYTES bytes and survives
 * totp_secret_to_base32 and a second decode unchanged, its base32 is
 * upper case without padding; a refused one yields CT_ERR_INVALID, a
 * Dutch message and length 0; the URI is all or nothing and carries no
 * byte that needs escaping; totp_verify calls a code CT_ERR_INVALID
 * exactly when it is not six digits (spaces aside), and accepts the
 * right code once.
 */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "fuzz.h"
#include "util/crypto.h"
#include "util/sbuf.h"
#include "util/totp.h"
#include "util/banned.h"

/* 2026-07-13T11:59:00Z, a fixed "now" so that runs repeat. */
#define FUZZ_NOW INT64_C(1783943940)

static const unsigned char fixed_secret[TOTP_SECRET_BYTES] =
	"12345678901234567890"; /* RFC 6238's test secret */

static int
six_digits_with_spaces(const char *s)
{
	size_t n = 0;

	for (; *s; s++) {
		if (*s == ' ')
			continue;
		if (*s < '0' || *s > '9')
			return 0;
		n++;
	}
	return n == TOTP_DIGITS;
}

static void
check_secret(const char *text)
{
	unsigned char out[TOTP_SECRET_MAX_BYTES], again[TOTP_SECRET_MAX_BYTES];
	char b32[TOTP_SECRET_B32_SIZE];
	size_t len = 99, again_len = 0, i;
	struct ct_error err;
	struct sbuf sb;
	enum ct_err rc;

	ct_error_clear(&err);
	rc = totp_secret_from_base32(text, out, &len, &err);
	if (rc) {
		FUZZ_CHECK(rc == CT_ERR_INVALID && err.code == CT_ERR_INVALID);
		FUZZ_CHECK(err.message[0] != '\0' && len == 0);
		return;
	}
	FUZZ_CHECK(len >= TOTP_SECRET_MIN_BYTES &&
		   len <= TOTP_SECRET_MAX_BYTES);
	FUZZ_CHECK(totp_secret_to_base32(out, len, b32) == CT_OK);
	FUZZ_CHECK(strlen(b32) == (len * 8 + 4) / 5);
	for (i = 0; b32[i]; i++)
		FUZZ_CHECK((b32[i] >= 'A' && b32[i] <= 'Z') ||
			   (b32[i] >= '2' && b32[i] <= '7'));
	FUZZ_CHECK(totp_secret_from_base32(b32, again, &again_len, NULL) ==
		   CT_OK);
	FUZZ_CHECK(again_len == len && memcmp(again, out, len) == 0);

	/* The enrolment URI: all or nothing, escaped. */
	sbuf_init(&sb, SBUF_MAX_SMALL);
	rc = totp_uri(&sb, text, b32);
	FUZZ_CHECK(rc == CT_OK || rc == CT_ERR_LIMIT);
	if (rc == CT_OK) {
		FUZZ_CHECK(strncmp(sb.buf, "otpauth://totp/Casustafel:", 26) ==
			   0);
		FUZZ_CHECK(strstr(sb.buf, b32) != NULL);
		for (i = 0; i < sb.len; i++)
			FUZZ_CHECK((unsigned char)sb.buf[i] > ' ' &&
				   (unsigned char)sb.buf[i] < 0x7f);
	} else {
		FUZZ_CHECK(sb.len == 0 && sb.buf[0] == '\0');
	}
	sbuf_release(&sb);
}

static void
check_code(const char *text)
{
	char right[TOTP_CODE_SIZE];
	int64_t used = -7, step = totp_step(FUZZ_NOW);
	enum ct_err rc;

	rc = totp_verify(fixed_secret, sizeof(fixed_secret), text, FUZZ_NOW,
			 TOTP_NO_STEP, &used, NULL);
	FUZZ_CHECK(rc == CT_OK || rc == CT_ERR_INVALID || rc == CT_ERR_DENIED);
	FUZZ_CHECK((rc == CT_ERR_INVALID) == !six_digits_with_spaces(text));
	if (rc != CT_OK) {
		FUZZ_CHECK(used == -7);
		return;
	}
	FUZZ_CHECK(used >= step - TOTP_WINDOW && used <= step + TOTP_WINDOW);
	FUZZ_CHECK(totp_code_at_step(fixed_secret, sizeof(fixed_secret), used,
				     TOTP_DIGITS, right) == CT_OK);
	/* Used once, the same code is refused. */
	FUZZ_CHECK(totp_verify(fixed_secret, sizeof(fixed_secret), text,
			       FUZZ_NOW, used, &used, NULL) == CT_ERR_DENIED);
}

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	static int ready;
	char *text;

	if (!ready) {
		FUZZ_CHECK(ct_crypto_init() == CT_OK);
		FUZZ_CHECK(totp_global_init() == CT_OK);
		ready = 1;
	}
	text = fuzz_strndup(data, size);
	check_secret(text);
	check_code(text);
	free(text);
	return 0;
}
