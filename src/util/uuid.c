/*
 * uuid.c - version-4 UUIDs from the libsodium CSPRNG.
 */
#include "util/uuid.h"

#include <sodium.h>
#include <stdio.h>
#include <string.h>
#include "util/banned.h"

void
ct_uuid_from_bytes(const unsigned char bytes[16], char out[CT_UUID_SIZE])
{
	static const char hex[] = "0123456789abcdef";
	unsigned char b[16];
	size_t i, o = 0;

	memcpy(b, bytes, 16);
	b[6] = (unsigned char)((b[6] & 0x0f) | 0x40); /* version 4 */
	b[8] = (unsigned char)((b[8] & 0x3f) | 0x80); /* RFC variant */
	for (i = 0; i < 16; i++) {
		if (i == 4 || i == 6 || i == 8 || i == 10)
			out[o++] = '-';
		out[o++] = hex[b[i] >> 4];
		out[o++] = hex[b[i] & 15];
	}
	out[o] = '\0';
}

void
ct_uuid_new(char out[CT_UUID_SIZE])
{
	unsigned char b[16];

	randombytes_buf(b, sizeof(b));
	ct_uuid_from_bytes(b, out);
}

static int
is_hex(char c)
{
	return (c >= '0' && c <= '9') || (c >= 'a' && c <= 'f') ||
	       (c >= 'A' && c <= 'F');
}

int
ct_uuid_valid(const char *s)
{
	size_t i;

	if (!s || strlen(s) != CT_UUID_LEN)
		return 0;
	for (i = 0; i < CT_UUID_LEN; i++) {
		if (i == 8 || i == 13 || i == 18 || i == 23) {
			if (s[i] != '-')
				return 0;
		} else if (!is_hex(s[i])) {
			return 0;
		}
	}
	return 1;
}
