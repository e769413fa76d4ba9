/*
 * page_team.c - the case team in the browser: who is on it and why,
 * adding an organisation and taking one off, each with a reason
 * (contract: page_case.h).
 *
 * Design: team.read shows the page; the forms are drawn only when the
 * policy would allow team.add / team.remove here (the owning
 * organisation), and their posts are routes of those actions, so the
 * router refuses anyone else before a handler runs. The changes are the
 * API's own (api_team_add_member, api_team_remove_member): the same
 * reason rule, the same store call and journal entry. A refused form
 * shows the team page again with the error beside the field it is about
 * and what was typed; the owner cannot leave (said in the summary).
 */
#include "http/page_case.h"

#include <stdio.h>
#include <string.h>

#include "core/vocab.h"
#include "http/api_common.h"
#include "http/api_team.h"
#include "http/app.h"
#include "store/store_team.h"
#include "util/banned.h"

#define PAGE_TEAM_URL_MAX 128
#define PAGE_TEAM_ANCHOR_MAX 64

const struct http_param_spec page_team_add_fields[PAGE_TEAM_ADD_FIELDS_N] = {
	HTTP_PARAM_STRING_SPEC("org_id", 0, PAGE_CASE_CODE_MAX),
	HTTP_PARAM_STRING_SPEC("reason", 0, PAGE_CASE_TEXT_FIELD_MAX),
};

const struct http_param_spec
	page_team_remove_fields[PAGE_TEAM_REMOVE_FIELDS_N] = {
		HTTP_PARAM_STRING_SPEC("reason", 0, PAGE_CASE_TEXT_FIELD_MAX),
};

static const struct page_case_label page_team_add_labels[] = {
	{"org_id", "org_id", WEB_S_TEAM_ORG, PAGE_CASE_NO_STRING},
	{"reason", "reason", WEB_S_TEAM_REASON, PAGE_CASE_NO_STRING},
};

/* A refused form and where its errors go. */
struct page_team_refusal {
	unsigned status;
	const char *remove_org_id; /* the member of a refused removal */
	const char *message;	   /* a refusal of no field (summary) */
};

static enum ct_err
page_team_render(void *app, struct http_request *req,
		 struct http_response *resp,
		 const struct page_team_refusal *refusal, struct ct_error *err)
{
	const struct ct_case *c = page_case_of(req);
	struct store *st = api_store(app, err);
	struct team_member *m = NULL;
	struct org *orgs = NULL;
	struct tmpl_vars *v, *row, *errors = NULL, *item;
	enum ct_zone z = ct_country_zone(c->jurisdiction);
	const char *chosen = NULL;
	size_t n = 0, n_orgs = 0, i, j, candidates = 0;
	int can_add, can_remove, former = 0, on_team;
	char anchor[PAGE_TEAM_ANCHOR_MAX], sentence[CT_ERROR_MESSAGE_MAX];
	enum ct_err rc;

	if (!st)
		return err->code ? err->code : CT_ERR_INTERNAL;
	rc = store_team_list(st, c->id, 1, req->arena, &m, &n, err);
	if (rc)
		return api_store_failed(rc, err);
	/* Organisation names and types are no personal data. */
	rc = store_org_list(st, req->arena, &orgs, &n_orgs, err);
	if (rc)
		return api_store_failed(rc, err);
	can_add = app_case_may(app, req, "team.add");
	can_remove = app_case_may(app, req, "team.remove");
	v = page_case_vars(app, req, WEB_S_TEAM_TITLE);
	tmpl_set_bool(v, "can_add", can_add);
	tmpl_set_bool(v, "can_remove", can_remove);
	if (refusal && !refusal->remove_org_id)
		page_case_errors(v, c->jurisdiction, &req->problems,
				 page_team_add_labels,
				 CT_ARRAY_SIZE(page_team_add_labels));
	else if (refusal)
		errors = tmpl_set_child(v, "errors");
	if (refusal && refusal->message) {
		if (!errors)
			errors = tmpl_set_child(v, "errors");
		item = tmpl_list_add(errors, "list");
		tmpl_set(item, "message", refusal->message);
	}
	tmpl_list_init(v, "members");
	for (i = 0; i < n; i++) {
		if (m[i].removed_at) {
			row = tmpl_list_add(v, "former");
			former = 1;
			tmpl_set(row, "org", m[i].org_name);
			tmpl_set(row, "removed_reason", m[i].removed_reason);
			page_case_when(row, "removed", z, m[i].removed_at);
			continue;
		}
		row = tmpl_list_add(v, "members");
		tmpl_set(row, "org_id", m[i].org_id);
		tmpl_set(row, "org", m[i].org_name);
		for (j = 0; j < n_orgs; j++)
			if (strcmp(orgs[j].id, m[i].org_id) == 0)
				tmpl_set(row, "type",
					 vocab_label(&vocab_org_type,
						     (unsigned)orgs[j].type));
		tmpl_set(row, "reason", m[i].reason);
		tmpl_set(row, "by", m[i].added_by);
		tmpl_set_bool(row, "owner", m[i].is_owner);
		page_case_date(row, "since", z, m[i].added_at);
		if (!refusal || !refusal->remove_org_id ||
		    strcmp(refusal->remove_org_id, m[i].org_id) != 0)
			continue;
		/* The refused removal: its reason, kept, and the error. */
		tmpl_set(row, "typed", page_case_field(req, "reason"));
		snprintf(anchor, sizeof(anchor), "reason-%s", m[i].org_id);
		for (j = 0; j < req->problems.count; j++) {
			page_case_sentence(req->problems.items[j].message,
					   sentence, sizeof(sentence));
			tmpl_set(row, "error", sentence);
			item = tmpl_list_add(errors, "list");
			tmpl_set(item, "field", anchor);
			tmpl_setf(item, "message", "%s (%s): %s",
				  web_str(c->jurisdiction,
					  WEB_S_TEAM_REMOVE_REASON),
				  m[i].org_name,
				  req->problems.items[j].message);
		}
	}
	tmpl_set_bool(v, "has_former", former);
	if (can_add) {
		if (refusal && !refusal->remove_org_id) {
			chosen = page_case_field(req, "org_id");
			tmpl_set(v, "reason_typed",
				 page_case_field(req, "reason"));
		}
		for (i = 0; i < n_orgs; i++) {
			on_team = 0;
			for (j = 0; j < n; j++)
				if (!m[j].removed_at &&
				    strcmp(m[j].org_id, orgs[i].id) == 0)
					on_team = 1;
			if (on_team)
				continue;
			candidates++;
			item = tmpl_list_add(v, "candidates");
			tmpl_set(item, "value", orgs[i].id);
			tmpl_setf(item, "label", "%s (%s)", orgs[i].name,
				  vocab_label(&vocab_org_type,
					      (unsigned)orgs[i].type));
			tmpl_set_bool(item, "selected",
				      chosen &&
					      strcmp(chosen, orgs[i].id) == 0);
		}
	}
	tmpl_set_bool(v, "has_candidates", candidates > 0);
	return page_render(req, resp, refusal ? refusal->status : 200, "team",
			   v, err);
}

enum ct_err
page_team(void *app, struct http_request *req, struct http_response *resp,
	  struct ct_error *err)
{
	return page_team_render(app, req, resp, NULL, err);
}

static enum ct_err
page_team_done(struct http_request *req, struct http_response *resp)
{
	char url[PAGE_TEAM_URL_MAX];

	snprintf(url, sizeof(url), "/dossiers/%s/team", page_case_of(req)->id);
	page_redirect(req, resp, url);
	return CT_OK;
}

enum ct_err
page_team_add(void *app, struct http_request *req, struct http_response *resp,
	      struct ct_error *err)
{
	struct page_team_refusal refusal = {.status = 400};
	struct org o;
	enum ct_err rc;

	rc = api_team_add_member(app, req, page_case_of(req)->id,
				 page_case_field(req, "org_id"),
				 page_case_field(req, "reason"), &o, err);
	if (rc == CT_ERR_EXISTS) {
		/* A second tab, or someone else was quicker. */
		refusal.status = 409;
		ct_problems_add(&req->problems, "org_id", "%s", err->message);
		rc = CT_ERR_INVALID;
	}
	if (rc == CT_ERR_INVALID)
		return page_team_render(app, req, resp, &refusal, err);
	if (rc)
		return rc;
	return page_team_done(req, resp);
}

enum ct_err
page_team_remove(void *app, struct http_request *req,
		 struct http_response *resp, struct ct_error *err)
{
	struct page_team_refusal refusal = {
		.status = 400,
		.remove_org_id = http_request_param(req, "org_id"),
	};
	enum ct_err rc;

	rc = api_team_remove_member(app, req, page_case_of(req)->id,
				    refusal.remove_org_id,
				    page_case_field(req, "reason"), err);
	if (rc == CT_ERR_DENIED) {
		/* The owner: no field to blame, the summary says why. */
		refusal.status = 403;
		refusal.message = err->message;
		rc = CT_ERR_INVALID;
	}
	if (rc == CT_ERR_INVALID)
		return page_team_render(app, req, resp, &refusal, err);
	if (rc)
		return rc;
	return page_team_done(req, resp);
}
