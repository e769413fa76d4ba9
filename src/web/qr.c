/*
 * qr.c - a QR code as SVG (see qr.h).
 *
 * Design: libqrencode does the hard part (Reed-Solomon, masking, version
 * choice); this file only draws its module matrix. Each row's runs of
 * dark modules become one rectangle in a single <path>, which keeps the
 * markup small (a 45-module symbol is about 4 KB) and leaves no hairline
 * gaps between neighbouring modules, which separate squares can show when
 * scaled. The whole SVG is built in a private buffer and appended to the
 * caller's at once, so a failure never leaves half a picture behind.
 */
#include "web/qr.h"

#include <errno.h>
#include <string.h>

#include <qrencode.h>

#include "web/tmpl.h"
#include "util/banned.h"

/* One row of the matrix as runs: "M x y h n v1 h -n z" per run. */
static enum ct_err
qr_row(struct sbuf *svg, const QRcode *q, int y)
{
	const unsigned char *row = q->data + (size_t)y * (size_t)q->width;
	enum ct_err rc = CT_OK;
	int x = 0, start;

	while (!rc && x < q->width) {
		if (!(row[x] & 1)) {
			x++;
			continue;
		}
		start = x;
		while (x < q->width && (row[x] & 1))
			x++;
		rc = sbuf_addf(svg, "M%d %dh%dv1h-%dz", start + QR_QUIET_ZONE,
			       y + QR_QUIET_ZONE, x - start, x - start);
	}
	return rc;
}

static enum ct_err
qr_draw(struct sbuf *svg, const QRcode *q, const char *title,
	unsigned module_px)
{
	int n = q->width + 2 * QR_QUIET_ZONE, y;
	enum ct_err rc;

	rc = sbuf_addf(svg,
		       "<svg xmlns=\"http://www.w3.org/2000/svg\" "
		       "class=\"qr-code\" viewBox=\"0 0 %d %d\" "
		       "width=\"%u\" height=\"%u\" role=\"img\" "
		       "shape-rendering=\"crispEdges\"><title>",
		       n, n, (unsigned)n * module_px, (unsigned)n * module_px);
	if (!rc)
		rc = tmpl_escape_html(svg, title, strlen(title));
	if (!rc)
		rc = sbuf_addf(svg,
			       "</title><rect width=\"%d\" height=\"%d\" "
			       "fill=\"#fff\"/><path fill=\"#000\" d=\"",
			       n, n);
	for (y = 0; !rc && y < q->width; y++)
		rc = qr_row(svg, q, y);
	if (!rc)
		rc = sbuf_addstr(svg, "\"/></svg>");
	return rc;
}

enum ct_err
qr_svg(struct sbuf *out, const char *text, const char *title,
       unsigned module_px, struct ct_error *err)
{
	size_t text_len = text ? strlen(text) : 0;
	size_t title_len = title ? strlen(title) : 0;
	struct sbuf svg;
	QRcode *q;
	enum ct_err rc;

	if (text_len == 0 || text_len > QR_TEXT_MAX)
		return ct_error_set(err, CT_ERR_INVALID,
				    "de tekst van een QR-code moet 1 tot %d "
				    "tekens lang zijn",
				    QR_TEXT_MAX);
	if (title_len == 0 || title_len > QR_TITLE_MAX)
		return ct_error_set(err, CT_ERR_INVALID,
				    "de titel van een QR-code moet 1 tot %d "
				    "tekens lang zijn",
				    QR_TITLE_MAX);
	if (module_px == 0 || module_px > QR_MODULE_PX_MAX)
		return ct_error_set(err, CT_ERR_INVALID,
				    "een module van een QR-code is 1 tot %d "
				    "pixels groot",
				    QR_MODULE_PX_MAX);
	errno = 0;
	q = QRcode_encodeString(text, 0, QR_ECLEVEL_M, QR_MODE_8, 1);
	if (!q) {
		/* ENOMEM is allocation failure (aborts, STYLE rule 4); with
		 * QR_TEXT_MAX far below the capacity ERANGE cannot happen. */
		if (errno == ENOMEM)
			CT_BUG("QRcode_encodeString: out of memory");
		return ct_error_set(err, CT_ERR_INVALID,
				    "deze tekst past niet in een QR-code");
	}
	sbuf_init(&svg, QR_SVG_MAX);
	rc = qr_draw(&svg, q, title, module_px);
	QRcode_free(q);
	if (!rc)
		rc = sbuf_add(out, svg.buf, svg.len);
	sbuf_release(&svg);
	if (rc == CT_ERR_LIMIT)
		ct_error_set(err, rc, "de QR-code is te groot");
	return rc;
}
