/*
 * policy.c - the access decision as a table of actions and a few rules.
 *
 * Each action has one row: its stable name, the resource kind it acts on,
 * the rule that decides it, and two flags: PERSONAL (personal data of a
 * case: every decision is access-logged, ARCHITECTURE.md "Data") and
 * TOTP (a verified second factor is required).
 *
 * A decision walks fixed steps and stops at the first refusal:
 *   1. the action is known and the resource is of the declared kind;
 *   2. public actions are allowed; anyone else must be logged in;
 *   3. the subject's roles fit the rule;
 *   4. the second factor, when the row asks for it;
 *   5. the resource: case team, case owner, break-the-glass grant, or
 *      organisation.
 * Steps 1-4 depend only on the subject and the action, never on the
 * case, so only step 5 can tell anything about a case, and there a
 * subject outside the team learns "not found", as for a missing case.
 */
#include "core/policy.h"

#include <string.h>

#include "util/compat.h"
#include "util/banned.h"

enum policy_rule {
	RULE_PUBLIC,	  /* anyone, logged in or not */
	RULE_SIGNED_IN,	  /* any logged-in user */
	RULE_TOTP_ENROL,  /* logged in; re-enrolling needs the old factor */
	RULE_ADMIN,	  /* administrators */
	RULE_USER_READ,	  /* admin, privacy officer; others their own org */
	RULE_PRIVACY,	  /* the privacy officer (data protection) */
	RULE_STATS,	  /* analysts and case-access roles: aggregates */
	RULE_CASE_NEW,	  /* case-access role, no particular case */
	RULE_CASE_READ,	  /* case team, or an active emergency grant */
	RULE_CASE_WRITE,  /* case team only */
	RULE_CASE_OWNER,  /* members of the owning organisation only */
	RULE_BREAK_GLASS, /* case-access role, case outside the team */
	RULE_ASSESS,	  /* risk: case team, roles that assess */
	RULE_TOKEN,	  /* logged in with a session, not a token */
	RULE_BG_REVIEW,	  /* privacy officer; owner's coordinator */
};

enum policy_flags {
	F_PERSONAL = 1 << 0,
	F_TOTP = 1 << 1,
};

struct policy_row {
	const char *name;
	enum policy_resource_kind kind;
	enum policy_rule rule;
	unsigned flags;
};

#define CASE_CONTENT (F_PERSONAL | F_TOTP)

/*
 * The table. Sources: ARCHITECTURE.md "Security model" (case team,
 * break the glass, TOTP for case-access roles, analysts see aggregates
 * only) and issue 3 "Case teams and the policy" (404 outside the team,
 * administrators manage users and organisations but do not read case
 * content, the data protection officer queries the access log).
 */
static const struct policy_row policy_rows[POLICY_ACTION__COUNT] = {
	[POLICY_HEALTH_READ] = {"health.read", POLICY_RES_NONE, RULE_PUBLIC, 0},
	[POLICY_SESSION_CREATE] = {"session.create", POLICY_RES_NONE,
				   RULE_PUBLIC, 0},
	[POLICY_SESSION_READ] = {"session.read", POLICY_RES_NONE,
				 RULE_SIGNED_IN, 0},
	[POLICY_SESSION_DELETE] = {"session.delete", POLICY_RES_NONE,
				   RULE_SIGNED_IN, 0},
	[POLICY_SESSION_TOTP] = {"session.totp", POLICY_RES_NONE,
				 RULE_SIGNED_IN, 0},
	[POLICY_TOTP_ENROL] = {"totp.enrol", POLICY_RES_NONE, RULE_TOTP_ENROL,
			       0},
	[POLICY_PASSWORD_CHANGE] = {"password.change", POLICY_RES_NONE,
				    RULE_SIGNED_IN, 0},
	[POLICY_ME_READ] = {"me.read", POLICY_RES_NONE, RULE_SIGNED_IN, 0},
	/* Organisation names are no personal data; teams are built from
	 * this list. */
	[POLICY_ORG_READ] = {"org.read", POLICY_RES_ORG, RULE_SIGNED_IN, 0},
	/* Making accounts decides who sees cases: second factor too. */
	[POLICY_ORG_MANAGE] = {"org.manage", POLICY_RES_ORG, RULE_ADMIN,
			       F_TOTP},
	[POLICY_USER_READ] = {"user.read", POLICY_RES_USER, RULE_USER_READ, 0},
	[POLICY_USER_MANAGE] = {"user.manage", POLICY_RES_USER, RULE_ADMIN,
				F_TOTP},
	[POLICY_CASE_LIST] = {"case.list", POLICY_RES_NONE, RULE_CASE_NEW,
			      CASE_CONTENT},
	[POLICY_CASE_CREATE] = {"case.create", POLICY_RES_NONE, RULE_CASE_NEW,
				CASE_CONTENT},
	[POLICY_CASE_READ] = {"case.read", POLICY_RES_CASE, RULE_CASE_READ,
			      CASE_CONTENT},
	[POLICY_CASE_UPDATE] = {"case.update", POLICY_RES_CASE, RULE_CASE_WRITE,
				CASE_CONTENT},
	[POLICY_PERSON_READ] = {"person.read", POLICY_RES_PERSON,
				RULE_CASE_READ, CASE_CONTENT},
	[POLICY_PERSON_ADD] = {"person.add", POLICY_RES_PERSON, RULE_CASE_WRITE,
			       CASE_CONTENT},
	[POLICY_PERSON_UPDATE] = {"person.update", POLICY_RES_PERSON,
				  RULE_CASE_WRITE, CASE_CONTENT},
	[POLICY_RELATION_READ] = {"relation.read", POLICY_RES_RELATION,
				  RULE_CASE_READ, CASE_CONTENT},
	[POLICY_RELATION_ADD] = {"relation.add", POLICY_RES_RELATION,
				 RULE_CASE_WRITE, CASE_CONTENT},
	[POLICY_INCIDENT_READ] = {"incident.read", POLICY_RES_INCIDENT,
				  RULE_CASE_READ, CASE_CONTENT},
	[POLICY_INCIDENT_ADD] = {"incident.add", POLICY_RES_INCIDENT,
				 RULE_CASE_WRITE, CASE_CONTENT},
	[POLICY_INCIDENT_UPDATE] = {"incident.update", POLICY_RES_INCIDENT,
				    RULE_CASE_WRITE, CASE_CONTENT},
	[POLICY_TEAM_READ] = {"team.read", POLICY_RES_TEAM, RULE_CASE_READ,
			      CASE_CONTENT},
	[POLICY_TEAM_ADD] = {"team.add", POLICY_RES_TEAM, RULE_CASE_OWNER,
			     CASE_CONTENT},
	[POLICY_TEAM_REMOVE] = {"team.remove", POLICY_RES_TEAM, RULE_CASE_OWNER,
				CASE_CONTENT},
	[POLICY_JOURNAL_READ] = {"journal.read", POLICY_RES_JOURNAL,
				 RULE_CASE_READ, CASE_CONTENT},
	/* The log says who looked at which person: personal data too. */
	[POLICY_ACCESS_LOG_QUERY] = {"access_log.query", POLICY_RES_ACCESS_LOG,
				     RULE_PRIVACY, F_PERSONAL | F_TOTP},
	[POLICY_BREAK_GLASS_OPEN] = {"break_glass.open", POLICY_RES_CASE,
				     RULE_BREAK_GLASS, CASE_CONTENT},
	[POLICY_BREAK_GLASS_LIST] = {"break_glass.list", POLICY_RES_ACCESS_LOG,
				     RULE_PRIVACY, F_PERSONAL | F_TOTP},
	/* Pseudonymised aggregates with small counts suppressed. */
	[POLICY_STATS_READ] = {"stats.read", POLICY_RES_NONE, RULE_STATS, 0},
	/* The OpenAPI document describes routes, never data: public. */
	[POLICY_OPENAPI_READ] = {"openapi.read", POLICY_RES_NONE, RULE_PUBLIC,
				 0},
	/* A token is a credential that skips the second factor: only a
	 * session that gave it may make, list or revoke one, and a token
	 * never makes another (issue 3 "bearer tokens ... scoped"). */
	[POLICY_TOKEN_MANAGE] = {"token.manage", POLICY_RES_NONE, RULE_TOKEN,
				 F_TOTP},
	/* ARCHITECTURE.md: emergency access "alerts the case owner and is
	 * always reviewed" - by the owner's coordinator or the privacy
	 * officer. The grant names who opened which case. */
	[POLICY_BREAK_GLASS_REVIEW] = {"break_glass.review",
				       POLICY_RES_BREAK_GLASS, RULE_BG_REVIEW,
				       F_PERSONAL | F_TOTP},
	/* risk (issue 4): instruments are forms, not case data; any
	 * case-access role may read them. Assessments are case content. */
	[POLICY_INSTRUMENT_READ] = {"instrument.read", POLICY_RES_NONE,
				    RULE_CASE_NEW, 0},
	[POLICY_ASSESSMENT_READ] = {"assessment.read", POLICY_RES_CASE,
				    RULE_CASE_READ, CASE_CONTENT},
	[POLICY_ASSESSMENT_ADD] = {"assessment.add", POLICY_RES_CASE,
				   RULE_ASSESS, CASE_CONTENT},
	/* The handler narrows it further: the one who filled it in, or a
	 * coordinator (instrument.h, api_assessments.c). */
	[POLICY_ASSESSMENT_OVERRIDE] = {"assessment.override", POLICY_RES_CASE,
					RULE_ASSESS, CASE_CONTENT},
	/* worklist (issue 4 "Deadlines and the work list"): the work list
	 * and notifications show case references, task titles and
	 * deadlines of the user's own organisation, no personal data; the
	 * second factor as for every case-access role. Completing a task
	 * changes the case (journaled): case team only. */
	[POLICY_WORKLIST_READ] = {"worklist.read", POLICY_RES_NONE,
				  RULE_CASE_NEW, F_TOTP},
	[POLICY_TASK_COMPLETE] = {"task.complete", POLICY_RES_CASE,
				  RULE_CASE_WRITE, CASE_CONTENT},
	[POLICY_NOTIFICATION_READ] = {"notification.read", POLICY_RES_NONE,
				      RULE_CASE_NEW, F_TOTP},
	[POLICY_NOTIFICATION_MARK] = {"notification.mark", POLICY_RES_NONE,
				      RULE_CASE_NEW, F_TOTP},
	/* orders (issue 4): an order is case content of the case team.
	 * The team may open a screening (acute by the police, planned via
	 * the weighing team: seed 001 hfst. 1-2) and record steps; whether
	 * this user may take THIS step (the decision by the mayor or the
	 * HOvJ under mandate, the extension by the mayor, the BE family
	 * court's ruling recorded by the prosecutor, the coordinator's
	 * advice) is checked by core/order.c against the jurisdiction's
	 * rules, which names the rule and its source when it refuses. */
	[POLICY_ORDER_READ] = {"order.read", POLICY_RES_CASE, RULE_CASE_READ,
			       CASE_CONTENT},
	[POLICY_ORDER_CREATE] = {"order.create", POLICY_RES_CASE,
				 RULE_CASE_WRITE, CASE_CONTENT},
	[POLICY_ORDER_STEP] = {"order.step", POLICY_RES_CASE, RULE_CASE_WRITE,
			       CASE_CONTENT},
	/* documents (issue 4): a generated decision or letter states the
	 * names, birth date, address and facts of the order: case content
	 * of the team (break the glass reads it too), access-logged. */
	[POLICY_DOCUMENT_READ] = {"document.read", POLICY_RES_CASE,
				  RULE_CASE_READ, CASE_CONTENT},
	/* web pages (issue 5): the embedded CSS and JS hold no data. */
	[POLICY_STATIC_READ] = {"static.read", POLICY_RES_NONE, RULE_PUBLIC, 0},
};

/* The roles that open and work on cases (PRODUCT.md users table). */
#define CASE_ACCESS_ROLES                                                      \
	(CT_BIT(USER_ROLE_POLICE_OFFICER) | CT_BIT(USER_ROLE_HOVJ) |           \
	 CT_BIT(USER_ROLE_MAYOR) | CT_BIT(USER_ROLE_LEGAL_OFFICER) |           \
	 CT_BIT(USER_ROLE_PROSECUTOR) | CT_BIT(USER_ROLE_COORDINATOR) |        \
	 CT_BIT(USER_ROLE_PARTNER_WORKER) | CT_BIT(USER_ROLE_TRIAGE_MEMBER))

/*
 * risk: who fills in a risk assessment. Seed 001 ch. 3 "Invullen van het
 * RiHG": the HOvJ, helped by police and (crisis) care; seed 002: the
 * professionals who refer to a Veilig Huis assess first (police, parket,
 * care partners), and the case coordinator. Not the mayor or the legal
 * officer (they weigh the outcome) nor the triage member as such. An
 * instrument may narrow this further (assessor_roles: the RiHG is the
 * HOvJ's).
 */
#define ASSESSOR_ROLES                                                         \
	(CT_BIT(USER_ROLE_POLICE_OFFICER) | CT_BIT(USER_ROLE_HOVJ) |           \
	 CT_BIT(USER_ROLE_PROSECUTOR) | CT_BIT(USER_ROLE_COORDINATOR) |        \
	 CT_BIT(USER_ROLE_PARTNER_WORKER))

int
policy_action_from_name(const char *name)
{
	size_t i;

	if (!name)
		return -1;
	for (i = 0; i < POLICY_ACTION__COUNT; i++) {
		if (policy_rows[i].name &&
		    strcmp(policy_rows[i].name, name) == 0)
			return (int)i;
	}
	return -1;
}

static const struct policy_row *
policy_row(enum policy_action action)
{
	if ((unsigned)action >= POLICY_ACTION__COUNT ||
	    !policy_rows[action].name)
		return NULL;
	return &policy_rows[action];
}

const char *
policy_action_name(enum policy_action action)
{
	const struct policy_row *row = policy_row(action);

	return row ? row->name : NULL;
}

enum policy_resource_kind
policy_action_resource(enum policy_action action)
{
	const struct policy_row *row = policy_row(action);

	return row ? row->kind : POLICY_RES__COUNT;
}

int
policy_action_personal(enum policy_action action)
{
	const struct policy_row *row = policy_row(action);

	return row && (row->flags & F_PERSONAL);
}

static void
allow(struct policy_decision *out, const char *reason)
{
	out->allowed = 1;
	out->denial = POLICY_DENY_NONE;
	out->reason = reason;
}

static void
deny(struct policy_decision *out, enum policy_denial how, const char *reason)
{
	out->allowed = 0;
	out->denial = how;
	out->reason = reason;
	out->is_break_glass = 0;
	out->owner_org_id = NULL;
}

static int
same_id(const char *a, const char *b)
{
	return a && b && *a && strcmp(a, b) == 0;
}

static int
case_bound(enum policy_resource_kind kind)
{
	return kind == POLICY_RES_CASE || kind == POLICY_RES_PERSON ||
	       kind == POLICY_RES_RELATION || kind == POLICY_RES_INCIDENT ||
	       kind == POLICY_RES_TEAM || kind == POLICY_RES_JOURNAL;
}

/* ARCHITECTURE.md: "A case is visible only to organisations on its case
 * team." The owner is always on it, listed or not. */
static int
in_case_team(const struct policy_subject *who,
	     const struct policy_resource *res)
{
	size_t i;

	if (same_id(who->org_id, res->owner_org_id))
		return 1;
	for (i = 0; i < res->n_team; i++) {
		if (same_id(who->org_id, res->team_org_ids[i]))
			return 1;
	}
	return 0;
}

/* Issue 3: outside the team only "by giving a reason", and the access is
 * "time-limited": a grant for this very case that has not expired. */
static int
has_active_grant(const struct policy_subject *who, const char *case_id,
		 int64_t now)
{
	size_t i;

	if (who->n_grants > POLICY_GRANTS_MAX)
		CT_BUG("more break-the-glass grants than POLICY_GRANTS_MAX");
	for (i = 0; i < who->n_grants; i++) {
		if (same_id(who->grants[i].case_id, case_id) &&
		    now < who->grants[i].expires_at)
			return 1;
	}
	return 0;
}

/*
 * Case content needs a case-access role. Holding administrator, privacy
 * officer or analyst excludes it even next to such a role: issue 3 says
 * administrators "do not read case content", ARCHITECTURE.md that
 * analysts see aggregates only; we read that as separation of duties, so
 * one account cannot be both the gate-keeper and a reader.
 */
static const char *
case_role_refusal(uint32_t roles)
{
	if (ct_has(roles, USER_ROLE_ADMIN))
		return "admin_no_case_content";
	if (ct_has(roles, USER_ROLE_PRIVACY_OFFICER))
		return "privacy_officer_no_case_content";
	if (ct_has(roles, USER_ROLE_ANALYST))
		return "analyst_no_personal_data";
	if (!(roles & CASE_ACCESS_ROLES))
		return "role_missing";
	return NULL;
}

/* Step 3: the subject's roles against the rule; NULL when they fit. */
static const char *
role_refusal(enum policy_rule rule, uint32_t roles)
{
	switch (rule) {
	case RULE_PUBLIC:
	case RULE_SIGNED_IN:
	case RULE_TOTP_ENROL:
	case RULE_TOKEN:
	case RULE_USER_READ: /* narrowed by organisation in step 5 */
		return NULL;
	case RULE_BG_REVIEW:
		/* The coordinator is narrowed to the owner in step 5. */
		return (ct_has(roles, USER_ROLE_PRIVACY_OFFICER) ||
			ct_has(roles, USER_ROLE_COORDINATOR))
			       ? NULL
			       : "role_missing";
	case RULE_ADMIN:
		return ct_has(roles, USER_ROLE_ADMIN) ? NULL : "role_missing";
	case RULE_PRIVACY:
		/* Issue 3: "A data protection officer role can query the
		 * log". */
		return ct_has(roles, USER_ROLE_PRIVACY_OFFICER)
			       ? NULL
			       : "role_missing";
	case RULE_STATS:
		/* ARCHITECTURE.md: analysts see pseudonymised aggregates;
		 * case workers may see the figures of their work. */
		return (ct_has(roles, USER_ROLE_ANALYST) ||
			(roles & CASE_ACCESS_ROLES))
			       ? NULL
			       : "role_missing";
	case RULE_CASE_NEW:
	case RULE_CASE_READ:
	case RULE_CASE_WRITE:
	case RULE_CASE_OWNER:
	case RULE_BREAK_GLASS:
		return case_role_refusal(roles);
	case RULE_ASSESS:
		if (case_role_refusal(roles))
			return case_role_refusal(roles);
		return (roles & ASSESSOR_ROLES) ? NULL : "role_missing";
	}
	return "unknown_action"; /* deny by default */
}

/* Step 5 for rules on one case. */
static void
decide_case(const struct policy_subject *who, enum policy_rule rule,
	    const struct policy_resource *res, int64_t now,
	    struct policy_decision *out)
{
	int team = in_case_team(who, res);
	int grant = !team && has_active_grant(who, res->case_id, now);

	switch (rule) {
	case RULE_CASE_READ:
		if (team) {
			allow(out, "case_team");
			return;
		}
		if (grant) {
			/* Allowed, but flagged: owner alerted, reviewed. */
			allow(out, "break_glass_active");
			out->is_break_glass = 1;
			return;
		}
		break;
	case RULE_ASSESS:
	case RULE_CASE_WRITE:
		if (team) {
			allow(out, "case_team");
			return;
		}
		/* Emergency access is for reading what is there. */
		if (grant) {
			deny(out, POLICY_DENY_FORBIDDEN,
			     "break_glass_read_only");
			return;
		}
		break;
	case RULE_CASE_OWNER:
		/* Team membership is the owning organisation's call. */
		if (same_id(who->org_id, res->owner_org_id)) {
			allow(out, "case_owner");
			return;
		}
		if (team) {
			deny(out, POLICY_DENY_FORBIDDEN, "not_case_owner");
			return;
		}
		if (grant) {
			deny(out, POLICY_DENY_FORBIDDEN,
			     "break_glass_read_only");
			return;
		}
		break;
	case RULE_BREAK_GLASS:
		if (team) {
			deny(out, POLICY_DENY_FORBIDDEN,
			     "break_glass_not_needed");
			return;
		}
		/* The store records the reason and the expiry; opening is
		 * itself flagged for review. */
		allow(out, "break_glass_granted");
		out->is_break_glass = 1;
		return;
	default:
		CT_BUG("decide_case called for a rule without a case");
	}
	/* Issue 3: "A user outside the case team gets 404 for the case,
	 * exactly as for a case that does not exist." */
	deny(out, POLICY_DENY_NOT_FOUND, "not_in_case_team");
}

void
policy_decide(const struct policy_subject *who, enum policy_action action,
	      const struct policy_resource *res, int64_t now,
	      struct policy_decision *out)
{
	const struct policy_row *row = policy_row(action);
	const char *refusal;

	memset(out, 0, sizeof(*out));
	deny(out, POLICY_DENY_FORBIDDEN, "unknown_action");
	if (!row)
		return;
	/* Set before any refusal: denials on personal data are logged
	 * too (issue 3, "Denied attempts are logged too"). */
	out->needs_access_log = (row->flags & F_PERSONAL) != 0;

	/* Step 1: a router passing another kind has a wrong route row. */
	if (res->kind != row->kind ||
	    (case_bound(row->kind) &&
	     (!res->case_id || !*res->case_id || !res->owner_org_id ||
	      !*res->owner_org_id || (res->n_team && !res->team_org_ids)))) {
		deny(out, POLICY_DENY_FORBIDDEN, "resource_mismatch");
		return;
	}

	/* Step 2 */
	if (row->rule == RULE_PUBLIC) {
		allow(out, "public");
		return;
	}
	if (!who->user_id) {
		deny(out, POLICY_DENY_UNAUTHENTICATED, "not_authenticated");
		return;
	}
	if (!who->org_id || !*who->org_id) {
		deny(out, POLICY_DENY_FORBIDDEN, "bad_subject");
		return;
	}

	/* Step 3 */
	refusal = role_refusal(row->rule, who->roles);
	if (refusal) {
		deny(out, POLICY_DENY_FORBIDDEN, refusal);
		return;
	}

	/* Step 4: ARCHITECTURE.md "TOTP required for case-access roles". A
	 * user with a second factor may replace it only after giving it,
	 * or a stolen password would be enough to take the account. */
	if (((row->flags & F_TOTP) ||
	     (row->rule == RULE_TOTP_ENROL && who->totp_enrolled)) &&
	    !who->totp_verified) {
		deny(out, POLICY_DENY_SECOND_FACTOR, "totp_required");
		return;
	}

	/* Step 5 */
	switch (row->rule) {
	case RULE_SIGNED_IN:
	case RULE_TOTP_ENROL:
		allow(out, "authenticated");
		return;
	case RULE_TOKEN:
		if (who->via_token) {
			deny(out, POLICY_DENY_FORBIDDEN, "token_not_allowed");
			return;
		}
		allow(out, "authenticated");
		return;
	case RULE_BG_REVIEW:
		if (ct_has(who->roles, USER_ROLE_PRIVACY_OFFICER)) {
			allow(out, "role_granted");
			return;
		}
		if (same_id(who->org_id, res->target_org_id)) {
			allow(out, "case_owner");
			return;
		}
		/* A grant on another organisation's case looks absent, like
		 * the case itself. */
		deny(out, POLICY_DENY_NOT_FOUND, "other_organisation");
		return;
	case RULE_ADMIN:
	case RULE_PRIVACY:
	case RULE_STATS:
		allow(out, "role_granted");
		return;
	case RULE_USER_READ:
		if (ct_has(who->roles, USER_ROLE_ADMIN) ||
		    ct_has(who->roles, USER_ROLE_PRIVACY_OFFICER)) {
			allow(out, "role_granted");
			return;
		}
		if (same_id(who->org_id, res->target_org_id)) {
			allow(out, "same_organisation");
			return;
		}
		deny(out, POLICY_DENY_FORBIDDEN, "other_organisation");
		return;
	case RULE_CASE_NEW:
		allow(out, "role_granted");
		/* PRODUCT/issue 3: a case belongs to the organisation of the
		 * professional who opens it. */
		if (action == POLICY_CASE_CREATE)
			out->owner_org_id = who->org_id;
		return;
	case RULE_CASE_READ:
	case RULE_CASE_WRITE:
	case RULE_CASE_OWNER:
	case RULE_BREAK_GLASS:
	case RULE_ASSESS:
		decide_case(who, row->rule, res, now, out);
		return;
	case RULE_PUBLIC:
		break;
	}
	deny(out, POLICY_DENY_FORBIDDEN, "unknown_action");
}

enum ct_err
policy_decision_err(const struct policy_decision *d)
{
	if (d->allowed)
		return CT_OK;
	if (d->denial == POLICY_DENY_NOT_FOUND)
		return CT_ERR_NOTFOUND;
	return CT_ERR_DENIED;
}

int
policy_users_all_orgs(const struct policy_subject *who)
{
	return who->user_id && (ct_has(who->roles, USER_ROLE_ADMIN) ||
				ct_has(who->roles, USER_ROLE_PRIVACY_OFFICER));
}

int
policy_assessment_may_override(const struct policy_subject *who,
			       const char *assessor_user_id)
{
	if (!who->user_id)
		return 0;
	if (assessor_user_id && strcmp(assessor_user_id, who->user_id) == 0)
		return 1;
	return ct_has(who->roles, USER_ROLE_COORDINATOR);
}
