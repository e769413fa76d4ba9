/*
 * arena.h - region allocator for per-request and per-command memory.
 *
 * Allocations come from chunks and are freed all at once by
 * arena_release(), which also wipes them (decrypted personal data must not
 * linger in freed memory). Allocation failure aborts. An arena has a
 * maximum total size; passing it is CT_BUG-free: arena_alloc returns NULL
 * only for requests over that maximum, which callers treat as CT_ERR_LIMIT.
 */
#ifndef CT_UTIL_ARENA_H
#define CT_UTIL_ARENA_H

#include <stddef.h>

struct arena_chunk;

struct arena {
	struct arena_chunk *head;
	size_t used;  /* bytes handed out, all chunks */
	size_t max;   /* most bytes this arena may hand out */
};

#define ARENA_MAX_DEFAULT ((size_t)256 * 1024 * 1024)

void arena_init(struct arena *a, size_t max);
/* Zeroed, aligned for any type; NULL only when max would be passed. */
void *arena_alloc(struct arena *a, size_t size);
void *arena_alloc_array(struct arena *a, size_t n, size_t size);
char *arena_strdup(struct arena *a, const char *s);
char *arena_strndup(struct arena *a, const char *s, size_t n);
/* Wipe and free everything; the arena may be used again afterwards. */
void arena_release(struct arena *a);

#endif
