/*
 * routes.c - the one route table of the API (app.h app_routes[]), after
 * git's command table and redis's command metadata: every URL the server
 * answers, with its method, policy action, flags, declared parameters and
 * handler.
 *
 * Rows of the server's files come in through their macros
 * (API_HEALTH_ROUTE, API_SESSION_ROUTES, API_ME_ROUTES); the rows of the
 * case API are written out here with their parameter declarations, so
 * that this file alone says what a client may send. The router refuses
 * anything not declared here, the OpenAPI document (openapi.c) is
 * generated from this table, and a test checks the two both ways.
 *
 * Case-bound routes are nested under /api/v1/cases/{case_id}, so the
 * authorize hook finds the case in the path and a case outside the team
 * answers 404 before a handler runs. Every unsafe route of a session
 * carries HTTP_ROUTE_CSRF.
 */
#include "http/app.h"

#include <stdint.h>

#include "core/model.h"
#include "http/api_access_log.h"
#include "http/api_assessments.h"
#include "http/api_break_glass.h"
#include "http/api_cases.h"
#include "http/api_documents.h"
#include "http/api_common.h"
#include "http/api_health.h"
#include "http/api_incidents.h"
#include "http/api_journal.h"
#include "http/api_orders.h"
#include "http/api_me.h"
#include "http/api_orgs.h"
#include "http/api_persons.h"
#include "http/api_relations.h"
#include "http/api_session.h"
#include "http/api_team.h"
#include "http/api_users.h"
#include "http/api_worklist.h"
#include "http/openapi.h"
#include "http/page_account.h"
#include "http/page_case.h"
#include "http/page_order.h"
#include "http/pages.h"
#include "store/store_team.h"
#include "util/banned.h"

#define N(a) (sizeof(a) / sizeof((a)[0]))

#define SESSION_READ HTTP_ROUTE_SESSION
#define SESSION_WRITE (HTTP_ROUTE_SESSION | HTTP_ROUTE_CSRF)

/* Small bodies: a person or a case is far below this. */
#define API_BODY_MAX ((size_t)64 * 1024)

#define CODE_MAX 40 /* longest vocab code, with room */
#define VERSION_SPEC                                                           \
	HTTP_PARAM_INT_SPEC("version", HTTP_PARAM_F_REQUIRED, 1, INT64_MAX)
#define JSON_SPEC(n, fl)                                                       \
	{                                                                      \
		.name = (n), .type = HTTP_PARAM_JSON, .flags = (fl)            \
	}
#define BOOL_SPEC(n, fl)                                                       \
	{                                                                      \
		.name = (n), .type = HTTP_PARAM_BOOL, .flags = (fl)            \
	}
#define REQ HTTP_PARAM_F_REQUIRED
#define NUL HTTP_PARAM_F_NULLABLE

static const struct http_param_spec paging_query[] = {API_PAGING_QUERY};

static const struct http_param_spec org_create_body[] = {
	HTTP_PARAM_STRING_SPEC("name", REQ, CT_ORG_NAME_MAX),
	HTTP_PARAM_STRING_SPEC("type", REQ, CODE_MAX),
	HTTP_PARAM_STRING_SPEC("country", REQ, CODE_MAX),
	HTTP_PARAM_STRING_SPEC("email", 0, CT_EMAIL_MAX),
};

static const struct http_param_spec user_create_body[] = {
	HTTP_PARAM_UUID_SPEC("org_id", REQ),
	HTTP_PARAM_STRING_SPEC("username", REQ, CT_USERNAME_MAX),
	HTTP_PARAM_STRING_SPEC("display_name", REQ, CT_DISPLAY_NAME_MAX),
	HTTP_PARAM_STRING_SPEC("email", 0, CT_EMAIL_MAX),
	JSON_SPEC("roles", REQ),
};

static const struct http_param_spec user_update_body[] = {
	HTTP_PARAM_STRING_SPEC("display_name", 0, CT_DISPLAY_NAME_MAX),
	HTTP_PARAM_STRING_SPEC("email", NUL, CT_EMAIL_MAX),
	JSON_SPEC("roles", 0),
	BOOL_SPEC("active", 0),
	VERSION_SPEC,
};

static const char *const country_codes[] = {"NL", "BE", NULL};
static const char *const status_codes[] = {"open", "closed", NULL};

static const struct http_param_spec case_list_query[] = {
	HTTP_PARAM_STRING_SPEC("region", 0, CT_REGION_MAX),
	HTTP_PARAM_STRING_SPEC("reference", 0, CT_REFERENCE_SIZE - 1),
	HTTP_PARAM_ENUM_SPEC("jurisdiction", 0, country_codes),
	HTTP_PARAM_ENUM_SPEC("status", 0, status_codes),
	API_PAGING_QUERY,
};

static const struct http_param_spec case_create_body[] = {
	HTTP_PARAM_STRING_SPEC("jurisdiction", REQ, CODE_MAX),
	HTTP_PARAM_STRING_SPEC("region", REQ, CT_REGION_MAX),
	HTTP_PARAM_STRING_SPEC("pattern", 0, CODE_MAX),
};

static const struct http_param_spec case_update_body[] = {
	HTTP_PARAM_STRING_SPEC("status", 0, CODE_MAX),
	HTTP_PARAM_STRING_SPEC("pattern", 0, CODE_MAX),
	VERSION_SPEC,
};

static const struct http_param_spec person_add_body[] = {
	HTTP_PARAM_STRING_SPEC("given_name", 0, CT_NAME_MAX),
	HTTP_PARAM_STRING_SPEC("family_name", 0, CT_NAME_MAX),
	HTTP_PARAM_DATE_SPEC("birth_date", 0),
	HTTP_PARAM_STRING_SPEC("sex", 0, CODE_MAX),
	HTTP_PARAM_STRING_SPEC("bsn", 0, CT_BSN_LEN),
	HTTP_PARAM_STRING_SPEC("rrn", 0, CT_RRN_LEN),
	JSON_SPEC("roles", REQ),
};

static const struct http_param_spec person_update_body[] = {
	HTTP_PARAM_STRING_SPEC("given_name", NUL, CT_NAME_MAX),
	HTTP_PARAM_STRING_SPEC("family_name", NUL, CT_NAME_MAX),
	HTTP_PARAM_DATE_SPEC("birth_date", NUL),
	HTTP_PARAM_STRING_SPEC("sex", 0, CODE_MAX),
	HTTP_PARAM_STRING_SPEC("bsn", NUL, CT_BSN_LEN),
	HTTP_PARAM_STRING_SPEC("rrn", NUL, CT_RRN_LEN),
	JSON_SPEC("roles", 0),
	VERSION_SPEC,
};

static const struct http_param_spec relation_add_body[] = {
	HTTP_PARAM_UUID_SPEC("person_a", REQ),
	HTTP_PARAM_UUID_SPEC("person_b", REQ),
	HTTP_PARAM_STRING_SPEC("kind", REQ, CODE_MAX),
};

static const struct http_param_spec incident_add_body[] = {
	HTTP_PARAM_STRING_SPEC("occurred_at", REQ, CT_ISO_SIZE),
	JSON_SPEC("types", 0),
	JSON_SPEC("forms", 0),
	HTTP_PARAM_STRING_SPEC("severity", 0, CODE_MAX),
	HTTP_PARAM_STRING_SPEC("location", 0, CT_LOCATION_MAX),
	/* Up to CT_DESCRIPTION_MAX, beyond a query value's limit: the type
	 * and length are checked by core (incident_from_json, validate). */
	JSON_SPEC("description", REQ),
};

static const struct http_param_spec team_add_body[] = {
	HTTP_PARAM_UUID_SPEC("org_id", REQ),
	HTTP_PARAM_STRING_SPEC("reason", REQ, STORE_REASON_MAX),
};

static const struct http_param_spec reason_body[] = {
	HTTP_PARAM_STRING_SPEC("reason", REQ, STORE_REASON_MAX),
};

static const struct http_param_spec access_log_query[] = {
	HTTP_PARAM_UUID_SPEC("user_id", 0),
	HTTP_PARAM_UUID_SPEC("person_id", 0),
	HTTP_PARAM_UUID_SPEC("case_id", 0),
	HTTP_PARAM_UUID_SPEC("org_id", 0),
	BOOL_SPEC("allowed", 0),
	HTTP_PARAM_DATE_SPEC("from", 0),
	HTTP_PARAM_DATE_SPEC("to", 0),
	API_PAGING_QUERY,
};

static const struct http_param_spec break_glass_list_query[] = {
	BOOL_SPEC("unreviewed", 0),
	API_PAGING_QUERY,
};

static const struct http_param_spec review_body[] = {
	HTTP_PARAM_STRING_SPEC("note", REQ, API_BREAK_GLASS_NOTE_MAX),
};

/* risk: a filled-in instrument, and a reasoned override of its outcome */
static const struct http_param_spec assessment_add_body[] = {
	HTTP_PARAM_STRING_SPEC("instrument_id", REQ, INSTRUMENT_ID_MAX),
	HTTP_PARAM_STRING_SPEC("instrument_version", 0, INSTRUMENT_ID_MAX),
	JSON_SPEC("answers", REQ),
};

static const struct http_param_spec assessment_override_body[] = {
	HTTP_PARAM_STRING_SPEC("outcome", REQ, INSTRUMENT_ID_MAX),
	HTTP_PARAM_STRING_SPEC("reason", REQ, STORE_REASON_MAX),
};

/* worklist: the work list's horizon and the notification filter. */
static const struct http_param_spec worklist_query[] = {
	HTTP_PARAM_INT_SPEC("coming_days", 0, 0, STORE_TASK_COMING_DAYS_MAX),
	API_PAGING_QUERY,
};

static const struct http_param_spec notification_list_query[] = {
	BOOL_SPEC("unread", 0),
	API_PAGING_QUERY,
};

#define CASE "/api/v1/cases/{case_id:uuid}"

/* orders: a step is {kind, at, details}; the details per kind are read
 * strictly by core (order_json.h), so here they are one JSON member. */
static const struct http_param_spec order_create_body[] = {
	HTTP_PARAM_STRING_SPEC("kind", 0, CODE_MAX),
	HTTP_PARAM_STRING_SPEC("at", REQ, CT_ISO_SIZE),
	JSON_SPEC("details", REQ),
};

static const struct http_param_spec order_step_body[] = {
	HTTP_PARAM_STRING_SPEC("kind", REQ, CODE_MAX),
	HTTP_PARAM_STRING_SPEC("at", REQ, CT_ISO_SIZE),
	JSON_SPEC("details", 0),
	HTTP_PARAM_INT_SPEC("version", 0, 1, INT64_MAX),
};

#define ORDER CASE "/orders/{order_id:uuid}"

/* documents: the format of the download and, for a letter, the remaining
 * person it is for (api_documents.h). */
static const char *const document_format_codes[] = {"pdf", "html", NULL};
static const struct http_param_spec document_query[] = {
	HTTP_PARAM_ENUM_SPEC("format", 0, document_format_codes),
	HTTP_PARAM_UUID_SPEC("person_id", 0),
};

/* A list route: GET, session, paging. */
#define LIST(p, act, h)                                                        \
	{                                                                      \
		.method = HTTP_METHOD_GET, .pattern = (p), .action = (act),    \
		.flags = SESSION_READ, .query = paging_query,                  \
		.n_query = N(paging_query), .handler = (h)                     \
	}
#define READ(p, act, h)                                                        \
	{                                                                      \
		.method = HTTP_METHOD_GET, .pattern = (p), .action = (act),    \
		.flags = SESSION_READ, .handler = (h)                          \
	}
#define WRITE(m, p, act, b, h)                                                 \
	{                                                                      \
		.method = (m), .pattern = (p), .action = (act),                \
		.flags = SESSION_WRITE, .body = (b), .n_body = N(b),           \
		.body_max = API_BODY_MAX, .handler = (h)                       \
	}

const struct http_route app_routes[] = {
	API_HEALTH_ROUTE,
	OPENAPI_ROUTE,
	API_SESSION_ROUTES,
	API_ME_ROUTES,

	LIST("/api/v1/orgs", "org.read", api_orgs_list),
	WRITE(HTTP_METHOD_POST, "/api/v1/orgs", "org.manage", org_create_body,
	      api_orgs_create),
	READ("/api/v1/orgs/{org_id:uuid}", "org.read", api_orgs_read),

	LIST("/api/v1/users", "user.read", api_users_list),
	WRITE(HTTP_METHOD_POST, "/api/v1/users", "user.manage",
	      user_create_body, api_users_create),
	READ("/api/v1/users/{user_id:uuid}", "user.read", api_users_read),
	WRITE(HTTP_METHOD_PATCH, "/api/v1/users/{user_id:uuid}", "user.manage",
	      user_update_body, api_users_update),

	{
		.method = HTTP_METHOD_GET,
		.pattern = "/api/v1/cases",
		.action = "case.list",
		.flags = SESSION_READ,
		.query = case_list_query,
		.n_query = N(case_list_query),
		.handler = api_cases_list,
	},
	WRITE(HTTP_METHOD_POST, "/api/v1/cases", "case.create",
	      case_create_body, api_cases_create),
	READ(CASE, "case.read", api_cases_read),
	WRITE(HTTP_METHOD_PATCH, CASE, "case.update", case_update_body,
	      api_cases_update),

	LIST(CASE "/persons", "person.read", api_persons_list),
	WRITE(HTTP_METHOD_POST, CASE "/persons", "person.add", person_add_body,
	      api_persons_add),
	READ(CASE "/persons/{person_id:uuid}", "person.read",
	     api_persons_read),
	WRITE(HTTP_METHOD_PATCH, CASE "/persons/{person_id:uuid}",
	      "person.update", person_update_body, api_persons_update),

	LIST(CASE "/relations", "relation.read", api_relations_list),
	WRITE(HTTP_METHOD_POST, CASE "/relations", "relation.add",
	      relation_add_body, api_relations_add),

	LIST(CASE "/incidents", "incident.read", api_incidents_list),
	WRITE(HTTP_METHOD_POST, CASE "/incidents", "incident.add",
	      incident_add_body, api_incidents_add),

	LIST(CASE "/team", "team.read", api_team_list),
	WRITE(HTTP_METHOD_POST, CASE "/team", "team.add", team_add_body,
	      api_team_add),
	WRITE(HTTP_METHOD_DELETE, CASE "/team/{org_id:uuid}", "team.remove",
	      reason_body, api_team_remove),

	LIST(CASE "/journal", "journal.read", api_journal_list),

	/* risk (issue 4): instruments and assessments */
	LIST("/api/v1/instruments", "instrument.read", api_instruments_list),
	READ("/api/v1/instruments/{instrument_id:str}", "instrument.read",
	     api_instruments_read),
	LIST(CASE "/assessments", "assessment.read", api_assessments_list),
	WRITE(HTTP_METHOD_POST, CASE "/assessments", "assessment.add",
	      assessment_add_body, api_assessments_add),
	READ(CASE "/assessments/{assessment_id:uuid}", "assessment.read",
	     api_assessments_read),
	WRITE(HTTP_METHOD_POST, CASE "/assessments/{assessment_id:uuid}/override",
	      "assessment.override", assessment_override_body,
	      api_assessments_override),

	{
		.method = HTTP_METHOD_GET,
		.pattern = "/api/v1/access-log",
		.action = "access_log.query",
		.flags = SESSION_READ,
		.query = access_log_query,
		.n_query = N(access_log_query),
		.handler = api_access_log_query,
	},

	WRITE(HTTP_METHOD_POST, CASE "/break-glass", "break_glass.open",
	      reason_body, api_break_glass_open),
	{
		.method = HTTP_METHOD_GET,
		.pattern = "/api/v1/break-glass",
		.action = "break_glass.list",
		.flags = SESSION_READ,
		.query = break_glass_list_query,
		.n_query = N(break_glass_list_query),
		.handler = api_break_glass_list,
	},
	/* The privacy officer, or a coordinator of the case's owner. */
	WRITE(HTTP_METHOD_POST, "/api/v1/break-glass/{grant_id:uuid}/review",
	      "break_glass.review", review_body, api_break_glass_review),

	/* worklist: deadlines as tasks, notifications (issue 4) */
	{
		.method = HTTP_METHOD_GET,
		.pattern = "/api/v1/worklist",
		.action = "worklist.read",
		.flags = SESSION_READ,
		.query = worklist_query,
		.n_query = N(worklist_query),
		.handler = api_worklist_read,
	},
	{
		.method = HTTP_METHOD_POST,
		.pattern = CASE "/tasks/{task_id:uuid}/done",
		.action = "task.complete",
		.flags = SESSION_WRITE,
		.handler = api_worklist_task_done,
	},
	{
		.method = HTTP_METHOD_GET,
		.pattern = "/api/v1/notifications",
		.action = "notification.read",
		.flags = SESSION_READ,
		.query = notification_list_query,
		.n_query = N(notification_list_query),
		.handler = api_worklist_notifications,
	},
	{
		.method = HTTP_METHOD_POST,
		.pattern = "/api/v1/notifications/{notification_id:uuid}/read",
		.action = "notification.mark",
		.flags = SESSION_WRITE,
		.handler = api_worklist_notification_read,
	},

	/* orders: the restraining order (issue 4) */
	LIST(CASE "/orders", "order.read", api_orders_list),
	{
		.method = HTTP_METHOD_POST,
		.pattern = CASE "/orders",
		.action = "order.create",
		.flags = SESSION_WRITE,
		.body = order_create_body,
		.n_body = N(order_create_body),
		.body_max = API_ORDERS_BODY_MAX,
		.handler = api_orders_create,
	},
	READ(ORDER, "order.read", api_orders_read),
	LIST(ORDER "/steps", "order.read", api_orders_steps),
	{
		.method = HTTP_METHOD_POST,
		.pattern = ORDER "/steps",
		.action = "order.step",
		.flags = SESSION_WRITE,
		.body = order_step_body,
		.n_body = N(order_step_body),
		.body_max = API_ORDERS_BODY_MAX,
		.handler = api_orders_add_step,
	},

	/* documents: the order's decision, extension and letter (issue 4) */
	{
		.method = HTTP_METHOD_GET,
		.pattern = ORDER "/documents/{kind:str}",
		.action = "document.read",
		.flags = SESSION_READ,
		.query = document_query,
		.n_query = N(document_query),
		.handler = api_documents_read,
	},

	/* the web application's pages (issue 5), not in the OpenAPI */
	PAGE_ROUTES,
	PAGE_ORDER_ROUTES,
	PAGE_CASE_ROUTES,
	PAGE_ACCOUNT_ROUTES,
};

const size_t app_routes_count = N(app_routes);
