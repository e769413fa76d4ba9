/*
 * crypto.c - libsodium wrappers: BLAKE2b chain hashes, argon2id passwords.
 */
#include "util/crypto.h"

#include <sodium.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include "util/banned.h"

struct ct_hash_state {
	crypto_generichash_state st;
};

enum ct_err
ct_crypto_init(void)
{
	return sodium_init() < 0 ? CT_ERR_INTERNAL : CT_OK;
}

struct ct_hash_state *
ct_hash_new(void)
{
	struct ct_hash_state *h = ct_malloc(sizeof(*h));

	crypto_generichash_init(&h->st, NULL, 0, CT_HASH_BYTES);
	return h;
}

void
ct_hash_update(struct ct_hash_state *h, const void *data, size_t len)
{
	crypto_generichash_update(&h->st, data, len);
}

void
ct_hash_update_field(struct ct_hash_state *h, const char *s)
{
	unsigned char lenbuf[8];
	uint64_t n = s ? strlen(s) : UINT64_MAX; /* NULL differs from "" */
	int i;

	for (i = 0; i < 8; i++)
		lenbuf[i] = (unsigned char)(n >> (8 * i));
	crypto_generichash_update(&h->st, lenbuf, sizeof(lenbuf));
	if (s)
		crypto_generichash_update(&h->st, (const unsigned char *)s,
					  strlen(s));
}

void
ct_hash_final_hex(struct ct_hash_state *h, char out[CT_HASH_HEX_SIZE])
{
	unsigned char digest[CT_HASH_BYTES];

	crypto_generichash_final(&h->st, digest, sizeof(digest));
	sodium_bin2hex(out, CT_HASH_HEX_SIZE, digest, sizeof(digest));
	sodium_memzero(h, sizeof(*h));
	free(h);
}

enum ct_err
ct_password_hash(const char *password, char out[CT_PWHASH_SIZE])
{
	_Static_assert(CT_PWHASH_SIZE >= crypto_pwhash_STRBYTES,
		       "password hash buffer too small");
	if (crypto_pwhash_str_alg(out, password, strlen(password),
				  crypto_pwhash_OPSLIMIT_INTERACTIVE,
				  crypto_pwhash_MEMLIMIT_INTERACTIVE,
				  crypto_pwhash_ALG_ARGON2ID13) != 0)
		return CT_ERR_INTERNAL;
	return CT_OK;
}

int
ct_password_verify(const char *hash, const char *password)
{
	return crypto_pwhash_str_verify(hash, password, strlen(password)) == 0;
}

void
ct_random_password(char *out, size_t len)
{
	static const char alphabet[] =
		"abcdefghijkmnpqrstuvwxyzABCDEFGHJKLMNPQRSTUVWXYZ23456789";
	size_t i;

	for (i = 0; i < len; i++)
		out[i] = alphabet[randombytes_uniform(sizeof(alphabet) - 1)];
	out[len] = '\0';
}
