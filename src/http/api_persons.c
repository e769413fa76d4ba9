/*
 * api_persons.c - persons of a case over JSON.
 *
 * The router checked access to the case in the path; this file makes
 * sure the person in the path is of that case before anything else.
 */
#include "http/api_persons.h"

#include <stdio.h>
#include <string.h>

#include "core/model_json.h"
#include "core/validate.h"
#include "http/api_common.h"
#include "http/app.h"
#include "util/banned.h"

/* The person in the path, if it belongs to the case in the path. */
static enum ct_err
api_persons_load(struct store *st, struct http_request *req,
		 struct person *out, struct ct_error *err)
{
	const char *case_id = http_request_param(req, "case_id");
	enum ct_err rc;

	rc = store_person_get(st, http_request_param(req, "person_id"),
			      req->arena, out, err);
	if (rc)
		return api_store_failed(rc, err);
	if (strcmp(out->case_id, case_id) != 0)
		return api_not_found(err);
	return CT_OK;
}

enum ct_err
api_persons_list(void *app, struct http_request *req,
		 struct http_response *resp, struct ct_error *err)
{
	struct store *st = api_store(app, err);
	struct api_page pg;
	struct person *persons = NULL;
	size_t n = 0, i;
	json_t *items;
	enum ct_err rc;

	if (!st)
		return err->code;
	rc = store_person_list(st, http_request_param(req, "case_id"),
			       req->arena, &persons, &n, err);
	if (rc)
		return api_store_failed(rc, err);
	api_page_read(req, &pg);
	items = api_json_array();
	for (i = 0; i < n; i++)
		if (api_page_contains(&pg, i))
			api_json_append(items, person_to_json(&persons[i]));
	api_list_respond(req, resp, items, n, &pg);
	return CT_OK;
}

enum ct_err
api_persons_add_body(void *app, struct http_request *req, const char *case_id,
		     const json_t *body, struct person *out,
		     struct ct_error *err)
{
	struct store *st = api_store(app, err);
	struct store_actor who = app_actor(req);
	enum ct_err rc;

	if (!st)
		return err->code;
	memset(out, 0, sizeof(*out));
	snprintf(out->case_id, sizeof(out->case_id), "%s", case_id);
	if (!person_from_json(body, MODEL_JSON_CREATE, out, &req->problems))
		person_validate(out, api_now(app), &req->problems);
	rc = api_check_problems(req, err);
	if (rc)
		return rc;
	rc = store_person_add(st, &who, out, err);
	if (rc)
		return api_store_failed(rc, err);
	return CT_OK;
}

enum ct_err
api_persons_add(void *app, struct http_request *req, struct http_response *resp,
		struct ct_error *err)
{
	struct person p;
	enum ct_err rc;

	rc = api_persons_add_body(app, req, http_request_param(req, "case_id"),
				  req->body_json, &p, err);
	if (rc)
		return rc;
	http_response_json(resp, req->arena, 201, person_to_json(&p));
	return CT_OK;
}

enum ct_err
api_persons_read(void *app, struct http_request *req,
		 struct http_response *resp, struct ct_error *err)
{
	struct store *st = api_store(app, err);
	struct person p;
	enum ct_err rc;

	if (!st)
		return err->code;
	rc = api_persons_load(st, req, &p, err);
	if (rc)
		return rc;
	http_response_json(resp, req->arena, 200, person_to_json(&p));
	return CT_OK;
}

enum ct_err
api_persons_update(void *app, struct http_request *req,
		   struct http_response *resp, struct ct_error *err)
{
	struct store *st = api_store(app, err);
	struct store_actor who = app_actor(req);
	struct person p;
	int64_t read_version;
	enum ct_err rc;

	if (!st)
		return err->code;
	rc = api_persons_load(st, req, &p, err);
	if (rc)
		return rc;
	read_version = p.version;
	if (!person_from_json(req->body_json, MODEL_JSON_UPDATE, &p,
			      &req->problems))
		person_validate(&p, api_now(app), &req->problems);
	rc = api_check_problems(req, err);
	if (rc)
		return rc;
	if (p.version != read_version)
		return api_conflict(err);
	rc = store_person_update(st, &who, &p, err);
	if (rc)
		return api_store_failed(rc, err);
	http_response_json(resp, req->arena, 200, person_to_json(&p));
	return CT_OK;
}
