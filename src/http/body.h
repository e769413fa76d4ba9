/*
 * body.h - the strict JSON request body.
 *
 * A body is accepted only when:
 *  - the Content-Type is application/json (parameters such as
 *    "; charset=utf-8" allowed, other charsets refused)     else 415;
 *  - it is at most max_len bytes                             else 413;
 *  - it is one JSON object, without duplicate keys, NUL bytes or text after
 *    it (jansson JSON_REJECT_DUPLICATES)                      else 400;
 *  - every member is declared in fields[] and passes its validator, and
 *    every required field is there                          else 400, with
 *    one entry in `fields` per problem (unknown members named).
 *
 * Contract: on success *out holds the parsed object (the caller owns the
 * reference) and resp is untouched; on failure *out is NULL, resp holds
 * the error response in the one shape and the return value is the error
 * code (CT_ERR_INVALID, CT_ERR_LIMIT). The request's arena holds the
 * response.
 */
#ifndef CT_HTTP_BODY_H
#define CT_HTTP_BODY_H

#include <stddef.h>

#include <jansson.h>

#include "http/param.h"
#include "http/request.h"
#include "http/response.h"

#define HTTP_BODY_MAX_DEFAULT ((size_t)1024 * 1024)

enum ct_err http_body_parse_json(struct http_request *req,
				 const struct http_param_spec *fields,
				 size_t n_fields, size_t max_len, json_t **out,
				 struct http_response *resp);

/* 1 when a Content-Type value names JSON in UTF-8. */
int http_body_is_json_type(const char *content_type);

#endif
