/*
 * test_store_token.c - bearer tokens: create with validated scopes, find
 * by hash while live, list, revoke, expiry; journaled without the hash.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>

#include "store_test.h"
#include "security_test.h"

static void
token_init(struct api_token *t, const char *uid, const char *scopes)
{
	memset(t, 0, sizeof(*t));
	snprintf(t->user_id, sizeof(t->user_id), "%s", uid);
	t->name = "koppeling politie";
	t->scopes = scopes;
}

static void
test_create_get_list_revoke(void **state)
{
	char uid[CT_UUID_SIZE], text[TOKEN_TEXT_SIZE];
	char hash[TOKEN_HASH_HEX_SIZE], hash2[TOKEN_HASH_HEX_SIZE];
	struct api_token t, t2, got, *list = NULL;
	struct store_fixture f;
	struct ct_error err;
	size_t n = 0;

	(void)state;
	test_open(&f, 1);
	test_user_add(&f, f.org.id, "koppeling", uid);
	token_new(text, hash);
	token_init(&t, uid, "case.read,person.read");
	assert_int_equal(store_api_token_create(f.st, &f.who, &t, hash, &err),
			 CT_OK);
	assert_true(ct_uuid_valid(t.id));
	assert_int_equal(t.created_at, TEST_NOW);
	assert_int_equal(
		store_api_token_get(f.st, hash, TEST_NOW, &f.a, &got, &err),
		CT_OK);
	assert_string_equal(got.id, t.id);
	assert_string_equal(got.user_id, uid);
	assert_string_equal(got.scopes, "case.read,person.read");
	assert_string_equal(got.name, "koppeling politie");
	assert_int_equal(got.expires_at, 0);
	/* The same hash twice is refused. */
	assert_int_equal(store_api_token_create(f.st, &f.who, &t, hash, &err),
			 CT_ERR_EXISTS);

	f.now += 10;
	token_new(text, hash2);
	token_init(&t2, uid, "case.list");
	assert_int_equal(store_api_token_create(f.st, &f.who, &t2, hash2, &err),
			 CT_OK);
	assert_int_equal(store_api_token_list(f.st, uid, &f.a, &list, &n, &err),
			 CT_OK);
	assert_int_equal(n, 2);
	assert_string_equal(list[0].id, t2.id); /* newest first */

	assert_int_equal(store_api_token_revoke(f.st, &f.who, t.id, &err),
			 CT_OK);
	assert_int_equal(store_api_token_get(f.st, hash, TEST_NOW + 20, &f.a,
					     &got, &err),
			 CT_ERR_NOTFOUND);
	/* Twice is harmless and journaled once. */
	assert_int_equal(store_api_token_revoke(f.st, &f.who, t.id, &err),
			 CT_OK);
	assert_int_equal(test_journal_count(&f, "user.token_create", uid), 2);
	assert_int_equal(test_journal_count(&f, "user.token_revoke", uid), 1);
	assert_false(test_journal_contains(&f, hash));
	assert_false(test_journal_contains(&f, hash2));
	assert_int_equal(store_api_token_revoke(f.st, &f.who, "nope", &err),
			 CT_ERR_NOTFOUND);
	assert_int_equal(store_api_token_list(f.st, uid, &f.a, &list, &n, &err),
			 CT_OK);
	assert_int_equal(list[1].revoked_at, TEST_NOW + 10);
	test_verifies(&f);
	test_close(&f);
}

static void
test_unknown_scope_and_bad_input_refused(void **state)
{
	char uid[CT_UUID_SIZE], text[TOKEN_TEXT_SIZE];
	char hash[TOKEN_HASH_HEX_SIZE];
	struct store_fixture f;
	struct api_token t;
	struct ct_error err;

	(void)state;
	test_open(&f, 1);
	test_user_add(&f, f.org.id, "koppeling", uid);
	token_new(text, hash);
	token_init(&t, uid, "case.read,case.steal");
	assert_int_equal(store_api_token_create(f.st, &f.who, &t, hash, &err),
			 CT_ERR_INVALID);
	assert_non_null(strstr(err.message, "case.steal"));
	token_init(&t, uid, "");
	assert_int_equal(store_api_token_create(f.st, &f.who, &t, hash, &err),
			 CT_ERR_INVALID);
	token_init(&t, uid, "case.read,");
	assert_int_equal(store_api_token_create(f.st, &f.who, &t, hash, &err),
			 CT_ERR_INVALID);
	token_init(&t, uid, "case.read");
	t.name = "";
	assert_int_equal(store_api_token_create(f.st, &f.who, &t, hash, &err),
			 CT_ERR_INVALID);
	token_init(&t, uid, "case.read");
	t.expires_at = TEST_NOW;
	assert_int_equal(store_api_token_create(f.st, &f.who, &t, hash, &err),
			 CT_ERR_INVALID);
	token_init(&t, uid, "case.read");
	assert_int_equal(store_api_token_create(f.st, &f.who, &t, "xyz", &err),
			 CT_ERR_INVALID);
	token_init(&t, "00000000-0000-4000-8000-000000000000", "case.read");
	assert_int_equal(store_api_token_create(f.st, &f.who, &t, hash, &err),
			 CT_ERR_NOTFOUND);
	assert_int_equal(
		test_raw_count(f.path, "SELECT count(*) FROM api_tokens"), 0);
	test_close(&f);
}

static void
test_expiry(void **state)
{
	char uid[CT_UUID_SIZE], text[TOKEN_TEXT_SIZE];
	char hash[TOKEN_HASH_HEX_SIZE];
	struct store_fixture f;
	struct api_token t, got;
	struct ct_error err;

	(void)state;
	test_open(&f, 1);
	test_user_add(&f, f.org.id, "koppeling", uid);
	token_new(text, hash);
	token_init(&t, uid, "case.read");
	t.expires_at = TEST_NOW + 3600;
	assert_int_equal(store_api_token_create(f.st, &f.who, &t, hash, &err),
			 CT_OK);
	assert_int_equal(store_api_token_get(f.st, hash, TEST_NOW + 3599, &f.a,
					     &got, &err),
			 CT_OK);
	assert_int_equal(store_api_token_get(f.st, hash, TEST_NOW + 3600, &f.a,
					     &got, &err),
			 CT_ERR_NOTFOUND);
	assert_int_equal(
		store_api_token_get(f.st, "bad", TEST_NOW, &f.a, &got, &err),
		CT_ERR_INVALID);
	test_close(&f);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_create_get_list_revoke),
		cmocka_unit_test(test_unknown_scope_and_bad_input_refused),
		cmocka_unit_test(test_expiry),
	};

	if (ct_crypto_init() != CT_OK)
		return 1;
	return cmocka_run_group_tests(tests, NULL, NULL);
}
