/*
 * compat.c - aborting allocators and the CT_BUG handler.
 *
 * Running out of memory in a case system is not a condition we can report
 * sensibly half-way through a transaction; we stop, and the database's
 * transaction guarantees that nothing half-written remains.
 */
#include "util/compat.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include "util/banned.h"

void
ct_bug_at(const char *file, int line, const char *what)
{
	fprintf(stderr, "casustafel: BUG at %s:%d: %s\n", file, line, what);
	abort();
}

static void *
check_alloc(void *p)
{
	if (!p) {
		fputs("casustafel: out of memory\n", stderr);
		abort();
	}
	return p;
}

void *
ct_malloc(size_t size)
{
	return check_alloc(malloc(size ? size : 1));
}

void *
ct_calloc(size_t n, size_t size)
{
	return check_alloc(calloc(n ? n : 1, size ? size : 1));
}

void *
ct_realloc(void *ptr, size_t size)
{
	return check_alloc(realloc(ptr, size ? size : 1));
}

char *
ct_strdup(const char *s)
{
	return check_alloc(strdup(s));
}

char *
ct_strndup(const char *s, size_t n)
{
	return check_alloc(strndup(s, n));
}
