/*
 * model_json.h - the case model as JSON (jansson), for the journal's
 * before/after images, `--json` output and, later, the API.
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

json_t *case_to_json(const struct ct_case *c);
json_t *person_to_json(const struct person *p);
json_t *relation_to_json(const struct relation *r);
json_t *incident_to_json(const struct incident *in);
json_t *org_to_json(const struct org *o);
json_t *user_to_json(const struct user *u);

/*
 * Serialise compactly with sorted keys, so that the same record always
 * gives the same bytes (the journal hashes them). Caller frees with free().
 */
char *model_json_dump(const json_t *j);

#endif
