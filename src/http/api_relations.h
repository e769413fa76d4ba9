/*
 * api_relations.h - relations between persons of a case: GET/POST
 * /api/v1/cases/{case_id}/relations. Both persons must belong to the case
 * in the path; otherwise a field problem names the one that does not.
 */
#ifndef CT_HTTP_API_RELATIONS_H
#define CT_HTTP_API_RELATIONS_H

#include "http/router.h"

enum ct_err api_relations_list(void *app, struct http_request *req,
			       struct http_response *resp,
			       struct ct_error *err);
enum ct_err api_relations_add(void *app, struct http_request *req,
			      struct http_response *resp,
			      struct ct_error *err);

#endif
