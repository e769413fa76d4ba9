#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <string.h>
#include <cmocka.h>

#include "docs/doc_html.h"
#include "doc_fixture.h"

static void
test_escape_hostile_input(void **state)
{
	struct sbuf sb;

	(void)state;
	sbuf_init(&sb, SBUF_MAX_SMALL);
	assert_int_equal(doc_html_escape(&sb, "<script>alert(\"x\")</script>"
					      " & 'y' <img src=x onerror=1>",
					 0),
			 CT_OK);
	assert_string_equal(sb.buf,
			    "&lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt;"
			    " &amp; &#39;y&#39; &lt;img src=x onerror=1&gt;");
	sbuf_reset(&sb);
	assert_int_equal(doc_html_escape(&sb, "a\nb", 1), CT_OK);
	assert_string_equal(sb.buf, "a<br>b");
	sbuf_reset(&sb);
	assert_int_equal(doc_html_escape(&sb, "a\nb", 0), CT_OK);
	assert_string_equal(sb.buf, "a\nb");
	sbuf_reset(&sb);
	assert_int_equal(doc_html_escape(&sb, "Noël & Françoise", 0), CT_OK);
	assert_string_equal(sb.buf, "Noël &amp; Françoise");
	sbuf_reset(&sb);
	assert_int_equal(doc_html_escape(&sb, "", 1), CT_OK);
	assert_string_equal(sb.buf, "");
	sbuf_release(&sb);

	sbuf_init(&sb, 8);
	assert_int_equal(doc_html_escape(&sb, "<<<", 0), CT_ERR_LIMIT);
	sbuf_release(&sb);
}

static void
test_page_escapes_case_data(void **state)
{
	struct ct_problems p;
	struct doc_input in;
	struct sbuf sb;
	struct doc d;

	(void)state;
	fx_input(&in, DOC_DECISION, CT_COUNTRY_NL);
	in.address = "<script>alert(1)</script>";
	in.facts = "\"><img src=x onerror=alert(1)> & meer";
	in.protected_names[0] = "</li><script>";
	in.case_reference = "AMS-2026-<b>";
	doc_init(&d);
	ct_problems_init(&p);
	assert_int_equal(doc_compose(&in, &d, &p), CT_OK);
	sbuf_init(&sb, SBUF_MAX_LARGE);
	assert_int_equal(doc_html_render(&d, &sb), CT_OK);
	assert_null(strstr(sb.buf, "<script"));
	assert_null(strstr(sb.buf, "<img"));
	assert_null(strstr(sb.buf, "<b>"));
	assert_non_null(strstr(sb.buf, "&lt;script&gt;alert(1)&lt;/script&gt;"));
	assert_non_null(strstr(sb.buf, "&quot;&gt;&lt;img src=x onerror="
				       "alert(1)&gt; &amp; meer"));
	assert_non_null(strstr(sb.buf, "<li>&lt;/li&gt;&lt;script&gt;</li>"));
	sbuf_release(&sb);
	doc_release(&d);
}

static void
test_page_structure(void **state)
{
	struct ct_problems p;
	struct doc_input in;
	struct sbuf sb;
	struct doc d;

	(void)state;
	fx_input(&in, DOC_LETTER, CT_COUNTRY_BE);
	doc_init(&d);
	ct_problems_init(&p);
	assert_int_equal(doc_compose(&in, &d, &p), CT_OK);
	sbuf_init(&sb, SBUF_MAX_LARGE);
	assert_int_equal(doc_html_render(&d, &sb), CT_OK);
	assert_true(strncmp(sb.buf, "<!DOCTYPE html>\n<html lang=\"nl\">", 32)
		    == 0);
	assert_non_null(strstr(sb.buf, "<meta charset=\"utf-8\">"));
	assert_non_null(strstr(sb.buf, "<title>Informatie over het tijdelijk "
				       "huisverbod \xe2\x80\x94 "
				       "LIM-2026-00042</title>"));
	assert_non_null(strstr(sb.buf, "@page{size:A4"));
	assert_non_null(strstr(sb.buf, "@media print"));
	assert_non_null(strstr(sb.buf, "<h1>Informatie over het tijdelijk "
				       "huisverbod</h1>"));
	assert_non_null(strstr(sb.buf, "<dt>Aan</dt><dd>Françoise "
				       "Claes-Dubois<br>Stationsstraat 8"));
	assert_non_null(strstr(sb.buf, "<ul>\n<li>Françoise Claes-Dubois</li>"
				       "\n<li>Inès Claes</li>\n</ul>"));
	assert_non_null(strstr(sb.buf, "ten hoogste één jaar"));
	assert_null(strstr(sb.buf, "<script"));
	assert_null(strstr(sb.buf, "http"));
	assert_true(strstr(sb.buf, "</html>\n") ==
		    sb.buf + sb.len - strlen("</html>\n"));
	sbuf_release(&sb);

	sbuf_init(&sb, 100);
	assert_int_equal(doc_html_render(&d, &sb), CT_ERR_LIMIT);
	sbuf_release(&sb);
	doc_release(&d);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_escape_hostile_input),
		cmocka_unit_test(test_page_escapes_case_data),
		cmocka_unit_test(test_page_structure),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
