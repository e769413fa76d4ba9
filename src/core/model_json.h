/*
 * model_json.h - the case model as JSON (jansson), for the journal's
 * before/after images, `--json` output and the API (both ways).
 *
 * Field names are the stable codes of the API: snake_case, enums as their
 * vocab codes ("victim", "partner"), sets as arrays of codes, dates as
 * "YYYY-MM-DD", instants as UTC ISO 8601 ("2026-07-13T11:59:00Z"), NULL
 * text fields omitted. Each returns a new reference the caller owns
 * (json_decref) and never NULL.
 *
 * Also omitted: ids the store has not assigned yet ("") and a person's
 * birth_date when has_birth_date is 0. Instants and version are always
 * written. An enum or mask bit outside its vocabulary is a bug (CT_BUG):
 * validate first. Text that is not valid UTF-8 is written with U+FFFD in
 * place of each bad byte rather than refused.
 */
#ifndef CT_CORE_MODEL_JSON_H
#define CT_CORE_MODEL_JSON_H

#include <jansson.h>

#include "core/model.h"
#include "util/err.h"

json_t *case_to_json(const struct ct_case *c);
json_t *person_to_json(const struct person *p);
json_t *relation_to_json(const struct relation *r);
json_t *incident_to_json(const struct incident *in);
json_t *org_to_json(const struct org *o);
json_t *user_to_json(const struct user *u);

/*
 * JSON to model: the strict reading of API request bodies.
 *
 * Each *_from_json() reads the members of object j into *out and adds one
 * problem per broken rule to p, under the JSON field name, so a client
 * learns every problem at once; it returns the number of problems added.
 * Rules: j must be an object; a member that the record and mode do not
 * know is refused ("onbekend veld"); a required member that is missing is
 * refused; each member must have its JSON type (text a string, enums a
 * vocab code, sets an array of codes without repeats, dates "YYYY-MM-DD",
 * instants ISO 8601 with "Z" or an offset, ids a UUID, version a positive
 * integer, active a boolean).
 *
 * Modes: MODEL_JSON_CREATE reads a new record and leaves ids, version
 * and times alone. MODEL_JSON_UPDATE reads a change: only the members
 * given are overwritten (out holds the record as read), "version" is
 * required, and an optional text or date member may be null to clear it.
 * Which members each record accepts per mode is listed in model_json.c
 * next to each reader and in the OpenAPI document.
 *
 * Only types are checked here; the domain rules (BSN checksum, limits,
 * dates in the past) are core/validate.h's, which the caller runs after.
 * Text pointers in out are borrowed from j: keep j alive while out is used.
 * On problems, out may be partly written: do not store it.
 */
enum model_json_mode {
	MODEL_JSON_CREATE = 0,
	MODEL_JSON_UPDATE = 1,
};

/* create: jurisdiction, region, [pattern]; update: [status], [pattern]. */
size_t case_from_json(const json_t *j, enum model_json_mode mode,
		      struct ct_case *out, struct ct_problems *p);
/* given_name, family_name, birth_date, sex, bsn, rrn, roles (required). */
size_t person_from_json(const json_t *j, enum model_json_mode mode,
			struct person *out, struct ct_problems *p);
/* create only: person_a, person_b, kind, all required. */
size_t relation_from_json(const json_t *j, struct relation *out,
			  struct ct_problems *p);
/* occurred_at, description (required), types, forms, severity, location. */
size_t incident_from_json(const json_t *j, enum model_json_mode mode,
			  struct incident *out, struct ct_problems *p);
/* create: name, type, country (required), email; update: name, email. */
size_t org_from_json(const json_t *j, enum model_json_mode mode,
		     struct org *out, struct ct_problems *p);
/*
 * create: org_id, username, display_name, roles (required), email;
 * update: display_name, email, roles, active.
 */
size_t user_from_json(const json_t *j, enum model_json_mode mode,
		      struct user *out, struct ct_problems *p);

/*
 * Serialise compactly with sorted keys, so that the same record always
 * gives the same bytes (the journal hashes them). Caller frees with free().
 */
char *model_json_dump(const json_t *j);

#endif
