/*
 * api_session.c - log in with a password, give the second factor, see
 * the session, log out.
 *
 * Design: a refused login must not tell an attacker anything, so every
 * refusal (unknown user, inactive, locked, wrong password) takes the same
 * path at the end: the same argon2id work (a dummy hash when there is no
 * user), the same throttling delay and the same 401 body. What really
 * happened goes to the server log only. The session token is made here
 * (util/token.h), handed to the client once in the cookie and stored only
 * as its hash.
 */
#include "http/api_session.h"

#include <string.h>

#include <jansson.h>
#include <sodium.h>

#include "core/model_json.h"
#include "http/app.h"
#include "util/log.h"
#include "util/banned.h"

#define API_LOGIN_FAILED_MESSAGE                                               \
	"Gebruikersnaam of wachtwoord klopt niet, of het account is "          \
	"(tijdelijk) niet beschikbaar. Probeer het later opnieuw."
#define API_TOTP_FAILED_MESSAGE                                                \
	"De code klopt niet of is al gebruikt. Wacht op de volgende code en "  \
	"probeer het opnieuw."

const struct http_param_spec api_session_login_body[2] = {
	HTTP_PARAM_STRING_SPEC("username", HTTP_PARAM_F_REQUIRED,
			       API_SESSION_USERNAME_MAX),
	HTTP_PARAM_STRING_SPEC("password", HTTP_PARAM_F_REQUIRED,
			       API_SESSION_PASSWORD_MAX),
};

const struct http_param_spec api_session_code_body[1] = {
	HTTP_PARAM_STRING_SPEC("code", HTTP_PARAM_F_REQUIRED,
			       API_SESSION_CODE_MAX),
};

static const char *
api_session_body_text(const struct http_request *req, const char *name)
{
	return json_string_value(json_object_get(req->body_json, name));
}

static enum ct_err
api_session_no_store(struct ct_error *err)
{
	return err && err->code ? err->code : CT_ERR_INTERNAL;
}

enum ct_err
api_session_login(void *vapp, struct http_request *req, const char *username,
		  const char *password, struct api_session_login *out,
		  struct ct_error *err)
{
	struct app *app = vapp;
	char hash[TOKEN_HASH_HEX_SIZE];
	const char *stored = NULL;
	struct store *st;
	int64_t now = app_now(app), locked_until = 0;
	int known, good, locked;
	enum ct_err rc;

	memset(out, 0, sizeof(*out));
	st = app_store(app, err);
	if (!st)
		return api_session_no_store(err);
	rc = store_user_get(st, username, req->arena, &out->user, err);
	if (rc && rc != CT_ERR_NOTFOUND)
		return rc;
	/* store_user_get also finds by id: only the user name logs in. */
	known = rc == CT_OK && out->user.active &&
		strcmp(out->user.username, username) == 0;
	if (known) {
		rc = store_user_password_hash(st, out->user.id, req->arena,
					      &stored, err);
		if (rc)
			return rc;
		rc = store_user_security_get(st, out->user.id, &out->security,
					     err);
		if (rc)
			return rc;
	}
	/* Always one argon2id verification, so timing tells nothing. */
	good = ct_password_verify(stored ? stored : app->dummy_hash,
				  password) &&
	       stored;
	locked = known && out->security.locked_until > now;
	if (!known) {
		ct_info("inloggen geweigerd: onbekende of inactieve gebruiker");
		app_throttle_failure(app);
		return CT_OK;
	}
	if (locked) {
		ct_warn("inloggen geweigerd: account %s is geblokkeerd",
			out->user.username);
		app_throttle_failure(app);
		return CT_OK;
	}
	if (!good) {
		rc = store_user_login_failed(st, out->user.id, now,
					     app->cfg.login_max_failures,
					     app->cfg.login_lock_seconds,
					     &locked_until, err);
		if (rc)
			return rc;
		if (locked_until)
			ct_warn("account %s geblokkeerd na %d mislukte "
				"pogingen",
				out->user.username,
				app->cfg.login_max_failures);
		else
			ct_info("inloggen geweigerd: verkeerd wachtwoord voor "
				"%s",
				out->user.username);
		app_throttle_failure(app);
		return CT_OK;
	}

	rc = store_user_login_succeeded(st, out->user.id, err);
	if (rc)
		return rc;
	token_new(out->token, hash);
	rc = store_session_create(st, out->user.id, hash, now,
				  app->cfg.session_idle_seconds,
				  app->cfg.session_absolute_seconds,
				  &out->session, err);
	if (rc) {
		sodium_memzero(out->token, sizeof(out->token));
		return rc;
	}
	out->ok = 1;
	return CT_OK;
}

enum ct_err
api_session_create(void *vapp, struct http_request *req,
		   struct http_response *resp, struct ct_error *err)
{
	struct app *app = vapp;
	const char *username = api_session_body_text(req, "username");
	const char *password = api_session_body_text(req, "password");
	struct api_session_login in;
	char csrf[TOKEN_CSRF_SIZE];
	enum ct_err rc;

	if (!username || !password)
		CT_BUG("login body not validated by the router");
	rc = api_session_login(app, req, username, password, &in, err);
	if (rc)
		return rc;
	if (!in.ok) {
		/* The one answer for every refused login. */
		http_response_error(resp, req->arena, 401, "login_failed",
				    API_LOGIN_FAILED_MESSAGE, NULL);
		return CT_OK;
	}
	app_set_session_cookie(app, req, resp, in.token);
	sodium_memzero(in.token, sizeof(in.token));
	app_csrf_token(app, &in.session, csrf);
	http_response_json(resp, req->arena, 200,
			   json_pack("{s:o, s:s, s:b, s:b, s:I, s:I}", "user",
				     user_to_json(&in.user), "csrf_token", csrf,
				     "totp_enrolled", in.security.totp_enrolled,
				     "totp_verified", 0, "idle_expires_at",
				     (json_int_t)in.session.idle_expires_at,
				     "absolute_expires_at",
				     (json_int_t)in.session.absolute_expires_at));
	return CT_OK;
}

/* A wrong code counts as a failed login: guessing codes locks too. */
static enum ct_err
api_session_code_refused(struct app *app, struct store *st,
			 const struct app_session *s, struct ct_error *err)
{
	int64_t locked_until = 0;
	enum ct_err rc;

	rc = store_user_login_failed(st, s->user.id, app_now(app),
				     app->cfg.login_max_failures,
				     app->cfg.login_lock_seconds,
				     &locked_until, err);
	if (rc)
		return rc;
	if (locked_until) {
		ct_warn("account %s geblokkeerd na mislukte TOTP-codes",
			s->user.username);
		rc = store_session_delete_user(st, s->user.id, err);
		if (rc)
			return rc;
	}
	app_throttle_failure(app);
	return CT_OK;
}

enum ct_err
api_session_check_code(void *vapp, struct http_request *req, const char *code,
		       int *verified, struct ct_error *err)
{
	struct app *app = vapp;
	const struct app_session *s = app_session(req);
	unsigned char secret[TOTP_SECRET_BYTES];
	struct store_actor who = app_actor(req);
	struct ct_error verr;
	struct store *st;
	int64_t step = 0;
	enum ct_err rc;

	*verified = 0;
	if (!s || !code)
		CT_BUG("totp check without session or code");
	if (s->via_token)
		return ct_error_set(err, CT_ERR_INVALID,
				    "Met een token is er geen sessie om de "
				    "code aan te geven.");
	if (!s->security.totp_enrolled)
		return ct_error_set(err, CT_ERR_CONFLICT,
				    "U hebt nog geen tweede factor ingesteld; "
				    "doe dat eerst met POST /api/v1/me/totp.");
	st = app_store(app, err);
	if (!st)
		return api_session_no_store(err);
	rc = store_user_totp_secret(st, s->user.id, secret, err);
	if (rc)
		return rc;
	ct_error_clear(&verr);
	rc = totp_verify(secret, sizeof(secret), code, app_now(app),
			 s->security.totp_last_step, &step, &verr);
	sodium_memzero(secret, sizeof(secret));
	if (rc == CT_ERR_INVALID) {
		ct_problems_add(&req->problems, "code", "%s", verr.message);
		return ct_problems_to_error(&req->problems, err);
	}
	if (rc == CT_ERR_DENIED)
		return api_session_code_refused(app, st, s, err);
	if (rc)
		return rc;
	/* Atomic in the store: two requests with one code, one wins. */
	rc = store_user_totp_accept(st, &who, s->user.id, step, 0, err);
	if (rc == CT_ERR_CONFLICT)
		return api_session_code_refused(app, st, s, err);
	if (rc)
		return rc;
	rc = store_session_set_totp_verified(st, s->session.id, err);
	if (rc)
		return rc;
	rc = store_user_login_succeeded(st, s->user.id, err);
	if (rc)
		return rc;
	*verified = 1;
	return CT_OK;
}

enum ct_err
api_session_totp(void *app, struct http_request *req,
		 struct http_response *resp, struct ct_error *err)
{
	int verified = 0;
	enum ct_err rc;

	rc = api_session_check_code(app, req,
				    api_session_body_text(req, "code"),
				    &verified, err);
	if (rc)
		return rc;
	if (!verified) {
		http_response_error(resp, req->arena, 401, "totp_failed",
				    API_TOTP_FAILED_MESSAGE, NULL);
		return CT_OK;
	}
	http_response_json(resp, req->arena, 200,
			   json_pack("{s:b, s:b}", "totp_enrolled", 1,
				     "totp_verified", 1));
	return CT_OK;
}

enum ct_err
api_session_read(void *vapp, struct http_request *req,
		 struct http_response *resp, struct ct_error *err)
{
	struct app *app = vapp;
	const struct app_session *s = app_session(req);
	char csrf[TOKEN_CSRF_SIZE];
	json_t *body;

	(void)err;
	if (!s)
		CT_BUG("session route without session");
	body = json_pack("{s:o, s:o, s:b, s:b, s:b}", "user",
			 user_to_json(&s->user), "org", org_to_json(&s->org),
			 "totp_enrolled", s->security.totp_enrolled,
			 "totp_verified", s->subject.totp_verified, "via_token",
			 s->via_token);
	if (!body)
		CT_BUG("json_pack failed");
	if (s->via_token) {
		json_object_set_new(body, "token",
				    json_pack("{s:s, s:s, s:s, s:I}", "id",
					      s->token.id, "name",
					      s->token.name ? s->token.name
							    : "",
					      "scopes",
					      s->token.scopes ? s->token.scopes
							      : "",
					      "expires_at",
					      (json_int_t)s->token.expires_at));
	} else {
		app_csrf_token(app, &s->session, csrf);
		json_object_set_new(body, "csrf_token", json_string(csrf));
		json_object_set_new(
			body, "idle_expires_at",
			json_integer((json_int_t)s->session.idle_expires_at));
		json_object_set_new(body, "absolute_expires_at",
				    json_integer((json_int_t)s->session
							 .absolute_expires_at));
	}
	http_response_json(resp, req->arena, 200, body);
	return CT_OK;
}

enum ct_err
api_session_delete(void *vapp, struct http_request *req,
		   struct http_response *resp, struct ct_error *err)
{
	struct app *app = vapp;
	const struct app_session *s = app_session(req);
	struct store *st;
	enum ct_err rc;

	if (!s)
		CT_BUG("session route without session");
	if (s->via_token)
		return ct_error_set(err, CT_ERR_INVALID,
				    "Met een token is er geen sessie om te "
				    "beëindigen; trek het token in met DELETE "
				    "/api/v1/me/tokens/{token_id}.");
	st = app_store(app, err);
	if (!st)
		return api_session_no_store(err);
	rc = store_session_delete(st, s->session.id, err);
	if (rc && rc != CT_ERR_NOTFOUND)
		return rc;
	app_set_session_cookie(app, req, resp, NULL);
	http_response_json(resp, req->arena, 200,
			   json_pack("{s:b}", "logged_out", 1));
	return CT_OK;
}
