/*
 * api_relations.c - relations of a case over JSON.
 */
#include "http/api_relations.h"

#include <stdio.h>
#include <string.h>

#include "core/model_json.h"
#include "core/validate.h"
#include "http/api_common.h"
#include "http/app.h"
#include "util/banned.h"

enum ct_err
api_relations_list(void *app, struct http_request *req,
		   struct http_response *resp, struct ct_error *err)
{
	struct store *st = api_store(app, err);
	struct api_page pg;
	struct relation *rels = NULL;
	size_t n = 0, i;
	json_t *items;
	enum ct_err rc;

	if (!st)
		return err->code;
	rc = store_relation_list(st, http_request_param(req, "case_id"),
				 req->arena, &rels, &n, err);
	if (rc)
		return api_store_failed(rc, err);
	api_page_read(req, &pg);
	items = api_json_array();
	for (i = 0; i < n; i++)
		if (api_page_contains(&pg, i))
			api_json_append(items, relation_to_json(&rels[i]));
	api_list_respond(req, resp, items, n, &pg);
	return CT_OK;
}

/* A problem under field unless person id is of case case_id. */
static void
api_relations_check_person(struct store *st, struct http_request *req,
			   const char *field, const char *id,
			   const char *case_id)
{
	struct person p;

	if (!id[0])
		return; /* already reported by the reader */
	if (store_person_get(st, id, req->arena, &p, NULL) != CT_OK ||
	    strcmp(p.case_id, case_id) != 0)
		ct_problems_add(&req->problems, field,
				"deze persoon hoort niet bij deze zaak");
}

enum ct_err
api_relations_add_body(void *app, struct http_request *req, const char *case_id,
		       const json_t *body, struct relation *out,
		       struct ct_error *err)
{
	struct store *st = api_store(app, err);
	struct store_actor who = app_actor(req);
	enum ct_err rc;

	if (!st)
		return err->code;
	memset(out, 0, sizeof(*out));
	snprintf(out->case_id, sizeof(out->case_id), "%s", case_id);
	if (!relation_from_json(body, out, &req->problems)) {
		relation_validate(out, &req->problems);
		api_relations_check_person(st, req, "person_a", out->person_a,
					   case_id);
		api_relations_check_person(st, req, "person_b", out->person_b,
					   case_id);
	}
	rc = api_check_problems(req, err);
	if (rc)
		return rc;
	rc = store_relation_add(st, &who, out, err);
	if (rc)
		return api_store_failed(rc, err);
	return CT_OK;
}

enum ct_err
api_relations_add(void *app, struct http_request *req,
		  struct http_response *resp, struct ct_error *err)
{
	struct relation r;
	enum ct_err rc;

	rc = api_relations_add_body(app, req,
				    http_request_param(req, "case_id"),
				    req->body_json, &r, err);
	if (rc)
		return rc;
	http_response_json(resp, req->arena, 201, relation_to_json(&r));
	return CT_OK;
}
