/*
 * api_orgs.c - organisations over JSON: list (paged in memory: there are
 * tens, not thousands), create, read one.
 */
#include "http/api_orgs.h"

#include <string.h>

#include "core/model_json.h"
#include "core/validate.h"
#include "http/api_common.h"
#include "http/app.h"
#include "util/banned.h"

enum ct_err
api_orgs_list(void *app, struct http_request *req, struct http_response *resp,
	      struct ct_error *err)
{
	struct store *st = api_store(app, err);
	struct api_page pg;
	struct org *orgs = NULL;
	size_t n = 0, i;
	json_t *items;
	enum ct_err rc;

	if (!st)
		return err->code;
	rc = store_org_list(st, req->arena, &orgs, &n, err);
	if (rc)
		return api_store_failed(rc, err);
	api_page_read(req, &pg);
	items = api_json_array();
	for (i = 0; i < n; i++)
		if (api_page_contains(&pg, i))
			api_json_append(items, org_to_json(&orgs[i]));
	api_list_respond(req, resp, items, n, &pg);
	return CT_OK;
}

enum ct_err
api_orgs_create(void *app, struct http_request *req,
		struct http_response *resp, struct ct_error *err)
{
	struct store *st = api_store(app, err);
	struct store_actor who = app_actor(req);
	struct org o;
	enum ct_err rc;

	if (!st)
		return err->code;
	memset(&o, 0, sizeof(o));
	if (!org_from_json(req->body_json, MODEL_JSON_CREATE, &o,
			   &req->problems))
		org_validate(&o, &req->problems);
	rc = api_check_problems(req, err);
	if (rc)
		return rc;
	rc = store_org_create(st, &who, &o, err);
	if (rc)
		return api_store_failed(rc, err);
	http_response_json(resp, req->arena, 201, org_to_json(&o));
	return CT_OK;
}

enum ct_err
api_orgs_read(void *app, struct http_request *req, struct http_response *resp,
	      struct ct_error *err)
{
	struct store *st = api_store(app, err);
	const char *id = http_request_param(req, "org_id");
	struct org o;
	enum ct_err rc;

	if (!st)
		return err->code;
	rc = store_org_get(st, id, req->arena, &o, err);
	if (rc)
		return api_store_failed(rc, err);
	http_response_json(resp, req->arena, 200, org_to_json(&o));
	return CT_OK;
}
