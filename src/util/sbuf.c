/*
 * sbuf.c - bounded string builder.
 */
#include "util/sbuf.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "util/checked.h"
#include "util/banned.h"

static char sbuf_empty[1];

void
sbuf_init(struct sbuf *sb, size_t max)
{
	sb->buf = sbuf_empty;
	sb->len = 0;
	sb->alloc = 0;
	sb->max = max;
}

void
sbuf_release(struct sbuf *sb)
{
	size_t max = sb->max;

	if (sb->alloc)
		free(sb->buf);
	sbuf_init(sb, max);
}

char *
sbuf_detach(struct sbuf *sb, size_t *len)
{
	char *res;
	size_t max = sb->max;

	if (len)
		*len = sb->len;
	res = sb->alloc ? sb->buf : ct_strdup("");
	sbuf_init(sb, max);
	return res;
}

void
sbuf_reset(struct sbuf *sb)
{
	sb->len = 0;
	sb->buf[0] = '\0';
}

/* Make room for extra more bytes plus the terminator. */
static enum ct_err
sbuf_grow(struct sbuf *sb, size_t extra)
{
	size_t need, cap;

	if (ct_add_overflow(sb->len, extra, &need) || need > sb->max)
		return CT_ERR_LIMIT;
	need += 1;
	if (need <= sb->alloc)
		return CT_OK;
	cap = sb->alloc ? sb->alloc : 64;
	while (cap < need)
		cap = cap > SIZE_MAX / 2 ? need : cap * 2;
	if (sb->alloc) {
		sb->buf = ct_realloc(sb->buf, cap);
	} else {
		sb->buf = ct_malloc(cap);
		sb->buf[0] = '\0';
	}
	sb->alloc = cap;
	return CT_OK;
}

enum ct_err
sbuf_add(struct sbuf *sb, const void *data, size_t len)
{
	enum ct_err rc = sbuf_grow(sb, len);

	if (rc)
		return rc;
	if (len)
		memcpy(sb->buf + sb->len, data, len);
	sb->len += len;
	sb->buf[sb->len] = '\0';
	return CT_OK;
}

enum ct_err
sbuf_addstr(struct sbuf *sb, const char *s)
{
	return sbuf_add(sb, s, strlen(s));
}

enum ct_err
sbuf_addch(struct sbuf *sb, char c)
{
	return sbuf_add(sb, &c, 1);
}

enum ct_err
sbuf_vaddf(struct sbuf *sb, const char *fmt, va_list ap)
{
	va_list cp;
	int n;
	enum ct_err rc;

	va_copy(cp, ap);
	n = vsnprintf(NULL, 0, fmt, cp);
	va_end(cp);
	if (n < 0)
		CT_BUG("bad format string");
	rc = sbuf_grow(sb, (size_t)n);
	if (rc)
		return rc;
	vsnprintf(sb->buf + sb->len, (size_t)n + 1, fmt, ap);
	sb->len += (size_t)n;
	return CT_OK;
}

enum ct_err
sbuf_addf(struct sbuf *sb, const char *fmt, ...)
{
	va_list ap;
	enum ct_err rc;

	va_start(ap, fmt);
	rc = sbuf_vaddf(sb, fmt, ap);
	va_end(ap);
	return rc;
}

enum ct_err
sbuf_addhex(struct sbuf *sb, const void *data, size_t len)
{
	static const char digits[] = "0123456789abcdef";
	const unsigned char *p = data;
	size_t i, twice;
	enum ct_err rc;

	if (ct_mul_overflow(len, 2, &twice))
		return CT_ERR_LIMIT;
	rc = sbuf_grow(sb, twice);
	if (rc)
		return rc;
	for (i = 0; i < len; i++) {
		sb->buf[sb->len++] = digits[p[i] >> 4];
		sb->buf[sb->len++] = digits[p[i] & 15];
	}
	sb->buf[sb->len] = '\0';
	return CT_OK;
}
