/*
 * test_chain.c - the shared hash chain: field hashing (NULL, "" and
 * shifted boundaries differ; numbers as decimal text), the head of an
 * empty and a filled chain, and verification of a chained table.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>

#include "store_test.h"
#include "store/chain.h"

static void
hash2(const char *a, const char *b, char out[CT_HASH_HEX_SIZE])
{
	struct chain_hasher ch;

	chain_begin(&ch);
	chain_add_str(&ch, a);
	chain_add_str(&ch, b);
	chain_end(&ch, out);
}

static void
test_fields_are_length_prefixed(void **state)
{
	char h1[CT_HASH_HEX_SIZE], h2[CT_HASH_HEX_SIZE];
	struct chain_hasher ch;

	(void)state;
	hash2("ab", "c", h1);
	hash2("a", "bc", h2);
	assert_string_not_equal(h1, h2);
	hash2(NULL, "c", h1);
	hash2("", "c", h2);
	assert_string_not_equal(h1, h2);
	assert_int_equal(strlen(h1), CT_HASH_HEX_SIZE - 1);
	/* Numbers hash as their decimal text. */
	chain_begin(&ch);
	chain_add_int(&ch, -42);
	chain_add_str(&ch, "x");
	assert_int_equal(ch.bytes, 8 + 3 + 8 + 1);
	chain_end(&ch, h1);
	hash2("-42", "x", h2);
	assert_string_equal(h1, h2);
}

static const struct chain_def test_journal_def = {
	.table = "journal",
	.noun = "Het journaal",
	.columns = "seq, id, at, actor_user_id, actor_org_id, actor_label, "
		   "case_id, action, entity, entity_id, before_json, "
		   "after_json, prev_hash, hash",
	.ncols = 14,
	.int_cols = (1u << 0) | (1u << 2),
};

static void
test_head_and_verify(void **state)
{
	struct store_verify_result res;
	char hash[CT_HASH_HEX_SIZE];
	struct store_fixture f;
	struct ct_error err;
	int64_t seq = -1;

	(void)state;
	test_open(&f, 0);
	assert_int_equal(chain_head(f.st, &test_journal_def, &seq, hash, &err),
			 CT_OK);
	assert_int_equal(seq, 0);
	assert_string_equal(hash, CHAIN_GENESIS);
	{
		struct org o;

		test_org_init(&o, "Politie Amsterdam");
		assert_int_equal(store_org_create(f.st, &f.who, &o, &err),
				 CT_OK);
	}
	assert_int_equal(chain_head(f.st, &test_journal_def, &seq, hash, &err),
			 CT_OK);
	assert_int_equal(seq, 1);
	assert_int_equal(
		chain_verify(f.st, &test_journal_def, &res, NULL, NULL, &err),
		CT_OK);
	assert_int_equal(res.entries, 1);
	assert_string_equal(res.head_hash, hash);

	test_raw_sql(f.path, "UPDATE journal SET prev_hash = 'x'");
	assert_int_equal(
		chain_verify(f.st, &test_journal_def, &res, NULL, NULL, &err),
		CT_ERR_TAMPERED);
	assert_int_equal(res.first_broken, 1);
	assert_non_null(strstr(res.reason, "vorige regel"));
	assert_non_null(strstr(err.message, "Het journaal"));
	test_close(&f);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_fields_are_length_prefixed),
		cmocka_unit_test(test_head_and_verify),
	};

	if (ct_crypto_init() != CT_OK)
		return 1;
	return cmocka_run_group_tests(tests, NULL, NULL);
}
