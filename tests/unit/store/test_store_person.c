/*
 * test_store_person.c - persons: add, get, list, update with optimistic
 * concurrency, refusal of invalid input and of moving to another case.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>

#include "store_test.h"

static void
test_add_get_list(void **state)
{
	struct store_fixture f;
	struct person p, got, *list = NULL;
	struct ct_error err;
	size_t n = 0;

	(void)state;
	test_open(&f, 1);
	test_person_init(&p, f.kase.id, "Anna");
	p.bsn = "111222333";
	assert_int_equal(store_person_add(f.st, &f.who, &p, &err), CT_OK);
	assert_true(ct_uuid_valid(p.id));
	assert_int_equal(p.version, 1);
	assert_int_equal(store_person_get(f.st, p.id, &f.a, &got, &err), CT_OK);
	assert_string_equal(got.case_id, f.kase.id);
	assert_string_equal(got.given_name, "Anna");
	assert_string_equal(got.family_name, "Jansen");
	assert_true(got.has_birth_date);
	assert_int_equal(got.birth_date.year, 1990);
	assert_int_equal(got.birth_date.month, 4);
	assert_int_equal(got.birth_date.day, 2);
	assert_int_equal(got.sex, PERSON_SEX_FEMALE);
	assert_string_equal(got.bsn, "111222333");
	assert_null(got.rrn);
	assert_int_equal(got.roles, p.roles);

	f.now += 1;
	test_person_init(&p, f.kase.id, "Bram");
	p.has_birth_date = 0;
	p.roles = CT_BIT(PERSON_ROLE_PERPETRATOR);
	assert_int_equal(store_person_add(f.st, &f.who, &p, &err), CT_OK);
	assert_int_equal(
		store_person_list(f.st, f.kase.id, &f.a, &list, &n, &err),
		CT_OK);
	assert_int_equal(n, 2);
	assert_string_equal(list[0].given_name, "Anna");
	assert_string_equal(list[1].given_name, "Bram");
	assert_false(list[1].has_birth_date);
	assert_int_equal(store_person_get(f.st, f.kase.id, &f.a, &got, &err),
			 CT_ERR_NOTFOUND);
	test_close(&f);
}

static void
test_refusals_write_nothing(void **state)
{
	struct store_fixture f;
	struct store_counts c0, c1;
	struct ct_error err;
	struct person p;

	(void)state;
	test_open(&f, 1);
	c0 = test_counts(&f);
	test_person_init(&p, f.kase.id, NULL);
	p.family_name = NULL;
	p.bsn = "123456789";
	p.birth_date.year = 2099;
	assert_int_equal(store_person_add(f.st, &f.who, &p, &err),
			 CT_ERR_INVALID);
	/* Every problem at once. */
	assert_non_null(strstr(err.message, "given_name"));
	assert_non_null(strstr(err.message, "bsn"));
	assert_non_null(strstr(err.message, "birth_date"));
	test_person_init(&p, "6f1c2d3e-4b5a-4c6d-8e7f-0a1b2c3d4e5f", "Anna");
	assert_int_equal(store_person_add(f.st, &f.who, &p, &err),
			 CT_ERR_NOTFOUND);
	assert_non_null(strstr(err.message, "case_id"));
	c1 = test_counts(&f);
	assert_int_equal(c1.persons, c0.persons);
	assert_int_equal(c1.journal, c0.journal);
	test_close(&f);
}

static void
test_update_and_conflict(void **state)
{
	struct store_fixture f;
	struct person p, stale, got;
	struct journal_entry *e = NULL;
	struct ct_case other;
	struct store_counts c0;
	struct ct_error err;
	size_t n = 0;

	(void)state;
	test_open(&f, 1);
	test_person_init(&p, f.kase.id, "Anna");
	assert_int_equal(store_person_add(f.st, &f.who, &p, &err), CT_OK);
	stale = p;
	p.given_name = "Anne";
	p.roles |= CT_BIT(PERSON_ROLE_WITNESS);
	assert_int_equal(store_person_update(f.st, &f.who, &p, &err), CT_OK);
	assert_int_equal(p.version, 2);
	assert_int_equal(store_person_get(f.st, p.id, &f.a, &got, &err), CT_OK);
	assert_string_equal(got.given_name, "Anne");
	assert_int_equal(got.version, 2);
	assert_true(ct_has(got.roles, PERSON_ROLE_WITNESS));
	assert_int_equal(
		store_journal_list(f.st, f.kase.id, &f.a, &e, &n, &err), CT_OK);
	assert_int_equal(n, 3);
	assert_string_equal(e[2].action, "person.update");
	assert_non_null(strstr(e[2].before_json, "Anna"));
	assert_non_null(strstr(e[2].after_json, "Anne"));

	c0 = test_counts(&f);
	stale.family_name = "Pietersen";
	assert_int_equal(store_person_update(f.st, &f.who, &stale, &err),
			 CT_ERR_CONFLICT);
	assert_non_null(strstr(err.message, "test:tester"));
	assert_int_equal(stale.version, 1);
	assert_int_equal(store_person_get(f.st, p.id, &f.a, &got, &err), CT_OK);
	assert_string_equal(got.family_name, "Jansen");

	test_case_init(&other, f.org.id);
	assert_int_equal(store_case_create(f.st, &f.who, &other, &err), CT_OK);
	c0 = test_counts(&f);
	memcpy(p.case_id, other.id, sizeof(p.case_id));
	assert_int_equal(store_person_update(f.st, &f.who, &p, &err),
			 CT_ERR_INVALID);
	assert_non_null(strstr(err.message, "case_id"));
	assert_int_equal(test_counts(&f).journal, c0.journal);
	test_assert_verifies(f.st, c0.journal);
	test_close(&f);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_add_get_list),
		cmocka_unit_test(test_refusals_write_nothing),
		cmocka_unit_test(test_update_and_conflict),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
