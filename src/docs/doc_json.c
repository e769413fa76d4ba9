/*
 * doc_json.c - strict parsing of a JSON document description.
 *
 * Design: jansson parses (rejecting duplicate keys and NUL characters);
 * a table maps each known key to its type and its place in struct
 * doc_input, so a key the table lacks is refused by name. Strings are
 * borrowed from the parsed tree, which struct doc_json keeps alive.
 * Content rules (what is mandatory, text hygiene, limits) are doc_check's;
 * this file checks only shape and syntax, and the lengths so that a huge
 * value is refused before anything else looks at it.
 */
#include "docs/doc_json.h"

#include <stddef.h>
#include <stdio.h>
#include <string.h>

#include "util/civtime.h"
#include "util/banned.h"

enum key_type {
	KT_LINE,    /* string up to DOC_LINE_MAX */
	KT_TEXT,    /* string up to DOC_TEXT_MAX */
	KT_ROLE,
	KT_MANDATE,
	KT_PERSON,
	KT_INSTANT,
	KT_BOOL,
	KT_NAMES,
	KT_DATE, /* offset: the date; flag_offset: its has_ flag */
};

struct key {
	const char *name;
	enum key_type type;
	size_t offset;
	size_t flag_offset;
};

#define OFF(m) offsetof(struct doc_input, m)

static const struct key keys[] = {
	{"case_reference", KT_LINE, OFF(case_reference), 0},
	{"authority", KT_LINE, OFF(authority), 0},
	{"decider_name", KT_LINE, OFF(decider_name), 0},
	{"decider_role", KT_ROLE, OFF(decider_role), 0},
	{"mandate", KT_MANDATE, OFF(mandate), 0},
	{"mandate_reference", KT_LINE, OFF(mandate_reference), 0},
	{"removed", KT_PERSON, OFF(removed), 0},
	{"address", KT_LINE, OFF(address), 0},
	{"start", KT_INSTANT, OFF(start), 0},
	{"end", KT_INSTANT, OFF(end), 0},
	{"oral_first", KT_BOOL, OFF(oral_first), 0},
	{"facts", KT_TEXT, OFF(facts), 0},
	{"views", KT_TEXT, OFF(views), 0},
	{"protected_names", KT_NAMES, OFF(protected_names), 0},
	{"stay_address", KT_LINE, OFF(stay_address), 0},
	{"stay_phone", KT_LINE, OFF(stay_phone), 0},
	{"signed_place", KT_LINE, OFF(signed_place), 0},
	{"signed_date", KT_DATE, OFF(signed_date), OFF(has_signed_date)},
	{"previous_end", KT_INSTANT, OFF(previous_end), 0},
	{"advice", KT_TEXT, OFF(advice), 0},
	{"court", KT_LINE, OFF(court), 0},
	{"ruling_date", KT_DATE, OFF(ruling_date), OFF(has_ruling_date)},
	{"recipient_name", KT_LINE, OFF(recipient_name), 0},
	{"recipient_address", KT_LINE, OFF(recipient_address), 0},
	{"help_contact", KT_LINE, OFF(help_contact), 0},
};

static const struct key *
find_key(const char *name)
{
	size_t i;

	for (i = 0; i < CT_ARRAY_SIZE(keys); i++)
		if (strcmp(keys[i].name, name) == 0)
			return &keys[i];
	return NULL;
}

/* A string value within max bytes, or NULL with a problem added. */
static const char *
string_value(json_t *v, const char *field, size_t max, struct ct_problems *p)
{
	const char *s;

	if (!json_is_string(v)) {
		ct_problems_add(p, field, "verwacht een tekst");
		return NULL;
	}
	s = json_string_value(v);
	if (json_string_length(v) > max) {
		ct_problems_add(p, field, "de tekst is langer dan %zu bytes",
				max);
		return NULL;
	}
	return s;
}

static void
set_ptr(struct doc_input *in, size_t offset, const char *s)
{
	memcpy((char *)in + offset, &s, sizeof(s));
}

static void
parse_date(json_t *v, const char *field, struct ct_date *out, int *has,
	   struct ct_problems *p)
{
	const char *s = string_value(v, field, 10, p);

	if (!s)
		return;
	if (ct_date_parse(s, out) != CT_OK) {
		ct_problems_add(p, field, "verwacht een datum JJJJ-MM-DD die "
				"bestaat");
		return;
	}
	*has = 1;
}

static void
parse_person(json_t *v, struct doc_person *out, struct ct_problems *p)
{
	const char *k;
	json_t *m;

	if (!json_is_object(v)) {
		ct_problems_add(p, "removed", "verwacht een object met name "
				"en birth_date");
		return;
	}
	json_object_foreach(v, k, m) {
		if (strcmp(k, "name") == 0)
			out->name = string_value(m, "removed.name",
						 DOC_LINE_MAX, p);
		else if (strcmp(k, "birth_date") == 0)
			parse_date(m, "removed.birth_date", &out->birth_date,
				   &out->has_birth_date, p);
		else
			ct_problems_add(p, "removed", "onbekend veld '%.40s'",
					k);
	}
}

static void
parse_names(json_t *v, struct doc_input *in, struct ct_problems *p)
{
	char field[CT_PROBLEM_FIELD_MAX];
	size_t i;
	json_t *m;

	if (!json_is_array(v)) {
		ct_problems_add(p, "protected_names", "verwacht een lijst "
				"met namen");
		return;
	}
	if (json_array_size(v) > DOC_PROTECTED_MAX) {
		ct_problems_add(p, "protected_names", "meer dan %d namen",
				DOC_PROTECTED_MAX);
		return;
	}
	json_array_foreach(v, i, m) {
		snprintf(field, sizeof(field), "protected_names[%zu]", i);
		in->protected_names[i] = string_value(m, field, DOC_LINE_MAX,
						      p);
	}
	in->protected_count = json_array_size(v);
}

static void
parse_value(const struct key *k, json_t *v, struct doc_input *in,
	    struct ct_problems *p)
{
	enum ct_zone zone = ct_country_zone(in->jurisdiction);
	const char *s;
	int64_t t;
	int code;

	switch (k->type) {
	case KT_LINE:
	case KT_TEXT:
		s = string_value(v, k->name,
				 k->type == KT_LINE ? DOC_LINE_MAX
						    : DOC_TEXT_MAX,
				 p);
		if (s)
			set_ptr(in, k->offset, s);
		return;
	case KT_ROLE:
		s = string_value(v, k->name, DOC_LINE_MAX, p);
		if (s && doc_role_parse(s, &in->decider_role) != CT_OK)
			ct_problems_add(p, k->name, "verwacht mayor, "
					"deputy_mayor, hovj of prosecutor");
		return;
	case KT_MANDATE:
		s = string_value(v, k->name, DOC_LINE_MAX, p);
		if (s && doc_mandate_parse(s, &in->mandate) != CT_OK)
			ct_problems_add(p, k->name, "verwacht none, deciding "
					"of signing");
		return;
	case KT_PERSON:
		parse_person(v, &in->removed, p);
		return;
	case KT_INSTANT:
		s = string_value(v, k->name, CT_ISO_SIZE, p);
		if (!s)
			return;
		if (ct_instant_parse(s, zone, &t) != CT_OK || t == 0) {
			ct_problems_add(p, k->name, "verwacht een tijdstip "
					"JJJJ-MM-DDTUU:MM (lokale tijd)");
			return;
		}
		memcpy((char *)in + k->offset, &t, sizeof(t));
		return;
	case KT_BOOL:
		if (!json_is_boolean(v)) {
			ct_problems_add(p, k->name, "verwacht true of false");
			return;
		}
		code = json_is_true(v);
		memcpy((char *)in + k->offset, &code, sizeof(code));
		return;
	case KT_NAMES:
		parse_names(v, in, p);
		return;
	case KT_DATE: {
		struct ct_date d;
		int has = 0;

		parse_date(v, k->name, &d, &has, p);
		if (has) {
			memcpy((char *)in + k->offset, &d, sizeof(d));
			memcpy((char *)in + k->flag_offset, &has,
			       sizeof(has));
		}
		return;
	}
	}
	CT_BUG("doc_json: unknown key type");
}

void
doc_json_release(struct doc_json *dj)
{
	if (dj->root)
		json_decref(dj->root);
	memset(dj, 0, sizeof(*dj));
}

enum ct_err
doc_json_parse(const char *text, size_t len, enum doc_kind k,
	       enum ct_country c, struct doc_json *out, struct ct_problems *p)
{
	size_t before = p->count + p->dropped;
	json_error_t jerr;
	const char *name;
	json_t *v;

	memset(out, 0, sizeof(*out));
	doc_input_init(&out->input);
	out->input.kind = k;
	out->input.jurisdiction = c;
	if (len > DOC_JSON_MAX) {
		ct_problems_add(p, "invoer", "de beschrijving is groter dan "
				"%zu bytes", DOC_JSON_MAX);
		return CT_ERR_INVALID;
	}
	out->root = json_loadb(text, len, JSON_REJECT_DUPLICATES, &jerr);
	if (!out->root) {
		ct_problems_add(p, "invoer", "geen geldige JSON (regel %d, "
				"kolom %d): %.80s",
				jerr.line, jerr.column, jerr.text);
		return CT_ERR_INVALID;
	}
	if (!json_is_object(out->root)) {
		ct_problems_add(p, "invoer", "verwacht een JSON-object");
		doc_json_release(out);
		return CT_ERR_INVALID;
	}
	json_object_foreach(out->root, name, v) {
		const struct key *key = find_key(name);

		if (!key) {
			ct_problems_add(p, "invoer", "onbekend veld '%.40s'",
					name);
			continue;
		}
		parse_value(key, v, &out->input, p);
	}
	if (p->count + p->dropped > before) {
		doc_json_release(out);
		return CT_ERR_INVALID;
	}
	return CT_OK;
}
