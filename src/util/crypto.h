/*
 * crypto.h - thin wrappers over libsodium, so the rest of the code names
 * what it wants (a password hash, a chain hash) rather than an algorithm.
 */
#ifndef CT_UTIL_CRYPTO_H
#define CT_UTIL_CRYPTO_H

#include <stddef.h>

#include "util/err.h"
#include "util/sbuf.h"

/* Must run once before any other ct_ function that needs randomness. */
enum ct_err ct_crypto_init(void);

/* BLAKE2b-256, used for the journal and access-log hash chains. */
#define CT_HASH_BYTES 32
#define CT_HASH_HEX_SIZE (CT_HASH_BYTES * 2 + 1)

struct ct_hash_state;
struct ct_hash_state *ct_hash_new(void);
void ct_hash_update(struct ct_hash_state *st, const void *data, size_t len);
/* Length-prefixed update, so ("ab","c") and ("a","bc") hash differently. */
void ct_hash_update_field(struct ct_hash_state *st, const char *s);
/* Writes the digest as lowercase hex and frees st. */
void ct_hash_final_hex(struct ct_hash_state *st, char out[CT_HASH_HEX_SIZE]);

/* argon2id password hashing (libsodium's interactive limits). */
#define CT_PWHASH_SIZE 128
enum ct_err ct_password_hash(const char *password, char out[CT_PWHASH_SIZE]);
/* 1 when password matches hash, else 0. */
int ct_password_verify(const char *hash, const char *password);

/*
 * A random password of `len` characters from an alphabet without look-alike
 * characters (no 0/O, 1/l/I), for one-time passwords printed to a user.
 */
void ct_random_password(char *out, size_t len);

#endif
