/*
 * openapi.h - the OpenAPI 3.1 document of the API, generated from the
 * route table (http/routes.c) and served at GET /api/v1/openapi.json
 * without a session (policy "openapi.read": it describes routes, never
 * data).
 *
 * What comes from the table: every path (typed parameters "{id:uuid}"
 * written as "{id}" with their schema), method, query parameters and
 * request body (declared fields with their types, required and nullable
 * ones, additionalProperties false), whether a session and a CSRF token
 * are needed, and the policy action (extension "x-action"). What comes
 * from the description table in openapi.c: a summary, the success status
 * and the name of the response schema.
 *
 * Contract:
 *  - openapi_document() describes exactly the routes given: one operation
 *    per route, nothing else (a unit test checks both ways).
 *  - openapi_describe() finds a route's description row; NULL when the
 *    table lacks one (the document then says "undocumented" and the unit
 *    test fails, so a new route cannot ship without its description).
 */
#ifndef CT_HTTP_OPENAPI_H
#define CT_HTTP_OPENAPI_H

#include <stddef.h>

#include <jansson.h>

#include "http/router.h"

#define OPENAPI_PATH "/api/v1/openapi.json"
#define OPENAPI_ACTION "openapi.read"

struct openapi_description {
	enum http_method method;
	const char *pattern; /* exactly as in the route table */
	const char *summary; /* English, one line */
	unsigned status;     /* success status: 200, 201 */
	const char *schema;  /* response schema in components, or NULL */
	int list;	     /* 1: {items: [schema], total, limit, offset} */
};

const struct openapi_description *
openapi_describe(enum http_method method, const char *pattern);

/* "/a/{id:uuid}/b" -> "/a/{id}/b" into out (size bytes); 0 if too long. */
int openapi_path(const char *pattern, char *out, size_t size);

/* The document for routes[0..n) (new reference; aborts when out of memory). */
json_t *openapi_document(const struct http_route *routes, size_t n);

enum ct_err openapi_read(void *app, struct http_request *req,
			 struct http_response *resp, struct ct_error *err);

#define OPENAPI_ROUTE                                                          \
	{                                                                      \
		.method = HTTP_METHOD_GET, .pattern = OPENAPI_PATH,            \
		.action = OPENAPI_ACTION, .handler = openapi_read,             \
	}

#endif
