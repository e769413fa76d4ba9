/*
 * test_store_order.c - restraining orders in the store: an NL order from
 * the police call to the end of monitoring and a BE order to the family
 * court's extension, replayed from the stored steps; refusals that name
 * their rule and write nothing; the facts the store adds (the subject's
 * age, the children in the case, the persons of the case); a stale
 * version; the work list each step leaves behind (every deadline a task
 * of the right team organisation, met ones done, refusals none) and its
 * resync to the rules of this version. Runs on SQLite and, with
 * CASUSTAFEL_TEST_PG, on PostgreSQL.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdlib.h>
#include <cmocka.h>

#include "core/model_json.h"
#include "core/order_json.h"
#include "store/store_order.h"
#include "store/store_task.h"
#include "store/store_team.h"
#include "store_test.h"

#define HOUR INT64_C(3600)
#define DAY (24 * HOUR)

struct ofix {
	struct store_fixture f;
	struct person subject, victim;
};

static int
setup(void **state)
{
	struct ofix *x = calloc(1, sizeof(*x));
	struct ct_error err;

	assert_non_null(x);
	test_open(&x->f, 1);
	test_person_init(&x->subject, x->f.kase.id, "Piet");
	x->subject.sex = PERSON_SEX_MALE;
	x->subject.roles = CT_BIT(PERSON_ROLE_PERPETRATOR);
	assert_int_equal(store_person_add(x->f.st, &x->f.who, &x->subject,
					  &err),
			 CT_OK);
	test_person_init(&x->victim, x->f.kase.id, "Anna");
	assert_int_equal(store_person_add(x->f.st, &x->f.who, &x->victim,
					  &err),
			 CT_OK);
	*state = x;
	return 0;
}

static int
teardown(void **state)
{
	struct ofix *x = *state;

	test_close(&x->f);
	free(x);
	return 0;
}

static struct order_facts
as(enum user_role role)
{
	struct order_facts f;

	memset(&f, 0, sizeof(f));
	f.actor_roles = CT_BIT(role);
	f.actor_org_type = ORG_TYPE_OTHER;
	return f;
}

static const char *protected_ids[1];
static const char *const names[] = {"Anna Jansen"};

static struct order_step
open_step(struct ofix *x, int64_t at)
{
	struct order_step s;

	memset(&s, 0, sizeof(s));
	s.kind = ORDER_STEP_OPEN;
	s.at = at;
	s.u.open.route = ORDER_ROUTE_ACUTE;
	s.u.open.subject_person_id = x->subject.id;
	protected_ids[0] = x->victim.id;
	s.u.open.protected_person_ids = protected_ids;
	s.u.open.n_protected = 1;
	s.u.open.place = "Dorpsstraat 1, Amsterdam";
	return s;
}

static struct order_step
decide_step(int64_t at, enum order_mandate mandate, int oral)
{
	struct order_step s;

	memset(&s, 0, sizeof(s));
	s.kind = ORDER_STEP_DECIDE;
	s.at = at;
	s.u.decide.impose = 1;
	s.u.decide.oral = oral;
	s.u.decide.mandate = mandate;
	if (mandate != ORDER_MANDATE_NONE)
		s.u.decide.mandate_reference = "Mandaatbesluit huisverbod burgemeester Amsterdam, 1 januari 2026";
	s.u.decide.place = "Dorpsstraat 1, Amsterdam";
	s.u.decide.facts = "Mishandeling na ruzie, buren belden 112.";
	s.u.decide.protected_names = names;
	s.u.decide.n_protected_names = 1;
	s.u.decide.subject_resides = 1;
	s.u.decide.serious_danger = 1;
	return s;
}

static struct order_step
simple(enum order_step_kind kind, int64_t at)
{
	struct order_step s;

	memset(&s, 0, sizeof(s));
	s.kind = kind;
	s.at = at;
	return s;
}

static void
open_order(struct ofix *x, int64_t at, struct order *o)
{
	struct order_step s = open_step(x, at);
	struct order_facts f = as(USER_ROLE_POLICE_OFFICER);
	struct order_refusal ref;
	struct ct_error err;

	x->f.now = at;
	assert_int_equal(store_order_open(x->f.st, &x->f.who, x->f.kase.id, &s,
					  &f, &x->f.a, o, &ref, &err),
			 CT_OK);
}

static enum ct_err
step_as(struct ofix *x, struct order *o, const struct order_step *s,
	enum user_role role, struct order_refusal *ref)
{
	struct order_facts f = as(role);
	struct ct_error err;
	struct order after;
	enum ct_err rc;

	if (x->f.now < s->at)
		x->f.now = s->at;
	rc = store_order_step(x->f.st, &x->f.who, x->f.kase.id, o->id,
			      o->version, s, &f, &x->f.a, &after, ref, &err);
	if (rc == CT_OK)
		*o = after;
	return rc;
}

static void
ok(struct ofix *x, struct order *o, const struct order_step *s,
   enum user_role role)
{
	struct order_refusal ref;

	if (step_as(x, o, s, role, &ref) != CT_OK)
		fail_msg("step %s refused: %s", order_step_code(s->kind),
			 ref.message);
}

static char *
dump_order(const struct order *o)
{
	json_t *j = order_to_json(o);
	char *s = model_json_dump(j);

	json_decref(j);
	return s;
}

static void
assert_same_as_stored(struct ofix *x, const struct order *o)
{
	struct order back;
	struct ct_error err;
	char *a, *b;

	assert_int_equal(store_order_get(x->f.st, x->f.kase.id, o->id,
					 &x->f.a, &back, &err),
			 CT_OK);
	a = dump_order(o);
	b = dump_order(&back);
	assert_string_equal(a, b);
	free(a);
	free(b);
}

static int64_t
count(struct ofix *x, const char *sql)
{
	return test_raw_count(x->f.path, sql);
}

/* Seed 001: an acute NL order under deciding mandate, extended by the
 * mayor after the advice, run out, monitored for 3 months. */
static void
test_nl_walk(void **state)
{
	struct ofix *x = *state;
	int64_t t0 = TEST_NOW;
	struct order o;
	struct order_step s;
	struct store_order_step *steps = NULL;
	struct order *list = NULL;
	size_t n = 0;
	struct ct_error err;
	int64_t journal0;

	open_order(x, t0, &o);
	assert_int_equal(o.state, ORDER_STATE_SCREENING);
	assert_int_equal(o.version, 1);
	assert_string_equal(o.subject_person_id, x->subject.id);
	journal0 = test_counts(&x->f).journal;

	s = decide_step(t0 + HOUR, ORDER_MANDATE_DECIDING, 0);
	ok(x, &o, &s, USER_ROLE_HOVJ);
	assert_int_equal(o.state, ORDER_STATE_IMPOSED);
	assert_int_equal(o.version, 2);
	/* 10 days in Amsterdam time (summer: no DST change in between). */
	assert_true(o.ends_at == t0 + HOUR + 10 * DAY);

	s = simple(ORDER_STEP_KEYS, t0 + 2 * HOUR);
	ok(x, &o, &s, USER_ROLE_POLICE_OFFICER);
	s = simple(ORDER_STEP_STAY_ADDRESS, t0 + 3 * HOUR);
	s.u.stay.address = "Hotel De Brug, Amsterdam";
	s.u.stay.phone = "+31 6 12345678";
	ok(x, &o, &s, USER_ROLE_POLICE_OFFICER);
	s = simple(ORDER_STEP_INFORM, t0 + 4 * HOUR);
	s.u.inform.parties = CT_BIT(ORDER_PARTY_REMAINING) |
			     CT_BIT(ORDER_PARTY_VEILIG_THUIS) |
			     CT_BIT(ORDER_PARTY_MAYOR);
	ok(x, &o, &s, USER_ROLE_POLICE_OFFICER);
	s = simple(ORDER_STEP_VIOLATION, t0 + 2 * DAY);
	s.u.violation.channel = ORDER_CHANNEL_PHONE;
	s.u.violation.response = ORDER_RESPONSE_WARNING;
	s.u.violation.description = "Belde 14 keer";
	ok(x, &o, &s, USER_ROLE_POLICE_OFFICER);
	s = simple(ORDER_STEP_ADVICE, t0 + 7 * DAY);
	s.u.advice.extend = 1;
	s.u.advice.reasons = "Risico blijft hoog";
	ok(x, &o, &s, USER_ROLE_COORDINATOR);
	s = simple(ORDER_STEP_EXTEND, t0 + 9 * DAY);
	s.u.extend.reasons = "Advies gevolgd";
	ok(x, &o, &s, USER_ROLE_MAYOR);
	assert_int_equal(o.state, ORDER_STATE_EXTENDED);
	assert_true(o.ends_at == t0 + HOUR + 28 * DAY);
	assert_same_as_stored(x, &o);

	s = simple(ORDER_STEP_EXPIRE, o.ends_at + HOUR);
	ok(x, &o, &s, USER_ROLE_LEGAL_OFFICER);
	assert_int_equal(o.state, ORDER_STATE_EXPIRED);
	s = simple(ORDER_STEP_MONITORING_CHECK, o.ended_at + 42 * DAY);
	ok(x, &o, &s, USER_ROLE_COORDINATOR);
	s = simple(ORDER_STEP_MONITORING_END, o.ended_at + 93 * DAY);
	ok(x, &o, &s, USER_ROLE_COORDINATOR);
	assert_int_equal(o.state, ORDER_STATE_CLOSED);
	assert_int_equal(o.version, 11);
	assert_same_as_stored(x, &o);

	/* One journal entry per step, named after it (the tasks the steps
	 * made are journaled too, as task.*). */
	assert_int_equal(count(x, "SELECT COUNT(*) FROM journal WHERE action "
				  "LIKE 'order.%' AND action <> 'order.open'"),
			 10);
	assert_true(test_counts(&x->f).journal - journal0 > 10);
	/* The work list: the met deadlines done, the ones the end no
	 * longer implies cancelled; no first contact was ever recorded, so
	 * that task alone is still open. */
	assert_int_equal(count(x, "SELECT COUNT(*) FROM tasks WHERE status = "
				  "'open'"),
			 1);
	assert_int_equal(count(x, "SELECT COUNT(*) FROM tasks WHERE status = "
				  "'open' AND kind = 'first_contact'"),
			 1);
	assert_int_equal(count(x, "SELECT COUNT(*) FROM tasks WHERE status = "
				  "'done' AND kind IN ('stay_address', "
				  "'extension_advice', 'extension_decision', "
				  "'order_end', 'monitoring_check', "
				  "'monitoring_end')"),
			 6);
	assert_int_equal(count(x, "SELECT COUNT(*) FROM tasks WHERE status = "
				  "'cancelled' AND kind IN ('help_plan', "
				  "'system_talk')"),
			 2);
	assert_int_equal(count(x, "SELECT COUNT(*) FROM journal WHERE action "
				  "= 'order.extend'"),
			 1);
	assert_int_equal(count(x, "SELECT COUNT(*) FROM order_violations"), 1);
	assert_int_equal(count(x, "SELECT COUNT(*) FROM orders WHERE state = "
				  "'closed' AND n_extensions = 1 AND "
				  "n_violations = 1"),
			 1);
	assert_int_equal(store_order_steps(x->f.st, o.id, &x->f.a, &steps, &n,
					   &err),
			 CT_OK);
	assert_int_equal(n, 11);
	assert_int_equal(steps[0].kind, ORDER_STEP_OPEN);
	assert_int_equal(steps[10].seq, 11);
	assert_int_equal(steps[10].kind, ORDER_STEP_MONITORING_END);
	assert_int_equal(store_order_list(x->f.st, x->f.kase.id, &x->f.a,
					  &list, &n, &err),
			 CT_OK);
	assert_int_equal(n, 1);
	assert_int_equal(list[0].state, ORDER_STATE_CLOSED);
	test_assert_verifies(x->f.st, test_counts(&x->f).journal);
}

/* Seed 000: the prosecutor decides orally; the family court extends. */
static void
test_be_walk(void **state)
{
	struct ofix *x = *state;
	struct ct_case be;
	struct ct_error err;
	struct order_refusal ref;
	struct order o;
	struct order_step s;
	struct order_facts f = as(USER_ROLE_PROSECUTOR);
	int64_t t0 = TEST_NOW;

	test_case_init(&be, x->f.org.id);
	be.jurisdiction = CT_COUNTRY_BE;
	be.region = "GENT";
	assert_int_equal(store_case_create(x->f.st, &x->f.who, &be, &err),
			 CT_OK);
	x->subject.id[0] = x->victim.id[0] = '\0';
	snprintf(x->subject.case_id, sizeof(x->subject.case_id), "%s", be.id);
	snprintf(x->victim.case_id, sizeof(x->victim.case_id), "%s", be.id);
	assert_int_equal(store_person_add(x->f.st, &x->f.who, &x->subject,
					  &err),
			 CT_OK);
	assert_int_equal(store_person_add(x->f.st, &x->f.who, &x->victim,
					  &err),
			 CT_OK);
	s = open_step(x, t0);
	x->f.now = t0;
	assert_int_equal(store_order_open(x->f.st, &x->f.who, be.id, &s, &f,
					  &x->f.a, &o, &ref, &err),
			 CT_OK);
	assert_int_equal(o.jurisdiction, CT_COUNTRY_BE);

	s = decide_step(t0 + HOUR, ORDER_MANDATE_NONE, 1);
	x->f.now = s.at;
	assert_int_equal(store_order_step(x->f.st, &x->f.who, be.id, o.id, 0,
					  &s, &f, &x->f.a, &o, &ref, &err),
			 CT_OK);
	assert_true(o.ends_at == t0 + HOUR + 14 * DAY);
	s = simple(ORDER_STEP_HEARING, t0 + 5 * DAY);
	s.u.hearing.hearing_at = t0 + 10 * DAY;
	x->f.now = s.at;
	assert_int_equal(store_order_step(x->f.st, &x->f.who, be.id, o.id, 0,
					  &s, &f, &x->f.a, &o, &ref, &err),
			 CT_OK);
	s = simple(ORDER_STEP_EXTEND, t0 + 10 * DAY);
	x->f.now = s.at;
	assert_int_equal(store_order_step(x->f.st, &x->f.who, be.id, o.id, 0,
					  &s, &f, &x->f.a, &o, &ref, &err),
			 CT_OK);
	assert_int_equal(o.state, ORDER_STATE_EXTENDED);
	assert_true(o.ends_at > t0 + 80 * DAY);
	/* A step BE does not know is refused as such. */
	s = simple(ORDER_STEP_APPEAL, t0 + 11 * DAY);
	x->f.now = s.at;
	assert_int_equal(store_order_step(x->f.st, &x->f.who, be.id, o.id, 0,
					  &s, &f, &x->f.a, &o, &ref, &err),
			 CT_ERR_INVALID);
	assert_non_null(ref.rule);
	assert_string_equal(ref.rule->id, "order.jurisdiction");
}

/* A refusal names its rule and leaves the database as it was. */
static void
assert_refused(struct ofix *x, struct order *o, const struct order_step *s,
	       enum user_role role, enum ct_err code, const char *rule)
{
	struct order_refusal ref;
	struct order before = *o;
	int64_t journal = test_counts(&x->f).journal;
	int64_t steps = count(x, "SELECT COUNT(*) FROM order_steps");
	int64_t tasks = count(x, "SELECT COUNT(*) FROM tasks WHERE status "
				 "= 'open'");

	assert_int_equal(step_as(x, o, s, role, &ref), code);
	assert_non_null(ref.rule);
	assert_string_equal(ref.rule->id, rule);
	assert_non_null(strstr(ref.message, ref.rule->source));
	assert_int_equal(test_counts(&x->f).journal, journal);
	assert_int_equal(count(x, "SELECT COUNT(*) FROM order_steps"), steps);
	assert_int_equal(count(x, "SELECT COUNT(*) FROM tasks WHERE status = "
				  "'open'"),
			 tasks);
	assert_int_equal(o->version, before.version);
	assert_same_as_stored(x, o);
}

static void
test_refusals_write_nothing(void **state)
{
	struct ofix *x = *state;
	int64_t t0 = TEST_NOW;
	struct order o;
	struct order_step s;

	open_order(x, t0, &o);
	/* Out of order: no extension before the decision. */
	s = simple(ORDER_STEP_EXTEND, t0 + HOUR);
	assert_refused(x, &o, &s, USER_ROLE_MAYOR, CT_ERR_CONFLICT,
		       "order.sequence");
	/* A police officer without the mandate does not decide. */
	s = decide_step(t0 + HOUR, ORDER_MANDATE_NONE, 0);
	assert_refused(x, &o, &s, USER_ROLE_POLICE_OFFICER, CT_ERR_DENIED,
		       "nl.decider");
	/* Missing mandatory content: the facts. */
	s = decide_step(t0 + HOUR, ORDER_MANDATE_DECIDING, 0);
	s.u.decide.facts = NULL;
	assert_refused(x, &o, &s, USER_ROLE_HOVJ, CT_ERR_INVALID,
		       "nl.content");
	s = decide_step(t0 + HOUR, ORDER_MANDATE_DECIDING, 0);
	ok(x, &o, &s, USER_ROLE_HOVJ);
	s = simple(ORDER_STEP_ADVICE, t0 + 7 * DAY);
	s.u.advice.extend = 1;
	s.u.advice.reasons = "Risico blijft hoog";
	ok(x, &o, &s, USER_ROLE_COORDINATOR);
	/* Extension by someone without the power. */
	s = simple(ORDER_STEP_EXTEND, t0 + 8 * DAY);
	assert_refused(x, &o, &s, USER_ROLE_HOVJ, CT_ERR_DENIED,
		       "nl.extension.mayor_only");
	/* Past the legal maximum of 28 days. */
	s.u.extend.until = o.imposed_at + 30 * DAY;
	assert_refused(x, &o, &s, USER_ROLE_MAYOR, CT_ERR_INVALID,
		       "nl.extension.max_total");
	/* The family court is Belgian. */
	s = simple(ORDER_STEP_HEARING, t0 + 8 * DAY);
	s.u.hearing.hearing_at = t0 + 9 * DAY;
	assert_refused(x, &o, &s, USER_ROLE_MAYOR, CT_ERR_INVALID,
		       "order.jurisdiction");
}

/* The store adds the subject's age: a minor is refused (Wth art. 2). */
static void
test_minor_subject(void **state)
{
	struct ofix *x = *state;
	struct ct_error err;
	struct order o;
	struct order_step s;

	x->subject.birth_date.year = 2010;
	assert_int_equal(store_person_update(x->f.st, &x->f.who, &x->subject,
					     &err),
			 CT_OK);
	open_order(x, TEST_NOW, &o);
	s = decide_step(TEST_NOW + HOUR, ORDER_MANDATE_DECIDING, 0);
	assert_refused(x, &o, &s, USER_ROLE_HOVJ, CT_ERR_INVALID,
		       "nl.subject.adult");
}

/* A child in the case makes the Veilig Thuis consultation required. */
static void
test_children_from_the_case(void **state)
{
	struct ofix *x = *state;
	struct ct_error err;
	struct person child;
	struct order o;
	struct order_step s;

	test_person_init(&child, x->f.kase.id, "Sem");
	child.birth_date.year = 2019;
	child.roles = CT_BIT(PERSON_ROLE_CHILD);
	assert_int_equal(store_person_add(x->f.st, &x->f.who, &child, &err),
			 CT_OK);
	open_order(x, TEST_NOW, &o);
	assert_true(o.children_involved);
	s = decide_step(TEST_NOW + HOUR, ORDER_MANDATE_DECIDING, 0);
	assert_refused(x, &o, &s, USER_ROLE_HOVJ, CT_ERR_INVALID,
		       "nl.vt_consult_children");
	s = simple(ORDER_STEP_CONSULT_VT, TEST_NOW + HOUR);
	ok(x, &o, &s, USER_ROLE_HOVJ);
	s = decide_step(TEST_NOW + 2 * HOUR, ORDER_MANDATE_DECIDING, 0);
	ok(x, &o, &s, USER_ROLE_HOVJ);
	assert_int_equal(o.state, ORDER_STATE_IMPOSED);
}

/* Persons of another case, a stale version, an unknown order. */
static void
test_references_and_versions(void **state)
{
	struct ofix *x = *state;
	struct ct_case other;
	struct person stranger;
	struct ct_error err;
	struct order_refusal ref;
	struct order o, got;
	struct order_step s;
	struct order_facts f = as(USER_ROLE_HOVJ);
	int64_t journal;

	test_case_init(&other, x->f.org.id);
	assert_int_equal(store_case_create(x->f.st, &x->f.who, &other, &err),
			 CT_OK);
	test_person_init(&stranger, other.id, "Kees");
	assert_int_equal(store_person_add(x->f.st, &x->f.who, &stranger, &err),
			 CT_OK);
	journal = test_counts(&x->f).journal;
	s = open_step(x, TEST_NOW);
	s.u.open.subject_person_id = stranger.id;
	assert_int_equal(store_order_open(x->f.st, &x->f.who, x->f.kase.id, &s,
					  &f, &x->f.a, &o, &ref, &err),
			 CT_ERR_INVALID);
	assert_null(ref.rule);
	assert_non_null(strstr(err.message, "subject_person_id"));
	assert_int_equal(test_counts(&x->f).journal, journal);
	assert_int_equal(count(x, "SELECT COUNT(*) FROM orders"), 0);

	open_order(x, TEST_NOW, &o);
	s = simple(ORDER_STEP_HEAR, TEST_NOW + 60);
	s.u.hear.person_id = x->victim.id;
	s.u.hear.view = "Wil dat hij weggaat";
	ok(x, &o, &s, USER_ROLE_HOVJ);
	/* The version read before the hearing is stale now. */
	s.u.hear.person_id = x->subject.id;
	assert_int_equal(store_order_step(x->f.st, &x->f.who, x->f.kase.id,
					  o.id, o.version - 1, &s, &f, &x->f.a,
					  &got, &ref, &err),
			 CT_ERR_CONFLICT);
	assert_null(ref.rule);
	/* The order is not reachable through another case. */
	assert_int_equal(store_order_get(x->f.st, other.id, o.id, &x->f.a,
					 &got, &err),
			 CT_ERR_NOTFOUND);
	/* A step of another case's person is refused. */
	s.u.hear.person_id = stranger.id;
	assert_int_equal(store_order_step(x->f.st, &x->f.who, x->f.kase.id,
					  o.id, 0, &s, &f, &x->f.a, &got, &ref,
					  &err),
			 CT_ERR_INVALID);
	assert_int_equal(o.persons_heard, 1);
	assert_same_as_stored(x, &o);
}

/* A stored step that no longer replays is reported, never applied. */
/* A team organisation of type t on the fixture's case; its id in id. */
static void
team_org(struct ofix *x, const char *name, enum org_type t,
	 char id[CT_UUID_SIZE])
{
	struct ct_error err;
	struct org org;

	test_org_init(&org, name);
	org.type = t;
	assert_int_equal(store_org_create(x->f.st, &x->f.who, &org, &err),
			 CT_OK);
	assert_int_equal(store_team_add(x->f.st, &x->f.who, x->f.kase.id,
					org.id, "Huisverbod: samenwerking",
					&err),
			 CT_OK);
	snprintf(id, CT_UUID_SIZE, "%s", org.id);
}

/* The open task of kind on the order's source, or fail. */
static struct task
open_task(struct ofix *x, const struct order *o, const char *kind)
{
	struct task *all = NULL;
	struct ct_error err;
	char source[STORE_TASK_SOURCE_MAX + 1];
	size_t n = 0, i;

	snprintf(source, sizeof(source), "order:%s", o->id);
	assert_int_equal(store_task_list_case(x->f.st, x->f.kase.id, &x->f.a,
					      &all, &n, &err),
			 CT_OK);
	for (i = 0; i < n; i++)
		if (strcmp(all[i].source, source) == 0 &&
		    strcmp(all[i].kind, kind) == 0 &&
		    all[i].status == TASK_OPEN)
			return all[i];
	fail_msg("no open task %s", kind);
	return all[0]; /* not reached */
}

/* Issue 4: every deadline a dated task of the organisation that acts. */
static void
test_tasks_follow_the_order(void **state)
{
	struct ofix *x = *state;
	char muni[CT_UUID_SIZE], vt[CT_UUID_SIZE];
	int64_t t0 = TEST_NOW;
	struct order_step s;
	struct order o;
	struct task t;

	team_org(x, "Gemeente Amsterdam", ORG_TYPE_MUNICIPALITY, muni);
	team_org(x, "Veilig Thuis Amsterdam", ORG_TYPE_VEILIG_THUIS, vt);
	open_order(x, t0, &o);
	/* Screening starts no clock. */
	assert_int_equal(count(x, "SELECT COUNT(*) FROM tasks"), 0);
	s = decide_step(t0 + HOUR, ORDER_MANDATE_DECIDING, 0);
	ok(x, &o, &s, USER_ROLE_HOVJ);

	/* The HOvJ under mandate registers the stay address: the police,
	 * within 24 hours (Wth art. 2 lid 6; seed 001 hfst. 3 punt 5). */
	t = open_task(x, &o, "stay_address");
	assert_string_equal(t.org_id, x->f.org.id);
	assert_true(t.due_at == t0 + HOUR + 24 * HOUR);
	assert_string_equal(t.rule_id, "nl.stay_address_24h");
	assert_null(strstr(t.title, "geen"));
	t = open_task(x, &o, "first_contact");
	assert_string_equal(t.org_id, vt);
	t = open_task(x, &o, "extension_advice");
	assert_string_equal(t.org_id, vt);
	t = open_task(x, &o, "extension_decision");
	assert_string_equal(t.org_id, muni);
	t = open_task(x, &o, "order_end");
	assert_string_equal(t.org_id, muni);
	assert_true(t.due_at == o.ends_at);
	assert_int_equal(count(x, "SELECT COUNT(*) FROM journal WHERE action "
				  "= 'task.create'"),
			 count(x, "SELECT COUNT(*) FROM tasks"));

	/* The step that meets a deadline closes its task as done. */
	s = simple(ORDER_STEP_STAY_ADDRESS, t0 + 3 * HOUR);
	s.u.stay.address = "Hotel De Brug, Amsterdam";
	s.u.stay.phone = "+31 6 12345678";
	ok(x, &o, &s, USER_ROLE_POLICE_OFFICER);
	assert_int_equal(count(x, "SELECT COUNT(*) FROM tasks WHERE kind = "
				  "'stay_address' AND status = 'done'"),
			 1);
	assert_int_equal(count(x, "SELECT COUNT(*) FROM journal WHERE action "
				  "= 'task.done'"),
			 1);

	/* The bekendmaking starts the appeal term: the order shows it, the
	 * work list does not (without an appeal nobody has to act). */
	s = simple(ORDER_STEP_SERVE, t0 + 4 * HOUR);
	s.u.serve.how = ORDER_SERVICE_IN_PERSON;
	ok(x, &o, &s, USER_ROLE_HOVJ);
	assert_true(o.served_at == t0 + 4 * HOUR);
	assert_int_equal(count(x, "SELECT COUNT(*) FROM tasks WHERE kind = "
				  "'appeal_term'"),
			 0);

	/* An extension moves the end of the order: the task moves along. */
	s = simple(ORDER_STEP_ADVICE, t0 + 7 * DAY);
	s.u.advice.extend = 1;
	s.u.advice.reasons = "Risico blijft hoog";
	ok(x, &o, &s, USER_ROLE_COORDINATOR);
	s = simple(ORDER_STEP_EXTEND, t0 + 9 * DAY);
	s.u.extend.reasons = "Advies gevolgd";
	ok(x, &o, &s, USER_ROLE_MAYOR);
	t = open_task(x, &o, "order_end");
	assert_true(t.due_at == t0 + HOUR + 28 * DAY);
	assert_int_equal(count(x, "SELECT COUNT(*) FROM tasks WHERE kind = "
				  "'order_end'"),
			 1);
	assert_int_equal(count(x, "SELECT COUNT(*) FROM tasks WHERE status = "
				  "'done' AND kind IN ('extension_advice', "
				  "'extension_decision')"),
			 2);
}

/* No organisation of the type on the team: the case owner gets the task
 * and its title says so; no legal deadline is dropped. */
static void
test_tasks_fall_back_to_the_owner(void **state)
{
	struct ofix *x = *state;
	struct order_step s;
	struct order o;
	struct task t;

	open_order(x, TEST_NOW, &o);
	s = decide_step(TEST_NOW + HOUR, ORDER_MANDATE_DECIDING, 0);
	ok(x, &o, &s, USER_ROLE_HOVJ);
	t = open_task(x, &o, "first_contact");
	assert_string_equal(t.org_id, x->f.org.id);
	assert_non_null(strstr(t.title, "(geen Veilig Thuis in het "
					"casusteam)"));
	t = open_task(x, &o, "extension_decision");
	assert_string_equal(t.org_id, x->f.org.id);
	assert_non_null(strstr(t.title, "(geen gemeente in het casusteam)"));
	t = open_task(x, &o, "stay_address");
	assert_null(strstr(t.title, "geen"));
	assert_int_equal(count(x, "SELECT COUNT(*) FROM tasks WHERE org_id "
				  "<> (SELECT owner_org_id FROM cases)"),
			 0);
}

/* The team changes between steps: the open tasks follow at once. */
static void
test_tasks_follow_the_team(void **state)
{
	struct ofix *x = *state;
	char vt[CT_UUID_SIZE], sql[160];
	struct ct_error err;
	struct order_step s;
	struct order o;
	struct task t;
	int64_t moves;

	open_order(x, TEST_NOW, &o);
	s = decide_step(TEST_NOW + HOUR, ORDER_MANDATE_DECIDING, 0);
	ok(x, &o, &s, USER_ROLE_HOVJ);
	t = open_task(x, &o, "first_contact");
	assert_string_equal(t.org_id, x->f.org.id);
	moves = count(x, "SELECT COUNT(*) FROM journal WHERE action = "
			 "'task.move'");

	/* Veilig Thuis joins: its work is its own, without another step. */
	team_org(x, "Veilig Thuis Amsterdam", ORG_TYPE_VEILIG_THUIS, vt);
	t = open_task(x, &o, "first_contact");
	assert_string_equal(t.org_id, vt);
	assert_null(strstr(t.title, "geen"));
	t = open_task(x, &o, "extension_advice");
	assert_string_equal(t.org_id, vt);
	/* Not the municipality's: that stays with the owner, as it was. */
	t = open_task(x, &o, "extension_decision");
	assert_string_equal(t.org_id, x->f.org.id);
	assert_true(count(x, "SELECT COUNT(*) FROM journal WHERE action = "
			     "'task.move'") > moves);

	/* Veilig Thuis leaves: its open tasks go back to the owner. */
	assert_int_equal(store_team_remove(x->f.st, &x->f.who, x->f.kase.id,
					   vt, "Casus overgedragen", &err),
			 CT_OK);
	t = open_task(x, &o, "first_contact");
	assert_string_equal(t.org_id, x->f.org.id);
	assert_non_null(strstr(t.title, "(geen Veilig Thuis in het "
					"casusteam)"));
	snprintf(sql, sizeof(sql),
		 "SELECT COUNT(*) FROM tasks WHERE status = 'open' AND "
		 "org_id = '%s'",
		 vt);
	assert_int_equal(count(x, sql), 0);
}

/* A database an older version left: an appeal-term task (the term now
 * runs out by itself) and the end of the order a day off. The resync
 * cancels the one and moves the other back, journals both, writes
 * nothing else, and a second resync writes nothing at all. */
static void
test_tasks_resync_to_the_rules(void **state)
{
	struct ofix *x = *state;
	char muni[CT_UUID_SIZE], source[STORE_TASK_SOURCE_MAX + 1];
	struct ct_error err;
	struct order_step s;
	struct order o;
	struct task t;
	struct store_resync_count done;
	int64_t entries;

	team_org(x, "Gemeente Amsterdam", ORG_TYPE_MUNICIPALITY, muni);
	open_order(x, TEST_NOW, &o);
	s = decide_step(TEST_NOW + HOUR, ORDER_MANDATE_DECIDING, 0);
	ok(x, &o, &s, USER_ROLE_HOVJ);
	s = simple(ORDER_STEP_SERVE, TEST_NOW + 2 * HOUR);
	s.u.serve.how = ORDER_SERVICE_IN_PERSON;
	ok(x, &o, &s, USER_ROLE_HOVJ);

	memset(&t, 0, sizeof(t));
	snprintf(source, sizeof(source), "order:%s", o.id);
	snprintf(t.case_id, sizeof(t.case_id), "%s", x->f.kase.id);
	snprintf(t.org_id, sizeof(t.org_id), "%s", muni);
	t.kind = "appeal_term";
	t.title = "Einde beroepstermijn";
	t.source = source;
	t.rule_id = "nl.appeal_term";
	t.due_at = o.served_at + 42 * DAY;
	assert_int_equal(store_task_create(x->f.st, &x->f.who, &t, &err),
			 CT_OK);
	test_raw_sql(x->f.path, "UPDATE tasks SET due_at = due_at + 86400 "
				"WHERE kind = 'order_end'");
	entries = count(x, "SELECT COUNT(*) FROM journal");

	assert_int_equal(store_order_tasks_resync(x->f.st, &x->f.who, &done,
						  &err),
			 CT_OK);
	assert_int_equal(done.cases, 1);
	assert_int_equal(done.failed, 0);
	assert_int_equal(count(x, "SELECT COUNT(*) FROM tasks WHERE kind = "
				  "'appeal_term' AND status = 'cancelled'"),
			 1);
	t = open_task(x, &o, "order_end");
	assert_true(t.due_at == o.ends_at);
	assert_int_equal(count(x, "SELECT COUNT(*) FROM journal"), entries + 2);
	assert_int_equal(count(x, "SELECT COUNT(*) FROM journal WHERE action "
				  "IN ('task.cancel', 'task.move') AND seq > "
				  "(SELECT MAX(seq) - 2 FROM journal)"),
			 2);

	assert_int_equal(store_order_tasks_resync(x->f.st, &x->f.who, &done,
						  &err),
			 CT_OK);
	assert_int_equal(done.cases, 1);
	assert_int_equal(count(x, "SELECT COUNT(*) FROM journal"), entries + 2);
}

/* An open task of order o on case_id, as a decision would leave it. */
static void
order_task(struct ofix *x, const char *case_id, const struct order *o)
{
	char source[STORE_TASK_SOURCE_MAX + 1];
	struct ct_error err;
	struct task t;

	memset(&t, 0, sizeof(t));
	snprintf(source, sizeof(source), "order:%s", o->id);
	snprintf(t.case_id, sizeof(t.case_id), "%s", case_id);
	snprintf(t.org_id, sizeof(t.org_id), "%s", x->f.org.id);
	t.kind = "order_end";
	t.title = "Einde van het huisverbod";
	t.source = source;
	t.rule_id = "nl.duration";
	t.due_at = TEST_NOW + 10 * DAY;
	assert_int_equal(store_task_create(x->f.st, &x->f.who, &t, &err),
			 CT_OK);
}

/* A second case of the fixture's organisation with an order opened. */
static void
second_case_order(struct ofix *x, struct ct_case *c, struct order *o)
{
	struct order_facts f = as(USER_ROLE_POLICE_OFFICER);
	struct person subject, victim;
	struct order_refusal ref;
	struct order_step s;
	struct ct_error err;

	test_case_init(c, x->f.org.id);
	assert_int_equal(store_case_create(x->f.st, &x->f.who, c, &err), CT_OK);
	test_person_init(&subject, c->id, "Kees");
	subject.roles = CT_BIT(PERSON_ROLE_PERPETRATOR);
	assert_int_equal(store_person_add(x->f.st, &x->f.who, &subject, &err),
			 CT_OK);
	test_person_init(&victim, c->id, "Els");
	assert_int_equal(store_person_add(x->f.st, &x->f.who, &victim, &err),
			 CT_OK);
	s = open_step(x, TEST_NOW);
	s.u.open.subject_person_id = subject.id;
	protected_ids[0] = victim.id;
	assert_int_equal(store_order_open(x->f.st, &x->f.who, c->id, &s, &f,
					  &x->f.a, o, &ref, &err),
			 CT_OK);
}

/* Two cases whose orders no longer replay: the resync counts both (it
 * goes on after the first), names a reason, and writes nothing. */
static void
test_tasks_resync_goes_on_after_a_failure(void **state)
{
	struct ofix *x = *state;
	struct store_resync_count done;
	struct ct_case other;
	struct ct_error err;
	struct order o, p;
	int64_t entries;

	open_order(x, TEST_NOW, &o);
	order_task(x, x->f.kase.id, &o);
	second_case_order(x, &other, &p);
	order_task(x, other.id, &p);
	test_raw_sql(x->f.path, "UPDATE order_steps SET details = "
				"'{\"route\": \"nowhere\"}'");
	entries = count(x, "SELECT COUNT(*) FROM journal");

	ct_error_clear(&err);
	assert_int_equal(store_order_tasks_resync(x->f.st, &x->f.who, &done,
						  &err),
			 CT_OK);
	assert_int_equal(done.cases, 0);
	assert_int_equal(done.failed, 2);
	assert_true(err.message[0] != '\0');
	assert_int_equal(count(x, "SELECT COUNT(*) FROM journal"), entries);
	assert_int_equal(count(x, "SELECT COUNT(*) FROM tasks WHERE status = "
				  "'open'"),
			 2);
}

static void
test_corrupt_step(void **state)
{
	struct ofix *x = *state;
	struct ct_error err;
	struct order o, got;

	open_order(x, TEST_NOW, &o);
	test_raw_sql(x->f.path, "UPDATE order_steps SET details = "
				"'{\"route\": \"nowhere\"}'");
	assert_int_equal(store_order_get(x->f.st, x->f.kase.id, o.id, &x->f.a,
					 &got, &err),
			 CT_ERR_DB_CORRUPT);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test_setup_teardown(test_nl_walk, setup, teardown),
		cmocka_unit_test_setup_teardown(test_be_walk, setup, teardown),
		cmocka_unit_test_setup_teardown(test_refusals_write_nothing,
						setup, teardown),
		cmocka_unit_test_setup_teardown(test_minor_subject, setup,
						teardown),
		cmocka_unit_test_setup_teardown(test_children_from_the_case,
						setup, teardown),
		cmocka_unit_test_setup_teardown(test_references_and_versions,
						setup, teardown),
		cmocka_unit_test_setup_teardown(test_corrupt_step, setup,
						teardown),
		cmocka_unit_test_setup_teardown(test_tasks_follow_the_order,
						setup, teardown),
		cmocka_unit_test_setup_teardown(
			test_tasks_fall_back_to_the_owner, setup, teardown),
		cmocka_unit_test_setup_teardown(test_tasks_follow_the_team,
						setup, teardown),
		cmocka_unit_test_setup_teardown(test_tasks_resync_to_the_rules,
						setup, teardown),
		cmocka_unit_test_setup_teardown(
			test_tasks_resync_goes_on_after_a_failure, setup,
			teardown),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
