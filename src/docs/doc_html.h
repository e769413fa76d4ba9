/*
 * doc_html.h - a composed document as one HTML page.
 *
 * The page is self-contained: UTF-8, lang="nl", an inline stylesheet for
 * screen and print (A4, margins, no script, nothing loaded from outside),
 * so it can be served under the strict Content-Security-Policy with a
 * style hash or saved and printed as it is. Every value is escaped by
 * doc_html_escape(), the one escaping function.
 */
#ifndef CT_DOCS_DOC_HTML_H
#define CT_DOCS_DOC_HTML_H

#include "docs/doc_compose.h"
#include "util/err.h"
#include "util/sbuf.h"

/*
 * Append s with &, <, >, " and ' replaced by entities; "\n" becomes
 * "<br>" when br is set. CT_ERR_LIMIT when out is full.
 */
enum ct_err doc_html_escape(struct sbuf *out, const char *s, int br);

/* Append the page of d to out. CT_ERR_LIMIT when out is full. */
enum ct_err doc_html_render(const struct doc *d, struct sbuf *out);

#endif
