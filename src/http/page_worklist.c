/*
 * page_worklist.c - the home page: the work list of the user's
 * organisation (overdue, due today and tomorrow, coming), and the case
 * list with its filters and pages (see pages.h).
 *
 * Design: the same store queries as the API's work list and case list
 * (store_task_worklist, store_case_list) with the same bounds, so the
 * page and GET /api/v1/worklist never disagree; deadlines and the time
 * left come in words from worklist_words.h in the zone of each task's
 * case. Every value goes through the template's escaping.
 */
#include "http/pages.h"

#include <stdint.h>
#include <string.h>

#include "core/vocab.h"
#include "http/api_common.h"
#include "http/api_worklist.h"
#include "http/app.h"
#include "http/worklist_words.h"
#include "store/store_task.h"
#include "web/strings.h"
#include "util/banned.h"

#define PAGE_WORKLIST_LIMIT 100
#define PAGE_CASES_LIMIT 25

static const char *const page_status_codes[] = {"open", "closed", NULL};

const struct http_param_spec page_cases_query[5] = {
	HTTP_PARAM_STRING_SPEC("kenmerk", 0, CT_REFERENCE_SIZE - 1),
	HTTP_PARAM_STRING_SPEC("regio", 0, CT_REGION_MAX),
	HTTP_PARAM_ENUM_SPEC("status", 0, page_status_codes),
	HTTP_PARAM_INT_SPEC("pagina", 0, 1, 100000),
	HTTP_PARAM_INT_SPEC("limit", 0, 1, 100),
};

static enum ct_err
page_bucket(struct store *st, struct http_request *req,
	    const struct app_session *s, struct tmpl_vars *v,
	    enum store_worklist_bucket bucket, const char *id,
	    enum web_string_id heading, const struct store_worklist_bounds *b,
	    struct ct_error *err)
{
	struct store_worklist_query q;
	struct tmpl_vars *sec, *row;
	struct task *ts = NULL;
	size_t n = 0, total = 0, i;
	char words[WORKLIST_WORDS_SIZE];
	enum ct_zone z;
	enum ct_err rc;

	memset(&q, 0, sizeof(q));
	q.org_id = s->org.id;
	q.bucket = bucket;
	q.bounds = *b;
	q.limit = PAGE_WORKLIST_LIMIT;
	rc = store_task_worklist(st, &q, req->arena, &ts, &n, &total, err);
	if (rc)
		return rc;
	sec = tmpl_list_add(v, "buckets");
	tmpl_set(sec, "id", id);
	tmpl_set(sec, "heading", web_str(s->org.country, heading));
	tmpl_set_int(sec, "total", (int64_t)total);
	tmpl_set_bool(sec, "has_tasks", n > 0);
	tmpl_list_init(sec, "tasks");
	for (i = 0; i < n; i++) {
		z = ct_country_zone(ts[i].jurisdiction);
		row = tmpl_list_add(sec, "tasks");
		tmpl_set(row, "title", ts[i].title);
		tmpl_set(row, "case_id", ts[i].case_id);
		tmpl_set(row, "reference", ts[i].case_reference);
		worklist_words_deadline(z, ts[i].due_at, words);
		tmpl_set(row, "deadline", words);
		worklist_words_time_left(b->now, ts[i].due_at, words);
		tmpl_set(row, "time_left", words);
		tmpl_set_bool(row, "overdue", ts[i].due_at < b->now);
		tmpl_set(row, "rule", ts[i].rule_id);
	}
	return CT_OK;
}

enum ct_err
page_worklist(void *app, struct http_request *req, struct http_response *resp,
	      struct ct_error *err)
{
	const struct app_session *s = app_session(req);
	struct store *st = api_store(app, err);
	struct store_worklist_bounds b;
	struct ct_date today;
	struct tmpl_vars *v;
	enum ct_zone z;
	char day[11];
	enum ct_err rc;

	if (!st)
		return err->code ? err->code : CT_ERR_INTERNAL;
	if (!s)
		CT_BUG("worklist page without a session");
	z = ct_country_zone(s->org.country);
	store_worklist_bounds(z, app_now(app), API_WORKLIST_COMING_DAYS_DEFAULT,
			      &b);
	v = page_vars_new(app, req,
			  web_str(s->org.country, WEB_S_WORKLIST_TITLE));
	tmpl_set_bool(v, "nav_worklist", 1);
	tmpl_set(v, "org", s->org.name);
	ct_local_date(z, b.now, &today);
	ct_date_format(&today, day);
	tmpl_set(v, "today", day);
	rc = page_bucket(st, req, s, v, STORE_WORKLIST_OVERDUE, "te-laat",
			 WEB_S_WORKLIST_OVERDUE, &b, err);
	if (!rc)
		rc = page_bucket(st, req, s, v, STORE_WORKLIST_DUE, "vandaag",
				 WEB_S_WORKLIST_DUE, &b, err);
	if (!rc)
		rc = page_bucket(st, req, s, v, STORE_WORKLIST_COMING,
				 "binnenkort", WEB_S_WORKLIST_COMING, &b, err);
	if (rc)
		return api_store_failed(rc, err);
	return page_render(req, resp, 200, "worklist", v, err);
}

static void
page_status_options(struct tmpl_vars *v, const char *chosen, enum ct_country c)
{
	static const struct {
		const char *code;
		enum web_string_id label;
	} opts[] = {
		{"", WEB_S_CASES_ANY},
		{"open", WEB_S_STATUS_OPEN},
		{"closed", WEB_S_STATUS_CLOSED},
	};
	struct tmpl_vars *o;
	size_t i;

	for (i = 0; i < CT_ARRAY_SIZE(opts); i++) {
		o = tmpl_list_add(v, "statuses");
		tmpl_set(o, "value", opts[i].code);
		tmpl_set(o, "label", web_str(c, opts[i].label));
		tmpl_set_bool(o, "selected",
			      strcmp(chosen ? chosen : "", opts[i].code) == 0);
	}
}

enum ct_err
page_cases(void *app, struct http_request *req, struct http_response *resp,
	   struct ct_error *err)
{
	const struct app_session *s = app_session(req);
	struct store *st = api_store(app, err);
	const char *status = http_request_param(req, "status");
	const char *reference = http_request_param(req, "kenmerk");
	struct store_case_filter f;
	struct ct_case *cases = NULL;
	struct tmpl_vars *v, *row;
	size_t n = 0, total = 0, i;
	int64_t pagina = 1, limit = PAGE_CASES_LIMIT;
	char opened[11];
	struct ct_date d;
	enum ct_err rc;

	if (!st)
		return err->code ? err->code : CT_ERR_INTERNAL;
	if (!s)
		CT_BUG("case list page without a session");
	http_request_param_int(req, "pagina", 1, &pagina);
	http_request_param_int(req, "limit", PAGE_CASES_LIMIT, &limit);
	store_case_filter_init(&f);
	f.member_org_id = s->user.org_id;
	f.region = http_request_param(req, "regio");
	if (status)
		f.status = vocab_index(&vocab_case_status, status);
	f.reference_part = reference;
	f.limit = (size_t)limit;
	f.offset = (size_t)((pagina - 1) * limit);
	rc = store_case_list(st, &f, req->arena, &cases, &n, &total, err);
	if (rc)
		return api_store_failed(rc, err);
	v = page_vars_new(app, req, web_str(s->org.country, WEB_S_CASES_TITLE));
	tmpl_set_bool(v, "nav_cases", 1);
	/* case.list and case.create share one rule in core/policy.c: whoever
	 * sees this list may open a new case. */
	tmpl_set_bool(v, "may_create", 1);
	tmpl_set(v, "reference", reference);
	tmpl_set(v, "region", f.region);
	page_status_options(v, status, s->org.country);
	tmpl_list_init(v, "cases");
	for (i = 0; i < n; i++) {
		row = tmpl_list_add(v, "cases");
		tmpl_set(row, "id", cases[i].id);
		tmpl_set(row, "reference", cases[i].reference);
		tmpl_set(row, "region", cases[i].region);
		tmpl_set(row, "status",
			 web_str(s->org.country,
				 cases[i].status == CASE_STATUS_CLOSED
					 ? WEB_S_STATUS_CLOSED
					 : WEB_S_STATUS_OPEN));
		ct_local_date(ct_country_zone(cases[i].jurisdiction),
			      cases[i].created_at, &d);
		ct_date_format(&d, opened);
		tmpl_set(row, "opened", opened);
	}
	tmpl_set_bool(v, "has_cases", n > 0);
	tmpl_setf(v, "total_words", "%zu %s", total,
		  total == 1 ? "dossier" : "dossiers");
	/* The pager's links repeat the filters; the template encodes them. */
	tmpl_set(v, "status_code", status);
	tmpl_set_int(v, "limit", limit);
	if (pagina > 1)
		tmpl_set_int(v, "prev_page", pagina - 1);
	if ((size_t)(pagina * limit) < total)
		tmpl_set_int(v, "next_page", pagina + 1);
	return page_render(req, resp, 200, "cases", v, err);
}
