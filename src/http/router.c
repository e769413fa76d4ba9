/*
 * router.c - route table checks, target parsing, matching, and the fixed
 * sequence of checks before a handler runs (see router.h for the steps).
 *
 * The raw request target is parsed here rather than trusting the server
 * library's decoding: we need to see "%2F", "%2e%2e" and broken escapes to
 * refuse them, and a decoded path can no longer tell them apart. Each path
 * segment is decoded on its own, so an encoded '/' cannot create a new
 * segment and "." or ".." can never reach a handler or a file name.
 *
 * Patterns are compiled once by router_init() into segments that point
 * into the borrowed pattern strings; only parameter names are copied.
 */
#include "http/router.h"

#include <errno.h>
#include <semaphore.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "http/body.h"
#include "http/form.h"
#include "util/compat.h"
#include "util/log.h"
#include "util/banned.h"

enum segment_kind {
	SEGMENT_LITERAL,
	SEGMENT_PARAM,
};

struct router_segment {
	enum segment_kind kind;
	const char *literal; /* into the route's pattern */
	size_t len;
	char *name; /* SEGMENT_PARAM, owned */
	struct http_param_spec spec;
};

struct router_route {
	size_t n_segments;
	struct router_segment segments[HTTP_PATH_SEGMENTS_MAX];
};

/* The request path, decoded segment by segment, in the request arena. */
struct parsed_target {
	size_t n_segments;
	char *segments[HTTP_PATH_SEGMENTS_MAX];
	size_t lens[HTTP_PATH_SEGMENTS_MAX];
	const char *query; /* raw, after '?'; NULL when there is none */
	size_t query_len;
};

enum match_result {
	MATCH_NONE,
	MATCH_WRONG_TYPE, /* the shape fits, a typed parameter does not */
	MATCH_FULL,
};

#define ROUTE_WHERE_MAX 160

static const char not_found_message[] =
	"Dit adres of dit gegeven bestaat niet, of u hebt er geen toegang toe.";

/* ------------------------------------------------------------------ */
/* Table checks                                                        */

static void
route_where(const struct http_route *route, size_t index, char *out,
	    size_t size)
{
	if (route->pattern)
		snprintf(out, size, "route %s %s",
			 http_method_name(route->method), route->pattern);
	else
		snprintf(out, size, "route %zu", index + 1);
}

static int
is_literal_char(int c)
{
	return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') ||
	       (c >= '0' && c <= '9') || c == '-' || c == '.' || c == '_' ||
	       c == '~';
}

static int
is_name_char(int c)
{
	return (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '_';
}

static enum ct_err
compile_param(const struct http_route *route, const char *seg, size_t len,
	      struct router_segment *out, const char *where,
	      struct ct_error *err)
{
	const char *colon = memchr(seg, ':', len), *type;
	size_t name_len, type_len, i;

	if (len < 4 || seg[len - 1] != '}' || !colon)
		return ct_error_set(err, CT_ERR_INVALID,
				    "%s: parameter moet {naam:type} zijn",
				    where);
	name_len = (size_t)(colon - seg) - 1;
	type = colon + 1;
	type_len = (size_t)(seg + len - 1 - type);
	if (name_len == 0 || name_len > HTTP_PARAM_NAME_MAX)
		return ct_error_set(err, CT_ERR_INVALID,
				    "%s: parameter zonder geldige naam", where);
	for (i = 0; i < name_len; i++) {
		if (!is_name_char((unsigned char)seg[1 + i]))
			return ct_error_set(err, CT_ERR_INVALID,
					    "%s: parameternaam mag alleen "
					    "a-z, 0-9 en _ bevatten",
					    where);
	}
	out->kind = SEGMENT_PARAM;
	out->name = ct_strndup(seg + 1, name_len);
	memset(&out->spec, 0, sizeof(out->spec));
	out->spec.name = out->name;
	out->spec.flags = HTTP_PARAM_F_REQUIRED;
	if (type_len == 4 && memcmp(type, "uuid", 4) == 0) {
		out->spec.type = HTTP_PARAM_UUID;
	} else if (type_len == 3 && memcmp(type, "int", 3) == 0) {
		out->spec.type = HTTP_PARAM_INT;
		out->spec.min = 0;
		out->spec.max = INT64_MAX;
	} else if (type_len == 3 && memcmp(type, "str", 3) == 0) {
		out->spec.type = HTTP_PARAM_STRING;
		out->spec.max_len = HTTP_PATH_STR_MAX;
	} else {
		return ct_error_set(err, CT_ERR_INVALID,
				    "%s: parameter '%s' heeft een onbekend "
				    "type (uuid, int of str)",
				    where, out->name);
	}
	if (http_param_find(route->query, route->n_query, out->name, name_len))
		return ct_error_set(err, CT_ERR_INVALID,
				    "%s: '%s' is zowel pad- als "
				    "zoekparameter",
				    where, out->name);
	return CT_OK;
}

static enum ct_err
compile_pattern(const struct http_route *route, struct router_route *out,
		const char *where, struct ct_error *err)
{
	const char *p = route->pattern, *end;
	size_t len, i, j;
	enum ct_err rc;

	if (!p || p[0] != '/')
		return ct_error_set(err, CT_ERR_INVALID,
				    "%s: pad moet met / beginnen", where);
	p++;
	for (;;) {
		struct router_segment *seg;

		end = strchr(p, '/');
		if (!end)
			end = p + strlen(p);
		len = (size_t)(end - p);
		if (out->n_segments == HTTP_PATH_SEGMENTS_MAX)
			return ct_error_set(err, CT_ERR_INVALID,
					    "%s: te veel padsegmenten", where);
		seg = &out->segments[out->n_segments++];
		if (len > 0 && p[0] == '{') {
			rc = compile_param(route, p, len, seg, where, err);
			if (rc)
				return rc;
			for (j = 0; j + 1 < out->n_segments; j++) {
				const struct router_segment *o;

				o = &out->segments[j];
				if (o->kind == SEGMENT_PARAM &&
				    strcmp(o->name, seg->name) == 0)
					return ct_error_set(
						err, CT_ERR_INVALID,
						"%s: parameter '%s' staat er "
						"twee keer in",
						where, seg->name);
			}
		} else {
			/* Only the root "/" has an empty segment. */
			if (len == 0 && !(out->n_segments == 1 && !*end))
				return ct_error_set(err, CT_ERR_INVALID,
						    "%s: leeg padsegment",
						    where);
			if ((len == 1 && p[0] == '.') ||
			    (len == 2 && p[0] == '.' && p[1] == '.'))
				return ct_error_set(err, CT_ERR_INVALID,
						    "%s: . en .. zijn geen "
						    "padsegmenten",
						    where);
			for (i = 0; i < len; i++) {
				if (!is_literal_char((unsigned char)p[i]))
					return ct_error_set(
						err, CT_ERR_INVALID,
						"%s: ongeldig teken in pad",
						where);
			}
			seg->kind = SEGMENT_LITERAL;
			seg->literal = p;
			seg->len = len;
		}
		if (!*end)
			break;
		p = end + 1;
	}
	return CT_OK;
}

static enum ct_err
check_route(const struct http_route *routes, size_t index,
	    struct router_route *compiled, struct ct_error *err)
{
	const struct http_route *route = &routes[index];
	char where[ROUTE_WHERE_MAX];
	enum ct_err rc;
	size_t i;

	route_where(route, index, where, sizeof(where));
	/* The action is checked first: it is the rule that matters most. */
	if (!route->action || !route->action[0])
		return ct_error_set(err, CT_ERR_INVALID,
				    "%s heeft geen action; elke route moet "
				    "zeggen welke handeling hij uitvoert",
				    where);
	if (!route->pattern)
		return ct_error_set(err, CT_ERR_INVALID, "%s heeft geen pad",
				    where);
	if (route->method == HTTP_METHOD_OTHER ||
	    route->method == HTTP_METHOD_HEAD ||
	    strcmp(http_method_name(route->method), "?") == 0)
		return ct_error_set(err, CT_ERR_INVALID,
				    "%s: ongeldige methode (HEAD volgt GET "
				    "vanzelf)",
				    where);
	if (!route->handler)
		return ct_error_set(err, CT_ERR_INVALID,
				    "%s heeft geen handler", where);
	if (route->n_query && !route->query)
		return ct_error_set(err, CT_ERR_INVALID,
				    "%s: n_query zonder query", where);
	if (route->n_body && !route->body)
		return ct_error_set(err, CT_ERR_INVALID,
				    "%s: n_body zonder body", where);
	rc = http_param_spec_check(route->query, route->n_query, 0, where, err);
	if (!rc)
		rc = http_param_spec_check(route->body, route->n_body, 1, where,
					   err);
	if (!rc)
		rc = compile_pattern(route, compiled, where, err);
	if (rc)
		return rc;
	for (i = 0; i < index; i++) {
		if (routes[i].method == route->method &&
		    strcmp(routes[i].pattern, route->pattern) == 0)
			return ct_error_set(err, CT_ERR_INVALID,
					    "%s staat er twee keer in", where);
	}
	return CT_OK;
}

enum ct_err
router_init(struct router *r, const struct http_route *routes, size_t n,
	    const struct router_hooks *hooks, void *app, struct ct_error *err)
{
	size_t i;
	enum ct_err rc;

	memset(r, 0, sizeof(*r));
	r->routes = routes;
	r->n_routes = n;
	r->app = app;
	if (hooks)
		r->hooks = *hooks;
	r->compiled = ct_calloc(n ? n : 1, sizeof(*r->compiled));
	for (i = 0; i < n; i++) {
		rc = check_route(routes, i, &r->compiled[i], err);
		if (rc) {
			router_release(r);
			return rc;
		}
	}
	return CT_OK;
}

void
router_release(struct router *r)
{
	size_t i, j;

	if (r->compiled) {
		for (i = 0; i < r->n_routes; i++) {
			struct router_route *rr = &r->compiled[i];

			for (j = 0; j < rr->n_segments; j++)
				free(rr->segments[j].name);
		}
		free(r->compiled);
	}
	memset(r, 0, sizeof(*r));
}

/* ------------------------------------------------------------------ */
/* Target parsing                                                      */

static int
hex_value(int c)
{
	if (c >= '0' && c <= '9')
		return c - '0';
	if (c >= 'a' && c <= 'f')
		return c - 'a' + 10;
	if (c >= 'A' && c <= 'F')
		return c - 'A' + 10;
	return -1;
}

enum ct_err
router_percent_decode(const char *s, size_t len, int plus_is_space, char *out,
		      size_t *out_len)
{
	size_t i, o = 0;

	for (i = 0; i < len; i++) {
		if (s[i] == '%') {
			int hi, lo;

			if (len - i < 3)
				return CT_ERR_INVALID;
			hi = hex_value((unsigned char)s[i + 1]);
			lo = hex_value((unsigned char)s[i + 2]);
			if (hi < 0 || lo < 0 || (hi == 0 && lo == 0))
				return CT_ERR_INVALID;
			out[o++] = (char)(hi * 16 + lo);
			i += 2;
		} else if (plus_is_space && s[i] == '+') {
			out[o++] = ' ';
		} else {
			out[o++] = s[i];
		}
	}
	out[o] = '\0';
	*out_len = o;
	return CT_OK;
}

/* RFC 3986 pchar, without '%' (checked by the decoder) */
static int
is_pchar(int c)
{
	return is_literal_char(c) || c == '!' || c == '$' || c == '&' ||
	       c == '\'' || c == '(' || c == ')' || c == '*' || c == '+' ||
	       c == ',' || c == ';' || c == '=' || c == ':' || c == '@';
}

static const char *
parse_target(struct http_request *req, struct parsed_target *pt)
{
	const char *t = req->target, *q, *p, *end, *path_end;
	size_t tlen = strlen(t), len, i;
	char *path, *d;
	size_t path_used = 0;

	memset(pt, 0, sizeof(*pt));
	if (t[0] != '/')
		return "Het adres moet met / beginnen.";
	q = strchr(t, '?');
	path_end = q ? q : t + tlen;
	for (p = t; p < path_end; p++) {
		if (*p != '/' && *p != '%' && !is_pchar((unsigned char)*p))
			return "Het adres bevat een ongeldig teken.";
	}
	if (q) {
		for (p = q + 1; *p; p++) {
			if (*p != '/' && *p != '?' && *p != '%' &&
			    !is_pchar((unsigned char)*p))
				return "Het adres bevat een ongeldig teken.";
		}
		pt->query = q + 1;
		pt->query_len = tlen - (size_t)(q + 1 - t);
	}
	/* The decoded path is never longer than the raw one. */
	path = arena_alloc(req->arena, (size_t)(path_end - t) + 1);
	if (!path)
		return "Het adres is te lang.";
	p = t + 1;
	for (;;) {
		end = memchr(p, '/', (size_t)(path_end - p));
		if (!end)
			end = path_end;
		len = (size_t)(end - p);
		if (pt->n_segments == HTTP_PATH_SEGMENTS_MAX)
			return "Het adres heeft te veel delen.";
		d = arena_alloc(req->arena, len + 1);
		if (!d)
			return "Het adres is te lang.";
		if (router_percent_decode(p, len, 0, d, &len))
			return "Het adres bevat een ongeldige %-codering.";
		for (i = 0; i < len; i++) {
			unsigned char c = (unsigned char)d[i];

			/* An encoded separator would make a new segment. */
			if (c == '/' || c == '\\' || c < 0x20 || c == 0x7f)
				return "Het adres bevat een ongeldig teken.";
		}
		if ((len == 1 && d[0] == '.') ||
		    (len == 2 && d[0] == '.' && d[1] == '.'))
			return "Het adres mag geen . of .. bevatten.";
		pt->segments[pt->n_segments] = d;
		pt->lens[pt->n_segments] = len;
		pt->n_segments++;
		path[path_used++] = '/';
		memcpy(path + path_used, d, len);
		path_used += len;
		if (end == path_end)
			break;
		p = end + 1;
	}
	path[path_used] = '\0';
	req->path = path;
	return NULL;
}

/* ------------------------------------------------------------------ */
/* Matching                                                            */

static enum match_result
match_route(const struct router_route *rr, const struct parsed_target *pt)
{
	enum match_result result = MATCH_FULL;
	struct ct_problems scratch;
	size_t i;

	if (rr->n_segments != pt->n_segments)
		return MATCH_NONE;
	for (i = 0; i < rr->n_segments; i++) {
		const struct router_segment *seg = &rr->segments[i];

		if (seg->kind == SEGMENT_LITERAL) {
			if (seg->len != pt->lens[i] ||
			    memcmp(seg->literal, pt->segments[i], seg->len))
				return MATCH_NONE;
		} else if (pt->lens[i] == 0) {
			return MATCH_NONE;
		}
	}
	for (i = 0; i < rr->n_segments; i++) {
		const struct router_segment *seg = &rr->segments[i];

		if (seg->kind != SEGMENT_PARAM)
			continue;
		ct_problems_init(&scratch);
		if (http_param_check_text(&seg->spec, pt->segments[i],
					  pt->lens[i], &scratch))
			result = MATCH_WRONG_TYPE;
	}
	return result;
}

static int
method_fits(enum http_method route_method, enum http_method req_method)
{
	return route_method == req_method || (route_method == HTTP_METHOD_GET &&
					      req_method == HTTP_METHOD_HEAD);
}

static void
respond_not_found(struct http_request *req, struct http_response *resp)
{
	http_response_error(resp, req->arena, 404, "not_found",
			    not_found_message, NULL);
}

static void
respond_method_not_allowed(const struct router *r, struct http_request *req,
			   struct http_response *resp, unsigned allowed)
{
	static const enum http_method order[] = {
		HTTP_METHOD_GET, HTTP_METHOD_HEAD,  HTTP_METHOD_POST,
		HTTP_METHOD_PUT, HTTP_METHOD_PATCH, HTTP_METHOD_DELETE,
	};
	char allow[64] = "";
	size_t used = 0, i;

	(void)r;
	if (allowed & HTTP_METHOD_GET)
		allowed |= HTTP_METHOD_HEAD;
	for (i = 0; i < CT_ARRAY_SIZE(order); i++) {
		if (!(allowed & order[i]))
			continue;
		used += (size_t)snprintf(allow + used, sizeof(allow) - used,
					 "%s%s", used ? ", " : "",
					 http_method_name(order[i]));
	}
	http_response_error(resp, req->arena, 405, "method_not_allowed",
			    "Deze methode is op dit adres niet toegestaan.",
			    NULL);
	http_response_add_header(resp, req->arena, "Allow", allow);
}

/* Record the typed path parameters of the matched route. */
static enum ct_err
bind_path_params(const struct router_route *rr, const struct parsed_target *pt,
		 struct http_request *req)
{
	size_t i, n = 0;
	enum ct_err rc = CT_OK;

	req->path_params = arena_alloc_array(req->arena, HTTP_PATH_SEGMENTS_MAX,
					     sizeof(*req->path_params));
	if (!req->path_params)
		return CT_ERR_LIMIT;
	for (i = 0; i < rr->n_segments; i++) {
		const struct router_segment *seg = &rr->segments[i];

		if (seg->kind != SEGMENT_PARAM)
			continue;
		if (http_param_check_text(&seg->spec, pt->segments[i],
					  pt->lens[i], &req->problems)) {
			rc = CT_ERR_INVALID;
			continue;
		}
		req->path_params[n].name = seg->name;
		req->path_params[n].value = pt->segments[i];
		n++;
	}
	req->n_path_params = n;
	return rc;
}

/* ------------------------------------------------------------------ */
/* Query                                                               */

static void
query_param(struct http_request *req, const struct http_route *route,
	    const char *raw, size_t len)
{
	const char *eq = memchr(raw, '=', len);
	size_t name_raw = eq ? (size_t)(eq - raw) : len;
	size_t value_raw = eq ? len - name_raw - 1 : 0;
	const struct http_param_spec *spec;
	char *name, *value;
	size_t name_len, value_len, i;

	name = arena_alloc(req->arena, name_raw + 1);
	value = arena_alloc(req->arena, value_raw + 1);
	if (!name || !value) {
		ct_problems_add(&req->problems, "_", "adres te lang");
		return;
	}
	if (router_percent_decode(raw, name_raw, 1, name, &name_len) ||
	    router_percent_decode(eq ? eq + 1 : "", value_raw, 1, value,
				  &value_len)) {
		ct_problems_add(&req->problems, "_",
				"ongeldige %%-codering in de zoekparameters");
		return;
	}
	if (name_len == 0 || name_len > HTTP_PARAM_NAME_MAX ||
	    !http_param_text_valid(name, name_len)) {
		ct_problems_add(&req->problems, "_",
				"ongeldige naam van een zoekparameter");
		return;
	}
	spec = http_param_find(route->query, route->n_query, name, name_len);
	if (!spec) {
		ct_problems_add(&req->problems, name, "onbekende parameter");
		return;
	}
	/* A page's GET form sends its empty boxes ("regio="): not given,
	 * as in a form body (form.h). The API keeps refusing them. */
	if (value_len == 0 && (route->flags & HTTP_ROUTE_PAGE))
		return;
	for (i = 0; i < req->n_query_params; i++) {
		if (req->query_params[i].name == spec->name) {
			ct_problems_add(&req->problems, spec->name,
					"staat er meer dan eens in");
			return;
		}
	}
	if (http_param_check_text(spec, value, value_len, &req->problems))
		return;
	req->query_params[req->n_query_params].name = spec->name;
	req->query_params[req->n_query_params].value = value;
	req->n_query_params++;
}

static enum ct_err
parse_query(struct http_request *req, const struct http_route *route,
	    const struct parsed_target *pt)
{
	const char *p = pt->query, *end, *amp;
	size_t count = 0, i;

	req->query_params = arena_alloc_array(
		req->arena, route->n_query ? route->n_query : 1,
		sizeof(*req->query_params));
	if (!req->query_params)
		return CT_ERR_LIMIT;
	if (p) {
		end = p + pt->query_len;
		while (p < end) {
			amp = memchr(p, '&', (size_t)(end - p));
			if (!amp)
				amp = end;
			if (amp > p && ++count > HTTP_QUERY_PARAMS_MAX) {
				ct_problems_add(&req->problems, "_",
						"te veel zoekparameters");
				break;
			}
			if (amp > p)
				query_param(req, route, p, (size_t)(amp - p));
			p = amp + 1;
		}
	}
	for (i = 0; i < route->n_query; i++) {
		const struct http_param_spec *spec = &route->query[i];

		if ((spec->flags & HTTP_PARAM_F_REQUIRED) &&
		    !http_request_param(req, spec->name))
			ct_problems_add(&req->problems, spec->name,
					"is verplicht");
	}
	return ct_problems_any(&req->problems) ? CT_ERR_INVALID : CT_OK;
}

/* ------------------------------------------------------------------ */
/* The sequence                                                        */

static void
respond_invalid(struct http_request *req, struct http_response *resp)
{
	http_response_error(resp, req->arena, 400, "invalid",
			    "Het verzoek is niet in orde; zie de velden.",
			    &req->problems);
}

static void
respond_hook_error(struct http_request *req, struct http_response *resp,
		   const char *hook, enum ct_err rc, const struct ct_error *err)
{
	ct_error("verzoek %s: %s mislukt: %s (%s)", req->request_id, hook,
		 ct_strerror(rc), err->message);
	http_response_from_error(resp, req->arena, CT_ERR_INTERNAL, NULL, NULL);
}

/*
 * Steps 4 to 6 up to the decision, kept in call. CT_OK when the decision
 * is to be recorded; otherwise resp holds the refusal.
 */
static enum ct_err
decide(const struct router *r, struct router_call *call,
       struct http_request *req, struct http_response *resp)
{
	const struct http_route *route = call->route;
	struct ct_error err;
	enum ct_err rc;

	ct_error_clear(&err);
	if (r->hooks.authenticate) {
		rc = r->hooks.authenticate(r->app, req, &err);
		if (rc && rc != CT_ERR_DENIED) {
			respond_hook_error(req, resp, "authenticate", rc, &err);
			return rc;
		}
		if (rc)
			req->session = NULL;
	}
	if ((route->flags & HTTP_ROUTE_SESSION) && !req->session) {
		http_response_error(resp, req->arena, 401, "unauthenticated",
				    "U bent niet ingelogd, of uw sessie is "
				    "verlopen. Log opnieuw in.",
				    NULL);
		return CT_ERR_DENIED;
	}
	if ((route->flags & HTTP_ROUTE_CSRF) &&
	    http_method_is_unsafe(req->method)) {
		ct_error_clear(&err);
		rc = r->hooks.check_csrf
			     ? r->hooks.check_csrf(r->app, req, &err)
			     : CT_ERR_DENIED;
		if (rc) {
			http_response_error(resp, req->arena, 403, "csrf",
					    "Het formulier is verlopen of "
					    "niet geldig (CSRF). Laad de "
					    "pagina opnieuw.",
					    NULL);
			return CT_ERR_DENIED;
		}
	}
	ct_error_clear(&call->err);
	/* No policy configured means nobody may do anything. */
	rc = r->hooks.authorize
		     ? r->hooks.authorize(r->app, req, route, &call->err)
		     : CT_ERR_DENIED;
	if (rc && rc != CT_ERR_DENIED && rc != CT_ERR_NOTFOUND) {
		respond_hook_error(req, resp, "authorize", rc, &call->err);
		return rc;
	}
	call->decision = rc;
	return CT_OK;
}

static void
run_handler(const struct router *r, const struct http_route *route,
	    struct http_request *req, struct http_response *resp)
{
	struct ct_error err;
	enum ct_err rc;

	ct_error_clear(&err);
	rc = route->handler(r->app, req, resp, &err);
	if (rc) {
		if (http_status_for(rc) == 500)
			ct_error("verzoek %s: %s: %s (%s)", req->request_id,
				 route->action, ct_strerror(rc), err.message);
		http_response_init(resp);
		http_response_from_error(resp, req->arena, rc, &err,
					 &req->problems);
	} else if (resp->status == 0) {
		ct_error("verzoek %s: %s gaf geen antwoord", req->request_id,
			 route->action);
		http_response_from_error(resp, req->arena, CT_ERR_INTERNAL,
					 NULL, NULL);
	}
}

/*
 * A page's error as a page: a JSON error (what the steps above make) of a
 * page route, or of a path outside the API that matched nothing, goes to
 * hooks.page_error. A page the handler made (HTML) is left alone, so
 * calling this twice changes nothing.
 */
static void
page_finish(const struct router *r, struct http_request *req,
	    struct http_response *resp)
{
	static const char api[] = "/api/";
	int page;

	if (!r->hooks.page_error || resp->status < 400 ||
	    !resp->content_type ||
	    strcmp(resp->content_type, HTTP_CONTENT_TYPE_JSON) != 0)
		return;
	if (req->route)
		page = (req->route->flags & HTTP_ROUTE_PAGE) != 0;
	else
		page = strncmp(req->target, api, sizeof(api) - 1) != 0 &&
		       strcmp(req->target, "/api") != 0;
	if (page)
		r->hooks.page_error(r->app, req, resp);
}

static enum router_stage
router_start_in(const struct router *r, struct router_call *call,
		struct http_request *req, struct http_response *resp)
{
	struct parsed_target *pt;
	const struct http_route *route = NULL;
	enum match_result m, best = MATCH_NONE;
	unsigned allowed = 0;
	size_t i, chosen = 0;
	const char *bad;

	memset(call, 0, sizeof(*call));
	http_response_init(resp);
	ct_problems_init(&req->problems);
	if (strlen(req->target) > HTTP_TARGET_MAX) {
		http_response_error(resp, req->arena, 414, "too_long",
				    "Het adres is te lang.", NULL);
		return ROUTER_DONE;
	}
	pt = arena_alloc(req->arena, sizeof(*pt));
	if (!pt) {
		http_response_from_error(resp, req->arena, CT_ERR_INTERNAL,
					 NULL, NULL);
		return ROUTER_DONE;
	}
	bad = parse_target(req, pt);
	if (bad) {
		http_response_error(resp, req->arena, 400, "bad_request", bad,
				    NULL);
		return ROUTER_DONE;
	}

	/* A full match for this method wins; otherwise explain why not. */
	for (i = 0; i < r->n_routes; i++) {
		m = match_route(&r->compiled[i], pt);
		if (m == MATCH_NONE)
			continue;
		if (m == MATCH_FULL) {
			allowed |= (unsigned)r->routes[i].method;
			if (method_fits(r->routes[i].method, req->method)) {
				route = &r->routes[i];
				chosen = i;
				break;
			}
		} else if (best == MATCH_NONE &&
			   method_fits(r->routes[i].method, req->method)) {
			best = MATCH_WRONG_TYPE;
			chosen = i;
		}
	}
	if (!route) {
		if (allowed) {
			respond_method_not_allowed(r, req, resp, allowed);
		} else if (best == MATCH_WRONG_TYPE) {
			bind_path_params(&r->compiled[chosen], pt, req);
			respond_invalid(req, resp);
		} else {
			respond_not_found(req, resp);
		}
		return ROUTER_DONE;
	}
	req->route = route;
	call->route = route;
	if (bind_path_params(&r->compiled[chosen], pt, req) ||
	    parse_query(req, route, pt)) {
		respond_invalid(req, resp);
		return ROUTER_DONE;
	}
	if (decide(r, call, req, resp))
		return ROUTER_DONE;
	if (!r->hooks.record_access && !r->hooks.record_access_start) {
		router_finish(r, call, req, resp, CT_OK);
		return ROUTER_DONE;
	}
	return ROUTER_RECORD;
}

enum router_stage
router_start(const struct router *r, struct router_call *call,
	     struct http_request *req, struct http_response *resp)
{
	enum router_stage stage = router_start_in(r, call, req, resp);

	if (stage == ROUTER_DONE)
		page_finish(r, req, resp);
	return stage;
}

int
router_record_start(const struct router *r, const struct router_call *call,
		    const struct http_request *req,
		    void (*done)(void *ctx, enum ct_err logged,
				 const struct ct_error *err),
		    void *ctx, enum ct_err *logged)
{
	int pending = 0;

	if (r->hooks.record_access_start) {
		*logged = r->hooks.record_access_start(r->app, req, call->route,
						       call->decision, done,
						       ctx, &pending);
		return *logged == CT_OK && pending;
	}
	*logged = r->hooks.record_access
			  ? r->hooks.record_access(r->app, req, call->route,
						   call->decision)
			  : CT_OK;
	return 0;
}

static void
router_finish_in(const struct router *r, const struct router_call *call,
		 struct http_request *req, struct http_response *resp,
		 enum ct_err logged)
{
	const struct http_route *route = call->route;

	http_response_init(resp);
	if (logged) {
		ct_error("verzoek %s: toegangslog niet geschreven: %s",
			 req->request_id, ct_strerror(logged));
		http_response_from_error(resp, req->arena, CT_ERR_INTERNAL,
					 NULL, NULL);
		return;
	}
	if (call->decision == CT_ERR_NOTFOUND) {
		respond_not_found(req, resp);
		return;
	}
	if (call->decision) {
		http_response_error(resp, req->arena, 403, "forbidden",
				    call->err.message[0]
					    ? call->err.message
					    : "U hebt geen toestemming voor "
					      "deze handeling.",
				    NULL);
		return;
	}
	if (route->body && (route->flags & HTTP_ROUTE_PAGE)) {
		if (http_form_parse(req, route->body, route->n_body,
				    route->body_max ? route->body_max
						    : HTTP_BODY_MAX_DEFAULT,
				    &req->body_json, resp))
			return;
	} else if (route->body) {
		if (http_body_parse_json(req, route->body, route->n_body,
					 route->body_max
						 ? route->body_max
						 : HTTP_BODY_MAX_DEFAULT,
					 &req->body_json, resp))
			return;
	} else if (req->body_len > 0) {
		/* A route without declared fields takes no body at all. */
		http_response_error(resp, req->arena, 400, "invalid",
				    "Dit adres verwacht geen inhoud in het "
				    "verzoek.",
				    NULL);
		return;
	}
	run_handler(r, route, req, resp);
	json_decref(req->body_json);
	req->body_json = NULL;
}

void
router_finish(const struct router *r, const struct router_call *call,
	      struct http_request *req, struct http_response *resp,
	      enum ct_err logged)
{
	router_finish_in(r, call, req, resp, logged);
	page_finish(r, req, resp);
}

/* The blocking waiter of router_handle, for a hook that only starts. */
struct router_wait {
	sem_t done;
	enum ct_err logged;
};

static void
router_wait_done(void *ctx, enum ct_err logged, const struct ct_error *err)
{
	struct router_wait *w = ctx;

	(void)err;
	w->logged = logged;
	if (sem_post(&w->done) != 0)
		CT_BUG("router: sem_post");
}

void
router_handle(const struct router *r, struct http_request *req,
	      struct http_response *resp)
{
	struct router_call call;
	struct router_wait w;
	enum ct_err logged = CT_OK;

	if (router_start(r, &call, req, resp) == ROUTER_DONE)
		return;
	if (r->hooks.record_access) {
		logged = r->hooks.record_access(r->app, req, call.route,
						call.decision);
	} else {
		if (sem_init(&w.done, 0, 0) != 0)
			CT_BUG("router: sem_init");
		w.logged = CT_OK;
		if (router_record_start(r, &call, req, router_wait_done, &w,
					&logged)) {
			while (sem_wait(&w.done) != 0)
				if (errno != EINTR)
					CT_BUG("router: sem_wait");
			logged = w.logged;
		}
		sem_destroy(&w.done);
	}
	router_finish(r, &call, req, resp, logged);
}
