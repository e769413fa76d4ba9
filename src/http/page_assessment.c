/*
 * page_assessment.c - a risk assessment in the browser: choose an
 * instrument, fill it in, read the outcome, override it with a reason
 * (contract: page_order.h).
 *
 * Design: the instrument is data (core/instrument.h), so its form is
 * built from it: a section per part, a fieldset per signal, a radio group
 * per item on the item's scale and, for a rated signal, one for its
 * rating. A form declares its fields before it is read, so the fields
 * are positional - "i000".."i399" for the items, "s00".."s99" for the
 * signals, by their place in the instrument - and the page turns them
 * back into the API's answers {"items": {id: code}, "signals": {...}}.
 * Every group has an unanswered choice: an answer left open weighs as
 * "not known yet", as in the API. Storing goes through
 * api_assessments_fill(), the API's own path; the outcome is computed
 * there, never taken from the form.
 */
#include "http/page_order.h"

#include <stdio.h>
#include <string.h>

#include "http/api_assessments.h"
#include "http/api_common.h"
#include "http/app.h"
#include "http/form.h"
#include "http/worklist_words.h"
#include "store/store_assessment.h"
#include "util/banned.h"

#define FIELD_BYTES 24 /* "i" and a size_t in decimal */
#define PATH_BYTES (2 * INSTRUMENT_ID_MAX + 32)
#define OFFERED_MAX INSTRUMENT_SET_MAX

/* ------------------------------------------------------------------ */
/* Declared fields                                                    */

#define CODE_SPEC(n) HTTP_PARAM_STRING_SPEC(n, 0, INSTRUMENT_ID_MAX)
#define ITEM_SPEC(n) CODE_SPEC("i" #n)
#define SIGNAL_SPEC(n) CODE_SPEC("s" #n)
#define D10(m, p)                                                              \
	m(p##0), m(p##1), m(p##2), m(p##3), m(p##4), m(p##5), m(p##6),         \
		m(p##7), m(p##8), m(p##9)
#define D100(m, p)                                                             \
	D10(m, p##0), D10(m, p##1), D10(m, p##2), D10(m, p##3), D10(m, p##4),  \
		D10(m, p##5), D10(m, p##6), D10(m, p##7), D10(m, p##8),        \
		D10(m, p##9)

_Static_assert(INSTRUMENT_ITEMS_MAX == 400, "four D100 of items below");
_Static_assert(INSTRUMENT_SIGNALS_MAX == 100, "ten D10 of signals below");

const struct http_param_spec page_assessment_query[1] = {
	CODE_SPEC("instrument"),
};

const struct http_param_spec page_assessment_form[] = {
	CODE_SPEC("instrument_id"), CODE_SPEC("instrument_version"),
	D100(ITEM_SPEC, 0),	    D100(ITEM_SPEC, 1),
	D100(ITEM_SPEC, 2),	    D100(ITEM_SPEC, 3),
	D10(SIGNAL_SPEC, 0),	    D10(SIGNAL_SPEC, 1),
	D10(SIGNAL_SPEC, 2),	    D10(SIGNAL_SPEC, 3),
	D10(SIGNAL_SPEC, 4),	    D10(SIGNAL_SPEC, 5),
	D10(SIGNAL_SPEC, 6),	    D10(SIGNAL_SPEC, 7),
	D10(SIGNAL_SPEC, 8),	    D10(SIGNAL_SPEC, 9),
};

const struct http_param_spec page_assessment_override_form[2] = {
	CODE_SPEC("outcome"),
	{.name = "reason", .type = HTTP_PARAM_JSON}, /* a textarea */
};

static void
item_field(size_t i, char out[FIELD_BYTES])
{
	snprintf(out, FIELD_BYTES, "i%03zu", i);
}

static void
signal_field(size_t i, char out[FIELD_BYTES])
{
	snprintf(out, FIELD_BYTES, "s%02zu", i);
}

static const char *
form_text(const json_t *form, const char *name)
{
	return form ? json_string_value(json_object_get(form, name)) : NULL;
}

/* ------------------------------------------------------------------ */
/* Which instruments                                                  */

/* The instruments of the case's country this user may fill in. */
static size_t
offered(const struct http_request *req, const struct instrument **out)
{
	const struct instrument_set *set = api_assessments_instruments();
	const struct app_session *s = app_session(req);
	const char *country = vocab_code(
		&vocab_country, (unsigned)page_order_case(req)->jurisdiction);
	size_t i, n = 0;

	for (i = 0; set && i < set->n && n < OFFERED_MAX; i++) {
		const struct instrument *ins = set->items[i];

		if (ins->jurisdiction && strcmp(ins->jurisdiction, country))
			continue;
		if (!instrument_may_assess(ins, s->subject.roles))
			continue;
		out[n++] = ins;
	}
	return n;
}

/* ------------------------------------------------------------------ */
/* The form                                                           */

/* The problem of form field name, to show beside its group. */
static const char *
problem_of(const struct ct_problems *p, const char *name)
{
	size_t i;

	for (i = 0; p && i < p->count; i++)
		if (!strcmp(p->items[i].field, name))
			return p->items[i].message;
	return NULL;
}

static void
radios(struct tmpl_vars *group, const char *name,
       const struct instrument_scale *scale, const json_t *form,
       const char *unanswered)
{
	const char *posted = form_text(form, name);
	char id[FIELD_BYTES + INSTRUMENT_ID_MAX + 2];
	struct tmpl_vars *o;
	size_t i;

	tmpl_set(group, "q_name", name);
	o = tmpl_list_add(group, "q_values");
	snprintf(id, sizeof(id), "%s-leeg", name);
	tmpl_set(o, "v_id", id);
	tmpl_set(o, "v_value", "");
	tmpl_set(o, "v_label", unanswered);
	tmpl_set_bool(o, "v_on", !posted);
	for (i = 0; i < scale->n_values; i++) {
		o = tmpl_list_add(group, "q_values");
		snprintf(id, sizeof(id), "%s-%s", name, scale->values[i].code);
		tmpl_set(o, "v_id", id);
		tmpl_set(o, "v_value", scale->values[i].code);
		tmpl_set(o, "v_label", scale->values[i].label);
		tmpl_set_bool(o, "v_on",
			      posted && !strcmp(posted, scale->values[i].code));
	}
}

static void
render_form(struct tmpl_vars *v, const struct instrument *ins,
	    enum ct_country c, const json_t *form, const struct ct_problems *p)
{
	char name[FIELD_BYTES];
	struct tmpl_vars *in = tmpl_set_child(v, "instrument"), *part, *sig;
	struct tmpl_vars *q;
	size_t i, j, k, fields = 3; /* csrf, id, version */
	const char *unanswered = web_str(c, WEB_S_ASSESS_UNANSWERED);

	tmpl_set(in, "ins_id", ins->id);
	tmpl_set(in, "ins_version", ins->version);
	tmpl_set(in, "ins_title", ins->title);
	tmpl_set(in, "ins_description", ins->description);
	for (i = 0; i < ins->n_signals; i++)
		fields += ins->signals[i].n_items +
			  (ins->signals[i].rating_scale != NULL);
	/* Every radio group sends its field, answered or not. */
	if (fields > HTTP_FORM_FIELDS_MAX) {
		tmpl_set_bool(in, "too_big", 1);
		return;
	}
	for (i = 0; i < ins->n_parts; i++) {
		const struct instrument_part *pt = &ins->parts[i];

		part = tmpl_list_add(in, "parts");
		tmpl_set(part, "p_title", pt->title);
		for (j = 0; j < pt->n_signals; j++) {
			size_t si = pt->first_signal + j;
			const struct instrument_signal *s = &ins->signals[si];

			sig = tmpl_list_add(part, "signals");
			tmpl_set(sig, "g_text", s->text);
			for (k = 0; k < s->n_items; k++) {
				size_t ii = s->first_item + k;

				item_field(ii, name);
				q = tmpl_list_add(sig, "questions");
				tmpl_set(q, "q_text", ins->items[ii].text);
				radios(q, name, ins->items[ii].scale, form,
				       unanswered);
				tmpl_set(q, "q_error", problem_of(p, name));
			}
			if (s->rating_scale) {
				signal_field(si, name);
				q = tmpl_list_add(sig, "questions");
				tmpl_setf(q, "q_text", "%s: %s",
					  web_str(c, WEB_S_ASSESS_RATING),
					  s->text);
				tmpl_set_bool(q, "q_rating", 1);
				tmpl_set(q, "q_error", problem_of(p, name));
				radios(q, name, s->rating_scale, form,
				       unanswered);
			}
		}
	}
}

static void
mark_errors(struct tmpl_vars *v, const struct ct_problems *p)
{
	struct tmpl_vars *errors, *item;
	size_t i;

	if (!p || !ct_problems_any(p))
		return;
	errors = tmpl_set_child(v, "errors");
	for (i = 0; i < p->count; i++) {
		item = tmpl_list_add(errors, "list");
		/* Positional fields: link to the group's first choice. */
		if (p->items[i].field[0] == 'i' || p->items[i].field[0] == 's')
			tmpl_setf(item, "field", "%s-leeg", p->items[i].field);
		else if (strcmp(p->items[i].field, "_"))
			tmpl_set(item, "field", p->items[i].field);
		tmpl_set(item, "message", p->items[i].message);
	}
}

static enum ct_err
render_new(void *app, struct http_request *req, struct http_response *resp,
	   unsigned status, const char *chosen, const json_t *form,
	   const struct ct_problems *p, struct ct_error *err)
{
	const struct ct_case *kase = page_order_case(req);
	enum ct_country c = kase->jurisdiction;
	const struct instrument *list[OFFERED_MAX], *ins = NULL;
	struct tmpl_vars *v, *o;
	char url[PAGE_ORDER_URL_MAX];
	size_t n = offered(req, list), i;

	v = page_order_vars(app, req, web_str(c, WEB_S_ASSESS_NEW_TITLE));
	snprintf(url, sizeof(url), PAGE_ASSESSMENT_URL_NEW, kase->id);
	tmpl_set(v, "choose_url", url);
	snprintf(url, sizeof(url), "/dossiers/%s/risicotaxatie", kase->id);
	tmpl_set(v, "action", url);
	snprintf(url, sizeof(url), "/dossiers/%s", kase->id);
	tmpl_set(v, "back_url", url);
	/* One instrument to choose from: it is chosen. */
	if (!chosen && n == 1)
		chosen = list[0]->id;
	tmpl_list_init(v, "choices");
	for (i = 0; i < n; i++) {
		int on = chosen && !strcmp(chosen, list[i]->id);

		o = tmpl_list_add(v, "choices");
		tmpl_set(o, "c_id", list[i]->id);
		tmpl_set(o, "c_title", list[i]->title);
		tmpl_set_bool(o, "c_on", on);
		if (on)
			ins = list[i];
	}
	tmpl_set_bool(v, "has_choices", n > 0);
	if (chosen && !ins) {
		tmpl_set(v, "choose_error",
			 web_str(c, WEB_S_ORDER_MISSING_CHOICE));
		status = 400;
	}
	if (ins)
		render_form(v, ins, c, form, p);
	mark_errors(v, p);
	return page_render(req, resp, status, "assessment_new", v, err);
}

enum ct_err
page_assessment_new(void *app, struct http_request *req,
		    struct http_response *resp, struct ct_error *err)
{
	return render_new(app, req, resp, 200,
			  http_request_param(req, "instrument"), NULL, NULL,
			  err);
}

/* The form's positional answers as the API's answers object. */
static json_t *
answers_of(const struct instrument *ins, const json_t *form,
	   struct ct_problems *p)
{
	json_t *items = json_object(), *signals = json_object();
	char name[FIELD_BYTES];
	const char *key, *v;
	json_t *value;
	size_t i;

	if (!items || !signals)
		CT_BUG("jansson out of memory");
	for (i = 0; i < ins->n_items; i++) {
		item_field(i, name);
		v = form_text(form, name);
		if (v && json_object_set_new(items, ins->items[i].id,
					     json_string(v)))
			CT_BUG("jansson out of memory");
	}
	for (i = 0; i < ins->n_signals; i++) {
		signal_field(i, name);
		v = form_text(form, name);
		if (v && json_object_set_new(signals, ins->signals[i].id,
					     json_string(v)))
			CT_BUG("jansson out of memory");
	}
	/* A field beyond the instrument is no question of it (the router
	 * let through only declared names: "i" or "s" and digits). */
	json_object_foreach((json_t *)form, key, value)
	{
		size_t idx = 0, pos;

		(void)value;
		if ((key[0] != 'i' && key[0] != 's') ||
		    !strncmp(key, "instrument_", 11))
			continue;
		for (pos = 1; key[pos] >= '0' && key[pos] <= '9'; pos++)
			idx = idx * 10 + (size_t)(key[pos] - '0');
		if (idx >= (key[0] == 'i' ? ins->n_items : ins->n_signals))
			ct_problems_add(p, key, "%s",
					"is geen vraag van dit instrument");
	}
	value = json_pack("{s:o,s:o}", "items", items, "signals", signals);
	if (!value)
		CT_BUG("jansson out of memory");
	return value;
}

/* "answers.items.A1.2" -> "i001"; "answers.signals.A1" -> "s00". */
static void
map_answer_problems(const struct instrument *ins, const struct ct_problems *in,
		    struct ct_problems *out)
{
	static const char items[] = "answers.items.";
	static const char signals[] = "answers.signals.";
	char name[FIELD_BYTES];
	const char *f;
	int idx;
	size_t i;

	for (i = 0; i < in->count; i++) {
		f = in->items[i].field;
		idx = -1;
		if (!strncmp(f, items, sizeof(items) - 1)) {
			idx = instrument_item_index(ins, f + sizeof(items) - 1);
			if (idx >= 0)
				item_field((size_t)idx, name);
		} else if (!strncmp(f, signals, sizeof(signals) - 1)) {
			idx = instrument_signal_index(ins,
						      f + sizeof(signals) - 1);
			if (idx >= 0)
				signal_field((size_t)idx, name);
		}
		ct_problems_add(out, idx >= 0 ? name : "_", "%s",
				in->items[i].message);
	}
}

enum ct_err
page_assessment_add(void *app, struct http_request *req,
		    struct http_response *resp, struct ct_error *err)
{
	const struct ct_case *kase = page_order_case(req);
	const struct app_session *s = app_session(req);
	struct store *st = api_store(app, err);
	struct store_actor who = app_actor(req);
	const char *id = form_text(req->body_json, "instrument_id");
	const char *version = form_text(req->body_json, "instrument_version");
	const struct instrument *list[OFFERED_MAX], *ins = NULL;
	struct ct_problems p, raw;
	char url[PAGE_ORDER_URL_MAX];
	struct assessment a;
	json_t *answers;
	size_t n = offered(req, list), i;
	enum ct_err rc;

	if (!st)
		return err->code ? err->code : CT_ERR_INTERNAL;
	for (i = 0; id && i < n; i++)
		if (!strcmp(list[i]->id, id) &&
		    (!version || !strcmp(list[i]->version, version)))
			ins = list[i];
	ct_problems_init(&p);
	if (!ins) {
		ct_problems_add(&p, "instrument", "%s",
				web_str(kase->jurisdiction,
					WEB_S_ORDER_MISSING_CHOICE));
		return render_new(app, req, resp, 400, NULL, NULL, &p, err);
	}
	answers = answers_of(ins, req->body_json, &p);
	if (ct_problems_any(&p)) {
		json_decref(answers);
		return render_new(app, req, resp, 400, ins->id, req->body_json,
				  &p, err);
	}
	ct_problems_init(&raw);
	rc = api_assessments_fill(st, &who, s->subject.roles, kase->id, ins->id,
				  ins->version, answers, req->arena, &a, &raw,
				  err);
	json_decref(answers);
	if (rc == CT_ERR_INVALID) {
		map_answer_problems(ins, &raw, &p);
		return render_new(app, req, resp, 400, ins->id, req->body_json,
				  &p, err);
	}
	if (rc)
		return api_store_failed(rc, err);
	snprintf(url, sizeof(url), PAGE_ASSESSMENT_URL, kase->id, a.id);
	page_redirect(req, resp, url);
	return CT_OK;
}

/* ------------------------------------------------------------------ */
/* The outcome                                                        */

static const char *
outcome_label(const struct instrument *ins, const char *code)
{
	const struct instrument_outcome *oc =
		ins && code ? instrument_outcome_find(ins, code) : NULL;

	return oc ? oc->label : code;
}

static const char *
value_label(const struct instrument_scale *scale, const char *code)
{
	int i = scale && code ? instrument_scale_value(scale, code) : -1;

	return i < 0 ? code : scale->values[i].label;
}

static void
render_answers(struct tmpl_vars *v, const struct instrument *ins,
	       const char *answers_json, enum ct_country c)
{
	json_t *j = json_loads(answers_json ? answers_json : "{}", 0, NULL);
	json_t *items = json_object_get(j, "items");
	json_t *signals = json_object_get(j, "signals");
	const char *none = web_str(c, WEB_S_ASSESS_NOT_ANSWERED), *code;
	struct tmpl_vars *part, *row;
	size_t i, k, si;

	tmpl_list_init(v, "answer_parts");
	for (i = 0; ins && i < ins->n_parts; i++) {
		part = tmpl_list_add(v, "answer_parts");
		tmpl_set(part, "p_title", ins->parts[i].title);
		for (si = ins->parts[i].first_signal;
		     si < ins->parts[i].first_signal + ins->parts[i].n_signals;
		     si++) {
			const struct instrument_signal *s = &ins->signals[si];

			for (k = s->first_item; k < s->first_item + s->n_items;
			     k++) {
				code = json_string_value(json_object_get(
					items, ins->items[k].id));
				row = tmpl_list_add(part, "rows");
				tmpl_set(row, "a_question", ins->items[k].text);
				tmpl_set(row, "a_answer",
					 code ? value_label(ins->items[k].scale,
							    code)
					      : none);
			}
			if (!s->rating_scale)
				continue;
			code = json_string_value(
				json_object_get(signals, s->id));
			row = tmpl_list_add(part, "rows");
			tmpl_setf(row, "a_question", "%s: %s",
				  web_str(c, WEB_S_ASSESS_RATING), s->text);
			tmpl_set(row, "a_answer",
				 code ? value_label(s->rating_scale, code)
				      : none);
		}
	}
	json_decref(j);
}

static enum ct_err
render_show(void *app, struct http_request *req, struct http_response *resp,
	    unsigned status, const json_t *form, const struct ct_problems *p,
	    struct ct_error *err)
{
	const struct ct_case *kase = page_order_case(req);
	const struct app_session *s = app_session(req);
	enum ct_country c = kase->jurisdiction;
	struct store *st = api_store(app, err);
	const struct instrument *ins;
	char url[PAGE_ORDER_URL_MAX], when[WORKLIST_WORDS_SIZE];
	struct tmpl_vars *v, *o, *ov;
	struct assessment a;
	json_t *result;
	const char *posted = form_text(form, "outcome");
	size_t i;
	enum ct_err rc;

	if (!st)
		return err->code ? err->code : CT_ERR_INTERNAL;
	rc = store_assessment_get(st, kase->id,
				  http_request_param(req, "assessment_id"),
				  req->arena, &a, err);
	if (rc)
		return api_store_failed(rc, err);
	ins = instrument_set_find(api_assessments_instruments(),
				  a.instrument_id, a.instrument_version);
	v = page_order_vars(app, req, web_str(c, WEB_S_ASSESS_TITLE));
	snprintf(url, sizeof(url), "/dossiers/%s", kase->id);
	tmpl_set(v, "back_url", url);
	tmpl_set(v, "ins_title", ins ? ins->title : a.instrument_id);
	tmpl_setf(v, "ins_id", "%s %s", a.instrument_id, a.instrument_version);
	result = json_loads(a.result_json ? a.result_json : "{}", 0, NULL);
	tmpl_set_bool(v, "determined",
		      json_is_true(json_object_get(result, "determined")));
	tmpl_set(v, "outcome_label",
		 json_string_value(json_object_get(result, "label")));
	tmpl_set(v, "outcome_rule",
		 json_string_value(json_object_get(result, "rule")));
	tmpl_set(v, "outcome_advice",
		 json_string_value(json_object_get(result, "advice")));
	tmpl_set(v, "outcome_because",
		 json_string_value(json_object_get(result, "because")));
	json_decref(result);
	if (a.override_at) {
		o = tmpl_set_child(v, "override");
		tmpl_set(o, "ov_outcome",
			 outcome_label(ins, a.override_outcome));
		tmpl_set(o, "ov_reason", a.override_reason);
		tmpl_set(o, "ov_by", a.override_by);
		worklist_words_deadline(ct_country_zone(c), a.override_at,
					when);
		tmpl_set(o, "ov_at", when);
	}
	tmpl_set(v, "by", a.assessor_label);
	tmpl_set(v, "by_role",
		 vocab_label(&vocab_user_role,
			     (unsigned)vocab_index(&vocab_user_role,
						   a.assessor_role)));
	worklist_words_deadline(ct_country_zone(c), a.assessed_at, when);
	tmpl_set(v, "at", when);
	render_answers(v, ins, a.answers_json, c);
	if (ins && !a.override_at &&
	    policy_assessment_may_override(&s->subject, a.assessor_user_id)) {
		ov = tmpl_set_child(v, "may_override");
		snprintf(url, sizeof(url), PAGE_ASSESSMENT_URL "/bijstellen",
			 kase->id, a.id);
		tmpl_set(ov, "ov_action", url);
		tmpl_set(ov, "ov_reason_value", form_text(form, "reason"));
		if (problem_of(p, "outcome"))
			tmpl_set(ov, "ov_outcome_error",
				 problem_of(p, "outcome"));
		if (problem_of(p, "reason"))
			tmpl_set(ov, "ov_reason_error",
				 problem_of(p, "reason"));
		for (i = 0; i < ins->n_outcomes; i++) {
			o = tmpl_list_add(ov, "ov_outcomes");
			tmpl_set(o, "o_value", ins->outcomes[i].code);
			tmpl_set(o, "o_label", ins->outcomes[i].label);
			tmpl_set_bool(o, "o_on",
				      posted && !strcmp(posted,
							ins->outcomes[i].code));
		}
	}
	mark_errors(v, p);
	return page_render(req, resp, status, "assessment", v, err);
}

enum ct_err
page_assessment_show(void *app, struct http_request *req,
		     struct http_response *resp, struct ct_error *err)
{
	return render_show(app, req, resp, 200, NULL, NULL, err);
}

enum ct_err
page_assessment_override(void *app, struct http_request *req,
			 struct http_response *resp, struct ct_error *err)
{
	const struct ct_case *kase = page_order_case(req);
	const struct app_session *s = app_session(req);
	struct store *st = api_store(app, err);
	struct store_actor who = app_actor(req);
	char url[PAGE_ORDER_URL_MAX];
	const char *reason = NULL;
	struct ct_problems p;
	struct assessment a;
	enum ct_err rc;

	if (!st)
		return err->code ? err->code : CT_ERR_INTERNAL;
	ct_problems_init(&p);
	reason = form_text(req->body_json, "reason");
	/* Required, as the API's route declares it. */
	if (!form_text(req->body_json, "outcome")) {
		ct_problems_add(&p, "outcome", "%s",
				web_str(kase->jurisdiction,
					WEB_S_ORDER_MISSING_CHOICE));
		return render_show(app, req, resp, 400, req->body_json, &p,
				   err);
	}
	rc = api_assessments_override_checked(
		st, &who, &s->subject, kase->id,
		http_request_param(req, "assessment_id"),
		form_text(req->body_json, "outcome"), reason, req->arena, &a,
		&p, err);
	if (rc == CT_ERR_INVALID)
		return render_show(app, req, resp, 400, req->body_json, &p,
				   err);
	if (rc)
		return api_store_failed(rc, err);
	snprintf(url, sizeof(url), PAGE_ASSESSMENT_URL, kase->id, a.id);
	page_redirect(req, resp, url);
	return CT_OK;
}
