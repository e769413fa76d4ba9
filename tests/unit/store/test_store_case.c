/*
 * test_store_case.c - cases: references per region and local year,
 * get by id and reference, update with optimistic concurrency, list with
 * filters (newest first, total count).
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>

#include "store_test.h"

/* 2025-12-31T23:30:00Z: already 2026 in Amsterdam. */
#define NEW_YEARS_EVE_UTC INT64_C(1767223800)

static void
test_references(void **state)
{
	struct store_fixture f;
	struct ct_case c, got;
	struct ct_error err;

	(void)state;
	test_open(&f, 1);
	assert_string_equal(f.kase.reference, "AMS-2026-00001");
	assert_true(ct_uuid_valid(f.kase.id));
	assert_int_equal(f.kase.status, CASE_STATUS_OPEN);
	assert_int_equal(f.kase.version, 1);
	assert_int_equal(f.kase.created_at, TEST_NOW);

	test_case_init(&c, f.org.id);
	assert_int_equal(store_case_create(f.st, &f.who, &c, &err), CT_OK);
	assert_string_equal(c.reference, "AMS-2026-00002");
	test_case_init(&c, f.org.id);
	c.region = "LIM";
	c.jurisdiction = CT_COUNTRY_BE;
	assert_int_equal(store_case_create(f.st, &f.who, &c, &err), CT_OK);
	assert_string_equal(c.reference, "LIM-2026-00001");

	/* The year is the local one. */
	f.now = NEW_YEARS_EVE_UTC;
	test_case_init(&c, f.org.id);
	c.region = "RTM";
	assert_int_equal(store_case_create(f.st, &f.who, &c, &err), CT_OK);
	assert_string_equal(c.reference, "RTM-2026-00001");

	assert_int_equal(
		store_case_get(f.st, "LIM-2026-00001", &f.a, &got, &err),
		CT_OK);
	assert_string_equal(got.region, "LIM");
	assert_int_equal(got.jurisdiction, CT_COUNTRY_BE);
	assert_string_equal(got.owner_org_id, f.org.id);
	assert_int_equal(store_case_get(f.st, f.kase.id, &f.a, &got, &err),
			 CT_OK);
	assert_string_equal(got.reference, "AMS-2026-00001");
	assert_int_equal(
		store_case_get(f.st, "AMS-2026-09999", &f.a, &got, &err),
		CT_ERR_NOTFOUND);
	test_close(&f);
}

static void
test_rejected_create_writes_nothing(void **state)
{
	struct store_fixture f;
	struct store_counts c0, c1;
	struct ct_case c;
	struct ct_error err;

	(void)state;
	test_open(&f, 1);
	c0 = test_counts(&f);
	test_case_init(&c, "6f1c2d3e-4b5a-4c6d-8e7f-0a1b2c3d4e5f");
	assert_int_equal(store_case_create(f.st, &f.who, &c, &err),
			 CT_ERR_NOTFOUND);
	assert_non_null(strstr(err.message, "owner_org_id"));
	test_case_init(&c, f.org.id);
	c.region = "ams1";
	assert_int_equal(store_case_create(f.st, &f.who, &c, &err),
			 CT_ERR_INVALID);
	assert_non_null(strstr(err.message, "region"));
	c1 = test_counts(&f);
	assert_int_equal(c1.cases, c0.cases);
	assert_int_equal(c1.journal, c0.journal);
	/* No number was used up by the refusals. */
	test_case_init(&c, f.org.id);
	assert_int_equal(store_case_create(f.st, &f.who, &c, &err), CT_OK);
	assert_string_equal(c.reference, "AMS-2026-00002");
	test_close(&f);
}

static void
test_update_and_stale_version(void **state)
{
	struct store_fixture f;
	struct ct_case mine, theirs, got;
	struct store_counts c0;
	struct ct_error err;

	(void)state;
	test_open(&f, 1);
	mine = f.kase;
	theirs = f.kase;
	f.now += 60;
	theirs.pattern = PATTERN_SITUATIONAL;
	f.who.label = "coordinator:petra";
	assert_int_equal(store_case_update(f.st, &f.who, &theirs, &err), CT_OK);
	assert_int_equal(theirs.version, 2);
	assert_int_equal(theirs.updated_at, TEST_NOW + 60);

	c0 = test_counts(&f);
	mine.status = CASE_STATUS_CLOSED;
	assert_int_equal(store_case_update(f.st, &f.who, &mine, &err),
			 CT_ERR_CONFLICT);
	assert_non_null(strstr(err.message, "gewijzigd door "
					    "coordinator:petra"));
	assert_non_null(strstr(err.message, "laad opnieuw"));
	assert_int_equal(mine.version, 1);
	assert_int_equal(test_counts(&f).journal, c0.journal);
	assert_int_equal(store_case_get(f.st, f.kase.id, &f.a, &got, &err),
			 CT_OK);
	assert_int_equal(got.status, CASE_STATUS_OPEN);
	assert_int_equal(got.pattern, PATTERN_SITUATIONAL);
	assert_int_equal(got.version, 2);

	got.status = (enum case_status)7;
	assert_int_equal(store_case_update(f.st, &f.who, &got, &err),
			 CT_ERR_INVALID);
	assert_int_equal(test_counts(&f).journal, c0.journal);
	test_close(&f);
}

static void
test_list_filters(void **state)
{
	struct store_case_filter filt;
	struct store_fixture f;
	struct ct_case c, *list = NULL;
	struct ct_error err;
	struct org other;
	size_t n = 0, total = 0;
	int i;

	(void)state;
	test_open(&f, 1);
	test_org_init(&other, "Veilig Huis Limburg");
	other.country = CT_COUNTRY_BE;
	other.type = ORG_TYPE_VEILIG_HUIS;
	assert_int_equal(store_org_create(f.st, &f.who, &other, &err), CT_OK);
	for (i = 0; i < 5; i++) {
		f.now += 10;
		test_case_init(&c, i < 3 ? f.org.id : other.id);
		if (i >= 3) {
			c.region = "LIM";
			c.jurisdiction = CT_COUNTRY_BE;
		}
		assert_int_equal(store_case_create(f.st, &f.who, &c, &err),
				 CT_OK);
	}
	store_case_filter_init(&filt);
	assert_int_equal(
		store_case_list(f.st, &filt, &f.a, &list, &n, &total, &err),
		CT_OK);
	assert_int_equal(n, 6);
	assert_int_equal(total, 6);
	assert_string_equal(list[0].reference, "LIM-2026-00002");
	assert_string_equal(list[5].reference, "AMS-2026-00001");

	filt.region = "AMS";
	filt.limit = 2;
	filt.offset = 1;
	assert_int_equal(
		store_case_list(f.st, &filt, &f.a, &list, &n, &total, &err),
		CT_OK);
	assert_int_equal(total, 4);
	assert_int_equal(n, 2);
	assert_string_equal(list[0].reference, "AMS-2026-00003");
	assert_string_equal(list[1].reference, "AMS-2026-00002");

	store_case_filter_init(&filt);
	filt.owner_org_id = other.id;
	filt.jurisdiction = CT_COUNTRY_BE;
	filt.status = CASE_STATUS_OPEN;
	assert_int_equal(
		store_case_list(f.st, &filt, &f.a, &list, &n, &total, &err),
		CT_OK);
	assert_int_equal(total, 2);
	assert_int_equal(n, 2);
	filt.status = CASE_STATUS_CLOSED;
	assert_int_equal(
		store_case_list(f.st, &filt, &f.a, &list, &n, &total, &err),
		CT_OK);
	assert_int_equal(total, 0);
	assert_int_equal(n, 0);
	filt.status = 42;
	assert_int_equal(
		store_case_list(f.st, &filt, &f.a, &list, &n, &total, &err),
		CT_ERR_INVALID);

	/* Part of a reference, any case; LIKE's own characters are text. */
	store_case_filter_init(&filt);
	filt.reference_part = "ams-2026-0000";
	assert_int_equal(
		store_case_list(f.st, &filt, &f.a, &list, &n, &total, &err),
		CT_OK);
	assert_int_equal(total, 4);
	filt.reference_part = "00002";
	assert_int_equal(
		store_case_list(f.st, &filt, &f.a, &list, &n, &total, &err),
		CT_OK);
	assert_int_equal(total, 2);
	assert_string_equal(list[0].reference, "LIM-2026-00002");
	assert_string_equal(list[1].reference, "AMS-2026-00002");
	filt.reference_part = "AMS%";
	assert_int_equal(
		store_case_list(f.st, &filt, &f.a, &list, &n, &total, &err),
		CT_OK);
	assert_int_equal(total, 0);
	filt.reference_part = "_MS";
	assert_int_equal(
		store_case_list(f.st, &filt, &f.a, &list, &n, &total, &err),
		CT_OK);
	assert_int_equal(total, 0);
	filt.reference_part = "AMS-2026-00001-00001-00001";
	assert_int_equal(
		store_case_list(f.st, &filt, &f.a, &list, &n, &total, &err),
		CT_ERR_INVALID);
	test_close(&f);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_references),
		cmocka_unit_test(test_rejected_create_writes_nothing),
		cmocka_unit_test(test_update_and_stale_version),
		cmocka_unit_test(test_list_filters),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
