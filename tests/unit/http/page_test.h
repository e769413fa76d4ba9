/*
 * page_test.h - the page tests' fixture: app_test.h's application and
 * store, routed through the whole table (app_routes, pages included), and
 * a browser stand-in that posts forms and keeps the session cookie.
 */
#ifndef CT_TEST_PAGE_TEST_H
#define CT_TEST_PAGE_TEST_H

#include "app_test.h"
#include "http/form.h"

static inline int
pg_setup(void **state)
{
	struct fx *f;
	struct ct_error err;

	fx_setup(state);
	f = *state;
	router_release(&f->router);
	assert_int_equal(router_init(&f->router, app_routes, app_routes_count,
				     &app_router_hooks, &f->app, &err),
			 CT_OK);
	return 0;
}

struct pg_call {
	struct arena arena;
	struct http_request req;
	struct http_response resp;
	char body[256 * 1024]; /* the page, terminated */
};

/* A request with an optional cookie and an optional url-encoded form. */
static inline void
pg_request(struct fx *f, struct pg_call *c, enum http_method m,
	   const char *target, const char *cookie, const char *form)
{
	arena_init(&c->arena, ARENA_MAX_DEFAULT);
	http_request_init(&c->req, &c->arena, m, target);
	if (cookie && cookie[0])
		assert_int_equal(
			http_request_add_header(&c->req, "Cookie", cookie),
			CT_OK);
	if (form) {
		assert_int_equal(http_request_add_header(
					 &c->req, "Content-Type",
					 HTTP_FORM_CONTENT_TYPE),
				 CT_OK);
		assert_int_equal(
			http_request_set_body(&c->req, form, strlen(form)),
			CT_OK);
	}
	router_handle(&f->router, &c->req, &c->resp);
	assert_true(c->resp.status >= 200);
	assert_true(c->resp.body_len < sizeof(c->body));
	memcpy(c->body, c->resp.body, c->resp.body_len);
	c->body[c->resp.body_len] = '\0';
}

static inline const char *
pg_header(const struct pg_call *c, const char *name)
{
	size_t i;

	for (i = 0; i < c->resp.n_headers; i++)
		if (strcasecmp(c->resp.headers[i].name, name) == 0)
			return c->resp.headers[i].value;
	return NULL;
}

static inline void
pg_done(struct pg_call *c)
{
	arena_release(&c->arena);
}

/* The csrf_token hidden field of the page in c, into out. */
static inline void
pg_csrf(const struct pg_call *c, char out[TOKEN_CSRF_SIZE])
{
	static const char mark[] = "name=\"csrf_token\" value=\"";
	const char *p = strstr(c->body, mark), *end;

	assert_non_null(p);
	p += sizeof(mark) - 1;
	end = strchr(p, '"');
	assert_non_null(end);
	assert_true((size_t)(end - p) < TOKEN_CSRF_SIZE);
	memcpy(out, p, (size_t)(end - p));
	out[end - p] = '\0';
}

/* Sign in through the forms; cookie receives "ct_session=...". */
static inline void
pg_sign_in(struct fx *f, const struct fx_user *fu, char *cookie,
	   size_t cookie_size, int give_code)
{
	char form[256], code[TOTP_CODE_SIZE], csrf[TOKEN_CSRF_SIZE];
	const char *set, *semi;
	struct pg_call *c = malloc(sizeof(*c));

	assert_non_null(c);
	snprintf(form, sizeof(form), "username=%s&password=correct+horse+"
				     "battery",
		 fu->u.username);
	pg_request(f, c, HTTP_METHOD_POST, "/aanmelden", NULL, form);
	assert_int_equal(c->resp.status, 303);
	assert_string_equal(pg_header(c, "Location"), "/aanmelden/code");
	set = pg_header(c, "Set-Cookie");
	assert_non_null(set);
	semi = strchr(set, ';');
	assert_true((size_t)(semi - set) < cookie_size);
	memcpy(cookie, set, (size_t)(semi - set));
	cookie[semi - set] = '\0';
	pg_done(c);
	if (give_code) {
		pg_request(f, c, HTTP_METHOD_GET, "/aanmelden/code", cookie,
			   NULL);
		assert_int_equal(c->resp.status, 200);
		pg_csrf(c, csrf);
		pg_done(c);
		fx_code(f, fu, f->now, code);
		snprintf(form, sizeof(form), "code=%s&csrf_token=%s", code,
			 csrf);
		pg_request(f, c, HTTP_METHOD_POST, "/aanmelden/code", cookie,
			   form);
		assert_int_equal(c->resp.status, 303);
		assert_string_equal(pg_header(c, "Location"), "/");
		pg_done(c);
	}
	free(c);
}

#endif
