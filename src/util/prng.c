/*
 * prng.c - xoshiro256** seeded through splitmix64 (Blackman & Vigna);
 * hand-written because it is a dozen lines and no Debian library offers a
 * seedable, platform-stable generator.
 */
#include <stddef.h>

#include "util/prng.h"
#include "util/compat.h"
#include "util/banned.h"

static uint64_t
splitmix64(uint64_t *x)
{
	uint64_t z = (*x += 0x9e3779b97f4a7c15ULL);

	z = (z ^ (z >> 30)) * 0xbf58476d1ce4e5b9ULL;
	z = (z ^ (z >> 27)) * 0x94d049bb133111ebULL;
	return z ^ (z >> 31);
}

void
prng_seed(struct prng *r, uint64_t seed)
{
	int i;

	for (i = 0; i < 4; i++)
		r->s[i] = splitmix64(&seed);
}

static uint64_t
rotl(uint64_t x, int k)
{
	return (x << k) | (x >> (64 - k));
}

uint64_t
prng_next(struct prng *r)
{
	uint64_t *s = r->s;
	uint64_t result = rotl(s[1] * 5, 7) * 9;
	uint64_t t = s[1] << 17;

	s[2] ^= s[0];
	s[3] ^= s[1];
	s[1] ^= s[2];
	s[0] ^= s[3];
	s[2] ^= t;
	s[3] = rotl(s[3], 45);
	return result;
}

uint64_t
prng_below(struct prng *r, uint64_t n)
{
	uint64_t limit, x;

	if (n == 0)
		CT_BUG("prng_below(0)");
	limit = UINT64_MAX - UINT64_MAX % n;
	do {
		x = prng_next(r);
	} while (x >= limit);
	return x % n;
}

int
prng_chance(struct prng *r, unsigned permille)
{
	return prng_below(r, 1000) < permille;
}

void
prng_bytes(struct prng *r, unsigned char *out, size_t n)
{
	size_t i;
	uint64_t x = 0;

	for (i = 0; i < n; i++) {
		if (i % 8 == 0)
			x = prng_next(r);
		out[i] = (unsigned char)(x >> (8 * (i % 8)));
	}
}
