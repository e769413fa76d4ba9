#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <cmocka.h>

#include "docs/doc_compose.h"
#include "doc_fixture.h"

/* The first block of kind whose text contains needle, or NULL. */
static const struct doc_block *
find(const struct doc *d, enum doc_block_kind kind, const char *needle)
{
	size_t i;

	for (i = 0; i < d->count; i++)
		if (d->blocks[i].kind == kind &&
		    strstr(d->blocks[i].text, needle))
			return &d->blocks[i];
	return NULL;
}

/* Like find, but the block must be there. */
static const struct doc_block *
must(const struct doc *d, enum doc_block_kind kind, const char *needle)
{
	const struct doc_block *b = find(d, kind, needle);

	if (!b) {
		fail_msg("no block with '%s'", needle);
		abort();
	}
	return b;
}

static void
test_format_dates(void **state)
{
	struct ct_date date = {2026, 7, 13};
	struct sbuf sb;

	(void)state;
	sbuf_init(&sb, SBUF_MAX_SMALL);
	doc_format_date(&date, &sb);
	assert_string_equal(sb.buf, "13 juli 2026");
	sbuf_reset(&sb);
	doc_format_instant(CT_COUNTRY_NL,
			   fx_local(CT_COUNTRY_NL, 2026, 7, 13, 13, 59), &sb);
	assert_string_equal(sb.buf, "maandag 13 juli 2026 om 13:59 uur");
	sbuf_reset(&sb);
	/* Winter time in Brussels: 21:15 UTC is 22:15 local. */
	doc_format_instant(CT_COUNTRY_BE, INT64_C(1793999700), &sb);
	assert_string_equal(sb.buf, "vrijdag 6 november 2026 om 22:15 uur");
	sbuf_release(&sb);
}

static void
test_nl_decision_content(void **state)
{
	struct ct_problems p;
	struct doc_input in;
	struct doc d;
	const struct doc_block *b;

	(void)state;
	fx_input(&in, DOC_DECISION, CT_COUNTRY_NL);
	doc_init(&d);
	ct_problems_init(&p);
	assert_int_equal(doc_compose(&in, &d, &p), CT_OK);
	assert_string_equal(d.title, "Beschikking tijdelijk huisverbod");
	assert_string_equal(d.reference, "AMS-2026-00123");
	assert_int_equal(d.blocks[0].kind, DOC_B_TITLE);
	b = must(&d, DOC_B_FIELD, "Kerkstraat 12-II");
	assert_string_equal(b->label, "Woning");
	assert_non_null(find(&d, DOC_B_FIELD, "donderdag 23 juli 2026 om "
					      "13:59 uur"));
	assert_non_null(find(&d, DOC_B_ITEM, "Anouk Jansen-Çelik"));
	assert_non_null(find(&d, DOC_B_ITEM, "Noël Jansen"));
	/* facts are split into their two paragraphs */
	assert_non_null(find(&d, DOC_B_PARA, "De politie trof mevrouw aan "
					     "met letsel."));
	assert_null(find(&d, DOC_B_PARA, "letsel.\n"));
	assert_non_null(find(&d, DOC_B_PARA, "beslissingsmandaat"));
	assert_non_null(find(&d, DOC_B_PARA, "mondeling"));
	assert_non_null(find(&d, DOC_B_HEADING, "Rechtsmiddelen"));
	assert_non_null(find(&d, DOC_B_HEADING, "Gevolgen van overtreding"));
	b = must(&d, DOC_B_SIGNATURE, "namens deze");
	assert_non_null(strstr(b->text, "Amsterdam, 13 juli 2026"));
	assert_non_null(strstr(b->text, "Hulpofficier van justitie"));
	assert_int_equal(d.blocks[d.count - 1].kind, DOC_B_SIGNATURE);
	doc_release(&d);
	assert_int_equal(d.count, 0);
	assert_null(d.blocks);
}

static void
test_signing_mandate_wording(void **state)
{
	struct ct_problems p;
	struct doc_input in;
	struct doc d;

	(void)state;
	fx_input(&in, DOC_DECISION, CT_COUNTRY_NL);
	in.mandate = DOC_MANDATE_SIGNING;
	doc_init(&d);
	ct_problems_init(&p);
	assert_int_equal(doc_compose(&in, &d, &p), CT_OK);
	assert_non_null(find(&d, DOC_B_PARA, "De burgemeester van Amsterdam "
					     "heeft besloten"));
	assert_non_null(find(&d, DOC_B_PARA, "ondertekeningsmandaat"));
	doc_release(&d);
}

static void
test_other_documents(void **state)
{
	struct ct_problems p;
	struct doc_input in;
	struct doc d;

	(void)state;
	fx_input(&in, DOC_EXTENSION, CT_COUNTRY_NL);
	doc_init(&d);
	ct_problems_init(&p);
	assert_int_equal(doc_compose(&in, &d, &p), CT_OK);
	assert_string_equal(d.title,
			    "Beschikking verlenging tijdelijk huisverbod");
	assert_non_null(find(&d, DOC_B_FIELD, "maandag 10 augustus 2026"));
	assert_non_null(find(&d, DOC_B_PARA, "artikel 9 lid 1 Wth"));
	doc_release(&d);

	fx_input(&in, DOC_EXTENSION, CT_COUNTRY_BE);
	ct_problems_init(&p);
	assert_int_equal(doc_compose(&in, &d, &p), CT_OK);
	assert_non_null(find(&d, DOC_B_PARA, "familierechtbank Limburg"));
	assert_non_null(find(&d, DOC_B_PARA, "4 november 2026"));
	doc_release(&d);

	fx_input(&in, DOC_DECISION, CT_COUNTRY_BE);
	ct_problems_init(&p);
	assert_int_equal(doc_compose(&in, &d, &p), CT_OK);
	assert_string_equal(d.title, "Bevel tijdelijk huisverbod");
	assert_non_null(find(&d, DOC_B_PARA, "mondeling aan u meegedeeld"));
	assert_non_null(find(&d, DOC_B_FIELD, "Stationsstraat 8"));
	doc_release(&d);

	fx_input(&in, DOC_LETTER, CT_COUNTRY_NL);
	ct_problems_init(&p);
	assert_int_equal(doc_compose(&in, &d, &p), CT_OK);
	assert_non_null(find(&d, DOC_B_PARA, "Geachte Anouk Jansen-Çelik,"));
	assert_non_null(find(&d, DOC_B_PARA, "ook voor u"));
	assert_non_null(find(&d, DOC_B_FIELD, "0800-2000"));
	/* The letter does not spread the removed person's birth date. */
	assert_null(find(&d, DOC_B_FIELD, "1984"));
	assert_null(find(&d, DOC_B_PARA, "1984"));
	doc_release(&d);
}

static void
test_refused_input_leaves_doc_empty(void **state)
{
	struct ct_problems p;
	struct doc_input in;
	struct doc d;

	(void)state;
	fx_input(&in, DOC_DECISION, CT_COUNTRY_BE);
	in.address = NULL;
	doc_init(&d);
	ct_problems_init(&p);
	assert_int_equal(doc_compose(&in, &d, &p), CT_ERR_INVALID);
	assert_int_equal(d.count, 0);
	assert_null(d.title);
	assert_string_equal(p.items[0].message,
			    "de plaats waarop het huisverbod betrekking heeft "
			    "ontbreekt");
	doc_release(&d);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_format_dates),
		cmocka_unit_test(test_nl_decision_content),
		cmocka_unit_test(test_signing_mandate_wording),
		cmocka_unit_test(test_other_documents),
		cmocka_unit_test(test_refused_input_leaves_doc_empty),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
