/*
 * doc_pdf.h - a composed document as a PDF, in memory.
 *
 * A4 portrait, 25 mm margins, DejaVu Serif body and DejaVu Sans headings
 * (Debian fonts-dejavu-core: Dutch and French diacritics such as é, ë, ï,
 * ç), word-wrapped paragraphs, a running header with the case reference
 * and "Pagina X van N" in the footer. The PDF is written into an sbuf
 * (cairo_pdf_surface_create_for_stream) so the server can send it as it
 * is. Metadata: the title, author and creator "Casustafel", and the
 * creation date given by the caller; apart from that date the output is
 * the same for the same document, byte for byte.
 */
#ifndef CT_DOCS_DOC_PDF_H
#define CT_DOCS_DOC_PDF_H

#include <stdint.h>

#include "docs/doc_compose.h"
#include "util/err.h"
#include "util/sbuf.h"

/*
 * Render d into out (appended). created_at is the PDF creation date (UTC
 * instant). CT_ERR_LIMIT when out is full, CT_ERR_INTERNAL when cairo
 * fails (detail in err, may be NULL).
 */
enum ct_err doc_pdf_render(const struct doc *d, int64_t created_at,
			   struct sbuf *out, struct ct_error *err);

/*
 * Free the process-wide font caches that pango, cairo and fontconfig keep
 * between renders, so a leak checker sees a clean exit. Call once, at
 * exit, when no render runs (a server: after its threads stopped). Not
 * thread-safe. A later render works but builds the caches anew (slow).
 */
void doc_pdf_shutdown(void);

#endif
