/*
 * test_store_org.c - organisations: create, get by id and name, list,
 * unique names, invalid input refused without writing.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>

#include "store_test.h"

static void
test_create_get_list(void **state)
{
	struct store_fixture f;
	struct org o, got, *list = NULL;
	struct ct_error err;
	size_t n = 0;

	(void)state;
	test_open(&f, 0);
	test_org_init(&o, "Politie Amsterdam");
	assert_int_equal(store_org_create(f.st, &f.who, &o, &err), CT_OK);
	assert_true(ct_uuid_valid(o.id));
	assert_int_equal(o.version, 1);

	assert_int_equal(store_org_get(f.st, o.id, &f.a, &got, &err), CT_OK);
	assert_string_equal(got.name, "Politie Amsterdam");
	assert_int_equal(got.type, ORG_TYPE_POLICE);
	assert_int_equal(got.country, CT_COUNTRY_NL);
	assert_string_equal(got.email, "wijk@politie.example");
	assert_int_equal(got.version, 1);
	assert_int_equal(
		store_org_get(f.st, "Politie Amsterdam", &f.a, &got, &err),
		CT_OK);
	assert_string_equal(got.id, o.id);

	test_org_init(&o, "CAW Limburg");
	o.type = ORG_TYPE_CAW;
	o.country = CT_COUNTRY_BE;
	o.email = NULL;
	assert_int_equal(store_org_create(f.st, &f.who, &o, &err), CT_OK);
	assert_int_equal(store_org_list(f.st, &f.a, &list, &n, &err), CT_OK);
	assert_int_equal(n, 2);
	assert_string_equal(list[0].name, "CAW Limburg"); /* by name */
	assert_int_equal(list[0].country, CT_COUNTRY_BE);
	assert_int_equal(list[0].type, ORG_TYPE_CAW);
	assert_null(list[0].email);
	assert_string_equal(list[1].name, "Politie Amsterdam");

	assert_int_equal(store_org_get(f.st, "Bestaat Niet", &f.a, &got, &err),
			 CT_ERR_NOTFOUND);
	assert_non_null(strstr(err.message, "Bestaat Niet"));
	test_close(&f);
}

static void
test_duplicate_and_invalid_write_nothing(void **state)
{
	struct store_fixture f;
	struct store_counts c0, c1;
	struct ct_error err;
	struct org o;

	(void)state;
	test_open(&f, 1);
	c0 = test_counts(&f);
	test_org_init(&o, "Politie Amsterdam");
	assert_int_equal(store_org_create(f.st, &f.who, &o, &err),
			 CT_ERR_EXISTS);
	assert_non_null(strstr(err.message, "Politie Amsterdam"));
	assert_string_equal(o.id, "");

	test_org_init(&o, "");
	o.type = (enum org_type)99;
	assert_int_equal(store_org_create(f.st, &f.who, &o, &err),
			 CT_ERR_INVALID);
	assert_non_null(strstr(err.message, "name"));
	assert_non_null(strstr(err.message, "type"));

	test_org_init(&o, "Zonder actor");
	assert_int_equal(store_org_create(f.st, NULL, &o, &err),
			 CT_ERR_INVALID);
	c1 = test_counts(&f);
	assert_int_equal(c1.orgs, c0.orgs);
	assert_int_equal(c1.journal, c0.journal);
	test_close(&f);
}

static void
test_journal_entry(void **state)
{
	struct store_fixture f;
	struct journal_entry *e = NULL;
	struct ct_error err;
	size_t n = 9;

	(void)state;
	test_open(&f, 1);
	/* Organisation entries belong to no case. */
	assert_int_equal(
		store_journal_list(f.st, f.kase.id, &f.a, &e, &n, &err), CT_OK);
	assert_int_equal(n, 1);
	assert_string_equal(e[0].action, "case.create");
	assert_int_equal(test_counts(&f).journal, 2);
	test_assert_verifies(f.st, 2);
	test_close(&f);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_create_get_list),
		cmocka_unit_test(test_duplicate_and_invalid_write_nothing),
		cmocka_unit_test(test_journal_entry),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
