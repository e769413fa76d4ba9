/*
 * order_view.h - what the API and the web pages both show of a
 * restraining order (core/order.h), computed once so that a page and
 * GET /api/v1/cases/{case_id}/orders/{order_id} never disagree:
 *
 *   the clock       the end in the jurisdiction's local time and the
 *                   time left in the work list's words (worklist_words.h:
 *                   "nog 3 dagen en 4 uur", "2 uur te laat"); "nog niet
 *                   opgelegd" before the decision, "het huisverbod loopt
 *                   niet" after the end;
 *   the deadlines   order_deadlines() with the time left of every open
 *                   one and its state: open, done, overdue, or lapsed (a
 *                   term that ran out by itself, like the appeal term,
 *                   is never overdue);
 *   the next steps  order_next_steps() in step order, each with the open
 *                   deadline it meets (the first in due order), if any;
 *   the facts       of the actor, read from the session the router
 *                   authenticated (user, roles, organisation type).
 *
 * order_view_access() asks core the question the pages need before
 * offering a step as a button: would order_check_step() refuse this
 * actor for want of power (CT_ERR_DENIED) whatever the details, or is it
 * not the step's time? It tries the step with empty details and, for a
 * decision, under every mandate the jurisdiction knows; a refusal for
 * missing details still lets the actor open the form, where the refusal
 * will name its rule.
 *
 * Everything here is pure and thread-safe; nothing allocates.
 */
#ifndef CT_HTTP_ORDER_VIEW_H
#define CT_HTTP_ORDER_VIEW_H

#include <stddef.h>
#include <stdint.h>

#include "core/order.h"
#include "http/request.h"
#include "http/worklist_words.h"

#define ORDER_VIEW_WORDS_SIZE WORKLIST_WORDS_SIZE /* worklist_words.h */

struct order_view_next {
	enum order_step_kind kind;
	int deadline; /* index into deadlines[], -1: meets none open */
};

enum order_view_deadline_state {
	ORDER_VIEW_DEADLINE_OPEN,
	ORDER_VIEW_DEADLINE_DONE,
	ORDER_VIEW_DEADLINE_OVERDUE,
	ORDER_VIEW_DEADLINE_LAPSED, /* a term past its end (order.h: lapses) */
};

struct order_view {
	const struct order_rules *rules;
	int running;			       /* imposed or extended */
	char ends_at_local[CT_ISO_SIZE];       /* "" when not set */
	char time_left[ORDER_VIEW_WORDS_SIZE]; /* the clock in words */
	struct order_deadline deadlines[ORDER_DEADLINES_MAX];
	/* time left of each open deadline; "verstreken" for a lapsed one,
	 * "" for a done one */
	char deadline_left[ORDER_DEADLINES_MAX][ORDER_VIEW_WORDS_SIZE];
	enum order_view_deadline_state deadline_state[ORDER_DEADLINES_MAX];
	size_t n_deadlines;
	struct order_view_next next[ORDER_STEP__COUNT];
	size_t n_next;
};

/* The view of o at now (UTC seconds). */
void order_view_init(struct order_view *v, const struct order *o, int64_t now);

/* Stable code of a deadline state ("open", "done", "overdue", "lapsed"). */
const char *order_view_deadline_state_code(enum order_view_deadline_state s);

/* The deadline code (order_deadlines) a step kind meets, or NULL. */
const char *order_view_deadline_for_step(enum ct_country c,
					 enum order_step_kind k);

/* The actor's facts from req's session, with now; zero without one. */
void order_view_facts(const struct http_request *req, int64_t now,
		      struct order_facts *f);

/* May the actor take a next step now (order_view_access)? */
enum order_view_access {
	ORDER_VIEW_MAY,	      /* a button: any refusal concerns details */
	ORDER_VIEW_NOT_YOURS, /* CT_ERR_DENIED: another must act */
	ORDER_VIEW_NOT_NOW,   /* out of order or out of time for now */
};

/*
 * Probe step kind k (one of order_next_steps()) on o for the actor of f
 * with empty details at f->now: CT_ERR_DENIED under every probe is
 * NOT_YOURS; a conflict with the order's course, or a refusal of the
 * step's place or time ("kind", "at": an extension after the one there
 * was, an end before the term ran out) is NOT_NOW; anything else MAY
 * (the form will say what the details need). *why (may be NULL) is the
 * refusal behind NOT_YOURS or NOT_NOW.
 */
enum order_view_access order_view_access(const struct order *o,
					 enum order_step_kind k,
					 const struct order_facts *f,
					 struct order_refusal *why);

#endif
