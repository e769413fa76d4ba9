/*
 * fuzz_doc_json.c - docs/doc_json.h on arbitrary bytes, then the check,
 * the composition and the HTML writer on whatever it accepts.
 *
 * Input: one selector byte (kind and jurisdiction), then the JSON text.
 * Contract checked: the parser returns CT_OK, or CT_ERR_INVALID with at
 * least one problem and nothing kept; an accepted description either
 * composes or is refused with problems; a composed document renders to
 * HTML in which no "<script" appears (every value escaped).
 */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "docs/doc_compose.h"
#include "docs/doc_html.h"
#include "docs/doc_json.h"
#include "fuzz.h"
#include "util/banned.h"

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	unsigned sel = fuzz_take_byte(&data, &size);
	enum doc_kind k = (enum doc_kind)(sel % DOC_KIND_COUNT);
	enum ct_country c = (sel / DOC_KIND_COUNT) % 2 ? CT_COUNTRY_BE
						       : CT_COUNTRY_NL;
	struct ct_problems p;
	struct doc_json dj;
	struct sbuf sb;
	struct doc d;
	enum ct_err rc;

	ct_problems_init(&p);
	rc = doc_json_parse((const char *)data, size, k, c, &dj, &p);
	if (rc) {
		FUZZ_CHECK(rc == CT_ERR_INVALID);
		FUZZ_CHECK(ct_problems_any(&p));
		FUZZ_CHECK(dj.root == NULL);
		return 0;
	}
	doc_init(&d);
	rc = doc_compose(&dj.input, &d, &p);
	if (rc) {
		FUZZ_CHECK(rc == CT_ERR_INVALID && ct_problems_any(&p));
		FUZZ_CHECK(d.count == 0);
	} else {
		sbuf_init(&sb, SBUF_MAX_LARGE);
		FUZZ_CHECK(doc_html_render(&d, &sb) == CT_OK);
		FUZZ_CHECK(strstr(sb.buf, "<script") == NULL);
		sbuf_release(&sb);
	}
	doc_release(&d);
	doc_json_release(&dj);
	return 0;
}
