/*
 * fuzz_tmpl.c - web/tmpl.h: compile and render any template with any
 * value.
 *
 * Input: the template text, then (after a NUL) the value given to every
 * variable {{x}} (also inside a list l and a child c; b is true). Contract
 * checked: a template tmpl_check accepts renders (or fails only for
 * using l or c as text); and a value never adds markup: the output with the
 * value has exactly as many < > " ' characters as the output with an empty
 * value (so escaping held in every context the engine accepted).
 */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "fuzz.h"
#include "web/tmpl.h"
#include "util/banned.h"

static enum ct_err
fuzz_render(const struct tmpl_set *set, const char *value, struct sbuf *out,
	    struct ct_error *err)
{
	struct arena a;
	struct tmpl_vars *v, *item;
	enum ct_err rc;

	arena_init(&a, ARENA_MAX_DEFAULT);
	v = tmpl_vars_new(&a);
	tmpl_set(v, "x", value);
	tmpl_set_bool(v, "b", 1);
	item = tmpl_list_add(v, "l");
	tmpl_set(item, "x", value);
	tmpl_list_add(v, "l");
	tmpl_set(tmpl_set_child(v, "c"), "y", value);
	ct_error_clear(err);
	rc = tmpl_render(set, "t", v, out, err);
	arena_release(&a);
	return rc;
}

static size_t
fuzz_markup(const struct sbuf *sb)
{
	size_t i, n = 0;

	for (i = 0; i < sb->len; i++)
		n += strchr("<>\"'", sb->buf[i]) && sb->buf[i];
	return n;
}

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	const char *text = (const char *)data;
	size_t tlen = strnlen(text, size);
	char *value = NULL;
	struct tmpl_source src;
	struct tmpl_set set = {&src, 1};
	struct ct_error err;
	struct sbuf with, without;
	enum ct_err checked, rc1, rc2;

	if (tlen < size)
		value = strndup(text + tlen + 1, size - tlen - 1);
	else
		value = strdup("<\"'>&javascript:x");
	if (!value)
		abort();
	src.name = "t";
	src.text = text;
	src.len = tlen;
	ct_error_clear(&err);
	checked = tmpl_check(&set, "t", &err);
	sbuf_init(&with, SBUF_MAX_SMALL * 64);
	sbuf_init(&without, SBUF_MAX_SMALL * 64);
	rc1 = fuzz_render(&set, value, &with, &err);
	rc2 = fuzz_render(&set, "", &without, &err);
	/*
	 * A template that passes tmpl_check fails to render only for its
	 * data (l or c used as text). The converse does not hold: render
	 * never looks at an include in a section that is not shown.
	 */
	if (checked == CT_OK)
		FUZZ_CHECK(rc2 == CT_OK || rc2 == CT_ERR_LIMIT ||
			   strstr(err.message, "lijst of groep"));
	if (rc1 == CT_OK && rc2 == CT_OK)
		FUZZ_CHECK(fuzz_markup(&with) == fuzz_markup(&without));
	sbuf_release(&with);
	sbuf_release(&without);
	free(value);
	return 0;
}
