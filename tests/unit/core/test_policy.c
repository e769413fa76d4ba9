/*
 * test_policy.c - the authorization matrix, and the edges of each rule.
 *
 * The matrix spells out, for every action, every role (and a few role
 * combinations and the anonymous visitor), and every situation below,
 * what the decision must be. It is written out by hand on purpose: a
 * rule loosened in policy.c turns a cell red here.
 *
 * Situations (columns of each cell string, in this order):
 *   o  own organisation owns the case              (TOTP verified)
 *   t  own organisation is on the team, not owner  (TOTP verified)
 *   x  organisation outside the team, no grant
 *   g  outside, with an active break-the-glass grant for this case
 *   e  outside, with an expired grant for this case
 *   w  outside, with an active grant for another case
 *   n  own organisation owns the case, TOTP not verified this session
 * For actions on users and organisations the target organisation is the
 * case owner's, so "o" and "n" are the subject's own organisation.
 *
 * Cell letters: A allowed, G allowed as break-the-glass (flagged),
 * N denied as not found (404), F forbidden, T second factor required,
 * U not logged in.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <string.h>
#include <cmocka.h>

#include "core/policy.h"

#define ORG_A "aaaaaaaa-0000-4000-8000-000000000001" /* owner */
#define ORG_B "bbbbbbbb-0000-4000-8000-000000000002" /* on the team */
#define ORG_C "cccccccc-0000-4000-8000-000000000003" /* outside */
#define CASE_1 "11111111-0000-4000-8000-000000000001"
#define CASE_2 "22222222-0000-4000-8000-000000000002"
#define USER_1 "99999999-0000-4000-8000-000000000009"
#define NOW ((int64_t)1767225600) /* 2026-01-01T00:00:00Z */

enum situation {
	SIT_OWN,
	SIT_TEAM,
	SIT_OUTSIDE,
	SIT_GLASS,
	SIT_EXPIRED,
	SIT_OTHER_GRANT,
	SIT_NO_TOTP,
	SIT__COUNT
};

/* Subjects: one per role, then combinations and the anonymous visitor. */
struct subject_row {
	const char *label;
	int anonymous;
	uint32_t roles;
};

static const struct subject_row subjects[] = {
	{ "admin", 0, CT_BIT(USER_ROLE_ADMIN) },
	{ "privacy_officer", 0, CT_BIT(USER_ROLE_PRIVACY_OFFICER) },
	{ "police_officer", 0, CT_BIT(USER_ROLE_POLICE_OFFICER) },
	{ "hovj", 0, CT_BIT(USER_ROLE_HOVJ) },
	{ "mayor", 0, CT_BIT(USER_ROLE_MAYOR) },
	{ "legal_officer", 0, CT_BIT(USER_ROLE_LEGAL_OFFICER) },
	{ "prosecutor", 0, CT_BIT(USER_ROLE_PROSECUTOR) },
	{ "coordinator", 0, CT_BIT(USER_ROLE_COORDINATOR) },
	{ "partner_worker", 0, CT_BIT(USER_ROLE_PARTNER_WORKER) },
	{ "triage_member", 0, CT_BIT(USER_ROLE_TRIAGE_MEMBER) },
	{ "analyst", 0, CT_BIT(USER_ROLE_ANALYST) },
	{ "admin+coordinator", 0,
	  CT_BIT(USER_ROLE_ADMIN) | CT_BIT(USER_ROLE_COORDINATOR) },
	{ "privacy+police", 0,
	  CT_BIT(USER_ROLE_PRIVACY_OFFICER) |
		  CT_BIT(USER_ROLE_POLICE_OFFICER) },
	{ "analyst+partner", 0,
	  CT_BIT(USER_ROLE_ANALYST) | CT_BIT(USER_ROLE_PARTNER_WORKER) },
	{ "no roles", 0, 0 },
	{ "anonymous", 1, 0 },
};
#define N_SUBJECTS (sizeof(subjects) / sizeof(subjects[0]))

/* Every user_role has a single-role row (rows 0..USER_ROLE__COUNT-1). */
_Static_assert(USER_ROLE__COUNT == 11, "new role: extend the matrix");

struct matrix_row {
	enum policy_action action;
	const char *cells[N_SUBJECTS];
};

/* The eight case-access roles, police_officer through triage_member. */
#define CASE8(c) c, c, c, c, c, c, c, c

#define ALL "AAAAAAA"
#define NONE "FFFFFFF"
#define ANON "UUUUUUU"

static const struct matrix_row matrix[] = {
	/*                 admin  privacy  8 case roles  analyst
	 *                 adm+coord  priv+police  analyst+partner  none  anon */
	{ POLICY_HEALTH_READ,
	  { ALL, ALL, CASE8(ALL), ALL, ALL, ALL, ALL, ALL, ALL } },
	{ POLICY_SESSION_CREATE,
	  { ALL, ALL, CASE8(ALL), ALL, ALL, ALL, ALL, ALL, ALL } },
	{ POLICY_SESSION_READ,
	  { ALL, ALL, CASE8(ALL), ALL, ALL, ALL, ALL, ALL, ANON } },
	{ POLICY_SESSION_DELETE,
	  { ALL, ALL, CASE8(ALL), ALL, ALL, ALL, ALL, ALL, ANON } },
	{ POLICY_SESSION_TOTP,
	  { ALL, ALL, CASE8(ALL), ALL, ALL, ALL, ALL, ALL, ANON } },
	{ POLICY_TOTP_ENROL,
	  { "AAAAAAT", "AAAAAAT", CASE8("AAAAAAT"), "AAAAAAT", "AAAAAAT",
	    "AAAAAAT", "AAAAAAT", "AAAAAAT", ANON } },
	{ POLICY_PASSWORD_CHANGE,
	  { ALL, ALL, CASE8(ALL), ALL, ALL, ALL, ALL, ALL, ANON } },
	{ POLICY_ME_READ,
	  { ALL, ALL, CASE8(ALL), ALL, ALL, ALL, ALL, ALL, ANON } },
	{ POLICY_ORG_READ,
	  { ALL, ALL, CASE8(ALL), ALL, ALL, ALL, ALL, ALL, ANON } },
	{ POLICY_ORG_MANAGE,
	  { "AAAAAAT", NONE, CASE8(NONE), NONE, "AAAAAAT", NONE, NONE, NONE,
	    ANON } },
	{ POLICY_USER_READ,
	  { ALL, ALL, CASE8("AFFFFFA"), "AFFFFFA", ALL, ALL, "AFFFFFA",
	    "AFFFFFA", ANON } },
	{ POLICY_USER_MANAGE,
	  { "AAAAAAT", NONE, CASE8(NONE), NONE, "AAAAAAT", NONE, NONE, NONE,
	    ANON } },
	{ POLICY_CASE_LIST,
	  { NONE, NONE, CASE8("AAAAAAT"), NONE, NONE, NONE, NONE, NONE,
	    ANON } },
	{ POLICY_CASE_CREATE,
	  { NONE, NONE, CASE8("AAAAAAT"), NONE, NONE, NONE, NONE, NONE,
	    ANON } },
	{ POLICY_CASE_READ,
	  { NONE, NONE, CASE8("AANGNNT"), NONE, NONE, NONE, NONE, NONE,
	    ANON } },
	{ POLICY_CASE_UPDATE,
	  { NONE, NONE, CASE8("AANFNNT"), NONE, NONE, NONE, NONE, NONE,
	    ANON } },
	{ POLICY_PERSON_READ,
	  { NONE, NONE, CASE8("AANGNNT"), NONE, NONE, NONE, NONE, NONE,
	    ANON } },
	{ POLICY_PERSON_ADD,
	  { NONE, NONE, CASE8("AANFNNT"), NONE, NONE, NONE, NONE, NONE,
	    ANON } },
	{ POLICY_PERSON_UPDATE,
	  { NONE, NONE, CASE8("AANFNNT"), NONE, NONE, NONE, NONE, NONE,
	    ANON } },
	{ POLICY_RELATION_READ,
	  { NONE, NONE, CASE8("AANGNNT"), NONE, NONE, NONE, NONE, NONE,
	    ANON } },
	{ POLICY_RELATION_ADD,
	  { NONE, NONE, CASE8("AANFNNT"), NONE, NONE, NONE, NONE, NONE,
	    ANON } },
	{ POLICY_INCIDENT_READ,
	  { NONE, NONE, CASE8("AANGNNT"), NONE, NONE, NONE, NONE, NONE,
	    ANON } },
	{ POLICY_INCIDENT_ADD,
	  { NONE, NONE, CASE8("AANFNNT"), NONE, NONE, NONE, NONE, NONE,
	    ANON } },
	{ POLICY_INCIDENT_UPDATE,
	  { NONE, NONE, CASE8("AANFNNT"), NONE, NONE, NONE, NONE, NONE,
	    ANON } },
	{ POLICY_TEAM_READ,
	  { NONE, NONE, CASE8("AANGNNT"), NONE, NONE, NONE, NONE, NONE,
	    ANON } },
	{ POLICY_TEAM_ADD,
	  { NONE, NONE, CASE8("AFNFNNT"), NONE, NONE, NONE, NONE, NONE,
	    ANON } },
	{ POLICY_TEAM_REMOVE,
	  { NONE, NONE, CASE8("AFNFNNT"), NONE, NONE, NONE, NONE, NONE,
	    ANON } },
	{ POLICY_JOURNAL_READ,
	  { NONE, NONE, CASE8("AANGNNT"), NONE, NONE, NONE, NONE, NONE,
	    ANON } },
	{ POLICY_ACCESS_LOG_QUERY,
	  { NONE, "AAAAAAT", CASE8(NONE), NONE, NONE, "AAAAAAT", NONE, NONE,
	    ANON } },
	{ POLICY_BREAK_GLASS_OPEN,
	  { NONE, NONE, CASE8("FFGGGGT"), NONE, NONE, NONE, NONE, NONE,
	    ANON } },
	{ POLICY_BREAK_GLASS_LIST,
	  { NONE, "AAAAAAT", CASE8(NONE), NONE, NONE, "AAAAAAT", NONE, NONE,
	    ANON } },
	{ POLICY_STATS_READ,
	  { NONE, NONE, CASE8(ALL), ALL, ALL, ALL, ALL, NONE, ANON } },
	{ POLICY_OPENAPI_READ,
	  { ALL, ALL, CASE8(ALL), ALL, ALL, ALL, ALL, ALL, ALL } },
	/* Cookie sessions with the second factor; tokens: see below. */
	{ POLICY_TOKEN_MANAGE,
	  { "AAAAAAT", "AAAAAAT", CASE8("AAAAAAT"), "AAAAAAT", "AAAAAAT",
	    "AAAAAAT", "AAAAAAT", "AAAAAAT", ANON } },
	/* The grant is on a case of ORG_A: the privacy officer, or a
	 * coordinator of ORG_A; another organisation's grant looks absent. */
	{ POLICY_BREAK_GLASS_REVIEW,
	  { NONE, "AAAAAAT", NONE, NONE, NONE, NONE, NONE, "ANNNNNT", NONE,
	    NONE, NONE, "ANNNNNT", "AAAAAAT", NONE, NONE, ANON } },
	/* risk: instruments are forms, read by any case-access role
	 * without the second factor; assessments are case content, filled
	 * in by police, HOvJ, prosecutor, coordinator and partner worker
	 * (seed 001 ch. 3, seed 002), not by mayor, legal officer or triage
	 * member. */
	{ POLICY_INSTRUMENT_READ,
	  { NONE, NONE, CASE8(ALL), NONE, NONE, NONE, NONE, NONE, ANON } },
	{ POLICY_ASSESSMENT_READ,
	  { NONE, NONE, CASE8("AANGNNT"), NONE, NONE, NONE, NONE, NONE,
	    ANON } },
	{ POLICY_ASSESSMENT_ADD,
	  { NONE, NONE, "AANFNNT", "AANFNNT", NONE, NONE, "AANFNNT",
	    "AANFNNT", "AANFNNT", NONE, NONE, NONE, NONE, NONE, NONE,
	    ANON } },
	{ POLICY_ASSESSMENT_OVERRIDE,
	  { NONE, NONE, "AANFNNT", "AANFNNT", NONE, NONE, "AANFNNT",
	    "AANFNNT", "AANFNNT", NONE, NONE, NONE, NONE, NONE, NONE,
	    ANON } },
	/* worklist: the own organisation's list and notifications, with
	 * the second factor; completing a task is a change of the case. */
	{ POLICY_WORKLIST_READ,
	  { NONE, NONE, CASE8("AAAAAAT"), NONE, NONE, NONE, NONE, NONE,
	    ANON } },
	{ POLICY_TASK_COMPLETE,
	  { NONE, NONE, CASE8("AANFNNT"), NONE, NONE, NONE, NONE, NONE,
	    ANON } },
	{ POLICY_NOTIFICATION_READ,
	  { NONE, NONE, CASE8("AAAAAAT"), NONE, NONE, NONE, NONE, NONE,
	    ANON } },
	{ POLICY_NOTIFICATION_MARK,
	  { NONE, NONE, CASE8("AAAAAAT"), NONE, NONE, NONE, NONE, NONE,
	    ANON } },
	/* orders: case content of the team; break the glass reads but
	 * never writes. The legal power per step is core/order.c's. */
	{ POLICY_ORDER_READ,
	  { NONE, NONE, CASE8("AANGNNT"), NONE, NONE, NONE, NONE, NONE,
	    ANON } },
	{ POLICY_ORDER_CREATE,
	  { NONE, NONE, CASE8("AANFNNT"), NONE, NONE, NONE, NONE, NONE,
	    ANON } },
	{ POLICY_ORDER_STEP,
	  { NONE, NONE, CASE8("AANFNNT"), NONE, NONE, NONE, NONE, NONE,
	    ANON } },
	/* documents: read like the order they are made from. */
	{ POLICY_DOCUMENT_READ,
	  { NONE, NONE, CASE8("AANGNNT"), NONE, NONE, NONE, NONE, NONE,
	    ANON } },
	{ POLICY_STATIC_READ,
	  { ALL, ALL, CASE8(ALL), ALL, ALL, ALL, ALL, ALL, ALL } },
};

/* Personal data of a case: every decision must be access-logged. */
static const enum policy_action personal_actions[] = {
	POLICY_CASE_LIST,	 POLICY_CASE_CREATE,	  POLICY_CASE_READ,
	POLICY_CASE_UPDATE,	 POLICY_PERSON_READ,	  POLICY_PERSON_ADD,
	POLICY_PERSON_UPDATE,	 POLICY_RELATION_READ,	  POLICY_RELATION_ADD,
	POLICY_INCIDENT_READ,	 POLICY_INCIDENT_ADD,	  POLICY_INCIDENT_UPDATE,
	POLICY_TEAM_READ,	 POLICY_TEAM_ADD,	  POLICY_TEAM_REMOVE,
	POLICY_JOURNAL_READ,	 POLICY_ACCESS_LOG_QUERY, POLICY_BREAK_GLASS_OPEN,
	POLICY_BREAK_GLASS_LIST, POLICY_BREAK_GLASS_REVIEW,
	/* risk */
	POLICY_ASSESSMENT_READ, POLICY_ASSESSMENT_ADD, POLICY_ASSESSMENT_OVERRIDE,
	/* worklist */
	POLICY_TASK_COMPLETE,
	/* orders */
	POLICY_ORDER_READ, POLICY_ORDER_CREATE, POLICY_ORDER_STEP,
	/* documents */
	POLICY_DOCUMENT_READ,
};

static const char *const team_b[] = { ORG_B };

struct fixture {
	struct policy_subject who;
	struct policy_resource res;
	struct policy_grant grant;
};

static void
fixture_init(struct fixture *f, const struct subject_row *s,
	     enum situation sit, enum policy_action action)
{
	memset(f, 0, sizeof(*f));
	if (!s->anonymous) {
		f->who.user_id = USER_1;
		f->who.roles = s->roles;
		f->who.totp_enrolled = 1;
		f->who.totp_verified = sit != SIT_NO_TOTP;
	}
	f->who.org_type = ORG_TYPE_OTHER;
	switch (sit) {
	case SIT_OWN:
	case SIT_NO_TOTP:
		f->who.org_id = ORG_A;
		break;
	case SIT_TEAM:
		f->who.org_id = ORG_B;
		break;
	default:
		f->who.org_id = ORG_C;
		break;
	}
	if (s->anonymous)
		f->who.org_id = NULL;
	f->grant.case_id = sit == SIT_OTHER_GRANT ? CASE_2 : CASE_1;
	f->grant.expires_at = sit == SIT_EXPIRED ? NOW : NOW + 3600;
	if (sit == SIT_GLASS || sit == SIT_EXPIRED || sit == SIT_OTHER_GRANT) {
		f->who.grants = &f->grant;
		f->who.n_grants = 1;
	}
	f->res.kind = policy_action_resource(action);
	f->res.case_id = CASE_1;
	f->res.owner_org_id = ORG_A;
	f->res.team_org_ids = team_b;
	f->res.n_team = 1;
	f->res.target_org_id = ORG_A;
}

static char
cell_of(const struct policy_decision *d)
{
	if (d->allowed)
		return d->is_break_glass ? 'G' : 'A';
	switch (d->denial) {
	case POLICY_DENY_NOT_FOUND:
		return 'N';
	case POLICY_DENY_FORBIDDEN:
		return 'F';
	case POLICY_DENY_SECOND_FACTOR:
		return 'T';
	case POLICY_DENY_UNAUTHENTICATED:
		return 'U';
	case POLICY_DENY_NONE:
		break;
	}
	return '?'; /* denied without a denial kind: a bug */
}

static int
is_personal(enum policy_action a)
{
	size_t i;

	for (i = 0; i < sizeof(personal_actions) / sizeof(personal_actions[0]);
	     i++) {
		if (personal_actions[i] == a)
			return 1;
	}
	return 0;
}

static void
test_matrix_covers_every_action(void **state)
{
	int seen[POLICY_ACTION__COUNT] = { 0 };
	size_t i, j;

	(void)state;
	for (i = 0; i < sizeof(matrix) / sizeof(matrix[0]); i++) {
		assert_true(matrix[i].action < POLICY_ACTION__COUNT);
		assert_false(seen[matrix[i].action]);
		seen[matrix[i].action] = 1;
		for (j = 0; j < N_SUBJECTS; j++) {
			assert_non_null(matrix[i].cells[j]);
			assert_int_equal(strlen(matrix[i].cells[j]), SIT__COUNT);
		}
	}
	for (i = 0; i < POLICY_ACTION__COUNT; i++)
		assert_true(seen[i]);
}

static void
test_authorization_matrix(void **state)
{
	size_t i, j, failures = 0;
	int sit;

	(void)state;
	for (i = 0; i < sizeof(matrix) / sizeof(matrix[0]); i++) {
		const struct matrix_row *row = &matrix[i];

		for (j = 0; j < N_SUBJECTS; j++) {
			for (sit = 0; sit < SIT__COUNT; sit++) {
				struct fixture f;
				struct policy_decision d;
				char want = row->cells[j][sit];
				char got;

				fixture_init(&f, &subjects[j], sit, row->action);
				policy_decide(&f.who, row->action, &f.res, NOW,
					      &d);
				got = cell_of(&d);
				assert_non_null(d.reason);
				/* every decision on personal data is logged,
				 * allowed or denied; no other is */
				if (d.needs_access_log !=
				    is_personal(row->action)) {
					printf("%s: access-log flag wrong\n",
					       policy_action_name(row->action));
					failures++;
				}
				if (!d.allowed && d.is_break_glass)
					failures++;
				if (got != want) {
					printf("%s as %s, situation %d: want %c"
					       " got %c (%s)\n",
					       policy_action_name(row->action),
					       subjects[j].label, sit, want,
					       got, d.reason);
					failures++;
				}
			}
		}
	}
	assert_int_equal(failures, 0);
}

static void
test_action_names(void **state)
{
	int i, j;

	(void)state;
	for (i = 0; i < POLICY_ACTION__COUNT; i++) {
		const char *name = policy_action_name(i);

		assert_non_null(name);
		assert_int_equal(policy_action_from_name(name), i);
		for (j = 0; j < i; j++)
			assert_string_not_equal(name, policy_action_name(j));
	}
	assert_int_equal(policy_action_from_name("case.read"),
			 POLICY_CASE_READ);
	assert_int_equal(policy_action_from_name("access_log.query"),
			 POLICY_ACCESS_LOG_QUERY);
	/* appended later; the numbers of the others did not move */
	assert_int_equal(policy_action_from_name("openapi.read"),
			 POLICY_OPENAPI_READ);
	assert_int_equal(POLICY_OPENAPI_READ, POLICY_STATS_READ + 1);
	assert_int_equal(policy_action_from_name("token.manage"),
			 POLICY_TOKEN_MANAGE);
	assert_int_equal(POLICY_TOKEN_MANAGE, POLICY_OPENAPI_READ + 1);
	assert_int_equal(policy_action_from_name("break_glass.review"),
			 POLICY_BREAK_GLASS_REVIEW);
	assert_int_equal(policy_action_resource(POLICY_BREAK_GLASS_REVIEW),
			 POLICY_RES_BREAK_GLASS);
	/* orders: stable names, acting on the case in the path */
	assert_int_equal(policy_action_from_name("order.read"),
			 POLICY_ORDER_READ);
	assert_int_equal(policy_action_from_name("order.create"),
			 POLICY_ORDER_CREATE);
	assert_int_equal(policy_action_from_name("order.step"),
			 POLICY_ORDER_STEP);
	assert_int_equal(policy_action_resource(POLICY_ORDER_STEP),
			 POLICY_RES_CASE);
	/* documents: appended after the orders, on the case in the path */
	assert_int_equal(policy_action_from_name("document.read"),
			 POLICY_DOCUMENT_READ);
	assert_int_equal(POLICY_DOCUMENT_READ, POLICY_ORDER_STEP + 1);
	assert_int_equal(policy_action_resource(POLICY_DOCUMENT_READ),
			 POLICY_RES_CASE);
	/* web pages: the assets, public, about nothing */
	assert_int_equal(policy_action_from_name("static.read"),
			 POLICY_STATIC_READ);
	assert_int_equal(POLICY_STATIC_READ, POLICY_DOCUMENT_READ + 1);
	assert_int_equal(policy_action_resource(POLICY_STATIC_READ),
			 POLICY_RES_NONE);
	assert_int_equal(policy_action_from_name("Case.Read"), -1);
	assert_int_equal(policy_action_from_name("case.read "), -1);
	assert_int_equal(policy_action_from_name("case"), -1);
	assert_int_equal(policy_action_from_name(""), -1);
	assert_int_equal(policy_action_from_name(NULL), -1);
	assert_null(policy_action_name(POLICY_ACTION__COUNT));
	assert_int_equal(policy_action_resource(POLICY_ACTION__COUNT),
			 POLICY_RES__COUNT);
	assert_int_equal(policy_action_resource(POLICY_CASE_READ),
			 POLICY_RES_CASE);
	assert_int_equal(policy_action_resource(POLICY_PERSON_ADD),
			 POLICY_RES_PERSON);
	for (i = 0; i < POLICY_ACTION__COUNT; i++)
		assert_int_equal(policy_action_personal(i), is_personal(i));
}

/* Decide action for a single-role subject in a situation. */
static void
decide(uint32_t roles, enum situation sit, enum policy_action action,
       struct policy_decision *d)
{
	struct subject_row s = { "test", 0, roles };
	struct fixture f;

	fixture_init(&f, &s, sit, action);
	policy_decide(&f.who, action, &f.res, NOW, d);
}

static void
test_reasons(void **state)
{
	const uint32_t coord = CT_BIT(USER_ROLE_COORDINATOR);
	struct policy_decision d;

	(void)state;
	decide(coord, SIT_OUTSIDE, POLICY_CASE_READ, &d);
	assert_string_equal(d.reason, "not_in_case_team");
	assert_int_equal(policy_decision_err(&d), CT_ERR_NOTFOUND);
	decide(coord, SIT_TEAM, POLICY_CASE_READ, &d);
	assert_string_equal(d.reason, "case_team");
	assert_int_equal(policy_decision_err(&d), CT_OK);
	decide(coord, SIT_GLASS, POLICY_CASE_READ, &d);
	assert_string_equal(d.reason, "break_glass_active");
	decide(coord, SIT_GLASS, POLICY_CASE_UPDATE, &d);
	assert_string_equal(d.reason, "break_glass_read_only");
	assert_int_equal(policy_decision_err(&d), CT_ERR_DENIED);
	decide(coord, SIT_NO_TOTP, POLICY_CASE_READ, &d);
	assert_string_equal(d.reason, "totp_required");
	decide(coord, SIT_TEAM, POLICY_TEAM_ADD, &d);
	assert_string_equal(d.reason, "not_case_owner");
	decide(coord, SIT_OWN, POLICY_BREAK_GLASS_OPEN, &d);
	assert_string_equal(d.reason, "break_glass_not_needed");
	decide(CT_BIT(USER_ROLE_ADMIN), SIT_OWN, POLICY_CASE_READ, &d);
	assert_string_equal(d.reason, "admin_no_case_content");
	decide(CT_BIT(USER_ROLE_ADMIN) | coord, SIT_OWN, POLICY_CASE_READ, &d);
	assert_string_equal(d.reason, "admin_no_case_content");
	decide(CT_BIT(USER_ROLE_PRIVACY_OFFICER), SIT_OWN, POLICY_PERSON_READ,
	       &d);
	assert_string_equal(d.reason, "privacy_officer_no_case_content");
	decide(CT_BIT(USER_ROLE_ANALYST), SIT_OWN, POLICY_CASE_LIST, &d);
	assert_string_equal(d.reason, "analyst_no_personal_data");
	decide(0, SIT_OWN, POLICY_CASE_READ, &d);
	assert_string_equal(d.reason, "role_missing");
	decide(coord, SIT_OUTSIDE, POLICY_USER_READ, &d);
	assert_string_equal(d.reason, "other_organisation");
}

static void
test_denials_are_logged(void **state)
{
	struct subject_row anon = { "anonymous", 1, 0 };
	struct policy_decision d;
	struct fixture f;

	(void)state;
	/* refused before the case was even looked at: still logged */
	fixture_init(&f, &anon, SIT_OUTSIDE, POLICY_PERSON_READ);
	policy_decide(&f.who, POLICY_PERSON_READ, &f.res, NOW, &d);
	assert_false(d.allowed);
	assert_true(d.needs_access_log);
	decide(CT_BIT(USER_ROLE_ADMIN), SIT_OWN, POLICY_JOURNAL_READ, &d);
	assert_false(d.allowed);
	assert_true(d.needs_access_log);
	decide(CT_BIT(USER_ROLE_POLICE_OFFICER), SIT_OUTSIDE,
	       POLICY_INCIDENT_READ, &d);
	assert_int_equal(d.denial, POLICY_DENY_NOT_FOUND);
	assert_true(d.needs_access_log);
}

static void
test_case_create_owner(void **state)
{
	struct policy_decision d;

	(void)state;
	decide(CT_BIT(USER_ROLE_POLICE_OFFICER), SIT_TEAM, POLICY_CASE_CREATE,
	       &d);
	assert_true(d.allowed);
	assert_string_equal(d.owner_org_id, ORG_B);
	decide(CT_BIT(USER_ROLE_POLICE_OFFICER), SIT_TEAM, POLICY_CASE_LIST,
	       &d);
	assert_null(d.owner_org_id);
	decide(CT_BIT(USER_ROLE_POLICE_OFFICER), SIT_NO_TOTP,
	       POLICY_CASE_CREATE, &d);
	assert_false(d.allowed);
	assert_null(d.owner_org_id);
}

static void
test_grant_expiry_boundary(void **state)
{
	const uint32_t roles = CT_BIT(USER_ROLE_HOVJ);
	struct subject_row s = { "hovj", 0, roles };
	struct policy_decision d;
	struct fixture f;

	(void)state;
	fixture_init(&f, &s, SIT_GLASS, POLICY_CASE_READ);
	f.grant.expires_at = NOW + 1;
	policy_decide(&f.who, POLICY_CASE_READ, &f.res, NOW, &d);
	assert_true(d.allowed);
	assert_true(d.is_break_glass);
	/* expired at the very second it ends */
	policy_decide(&f.who, POLICY_CASE_READ, &f.res, NOW + 1, &d);
	assert_false(d.allowed);
	assert_int_equal(d.denial, POLICY_DENY_NOT_FOUND);
	assert_false(d.is_break_glass);
	/* a grant without a case id grants nothing */
	f.grant.case_id = NULL;
	policy_decide(&f.who, POLICY_CASE_READ, &f.res, NOW, &d);
	assert_int_equal(d.denial, POLICY_DENY_NOT_FOUND);
}

static void
test_team_membership(void **state)
{
	static const char *const team[] = { NULL, ORG_A, "", ORG_C };
	struct subject_row s = { "partner", 0,
				 CT_BIT(USER_ROLE_PARTNER_WORKER) };
	struct policy_decision d;
	struct fixture f;

	(void)state;
	/* listed in the team, owner repeated, holes ignored */
	fixture_init(&f, &s, SIT_OUTSIDE, POLICY_CASE_READ);
	f.res.team_org_ids = team;
	f.res.n_team = 4;
	policy_decide(&f.who, POLICY_CASE_READ, &f.res, NOW, &d);
	assert_true(d.allowed);
	/* beyond n_team does not count */
	f.res.n_team = 3;
	policy_decide(&f.who, POLICY_CASE_READ, &f.res, NOW, &d);
	assert_int_equal(d.denial, POLICY_DENY_NOT_FOUND);
	/* owner with an empty team list is still on it */
	fixture_init(&f, &s, SIT_OWN, POLICY_CASE_READ);
	f.res.team_org_ids = NULL;
	f.res.n_team = 0;
	policy_decide(&f.who, POLICY_CASE_READ, &f.res, NOW, &d);
	assert_true(d.allowed);
	/* an empty org id never matches an empty team entry */
	fixture_init(&f, &s, SIT_OUTSIDE, POLICY_CASE_READ);
	f.who.org_id = "";
	f.res.team_org_ids = team;
	f.res.n_team = 4;
	policy_decide(&f.who, POLICY_CASE_READ, &f.res, NOW, &d);
	assert_false(d.allowed);
	assert_string_equal(d.reason, "bad_subject");
}

static void
test_resource_mismatch(void **state)
{
	struct subject_row s = { "coord", 0, CT_BIT(USER_ROLE_COORDINATOR) };
	struct policy_decision d;
	struct fixture f;

	(void)state;
	fixture_init(&f, &s, SIT_OWN, POLICY_CASE_READ);
	f.res.kind = POLICY_RES_NONE;
	policy_decide(&f.who, POLICY_CASE_READ, &f.res, NOW, &d);
	assert_false(d.allowed);
	assert_string_equal(d.reason, "resource_mismatch");
	assert_true(d.needs_access_log);

	fixture_init(&f, &s, SIT_OWN, POLICY_PERSON_READ);
	f.res.kind = POLICY_RES_CASE; /* a person route must say person */
	policy_decide(&f.who, POLICY_PERSON_READ, &f.res, NOW, &d);
	assert_string_equal(d.reason, "resource_mismatch");

	fixture_init(&f, &s, SIT_OWN, POLICY_CASE_READ);
	f.res.owner_org_id = NULL;
	policy_decide(&f.who, POLICY_CASE_READ, &f.res, NOW, &d);
	assert_string_equal(d.reason, "resource_mismatch");

	fixture_init(&f, &s, SIT_OWN, POLICY_CASE_READ);
	f.res.case_id = "";
	policy_decide(&f.who, POLICY_CASE_READ, &f.res, NOW, &d);
	assert_string_equal(d.reason, "resource_mismatch");

	fixture_init(&f, &s, SIT_OWN, POLICY_CASE_READ);
	f.res.team_org_ids = NULL; /* n_team still 1 */
	policy_decide(&f.who, POLICY_CASE_READ, &f.res, NOW, &d);
	assert_string_equal(d.reason, "resource_mismatch");
}

static void
test_deny_by_default(void **state)
{
	struct subject_row s = { "coord", 0, CT_BIT(USER_ROLE_COORDINATOR) };
	struct policy_decision d;
	struct fixture f;

	(void)state;
	fixture_init(&f, &s, SIT_OWN, POLICY_CASE_READ);
	policy_decide(&f.who, POLICY_ACTION__COUNT, &f.res, NOW, &d);
	assert_false(d.allowed);
	assert_string_equal(d.reason, "unknown_action");
	policy_decide(&f.who, (enum policy_action)-1, &f.res, NOW, &d);
	assert_false(d.allowed);
	/* logged in without an organisation: refused */
	f.who.org_id = NULL;
	f.res.kind = POLICY_RES_NONE;
	policy_decide(&f.who, POLICY_ME_READ, &f.res, NOW, &d);
	assert_false(d.allowed);
	assert_string_equal(d.reason, "bad_subject");
}

/* A bearer token may not manage tokens, whatever its holder may do. */
static void
test_token_manage_not_by_token(void **state)
{
	struct subject_row s = { "coord", 0, CT_BIT(USER_ROLE_COORDINATOR) };
	struct policy_decision d;
	struct fixture f;

	(void)state;
	fixture_init(&f, &s, SIT_OWN, POLICY_TOKEN_MANAGE);
	policy_decide(&f.who, POLICY_TOKEN_MANAGE, &f.res, NOW, &d);
	assert_true(d.allowed);
	f.who.via_token = 1;
	policy_decide(&f.who, POLICY_TOKEN_MANAGE, &f.res, NOW, &d);
	assert_false(d.allowed);
	assert_int_equal(d.denial, POLICY_DENY_FORBIDDEN);
	assert_string_equal(d.reason, "token_not_allowed");
	/* the same token may still do what its scopes name */
	fixture_init(&f, &s, SIT_OWN, POLICY_CASE_READ);
	f.who.via_token = 1;
	policy_decide(&f.who, POLICY_CASE_READ, &f.res, NOW, &d);
	assert_true(d.allowed);
}

/* Reviews: who decides, and the reason codes. */
static void
test_break_glass_review(void **state)
{
	const uint32_t coord = CT_BIT(USER_ROLE_COORDINATOR);
	struct policy_decision d;
	struct fixture f;
	struct subject_row s = { "coord", 0, coord };

	(void)state;
	decide(coord, SIT_OWN, POLICY_BREAK_GLASS_REVIEW, &d);
	assert_string_equal(d.reason, "case_owner");
	assert_true(d.needs_access_log);
	decide(coord, SIT_TEAM, POLICY_BREAK_GLASS_REVIEW, &d);
	assert_string_equal(d.reason, "other_organisation");
	assert_int_equal(policy_decision_err(&d), CT_ERR_NOTFOUND);
	decide(CT_BIT(USER_ROLE_PRIVACY_OFFICER), SIT_OUTSIDE,
	       POLICY_BREAK_GLASS_REVIEW, &d);
	assert_string_equal(d.reason, "role_granted");
	decide(CT_BIT(USER_ROLE_POLICE_OFFICER), SIT_OWN,
	       POLICY_BREAK_GLASS_REVIEW, &d);
	assert_string_equal(d.reason, "role_missing");
	/* without a known owner nobody but the privacy officer */
	fixture_init(&f, &s, SIT_OWN, POLICY_BREAK_GLASS_REVIEW);
	f.res.target_org_id = NULL;
	policy_decide(&f.who, POLICY_BREAK_GLASS_REVIEW, &f.res, NOW, &d);
	assert_false(d.allowed);
}

static void
test_totp_enrol(void **state)
{
	struct subject_row s = { "coord", 0, CT_BIT(USER_ROLE_COORDINATOR) };
	struct policy_decision d;
	struct fixture f;

	(void)state;
	/* first enrolment: no factor yet, so none to give */
	fixture_init(&f, &s, SIT_NO_TOTP, POLICY_TOTP_ENROL);
	f.who.totp_enrolled = 0;
	policy_decide(&f.who, POLICY_TOTP_ENROL, &f.res, NOW, &d);
	assert_true(d.allowed);
	/* but still no case content without the factor */
	fixture_init(&f, &s, SIT_NO_TOTP, POLICY_CASE_READ);
	f.who.totp_enrolled = 0;
	policy_decide(&f.who, POLICY_CASE_READ, &f.res, NOW, &d);
	assert_int_equal(d.denial, POLICY_DENY_SECOND_FACTOR);
	/* anonymous may not enrol at all */
	memset(&f.who, 0, sizeof(f.who));
	f.res.kind = POLICY_RES_NONE;
	policy_decide(&f.who, POLICY_TOTP_ENROL, &f.res, NOW, &d);
	assert_int_equal(d.denial, POLICY_DENY_UNAUTHENTICATED);
}

/* The finer rules inside allowed actions (policy.h, end). */
static void
test_finer_rules(void **state)
{
	struct policy_subject who;
	const char *me = "11111111-1111-4111-8111-111111111111";
	const char *other = "22222222-2222-4222-8222-222222222222";

	(void)state;
	memset(&who, 0, sizeof(who));
	who.roles = CT_BIT(USER_ROLE_ADMIN);
	assert_false(policy_users_all_orgs(&who)); /* not logged in */
	who.user_id = me;
	who.org_id = other;
	assert_true(policy_users_all_orgs(&who));
	who.roles = CT_BIT(USER_ROLE_PRIVACY_OFFICER);
	assert_true(policy_users_all_orgs(&who));
	who.roles = CT_BIT(USER_ROLE_COORDINATOR) | CT_BIT(USER_ROLE_HOVJ);
	assert_false(policy_users_all_orgs(&who));

	/* override: the assessor, or a coordinator; nobody else */
	who.roles = CT_BIT(USER_ROLE_HOVJ);
	assert_true(policy_assessment_may_override(&who, me));
	assert_false(policy_assessment_may_override(&who, other));
	assert_false(policy_assessment_may_override(&who, NULL));
	who.roles = CT_BIT(USER_ROLE_COORDINATOR);
	assert_true(policy_assessment_may_override(&who, other));
	who.user_id = NULL;
	assert_false(policy_assessment_may_override(&who, NULL));
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_matrix_covers_every_action),
		cmocka_unit_test(test_authorization_matrix),
		cmocka_unit_test(test_action_names),
		cmocka_unit_test(test_reasons),
		cmocka_unit_test(test_finer_rules),
		cmocka_unit_test(test_denials_are_logged),
		cmocka_unit_test(test_case_create_owner),
		cmocka_unit_test(test_grant_expiry_boundary),
		cmocka_unit_test(test_team_membership),
		cmocka_unit_test(test_resource_mismatch),
		cmocka_unit_test(test_deny_by_default),
		cmocka_unit_test(test_totp_enrol),
		cmocka_unit_test(test_token_manage_not_by_token),
		cmocka_unit_test(test_break_glass_review),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
