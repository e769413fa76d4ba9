/*
 * test_validate.c - every rule of core/validate.c, failing and passing.
 *
 * Each table row starts from a valid record, changes one thing, and names
 * the field of the one problem it expects (NULL: no problem) and a piece
 * of its message. Separate tests check that several problems come at once.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <cmocka.h>

#include "core/validate.h"

/* 2026-07-13T12:00:00Z, 14:00 in Amsterdam. */
#define NOW INT64_C(1783944000)
/* 2026-07-13T22:30:00Z: already 14 July in Amsterdam and Brussels. */
#define NOW_LATE_EVENING (NOW + 10 * 3600 + 30 * 60)

#define UUID_A "0b6f7c1e-4f4a-4d7e-9a53-2f1b6c0e8d11"
#define UUID_B "5d2e8a90-1c3b-4e6f-8a7d-9b0c1d2e3f40"
#define UUID_C "9f8e7d6c-5b4a-4c3d-8e2f-1a0b9c8d7e6f"

static char long_text[CT_DESCRIPTION_MAX + 2];

/* A string of n bytes 'a' (n <= CT_DESCRIPTION_MAX + 1). */
static const char *
text_of(size_t n)
{
	memset(long_text, 'a', n);
	long_text[n] = '\0';
	return long_text;
}

static void
expect(const struct ct_problems *p, size_t added, const char *name,
       const char *field, const char *part)
{
	if (!field) {
		if (added != 0 || p->count != 0)
			fail_msg("%s: unexpected problem %s: %s", name,
				 p->items[0].field, p->items[0].message);
		return;
	}
	if (p->count != 1 || added != 1)
		fail_msg("%s: expected 1 problem on %s, got %zu (%s: %s)", name,
			 field, p->count, p->count ? p->items[0].field : "",
			 p->count ? p->items[0].message : "");
	if (strcmp(p->items[0].field, field) != 0)
		fail_msg("%s: expected field %s, got %s (%s)", name, field,
			 p->items[0].field, p->items[0].message);
	if (!strstr(p->items[0].message, part))
		fail_msg("%s: message '%s' lacks '%s'", name,
			 p->items[0].message, part);
}

/* ------------------------------------------------------------------ */
/* Persons.                                                           */

static void
person_base(struct person *pe)
{
	memset(pe, 0, sizeof(*pe));
	snprintf(pe->case_id, sizeof(pe->case_id), "%s", UUID_A);
	pe->given_name = "Sanne";
	pe->family_name = "de Vries";
	pe->has_birth_date = 1;
	pe->birth_date = (struct ct_date){1985, 7, 30};
	pe->sex = PERSON_SEX_FEMALE;
	pe->bsn = "111222333";
	pe->rrn = "85073003328";
	pe->roles = CT_BIT(PERSON_ROLE_VICTIM);
}

static void
pe_ok(struct person *pe)
{
	(void)pe;
}
static void
pe_no_names(struct person *pe)
{
	pe->given_name = NULL;
	pe->family_name = NULL;
}
static void
pe_blank_names(struct person *pe)
{
	pe->given_name = "  ";
	pe->family_name = "";
}
static void
pe_only_family(struct person *pe)
{
	pe->given_name = NULL;
}
static void
pe_only_given(struct person *pe)
{
	pe->family_name = NULL;
}
static void
pe_name_max(struct person *pe)
{
	pe->given_name = text_of(CT_NAME_MAX);
}
static void
pe_name_long(struct person *pe)
{
	pe->given_name = text_of(CT_NAME_MAX + 1);
}
static void
pe_family_long(struct person *pe)
{
	pe->family_name = text_of(CT_NAME_MAX + 1);
}
static void
pe_name_control(struct person *pe)
{
	pe->given_name = "Sa\x01nne";
}
static void
pe_name_newline(struct person *pe)
{
	pe->given_name = "Sa\nnne";
}
static void
pe_name_del(struct person *pe)
{
	pe->family_name = "Vries\x7f";
}
static void
pe_name_c1(struct person *pe)
{
	pe->given_name = "Sa\xc2\x85nne";
}
static void
pe_name_bad_utf8(struct person *pe)
{
	pe->given_name = "Zo\xc3(";
}
static void
pe_name_overlong(struct person *pe)
{
	pe->given_name = "a\xc0\xaf";
}
static void
pe_name_overlong3(struct person *pe)
{
	pe->given_name = "a\xe0\x80\xaf";
}
static void
pe_name_surrogate(struct person *pe)
{
	pe->given_name = "a\xed\xa0\x80";
}
static void
pe_name_beyond(struct person *pe)
{
	pe->given_name = "a\xf4\x90\x80\x80";
}
static void
pe_name_truncated(struct person *pe)
{
	pe->given_name = "a\xe2\x82";
}
static void
pe_name_utf8(struct person *pe)
{
	pe->given_name = "Zo\xc3\xab \xe2\x82\xac \xf0\x9f\x98\x80";
}
static void
pe_birth_future(struct person *pe)
{
	pe->birth_date = (struct ct_date){2026, 7, 14};
	pe->rrn = NULL;
}
static void
pe_birth_today(struct person *pe)
{
	pe->birth_date = (struct ct_date){2026, 7, 13};
	pe->rrn = NULL;
}
static void
pe_birth_feb29(struct person *pe)
{
	pe->birth_date = (struct ct_date){2023, 2, 29};
	pe->rrn = NULL;
}
static void
pe_birth_leap(struct person *pe)
{
	pe->birth_date = (struct ct_date){2024, 2, 29};
	pe->rrn = NULL;
}
static void
pe_birth_1899(struct person *pe)
{
	pe->birth_date = (struct ct_date){1899, 12, 31};
	pe->rrn = NULL;
}
static void
pe_birth_1950(struct person *pe)
{
	pe->birth_date = (struct ct_date){1950, 1, 1};
	pe->rrn = NULL;
}
static void
pe_birth_month13(struct person *pe)
{
	pe->birth_date = (struct ct_date){1985, 13, 1};
	pe->rrn = NULL;
}
static void
pe_birth_day0(struct person *pe)
{
	pe->birth_date = (struct ct_date){1985, 7, 0};
	pe->rrn = NULL;
}
static void
pe_birth_ignored(struct person *pe)
{
	pe->has_birth_date = 0;
	pe->birth_date = (struct ct_date){0, 99, 99};
}
static void
pe_birth_vs_rrn(struct person *pe)
{
	pe->birth_date = (struct ct_date){1985, 7, 31};
}
static void
pe_sex_bad(struct person *pe)
{
	pe->sex = PERSON_SEX__COUNT;
}
static void
pe_sex_neg(struct person *pe)
{
	pe->sex = (enum person_sex) - 1;
}
static void
pe_bsn_bad(struct person *pe)
{
	pe->bsn = "123456789";
}
static void
pe_bsn_short(struct person *pe)
{
	pe->bsn = "12345";
}
static void
pe_bsn_letters(struct person *pe)
{
	pe->bsn = "12345678x";
}
static void
pe_bsn_empty(struct person *pe)
{
	pe->bsn = "";
}
static void
pe_rrn_bad(struct person *pe)
{
	pe->rrn = "85073003329";
}
static void
pe_rrn_dots(struct person *pe)
{
	pe->rrn = "85.07.30-033.28";
}
static void
pe_rrn_none(struct person *pe)
{
	pe->rrn = NULL;
	pe->bsn = NULL;
}
static void
pe_roles_none(struct person *pe)
{
	pe->roles = 0;
}
static void
pe_roles_unknown(struct person *pe)
{
	pe->roles |= CT_BIT(PERSON_ROLE__COUNT);
}
static void
pe_roles_all(struct person *pe)
{
	pe->roles = vocab_mask_all(&vocab_person_role);
}
static void
pe_version_neg(struct person *pe)
{
	pe->version = -1;
}
static void
pe_id_bad(struct person *pe)
{
	snprintf(pe->id, sizeof(pe->id), "%s", "not-a-uuid");
}
static void
pe_id_good(struct person *pe)
{
	snprintf(pe->id, sizeof(pe->id), "%s", UUID_B);
}
static void
pe_case_id_bad(struct person *pe)
{
	snprintf(pe->case_id, sizeof(pe->case_id), "%s", "1234");
}

static void
test_person_rules(void **state)
{
	static const struct {
		const char *name;
		void (*mutate)(struct person *);
		const char *field;
		const char *part;
	} cases[] = {
		{"valid", pe_ok, NULL, NULL},
		{"no names", pe_no_names, "given_name", "voornaam of"},
		{"blank names", pe_blank_names, "given_name", "voornaam of"},
		{"only family name", pe_only_family, NULL, NULL},
		{"only given name", pe_only_given, NULL, NULL},
		{"name at limit", pe_name_max, NULL, NULL},
		{"name too long", pe_name_long, "given_name", "te lang"},
		{"family too long", pe_family_long, "family_name", "te lang"},
		{"control char", pe_name_control, "given_name", "stuurteken"},
		{"newline in name", pe_name_newline, "given_name",
		 "stuurteken"},
		{"DEL", pe_name_del, "family_name", "stuurteken"},
		{"C1 control", pe_name_c1, "given_name", "stuurteken"},
		{"bad UTF-8", pe_name_bad_utf8, "given_name", "UTF-8"},
		{"overlong 2", pe_name_overlong, "given_name", "UTF-8"},
		{"overlong 3", pe_name_overlong3, "given_name", "UTF-8"},
		{"surrogate", pe_name_surrogate, "given_name", "UTF-8"},
		{"beyond U+10FFFF", pe_name_beyond, "given_name", "UTF-8"},
		{"truncated", pe_name_truncated, "given_name", "UTF-8"},
		{"good UTF-8", pe_name_utf8, NULL, NULL},
		{"birth in future", pe_birth_future, "birth_date",
		 "2026-07-14 ligt in de toekomst"},
		{"birth today", pe_birth_today, NULL, NULL},
		{"29 Feb non-leap", pe_birth_feb29, "birth_date",
		 "2023-02-29 bestaat niet"},
		{"29 Feb leap", pe_birth_leap, NULL, NULL},
		{"born 1899", pe_birth_1899, "birth_date", "bestaat niet"},
		{"born 1950", pe_birth_1950, NULL, NULL},
		{"month 13", pe_birth_month13, "birth_date", "bestaat niet"},
		{"day 0", pe_birth_day0, "birth_date", "bestaat niet"},
		{"no birth date", pe_birth_ignored, NULL, NULL},
		{"birth vs rrn", pe_birth_vs_rrn, "birth_date",
		 "rijksregisternummer (dat geeft 1985-07-30)"},
		{"sex out of range", pe_sex_bad, "sex", "geslacht"},
		{"sex negative", pe_sex_neg, "sex", "geslacht"},
		{"bsn elfproef", pe_bsn_bad, "bsn",
		 "BSN 123456789 klopt niet (elfproef)"},
		{"bsn short", pe_bsn_short, "bsn", "precies 9 cijfers"},
		{"bsn letters", pe_bsn_letters, "bsn", "precies 9 cijfers"},
		{"bsn empty", pe_bsn_empty, NULL, NULL},
		{"rrn check", pe_rrn_bad, "rrn",
		 "Rijksregisternummer 85073003329 klopt niet"},
		{"rrn punctuation", pe_rrn_dots, "rrn", "precies 11 cijfers"},
		{"no numbers", pe_rrn_none, NULL, NULL},
		{"no roles", pe_roles_none, "roles", "minstens"},
		{"unknown role", pe_roles_unknown, "roles", "onbekende rol"},
		{"all roles", pe_roles_all, NULL, NULL},
		{"negative version", pe_version_neg, "version", "negatief"},
		{"bad id", pe_id_bad, "id", "UUID"},
		{"good id", pe_id_good, NULL, NULL},
		{"bad case id", pe_case_id_bad, "case_id", "UUID"},
	};
	struct ct_problems p;
	struct person pe;
	size_t i, added;

	(void)state;
	for (i = 0; i < sizeof(cases) / sizeof(cases[0]); i++) {
		person_base(&pe);
		cases[i].mutate(&pe);
		ct_problems_init(&p);
		added = person_validate(&pe, NOW, &p);
		expect(&p, added, cases[i].name, cases[i].field, cases[i].part);
	}
}

/* "Today" is the civil date in the jurisdiction, not the UTC date. */
static void
test_person_birth_today_is_local(void **state)
{
	struct ct_problems p;
	struct person pe;

	(void)state;
	person_base(&pe);
	pe.rrn = NULL;
	pe.birth_date = (struct ct_date){2026, 7, 14};
	ct_problems_init(&p);
	assert_int_equal(person_validate(&pe, NOW_LATE_EVENING, &p), 0);
	pe.birth_date = (struct ct_date){2026, 7, 15};
	assert_int_equal(person_validate(&pe, NOW_LATE_EVENING, &p), 1);
	assert_string_equal(p.items[0].field, "birth_date");
}

static void
test_person_many_problems(void **state)
{
	struct ct_problems p;
	struct person pe;
	struct ct_error err;

	(void)state;
	person_base(&pe);
	pe.given_name = NULL;
	pe.family_name = NULL;
	pe.birth_date = (struct ct_date){2030, 1, 1};
	pe.bsn = "123456789";
	pe.rrn = NULL;
	pe.roles = 0;
	ct_problems_init(&p);
	assert_int_equal(person_validate(&pe, NOW, &p), 4);
	assert_int_equal(p.count, 4);
	assert_string_equal(p.items[0].field, "given_name");
	assert_string_equal(p.items[1].field, "birth_date");
	assert_string_equal(p.items[2].field, "bsn");
	assert_string_equal(p.items[3].field, "roles");
	assert_string_equal(p.items[2].message,
			    "BSN 123456789 klopt niet (elfproef)");
	assert_int_equal(ct_problems_to_error(&p, &err), CT_ERR_INVALID);
	assert_non_null(strstr(err.message,
			       "bsn: BSN 123456789 klopt niet (elfproef); "
			       "roles: "));

	/* Problems accumulate across calls; those that do not fit count. */
	ct_problems_init(&p);
	for (int i = 0; i < 9; i++)
		assert_int_equal(person_validate(&pe, NOW, &p), 4);
	assert_int_equal(p.count, CT_PROBLEMS_MAX);
	assert_int_equal(p.dropped, 9 * 4 - CT_PROBLEMS_MAX);
}

/* ------------------------------------------------------------------ */
/* Relations.                                                         */

static void
relation_base(struct relation *r)
{
	memset(r, 0, sizeof(*r));
	snprintf(r->case_id, sizeof(r->case_id), "%s", UUID_A);
	snprintf(r->person_a, sizeof(r->person_a), "%s", UUID_B);
	snprintf(r->person_b, sizeof(r->person_b), "%s", UUID_C);
	r->kind = RELATION_PARENT;
}

static void
re_ok(struct relation *r)
{
	(void)r;
}
static void
re_a_missing(struct relation *r)
{
	r->person_a[0] = '\0';
}
static void
re_b_bad(struct relation *r)
{
	snprintf(r->person_b, sizeof(r->person_b), "%s", "xyz");
}
static void
re_same(struct relation *r)
{
	snprintf(r->person_b, sizeof(r->person_b), "%s", UUID_B);
}
static void
re_same_case(struct relation *r)
{
	size_t i;

	snprintf(r->person_b, sizeof(r->person_b), "%s", UUID_B);
	for (i = 0; r->person_b[i]; i++)
		if (r->person_b[i] >= 'a' && r->person_b[i] <= 'f')
			r->person_b[i] = (char)(r->person_b[i] - 'a' + 'A');
}
static void
re_kind_bad(struct relation *r)
{
	r->kind = RELATION__COUNT;
}
static void
re_kind_other(struct relation *r)
{
	r->kind = RELATION_OTHER;
}
static void
re_case_bad(struct relation *r)
{
	snprintf(r->case_id, sizeof(r->case_id), "%s", "zz");
}
static void
re_version(struct relation *r)
{
	r->version = -5;
}

static void
test_relation_rules(void **state)
{
	static const struct {
		const char *name;
		void (*mutate)(struct relation *);
		const char *field;
		const char *part;
	} cases[] = {
		{"valid", re_ok, NULL, NULL},
		{"a missing", re_a_missing, "person_a", "verplicht"},
		{"b not a uuid", re_b_bad, "person_b", "UUID"},
		{"same person", re_same, "person_b", "verschillende"},
		{"same, other case", re_same_case, "person_b", "verschillende"},
		{"kind out of range", re_kind_bad, "kind", "relatie"},
		{"kind other", re_kind_other, NULL, NULL},
		{"bad case id", re_case_bad, "case_id", "UUID"},
		{"negative version", re_version, "version", "negatief"},
	};
	struct ct_problems p;
	struct relation r;
	size_t i, added;

	(void)state;
	for (i = 0; i < sizeof(cases) / sizeof(cases[0]); i++) {
		relation_base(&r);
		cases[i].mutate(&r);
		ct_problems_init(&p);
		added = relation_validate(&r, &p);
		expect(&p, added, cases[i].name, cases[i].field, cases[i].part);
	}
}

static void
test_relation_many_problems(void **state)
{
	struct ct_problems p;
	struct relation r;

	(void)state;
	relation_base(&r);
	r.person_a[0] = '\0';
	snprintf(r.person_b, sizeof(r.person_b), "%s", "nope");
	r.kind = (enum relation_kind)42;
	ct_problems_init(&p);
	assert_int_equal(relation_validate(&r, &p), 3);
	assert_string_equal(p.items[0].field, "person_a");
	assert_string_equal(p.items[1].field, "person_b");
	assert_string_equal(p.items[2].field, "kind");
}

/* ------------------------------------------------------------------ */
/* Incidents.                                                         */

static void
incident_base(struct incident *in)
{
	memset(in, 0, sizeof(*in));
	snprintf(in->case_id, sizeof(in->case_id), "%s", UUID_A);
	in->occurred_at = NOW - 3600;
	in->types = CT_BIT(VIOLENCE_TYPE_PARTNER);
	in->forms = CT_BIT(VIOLENCE_FORM_PHYSICAL);
	in->severity = SEVERITY_SERIOUS;
	in->location = "Amsterdam-Oost";
	in->description = "Slaan met vlakke hand.\nKinderen waren getuige.";
}

static void
in_ok(struct incident *in)
{
	(void)in;
}
static void
in_future(struct incident *in)
{
	in->occurred_at = NOW + 301;
}
static void
in_skew(struct incident *in)
{
	in->occurred_at = NOW + 300;
}
static void
in_before_1970(struct incident *in)
{
	in->occurred_at = -1;
}
static void
in_epoch(struct incident *in)
{
	in->occurred_at = 0;
}
static void
in_nothing(struct incident *in)
{
	in->types = 0;
	in->forms = 0;
}
static void
in_only_form(struct incident *in)
{
	in->types = 0;
}
static void
in_only_type(struct incident *in)
{
	in->forms = 0;
}
static void
in_type_unknown(struct incident *in)
{
	in->types |= CT_BIT(VIOLENCE_TYPE__COUNT);
}
static void
in_form_unknown(struct incident *in)
{
	in->forms = CT_BIT(31);
}
static void
in_severity(struct incident *in)
{
	in->severity = SEVERITY__COUNT;
}
static void
in_severity_unknown(struct incident *in)
{
	in->severity = SEVERITY_UNKNOWN;
}
static void
in_no_desc(struct incident *in)
{
	in->description = NULL;
}
static void
in_empty_desc(struct incident *in)
{
	in->description = " ";
}
static void
in_desc_max(struct incident *in)
{
	in->description = text_of(CT_DESCRIPTION_MAX);
}
static void
in_desc_long(struct incident *in)
{
	in->description = text_of(CT_DESCRIPTION_MAX + 1);
}
static void
in_desc_crlf_tab(struct incident *in)
{
	in->description = "Regel 1\r\n\tRegel 2";
}
static void
in_desc_escape(struct incident *in)
{
	in->description = "kleur \x1b[31m rood";
}
static void
in_desc_nul_utf8(struct incident *in)
{
	in->description = "caf\xe9";
}
static void
in_no_location(struct incident *in)
{
	in->location = NULL;
}
static void
in_location_long(struct incident *in)
{
	in->location = text_of(CT_LOCATION_MAX + 1);
}
static void
in_location_newline(struct incident *in)
{
	in->location = "Straat 1\nAmsterdam";
}

static void
test_incident_rules(void **state)
{
	static const struct {
		const char *name;
		void (*mutate)(struct incident *);
		const char *field;
		const char *part;
	} cases[] = {
		{"valid", in_ok, NULL, NULL},
		{"future", in_future, "occurred_at", "toekomst"},
		{"clock skew", in_skew, NULL, NULL},
		{"before 1970", in_before_1970, "occurred_at", "1970"},
		{"epoch", in_epoch, NULL, NULL},
		{"no type or form", in_nothing, "types", "minstens"},
		{"only form", in_only_form, NULL, NULL},
		{"only type", in_only_type, NULL, NULL},
		{"unknown type", in_type_unknown, "types", "geweldstype"},
		{"unknown form", in_form_unknown, "forms", "geweldsvorm"},
		{"severity range", in_severity, "severity", "ernst"},
		{"severity unknown", in_severity_unknown, NULL, NULL},
		{"no description", in_no_desc, "description", "verplicht"},
		{"blank description", in_empty_desc, "description",
		 "verplicht"},
		{"description at limit", in_desc_max, NULL, NULL},
		{"description too long", in_desc_long, "description",
		 "te lang"},
		{"CRLF and tab", in_desc_crlf_tab, NULL, NULL},
		{"escape", in_desc_escape, "description", "stuurteken"},
		{"latin-1", in_desc_nul_utf8, "description", "UTF-8"},
		{"no location", in_no_location, NULL, NULL},
		{"location too long", in_location_long, "location", "te lang"},
		{"location newline", in_location_newline, "location",
		 "stuurteken"},
	};
	struct ct_problems p;
	struct incident in;
	size_t i, added;

	(void)state;
	for (i = 0; i < sizeof(cases) / sizeof(cases[0]); i++) {
		incident_base(&in);
		cases[i].mutate(&in);
		ct_problems_init(&p);
		added = incident_validate(&in, NOW, &p);
		expect(&p, added, cases[i].name, cases[i].field, cases[i].part);
	}
}

static void
test_incident_many_problems(void **state)
{
	struct ct_problems p;
	struct incident in;

	(void)state;
	incident_base(&in);
	in.occurred_at = NOW + 86400;
	in.types = 0;
	in.forms = 0;
	in.description = NULL;
	ct_problems_init(&p);
	assert_int_equal(incident_validate(&in, NOW, &p), 3);
	assert_string_equal(p.items[0].field, "occurred_at");
	assert_string_equal(p.items[1].field, "types");
	assert_string_equal(p.items[2].field, "description");
}

/* ------------------------------------------------------------------ */
/* Organisations.                                                     */

static void
org_base(struct org *o)
{
	memset(o, 0, sizeof(*o));
	o->name = "Politie Amsterdam";
	o->type = ORG_TYPE_POLICE;
	o->country = CT_COUNTRY_NL;
	o->email = "huiselijkgeweld@politie.nl";
}

static void
or_ok(struct org *o)
{
	(void)o;
}
static void
or_no_name(struct org *o)
{
	o->name = NULL;
}
static void
or_name_long(struct org *o)
{
	o->name = text_of(CT_ORG_NAME_MAX + 1);
}
static void
or_name_max(struct org *o)
{
	o->name = text_of(CT_ORG_NAME_MAX);
}
static void
or_type(struct org *o)
{
	o->type = ORG_TYPE__COUNT;
}
static void
or_country(struct org *o)
{
	o->country = (enum ct_country)2;
}
static void
or_be(struct org *o)
{
	o->country = CT_COUNTRY_BE;
	o->type = ORG_TYPE_VEILIG_HUIS;
}
static void
or_no_email(struct org *o)
{
	o->email = NULL;
}
static void
or_email_plain(struct org *o)
{
	o->email = "geen-adres";
}
static void
or_email_nodot(struct org *o)
{
	o->email = "a@b";
}
static void
or_email_two_at(struct org *o)
{
	o->email = "a@@b.nl";
}
static void
or_email_space(struct org *o)
{
	o->email = "a b@c.nl";
}
static void
or_email_dots(struct org *o)
{
	o->email = "a@b..nl";
}
static void
or_email_lead_dot(struct org *o)
{
	o->email = "a@.b.nl";
}
static void
or_email_trail_dot(struct org *o)
{
	o->email = "a@b.nl.";
}
static void
or_email_no_local(struct org *o)
{
	o->email = "@b.nl";
}
static void
or_email_ok_be(struct org *o)
{
	o->email = "veilighuis.oostbrabant@vlaanderen.be";
}
static void
or_email_long(struct org *o)
{
	static char buf[CT_EMAIL_MAX + 8];

	memset(buf, 'a', sizeof(buf) - 1);
	buf[sizeof(buf) - 1] = '\0';
	memcpy(buf + sizeof(buf) - 8, "@abc.nl", 7);
	o->email = buf;
}

static void
test_org_rules(void **state)
{
	static const struct {
		const char *name;
		void (*mutate)(struct org *);
		const char *field;
		const char *part;
	} cases[] = {
		{"valid", or_ok, NULL, NULL},
		{"no name", or_no_name, "name", "verplicht"},
		{"name too long", or_name_long, "name", "te lang"},
		{"name at limit", or_name_max, NULL, NULL},
		{"type range", or_type, "type", "soort organisatie"},
		{"country range", or_country, "country", "land"},
		{"Belgian Veilig Huis", or_be, NULL, NULL},
		{"no email", or_no_email, NULL, NULL},
		{"email plain", or_email_plain, "email",
		 "'geen-adres' is geen geldig adres"},
		{"email no dot", or_email_nodot, "email", "geen geldig"},
		{"email two @", or_email_two_at, "email", "geen geldig"},
		{"email space", or_email_space, "email", "geen geldig"},
		{"email ..", or_email_dots, "email", "geen geldig"},
		{"email @.", or_email_lead_dot, "email", "geen geldig"},
		{"email trailing .", or_email_trail_dot, "email",
		 "geen geldig"},
		{"email no local", or_email_no_local, "email", "geen geldig"},
		{"email be", or_email_ok_be, NULL, NULL},
		{"email too long", or_email_long, "email", "te lang"},
	};
	struct ct_problems p;
	struct org o;
	size_t i, added;

	(void)state;
	for (i = 0; i < sizeof(cases) / sizeof(cases[0]); i++) {
		org_base(&o);
		cases[i].mutate(&o);
		ct_problems_init(&p);
		added = org_validate(&o, &p);
		expect(&p, added, cases[i].name, cases[i].field, cases[i].part);
	}
}

static void
test_org_many_problems(void **state)
{
	struct ct_problems p;
	struct org o;

	(void)state;
	org_base(&o);
	o.name = "";
	o.type = (enum org_type)99;
	o.email = "x";
	ct_problems_init(&p);
	assert_int_equal(org_validate(&o, &p), 3);
	assert_string_equal(p.items[0].field, "name");
	assert_string_equal(p.items[1].field, "type");
	assert_string_equal(p.items[2].field, "email");
}

/* ------------------------------------------------------------------ */
/* Users.                                                             */

static void
user_base(struct user *u)
{
	memset(u, 0, sizeof(*u));
	snprintf(u->org_id, sizeof(u->org_id), "%s", UUID_A);
	u->username = "j.jansen";
	u->display_name = "J. Jansen";
	u->roles = CT_BIT(USER_ROLE_COORDINATOR);
	u->active = 1;
}

static void
us_ok(struct user *u)
{
	(void)u;
}
static void
us_no_org(struct user *u)
{
	u->org_id[0] = '\0';
}
static void
us_bad_org(struct user *u)
{
	snprintf(u->org_id, sizeof(u->org_id), "%s", "org-1");
}
static void
us_upper(struct user *u)
{
	u->username = "JJansen";
}
static void
us_short(struct user *u)
{
	u->username = "ab";
}
static void
us_min(struct user *u)
{
	u->username = "abc";
}
static void
us_long(struct user *u)
{
	u->username = text_of(CT_USERNAME_MAX + 1);
}
static void
us_max(struct user *u)
{
	u->username = text_of(CT_USERNAME_MAX);
}
static void
us_chars(struct user *u)
{
	u->username = "a_b-c.d9";
}
static void
us_space(struct user *u)
{
	u->username = "j jansen";
}
static void
us_at(struct user *u)
{
	u->username = "j@jansen";
}
static void
us_none(struct user *u)
{
	u->username = NULL;
}
static void
us_no_display(struct user *u)
{
	u->display_name = NULL;
}
static void
us_display_long(struct user *u)
{
	u->display_name = text_of(CT_DISPLAY_NAME_MAX + 1);
}
static void
us_no_roles(struct user *u)
{
	u->roles = 0;
}
static void
us_bad_role(struct user *u)
{
	u->roles = CT_BIT(USER_ROLE__COUNT);
}
static void
us_many_roles(struct user *u)
{
	u->roles = CT_BIT(USER_ROLE_ADMIN) | CT_BIT(USER_ROLE_ANALYST);
}
static void
us_email_ok(struct user *u)
{
	u->email = "j.jansen@gemeente.nl";
}
static void
us_email_bad(struct user *u)
{
	u->email = "j.jansen@";
}
static void
us_email_ctrl(struct user *u)
{
	u->email = "j\x01@x.nl";
}

static void
test_user_rules(void **state)
{
	static const struct {
		const char *name;
		void (*mutate)(struct user *);
		const char *field;
		const char *part;
	} cases[] = {
		{"valid", us_ok, NULL, NULL},
		{"no org", us_no_org, "org_id", "verplicht"},
		{"bad org", us_bad_org, "org_id", "UUID"},
		{"upper case", us_upper, "username", "kleine letters"},
		{"too short", us_short, "username", "3 tot 40"},
		{"minimum", us_min, NULL, NULL},
		{"too long", us_long, "username", "3 tot 40"},
		{"maximum", us_max, NULL, NULL},
		{"allowed chars", us_chars, NULL, NULL},
		{"space", us_space, "username", "kleine letters"},
		{"at sign", us_at, "username", "kleine letters"},
		{"no username", us_none, "username", "verplicht"},
		{"no display name", us_no_display, "display_name", "verplicht"},
		{"display too long", us_display_long, "display_name",
		 "te lang"},
		{"no roles", us_no_roles, "roles", "minstens"},
		{"unknown role", us_bad_role, "roles", "onbekende rol"},
		{"several roles", us_many_roles, NULL, NULL},
		{"email ok", us_email_ok, NULL, NULL},
		{"email bad", us_email_bad, "email", "geen geldig"},
		/* An unprintable address is not echoed into the message. */
		{"email control", us_email_ctrl, "email",
		 "Het e-mailadres is geen geldig"},
	};
	struct ct_problems p;
	struct user u;
	size_t i, added;

	(void)state;
	for (i = 0; i < sizeof(cases) / sizeof(cases[0]); i++) {
		user_base(&u);
		cases[i].mutate(&u);
		ct_problems_init(&p);
		added = user_validate(&u, &p);
		expect(&p, added, cases[i].name, cases[i].field, cases[i].part);
	}
}

static void
test_user_many_problems(void **state)
{
	struct ct_problems p;
	struct user u;

	(void)state;
	user_base(&u);
	u.username = "X";
	u.display_name = "";
	u.roles = 0;
	u.email = "nope";
	ct_problems_init(&p);
	assert_int_equal(user_validate(&u, &p), 4);
	assert_string_equal(p.items[0].field, "username");
	assert_string_equal(p.items[1].field, "display_name");
	assert_string_equal(p.items[2].field, "email");
	assert_string_equal(p.items[3].field, "roles");
}

/* ------------------------------------------------------------------ */
/* Cases, regions, references, ages.                                  */

static void
case_base(struct ct_case *c)
{
	memset(c, 0, sizeof(*c));
	snprintf(c->reference, sizeof(c->reference), "%s", "AMS-2026-00123");
	c->jurisdiction = CT_COUNTRY_NL;
	c->region = "AMS";
	snprintf(c->owner_org_id, sizeof(c->owner_org_id), "%s", UUID_A);
	c->status = CASE_STATUS_OPEN;
	c->pattern = PATTERN_UNKNOWN;
}

static void
ca_ok(struct ct_case *c)
{
	(void)c;
}
static void
ca_no_ref(struct ct_case *c)
{
	c->reference[0] = '\0';
}
static void
ca_bad_ref(struct ct_case *c)
{
	snprintf(c->reference, sizeof(c->reference), "%s", "AMS-26-1");
}
static void
ca_no_region(struct ct_case *c)
{
	c->region = NULL;
}
static void
ca_lower_region(struct ct_case *c)
{
	c->region = "ams";
}
static void
ca_short_region(struct ct_case *c)
{
	c->region = "A";
}
static void
ca_long_region(struct ct_case *c)
{
	c->region = "ABCDEFGHI";
}
static void
ca_be(struct ct_case *c)
{
	c->jurisdiction = CT_COUNTRY_BE;
	c->region = "LEU";
	snprintf(c->reference, sizeof(c->reference), "%s", "LEU-2026-00001");
}
static void
ca_country(struct ct_case *c)
{
	c->jurisdiction = (enum ct_country)7;
}
static void
ca_no_owner(struct ct_case *c)
{
	c->owner_org_id[0] = '\0';
}
static void
ca_bad_owner(struct ct_case *c)
{
	snprintf(c->owner_org_id, sizeof(c->owner_org_id), "%s", "owner");
}
static void
ca_status(struct ct_case *c)
{
	c->status = CASE_STATUS__COUNT;
}
static void
ca_closed(struct ct_case *c)
{
	c->status = CASE_STATUS_CLOSED;
}
static void
ca_pattern(struct ct_case *c)
{
	c->pattern = PATTERN__COUNT;
}
static void
ca_terror(struct ct_case *c)
{
	c->pattern = PATTERN_INTIMATE_TERRORISM;
}
static void
ca_version(struct ct_case *c)
{
	c->version = -1;
}
static void
ca_bad_id(struct ct_case *c)
{
	snprintf(c->id, sizeof(c->id), "%s", "case-1");
}

static void
test_case_rules(void **state)
{
	static const struct {
		const char *name;
		void (*mutate)(struct ct_case *);
		const char *field;
		const char *part;
	} cases[] = {
		{"valid", ca_ok, NULL, NULL},
		{"no reference yet", ca_no_ref, NULL, NULL},
		{"bad reference", ca_bad_ref, "reference", "AMS-2026-00123"},
		{"no region", ca_no_region, "region", "verplicht"},
		{"lower region", ca_lower_region, "region", "hoofdletters"},
		{"short region", ca_short_region, "region", "hoofdletters"},
		{"long region", ca_long_region, "region", "hoofdletters"},
		{"Belgian case", ca_be, NULL, NULL},
		{"country range", ca_country, "jurisdiction", "land"},
		{"no owner", ca_no_owner, "owner_org_id", "verplicht"},
		{"bad owner", ca_bad_owner, "owner_org_id", "UUID"},
		{"status range", ca_status, "status", "status"},
		{"closed", ca_closed, NULL, NULL},
		{"pattern range", ca_pattern, "pattern", "geweldspatroon"},
		{"intimate terrorism", ca_terror, NULL, NULL},
		{"negative version", ca_version, "version", "negatief"},
		{"bad id", ca_bad_id, "id", "UUID"},
	};
	struct ct_problems p;
	struct ct_case c;
	size_t i, added;

	(void)state;
	for (i = 0; i < sizeof(cases) / sizeof(cases[0]); i++) {
		case_base(&c);
		cases[i].mutate(&c);
		ct_problems_init(&p);
		added = case_validate(&c, &p);
		expect(&p, added, cases[i].name, cases[i].field, cases[i].part);
	}
}

static void
test_case_many_problems(void **state)
{
	struct ct_problems p;
	struct ct_case c;

	(void)state;
	case_base(&c);
	c.region = "x";
	c.owner_org_id[0] = '\0';
	c.status = (enum case_status)9;
	ct_problems_init(&p);
	assert_int_equal(case_validate(&c, &p), 3);
	assert_string_equal(p.items[0].field, "region");
	assert_string_equal(p.items[1].field, "owner_org_id");
	assert_string_equal(p.items[2].field, "status");
}

static void
test_region_valid(void **state)
{
	static const struct {
		const char *region;
		int valid;
	} cases[] = {
		{"AMS", 1},  {"LIM", 1},       {"AB", 1},   {"ABCDEFGH", 1},
		{"A", 0},    {"ABCDEFGHI", 0}, {"ams", 0},  {"AM1", 0},
		{"AM-S", 0}, {"", 0},	       {" AMS", 0}, {"\xc3\x84MS", 0},
	};
	size_t i;

	(void)state;
	for (i = 0; i < sizeof(cases) / sizeof(cases[0]); i++)
		assert_int_equal(ct_region_valid(cases[i].region),
				 cases[i].valid);
	assert_int_equal(ct_region_valid(NULL), 0);
}

static void
test_reference_format(void **state)
{
	static const struct {
		const char *region;
		int year;
		unsigned seq;
		enum ct_err rc;
		const char *out;
	} cases[] = {
		{"AMS", 2026, 123, CT_OK, "AMS-2026-00123"},
		{"LIM", 2025, 1, CT_OK, "LIM-2025-00001"},
		{"ABCDEFGH", 9999, 99999, CT_OK, "ABCDEFGH-9999-99999"},
		{"AMS", 2026, 100000, CT_ERR_LIMIT, ""},
		{"AMS", 2026, 0, CT_ERR_INVALID, ""},
		{"ams", 2026, 1, CT_ERR_INVALID, ""},
		{"AMS", 1969, 1, CT_ERR_INVALID, ""},
		{"AMS", 10000, 1, CT_ERR_INVALID, ""},
	};
	char out[CT_REFERENCE_SIZE];
	size_t i;

	(void)state;
	for (i = 0; i < sizeof(cases) / sizeof(cases[0]); i++) {
		memset(out, 'x', sizeof(out));
		assert_int_equal(case_reference_format(cases[i].region,
						       cases[i].year,
						       cases[i].seq, out),
				 cases[i].rc);
		assert_string_equal(out, cases[i].out);
		if (cases[i].rc == CT_OK)
			assert_true(case_reference_valid(out));
	}
}

static void
test_reference_valid(void **state)
{
	static const struct {
		const char *ref;
		int valid;
	} cases[] = {
		{"AMS-2026-00123", 1},
		{"AB-1970-00001", 1},
		{"ABCDEFGH-2026-99999", 1},
		{"AMS-2026-00000", 0},
		{"AMS-1969-00001", 0},
		{"A-2026-00001", 0},
		{"ABCDEFGHI-2026-00001", 0},
		{"ams-2026-00123", 0},
		{"AMS-2026-0123", 0},
		{"AMS-2026-000123", 0},
		{"AMS-26-00123", 0},
		{"AMS2026-00123", 0},
		{"AMS-2026-00123 ", 0},
		{"AMS-2026-", 0},
		{"", 0},
	};
	size_t i;

	(void)state;
	for (i = 0; i < sizeof(cases) / sizeof(cases[0]); i++)
		if (case_reference_valid(cases[i].ref) != cases[i].valid)
			fail_msg("case_reference_valid(\"%s\") != %d",
				 cases[i].ref, cases[i].valid);
	assert_int_equal(case_reference_valid(NULL), 0);
}

static void
test_age_on(void **state)
{
	static const struct {
		struct ct_date birth, on;
		int age;
	} cases[] = {
		{{1985, 7, 30}, {2026, 7, 13}, 40},
		{{1985, 7, 30}, {2026, 7, 29}, 40},
		{{1985, 7, 30}, {2026, 7, 30}, 41},
		{{2008, 7, 14}, {2026, 7, 13}, 17}, /* minor: no order */
		{{2008, 7, 13}, {2026, 7, 13}, 18},
		{{2026, 7, 13}, {2026, 7, 13}, 0},
		{{2026, 7, 14}, {2026, 7, 13}, -1},
		{{2004, 2, 29}, {2022, 2, 28}, 17},
		{{2004, 2, 29}, {2022, 3, 1}, 18},
		{{2004, 2, 29}, {2024, 2, 29}, 20},
		{{1950, 12, 31}, {2026, 1, 1}, 75},
	};
	size_t i;

	(void)state;
	for (i = 0; i < sizeof(cases) / sizeof(cases[0]); i++)
		assert_int_equal(ct_age_on(&cases[i].birth, &cases[i].on),
				 cases[i].age);
}

static void
test_utf8_seq(void **state)
{
	static const struct {
		const char *s;
		size_t left;
		size_t len;
	} cases[] = {
		{"a", 1, 1},
		{"\xc3\xab", 2, 2},
		{"\xc3\xab", 1, 0},
		{"\xe2\x82\xac", 3, 3},
		{"\xf0\x9f\x98\x80", 4, 4},
		{"\xf4\x8f\xbf\xbf", 4, 4}, /* U+10FFFF */
		{"\xf4\x90\x80\x80", 4, 0},
		{"\x80", 1, 0},
		{"\xc1\xbf", 2, 0},
		{"\xe0\x9f\xbf", 3, 0},
		{"\xf0\x8f\xbf\xbf", 4, 0},
		{"\xed\x9f\xbf", 3, 3}, /* U+D7FF */
		{"\xed\xa0\x80", 3, 0}, /* U+D800 */
		{"\xee\x80\x80", 3, 3}, /* U+E000 */
		{"\xc3\x28", 2, 0},
		{"\xff", 1, 0},
		{"", 0, 0},
	};
	size_t i;

	(void)state;
	for (i = 0; i < sizeof(cases) / sizeof(cases[0]); i++)
		assert_int_equal(validate_utf8_seq(cases[i].s, cases[i].left),
				 cases[i].len);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_person_rules),
		cmocka_unit_test(test_person_birth_today_is_local),
		cmocka_unit_test(test_person_many_problems),
		cmocka_unit_test(test_relation_rules),
		cmocka_unit_test(test_relation_many_problems),
		cmocka_unit_test(test_incident_rules),
		cmocka_unit_test(test_incident_many_problems),
		cmocka_unit_test(test_org_rules),
		cmocka_unit_test(test_org_many_problems),
		cmocka_unit_test(test_user_rules),
		cmocka_unit_test(test_user_many_problems),
		cmocka_unit_test(test_case_rules),
		cmocka_unit_test(test_case_many_problems),
		cmocka_unit_test(test_region_valid),
		cmocka_unit_test(test_reference_format),
		cmocka_unit_test(test_reference_valid),
		cmocka_unit_test(test_age_on),
		cmocka_unit_test(test_utf8_seq),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
