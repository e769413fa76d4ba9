/*
 * family_diagram.h - the family diagram of a case, drawn as SVG.
 *
 * From a case's persons (roles, birth date, sex) and relations (partner,
 * ex-partner, parent-of, sibling) draw the diagram professionals sketch on
 * paper (seed 004, "Voorbeeldcasus"): persons by generation, parents above
 * their children; a partner line between partners, dashed for
 * ex-partners; a line from each couple (or single parent) down to their
 * children; the age at a given date inside each symbol; and a badge for
 * the victim (S), perpetrator (P), removed person (U, uithuisgeplaatste)
 * and remaining person (A, achterblijver), explained in a legend so
 * colour is never the only signal (WCAG 1.4.1).
 *
 * Contract:
 *  - Pure: no I/O, no clock. Ages are computed at `at`; the same input
 *    gives byte-for-byte the same output (the layout depends only on the
 *    order of the arrays and their contents).
 *  - Names and every other text are escaped for XML; control characters
 *    and invalid UTF-8 are replaced, so any bytes in a name are safe.
 *  - Relations naming a person not in `persons` (hidden from this
 *    reader, say) or a person with themselves are left out. A parent
 *    cycle (impossible, but data is data) still draws, with the
 *    generations capped at FAMILY_DIAGRAM_GENERATIONS_MAX.
 *  - The SVG carries role="img", a <title> and a <desc> holding the text
 *    alternative; each person's symbol has its own <title>. The ids
 *    "fd-title" and "fd-desc" are used, so put one diagram on a page.
 *  - No style attributes or <style> elements, only presentation
 *    attributes, so a strict Content-Security-Policy allows it inline.
 *  - Appends to the sbufs; on CT_ERR_LIMIT (too many persons or
 *    relations, or an sbuf full) what was appended is undefined and the
 *    caller should discard it.
 */
#ifndef CT_WEB_FAMILY_DIAGRAM_H
#define CT_WEB_FAMILY_DIAGRAM_H

#include <stddef.h>

#include "core/model.h"
#include "util/civtime.h"
#include "util/err.h"
#include "util/sbuf.h"

#define FAMILY_DIAGRAM_PERSONS_MAX 64
#define FAMILY_DIAGRAM_RELATIONS_MAX 256
#define FAMILY_DIAGRAM_GENERATIONS_MAX 6
/* Shown names are cut at this many characters (with "…"); the full
 * name stays in the symbol's <title> and the text alternative. */
#define FAMILY_DIAGRAM_LABEL_CHARS 18

struct family_diagram_in {
	const struct person *persons;
	size_t n_persons;
	const struct relation *relations;
	size_t n_relations;
	struct ct_date at; /* ages are computed at this date */
};

/*
 * Append the SVG to svg. CT_OK, or CT_ERR_LIMIT when there are more than
 * FAMILY_DIAGRAM_PERSONS_MAX persons or FAMILY_DIAGRAM_RELATIONS_MAX
 * relations, or svg's maximum is reached.
 */
enum ct_err family_diagram_svg(const struct family_diagram_in *in,
			       struct sbuf *svg);

/*
 * Append the text alternative in Dutch (plain text, NOT escaped: escape
 * it for the context it goes into): one sentence per person, then one per
 * relation drawn, e.g. "Sara Peeters, vrouw, 26 jaar: slachtoffer,
 * achterblijver." and "Tom Peeters en Sara Peeters zijn ex-partners.".
 * Sentences are separated by '\n'. Same limits as family_diagram_svg.
 */
enum ct_err family_diagram_text(const struct family_diagram_in *in,
				struct sbuf *text);

/* Age in whole years at `at`, or -1 when born after `at`. */
int family_diagram_age(const struct ct_date *birth, const struct ct_date *at);

#endif
