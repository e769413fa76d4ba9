/*
 * app.h - the Casustafel application behind the HTTP server: the router's
 * hooks (who is asking, CSRF, the policy, the access log) and what every
 * API handler may use.
 *
 * Request flow (router.h has the order): authenticate (session cookie
 * "ct_session" or "Authorization: Bearer <token>"; what it loads is kept
 * per credential for as long as the database's auth epoch says it is
 * still true, http/auth_cache.h) -> CSRF for cookie
 * sessions on unsafe methods (header "X-CSRF-Token") -> authorize: the
 * app loads the resource the route's action is about (for case-bound
 * routes the {case_id} path parameter: owning organisation and case team
 * from the store) and calls policy_decide() (core/policy.h) -> when the
 * decision needs it, a durable access-log record through the
 * group-committing access_logger, BEFORE the handler runs -> the handler.
 *
 * Threads: libmicrohttpd runs handlers on a pool of threads. Each thread
 * gets its own struct store, opened lazily on first use and closed by
 * app_stop(); handlers call app_store(req) and never share a handle.
 *
 * Handlers are thin: parse (the router already validated declared
 * parameters) -> store -> render JSON with core/model_json.h. They never
 * decide access themselves: by the time a handler runs, the policy has
 * allowed the route's action on the route's resource.
 */
#ifndef CT_HTTP_APP_H
#define CT_HTTP_APP_H

#include <pthread.h>
#include <stdint.h>

#include "core/policy.h"
#include "http/router.h"
#include "store/access_log.h"
#include "store/store.h"
#include "store/store_auth.h"
#include "store/store_team.h"

struct app_config {
	const char *database;        /* store path / connection target */
	int64_t session_idle_seconds;     /* default 30 min */
	int64_t session_absolute_seconds; /* default 12 h */
	int login_max_failures;           /* default 5 */
	int64_t login_lock_seconds;       /* default 15 min */
	int64_t break_glass_seconds;      /* default 4 h */
	int cookie_secure;                /* default 1 (Secure attribute) */
};

struct app_thread_store; /* per-thread store handles, see app.c */
struct auth_cache;	 /* credentials already loaded, http/auth_cache.h */

struct app {
	struct app_config cfg;
	unsigned char server_key[STORE_SERVER_KEY_BYTES];
	unsigned char csrf_key[TOKEN_KEY_BYTES]; /* derived from server_key */
	struct access_logger *access_log;
	pthread_key_t store_key;
	pthread_mutex_t stores_lock;
	struct app_thread_store *stores; /* every handle opened, for stop */
	struct auth_cache *auth_cache;   /* what authenticate loaded */
	int64_t (*now)(void *ctx);      /* clock, injectable for tests */
	void *now_ctx;
	/* A refused login is checked against this hash when the user does
	 * not exist, so the answer takes as long as for a wrong password. */
	char dummy_hash[CT_PWHASH_SIZE];
	/* Throttling: every refused login or code waits login_delay_ms,
	 * plus more while refusals keep coming (tests set 0). */
	unsigned login_delay_ms;
	pthread_mutex_t throttle_lock;
	int64_t throttle_window_start;
	unsigned throttle_failures;
	unsigned throttle_sleepers; /* threads waiting in a refusal now */
};

/*
 * What authenticate attaches to req->session (in the request arena): the
 * logged-in user and organisation, and the policy subject built from
 * them. For a case-bound route, authorize also fills the case fields so
 * handlers need not load the case again.
 */
struct app_session {
	struct session session;      /* empty id for bearer-token requests */
	struct api_token token;      /* set for bearer-token requests */
	int via_token;
	struct user user;
	struct org org;
	struct policy_subject subject;
	/* filled by authorize for case-bound routes */
	struct ct_case the_case;
	int has_case;
	/* the case's current team, as the policy was given it */
	const char **team_org_ids;
	size_t n_team;
	struct policy_decision decision;
	int has_decision;
	/* storage behind subject.grants, and the grants as stored */
	struct policy_grant grants[POLICY_GRANTS_MAX];
	struct break_glass *break_glass;
	size_t n_break_glass;
	struct user_security security;
};

#define APP_COOKIE_NAME "ct_session"
#define APP_CSRF_HEADER "X-CSRF-Token"
#define APP_TOUCH_SECONDS 60 /* move last_seen at most once a minute */
#define APP_LOGIN_DELAY_MS 250

void app_config_defaults(struct app_config *cfg);
/*
 * Set up app: open the access logger, derive the CSRF key from the server
 * key. The key file is read by the caller (cmd_serve) and passed in.
 */
enum ct_err app_start(struct app *app, const struct app_config *cfg,
		      const unsigned char server_key[STORE_SERVER_KEY_BYTES],
		      struct ct_error *err);
void app_stop(struct app *app);

/* The router hooks implemented by the app. */
extern const struct router_hooks app_router_hooks;

/* This thread's store (opened on first use; NULL and err on failure). */
struct store *app_store(struct app *app, struct ct_error *err);
int64_t app_now(const struct app *app);
/* The session of req, or NULL for an anonymous request. */
const struct app_session *app_session(const struct http_request *req);
/* The journal actor for req: user id, org id, label = username. */
struct store_actor app_actor(const struct http_request *req);

/* The CSRF token of a cookie session (what X-CSRF-Token must carry). */
void app_csrf_token(const struct app *app, const struct session *s,
		    char out[TOKEN_CSRF_SIZE]);
/*
 * Set-Cookie for a new session token (HttpOnly, SameSite=Strict, Path=/,
 * Secure unless cfg.cookie_secure is 0); token_text NULL clears it.
 */
void app_set_session_cookie(const struct app *app, struct http_request *req,
			    struct http_response *resp,
			    const char *token_text);
/*
 * Most server threads that may wait in a refusal at once. The server runs
 * few threads (requests wait for their access-log record suspended, not
 * in a thread), so unbounded waits would let a burst of wrong passwords
 * stall everyone. Past this number a refusal answers at once: the
 * per-account lock-out, not the delay, is what stops guessing.
 */
#define APP_THROTTLE_SLEEPERS_MAX 2u

/*
 * Wait after a refused login or code (throttling, see struct app), unless
 * APP_THROTTLE_SLEEPERS_MAX threads already wait.
 */
void app_throttle_failure(struct app *app);
/*
 * Pages that show more of a case than their route's own action (the case
 * file shows persons, incidents, orders, the team, the journal): the
 * policy decides each further action on the case authorize loaded for
 * the route, exactly as for a route of that action (team, grants, token
 * scopes). Only for a handler of a case-bound route (else CT_BUG).
 *  - app_case_may(): may the session do action here? A question only,
 *    for a link or a form: nothing is logged.
 *  - app_case_reads(): the same for n (<= APP_CASE_READS_MAX) reads the
 *    page is about to show; allowed[i] receives each answer, and every
 *    decision the policy wants logged (allowed or refused) is written to
 *    the access log as the router writes a route's record (the action,
 *    the case, the reason), all in one commit, before this returns. An
 *    error means the records were not durable: show nothing of it
 *    (allowed[] is then all 0) and answer the error.
 */
#define APP_CASE_READS_MAX 16
int app_case_may(void *app, const struct http_request *req, const char *action);
enum ct_err app_case_reads(void *app, const struct http_request *req,
			   const char *const *actions, size_t n, int *allowed,
			   struct ct_error *err);

/* 1 when a token's comma-separated scopes name action exactly. */
int app_token_allows(const char *scopes, const char *action);

/* The complete route table of the API (http/routes.c). */
extern const struct http_route app_routes[];
extern const size_t app_routes_count;

#endif
