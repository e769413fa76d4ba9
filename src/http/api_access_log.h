/*
 * api_access_log.h - the access log for the data protection officer:
 * GET /api/v1/access-log?user_id=&person_id=&case_id=&org_id=&allowed=
 * &from=&to=&limit=&offset= (policy "access_log.query"), newest first.
 *
 * from and to are calendar dates (YYYY-MM-DD) in UTC, both inclusive:
 * "what did this user look at last week", "who looked at this person".
 */
#ifndef CT_HTTP_API_ACCESS_LOG_H
#define CT_HTTP_API_ACCESS_LOG_H

#include <jansson.h>

#include "http/router.h"
#include "store/access_log.h"

enum ct_err api_access_log_query(void *app, struct http_request *req,
				 struct http_response *resp,
				 struct ct_error *err);

/* One record as JSON (new reference). */
json_t *api_access_entry_json(const struct access_entry *e);

#endif
