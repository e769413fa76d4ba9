/*
 * api_incidents.c - incidents of a case over JSON.
 */
#include "http/api_incidents.h"

#include <stdio.h>
#include <string.h>

#include "core/model_json.h"
#include "core/validate.h"
#include "http/api_common.h"
#include "http/app.h"
#include "util/banned.h"

enum ct_err
api_incidents_list(void *app, struct http_request *req,
		   struct http_response *resp, struct ct_error *err)
{
	struct store *st = api_store(app, err);
	struct api_page pg;
	struct incident *ins = NULL;
	size_t n = 0, i;
	json_t *items;
	enum ct_err rc;

	if (!st)
		return err->code;
	rc = store_incident_list(st, http_request_param(req, "case_id"),
				 req->arena, &ins, &n, err);
	if (rc)
		return api_store_failed(rc, err);
	api_page_read(req, &pg);
	items = api_json_array();
	for (i = 0; i < n; i++)
		if (api_page_contains(&pg, i))
			api_json_append(items, incident_to_json(&ins[i]));
	api_list_respond(req, resp, items, n, &pg);
	return CT_OK;
}

enum ct_err
api_incidents_add_body(void *app, struct http_request *req, const char *case_id,
		       const json_t *body, struct incident *out,
		       struct ct_error *err)
{
	struct store *st = api_store(app, err);
	struct store_actor who = app_actor(req);
	enum ct_err rc;

	if (!st)
		return err->code;
	memset(out, 0, sizeof(*out));
	out->severity = SEVERITY_UNKNOWN;
	snprintf(out->case_id, sizeof(out->case_id), "%s", case_id);
	if (!incident_from_json(body, MODEL_JSON_CREATE, out, &req->problems))
		incident_validate(out, api_now(app), &req->problems);
	rc = api_check_problems(req, err);
	if (rc)
		return rc;
	rc = store_incident_add(st, &who, out, err);
	if (rc)
		return api_store_failed(rc, err);
	return CT_OK;
}

enum ct_err
api_incidents_add(void *app, struct http_request *req,
		  struct http_response *resp, struct ct_error *err)
{
	struct incident in;
	enum ct_err rc;

	rc = api_incidents_add_body(app, req,
				    http_request_param(req, "case_id"),
				    req->body_json, &in, err);
	if (rc)
		return rc;
	http_response_json(resp, req->arena, 201, incident_to_json(&in));
	return CT_OK;
}
