/*
 * api_health.h - GET /health for load balancers.
 *
 * Answers {"status":"ok"} without a session and without touching the
 * database, so it measures the server alone. Its action is "health.read":
 * the application's authorize hook must allow that action for anyone.
 */
#ifndef CT_HTTP_API_HEALTH_H
#define CT_HTTP_API_HEALTH_H

#include "http/router.h"

#define API_HEALTH_ACTION "health.read"

enum ct_err api_health_read(void *app, struct http_request *req,
			    struct http_response *resp, struct ct_error *err);

/* The route-table row, for the application's table. */
#define API_HEALTH_ROUTE                                                       \
	{                                                                      \
		.method = HTTP_METHOD_GET, .pattern = "/health",               \
		.action = API_HEALTH_ACTION, .handler = api_health_read,       \
	}

#endif
