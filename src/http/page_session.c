/*
 * page_session.c - signing in and out in the browser: the user name and
 * password form, the TOTP code form, sign-out (see pages.h). A user
 * without a second factor is sent from the code form to its enrolment
 * (page_account.h).
 *
 * Design: the decisions are api_session.c's (api_session_login,
 * api_session_check_code), so the page and the API refuse, count
 * failures, lock out and throttle in exactly one way. This file only
 * turns their outcome into forms with the errors beside the fields: the
 * user name typed is shown again, the password never is.
 */
#include "http/pages.h"

#include <string.h>

#include <jansson.h>
#include <sodium.h>

#include "http/api_session.h"
#include "http/app.h"
#include "http/page_account.h"
#include "web/strings.h"
#include "util/banned.h"

const struct http_param_spec page_login_fields[2] = {
	HTTP_PARAM_STRING_SPEC("username", 0, API_SESSION_USERNAME_MAX),
	HTTP_PARAM_STRING_SPEC("password", 0, API_SESSION_PASSWORD_MAX),
};

const struct http_param_spec page_code_fields[1] = {
	HTTP_PARAM_STRING_SPEC("code", 0, API_SESSION_CODE_MAX),
};

static const char *
page_field(const struct http_request *req, const char *name)
{
	return json_string_value(json_object_get(req->body_json, name));
}

/* The host part of an absolute URL ("https://h:1/x" -> "h:1"), or 0. */
static int
page_url_host(const char *url, const char **host, size_t *len)
{
	const char *p = strstr(url, "://"), *end;

	if (!p)
		return 0;
	p += 3;
	end = p + strcspn(p, "/?#");
	*host = p;
	*len = (size_t)(end - p);
	return 1;
}

int
page_same_origin(const struct http_request *req)
{
	const char *site = http_request_header(req, "Sec-Fetch-Site");
	const char *origin = http_request_header(req, "Origin");
	const char *host = http_request_header(req, "Host");
	const char *h;
	size_t len;

	/* A browser's own word on where the request comes from (Fetch
	 * Metadata) is the most reliable; every current browser sends it. */
	if (site)
		return strcmp(site, "same-origin") == 0;
	/* With our Referrer-Policy no-referrer a browser may send the opaque
	 * "Origin: null" for our own form: it names no other site. */
	if (origin && strcmp(origin, "null") == 0)
		origin = NULL;
	if (!origin)
		origin = http_request_header(req, "Referer");
	if (!origin)
		return 1; /* a browser that says nothing: SameSite guards */
	if (!host || !page_url_host(origin, &h, &len))
		return 0;
	return strlen(host) == len && strncmp(host, h, len) == 0;
}

static enum ct_err
page_login_render(void *app, struct http_request *req,
		  struct http_response *resp, unsigned status,
		  const char *username, const char *err_username,
		  const char *err_password, const char *summary,
		  struct ct_error *err)
{
	struct tmpl_vars *v, *errors, *item;
	enum ct_country c = CT_COUNTRY_NL;

	v = page_vars_new(app, req, web_str(c, WEB_S_LOGIN_TITLE));
	tmpl_set(v, "username", username);
	tmpl_set(v, "err_username", err_username);
	tmpl_set(v, "err_password", err_password);
	if (summary || err_username || err_password) {
		errors = tmpl_set_child(v, "errors");
		if (summary) {
			item = tmpl_list_add(errors, "list");
			tmpl_set(item, "message", summary);
		}
		if (err_username) {
			item = tmpl_list_add(errors, "list");
			tmpl_set(item, "field", "username");
			tmpl_set(item, "message", err_username);
		}
		if (err_password) {
			item = tmpl_list_add(errors, "list");
			tmpl_set(item, "field", "password");
			tmpl_set(item, "message", err_password);
		}
	}
	return page_render(req, resp, status, "login", v, err);
}

enum ct_err
page_login_form(void *app, struct http_request *req, struct http_response *resp,
		struct ct_error *err)
{
	const struct app_session *s = app_session(req);

	/* Already signed in: on to the code or the work list. */
	if (s && !s->via_token) {
		page_redirect(req, resp,
			      s->subject.totp_verified ? "/" : PAGE_CODE_PATH);
		return CT_OK;
	}
	return page_login_render(app, req, resp, 200, NULL, NULL, NULL, NULL,
				 err);
}

enum ct_err
page_login(void *app, struct http_request *req, struct http_response *resp,
	   struct ct_error *err)
{
	const char *username = page_field(req, "username");
	const char *password = page_field(req, "password");
	const char *required = web_str(CT_COUNTRY_NL, WEB_S_FIELD_REQUIRED);
	struct api_session_login in;
	enum ct_err rc;

	if (!page_same_origin(req))
		return ct_error_set(err, CT_ERR_DENIED,
				    "Dit formulier kwam niet van deze site.");
	if (!username || !password)
		return page_login_render(app, req, resp, 400, username,
					 username ? NULL : required,
					 password ? NULL : required, NULL, err);
	rc = api_session_login(app, req, username, password, &in, err);
	if (rc)
		return rc;
	if (!in.ok)
		return page_login_render(
			app, req, resp, 401, username, NULL, NULL,
			web_str(CT_COUNTRY_NL, WEB_S_LOGIN_FAILED), err);
	page_redirect(req, resp, PAGE_CODE_PATH);
	app_set_session_cookie(app, req, resp, in.token);
	sodium_memzero(in.token, sizeof(in.token));
	return CT_OK;
}

static enum ct_err
page_code_render(void *app, struct http_request *req,
		 struct http_response *resp, unsigned status, const char *code,
		 const char *err_code, struct ct_error *err)
{
	const struct app_session *s = app_session(req);
	struct tmpl_vars *v, *errors, *item;

	v = page_vars_new(app, req, web_str(s->org.country, WEB_S_TOTP_TITLE));
	tmpl_set(v, "code", code);
	tmpl_set(v, "err_code", err_code);
	if (err_code) {
		errors = tmpl_set_child(v, "errors");
		item = tmpl_list_add(errors, "list");
		tmpl_set(item, "field", "code");
		tmpl_set(item, "message", err_code);
	}
	return page_render(req, resp, status, "totp", v, err);
}

/* A session that has no second factor yet sets one up first. */
static enum ct_err
page_not_enrolled(struct http_request *req, struct http_response *resp)
{
	page_redirect(req, resp, PAGE_ENROL_PATH);
	return CT_OK;
}

enum ct_err
page_code_form(void *app, struct http_request *req, struct http_response *resp,
	       struct ct_error *err)
{
	const struct app_session *s = app_session(req);

	if (!s || s->via_token)
		CT_BUG("code page without a cookie session");
	if (s->subject.totp_verified) {
		page_redirect(req, resp, "/");
		return CT_OK;
	}
	if (!s->security.totp_enrolled)
		return page_not_enrolled(req, resp);
	return page_code_render(app, req, resp, 200, NULL, NULL, err);
}

enum ct_err
page_code(void *app, struct http_request *req, struct http_response *resp,
	  struct ct_error *err)
{
	const struct app_session *s = app_session(req);
	const char *code = page_field(req, "code");
	int verified = 0;
	enum ct_err rc;

	if (!s || s->via_token)
		CT_BUG("code page without a cookie session");
	if (!s->security.totp_enrolled)
		return page_not_enrolled(req, resp);
	if (!code)
		return page_code_render(
			app, req, resp, 400, NULL,
			web_str(s->org.country, WEB_S_FIELD_REQUIRED), err);
	rc = api_session_check_code(app, req, code, &verified, err);
	if (rc == CT_ERR_INVALID) {
		/* Not six digits: say so beside the field, keep it. */
		const char *why =
			req->problems.count
				? arena_strdup(req->arena,
					       req->problems.items[0].message)
				: NULL;

		ct_problems_init(&req->problems);
		ct_error_clear(err);
		return page_code_render(
			app, req, resp, 400, code,
			why ? why : web_str(s->org.country, WEB_S_TOTP_FAILED),
			err);
	}
	if (rc)
		return rc;
	if (!verified)
		return page_code_render(
			app, req, resp, 401, NULL,
			web_str(s->org.country, WEB_S_TOTP_FAILED), err);
	page_redirect(req, resp, "/");
	return CT_OK;
}

enum ct_err
page_logout(void *vapp, struct http_request *req, struct http_response *resp,
	    struct ct_error *err)
{
	struct app *app = vapp;
	const struct app_session *s = app_session(req);
	struct store *st;
	enum ct_err rc;

	if (!s)
		CT_BUG("logout page without a session");
	if (!s->via_token) {
		st = app_store(app, err);
		if (!st)
			return err && err->code ? err->code : CT_ERR_INTERNAL;
		rc = store_session_delete(st, s->session.id, err);
		if (rc && rc != CT_ERR_NOTFOUND)
			return rc;
	}
	page_redirect(req, resp, PAGE_SIGN_IN_PATH);
	app_set_session_cookie(app, req, resp, NULL);
	return CT_OK;
}
