/*
 * api_break_glass.h - emergency access ("break the glass"):
 *   POST /api/v1/cases/{case_id}/break-glass {reason}: a user outside the
 *        case team opens the case for app->cfg.break_glass_seconds
 *        (policy "break_glass.open"); answers 201 with the grant and its
 *        expiry. The store journals it on the case, so the owning
 *        organisation sees it in the timeline.
 *   GET  /api/v1/break-glass?unreviewed=&limit=&offset=: the review list
 *        (policy "break_glass.list": the privacy officer).
 *   POST /api/v1/break-glass/{grant_id}/review {note}: mark reviewed
 *        (policy "break_glass.review": the privacy officer, or a
 *        coordinator of the organisation that owns the grant's case; a
 *        grant on another organisation's case answers 404).
 */
#ifndef CT_HTTP_API_BREAK_GLASS_H
#define CT_HTTP_API_BREAK_GLASS_H

#include <jansson.h>

#include "http/router.h"
#include "store/store_team.h"

#define API_BREAK_GLASS_NOTE_MAX 1000

enum ct_err api_break_glass_open(void *app, struct http_request *req,
				 struct http_response *resp,
				 struct ct_error *err);
enum ct_err api_break_glass_list(void *app, struct http_request *req,
				 struct http_response *resp,
				 struct ct_error *err);
enum ct_err api_break_glass_review(void *app, struct http_request *req,
				   struct http_response *resp,
				   struct ct_error *err);

/* One grant as JSON (new reference). */
json_t *api_break_glass_json(const struct break_glass *b);

#endif
