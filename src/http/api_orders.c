/*
 * api_orders.c - the restraining order over JSON (contract:
 * api_orders.h).
 *
 * Thin, as app.h asks: the router has checked that the user's
 * organisation is on the case team (order.read / order.create /
 * order.step); the handler reads the body strictly (core/order_json.h),
 * gives the store the actor's facts from the session, and renders. Every
 * legal judgement - may this step happen now, by this user, with these
 * details - is core/order.c's, run by the store inside the write
 * transaction; a refusal comes back with its rule and is answered 422.
 */
#include "http/api_orders.h"

#include <stdio.h>
#include <string.h>

#include "core/order_json.h"
#include "http/api_common.h"
#include "http/app.h"
#include "http/order_view.h"
#include "http/response.h"
#include "store/store_order.h"
#include "util/banned.h"

static json_t *
rule_json(const struct rules_rule *r)
{
	json_t *j = api_json_object();

	api_json_set_text(j, "id", r->id);
	api_json_set_text(j, "title", r->title);
	api_json_set_text(j, "source", r->source);
	return j;
}

/* The record plus clock, next steps and deadlines (order_view.h). */
static json_t *
order_view_json(const struct order *o, int64_t now)
{
	struct order_view v;
	json_t *j = order_to_json(o), *clock = api_json_object();
	json_t *next = api_json_array(), *deadlines = api_json_array();
	size_t i;

	order_view_init(&v, o, now);
	if (o->ends_at) {
		api_json_set_instant(clock, "ends_at", o->ends_at, 1);
		api_json_set_text(clock, "ends_at_local", v.ends_at_local);
	}
	api_json_set_text(clock, "time_left", v.time_left);
	api_json_set(j, "clock", clock);

	for (i = 0; i < v.n_deadlines; i++) {
		const struct order_deadline *dl = &v.deadlines[i];
		json_t *d = api_json_object();

		api_json_set_text(d, "code", dl->code);
		api_json_set_text(d, "title", dl->title);
		api_json_set_instant(d, "not_before", dl->not_before, 1);
		api_json_set_instant(d, "due_at", dl->due_at, 1);
		api_json_set_text(
			d, "org_type",
			vocab_code(&vocab_org_type, (unsigned)dl->org_type));
		api_json_set(d, "rule", rule_json(dl->rule));
		api_json_set(d, "done", json_boolean(dl->done));
		api_json_set(d, "lapses", json_boolean(dl->lapses));
		api_json_set_text(
			d, "state",
			order_view_deadline_state_code(v.deadline_state[i]));
		if (!dl->done)
			api_json_set_text(d, "time_left", v.deadline_left[i]);
		api_json_append(deadlines, d);
	}
	for (i = 0; i < v.n_next; i++) {
		const struct order_view_next *nx = &v.next[i];
		json_t *s = api_json_object();

		api_json_set_text(s, "kind", order_step_code(nx->kind));
		api_json_set_text(
			s, "title",
			vocab_label(&order_vocab_step, (unsigned)nx->kind));
		if (nx->deadline >= 0) {
			api_json_set_text(s, "deadline",
					  v.deadlines[nx->deadline].code);
			api_json_set_instant(s, "due_at",
					     v.deadlines[nx->deadline].due_at,
					     1);
		}
		api_json_append(next, s);
	}
	api_json_set(j, "next_steps", next);
	api_json_set(j, "deadlines", deadlines);
	return j;
}

/* 422 {code, message, fields, rule} for a step the law refuses. */
static void
refusal_respond(struct http_request *req, struct http_response *resp,
		const struct order_refusal *ref)
{
	struct ct_problems p;
	json_t *body;

	ct_problems_init(&p);
	if (ref->field[0])
		ct_problems_add(&p, ref->field, "%s", ref->rule->title);
	body = http_error_json(http_error_code_for(ref->code), ref->message,
			       &p);
	api_json_set(body, "rule", rule_json(ref->rule));
	http_response_json(resp, req->arena, 422, body);
}

/* A store failure: a refusal with its rule, or the usual answers. */
static enum ct_err
step_failed(struct http_request *req, struct http_response *resp,
	    enum ct_err rc, const struct order_refusal *ref,
	    struct ct_error *err)
{
	if (ref->rule) {
		refusal_respond(req, resp, ref);
		return CT_OK;
	}
	/* The store's INVALID names the field ("details.x: ..."). */
	if (rc == CT_ERR_INVALID)
		return rc;
	return api_store_failed(rc, err);
}

enum ct_err
api_orders_list(void *app, struct http_request *req, struct http_response *resp,
		struct ct_error *err)
{
	struct store *st = api_store(app, err);
	struct order *orders = NULL;
	struct api_page pg;
	size_t n = 0, i;
	json_t *items;
	enum ct_err rc;

	if (!st)
		return err->code;
	rc = store_order_list(st, http_request_param(req, "case_id"),
			      req->arena, &orders, &n, err);
	if (rc)
		return api_store_failed(rc, err);
	api_page_read(req, &pg);
	items = api_json_array();
	for (i = 0; i < n; i++)
		if (api_page_contains(&pg, i))
			api_json_append(items, order_view_json(&orders[i],
							       api_now(app)));
	api_list_respond(req, resp, items, n, &pg);
	return CT_OK;
}

enum ct_err
api_orders_create(void *app, struct http_request *req,
		  struct http_response *resp, struct ct_error *err)
{
	struct store *st = api_store(app, err);
	struct store_actor who = app_actor(req);
	struct order_refusal ref;
	struct order_facts f;
	struct order_step step;
	struct order o;
	json_t *body = NULL;
	int64_t version = 0;
	enum ct_err rc;

	if (!st)
		return err->code;
	/* The body of a step without "kind": the first step is "open". */
	if (req->body_json && json_is_object(req->body_json)) {
		body = json_copy(req->body_json);
		if (!body)
			CT_BUG("jansson out of memory");
		if (!json_object_get(body, "kind") &&
		    json_object_set_new(body, "kind", json_string("open")))
			CT_BUG("jansson out of memory");
	}
	order_step_body_from_json(body ? body : req->body_json, req->arena,
				  &step, &version, &req->problems);
	json_decref(body);
	if (!ct_problems_any(&req->problems) && step.kind != ORDER_STEP_OPEN)
		ct_problems_add(&req->problems, "kind",
				"een nieuw huisverbod begint met 'open'");
	if (!ct_problems_any(&req->problems) && version)
		ct_problems_add(&req->problems, "version",
				"een nieuw huisverbod heeft nog geen versie");
	rc = api_check_problems(req, err);
	if (rc)
		return rc;
	order_view_facts(req, api_now(app), &f);
	rc = store_order_open(st, &who, http_request_param(req, "case_id"),
			      &step, &f, req->arena, &o, &ref, err);
	if (rc)
		return step_failed(req, resp, rc, &ref, err);
	http_response_json(resp, req->arena, 201, order_view_json(&o, f.now));
	return CT_OK;
}

enum ct_err
api_orders_read(void *app, struct http_request *req, struct http_response *resp,
		struct ct_error *err)
{
	struct store *st = api_store(app, err);
	struct order o;
	enum ct_err rc;

	if (!st)
		return err->code;
	rc = store_order_get(st, http_request_param(req, "case_id"),
			     http_request_param(req, "order_id"), req->arena,
			     &o, err);
	if (rc)
		return api_store_failed(rc, err);
	http_response_json(resp, req->arena, 200,
			   order_view_json(&o, api_now(app)));
	return CT_OK;
}

enum ct_err
api_orders_steps(void *app, struct http_request *req,
		 struct http_response *resp, struct ct_error *err)
{
	struct store *st = api_store(app, err);
	struct store_order_step *steps = NULL;
	struct api_page pg;
	struct order o;
	size_t n = 0, i;
	json_t *items;
	enum ct_err rc;

	if (!st)
		return err->code;
	/* The order must be of the case in the path (else 404). */
	rc = store_order_get(st, http_request_param(req, "case_id"),
			     http_request_param(req, "order_id"), req->arena,
			     &o, err);
	if (rc == CT_OK)
		rc = store_order_steps(st, o.id, req->arena, &steps, &n, err);
	if (rc)
		return api_store_failed(rc, err);
	api_page_read(req, &pg);
	items = api_json_array();
	for (i = 0; i < n; i++) {
		json_t *s, *details;

		if (!api_page_contains(&pg, i))
			continue;
		s = api_json_object();
		api_json_set_text(s, "id", steps[i].id);
		api_json_set(s, "seq", json_integer(steps[i].seq));
		api_json_set_text(s, "kind", order_step_code(steps[i].kind));
		api_json_set_text(s, "title",
				  vocab_label(&order_vocab_step,
					      (unsigned)steps[i].kind));
		api_json_set_instant(s, "at", steps[i].at, 0);
		api_json_set_text(s, "actor_user_id", steps[i].actor_user_id);
		api_json_set_text(s, "actor_org_id", steps[i].actor_org_id);
		/* Stored canonical by the store; replay already parsed it. */
		details = json_loads(steps[i].details_json, 0, NULL);
		api_json_set(s, "details", details ? details : json_object());
		api_json_set_instant(s, "created_at", steps[i].created_at, 0);
		api_json_append(items, s);
	}
	api_list_respond(req, resp, items, n, &pg);
	return CT_OK;
}

enum ct_err
api_orders_add_step(void *app, struct http_request *req,
		    struct http_response *resp, struct ct_error *err)
{
	struct store *st = api_store(app, err);
	struct store_actor who = app_actor(req);
	struct order_refusal ref;
	struct order_facts f;
	struct order_step step;
	struct order o;
	int64_t version = 0;
	enum ct_err rc;

	if (!st)
		return err->code;
	order_step_body_from_json(req->body_json, req->arena, &step, &version,
				  &req->problems);
	if (!ct_problems_any(&req->problems) && step.kind == ORDER_STEP_OPEN)
		ct_problems_add(&req->problems, "kind",
				"een huisverbod opent u met POST .../orders");
	rc = api_check_problems(req, err);
	if (rc)
		return rc;
	order_view_facts(req, api_now(app), &f);
	rc = store_order_step(st, &who, http_request_param(req, "case_id"),
			      http_request_param(req, "order_id"), version,
			      &step, &f, req->arena, &o, &ref, err);
	if (rc)
		return step_failed(req, resp, rc, &ref, err);
	http_response_json(resp, req->arena, 201, order_view_json(&o, f.now));
	return CT_OK;
}
