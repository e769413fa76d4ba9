/*
 * fuzz_page_order_fields.c - http/page_order_fields.h's reader of a
 * posted step form, page_order_fields_details, and core's reading of what
 * it gives (core/order_json.h order_step_from_json).
 *
 * Input: one selector byte (bits 0-4: the step kind, modulo the number of
 * kinds; bit 5: Belgium instead of the Netherlands), then the posted
 * fields separated by NUL bytes. A field's first byte picks its name among
 * the route's declared form fields (page_order_open_fields for the open
 * step, page_order_step_fields for the others, modulo their count; the
 * seeds write the first name, "at", as the count itself, since a 0 byte
 * ends the field): the router lets no other name through. The rest is
 * the value; a value that is not UTF-8 is left out, as the form parser
 * refuses it.
 *
 * Contract checked (page_order_fields.h): the details are an object whose
 * members are the kind's shown fields or "note"; every problem names a
 * posted field; "at" is absent or an instant "YYYY-MM-DDTHH:MM:SSZ".
 * Core reads the details with exactly the problems it counts, and details
 * core accepted write out (order_step_details_to_json) and read back with
 * no problem.
 */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include <jansson.h>

#include "core/order_json.h"
#include "fuzz.h"
#include "http/page_order_fields.h"
#include "util/banned.h"

#define NOW INT64_C(1783936800) /* 2026-07-13T10:00:00Z */
#define SUBJECT "11111111-1111-4111-8111-111111111111"
#define VICTIM "22222222-2222-4222-8222-222222222222"
#define MAYOR "33333333-3333-4333-8333-333333333333"

/* The case the form is about: two persons, a mayor, the order. */
struct fixture {
	struct person persons[2];
	struct user mayor;
	struct order o;
	struct page_order_ctx c;
};

static void
fixture_init(struct fixture *x, enum ct_country country, struct arena *a)
{
	memset(x, 0, sizeof(*x));
	memcpy(x->persons[0].id, SUBJECT, sizeof(SUBJECT));
	x->persons[0].given_name = "Piet";
	x->persons[0].family_name = "de Vries";
	x->persons[0].roles = CT_BIT(PERSON_ROLE_REMOVED);
	memcpy(x->persons[1].id, VICTIM, sizeof(VICTIM));
	x->persons[1].given_name = "Anna";
	x->persons[1].family_name = "de Vries";
	x->persons[1].roles = CT_BIT(PERSON_ROLE_VICTIM);
	memcpy(x->mayor.id, MAYOR, sizeof(MAYOR));
	x->mayor.username = "burgemeester";
	order_init(&x->o, country);
	memcpy(x->o.protected_person_ids[0], VICTIM, sizeof(VICTIM));
	x->o.n_protected = 1;
	x->o.place = "Dorpsstraat 1";
	x->c.arena = a;
	x->c.country = country;
	x->c.now = NOW;
	x->c.persons = x->persons;
	x->c.n_persons = 2;
	x->c.mayors = &x->mayor;
	x->c.n_mayors = 1;
	x->c.order = &x->o;
}

/* The posted form: one member per NUL-separated part (see above). */
static json_t *
form_from(const uint8_t *data, size_t size, const struct http_param_spec *names,
	  size_t n_names)
{
	json_t *form = json_object();
	const uint8_t *rest;
	size_t len, rest_len;

	FUZZ_CHECK(form != NULL);
	while (size > 0) {
		fuzz_split_nul(data, size, &len, &rest, &rest_len);
		if (len > 0) {
			json_t *v =
				json_stringn((const char *)data + 1, len - 1);

			if (v)
				FUZZ_CHECK(
					json_object_set_new(
						form,
						names[data[0] % n_names].name,
						v) == 0);
		}
		if (!rest)
			break;
		data = rest;
		size = rest_len;
	}
	return form;
}

static int
is_shown_field(const struct page_order_kind *k, enum ct_country c,
	       const char *name)
{
	size_t i;

	if (!strcmp(name, "note"))
		return 1;
	for (i = 0; i < k->n_fields; i++)
		if (page_order_field_shown(&k->fields[i], c) &&
		    !strcmp(k->fields[i].name, name))
			return 1;
	return 0;
}

/* "YYYY-MM-DDTHH:MM:SSZ": digits, and the separators in their places. */
static void
check_instant_text(const char *at)
{
	static const char shape[] = "0000-00-00T00:00:00Z";
	size_t i;

	FUZZ_CHECK(strlen(at) == sizeof(shape) - 1);
	for (i = 0; i < sizeof(shape) - 1; i++)
		FUZZ_CHECK(shape[i] == '0' ? at[i] >= '0' && at[i] <= '9'
					   : at[i] == shape[i]);
}

/* Core reads the details; what it accepts writes out and reads back. */
static void
check_core_reads(enum order_step_kind kind, const json_t *details,
		 struct arena *a)
{
	struct ct_problems p;
	struct order_step step, again;
	json_t *out;
	size_t n;

	ct_problems_init(&p);
	memset(&step, 0, sizeof(step));
	n = order_step_from_json(kind, details, a, &step, &p);
	FUZZ_CHECK(n == p.count + p.dropped);
	if (n)
		return;
	out = order_step_details_to_json(&step);
	FUZZ_CHECK(out != NULL);
	ct_problems_init(&p);
	memset(&again, 0, sizeof(again));
	FUZZ_CHECK(order_step_from_json(kind, out, a, &again, &p) == 0);
	json_decref(out);
}

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	unsigned sel = fuzz_take_byte(&data, &size);
	enum order_step_kind kind =
		(enum order_step_kind)((sel & 0x1f) % ORDER_STEP__COUNT);
	enum ct_country country = sel & 0x20 ? CT_COUNTRY_BE : CT_COUNTRY_NL;
	const struct page_order_kind *k = page_order_kind(kind);
	const struct http_param_spec *names = kind == ORDER_STEP_OPEN
						      ? page_order_open_fields
						      : page_order_step_fields;
	size_t n_names = kind == ORDER_STEP_OPEN ? PAGE_ORDER_OPEN_FORM_COUNT
						 : PAGE_ORDER_STEP_FORM_COUNT;
	struct fixture x;
	struct ct_problems p;
	struct arena a;
	json_t *form, *details, *value;
	const char *at, *key;
	size_t i;

	FUZZ_CHECK(k != NULL);
	arena_init(&a, ARENA_MAX_DEFAULT);
	fixture_init(&x, country, &a);
	form = form_from(data, size, names, n_names);
	ct_problems_init(&p);
	details = page_order_fields_details(k, &x.c, form, &a, &at, &p);
	FUZZ_CHECK(json_is_object(details));
	json_object_foreach(details, key, value)
	{
		(void)value;
		FUZZ_CHECK(is_shown_field(k, country, key));
	}
	for (i = 0; i < p.count; i++)
		FUZZ_CHECK(json_object_get(form, p.items[i].field) != NULL);
	if (at)
		check_instant_text(at);
	check_core_reads(kind, details, &a);
	json_decref(details);
	json_decref(form);
	arena_release(&a);
	return 0;
}
