#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>

#include "cli_test.h"

/* The password printed after "Eenmalig wachtwoord: ". */
static void
printed_password(const char *out, char *pw, size_t n)
{
	const char *p = strstr(out, "Eenmalig wachtwoord: ");
	size_t len;

	assert_non_null(p);
	p += strlen("Eenmalig wachtwoord: ");
	len = strcspn(p, "\n");
	assert_true(len < n);
	memcpy(pw, p, len);
	pw[len] = '\0';
}

static void
test_init_creates_org_admin_and_password(void **state)
{
	char pw[64];
	struct ct_error err;
	struct store_counts n;
	struct user u;
	struct org o;
	struct arena a;
	const char *hash = NULL;
	struct tctx t;

	(void)state;
	tctx_init(&t);
	assert_int_equal(tctx_run(&t, cmd_init, "init", "--org-name",
				  "Veilig Thuis Amsterdam", "--org-type",
				  "veilig_thuis", "--country", "NL", "--admin",
				  "beheer", NULL),
			 0);
	assert_string_equal(t.err, "");
	assert_non_null(t.ctx.store);
	printed_password(t.out, pw, sizeof(pw));
	assert_int_equal(strlen(pw), 16);

	arena_init(&a, ARENA_MAX_DEFAULT);
	assert_int_equal(store_user_get(t.ctx.store, "beheer", &a, &u, &err),
			 CT_OK);
	assert_true(ct_has(u.roles, USER_ROLE_ADMIN));
	assert_int_equal(store_org_get(t.ctx.store, u.org_id, &a, &o, &err),
			 CT_OK);
	assert_string_equal(o.name, "Veilig Thuis Amsterdam");
	assert_int_equal(o.type, ORG_TYPE_VEILIG_THUIS);
	/* Only the hash is stored, and the printed password matches it. */
	assert_int_equal(
		store_user_password_hash(t.ctx.store, u.id, &a, &hash, &err),
		CT_OK);
	assert_non_null(hash);
	assert_null(strstr(hash, pw));
	assert_int_equal(ct_password_verify(hash, pw), 1);
	arena_release(&a);

	assert_int_equal(store_counts(t.ctx.store, &n, &err), CT_OK);
	assert_int_equal(n.orgs, 1);
	assert_int_equal(n.users, 1);
	tctx_release(&t);
}

static void
test_init_refuses_existing_data(void **state)
{
	struct tctx t;
	int64_t journal;

	(void)state;
	tctx_init(&t);
	assert_int_equal(tctx_run(&t, cmd_init, "init", NULL), 0);
	tctx_close(&t);
	assert_int_equal(tctx_open(&t), CT_OK);
	journal = tctx_journal(&t);
	tctx_close(&t);

	assert_int_equal(
		tctx_run(&t, cmd_init, "init", "--admin", "other", NULL), 1);
	assert_non_null(strstr(t.err, "bestaat al"));
	assert_null(strstr(t.out, "wachtwoord"));
	tctx_close(&t);
	assert_int_equal(tctx_open(&t), CT_OK);
	assert_int_equal(tctx_journal(&t), journal);
	tctx_release(&t);
}

static void
test_init_bad_input_creates_no_file(void **state)
{
	struct tctx t;

	(void)state;
	tctx_init(&t);
	assert_int_equal(
		tctx_run(&t, cmd_init, "init", "--org-type", "politie", NULL),
		1);
	assert_non_null(strstr(t.err, "--org-type"));
	assert_non_null(strstr(t.err, "police"));
	assert_int_not_equal(access(t.db, F_OK), 0);

	assert_int_equal(
		tctx_run(&t, cmd_init, "init", "--country", "DE", NULL), 1);
	assert_non_null(strstr(t.err, "--country"));

	/* A user name the validator refuses (upper case, space). */
	assert_int_equal(
		tctx_run(&t, cmd_init, "init", "--admin", "Bad Name", NULL), 1);
	assert_non_null(strstr(t.err, "fout: "));
	assert_int_not_equal(access(t.db, F_OK), 0);

	assert_int_equal(tctx_run(&t, cmd_init, "init", "extra", NULL), 2);
	assert_non_null(strstr(t.err, "'extra'"));
	assert_int_equal(tctx_run(&t, cmd_init, "init", "--help", NULL), 0);
	assert_non_null(strstr(t.out, "Gebruik: casustafel init"));
	assert_int_not_equal(access(t.db, F_OK), 0);
	assert_null(t.ctx.store);
	tctx_release(&t);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_init_creates_org_admin_and_password),
		cmocka_unit_test(test_init_refuses_existing_data),
		cmocka_unit_test(test_init_bad_input_creates_no_file),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
