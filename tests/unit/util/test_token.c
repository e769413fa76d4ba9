/*
 * test_token.c - token shape, stored hash, constant-time matching, CSRF.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <string.h>
#include <cmocka.h>

#include "util/crypto.h"
#include "util/token.h"

static int
url_safe(char c)
{
	return (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') ||
	       (c >= '0' && c <= '9') || c == '-' || c == '_';
}

static void
test_new_shape(void **state)
{
	char text[TOKEN_TEXT_SIZE];
	char hash[TOKEN_HASH_HEX_SIZE];
	char again[TOKEN_HASH_HEX_SIZE];
	size_t i;

	(void)state;
	token_new(text, hash);
	assert_int_equal(strlen(text), TOKEN_TEXT_LEN);
	for (i = 0; i < TOKEN_TEXT_LEN; i++)
		assert_true(url_safe(text[i]));
	assert_int_equal(strlen(hash), 64);
	for (i = 0; i < 64; i++)
		assert_non_null(strchr("0123456789abcdef", hash[i]));
	/* the stored hash is what token_hash computes from the text */
	assert_true(token_valid(text));
	assert_int_equal(token_hash(text, again), CT_OK);
	assert_string_equal(again, hash);
	/* and never the text itself */
	assert_null(strstr(hash, text));
	token_new(text, NULL); /* hash optional */
	assert_true(token_valid(text));
}

static void
test_tokens_differ(void **state)
{
	char a[TOKEN_TEXT_SIZE], b[TOKEN_TEXT_SIZE];
	char ha[TOKEN_HASH_HEX_SIZE], hb[TOKEN_HASH_HEX_SIZE];

	(void)state;
	token_new(a, ha);
	token_new(b, hb);
	assert_string_not_equal(a, b);
	assert_string_not_equal(ha, hb);
}

static void
test_known_hash(void **state)
{
	/* 32 zero bytes, base64url: 42 'A's and a final 'A' */
	const char *zero = "AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA";
	char hash[TOKEN_HASH_HEX_SIZE];

	(void)state;
	assert_int_equal(token_hash(zero, hash), CT_OK);
	/* BLAKE2b-256 of 32 zero bytes */
	assert_string_equal(hash, "89eb0d6a8a691dae2cd15ed0369931ce0a949ecafa5c"
				  "3f93f8121833646e15c3");
}

static void
test_malformed_rejected(void **state)
{
	char text[TOKEN_TEXT_SIZE];
	char bad[TOKEN_TEXT_SIZE + 1];
	char hash[TOKEN_HASH_HEX_SIZE];

	(void)state;
	token_new(text, NULL);
	assert_false(token_valid(NULL));
	assert_false(token_valid(""));
	/* one character short, one too long */
	memcpy(bad, text, TOKEN_TEXT_LEN - 1);
	bad[TOKEN_TEXT_LEN - 1] = '\0';
	assert_false(token_valid(bad));
	memcpy(bad, text, TOKEN_TEXT_LEN);
	bad[TOKEN_TEXT_LEN] = 'A';
	bad[TOKEN_TEXT_LEN + 1] = '\0';
	assert_false(token_valid(bad));
	/* standard-alphabet and padding characters are not URL-safe */
	memcpy(bad, text, TOKEN_TEXT_SIZE);
	bad[5] = '+';
	assert_false(token_valid(bad));
	bad[5] = '/';
	assert_false(token_valid(bad));
	bad[5] = '=';
	assert_false(token_valid(bad));
	/* non-canonical: the final character's 2 unused bits set */
	assert_false(
		token_valid("AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAB"));
	assert_true(token_valid("AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAE"));
	assert_int_equal(
		token_hash("AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAB", hash),
		CT_ERR_INVALID);
	assert_string_equal(hash, "");
}

static void
test_matches(void **state)
{
	char text[TOKEN_TEXT_SIZE], other[TOKEN_TEXT_SIZE];
	char hash[TOKEN_HASH_HEX_SIZE];
	char upper[TOKEN_HASH_HEX_SIZE];
	size_t i;

	(void)state;
	token_new(text, hash);
	token_new(other, NULL);
	assert_true(token_matches(text, hash));
	assert_false(token_matches(other, hash));
	assert_false(token_matches(NULL, hash));
	assert_false(token_matches(text, NULL));
	assert_false(token_matches(text, ""));
	/* a truncated hash must not match by prefix */
	hash[63] = '\0';
	assert_false(token_matches(text, hash));
	token_new(text, hash);
	/* the stored form is lower case; anything else is not ours */
	for (i = 0; i < sizeof(upper); i++)
		upper[i] = (hash[i] >= 'a' && hash[i] <= 'f')
				   ? (char)(hash[i] - 'a' + 'A')
				   : hash[i];
	if (strcmp(upper, hash) != 0)
		assert_false(token_matches(text, upper));
}

static void
test_equal(void **state)
{
	(void)state;
	assert_true(token_equal("abc", "abc"));
	assert_true(token_equal("", ""));
	assert_false(token_equal("abc", "abd"));
	assert_false(token_equal("abc", "abcd"));
	assert_false(token_equal("abcd", "abc"));
	assert_false(token_equal(NULL, "abc"));
	assert_false(token_equal("abc", NULL));
}

static void
test_csrf(void **state)
{
	unsigned char key[TOKEN_KEY_BYTES], key2[TOKEN_KEY_BYTES];
	char a[TOKEN_CSRF_SIZE], a2[TOKEN_CSRF_SIZE], b[TOKEN_CSRF_SIZE];
	char c[TOKEN_CSRF_SIZE];

	(void)state;
	token_key_new(key);
	token_key_new(key2);
	assert_memory_not_equal(key, key2, TOKEN_KEY_BYTES);

	token_csrf(key, "session-a", a);
	token_csrf(key, "session-a", a2);
	token_csrf(key, "session-b", b);
	token_csrf(key2, "session-a", c);
	assert_int_equal(strlen(a), TOKEN_CSRF_TEXT_LEN);
	/* stable per session, different across sessions and keys */
	assert_string_equal(a, a2);
	assert_string_not_equal(a, b);
	assert_string_not_equal(a, c);

	assert_true(token_csrf_check(key, "session-a", a));
	assert_false(token_csrf_check(key, "session-b", a));
	assert_false(token_csrf_check(key2, "session-a", a));
	assert_false(token_csrf_check(key, "session-a", NULL));
	assert_false(token_csrf_check(key, "session-a", ""));
	assert_false(token_csrf_check(key, "", a));
	assert_false(token_csrf_check(key, NULL, a));
	/* one character changed */
	a2[10] = a2[10] == 'x' ? 'y' : 'x';
	assert_false(token_csrf_check(key, "session-a", a2));
}

static void
test_csrf_known_key(void **state)
{
	unsigned char key[TOKEN_KEY_BYTES];
	char a[TOKEN_CSRF_SIZE], b[TOKEN_CSRF_SIZE];

	(void)state;
	/* deterministic for a fixed key: servers sharing a key agree */
	memset(key, 7, sizeof(key));
	token_csrf(key, "0f4c", a);
	memset(key, 7, sizeof(key));
	token_csrf(key, "0f4c", b);
	assert_string_equal(a, b);
}

static int
setup(void **state)
{
	(void)state;
	return ct_crypto_init() == CT_OK ? 0 : -1;
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_new_shape),
		cmocka_unit_test(test_tokens_differ),
		cmocka_unit_test(test_known_hash),
		cmocka_unit_test(test_malformed_rejected),
		cmocka_unit_test(test_matches),
		cmocka_unit_test(test_equal),
		cmocka_unit_test(test_csrf),
		cmocka_unit_test(test_csrf_known_key),
	};
	return cmocka_run_group_tests(tests, setup, NULL);
}
