/*
 * page_case.c - the case file page and opening a new case (contract:
 * page_case.h), and the helpers the case pages share.
 *
 * Design: the router has allowed case.read on the case in the path and
 * logged it; authorize left the case and its team on the session. The
 * case file asks the policy, through app_case_reads(), for every further
 * read it shows (persons, relations, incidents, assessments, orders, the
 * team, the journal): a section is drawn only when allowed, and each read
 * is in the access log, as a client of the API reading the same would be,
 * before anything of it is sent. Links to change a part are drawn only
 * when the policy would allow that change (app_case_may), so a
 * break-the-glass reader sees the file without forms. All reads of one
 * page share one store snapshot (store_read_begin).
 *
 * The family diagram's SVG is the one markup given to the template as
 * trusted (web/family_diagram.h escapes every name itself); its text
 * alternative stays text. Times are in the zone of the case's
 * jurisdiction; the clock of an order is order_view.h's, the API's.
 */
#include "http/page_case.h"

#include <stdio.h>
#include <string.h>

#include <jansson.h>

#include "core/instrument.h"
#include "core/validate.h"
#include "core/vocab.h"
#include "http/api_assessments.h"
#include "http/api_cases.h"
#include "http/api_common.h"
#include "http/app.h"
#include "http/order_view.h"
#include "http/worklist_words.h"
#include "store/store_assessment.h"
#include "store/store_order.h"
#include "store/store_team.h"
#include "web/family_diagram.h"
#include "util/sbuf.h"
#include "util/banned.h"

#define PAGE_CASE_SVG_MAX ((size_t)1024 * 1024)
#define PAGE_CASE_TEXT_MAX ((size_t)64 * 1024)
#define PAGE_CASE_LABELS_MAX 512
#define PAGE_CASE_URL_MAX 128

/* ------------------------------------------------------------------ */
/* shared by the case pages                                            */

const struct ct_case *
page_case_of(const struct http_request *req)
{
	const struct app_session *s = app_session(req);

	if (!s || !s->has_case)
		CT_BUG("case page without the authorized case");
	return &s->the_case;
}

struct tmpl_vars *
page_case_vars(void *app, struct http_request *req, enum web_string_id title)
{
	const struct ct_case *c = page_case_of(req);
	struct tmpl_vars *v;
	char heading[PAGE_CASE_LABELS_MAX];

	snprintf(heading, sizeof(heading), "%s %s",
		 web_str(c->jurisdiction, title), c->reference);
	v = page_vars_new(app, req, heading);
	/* The case's words: a Flemish case reads Flemish to everyone. */
	web_strings_set(v, c->jurisdiction);
	tmpl_set_bool(v, "nav_cases", 1);
	tmpl_set(v, "case_id", c->id);
	tmpl_set(v, "reference", c->reference);
	return v;
}

const char *
page_case_field(const struct http_request *req, const char *name)
{
	return json_string_value(json_object_get(req->body_json, name));
}

void
page_case_when(struct tmpl_vars *v, const char *name, enum ct_zone z, int64_t t)
{
	char words[WORKLIST_WORDS_SIZE], iso[CT_ISO_SIZE];
	char iso_name[TMPL_NAME_MAX + 1];

	worklist_words_deadline(z, t, words);
	ct_instant_format_local(z, t, iso);
	snprintf(iso_name, sizeof(iso_name), "%s_iso", name);
	tmpl_set(v, name, words);
	tmpl_set(v, iso_name, iso);
}

void
page_case_date(struct tmpl_vars *v, const char *name, enum ct_zone z, int64_t t)
{
	struct ct_date d;
	char day[11], iso_name[TMPL_NAME_MAX + 1];

	ct_local_date(z, t, &d);
	ct_date_format(&d, day);
	snprintf(iso_name, sizeof(iso_name), "%s_iso", name);
	tmpl_set(v, name, day);
	tmpl_set(v, iso_name, day);
}

static const struct page_case_label *
page_case_label_of(const struct page_case_label *labels, size_t n,
		   const char *field)
{
	size_t i;

	for (i = 0; i < n; i++)
		if (strcmp(labels[i].field, field) == 0)
			return &labels[i];
	return NULL;
}

void
page_case_sentence(const char *msg, char *out, size_t n)
{
	snprintf(out, n, "%s", msg);
	if (out[0] >= 'a' && out[0] <= 'z')
		out[0] = (char)(out[0] - 'a' + 'A');
}

void
page_case_errors(struct tmpl_vars *v, enum ct_country country,
		 const struct ct_problems *p,
		 const struct page_case_label *labels, size_t n)
{
	const struct page_case_label *l;
	struct tmpl_vars *errors, *item;
	char name[TMPL_NAME_MAX + 1];
	char sentence[CT_ERROR_MESSAGE_MAX];
	const char *msg;
	size_t i;

	errors = tmpl_set_child(v, "errors");
	for (i = 0; i < p->count; i++) {
		l = page_case_label_of(labels, n, p->items[i].field);
		msg = p->items[i].message;
		/* A reader's "ontbreekt": say what to do instead. */
		if (l && l->required != PAGE_CASE_NO_STRING &&
		    strcmp(msg, "ontbreekt") == 0)
			msg = web_str(country, l->required);
		item = tmpl_list_add(errors, "list");
		if (l) {
			snprintf(name, sizeof(name), "err_%s", l->field);
			page_case_sentence(msg, sentence, sizeof(sentence));
			tmpl_set(v, name, sentence);
			tmpl_set(item, "field", l->anchor);
		}
		/* The summary names the field when the message does not. */
		if (l && msg[0] >= 'a' && msg[0] <= 'z')
			tmpl_setf(item, "message", "%s: %s",
				  web_str(country, l->label), msg);
		else
			tmpl_set(item, "message", msg);
	}
	if (p->dropped) {
		item = tmpl_list_add(errors, "list");
		tmpl_set(item, "message",
			 web_str(country, WEB_S_CASE_MORE_PROBLEMS));
	}
}

void
page_case_options(struct tmpl_vars *v, const char *list,
		  const struct vocab *voc, const char *chosen,
		  const char *blank)
{
	struct tmpl_vars *o;
	size_t i;

	if (blank) {
		o = tmpl_list_add(v, list);
		tmpl_set(o, "value", "");
		tmpl_set(o, "label", blank);
		tmpl_set_bool(o, "selected", !chosen);
	}
	for (i = 0; i < voc->count; i++) {
		o = tmpl_list_add(v, list);
		tmpl_set(o, "value", voc->terms[i].code);
		tmpl_set(o, "label", voc->terms[i].label);
		tmpl_set_bool(o, "selected",
			      chosen &&
				      strcmp(chosen, voc->terms[i].code) == 0);
	}
}

const char *
page_case_person_name(struct arena *a, const struct person *p)
{
	const char *g = p->given_name ? p->given_name : "";
	const char *f = p->family_name ? p->family_name : "";
	size_t lg = strlen(g), lf = strlen(f);
	char *out = arena_alloc(a, lg + lf + 2);

	if (!out)
		CT_BUG("arena full building a name");
	memcpy(out, g, lg);
	out[lg] = '\0';
	if (lg && lf)
		out[lg++] = ' ';
	memcpy(out + lg, f, lf + 1);
	return out;
}

/* ------------------------------------------------------------------ */
/* the case file                                                       */

/* The reads the case file may show, in the order of its sections. */
enum page_case_read {
	READ_PERSON,
	READ_RELATION,
	READ_INCIDENT,
	READ_ASSESSMENT,
	READ_ORDER,
	READ_TEAM,
	READ_JOURNAL,
	READ__COUNT
};

static const char *const page_case_reads[READ__COUNT] = {
	[READ_PERSON] = "person.read",
	[READ_RELATION] = "relation.read",
	[READ_INCIDENT] = "incident.read",
	[READ_ASSESSMENT] = "assessment.read",
	[READ_ORDER] = "order.read",
	[READ_TEAM] = "team.read",
	[READ_JOURNAL] = "journal.read",
};

/* What one case file page holds while it is built. */
struct page_case_file {
	void *app;
	struct http_request *req;
	struct store *st;
	const struct ct_case *c;
	enum ct_zone zone;
	int64_t now;
	struct ct_date today;
	struct tmpl_vars *v;
	struct person *persons;
	size_t n_persons;
	struct relation *relations;
	size_t n_relations;
};

static void
page_case_toc(struct page_case_file *f, const char *anchor,
	      enum web_string_id label)
{
	struct tmpl_vars *t = tmpl_list_add(f->v, "toc");

	tmpl_set(t, "anchor", anchor);
	tmpl_set(t, "label", web_str(f->c->jurisdiction, label));
}

static const struct person *
page_case_person(const struct page_case_file *f, const char *id)
{
	size_t i;

	for (i = 0; i < f->n_persons; i++)
		if (strcmp(f->persons[i].id, id) == 0)
			return &f->persons[i];
	return NULL;
}

static enum ct_err
page_case_header(struct page_case_file *f, struct ct_error *err)
{
	const struct ct_case *c = f->c;
	struct org owner;
	enum ct_err rc;

	rc = store_org_get(f->st, c->owner_org_id, f->req->arena, &owner, err);
	if (rc)
		return rc;
	tmpl_set(
		f->v, "jurisdiction",
		web_str(c->jurisdiction, c->jurisdiction == CT_COUNTRY_BE
						 ? WEB_S_CASE_JURISDICTION_BE
						 : WEB_S_CASE_JURISDICTION_NL));
	tmpl_set(f->v, "region", c->region);
	tmpl_set(f->v, "status",
		 web_str(c->jurisdiction, c->status == CASE_STATUS_CLOSED
						  ? WEB_S_STATUS_CLOSED
						  : WEB_S_STATUS_OPEN));
	tmpl_set(f->v, "owner", owner.name);
	page_case_date(f->v, "opened", f->zone, c->created_at);
	if (c->pattern != PATTERN_UNKNOWN)
		tmpl_set(f->v, "pattern",
			 vocab_label(&vocab_violence_pattern,
				     (unsigned)c->pattern));
	return CT_OK;
}

static void
page_case_persons(struct page_case_file *f)
{
	struct tmpl_vars *row;
	char roles[PAGE_CASE_LABELS_MAX];
	const struct person *p;
	int age;
	size_t i;

	tmpl_set_bool(f->v, "show_persons", 1);
	tmpl_set_bool(f->v, "has_persons", f->n_persons > 0);
	page_case_toc(f, "personen", WEB_S_CASE_PERSONS);
	for (i = 0; i < f->n_persons; i++) {
		p = &f->persons[i];
		row = tmpl_list_add(f->v, "persons");
		tmpl_set(row, "name", page_case_person_name(f->req->arena, p));
		vocab_mask_format_labels(&vocab_person_role, p->roles, roles,
					 sizeof(roles));
		tmpl_set(row, "roles", roles);
		age = p->has_birth_date ? ct_age_on(&p->birth_date, &f->today)
					: -1;
		if (age >= 0)
			tmpl_set_int(row, "age", age);
		else
			tmpl_set(row, "age",
				 web_str(f->c->jurisdiction,
					 WEB_S_CASE_AGE_UNKNOWN));
		tmpl_set(row, "sex",
			 vocab_label(&vocab_person_sex, (unsigned)p->sex));
	}
	tmpl_set_bool(f->v, "can_add_person",
		      app_case_may(f->app, f->req, "person.add"));
}

/* The diagram and its text alternative, or why there is none. */
static void
page_case_diagram(struct page_case_file *f)
{
	struct family_diagram_in in;
	struct sbuf svg, text;
	struct tmpl_vars *item;
	const char *line, *nl;
	const struct person *a, *b;
	size_t i;

	tmpl_set_bool(f->v, "show_diagram", 1);
	page_case_toc(f, "gezinsschema", WEB_S_CASE_DIAGRAM);
	memset(&in, 0, sizeof(in));
	in.persons = f->persons;
	in.n_persons = f->n_persons;
	in.relations = f->relations;
	in.n_relations = f->n_relations;
	in.at = f->today;
	sbuf_init(&svg, PAGE_CASE_SVG_MAX);
	sbuf_init(&text, PAGE_CASE_TEXT_MAX);
	if (f->n_persons == 0) {
		tmpl_set_bool(f->v, "diagram_empty", 1);
	} else if (family_diagram_svg(&in, &svg) ||
		   family_diagram_text(&in, &text)) {
		tmpl_set_bool(f->v, "diagram_too_big", 1);
	} else {
		/* The one trusted markup: our own SVG, names escaped. */
		tmpl_set_trusted_html(f->v, "diagram_svg", svg.buf);
		for (line = text.buf; *line; line = nl + (*nl ? 1 : 0)) {
			nl = strchr(line, '\n');
			if (!nl)
				nl = line + strlen(line);
			if (nl == line)
				continue;
			item = tmpl_list_add(f->v, "diagram_text");
			tmpl_set(item, "sentence",
				 arena_strndup(f->req->arena, line,
					       (size_t)(nl - line)));
		}
	}
	sbuf_release(&svg);
	sbuf_release(&text);

	tmpl_set_bool(f->v, "has_relations", f->n_relations > 0);
	for (i = 0; i < f->n_relations; i++) {
		a = page_case_person(f, f->relations[i].person_a);
		b = page_case_person(f, f->relations[i].person_b);
		if (!a || !b)
			continue;
		item = tmpl_list_add(f->v, "relations");
		tmpl_set(item, "a", page_case_person_name(f->req->arena, a));
		tmpl_set(item, "b", page_case_person_name(f->req->arena, b));
		tmpl_set(item, "kind",
			 vocab_label(&vocab_relation_kind,
				     (unsigned)f->relations[i].kind));
	}
	tmpl_set_bool(f->v, "can_add_relation",
		      app_case_may(f->app, f->req, "relation.add"));
}

static enum ct_err
page_case_incidents(struct page_case_file *f, struct ct_error *err)
{
	struct incident *ins = NULL;
	struct tmpl_vars *row;
	char types[PAGE_CASE_LABELS_MAX], forms[PAGE_CASE_LABELS_MAX];
	size_t n = 0, i;
	enum ct_err rc;

	rc = store_incident_list(f->st, f->c->id, f->req->arena, &ins, &n, err);
	if (rc)
		return rc;
	tmpl_set_bool(f->v, "show_incidents", 1);
	tmpl_set_bool(f->v, "has_incidents", n > 0);
	page_case_toc(f, "incidenten", WEB_S_CASE_INCIDENTS);
	for (i = 0; i < n; i++) {
		row = tmpl_list_add(f->v, "incidents");
		page_case_when(row, "when", f->zone, ins[i].occurred_at);
		vocab_mask_format_labels(&vocab_violence_type, ins[i].types,
					 types, sizeof(types));
		vocab_mask_format_labels(&vocab_violence_form, ins[i].forms,
					 forms, sizeof(forms));
		tmpl_setf(row, "kinds", "%s%s%s", types,
			  types[0] && forms[0] ? "; " : "", forms);
		tmpl_set(row, "severity",
			 vocab_label(&vocab_severity,
				     (unsigned)ins[i].severity));
		tmpl_set(row, "location", ins[i].location);
		tmpl_set(row, "description", ins[i].description);
	}
	tmpl_set_bool(f->v, "can_add_incident",
		      app_case_may(f->app, f->req, "incident.add"));
	return CT_OK;
}

/* The label of an outcome code of ins, or the code itself. */
static const char *
page_case_outcome(const struct instrument *ins, const char *code)
{
	const struct instrument_outcome *o =
		ins ? instrument_outcome_find(ins, code) : NULL;

	return o ? o->label : code;
}

static enum ct_err
page_case_assessments(struct page_case_file *f, struct ct_error *err)
{
	const struct instrument_set *set = api_assessments_instruments();
	const struct instrument *ins;
	struct assessment *as = NULL;
	struct tmpl_vars *row;
	size_t n = 0, i;
	enum ct_err rc;

	rc = store_assessment_list(f->st, f->c->id, f->req->arena, &as, &n,
				   err);
	if (rc)
		return rc;
	tmpl_set_bool(f->v, "show_assessments", 1);
	tmpl_set_bool(f->v, "has_assessments", n > 0);
	page_case_toc(f, "risicotaxatie", WEB_S_CASE_ASSESSMENTS);
	for (i = 0; i < n; i++) {
		ins = set ? instrument_set_find(set, as[i].instrument_id,
						as[i].instrument_version)
			  : NULL;
		row = tmpl_list_add(f->v, "assessments");
		tmpl_set(row, "id", as[i].id);
		tmpl_set(row, "instrument",
			 ins ? ins->title : as[i].instrument_id);
		page_case_date(row, "date", f->zone, as[i].assessed_at);
		tmpl_set(row, "by", as[i].assessor_label);
		if (as[i].override_at) {
			tmpl_set(
				row, "outcome",
				page_case_outcome(ins, as[i].override_outcome));
			tmpl_set(
				row, "computed",
				as[i].outcome
					? page_case_outcome(ins, as[i].outcome)
					: web_str(f->c->jurisdiction,
						  WEB_S_CASE_ASSESSMENT_UNDETERMINED));
		} else if (as[i].outcome) {
			tmpl_set(row, "outcome",
				 page_case_outcome(ins, as[i].outcome));
		} else {
			tmpl_set(row, "outcome",
				 web_str(f->c->jurisdiction,
					 WEB_S_CASE_ASSESSMENT_UNDETERMINED));
		}
	}
	tmpl_set_bool(f->v, "can_add_assessment",
		      app_case_may(f->app, f->req, "assessment.add"));
	return CT_OK;
}

static enum ct_err
page_case_orders(struct page_case_file *f, int persons_shown,
		 struct ct_error *err)
{
	struct order *orders = NULL;
	struct order_view *view;
	const struct person *subject;
	struct tmpl_vars *row;
	struct ct_date d;
	char day[11];
	size_t n = 0, i;
	enum ct_err rc;

	rc = store_order_list(f->st, f->c->id, f->req->arena, &orders, &n, err);
	if (rc)
		return rc;
	view = arena_alloc(f->req->arena, sizeof(*view));
	if (!view)
		return ct_error_set(err, CT_ERR_LIMIT, "verzoekgeheugen vol");
	tmpl_set_bool(f->v, "show_orders", 1);
	tmpl_set_bool(f->v, "has_orders", n > 0);
	page_case_toc(f, "huisverbod", WEB_S_CASE_ORDERS);
	for (i = 0; i < n; i++) {
		/* The clock as the API gives it (order_view.h). */
		order_view_init(view, &orders[i], f->now);
		row = tmpl_list_add(f->v, "orders");
		tmpl_set(row, "id", orders[i].id);
		/* Started: imposed, or (still in screening) opened. */
		ct_local_date(f->zone,
			      orders[i].imposed_at ? orders[i].imposed_at
						   : orders[i].created_at,
			      &d);
		ct_date_format(&d, day);
		tmpl_set(row, "started", day);
		tmpl_set(row, "state",
			 vocab_label(&order_vocab_state,
				     (unsigned)orders[i].state));
		subject = persons_shown
				  ? page_case_person(
					    f, orders[i].subject_person_id)
				  : NULL;
		if (subject)
			tmpl_set(row, "subject",
				 page_case_person_name(f->req->arena, subject));
		if (orders[i].ends_at)
			page_case_when(row, "ends", f->zone, orders[i].ends_at);
		tmpl_set(row, "time_left", view->time_left);
		tmpl_set_bool(row, "running", view->running);
	}
	tmpl_set_bool(f->v, "can_prepare_order",
		      app_case_may(f->app, f->req, "order.create"));
	return CT_OK;
}

static enum ct_err
page_case_team(struct page_case_file *f, struct ct_error *err)
{
	struct team_member *m = NULL;
	struct tmpl_vars *row;
	size_t n = 0, i;
	enum ct_err rc;

	rc = store_team_list(f->st, f->c->id, 0, f->req->arena, &m, &n, err);
	if (rc)
		return rc;
	tmpl_set_bool(f->v, "show_team", 1);
	page_case_toc(f, "casusteam", WEB_S_CASE_TEAM);
	for (i = 0; i < n; i++) {
		row = tmpl_list_add(f->v, "members");
		tmpl_set(row, "org", m[i].org_name);
		tmpl_set(row, "reason", m[i].reason);
		tmpl_set_bool(row, "owner", m[i].is_owner);
	}
	return CT_OK;
}

static enum ct_err
page_case_timeline(struct page_case_file *f, struct ct_error *err)
{
	struct journal_entry *e = NULL;
	size_t n = 0, from;
	enum ct_err rc;

	rc = store_journal_list(f->st, f->c->id, f->req->arena, &e, &n, err);
	if (rc)
		return rc;
	tmpl_set_bool(f->v, "show_timeline", 1);
	page_case_toc(f, "tijdlijn", WEB_S_CASE_TIMELINE);
	from = n > PAGE_CASE_TIMELINE_ENTRIES ? n - PAGE_CASE_TIMELINE_ENTRIES
					      : 0;
	return page_journal_entries(f->st, f->req, f->c, e, from, n, f->v,
				    "entries", err);
}

/* Every section the reads allow, from one snapshot of the store. */
static enum ct_err
page_case_sections(struct page_case_file *f, const int *allowed,
		   struct ct_error *err)
{
	enum ct_err rc;

	rc = page_case_header(f, err);
	if (!rc && allowed[READ_PERSON])
		rc = store_person_list(f->st, f->c->id, f->req->arena,
				       &f->persons, &f->n_persons, err);
	if (!rc && allowed[READ_PERSON] && allowed[READ_RELATION])
		rc = store_relation_list(f->st, f->c->id, f->req->arena,
					 &f->relations, &f->n_relations, err);
	if (rc)
		return rc;
	if (allowed[READ_PERSON])
		page_case_persons(f);
	if (allowed[READ_PERSON] && allowed[READ_RELATION])
		page_case_diagram(f);
	if (allowed[READ_INCIDENT])
		rc = page_case_incidents(f, err);
	if (!rc && allowed[READ_ASSESSMENT])
		rc = page_case_assessments(f, err);
	if (!rc && allowed[READ_ORDER])
		rc = page_case_orders(f, allowed[READ_PERSON], err);
	if (!rc && allowed[READ_TEAM])
		rc = page_case_team(f, err);
	if (!rc && allowed[READ_JOURNAL])
		rc = page_case_timeline(f, err);
	return rc;
}

enum ct_err
page_case_file(void *app, struct http_request *req, struct http_response *resp,
	       struct ct_error *err)
{
	struct page_case_file f;
	int allowed[READ__COUNT];
	enum ct_err rc;

	memset(&f, 0, sizeof(f));
	f.app = app;
	f.req = req;
	f.c = page_case_of(req);
	f.st = api_store(app, err);
	if (!f.st)
		return err->code ? err->code : CT_ERR_INTERNAL;
	/* Logged before anything of it is read for the page. */
	rc = app_case_reads(app, req, page_case_reads, READ__COUNT, allowed,
			    err);
	if (rc)
		return rc;
	f.zone = ct_country_zone(f.c->jurisdiction);
	f.now = app_now(app);
	ct_local_date(f.zone, f.now, &f.today);
	f.v = page_case_vars(app, req, WEB_S_CASE_TITLE);
	rc = store_read_begin(f.st, err);
	if (rc)
		return api_store_failed(rc, err);
	rc = page_case_sections(&f, allowed, err);
	store_read_end(f.st);
	if (rc)
		return api_store_failed(rc, err);
	return page_render(req, resp, 200, "case", f.v, err);
}

/* ------------------------------------------------------------------ */
/* a new case                                                          */

const struct http_param_spec page_case_fields[PAGE_CASE_FIELDS_N] = {
	HTTP_PARAM_STRING_SPEC("jurisdiction", 0, PAGE_CASE_CODE_MAX),
	HTTP_PARAM_STRING_SPEC("region", 0, PAGE_CASE_TEXT_FIELD_MAX),
	HTTP_PARAM_STRING_SPEC("pattern", 0, PAGE_CASE_CODE_MAX),
};

static const struct page_case_label page_case_new_labels[] = {
	{"jurisdiction", "jurisdiction", WEB_S_CASE_JURISDICTION,
	 WEB_S_CASE_REQ_JURISDICTION},
	{"region", "region", WEB_S_CASES_REGION, PAGE_CASE_NO_STRING},
	{"pattern", "pattern", WEB_S_CASE_PATTERN, PAGE_CASE_NO_STRING},
};

static enum ct_err
page_case_new_render(void *app, struct http_request *req,
		     struct http_response *resp, unsigned status,
		     const char *jurisdiction, const char *region,
		     const char *pattern, const struct ct_problems *problems,
		     struct ct_error *err)
{
	const struct app_session *s = app_session(req);
	enum ct_country country = s ? s->org.country : CT_COUNTRY_NL;
	struct tmpl_vars *v, *o;
	size_t i;

	v = page_vars_new(app, req, web_str(country, WEB_S_CASE_NEW));
	tmpl_set_bool(v, "nav_cases", 1);
	if (!jurisdiction && !problems)
		jurisdiction = vocab_code(&vocab_country, (unsigned)country);
	for (i = 0; i < vocab_country.count; i++) {
		o = tmpl_list_add(v, "jurisdictions");
		tmpl_set(o, "value", vocab_country.terms[i].code);
		tmpl_set(
			o, "label",
			web_str(country, i == CT_COUNTRY_BE
						 ? WEB_S_CASE_JURISDICTION_BE
						 : WEB_S_CASE_JURISDICTION_NL));
		tmpl_set_bool(o, "checked",
			      jurisdiction &&
				      strcmp(jurisdiction,
					     vocab_country.terms[i].code) == 0);
	}
	tmpl_set(v, "region", region);
	page_case_options(v, "patterns", &vocab_violence_pattern, pattern,
			  NULL);
	if (problems)
		page_case_errors(v, country, problems, page_case_new_labels,
				 CT_ARRAY_SIZE(page_case_new_labels));
	return page_render(req, resp, status, "case_new", v, err);
}

enum ct_err
page_case_new_form(void *app, struct http_request *req,
		   struct http_response *resp, struct ct_error *err)
{
	return page_case_new_render(app, req, resp, 200, NULL, NULL, NULL, NULL,
				    err);
}

enum ct_err
page_case_create(void *app, struct http_request *req,
		 struct http_response *resp, struct ct_error *err)
{
	static const char *const names[] = {"jurisdiction", "region",
					    "pattern"};
	json_t *body = api_json_object();
	const char *val;
	char url[PAGE_CASE_URL_MAX];
	struct ct_case c;
	enum ct_err rc;
	size_t i;

	for (i = 0; i < CT_ARRAY_SIZE(names); i++) {
		val = page_case_field(req, names[i]);
		if (val)
			api_json_set(body, names[i], json_string(val));
	}
	/* An empty box is text all the same: core says it is required. */
	if (!page_case_field(req, "region"))
		api_json_set(body, "region", json_string(""));
	rc = api_cases_create_body(app, req, body, &c, err);
	json_decref(body);
	if (rc == CT_ERR_INVALID)
		return page_case_new_render(
			app, req, resp, 400,
			page_case_field(req, "jurisdiction"),
			page_case_field(req, "region"),
			page_case_field(req, "pattern"), &req->problems, err);
	if (rc)
		return rc;
	snprintf(url, sizeof(url), "/dossiers/%s", c.id);
	page_redirect(req, resp, url);
	return CT_OK;
}
