/*
 * doc_html.c - the HTML writer.
 *
 * Design: the blocks of doc_compose.h map one to one onto elements
 * (h1, p.subtitle, h2, p, dl rows, ul/li, div.signature); list items that
 * follow each other share one <ul>, fields one <dl>. Escaping happens in
 * exactly one place, doc_html_escape() on the template engine's
 * tmpl_escape_html(), and every piece of case data goes through it; the
 * only unescaped text is the fixed markup below. The stylesheet is inline
 * and the page has no script, so it can be printed or saved as it is.
 */
#include "docs/doc_html.h"

#include <string.h>

#include "web/tmpl.h"
#include "util/banned.h"

/* Calm, legible, official: serif body, generous line height, A4 print. */
static const char stylesheet[] =
	"@page{size:A4;margin:25mm 22mm 25mm 25mm}"
	"html{background:#f4f4f2}"
	"body{font-family:'DejaVu Serif',Georgia,serif;font-size:11pt;"
	"line-height:1.5;color:#111;max-width:170mm;margin:2em auto;"
	"padding:20mm 22mm;background:#fff;border:1px solid #ddd}"
	"h1{font-family:'DejaVu Sans',Arial,sans-serif;font-size:17pt;"
	"margin:0 0 .2em;font-weight:bold}"
	"h2{font-family:'DejaVu Sans',Arial,sans-serif;font-size:12pt;"
	"margin:1.4em 0 .3em;border-bottom:1px solid #999;"
	"padding-bottom:.1em;page-break-after:avoid;break-after:avoid}"
	".subtitle{color:#444;margin:0 0 1.2em}"
	"dl{display:grid;grid-template-columns:11em 1fr;gap:.15em 1em;"
	"margin:.6em 0}"
	"dt{font-weight:bold}dd{margin:0}"
	"p{margin:.45em 0}ul{margin:.3em 0 .6em 1.5em;padding:0}"
	".signature{margin-top:2.5em;page-break-inside:avoid;"
	"break-inside:avoid}"
	".note{font-size:9pt;color:#555}"
	".ref{font-size:9pt;color:#555;text-align:right}"
	"@media print{html{background:none}body{margin:0;padding:0;"
	"border:0;max-width:none}}";

/* The template engine's escaper, line by line: a newline becomes <br>
 * where the text is a paragraph (br), and stays a newline elsewhere. */
enum ct_err
doc_html_escape(struct sbuf *out, const char *s, int br)
{
	const char *nl;
	enum ct_err rc;

	for (;;) {
		nl = strchr(s, '\n');
		rc = tmpl_escape_html(out, s, nl ? (size_t)(nl - s) : strlen(s));
		if (rc || !nl)
			return rc;
		rc = sbuf_addstr(out, br ? "<br>" : "\n");
		if (rc)
			return rc;
		s = nl + 1;
	}
}

/* Open or close the list/field group a run of blocks shares. */
enum group { G_NONE, G_LIST, G_FIELDS };

static enum ct_err
switch_group(struct sbuf *out, enum group *cur, enum group want)
{
	enum ct_err rc = CT_OK;

	if (*cur == want)
		return CT_OK;
	if (*cur == G_LIST)
		rc = sbuf_addstr(out, "</ul>\n");
	else if (*cur == G_FIELDS)
		rc = sbuf_addstr(out, "</dl>\n");
	if (!rc && want == G_LIST)
		rc = sbuf_addstr(out, "<ul>\n");
	else if (!rc && want == G_FIELDS)
		rc = sbuf_addstr(out, "<dl>\n");
	*cur = want;
	return rc;
}

static enum ct_err
element(struct sbuf *out, const char *open, const char *text,
	const char *close)
{
	enum ct_err rc = sbuf_addstr(out, open);

	if (!rc)
		rc = doc_html_escape(out, text, 1);
	if (!rc)
		rc = sbuf_addstr(out, close);
	return rc;
}

static enum ct_err
block(struct sbuf *out, const struct doc_block *b)
{
	enum ct_err rc;

	switch (b->kind) {
	case DOC_B_TITLE:
		return element(out, "<h1>", b->text, "</h1>\n");
	case DOC_B_SUBTITLE:
		return element(out, "<p class=\"subtitle\">", b->text,
			       "</p>\n");
	case DOC_B_HEADING:
		return element(out, "<h2>", b->text, "</h2>\n");
	case DOC_B_PARA:
		return element(out, "<p>", b->text, "</p>\n");
	case DOC_B_FIELD:
		rc = element(out, "<dt>", b->label, "</dt>");
		return rc ? rc : element(out, "<dd>", b->text, "</dd>\n");
	case DOC_B_ITEM:
		return element(out, "<li>", b->text, "</li>\n");
	case DOC_B_SIGNATURE:
		return element(out, "<div class=\"signature\">", b->text,
			       "</div>\n");
	case DOC_B_NOTE:
		return element(out, "<p class=\"note\">", b->text, "</p>\n");
	}
	CT_BUG("doc_html: unknown block kind");
}

enum ct_err
doc_html_render(const struct doc *d, struct sbuf *out)
{
	enum group cur = G_NONE;
	enum ct_err rc;
	size_t i;

	rc = sbuf_addstr(out, "<!DOCTYPE html>\n<html lang=\"nl\">\n<head>\n"
			      "<meta charset=\"utf-8\">\n"
			      "<meta name=\"author\" content=\"Casustafel\">\n"
			      "<title>");
	rc = rc ? rc : doc_html_escape(out, d->title, 0);
	rc = rc ? rc : sbuf_addstr(out, " \xe2\x80\x94 ");
	rc = rc ? rc : doc_html_escape(out, d->reference, 0);
	rc = rc ? rc : sbuf_addstr(out, "</title>\n<style>");
	rc = rc ? rc : sbuf_addstr(out, stylesheet);
	rc = rc ? rc : sbuf_addstr(out, "</style>\n</head>\n<body>\n<main>\n");
	for (i = 0; !rc && i < d->count; i++) {
		const struct doc_block *b = &d->blocks[i];
		enum group want = b->kind == DOC_B_ITEM    ? G_LIST
				  : b->kind == DOC_B_FIELD ? G_FIELDS
							   : G_NONE;

		rc = switch_group(out, &cur, want);
		rc = rc ? rc : block(out, b);
	}
	rc = rc ? rc : switch_group(out, &cur, G_NONE);
	rc = rc ? rc : sbuf_addstr(out, "</main>\n</body>\n</html>\n");
	return rc;
}
