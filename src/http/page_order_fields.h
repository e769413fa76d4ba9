/*
 * page_order_fields.h - the form of each step of a restraining order,
 * as data: one row per step kind (core/order.h) listing its fields, and
 * the two functions that turn a row into HTML form fields and a posted
 * form into the step's details (core/order_json.h reads those, exactly
 * as it reads the API's).
 *
 * A field has the name of the details member it fills (so a refusal or
 * a type problem of "details.until" lands beside the field "until"), a
 * type, a label and an optional help text (web/strings.h, NL and BE),
 * flags (required, Netherlands only, Belgium only) and, for a choice
 * from a vocabulary, the vocabulary and the codes not offered in each
 * country. Types and what the form sends:
 *
 *   TEXT, PHONE, LONGTEXT   text; empty = not given
 *   DATETIME                "2026-07-13T14:30" (datetime-local) in the
 *                           case's zone -> an instant "...Z"
 *   CHECKBOX                "ja" when ticked -> true, else false
 *   YESNO                   radios "ja" / "nee" -> true / false
 *   VOCAB_SELECT, _RADIOS   a code of the vocabulary
 *   PERSON                  select of the case's persons -> its id
 *   PERSONS                 one box per person, "<name>_<i>" = its id
 *                           -> a list of ids
 *   PROTECTED_NAMES         one box per protected person of the order,
 *                           "<name>_<i>" = the name -> a list of names
 *   PARTIES                 one box per party, "<name>_<code>" -> codes
 *   MAYOR                   select of the mayors of the case team
 *   ASSESSMENT              select of the case's risk assessments
 *   ORDER                   select of the case's other orders
 *
 * Every step form also has "at" (when, DATETIME, default now) and "note"
 * (the journal's note); the step forms carry the order's "version" in a
 * hidden field. page_order_open_fields[] and page_order_step_fields[] are
 * the route's declared form fields: every name a row can send, all
 * optional and loosely typed as text, so that a missing or malformed
 * value reaches the handler and is shown beside its field (the form
 * parser would answer a bare error page).
 */
#ifndef CT_HTTP_PAGE_ORDER_FIELDS_H
#define CT_HTTP_PAGE_ORDER_FIELDS_H

#include <stddef.h>
#include <stdint.h>

#include <jansson.h>

#include "core/model.h"
#include "core/order.h"
#include "http/param.h"
#include "store/store_assessment.h"
#include "web/strings.h"
#include "web/tmpl.h"

/* Boxes of one PERSONS field (the persons of a case offered). */
#define PAGE_ORDER_PERSONS_MAX 32
#define PAGE_ORDER_OPEN_FORM_COUNT (8 + PAGE_ORDER_PERSONS_MAX)
#define PAGE_ORDER_STEP_FORM_COUNT (37 + ORDER_PROTECTED_MAX)
#define PAGE_ORDER_FORM_MAX ((size_t)64 * 1024)
/* "2026-07-13T14:30" and a little room for seconds. */
#define PAGE_ORDER_LOCAL_SIZE 20

enum page_field_type {
	PAGE_FIELD_TEXT,
	PAGE_FIELD_PHONE,
	PAGE_FIELD_LONGTEXT,
	PAGE_FIELD_DATETIME,
	PAGE_FIELD_CHECKBOX,
	PAGE_FIELD_YESNO,
	PAGE_FIELD_VOCAB_SELECT,
	PAGE_FIELD_VOCAB_RADIOS,
	PAGE_FIELD_PERSON,
	PAGE_FIELD_PERSONS,
	PAGE_FIELD_PROTECTED_NAMES,
	PAGE_FIELD_PARTIES,
	PAGE_FIELD_MAYOR,
	PAGE_FIELD_ASSESSMENT,
	PAGE_FIELD_ORDER,
};

enum page_field_flags {
	PAGE_FIELD_F_REQUIRED = 1 << 0,
	PAGE_FIELD_F_NL = 1 << 1, /* the Netherlands only */
	PAGE_FIELD_F_BE = 1 << 2, /* Belgium only */
};

struct page_order_field {
	const char *name; /* the details member and the form field */
	enum page_field_type type;
	enum web_string_id label;
	enum web_string_id help; /* WEB_S__COUNT: none */
	unsigned flags;		 /* enum page_field_flags */
	const struct vocab *vocab;
	uint32_t skip_nl, skip_be; /* vocab positions not offered */
};

struct page_order_kind {
	enum order_step_kind kind;
	const struct page_order_field *fields;
	size_t n_fields;
	enum web_string_id who;	   /* who may take it (for "Dat doet ...") */
	enum web_string_id intro;  /* what the form is for */
	enum web_string_id action; /* its button: "Verlengen" */
};

/* What the fields offer: the case's persons, orders, assessments. */
struct page_order_ctx {
	struct arena *arena; /* the request's: names of persons */
	enum ct_country country;
	int64_t now;
	const struct person *persons;
	size_t n_persons;
	const struct user *mayors;
	size_t n_mayors;
	const struct assessment *assessments;
	size_t n_assessments;
	const struct order *orders; /* the case's orders (repeat_of) */
	size_t n_orders;
	const struct order *order; /* the order of a step; NULL to open */
};

extern const struct http_param_spec
	page_order_open_fields[PAGE_ORDER_OPEN_FORM_COUNT];
extern const struct http_param_spec
	page_order_step_fields[PAGE_ORDER_STEP_FORM_COUNT];

/* The row of kind k, or of its stable code; NULL when unknown. */
const struct page_order_kind *page_order_kind(enum order_step_kind k);
const struct page_order_kind *page_order_kind_find(const char *code);

/* 1 when field f is shown in country c. */
int page_order_field_shown(const struct page_order_field *f, enum ct_country c);

/* "Piet de Vries" (arena a), or "" for a person without names. */
const char *page_order_person_name(const struct person *p, struct arena *a);

/* The local "YYYY-MM-DDTHH:MM" of t in c's zone (datetime-local). */
void page_order_local_input(enum ct_country c, int64_t t,
			    char out[PAGE_ORDER_LOCAL_SIZE]);

/*
 * Read a datetime-local value (or an ISO 8601 instant) as the case's
 * local time; CT_ERR_INVALID for anything else.
 */
enum ct_err page_order_parse_local(enum ct_country c, const char *text,
				   int64_t *out);

/*
 * The form fields of k (with "at" and "note" after them) as the list
 * "fields" of v, for the template partial order_field. form is the
 * posted form (NULL: the defaults: now, the order's place and protected
 * persons); p holds the problems by form field name (beside the field).
 */
void page_order_fields_render(const struct page_order_kind *k,
			      const struct page_order_ctx *c,
			      const json_t *form, const struct ct_problems *p,
			      struct tmpl_vars *v);

/*
 * The step's details from the posted form (a new object), and in *at the
 * instant of "at" as ISO 8601 text (arena a; NULL when not given). Fields
 * the form has that are not k's, and values that cannot be read (a bad
 * date, a box of nobody), go into p under the form field's name.
 */
json_t *page_order_fields_details(const struct page_order_kind *k,
				  const struct page_order_ctx *c,
				  const json_t *form, struct arena *a,
				  const char **at, struct ct_problems *p);

/*
 * The form field a problem of the step names ("details.until" ->
 * "until", "at" -> "at"), or NULL when it names none of k's fields (the
 * actor, the order of the steps).
 */
const char *page_order_field_of(const struct page_order_kind *k,
				enum ct_country c, const char *problem_field);

/* The label of form field name of k ("at", "note" included), or NULL. */
const char *page_order_field_label(const struct page_order_kind *k,
				   enum ct_country c, const char *name);

/*
 * The id on the page of form field name of k: the field itself, or the
 * fieldset of the group a box belongs to; NULL when not k's.
 */
const char *page_order_field_anchor(const struct page_order_kind *k,
				    enum ct_country c, const char *name);

#endif
