/*
 * api_access_log.c - querying the access log over JSON.
 */
#include "http/api_access_log.h"

#include <string.h>

#include "http/api_common.h"
#include "http/app.h"
#include "util/civtime.h"
#include "util/banned.h"

json_t *
api_access_entry_json(const struct access_entry *e)
{
	const struct access_record *r = &e->rec;
	json_t *j = api_json_object();

	api_json_set(j, "seq", json_integer((json_int_t)e->seq));
	api_json_set_instant(j, "at", r->at, 0);
	api_json_set_text(j, "request_id", r->request_id);
	api_json_set_text(j, "user_id", r->user_id);
	api_json_set_text(j, "org_id", r->org_id);
	api_json_set_text(j, "roles", r->roles);
	api_json_set_text(j, "action", r->action);
	api_json_set_text(j, "case_id", r->case_id);
	api_json_set_text(j, "person_id", r->person_id);
	api_json_set_text(j, "purpose", r->purpose);
	api_json_set(j, "allowed", json_boolean(r->allowed));
	api_json_set_text(j, "reason", r->reason);
	api_json_set(j, "break_glass", json_boolean(r->break_glass));
	api_json_set(j, "prev_hash", json_string(e->prev_hash));
	api_json_set(j, "hash", json_string(e->hash));
	return j;
}

/*
 * Midnight UTC at the start of a validated date parameter into *out; 0
 * when absent. The store reads 0 as "open", so a day at or before 1970
 * (no access log exists then) is moved to the first second.
 */
static int
api_access_log_day(const struct http_request *req, const char *name,
		   int64_t *out)
{
	const char *v = http_request_param(req, name);
	struct ct_date d;
	int64_t t;

	if (!v || ct_date_parse(v, &d) != CT_OK)
		return 0;
	t = ct_days_from_date(&d) * 86400;
	*out = t < 1 ? 1 : t;
	return 1;
}

enum ct_err
api_access_log_query(void *app, struct http_request *req,
		     struct http_response *resp, struct ct_error *err)
{
	struct store *st = api_store(app, err);
	struct access_log_query q;
	struct api_page pg;
	struct access_entry *entries = NULL;
	size_t n = 0, total = 0, i;
	const char *allowed;
	json_t *items;
	enum ct_err rc;

	if (!st)
		return err->code;
	access_log_query_init(&q);
	q.user_id = http_request_param(req, "user_id");
	q.person_id = http_request_param(req, "person_id");
	q.case_id = http_request_param(req, "case_id");
	q.org_id = http_request_param(req, "org_id");
	allowed = http_request_param(req, "allowed");
	if (allowed)
		q.allowed = strcmp(allowed, "true") == 0;
	api_access_log_day(req, "from", &q.from);
	if (api_access_log_day(req, "to", &q.to))
		q.to += 86400 - 1; /* the whole last day */
	if (q.from && q.to && q.from > q.to) {
		ct_problems_add(&req->problems, "to",
				"ligt voor 'from'; draai ze om");
		return api_check_problems(req, err);
	}
	api_page_read(req, &pg);
	q.limit = pg.limit;
	q.offset = pg.offset;
	rc = store_access_log_query(st, &q, req->arena, &entries, &n, &total,
				    err);
	if (rc)
		return api_store_failed(rc, err);
	items = api_json_array();
	for (i = 0; i < n; i++)
		api_json_append(items, api_access_entry_json(&entries[i]));
	api_list_respond(req, resp, items, total, &pg);
	return CT_OK;
}
