#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <string.h>
#include <cmocka.h>

#include "docs/doc_model.h"

static void
test_kind_codes_round_trip(void **state)
{
	enum doc_kind k;
	int i;

	(void)state;
	for (i = 0; i < DOC_KIND_COUNT; i++) {
		assert_non_null(doc_kind_code((enum doc_kind)i));
		assert_int_equal(doc_kind_parse(doc_kind_code((enum doc_kind)i),
						&k),
				 CT_OK);
		assert_int_equal(k, i);
	}
	assert_string_equal(doc_kind_code(DOC_EXTENSION), "extension");
	k = DOC_LETTER;
	assert_int_equal(doc_kind_parse("Decision", &k), CT_ERR_INVALID);
	assert_int_equal(doc_kind_parse(NULL, &k), CT_ERR_INVALID);
	assert_int_equal(k, DOC_LETTER); /* untouched on failure */
	assert_null(doc_kind_code((enum doc_kind)7));
}

static void
test_country_role_mandate_codes(void **state)
{
	enum ct_country c;
	enum doc_decider_role r;
	enum doc_mandate m;

	(void)state;
	assert_int_equal(doc_country_parse("BE", &c), CT_OK);
	assert_int_equal(c, CT_COUNTRY_BE);
	assert_string_equal(doc_country_code(CT_COUNTRY_NL), "NL");
	assert_int_equal(doc_country_parse("nl", &c), CT_ERR_INVALID);
	assert_int_equal(doc_role_parse("hovj", &r), CT_OK);
	assert_int_equal(r, DOC_ROLE_HOVJ);
	assert_string_equal(doc_role_code(DOC_ROLE_DEPUTY_MAYOR),
			    "deputy_mayor");
	assert_int_equal(doc_role_parse("judge", &r), CT_ERR_INVALID);
	assert_int_equal(doc_mandate_parse("signing", &m), CT_OK);
	assert_int_equal(m, DOC_MANDATE_SIGNING);
	assert_string_equal(doc_mandate_code(DOC_MANDATE_DECIDING),
			    "deciding");
	assert_int_equal(doc_mandate_parse("", &m), CT_ERR_INVALID);
}

static void
test_init_zeroes(void **state)
{
	struct doc_input in;

	(void)state;
	memset(&in, 0x5a, sizeof(in));
	doc_input_init(&in);
	assert_int_equal(in.kind, DOC_DECISION);
	assert_int_equal(in.jurisdiction, CT_COUNTRY_NL);
	assert_null(in.address);
	assert_int_equal(in.protected_count, 0);
	assert_int_equal(in.start, 0);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_kind_codes_round_trip),
		cmocka_unit_test(test_country_role_mandate_codes),
		cmocka_unit_test(test_init_zeroes),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
