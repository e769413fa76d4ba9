/*
 * api_worklist.h - the work list and notifications of the signed-in
 * user's organisation (issue 4 "Deadlines and the work list"):
 *
 *   GET  /api/v1/worklist?coming_days=7&limit=&offset=
 *        {"today": "2026-07-13", "zone": "Europe/Amsterdam",
 *         "coming_days": 7, "now": ISO,
 *         "overdue": {items, total}, "due": {...}, "coming": {...}}
 *        each item: id, case_id, case_reference, kind, title, rule_id,
 *        due_at (UTC), due_local, deadline ("maandag 13 juli 2026 om
 *        13:59"), time_left ("nog 3 uur", "2 dagen te laat"), status,
 *        version; limit/offset page each bucket.
 *   POST /api/v1/cases/{case_id}/tasks/{task_id}/done     (task.complete)
 *   GET  /api/v1/notifications?unread=true&limit=&offset=  (list shape)
 *   POST /api/v1/notifications/{notification_id}/read
 *
 * "Today" is the local day of the organisation's country. Completing a
 * task is a change of the case (journaled) and needs the case team; a
 * task of another case answers 404.
 */
#ifndef CT_HTTP_API_WORKLIST_H
#define CT_HTTP_API_WORKLIST_H

#include <jansson.h>

#include "http/router.h"
#include "store/store_task.h"

#define API_WORKLIST_COMING_DAYS_DEFAULT 7

enum ct_err api_worklist_read(void *app, struct http_request *req,
			      struct http_response *resp,
			      struct ct_error *err);
enum ct_err api_worklist_task_done(void *app, struct http_request *req,
				   struct http_response *resp,
				   struct ct_error *err);
enum ct_err api_worklist_notifications(void *app, struct http_request *req,
				       struct http_response *resp,
				       struct ct_error *err);
enum ct_err api_worklist_notification_read(void *app,
					   struct http_request *req,
					   struct http_response *resp,
					   struct ct_error *err);

/* One task as the work list shows it at now (new reference). */
json_t *api_worklist_task_json(const struct task *t, int64_t now);

#endif
