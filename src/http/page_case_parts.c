/*
 * page_case_parts.c - the forms that add to a case: a person, a relation
 * between two persons, an incident (contract: page_case.h).
 *
 * Design: a form is turned into the JSON body the API's POST takes (a
 * set of checkboxes, one field per box, becomes the array of codes; the
 * incident's local date and time becomes an instant with its offset) and
 * handed to the API's own function (api_*_add_body): the same strict
 * reading, the same core validation, the same store call and journal
 * entry. A refusal comes back as problems under the API's field names;
 * they are shown beside the form's fields, what was typed is kept, and
 * nothing was written. Person names shown in the relation form are a
 * read of persons: app_case_reads logs it first.
 */
#include "http/page_case.h"

#include <stdio.h>
#include <string.h>

#include <jansson.h>

#include "core/vocab.h"
#include "http/api_common.h"
#include "http/api_incidents.h"
#include "http/api_persons.h"
#include "http/api_relations.h"
#include "http/app.h"
#include "util/banned.h"

#define PAGE_PARTS_FIELD_NAME_MAX 64
#define PAGE_PARTS_URL_MAX 128

/* "<prefix><code>": the form field of one checkbox of voc. */
static void
page_parts_box_name(const char *prefix, const struct vocab *voc, size_t i,
		    char out[PAGE_PARTS_FIELD_NAME_MAX])
{
	snprintf(out, PAGE_PARTS_FIELD_NAME_MAX, "%s%s", prefix,
		 voc->terms[i].code);
}

/* The ticked boxes of voc as a JSON array of codes. */
static json_t *
page_parts_boxes_json(const struct http_request *req, const char *prefix,
		      const struct vocab *voc)
{
	char name[PAGE_PARTS_FIELD_NAME_MAX];
	json_t *codes = api_json_array();
	size_t i;

	for (i = 0; i < voc->count; i++) {
		page_parts_box_name(prefix, voc, i, name);
		if (page_case_field(req, name))
			api_json_append(codes, json_string(voc->terms[i].code));
	}
	return codes;
}

/* The boxes of voc as list in v, ticked as the form had them. */
static void
page_parts_boxes(struct tmpl_vars *v, const char *list,
		 const struct http_request *req, const char *prefix,
		 const struct vocab *voc)
{
	char name[PAGE_PARTS_FIELD_NAME_MAX];
	struct tmpl_vars *box;
	size_t i;

	for (i = 0; i < voc->count; i++) {
		page_parts_box_name(prefix, voc, i, name);
		box = tmpl_list_add(v, list);
		tmpl_set(box, "field", name);
		tmpl_set(box, "label", voc->terms[i].label);
		tmpl_set_bool(box, "checked",
			      req->body_json && page_case_field(req, name));
	}
}

/* Copy the text fields names[] of the form into body as strings. */
static void
page_parts_copy(const struct http_request *req, json_t *body,
		const char *const *names, size_t n)
{
	const char *val;
	size_t i;

	for (i = 0; i < n; i++) {
		val = page_case_field(req, names[i]);
		if (val)
			api_json_set(body, names[i], json_string(val));
	}
}

/* 303 to the case file at anchor. */
static enum ct_err
page_parts_done(struct http_request *req, struct http_response *resp,
		const char *anchor)
{
	char url[PAGE_PARTS_URL_MAX];

	snprintf(url, sizeof(url), "/dossiers/%s#%s", page_case_of(req)->id,
		 anchor);
	page_redirect(req, resp, url);
	return CT_OK;
}

/* ------------------------------------------------------------------ */
/* a person                                                            */

#define ROLE_BOX(code) HTTP_PARAM_STRING_SPEC("role_" code, 0, 8)

const struct http_param_spec
	page_case_person_fields[PAGE_CASE_PERSON_FIELDS_N] = {
		HTTP_PARAM_STRING_SPEC("given_name", 0,
				       PAGE_CASE_TEXT_FIELD_MAX),
		HTTP_PARAM_STRING_SPEC("family_name", 0,
				       PAGE_CASE_TEXT_FIELD_MAX),
		HTTP_PARAM_STRING_SPEC("birth_date", 0, PAGE_CASE_CODE_MAX),
		HTTP_PARAM_STRING_SPEC("sex", 0, PAGE_CASE_CODE_MAX),
		HTTP_PARAM_STRING_SPEC("bsn", 0, PAGE_CASE_CODE_MAX),
		HTTP_PARAM_STRING_SPEC("rrn", 0, PAGE_CASE_CODE_MAX),
		/* one box per person_role (core/vocab.h), in its order */
		ROLE_BOX("victim"),
		ROLE_BOX("perpetrator"),
		ROLE_BOX("child"),
		ROLE_BOX("witness"),
		ROLE_BOX("family"),
		ROLE_BOX("removed"),
		ROLE_BOX("remaining"),
};

static const char *const page_person_texts[] = {
	"given_name", "family_name", "birth_date", "sex", "bsn", "rrn",
};

static const struct page_case_label page_person_labels[] = {
	{"given_name", "given_name", WEB_S_CASE_GIVEN_NAME,
	 PAGE_CASE_NO_STRING},
	{"family_name", "family_name", WEB_S_CASE_FAMILY_NAME,
	 PAGE_CASE_NO_STRING},
	{"birth_date", "birth_date", WEB_S_CASE_BIRTH_DATE,
	 PAGE_CASE_NO_STRING},
	{"sex", "sex", WEB_S_CASE_PERSON_SEX, PAGE_CASE_NO_STRING},
	{"roles", "roles", WEB_S_CASE_PERSON_ROLES, PAGE_CASE_NO_STRING},
	{"bsn", "bsn", WEB_S_CASE_BSN, PAGE_CASE_NO_STRING},
	{"rrn", "rrn", WEB_S_CASE_RRN, PAGE_CASE_NO_STRING},
};

static enum ct_err
page_person_render(void *app, struct http_request *req,
		   struct http_response *resp, unsigned status,
		   struct ct_error *err)
{
	enum ct_country c = page_case_of(req)->jurisdiction;
	struct tmpl_vars *v = page_case_vars(app, req, WEB_S_CASE_PERSON_TITLE);
	size_t i;

	for (i = 0; i < CT_ARRAY_SIZE(page_person_texts); i++)
		tmpl_set(v, page_person_texts[i],
			 page_case_field(req, page_person_texts[i]));
	page_case_options(v, "sexes", &vocab_person_sex,
			  page_case_field(req, "sex"),
			  web_str(c, WEB_S_CASE_SEX_NONE));
	page_parts_boxes(v, "roles", req, "role_", &vocab_person_role);
	if (status != 200)
		page_case_errors(v, c, &req->problems, page_person_labels,
				 CT_ARRAY_SIZE(page_person_labels));
	return page_render(req, resp, status, "case_person", v, err);
}

enum ct_err
page_case_person_form(void *app, struct http_request *req,
		      struct http_response *resp, struct ct_error *err)
{
	return page_person_render(app, req, resp, 200, err);
}

enum ct_err
page_case_person_add(void *app, struct http_request *req,
		     struct http_response *resp, struct ct_error *err)
{
	json_t *body = api_json_object();
	struct person p;
	enum ct_err rc;

	page_parts_copy(req, body, page_person_texts,
			CT_ARRAY_SIZE(page_person_texts));
	api_json_set(body, "roles",
		     page_parts_boxes_json(req, "role_", &vocab_person_role));
	rc = api_persons_add_body(app, req, page_case_of(req)->id, body, &p,
				  err);
	json_decref(body);
	if (rc == CT_ERR_INVALID)
		return page_person_render(app, req, resp, 400, err);
	if (rc)
		return rc;
	return page_parts_done(req, resp, "personen");
}

/* ------------------------------------------------------------------ */
/* a relation                                                          */

const struct http_param_spec
	page_case_relation_fields[PAGE_CASE_RELATION_FIELDS_N] = {
		HTTP_PARAM_STRING_SPEC("person_a", 0, PAGE_CASE_CODE_MAX),
		HTTP_PARAM_STRING_SPEC("kind", 0, PAGE_CASE_CODE_MAX),
		HTTP_PARAM_STRING_SPEC("person_b", 0, PAGE_CASE_CODE_MAX),
};

static const struct page_case_label page_relation_labels[] = {
	{"person_a", "person_a", WEB_S_CASE_PERSON_A, WEB_S_CASE_REQ_PERSON_A},
	{"kind", "kind", WEB_S_CASE_RELATION_KIND, WEB_S_CASE_REQ_KIND},
	{"person_b", "person_b", WEB_S_CASE_PERSON_B, WEB_S_CASE_REQ_PERSON_B},
};

/*
 * One <select> of the relation form (persons, or the relation kinds),
 * with the problem of its field beside it, as page_case_errors says it.
 */
static struct tmpl_vars *
page_relation_select(struct http_request *req, struct tmpl_vars *v,
		     const struct page_case_label *l)
{
	enum ct_country c = page_case_of(req)->jurisdiction;
	struct tmpl_vars *sel = tmpl_list_add(v, "selects");
	char sentence[CT_ERROR_MESSAGE_MAX];
	const char *msg = NULL;
	size_t i;

	tmpl_set(sel, "field", l->field);
	tmpl_set(sel, "label", web_str(c, l->label));
	tmpl_list_init(sel, "options");
	for (i = 0; i < req->problems.count && !msg; i++)
		if (strcmp(req->problems.items[i].field, l->field) == 0)
			msg = req->problems.items[i].message;
	if (msg && strcmp(msg, "ontbreekt") == 0)
		msg = web_str(c, l->required);
	if (msg) {
		page_case_sentence(msg, sentence, sizeof(sentence));
		tmpl_set(sel, "error", sentence);
	}
	return sel;
}

static enum ct_err
page_relation_render(void *app, struct http_request *req,
		     struct http_response *resp, unsigned status,
		     struct ct_error *err)
{
	static const char *const read[] = {"person.read"};
	const struct ct_case *c = page_case_of(req);
	struct store *st = api_store(app, err);
	struct person *persons = NULL;
	struct tmpl_vars *v, *sel[3], *o;
	const char *chosen[3];
	size_t n = 0, i, k;
	int allowed = 0;
	enum ct_err rc;

	if (!st)
		return err->code ? err->code : CT_ERR_INTERNAL;
	/* The choice names the persons: a read of them, logged first. */
	rc = app_case_reads(app, req, read, 1, &allowed, err);
	if (rc)
		return rc;
	if (allowed) {
		rc = store_person_list(st, c->id, req->arena, &persons, &n,
				       err);
		if (rc)
			return api_store_failed(rc, err);
	}
	v = page_case_vars(app, req, WEB_S_CASE_RELATION_TITLE);
	tmpl_set_bool(v, "too_few", n < 2);
	if (status != 200)
		page_case_errors(v, c->jurisdiction, &req->problems,
				 page_relation_labels,
				 CT_ARRAY_SIZE(page_relation_labels));
	sel[0] = page_relation_select(req, v, &page_relation_labels[0]);
	sel[1] = page_relation_select(req, v, &page_relation_labels[1]);
	sel[2] = page_relation_select(req, v, &page_relation_labels[2]);
	chosen[0] = page_case_field(req, "person_a");
	chosen[1] = page_case_field(req, "kind");
	chosen[2] = page_case_field(req, "person_b");
	for (k = 0; k < 3; k += 2) {
		for (i = 0; i < n; i++) {
			o = tmpl_list_add(sel[k], "options");
			tmpl_set(o, "value", persons[i].id);
			tmpl_set(
				o, "label",
				page_case_person_name(req->arena, &persons[i]));
			tmpl_set_bool(o, "selected",
				      chosen[k] && strcmp(chosen[k],
							  persons[i].id) == 0);
		}
	}
	page_case_options(sel[1], "options", &vocab_relation_kind, chosen[1],
			  NULL);
	return page_render(req, resp, status, "case_relation", v, err);
}

enum ct_err
page_case_relation_form(void *app, struct http_request *req,
			struct http_response *resp, struct ct_error *err)
{
	return page_relation_render(app, req, resp, 200, err);
}

enum ct_err
page_case_relation_add(void *app, struct http_request *req,
		       struct http_response *resp, struct ct_error *err)
{
	static const char *const names[] = {"person_a", "kind", "person_b"};
	json_t *body = api_json_object();
	struct relation r;
	enum ct_err rc;

	page_parts_copy(req, body, names, CT_ARRAY_SIZE(names));
	rc = api_relations_add_body(app, req, page_case_of(req)->id, body, &r,
				    err);
	json_decref(body);
	if (rc == CT_ERR_INVALID)
		return page_relation_render(app, req, resp, 400, err);
	if (rc)
		return rc;
	return page_parts_done(req, resp, "gezinsschema");
}

/* ------------------------------------------------------------------ */
/* an incident                                                         */

#define TYPE_BOX(code) HTTP_PARAM_STRING_SPEC("type_" code, 0, 8)
#define FORM_BOX(code) HTTP_PARAM_STRING_SPEC("form_" code, 0, 8)

const struct http_param_spec
	page_case_incident_fields[PAGE_CASE_INCIDENT_FIELDS_N] = {
		HTTP_PARAM_STRING_SPEC("occurred_at", 0, PAGE_CASE_CODE_MAX),
		HTTP_PARAM_STRING_SPEC("severity", 0, PAGE_CASE_CODE_MAX),
		HTTP_PARAM_STRING_SPEC("location", 0, PAGE_CASE_TEXT_FIELD_MAX),
		/* a textarea: free text, judged by core */
		{.name = "description", .type = HTTP_PARAM_JSON},
		/* one box per violence_type, then per violence_form */
		TYPE_BOX("partner"),
		TYPE_BOX("post_partner"),
		TYPE_BOX("child_abuse"),
		TYPE_BOX("children_witness"),
		TYPE_BOX("sibling"),
		TYPE_BOX("parent_abuse"),
		TYPE_BOX("elder_abuse"),
		TYPE_BOX("honour_related"),
		TYPE_BOX("worrying_parenting"),
		FORM_BOX("threats"),
		FORM_BOX("physical"),
		FORM_BOX("sexual"),
		FORM_BOX("emotional"),
		FORM_BOX("economic"),
		FORM_BOX("property_damage"),
		FORM_BOX("neglect"),
		FORM_BOX("confinement"),
		FORM_BOX("isolation"),
		FORM_BOX("abduction"),
		FORM_BOX("cyber"),
		FORM_BOX("stalking"),
};

static const struct page_case_label page_incident_labels[] = {
	{"occurred_at", "occurred_at", WEB_S_CASE_INCIDENT_WHEN,
	 WEB_S_CASE_REQ_OCCURRED_AT},
	{"types", "types", WEB_S_CASE_TYPES, PAGE_CASE_NO_STRING},
	{"forms", "forms", WEB_S_CASE_FORMS, PAGE_CASE_NO_STRING},
	{"severity", "severity", WEB_S_CASE_INCIDENT_SEVERITY,
	 PAGE_CASE_NO_STRING},
	{"location", "location", WEB_S_CASE_INCIDENT_LOCATION,
	 PAGE_CASE_NO_STRING},
	{"description", "description", WEB_S_CASE_INCIDENT_DESCRIPTION,
	 PAGE_CASE_NO_STRING},
};

static enum ct_err
page_incident_render(void *app, struct http_request *req,
		     struct http_response *resp, unsigned status,
		     struct ct_error *err)
{
	struct tmpl_vars *v =
		page_case_vars(app, req, WEB_S_CASE_INCIDENT_TITLE);
	const char *severity = page_case_field(req, "severity");

	tmpl_set(v, "occurred_at", page_case_field(req, "occurred_at"));
	tmpl_set(v, "location", page_case_field(req, "location"));
	tmpl_set(v, "description", page_case_field(req, "description"));
	page_case_options(v, "severities", &vocab_severity,
			  severity ? severity : "unknown", NULL);
	page_parts_boxes(v, "types", req, "type_", &vocab_violence_type);
	page_parts_boxes(v, "forms", req, "form_", &vocab_violence_form);
	if (status != 200)
		page_case_errors(v, page_case_of(req)->jurisdiction,
				 &req->problems, page_incident_labels,
				 CT_ARRAY_SIZE(page_incident_labels));
	return page_render(req, resp, status, "case_incident", v, err);
}

enum ct_err
page_case_incident_form(void *app, struct http_request *req,
			struct http_response *resp, struct ct_error *err)
{
	return page_incident_render(app, req, resp, 200, err);
}

enum ct_err
page_case_incident_add(void *app, struct http_request *req,
		       struct http_response *resp, struct ct_error *err)
{
	static const char *const names[] = {"severity", "location",
					    "description"};
	const struct ct_case *c = page_case_of(req);
	const char *when = page_case_field(req, "occurred_at");
	json_t *body = api_json_object();
	char iso[CT_ISO_SIZE];
	struct incident in;
	int64_t t;
	enum ct_err rc;

	page_parts_copy(req, body, names, CT_ARRAY_SIZE(names));
	/* An empty box is text all the same: core then says what is
	 * missing together with every other problem, not on its own. */
	if (!page_case_field(req, "description"))
		api_json_set(body, "description", json_string(""));
	/*
	 * The browser sends the wall-clock time it showed ("2026-07-13T
	 * 14:30"): read it in the case's zone and give the API's instant.
	 * Anything else goes on as typed, for the API's reader to refuse.
	 */
	if (when && ct_instant_parse(when, ct_country_zone(c->jurisdiction),
				     &t) == CT_OK) {
		ct_instant_format_utc(t, iso);
		api_json_set(body, "occurred_at", json_string(iso));
	} else if (when) {
		api_json_set(body, "occurred_at", json_string(when));
	}
	api_json_set(body, "types",
		     page_parts_boxes_json(req, "type_", &vocab_violence_type));
	api_json_set(body, "forms",
		     page_parts_boxes_json(req, "form_", &vocab_violence_form));
	rc = api_incidents_add_body(app, req, c->id, body, &in, err);
	json_decref(body);
	if (rc == CT_ERR_INVALID)
		return page_incident_render(app, req, resp, 400, err);
	if (rc)
		return rc;
	return page_parts_done(req, resp, "incidenten");
}
