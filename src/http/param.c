/*
 * param.c - validators for declared request parameters.
 *
 * Each validator works on a decoded text value with an explicit length and
 * adds a Dutch problem under the parameter's name; nothing here allocates.
 * Numbers are parsed with strparse so a value such as "12abc" or "+-1"
 * fails as a whole instead of being read up to the first odd character.
 */
#include "http/param.h"

#include <string.h>

#include "util/strparse.h"
#include "util/uuid.h"
#include "util/banned.h"

const struct http_param_spec *
http_param_find(const struct http_param_spec *specs, size_t n, const char *name,
		size_t len)
{
	size_t i;

	for (i = 0; i < n; i++) {
		if (strlen(specs[i].name) == len &&
		    memcmp(specs[i].name, name, len) == 0)
			return &specs[i];
	}
	return NULL;
}

/* Length of the UTF-8 sequence at s (at most left bytes), or 0 if bad. */
static size_t
utf8_sequence(const unsigned char *s, size_t left, uint32_t *cp)
{
	size_t n, i;
	uint32_t c = s[0], minimum;

	if (c < 0x80) {
		*cp = c;
		return 1;
	} else if ((c & 0xe0) == 0xc0) {
		n = 2;
		c &= 0x1f;
		minimum = 0x80;
	} else if ((c & 0xf0) == 0xe0) {
		n = 3;
		c &= 0x0f;
		minimum = 0x800;
	} else if ((c & 0xf8) == 0xf0) {
		n = 4;
		c &= 0x07;
		minimum = 0x10000;
	} else {
		return 0;
	}
	if (left < n)
		return 0;
	for (i = 1; i < n; i++) {
		if ((s[i] & 0xc0) != 0x80)
			return 0;
		c = (c << 6) | (s[i] & 0x3f);
	}
	/* Overlong forms, surrogates and values past Unicode are refused. */
	if (c < minimum || c > 0x10ffff || (c >= 0xd800 && c <= 0xdfff))
		return 0;
	*cp = c;
	return n;
}

int
http_param_text_valid(const char *s, size_t len)
{
	const unsigned char *p = (const unsigned char *)s;
	size_t i = 0, n;
	uint32_t cp;

	while (i < len) {
		n = utf8_sequence(p + i, len - i, &cp);
		if (n == 0)
			return 0;
		/* C0 and C1 controls and DEL have no place in a value. */
		if (cp < 0x20 || (cp >= 0x7f && cp <= 0x9f))
			return 0;
		i += n;
	}
	return 1;
}

int
http_param_date_valid(const char *s, size_t len)
{
	static const unsigned char days[] = {31, 28, 31, 30, 31, 30,
					     31, 31, 30, 31, 30, 31};
	struct strparse sp;
	uint64_t y, m, d, last;

	strparse_init(&sp, s, len);
	if (strparse_uint(&sp, 4, 4, 1000, 9999, &y) ||
	    strparse_char(&sp, '-') || strparse_uint(&sp, 2, 2, 1, 12, &m) ||
	    strparse_char(&sp, '-') || strparse_uint(&sp, 2, 2, 1, 31, &d) ||
	    !strparse_done(&sp))
		return 0;
	last = days[m - 1];
	if (m == 2 && ((y % 4 == 0 && y % 100 != 0) || y % 400 == 0))
		last = 29;
	return d <= last;
}

static int
uuid_text_valid(const char *s, size_t len)
{
	char buf[CT_UUID_SIZE];

	if (len != CT_UUID_LEN)
		return 0;
	memcpy(buf, s, len);
	buf[len] = '\0';
	return ct_uuid_valid(buf);
}

static int
int_text_valid(const struct http_param_spec *spec, const char *s, size_t len)
{
	struct strparse sp;
	int64_t v;

	if (len == 0 || len > HTTP_PARAM_INT_DIGITS_MAX)
		return 0;
	strparse_init(&sp, s, len);
	return strparse_int(&sp, spec->min, spec->max, &v) == CT_OK &&
	       strparse_done(&sp);
}

static int
enum_text_valid(const struct http_param_spec *spec, const char *s, size_t len)
{
	const char *const *c;

	for (c = spec->codes; *c; c++) {
		if (strlen(*c) == len && memcmp(*c, s, len) == 0)
			return 1;
	}
	return 0;
}

enum ct_err
http_param_check_text(const struct http_param_spec *spec, const char *value,
		      size_t len, struct ct_problems *problems)
{
	const char *name = spec->name;

	if (len > HTTP_PARAM_VALUE_MAX) {
		ct_problems_add(problems, name, "waarde is te lang");
		return CT_ERR_INVALID;
	}
	if (!http_param_text_valid(value, len)) {
		ct_problems_add(problems, name,
				"waarde bevat ongeldige tekens");
		return CT_ERR_INVALID;
	}
	switch (spec->type) {
	case HTTP_PARAM_UUID:
		if (uuid_text_valid(value, len))
			return CT_OK;
		ct_problems_add(problems, name, "geen geldige UUID");
		return CT_ERR_INVALID;
	case HTTP_PARAM_INT:
		if (int_text_valid(spec, value, len))
			return CT_OK;
		ct_problems_add(problems, name,
				"geen geheel getal van %lld tot en met %lld",
				(long long)spec->min, (long long)spec->max);
		return CT_ERR_INVALID;
	case HTTP_PARAM_ENUM:
		if (enum_text_valid(spec, value, len))
			return CT_OK;
		ct_problems_add(problems, name, "onbekende code");
		return CT_ERR_INVALID;
	case HTTP_PARAM_STRING:
		if (len == 0) {
			ct_problems_add(problems, name, "mag niet leeg zijn");
			return CT_ERR_INVALID;
		}
		if (len <= spec->max_len)
			return CT_OK;
		ct_problems_add(problems, name, "langer dan %zu tekens",
				spec->max_len);
		return CT_ERR_INVALID;
	case HTTP_PARAM_DATE:
		if (http_param_date_valid(value, len))
			return CT_OK;
		ct_problems_add(problems, name,
				"geen geldige datum (JJJJ-MM-DD)");
		return CT_ERR_INVALID;
	case HTTP_PARAM_BOOL:
		if ((len == 4 && memcmp(value, "true", 4) == 0) ||
		    (len == 5 && memcmp(value, "false", 5) == 0))
			return CT_OK;
		ct_problems_add(problems, name, "moet true of false zijn");
		return CT_ERR_INVALID;
	case HTTP_PARAM_JSON:
		break;
	}
	/* http_param_spec_check() keeps other types out of route tables. */
	CT_BUG("parameter type cannot be checked as text");
}

enum ct_err
http_param_spec_check(const struct http_param_spec *specs, size_t n, int body,
		      const char *where, struct ct_error *err)
{
	size_t i, j;

	for (i = 0; i < n; i++) {
		const struct http_param_spec *s = &specs[i];

		if (!s->name || !s->name[0] ||
		    strlen(s->name) > HTTP_PARAM_NAME_MAX)
			return ct_error_set(err, CT_ERR_INVALID,
					    "%s: parameter %zu heeft geen "
					    "geldige naam",
					    where, i + 1);
		for (j = 0; j < i; j++) {
			if (strcmp(specs[j].name, s->name) == 0)
				return ct_error_set(err, CT_ERR_INVALID,
						    "%s: parameter '%s' staat "
						    "er twee keer in",
						    where, s->name);
		}
		switch (s->type) {
		case HTTP_PARAM_UUID:
		case HTTP_PARAM_DATE:
		case HTTP_PARAM_BOOL:
			break;
		case HTTP_PARAM_INT:
			if (s->min > s->max)
				return ct_error_set(err, CT_ERR_INVALID,
						    "%s: parameter '%s' heeft "
						    "min > max",
						    where, s->name);
			break;
		case HTTP_PARAM_ENUM:
			if (!s->codes || !s->codes[0])
				return ct_error_set(err, CT_ERR_INVALID,
						    "%s: parameter '%s' heeft "
						    "geen codes",
						    where, s->name);
			break;
		case HTTP_PARAM_STRING:
			if (s->max_len == 0 ||
			    s->max_len > HTTP_PARAM_VALUE_MAX)
				return ct_error_set(err, CT_ERR_INVALID,
						    "%s: parameter '%s' heeft "
						    "geen geldige max_len",
						    where, s->name);
			break;
		case HTTP_PARAM_JSON:
			/* A query value is never JSON. */
			if (!body)
				return ct_error_set(err, CT_ERR_INVALID,
						    "%s: parameter '%s' kan "
						    "geen JSON zijn",
						    where, s->name);
			break;
		default:
			return ct_error_set(err, CT_ERR_INVALID,
					    "%s: parameter '%s' heeft een "
					    "onbekend type",
					    where, s->name);
		}
	}
	return CT_OK;
}
