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
 *  - Reading an order replays its stored steps through order_apply_step()
 *    (order_steps is the source of truth, the orders row its projection);
 *    a stored step that does not replay is CT_ERR_DB_CORRUPT.
 *  - The facts: the caller gives the actor's user id, roles and
 *    organisation type (the API has them from the session); when
 *    actor_roles is 0 and who->user_id is set, the store reads them from
 *    the user and the organisation. The store itself adds what only it
 *    knows: now (store_now() when facts->now is 0) and the subject's
 *    birth date. It also checks that the persons a step names (subject,
 *    protected persons, the person heard) are persons of the case and
 *    that repeat_of is an order of the case, and it sets
 *    children_involved on an open step when the case has a person with
 *    the role child (Wth art. 2 lid 3: the consultation of Veilig Thuis
 *    follows from the family, not from a box ticked or not). These are
 *    CT_ERR_INVALID without a refusal rule.
 *  - A step's details are stored as order_step_details_to_json() of the
 *    step (core/order_json.h), the canonical form that replays exactly.
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
 * (id, version 1) with text in a. *refusal is cleared on entry; after a
 * refusal its rule is set (not NULL), after any other error it is NULL.
 */
enum ct_err store_order_open(struct store *st, const struct store_actor *who,
			     const char *case_id, const struct order_step *open,
			     const struct order_facts *facts, struct arena *a,
			     struct order *out, struct order_refusal *refusal,
			     struct ct_error *err);

/*
 * Append one step to order_id (checked by core, see above). On success
 * *o is the order after the step, with its new version. expected_version
 * 0 skips the version check (the step is still checked against the order
 * as stored, inside the transaction).
 */
enum ct_err store_order_step(struct store *st, const struct store_actor *who,
			     const char *case_id, const char *order_id,
			     int64_t expected_version,
			     const struct order_step *step,
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

/* The steps of an order, by seq; *items in a. Check first that the
 * order is of the case (store_order_get): this reads by order id only. */
enum ct_err store_order_steps(struct store *st, const char *order_id,
			      struct arena *a, struct store_order_step **items,
			      size_t *count, struct ct_error *err);

/* What store_order_tasks_resync() did. */
struct store_resync_count {
	size_t cases;  /* cases looked at and brought to the rules */
	size_t failed; /* cases that could not be: nothing written there */
};

/*
 * Bring the open tasks of every order to the rules this program has: for
 * each case with an open order task (a running order always has one, its
 * end), the order's deadlines are computed again and its tasks synced,
 * one transaction per case. A rule that changed since the tasks were made
 * (a term that now runs out by itself, a moved or reassigned deadline)
 * cancels or moves them, each journaled under who; tasks that already
 * agree are not written. A case that fails is counted in count->failed,
 * the first one's reason in *err, and the others go on; the return is an
 * error only when the cases could not be listed. Run by the scheduler
 * before its first round, so that nothing is announced that the rules no
 * longer ask for.
 */
enum ct_err store_order_tasks_resync(struct store *st,
				     const struct store_actor *who,
				     struct store_resync_count *count,
				     struct ct_error *err);

#endif
