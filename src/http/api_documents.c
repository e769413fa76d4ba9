/*
 * api_documents.c - the order's documents as downloads (contract:
 * api_documents.h).
 *
 * Design: the handler loads, a pure function fills, docs/ checks and
 * renders. The router has already decided document.read (the case team,
 * or a break-the-glass grant) and written the access-log record, since a
 * document names the persons. api_documents_fill() maps the stored order
 * onto struct doc_input field by field and leaves empty what the order
 * does not hold, so that doc_check() - the one owner of "what must a
 * decision contain" (seed 001 hfst. 4 'Inhoud van de beschikking', Wth
 * art. 2 lid 4; seed 000 par. 1) - names it in the 422. Nothing here
 * invents content: a missing mandate decision, municipality or name stays
 * missing and is reported, never filled with a placeholder.
 *
 * Where each field comes from:
 *   authority    NL: the mayor's municipality (the decider's organisation
 *                when it is one, else the team's municipality), without
 *                "Gemeente "; BE: the parket, without "Parket " (seed 000
 *                par. 1: the procureur des Konings decides)
 *   decider      decision and letter: the user who took the decision,
 *                with the role and mandate the order recorded (seed 001
 *                hfst. 3 'Mandatering'); extension: the user who recorded
 *                the extension (NL the mayor alone, art. 9 Wth; BE the
 *                prosecutor recording the family court's ruling)
 *   removed      the order's subject: name and birth date
 *   start, end   imposition and its legal end (rules_order_end: 10 / 14
 *                days to the same clock time); an extension's end is the
 *                order's current end, its previous end the legal one
 *   facts        decision: the facts of the decision step; extension:
 *                the grounds of the extension step
 *   views        the removed person's view from the last hearing before
 *                the decision (hoorplicht, seed 001 hfst. 3)
 *   advice       NL extension: the coordinator's advice (seed 001 hfst. 8)
 *   signed_*     the authority's place; the date the decision was written
 *                (or taken), the extension's date, or today for a letter
 */
#include "http/api_documents.h"

#include <pthread.h>
#include <stdio.h>
#include <string.h>

#include <jansson.h>
#include <sodium.h>

#include "core/rules.h"
#include "docs/doc_check.h"
#include "docs/doc_compose.h"
#include "docs/doc_html.h"
#include "docs/doc_pdf.h"
#include "http/api_common.h"
#include "http/app.h"
#include "http/response.h"
#include "store/store_team.h"
#include "util/sbuf.h"
#include "util/banned.h"

#define CONTENT_TYPE_PDF "application/pdf"
#define CONTENT_TYPE_HTML "text/html; charset=utf-8"
/* Users a document can name: the decider, the mayor of a signing
 * mandate and whoever recorded an extension. */
#define USERS_MAX 8
#define FILENAME_MAX_BYTES (CT_REFERENCE_SIZE + 32)

/* ------------------------------------------------------------------ */
/* Looking things up in the source.                                   */

static const struct person *
find_person(const struct api_documents_source *src, const char *id)
{
	size_t i;

	if (!id || !id[0])
		return NULL;
	for (i = 0; i < src->n_persons; i++)
		if (strcmp(src->persons[i].id, id) == 0)
			return &src->persons[i];
	return NULL;
}

static const struct user *
find_user(const struct api_documents_source *src, const char *id)
{
	size_t i;

	if (!id || !id[0])
		return NULL;
	for (i = 0; i < src->n_users; i++)
		if (strcmp(src->users[i].id, id) == 0)
			return &src->users[i];
	return NULL;
}

static const struct org *
find_org(const struct api_documents_source *src, const char *id)
{
	size_t i;

	if (!id || !id[0])
		return NULL;
	for (i = 0; i < src->n_orgs; i++)
		if (strcmp(src->orgs[i].id, id) == 0)
			return &src->orgs[i];
	return NULL;
}

static const struct org *
find_org_type(const struct api_documents_source *src, enum org_type t)
{
	size_t i;

	for (i = 0; i < src->n_orgs; i++)
		if (src->orgs[i].type == t)
			return &src->orgs[i];
	return NULL;
}

/* The last step of kind k at or before `until` (0: any time). */
static const struct store_order_step *
last_step(const struct api_documents_source *src, enum order_step_kind k,
	  int64_t until)
{
	const struct store_order_step *found = NULL;
	size_t i;

	for (i = 0; i < src->n_steps; i++) {
		const struct store_order_step *s = &src->steps[i];

		if (s->kind == k && (!until || s->at <= until))
			found = s;
	}
	return found;
}

/* A text member of a step's stored details, copied into a; or NULL. */
static const char *
step_text(const struct store_order_step *s, const char *key, struct arena *a)
{
	const char *out = NULL;
	json_t *j, *v;

	if (!s || !s->details_json)
		return NULL;
	/* Stored canonical by the store (order_step_details_to_json). */
	j = json_loads(s->details_json, 0, NULL);
	if (!j)
		return NULL;
	v = json_object_get(j, key);
	if (json_is_string(v) && json_string_length(v) > 0)
		out = arena_strdup(a, json_string_value(v));
	json_decref(j);
	return out;
}

/* The view of person_id from the last hearing at or before until. */
static const char *
view_of(const struct api_documents_source *src, const char *person_id,
	int64_t until, struct arena *a)
{
	const char *view = NULL;
	size_t i;

	for (i = 0; i < src->n_steps; i++) {
		const struct store_order_step *s = &src->steps[i];
		const char *who, *v;

		if (s->kind != ORDER_STEP_HEAR || (until && s->at > until))
			continue;
		who = step_text(s, "person_id", a);
		if (!who || strcmp(who, person_id) != 0)
			continue;
		v = step_text(s, "view", a);
		if (v)
			view = v;
	}
	return view;
}

/* "Anna de Vries": given and family name; NULL when neither is known. */
static const char *
person_name(const struct person *p, struct arena *a)
{
	const char *g = p->given_name ? p->given_name : "";
	const char *f = p->family_name ? p->family_name : "";
	size_t n = strlen(g) + 1 + strlen(f) + 1;
	char *out;

	if (!g[0] && !f[0])
		return NULL;
	out = arena_alloc(a, n);
	if (!out)
		return NULL;
	snprintf(out, n, "%s%s%s", g, g[0] && f[0] ? " " : "", f);
	return out;
}

/* The organisation's name without a leading prefix ("Gemeente "). */
static const char *
strip_prefix(const char *name, const char *prefix)
{
	size_t n = strlen(prefix);

	if (name && strncmp(name, prefix, n) == 0 && name[n])
		return name + n;
	return name;
}

/* ------------------------------------------------------------------ */
/* Who decided.                                                       */

static enum doc_decider_role
role_of(enum user_role r)
{
	switch (r) {
	case USER_ROLE_MAYOR:
		return DOC_ROLE_MAYOR;
	case USER_ROLE_HOVJ:
		return DOC_ROLE_HOVJ;
	case USER_ROLE_PROSECUTOR:
		return DOC_ROLE_PROSECUTOR;
	default:
		return DOC_ROLE_NONE; /* doc_check names the decider */
	}
}

/* The role a user held for a step only the mayor (NL) or the parket
 * (BE) may record; NONE otherwise, for doc_check to refuse. */
static enum doc_decider_role
role_of_user(const struct user *u, enum ct_country c)
{
	if (!u)
		return DOC_ROLE_NONE;
	if (c == CT_COUNTRY_BE)
		return ct_has(u->roles, USER_ROLE_PROSECUTOR)
			       ? DOC_ROLE_PROSECUTOR
			       : DOC_ROLE_NONE;
	return ct_has(u->roles, USER_ROLE_MAYOR) ? DOC_ROLE_MAYOR
						 : DOC_ROLE_NONE;
}

static enum doc_mandate
mandate_of(enum order_mandate m)
{
	switch (m) {
	case ORDER_MANDATE_DECIDING:
		return DOC_MANDATE_DECIDING;
	case ORDER_MANDATE_SIGNING:
		return DOC_MANDATE_SIGNING;
	default:
		return DOC_MANDATE_NONE;
	}
}

/* NL: the mayor's municipality; BE: the parket of the procureur. */
static const struct org *
authority_org(const struct api_documents_source *src, enum ct_country c,
	      const struct user *decider)
{
	enum org_type want = c == CT_COUNTRY_BE ? ORG_TYPE_PROSECUTOR
						: ORG_TYPE_MUNICIPALITY;
	const struct org *o = decider ? find_org(src, decider->org_id) : NULL;

	if (o && o->type == want)
		return o;
	return find_org_type(src, want);
}

/* Veilig Thuis (NL); Justitiehuis, Veilig Huis or FJC (BE: seed 000
 * par. 1 slachtofferonthaal and Multifocus); else the case owner. */
static const char *
help_contact(const struct api_documents_source *src, enum ct_country c,
	     struct arena *a)
{
	static const enum org_type nl[] = {ORG_TYPE_VEILIG_THUIS};
	static const enum org_type be[] = {ORG_TYPE_JUSTITIEHUIS,
					   ORG_TYPE_VEILIG_HUIS, ORG_TYPE_FJC};
	const enum org_type *want = c == CT_COUNTRY_BE ? be : nl;
	size_t n = c == CT_COUNTRY_BE ? CT_ARRAY_SIZE(be) : CT_ARRAY_SIZE(nl);
	const struct org *o = NULL;
	size_t i, len;
	char *out;

	for (i = 0; i < n && !o; i++)
		o = find_org_type(src, want[i]);
	if (!o)
		o = find_org(src, src->kase->owner_org_id);
	if (!o || !o->name)
		return NULL;
	if (!o->email || !o->email[0])
		return o->name;
	len = strlen(o->name) + strlen(o->email) + 4;
	out = arena_alloc(a, len);
	if (!out)
		return o->name;
	snprintf(out, len, "%s (%s)", o->name, o->email);
	return out;
}

/* ------------------------------------------------------------------ */
/* Filling.                                                           */

static void
fill_common(const struct api_documents_source *src, struct arena *a,
	    struct doc_input *in)
{
	const struct order *o = src->order;
	const struct person *subject = find_person(src, o->subject_person_id);
	size_t i;

	in->case_reference = src->kase->reference;
	if (subject) {
		in->removed.name = person_name(subject, a);
		in->removed.has_birth_date = subject->has_birth_date;
		in->removed.birth_date = subject->birth_date;
	}
	in->address = o->place;
	in->start = o->imposed_at;
	in->oral_first = o->oral;
	in->stay_address = o->stay_address;
	in->stay_phone = o->stay_phone;
	/* The contact ban protects the persons the order names (Wth art. 2
	 * lid 4 sub c): by name, from the case's persons. */
	for (i = 0;
	     i < o->n_protected && in->protected_count < DOC_PROTECTED_MAX;
	     i++) {
		const struct person *p;
		const char *name;

		p = find_person(src, o->protected_person_ids[i]);
		name = p ? person_name(p, a) : NULL;
		if (name)
			in->protected_names[in->protected_count++] = name;
	}
}

/*
 * mandate_reference: the mandaatbesluit the decide step recorded (core
 * refuses a decision under mandate without it, seed 001 hfst. 3); NULL for
 * decisions taken without a mandate.
 */
static void
set_decider(struct doc_input *in, const struct user *u,
	    enum doc_decider_role role, enum doc_mandate mandate,
	    const char *mandate_reference)
{
	in->decider_name = u ? u->display_name : NULL;
	in->decider_role = role;
	in->mandate = mandate;
	in->mandate_reference = mandate_reference;
}

static void
set_authority(const struct api_documents_source *src, struct doc_input *in,
	      const struct user *decider)
{
	enum ct_country c = in->jurisdiction;
	const struct org *o = authority_org(src, c, decider);

	if (!o)
		return; /* doc_check: the municipality / parket is missing */
	in->authority = strip_prefix(o->name, c == CT_COUNTRY_BE ? "Parket "
								 : "Gemeente ");
	in->signed_place = in->authority;
}

static void
set_signed(const struct order_rules *r, struct doc_input *in, int64_t t)
{
	if (!t)
		return;
	ct_local_date(r->zone, t, &in->signed_date);
	in->has_signed_date = 1;
}

static int
imposed(const struct order *o)
{
	return o->imposed_at != 0 && o->state != ORDER_STATE_SCREENING &&
	       o->state != ORDER_STATE_NOT_IMPOSED;
}

void
api_documents_fill(enum doc_kind k, const struct api_documents_source *src,
		   struct arena *a, struct doc_input *in, struct ct_problems *p)
{
	const struct order *o = src->order;
	const struct order_rules *r = rules_for(src->kase->jurisdiction);
	const struct user *decider = find_user(src, o->decided_by);
	const struct store_order_step *ext;
	int64_t legal_end = 0;

	doc_input_init(in);
	in->kind = k;
	in->jurisdiction = src->kase->jurisdiction;
	fill_common(src, a, in);
	if (o->imposed_at && rules_order_end(r, o->imposed_at, &legal_end))
		legal_end = 0;
	if (!imposed(o))
		ct_problems_add(p, "state",
				"er is (nog) geen huisverbod opgelegd: het "
				"document legt een opgelegd huisverbod vast");

	switch (k) {
	case DOC_DECISION:
		set_decider(in, decider, role_of(o->decided_role),
			    mandate_of(o->mandate), o->mandate_reference);
		set_authority(src, in, decider);
		/* The decision itself: its own term, whatever came after. */
		in->end = legal_end;
		in->facts = o->facts;
		in->views =
			view_of(src, o->subject_person_id, o->decided_at, a);
		set_signed(r, in,
			   o->written_at ? o->written_at : o->decided_at);
		break;
	case DOC_EXTENSION:
		ext = last_step(src, ORDER_STEP_EXTEND, 0);
		if (!ext || o->n_extensions == 0) {
			ct_problems_add(p, "state",
					"het huisverbod is niet verlengd: er "
					"is geen verlengingsbesluit");
			ext = NULL;
		}
		decider = ext ? find_user(src, ext->actor_user_id) : NULL;
		set_decider(in, decider,
			    role_of_user(decider, in->jurisdiction),
			    DOC_MANDATE_NONE, NULL);
		set_authority(src, in, decider);
		if (!ext)
			break;
		in->previous_end = legal_end;
		in->end = o->ends_at;
		in->facts = step_text(ext, "reasons", a);
		in->advice =
			step_text(last_step(src, ORDER_STEP_ADVICE, ext->at),
				  "reasons", a);
		in->views = view_of(src, o->subject_person_id, ext->at, a);
		set_signed(r, in, ext->at);
		if (in->jurisdiction == CT_COUNTRY_BE) {
			/* seed 000 par. 1: the family court of the parket's
			 * district rules; the prosecutor records it. */
			size_t n;
			char *court;

			ct_local_date(r->zone, ext->at, &in->ruling_date);
			in->has_ruling_date = 1;
			if (in->authority) {
				n = strlen(in->authority) + 24;
				court = arena_alloc(a, n);
				if (court) {
					snprintf(court, n,
						 "familierechtbank %s",
						 in->authority);
					in->court = court;
				}
			}
		}
		break;
	case DOC_LETTER: {
		const char *want = src->recipient_person_id;
		const struct person *to = NULL;
		size_t i;

		set_decider(in, decider, role_of(o->decided_role),
			    mandate_of(o->mandate), o->mandate_reference);
		set_authority(src, in, decider);
		in->end = o->ends_at;
		/* The letter goes to a person under the contact ban who
		 * stays in the home (seed 001 hfst. 3 stap 6). */
		for (i = 0; i < o->n_protected && !to; i++)
			if (!want ||
			    strcmp(want, o->protected_person_ids[i]) == 0)
				to = find_person(src,
						 o->protected_person_ids[i]);
		if (want && !to)
			ct_problems_add(p, "person_id",
					"deze persoon staat niet onder het "
					"contactverbod van dit huisverbod");
		if (to) {
			in->recipient_name = person_name(to, a);
			in->recipient_address = o->place;
		}
		in->help_contact = help_contact(src, in->jurisdiction, a);
		set_signed(r, in, src->now);
		break;
	}
	}
}

void
api_documents_filename(const char *reference, enum doc_kind k, int pdf,
		       char *out, size_t size)
{
	const char *code = doc_kind_code(k);

	snprintf(out, size, "%s-%s.%s", reference ? reference : "document",
		 code ? code : "document", pdf ? "pdf" : "html");
}

/* ------------------------------------------------------------------ */
/* The handler.                                                       */

/*
 * One PDF render at a time: pango keeps its font map per thread, but
 * fontconfig's shared caches have not always been safe to fill from
 * several threads at once, and a download is rare enough to queue.
 */
static pthread_mutex_t pdf_lock = PTHREAD_MUTEX_INITIALIZER;

struct loaded {
	struct ct_case kase;
	struct order order;
	struct person *persons;
	size_t n_persons;
	struct store_order_step *steps;
	size_t n_steps;
	struct user users[USERS_MAX];
	size_t n_users;
	struct org *orgs;
	size_t n_orgs;
	size_t orgs_alloc;
};

static enum ct_err
add_org(struct store *st, struct arena *a, struct loaded *l, const char *id,
	struct ct_error *err)
{
	enum ct_err rc;
	size_t i;

	for (i = 0; i < l->n_orgs; i++)
		if (strcmp(l->orgs[i].id, id) == 0)
			return CT_OK;
	if (l->n_orgs == l->orgs_alloc)
		return CT_OK; /* sized for the team plus every user */
	rc = store_org_get(st, id, a, &l->orgs[l->n_orgs], err);
	if (rc == CT_ERR_NOTFOUND)
		return CT_OK;
	if (rc == CT_OK)
		l->n_orgs++;
	return rc;
}

static enum ct_err
add_user(struct store *st, struct arena *a, struct loaded *l, const char *id,
	 struct ct_error *err)
{
	enum ct_err rc;
	size_t i;

	if (!id || !id[0] || l->n_users == USERS_MAX)
		return CT_OK;
	for (i = 0; i < l->n_users; i++)
		if (strcmp(l->users[i].id, id) == 0)
			return CT_OK;
	rc = store_user_get(st, id, a, &l->users[l->n_users], err);
	if (rc == CT_ERR_NOTFOUND)
		return CT_OK; /* the document then lacks a name: 422 */
	if (rc == CT_OK)
		l->n_users++;
	return rc;
}

static enum ct_err
load(struct store *st, struct arena *a, const char *case_id,
     const char *order_id, struct loaded *l, struct ct_error *err)
{
	struct team_member *team = NULL;
	size_t n_team = 0, i;
	enum ct_err rc;

	rc = store_case_get(st, case_id, a, &l->kase, err);
	if (!rc)
		rc = store_order_get(st, case_id, order_id, a, &l->order, err);
	if (!rc)
		rc = store_person_list(st, case_id, a, &l->persons,
				       &l->n_persons, err);
	if (!rc)
		rc = store_order_steps(st, l->order.id, a, &l->steps,
				       &l->n_steps, err);
	if (!rc)
		rc = store_team_list(st, case_id, 0, a, &team, &n_team, err);
	if (rc)
		return rc;
	rc = add_user(st, a, l, l->order.decided_by, err);
	if (!rc)
		rc = add_user(st, a, l, l->order.mayor_user_id, err);
	for (i = 0; !rc && i < l->n_steps; i++)
		if (l->steps[i].kind == ORDER_STEP_EXTEND)
			rc = add_user(st, a, l, l->steps[i].actor_user_id, err);
	if (rc)
		return rc;
	l->orgs_alloc = n_team + l->n_users + 1;
	l->orgs = arena_alloc_array(a, l->orgs_alloc, sizeof(*l->orgs));
	if (!l->orgs)
		return CT_ERR_LIMIT;
	rc = add_org(st, a, l, l->kase.owner_org_id, err);
	for (i = 0; !rc && i < n_team; i++)
		rc = add_org(st, a, l, team[i].org_id, err);
	for (i = 0; !rc && i < l->n_users; i++)
		rc = add_org(st, a, l, l->users[i].org_id, err);
	return rc;
}

/* The source of a document from what load() read. */
static void
source_of(const struct loaded *l, const char *recipient_person_id, int64_t now,
	  struct api_documents_source *src)
{
	memset(src, 0, sizeof(*src));
	src->kase = &l->kase;
	src->order = &l->order;
	src->persons = l->persons;
	src->n_persons = l->n_persons;
	src->steps = l->steps;
	src->n_steps = l->n_steps;
	src->users = l->users;
	src->n_users = l->n_users;
	src->orgs = l->orgs;
	src->n_orgs = l->n_orgs;
	src->recipient_person_id = recipient_person_id;
	src->now = now;
}

/* 1 when a document of kind k (for the person, a letter) can be made. */
static int
can_make(enum doc_kind k, const struct loaded *l, const char *person_id,
	 int64_t now, struct arena *a)
{
	struct api_documents_source src;
	struct ct_problems problems;
	struct doc_input in;

	source_of(l, person_id, now, &src);
	ct_problems_init(&problems);
	api_documents_fill(k, &src, a, &in, &problems);
	if (ct_problems_any(&problems))
		return 0;
	return doc_check(&in, &problems) == CT_OK;
}

enum ct_err
api_documents_offers(struct store *st, const char *case_id,
		     const char *order_id, int64_t now, struct arena *a,
		     struct api_documents_offer *out, size_t *n,
		     struct ct_error *err)
{
	struct loaded *l = arena_alloc(a, sizeof(*l));
	const struct order *o;
	size_t i, j;
	enum ct_err rc;

	*n = 0;
	if (!l)
		return ct_error_set(err, CT_ERR_LIMIT, "verzoekgeheugen vol");
	rc = load(st, a, case_id, order_id, l, err);
	if (rc)
		return rc;
	o = &l->order;
	if (can_make(DOC_DECISION, l, NULL, now, a))
		out[(*n)++] =
			(struct api_documents_offer){DOC_DECISION, NULL, NULL};
	if (can_make(DOC_EXTENSION, l, NULL, now, a))
		out[(*n)++] =
			(struct api_documents_offer){DOC_EXTENSION, NULL, NULL};
	for (i = 0; i < o->n_protected; i++) {
		const char *id = o->protected_person_ids[i];
		const struct person *p = NULL;

		for (j = 0; j < l->n_persons && !p; j++)
			if (strcmp(l->persons[j].id, id) == 0)
				p = &l->persons[j];
		if (!p || !can_make(DOC_LETTER, l, id, now, a))
			continue;
		out[(*n)++] = (struct api_documents_offer){DOC_LETTER, p->id,
							   person_name(p, a)};
	}
	return CT_OK;
}

/* 422 with every missing item: the document is not made. */
static void
refuse(struct http_request *req, struct http_response *resp,
       const struct ct_problems *p)
{
	http_response_error(resp, req->arena, 422, "invalid",
			    "Het document kan niet worden gemaakt: er "
			    "ontbreekt verplichte inhoud of het huisverbod "
			    "is nog niet zo ver.",
			    p);
}

enum ct_err
api_documents_read(void *app, struct http_request *req,
		   struct http_response *resp, struct ct_error *err)
{
	struct store *st = api_store(app, err);
	const char *format = http_request_param(req, "format");
	char filename[FILENAME_MAX_BYTES], disposition[FILENAME_MAX_BYTES + 32];
	struct api_documents_source src;
	struct ct_problems problems;
	struct doc_input in;
	struct loaded *l;
	struct sbuf out;
	struct doc d;
	enum doc_kind k;
	int pdf = !format || strcmp(format, "pdf") == 0;
	enum ct_err rc;
	char *body;

	if (!st)
		return err->code;
	/* An unknown document is absent, like a file that is not there. */
	if (doc_kind_parse(http_request_param(req, "kind"), &k) != CT_OK)
		return api_not_found(err);
	l = arena_alloc(req->arena, sizeof(*l));
	if (!l)
		return CT_ERR_LIMIT;
	rc = load(st, req->arena, http_request_param(req, "case_id"),
		  http_request_param(req, "order_id"), l, err);
	if (rc)
		return api_store_failed(rc, err);

	source_of(l, http_request_param(req, "person_id"), api_now(app), &src);

	ct_problems_init(&problems);
	api_documents_fill(k, &src, req->arena, &in, &problems);
	doc_init(&d);
	/* doc_compose runs doc_check: every missing item, not the first. */
	rc = doc_compose(&in, &d, &problems);
	if (rc || ct_problems_any(&problems)) {
		doc_release(&d);
		if (rc && rc != CT_ERR_INVALID)
			return rc;
		refuse(req, resp, &problems);
		return CT_OK;
	}

	sbuf_init(&out, API_DOCUMENTS_OUT_MAX);
	if (pdf) {
		pthread_mutex_lock(&pdf_lock);
		rc = doc_pdf_render(&d, src.now, &out, err);
		pthread_mutex_unlock(&pdf_lock);
	} else {
		rc = doc_html_render(&d, &out);
	}
	doc_release(&d);
	body = rc ? NULL : arena_alloc(req->arena, out.len ? out.len : 1);
	if (!rc && !body)
		rc = CT_ERR_LIMIT;
	if (rc) {
		sbuf_release(&out);
		return rc;
	}
	memcpy(body, out.buf, out.len);
	resp->status = 200;
	resp->content_type = pdf ? CONTENT_TYPE_PDF : CONTENT_TYPE_HTML;
	resp->body = body;
	resp->body_len = out.len;
	/* The arena copy is wiped with the request; this one now. */
	sodium_memzero(out.buf, out.len);
	sbuf_release(&out);

	api_documents_filename(l->kase.reference, k, pdf, filename,
			       sizeof(filename));
	snprintf(disposition, sizeof(disposition),
		 "attachment; filename=\"%s\"", filename);
	http_response_add_header(resp, req->arena, "Content-Disposition",
				 disposition);
	return CT_OK;
}
