/*
 * test_store_break_glass.c - emergency grants: opened with a reason and
 * a limited duration (journaled on the case), active until they expire,
 * listed for review per owning organisation, reviewed once.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>

#include "store_test.h"
#include "security_test.h"

#define REASON "Acute dreiging, eigenaar niet bereikbaar"

struct bg_fixture {
	struct store_fixture f;
	char caw[CT_UUID_SIZE];
	char uid[CT_UUID_SIZE];
};

static void
bg_open(struct bg_fixture *b)
{
	test_open(&b->f, 1);
	test_org_add(&b->f, "CAW Oost", b->caw);
	test_user_add(&b->f, b->caw, "hulpverlener", b->uid);
}

static void
grant_init(struct bg_fixture *b, struct break_glass *g, int64_t seconds)
{
	memset(g, 0, sizeof(*g));
	snprintf(g->user_id, sizeof(g->user_id), "%s", b->uid);
	snprintf(g->org_id, sizeof(g->org_id), "%s", b->caw);
	snprintf(g->case_id, sizeof(g->case_id), "%s", b->f.kase.id);
	g->reason = REASON;
	g->expires_at = b->f.now + seconds;
}

static void
test_open_and_refusals(void **state)
{
	struct bg_fixture b;
	struct break_glass g;
	struct ct_error err;

	(void)state;
	bg_open(&b);
	grant_init(&b, &g, 3600);
	assert_int_equal(store_break_glass_open(b.f.st, &b.f.who, &g, &err),
			 CT_OK);
	assert_true(ct_uuid_valid(g.id));
	assert_string_equal(g.owner_org_id, b.f.org.id);
	assert_int_equal(g.created_at, TEST_NOW);
	assert_int_equal(test_journal_count(&b.f, "break_glass.open", g.id), 1);
	assert_int_equal(test_raw_count(b.f.path,
					"SELECT count(*) FROM journal WHERE "
					"action = 'break_glass.open' AND "
					"case_id IS NOT NULL"),
			 1);

	grant_init(&b, &g, 3600);
	g.reason = "te kort";
	assert_int_equal(store_break_glass_open(b.f.st, &b.f.who, &g, &err),
			 CT_ERR_INVALID);
	assert_non_null(strstr(err.message, "reason"));
	grant_init(&b, &g, STORE_BREAK_GLASS_SECONDS_MAX + 1);
	assert_int_equal(store_break_glass_open(b.f.st, &b.f.who, &g, &err),
			 CT_ERR_INVALID);
	assert_non_null(strstr(err.message, "expires_at"));
	grant_init(&b, &g, STORE_BREAK_GLASS_SECONDS_MAX);
	assert_int_equal(store_break_glass_open(b.f.st, &b.f.who, &g, &err),
			 CT_OK);
	grant_init(&b, &g, 0);
	assert_int_equal(store_break_glass_open(b.f.st, &b.f.who, &g, &err),
			 CT_ERR_INVALID);
	/* The user must belong to the organisation named. */
	grant_init(&b, &g, 3600);
	snprintf(g.org_id, sizeof(g.org_id), "%s", b.f.org.id);
	assert_int_equal(store_break_glass_open(b.f.st, &b.f.who, &g, &err),
			 CT_ERR_INVALID);
	grant_init(&b, &g, 3600);
	snprintf(g.case_id, sizeof(g.case_id),
		 "00000000-0000-4000-8000-000000000000");
	assert_int_equal(store_break_glass_open(b.f.st, &b.f.who, &g, &err),
			 CT_ERR_NOTFOUND);
	assert_int_equal(
		test_raw_count(b.f.path, "SELECT count(*) FROM break_glass"),
		2);
	test_verifies(&b.f);
	test_close(&b.f);
}

static void
test_active_until_expiry(void **state)
{
	struct break_glass g, g2, *act = NULL;
	struct bg_fixture b;
	struct ct_error err;
	size_t n = 0;

	(void)state;
	bg_open(&b);
	grant_init(&b, &g, 600);
	assert_int_equal(store_break_glass_open(b.f.st, &b.f.who, &g, &err),
			 CT_OK);
	grant_init(&b, &g2, 7200);
	assert_int_equal(store_break_glass_open(b.f.st, &b.f.who, &g2, &err),
			 CT_OK);
	assert_int_equal(store_break_glass_active(b.f.st, b.uid, TEST_NOW,
						  &b.f.a, &act, &n, &err),
			 CT_OK);
	assert_int_equal(n, 2);
	assert_string_equal(act[0].id, g.id); /* soonest end first */
	assert_string_equal(act[0].reason, REASON);
	assert_int_equal(store_break_glass_active(b.f.st, b.uid, TEST_NOW + 600,
						  &b.f.a, &act, &n, &err),
			 CT_OK);
	assert_int_equal(n, 1);
	assert_string_equal(act[0].id, g2.id);
	assert_int_equal(store_break_glass_active(b.f.st, b.uid,
						  TEST_NOW + 7200, &b.f.a, &act,
						  &n, &err),
			 CT_OK);
	assert_int_equal(n, 0);
	assert_int_equal(store_break_glass_active(b.f.st, b.f.org.id, TEST_NOW,
						  &b.f.a, &act, &n, &err),
			 CT_OK);
	assert_int_equal(n, 0);
	test_close(&b.f);
}

static void
test_list_and_review(void **state)
{
	struct store_break_glass_filter flt;
	struct break_glass g1, g2, got, *list = NULL;
	struct bg_fixture b;
	struct ct_error err;
	size_t n = 0, total = 0;

	(void)state;
	bg_open(&b);
	grant_init(&b, &g1, 600);
	assert_int_equal(store_break_glass_open(b.f.st, &b.f.who, &g1, &err),
			 CT_OK);
	b.f.now += 100;
	grant_init(&b, &g2, 600);
	assert_int_equal(store_break_glass_open(b.f.st, &b.f.who, &g2, &err),
			 CT_OK);

	memset(&flt, 0, sizeof(flt));
	flt.owner_org_id = b.f.org.id;
	flt.unreviewed_only = 1;
	assert_int_equal(store_break_glass_list(b.f.st, &flt, &b.f.a, &list, &n,
						&total, &err),
			 CT_OK);
	assert_int_equal(total, 2);
	assert_string_equal(list[0].id, g2.id); /* newest first */
	flt.limit = 1;
	flt.offset = 1;
	assert_int_equal(store_break_glass_list(b.f.st, &flt, &b.f.a, &list, &n,
						&total, &err),
			 CT_OK);
	assert_int_equal(n, 1);
	assert_int_equal(total, 2);
	assert_string_equal(list[0].id, g1.id);
	/* Another owner sees none of them. */
	flt.owner_org_id = b.caw;
	flt.limit = 0;
	flt.offset = 0;
	assert_int_equal(store_break_glass_list(b.f.st, &flt, &b.f.a, &list, &n,
						&total, &err),
			 CT_OK);
	assert_int_equal(total, 0);

	b.f.who.label = "privacy:officer";
	assert_int_equal(store_break_glass_review(b.f.st, &b.f.who, g1.id,
						  "Terecht gebruikt", &err),
			 CT_OK);
	assert_int_equal(store_break_glass_review(b.f.st, &b.f.who, g1.id,
						  "Nogmaals", &err),
			 CT_ERR_CONFLICT);
	assert_non_null(strstr(err.message, "privacy:officer"));
	assert_int_equal(
		store_break_glass_review(b.f.st, &b.f.who, "nope", NULL, &err),
		CT_ERR_NOTFOUND);
	assert_int_equal(test_journal_count(&b.f, "break_glass.review", g1.id),
			 1);

	/* One grant by id, with the owner the review route checks. */
	memset(&got, 0, sizeof(got));
	assert_int_equal(store_break_glass_get(b.f.st, g1.id, &b.f.a, &got,
					       &err),
			 CT_OK);
	assert_string_equal(got.id, g1.id);
	assert_string_equal(got.case_id, g1.case_id);
	assert_string_equal(got.owner_org_id, b.f.org.id);
	assert_string_equal(got.review_note, "Terecht gebruikt");
	assert_int_equal(store_break_glass_get(b.f.st,
					       "00000000-0000-4000-8000-"
					       "000000000000",
					       &b.f.a, &got, &err),
			 CT_ERR_NOTFOUND);

	/* The privacy officer's list: all owners, unreviewed only. */
	flt.owner_org_id = NULL;
	flt.unreviewed_only = 1;
	assert_int_equal(store_break_glass_list(b.f.st, &flt, &b.f.a, &list, &n,
						&total, &err),
			 CT_OK);
	assert_int_equal(total, 1);
	assert_string_equal(list[0].id, g2.id);
	flt.unreviewed_only = 0;
	assert_int_equal(store_break_glass_list(b.f.st, &flt, &b.f.a, &list, &n,
						&total, &err),
			 CT_OK);
	assert_int_equal(total, 2);
	assert_string_equal(list[1].reviewed_by, "privacy:officer");
	assert_string_equal(list[1].review_note, "Terecht gebruikt");
	assert_int_equal(list[1].reviewed_at, TEST_NOW + 100);
	test_verifies(&b.f);
	test_close(&b.f);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_open_and_refusals),
		cmocka_unit_test(test_active_until_expiry),
		cmocka_unit_test(test_list_and_review),
	};

	if (ct_crypto_init() != CT_OK)
		return 1;
	return cmocka_run_group_tests(tests, NULL, NULL);
}
