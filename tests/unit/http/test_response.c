#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <string.h>
#include <cmocka.h>

#include <jansson.h>

#include "http/response.h"

/* Parse the response body back, so tests look at JSON, not at text. */
static json_t *
body_of(const struct http_response *resp)
{
	json_t *j = json_loadb(resp->body, resp->body_len, 0, NULL);

	assert_non_null(j);
	return j;
}

static void
test_error_shape_with_fields(void **state)
{
	struct arena a;
	struct http_response resp;
	struct ct_problems p;
	json_t *j, *fields;

	(void)state;
	arena_init(&a, ARENA_MAX_DEFAULT);
	ct_problems_init(&p);
	ct_problems_add(&p, "geboortedatum", "datum ligt in de toekomst");
	ct_problems_add(&p, "bsn", "ongeldig");
	ct_problems_add(&p, "bsn", "te kort");
	http_response_init(&resp);
	http_response_from_error(&resp, &a, CT_ERR_INVALID, NULL, &p);
	assert_int_equal(resp.status, 400);
	assert_string_equal(resp.content_type, HTTP_CONTENT_TYPE_JSON);
	j = body_of(&resp);
	assert_int_equal(json_object_size(j), 3);
	assert_string_equal(json_string_value(json_object_get(j, "code")),
			    "invalid");
	assert_non_null(json_string_value(json_object_get(j, "message")));
	fields = json_object_get(j, "fields");
	assert_true(json_is_object(fields));
	assert_string_equal(
		json_string_value(json_object_get(fields, "geboortedatum")),
		"datum ligt in de toekomst");
	assert_string_equal(json_string_value(json_object_get(fields, "bsn")),
			    "ongeldig; te kort");
	json_decref(j);
	arena_release(&a);
}

static void
test_error_from_ct_error(void **state)
{
	struct arena a;
	struct http_response resp;
	struct ct_error err;
	json_t *j;

	(void)state;
	arena_init(&a, ARENA_MAX_DEFAULT);
	ct_error_set(&err, CT_ERR_CONFLICT,
		     "Iemand anders heeft de zaak "
		     "intussen gewijzigd.");
	http_response_init(&resp);
	http_response_from_error(&resp, &a, CT_ERR_CONFLICT, &err, NULL);
	assert_int_equal(resp.status, 409);
	j = body_of(&resp);
	assert_string_equal(json_string_value(json_object_get(j, "code")),
			    "conflict");
	assert_string_equal(json_string_value(json_object_get(j, "message")),
			    err.message);
	assert_int_equal(json_object_size(json_object_get(j, "fields")), 0);
	json_decref(j);
	arena_release(&a);
}

static void
test_internal_error_hides_detail(void **state)
{
	struct arena a;
	struct http_response resp;
	struct ct_error err;
	json_t *j;

	(void)state;
	arena_init(&a, ARENA_MAX_DEFAULT);
	ct_error_set(&err, CT_ERR_DB, "SQLITE_CORRUPT in /var/geheim.db");
	http_response_init(&resp);
	http_response_from_error(&resp, &a, CT_ERR_DB, &err, NULL);
	assert_int_equal(resp.status, 500);
	assert_null(strstr(resp.body, "geheim"));
	j = body_of(&resp);
	assert_string_equal(json_string_value(json_object_get(j, "code")),
			    "internal");
	assert_true(json_is_object(json_object_get(j, "fields")));
	json_decref(j);
	arena_release(&a);
}

static void
test_status_mapping(void **state)
{
	(void)state;
	assert_int_equal(http_status_for(CT_ERR_NOTFOUND), 404);
	assert_int_equal(http_status_for(CT_ERR_DENIED), 403);
	assert_int_equal(http_status_for(CT_ERR_LIMIT), 413);
	assert_int_equal(http_status_for(CT_ERR_EXISTS), 409);
	assert_int_equal(http_status_for(CT_ERR_TAMPERED), 500);
	assert_string_equal(http_error_code_for(CT_ERR_NOTFOUND), "not_found");
	assert_string_equal(http_error_code_for(CT_ERR_IO), "internal");
}

static void
test_json_and_headers(void **state)
{
	struct arena a;
	struct http_response resp;
	const struct http_security_header *h;
	size_t n, i;
	int csp = 0, nosniff = 0, referrer = 0, cache = 0;

	(void)state;
	arena_init(&a, ARENA_MAX_DEFAULT);
	http_response_init(&resp);
	http_response_json(&resp, &a, 201, json_pack("{s:i}", "n", 3));
	assert_int_equal(resp.status, 201);
	assert_int_equal(resp.body_len, strlen("{\"n\":3}"));
	assert_memory_equal(resp.body, "{\"n\":3}", resp.body_len);
	http_response_add_header(&resp, &a, "Allow", "GET, HEAD");
	assert_int_equal(resp.n_headers, 1);
	assert_string_equal(resp.headers[0].value, "GET, HEAD");
	/* a NULL body (jansson failure) becomes a complete 500 */
	http_response_json(&resp, &a, 200, NULL);
	assert_int_equal(resp.status, 500);

	h = http_response_security_headers(&n);
	for (i = 0; i < n; i++) {
		if (!strcmp(h[i].name, "Content-Security-Policy") &&
		    !strcmp(h[i].value,
			    "default-src 'none'; frame-ancestors 'none'"))
			csp = 1;
		if (!strcmp(h[i].name, "X-Content-Type-Options") &&
		    !strcmp(h[i].value, "nosniff"))
			nosniff = 1;
		if (!strcmp(h[i].name, "Referrer-Policy") &&
		    !strcmp(h[i].value, "no-referrer"))
			referrer = 1;
		if (!strcmp(h[i].name, "Cache-Control") &&
		    !strcmp(h[i].value, "no-store"))
			cache = 1;
	}
	assert_true(csp && nosniff && referrer && cache);
	arena_release(&a);
}

static void
test_dropped_problems_are_mentioned(void **state)
{
	struct ct_problems p;
	json_t *j;
	size_t i;

	(void)state;
	ct_problems_init(&p);
	for (i = 0; i < CT_PROBLEMS_MAX + 3; i++)
		ct_problems_add(&p, "x", "fout");
	j = http_error_json("invalid", "Niet in orde.", &p);
	assert_non_null(j);
	assert_string_equal(json_string_value(json_object_get(
				    json_object_get(j, "fields"), "_")),
			    "en nog 3 problemen");
	json_decref(j);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_error_shape_with_fields),
		cmocka_unit_test(test_error_from_ct_error),
		cmocka_unit_test(test_internal_error_hides_detail),
		cmocka_unit_test(test_status_mapping),
		cmocka_unit_test(test_json_and_headers),
		cmocka_unit_test(test_dropped_problems_are_mentioned),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
