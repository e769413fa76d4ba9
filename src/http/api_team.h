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

/*
 * What POST .../team and DELETE .../team/{org_id} do, for the pages too
 * (the policy has allowed team.add / team.remove on case_id): the reason
 * checked (problem "reason"), for an addition the organisation too
 * (problem "org_id", *out receives it), then stored and journaled.
 * CT_ERR_INVALID with the problems in req->problems; CT_ERR_EXISTS for a
 * member already on the team; CT_ERR_DENIED for removing the owner;
 * CT_ERR_NOTFOUND (as api_not_found) for a removal of a non-member.
 * Nothing is written on any error.
 */
enum ct_err api_team_add_member(void *app, struct http_request *req,
				const char *case_id, const char *org_id,
				const char *reason, struct org *out,
				struct ct_error *err);
enum ct_err api_team_remove_member(void *app, struct http_request *req,
				   const char *case_id, const char *org_id,
				   const char *reason, struct ct_error *err);

#endif
