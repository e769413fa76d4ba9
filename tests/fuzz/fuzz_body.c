/*
 * fuzz_body.c - http/body.h's http_body_parse_json with declared fields.
 *
 * Input: one selector byte (bits 0-2: the Content-Type; bits 3-4: the size
 * limit), then the body, handed over with its length (it may hold NULs).
 * The fields cover every parameter type, required and nullable ones.
 *
 * Contract checked (body.h): on success *out is a JSON object whose every
 * member is declared and passes its check again here, every required
 * field is present, and resp is untouched; on failure *out is NULL, the
 * code is CT_ERR_INVALID or CT_ERR_LIMIT, and resp holds an error in the
 * one shape with the status the contract names (400, 413, 415). Also:
 * http_body_is_json_type on the Content-Type texts.
 */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include <jansson.h>

#include "fuzz.h"
#include "http/body.h"
#include "util/uuid.h"
#include "util/banned.h"

static const char *const kinds[] = {"partner", "child_abuse", NULL};

static const struct http_param_spec fields[] = {
	HTTP_PARAM_INT_SPEC("version", HTTP_PARAM_F_REQUIRED, 1, 1000),
	HTTP_PARAM_UUID_SPEC("case_id", 0),
	HTTP_PARAM_ENUM_SPEC("kind", HTTP_PARAM_F_NULLABLE, kinds),
	HTTP_PARAM_STRING_SPEC("title", 0, 32),
	HTTP_PARAM_DATE_SPEC("birth_date", HTTP_PARAM_F_NULLABLE),
	{.name = "urgent", .type = HTTP_PARAM_BOOL},
	{.name = "persons", .type = HTTP_PARAM_JSON},
};

/* Content-Type values, and whether they name JSON in UTF-8. */
static const struct {
	const char *value;
	int json;
} types[] = {
	{"application/json", 1},
	{"application/json; charset=utf-8", 1},
	{"Application/JSON ;charset=\"UTF-8\" ", 1},
	{"application/json; charset=latin1", 0},
	{"text/plain", 0},
	{"application/jsonx", 0},
	{"application/json; charset=utf-8; q=1", 0},
	{NULL, 0}, /* no Content-Type at all */
};

static const size_t limits[] = {HTTP_BODY_MAX_DEFAULT, 64, 8, 0};

/* A member that passed must pass the same checks written out here. */
static void
check_member(const struct http_param_spec *spec, json_t *value)
{
	struct ct_problems problems;
	json_int_t v;

	if (json_is_null(value)) {
		FUZZ_CHECK(spec->flags & HTTP_PARAM_F_NULLABLE);
		return;
	}
	switch (spec->type) {
	case HTTP_PARAM_JSON:
		return;
	case HTTP_PARAM_INT:
		FUZZ_CHECK(json_is_integer(value));
		v = json_integer_value(value);
		FUZZ_CHECK(v >= spec->min && v <= spec->max);
		return;
	case HTTP_PARAM_BOOL:
		FUZZ_CHECK(json_is_boolean(value));
		return;
	default:
		FUZZ_CHECK(json_is_string(value));
		ct_problems_init(&problems);
		FUZZ_CHECK(http_param_check_text(spec, json_string_value(value),
						 json_string_length(value),
						 &problems) == CT_OK);
		if (spec->type == HTTP_PARAM_UUID)
			FUZZ_CHECK(ct_uuid_valid(json_string_value(value)));
		return;
	}
}

static void
check_error(const struct http_response *resp, enum ct_err rc)
{
	json_t *body;

	FUZZ_CHECK(rc == CT_ERR_INVALID || rc == CT_ERR_LIMIT);
	FUZZ_CHECK(resp->status == 400 || resp->status == 413 ||
		   resp->status == 415);
	FUZZ_CHECK((rc == CT_ERR_LIMIT) == (resp->status == 413));
	body = json_loadb(resp->body, resp->body_len, 0, NULL);
	FUZZ_CHECK(json_is_object(body));
	FUZZ_CHECK(json_is_string(json_object_get(body, "code")));
	FUZZ_CHECK(json_is_string(json_object_get(body, "message")));
	FUZZ_CHECK(json_is_object(json_object_get(body, "fields")));
	json_decref(body);
}

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	unsigned sel = fuzz_take_byte(&data, &size);
	const char *type = types[sel & 7].value;
	size_t max_len = limits[(sel >> 3) & 3], i;
	struct http_response resp;
	struct http_request req;
	struct arena arena;
	json_t *out = (json_t *)&out, *value;
	const char *key;
	enum ct_err rc;
	char *text;

	FUZZ_CHECK(http_body_is_json_type(type) == types[sel & 7].json);

	arena_init(&arena, ARENA_MAX_DEFAULT);
	http_request_init(&req, &arena, HTTP_METHOD_POST, "/");
	if (type)
		FUZZ_CHECK(http_request_add_header(&req, "Content-Type",
						   type) == CT_OK);
	if (size)
		FUZZ_CHECK(http_request_set_body(&req, data, size) == CT_OK);
	http_response_init(&resp);
	rc = http_body_parse_json(&req, fields, CT_ARRAY_SIZE(fields), max_len,
				  &out, &resp);
	if (rc) {
		FUZZ_CHECK(out == NULL);
		check_error(&resp, rc);
		if (size > max_len)
			FUZZ_CHECK(rc == CT_ERR_LIMIT);
		if (!types[sel & 7].json && size <= max_len)
			FUZZ_CHECK(resp.status == 415);
	} else {
		FUZZ_CHECK(resp.status == 0 && resp.body == NULL);
		FUZZ_CHECK(size <= max_len && types[sel & 7].json);
		FUZZ_CHECK(json_is_object(out));
		json_object_foreach(out, key, value)
		{
			const struct http_param_spec *spec =
				http_param_find(fields, CT_ARRAY_SIZE(fields),
						key, strlen(key));

			FUZZ_CHECK(spec != NULL);
			check_member(spec, value);
		}
		for (i = 0; i < CT_ARRAY_SIZE(fields); i++)
			if (fields[i].flags & HTTP_PARAM_F_REQUIRED)
				FUZZ_CHECK(
					json_object_get(out, fields[i].name));
		json_decref(out);
	}
	arena_release(&arena);

	/* The Content-Type check on the fuzzed text itself. */
	text = fuzz_strndup(data, size);
	if (http_body_is_json_type(text))
		FUZZ_CHECK(strncasecmp(text + strspn(text, " \t"),
				       "application/json", 16) == 0);
	free(text);
	return 0;
}
