/*
 * api_cases.c - cases over JSON.
 *
 * The handlers trust the router for access: by the time they run the
 * policy has allowed the action on this case. The read serves the copy
 * authorize loaded into the session (the one the decision and the access
 * log are about); an update reads the case from the store itself so that
 * it compares against the version on disk.
 */
#include "http/api_cases.h"

#include <inttypes.h>
#include <stdio.h>
#include <string.h>

#include "core/model_json.h"
#include "core/validate.h"
#include "http/api_common.h"
#include "http/app.h"
#include "util/civtime.h"
#include "util/banned.h"

static const struct app_session *
api_cases_session(const struct http_request *req)
{
	const struct app_session *s = app_session(req);

	if (!s)
		CT_BUG("case route without a session");
	return s;
}

enum ct_err
api_cases_list(void *app, struct http_request *req, struct http_response *resp,
	       struct ct_error *err)
{
	const struct app_session *s = api_cases_session(req);
	struct store *st = api_store(app, err);
	struct store_case_filter f;
	struct api_page pg;
	struct ct_case *cases = NULL;
	size_t n = 0, total = 0, i;
	const char *v;
	json_t *items;
	enum ct_err rc;

	if (!st)
		return err->code;
	store_case_filter_init(&f);
	f.member_org_id = s->user.org_id;
	f.region = http_request_param(req, "region");
	f.reference_part = http_request_param(req, "reference");
	v = http_request_param(req, "jurisdiction");
	if (v)
		f.jurisdiction = vocab_index(&vocab_country, v);
	v = http_request_param(req, "status");
	if (v)
		f.status = vocab_index(&vocab_case_status, v);
	api_page_read(req, &pg);
	f.limit = pg.limit;
	f.offset = pg.offset;
	rc = store_case_list(st, &f, req->arena, &cases, &n, &total, err);
	if (rc)
		return api_store_failed(rc, err);
	items = api_json_array();
	for (i = 0; i < n; i++)
		api_json_append(items, case_to_json(&cases[i]));
	api_list_respond(req, resp, items, total, &pg);
	return CT_OK;
}

enum ct_err
api_cases_create_body(void *app, struct http_request *req, const json_t *body,
		      struct ct_case *out, struct ct_error *err)
{
	const struct app_session *s = api_cases_session(req);
	struct store *st = api_store(app, err);
	struct store_actor who = app_actor(req);
	enum ct_err rc;

	if (!st)
		return err->code;
	memset(out, 0, sizeof(*out));
	out->pattern = PATTERN_UNKNOWN;
	/* The policy's rule for case.create: the caller's own organisation. */
	memcpy(out->owner_org_id, s->user.org_id, sizeof(out->owner_org_id));
	if (!case_from_json(body, MODEL_JSON_CREATE, out, &req->problems))
		case_validate(out, &req->problems);
	rc = api_check_problems(req, err);
	if (rc)
		return rc;
	rc = store_case_create(st, &who, out, err);
	if (rc)
		return api_store_failed(rc, err);
	return CT_OK;
}

enum ct_err
api_cases_create(void *app, struct http_request *req,
		 struct http_response *resp, struct ct_error *err)
{
	struct ct_case c;
	enum ct_err rc;

	rc = api_cases_create_body(app, req, req->body_json, &c, err);
	if (rc)
		return rc;
	http_response_json(resp, req->arena, 201, case_to_json(&c));
	return CT_OK;
}

/* Text that JSON writes as it is: printable ASCII, no quote or backslash. */
static int
api_cases_plain(const char *s)
{
	if (!s || !s[0])
		return 0;
	for (; *s; s++)
		if (*s < 0x20 || *s > 0x7e || *s == '"' || *s == '\\')
			return 0;
	return 1;
}

char *
api_cases_json(struct arena *a, const struct ct_case *c, size_t *len)
{
	const char *jurisdiction, *status, *pattern;
	char created[CT_ISO_SIZE], updated[CT_ISO_SIZE];
	char buf[API_CASES_JSON_MAX];
	int n;

	jurisdiction = vocab_code(&vocab_country, (unsigned)c->jurisdiction);
	status = vocab_code(&vocab_case_status, (unsigned)c->status);
	pattern = vocab_code(&vocab_violence_pattern, (unsigned)c->pattern);
	if (!api_cases_plain(c->id) || !api_cases_plain(c->reference) ||
	    !api_cases_plain(c->region) || !api_cases_plain(c->owner_org_id) ||
	    !api_cases_plain(jurisdiction) || !api_cases_plain(status) ||
	    !api_cases_plain(pattern))
		return NULL;
	ct_instant_format_utc(c->created_at, created);
	ct_instant_format_utc(c->updated_at, updated);
	n = snprintf(buf, sizeof(buf),
		     "{\"id\":\"%s\",\"reference\":\"%s\","
		     "\"jurisdiction\":\"%s\",\"region\":\"%s\","
		     "\"owner_org_id\":\"%s\",\"status\":\"%s\","
		     "\"pattern\":\"%s\",\"created_at\":\"%s\","
		     "\"updated_at\":\"%s\",\"version\":%" PRId64 "}",
		     c->id, c->reference, jurisdiction, c->region,
		     c->owner_org_id, status, pattern, created, updated,
		     c->version);
	if (n < 0 || (size_t)n >= sizeof(buf))
		return NULL;
	*len = (size_t)n;
	return arena_strndup(a, buf, (size_t)n);
}

/*
 * The case authorize loaded for the decision (and the access log names):
 * exactly what was allowed, without reading it a second time. Its JSON
 * is written straight from the record when it can (api_cases_json): the
 * same bytes as case_to_json and http_response_json, without building
 * and dumping an object for every read.
 */
enum ct_err
api_cases_read(void *app, struct http_request *req, struct http_response *resp,
	       struct ct_error *err)
{
	const struct app_session *s = api_cases_session(req);
	size_t len = 0;
	char *text;

	(void)app;
	(void)err;
	if (!s->has_case)
		CT_BUG("case.read served without the authorized case");
	text = api_cases_json(req->arena, &s->the_case, &len);
	if (!text) {
		http_response_json(resp, req->arena, 200,
				   case_to_json(&s->the_case));
		return CT_OK;
	}
	resp->status = 200;
	resp->content_type = HTTP_CONTENT_TYPE_JSON;
	resp->body = text;
	resp->body_len = len;
	return CT_OK;
}

enum ct_err
api_cases_update(void *app, struct http_request *req,
		 struct http_response *resp, struct ct_error *err)
{
	struct store *st = api_store(app, err);
	struct store_actor who = app_actor(req);
	struct ct_case c;
	int64_t read_version;
	enum ct_err rc;

	if (!st)
		return err->code;
	rc = store_case_get(st, http_request_param(req, "case_id"), req->arena,
			    &c, err);
	if (rc)
		return api_store_failed(rc, err);
	read_version = c.version;
	if (!case_from_json(req->body_json, MODEL_JSON_UPDATE, &c,
			    &req->problems))
		case_validate(&c, &req->problems);
	rc = api_check_problems(req, err);
	if (rc)
		return rc;
	/* Stale before we even try: the store would refuse it the same way. */
	if (c.version != read_version)
		return api_conflict(err);
	rc = store_case_update(st, &who, &c, err);
	if (rc)
		return api_store_failed(rc, err);
	http_response_json(resp, req->arena, 200, case_to_json(&c));
	return CT_OK;
}
