/*
 * doc_text.h - the fixed legal texts of the documents, as data.
 *
 * Every text a document prints that does not come from the case (what
 * the ban means, the rights of appeal, the consequences of a violation,
 * the duty to give a stay address, ...) lives in one table in doc_text.c,
 * per jurisdiction and document kind, with its source: the seed file and
 * section and the article of the law. A region or a lawyer reviewing the
 * wording reads one file.
 *
 * Bodies are plain UTF-8 text; "\n\n" separates paragraphs. They contain
 * no markup: the HTML and PDF writers escape or lay out as they need.
 */
#ifndef CT_DOCS_DOC_TEXT_H
#define CT_DOCS_DOC_TEXT_H

#include "docs/doc_model.h"

enum doc_text_id {
	DOC_T_LAW = 0,        /* the name of the law (one line) */
	DOC_T_MEANING,        /* what the home and contact ban mean */
	DOC_T_STAY,           /* stay address and phone, the 24-hour rule */
	DOC_T_KEYS,           /* keys handed to the police */
	DOC_T_LAWYER,         /* the right to a lawyer */
	DOC_T_NEXT,           /* what follows: extension, court, help */
	DOC_T_APPEAL,         /* rights of appeal / court review */
	DOC_T_VIOLATION,      /* the consequences of a violation */
	DOC_T_HELP,           /* help for the remaining persons */
	DOC_T__COUNT
};

struct doc_text {
	const char *heading; /* NULL for DOC_T_LAW */
	const char *body;
	const char *source;
};

/*
 * The text id of document kind k in country c, or NULL when that
 * document has no such text.
 */
const struct doc_text *doc_text_get(enum ct_country c, enum doc_kind k,
				    enum doc_text_id id);

#endif
