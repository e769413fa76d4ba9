#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>

#include "app_test.h"
#include "http/auth_cache.h"
#include "store/store_team.h"

/* Verified session of user fu (password and TOTP). */
static void
verified(struct fx *f, const struct fx_user *fu, struct fx_client *cl)
{
	assert_int_equal(fx_login(f, fu->u.username, FX_PASSWORD, cl), 200);
	assert_int_equal(fx_totp(f, cl, fu), 200);
	f->now += TOTP_PERIOD; /* the next login needs a fresh code */
}

static size_t
access_records(struct fx *f, const char *user_id, int allowed)
{
	struct access_log_query q;
	struct access_entry *out = NULL;
	struct ct_error err;
	size_t n = 0, total = 0;

	access_log_query_init(&q);
	q.user_id = user_id;
	q.allowed = allowed;
	assert_int_equal(store_access_log_query(f->st, &q, &f->a, &out, &n,
						&total, &err),
			 CT_OK);
	return total;
}

static void
test_health_is_public(void **state)
{
	struct fx *f = *state;
	struct fx_call c;

	fx_request(f, &c, HTTP_METHOD_GET, "/health", NULL, NULL);
	assert_int_equal(c.resp.status, 200);
	fx_done(&c);
}

static void
test_other_team_looks_like_missing_case(void **state)
{
	struct fx *f = *state;
	struct fx_client alice, bob;
	struct fx_call other, missing, own;
	char target[128];

	verified(f, &f->alice, &alice);
	verified(f, &f->bob, &bob);
	snprintf(target, sizeof(target), "/api/v1/cases/%s", f->kase.id);
	fx_as(f, &bob, &other, HTTP_METHOD_GET, target, NULL);
	fx_as(f, &bob, &missing, HTTP_METHOD_GET,
	      "/api/v1/cases/5b0c1c6e-8f5e-4d6a-9a51-0f7b7a0e2b11", NULL);
	assert_int_equal(other.resp.status, 404);
	assert_int_equal(missing.resp.status, 404);
	assert_int_equal(other.resp.body_len, missing.resp.body_len);
	assert_memory_equal(other.resp.body, missing.resp.body,
			    other.resp.body_len);
	fx_as(f, &alice, &own, HTTP_METHOD_GET, target, NULL);
	assert_int_equal(own.resp.status, 200);
	fx_done(&other);
	fx_done(&missing);
	fx_done(&own);

	/* Every decision on case content is in the access log. */
	assert_int_equal(access_records(f, f->alice.u.id, 1), 1);
	assert_int_equal(access_records(f, f->bob.u.id, 0), 2);
	assert_int_equal(access_records(f, f->bob.u.id, 1), 0);
}

static void
test_admin_reads_no_case_content(void **state)
{
	struct fx *f = *state;
	struct fx_client admin;
	struct fx_call c;
	char target[128];

	assert_int_equal(fx_login(f, "beheer", FX_PASSWORD, &admin), 200);
	snprintf(target, sizeof(target), "/api/v1/cases/%s", f->kase.id);
	fx_as(f, &admin, &c, HTTP_METHOD_GET, target, NULL);
	assert_int_equal(c.resp.status, 403);
	fx_done(&c);
	assert_int_equal(access_records(f, f->admin.u.id, 0), 1);
}

static void
test_bad_credentials_are_anonymous(void **state)
{
	struct fx *f = *state;
	static const char *const cookies[] = {
		"ct_session=short",
		"ct_session=AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA",
		"other=1",
		"",
	};
	const char *bearer[] = {"Authorization", "Bearer nonsense", NULL};
	const char *headers[] = {"Cookie", NULL, NULL};
	struct fx_call c;
	size_t i;

	for (i = 0; i < CT_ARRAY_SIZE(cookies); i++) {
		headers[1] = cookies[i];
		fx_request(f, &c, HTTP_METHOD_GET, "/api/v1/session", NULL,
			   headers);
		assert_int_equal(c.resp.status, 401);
		fx_done(&c);
	}
	fx_request(f, &c, HTTP_METHOD_GET, "/api/v1/session", NULL, bearer);
	assert_int_equal(c.resp.status, 401);
	fx_done(&c);
}

static void
test_cookie_among_others(void **state)
{
	struct fx *f = *state;
	struct fx_client cl;
	char cookie[256];
	const char *headers[] = {"Cookie", cookie, NULL};
	struct fx_call c;

	assert_int_equal(fx_login(f, "bob", FX_PASSWORD, &cl), 200);
	snprintf(cookie, sizeof(cookie), "theme=dark; %s ; lang=nl",
		 cl.cookie);
	fx_request(f, &c, HTTP_METHOD_GET, "/api/v1/session", NULL, headers);
	assert_int_equal(c.resp.status, 200);
	fx_done(&c);
}

static void
test_bearer_token_scoped_and_revocable(void **state)
{
	struct fx *f = *state;
	char text[TOKEN_TEXT_SIZE], hash[TOKEN_HASH_HEX_SIZE];
	char auth[TOKEN_TEXT_SIZE + 16], target[128];
	const char *headers[] = {"Authorization", auth, NULL};
	struct store_actor who = {f->alice.u.id, f->alice.u.org_id, "alice"};
	struct api_token t;
	struct ct_error err;
	struct fx_call c;

	memset(&t, 0, sizeof(t));
	memcpy(t.user_id, f->alice.u.id, CT_UUID_SIZE);
	t.name = "koppeling";
	t.scopes = "case.read,session.read";
	t.created_at = f->now;
	token_new(text, hash);
	assert_int_equal(store_api_token_create(f->st, &who, &t, hash, &err),
			 CT_OK);
	snprintf(auth, sizeof(auth), "Bearer %s", text);
	snprintf(target, sizeof(target), "/api/v1/cases/%s", f->kase.id);

	fx_request(f, &c, HTTP_METHOD_GET, target, NULL, headers);
	assert_int_equal(c.resp.status, 200);
	fx_done(&c);
	/* Outside its scopes. */
	fx_request(f, &c, HTTP_METHOD_GET, "/api/v1/me", NULL, headers);
	assert_int_equal(c.resp.status, 403);
	fx_done(&c);
	/* No CSRF token needed, but a token has no session to end. */
	fx_request(f, &c, HTTP_METHOD_GET, "/api/v1/session", NULL, headers);
	assert_int_equal(c.resp.status, 200);
	assert_true(json_is_true(json_object_get(c.body, "via_token")));
	fx_done(&c);

	assert_int_equal(store_api_token_revoke(f->st, &who, t.id, &err),
			 CT_OK);
	fx_request(f, &c, HTTP_METHOD_GET, target, NULL, headers);
	assert_int_equal(c.resp.status, 401);
	fx_done(&c);
}

static void
test_token_allows_exact_names(void **state)
{
	(void)state;
	assert_true(app_token_allows("case.read", "case.read"));
	assert_true(app_token_allows("me.read,case.read", "case.read"));
	assert_false(app_token_allows("case.readx", "case.read"));
	assert_false(app_token_allows("case", "case.read"));
	assert_false(app_token_allows("", "case.read"));
	assert_false(app_token_allows("case.read,", "case.list"));
}

static void
test_locked_account_sessions_stop(void **state)
{
	struct fx *f = *state;
	struct fx_client cl, probe;
	struct fx_call c;
	int i;

	assert_int_equal(fx_login(f, "bob", FX_PASSWORD, &cl), 200);
	for (i = 0; i < 3; i++)
		assert_int_equal(fx_login(f, "bob", "wrong password", &probe),
				 401);
	fx_as(f, &cl, &c, HTTP_METHOD_GET, "/api/v1/session", NULL);
	assert_int_equal(c.resp.status, 401);
	fx_done(&c);
}

static void
test_actor_and_csrf_token(void **state)
{
	struct fx *f = *state;
	struct http_request req;
	struct store_actor a;
	struct session s;
	char one[TOKEN_CSRF_SIZE], two[TOKEN_CSRF_SIZE];

	memset(&req, 0, sizeof(req));
	a = app_actor(&req);
	assert_null(a.user_id);
	assert_non_null(a.label);
	memset(&s, 0, sizeof(s));
	snprintf(s.id, sizeof(s.id), "%s", "11111111-1111-4111-8111-111111111111");
	app_csrf_token(&f->app, &s, one);
	snprintf(s.id, sizeof(s.id), "%s", "22222222-2222-4222-8222-222222222222");
	app_csrf_token(&f->app, &s, two);
	assert_string_not_equal(one, two);
	assert_int_equal(app_now(&f->app), f->now);
}

/* ---- the auth cache: warm copies never outlive a change ---- */

static uint64_t
cache_hits(struct fx *f)
{
	struct auth_cache_stats st;

	auth_cache_stats(f->app.auth_cache, &st);
	return st.hits;
}

static unsigned
read_case(struct fx *f, const struct fx_client *cl, const struct ct_case *k)
{
	char target[128];
	struct fx_call c;
	unsigned status;

	snprintf(target, sizeof(target), "/api/v1/cases/%s", k->id);
	fx_as(f, cl, &c, HTTP_METHOD_GET, target, NULL);
	status = c.resp.status;
	fx_done(&c);
	return status;
}

/* A verified session of fu whose credential the cache now serves. */
static void
warm(struct fx *f, const struct fx_user *fu, struct fx_client *cl,
     unsigned expect)
{
	uint64_t before;

	verified(f, fu, cl);
	assert_int_equal(read_case(f, cl, &f->kase), expect);
	before = cache_hits(f);
	assert_int_equal(read_case(f, cl, &f->kase), expect);
	assert_int_equal(read_case(f, cl, &f->kase), expect);
	assert_true(cache_hits(f) >= before + 2);
}

static void
user_now(struct fx *f, const struct fx_user *fu, struct user *out)
{
	struct ct_error err;

	assert_int_equal(store_user_get(f->st, fu->u.id, &f->a, out, &err),
			 CT_OK);
}

static void
test_cached_session_logout_counts_at_once(void **state)
{
	struct fx *f = *state;
	struct fx_client cl;
	struct fx_call c;

	warm(f, &f->alice, &cl, 200);
	fx_as(f, &cl, &c, HTTP_METHOD_DELETE, "/api/v1/session", NULL);
	assert_int_equal(c.resp.status, 200);
	fx_done(&c);
	assert_int_equal(read_case(f, &cl, &f->kase), 401);
}

/*
 * f->st is a connection of its own, as the command line or a second
 * server would have: the app hears of its changes only through the
 * database, and must not use its copy after any of them.
 */
static void
test_lock_by_another_connection_counts_at_once(void **state)
{
	struct fx *f = *state;
	struct fx_client cl;
	struct ct_error err;
	int64_t until = 0;
	int i;

	warm(f, &f->alice, &cl, 200);
	for (i = 0; i < 3; i++)
		assert_int_equal(store_user_login_failed(f->st, f->alice.u.id,
							 f->now, 3, 600, &until,
							 &err),
				 CT_OK);
	assert_true(until > f->now);
	assert_int_equal(read_case(f, &cl, &f->kase), 401);
	/* Unlocked again: the same session works at once. */
	assert_int_equal(store_user_unlock(f->st, &f->who, f->alice.u.id, &err),
			 CT_OK);
	assert_int_equal(read_case(f, &cl, &f->kase), 200);
}

static void
test_role_change_counts_at_once(void **state)
{
	struct fx *f = *state;
	struct fx_client cl;
	struct ct_error err;
	struct user u;

	warm(f, &f->alice, &cl, 200);
	user_now(f, &f->alice, &u);
	u.roles = CT_BIT(USER_ROLE_ANALYST);
	assert_int_equal(store_user_update(f->st, &f->who, &u, &err), CT_OK);
	assert_int_equal(read_case(f, &cl, &f->kase), 403);
	u.roles = CT_BIT(USER_ROLE_POLICE_OFFICER);
	assert_int_equal(store_user_update(f->st, &f->who, &u, &err), CT_OK);
	assert_int_equal(read_case(f, &cl, &f->kase), 200);
	/* Deactivated: signed out on the very next request. */
	u.active = 0;
	assert_int_equal(store_user_update(f->st, &f->who, &u, &err), CT_OK);
	assert_int_equal(read_case(f, &cl, &f->kase), 401);
}

static void
test_team_removal_counts_at_once(void **state)
{
	struct fx *f = *state;
	struct fx_client cl;
	struct ct_error err;

	warm(f, &f->bob, &cl, 404);
	assert_int_equal(store_team_add(f->st, &f->who, f->kase.id, f->org_b.id,
					"Politie Rotterdam werkt mee", &err),
			 CT_OK);
	assert_int_equal(read_case(f, &cl, &f->kase), 200);
	assert_int_equal(read_case(f, &cl, &f->kase), 200);
	assert_int_equal(store_team_remove(f->st, &f->who, f->kase.id,
					   f->org_b.id,
					   "Samenwerking beëindigd", &err),
			 CT_OK);
	assert_int_equal(read_case(f, &cl, &f->kase), 404);
}

/* Time ends a warm copy as it ends a session in the database. */
static void
test_cached_session_still_times_out(void **state)
{
	struct fx *f = *state;
	struct fx_client idle, busy;
	int64_t start;

	warm(f, &f->alice, &idle, 200);
	warm(f, &f->bob, &busy, 404);
	start = f->now;
	f->now = start + 20 * 60;
	assert_int_equal(read_case(f, &busy, &f->kase), 404);
	f->now = start + 30 * 60;
	assert_int_equal(read_case(f, &idle, &f->kase), 401);
	/* Never idle, but the absolute end (12 h) still comes. */
	while (f->now + 15 * 60 < start + 12 * 3600) {
		f->now += 15 * 60;
		assert_int_equal(read_case(f, &busy, &f->kase), 404);
	}
	f->now = start + 12 * 3600;
	assert_int_equal(read_case(f, &busy, &f->kase), 401);
}

/* The last-seen time moves at most once a minute, cache or not. */
static void
test_touch_stays_bounded(void **state)
{
	struct fx *f = *state;
	char hash[TOKEN_HASH_HEX_SIZE];
	struct fx_client cl;
	struct session s;
	struct ct_error err;
	int64_t t0;

	warm(f, &f->alice, &cl, 200);
	assert_int_equal(token_hash(strchr(cl.cookie, '=') + 1, hash), 0);
	assert_int_equal(store_session_get(f->st, hash, f->now, &s, &err),
			 CT_OK);
	t0 = s.last_seen_at;
	f->now = t0 + 30;
	assert_int_equal(read_case(f, &cl, &f->kase), 200);
	assert_int_equal(store_session_get(f->st, hash, f->now, &s, &err),
			 CT_OK);
	assert_int_equal(s.last_seen_at, t0);
	f->now = t0 + 61;
	assert_int_equal(read_case(f, &cl, &f->kase), 200);
	assert_int_equal(store_session_get(f->st, hash, f->now, &s, &err),
			 CT_OK);
	assert_int_equal(s.last_seen_at, t0 + 61);
	/* The copy heard of it: no second touch a second later. */
	f->now = t0 + 62;
	assert_int_equal(read_case(f, &cl, &f->kase), 200);
	assert_int_equal(store_session_get(f->st, hash, f->now, &s, &err),
			 CT_OK);
	assert_int_equal(s.last_seen_at, t0 + 61);
	assert_int_equal(s.idle_expires_at, t0 + 61 + 30 * 60);
}

static void *
throttle_thread(void *app)
{
	app_throttle_failure(app);
	return NULL;
}

/*
 * A burst of refusals holds at most APP_THROTTLE_SLEEPERS_MAX server
 * threads; the others answer at once, so the server keeps serving.
 */
static void
test_throttle_bounds_waiting_threads(void **state)
{
	struct fx *f = *state;
	pthread_t t[6];
	unsigned waiting;
	size_t i;

	f->app.login_delay_ms = 1500;
	for (i = 0; i < CT_ARRAY_SIZE(t); i++)
		assert_int_equal(
			pthread_create(&t[i], NULL, throttle_thread, &f->app),
			0);
	usleep(300 * 1000); /* all started; the sleepers still sleep */
	pthread_mutex_lock(&f->app.throttle_lock);
	waiting = f->app.throttle_sleepers;
	pthread_mutex_unlock(&f->app.throttle_lock);
	assert_int_equal(waiting, APP_THROTTLE_SLEEPERS_MAX);
	for (i = 0; i < CT_ARRAY_SIZE(t); i++)
		pthread_join(t[i], NULL);
	assert_int_equal(f->app.throttle_sleepers, 0);
	assert_int_equal(f->app.throttle_failures, CT_ARRAY_SIZE(t));
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test_setup_teardown(test_health_is_public, fx_setup,
						fx_teardown),
		cmocka_unit_test_setup_teardown(
			test_other_team_looks_like_missing_case, fx_setup,
			fx_teardown),
		cmocka_unit_test_setup_teardown(
			test_admin_reads_no_case_content, fx_setup,
			fx_teardown),
		cmocka_unit_test_setup_teardown(
			test_bad_credentials_are_anonymous, fx_setup,
			fx_teardown),
		cmocka_unit_test_setup_teardown(test_cookie_among_others,
						fx_setup, fx_teardown),
		cmocka_unit_test_setup_teardown(
			test_bearer_token_scoped_and_revocable, fx_setup,
			fx_teardown),
		cmocka_unit_test(test_token_allows_exact_names),
		cmocka_unit_test_setup_teardown(
			test_locked_account_sessions_stop, fx_setup,
			fx_teardown),
		cmocka_unit_test_setup_teardown(test_actor_and_csrf_token,
						fx_setup, fx_teardown),
		cmocka_unit_test_setup_teardown(
			test_throttle_bounds_waiting_threads, fx_setup,
			fx_teardown),
		cmocka_unit_test_setup_teardown(
			test_cached_session_logout_counts_at_once, fx_setup,
			fx_teardown),
		cmocka_unit_test_setup_teardown(
			test_lock_by_another_connection_counts_at_once,
			fx_setup, fx_teardown),
		cmocka_unit_test_setup_teardown(test_role_change_counts_at_once,
						fx_setup, fx_teardown),
		cmocka_unit_test_setup_teardown(
			test_team_removal_counts_at_once, fx_setup,
			fx_teardown),
		cmocka_unit_test_setup_teardown(
			test_cached_session_still_times_out, fx_setup,
			fx_teardown),
		cmocka_unit_test_setup_teardown(test_touch_stays_bounded,
						fx_setup, fx_teardown),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
