/*
 * api_health.c - the health check: a constant answer, no I/O, so that a
 * load balancer sees whether this process serves requests at all.
 */
#include "http/api_health.h"

#include <jansson.h>

#include "util/banned.h"

enum ct_err
api_health_read(void *app, struct http_request *req, struct http_response *resp,
		struct ct_error *err)
{
	(void)app;
	(void)err;
	http_response_json(resp, req->arena, 200,
			   json_pack("{s:s}", "status", "ok"));
	return CT_OK;
}
