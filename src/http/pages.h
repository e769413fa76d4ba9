/*
 * pages.h - the web application's pages (issue 5) as rows of the one
 * route table, with HTTP_ROUTE_PAGE so they stay out of the OpenAPI
 * document. Each page declares its policy action like an API route:
 *
 *   GET  /static/{name}    static.read     an embedded asset (hashed name)
 *   GET  /aanmelden        session.create  sign-in form
 *   POST /aanmelden        session.create  user name + password
 *   GET  /aanmelden/code   session.read    the TOTP code form
 *   POST /aanmelden/code   session.totp    the code -> 303 /
 *   POST /afmelden         session.delete  sign out -> 303 /aanmelden
 *   GET  /                 worklist.read   the organisation's work list
 *   GET  /dossiers         case.list       cases, filtered and paged
 *
 * Contract:
 *  - Sign-in keeps the user name and never the password; one message for
 *    every refusal (api_session_login decides, shared with the API).
 *    The sign-in POST has no session and so no CSRF token: the cookie is
 *    SameSite=Strict, and an Origin or Referer header, when present, must
 *    name this server's Host (else 403).
 *  - Every other form carries the session's CSRF token (csrf_token).
 *  - Without a session a page answers 303 /aanmelden; a session without
 *    its second factor 303 /aanmelden/code (page_common.h page_error).
 */
#ifndef CT_HTTP_PAGES_H
#define CT_HTTP_PAGES_H

#include "http/page_common.h"
#include "http/router.h"

enum ct_err page_login_form(void *app, struct http_request *req,
			    struct http_response *resp, struct ct_error *err);
enum ct_err page_login(void *app, struct http_request *req,
		       struct http_response *resp, struct ct_error *err);
enum ct_err page_code_form(void *app, struct http_request *req,
			   struct http_response *resp, struct ct_error *err);
enum ct_err page_code(void *app, struct http_request *req,
		      struct http_response *resp, struct ct_error *err);
enum ct_err page_logout(void *app, struct http_request *req,
			struct http_response *resp, struct ct_error *err);
enum ct_err page_worklist(void *app, struct http_request *req,
			  struct http_response *resp, struct ct_error *err);
enum ct_err page_cases(void *app, struct http_request *req,
		       struct http_response *resp, struct ct_error *err);

/*
 * 1 when req comes from our own site: Sec-Fetch-Site "same-origin" when
 * the browser sends it, else an Origin (or Referer) naming req's Host; an
 * opaque "Origin: null" or no header at all passes (SameSite guards).
 */
int page_same_origin(const struct http_request *req);

extern const struct http_param_spec page_login_fields[2];
extern const struct http_param_spec page_code_fields[1];
extern const struct http_param_spec page_cases_query[5];

#define PAGE_FORM_MAX 8192

#define PAGE_ROUTES                                                            \
	{.method = HTTP_METHOD_GET, .pattern = "/static/{name:str}",          \
	 .action = "static.read", .flags = HTTP_ROUTE_PAGE,                   \
	 .handler = page_static},                                             \
	{.method = HTTP_METHOD_GET, .pattern = "/aanmelden",                  \
	 .action = "session.create", .flags = HTTP_ROUTE_PAGE,                \
	 .handler = page_login_form},                                         \
	{.method = HTTP_METHOD_POST, .pattern = "/aanmelden",                 \
	 .action = "session.create", .flags = HTTP_ROUTE_PAGE,                \
	 .body = page_login_fields, .n_body = 2, .body_max = PAGE_FORM_MAX,   \
	 .handler = page_login},                                              \
	{.method = HTTP_METHOD_GET, .pattern = "/aanmelden/code",             \
	 .action = "session.read",                                            \
	 .flags = HTTP_ROUTE_PAGE | HTTP_ROUTE_SESSION,                       \
	 .handler = page_code_form},                                          \
	{.method = HTTP_METHOD_POST, .pattern = "/aanmelden/code",            \
	 .action = "session.totp",                                            \
	 .flags = HTTP_ROUTE_PAGE | HTTP_ROUTE_SESSION | HTTP_ROUTE_CSRF,     \
	 .body = page_code_fields, .n_body = 1, .body_max = PAGE_FORM_MAX,    \
	 .handler = page_code},                                               \
	{.method = HTTP_METHOD_POST, .pattern = "/afmelden",                  \
	 .action = "session.delete",                                          \
	 .flags = HTTP_ROUTE_PAGE | HTTP_ROUTE_SESSION | HTTP_ROUTE_CSRF,     \
	 .body = page_code_fields, .n_body = 0, .body_max = PAGE_FORM_MAX,    \
	 .handler = page_logout},                                             \
	{.method = HTTP_METHOD_GET, .pattern = "/",                           \
	 .action = "worklist.read",                                           \
	 .flags = HTTP_ROUTE_PAGE | HTTP_ROUTE_SESSION,                       \
	 .handler = page_worklist},                                           \
	{.method = HTTP_METHOD_GET, .pattern = "/dossiers",                   \
	 .action = "case.list",                                               \
	 .flags = HTTP_ROUTE_PAGE | HTTP_ROUTE_SESSION,                       \
	 .query = page_cases_query, .n_query = 5, .handler = page_cases}

#endif
