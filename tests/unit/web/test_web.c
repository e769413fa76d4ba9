/*
 * test_web.c - the embedded templates all compile (with their includes)
 * and the embedded assets are found by their hashed name only.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <string.h>
#include <cmocka.h>

#include "web/strings.h"
#include "web/web.h"

static void
test_every_template_compiles(void **state)
{
	struct tmpl_set set = {web_template_sources,
			       web_template_sources_count};
	struct ct_error err;
	size_t i;

	(void)state;
	assert_true(web_template_sources_count >= 5);
	for (i = 0; i < web_template_sources_count; i++) {
		ct_error_clear(&err);
		if (tmpl_check(&set, web_template_sources[i].name, &err))
			fail_msg("%s", err.message);
	}
}

static void
test_assets_by_hash(void **state)
{
	const char *url = web_asset_url("casustafel.css");
	const struct web_asset *a;

	(void)state;
	assert_int_equal(
		strncmp(url, WEB_STATIC_PREFIX, strlen(WEB_STATIC_PREFIX)), 0);
	/* "casustafel." + 12 hex + ".css" */
	assert_int_equal(strlen(url), strlen("/static/casustafel..css") + 12);
	a = web_asset_by_url_name(url + strlen(WEB_STATIC_PREFIX));
	assert_non_null(a);
	assert_string_equal(a->content_type, "text/css; charset=utf-8");
	assert_true(a->len > 100);
	assert_int_equal(a->data[a->len], 0);
	assert_null(web_asset_by_url_name("casustafel.css"));
	assert_non_null(strstr(web_asset_url("casustafel.js"), ".js"));
}

static void
test_login_page_renders(void **state)
{
	struct ct_error err;
	struct arena a;
	struct sbuf out;
	struct tmpl_vars *v;

	(void)state;
	arena_init(&a, ARENA_MAX_DEFAULT);
	sbuf_init(&out, SBUF_MAX_LARGE);
	v = tmpl_vars_new(&a);
	web_strings_set(v, CT_COUNTRY_NL);
	tmpl_set(v, "css_url", web_asset_url("casustafel.css"));
	tmpl_set(v, "js_url", web_asset_url("casustafel.js"));
	tmpl_set(v, "title", "Aanmelden");
	tmpl_set(v, "username", "\"><script>x</script>");
	tmpl_set(v, "err_username", "Vul <dit> in.");
	assert_int_equal(web_render("login", v, &out, &err), CT_OK);
	assert_null(strstr(out.buf, "<script>x"));
	assert_non_null(strstr(out.buf, "value=\"&quot;&gt;&lt;script&gt;"));
	assert_non_null(strstr(out.buf, "Vul &lt;dit&gt; in."));
	assert_non_null(strstr(out.buf, "aria-invalid=\"true\""));
	assert_non_null(strstr(out.buf, "href=\"#inhoud\""));
	assert_null(strstr(out.buf, "style="));
	sbuf_release(&out);
	arena_release(&a);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_every_template_compiles),
		cmocka_unit_test(test_assets_by_hash),
		cmocka_unit_test(test_login_page_renders),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
