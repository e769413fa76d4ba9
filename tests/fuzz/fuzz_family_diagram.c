/*
 * fuzz_family_diagram.c - web/family_diagram.h on arbitrary families.
 *
 * Input: one selector byte (the number of persons, 0..FUZZ_PERSONS_MAX),
 * then per person three bytes (sex, roles, birth year offset from 1900)
 * and a name ending at a NUL; the bytes left are relations, three bytes
 * each (person a, person b, kind), an out-of-range index naming a person
 * the reader cannot see. Contract checked: the diagram and its text are
 * produced (no limits are reached), the SVG is one <svg> element with
 * one symbol per person, carries no markup from a name, is valid UTF-8
 * without control characters and is the same when drawn twice.
 */
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "fuzz.h"
#include "web/family_diagram.h"
#include "util/banned.h"

#define FUZZ_PERSONS_MAX 16
#define FUZZ_RELATIONS_MAX 64

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

/* Valid UTF-8 (no overlongs, surrogates or > U+10FFFF), no controls. */
static int
clean_utf8(const unsigned char *s)
{
	while (*s) {
		size_t len, i;
		uint32_t c = *s;

		if (c < 0x20 && c != '\n')
			return 0;
		if (c < 0x80) {
			s++;
			continue;
		}
		if (c >= 0xc2 && c <= 0xdf)
			len = 2;
		else if (c >= 0xe0 && c <= 0xef)
			len = 3;
		else if (c >= 0xf0 && c <= 0xf4)
			len = 4;
		else
			return 0;
		c &= 0x3f >> (len - 1);
		for (i = 1; i < len; i++) {
			if ((s[i] & 0xc0) != 0x80)
				return 0;
			c = (c << 6) | (s[i] & 0x3f);
		}
		if ((len == 3 && c < 0x800) || (len == 4 && c < 0x10000) ||
		    c > 0x10ffff || (c >= 0xd800 && c <= 0xdfff))
			return 0;
		s += len;
	}
	return 1;
}

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	struct person persons[FUZZ_PERSONS_MAX];
	struct relation relations[FUZZ_RELATIONS_MAX];
	char *names[FUZZ_PERSONS_MAX] = {NULL};
	struct family_diagram_in in;
	struct sbuf svg, again, text;
	size_t n = fuzz_take_byte(&data, &size) % (FUZZ_PERSONS_MAX + 1);
	size_t i, nr = 0;

	memset(persons, 0, sizeof(persons));
	memset(relations, 0, sizeof(relations));
	for (i = 0; i < n; i++) {
		struct person *p = &persons[i];
		const uint8_t *rest;
		size_t head, rest_len;

		snprintf(p->id, sizeof(p->id), "p%zu", i);
		p->sex = (enum person_sex)(fuzz_take_byte(&data, &size) %
					   PERSON_SEX__COUNT);
		p->roles = fuzz_take_byte(&data, &size) & 0x7f;
		p->birth_date.year = 1900 + (int)fuzz_take_byte(&data, &size);
		p->birth_date.month = 1 + (int)(i % 12);
		p->birth_date.day = 1 + (int)(i * 7 % 31);
		p->has_birth_date = ct_date_valid(&p->birth_date);
		fuzz_split_nul(data, size, &head, &rest, &rest_len);
		names[i] = fuzz_strndup(data, head);
		p->given_name = names[i];
		p->family_name = i % 2 ? "Peeters" : NULL;
		data = rest;
		size = rest_len;
	}
	while (size >= 3 && nr < FUZZ_RELATIONS_MAX) {
		struct relation *r = &relations[nr++];

		snprintf(r->person_a, sizeof(r->person_a), "p%u",
			 data[0] % (FUZZ_PERSONS_MAX + 2));
		snprintf(r->person_b, sizeof(r->person_b), "p%u",
			 data[1] % (FUZZ_PERSONS_MAX + 2));
		r->kind = (enum relation_kind)(data[2] % RELATION__COUNT);
		data += 3;
		size -= 3;
	}
	memset(&in, 0, sizeof(in));
	in.persons = persons;
	in.n_persons = n;
	in.relations = relations;
	in.n_relations = nr;
	in.at.year = 2026;
	in.at.month = 7;
	in.at.day = 1;

	sbuf_init(&svg, SBUF_MAX_LARGE);
	sbuf_init(&again, SBUF_MAX_LARGE);
	sbuf_init(&text, SBUF_MAX_LARGE);
	FUZZ_CHECK(family_diagram_svg(&in, &svg) == CT_OK);
	FUZZ_CHECK(family_diagram_svg(&in, &again) == CT_OK);
	FUZZ_CHECK(family_diagram_text(&in, &text) == CT_OK);
	FUZZ_CHECK(strcmp(svg.buf, again.buf) == 0);
	FUZZ_CHECK(strncmp(svg.buf, "<svg ", 5) == 0);
	FUZZ_CHECK(count(svg.buf, "<svg") == 1);
	FUZZ_CHECK(count(svg.buf, "</svg>") == 1);
	FUZZ_CHECK(count(svg.buf, "class=\"fd-person\"") == n);
	FUZZ_CHECK(count(svg.buf, "<title") == n + 1);
	FUZZ_CHECK(clean_utf8((const unsigned char *)svg.buf));
	FUZZ_CHECK(clean_utf8((const unsigned char *)text.buf));
	FUZZ_CHECK(text.len > 0);
	sbuf_release(&svg);
	sbuf_release(&again);
	sbuf_release(&text);
	for (i = 0; i < n; i++)
		free(names[i]);
	return 0;
}
