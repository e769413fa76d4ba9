/*
 * test_auth_cache.c - the per-credential copies of what authenticate
 * loaded: a copy is only given for its epoch, it is the caller's own
 * (strings included), the bound holds by least recent use, and a touch
 * only moves the last-seen time on.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "http/app.h"
#include "http/auth_cache.h"

/* A token hash: 64 hex digits, the first ones varied by n. */
static void
hash_of(unsigned n, char out[TOKEN_HASH_HEX_SIZE])
{
	snprintf(out, TOKEN_HASH_HEX_SIZE, "%08x%056d", n, 0);
}

/* A session of user "u<n>" with two grants, strings on the stack. */
struct sample {
	struct app_session s;
	struct break_glass grants[2];
	char username[32];
};

static void
sample_make(struct sample *x, unsigned n)
{
	memset(x, 0, sizeof(*x));
	snprintf(x->username, sizeof(x->username), "u%u", n);
	snprintf(x->s.session.id, sizeof(x->s.session.id), "session-%u", n);
	x->s.session.last_seen_at = 100;
	x->s.session.idle_expires_at = 1900;
	x->s.session.absolute_expires_at = 43300;
	x->s.session.totp_verified = 1;
	x->s.user.username = x->username;
	x->s.user.display_name = "Iemand";
	x->s.user.email = NULL;
	x->s.user.roles = 3;
	x->s.user.active = 1;
	x->s.org.name = "Veilig Thuis";
	x->s.security.totp_enrolled = 1;
	x->grants[0].reason = "acute dreiging";
	x->grants[0].expires_at = 5000;
	x->grants[1].reason = "tweede";
	x->grants[1].review_note = "terecht";
	x->s.break_glass = x->grants;
	x->s.n_break_glass = 2;
}

static void
test_hit_only_at_its_epoch(void **state)
{
	struct auth_cache *c = auth_cache_new(8);
	struct auth_cache_stats st;
	char h[TOKEN_HASH_HEX_SIZE];
	struct sample x;
	struct app_session out;
	struct arena a;

	(void)state;
	arena_init(&a, ARENA_MAX_DEFAULT);
	hash_of(1, h);
	sample_make(&x, 1);
	memset(&out, 0, sizeof(out));
	assert_int_equal(auth_cache_get(c, 0, h, 7, &a, &out), 0);
	auth_cache_put(c, 0, h, 7, &x.s);
	assert_int_equal(auth_cache_get(c, 0, h, 7, &a, &out), 1);
	assert_string_equal(out.user.username, "u1");
	assert_string_equal(out.session.id, "session-1");
	assert_int_equal(out.n_break_glass, 2);
	assert_string_equal(out.break_glass[1].review_note, "terecht");
	assert_null(out.user.email);
	/* The bearer token with the same hash is another credential. */
	assert_int_equal(auth_cache_get(c, 1, h, 7, &a, &out), 0);
	/* Another epoch: no copy, and the old one is gone for good. */
	memset(&out, 0, sizeof(out));
	assert_int_equal(auth_cache_get(c, 0, h, 8, &a, &out), 0);
	assert_null(out.user.username);
	assert_int_equal(auth_cache_get(c, 0, h, 7, &a, &out), 0);
	auth_cache_stats(c, &st);
	assert_int_equal(st.hits, 1);
	assert_int_equal(st.misses, 4);
	assert_int_equal(st.entries, 0);
	arena_release(&a);
	auth_cache_free(c);
}

static void
test_copies_are_the_callers_own(void **state)
{
	struct auth_cache *c = auth_cache_new(8);
	char h[TOKEN_HASH_HEX_SIZE];
	struct app_session one, two;
	struct sample x;
	struct arena a;

	(void)state;
	arena_init(&a, ARENA_MAX_DEFAULT);
	hash_of(2, h);
	sample_make(&x, 2);
	auth_cache_put(c, 0, h, 1, &x.s);
	/* What was put is not kept: changing it changes no copy. */
	x.username[0] = 'X';
	x.grants[0].expires_at = 1;
	memset(&one, 0, sizeof(one));
	memset(&two, 0, sizeof(two));
	assert_int_equal(auth_cache_get(c, 0, h, 1, &a, &one), 1);
	assert_string_equal(one.user.username, "u2");
	assert_int_equal(one.break_glass[0].expires_at, 5000);
	/* Nor does changing one copy change the next. */
	one.break_glass[0].expires_at = 2;
	((char *)one.user.username)[0] = 'Y';
	assert_int_equal(auth_cache_get(c, 0, h, 1, &a, &two), 1);
	assert_string_equal(two.user.username, "u2");
	assert_int_equal(two.break_glass[0].expires_at, 5000);
	assert_ptr_not_equal(one.user.username, two.user.username);
	arena_release(&a);
	auth_cache_free(c);
}

static void
test_bound_drops_the_least_recently_used(void **state)
{
	struct auth_cache *c = auth_cache_new(3);
	struct auth_cache_stats st;
	char h[5][TOKEN_HASH_HEX_SIZE];
	struct app_session out;
	struct sample x;
	struct arena a;
	unsigned i;

	(void)state;
	arena_init(&a, ARENA_MAX_DEFAULT);
	for (i = 0; i < 5; i++)
		hash_of(i, h[i]);
	sample_make(&x, 0);
	auth_cache_put(c, 0, h[0], 1, &x.s);
	auth_cache_put(c, 0, h[1], 1, &x.s);
	auth_cache_put(c, 0, h[2], 1, &x.s);
	/* 0 is used again, so 1 is now the least recently used. */
	assert_int_equal(auth_cache_get(c, 0, h[0], 1, &a, &out), 1);
	auth_cache_put(c, 0, h[3], 1, &x.s);
	assert_int_equal(auth_cache_get(c, 0, h[1], 1, &a, &out), 0);
	assert_int_equal(auth_cache_get(c, 0, h[0], 1, &a, &out), 1);
	assert_int_equal(auth_cache_get(c, 0, h[2], 1, &a, &out), 1);
	assert_int_equal(auth_cache_get(c, 0, h[3], 1, &a, &out), 1);
	auth_cache_put(c, 0, h[4], 1, &x.s);
	auth_cache_stats(c, &st);
	assert_int_equal(st.entries, 3);
	assert_int_equal(st.evictions, 2);
	assert_int_equal(auth_cache_get(c, 0, h[0], 1, &a, &out), 0);
	arena_release(&a);
	auth_cache_free(c);
}

static void
test_newer_epoch_is_not_replaced_by_older(void **state)
{
	struct auth_cache *c = auth_cache_new(8);
	char h[TOKEN_HASH_HEX_SIZE];
	struct app_session out;
	struct sample x;
	struct arena a;

	(void)state;
	arena_init(&a, ARENA_MAX_DEFAULT);
	hash_of(9, h);
	sample_make(&x, 9);
	auth_cache_put(c, 0, h, 5, &x.s);
	/* A thread that read at an older epoch comes late with its copy. */
	x.s.user.roles = 1;
	auth_cache_put(c, 0, h, 4, &x.s);
	memset(&out, 0, sizeof(out));
	assert_int_equal(auth_cache_get(c, 0, h, 5, &a, &out), 1);
	assert_int_equal(out.user.roles, 3);
	arena_release(&a);
	auth_cache_free(c);
}

static void
test_touch_only_moves_on(void **state)
{
	struct auth_cache *c = auth_cache_new(8);
	char h[TOKEN_HASH_HEX_SIZE];
	struct app_session out;
	struct sample x;
	struct arena a;

	(void)state;
	arena_init(&a, ARENA_MAX_DEFAULT);
	hash_of(4, h);
	sample_make(&x, 4);
	auth_cache_put(c, 0, h, 1, &x.s);
	auth_cache_touched(c, h, 200, 2000);
	assert_int_equal(auth_cache_get(c, 0, h, 1, &a, &out), 1);
	assert_int_equal(out.session.last_seen_at, 200);
	assert_int_equal(out.session.idle_expires_at, 2000);
	/* A late touch of an older time changes nothing. */
	auth_cache_touched(c, h, 150, 1950);
	assert_int_equal(auth_cache_get(c, 0, h, 1, &a, &out), 1);
	assert_int_equal(out.session.last_seen_at, 200);
	assert_int_equal(out.session.idle_expires_at, 2000);
	/* The absolute end is never touched. */
	assert_int_equal(out.session.absolute_expires_at, 43300);
	/* An unknown session is no error. */
	hash_of(5, h);
	auth_cache_touched(c, h, 300, 3000);
	arena_release(&a);
	auth_cache_free(c);
}

/* A copy too large for an entry is not kept: the database answers. */
static void
test_oversized_copy_is_not_kept(void **state)
{
	struct auth_cache *c = auth_cache_new(8);
	struct auth_cache_stats st;
	char h[TOKEN_HASH_HEX_SIZE];
	struct app_session out;
	struct break_glass *many;
	struct sample x;
	struct arena a;
	size_t i, n = 1000;

	(void)state;
	arena_init(&a, ARENA_MAX_DEFAULT);
	hash_of(7, h);
	sample_make(&x, 7);
	many = calloc(n, sizeof(*many));
	assert_non_null(many);
	for (i = 0; i < n; i++)
		many[i].reason = "een reden die niet kort is, keer op keer";
	x.s.break_glass = many;
	x.s.n_break_glass = n;
	auth_cache_put(c, 0, h, 1, &x.s);
	auth_cache_stats(c, &st);
	assert_int_equal(st.entries, 0);
	assert_int_equal(auth_cache_get(c, 0, h, 1, &a, &out), 0);
	/* A handful of grants is kept, every one of them. */
	x.s.n_break_glass = 20;
	auth_cache_put(c, 0, h, 1, &x.s);
	memset(&out, 0, sizeof(out));
	assert_int_equal(auth_cache_get(c, 0, h, 1, &a, &out), 1);
	assert_int_equal(out.n_break_glass, 20);
	assert_string_equal(out.break_glass[19].reason, many[19].reason);
	free(many);
	arena_release(&a);
	auth_cache_free(c);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_hit_only_at_its_epoch),
		cmocka_unit_test(test_copies_are_the_callers_own),
		cmocka_unit_test(test_bound_drops_the_least_recently_used),
		cmocka_unit_test(test_newer_epoch_is_not_replaced_by_older),
		cmocka_unit_test(test_touch_only_moves_on),
		cmocka_unit_test(test_oversized_copy_is_not_kept),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
