/*
 * test_store_incident.c - incidents: add and list (by time of
 * occurrence), sets of codes round-trip, invalid input writes nothing.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>

#include "store_test.h"

static void
incident_init(struct incident *in, const char *case_id, int64_t at)
{
	memset(in, 0, sizeof(*in));
	snprintf(in->case_id, sizeof(in->case_id), "%s", case_id);
	in->occurred_at = at;
	in->types = CT_BIT(VIOLENCE_TYPE_PARTNER) |
		    CT_BIT(VIOLENCE_TYPE_CHILDREN_WITNESS);
	in->forms =
		CT_BIT(VIOLENCE_FORM_PHYSICAL) | CT_BIT(VIOLENCE_FORM_THREATS);
	in->severity = SEVERITY_VERY_SERIOUS;
	in->location = "Woning";
	in->description = "Ruzie escaleerde;\nkinderen waren thuis.";
}

static void
test_add_and_list(void **state)
{
	struct store_fixture f;
	struct incident in, *list = NULL;
	struct ct_error err;
	size_t n = 0;

	(void)state;
	test_open(&f, 1);
	incident_init(&in, f.kase.id, TEST_NOW - 3600);
	assert_int_equal(store_incident_add(f.st, &f.who, &in, &err), CT_OK);
	assert_true(ct_uuid_valid(in.id));
	incident_init(&in, f.kase.id, TEST_NOW - 86400);
	in.location = NULL;
	in.types = 0;
	in.forms = CT_BIT(VIOLENCE_FORM_STALKING);
	in.severity = SEVERITY_UNKNOWN;
	assert_int_equal(store_incident_add(f.st, &f.who, &in, &err), CT_OK);
	assert_int_equal(
		store_incident_list(f.st, f.kase.id, &f.a, &list, &n, &err),
		CT_OK);
	assert_int_equal(n, 2);
	/* Oldest occurrence first. */
	assert_int_equal(list[0].occurred_at, TEST_NOW - 86400);
	assert_int_equal(list[0].types, 0);
	assert_int_equal(list[0].forms, CT_BIT(VIOLENCE_FORM_STALKING));
	assert_null(list[0].location);
	assert_int_equal(list[1].types,
			 CT_BIT(VIOLENCE_TYPE_PARTNER) |
				 CT_BIT(VIOLENCE_TYPE_CHILDREN_WITNESS));
	assert_int_equal(list[1].severity, SEVERITY_VERY_SERIOUS);
	assert_string_equal(list[1].description,
			    "Ruzie escaleerde;\nkinderen waren thuis.");
	/* Sets are stored as codes, not bit numbers. */
	assert_int_equal(test_raw_count(f.path,
					"SELECT count(*) FROM incidents WHERE "
					"forms = 'threats,physical'"),
			 1);
	test_close(&f);
}

static void
test_refusals_write_nothing(void **state)
{
	struct store_fixture f;
	struct store_counts c0, c1;
	struct incident in;
	struct ct_error err;

	(void)state;
	test_open(&f, 1);
	c0 = test_counts(&f);
	incident_init(&in, f.kase.id, TEST_NOW + 86400);
	in.description = "";
	assert_int_equal(store_incident_add(f.st, &f.who, &in, &err),
			 CT_ERR_INVALID);
	assert_non_null(strstr(err.message, "occurred_at"));
	assert_non_null(strstr(err.message, "description"));
	incident_init(&in, "6f1c2d3e-4b5a-4c6d-8e7f-0a1b2c3d4e5f", TEST_NOW);
	assert_int_equal(store_incident_add(f.st, &f.who, &in, &err),
			 CT_ERR_NOTFOUND);
	c1 = test_counts(&f);
	assert_int_equal(c1.incidents, c0.incidents);
	assert_int_equal(c1.journal, c0.journal);
	test_close(&f);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_add_and_list),
		cmocka_unit_test(test_refusals_write_nothing),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
