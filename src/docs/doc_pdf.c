/*
 * doc_pdf.c - the PDF writer: cairo's PDF surface, pango's text layout.
 *
 * Design: two passes over the blocks with the same layout code. The first
 * only measures and so learns the number of pages; the second draws, with
 * "Pagina X van N" in each footer. A block is laid out by pango (wrapping,
 * shaping, diacritics) and placed line by line, so a long paragraph flows
 * over a page break; headings are kept with what follows them, fields and
 * the signature are never split. Text is set with pango_layout_set_text,
 * never as markup, so case data cannot inject formatting.
 *
 * Determinism: the resolution is fixed at 72 dpi (1 pt = 1 PDF unit) and
 * hinting is off, so the layout does not depend on the screen settings of
 * the machine; the creation date is the caller's.
 */
#include "docs/doc_pdf.h"

#include <stdio.h>
#include <string.h>

#include <cairo-pdf.h>
#include <cairo.h>
#include <pango/pangocairo.h>

#include "util/civtime.h"
#include "util/banned.h"

/* A4 in points, margins 25 mm (left/right a little less on the right). */
#define PAGE_W 595.276
#define PAGE_H 841.890
#define MM 2.834646
#define MARGIN_LEFT (25 * MM)
#define MARGIN_RIGHT (22 * MM)
#define MARGIN_TOP (25 * MM)
#define MARGIN_BOTTOM (27 * MM) /* the footer sits below it */
#define CONTENT_W (PAGE_W - MARGIN_LEFT - MARGIN_RIGHT)
#define LABEL_W (48 * MM) /* the label column of fields */
#define BULLET_INDENT (6 * MM)
#define KEEP_WITH_HEADING 48.0 /* room a heading needs below it, pt */

struct pdf {
	cairo_t *cr;
	PangoContext *pctx;
	PangoFontDescription *body, *bold, *title, *heading, *small;
	const struct doc *d;
	int draw;     /* 0: measure only */
	int page;     /* 1-based page being filled */
	int pages;    /* total, known in the drawing pass */
	double y;     /* next free position from the top, pt */
	enum doc_block_kind prev; /* the block placed before */
};

static cairo_status_t
write_to_sbuf(void *closure, const unsigned char *data, unsigned int length)
{
	struct sbuf *out = closure;

	return sbuf_add(out, data, length) ? CAIRO_STATUS_WRITE_ERROR
					   : CAIRO_STATUS_SUCCESS;
}

static PangoLayout *
new_layout(struct pdf *p, const PangoFontDescription *font, const char *text,
	   double width)
{
	PangoLayout *l = pango_layout_new(p->pctx);

	pango_layout_set_font_description(l, font);
	pango_layout_set_width(l, (int)(width * PANGO_SCALE));
	pango_layout_set_wrap(l, PANGO_WRAP_WORD_CHAR);
	pango_layout_set_spacing(l, (int)(2.5 * PANGO_SCALE));
	pango_layout_set_text(l, text, -1);
	return l;
}

static double
layout_height(PangoLayout *l)
{
	int w, h;

	pango_layout_get_size(l, &w, &h);
	return (double)h / PANGO_SCALE;
}

static void
draw_text_at(struct pdf *p, const PangoFontDescription *font,
	     const char *text, double x, double y, double width,
	     PangoAlignment align)
{
	PangoLayout *l = new_layout(p, font, text, width);

	pango_layout_set_alignment(l, align);
	cairo_move_to(p->cr, x, y);
	pango_cairo_show_layout(p->cr, l);
	g_object_unref(l);
}

/* Running header and footer of the current page (drawing pass only). */
static void
page_furniture(struct pdf *p)
{
	char footer[64];

	if (!p->draw)
		return;
	cairo_set_source_rgb(p->cr, 0.35, 0.35, 0.35);
	draw_text_at(p, p->small, p->d->reference, MARGIN_LEFT,
		     MARGIN_TOP - 11 * MM, CONTENT_W, PANGO_ALIGN_RIGHT);
	cairo_set_line_width(p->cr, 0.5);
	cairo_move_to(p->cr, MARGIN_LEFT, PAGE_H - MARGIN_BOTTOM + 7 * MM);
	cairo_line_to(p->cr, PAGE_W - MARGIN_RIGHT,
		      PAGE_H - MARGIN_BOTTOM + 7 * MM);
	cairo_stroke(p->cr);
	draw_text_at(p, p->small, p->d->title, MARGIN_LEFT,
		     PAGE_H - MARGIN_BOTTOM + 9 * MM, CONTENT_W,
		     PANGO_ALIGN_LEFT);
	snprintf(footer, sizeof(footer), "Pagina %d van %d", p->page,
		 p->pages);
	draw_text_at(p, p->small, footer, MARGIN_LEFT,
		     PAGE_H - MARGIN_BOTTOM + 9 * MM, CONTENT_W,
		     PANGO_ALIGN_RIGHT);
	cairo_set_source_rgb(p->cr, 0, 0, 0);
}

static void
new_page(struct pdf *p)
{
	page_furniture(p);
	if (p->draw)
		cairo_show_page(p->cr);
	p->page++;
	p->y = MARGIN_TOP;
}

static double
room(const struct pdf *p)
{
	return PAGE_H - MARGIN_BOTTOM - p->y;
}

/* Place a laid-out text line by line, breaking pages between lines. */
static void
flow(struct pdf *p, PangoLayout *l, double x)
{
	PangoLayoutIter *it = pango_layout_get_iter(l);
	double top = -1; /* layout y of the first line on this page */
	double base_y = p->y;

	do {
		PangoRectangle logical;
		double ly, lh, baseline;

		pango_layout_iter_get_line_extents(it, NULL, &logical);
		ly = (double)logical.y / PANGO_SCALE;
		lh = (double)logical.height / PANGO_SCALE;
		if (top < 0)
			top = ly;
		if (base_y + (ly - top) + lh > PAGE_H - MARGIN_BOTTOM &&
		    ly > top) {
			new_page(p);
			base_y = p->y;
			top = ly;
		}
		baseline = (double)pango_layout_iter_get_baseline(it) /
			   PANGO_SCALE;
		if (p->draw) {
			cairo_move_to(p->cr, x, base_y + (baseline - top));
			pango_cairo_show_layout_line(
				p->cr, pango_layout_iter_get_line_readonly(it));
		}
		p->y = base_y + (ly - top) + lh;
	} while (pango_layout_iter_next_line(it));
	pango_layout_iter_free(it);
}

/* An unbreakable layout: moved whole to the next page if it won't fit. */
static void
place_whole(struct pdf *p, PangoLayout *l, double x, double h)
{
	if (h > room(p) && p->y > MARGIN_TOP)
		new_page(p);
	if (p->draw) {
		cairo_move_to(p->cr, x, p->y);
		pango_cairo_show_layout(p->cr, l);
	}
}

static void
space(struct pdf *p, double pt)
{
	/* Space at the top of a page is dropped. */
	if (p->y > MARGIN_TOP)
		p->y += pt;
}

static void
place_block(struct pdf *p, const struct doc_block *b)
{
	PangoLayout *l, *v;
	double h;

	switch (b->kind) {
	case DOC_B_TITLE:
		l = new_layout(p, p->title, b->text, CONTENT_W);
		flow(p, l, MARGIN_LEFT);
		p->y += 4;
		g_object_unref(l);
		return;
	case DOC_B_SUBTITLE:
		cairo_set_source_rgb(p->cr, 0.25, 0.25, 0.25);
		l = new_layout(p, p->body, b->text, CONTENT_W);
		flow(p, l, MARGIN_LEFT);
		cairo_set_source_rgb(p->cr, 0, 0, 0);
		p->y += 14;
		g_object_unref(l);
		return;
	case DOC_B_HEADING:
		l = new_layout(p, p->heading, b->text, CONTENT_W);
		h = layout_height(l);
		space(p, 12);
		if (room(p) < h + KEEP_WITH_HEADING)
			new_page(p);
		flow(p, l, MARGIN_LEFT);
		p->y += 2;
		if (p->draw) {
			cairo_set_line_width(p->cr, 0.6);
			cairo_move_to(p->cr, MARGIN_LEFT, p->y);
			cairo_line_to(p->cr, MARGIN_LEFT + CONTENT_W, p->y);
			cairo_stroke(p->cr);
		}
		p->y += 5;
		g_object_unref(l);
		return;
	case DOC_B_PARA:
	case DOC_B_NOTE:
		/* A paragraph after a field or list gets air above it. */
		if (p->prev == DOC_B_FIELD || p->prev == DOC_B_ITEM)
			space(p, 5);
		l = new_layout(p, b->kind == DOC_B_NOTE ? p->small : p->body,
			       b->text, CONTENT_W);
		flow(p, l, MARGIN_LEFT);
		p->y += 6;
		g_object_unref(l);
		return;
	case DOC_B_FIELD:
		l = new_layout(p, p->bold, b->label, LABEL_W - 4);
		v = new_layout(p, p->body, b->text, CONTENT_W - LABEL_W);
		h = layout_height(l) > layout_height(v) ? layout_height(l)
							: layout_height(v);
		place_whole(p, l, MARGIN_LEFT, h);
		if (p->draw) {
			cairo_move_to(p->cr, MARGIN_LEFT + LABEL_W, p->y);
			pango_cairo_show_layout(p->cr, v);
		}
		p->y += h + 2;
		g_object_unref(l);
		g_object_unref(v);
		return;
	case DOC_B_ITEM:
		l = new_layout(p, p->body, b->text, CONTENT_W - BULLET_INDENT);
		h = layout_height(l);
		place_whole(p, l, MARGIN_LEFT + BULLET_INDENT, h);
		if (p->draw)
			draw_text_at(p, p->body, "\xe2\x80\xa2",
				     MARGIN_LEFT + 2 * MM, p->y, BULLET_INDENT,
				     PANGO_ALIGN_LEFT);
		p->y += h + 2;
		g_object_unref(l);
		return;
	case DOC_B_SIGNATURE:
		l = new_layout(p, p->body, b->text, CONTENT_W);
		h = layout_height(l);
		space(p, 26);
		place_whole(p, l, MARGIN_LEFT, h);
		p->y += h;
		g_object_unref(l);
		return;
	}
	CT_BUG("doc_pdf: unknown block kind");
}

static void
run_pass(struct pdf *p)
{
	size_t i;

	p->page = 1;
	p->y = MARGIN_TOP;
	p->prev = DOC_B_TITLE;
	for (i = 0; i < p->d->count; i++) {
		place_block(p, &p->d->blocks[i]);
		p->prev = p->d->blocks[i].kind;
	}
	page_furniture(p);
	if (p->draw)
		cairo_show_page(p->cr);
}

/* Drop a partial PDF: out holds what it held before the call. */
static void
truncate_to(struct sbuf *out, size_t len)
{
	if (out->len > len) {
		out->len = len;
		out->buf[len] = '\0';
	}
}

static PangoFontDescription *
font(const char *spec)
{
	return pango_font_description_from_string(spec);
}

enum ct_err
doc_pdf_render(const struct doc *d, int64_t created_at, struct sbuf *out,
	       struct ct_error *err)
{
	char date[CT_ISO_SIZE];
	cairo_surface_t *surface;
	cairo_font_options_t *fo;
	cairo_status_t st;
	struct pdf p;
	size_t start_len = out->len;

	memset(&p, 0, sizeof(p));
	p.d = d;
	surface = cairo_pdf_surface_create_for_stream(write_to_sbuf, out,
						      PAGE_W, PAGE_H);
	cairo_pdf_surface_restrict_to_version(surface, CAIRO_PDF_VERSION_1_5);
	cairo_pdf_surface_set_metadata(surface, CAIRO_PDF_METADATA_TITLE,
				       d->title);
	cairo_pdf_surface_set_metadata(surface, CAIRO_PDF_METADATA_AUTHOR,
				       "Casustafel");
	cairo_pdf_surface_set_metadata(surface, CAIRO_PDF_METADATA_CREATOR,
				       "Casustafel");
	cairo_pdf_surface_set_metadata(surface, CAIRO_PDF_METADATA_SUBJECT,
				       d->reference);
	ct_instant_format_utc(created_at, date);
	cairo_pdf_surface_set_metadata(surface,
				       CAIRO_PDF_METADATA_CREATE_DATE, date);
	cairo_pdf_surface_set_metadata(surface, CAIRO_PDF_METADATA_MOD_DATE,
				       date);
	p.cr = cairo_create(surface);
	p.pctx = pango_cairo_create_context(p.cr);
	pango_cairo_context_set_resolution(p.pctx, 72.0);
	fo = cairo_font_options_create();
	cairo_font_options_set_hint_style(fo, CAIRO_HINT_STYLE_NONE);
	cairo_font_options_set_hint_metrics(fo, CAIRO_HINT_METRICS_OFF);
	pango_cairo_context_set_font_options(p.pctx, fo);
	cairo_font_options_destroy(fo);
	p.body = font("DejaVu Serif 10.5");
	p.bold = font("DejaVu Serif Bold 10.5");
	p.title = font("DejaVu Sans Bold 17");
	p.heading = font("DejaVu Sans Bold 11.5");
	p.small = font("DejaVu Sans 8");

	/* Pass 1 measures, pass 2 draws with the page count known. */
	run_pass(&p);
	p.pages = p.page;
	p.draw = 1;
	run_pass(&p);

	pango_font_description_free(p.body);
	pango_font_description_free(p.bold);
	pango_font_description_free(p.title);
	pango_font_description_free(p.heading);
	pango_font_description_free(p.small);
	g_object_unref(p.pctx);
	cairo_destroy(p.cr);
	cairo_surface_finish(surface);
	st = cairo_surface_status(surface);
	cairo_surface_destroy(surface);
	if (st == CAIRO_STATUS_WRITE_ERROR) {
		truncate_to(out, start_len);
		return ct_error_set(err, CT_ERR_LIMIT,
				    "het document is groter dan de toegestane "
				    "omvang");
	}
	if (st != CAIRO_STATUS_SUCCESS) {
		truncate_to(out, start_len);
		return ct_error_set(err, CT_ERR_INTERNAL,
				    "het PDF-document kon niet worden gemaakt: "
				    "%s",
				    cairo_status_to_string(st));
	}
	return CT_OK;
}

void
doc_pdf_shutdown(void)
{
	/* Pango's font map holds cairo font faces and fontconfig
	 * patterns. FcFini() and cairo_debug_reset_static_data() would
	 * free the rest, but both assert (abort) when a cache entry is
	 * still referenced, which happens now and then: the remaining
	 * process-lifetime caches of fontconfig and cairo are left to the
	 * exit and to the leak checker's suppressions
	 * (tests/unit/docs/lsan.supp). */
	pango_cairo_font_map_set_default(NULL);
}
