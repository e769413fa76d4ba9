/*
 * app.c - the application behind the router: who is asking, CSRF, the
 * policy and the access log, and one store handle per server thread.
 *
 * Design: the router calls four hooks in a fixed order (router.h). This
 * file only gathers facts for core/policy.c and acts on its answer; it
 * never decides access itself:
 *  - authenticate turns a cookie or bearer token into an app_session in
 *    the request arena: session (or token), user, organisation, security
 *    state and active break-the-glass grants, and from them the policy
 *    subject. Anything wrong with a credential (malformed, unknown,
 *    expired, revoked, user inactive or locked) simply leaves the request
 *    anonymous, so the router answers 401 in one place. Those five reads
 *    are kept per credential in the auth cache (http/auth_cache.h) and
 *    used again only while the auth epoch (store_auth.h), read anew in
 *    every request, is unchanged: no change by anyone, in any process,
 *    is ever missed; time (idle and absolute end, expiry, a lock, a
 *    grant's end) is checked on the copy as on a fresh read.
 *  - One read snapshot (store_read_begin) serves authenticate and the
 *    authorize that follows it: the epoch, the credential and the case
 *    are read in one state of the database. authorize ends it, before
 *    the request is suspended for its access-log record.
 *  - authorize loads what the route's action is about (for case-bound
 *    actions the {case_id} path parameter: case, owner, team), calls
 *    policy_decide() and keeps the decision on the session for
 *    record_access and the handler. A case that does not exist gets the
 *    same CT_ERR_NOTFOUND as one outside the team.
 *  - record_access writes the access-log record through the group
 *    committing logger before anything is served, allowed or denied;
 *    record_access_start queues the same record without waiting (the
 *    server suspends the request until the logger's callback).
 *
 * Stores: a struct store serves one thread at a time, and libmicrohttpd
 * runs requests on a pool of threads, so each thread opens its own on
 * first use (pthread key) and app_stop() closes them all.
 */
#include "http/app.h"

#include <errno.h>
#include <inttypes.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <time.h>

#include <sodium.h>

#include "core/vocab.h"
#include "http/auth_cache.h"
#include "http/form.h"
#include "http/page_common.h"
#include "util/log.h"
#include "util/sbuf.h"
#include "util/banned.h"

#define APP_THROTTLE_WINDOW 60	     /* seconds over which refusals add up */
#define APP_THROTTLE_STEP_MS 100     /* extra wait per recent refusal */
#define APP_THROTTLE_MAX_MS 2000     /* most a refusal waits */

#define APP_ROLES_TEXT_MAX 256
#define APP_CSRF_CONTEXT "casustafel csrf v1"

struct app_thread_store {
	struct store *st;
	struct app_thread_store *next;
};

void
app_config_defaults(struct app_config *cfg)
{
	memset(cfg, 0, sizeof(*cfg));
	cfg->session_idle_seconds = 30 * 60;
	cfg->session_absolute_seconds = 12 * 3600;
	cfg->login_max_failures = 5;
	cfg->login_lock_seconds = 15 * 60;
	cfg->break_glass_seconds = 4 * 3600;
	cfg->cookie_secure = 1;
}

int64_t
app_now(const struct app *app)
{
	if (app->now)
		return app->now(app->now_ctx);
	return (int64_t)time(NULL);
}

enum ct_err
app_start(struct app *app, const struct app_config *cfg,
	  const unsigned char server_key[STORE_SERVER_KEY_BYTES],
	  struct ct_error *err)
{
	unsigned char dummy[16];
	char dummy_text[sizeof(dummy) * 2 + 1];
	struct store *st = NULL;
	enum ct_err rc;

	memset(app, 0, sizeof(*app));
	app->cfg = *cfg;
	if (!cfg->database || !cfg->database[0])
		return ct_error_set(err, CT_ERR_CONFIG,
				    "er is geen database ingesteld");
	memcpy(app->server_key, server_key, STORE_SERVER_KEY_BYTES);
	/* A separate key per purpose: the CSRF key never opens a secret. */
	crypto_generichash(app->csrf_key, sizeof(app->csrf_key),
			   (const unsigned char *)APP_CSRF_CONTEXT,
			   strlen(APP_CSRF_CONTEXT), server_key,
			   STORE_SERVER_KEY_BYTES);

	/* Open once here: a missing database is a clear start-up error,
	 * and pending migrations run before any thread opens its own. */
	rc = store_open(cfg->database, 0, &st, err);
	if (rc)
		goto fail;
	store_close(st);

	randombytes_buf(dummy, sizeof(dummy));
	sodium_bin2hex(dummy_text, sizeof(dummy_text), dummy, sizeof(dummy));
	rc = ct_password_hash(dummy_text, app->dummy_hash) ? CT_ERR_INTERNAL
							    : CT_OK;
	sodium_memzero(dummy_text, sizeof(dummy_text));
	if (rc) {
		rc = ct_error_set(err, CT_ERR_INTERNAL,
				  "het vergelijkingswachtwoord kon niet worden "
				  "gemaakt");
		goto fail;
	}
	app->login_delay_ms = APP_LOGIN_DELAY_MS;

	rc = access_logger_open(cfg->database, NULL, &app->access_log, err);
	if (rc)
		goto fail;
	if (pthread_key_create(&app->store_key, NULL) != 0) {
		access_logger_close(app->access_log);
		rc = ct_error_set(err, CT_ERR_INTERNAL,
				  "geen threadsleutel beschikbaar");
		goto fail;
	}
	pthread_mutex_init(&app->stores_lock, NULL);
	pthread_mutex_init(&app->throttle_lock, NULL);
	app->auth_cache = auth_cache_new(AUTH_CACHE_ENTRIES_DEFAULT);
	return CT_OK;
fail:
	sodium_memzero(app->server_key, sizeof(app->server_key));
	sodium_memzero(app->csrf_key, sizeof(app->csrf_key));
	app->access_log = NULL;
	return rc;
}

void
app_stop(struct app *app)
{
	struct app_thread_store *ts, *next;
	struct access_logger_stats ls;

	if (app->access_log) {
		/* After a run (the benchmark): how well the commits grouped. */
		access_logger_stats(app->access_log, &ls);
		ct_info("toegangslog: %" PRIu64 " regels in %" PRIu64
			" commits (gemiddeld %.1f, grootste %zu), %" PRIu64
			" mislukt",
			ls.records, ls.batches,
			ls.batches ? (double)ls.records / (double)ls.batches
				   : 0.0,
			ls.largest_batch, ls.failed_batches);
	}
	access_logger_close(app->access_log);
	app->access_log = NULL;
	auth_cache_free(app->auth_cache);
	app->auth_cache = NULL;
	pthread_mutex_lock(&app->stores_lock);
	for (ts = app->stores; ts; ts = next) {
		next = ts->next;
		store_close(ts->st);
		free(ts);
	}
	app->stores = NULL;
	pthread_mutex_unlock(&app->stores_lock);
	pthread_key_delete(app->store_key);
	pthread_mutex_destroy(&app->stores_lock);
	pthread_mutex_destroy(&app->throttle_lock);
	sodium_memzero(app->server_key, sizeof(app->server_key));
	sodium_memzero(app->csrf_key, sizeof(app->csrf_key));
}

struct store *
app_store(struct app *app, struct ct_error *err)
{
	struct app_thread_store *ts = pthread_getspecific(app->store_key);
	struct store *st = NULL;

	if (ts)
		return ts->st;
	if (store_open(app->cfg.database,
		       STORE_OPEN_NO_MIGRATE | STORE_OPEN_REQUESTS, &st, err))
		return NULL;
	store_set_server_key(st, app->server_key);
	if (app->now)
		store_set_clock(st, app->now, app->now_ctx);
	ts = ct_calloc(1, sizeof(*ts));
	ts->st = st;
	pthread_mutex_lock(&app->stores_lock);
	ts->next = app->stores;
	app->stores = ts;
	pthread_mutex_unlock(&app->stores_lock);
	if (pthread_setspecific(app->store_key, ts) != 0)
		CT_BUG("pthread_setspecific failed");
	return st;
}

const struct app_session *
app_session(const struct http_request *req)
{
	return req->session;
}

struct store_actor
app_actor(const struct http_request *req)
{
	const struct app_session *s = req->session;
	struct store_actor a = {NULL, NULL, "api:anoniem"};

	if (s) {
		a.user_id = s->user.id;
		a.org_id = s->user.org_id;
		a.label = s->user.username;
	}
	return a;
}

void
app_csrf_token(const struct app *app, const struct session *s,
	       char out[TOKEN_CSRF_SIZE])
{
	token_csrf(app->csrf_key, s->id, out);
}

void
app_set_session_cookie(const struct app *app, struct http_request *req,
		       struct http_response *resp, const char *token_text)
{
	char cookie[TOKEN_TEXT_SIZE + 128];

	/* No Max-Age: the browser forgets it on close; the server ends it
	 * at the idle or absolute timeout anyway. */
	snprintf(cookie, sizeof(cookie),
		 "%s=%s; Path=/; HttpOnly; SameSite=Strict%s%s",
		 APP_COOKIE_NAME, token_text ? token_text : "",
		 token_text ? "" : "; Max-Age=0",
		 app->cfg.cookie_secure ? "; Secure" : "");
	http_response_add_header(resp, req->arena, "Set-Cookie", cookie);
}

void
app_throttle_failure(struct app *app)
{
	int64_t now = app_now(app);
	unsigned ms;
	struct timespec ts;

	pthread_mutex_lock(&app->throttle_lock);
	if (now - app->throttle_window_start >= APP_THROTTLE_WINDOW) {
		app->throttle_window_start = now;
		app->throttle_failures = 0;
	}
	app->throttle_failures++;
	ms = app->login_delay_ms;
	if (ms) {
		ms += APP_THROTTLE_STEP_MS * (app->throttle_failures - 1);
		if (ms > APP_THROTTLE_MAX_MS)
			ms = APP_THROTTLE_MAX_MS;
	}
	if (ms && app->throttle_sleepers >= APP_THROTTLE_SLEEPERS_MAX)
		ms = 0;
	if (ms)
		app->throttle_sleepers++;
	pthread_mutex_unlock(&app->throttle_lock);
	if (!ms)
		return;
	ts.tv_sec = ms / 1000;
	ts.tv_nsec = (long)(ms % 1000) * 1000000L;
	while (nanosleep(&ts, &ts) != 0 && errno == EINTR)
		;
	pthread_mutex_lock(&app->throttle_lock);
	app->throttle_sleepers--;
	pthread_mutex_unlock(&app->throttle_lock);
}

int
app_token_allows(const char *scopes, const char *action)
{
	size_t len = strlen(action);
	const char *p = scopes, *comma;

	while (p && *p) {
		comma = strchr(p, ',');
		if ((size_t)((comma ? comma : p + strlen(p)) - p) == len &&
		    strncmp(p, action, len) == 0)
			return 1;
		p = comma ? comma + 1 : NULL;
	}
	return 0;
}

/* ------------------------------------------------------------------ */
/* authenticate                                                        */

/* The token after "Bearer " (scheme case-insensitive), or 0. */
static int
app_bearer(const char *auth, char out[TOKEN_TEXT_SIZE])
{
	static const char scheme[] = "bearer ";
	const char *v;

	if (strncasecmp(auth, scheme, sizeof(scheme) - 1) != 0)
		return 0;
	v = auth + sizeof(scheme) - 1;
	while (*v == ' ')
		v++;
	if (strlen(v) != TOKEN_TEXT_LEN)
		return 0;
	memcpy(out, v, TOKEN_TEXT_SIZE);
	return token_valid(out);
}

/* The value of cookie ct_session in a Cookie header, or 0. */
static int
app_cookie(const char *header, char out[TOKEN_TEXT_SIZE])
{
	static const size_t name_len = sizeof(APP_COOKIE_NAME) - 1;
	const char *p = header, *end, *v;

	while (p && *p) {
		while (*p == ' ' || *p == '\t')
			p++;
		end = strchr(p, ';');
		if (!end)
			end = p + strlen(p);
		if ((size_t)(end - p) > name_len &&
		    strncmp(p, APP_COOKIE_NAME, name_len) == 0 &&
		    p[name_len] == '=') {
			v = p + name_len + 1;
			while (end > v && (end[-1] == ' ' || end[-1] == '\t'))
				end--;
			if ((size_t)(end - v) != TOKEN_TEXT_LEN)
				return 0;
			memcpy(out, v, TOKEN_TEXT_LEN);
			out[TOKEN_TEXT_LEN] = '\0';
			return token_valid(out);
		}
		p = *end ? end + 1 : end;
	}
	return 0;
}

/* Fill s->subject from what authenticate loaded. */
static void
app_subject(struct app_session *s, int64_t now)
{
	struct policy_subject *who = &s->subject;
	size_t i, n = 0;

	memset(who, 0, sizeof(*who));
	who->user_id = s->user.id;
	who->org_id = s->user.org_id;
	who->org_type = s->org.type;
	who->roles = s->user.roles;
	who->via_token = s->via_token;
	who->totp_enrolled = s->security.totp_enrolled;
	/* A token is made by a session that gave the second factor. */
	who->totp_verified =
		s->via_token ? 1
			     : s->session.totp_verified && s->security.totp_enrolled;
	for (i = 0; i < s->n_break_glass && n < POLICY_GRANTS_MAX; i++) {
		if (s->break_glass[i].expires_at <= now)
			continue;
		s->grants[n].case_id = s->break_glass[i].case_id;
		s->grants[n].expires_at = s->break_glass[i].expires_at;
		n++;
	}
	if (n < s->n_break_glass)
		ct_warn("gebruiker %s heeft meer dan %d noodtoegangen; de "
			"oudste tellen niet mee",
			s->user.id, POLICY_GRANTS_MAX);
	who->grants = s->grants;
	who->n_grants = n;
}

/* The user behind a live credential: CT_ERR_NOTFOUND = anonymous. */
static enum ct_err
app_load_user(struct store *st, struct http_request *req, struct app_session *s,
	      const char *user_id, int64_t now, struct ct_error *err)
{
	enum ct_err rc;

	rc = store_user_get(st, user_id, req->arena, &s->user, err);
	if (rc)
		return rc;
	if (!s->user.active)
		return CT_ERR_NOTFOUND;
	rc = store_org_get(st, s->user.org_id, req->arena, &s->org, err);
	if (rc)
		return rc;
	rc = store_user_security_get(st, s->user.id, &s->security, err);
	if (rc)
		return rc;
	/* A locked account's sessions and tokens stop working too. */
	if (s->security.locked_until > now)
		return CT_ERR_NOTFOUND;
	return store_break_glass_active(st, s->user.id, now, req->arena,
					&s->break_glass, &s->n_break_glass,
					err);
}

/*
 * The credential's copy from the auth cache, if there is one for this
 * epoch and time has not ended it: the same checks a fresh read makes
 * (store_session_get, store_api_token_get, app_load_user), so that a copy
 * is used only where the database would give the same answer now. An
 * ended one goes back to the database, which also deletes an expired
 * session.
 */
static int
app_cached_credential(struct app *app, struct http_request *req,
		      struct app_session *s, const char *hash, int via_token,
		      int64_t epoch, int64_t now)
{
	size_t i, n = 0;

	if (!auth_cache_get(app->auth_cache, via_token, hash, epoch, req->arena,
			    s))
		return 0;
	if (via_token) {
		if (s->token.revoked_at != 0 ||
		    (s->token.expires_at != 0 && s->token.expires_at <= now))
			return 0;
	} else if (now >= s->session.idle_expires_at ||
		   now >= s->session.absolute_expires_at) {
		return 0;
	}
	if (!s->user.active || s->security.locked_until > now)
		return 0;
	/* The grants store_break_glass_active would give at now. */
	for (i = 0; i < s->n_break_glass; i++)
		if (s->break_glass[i].expires_at > now &&
		    s->break_glass[i].created_at <= now)
			s->break_glass[n++] = s->break_glass[i];
	s->n_break_glass = n;
	return 1;
}

/*
 * authenticate with st and s ready: the credential from the auth cache
 * or, failing that, from the database (and then kept for the next
 * request at this epoch).
 */
static enum ct_err
app_authenticate_in(struct app *app, struct store *st,
		    struct http_request *req, struct app_session *s,
		    const char *hash, int via_token, int64_t now,
		    struct ct_error *err)
{
	const char *user_id;
	int64_t epoch = 0;
	enum ct_err rc;

	rc = store_auth_epoch(st, &epoch, err);
	if (rc)
		return rc;
	s->via_token = via_token;
	if (!app_cached_credential(app, req, s, hash, via_token, epoch, now)) {
		memset(s, 0, sizeof(*s));
		s->via_token = via_token;
		if (via_token) {
			rc = store_api_token_get(st, hash, now, req->arena,
						 &s->token, err);
			user_id = s->token.user_id;
		} else {
			rc = store_session_get(st, hash, now, &s->session, err);
			user_id = s->session.user_id;
		}
		if (rc == CT_OK)
			rc = app_load_user(st, req, s, user_id, now, err);
		if (rc == CT_ERR_NOTFOUND)
			return CT_OK;
		if (rc)
			return rc;
		auth_cache_put(app->auth_cache, via_token, hash, epoch, s);
	}
	app_subject(s, now);
	if (!via_token &&
	    now - s->session.last_seen_at >= APP_TOUCH_SECONDS) {
		rc = store_session_touch(st, s->session.id, now,
					 app->cfg.session_idle_seconds, err);
		if (rc)
			return rc;
		s->session.last_seen_at = now;
		s->session.idle_expires_at =
			now + app->cfg.session_idle_seconds <
					s->session.absolute_expires_at
				? now + app->cfg.session_idle_seconds
				: s->session.absolute_expires_at;
		auth_cache_touched(app->auth_cache, hash,
				   s->session.last_seen_at,
				   s->session.idle_expires_at);
	}
	req->session = s;
	return CT_OK;
}

/*
 * Whether the router goes on from authenticate to authorize: with a
 * session, unless the route makes it check a CSRF token first (which may
 * refuse). Then the snapshot authenticate opened is left for authorize to
 * read the case in and to end (router.h has the order of the hooks).
 */
static int
app_authorize_follows(const struct http_request *req)
{
	return req->session && req->route &&
	       !((req->route->flags & HTTP_ROUTE_CSRF) &&
		 http_method_is_unsafe(req->method));
}

static enum ct_err
app_authenticate(void *vapp, struct http_request *req, struct ct_error *err)
{
	struct app *app = vapp;
	const char *auth = http_request_header(req, "Authorization");
	char token[TOKEN_TEXT_SIZE], hash[TOKEN_HASH_HEX_SIZE];
	int64_t now = app_now(app);
	struct app_session *s;
	struct store *st;
	int via_token = 0;
	enum ct_err rc;

	req->session = NULL;
	if (auth) {
		/* A client that sends Authorization means the token. */
		if (!app_bearer(auth, token))
			return CT_OK;
		via_token = 1;
	} else if (!app_cookie(http_request_header(req, "Cookie"), token)) {
		return CT_OK;
	}
	if (token_hash(token, hash))
		return CT_OK;
	sodium_memzero(token, sizeof(token));
	st = app_store(app, err);
	if (!st)
		return err && err->code ? err->code : CT_ERR_INTERNAL;
	s = arena_alloc(req->arena, sizeof(*s));
	if (!s)
		return ct_error_set(err, CT_ERR_LIMIT, "verzoekgeheugen vol");
	/*
	 * One snapshot (store_read_begin) for the epoch, the credential and
	 * what authorize reads after it. A snapshot still open on this
	 * thread's store belongs to no request any more: end it first.
	 */
	store_read_end(st);
	rc = store_read_begin(st, err);
	if (rc)
		return rc;
	rc = app_authenticate_in(app, st, req, s, hash, via_token, now, err);
	if (rc) {
		req->session = NULL;
		store_read_end(st);
	} else if (!app_authorize_follows(req)) {
		store_read_end(st);
	}
	return rc;
}

/* ------------------------------------------------------------------ */
/* CSRF                                                                */

static enum ct_err
app_check_csrf(void *vapp, const struct http_request *req,
	       struct ct_error *err)
{
	struct app *app = vapp;
	const struct app_session *s = req->session;
	char form_token[TOKEN_CSRF_SIZE + 1];
	const char *presented;

	if (!s)
		return ct_error_set(err, CT_ERR_DENIED, "geen sessie");
	/* A bearer token is never sent by a browser on its own: there is
	 * no ambient credential to abuse, so no CSRF token is needed. */
	if (s->via_token)
		return CT_OK;
	presented = http_request_header(req, APP_CSRF_HEADER);
	/* A page's form carries it as a hidden field (http/form.h). */
	if (!presented && req->body &&
	    http_form_is_form_type(http_request_header(req, "Content-Type")) &&
	    http_form_value(req->body, req->body_len, HTTP_FORM_CSRF_FIELD,
			    form_token, sizeof(form_token)))
		presented = form_token;
	if (!presented ||
	    !token_csrf_check(app->csrf_key, s->session.id, presented))
		return ct_error_set(err, CT_ERR_DENIED,
				    "CSRF-token ontbreekt of klopt niet");
	return CT_OK;
}

/* ------------------------------------------------------------------ */
/* authorize                                                           */

static int
app_case_bound(enum policy_resource_kind kind)
{
	return kind == POLICY_RES_CASE || kind == POLICY_RES_PERSON ||
	       kind == POLICY_RES_RELATION || kind == POLICY_RES_INCIDENT ||
	       kind == POLICY_RES_TEAM || kind == POLICY_RES_JOURNAL;
}

static const char *
app_denial_message(const struct policy_decision *d)
{
	switch (d->denial) {
	case POLICY_DENY_UNAUTHENTICATED:
		return "U bent niet ingelogd. Log eerst in.";
	case POLICY_DENY_SECOND_FACTOR:
		return "Geef eerst de code van uw tweede factor (TOTP); "
		       "zonder die code kunt u geen dossiers inzien.";
	case POLICY_DENY_FORBIDDEN:
		if (strcmp(d->reason, "token_not_allowed") == 0)
			return "Met een token kunt u geen tokens beheren; "
			       "log in met uw wachtwoord en tweede factor.";
		return "U hebt geen toestemming voor deze handeling.";
	default:
		return "U hebt geen toestemming voor deze handeling.";
	}
}

static void
app_synthetic_denial(struct policy_decision *d, enum policy_action action,
		     enum policy_denial how, const char *reason)
{
	memset(d, 0, sizeof(*d));
	d->denial = how;
	d->reason = reason;
	d->needs_access_log = policy_action_personal(action);
}

/*
 * Load the case of a case-bound route into s and describe it in res.
 * CT_ERR_NOTFOUND when it does not exist.
 */
static enum ct_err
app_load_case(struct store *st, const struct http_request *req,
	      struct app_session *s, struct policy_resource *res,
	      struct ct_error *err)
{
	const char *case_id = http_request_param(req, "case_id");
	const char **team = NULL;
	size_t n_team = 0;
	enum ct_err rc;

	if (!case_id)
		return ct_error_set(err, CT_ERR_INTERNAL,
				    "route %s %s handelt over een dossier "
				    "maar heeft geen {case_id}",
				    http_method_name(req->method),
				    req->route ? req->route->pattern : "?");
	rc = store_case_get(st, case_id, req->arena, &s->the_case, err);
	if (rc)
		return rc;
	/* By reference it would also be found; the route gives a UUID, so
	 * only an exact id counts. */
	if (strcmp(s->the_case.id, case_id) != 0)
		return CT_ERR_NOTFOUND;
	rc = store_team_org_ids(st, case_id, req->arena, &team, &n_team, err);
	if (rc)
		return rc;
	s->has_case = 1;
	s->team_org_ids = team;
	s->n_team = n_team;
	res->case_id = s->the_case.id;
	res->owner_org_id = s->the_case.owner_org_id;
	res->team_org_ids = team;
	res->n_team = n_team;
	return CT_OK;
}

/* The owner of the case of the {grant_id} a review is about. */
static enum ct_err
app_grant_owner(struct store *st, const struct http_request *req,
		struct policy_resource *res, struct ct_error *err)
{
	struct break_glass b;
	enum ct_err rc;

	rc = store_break_glass_get(st, http_request_param(req, "grant_id"),
				   req->arena, &b, err);
	if (rc)
		return rc;
	res->target_org_id = arena_strdup(req->arena, b.owner_org_id);
	return res->target_org_id ? CT_OK : CT_ERR_LIMIT;
}

/* The organisation an org- or user-bound route is about. */
static enum ct_err
app_target_org(struct store *st, const struct http_request *req,
	       const struct app_session *s, enum policy_resource_kind kind,
	       struct policy_resource *res, struct ct_error *err)
{
	const char *user_id = http_request_param(req, "user_id");
	const char *org_id = http_request_param(req, "org_id");
	struct user u;
	enum ct_err rc;

	if (kind == POLICY_RES_USER && user_id) {
		rc = store_user_get(st, user_id, req->arena, &u, err);
		if (rc)
			return rc;
		res->target_org_id = arena_strdup(req->arena, u.org_id);
		return res->target_org_id ? CT_OK : CT_ERR_LIMIT;
	}
	/* A list without a parameter: the subject's own organisation. */
	res->target_org_id = org_id ? org_id : s->user.org_id;
	return CT_OK;
}

static enum ct_err
app_authorize(void *vapp, const struct http_request *req,
	      const struct http_route *route, struct ct_error *err)
{
	struct app *app = vapp;
	struct app_session *s = req->session;
	struct policy_subject anonymous;
	struct policy_resource res;
	struct policy_decision d;
	struct store *st;
	int action = policy_action_from_name(route->action);
	const char *absent = NULL; /* reason when the resource is missing */
	enum ct_err rc;

	if (action < 0)
		return ct_error_set(err, CT_ERR_INTERNAL,
				    "route %s heeft een onbekende actie '%s'",
				    route->pattern, route->action);
	memset(&res, 0, sizeof(res));
	res.kind = policy_action_resource((enum policy_action)action);
	memset(&anonymous, 0, sizeof(anonymous));

	if (s) {
		s->has_decision = 1;
		if (s->via_token &&
		    !app_token_allows(s->token.scopes, route->action)) {
			app_synthetic_denial(&s->decision,
					     (enum policy_action)action,
					     POLICY_DENY_FORBIDDEN,
					     "token_scope");
			return ct_error_set(err, CT_ERR_DENIED,
					    "Dit token mag de handeling %s "
					    "niet uitvoeren.",
					    route->action);
		}
		st = app_store(app, err);
		if (!st)
			return err && err->code ? err->code : CT_ERR_INTERNAL;
		if (app_case_bound(res.kind)) {
			rc = app_load_case(st, req, s, &res, err);
			if (rc == CT_ERR_NOTFOUND) {
				/* Decided below as a case of nobody's. */
				absent = "case_not_found";
				res.case_id = http_request_param(req,
								 "case_id");
				res.owner_org_id = "-";
			} else if (rc) {
				return rc;
			}
		} else if (res.kind == POLICY_RES_BREAK_GLASS) {
			rc = app_grant_owner(st, req, &res, err);
			if (rc == CT_ERR_NOTFOUND) {
				absent = "grant_not_found";
				res.target_org_id = "-";
			} else if (rc) {
				return rc;
			}
		} else if (res.kind == POLICY_RES_ORG ||
			   res.kind == POLICY_RES_USER) {
			rc = app_target_org(st, req, s, res.kind, &res, err);
			if (rc == CT_ERR_NOTFOUND) {
				app_synthetic_denial(
					&s->decision,
					(enum policy_action)action,
					POLICY_DENY_NOT_FOUND,
					"user_not_found");
				return CT_ERR_NOTFOUND;
			}
			if (rc)
				return rc;
		}
	} else if (app_case_bound(res.kind)) {
		/* Anonymous: the policy refuses before it looks at the
		 * case, so the case is not loaded (nothing to learn). */
		res.case_id = http_request_param(req, "case_id");
		res.owner_org_id = "-";
	}
	policy_decide(s ? &s->subject : &anonymous,
		      (enum policy_action)action, &res, app_now(app), &d);
	/*
	 * A resource that does not exist: a refusal that never looks at it
	 * (role, second factor) is given as for any resource, so it says
	 * nothing about existence; anything else answers 404 exactly as
	 * for a case outside the team.
	 */
	if (absent && (d.allowed || d.denial == POLICY_DENY_NOT_FOUND))
		app_synthetic_denial(&d, (enum policy_action)action,
				     POLICY_DENY_NOT_FOUND, absent);
	if (s)
		s->decision = d;
	rc = policy_decision_err(&d);
	if (rc == CT_ERR_DENIED)
		ct_error_set(err, CT_ERR_DENIED, "%s", app_denial_message(&d));
	return rc;
}

/*
 * authorize with the case, the team or the user it loads read in one
 * snapshot (store_read_begin), ended before the access log is written.
 */
static enum ct_err
app_authorize_snapshot(void *vapp, const struct http_request *req,
		       const struct http_route *route, struct ct_error *err)
{
	struct store *st = NULL;
	enum ct_err rc;

	/* Anonymous requests read nothing; app_authorize reports a store
	 * that cannot be opened. */
	if (req->session)
		st = app_store(vapp, NULL);
	if (st) {
		rc = store_read_begin(st, err);
		if (rc)
			return rc;
	}
	rc = app_authorize(vapp, req, route, err);
	if (st)
		store_read_end(st);
	return rc;
}

/* ------------------------------------------------------------------ */
/* record_access                                                       */

/*
 * The access-log record of decision d (NULL: none was made) on action
 * for req, allowed or not, in rec (roles: its buffer).
 */
static void
app_access_fill(const struct app *app, const struct http_request *req,
		const char *action, const struct policy_decision *d,
		int allowed, struct access_record *rec,
		char roles[APP_ROLES_TEXT_MAX])
{
	const struct app_session *s = req->session;
	size_t i;

	memset(rec, 0, sizeof(*rec));
	rec->at = app_now(app);
	rec->request_id = req->request_id[0] ? req->request_id : NULL;
	rec->action = action;
	rec->person_id = http_request_param(req, "person_id");
	rec->allowed = allowed;
	if (s) {
		vocab_mask_format(&vocab_user_role, s->user.roles, roles,
				  APP_ROLES_TEXT_MAX);
		rec->user_id = s->user.id;
		rec->org_id = s->user.org_id;
		rec->roles = roles;
		rec->reason = d ? d->reason : "unknown";
		rec->break_glass = d && d->is_break_glass;
		/* Only a case that exists is named (the log refers to it). */
		rec->case_id = s->has_case ? s->the_case.id : NULL;
		if (s->has_case && rec->break_glass) {
			for (i = 0; i < s->n_break_glass; i++)
				if (strcmp(s->break_glass[i].case_id,
					   s->the_case.id) == 0)
					rec->purpose = s->break_glass[i].reason;
		}
	} else {
		rec->reason = "not_authenticated";
	}
}

/*
 * The access-log record of req's decision in rec (roles: its buffer).
 * 0 when the decision needs no record.
 */
static int
app_access_record(const struct app *app, const struct http_request *req,
		  const struct http_route *route, enum ct_err decision,
		  struct access_record *rec, char roles[APP_ROLES_TEXT_MAX])
{
	const struct app_session *s = req->session;
	int action = policy_action_from_name(route->action);

	if (action < 0)
		return 0; /* authorize already refused it */
	if (s && s->has_decision) {
		if (!s->decision.needs_access_log)
			return 0;
	} else if (!policy_action_personal((enum policy_action)action)) {
		return 0;
	}
	app_access_fill(app, req, route->action,
			s && s->has_decision ? &s->decision : NULL,
			decision == CT_OK, rec, roles);
	return 1;
}

/* The blocking record (router_handle: tests, and any caller without a
 * server that suspends). */
static enum ct_err
app_record_access(void *vapp, const struct http_request *req,
		  const struct http_route *route, enum ct_err decision)
{
	struct app *app = vapp;
	char roles[APP_ROLES_TEXT_MAX];
	struct access_record rec;
	struct ct_error err;

	if (!app_access_record(app, req, route, decision, &rec, roles))
		return CT_OK;
	ct_error_clear(&err);
	if (access_logger_write(app->access_log, &rec, &err)) {
		ct_error("verzoek %s: toegangslog: %s", req->request_id,
			 err.message);
		return err.code ? err.code : CT_ERR_INTERNAL;
	}
	return CT_OK;
}

/* The server's record: queued, done follows after the commit. */
static enum ct_err
app_record_access_start(void *vapp, const struct http_request *req,
			const struct http_route *route, enum ct_err decision,
			void (*done)(void *ctx, enum ct_err logged,
				     const struct ct_error *err),
			void *ctx, int *pending)
{
	struct app *app = vapp;
	char roles[APP_ROLES_TEXT_MAX];
	struct access_record rec;
	struct ct_error err;
	enum ct_err rc;

	*pending = 0;
	if (!app_access_record(app, req, route, decision, &rec, roles))
		return CT_OK;
	ct_error_clear(&err);
	/* The logger copies rec and its strings. */
	rc = access_logger_submit(app->access_log, &rec, done, ctx, &err);
	if (rc) {
		ct_error("verzoek %s: toegangslog: %s", req->request_id,
			 err.message);
		return rc;
	}
	*pending = 1;
	return CT_OK;
}

/* ------------------------------------------------------------------ */
/* more actions on the request's case (pages)                          */

/* The policy's decision on action for the case authorize loaded. */
static void
app_case_decide(const struct app *app, const struct http_request *req,
		const char *action_name, struct policy_decision *d)
{
	const struct app_session *s = req->session;
	int action = policy_action_from_name(action_name);
	struct policy_resource res;

	if (!s || !s->has_case || action < 0)
		CT_BUG("app_case_decide: no case authorized, or no such "
		       "action");
	if (s->via_token && !app_token_allows(s->token.scopes, action_name)) {
		app_synthetic_denial(d, (enum policy_action)action,
				     POLICY_DENY_FORBIDDEN, "token_scope");
		return;
	}
	memset(&res, 0, sizeof(res));
	res.kind = policy_action_resource((enum policy_action)action);
	res.case_id = s->the_case.id;
	res.owner_org_id = s->the_case.owner_org_id;
	res.team_org_ids = s->team_org_ids;
	res.n_team = s->n_team;
	policy_decide(&s->subject, (enum policy_action)action, &res,
		      app_now(app), d);
}

int
app_case_may(void *vapp, const struct http_request *req, const char *action)
{
	struct policy_decision d;

	app_case_decide(vapp, req, action, &d);
	return d.allowed;
}

/* Waits for the records app_case_reads submitted (done from the logger). */
struct app_reads_wait {
	pthread_mutex_t mu;
	pthread_cond_t cv;
	size_t pending;
	enum ct_err rc;
	char message[CT_ERROR_MESSAGE_MAX];
};

static void
app_reads_done(void *ctx, enum ct_err rc, const struct ct_error *err)
{
	struct app_reads_wait *w = ctx;

	pthread_mutex_lock(&w->mu);
	if (rc && !w->rc) {
		w->rc = rc;
		snprintf(w->message, sizeof(w->message), "%s",
			 err ? err->message : "");
	}
	w->pending--;
	pthread_cond_signal(&w->cv);
	pthread_mutex_unlock(&w->mu);
}

enum ct_err
app_case_reads(void *vapp, const struct http_request *req,
	       const char *const *actions, size_t n, int *allowed,
	       struct ct_error *err)
{
	struct app *app = vapp;
	struct app_reads_wait w;
	struct policy_decision d;
	struct access_record rec;
	char roles[APP_ROLES_TEXT_MAX];
	struct ct_error serr;
	enum ct_err rc = CT_OK;
	size_t i;

	if (n > APP_CASE_READS_MAX)
		CT_BUG("app_case_reads: more than APP_CASE_READS_MAX actions");
	memset(&w, 0, sizeof(w));
	if (pthread_mutex_init(&w.mu, NULL) || pthread_cond_init(&w.cv, NULL))
		CT_BUG("app_case_reads: mutex");
	/* Every record is queued at once: one commit serves them all. */
	for (i = 0; i < n; i++) {
		app_case_decide(app, req, actions[i], &d);
		allowed[i] = d.allowed;
		if (!d.needs_access_log)
			continue;
		app_access_fill(app, req, actions[i], &d, d.allowed, &rec,
				roles);
		ct_error_clear(&serr);
		pthread_mutex_lock(&w.mu);
		w.pending++;
		pthread_mutex_unlock(&w.mu);
		rc = access_logger_submit(app->access_log, &rec, app_reads_done,
					  &w, &serr);
		if (rc) {
			pthread_mutex_lock(&w.mu);
			w.pending--;
			pthread_mutex_unlock(&w.mu);
			ct_error("verzoek %s: toegangslog: %s", req->request_id,
				 serr.message);
			break;
		}
	}
	pthread_mutex_lock(&w.mu);
	while (w.pending)
		pthread_cond_wait(&w.cv, &w.mu);
	pthread_mutex_unlock(&w.mu);
	pthread_cond_destroy(&w.cv);
	pthread_mutex_destroy(&w.mu);
	if (!rc && w.rc) {
		rc = w.rc;
		ct_error("verzoek %s: toegangslog: %s", req->request_id,
			 w.message);
	}
	if (rc) {
		/* Not logged, so not shown: the page is refused whole. */
		for (i = 0; i < n; i++)
			allowed[i] = 0;
		return ct_error_set(err, CT_ERR_INTERNAL,
				    "De toegang kon niet worden vastgelegd.");
	}
	return CT_OK;
}

const struct router_hooks app_router_hooks = {
	.authenticate = app_authenticate,
	.check_csrf = app_check_csrf,
	.authorize = app_authorize_snapshot,
	.record_access = app_record_access,
	.record_access_start = app_record_access_start,
	.page_error = page_error,
};
