/*
 * page_common.c - the pages' shared parts (see page_common.h): layout
 * variables, rendering with the strict CSP, redirects, error pages and
 * the embedded assets.
 *
 * Design: an error of a page reaches page_error() already in the API's
 * JSON shape (the router made it); the message is taken from there so a
 * refusal reads the same in the API and on a page, and the status stays.
 * A 404 never repeats anything the request named: one fixed page for a
 * missing case and a case outside the team.
 */
#include "http/page_common.h"

#include <string.h>

#include <jansson.h>

#include "http/app.h"
#include "web/strings.h"
#include "web/web.h"
#include "util/log.h"
#include "util/sbuf.h"
#include "util/banned.h"

#define PAGE_MESSAGE_MAX 512

static enum ct_country
page_country(const struct http_request *req)
{
	const struct app_session *s = app_session(req);

	return s ? s->org.country : CT_COUNTRY_NL;
}

struct tmpl_vars *
page_vars_new(void *vapp, struct http_request *req, const char *title)
{
	struct app *app = vapp;
	const struct app_session *s = app_session(req);
	struct tmpl_vars *v = tmpl_vars_new(req->arena), *me;
	char csrf[TOKEN_CSRF_SIZE];

	web_strings_set(v, page_country(req));
	tmpl_set(v, "title", title);
	tmpl_set(v, "css_url", web_asset_url("casustafel.css"));
	tmpl_set(v, "js_url", web_asset_url("casustafel.js"));
	/* The menu only for a session that may open the pages behind it. */
	if (s && !s->via_token && s->subject.totp_verified) {
		me = tmpl_set_child(v, "me");
		tmpl_set(me, "name",
			 s->user.display_name ? s->user.display_name
					      : s->user.username);
		tmpl_set(me, "org", s->org.name);
	}
	if (s && !s->via_token) {
		app_csrf_token(app, &s->session, csrf);
		tmpl_set(v, "csrf", csrf);
	}
	return v;
}

static void
page_headers(struct http_request *req, struct http_response *resp)
{
	http_response_add_header(resp, req->arena, "Content-Security-Policy",
				 WEB_CSP);
}

enum ct_err
page_render(struct http_request *req, struct http_response *resp,
	    unsigned status, const char *name, const struct tmpl_vars *vars,
	    struct ct_error *err)
{
	struct sbuf out;
	char *body;
	enum ct_err rc;

	sbuf_init(&out, PAGE_HTML_MAX);
	rc = web_render(name, vars, &out, err);
	if (rc) {
		/* A template bug or an oversized page: err says which. */
		sbuf_release(&out);
		ct_error("pagina %s niet gemaakt: %s", name, ct_strerror(rc));
		return CT_ERR_INTERNAL;
	}
	body = arena_alloc(req->arena, out.len + 1);
	if (!body) {
		sbuf_release(&out);
		return ct_error_set(err, CT_ERR_LIMIT, "verzoekgeheugen vol");
	}
	memcpy(body, out.buf, out.len + 1);
	http_response_init(resp);
	resp->status = status;
	resp->content_type = WEB_CONTENT_TYPE_HTML;
	resp->body = body;
	resp->body_len = out.len;
	sbuf_release(&out);
	page_headers(req, resp);
	return CT_OK;
}

void
page_redirect(struct http_request *req, struct http_response *resp,
	      const char *location)
{
	if (location[0] != '/' || location[1] == '/')
		CT_BUG("page_redirect: not a local path");
	http_response_init(resp);
	resp->status = 303;
	resp->content_type = WEB_CONTENT_TYPE_HTML;
	resp->body = "";
	resp->body_len = 0;
	http_response_add_header(resp, req->arena, "Location", location);
	page_headers(req, resp);
}

static const char *
page_heading(unsigned status)
{
	switch (status) {
	case 400:
		return "Het verzoek is niet in orde";
	case 403:
		return "Geen toegang";
	case 404:
		return "Niet gevonden";
	case 405:
		return "Dat kan hier niet";
	case 413:
		return "Te groot";
	case 415:
		return "Verkeerd formulier";
	default:
		return status >= 500 ? "Er ging iets mis" : "Fout";
	}
}

/* The message of the JSON error in resp, into out (may stay empty). */
static void
page_json_message(const struct http_response *resp, char *out, size_t size)
{
	json_t *j = json_loadb(resp->body, resp->body_len, 0, NULL);
	const char *m = json_string_value(json_object_get(j, "message"));

	snprintf(out, size, "%s", m ? m : "");
	json_decref(j);
}

void
page_error(void *vapp, struct http_request *req, struct http_response *resp)
{
	const struct app_session *s = app_session(req);
	unsigned status = resp->status;
	char message[PAGE_MESSAGE_MAX];
	struct tmpl_vars *v, *list, *item;
	struct ct_error err;
	size_t i;

	if (status == 401 && !s) {
		page_redirect(req, resp, PAGE_SIGN_IN_PATH);
		return;
	}
	if ((status == 401 || status == 403) && s && !s->via_token &&
	    s->has_decision &&
	    s->decision.denial == POLICY_DENY_SECOND_FACTOR) {
		page_redirect(req, resp, PAGE_CODE_PATH);
		return;
	}
	if (status == 404)
		snprintf(message, sizeof(message), "%s",
			 "Deze pagina bestaat niet, of u hebt er geen "
			 "toegang toe.");
	else
		page_json_message(resp, message, sizeof(message));
	v = page_vars_new(vapp, req, page_heading(status));
	tmpl_set(v, "heading", page_heading(status));
	tmpl_set(v, "message", message);
	if (status == 400 && req->problems.count) {
		list = tmpl_set_child(v, "problems");
		for (i = 0; i < req->problems.count; i++) {
			item = tmpl_list_add(list, "list");
			if (strcmp(req->problems.items[i].field, "_") != 0)
				tmpl_set(item, "field",
					 req->problems.items[i].field);
			tmpl_set(item, "message",
				 req->problems.items[i].message);
		}
	}
	ct_error_clear(&err);
	if (page_render(req, resp, status, "error", v, &err)) {
		/* The JSON error stays: better than nothing at all. */
		ct_error("verzoek %s: foutpagina: %s", req->request_id,
			 err.message);
	}
}

enum ct_err
page_static(void *app, struct http_request *req, struct http_response *resp,
	    struct ct_error *err)
{
	const struct web_asset *a =
		web_asset_by_url_name(http_request_param(req, "name"));

	(void)app;
	if (!a)
		return ct_error_set(err, CT_ERR_NOTFOUND,
				    "Dit bestand bestaat niet.");
	http_response_init(resp);
	resp->status = 200;
	resp->content_type = a->content_type;
	resp->body = (const char *)a->data;
	resp->body_len = a->len;
	http_response_add_header(resp, req->arena, "Cache-Control",
				 WEB_STATIC_CACHE_CONTROL);
	return CT_OK;
}
