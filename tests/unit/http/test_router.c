#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <string.h>
#include <cmocka.h>

#include <jansson.h>
#include <pthread.h>

#include "http/router.h"

#define CASE_ID "0f8fad5b-d9cb-469f-a165-70867728950e"

static const char *const statuses[] = {"open", "gesloten", NULL};

static const struct http_param_spec list_query[] = {
	HTTP_PARAM_INT_SPEC("limit", 0, 1, 100),
	HTTP_PARAM_ENUM_SPEC("status", 0, statuses),
	HTTP_PARAM_STRING_SPEC("q", 0, 50),
};

static const struct http_param_spec update_body[] = {
	HTTP_PARAM_INT_SPEC("version", HTTP_PARAM_F_REQUIRED, 1, 1000),
};

/* What the handler saw, for the assertions. */
static struct {
	int calls;
	char case_id[64];
	char limit[16];
	int saw_undeclared;
	int64_t version;
} seen;

static enum ct_err
handle_ok(void *app, struct http_request *req, struct http_response *resp,
	  struct ct_error *err)
{
	const char *v;

	(void)app;
	(void)err;
	seen.calls++;
	v = http_request_param(req, "case_id");
	snprintf(seen.case_id, sizeof(seen.case_id), "%s", v ? v : "");
	v = http_request_param(req, "limit");
	snprintf(seen.limit, sizeof(seen.limit), "%s", v ? v : "");
	seen.saw_undeclared = http_request_param(req, "evil") != NULL;
	if (req->body_json)
		seen.version = json_integer_value(
			json_object_get(req->body_json, "version"));
	http_response_json(resp, req->arena, 200, json_pack("{s:b}", "ok", 1));
	return CT_OK;
}

static enum ct_err
handle_conflict(void *app, struct http_request *req, struct http_response *resp,
		struct ct_error *err)
{
	(void)app;
	(void)req;
	(void)resp;
	seen.calls++;
	return ct_error_set(err, CT_ERR_CONFLICT, "Verouderde versie.");
}

static const struct http_route routes[] = {
	{.method = HTTP_METHOD_GET,
	 .pattern = "/api/v1/cases",
	 .action = "case.list",
	 .query = list_query,
	 .n_query = CT_ARRAY_SIZE(list_query),
	 .handler = handle_ok},
	{.method = HTTP_METHOD_POST,
	 .pattern = "/api/v1/cases",
	 .action = "case.create",
	 .flags = HTTP_ROUTE_CSRF,
	 .handler = handle_ok},
	{.method = HTTP_METHOD_GET,
	 .pattern = "/api/v1/cases/{case_id:uuid}",
	 .action = "case.read",
	 .flags = HTTP_ROUTE_SESSION,
	 .handler = handle_ok},
	{.method = HTTP_METHOD_PATCH,
	 .pattern = "/api/v1/cases/{case_id:uuid}",
	 .action = "case.update",
	 .body = update_body,
	 .n_body = CT_ARRAY_SIZE(update_body),
	 .handler = handle_ok},
	{.method = HTTP_METHOD_GET,
	 .pattern = "/api/v1/cases/new",
	 .action = "case.form",
	 .handler = handle_ok},
	{.method = HTTP_METHOD_PUT,
	 .pattern = "/api/v1/conflict",
	 .action = "case.update",
	 .handler = handle_conflict},
	{.method = HTTP_METHOD_GET,
	 .pattern = "/",
	 .action = "home.read",
	 .handler = handle_ok},
};

/* The policy stand-in: a deny list by action, and "hidden" cases. */
static struct {
	int authorize_calls;
	int has_session;
	int csrf_ok;
	const char *hide_case;
	int records;
	enum ct_err last_decision;
} app;

static enum ct_err
authenticate(void *a, struct http_request *req, struct ct_error *err)
{
	(void)a;
	(void)err;
	req->session = app.has_session ? (void *)&app : NULL;
	return CT_OK;
}

static enum ct_err
check_csrf(void *a, const struct http_request *req, struct ct_error *err)
{
	(void)a;
	(void)req;
	(void)err;
	return app.csrf_ok ? CT_OK : CT_ERR_DENIED;
}

static enum ct_err
authorize(void *a, const struct http_request *req,
	  const struct http_route *route, struct ct_error *err)
{
	const char *id = http_request_param(req, "case_id");

	(void)a;
	(void)err;
	app.authorize_calls++;
	if (app.hide_case && id && strcmp(id, app.hide_case) == 0)
		return CT_ERR_NOTFOUND;
	if (strcmp(route->action, "home.read") == 0)
		return ct_error_set(err, CT_ERR_DENIED, "Niet voor u.");
	return CT_OK;
}

static enum ct_err
record_access(void *a, const struct http_request *req,
	      const struct http_route *route, enum ct_err decision)
{
	(void)a;
	(void)req;
	(void)route;
	app.records++;
	app.last_decision = decision;
	return CT_OK;
}

static const struct router_hooks hooks = {
	.authenticate = authenticate,
	.check_csrf = check_csrf,
	.authorize = authorize,
	.record_access = record_access,
};

struct call {
	struct arena arena;
	struct http_request req;
	struct http_response resp;
	json_t *body;
};

static void
call_with(const struct router *r, struct call *c, enum http_method m,
	  const char *target, const char *body)
{
	arena_init(&c->arena, ARENA_MAX_DEFAULT);
	http_request_init(&c->req, &c->arena, m, target);
	if (body) {
		assert_int_equal(http_request_add_header(&c->req,
							 "Content-Type",
							 "application/json"),
				 CT_OK);
		assert_int_equal(
			http_request_set_body(&c->req, body, strlen(body)),
			CT_OK);
	}
	router_handle(r, &c->req, &c->resp);
	assert_true(c->resp.status >= 200);
	c->body = json_loadb(c->resp.body, c->resp.body_len, 0, NULL);
	assert_non_null(c->body);
}

static void
call(const struct router *r, struct call *c, enum http_method m,
     const char *target)
{
	call_with(r, c, m, target, NULL);
}

static const char *
body_str(const struct call *c, const char *key)
{
	return json_string_value(json_object_get(c->body, key));
}

static const char *
field(const struct call *c, const char *name)
{
	return json_string_value(
		json_object_get(json_object_get(c->body, "fields"), name));
}

static void
done(struct call *c)
{
	json_decref(c->body);
	arena_release(&c->arena);
}

static int
setup(void **state)
{
	static struct router r;
	struct ct_error err;

	memset(&seen, 0, sizeof(seen));
	memset(&app, 0, sizeof(app));
	app.has_session = 1;
	app.csrf_ok = 1;
	assert_int_equal(router_init(&r, routes, CT_ARRAY_SIZE(routes), &hooks,
				     &app, &err),
			 CT_OK);
	*state = &r;
	return 0;
}

static int
teardown(void **state)
{
	router_release(*state);
	return 0;
}

static void
test_match_with_typed_param(void **state)
{
	struct call c;

	call(*state, &c, HTTP_METHOD_GET, "/api/v1/cases/" CASE_ID);
	assert_int_equal(c.resp.status, 200);
	assert_int_equal(seen.calls, 1);
	assert_string_equal(seen.case_id, CASE_ID);
	assert_string_equal(c.req.route->action, "case.read");
	assert_int_equal(app.records, 1);
	assert_int_equal(app.last_decision, CT_OK);
	done(&c);

	/* a literal segment wins over a parameter of another type */
	call(*state, &c, HTTP_METHOD_GET, "/api/v1/cases/new");
	assert_int_equal(c.resp.status, 200);
	assert_string_equal(c.req.route->action, "case.form");
	done(&c);

	/* HEAD is served by the GET route */
	call(*state, &c, HTTP_METHOD_HEAD, "/api/v1/cases");
	assert_int_equal(c.resp.status, 200);
	done(&c);

	call(*state, &c, HTTP_METHOD_GET, "/");
	assert_int_equal(c.resp.status, 403);
	assert_string_equal(body_str(&c, "code"), "forbidden");
	assert_string_equal(body_str(&c, "message"), "Niet voor u.");
	assert_int_equal(app.last_decision, CT_ERR_DENIED);
	done(&c);
}

static void
test_wrong_type_is_400(void **state)
{
	struct call c;

	call(*state, &c, HTTP_METHOD_PATCH, "/api/v1/cases/12345");
	assert_int_equal(c.resp.status, 400);
	assert_string_equal(field(&c, "case_id"), "geen geldige UUID");
	assert_int_equal(seen.calls, 0);
	done(&c);
}

static void
test_not_found_and_method_not_allowed(void **state)
{
	struct call c;

	call(*state, &c, HTTP_METHOD_GET, "/api/v1/nothing");
	assert_int_equal(c.resp.status, 404);
	assert_string_equal(body_str(&c, "code"), "not_found");
	assert_true(json_is_object(json_object_get(c.body, "fields")));
	done(&c);

	call(*state, &c, HTTP_METHOD_GET, "/api/v1/cases/");
	assert_int_equal(c.resp.status, 404);
	done(&c);

	call(*state, &c, HTTP_METHOD_DELETE, "/api/v1/cases/" CASE_ID);
	assert_int_equal(c.resp.status, 405);
	assert_string_equal(body_str(&c, "code"), "method_not_allowed");
	assert_int_equal(c.resp.n_headers, 1);
	assert_string_equal(c.resp.headers[0].name, "Allow");
	assert_string_equal(c.resp.headers[0].value, "GET, HEAD, PATCH");
	done(&c);

	call(*state, &c, HTTP_METHOD_OTHER, "/api/v1/cases");
	assert_int_equal(c.resp.status, 405);
	assert_string_equal(c.resp.headers[0].value, "GET, HEAD, POST");
	done(&c);
	assert_int_equal(seen.calls, 0);
	assert_int_equal(app.authorize_calls, 0);
}

static void
test_query_params(void **state)
{
	struct call c;

	call(*state, &c, HTTP_METHOD_GET,
	     "/api/v1/cases?limit=25&status=open&q=de+Vries%20jr");
	assert_int_equal(c.resp.status, 200);
	assert_string_equal(seen.limit, "25");
	assert_string_equal(http_request_param(&c.req, "q"), "de Vries jr");
	assert_false(seen.saw_undeclared);
	done(&c);

	/* every unknown parameter is named, the handler never runs */
	call(*state, &c, HTTP_METHOD_GET,
	     "/api/v1/cases?limit=25&evil=1&debug=true");
	assert_int_equal(c.resp.status, 400);
	assert_string_equal(body_str(&c, "code"), "invalid");
	assert_string_equal(field(&c, "evil"), "onbekende parameter");
	assert_string_equal(field(&c, "debug"), "onbekende parameter");
	assert_null(field(&c, "limit"));
	done(&c);

	call(*state, &c, HTTP_METHOD_GET,
	     "/api/v1/cases?limit=0&status=dicht&limit=3");
	assert_int_equal(c.resp.status, 400);
	assert_non_null(field(&c, "limit"));
	assert_string_equal(field(&c, "status"), "onbekende code");
	done(&c);

	call(*state, &c, HTTP_METHOD_GET, "/api/v1/cases?limit=5&limit=6");
	assert_int_equal(c.resp.status, 400);
	assert_string_equal(field(&c, "limit"), "staat er meer dan eens in");
	done(&c);

	call(*state, &c, HTTP_METHOD_GET, "/api/v1/cases?q=%zz");
	assert_int_equal(c.resp.status, 400);
	done(&c);

	/* a route without declared query parameters takes none */
	call(*state, &c, HTTP_METHOD_GET, "/api/v1/cases/new?x=1");
	assert_int_equal(c.resp.status, 400);
	assert_string_equal(field(&c, "x"), "onbekende parameter");
	done(&c);
	assert_int_equal(seen.calls, 1); /* only the first */
}

static void
test_traversal_and_encoding_refused(void **state)
{
	static const char *const bad[] = {
		"/api/v1/../v1/cases",	"/api/v1/./cases",
		"/api/v1/%2e%2e/cases", "/api/v1/%2E/cases",
		"/api/v1%2fcases",	"/api/v1/cases%5c..",
		"/api/v1/cases%00",	"/api/v1/cases%",
		"/api/v1/cases%4",	"/api/v1/cases%g1",
		"/api/v1/ca ses",	"/api/v1/cases\\..\\x",
		"api/v1/cases",		"/api/v1/cases%0a",
	};
	struct call c;
	size_t i;

	for (i = 0; i < CT_ARRAY_SIZE(bad); i++) {
		call(*state, &c, HTTP_METHOD_GET, bad[i]);
		if (c.resp.status != 400)
			fail_msg("%s gave %u", bad[i], c.resp.status);
		assert_string_equal(body_str(&c, "code"), "bad_request");
		done(&c);
	}
	/* a harmless escape is decoded and matched */
	call(*state, &c, HTTP_METHOD_GET, "/api/v1/c%61ses");
	assert_int_equal(c.resp.status, 200);
	assert_string_equal(c.req.path, "/api/v1/cases");
	done(&c);
	assert_int_equal(seen.calls, 1);
}

static void
test_percent_decode(void **state)
{
	char out[32];
	size_t n;

	(void)state;
	assert_int_equal(router_percent_decode("a%20b+c", 7, 1, out, &n),
			 CT_OK);
	assert_string_equal(out, "a b c");
	assert_int_equal(router_percent_decode("a+b", 3, 0, out, &n), CT_OK);
	assert_string_equal(out, "a+b");
	assert_int_equal(router_percent_decode("%C3%A9", 6, 0, out, &n), CT_OK);
	assert_int_equal(n, 2);
	assert_int_equal(router_percent_decode("%00", 3, 0, out, &n),
			 CT_ERR_INVALID);
	assert_int_equal(router_percent_decode("%2", 2, 0, out, &n),
			 CT_ERR_INVALID);
}

static void
test_hidden_case_is_plain_404(void **state)
{
	struct call hidden, absent;

	app.hide_case = CASE_ID;
	call(*state, &hidden, HTTP_METHOD_GET, "/api/v1/cases/" CASE_ID);
	call(*state, &absent, HTTP_METHOD_GET, "/api/v1/absent");
	assert_int_equal(hidden.resp.status, 404);
	/* byte for byte the same as a path that does not exist */
	assert_int_equal(hidden.resp.body_len, absent.resp.body_len);
	assert_memory_equal(hidden.resp.body, absent.resp.body,
			    absent.resp.body_len);
	assert_int_equal(app.last_decision, CT_ERR_NOTFOUND);
	assert_int_equal(seen.calls, 0);
	done(&hidden);
	done(&absent);
}

static void
test_session_and_csrf(void **state)
{
	struct call c;

	app.has_session = 0;
	call(*state, &c, HTTP_METHOD_GET, "/api/v1/cases/" CASE_ID);
	assert_int_equal(c.resp.status, 401);
	assert_string_equal(body_str(&c, "code"), "unauthenticated");
	assert_int_equal(app.authorize_calls, 0);
	done(&c);

	app.has_session = 1;
	app.csrf_ok = 0;
	call(*state, &c, HTTP_METHOD_POST, "/api/v1/cases");
	assert_int_equal(c.resp.status, 403);
	assert_string_equal(body_str(&c, "code"), "csrf");
	done(&c);
	/* CSRF is only for unsafe methods */
	call(*state, &c, HTTP_METHOD_GET, "/api/v1/cases");
	assert_int_equal(c.resp.status, 200);
	done(&c);
	app.csrf_ok = 1;
	call(*state, &c, HTTP_METHOD_POST, "/api/v1/cases");
	assert_int_equal(c.resp.status, 200);
	done(&c);
}

static void
test_body_and_handler_errors(void **state)
{
	struct call c;

	call_with(*state, &c, HTTP_METHOD_PATCH, "/api/v1/cases/" CASE_ID,
		  "{\"version\":7}");
	assert_int_equal(c.resp.status, 200);
	assert_int_equal(seen.version, 7);
	assert_null(c.req.body_json); /* released by the router */
	done(&c);

	call_with(*state, &c, HTTP_METHOD_PATCH, "/api/v1/cases/" CASE_ID,
		  "{\"version\":7,\"owner\":\"ik\"}");
	assert_int_equal(c.resp.status, 400);
	assert_string_equal(field(&c, "owner"), "onbekend veld");
	done(&c);

	/* a route without declared body fields takes no body */
	call_with(*state, &c, HTTP_METHOD_POST, "/api/v1/cases", "{}");
	assert_int_equal(c.resp.status, 400);
	done(&c);

	call(*state, &c, HTTP_METHOD_PUT, "/api/v1/conflict");
	assert_int_equal(c.resp.status, 409);
	assert_string_equal(body_str(&c, "code"), "conflict");
	assert_string_equal(body_str(&c, "message"), "Verouderde versie.");
	done(&c);
}

static void
test_default_deny_without_policy(void **state)
{
	struct router r;
	struct ct_error err;
	struct call c;

	(void)state;
	assert_int_equal(router_init(&r, routes, CT_ARRAY_SIZE(routes), NULL,
				     NULL, &err),
			 CT_OK);
	call(&r, &c, HTTP_METHOD_GET, "/api/v1/cases");
	assert_int_equal(c.resp.status, 403);
	assert_int_equal(seen.calls, 0);
	done(&c);
	router_release(&r);
}

static void
test_table_refused(void **state)
{
	static const struct http_route no_action[] = {
		{.method = HTTP_METHOD_GET,
		 .pattern = "/health",
		 .action = "health.read",
		 .handler = handle_ok},
		{.method = HTTP_METHOD_DELETE,
		 .pattern = "/api/v1/cases/{id:uuid}",
		 .handler = handle_ok},
	};
	static const struct http_route empty_action[] = {
		{.method = HTTP_METHOD_GET,
		 .pattern = "/x",
		 .action = "",
		 .handler = handle_ok},
	};
	static const struct http_route twice[] = {
		{.method = HTTP_METHOD_GET,
		 .pattern = "/x",
		 .action = "a",
		 .handler = handle_ok},
		{.method = HTTP_METHOD_GET,
		 .pattern = "/x",
		 .action = "b",
		 .handler = handle_ok},
	};
	static const struct http_route bad_pattern[] = {
		{.method = HTTP_METHOD_GET,
		 .pattern = "/x/{id:float}",
		 .action = "a",
		 .handler = handle_ok},
	};
	static const struct http_route dotdot[] = {
		{.method = HTTP_METHOD_GET,
		 .pattern = "/x/../y",
		 .action = "a",
		 .handler = handle_ok},
	};
	static const struct http_route no_handler[] = {
		{.method = HTTP_METHOD_GET, .pattern = "/x", .action = "a"},
	};
	struct router r;
	struct ct_error err;

	(void)state;
	assert_int_equal(router_init(&r, no_action, 2, NULL, NULL, &err),
			 CT_ERR_INVALID);
	assert_non_null(strstr(err.message, "DELETE /api/v1/cases/{id:uuid}"));
	assert_non_null(strstr(err.message, "action"));
	assert_int_equal(router_init(&r, empty_action, 1, NULL, NULL, &err),
			 CT_ERR_INVALID);
	assert_non_null(strstr(err.message, "GET /x"));
	assert_int_equal(router_init(&r, twice, 2, NULL, NULL, &err),
			 CT_ERR_INVALID);
	assert_non_null(strstr(err.message, "twee keer"));
	assert_int_equal(router_init(&r, bad_pattern, 1, NULL, NULL, &err),
			 CT_ERR_INVALID);
	assert_int_equal(router_init(&r, dotdot, 1, NULL, NULL, &err),
			 CT_ERR_INVALID);
	assert_int_equal(router_init(&r, no_handler, 1, NULL, NULL, &err),
			 CT_ERR_INVALID);
	assert_non_null(strstr(err.message, "handler"));
}

/* ---- the split sequence: router_start, router_record_start, finish ---- */

/* What the starting hook was given; the test decides when it is done. */
static struct {
	int starts;
	int pending;	      /* what the hook answers in *pending */
	enum ct_err start_rc; /* what the hook returns */
	enum ct_err answer;   /* for a thread that answers at once */
	int answer_from_thread;
	void (*done)(void *ctx, enum ct_err logged, const struct ct_error *e);
	void *ctx;
	enum ct_err decision;
} rec;

struct answer_thread {
	void (*done)(void *ctx, enum ct_err logged, const struct ct_error *e);
	void *ctx;
	enum ct_err logged;
};

static void *
answer_main(void *arg)
{
	struct answer_thread *t = arg;
	struct ct_error err;

	ct_error_clear(&err);
	if (t->logged)
		ct_error_set(&err, t->logged, "schijf vol");
	t->done(t->ctx, t->logged, &err);
	return NULL;
}

static enum ct_err
record_access_start(void *a, const struct http_request *req,
		    const struct http_route *route, enum ct_err decision,
		    void (*on_done)(void *ctx, enum ct_err logged,
				    const struct ct_error *err),
		    void *ctx, int *pending)
{
	struct answer_thread t;
	pthread_t th;

	(void)a;
	(void)req;
	(void)route;
	rec.starts++;
	rec.decision = decision;
	rec.done = on_done;
	rec.ctx = ctx;
	*pending = rec.pending;
	if (rec.start_rc == CT_OK && rec.pending && rec.answer_from_thread) {
		/* Answer from another thread before returning. */
		t.done = on_done;
		t.ctx = ctx;
		t.logged = rec.answer;
		assert_int_equal(pthread_create(&th, NULL, answer_main, &t), 0);
		assert_int_equal(pthread_join(th, NULL), 0);
	}
	return rec.start_rc;
}

static const struct router_hooks async_hooks = {
	.authenticate = authenticate,
	.check_csrf = check_csrf,
	.authorize = authorize,
	.record_access_start = record_access_start,
};

static int
setup_async(void **state)
{
	static struct router r;
	struct ct_error err;

	memset(&seen, 0, sizeof(seen));
	memset(&app, 0, sizeof(app));
	memset(&rec, 0, sizeof(rec));
	app.has_session = 1;
	app.csrf_ok = 1;
	rec.pending = 1;
	assert_int_equal(router_init(&r, routes, CT_ARRAY_SIZE(routes),
				     &async_hooks, &app, &err),
			 CT_OK);
	*state = &r;
	return 0;
}

struct split {
	struct arena arena;
	struct http_request req;
	struct http_response resp;
	struct router_call call;
	int done_calls;
	enum ct_err logged;
};

static void
split_done(void *ctx, enum ct_err logged, const struct ct_error *err)
{
	struct split *sp = ctx;

	(void)err;
	sp->done_calls++;
	sp->logged = logged;
}

static void
split_begin(struct split *sp, enum http_method m, const char *target)
{
	memset(sp, 0, sizeof(*sp));
	arena_init(&sp->arena, ARENA_MAX_DEFAULT);
	http_request_init(&sp->req, &sp->arena, m, target);
}

static json_t *
split_end(struct split *sp)
{
	json_t *body = json_loadb(sp->resp.body, sp->resp.body_len, 0, NULL);

	assert_non_null(body);
	arena_release(&sp->arena);
	return body;
}

static void
test_split_handler_waits_for_record(void **state)
{
	const struct router *r = *state;
	struct split sp;
	enum ct_err logged = CT_ERR_INTERNAL;

	split_begin(&sp, HTTP_METHOD_GET, "/api/v1/cases/" CASE_ID);
	assert_int_equal(router_start(r, &sp.call, &sp.req, &sp.resp),
			 ROUTER_RECORD);
	assert_int_equal(sp.call.decision, CT_OK);
	assert_int_equal(router_record_start(r, &sp.call, &sp.req, split_done,
					     &sp, &logged),
			 1);
	assert_int_equal(rec.starts, 1);
	assert_int_equal(rec.decision, CT_OK);
	/* Not yet durable: the handler has not run. */
	assert_int_equal(seen.calls, 0);
	rec.done(rec.ctx, CT_OK, NULL);
	assert_int_equal(sp.done_calls, 1);
	router_finish(r, &sp.call, &sp.req, &sp.resp, sp.logged);
	assert_int_equal(sp.resp.status, 200);
	assert_int_equal(seen.calls, 1);
	assert_string_equal(seen.case_id, CASE_ID);
	json_decref(split_end(&sp));

	/* A record that failed: 500 and the handler never runs. */
	split_begin(&sp, HTTP_METHOD_GET, "/api/v1/cases/" CASE_ID);
	assert_int_equal(router_start(r, &sp.call, &sp.req, &sp.resp),
			 ROUTER_RECORD);
	assert_int_equal(router_record_start(r, &sp.call, &sp.req, split_done,
					     &sp, &logged),
			 1);
	router_finish(r, &sp.call, &sp.req, &sp.resp, CT_ERR_IO);
	assert_int_equal(sp.resp.status, 500);
	assert_int_equal(seen.calls, 1);
	json_decref(split_end(&sp));

	/* The hook refuses to queue: not pending, its error is the outcome. */
	rec.start_rc = CT_ERR_BUSY;
	split_begin(&sp, HTTP_METHOD_GET, "/api/v1/cases/" CASE_ID);
	assert_int_equal(router_start(r, &sp.call, &sp.req, &sp.resp),
			 ROUTER_RECORD);
	assert_int_equal(router_record_start(r, &sp.call, &sp.req, split_done,
					     &sp, &logged),
			 0);
	assert_int_equal(logged, CT_ERR_BUSY);
	router_finish(r, &sp.call, &sp.req, &sp.resp, logged);
	assert_int_equal(sp.resp.status, 500);
	assert_int_equal(seen.calls, 1);
	json_decref(split_end(&sp));
}

static void
test_split_refusals_recorded_then_answered(void **state)
{
	const struct router *r = *state;
	struct split sp;
	enum ct_err logged;
	json_t *body;

	/* Denied by the policy: recorded as a refusal, then 403. */
	split_begin(&sp, HTTP_METHOD_GET, "/");
	assert_int_equal(router_start(r, &sp.call, &sp.req, &sp.resp),
			 ROUTER_RECORD);
	assert_int_equal(router_record_start(r, &sp.call, &sp.req, split_done,
					     &sp, &logged),
			 1);
	assert_int_equal(rec.decision, CT_ERR_DENIED);
	router_finish(r, &sp.call, &sp.req, &sp.resp, CT_OK);
	assert_int_equal(sp.resp.status, 403);
	body = split_end(&sp);
	assert_string_equal(json_string_value(json_object_get(body, "message")),
			    "Niet voor u.");
	json_decref(body);

	/* A hidden case: recorded, then the plain 404. */
	app.hide_case = CASE_ID;
	split_begin(&sp, HTTP_METHOD_GET, "/api/v1/cases/" CASE_ID);
	assert_int_equal(router_start(r, &sp.call, &sp.req, &sp.resp),
			 ROUTER_RECORD);
	assert_int_equal(router_record_start(r, &sp.call, &sp.req, split_done,
					     &sp, &logged),
			 1);
	assert_int_equal(rec.decision, CT_ERR_NOTFOUND);
	router_finish(r, &sp.call, &sp.req, &sp.resp, CT_OK);
	assert_int_equal(sp.resp.status, 404);
	json_decref(split_end(&sp));

	/* Refused before the policy (401): done at once, nothing recorded. */
	app.has_session = 0;
	split_begin(&sp, HTTP_METHOD_GET, "/api/v1/cases/" CASE_ID);
	assert_int_equal(router_start(r, &sp.call, &sp.req, &sp.resp),
			 ROUTER_DONE);
	assert_int_equal(sp.resp.status, 401);
	json_decref(split_end(&sp));
	assert_int_equal(rec.starts, 2);
	assert_int_equal(seen.calls, 0);
}

static void
test_handle_waits_on_starting_hook(void **state)
{
	struct call c;

	/* router_handle with only the starting hook: it waits. */
	rec.answer_from_thread = 1;
	rec.answer = CT_OK;
	call(*state, &c, HTTP_METHOD_GET, "/api/v1/cases/" CASE_ID);
	assert_int_equal(c.resp.status, 200);
	assert_int_equal(seen.calls, 1);
	done(&c);

	rec.answer = CT_ERR_IO;
	call(*state, &c, HTTP_METHOD_GET, "/api/v1/cases/" CASE_ID);
	assert_int_equal(c.resp.status, 500);
	assert_int_equal(seen.calls, 1);
	done(&c);

	/* Nothing to record (pending 0, CT_OK): served at once. */
	rec.pending = 0;
	call(*state, &c, HTTP_METHOD_GET, "/api/v1/cases/" CASE_ID);
	assert_int_equal(c.resp.status, 200);
	assert_int_equal(seen.calls, 2);
	assert_int_equal(rec.starts, 3);
	done(&c);
}

/* ---- page routes: form bodies and HTML errors (HTTP_ROUTE_PAGE) ---- */

static const struct http_param_spec page_form[] = {
	HTTP_PARAM_STRING_SPEC("username", 0, 16),
};

static struct {
	int page_errors;
	unsigned status_seen;
	char username[32];
} page;

static enum ct_err
page_handle(void *a, struct http_request *req, struct http_response *resp,
	    struct ct_error *err)
{
	const char *u = json_string_value(
		json_object_get(req->body_json, "username"));

	(void)a;
	(void)err;
	snprintf(page.username, sizeof(page.username), "%s", u ? u : "");
	resp->status = 200;
	resp->content_type = "text/html; charset=utf-8";
	resp->body = "<p>ok</p>";
	resp->body_len = 9;
	return CT_OK;
}

static enum ct_err
page_authorize(void *a, const struct http_request *req,
	       const struct http_route *route, struct ct_error *err)
{
	(void)a;
	(void)req;
	(void)err;
	return strcmp(route->action, "hidden.read") == 0 ? CT_ERR_NOTFOUND
							 : CT_OK;
}

static void
page_error(void *a, struct http_request *req, struct http_response *resp)
{
	(void)a;
	page.page_errors++;
	page.status_seen = resp->status;
	resp->content_type = "text/html; charset=utf-8";
	resp->body = "<p>fout</p>";
	resp->body_len = 11;
	(void)req;
}

static void
test_page_routes(void **state)
{
	static const struct http_route page_routes[] = {
		{.method = HTTP_METHOD_POST,
		 .pattern = "/aanmelden",
		 .action = "session.create",
		 .flags = HTTP_ROUTE_PAGE,
		 .body = page_form,
		 .n_body = CT_ARRAY_SIZE(page_form),
		 .handler = page_handle},
		{.method = HTTP_METHOD_GET,
		 .pattern = "/dossiers/{case_id:uuid}",
		 .action = "hidden.read",
		 .flags = HTTP_ROUTE_PAGE,
		 .handler = page_handle},
		{.method = HTTP_METHOD_GET,
		 .pattern = "/api/v1/x",
		 .action = "hidden.read",
		 .handler = page_handle},
	};
	static const struct router_hooks page_hooks = {
		.authorize = page_authorize,
		.page_error = page_error,
	};
	struct router r;
	struct ct_error err;
	struct arena a;
	struct http_request req;
	struct http_response resp;
	static const char form[] = "username=an+na&csrf_token=x";

	(void)state;
	memset(&page, 0, sizeof(page));
	assert_int_equal(router_init(&r, page_routes,
				     CT_ARRAY_SIZE(page_routes), &page_hooks,
				     NULL, &err),
			 CT_OK);
	/* a form body is parsed into the same body_json */
	arena_init(&a, ARENA_MAX_DEFAULT);
	http_request_init(&req, &a, HTTP_METHOD_POST, "/aanmelden");
	assert_int_equal(http_request_add_header(
				 &req, "Content-Type",
				 "application/x-www-form-urlencoded"),
			 CT_OK);
	assert_int_equal(http_request_set_body(&req, form, strlen(form)),
			 CT_OK);
	router_handle(&r, &req, &resp);
	assert_int_equal(resp.status, 200);
	assert_string_equal(page.username, "an na");
	assert_int_equal(page.page_errors, 0);
	arena_release(&a);

	/* a JSON body on a page is refused, as a page */
	arena_init(&a, ARENA_MAX_DEFAULT);
	http_request_init(&req, &a, HTTP_METHOD_POST, "/aanmelden");
	assert_int_equal(http_request_add_header(&req, "Content-Type",
						 "application/json"),
			 CT_OK);
	assert_int_equal(http_request_set_body(&req, "{}", 2), CT_OK);
	router_handle(&r, &req, &resp);
	assert_int_equal(resp.status, 415);
	assert_int_equal(page.page_errors, 1);
	assert_string_equal(resp.body, "<p>fout</p>");
	arena_release(&a);

	/* an absent case of a page: the page's 404 */
	arena_init(&a, ARENA_MAX_DEFAULT);
	http_request_init(&req, &a, HTTP_METHOD_GET, "/dossiers/" CASE_ID);
	router_handle(&r, &req, &resp);
	assert_int_equal(resp.status, 404);
	assert_int_equal(page.page_errors, 2);
	assert_int_equal(page.status_seen, 404);
	arena_release(&a);

	/* a path that matches nothing: a page outside /api/ ... */
	arena_init(&a, ARENA_MAX_DEFAULT);
	http_request_init(&req, &a, HTTP_METHOD_GET, "/nergens");
	router_handle(&r, &req, &resp);
	assert_int_equal(resp.status, 404);
	assert_int_equal(page.page_errors, 3);
	arena_release(&a);

	/* ... and JSON inside it, as for API routes */
	arena_init(&a, ARENA_MAX_DEFAULT);
	http_request_init(&req, &a, HTTP_METHOD_GET, "/api/v1/nergens");
	router_handle(&r, &req, &resp);
	assert_int_equal(resp.status, 404);
	assert_int_equal(page.page_errors, 3);
	assert_string_equal(resp.content_type, HTTP_CONTENT_TYPE_JSON);
	arena_release(&a);
	arena_init(&a, ARENA_MAX_DEFAULT);
	http_request_init(&req, &a, HTTP_METHOD_GET, "/api/v1/x");
	router_handle(&r, &req, &resp);
	assert_int_equal(resp.status, 404);
	assert_int_equal(page.page_errors, 3);
	arena_release(&a);
	router_release(&r);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test_setup_teardown(test_match_with_typed_param,
						setup, teardown),
		cmocka_unit_test_setup_teardown(test_wrong_type_is_400, setup,
						teardown),
		cmocka_unit_test_setup_teardown(
			test_not_found_and_method_not_allowed, setup, teardown),
		cmocka_unit_test_setup_teardown(test_query_params, setup,
						teardown),
		cmocka_unit_test_setup_teardown(
			test_traversal_and_encoding_refused, setup, teardown),
		cmocka_unit_test(test_percent_decode),
		cmocka_unit_test_setup_teardown(test_hidden_case_is_plain_404,
						setup, teardown),
		cmocka_unit_test_setup_teardown(test_session_and_csrf, setup,
						teardown),
		cmocka_unit_test_setup_teardown(test_body_and_handler_errors,
						setup, teardown),
		cmocka_unit_test_setup_teardown(
			test_default_deny_without_policy, setup, teardown),
		cmocka_unit_test(test_table_refused),
		cmocka_unit_test(test_page_routes),
		cmocka_unit_test_setup_teardown(
			test_split_handler_waits_for_record, setup_async,
			teardown),
		cmocka_unit_test_setup_teardown(
			test_split_refusals_recorded_then_answered, setup_async,
			teardown),
		cmocka_unit_test_setup_teardown(
			test_handle_waits_on_starting_hook, setup_async,
			teardown),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
