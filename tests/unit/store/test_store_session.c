/*
 * test_store_session.c - sessions: create and find by token hash, idle
 * and absolute expiry (expired ones deleted), touch capped at the
 * absolute end, the second-factor flag, deletion and purging.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>

#include "store_test.h"
#include "security_test.h"

#define IDLE 1800
#define ABSOLUTE 43200

static void
new_session(struct store_fixture *f, const char *uid, struct session *out,
	    char hash[TOKEN_HASH_HEX_SIZE])
{
	char text[TOKEN_TEXT_SIZE];
	struct ct_error err;

	token_new(text, hash);
	assert_int_equal(store_session_create(f->st, uid, hash, TEST_NOW, IDLE,
					      ABSOLUTE, out, &err),
			 CT_OK);
}

static void
test_create_and_get(void **state)
{
	char uid[CT_UUID_SIZE], hash[TOKEN_HASH_HEX_SIZE];
	struct store_fixture f;
	struct session s, got;
	struct ct_error err;

	(void)state;
	test_open(&f, 1);
	test_user_add(&f, f.org.id, "sanne", uid);
	new_session(&f, uid, &s, hash);
	assert_true(ct_uuid_valid(s.id));
	assert_int_equal(s.idle_expires_at, TEST_NOW + IDLE);
	assert_int_equal(s.absolute_expires_at, TEST_NOW + ABSOLUTE);
	assert_false(s.totp_verified);

	assert_int_equal(
		store_session_get(f.st, hash, TEST_NOW + 10, &got, &err),
		CT_OK);
	assert_string_equal(got.id, s.id);
	assert_string_equal(got.user_id, uid);
	assert_string_equal(got.token_hash, hash);
	/* The same token twice is refused. */
	assert_int_equal(store_session_create(f.st, uid, hash, TEST_NOW, IDLE,
					      ABSOLUTE, &got, &err),
			 CT_ERR_EXISTS);
	assert_int_equal(store_session_create(f.st, uid, "abc", TEST_NOW, IDLE,
					      ABSOLUTE, &got, &err),
			 CT_ERR_INVALID);
	assert_int_equal(store_session_get(f.st, "ABC", TEST_NOW, &got, &err),
			 CT_ERR_INVALID);
	assert_int_equal(store_session_create(f.st, uid, hash, TEST_NOW, 0,
					      ABSOLUTE, &got, &err),
			 CT_ERR_INVALID);
	token_new((char[TOKEN_TEXT_SIZE]){0}, hash);
	assert_int_equal(store_session_create(f.st, "nobody", hash, TEST_NOW,
					      IDLE, ABSOLUTE, &got, &err),
			 CT_ERR_NOTFOUND);
	assert_int_equal(store_session_get(f.st, hash, TEST_NOW, &got, &err),
			 CT_ERR_NOTFOUND);
	/* Sessions are bookkeeping: nothing in the journal. */
	assert_int_equal(test_raw_count(f.path, "SELECT count(*) FROM journal "
						"WHERE entity = 'session'"),
			 0);
	test_close(&f);
}

static void
test_idle_expiry_and_touch(void **state)
{
	char uid[CT_UUID_SIZE], hash[TOKEN_HASH_HEX_SIZE];
	struct store_fixture f;
	struct session s, got;
	struct ct_error err;

	(void)state;
	test_open(&f, 1);
	test_user_add(&f, f.org.id, "sanne", uid);
	new_session(&f, uid, &s, hash);
	/* Touched just before the idle end: it lives on. */
	assert_int_equal(store_session_touch(f.st, s.id, TEST_NOW + IDLE - 1,
					     IDLE, &err),
			 CT_OK);
	assert_int_equal(
		store_session_get(f.st, hash, TEST_NOW + IDLE + 5, &got, &err),
		CT_OK);
	assert_int_equal(got.last_seen_at, TEST_NOW + IDLE - 1);
	assert_int_equal(got.idle_expires_at, TEST_NOW + 2 * IDLE - 1);
	/* Untouched for the idle time: gone, and deleted. */
	assert_int_equal(store_session_get(f.st, hash, TEST_NOW + 2 * IDLE - 1,
					   &got, &err),
			 CT_ERR_NOTFOUND);
	assert_int_equal(
		test_raw_count(f.path, "SELECT count(*) FROM sessions"), 0);
	/* An ended session is not revived by a touch. */
	assert_int_equal(store_session_touch(f.st, s.id, TEST_NOW + 5 * IDLE,
					     IDLE, &err),
			 CT_ERR_NOTFOUND);
	test_close(&f);
}

static void
test_absolute_expiry(void **state)
{
	char uid[CT_UUID_SIZE], hash[TOKEN_HASH_HEX_SIZE];
	struct store_fixture f;
	struct session s, got;
	struct ct_error err;
	int64_t t;

	(void)state;
	test_open(&f, 1);
	test_user_add(&f, f.org.id, "sanne", uid);
	new_session(&f, uid, &s, hash);
	/* Busy all day: touched every 20 minutes. */
	for (t = TEST_NOW + 1200; t < TEST_NOW + ABSOLUTE; t += 1200)
		assert_int_equal(store_session_touch(f.st, s.id, t, IDLE, &err),
				 CT_OK);
	assert_int_equal(store_session_get(f.st, hash, TEST_NOW + ABSOLUTE - 1,
					   &got, &err),
			 CT_OK);
	/* The idle end never passes the absolute one. */
	assert_int_equal(got.idle_expires_at, TEST_NOW + ABSOLUTE);
	assert_int_equal(
		store_session_get(f.st, hash, TEST_NOW + ABSOLUTE, &got, &err),
		CT_ERR_NOTFOUND);
	test_close(&f);
}

static void
test_totp_flag_delete_and_purge(void **state)
{
	char uid[CT_UUID_SIZE], other[CT_UUID_SIZE];
	char h1[TOKEN_HASH_HEX_SIZE], h2[TOKEN_HASH_HEX_SIZE];
	char h3[TOKEN_HASH_HEX_SIZE];
	struct store_fixture f;
	struct session s1, s2, s3, got;
	struct ct_error err;
	int64_t removed = -1;

	(void)state;
	test_open(&f, 1);
	test_user_add(&f, f.org.id, "sanne", uid);
	test_user_add(&f, f.org.id, "bram", other);
	new_session(&f, uid, &s1, h1);
	new_session(&f, uid, &s2, h2);
	new_session(&f, other, &s3, h3);

	assert_int_equal(store_session_set_totp_verified(f.st, s1.id, &err),
			 CT_OK);
	assert_int_equal(store_session_get(f.st, h1, TEST_NOW, &got, &err),
			 CT_OK);
	assert_true(got.totp_verified);
	assert_int_equal(store_session_set_totp_verified(f.st, "nope", &err),
			 CT_ERR_NOTFOUND);

	assert_int_equal(store_session_delete(f.st, s1.id, &err), CT_OK);
	assert_int_equal(store_session_get(f.st, h1, TEST_NOW, &got, &err),
			 CT_ERR_NOTFOUND);
	assert_int_equal(store_session_delete(f.st, s1.id, &err),
			 CT_ERR_NOTFOUND);

	/* All of one user's sessions; the other user's stays. */
	new_session(&f, uid, &s1, h1);
	assert_int_equal(store_session_delete_user(f.st, uid, &err), CT_OK);
	assert_int_equal(store_session_get(f.st, h2, TEST_NOW, &got, &err),
			 CT_ERR_NOTFOUND);
	assert_int_equal(store_session_get(f.st, h3, TEST_NOW, &got, &err),
			 CT_OK);

	/* Purge removes only what has expired. */
	new_session(&f, uid, &s1, h1);
	assert_int_equal(
		store_session_touch(f.st, s1.id, TEST_NOW + 1000, IDLE, &err),
		CT_OK);
	assert_int_equal(
		store_session_purge(f.st, TEST_NOW + IDLE, &removed, &err),
		CT_OK);
	assert_int_equal(removed, 1); /* s3, untouched */
	assert_int_equal(
		store_session_get(f.st, h1, TEST_NOW + IDLE, &got, &err),
		CT_OK);
	assert_int_equal(
		store_session_purge(f.st, TEST_NOW + ABSOLUTE, &removed, &err),
		CT_OK);
	assert_int_equal(removed, 1);
	assert_int_equal(
		test_raw_count(f.path, "SELECT count(*) FROM sessions"), 0);
	test_close(&f);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_create_and_get),
		cmocka_unit_test(test_idle_expiry_and_touch),
		cmocka_unit_test(test_absolute_expiry),
		cmocka_unit_test(test_totp_flag_delete_and_purge),
	};

	if (ct_crypto_init() != CT_OK)
		return 1;
	return cmocka_run_group_tests(tests, NULL, NULL);
}
