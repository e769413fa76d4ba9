/*
 * arena.c - chunked region allocator; wipes on release.
 */
#include "util/arena.h"

#include <sodium.h>
#include <stdalign.h>
#include <stdlib.h>
#include <string.h>

#include "util/checked.h"
#include "util/compat.h"
#include "util/banned.h"

struct arena_chunk {
	struct arena_chunk *next;
	size_t size; /* usable bytes in data */
	size_t used;
	alignas(max_align_t) unsigned char data[];
};

#define ARENA_CHUNK_MIN ((size_t)16 * 1024)

void
arena_init(struct arena *a, size_t max)
{
	a->head = NULL;
	a->used = 0;
	a->max = max;
}

static size_t
align_up(size_t n)
{
	size_t al = alignof(max_align_t);

	return (n + al - 1) & ~(al - 1);
}

void *
arena_alloc(struct arena *a, size_t size)
{
	struct arena_chunk *c = a->head;
	size_t need = align_up(size ? size : 1), total;
	void *p;

	if (need < size || ct_add_overflow(a->used, need, &total) ||
	    total > a->max)
		return NULL;
	if (!c || c->size - c->used < need) {
		size_t csize = need > ARENA_CHUNK_MIN ? need : ARENA_CHUNK_MIN;

		c = ct_malloc(sizeof(*c) + csize);
		c->next = a->head;
		c->size = csize;
		c->used = 0;
		a->head = c;
	}
	p = c->data + c->used;
	c->used += need;
	a->used = total;
	memset(p, 0, need);
	return p;
}

void *
arena_alloc_array(struct arena *a, size_t n, size_t size)
{
	size_t bytes;

	if (ct_mul_overflow(n, size, &bytes))
		return NULL;
	return arena_alloc(a, bytes);
}

char *
arena_strndup(struct arena *a, const char *s, size_t n)
{
	size_t len = strnlen(s, n);
	char *p = arena_alloc(a, len + 1);

	if (!p)
		return NULL;
	memcpy(p, s, len);
	p[len] = '\0';
	return p;
}

char *
arena_strdup(struct arena *a, const char *s)
{
	return arena_strndup(a, s, strlen(s));
}

void
arena_release(struct arena *a)
{
	struct arena_chunk *c = a->head, *next;

	while (c) {
		next = c->next;
		sodium_memzero(c->data, c->used);
		free(c);
		c = next;
	}
	arena_init(a, a->max);
}
