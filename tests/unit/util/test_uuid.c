#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <string.h>
#include <cmocka.h>

#include "util/crypto.h"
#include "util/uuid.h"

static void
test_new_is_valid_v4_and_unique(void **state)
{
	char a[CT_UUID_SIZE], b[CT_UUID_SIZE];

	(void)state;
	ct_uuid_new(a);
	ct_uuid_new(b);
	assert_int_equal(strlen(a), CT_UUID_LEN);
	assert_true(ct_uuid_valid(a));
	assert_int_equal(a[14], '4');
	assert_true(strchr("89ab", a[19]) != NULL);
	assert_string_not_equal(a, b);
}

static void
test_from_bytes_is_deterministic(void **state)
{
	unsigned char bytes[16] = { 0 };
	char out[CT_UUID_SIZE];

	(void)state;
	ct_uuid_from_bytes(bytes, out);
	assert_string_equal(out, "00000000-0000-4000-8000-000000000000");
}

static void
test_valid(void **state)
{
	(void)state;
	assert_true(ct_uuid_valid("0b9c3a52-7f1e-4c1a-9a51-3f4d2e1c0b7a"));
	assert_true(ct_uuid_valid("0B9C3A52-7F1E-4C1A-9A51-3F4D2E1C0B7A"));
	assert_false(ct_uuid_valid(NULL));
	assert_false(ct_uuid_valid(""));
	assert_false(ct_uuid_valid("0b9c3a52-7f1e-4c1a-9a51-3f4d2e1c0b7"));
	assert_false(ct_uuid_valid("0b9c3a52x7f1e-4c1a-9a51-3f4d2e1c0b7a"));
	assert_false(ct_uuid_valid("0b9c3a52-7f1e-4c1a-9a51-3f4d2e1c0b7g"));
	assert_false(ct_uuid_valid("../../etc/passwd-aaaa-aaaa-aaaaaaaaa"));
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
		cmocka_unit_test(test_new_is_valid_v4_and_unique),
		cmocka_unit_test(test_from_bytes_is_deterministic),
		cmocka_unit_test(test_valid),
	};
	return cmocka_run_group_tests(tests, setup, NULL);
}
