/*
 * page_order.c - the order page and the open form (contract:
 * page_order.h).
 *
 * Design: the page renders what the API answers - order_view.h computes
 * the clock, the deadlines and the next steps for both - plus what only
 * a person reading it needs: names instead of ids, instants in the
 * jurisdiction's words ("vrijdag 4 december 2026 om 14:30"), who must act
 * when this user may not take a step (order_view_access asks core),
 * the steps so far as a timeline, and the documents the API's download
 * would make now (api_documents_offers). The next steps come most urgent
 * first: by the due time of the deadline each meets, then in the law's
 * order. Every value is escaped by the template; the URLs are built here
 * from ids the router validated.
 */
#include "http/page_order.h"

#include <stdio.h>
#include <string.h>

#include "http/api_common.h"
#include "http/api_documents.h"
#include "http/app.h"
#include "http/order_view.h"
#include "http/worklist_words.h"
#include "store/store_assessment.h"
#include "store/store_order.h"
#include "util/sbuf.h"
#include "util/banned.h"

#define PEOPLE_MAX 32 /* distinct actors named on one page */
#define JOIN_MAX 2048

/* ------------------------------------------------------------------ */
/* Shared helpers                                                     */

const struct ct_case *
page_order_case(const struct http_request *req)
{
	const struct app_session *s = app_session(req);

	if (!s || !s->has_case)
		CT_BUG("a case page without the case the policy loaded");
	return &s->the_case;
}

struct tmpl_vars *
page_order_vars(void *app, struct http_request *req, const char *title)
{
	const struct ct_case *kase = page_order_case(req);
	struct tmpl_vars *v = page_vars_new(app, req, title);

	/* The case's words: a Dutch user reading a Belgian case reads the
	 * procureur des Konings (a later set wins in tmpl_vars). */
	web_strings_set(v, kase->jurisdiction);
	tmpl_set(v, "title", title);
	tmpl_set(v, "case_id", kase->id);
	tmpl_set(v, "reference", kase->reference);
	tmpl_set_bool(v, "nav_cases", 1);
	return v;
}

/* ------------------------------------------------------------------ */
/* Names of the people the page mentions                              */

struct people {
	struct store *st;
	struct arena *a;
	struct user users[PEOPLE_MAX];
	size_t n_users;
	struct org orgs[PEOPLE_MAX];
	size_t n_orgs;
};

static const struct user *
user_of(struct people *pp, const char *id)
{
	struct ct_error err;
	size_t i;

	if (!id || !id[0])
		return NULL;
	for (i = 0; i < pp->n_users; i++)
		if (!strcmp(pp->users[i].id, id))
			return &pp->users[i];
	if (pp->n_users == PEOPLE_MAX ||
	    store_user_get(pp->st, id, pp->a, &pp->users[pp->n_users], &err))
		return NULL; /* the page then says less, not nothing */
	return &pp->users[pp->n_users++];
}

static const struct org *
org_of(struct people *pp, const char *id)
{
	struct ct_error err;
	size_t i;

	if (!id || !id[0])
		return NULL;
	for (i = 0; i < pp->n_orgs; i++)
		if (!strcmp(pp->orgs[i].id, id))
			return &pp->orgs[i];
	if (pp->n_orgs == PEOPLE_MAX ||
	    store_org_get(pp->st, id, pp->a, &pp->orgs[pp->n_orgs], &err))
		return NULL;
	return &pp->orgs[pp->n_orgs++];
}

static const char *
user_name(const struct user *u)
{
	if (!u)
		return NULL;
	return u->display_name ? u->display_name : u->username;
}

static const char *
person_name(const struct person *persons, size_t n, const char *id,
	    struct arena *a)
{
	size_t i;

	for (i = 0; id && i < n; i++)
		if (!strcmp(persons[i].id, id))
			return page_order_person_name(&persons[i], a);
	return NULL;
}

/* ------------------------------------------------------------------ */
/* Pieces of the page                                                 */

struct page {
	struct http_request *req;
	const struct ct_case *kase;
	enum ct_country c;
	enum ct_zone zone;
	int64_t now;
	const struct order *o;
	struct person *persons;
	size_t n_persons;
	struct assessment *assessments;
	size_t n_assessments;
	struct people people;
	struct tmpl_vars *v;
};

static const char *
words(struct page *pg, int64_t t)
{
	char w[WORKLIST_WORDS_SIZE];
	char *out;

	worklist_words_deadline(pg->zone, t, w);
	out = arena_strdup(pg->req->arena, w);
	if (!out)
		CT_BUG("arena full writing a page");
	return out;
}

static const char *
str(struct page *pg, enum web_string_id id)
{
	return web_str(pg->c, id);
}

static struct tmpl_vars *
fact(struct page *pg, enum web_string_id label, const char *value)
{
	struct tmpl_vars *k;

	if (!value)
		return NULL;
	k = tmpl_list_add(pg->v, "facts");
	tmpl_set(k, "k_label", str(pg, label));
	tmpl_set(k, "k_value", value);
	return k;
}

static void
fact_at(struct page *pg, enum web_string_id label, int64_t t)
{
	if (t)
		fact(pg, label, words(pg, t));
}

/* "a, b en c" of a mask's labels (NL / BE care organisation named). */
static const char *
party_words(struct page *pg, uint32_t mask)
{
	struct sbuf sb;
	const char *out;
	unsigned i, n = 0, total = 0;

	for (i = 0; i < ORDER_PARTY__COUNT; i++)
		total += (mask >> i) & 1u;
	sbuf_init(&sb, JOIN_MAX);
	for (i = 0; i < ORDER_PARTY__COUNT; i++) {
		if (!(mask & ((uint32_t)1 << i)))
			continue;
		if (n)
			sbuf_addstr(&sb, n + 1 == total ? " en " : ", ");
		sbuf_addstr(&sb, i == ORDER_PARTY_VEILIG_THUIS
					 ? str(pg, WEB_S_CARE_ORG)
					 : vocab_label(&order_vocab_party, i));
		n++;
	}
	out = arena_strdup(pg->req->arena, sb.buf);
	sbuf_release(&sb);
	return out;
}

static const char *
join2(struct page *pg, const char *a, const char *sep, const char *b)
{
	char *out;
	size_t n;

	if (!a)
		return b;
	if (!b)
		return a;
	n = strlen(a) + strlen(sep) + strlen(b) + 1;
	out = arena_alloc(pg->req->arena, n);
	if (!out)
		CT_BUG("arena full writing a page");
	snprintf(out, n, "%s%s%s", a, sep, b);
	return out;
}

static void
render_facts(struct page *pg)
{
	const struct order *o = pg->o;
	struct arena *a = pg->req->arena;
	const char *names = NULL, *name, *decider;
	const struct user *u;
	struct tmpl_vars *k;
	char url[PAGE_ORDER_URL_MAX];
	size_t i;

	tmpl_list_init(pg->v, "facts");
	fact(pg, WEB_S_ORDER_K_ROUTE,
	     vocab_label(&order_vocab_route, (unsigned)o->route));
	fact(pg, WEB_S_ORDER_K_SUBJECT,
	     person_name(pg->persons, pg->n_persons, o->subject_person_id, a));
	for (i = 0; i < o->n_protected; i++) {
		name = person_name(pg->persons, pg->n_persons,
				   o->protected_person_ids[i], a);
		if (name)
			names = join2(pg, names, ", ", name);
	}
	fact(pg, WEB_S_ORDER_K_PROTECTED, names);
	fact(pg, WEB_S_ORDER_K_PLACE, o->place);
	if (o->children_involved)
		fact(pg, WEB_S_ORDER_K_CHILDREN, str(pg, WEB_S_ORDER_YES));
	fact_at(pg, WEB_S_ORDER_K_VT, o->vt_consulted_at);
	if (o->risk_assessment_id[0]) {
		k = fact(pg, WEB_S_ORDER_K_ASSESSMENT,
			 str(pg, WEB_S_ORDER_V_SEE));
		snprintf(url, sizeof(url), PAGE_ASSESSMENT_URL, pg->kase->id,
			 o->risk_assessment_id);
		tmpl_set(k, "k_url", url);
	}
	if (o->decided_at) {
		fact(pg, WEB_S_ORDER_K_DECIDED,
		     join2(pg,
			   str(pg, o->state == ORDER_STATE_NOT_IMPOSED
					   ? WEB_S_ORDER_V_NOT_IMPOSED
					   : WEB_S_ORDER_V_IMPOSED),
			   ", ", words(pg, o->decided_at)));
		decider = user_name(user_of(&pg->people, o->decided_by));
		fact(pg, WEB_S_ORDER_K_DECIDER,
		     join2(pg, decider, ", ",
			   vocab_label(&vocab_user_role,
				       (unsigned)o->decided_role)));
	}
	if (o->decided_at && o->mandate != ORDER_MANDATE_NONE) {
		fact(pg, WEB_S_ORDER_K_MANDATE,
		     vocab_label(&order_vocab_mandate, (unsigned)o->mandate));
		fact(pg, WEB_S_ORDER_K_MANDATE_REF, o->mandate_reference);
		u = user_of(&pg->people, o->mayor_user_id);
		if (u)
			fact(pg, WEB_S_ORDER_F_MAYOR, user_name(u));
	}
	if (o->imposed_at)
		fact(pg, WEB_S_ORDER_K_IMPOSED,
		     o->oral ? join2(pg, words(pg, o->imposed_at), ", ",
				     str(pg, WEB_S_ORDER_V_ORAL))
			     : words(pg, o->imposed_at));
	if (o->oral)
		fact_at(pg, WEB_S_ORDER_K_WRITTEN, o->written_at);
	fact(pg, WEB_S_ORDER_K_FACTS, o->facts);
	if (o->served_at)
		fact(pg, WEB_S_ORDER_K_SERVED,
		     join2(pg,
			   vocab_label(&order_vocab_service,
				       (unsigned)o->served_how),
			   ", ", words(pg, o->served_at)));
	fact_at(pg, WEB_S_ORDER_K_KEYS, o->keys_at);
	if (o->stay_address_at)
		fact(pg, WEB_S_ORDER_K_STAY,
		     join2(pg, join2(pg, o->stay_address, ", ", o->stay_phone),
			   " - ", words(pg, o->stay_address_at)));
	if (o->informed)
		fact(pg, WEB_S_ORDER_K_INFORMED, party_words(pg, o->informed));
	fact_at(pg, WEB_S_ORDER_K_FIRST_CONTACT, o->first_contact_at);
	fact_at(pg, WEB_S_ORDER_K_HELP_PLAN, o->help_plan_at);
	fact_at(pg, WEB_S_ORDER_K_SYSTEM_TALK, o->system_talk_at);
	if (o->advice_at)
		fact(pg, WEB_S_ORDER_K_ADVICE,
		     join2(pg,
			   str(pg, o->advice_extend ? WEB_S_ORDER_V_EXTEND
						    : WEB_S_ORDER_V_NOT_EXTEND),
			   ", ", words(pg, o->advice_at)));
	fact_at(pg, WEB_S_ORDER_K_HEARING, o->hearing_at);
	fact_at(pg, WEB_S_ORDER_K_EXTENDED, o->extended_at);
	if (o->extension_refused)
		fact(pg, WEB_S_ORDER_K_NOT_EXTENDED, str(pg, WEB_S_ORDER_YES));
	if (o->ended_at)
		fact(pg, WEB_S_ORDER_K_ENDED,
		     join2(pg, words(pg, o->ended_at), ", ",
			   o->end_reason && strcmp(o->end_reason, "expired")
				   ? o->end_reason
				   : vocab_label(&order_vocab_state,
						 (unsigned)o->state)));
	fact_at(pg, WEB_S_ORDER_K_APPEAL, o->appeal_at);
	fact_at(pg, WEB_S_ORDER_K_PROVISIONAL, o->provisional_at);
	if (o->n_violations) {
		char n[64];

		snprintf(n, sizeof(n), "%d", o->n_violations);
		fact(pg, WEB_S_ORDER_K_VIOLATIONS,
		     join2(pg, join2(pg, n, ", ", str(pg, WEB_S_ORDER_V_LAST)),
			   " ", words(pg, o->last_violation_at)));
	}
	if (o->criminal_proceedings)
		fact(pg, WEB_S_ORDER_K_CRIMINAL,
		     o->detained ? str(pg, WEB_S_ORDER_V_DETAINED)
				 : str(pg, WEB_S_ORDER_YES));
	fact_at(pg, WEB_S_ORDER_K_MONITORING, o->monitoring_check_at);
	fact_at(pg, WEB_S_ORDER_K_CLOSED, o->closed_at);
	if (o->repeat_of[0]) {
		k = fact(pg, WEB_S_ORDER_K_REPEAT, str(pg, WEB_S_ORDER_V_SEE));
		snprintf(url, sizeof(url), PAGE_ORDER_URL, pg->kase->id,
			 o->repeat_of);
		tmpl_set(k, "k_url", url);
	}
	fact(pg, WEB_S_ORDER_K_NEW_FACTS, o->new_facts);
}

static void
render_rule(struct tmpl_vars *item, const struct rules_rule *rule)
{
	if (!rule)
		return;
	tmpl_set(item, "rule_title", rule->title);
	tmpl_set(item, "rule_source", rule->source);
}

static const enum web_string_id deadline_state_string[] = {
	[ORDER_VIEW_DEADLINE_OPEN] = WEB_S_ORDER_DEADLINE_OPEN,
	[ORDER_VIEW_DEADLINE_DONE] = WEB_S_ORDER_DEADLINE_DONE,
	[ORDER_VIEW_DEADLINE_OVERDUE] = WEB_S_ORDER_DEADLINE_OVERDUE,
	[ORDER_VIEW_DEADLINE_LAPSED] = WEB_S_ORDER_DEADLINE_LAPSED,
};

static void
render_deadlines(struct page *pg, const struct order_view *view)
{
	struct tmpl_vars *d;
	size_t i;

	tmpl_list_init(pg->v, "deadlines");
	for (i = 0; i < view->n_deadlines; i++) {
		const struct order_deadline *dl = &view->deadlines[i];
		enum order_view_deadline_state state = view->deadline_state[i];

		d = tmpl_list_add(pg->v, "deadlines");
		tmpl_set(d, "d_title", dl->title);
		tmpl_set(d, "d_due", words(pg, dl->due_at));
		if (dl->not_before)
			tmpl_set(d, "d_from", words(pg, dl->not_before));
		tmpl_set_bool(d, "d_done", dl->done);
		tmpl_set_bool(d, "d_overdue",
			      state == ORDER_VIEW_DEADLINE_OVERDUE);
		tmpl_set(d, "d_state", str(pg, deadline_state_string[state]));
		/* "Verstreken: verstreken" says it twice. */
		if (state == ORDER_VIEW_DEADLINE_OPEN ||
		    state == ORDER_VIEW_DEADLINE_OVERDUE)
			tmpl_set(d, "d_left", view->deadline_left[i]);
		tmpl_set(d, "d_who",
			 dl->org_type == ORG_TYPE_VEILIG_THUIS ||
					 dl->org_type == ORG_TYPE_VEILIG_HUIS
				 ? str(pg, WEB_S_CARE_ORG)
				 : vocab_label(&vocab_org_type,
					       (unsigned)dl->org_type));
		render_rule(d, dl->rule);
	}
}

/* Due time of a next step's deadline; steps without one come last. */
static int64_t
next_due(const struct order_view *view, size_t i)
{
	int d = view->next[i].deadline;

	return d < 0 ? INT64_MAX : view->deadlines[d].due_at;
}

/* Steps beside the order's course: offered below the others. */
static int
incidental(enum order_step_kind k)
{
	switch (k) {
	case ORDER_STEP_WITHDRAW:
	case ORDER_STEP_LIFT:
	case ORDER_STEP_APPEAL:
	case ORDER_STEP_PROVISIONAL:
	case ORDER_STEP_VIOLATION:
	case ORDER_STEP_CRIMINAL:
		return 1;
	default:
		return 0;
	}
}

static void
render_next(struct page *pg, const struct order_view *view,
	    const struct order_facts *facts)
{
	size_t order[ORDER_STEP__COUNT], i, j, n_main = 0, n_also = 0;
	char url[PAGE_ORDER_URL_MAX];
	struct tmpl_vars *n;

	for (i = 0; i < view->n_next; i++) {
		size_t x = i;

		/* Insertion sort by due time; equal ones keep the law's
		 * order (a handful of items). */
		for (j = i;
		     j > 0 && next_due(view, order[j - 1]) > next_due(view, x);
		     j--)
			order[j] = order[j - 1];
		order[j] = x;
	}
	tmpl_list_init(pg->v, "next");
	tmpl_list_init(pg->v, "also");
	for (i = 0; i < view->n_next; i++) {
		const struct order_view_next *nx = &view->next[order[i]];
		const struct page_order_kind *k = page_order_kind(nx->kind);
		struct order_refusal why;
		enum order_view_access acc =
			order_view_access(pg->o, nx->kind, facts, &why);
		int also = incidental(nx->kind);

		/* Not its time and no deadline to show: nothing to say. */
		if (acc == ORDER_VIEW_NOT_NOW && (also || nx->deadline < 0))
			continue;
		n = tmpl_list_add(pg->v, also ? "also" : "next");
		if (also)
			n_also++;
		else
			n_main++;
		tmpl_set(n, "n_title", str(pg, k->action));
		tmpl_set(n, "n_kind", order_step_code(nx->kind));
		tmpl_set_bool(n, "n_may", acc == ORDER_VIEW_MAY);
		if (acc == ORDER_VIEW_MAY) {
			snprintf(url, sizeof(url), PAGE_ORDER_URL_STEP,
				 pg->kase->id, pg->o->id,
				 order_step_code(nx->kind));
			tmpl_set(n, "n_url", url);
		} else if (acc == ORDER_VIEW_NOT_YOURS) {
			tmpl_set(n, "n_who", str(pg, k->who));
		} else {
			tmpl_set(n, "n_not_now", why.message);
		}
		if (nx->deadline >= 0) {
			const struct order_deadline *dl =
				&view->deadlines[nx->deadline];

			tmpl_set(n, "n_deadline", dl->title);
			tmpl_set(n, "n_due", words(pg, dl->due_at));
			tmpl_set(n, "n_left",
				 view->deadline_left[nx->deadline]);
			tmpl_set_bool(n, "n_overdue",
				      view->deadline_state[nx->deadline] ==
					      ORDER_VIEW_DEADLINE_OVERDUE);
			render_rule(n, dl->rule);
		} else if (acc == ORDER_VIEW_NOT_YOURS) {
			render_rule(n, why.rule);
		}
	}
	tmpl_set_bool(pg->v, "has_next", n_main > 0);
	tmpl_set_bool(pg->v, "has_also", n_also > 0);
}

/* A step's details in words, field by field (the form's labels); the
 * number of them. */
static size_t
render_details(struct page *pg, struct tmpl_vars *t,
	       const struct store_order_step *s)
{
	const struct page_order_kind *k = page_order_kind(s->kind);
	json_t *d = json_loads(s->details_json, 0, NULL), *val;
	struct arena *a = pg->req->arena;
	struct tmpl_vars *item;
	const char *text, *out;
	int64_t at;
	size_t i, j, shown = 0;

	for (i = 0; d && k && i < k->n_fields; i++) {
		const struct page_order_field *f = &k->fields[i];

		val = json_object_get(d, f->name);
		if (!val || !page_order_field_shown(f, pg->c))
			continue;
		out = NULL;
		text = json_string_value(val);
		switch (f->type) {
		case PAGE_FIELD_CHECKBOX:
		case PAGE_FIELD_YESNO:
			if (f->type == PAGE_FIELD_YESNO || json_is_true(val))
				out = str(pg, json_is_true(val)
						      ? WEB_S_ORDER_YES
						      : WEB_S_ORDER_NO);
			break;
		case PAGE_FIELD_DATETIME:
			if (text && !page_order_parse_local(pg->c, text, &at))
				out = words(pg, at);
			break;
		case PAGE_FIELD_VOCAB_SELECT:
		case PAGE_FIELD_VOCAB_RADIOS: {
			int pos = text ? vocab_index(f->vocab, text) : -1;

			out = pos < 0 ? text
				      : vocab_label(f->vocab, (unsigned)pos);
			break;
		}
		case PAGE_FIELD_PERSON:
			out = person_name(pg->persons, pg->n_persons, text, a);
			break;
		case PAGE_FIELD_MAYOR:
			out = user_name(user_of(&pg->people, text));
			break;
		case PAGE_FIELD_PERSONS:
		case PAGE_FIELD_PROTECTED_NAMES:
			for (j = 0; j < json_array_size(val); j++) {
				const char *e = json_string_value(
					json_array_get(val, j));

				if (f->type == PAGE_FIELD_PERSONS)
					e = person_name(pg->persons,
							pg->n_persons, e, a);
				if (e)
					out = join2(pg, out, ", ", e);
			}
			break;
		case PAGE_FIELD_PARTIES: {
			uint32_t mask = 0;

			for (j = 0; j < json_array_size(val); j++) {
				int pos = vocab_index(
					&order_vocab_party,
					json_string_value(
						json_array_get(val, j)));

				if (pos >= 0)
					mask |= (uint32_t)1 << pos;
			}
			out = mask ? party_words(pg, mask) : NULL;
			break;
		}
		case PAGE_FIELD_ASSESSMENT:
		case PAGE_FIELD_ORDER:
			/* An id says nothing to a reader; the facts link. */
			break;
		case PAGE_FIELD_TEXT:
		case PAGE_FIELD_PHONE:
		case PAGE_FIELD_LONGTEXT:
			out = text;
			break;
		}
		if (!out)
			continue;
		item = tmpl_list_add(t, "t_details");
		tmpl_set(item, "t_label", web_str(pg->c, f->label));
		tmpl_set(item, "t_value", out);
		shown++;
	}
	if (d)
		tmpl_set(t, "t_note",
			 json_string_value(json_object_get(d, "note")));
	json_decref(d);
	return shown;
}

static void
render_timeline(struct page *pg, const struct store_order_step *steps, size_t n)
{
	struct tmpl_vars *t;
	const struct org *org;
	size_t i;

	tmpl_list_init(pg->v, "timeline");
	for (i = 0; i < n; i++) {
		const struct store_order_step *s = &steps[i];

		t = tmpl_list_add(pg->v, "timeline");
		tmpl_set(t, "t_title",
			 vocab_label(&order_vocab_step, (unsigned)s->kind));
		tmpl_set(t, "t_when", words(pg, s->at));
		org = org_of(&pg->people, s->actor_org_id);
		tmpl_set(
			t, "t_who",
			join2(pg,
			      user_name(user_of(&pg->people, s->actor_user_id)),
			      ", ", org ? org->name : NULL));
		tmpl_list_init(t, "t_details");
		tmpl_set_bool(t, "t_has_details", render_details(pg, t, s));
	}
}

static void
render_documents(struct page *pg, const struct api_documents_offer *offers,
		 size_t n)
{
	static const char *const formats[] = {"pdf", "html"};
	char url[PAGE_ORDER_URL_MAX + 64 + CT_UUID_SIZE];
	struct tmpl_vars *d;
	size_t i, f;

	tmpl_list_init(pg->v, "documents");
	for (i = 0; i < n; i++) {
		d = tmpl_list_add(pg->v, "documents");
		switch (offers[i].kind) {
		case DOC_DECISION:
			tmpl_set(d, "doc_title",
				 str(pg, WEB_S_ORDER_DOC_DECISION));
			break;
		case DOC_EXTENSION:
			tmpl_set(d, "doc_title",
				 str(pg, WEB_S_ORDER_DOC_EXTENSION));
			break;
		case DOC_LETTER:
			tmpl_setf(d, "doc_title", "%s %s",
				  str(pg, WEB_S_ORDER_DOC_LETTER),
				  offers[i].person_name);
			break;
		}
		for (f = 0; f < CT_ARRAY_SIZE(formats); f++) {
			snprintf(url, sizeof(url),
				 "/api/v1/cases/%s/orders/%s/documents/%s"
				 "?format=%s%s%s",
				 pg->kase->id, pg->o->id,
				 doc_kind_code(offers[i].kind), formats[f],
				 offers[i].person_id ? "&person_id=" : "",
				 offers[i].person_id ? offers[i].person_id
						     : "");
			tmpl_set(d, f ? "doc_html" : "doc_pdf", url);
		}
	}
}

static void
render_assessments(struct page *pg)
{
	char url[PAGE_ORDER_URL_MAX], day[11];
	struct tmpl_vars *a;
	struct ct_date d;
	size_t i;

	tmpl_list_init(pg->v, "assessments");
	for (i = 0; i < pg->n_assessments; i++) {
		const struct assessment *as = &pg->assessments[i];

		a = tmpl_list_add(pg->v, "assessments");
		snprintf(url, sizeof(url), PAGE_ASSESSMENT_URL, pg->kase->id,
			 as->id);
		tmpl_set(a, "a_url", url);
		ct_local_date(pg->zone, as->assessed_at, &d);
		ct_date_format(&d, day);
		tmpl_setf(a, "a_title", "%s, %s", as->instrument_id, day);
	}
	tmpl_set_bool(pg->v, "has_assessments", pg->n_assessments > 0);
	snprintf(url, sizeof(url), PAGE_ASSESSMENT_URL_NEW, pg->kase->id);
	tmpl_set(pg->v, "assess_new_url", url);
}

enum ct_err
page_order_render(void *app, struct http_request *req,
		  struct http_response *resp, unsigned status,
		  const char *notice, struct ct_error *err)
{
	struct store *st = api_store(app, err);
	struct api_documents_offer offers[API_DOCUMENTS_OFFERS_MAX];
	struct store_order_step *steps = NULL;
	struct order_facts facts;
	struct order_view *view;
	struct order o;
	struct page pg;
	size_t n_steps = 0, n_offers = 0;
	char title[128];
	enum ct_err rc;

	if (!st)
		return err->code ? err->code : CT_ERR_INTERNAL;
	memset(&pg, 0, sizeof(pg));
	pg.req = req;
	pg.kase = page_order_case(req);
	pg.c = pg.kase->jurisdiction;
	pg.zone = ct_country_zone(pg.c);
	pg.now = api_now(app);
	pg.o = &o;
	pg.people.st = st;
	pg.people.a = req->arena;
	rc = store_order_get(st, pg.kase->id,
			     http_request_param(req, "order_id"), req->arena,
			     &o, err);
	if (!rc)
		rc = store_order_steps(st, o.id, req->arena, &steps, &n_steps,
				       err);
	if (!rc)
		rc = store_person_list(st, pg.kase->id, req->arena, &pg.persons,
				       &pg.n_persons, err);
	if (!rc)
		rc = store_assessment_list(st, pg.kase->id, req->arena,
					   &pg.assessments, &pg.n_assessments,
					   err);
	if (!rc)
		rc = api_documents_offers(st, pg.kase->id, o.id, pg.now,
					  req->arena, offers, &n_offers, err);
	if (rc)
		return api_store_failed(rc, err);
	view = arena_alloc(req->arena, sizeof(*view));
	if (!view)
		return ct_error_set(err, CT_ERR_LIMIT, "verzoekgeheugen vol");
	order_view_init(view, &o, pg.now);
	order_view_facts(req, pg.now, &facts);

	snprintf(title, sizeof(title), "%s %s",
		 web_str(pg.c, WEB_S_ORDER_TITLE), pg.kase->reference);
	pg.v = page_order_vars(app, req, title);
	tmpl_set(pg.v, "order_id", o.id);
	tmpl_set(pg.v, "state",
		 vocab_label(&order_vocab_state, (unsigned)o.state));
	tmpl_set(pg.v, "state_code", order_state_code(o.state));
	tmpl_set(pg.v, "notice", notice);
	tmpl_set_bool(pg.v, "running", view->running);
	if (o.ends_at)
		tmpl_set(pg.v, "ends_at", words(&pg, o.ends_at));
	tmpl_set(pg.v, "time_left", view->time_left);
	render_next(&pg, view, &facts);
	render_deadlines(&pg, view);
	tmpl_set_bool(pg.v, "has_deadlines", view->n_deadlines > 0);
	render_facts(&pg);
	render_timeline(&pg, steps, n_steps);
	render_documents(&pg, offers, n_offers);
	tmpl_set_bool(pg.v, "has_documents", n_offers > 0);
	render_assessments(&pg);
	return page_render(req, resp, status, "order", pg.v, err);
}

/* ------------------------------------------------------------------ */
/* Routes                                                             */

enum ct_err
page_order_show(void *app, struct http_request *req, struct http_response *resp,
		struct ct_error *err)
{
	return page_order_render(app, req, resp, 200, NULL, err);
}

enum ct_err
page_order_new(void *app, struct http_request *req, struct http_response *resp,
	       struct ct_error *err)
{
	struct page_order_form f;

	memset(&f, 0, sizeof(f));
	f.kind = page_order_kind(ORDER_STEP_OPEN);
	ct_problems_init(&f.problems);
	return page_order_form_render(app, req, resp, 200, &f, err);
}

enum ct_err
page_order_create(void *app, struct http_request *req,
		  struct http_response *resp, struct ct_error *err)
{
	return page_order_form_submit(
		app, req, resp, page_order_kind(ORDER_STEP_OPEN), NULL, err);
}
