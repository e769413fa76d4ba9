/*
 * request.h - one HTTP request as the router and the handlers see it.
 *
 * The server (or a test) fills the input fields: method, the raw request
 * target exactly as the client sent it, the headers and the body, all
 * living in the request's arena, which is released when the request
 * completes. The router fills the rest: the route, the decoded path, the
 * validated path and query parameters, the parsed JSON body and, through
 * the application's hook, the session.
 *
 * Contract:
 *  - A handler reads parameters only through http_request_param() and
 *    friends; they return only declared parameters that passed their
 *    validator, so "not there" means "not given" (optional parameter).
 *  - Header lookup is case-insensitive; the first header of that name wins.
 *  - Strings returned are borrowed from the arena: valid until the request
 *    completes.
 */
#ifndef CT_HTTP_REQUEST_H
#define CT_HTTP_REQUEST_H

#include <stddef.h>
#include <stdint.h>

#include <jansson.h>

#include "util/arena.h"
#include "util/err.h"

struct http_route;

enum http_method {
	HTTP_METHOD_OTHER = 0, /* anything we do not serve */
	HTTP_METHOD_GET = 1 << 0,
	HTTP_METHOD_HEAD = 1 << 1,
	HTTP_METHOD_POST = 1 << 2,
	HTTP_METHOD_PUT = 1 << 3,
	HTTP_METHOD_PATCH = 1 << 4,
	HTTP_METHOD_DELETE = 1 << 5,
};

/* Parse an HTTP method name (case-sensitive, as HTTP says). */
enum http_method http_method_parse(const char *name);
/* "GET", ...; "?" for HTTP_METHOD_OTHER. */
const char *http_method_name(enum http_method m);
/* 1 for methods that change state (POST, PUT, PATCH, DELETE). */
int http_method_is_unsafe(enum http_method m);

struct http_header {
	const char *name;
	const char *value;
};

struct http_param {
	const char *name;  /* as declared */
	const char *value; /* decoded, validated */
};

#define HTTP_REQUEST_HEADERS_MAX 64
#define HTTP_REQUEST_ID_SIZE 37 /* CT_UUID_SIZE */

struct http_request {
	/* Input, set by the server. */
	struct arena *arena;
	enum http_method method;
	const char *target; /* raw "path?query" as received */
	char request_id[HTTP_REQUEST_ID_SIZE];
	struct http_header *headers;
	size_t n_headers;
	const char *body; /* NULL when there is none */
	size_t body_len;

	/* Set by the router before the handler runs. */
	const struct http_route *route;
	const char *path; /* decoded path */
	struct http_param *path_params;
	size_t n_path_params;
	struct http_param *query_params;
	size_t n_query_params;
	json_t *body_json; /* parsed body; the router releases it */
	void *session;	   /* set by the authenticate hook, or NULL */

	/* Validation problems a handler reports (with CT_ERR_INVALID). */
	struct ct_problems problems;
};

/*
 * Set up req for a request with the given method and raw target; the
 * target is copied into the arena. Generates no request id: the server
 * writes one, tests may leave it empty.
 */
void http_request_init(struct http_request *req, struct arena *a,
		       enum http_method method, const char *target);

/*
 * Add a header (copied into the arena). CT_ERR_LIMIT past
 * HTTP_REQUEST_HEADERS_MAX headers or when the arena is full.
 */
enum ct_err http_request_add_header(struct http_request *req, const char *name,
				    const char *value);
/* Set the body (copied into the arena); CT_ERR_LIMIT when it is full. */
enum ct_err http_request_set_body(struct http_request *req, const void *data,
				  size_t len);

/* The first header called name, or NULL. */
const char *http_request_header(const struct http_request *req,
				const char *name);

/* A validated path or query parameter, or NULL when absent. */
const char *http_request_param(const struct http_request *req,
			       const char *name);
/*
 * A validated integer parameter (declared HTTP_PARAM_INT): CT_OK with *out
 * set, or CT_ERR_NOTFOUND when it was not given (*out is then `dflt`).
 */
enum ct_err http_request_param_int(const struct http_request *req,
				   const char *name, int64_t dflt,
				   int64_t *out);

#endif
