#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>

#include "cli_test.h"

static enum ct_err out_rc;
static struct ct_error out_err;
static struct ct_problems out_problems;

static int
error_cmd(struct cli_ctx *ctx, int argc, char **argv)
{
	(void)argc;
	(void)argv;
	return cli_out_error(ctx, out_rc, &out_err);
}

static void
test_error_message_or_code(void **state)
{
	struct tctx t;

	(void)state;
	tctx_init(&t);
	out_rc = ct_error_set(&out_err, CT_ERR_DB_FOREIGN,
			      "bestand x.db is geen Casustafel-database");
	assert_int_equal(tctx_run(&t, error_cmd, "x", NULL), 1);
	assert_string_equal(t.err,
			    "fout: bestand x.db is geen Casustafel-database\n");
	assert_string_equal(t.out, "");

	/* Without a message the code's own description is used. */
	ct_error_clear(&out_err);
	out_rc = CT_ERR_BUSY;
	assert_int_equal(tctx_run(&t, error_cmd, "x", NULL), 1);
	assert_string_equal(t.err, "fout: database is bezet\n");
	tctx_release(&t);
}

static int
problems_cmd(struct cli_ctx *ctx, int argc, char **argv)
{
	(void)argc;
	(void)argv;
	return cli_out_problems(ctx, &out_problems);
}

static void
test_problems_one_per_line(void **state)
{
	struct tctx t;

	(void)state;
	tctx_init(&t);
	ct_problems_init(&out_problems);
	ct_problems_add(&out_problems, "bsn",
			"BSN 123456788 klopt niet (elfproef)");
	ct_problems_add(&out_problems, "given_name", "is verplicht");
	assert_int_equal(tctx_run(&t, problems_cmd, "x", NULL), 1);
	assert_string_equal(t.err,
			    "fout: bsn: BSN 123456788 klopt niet (elfproef)\n"
			    "fout: given_name: is verplicht\n");
	tctx_release(&t);
}

static int
json_cmd(struct cli_ctx *ctx, int argc, char **argv)
{
	(void)argc;
	(void)argv;
	return cli_out_json(ctx, json_pack("{s:i, s:s}", "b", 2, "a", "x"));
}

static void
test_json_document(void **state)
{
	json_error_t jerr;
	struct tctx t;
	json_t *j;

	(void)state;
	tctx_init(&t);
	assert_int_equal(tctx_run(&t, json_cmd, "x", NULL), 0);
	/* Sorted keys: "a" comes before "b". */
	assert_true(strstr(t.out, "\"a\"") < strstr(t.out, "\"b\""));
	assert_int_equal(t.out[t.out_len - 1], '\n');
	j = json_loads(t.out, 0, &jerr);
	assert_non_null(j);
	assert_int_equal(json_integer_value(json_object_get(j, "b")), 2);
	json_decref(j);
	tctx_release(&t);
}

static void
test_journal_json(void **state)
{
	struct journal_entry e;
	json_t *j;

	(void)state;
	memset(&e, 0, sizeof(e));
	e.seq = 7;
	snprintf(e.id, sizeof(e.id), "%s",
		 "0b7e6f4c-3c1d-4b7a-9a53-2f1f4f0c2d11");
	e.at = 1783943940; /* 2026-07-13T11:59:00Z */
	e.actor_label = "cli:root";
	e.action = "person.add";
	e.entity = "person";
	e.entity_id = "p1";
	e.after_json = "{\"given_name\":\"Anna\"}";
	e.before_json = "not json";
	snprintf(e.hash, sizeof(e.hash), "%s", "ab");
	j = cli_out_journal_json(&e);
	assert_int_equal(json_integer_value(json_object_get(j, "seq")), 7);
	assert_string_equal(json_string_value(json_object_get(j, "at")),
			    "2026-07-13T11:59:00Z");
	assert_string_equal(json_string_value(json_object_get(
				    json_object_get(j, "after"), "given_name")),
			    "Anna");
	/* An image that does not parse is kept as text, not lost. */
	assert_string_equal(json_string_value(json_object_get(j, "before")),
			    "not json");
	/* NULL fields are left out. */
	assert_null(json_object_get(j, "case_id"));
	assert_null(json_object_get(j, "actor_user_id"));
	json_decref(j);
}

static void
test_time_is_local(void **state)
{
	char t[CT_ISO_SIZE];

	(void)state;
	cli_out_time(CT_COUNTRY_NL, 1783943940, t);
	assert_string_equal(t, "2026-07-13T13:59:00+02:00");
	cli_out_time(CT_COUNTRY_BE, 1767268800, t); /* 2026-01-01T12:00Z */
	assert_string_equal(t, "2026-01-01T13:00:00+01:00");
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_error_message_or_code),
		cmocka_unit_test(test_problems_one_per_line),
		cmocka_unit_test(test_json_document),
		cmocka_unit_test(test_journal_json),
		cmocka_unit_test(test_time_is_local),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
