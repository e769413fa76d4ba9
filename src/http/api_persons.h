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

#endif
