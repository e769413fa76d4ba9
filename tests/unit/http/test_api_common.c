/*
 * test_api_common.c - the shared API helpers: paging, the list shape, the
 * 404 that must be byte-identical to the router's, and the 409 of a
 * stale version.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <string.h>
#include <cmocka.h>

#include <jansson.h>

#include "http/api_common.h"

static enum ct_err
answer_missing(void *app, struct http_request *req, struct http_response *resp,
	       struct ct_error *err)
{
	(void)app;
	(void)req;
	(void)resp;
	return api_not_found(err);
}

static enum ct_err
allow_all(void *app, const struct http_request *req,
	  const struct http_route *route, struct ct_error *err)
{
	(void)app;
	(void)req;
	(void)route;
	(void)err;
	return CT_OK;
}

static enum ct_err
deny_absent(void *app, const struct http_request *req,
	    const struct http_route *route, struct ct_error *err)
{
	(void)app;
	(void)req;
	(void)route;
	(void)err;
	return CT_ERR_NOTFOUND;
}

/* Run target through a one-route router and copy the body out. */
static void
run(const struct router_hooks *hooks, const char *target, unsigned *status,
    char *body, size_t size)
{
	static const struct http_route routes[] = {{
		.method = HTTP_METHOD_GET,
		.pattern = "/x/{id:uuid}",
		.action = "case.read",
		.handler = answer_missing,
	}};
	struct router r;
	struct ct_error err;
	struct arena a;
	struct http_request req;
	struct http_response resp;

	assert_int_equal(router_init(&r, routes, 1, hooks, NULL, &err), CT_OK);
	arena_init(&a, ARENA_MAX_DEFAULT);
	http_request_init(&req, &a, HTTP_METHOD_GET, target);
	router_handle(&r, &req, &resp);
	*status = resp.status;
	assert_true(resp.body_len < size);
	memcpy(body, resp.body, resp.body_len);
	body[resp.body_len] = '\0';
	arena_release(&a);
	router_release(&r);
}

static void
test_not_found_is_the_routers_404(void **state)
{
	static const struct router_hooks serve = {.authorize = allow_all};
	static const struct router_hooks hide = {.authorize = deny_absent};
	char from_handler[512], no_route[512], outside[512];
	unsigned s1, s2, s3;

	(void)state;
	run(&serve, "/x/0b6f7c1e-4f4a-4d7e-9a53-2f1b6c0e8d11", &s1,
	    from_handler, sizeof(from_handler));
	run(&serve, "/nothing/here", &s2, no_route, sizeof(no_route));
	run(&hide, "/x/0b6f7c1e-4f4a-4d7e-9a53-2f1b6c0e8d11", &s3, outside,
	    sizeof(outside));
	assert_int_equal(s1, 404);
	assert_int_equal(s2, 404);
	assert_int_equal(s3, 404);
	assert_string_equal(from_handler, no_route);
	assert_string_equal(from_handler, outside);
	assert_non_null(strstr(from_handler, "\"code\":\"not_found\""));
}

static void
test_paging(void **state)
{
	struct api_page pg = {.limit = 2, .offset = 3};

	(void)state;
	assert_false(api_page_contains(&pg, 0));
	assert_false(api_page_contains(&pg, 2));
	assert_true(api_page_contains(&pg, 3));
	assert_true(api_page_contains(&pg, 4));
	assert_false(api_page_contains(&pg, 5));
}

static void
test_list_shape(void **state)
{
	struct api_page pg = {.limit = 10, .offset = 20};
	struct arena a;
	struct http_request req;
	struct http_response resp;
	json_t *items, *j;

	(void)state;
	arena_init(&a, ARENA_MAX_DEFAULT);
	http_request_init(&req, &a, HTTP_METHOD_GET, "/l");
	http_response_init(&resp);
	items = api_json_array();
	api_json_append(items, json_integer(7));
	api_list_respond(&req, &resp, items, 21, &pg);
	assert_int_equal(resp.status, 200);
	j = json_loadb(resp.body, resp.body_len, 0, NULL);
	assert_non_null(j);
	assert_int_equal(json_object_size(j), 4);
	assert_int_equal(json_array_size(json_object_get(j, "items")), 1);
	assert_int_equal(json_integer_value(json_object_get(j, "total")), 21);
	assert_int_equal(json_integer_value(json_object_get(j, "limit")), 10);
	assert_int_equal(json_integer_value(json_object_get(j, "offset")), 20);
	json_decref(j);
	arena_release(&a);
}

static void
test_errors(void **state)
{
	struct ct_error err;
	struct arena a;
	struct http_request req;

	(void)state;
	assert_int_equal(api_conflict(&err), CT_ERR_CONFLICT);
	assert_non_null(strstr(err.message, "gewijzigd"));
	assert_int_equal(api_store_failed(CT_ERR_NOTFOUND, &err),
			 CT_ERR_NOTFOUND);
	assert_string_equal(err.message, API_NOT_FOUND_MESSAGE);
	assert_int_equal(api_store_failed(CT_ERR_CONFLICT, &err),
			 CT_ERR_CONFLICT);
	assert_int_equal(api_store_failed(CT_ERR_BUSY, &err), CT_ERR_BUSY);

	arena_init(&a, ARENA_MAX_DEFAULT);
	http_request_init(&req, &a, HTTP_METHOD_GET, "/p");
	assert_int_equal(api_check_problems(&req, &err), CT_OK);
	ct_problems_add(&req.problems, "bsn", "klopt niet");
	assert_int_equal(api_check_problems(&req, &err), CT_ERR_INVALID);
	arena_release(&a);
}

static void
test_json_helpers(void **state)
{
	json_t *j = api_json_object();

	(void)state;
	api_json_set_text(j, "absent", NULL);
	api_json_set_text(j, "bad", "\xff");
	api_json_set_instant(j, "zero", 0, 1);
	api_json_set_instant(j, "epoch", 0, 0);
	assert_null(json_object_get(j, "absent"));
	assert_true(json_is_null(json_object_get(j, "bad")));
	assert_null(json_object_get(j, "zero"));
	assert_string_equal(json_string_value(json_object_get(j, "epoch")),
			    "1970-01-01T00:00:00Z");
	json_decref(j);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_not_found_is_the_routers_404),
		cmocka_unit_test(test_paging),
		cmocka_unit_test(test_list_shape),
		cmocka_unit_test(test_errors),
		cmocka_unit_test(test_json_helpers),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
