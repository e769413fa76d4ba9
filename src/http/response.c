/*
 * response.c - JSON bodies, the error shape and the security headers.
 *
 * Bodies are serialised with jansson into malloc'd text and copied into the
 * request arena at once, so the response has one owner (the arena) and
 * nothing is freed by hand after the request. If jansson or the arena
 * fails, a fixed 500 body takes its place: a response is always complete.
 */
#include "http/response.h"

#include <stdlib.h>
#include <string.h>

#include "util/compat.h"
#include "util/sbuf.h"
#include "util/banned.h"

static const struct http_security_header security_headers[] = {
	{"Content-Security-Policy",
	 "default-src 'none'; frame-ancestors 'none'"},
	{"X-Content-Type-Options", "nosniff"},
	{"Referrer-Policy", "no-referrer"},
	{"Cache-Control", "no-store"},
};

static const char internal_body[] =
	"{\"code\":\"internal\",\"message\":\"Er ging iets mis aan de kant van "
	"de server. Probeer het later opnieuw of meld het verzoeknummer "
	"(X-Request-Id) aan de beheerder.\",\"fields\":{}}";

const struct http_security_header *
http_response_security_headers(size_t *n)
{
	*n = CT_ARRAY_SIZE(security_headers);
	return security_headers;
}

void
http_response_init(struct http_response *resp)
{
	memset(resp, 0, sizeof(*resp));
}

void
http_response_add_header(struct http_response *resp, struct arena *a,
			 const char *name, const char *value)
{
	struct http_header *h;

	if (resp->n_headers >= HTTP_RESPONSE_HEADERS_MAX)
		CT_BUG("too many response headers");
	h = &resp->headers[resp->n_headers];
	h->name = arena_strdup(a, name);
	h->value = arena_strdup(a, value);
	/* A full arena drops the header rather than sending half of it. */
	if (h->name && h->value)
		resp->n_headers++;
}

static void
set_internal(struct http_response *resp)
{
	resp->status = 500;
	resp->content_type = HTTP_CONTENT_TYPE_JSON;
	resp->body = internal_body;
	resp->body_len = sizeof(internal_body) - 1;
}

void
http_response_json(struct http_response *resp, struct arena *a, unsigned status,
		   json_t *body)
{
	char *text = NULL, *copy;
	size_t len;

	if (body)
		text = json_dumps(body, JSON_COMPACT | JSON_ENSURE_ASCII);
	json_decref(body);
	if (!text) {
		set_internal(resp);
		return;
	}
	len = strlen(text);
	copy = arena_strndup(a, text, len);
	free(text);
	if (!copy) {
		set_internal(resp);
		return;
	}
	resp->status = status;
	resp->content_type = HTTP_CONTENT_TYPE_JSON;
	resp->body = copy;
	resp->body_len = len;
}

/* Add one problem to fields, joining a second problem for the same name. */
static void
fields_add(json_t *fields, const char *name, const char *message)
{
	json_t *old = json_object_get(fields, name);
	struct sbuf sb;

	if (!old) {
		json_object_set_new(fields, name, json_string(message));
		return;
	}
	sbuf_init(&sb, SBUF_MAX_SMALL);
	if (sbuf_addf(&sb, "%s; %s", json_string_value(old), message) == CT_OK)
		json_object_set_new(fields, name, json_string(sb.buf));
	sbuf_release(&sb);
}

json_t *
http_error_json(const char *code, const char *message,
		const struct ct_problems *problems)
{
	json_t *fields = json_object(), *obj;
	size_t i;

	if (problems) {
		for (i = 0; i < problems->count; i++) {
			const struct ct_problem *p = &problems->items[i];

			/* A problem without a field is about the whole. */
			fields_add(fields, p->field[0] ? p->field : "_",
				   p->message);
		}
		if (problems->dropped) {
			struct sbuf sb;

			sbuf_init(&sb, SBUF_MAX_SMALL);
			if (sbuf_addf(&sb, "en nog %zu problemen",
				      problems->dropped) == CT_OK)
				fields_add(fields, "_", sb.buf);
			sbuf_release(&sb);
		}
	}
	obj = json_pack("{s:s, s:s, s:o}", "code", code, "message", message,
			"fields", fields);
	return obj;
}

void
http_response_error(struct http_response *resp, struct arena *a,
		    unsigned status, const char *code, const char *message,
		    const struct ct_problems *problems)
{
	http_response_json(resp, a, status,
			   http_error_json(code, message, problems));
}

unsigned
http_status_for(enum ct_err code)
{
	switch (code) {
	case CT_OK:
		return 200;
	case CT_ERR_INVALID:
		return 400;
	case CT_ERR_DENIED:
		return 403;
	case CT_ERR_NOTFOUND:
		return 404;
	case CT_ERR_CONFLICT:
	case CT_ERR_EXISTS:
		return 409;
	case CT_ERR_LIMIT:
		return 413;
	case CT_ERR_BUSY:
		return 503;
	default:
		return 500;
	}
}

const char *
http_error_code_for(enum ct_err code)
{
	switch (code) {
	case CT_OK:
		return "ok";
	case CT_ERR_INVALID:
		return "invalid";
	case CT_ERR_DENIED:
		return "forbidden";
	case CT_ERR_NOTFOUND:
		return "not_found";
	case CT_ERR_CONFLICT:
		return "conflict";
	case CT_ERR_EXISTS:
		return "exists";
	case CT_ERR_LIMIT:
		return "too_large";
	case CT_ERR_BUSY:
		return "busy";
	default:
		return "internal";
	}
}

void
http_response_from_error(struct http_response *resp, struct arena *a,
			 enum ct_err code, const struct ct_error *err,
			 const struct ct_problems *problems)
{
	unsigned status = http_status_for(code);
	const char *message;

	if (status == 500 || code == CT_OK) {
		/* The detail is for the log, never for the client. */
		set_internal(resp);
		return;
	}
	if (err && err->message[0])
		message = err->message;
	else if (code == CT_ERR_INVALID && problems &&
		 ct_problems_any(problems))
		message = "De invoer is niet in orde; zie de velden.";
	else
		message = ct_strerror(code);
	http_response_error(resp, a, status, http_error_code_for(code), message,
			    code == CT_ERR_INVALID ? problems : NULL);
}
