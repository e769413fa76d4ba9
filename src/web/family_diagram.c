/*
 * family_diagram.c - lay out and draw a case's family as SVG.
 *
 * Design: three steps, all deterministic.
 *  1. Resolve relations to person indices (dropping dangling ones and
 *     duplicates).
 *  2. Generations by constraint relaxation: a child sits at least one
 *     generation below each parent, partners, ex-partners and siblings
 *     share a generation, and a parent sits right above its highest
 *     child (so a grandparent is not left floating at the top). Every
 *     rule only raises a generation and generations are capped, so the
 *     loop ends also on a parent cycle.
 *  3. Per generation, partners form a unit (a chain papa - mama - friend
 *     stays side by side, man left of woman in a couple as genograms
 *     draw it); units are placed left to right, each as near as it can
 *     get below the middle of its members' parents, never overlapping.
 * Coordinates are integers: no floating point, so output is the same on
 * every machine. Drawing uses presentation attributes only (no style
 * attribute) so a strict Content-Security-Policy accepts the SVG inline.
 */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "core/vocab.h"
#include "web/family_diagram.h"
#include "util/banned.h"

#define NODE 44	    /* symbol width and height */
#define COL_W 140   /* horizontal slot per person */
#define ROW_H 150   /* vertical distance between generations */
#define UNIT_GAP 20 /* extra space between two units */
#define MARGIN 24
#define BAR_ABOVE 26 /* sibship bar this far above the children's tops */
#define BADGE_R 10
#define LEGEND_ROW 30
#define LEGEND_ITEM_W 150
#define INK "#1a1a1a"
#define NOT_PLACED INT32_MIN

/* Markers drawn as badges, in badge order. */
static const struct {
	enum person_role role;
	const char *letter;
	const char *fill;
	const char *legend;
} badges[] = {
	{PERSON_ROLE_VICTIM, "S", "#b00020", "Slachtoffer"},
	{PERSON_ROLE_PERPETRATOR, "P", "#1a1a1a", "Pleger"},
	{PERSON_ROLE_REMOVED, "U", "#5b2a86", "Uithuisgeplaatste"},
	{PERSON_ROLE_REMAINING, "A", "#005a70", "Achterblijver"},
};

struct fd_rel {
	int a, b;
	enum relation_kind kind;
};

/* Children hanging below one parent, or below a pair of parents. */
struct fd_group {
	int q1, q2; /* q2 = -1: a single parent */
	int n_kids;
	int kids[FAMILY_DIAGRAM_PERSONS_MAX]; /* left to right */
};

struct fd_layout {
	size_t n;
	int gen[FAMILY_DIAGRAM_PERSONS_MAX];
	int x[FAMILY_DIAGRAM_PERSONS_MAX]; /* centre of the symbol */
	int y[FAMILY_DIAGRAM_PERSONS_MAX];
	int order[FAMILY_DIAGRAM_PERSONS_MAX]; /* persons in drawing order */
	size_t n_rels;
	struct fd_rel rels[FAMILY_DIAGRAM_RELATIONS_MAX];
	size_t n_groups;
	struct fd_group groups[FAMILY_DIAGRAM_RELATIONS_MAX];
	int n_gens;
	int width, height;
};

/* ------------------------------------------------------------------ */
/* Text: UTF-8 cleaned, optionally XML-escaped, optionally shortened.  */

/*
 * Decode one code point at s (NUL-terminated). Returns the bytes used
 * (at least 1, 0 only at the terminator); *cp is U+FFFD for any invalid
 * or overlong sequence, a surrogate, or a code point above U+10FFFF.
 * A continuation byte is only read after checking the previous one was
 * not the terminator, so this never reads past the string.
 */
static size_t
utf8_next(const unsigned char *s, uint32_t *cp)
{
	uint32_t c = s[0], min;
	size_t len, i;

	if (c == 0)
		return 0;
	if (c < 0x80) {
		*cp = c;
		return 1;
	}
	if (c >= 0xc2 && c <= 0xdf) {
		len = 2;
		c &= 0x1f;
		min = 0x80;
	} else if (c >= 0xe0 && c <= 0xef) {
		len = 3;
		c &= 0x0f;
		min = 0x800;
	} else if (c >= 0xf0 && c <= 0xf4) {
		len = 4;
		c &= 0x07;
		min = 0x10000;
	} else {
		*cp = 0xfffd;
		return 1;
	}
	for (i = 1; i < len; i++) {
		if ((s[i] & 0xc0) != 0x80) {
			*cp = 0xfffd;
			return i;
		}
		c = (c << 6) | (s[i] & 0x3f);
	}
	if (c < min || c > 0x10ffff || (c >= 0xd800 && c <= 0xdfff))
		c = 0xfffd;
	*cp = c;
	return len;
}

static enum ct_err
add_cp(struct sbuf *sb, uint32_t c)
{
	char u[4];

	if (c < 0x80)
		return sbuf_addch(sb, (char)c);
	if (c < 0x800) {
		u[0] = (char)(0xc0 | (c >> 6));
		u[1] = (char)(0x80 | (c & 0x3f));
		return sbuf_add(sb, u, 2);
	}
	if (c < 0x10000) {
		u[0] = (char)(0xe0 | (c >> 12));
		u[1] = (char)(0x80 | ((c >> 6) & 0x3f));
		u[2] = (char)(0x80 | (c & 0x3f));
		return sbuf_add(sb, u, 3);
	}
	u[0] = (char)(0xf0 | (c >> 18));
	u[1] = (char)(0x80 | ((c >> 12) & 0x3f));
	u[2] = (char)(0x80 | ((c >> 6) & 0x3f));
	u[3] = (char)(0x80 | (c & 0x3f));
	return sbuf_add(sb, u, 4);
}

/*
 * Append s: invalid UTF-8, controls and XML's non-characters become
 * U+FFFD (tab and newlines a space); with xml, & < > " ' become
 * entities. max_chars > 0 cuts after that many code points and adds
 * "…". *lower_first lowercases a leading ASCII capital (for role labels
 * inside a sentence).
 */
static enum ct_err
add_text(struct sbuf *sb, const char *s, int xml, size_t max_chars,
	 int lower_first)
{
	const unsigned char *p = (const unsigned char *)s;
	size_t used, chars = 0;
	enum ct_err rc = CT_OK;
	uint32_t c;

	while (!rc && (used = utf8_next(p, &c)) != 0) {
		if (max_chars && chars == max_chars) {
			rc = sbuf_addstr(sb, "\xe2\x80\xa6");
			break;
		}
		p += used;
		if (c == '\t' || c == '\n' || c == '\r')
			c = ' ';
		else if (c < 0x20 || (c >= 0x7f && c < 0xa0) || c == 0xfffe ||
			 c == 0xffff)
			c = 0xfffd;
		if (lower_first && chars == 0 && c >= 'A' && c <= 'Z')
			c = c - 'A' + 'a';
		chars++;
		if (xml && c == '&')
			rc = sbuf_addstr(sb, "&amp;");
		else if (xml && c == '<')
			rc = sbuf_addstr(sb, "&lt;");
		else if (xml && c == '>')
			rc = sbuf_addstr(sb, "&gt;");
		else if (xml && c == '"')
			rc = sbuf_addstr(sb, "&quot;");
		else if (xml && c == '\'')
			rc = sbuf_addstr(sb, "&#39;");
		else
			rc = add_cp(sb, c);
	}
	return rc;
}

/* "Given Family", whichever is given, else "Persoon N". */
static enum ct_err
add_name(struct sbuf *sb, const struct person *p, size_t index, int xml,
	 size_t max_chars)
{
	struct sbuf tmp;
	enum ct_err rc = CT_OK;
	int given = p->given_name && p->given_name[0];
	int family = p->family_name && p->family_name[0];

	if (!given && !family)
		return sbuf_addf(sb, "Persoon %zu", index + 1);
	/* Join first so the cut counts the whole name. */
	sbuf_init(&tmp, SBUF_MAX_LARGE);
	if (given)
		rc = sbuf_addstr(&tmp, p->given_name);
	if (!rc && given && family)
		rc = sbuf_addch(&tmp, ' ');
	if (!rc && family)
		rc = sbuf_addstr(&tmp, p->family_name);
	if (!rc)
		rc = add_text(sb, tmp.buf, xml, max_chars, 0);
	sbuf_release(&tmp);
	return rc;
}

/* ------------------------------------------------------------------ */
/* Layout.                                                             */

int
family_diagram_age(const struct ct_date *birth, const struct ct_date *at)
{
	int years = at->year - birth->year;

	if (at->month < birth->month ||
	    (at->month == birth->month && at->day < birth->day))
		years--;
	return years < 0 ? -1 : years;
}

static int
person_age(const struct person *p, const struct ct_date *at)
{
	if (!p->has_birth_date || !ct_date_valid(&p->birth_date) ||
	    !ct_date_valid(at))
		return -1;
	return family_diagram_age(&p->birth_date, at);
}

static int
find_person(const struct family_diagram_in *in, const char *id)
{
	size_t i;

	for (i = 0; i < in->n_persons; i++)
		if (strcmp(in->persons[i].id, id) == 0)
			return (int)i;
	return -1;
}

static int
symmetric(enum relation_kind k)
{
	return k != RELATION_PARENT;
}

static void
resolve_relations(const struct family_diagram_in *in, struct fd_layout *l)
{
	size_t i, j;

	for (i = 0; i < in->n_relations; i++) {
		const struct relation *r = &in->relations[i];
		struct fd_rel fr;
		int dup = 0;

		if ((unsigned)r->kind >= RELATION__COUNT)
			continue;
		fr.a = find_person(in, r->person_a);
		fr.b = find_person(in, r->person_b);
		fr.kind = r->kind;
		if (fr.a < 0 || fr.b < 0 || fr.a == fr.b)
			continue;
		for (j = 0; j < l->n_rels && !dup; j++) {
			const struct fd_rel *o = &l->rels[j];

			dup = o->kind == fr.kind &&
			      ((o->a == fr.a && o->b == fr.b) ||
			       (symmetric(fr.kind) && o->a == fr.b &&
				o->b == fr.a));
		}
		if (!dup)
			l->rels[l->n_rels++] = fr;
	}
}

static int
raise_gen(int *g, int v)
{
	if (v > FAMILY_DIAGRAM_GENERATIONS_MAX - 1)
		v = FAMILY_DIAGRAM_GENERATIONS_MAX - 1;
	if (*g >= v)
		return 0;
	*g = v;
	return 1;
}

static void
assign_generations(struct fd_layout *l)
{
	size_t i, pass, passes = l->n * FAMILY_DIAGRAM_GENERATIONS_MAX + 2;
	int changed = 1, lo;

	/* Each pass that changes something raises a generation, and all
	 * are capped: at most n * GENERATIONS_MAX such passes. */
	for (pass = 0; changed && pass < passes; pass++) {
		int min_child[FAMILY_DIAGRAM_PERSONS_MAX];

		changed = 0;
		for (i = 0; i < l->n; i++)
			min_child[i] = INT32_MAX;
		for (i = 0; i < l->n_rels; i++) {
			const struct fd_rel *r = &l->rels[i];
			int *ga = &l->gen[r->a], *gb = &l->gen[r->b];

			if (r->kind == RELATION_PARENT) {
				changed |= raise_gen(gb, *ga + 1);
				if (*gb < min_child[r->a])
					min_child[r->a] = *gb;
			} else if (r->kind != RELATION_OTHER) {
				changed |= raise_gen(ga, *gb);
				changed |= raise_gen(gb, *ga);
			}
		}
		for (i = 0; i < l->n; i++)
			if (min_child[i] != INT32_MAX)
				changed |=
					raise_gen(&l->gen[i], min_child[i] - 1);
	}
	lo = INT32_MAX;
	l->n_gens = 0;
	for (i = 0; i < l->n; i++)
		if (l->gen[i] < lo)
			lo = l->gen[i];
	for (i = 0; i < l->n; i++) {
		l->gen[i] -= lo;
		if (l->gen[i] + 1 > l->n_gens)
			l->n_gens = l->gen[i] + 1;
	}
}

static int
partnered(const struct fd_rel *r)
{
	return r->kind == RELATION_PARTNER || r->kind == RELATION_EX_PARTNER;
}

/* Distinct partners of p within generation g. */
static int
partner_degree(const struct fd_layout *l, int p)
{
	int seen[FAMILY_DIAGRAM_PERSONS_MAX] = {0};
	int deg = 0;
	size_t i;

	for (i = 0; i < l->n_rels; i++) {
		const struct fd_rel *r = &l->rels[i];
		int o = r->a == p ? r->b : r->b == p ? r->a : -1;

		if (o < 0 || !partnered(r) || l->gen[o] != l->gen[p] || seen[o])
			continue;
		seen[o] = 1;
		deg++;
	}
	return deg;
}

/* Lowest-index unvisited partner of p in its generation, or -1. */
static int
next_partner(const struct fd_layout *l, int p, const int *in_unit)
{
	int best = -1;
	size_t i;

	for (i = 0; i < l->n_rels; i++) {
		const struct fd_rel *r = &l->rels[i];
		int o = r->a == p ? r->b : r->b == p ? r->a : -1;

		if (o < 0 || !partnered(r) || l->gen[o] != l->gen[p] ||
		    in_unit[o])
			continue;
		if (best < 0 || o < best)
			best = o;
	}
	return best;
}

struct fd_unit {
	int members[FAMILY_DIAGRAM_PERSONS_MAX];
	int count;
	int key;   /* desired centre x, or NOT_PLACED */
	int first; /* lowest input index, the tie-break */
};

/* Mean x of p's parents already placed above it, or NOT_PLACED. */
static int
parents_centre(const struct fd_layout *l, int p)
{
	long sum = 0;
	int count = 0;
	size_t i;

	for (i = 0; i < l->n_rels; i++) {
		const struct fd_rel *r = &l->rels[i];

		if (r->kind != RELATION_PARENT || r->b != p ||
		    l->gen[r->a] >= l->gen[p] || l->x[r->a] == NOT_PLACED)
			continue;
		sum += l->x[r->a];
		count++;
	}
	return count ? (int)(sum / count) : NOT_PLACED;
}

/*
 * Build the partner unit that holds `seed`: walk the chain from one end
 * (a member with one partner; a man first, then the lowest index), then
 * take whoever is left (a triangle, a star) in index order.
 */
static void
build_unit(const struct fd_layout *l, const struct person *persons, int seed,
	   int *in_unit, struct fd_unit *u)
{
	int comp[FAMILY_DIAGRAM_PERSONS_MAX], n_comp = 0, head = 0;
	int mark[FAMILY_DIAGRAM_PERSONS_MAX] = {0};
	int start = -1, cur, i;

	/* The component, by breadth-first search over partner edges. */
	comp[n_comp++] = seed;
	mark[seed] = 1;
	while (head < n_comp) {
		int p = comp[head++], o;

		while ((o = next_partner(l, p, mark)) >= 0) {
			mark[o] = 1;
			comp[n_comp++] = o;
		}
	}
	for (i = 0; i < n_comp; i++) {
		int p = comp[i];

		if (n_comp > 1 && partner_degree(l, p) != 1)
			continue;
		if (start < 0 ||
		    (persons[p].sex == PERSON_SEX_MALE &&
		     persons[start].sex != PERSON_SEX_MALE) ||
		    ((persons[p].sex == PERSON_SEX_MALE) ==
			     (persons[start].sex == PERSON_SEX_MALE) &&
		     p < start))
			start = p;
	}
	if (start < 0)
		start = seed;
	u->count = 0;
	u->first = seed;
	for (cur = start; cur >= 0; cur = next_partner(l, cur, in_unit)) {
		in_unit[cur] = 1;
		u->members[u->count++] = cur;
	}
	for (i = 0; i < FAMILY_DIAGRAM_PERSONS_MAX && (size_t)i < l->n; i++) {
		if (mark[i] && !in_unit[i]) {
			in_unit[i] = 1;
			u->members[u->count++] = i;
		}
		if (mark[i] && i < u->first)
			u->first = i;
	}
}

static int
unit_before(const struct fd_unit *a, const struct fd_unit *b)
{
	if ((a->key == NOT_PLACED) != (b->key == NOT_PLACED))
		return a->key != NOT_PLACED;
	if (a->key != b->key)
		return a->key < b->key;
	return a->first < b->first;
}

static void
place_generation(struct fd_layout *l, const struct person *persons, int g,
		 size_t *drawn)
{
	struct fd_unit *units = ct_calloc(l->n, sizeof(*units));
	int in_unit[FAMILY_DIAGRAM_PERSONS_MAX] = {0};
	size_t n_units = 0, i, j;
	int cursor = MARGIN, y = MARGIN + g * ROW_H + NODE / 2;

	for (i = 0; i < l->n; i++) {
		struct fd_unit *u;
		long sum = 0;
		int k, keyed = 0;

		if (l->gen[i] != g || in_unit[i])
			continue;
		u = &units[n_units++];
		build_unit(l, persons, (int)i, in_unit, u);
		for (k = 0; k < u->count; k++) {
			int c = parents_centre(l, u->members[k]);

			if (c != NOT_PLACED) {
				sum += c;
				keyed++;
			}
		}
		u->key = keyed ? (int)(sum / keyed) : NOT_PLACED;
	}
	/* Insertion sort: stable, and n is small. */
	for (i = 1; i < n_units; i++) {
		struct fd_unit tmp = units[i];

		for (j = i; j > 0 && unit_before(&tmp, &units[j - 1]); j--)
			units[j] = units[j - 1];
		units[j] = tmp;
	}
	/* Units wanting the same centre (the children of one couple) are
	 * centred together as one block. */
	for (i = 0; i < n_units; i = j) {
		int block = 0, start = cursor, k;

		for (j = i + 1; j < n_units && units[i].key != NOT_PLACED &&
				units[j].key == units[i].key;
		     j++)
			;
		for (k = (int)i; k < (int)j; k++)
			block += units[k].count * COL_W +
				 (k > (int)i ? UNIT_GAP : 0);
		if (units[i].key != NOT_PLACED &&
		    units[i].key - block / 2 > cursor)
			start = units[i].key - block / 2;
		for (; i < j; i++) {
			const struct fd_unit *u = &units[i];

			for (k = 0; k < u->count; k++) {
				int p = u->members[k];

				l->x[p] = start + k * COL_W + COL_W / 2;
				l->y[p] = y;
				l->order[(*drawn)++] = p;
			}
			start += u->count * COL_W + UNIT_GAP;
		}
		cursor = start;
		if (cursor - UNIT_GAP + MARGIN > l->width)
			l->width = cursor - UNIT_GAP + MARGIN;
	}
	free(units);
}

static int
count_parents(const struct fd_layout *l, int c, int *first, int *second)
{
	int n = 0;
	size_t i;

	for (i = 0; i < l->n_rels; i++) {
		if (l->rels[i].kind != RELATION_PARENT || l->rels[i].b != c)
			continue;
		if (n == 0)
			*first = l->rels[i].a;
		else if (n == 1)
			*second = l->rels[i].a;
		n++;
	}
	return n;
}

/*
 * A child with exactly two parents in one generation hangs below that
 * pair; otherwise (one parent, or more than two, which data can say)
 * below each parent singly. Groups in order of their first relation.
 */
static void
build_groups(struct fd_layout *l)
{
	size_t i, j;
	int k, m;

	for (i = 0; i < l->n_rels; i++) {
		const struct fd_rel *r = &l->rels[i];
		int p1 = -1, p2 = -1, q1 = r->a, q2 = -1;
		struct fd_group *g = NULL;

		if (r->kind != RELATION_PARENT)
			continue;
		if (count_parents(l, r->b, &p1, &p2) == 2 &&
		    l->gen[p1] == l->gen[p2]) {
			q1 = p1 < p2 ? p1 : p2;
			q2 = p1 < p2 ? p2 : p1;
		}
		for (j = 0; j < l->n_groups && !g; j++)
			if (l->groups[j].q1 == q1 && l->groups[j].q2 == q2)
				g = &l->groups[j];
		if (!g) {
			g = &l->groups[l->n_groups++];
			g->q1 = q1;
			g->q2 = q2;
			g->n_kids = 0;
		}
		for (k = 0; k < g->n_kids && g->kids[k] != r->b; k++)
			;
		if (k < g->n_kids)
			continue;
		/* Insert by x, then index: left to right as drawn. */
		for (k = g->n_kids; k > 0; k--) {
			int o = g->kids[k - 1];

			if (l->x[o] < l->x[r->b] ||
			    (l->x[o] == l->x[r->b] && o < r->b))
				break;
		}
		for (m = g->n_kids; m > k; m--)
			g->kids[m] = g->kids[m - 1];
		g->kids[k] = r->b;
		g->n_kids++;
	}
}

static enum ct_err
layout(const struct family_diagram_in *in, struct fd_layout *l)
{
	size_t i, drawn = 0;
	int g;

	if (in->n_persons > FAMILY_DIAGRAM_PERSONS_MAX ||
	    in->n_relations > FAMILY_DIAGRAM_RELATIONS_MAX)
		return CT_ERR_LIMIT;
	memset(l, 0, sizeof(*l));
	l->n = in->n_persons;
	for (i = 0; i < l->n; i++)
		l->x[i] = NOT_PLACED;
	resolve_relations(in, l);
	assign_generations(l);
	for (g = 0; g < l->n_gens; g++)
		place_generation(l, in->persons, g, &drawn);
	CT_ASSERT(drawn == l->n);
	build_groups(l);
	if (l->width < 2 * MARGIN + 3 * LEGEND_ITEM_W)
		l->width = 2 * MARGIN + 3 * LEGEND_ITEM_W;
	l->height = MARGIN + (l->n_gens ? l->n_gens : 1) * ROW_H;
	return CT_OK;
}

/* ------------------------------------------------------------------ */
/* Text alternative.                                                   */

static enum ct_err
add_sex_age_roles(struct sbuf *sb, const struct person *p,
		  const struct ct_date *at)
{
	static const char *const sex[] = {
		[PERSON_SEX_FEMALE] = "vrouw",
		[PERSON_SEX_MALE] = "man",
		[PERSON_SEX_X] = "x",
	};
	int age = person_age(p, at);
	enum ct_err rc = CT_OK;
	unsigned r, any = 0;

	if ((unsigned)p->sex < CT_ARRAY_SIZE(sex) && sex[p->sex])
		rc = sbuf_addf(sb, ", %s", sex[p->sex]);
	if (!rc && age >= 0)
		rc = sbuf_addf(sb, ", %d jaar", age);
	for (r = 0; !rc && r < PERSON_ROLE__COUNT; r++) {
		if (!ct_has(p->roles, r))
			continue;
		rc = sbuf_addstr(sb, any++ ? ", " : ": ");
		if (!rc)
			rc = add_text(sb, vocab_label(&vocab_person_role, r), 0,
				      0, 1);
	}
	return rc;
}

static void
text_pair(const struct family_diagram_in *in, int a, int b, struct sbuf *sb,
	  enum ct_err *rc)
{
	if (!*rc)
		*rc = add_name(sb, &in->persons[a], (size_t)a, 0, 0);
	if (!*rc && b >= 0)
		*rc = sbuf_addstr(sb, " en ");
	if (!*rc && b >= 0)
		*rc = add_name(sb, &in->persons[b], (size_t)b, 0, 0);
}

static enum ct_err
text_relations(const struct family_diagram_in *in, const struct fd_layout *l,
	       struct sbuf *sb)
{
	static const char *const phrase[] = {
		[RELATION_PARTNER] = "zijn partners",
		[RELATION_EX_PARTNER] = "zijn ex-partners",
		[RELATION_SIBLING] = "zijn broers of zussen",
		[RELATION_OTHER] = "hebben een andere relatie",
	};
	enum ct_err rc = CT_OK;
	size_t i;
	int k;

	for (i = 0; !rc && i < l->n_rels; i++) {
		const struct fd_rel *r = &l->rels[i];

		if (r->kind == RELATION_PARENT)
			continue;
		text_pair(in, r->a, r->b, sb, &rc);
		if (!rc)
			rc = sbuf_addf(sb, " %s.\n", phrase[r->kind]);
	}
	for (i = 0; !rc && i < l->n_groups; i++) {
		const struct fd_group *g = &l->groups[i];

		text_pair(in, g->q1, g->q2, sb, &rc);
		if (!rc)
			rc = sbuf_addstr(sb, g->q2 >= 0 ? " zijn de ouders van "
							: " is ouder van ");
		for (k = 0; !rc && k < g->n_kids; k++) {
			if (k)
				rc = sbuf_addstr(
					sb, k + 1 < g->n_kids ? ", " : " en ");
			if (!rc)
				rc = add_name(sb, &in->persons[g->kids[k]],
					      (size_t)g->kids[k], 0, 0);
		}
		if (!rc)
			rc = sbuf_addstr(sb, ".\n");
	}
	return rc;
}

static enum ct_err
write_text(const struct family_diagram_in *in, const struct fd_layout *l,
	   struct sbuf *sb)
{
	enum ct_err rc = CT_OK;
	size_t i;

	if (l->n == 0)
		return sbuf_addstr(sb, "Nog geen personen vastgelegd.\n");
	for (i = 0; !rc && i < l->n; i++) {
		int p = l->order[i];

		rc = add_name(sb, &in->persons[p], (size_t)p, 0, 0);
		if (!rc)
			rc = add_sex_age_roles(sb, &in->persons[p], &in->at);
		if (!rc)
			rc = sbuf_addstr(sb, ".\n");
	}
	if (!rc)
		rc = text_relations(in, l, sb);
	return rc;
}

enum ct_err
family_diagram_text(const struct family_diagram_in *in, struct sbuf *text)
{
	struct fd_layout *l = ct_malloc(sizeof(*l));
	enum ct_err rc;

	rc = layout(in, l);
	if (!rc)
		rc = write_text(in, l, text);
	free(l);
	return rc;
}

/* ------------------------------------------------------------------ */
/* SVG.                                                                */

static enum ct_err
draw_symbol(struct sbuf *sb, const struct person *p, int x, int y)
{
	const int h = NODE / 2;

	switch (p->sex) {
	case PERSON_SEX_MALE:
		return sbuf_addf(sb,
				 "<rect x=\"%d\" y=\"%d\" width=\"%d\" "
				 "height=\"%d\" fill=\"#ffffff\" stroke=\"" INK
				 "\" stroke-width=\"2\"/>",
				 x - h, y - h, NODE, NODE);
	case PERSON_SEX_FEMALE:
		return sbuf_addf(sb,
				 "<circle cx=\"%d\" cy=\"%d\" r=\"%d\" "
				 "fill=\"#ffffff\" stroke=\"" INK
				 "\" stroke-width=\"2\"/>",
				 x, y, h);
	default:
		return sbuf_addf(sb,
				 "<polygon points=\"%d,%d %d,%d %d,%d %d,%d\" "
				 "fill=\"#ffffff\" stroke=\"" INK
				 "\" stroke-width=\"2\"/>",
				 x, y - h - 4, x + h + 4, y, x, y + h + 4,
				 x - h - 4, y);
	}
}

static enum ct_err
draw_badge(struct sbuf *sb, unsigned b, int x, int y)
{
	return sbuf_addf(sb,
			 "<circle cx=\"%d\" cy=\"%d\" r=\"%d\" fill=\"%s\"/>"
			 "<text x=\"%d\" y=\"%d\" text-anchor=\"middle\" "
			 "font-size=\"12\" font-weight=\"bold\" "
			 "fill=\"#ffffff\">%s</text>",
			 x, y, BADGE_R, badges[b].fill, x, y + 4,
			 badges[b].letter);
}

static enum ct_err
draw_person(const struct family_diagram_in *in, const struct fd_layout *l,
	    int p, struct sbuf *sb)
{
	const struct person *ps = &in->persons[p];
	int x = l->x[p], y = l->y[p], age = person_age(ps, &in->at);
	unsigned b, n_badges = 0, k = 0;
	enum ct_err rc;

	for (b = 0; b < CT_ARRAY_SIZE(badges); b++)
		n_badges += ct_has(ps->roles, badges[b].role);
	rc = sbuf_addf(sb,
		       "<g class=\"fd-person\" data-generation=\"%d\">"
		       "<title>",
		       l->gen[p]);
	if (!rc)
		rc = add_name(sb, ps, (size_t)p, 1, 0);
	if (!rc) {
		/* Sex, age and roles are fixed words and digits only. */
		struct sbuf detail;

		sbuf_init(&detail, SBUF_MAX_SMALL);
		rc = add_sex_age_roles(&detail, ps, &in->at);
		if (!rc)
			rc = add_text(sb, detail.buf, 1, 0, 0);
		sbuf_release(&detail);
	}
	if (!rc)
		rc = sbuf_addstr(sb, "</title>");
	if (!rc)
		rc = draw_symbol(sb, ps, x, y);
	if (!rc && age >= 0)
		rc = sbuf_addf(sb,
			       "<text x=\"%d\" y=\"%d\" text-anchor=\"middle\" "
			       "font-size=\"15\" fill=\"" INK "\">%d</text>",
			       x, y + 5, age);
	if (!rc)
		rc = sbuf_addf(sb,
			       "<text x=\"%d\" y=\"%d\" text-anchor=\"middle\" "
			       "font-size=\"13\" fill=\"" INK "\" "
			       "stroke=\"#ffffff\" stroke-width=\"4\" "
			       "paint-order=\"stroke\">",
			       x, y + NODE / 2 + 20);
	if (!rc)
		rc = add_name(sb, ps, (size_t)p, 1, FAMILY_DIAGRAM_LABEL_CHARS);
	if (!rc)
		rc = sbuf_addstr(sb, "</text>");
	for (b = 0; !rc && b < CT_ARRAY_SIZE(badges); b++) {
		int bx;

		if (!ct_has(ps->roles, badges[b].role))
			continue;
		bx = x - (int)(n_badges - 1) * (BADGE_R + 2) +
		     (int)k++ * 2 * (BADGE_R + 2);
		rc = draw_badge(sb, b, bx, y + NODE / 2 + 40);
	}
	if (!rc)
		rc = sbuf_addstr(sb, "</g>\n");
	return rc;
}

/* Are a and b next to each other in their row? */
static int
adjacent(const struct fd_layout *l, int a, int b)
{
	int lo = l->x[a] < l->x[b] ? l->x[a] : l->x[b];
	int hi = l->x[a] < l->x[b] ? l->x[b] : l->x[a];
	size_t i;

	if (l->gen[a] != l->gen[b])
		return 0;
	for (i = 0; i < l->n; i++)
		if ((int)i != a && (int)i != b && l->gen[i] == l->gen[a] &&
		    l->x[i] > lo && l->x[i] < hi)
			return 0;
	return 1;
}

/* A line joining a and b in one row: straight when adjacent, else a
 * bracket over the heads of those between. */
static enum ct_err
draw_join(const struct fd_layout *l, int a, int b, const char *attrs, int rise,
	  struct sbuf *sb)
{
	int lo = l->x[a] < l->x[b] ? a : b, hi = lo == a ? b : a;
	int top;

	if (l->gen[a] != l->gen[b])
		return sbuf_addf(sb,
				 "<line x1=\"%d\" y1=\"%d\" x2=\"%d\" "
				 "y2=\"%d\"%s/>\n",
				 l->x[a], l->y[a], l->x[b], l->y[b], attrs);
	if (adjacent(l, a, b) && rise == 0)
		return sbuf_addf(sb,
				 "<line x1=\"%d\" y1=\"%d\" x2=\"%d\" "
				 "y2=\"%d\"%s/>\n",
				 l->x[lo] + NODE / 2 + 4, l->y[lo],
				 l->x[hi] - NODE / 2 - 4, l->y[hi], attrs);
	top = l->y[lo] - NODE / 2 - 4;
	return sbuf_addf(sb, "<path d=\"M%d %dV%dH%dV%d\"%s/>\n", l->x[lo], top,
			 top - (rise ? rise : 14), l->x[hi], top, attrs);
}

static int
related(const struct fd_layout *l, int a, int b, int parents_too)
{
	size_t i;

	for (i = 0; i < l->n_rels; i++) {
		const struct fd_rel *r = &l->rels[i];

		if (!((r->a == a && r->b == b) || (r->a == b && r->b == a)))
			continue;
		if (partnered(r) || (parents_too && r->kind == RELATION_PARENT))
			return 1;
	}
	return 0;
}

static int
share_parent(const struct fd_layout *l, int a, int b)
{
	size_t i, j;

	for (i = 0; i < l->n_rels; i++) {
		if (l->rels[i].kind != RELATION_PARENT || l->rels[i].b != a)
			continue;
		for (j = 0; j < l->n_rels; j++)
			if (l->rels[j].kind == RELATION_PARENT &&
			    l->rels[j].b == b && l->rels[j].a == l->rels[i].a)
				return 1;
	}
	return 0;
}

/* How far above its centre a symbol reaches (a diamond a little more). */
static int
head_room(const struct person *p)
{
	return p->sex == PERSON_SEX_MALE || p->sex == PERSON_SEX_FEMALE
		       ? NODE / 2
		       : NODE / 2 + 4;
}

/* Lines from one parent group down to its children. lane shifts the
 * sibship bar when several groups hang over the same row. */
static enum ct_err
draw_group(const struct family_diagram_in *in, const struct fd_layout *l,
	   const struct fd_group *g, int lane, struct sbuf *sb)
{
	int ox, oy, lo, hi, bar, k, child_gen = l->n_gens;
	enum ct_err rc = CT_OK;

	for (k = 0; k < g->n_kids; k++)
		if (l->gen[g->kids[k]] < child_gen)
			child_gen = l->gen[g->kids[k]];
	if (g->q2 >= 0) {
		ox = (l->x[g->q1] + l->x[g->q2]) / 2;
		oy = l->y[g->q1];
		/* Co-parents without a recorded relation: a dotted join,
		 * so the line to the children starts somewhere. */
		if (!related(l, g->q1, g->q2, 0))
			rc = draw_join(l, g->q1, g->q2,
				       " stroke-dasharray=\"2 4\"", 0, sb);
	} else {
		ox = l->x[g->q1];
		oy = l->y[g->q1] + NODE / 2 + 4;
	}
	bar = MARGIN + child_gen * ROW_H - BAR_ABOVE - lane * 8;
	if (!rc && bar <= oy) {
		/* A parent cycle put a child level with its parent. */
		for (k = 0; !rc && k < g->n_kids; k++)
			rc = sbuf_addf(sb,
				       "<line x1=\"%d\" y1=\"%d\" x2=\"%d\" "
				       "y2=\"%d\"/>\n",
				       ox, oy, l->x[g->kids[k]],
				       l->y[g->kids[k]]);
		return rc;
	}
	lo = hi = ox;
	for (k = 0; k < g->n_kids; k++) {
		if (l->x[g->kids[k]] < lo)
			lo = l->x[g->kids[k]];
		if (l->x[g->kids[k]] > hi)
			hi = l->x[g->kids[k]];
	}
	if (!rc)
		rc = sbuf_addf(sb, "<path d=\"M%d %dV%dM%d %dH%d", ox, oy, bar,
			       lo, bar, hi);
	for (k = 0; !rc && k < g->n_kids; k++) {
		int c = g->kids[k];

		rc = sbuf_addf(sb, "M%d %dV%d", l->x[c], bar,
			       l->y[c] - head_room(&in->persons[c]));
	}
	if (!rc)
		rc = sbuf_addstr(sb, "\"/>\n");
	return rc;
}

static enum ct_err
draw_lines(const struct family_diagram_in *in, const struct fd_layout *l,
	   struct sbuf *sb)
{
	int lanes[FAMILY_DIAGRAM_GENERATIONS_MAX] = {0};
	enum ct_err rc;
	size_t i;

	rc = sbuf_addstr(sb, "<g class=\"fd-lines\" fill=\"none\" stroke=\"" INK
			     "\" stroke-width=\"2\">\n");
	for (i = 0; !rc && i < l->n_rels; i++) {
		const struct fd_rel *r = &l->rels[i];

		if (r->kind == RELATION_PARTNER)
			rc = draw_join(l, r->a, r->b, "", 0, sb);
		else if (r->kind == RELATION_EX_PARTNER)
			rc = draw_join(l, r->a, r->b,
				       " stroke-dasharray=\"8 5\"", 0, sb);
		else if (r->kind == RELATION_SIBLING &&
			 !share_parent(l, r->a, r->b) &&
			 !related(l, r->a, r->b, 1))
			rc = draw_join(l, r->a, r->b, " stroke-width=\"1.5\"",
				       18, sb);
	}
	for (i = 0; !rc && i < l->n_groups; i++) {
		const struct fd_group *g = &l->groups[i];
		int gen = l->gen[g->kids[0]];

		rc = draw_group(in, l, g, lanes[gen]++ % 3, sb);
	}
	if (!rc)
		rc = sbuf_addstr(sb, "</g>\n");
	return rc;
}

/* Legend items, three to a row: symbols, lines, badges. */
#define LEGEND_COLUMNS 3
#define LEGEND_ITEMS 9

static enum ct_err
draw_legend_item(struct sbuf *sb, int item, int x, int y)
{
	static const char *const sex_words[] = {"Man", "Vrouw",
						"X of onbekend"};
	static const char *const line_words[] = {"Partners", "Ex-partners"};
	enum ct_err rc;

	if (item < 3) {
		struct person p;

		memset(&p, 0, sizeof(p));
		p.sex = item == 0   ? PERSON_SEX_MALE
			: item == 1 ? PERSON_SEX_FEMALE
				    : PERSON_SEX_UNKNOWN;
		rc = sbuf_addf(sb,
			       "<g transform=\"translate(%d %d) scale(0.4)\">",
			       x + 10, y + 8);
		if (!rc)
			rc = draw_symbol(sb, &p, 0, 0);
		if (!rc)
			rc = sbuf_addf(
				sb, "</g><text x=\"%d\" y=\"%d\">%s</text>\n",
				x + 28, y + 13, sex_words[item]);
		return rc;
	}
	if (item < 5)
		return sbuf_addf(
			sb,
			"<line x1=\"%d\" y1=\"%d\" x2=\"%d\" y2=\"%d\" "
			"stroke=\"" INK "\" stroke-width=\"2\"%s/>"
			"<text x=\"%d\" y=\"%d\">%s</text>\n",
			x, y + 8, x + 22, y + 8,
			item == 4 ? " stroke-dasharray=\"8 5\"" : "", x + 28,
			y + 13, line_words[item - 3]);
	rc = draw_badge(sb, (unsigned)(item - 5), x + BADGE_R, y + 8);
	if (!rc)
		rc = sbuf_addf(sb, "<text x=\"%d\" y=\"%d\">%s</text>\n",
			       x + 28, y + 13, badges[item - 5].legend);
	return rc;
}

static enum ct_err
draw_legend(const struct fd_layout *l, struct sbuf *sb)
{
	enum ct_err rc;
	int i;

	rc = sbuf_addstr(sb,
			 "<g class=\"fd-legend\" font-size=\"13\" fill=\"" INK
			 "\">\n");
	for (i = 0; !rc && i < LEGEND_ITEMS; i++)
		rc = draw_legend_item(
			sb, i, MARGIN + (i % LEGEND_COLUMNS) * LEGEND_ITEM_W,
			l->height + 10 + (i / LEGEND_COLUMNS) * LEGEND_ROW);
	if (!rc)
		rc = sbuf_addstr(sb, "</g>\n");
	return rc;
}

#define LEGEND_H                                                               \
	(((LEGEND_ITEMS + LEGEND_COLUMNS - 1) / LEGEND_COLUMNS) * LEGEND_ROW + \
	 16)

enum ct_err
family_diagram_svg(const struct family_diagram_in *in, struct sbuf *svg)
{
	struct fd_layout *l = ct_malloc(sizeof(*l));
	struct sbuf text;
	enum ct_err rc;
	size_t i;
	int height;

	sbuf_init(&text, SBUF_MAX_LARGE);
	rc = layout(in, l);
	if (!rc)
		rc = write_text(in, l, &text);
	if (rc)
		goto out;
	height = l->height + LEGEND_H;
	rc = sbuf_addf(svg,
		       "<svg xmlns=\"http://www.w3.org/2000/svg\" "
		       "class=\"family-diagram\" width=\"%d\" height=\"%d\" "
		       "viewBox=\"0 0 %d %d\" role=\"img\" "
		       "aria-labelledby=\"fd-title fd-desc\" "
		       "font-family=\"sans-serif\">\n"
		       "<title id=\"fd-title\">Gezinsdiagram</title>\n"
		       "<desc id=\"fd-desc\">",
		       l->width, height, l->width, height);
	if (!rc)
		rc = add_text(svg, text.buf, 1, 0, 0);
	if (!rc)
		rc = sbuf_addstr(svg, "</desc>\n");
	if (!rc && l->n == 0)
		rc = sbuf_addf(svg,
			       "<text x=\"%d\" y=\"%d\" font-size=\"15\" "
			       "fill=\"" INK "\">Nog geen personen "
			       "vastgelegd.</text>\n",
			       MARGIN, MARGIN + NODE / 2);
	if (!rc)
		rc = draw_lines(in, l, svg);
	for (i = 0; !rc && i < l->n; i++)
		rc = draw_person(in, l, l->order[i], svg);
	if (!rc)
		rc = draw_legend(l, svg);
	if (!rc)
		rc = sbuf_addstr(svg, "</svg>\n");
out:
	sbuf_release(&text);
	free(l);
	return rc;
}
