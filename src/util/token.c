/*
 * token.c - random tokens, their stored hashes, and CSRF tokens.
 *
 * All of it is libsodium: randombytes for the secret, sodium_bin2base64 /
 * sodium_base642bin for the client text, crypto_generichash (BLAKE2b) for
 * the stored hash and, keyed, for CSRF tokens, sodium_memcmp to compare.
 * The hash is taken over the decoded bytes, so the same token cannot be
 * spelled two ways; the canonical-form check makes that explicit.
 */
#include "util/token.h"

#include <sodium.h>
#include <string.h>

#include "util/compat.h"
#include "util/banned.h"

#define TOKEN_B64 sodium_base64_VARIANT_URLSAFE_NO_PADDING

void
token_new(char text[TOKEN_TEXT_SIZE], char hash_hex[TOKEN_HASH_HEX_SIZE])
{
	unsigned char raw[TOKEN_BYTES];
	unsigned char digest[TOKEN_HASH_BYTES];

	randombytes_buf(raw, sizeof(raw));
	sodium_bin2base64(text, TOKEN_TEXT_SIZE, raw, sizeof(raw), TOKEN_B64);
	if (hash_hex) {
		crypto_generichash(digest, sizeof(digest), raw, sizeof(raw),
				   NULL, 0);
		sodium_bin2hex(hash_hex, TOKEN_HASH_HEX_SIZE, digest,
			       sizeof(digest));
	}
	sodium_memzero(raw, sizeof(raw));
}

/* Decode text into raw; 0 unless it is a token in canonical form. */
static int
token_decode(const char *text, unsigned char raw[TOKEN_BYTES])
{
	char again[TOKEN_TEXT_SIZE];
	size_t raw_len = 0;
	const char *end = NULL;
	int ok;

	if (!text || strnlen(text, TOKEN_TEXT_SIZE) != TOKEN_TEXT_LEN)
		return 0;
	if (sodium_base642bin(raw, TOKEN_BYTES, text, TOKEN_TEXT_LEN, NULL,
			      &raw_len, &end, TOKEN_B64) != 0 ||
	    raw_len != TOKEN_BYTES || end != text + TOKEN_TEXT_LEN)
		return 0;
	/* The last character carries 2 unused bits: only one spelling. */
	sodium_bin2base64(again, sizeof(again), raw, TOKEN_BYTES, TOKEN_B64);
	ok = memcmp(again, text, TOKEN_TEXT_LEN) == 0;
	sodium_memzero(again, sizeof(again));
	return ok;
}

int
token_valid(const char *text)
{
	unsigned char raw[TOKEN_BYTES];
	int ok = token_decode(text, raw);

	sodium_memzero(raw, sizeof(raw));
	return ok;
}

enum ct_err
token_hash(const char *text, char hash_hex[TOKEN_HASH_HEX_SIZE])
{
	unsigned char raw[TOKEN_BYTES];
	unsigned char digest[TOKEN_HASH_BYTES];

	hash_hex[0] = '\0';
	if (!token_decode(text, raw)) {
		sodium_memzero(raw, sizeof(raw));
		return CT_ERR_INVALID;
	}
	crypto_generichash(digest, sizeof(digest), raw, sizeof(raw), NULL, 0);
	sodium_bin2hex(hash_hex, TOKEN_HASH_HEX_SIZE, digest, sizeof(digest));
	sodium_memzero(raw, sizeof(raw));
	return CT_OK;
}

int
token_equal(const char *a, const char *b)
{
	size_t len;

	if (!a || !b)
		return 0;
	len = strlen(a);
	if (strlen(b) != len)
		return 0;
	return sodium_memcmp(a, b, len) == 0;
}

int
token_matches(const char *text, const char *stored_hash_hex)
{
	char hash_hex[TOKEN_HASH_HEX_SIZE];

	if (!stored_hash_hex || strnlen(stored_hash_hex, TOKEN_HASH_HEX_SIZE) !=
					TOKEN_HASH_HEX_SIZE - 1)
		return 0;
	if (token_hash(text, hash_hex) != CT_OK)
		return 0;
	return token_equal(hash_hex, stored_hash_hex);
}

void
token_key_new(unsigned char key[TOKEN_KEY_BYTES])
{
	randombytes_buf(key, TOKEN_KEY_BYTES);
}

void
token_csrf(const unsigned char key[TOKEN_KEY_BYTES], const char *session_id,
	   char out[TOKEN_CSRF_SIZE])
{
	/* Domain separation: the same key must never yield a CSRF token
	 * that equals some other keyed hash of the session id. */
	static const char context[] = "casustafel csrf v1";
	crypto_generichash_state st;
	unsigned char mac[TOKEN_CSRF_BYTES];

	if (!session_id || !*session_id)
		CT_BUG("token_csrf without a session id");
	crypto_generichash_init(&st, key, TOKEN_KEY_BYTES, sizeof(mac));
	crypto_generichash_update(&st, (const unsigned char *)context,
				  sizeof(context));
	crypto_generichash_update(&st, (const unsigned char *)session_id,
				  strlen(session_id));
	crypto_generichash_final(&st, mac, sizeof(mac));
	sodium_bin2base64(out, TOKEN_CSRF_SIZE, mac, sizeof(mac), TOKEN_B64);
	sodium_memzero(mac, sizeof(mac));
}

int
token_csrf_check(const unsigned char key[TOKEN_KEY_BYTES],
		 const char *session_id, const char *presented)
{
	char expected[TOKEN_CSRF_SIZE];
	int ok;

	if (!session_id || !*session_id || !presented ||
	    strnlen(presented, TOKEN_CSRF_SIZE) != TOKEN_CSRF_TEXT_LEN)
		return 0;
	token_csrf(key, session_id, expected);
	ok = sodium_memcmp(expected, presented, TOKEN_CSRF_TEXT_LEN) == 0;
	sodium_memzero(expected, sizeof(expected));
	return ok;
}
