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
 */
#include "core/model_json.h"

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
