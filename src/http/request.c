/*
 * request.c - the request record: methods, headers, parameter lookup.
 *
 * Everything a request holds is copied into its arena, so the server can
 * hand libmicrohttpd's buffers back at once and a test can build a request
 * from string literals; nothing here is freed one by one.
 */
#include "http/request.h"

#include <stdint.h>
#include <string.h>
#include <strings.h>

#include "util/compat.h"
#include "util/strparse.h"
#include "util/banned.h"

static const struct {
	enum http_method method;
	const char *name;
} methods[] = {
	{HTTP_METHOD_GET, "GET"},     {HTTP_METHOD_HEAD, "HEAD"},
	{HTTP_METHOD_POST, "POST"},   {HTTP_METHOD_PUT, "PUT"},
	{HTTP_METHOD_PATCH, "PATCH"}, {HTTP_METHOD_DELETE, "DELETE"},
};

enum http_method
http_method_parse(const char *name)
{
	size_t i;

	for (i = 0; i < CT_ARRAY_SIZE(methods); i++) {
		if (strcmp(methods[i].name, name) == 0)
			return methods[i].method;
	}
	return HTTP_METHOD_OTHER;
}

const char *
http_method_name(enum http_method m)
{
	size_t i;

	for (i = 0; i < CT_ARRAY_SIZE(methods); i++) {
		if (methods[i].method == m)
			return methods[i].name;
	}
	return "?";
}

int
http_method_is_unsafe(enum http_method m)
{
	return m == HTTP_METHOD_POST || m == HTTP_METHOD_PUT ||
	       m == HTTP_METHOD_PATCH || m == HTTP_METHOD_DELETE;
}

void
http_request_init(struct http_request *req, struct arena *a,
		  enum http_method method, const char *target)
{
	memset(req, 0, sizeof(*req));
	req->arena = a;
	req->method = method;
	req->target = arena_strdup(a, target ? target : "");
	if (!req->target)
		req->target = "";
	ct_problems_init(&req->problems);
}

enum ct_err
http_request_add_header(struct http_request *req, const char *name,
			const char *value)
{
	struct http_header *h;

	if (!req->headers) {
		req->headers =
			arena_alloc_array(req->arena, HTTP_REQUEST_HEADERS_MAX,
					  sizeof(*req->headers));
		if (!req->headers)
			return CT_ERR_LIMIT;
	}
	if (req->n_headers >= HTTP_REQUEST_HEADERS_MAX)
		return CT_ERR_LIMIT;
	h = &req->headers[req->n_headers];
	h->name = arena_strdup(req->arena, name);
	h->value = arena_strdup(req->arena, value ? value : "");
	if (!h->name || !h->value)
		return CT_ERR_LIMIT;
	req->n_headers++;
	return CT_OK;
}

enum ct_err
http_request_set_body(struct http_request *req, const void *data, size_t len)
{
	char *copy;

	/* One byte more keeps the body NUL-terminated for text parsers. */
	if (len == SIZE_MAX)
		return CT_ERR_LIMIT;
	copy = arena_alloc(req->arena, len + 1);
	if (!copy)
		return CT_ERR_LIMIT;
	if (len)
		memcpy(copy, data, len);
	req->body = copy;
	req->body_len = len;
	return CT_OK;
}

const char *
http_request_header(const struct http_request *req, const char *name)
{
	size_t i;

	for (i = 0; i < req->n_headers; i++) {
		if (strcasecmp(req->headers[i].name, name) == 0)
			return req->headers[i].value;
	}
	return NULL;
}

static const char *
param_lookup(const struct http_param *params, size_t n, const char *name)
{
	size_t i;

	for (i = 0; i < n; i++) {
		if (strcmp(params[i].name, name) == 0)
			return params[i].value;
	}
	return NULL;
}

const char *
http_request_param(const struct http_request *req, const char *name)
{
	const char *v;

	v = param_lookup(req->path_params, req->n_path_params, name);
	if (!v)
		v = param_lookup(req->query_params, req->n_query_params, name);
	return v;
}

enum ct_err
http_request_param_int(const struct http_request *req, const char *name,
		       int64_t dflt, int64_t *out)
{
	const char *v = http_request_param(req, name);

	*out = dflt;
	if (!v)
		return CT_ERR_NOTFOUND;
	/* The validator already checked the range; this cannot fail. */
	if (ct_parse_int(v, INT64_MIN, INT64_MAX, out))
		CT_BUG("validated integer parameter does not parse");
	return CT_OK;
}
