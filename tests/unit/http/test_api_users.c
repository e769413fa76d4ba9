/*
 * test_api_users.c - the user administration API through the real route
 * table (app_routes) and the app's hooks: PATCH /api/v1/users/{user_id}
 * (version check, journal, deactivation ends the sessions, no self
 * lock-out) and the 409 for a user name already in use.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>

#include "app_test.h"

/* app_test.h with the whole route table, and the admin enrolled. */
static int
users_setup(void **state)
{
	struct ct_error err;
	struct fx *f;

	fx_setup(state);
	f = *state;
	router_release(&f->router);
	assert_int_equal(router_init(&f->router, app_routes, app_routes_count,
				     &app_router_hooks, &f->app, &err),
			 CT_OK);
	/* Administration needs the second factor. */
	totp_secret_new(f->admin.secret);
	assert_int_equal(store_user_totp_begin(f->st, &f->who, f->admin.u.id,
					       f->admin.secret, &err),
			 CT_OK);
	assert_int_equal(store_user_totp_accept(f->st, &f->who, f->admin.u.id,
						0, 1, &err),
			 CT_OK);
	return 0;
}

static void
verified(struct fx *f, const struct fx_user *fu, struct fx_client *cl)
{
	assert_int_equal(fx_login(f, fu->u.username, FX_PASSWORD, cl), 200);
	assert_int_equal(fx_totp(f, cl, fu), 200);
	f->now += TOTP_PERIOD;
}

static void
patch(struct fx *f, const struct fx_client *cl, const char *user_id,
      const char *body, struct fx_call *c)
{
	char target[128];

	snprintf(target, sizeof(target), "/api/v1/users/%s", user_id);
	fx_as(f, cl, c, HTTP_METHOD_PATCH, target, body);
}

static int64_t
journal_count(struct fx *f)
{
	struct store_counts n;
	struct ct_error err;

	assert_int_equal(store_counts(f->st, &n, &err), CT_OK);
	return n.journal;
}

static int64_t
version_of(struct fx *f, const char *user_id)
{
	struct ct_error err;
	struct user u;

	assert_int_equal(store_user_get(f->st, user_id, &f->a, &u, &err),
			 CT_OK);
	return u.version;
}

static void
test_update_with_version(void **state)
{
	struct fx *f = *state;
	struct fx_client admin;
	struct fx_call c;
	struct user got;
	struct ct_error err;
	char body[256];
	int64_t journal, v;

	verified(f, &f->admin, &admin);
	journal = journal_count(f);
	v = version_of(f, f->alice.u.id);
	snprintf(body, sizeof(body),
		 "{\"display_name\":\"Alice de Wit\",\"email\":\"a@politie.nl\","
		 "\"roles\":[\"police_officer\",\"hovj\"],\"version\":%lld}",
		 (long long)v);
	patch(f, &admin, f->alice.u.id, body, &c);
	assert_int_equal(c.resp.status, 200);
	assert_string_equal(fx_str(&c, "display_name"), "Alice de Wit");
	assert_string_equal(fx_str(&c, "username"), "alice");
	assert_int_equal(json_integer_value(json_object_get(c.body, "version")),
			 v + 1);
	fx_done(&c);
	assert_int_equal(journal_count(f), journal + 1);
	assert_int_equal(store_user_get(f->st, f->alice.u.id, &f->a, &got,
					&err),
			 CT_OK);
	assert_int_equal(got.roles, CT_BIT(USER_ROLE_POLICE_OFFICER) |
					    CT_BIT(USER_ROLE_HOVJ));
	assert_string_equal(got.email, "a@politie.nl");

	/* the same version again is stale: 409, nothing written */
	snprintf(body, sizeof(body),
		 "{\"display_name\":\"Weer anders\",\"version\":%lld}",
		 (long long)v);
	patch(f, &admin, f->alice.u.id, body, &c);
	assert_int_equal(c.resp.status, 409);
	assert_string_equal(fx_str(&c, "code"), "conflict");
	fx_done(&c);
	/* no version, an unknown field, a bad role: all named, 400 */
	patch(f, &admin, f->alice.u.id,
	      "{\"display_name\":\"X\",\"roles\":[\"dragon\"],"
	      "\"username\":\"nieuw\"}",
	      &c);
	assert_int_equal(c.resp.status, 400);
	assert_non_null(json_object_get(json_object_get(c.body, "fields"),
					"version"));
	assert_non_null(json_object_get(json_object_get(c.body, "fields"),
					"username"));
	fx_done(&c);
	snprintf(body, sizeof(body), "{\"roles\":[\"dragon\"],\"version\":%lld}",
		 (long long)(v + 1));
	patch(f, &admin, f->alice.u.id, body, &c);
	assert_int_equal(c.resp.status, 400);
	assert_non_null(json_object_get(json_object_get(c.body, "fields"),
					"roles"));
	fx_done(&c);
	/* a user that does not exist */
	patch(f, &admin, "6f1c2d3e-4b5a-4c6d-8e7f-0a1b2c3d4e5f",
	      "{\"display_name\":\"X\",\"version\":1}", &c);
	assert_int_equal(c.resp.status, 404);
	fx_done(&c);
	assert_int_equal(journal_count(f), journal + 1);
	assert_int_equal(store_user_get(f->st, f->alice.u.id, &f->a, &got,
					&err),
			 CT_OK);
	assert_int_equal(got.version, v + 1);
}

static void
test_only_admins_update(void **state)
{
	struct fx *f = *state;
	struct fx_client alice;
	struct fx_call c;

	verified(f, &f->alice, &alice);
	patch(f, &alice, f->alice.u.id,
	      "{\"roles\":[\"admin\"],\"version\":1}", &c);
	assert_int_equal(c.resp.status, 403);
	fx_done(&c);
	patch(f, &alice, f->bob.u.id, "{\"active\":false,\"version\":1}", &c);
	assert_int_equal(c.resp.status, 403);
	fx_done(&c);
}

static void
test_deactivation_ends_sessions(void **state)
{
	struct fx *f = *state;
	struct fx_client admin, bob;
	struct fx_call c;
	char body[128];
	int64_t v;

	verified(f, &f->admin, &admin);
	verified(f, &f->bob, &bob);
	fx_as(f, &bob, &c, HTTP_METHOD_GET, "/api/v1/session", NULL);
	assert_int_equal(c.resp.status, 200);
	fx_done(&c);

	v = version_of(f, f->bob.u.id);
	snprintf(body, sizeof(body), "{\"active\":false,\"version\":%lld}",
		 (long long)v);
	patch(f, &admin, f->bob.u.id, body, &c);
	assert_int_equal(c.resp.status, 200);
	assert_true(json_is_false(json_object_get(c.body, "active")));
	fx_done(&c);
	fx_as(f, &bob, &c, HTTP_METHOD_GET, "/api/v1/session", NULL);
	assert_int_equal(c.resp.status, 401);
	fx_done(&c);
	assert_int_equal(fx_login(f, "bob", FX_PASSWORD, &bob), 401);

	/* and back: the account works again with a new login */
	snprintf(body, sizeof(body), "{\"active\":true,\"version\":%lld}",
		 (long long)(v + 1));
	patch(f, &admin, f->bob.u.id, body, &c);
	assert_int_equal(c.resp.status, 200);
	fx_done(&c);
	assert_int_equal(fx_login(f, "bob", FX_PASSWORD, &bob), 200);
}

static void
test_no_self_lock_out(void **state)
{
	struct fx *f = *state;
	struct fx_client admin;
	struct fx_call c;

	verified(f, &f->admin, &admin);
	patch(f, &admin, f->admin.u.id,
	      "{\"active\":false,\"roles\":[\"coordinator\"],\"version\":3}",
	      &c);
	assert_int_equal(c.resp.status, 400);
	assert_non_null(json_object_get(json_object_get(c.body, "fields"),
					"active"));
	assert_non_null(json_object_get(json_object_get(c.body, "fields"),
					"roles"));
	fx_done(&c);
	fx_as(f, &admin, &c, HTTP_METHOD_GET, "/api/v1/session", NULL);
	assert_int_equal(c.resp.status, 200);
	fx_done(&c);
}

static void
test_duplicate_username_is_409(void **state)
{
	struct fx *f = *state;
	struct fx_client admin;
	struct fx_call c;
	char body[256];

	verified(f, &f->admin, &admin);
	snprintf(body, sizeof(body),
		 "{\"org_id\":\"%s\",\"username\":\"alice\","
		 "\"display_name\":\"Nog een Alice\","
		 "\"roles\":[\"police_officer\"]}",
		 f->org_a.id);
	fx_as(f, &admin, &c, HTTP_METHOD_POST, "/api/v1/users", body);
	assert_int_equal(c.resp.status, 409);
	assert_string_equal(fx_str(&c, "code"), "exists");
	assert_non_null(strstr(fx_str(&c, "message"), "alice"));
	assert_non_null(strstr(fx_str(&c, "message"), "al in gebruik"));
	fx_done(&c);
	/* the same for an organisation name */
	fx_as(f, &admin, &c, HTTP_METHOD_POST, "/api/v1/orgs",
	      "{\"name\":\"Politie Amsterdam\",\"type\":\"police\","
	      "\"country\":\"NL\"}");
	assert_int_equal(c.resp.status, 409);
	assert_string_equal(fx_str(&c, "code"), "exists");
	assert_non_null(strstr(fx_str(&c, "message"), "Politie Amsterdam"));
	fx_done(&c);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test_setup_teardown(test_update_with_version,
						users_setup, fx_teardown),
		cmocka_unit_test_setup_teardown(test_only_admins_update,
						users_setup, fx_teardown),
		cmocka_unit_test_setup_teardown(test_deactivation_ends_sessions,
						users_setup, fx_teardown),
		cmocka_unit_test_setup_teardown(test_no_self_lock_out,
						users_setup, fx_teardown),
		cmocka_unit_test_setup_teardown(test_duplicate_username_is_409,
						users_setup, fx_teardown),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
