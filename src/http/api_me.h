/*
 * api_me.h - the logged-in user's own account: /api/v1/me.
 *
 *   GET    /api/v1/me                        user, organisation, security
 *   POST   /api/v1/me/password               {current_password,
 *                                              new_password}
 *   POST   /api/v1/me/totp                   enrol: {secret, otpauth_uri}
 *   POST   /api/v1/me/totp/confirm           {code}
 *   GET    /api/v1/me/tokens                 bearer tokens (never the text)
 *   POST   /api/v1/me/tokens                 {name, scopes, expires_at}
 *   DELETE /api/v1/me/tokens/{token_id}      revoke
 *
 * Contract:
 *  - A password change needs the current password (a wrong one counts as
 *    a failed login and answers 403), a new one of
 *    API_ME_PASSWORD_MIN..API_SESSION_PASSWORD_MAX bytes that differs
 *    from the old one and the user name. It ends every session of the
 *    user and starts a fresh one for this client (new cookie, new
 *    csrf_token in the answer; the second factor stays given).
 *  - TOTP enrolment returns the base32 secret and the otpauth:// URI
 *    once; it counts only after /confirm with a good code, which also
 *    marks this session as having given the second factor. Replacing a
 *    confirmed factor is refused (409): an administrator resets it.
 *  - Bearer tokens: the text is returned once by POST (201); the store
 *    keeps only its hash. scopes is a non-empty array of action names
 *    (core/policy.h); expires_at (UTC seconds, optional) must lie in the
 *    future. Only a cookie session that gave the second factor may make
 *    or revoke tokens (a token would otherwise bypass it); a token cannot
 *    make tokens. Revoking another user's token answers 404.
 *  - Password, TOTP and token changes refuse bearer-token requests.
 */
#ifndef CT_HTTP_API_ME_H
#define CT_HTTP_API_ME_H

#include "http/api_session.h"
#include "http/router.h"

#define API_ME_PASSWORD_MIN 12
#define API_ME_TOKEN_SCOPES_MAX 32
#define API_ME_SCOPES_TEXT_MAX 2048
#define API_ME_URI_MAX 512 /* the otpauth:// URI */

enum ct_err api_me_read(void *app, struct http_request *req,
			struct http_response *resp, struct ct_error *err);
enum ct_err api_me_password(void *app, struct http_request *req,
			    struct http_response *resp, struct ct_error *err);
enum ct_err api_me_totp_begin(void *app, struct http_request *req,
			      struct http_response *resp,
			      struct ct_error *err);
enum ct_err api_me_totp_confirm(void *app, struct http_request *req,
				struct http_response *resp,
				struct ct_error *err);
enum ct_err api_me_tokens_list(void *app, struct http_request *req,
			       struct http_response *resp,
			       struct ct_error *err);
enum ct_err api_me_tokens_create(void *app, struct http_request *req,
				 struct http_response *resp,
				 struct ct_error *err);
enum ct_err api_me_tokens_revoke(void *app, struct http_request *req,
				 struct http_response *resp,
				 struct ct_error *err);

/*
 * The decisions behind the handlers, shared with the account and
 * enrolment pages (page_account.c) so the API and a page change a
 * password and enrol a second factor in exactly one way. All refuse a
 * bearer-token request (CT_ERR_DENIED).
 *
 * api_me_password_change(): the current password, then the rules for
 * the new one (see Contract). CT_OK: changed; every session of the user
 * ended and a new one started (second factor as this one), its token in
 * token (the caller sets the cookie, then wipes it) and its CSRF token
 * in csrf. CT_ERR_DENIED: the current password is wrong (counted as a
 * failed login and throttled; at the lock every session ends), message
 * in err. CT_ERR_INVALID: the new password breaks a rule, the problems
 * under "new_password" in req->problems (and err).
 *
 * api_me_totp_start(): issue secret as the pending second factor of the
 * session's user (replacing a pending one), its base32 text into b32 and
 * the otpauth:// URI appended to uri (maximum API_ME_URI_MAX).
 * CT_ERR_EXISTS with a message when a factor is confirmed: it is never
 * replaced here. The caller wipes secret and b32.
 *
 * api_me_totp_finish(): check code against the pending secret and, when
 * right, confirm it and mark this session as having given the second
 * factor (*out API_ME_TOTP_CONFIRMED). A wrong or replayed code is
 * throttled and changes nothing (API_ME_TOTP_REFUSED). expected, when
 * not NULL, is the secret the caller showed: a pending secret that
 * differs (enrolment restarted elsewhere) is neither checked nor
 * confirmed (API_ME_TOTP_OTHER). CT_ERR_INVALID: not a code (problem
 * under "code"); CT_ERR_CONFLICT: nothing pending.
 */
enum api_me_totp_outcome {
	API_ME_TOTP_CONFIRMED,
	API_ME_TOTP_REFUSED,
	API_ME_TOTP_OTHER,
};

enum ct_err api_me_password_change(void *app, struct http_request *req,
				   const char *current, const char *fresh,
				   char token[TOKEN_TEXT_SIZE],
				   char csrf[TOKEN_CSRF_SIZE],
				   struct ct_error *err);
enum ct_err api_me_totp_start(void *app, struct http_request *req,
			      const unsigned char secret[TOTP_SECRET_BYTES],
			      char b32[TOTP_SECRET_B32_SIZE], struct sbuf *uri,
			      struct ct_error *err);
enum ct_err api_me_totp_finish(void *app, struct http_request *req,
			       const char *code, const unsigned char *expected,
			       enum api_me_totp_outcome *out,
			       struct ct_error *err);

extern const struct http_param_spec api_me_password_body[2];
extern const struct http_param_spec api_me_token_body[3];

/*
 * The route-table rows. One's own tokens are "token.manage": the policy
 * wants a cookie session that gave the second factor; the handlers check
 * the same again.
 */
#define API_ME_ROUTES                                                          \
	{.method = HTTP_METHOD_GET,                                            \
	 .pattern = "/api/v1/me",                                              \
	 .action = "me.read",                                                  \
	 .flags = HTTP_ROUTE_SESSION,                                          \
	 .handler = api_me_read},                                              \
		{.method = HTTP_METHOD_POST,                                   \
		 .pattern = "/api/v1/me/password",                             \
		 .action = "password.change",                                  \
		 .flags = HTTP_ROUTE_SESSION | HTTP_ROUTE_CSRF,                \
		 .body = api_me_password_body,                                 \
		 .n_body = 2,                                                  \
		 .body_max = 4096,                                             \
		 .handler = api_me_password},                                  \
		{.method = HTTP_METHOD_POST,                                   \
		 .pattern = "/api/v1/me/totp",                                 \
		 .action = "totp.enrol",                                       \
		 .flags = HTTP_ROUTE_SESSION | HTTP_ROUTE_CSRF,                \
		 .handler = api_me_totp_begin},                                \
		{.method = HTTP_METHOD_POST,                                   \
		 .pattern = "/api/v1/me/totp/confirm",                         \
		 .action = "totp.enrol",                                       \
		 .flags = HTTP_ROUTE_SESSION | HTTP_ROUTE_CSRF,                \
		 .body = api_session_code_body,                                \
		 .n_body = 1,                                                  \
		 .body_max = 1024,                                             \
		 .handler = api_me_totp_confirm},                              \
		{.method = HTTP_METHOD_GET,                                    \
		 .pattern = "/api/v1/me/tokens",                               \
		 .action = "token.manage",                                     \
		 .flags = HTTP_ROUTE_SESSION,                                  \
		 .handler = api_me_tokens_list},                               \
		{.method = HTTP_METHOD_POST,                                   \
		 .pattern = "/api/v1/me/tokens",                               \
		 .action = "token.manage",                                     \
		 .flags = HTTP_ROUTE_SESSION | HTTP_ROUTE_CSRF,                \
		 .body = api_me_token_body,                                    \
		 .n_body = 3,                                                  \
		 .body_max = 8192,                                             \
		 .handler = api_me_tokens_create},                             \
	{                                                                      \
		.method = HTTP_METHOD_DELETE,                                  \
		.pattern = "/api/v1/me/tokens/{token_id:uuid}",                \
		.action = "token.manage",                                      \
		.flags = HTTP_ROUTE_SESSION | HTTP_ROUTE_CSRF,                 \
		.handler = api_me_tokens_revoke,                               \
	}

#endif
