/*
 * page_journal.c - the case journal as a timeline (contract:
 * page_case.h): when, who, what, and what exactly changed.
 *
 * Design: the store gives the journal of one case oldest first, as
 * GET .../journal does; the page shows it newest first in pages of
 * PAGE_JOURNAL_PAGE_SIZE (query "pagina"). Each entry's action code
 * becomes a Dutch sentence (web/strings.h), with the thing it is about
 * when the entry names one (the person's name, the organisation, the
 * task, the order's step); the before and after images stay available,
 * folded away, as readable JSON. Times are in the local time of the
 * case's jurisdiction. An ordered list with <time datetime> keeps the
 * order and the instants for assistive technology.
 */
#include "http/page_case.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <jansson.h>

#include "core/order.h"
#include "core/vocab.h"
#include "http/api_common.h"
#include "http/app.h"
#include "util/sbuf.h"
#include "util/banned.h"

#define PAGE_JOURNAL_URL_MAX 160
#define PAGE_JOURNAL_WHAT_MAX 512
#define PAGE_JOURNAL_PAGES_MAX 100000

const struct http_param_spec page_journal_query[PAGE_JOURNAL_QUERY_N] = {
	HTTP_PARAM_INT_SPEC("pagina", 0, 1, PAGE_JOURNAL_PAGES_MAX),
};

/* The sentence of each journal action the case timeline holds. */
static const struct {
	const char *action;
	enum web_string_id what;
} page_journal_sentences[] = {
	{"case.create", WEB_S_JOURNAL_CASE_CREATE},
	{"case.update", WEB_S_JOURNAL_CASE_UPDATE},
	{"person.add", WEB_S_JOURNAL_PERSON_ADD},
	{"person.update", WEB_S_JOURNAL_PERSON_UPDATE},
	{"relation.add", WEB_S_JOURNAL_RELATION_ADD},
	{"incident.add", WEB_S_JOURNAL_INCIDENT_ADD},
	{"incident.update", WEB_S_JOURNAL_INCIDENT_UPDATE},
	{"team.add", WEB_S_JOURNAL_TEAM_ADD},
	{"team.remove", WEB_S_JOURNAL_TEAM_REMOVE},
	{"break_glass.open", WEB_S_JOURNAL_BREAK_GLASS_OPEN},
	{"break_glass.review", WEB_S_JOURNAL_BREAK_GLASS_REVIEW},
	{"assessment.add", WEB_S_JOURNAL_ASSESSMENT_ADD},
	{"assessment.override", WEB_S_JOURNAL_ASSESSMENT_OVERRIDE},
	{"task.create", WEB_S_JOURNAL_TASK_CREATE},
	{"task.done", WEB_S_JOURNAL_TASK_DONE},
	{"task.move", WEB_S_JOURNAL_TASK_MOVE},
	{"task.cancel", WEB_S_JOURNAL_TASK_CANCEL},
};

#define PAGE_JOURNAL_ORDER_PREFIX "order."

static const char *
page_journal_org_name(const struct org *orgs, size_t n, const char *id)
{
	size_t i;

	for (i = 0; id && i < n; i++)
		if (strcmp(orgs[i].id, id) == 0)
			return orgs[i].name;
	return NULL;
}

/* A text member of an image, or NULL. */
static const char *
page_journal_text(const json_t *img, const char *key)
{
	return json_string_value(json_object_get(img, key));
}

/*
 * What the entry did, in a sentence: the action's words, then what it
 * is about when the image names it ("Persoon toegevoegd: Sara Peeters").
 */
static void
page_journal_what(const struct journal_entry *e, enum ct_country c,
		  const json_t *img, const struct org *orgs, size_t n_orgs,
		  char out[PAGE_JOURNAL_WHAT_MAX])
{
	const char *what = NULL, *about = NULL, *g, *f;
	char name[PAGE_JOURNAL_WHAT_MAX];
	int step;
	size_t i;

	for (i = 0; i < CT_ARRAY_SIZE(page_journal_sentences); i++)
		if (strcmp(e->action, page_journal_sentences[i].action) == 0)
			what = web_str(c, page_journal_sentences[i].what);
	if (!what && strncmp(e->action, PAGE_JOURNAL_ORDER_PREFIX,
			     strlen(PAGE_JOURNAL_ORDER_PREFIX)) == 0) {
		/* "order.decide": the order's word, then the step's label. */
		step = vocab_index(&order_vocab_step,
				   e->action +
					   strlen(PAGE_JOURNAL_ORDER_PREFIX));
		if (step >= 0) {
			snprintf(
				out, PAGE_JOURNAL_WHAT_MAX, "%s: %s",
				web_str(c, WEB_S_CASE_ORDER),
				vocab_label(&order_vocab_step, (unsigned)step));
			return;
		}
	}
	if (!what) {
		snprintf(out, PAGE_JOURNAL_WHAT_MAX, "%s (%s)",
			 web_str(c, WEB_S_JOURNAL_OTHER), e->action);
		return;
	}
	if (strcmp(e->entity, "person") == 0) {
		g = page_journal_text(img, "given_name");
		f = page_journal_text(img, "family_name");
		snprintf(name, sizeof(name), "%s%s%s", g ? g : "",
			 g && f ? " " : "", f ? f : "");
		about = name[0] ? name : NULL;
	} else if (strcmp(e->entity, "case_team") == 0) {
		about = page_journal_org_name(orgs, n_orgs,
					      page_journal_text(img, "org_id"));
	} else if (strcmp(e->entity, "task") == 0) {
		about = page_journal_text(img, "title");
	}
	if (about)
		/* The thing named is cut short rather than the sentence. */
		snprintf(out, PAGE_JOURNAL_WHAT_MAX, "%s: %.300s", what, about);
	else
		snprintf(out, PAGE_JOURNAL_WHAT_MAX, "%s", what);
}

/* An image as indented JSON into name of row (as stored if not JSON). */
static void
page_journal_image(struct tmpl_vars *row, const char *name, const json_t *img,
		   const char *text)
{
	char *pretty;

	if (!text)
		return;
	pretty = img ? json_dumps(img, JSON_INDENT(2) | JSON_SORT_KEYS) : NULL;
	tmpl_set(row, name, pretty ? pretty : text);
	free(pretty);
}

enum ct_err
page_journal_entries(struct store *st, struct http_request *req,
		     const struct ct_case *c,
		     const struct journal_entry *entries, size_t from,
		     size_t to, struct tmpl_vars *v, const char *name,
		     struct ct_error *err)
{
	enum ct_zone z = ct_country_zone(c->jurisdiction);
	struct org *orgs = NULL;
	struct tmpl_vars *row;
	json_t *before, *after;
	char what[PAGE_JOURNAL_WHAT_MAX];
	size_t n_orgs = 0, i;
	enum ct_err rc;

	/* Organisation names are no personal data: all of them, once. */
	rc = store_org_list(st, req->arena, &orgs, &n_orgs, err);
	if (rc)
		return rc;
	tmpl_set_bool(v, "has_entries", to > from);
	tmpl_list_init(v, name);
	for (i = to; i > from; i--) {
		const struct journal_entry *e = &entries[i - 1];

		before = e->before_json ? json_loads(e->before_json, 0, NULL)
					: NULL;
		after = e->after_json ? json_loads(e->after_json, 0, NULL)
				      : NULL;
		row = tmpl_list_add(v, name);
		page_case_when(row, "at", z, e->at);
		page_journal_what(e, c->jurisdiction, after ? after : before,
				  orgs, n_orgs, what);
		tmpl_set(row, "what", what);
		tmpl_set(row, "who", e->actor_label);
		tmpl_set(row, "org",
			 page_journal_org_name(orgs, n_orgs, e->actor_org_id));
		tmpl_set_bool(row, "has_details",
			      e->before_json || e->after_json);
		page_journal_image(row, "before", before, e->before_json);
		page_journal_image(row, "after", after, e->after_json);
		json_decref(before);
		json_decref(after);
	}
	return CT_OK;
}

enum ct_err
page_journal(void *app, struct http_request *req, struct http_response *resp,
	     struct ct_error *err)
{
	const struct ct_case *c = page_case_of(req);
	struct store *st = api_store(app, err);
	struct journal_entry *e = NULL;
	struct tmpl_vars *v;
	char url[PAGE_JOURNAL_URL_MAX];
	size_t n = 0, skip, from, to;
	int64_t pagina = 1;
	enum ct_err rc;

	if (!st)
		return err->code ? err->code : CT_ERR_INTERNAL;
	http_request_param_int(req, "pagina", 1, &pagina);
	rc = store_journal_list(st, c->id, req->arena, &e, &n, err);
	if (rc)
		return api_store_failed(rc, err);
	/* Newest first: page p holds the entries p-1 pages from the end. */
	skip = (size_t)(pagina - 1) * PAGE_JOURNAL_PAGE_SIZE;
	to = skip < n ? n - skip : 0;
	from = to > PAGE_JOURNAL_PAGE_SIZE ? to - PAGE_JOURNAL_PAGE_SIZE : 0;
	v = page_case_vars(app, req, WEB_S_JOURNAL_TITLE);
	tmpl_setf(v, "total_words", "%zu %s", n,
		  web_str(c->jurisdiction, n == 1 ? WEB_S_JOURNAL_ENTRY
						  : WEB_S_JOURNAL_ENTRIES));
	rc = page_journal_entries(st, req, c, e, from, to, v, "entries", err);
	if (rc)
		return api_store_failed(rc, err);
	if (pagina > 1) {
		snprintf(url, sizeof(url), "/dossiers/%s/journaal?pagina=%lld",
			 c->id, (long long)(pagina - 1));
		tmpl_set(v, "prev_url", url);
	}
	if (from > 0) {
		snprintf(url, sizeof(url), "/dossiers/%s/journaal?pagina=%lld",
			 c->id, (long long)(pagina + 1));
		tmpl_set(v, "next_url", url);
	}
	return page_render(req, resp, 200, "journal", v, err);
}
