/*
 * body.c - strict JSON bodies checked against a declared field list.
 *
 * The order of checks is size, media type, syntax, fields: the cheapest
 * refusal first, and nothing is parsed from a body we would refuse anyway.
 * All field problems are collected, so a client fixes them in one go.
 */
#include "http/body.h"

#include <string.h>

#include "http/media_type.h"
#include "util/banned.h"

int
http_body_is_json_type(const char *content_type)
{
	return http_media_type_is(content_type, "application/json");
}

static const char *
json_type_word(const struct http_param_spec *spec)
{
	switch (spec->type) {
	case HTTP_PARAM_INT:
		return "moet een geheel getal zijn";
	case HTTP_PARAM_BOOL:
		return "moet true of false zijn";
	default:
		return "moet een tekst zijn";
	}
}

static void
check_field(const struct http_param_spec *spec, json_t *value,
	    struct ct_problems *problems)
{
	json_int_t v;

	if (json_is_null(value)) {
		if (!(spec->flags & HTTP_PARAM_F_NULLABLE))
			ct_problems_add(problems, spec->name,
					"mag niet leeg (null) zijn");
		return;
	}
	switch (spec->type) {
	case HTTP_PARAM_JSON:
		return;
	case HTTP_PARAM_INT:
		if (!json_is_integer(value)) {
			ct_problems_add(problems, spec->name, "%s",
					json_type_word(spec));
			return;
		}
		v = json_integer_value(value);
		if (v < spec->min || v > spec->max)
			ct_problems_add(problems, spec->name,
					"geen geheel getal van %lld tot en met "
					"%lld",
					(long long)spec->min,
					(long long)spec->max);
		return;
	case HTTP_PARAM_BOOL:
		if (!json_is_boolean(value))
			ct_problems_add(problems, spec->name, "%s",
					json_type_word(spec));
		return;
	default:
		if (!json_is_string(value)) {
			ct_problems_add(problems, spec->name, "%s",
					json_type_word(spec));
			return;
		}
		http_param_check_text(spec, json_string_value(value),
				      json_string_length(value), problems);
		return;
	}
}

static void
fail(struct http_request *req, struct http_response *resp, unsigned status,
     const char *code, const char *message, int with_problems)
{
	http_response_error(resp, req->arena, status, code, message,
			    with_problems ? &req->problems : NULL);
}

enum ct_err
http_body_parse_json(struct http_request *req,
		     const struct http_param_spec *fields, size_t n_fields,
		     size_t max_len, json_t **out, struct http_response *resp)
{
	json_error_t jerr;
	json_t *obj, *value;
	const char *key;
	size_t i;

	*out = NULL;
	if (req->body_len > max_len) {
		fail(req, resp, 413, "too_large",
		     "De inhoud van het verzoek is te groot.", 0);
		return CT_ERR_LIMIT;
	}
	if (!http_body_is_json_type(http_request_header(req, "Content-Type"))) {
		fail(req, resp, 415, "unsupported_media_type",
		     "De inhoud moet JSON zijn (Content-Type: "
		     "application/json).",
		     0);
		return CT_ERR_INVALID;
	}
	if (!req->body || req->body_len == 0) {
		fail(req, resp, 400, "invalid",
		     "Dit verzoek vraagt om een JSON-object als inhoud.", 0);
		return CT_ERR_INVALID;
	}
	obj = json_loadb(req->body, req->body_len, JSON_REJECT_DUPLICATES,
			 &jerr);
	if (!obj) {
		struct ct_error err;

		ct_error_set(&err, CT_ERR_INVALID,
			     "De inhoud is geen geldige JSON (regel %d, "
			     "teken %d), of een naam staat er twee keer in.",
			     jerr.line, jerr.column);
		fail(req, resp, 400, "invalid", err.message, 0);
		return CT_ERR_INVALID;
	}
	if (!json_is_object(obj)) {
		json_decref(obj);
		fail(req, resp, 400, "invalid",
		     "De inhoud moet een JSON-object zijn.", 0);
		return CT_ERR_INVALID;
	}
	json_object_foreach(obj, key, value)
	{
		const struct http_param_spec *spec;

		spec = http_param_find(fields, n_fields, key, strlen(key));
		if (!spec)
			ct_problems_add(&req->problems, key, "onbekend veld");
		else
			check_field(spec, value, &req->problems);
	}
	for (i = 0; i < n_fields; i++) {
		if ((fields[i].flags & HTTP_PARAM_F_REQUIRED) &&
		    !json_object_get(obj, fields[i].name))
			ct_problems_add(&req->problems, fields[i].name,
					"is verplicht");
	}
	if (ct_problems_any(&req->problems)) {
		json_decref(obj);
		fail(req, resp, 400, "invalid",
		     "De inhoud is niet in orde; zie de velden.", 1);
		return CT_ERR_INVALID;
	}
	*out = obj;
	return CT_OK;
}
