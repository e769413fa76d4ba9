#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <string.h>
#include <sys/stat.h>
#include <cmocka.h>

#include "cli_test.h"

static const char letter_json[] =
	"{\"case_reference\": \"LIM-2026-00042\", \"authority\": \"Limburg\","
	" \"decider_name\": \"mr. L. Peeters\", \"decider_role\": "
	"\"prosecutor\","
	" \"removed\": {\"name\": \"Marc Claes\"},"
	" \"address\": \"Stationsstraat 8, 3500 Hasselt\","
	" \"start\": \"2026-10-23T22:15\", \"end\": \"2026-11-06T22:15\","
	" \"protected_names\": [\"Françoise Claes-Dubois\"],"
	" \"recipient_name\": \"Françoise Claes-Dubois\","
	" \"signed_place\": \"Hasselt\", \"signed_date\": \"2026-10-24\"}";

static void
write_file(const char *path, const char *text)
{
	FILE *f = fopen(path, "w");

	assert_non_null(f);
	assert_int_equal(fputs(text, f) >= 0, 1);
	assert_int_equal(fclose(f), 0);
}

static int
exists(const char *path)
{
	struct stat st;

	return stat(path, &st) == 0;
}

struct paths {
	char in[160], pdf[160], html[160], tmp[170];
};

static void
paths_init(struct paths *p, const struct tctx *t)
{
	snprintf(p->in, sizeof(p->in), "%s/in.json", t->dir);
	snprintf(p->pdf, sizeof(p->pdf), "%s/out.pdf", t->dir);
	snprintf(p->html, sizeof(p->html), "%s/out.html", t->dir);
	snprintf(p->tmp, sizeof(p->tmp), "%s/out.pdf.tmp", t->dir);
}

static void
paths_remove(const struct paths *p)
{
	unlink(p->in);
	unlink(p->pdf);
	unlink(p->html);
	unlink(p->tmp);
}

static void
test_renders_pdf_and_html(void **state)
{
	struct paths p;
	struct tctx t;
	FILE *f;
	char head[8];

	(void)state;
	tctx_init(&t);
	paths_init(&p, &t);
	write_file(p.in, letter_json);
	assert_int_equal(tctx_run(&t, cmd_document, "document", "render",
				  "--kind", "letter", "--jurisdiction", "BE",
				  "--input", p.in, "--out", p.pdf, NULL),
			 0);
	assert_non_null(strstr(t.out, "Document geschreven"));
	f = fopen(p.pdf, "rb");
	assert_non_null(f);
	assert_int_equal(fread(head, 1, 5, f), 5);
	fclose(f);
	assert_memory_equal(head, "%PDF-", 5);
	assert_false(exists(p.tmp));
	assert_int_equal(tctx_run(&t, cmd_document, "document", "render",
				  "--kind", "letter", "--jurisdiction", "BE",
				  "--input", p.in, "--out", p.html, NULL),
			 0);
	assert_true(exists(p.html));
	paths_remove(&p);
	tctx_release(&t);
}

static void
test_missing_content_writes_nothing(void **state)
{
	struct paths p;
	struct tctx t;

	(void)state;
	tctx_init(&t);
	paths_init(&p, &t);
	/* A letter description is not a complete decision. */
	write_file(p.in, letter_json);
	assert_int_equal(tctx_run(&t, cmd_document, "document", "render",
				  "--kind", "decision", "--jurisdiction", "BE",
				  "--input", p.in, "--out", p.pdf, NULL),
			 1);
	assert_non_null(strstr(t.err, "fout: facts: de feiten en "
				      "omstandigheden"));
	assert_non_null(strstr(t.err, "mondelinge mededeling"));
	assert_non_null(strstr(t.err, "removed.birth_date"));
	assert_false(exists(p.pdf));
	assert_false(exists(p.tmp));

	write_file(p.in, "{\"address\": \"x\", \"onbekend\": 1}");
	assert_int_equal(tctx_run(&t, cmd_document, "document", "render",
				  "--kind", "letter", "--jurisdiction", "NL",
				  "--input", p.in, "--out", p.pdf, NULL),
			 1);
	assert_non_null(strstr(t.err, "onbekend veld 'onbekend'"));
	assert_false(exists(p.pdf));
	paths_remove(&p);
	tctx_release(&t);
}

static void
test_usage(void **state)
{
	struct paths p;
	struct tctx t;

	(void)state;
	tctx_init(&t);
	paths_init(&p, &t);
	assert_int_equal(tctx_run(&t, cmd_document, "document", "render",
				  "--kind", "bevel", "--jurisdiction", "BE",
				  "--input", p.in, "--out", p.pdf, NULL),
			 2);
	assert_int_equal(tctx_run(&t, cmd_document, "document", "render",
				  "--kind", "letter", "--jurisdiction", "FR",
				  "--input", p.in, "--out", p.pdf, NULL),
			 2);
	assert_int_equal(tctx_run(&t, cmd_document, "document", "render",
				  "--kind", "letter", "--jurisdiction", "BE",
				  "--input", p.in, "--out", "x.txt", NULL),
			 2);
	assert_int_equal(tctx_run(&t, cmd_document, "document", "render",
				  "--kind", "letter", NULL),
			 2);
	assert_int_equal(tctx_run(&t, cmd_document, "document", "render",
				  "--help", NULL),
			 0);
	assert_non_null(strstr(t.out, "--jurisdiction NL|BE"));
	/* a missing input file is refused input, not usage */
	assert_int_equal(tctx_run(&t, cmd_document, "document", "render",
				  "--kind", "letter", "--jurisdiction", "BE",
				  "--input", p.in, "--out", p.pdf, NULL),
			 1);
	assert_non_null(strstr(t.err, "--input"));
	tctx_release(&t);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_renders_pdf_and_html),
		cmocka_unit_test(test_missing_content_writes_nothing),
		cmocka_unit_test(test_usage),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
