/*
 * media_type.c - the Content-Type check of body.c and form.c (contract:
 * media_type.h).
 */
#include "http/media_type.h"

#include <string.h>
#include <strings.h>

#include "util/banned.h"

static const char *
skip_blanks(const char *p)
{
	while (*p == ' ' || *p == '\t')
		p++;
	return p;
}

int
http_media_type_is(const char *content_type, const char *media)
{
	static const char charset[] = "charset=";
	size_t media_len = strlen(media), n;
	const char *p = content_type, *end;

	if (!p)
		return 0;
	p = skip_blanks(p);
	if (strncasecmp(p, media, media_len) != 0)
		return 0;
	p = skip_blanks(p + media_len);
	if (*p == '\0')
		return 1;
	/* One parameter only, and only the charset we speak. */
	if (*p++ != ';')
		return 0;
	p = skip_blanks(p);
	if (strncasecmp(p, charset, sizeof(charset) - 1) != 0)
		return 0;
	p += sizeof(charset) - 1;
	end = p + strlen(p);
	while (end > p && (end[-1] == ' ' || end[-1] == '\t'))
		end--;
	n = (size_t)(end - p);
	if (n == 7 && p[0] == '"' && p[6] == '"') {
		p++;
		n -= 2;
	}
	return n == 5 && strncasecmp(p, "utf-8", 5) == 0;
}
