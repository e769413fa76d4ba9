/*
 * openapi.c - the OpenAPI 3.1 document, generated from the route table.
 *
 * The table already knows method, path, parameters, body fields, flags
 * and action; a route cannot be served without being in it. So the
 * document is built from the table at request time, and only what the
 * table cannot know (a summary, the success status, the response shape)
 * lives in the description table below, keyed by method and pattern. The
 * record schemas are written once as JSON text (components_json): they
 * mirror core/model_json.c's field names.
 */
#include "http/openapi.h"

#include <stdio.h>
#include <string.h>

#include "core/model.h"
#include "http/api_common.h"
#include "http/app.h"
#include "util/compat.h"
#include "util/banned.h"

#define G HTTP_METHOD_GET
#define P HTTP_METHOD_POST
#define PA HTTP_METHOD_PATCH
#define D HTTP_METHOD_DELETE
#define CASE "/api/v1/cases/{case_id:uuid}"

static const struct openapi_description descriptions[] = {
	{G, "/health", "Health check for load balancers", 200, "Health", 0},
	{G, OPENAPI_PATH, "This document", 200, NULL, 0},
	{P, "/api/v1/session", "Log in with user name and password", 200,
	 "Session", 0},
	{P, "/api/v1/session/totp", "Give the second factor (TOTP code)", 200,
	 "Session", 0},
	{G, "/api/v1/session", "The current session", 200, "Session", 0},
	{D, "/api/v1/session", "Log out", 200, NULL, 0},
	{G, "/api/v1/me", "The signed-in user and organisation", 200, NULL, 0},
	{P, "/api/v1/me/password", "Change the password", 200, NULL, 0},
	{P, "/api/v1/me/totp", "Start TOTP enrolment (secret, otpauth URI)",
	 200, NULL, 0},
	{P, "/api/v1/me/totp/confirm", "Confirm TOTP enrolment", 200, NULL, 0},
	{G, "/api/v1/me/tokens", "My bearer tokens", 200, NULL, 0},
	{P, "/api/v1/me/tokens", "Create a scoped bearer token", 201, NULL, 0},
	{D, "/api/v1/me/tokens/{token_id:uuid}", "Revoke a bearer token", 200,
	 NULL, 0},
	{G, "/api/v1/orgs", "List organisations", 200, "Org", 1},
	{P, "/api/v1/orgs", "Create an organisation (administrators)", 201,
	 "Org", 0},
	{G, "/api/v1/orgs/{org_id:uuid}", "Read an organisation", 200, "Org",
	 0},
	{G, "/api/v1/users",
	 "List users (administrators and privacy officers: all; others: own "
	 "organisation)",
	 200, "User", 1},
	{P, "/api/v1/users",
	 "Create a user (administrators); answers a one-time password", 201,
	 "NewUser", 0},
	{G, "/api/v1/users/{user_id:uuid}", "Read a user", 200, "User", 0},
	{PA, "/api/v1/users/{user_id:uuid}",
	 "Change name, email, roles or active of a user (administrators, "
	 "with version); deactivating ends the user's sessions",
	 200, "User", 0},
	{G, "/api/v1/cases", "List the cases of the caller's case teams", 200,
	 "Case", 1},
	{P, "/api/v1/cases", "Open a case owned by the caller's organisation",
	 201, "Case", 0},
	{G, CASE, "Read a case", 200, "Case", 0},
	{PA, CASE, "Change status or pattern (with version)", 200, "Case", 0},
	{G, CASE "/persons", "List the persons of a case", 200, "Person", 1},
	{P, CASE "/persons", "Add a person to a case", 201, "Person", 0},
	{G, CASE "/persons/{person_id:uuid}", "Read a person of a case", 200,
	 "Person", 0},
	{PA, CASE "/persons/{person_id:uuid}",
	 "Change a person of a case (with version)", 200, "Person", 0},
	{G, CASE "/relations", "List the relations of a case", 200, "Relation",
	 1},
	{P, CASE "/relations", "Add a relation between two persons", 201,
	 "Relation", 0},
	{G, CASE "/incidents", "List the incidents of a case", 200, "Incident",
	 1},
	{P, CASE "/incidents", "Record an incident", 201, "Incident", 0},
	{G, CASE "/team", "List the case team", 200, "TeamMember", 1},
	{P, CASE "/team", "Add an organisation to the case team (owner)", 201,
	 NULL, 0},
	{D, CASE "/team/{org_id:uuid}",
	 "Remove an organisation from the case team (owner)", 200, NULL, 0},
	{G, CASE "/journal", "The case timeline (journal), oldest first", 200,
	 "JournalEntry", 1},
	/* risk (issue 4) */
	{G, "/api/v1/instruments", "The loaded risk assessment instruments",
	 200, NULL, 1},
	{G, "/api/v1/instruments/{instrument_id:str}",
	 "One instrument (newest version): parts, signals, items, scales, "
	 "outcome rules",
	 200, NULL, 0},
	{G, CASE "/assessments", "The risk assessments of a case", 200, NULL,
	 1},
	{P, CASE "/assessments",
	 "Fill in an instrument; the outcome is computed from the answers",
	 201, NULL, 0},
	{G, CASE "/assessments/{assessment_id:uuid}", "Read a risk assessment",
	 200, NULL, 0},
	{P, CASE "/assessments/{assessment_id:uuid}/override",
	 "Override the computed outcome, with a reason", 200, NULL, 0},
	{G, "/api/v1/access-log",
	 "Query the access log (privacy officer), newest first", 200,
	 "AccessEntry", 1},
	{P, CASE "/break-glass",
	 "Open a case outside the team in an emergency, with a reason", 201,
	 "BreakGlass", 0},
	{G, "/api/v1/break-glass", "Emergency accesses for review", 200,
	 "BreakGlass", 1},
	{P, "/api/v1/break-glass/{grant_id:uuid}/review",
	 "Mark an emergency access reviewed (privacy officer, or a "
	 "coordinator of the case's owning organisation)",
	 200, NULL, 0},	/* orders (issue 4): the restraining order */
	{G, CASE "/orders",
	 "The restraining orders of a case, oldest first, each with its "
	 "clock, next legal steps and deadlines",
	 200, NULL, 1},
	{P, CASE "/orders",
	 "Open a screening for a restraining order: {at, details: {route, "
	 "subject_person_id, protected_person_ids, place, children_involved, "
	 "repeat_of, new_facts}}",
	 201, NULL, 0},
	{G, CASE "/orders/{order_id:uuid}",
	 "An order: state, clock (ends_at, time left in words), next legal "
	 "steps with their deadlines, deadlines with their rules",
	 200, NULL, 0},
	{G, CASE "/orders/{order_id:uuid}/steps",
	 "The steps of an order as recorded, oldest first", 200, NULL, 1},
	{P, CASE "/orders/{order_id:uuid}/steps",
	 "Record a step {kind, at, details, version}; a step the law refuses "
	 "answers 422 with the rule (id, title, source) and writes nothing",
	 201, NULL, 0},
	/* documents (issue 4): the order's documents as downloads */
	{G, CASE "/orders/{order_id:uuid}/documents/{kind:str}",
	 "Download a document of an order (kind decision, extension or "
	 "letter; format pdf or html; person_id: the letter's recipient) as "
	 "an attachment; missing mandatory content answers 422 naming it",
	 200, NULL, 0},
	/* worklist (issue 4) */
	{G, "/api/v1/worklist",
	 "The organisation's work list: overdue, due today and coming tasks",
	 200, "Worklist", 0},
	{P, CASE "/tasks/{task_id:uuid}/done", "Mark a task of the case done",
	 200, "Task", 0},
	{G, "/api/v1/notifications", "The organisation's notifications", 200,
	 "Notification", 1},
	{P, "/api/v1/notifications/{notification_id:uuid}/read",
	 "Mark a notification read", 200, NULL, 0},
};

static const char components_json[] =
	"{\"schemas\":{"
	"\"Error\":{\"type\":\"object\",\"required\":[\"code\",\"message\","
	"\"fields\"],\"properties\":{\"code\":{\"type\":\"string\"},"
	"\"message\":{\"type\":\"string\"},\"fields\":{\"type\":\"object\","
	"\"additionalProperties\":{\"type\":\"string\"}}}},"
	"\"Health\":{\"type\":\"object\",\"properties\":{\"status\":"
	"{\"type\":\"string\"}}},"
	"\"Session\":{\"type\":\"object\",\"properties\":{\"user\":{\"$ref\":"
	"\"#/components/schemas/User\"},\"csrf_token\":{\"type\":\"string\"},"
	"\"totp_enrolled\":{\"type\":\"boolean\"},\"totp_verified\":"
	"{\"type\":\"boolean\"}}},"
	"\"Org\":{\"type\":\"object\",\"properties\":{\"id\":{\"type\":"
	"\"string\",\"format\":\"uuid\"},\"name\":{\"type\":\"string\"},"
	"\"type\":{\"type\":\"string\"},\"country\":{\"type\":\"string\","
	"\"enum\":[\"NL\",\"BE\"]},\"email\":{\"type\":\"string\"},"
	"\"version\":{\"type\":\"integer\"}}},"
	"\"User\":{\"type\":\"object\",\"properties\":{\"id\":{\"type\":"
	"\"string\",\"format\":\"uuid\"},\"org_id\":{\"type\":\"string\","
	"\"format\":\"uuid\"},\"username\":{\"type\":\"string\"},"
	"\"display_name\":{\"type\":\"string\"},\"email\":{\"type\":"
	"\"string\"},\"roles\":{\"type\":\"array\",\"items\":{\"type\":"
	"\"string\"}},\"active\":{\"type\":\"boolean\"},\"version\":"
	"{\"type\":\"integer\"}}},"
	"\"NewUser\":{\"type\":\"object\",\"properties\":{\"user\":{\"$ref\":"
	"\"#/components/schemas/User\"},\"one_time_password\":{\"type\":"
	"\"string\"}}},"
	"\"Case\":{\"type\":\"object\",\"properties\":{\"id\":{\"type\":"
	"\"string\",\"format\":\"uuid\"},\"reference\":{\"type\":\"string\"},"
	"\"jurisdiction\":{\"type\":\"string\",\"enum\":[\"NL\",\"BE\"]},"
	"\"region\":{\"type\":\"string\"},\"owner_org_id\":{\"type\":"
	"\"string\",\"format\":\"uuid\"},\"status\":{\"type\":\"string\","
	"\"enum\":[\"open\",\"closed\"]},\"pattern\":{\"type\":\"string\"},"
	"\"created_at\":{\"type\":\"string\",\"format\":\"date-time\"},"
	"\"updated_at\":{\"type\":\"string\",\"format\":\"date-time\"},"
	"\"version\":{\"type\":\"integer\"}}},"
	"\"Person\":{\"type\":\"object\",\"properties\":{\"id\":{\"type\":"
	"\"string\",\"format\":\"uuid\"},\"case_id\":{\"type\":\"string\","
	"\"format\":\"uuid\"},\"given_name\":{\"type\":\"string\"},"
	"\"family_name\":{\"type\":\"string\"},\"birth_date\":{\"type\":"
	"\"string\",\"format\":\"date\"},\"sex\":{\"type\":\"string\"},"
	"\"bsn\":{\"type\":\"string\"},\"rrn\":{\"type\":\"string\"},"
	"\"roles\":{\"type\":\"array\",\"items\":{\"type\":\"string\"}},"
	"\"version\":{\"type\":\"integer\"}}},"
	"\"Relation\":{\"type\":\"object\",\"properties\":{\"id\":{\"type\":"
	"\"string\",\"format\":\"uuid\"},\"case_id\":{\"type\":\"string\","
	"\"format\":\"uuid\"},\"person_a\":{\"type\":\"string\",\"format\":"
	"\"uuid\"},\"person_b\":{\"type\":\"string\",\"format\":\"uuid\"},"
	"\"kind\":{\"type\":\"string\"},\"version\":{\"type\":\"integer\"}}},"
	"\"Incident\":{\"type\":\"object\",\"properties\":{\"id\":{\"type\":"
	"\"string\",\"format\":\"uuid\"},\"case_id\":{\"type\":\"string\","
	"\"format\":\"uuid\"},\"occurred_at\":{\"type\":\"string\","
	"\"format\":\"date-time\"},\"types\":{\"type\":\"array\",\"items\":"
	"{\"type\":\"string\"}},\"forms\":{\"type\":\"array\",\"items\":"
	"{\"type\":\"string\"}},\"severity\":{\"type\":\"string\"},"
	"\"location\":{\"type\":\"string\"},\"description\":{\"type\":"
	"\"string\"},\"version\":{\"type\":\"integer\"}}},"
	"\"TeamMember\":{\"type\":\"object\",\"properties\":{\"org_id\":"
	"{\"type\":\"string\",\"format\":\"uuid\"},\"org_name\":{\"type\":"
	"\"string\"},\"reason\":{\"type\":\"string\"},\"added_by\":{\"type\":"
	"\"string\"},\"added_at\":{\"type\":\"string\",\"format\":"
	"\"date-time\"},\"is_owner\":{\"type\":\"boolean\"}}},"
	"\"JournalEntry\":{\"type\":\"object\",\"properties\":{\"seq\":"
	"{\"type\":\"integer\"},\"at\":{\"type\":\"string\",\"format\":"
	"\"date-time\"},\"actor_label\":{\"type\":\"string\"},\"action\":"
	"{\"type\":\"string\"},\"entity\":{\"type\":\"string\"},\"before\":{},"
	"\"after\":{},\"hash\":{\"type\":\"string\"}}},"
	"\"AccessEntry\":{\"type\":\"object\",\"properties\":{\"seq\":"
	"{\"type\":\"integer\"},\"at\":{\"type\":\"string\",\"format\":"
	"\"date-time\"},\"user_id\":{\"type\":\"string\"},\"org_id\":{\"type\":"
	"\"string\"},\"action\":{\"type\":\"string\"},\"case_id\":{\"type\":"
	"\"string\"},\"person_id\":{\"type\":\"string\"},\"allowed\":{\"type\":"
	"\"boolean\"},\"reason\":{\"type\":\"string\"},\"break_glass\":"
	"{\"type\":\"boolean\"}}},"
	"\"BreakGlass\":{\"type\":\"object\",\"properties\":{\"id\":{\"type\":"
	"\"string\",\"format\":\"uuid\"},\"user_id\":{\"type\":\"string\"},"
	"\"case_id\":{\"type\":\"string\"},\"reason\":{\"type\":\"string\"},"
	"\"created_at\":{\"type\":\"string\",\"format\":\"date-time\"},"
	"\"expires_at\":{\"type\":\"string\",\"format\":\"date-time\"},"
	"\"reviewed_at\":{\"type\":\"string\",\"format\":\"date-time\"}}}"
	"},\"securitySchemes\":{"
	"\"session\":{\"type\":\"apiKey\",\"in\":\"cookie\",\"name\":"
	"\"ct_session\"},"
	"\"bearer\":{\"type\":\"http\",\"scheme\":\"bearer\"}}}";

/*
 * The worklist's schemas (issue 4), merged into components.schemas: a
 * literal of their own, as one literal may hold at most 4095 characters.
 */
static const char worklist_schemas_json[] =
	"{\"Task\":{\"type\":\"object\",\"properties\":{\"id\":{\"type\":"
	"\"string\",\"format\":\"uuid\"},\"case_id\":{\"type\":\"string\"},"
	"\"case_reference\":{\"type\":\"string\"},\"org_id\":{\"type\":"
	"\"string\"},\"kind\":{\"type\":\"string\"},\"title\":{\"type\":"
	"\"string\"},\"source\":{\"type\":\"string\"},\"rule_id\":{\"type\":"
	"\"string\"},\"due_at\":{\"type\":\"string\",\"format\":"
	"\"date-time\"},\"due_local\":{\"type\":\"string\"},\"deadline\":"
	"{\"type\":\"string\"},\"time_left\":{\"type\":\"string\"},"
	"\"status\":{\"type\":\"string\",\"enum\":[\"open\",\"done\","
	"\"cancelled\"]},\"version\":{\"type\":\"integer\"}}},"
	"\"TaskBucket\":{\"type\":\"object\",\"properties\":{\"items\":"
	"{\"type\":\"array\",\"items\":{\"$ref\":\"#/components/schemas/"
	"Task\"}},\"total\":{\"type\":\"integer\"}}},"
	"\"Worklist\":{\"type\":\"object\",\"properties\":{\"today\":"
	"{\"type\":\"string\",\"format\":\"date\"},\"zone\":{\"type\":"
	"\"string\"},\"coming_days\":{\"type\":\"integer\"},\"now\":"
	"{\"type\":\"string\",\"format\":\"date-time\"},"
	"\"overdue\":{\"$ref\":\"#/components/schemas/TaskBucket\"},"
	"\"due\":{\"$ref\":\"#/components/schemas/TaskBucket\"},"
	"\"coming\":{\"$ref\":\"#/components/schemas/TaskBucket\"}}},"
	"\"Notification\":{\"type\":\"object\",\"properties\":{\"id\":"
	"{\"type\":\"string\",\"format\":\"uuid\"},\"task_id\":{\"type\":"
	"\"string\"},\"case_id\":{\"type\":\"string\"},\"case_reference\":"
	"{\"type\":\"string\"},\"kind\":{\"type\":\"string\"},\"title\":"
	"{\"type\":\"string\"},\"body\":{\"type\":\"string\"},"
	"\"created_at\":{\"type\":\"string\",\"format\":\"date-time\"},"
	"\"read\":{\"type\":\"boolean\"},\"email_status\":{\"type\":"
	"\"string\",\"enum\":[\"none\",\"pending\",\"sent\",\"failed\"]},"
	"\"email_attempts\":{\"type\":\"integer\"}}}}";

const struct openapi_description *
openapi_describe(enum http_method method, const char *pattern)
{
	size_t i;

	for (i = 0; i < sizeof(descriptions) / sizeof(descriptions[0]); i++)
		if (descriptions[i].method == method &&
		    strcmp(descriptions[i].pattern, pattern) == 0)
			return &descriptions[i];
	return NULL;
}

int
openapi_path(const char *pattern, char *out, size_t size)
{
	size_t used = 0;
	const char *s = pattern;
	int in_param = 0, skipping = 0;

	for (; *s; s++) {
		if (*s == '{')
			in_param = 1;
		if (in_param && *s == ':')
			skipping = 1;
		if (*s == '}')
			in_param = skipping = 0;
		if (skipping)
			continue;
		if (used + 1 >= size)
			return 0;
		out[used++] = *s;
	}
	if (size == 0)
		return 0;
	out[used] = '\0';
	return 1;
}

static json_t *
openapi_checked(json_t *j)
{
	if (!j)
		CT_BUG("jansson could not allocate a value");
	return j;
}

static json_t *
openapi_ref(const char *schema)
{
	char ref[96];

	snprintf(ref, sizeof(ref), "#/components/schemas/%s", schema);
	return openapi_checked(json_pack("{s:s}", "$ref", ref));
}

/* The JSON schema of one declared parameter or body field. */
static json_t *
openapi_param_schema(const struct http_param_spec *sp)
{
	json_t *s = api_json_object(), *codes;
	size_t i;

	switch (sp->type) {
	case HTTP_PARAM_UUID:
		api_json_set(s, "type", json_string("string"));
		api_json_set(s, "format", json_string("uuid"));
		break;
	case HTTP_PARAM_INT:
		api_json_set(s, "type", json_string("integer"));
		api_json_set(s, "minimum", json_integer(sp->min));
		api_json_set(s, "maximum", json_integer(sp->max));
		break;
	case HTTP_PARAM_ENUM:
		api_json_set(s, "type", json_string("string"));
		codes = api_json_array();
		for (i = 0; sp->codes[i]; i++)
			api_json_append(codes, json_string(sp->codes[i]));
		api_json_set(s, "enum", codes);
		break;
	case HTTP_PARAM_STRING:
		api_json_set(s, "type", json_string("string"));
		api_json_set(s, "minLength", json_integer(1));
		api_json_set(s, "maxLength", json_integer((json_int_t)sp->max_len));
		break;
	case HTTP_PARAM_DATE:
		api_json_set(s, "type", json_string("string"));
		api_json_set(s, "format", json_string("date"));
		break;
	case HTTP_PARAM_BOOL:
		api_json_set(s, "type", json_string("boolean"));
		break;
	case HTTP_PARAM_JSON:
		/* Checked by core: sets of codes, or long text. */
		if (strcmp(sp->name, "description") == 0) {
			api_json_set(s, "type", json_string("string"));
			api_json_set(s, "maxLength",
				     json_integer(CT_DESCRIPTION_MAX));
			break;
		}
		api_json_set(s, "type", json_string("array"));
		api_json_set(s, "items",
			     json_pack("{s:s}", "type", "string"));
		break;
	}
	if (sp->flags & HTTP_PARAM_F_NULLABLE) {
		json_t *t = json_object_get(s, "type");

		api_json_set(s, "type",
			     json_pack("[s,s]", json_string_value(t), "null"));
	}
	return s;
}

/* Path parameters from "{name:type}" segments of the pattern. */
static void
openapi_path_params(const char *pattern, json_t *params)
{
	const char *s = pattern, *colon, *end;
	char name[HTTP_PARAM_NAME_MAX];
	json_t *schema, *p;

	while ((s = strchr(s, '{')) != NULL) {
		colon = strchr(s, ':');
		end = strchr(s, '}');
		if (!colon || !end || colon > end)
			CT_BUG("route pattern without a parameter type");
		snprintf(name, sizeof(name), "%.*s", (int)(colon - s - 1),
			 s + 1);
		schema = api_json_object();
		if (strncmp(colon + 1, "uuid}", 5) == 0) {
			api_json_set(schema, "type", json_string("string"));
			api_json_set(schema, "format", json_string("uuid"));
		} else if (strncmp(colon + 1, "int}", 4) == 0) {
			api_json_set(schema, "type", json_string("integer"));
			api_json_set(schema, "minimum", json_integer(0));
		} else {
			api_json_set(schema, "type", json_string("string"));
		}
		p = api_json_object();
		api_json_set(p, "name", json_string(name));
		api_json_set(p, "in", json_string("path"));
		api_json_set(p, "required", json_true());
		api_json_set(p, "schema", schema);
		api_json_append(params, p);
		s = end + 1;
	}
}

static json_t *
openapi_body(const struct http_route *r)
{
	json_t *props = api_json_object(), *req = api_json_array(), *schema,
	       *body, *content;
	size_t i;

	for (i = 0; i < r->n_body; i++) {
		api_json_set(props, r->body[i].name,
			     openapi_param_schema(&r->body[i]));
		if (r->body[i].flags & HTTP_PARAM_F_REQUIRED)
			api_json_append(req, json_string(r->body[i].name));
	}
	schema = api_json_object();
	api_json_set(schema, "type", json_string("object"));
	api_json_set(schema, "properties", props);
	api_json_set(schema, "required", req);
	api_json_set(schema, "additionalProperties", json_false());
	content = api_json_object();
	api_json_set(content, "application/json",
		     json_pack("{s:o}", "schema", schema));
	body = api_json_object();
	api_json_set(body, "required", json_true());
	api_json_set(body, "content", content);
	return body;
}

static json_t *
openapi_success(const struct openapi_description *d)
{
	json_t *resp = api_json_object(), *schema;

	api_json_set(resp, "description", json_string("OK"));
	if (!d || !d->schema)
		return resp;
	if (d->list)
		schema = openapi_checked(json_pack(
			"{s:s,s:{s:{s:s,s:o},s:{s:s},s:{s:s},s:{s:s}}}", "type",
			"object", "properties", "items", "type", "array",
			"items", openapi_ref(d->schema), "total", "type",
			"integer", "limit", "type", "integer", "offset", "type",
			"integer"));
	else
		schema = openapi_ref(d->schema);
	api_json_set(resp, "content",
		     json_pack("{s:{s:o}}", "application/json", "schema",
			       schema));
	return resp;
}

static json_t *
openapi_error(const char *what)
{
	return openapi_checked(json_pack(
		"{s:s,s:{s:{s:o}}}", "description", what, "content",
		"application/json", "schema", openapi_ref("Error")));
}

static json_t *
openapi_operation(const struct http_route *r)
{
	const struct openapi_description *d =
		openapi_describe(r->method, r->pattern);
	json_t *op = api_json_object(), *params = api_json_array(),
	       *responses = api_json_object(), *p;
	char status[8];
	size_t i;

	api_json_set(op, "summary",
		     json_string(d ? d->summary : "undocumented"));
	api_json_set(op, "x-action", json_string(r->action));
	api_json_set(op, "x-csrf",
		     json_boolean((r->flags & HTTP_ROUTE_CSRF) != 0));
	openapi_path_params(r->pattern, params);
	for (i = 0; i < r->n_query; i++) {
		p = api_json_object();
		api_json_set(p, "name", json_string(r->query[i].name));
		api_json_set(p, "in", json_string("query"));
		api_json_set(p, "required",
			     json_boolean(r->query[i].flags &
					  HTTP_PARAM_F_REQUIRED));
		api_json_set(p, "schema", openapi_param_schema(&r->query[i]));
		api_json_append(params, p);
	}
	api_json_set(op, "parameters", params);
	if (r->body)
		api_json_set(op, "requestBody", openapi_body(r));
	if (r->flags & HTTP_ROUTE_SESSION)
		api_json_set(op, "security",
			     json_pack("[{s:[]},{s:[]}]", "session", "bearer"));
	else
		api_json_set(op, "security", json_array());
	snprintf(status, sizeof(status), "%u", d ? d->status : 200u);
	api_json_set(responses, status, openapi_success(d));
	api_json_set(responses, "400", openapi_error("Bad input"));
	if (r->flags & HTTP_ROUTE_SESSION)
		api_json_set(responses, "401", openapi_error("Not logged in"));
	api_json_set(responses, "403", openapi_error("Not allowed"));
	api_json_set(responses, "404",
		     openapi_error("Absent, or outside the caller's reach"));
	if (r->body) {
		api_json_set(responses, "409",
			     openapi_error("Stale version or duplicate"));
		api_json_set(responses, "413", openapi_error("Body too large"));
		api_json_set(responses, "415",
			     openapi_error("Body is not JSON"));
	}
	api_json_set(op, "responses", responses);
	return op;
}

static const char *
openapi_method_key(enum http_method m)
{
	switch (m) {
	case HTTP_METHOD_GET:
		return "get";
	case HTTP_METHOD_POST:
		return "post";
	case HTTP_METHOD_PUT:
		return "put";
	case HTTP_METHOD_PATCH:
		return "patch";
	case HTTP_METHOD_DELETE:
		return "delete";
	default:
		CT_BUG("route with a method OpenAPI cannot name");
	}
	return NULL;
}

json_t *
openapi_document(const struct http_route *routes, size_t n)
{
	json_t *doc = api_json_object(), *paths = api_json_object(), *item,
	       *components;
	char path[HTTP_TARGET_MAX];
	size_t i;

	api_json_set(doc, "openapi", json_string("3.1.0"));
	api_json_set(doc, "info",
		     json_pack("{s:s,s:s,s:s}", "title", "Casustafel API",
			       "version", "1", "description",
			       "Multi-agency case system for domestic "
			       "violence (NL, BE). Errors share one shape: "
			       "{code, message, fields}."));
	for (i = 0; i < n; i++) {
		/* Pages are HTML for people, not part of the API. */
		if (routes[i].flags & HTTP_ROUTE_PAGE)
			continue;
		if (!openapi_path(routes[i].pattern, path, sizeof(path)))
			CT_BUG("route pattern too long for OpenAPI");
		item = json_object_get(paths, path);
		if (!item) {
			item = api_json_object();
			api_json_set(paths, path, item);
		}
		api_json_set(item, openapi_method_key(routes[i].method),
			     openapi_operation(&routes[i]));
	}
	api_json_set(doc, "paths", paths);
	components = json_loads(components_json, 0, NULL);
	if (!components)
		CT_BUG("components_json does not parse");
	{
		json_t *more = json_loads(worklist_schemas_json, 0, NULL);

		if (!more || json_object_update(json_object_get(components,
								"schemas"),
						more) != 0)
			CT_BUG("worklist_schemas_json does not parse");
		json_decref(more);
	}
	api_json_set(doc, "components", components);
	return doc;
}

enum ct_err
openapi_read(void *app, struct http_request *req, struct http_response *resp,
	     struct ct_error *err)
{
	(void)app;
	(void)err;
	http_response_json(resp, req->arena, 200,
			   openapi_document(app_routes_count ? app_routes : NULL,
					    app_routes_count));
	return CT_OK;
}
