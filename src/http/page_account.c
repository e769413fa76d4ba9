/*
 * page_account.c - enrolling the second factor and "Mijn account" in the
 * browser (see page_account.h).
 *
 * Design: api_me.c decides (store, rules, throttling, sessions); this
 * file chooses the secret the enrolment page shows and turns outcomes
 * into forms with the errors beside their fields. The enrolment secret
 * is a function of the server key and the session, so the page needs no
 * state of its own to show the same secret on a reload, and a rejected
 * POST writes nothing. Every copy of a secret (bytes, base32, the URI,
 * the QR markup) is wiped once the page is rendered; the page itself
 * lives in the request arena, which is wiped when freed.
 */
#include "http/page_account.h"

#include <string.h>

#include <jansson.h>
#include <sodium.h>

#include "core/vocab.h"
#include "http/api_me.h"
#include "http/api_session.h"
#include "http/app.h"
#include "http/worklist_words.h"
#include "web/qr.h"
#include "web/strings.h"
#include "util/sbuf.h"
#include "util/totp.h"
#include "util/banned.h"

/* Domain separation: this key derivation is used for nothing else. */
#define PAGE_ENROL_CONTEXT "casustafel/pagina/tweede-factor/v1"
#define PAGE_SECRET_GROUPED_SIZE (TOTP_SECRET_B32_SIZE * 5 / 4 + 1)
#define PAGE_MESSAGE_MAX 1024

_Static_assert(WEB_S_ACCOUNT_ROLE_ANALYST - WEB_S_ACCOUNT_ROLE_ADMIN + 1 ==
		       USER_ROLE__COUNT,
	       "one WEB_S_ACCOUNT_ROLE_* string per enum user_role");

static const char *const page_flag_codes[] = {"1", NULL};

const struct http_param_spec page_enrol_query[1] = {
	HTTP_PARAM_ENUM_SPEC("opnieuw", 0, page_flag_codes),
};

const struct http_param_spec page_enrol_fields[1] = {
	HTTP_PARAM_STRING_SPEC("code", 0, API_SESSION_CODE_MAX),
};

const struct http_param_spec page_account_query[1] = {
	HTTP_PARAM_ENUM_SPEC("gewijzigd", 0, page_flag_codes),
};

const struct http_param_spec page_account_password_fields[3] = {
	HTTP_PARAM_STRING_SPEC("current_password", 0, API_SESSION_PASSWORD_MAX),
	HTTP_PARAM_STRING_SPEC("new_password", 0, API_SESSION_PASSWORD_MAX),
	HTTP_PARAM_STRING_SPEC("repeat_password", 0, API_SESSION_PASSWORD_MAX),
};

static const char *
page_field(const struct http_request *req, const char *name)
{
	return json_string_value(json_object_get(req->body_json, name));
}

/* The cookie session of a page request; NULL (err set) for a token. */
static const struct app_session *
page_cookie_session(const struct http_request *req, struct ct_error *err)
{
	const struct app_session *s = app_session(req);

	if (!s)
		CT_BUG("account page without a session");
	if (s->via_token) {
		ct_error_set(err, CT_ERR_DENIED,
			     "Deze pagina is er alleen voor wie met een "
			     "wachtwoord is aangemeld.");
		return NULL;
	}
	return s;
}

static void
page_wipe_sbuf(struct sbuf *sb)
{
	sodium_memzero(sb->buf, sb->len);
	sbuf_release(sb);
}

/* ---- enrolment ---- */

/* This session's enrolment secret (see page_account.h). */
static void
page_enrol_secret(const struct app *app, const struct app_session *s,
		  unsigned char out[TOTP_SECRET_BYTES])
{
	crypto_generichash_state h;

	crypto_generichash_init(&h, app->server_key, STORE_SERVER_KEY_BYTES,
				TOTP_SECRET_BYTES);
	crypto_generichash_update(&h, (const unsigned char *)PAGE_ENROL_CONTEXT,
				  sizeof(PAGE_ENROL_CONTEXT));
	crypto_generichash_update(&h, (const unsigned char *)s->user.id,
				  sizeof(s->user.id));
	crypto_generichash_update(&h, (const unsigned char *)s->session.id,
				  sizeof(s->session.id));
	crypto_generichash_final(&h, out, TOTP_SECRET_BYTES);
	sodium_memzero(&h, sizeof(h));
}

/* Where a user who already has a second factor belongs. */
static void
page_enrol_not_here(const struct app_session *s, struct http_request *req,
		    struct http_response *resp)
{
	page_redirect(req, resp,
		      s->subject.totp_verified ? "/" : PAGE_CODE_PATH);
}

/* "ABCD EFGH ..." for typing by hand. */
static void
page_group_secret(const char *b32, char out[PAGE_SECRET_GROUPED_SIZE])
{
	size_t i, o = 0;

	for (i = 0; b32[i] && o + 2 < PAGE_SECRET_GROUPED_SIZE; i++) {
		if (i && i % 4 == 0)
			out[o++] = ' ';
		out[o++] = b32[i];
	}
	out[o] = '\0';
}

static enum ct_err
page_enrol_show(void *app, struct http_request *req, struct http_response *resp,
		unsigned status, const unsigned char secret[TOTP_SECRET_BYTES],
		const char *code, const char *err_code, int restarted,
		struct ct_error *err)
{
	const struct app_session *s = app_session(req);
	enum ct_country c = s->org.country;
	char b32[TOTP_SECRET_B32_SIZE];
	char grouped[PAGE_SECRET_GROUPED_SIZE];
	struct tmpl_vars *v, *errors, *item;
	struct sbuf uri, svg;
	enum ct_err rc;

	sbuf_init(&uri, API_ME_URI_MAX);
	sbuf_init(&svg, QR_SVG_MAX);
	grouped[0] = '\0';
	rc = totp_secret_to_base32(secret, TOTP_SECRET_BYTES, b32);
	if (!rc)
		rc = totp_uri(&uri, s->user.username, b32);
	if (!rc)
		rc = qr_svg(&svg, uri.buf, web_str(c, WEB_S_ENROL_QR_TITLE),
			    PAGE_ENROL_MODULE_PX, err);
	if (!rc) {
		page_group_secret(b32, grouped);
		v = page_vars_new(app, req, web_str(c, WEB_S_ENROL_TITLE));
		/* Trusted: qr.c's own markup, no text of anyone in it. */
		tmpl_set_trusted_html(v, "qr_svg", svg.buf);
		tmpl_set(v, "secret", grouped);
		tmpl_set(v, "account", s->user.username);
		tmpl_set(v, "code", code);
		tmpl_set(v, "err_code", err_code);
		tmpl_set_bool(v, "restarted", restarted);
		if (err_code) {
			errors = tmpl_set_child(v, "errors");
			item = tmpl_list_add(errors, "list");
			tmpl_set(item, "field", "code");
			tmpl_set(item, "message", err_code);
		}
		rc = page_render(req, resp, status, "enrol", v, err);
	}
	sodium_memzero(b32, sizeof(b32));
	sodium_memzero(grouped, sizeof(grouped));
	page_wipe_sbuf(&uri);
	page_wipe_sbuf(&svg);
	return rc;
}

enum ct_err
page_enrol_form(void *vapp, struct http_request *req,
		struct http_response *resp, struct ct_error *err)
{
	struct app *app = vapp;
	const struct app_session *s = page_cookie_session(req, err);
	unsigned char secret[TOTP_SECRET_BYTES];
	char b32[TOTP_SECRET_B32_SIZE];
	struct sbuf uri;
	enum ct_err rc;

	if (!s)
		return CT_ERR_DENIED;
	if (s->security.totp_enrolled) {
		page_enrol_not_here(s, req, resp);
		return CT_OK;
	}
	page_enrol_secret(app, s, secret);
	sbuf_init(&uri, API_ME_URI_MAX);
	rc = api_me_totp_start(app, req, secret, b32, &uri, err);
	sodium_memzero(b32, sizeof(b32));
	page_wipe_sbuf(&uri);
	if (rc == CT_ERR_EXISTS) {
		/* Confirmed in another window a moment ago. */
		ct_error_clear(err);
		page_enrol_not_here(s, req, resp);
		rc = CT_OK;
	} else if (!rc) {
		rc = page_enrol_show(app, req, resp, 200, secret, NULL, NULL,
				     http_request_param(req, "opnieuw") != NULL,
				     err);
	}
	sodium_memzero(secret, sizeof(secret));
	return rc;
}

enum ct_err
page_enrol(void *vapp, struct http_request *req, struct http_response *resp,
	   struct ct_error *err)
{
	struct app *app = vapp;
	const struct app_session *s = page_cookie_session(req, err);
	const char *code = page_field(req, "code");
	unsigned char secret[TOTP_SECRET_BYTES];
	enum api_me_totp_outcome outcome = API_ME_TOTP_REFUSED;
	enum ct_country c;
	const char *why;
	enum ct_err rc;

	if (!s)
		return CT_ERR_DENIED;
	if (s->security.totp_enrolled) {
		page_enrol_not_here(s, req, resp);
		return CT_OK;
	}
	c = s->org.country;
	page_enrol_secret(app, s, secret);
	if (!code) {
		rc = page_enrol_show(app, req, resp, 400, secret, NULL,
				     web_str(c, WEB_S_FIELD_REQUIRED), 0, err);
		goto out;
	}
	rc = api_me_totp_finish(app, req, code, secret, &outcome, err);
	if (rc == CT_ERR_INVALID) {
		/* Not six digits: say so beside the field, keep it. */
		why = req->problems.count
			      ? arena_strdup(req->arena,
					     req->problems.items[0].message)
			      : NULL;
		ct_problems_init(&req->problems);
		ct_error_clear(err);
		rc = page_enrol_show(app, req, resp, 400, secret, code,
				     why ? why : web_str(c, WEB_S_TOTP_FAILED),
				     0, err);
		goto out;
	}
	if (rc == CT_ERR_CONFLICT) {
		/* Nothing pending any more (reset, or confirmed elsewhere
		 * and then reset): start again with this session's secret. */
		ct_error_clear(err);
		outcome = API_ME_TOTP_OTHER;
		rc = CT_OK;
	}
	if (rc)
		goto out;
	switch (outcome) {
	case API_ME_TOTP_CONFIRMED:
		page_redirect(req, resp, "/");
		break;
	case API_ME_TOTP_OTHER:
		page_redirect(req, resp, PAGE_ENROL_PATH "?opnieuw=1");
		break;
	case API_ME_TOTP_REFUSED:
		rc = page_enrol_show(app, req, resp, 401, secret, NULL,
				     web_str(c, WEB_S_TOTP_FAILED), 0, err);
		break;
	}
out:
	sodium_memzero(secret, sizeof(secret));
	return rc;
}

/* ---- the account ---- */

/* The text of the password fields' errors (NULL: none). */
struct page_password_errors {
	const char *current, *fresh, *repeat;
};

/* One password field as a child scope for account_field.html. */
static void
page_password_field(struct tmpl_vars *v, const char *scope, const char *id,
		    const char *label, const char *hint,
		    const char *autocomplete, const char *error)
{
	struct tmpl_vars *f = tmpl_set_child(v, scope);

	tmpl_set(f, "id", id);
	tmpl_set(f, "label", label);
	tmpl_set(f, "hint", hint);
	tmpl_set(f, "autocomplete", autocomplete);
	tmpl_set(f, "error", error);
	if (hint && error)
		tmpl_setf(f, "described", "%s-hint %s-fout", id, id);
	else if (hint)
		tmpl_setf(f, "described", "%s-hint", id);
	else if (error)
		tmpl_setf(f, "described", "%s-fout", id);
}

static void
page_error_item(struct tmpl_vars *errors, const char *field,
		const char *message)
{
	struct tmpl_vars *item;

	if (!message)
		return;
	item = tmpl_list_add(errors, "list");
	tmpl_set(item, "field", field);
	tmpl_set(item, "message", message);
}

/* A time as words in the user's zone, or "Onbekend" for 0. */
static const char *
page_when(struct http_request *req, enum ct_country c, int64_t at,
	  enum web_string_id none)
{
	char words[WORKLIST_WORDS_SIZE];

	if (at <= 0)
		return web_str(c, none);
	worklist_words_deadline(ct_country_zone(c), at, words);
	return arena_strdup(req->arena, words);
}

static enum ct_err
page_account_show(void *app, struct http_request *req,
		  struct http_response *resp, unsigned status, int changed,
		  const struct page_password_errors *pe, struct ct_error *err)
{
	const struct app_session *s = app_session(req);
	enum ct_country c = s->org.country;
	struct tmpl_vars *v, *roles = NULL, *errors, *item;
	unsigned r;

	v = page_vars_new(app, req, web_str(c, WEB_S_ACCOUNT_TITLE));
	tmpl_set_bool(v, "nav_account", 1);
	tmpl_set_bool(v, "changed", changed);
	tmpl_set(v, "full_name",
		 s->user.display_name && s->user.display_name[0]
			 ? s->user.display_name
			 : s->user.username);
	tmpl_set(v, "username", s->user.username);
	tmpl_set(v, "org_name", s->org.name);
	for (r = 0; r < USER_ROLE__COUNT; r++) {
		if (!ct_has(s->user.roles, r))
			continue;
		if (!roles)
			roles = tmpl_set_child(v, "roles");
		item = tmpl_list_add(roles, "list");
		tmpl_set(item, "label",
			 web_str(c, (enum web_string_id)(
					    WEB_S_ACCOUNT_ROLE_ADMIN + r)));
	}
	tmpl_set(v, "totp_since",
		 s->security.totp_enrolled_at
			 ? page_when(req, c, s->security.totp_enrolled_at,
				     WEB_S_ACCOUNT_UNKNOWN)
			 : web_str(c, WEB_S_ACCOUNT_TOTP_SET));
	tmpl_set(v, "password_since",
		 page_when(req, c, s->security.password_changed_at,
			   WEB_S_ACCOUNT_UNKNOWN));
	page_password_field(v, "f_current", "current_password",
			    web_str(c, WEB_S_ACCOUNT_CURRENT), NULL,
			    "current-password", pe ? pe->current : NULL);
	page_password_field(v, "f_new", "new_password",
			    web_str(c, WEB_S_ACCOUNT_NEW),
			    web_str(c, WEB_S_ACCOUNT_NEW_HINT), "new-password",
			    pe ? pe->fresh : NULL);
	page_password_field(v, "f_repeat", "repeat_password",
			    web_str(c, WEB_S_ACCOUNT_REPEAT), NULL,
			    "new-password", pe ? pe->repeat : NULL);
	if (pe && (pe->current || pe->fresh || pe->repeat)) {
		errors = tmpl_set_child(v, "errors");
		page_error_item(errors, "current_password", pe->current);
		page_error_item(errors, "new_password", pe->fresh);
		page_error_item(errors, "repeat_password", pe->repeat);
	}
	return page_render(req, resp, status, "account", v, err);
}

/* A session that has not given its second factor goes to give it. */
static int
page_account_needs_code(const struct app_session *s, struct http_request *req,
			struct http_response *resp)
{
	if (s->subject.totp_verified)
		return 0;
	page_redirect(req, resp, PAGE_CODE_PATH);
	return 1;
}

enum ct_err
page_account(void *app, struct http_request *req, struct http_response *resp,
	     struct ct_error *err)
{
	const struct app_session *s = page_cookie_session(req, err);

	if (!s)
		return CT_ERR_DENIED;
	if (page_account_needs_code(s, req, resp))
		return CT_OK;
	return page_account_show(app, req, resp, 200,
				 http_request_param(req, "gewijzigd") != NULL,
				 NULL, err);
}

/* The API's problems with the new password as one Dutch sentence each. */
static const char *
page_new_password_problems(struct http_request *req)
{
	struct sbuf text;
	const char *out;
	size_t i;

	sbuf_init(&text, PAGE_MESSAGE_MAX);
	for (i = 0; i < req->problems.count; i++) {
		if (text.len)
			sbuf_addch(&text, ' ');
		sbuf_addf(&text, "Het nieuwe wachtwoord %s.",
			  req->problems.items[i].message);
	}
	out = text.len ? arena_strdup(req->arena, text.buf) : NULL;
	sbuf_release(&text);
	return out;
}

enum ct_err
page_account_password(void *app, struct http_request *req,
		      struct http_response *resp, struct ct_error *err)
{
	const struct app_session *s = page_cookie_session(req, err);
	const char *current = page_field(req, "current_password");
	const char *fresh = page_field(req, "new_password");
	const char *repeat = page_field(req, "repeat_password");
	char token[TOKEN_TEXT_SIZE], csrf[TOKEN_CSRF_SIZE];
	struct page_password_errors pe = {NULL, NULL, NULL};
	const char *required;
	enum ct_country c;
	enum ct_err rc;

	if (!s)
		return CT_ERR_DENIED;
	if (page_account_needs_code(s, req, resp))
		return CT_OK;
	c = s->org.country;
	required = web_str(c, WEB_S_FIELD_REQUIRED);
	pe.current = current ? NULL : required;
	pe.fresh = fresh ? NULL : required;
	pe.repeat = repeat ? NULL : required;
	if (fresh && repeat && strcmp(fresh, repeat) != 0)
		pe.repeat = web_str(c, WEB_S_ACCOUNT_REPEAT_DIFFERS);
	if (pe.current || pe.fresh || pe.repeat)
		return page_account_show(app, req, resp, 400, 0, &pe, err);
	rc = api_me_password_change(app, req, current, fresh, token, csrf, err);
	if (rc == CT_ERR_DENIED) {
		ct_error_clear(err);
		pe.current = web_str(c, WEB_S_ACCOUNT_CURRENT_WRONG);
		return page_account_show(app, req, resp, 403, 0, &pe, err);
	}
	if (rc == CT_ERR_INVALID) {
		pe.fresh = page_new_password_problems(req);
		ct_problems_init(&req->problems);
		ct_error_clear(err);
		return page_account_show(app, req, resp, 400, 0, &pe, err);
	}
	if (rc)
		return rc;
	sodium_memzero(csrf, sizeof(csrf));
	page_redirect(req, resp, PAGE_ACCOUNT_PATH "?gewijzigd=1");
	app_set_session_cookie(app, req, resp, token);
	sodium_memzero(token, sizeof(token));
	return CT_OK;
}
