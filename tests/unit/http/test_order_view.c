/*
 * test_order_view.c - the order as the API and the pages show it: the
 * time in words, the clock before, during and after the order, the next
 * steps with the deadline each meets, and who may take a step now.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <cmocka.h>

#include "http/order_view.h"

#define SUBJECT "11111111-1111-4111-8111-111111111111"
#define PROTECTED "22222222-2222-4222-8222-222222222222"

static const char *const names[] = {"Anna de Vries"};

static int64_t
local(int y, int mo, int d, int h, int mi)
{
	struct ct_civil c = {{y, mo, d}, h, mi, 0};
	int64_t t;

	assert_int_equal(ct_instant_from_local(CT_ZONE_AMSTERDAM, &c, &t),
			 CT_OK);
	return t;
}

static void
facts(struct order_facts *f, uint32_t roles, enum org_type org, int64_t now)
{
	memset(f, 0, sizeof(*f));
	f->now = now;
	f->actor_user_id = "33333333-3333-4333-8333-333333333333";
	f->actor_roles = roles;
	f->actor_org_type = org;
}

static void
apply(struct order *o, const struct order_step *s, const struct order_facts *f)
{
	struct order_refusal ref;
	const struct order_rules *r = rules_for(o->jurisdiction);

	assert_int_equal(order_check_step(r, o, s, f, &ref), CT_OK);
	order_apply_step(r, o, s, f);
}

/* An NL order opened at t - 1 h and imposed at t by an HOvJ. */
static void
imposed(struct order *o, int64_t t)
{
	static const char *const prot[] = {PROTECTED};
	struct order_facts f;
	struct order_step s;

	order_init(o, CT_COUNTRY_NL);
	facts(&f, CT_BIT(USER_ROLE_HOVJ), ORG_TYPE_POLICE, t);
	memset(&s, 0, sizeof(s));
	s.kind = ORDER_STEP_OPEN;
	s.at = t - 3600;
	s.u.open.subject_person_id = SUBJECT;
	s.u.open.protected_person_ids = prot;
	s.u.open.n_protected = 1;
	apply(o, &s, &f);
	memset(&s, 0, sizeof(s));
	s.kind = ORDER_STEP_DECIDE;
	s.at = t;
	s.u.decide.impose = 1;
	s.u.decide.mandate = ORDER_MANDATE_DECIDING;
	s.u.decide.mandate_reference = "Mandaatbesluit 2026";
	s.u.decide.place = "Dorpsstraat 1";
	s.u.decide.facts = "Feiten";
	s.u.decide.protected_names = names;
	s.u.decide.n_protected_names = 1;
	s.u.decide.subject_resides = 1;
	s.u.decide.serious_danger = 1;
	apply(o, &s, &f);
}

static void
test_clock_and_next_steps(void **state)
{
	int64_t t = local(2026, 7, 13, 14, 30);
	struct order_view v;
	struct order o;
	size_t i;
	int stay = 0, expire = 0, hear = 0;

	(void)state;
	order_init(&o, CT_COUNTRY_NL);
	order_view_init(&v, &o, t);
	assert_string_equal(v.time_left, "nog niet opgelegd");
	assert_string_equal(v.ends_at_local, "");
	assert_int_equal(v.n_deadlines, 0);

	imposed(&o, t);
	order_view_init(&v, &o, t + 3600);
	assert_true(v.running);
	/* Ten days from 14:30, in Amsterdam's civil time. */
	assert_string_equal(v.ends_at_local, "2026-07-23T14:30:00+02:00");
	assert_string_equal(v.time_left, "nog 9 dagen en 23 uur");
	assert_true(v.n_deadlines > 0);
	for (i = 1; i < v.n_deadlines; i++)
		assert_true(v.deadlines[i - 1].due_at <= v.deadlines[i].due_at);
	for (i = 0; i < v.n_deadlines; i++)
		assert_true(v.deadlines[i].done || v.deadline_left[i][0]);
	for (i = 0; i < v.n_next; i++) {
		const struct order_view_next *nx = &v.next[i];

		if (nx->kind == ORDER_STEP_STAY_ADDRESS) {
			stay = 1;
			assert_true(nx->deadline >= 0);
			assert_string_equal(v.deadlines[nx->deadline].code,
					    "stay_address");
		}
		if (nx->kind == ORDER_STEP_EXPIRE) {
			expire = 1;
			assert_string_equal(v.deadlines[nx->deadline].code,
					    "order_end");
		}
		if (nx->kind == ORDER_STEP_HEAR) {
			hear = 1;
			assert_int_equal(nx->deadline, -1);
		}
		assert_true(nx->kind != ORDER_STEP_HEARING); /* BE only */
	}
	assert_true(stay && expire && hear);
	assert_string_equal(
		order_view_deadline_for_step(CT_COUNTRY_BE, ORDER_STEP_ADVICE),
		"written_advice");
	assert_null(
		order_view_deadline_for_step(CT_COUNTRY_NL, ORDER_STEP_KEYS));
}

static const struct order_deadline *
deadline(const struct order_view *v, const char *code, size_t *index)
{
	size_t i;

	for (i = 0; i < v->n_deadlines; i++)
		if (strcmp(v->deadlines[i].code, code) == 0) {
			*index = i;
			return &v->deadlines[i];
		}
	fail_msg("no deadline %s", code);
	abort(); /* fail_msg does not return; tell the compiler so */
}

/* The appeal term runs out by itself: lapsed, never overdue. */
static void
test_appeal_term_lapses(void **state)
{
	int64_t t = local(2026, 7, 13, 14, 30);
	int64_t term_end = local(2026, 8, 24, 14, 30); /* six weeks on */
	struct order_view v;
	struct order o;
	size_t a = 0, e = 0;

	(void)state;
	imposed(&o, t);
	o.served_at = t; /* the bekendmaking starts the term */

	order_view_init(&v, &o, t + 3600);
	assert_int_equal(deadline(&v, "appeal_term", &a)->due_at, term_end);
	assert_int_equal(v.deadline_state[a], ORDER_VIEW_DEADLINE_OPEN);
	assert_string_equal(v.deadline_left[a], "nog 41 dagen en 23 uur");

	/* A day after the term: the order's own end is overdue (nobody
	 * recorded it), the term has lapsed. */
	order_view_init(&v, &o, term_end + 86400);
	(void)deadline(&v, "order_end", &e);
	assert_int_equal(v.deadline_state[e], ORDER_VIEW_DEADLINE_OVERDUE);
	assert_string_equal(v.deadline_left[e], "33 dagen te laat");
	assert_int_equal(v.deadline_state[a], ORDER_VIEW_DEADLINE_LAPSED);
	assert_string_equal(v.deadline_left[a], "verstreken");
	assert_string_equal(order_view_deadline_state_code(v.deadline_state[a]),
			    "lapsed");

	/* An appeal within the term meets it. */
	o.appeal_at = t + 86400;
	order_view_init(&v, &o, term_end + 86400);
	(void)deadline(&v, "appeal_term", &a);
	assert_int_equal(v.deadline_state[a], ORDER_VIEW_DEADLINE_DONE);
	assert_string_equal(v.deadline_left[a], "");
}

static void
test_access(void **state)
{
	int64_t t = local(2026, 7, 13, 14, 30);
	struct order_refusal why;
	struct order_facts f;
	struct order o;

	(void)state;
	order_init(&o, CT_COUNTRY_NL);
	memcpy(o.subject_person_id, SUBJECT, sizeof(SUBJECT));
	/* A police officer does not decide, under any mandate. */
	facts(&f, CT_BIT(USER_ROLE_POLICE_OFFICER), ORG_TYPE_POLICE, t);
	assert_int_equal(order_view_access(&o, ORDER_STEP_DECIDE, &f, &why),
			 ORDER_VIEW_NOT_YOURS);
	assert_string_equal(why.rule->id, "nl.decider");
	/* The HOvJ may, under a mandate; the mayor may, without one. */
	facts(&f, CT_BIT(USER_ROLE_HOVJ), ORG_TYPE_POLICE, t);
	assert_int_equal(order_view_access(&o, ORDER_STEP_DECIDE, &f, NULL),
			 ORDER_VIEW_MAY);
	facts(&f, CT_BIT(USER_ROLE_MAYOR), ORG_TYPE_MUNICIPALITY, t);
	assert_int_equal(order_view_access(&o, ORDER_STEP_DECIDE, &f, NULL),
			 ORDER_VIEW_MAY);

	imposed(&o, t);
	/* The mayor extends, but not before the advice. */
	assert_int_equal(order_view_access(&o, ORDER_STEP_EXTEND, &f, &why),
			 ORDER_VIEW_NOT_NOW);
	assert_string_equal(why.rule->id, "nl.extension.advice");
	facts(&f, CT_BIT(USER_ROLE_COORDINATOR), ORG_TYPE_VEILIG_THUIS, t);
	assert_int_equal(order_view_access(&o, ORDER_STEP_EXTEND, &f, &why),
			 ORDER_VIEW_NOT_YOURS);
	assert_string_equal(why.rule->id, "nl.extension.mayor_only");
	/* The coordinator advises (the reasons are the form's business). */
	assert_int_equal(order_view_access(&o, ORDER_STEP_ADVICE, &f, NULL),
			 ORDER_VIEW_MAY);
	/* Ending the order before its term: not now. */
	assert_int_equal(order_view_access(&o, ORDER_STEP_EXPIRE, &f, &why),
			 ORDER_VIEW_NOT_NOW);
	/* Written already (not oral): not now. */
	assert_int_equal(order_view_access(&o, ORDER_STEP_WRITE, &f, NULL),
			 ORDER_VIEW_NOT_NOW);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_clock_and_next_steps),
		cmocka_unit_test(test_appeal_term_lapses),
		cmocka_unit_test(test_access),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
