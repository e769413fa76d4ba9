/*
 * doc_compose.h - a document as a list of blocks, the same for HTML and PDF.
 *
 * doc_compose() checks the input (docs/doc_check.h) and turns it, with the
 * legal texts of docs/doc_text.h, into a flat list of typed blocks:
 * title, headings, paragraphs, "label: value" fields, list items, the
 * signature. The writers (doc_html.h, doc_pdf.h) only lay the blocks out,
 * so the two formats always say the same thing. Block text is plain UTF-8
 * (never markup); "\n" inside a block is a line break.
 *
 * Lifecycle: doc_init(), doc_compose() fills, doc_release() frees.
 */
#ifndef CT_DOCS_DOC_COMPOSE_H
#define CT_DOCS_DOC_COMPOSE_H

#include <stddef.h>

#include "docs/doc_model.h"
#include "util/err.h"
#include "util/sbuf.h"

enum doc_block_kind {
	DOC_B_TITLE,     /* the document's title, once, first */
	DOC_B_SUBTITLE,  /* the law and the authority under the title */
	DOC_B_HEADING,   /* a section */
	DOC_B_PARA,      /* running text */
	DOC_B_FIELD,     /* label: value */
	DOC_B_ITEM,      /* one entry of a list */
	DOC_B_SIGNATURE, /* place, date, signatory (lines split by "\n") */
	DOC_B_NOTE,      /* small print */
};

struct doc_block {
	enum doc_block_kind kind;
	char *label; /* DOC_B_FIELD only, else NULL */
	char *text;
};

struct doc {
	enum doc_kind kind;
	enum ct_country jurisdiction;
	char *title;     /* also the PDF/HTML metadata title */
	char *reference; /* case reference, for page headers */
	struct doc_block *blocks;
	size_t count;
	size_t alloc;
};

void doc_init(struct doc *d);
void doc_release(struct doc *d);

/*
 * Check in (doc_check) and compose it into d (initialised, empty).
 * CT_ERR_INVALID with every problem in p (initialised) when the input
 * lacks mandatory content; d is then left empty.
 */
enum ct_err doc_compose(const struct doc_input *in, struct doc *d,
			struct ct_problems *p);

/* "13 juli 2026" */
void doc_format_date(const struct ct_date *d, struct sbuf *out);
/* "maandag 13 juli 2026 om 13:59 uur", in the civil time of country c. */
void doc_format_instant(enum ct_country c, int64_t t, struct sbuf *out);

#endif
