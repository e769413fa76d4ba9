/*
 * strparse.c - bounded parsers for untrusted text.
 */
#include "util/strparse.h"

#include <string.h>
#include "util/banned.h"

void
strparse_init(struct strparse *sp, const char *s, size_t len)
{
	sp->p = s;
	sp->end = s + len;
}

void
strparse_init_str(struct strparse *sp, const char *s)
{
	strparse_init(sp, s, strlen(s));
}

enum ct_err
strparse_char(struct strparse *sp, char c)
{
	if (sp->p >= sp->end || *sp->p != c)
		return CT_ERR_INVALID;
	sp->p++;
	return CT_OK;
}

enum ct_err
strparse_literal(struct strparse *sp, const char *lit)
{
	size_t n = strlen(lit);

	if (strparse_left(sp) < n || memcmp(sp->p, lit, n) != 0)
		return CT_ERR_INVALID;
	sp->p += n;
	return CT_OK;
}

void
strparse_blanks(struct strparse *sp)
{
	while (sp->p < sp->end && (*sp->p == ' ' || *sp->p == '\t'))
		sp->p++;
}

enum ct_err
strparse_uint(struct strparse *sp, unsigned digits, unsigned max_digits,
	      uint64_t min, uint64_t max, uint64_t *out)
{
	const char *q = sp->p;
	uint64_t v = 0;
	unsigned n = 0, limit = digits ? digits : max_digits;

	if (limit == 0 || limit > 19)
		CT_BUG("strparse_uint: bad digit count");
	while (q < sp->end && n < limit && *q >= '0' && *q <= '9') {
		v = v * 10 + (uint64_t)(*q - '0');
		q++;
		n++;
	}
	if (n == 0 || (digits && n != digits))
		return CT_ERR_INVALID;
	/* More digits than allowed is an error, not a partial parse. */
	if (!digits && q < sp->end && *q >= '0' && *q <= '9')
		return CT_ERR_INVALID;
	if (v < min || v > max)
		return CT_ERR_INVALID;
	sp->p = q;
	*out = v;
	return CT_OK;
}

enum ct_err
strparse_int(struct strparse *sp, int64_t min, int64_t max, int64_t *out)
{
	struct strparse save = *sp;
	int neg = 0;
	uint64_t mag;
	int64_t v;

	if (sp->p < sp->end && (*sp->p == '-' || *sp->p == '+')) {
		neg = *sp->p == '-';
		sp->p++;
	}
	if (strparse_uint(sp, 0, 19, 0, (uint64_t)INT64_MAX + (neg ? 1 : 0),
			  &mag)) {
		*sp = save;
		return CT_ERR_INVALID;
	}
	if (neg)
		v = mag == (uint64_t)INT64_MAX + 1 ? INT64_MIN : -(int64_t)mag;
	else
		v = (int64_t)mag;
	if (v < min || v > max) {
		*sp = save;
		return CT_ERR_INVALID;
	}
	*out = v;
	return CT_OK;
}

enum ct_err
strparse_span(struct strparse *sp, int (*accept)(int c), size_t max_len,
	      const char **out, size_t *out_len)
{
	const char *q = sp->p;

	while (q < sp->end && accept((unsigned char)*q)) {
		q++;
		if ((size_t)(q - sp->p) > max_len)
			return CT_ERR_INVALID;
	}
	if (q == sp->p)
		return CT_ERR_INVALID;
	*out = sp->p;
	*out_len = (size_t)(q - sp->p);
	sp->p = q;
	return CT_OK;
}

enum ct_err
ct_parse_int(const char *s, int64_t min, int64_t max, int64_t *out)
{
	struct strparse sp;
	int64_t v;

	strparse_init_str(&sp, s);
	if (strparse_int(&sp, min, max, &v) || !strparse_done(&sp))
		return CT_ERR_INVALID;
	*out = v;
	return CT_OK;
}
