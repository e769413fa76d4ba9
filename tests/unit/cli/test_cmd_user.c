#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>

#include "cli_test.h"

static void
add_orgs(struct tctx *t)
{
	assert_int_equal(tctx_open(t), CT_OK);
	assert_int_equal(tctx_run(t, cmd_org, "org", "add", "--name", "Politie",
				  "--type", "police", "--country", "NL", NULL),
			 0);
	assert_int_equal(tctx_run(t, cmd_org, "org", "add", "--name", "GGZ",
				  "--type", "ggz", "--country", "NL", NULL),
			 0);
}

static void
test_user_add_prints_password_once(void **state)
{
	char pw[64];
	struct ct_error err;
	struct arena a;
	struct user u;
	const char *hash = NULL, *p;
	struct tctx t;
	json_t *j;

	(void)state;
	tctx_init(&t);
	add_orgs(&t);
	assert_int_equal(tctx_run(&t, cmd_user, "user", "add", "--org",
				  "Politie", "--username", "j.devries",
				  "--name", "Jan de Vries", "--roles",
				  "police_officer,hovj", "--email",
				  "jan@example.org", NULL),
			 0);
	p = strstr(t.out, "Eenmalig wachtwoord: ");
	assert_non_null(p);
	p += strlen("Eenmalig wachtwoord: ");
	snprintf(pw, sizeof(pw), "%.*s", (int)strcspn(p, "\n"), p);
	assert_int_equal(strlen(pw), 16);

	arena_init(&a, ARENA_MAX_DEFAULT);
	assert_int_equal(store_user_get(t.ctx.store, "j.devries", &a, &u, &err),
			 CT_OK);
	assert_true(ct_has(u.roles, USER_ROLE_HOVJ));
	assert_int_equal(
		store_user_password_hash(t.ctx.store, u.id, &a, &hash, &err),
		CT_OK);
	assert_int_equal(ct_password_verify(hash, pw), 1);
	arena_release(&a);

	/* Listing shows the user but never a password. */
	assert_int_equal(tctx_run(&t, cmd_user, "user", "list", NULL), 0);
	assert_non_null(strstr(t.out, "j.devries"));
	assert_null(strstr(t.out, pw));

	assert_int_equal(tctx_run(&t, cmd_user, "user", "add", "--org", "GGZ",
				  "--username", "p.smit", "--name",
				  "Petra Smit", "--roles", "partner_worker",
				  "--json", NULL),
			 0);
	j = json_loads(t.out, 0, NULL);
	assert_non_null(j);
	assert_string_equal(json_string_value(json_object_get(j, "username")),
			    "p.smit");
	assert_int_equal(strlen(json_string_value(
				 json_object_get(j, "one_time_password"))),
			 16);
	json_decref(j);

	assert_int_equal(tctx_run(&t, cmd_user, "user", "list", "--org", "GGZ",
				  "--json", NULL),
			 0);
	j = json_loads(t.out, 0, NULL);
	assert_non_null(j);
	assert_int_equal(json_integer_value(json_object_get(j, "count")), 1);
	assert_null(strstr(t.out, "password"));
	json_decref(j);
	tctx_release(&t);
}

static void
test_user_add_refusals(void **state)
{
	struct tctx t;
	int64_t journal;

	(void)state;
	tctx_init(&t);
	add_orgs(&t);
	journal = tctx_journal(&t);
	assert_int_equal(tctx_run(&t, cmd_user, "user", "add", "--org",
				  "Politie", "--username", "x.y", "--name", "X",
				  "--roles", "police_officer,boss", NULL),
			 1);
	assert_non_null(strstr(t.err, "--roles"));
	assert_non_null(strstr(t.err, "'boss'"));
	assert_non_null(strstr(t.err, "coordinator"));
	assert_int_equal(tctx_run(&t, cmd_user, "user", "add", "--org",
				  "Brandweer", "--username", "x.y", "--name",
				  "X", "--roles", "admin", NULL),
			 1);
	assert_non_null(strstr(t.err, "Brandweer"));
	assert_int_equal(tctx_run(&t, cmd_user, "user", "add", "--org",
				  "Politie", "--username", "X Y", "--name", "X",
				  "--roles", "admin", NULL),
			 1);
	assert_non_null(strstr(t.err, "fout: username: "));
	assert_int_equal(tctx_run(&t, cmd_user, "user", "add", "--org",
				  "Politie", "--username", "x.y", "--roles",
				  "admin", NULL),
			 2);
	assert_non_null(strstr(t.err, "--name"));
	assert_null(strstr(t.out, "wachtwoord"));
	assert_int_equal(tctx_journal(&t), journal);
	assert_int_equal(tctx_run(&t, cmd_user, "user", "list", "--org",
				  "Brandweer", NULL),
			 1);
	assert_int_equal(tctx_run(&t, cmd_user, "user", "add", "--help", NULL),
			 0);
	assert_non_null(strstr(t.out, "Gebruik: casustafel user add"));
	tctx_release(&t);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_user_add_prints_password_once),
		cmocka_unit_test(test_user_add_refusals),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
