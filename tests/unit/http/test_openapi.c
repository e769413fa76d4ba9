/*
 * test_openapi.c - the OpenAPI document against the route table, both
 * ways: every route is an operation of the document, every operation of
 * the document is a route, every route has a description row, and the
 * document is served through the router without a session.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <string.h>
#include <cmocka.h>

#include <jansson.h>

#include "http/app.h"
#include "http/openapi.h"

static const char *
method_key(enum http_method m)
{
	switch (m) {
	case HTTP_METHOD_GET:
		return "get";
	case HTTP_METHOD_POST:
		return "post";
	case HTTP_METHOD_PATCH:
		return "patch";
	case HTTP_METHOD_DELETE:
		return "delete";
	case HTTP_METHOD_PUT:
		return "put";
	default:
		return "?";
	}
}

static void
test_path_strips_types(void **state)
{
	char out[64];

	(void)state;
	assert_true(openapi_path("/api/v1/cases/{case_id:uuid}/persons/"
				 "{person_id:uuid}",
				 out, sizeof(out)));
	assert_string_equal(out, "/api/v1/cases/{case_id}/persons/{person_id}");
	assert_true(openapi_path("/health", out, sizeof(out)));
	assert_string_equal(out, "/health");
	assert_false(openapi_path("/a/very/long/path", out, 8));
}

static void
test_every_route_is_in_the_document(void **state)
{
	json_t *doc = openapi_document(app_routes, app_routes_count);
	json_t *paths = json_object_get(doc, "paths"), *op;
	char path[HTTP_TARGET_MAX];
	size_t i;

	(void)state;
	assert_string_equal(json_string_value(json_object_get(doc, "openapi")),
			    "3.1.0");
	assert_true(app_routes_count > 30);
	for (i = 0; i < app_routes_count; i++) {
		const struct http_route *r = &app_routes[i];

		assert_true(openapi_path(r->pattern, path, sizeof(path)));
		op = json_object_get(json_object_get(paths, path),
				     method_key(r->method));
		if (r->flags & HTTP_ROUTE_PAGE) {
			/* a page is not an API operation */
			if (op)
				fail_msg("page %s %s is in the API document",
					 http_method_name(r->method),
					 r->pattern);
			continue;
		}
		if (!op)
			fail_msg("route %s %s missing from the document",
				 http_method_name(r->method), r->pattern);
		if (policy_action_from_name(r->action) < 0)
			fail_msg("route %s has an unknown action %s",
				 r->pattern, r->action);
		if (!openapi_describe(r->method, r->pattern))
			fail_msg("route %s %s has no description row",
				 http_method_name(r->method), r->pattern);
		assert_string_equal(
			json_string_value(json_object_get(op, "x-action")),
			r->action);
		/* a body is described as a closed object */
		if (r->body)
			assert_true(json_is_false(json_object_get(
				json_object_get(
					json_object_get(
						json_object_get(
							json_object_get(
								op,
								"requestBody"),
							"content"),
						"application/json"),
					"schema"),
				"additionalProperties")));
	}
	json_decref(doc);
}

static void
test_every_operation_is_a_route(void **state)
{
	json_t *doc = openapi_document(app_routes, app_routes_count);
	json_t *paths = json_object_get(doc, "paths"), *item, *op;
	const char *path, *method;
	char route_path[HTTP_TARGET_MAX];
	size_t i, ops = 0;
	int found;

	(void)state;
	json_object_foreach(paths, path, item) {
		json_object_foreach(item, method, op) {
			found = 0;
			for (i = 0; i < app_routes_count; i++) {
				if (app_routes[i].flags & HTTP_ROUTE_PAGE)
					continue;
				assert_true(openapi_path(app_routes[i].pattern,
							 route_path,
							 sizeof(route_path)));
				if (strcmp(route_path, path) == 0 &&
				    strcmp(method_key(app_routes[i].method),
					   method) == 0)
					found = 1;
			}
			if (!found)
				fail_msg("document has %s %s, no route does",
					 method, path);
			ops++;
		}
	}
	/* one operation per API route: nothing invented, nothing merged */
	for (i = 0; i < app_routes_count; i++)
		if (app_routes[i].flags & HTTP_ROUTE_PAGE)
			ops++;
	assert_int_equal(ops, app_routes_count);
	json_decref(doc);
}

static void
test_parameters_and_security(void **state)
{
	json_t *doc = openapi_document(app_routes, app_routes_count);
	json_t *paths = json_object_get(doc, "paths");
	json_t *get_person = json_object_get(
		json_object_get(paths,
				"/api/v1/cases/{case_id}/persons/{person_id}"),
		"get");
	json_t *list = json_object_get(
		json_object_get(paths, "/api/v1/cases"), "get");
	json_t *health = json_object_get(json_object_get(paths, "/health"),
					 "get");
	json_t *p;
	size_t i;
	int saw_status = 0;

	(void)state;
	assert_non_null(get_person);
	p = json_object_get(get_person, "parameters");
	assert_int_equal(json_array_size(p), 2);
	assert_string_equal(json_string_value(json_object_get(
				    json_array_get(p, 0), "name")),
			    "case_id");
	assert_string_equal(
		json_string_value(json_object_get(
			json_object_get(json_array_get(p, 1), "schema"),
			"format")),
		"uuid");
	json_array_foreach(json_object_get(list, "parameters"), i, p)
		if (strcmp(json_string_value(json_object_get(p, "name")),
			   "status") == 0) {
			saw_status = 1;
			assert_int_equal(json_array_size(json_object_get(
						 json_object_get(p, "schema"),
						 "enum")),
					 2);
		}
	assert_true(saw_status);
	assert_int_equal(json_array_size(json_object_get(list, "security")),
			 2);
	assert_int_equal(json_array_size(json_object_get(health, "security")),
			 0);
	assert_non_null(json_object_get(
		json_object_get(json_object_get(doc, "components"), "schemas"),
		"Error"));
	json_decref(doc);
}

static enum ct_err
allow_all(void *app, const struct http_request *req,
	  const struct http_route *route, struct ct_error *err)
{
	(void)app;
	(void)req;
	(void)err;
	assert_string_equal(route->action, OPENAPI_ACTION);
	return CT_OK;
}

static void
test_served_through_the_router(void **state)
{
	static const struct http_route routes[] = {OPENAPI_ROUTE};
	static const struct router_hooks hooks = {.authorize = allow_all};
	struct router r;
	struct ct_error err;
	struct arena a;
	struct http_request req;
	struct http_response resp;
	json_t *j;

	(void)state;
	assert_int_equal(policy_action_from_name(OPENAPI_ACTION),
			 POLICY_OPENAPI_READ);
	assert_int_equal(router_init(&r, routes, 1, &hooks, NULL, &err), CT_OK);
	arena_init(&a, ARENA_MAX_DEFAULT);
	http_request_init(&req, &a, HTTP_METHOD_GET, OPENAPI_PATH);
	router_handle(&r, &req, &resp);
	assert_int_equal(resp.status, 200);
	j = json_loadb(resp.body, resp.body_len, 0, NULL);
	assert_non_null(j);
	assert_non_null(json_object_get(json_object_get(j, "paths"),
					"/api/v1/cases/{case_id}"));
	json_decref(j);
	arena_release(&a);
	router_release(&r);
}

static void
test_the_whole_table_is_accepted(void **state)
{
	struct router r;
	struct ct_error err;

	(void)state;
	/* every row declares an action the policy knows, and valid specs */
	if (router_init(&r, app_routes, app_routes_count, NULL, NULL, &err))
		fail_msg("route table refused: %s", err.message);
	router_release(&r);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_path_strips_types),
		cmocka_unit_test(test_every_route_is_in_the_document),
		cmocka_unit_test(test_every_operation_is_a_route),
		cmocka_unit_test(test_parameters_and_security),
		cmocka_unit_test(test_served_through_the_router),
		cmocka_unit_test(test_the_whole_table_is_accepted),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
