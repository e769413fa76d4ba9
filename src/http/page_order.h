/*
 * page_order.h - the restraining order and the risk assessment in the
 * browser (issue 5): rows of the one route table (http/routes.c adds
 * PAGE_ORDER_ROUTES after PAGE_ROUTES), each with its policy action.
 *
 *   GET  /dossiers/{case_id}/huisverbod/nieuw                order.create
 *        "Huisverbod voorbereiden": the open step's form
 *   POST /dossiers/{case_id}/huisverbod                      order.create
 *        -> 303 the order page
 *   GET  /dossiers/{case_id}/huisverbod/{order_id}           order.read
 *        THE ORDER PAGE: state, clock, the next legal steps (buttons, or
 *        who must act), deadlines, facts, timeline, documents
 *   GET  /dossiers/{case_id}/huisverbod/{order_id}/stap/{kind}  order.step
 *   POST /dossiers/{case_id}/huisverbod/{order_id}/stap/{kind}  order.step
 *        the form of one step kind (its stable code: decide, serve, ...)
 *        -> 303 the order page
 *   GET  /dossiers/{case_id}/risicotaxatie/nieuw[?instrument=id]
 *                                                            assessment.add
 *        choose an instrument of the case's jurisdiction, then its form
 *   POST /dossiers/{case_id}/risicotaxatie                   assessment.add
 *        -> 303 the assessment page
 *   GET  /dossiers/{case_id}/risicotaxatie/{assessment_id}   assessment.read
 *        the outcome, the answers, who and when; the override form
 *   POST /dossiers/{case_id}/risicotaxatie/{assessment_id}/bijstellen
 *                                                       assessment.override
 *        -> 303 the assessment page
 *
 * URL contract: other pages (the case file) link to these paths as they
 * stand; PAGE_ORDER_URL_* below spell them for C code.
 *
 * Contract of the pages:
 *  - They take the API's paths: core/order_json.h reads the step as the
 *    API's body, store_order_open / store_order_step check it against the
 *    law in the write transaction (with the order's version from a hidden
 *    field), api_assessments_fill / _override_checked store assessments,
 *    api_documents_offers says which documents can be made (linked to the
 *    API's download, which takes the session cookie). A page and the API
 *    never disagree.
 *  - Type problems answer 400 with the form again, every problem beside
 *    its field and in the summary; a refusal of the law 422 with the
 *    rule's title and source above the form and beside the field it
 *    names; a stale version 409 with the conflict message. The input is
 *    kept and nothing is written. Success answers 303.
 *  - A step kind that is not a step: 404. A kind the law does not allow
 *    now: the order page with that message (409), never a form.
 *  - Words follow the case's jurisdiction (NL / BE strings), times are
 *    the jurisdiction's local time.
 *  - An organisation outside the case team gets the one 404 page on
 *    every URL, GET and POST (the router's policy, before any handler).
 */
#ifndef CT_HTTP_PAGE_ORDER_H
#define CT_HTTP_PAGE_ORDER_H

#include <jansson.h>

#include "core/instrument.h"
#include "core/model.h"
#include "core/order.h"
#include "http/page_common.h"
#include "http/page_order_fields.h"
#include "http/router.h"

#define PAGE_ORDER_URL_NEW "/dossiers/%s/huisverbod/nieuw"
#define PAGE_ORDER_URL "/dossiers/%s/huisverbod/%s"
#define PAGE_ORDER_URL_STEP "/dossiers/%s/huisverbod/%s/stap/%s"
#define PAGE_ASSESSMENT_URL_NEW "/dossiers/%s/risicotaxatie/nieuw"
#define PAGE_ASSESSMENT_URL "/dossiers/%s/risicotaxatie/%s"
#define PAGE_ORDER_URL_MAX 160

/* The assessment form: positional fields, one per item and signal. */
#define PAGE_ASSESSMENT_FORM_COUNT                                             \
	(2 + INSTRUMENT_ITEMS_MAX + INSTRUMENT_SIGNALS_MAX)

enum ct_err page_order_new(void *app, struct http_request *req,
			   struct http_response *resp, struct ct_error *err);
enum ct_err page_order_create(void *app, struct http_request *req,
			      struct http_response *resp, struct ct_error *err);
enum ct_err page_order_show(void *app, struct http_request *req,
			    struct http_response *resp, struct ct_error *err);
enum ct_err page_order_step_form(void *app, struct http_request *req,
				 struct http_response *resp,
				 struct ct_error *err);
enum ct_err page_order_step(void *app, struct http_request *req,
			    struct http_response *resp, struct ct_error *err);
enum ct_err page_assessment_new(void *app, struct http_request *req,
				struct http_response *resp,
				struct ct_error *err);
enum ct_err page_assessment_add(void *app, struct http_request *req,
				struct http_response *resp,
				struct ct_error *err);
enum ct_err page_assessment_show(void *app, struct http_request *req,
				 struct http_response *resp,
				 struct ct_error *err);
enum ct_err page_assessment_override(void *app, struct http_request *req,
				     struct http_response *resp,
				     struct ct_error *err);

/* ---- shared by page_order.c, page_order_step.c, page_assessment.c ---- */

/* The case of a case-bound page (the router's authorize loaded it). */
const struct ct_case *page_order_case(const struct http_request *req);

/*
 * page_vars_new() with the strings of the case's jurisdiction (NL / BE
 * words whatever the user's own country), "case_id" and "reference".
 */
struct tmpl_vars *page_order_vars(void *app, struct http_request *req,
				  const char *title);

/*
 * The order page of the request's order, with status and a notice at
 * its top (a step not allowed now; NULL: none).
 */
enum ct_err page_order_render(void *app, struct http_request *req,
			      struct http_response *resp, unsigned status,
			      const char *notice, struct ct_error *err);

/* What the fields of k offer on this case (page_order_fields.h). */
enum ct_err page_order_ctx_load(void *app, struct http_request *req,
				const struct page_order_kind *k,
				const struct order *o, struct page_order_ctx *c,
				struct ct_error *err);

/* A step's form page: the open form when order is NULL. */
struct page_order_form {
	const struct page_order_kind *kind;
	const struct order *order;
	const json_t *form;		     /* as posted; NULL: the defaults */
	struct ct_problems problems;	     /* by form field name */
	const struct order_refusal *refusal; /* NULL: none */
	int conflict;			     /* a stale version was sent */
};

enum ct_err page_order_form_render(void *app, struct http_request *req,
				   struct http_response *resp, unsigned status,
				   const struct page_order_form *f,
				   struct ct_error *err);

/*
 * Read the posted form of k as the API's body and store it through the
 * API's path (store_order_open when o is NULL, else store_order_step):
 * 303 to the order page, or the form again with what went wrong.
 */
enum ct_err page_order_form_submit(void *app, struct http_request *req,
				   struct http_response *resp,
				   const struct page_order_kind *k,
				   const struct order *o, struct ct_error *err);

extern const struct http_param_spec page_assessment_query[1];
extern const struct http_param_spec
	page_assessment_form[PAGE_ASSESSMENT_FORM_COUNT];
extern const struct http_param_spec page_assessment_override_form[2];

#define PAGE_ORDER_SESSION_WRITE                                               \
	(HTTP_ROUTE_PAGE | HTTP_ROUTE_SESSION | HTTP_ROUTE_CSRF)
#define PAGE_ORDER_CASE "/dossiers/{case_id:uuid}"
#define PAGE_ORDER_ONE PAGE_ORDER_CASE "/huisverbod/{order_id:uuid}"
#define PAGE_ASSESSMENT_ONE                                                    \
	PAGE_ORDER_CASE "/risicotaxatie/{assessment_id:uuid}"

#define PAGE_ORDER_ROUTES                                                      \
	{.method = HTTP_METHOD_GET,                                            \
	 .pattern = PAGE_ORDER_CASE "/huisverbod/nieuw",                       \
	 .action = "order.create",                                             \
	 .flags = HTTP_ROUTE_PAGE | HTTP_ROUTE_SESSION,                        \
	 .handler = page_order_new},                                           \
		{.method = HTTP_METHOD_POST,                                   \
		 .pattern = PAGE_ORDER_CASE "/huisverbod",                     \
		 .action = "order.create",                                     \
		 .flags = PAGE_ORDER_SESSION_WRITE,                            \
		 .body = page_order_open_fields,                               \
		 .n_body = PAGE_ORDER_OPEN_FORM_COUNT,                         \
		 .body_max = PAGE_ORDER_FORM_MAX,                              \
		 .handler = page_order_create},                                \
		{.method = HTTP_METHOD_GET,                                    \
		 .pattern = PAGE_ORDER_ONE,                                    \
		 .action = "order.read",                                       \
		 .flags = HTTP_ROUTE_PAGE | HTTP_ROUTE_SESSION,                \
		 .handler = page_order_show},                                  \
		{.method = HTTP_METHOD_GET,                                    \
		 .pattern = PAGE_ORDER_ONE "/stap/{kind:str}",                 \
		 .action = "order.step",                                       \
		 .flags = HTTP_ROUTE_PAGE | HTTP_ROUTE_SESSION,                \
		 .handler = page_order_step_form},                             \
		{.method = HTTP_METHOD_POST,                                   \
		 .pattern = PAGE_ORDER_ONE "/stap/{kind:str}",                 \
		 .action = "order.step",                                       \
		 .flags = PAGE_ORDER_SESSION_WRITE,                            \
		 .body = page_order_step_fields,                               \
		 .n_body = PAGE_ORDER_STEP_FORM_COUNT,                         \
		 .body_max = PAGE_ORDER_FORM_MAX,                              \
		 .handler = page_order_step},                                  \
		{.method = HTTP_METHOD_GET,                                    \
		 .pattern = PAGE_ORDER_CASE "/risicotaxatie/nieuw",            \
		 .action = "assessment.add",                                   \
		 .flags = HTTP_ROUTE_PAGE | HTTP_ROUTE_SESSION,                \
		 .query = page_assessment_query,                               \
		 .n_query = 1,                                                 \
		 .handler = page_assessment_new},                              \
		{.method = HTTP_METHOD_POST,                                   \
		 .pattern = PAGE_ORDER_CASE "/risicotaxatie",                  \
		 .action = "assessment.add",                                   \
		 .flags = PAGE_ORDER_SESSION_WRITE,                            \
		 .body = page_assessment_form,                                 \
		 .n_body = PAGE_ASSESSMENT_FORM_COUNT,                         \
		 .body_max = PAGE_ORDER_FORM_MAX,                              \
		 .handler = page_assessment_add},                              \
		{.method = HTTP_METHOD_GET,                                    \
		 .pattern = PAGE_ASSESSMENT_ONE,                               \
		 .action = "assessment.read",                                  \
		 .flags = HTTP_ROUTE_PAGE | HTTP_ROUTE_SESSION,                \
		 .handler = page_assessment_show},                             \
	{                                                                      \
		.method = HTTP_METHOD_POST,                                    \
		.pattern = PAGE_ASSESSMENT_ONE "/bijstellen",                  \
		.action = "assessment.override",                               \
		.flags = PAGE_ORDER_SESSION_WRITE,                             \
		.body = page_assessment_override_form, .n_body = 2,            \
		.body_max = PAGE_ORDER_FORM_MAX,                               \
		.handler = page_assessment_override                            \
	}

#endif
