/*
 * strparse.h - cursor-and-limit parsing of untrusted text (after curl).
 *
 * A struct strparse walks [p, end). Every function either consumes what it
 * parsed and returns CT_OK, or returns CT_ERR_INVALID and leaves the cursor
 * where it was, so a caller can try alternatives. Numbers carry an allowed
 * range; nothing here reads past end or depends on NUL termination.
 */
#ifndef CT_UTIL_STRPARSE_H
#define CT_UTIL_STRPARSE_H

#include <stddef.h>
#include <stdint.h>

#include "util/err.h"

struct strparse {
	const char *p;
	const char *end;
};

void strparse_init(struct strparse *sp, const char *s, size_t len);
void strparse_init_str(struct strparse *sp, const char *s);
static inline int
strparse_done(const struct strparse *sp)
{
	return sp->p >= sp->end;
}
static inline size_t
strparse_left(const struct strparse *sp)
{
	return (size_t)(sp->end - sp->p);
}

/* Consume exactly the character c. */
enum ct_err strparse_char(struct strparse *sp, char c);
/* Consume the literal string lit. */
enum ct_err strparse_literal(struct strparse *sp, const char *lit);
/* Skip spaces and tabs (never fails). */
void strparse_blanks(struct strparse *sp);
/*
 * Unsigned decimal of exactly `digits` digits (or 1..max_digits when
 * digits == 0), value within [min, max].
 */
enum ct_err strparse_uint(struct strparse *sp, unsigned digits,
			  unsigned max_digits, uint64_t min, uint64_t max,
			  uint64_t *out);
/* Optionally signed decimal within [min, max]. */
enum ct_err strparse_int(struct strparse *sp, int64_t min, int64_t max,
			 int64_t *out);
/*
 * A run of 1..max_len characters for which accept(c) is true; *out and
 * *out_len point into the input.
 */
enum ct_err strparse_span(struct strparse *sp, int (*accept)(int c),
			  size_t max_len, const char **out, size_t *out_len);

/*
 * Whole-string helpers for command-line and config values: the entire
 * string must be the number, within range.
 */
enum ct_err ct_parse_int(const char *s, int64_t min, int64_t max,
			 int64_t *out);

#endif
