/*
 * test_order_tasks.c - which organisation of the case team gets each of
 * an order's deadlines: the acting type (HOvJ duties, court stand-ins),
 * the owner first, care coordination as one family, and the fallback to
 * the owner that names what is missing and never drops a deadline.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <cmocka.h>

#include "core/order_tasks.h"

#define POLICE "00000000-0000-4000-8000-00000000000a"
#define MUNI "00000000-0000-4000-8000-00000000000b"
#define VT "00000000-0000-4000-8000-00000000000c"
#define VT2 "00000000-0000-4000-8000-00000000000d"
#define PARKET "00000000-0000-4000-8000-00000000000e"
#define FJC "00000000-0000-4000-8000-00000000000f"
#define CAW "00000000-0000-4000-8000-000000000010"

static struct order_deadline
deadline(const char *code, enum org_type type)
{
	struct order_deadline d;

	memset(&d, 0, sizeof(d));
	d.code = code;
	d.title = "Termijn";
	d.due_at = 1000;
	d.org_type = type;
	d.rule = rules_rule(RULE_NL_DURATION);
	return d;
}

static struct order
nl_order(enum order_mandate mandate)
{
	struct order o;

	order_init(&o, CT_COUNTRY_NL);
	o.mandate = mandate;
	return o;
}

/* NL: the police own the case; the municipality and Veilig Thuis are on
 * the team (the API walk of tests/api/test_orders.py). */
static const struct order_tasks_member nl_members[] = {
	{POLICE, ORG_TYPE_POLICE},
	{MUNI, ORG_TYPE_MUNICIPALITY},
	{VT, ORG_TYPE_VEILIG_THUIS},
};
static const struct order_tasks_team nl_team = {POLICE, ORG_TYPE_POLICE,
						nl_members, 3};

static void
test_type_to_team_member(void **state)
{
	struct order o = nl_order(ORDER_MANDATE_NONE);
	struct order_deadline d;
	struct order_task t;

	(void)state;
	d = deadline("first_contact", ORG_TYPE_VEILIG_THUIS);
	order_tasks_assign(&o, &d, &nl_team, &t);
	assert_string_equal(t.org_id, VT);
	assert_int_equal(t.fallback, 0);
	assert_string_equal(t.title, "Termijn");
	assert_string_equal(t.code, "first_contact");
	assert_string_equal(t.rule_id, "nl.duration");
	assert_int_equal(t.due_at, 1000);

	d = deadline("extension_decision", ORG_TYPE_MUNICIPALITY);
	order_tasks_assign(&o, &d, &nl_team, &t);
	assert_string_equal(t.org_id, MUNI);
	assert_int_equal(t.org_type, ORG_TYPE_MUNICIPALITY);
}

static void
test_hovj_mandate_takes_stay_address(void **state)
{
	struct order_deadline d =
		deadline("stay_address", ORG_TYPE_MUNICIPALITY);
	struct order_task t;
	struct order o;

	(void)state;
	/* Seed 001 hfst. 3 punt 5: "De burgemeester/HOvJ registreert". */
	o = nl_order(ORDER_MANDATE_DECIDING);
	order_tasks_assign(&o, &d, &nl_team, &t);
	assert_int_equal(t.org_type, ORG_TYPE_POLICE);
	assert_string_equal(t.org_id, POLICE);
	o = nl_order(ORDER_MANDATE_SIGNING);
	assert_int_equal(order_tasks_acting_type(&o, &d), ORG_TYPE_POLICE);
	/* The mayor decided himself: the municipality registers. */
	o = nl_order(ORDER_MANDATE_NONE);
	order_tasks_assign(&o, &d, &nl_team, &t);
	assert_string_equal(t.org_id, MUNI);
	/* The mandate never moves the mayor's own decisions. */
	o = nl_order(ORDER_MANDATE_DECIDING);
	d = deadline("extension_decision", ORG_TYPE_MUNICIPALITY);
	assert_int_equal(order_tasks_acting_type(&o, &d),
			 ORG_TYPE_MUNICIPALITY);
	d = deadline("order_end", ORG_TYPE_MUNICIPALITY);
	assert_int_equal(order_tasks_acting_type(&o, &d),
			 ORG_TYPE_MUNICIPALITY);
}

static void
test_court_stand_ins(void **state)
{
	struct order_deadline d = deadline("court_hearing", ORG_TYPE_COURT);
	struct order o;

	(void)state;
	/* NL: the mayor defends the decision (Wth art. 6). */
	o = nl_order(ORDER_MANDATE_NONE);
	assert_int_equal(order_tasks_acting_type(&o, &d),
			 ORG_TYPE_MUNICIPALITY);
	/* BE: the parketmagistraat attends the hearing (seed 000 §3.1). */
	order_init(&o, CT_COUNTRY_BE);
	assert_int_equal(order_tasks_acting_type(&o, &d), ORG_TYPE_PROSECUTOR);
}

static void
test_owner_first_then_earliest_member(void **state)
{
	static const struct order_tasks_member members[] = {
		{VT, ORG_TYPE_VEILIG_THUIS},
		{VT2, ORG_TYPE_VEILIG_THUIS},
	};
	struct order_tasks_team team = {VT2, ORG_TYPE_VEILIG_THUIS, members, 2};

	(void)state;
	assert_string_equal(order_tasks_org(&team, ORG_TYPE_VEILIG_THUIS), VT2);
	team.owner_org_id = POLICE;
	team.owner_type = ORG_TYPE_POLICE;
	assert_string_equal(order_tasks_org(&team, ORG_TYPE_VEILIG_THUIS), VT);
	assert_null(order_tasks_org(&team, ORG_TYPE_MUNICIPALITY));
}

static void
test_care_coordination_is_one_family(void **state)
{
	/* Limburg: the parket owns the case; the Veilig Huis is an FJC. */
	static const struct order_tasks_member be_members[] = {
		{PARKET, ORG_TYPE_PROSECUTOR},
		{CAW, ORG_TYPE_CAW},
		{FJC, ORG_TYPE_FJC},
	};
	struct order_tasks_team team = {PARKET, ORG_TYPE_PROSECUTOR, be_members,
					3};
	struct order_deadline d =
		deadline("case_manager_start", ORG_TYPE_VEILIG_HUIS);
	struct order_task t;
	struct order o;

	(void)state;
	order_init(&o, CT_COUNTRY_BE);
	order_tasks_assign(&o, &d, &team, &t);
	assert_string_equal(t.org_id, FJC);
	assert_int_equal(t.fallback, 0);
	/* A care organisation owning the case does its coordinator work,
	 * also when another one of the exact type is on the team. */
	team.owner_org_id = FJC;
	team.owner_type = ORG_TYPE_FJC;
	team.members = nl_members; /* holds a Veilig Thuis */
	assert_string_equal(order_tasks_org(&team, ORG_TYPE_VEILIG_THUIS), FJC);
	/* But a CAW is no case coordinator. */
	team.owner_org_id = CAW;
	team.owner_type = ORG_TYPE_CAW;
	team.members = be_members;
	assert_string_equal(order_tasks_org(&team, ORG_TYPE_VEILIG_HUIS), FJC);
	team.n_members = 2; /* parket and CAW only */
	assert_null(order_tasks_org(&team, ORG_TYPE_VEILIG_HUIS));
}

static void
test_fallback_to_owner_says_so(void **state)
{
	static const struct order_tasks_member lone[] = {
		{VT, ORG_TYPE_VEILIG_THUIS},
	};
	struct order_tasks_team team = {VT, ORG_TYPE_VEILIG_THUIS, lone, 1};
	struct order_deadline d =
		deadline("stay_address", ORG_TYPE_MUNICIPALITY);
	struct order o = nl_order(ORDER_MANDATE_DECIDING);
	struct order_task t;

	(void)state;
	order_tasks_assign(&o, &d, &team, &t);
	assert_string_equal(t.org_id, VT);
	assert_int_equal(t.fallback, 1);
	assert_string_equal(t.title, "Termijn (geen politie in het casusteam)");
	o = nl_order(ORDER_MANDATE_NONE);
	order_tasks_assign(&o, &d, &team, &t);
	assert_string_equal(t.title,
			    "Termijn (geen gemeente in het casusteam)");
	/* BE words: the parket; and the owner is not on the member list. */
	order_init(&o, CT_COUNTRY_BE);
	team.n_members = 0;
	d = deadline("court_hearing", ORG_TYPE_COURT);
	order_tasks_assign(&o, &d, &team, &t);
	assert_string_equal(t.org_id, VT);
	assert_string_equal(t.title, "Termijn (geen parket in het casusteam)");
	/* A care deadline on a team without care: named per country. */
	team.owner_org_id = PARKET;
	team.owner_type = ORG_TYPE_PROSECUTOR;
	d = deadline("written_advice", ORG_TYPE_VEILIG_HUIS);
	order_tasks_assign(&o, &d, &team, &t);
	assert_string_equal(t.org_id, PARKET);
	assert_string_equal(t.title,
			    "Termijn (geen Veilig Huis in het casusteam)");
}

static void
test_done_is_carried(void **state)
{
	struct order_deadline d =
		deadline("first_contact", ORG_TYPE_VEILIG_THUIS);
	struct order o = nl_order(ORDER_MANDATE_NONE);
	struct order_task t;

	(void)state;
	d.done = 1;
	order_tasks_assign(&o, &d, &nl_team, &t);
	assert_int_equal(t.done, 1);
	d.done = 0;
	order_tasks_assign(&o, &d, &nl_team, &t);
	assert_int_equal(t.done, 0);
}

/* A real imposed NL order: every deadline lands on the team, none on a
 * fallback, the stay address with the police, in due order. */
static void
test_real_deadlines_of_an_nl_order(void **state)
{
	const struct order_rules *r = rules_for(CT_COUNTRY_NL);
	static const char *names[] = {"Anna de Vries"};
	struct order_deadline d[ORDER_DEADLINES_MAX];
	struct order_task t[ORDER_DEADLINES_MAX];
	struct order_refusal ref;
	struct order_facts f;
	struct order_step s;
	struct order o;
	int64_t at = 1774357140; /* 2026-03-24 13:59 Amsterdam */
	size_t n, i, seen = 0;

	(void)state;
	order_init(&o, CT_COUNTRY_NL);
	memset(&f, 0, sizeof(f));
	f.now = at;
	f.actor_user_id = "00000000-0000-4000-8000-000000000001";
	f.actor_roles = CT_BIT(USER_ROLE_HOVJ);
	f.actor_org_type = ORG_TYPE_POLICE;
	f.subject_has_birth_date = 1;
	f.subject_birth_date = (struct ct_date){1980, 1, 1};
	memset(&s, 0, sizeof(s));
	s.kind = ORDER_STEP_OPEN;
	s.at = at - 3600;
	s.u.open.route = ORDER_ROUTE_ACUTE;
	s.u.open.subject_person_id = "11111111-1111-4111-8111-111111111111";
	s.u.open.place = "Dorpsstraat 1";
	assert_int_equal(order_check_step(r, &o, &s, &f, &ref), CT_OK);
	order_apply_step(r, &o, &s, &f);
	memset(&s, 0, sizeof(s));
	s.kind = ORDER_STEP_DECIDE;
	s.at = at;
	s.u.decide.impose = 1;
	s.u.decide.mandate = ORDER_MANDATE_DECIDING;
	s.u.decide.mandate_reference = "Mandaatbesluit huisverbod burgemeester Amsterdam, 1 januari 2026";
	s.u.decide.place = "Dorpsstraat 1";
	s.u.decide.facts = "Mishandeling na ruzie.";
	s.u.decide.protected_names = names;
	s.u.decide.n_protected_names = 1;
	s.u.decide.subject_resides = 1;
	s.u.decide.serious_danger = 1;
	assert_int_equal(order_check_step(r, &o, &s, &f, &ref), CT_OK);
	order_apply_step(r, &o, &s, &f);

	n = order_deadlines(r, &o, d, ORDER_DEADLINES_MAX);
	assert_true(n >= 4);
	assert_int_equal(order_tasks_assign_all(&o, d, n, &nl_team, t), n);
	for (i = 0; i < n; i++) {
		assert_int_equal(t[i].fallback, 0);
		assert_non_null(t[i].org_id);
		assert_non_null(t[i].rule_id);
		assert_int_equal(t[i].due_at, d[i].due_at);
		if (strcmp(t[i].code, "stay_address") == 0) {
			assert_string_equal(t[i].org_id, POLICE);
			assert_int_equal(t[i].due_at, at + 24 * 3600);
			seen++;
		} else if (strcmp(t[i].code, "extension_advice") == 0) {
			assert_string_equal(t[i].org_id, VT);
			seen++;
		} else if (strcmp(t[i].code, "extension_decision") == 0) {
			assert_string_equal(t[i].org_id, MUNI);
			seen++;
		}
	}
	assert_int_equal(seen, 3);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_type_to_team_member),
		cmocka_unit_test(test_hovj_mandate_takes_stay_address),
		cmocka_unit_test(test_court_stand_ins),
		cmocka_unit_test(test_owner_first_then_earliest_member),
		cmocka_unit_test(test_care_coordination_is_one_family),
		cmocka_unit_test(test_fallback_to_owner_says_so),
		cmocka_unit_test(test_done_is_carried),
		cmocka_unit_test(test_real_deadlines_of_an_nl_order),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
