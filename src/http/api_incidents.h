/*
 * api_incidents.h - incidents of a case: GET/POST
 * /api/v1/cases/{case_id}/incidents. occurred_at must carry its zone
 * ("Z" or an offset); see core/model_json.h incident_from_json().
 */
#ifndef CT_HTTP_API_INCIDENTS_H
#define CT_HTTP_API_INCIDENTS_H

#include <jansson.h>

#include "core/model.h"
#include "http/router.h"

enum ct_err api_incidents_list(void *app, struct http_request *req,
			       struct http_response *resp,
			       struct ct_error *err);
enum ct_err api_incidents_add(void *app, struct http_request *req,
			      struct http_response *resp,
			      struct ct_error *err);

/*
 * What POST .../incidents does, for the pages too: read body strictly,
 * validate with core, store and journal the incident on case_id.
 * CT_ERR_INVALID with every problem in req->problems and nothing
 * written; on CT_OK *out is the stored incident (text borrowed from
 * body).
 */
enum ct_err api_incidents_add_body(void *app, struct http_request *req,
				   const char *case_id, const json_t *body,
				   struct incident *out, struct ct_error *err);

#endif
