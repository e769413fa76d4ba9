/*
 * page_account.h - the second factor's enrolment and the user's own
 * account in the browser (issue 5), rows of the one route table:
 *
 *   GET  /aanmelden/instellen   totp.enrol       the QR code, the secret
 *                                                and the first-code form
 *   POST /aanmelden/instellen   totp.enrol       the first code -> 303 /
 *   GET  /account               me.read          "Mijn account"
 *   POST /account/wachtwoord    password.change  -> 303 /account?gewijzigd=1
 *
 * The decisions are api_me.c's (api_me_totp_start, api_me_totp_finish,
 * api_me_password_change), so a page and POST /api/v1/me/... never
 * disagree.
 *
 * Contract, enrolment:
 *  - Only a cookie session whose user has no confirmed second factor
 *    enrols here. With a confirmed factor the page answers 303 to / (the
 *    session gave it) or /aanmelden/code (the policy sends it there
 *    first); a confirmed factor is never replaced here (an
 *    administrator resets it).
 *  - The secret shown belongs to this session: it is derived from the
 *    server key, the user id and the session id (keyed BLAKE2b), and the
 *    GET stores it as the pending secret. So reloading the page shows
 *    the same QR code and a scan already done keeps working, while a new
 *    sign-in (a new session) replaces any pending secret: a secret that
 *    someone else with the password left pending is never shown to, nor
 *    confirmed by, the real user. Knowing the session id is not enough
 *    to compute it; whoever holds the server key can open every sealed
 *    secret anyway.
 *  - The POST checks the code against the pending secret only when that
 *    is this session's secret; when the enrolment was restarted
 *    elsewhere (another session, the API) or reset, nothing is checked
 *    and the answer is 303 to GET /aanmelden/instellen?opnieuw=1, which
 *    stores this session's secret again and says the app must scan anew.
 *  - A wrong or replayed code: 401, the error beside the field, nothing
 *    confirmed (throttled like every refused code). Not six digits: 400,
 *    the input kept. A good code confirms the factor, marks this session
 *    as having given it, and answers 303 /.
 *  - The secret is in the page only (QR code and text, never in a URL
 *    or a log); every page answers Cache-Control: no-store.
 *
 * Contract, account:
 *  - Both routes need a cookie session that gave the second factor; any
 *    other session is sent to /aanmelden/code (which sends a user
 *    without a factor on to the enrolment), nothing changed.
 *  - The password form has current_password, new_password and
 *    repeat_password. Empty fields and a repeat that differs are said
 *    beside the field (400) before anything is checked; then the API's
 *    rules: a wrong current password is 403 beside that field (counted
 *    as a failed login); a new one that breaks a rule is 400 beside the
 *    new field. Passwords are never shown again.
 *  - Success ends every other session of the user and answers 303
 *    /account?gewijzigd=1 with a new session cookie (second factor kept),
 *    where the page confirms the change.
 */
#ifndef CT_HTTP_PAGE_ACCOUNT_H
#define CT_HTTP_PAGE_ACCOUNT_H

#include "http/page_common.h"
#include "http/router.h"

#define PAGE_ENROL_PATH "/aanmelden/instellen"
#define PAGE_ACCOUNT_PATH "/account"
#define PAGE_ACCOUNT_FORM_MAX 8192
#define PAGE_ENROL_MODULE_PX 4 /* CSS pixels per QR module */

enum ct_err page_enrol_form(void *app, struct http_request *req,
			    struct http_response *resp, struct ct_error *err);
enum ct_err page_enrol(void *app, struct http_request *req,
		       struct http_response *resp, struct ct_error *err);
enum ct_err page_account(void *app, struct http_request *req,
			 struct http_response *resp, struct ct_error *err);
enum ct_err page_account_password(void *app, struct http_request *req,
				  struct http_response *resp,
				  struct ct_error *err);

extern const struct http_param_spec page_enrol_query[1];
extern const struct http_param_spec page_enrol_fields[1];
extern const struct http_param_spec page_account_query[1];
extern const struct http_param_spec page_account_password_fields[3];

#define PAGE_ACCOUNT_ROUTES                                                    \
	{.method = HTTP_METHOD_GET,                                            \
	 .pattern = PAGE_ENROL_PATH,                                           \
	 .action = "totp.enrol",                                               \
	 .flags = HTTP_ROUTE_PAGE | HTTP_ROUTE_SESSION,                        \
	 .query = page_enrol_query,                                            \
	 .n_query = 1,                                                         \
	 .handler = page_enrol_form},                                          \
		{.method = HTTP_METHOD_POST,                                   \
		 .pattern = PAGE_ENROL_PATH,                                   \
		 .action = "totp.enrol",                                       \
		 .flags = HTTP_ROUTE_PAGE | HTTP_ROUTE_SESSION |               \
			  HTTP_ROUTE_CSRF,                                     \
		 .body = page_enrol_fields,                                    \
		 .n_body = 1,                                                  \
		 .body_max = PAGE_ACCOUNT_FORM_MAX,                            \
		 .handler = page_enrol},                                       \
		{.method = HTTP_METHOD_GET,                                    \
		 .pattern = PAGE_ACCOUNT_PATH,                                 \
		 .action = "me.read",                                          \
		 .flags = HTTP_ROUTE_PAGE | HTTP_ROUTE_SESSION,                \
		 .query = page_account_query,                                  \
		 .n_query = 1,                                                 \
		 .handler = page_account},                                     \
	{                                                                      \
		.method = HTTP_METHOD_POST, .pattern = "/account/wachtwoord",  \
		.action = "password.change",                                   \
		.flags = HTTP_ROUTE_PAGE | HTTP_ROUTE_SESSION |                \
			 HTTP_ROUTE_CSRF,                                      \
		.body = page_account_password_fields, .n_body = 3,             \
		.body_max = PAGE_ACCOUNT_FORM_MAX,                             \
		.handler = page_account_password                               \
	}

#endif
