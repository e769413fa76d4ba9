#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>

#include "cli_test.h"

static void
test_org_add_and_list(void **state)
{
	json_t *j, *orgs;
	struct tctx t;

	(void)state;
	tctx_init(&t);
	assert_int_equal(tctx_open(&t), CT_OK);
	assert_int_equal(tctx_run(&t, cmd_org, "org", "add", "--name",
				  "Politie Amsterdam", "--type", "police",
				  "--country", "NL", "--email",
				  "vt@example.org", NULL),
			 0);
	assert_non_null(strstr(t.out, "Organisatie toegevoegd: Politie "
				      "Amsterdam"));
	assert_int_equal(tctx_run(&t, cmd_org, "org", "add", "--name",
				  "CAW Limburg", "--type", "caw", "--country",
				  "BE", "--json", NULL),
			 0);
	j = json_loads(t.out, 0, NULL);
	assert_non_null(j);
	assert_string_equal(json_string_value(json_object_get(j, "name")),
			    "CAW Limburg");
	json_decref(j);

	assert_int_equal(tctx_run(&t, cmd_org, "org", "list", NULL), 0);
	assert_non_null(strstr(t.out, "Politie Amsterdam"));
	assert_non_null(strstr(t.out, "CAW Limburg"));
	assert_non_null(strstr(t.out, "2 organisaties"));

	assert_int_equal(tctx_run(&t, cmd_org, "org", "list", "--json", NULL),
			 0);
	j = json_loads(t.out, 0, NULL);
	assert_non_null(j);
	orgs = json_object_get(j, "organisations");
	assert_int_equal(json_array_size(orgs), 2);
	assert_int_equal(json_integer_value(json_object_get(j, "count")), 2);
	json_decref(j);
	tctx_release(&t);
}

static void
test_org_add_refused_writes_nothing(void **state)
{
	struct tctx t;
	int64_t journal;

	(void)state;
	tctx_init(&t);
	assert_int_equal(tctx_open(&t), CT_OK);
	journal = tctx_journal(&t);

	assert_int_equal(tctx_run(&t, cmd_org, "org", "add", "--name", "X",
				  "--type", "polic", "--country", "NL", NULL),
			 1);
	assert_non_null(strstr(t.err, "--type"));
	assert_non_null(strstr(t.err, "police"));
	assert_int_equal(tctx_run(&t, cmd_org, "org", "add", "--name", "X",
				  "--type", "police", "--country", "FR", NULL),
			 1);
	assert_non_null(strstr(t.err, "--country"));
	assert_int_equal(tctx_run(&t, cmd_org, "org", "add", "--name", "X",
				  "--type", "police", NULL),
			 2);
	assert_non_null(strstr(t.err, "--country"));
	/* A name over the limit is refused by the validator. */
	{
		char name[CT_ORG_NAME_MAX + 10];

		memset(name, 'a', sizeof(name) - 1);
		name[sizeof(name) - 1] = '\0';
		assert_int_equal(tctx_run(&t, cmd_org, "org", "add", "--name",
					  name, "--type", "police", "--country",
					  "NL", NULL),
				 1);
		assert_non_null(strstr(t.err, "fout: name"));
	}
	assert_int_equal(tctx_journal(&t), journal);

	assert_int_equal(tctx_run(&t, cmd_org, "org", "list", "extra", NULL),
			 2);
	assert_int_equal(tctx_run(&t, cmd_org, "org", "remove", NULL), 2);
	assert_non_null(strstr(t.err, "org remove"));
	assert_int_equal(tctx_run(&t, cmd_org, "org", "add", "--help", NULL),
			 0);
	assert_non_null(strstr(t.out, "Gebruik: casustafel org add"));
	tctx_release(&t);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_org_add_and_list),
		cmocka_unit_test(test_org_add_refused_writes_nothing),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
