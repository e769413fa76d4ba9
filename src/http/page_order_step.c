/*
 * page_order_step.c - the forms of the restraining order's steps, and
 * the open form's shared machinery (contract: page_order.h).
 *
 * Design: a posted form becomes exactly the API's body - {kind, at,
 * details, version} - and goes through order_step_body_from_json() and
 * store_order_step() (store_order_open() for the first step), so the
 * page cannot accept what the API refuses or the other way round. What
 * comes back is put beside the fields: type problems of core's reader
 * ("details.until: ...") by the field's name, a refusal of the law with
 * its rule above the form and beside the field it names, a stale version
 * as the conflict message. The form is rendered again from what was
 * posted, so nothing typed is lost; the store wrote nothing.
 */
#include "http/page_order.h"

#include <stdio.h>
#include <string.h>

#include "core/order_json.h"
#include "http/api_common.h"
#include "http/app.h"
#include "http/order_view.h"
#include "store/store_assessment.h"
#include "store/store_order.h"
#include "store/store_team.h"
#include "util/strparse.h"
#include "util/banned.h"

#define MESSAGE_MAX 512

/* ------------------------------------------------------------------ */
/* What the fields offer                                              */

static int
kind_has(const struct page_order_kind *k, enum ct_country c,
	 enum page_field_type t)
{
	size_t i;

	for (i = 0; i < k->n_fields; i++)
		if (k->fields[i].type == t &&
		    page_order_field_shown(&k->fields[i], c))
			return 1;
	return 0;
}

/* The active mayors of the municipalities on the case team. */
static enum ct_err
load_mayors(struct store *st, struct http_request *req, const char *case_id,
	    struct page_order_ctx *c, struct ct_error *err)
{
	struct team_member *team = NULL;
	struct user *mayors = NULL, *users;
	size_t n_team = 0, n_users, n = 0, cap = 0, i, j;
	struct org o;
	enum ct_err rc;

	rc = store_team_list(st, case_id, 0, req->arena, &team, &n_team, err);
	for (i = 0; !rc && i < n_team; i++) {
		rc = store_org_get(st, team[i].org_id, req->arena, &o, err);
		if (rc || o.type != ORG_TYPE_MUNICIPALITY)
			continue;
		users = NULL;
		n_users = 0;
		rc = store_user_list(st, o.id, req->arena, &users, &n_users,
				     err);
		for (j = 0; !rc && j < n_users; j++) {
			if (!users[j].active ||
			    !ct_has(users[j].roles, USER_ROLE_MAYOR))
				continue;
			if (n == cap) {
				struct user *grown;

				cap = cap ? 2 * cap : 4;
				grown = arena_alloc_array(req->arena, cap,
							  sizeof(*grown));
				if (!grown)
					return CT_ERR_LIMIT;
				if (n)
					memcpy(grown, mayors,
					       n * sizeof(*grown));
				mayors = grown;
			}
			mayors[n++] = users[j];
		}
	}
	if (rc)
		return rc;
	c->mayors = mayors;
	c->n_mayors = n;
	return CT_OK;
}

enum ct_err
page_order_ctx_load(void *app, struct http_request *req,
		    const struct page_order_kind *k, const struct order *o,
		    struct page_order_ctx *c, struct ct_error *err)
{
	const struct ct_case *kase = page_order_case(req);
	struct store *st = api_store(app, err);
	struct person *persons = NULL;
	struct assessment *as = NULL;
	struct order *orders = NULL;
	enum ct_err rc;

	memset(c, 0, sizeof(*c));
	if (!st)
		return err->code ? err->code : CT_ERR_INTERNAL;
	c->arena = req->arena;
	c->country = kase->jurisdiction;
	c->now = api_now(app);
	c->order = o;
	rc = store_person_list(st, kase->id, req->arena, &persons,
			       &c->n_persons, err);
	c->persons = persons;
	if (!rc && kind_has(k, c->country, PAGE_FIELD_MAYOR))
		rc = load_mayors(st, req, kase->id, c, err);
	if (!rc && kind_has(k, c->country, PAGE_FIELD_ASSESSMENT)) {
		rc = store_assessment_list(st, kase->id, req->arena, &as,
					   &c->n_assessments, err);
		c->assessments = as;
	}
	if (!rc && kind_has(k, c->country, PAGE_FIELD_ORDER)) {
		rc = store_order_list(st, kase->id, req->arena, &orders,
				      &c->n_orders, err);
		c->orders = orders;
	}
	return rc;
}

/* ------------------------------------------------------------------ */
/* The form page                                                      */

/* The detail of a refusal's message: what comes before the rule. */
static const char *
refusal_detail(const struct order_refusal *ref, struct arena *a)
{
	const char *at = strstr(ref->message, ref->rule->title);
	size_t n = at ? (size_t)(at - ref->message) : strlen(ref->message);
	char *out;

	while (n > 0 &&
	       (ref->message[n - 1] == ' ' || ref->message[n - 1] == '.'))
		n--;
	out = arena_alloc(a, n + 2);
	if (!out)
		return ref->message;
	memcpy(out, ref->message, n);
	out[n] = '.';
	out[n + 1] = '\0';
	return n ? out : ref->message;
}

static void
step_title(const struct page_order_kind *k, enum ct_country c, char *out,
	   size_t size)
{
	snprintf(out, size, "%s",
		 web_str(c, k->kind == ORDER_STEP_OPEN ? WEB_S_ORDER_OPEN_TITLE
						       : k->action));
}

enum ct_err
page_order_form_render(void *app, struct http_request *req,
		       struct http_response *resp, unsigned status,
		       const struct page_order_form *f, struct ct_error *err)
{
	const struct ct_case *kase = page_order_case(req);
	enum ct_country c = kase->jurisdiction;
	struct page_order_ctx ctx;
	struct tmpl_vars *v, *errors = NULL, *r;
	char title[128], url[PAGE_ORDER_URL_MAX];
	const char *label, *anchor;
	size_t i;
	enum ct_err rc;

	rc = page_order_ctx_load(app, req, f->kind, f->order, &ctx, err);
	if (rc)
		return api_store_failed(rc, err);
	step_title(f->kind, c, title, sizeof(title));
	v = page_order_vars(app, req, title);
	tmpl_set(v, "heading", title);
	tmpl_set(v, "intro", web_str(c, f->kind->intro));
	if (f->order) {
		snprintf(url, sizeof(url), PAGE_ORDER_URL_STEP, kase->id,
			 f->order->id, order_step_code(f->kind->kind));
		tmpl_set(v, "action", url);
		snprintf(url, sizeof(url), PAGE_ORDER_URL, kase->id,
			 f->order->id);
		tmpl_set(v, "back_url", url);
		tmpl_set(v, "back_label", web_str(c, WEB_S_ORDER_BACK_ORDER));
		tmpl_set_int(v, "version", f->order->version);
		tmpl_set(v, "state",
			 vocab_label(&order_vocab_state,
				     (unsigned)f->order->state));
		tmpl_set(v, "button", web_str(c, WEB_S_ORDER_STEP_SAVE));
	} else {
		snprintf(url, sizeof(url), "/dossiers/%s/huisverbod", kase->id);
		tmpl_set(v, "action", url);
		snprintf(url, sizeof(url), "/dossiers/%s", kase->id);
		tmpl_set(v, "back_url", url);
		tmpl_set(v, "back_label", web_str(c, WEB_S_ORDER_BACK));
		tmpl_set(v, "button", web_str(c, WEB_S_ORDER_OPEN_BUTTON));
	}
	if (f->refusal && f->refusal->rule) {
		r = tmpl_set_child(v, "refusal");
		tmpl_set(r, "r_message",
			 refusal_detail(f->refusal, req->arena));
		tmpl_set(r, "r_title", f->refusal->rule->title);
		tmpl_set(r, "r_source", f->refusal->rule->source);
		if (f->refusal->code == CT_ERR_DENIED)
			tmpl_set(r, "r_who", web_str(c, f->kind->who));
	}
	tmpl_set_bool(v, "conflict", f->conflict);
	for (i = 0; i < f->problems.count; i++) {
		const struct ct_problem *pr = &f->problems.items[i];
		struct tmpl_vars *item;

		if (!errors)
			errors = tmpl_set_child(v, "errors");
		item = tmpl_list_add(errors, "list");
		label = page_order_field_label(f->kind, c, pr->field);
		anchor = page_order_field_anchor(f->kind, c, pr->field);
		if (anchor)
			tmpl_set(item, "field", anchor);
		if (label)
			tmpl_setf(item, "message", "%s: %s", label,
				  pr->message);
		else
			tmpl_set(item, "message", pr->message);
	}
	page_order_fields_render(f->kind, &ctx, f->form, &f->problems, v);
	return page_render(req, resp, status, "order_form", v, err);
}

/* ------------------------------------------------------------------ */
/* Submitting                                                         */

/* Problems of core's reader ("details.x", "at") under the form's names. */
static void
map_problems(const struct page_order_kind *k, enum ct_country c,
	     const struct ct_problems *in, struct ct_problems *out)
{
	const char *name;
	size_t i;

	for (i = 0; i < in->count; i++) {
		name = page_order_field_of(k, c, in->items[i].field);
		if (name && !strcmp(in->items[i].message, "ontbreekt"))
			ct_problems_add(out, name, "%s",
					web_str(c, WEB_S_ORDER_MISSING));
		else if (name)
			ct_problems_add(out, name, "%s", in->items[i].message);
		else
			ct_problems_add(out, in->items[i].field, "%s",
					in->items[i].message);
	}
}

/* The store's INVALID without a rule: "details.x: message". */
static void
store_problem(const struct page_order_kind *k, enum ct_country c,
	      const char *message, struct ct_problems *out)
{
	const char *colon = strstr(message, ": ");
	char field[CT_PROBLEM_FIELD_MAX];
	const char *name = NULL;
	size_t n;

	if (colon && (n = (size_t)(colon - message)) < sizeof(field)) {
		memcpy(field, message, n);
		field[n] = '\0';
		name = page_order_field_of(k, c, field);
	}
	if (name)
		ct_problems_add(out, name, "%s", colon + 2);
	else
		ct_problems_add(out, "_", "%s", message);
}

static enum ct_err
form_version(const json_t *form, int64_t *out)
{
	const char *v = json_string_value(json_object_get(form, "version"));
	struct strparse sp;

	if (!v)
		return CT_ERR_INVALID;
	strparse_init_str(&sp, v);
	if (strparse_int(&sp, 1, INT64_MAX, out) || !strparse_done(&sp))
		return CT_ERR_INVALID;
	return CT_OK;
}

enum ct_err
page_order_form_submit(void *app, struct http_request *req,
		       struct http_response *resp,
		       const struct page_order_kind *k, const struct order *o,
		       struct ct_error *err)
{
	const struct ct_case *kase = page_order_case(req);
	enum ct_country c = kase->jurisdiction;
	struct store *st = api_store(app, err);
	struct store_actor who = app_actor(req);
	struct page_order_form f;
	struct page_order_ctx ctx;
	struct ct_problems raw;
	struct order_refusal ref;
	struct order_facts facts;
	struct order_step step;
	struct order after, fresh;
	char url[PAGE_ORDER_URL_MAX];
	json_t *details, *body;
	const char *at = NULL;
	int64_t version = 0, parsed_version = 0;
	enum ct_err rc;

	if (!st)
		return err->code ? err->code : CT_ERR_INTERNAL;
	memset(&f, 0, sizeof(f));
	f.kind = k;
	f.order = o;
	f.form = req->body_json;
	ct_problems_init(&f.problems);
	rc = page_order_ctx_load(app, req, k, o, &ctx, err);
	if (rc)
		return api_store_failed(rc, err);
	details = page_order_fields_details(k, &ctx, req->body_json, req->arena,
					    &at, &f.problems);
	if (o && form_version(req->body_json, &version))
		ct_problems_add(&f.problems, "version", "%s",
				"het formulier mist de versie van het "
				"huisverbod; open het opnieuw");
	if (ct_problems_any(&f.problems)) {
		json_decref(details);
		return page_order_form_render(app, req, resp, 400, &f, err);
	}
	/* Exactly the API's body, read by the API's reader. */
	body = json_pack("{s:s,s:o}", "kind", order_step_code(k->kind),
			 "details", details);
	if (!body)
		CT_BUG("jansson out of memory");
	if (at && json_object_set_new(body, "at", json_string(at)))
		CT_BUG("jansson out of memory");
	if (version && json_object_set_new(body, "version",
					   json_integer((json_int_t)version)))
		CT_BUG("jansson out of memory");
	ct_problems_init(&raw);
	order_step_body_from_json(body, req->arena, &step, &parsed_version,
				  &raw);
	json_decref(body);
	if (ct_problems_any(&raw)) {
		map_problems(k, c, &raw, &f.problems);
		return page_order_form_render(app, req, resp, 400, &f, err);
	}
	order_view_facts(req, api_now(app), &facts);
	if (o)
		rc = store_order_step(st, &who, kase->id, o->id, parsed_version,
				      &step, &facts, req->arena, &after, &ref,
				      err);
	else
		rc = store_order_open(st, &who, kase->id, &step, &facts,
				      req->arena, &after, &ref, err);
	if (rc == CT_OK) {
		snprintf(url, sizeof(url), PAGE_ORDER_URL, kase->id, after.id);
		page_redirect(req, resp, url);
		return CT_OK;
	}
	if (ref.rule) {
		const char *name = page_order_field_of(k, c, ref.field);

		f.refusal = &ref;
		if (name)
			ct_problems_add(&f.problems, name, "%s (%s)",
					ref.rule->title, ref.rule->source);
		return page_order_form_render(app, req, resp, 422, &f, err);
	}
	if (rc == CT_ERR_CONFLICT && o) {
		/* Someone stepped first: show the form with the new version,
		 * so that sending it again is a decision taken knowingly. */
		rc = store_order_get(st, kase->id, o->id, req->arena, &fresh,
				     err);
		if (rc)
			return api_store_failed(rc, err);
		f.order = &fresh;
		f.conflict = 1;
		return page_order_form_render(app, req, resp, 409, &f, err);
	}
	if (rc == CT_ERR_INVALID) {
		store_problem(k, c, err->message, &f.problems);
		return page_order_form_render(app, req, resp, 400, &f, err);
	}
	return api_store_failed(rc, err);
}

/* ------------------------------------------------------------------ */
/* The step routes                                                    */

/* The order and the kind of the request, or the answer already made. */
static enum ct_err
step_target(void *app, struct http_request *req, struct http_response *resp,
	    int posting, struct order *o, const struct page_order_kind **k,
	    int *answered, struct ct_error *err)
{
	const struct ct_case *kase = page_order_case(req);
	struct store *st = api_store(app, err);
	const struct order_rules *r;
	struct order_refusal ref;
	struct order_step probe;
	struct order_facts facts;
	int64_t version = 0;
	enum ct_err rc;

	*answered = 0;
	if (!st)
		return err->code ? err->code : CT_ERR_INTERNAL;
	*k = page_order_kind_find(http_request_param(req, "kind"));
	/* Not a step of an existing order: no such page. */
	if (!*k || (*k)->kind == ORDER_STEP_OPEN)
		return api_not_found(err);
	rc = store_order_get(st, kase->id, http_request_param(req, "order_id"),
			     req->arena, o, err);
	if (rc)
		return api_store_failed(rc, err);
	r = rules_for(o->jurisdiction);
	if (order_next_steps(r, o) & ((uint32_t)1 << (*k)->kind))
		return CT_OK;
	/* A form of an older version: the store answers the conflict
	 * (checked before the law), so the input stays on the page. */
	if (posting && !form_version(req->body_json, &version) &&
	    version != o->version)
		return CT_OK;
	/* Not now: the order page says why, in the law's words. */
	order_view_facts(req, api_now(app), &facts);
	memset(&probe, 0, sizeof(probe));
	probe.kind = (*k)->kind;
	probe.at = facts.now;
	if (order_check_step(r, o, &probe, &facts, &ref) == CT_OK || !ref.rule)
		CT_BUG("a step outside order_next_steps passed the check");
	*answered = 1;
	return page_order_render(app, req, resp, 409, ref.message, err);
}

enum ct_err
page_order_step_form(void *app, struct http_request *req,
		     struct http_response *resp, struct ct_error *err)
{
	const struct page_order_kind *k = NULL;
	struct page_order_form f;
	struct order o;
	int answered;
	enum ct_err rc;

	rc = step_target(app, req, resp, 0, &o, &k, &answered, err);
	if (rc || answered)
		return rc;
	memset(&f, 0, sizeof(f));
	f.kind = k;
	f.order = &o;
	ct_problems_init(&f.problems);
	return page_order_form_render(app, req, resp, 200, &f, err);
}

enum ct_err
page_order_step(void *app, struct http_request *req, struct http_response *resp,
		struct ct_error *err)
{
	const struct page_order_kind *k = NULL;
	struct order o;
	int answered;
	enum ct_err rc;

	rc = step_target(app, req, resp, 1, &o, &k, &answered, err);
	if (rc || answered)
		return rc;
	return page_order_form_submit(app, req, resp, k, &o, err);
}
