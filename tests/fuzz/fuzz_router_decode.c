/*
 * fuzz_router_decode.c - http/router.h's router_percent_decode.
 *
 * Input: one selector byte (bit 0: plus_is_space, for query components),
 * then the component, passed with its length and no NUL after it.
 * Contract checked: the decoder agrees with a reference written from RFC
 * 3986 (every '%' takes two hex digits; an encoded NUL is refused), never
 * writes more than len + 1 bytes, terminates its output, and what it
 * decodes, percent-encoded again, decodes to the same bytes.
 */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "fuzz.h"
#include "http/router.h"
#include "util/banned.h"

static int
hex(int c)
{
	if (c >= '0' && c <= '9')
		return c - '0';
	c |= 0x20; /* lower case */
	if (c >= 'a' && c <= 'f')
		return c - 'a' + 10;
	return -1;
}

/* 0 and the decoded bytes in out, or -1. */
static int
reference_decode(const uint8_t *s, size_t len, int plus, uint8_t *out,
		 size_t *out_len)
{
	size_t i = 0, o = 0;

	while (i < len) {
		if (s[i] != '%') {
			out[o++] = plus && s[i] == '+' ? ' ' : s[i];
			i++;
			continue;
		}
		if (len - i < 3)
			return -1;
		if (hex(s[i + 1]) < 0 || hex(s[i + 2]) < 0)
			return -1;
		out[o] = (uint8_t)(hex(s[i + 1]) * 16 + hex(s[i + 2]));
		if (out[o] == 0)
			return -1;
		o++;
		i += 3;
	}
	*out_len = o;
	return 0;
}

static int
unreserved(int c)
{
	return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') ||
	       (c >= '0' && c <= '9') || c == '-' || c == '.' || c == '_' ||
	       c == '~';
}

/* Encode s[0..len) into out (3 * len + 1 bytes); the encoded length. */
static size_t
encode(const char *s, size_t len, int plus, char *out)
{
	static const char digits[] = "0123456789ABCDEF";
	size_t i, o = 0;

	for (i = 0; i < len; i++) {
		unsigned char c = (unsigned char)s[i];

		if (unreserved(c)) {
			out[o++] = (char)c;
		} else if (plus && c == ' ') {
			out[o++] = '+';
		} else {
			out[o++] = '%';
			out[o++] = digits[c >> 4];
			out[o++] = digits[c & 15];
		}
	}
	out[o] = '\0';
	return o;
}

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	int plus = (int)(fuzz_take_byte(&data, &size) & 1);
	char *out = ct_malloc(size + 1), *enc, *again;
	uint8_t *want = ct_malloc(size + 1);
	size_t out_len = 0, want_len = 0, enc_len, again_len = 0;
	int ok;

	ok = router_percent_decode((const char *)data, size, plus, out,
				   &out_len) == CT_OK;
	FUZZ_CHECK(ok ==
		   (reference_decode(data, size, plus, want, &want_len) == 0));
	if (ok) {
		FUZZ_CHECK(out_len == want_len && out_len <= size);
		FUZZ_CHECK(memcmp(out, want, out_len) == 0);
		FUZZ_CHECK(out[out_len] == '\0');
		/* A raw NUL passes through (the router refuses it earlier);
		 * encoded, it would be refused, so only round-trip without. */
		if (!memchr(out, 0, out_len)) {
			enc = ct_malloc(3 * out_len + 1);
			again = ct_malloc(3 * out_len + 1);
			enc_len = encode(out, out_len, plus, enc);
			FUZZ_CHECK(router_percent_decode(enc, enc_len, plus,
							 again,
							 &again_len) == CT_OK);
			FUZZ_CHECK(again_len == out_len &&
				   memcmp(again, out, out_len) == 0);
			free(enc);
			free(again);
		}
	}
	free(out);
	free(want);
	return 0;
}
