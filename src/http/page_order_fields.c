/*
 * page_order_fields.c - the step forms of a restraining order as data
 * (contract: page_order_fields.h).
 *
 * Design: one table row per step kind, one line per field; rendering and
 * reading walk the same row, so a field shown is a field read, and a
 * field of another kind is refused by name. Nothing here judges the law:
 * the details object goes to core/order_json.h and core/order.c exactly
 * as the API's does, and their problems and refusals come back under the
 * details member's name, which is the field's name here.
 */
#include "http/page_order_fields.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "util/compat.h"
#include "util/banned.h"

#define NONE WEB_S__COUNT
#define REQ PAGE_FIELD_F_REQUIRED
#define NL PAGE_FIELD_F_NL
#define BE PAGE_FIELD_F_BE
#define K(x) ((uint32_t)1 << (x))

#define YES "ja"
#define NO "nee"
#define NAME_BYTES 96 /* a form field name with its box suffix */
#define OPTION_BYTES 256

/* ------------------------------------------------------------------ */
/* The table                                                          */

#define F(n, t, l, h, fl)                                                      \
	{                                                                      \
		.name = (n), .type = (t), .label = (l), .help = (h),           \
		.flags = (fl)                                                  \
	}
#define FV(n, t, l, h, fl, v, snl, sbe)                                        \
	{                                                                      \
		.name = (n), .type = (t), .label = (l), .help = (h),           \
		.flags = (fl), .vocab = (v), .skip_nl = (snl),                 \
		.skip_be = (sbe)                                               \
	}

static const struct page_order_field f_open[] = {
	FV("route", PAGE_FIELD_VOCAB_RADIOS, WEB_S_ORDER_F_ROUTE, NONE, REQ,
	   &order_vocab_route, 0, K(ORDER_ROUTE_VEILIG_THUIS)),
	F("subject_person_id", PAGE_FIELD_PERSON, WEB_S_ORDER_F_SUBJECT, NONE,
	  REQ),
	F("protected_person_ids", PAGE_FIELD_PERSONS, WEB_S_ORDER_F_PROTECTED,
	  WEB_S_ORDER_H_PROTECTED, REQ),
	F("place", PAGE_FIELD_TEXT, WEB_S_ORDER_F_PLACE, NONE, 0),
	F("children_involved", PAGE_FIELD_CHECKBOX, WEB_S_ORDER_F_CHILDREN,
	  WEB_S_ORDER_H_CHILDREN, 0),
	F("repeat_of", PAGE_FIELD_ORDER, WEB_S_ORDER_F_REPEAT_OF,
	  WEB_S_ORDER_H_REPEAT_OF, 0),
	F("new_facts", PAGE_FIELD_LONGTEXT, WEB_S_ORDER_F_NEW_FACTS, NONE, 0),
};

static const struct page_order_field f_assess[] = {
	F("risk_assessment_id", PAGE_FIELD_ASSESSMENT, WEB_S_ORDER_F_ASSESSMENT,
	  NONE, REQ),
	F("indicates_order", PAGE_FIELD_CHECKBOX, WEB_S_ORDER_F_INDICATES, NONE,
	  0),
};

static const struct page_order_field f_hear[] = {
	F("person_id", PAGE_FIELD_PERSON, WEB_S_ORDER_F_HEAR_PERSON, NONE, REQ),
	F("view", PAGE_FIELD_LONGTEXT, WEB_S_ORDER_F_VIEW, NONE, 0),
};

static const struct page_order_field f_decide[] = {
	F("impose", PAGE_FIELD_YESNO, WEB_S_ORDER_F_IMPOSE, NONE, REQ),
	FV("mandate", PAGE_FIELD_VOCAB_SELECT, WEB_S_ORDER_F_MANDATE,
	   WEB_S_ORDER_H_MANDATE, NL, &order_vocab_mandate, 0, 0),
	F("mandate_reference", PAGE_FIELD_TEXT, WEB_S_ORDER_F_MANDATE_REF,
	  WEB_S_ORDER_H_MANDATE_REF, NL),
	F("mayor_user_id", PAGE_FIELD_MAYOR, WEB_S_ORDER_F_MAYOR,
	  WEB_S_ORDER_H_MAYOR, NL),
	F("oral", PAGE_FIELD_CHECKBOX, WEB_S_ORDER_F_ORAL, WEB_S_ORDER_H_ORAL,
	  0),
	F("imposed_at", PAGE_FIELD_DATETIME, WEB_S_ORDER_F_IMPOSED_AT,
	  WEB_S_ORDER_H_IMPOSED_AT, 0),
	F("place", PAGE_FIELD_TEXT, WEB_S_ORDER_F_PLACE, NONE, REQ),
	F("facts", PAGE_FIELD_LONGTEXT, WEB_S_ORDER_F_FACTS, NONE, REQ),
	F("protected_names", PAGE_FIELD_PROTECTED_NAMES,
	  WEB_S_ORDER_F_PROTECTED_NAMES, WEB_S_ORDER_H_PROTECTED, REQ),
	F("subject_resides", PAGE_FIELD_CHECKBOX, WEB_S_ORDER_F_RESIDES, NONE,
	  NL),
	F("serious_danger", PAGE_FIELD_CHECKBOX, WEB_S_ORDER_F_DANGER, NONE,
	  NL),
};

static const struct page_order_field f_serve[] = {
	FV("how", PAGE_FIELD_VOCAB_SELECT, WEB_S_ORDER_F_HOW, NONE, REQ,
	   &order_vocab_service,
	   K(ORDER_SERVICE_NONE) | K(ORDER_SERVICE_PROSECUTOR),
	   K(ORDER_SERVICE_NONE) | K(ORDER_SERVICE_TOWN_HALL)),
};

static const struct page_order_field f_stay[] = {
	F("address", PAGE_FIELD_TEXT, WEB_S_ORDER_F_ADDRESS, WEB_S_ORDER_H_STAY,
	  0),
	F("phone", PAGE_FIELD_PHONE, WEB_S_ORDER_F_PHONE, NONE, 0),
};

static const struct page_order_field f_inform[] = {
	FV("parties", PAGE_FIELD_PARTIES, WEB_S_ORDER_F_PARTIES, NONE, REQ,
	   &order_vocab_party,
	   K(ORDER_PARTY_VICTIM_SUPPORT) | K(ORDER_PARTY_REMOVED),
	   K(ORDER_PARTY_VEILIG_THUIS) | K(ORDER_PARTY_MAYOR)),
};

static const struct page_order_field f_advice[] = {
	F("extend", PAGE_FIELD_YESNO, WEB_S_ORDER_F_ADVICE_EXTEND, NONE, REQ),
	F("reasons", PAGE_FIELD_LONGTEXT, WEB_S_ORDER_F_REASONS, NONE, REQ),
	F("written", PAGE_FIELD_CHECKBOX, WEB_S_ORDER_F_WRITTEN, NONE,
	  BE | REQ),
};

static const struct page_order_field f_hearing[] = {
	F("hearing_at", PAGE_FIELD_DATETIME, WEB_S_ORDER_F_HEARING_AT, NONE,
	  REQ),
};

static const struct page_order_field f_extend[] = {
	F("until", PAGE_FIELD_DATETIME, WEB_S_ORDER_F_UNTIL,
	  WEB_S_ORDER_H_UNTIL, 0),
	F("reasons", PAGE_FIELD_LONGTEXT, WEB_S_ORDER_F_REASONS, NONE, 0),
};

static const struct page_order_field f_end[] = {
	F("reason", PAGE_FIELD_LONGTEXT, WEB_S_ORDER_F_REASON, NONE, 0),
};

static const struct page_order_field f_withdraw[] = {
	F("reason", PAGE_FIELD_LONGTEXT, WEB_S_ORDER_F_REASON, NONE, REQ),
};

static const struct page_order_field f_provisional[] = {
	F("hearing_at", PAGE_FIELD_DATETIME, WEB_S_ORDER_F_HEARING_AT, NONE, 0),
};

static const struct page_order_field f_violation[] = {
	FV("channel", PAGE_FIELD_VOCAB_SELECT, WEB_S_ORDER_F_CHANNEL, NONE, REQ,
	   &order_vocab_channel, 0, 0),
	FV("response", PAGE_FIELD_VOCAB_SELECT, WEB_S_ORDER_F_RESPONSE, NONE,
	   REQ, &order_vocab_response, 0, 0),
	F("description", PAGE_FIELD_LONGTEXT, WEB_S_ORDER_F_DESCRIPTION, NONE,
	  0),
};

static const struct page_order_field f_criminal[] = {
	F("detained", PAGE_FIELD_CHECKBOX, WEB_S_ORDER_F_DETAINED, NONE, 0),
};

#define KIND(k, f, w, i, d) [k] = {(k), (f), CT_ARRAY_SIZE(f), (w), (i), (d)}
#define KIND0(k, w, i, d) [k] = {(k), NULL, 0, (w), (i), (d)}

static const struct page_order_kind kinds[ORDER_STEP__COUNT] = {
	KIND(ORDER_STEP_OPEN, f_open, WEB_S_ORDER_WHO_OTHER,
	     WEB_S_ORDER_OPEN_INTRO, WEB_S_ORDER_DO_OPEN),
	KIND(ORDER_STEP_ASSESS, f_assess, WEB_S_ORDER_WHO_OTHER,
	     WEB_S_ORDER_INTRO_DEFAULT, WEB_S_ORDER_DO_ASSESS),
	KIND(ORDER_STEP_HEAR, f_hear, WEB_S_ORDER_WHO_OTHER,
	     WEB_S_ORDER_INTRO_DEFAULT, WEB_S_ORDER_DO_HEAR),
	KIND0(ORDER_STEP_CONSULT_VT, WEB_S_ORDER_WHO_OTHER,
	      WEB_S_ORDER_INTRO_DEFAULT, WEB_S_ORDER_DO_CONSULT_VT),
	KIND(ORDER_STEP_DECIDE, f_decide, WEB_S_ORDER_WHO_DECIDE,
	     WEB_S_ORDER_INTRO_DECIDE, WEB_S_ORDER_DO_DECIDE),
	KIND0(ORDER_STEP_WRITE, WEB_S_ORDER_WHO_OTHER,
	      WEB_S_ORDER_INTRO_DEFAULT, WEB_S_ORDER_DO_WRITE),
	KIND(ORDER_STEP_SERVE, f_serve, WEB_S_ORDER_WHO_OTHER,
	     WEB_S_ORDER_INTRO_DEFAULT, WEB_S_ORDER_DO_SERVE),
	KIND0(ORDER_STEP_KEYS, WEB_S_ORDER_WHO_OTHER, WEB_S_ORDER_INTRO_DEFAULT,
	      WEB_S_ORDER_DO_KEYS),
	KIND(ORDER_STEP_STAY_ADDRESS, f_stay, WEB_S_ORDER_WHO_OTHER,
	     WEB_S_ORDER_INTRO_DEFAULT, WEB_S_ORDER_DO_STAY_ADDRESS),
	KIND(ORDER_STEP_INFORM, f_inform, WEB_S_ORDER_WHO_OTHER,
	     WEB_S_ORDER_INTRO_DEFAULT, WEB_S_ORDER_DO_INFORM),
	KIND0(ORDER_STEP_FIRST_CONTACT, WEB_S_ORDER_WHO_OTHER,
	      WEB_S_ORDER_INTRO_DEFAULT, WEB_S_ORDER_DO_FIRST_CONTACT),
	KIND0(ORDER_STEP_HELP_PLAN, WEB_S_ORDER_WHO_OTHER,
	      WEB_S_ORDER_INTRO_DEFAULT, WEB_S_ORDER_DO_HELP_PLAN),
	KIND0(ORDER_STEP_SYSTEM_TALK, WEB_S_ORDER_WHO_OTHER,
	      WEB_S_ORDER_INTRO_DEFAULT, WEB_S_ORDER_DO_SYSTEM_TALK),
	KIND(ORDER_STEP_ADVICE, f_advice, WEB_S_ORDER_WHO_ADVICE,
	     WEB_S_ORDER_INTRO_DEFAULT, WEB_S_ORDER_DO_ADVICE),
	KIND(ORDER_STEP_HEARING, f_hearing, WEB_S_ORDER_WHO_OTHER,
	     WEB_S_ORDER_INTRO_DEFAULT, WEB_S_ORDER_DO_HEARING),
	KIND(ORDER_STEP_EXTEND, f_extend, WEB_S_ORDER_WHO_EXTEND,
	     WEB_S_ORDER_INTRO_EXTEND, WEB_S_ORDER_DO_EXTEND),
	KIND(ORDER_STEP_NOT_EXTEND, f_end, WEB_S_ORDER_WHO_EXTEND,
	     WEB_S_ORDER_INTRO_DEFAULT, WEB_S_ORDER_DO_NOT_EXTEND),
	KIND(ORDER_STEP_WITHDRAW, f_withdraw, WEB_S_ORDER_WHO_WITHDRAW,
	     WEB_S_ORDER_INTRO_DEFAULT, WEB_S_ORDER_DO_WITHDRAW),
	KIND(ORDER_STEP_LIFT, f_end, WEB_S_ORDER_WHO_LIFT,
	     WEB_S_ORDER_INTRO_DEFAULT, WEB_S_ORDER_DO_LIFT),
	KIND0(ORDER_STEP_EXPIRE, WEB_S_ORDER_WHO_OTHER,
	      WEB_S_ORDER_INTRO_DEFAULT, WEB_S_ORDER_DO_EXPIRE),
	KIND0(ORDER_STEP_APPEAL, WEB_S_ORDER_WHO_OTHER,
	      WEB_S_ORDER_INTRO_DEFAULT, WEB_S_ORDER_DO_APPEAL),
	KIND(ORDER_STEP_PROVISIONAL, f_provisional, WEB_S_ORDER_WHO_OTHER,
	     WEB_S_ORDER_INTRO_DEFAULT, WEB_S_ORDER_DO_PROVISIONAL),
	KIND(ORDER_STEP_VIOLATION, f_violation, WEB_S_ORDER_WHO_OTHER,
	     WEB_S_ORDER_INTRO_DEFAULT, WEB_S_ORDER_DO_VIOLATION),
	KIND(ORDER_STEP_CRIMINAL, f_criminal, WEB_S_ORDER_WHO_OTHER,
	     WEB_S_ORDER_INTRO_DEFAULT, WEB_S_ORDER_DO_CRIMINAL),
	KIND0(ORDER_STEP_MONITORING_CHECK, WEB_S_ORDER_WHO_OTHER,
	      WEB_S_ORDER_INTRO_DEFAULT, WEB_S_ORDER_DO_MONITORING_CHECK),
	KIND0(ORDER_STEP_MONITORING_END, WEB_S_ORDER_WHO_OTHER,
	      WEB_S_ORDER_INTRO_DEFAULT, WEB_S_ORDER_DO_MONITORING_END),
};

/* "at" and "note": every step has them, after its own fields. */
static const struct page_order_field f_at =
	F("at", PAGE_FIELD_DATETIME, WEB_S_ORDER_F_AT, WEB_S_ORDER_H_AT, REQ);
static const struct page_order_field f_note = F(
	"note", PAGE_FIELD_LONGTEXT, WEB_S_ORDER_F_NOTE, WEB_S_ORDER_H_NOTE, 0);

/* ------------------------------------------------------------------ */
/* The routes' declared form fields                                   */

/* Loose on purpose: the limits are checked by core, beside the field. */
#define TEXT_SPEC(n, len) HTTP_PARAM_STRING_SPEC(n, 0, (len))
#define SHORT_SPEC(n) TEXT_SPEC(n, 64)
#define PLACE_LEN (4 * ORDER_PLACE_MAX)
/* Free text (a textarea, line breaks kept): http/form.h. */
#define LONG_SPEC(n)                                                           \
	{                                                                      \
		.name = (n), .type = HTTP_PARAM_JSON                           \
	}
#define BOX(p, i) SHORT_SPEC(p "_" #i)
#define NAME_BOX(p, i) TEXT_SPEC(p "_" #i, PLACE_LEN)
#define BOXES16(m, p)                                                          \
	m(p, 0), m(p, 1), m(p, 2), m(p, 3), m(p, 4), m(p, 5), m(p, 6),         \
		m(p, 7), m(p, 8), m(p, 9), m(p, 10), m(p, 11), m(p, 12),       \
		m(p, 13), m(p, 14), m(p, 15)
#define BOXES32(m, p)                                                          \
	BOXES16(m, p), m(p, 16), m(p, 17), m(p, 18), m(p, 19), m(p, 20),       \
		m(p, 21), m(p, 22), m(p, 23), m(p, 24), m(p, 25), m(p, 26),    \
		m(p, 27), m(p, 28), m(p, 29), m(p, 30), m(p, 31)

_Static_assert(PAGE_ORDER_PERSONS_MAX == 32, "BOXES32 below");
_Static_assert(ORDER_PROTECTED_MAX == 16, "BOXES16 below");

const struct http_param_spec
	page_order_open_fields[PAGE_ORDER_OPEN_FORM_COUNT] = {
		SHORT_SPEC("at"),
		LONG_SPEC("note"),
		SHORT_SPEC("route"),
		SHORT_SPEC("subject_person_id"),
		TEXT_SPEC("place", PLACE_LEN),
		SHORT_SPEC("children_involved"),
		SHORT_SPEC("repeat_of"),
		LONG_SPEC("new_facts"),
		BOXES32(BOX, "protected_person_ids"),
};

const struct http_param_spec
	page_order_step_fields[PAGE_ORDER_STEP_FORM_COUNT] = {
		SHORT_SPEC("at"),
		LONG_SPEC("note"),
		SHORT_SPEC("version"),
		SHORT_SPEC("risk_assessment_id"),
		SHORT_SPEC("indicates_order"),
		SHORT_SPEC("person_id"),
		LONG_SPEC("view"),
		SHORT_SPEC("impose"),
		SHORT_SPEC("oral"),
		SHORT_SPEC("mandate"),
		TEXT_SPEC("mandate_reference", PLACE_LEN),
		SHORT_SPEC("mayor_user_id"),
		SHORT_SPEC("imposed_at"),
		TEXT_SPEC("place", PLACE_LEN),
		LONG_SPEC("facts"),
		SHORT_SPEC("subject_resides"),
		SHORT_SPEC("serious_danger"),
		SHORT_SPEC("how"),
		TEXT_SPEC("address", PLACE_LEN),
		TEXT_SPEC("phone", PLACE_LEN),
		SHORT_SPEC("parties_remaining"),
		SHORT_SPEC("parties_veilig_thuis"),
		SHORT_SPEC("parties_lawyer"),
		SHORT_SPEC("parties_police"),
		SHORT_SPEC("parties_mayor"),
		SHORT_SPEC("parties_victim_support"),
		SHORT_SPEC("parties_removed"),
		SHORT_SPEC("extend"),
		LONG_SPEC("reasons"),
		SHORT_SPEC("written"),
		SHORT_SPEC("hearing_at"),
		SHORT_SPEC("until"),
		LONG_SPEC("reason"),
		SHORT_SPEC("channel"),
		SHORT_SPEC("response"),
		LONG_SPEC("description"),
		SHORT_SPEC("detained"),
		BOXES16(NAME_BOX, "protected_names"),
};

/* ------------------------------------------------------------------ */
/* Lookups and small helpers                                          */

const struct page_order_kind *
page_order_kind(enum order_step_kind k)
{
	if ((unsigned)k >= ORDER_STEP__COUNT)
		return NULL;
	return &kinds[k];
}

const struct page_order_kind *
page_order_kind_find(const char *code)
{
	int k = code ? vocab_index(&order_vocab_step, code) : -1;

	return k < 0 ? NULL : page_order_kind((enum order_step_kind)k);
}

int
page_order_field_shown(const struct page_order_field *f, enum ct_country c)
{
	if ((f->flags & PAGE_FIELD_F_NL) && c != CT_COUNTRY_NL)
		return 0;
	if ((f->flags & PAGE_FIELD_F_BE) && c != CT_COUNTRY_BE)
		return 0;
	return 1;
}

const char *
page_order_person_name(const struct person *p, struct arena *a)
{
	char buf[2 * CT_NAME_MAX + 2];
	const char *g = p->given_name ? p->given_name : "";
	const char *f = p->family_name ? p->family_name : "";
	char *out;

	snprintf(buf, sizeof(buf), "%s%s%s", g, g[0] && f[0] ? " " : "", f);
	out = arena_strdup(a, buf);
	if (!out)
		CT_BUG("arena full naming a person");
	return out;
}

void
page_order_local_input(enum ct_country c, int64_t t,
		       char out[PAGE_ORDER_LOCAL_SIZE])
{
	struct ct_civil l;

	ct_local_from_instant(ct_country_zone(c), t, &l);
	snprintf(out, PAGE_ORDER_LOCAL_SIZE, "%04d-%02d-%02dT%02d:%02d",
		 l.date.year, l.date.month, l.date.day, l.hour, l.minute);
}

enum ct_err
page_order_parse_local(enum ct_country c, const char *text, int64_t *out)
{
	int64_t t;

	if (!text || ct_instant_parse(text, ct_country_zone(c), &t) != CT_OK ||
	    t <= 0)
		return CT_ERR_INVALID;
	*out = t;
	return CT_OK;
}

/* The problem message for form field name in p, or NULL. */
static const char *
problem_of(const struct ct_problems *p, const char *name)
{
	size_t i;

	for (i = 0; p && i < p->count; i++)
		if (strcmp(p->items[i].field, name) == 0)
			return p->items[i].message;
	return NULL;
}

static const char *
form_text(const json_t *form, const char *name)
{
	return form ? json_string_value(json_object_get(form, name)) : NULL;
}

static int
vocab_offered(const struct page_order_field *f, enum ct_country c, unsigned pos)
{
	uint32_t skip = c == CT_COUNTRY_BE ? f->skip_be : f->skip_nl;

	return !(skip & K(pos));
}

static int
person_has_role(const struct person *p, enum person_role r)
{
	return ct_has(p->roles, (unsigned)r);
}

/* ------------------------------------------------------------------ */
/* Rendering                                                          */

struct render {
	const struct page_order_ctx *c;
	const json_t *form;
	struct tmpl_vars *item;
	const char *name;
	struct arena *scratch; /* names of persons (the vars copy them) */
};

static struct tmpl_vars *
option(struct render *r, const char *list, const char *value, const char *label,
       int on, const char *id)
{
	struct tmpl_vars *o = tmpl_list_add(r->item, list);

	tmpl_set(o, "o_value", value);
	tmpl_set(o, "o_label", label);
	tmpl_set_bool(o, "o_on", on);
	if (id)
		tmpl_set(o, "o_id", id);
	return o;
}

/* The empty first option of a select. */
static void
placeholder(struct render *r, int on)
{
	option(r, "f_options", "", web_str(r->c->country, WEB_S_ORDER_CHOOSE),
	       on, NULL);
}

static int
is_chosen(struct render *r, const char *value, int dflt)
{
	const char *posted = form_text(r->form, r->name);

	if (!r->form)
		return dflt;
	return posted && strcmp(posted, value) == 0;
}

/* A box of a group: "<name>_<suffix>", ticked as posted or by default. */
static void
box(struct render *r, const char *suffix, const char *value, const char *label,
    int dflt)
{
	char id[NAME_BYTES];
	const char *posted;
	int on;

	snprintf(id, sizeof(id), "%s_%s", r->name, suffix);
	posted = form_text(r->form, id);
	on = r->form ? posted != NULL : dflt;
	option(r, "f_boxes", value, label, on, id);
}

/* A radio of a yes/no choice, id "<name>_<value>"; none by default. */
static void
radio(struct render *r, const char *value, const char *label)
{
	char id[NAME_BYTES];

	snprintf(id, sizeof(id), "%s_%s", r->name, value);
	option(r, "f_radios", value, label, is_chosen(r, value, 0), id);
}

static void
render_vocab(struct render *r, const struct page_order_field *f, int radios)
{
	const char *first = NULL;
	char id[NAME_BYTES];
	unsigned i;

	if (!radios && (f->flags & PAGE_FIELD_F_REQUIRED))
		placeholder(r, r->form && !form_text(r->form, r->name));
	for (i = 0; i < f->vocab->count; i++) {
		const char *code = vocab_code(f->vocab, i);

		if (!vocab_offered(f, r->c->country, i))
			continue;
		if (!first)
			first = code;
		snprintf(id, sizeof(id), "%s_%s", r->name, code);
		/* Optional selects start on their first code ("none"). */
		option(r, radios ? "f_radios" : "f_options", code,
		       vocab_label(f->vocab, i),
		       is_chosen(r, code,
				 !radios &&
					 !(f->flags & PAGE_FIELD_F_REQUIRED) &&
					 code == first),
		       radios ? id : NULL);
	}
}

static void
render_persons(struct render *r, int boxes, const char *dflt_id)
{
	char suffix[24];
	size_t i;

	if (!boxes)
		placeholder(r,
			    !r->form ? !dflt_id : !form_text(r->form, r->name));
	for (i = 0; i < r->c->n_persons && i < PAGE_ORDER_PERSONS_MAX; i++) {
		const struct person *p = &r->c->persons[i];
		const char *name = page_order_person_name(p, r->scratch);

		if (!boxes) {
			option(r, "f_options", p->id, name,
			       is_chosen(r, p->id,
					 dflt_id && !strcmp(dflt_id, p->id)),
			       NULL);
			continue;
		}
		snprintf(suffix, sizeof(suffix), "%zu", i);
		/* Default: who stays behind or was the victim, not the
		 * person who leaves. */
		box(r, suffix, p->id, name,
		    (person_has_role(p, PERSON_ROLE_REMAINING) ||
		     person_has_role(p, PERSON_ROLE_VICTIM)) &&
			    !person_has_role(p, PERSON_ROLE_REMOVED) &&
			    !person_has_role(p, PERSON_ROLE_PERPETRATOR));
	}
	tmpl_set_bool(r->item, "f_empty", r->c->n_persons == 0);
	if (r->c->n_persons == 0)
		tmpl_set(r->item, "f_empty_text",
			 web_str(r->c->country, WEB_S_ORDER_NO_PERSONS));
}

/* The removed person by default: the one with that role, or the
 * perpetrator. */
static const char *
default_subject(const struct page_order_ctx *c)
{
	size_t i;

	for (i = 0; i < c->n_persons; i++)
		if (person_has_role(&c->persons[i], PERSON_ROLE_REMOVED))
			return c->persons[i].id;
	for (i = 0; i < c->n_persons; i++)
		if (person_has_role(&c->persons[i], PERSON_ROLE_PERPETRATOR))
			return c->persons[i].id;
	return NULL;
}

static const struct person *
find_person(const struct page_order_ctx *c, const char *id)
{
	size_t i;

	for (i = 0; i < c->n_persons; i++)
		if (strcmp(c->persons[i].id, id) == 0)
			return &c->persons[i];
	return NULL;
}

static void
render_protected_names(struct render *r)
{
	const struct order *o = r->c->order;
	char suffix[24];
	size_t i;

	for (i = 0; o && i < o->n_protected; i++) {
		const struct person *p =
			find_person(r->c, o->protected_person_ids[i]);
		const char *name;

		if (!p)
			continue;
		name = page_order_person_name(p, r->scratch);
		snprintf(suffix, sizeof(suffix), "%zu", i);
		box(r, suffix, name, name, 1);
	}
	tmpl_set_bool(r->item, "f_empty", !o || o->n_protected == 0);
	if (!o || o->n_protected == 0)
		tmpl_set(r->item, "f_empty_text",
			 web_str(r->c->country, WEB_S_ORDER_NO_PERSONS));
}

static void
render_parties(struct render *r, const struct page_order_field *f)
{
	unsigned i;

	for (i = 0; i < f->vocab->count; i++) {
		const char *code = vocab_code(f->vocab, i);

		if (!vocab_offered(f, r->c->country, i))
			continue;
		box(r, code, YES,
		    i == ORDER_PARTY_VEILIG_THUIS
			    ? web_str(r->c->country, WEB_S_CARE_ORG)
			    : vocab_label(f->vocab, i),
		    0);
	}
}

static void
render_records(struct render *r, const struct page_order_field *f)
{
	const struct page_order_ctx *c = r->c;
	char label[OPTION_BYTES], day[11];
	struct ct_date d;
	size_t i;
	int any = 0;

	placeholder(r, !r->form || !form_text(r->form, r->name));
	if (f->type == PAGE_FIELD_MAYOR) {
		for (i = 0; i < c->n_mayors; i++, any = 1)
			option(r, "f_options", c->mayors[i].id,
			       c->mayors[i].display_name
				       ? c->mayors[i].display_name
				       : c->mayors[i].username,
			       is_chosen(r, c->mayors[i].id, 0), NULL);
		if (!any)
			tmpl_set(r->item, "f_empty_text",
				 web_str(c->country, WEB_S_ORDER_NO_MAYORS));
	} else if (f->type == PAGE_FIELD_ASSESSMENT) {
		for (i = 0; i < c->n_assessments; i++, any = 1) {
			const struct assessment *as = &c->assessments[i];

			ct_local_date(ct_country_zone(c->country),
				      as->assessed_at, &d);
			ct_date_format(&d, day);
			snprintf(label, sizeof(label), "%s, %s: %s",
				 as->instrument_id, day,
				 as->override_outcome ? as->override_outcome
				 : as->outcome	      ? as->outcome
						      : "-");
			option(r, "f_options", as->id, label,
			       is_chosen(r, as->id, i + 1 == c->n_assessments),
			       NULL);
		}
		if (!any)
			tmpl_set(r->item, "f_empty_text",
				 web_str(c->country,
					 WEB_S_ORDER_NO_ASSESSMENTS));
	} else {
		for (i = 0; i < c->n_orders; i++) {
			const struct order *o = &c->orders[i];

			if (c->order && strcmp(o->id, c->order->id) == 0)
				continue;
			ct_local_date(ct_country_zone(c->country),
				      o->created_at, &d);
			ct_date_format(&d, day);
			snprintf(label, sizeof(label), "%s %s (%s)",
				 web_str(c->country, WEB_S_ORDER_TITLE), day,
				 vocab_label(&order_vocab_state,
					     (unsigned)o->state));
			option(r, "f_options", o->id, label,
			       is_chosen(r, o->id, 0), NULL);
		}
	}
}

static void
render_field(const struct page_order_field *f, const struct page_order_ctx *c,
	     const json_t *form, const struct ct_problems *p,
	     struct tmpl_vars *v, struct arena *scratch)
{
	struct render r = {c, form, tmpl_list_add(v, "fields"), f->name,
			   scratch};
	const char *error = problem_of(p, f->name), *value;
	char local[PAGE_ORDER_LOCAL_SIZE], described[2 * NAME_BYTES + 16];
	int group = 0;

	tmpl_set(r.item, "f_name", f->name);
	tmpl_set(r.item, "f_label", web_str(c->country, f->label));
	tmpl_set_bool(r.item, "f_required", f->flags & PAGE_FIELD_F_REQUIRED);
	if (f->help != NONE)
		tmpl_set(r.item, "f_help", web_str(c->country, f->help));
	if (error)
		tmpl_set(r.item, "f_error", error);
	described[0] = '\0';
	if (f->help != NONE && error)
		snprintf(described, sizeof(described), "%s-hulp %s-fout",
			 f->name, f->name);
	else if (f->help != NONE)
		snprintf(described, sizeof(described), "%s-hulp", f->name);
	else if (error)
		snprintf(described, sizeof(described), "%s-fout", f->name);
	if (described[0])
		tmpl_set(r.item, "f_described", described);
	value = form_text(form, f->name);

	switch (f->type) {
	case PAGE_FIELD_TEXT:
	case PAGE_FIELD_PHONE:
		tmpl_set_bool(r.item, "f_input", 1);
		tmpl_set(r.item, "f_type",
			 f->type == PAGE_FIELD_PHONE ? "tel" : "text");
		if (!form && c->order && !strcmp(f->name, "place"))
			value = c->order->place;
		tmpl_set(r.item, "f_value", value);
		break;
	case PAGE_FIELD_LONGTEXT:
		tmpl_set_bool(r.item, "f_textarea", 1);
		tmpl_set(r.item, "f_value", value);
		break;
	case PAGE_FIELD_DATETIME:
		tmpl_set_bool(r.item, "f_input", 1);
		tmpl_set(r.item, "f_type", "datetime-local");
		if (!form && !strcmp(f->name, "at")) {
			page_order_local_input(c->country, c->now, local);
			value = local;
		}
		tmpl_set(r.item, "f_value", value);
		break;
	case PAGE_FIELD_CHECKBOX:
		tmpl_set_bool(r.item, "f_checkbox", 1);
		tmpl_set_bool(r.item, "f_checked", value != NULL);
		break;
	case PAGE_FIELD_YESNO:
		group = 1;
		radio(&r, YES, web_str(c->country, WEB_S_ORDER_YES));
		radio(&r, NO, web_str(c->country, WEB_S_ORDER_NO));
		break;
	case PAGE_FIELD_VOCAB_RADIOS:
		group = 1;
		render_vocab(&r, f, 1);
		break;
	case PAGE_FIELD_VOCAB_SELECT:
		tmpl_set_bool(r.item, "f_select", 1);
		render_vocab(&r, f, 0);
		break;
	case PAGE_FIELD_PERSON:
		tmpl_set_bool(r.item, "f_select", 1);
		render_persons(&r, 0,
			       !strcmp(f->name, "subject_person_id")
				       ? default_subject(c)
				       : NULL);
		break;
	case PAGE_FIELD_PERSONS:
		group = 1;
		render_persons(&r, 1, NULL);
		break;
	case PAGE_FIELD_PROTECTED_NAMES:
		group = 1;
		render_protected_names(&r);
		break;
	case PAGE_FIELD_PARTIES:
		group = 1;
		render_parties(&r, f);
		break;
	case PAGE_FIELD_MAYOR:
	case PAGE_FIELD_ASSESSMENT:
	case PAGE_FIELD_ORDER:
		tmpl_set_bool(r.item, "f_select", 1);
		render_records(&r, f);
		break;
	}
	tmpl_set_bool(r.item, "f_group", group);
}

void
page_order_fields_render(const struct page_order_kind *k,
			 const struct page_order_ctx *c, const json_t *form,
			 const struct ct_problems *p, struct tmpl_vars *v)
{
	size_t i;

	tmpl_list_init(v, "fields");
	for (i = 0; i < k->n_fields; i++)
		if (page_order_field_shown(&k->fields[i], c->country))
			render_field(&k->fields[i], c, form, p, v, c->arena);
	render_field(&f_at, c, form, p, v, c->arena);
	render_field(&f_note, c, form, p, v, c->arena);
}

/* ------------------------------------------------------------------ */
/* Reading                                                            */

static void
set_new(json_t *obj, const char *key, json_t *value)
{
	if (!value || json_object_set_new(obj, key, value))
		CT_BUG("jansson out of memory");
}

static void
append_new(json_t *arr, json_t *value)
{
	if (!value || json_array_append_new(arr, value))
		CT_BUG("jansson out of memory");
}

/* A form member that one of k's shown fields (or at/note/version)
 * sends: the name itself, or a box "<group>_<suffix>". */
static int
member_known(const struct page_order_kind *k, enum ct_country c,
	     const char *key)
{
	size_t i, n;

	if (!strcmp(key, "at") || !strcmp(key, "note") ||
	    !strcmp(key, "version"))
		return 1;
	for (i = 0; i < k->n_fields; i++) {
		const struct page_order_field *f = &k->fields[i];

		if (!page_order_field_shown(f, c))
			continue;
		if (!strcmp(key, f->name))
			return 1;
		n = strlen(f->name);
		if (strncmp(key, f->name, n) != 0 || key[n] != '_')
			continue;
		if (f->type == PAGE_FIELD_PARTIES) {
			int pos = vocab_index(f->vocab, key + n + 1);

			/* A party of the other country is not offered. */
			return pos >= 0 && vocab_offered(f, c, (unsigned)pos);
		}
		if (f->type == PAGE_FIELD_PERSONS ||
		    f->type == PAGE_FIELD_PROTECTED_NAMES)
			return 1; /* the route declares only the boxes */
	}
	return 0;
}

static void
read_boxes(const struct page_order_field *f, const struct page_order_ctx *c,
	   const json_t *form, json_t *details)
{
	json_t *arr = json_array();
	char id[NAME_BYTES];
	const char *v;
	unsigned i;

	if (!arr)
		CT_BUG("jansson out of memory");
	if (f->type == PAGE_FIELD_PARTIES) {
		for (i = 0; i < f->vocab->count; i++) {
			const char *code = vocab_code(f->vocab, i);

			snprintf(id, sizeof(id), "%s_%s", f->name, code);
			if (vocab_offered(f, c->country, i) &&
			    form_text(form, id))
				append_new(arr, json_string(code));
		}
	} else {
		size_t max = f->type == PAGE_FIELD_PERSONS
				     ? PAGE_ORDER_PERSONS_MAX
				     : ORDER_PROTECTED_MAX;

		for (i = 0; i < max; i++) {
			snprintf(id, sizeof(id), "%s_%u", f->name, i);
			v = form_text(form, id);
			if (v)
				append_new(arr, json_string(v));
		}
	}
	set_new(details, f->name, arr);
}

/* One field's value into details (or a problem under its name). */
static void
read_field(const struct page_order_field *f, const struct page_order_ctx *c,
	   const json_t *form, json_t *details, struct ct_problems *p)
{
	const char *v = form_text(form, f->name);
	char iso[CT_ISO_SIZE];
	int64_t t;

	switch (f->type) {
	case PAGE_FIELD_PERSONS:
	case PAGE_FIELD_PROTECTED_NAMES:
	case PAGE_FIELD_PARTIES:
		read_boxes(f, c, form, details);
		return;
	case PAGE_FIELD_CHECKBOX:
		if (v && strcmp(v, YES) != 0)
			ct_problems_add(p, f->name, "%s",
					web_str(c->country,
						WEB_S_ORDER_MISSING_CHOICE));
		else
			set_new(details, f->name, json_boolean(v != NULL));
		return;
	default:
		break;
	}
	if (!v)
		return; /* not given: core says so when it is required */
	switch (f->type) {
	case PAGE_FIELD_DATETIME:
		if (page_order_parse_local(c->country, v, &t) != CT_OK) {
			ct_problems_add(
				p, f->name, "%s",
				web_str(c->country, WEB_S_ORDER_BAD_TIME));
			return;
		}
		ct_instant_format_utc(t, iso);
		set_new(details, f->name, json_string(iso));
		return;
	case PAGE_FIELD_YESNO:
		if (strcmp(v, YES) && strcmp(v, NO)) {
			ct_problems_add(p, f->name, "%s",
					web_str(c->country,
						WEB_S_ORDER_MISSING_CHOICE));
			return;
		}
		set_new(details, f->name, json_boolean(!strcmp(v, YES)));
		return;
	default: /* a long text's line breaks are LF already (form.c) */
		set_new(details, f->name, json_string(v));
		return;
	}
}

json_t *
page_order_fields_details(const struct page_order_kind *k,
			  const struct page_order_ctx *c, const json_t *form,
			  struct arena *a, const char **at,
			  struct ct_problems *p)
{
	json_t *details = json_object(), *at_json;
	const char *key;
	json_t *value;
	size_t i;

	if (!details)
		CT_BUG("jansson out of memory");
	*at = NULL;
	json_object_foreach((json_t *)form, key, value)
	{
		(void)value;
		if (!member_known(k, c->country, key))
			ct_problems_add(
				p, key, "%s",
				web_str(c->country, WEB_S_ORDER_NOT_A_FIELD));
	}
	for (i = 0; i < k->n_fields; i++)
		if (page_order_field_shown(&k->fields[i], c->country))
			read_field(&k->fields[i], c, form, details, p);
	read_field(&f_note, c, form, details, p);
	/* "at" is the step's, not a detail: read it the same way. */
	at_json = json_object();
	if (!at_json)
		CT_BUG("jansson out of memory");
	read_field(&f_at, c, form, at_json, p);
	if (json_string_value(json_object_get(at_json, "at"))) {
		*at = arena_strdup(
			a, json_string_value(json_object_get(at_json, "at")));
		if (!*at)
			CT_BUG("arena full reading a form");
	}
	json_decref(at_json);
	return details;
}

static const struct page_order_field *
field_named(const struct page_order_kind *k, enum ct_country c,
	    const char *name)
{
	size_t i, n;

	if (!strcmp(name, "at"))
		return &f_at;
	if (!strcmp(name, "note"))
		return &f_note;
	for (i = 0; i < k->n_fields; i++) {
		const struct page_order_field *f = &k->fields[i];

		if (!page_order_field_shown(f, c))
			continue;
		n = strlen(f->name);
		if (!strcmp(name, f->name) ||
		    (!strncmp(name, f->name, n) && name[n] == '_' &&
		     (f->type == PAGE_FIELD_PERSONS ||
		      f->type == PAGE_FIELD_PROTECTED_NAMES ||
		      f->type == PAGE_FIELD_PARTIES)))
			return f;
	}
	return NULL;
}

const char *
page_order_field_of(const struct page_order_kind *k, enum ct_country c,
		    const char *problem_field)
{
	static const char prefix[] = "details.";
	const struct page_order_field *f;
	const char *name = problem_field;

	if (!strncmp(name, prefix, sizeof(prefix) - 1))
		name += sizeof(prefix) - 1;
	else if (strcmp(name, "at") != 0)
		return NULL;
	f = field_named(k, c, name);
	return f && !strcmp(f->name, name) ? f->name : NULL;
}

const char *
page_order_field_label(const struct page_order_kind *k, enum ct_country c,
		       const char *name)
{
	const struct page_order_field *f = field_named(k, c, name);

	return f ? web_str(c, f->label) : NULL;
}

const char *
page_order_field_anchor(const struct page_order_kind *k, enum ct_country c,
			const char *name)
{
	const struct page_order_field *f = field_named(k, c, name);

	return f ? f->name : NULL;
}
