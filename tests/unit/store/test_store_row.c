/*
 * test_store_row.c - the shared helpers: actor check, array growth, codes
 * and sets of codes, and unknown stored codes reported as damage.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>

#include "store_test.h"

static void
test_actor_required(void **state)
{
	struct store_actor who = {NULL, NULL, NULL};
	struct ct_error err;

	(void)state;
	assert_int_equal(store_check_actor(NULL, &err), CT_ERR_INVALID);
	assert_int_equal(store_check_actor(&who, &err), CT_ERR_INVALID);
	who.label = "";
	assert_int_equal(store_check_actor(&who, &err), CT_ERR_INVALID);
	assert_non_null(strstr(err.message, "journaal"));
	who.label = "cli:root";
	assert_int_equal(store_check_actor(&who, &err), CT_OK);
}

static void
test_grow_keeps_contents(void **state)
{
	struct arena a;
	int64_t *arr = NULL;
	size_t cap = 0, i;

	(void)state;
	arena_init(&a, ARENA_MAX_DEFAULT);
	for (i = 0; i < 1000; i++) {
		arr = store_grow(&a, arr, i, &cap, sizeof(*arr));
		assert_non_null(arr);
		assert_true(cap > i);
		arr[i] = (int64_t)i * 3;
	}
	for (i = 0; i < 1000; i++)
		assert_int_equal(arr[i], (int64_t)i * 3);
	arena_release(&a);
	/* A full arena gives NULL rather than growing past its limit. */
	arena_init(&a, 1024);
	cap = 0;
	arr = NULL;
	for (i = 0; i < 1000 &&
		    (arr = store_grow(&a, arr, i, &cap, sizeof(*arr))) != NULL;
	     i++)
		arr[i] = 1;
	assert_null(arr);
	assert_true(i < 1000);
	arena_release(&a);
}

static void
test_codes(void **state)
{
	char text[STORE_MASK_TEXT_MAX];

	(void)state;
	assert_string_equal(store_code(&vocab_country, CT_COUNTRY_BE), "BE");
	assert_string_equal(store_code(&vocab_relation_kind, RELATION_PARENT),
			    "parent");
	store_mask_text(&vocab_person_role,
			CT_BIT(PERSON_ROLE_VICTIM) |
				CT_BIT(PERSON_ROLE_REMAINING),
			text);
	assert_string_equal(text, "victim,remaining");
	store_mask_text(&vocab_person_role, 0, text);
	assert_string_equal(text, "");
}

static void
test_unknown_stored_code_is_damage(void **state)
{
	struct store_fixture f;
	struct ct_error err;
	struct org o;

	(void)state;
	test_open(&f, 1);
	store_close(f.st);
	test_raw_sql(f.path, "UPDATE orgs SET type = 'alien'");
	assert_int_equal(store_open(f.path, 0, &f.st, &err), CT_OK);
	assert_int_equal(store_org_get(f.st, f.org.id, &f.a, &o, &err),
			 CT_ERR_DB_CORRUPT);
	assert_non_null(strstr(err.message, "alien"));
	test_close(&f);
}

static void
test_row_exists(void **state)
{
	struct store_fixture f;
	struct ct_error err;
	int found = -1;

	(void)state;
	test_open(&f, 1);
	assert_int_equal(store_row_exists(f.st,
					  "SELECT 1 FROM orgs WHERE id = ?",
					  f.org.id, &found, &err),
			 CT_OK);
	assert_int_equal(found, 1);
	assert_int_equal(store_row_exists(f.st,
					  "SELECT 1 FROM orgs WHERE id = ?",
					  "nope", &found, &err),
			 CT_OK);
	assert_int_equal(found, 0);
	test_close(&f);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_actor_required),
		cmocka_unit_test(test_grow_keeps_contents),
		cmocka_unit_test(test_codes),
		cmocka_unit_test(test_unknown_stored_code_is_damage),
		cmocka_unit_test(test_row_exists),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
