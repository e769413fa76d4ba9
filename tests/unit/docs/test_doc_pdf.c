#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <string.h>
#include <cmocka.h>

#include "docs/doc_pdf.h"
#include "doc_fixture.h"

#define CREATED INT64_C(1783943940) /* 2026-07-13T11:59:00Z */

static void
compose(struct doc *d, enum doc_kind k, enum ct_country c)
{
	struct ct_problems p;
	struct doc_input in;

	fx_input(&in, k, c);
	doc_init(d);
	ct_problems_init(&p);
	assert_int_equal(doc_compose(&in, d, &p), CT_OK);
}

static int
contains(const struct sbuf *sb, const char *needle)
{
	size_t n = strlen(needle), i;

	for (i = 0; i + n <= sb->len; i++)
		if (memcmp(sb->buf + i, needle, n) == 0)
			return 1;
	return 0;
}

static void
test_every_document_renders(void **state)
{
	struct ct_error err;
	struct sbuf sb;
	struct doc d;
	int c, k;

	(void)state;
	for (c = 0; c < 2; c++)
		for (k = 0; k < DOC_KIND_COUNT; k++) {
			compose(&d, (enum doc_kind)k, (enum ct_country)c);
			sbuf_init(&sb, SBUF_MAX_LARGE);
			assert_int_equal(doc_pdf_render(&d, CREATED, &sb, &err),
					 CT_OK);
			assert_true(sb.len > 1000);
			assert_memory_equal(sb.buf, "%PDF-1.5", 8);
			assert_true(contains(&sb, "%%EOF"));
			assert_true(contains(&sb, "/Author (Casustafel)"));
			assert_true(contains(&sb, "/MediaBox [ 0 0 595.276 841.89 ]"));
			assert_true(contains(&sb, "20260713115900"));
			assert_true(contains(&sb, "DejaVuSerif"));
			sbuf_release(&sb);
			doc_release(&d);
		}
}

/* Same document, same creation date: the same bytes. */
static void
test_deterministic_apart_from_date(void **state)
{
	struct sbuf a, b;
	struct doc d;

	(void)state;
	compose(&d, DOC_DECISION, CT_COUNTRY_NL);
	sbuf_init(&a, SBUF_MAX_LARGE);
	sbuf_init(&b, SBUF_MAX_LARGE);
	assert_int_equal(doc_pdf_render(&d, CREATED, &a, NULL), CT_OK);
	assert_int_equal(doc_pdf_render(&d, CREATED, &b, NULL), CT_OK);
	assert_int_equal(a.len, b.len);
	assert_memory_equal(a.buf, b.buf, a.len);
	sbuf_reset(&b);
	assert_int_equal(doc_pdf_render(&d, CREATED + 3600, &b, NULL), CT_OK);
	assert_true(a.len != b.len || memcmp(a.buf, b.buf, a.len) != 0);
	sbuf_release(&a);
	sbuf_release(&b);
	doc_release(&d);
}

static void
test_limit_leaves_buffer_alone(void **state)
{
	struct ct_error err;
	struct sbuf sb;
	struct doc d;

	(void)state;
	compose(&d, DOC_LETTER, CT_COUNTRY_NL);
	sbuf_init(&sb, 4096);
	assert_int_equal(sbuf_addstr(&sb, "voor"), CT_OK);
	ct_error_clear(&err);
	assert_int_equal(doc_pdf_render(&d, CREATED, &sb, &err), CT_ERR_LIMIT);
	assert_int_equal(err.code, CT_ERR_LIMIT);
	assert_string_equal(sb.buf, "voor");
	assert_int_equal(sb.len, 4);
	sbuf_release(&sb);
	doc_release(&d);
}

/* After a shutdown the caches are rebuilt and the output is the same. */
static void
test_render_after_shutdown(void **state)
{
	struct sbuf a, b;
	struct doc d;

	(void)state;
	compose(&d, DOC_DECISION, CT_COUNTRY_BE);
	sbuf_init(&a, SBUF_MAX_LARGE);
	sbuf_init(&b, SBUF_MAX_LARGE);
	assert_int_equal(doc_pdf_render(&d, CREATED, &a, NULL), CT_OK);
	doc_pdf_shutdown();
	assert_int_equal(doc_pdf_render(&d, CREATED, &b, NULL), CT_OK);
	assert_int_equal(a.len, b.len);
	assert_memory_equal(a.buf, b.buf, a.len);
	sbuf_release(&a);
	sbuf_release(&b);
	doc_release(&d);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_every_document_renders),
		cmocka_unit_test(test_deterministic_apart_from_date),
		cmocka_unit_test(test_limit_leaves_buffer_alone),
		cmocka_unit_test(test_render_after_shutdown),
	};

	int failed = cmocka_run_group_tests(tests, NULL, NULL);

	doc_pdf_shutdown();
	return failed;
}
