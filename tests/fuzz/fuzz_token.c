/*
 * fuzz_token.c - util/token.h's checks of what a client presents.
 *
 * Input: the presented session token, then (after a NUL) a session id,
 * then (after another NUL) a presented CSRF token. Contract checked
 * (token.h): token_valid accepts exactly the canonical URL-safe base64 of
 * TOKEN_BYTES bytes, and agrees with token_hash, which gives 64 lower-case
 * hex digits or "" on refusal; a valid token matches its own hash and
 * nothing else's; token_csrf_check accepts exactly token_csrf's text for
 * a non-empty session id; token_equal is string equality.
 */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "fuzz.h"
#include "util/crypto.h"
#include "util/token.h"
#include "util/banned.h"

static const unsigned char key[TOKEN_KEY_BYTES] =
	"casustafel fuzz csrf key 32 byte";

static int
urlsafe(int c)
{
	return (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') ||
	       (c >= '0' && c <= '9') || c == '-' || c == '_';
}

static int
lower_hex(const char *s, size_t n)
{
	size_t i;

	if (strlen(s) != n)
		return 0;
	for (i = 0; i < n; i++)
		if (!((s[i] >= '0' && s[i] <= '9') ||
		      (s[i] >= 'a' && s[i] <= 'f')))
			return 0;
	return 1;
}

static void
check_token(const char *text)
{
	char hash[TOKEN_HASH_HEX_SIZE], other[TOKEN_HASH_HEX_SIZE];
	int valid = token_valid(text);
	size_t i;

	FUZZ_CHECK(valid == (token_hash(text, hash) == CT_OK));
	if (!valid) {
		FUZZ_CHECK(hash[0] == '\0');
		FUZZ_CHECK(!token_matches(text,
					  "000000000000000000000000000000000000"
					  "0000000000000000000000000000"));
		return;
	}
	FUZZ_CHECK(strlen(text) == TOKEN_TEXT_LEN);
	for (i = 0; i < TOKEN_TEXT_LEN; i++)
		FUZZ_CHECK(urlsafe((unsigned char)text[i]));
	FUZZ_CHECK(lower_hex(hash, TOKEN_HASH_HEX_SIZE - 1));
	FUZZ_CHECK(token_matches(text, hash));
	/* Any other stored hash is refused, also a prefix of it. */
	memcpy(other, hash, sizeof(other));
	other[0] = other[0] == '0' ? '1' : '0';
	FUZZ_CHECK(!token_matches(text, other));
	other[0] = hash[0];
	other[TOKEN_HASH_HEX_SIZE - 2] = '\0';
	FUZZ_CHECK(!token_matches(text, other));
}

static void
check_csrf(const char *session_id, const char *presented)
{
	char expected[TOKEN_CSRF_SIZE];
	int ok = token_csrf_check(key, session_id, presented);

	if (!session_id[0]) {
		FUZZ_CHECK(!ok);
		return;
	}
	token_csrf(key, session_id, expected);
	FUZZ_CHECK(strlen(expected) == TOKEN_CSRF_TEXT_LEN);
	FUZZ_CHECK(ok == (strcmp(expected, presented) == 0));
	FUZZ_CHECK(token_csrf_check(key, session_id, expected));
	FUZZ_CHECK(token_equal(expected, presented) == ok);
}

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	static int ready;
	const uint8_t *rest, *rest2;
	size_t head, rest_len, mid, rest2_len;
	char *text, *session_id, *presented;

	if (!ready) {
		FUZZ_CHECK(ct_crypto_init() == CT_OK);
		ready = 1;
	}
	fuzz_split_nul(data, size, &head, &rest, &rest_len);
	fuzz_split_nul(rest, rest_len, &mid, &rest2, &rest2_len);
	text = fuzz_strndup(data, head);
	session_id = fuzz_strndup(rest ? rest : data, rest ? mid : 0);
	presented = fuzz_strndup(rest2 ? rest2 : data, rest2 ? rest2_len : 0);

	check_token(text);
	check_csrf(session_id, presented);
	check_csrf(text, presented);
	FUZZ_CHECK(token_equal(text, presented) ==
		   (strcmp(text, presented) == 0));
	FUZZ_CHECK(token_equal(text, text));

	free(text);
	free(session_id);
	free(presented);
	return 0;
}
