/*
 * test_store_user.c - users: create, get, list per organisation, the
 * password hash (stored, never journalled), unique user names.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>

#include "store_test.h"

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

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_create_get_list),
		cmocka_unit_test(test_password_hash),
		cmocka_unit_test(test_refusals_write_nothing),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
