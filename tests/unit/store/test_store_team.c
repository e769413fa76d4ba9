/*
 * test_store_team.c - case teams: the owner joins at creation and cannot
 * leave, add and remove with reasons (journaled on the case), duplicates
 * refused, history kept, the ids for the policy, and the case list
 * filtered by team membership.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>

#include "store_test.h"
#include "security_test.h"

#define REASON "Hulpverlening aan het gezin"

static void
test_owner_is_member_from_creation(void **state)
{
	struct team_member *m = NULL;
	struct store_fixture f;
	struct ct_error err;
	const char **ids = NULL;
	size_t n = 0;

	(void)state;
	test_open(&f, 1);
	assert_int_equal(
		store_team_list(f.st, f.kase.id, 0, &f.a, &m, &n, &err), CT_OK);
	assert_int_equal(n, 1);
	assert_string_equal(m[0].org_id, f.org.id);
	assert_string_equal(m[0].org_name, "Politie Amsterdam");
	assert_string_equal(m[0].reason, "eigenaar");
	assert_string_equal(m[0].added_by, "test:tester");
	assert_int_equal(m[0].added_at, TEST_NOW);
	assert_true(m[0].is_owner);
	assert_int_equal(m[0].removed_at, 0);
	assert_int_equal(
		store_team_org_ids(f.st, f.kase.id, &f.a, &ids, &n, &err),
		CT_OK);
	assert_int_equal(n, 1);
	assert_string_equal(ids[0], f.org.id);
	/* The owner cannot leave. */
	assert_int_equal(store_team_remove(f.st, &f.who, f.kase.id, f.org.id,
					   REASON, &err),
			 CT_ERR_DENIED);
	assert_int_equal(store_team_list(f.st, "nope", 0, &f.a, &m, &n, &err),
			 CT_ERR_NOTFOUND);
	test_close(&f);
}

static void
test_add_remove_history_and_journal(void **state)
{
	char caw[CT_UUID_SIZE], ggz[CT_UUID_SIZE];
	struct journal_entry *e = NULL;
	struct team_member *m = NULL;
	struct store_fixture f;
	struct ct_error err;
	const char **ids = NULL;
	size_t n = 0, i;
	int adds = 0, removes = 0;

	(void)state;
	test_open(&f, 1);
	test_org_add(&f, "CAW Oost", caw);
	test_org_add(&f, "GGZ Noord", ggz);
	f.now += 60;
	assert_int_equal(
		store_team_add(f.st, &f.who, f.kase.id, caw, REASON, &err),
		CT_OK);
	f.now += 60;
	assert_int_equal(
		store_team_add(f.st, &f.who, f.kase.id, ggz, REASON, &err),
		CT_OK);
	assert_int_equal(
		store_team_add(f.st, &f.who, f.kase.id, caw, REASON, &err),
		CT_ERR_EXISTS);
	assert_int_equal(
		store_team_add(f.st, &f.who, f.kase.id, caw, "kort", &err),
		CT_ERR_INVALID);
	assert_int_equal(store_team_add(f.st, &f.who, f.kase.id,
					"00000000-0000-4000-8000-000000000000",
					REASON, &err),
			 CT_ERR_NOTFOUND);
	assert_int_equal(
		store_team_add(f.st, &f.who, "nope", caw, REASON, &err),
		CT_ERR_NOTFOUND);
	assert_int_equal(
		store_team_add(f.st, NULL, f.kase.id, caw, REASON, &err),
		CT_ERR_INVALID);

	f.now += 60;
	assert_int_equal(store_team_remove(f.st, &f.who, f.kase.id, caw,
					   "Hulpverlening afgerond", &err),
			 CT_OK);
	assert_int_equal(store_team_remove(f.st, &f.who, f.kase.id, caw,
					   "Hulpverlening afgerond", &err),
			 CT_ERR_NOTFOUND);
	assert_int_equal(
		store_team_org_ids(f.st, f.kase.id, &f.a, &ids, &n, &err),
		CT_OK);
	assert_int_equal(n, 2);
	/* In organisation-id order. */
	assert_true(strcmp(ids[0], ids[1]) < 0);
	assert_true(
		(strcmp(ids[0], f.org.id) == 0 && strcmp(ids[1], ggz) == 0) ||
		(strcmp(ids[0], ggz) == 0 && strcmp(ids[1], f.org.id) == 0));

	/* Current members, owner first; the history keeps the leaver. */
	assert_int_equal(
		store_team_list(f.st, f.kase.id, 0, &f.a, &m, &n, &err), CT_OK);
	assert_int_equal(n, 2);
	assert_true(m[0].is_owner);
	assert_string_equal(m[1].org_id, ggz);
	assert_int_equal(
		store_team_list(f.st, f.kase.id, 1, &f.a, &m, &n, &err), CT_OK);
	assert_int_equal(n, 3);
	assert_string_equal(m[1].org_id, caw);
	assert_int_equal(m[1].removed_at, TEST_NOW + 180);
	assert_string_equal(m[1].removed_reason, "Hulpverlening afgerond");
	assert_false(m[1].is_owner);

	/* Joining again is a new membership. */
	assert_int_equal(
		store_team_add(f.st, &f.who, f.kase.id, caw, REASON, &err),
		CT_OK);
	assert_int_equal(
		store_team_list(f.st, f.kase.id, 1, &f.a, &m, &n, &err), CT_OK);
	assert_int_equal(n, 4);

	assert_int_equal(
		store_journal_list(f.st, f.kase.id, &f.a, &e, &n, &err), CT_OK);
	for (i = 0; i < n; i++) {
		adds += strcmp(e[i].action, "team.add") == 0;
		removes += strcmp(e[i].action, "team.remove") == 0;
	}
	assert_int_equal(adds, 3);
	assert_int_equal(removes, 1);
	test_verifies(&f);
	test_close(&f);
}

static void
test_case_list_by_member(void **state)
{
	char caw[CT_UUID_SIZE];
	struct store_case_filter flt;
	struct store_fixture f;
	struct ct_case c2, *list = NULL;
	struct ct_error err;
	size_t n = 0, total = 0;

	(void)state;
	test_open(&f, 1);
	test_org_add(&f, "CAW Oost", caw);
	test_case_init(&c2, f.org.id);
	assert_int_equal(store_case_create(f.st, &f.who, &c2, &err), CT_OK);
	store_case_filter_init(&flt);
	flt.member_org_id = caw;
	assert_int_equal(
		store_case_list(f.st, &flt, &f.a, &list, &n, &total, &err),
		CT_OK);
	assert_int_equal(total, 0);
	assert_int_equal(store_team_add(f.st, &f.who, c2.id, caw, REASON, &err),
			 CT_OK);
	assert_int_equal(
		store_case_list(f.st, &flt, &f.a, &list, &n, &total, &err),
		CT_OK);
	assert_int_equal(total, 1);
	assert_int_equal(n, 1);
	assert_string_equal(list[0].id, c2.id);
	/* The owner sees both through its own membership. */
	flt.member_org_id = f.org.id;
	assert_int_equal(
		store_case_list(f.st, &flt, &f.a, &list, &n, &total, &err),
		CT_OK);
	assert_int_equal(total, 2);
	/* After leaving, the case drops off the list. */
	flt.member_org_id = caw;
	assert_int_equal(store_team_remove(f.st, &f.who, c2.id, caw,
					   "Hulpverlening afgerond", &err),
			 CT_OK);
	assert_int_equal(
		store_case_list(f.st, &flt, &f.a, &list, &n, &total, &err),
		CT_OK);
	assert_int_equal(total, 0);
	assert_int_equal(n, 0);
	test_close(&f);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_owner_is_member_from_creation),
		cmocka_unit_test(test_add_remove_history_and_journal),
		cmocka_unit_test(test_case_list_by_member),
	};

	if (ct_crypto_init() != CT_OK)
		return 1;
	return cmocka_run_group_tests(tests, NULL, NULL);
}
