/*
 * test_store_relation.c - relations: add and list; both persons must be
 * of the relation's case.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>

#include "store_test.h"

static void
relation_init(struct relation *r, const char *case_id, const char *a,
	      const char *b, enum relation_kind kind)
{
	memset(r, 0, sizeof(*r));
	snprintf(r->case_id, sizeof(r->case_id), "%s", case_id);
	snprintf(r->person_a, sizeof(r->person_a), "%s", a);
	snprintf(r->person_b, sizeof(r->person_b), "%s", b);
	r->kind = kind;
}

static void
test_add_and_list(void **state)
{
	struct store_fixture f;
	struct relation r, *list = NULL;
	struct person a, b;
	struct ct_error err;
	size_t n = 0;

	(void)state;
	test_open(&f, 1);
	test_person_init(&a, f.kase.id, "Anna");
	assert_int_equal(store_person_add(f.st, &f.who, &a, &err), CT_OK);
	test_person_init(&b, f.kase.id, "Daan");
	b.birth_date.year = 2015;
	b.roles = CT_BIT(PERSON_ROLE_CHILD);
	assert_int_equal(store_person_add(f.st, &f.who, &b, &err), CT_OK);
	relation_init(&r, f.kase.id, a.id, b.id, RELATION_PARENT);
	assert_int_equal(store_relation_add(f.st, &f.who, &r, &err), CT_OK);
	assert_true(ct_uuid_valid(r.id));
	assert_int_equal(r.version, 1);
	assert_int_equal(
		store_relation_list(f.st, f.kase.id, &f.a, &list, &n, &err),
		CT_OK);
	assert_int_equal(n, 1);
	assert_string_equal(list[0].id, r.id);
	assert_string_equal(list[0].person_a, a.id);
	assert_string_equal(list[0].person_b, b.id);
	assert_int_equal(list[0].kind, RELATION_PARENT);
	test_close(&f);
}

static void
test_person_of_another_case_refused(void **state)
{
	struct store_fixture f;
	struct store_counts c0, c1;
	struct ct_case other;
	struct person a, stranger;
	struct relation r;
	struct ct_error err;

	(void)state;
	test_open(&f, 1);
	test_case_init(&other, f.org.id);
	assert_int_equal(store_case_create(f.st, &f.who, &other, &err), CT_OK);
	test_person_init(&a, f.kase.id, "Anna");
	assert_int_equal(store_person_add(f.st, &f.who, &a, &err), CT_OK);
	test_person_init(&stranger, other.id, "Karel");
	assert_int_equal(store_person_add(f.st, &f.who, &stranger, &err),
			 CT_OK);
	c0 = test_counts(&f);

	relation_init(&r, f.kase.id, a.id, stranger.id, RELATION_PARTNER);
	assert_int_equal(store_relation_add(f.st, &f.who, &r, &err),
			 CT_ERR_INVALID);
	assert_non_null(strstr(err.message, "person_b"));
	assert_non_null(strstr(err.message, "hoort niet bij"));
	assert_string_equal(r.id, "");

	relation_init(&r, f.kase.id, a.id,
		      "6f1c2d3e-4b5a-4c6d-8e7f-0a1b2c3d4e5f", RELATION_PARTNER);
	assert_int_equal(store_relation_add(f.st, &f.who, &r, &err),
			 CT_ERR_NOTFOUND);
	relation_init(&r, f.kase.id, a.id, a.id, RELATION_PARTNER);
	assert_int_equal(store_relation_add(f.st, &f.who, &r, &err),
			 CT_ERR_INVALID);
	c1 = test_counts(&f);
	assert_int_equal(c1.relations, c0.relations);
	assert_int_equal(c1.journal, c0.journal);
	test_close(&f);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_add_and_list),
		cmocka_unit_test(test_person_of_another_case_refused),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
