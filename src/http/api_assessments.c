/*
 * api_assessments.c - instruments and risk assessments over JSON
 * (contract: api_assessments.h).
 *
 * The handler is thin but owns the one thing the store cannot know: the
 * instrument. It reads the answers against it, computes the result with
 * core's instrument_rate() and stores both; a client never sends an
 * outcome, only answers (and, for an override, a reasoned alternative
 * that must be one of the instrument's outcomes).
 */
#include "http/api_assessments.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "core/vocab.h"
#include "http/api_common.h"
#include "http/app.h"
#include "store/store_assessment.h"
#include "util/banned.h"

/* api_check_problems' sentence, for the shared functions below. */
#define INVALID_INPUT "De invoer is niet in orde; zie de velden."

/* Set once before the server starts; read-only afterwards. */
static const struct instrument_set *api_instruments;

void
api_assessments_set_instruments(const struct instrument_set *set)
{
	api_instruments = set;
}

static const struct instrument *
find_instrument(const char *id, const char *version)
{
	if (!api_instruments)
		return NULL;
	return instrument_set_find(api_instruments, id, version);
}

enum ct_err
api_instruments_list(void *app, struct http_request *req,
		     struct http_response *resp, struct ct_error *err)
{
	struct api_page pg;
	json_t *items = api_json_array();
	size_t n = api_instruments ? api_instruments->n : 0, i;

	(void)app;
	(void)err;
	api_page_read(req, &pg);
	for (i = 0; i < n; i++)
		if (api_page_contains(&pg, i))
			api_json_append(items,
					instrument_summary_json(
						api_instruments->items[i]));
	api_list_respond(req, resp, items, n, &pg);
	return CT_OK;
}

enum ct_err
api_instruments_read(void *app, struct http_request *req,
		     struct http_response *resp, struct ct_error *err)
{
	const struct instrument *ins =
		find_instrument(http_request_param(req, "instrument_id"), NULL);

	(void)app;
	if (!ins)
		return api_not_found(err);
	http_response_json(resp, req->arena, 200, instrument_to_json(ins));
	return CT_OK;
}

enum ct_err
api_assessments_list(void *app, struct http_request *req,
		     struct http_response *resp, struct ct_error *err)
{
	struct store *st = api_store(app, err);
	struct assessment *all = NULL;
	struct api_page pg;
	json_t *items;
	size_t n = 0, i;
	enum ct_err rc;

	if (!st)
		return err->code;
	rc = store_assessment_list(st, http_request_param(req, "case_id"),
				   req->arena, &all, &n, err);
	if (rc)
		return api_store_failed(rc, err);
	api_page_read(req, &pg);
	items = api_json_array();
	for (i = 0; i < n; i++)
		if (api_page_contains(&pg, i))
			api_json_append(items,
					store_assessment_to_json(&all[i]));
	api_list_respond(req, resp, items, n, &pg);
	return CT_OK;
}

static const char *
body_text(const struct http_request *req, const char *name)
{
	return json_string_value(json_object_get(req->body_json, name));
}

/* The first of the instrument's assessor roles the user holds. */
static const char *
assessor_role(const struct instrument *ins, uint32_t roles)
{
	uint32_t fit =
		ins->assessor_roles ? ins->assessor_roles & roles : roles;
	unsigned r;

	for (r = 0; r < USER_ROLE__COUNT; r++)
		if (fit & ((uint32_t)1 << r))
			return vocab_code(&vocab_user_role, r);
	return NULL;
}

static char *
dump(json_t *j)
{
	char *s = json_dumps(j, JSON_COMPACT | JSON_SORT_KEYS);

	json_decref(j);
	if (!s)
		CT_BUG("jansson out of memory");
	return s;
}

const struct instrument_set *
api_assessments_instruments(void)
{
	return api_instruments;
}

enum ct_err
api_assessments_fill(struct store *st, const struct store_actor *who,
		     uint32_t roles, const char *case_id, const char *id,
		     const char *version, const json_t *answers_json,
		     struct arena *ar, struct assessment *out,
		     struct ct_problems *p, struct ct_error *err)
{
	const struct instrument *ins;
	struct instrument_answers *answers = NULL;
	struct instrument_result result;
	struct assessment a;
	char *answers_text = NULL, *result_text = NULL;
	const char *role;
	enum ct_err rc;

	ins = find_instrument(id, version);
	if (!ins) {
		ct_problems_add(p, "instrument_id",
				"instrument '%s'%s%s is niet geladen; zie GET "
				"/api/v1/instruments",
				id ? id : "", version ? " versie " : "",
				version ? version : "");
		return ct_error_set(err, CT_ERR_INVALID, "%s", INVALID_INPUT);
	}
	role = assessor_role(ins, roles);
	if (!role)
		return ct_error_set(
			err, CT_ERR_DENIED,
			"Instrument %s wordt ingevuld door een "
			"andere rol (zie assessor_roles); vraag "
			"bijvoorbeeld de hulpofficier van justitie.",
			ins->id);
	/* Large: keep it off the handler thread's stack. */
	answers = malloc(sizeof(*answers));
	if (!answers)
		CT_BUG("out of memory");
	instrument_answers_from_json(ins, answers_json, "answers", answers, p);
	if (ct_problems_any(p)) {
		rc = ct_error_set(err, CT_ERR_INVALID, "%s", INVALID_INPUT);
		goto out;
	}
	instrument_rate(ins, answers, &result);
	answers_text = dump(instrument_answers_to_json(ins, answers));
	result_text = dump(instrument_result_to_json(ins, &result));

	memset(&a, 0, sizeof(a));
	snprintf(a.case_id, sizeof(a.case_id), "%s", case_id);
	a.instrument_id = ins->id;
	a.instrument_version = ins->version;
	a.assessor_role = role;
	a.answers_json = answers_text;
	a.result_json = result_text;
	a.outcome =
		result.determined ? ins->outcomes[result.outcome].code : NULL;
	rc = store_assessment_add(st, who, &a, err);
	if (rc)
		goto out;
	/* The record outlives this call: its text into the arena. */
	*out = a;
	out->answers_json = arena_strdup(ar, answers_text);
	out->result_json = arena_strdup(ar, result_text);
	if (!out->answers_json || !out->result_json)
		rc = ct_error_set(err, CT_ERR_LIMIT, "verzoekgeheugen vol");
out:
	free(answers);
	free(answers_text);
	free(result_text);
	return rc;
}

enum ct_err
api_assessments_add(void *app, struct http_request *req,
		    struct http_response *resp, struct ct_error *err)
{
	struct store *st = api_store(app, err);
	const struct app_session *s = app_session(req);
	struct store_actor who = app_actor(req);
	struct assessment a;
	enum ct_err rc;

	if (!st)
		return err->code;
	rc = api_assessments_fill(st, &who, s->subject.roles,
				  http_request_param(req, "case_id"),
				  body_text(req, "instrument_id"),
				  body_text(req, "instrument_version"),
				  json_object_get(req->body_json, "answers"),
				  req->arena, &a, &req->problems, err);
	if (rc)
		return api_store_failed(rc, err);
	http_response_json(resp, req->arena, 201, store_assessment_to_json(&a));
	return CT_OK;
}

enum ct_err
api_assessments_read(void *app, struct http_request *req,
		     struct http_response *resp, struct ct_error *err)
{
	struct store *st = api_store(app, err);
	struct assessment a;
	enum ct_err rc;

	if (!st)
		return err->code;
	rc = store_assessment_get(st, http_request_param(req, "case_id"),
				  http_request_param(req, "assessment_id"),
				  req->arena, &a, err);
	if (rc)
		return api_store_failed(rc, err);
	http_response_json(resp, req->arena, 200, store_assessment_to_json(&a));
	return CT_OK;
}

enum ct_err
api_assessments_override_checked(struct store *st,
				 const struct store_actor *who,
				 const struct policy_subject *subject,
				 const char *case_id, const char *id,
				 const char *outcome, const char *reason,
				 struct arena *ar, struct assessment *out,
				 struct ct_problems *p, struct ct_error *err)
{
	const struct instrument *ins;
	struct assessment a;
	enum ct_err rc;

	rc = store_assessment_get(st, case_id, id, ar, &a, err);
	if (rc)
		return rc;
	if (!policy_assessment_may_override(subject, a.assessor_user_id))
		return ct_error_set(err, CT_ERR_DENIED,
				    "Alleen wie de risicotaxatie invulde of "
				    "een casusregisseur mag de uitkomst "
				    "gemotiveerd aanpassen.");
	ins = find_instrument(a.instrument_id, a.instrument_version);
	if (!ins)
		ct_problems_add(p, "outcome",
				"instrument %s versie %s is niet meer "
				"geladen; de uitkomst kan niet worden "
				"gecontroleerd",
				a.instrument_id, a.instrument_version);
	else if (outcome && !instrument_outcome_find(ins, outcome))
		ct_problems_add(p, "outcome", "'%s' is geen uitkomst van %s",
				outcome, ins->id);
	if (!reason || strlen(reason) < STORE_REASON_MIN)
		ct_problems_add(p, "reason",
				"een afwijking vraagt een onderbouwing van "
				"minstens %d tekens",
				STORE_REASON_MIN);
	if (ct_problems_any(p))
		return ct_error_set(err, CT_ERR_INVALID, "%s", INVALID_INPUT);
	return store_assessment_override(st, who, a.case_id, a.id, outcome,
					 reason, ar, out, err);
}

enum ct_err
api_assessments_override(void *app, struct http_request *req,
			 struct http_response *resp, struct ct_error *err)
{
	struct store *st = api_store(app, err);
	const struct app_session *s = app_session(req);
	struct store_actor who = app_actor(req);
	struct assessment a;
	enum ct_err rc;

	if (!st)
		return err->code;
	rc = api_assessments_override_checked(
		st, &who, &s->subject, http_request_param(req, "case_id"),
		http_request_param(req, "assessment_id"),
		body_text(req, "outcome"), body_text(req, "reason"), req->arena,
		&a, &req->problems, err);
	if (rc)
		return api_store_failed(rc, err);
	http_response_json(resp, req->arena, 200, store_assessment_to_json(&a));
	return CT_OK;
}
