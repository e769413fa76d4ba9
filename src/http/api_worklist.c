/*
 * api_worklist.c - the work list and notifications over JSON.
 *
 * Thin handlers: the organisation comes from the session (never from the
 * request), the buckets from store_task_worklist() with the bounds of the
 * organisation's local day, the words from http/worklist_words.h.
 */
#include "http/api_worklist.h"

#include <string.h>

#include "http/api_common.h"
#include "http/app.h"
#include "http/worklist_words.h"
#include "store/store_notification.h"
#include "util/banned.h"

static const char *
zone_name(enum ct_zone z)
{
	return z == CT_ZONE_BRUSSELS ? "Europe/Brussels" : "Europe/Amsterdam";
}

json_t *
api_worklist_task_json(const struct task *t, int64_t now)
{
	enum ct_zone z = ct_country_zone(t->jurisdiction);
	char local[CT_ISO_SIZE], words[WORKLIST_WORDS_SIZE];
	json_t *j = api_json_object();

	api_json_set(j, "id", json_string(t->id));
	api_json_set(j, "case_id", json_string(t->case_id));
	api_json_set(j, "case_reference", json_string(t->case_reference));
	api_json_set(j, "org_id", json_string(t->org_id));
	api_json_set_text(j, "kind", t->kind);
	api_json_set_text(j, "title", t->title);
	api_json_set_text(j, "source", t->source);
	api_json_set_text(j, "rule_id", t->rule_id);
	api_json_set_instant(j, "due_at", t->due_at, 0);
	ct_instant_format_local(z, t->due_at, local);
	api_json_set(j, "due_local", json_string(local));
	worklist_words_deadline(z, t->due_at, words);
	api_json_set(j, "deadline", json_string(words));
	worklist_words_time_left(now, t->due_at, words);
	api_json_set(j, "time_left", json_string(words));
	api_json_set(j, "status",
		     json_string(store_task_status_code(t->status)));
	api_json_set_instant(j, "done_at", t->done_at, 1);
	api_json_set_text(j, "done_by", t->done_by);
	api_json_set(j, "version", json_integer(t->version));
	return j;
}

static enum ct_err
bucket_json(struct store *st, struct http_request *req, const char *org_id,
	    enum store_worklist_bucket bucket,
	    const struct store_worklist_bounds *b, const struct api_page *pg,
	    json_t **out, struct ct_error *err)
{
	struct store_worklist_query q;
	struct task *ts = NULL;
	size_t n = 0, total = 0, i;
	json_t *items, *obj;
	enum ct_err rc;

	memset(&q, 0, sizeof(q));
	q.org_id = org_id;
	q.bucket = bucket;
	q.bounds = *b;
	q.offset = pg->offset;
	q.limit = pg->limit;
	rc = store_task_worklist(st, &q, req->arena, &ts, &n, &total, err);
	if (rc)
		return api_store_failed(rc, err);
	items = api_json_array();
	for (i = 0; i < n; i++)
		api_json_append(items, api_worklist_task_json(&ts[i], b->now));
	obj = api_json_object();
	api_json_set(obj, "items", items);
	api_json_set(obj, "total", json_integer((json_int_t)total));
	*out = obj;
	return CT_OK;
}

enum ct_err
api_worklist_read(void *app, struct http_request *req,
		  struct http_response *resp, struct ct_error *err)
{
	static const struct {
		const char *name;
		enum store_worklist_bucket bucket;
	} buckets[] = {
		{"overdue", STORE_WORKLIST_OVERDUE},
		{"due", STORE_WORKLIST_DUE},
		{"coming", STORE_WORKLIST_COMING},
	};
	const struct app_session *s = app_session(req);
	struct store *st = api_store(app, err);
	struct store_worklist_bounds b;
	struct api_page pg;
	struct ct_date today;
	enum ct_zone z;
	char day[11];
	int64_t coming;
	json_t *body, *part = NULL;
	enum ct_err rc;
	size_t i;

	if (!st)
		return err->code;
	if (!s)
		CT_BUG("worklist without a session");
	z = ct_country_zone(s->org.country);
	http_request_param_int(req, "coming_days",
			       API_WORKLIST_COMING_DAYS_DEFAULT, &coming);
	api_page_read(req, &pg);
	store_worklist_bounds(z, api_now(app), (int)coming, &b);
	body = api_json_object();
	ct_local_date(z, b.now, &today);
	ct_date_format(&today, day);
	api_json_set(body, "today", json_string(day));
	api_json_set(body, "zone", json_string(zone_name(z)));
	api_json_set(body, "coming_days", json_integer(coming));
	api_json_set_instant(body, "now", b.now, 0);
	for (i = 0; i < CT_ARRAY_SIZE(buckets); i++) {
		rc = bucket_json(st, req, s->org.id, buckets[i].bucket, &b,
				 &pg, &part, err);
		if (rc) {
			json_decref(body);
			return rc;
		}
		api_json_set(body, buckets[i].name, part);
	}
	http_response_json(resp, req->arena, 200, body);
	return CT_OK;
}

enum ct_err
api_worklist_task_done(void *app, struct http_request *req,
		       struct http_response *resp, struct ct_error *err)
{
	struct store *st = api_store(app, err);
	struct store_actor who = app_actor(req);
	const char *case_id = http_request_param(req, "case_id");
	const char *task_id = http_request_param(req, "task_id");
	struct task t;
	enum ct_err rc;

	if (!st)
		return err->code;
	rc = store_task_done(st, &who, case_id, task_id, err);
	if (rc == CT_ERR_CONFLICT)
		return rc; /* keeps "De taak is al afgerond" */
	if (rc)
		return api_store_failed(rc, err);
	rc = store_task_get(st, task_id, req->arena, &t, err);
	if (rc)
		return api_store_failed(rc, err);
	http_response_json(resp, req->arena, 200,
			   api_worklist_task_json(&t, api_now(app)));
	return CT_OK;
}

static json_t *
notification_json(const struct notification *n)
{
	json_t *j = api_json_object();

	api_json_set(j, "id", json_string(n->id));
	api_json_set(j, "org_id", json_string(n->org_id));
	if (n->user_id[0])
		api_json_set(j, "user_id", json_string(n->user_id));
	if (n->task_id[0])
		api_json_set(j, "task_id", json_string(n->task_id));
	if (n->case_id[0]) {
		api_json_set(j, "case_id", json_string(n->case_id));
		api_json_set(j, "case_reference",
			     json_string(n->case_reference));
	}
	api_json_set_text(j, "kind", n->kind);
	api_json_set_text(j, "title", n->title);
	api_json_set_text(j, "body", n->body);
	api_json_set_instant(j, "created_at", n->created_at, 0);
	api_json_set(j, "read", json_boolean(n->read_at != 0));
	api_json_set_instant(j, "read_at", n->read_at, 1);
	api_json_set(j, "email_status",
		     json_string(store_notification_email_code(
			     n->email_status)));
	api_json_set(j, "email_attempts", json_integer(n->email_attempts));
	api_json_set_instant(j, "email_sent_at", n->email_sent_at, 1);
	return j;
}

enum ct_err
api_worklist_notifications(void *app, struct http_request *req,
			   struct http_response *resp, struct ct_error *err)
{
	const struct app_session *s = app_session(req);
	struct store *st = api_store(app, err);
	const char *unread = http_request_param(req, "unread");
	struct store_notification_filter f;
	struct notification *list = NULL;
	struct api_page pg;
	size_t n = 0, total = 0, i;
	json_t *items;
	enum ct_err rc;

	if (!st)
		return err->code;
	if (!s)
		CT_BUG("notifications without a session");
	api_page_read(req, &pg);
	memset(&f, 0, sizeof(f));
	f.org_id = s->org.id;
	f.user_id = s->user.id;
	f.unread_only = unread && strcmp(unread, "true") == 0;
	f.offset = pg.offset;
	f.limit = pg.limit;
	rc = store_notification_list(st, &f, req->arena, &list, &n, &total,
				     err);
	if (rc)
		return api_store_failed(rc, err);
	items = api_json_array();
	for (i = 0; i < n; i++)
		api_json_append(items, notification_json(&list[i]));
	/* The page is already cut by the store: items are pg's rows. */
	{
		json_t *body = api_json_object();

		api_json_set(body, "items", items);
		api_json_set(body, "total", json_integer((json_int_t)total));
		api_json_set(body, "limit", json_integer((json_int_t)pg.limit));
		api_json_set(body, "offset",
			     json_integer((json_int_t)pg.offset));
		http_response_json(resp, req->arena, 200, body);
	}
	return CT_OK;
}

enum ct_err
api_worklist_notification_read(void *app, struct http_request *req,
			       struct http_response *resp,
			       struct ct_error *err)
{
	const struct app_session *s = app_session(req);
	struct store *st = api_store(app, err);
	const char *id = http_request_param(req, "notification_id");
	json_t *body;
	enum ct_err rc;

	if (!st)
		return err->code;
	if (!s)
		CT_BUG("notification read without a session");
	rc = store_notification_mark_read(st, s->org.id, s->user.id, id,
					  api_now(app), err);
	if (rc)
		return api_store_failed(rc, err);
	body = api_json_object();
	api_json_set(body, "id", json_string(id));
	api_json_set(body, "read", json_true());
	http_response_json(resp, req->arena, 200, body);
	return CT_OK;
}
