/*
 * page_case.h - the case file in the browser (issue 5): the case file
 * page and the forms that change its parts, as rows of the one route
 * table (HTTP_ROUTE_PAGE, PAGE_CASE_ROUTES after PAGE_ROUTES).
 *
 * URL contract ({id} = the case's uuid; Dutch paths):
 *
 *   GET  /dossiers/nieuw                       case.create   new case form
 *   POST /dossiers                             case.create   -> 303 case
 *   GET  /dossiers/{id}                        case.read     THE CASE FILE
 *   GET  /dossiers/{id}/personen/nieuw         person.add    person form
 *   POST /dossiers/{id}/personen               person.add    -> #personen
 *   GET  /dossiers/{id}/relaties/nieuw         relation.add  relation form
 *   POST /dossiers/{id}/relaties               relation.add  -> #gezinsschema
 *   GET  /dossiers/{id}/incidenten/nieuw       incident.add  incident form
 *   POST /dossiers/{id}/incidenten             incident.add  -> #incidenten
 *   GET  /dossiers/{id}/team                   team.read     the case team
 *   POST /dossiers/{id}/team                   team.add      -> team page
 *   POST /dossiers/{id}/team/{org_id}/verwijderen
 *                                              team.remove   -> team page
 *   GET  /dossiers/{id}/journaal[?pagina=N]    journal.read  the timeline
 *
 * The case file links to pages built elsewhere (page_order*.c): the risk
 * assessments /dossiers/{id}/risicotaxatie/{nieuw | assessment_id} and
 * the orders /dossiers/{id}/huisverbod/{nieuw | order_id}.
 *
 * Contract:
 *  - Access is the router's and the policy's: a case outside the user's
 *    team answers the one 404 page, for every URL here, GET and POST.
 *  - The case file shows a section only when the policy allows its read
 *    action (person.read, relation.read, incident.read, assessment.read,
 *    order.read, team.read, journal.read) and logs each such read in the
 *    access log beside the route's own case.read (app_case_reads); a link
 *    or form to change something only when the policy would allow that.
 *  - Every form carries the CSRF token; it is read and validated by the
 *    same functions as the API (api_*_add_body, api_team_*_member), so a
 *    page and the API never disagree. A refused form answers 400 (409 for
 *    a team member already there) with the errors beside the fields and
 *    in the summary, what was typed kept, and nothing written. Success
 *    answers 303 to the case file at the section's anchor (the team page
 *    for team changes).
 *  - Times are shown in the local time of the case's jurisdiction, words
 *    per the case's country (web/strings.h: NL "Huisverbod", BE
 *    "Tijdelijk huisverbod").
 *
 * page_journal_entries() renders journal entries (newest first) into a
 * template list; the case file's timeline and the journal page share it.
 */
#ifndef CT_HTTP_PAGE_CASE_H
#define CT_HTTP_PAGE_CASE_H

#include <stddef.h>
#include <stdint.h>

#include "core/model.h"
#include "core/vocab.h"
#include "http/page_common.h"
#include "http/router.h"
#include "store/store.h"
#include "util/civtime.h"
#include "web/strings.h"
#include "web/tmpl.h"

/* Form sizes: a description or a reason may be long (core's limits). */
#define PAGE_CASE_FORM_MAX ((size_t)64 * 1024)
/*
 * A one-line field may be longer than core allows, so that core, not the
 * form parser, says "too long" beside the field; a code field holds a
 * vocabulary code.
 */
#define PAGE_CASE_TEXT_FIELD_MAX 1024
#define PAGE_CASE_CODE_MAX 64
#define PAGE_JOURNAL_PAGE_SIZE 25
#define PAGE_CASE_TIMELINE_ENTRIES 10

enum ct_err page_case_new_form(void *app, struct http_request *req,
			       struct http_response *resp,
			       struct ct_error *err);
enum ct_err page_case_create(void *app, struct http_request *req,
			     struct http_response *resp, struct ct_error *err);
enum ct_err page_case_file(void *app, struct http_request *req,
			   struct http_response *resp, struct ct_error *err);

enum ct_err page_case_person_form(void *app, struct http_request *req,
				  struct http_response *resp,
				  struct ct_error *err);
enum ct_err page_case_person_add(void *app, struct http_request *req,
				 struct http_response *resp,
				 struct ct_error *err);
enum ct_err page_case_relation_form(void *app, struct http_request *req,
				    struct http_response *resp,
				    struct ct_error *err);
enum ct_err page_case_relation_add(void *app, struct http_request *req,
				   struct http_response *resp,
				   struct ct_error *err);
enum ct_err page_case_incident_form(void *app, struct http_request *req,
				    struct http_response *resp,
				    struct ct_error *err);
enum ct_err page_case_incident_add(void *app, struct http_request *req,
				   struct http_response *resp,
				   struct ct_error *err);

enum ct_err page_team(void *app, struct http_request *req,
		      struct http_response *resp, struct ct_error *err);
enum ct_err page_team_add(void *app, struct http_request *req,
			  struct http_response *resp, struct ct_error *err);
enum ct_err page_team_remove(void *app, struct http_request *req,
			     struct http_response *resp, struct ct_error *err);

enum ct_err page_journal(void *app, struct http_request *req,
			 struct http_response *resp, struct ct_error *err);

/*
 * Entries [from, to) of a case's journal (oldest first, as the store
 * gives it), newest first, as items of list name in v: when (zone's
 * local time), who (user, organisation), what (a Dutch sentence),
 * details (before and after). CT_OK, or the store's error for the
 * organisation names.
 */
enum ct_err page_journal_entries(struct store *st, struct http_request *req,
				 const struct ct_case *c,
				 const struct journal_entry *entries,
				 size_t from, size_t to, struct tmpl_vars *v,
				 const char *name, struct ct_error *err);

/*
 * Shared by the case pages (page_case*.c, page_team.c, page_journal.c):
 *  - page_case_of(): the case authorize loaded for this case-bound route.
 *  - page_case_vars(): page_vars_new() for a page about that case, in the
 *    case's words (web_strings_set for its country), with case_id,
 *    reference and the title "<title> <reference>".
 *  - page_case_field(): a text field of the posted form, or NULL.
 *  - page_case_when() / page_case_date(): an instant as words in zone z
 *    ("maandag 13 juli 2026 om 13:59") or as its local date, into name,
 *    and the ISO form for <time datetime> into name_iso.
 *  - page_case_errors(): a refused form's problems, each beside its field
 *    (err_<field>) and all in the summary ("errors", errors.html) linking
 *    to the field's anchor; labels name the form's fields, a problem of
 *    another field is in the summary only. A reader's "ontbreekt" reads
 *    as the label's required sentence. Words in country's Dutch.
 *  - page_case_sentence(): msg into out (n bytes) as a sentence beside a
 *    field: its first letter a capital.
 *  - page_case_options(): the terms of voc as <option>s in list, chosen
 *    selected; blank (when not NULL) first with value "".
 *  - page_case_person_name(): "given family" in a.
 */
struct page_case_label {
	const char *field;	     /* the problem's field (the API's name) */
	const char *anchor;	     /* the id of the form control */
	enum web_string_id label;    /* the field's label, for the summary */
	enum web_string_id required; /* when it is missing ("ontbreekt") */
};
/* No sentence of its own: the reader's message stands. */
#define PAGE_CASE_NO_STRING WEB_S__COUNT

const struct ct_case *page_case_of(const struct http_request *req);
struct tmpl_vars *page_case_vars(void *app, struct http_request *req,
				 enum web_string_id title);
const char *page_case_field(const struct http_request *req, const char *name);
void page_case_when(struct tmpl_vars *v, const char *name, enum ct_zone z,
		    int64_t t);
void page_case_date(struct tmpl_vars *v, const char *name, enum ct_zone z,
		    int64_t t);
void page_case_errors(struct tmpl_vars *v, enum ct_country country,
		      const struct ct_problems *p,
		      const struct page_case_label *labels, size_t n);
void page_case_sentence(const char *msg, char *out, size_t n);
void page_case_options(struct tmpl_vars *v, const char *list,
		       const struct vocab *voc, const char *chosen,
		       const char *blank);
const char *page_case_person_name(struct arena *a, const struct person *p);

/* The form fields of each POST (see page_case.c, page_case_parts.c). */
#define PAGE_CASE_FIELDS_N 3
#define PAGE_CASE_PERSON_FIELDS_N (6 + PERSON_ROLE__COUNT)
#define PAGE_CASE_RELATION_FIELDS_N 3
#define PAGE_CASE_INCIDENT_FIELDS_N                                            \
	(4 + VIOLENCE_TYPE__COUNT + VIOLENCE_FORM__COUNT)
#define PAGE_TEAM_ADD_FIELDS_N 2
#define PAGE_TEAM_REMOVE_FIELDS_N 1
#define PAGE_JOURNAL_QUERY_N 1
extern const struct http_param_spec page_case_fields[PAGE_CASE_FIELDS_N];
extern const struct http_param_spec
	page_case_person_fields[PAGE_CASE_PERSON_FIELDS_N];
extern const struct http_param_spec
	page_case_relation_fields[PAGE_CASE_RELATION_FIELDS_N];
extern const struct http_param_spec
	page_case_incident_fields[PAGE_CASE_INCIDENT_FIELDS_N];
extern const struct http_param_spec
	page_team_add_fields[PAGE_TEAM_ADD_FIELDS_N];
extern const struct http_param_spec
	page_team_remove_fields[PAGE_TEAM_REMOVE_FIELDS_N];
extern const struct http_param_spec page_journal_query[PAGE_JOURNAL_QUERY_N];

#define PAGE_CASE_READ_FLAGS (HTTP_ROUTE_PAGE | HTTP_ROUTE_SESSION)
#define PAGE_CASE_WRITE_FLAGS                                                  \
	(HTTP_ROUTE_PAGE | HTTP_ROUTE_SESSION | HTTP_ROUTE_CSRF)
#define PAGE_CASE_PATH "/dossiers/{case_id:uuid}"

#define PAGE_CASE_GET(p, act, h)                                               \
	{                                                                      \
		.method = HTTP_METHOD_GET, .pattern = (p), .action = (act),    \
		.flags = PAGE_CASE_READ_FLAGS, .handler = (h)                  \
	}
#define PAGE_CASE_POST(p, act, fields, n, h)                                   \
	{                                                                      \
		.method = HTTP_METHOD_POST, .pattern = (p), .action = (act),   \
		.flags = PAGE_CASE_WRITE_FLAGS, .body = (fields),              \
		.n_body = (n), .body_max = PAGE_CASE_FORM_MAX, .handler = (h)  \
	}

#define PAGE_CASE_ROUTES                                                       \
	PAGE_CASE_GET("/dossiers/nieuw", "case.create", page_case_new_form),   \
		PAGE_CASE_POST("/dossiers", "case.create", page_case_fields,   \
			       PAGE_CASE_FIELDS_N, page_case_create),          \
		PAGE_CASE_GET(PAGE_CASE_PATH, "case.read", page_case_file),    \
		PAGE_CASE_GET(PAGE_CASE_PATH "/personen/nieuw", "person.add",  \
			      page_case_person_form),                          \
		PAGE_CASE_POST(PAGE_CASE_PATH "/personen", "person.add",       \
			       page_case_person_fields,                        \
			       PAGE_CASE_PERSON_FIELDS_N,                      \
			       page_case_person_add),                          \
		PAGE_CASE_GET(PAGE_CASE_PATH "/relaties/nieuw",                \
			      "relation.add", page_case_relation_form),        \
		PAGE_CASE_POST(PAGE_CASE_PATH "/relaties", "relation.add",     \
			       page_case_relation_fields,                      \
			       PAGE_CASE_RELATION_FIELDS_N,                    \
			       page_case_relation_add),                        \
		PAGE_CASE_GET(PAGE_CASE_PATH "/incidenten/nieuw",              \
			      "incident.add", page_case_incident_form),        \
		PAGE_CASE_POST(PAGE_CASE_PATH "/incidenten", "incident.add",   \
			       page_case_incident_fields,                      \
			       PAGE_CASE_INCIDENT_FIELDS_N,                    \
			       page_case_incident_add),                        \
		PAGE_CASE_GET(PAGE_CASE_PATH "/team", "team.read", page_team), \
		PAGE_CASE_POST(PAGE_CASE_PATH "/team", "team.add",             \
			       page_team_add_fields, PAGE_TEAM_ADD_FIELDS_N,   \
			       page_team_add),                                 \
		PAGE_CASE_POST(PAGE_CASE_PATH                                  \
			       "/team/{org_id:uuid}/verwijderen",              \
			       "team.remove", page_team_remove_fields,         \
			       PAGE_TEAM_REMOVE_FIELDS_N, page_team_remove),   \
	{                                                                      \
		.method = HTTP_METHOD_GET,                                     \
		.pattern = PAGE_CASE_PATH "/journaal",                         \
		.action = "journal.read", .flags = PAGE_CASE_READ_FLAGS,       \
		.query = page_journal_query, .n_query = PAGE_JOURNAL_QUERY_N,  \
		.handler = page_journal                                        \
	}

#endif
