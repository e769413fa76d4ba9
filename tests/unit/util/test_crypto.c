#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <string.h>
#include <cmocka.h>

#include "util/crypto.h"

static void
hash_fields(const char *a, const char *b, char out[CT_HASH_HEX_SIZE])
{
	struct ct_hash_state *h = ct_hash_new();

	ct_hash_update_field(h, a);
	ct_hash_update_field(h, b);
	ct_hash_final_hex(h, out);
}

static void
test_blake2b_known_answer(void **state)
{
	struct ct_hash_state *h;
	char out[CT_HASH_HEX_SIZE];

	(void)state;
	h = ct_hash_new();
	ct_hash_update(h, "abc", 3);
	ct_hash_final_hex(h, out);
	/* BLAKE2b-256("abc"), RFC 7693 family test vector */
	assert_string_equal(out, "bddd813c634239723171ef3fee98579b94964e3bb1cb3e427262c8c068d52319");
}

static void
test_fields_are_length_prefixed(void **state)
{
	char x[CT_HASH_HEX_SIZE], y[CT_HASH_HEX_SIZE], z[CT_HASH_HEX_SIZE];

	(void)state;
	hash_fields("ab", "c", x);
	hash_fields("a", "bc", y);
	assert_string_not_equal(x, y);
	hash_fields("", NULL, y);
	hash_fields("", "", z);
	assert_string_not_equal(y, z);
	hash_fields("ab", "c", y);
	assert_string_equal(x, y);
}

static void
test_password_roundtrip(void **state)
{
	char hash[CT_PWHASH_SIZE];

	(void)state;
	assert_int_equal(ct_password_hash("correct horse", hash), CT_OK);
	assert_true(strncmp(hash, "$argon2id$", 10) == 0);
	assert_true(ct_password_verify(hash, "correct horse"));
	assert_false(ct_password_verify(hash, "correct hors"));
	assert_false(ct_password_verify("not a hash", "x"));
}

static void
test_random_password_alphabet(void **state)
{
	char pw[21];
	size_t i;

	(void)state;
	ct_random_password(pw, 20);
	assert_int_equal(strlen(pw), 20);
	for (i = 0; i < 20; i++)
		assert_null(strchr("0O1lI", pw[i]));
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
		cmocka_unit_test(test_blake2b_known_answer),
		cmocka_unit_test(test_fields_are_length_prefixed),
		cmocka_unit_test(test_password_roundtrip),
		cmocka_unit_test(test_random_password_alphabet),
	};
	return cmocka_run_group_tests(tests, setup, NULL);
}
