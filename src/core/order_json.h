/*
 * order_json.h - the restraining order (core/order.h) as JSON: a step's
 * details both ways, and the order record for the store's projection,
 * the journal and the API.
 *
 * A step travels as {kind, at, details: {...}}. Which members "details"
 * takes depends on the kind; the list is in order_json.c next to each
 * reader and in the OpenAPI description of POST .../orders/{id}/steps.
 * Every kind also takes "note" (free text for the journal).
 *
 * Reading is strict, like core/model_json.h's *_from_json(): one problem
 * per broken rule, under the field name "details.<member>", so a client
 * learns every problem at once; a member the kind does not know is
 * refused ("onbekend veld"); required members must be there; types are
 * checked (codes against the vocabularies of order.h, ids as UUIDs,
 * instants ISO 8601 with "Z" or an offset, text valid UTF-8 within the
 * limits of order.h). Only types and sizes are checked here: whether the
 * step is legal is order_check_step()'s business.
 *
 * Memory: the text and arrays the step points to are copied into the
 * arena a, so the step outlives the JSON (the store replays stored steps
 * through order_apply_step, which keeps the pointers in the order).
 *
 * Writing: every function returns a new reference (json_decref) and never
 * NULL; an enum outside its vocabulary is a bug (CT_BUG). Instants are
 * UTC ISO 8601, 0 instants and NULL texts are left out.
 */
#ifndef CT_CORE_ORDER_JSON_H
#define CT_CORE_ORDER_JSON_H

#include <jansson.h>
#include <stddef.h>

#include "core/order.h"
#include "util/arena.h"
#include "util/err.h"

/* Largest serialised details object the store and the API accept. */
#define ORDER_JSON_DETAILS_MAX ((size_t)64 * 1024)

/*
 * Read details (a JSON object, or NULL for "no details") of a step of
 * kind into step->u (and step->note); step->kind is set, step->at is
 * left alone. Returns the number of problems added to p.
 */
size_t order_step_from_json(enum order_step_kind kind, const json_t *details,
			    struct arena *a, struct order_step *step,
			    struct ct_problems *p);

/*
 * Read a whole step {kind, at, details} (the API body; members other
 * than these three, plus "version", are refused). *version receives
 * "version" when given (the order's version the client read), else 0.
 */
size_t order_step_body_from_json(const json_t *body, struct arena *a,
				 struct order_step *step, int64_t *version,
				 struct ct_problems *p);

/* The details object of step, as order_step_from_json reads it back. */
json_t *order_step_details_to_json(const struct order_step *step);

/* The order record: every field, states and enums as their codes. */
json_t *order_to_json(const struct order *o);

#endif
