/*
 * fuzz.h - what every fuzz target shares.
 *
 * A target is tests/fuzz/fuzz_<parser>.c defining the libFuzzer entry
 * point below. It feeds the bytes to one parser and states the parser's
 * contract with FUZZ_CHECK: a violated invariant aborts, which both
 * libFuzzer and our standalone driver (driver.c) report as a crash and
 * keep the input of. A target must not leak, must not keep state between
 * inputs other than one-time set-up, and must accept any bytes, also
 * empty input and bytes with NULs in them.
 */
#ifndef CT_TESTS_FUZZ_FUZZ_H
#define CT_TESTS_FUZZ_FUZZ_H

#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "util/compat.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

CT_NORETURN static inline void
fuzz_fail(const char *file, int line, const char *what)
{
	fprintf(stderr, "%s:%d: invariant violated: %s\n", file, line, what);
	fflush(stderr);
	abort();
}

#define FUZZ_CHECK(cond)                                                       \
	do {                                                                   \
		if (!(cond))                                                   \
			fuzz_fail(__FILE__, __LINE__, #cond);                  \
	} while (0)

/*
 * A NUL-terminated copy of data[0..size): what a C caller of a string
 * parser would pass (an embedded NUL ends the string early). Free with
 * free(). Exactly size + 1 bytes, so AddressSanitizer sees any overread.
 */
static inline char *
fuzz_strndup(const uint8_t *data, size_t size)
{
	char *s = ct_malloc(size + 1);

	if (size)
		memcpy(s, data, size);
	s[size] = '\0';
	return s;
}

/* Take the first byte of the input as a selector (0 when empty). */
static inline unsigned
fuzz_take_byte(const uint8_t **data, size_t *size)
{
	unsigned b;

	if (*size == 0)
		return 0;
	b = (*data)[0];
	(*data)++;
	(*size)--;
	return b;
}

/*
 * Split the input at its first NUL: *head_len bytes before it; the rest
 * after it (rest_len 0 and rest NULL when there is no NUL).
 */
static inline void
fuzz_split_nul(const uint8_t *data, size_t size, size_t *head_len,
	       const uint8_t **rest, size_t *rest_len)
{
	const uint8_t *nul = size ? memchr(data, 0, size) : NULL;

	if (!nul) {
		*head_len = size;
		*rest = NULL;
		*rest_len = 0;
		return;
	}
	*head_len = (size_t)(nul - data);
	*rest = nul + 1;
	*rest_len = size - *head_len - 1;
}

#endif
