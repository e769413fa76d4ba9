/*
 * api_incidents.h - incidents of a case: GET/POST
 * /api/v1/cases/{case_id}/incidents. occurred_at must carry its zone
 * ("Z" or an offset); see core/model_json.h incident_from_json().
 */
#ifndef CT_HTTP_API_INCIDENTS_H
#define CT_HTTP_API_INCIDENTS_H

#include "http/router.h"

enum ct_err api_incidents_list(void *app, struct http_request *req,
			       struct http_response *resp,
			       struct ct_error *err);
enum ct_err api_incidents_add(void *app, struct http_request *req,
			      struct http_response *resp,
			      struct ct_error *err);

#endif
