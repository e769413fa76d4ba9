/*
 * response.h - JSON responses and the one error shape.
 *
 * A struct http_response is what a handler or the router produces: a
 * status, a body and a few extra headers, all living in the request's
 * arena. The server turns it into a libmicrohttpd response and adds the
 * security headers (http_response_security_headers) and X-Request-Id to
 * every response, whatever produced it.
 *
 * Every error has one shape:
 *
 *     {"code": "not_found", "message": "<Dutch sentence>",
 *      "fields": {"<name>": "<problem>", ...}}
 *
 * `fields` is always present (empty when the error is not about fields);
 * two problems for one field are joined with "; ". `code` is a stable
 * machine word (see http_error_code_for()); `message` is for people.
 *
 * Contract:
 *  - Functions that take a json_t steal the reference (as jansson's *_new
 *    functions do), also on failure.
 *  - If the body does not fit in the arena, the response becomes a 500
 *    with a fixed body, so a response is always complete.
 *  - An internal error never puts its detail in the body: the detail goes
 *    to the log, the client reads a generic sentence and the request id.
 */
#ifndef CT_HTTP_RESPONSE_H
#define CT_HTTP_RESPONSE_H

#include <stddef.h>

#include <jansson.h>

#include "http/request.h"
#include "util/arena.h"
#include "util/err.h"

#define HTTP_RESPONSE_HEADERS_MAX 8

struct http_response {
	unsigned status;	  /* 0 until something is set */
	const char *content_type; /* borrowed or in the arena */
	const char *body;	  /* in the arena or static */
	size_t body_len;
	size_t n_headers;
	struct http_header headers[HTTP_RESPONSE_HEADERS_MAX];
};

struct http_security_header {
	const char *name;
	const char *value;
};

/* Headers every API response carries; n set to the count. */
const struct http_security_header *http_response_security_headers(size_t *n);

#define HTTP_CONTENT_TYPE_JSON "application/json; charset=utf-8"

void http_response_init(struct http_response *resp);

/*
 * Add an extra header (name and value copied into the arena). CT_BUG past
 * HTTP_RESPONSE_HEADERS_MAX: the code, not the client, decides how many.
 */
void http_response_add_header(struct http_response *resp, struct arena *a,
			      const char *name, const char *value);

/* status with body serialised as compact JSON (steals body). */
void http_response_json(struct http_response *resp, struct arena *a,
			unsigned status, json_t *body);

/*
 * An error in the one shape. problems may be NULL; message is a Dutch
 * sentence.
 */
void http_response_error(struct http_response *resp, struct arena *a,
			 unsigned status, const char *code, const char *message,
			 const struct ct_problems *problems);

/*
 * An error from a ct_err with its detail: status and code follow
 * http_status_for() and http_error_code_for(); for CT_ERR_INVALID the
 * problems (may be NULL) fill `fields`. err may be NULL.
 */
void http_response_from_error(struct http_response *resp, struct arena *a,
			      enum ct_err code, const struct ct_error *err,
			      const struct ct_problems *problems);

/* The HTTP status for an error code (500 for anything unexpected). */
unsigned http_status_for(enum ct_err code);
/* The stable error word for an error code ("invalid", "not_found", ...). */
const char *http_error_code_for(enum ct_err code);

/* The error body as a new JSON object (for tests and for callers). */
json_t *http_error_json(const char *code, const char *message,
			const struct ct_problems *problems);

#endif
