/*
 * api_cases.h - cases: GET /api/v1/cases (the caller's team cases, with
 * filters region, jurisdiction, status and paging), POST /api/v1/cases
 * (owned by the caller's organisation), GET /api/v1/cases/{case_id},
 * PATCH /api/v1/cases/{case_id} (status, pattern; "version" required, a
 * stale one answers 409 and changes nothing).
 *
 * A list never shows a case whose current team does not hold the
 * caller's organisation (store_case_filter.member_org_id); a single case
 * outside the team was already answered 404 by the router.
 */
#ifndef CT_HTTP_API_CASES_H
#define CT_HTTP_API_CASES_H

#include <jansson.h>

#include "core/model.h"
#include "http/router.h"

enum ct_err api_cases_list(void *app, struct http_request *req,
			   struct http_response *resp, struct ct_error *err);
enum ct_err api_cases_create(void *app, struct http_request *req,
			     struct http_response *resp, struct ct_error *err);
enum ct_err api_cases_read(void *app, struct http_request *req,
			   struct http_response *resp, struct ct_error *err);
enum ct_err api_cases_update(void *app, struct http_request *req,
			     struct http_response *resp, struct ct_error *err);

/*
 * The case as JSON text in a (length in *len): byte for byte what
 * http_response_json(case_to_json(c)) answers, written directly, or NULL
 * when a text of the case needs escaping (then use case_to_json). The
 * read of one case is the API's most frequent answer.
 */
#define API_CASES_JSON_MAX 1024
char *api_cases_json(struct arena *a, const struct ct_case *c, size_t *len);

/*
 * What POST /api/v1/cases does, for the pages too: read body strictly,
 * validate with core, store (owned by the caller's organisation, the
 * policy's rule for case.create) and journal. CT_ERR_INVALID with every
 * problem in req->problems and nothing written; on CT_OK *out is the
 * new case (id and reference assigned).
 */
enum ct_err api_cases_create_body(void *app, struct http_request *req,
				  const json_t *body, struct ct_case *out,
				  struct ct_error *err);

#endif
