/*
 * api_orders.h - the restraining order over JSON (issue 4):
 *
 *   GET  /api/v1/cases/{case_id}/orders                 order.read
 *   POST /api/v1/cases/{case_id}/orders                 order.create
 *        {at, details: {route, subject_person_id, ...}} ("kind" may be
 *        given and must then be "open")
 *   GET  /api/v1/cases/{case_id}/orders/{order_id}      order.read
 *   GET  /api/v1/cases/{case_id}/orders/{order_id}/steps  order.read
 *   POST /api/v1/cases/{case_id}/orders/{order_id}/steps  order.step
 *        {kind, at, details: {...}, version?}
 *
 * An order is answered as its record (core/order_json.h) plus "clock"
 * (ends_at, the time left in plain Dutch words, the end in local time),
 * "next_steps" (the step kinds the law allows now, each with the deadline
 * that step meets, when there is one) and "deadlines" (order_deadlines(),
 * each with its rule and whether it is done).
 *
 * A step the law refuses answers 422 with the one error shape plus the
 * rule: {code, message, fields: [{field, message}], rule: {id, title,
 * source}}; code is "invalid" (a date or limit outside the law),
 * "forbidden" (this user has not the power) or "conflict" (out of order).
 * Nothing is written then. Type errors in the body answer 400 with every
 * problem; an order of another case answers 404 like a missing one.
 */
#ifndef CT_HTTP_API_ORDERS_H
#define CT_HTTP_API_ORDERS_H

#include "http/router.h"

/* Bodies: a step's details can hold the facts, up to ORDER_TEXT_MAX. */
#define API_ORDERS_BODY_MAX ((size_t)128 * 1024)

enum ct_err api_orders_list(void *app, struct http_request *req,
			    struct http_response *resp, struct ct_error *err);
enum ct_err api_orders_create(void *app, struct http_request *req,
			      struct http_response *resp, struct ct_error *err);
enum ct_err api_orders_read(void *app, struct http_request *req,
			    struct http_response *resp, struct ct_error *err);
enum ct_err api_orders_steps(void *app, struct http_request *req,
			     struct http_response *resp, struct ct_error *err);
enum ct_err api_orders_add_step(void *app, struct http_request *req,
				struct http_response *resp,
				struct ct_error *err);

#endif
