/*
 * test_form.c - url-encoded form bodies of the page routes: declared
 * fields only, decoded and validated like query parameters, empty boxes
 * as not given, the CSRF field passed over, free text (textarea) for
 * core to judge, and the CSRF hook's lookup.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <string.h>
#include <cmocka.h>

#include <jansson.h>

#include "http/form.h"
#include "util/arena.h"

static const char *const statuses[] = {"open", "gesloten", NULL};

static const struct http_param_spec fields[] = {
	HTTP_PARAM_STRING_SPEC("username", HTTP_PARAM_F_REQUIRED, 16),
	HTTP_PARAM_STRING_SPEC("note", 0, 64),
	HTTP_PARAM_ENUM_SPEC("status", 0, statuses),
	HTTP_PARAM_INT_SPEC("n", 0, 1, 9),
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
	ct_problems_init(&f->req.problems);
	if (type)
		assert_int_equal(
			http_request_add_header(&f->req, "Content-Type", type),
			CT_OK);
	if (body)
		assert_int_equal(
			http_request_set_body(&f->req, body, strlen(body)),
			CT_OK);
	http_response_init(&f->resp);
	f->out = NULL;
	return http_form_parse(&f->req, fields, CT_ARRAY_SIZE(fields), max,
			       &f->out, &f->resp);
}

static void
done(struct fixture *f)
{
	json_decref(f->out);
	arena_release(&f->arena);
}

static const char *
field(struct fixture *f, const char *name)
{
	return json_string_value(json_object_get(f->out, name));
}

/* 1 when the 400 names field among its problems. */
static int
problem_on(struct fixture *f, const char *name)
{
	size_t i;

	for (i = 0; i < f->req.problems.count; i++)
		if (strcmp(f->req.problems.items[i].field, name) == 0)
			return 1;
	return 0;
}

static void
test_good_form_is_decoded(void **state)
{
	struct fixture f;

	(void)state;
	assert_int_equal(parse(&f, HTTP_FORM_CONTENT_TYPE,
			       "username=an%C3%A9+de+v&note=a%26b%3Dc&"
			       "status=open&n=3&csrf_token=abc",
			       1024),
			 CT_OK);
	assert_string_equal(field(&f, "username"), "an\xc3\xa9 de v");
	assert_string_equal(field(&f, "note"), "a&b=c");
	assert_string_equal(field(&f, "status"), "open");
	assert_string_equal(field(&f, "n"), "3");
	/* the CSRF field is checked by the hook, never handed on */
	assert_null(json_object_get(f.out, HTTP_FORM_CSRF_FIELD));
	assert_int_equal(f.resp.status, 0);
	done(&f);

	assert_int_equal(parse(&f, "application/x-www-form-urlencoded; "
				   "charset=UTF-8",
			       "username=x", 1024),
			 CT_OK);
	assert_string_equal(field(&f, "username"), "x");
	done(&f);
}

static void
test_empty_box_is_not_given(void **state)
{
	struct fixture f;

	(void)state;
	assert_int_equal(parse(&f, HTTP_FORM_CONTENT_TYPE,
			       "username=bob&note=&n=", 1024),
			 CT_OK);
	assert_null(json_object_get(f.out, "note"));
	assert_null(json_object_get(f.out, "n"));
	done(&f);

	/* required and empty: "is verplicht", as if absent */
	assert_int_equal(parse(&f, HTTP_FORM_CONTENT_TYPE, "username=&note=x",
			       1024),
			 CT_ERR_INVALID);
	assert_null(f.out);
	assert_int_equal(f.resp.status, 400);
	assert_true(problem_on(&f, "username"));
	done(&f);
}

static void
test_every_problem_is_listed(void **state)
{
	struct fixture f;

	(void)state;
	assert_int_equal(parse(&f, HTTP_FORM_CONTENT_TYPE,
			       "username=a&username=b&evil=1&status=weg&n=12&"
			       "note=%zz",
			       1024),
			 CT_ERR_INVALID);
	assert_int_equal(f.resp.status, 400);
	assert_true(problem_on(&f, "username")); /* twice */
	assert_true(problem_on(&f, "evil"));	 /* undeclared */
	assert_true(problem_on(&f, "status"));	 /* not a code */
	assert_true(problem_on(&f, "n"));	 /* out of range */
	assert_true(problem_on(&f, "_"));	 /* bad escape */
	assert_null(f.out);
	done(&f);

	/* an encoded NUL and a control character are not text */
	assert_int_equal(parse(&f, HTTP_FORM_CONTENT_TYPE,
			       "username=a%00b&note=x%01", 1024),
			 CT_ERR_INVALID);
	assert_true(problem_on(&f, "_"));
	assert_true(problem_on(&f, "note"));
	done(&f);
}

static void
test_type_and_size(void **state)
{
	struct fixture f;

	(void)state;
	assert_int_equal(parse(&f, "application/json", "{\"username\":\"x\"}",
			       1024),
			 CT_ERR_INVALID);
	assert_int_equal(f.resp.status, 415);
	done(&f);
	assert_int_equal(parse(&f, "application/x-www-form-urlencoded; "
				   "charset=latin1",
			       "username=x", 1024),
			 CT_ERR_INVALID);
	assert_int_equal(f.resp.status, 415);
	done(&f);
	assert_int_equal(parse(&f, HTTP_FORM_CONTENT_TYPE,
			       "username=xxxxxxxxxx", 8),
			 CT_ERR_LIMIT);
	assert_int_equal(f.resp.status, 413);
	done(&f);
	assert_true(http_form_is_form_type(" application/x-www-form-urlencoded"));
	/* The same header rules as JSON's (media_type.h): a quoted charset
	 * is the same charset, a second parameter is refused. */
	assert_true(http_form_is_form_type("Application/X-WWW-Form-Urlencoded"
					   " ; charset=\"UTF-8\" "));
	assert_false(http_form_is_form_type("application/x-www-form-urlencoded;"
					    " charset=utf-8; boundary=x"));
	assert_false(http_form_is_form_type("multipart/form-data"));
	assert_false(http_form_is_form_type(NULL));
}

static const struct http_param_spec text_fields[] = {
	{.name = "text", .type = HTTP_PARAM_JSON},
	HTTP_PARAM_STRING_SPEC("line", 0, 64),
};

/* parse() with text_fields. */
static enum ct_err
parse_text(struct fixture *f, const char *body)
{
	arena_init(&f->arena, ARENA_MAX_DEFAULT);
	http_request_init(&f->req, &f->arena, HTTP_METHOD_POST, "/x");
	ct_problems_init(&f->req.problems);
	assert_int_equal(http_request_add_header(&f->req, "Content-Type",
						 HTTP_FORM_CONTENT_TYPE),
			 CT_OK);
	assert_int_equal(http_request_set_body(&f->req, body, strlen(body)),
			 CT_OK);
	http_response_init(&f->resp);
	f->out = NULL;
	return http_form_parse(&f->req, text_fields, CT_ARRAY_SIZE(text_fields),
			       8192, &f->out, &f->resp);
}

/* A textarea (HTTP_PARAM_JSON): free text, line breaks and all. */
static void
test_free_text(void **state)
{
	static const char start[] = "text=twee%0D%0Aregels%09%C3%A9";
	struct fixture f;
	char body[6000];

	(void)state;
	/* A line break is refused in a one-line field, kept in free text. */
	assert_int_equal(parse_text(&f, "text=a%0Ab&line=a%0Ab"),
			 CT_ERR_INVALID);
	assert_true(problem_on(&f, "line"));
	assert_false(problem_on(&f, "text"));
	done(&f);

	/* Longer than a query value may be: core judges the length. */
	memcpy(body, start, sizeof(start) - 1);
	memset(body + sizeof(start) - 1, 'x', 5000);
	body[sizeof(start) - 1 + 5000] = '\0';
	assert_int_equal(parse_text(&f, body), CT_OK);
	assert_int_equal(
		strncmp(field(&f, "text"), "twee\nregels\t\xc3\xa9xx", 15),
		0);
	assert_true(strlen(field(&f, "text")) > HTTP_PARAM_VALUE_MAX);
	done(&f);

	/* A browser's CR LF, and a lone CR, are stored as LF. */
	assert_int_equal(parse_text(&f, "text=a%0D%0Ab%0Dc%0D"), CT_OK);
	assert_string_equal(field(&f, "text"), "a\nb\nc\n");
	done(&f);

	/* Not UTF-8: refused under the field's name. */
	assert_int_equal(parse_text(&f, "text=%C3%28"), CT_ERR_INVALID);
	assert_true(problem_on(&f, "text"));
	done(&f);
}

static void
test_value_lookup(void **state)
{
	static const char body[] = "a=1&csrf%5Ftoken=t%2Bk+n&csrf_token=2";
	char out[16];

	(void)state;
	assert_true(http_form_value(body, strlen(body), "csrf_token", out,
				    sizeof(out)));
	assert_string_equal(out, "t+k n"); /* the first, decoded */
	assert_true(http_form_value(body, strlen(body), "a", out, sizeof(out)));
	assert_string_equal(out, "1");
	assert_false(http_form_value(body, strlen(body), "b", out,
				     sizeof(out)));
	/* too long for out: not found rather than cut */
	assert_false(http_form_value(body, strlen(body), "csrf_token", out,
				     4));
	assert_false(http_form_value("x=%zz", 5, "x", out, sizeof(out)));
	assert_false(http_form_value("x=a%00", 6, "x", out, sizeof(out)));
	assert_false(http_form_value(NULL, 0, "x", out, sizeof(out)));
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_good_form_is_decoded),
		cmocka_unit_test(test_empty_box_is_not_given),
		cmocka_unit_test(test_every_problem_is_listed),
		cmocka_unit_test(test_type_and_size),
		cmocka_unit_test(test_free_text),
		cmocka_unit_test(test_value_lookup),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
