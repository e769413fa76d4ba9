/*
 * model_json.c - the case model as jansson values.
 *
 * One builder per record, each field set with json_object_set_new so the
 * object takes the new reference. What is "not given" is left out: NULL
 * text fields, and ids that the store has not assigned yet (""), so the
 * image of a new record and of a stored one differ only in what is really
 * different.
 *
 * Enums and masks are written as vocab codes. A value outside its
 * vocabulary cannot come from a validated record, so it is a bug (CT_BUG)
 * rather than something to paper over in a journal image. Text, on the
 * other hand, is only as good as its source: invalid UTF-8 (which jansson
 * refuses) is written with U+FFFD in place of each bad byte, so that a
 * damaged field still yields a readable image instead of a crash.
 *
 * The other way, JSON to model, is the strict reading of API bodies: a
 * small reader carries the object and the problem list, the field readers
 * check one JSON type each, and every record reader lists the members it
 * accepts per mode, so an unknown member and a wrong type are both named.
 */
#include "core/model_json.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "core/validate.h"
#include "util/compat.h"
#include "util/banned.h"

static json_t *
model_json_checked(json_t *j)
{
	if (!j)
		CT_BUG("jansson could not allocate a value");
	return j;
}

static void
model_json_set(json_t *obj, const char *key, json_t *value)
{
	if (json_object_set_new(obj, key, model_json_checked(value)) != 0)
		CT_BUG("json_object_set_new failed");
}

/* A copy of s with each byte that is not valid UTF-8 replaced by U+FFFD. */
static json_t *
model_json_repaired_string(const char *s)
{
	static const char replacement[] = "\xef\xbf\xbd";
	size_t len = strlen(s), i = 0, used = 0, n;
	char *buf;
	json_t *j;

	/* Each input byte becomes at most 3 output bytes. */
	if (len > (SIZE_MAX - 1) / 3)
		CT_BUG("text too long to repair");
	buf = ct_malloc(len * 3 + 1);
	while (i < len) {
		n = validate_utf8_seq(s + i, len - i);
		if (n == 0) {
			memcpy(buf + used, replacement, 3);
			used += 3;
			i++;
			continue;
		}
		memcpy(buf + used, s + i, n);
		used += n;
		i += n;
	}
	j = json_stringn(buf, used);
	free(buf);
	return model_json_checked(j);
}

static void
model_json_set_text(json_t *obj, const char *key, const char *s)
{
	json_t *j;

	if (!s)
		return;
	j = json_string(s);
	if (!j)
		j = model_json_repaired_string(s);
	model_json_set(obj, key, j);
}

static void
model_json_set_id(json_t *obj, const char *key, const char *id)
{
	if (id[0] != '\0')
		model_json_set_text(obj, key, id);
}

static void
model_json_set_enum(json_t *obj, const char *key, const struct vocab *v,
		    int value)
{
	const char *code = value < 0 ? NULL : vocab_code(v, (unsigned)value);

	if (!code)
		CT_BUG("enum value outside its vocabulary");
	model_json_set(obj, key, json_string(code));
}

static void
model_json_set_mask(json_t *obj, const char *key, const struct vocab *v,
		    uint32_t mask)
{
	json_t *arr;
	size_t i;

	if (mask & ~vocab_mask_all(v))
		CT_BUG("mask bit outside its vocabulary");
	arr = model_json_checked(json_array());
	for (i = 0; i < v->count; i++) {
		if (!(mask & CT_BIT(i)))
			continue;
		if (json_array_append_new(arr, model_json_checked(json_string(
						       v->terms[i].code))))
			CT_BUG("json_array_append_new failed");
	}
	model_json_set(obj, key, arr);
}

static void
model_json_set_instant(json_t *obj, const char *key, int64_t t)
{
	char buf[CT_ISO_SIZE];

	ct_instant_format_utc(t, buf);
	model_json_set(obj, key, json_string(buf));
}

static void
model_json_set_int(json_t *obj, const char *key, int64_t v)
{
	model_json_set(obj, key, json_integer((json_int_t)v));
}

json_t *
case_to_json(const struct ct_case *c)
{
	json_t *j = model_json_checked(json_object());

	model_json_set_id(j, "id", c->id);
	model_json_set_id(j, "reference", c->reference);
	model_json_set_enum(j, "jurisdiction", &vocab_country,
			    (int)c->jurisdiction);
	model_json_set_text(j, "region", c->region);
	model_json_set_id(j, "owner_org_id", c->owner_org_id);
	model_json_set_enum(j, "status", &vocab_case_status, (int)c->status);
	model_json_set_enum(j, "pattern", &vocab_violence_pattern,
			    (int)c->pattern);
	model_json_set_instant(j, "created_at", c->created_at);
	model_json_set_instant(j, "updated_at", c->updated_at);
	model_json_set_int(j, "version", c->version);
	return j;
}

json_t *
person_to_json(const struct person *pe)
{
	json_t *j = model_json_checked(json_object());
	char date[11];

	model_json_set_id(j, "id", pe->id);
	model_json_set_id(j, "case_id", pe->case_id);
	model_json_set_text(j, "given_name", pe->given_name);
	model_json_set_text(j, "family_name", pe->family_name);
	if (pe->has_birth_date) {
		ct_date_format(&pe->birth_date, date);
		model_json_set(j, "birth_date", json_string(date));
	}
	model_json_set_enum(j, "sex", &vocab_person_sex, (int)pe->sex);
	model_json_set_text(j, "bsn", pe->bsn);
	model_json_set_text(j, "rrn", pe->rrn);
	model_json_set_mask(j, "roles", &vocab_person_role, pe->roles);
	model_json_set_int(j, "version", pe->version);
	return j;
}

json_t *
relation_to_json(const struct relation *r)
{
	json_t *j = model_json_checked(json_object());

	model_json_set_id(j, "id", r->id);
	model_json_set_id(j, "case_id", r->case_id);
	model_json_set_id(j, "person_a", r->person_a);
	model_json_set_id(j, "person_b", r->person_b);
	model_json_set_enum(j, "kind", &vocab_relation_kind, (int)r->kind);
	model_json_set_int(j, "version", r->version);
	return j;
}

json_t *
incident_to_json(const struct incident *in)
{
	json_t *j = model_json_checked(json_object());

	model_json_set_id(j, "id", in->id);
	model_json_set_id(j, "case_id", in->case_id);
	model_json_set_instant(j, "occurred_at", in->occurred_at);
	model_json_set_mask(j, "types", &vocab_violence_type, in->types);
	model_json_set_mask(j, "forms", &vocab_violence_form, in->forms);
	model_json_set_enum(j, "severity", &vocab_severity, (int)in->severity);
	model_json_set_text(j, "location", in->location);
	model_json_set_text(j, "description", in->description);
	model_json_set_int(j, "version", in->version);
	return j;
}

json_t *
org_to_json(const struct org *o)
{
	json_t *j = model_json_checked(json_object());

	model_json_set_id(j, "id", o->id);
	model_json_set_text(j, "name", o->name);
	model_json_set_enum(j, "type", &vocab_org_type, (int)o->type);
	model_json_set_enum(j, "country", &vocab_country, (int)o->country);
	model_json_set_text(j, "email", o->email);
	model_json_set_int(j, "version", o->version);
	return j;
}

json_t *
user_to_json(const struct user *u)
{
	json_t *j = model_json_checked(json_object());

	model_json_set_id(j, "id", u->id);
	model_json_set_id(j, "org_id", u->org_id);
	model_json_set_text(j, "username", u->username);
	model_json_set_text(j, "display_name", u->display_name);
	model_json_set_text(j, "email", u->email);
	model_json_set_mask(j, "roles", &vocab_user_role, u->roles);
	model_json_set(j, "active", json_boolean(u->active));
	model_json_set_int(j, "version", u->version);
	return j;
}

char *
model_json_dump(const json_t *j)
{
	char *s;

	if (!j)
		CT_BUG("model_json_dump of NULL");
	s = json_dumps(j, JSON_COMPACT | JSON_SORT_KEYS);
	if (!s)
		CT_BUG("json_dumps failed (out of memory or not a container)");
	return s;
}

/* ------------------------------------------------------------------ */
/* JSON to model.                                                     */

/*
 * One reader holds the object, the mode and the problem list, so that each
 * field reader is one line in the record readers below and every problem
 * lands in the same list.
 */
struct model_json_reader {
	const json_t *obj;
	enum model_json_mode mode;
	struct ct_problems *p;
	size_t added;
};

static void
reader_problem(struct model_json_reader *r, const char *field,
	       const char *message)
{
	ct_problems_add(r->p, field, "%s", message);
	r->added++;
}

/*
 * Refuse members not in allowed[] (NULL-terminated) and a non-object; 0
 * when j is not an object, so the field readers are skipped.
 */
static int
reader_start(struct model_json_reader *r, const json_t *j,
	     enum model_json_mode mode, const char *const *allowed,
	     struct ct_problems *p)
{
	const char *key;
	json_t *value;
	size_t i;

	r->obj = j;
	r->mode = mode;
	r->p = p;
	r->added = 0;
	if (!j || !json_is_object(j)) {
		reader_problem(r, "_", "verwacht een JSON-object");
		return 0;
	}
	json_object_foreach((json_t *)j, key, value) {
		(void)value;
		for (i = 0; allowed[i]; i++)
			if (strcmp(allowed[i], key) == 0)
				break;
		if (!allowed[i])
			reader_problem(r, key, "onbekend veld");
	}
	return 1;
}

enum reader_flags {
	R_REQUIRED = 1 << 0, /* must be there (in either mode) */
	R_NULLABLE = 1 << 1, /* update mode: null clears the field */
};

/*
 * The member called name: NULL when absent (a problem if required) or,
 * for a nullable member in update mode, null (*is_null set).
 */
static const json_t *
reader_get(struct model_json_reader *r, const char *name, unsigned flags,
	   int *is_null)
{
	const json_t *v = json_object_get(r->obj, name);

	*is_null = 0;
	if (!v) {
		if (flags & R_REQUIRED)
			reader_problem(r, name, "ontbreekt");
		return NULL;
	}
	if (json_is_null(v)) {
		if ((flags & R_NULLABLE) && r->mode == MODEL_JSON_UPDATE) {
			*is_null = 1;
			return NULL;
		}
		reader_problem(r, name, "mag niet leeg (null) zijn");
		return NULL;
	}
	return v;
}

static void
reader_text(struct model_json_reader *r, const char *name, unsigned flags,
	    const char **out)
{
	int is_null;
	const json_t *v = reader_get(r, name, flags, &is_null);

	if (is_null)
		*out = NULL;
	if (!v)
		return;
	if (!json_is_string(v)) {
		reader_problem(r, name, "moet tekst zijn");
		return;
	}
	*out = json_string_value(v);
}

static void
reader_enum(struct model_json_reader *r, const char *name, unsigned flags,
	    const struct vocab *voc, int *out)
{
	int is_null, idx;
	const json_t *v = reader_get(r, name, flags, &is_null);

	if (!v)
		return;
	if (!json_is_string(v)) {
		reader_problem(r, name, "moet een code (tekst) zijn");
		return;
	}
	idx = vocab_index(voc, json_string_value(v));
	if (idx < 0) {
		ct_problems_add(r->p, name, "onbekende waarde voor %s",
				voc->name);
		r->added++;
		return;
	}
	*out = idx;
}

static void
reader_mask(struct model_json_reader *r, const char *name, unsigned flags,
	    const struct vocab *voc, uint32_t *out)
{
	int is_null, idx;
	const json_t *v = reader_get(r, name, flags, &is_null), *item;
	uint32_t mask = 0;
	size_t i;

	if (!v)
		return;
	if (!json_is_array(v)) {
		reader_problem(r, name, "moet een lijst van codes zijn");
		return;
	}
	json_array_foreach(v, i, item) {
		idx = json_is_string(item)
			      ? vocab_index(voc, json_string_value(item))
			      : -1;
		if (idx < 0) {
			ct_problems_add(r->p, name,
					"element %zu is geen bekende code "
					"voor %s",
					i + 1, voc->name);
			r->added++;
			return;
		}
		if (mask & CT_BIT((unsigned)idx)) {
			ct_problems_add(r->p, name, "code '%s' staat er dubbel",
					voc->terms[idx].code);
			r->added++;
			return;
		}
		mask |= CT_BIT((unsigned)idx);
	}
	*out = mask;
}

static void
reader_uuid(struct model_json_reader *r, const char *name, unsigned flags,
	    char out[CT_UUID_SIZE])
{
	int is_null;
	const json_t *v = reader_get(r, name, flags, &is_null);

	if (!v)
		return;
	if (!json_is_string(v) || !ct_uuid_valid(json_string_value(v))) {
		reader_problem(r, name, "moet een UUID zijn");
		return;
	}
	snprintf(out, CT_UUID_SIZE, "%s", json_string_value(v));
}

static void
reader_date(struct model_json_reader *r, const char *name, unsigned flags,
	    int *has, struct ct_date *out)
{
	int is_null;
	const json_t *v = reader_get(r, name, flags, &is_null);
	struct ct_date d;

	if (is_null)
		*has = 0;
	if (!v)
		return;
	if (!json_is_string(v) ||
	    ct_date_parse(json_string_value(v), &d) != CT_OK) {
		reader_problem(r, name,
			       "moet een bestaande datum JJJJ-MM-DD zijn");
		return;
	}
	*has = 1;
	*out = d;
}

/* An instant with an explicit zone: "Z" or "+hh:mm" / "-hh:mm". */
static int
model_json_has_offset(const char *s)
{
	size_t len = strlen(s);

	if (len > 0 && s[len - 1] == 'Z')
		return 1;
	return len > 6 && (s[len - 6] == '+' || s[len - 6] == '-') &&
	       s[len - 3] == ':';
}

static void
reader_instant(struct model_json_reader *r, const char *name, unsigned flags,
	       int64_t *out)
{
	int is_null;
	const json_t *v = reader_get(r, name, flags, &is_null);
	int64_t t;

	if (!v)
		return;
	/* The zone is only used for text without an offset, refused here. */
	if (!json_is_string(v) || !model_json_has_offset(json_string_value(v)) ||
	    ct_instant_parse(json_string_value(v), CT_ZONE_AMSTERDAM, &t) !=
		    CT_OK) {
		reader_problem(r, name,
			       "moet een tijdstip zijn zoals "
			       "2026-07-13T11:59:00Z of met +02:00");
		return;
	}
	*out = t;
}

static void
reader_bool(struct model_json_reader *r, const char *name, unsigned flags,
	    int *out)
{
	int is_null;
	const json_t *v = reader_get(r, name, flags, &is_null);

	if (!v)
		return;
	if (!json_is_boolean(v)) {
		reader_problem(r, name, "moet true of false zijn");
		return;
	}
	*out = json_is_true(v);
}

/* "version": required in update mode, a positive integer. */
static void
reader_version(struct model_json_reader *r, int64_t *out)
{
	int is_null;
	const json_t *v;

	if (r->mode != MODEL_JSON_UPDATE)
		return;
	v = reader_get(r, "version", R_REQUIRED, &is_null);
	if (!v)
		return;
	if (!json_is_integer(v) || json_integer_value(v) < 1) {
		reader_problem(r, "version",
			       "moet het versienummer zijn dat u las "
			       "(een geheel getal vanaf 1)");
		return;
	}
	*out = (int64_t)json_integer_value(v);
}

/* R_REQUIRED in create mode only: an update may leave anything out. */
static unsigned
reader_req_on_create(const struct model_json_reader *r)
{
	return r->mode == MODEL_JSON_CREATE ? R_REQUIRED : 0;
}

size_t
case_from_json(const json_t *j, enum model_json_mode mode,
	       struct ct_case *out, struct ct_problems *p)
{
	static const char *const create_fields[] = {"jurisdiction", "region",
						    "pattern", NULL};
	static const char *const update_fields[] = {"status", "pattern",
						    "version", NULL};
	struct model_json_reader r;
	int v;

	if (!reader_start(&r, j, mode,
			  mode == MODEL_JSON_CREATE ? create_fields
						    : update_fields,
			  p))
		return r.added;
	if (mode == MODEL_JSON_CREATE) {
		v = (int)out->jurisdiction;
		reader_enum(&r, "jurisdiction", R_REQUIRED, &vocab_country, &v);
		out->jurisdiction = (enum ct_country)v;
		reader_text(&r, "region", R_REQUIRED, &out->region);
	} else {
		v = (int)out->status;
		reader_enum(&r, "status", 0, &vocab_case_status, &v);
		out->status = (enum case_status)v;
	}
	v = (int)out->pattern;
	reader_enum(&r, "pattern", 0, &vocab_violence_pattern, &v);
	out->pattern = (enum violence_pattern)v;
	reader_version(&r, &out->version);
	return r.added;
}

size_t
person_from_json(const json_t *j, enum model_json_mode mode,
		 struct person *out, struct ct_problems *p)
{
	static const char *const create_fields[] = {
		"given_name", "family_name", "birth_date", "sex",
		"bsn",	      "rrn",	     "roles",	   NULL};
	static const char *const update_fields[] = {
		"given_name", "family_name", "birth_date", "sex",
		"bsn",	      "rrn",	     "roles",	   "version",
		NULL};
	struct model_json_reader r;
	int v;

	if (!reader_start(&r, j, mode,
			  mode == MODEL_JSON_CREATE ? create_fields
						    : update_fields,
			  p))
		return r.added;
	reader_text(&r, "given_name", R_NULLABLE, &out->given_name);
	reader_text(&r, "family_name", R_NULLABLE, &out->family_name);
	reader_date(&r, "birth_date", R_NULLABLE, &out->has_birth_date,
		    &out->birth_date);
	v = (int)out->sex;
	reader_enum(&r, "sex", 0, &vocab_person_sex, &v);
	out->sex = (enum person_sex)v;
	reader_text(&r, "bsn", R_NULLABLE, &out->bsn);
	reader_text(&r, "rrn", R_NULLABLE, &out->rrn);
	reader_mask(&r, "roles", reader_req_on_create(&r), &vocab_person_role,
		    &out->roles);
	reader_version(&r, &out->version);
	return r.added;
}

size_t
relation_from_json(const json_t *j, struct relation *out,
		   struct ct_problems *p)
{
	static const char *const fields[] = {"person_a", "person_b", "kind",
					     NULL};
	struct model_json_reader r;
	int v;

	if (!reader_start(&r, j, MODEL_JSON_CREATE, fields, p))
		return r.added;
	reader_uuid(&r, "person_a", R_REQUIRED, out->person_a);
	reader_uuid(&r, "person_b", R_REQUIRED, out->person_b);
	v = (int)out->kind;
	reader_enum(&r, "kind", R_REQUIRED, &vocab_relation_kind, &v);
	out->kind = (enum relation_kind)v;
	return r.added;
}

size_t
incident_from_json(const json_t *j, enum model_json_mode mode,
		   struct incident *out, struct ct_problems *p)
{
	static const char *const create_fields[] = {
		"occurred_at", "types",	   "forms",	  "severity",
		"location",    "description", NULL};
	static const char *const update_fields[] = {
		"occurred_at", "types",	      "forms",	 "severity",
		"location",    "description", "version", NULL};
	struct model_json_reader r;
	unsigned req = mode == MODEL_JSON_CREATE ? R_REQUIRED : 0;
	int v;

	if (!reader_start(&r, j, mode,
			  mode == MODEL_JSON_CREATE ? create_fields
						    : update_fields,
			  p))
		return r.added;
	reader_instant(&r, "occurred_at", req, &out->occurred_at);
	reader_mask(&r, "types", 0, &vocab_violence_type, &out->types);
	reader_mask(&r, "forms", 0, &vocab_violence_form, &out->forms);
	v = (int)out->severity;
	reader_enum(&r, "severity", 0, &vocab_severity, &v);
	out->severity = (enum severity)v;
	reader_text(&r, "location", R_NULLABLE, &out->location);
	reader_text(&r, "description", req, &out->description);
	reader_version(&r, &out->version);
	return r.added;
}

size_t
org_from_json(const json_t *j, enum model_json_mode mode, struct org *out,
	      struct ct_problems *p)
{
	static const char *const create_fields[] = {"name", "type", "country",
						    "email", NULL};
	static const char *const update_fields[] = {"name", "email", "version",
						    NULL};
	struct model_json_reader r;
	int v;

	if (!reader_start(&r, j, mode,
			  mode == MODEL_JSON_CREATE ? create_fields
						    : update_fields,
			  p))
		return r.added;
	reader_text(&r, "name", reader_req_on_create(&r), &out->name);
	if (mode == MODEL_JSON_CREATE) {
		v = (int)out->type;
		reader_enum(&r, "type", R_REQUIRED, &vocab_org_type, &v);
		out->type = (enum org_type)v;
		v = (int)out->country;
		reader_enum(&r, "country", R_REQUIRED, &vocab_country, &v);
		out->country = (enum ct_country)v;
	}
	reader_text(&r, "email", R_NULLABLE, &out->email);
	reader_version(&r, &out->version);
	return r.added;
}

size_t
user_from_json(const json_t *j, enum model_json_mode mode, struct user *out,
	       struct ct_problems *p)
{
	static const char *const create_fields[] = {
		"org_id", "username", "display_name", "email", "roles", NULL};
	static const char *const update_fields[] = {
		"display_name", "email", "roles", "active", "version", NULL};
	struct model_json_reader r;
	unsigned req;

	if (!reader_start(&r, j, mode,
			  mode == MODEL_JSON_CREATE ? create_fields
						    : update_fields,
			  p))
		return r.added;
	req = reader_req_on_create(&r);
	if (mode == MODEL_JSON_CREATE) {
		reader_uuid(&r, "org_id", R_REQUIRED, out->org_id);
		reader_text(&r, "username", R_REQUIRED, &out->username);
	} else {
		reader_bool(&r, "active", 0, &out->active);
	}
	reader_text(&r, "display_name", req, &out->display_name);
	reader_text(&r, "email", R_NULLABLE, &out->email);
	reader_mask(&r, "roles", req, &vocab_user_role, &out->roles);
	reader_version(&r, &out->version);
	return r.added;
}
