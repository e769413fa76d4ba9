/*
 * test_tmpl.c - the template engine: escaping in every context with
 * hostile input, sections, lists, includes, and templates refused at
 * compile time.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <cmocka.h>

#include "web/tmpl.h"

#define HOSTILE "<script>alert(\"x\")</script>&'"

struct fixture {
	struct arena arena;
	struct tmpl_vars *v;
	struct sbuf out;
	struct ct_error err;
};

static int
setup(void **state)
{
	struct fixture *f = calloc(1, sizeof(*f));

	arena_init(&f->arena, ARENA_MAX_DEFAULT);
	f->v = tmpl_vars_new(&f->arena);
	sbuf_init(&f->out, SBUF_MAX_LARGE);
	*state = f;
	return 0;
}

static int
teardown(void **state)
{
	struct fixture *f = *state;

	sbuf_release(&f->out);
	arena_release(&f->arena);
	free(f);
	return 0;
}

/* Render one template text called "t" (plus optional partial "p"). */
static enum ct_err
render2(struct fixture *f, const char *text, const char *partial)
{
	struct tmpl_source src[2] = {
		{"t", text, strlen(text)},
		{"p", partial ? partial : "", partial ? strlen(partial) : 0},
	};
	struct tmpl_set set = {src, 2};

	sbuf_reset(&f->out);
	ct_error_clear(&f->err);
	return tmpl_render(&set, "t", f->v, &f->out, &f->err);
}

static enum ct_err
render(struct fixture *f, const char *text)
{
	return render2(f, text, NULL);
}

static void
test_text_is_escaped(void **state)
{
	struct fixture *f = *state;

	tmpl_set(f->v, "x", HOSTILE);
	assert_int_equal(render(f, "<p>{{x}}</p>"), CT_OK);
	assert_string_equal(f->out.buf,
			    "<p>&lt;script&gt;alert(&quot;x&quot;)&lt;/"
			    "script&gt;&amp;&#39;</p>");
	assert_null(strstr(f->out.buf, "<script"));
}

static void
test_attribute_is_escaped(void **state)
{
	struct fixture *f = *state;

	tmpl_set(f->v, "x", "\" onmouseover=\"alert(1)");
	assert_int_equal(render(f, "<input value=\"{{x}}\">"), CT_OK);
	assert_string_equal(f->out.buf,
			    "<input value=\"&quot; onmouseover=&quot;"
			    "alert(1)\">");
	tmpl_set(f->v, "x", "' autofocus onfocus='alert(1)");
	assert_int_equal(render(f, "<input value='{{ x }}'>"), CT_OK);
	assert_string_equal(f->out.buf,
			    "<input value='&#39; autofocus onfocus=&#39;"
			    "alert(1)'>");
}

static void
test_url_scheme_refused(void **state)
{
	static const char *const bad[] = {
		"javascript:alert(1)",
		"JaVaScRiPt:alert(1)",
		" javascript:alert(1)",
		"java\tscript:alert(1)",
		"data:text/html,<script>",
		"vbscript:x",
		"\x01javascript:x",
		"javascript&colon;alert(1)x:",
		"\\\\evil",
		NULL,
	};
	struct fixture *f = *state;
	size_t i;

	for (i = 0; bad[i]; i++) {
		tmpl_set(f->v, "u", bad[i]);
		assert_int_equal(render(f, "<a href=\"{{u}}\">x</a>"), CT_OK);
		assert_string_equal(f->out.buf, "<a href=\"#\">x</a>");
	}
}

static void
test_url_safe_kept(void **state)
{
	struct fixture *f = *state;

	tmpl_set(f->v, "u", "/dossiers?kenmerk=AMS&status=open");
	assert_int_equal(render(f, "<a href=\"{{u}}\">x</a>"), CT_OK);
	assert_string_equal(f->out.buf, "<a href=\"/dossiers?kenmerk=AMS&amp;"
					"status=open\">x</a>");
	tmpl_set(f->v, "u", "https://example.org/a\"b<c");
	assert_int_equal(render(f, "<a href='{{u}}'>x</a>"), CT_OK);
	assert_string_equal(f->out.buf,
			    "<a href='https://example.org/a%22b%3Cc'>x</a>");
	assert_true(tmpl_url_safe("mailto:a@b", 10));
	assert_true(tmpl_url_safe("x/y:z", 5));
	assert_false(tmpl_url_safe("javascript:", 11));
}

static void
test_url_part_is_encoded(void **state)
{
	struct fixture *f = *state;

	tmpl_set(f->v, "q", "a b&c=\"d'/javascript:x");
	assert_int_equal(render(f, "<a href=\"/dossiers?kenmerk={{q}}\">x</a>"),
			 CT_OK);
	assert_string_equal(f->out.buf,
			    "<a href=\"/dossiers?kenmerk=a%20b%26c%3D%22d%27"
			    "%2Fjavascript%3Ax\">x</a>");
	/* The same value in a path segment of an action attribute. */
	assert_int_equal(render(f, "<form action=\"/x/{{q}}\"></form>"), CT_OK);
	assert_string_equal(f->out.buf,
			    "<form action=\"/x/a%20b%26c%3D%22d%27%2F"
			    "javascript%3Ax\"></form>");
}

static void
test_refused_contexts(void **state)
{
	static const char *const bad[] = {
		"<{{x}}>",
		"<a {{x}}>",
		"<a href={{x}}>",
		"<a onclick=\"{{x}}\">",
		"<p style=\"{{x}}\">",
		"<script>var a = '{{x}}';</script>",
		"<style>p { color: {{x}} }</style>",
		"<!-- {{x}} -->",
		"<a title=\"{{#s}}\">{{/s}}\"",
		"<a",
		"{{#s}}",
		"{{/s}}",
		"{{#s}}{{/t}}",
		"{{{x}}}",
		"{{x",
		"{{a b}}",
		"<a title=\"{{>p}}\">",
		"{{}}",
		"<a ONCLICK=\"{{x}}\">",
		"<SCRIPT>{{x}}</SCRIPT>",
		"<a{{#s}} href{{/s}}=\"{{x}}\">",
		"<a on{{#s}}{{/s}}click=\"{{x}}\">",
		"<scr{{#s}}{{/s}}ipt>{{x}}</script>",
		NULL,
	};
	struct fixture *f = *state;
	size_t i;

	for (i = 0; bad[i]; i++) {
		struct tmpl_source src = {"t", bad[i], strlen(bad[i])};
		struct tmpl_set set = {&src, 1};

		ct_error_clear(&f->err);
		assert_int_equal(tmpl_check(&set, "t", &f->err),
				 CT_ERR_INVALID);
		assert_int_equal(f->err.code, CT_ERR_INVALID);
		assert_non_null(strstr(f->err.message, "Sjabloon t"));
	}
}

static void
test_script_ends_at_close_tag(void **state)
{
	struct fixture *f = *state;

	tmpl_set(f->v, "x", "<b>");
	assert_int_equal(render(f, "<script src=\"/a.js\"></SCRIPT >{{x}}"),
			 CT_OK);
	assert_string_equal(f->out.buf,
			    "<script src=\"/a.js\"></SCRIPT >&lt;b&gt;");
}

static void
test_sections_and_lists(void **state)
{
	struct fixture *f = *state;
	struct tmpl_vars *item;

	tmpl_set_bool(f->v, "yes", 1);
	tmpl_set_bool(f->v, "no", 0);
	tmpl_set(f->v, "who", "<Ann>");
	item = tmpl_list_add(f->v, "l");
	tmpl_set(item, "n", "1");
	item = tmpl_list_add(f->v, "l");
	tmpl_set(item, "n", "2&");
	tmpl_list_init(f->v, "empty");
	assert_int_equal(render(f, "{{#yes}}Y{{/yes}}{{#no}}N{{/no}}"
				   "{{^no}}!N{{/no}}{{#l}}[{{n}} {{who}}]{{/l}}"
				   "{{#empty}}E{{/empty}}{{^empty}}-{{/empty}}"
				   "{{^unset}}u{{/unset}}{{! comment }}"),
			 CT_OK);
	assert_string_equal(f->out.buf, "Y!N[1 &lt;Ann&gt;][2&amp; &lt;Ann&gt;]"
					"-u");
}

static void
test_child_scope_and_attr_section(void **state)
{
	struct fixture *f = *state;
	struct tmpl_vars *me = tmpl_set_child(f->v, "me");

	tmpl_set(me, "name", "A\"B");
	tmpl_set(f->v, "org", "Org");
	assert_int_equal(render(f,
				"{{#me}}<p class=\"x{{#name}} has{{/name}}\" "
				"title=\"{{name}}\">{{org}}</p>{{/me}}"),
			 CT_OK);
	assert_string_equal(f->out.buf,
			    "<p class=\"x has\" title=\"A&quot;B\">Org</p>");
	/* A boolean attribute in a section. */
	assert_int_equal(render(f,
				"<option value=\"1\"{{#org}} selected{{/org}}>"
				"{{org}}</option>"),
			 CT_OK);
	assert_string_equal(f->out.buf,
			    "<option value=\"1\" selected>Org</option>");
}

static void
test_include_and_cycle(void **state)
{
	struct fixture *f = *state;

	tmpl_set(f->v, "x", "<i>");
	assert_int_equal(render2(f, "<div>{{>p}}</div>", "<p>{{x}}</p>"),
			 CT_OK);
	assert_string_equal(f->out.buf, "<div><p>&lt;i&gt;</p></div>");
	assert_int_equal(render2(f, "{{>p}}", "{{>t}}"), CT_ERR_INVALID);
	assert_non_null(strstr(f->err.message, "te diep"));
	assert_int_equal(render2(f, "{{>nope}}", NULL), CT_ERR_INVALID);
	/* A partial must end in text, so it cannot leave a tag open. */
	assert_int_equal(render2(f, "{{>p}}{{x}}", "<a title=\""),
			 CT_ERR_INVALID);
}

static void
test_trusted_html(void **state)
{
	struct fixture *f = *state;
	struct tmpl_vars *l;

	tmpl_set_trusted_html(f->v, "svg", "<svg><rect/></svg>");
	assert_int_equal(render(f, "<div>{{svg}}</div>"), CT_OK);
	assert_string_equal(f->out.buf, "<div><svg><rect/></svg></div>");
	assert_int_equal(render(f, "<div title=\"{{svg}}\"></div>"),
			 CT_ERR_INVALID);
	l = tmpl_list_add(f->v, "l");
	(void)l;
	assert_int_equal(render(f, "{{l}}"), CT_ERR_INVALID);
}

static void
test_output_limit(void **state)
{
	struct fixture *f = *state;
	struct tmpl_source src = {"t", "<p>{{x}}</p>", 12};
	struct tmpl_set set = {&src, 1};
	struct sbuf small;

	sbuf_init(&small, 8);
	tmpl_set(f->v, "x", "0123456789");
	ct_error_clear(&f->err);
	assert_int_equal(tmpl_render(&set, "t", f->v, &small, &f->err),
			 CT_ERR_LIMIT);
	assert_int_equal(f->err.code, CT_ERR_LIMIT);
	sbuf_release(&small);
}

static void
test_later_set_wins_and_int(void **state)
{
	struct fixture *f = *state;

	tmpl_set(f->v, "x", "old");
	tmpl_set(f->v, "x", "new");
	tmpl_set_int(f->v, "n", -42);
	tmpl_setf(f->v, "f", "%s-%d", "a<", 7);
	tmpl_set(f->v, "z", NULL);
	assert_int_equal(render(f, "{{x}} {{n}} {{f}} [{{z}}]"), CT_OK);
	assert_string_equal(f->out.buf, "new -42 a&lt;-7 []");
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test_setup_teardown(test_text_is_escaped, setup,
						teardown),
		cmocka_unit_test_setup_teardown(test_attribute_is_escaped,
						setup, teardown),
		cmocka_unit_test_setup_teardown(test_url_scheme_refused, setup,
						teardown),
		cmocka_unit_test_setup_teardown(test_url_safe_kept, setup,
						teardown),
		cmocka_unit_test_setup_teardown(test_url_part_is_encoded, setup,
						teardown),
		cmocka_unit_test_setup_teardown(test_refused_contexts, setup,
						teardown),
		cmocka_unit_test_setup_teardown(test_script_ends_at_close_tag,
						setup, teardown),
		cmocka_unit_test_setup_teardown(test_sections_and_lists, setup,
						teardown),
		cmocka_unit_test_setup_teardown(
			test_child_scope_and_attr_section, setup, teardown),
		cmocka_unit_test_setup_teardown(test_include_and_cycle, setup,
						teardown),
		cmocka_unit_test_setup_teardown(test_trusted_html, setup,
						teardown),
		cmocka_unit_test_setup_teardown(test_output_limit, setup,
						teardown),
		cmocka_unit_test_setup_teardown(test_later_set_wins_and_int,
						setup, teardown),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
