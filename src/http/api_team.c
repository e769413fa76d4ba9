/*
 * api_team.c - the case team over JSON: who is on the table, joining and
 * leaving with a recorded reason.
 */
#include "http/api_team.h"

#include <string.h>

#include "http/api_common.h"
#include "http/app.h"
#include "util/banned.h"

json_t *
api_team_member_json(const struct team_member *m)
{
	json_t *j = api_json_object();

	api_json_set(j, "org_id", json_string(m->org_id));
	api_json_set_text(j, "org_name", m->org_name);
	api_json_set_text(j, "reason", m->reason);
	api_json_set_text(j, "added_by", m->added_by);
	api_json_set_instant(j, "added_at", m->added_at, 0);
	api_json_set_instant(j, "removed_at", m->removed_at, 1);
	api_json_set_text(j, "removed_reason", m->removed_reason);
	api_json_set(j, "is_owner", json_boolean(m->is_owner));
	return j;
}

void
api_team_check_reason(struct http_request *req, const char *field,
		      const char *reason)
{
	size_t len = reason ? strlen(reason) : 0;

	if (len < STORE_REASON_MIN || len > STORE_REASON_MAX)
		ct_problems_add(&req->problems, field,
				"geef een reden van %d tot %d tekens",
				STORE_REASON_MIN, STORE_REASON_MAX);
}

enum ct_err
api_team_list(void *app, struct http_request *req, struct http_response *resp,
	      struct ct_error *err)
{
	struct store *st = api_store(app, err);
	struct api_page pg;
	struct team_member *members = NULL;
	size_t n = 0, i;
	json_t *items;
	enum ct_err rc;

	if (!st)
		return err->code;
	rc = store_team_list(st, http_request_param(req, "case_id"), 0,
			     req->arena, &members, &n, err);
	if (rc)
		return api_store_failed(rc, err);
	api_page_read(req, &pg);
	items = api_json_array();
	for (i = 0; i < n; i++)
		if (api_page_contains(&pg, i))
			api_json_append(items,
					api_team_member_json(&members[i]));
	api_list_respond(req, resp, items, n, &pg);
	return CT_OK;
}

static const char *
api_team_body_text(const struct http_request *req, const char *name)
{
	return json_string_value(json_object_get(req->body_json, name));
}

enum ct_err
api_team_add_member(void *app, struct http_request *req, const char *case_id,
		    const char *org_id, const char *reason, struct org *out,
		    struct ct_error *err)
{
	struct store *st = api_store(app, err);
	struct store_actor who = app_actor(req);
	enum ct_err rc;

	if (!st)
		return err->code;
	api_team_check_reason(req, "reason", reason);
	if (!org_id)
		ct_problems_add(&req->problems, "org_id",
				"kies een organisatie");
	else if (store_org_get(st, org_id, req->arena, out, NULL) != CT_OK)
		ct_problems_add(&req->problems, "org_id",
				"deze organisatie bestaat niet");
	rc = api_check_problems(req, err);
	if (rc)
		return rc;
	rc = store_team_add(st, &who, case_id, org_id, reason, err);
	if (rc == CT_ERR_EXISTS)
		return ct_error_set(err, rc,
				    "Deze organisatie zit al in het "
				    "casusteam.");
	if (rc)
		return api_store_failed(rc, err);
	return CT_OK;
}

enum ct_err
api_team_remove_member(void *app, struct http_request *req, const char *case_id,
		       const char *org_id, const char *reason,
		       struct ct_error *err)
{
	struct store *st = api_store(app, err);
	struct store_actor who = app_actor(req);
	enum ct_err rc;

	if (!st)
		return err->code;
	api_team_check_reason(req, "reason", reason);
	rc = api_check_problems(req, err);
	if (rc)
		return rc;
	rc = store_team_remove(st, &who, case_id, org_id, reason, err);
	if (rc == CT_ERR_DENIED)
		return ct_error_set(err, rc,
				    "De eigenaar van de zaak kan het "
				    "casusteam niet verlaten.");
	if (rc)
		return api_store_failed(rc, err);
	return CT_OK;
}

enum ct_err
api_team_add(void *app, struct http_request *req, struct http_response *resp,
	     struct ct_error *err)
{
	const char *case_id = http_request_param(req, "case_id");
	const char *org_id = api_team_body_text(req, "org_id");
	const char *reason = api_team_body_text(req, "reason");
	struct org o;
	json_t *body;
	enum ct_err rc;

	rc = api_team_add_member(app, req, case_id, org_id, reason, &o, err);
	if (rc)
		return rc;
	body = api_json_object();
	api_json_set(body, "case_id", json_string(case_id));
	api_json_set(body, "org_id", json_string(org_id));
	api_json_set_text(body, "org_name", o.name);
	api_json_set(body, "reason", json_string(reason));
	http_response_json(resp, req->arena, 201, body);
	return CT_OK;
}

enum ct_err
api_team_remove(void *app, struct http_request *req, struct http_response *resp,
		struct ct_error *err)
{
	const char *case_id = http_request_param(req, "case_id");
	const char *org_id = http_request_param(req, "org_id");
	const char *reason = api_team_body_text(req, "reason");
	json_t *body;
	enum ct_err rc;

	rc = api_team_remove_member(app, req, case_id, org_id, reason, err);
	if (rc)
		return rc;
	body = api_json_object();
	api_json_set(body, "case_id", json_string(case_id));
	api_json_set(body, "org_id", json_string(org_id));
	api_json_set(body, "removed", json_true());
	http_response_json(resp, req->arena, 200, body);
	return CT_OK;
}
