/*
 * api_common.h - what every JSON API handler of /api/v1 shares: the
 * store of this thread, paging, the list shape, and the answers for
 * "absent" and "stale".
 *
 * Lists have one shape: {"items": [...], "total": N, "limit": L,
 * "offset": O}, where total counts every item the filter matches and
 * items holds at most limit of them starting at offset.
 *
 * Contract:
 *  - api_not_found() gives exactly the router's 404 text, so that a
 *    record outside the caller's reach and a missing one answer with the
 *    same bytes (issue 3: a case outside the team looks absent).
 *  - api_store_failed() turns a store error into the answer a client may
 *    see: NOTFOUND becomes api_not_found(), CONFLICT keeps a sentence
 *    telling the client to read again; the rest passes unchanged (the
 *    response layer hides internal detail).
 *  - The JSON helpers abort on allocation failure (CT_BUG), like
 *    core/model_json.c: jansson returns NULL only when out of memory.
 */
#ifndef CT_HTTP_API_COMMON_H
#define CT_HTTP_API_COMMON_H

#include <stddef.h>
#include <stdint.h>

#include <jansson.h>

#include "http/router.h"
#include "store/store.h"

/* Identical to the router's 404 body message (a test compares them). */
#define API_NOT_FOUND_MESSAGE                                                  \
	"Dit adres of dit gegeven bestaat niet, of u hebt er geen toegang toe."

#define API_OFFSET_MAX INT64_C(1000000000)

/* The paging parameters every list route declares. */
#define API_PAGING_QUERY                                                       \
	HTTP_PARAM_INT_SPEC("limit", 0, 1, STORE_LIST_LIMIT_MAX),              \
		HTTP_PARAM_INT_SPEC("offset", 0, 0, API_OFFSET_MAX)

struct api_page {
	size_t limit;  /* STORE_LIST_LIMIT_DEFAULT when not given */
	size_t offset; /* 0 when not given */
};

/* Read "limit" and "offset" (validated by the router) from req. */
void api_page_read(const struct http_request *req, struct api_page *pg);
/* 1 when item number i of a whole list falls on the page. */
int api_page_contains(const struct api_page *pg, size_t i);

/* 200 with {items, total, limit, offset}; steals items. */
void api_list_respond(struct http_request *req, struct http_response *resp,
		      json_t *items, size_t total, const struct api_page *pg);

/* This thread's store for the app behind a handler. */
struct store *api_store(void *app, struct ct_error *err);
/* The current time of the app (UTC seconds). */
int64_t api_now(void *app);

enum ct_err api_not_found(struct ct_error *err);
/* A stale version: 409 with a sentence that says what to do. */
enum ct_err api_conflict(struct ct_error *err);
enum ct_err api_store_failed(enum ct_err rc, struct ct_error *err);
/*
 * CT_ERR_INVALID when req->problems holds anything (the problems become
 * `fields`), else CT_OK.
 */
enum ct_err api_check_problems(struct http_request *req,
			       struct ct_error *err);

/* JSON building that aborts on allocation failure. */
json_t *api_json_object(void);
json_t *api_json_array(void);
void api_json_set(json_t *obj, const char *key, json_t *value);
void api_json_append(json_t *arr, json_t *value);
/* A string member, left out when s is NULL. */
void api_json_set_text(json_t *obj, const char *key, const char *s);
/* An instant as UTC ISO 8601; left out when t is 0 and omit_zero. */
void api_json_set_instant(json_t *obj, const char *key, int64_t t,
			  int omit_zero);

#endif
