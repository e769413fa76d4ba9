/*
 * uuid.h - random record identifiers (RFC 9562 version 4).
 *
 * Record ids are never guessable and never counting: they come from the
 * libsodium CSPRNG. Text form is 36 lowercase characters.
 */
#ifndef CT_UTIL_UUID_H
#define CT_UTIL_UUID_H

#include <stddef.h>

#include "util/err.h"

#define CT_UUID_LEN 36
#define CT_UUID_SIZE (CT_UUID_LEN + 1)

/* Fresh random id. Requires ct_crypto_init() to have run. */
void ct_uuid_new(char out[CT_UUID_SIZE]);
/* Format 16 given bytes as a version-4 id (for deterministic demo data). */
void ct_uuid_from_bytes(const unsigned char bytes[16], char out[CT_UUID_SIZE]);
/* 1 when s is a well-formed lowercase or uppercase UUID, else 0. */
int ct_uuid_valid(const char *s);

#endif
