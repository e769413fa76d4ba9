/*
 * test_order.c - the order life cycle: a walk through an NL and a BE
 * order, every refusal named by its rule, and the deadlines.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <cmocka.h>

#include "core/order.h"

#define AMS CT_ZONE_AMSTERDAM
#define BRU CT_ZONE_BRUSSELS
#define DAY INT64_C(86400)

static int64_t
local(enum ct_zone z, int y, int mo, int d, int h, int mi)
{
	struct ct_civil c = {{y, mo, d}, h, mi, 0};
	int64_t t = 0;

	assert_int_equal(ct_instant_from_local(z, &c, &t), CT_OK);
	return t;
}

static const char *names[] = {"Anna de Vries", "Bram de Vries"};

static void
facts_for(struct order_facts *f, enum user_role role, int64_t now)
{
	memset(f, 0, sizeof(*f));
	f->now = now;
	f->actor_user_id = "00000000-0000-4000-8000-000000000001";
	f->actor_roles = CT_BIT(role);
	f->actor_org_type = ORG_TYPE_POLICE;
	f->subject_has_birth_date = 1;
	f->subject_birth_date = (struct ct_date){1980, 1, 1};
}

/* Check then apply; the step must pass. */
static void
step_ok(struct order *o, struct order_step *s, const struct order_facts *f)
{
	const struct order_rules *r = rules_for(o->jurisdiction);
	struct order_refusal ref;
	enum ct_err rc = order_check_step(r, o, s, f, &ref);

	if (rc)
		fail_msg("step %s refused: %s", order_step_code(s->kind),
			 ref.message);
	order_apply_step(r, o, s, f);
}

static void
refused(const struct order *o, const struct order_step *s,
	const struct order_facts *f, enum ct_err code, const char *rule_id)
{
	struct order_refusal ref;

	assert_int_equal(
		order_check_step(rules_for(o->jurisdiction), o, s, f, &ref),
		code);
	assert_non_null(ref.rule);
	assert_string_equal(ref.rule->id, rule_id);
	/* The message names the rule's source. */
	assert_non_null(strstr(ref.message, ref.rule->source));
}

static void
open_order(struct order *o, enum ct_country c, int children, int64_t at)
{
	struct order_facts f;
	struct order_step s = {.kind = ORDER_STEP_OPEN, .at = at};

	order_init(o, c);
	facts_for(&f, USER_ROLE_HOVJ, at);
	s.u.open.route = ORDER_ROUTE_ACUTE;
	s.u.open.subject_person_id = "11111111-1111-4111-8111-111111111111";
	s.u.open.place = "Dorpsstraat 1, Amsterdam";
	s.u.open.children_involved = children;
	step_ok(o, &s, &f);
}

static void
decide_step(struct order_step *s, int64_t at)
{
	memset(s, 0, sizeof(*s));
	s->kind = ORDER_STEP_DECIDE;
	s->at = at;
	s->u.decide.impose = 1;
	s->u.decide.mandate = ORDER_MANDATE_DECIDING;
	s->u.decide.mandate_reference = "Mandaatbesluit huisverbod burgemeester Amsterdam, 1 januari 2026";
	s->u.decide.place = "Dorpsstraat 1, Amsterdam";
	s->u.decide.facts = "Mishandeling van de partner, dreiging.";
	s->u.decide.protected_names = names;
	s->u.decide.n_protected_names = 2;
	s->u.decide.subject_resides = 1;
	s->u.decide.serious_danger = 1;
}

/* An NL order imposed 2026-03-24 13:59 by an HOvJ on deciding mandate. */
static void
nl_imposed(struct order *o)
{
	int64_t t = local(AMS, 2026, 3, 24, 13, 59);
	struct order_facts f;
	struct order_step s;

	open_order(o, CT_COUNTRY_NL, 0, t - 3600);
	facts_for(&f, USER_ROLE_HOVJ, t);
	decide_step(&s, t);
	step_ok(o, &s, &f);
}

static void
test_nl_walk_to_end_of_monitoring(void **state)
{
	struct order o;
	struct order_facts f;
	struct order_step s;
	int64_t t = local(AMS, 2026, 3, 24, 13, 59);

	(void)state;
	nl_imposed(&o);
	assert_int_equal(o.state, ORDER_STATE_IMPOSED);
	assert_int_equal(o.ends_at, local(AMS, 2026, 4, 3, 13, 59));
	assert_int_equal(o.decided_role, USER_ROLE_HOVJ);
	assert_int_equal(o.mandate, ORDER_MANDATE_DECIDING);

	facts_for(&f, USER_ROLE_HOVJ, t + 3 * DAY);
	s = (struct order_step){.kind = ORDER_STEP_SERVE, .at = t + 600};
	s.u.serve.how = ORDER_SERVICE_IN_PERSON;
	step_ok(&o, &s, &f);
	s = (struct order_step){.kind = ORDER_STEP_KEYS, .at = t + 700};
	step_ok(&o, &s, &f);
	s = (struct order_step){.kind = ORDER_STEP_STAY_ADDRESS,
				.at = t + 3600};
	s.u.stay.address = "Kerkweg 2, Diemen";
	s.u.stay.phone = "0612345678";
	step_ok(&o, &s, &f);
	s = (struct order_step){.kind = ORDER_STEP_INFORM, .at = t + 3700};
	s.u.inform.parties = CT_BIT(ORDER_PARTY_REMAINING) |
			     CT_BIT(ORDER_PARTY_VEILIG_THUIS);
	step_ok(&o, &s, &f);

	/* Coordinator: advice two days before the end; mayor extends. */
	facts_for(&f, USER_ROLE_COORDINATOR, t + 9 * DAY);
	s = (struct order_step){.kind = ORDER_STEP_ADVICE, .at = t + 8 * DAY};
	s.u.advice.extend = 1;
	s.u.advice.reasons = "Dreiging houdt aan.";
	step_ok(&o, &s, &f);
	facts_for(&f, USER_ROLE_MAYOR, t + 9 * DAY);
	s = (struct order_step){.kind = ORDER_STEP_EXTEND, .at = t + 9 * DAY};
	step_ok(&o, &s, &f);
	assert_int_equal(o.state, ORDER_STATE_EXTENDED);
	assert_int_equal(o.ends_at, local(AMS, 2026, 4, 21, 13, 59));

	/* A text message counts as a violation. */
	s = (struct order_step){.kind = ORDER_STEP_VIOLATION,
				.at = t + 12 * DAY};
	s.u.violation.channel = ORDER_CHANNEL_TEXT;
	s.u.violation.response = ORDER_RESPONSE_REPORT;
	facts_for(&f, USER_ROLE_POLICE_OFFICER, t + 12 * DAY);
	step_ok(&o, &s, &f);
	assert_int_equal(o.n_violations, 1);

	facts_for(&f, USER_ROLE_MAYOR, t + 40 * DAY);
	s = (struct order_step){.kind = ORDER_STEP_EXPIRE, .at = t + 30 * DAY};
	step_ok(&o, &s, &f);
	assert_int_equal(o.state, ORDER_STATE_EXPIRED);
	assert_int_equal(o.ended_at, local(AMS, 2026, 4, 21, 13, 59));

	/* Monitoring ends 3 months after the end, not before. */
	facts_for(&f, USER_ROLE_COORDINATOR, local(AMS, 2026, 8, 1, 9, 0));
	s = (struct order_step){.kind = ORDER_STEP_MONITORING_END,
				.at = local(AMS, 2026, 7, 20, 9, 0)};
	refused(&o, &s, &f, CT_ERR_INVALID, "nl.monitoring");
	s.at = local(AMS, 2026, 7, 21, 14, 0);
	step_ok(&o, &s, &f);
	assert_int_equal(o.state, ORDER_STATE_CLOSED);
	assert_int_equal(order_next_steps(rules_for(CT_COUNTRY_NL), &o), 0);
}

static void
test_be_walk_to_court_ruling(void **state)
{
	struct order o;
	struct order_facts f;
	struct order_step s;
	int64_t t = local(BRU, 2026, 3, 27, 22, 0); /* a Friday night */

	(void)state;
	open_order(&o, CT_COUNTRY_BE, 1, t - 1800);
	facts_for(&f, USER_ROLE_PROSECUTOR, t);
	decide_step(&s, t);
	s.u.decide.mandate = ORDER_MANDATE_NONE;
	s.u.decide.oral = 1;
	step_ok(&o, &s, &f);
	assert_int_equal(o.ends_at, local(BRU, 2026, 4, 10, 22, 0));
	assert_int_equal(o.written_at, 0);

	s = (struct order_step){.kind = ORDER_STEP_SERVE, .at = t + 60};
	s.u.serve.how = ORDER_SERVICE_PROSECUTOR;
	facts_for(&f, USER_ROLE_PROSECUTOR, t + DAY);
	refused(&o, &s, &f, CT_ERR_CONFLICT, "be.oral_first");
	s = (struct order_step){.kind = ORDER_STEP_WRITE, .at = t + 3600};
	step_ok(&o, &s, &f);

	s = (struct order_step){.kind = ORDER_STEP_HEARING, .at = t + DAY};
	s.u.hearing.hearing_at = local(BRU, 2026, 4, 9, 9, 0);
	step_ok(&o, &s, &f);

	facts_for(&f, USER_ROLE_COORDINATOR, t + 9 * DAY);
	s = (struct order_step){.kind = ORDER_STEP_ADVICE, .at = t + 8 * DAY};
	s.u.advice.reasons = "Verlengen, begeleid contact met de kinderen.";
	s.u.advice.extend = 1;
	refused(&o, &s, &f, CT_ERR_INVALID, "be.advice_before_hearing");
	s.u.advice.written = 1;
	step_ok(&o, &s, &f);

	facts_for(&f, USER_ROLE_PROSECUTOR, local(BRU, 2026, 4, 9, 12, 0));
	s = (struct order_step){.kind = ORDER_STEP_EXTEND,
				.at = local(BRU, 2026, 4, 9, 11, 0)};
	s.u.extend.until = local(BRU, 2026, 6, 27, 22, 1);
	refused(&o, &s, &f, CT_ERR_INVALID, "be.extension.max_months");
	s.u.extend.until = local(BRU, 2026, 6, 27, 22, 0);
	step_ok(&o, &s, &f);
	assert_int_equal(o.state, ORDER_STATE_EXTENDED);
}

struct refusal_case {
	const char *what;
	enum ct_country country;
	enum user_role role;
	int prepare; /* 0 open, 1 imposed */
	void (*mutate)(struct order *o, struct order_step *s,
		       struct order_facts *f);
	enum ct_err code;
	const char *rule;
};

static void
m_minor(struct order *o, struct order_step *s, struct order_facts *f)
{
	(void)o;
	(void)s;
	f->subject_birth_date = (struct ct_date){2010, 5, 1};
}

static void
m_children_no_vt(struct order *o, struct order_step *s, struct order_facts *f)
{
	(void)s;
	(void)f;
	o->children_involved = 1;
}

static void
m_no_place(struct order *o, struct order_step *s, struct order_facts *f)
{
	(void)o;
	(void)f;
	s->u.decide.place = "";
}

static void
m_no_facts(struct order *o, struct order_step *s, struct order_facts *f)
{
	(void)o;
	(void)f;
	s->u.decide.facts = NULL;
}

static void
m_no_names(struct order *o, struct order_step *s, struct order_facts *f)
{
	(void)o;
	(void)f;
	s->u.decide.n_protected_names = 0;
}

static void
m_wrong_end(struct order *o, struct order_step *s, struct order_facts *f)
{
	(void)o;
	(void)f;
	/* a Belgian 14 days in a Dutch order */
	s->u.decide.ends_at = local(AMS, 2026, 4, 7, 13, 59);
}

static void
m_mayor_none_by_hovj(struct order *o, struct order_step *s,
		     struct order_facts *f)
{
	(void)o;
	(void)f;
	s->u.decide.mandate = ORDER_MANDATE_NONE;
}

static void
m_signing_no_mayor(struct order *o, struct order_step *s, struct order_facts *f)
{
	(void)o;
	(void)f;
	s->u.decide.mandate = ORDER_MANDATE_SIGNING;
}

static void
m_be_written_first(struct order *o, struct order_step *s, struct order_facts *f)
{
	(void)o;
	(void)f;
	s->u.decide.mandate = ORDER_MANDATE_NONE;
	s->u.decide.oral = 0;
}

static void
m_be_police_decides(struct order *o, struct order_step *s,
		    struct order_facts *f)
{
	(void)o;
	(void)f;
	s->u.decide.mandate = ORDER_MANDATE_NONE;
	s->u.decide.oral = 1;
}

static void
m_not_resident(struct order *o, struct order_step *s, struct order_facts *f)
{
	(void)o;
	(void)f;
	s->u.decide.subject_resides = 0;
}

static void
m_extend_by_hovj(struct order *o, struct order_step *s, struct order_facts *f)
{
	(void)f;
	o->advice_at = o->imposed_at + DAY;
	*s = (struct order_step){.kind = ORDER_STEP_EXTEND,
				 .at = o->imposed_at + 8 * DAY};
}

static void
m_extend_past_28(struct order *o, struct order_step *s, struct order_facts *f)
{
	(void)f;
	o->advice_at = o->imposed_at + DAY;
	*s = (struct order_step){.kind = ORDER_STEP_EXTEND,
				 .at = o->imposed_at + 8 * DAY};
	s->u.extend.until = local(AMS, 2026, 4, 21, 14, 0);
}

static void
m_extend_twice(struct order *o, struct order_step *s, struct order_facts *f)
{
	m_extend_by_hovj(o, s, f);
	o->n_extensions = 1;
}

static void
m_extend_no_advice(struct order *o, struct order_step *s, struct order_facts *f)
{
	m_extend_by_hovj(o, s, f);
	o->advice_at = 0;
}

static void
m_withdraw_by_mandate(struct order *o, struct order_step *s,
		      struct order_facts *f)
{
	(void)f;
	*s = (struct order_step){.kind = ORDER_STEP_WITHDRAW,
				 .at = o->imposed_at + DAY};
	s->u.end.reason = "Feiten gewijzigd";
}

static void
m_decide_twice(struct order *o, struct order_step *s, struct order_facts *f)
{
	(void)f;
	decide_step(s, o->imposed_at + DAY);
}

static void
m_appeal_late(struct order *o, struct order_step *s, struct order_facts *f)
{
	o->served_at = o->imposed_at;
	f->now = o->imposed_at + 60 * DAY;
	*s = (struct order_step){.kind = ORDER_STEP_APPEAL,
				 .at = o->imposed_at + 43 * DAY};
}

static void
m_provisional_late(struct order *o, struct order_step *s, struct order_facts *f)
{
	(void)f;
	o->appeal_at = o->imposed_at + DAY;
	/* request Thu 26 March 2026; 3 working days end Tue 31 March */
	*s = (struct order_step){.kind = ORDER_STEP_PROVISIONAL,
				 .at = o->imposed_at + 2 * DAY};
	s->u.court.hearing_at = local(AMS, 2026, 4, 1, 10, 0);
}

static void
m_repeat_no_facts(struct order *o, struct order_step *s, struct order_facts *f)
{
	(void)f;
	order_init(o, o->jurisdiction);
	*s = (struct order_step){.kind = ORDER_STEP_OPEN,
				 .at = local(AMS, 2026, 3, 24, 10, 0)};
	s->u.open.subject_person_id = "11111111-1111-4111-8111-111111111111";
	s->u.open.repeat_of = "22222222-2222-4222-8222-222222222222";
}

static void
m_future(struct order *o, struct order_step *s, struct order_facts *f)
{
	(void)f;
	*s = (struct order_step){.kind = ORDER_STEP_KEYS,
				 .at = o->imposed_at + 30 * DAY};
}

static void
m_hearing_in_nl(struct order *o, struct order_step *s, struct order_facts *f)
{
	(void)f;
	*s = (struct order_step){.kind = ORDER_STEP_HEARING,
				 .at = o->imposed_at + DAY};
}

static void
m_be_hearing_late(struct order *o, struct order_step *s, struct order_facts *f)
{
	f->now = o->imposed_at + 20 * DAY;
	*s = (struct order_step){.kind = ORDER_STEP_HEARING,
				 .at = o->imposed_at + DAY};
	s->u.hearing.hearing_at = o->imposed_at + 15 * DAY;
}

static void
m_violation_after_end(struct order *o, struct order_step *s,
		      struct order_facts *f)
{
	f->now = o->imposed_at + 20 * DAY;
	*s = (struct order_step){.kind = ORDER_STEP_VIOLATION,
				 .at = o->imposed_at + 11 * DAY};
}

static const struct refusal_case refusal_cases[] = {
	{"minor subject", CT_COUNTRY_NL, USER_ROLE_HOVJ, 0, m_minor,
	 CT_ERR_INVALID, "nl.subject.adult"},
	{"children, no VT consult", CT_COUNTRY_NL, USER_ROLE_HOVJ, 0,
	 m_children_no_vt, CT_ERR_INVALID, "nl.vt_consult_children"},
	{"no place", CT_COUNTRY_NL, USER_ROLE_HOVJ, 0, m_no_place,
	 CT_ERR_INVALID, "nl.content"},
	{"no facts", CT_COUNTRY_NL, USER_ROLE_HOVJ, 0, m_no_facts,
	 CT_ERR_INVALID, "nl.content"},
	{"no protected names", CT_COUNTRY_NL, USER_ROLE_HOVJ, 0, m_no_names,
	 CT_ERR_INVALID, "nl.content"},
	{"14 days in NL", CT_COUNTRY_NL, USER_ROLE_HOVJ, 0, m_wrong_end,
	 CT_ERR_INVALID, "nl.duration"},
	{"HOvJ without mandate", CT_COUNTRY_NL, USER_ROLE_HOVJ, 0,
	 m_mayor_none_by_hovj, CT_ERR_DENIED, "nl.decider"},
	{"signing mandate, no mayor", CT_COUNTRY_NL, USER_ROLE_HOVJ, 0,
	 m_signing_no_mayor, CT_ERR_INVALID, "nl.mandate.signing"},
	{"not resident", CT_COUNTRY_NL, USER_ROLE_HOVJ, 0, m_not_resident,
	 CT_ERR_INVALID, "nl.subject.resident"},
	{"BE written first", CT_COUNTRY_BE, USER_ROLE_PROSECUTOR, 0,
	 m_be_written_first, CT_ERR_INVALID, "be.oral_first"},
	{"BE police decides", CT_COUNTRY_BE, USER_ROLE_HOVJ, 0,
	 m_be_police_decides, CT_ERR_DENIED, "be.decider"},
	{"extension by HOvJ", CT_COUNTRY_NL, USER_ROLE_HOVJ, 1,
	 m_extend_by_hovj, CT_ERR_DENIED, "nl.extension.mayor_only"},
	{"extension past 28 days", CT_COUNTRY_NL, USER_ROLE_MAYOR, 1,
	 m_extend_past_28, CT_ERR_INVALID, "nl.extension.max_total"},
	{"second extension", CT_COUNTRY_NL, USER_ROLE_MAYOR, 1, m_extend_twice,
	 CT_ERR_INVALID, "nl.extension.once"},
	{"extension without advice", CT_COUNTRY_NL, USER_ROLE_MAYOR, 1,
	 m_extend_no_advice, CT_ERR_CONFLICT, "nl.extension.advice"},
	{"withdrawal on mandate", CT_COUNTRY_NL, USER_ROLE_HOVJ, 1,
	 m_withdraw_by_mandate, CT_ERR_DENIED, "nl.withdrawal.mayor_only"},
	{"decide twice", CT_COUNTRY_NL, USER_ROLE_MAYOR, 1, m_decide_twice,
	 CT_ERR_CONFLICT, "order.sequence"},
	{"appeal after 6 weeks", CT_COUNTRY_NL, USER_ROLE_LEGAL_OFFICER, 1,
	 m_appeal_late, CT_ERR_INVALID, "nl.appeal.term"},
	{"provisional hearing late", CT_COUNTRY_NL, USER_ROLE_LEGAL_OFFICER, 1,
	 m_provisional_late, CT_ERR_INVALID, "nl.provisional.hearing"},
	{"repeat without new facts", CT_COUNTRY_NL, USER_ROLE_HOVJ, 1,
	 m_repeat_no_facts, CT_ERR_INVALID, "nl.repeat.new_facts"},
	{"step in the future", CT_COUNTRY_NL, USER_ROLE_HOVJ, 1, m_future,
	 CT_ERR_INVALID, "order.sequence"},
	{"family court in NL", CT_COUNTRY_NL, USER_ROLE_LEGAL_OFFICER, 1,
	 m_hearing_in_nl, CT_ERR_INVALID, "order.jurisdiction"},
	{"BE hearing after 14 days", CT_COUNTRY_BE, USER_ROLE_PROSECUTOR, 1,
	 m_be_hearing_late, CT_ERR_INVALID, "be.court_hearing_within_order"},
	{"violation after the end", CT_COUNTRY_NL, USER_ROLE_POLICE_OFFICER, 1,
	 m_violation_after_end, CT_ERR_INVALID, "nl.violation"},
};

static void
test_refusals_name_their_rule(void **state)
{
	size_t i;

	(void)state;
	for (i = 0; i < sizeof(refusal_cases) / sizeof(refusal_cases[0]); i++) {
		const struct refusal_case *c = &refusal_cases[i];
		enum ct_zone z = c->country == CT_COUNTRY_NL ? AMS : BRU;
		int64_t t = local(z, 2026, 3, 24, 13, 59);
		struct order o;
		struct order_step s;
		struct order_facts f;

		print_message("case: %s\n", c->what);
		open_order(&o, c->country, 0, t - 3600);
		if (c->prepare) {
			if (c->country == CT_COUNTRY_NL) {
				nl_imposed(&o);
			} else {
				facts_for(&f, USER_ROLE_PROSECUTOR, t);
				decide_step(&s, t);
				s.u.decide.mandate = ORDER_MANDATE_NONE;
				s.u.decide.oral = 1;
				step_ok(&o, &s, &f);
			}
		}
		facts_for(&f, c->role, t + 10 * DAY);
		decide_step(&s, t);
		c->mutate(&o, &s, &f);
		refused(&o, &s, &f, c->code, c->rule);
	}
}

static const struct order_deadline *
find(const struct order_deadline *d, size_t n, const char *code)
{
	size_t i;

	for (i = 0; i < n; i++)
		if (strcmp(d[i].code, code) == 0)
			return &d[i];
	fail_msg("no deadline %s", code);
	abort(); /* fail_msg does not return; tell the compiler so */
}

static void
test_nl_deadlines(void **state)
{
	struct order o;
	struct order_deadline d[ORDER_DEADLINES_MAX];
	const struct order_rules *r = rules_for(CT_COUNTRY_NL);
	size_t n, i;

	(void)state;
	nl_imposed(&o); /* 2026-03-24 13:59, Tuesday */
	n = order_deadlines(r, &o, d, ORDER_DEADLINES_MAX);
	assert_true(n >= 6);
	for (i = 1; i < n; i++)
		assert_true(d[i - 1].due_at <= d[i].due_at);
	/* first contact: the same or the next day */
	assert_int_equal(find(d, n, "first_contact")->due_at,
			 local(AMS, 2026, 3, 25, 23, 59) + 59);
	/* 24 hours, clock hours */
	assert_int_equal(find(d, n, "stay_address")->due_at,
			 local(AMS, 2026, 3, 25, 13, 59));
	assert_int_equal(find(d, n, "stay_address")->org_type,
			 ORG_TYPE_MUNICIPALITY);
	/* system talk on days 6-8: 29-31 March */
	assert_int_equal(find(d, n, "system_talk")->not_before,
			 local(AMS, 2026, 3, 29, 0, 0));
	assert_int_equal(find(d, n, "system_talk")->due_at,
			 local(AMS, 2026, 3, 31, 23, 59) + 59);
	/* 8 working days from Tue 24 March: 25,26,27,30,31,1,2,3 April */
	assert_int_equal(find(d, n, "help_plan")->due_at,
			 local(AMS, 2026, 4, 3, 23, 59) + 59);
	/* extension advice 2 days before the end (3 April 13:59) */
	assert_int_equal(find(d, n, "extension_advice")->due_at,
			 local(AMS, 2026, 4, 1, 13, 59));
	assert_string_equal(find(d, n, "extension_advice")->rule->id,
			    "nl.extension.advice");
	assert_int_equal(find(d, n, "order_end")->due_at, o.ends_at);
	assert_false(find(d, n, "stay_address")->done);
}

/* The appeal term runs from the bekendmaking and ends by itself. */
static void
test_nl_appeal_term_lapses(void **state)
{
	struct order o;
	struct order_facts f;
	struct order_step s;
	struct order_deadline d[ORDER_DEADLINES_MAX];
	int64_t t = local(AMS, 2026, 3, 24, 13, 59);
	size_t n, i;

	(void)state;
	nl_imposed(&o);
	n = order_deadlines(rules_for(CT_COUNTRY_NL), &o, d,
			    ORDER_DEADLINES_MAX);
	/* Not served: no term yet, and no deadline that lapses. */
	for (i = 0; i < n; i++) {
		assert_string_not_equal(d[i].code, "appeal_term");
		assert_false(d[i].lapses);
	}
	facts_for(&f, USER_ROLE_HOVJ, t + DAY);
	s = (struct order_step){.kind = ORDER_STEP_SERVE, .at = t + 600};
	s.u.serve.how = ORDER_SERVICE_IN_PERSON;
	step_ok(&o, &s, &f);
	n = order_deadlines(rules_for(CT_COUNTRY_NL), &o, d,
			    ORDER_DEADLINES_MAX);
	/* Six weeks from the bekendmaking, on 24 March at 14:09. */
	assert_int_equal(find(d, n, "appeal_term")->due_at,
			 local(AMS, 2026, 5, 5, 14, 9));
	assert_true(find(d, n, "appeal_term")->lapses);
	assert_false(find(d, n, "appeal_term")->done);
	/* Everything else is work somebody must do. */
	for (i = 0; i < n; i++)
		if (strcmp(d[i].code, "appeal_term") != 0)
			assert_false(d[i].lapses);
}

static void
test_nl_advice_when_end_on_monday(void **state)
{
	struct order o;
	struct order_facts f;
	struct order_step s;
	struct order_deadline d[ORDER_DEADLINES_MAX];
	int64_t t = local(AMS, 2026, 6, 5, 10, 0); /* Friday */
	size_t n;

	(void)state;
	open_order(&o, CT_COUNTRY_NL, 0, t - 60);
	facts_for(&f, USER_ROLE_MAYOR, t);
	decide_step(&s, t);
	s.u.decide.mandate = ORDER_MANDATE_NONE;
	step_ok(&o, &s, &f);
	assert_int_equal(o.ends_at, local(AMS, 2026, 6, 15, 10, 0)); /* Mon */
	n = order_deadlines(rules_for(CT_COUNTRY_NL), &o, d,
			    ORDER_DEADLINES_MAX);
	/* two calendar days before: the Saturday, not a working day */
	assert_int_equal(find(d, n, "extension_advice")->due_at,
			 local(AMS, 2026, 6, 13, 10, 0));
}

static void
test_nl_monitoring_deadlines(void **state)
{
	struct order o;
	struct order_deadline d[ORDER_DEADLINES_MAX];
	size_t n;

	(void)state;
	nl_imposed(&o);
	o.state = ORDER_STATE_EXPIRED;
	o.ended_at = local(AMS, 2026, 4, 21, 13, 59);
	n = order_deadlines(rules_for(CT_COUNTRY_NL), &o, d,
			    ORDER_DEADLINES_MAX);
	assert_int_equal(find(d, n, "monitoring_check")->due_at,
			 local(AMS, 2026, 6, 2, 13, 59));
	assert_int_equal(find(d, n, "monitoring_end")->due_at,
			 local(AMS, 2026, 7, 21, 13, 59));
	assert_true(find(d, n, "order_end")->done);
}

static void
test_be_deadlines(void **state)
{
	struct order o;
	struct order_facts f;
	struct order_step s;
	struct order_deadline d[ORDER_DEADLINES_MAX];
	int64_t t = local(BRU, 2026, 4, 3, 21, 0); /* Good Friday night */
	size_t n;

	(void)state;
	open_order(&o, CT_COUNTRY_BE, 0, t - 60);
	facts_for(&f, USER_ROLE_PROSECUTOR, t);
	decide_step(&s, t);
	s.u.decide.mandate = ORDER_MANDATE_NONE;
	s.u.decide.oral = 1;
	step_ok(&o, &s, &f);
	n = order_deadlines(rules_for(CT_COUNTRY_BE), &o, d,
			    ORDER_DEADLINES_MAX);
	/* Easter Monday 6 April is a holiday: the case manager Tuesday */
	assert_int_equal(find(d, n, "case_manager_start")->due_at,
			 local(BRU, 2026, 4, 7, 23, 59) + 59);
	assert_int_equal(find(d, n, "case_manager_start")->org_type,
			 ORG_TYPE_VEILIG_HUIS);
	assert_int_equal(find(d, n, "court_hearing")->due_at,
			 local(BRU, 2026, 4, 17, 21, 0));
	assert_int_equal(find(d, n, "written_advice")->due_at,
			 local(BRU, 2026, 4, 17, 21, 0));
	assert_int_equal(order_deadlines(rules_for(CT_COUNTRY_BE), &o, d, 1),
			 1);
}

static void
test_codes_are_stable(void **state)
{
	(void)state;
	assert_string_equal(order_step_code(ORDER_STEP_DECIDE), "decide");
	assert_string_equal(order_step_code(ORDER_STEP_HEARING),
			    "court_hearing");
	assert_string_equal(order_state_code(ORDER_STATE_EXTENDED), "extended");
	assert_null(order_step_code(ORDER_STEP__COUNT));
	assert_int_equal(vocab_index(&order_vocab_channel, "text_message"),
			 ORDER_CHANNEL_TEXT);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_nl_walk_to_end_of_monitoring),
		cmocka_unit_test(test_be_walk_to_court_ruling),
		cmocka_unit_test(test_refusals_name_their_rule),
		cmocka_unit_test(test_nl_deadlines),
		cmocka_unit_test(test_nl_appeal_term_lapses),
		cmocka_unit_test(test_nl_advice_when_end_on_monday),
		cmocka_unit_test(test_nl_monitoring_deadlines),
		cmocka_unit_test(test_be_deadlines),
		cmocka_unit_test(test_codes_are_stable),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
