/*
 * policy.h - the one access decision (ARCHITECTURE.md "Security model",
 * issue 3 "Case teams and the policy").
 *
 * policy_decide(subject, action, resource, now) -> allow or deny, why, and
 * what the router must do besides (write an access-log record, flag a
 * break-the-glass access). It is a pure function: no I/O, no allocation,
 * no clock (the caller passes now). Deny by default: an action, resource
 * kind or subject the rules do not cover is refused.
 *
 * Contract for the caller (the router):
 *  - Every route declares an action by its stable name; router start-up
 *    resolves it with policy_action_from_name() and refuses an unknown one.
 *  - The router loads the resource before deciding (case id, owning
 *    organisation, case team) and answers 404 itself when it does not
 *    exist. A denial with denial == POLICY_DENY_NOT_FOUND must be answered
 *    with exactly that same 404: the subject may not learn that the case
 *    exists (policy_decision_err() gives CT_ERR_NOTFOUND for it).
 *  - When needs_access_log is set, a durable access-log record (allowed or
 *    denied, with reason) is written before any data is sent.
 *  - When is_break_glass is set the access happened under an emergency
 *    grant: the owning organisation is alerted and the access listed for
 *    review. The grant itself (reason, expiry) comes from the store.
 *  - For case.create, owner_org_id names the organisation that must own
 *    the new case: the subject's own.
 *
 * Strings in subject and resource are borrowed for the call; ids compare
 * as exact strings (the store hands out lowercase UUIDs).
 */
#ifndef CT_CORE_POLICY_H
#define CT_CORE_POLICY_H

#include <stddef.h>
#include <stdint.h>

#include "core/model.h"
#include "core/vocab.h"
#include "util/err.h"

/*
 * Actions. Stable names (what routes declare and the access log stores)
 * are listed in policy.c next to each rule; never reuse a name.
 */
enum policy_action {
	POLICY_HEALTH_READ,	 /* "health.read" */
	POLICY_SESSION_CREATE,	 /* "session.create": log in */
	POLICY_SESSION_READ,	 /* "session.read" */
	POLICY_SESSION_DELETE,	 /* "session.delete": log out */
	POLICY_SESSION_TOTP,	 /* "session.totp": give the second factor */
	POLICY_TOTP_ENROL,	 /* "totp.enrol" */
	POLICY_PASSWORD_CHANGE,	 /* "password.change" */
	POLICY_ME_READ,		 /* "me.read" */
	POLICY_ORG_READ,	 /* "org.read" */
	POLICY_ORG_MANAGE,	 /* "org.manage" */
	POLICY_USER_READ,	 /* "user.read" */
	POLICY_USER_MANAGE,	 /* "user.manage" */
	POLICY_CASE_LIST,	 /* "case.list": the team's cases */
	POLICY_CASE_CREATE,	 /* "case.create" */
	POLICY_CASE_READ,	 /* "case.read" */
	POLICY_CASE_UPDATE,	 /* "case.update" */
	POLICY_PERSON_READ,	 /* "person.read" */
	POLICY_PERSON_ADD,	 /* "person.add" */
	POLICY_PERSON_UPDATE,	 /* "person.update" */
	POLICY_RELATION_READ,	 /* "relation.read" */
	POLICY_RELATION_ADD,	 /* "relation.add" */
	POLICY_INCIDENT_READ,	 /* "incident.read" */
	POLICY_INCIDENT_ADD,	 /* "incident.add" */
	POLICY_INCIDENT_UPDATE,	 /* "incident.update" */
	POLICY_TEAM_READ,	 /* "team.read" */
	POLICY_TEAM_ADD,	 /* "team.add" */
	POLICY_TEAM_REMOVE,	 /* "team.remove" */
	POLICY_JOURNAL_READ,	 /* "journal.read": the case timeline */
	POLICY_ACCESS_LOG_QUERY, /* "access_log.query" */
	POLICY_BREAK_GLASS_OPEN, /* "break_glass.open" */
	POLICY_BREAK_GLASS_LIST, /* "break_glass.list": review */
	POLICY_STATS_READ,	 /* "stats.read": aggregate figures */
	POLICY_OPENAPI_READ,	 /* "openapi.read": the API description */
	POLICY_TOKEN_MANAGE,	 /* "token.manage": own bearer tokens */
	POLICY_BREAK_GLASS_REVIEW, /* "break_glass.review": review a grant */
	/* risk: risk assessment instruments and assessments (issue 4) */
	POLICY_INSTRUMENT_READ,	    /* "instrument.read" */
	POLICY_ASSESSMENT_READ,	    /* "assessment.read" */
	POLICY_ASSESSMENT_ADD,	    /* "assessment.add" */
	POLICY_ASSESSMENT_OVERRIDE, /* "assessment.override" */
	/* worklist: deadlines as tasks, the work list, notifications */
	POLICY_WORKLIST_READ,	  /* "worklist.read": own organisation's */
	POLICY_TASK_COMPLETE,	  /* "task.complete": a task of a case */
	POLICY_NOTIFICATION_READ, /* "notification.read": own org's list */
	POLICY_NOTIFICATION_MARK, /* "notification.mark": mark one read */
	/* orders: the restraining order (issue 4). Access to a case's orders
	 * is decided here (the case team); who may take which legal step
	 * (decide, extend, withdraw, advise) is a rule of law with its source
	 * in core/order.c and core/rules.h, so each question has one place. */
	POLICY_ORDER_READ,   /* "order.read": orders, steps, deadlines */
	POLICY_ORDER_CREATE, /* "order.create": open a screening */
	POLICY_ORDER_STEP,   /* "order.step": record a step of an order */
	/* documents: the order's decision, extension and letter (issue 4
	 * "Documents"), downloaded as PDF or HTML. They name the persons:
	 * case content, access-logged like a case read. */
	POLICY_DOCUMENT_READ, /* "document.read" */
	/* web pages (issue 5): the embedded stylesheet and script, public
	 * (the sign-in page needs them before there is a session). */
	POLICY_STATIC_READ, /* "static.read" */
	POLICY_ACTION__COUNT
};

/* The action named name, or -1 when there is none (refuse at start-up). */
int policy_action_from_name(const char *name);
/* Stable name of action; NULL when out of range. */
const char *policy_action_name(enum policy_action action);

/* What an action acts on. */
enum policy_resource_kind {
	POLICY_RES_NONE,       /* nothing particular: a session, a list */
	POLICY_RES_ORG,	       /* target_org_id: the organisation */
	POLICY_RES_USER,       /* target_org_id: the user's organisation */
	POLICY_RES_CASE,       /* case fields below */
	POLICY_RES_PERSON,     /* case fields: the person's case */
	POLICY_RES_RELATION,   /* case fields */
	POLICY_RES_INCIDENT,   /* case fields */
	POLICY_RES_TEAM,       /* case fields: the case's team */
	POLICY_RES_JOURNAL,    /* case fields */
	POLICY_RES_ACCESS_LOG, /* the access log (and break-glass list) */
	POLICY_RES_BREAK_GLASS, /* target_org_id: owner of the grant's case */
	POLICY_RES__COUNT
};

/*
 * The resource kind the router must pass with action (a different kind is
 * refused as "resource_mismatch"); POLICY_RES__COUNT when out of range.
 */
enum policy_resource_kind policy_action_resource(enum policy_action action);

/* 1 when action touches personal data of a case (access-logged). */
int policy_action_personal(enum policy_action action);

/* An emergency grant to open one case outside the team until expires_at. */
struct policy_grant {
	const char *case_id;
	int64_t expires_at; /* UTC seconds; expired when now >= expires_at */
};

#define POLICY_GRANTS_MAX 16 /* more active grants than this: a store bug */

struct policy_subject {
	const char *user_id; /* NULL: not logged in (anonymous) */
	const char *org_id;  /* required when user_id is set */
	enum org_type org_type;
	uint32_t roles;	   /* bits 1 << enum user_role */
	int totp_enrolled; /* the user has a second factor set up */
	int totp_verified; /* ... and gave a good code in this session */
	const struct policy_grant *grants; /* this user's grants */
	size_t n_grants;
	/* The request came with a bearer token, not a login session. */
	int via_token;
};

struct policy_resource {
	enum policy_resource_kind kind;
	/* case-bound kinds */
	const char *case_id;
	const char *owner_org_id;	 /* owning organisation */
	const char *const *team_org_ids; /* other members; owner may repeat */
	size_t n_team;
	/* POLICY_RES_ORG, POLICY_RES_USER */
	const char *target_org_id;
};

/* How a denial is to be answered (the router maps it to HTTP). */
enum policy_denial {
	POLICY_DENY_NONE = 0,	     /* allowed */
	POLICY_DENY_UNAUTHENTICATED, /* 401: log in first */
	POLICY_DENY_SECOND_FACTOR,   /* 401/403: give the TOTP code first */
	POLICY_DENY_FORBIDDEN,	     /* 403 */
	POLICY_DENY_NOT_FOUND,	     /* 404, exactly as for a missing case */
};

struct policy_decision {
	int allowed;
	enum policy_denial denial;
	/*
	 * Stable code, never NULL. Allowed: "public", "authenticated",
	 * "role_granted", "same_organisation", "case_team",
	 * "break_glass_active", "break_glass_granted". Denied:
	 * "not_authenticated", "totp_required", "role_missing",
	 * "admin_no_case_content", "privacy_officer_no_case_content",
	 * "analyst_no_personal_data", "not_in_case_team", "not_case_owner",
	 * "break_glass_read_only", "break_glass_not_needed",
	 * "other_organisation", "token_not_allowed", "resource_mismatch",
	 * "unknown_action", "bad_subject". "case_owner" (allowed) is given
	 * to the owning organisation for team changes and grant reviews.
	 */
	const char *reason;
	int needs_access_log;	  /* personal data: log it, allowed or not */
	int is_break_glass;	  /* allowed only through an emergency grant */
	const char *owner_org_id; /* case.create: owner of the new case */
};

/* Decide; out is always fully set. who, res and out must not be NULL. */
void policy_decide(const struct policy_subject *who, enum policy_action action,
		   const struct policy_resource *res, int64_t now,
		   struct policy_decision *out);

/* CT_OK, CT_ERR_NOTFOUND (answer as absent) or CT_ERR_DENIED. */
enum ct_err policy_decision_err(const struct policy_decision *d);

/*
 * Finer rules inside an allowed action, kept here so that one file decides
 * every question of access:
 *  - policy_users_all_orgs: user.read lists the users of every
 *    organisation for administrators and privacy officers, else only the
 *    subject's own organisation's.
 *  - policy_assessment_may_override: an allowed assessment.override may
 *    still only be made by the one who filled the assessment in, or by a
 *    coordinator (the case director weighs the risk; PRODUCT.md).
 */
int policy_users_all_orgs(const struct policy_subject *who);
int policy_assessment_may_override(const struct policy_subject *who,
				   const char *assessor_user_id);

#endif
