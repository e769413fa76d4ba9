/*
 * page_common.h - what every HTML page of the web application shares:
 * the layout's variables, rendering with the page CSP, redirects, the
 * error pages (the router's page_error hook) and the embedded assets.
 *
 * Pages are routes of the one route table with HTTP_ROUTE_PAGE (router.h):
 * the same router, session cookie and policy as the API. A page handler
 * fills a struct tmpl_vars (web/tmpl.h escapes every value) and calls
 * page_render().
 *
 * Contract:
 *  - page_vars_new() starts a page's variables: the strings of the
 *    user's country (NL without a session), the hashed asset URLs, the
 *    title, and for a signed-in session "me" (name, organisation, the
 *    CSRF token for the sign-out form and every other form).
 *  - page_render() renders template name into resp with status, the
 *    HTML content type, WEB_CSP and no caching; a template that fails
 *    to render is an internal error (CT_ERR_INTERNAL returned).
 *  - page_redirect() answers 303 See Other to a local path.
 *  - page_error() is the router's hook: without a session a page asks
 *    for sign-in (303 /aanmelden); a session that still owes its second
 *    factor goes to /aanmelden/code; anything else is an error page with
 *    the same status. Every 404 is the same page, so a case outside the
 *    team looks exactly like one that does not exist.
 *  - page_static() serves GET /static/{name}: an embedded asset by its
 *    hashed name, cacheable for a year; any other name is 404.
 */
#ifndef CT_HTTP_PAGE_COMMON_H
#define CT_HTTP_PAGE_COMMON_H

#include "http/router.h"
#include "web/tmpl.h"

#define PAGE_SIGN_IN_PATH "/aanmelden"
#define PAGE_CODE_PATH "/aanmelden/code"
#define PAGE_HTML_MAX ((size_t)1024 * 1024)

struct tmpl_vars *page_vars_new(void *app, struct http_request *req,
				const char *title);
enum ct_err page_render(struct http_request *req, struct http_response *resp,
			unsigned status, const char *name,
			const struct tmpl_vars *vars, struct ct_error *err);
void page_redirect(struct http_request *req, struct http_response *resp,
		   const char *location);
void page_error(void *app, struct http_request *req,
		struct http_response *resp);
enum ct_err page_static(void *app, struct http_request *req,
			struct http_response *resp, struct ct_error *err);

#endif
