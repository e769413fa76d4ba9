/*
 * sbuf.h - the one string builder (after git's strbuf).
 *
 * Contract:
 *  - buf is never NULL and always NUL-terminated, also right after
 *    sbuf_init() (it then points at a shared empty string).
 *  - Every sbuf has a maximum length, fixed at init. An append that would
 *    pass it appends nothing and returns CT_ERR_LIMIT, so one oversized
 *    input cannot grow memory without bound.
 *  - len counts bytes without the terminator; the contents may hold NULs
 *    when added with sbuf_add().
 *  - sbuf_release() frees and re-inits; sbuf_detach() hands the buffer to
 *    the caller (who frees it with free()) and re-inits.
 */
#ifndef CT_UTIL_SBUF_H
#define CT_UTIL_SBUF_H

#include <stdarg.h>
#include <stddef.h>

#include "util/compat.h"
#include "util/err.h"

struct sbuf {
	char *buf;
	size_t len;
	size_t alloc; /* 0 while buf points at the shared empty string */
	size_t max;   /* longest allowed len */
};

/* Common maxima, so callers name their limit instead of a number. */
#define SBUF_MAX_SMALL ((size_t)4096)
#define SBUF_MAX_LARGE ((size_t)64 * 1024 * 1024)

void sbuf_init(struct sbuf *sb, size_t max);
void sbuf_release(struct sbuf *sb);
char *sbuf_detach(struct sbuf *sb, size_t *len);
void sbuf_reset(struct sbuf *sb);

/* Appends return CT_OK or CT_ERR_LIMIT (nothing appended). */
enum ct_err sbuf_add(struct sbuf *sb, const void *data, size_t len);
enum ct_err sbuf_addstr(struct sbuf *sb, const char *s);
enum ct_err sbuf_addch(struct sbuf *sb, char c);
enum ct_err sbuf_addf(struct sbuf *sb, const char *fmt, ...) CT_PRINTF(2, 3);
enum ct_err sbuf_vaddf(struct sbuf *sb, const char *fmt, va_list ap);

/* Append 2 lowercase hex digits per byte. */
enum ct_err sbuf_addhex(struct sbuf *sb, const void *data, size_t len);

#endif
