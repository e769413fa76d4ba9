#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <string.h>
#include <cmocka.h>

#include "http/param.h"

static const char *const statuses[] = {"open", "gesloten", NULL};

static enum ct_err
check(const struct http_param_spec *spec, const char *value,
      struct ct_problems *p)
{
	return http_param_check_text(spec, value, strlen(value), p);
}

static void
test_uuid(void **state)
{
	struct http_param_spec spec = HTTP_PARAM_UUID_SPEC("case_id", 0);
	struct ct_problems p;

	(void)state;
	ct_problems_init(&p);
	assert_int_equal(
		check(&spec, "0f8fad5b-d9cb-469f-a165-70867728950e", &p),
		CT_OK);
	assert_int_equal(p.count, 0);
	assert_int_equal(
		check(&spec, "0f8fad5b-d9cb-469f-a165-70867728950", &p),
		CT_ERR_INVALID);
	assert_int_equal(check(&spec, "../etc/passwd", &p), CT_ERR_INVALID);
	assert_int_equal(p.count, 2);
	assert_string_equal(p.items[0].field, "case_id");
	assert_string_equal(p.items[0].message, "geen geldige UUID");
}

static void
test_int_range(void **state)
{
	struct http_param_spec spec = HTTP_PARAM_INT_SPEC("limit", 0, 1, 100);
	struct ct_problems p;

	(void)state;
	ct_problems_init(&p);
	assert_int_equal(check(&spec, "1", &p), CT_OK);
	assert_int_equal(check(&spec, "100", &p), CT_OK);
	assert_int_equal(p.count, 0);
	assert_int_equal(check(&spec, "0", &p), CT_ERR_INVALID);
	assert_int_equal(check(&spec, "101", &p), CT_ERR_INVALID);
	assert_int_equal(check(&spec, "12abc", &p), CT_ERR_INVALID);
	assert_int_equal(check(&spec, "", &p), CT_ERR_INVALID);
	assert_int_equal(check(&spec, "99999999999999999999999", &p),
			 CT_ERR_INVALID);
	assert_int_equal(p.count, 5);
	assert_string_equal(p.items[0].message,
			    "geen geheel getal van 1 tot en met 100");
}

static void
test_enum_string_bool(void **state)
{
	struct http_param_spec e = HTTP_PARAM_ENUM_SPEC("status", 0, statuses);
	struct http_param_spec s = HTTP_PARAM_STRING_SPEC("q", 0, 5);
	struct http_param_spec b = {.name = "actief", .type = HTTP_PARAM_BOOL};
	struct ct_problems p;

	(void)state;
	ct_problems_init(&p);
	assert_int_equal(check(&e, "open", &p), CT_OK);
	assert_int_equal(check(&e, "ope", &p), CT_ERR_INVALID);
	assert_int_equal(check(&e, "OPEN", &p), CT_ERR_INVALID);
	assert_int_equal(check(&s, "abcde", &p), CT_OK);
	assert_int_equal(check(&s, "\xc3\xa9t\xc3\xa9", &p), CT_OK);
	assert_int_equal(check(&s, "abcdef", &p), CT_ERR_INVALID);
	assert_int_equal(check(&s, "", &p), CT_ERR_INVALID);
	assert_int_equal(check(&s, "a\nb", &p), CT_ERR_INVALID);
	assert_int_equal(check(&b, "true", &p), CT_OK);
	assert_int_equal(check(&b, "false", &p), CT_OK);
	assert_int_equal(check(&b, "1", &p), CT_ERR_INVALID);
	assert_int_equal(p.count, 6);
}

static void
test_date(void **state)
{
	(void)state;
	assert_true(http_param_date_valid("2026-03-29", 10));
	assert_true(http_param_date_valid("2024-02-29", 10));
	assert_false(http_param_date_valid("2023-02-29", 10));
	assert_false(http_param_date_valid("1900-02-29", 10));
	assert_true(http_param_date_valid("2000-02-29", 10));
	assert_false(http_param_date_valid("2026-04-31", 10));
	assert_false(http_param_date_valid("2026-13-01", 10));
	assert_false(http_param_date_valid("2026-1-01", 9));
	assert_false(http_param_date_valid("2026-01-011", 11));
	assert_false(http_param_date_valid("0999-01-01", 10));
}

static void
test_text_valid(void **state)
{
	(void)state;
	assert_true(http_param_text_valid("Zo\xc3\xab", 4));
	assert_false(http_param_text_valid("\xc3", 1));		/* cut off */
	assert_false(http_param_text_valid("\xc0\xaf", 2));	/* overlong */
	assert_false(http_param_text_valid("\xed\xa0\x80", 3)); /* surrogate */
	assert_false(http_param_text_valid("a\0b", 3));
	assert_false(http_param_text_valid("\x7f", 1));
	assert_false(http_param_text_valid("\xc2\x85", 2)); /* C1 NEL */
}

static void
test_spec_check(void **state)
{
	static const struct http_param_spec good[] = {
		HTTP_PARAM_INT_SPEC("limit", 0, 1, 100),
		HTTP_PARAM_ENUM_SPEC("status", 0, statuses),
	};
	static const struct http_param_spec twice[] = {
		HTTP_PARAM_DATE_SPEC("van", 0),
		HTTP_PARAM_DATE_SPEC("van", 0),
	};
	static const struct http_param_spec upside_down[] = {
		HTTP_PARAM_INT_SPEC("limit", 0, 10, 1),
	};
	static const struct http_param_spec json[] = {
		{.name = "persons", .type = HTTP_PARAM_JSON},
	};
	struct ct_error err;

	(void)state;
	assert_int_equal(http_param_spec_check(good, 2, 0, "r", &err), CT_OK);
	assert_int_equal(http_param_spec_check(twice, 2, 0, "r", &err),
			 CT_ERR_INVALID);
	assert_non_null(strstr(err.message, "'van'"));
	assert_int_equal(http_param_spec_check(upside_down, 1, 0, "r", &err),
			 CT_ERR_INVALID);
	assert_int_equal(http_param_spec_check(json, 1, 0, "r", &err),
			 CT_ERR_INVALID);
	assert_int_equal(http_param_spec_check(json, 1, 1, "r", &err), CT_OK);
	assert_ptr_equal(http_param_find(good, 2, "status", 6), &good[1]);
	assert_null(http_param_find(good, 2, "stat", 4));
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_uuid),
		cmocka_unit_test(test_int_range),
		cmocka_unit_test(test_enum_string_bool),
		cmocka_unit_test(test_date),
		cmocka_unit_test(test_text_valid),
		cmocka_unit_test(test_spec_check),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
