/*
 * test_strings.c - every string has a text; the Netherlands and Flanders
 * get their own terms; the template variables carry them.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <string.h>
#include <cmocka.h>

#include "web/strings.h"
#include "web/tmpl.h"

static void
test_every_string_has_text(void **state)
{
	int i;

	(void)state;
	for (i = 0; i < WEB_S__COUNT; i++) {
		assert_true(strlen(web_str(CT_COUNTRY_NL, i)) > 0);
		assert_true(strlen(web_str(CT_COUNTRY_BE, i)) > 0);
	}
}

static void
test_jurisdiction_terms(void **state)
{
	(void)state;
	assert_string_equal(web_str(CT_COUNTRY_NL, WEB_S_CARE_ORG),
			    "Veilig Thuis");
	assert_string_equal(web_str(CT_COUNTRY_BE, WEB_S_CARE_ORG),
			    "Veilig Huis");
	assert_string_equal(web_str(CT_COUNTRY_NL, WEB_S_ORDER_AUTHORITY),
			    "burgemeester");
	assert_string_equal(web_str(CT_COUNTRY_BE, WEB_S_ORDER_AUTHORITY),
			    "procureur des Konings");
	/* Without a Belgian text both read the same. */
	assert_string_equal(web_str(CT_COUNTRY_BE, WEB_S_LOGIN_TITLE),
			    web_str(CT_COUNTRY_NL, WEB_S_LOGIN_TITLE));
}

static void
test_template_variables(void **state)
{
	static const char text[] = "{{s_care_org}}|{{s_login_title}}";
	struct tmpl_source src = {"t", text, sizeof(text) - 1};
	struct tmpl_set set = {&src, 1};
	struct ct_error err;
	struct arena a;
	struct sbuf out;
	struct tmpl_vars *v;

	(void)state;
	arena_init(&a, ARENA_MAX_DEFAULT);
	sbuf_init(&out, SBUF_MAX_SMALL);
	v = tmpl_vars_new(&a);
	web_strings_set(v, CT_COUNTRY_BE);
	assert_int_equal(tmpl_render(&set, "t", v, &out, &err), CT_OK);
	assert_string_equal(out.buf, "Veilig Huis|Aanmelden");
	sbuf_release(&out);
	arena_release(&a);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_every_string_has_text),
		cmocka_unit_test(test_jurisdiction_terms),
		cmocka_unit_test(test_template_variables),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
