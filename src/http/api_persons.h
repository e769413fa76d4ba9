/*
 * api_persons.h - persons of a case: GET/POST
 * /api/v1/cases/{case_id}/persons, GET/PATCH
 * /api/v1/cases/{case_id}/persons/{person_id}.
 *
 * A person id that belongs to another case answers 404 exactly like a
 * missing one, so a case's path cannot be used to reach into another.
 * PATCH carries "version" and only the fields it changes (null clears an
 * optional one); a stale version answers 409 and changes nothing.
 */
#ifndef CT_HTTP_API_PERSONS_H
#define CT_HTTP_API_PERSONS_H

#include <jansson.h>

#include "core/model.h"
#include "http/router.h"

enum ct_err api_persons_list(void *app, struct http_request *req,
			     struct http_response *resp, struct ct_error *err);
enum ct_err api_persons_add(void *app, struct http_request *req,
			    struct http_response *resp, struct ct_error *err);
enum ct_err api_persons_read(void *app, struct http_request *req,
			     struct http_response *resp, struct ct_error *err);
enum ct_err api_persons_update(void *app, struct http_request *req,
			       struct http_response *resp,
			       struct ct_error *err);

/*
 * What POST .../persons does, for the pages too: read body (that route's
 * JSON shape) strictly, validate with core, store and journal the person
 * on case_id (which the policy has allowed). CT_ERR_INVALID with every
 * problem in req->problems and nothing written; on CT_OK *out is the
 * stored person (its text borrowed from body).
 */
enum ct_err api_persons_add_body(void *app, struct http_request *req,
				 const char *case_id, const json_t *body,
				 struct person *out, struct ct_error *err);

#endif
