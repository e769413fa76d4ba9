/*
 * api_common.c - the shared pieces of the API handlers: paging, the list
 * shape, store errors as the client sees them, JSON building.
 *
 * Kept small on purpose: anything a handler does about one record lives
 * in that record's api_*.c, so each file reads top to bottom.
 */
#include "http/api_common.h"

#include <stdio.h>

#include "http/app.h"
#include "util/civtime.h"
#include "util/compat.h"
#include "util/banned.h"

void
api_page_read(const struct http_request *req, struct api_page *pg)
{
	int64_t v;

	http_request_param_int(req, "limit", STORE_LIST_LIMIT_DEFAULT, &v);
	pg->limit = (size_t)v;
	http_request_param_int(req, "offset", 0, &v);
	pg->offset = (size_t)v;
}

int
api_page_contains(const struct api_page *pg, size_t i)
{
	return i >= pg->offset && i - pg->offset < pg->limit;
}

void
api_list_respond(struct http_request *req, struct http_response *resp,
		 json_t *items, size_t total, const struct api_page *pg)
{
	json_t *j = api_json_object();

	api_json_set(j, "items", items);
	api_json_set(j, "total", json_integer((json_int_t)total));
	api_json_set(j, "limit", json_integer((json_int_t)pg->limit));
	api_json_set(j, "offset", json_integer((json_int_t)pg->offset));
	http_response_json(resp, req->arena, 200, j);
}

struct store *
api_store(void *app, struct ct_error *err)
{
	return app_store(app, err);
}

int64_t
api_now(void *app)
{
	return app_now(app);
}

enum ct_err
api_not_found(struct ct_error *err)
{
	return ct_error_set(err, CT_ERR_NOTFOUND, "%s", API_NOT_FOUND_MESSAGE);
}

enum ct_err
api_conflict(struct ct_error *err)
{
	return ct_error_set(err, CT_ERR_CONFLICT,
			    "Dit gegeven is intussen door iemand anders "
			    "gewijzigd. Lees het opnieuw en stuur uw "
			    "wijziging met de nieuwe versie.");
}

enum ct_err
api_store_failed(enum ct_err rc, struct ct_error *err)
{
	if (rc == CT_ERR_NOTFOUND)
		return api_not_found(err);
	if (rc == CT_ERR_CONFLICT)
		return api_conflict(err);
	return rc;
}

enum ct_err
api_check_problems(struct http_request *req, struct ct_error *err)
{
	if (!ct_problems_any(&req->problems))
		return CT_OK;
	return ct_error_set(err, CT_ERR_INVALID,
			    "De invoer is niet in orde; zie de velden.");
}

static json_t *
api_json_checked(json_t *j)
{
	if (!j)
		CT_BUG("jansson could not allocate a value");
	return j;
}

json_t *
api_json_object(void)
{
	return api_json_checked(json_object());
}

json_t *
api_json_array(void)
{
	return api_json_checked(json_array());
}

void
api_json_set(json_t *obj, const char *key, json_t *value)
{
	if (json_object_set_new(obj, key, api_json_checked(value)))
		CT_BUG("json_object_set_new failed");
}

void
api_json_append(json_t *arr, json_t *value)
{
	if (json_array_append_new(arr, api_json_checked(value)))
		CT_BUG("json_array_append_new failed");
}

void
api_json_set_text(json_t *obj, const char *key, const char *s)
{
	json_t *j;

	if (!s)
		return;
	/* Text from the store was validated UTF-8; null if it is not. */
	j = json_string(s);
	api_json_set(obj, key, j ? j : json_null());
}

void
api_json_set_instant(json_t *obj, const char *key, int64_t t, int omit_zero)
{
	char buf[CT_ISO_SIZE];

	if (t == 0 && omit_zero)
		return;
	ct_instant_format_utc(t, buf);
	api_json_set(obj, key, json_string(buf));
}
