#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>

#include <sqlite3.h>

#include "cli_test.h"
#include "store/access_log.h"

/* Two organisations: two journal entries. */
static void
fill(struct tctx *t)
{
	assert_int_equal(tctx_open(t), CT_OK);
	assert_int_equal(tctx_run(t, cmd_org, "org", "add", "--name", "A",
				  "--type", "police", "--country", "NL", NULL),
			 0);
	assert_int_equal(tctx_run(t, cmd_org, "org", "add", "--name", "B",
				  "--type", "caw", "--country", "BE", NULL),
			 0);
}

static void
test_verify_intact(void **state)
{
	struct tctx t;
	json_t *j;

	(void)state;
	tctx_init(&t);
	fill(&t);
	assert_int_equal(tctx_run(&t, cmd_audit, "audit", "verify", NULL), 0);
	assert_non_null(strstr(t.out, "Journaal klopt: 2 items"));
	assert_non_null(strstr(t.out, "MB gehasht"));
	assert_non_null(strstr(t.out, "Laatste hash: "));

	assert_int_equal(
		tctx_run(&t, cmd_audit, "audit", "verify", "--json", NULL), 0);
	j = json_loads(t.out, 0, NULL);
	assert_non_null(j);
	assert_true(json_is_true(json_object_get(j, "ok")));
	assert_int_equal(json_integer_value(json_object_get(j, "entries")), 2);
	assert_true(json_integer_value(json_object_get(j, "bytes")) > 0);
	assert_int_equal(
		strlen(json_string_value(json_object_get(j, "head_hash"))),
		CT_HASH_HEX_SIZE - 1);
	json_decref(j);
	tctx_release(&t);
}

static void
test_verify_names_first_broken_entry(void **state)
{
	struct tctx t;
	sqlite3 *db;
	json_t *j;

	(void)state;
	tctx_init(&t);
	fill(&t);
	tctx_close(&t);
	/* Someone edits the first entry behind the program's back. */
	assert_int_equal(sqlite3_open(t.db, &db), SQLITE_OK);
	assert_int_equal(sqlite3_exec(db,
				      "UPDATE journal SET actor_label = "
				      "'cli:mallory' WHERE seq = 1",
				      NULL, NULL, NULL),
			 SQLITE_OK);
	sqlite3_close(db);
	assert_int_equal(tctx_open(&t), CT_OK);

	assert_int_equal(tctx_run(&t, cmd_audit, "audit", "verify", NULL), 1);
	assert_non_null(strstr(t.err, "fout: journaalitem 1 klopt niet"));
	assert_int_equal(
		tctx_run(&t, cmd_audit, "audit", "verify", "--json", NULL), 1);
	j = json_loads(t.out, 0, NULL);
	assert_non_null(j);
	assert_true(json_is_false(json_object_get(j, "ok")));
	assert_int_equal(json_integer_value(json_object_get(j, "first_broken")),
			 1);
	assert_non_null(json_string_value(json_object_get(j, "reason")));
	json_decref(j);
	tctx_release(&t);
}

/* Three access-log records written through the store. */
static void
log_reads(struct tctx *t)
{
	struct access_record r;
	struct ct_error err;
	int i;

	memset(&r, 0, sizeof(r));
	r.at = 1783936800;
	r.user_id = "11111111-1111-4111-8111-111111111111";
	r.action = "case.read";
	r.allowed = 1;
	r.reason = "case_team";
	for (i = 0; i < 3; i++)
		assert_int_equal(
			store_access_log_append(t->ctx.store, &r, &err), CT_OK);
}

static void
test_verify_checks_both_chains(void **state)
{
	struct tctx t;
	json_t *j, *al;
	sqlite3 *db;

	(void)state;
	tctx_init(&t);
	fill(&t);
	log_reads(&t);
	assert_int_equal(tctx_run(&t, cmd_audit, "audit", "verify", NULL), 0);
	assert_non_null(strstr(t.out, "Journaal klopt: 2 items"));
	assert_non_null(strstr(t.out, "Toegangslogboek klopt: 3 items"));
	assert_int_equal(
		tctx_run(&t, cmd_audit, "audit", "verify", "--json", NULL), 0);
	j = json_loads(t.out, 0, NULL);
	assert_non_null(j);
	al = json_object_get(j, "access_log");
	assert_true(json_is_true(json_object_get(al, "ok")));
	assert_int_equal(json_integer_value(json_object_get(al, "entries")), 3);
	assert_int_equal(json_integer_value(json_object_get(
				 json_object_get(j, "journal"), "entries")),
			 2);
	json_decref(j);
	tctx_close(&t);

	/* A refusal in the access log is turned into an allowed read. */
	assert_int_equal(sqlite3_open(t.db, &db), SQLITE_OK);
	assert_int_equal(sqlite3_exec(db,
				      "UPDATE access_log SET user_id = "
				      "'mallory' WHERE seq = 2",
				      NULL, NULL, NULL),
			 SQLITE_OK);
	sqlite3_close(db);
	assert_int_equal(tctx_open(&t), CT_OK);
	assert_int_equal(tctx_run(&t, cmd_audit, "audit", "verify", NULL), 1);
	/* The journal is still fine, and the report says both. */
	assert_non_null(strstr(t.out, "Journaal klopt: 2 items"));
	assert_non_null(
		strstr(t.err, "fout: toegangslogboekregel 2 klopt niet"));
	assert_int_equal(
		tctx_run(&t, cmd_audit, "audit", "verify", "--json", NULL), 1);
	j = json_loads(t.out, 0, NULL);
	assert_non_null(j);
	assert_true(json_is_false(json_object_get(j, "ok")));
	al = json_object_get(j, "access_log");
	assert_true(json_is_false(json_object_get(al, "ok")));
	assert_int_equal(
		json_integer_value(json_object_get(al, "first_broken")), 2);
	assert_true(json_is_true(
		json_object_get(json_object_get(j, "journal"), "ok")));
	json_decref(j);
	tctx_release(&t);
}

static void
test_audit_usage(void **state)
{
	struct tctx t;

	(void)state;
	tctx_init(&t);
	assert_int_equal(tctx_run(&t, cmd_audit, "audit", NULL), 2);
	assert_int_equal(
		tctx_run(&t, cmd_audit, "audit", "verify", "--fast", NULL), 2);
	assert_non_null(strstr(t.err, "--fast"));
	assert_int_equal(
		tctx_run(&t, cmd_audit, "audit", "verify", "--help", NULL), 0);
	assert_non_null(strstr(t.out, "Gebruik: casustafel audit verify"));
	tctx_release(&t);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_verify_intact),
		cmocka_unit_test(test_verify_names_first_broken_entry),
		cmocka_unit_test(test_verify_checks_both_chains),
		cmocka_unit_test(test_audit_usage),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
