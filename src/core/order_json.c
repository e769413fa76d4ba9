/*
 * order_json.c - steps and orders as JSON (contract: order_json.h).
 *
 * Reading: a small reader carries the details object, the problem list
 * and the arena; each field reader checks one JSON type and copies text
 * into the arena. Each step kind has one row in kind_fields[] listing the
 * members it accepts, so an unknown member is named before any type is
 * checked, and one case in read_details() that fills the union. The
 * readers mirror core/model_json.c's (which keeps its own static): the
 * field names here carry the "details." prefix the API answers with.
 *
 * Writing is the mirror image, so that a step written by
 * order_step_details_to_json() reads back to the same step (the store's
 * unit test checks that round trip by replaying).
 */
#include "core/order_json.h"

#include <stdio.h>
#include <string.h>

#include "core/validate.h"
#include "util/compat.h"
#include "util/banned.h"

#define FIELD_PREFIX "details."
#define NAME_MAX_LEN 200 /* a protected person's name in the decision */

struct reader {
	const json_t *obj;
	struct arena *a;
	struct ct_problems *p;
	size_t added;
	const char *prefix; /* "details." or "" for the body */
};

static void
problem(struct reader *r, const char *name, const char *message)
{
	char field[CT_PROBLEM_FIELD_MAX];

	snprintf(field, sizeof(field), "%s%s", r->prefix, name);
	ct_problems_add(r->p, field, "%s", message);
	r->added++;
}

/* The member name: NULL when absent (a problem if required) or null. */
static const json_t *
get(struct reader *r, const char *name, int required)
{
	const json_t *v = r->obj ? json_object_get(r->obj, name) : NULL;

	if (!v) {
		if (required)
			problem(r, name, "ontbreekt");
		return NULL;
	}
	if (json_is_null(v)) {
		problem(r, name, "mag niet leeg (null) zijn");
		return NULL;
	}
	return v;
}

/* Valid UTF-8, no NUL, at most max bytes, copied into the arena. */
static const char *
text_copy(struct reader *r, const char *name, const json_t *v, size_t max)
{
	const char *s;
	size_t len, i = 0, n;
	char *copy;

	if (!json_is_string(v)) {
		problem(r, name, "moet tekst zijn");
		return NULL;
	}
	s = json_string_value(v);
	len = json_string_length(v);
	if (len != strlen(s) || len > max) {
		char msg[CT_PROBLEM_MESSAGE_MAX];

		snprintf(msg, sizeof(msg),
			 "is te lang of bevat een NUL-teken (ten hoogste "
			 "%zu bytes)",
			 max);
		problem(r, name, msg);
		return NULL;
	}
	while (i < len) {
		n = validate_utf8_seq(s + i, len - i);
		if (n == 0) {
			problem(r, name, "is geen geldige UTF-8-tekst");
			return NULL;
		}
		i += n;
	}
	copy = arena_strdup(r->a, s);
	if (!copy)
		problem(r, name,
			"past niet meer in het geheugen van dit "
			"verzoek");
	return copy;
}

static void
rd_text(struct reader *r, const char *name, int required, size_t max,
	const char **out)
{
	const json_t *v = get(r, name, required);

	if (v)
		*out = text_copy(r, name, v, max);
}

static void
rd_bool(struct reader *r, const char *name, int required, int *out)
{
	const json_t *v = get(r, name, required);

	if (!v)
		return;
	if (!json_is_boolean(v)) {
		problem(r, name, "moet true of false zijn");
		return;
	}
	*out = json_is_true(v);
}

static void
rd_enum(struct reader *r, const char *name, int required,
	const struct vocab *voc, int *out)
{
	const json_t *v = get(r, name, required);
	int idx;

	if (!v)
		return;
	idx = json_is_string(v) ? vocab_index(voc, json_string_value(v)) : -1;
	if (idx < 0) {
		char msg[CT_PROBLEM_MESSAGE_MAX];

		snprintf(msg, sizeof(msg), "onbekende waarde voor %s",
			 voc->name);
		problem(r, name, msg);
		return;
	}
	*out = idx;
}

static void
rd_mask(struct reader *r, const char *name, int required,
	const struct vocab *voc, uint32_t *out)
{
	const json_t *v = get(r, name, required), *item;
	uint32_t mask = 0;
	size_t i;
	int idx;

	if (!v)
		return;
	if (!json_is_array(v)) {
		problem(r, name, "moet een lijst van codes zijn");
		return;
	}
	json_array_foreach(v, i, item)
	{
		idx = json_is_string(item)
			      ? vocab_index(voc, json_string_value(item))
			      : -1;
		if (idx < 0 || (mask & CT_BIT((unsigned)idx))) {
			problem(r, name, "bevat een onbekende of dubbele code");
			return;
		}
		mask |= CT_BIT((unsigned)idx);
	}
	*out = mask;
}

static const char *
uuid_copy(struct reader *r, const char *name, const json_t *v)
{
	char *copy;

	if (!json_is_string(v) || !ct_uuid_valid(json_string_value(v))) {
		problem(r, name, "moet een UUID zijn");
		return NULL;
	}
	copy = arena_strdup(r->a, json_string_value(v));
	if (!copy)
		problem(r, name,
			"past niet meer in het geheugen van dit "
			"verzoek");
	return copy;
}

static void
rd_uuid(struct reader *r, const char *name, int required, const char **out)
{
	const json_t *v = get(r, name, required);

	if (v)
		*out = uuid_copy(r, name, v);
}

/* An instant with an explicit zone: "Z" or "+hh:mm" / "-hh:mm". */
static int
has_offset(const char *s)
{
	size_t len = strlen(s);

	if (len > 0 && s[len - 1] == 'Z')
		return 1;
	return len > 6 && (s[len - 6] == '+' || s[len - 6] == '-') &&
	       s[len - 3] == ':';
}

static void
rd_instant(struct reader *r, const char *name, int required, int64_t *out)
{
	const json_t *v = get(r, name, required);
	int64_t t;

	if (!v)
		return;
	/* The zone only matters without an offset, which is refused. */
	if (!json_is_string(v) || !has_offset(json_string_value(v)) ||
	    ct_instant_parse(json_string_value(v), CT_ZONE_AMSTERDAM, &t) !=
		    CT_OK ||
	    t <= 0) {
		problem(r, name,
			"moet een tijdstip zijn zoals 2026-07-13T11:59:00Z "
			"of met +02:00");
		return;
	}
	*out = t;
}

/* An array of at most max items, each read by one of the two kinds. */
static void
rd_list(struct reader *r, const char *name, int uuids, size_t max,
	const char *const **out, size_t *n)
{
	const json_t *v = get(r, name, 0), *item;
	const char **arr;
	size_t i, count;

	if (!v)
		return;
	if (!json_is_array(v)) {
		problem(r, name,
			uuids ? "moet een lijst van UUID's zijn"
			      : "moet een lijst van namen zijn");
		return;
	}
	count = json_array_size(v);
	if (count > max) {
		char msg[CT_PROBLEM_MESSAGE_MAX];

		snprintf(msg, sizeof(msg), "ten hoogste %zu personen", max);
		problem(r, name, msg);
		return;
	}
	arr = count ? arena_alloc_array(r->a, count, sizeof(*arr)) : NULL;
	if (count && !arr) {
		problem(r, name,
			"past niet meer in het geheugen van dit "
			"verzoek");
		return;
	}
	json_array_foreach(v, i, item)
	{
		arr[i] = uuids ? uuid_copy(r, name, item)
			       : text_copy(r, name, item, NAME_MAX_LEN);
		if (!arr[i])
			return;
	}
	*out = arr;
	*n = count;
}

/* Members each kind accepts besides "note" (NULL-terminated). */
static const char *const f_none[] = {NULL};
static const char *const f_open[] = {"route",
				     "subject_person_id",
				     "protected_person_ids",
				     "place",
				     "children_involved",
				     "repeat_of",
				     "new_facts",
				     NULL};
static const char *const f_assess[] = {"risk_assessment_id", "indicates_order",
				       NULL};
static const char *const f_hear[] = {"person_id", "view", NULL};
static const char *const f_decide[] = {"impose",
				       "oral",
				       "mandate",
				       "mayor_user_id",
				       "mandate_reference",
				       "imposed_at",
				       "ends_at",
				       "place",
				       "facts",
				       "protected_names",
				       "subject_resides",
				       "serious_danger",
				       NULL};
static const char *const f_serve[] = {"how", NULL};
static const char *const f_stay[] = {"address", "phone", NULL};
static const char *const f_inform[] = {"parties", NULL};
static const char *const f_advice[] = {"extend", "reasons", "written", NULL};
static const char *const f_hearing[] = {"hearing_at", NULL};
static const char *const f_extend[] = {"until", "reasons", NULL};
static const char *const f_end[] = {"reason", NULL};
static const char *const f_court[] = {"hearing_at", NULL};
static const char *const f_violation[] = {"channel", "response", "description",
					  NULL};
static const char *const f_criminal[] = {"detained", NULL};

static const char *const *const kind_fields[ORDER_STEP__COUNT] = {
	[ORDER_STEP_OPEN] = f_open,
	[ORDER_STEP_ASSESS] = f_assess,
	[ORDER_STEP_HEAR] = f_hear,
	[ORDER_STEP_CONSULT_VT] = f_none,
	[ORDER_STEP_DECIDE] = f_decide,
	[ORDER_STEP_WRITE] = f_none,
	[ORDER_STEP_SERVE] = f_serve,
	[ORDER_STEP_KEYS] = f_none,
	[ORDER_STEP_STAY_ADDRESS] = f_stay,
	[ORDER_STEP_INFORM] = f_inform,
	[ORDER_STEP_FIRST_CONTACT] = f_none,
	[ORDER_STEP_HELP_PLAN] = f_none,
	[ORDER_STEP_SYSTEM_TALK] = f_none,
	[ORDER_STEP_ADVICE] = f_advice,
	[ORDER_STEP_HEARING] = f_hearing,
	[ORDER_STEP_EXTEND] = f_extend,
	[ORDER_STEP_NOT_EXTEND] = f_end,
	[ORDER_STEP_WITHDRAW] = f_end,
	[ORDER_STEP_LIFT] = f_end,
	[ORDER_STEP_EXPIRE] = f_none,
	[ORDER_STEP_APPEAL] = f_none,
	[ORDER_STEP_PROVISIONAL] = f_court,
	[ORDER_STEP_VIOLATION] = f_violation,
	[ORDER_STEP_CRIMINAL] = f_criminal,
	[ORDER_STEP_MONITORING_CHECK] = f_none,
	[ORDER_STEP_MONITORING_END] = f_none,
};

static int
known(const char *const *fields, const char *key)
{
	size_t i;

	if (strcmp(key, "note") == 0)
		return 1;
	for (i = 0; fields[i]; i++)
		if (strcmp(fields[i], key) == 0)
			return 1;
	return 0;
}

static void
read_details(struct reader *r, struct order_step *s)
{
	int v;

	switch (s->kind) {
	case ORDER_STEP_OPEN: {
		struct order_step_open *o = &s->u.open;

		v = (int)o->route;
		rd_enum(r, "route", 1, &order_vocab_route, &v);
		o->route = (enum order_route)v;
		rd_uuid(r, "subject_person_id", 1, &o->subject_person_id);
		rd_list(r, "protected_person_ids", 1, ORDER_PROTECTED_MAX,
			&o->protected_person_ids, &o->n_protected);
		rd_text(r, "place", 0, ORDER_PLACE_MAX, &o->place);
		rd_bool(r, "children_involved", 0, &o->children_involved);
		rd_uuid(r, "repeat_of", 0, &o->repeat_of);
		rd_text(r, "new_facts", 0, ORDER_TEXT_MAX, &o->new_facts);
		break;
	}
	case ORDER_STEP_ASSESS:
		rd_uuid(r, "risk_assessment_id", 1,
			&s->u.assess.risk_assessment_id);
		rd_bool(r, "indicates_order", 0, &s->u.assess.indicates_order);
		break;
	case ORDER_STEP_HEAR:
		rd_uuid(r, "person_id", 1, &s->u.hear.person_id);
		rd_text(r, "view", 0, ORDER_TEXT_MAX, &s->u.hear.view);
		break;
	case ORDER_STEP_DECIDE: {
		struct order_step_decide *d = &s->u.decide;

		rd_bool(r, "impose", 1, &d->impose);
		rd_bool(r, "oral", 0, &d->oral);
		v = (int)d->mandate;
		rd_enum(r, "mandate", 0, &order_vocab_mandate, &v);
		d->mandate = (enum order_mandate)v;
		rd_uuid(r, "mayor_user_id", 0, &d->mayor_user_id);
		rd_text(r, "mandate_reference", 0, ORDER_PLACE_MAX,
			&d->mandate_reference);
		rd_instant(r, "imposed_at", 0, &d->imposed_at);
		rd_instant(r, "ends_at", 0, &d->ends_at);
		rd_text(r, "place", 0, ORDER_PLACE_MAX, &d->place);
		rd_text(r, "facts", 0, ORDER_TEXT_MAX, &d->facts);
		rd_list(r, "protected_names", 0, ORDER_PROTECTED_MAX,
			&d->protected_names, &d->n_protected_names);
		rd_bool(r, "subject_resides", 0, &d->subject_resides);
		rd_bool(r, "serious_danger", 0, &d->serious_danger);
		break;
	}
	case ORDER_STEP_SERVE:
		v = (int)s->u.serve.how;
		rd_enum(r, "how", 1, &order_vocab_service, &v);
		s->u.serve.how = (enum order_service)v;
		break;
	case ORDER_STEP_STAY_ADDRESS:
		rd_text(r, "address", 0, ORDER_PLACE_MAX, &s->u.stay.address);
		rd_text(r, "phone", 0, ORDER_PHONE_MAX, &s->u.stay.phone);
		break;
	case ORDER_STEP_INFORM:
		rd_mask(r, "parties", 1, &order_vocab_party,
			&s->u.inform.parties);
		break;
	case ORDER_STEP_ADVICE:
		rd_bool(r, "extend", 1, &s->u.advice.extend);
		rd_text(r, "reasons", 0, ORDER_TEXT_MAX, &s->u.advice.reasons);
		rd_bool(r, "written", 0, &s->u.advice.written);
		break;
	case ORDER_STEP_HEARING:
		rd_instant(r, "hearing_at", 1, &s->u.hearing.hearing_at);
		break;
	case ORDER_STEP_EXTEND:
		rd_instant(r, "until", 0, &s->u.extend.until);
		rd_text(r, "reasons", 0, ORDER_TEXT_MAX, &s->u.extend.reasons);
		break;
	case ORDER_STEP_NOT_EXTEND:
	case ORDER_STEP_WITHDRAW:
	case ORDER_STEP_LIFT:
		rd_text(r, "reason", 0, ORDER_TEXT_MAX, &s->u.end.reason);
		break;
	case ORDER_STEP_PROVISIONAL:
		rd_instant(r, "hearing_at", 0, &s->u.court.hearing_at);
		break;
	case ORDER_STEP_VIOLATION:
		v = (int)s->u.violation.channel;
		rd_enum(r, "channel", 1, &order_vocab_channel, &v);
		s->u.violation.channel = (enum order_channel)v;
		v = (int)s->u.violation.response;
		rd_enum(r, "response", 1, &order_vocab_response, &v);
		s->u.violation.response = (enum order_response)v;
		rd_text(r, "description", 0, ORDER_TEXT_MAX,
			&s->u.violation.description);
		break;
	case ORDER_STEP_CRIMINAL:
		rd_bool(r, "detained", 0, &s->u.criminal.detained);
		/* The criminal step's note is the step's own note. */
		break;
	case ORDER_STEP_CONSULT_VT:
	case ORDER_STEP_WRITE:
	case ORDER_STEP_KEYS:
	case ORDER_STEP_FIRST_CONTACT:
	case ORDER_STEP_HELP_PLAN:
	case ORDER_STEP_SYSTEM_TALK:
	case ORDER_STEP_EXPIRE:
	case ORDER_STEP_APPEAL:
	case ORDER_STEP_MONITORING_CHECK:
	case ORDER_STEP_MONITORING_END:
	case ORDER_STEP__COUNT:
		break;
	}
	rd_text(r, "note", 0, ORDER_TEXT_MAX, &s->note);
	if (s->kind == ORDER_STEP_CRIMINAL)
		s->u.criminal.note = s->note;
}

size_t
order_step_from_json(enum order_step_kind kind, const json_t *details,
		     struct arena *a, struct order_step *step,
		     struct ct_problems *p)
{
	struct reader r = {details, a, p, 0, FIELD_PREFIX};
	int64_t at = step->at;
	const char *key;
	json_t *value;

	memset(step, 0, sizeof(*step));
	step->kind = kind;
	step->at = at;
	if ((unsigned)kind >= ORDER_STEP__COUNT)
		CT_BUG("order_step_from_json: kind out of range");
	if (details && !json_is_object(details)) {
		r.prefix = "";
		problem(&r, "details", "verwacht een JSON-object");
		return r.added;
	}
	if (details) {
		json_object_foreach((json_t *)details, key, value)
		{
			(void)value;
			if (!known(kind_fields[kind], key))
				problem(&r, key, "onbekend veld");
		}
	}
	read_details(&r, step);
	return r.added;
}

size_t
order_step_body_from_json(const json_t *body, struct arena *a,
			  struct order_step *step, int64_t *version,
			  struct ct_problems *p)
{
	struct reader r = {body, a, p, 0, ""};
	const json_t *details = NULL, *v;
	const char *key;
	json_t *value;
	int kind = -1;
	int64_t at = 0;

	memset(step, 0, sizeof(*step));
	*version = 0;
	if (!body || !json_is_object(body)) {
		problem(&r, "_", "verwacht een JSON-object");
		return r.added;
	}
	json_object_foreach((json_t *)body, key, value)
	{
		(void)value;
		if (strcmp(key, "kind") && strcmp(key, "at") &&
		    strcmp(key, "details") && strcmp(key, "version"))
			problem(&r, key, "onbekend veld");
	}
	rd_enum(&r, "kind", 1, &order_vocab_step, &kind);
	rd_instant(&r, "at", 1, &at);
	v = get(&r, "version", 0);
	if (v) {
		if (!json_is_integer(v) || json_integer_value(v) < 1)
			problem(&r, "version",
				"moet het versienummer zijn dat u las (een "
				"geheel getal vanaf 1)");
		else
			*version = (int64_t)json_integer_value(v);
	}
	details = json_object_get(body, "details");
	if (kind < 0)
		return r.added;
	step->at = at;
	return r.added + order_step_from_json((enum order_step_kind)kind,
					      details, a, step, p);
}

/* ---- writing ---- */

static json_t *
checked(json_t *j)
{
	if (!j)
		CT_BUG("jansson could not allocate a value");
	return j;
}

static void
set(json_t *o, const char *key, json_t *v)
{
	if (json_object_set_new(o, key, checked(v)))
		CT_BUG("json_object_set_new failed");
}

static void
set_text(json_t *o, const char *key, const char *s)
{
	if (s)
		set(o, key, json_string(s));
}

static void
set_id(json_t *o, const char *key, const char *id)
{
	if (id && id[0])
		set(o, key, json_string(id));
}

static void
set_bool(json_t *o, const char *key, int v)
{
	set(o, key, json_boolean(v));
}

static void
set_code(json_t *o, const char *key, const struct vocab *v, int pos)
{
	const char *code = pos < 0 ? NULL : vocab_code(v, (unsigned)pos);

	if (!code)
		CT_BUG("order_json: enum outside its vocabulary");
	set(o, key, json_string(code));
}

static void
set_instant(json_t *o, const char *key, int64_t t)
{
	char iso[CT_ISO_SIZE];

	if (!t)
		return;
	ct_instant_format_utc(t, iso);
	set(o, key, json_string(iso));
}

static void
set_mask(json_t *o, const char *key, const struct vocab *v, uint32_t mask)
{
	json_t *arr = checked(json_array());
	size_t i;

	if (mask & ~vocab_mask_all(v))
		CT_BUG("order_json: mask outside its vocabulary");
	for (i = 0; i < v->count; i++)
		if ((mask & CT_BIT(i)) &&
		    json_array_append_new(
			    arr, checked(json_string(v->terms[i].code))))
			CT_BUG("json_array_append_new failed");
	set(o, key, arr);
}

static void
set_list(json_t *o, const char *key, const char *const *items, size_t n)
{
	json_t *arr = checked(json_array());
	size_t i;

	for (i = 0; i < n; i++)
		if (json_array_append_new(arr, checked(json_string(items[i]))))
			CT_BUG("json_array_append_new failed");
	set(o, key, arr);
}

json_t *
order_step_details_to_json(const struct order_step *s)
{
	json_t *j = checked(json_object());

	switch (s->kind) {
	case ORDER_STEP_OPEN:
		set_code(j, "route", &order_vocab_route, (int)s->u.open.route);
		set_id(j, "subject_person_id", s->u.open.subject_person_id);
		set_list(j, "protected_person_ids",
			 s->u.open.protected_person_ids, s->u.open.n_protected);
		set_text(j, "place", s->u.open.place);
		set_bool(j, "children_involved", s->u.open.children_involved);
		set_id(j, "repeat_of", s->u.open.repeat_of);
		set_text(j, "new_facts", s->u.open.new_facts);
		break;
	case ORDER_STEP_ASSESS:
		set_id(j, "risk_assessment_id", s->u.assess.risk_assessment_id);
		set_bool(j, "indicates_order", s->u.assess.indicates_order);
		break;
	case ORDER_STEP_HEAR:
		set_id(j, "person_id", s->u.hear.person_id);
		set_text(j, "view", s->u.hear.view);
		break;
	case ORDER_STEP_DECIDE: {
		const struct order_step_decide *d = &s->u.decide;

		set_bool(j, "impose", d->impose);
		set_bool(j, "oral", d->oral);
		set_code(j, "mandate", &order_vocab_mandate, (int)d->mandate);
		set_id(j, "mayor_user_id", d->mayor_user_id);
		set_text(j, "mandate_reference", d->mandate_reference);
		set_instant(j, "imposed_at", d->imposed_at);
		set_instant(j, "ends_at", d->ends_at);
		set_text(j, "place", d->place);
		set_text(j, "facts", d->facts);
		set_list(j, "protected_names", d->protected_names,
			 d->n_protected_names);
		set_bool(j, "subject_resides", d->subject_resides);
		set_bool(j, "serious_danger", d->serious_danger);
		break;
	}
	case ORDER_STEP_SERVE:
		set_code(j, "how", &order_vocab_service, (int)s->u.serve.how);
		break;
	case ORDER_STEP_STAY_ADDRESS:
		set_text(j, "address", s->u.stay.address);
		set_text(j, "phone", s->u.stay.phone);
		break;
	case ORDER_STEP_INFORM:
		set_mask(j, "parties", &order_vocab_party, s->u.inform.parties);
		break;
	case ORDER_STEP_ADVICE:
		set_bool(j, "extend", s->u.advice.extend);
		set_text(j, "reasons", s->u.advice.reasons);
		set_bool(j, "written", s->u.advice.written);
		break;
	case ORDER_STEP_HEARING:
		set_instant(j, "hearing_at", s->u.hearing.hearing_at);
		break;
	case ORDER_STEP_EXTEND:
		set_instant(j, "until", s->u.extend.until);
		set_text(j, "reasons", s->u.extend.reasons);
		break;
	case ORDER_STEP_NOT_EXTEND:
	case ORDER_STEP_WITHDRAW:
	case ORDER_STEP_LIFT:
		set_text(j, "reason", s->u.end.reason);
		break;
	case ORDER_STEP_PROVISIONAL:
		set_instant(j, "hearing_at", s->u.court.hearing_at);
		break;
	case ORDER_STEP_VIOLATION:
		set_code(j, "channel", &order_vocab_channel,
			 (int)s->u.violation.channel);
		set_code(j, "response", &order_vocab_response,
			 (int)s->u.violation.response);
		set_text(j, "description", s->u.violation.description);
		break;
	case ORDER_STEP_CRIMINAL:
		set_bool(j, "detained", s->u.criminal.detained);
		break;
	case ORDER_STEP_CONSULT_VT:
	case ORDER_STEP_WRITE:
	case ORDER_STEP_KEYS:
	case ORDER_STEP_FIRST_CONTACT:
	case ORDER_STEP_HELP_PLAN:
	case ORDER_STEP_SYSTEM_TALK:
	case ORDER_STEP_EXPIRE:
	case ORDER_STEP_APPEAL:
	case ORDER_STEP_MONITORING_CHECK:
	case ORDER_STEP_MONITORING_END:
		break;
	case ORDER_STEP__COUNT:
		CT_BUG("order_step_details_to_json: bad kind");
	}
	set_text(j, "note", s->note);
	return j;
}

json_t *
order_to_json(const struct order *o)
{
	json_t *j = checked(json_object());
	json_t *prot = checked(json_array());
	size_t i;

	set_id(j, "id", o->id);
	set_id(j, "case_id", o->case_id);
	set_code(j, "jurisdiction", &vocab_country, (int)o->jurisdiction);
	set_code(j, "state", &order_vocab_state, (int)o->state);
	set_code(j, "route", &order_vocab_route, (int)o->route);
	set_id(j, "subject_person_id", o->subject_person_id);
	for (i = 0; i < o->n_protected && i < ORDER_PROTECTED_MAX; i++)
		if (json_array_append_new(
			    prot,
			    checked(json_string(o->protected_person_ids[i]))))
			CT_BUG("json_array_append_new failed");
	set(j, "protected_person_ids", prot);
	set_text(j, "place", o->place);
	set_id(j, "risk_assessment_id", o->risk_assessment_id);
	set_bool(j, "children_involved", o->children_involved);
	set_bool(j, "vt_consulted", o->vt_consulted);
	set_instant(j, "vt_consulted_at", o->vt_consulted_at);
	set(j, "persons_heard", json_integer(o->persons_heard));
	set_instant(j, "decided_at", o->decided_at);
	set_instant(j, "imposed_at", o->imposed_at);
	set_instant(j, "ends_at", o->ends_at);
	set_bool(j, "oral", o->oral);
	set_instant(j, "written_at", o->written_at);
	set_id(j, "decided_by", o->decided_by);
	if (o->decided_at)
		set_code(j, "decided_role", &vocab_user_role,
			 (int)o->decided_role);
	set_code(j, "mandate", &order_vocab_mandate, (int)o->mandate);
	set_id(j, "mayor_user_id", o->mayor_user_id);
	set_text(j, "mandate_reference", o->mandate_reference);
	set_text(j, "facts", o->facts);
	set_code(j, "served_how", &order_vocab_service, (int)o->served_how);
	set_instant(j, "served_at", o->served_at);
	set_bool(j, "keys_taken", o->keys_taken);
	set_instant(j, "keys_at", o->keys_at);
	set_text(j, "stay_address", o->stay_address);
	set_text(j, "stay_phone", o->stay_phone);
	set_instant(j, "stay_address_at", o->stay_address_at);
	set_mask(j, "informed", &order_vocab_party, o->informed);
	set_instant(j, "first_contact_at", o->first_contact_at);
	set_instant(j, "help_plan_at", o->help_plan_at);
	set_instant(j, "system_talk_at", o->system_talk_at);
	set_instant(j, "advice_at", o->advice_at);
	if (o->advice_at)
		set_bool(j, "advice_extend", o->advice_extend);
	set_instant(j, "hearing_at", o->hearing_at);
	set(j, "n_extensions", json_integer(o->n_extensions));
	set_instant(j, "extended_at", o->extended_at);
	set_bool(j, "extension_refused", o->extension_refused);
	set_instant(j, "ended_at", o->ended_at);
	set_text(j, "end_reason", o->end_reason);
	set_instant(j, "appeal_at", o->appeal_at);
	set_instant(j, "provisional_at", o->provisional_at);
	set_instant(j, "provisional_hearing_at", o->provisional_hearing_at);
	set(j, "n_violations", json_integer(o->n_violations));
	set_instant(j, "last_violation_at", o->last_violation_at);
	set_bool(j, "criminal_proceedings", o->criminal_proceedings);
	set_bool(j, "detained", o->detained);
	set_instant(j, "monitoring_check_at", o->monitoring_check_at);
	set_instant(j, "closed_at", o->closed_at);
	set_id(j, "repeat_of", o->repeat_of);
	set_text(j, "new_facts", o->new_facts);
	set_instant(j, "created_at", o->created_at);
	set(j, "version", json_integer(o->version));
	return j;
}
