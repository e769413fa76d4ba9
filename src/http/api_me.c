/*
 * api_me.c - the logged-in user's own account: profile, password, second
 * factor and bearer tokens.
 *
 * Design: every change here alters how someone gets in, so each handler
 * first refuses a bearer-token request (a token must never mint a new
 * credential), then checks what the user must prove (the current
 * password, a TOTP code) and only then writes. The store journals the
 * security changes; secrets (password, TOTP secret, token text) are
 * wiped from memory as soon as they are no longer needed.
 */
#include "http/api_me.h"

#include <string.h>

#include <jansson.h>
#include <sodium.h>

#include "core/model_json.h"
#include "core/policy.h"
#include "http/app.h"
#include "util/log.h"
#include "util/sbuf.h"
#include "util/banned.h"

const struct http_param_spec api_me_password_body[2] = {
	HTTP_PARAM_STRING_SPEC("current_password", HTTP_PARAM_F_REQUIRED,
			       API_SESSION_PASSWORD_MAX),
	HTTP_PARAM_STRING_SPEC("new_password", HTTP_PARAM_F_REQUIRED,
			       API_SESSION_PASSWORD_MAX),
};

const struct http_param_spec api_me_token_body[3] = {
	HTTP_PARAM_STRING_SPEC("name", HTTP_PARAM_F_REQUIRED,
			       STORE_TOKEN_NAME_MAX),
	{.name = "scopes", .type = HTTP_PARAM_JSON,
	 .flags = HTTP_PARAM_F_REQUIRED},
	{.name = "expires_at", .type = HTTP_PARAM_INT,
	 .flags = HTTP_PARAM_F_NULLABLE, .min = 1, .max = INT64_MAX},
};

static const char *
api_me_text(const struct http_request *req, const char *name)
{
	return json_string_value(json_object_get(req->body_json, name));
}

static enum ct_err
api_me_no_store(struct ct_error *err)
{
	return err && err->code ? err->code : CT_ERR_INTERNAL;
}

/* The session of a request that must not come with a bearer token. */
static const struct app_session *
api_me_session(const struct http_request *req, struct ct_error *err)
{
	const struct app_session *s = app_session(req);

	if (!s)
		CT_BUG("me route without session");
	if (s->via_token) {
		ct_error_set(err, CT_ERR_DENIED,
			     "Met een token kunt u dit niet wijzigen; log in "
			     "met uw wachtwoord.");
		return NULL;
	}
	return s;
}

enum ct_err
api_me_read(void *vapp, struct http_request *req, struct http_response *resp,
	    struct ct_error *err)
{
	const struct app_session *s = app_session(req);

	(void)vapp;
	(void)err;
	if (!s)
		CT_BUG("me route without session");
	http_response_json(
		resp, req->arena, 200,
		json_pack("{s:o, s:o, s:b, s:b, s:b, s:I}", "user",
			  user_to_json(&s->user), "org", org_to_json(&s->org),
			  "totp_enrolled", s->security.totp_enrolled,
			  "totp_pending", s->security.totp_pending,
			  "totp_verified", s->subject.totp_verified,
			  "password_changed_at",
			  (json_int_t)s->security.password_changed_at));
	return CT_OK;
}

/* ---- password ---- */

static void
api_me_check_new_password(struct http_request *req, const struct user *u,
			  const char *current, const char *fresh)
{
	if (strlen(fresh) < API_ME_PASSWORD_MIN)
		ct_problems_add(&req->problems, "new_password",
				"moet minstens %d tekens lang zijn",
				API_ME_PASSWORD_MIN);
	if (strcmp(fresh, current) == 0)
		ct_problems_add(&req->problems, "new_password",
				"moet verschillen van het huidige wachtwoord");
	if (strcmp(fresh, u->username) == 0)
		ct_problems_add(&req->problems, "new_password",
				"mag niet gelijk zijn aan de gebruikersnaam");
}

/* End every session and start a new one for this client (its token). */
static enum ct_err
api_me_fresh_session(struct app *app, struct store *st,
		     const struct app_session *s, char token[TOKEN_TEXT_SIZE],
		     char csrf[TOKEN_CSRF_SIZE], struct ct_error *err)
{
	char hash[TOKEN_HASH_HEX_SIZE];
	struct session sess;
	enum ct_err rc;

	rc = store_session_delete_user(st, s->user.id, err);
	if (rc)
		return rc;
	token_new(token, hash);
	rc = store_session_create(st, s->user.id, hash, app_now(app),
				  app->cfg.session_idle_seconds,
				  app->cfg.session_absolute_seconds, &sess,
				  err);
	if (!rc && s->session.totp_verified)
		rc = store_session_set_totp_verified(st, sess.id, err);
	if (!rc)
		app_csrf_token(app, &sess, csrf);
	else
		sodium_memzero(token, TOKEN_TEXT_SIZE);
	return rc;
}

enum ct_err
api_me_password_change(void *vapp, struct http_request *req,
		       const char *current, const char *fresh,
		       char token[TOKEN_TEXT_SIZE], char csrf[TOKEN_CSRF_SIZE],
		       struct ct_error *err)
{
	struct app *app = vapp;
	const struct app_session *s = api_me_session(req, err);
	struct store_actor who = app_actor(req);
	char hash[CT_PWHASH_SIZE];
	const char *stored = NULL;
	int64_t locked_until = 0;
	struct store *st;
	enum ct_err rc;

	if (!s)
		return CT_ERR_DENIED;
	if (!current || !fresh)
		CT_BUG("api_me_password_change without the passwords");
	st = app_store(app, err);
	if (!st)
		return api_me_no_store(err);
	rc = store_user_password_hash(st, s->user.id, req->arena, &stored,
				      err);
	if (rc)
		return rc;
	if (!ct_password_verify(stored ? stored : app->dummy_hash, current) ||
	    !stored) {
		rc = store_user_login_failed(st, s->user.id, app_now(app),
					     app->cfg.login_max_failures,
					     app->cfg.login_lock_seconds,
					     &locked_until, err);
		if (rc)
			return rc;
		if (locked_until) {
			ct_warn("account %s geblokkeerd na mislukte "
				"wachtwoordwijzigingen",
				s->user.username);
			rc = store_session_delete_user(st, s->user.id, err);
			if (rc)
				return rc;
		}
		app_throttle_failure(app);
		return ct_error_set(err, CT_ERR_DENIED,
				    "Het huidige wachtwoord klopt niet.");
	}
	api_me_check_new_password(req, &s->user, current, fresh);
	if (ct_problems_any(&req->problems))
		return ct_problems_to_error(&req->problems, err);
	if (ct_password_hash(fresh, hash))
		return ct_error_set(err, CT_ERR_INTERNAL,
				    "het wachtwoord kon niet worden "
				    "versleuteld");
	rc = store_user_set_password(st, &who, s->user.id, hash, err);
	sodium_memzero(hash, sizeof(hash));
	if (rc)
		return rc;
	rc = store_user_login_succeeded(st, s->user.id, err);
	if (rc)
		return rc;
	return api_me_fresh_session(app, st, s, token, csrf, err);
}

enum ct_err
api_me_password(void *app, struct http_request *req, struct http_response *resp,
		struct ct_error *err)
{
	const char *current = api_me_text(req, "current_password");
	const char *fresh = api_me_text(req, "new_password");
	char token[TOKEN_TEXT_SIZE], csrf[TOKEN_CSRF_SIZE];
	enum ct_err rc;

	if (!current || !fresh)
		CT_BUG("password body not validated by the router");
	rc = api_me_password_change(app, req, current, fresh, token, csrf, err);
	if (rc)
		return rc;
	app_set_session_cookie(app, req, resp, token);
	sodium_memzero(token, sizeof(token));
	http_response_json(resp, req->arena, 200,
			   json_pack("{s:b, s:s}", "password_changed", 1,
				     "csrf_token", csrf));
	return CT_OK;
}

/* ---- second factor ---- */

enum ct_err
api_me_totp_start(void *vapp, struct http_request *req,
		  const unsigned char secret[TOTP_SECRET_BYTES],
		  char b32[TOTP_SECRET_B32_SIZE], struct sbuf *uri,
		  struct ct_error *err)
{
	struct app *app = vapp;
	const struct app_session *s = api_me_session(req, err);
	struct store_actor who = app_actor(req);
	struct store *st;
	enum ct_err rc;

	b32[0] = '\0';
	if (!s)
		return CT_ERR_DENIED;
	st = app_store(app, err);
	if (!st)
		return api_me_no_store(err);
	rc = store_user_totp_begin(st, &who, s->user.id, secret, err);
	if (rc == CT_ERR_EXISTS)
		ct_error_set(err, CT_ERR_EXISTS,
			     "U hebt al een tweede factor; laat een "
			     "beheerder die opnieuw instellen om een "
			     "nieuwe te koppelen.");
	if (!rc)
		rc = totp_secret_to_base32(secret, TOTP_SECRET_BYTES, b32);
	if (!rc)
		rc = totp_uri(uri, s->user.username, b32);
	if (rc)
		sodium_memzero(b32, TOTP_SECRET_B32_SIZE);
	return rc;
}

enum ct_err
api_me_totp_begin(void *app, struct http_request *req,
		  struct http_response *resp, struct ct_error *err)
{
	unsigned char secret[TOTP_SECRET_BYTES];
	char b32[TOTP_SECRET_B32_SIZE];
	struct sbuf uri;
	enum ct_err rc;

	totp_secret_new(secret);
	sbuf_init(&uri, API_ME_URI_MAX);
	rc = api_me_totp_start(app, req, secret, b32, &uri, err);
	sodium_memzero(secret, sizeof(secret));
	if (!rc)
		http_response_json(resp, req->arena, 200,
				   json_pack("{s:s, s:s}", "secret", b32,
					     "otpauth_uri", uri.buf));
	sbuf_release(&uri);
	sodium_memzero(b32, sizeof(b32));
	return rc;
}

enum ct_err
api_me_totp_finish(void *vapp, struct http_request *req, const char *code,
		   const unsigned char *expected, enum api_me_totp_outcome *out,
		   struct ct_error *err)
{
	struct app *app = vapp;
	const struct app_session *s = api_me_session(req, err);
	struct store_actor who = app_actor(req);
	unsigned char secret[TOTP_SECRET_BYTES];
	struct user_security sec;
	struct ct_error verr;
	struct store *st;
	int64_t step = 0;
	int other;
	enum ct_err rc;

	*out = API_ME_TOTP_REFUSED;
	if (!s)
		return CT_ERR_DENIED;
	if (!code)
		CT_BUG("api_me_totp_finish without a code");
	st = app_store(app, err);
	if (!st)
		return api_me_no_store(err);
	rc = store_user_security_get(st, s->user.id, &sec, err);
	if (rc)
		return rc;
	if (!sec.totp_pending)
		return ct_error_set(err, CT_ERR_CONFLICT,
				    "Er is geen tweede factor in afwachting "
				    "van bevestiging; begin met POST "
				    "/api/v1/me/totp.");
	rc = store_user_totp_secret(st, s->user.id, secret, err);
	if (rc)
		return rc;
	/* Not the secret this caller showed: its code cannot be for this
	 * one, and confirming would enrol a secret the user never saw. */
	other = expected &&
		sodium_memcmp(secret, expected, TOTP_SECRET_BYTES) != 0;
	ct_error_clear(&verr);
	if (!other)
		rc = totp_verify(secret, sizeof(secret), code, app_now(app),
				 sec.totp_last_step, &step, &verr);
	sodium_memzero(secret, sizeof(secret));
	if (other) {
		*out = API_ME_TOTP_OTHER;
		return CT_OK;
	}
	if (rc == CT_ERR_INVALID) {
		ct_problems_add(&req->problems, "code", "%s", verr.message);
		return ct_problems_to_error(&req->problems, err);
	}
	if (rc == CT_ERR_DENIED) {
		app_throttle_failure(app);
		return CT_OK;
	}
	if (rc)
		return rc;
	rc = store_user_totp_accept(st, &who, s->user.id, step, 1, err);
	if (rc == CT_ERR_CONFLICT) {
		ct_error_clear(err);
		return CT_OK;
	}
	if (rc)
		return rc;
	/* The user just proved the factor in this session. */
	rc = store_session_set_totp_verified(st, s->session.id, err);
	if (rc)
		return rc;
	*out = API_ME_TOTP_CONFIRMED;
	return CT_OK;
}

enum ct_err
api_me_totp_confirm(void *app, struct http_request *req,
		    struct http_response *resp, struct ct_error *err)
{
	const char *code = api_me_text(req, "code");
	enum api_me_totp_outcome outcome;
	enum ct_err rc;

	if (!code)
		CT_BUG("totp body not validated by the router");
	rc = api_me_totp_finish(app, req, code, NULL, &outcome, err);
	if (rc)
		return rc;
	if (outcome != API_ME_TOTP_CONFIRMED) {
		http_response_error(resp, req->arena, 401, "totp_failed",
				    "De code klopt niet of is al gebruikt.",
				    NULL);
		return CT_OK;
	}
	http_response_json(resp, req->arena, 200,
			   json_pack("{s:b, s:b}", "totp_enrolled", 1,
				     "totp_verified", 1));
	return CT_OK;
}

/* ---- bearer tokens ---- */

static json_t *
api_me_token_json(const struct api_token *t)
{
	json_t *j = json_pack("{s:s, s:s, s:I}", "id", t->id, "name",
			      t->name ? t->name : "", "created_at",
			      (json_int_t)t->created_at);
	json_t *scopes = json_array();
	const char *p = t->scopes, *comma;

	if (!j || !scopes)
		CT_BUG("json allocation failed");
	while (p && *p) {
		comma = strchr(p, ',');
		json_array_append_new(
			scopes, json_stringn(p, comma ? (size_t)(comma - p)
						      : strlen(p)));
		p = comma ? comma + 1 : NULL;
	}
	json_object_set_new(j, "scopes", scopes);
	json_object_set_new(j, "expires_at",
			    t->expires_at ? json_integer(t->expires_at)
					  : json_null());
	json_object_set_new(j, "revoked_at",
			    t->revoked_at ? json_integer(t->revoked_at)
					  : json_null());
	return j;
}

/* Token changes need a cookie session that gave the second factor. */
static const struct app_session *
api_me_token_session(const struct http_request *req, struct ct_error *err)
{
	const struct app_session *s = api_me_session(req, err);

	if (s && !s->subject.totp_verified) {
		ct_error_set(err, CT_ERR_DENIED,
			     "Geef eerst de code van uw tweede factor "
			     "(TOTP) voordat u tokens beheert.");
		return NULL;
	}
	return s;
}

enum ct_err
api_me_tokens_list(void *vapp, struct http_request *req,
		   struct http_response *resp, struct ct_error *err)
{
	const struct app_session *s = app_session(req);
	struct api_token *tokens = NULL;
	struct store *st;
	json_t *items;
	size_t n = 0, i;
	enum ct_err rc;

	if (!s)
		CT_BUG("me route without session");
	st = app_store(vapp, err);
	if (!st)
		return api_me_no_store(err);
	rc = store_api_token_list(st, s->user.id, req->arena, &tokens, &n,
				  err);
	if (rc)
		return rc;
	items = json_array();
	if (!items)
		CT_BUG("json allocation failed");
	for (i = 0; i < n; i++)
		json_array_append_new(items, api_me_token_json(&tokens[i]));
	http_response_json(resp, req->arena, 200,
			   json_pack("{s:o, s:I}", "items", items, "total",
				     (json_int_t)n));
	return CT_OK;
}

/* The scopes array as "a,b,c"; problems under "scopes". */
static enum ct_err
api_me_scopes(struct http_request *req, struct sbuf *out)
{
	json_t *scopes = json_object_get(req->body_json, "scopes");
	const char *name;
	size_t i;

	if (!json_is_array(scopes) || json_array_size(scopes) == 0 ||
	    json_array_size(scopes) > API_ME_TOKEN_SCOPES_MAX) {
		ct_problems_add(&req->problems, "scopes",
				"moet een lijst van 1 tot %d actienamen zijn",
				API_ME_TOKEN_SCOPES_MAX);
		return CT_ERR_INVALID;
	}
	for (i = 0; i < json_array_size(scopes); i++) {
		name = json_string_value(json_array_get(scopes, i));
		if (!name || policy_action_from_name(name) < 0) {
			ct_problems_add(&req->problems, "scopes",
					"onbekende actie op plaats %zu", i + 1);
			continue;
		}
		if (app_token_allows(out->buf, name))
			continue; /* twice is once */
		if ((out->len && sbuf_addch(out, ',')) || sbuf_addstr(out, name))
			ct_problems_add(&req->problems, "scopes",
					"te veel acties");
	}
	return ct_problems_any(&req->problems) ? CT_ERR_INVALID : CT_OK;
}

enum ct_err
api_me_tokens_create(void *vapp, struct http_request *req,
		     struct http_response *resp, struct ct_error *err)
{
	struct app *app = vapp;
	const struct app_session *s = api_me_token_session(req, err);
	struct store_actor who = app_actor(req);
	char token[TOKEN_TEXT_SIZE], hash[TOKEN_HASH_HEX_SIZE];
	json_t *expires = json_object_get(req->body_json, "expires_at");
	struct api_token t;
	struct sbuf scopes;
	struct store *st;
	json_t *body;
	enum ct_err rc;

	if (!s)
		return CT_ERR_DENIED;
	memset(&t, 0, sizeof(t));
	t.name = api_me_text(req, "name");
	if (json_is_integer(expires)) {
		t.expires_at = (int64_t)json_integer_value(expires);
		if (t.expires_at <= app_now(app))
			ct_problems_add(&req->problems, "expires_at",
					"moet in de toekomst liggen");
	}
	sbuf_init(&scopes, API_ME_SCOPES_TEXT_MAX);
	api_me_scopes(req, &scopes);
	if (ct_problems_any(&req->problems)) {
		sbuf_release(&scopes);
		return ct_problems_to_error(&req->problems, err);
	}
	st = app_store(app, err);
	if (!st) {
		sbuf_release(&scopes);
		return api_me_no_store(err);
	}
	memcpy(t.user_id, s->user.id, sizeof(t.user_id));
	t.scopes = scopes.buf;
	t.created_at = app_now(app);
	token_new(token, hash);
	rc = store_api_token_create(st, &who, &t, hash, err);
	if (!rc) {
		body = api_me_token_json(&t);
		json_object_set_new(body, "token", json_string(token));
		http_response_json(resp, req->arena, 201, body);
	}
	sodium_memzero(token, sizeof(token));
	sbuf_release(&scopes);
	return rc;
}

enum ct_err
api_me_tokens_revoke(void *vapp, struct http_request *req,
		     struct http_response *resp, struct ct_error *err)
{
	const struct app_session *s = api_me_token_session(req, err);
	const char *token_id = http_request_param(req, "token_id");
	struct store_actor who = app_actor(req);
	struct api_token *tokens = NULL;
	struct store *st;
	size_t n = 0, i;
	int mine = 0;
	enum ct_err rc;

	if (!s)
		return CT_ERR_DENIED;
	if (!token_id)
		CT_BUG("token route without token_id");
	st = app_store(vapp, err);
	if (!st)
		return api_me_no_store(err);
	/* Someone else's token looks exactly like none at all. */
	rc = store_api_token_list(st, s->user.id, req->arena, &tokens, &n,
				  err);
	if (rc)
		return rc;
	for (i = 0; i < n; i++)
		mine |= strcmp(tokens[i].id, token_id) == 0;
	if (!mine)
		return ct_error_set(err, CT_ERR_NOTFOUND,
				    "Dit token bestaat niet.");
	rc = store_api_token_revoke(st, &who, token_id, err);
	if (rc)
		return rc;
	http_response_json(resp, req->arena, 200,
			   json_pack("{s:s, s:b}", "id", token_id, "revoked",
				     1));
	return CT_OK;
}
