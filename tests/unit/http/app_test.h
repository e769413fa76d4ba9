/*
 * app_test.h - fixture shared by test_app.c, test_api_session.c and
 * test_api_me.c: a fresh database with two police organisations, a user
 * in each (password known, TOTP enrolled with a known secret), an admin,
 * a case owned by the first organisation, the app started on it with a
 * fixed clock and no throttling delay, and a router over the session and
 * me routes plus a test case route. Requests go straight to
 * router_handle(), as the server would pass them. Include after
 * <cmocka.h>.
 */
#ifndef CT_TEST_APP_TEST_H
#define CT_TEST_APP_TEST_H

#include <dirent.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <unistd.h>

#include <jansson.h>
#include <sodium.h>

#include "core/model_json.h"
#include "http/api_health.h"
#include "http/api_me.h"
#include "http/api_session.h"
#include "http/app.h"
#include "util/crypto.h"
#include "util/totp.h"

#define FX_NOW INT64_C(1783936800) /* 2026-07-13T10:00:00Z */
#define FX_PASSWORD "correct horse battery"

/* The case route the tests read: answers the case id it was given. */
static inline enum ct_err
fx_case_read(void *app, struct http_request *req, struct http_response *resp,
	     struct ct_error *err)
{
	const struct app_session *s = app_session(req);

	(void)app;
	(void)err;
	assert_non_null(s);
	assert_true(s->has_case);
	http_response_json(resp, req->arena, 200,
			   json_pack("{s:s}", "id", s->the_case.id));
	return CT_OK;
}

static const struct http_route fx_routes[] = {
	API_HEALTH_ROUTE,
	API_SESSION_ROUTES,
	API_ME_ROUTES,
	{.method = HTTP_METHOD_GET,
	 .pattern = "/api/v1/cases/{case_id:uuid}",
	 .action = "case.read",
	 .flags = HTTP_ROUTE_SESSION,
	 .handler = fx_case_read},
};

struct fx_user {
	struct user u;
	unsigned char secret[TOTP_SECRET_BYTES];
};

struct fx {
	char dir[64];
	char path[96];
	int64_t now;
	struct app app;
	struct router router;
	struct store *st; /* the fixture's own handle, for checks */
	struct store_actor who;
	struct arena a;
	struct org org_a, org_b;
	struct fx_user alice, bob, admin;
	struct ct_case kase;
};

/* One request and its answer. */
struct fx_call {
	struct arena arena;
	struct http_request req;
	struct http_response resp;
	json_t *body;
};

static inline int64_t
fx_clock(void *ctx)
{
	return *(int64_t *)ctx;
}

static inline void
fx_user_make(struct fx *f, struct fx_user *fu, const char *name,
	     const struct org *o, uint32_t roles, int totp)
{
	char hash[CT_PWHASH_SIZE];
	struct ct_error err;

	memset(fu, 0, sizeof(*fu));
	memcpy(fu->u.org_id, o->id, CT_UUID_SIZE);
	fu->u.username = name;
	fu->u.display_name = name;
	fu->u.roles = roles;
	fu->u.active = 1;
	assert_int_equal(ct_password_hash(FX_PASSWORD, hash), CT_OK);
	assert_int_equal(store_user_create(f->st, &f->who, &fu->u, hash, &err),
			 CT_OK);
	if (!totp)
		return;
	totp_secret_new(fu->secret);
	assert_int_equal(store_user_totp_begin(f->st, &f->who, fu->u.id,
					       fu->secret, &err),
			 CT_OK);
	assert_int_equal(store_user_totp_accept(f->st, &f->who, fu->u.id, 0, 1,
						&err),
			 CT_OK);
}

static inline void
fx_org_make(struct fx *f, struct org *o, const char *name)
{
	struct ct_error err;

	memset(o, 0, sizeof(*o));
	o->name = name;
	o->type = ORG_TYPE_POLICE;
	o->country = CT_COUNTRY_NL;
	assert_int_equal(store_org_create(f->st, &f->who, o, &err), CT_OK);
}

static inline int
fx_setup(void **state)
{
	unsigned char key[STORE_SERVER_KEY_BYTES];
	struct app_config cfg;
	struct ct_error err;
	struct fx *f = calloc(1, sizeof(*f));

	assert_non_null(f);
	assert_int_equal(ct_crypto_init(), CT_OK);
	assert_int_equal(totp_global_init(), CT_OK);
	snprintf(f->dir, sizeof(f->dir), "/tmp/ct-app-test-XXXXXX");
	assert_non_null(mkdtemp(f->dir));
	snprintf(f->path, sizeof(f->path), "%s/app.db", f->dir);
	f->now = FX_NOW;
	randombytes_buf(key, sizeof(key));

	assert_int_equal(store_open(f->path, STORE_OPEN_CREATE, &f->st, &err),
			 CT_OK);
	store_set_clock(f->st, fx_clock, &f->now);
	store_set_server_key(f->st, key);
	arena_init(&f->a, ARENA_MAX_DEFAULT);
	f->who.label = "test:fixture";
	fx_org_make(f, &f->org_a, "Politie Amsterdam");
	fx_org_make(f, &f->org_b, "Politie Rotterdam");
	fx_user_make(f, &f->alice, "alice", &f->org_a,
		     CT_BIT(USER_ROLE_POLICE_OFFICER), 1);
	fx_user_make(f, &f->bob, "bob", &f->org_b,
		     CT_BIT(USER_ROLE_POLICE_OFFICER), 1);
	fx_user_make(f, &f->admin, "beheer", &f->org_a,
		     CT_BIT(USER_ROLE_ADMIN), 0);
	memset(&f->kase, 0, sizeof(f->kase));
	f->kase.jurisdiction = CT_COUNTRY_NL;
	f->kase.region = "AMS";
	memcpy(f->kase.owner_org_id, f->org_a.id, CT_UUID_SIZE);
	f->kase.pattern = PATTERN_UNKNOWN;
	assert_int_equal(store_case_create(f->st, &f->who, &f->kase, &err),
			 CT_OK);

	app_config_defaults(&cfg);
	cfg.database = f->path;
	cfg.login_max_failures = 3;
	cfg.login_lock_seconds = 600;
	assert_int_equal(app_start(&f->app, &cfg, key, &err), CT_OK);
	f->app.now = fx_clock;
	f->app.now_ctx = &f->now;
	f->app.login_delay_ms = 0;
	assert_int_equal(router_init(&f->router, fx_routes,
				     CT_ARRAY_SIZE(fx_routes),
				     &app_router_hooks, &f->app, &err),
			 CT_OK);
	*state = f;
	return 0;
}

static inline int
fx_teardown(void **state)
{
	struct fx *f = *state;
	DIR *d;
	struct dirent *e;
	char p[64 + 1 + 256];

	router_release(&f->router);
	app_stop(&f->app);
	store_close(f->st);
	arena_release(&f->a);
	d = opendir(f->dir);
	while (d && (e = readdir(d)) != NULL) {
		if (!strcmp(e->d_name, ".") || !strcmp(e->d_name, ".."))
			continue;
		snprintf(p, sizeof(p), "%s/%s", f->dir, e->d_name);
		unlink(p);
	}
	if (d)
		closedir(d);
	rmdir(f->dir);
	totp_global_done();
	free(f);
	return 0;
}

/*
 * A request: headers is a NULL-terminated list of name, value pairs;
 * body may be NULL. The answer must be complete JSON.
 */
static inline void
fx_request(struct fx *f, struct fx_call *c, enum http_method m,
	   const char *target, const char *body, const char *const *headers)
{
	arena_init(&c->arena, ARENA_MAX_DEFAULT);
	http_request_init(&c->req, &c->arena, m, target);
	snprintf(c->req.request_id, sizeof(c->req.request_id),
		 "00000000-0000-4000-8000-000000000001");
	for (; headers && headers[0]; headers += 2)
		assert_int_equal(
			http_request_add_header(&c->req, headers[0],
						headers[1]),
			CT_OK);
	if (body) {
		assert_int_equal(http_request_add_header(&c->req,
							 "Content-Type",
							 "application/json"),
				 CT_OK);
		assert_int_equal(
			http_request_set_body(&c->req, body, strlen(body)),
			CT_OK);
	}
	router_handle(&f->router, &c->req, &c->resp);
	assert_true(c->resp.status >= 200);
	c->body = json_loadb(c->resp.body, c->resp.body_len, 0, NULL);
	assert_non_null(c->body);
}

static inline void
fx_done(struct fx_call *c)
{
	json_decref(c->body);
	arena_release(&c->arena);
}

static inline const char *
fx_str(const struct fx_call *c, const char *key)
{
	return json_string_value(json_object_get(c->body, key));
}

static inline const char *
fx_header(const struct fx_call *c, const char *name)
{
	size_t i;

	for (i = 0; i < c->resp.n_headers; i++)
		if (strcasecmp(c->resp.headers[i].name, name) == 0)
			return c->resp.headers[i].value;
	return NULL;
}

/* A logged-in client: "ct_session=..." and its CSRF token. */
struct fx_client {
	char cookie[TOKEN_TEXT_SIZE + 16];
	char csrf[TOKEN_CSRF_SIZE];
};

static inline unsigned
fx_login(struct fx *f, const char *user, const char *password,
	 struct fx_client *cl)
{
	char body[256];
	struct fx_call c;
	const char *set_cookie, *semi;
	unsigned status;

	snprintf(body, sizeof(body), "{\"username\":\"%s\",\"password\":\"%s\"}",
		 user, password);
	fx_request(f, &c, HTTP_METHOD_POST, "/api/v1/session", body, NULL);
	status = c.resp.status;
	if (status == 200) {
		set_cookie = fx_header(&c, "Set-Cookie");
		assert_non_null(set_cookie);
		semi = strchr(set_cookie, ';');
		assert_non_null(semi);
		assert_true((size_t)(semi - set_cookie) < sizeof(cl->cookie));
		memcpy(cl->cookie, set_cookie, (size_t)(semi - set_cookie));
		cl->cookie[semi - set_cookie] = '\0';
		snprintf(cl->csrf, sizeof(cl->csrf), "%s",
			 fx_str(&c, "csrf_token"));
	}
	fx_done(&c);
	return status;
}

/* A request as cl: cookie, and the CSRF header when unsafe. */
static inline void
fx_as(struct fx *f, const struct fx_client *cl, struct fx_call *c,
      enum http_method m, const char *target, const char *body)
{
	const char *headers[] = {"Cookie", cl->cookie, APP_CSRF_HEADER,
				 cl->csrf, NULL};

	fx_request(f, c, m, target, body, headers);
}

/* The current TOTP code of a user, as an app would show it. */
static inline void
fx_code(const struct fx *f, const struct fx_user *fu, int64_t at,
	char code[TOTP_CODE_SIZE])
{
	(void)f;
	assert_int_equal(totp_code_at_step(fu->secret, sizeof(fu->secret),
					   totp_step(at), TOTP_DIGITS, code),
			 CT_OK);
}

/* Give the second factor in cl's session; returns the status. */
static inline unsigned
fx_totp(struct fx *f, const struct fx_client *cl, const struct fx_user *fu)
{
	char code[TOTP_CODE_SIZE], body[64];
	struct fx_call c;
	unsigned status;

	fx_code(f, fu, f->now, code);
	snprintf(body, sizeof(body), "{\"code\":\"%s\"}", code);
	fx_as(f, cl, &c, HTTP_METHOD_POST, "/api/v1/session/totp", body);
	status = c.resp.status;
	fx_done(&c);
	return status;
}

#endif
