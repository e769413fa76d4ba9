/*
 * router.h - the declarative route table and the one place that checks a
 * request before any handler runs (after kore and redis).
 *
 * A route is a row: method, path pattern, action, flags, the declared
 * query and body parameters, and the handler. Patterns have literal
 * segments and typed parameters:
 *
 *     /api/v1/cases/{case_id:uuid}/persons/{n:int}/{slug:str}
 *
 * (uuid: ct_uuid_valid; int: 0..INT64_MAX; str: 1..256 bytes of text).
 *
 * router_handle() does, in this order, and answers on the first refusal:
 *   1. parse the raw target: bad characters, malformed percent-encoding,
 *      encoded '/', NUL or control bytes, "." and ".." segments -> 400
 *   2. match: no pattern fits -> 404; a pattern fits but not for this
 *      method -> 405 with Allow; a typed parameter of the wrong type -> 400
 *      (HEAD is served by the GET route)
 *   3. query: undeclared parameters (named), repeated ones, invalid or
 *      missing required ones -> 400 listing every problem; on a page
 *      route an empty value ("regio=", a GET form's empty box) is not
 *      given
 *   4. hooks.authenticate (when set) sets req->session; a route with
 *      HTTP_ROUTE_SESSION and no session -> 401
 *   5. a route with HTTP_ROUTE_CSRF and an unsafe method: hooks.check_csrf
 *      must return CT_OK (unset = refuse) -> else 403
 *   6. hooks.authorize(app, req, route): CT_OK serves; CT_ERR_NOTFOUND
 *      -> the same 404 as step 2 (a case outside the team looks absent);
 *      anything else -> 403. Unset = deny everything. hooks.record_access
 *      (when set) then records the decision; if it fails, 500 and nothing
 *      is served. (The server uses hooks.record_access_start instead and
 *      waits for the record without blocking a thread; see router_start.)
 *   7. body: when the route declares body fields, http_body_parse_json()
 *      with them (undeclared members refused); for a page route
 *      http_form_parse() (a url-encoded form, http/form.h)
 *   8. the handler; a non-OK return becomes the error response
 *      (http_response_from_error with req->problems).
 * Any error of a page then goes through hooks.page_error (an HTML page).
 *
 * Contract:
 *  - router_init() checks the whole table and refuses it (CT_ERR_INVALID,
 *    message naming the route) when a route has no action, no handler, a
 *    bad pattern, a bad parameter spec, or repeats another route's method
 *    and pattern. The table and hooks are borrowed: they must outlive the
 *    router. router_release() frees what router_init() built.
 *  - router_handle() always leaves a complete response in resp, in the
 *    request's arena. It is safe to call from many threads at once.
 */
#ifndef CT_HTTP_ROUTER_H
#define CT_HTTP_ROUTER_H

#include <stddef.h>

#include "http/param.h"
#include "http/request.h"
#include "http/response.h"
#include "util/err.h"

enum http_route_flags {
	HTTP_ROUTE_SESSION = 1 << 0, /* a logged-in session is required */
	HTTP_ROUTE_CSRF = 1 << 1,    /* unsafe methods need a CSRF token */
	/*
	 * An HTML page, not an API route: its body fields are a url-encoded
	 * form (http/form.h), its errors are pages (hooks.page_error), and
	 * it is left out of the OpenAPI document.
	 */
	HTTP_ROUTE_PAGE = 1 << 2,
};

#define HTTP_TARGET_MAX 4096
#define HTTP_PATH_SEGMENTS_MAX 16
#define HTTP_PATH_STR_MAX 256
#define HTTP_QUERY_PARAMS_MAX 32

struct http_route {
	enum http_method method;
	const char *pattern;
	const char *action; /* e.g. "case.read"; required */
	unsigned flags;	    /* enum http_route_flags */
	const struct http_param_spec *query;
	size_t n_query;
	const struct http_param_spec *body; /* NULL: no body accepted */
	size_t n_body;
	size_t body_max; /* 0: HTTP_BODY_MAX_DEFAULT */
	/*
	 * Fill resp and return CT_OK, or return an error code with detail
	 * in err (and field problems in req->problems for CT_ERR_INVALID).
	 */
	enum ct_err (*handler)(void *app, struct http_request *req,
			       struct http_response *resp,
			       struct ct_error *err);
};

/* The application's hooks; every one may be NULL (see the steps above). */
struct router_hooks {
	/* Set req->session from a cookie or token; CT_OK also when none. */
	enum ct_err (*authenticate)(void *app, struct http_request *req,
				    struct ct_error *err);
	enum ct_err (*check_csrf)(void *app, const struct http_request *req,
				  struct ct_error *err);
	/* The policy (core/): may this session do route->action here? */
	enum ct_err (*authorize)(void *app, const struct http_request *req,
				 const struct http_route *route,
				 struct ct_error *err);
	/* Durable access-log record of the decision (CT_OK or refusal). */
	enum ct_err (*record_access)(void *app, const struct http_request *req,
				     const struct http_route *route,
				     enum ct_err decision);
	/*
	 * The same record without waiting for it (the server's way, see
	 * router_record_start). CT_OK with *pending 1: queued, and
	 * done(ctx, logged, err) follows exactly once from another thread,
	 * possibly before this returns. *pending 0: the return value is
	 * the outcome already (CT_OK also when nothing needs recording).
	 */
	enum ct_err (*record_access_start)(
		void *app, const struct http_request *req,
		const struct http_route *route, enum ct_err decision,
		void (*done)(void *ctx, enum ct_err logged,
			     const struct ct_error *err),
		void *ctx, int *pending);
	/*
	 * A refusal or error of a page (an HTTP_ROUTE_PAGE route, or no
	 * route and a path outside /api/): resp holds it in the JSON shape
	 * and req->problems its fields; replace it with an HTML page or a
	 * redirect. Unset: the JSON stays.
	 */
	void (*page_error)(void *app, struct http_request *req,
			   struct http_response *resp);
};

struct router_route;

struct router {
	const struct http_route *routes;
	size_t n_routes;
	struct router_route *compiled; /* one per route */
	struct router_hooks hooks;
	void *app;
};

enum ct_err router_init(struct router *r, const struct http_route *routes,
			size_t n, const struct router_hooks *hooks, void *app,
			struct ct_error *err);
void router_release(struct router *r);

void router_handle(const struct router *r, struct http_request *req,
		   struct http_response *resp);

/*
 * router_handle() in three parts, for a server that must not block a
 * thread while the access-log record commits (server.c suspends the
 * connection in between):
 *
 *     if (router_start(r, &call, req, resp) == ROUTER_RECORD) {
 *             if (!router_record_start(r, &call, req, done, ctx, &rc))
 *                     router_finish(r, &call, req, resp, rc);
 *             else    ... later, after done(ctx, rc, err):
 *                     router_finish(r, &call, req, resp, rc);
 *     }
 *
 * router_start() runs steps 1 to 6 up to the policy's decision. ROUTER_DONE:
 * resp is complete (refused before the decision, or no record hook and
 * the rest already ran). ROUTER_RECORD: the decision must be recorded
 * and router_finish() then answers; call keeps what it needs.
 * router_record_start() returns 1 when done will be called (exactly once,
 * from any thread, possibly before it returns) and 0 when *logged holds
 * the outcome already. router_finish() refuses (500) when the record was
 * not written, answers the refusal, or parses the body and runs the
 * handler: a handler never runs before its record is durable.
 */
struct router_call {
	const struct http_route *route;
	enum ct_err decision; /* CT_OK, CT_ERR_DENIED or CT_ERR_NOTFOUND */
	struct ct_error err;  /* the refusal's message */
};

enum router_stage {
	ROUTER_DONE,
	ROUTER_RECORD,
};

enum router_stage router_start(const struct router *r, struct router_call *call,
			       struct http_request *req,
			       struct http_response *resp);
int router_record_start(const struct router *r, const struct router_call *call,
			const struct http_request *req,
			void (*done)(void *ctx, enum ct_err logged,
				     const struct ct_error *err),
			void *ctx, enum ct_err *logged);
void router_finish(const struct router *r, const struct router_call *call,
		   struct http_request *req, struct http_response *resp,
		   enum ct_err logged);

/*
 * Decode one percent-encoded component [s, s+len) into out (at least len+1
 * bytes); plus_is_space for query components. CT_ERR_INVALID for a bad
 * escape or an encoded NUL. *out_len receives the decoded length.
 */
enum ct_err router_percent_decode(const char *s, size_t len, int plus_is_space,
				  char *out, size_t *out_len);

#endif
