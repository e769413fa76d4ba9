/*
 * test_family_diagram.c - the family diagram: structure, escaping,
 * generations, ex-partners, odd data, determinism and limits.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <cmocka.h>

#include "web/family_diagram.h"

#define MAXP 70
#define MAXR 300

struct family {
	struct person p[MAXP];
	struct relation r[MAXR];
	size_t np, nr;
};

static int
add_person(struct family *f, const char *given, const char *family,
	   enum person_sex sex, int year, uint32_t roles)
{
	struct person *p = &f->p[f->np];

	memset(p, 0, sizeof(*p));
	snprintf(p->id, sizeof(p->id), "00000000-0000-4000-8000-%012zu",
		 f->np + 1);
	p->given_name = given;
	p->family_name = family;
	p->sex = sex;
	if (year) {
		p->has_birth_date = 1;
		p->birth_date.year = year;
		p->birth_date.month = 6;
		p->birth_date.day = 15;
	}
	p->roles = roles;
	return (int)f->np++;
}

static void
relate(struct family *f, int a, int b, enum relation_kind kind)
{
	struct relation *r = &f->r[f->nr++];

	memset(r, 0, sizeof(*r));
	memcpy(r->person_a, f->p[a].id, CT_UUID_SIZE);
	memcpy(r->person_b, f->p[b].id, CT_UUID_SIZE);
	r->kind = kind;
}

static struct family_diagram_in
input(const struct family *f)
{
	struct family_diagram_in in;

	memset(&in, 0, sizeof(in));
	in.persons = f->p;
	in.n_persons = f->np;
	in.relations = f->r;
	in.n_relations = f->nr;
	in.at.year = 2026;
	in.at.month = 7;
	in.at.day = 1;
	return in;
}

static char *
render(const struct family *f)
{
	struct family_diagram_in in = input(f);
	struct sbuf sb;

	sbuf_init(&sb, SBUF_MAX_LARGE);
	assert_int_equal(family_diagram_svg(&in, &sb), CT_OK);
	return sbuf_detach(&sb, NULL);
}

static char *
describe(const struct family *f)
{
	struct family_diagram_in in = input(f);
	struct sbuf sb;

	sbuf_init(&sb, SBUF_MAX_LARGE);
	assert_int_equal(family_diagram_text(&in, &sb), CT_OK);
	return sbuf_detach(&sb, NULL);
}

static size_t
count(const char *hay, const char *needle)
{
	size_t n = 0;

	while ((hay = strstr(hay, needle)) != NULL) {
		n++;
		hay += strlen(needle);
	}
	return n;
}

/* The generation the diagram drew a person with this title text in. */
static int
generation_of(const char *svg, const char *name)
{
	char needle[200];
	const char *hit, *g;

	snprintf(needle, sizeof(needle), "<title>%s", name);
	hit = strstr(svg, needle);
	assert_non_null(hit);
	for (g = hit; g > svg && strncmp(g, "data-generation=\"", 17); g--)
		;
	assert_true(g > svg);
	return (int)strtol(g + 17, NULL, 10);
}

/* x of the name label of a person (the text right after its symbol). */
static long
x_of(const char *svg, const char *name)
{
	char needle[200];
	const char *hit, *x;

	snprintf(needle, sizeof(needle), "<title>%s", name);
	hit = strstr(svg, needle);
	assert_non_null(hit);
	x = strstr(hit, "text-anchor");
	assert_non_null(x);
	for (; x > hit && strncmp(x, " x=\"", 4); x--)
		;
	assert_true(x > hit);
	return strtol(x + 4, NULL, 10);
}

/* The example case of seed 004: Papa 34 and Mama 26, separated, their
 * three children, and Mama's new friend. */
static void
seed_004(struct family *f)
{
	int papa, mama, vriend, k1, k2, k3;

	memset(f, 0, sizeof(*f));
	papa = add_person(f, "Papa", NULL, PERSON_SEX_MALE, 1992,
			  CT_BIT(PERSON_ROLE_PERPETRATOR) |
				  CT_BIT(PERSON_ROLE_REMOVED));
	mama = add_person(f, "Mama", NULL, PERSON_SEX_FEMALE, 2000,
			  CT_BIT(PERSON_ROLE_VICTIM) |
				  CT_BIT(PERSON_ROLE_REMAINING));
	k1 = add_person(f, "Kind 1", NULL, PERSON_SEX_MALE, 2018,
			CT_BIT(PERSON_ROLE_CHILD) |
				CT_BIT(PERSON_ROLE_REMAINING));
	k2 = add_person(f, "Kind 2", NULL, PERSON_SEX_FEMALE, 2022,
			CT_BIT(PERSON_ROLE_CHILD));
	k3 = add_person(f, "Kind 3", NULL, PERSON_SEX_UNKNOWN, 2024,
			CT_BIT(PERSON_ROLE_CHILD));
	vriend = add_person(f, "Vriend", NULL, PERSON_SEX_MALE, 0, 0);
	relate(f, papa, mama, RELATION_EX_PARTNER);
	relate(f, mama, vriend, RELATION_PARTNER);
	relate(f, papa, k1, RELATION_PARENT);
	relate(f, mama, k1, RELATION_PARENT);
	relate(f, papa, k2, RELATION_PARENT);
	relate(f, mama, k2, RELATION_PARENT);
	relate(f, mama, k3, RELATION_PARENT);
	relate(f, papa, k3, RELATION_PARENT);
	relate(f, k1, k2, RELATION_SIBLING);
}

static void
test_structure_of_the_example_case(void **state)
{
	struct family f;
	char *svg, *text;

	(void)state;
	seed_004(&f);
	svg = render(&f);
	assert_memory_equal(svg, "<svg xmlns=\"http://www.w3.org/2000/svg\"",
			    39);
	assert_non_null(strstr(svg, "role=\"img\""));
	assert_non_null(strstr(svg, "aria-labelledby=\"fd-title fd-desc\""));
	assert_non_null(strstr(svg, "<title id=\"fd-title\">Gezinsdiagram"));
	assert_non_null(strstr(svg, "<desc id=\"fd-desc\">Papa, man, 34 jaar: "
				    "pleger, uithuisgeplaatste."));
	assert_int_equal(count(svg, "class=\"fd-person\""), 6);
	assert_string_equal(svg + strlen(svg) - 7, "</svg>\n");
	assert_null(strstr(svg, "style="));
	/* Ages inside the symbols, at 2026-07-01. */
	assert_non_null(strstr(svg, "fill=\"#1a1a1a\">34</text>"));
	assert_non_null(strstr(svg, "fill=\"#1a1a1a\">26</text>"));
	assert_non_null(strstr(svg, "fill=\"#1a1a1a\">8</text>"));
	/* Shapes: 3 men as squares, 2 women as circles, one diamond
	 * (plus one of each in the legend). */
	assert_int_equal(count(svg, "<rect "), 4);
	assert_int_equal(count(svg, "<polygon "), 2);
	/* Markers: victim, perpetrator, removed, remaining (twice),
	 * plus one of each in the legend. */
	assert_int_equal(count(svg, ">S</text>"), 2);
	assert_int_equal(count(svg, ">P</text>"), 2);
	assert_int_equal(count(svg, ">U</text>"), 2);
	assert_int_equal(count(svg, ">A</text>"), 3);
	/* Parents above, children below, the friend beside Mama. */
	assert_int_equal(generation_of(svg, "Papa"), 0);
	assert_int_equal(generation_of(svg, "Vriend"), 0);
	assert_int_equal(generation_of(svg, "Kind 3"), 1);
	assert_true(x_of(svg, "Papa") < x_of(svg, "Mama"));
	assert_true(x_of(svg, "Mama") < x_of(svg, "Vriend"));
	assert_true(x_of(svg, "Kind 1") < x_of(svg, "Kind 2"));
	/* One sibship (the sibling relation is implied, not drawn). */
	assert_int_equal(count(svg, "<path d=\"M"), 1);
	text = describe(&f);
	assert_non_null(strstr(text, "Papa en Mama zijn ex-partners.\n"));
	assert_non_null(strstr(text, "Mama en Vriend zijn partners.\n"));
	assert_non_null(strstr(text, "Papa en Mama zijn de ouders van Kind 1, "
				     "Kind 2 en Kind 3.\n"));
	assert_non_null(strstr(text, "Kind 3, 2 jaar: kind.\n"));
	assert_non_null(strstr(text, "Vriend, man.\n"));
	free(text);
	free(svg);
}

static void
test_hostile_names_are_escaped(void **state)
{
	struct family f;
	char *svg, *text;
	const unsigned char *s;

	(void)state;
	memset(&f, 0, sizeof(f));
	add_person(&f, "<script>alert(1)</script>", "\"&'\x01\xff\xc0\xaf",
		   PERSON_SEX_FEMALE, 1990, CT_BIT(PERSON_ROLE_VICTIM));
	add_person(&f, "]]><x a='1'>", "\xed\xa0\x80 \xef\xbf\xbe",
		   PERSON_SEX_X, 0, 0);
	relate(&f, 0, 1, RELATION_PARTNER);
	svg = render(&f);
	assert_null(strstr(svg, "<script"));
	assert_null(strstr(svg, "<x "));
	assert_non_null(strstr(svg, "&lt;script&gt;alert(1)&lt;/script&gt;"));
	assert_non_null(strstr(svg, "&quot;&amp;&#39;"));
	assert_non_null(strstr(svg, "]]&gt;&lt;x a=&#39;1&#39;&gt;"));
	/* Every byte is now valid UTF-8 without controls or U+FFFE. */
	for (s = (const unsigned char *)svg; *s; s++) {
		assert_true(*s >= 0x20 || *s == '\n');
		assert_true(*s != 0xff && *s != 0xc0 && *s != 0xed);
	}
	assert_null(strstr(svg, "\xef\xbf\xbe"));
	assert_non_null(strstr(svg, "\xef\xbf\xbd"));
	/* The text alternative is plain text for the caller to escape,
	 * but cleaned the same way. */
	text = describe(&f);
	assert_non_null(strstr(text, "<script>alert(1)</script> \"&'"));
	assert_null(strstr(text, "\x01"));
	assert_null(strstr(text, "\xff"));
	free(text);
	free(svg);
}

static void
test_long_names_are_shortened_in_the_label_only(void **state)
{
	struct family f;
	char *svg;

	(void)state;
	memset(&f, 0, sizeof(f));
	add_person(&f, "Anne-Marie-Élisabeth", "Vandenberghe-De Smedt",
		   PERSON_SEX_FEMALE, 1980, 0);
	svg = render(&f);
	assert_non_null(strstr(svg, "<title>Anne-Marie-Élisabeth "
				    "Vandenberghe-De Smedt, vrouw"));
	assert_non_null(strstr(svg, ">Anne-Marie-Élisabe\xe2\x80\xa6</text>"));
	free(svg);
}

static void
test_three_generations(void **state)
{
	struct family f;
	int oma, opa, mama, papa, kind, tante;
	char *svg;

	(void)state;
	memset(&f, 0, sizeof(f));
	kind = add_person(&f, "Kind", NULL, PERSON_SEX_FEMALE, 2019, 0);
	papa = add_person(&f, "Papa", NULL, PERSON_SEX_MALE, 1988, 0);
	mama = add_person(&f, "Mama", NULL, PERSON_SEX_FEMALE, 1990, 0);
	oma = add_person(&f, "Oma", NULL, PERSON_SEX_FEMALE, 1960, 0);
	opa = add_person(&f, "Opa", NULL, PERSON_SEX_MALE, 1958, 0);
	tante = add_person(&f, "Tante", NULL, PERSON_SEX_FEMALE, 1992, 0);
	relate(&f, mama, kind, RELATION_PARENT);
	relate(&f, papa, kind, RELATION_PARENT);
	relate(&f, papa, mama, RELATION_PARTNER);
	relate(&f, oma, mama, RELATION_PARENT);
	relate(&f, opa, mama, RELATION_PARENT);
	relate(&f, oma, opa, RELATION_PARTNER);
	relate(&f, mama, tante, RELATION_SIBLING);
	svg = render(&f);
	assert_int_equal(generation_of(svg, "Oma"), 0);
	assert_int_equal(generation_of(svg, "Opa"), 0);
	assert_int_equal(generation_of(svg, "Mama"), 1);
	assert_int_equal(generation_of(svg, "Papa"), 1);
	assert_int_equal(generation_of(svg, "Tante"), 1);
	assert_int_equal(generation_of(svg, "Kind"), 2);
	/* Man left of woman in a couple. */
	assert_true(x_of(svg, "Opa") < x_of(svg, "Oma"));
	assert_true(x_of(svg, "Papa") < x_of(svg, "Mama"));
	/* Two sibships, and the aunt's sibling bracket (no shared parent
	 * recorded for her). */
	assert_int_equal(count(svg, "<path d=\"M"), 3);
	free(svg);
}

static void
test_grandparent_sits_above_its_child(void **state)
{
	struct family f;
	int oma, papa, mama, kind;
	char *svg;

	(void)state;
	memset(&f, 0, sizeof(f));
	oma = add_person(&f, "Oma", NULL, PERSON_SEX_FEMALE, 1950, 0);
	papa = add_person(&f, "Papa", NULL, PERSON_SEX_MALE, 1980, 0);
	mama = add_person(&f, "Mama", NULL, PERSON_SEX_FEMALE, 1982, 0);
	kind = add_person(&f, "Kind", NULL, PERSON_SEX_MALE, 2010, 0);
	/* Mama's parents are recorded, Papa's mother too. */
	relate(&f, papa, mama, RELATION_PARTNER);
	relate(&f, papa, kind, RELATION_PARENT);
	relate(&f, mama, kind, RELATION_PARENT);
	relate(&f, oma, papa, RELATION_PARENT);
	svg = render(&f);
	assert_int_equal(generation_of(svg, "Oma"), 0);
	assert_int_equal(generation_of(svg, "Papa"), 1);
	assert_int_equal(generation_of(svg, "Kind"), 2);
	free(svg);
}

static void
test_persons_without_relations(void **state)
{
	struct family f;
	char *svg, *text;

	(void)state;
	memset(&f, 0, sizeof(f));
	add_person(&f, "Een", NULL, PERSON_SEX_MALE, 1970, 0);
	add_person(&f, NULL, NULL, PERSON_SEX_UNKNOWN, 0,
		   CT_BIT(PERSON_ROLE_WITNESS));
	svg = render(&f);
	assert_int_equal(count(svg, "class=\"fd-person\""), 2);
	assert_int_equal(generation_of(svg, "Een"), 0);
	assert_int_equal(generation_of(svg, "Persoon 2"), 0);
	assert_null(strstr(svg, "<path"));
	/* The group of lines is empty. */
	assert_non_null(strstr(svg,
			       "class=\"fd-lines\" fill=\"none\" "
			       "stroke=\"#1a1a1a\" stroke-width=\"2\">\n</g>"));
	text = describe(&f);
	assert_string_equal(text, "Een, man, 56 jaar.\n"
				  "Persoon 2: getuige.\n");
	free(text);
	free(svg);
}

static void
test_ex_partners_are_dashed(void **state)
{
	struct family f;
	char *with, *without;

	(void)state;
	memset(&f, 0, sizeof(f));
	add_person(&f, "A", NULL, PERSON_SEX_MALE, 1980, 0);
	add_person(&f, "B", NULL, PERSON_SEX_FEMALE, 1981, 0);
	relate(&f, 0, 1, RELATION_PARTNER);
	without = render(&f);
	f.r[0].kind = RELATION_EX_PARTNER;
	with = render(&f);
	/* The legend shows the dashed line once in both. */
	assert_int_equal(count(without, "stroke-dasharray=\"8 5\""), 1);
	assert_int_equal(count(with, "stroke-dasharray=\"8 5\""), 2);
	free(with);
	free(without);
}

static void
test_odd_data_still_draws(void **state)
{
	struct family f;
	char *svg, *text;

	(void)state;
	memset(&f, 0, sizeof(f));
	add_person(&f, "A", NULL, PERSON_SEX_MALE, 1980, 0);
	add_person(&f, "B", NULL, PERSON_SEX_FEMALE, 1981, 0);
	relate(&f, 0, 1, RELATION_PARENT);
	relate(&f, 1, 0, RELATION_PARENT);  /* a cycle */
	relate(&f, 0, 0, RELATION_PARTNER); /* with themselves */
	relate(&f, 0, 1, RELATION_PARENT);  /* a duplicate */
	f.nr++;
	memset(&f.r[f.nr - 1], 0, sizeof(f.r[0]));
	memcpy(f.r[f.nr - 1].person_a, f.p[0].id, CT_UUID_SIZE);
	snprintf(f.r[f.nr - 1].person_b, CT_UUID_SIZE, "%s",
		 "ffffffff-ffff-4fff-8fff-ffffffffffff"); /* hidden */
	svg = render(&f);
	assert_int_equal(count(svg, "class=\"fd-person\""), 2);
	text = describe(&f);
	assert_int_equal(count(text, "is ouder van"), 2);
	assert_null(strstr(text, "partners"));
	free(text);
	free(svg);
}

static void
test_empty_case(void **state)
{
	struct family f;
	char *svg;

	(void)state;
	memset(&f, 0, sizeof(f));
	svg = render(&f);
	assert_non_null(strstr(svg, "<desc id=\"fd-desc\">Nog geen personen"));
	assert_int_equal(count(svg, "class=\"fd-person\""), 0);
	free(svg);
}

static void
test_deterministic(void **state)
{
	struct family f;
	char *a, *b;

	(void)state;
	seed_004(&f);
	a = render(&f);
	b = render(&f);
	assert_string_equal(a, b);
	free(a);
	free(b);
}

static void
test_limits(void **state)
{
	struct family f;
	struct family_diagram_in in;
	struct sbuf sb;
	size_t i;

	(void)state;
	memset(&f, 0, sizeof(f));
	for (i = 0; i < FAMILY_DIAGRAM_PERSONS_MAX + 1; i++)
		add_person(&f, "X", NULL, PERSON_SEX_MALE, 0, 0);
	in = input(&f);
	sbuf_init(&sb, SBUF_MAX_LARGE);
	assert_int_equal(family_diagram_svg(&in, &sb), CT_ERR_LIMIT);
	assert_int_equal(family_diagram_text(&in, &sb), CT_ERR_LIMIT);
	in.n_persons = FAMILY_DIAGRAM_PERSONS_MAX;
	assert_int_equal(family_diagram_svg(&in, &sb), CT_OK);
	sbuf_release(&sb);
	/* A full buffer is reported, not overrun. */
	sbuf_init(&sb, 100);
	assert_int_equal(family_diagram_svg(&in, &sb), CT_ERR_LIMIT);
	assert_true(sb.len <= 100);
	sbuf_release(&sb);
}

static void
test_age(void **state)
{
	struct ct_date b = {2000, 2, 29}, at = {2026, 2, 28};

	(void)state;
	assert_int_equal(family_diagram_age(&b, &at), 25);
	at.month = 3;
	at.day = 1;
	assert_int_equal(family_diagram_age(&b, &at), 26);
	at.year = 2000;
	at.month = 2;
	at.day = 29;
	assert_int_equal(family_diagram_age(&b, &at), 0);
	at.day = 28;
	assert_int_equal(family_diagram_age(&b, &at), -1);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_structure_of_the_example_case),
		cmocka_unit_test(test_hostile_names_are_escaped),
		cmocka_unit_test(
			test_long_names_are_shortened_in_the_label_only),
		cmocka_unit_test(test_three_generations),
		cmocka_unit_test(test_grandparent_sits_above_its_child),
		cmocka_unit_test(test_persons_without_relations),
		cmocka_unit_test(test_ex_partners_are_dashed),
		cmocka_unit_test(test_odd_data_still_draws),
		cmocka_unit_test(test_empty_case),
		cmocka_unit_test(test_deterministic),
		cmocka_unit_test(test_limits),
		cmocka_unit_test(test_age),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
