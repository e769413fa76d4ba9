/*
 * order_view.c - the order as the API and the pages show it (contract:
 * order_view.h).
 *
 * Design: taken out of api_orders.c when the web pages came, so that the
 * words, the deadlines and the next steps are computed by one function.
 * The JSON the API built from them is unchanged (test_orders.py); the
 * pages render the same struct as HTML.
 */
#include "http/order_view.h"

#include <stdio.h>
#include <string.h>

#include "http/app.h"
#include "http/worklist_words.h"
#include "util/banned.h"

const char *
order_view_deadline_for_step(enum ct_country c, enum order_step_kind k)
{
	int be = c == CT_COUNTRY_BE;

	switch (k) {
	case ORDER_STEP_STAY_ADDRESS:
		return "stay_address";
	case ORDER_STEP_FIRST_CONTACT:
		return be ? "case_manager_start" : "first_contact";
	case ORDER_STEP_HELP_PLAN:
		return "help_plan";
	case ORDER_STEP_SYSTEM_TALK:
		return "system_talk";
	case ORDER_STEP_ADVICE:
		return be ? "written_advice" : "extension_advice";
	case ORDER_STEP_HEARING:
		return "court_hearing";
	case ORDER_STEP_EXTEND:
	case ORDER_STEP_NOT_EXTEND:
		return be ? "court_hearing" : "extension_decision";
	case ORDER_STEP_EXPIRE:
		return "order_end";
	case ORDER_STEP_APPEAL:
		return "appeal_term";
	case ORDER_STEP_MONITORING_CHECK:
		return "monitoring_check";
	case ORDER_STEP_MONITORING_END:
		return "monitoring_end";
	default:
		return NULL;
	}
}

const char *
order_view_deadline_state_code(enum order_view_deadline_state s)
{
	switch (s) {
	case ORDER_VIEW_DEADLINE_DONE:
		return "done";
	case ORDER_VIEW_DEADLINE_OVERDUE:
		return "overdue";
	case ORDER_VIEW_DEADLINE_LAPSED:
		return "lapsed";
	case ORDER_VIEW_DEADLINE_OPEN:
	default:
		return "open";
	}
}

/* The state of d at now and, unless done, its time left in words. */
static void
deadline_state(const struct order_deadline *d, int64_t now,
	       enum order_view_deadline_state *state,
	       char left[ORDER_VIEW_WORDS_SIZE])
{
	left[0] = '\0';
	if (d->done) {
		*state = ORDER_VIEW_DEADLINE_DONE;
		return;
	}
	if (d->lapses && d->due_at <= now) {
		*state = ORDER_VIEW_DEADLINE_LAPSED;
		snprintf(left, ORDER_VIEW_WORDS_SIZE, "%s", "verstreken");
		return;
	}
	*state = !d->lapses && d->due_at < now ? ORDER_VIEW_DEADLINE_OVERDUE
					       : ORDER_VIEW_DEADLINE_OPEN;
	worklist_words_time_left(now, d->due_at, left);
}

void
order_view_init(struct order_view *v, const struct order *o, int64_t now)
{
	const struct order_rules *r = rules_for(o->jurisdiction);
	uint32_t mask = order_next_steps(r, o);
	const char *code;
	size_t i, k;

	memset(v, 0, sizeof(*v));
	v->rules = r;
	v->running = o->state == ORDER_STATE_IMPOSED ||
		     o->state == ORDER_STATE_EXTENDED;
	v->n_deadlines =
		order_deadlines(r, o, v->deadlines, ORDER_DEADLINES_MAX);
	/* The clock: how long the order still runs, in plain words. */
	if (o->ends_at) {
		ct_instant_format_local(r->zone, o->ends_at, v->ends_at_local);
		if (v->running)
			worklist_words_time_left(now, o->ends_at, v->time_left);
		else
			snprintf(v->time_left, sizeof(v->time_left), "%s",
				 "het huisverbod loopt niet");
	} else {
		snprintf(v->time_left, sizeof(v->time_left), "%s",
			 "nog niet opgelegd");
	}
	for (i = 0; i < v->n_deadlines; i++)
		deadline_state(&v->deadlines[i], now, &v->deadline_state[i],
			       v->deadline_left[i]);
	for (k = 0; k < ORDER_STEP__COUNT; k++) {
		struct order_view_next *nx;

		if (!(mask & ((uint32_t)1 << k)))
			continue;
		nx = &v->next[v->n_next++];
		nx->kind = (enum order_step_kind)k;
		nx->deadline = -1;
		code = order_view_deadline_for_step(o->jurisdiction,
						    (enum order_step_kind)k);
		for (i = 0; code && i < v->n_deadlines; i++) {
			if (v->deadlines[i].done ||
			    strcmp(v->deadlines[i].code, code) != 0)
				continue;
			nx->deadline = (int)i;
			break;
		}
	}
}

void
order_view_facts(const struct http_request *req, int64_t now,
		 struct order_facts *f)
{
	const struct app_session *s = app_session(req);

	memset(f, 0, sizeof(*f));
	f->now = now;
	if (!s)
		return;
	f->actor_user_id = s->user.id;
	f->actor_roles = s->user.roles;
	f->actor_org_type = s->org.type;
}

static enum order_view_access
access_of(enum ct_err rc, const struct order_refusal *ref)
{
	if (rc == CT_OK)
		return ORDER_VIEW_MAY;
	if (rc == CT_ERR_DENIED)
		return ORDER_VIEW_NOT_YOURS;
	if (rc == CT_ERR_CONFLICT || !strcmp(ref->field, "kind") ||
	    !strcmp(ref->field, "at"))
		return ORDER_VIEW_NOT_NOW;
	return ORDER_VIEW_MAY;
}

enum order_view_access
order_view_access(const struct order *o, enum order_step_kind k,
		  const struct order_facts *f, struct order_refusal *why)
{
	const struct order_rules *r = rules_for(o->jurisdiction);
	enum order_view_access best = ORDER_VIEW_NOT_YOURS, a;
	struct order_refusal ref, kept;
	struct order_step step;
	unsigned m, n_mandates = 1;
	enum ct_err rc;

	memset(&kept, 0, sizeof(kept));
	/* Only a decision depends on a detail for its power: the mandate
	 * (NL: the mayor self, or the HOvJ under a mandate). */
	if (k == ORDER_STEP_DECIDE && r->mandate_allowed)
		n_mandates = ORDER_MANDATE__COUNT;
	for (m = 0; m < n_mandates; m++) {
		memset(&step, 0, sizeof(step));
		step.kind = k;
		step.at = f->now;
		if (k == ORDER_STEP_DECIDE)
			step.u.decide.mandate = (enum order_mandate)m;
		rc = order_check_step(r, o, &step, f, &ref);
		a = access_of(rc, &ref);
		/* The best any mandate allows: MAY, then NOT_NOW. */
		if (m == 0 || a == ORDER_VIEW_MAY ||
		    (a == ORDER_VIEW_NOT_NOW && best == ORDER_VIEW_NOT_YOURS)) {
			best = a;
			kept = ref;
		}
	}
	if (why)
		*why = kept;
	return best;
}
