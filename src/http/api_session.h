/*
 * api_session.h - logging in and out: /api/v1/session.
 *
 *   POST   /api/v1/session       {username, password}    log in
 *   POST   /api/v1/session/totp  {code}                  second factor
 *   GET    /api/v1/session                               who am I here
 *   DELETE /api/v1/session                               log out
 *
 * Contract:
 *  - A good login answers 200 with Set-Cookie ct_session (HttpOnly,
 *    SameSite=Strict, Path=/, Secure unless configured off) and
 *    {"user", "csrf_token", "totp_enrolled", "totp_verified": false}. The
 *    session starts without the second factor: roles that open cases
 *    need POST /session/totp first (the policy enforces it).
 *  - A refused login answers 401 {"code": "login_failed"} with one and
 *    the same sentence whether the user is unknown, inactive, locked or
 *    gave a wrong password, after the same argon2id work (a dummy hash
 *    for an unknown user) and a throttling delay. Consecutive failures
 *    lock the account for cfg.login_lock_seconds (store_user_login_
 *    failed); a lock is logged, never told.
 *  - A wrong or replayed TOTP code answers 401 {"code": "totp_failed"}
 *    and counts as a failed login (so guessing codes locks too).
 *  - Logout deletes the session server-side and clears the cookie.
 *  - Bearer-token requests have no session: POST /session/totp and
 *    DELETE /session refuse them (400).
 */
#ifndef CT_HTTP_API_SESSION_H
#define CT_HTTP_API_SESSION_H

#include "http/router.h"
#include "store/store_auth.h"

#define API_SESSION_USERNAME_MAX 64
#define API_SESSION_PASSWORD_MAX 1024
#define API_SESSION_CODE_MAX 16

enum ct_err api_session_create(void *app, struct http_request *req,
			       struct http_response *resp,
			       struct ct_error *err);
enum ct_err api_session_totp(void *app, struct http_request *req,
			     struct http_response *resp, struct ct_error *err);
enum ct_err api_session_read(void *app, struct http_request *req,
			     struct http_response *resp, struct ct_error *err);
enum ct_err api_session_delete(void *app, struct http_request *req,
			       struct http_response *resp,
			       struct ct_error *err);

/*
 * The login itself, shared by the API and the sign-in page. CT_OK with
 * out->ok 1: a new session (out->session, out->user, out->security) and
 * its token in out->token, which the caller puts in the cookie and then
 * wipes. CT_OK with out->ok 0: refused (unknown, inactive, locked or a
 * wrong password, never told apart), after the same work and the
 * throttling delay, a wrong password counted towards the lock-out.
 * Another code: the store failed.
 */
struct api_session_login {
	int ok;
	struct user user;
	struct user_security security;
	struct session session;
	char token[TOKEN_TEXT_SIZE];
};
enum ct_err api_session_login(void *app, struct http_request *req,
			      const char *username, const char *password,
			      struct api_session_login *out,
			      struct ct_error *err);
/*
 * The second factor of req's cookie session, shared by the API and the
 * page. CT_OK with *verified 1: the session is verified. CT_OK with
 * *verified 0: a wrong or replayed code, counted as a failed login and
 * throttled. CT_ERR_INVALID: not a code (problem under "code");
 * CT_ERR_CONFLICT: no second factor enrolled yet.
 */
enum ct_err api_session_check_code(void *app, struct http_request *req,
				   const char *code, int *verified,
				   struct ct_error *err);

extern const struct http_param_spec api_session_login_body[2];
extern const struct http_param_spec api_session_code_body[1];

/* The route-table rows, for the application's table. */
#define API_SESSION_ROUTES                                                     \
	{                                                                      \
		.method = HTTP_METHOD_POST, .pattern = "/api/v1/session",      \
		.action = "session.create", .body = api_session_login_body,    \
		.n_body = 2, .body_max = 4096,                                 \
		.handler = api_session_create,                                 \
	},                                                                     \
		{                                                              \
			.method = HTTP_METHOD_POST,                            \
			.pattern = "/api/v1/session/totp",                     \
			.action = "session.totp",                              \
			.flags = HTTP_ROUTE_SESSION | HTTP_ROUTE_CSRF,         \
			.body = api_session_code_body, .n_body = 1,            \
			.body_max = 1024, .handler = api_session_totp,         \
		},                                                             \
		{                                                              \
			.method = HTTP_METHOD_GET,                             \
			.pattern = "/api/v1/session",                          \
			.action = "session.read",                              \
			.flags = HTTP_ROUTE_SESSION,                           \
			.handler = api_session_read,                           \
		},                                                             \
	{                                                                      \
		.method = HTTP_METHOD_DELETE, .pattern = "/api/v1/session",    \
		.action = "session.delete",                                    \
		.flags = HTTP_ROUTE_SESSION | HTTP_ROUTE_CSRF,                 \
		.handler = api_session_delete,                                 \
	}

#endif
