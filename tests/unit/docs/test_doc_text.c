#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <string.h>
#include <cmocka.h>

#include "docs/doc_text.h"

static const char *
body(enum ct_country c, enum doc_kind k, enum doc_text_id id)
{
	const struct doc_text *t = doc_text_get(c, k, id);

	assert_non_null(t);
	return t->body;
}

static void
test_every_text_has_a_source(void **state)
{
	const struct doc_text *t;
	int c, k, id;
	int found = 0;

	(void)state;
	for (c = 0; c < 2; c++)
		for (k = 0; k < DOC_KIND_COUNT; k++)
			for (id = 0; id < DOC_T__COUNT; id++) {
				t = doc_text_get((enum ct_country)c,
						 (enum doc_kind)k,
						 (enum doc_text_id)id);
				if (!t)
					continue;
				found++;
				assert_non_null(t->body);
				assert_non_null(t->source);
				assert_non_null(strstr(t->source, "seed 00"));
				if (id != DOC_T_LAW)
					assert_non_null(t->heading);
			}
	assert_true(found > 20);
}

/* Every document names the law, the violation and the appeal/review. */
static void
test_mandatory_texts_present(void **state)
{
	int c, k;

	(void)state;
	for (c = 0; c < 2; c++)
		for (k = 0; k < DOC_KIND_COUNT; k++) {
			assert_non_null(doc_text_get((enum ct_country)c,
						     (enum doc_kind)k,
						     DOC_T_LAW));
			assert_non_null(doc_text_get((enum ct_country)c,
						     (enum doc_kind)k,
						     DOC_T_VIOLATION));
			assert_non_null(doc_text_get((enum ct_country)c,
						     (enum doc_kind)k,
						     DOC_T_MEANING));
		}
	assert_null(doc_text_get(CT_COUNTRY_BE, DOC_LETTER, DOC_T_APPEAL));
	assert_null(doc_text_get(CT_COUNTRY_BE, DOC_DECISION, DOC_T_KEYS));
}

/* Seed 001 ch. 4 and 5 (art. 6, 11, 12 Wth). */
static void
test_nl_wording(void **state)
{
	const char *s;

	(void)state;
	s = body(CT_COUNTRY_NL, DOC_DECISION, DOC_T_APPEAL);
	assert_non_null(strstr(s, "geen bezwaar"));
	assert_non_null(strstr(s, "zes weken"));
	assert_non_null(strstr(s, "bestuursrechter"));
	assert_non_null(strstr(s, "voorlopige voorziening"));
	assert_non_null(strstr(s, "binnen drie dagen"));
	s = body(CT_COUNTRY_NL, DOC_EXTENSION, DOC_T_APPEAL);
	assert_non_null(strstr(s, "ook tegen deze verlenging"));
	s = body(CT_COUNTRY_NL, DOC_DECISION, DOC_T_VIOLATION);
	assert_non_null(strstr(s, "misdrijf"));
	assert_non_null(strstr(s, "ten hoogste twee jaren"));
	assert_non_null(strstr(s, "vierde categorie"));
	s = body(CT_COUNTRY_NL, DOC_DECISION, DOC_T_STAY);
	assert_non_null(strstr(s, "24 uur"));
	s = body(CT_COUNTRY_NL, DOC_DECISION, DOC_T_NEXT);
	assert_non_null(strstr(s, "28 dagen"));
}

/* Seed 000 par. 1. */
static void
test_be_wording(void **state)
{
	const char *s;

	(void)state;
	s = body(CT_COUNTRY_BE, DOC_DECISION, DOC_T_VIOLATION);
	assert_non_null(strstr(s, "ten hoogste één jaar"));
	assert_non_null(strstr(s, "aanhoudingsbevel"));
	assert_non_null(strstr(s, "familierechtbank is verlengd"));
	s = body(CT_COUNTRY_BE, DOC_DECISION, DOC_T_NEXT);
	assert_non_null(strstr(s, "veertien dagen"));
	assert_non_null(strstr(s, "maximaal drie maanden"));
	assert_non_null(strstr(s, "opheffen"));
	s = body(CT_COUNTRY_BE, DOC_DECISION, DOC_T_APPEAL);
	assert_non_null(strstr(s, "1 januari 2020"));
	assert_non_null(strstr(body(CT_COUNTRY_BE, DOC_LETTER, DOC_T_LAW),
			       "15 mei 2012"));
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_every_text_has_a_source),
		cmocka_unit_test(test_mandatory_texts_present),
		cmocka_unit_test(test_nl_wording),
		cmocka_unit_test(test_be_wording),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
