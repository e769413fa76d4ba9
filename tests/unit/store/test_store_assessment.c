/*
 * test_store_assessment.c - risk assessments: add (journaled, assessor
 * from the actor), read within the case only, list oldest first, bad
 * input refused with nothing written, and the override: reason required,
 * once only, journaled with before and after.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>

#include "store_test.h"
#include "store/store_assessment.h"

#define ANSWERS "{\"items\":{},\"signals\":{\"A1\":\"high\"}}"
#define RESULT "{\"outcome\":\"indicated\",\"determined\":true}"
#define REASON "Nieuwe feiten na het horen van de achterblijver"

static void
new_assessment(struct assessment *a, const char *case_id)
{
	memset(a, 0, sizeof(*a));
	snprintf(a->case_id, sizeof(a->case_id), "%s", case_id);
	a->instrument_id = "rihg-structuur";
	a->instrument_version = "1.0";
	a->assessor_role = "hovj";
	a->answers_json = ANSWERS;
	a->result_json = RESULT;
	a->outcome = "indicated";
}

static int64_t
count_journal(struct store_fixture *f, const char *action)
{
	struct journal_entry *e = NULL;
	struct ct_error err;
	size_t n = 0, i;
	int64_t c = 0;

	assert_int_equal(store_journal_list(f->st, f->kase.id, &f->a, &e, &n,
					    &err),
			 CT_OK);
	for (i = 0; i < n; i++)
		if (strcmp(e[i].action, action) == 0)
			c++;
	return c;
}

static void
test_add_get_list(void **state)
{
	struct store_fixture f;
	struct assessment a, b, got, *all = NULL;
	struct ct_error err;
	size_t n = 0;
	json_t *j;

	(void)state;
	test_open(&f, 1);
	f.who.user_id = "11111111-1111-4111-8111-111111111111";
	f.who.org_id = f.org.id;
	new_assessment(&a, f.kase.id);
	assert_int_equal(store_assessment_add(f.st, &f.who, &a, &err), CT_OK);
	assert_true(ct_uuid_valid(a.id));
	assert_int_equal(a.assessed_at, TEST_NOW);
	assert_int_equal(a.version, 1);
	f.now += 60;
	new_assessment(&b, f.kase.id);
	b.outcome = NULL; /* undetermined */
	assert_int_equal(store_assessment_add(f.st, &f.who, &b, &err), CT_OK);

	assert_int_equal(store_assessment_get(f.st, f.kase.id, a.id, &f.a,
					      &got, &err),
			 CT_OK);
	assert_string_equal(got.instrument_id, "rihg-structuur");
	assert_string_equal(got.assessor_role, "hovj");
	assert_string_equal(got.assessor_label, "test:tester");
	assert_string_equal(got.assessor_org_id, f.org.id);
	assert_string_equal(got.answers_json, ANSWERS);
	assert_string_equal(got.outcome, "indicated");
	assert_int_equal(got.override_at, 0);
	j = store_assessment_to_json(&got);
	assert_string_equal(
		json_string_value(json_object_get(j, "effective_outcome")),
		"indicated");
	assert_string_equal(json_string_value(json_object_get(
				    json_object_get(json_object_get(j, "answers"),
						    "signals"),
				    "A1")),
			    "high");
	json_decref(j);

	assert_int_equal(store_assessment_list(f.st, f.kase.id, &f.a, &all, &n,
					       &err),
			 CT_OK);
	assert_int_equal(n, 2);
	assert_string_equal(all[0].id, a.id);
	assert_null(all[1].outcome);
	assert_int_equal(count_journal(&f, "assessment.add"), 2);

	/* Another case's id, or a missing one: not found. */
	assert_int_equal(store_assessment_get(f.st, f.kase.id, "nope", &f.a,
					      &got, &err),
			 CT_ERR_NOTFOUND);
	test_close(&f);
}

static void
test_bad_input_writes_nothing(void **state)
{
	struct store_fixture f;
	struct assessment a;
	struct ct_error err;

	(void)state;
	test_open(&f, 1);
	new_assessment(&a, f.kase.id);
	a.answers_json = "[1]";
	a.assessor_role = "king";
	assert_int_equal(store_assessment_add(f.st, &f.who, &a, &err),
			 CT_ERR_INVALID);
	assert_non_null(strstr(err.message, "answers"));
	assert_non_null(strstr(err.message, "assessor_role"));
	new_assessment(&a, "00000000-0000-4000-8000-000000000000");
	assert_int_equal(store_assessment_add(f.st, &f.who, &a, &err),
			 CT_ERR_NOTFOUND);
	assert_int_equal(count_journal(&f, "assessment.add"), 0);
	test_close(&f);
}

static void
test_override(void **state)
{
	struct store_fixture f;
	struct assessment a, got;
	struct journal_entry *e = NULL;
	struct ct_error err;
	size_t n = 0;

	(void)state;
	test_open(&f, 1);
	new_assessment(&a, f.kase.id);
	assert_int_equal(store_assessment_add(f.st, &f.who, &a, &err), CT_OK);

	/* No reason, too short a reason, no outcome: refused. */
	assert_int_equal(store_assessment_override(f.st, &f.who, f.kase.id,
						   a.id, "not_indicated", NULL,
						   &f.a, NULL, &err),
			 CT_ERR_INVALID);
	assert_non_null(strstr(err.message, "reason"));
	assert_int_equal(store_assessment_override(f.st, &f.who, f.kase.id,
						   a.id, "", "kort", &f.a,
						   NULL, &err),
			 CT_ERR_INVALID);
	assert_non_null(strstr(err.message, "outcome"));
	assert_int_equal(count_journal(&f, "assessment.override"), 0);

	f.now += 120;
	assert_int_equal(store_assessment_override(f.st, &f.who, f.kase.id,
						   a.id, "not_indicated",
						   REASON, &f.a, &got, &err),
			 CT_OK);
	assert_string_equal(got.override_outcome, "not_indicated");
	assert_int_equal(got.version, 2);
	assert_int_equal(store_assessment_get(f.st, f.kase.id, a.id, &f.a,
					      &got, &err),
			 CT_OK);
	assert_string_equal(got.outcome, "indicated"); /* kept */
	assert_string_equal(got.override_outcome, "not_indicated");
	assert_string_equal(got.override_reason, REASON);
	assert_int_equal(got.override_at, TEST_NOW + 120);

	/* Once only. */
	assert_int_equal(store_assessment_override(f.st, &f.who, f.kase.id,
						   a.id, "indicated", REASON,
						   &f.a, NULL, &err),
			 CT_ERR_EXISTS);
	assert_int_equal(store_assessment_override(f.st, &f.who, f.kase.id,
						   "nope", "indicated", REASON,
						   &f.a, NULL, &err),
			 CT_ERR_NOTFOUND);
	assert_int_equal(count_journal(&f, "assessment.override"), 1);
	assert_int_equal(store_journal_list(f.st, f.kase.id, &f.a, &e, &n,
					    &err),
			 CT_OK);
	assert_string_equal(e[n - 1].action, "assessment.override");
	assert_non_null(e[n - 1].before_json);
	assert_non_null(strstr(e[n - 1].after_json, REASON));
	test_close(&f);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_add_get_list),
		cmocka_unit_test(test_bad_input_writes_nothing),
		cmocka_unit_test(test_override),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
