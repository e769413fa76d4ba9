/*
 * qr.h - a QR code of a text as SVG markup we generate ourselves, for the
 * enrolment page's otpauth:// URI (the authenticator app scans it).
 *
 * The symbol is encoded by libqrencode (Debian libqrencode-dev): error
 * correction level M, the smallest version that holds the text, byte
 * mode as libqrencode chooses it, case kept. The SVG is drawn here:
 *
 *   <svg xmlns=... viewBox="0 0 N N" width=W height=W role="img"
 *        shape-rendering="crispEdges"><title>TITLE</title>
 *   <rect ... fill="#fff"/><path fill="#000" d="..."/></svg>
 *
 * N is the symbol's width in modules plus a quiet zone of QR_QUIET_ZONE
 * modules on every side (ISO/IEC 18004 asks for 4); one module is one
 * user unit, W = N * module_px CSS pixels. The white <rect> is the
 * background and quiet zone (also on a dark page); the one <path> holds
 * every dark module, one "M x y h n v1 h -n z" run per row segment.
 *
 * Contract:
 *  - Pure and deterministic: the same text, title and module_px give
 *    byte-for-byte the same markup (no ids, no clock, no randomness).
 *    Thread-safe as libqrencode is (built with pthread on Debian).
 *  - No style attributes and no <style>, only presentation attributes,
 *    so the page's strict Content-Security-Policy allows it inline; the
 *    title is XML-escaped (tmpl_escape_html), the text itself never
 *    appears in the markup. The result is meant for
 *    tmpl_set_trusted_html() (web/tmpl.h).
 *  - text is 1..QR_TEXT_MAX bytes (else CT_ERR_INVALID), title 1..
 *    QR_TITLE_MAX bytes, module_px 1..QR_MODULE_PX_MAX (else CT_ERR_INVALID,
 *    with a message in err, which may be NULL).
 *  - Appends to out all at once: on any error out is unchanged.
 *    CT_ERR_LIMIT when out's maximum would be passed.
 */
#ifndef CT_WEB_QR_H
#define CT_WEB_QR_H

#include <stddef.h>

#include "util/err.h"
#include "util/sbuf.h"

#define QR_QUIET_ZONE 4	    /* modules of light margin on every side */
#define QR_TEXT_MAX 1024    /* bytes; a level-M symbol holds up to 2331 */
#define QR_TITLE_MAX 256    /* bytes of the <title> before escaping */
#define QR_MODULE_PX_MAX 16 /* CSS pixels per module */
/* The largest SVG (version 40: 177 + 8 modules a side, every run). */
#define QR_SVG_MAX ((size_t)512 * 1024)

enum ct_err qr_svg(struct sbuf *out, const char *text, const char *title,
		   unsigned module_px, struct ct_error *err);

#endif
