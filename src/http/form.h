/*
 * form.h - HTML form bodies (application/x-www-form-urlencoded) for the
 * page routes, declared like query parameters (http/param.h).
 *
 * A page route (HTTP_ROUTE_PAGE) declares its form fields in
 * http_route.body; the router parses the body with http_form_parse()
 * instead of the JSON parser, and the handler reads the fields from
 * req->body_json, an object of strings, exactly as an API handler reads
 * a JSON body. A form is accepted only when:
 *  - the Content-Type is application/x-www-form-urlencoded (a charset
 *    parameter of UTF-8 allowed)                              else 415;
 *  - it is at most max_len bytes                              else 413;
 *  - every field is declared, given once and passes its validator, and
 *    every required field is there                  else 400 listing all.
 * An empty value ("name=") counts as not given: a form sends its empty
 * text boxes, and "required" then reads "is verplicht". A field declared
 * HTTP_PARAM_JSON is free text (a textarea): any valid UTF-8 without NUL,
 * line breaks included (CR LF and CR read as LF), up to the form's max_len,
 * handed on as a string
 * for core's validators to judge (as the API's JSON member of the name). The
 * CSRF field (HTTP_FORM_CSRF_FIELD) is always allowed and never handed on: the
 * router's CSRF hook has checked it before.
 *
 * Contract: on success *out holds the new object (the caller owns the
 * reference) and resp is untouched; on failure *out is NULL, resp holds
 * the error in the one JSON shape (a page route turns it into a page)
 * and the problems are in req->problems.
 */
#ifndef CT_HTTP_FORM_H
#define CT_HTTP_FORM_H

#include <stddef.h>

#include <jansson.h>

#include "http/param.h"
#include "http/request.h"
#include "http/response.h"

#define HTTP_FORM_CSRF_FIELD "csrf_token"
#define HTTP_FORM_FIELDS_MAX 256 /* a risk instrument's items */
#define HTTP_FORM_CONTENT_TYPE "application/x-www-form-urlencoded"

enum ct_err http_form_parse(struct http_request *req,
			    const struct http_param_spec *fields,
			    size_t n_fields, size_t max_len, json_t **out,
			    struct http_response *resp);

/* 1 when a Content-Type value names a url-encoded form (UTF-8). */
int http_form_is_form_type(const char *content_type);

/*
 * The decoded value of the first field called name in a url-encoded
 * body, into out (out_size bytes, terminated). 1 when found and it fits,
 * else 0 (also for a malformed escape). For the CSRF hook, which runs
 * before the body is parsed.
 */
int http_form_value(const char *body, size_t len, const char *name, char *out,
		    size_t out_size);

#endif
