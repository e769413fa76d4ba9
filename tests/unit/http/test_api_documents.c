/*
 * test_api_documents.c - filling a document's input from a stored order
 * (api_documents_fill), without a store: the fields each document takes
 * from the order, its steps, the persons, the deciders and the team, and
 * the problems only the filling can see. The complete inputs must pass
 * doc_check (the legal content), the incomplete ones must not.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <cmocka.h>

#include "core/rules.h"
#include "docs/doc_check.h"
#include "http/api_documents.h"

#define SUBJECT "11111111-1111-4111-8111-111111111111"
#define VICTIM "22222222-2222-4222-8222-222222222222"
#define CHILD "33333333-3333-4333-8333-333333333333"
#define MAYOR "44444444-4444-4444-8444-444444444444"
#define HOVJ "55555555-5555-4555-8555-555555555555"
#define GEM "66666666-6666-4666-8666-666666666666"
#define POLICE "77777777-7777-4777-8777-777777777777"
#define VT "88888888-8888-4888-8888-888888888888"
#define PARKET "99999999-9999-4999-8999-999999999999"

struct world {
	struct arena a;
	struct ct_case kase;
	struct order o;
	struct person persons[3];
	struct store_order_step steps[4];
	struct user users[2];
	struct org orgs[4];
	struct api_documents_source src;
};

/* 2026-07-13 13:59 Europe/Amsterdam (CEST) = 11:59 UTC. */
static int64_t
imposed_at(void)
{
	struct ct_civil c = {{2026, 7, 13}, 13, 59, 0};
	int64_t t;

	assert_int_equal(ct_instant_from_local(CT_ZONE_AMSTERDAM, &c, &t),
			 CT_OK);
	return t;
}

static void
person(struct person *p, const char *id, const char *given, const char *family,
       int y, int m, int d)
{
	memset(p, 0, sizeof(*p));
	snprintf(p->id, sizeof(p->id), "%s", id);
	p->given_name = given;
	p->family_name = family;
	p->has_birth_date = 1;
	p->birth_date.year = y;
	p->birth_date.month = m;
	p->birth_date.day = d;
}

static void
org(struct org *o, const char *id, const char *name, enum org_type t,
    const char *email)
{
	memset(o, 0, sizeof(*o));
	snprintf(o->id, sizeof(o->id), "%s", id);
	o->name = name;
	o->type = t;
	o->email = email;
}

static void
user(struct user *u, const char *id, const char *org_id, const char *name,
     uint32_t roles)
{
	memset(u, 0, sizeof(*u));
	snprintf(u->id, sizeof(u->id), "%s", id);
	snprintf(u->org_id, sizeof(u->org_id), "%s", org_id);
	u->display_name = name;
	u->roles = roles;
}

/* An NL order imposed by the mayor of Amsterdam, not extended. */
static void
world_nl(struct world *w)
{
	memset(w, 0, sizeof(*w));
	arena_init(&w->a, ARENA_MAX_DEFAULT);
	snprintf(w->kase.reference, sizeof(w->kase.reference), "%s",
		 "AMS-2026-00123");
	w->kase.jurisdiction = CT_COUNTRY_NL;
	snprintf(w->kase.owner_org_id, sizeof(w->kase.owner_org_id), "%s",
		 POLICE);
	person(&w->persons[0], SUBJECT, "Piet", "de Vries", 1985, 6, 1);
	person(&w->persons[1], VICTIM, "Anna", "de Vries", 1988, 3, 4);
	person(&w->persons[2], CHILD, "Sem", "de Vries", 2015, 1, 9);
	org(&w->orgs[0], POLICE, "Politie Eenheid Amsterdam", ORG_TYPE_POLICE,
	    NULL);
	org(&w->orgs[1], GEM, "Gemeente Amsterdam", ORG_TYPE_MUNICIPALITY,
	    NULL);
	org(&w->orgs[2], VT, "Veilig Thuis Amsterdam-Amstelland",
	    ORG_TYPE_VEILIG_THUIS, "vt@example.org");
	user(&w->users[0], MAYOR, GEM, "F. Halsema", CT_BIT(USER_ROLE_MAYOR));
	user(&w->users[1], HOVJ, POLICE, "J. Jansen",
	     CT_BIT(USER_ROLE_POLICE_OFFICER) | CT_BIT(USER_ROLE_HOVJ));

	order_init(&w->o, CT_COUNTRY_NL);
	w->o.state = ORDER_STATE_IMPOSED;
	snprintf(w->o.subject_person_id, CT_UUID_SIZE, "%s", SUBJECT);
	snprintf(w->o.protected_person_ids[0], CT_UUID_SIZE, "%s", VICTIM);
	snprintf(w->o.protected_person_ids[1], CT_UUID_SIZE, "%s", CHILD);
	w->o.n_protected = 2;
	w->o.place = "Dorpsstraat 1, Amsterdam";
	w->o.facts = "Mishandeling na ruzie; buren belden 112.";
	w->o.imposed_at = imposed_at();
	w->o.decided_at = w->o.imposed_at;
	assert_int_equal(rules_order_end(rules_for(CT_COUNTRY_NL),
					 w->o.imposed_at, &w->o.ends_at),
			 CT_OK);
	snprintf(w->o.decided_by, CT_UUID_SIZE, "%s", MAYOR);
	w->o.decided_role = USER_ROLE_MAYOR;
	w->o.mandate = ORDER_MANDATE_NONE;
	w->o.stay_address = "Hotel De Brug, Amsterdam";

	/* A hearing of the subject before the decision. */
	w->steps[0].seq = 1;
	w->steps[0].kind = ORDER_STEP_HEAR;
	w->steps[0].at = w->o.imposed_at - 600;
	w->steps[0].actor_user_id = HOVJ;
	w->steps[0].details_json =
		"{\"person_id\":\"" SUBJECT "\",\"view\":\"Het was een "
		"ongeluk.\"}";

	w->src.kase = &w->kase;
	w->src.order = &w->o;
	w->src.persons = w->persons;
	w->src.n_persons = 3;
	w->src.steps = w->steps;
	w->src.n_steps = 1;
	w->src.users = w->users;
	w->src.n_users = 2;
	w->src.orgs = w->orgs;
	w->src.n_orgs = 3;
	w->src.now = w->o.imposed_at + 3600;
}

/* The mayor extends on day 9, after the coordinator's advice. */
static void
world_extend(struct world *w)
{
	const struct order_rules *r = rules_for(w->kase.jurisdiction);

	w->steps[1].seq = 2;
	w->steps[1].kind = ORDER_STEP_ADVICE;
	w->steps[1].at = w->o.imposed_at + 7 * 86400;
	w->steps[1].details_json =
		"{\"extend\":true,\"reasons\":\"Dreiging blijft.\"}";
	w->steps[2].seq = 3;
	w->steps[2].kind = ORDER_STEP_EXTEND;
	w->steps[2].at = w->o.imposed_at + 9 * 86400;
	w->steps[2].actor_user_id = w->users[0].id;
	w->steps[2].details_json = "{\"reasons\":\"Het risico blijft hoog.\"}";
	w->src.n_steps = 3;
	w->o.state = ORDER_STATE_EXTENDED;
	w->o.n_extensions = 1;
	assert_int_equal(
		rules_extension_limit(r, w->o.imposed_at, &w->o.ends_at),
		CT_OK);
}

static void
fill(struct world *w, enum doc_kind k, struct doc_input *in,
     struct ct_problems *p)
{
	ct_problems_init(p);
	api_documents_fill(k, &w->src, &w->a, in, p);
}

static int
has_problem(const struct ct_problems *p, const char *field)
{
	size_t i;

	for (i = 0; i < p->count; i++)
		if (strcmp(p->items[i].field, field) == 0)
			return 1;
	return 0;
}

static void
test_nl_decision(void **state)
{
	struct ct_problems p, check;
	struct doc_input in;
	struct world w;
	int64_t end;

	(void)state;
	world_nl(&w);
	fill(&w, DOC_DECISION, &in, &p);
	assert_false(ct_problems_any(&p));
	assert_int_equal(in.kind, DOC_DECISION);
	assert_int_equal(in.jurisdiction, CT_COUNTRY_NL);
	assert_string_equal(in.case_reference, "AMS-2026-00123");
	assert_string_equal(in.authority, "Amsterdam"); /* no "Gemeente " */
	assert_string_equal(in.signed_place, "Amsterdam");
	assert_string_equal(in.decider_name, "F. Halsema");
	assert_int_equal(in.decider_role, DOC_ROLE_MAYOR);
	assert_int_equal(in.mandate, DOC_MANDATE_NONE);
	assert_string_equal(in.removed.name, "Piet de Vries");
	assert_int_equal(in.removed.birth_date.year, 1985);
	assert_string_equal(in.address, "Dorpsstraat 1, Amsterdam");
	assert_string_equal(in.facts, w.o.facts);
	assert_string_equal(in.views, "Het was een ongeluk.");
	assert_int_equal(in.protected_count, 2);
	assert_string_equal(in.protected_names[0], "Anna de Vries");
	assert_string_equal(in.protected_names[1], "Sem de Vries");
	assert_string_equal(in.stay_address, "Hotel De Brug, Amsterdam");
	/* ten days to the same clock time (seed 001 hfst. 1) */
	assert_int_equal(in.start, w.o.imposed_at);
	assert_int_equal(
		rules_add_days(rules_for(CT_COUNTRY_NL), in.start, 10, &end),
		CT_OK);
	assert_int_equal(in.end, end);
	assert_true(in.has_signed_date);
	assert_int_equal(in.signed_date.day, 13);
	ct_problems_init(&check);
	assert_int_equal(doc_check(&in, &check), CT_OK);
	arena_release(&w.a);
}

static void
test_decision_keeps_its_own_term_after_extension(void **state)
{
	struct ct_problems p, check;
	struct doc_input in;
	struct world w;

	(void)state;
	world_nl(&w);
	world_extend(&w);
	fill(&w, DOC_DECISION, &in, &p);
	assert_false(ct_problems_any(&p));
	/* the order now ends after 28 days; the decision states its 10 */
	assert_true(in.end < w.o.ends_at);
	ct_problems_init(&check);
	assert_int_equal(doc_check(&in, &check), CT_OK);
	arena_release(&w.a);
}

static void
test_nl_extension(void **state)
{
	struct ct_problems p, check;
	struct doc_input in;
	struct world w;

	(void)state;
	world_nl(&w);
	fill(&w, DOC_EXTENSION, &in, &p);
	assert_true(has_problem(&p, "state")); /* not extended yet */
	world_extend(&w);
	fill(&w, DOC_EXTENSION, &in, &p);
	assert_false(ct_problems_any(&p));
	assert_int_equal(in.decider_role, DOC_ROLE_MAYOR);
	assert_string_equal(in.decider_name, "F. Halsema");
	assert_string_equal(in.facts, "Het risico blijft hoog.");
	assert_string_equal(in.advice, "Dreiging blijft.");
	assert_int_equal(in.end, w.o.ends_at);
	assert_true(in.previous_end > in.start && in.previous_end < in.end);
	ct_problems_init(&check);
	assert_int_equal(doc_check(&in, &check), CT_OK);
	arena_release(&w.a);
}

static void
test_extension_not_by_mayor_is_refused(void **state)
{
	struct ct_problems p, check;
	struct doc_input in;
	struct world w;

	(void)state;
	world_nl(&w);
	world_extend(&w);
	w.steps[2].actor_user_id = w.users[1].id; /* the HOvJ */
	fill(&w, DOC_EXTENSION, &in, &p);
	assert_int_equal(in.decider_role, DOC_ROLE_NONE);
	ct_problems_init(&check);
	assert_int_equal(doc_check(&in, &check), CT_ERR_INVALID);
	assert_true(has_problem(&check, "decider_role"));
	arena_release(&w.a);
}

static void
test_screening_lacks_everything(void **state)
{
	struct ct_problems p, check;
	struct doc_input in;
	struct world w;

	(void)state;
	world_nl(&w);
	w.o.state = ORDER_STATE_SCREENING;
	w.o.imposed_at = w.o.decided_at = w.o.ends_at = 0;
	w.o.facts = NULL;
	w.o.decided_by[0] = '\0';
	fill(&w, DOC_DECISION, &in, &p);
	assert_true(has_problem(&p, "state"));
	ct_problems_init(&check);
	assert_int_equal(doc_check(&in, &check), CT_ERR_INVALID);
	assert_true(has_problem(&check, "start"));
	assert_true(has_problem(&check, "end"));
	assert_true(has_problem(&check, "facts"));
	assert_true(has_problem(&check, "decider_name"));
	arena_release(&w.a);
}

/* The HOvJ's decision names the mandaatbesluit the decide step recorded. */
static void
test_hovj_mandate_reference_carried(void **state)
{
	struct ct_problems p, check;
	struct doc_input in;
	struct world w;

	(void)state;
	world_nl(&w);
	snprintf(w.o.decided_by, CT_UUID_SIZE, "%s", HOVJ);
	w.o.decided_role = USER_ROLE_HOVJ;
	w.o.mandate = ORDER_MANDATE_DECIDING;
	w.o.mandate_reference = "Mandaatbesluit huisverbod 2026";
	fill(&w, DOC_DECISION, &in, &p);
	assert_false(ct_problems_any(&p));
	assert_int_equal(in.decider_role, DOC_ROLE_HOVJ);
	assert_int_equal(in.mandate, DOC_MANDATE_DECIDING);
	assert_string_equal(in.mandate_reference,
			    "Mandaatbesluit huisverbod 2026");
	/* the HOvJ's organisation is the police: the municipality is
	 * still the team's */
	assert_string_equal(in.authority, "Amsterdam");
	ct_problems_init(&check);
	assert_int_equal(doc_check(&in, &check), CT_OK);
	/* Without it (an order stored before the rule), the document is
	 * refused naming it, never completed with an invented decree. */
	w.o.mandate_reference = NULL;
	fill(&w, DOC_DECISION, &in, &p);
	ct_problems_init(&check);
	assert_int_equal(doc_check(&in, &check), CT_ERR_INVALID);
	assert_int_equal(check.count, 1);
	assert_string_equal(check.items[0].field, "mandate_reference");
	arena_release(&w.a);
}

static void
test_letter(void **state)
{
	struct ct_problems p, check;
	struct doc_input in;
	struct world w;

	(void)state;
	world_nl(&w);
	fill(&w, DOC_LETTER, &in, &p);
	assert_false(ct_problems_any(&p));
	assert_string_equal(in.recipient_name, "Anna de Vries"); /* first */
	assert_string_equal(in.recipient_address, w.o.place);
	assert_string_equal(in.help_contact,
			    "Veilig Thuis Amsterdam-Amstelland "
			    "(vt@example.org)");
	assert_true(in.has_signed_date);
	ct_problems_init(&check);
	assert_int_equal(doc_check(&in, &check), CT_OK);

	w.src.recipient_person_id = CHILD;
	fill(&w, DOC_LETTER, &in, &p);
	assert_string_equal(in.recipient_name, "Sem de Vries");
	/* the removed person is no recipient of this letter */
	w.src.recipient_person_id = SUBJECT;
	fill(&w, DOC_LETTER, &in, &p);
	assert_true(has_problem(&p, "person_id"));
	assert_null(in.recipient_name);
	arena_release(&w.a);
}

static void
test_missing_municipality_is_left_to_check(void **state)
{
	struct ct_problems p, check;
	struct doc_input in;
	struct world w;

	(void)state;
	world_nl(&w);
	w.orgs[1].type = ORG_TYPE_OTHER; /* no municipality on the team */
	w.users[0].org_id[0] = '\0';
	fill(&w, DOC_DECISION, &in, &p);
	assert_null(in.authority);
	ct_problems_init(&check);
	assert_int_equal(doc_check(&in, &check), CT_ERR_INVALID);
	assert_true(has_problem(&check, "authority"));
	assert_true(has_problem(&check, "signed_place"));
	arena_release(&w.a);
}

static void
test_be_extension_by_the_family_court(void **state)
{
	struct ct_problems p, check;
	struct doc_input in;
	struct world w;

	(void)state;
	world_nl(&w);
	w.kase.jurisdiction = CT_COUNTRY_BE;
	w.o.jurisdiction = CT_COUNTRY_BE;
	w.o.oral = 1;
	org(&w.orgs[3], PARKET, "Parket Limburg", ORG_TYPE_PROSECUTOR, NULL);
	w.src.n_orgs = 4;
	user(&w.users[0], MAYOR, PARKET, "M. Peeters",
	     CT_BIT(USER_ROLE_PROSECUTOR));
	w.o.decided_role = USER_ROLE_PROSECUTOR;
	assert_int_equal(rules_order_end(rules_for(CT_COUNTRY_BE),
					 w.o.imposed_at, &w.o.ends_at),
			 CT_OK);
	fill(&w, DOC_DECISION, &in, &p);
	assert_false(ct_problems_any(&p));
	assert_string_equal(in.authority, "Limburg");
	assert_int_equal(in.decider_role, DOC_ROLE_PROSECUTOR);
	assert_true(in.oral_first);
	ct_problems_init(&check);
	assert_int_equal(doc_check(&in, &check), CT_OK);

	world_extend(&w);
	fill(&w, DOC_EXTENSION, &in, &p);
	assert_false(ct_problems_any(&p));
	assert_string_equal(in.court, "familierechtbank Limburg");
	assert_true(in.has_ruling_date);
	ct_problems_init(&check);
	assert_int_equal(doc_check(&in, &check), CT_OK);
	arena_release(&w.a);
}

static void
test_filename_has_no_personal_data(void **state)
{
	char name[64];

	(void)state;
	api_documents_filename("AMS-2026-00123", DOC_DECISION, 1, name,
			       sizeof(name));
	assert_string_equal(name, "AMS-2026-00123-decision.pdf");
	api_documents_filename("LIM-2026-00007", DOC_LETTER, 0, name,
			       sizeof(name));
	assert_string_equal(name, "LIM-2026-00007-letter.html");
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_nl_decision),
		cmocka_unit_test(
			test_decision_keeps_its_own_term_after_extension),
		cmocka_unit_test(test_nl_extension),
		cmocka_unit_test(test_extension_not_by_mayor_is_refused),
		cmocka_unit_test(test_screening_lacks_everything),
		cmocka_unit_test(test_hovj_mandate_reference_carried),
		cmocka_unit_test(test_letter),
		cmocka_unit_test(test_missing_municipality_is_left_to_check),
		cmocka_unit_test(test_be_extension_by_the_family_court),
		cmocka_unit_test(test_filename_has_no_personal_data),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
