#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <string.h>
#include <cmocka.h>

#include <jansson.h>

#include "http/body.h"

static const char *const kinds[] = {"melding", "incident", NULL};

static const struct http_param_spec fields[] = {
	HTTP_PARAM_UUID_SPEC("case_id", HTTP_PARAM_F_REQUIRED),
	HTTP_PARAM_INT_SPEC("version", HTTP_PARAM_F_REQUIRED, 1, 1000000),
	HTTP_PARAM_ENUM_SPEC("kind", 0, kinds),
	HTTP_PARAM_STRING_SPEC("note", HTTP_PARAM_F_NULLABLE, 20),
	HTTP_PARAM_DATE_SPEC("on", 0),
	{.name = "urgent", .type = HTTP_PARAM_BOOL},
	{.name = "persons", .type = HTTP_PARAM_JSON},
};

struct fixture {
	struct arena arena;
	struct http_request req;
	struct http_response resp;
	json_t *out;
};

static enum ct_err
parse(struct fixture *f, const char *type, const char *body, size_t max)
{
	arena_init(&f->arena, ARENA_MAX_DEFAULT);
	http_request_init(&f->req, &f->arena, HTTP_METHOD_POST, "/x");
	if (type)
		assert_int_equal(
			http_request_add_header(&f->req, "Content-Type", type),
			CT_OK);
	if (body)
		assert_int_equal(
			http_request_set_body(&f->req, body, strlen(body)),
			CT_OK);
	http_response_init(&f->resp);
	return http_body_parse_json(&f->req, fields, CT_ARRAY_SIZE(fields), max,
				    &f->out, &f->resp);
}

static json_t *
error_fields(struct fixture *f)
{
	json_t *j = json_loadb(f->resp.body, f->resp.body_len, 0, NULL);

	assert_non_null(j);
	return j;
}

static void
done(struct fixture *f)
{
	json_decref(f->out);
	arena_release(&f->arena);
}

static void
test_accepts_declared_fields(void **state)
{
	struct fixture f;

	(void)state;
	assert_int_equal(parse(&f, "application/json; charset=utf-8",
			       "{\"case_id\":\"0f8fad5b-d9cb-469f-a165-"
			       "70867728950e\",\"version\":3,\"kind\":"
			       "\"incident\",\"note\":null,\"on\":"
			       "\"2026-02-28\",\"urgent\":true,"
			       "\"persons\":[{\"x\":1}]}",
			       HTTP_BODY_MAX_DEFAULT),
			 CT_OK);
	assert_non_null(f.out);
	assert_int_equal(f.resp.status, 0);
	assert_int_equal(json_integer_value(json_object_get(f.out, "version")),
			 3);
	done(&f);
}

static void
test_unknown_and_wrong_fields_all_named(void **state)
{
	struct fixture f;
	json_t *j, *fl;

	(void)state;
	assert_int_equal(parse(&f, "application/json",
			       "{\"case_id\":\"nee\",\"version\":\"3\","
			       "\"kind\":\"x\",\"note\":\"veel te lange "
			       "notitie hier\",\"on\":\"2026-02-30\","
			       "\"admin\":true}",
			       HTTP_BODY_MAX_DEFAULT),
			 CT_ERR_INVALID);
	assert_null(f.out);
	assert_int_equal(f.resp.status, 400);
	j = error_fields(&f);
	fl = json_object_get(j, "fields");
	assert_string_equal(json_string_value(json_object_get(fl, "admin")),
			    "onbekend veld");
	assert_non_null(json_object_get(fl, "case_id"));
	assert_string_equal(json_string_value(json_object_get(fl, "version")),
			    "moet een geheel getal zijn");
	assert_non_null(json_object_get(fl, "kind"));
	assert_non_null(json_object_get(fl, "note"));
	assert_non_null(json_object_get(fl, "on"));
	json_decref(j);
	done(&f);
}

static void
test_missing_required(void **state)
{
	struct fixture f;
	json_t *j, *fl;

	(void)state;
	assert_int_equal(parse(&f, "application/json", "{\"kind\":null}",
			       HTTP_BODY_MAX_DEFAULT),
			 CT_ERR_INVALID);
	j = error_fields(&f);
	fl = json_object_get(j, "fields");
	assert_string_equal(json_string_value(json_object_get(fl, "case_id")),
			    "is verplicht");
	assert_string_equal(json_string_value(json_object_get(fl, "version")),
			    "is verplicht");
	/* kind is not nullable */
	assert_string_equal(json_string_value(json_object_get(fl, "kind")),
			    "mag niet leeg (null) zijn");
	json_decref(j);
	done(&f);
}

static void
test_duplicates_and_syntax_refused(void **state)
{
	struct fixture f;

	(void)state;
	assert_int_equal(parse(&f, "application/json",
			       "{\"version\":1,\"version\":2}",
			       HTTP_BODY_MAX_DEFAULT),
			 CT_ERR_INVALID);
	assert_int_equal(f.resp.status, 400);
	done(&f);
	assert_int_equal(parse(&f, "application/json", "{\"version\":1} x",
			       HTTP_BODY_MAX_DEFAULT),
			 CT_ERR_INVALID);
	done(&f);
	assert_int_equal(
		parse(&f, "application/json", "[1,2]", HTTP_BODY_MAX_DEFAULT),
		CT_ERR_INVALID);
	done(&f);
	assert_int_equal(
		parse(&f, "application/json", NULL, HTTP_BODY_MAX_DEFAULT),
		CT_ERR_INVALID);
	assert_int_equal(f.resp.status, 400);
	done(&f);
}

static void
test_media_type_and_size(void **state)
{
	struct fixture f;

	(void)state;
	assert_int_equal(parse(&f, "text/plain", "{}", HTTP_BODY_MAX_DEFAULT),
			 CT_ERR_INVALID);
	assert_int_equal(f.resp.status, 415);
	done(&f);
	assert_int_equal(parse(&f, NULL, "{}", HTTP_BODY_MAX_DEFAULT),
			 CT_ERR_INVALID);
	assert_int_equal(f.resp.status, 415);
	done(&f);
	assert_int_equal(parse(&f, "application/json", "{\"version\":1}", 5),
			 CT_ERR_LIMIT);
	assert_int_equal(f.resp.status, 413);
	done(&f);

	assert_true(http_body_is_json_type("application/json"));
	assert_true(
		http_body_is_json_type("Application/JSON ; charset=\"UTF-8\""));
	assert_false(
		http_body_is_json_type("application/json; charset=latin1"));
	assert_false(http_body_is_json_type("application/jsonx"));
	assert_false(http_body_is_json_type("application/json; boundary=x"));
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_accepts_declared_fields),
		cmocka_unit_test(test_unknown_and_wrong_fields_all_named),
		cmocka_unit_test(test_missing_required),
		cmocka_unit_test(test_duplicates_and_syntax_refused),
		cmocka_unit_test(test_media_type_and_size),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
