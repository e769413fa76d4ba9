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

#include <stdint.h>

#include <jansson.h>

#include "core/instrument.h"
#include "core/policy.h"
#include "http/router.h"
#include "store/store.h"
#include "store/store_assessment.h"

/* Borrowed: must outlive the server. NULL: no instruments loaded. */
void api_assessments_set_instruments(const struct instrument_set *set);

/* The loaded instruments, or NULL (for the web pages' choice). */
const struct instrument_set *api_assessments_instruments(void);

/*
 * Fill in instrument id (newest version when version is NULL) on case_id
 * for who, holding roles: the API's POST .../assessments and the web
 * page's form both come here, so both check and store alike. An unknown
 * instrument (problem "instrument_id") or bad answers (problems under
 * "answers.items.<id>" / "answers.signals.<id>") are CT_ERR_INVALID with
 * every problem in p; a user without one of the instrument's assessor
 * roles CT_ERR_DENIED; else the store's result. On success *out is the
 * stored record, its text in ar.
 */
enum ct_err api_assessments_fill(struct store *st,
				 const struct store_actor *who, uint32_t roles,
				 const char *case_id, const char *id,
				 const char *version, const json_t *answers,
				 struct arena *ar, struct assessment *out,
				 struct ct_problems *p, struct ct_error *err);

/*
 * The reasoned override of assessment id of case_id, for the API and the
 * page alike: CT_ERR_NOTFOUND when absent, CT_ERR_DENIED unless subject
 * filled it in or is a coordinator (policy_assessment_may_override),
 * CT_ERR_INVALID with problems "outcome" / "reason" in p, else the
 * store's result (CT_ERR_EXISTS when already overridden); *out the
 * record as stored.
 */
enum ct_err api_assessments_override_checked(
	struct store *st, const struct store_actor *who,
	const struct policy_subject *subject, const char *case_id,
	const char *id, const char *outcome, const char *reason,
	struct arena *ar, struct assessment *out, struct ct_problems *p,
	struct ct_error *err);

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
