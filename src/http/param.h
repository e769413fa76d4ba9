/*
 * param.h - declared request parameters and their validators (after kore).
 *
 * A route declares every query and body parameter it accepts as a struct
 * http_param_spec; the router and the body parser refuse anything that is
 * not declared, and check the declared ones here, so a handler only ever
 * sees values that passed their validator.
 *
 * Contract:
 *  - http_param_check_text() checks one decoded text value (a query value,
 *    or a JSON string from a body) against a spec and adds one problem per
 *    failure to `problems` under the parameter's name. It returns CT_OK or
 *    CT_ERR_INVALID; `value` need not be NUL-terminated.
 *  - Text is accepted only as valid UTF-8 without control characters, so a
 *    value can always be put into JSON and into a log line.
 *  - http_param_spec_check() is for router_init: it refuses a spec that
 *    cannot work (no name, an int range upside down, an enum without codes).
 */
#ifndef CT_HTTP_PARAM_H
#define CT_HTTP_PARAM_H

#include <stddef.h>
#include <stdint.h>

#include "util/err.h"

enum http_param_type {
	HTTP_PARAM_UUID = 1,   /* ct_uuid_valid() */
	HTTP_PARAM_INT = 2,    /* decimal within [min, max] */
	HTTP_PARAM_ENUM = 3,   /* one of codes[] */
	HTTP_PARAM_STRING = 4, /* 1..max_len bytes of UTF-8 text */
	HTTP_PARAM_DATE = 5,   /* YYYY-MM-DD, a real calendar date */
	HTTP_PARAM_BOOL = 6,   /* "true" / "false" (JSON: true / false) */
	/*
	 * Body only: any JSON value (an object or array of items); its
	 * contents are validated by core's validators in the handler.
	 */
	HTTP_PARAM_JSON = 7,
};

enum http_param_flags {
	HTTP_PARAM_F_REQUIRED = 1 << 0,
	HTTP_PARAM_F_NULLABLE = 1 << 1, /* body: JSON null is accepted */
};

struct http_param_spec {
	const char *name;
	enum http_param_type type;
	unsigned flags;		  /* enum http_param_flags */
	int64_t min, max;	  /* HTTP_PARAM_INT */
	size_t max_len;		  /* HTTP_PARAM_STRING: most bytes */
	const char *const *codes; /* HTTP_PARAM_ENUM: NULL-terminated */
};

/* Limits on names and values, so that every length is named. */
#define HTTP_PARAM_NAME_MAX 64
#define HTTP_PARAM_VALUE_MAX 4096
#define HTTP_PARAM_INT_DIGITS_MAX 20

/* Convenience initialisers for route tables. */
#define HTTP_PARAM_UUID_SPEC(n, fl)                                            \
	{                                                                      \
		.name = (n), .type = HTTP_PARAM_UUID, .flags = (fl)            \
	}
#define HTTP_PARAM_INT_SPEC(n, fl, lo, hi)                                     \
	{                                                                      \
		.name = (n), .type = HTTP_PARAM_INT, .flags = (fl),            \
		.min = (lo), .max = (hi)                                       \
	}
#define HTTP_PARAM_ENUM_SPEC(n, fl, c)                                         \
	{                                                                      \
		.name = (n), .type = HTTP_PARAM_ENUM, .flags = (fl),           \
		.codes = (c)                                                   \
	}
#define HTTP_PARAM_STRING_SPEC(n, fl, len)                                     \
	{                                                                      \
		.name = (n), .type = HTTP_PARAM_STRING, .flags = (fl),         \
		.max_len = (len)                                               \
	}
#define HTTP_PARAM_DATE_SPEC(n, fl)                                            \
	{                                                                      \
		.name = (n), .type = HTTP_PARAM_DATE, .flags = (fl)            \
	}

/* Find the spec called name (len bytes) in specs[0..n), or NULL. */
const struct http_param_spec *
http_param_find(const struct http_param_spec *specs, size_t n, const char *name,
		size_t len);

/* Check one text value against spec; problems under spec->name. */
enum ct_err http_param_check_text(const struct http_param_spec *spec,
				  const char *value, size_t len,
				  struct ct_problems *problems);

/* 1 when s[0..len) is a valid date YYYY-MM-DD (years 1000..9999). */
int http_param_date_valid(const char *s, size_t len);

/* 1 when s[0..len) is valid UTF-8 with no control characters. */
int http_param_text_valid(const char *s, size_t len);

/*
 * Check that a spec list is usable (for router_init); `where` names the
 * route in the message. `body` is 1 for body fields (HTTP_PARAM_JSON is
 * allowed only there).
 */
enum ct_err http_param_spec_check(const struct http_param_spec *specs, size_t n,
				  int body, const char *where,
				  struct ct_error *err);

#endif
