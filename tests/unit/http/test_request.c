#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <string.h>
#include <cmocka.h>

#include "http/request.h"

static void
test_methods(void **state)
{
	(void)state;
	assert_int_equal(http_method_parse("GET"), HTTP_METHOD_GET);
	assert_int_equal(http_method_parse("DELETE"), HTTP_METHOD_DELETE);
	assert_int_equal(http_method_parse("get"), HTTP_METHOD_OTHER);
	assert_int_equal(http_method_parse("TRACE"), HTTP_METHOD_OTHER);
	assert_string_equal(http_method_name(HTTP_METHOD_PATCH), "PATCH");
	assert_string_equal(http_method_name(HTTP_METHOD_OTHER), "?");
	assert_true(http_method_is_unsafe(HTTP_METHOD_POST));
	assert_false(http_method_is_unsafe(HTTP_METHOD_GET));
	assert_false(http_method_is_unsafe(HTTP_METHOD_HEAD));
}

static void
test_headers_and_body(void **state)
{
	struct arena a;
	struct http_request req;
	char big[64];
	size_t i;

	(void)state;
	arena_init(&a, ARENA_MAX_DEFAULT);
	http_request_init(&req, &a, HTTP_METHOD_POST, "/x?y=1");
	assert_string_equal(req.target, "/x?y=1");
	assert_null(http_request_header(&req, "Content-Type"));
	assert_int_equal(http_request_add_header(&req, "Content-Type",
						 "application/json"),
			 CT_OK);
	assert_int_equal(
		http_request_add_header(&req, "content-type", "text/plain"),
		CT_OK);
	/* case-insensitive, first wins */
	assert_string_equal(http_request_header(&req, "CONTENT-TYPE"),
			    "application/json");
	for (i = 2; i < HTTP_REQUEST_HEADERS_MAX; i++) {
		snprintf(big, sizeof(big), "X-%zu", i);
		assert_int_equal(http_request_add_header(&req, big, "v"),
				 CT_OK);
	}
	assert_int_equal(http_request_add_header(&req, "X-Te-Veel", "v"),
			 CT_ERR_LIMIT);
	assert_int_equal(http_request_set_body(&req, "{}", 2), CT_OK);
	assert_int_equal(req.body_len, 2);
	assert_string_equal(req.body, "{}");
	arena_release(&a);
}

static void
test_params(void **state)
{
	struct arena a;
	struct http_request req;
	struct http_param path[] = {{"case_id", "abc"}};
	struct http_param query[] = {{"limit", "25"}, {"q", "x"}};
	int64_t v;

	(void)state;
	arena_init(&a, ARENA_MAX_DEFAULT);
	http_request_init(&req, &a, HTTP_METHOD_GET, "/");
	req.path_params = path;
	req.n_path_params = 1;
	req.query_params = query;
	req.n_query_params = 2;
	assert_string_equal(http_request_param(&req, "case_id"), "abc");
	assert_string_equal(http_request_param(&req, "q"), "x");
	assert_null(http_request_param(&req, "other"));
	assert_int_equal(http_request_param_int(&req, "limit", 10, &v), CT_OK);
	assert_int_equal(v, 25);
	assert_int_equal(http_request_param_int(&req, "offset", 7, &v),
			 CT_ERR_NOTFOUND);
	assert_int_equal(v, 7);
	arena_release(&a);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_methods),
		cmocka_unit_test(test_headers_and_body),
		cmocka_unit_test(test_params),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
