/*
 * prng.h - a small seeded generator (xoshiro256**) for deterministic demo
 * data and tests. Never for anything secret: use the CSPRNG for that.
 */
#ifndef CT_UTIL_PRNG_H
#define CT_UTIL_PRNG_H

#include <stdint.h>

struct prng {
	uint64_t s[4];
};

void prng_seed(struct prng *r, uint64_t seed);
uint64_t prng_next(struct prng *r);
/* Uniform in [0, n), n > 0, without modulo bias. */
uint64_t prng_below(struct prng *r, uint64_t n);
/* 1 with probability permille/1000. */
int prng_chance(struct prng *r, unsigned permille);
void prng_bytes(struct prng *r, unsigned char *out, size_t n);

#endif
