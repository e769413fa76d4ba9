/*
 * api_documents.h - the documents of a restraining order, downloaded
 * (issue 4 "Documents"):
 *
 *   GET /api/v1/cases/{case_id}/orders/{order_id}/documents/{kind}
 *       ?format=pdf|html (default pdf)                    document.read
 *       ?person_id=...   (letter only: the remaining person it is for;
 *                         default the first person under the contact ban)
 *
 * kind is "decision", "extension" or "letter" (docs/doc_model.h); another
 * kind answers 404 like a missing order. The router's typed segments
 * hold one parameter per segment, so the format is a declared query
 * parameter rather than a ".pdf" suffix.
 *
 * The document is made from the stored order, never from the request:
 * api_documents_fill() turns the case, the order, its steps, the case's
 * persons, the users who decided and the team's organisations into a
 * struct doc_input; docs/doc_compose.h checks its mandatory content and
 * composes it. A document that lacks mandatory content is not made: 422
 * {code "invalid", message, fields} with every missing item named (the
 * doc_check sentences, plus "state" when the order has not reached the
 * point the document records).
 *
 * The answer: 200 with Content-Type application/pdf or text/html;
 * charset=utf-8 and Content-Disposition: attachment; filename=
 * "<case reference>-<kind>.<format>" (the reference and the kind only: no
 * personal data in a file name, which lands in download lists and
 * logs). The server's security headers stay as they are, strict CSP
 * included: the HTML page is an attachment to be saved and printed, its
 * inline print stylesheet applies when opened from disk, and a browser
 * that renders it in place shows it unstyled rather than the API
 * loosening its policy.
 */
#ifndef CT_HTTP_API_DOCUMENTS_H
#define CT_HTTP_API_DOCUMENTS_H

#include <stddef.h>
#include <stdint.h>

#include "core/model.h"
#include "core/order.h"
#include "docs/doc_model.h"
#include "http/router.h"
#include "store/store.h"
#include "store/store_order.h"
#include "util/arena.h"
#include "util/err.h"

/* Most bytes of one rendered document (a PDF of a few pages is ~50 KB). */
#define API_DOCUMENTS_OUT_MAX ((size_t)8 * 1024 * 1024)

/* Everything a document is made from, loaded by the handler. */
struct api_documents_source {
	const struct ct_case *kase;
	const struct order *order;
	const struct person *persons; /* the case's persons */
	size_t n_persons;
	const struct store_order_step *steps; /* the order's steps, by seq */
	size_t n_steps;
	const struct user *users; /* the actors named by the order/steps */
	size_t n_users;
	const struct org *orgs; /* the team's organisations (and deciders') */
	size_t n_orgs;
	const char *recipient_person_id; /* letter; NULL: first protected */
	int64_t now;			 /* the letter's date */
};

/*
 * Fill in for a document of kind k from src. Text is borrowed from src or
 * put in a. What the order does not (yet) hold is left empty, for
 * doc_check() to name; problems only this function can see (the order is
 * not decided, not extended; the recipient is not under the contact ban)
 * are added to p (initialised). Pure: no store, no clock.
 */
void api_documents_fill(enum doc_kind k, const struct api_documents_source *src,
			struct arena *a, struct doc_input *in,
			struct ct_problems *p);

/* "decision.pdf"-style file name into out: "<reference>-<kind>.<ext>". */
void api_documents_filename(const char *reference, enum doc_kind k, int pdf,
			    char *out, size_t size);

/* A document that can be made of an order now (the pages offer it). */
struct api_documents_offer {
	enum doc_kind kind;
	const char *person_id;	 /* letter: its remaining person; else NULL */
	const char *person_name; /* letter: that person's name; else NULL */
};

/* Decision, extension, and a letter per person under the contact ban. */
#define API_DOCUMENTS_OFFERS_MAX (2 + ORDER_PROTECTED_MAX)

/*
 * The documents api_documents_read() would make of order_id of case_id
 * now, without making them: loaded as it loads, filled and checked by
 * doc_check() kind by kind (a letter once per person under the contact
 * ban). out holds API_DOCUMENTS_OFFERS_MAX; *n receives the count. Text
 * in a. CT_ERR_NOTFOUND when the order is not of the case.
 */
enum ct_err api_documents_offers(struct store *st, const char *case_id,
				 const char *order_id, int64_t now,
				 struct arena *a,
				 struct api_documents_offer *out, size_t *n,
				 struct ct_error *err);

enum ct_err api_documents_read(void *app, struct http_request *req,
			       struct http_response *resp,
			       struct ct_error *err);

#endif
