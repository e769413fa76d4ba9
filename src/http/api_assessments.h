/*
 * api_assessments.h - risk assessment instruments and the assessments of
 * a case (issue 4 "Risk assessment"):
 *
 *   GET  /api/v1/instruments                      the loaded instruments
 *   GET  /api/v1/instruments/{instrument_id}      one, newest version
 *   GET  /api/v1/cases/{case_id}/assessments      list
 *   POST /api/v1/cases/{case_id}/assessments      fill one in
 *   GET  /api/v1/cases/{case_id}/assessments/{assessment_id}
 *   POST /api/v1/cases/{case_id}/assessments/{assessment_id}/override
 *
 * POST body: {"instrument_id", "instrument_version" (optional: newest),
 * "answers": {"items": {...}, "signals": {...}}}. The answers are checked
 * against the instrument (every bad answer named by its path, e.g.
 * "answers.items.A1.3"), the outcome is computed here with
 * instrument_rate(), never taken from the client. The user must hold one
 * of the instrument's assessor_roles (RiHG: the HOvJ, seed 001 ch. 3);
 * the role recorded is the first of those the user holds.
 *
 * Override body: {"outcome": code of the instrument, "reason": text}.
 * Allowed to the user who filled it in, or a coordinator of the case
 * team (the policy has already checked team membership).
 *
 * The instruments are loaded once at server start (cmd_serve) and handed
 * over with api_assessments_set_instruments(); they are read-only after.
 */
#ifndef CT_HTTP_API_ASSESSMENTS_H
#define CT_HTTP_API_ASSESSMENTS_H

#include "core/instrument.h"
#include "http/router.h"

/* Borrowed: must outlive the server. NULL: no instruments loaded. */
void api_assessments_set_instruments(const struct instrument_set *set);

enum ct_err api_instruments_list(void *app, struct http_request *req,
				 struct http_response *resp,
				 struct ct_error *err);
enum ct_err api_instruments_read(void *app, struct http_request *req,
				 struct http_response *resp,
				 struct ct_error *err);
enum ct_err api_assessments_list(void *app, struct http_request *req,
				 struct http_response *resp,
				 struct ct_error *err);
enum ct_err api_assessments_add(void *app, struct http_request *req,
				struct http_response *resp,
				struct ct_error *err);
enum ct_err api_assessments_read(void *app, struct http_request *req,
				 struct http_response *resp,
				 struct ct_error *err);
enum ct_err api_assessments_override(void *app, struct http_request *req,
				     struct http_response *resp,
				     struct ct_error *err);

#endif
