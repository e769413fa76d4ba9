/*
 * doc_json.h - a document's input described as JSON (the command line's
 * `casustafel document render --input FILE.json`).
 *
 * The description is one JSON object; the kind and jurisdiction come from
 * the caller (the command's options). Parsing is strict: unknown keys,
 * duplicate keys, wrong types, impossible dates and times, too many names
 * and over-long text are refused, every problem at once, each tied to its
 * key. Whether the content is complete is doc_check()'s job, which
 * doc_compose() runs.
 *
 * Keys (all optional here; see docs/doc_model.h for their meaning):
 *   case_reference, authority, decider_name, mandate_reference, address,
 *   facts, views, stay_address, stay_phone, signed_place, advice, court,
 *   recipient_name, recipient_address, help_contact      strings
 *   decider_role   "mayor" | "deputy_mayor" | "hovj" | "prosecutor"
 *   mandate        "none" | "deciding" | "signing"
 *   removed        {"name": string, "birth_date": "YYYY-MM-DD"}
 *   start, end, previous_end   local time "YYYY-MM-DDTHH:MM" in the
 *                  jurisdiction's zone (an explicit offset is accepted)
 *   oral_first     true | false
 *   protected_names  [string, ...] (at most DOC_PROTECTED_MAX)
 *   signed_date, ruling_date   "YYYY-MM-DD"
 */
#ifndef CT_DOCS_DOC_JSON_H
#define CT_DOCS_DOC_JSON_H

#include <stddef.h>

#include <jansson.h>

#include "docs/doc_model.h"
#include "util/err.h"

#define DOC_JSON_MAX ((size_t)256 * 1024) /* bytes of one description */

struct doc_json {
	json_t *root;           /* owns the strings input points into */
	struct doc_input input;
};

/*
 * Parse text[0..len) into out for a document of kind k in country c.
 * CT_OK, or CT_ERR_INVALID with every problem in p (initialised); out is
 * then released. Release out with doc_json_release() after CT_OK.
 */
enum ct_err doc_json_parse(const char *text, size_t len, enum doc_kind k,
			   enum ct_country c, struct doc_json *out,
			   struct ct_problems *p);
void doc_json_release(struct doc_json *dj);

#endif
