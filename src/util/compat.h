/*
 * compat.h - the few compiler helpers every file may use.
 *
 * CT_BUG() aborts on a broken invariant (a programming error, never bad
 * input: input errors are returned as enum ct_err). CT_PRINTF marks
 * printf-like functions so -Wformat=2 checks their callers.
 */
#ifndef CT_UTIL_COMPAT_H
#define CT_UTIL_COMPAT_H

#include <stddef.h>

#define CT_PRINTF(fmt_idx, args_idx)                                           \
	__attribute__((format(printf, fmt_idx, args_idx)))
#define CT_NORETURN __attribute__((noreturn))
#define CT_UNUSED __attribute__((unused))
#define CT_WARN_UNUSED __attribute__((warn_unused_result))
#define CT_ARRAY_SIZE(a) (sizeof(a) / sizeof((a)[0]))

CT_NORETURN void ct_bug_at(const char *file, int line, const char *what);
#define CT_BUG(what) ct_bug_at(__FILE__, __LINE__, (what))
#define CT_ASSERT(cond)                                                        \
	do {                                                                   \
		if (!(cond))                                                   \
			CT_BUG("assertion failed: " #cond);                    \
	} while (0)

/* Allocation failure aborts (STYLE.md rule 4): callers never check. */
void *ct_malloc(size_t size);
void *ct_calloc(size_t n, size_t size);
void *ct_realloc(void *ptr, size_t size);
char *ct_strdup(const char *s);
char *ct_strndup(const char *s, size_t n);

#endif
