/*
 * api_relations.h - relations between persons of a case: GET/POST
 * /api/v1/cases/{case_id}/relations. Both persons must belong to the case
 * in the path; otherwise a field problem names the one that does not.
 */
#ifndef CT_HTTP_API_RELATIONS_H
#define CT_HTTP_API_RELATIONS_H

#include <jansson.h>

#include "core/model.h"
#include "http/router.h"

enum ct_err api_relations_list(void *app, struct http_request *req,
			       struct http_response *resp,
			       struct ct_error *err);
enum ct_err api_relations_add(void *app, struct http_request *req,
			      struct http_response *resp,
			      struct ct_error *err);

/*
 * What POST .../relations does, for the pages too: read body strictly,
 * validate with core, check both persons are of case_id, store and
 * journal. CT_ERR_INVALID with every problem in req->problems and
 * nothing written; on CT_OK *out is the stored relation.
 */
enum ct_err api_relations_add_body(void *app, struct http_request *req,
				   const char *case_id, const json_t *body,
				   struct relation *out, struct ct_error *err);

#endif
