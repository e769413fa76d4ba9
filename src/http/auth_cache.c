/*
 * auth_cache.c - the copies of what authenticate loaded, per credential.
 *
 * A hash table of entries keyed by (bearer or cookie, token hash), with a
 * least-recently-used list for the bound. The token hash is BLAKE2b in
 * hex, so its first hex digits already are a well-spread bucket number.
 * Each entry's deep copy (strings and grants) lives in one block sized
 * to fit, a few hundred bytes, not an arena's 16 KiB chunk: the bound of
 * 4096 credentials stays a few MiB. Dropping an entry wipes its block.
 * One mutex guards it all: a hit holds it for the copy into the caller's
 * arena.
 */
#include "http/auth_cache.h"

#include <pthread.h>
#include <stddef.h>
#include <stdlib.h>
#include <string.h>

#include <sodium.h>

#include "http/app.h"
#include "util/banned.h"

/* Most bytes one copy's strings and grants may take (else not kept). */
#define AUTH_CACHE_ENTRY_MAX ((size_t)64 * 1024)

/*
 * Where a copy's strings and grants go: the caller's arena (a hit), or a
 * block of exactly the size copy_size() gave (an entry).
 */
struct copy_to {
	struct arena *a;
	unsigned char *p;
	size_t left;
};

struct auth_cache_entry {
	char hash[TOKEN_HASH_HEX_SIZE];
	int via_token;
	int64_t epoch;
	unsigned char *block; /* the strings and grants of s */
	size_t block_size;
	struct app_session s; /* only the credential fields are set */
	struct auth_cache_entry *next_in_bucket;
	struct auth_cache_entry *newer, *older; /* the LRU list */
};

struct auth_cache {
	pthread_mutex_t mu;
	struct auth_cache_entry **buckets;
	size_t n_buckets; /* a power of two */
	size_t max_entries;
	struct auth_cache_entry *newest, *oldest;
	struct auth_cache_stats stats;
};

struct auth_cache *
auth_cache_new(size_t max_entries)
{
	struct auth_cache *c = ct_calloc(1, sizeof(*c));

	c->max_entries = max_entries ? max_entries : AUTH_CACHE_ENTRIES_DEFAULT;
	c->n_buckets = 16;
	while (c->n_buckets < c->max_entries &&
	       c->n_buckets < ((size_t)1 << 20))
		c->n_buckets <<= 1;
	c->buckets = ct_calloc(c->n_buckets, sizeof(*c->buckets));
	if (pthread_mutex_init(&c->mu, NULL) != 0)
		CT_BUG("auth cache: pthread_mutex_init");
	return c;
}

static void
entry_free(struct auth_cache_entry *e)
{
	if (e->block) {
		sodium_memzero(e->block, e->block_size);
		free(e->block);
	}
	sodium_memzero(&e->s, sizeof(e->s));
	free(e);
}

void
auth_cache_free(struct auth_cache *c)
{
	struct auth_cache_entry *e, *next;

	if (!c)
		return;
	for (e = c->newest; e; e = next) {
		next = e->older;
		entry_free(e);
	}
	pthread_mutex_destroy(&c->mu);
	free(c->buckets);
	free(c);
}

static int
hex_digit(char ch)
{
	if (ch >= '0' && ch <= '9')
		return ch - '0';
	if (ch >= 'a' && ch <= 'f')
		return ch - 'a' + 10;
	if (ch >= 'A' && ch <= 'F')
		return ch - 'A' + 10;
	return 0;
}

static size_t
bucket_of(const struct auth_cache *c, const char *hash)
{
	size_t i, v = 0;

	for (i = 0; i < 8 && hash[i]; i++)
		v = (v << 4) | (size_t)hex_digit(hash[i]);
	return v & (c->n_buckets - 1);
}

static struct auth_cache_entry **
find_slot(struct auth_cache *c, int via_token, const char *hash)
{
	struct auth_cache_entry **p = &c->buckets[bucket_of(c, hash)];

	for (; *p; p = &(*p)->next_in_bucket)
		if ((*p)->via_token == via_token &&
		    strcmp((*p)->hash, hash) == 0)
			return p;
	return p;
}

static void
lru_unlink(struct auth_cache *c, struct auth_cache_entry *e)
{
	if (e->newer)
		e->newer->older = e->older;
	else
		c->newest = e->older;
	if (e->older)
		e->older->newer = e->newer;
	else
		c->oldest = e->newer;
	e->newer = e->older = NULL;
}

static void
lru_push(struct auth_cache *c, struct auth_cache_entry *e)
{
	e->older = c->newest;
	e->newer = NULL;
	if (c->newest)
		c->newest->newer = e;
	c->newest = e;
	if (!c->oldest)
		c->oldest = e;
}

/* Take e out of the table and the list and free it. */
static void
drop(struct auth_cache *c, struct auth_cache_entry *e)
{
	struct auth_cache_entry **p = find_slot(c, e->via_token, e->hash);

	if (*p != e)
		CT_BUG("auth cache: entry not in its bucket");
	*p = e->next_in_bucket;
	lru_unlink(c, e);
	c->stats.entries--;
	entry_free(e);
}

/* Round up to the alignment of any type (the grants follow strings). */
static size_t
aligned(size_t n)
{
	const size_t al = sizeof(max_align_t);

	return (n + al - 1) / al * al;
}

/* n bytes from to; NULL when the arena is full (never for a block). */
static void *
copy_alloc(struct copy_to *to, size_t n)
{
	void *p;

	if (to->a)
		return arena_alloc(to->a, n);
	n = aligned(n);
	if (n > to->left)
		CT_BUG("auth cache: block smaller than its copy");
	p = to->p;
	to->p += n;
	to->left -= n;
	return p;
}

/* NULL for NULL; 0 when there is no room. */
static int
copy_text(struct copy_to *to, const char *in, const char **out)
{
	size_t n;
	char *p;

	*out = NULL;
	if (!in)
		return 1;
	n = strlen(in) + 1;
	p = copy_alloc(to, n);
	if (!p)
		return 0;
	memcpy(p, in, n);
	*out = p;
	return 1;
}

static size_t
text_size(const char *s)
{
	return s ? aligned(strlen(s) + 1) : 0;
}

/* The block a copy of in's strings and grants takes. */
static size_t
copy_size(const struct app_session *in)
{
	size_t n, i;

	n = text_size(in->token.name) + text_size(in->token.scopes) +
	    text_size(in->user.username) + text_size(in->user.display_name) +
	    text_size(in->user.email) + text_size(in->org.name) +
	    text_size(in->org.email);
	if (in->n_break_glass >
	    AUTH_CACHE_ENTRY_MAX / sizeof(struct break_glass))
		return AUTH_CACHE_ENTRY_MAX + 1;
	n += aligned(in->n_break_glass * sizeof(struct break_glass));
	for (i = 0; i < in->n_break_glass; i++)
		n += text_size(in->break_glass[i].reason) +
		     text_size(in->break_glass[i].reviewed_by) +
		     text_size(in->break_glass[i].review_note);
	return n;
}

/*
 * The credential fields of in (what authenticate loads) into out, with
 * every string and the grants in to. 0 when there is no room.
 */
static int
copy_credential(struct copy_to *to, const struct app_session *in,
		struct app_session *out)
{
	struct break_glass *bg = NULL;
	size_t i;
	int ok = 1;

	out->session = in->session;
	out->token = in->token;
	out->via_token = in->via_token;
	out->user = in->user;
	out->org = in->org;
	out->security = in->security;
	ok &= copy_text(to, in->token.name, &out->token.name);
	ok &= copy_text(to, in->token.scopes, &out->token.scopes);
	ok &= copy_text(to, in->user.username, &out->user.username);
	ok &= copy_text(to, in->user.display_name, &out->user.display_name);
	ok &= copy_text(to, in->user.email, &out->user.email);
	ok &= copy_text(to, in->org.name, &out->org.name);
	ok &= copy_text(to, in->org.email, &out->org.email);
	if (in->n_break_glass) {
		bg = copy_alloc(to, in->n_break_glass * sizeof(*bg));
		if (!bg)
			return 0;
		for (i = 0; i < in->n_break_glass; i++) {
			bg[i] = in->break_glass[i];
			ok &= copy_text(to, in->break_glass[i].reason,
					&bg[i].reason);
			ok &= copy_text(to, in->break_glass[i].reviewed_by,
					&bg[i].reviewed_by);
			ok &= copy_text(to, in->break_glass[i].review_note,
					&bg[i].review_note);
		}
	}
	out->break_glass = bg;
	out->n_break_glass = in->n_break_glass;
	return ok;
}

int
auth_cache_get(struct auth_cache *c, int via_token, const char token_hash[],
	       int64_t epoch, struct arena *a, struct app_session *out)
{
	struct auth_cache_entry *e;
	struct copy_to to = {a, NULL, 0};
	struct app_session copy;
	int hit = 0;

	memset(&copy, 0, sizeof(copy));
	pthread_mutex_lock(&c->mu);
	e = *find_slot(c, via_token, token_hash);
	if (e && e->epoch == epoch) {
		hit = copy_credential(&to, &e->s, &copy);
		lru_unlink(c, e);
		lru_push(c, e);
	} else if (e) {
		/* Of another epoch: never of use again. */
		drop(c, e);
	}
	if (hit)
		c->stats.hits++;
	else
		c->stats.misses++;
	pthread_mutex_unlock(&c->mu);
	if (!hit)
		return 0;
	out->session = copy.session;
	out->token = copy.token;
	out->via_token = copy.via_token;
	out->user = copy.user;
	out->org = copy.org;
	out->security = copy.security;
	out->break_glass = copy.break_glass;
	out->n_break_glass = copy.n_break_glass;
	return 1;
}

void
auth_cache_put(struct auth_cache *c, int via_token, const char token_hash[],
	       int64_t epoch, const struct app_session *s)
{
	struct auth_cache_entry *e, **slot;
	struct copy_to to = {NULL, NULL, 0};
	size_t size;

	if (strlen(token_hash) != TOKEN_HASH_HEX_SIZE - 1)
		CT_BUG("auth cache: not a token hash");
	size = copy_size(s);
	if (size > AUTH_CACHE_ENTRY_MAX)
		return; /* read from the database each time instead */
	/* The copy is made outside the lock. */
	e = ct_calloc(1, sizeof(*e));
	memcpy(e->hash, token_hash, TOKEN_HASH_HEX_SIZE);
	e->via_token = via_token ? 1 : 0;
	e->epoch = epoch;
	if (size) {
		e->block = ct_malloc(size);
		e->block_size = size;
	}
	to.p = e->block;
	to.left = size;
	if (!copy_credential(&to, s, &e->s))
		CT_BUG("auth cache: copy does not fit its block");
	pthread_mutex_lock(&c->mu);
	slot = find_slot(c, e->via_token, e->hash);
	if (*slot && (*slot)->epoch > epoch) {
		/* Another thread already keeps a newer one. */
		pthread_mutex_unlock(&c->mu);
		entry_free(e);
		return;
	}
	if (*slot)
		drop(c, *slot);
	while (c->stats.entries >= c->max_entries && c->oldest) {
		drop(c, c->oldest);
		c->stats.evictions++;
	}
	slot = find_slot(c, e->via_token, e->hash);
	*slot = e;
	lru_push(c, e);
	c->stats.entries++;
	pthread_mutex_unlock(&c->mu);
}

void
auth_cache_touched(struct auth_cache *c, const char token_hash[],
		   int64_t last_seen_at, int64_t idle_expires_at)
{
	struct auth_cache_entry *e;

	pthread_mutex_lock(&c->mu);
	e = *find_slot(c, 0, token_hash);
	if (e && last_seen_at > e->s.session.last_seen_at) {
		e->s.session.last_seen_at = last_seen_at;
		if (idle_expires_at > e->s.session.idle_expires_at)
			e->s.session.idle_expires_at = idle_expires_at;
	}
	pthread_mutex_unlock(&c->mu);
}

void
auth_cache_stats(struct auth_cache *c, struct auth_cache_stats *out)
{
	pthread_mutex_lock(&c->mu);
	*out = c->stats;
	pthread_mutex_unlock(&c->mu);
}
