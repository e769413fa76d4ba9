/*
 * test_journal.c - the hash-chained journal: entries for every mutation,
 * the per-case timeline, and verification that catches edits and gaps.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>

#include "store_test.h"

/* A case with two persons, a relation, an incident and one update. */
static void
populate(struct store_fixture *f)
{
	struct ct_error err;
	struct person a, b;
	struct relation r;
	struct incident in;

	test_person_init(&a, f->kase.id, "Anna");
	assert_int_equal(store_person_add(f->st, &f->who, &a, &err), CT_OK);
	test_person_init(&b, f->kase.id, "Bram");
	b.sex = PERSON_SEX_MALE;
	b.roles = CT_BIT(PERSON_ROLE_PERPETRATOR);
	assert_int_equal(store_person_add(f->st, &f->who, &b, &err), CT_OK);
	memset(&r, 0, sizeof(r));
	memcpy(r.case_id, f->kase.id, sizeof(r.case_id));
	memcpy(r.person_a, a.id, sizeof(r.person_a));
	memcpy(r.person_b, b.id, sizeof(r.person_b));
	r.kind = RELATION_PARTNER;
	assert_int_equal(store_relation_add(f->st, &f->who, &r, &err), CT_OK);
	memset(&in, 0, sizeof(in));
	memcpy(in.case_id, f->kase.id, sizeof(in.case_id));
	in.occurred_at = TEST_NOW - 7200;
	in.types = CT_BIT(VIOLENCE_TYPE_PARTNER);
	in.forms = CT_BIT(VIOLENCE_FORM_PHYSICAL);
	in.severity = SEVERITY_SERIOUS;
	in.description = "Melding via 112.";
	assert_int_equal(store_incident_add(f->st, &f->who, &in, &err), CT_OK);
	f->kase.pattern = PATTERN_INTIMATE_TERRORISM;
	assert_int_equal(store_case_update(f->st, &f->who, &f->kase, &err),
			 CT_OK);
}

static void
test_every_mutation_is_journalled(void **state)
{
	static const char *const actions[] = {
		"case.create",	"person.add",	"person.add",
		"relation.add", "incident.add", "case.update",
	};
	struct store_fixture f;
	struct journal_entry *e = NULL;
	struct ct_error err;
	size_t n = 0, i;

	(void)state;
	test_open(&f, 1);
	f.who.user_id = "0b7e6c1e-9a51-4c1b-8f0e-3f4a5b6c7d8e";
	populate(&f);
	assert_int_equal(
		store_journal_list(f.st, f.kase.id, &f.a, &e, &n, &err), CT_OK);
	assert_int_equal(n, CT_ARRAY_SIZE(actions));
	for (i = 0; i < n; i++) {
		assert_string_equal(e[i].action, actions[i]);
		assert_string_equal(e[i].case_id, f.kase.id);
		assert_string_equal(e[i].actor_label, "test:tester");
		if (i == 0) /* made by test_open(), without a user */
			assert_null(e[i].actor_user_id);
		else
			assert_string_equal(e[i].actor_user_id, f.who.user_id);
		assert_null(e[i].actor_org_id);
		assert_int_equal(e[i].at, TEST_NOW);
		assert_non_null(e[i].after_json);
		assert_int_equal(strlen(e[i].hash), 64);
		if (i > 0) {
			assert_true(e[i].seq > e[i - 1].seq);
			assert_string_equal(e[i].prev_hash, e[i - 1].hash);
		}
	}
	/* Creations have no before image; the update has both. */
	assert_null(e[0].before_json);
	assert_non_null(strstr(e[0].after_json, "\"unknown\""));
	assert_non_null(e[5].before_json);
	assert_non_null(strstr(e[5].before_json, "\"unknown\""));
	assert_non_null(strstr(e[5].after_json, "intimate_terrorism"));
	/* The organisation's entry is not on the case's timeline. */
	assert_int_equal(e[0].seq, 2);
	test_assert_verifies(f.st, 7);
	test_close(&f);
}

static int64_t progress_calls;

static void
count_progress(int64_t done, void *ctx)
{
	(void)ctx;
	assert_int_equal(done % 10000, 0);
	progress_calls++;
}

static void
test_chain_verifies_and_counts(void **state)
{
	struct store_verify_result res;
	struct store_fixture f;
	struct ct_error err;

	(void)state;
	test_open(&f, 0);
	/* An empty journal is intact. */
	assert_int_equal(store_journal_verify(f.st, &res, NULL, NULL, &err),
			 CT_OK);
	assert_int_equal(res.entries, 0);
	assert_string_equal(res.head_hash, "0000000000000000000000000000000000"
					   "000000000000000000000000000000");
	test_close(&f);

	test_open(&f, 1);
	populate(&f);
	progress_calls = 0;
	assert_int_equal(
		store_journal_verify(f.st, &res, count_progress, NULL, &err),
		CT_OK);
	assert_int_equal(res.entries, 7);
	assert_int_equal(res.first_broken, 0);
	assert_true(res.bytes > 7 * 13 * 8);
	assert_int_equal(progress_calls, 0);
	assert_int_equal(strlen(res.head_hash), 64);
	test_close(&f);
}

static void
test_tampered_row_is_found(void **state)
{
	struct store_verify_result res;
	struct store_fixture f;
	struct ct_error err;

	(void)state;
	test_open(&f, 1);
	populate(&f);
	store_close(f.st);
	test_raw_sql(f.path, "UPDATE journal SET after_json = "
			     "replace(after_json, 'Anna', 'Anne') "
			     "WHERE seq = 3");
	assert_int_equal(store_open(f.path, 0, &f.st, &err), CT_OK);
	assert_int_equal(store_journal_verify(f.st, &res, NULL, NULL, &err),
			 CT_ERR_TAMPERED);
	assert_int_equal(res.first_broken, 3);
	assert_int_equal(res.entries, 2);
	assert_string_equal(res.reason,
			    "regel 3: hash klopt niet — inhoud gewijzigd");
	assert_non_null(strstr(err.message, "regel 3"));
	test_close(&f);
}

static void
test_rehashed_row_breaks_the_next_link(void **state)
{
	struct store_verify_result res;
	struct store_fixture f;
	struct ct_error err;

	(void)state;
	test_open(&f, 1);
	populate(&f);
	store_close(f.st);
	/* A forger who also replaces the hash is caught by the next entry. */
	test_raw_sql(f.path, "UPDATE journal SET hash = "
			     "'1111111111111111111111111111111111111111111111"
			     "111111111111111111' WHERE seq = 4");
	assert_int_equal(store_open(f.path, 0, &f.st, &err), CT_OK);
	assert_int_equal(store_journal_verify(f.st, &res, NULL, NULL, &err),
			 CT_ERR_TAMPERED);
	assert_int_equal(res.first_broken, 4);
	test_close(&f);
}

static void
test_deleted_row_is_found(void **state)
{
	struct store_verify_result res;
	struct store_fixture f;
	struct ct_error err;

	(void)state;
	test_open(&f, 1);
	populate(&f);
	store_close(f.st);
	test_raw_sql(f.path, "DELETE FROM journal WHERE seq = 5");
	assert_int_equal(store_open(f.path, 0, &f.st, &err), CT_OK);
	assert_int_equal(store_journal_verify(f.st, &res, NULL, NULL, &err),
			 CT_ERR_TAMPERED);
	assert_int_equal(res.first_broken, 5);
	assert_string_equal(res.reason, "regel 5 ontbreekt");
	assert_int_equal(res.entries, 4);
	test_close(&f);
}

static void
test_deleted_and_renumbered_is_found(void **state)
{
	struct store_verify_result res;
	struct store_fixture f;
	struct ct_error err;

	(void)state;
	test_open(&f, 1);
	populate(&f);
	store_close(f.st);
	/* Close the gap by renumbering: the prev link still gives it away. */
	test_raw_sql(f.path, "DELETE FROM journal WHERE seq = 2;"
			     "UPDATE journal SET seq = -seq WHERE seq > 2;"
			     "UPDATE journal SET seq = -seq - 1 WHERE seq < 0");
	assert_int_equal(store_open(f.path, 0, &f.st, &err), CT_OK);
	assert_int_equal(store_journal_verify(f.st, &res, NULL, NULL, &err),
			 CT_ERR_TAMPERED);
	assert_int_equal(res.first_broken, 2);
	assert_non_null(strstr(res.reason, "regel 2"));
	test_close(&f);
}

static void
test_chain_continues_across_opens(void **state)
{
	struct store_fixture f;
	struct ct_error err;
	struct org o;

	(void)state;
	test_open(&f, 1);
	store_close(f.st);
	assert_int_equal(store_open(f.path, 0, &f.st, &err), CT_OK);
	test_org_init(&o, "Veilig Thuis Amsterdam");
	o.type = ORG_TYPE_VEILIG_THUIS;
	assert_int_equal(store_org_create(f.st, &f.who, &o, &err), CT_OK);
	test_assert_verifies(f.st, 3);
	test_close(&f);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_every_mutation_is_journalled),
		cmocka_unit_test(test_chain_verifies_and_counts),
		cmocka_unit_test(test_tampered_row_is_found),
		cmocka_unit_test(test_rehashed_row_breaks_the_next_link),
		cmocka_unit_test(test_deleted_row_is_found),
		cmocka_unit_test(test_deleted_and_renumbered_is_found),
		cmocka_unit_test(test_chain_continues_across_opens),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
