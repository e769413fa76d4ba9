/*
 * form.c - url-encoded form bodies of the page routes (see form.h).
 *
 * Design: the body is split at '&' and '=' and each name and value is
 * percent-decoded on its own (router_percent_decode, '+' as a space), so
 * an encoded '&' or '=' stays data. Every value goes through the same
 * validator as a query parameter (http_param_check_text), so a page
 * handler sees only declared, valid UTF-8 text. The result is a JSON
 * object of strings so the handlers read a form as they read a JSON body.
 */
#include "http/form.h"

#include <string.h>

#include "http/router.h"
#include "http/media_type.h"
#include "util/banned.h"

/*
 * A free-text field (declared HTTP_PARAM_JSON, see form.h): any valid
 * UTF-8 without NUL goes on as a string; tabs and length are for core's
 * validators, as for the API's JSON member. A browser sends a textarea's
 * line breaks as CR LF (HTML's form submission); we store, and documents
 * print, LF alone, so CR LF and a lone CR become LF here, for every form.
 */
static void
form_free_text(struct http_request *req, json_t *obj, const char *name,
	       const char *value, size_t len)
{
	char *text = arena_alloc(req->arena, len + 1);
	size_t i, used = 0;
	json_t *s = NULL;

	if (!text) {
		ct_problems_add(&req->problems, name, "is te lang");
		return;
	}
	for (i = 0; i < len; i++) {
		if (value[i] == '\r') {
			text[used++] = '\n';
			if (i + 1 < len && value[i + 1] == '\n')
				i++;
		} else {
			text[used++] = value[i];
		}
	}
	if (!memchr(text, '\0', used))
		s = json_stringn(text, used); /* NULL: not UTF-8 */
	if (!s) {
		ct_problems_add(&req->problems, name,
				"waarde bevat ongeldige tekens");
		return;
	}
	if (json_object_set_new(obj, name, s))
		CT_BUG("json_object_set_new failed");
}

int
http_form_is_form_type(const char *content_type)
{
	return http_media_type_is(content_type, HTTP_FORM_CONTENT_TYPE);
}

/* One "name=value" pair [p, end): split and decode into the arena. */
static int
form_pair(struct arena *a, const char *p, const char *end, char **name,
	  size_t *name_len, char **value, size_t *value_len)
{
	const char *eq = memchr(p, '=', (size_t)(end - p));
	const char *name_end = eq ? eq : end;
	const char *v = eq ? eq + 1 : end;

	*name = arena_alloc(a, (size_t)(name_end - p) + 1);
	*value = arena_alloc(a, (size_t)(end - v) + 1);
	if (!*name || !*value)
		return 0;
	if (router_percent_decode(p, (size_t)(name_end - p), 1, *name,
				  name_len) ||
	    router_percent_decode(v, (size_t)(end - v), 1, *value, value_len))
		return 0;
	return 1;
}

int
http_form_value(const char *body, size_t len, const char *name, char *out,
		size_t out_size)
{
	const char *p = body, *end = body + len, *amp, *eq;
	size_t name_len = strlen(name), got;
	char scratch[HTTP_PARAM_NAME_MAX + 1];

	if (!body || out_size == 0)
		return 0;
	while (p < end) {
		amp = memchr(p, '&', (size_t)(end - p));
		if (!amp)
			amp = end;
		eq = memchr(p, '=', (size_t)(amp - p));
		if (eq && (size_t)(eq - p) <= HTTP_PARAM_NAME_MAX &&
		    !router_percent_decode(p, (size_t)(eq - p), 1, scratch,
					   &got) &&
		    got == name_len && memcmp(scratch, name, got) == 0) {
			/* The decoded value is never longer than the raw. */
			if ((size_t)(amp - eq - 1) >= out_size)
				return 0;
			if (router_percent_decode(eq + 1,
						  (size_t)(amp - eq - 1), 1,
						  out, &got))
				return 0;
			out[got] = '\0';
			return strlen(out) == got; /* no embedded NUL */
		}
		p = amp + 1;
	}
	return 0;
}

static void
form_refuse(struct http_request *req, struct http_response *resp,
	    unsigned status, const char *code, const char *message,
	    int with_problems)
{
	http_response_error(resp, req->arena, status, code, message,
			    with_problems ? &req->problems : NULL);
}

enum ct_err
http_form_parse(struct http_request *req, const struct http_param_spec *fields,
		size_t n_fields, size_t max_len, json_t **out,
		struct http_response *resp)
{
	const char *p, *end, *amp;
	const struct http_param_spec *spec;
	char *name, *value;
	size_t name_len, value_len, count = 0, i;
	json_t *obj;

	*out = NULL;
	if (req->body_len > 0 &&
	    !http_form_is_form_type(http_request_header(req, "Content-Type"))) {
		form_refuse(req, resp, 415, "unsupported_media_type",
			    "Een formulier moet als "
			    "application/x-www-form-urlencoded komen.",
			    0);
		return CT_ERR_INVALID;
	}
	if (req->body_len > max_len) {
		form_refuse(req, resp, 413, "too_large",
			    "Het formulier is te groot.", 0);
		return CT_ERR_LIMIT;
	}
	obj = json_object();
	if (!obj)
		CT_BUG("json_object failed");
	p = req->body ? req->body : "";
	end = p + req->body_len;
	while (p < end) {
		amp = memchr(p, '&', (size_t)(end - p));
		if (!amp)
			amp = end;
		if (amp == p) {
			p = amp + 1;
			continue;
		}
		if (++count > HTTP_FORM_FIELDS_MAX) {
			ct_problems_add(&req->problems, "_",
					"te veel formuliervelden");
			break;
		}
		if (!form_pair(req->arena, p, amp, &name, &name_len, &value,
			       &value_len) ||
		    strlen(name) != name_len ||
		    !http_param_text_valid(name, name_len)) {
			ct_problems_add(&req->problems, "_",
					"een veld is niet goed gecodeerd");
			p = amp + 1;
			continue;
		}
		p = amp + 1;
		if (strcmp(name, HTTP_FORM_CSRF_FIELD) == 0)
			continue;
		spec = http_param_find(fields, n_fields, name, name_len);
		if (!spec) {
			ct_problems_add(&req->problems,
					name_len <= HTTP_PARAM_NAME_MAX ? name
									: "_",
					"is geen veld van dit formulier");
			continue;
		}
		if (json_object_get(obj, spec->name)) {
			ct_problems_add(&req->problems, spec->name,
					"staat meer dan eens in het formulier");
			continue;
		}
		if (value_len == 0)
			continue; /* an empty box: not given */
		if (spec->type == HTTP_PARAM_JSON) {
			form_free_text(req, obj, spec->name, value, value_len);
			continue;
		}
		if (http_param_check_text(spec, value, value_len,
					  &req->problems))
			continue;
		json_object_set_new(obj, spec->name,
				    json_stringn(value, value_len));
	}
	for (i = 0; i < n_fields; i++)
		if ((fields[i].flags & HTTP_PARAM_F_REQUIRED) &&
		    !json_object_get(obj, fields[i].name))
			ct_problems_add(&req->problems, fields[i].name,
					"is verplicht");
	if (ct_problems_any(&req->problems)) {
		json_decref(obj);
		form_refuse(req, resp, 400, "invalid",
			    "Het formulier is niet in orde; zie de velden.", 1);
		return CT_ERR_INVALID;
	}
	*out = obj;
	return CT_OK;
}
