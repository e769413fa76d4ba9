/*
 * test_store_auth.c - login security: the lock after repeated failures
 * and its expiry, unlocking, and the TOTP secret (sealed, opened only
 * with the right key), replay refusal and enrolment, all journaled
 * without secrets.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>

#include <sodium.h>

#include "store_test.h"
#include "security_test.h"

static const unsigned char key1[STORE_SERVER_KEY_BYTES] = {1, 2, 3, 4};
static const unsigned char key2[STORE_SERVER_KEY_BYTES] = {9, 9, 9, 9};

static void
setup_user(struct store_fixture *f, char uid[CT_UUID_SIZE])
{
	test_open(f, 1);
	test_user_add(f, f->org.id, "sanne", uid);
}

static void
test_defaults_for_a_new_user(void **state)
{
	struct store_fixture f;
	struct user_security sec;
	struct ct_error err;
	char uid[CT_UUID_SIZE];

	(void)state;
	setup_user(&f, uid);
	assert_int_equal(store_user_security_get(f.st, uid, &sec, &err), CT_OK);
	assert_false(sec.totp_enrolled);
	assert_false(sec.totp_pending);
	assert_int_equal(sec.totp_last_step, TOTP_NO_STEP);
	assert_int_equal(sec.failed_logins, 0);
	assert_int_equal(sec.locked_until, 0);
	/* From the journal's user.create entry. */
	assert_int_equal(sec.password_changed_at, TEST_NOW);
	assert_int_equal(sec.totp_enrolled_at, 0);
	assert_int_equal(store_user_security_get(
				 f.st, "00000000-0000-4000-8000-000000000000",
				 &sec, &err),
			 CT_ERR_NOTFOUND);
	test_close(&f);
}

static void
test_lock_after_failures_and_expiry(void **state)
{
	struct store_fixture f;
	struct user_security sec;
	struct ct_error err;
	char uid[CT_UUID_SIZE];
	int64_t until = -1;
	int i;

	(void)state;
	setup_user(&f, uid);
	for (i = 1; i < 5; i++) {
		assert_int_equal(store_user_login_failed(f.st, uid,
							 TEST_NOW + i, 5, 900,
							 &until, &err),
				 CT_OK);
		assert_int_equal(until, 0);
	}
	assert_int_equal(store_user_security_get(f.st, uid, &sec, &err), CT_OK);
	assert_int_equal(sec.failed_logins, 4);
	/* Counting below the threshold is not journaled. */
	assert_int_equal(test_journal_count(&f, "user.lock", NULL), 0);

	/* The fifth failure locks until now + 900. */
	assert_int_equal(store_user_login_failed(f.st, uid, TEST_NOW + 5, 5,
						 900, &until, &err),
			 CT_OK);
	assert_int_equal(until, TEST_NOW + 905);
	assert_int_equal(test_journal_count(&f, "user.lock", uid), 1);
	/* Failing while locked does not extend the lock. */
	assert_int_equal(store_user_login_failed(f.st, uid, TEST_NOW + 100, 5,
						 900, &until, &err),
			 CT_OK);
	assert_int_equal(until, TEST_NOW + 905);
	assert_int_equal(test_journal_count(&f, "user.lock", uid), 1);

	/* After expiry: a fresh set of tries, the lock is not renewed. */
	assert_int_equal(store_user_login_failed(f.st, uid, TEST_NOW + 905, 5,
						 900, &until, &err),
			 CT_OK);
	assert_int_equal(until, 0);
	assert_int_equal(store_user_security_get(f.st, uid, &sec, &err), CT_OK);
	assert_int_equal(sec.failed_logins, 1);

	/* A good password resets the counter. */
	assert_int_equal(store_user_login_succeeded(f.st, uid, &err), CT_OK);
	assert_int_equal(store_user_security_get(f.st, uid, &sec, &err), CT_OK);
	assert_int_equal(sec.failed_logins, 0);

	assert_int_equal(store_user_login_failed(f.st, uid, TEST_NOW, 0, 900,
						 &until, &err),
			 CT_ERR_INVALID);
	assert_int_equal(store_user_login_failed(f.st, "nobody", TEST_NOW, 5,
						 900, &until, &err),
			 CT_ERR_NOTFOUND);
	test_verifies(&f);
	test_close(&f);
}

static void
test_unlock_is_journaled(void **state)
{
	struct store_fixture f;
	struct user_security sec;
	struct ct_error err;
	char uid[CT_UUID_SIZE];
	int64_t until;

	(void)state;
	setup_user(&f, uid);
	assert_int_equal(store_user_login_failed(f.st, uid, TEST_NOW, 1, 60,
						 &until, &err),
			 CT_OK);
	assert_int_equal(until, TEST_NOW + 60);
	f.who.label = "cli:beheer";
	assert_int_equal(store_user_unlock(f.st, &f.who, uid, &err), CT_OK);
	assert_int_equal(store_user_security_get(f.st, uid, &sec, &err), CT_OK);
	assert_int_equal(sec.locked_until, 0);
	assert_int_equal(test_journal_count(&f, "user.unlock", uid), 1);
	assert_int_equal(store_user_unlock(f.st, NULL, uid, &err),
			 CT_ERR_INVALID);
	assert_int_equal(store_user_unlock(f.st, &f.who, "nobody", &err),
			 CT_ERR_NOTFOUND);
	test_close(&f);
}

static void
test_totp_sealed_round_trip_and_wrong_key(void **state)
{
	unsigned char secret[TOTP_SECRET_BYTES], got[TOTP_SECRET_BYTES];
	char hex[TOTP_SECRET_BYTES * 2 + 1], sql[256];
	struct store_fixture f;
	struct user_security sec;
	struct ct_error err;
	char uid[CT_UUID_SIZE], other[CT_UUID_SIZE];

	(void)state;
	setup_user(&f, uid);
	test_user_add(&f, f.org.id, "bram", other);
	totp_secret_new(secret);

	/* No key: the second factor cannot be used at all. */
	assert_int_equal(store_user_totp_begin(f.st, &f.who, uid, secret, &err),
			 CT_ERR_CONFIG);
	assert_int_equal(store_user_totp_secret(f.st, uid, got, &err),
			 CT_ERR_CONFIG);

	store_set_server_key(f.st, key1);
	assert_int_equal(store_user_totp_secret(f.st, uid, got, &err),
			 CT_ERR_NOTFOUND);
	assert_int_equal(store_user_totp_begin(f.st, &f.who, uid, secret, &err),
			 CT_OK);
	assert_int_equal(store_user_security_get(f.st, uid, &sec, &err), CT_OK);
	assert_true(sec.totp_pending);
	assert_false(sec.totp_enrolled);
	assert_int_equal(store_user_totp_secret(f.st, uid, got, &err), CT_OK);
	assert_memory_equal(got, secret, sizeof(secret));

	/* The database never holds the secret in the clear. */
	sodium_bin2hex(hex, sizeof(hex), secret, sizeof(secret));
	snprintf(sql, sizeof(sql),
		 "SELECT count(*) FROM user_security WHERE totp_sealed "
		 "LIKE '%%%s%%'",
		 hex);
	assert_int_equal(test_raw_count(f.path, sql), 0);
	assert_false(test_journal_contains(&f, hex));

	/* Another key does not open it, and says so. */
	store_set_server_key(f.st, key2);
	memset(got, 0xAA, sizeof(got));
	assert_int_equal(store_user_totp_secret(f.st, uid, got, &err),
			 CT_ERR_CONFIG);
	assert_non_null(strstr(err.message, "serversleutel"));

	/* A sealed secret copied to another user does not open there. */
	store_set_server_key(f.st, key1);
	snprintf(sql, sizeof(sql),
		 "INSERT INTO user_security SELECT '%s', totp_sealed, 0, -1, "
		 "0, 0 FROM user_security WHERE user_id = '%s'",
		 other, uid);
	test_raw_sql(f.path, sql);
	assert_int_equal(store_user_totp_secret(f.st, other, got, &err),
			 CT_ERR_CONFIG);

	/* A damaged one is reported as such. */
	snprintf(sql, sizeof(sql),
		 "UPDATE user_security SET totp_sealed = 'zz' "
		 "WHERE user_id = '%s'",
		 other);
	test_raw_sql(f.path, sql);
	assert_int_equal(store_user_totp_secret(f.st, other, got, &err),
			 CT_ERR_DB_CORRUPT);
	test_close(&f);
}

static void
test_totp_replay_refused_and_enrolment(void **state)
{
	unsigned char secret[TOTP_SECRET_BYTES];
	struct store_fixture f;
	struct user_security sec;
	struct ct_error err;
	char uid[CT_UUID_SIZE];

	(void)state;
	setup_user(&f, uid);
	store_set_server_key(f.st, key1);
	totp_secret_new(secret);
	/* Nothing to accept before a secret was issued. */
	assert_int_equal(
		store_user_totp_accept(f.st, &f.who, uid, 100, 1, &err),
		CT_ERR_NOTFOUND);
	assert_int_equal(store_user_totp_begin(f.st, &f.who, uid, secret, &err),
			 CT_OK);
	assert_int_equal(
		store_user_totp_accept(f.st, &f.who, uid, 100, 1, &err), CT_OK);
	assert_int_equal(store_user_security_get(f.st, uid, &sec, &err), CT_OK);
	assert_true(sec.totp_enrolled);
	assert_false(sec.totp_pending);
	assert_int_equal(sec.totp_last_step, 100);
	assert_int_equal(test_journal_count(&f, "user.totp_enrol", uid), 1);
	/* Since when: the journal's user.totp_enrol entry. */
	assert_int_equal(sec.totp_enrolled_at, TEST_NOW);
	assert_int_equal(sec.password_changed_at, TEST_NOW);

	/* The same step again, or an older one: a replayed code. */
	assert_int_equal(
		store_user_totp_accept(f.st, &f.who, uid, 100, 0, &err),
		CT_ERR_CONFLICT);
	assert_int_equal(store_user_totp_accept(f.st, &f.who, uid, 99, 0, &err),
			 CT_ERR_CONFLICT);
	assert_int_equal(
		store_user_totp_accept(f.st, &f.who, uid, 101, 1, &err), CT_OK);
	/* Confirming again is not a new enrolment. */
	assert_int_equal(test_journal_count(&f, "user.totp_enrol", uid), 1);
	assert_int_equal(store_user_totp_accept(f.st, &f.who, uid, -1, 0, &err),
			 CT_ERR_INVALID);

	/* Enrolled: a new secret only after a reset. */
	assert_int_equal(store_user_totp_begin(f.st, &f.who, uid, secret, &err),
			 CT_ERR_EXISTS);
	assert_int_equal(store_user_totp_reset(f.st, &f.who, uid, &err), CT_OK);
	assert_int_equal(test_journal_count(&f, "user.totp_reset", uid), 1);
	assert_int_equal(store_user_security_get(f.st, uid, &sec, &err), CT_OK);
	assert_false(sec.totp_enrolled);
	assert_false(sec.totp_pending);
	assert_int_equal(sec.totp_enrolled_at, 0);
	assert_int_equal(store_user_totp_begin(f.st, &f.who, uid, secret, &err),
			 CT_OK);
	/* The replay guard survives the reset. */
	assert_int_equal(
		store_user_totp_accept(f.st, &f.who, uid, 101, 1, &err),
		CT_ERR_CONFLICT);
	test_verifies(&f);
	test_close(&f);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_defaults_for_a_new_user),
		cmocka_unit_test(test_lock_after_failures_and_expiry),
		cmocka_unit_test(test_unlock_is_journaled),
		cmocka_unit_test(test_totp_sealed_round_trip_and_wrong_key),
		cmocka_unit_test(test_totp_replay_refused_and_enrolment),
	};

	if (ct_crypto_init() != CT_OK)
		return 1;
	return cmocka_run_group_tests(tests, NULL, NULL);
}
