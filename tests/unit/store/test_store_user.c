/*
 * test_store_user.c - users: create, get, list per organisation, the
 * password hash (stored, never journalled), unique user names, and
 * updates (version check, journal, deactivation ends the sessions).
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>

#include "store_test.h"
#include "security_test.h"

static void
user_init(struct user *u, const char *org_id, const char *username)
{
	memset(u, 0, sizeof(*u));
	snprintf(u->org_id, sizeof(u->org_id), "%s", org_id);
	u->username = username;
	u->display_name = "Sanne de Vries";
	u->email = "s.devries@politie.example";
	u->roles = CT_BIT(USER_ROLE_POLICE_OFFICER) | CT_BIT(USER_ROLE_HOVJ);
	u->active = 1;
}

static void
test_create_get_list(void **state)
{
	struct store_fixture f;
	struct user u, got, *list = NULL;
	struct ct_error err;
	size_t n = 0;

	(void)state;
	test_open(&f, 1);
	user_init(&u, f.org.id, "sanne");
	assert_int_equal(
		store_user_create(f.st, &f.who, &u, "$argon2id$x", &err),
		CT_OK);
	assert_true(ct_uuid_valid(u.id));
	assert_int_equal(store_user_get(f.st, "sanne", &f.a, &got, &err),
			 CT_OK);
	assert_string_equal(got.id, u.id);
	assert_string_equal(got.org_id, f.org.id);
	assert_string_equal(got.display_name, "Sanne de Vries");
	assert_int_equal(got.roles, u.roles);
	assert_int_equal(got.active, 1);
	assert_int_equal(store_user_get(f.st, u.id, &f.a, &got, &err), CT_OK);

	user_init(&u, f.org.id, "admin");
	u.roles = CT_BIT(USER_ROLE_ADMIN);
	u.email = NULL;
	assert_int_equal(store_user_create(f.st, &f.who, &u, NULL, &err),
			 CT_OK);
	assert_int_equal(store_user_list(f.st, NULL, &f.a, &list, &n, &err),
			 CT_OK);
	assert_int_equal(n, 2);
	assert_string_equal(list[0].username, "admin");
	assert_int_equal(store_user_list(f.st, f.org.id, &f.a, &list, &n, &err),
			 CT_OK);
	assert_int_equal(n, 2);
	assert_int_equal(store_user_list(f.st, "nobody", &f.a, &list, &n, &err),
			 CT_OK);
	assert_int_equal(n, 0);
	test_close(&f);
}

static void
test_password_hash(void **state)
{
	struct store_fixture f;
	struct ct_error err;
	const char *hash = "x";
	struct user u, got;

	(void)state;
	test_open(&f, 1);
	user_init(&u, f.org.id, "sanne");
	assert_int_equal(store_user_create(f.st, &f.who, &u, NULL, &err),
			 CT_OK);
	assert_int_equal(
		store_user_password_hash(f.st, u.id, &f.a, &hash, &err), CT_OK);
	assert_null(hash);
	assert_int_equal(store_user_set_password(f.st, &f.who, u.id,
						 "$argon2id$geheim", &err),
			 CT_OK);
	assert_int_equal(
		store_user_password_hash(f.st, u.id, &f.a, &hash, &err), CT_OK);
	assert_string_equal(hash, "$argon2id$geheim");
	assert_int_equal(store_user_get(f.st, u.id, &f.a, &got, &err), CT_OK);
	assert_int_equal(got.version, 2);
	assert_int_equal(store_user_set_password(f.st, &f.who, "missing",
						 "$argon2id$y", &err),
			 CT_ERR_NOTFOUND);
	/* The journal says a password was set, never what it is. */
	assert_int_equal(test_counts(&f).journal, 4);
	assert_int_equal(test_raw_count(f.path,
					"SELECT count(*) FROM journal WHERE "
					"action = 'user.set_password'"),
			 1);
	assert_int_equal(test_raw_count(f.path,
					"SELECT count(*) FROM journal WHERE "
					"before_json LIKE '%argon2id%' OR "
					"after_json LIKE '%argon2id%'"),
			 0);
	test_close(&f);
}

static void
test_refusals_write_nothing(void **state)
{
	struct store_fixture f;
	struct store_counts c0, c1;
	struct ct_error err;
	struct user u;

	(void)state;
	test_open(&f, 1);
	user_init(&u, f.org.id, "sanne");
	assert_int_equal(store_user_create(f.st, &f.who, &u, NULL, &err),
			 CT_OK);
	c0 = test_counts(&f);
	user_init(&u, f.org.id, "sanne");
	assert_int_equal(store_user_create(f.st, &f.who, &u, NULL, &err),
			 CT_ERR_EXISTS);
	assert_non_null(strstr(err.message, "sanne"));
	user_init(&u, "6f1c2d3e-4b5a-4c6d-8e7f-0a1b2c3d4e5f", "kees");
	assert_int_equal(store_user_create(f.st, &f.who, &u, NULL, &err),
			 CT_ERR_NOTFOUND);
	assert_non_null(strstr(err.message, "org_id"));
	user_init(&u, f.org.id, "Hoofdletters");
	u.roles = 0;
	assert_int_equal(store_user_create(f.st, &f.who, &u, NULL, &err),
			 CT_ERR_INVALID);
	assert_non_null(strstr(err.message, "username"));
	assert_non_null(strstr(err.message, "roles"));
	c1 = test_counts(&f);
	assert_int_equal(c1.users, c0.users);
	assert_int_equal(c1.journal, c0.journal);
	test_close(&f);
}

static void
test_update(void **state)
{
	struct store_fixture f;
	struct store_counts c0;
	struct ct_error err;
	struct session sess;
	struct user u, change, got;
	char text[TOKEN_TEXT_SIZE], hash_a[TOKEN_HASH_HEX_SIZE],
		hash_b[TOKEN_HASH_HEX_SIZE];
	int64_t version;

	(void)state;
	token_new(text, hash_a);
	token_new(text, hash_b);
	test_open(&f, 1);
	user_init(&u, f.org.id, "sanne");
	assert_int_equal(store_user_create(f.st, &f.who, &u, NULL, &err),
			 CT_OK);
	assert_int_equal(store_session_create(f.st, u.id, hash_a, TEST_NOW,
					      600, 3600, &sess, &err),
			 CT_OK);
	assert_int_equal(store_session_create(f.st, u.id, hash_b, TEST_NOW,
					      600, 3600, &sess, &err),
			 CT_OK);

	/* name, email and roles; the organisation and user name stay */
	change = u;
	change.display_name = "Sanne van Dijk";
	change.email = NULL;
	change.roles = CT_BIT(USER_ROLE_COORDINATOR);
	snprintf(change.org_id, sizeof(change.org_id), "%s", "elders");
	change.username = "iemand.anders";
	assert_int_equal(store_user_update(f.st, &f.who, &change, &err), CT_OK);
	assert_int_equal(change.version, 2);
	assert_string_equal(change.org_id, f.org.id);
	assert_int_equal(store_user_get(f.st, u.id, &f.a, &got, &err), CT_OK);
	assert_string_equal(got.username, "sanne");
	assert_string_equal(got.display_name, "Sanne van Dijk");
	assert_null(got.email);
	assert_int_equal(got.roles, CT_BIT(USER_ROLE_COORDINATOR));
	assert_int_equal(got.active, 1);
	assert_int_equal(got.version, 2);
	assert_int_equal(test_raw_count(f.path,
					"SELECT count(*) FROM journal WHERE "
					"action = 'user.update' AND "
					"before_json LIKE '%Sanne de Vries%' "
					"AND after_json LIKE '%Sanne van Dijk%'"),
			 1);
	/* still active: the sessions live */
	assert_int_equal(test_raw_count(f.path,
					"SELECT count(*) FROM sessions"),
			 2);

	/* a stale version changes nothing */
	c0 = test_counts(&f);
	change = got;
	change.version = 1;
	change.active = 0;
	assert_int_equal(store_user_update(f.st, &f.who, &change, &err),
			 CT_ERR_CONFLICT);
	assert_int_equal(test_counts(&f).journal, c0.journal);
	/* invalid input: every problem named, nothing written */
	change = got;
	change.display_name = "";
	change.roles = 0;
	assert_int_equal(store_user_update(f.st, &f.who, &change, &err),
			 CT_ERR_INVALID);
	assert_non_null(strstr(err.message, "display_name"));
	assert_non_null(strstr(err.message, "roles"));
	assert_int_equal(test_counts(&f).journal, c0.journal);
	/* no such user */
	change = got;
	snprintf(change.id, sizeof(change.id), "%s",
		 "6f1c2d3e-4b5a-4c6d-8e7f-0a1b2c3d4e5f");
	assert_int_equal(store_user_update(f.st, &f.who, &change, &err),
			 CT_ERR_NOTFOUND);
	/* a user name is no id here */
	change = got;
	snprintf(change.id, sizeof(change.id), "%s", "sanne");
	assert_int_equal(store_user_update(f.st, &f.who, &change, &err),
			 CT_ERR_NOTFOUND);
	assert_int_equal(test_raw_count(f.path,
					"SELECT count(*) FROM sessions"),
			 2);

	/* deactivating ends every session in the same change */
	change = got;
	change.active = 0;
	assert_int_equal(store_user_update(f.st, &f.who, &change, &err), CT_OK);
	version = change.version;
	assert_int_equal(version, 3);
	assert_int_equal(test_raw_count(f.path,
					"SELECT count(*) FROM sessions"),
			 0);
	assert_int_equal(store_user_get(f.st, u.id, &f.a, &got, &err), CT_OK);
	assert_int_equal(got.active, 0);
	assert_int_equal(test_journal_count(&f, "user.update", u.id), 2);
	test_verifies(&f);
	test_close(&f);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_create_get_list),
		cmocka_unit_test(test_password_hash),
		cmocka_unit_test(test_refusals_write_nothing),
		cmocka_unit_test(test_update),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
