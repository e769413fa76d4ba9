#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <string.h>
#include <cmocka.h>

#include <jansson.h>

#include "http/api_health.h"

static enum ct_err
allow_all(void *app, const struct http_request *req,
	  const struct http_route *route, struct ct_error *err)
{
	(void)app;
	(void)req;
	(void)err;
	/* the route must carry its action to the policy */
	assert_string_equal(route->action, API_HEALTH_ACTION);
	return CT_OK;
}

static void
test_health_through_router(void **state)
{
	static const struct http_route routes[] = {API_HEALTH_ROUTE};
	static const struct router_hooks hooks = {.authorize = allow_all};
	struct router r;
	struct ct_error err;
	struct arena a;
	struct http_request req;
	struct http_response resp;
	json_t *j;

	(void)state;
	assert_int_equal(router_init(&r, routes, 1, &hooks, NULL, &err), CT_OK);
	arena_init(&a, ARENA_MAX_DEFAULT);
	http_request_init(&req, &a, HTTP_METHOD_GET, "/health");
	router_handle(&r, &req, &resp);
	assert_int_equal(resp.status, 200);
	assert_int_equal(routes[0].flags & HTTP_ROUTE_SESSION, 0);
	j = json_loadb(resp.body, resp.body_len, 0, NULL);
	assert_non_null(j);
	assert_int_equal(json_object_size(j), 1);
	assert_string_equal(json_string_value(json_object_get(j, "status")),
			    "ok");
	json_decref(j);
	arena_release(&a);
	router_release(&r);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_health_through_router),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
