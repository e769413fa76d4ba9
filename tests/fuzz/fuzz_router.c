/*
 * fuzz_router.c - http/router.h's router_handle on an arbitrary raw
 * request target (and body) against a small route table.
 *
 * Input: one selector byte (bits 0-2: the method; bit 3: a session;
 * bit 4: the CSRF check passes; bit 5: the policy hides every case;
 * bit 6: the body is labelled text/plain; bit 7: no body), then the raw
 * target up to the first NUL, then the body. The authorize hook allows
 * everything else, so the fuzzer reaches the handlers.
 *
 * Contract checked (router.h): router_handle always leaves a complete
 * response: a known status, a JSON object body, errors in the one shape,
 * 405 with Allow. A handler runs only for a target whose decoded path
 * (each segment percent-decoded on its own, checked here) has no ".",
 * "..", control characters or encoded '/', and sees only
 * declared parameters that pass their validator again here (path
 * parameters by their type, query parameters by their spec), and a body
 * only where the route declares one.
 */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include <jansson.h>

#include "fuzz.h"
#include "http/router.h"
#include "util/log.h"
#include "util/uuid.h"
#include "util/banned.h"

static const char *const statuses[] = {"open", "closed", NULL};

static const struct http_param_spec list_query[] = {
	HTTP_PARAM_INT_SPEC("limit", 0, 1, 100),
	HTTP_PARAM_ENUM_SPEC("status", 0, statuses),
	HTTP_PARAM_STRING_SPEC("q", 0, 50),
	HTTP_PARAM_DATE_SPEC("from", 0),
	{.name = "all", .type = HTTP_PARAM_BOOL},
};

static const struct http_param_spec required_query[] = {
	HTTP_PARAM_UUID_SPEC("org", HTTP_PARAM_F_REQUIRED),
};

static const struct http_param_spec update_body[] = {
	HTTP_PARAM_INT_SPEC("version", HTTP_PARAM_F_REQUIRED, 1, 1000),
	HTTP_PARAM_STRING_SPEC("title", HTTP_PARAM_F_NULLABLE, 20),
};

static enum ct_err handle(void *app, struct http_request *req,
			  struct http_response *resp, struct ct_error *err);

static const struct http_route routes[] = {
	{.method = HTTP_METHOD_GET,
	 .pattern = "/api/v1/cases",
	 .action = "case.list",
	 .query = list_query,
	 .n_query = CT_ARRAY_SIZE(list_query),
	 .handler = handle},
	{.method = HTTP_METHOD_POST,
	 .pattern = "/api/v1/cases",
	 .action = "case.create",
	 .flags = HTTP_ROUTE_CSRF | HTTP_ROUTE_SESSION,
	 .body = update_body,
	 .n_body = CT_ARRAY_SIZE(update_body),
	 .handler = handle},
	{.method = HTTP_METHOD_GET,
	 .pattern = "/api/v1/cases/{case_id:uuid}",
	 .action = "case.read",
	 .flags = HTTP_ROUTE_SESSION,
	 .handler = handle},
	{.method = HTTP_METHOD_PATCH,
	 .pattern = "/api/v1/cases/{case_id:uuid}",
	 .action = "case.update",
	 .flags = HTTP_ROUTE_CSRF,
	 .body = update_body,
	 .n_body = CT_ARRAY_SIZE(update_body),
	 .body_max = 256,
	 .handler = handle},
	{.method = HTTP_METHOD_GET,
	 .pattern = "/api/v1/cases/{case_id:uuid}/persons/{n:int}/{slug:str}",
	 .action = "person.read",
	 .handler = handle},
	{.method = HTTP_METHOD_DELETE,
	 .pattern = "/api/v1/cases/{case_id:uuid}/persons/{n:int}",
	 .action = "person.delete",
	 .flags = HTTP_ROUTE_CSRF,
	 .handler = handle},
	{.method = HTTP_METHOD_PUT,
	 .pattern = "/api/v1/orgs/{name:str}",
	 .action = "org.update",
	 .query = required_query,
	 .n_query = CT_ARRAY_SIZE(required_query),
	 .handler = handle},
	{.method = HTTP_METHOD_GET,
	 .pattern = "/api/v1/cases/new",
	 .action = "case.form",
	 .handler = handle},
	{.method = HTTP_METHOD_GET,
	 .pattern = "/",
	 .action = "home.read",
	 .handler = handle},
};

static const enum http_method methods[] = {
	HTTP_METHOD_GET,   HTTP_METHOD_HEAD,  HTTP_METHOD_POST,
	HTTP_METHOD_PUT,   HTTP_METHOD_PATCH, HTTP_METHOD_DELETE,
	HTTP_METHOD_OTHER, HTTP_METHOD_GET,
};

/* What the selector byte asks of the hooks, for the current input. */
static unsigned current_sel;

static enum ct_err
authenticate(void *app, struct http_request *req, struct ct_error *err)
{
	(void)app;
	(void)err;
	req->session = (current_sel & 0x08) ? (void *)&current_sel : NULL;
	return CT_OK;
}

static enum ct_err
check_csrf(void *app, const struct http_request *req, struct ct_error *err)
{
	(void)app;
	(void)req;
	(void)err;
	return (current_sel & 0x10) ? CT_OK : CT_ERR_DENIED;
}

static enum ct_err
authorize(void *app, const struct http_request *req,
	  const struct http_route *route, struct ct_error *err)
{
	(void)app;
	(void)route;
	(void)err;
	if ((current_sel & 0x20) && http_request_param(req, "case_id"))
		return CT_ERR_NOTFOUND;
	return CT_OK;
}

static enum ct_err
record_access(void *app, const struct http_request *req,
	      const struct http_route *route, enum ct_err decision)
{
	(void)app;
	(void)decision;
	FUZZ_CHECK(req->route == route);
	return CT_OK;
}

static const struct router_hooks hooks = {
	.authenticate = authenticate,
	.check_csrf = check_csrf,
	.authorize = authorize,
	.record_access = record_access,
};

/* The decoded path as a handler may rely on it. */
static void
check_path(const char *path)
{
	const char *seg = path, *end;
	size_t len, i;

	FUZZ_CHECK(path && path[0] == '/');
	for (;;) {
		seg++;
		end = strchr(seg, '/');
		len = end ? (size_t)(end - seg) : strlen(seg);
		FUZZ_CHECK(!(len == 1 && seg[0] == '.'));
		FUZZ_CHECK(!(len == 2 && seg[0] == '.' && seg[1] == '.'));
		for (i = 0; i < len; i++)
			FUZZ_CHECK((unsigned char)seg[i] >= 0x20 &&
				   seg[i] != 0x7f && seg[i] != '\\');
		if (!end)
			break;
		seg = end;
	}
}

/* req->path is the raw target's path decoded segment by segment. */
static void
check_decoded(const char *target, const char *path)
{
	size_t raw_len = strcspn(target, "?"), i = 0, seg, n;
	char *want = ct_malloc(raw_len + 1);
	size_t used = 0;

	while (i < raw_len) {
		FUZZ_CHECK(target[i] == '/');
		i++;
		seg = i;
		while (i < raw_len && target[i] != '/')
			i++;
		want[used++] = '/';
		FUZZ_CHECK(router_percent_decode(target + seg, i - seg, 0,
						 want + used, &n) == CT_OK);
		used += n;
	}
	want[used] = '\0';
	FUZZ_CHECK(strcmp(want, path) == 0);
	free(want);
}

static enum ct_err
handle(void *app, struct http_request *req, struct http_response *resp,
       struct ct_error *err)
{
	const struct http_route *route = req->route;
	const struct http_param_spec *spec;
	struct ct_problems problems;
	const char *v;
	int64_t n;
	size_t i;

	(void)app;
	(void)err;
	FUZZ_CHECK(route != NULL);
	FUZZ_CHECK(route->method == req->method ||
		   (route->method == HTTP_METHOD_GET &&
		    req->method == HTTP_METHOD_HEAD));
	check_path(req->path);
	check_decoded(req->target, req->path);
	if (route->flags & HTTP_ROUTE_SESSION)
		FUZZ_CHECK(req->session != NULL);
	if ((route->flags & HTTP_ROUTE_CSRF) &&
	    http_method_is_unsafe(req->method))
		FUZZ_CHECK(current_sel & 0x10);

	v = http_request_param(req, "case_id");
	if (strstr(route->pattern, "{case_id:uuid}"))
		FUZZ_CHECK(v && ct_uuid_valid(v));
	if (strstr(route->pattern, "{n:int}")) {
		FUZZ_CHECK(http_request_param_int(req, "n", -1, &n) == CT_OK);
		FUZZ_CHECK(n >= 0);
	}
	for (i = 0; i < req->n_path_params; i++) {
		v = req->path_params[i].value;
		FUZZ_CHECK(v && v[0] && strlen(v) <= HTTP_PATH_STR_MAX);
		FUZZ_CHECK(http_param_text_valid(v, strlen(v)));
	}
	FUZZ_CHECK(req->n_query_params <= route->n_query);
	for (i = 0; i < req->n_query_params; i++) {
		spec = http_param_find(route->query, route->n_query,
				       req->query_params[i].name,
				       strlen(req->query_params[i].name));
		FUZZ_CHECK(spec != NULL);
		ct_problems_init(&problems);
		v = req->query_params[i].value;
		FUZZ_CHECK(http_param_check_text(spec, v, strlen(v),
						 &problems) == CT_OK);
	}
	for (i = 0; i < route->n_query; i++)
		if (route->query[i].flags & HTTP_PARAM_F_REQUIRED)
			FUZZ_CHECK(
				http_request_param(req, route->query[i].name));
	if (route->body)
		FUZZ_CHECK(json_is_object(req->body_json));
	else
		FUZZ_CHECK(req->body_json == NULL && req->body_len == 0);

	http_response_json(resp, req->arena, 200,
			   json_pack("{s:s}", "path", req->path));
	return CT_OK;
}

static void
check_response(const struct http_response *resp)
{
	static const unsigned known[] = {200, 400, 401, 403, 404,
					 405, 413, 414, 415};
	json_t *body, *fields;
	size_t i;
	int status_known = 0, has_allow = 0;

	for (i = 0; i < CT_ARRAY_SIZE(known); i++)
		status_known |= resp->status == known[i];
	FUZZ_CHECK(status_known);
	FUZZ_CHECK(resp->body != NULL);
	body = json_loadb(resp->body, resp->body_len, 0, NULL);
	FUZZ_CHECK(json_is_object(body));
	if (resp->status >= 400) {
		FUZZ_CHECK(json_is_string(json_object_get(body, "code")));
		FUZZ_CHECK(json_is_string(json_object_get(body, "message")));
		fields = json_object_get(body, "fields");
		FUZZ_CHECK(json_is_object(fields));
	}
	for (i = 0; i < resp->n_headers; i++)
		has_allow |= strcmp(resp->headers[i].name, "Allow") == 0;
	FUZZ_CHECK(has_allow == (resp->status == 405));
	json_decref(body);
}

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	static struct router router;
	static int ready;
	struct http_request req;
	struct http_response resp;
	struct arena arena;
	struct ct_error err;
	const uint8_t *body;
	size_t target_len, body_len;
	char *target;

	if (!ready) {
		/* Nothing here should log; a 500 is a failure anyway. */
		ct_log_set_level(CT_LOG_OFF);
		FUZZ_CHECK(router_init(&router, routes, CT_ARRAY_SIZE(routes),
				       &hooks, NULL, &err) == CT_OK);
		ready = 1;
	}
	current_sel = fuzz_take_byte(&data, &size);
	fuzz_split_nul(data, size, &target_len, &body, &body_len);
	target = fuzz_strndup(data, target_len);

	arena_init(&arena, ARENA_MAX_DEFAULT);
	http_request_init(&req, &arena, methods[current_sel & 7], target);
	if (body && !(current_sel & 0x80)) {
		FUZZ_CHECK(http_request_add_header(
				   &req, "Content-Type",
				   (current_sel & 0x40)
					   ? "text/plain"
					   : "application/json") == CT_OK);
		FUZZ_CHECK(http_request_set_body(&req, body, body_len) ==
			   CT_OK);
	}
	router_handle(&router, &req, &resp);
	check_response(&resp);
	FUZZ_CHECK(req.body_json == NULL);

	arena_release(&arena);
	free(target);
	return 0;
}
