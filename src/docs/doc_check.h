/*
 * doc_check.h - the mandatory content of each document.
 *
 * A document that lacks what the law (or the process around it) requires
 * cannot be generated. doc_check() lists every missing or inconsistent
 * item at once, each as a Dutch sentence tied to the field it concerns
 * ("address": "de plaats waarop het huisverbod betrekking heeft
 * ontbreekt"). The requirements are a table in doc_check.c, each row with
 * the rule's source (seed file and section, and the article of the law).
 *
 * Besides presence it checks what a document would otherwise state
 * wrongly: the legal duration (NL 10 days, BE 14 days, counted in civil
 * time to the same clock time), the extension limits (NL 28 days in all,
 * BE three months), who may decide under which mandate, an adult subject
 * (NL), valid UTF-8 without control characters, and the length limits of
 * docs/doc_model.h.
 */
#ifndef CT_DOCS_DOC_CHECK_H
#define CT_DOCS_DOC_CHECK_H

#include "docs/doc_model.h"
#include "util/err.h"

/*
 * Check in against its kind and jurisdiction. Returns CT_OK, or
 * CT_ERR_INVALID with every problem added to p (p must be initialised;
 * problems already in it are kept).
 */
enum ct_err doc_check(const struct doc_input *in, struct ct_problems *p);

#endif
