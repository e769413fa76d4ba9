/*
 * api_break_glass.c - emergency access over JSON: open a grant, list
 * grants for review, review one.
 */
#include "http/api_break_glass.h"

#include <stdio.h>
#include <string.h>

#include "http/api_common.h"
#include "http/api_team.h"
#include "http/app.h"
#include "util/banned.h"

json_t *
api_break_glass_json(const struct break_glass *b)
{
	json_t *j = api_json_object();

	api_json_set(j, "id", json_string(b->id));
	api_json_set(j, "user_id", json_string(b->user_id));
	api_json_set(j, "org_id", json_string(b->org_id));
	api_json_set(j, "case_id", json_string(b->case_id));
	if (b->owner_org_id[0])
		api_json_set(j, "owner_org_id", json_string(b->owner_org_id));
	api_json_set_text(j, "reason", b->reason);
	api_json_set_instant(j, "created_at", b->created_at, 0);
	api_json_set_instant(j, "expires_at", b->expires_at, 0);
	api_json_set_text(j, "reviewed_by", b->reviewed_by);
	api_json_set_instant(j, "reviewed_at", b->reviewed_at, 1);
	api_json_set_text(j, "review_note", b->review_note);
	return j;
}

enum ct_err
api_break_glass_open(void *app, struct http_request *req,
		     struct http_response *resp, struct ct_error *err)
{
	const struct app_session *s = app_session(req);
	const struct app *a = app;
	struct store *st = api_store(app, err);
	struct store_actor who = app_actor(req);
	const char *reason;
	struct break_glass b;
	enum ct_err rc;

	if (!st)
		return err->code;
	if (!s)
		CT_BUG("break-glass route without a session");
	reason = json_string_value(json_object_get(req->body_json, "reason"));
	api_team_check_reason(req, "reason", reason);
	rc = api_check_problems(req, err);
	if (rc)
		return rc;
	memset(&b, 0, sizeof(b));
	memcpy(b.user_id, s->user.id, sizeof(b.user_id));
	memcpy(b.org_id, s->user.org_id, sizeof(b.org_id));
	snprintf(b.case_id, sizeof(b.case_id), "%s",
		 http_request_param(req, "case_id"));
	b.reason = reason;
	b.created_at = api_now(app);
	b.expires_at = b.created_at + a->cfg.break_glass_seconds;
	rc = store_break_glass_open(st, &who, &b, err);
	if (rc)
		return api_store_failed(rc, err);
	http_response_json(resp, req->arena, 201, api_break_glass_json(&b));
	return CT_OK;
}

enum ct_err
api_break_glass_list(void *app, struct http_request *req,
		     struct http_response *resp, struct ct_error *err)
{
	struct store *st = api_store(app, err);
	struct store_break_glass_filter f;
	struct api_page pg;
	struct break_glass *grants = NULL;
	size_t n = 0, total = 0, i;
	const char *unreviewed = http_request_param(req, "unreviewed");
	json_t *items;
	enum ct_err rc;

	if (!st)
		return err->code;
	memset(&f, 0, sizeof(f));
	f.unreviewed_only = unreviewed && strcmp(unreviewed, "true") == 0;
	api_page_read(req, &pg);
	f.limit = pg.limit;
	f.offset = pg.offset;
	rc = store_break_glass_list(st, &f, req->arena, &grants, &n, &total,
				    err);
	if (rc)
		return api_store_failed(rc, err);
	items = api_json_array();
	for (i = 0; i < n; i++)
		api_json_append(items, api_break_glass_json(&grants[i]));
	api_list_respond(req, resp, items, total, &pg);
	return CT_OK;
}

enum ct_err
api_break_glass_review(void *app, struct http_request *req,
		       struct http_response *resp, struct ct_error *err)
{
	struct store *st = api_store(app, err);
	struct store_actor who = app_actor(req);
	const char *id = http_request_param(req, "grant_id");
	const char *note;
	json_t *body;
	enum ct_err rc;

	if (!st)
		return err->code;
	note = json_string_value(json_object_get(req->body_json, "note"));
	rc = store_break_glass_review(st, &who, id, note, err);
	if (rc)
		return api_store_failed(rc, err);
	body = api_json_object();
	api_json_set(body, "id", json_string(id));
	api_json_set(body, "reviewed", json_true());
	api_json_set(body, "review_note", json_string(note));
	http_response_json(resp, req->arena, 200, body);
	return CT_OK;
}
