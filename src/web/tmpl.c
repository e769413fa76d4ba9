/*
 * tmpl.c - the template engine: compile, with the HTML context of every
 * variable decided from the template's markup, then render.
 *
 * Design: compiling walks the template once. Literal text runs through a
 * small HTML tokenizer (the states a browser goes through for tags,
 * attributes, comments and raw-text elements, simplified to what our own
 * templates use) in the order it appears, so every {{variable}} gets the
 * context the browser will parse it in. Because a section may run zero or
 * many times, the tokenizer's state at {{/name}} must equal the state at
 * {{#name}}; an include must sit in HTML text, and every template starts
 * and ends there. With those rules the static context is the real one,
 * whatever the data. A template is compiled on every render: our
 * templates are a few kilobytes, and no cache means no locking.
 */
#include "web/tmpl.h"

#include <stdarg.h>
#include <stdlib.h>
#include <string.h>

#include "util/banned.h"

enum tmpl_kind {
	TMPL_TEXT = 1,
	TMPL_TRUSTED_HTML,
	TMPL_BOOL,
	TMPL_CHILD,
	TMPL_LIST,
};

struct tmpl_entry {
	const char *name;
	enum tmpl_kind kind;
	const char *text;
	int truth;
	struct tmpl_vars *child; /* TMPL_CHILD, or the first list item */
	struct tmpl_vars *last;	 /* TMPL_LIST: last item */
	struct tmpl_entry *next;
};

struct tmpl_vars {
	struct arena *arena;
	const struct tmpl_vars *parent;
	struct tmpl_entry *entries; /* newest first: a later set wins */
	struct tmpl_vars *next_item;
};

/* ------------------------------------------------------------------ */
/* Values                                                             */

struct tmpl_vars *
tmpl_vars_new(struct arena *a)
{
	struct tmpl_vars *v = arena_alloc(a, sizeof(*v));

	if (!v)
		CT_BUG("arena full building template values");
	memset(v, 0, sizeof(*v));
	v->arena = a;
	return v;
}

static struct tmpl_entry *
tmpl_entry_new(struct tmpl_vars *v, const char *name, enum tmpl_kind kind)
{
	struct tmpl_entry *e = arena_alloc(v->arena, sizeof(*e));

	if (!e)
		CT_BUG("arena full building template values");
	memset(e, 0, sizeof(*e));
	e->name = arena_strdup(v->arena, name);
	if (!e->name)
		CT_BUG("arena full building template values");
	e->kind = kind;
	e->next = v->entries;
	v->entries = e;
	return e;
}

static char *
tmpl_dup(struct tmpl_vars *v, const char *s)
{
	char *d = arena_strdup(v->arena, s);

	if (!d)
		CT_BUG("arena full building template values");
	return d;
}

void
tmpl_set(struct tmpl_vars *v, const char *name, const char *text)
{
	if (!text)
		return;
	tmpl_entry_new(v, name, TMPL_TEXT)->text = tmpl_dup(v, text);
}

void
tmpl_setf(struct tmpl_vars *v, const char *name, const char *fmt, ...)
{
	struct sbuf sb;
	va_list ap;

	sbuf_init(&sb, SBUF_MAX_SMALL);
	va_start(ap, fmt);
	if (sbuf_vaddf(&sb, fmt, ap))
		CT_BUG("tmpl_setf: value longer than SBUF_MAX_SMALL");
	va_end(ap);
	tmpl_set(v, name, sb.buf);
	sbuf_release(&sb);
}

void
tmpl_set_int(struct tmpl_vars *v, const char *name, int64_t n)
{
	tmpl_setf(v, name, "%lld", (long long)n);
}

void
tmpl_set_bool(struct tmpl_vars *v, const char *name, int truth)
{
	tmpl_entry_new(v, name, TMPL_BOOL)->truth = truth != 0;
}

void
tmpl_set_trusted_html(struct tmpl_vars *v, const char *name, const char *html)
{
	if (!html)
		return;
	tmpl_entry_new(v, name, TMPL_TRUSTED_HTML)->text = tmpl_dup(v, html);
}

struct tmpl_vars *
tmpl_set_child(struct tmpl_vars *v, const char *name)
{
	struct tmpl_entry *e = tmpl_entry_new(v, name, TMPL_CHILD);

	e->child = tmpl_vars_new(v->arena);
	e->child->parent = v;
	return e->child;
}

static struct tmpl_entry *
tmpl_own_entry(struct tmpl_vars *v, const char *name)
{
	struct tmpl_entry *e;

	for (e = v->entries; e; e = e->next)
		if (strcmp(e->name, name) == 0)
			return e;
	return NULL;
}

void
tmpl_list_init(struct tmpl_vars *v, const char *name)
{
	tmpl_entry_new(v, name, TMPL_LIST);
}

struct tmpl_vars *
tmpl_list_add(struct tmpl_vars *v, const char *name)
{
	struct tmpl_entry *e = tmpl_own_entry(v, name);
	struct tmpl_vars *item;

	if (!e || e->kind != TMPL_LIST)
		e = tmpl_entry_new(v, name, TMPL_LIST);
	item = tmpl_vars_new(v->arena);
	item->parent = v;
	if (e->last)
		e->last->next_item = item;
	else
		e->child = item;
	e->last = item;
	return item;
}

static const struct tmpl_entry *
tmpl_lookup(const struct tmpl_vars *v, const char *name, size_t len)
{
	const struct tmpl_entry *e;

	for (; v; v = v->parent)
		for (e = v->entries; e; e = e->next)
			if (strlen(e->name) == len &&
			    memcmp(e->name, name, len) == 0)
				return e;
	return NULL;
}

/* ------------------------------------------------------------------ */
/* Escapers                                                           */

enum ct_err
tmpl_escape_html(struct sbuf *out, const char *s, size_t len)
{
	size_t i, start = 0;
	const char *ent;
	enum ct_err rc;

	for (i = 0; i < len; i++) {
		switch (s[i]) {
		case '&':
			ent = "&amp;";
			break;
		case '<':
			ent = "&lt;";
			break;
		case '>':
			ent = "&gt;";
			break;
		case '"':
			ent = "&quot;";
			break;
		case '\'':
			ent = "&#39;";
			break;
		case '\0':
			ent = "\xef\xbf\xbd";
			break; /* U+FFFD */
		default:
			continue;
		}
		rc = sbuf_add(out, s + start, i - start);
		if (!rc)
			rc = sbuf_addstr(out, ent);
		if (rc)
			return rc;
		start = i + 1;
	}
	return sbuf_add(out, s + start, len - start);
}

static int
tmpl_unreserved(unsigned char c)
{
	return (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') ||
	       (c >= '0' && c <= '9') || c == '-' || c == '.' || c == '_' ||
	       c == '~';
}

static enum ct_err
tmpl_escape_url_part(struct sbuf *out, const char *s, size_t len)
{
	size_t i;
	enum ct_err rc = CT_OK;

	for (i = 0; i < len && !rc; i++) {
		unsigned char c = (unsigned char)s[i];

		if (tmpl_unreserved(c))
			rc = sbuf_addch(out, (char)c);
		else
			rc = sbuf_addf(out, "%%%02X", c);
	}
	return rc;
}

static char
tmpl_lower(char c)
{
	return c >= 'A' && c <= 'Z' ? (char)(c - 'A' + 'a') : c;
}

static int
tmpl_prefix_ci(const char *s, size_t len, const char *word)
{
	size_t n = strlen(word), i;

	if (len != n)
		return 0;
	for (i = 0; i < n; i++)
		if (tmpl_lower(s[i]) != word[i])
			return 0;
	return 1;
}

int
tmpl_url_safe(const char *s, size_t len)
{
	size_t i;

	/*
	 * Browsers strip leading blanks and control bytes and ignore tabs
	 * and newlines inside a scheme ("java\tscript:"): refuse them all
	 * rather than guess how a browser reads them.
	 */
	for (i = 0; i < len; i++)
		if ((unsigned char)s[i] <= 0x20 || s[i] == 0x7f || s[i] == '\\')
			return 0;
	for (i = 0; i < len; i++) {
		if (s[i] == '/' || s[i] == '?' || s[i] == '#')
			return 1; /* no scheme: relative */
		if (s[i] == ':')
			return tmpl_prefix_ci(s, i, "http") ||
			       tmpl_prefix_ci(s, i, "https") ||
			       tmpl_prefix_ci(s, i, "mailto");
	}
	return 1;
}

/* Bytes an attribute URL may carry as they are (RFC 3986 minus quotes). */
static int
tmpl_url_byte_ok(unsigned char c)
{
	return tmpl_unreserved(c) || (c && strchr(":/?#[]@!$&()*+,;=%", c));
}

static enum ct_err
tmpl_escape_url_start(struct sbuf *out, const char *s, size_t len)
{
	size_t i;
	enum ct_err rc = CT_OK;

	if (!tmpl_url_safe(s, len))
		return sbuf_addch(out, '#');
	for (i = 0; i < len && !rc; i++) {
		unsigned char c = (unsigned char)s[i];

		if (c == '&')
			rc = sbuf_addstr(out, "&amp;");
		else if (tmpl_url_byte_ok(c))
			rc = sbuf_addch(out, (char)c);
		else
			rc = sbuf_addf(out, "%%%02X", c);
	}
	return rc;
}

/* ------------------------------------------------------------------ */
/* The HTML tokenizer over literal text                               */

enum tmpl_hstate {
	H_TEXT,
	H_LT,	    /* after '<' */
	H_LT_SLASH, /* after "</" */
	H_TAG_NAME,
	H_TAG, /* inside a tag, between attributes */
	H_ATTR_NAME,
	H_AFTER_ATTR,
	H_BEFORE_VALUE,
	H_VALUE_DQ,
	H_VALUE_SQ,
	H_VALUE_UQ,
	H_DECL,	   /* "<!" or "<?" */
	H_COMMENT, /* "<!--" */
	H_RAWTEXT, /* inside <script> or <style> */
};

enum tmpl_attr_class {
	ATTR_NORMAL,
	ATTR_URL,
	ATTR_FORBIDDEN, /* event handlers, style, srcdoc */
};

#define TMPL_HTML_NAME_MAX 24

struct tmpl_html {
	enum tmpl_hstate st;
	enum tmpl_attr_class attr;
	int value_started;
	int closing;
	int dashes;
	int cut; /* a {{tag}} just ended an attribute name */
	char tag[TMPL_HTML_NAME_MAX];
	size_t tag_len;
	char name[TMPL_HTML_NAME_MAX]; /* attribute name */
	size_t name_len;
	char raw[TMPL_HTML_NAME_MAX]; /* "script" or "style" while raw */
	size_t raw_match;
};

static int
tmpl_html_same(const struct tmpl_html *a, const struct tmpl_html *b)
{
	return a->st == b->st && a->attr == b->attr &&
	       a->value_started == b->value_started &&
	       strcmp(a->raw, b->raw) == 0 && a->raw_match == b->raw_match &&
	       ((a->st != H_DECL && a->st != H_COMMENT) ||
		a->dashes == b->dashes);
}

static int
tmpl_space(char c)
{
	return c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\f';
}

static int
tmpl_alpha(char c)
{
	return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z');
}

static void
tmpl_html_name_add(char *buf, size_t *len, char c)
{
	if (*len + 1 < TMPL_HTML_NAME_MAX) {
		buf[(*len)++] = tmpl_lower(c);
		buf[*len] = '\0';
	}
}

static void
tmpl_html_attr_done(struct tmpl_html *h)
{
	static const char *const url_attrs[] = {
		"href",	  "src",  "action", "formaction", "xlink:href",
		"poster", "cite", "srcset", NULL,
	};
	size_t i;

	h->attr = ATTR_NORMAL;
	if (strncmp(h->name, "on", 2) == 0 || strcmp(h->name, "style") == 0 ||
	    strcmp(h->name, "srcdoc") == 0 ||
	    h->name_len + 1 >= TMPL_HTML_NAME_MAX)
		h->attr = ATTR_FORBIDDEN;
	for (i = 0; url_attrs[i]; i++)
		if (strcmp(h->name, url_attrs[i]) == 0)
			h->attr = ATTR_URL;
}

static void
tmpl_html_tag_end(struct tmpl_html *h)
{
	h->st = H_TEXT;
	h->attr = ATTR_NORMAL;
	if (!h->closing &&
	    (strcmp(h->tag, "script") == 0 || strcmp(h->tag, "style") == 0 ||
	     strcmp(h->tag, "textarea") == 0 || strcmp(h->tag, "title") == 0)) {
		/* textarea and title are RCDATA: text, but no tags inside. */
		if (strcmp(h->tag, "textarea") == 0 ||
		    strcmp(h->tag, "title") == 0)
			return;
		h->st = H_RAWTEXT;
		memcpy(h->raw, h->tag, sizeof(h->raw));
		h->raw_match = 0;
	}
}

static void
tmpl_html_attr_start(struct tmpl_html *h, char c)
{
	h->st = H_ATTR_NAME;
	h->name_len = 0;
	h->name[0] = '\0';
	tmpl_html_name_add(h->name, &h->name_len, c);
}

static void
tmpl_html_char(struct tmpl_html *h, char c)
{
	switch (h->st) {
	case H_TEXT:
		if (c == '<')
			h->st = H_LT;
		break;
	case H_LT:
		h->closing = 0;
		if (tmpl_alpha(c)) {
			h->st = H_TAG_NAME;
			h->tag_len = 0;
			h->tag[0] = '\0';
			tmpl_html_name_add(h->tag, &h->tag_len, c);
		} else if (c == '/') {
			h->st = H_LT_SLASH;
		} else if (c == '!' || c == '?') {
			h->st = H_DECL;
			h->dashes = 0;
		} else if (c != '<') {
			h->st = H_TEXT;
		}
		break;
	case H_LT_SLASH:
		if (tmpl_alpha(c)) {
			h->st = H_TAG_NAME;
			h->closing = 1;
			h->tag_len = 0;
			h->tag[0] = '\0';
			tmpl_html_name_add(h->tag, &h->tag_len, c);
		} else {
			h->st = H_DECL; /* a bogus comment until '>' */
			h->dashes = -1;
		}
		break;
	case H_TAG_NAME:
		if (tmpl_space(c) || c == '/')
			h->st = H_TAG;
		else if (c == '>')
			tmpl_html_tag_end(h);
		else
			tmpl_html_name_add(h->tag, &h->tag_len, c);
		break;
	case H_TAG:
		if (c == '>')
			tmpl_html_tag_end(h);
		else if (!tmpl_space(c) && c != '/')
			tmpl_html_attr_start(h, c);
		break;
	case H_ATTR_NAME:
		if (tmpl_space(c)) {
			tmpl_html_attr_done(h);
			h->st = H_AFTER_ATTR;
		} else if (c == '=') {
			tmpl_html_attr_done(h);
			h->st = H_BEFORE_VALUE;
		} else if (c == '>') {
			tmpl_html_tag_end(h);
		} else if (c == '/') {
			h->st = H_TAG;
		} else {
			tmpl_html_name_add(h->name, &h->name_len, c);
		}
		break;
	case H_AFTER_ATTR:
		if (c == '=')
			h->st = H_BEFORE_VALUE;
		else if (c == '>')
			tmpl_html_tag_end(h);
		else if (c == '/')
			h->st = H_TAG;
		else if (!tmpl_space(c))
			tmpl_html_attr_start(h, c);
		break;
	case H_BEFORE_VALUE:
		h->value_started = 0;
		if (c == '"')
			h->st = H_VALUE_DQ;
		else if (c == '\'')
			h->st = H_VALUE_SQ;
		else if (c == '>')
			tmpl_html_tag_end(h);
		else if (!tmpl_space(c))
			h->st = H_VALUE_UQ;
		break;
	case H_VALUE_DQ:
	case H_VALUE_SQ:
		if (c == (h->st == H_VALUE_DQ ? '"' : '\'')) {
			h->st = H_TAG;
			h->attr = ATTR_NORMAL;
			h->value_started = 0;
		} else {
			h->value_started = 1;
		}
		break;
	case H_VALUE_UQ:
		if (tmpl_space(c)) {
			h->st = H_TAG;
			h->attr = ATTR_NORMAL;
		} else if (c == '>') {
			tmpl_html_tag_end(h);
		}
		break;
	case H_DECL:
		if (h->dashes >= 0 && c == '-' && ++h->dashes == 2) {
			h->st = H_COMMENT;
			h->dashes = 0;
		} else if (c == '>') {
			h->st = H_TEXT;
		} else if (c != '-') {
			h->dashes = -1; /* "<!DOCTYPE": not a comment */
		}
		break;
	case H_COMMENT:
		if (c == '>' && h->dashes >= 2)
			h->st = H_TEXT;
		h->dashes = c == '-' ? h->dashes + 1 : 0;
		break;
	case H_RAWTEXT: {
		/* Leave at "</script" or "</style", any case. */
		size_t n = strlen(h->raw);

		if (h->raw_match == 0)
			h->raw_match = c == '<';
		else if (h->raw_match == 1)
			h->raw_match = c == '/' ? 2 : (c == '<');
		else if (tmpl_lower(c) == h->raw[h->raw_match - 2])
			h->raw_match++;
		else
			h->raw_match = c == '<';
		if (h->raw_match == n + 2) {
			h->raw[0] = '\0';
			h->st = H_TAG_NAME;
			h->closing = 1;
			h->tag_len = 0;
			h->tag[0] = '\0';
		}
		break;
	}
	}
}

/* ------------------------------------------------------------------ */
/* Compiling                                                          */

enum tmpl_op_kind {
	OP_TEXT,
	OP_VAR,
	OP_SECTION,
	OP_INVERTED,
	OP_END,
	OP_INCLUDE,
};

enum tmpl_ctx {
	CTX_HTML,
	CTX_ATTR,
	CTX_URL_START,
	CTX_URL_PART,
};

struct tmpl_op {
	enum tmpl_op_kind kind;
	const char *s; /* text, or the name */
	size_t len;
	enum tmpl_ctx ctx; /* OP_VAR */
	size_t end;	   /* OP_SECTION / OP_INVERTED: index of its OP_END */
};

struct tmpl_prog {
	const char *name;
	struct tmpl_op *ops;
	size_t n;
	size_t alloc;
};

static void
tmpl_prog_release(struct tmpl_prog *p)
{
	free(p->ops);
	memset(p, 0, sizeof(*p));
}

static struct tmpl_op *
tmpl_prog_add(struct tmpl_prog *p, enum tmpl_op_kind kind, const char *s,
	      size_t len)
{
	struct tmpl_op *op;

	if (p->n == p->alloc) {
		p->alloc = p->alloc ? p->alloc * 2 : 32;
		/* alloc <= 2 * TMPL_TAGS_MAX + 2 ops: no overflow. */
		p->ops = ct_realloc(p->ops, p->alloc * sizeof(*p->ops));
	}
	op = &p->ops[p->n++];
	memset(op, 0, sizeof(*op));
	op->kind = kind;
	op->s = s;
	op->len = len;
	return op;
}

/* The first "{{" or "}}" (two equal bytes) in [s, end), or NULL. */
static const char *
tmpl_find_pair(const char *s, const char *end, char c)
{
	for (; s + 1 < end; s++)
		if (s[0] == c && s[1] == c)
			return s;
	return NULL;
}

static unsigned
tmpl_line(const char *src, const char *at)
{
	unsigned line = 1;

	for (; src < at; src++)
		line += *src == '\n';
	return line;
}

static enum ct_err
tmpl_refuse(struct ct_error *err, const struct tmpl_source *t, const char *at,
	    const char *why)
{
	return ct_error_set(err, CT_ERR_INVALID, "Sjabloon %s, regel %u: %s.",
			    t->name, tmpl_line(t->text, at), why);
}

static int
tmpl_name_char(char c)
{
	return tmpl_alpha(c) || (c >= '0' && c <= '9') || c == '_';
}

static const struct tmpl_source *
tmpl_find(const struct tmpl_set *set, const char *name, size_t len)
{
	size_t i;

	for (i = 0; i < set->n; i++)
		if (strlen(set->sources[i].name) == len &&
		    memcmp(set->sources[i].name, name, len) == 0)
			return &set->sources[i];
	return NULL;
}

static enum ct_err
tmpl_var_ctx(const struct tmpl_html *h, enum tmpl_ctx *ctx)
{
	switch (h->st) {
	case H_TEXT:
		*ctx = CTX_HTML;
		return CT_OK;
	case H_VALUE_DQ:
	case H_VALUE_SQ:
		if (h->attr == ATTR_NORMAL)
			*ctx = CTX_ATTR;
		else if (h->attr == ATTR_URL)
			*ctx = h->value_started ? CTX_URL_PART : CTX_URL_START;
		else
			return CT_ERR_INVALID;
		return CT_OK;
	default:
		return CT_ERR_INVALID;
	}
}

struct tmpl_open {
	size_t op;
	struct tmpl_html html;
};

static enum ct_err
tmpl_compile(const struct tmpl_source *t, struct tmpl_prog *p,
	     struct ct_error *err)
{
	struct tmpl_open open[TMPL_DEPTH_MAX];
	size_t depth = 0, tags = 0;
	const char *s = t->text, *end = t->text + t->len, *at, *close;
	const char *name, *name_end;
	struct tmpl_html h;
	struct tmpl_op *op;
	char sigil;
	size_t i;

	memset(p, 0, sizeof(*p));
	memset(&h, 0, sizeof(h));
	p->name = t->name;
	if (t->len > TMPL_SOURCE_MAX)
		return tmpl_refuse(err, t, s, "het sjabloon is te groot");
	while (s < end) {
		at = tmpl_find_pair(s, end, '{');
		if (!at)
			at = end;
		if (at > s) {
			tmpl_prog_add(p, OP_TEXT, s, (size_t)(at - s));
			/*
			 * After a tag that ended an attribute name, the
			 * name must really end: "on{{#b}}{{/b}}click" or
			 * "href{{/b}}=" would make an attribute we never
			 * saw whole.
			 */
			if (h.cut && !tmpl_space(*s) && *s != '>' && *s != '/')
				return tmpl_refuse(err, t, s,
						   "{{...}} mag geen "
						   "attribuutnaam splitsen");
			h.cut = 0;
			for (; s < at; s++)
				tmpl_html_char(&h, *s);
		}
		if (at == end)
			break;
		if (++tags > TMPL_TAGS_MAX)
			return tmpl_refuse(err, t, at, "te veel {{...}}");
		close = tmpl_find_pair(at + 2, end, '}');
		if (!close)
			return tmpl_refuse(err, t, at, "{{ zonder }}");
		s = close + 2;
		/*
		 * A tag ends an attribute name, as a blank would: so
		 * <option{{#on}} selected{{/on}}> leaves the tag as it was.
		 */
		if (h.st == H_ATTR_NAME || h.st == H_AFTER_ATTR) {
			if (h.st == H_ATTR_NAME)
				tmpl_html_attr_done(&h);
			h.st = H_TAG;
			h.attr = ATTR_NORMAL;
			h.cut = 1;
		} else if (h.st == H_LT || h.st == H_LT_SLASH ||
			   h.st == H_TAG_NAME) {
			return tmpl_refuse(err, t, at,
					   "{{...}} mag geen tagnaam "
					   "splitsen");
		}
		sigil = at[2];
		if (sigil == '!')
			continue;
		name = at + 2;
		if (sigil == '#' || sigil == '^' || sigil == '/' ||
		    sigil == '>')
			name++;
		else
			sigil = 0;
		while (name < close && *name == ' ')
			name++;
		name_end = name;
		while (name_end < close && tmpl_name_char(*name_end))
			name_end++;
		for (i = 0; name_end + i < close && name_end[i] == ' '; i++)
			;
		if (name_end == name || name_end + i != close ||
		    name_end - name > TMPL_NAME_MAX)
			return tmpl_refuse(err, t, at,
					   "een naam bestaat uit 1 tot 64 "
					   "letters, cijfers of _ (geen {{{ "
					   "}}}: ruwe HTML kan alleen via "
					   "tmpl_set_trusted_html)");
		switch (sigil) {
		case 0:
			op = tmpl_prog_add(p, OP_VAR, name,
					   (size_t)(name_end - name));
			if (tmpl_var_ctx(&h, &op->ctx))
				return tmpl_refuse(err, t, at,
						   "een waarde mag alleen in "
						   "tekst of in een attribuut "
						   "tussen aanhalingstekens "
						   "staan (niet in een tag, "
						   "commentaar, script, style "
						   "of on...-attribuut)");
			if (h.st != H_TEXT)
				h.value_started = 1;
			break;
		case '#':
		case '^':
			if (depth == TMPL_DEPTH_MAX)
				return tmpl_refuse(err, t, at,
						   "secties te diep genest");
			open[depth].op = p->n;
			open[depth].html = h;
			depth++;
			tmpl_prog_add(p,
				      sigil == '#' ? OP_SECTION : OP_INVERTED,
				      name, (size_t)(name_end - name));
			break;
		case '/':
			if (!depth)
				return tmpl_refuse(err, t, at,
						   "{{/...}} zonder opening");
			depth--;
			op = &p->ops[open[depth].op];
			if (op->len != (size_t)(name_end - name) ||
			    memcmp(op->s, name, op->len) != 0)
				return tmpl_refuse(err, t, at,
						   "{{/...}} sluit een andere "
						   "sectie");
			if (!tmpl_html_same(&open[depth].html, &h))
				return tmpl_refuse(err, t, at,
						   "een sectie moet de HTML "
						   "laten zoals ze begon (een "
						   "tag of attribuut open)");
			op->end = p->n;
			tmpl_prog_add(p, OP_END, name,
				      (size_t)(name_end - name));
			break;
		case '>':
			if (h.st != H_TEXT)
				return tmpl_refuse(err, t, at,
						   "een include mag alleen in "
						   "tekst staan");
			tmpl_prog_add(p, OP_INCLUDE, name,
				      (size_t)(name_end - name));
			break;
		}
	}
	if (depth)
		return tmpl_refuse(err, t, end, "een sectie is niet gesloten");
	if (h.st != H_TEXT)
		return tmpl_refuse(err, t, end,
				   "het sjabloon eindigt niet in tekst (een "
				   "tag, attribuut of script is open)");
	return CT_OK;
}

static enum ct_err
tmpl_check_depth(const struct tmpl_set *set, const char *name, size_t len,
		 unsigned depth, struct ct_error *err)
{
	const struct tmpl_source *t = tmpl_find(set, name, len);
	struct tmpl_prog p;
	enum ct_err rc;
	size_t i;

	if (!t)
		return ct_error_set(err, CT_ERR_INVALID,
				    "Sjabloon %.*s bestaat niet.", (int)len,
				    name);
	if (depth > TMPL_DEPTH_MAX)
		return ct_error_set(err, CT_ERR_INVALID,
				    "Sjabloon %s: includes te diep (een "
				    "kring?).",
				    t->name);
	rc = tmpl_compile(t, &p, err);
	for (i = 0; !rc && i < p.n; i++)
		if (p.ops[i].kind == OP_INCLUDE)
			rc = tmpl_check_depth(set, p.ops[i].s, p.ops[i].len,
					      depth + 1, err);
	tmpl_prog_release(&p);
	return rc;
}

enum ct_err
tmpl_check(const struct tmpl_set *set, const char *name, struct ct_error *err)
{
	return tmpl_check_depth(set, name, strlen(name), 0, err);
}

/* ------------------------------------------------------------------ */
/* Rendering                                                          */

struct tmpl_run {
	const struct tmpl_set *set;
	struct sbuf *out;
	struct ct_error *err;
};

static enum ct_err tmpl_render_named(struct tmpl_run *run, const char *name,
				     size_t len, const struct tmpl_vars *vars,
				     unsigned depth);

static enum ct_err
tmpl_emit_var(struct tmpl_run *run, const struct tmpl_prog *p,
	      const struct tmpl_op *op, const struct tmpl_vars *vars)
{
	const struct tmpl_entry *e = tmpl_lookup(vars, op->s, op->len);
	size_t len;

	if (!e || e->kind == TMPL_BOOL)
		return CT_OK;
	if (e->kind == TMPL_CHILD || e->kind == TMPL_LIST)
		return ct_error_set(run->err, CT_ERR_INVALID,
				    "Sjabloon %s: %.*s is een lijst of groep, "
				    "geen tekst.",
				    p->name, (int)op->len, op->s);
	len = strlen(e->text);
	if (e->kind == TMPL_TRUSTED_HTML) {
		if (op->ctx != CTX_HTML)
			return ct_error_set(run->err, CT_ERR_INVALID,
					    "Sjabloon %s: opmaak %.*s mag niet "
					    "in een attribuut.",
					    p->name, (int)op->len, op->s);
		return sbuf_add(run->out, e->text, len);
	}
	switch (op->ctx) {
	case CTX_HTML:
	case CTX_ATTR:
		return tmpl_escape_html(run->out, e->text, len);
	case CTX_URL_START:
		return tmpl_escape_url_start(run->out, e->text, len);
	case CTX_URL_PART:
		return tmpl_escape_url_part(run->out, e->text, len);
	}
	CT_BUG("unknown template context");
}

static int
tmpl_truthy(const struct tmpl_entry *e)
{
	if (!e)
		return 0;
	switch (e->kind) {
	case TMPL_TEXT:
	case TMPL_TRUSTED_HTML:
		return e->text[0] != '\0';
	case TMPL_BOOL:
		return e->truth;
	case TMPL_CHILD:
		return 1;
	case TMPL_LIST:
		return e->child != NULL;
	}
	return 0;
}

static enum ct_err
tmpl_run_ops(struct tmpl_run *run, const struct tmpl_prog *p, size_t from,
	     size_t to, const struct tmpl_vars *vars, unsigned depth)
{
	const struct tmpl_entry *e;
	const struct tmpl_vars *item;
	const struct tmpl_op *op;
	enum ct_err rc = CT_OK;
	size_t i;

	for (i = from; i < to && !rc; i++) {
		op = &p->ops[i];
		switch (op->kind) {
		case OP_TEXT:
			rc = sbuf_add(run->out, op->s, op->len);
			break;
		case OP_VAR:
			rc = tmpl_emit_var(run, p, op, vars);
			break;
		case OP_SECTION:
			e = tmpl_lookup(vars, op->s, op->len);
			if (e && e->kind == TMPL_LIST) {
				for (item = e->child; item && !rc;
				     item = item->next_item)
					rc = tmpl_run_ops(run, p, i + 1,
							  op->end, item, depth);
			} else if (e && e->kind == TMPL_CHILD) {
				rc = tmpl_run_ops(run, p, i + 1, op->end,
						  e->child, depth);
			} else if (tmpl_truthy(e)) {
				rc = tmpl_run_ops(run, p, i + 1, op->end, vars,
						  depth);
			}
			i = op->end;
			break;
		case OP_INVERTED:
			if (!tmpl_truthy(tmpl_lookup(vars, op->s, op->len)))
				rc = tmpl_run_ops(run, p, i + 1, op->end, vars,
						  depth);
			i = op->end;
			break;
		case OP_END:
			CT_BUG("section end reached outside its section");
		case OP_INCLUDE:
			rc = tmpl_render_named(run, op->s, op->len, vars,
					       depth + 1);
			break;
		}
	}
	if (rc == CT_ERR_LIMIT && run->err && !run->err->code)
		ct_error_set(run->err, CT_ERR_LIMIT,
			     "De pagina is te groot om te tonen.");
	return rc;
}

static enum ct_err
tmpl_render_named(struct tmpl_run *run, const char *name, size_t len,
		  const struct tmpl_vars *vars, unsigned depth)
{
	const struct tmpl_source *t = tmpl_find(run->set, name, len);
	struct tmpl_prog p;
	enum ct_err rc;

	if (!t)
		return ct_error_set(run->err, CT_ERR_INVALID,
				    "Sjabloon %.*s bestaat niet.", (int)len,
				    name);
	if (depth > TMPL_DEPTH_MAX)
		return ct_error_set(run->err, CT_ERR_INVALID,
				    "Sjabloon %s: includes te diep (een "
				    "kring?).",
				    t->name);
	rc = tmpl_compile(t, &p, run->err);
	if (!rc)
		rc = tmpl_run_ops(run, &p, 0, p.n, vars, depth);
	tmpl_prog_release(&p);
	return rc;
}

enum ct_err
tmpl_render(const struct tmpl_set *set, const char *name,
	    const struct tmpl_vars *vars, struct sbuf *out,
	    struct ct_error *err)
{
	struct tmpl_run run = {set, out, err};

	return tmpl_render_named(&run, name, strlen(name), vars, 0);
}
