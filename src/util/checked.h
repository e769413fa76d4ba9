/*
 * checked.h - size arithmetic that reports overflow instead of wrapping.
 * Each returns non-zero on overflow and leaves *out unspecified then.
 */
#ifndef CT_UTIL_CHECKED_H
#define CT_UTIL_CHECKED_H

#include <stddef.h>
#include <stdint.h>

static inline int
ct_add_overflow(size_t a, size_t b, size_t *out)
{
	return __builtin_add_overflow(a, b, out);
}

static inline int
ct_mul_overflow(size_t a, size_t b, size_t *out)
{
	return __builtin_mul_overflow(a, b, out);
}

static inline int
ct_i64_add_overflow(int64_t a, int64_t b, int64_t *out)
{
	return __builtin_add_overflow(a, b, out);
}

static inline int
ct_i64_mul_overflow(int64_t a, int64_t b, int64_t *out)
{
	return __builtin_mul_overflow(a, b, out);
}

#endif
