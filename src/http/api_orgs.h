/*
 * api_orgs.h - organisations: GET /api/v1/orgs, POST /api/v1/orgs
 * (administrators), GET /api/v1/orgs/{org_id}.
 *
 * Every signed-in user may read the organisations (they pick case team
 * members from them); only administrators create them (policy
 * "org.manage"). Bodies follow core/model_json.h org_from_json().
 */
#ifndef CT_HTTP_API_ORGS_H
#define CT_HTTP_API_ORGS_H

#include "http/router.h"

enum ct_err api_orgs_list(void *app, struct http_request *req,
			  struct http_response *resp, struct ct_error *err);
enum ct_err api_orgs_create(void *app, struct http_request *req,
			    struct http_response *resp, struct ct_error *err);
enum ct_err api_orgs_read(void *app, struct http_request *req,
			  struct http_response *resp, struct ct_error *err);

#endif
