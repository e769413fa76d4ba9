/*
 * web.h - what the web layer embeds into the binary: the page templates
 * (the .html files in src/web/templates) and the static assets (the files
 * in src/web/static), both generated at build time by tools/embed_web.py.
 *
 * Contract:
 *  - web_render() renders an embedded template (web_templates) with
 *    tmpl_render()'s escaping rules (web/tmpl.h).
 *  - An asset is served under its hashed name only ("/static/" +
 *    url_name, e.g. /static/casustafel.1a2b3c4d5e6f.css), so it may be
 *    cached for a year (WEB_STATIC_CACHE_CONTROL): a changed file gets a
 *    new name. web_asset_url() gives that URL for the plain file name
 *    and CT_BUG()s on a name that is not embedded (a template bug).
 *  - WEB_CSP is the Content-Security-Policy of every page: nothing
 *    inline, nothing from elsewhere.
 */
#ifndef CT_WEB_WEB_H
#define CT_WEB_WEB_H

#include <stddef.h>

#include "util/err.h"
#include "util/sbuf.h"
#include "web/tmpl.h"

struct web_asset {
	const char *name;     /* "casustafel.css" */
	const char *url_name; /* "casustafel.<12 hex>.css" */
	const char *url;      /* "/static/" url_name */
	const char *content_type;
	const unsigned char *data; /* NUL-terminated after len bytes */
	size_t len;
};

extern const struct tmpl_source web_template_sources[];
extern const size_t web_template_sources_count;
extern const struct web_asset web_assets[];
extern const size_t web_assets_count;

#define WEB_STATIC_PREFIX "/static/"
#define WEB_STATIC_CACHE_CONTROL "public, max-age=31536000, immutable"
#define WEB_CSP                                                                \
	"default-src 'self'; script-src 'self'; style-src 'self'; "            \
	"img-src 'self' data:; object-src 'none'; base-uri 'none'; "           \
	"form-action 'self'; frame-ancestors 'none'"
#define WEB_CONTENT_TYPE_HTML "text/html; charset=utf-8"

enum ct_err web_render(const char *name, const struct tmpl_vars *vars,
		       struct sbuf *out, struct ct_error *err);

/* The asset whose hashed url_name is url_name, or NULL. */
const struct web_asset *web_asset_by_url_name(const char *url_name);
/* The url of the embedded file called name (static storage). */
const char *web_asset_url(const char *name);

#endif
