/*
 * test_page_order_fields.c - the step forms as data: every field a form
 * can send is declared on its route, every step kind has a row, the
 * fields render with their values and errors, and a posted form reads
 * into the details core/order_json.h takes (booleans, local times to UTC,
 * boxes to lists), refusing fields of other kinds.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <string.h>
#include <cmocka.h>

#include "core/order_json.h"
#include "http/page_order_fields.h"
#include "web/web.h"

#define NOW INT64_C(1783936800) /* 2026-07-13T10:00:00Z: 12:00 in NL */
#define SUBJECT "11111111-1111-4111-8111-111111111111"
#define VICTIM "22222222-2222-4222-8222-222222222222"

static int
declared(const struct http_param_spec *specs, size_t n, const char *name)
{
	return http_param_find(specs, n, name, strlen(name)) != NULL;
}

/* Every name a shown field of k can send, in either country. */
static void
check_declared(const struct page_order_kind *k,
	       const struct http_param_spec *specs, size_t n)
{
	char name[96];
	size_t i, j, boxes;

	assert_true(declared(specs, n, "at"));
	assert_true(declared(specs, n, "note"));
	for (i = 0; i < k->n_fields; i++) {
		const struct page_order_field *f = &k->fields[i];

		switch (f->type) {
		case PAGE_FIELD_PERSONS:
		case PAGE_FIELD_PROTECTED_NAMES:
			boxes = f->type == PAGE_FIELD_PERSONS
					? PAGE_ORDER_PERSONS_MAX
					: ORDER_PROTECTED_MAX;
			for (j = 0; j < boxes; j++) {
				snprintf(name, sizeof(name), "%s_%zu", f->name,
					 j);
				assert_true(declared(specs, n, name));
			}
			break;
		case PAGE_FIELD_PARTIES:
			for (j = 0; j < f->vocab->count; j++) {
				snprintf(name, sizeof(name), "%s_%s", f->name,
					 vocab_code(f->vocab, (unsigned)j));
				assert_true(declared(specs, n, name));
			}
			break;
		default:
			if (!declared(specs, n, f->name))
				fail_msg("%s: field %s not declared",
					 order_step_code(k->kind), f->name);
		}
		/* A textarea is free text (http/form.h). */
		if (f->type == PAGE_FIELD_LONGTEXT)
			assert_int_equal(http_param_find(specs, n, f->name,
							 strlen(f->name))
						 ->type,
					 HTTP_PARAM_JSON);
	}
}

static void
test_every_kind_declared(void **state)
{
	unsigned k;

	(void)state;
	for (k = 0; k < ORDER_STEP__COUNT; k++) {
		const struct page_order_kind *row =
			page_order_kind((enum order_step_kind)k);

		assert_non_null(row);
		assert_int_equal(row->kind, k);
		assert_ptr_equal(
			page_order_kind_find(order_step_code(row->kind)), row);
		assert_string_not_equal(web_str(CT_COUNTRY_NL, row->action),
					"");
		if (k == ORDER_STEP_OPEN)
			check_declared(row, page_order_open_fields,
				       PAGE_ORDER_OPEN_FORM_COUNT);
		else
			check_declared(row, page_order_step_fields,
				       PAGE_ORDER_STEP_FORM_COUNT);
	}
	assert_true(declared(page_order_step_fields, PAGE_ORDER_STEP_FORM_COUNT,
			     "version"));
	assert_null(page_order_kind_find("vliegen"));
	assert_null(page_order_kind_find(NULL));
}

struct ctx_fixture {
	struct arena a;
	struct person persons[2];
	struct order o;
	struct page_order_ctx c;
};

static void
ctx_init(struct ctx_fixture *x, enum ct_country country)
{
	memset(x, 0, sizeof(*x));
	arena_init(&x->a, ARENA_MAX_DEFAULT);
	memcpy(x->persons[0].id, SUBJECT, sizeof(SUBJECT));
	x->persons[0].given_name = "Piet";
	x->persons[0].family_name = "de Vries";
	x->persons[0].roles = CT_BIT(PERSON_ROLE_REMOVED);
	memcpy(x->persons[1].id, VICTIM, sizeof(VICTIM));
	x->persons[1].given_name = "Anna";
	x->persons[1].family_name = "<b>de Vries</b>";
	x->persons[1].roles = CT_BIT(PERSON_ROLE_VICTIM);
	order_init(&x->o, country);
	memcpy(x->o.protected_person_ids[0], VICTIM, sizeof(VICTIM));
	x->o.n_protected = 1;
	x->o.place = "Dorpsstraat 1";
	x->o.version = 3;
	x->c.arena = &x->a;
	x->c.country = country;
	x->c.now = NOW;
	x->c.persons = x->persons;
	x->c.n_persons = 2;
	x->c.order = &x->o;
}

static char *
render(struct ctx_fixture *x, enum order_step_kind k, const json_t *form,
       const struct ct_problems *p)
{
	static const char tpl[] = "{{#fields}}{{>order_field}}{{/fields}}";
	struct tmpl_source src[2];
	struct tmpl_set set = {src, 0};
	struct tmpl_vars *v = tmpl_vars_new(&x->a);
	struct ct_error err;
	struct sbuf out;
	char *copy;
	size_t i;

	src[set.n++] = (struct tmpl_source){"t", tpl, sizeof(tpl) - 1};
	for (i = 0; i < web_template_sources_count; i++)
		if (!strcmp(web_template_sources[i].name, "order_field"))
			src[set.n++] = web_template_sources[i];
	assert_int_equal(set.n, 2);
	web_strings_set(v, x->c.country);
	page_order_fields_render(page_order_kind(k), &x->c, form, p, v);
	sbuf_init(&out, (size_t)1 << 20);
	assert_int_equal(tmpl_render(&set, "t", v, &out, &err), CT_OK);
	copy = arena_strdup(&x->a, out.buf);
	sbuf_release(&out);
	return copy;
}

static void
test_render_defaults_and_errors(void **state)
{
	struct ctx_fixture x;
	struct ct_problems p;
	json_t *form;
	char *html;

	(void)state;
	ctx_init(&x, CT_COUNTRY_NL);
	/* The open form: the removed person chosen, the victim ticked. */
	html = render(&x, ORDER_STEP_OPEN, NULL, NULL);
	assert_non_null(strstr(html, "<option value=\"" SUBJECT
				     "\" selected>Piet de Vries</option>"));
	assert_non_null(strstr(html,
			       "name=\"protected_person_ids_1\" value=\"" VICTIM
			       "\" checked"));
	assert_null(strstr(html, "<b>"));
	assert_non_null(strstr(html, "&lt;b&gt;de Vries"));
	/* "at" is now, in Amsterdam's wall clock. */
	assert_non_null(strstr(html, "value=\"2026-07-13T12:00\""));
	/* The decision (NL): mandate, the order's place, names ticked. */
	html = render(&x, ORDER_STEP_DECIDE, NULL, NULL);
	assert_non_null(strstr(html, "name=\"mandate\""));
	assert_non_null(strstr(html, "value=\"Dorpsstraat 1\""));
	assert_non_null(strstr(html, "name=\"protected_names_0\" value="
				     "\"Anna &lt;b&gt;de Vries&lt;/b&gt;\" "
				     "checked"));
	/* What was posted stays, and an error sits beside its field. */
	form = json_pack("{s:s,s:s}", "impose", "nee", "facts", "a\"b");
	ct_problems_init(&p);
	ct_problems_add(&p, "facts", "%s", "Vul dit in.");
	html = render(&x, ORDER_STEP_DECIDE, form, &p);
	assert_non_null(strstr(html, "id=\"impose_nee\" name=\"impose\" "
				     "value=\"nee\" checked"));
	assert_non_null(strstr(html, "id=\"facts-fout\">Vul dit in."));
	assert_non_null(strstr(html, ">a&quot;b</textarea>"));
	assert_non_null(strstr(html, "aria-describedby=\"facts-fout\" "
				     "aria-invalid=\"true\""));
	json_decref(form);
	/* Belgium: no mandate, the oral notice explained. */
	arena_release(&x.a);
	ctx_init(&x, CT_COUNTRY_BE);
	html = render(&x, ORDER_STEP_DECIDE, NULL, NULL);
	assert_null(strstr(html, "name=\"mandate\""));
	assert_non_null(strstr(html, "Verplicht in België"));
	arena_release(&x.a);
}

static void
test_read_details(void **state)
{
	const struct page_order_kind *k = page_order_kind(ORDER_STEP_DECIDE);
	struct ctx_fixture x;
	struct ct_problems p;
	struct order_step step;
	json_t *form, *d;
	const char *at;

	(void)state;
	ctx_init(&x, CT_COUNTRY_NL);
	form = json_pack("{s:s,s:s,s:s,s:s,s:s,s:s,s:s}", "impose", "ja",
			 "mandate", "deciding", "facts", "regel 1\nregel 2",
			 "protected_names_0", "Anna", "subject_resides", "ja",
			 "at", "2026-07-13T09:30", "imposed_at",
			 "2026-07-13T09:15");
	ct_problems_init(&p);
	d = page_order_fields_details(k, &x.c, form, &x.a, &at, &p);
	assert_int_equal(p.count, 0);
	assert_string_equal(at, "2026-07-13T07:30:00Z"); /* summer time */
	assert_true(json_is_true(json_object_get(d, "impose")));
	assert_true(json_is_true(json_object_get(d, "subject_resides")));
	assert_true(json_is_false(json_object_get(d, "serious_danger")));
	assert_true(json_is_false(json_object_get(d, "oral")));
	assert_string_equal(json_string_value(json_object_get(d, "facts")),
			    "regel 1\nregel 2");
	assert_string_equal(json_string_value(json_object_get(d, "imposed_at")),
			    "2026-07-13T07:15:00Z");
	assert_int_equal(json_array_size(json_object_get(d, "protected_names")),
			 1);
	assert_null(json_object_get(d, "place")); /* empty: not given */
	/* ... which core reads as the API's details. */
	assert_int_equal(
		order_step_from_json(ORDER_STEP_DECIDE, d, &x.a, &step, &p), 0);
	assert_int_equal(step.u.decide.mandate, ORDER_MANDATE_DECIDING);
	json_decref(d);
	json_decref(form);

	/* A bad time, a box not ticked right, another kind's field. */
	form = json_pack("{s:s,s:s,s:s}", "at", "gisteren", "oral", "x",
			 "channel", "phone");
	ct_problems_init(&p);
	d = page_order_fields_details(k, &x.c, form, &x.a, &at, &p);
	assert_int_equal(p.count, 3);
	assert_null(at);
	json_decref(d);
	json_decref(form);

	/* Parties: one box per party code, in the vocabulary's order. */
	form = json_pack("{s:s,s:s}", "parties_veilig_thuis", "ja",
			 "parties_remaining", "ja");
	ct_problems_init(&p);
	d = page_order_fields_details(page_order_kind(ORDER_STEP_INFORM), &x.c,
				      form, &x.a, &at, &p);
	assert_int_equal(p.count, 0);
	assert_string_equal(json_string_value(json_array_get(
				    json_object_get(d, "parties"), 0)),
			    "remaining");
	json_decref(d);
	json_decref(form);
	/* A Belgian party is no Dutch form's field. */
	form = json_pack("{s:s}", "parties_victim_support", "ja");
	ct_problems_init(&p);
	d = page_order_fields_details(page_order_kind(ORDER_STEP_INFORM), &x.c,
				      form, &x.a, &at, &p);
	assert_int_equal(p.count, 1);
	assert_string_equal(p.items[0].field, "parties_victim_support");
	json_decref(d);
	json_decref(form);
	arena_release(&x.a);
}

static void
test_problem_fields(void **state)
{
	const struct page_order_kind *k = page_order_kind(ORDER_STEP_DECIDE);

	(void)state;
	assert_string_equal(
		page_order_field_of(k, CT_COUNTRY_NL, "details.mayor_user_id"),
		"mayor_user_id");
	assert_string_equal(page_order_field_of(k, CT_COUNTRY_NL, "at"), "at");
	assert_null(page_order_field_of(k, CT_COUNTRY_NL, "actor"));
	assert_null(page_order_field_of(k, CT_COUNTRY_NL, "details.colour"));
	/* Not shown in Belgium, so not a field there. */
	assert_null(page_order_field_of(k, CT_COUNTRY_BE, "details.mandate"));
	assert_string_equal(
		page_order_field_anchor(k, CT_COUNTRY_NL, "protected_names_3"),
		"protected_names");
	assert_string_equal(page_order_field_label(k, CT_COUNTRY_NL, "at"),
			    "Wanneer");
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_every_kind_declared),
		cmocka_unit_test(test_render_defaults_and_errors),
		cmocka_unit_test(test_read_details),
		cmocka_unit_test(test_problem_fields),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
