/*
 * api_team.h - the case team: GET /api/v1/cases/{case_id}/team, POST
 * /api/v1/cases/{case_id}/team {org_id, reason}, DELETE
 * /api/v1/cases/{case_id}/team/{org_id} {reason}.
 *
 * Only the owning organisation changes the team (policy "team.add",
 * "team.remove"); a reason of STORE_REASON_MIN..STORE_REASON_MAX bytes
 * is required and journaled. The owner cannot leave (403); adding a
 * member twice is 409.
 */
#ifndef CT_HTTP_API_TEAM_H
#define CT_HTTP_API_TEAM_H

#include <jansson.h>

#include "http/router.h"
#include "store/store_team.h"

enum ct_err api_team_list(void *app, struct http_request *req,
			  struct http_response *resp, struct ct_error *err);
enum ct_err api_team_add(void *app, struct http_request *req,
			 struct http_response *resp, struct ct_error *err);
enum ct_err api_team_remove(void *app, struct http_request *req,
			    struct http_response *resp, struct ct_error *err);

/* One member as JSON (new reference). */
json_t *api_team_member_json(const struct team_member *m);
/*
 * Check a reason (from a body member called field) into req->problems:
 * STORE_REASON_MIN..STORE_REASON_MAX bytes.
 */
void api_team_check_reason(struct http_request *req, const char *field,
			   const char *reason);

#endif
