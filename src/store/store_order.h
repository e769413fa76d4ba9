/*
 * store_order.h - restraining orders in the store (migration 0005).
 *
 * Contract (in addition to store.h's):
 *  - The check belongs to core: store_order_step() loads the order, runs
 *    order_check_step() with the caller's facts inside the write
 *    transaction, and only on CT_OK appends the step to order_steps,
 *    applies it (order_apply_step) to the orders row, adds a violation
 *    row for a violation step, and journals it on the case as
 *    "order.<step code>" ("order.open", "order.decide", "order.extend",
 *    ...), all in one transaction. A refused step writes nothing and
 *    returns the refusal's code with *refusal filled.
 *  - ORDER_STEP_OPEN creates the order: use store_order_open().
 *  - expected_version is the version the caller read (optimistic
 *    concurrency): a stale one gives CT_ERR_CONFLICT and no refusal rule.
 *  - Orders read back have their text fields in the caller's arena.
 *  - Listing returns the orders of one case, oldest first.
 */
#ifndef CT_STORE_STORE_ORDER_H
#define CT_STORE_STORE_ORDER_H

#include <stddef.h>
#include <stdint.h>

#include "core/order.h"
#include "store/store.h"
#include "util/arena.h"
#include "util/err.h"

/* One stored step, as the API and the journal show it. */
struct store_order_step {
	char id[CT_UUID_SIZE];
	int64_t seq; /* 1, 2, ... per order */
	enum order_step_kind kind;
	int64_t at;
	const char *actor_user_id;
	const char *actor_org_id;
	const char *details_json; /* the step's details as stored */
	int64_t created_at;
};

/*
 * Create an order on case_id from an ORDER_STEP_OPEN step checked against
 * the rules of the case's jurisdiction. On success *out is the new order
 * (id, version 1) with text in a.
 */
enum ct_err store_order_open(struct store *st, const struct store_actor *who,
			     const char *case_id, const struct order_step *open,
			     const struct order_facts *facts, struct arena *a,
			     struct order *out, struct order_refusal *refusal,
			     struct ct_error *err);

/*
 * Append one step to order_id (checked by core, see above). details_json
 * is what is stored as the step's details (the API passes the request's
 * "details" object); NULL stores "{}". On success *o is the order after
 * the step, with its new version.
 */
enum ct_err store_order_step(struct store *st, const struct store_actor *who,
			     const char *case_id, const char *order_id,
			     int64_t expected_version,
			     const struct order_step *step,
			     const char *details_json,
			     const struct order_facts *facts, struct arena *a,
			     struct order *o, struct order_refusal *refusal,
			     struct ct_error *err);

/* One order of case_id; CT_ERR_NOTFOUND when not on that case. */
enum ct_err store_order_get(struct store *st, const char *case_id,
			    const char *order_id, struct arena *a,
			    struct order *out, struct ct_error *err);

/* The orders of case_id, oldest first; *items in a. */
enum ct_err store_order_list(struct store *st, const char *case_id,
			     struct arena *a, struct order **items,
			     size_t *count, struct ct_error *err);

/* The steps of an order, by seq; *items in a. */
enum ct_err store_order_steps(struct store *st, const char *order_id,
			      struct arena *a, struct store_order_step **items,
			      size_t *count, struct ct_error *err);

#endif
