/*
 * auth_cache.h - what authenticate loaded for a credential, kept between
 * requests for exactly as long as the database still says the same.
 *
 * Authenticating a request reads the session (or bearer token), the user,
 * the organisation, the login security and the active break-the-glass
 * grants: five reads, about a quarter of the cost of a case read. They
 * seldom change, so the app keeps one copy per credential, keyed by the
 * hash of the token, together with the auth epoch (store_auth.h) it was
 * read at.
 *
 * Contract:
 *  - A copy is only handed out for the epoch it was read at. The caller
 *    reads the current epoch in the same snapshot as the rest of its
 *    request (store_read_begin); every change to what a copy holds raises
 *    the epoch in its own transaction, whoever makes it (this server,
 *    another server, the command line). So a logout, a lock-out, a
 *    deactivation, a role change, a new second factor, a granted or
 *    reviewed break-the-glass access or a revoked token counts from the
 *    very next request: there is no time window in which a stale copy is
 *    used. The one change that does not raise the epoch is the session's
 *    last-seen time (store_session_touch): its idle end only moves later,
 *    so a copy with an older one is at worst sent back to the database
 *    early.
 *  - What time alone ends is not the cache's business: the caller checks
 *    the idle and absolute end of a session, the expiry of a token, a
 *    lock and the expiry of each grant on every request, on a copy just as
 *    on a fresh read.
 *  - auth_cache_get() copies the entry into the caller's arena (strings
 *    included), so the request owns what it uses; nothing is shared.
 *  - At most max_entries credentials are kept; past that the least
 *    recently used goes. Each entry's copy is one block of its own size
 *    (a copy over 64 KiB, a user with very many grants, is not kept: the
 *    database answers each time). Entries hold personal data (names,
 *    e-mail): they are wiped when dropped.
 *  - Safe to call from many threads at once (one mutex, held for a copy).
 */
#ifndef CT_HTTP_AUTH_CACHE_H
#define CT_HTTP_AUTH_CACHE_H

#include <stddef.h>
#include <stdint.h>

#include "util/arena.h"

struct app_session;
struct auth_cache;

#define AUTH_CACHE_ENTRIES_DEFAULT 4096

struct auth_cache_stats {
	uint64_t hits;
	uint64_t misses; /* not there, or of another epoch */
	uint64_t evictions;
	size_t entries;
};

struct auth_cache *auth_cache_new(size_t max_entries);
void auth_cache_free(struct auth_cache *c);

/*
 * The credential's copy at epoch into out (session, token, via_token,
 * user, org, security, break_glass and n_break_glass; strings in a): 1 on
 * a hit, 0 when there is none for this epoch (out untouched) or a does
 * not have room for it.
 */
int auth_cache_get(struct auth_cache *c, int via_token, const char token_hash[],
		   int64_t epoch, struct arena *a, struct app_session *out);
/*
 * Keep a copy of what s holds for the credential, read at epoch. A copy
 * of an older epoch is replaced; s itself is not kept.
 */
void auth_cache_put(struct auth_cache *c, int via_token,
		    const char token_hash[], int64_t epoch,
		    const struct app_session *s);
/*
 * The session's last-seen time moved (store_session_touch succeeded):
 * update the copy, if there is one, so that the next request does not
 * touch it again.
 */
void auth_cache_touched(struct auth_cache *c, const char token_hash[],
			int64_t last_seen_at, int64_t idle_expires_at);
void auth_cache_stats(struct auth_cache *c, struct auth_cache_stats *out);

#endif
