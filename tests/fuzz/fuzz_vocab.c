/*
 * fuzz_vocab.c - core/vocab.h's code lists on arbitrary text.
 *
 * Input: one selector byte (which vocabulary, and the size of a small
 * output buffer), then the text. Contract checked: a parsed mask names
 * only terms of the vocabulary and survives vocab_mask_format and a
 * second parse unchanged; a refusal points *bad at the unknown code
 * inside the text and leaves the mask 0; a buffer too small for the list
 * holds whole codes only; vocab_index finds exactly the codes of the
 * table. The first four bytes of the text, read as a mask, also go
 * through format and parse.
 */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "core/vocab.h"
#include "fuzz.h"
#include "util/banned.h"

#define LIST_SIZE 1024 /* more than any vocabulary's full list */

static const struct vocab *const vocabs[] = {
	&vocab_violence_type,	 &vocab_violence_form, &vocab_severity,
	&vocab_person_role,	 &vocab_person_sex,    &vocab_relation_kind,
	&vocab_violence_pattern, &vocab_case_status,   &vocab_org_type,
	&vocab_user_role,	 &vocab_country,
};

/* format(mask) parses back to mask (restricted to the vocabulary). */
static void
check_round_trip(const struct vocab *v, uint32_t mask, size_t small)
{
	char list[LIST_SIZE], labels[LIST_SIZE], *cut;
	uint32_t again = 0xffffffffu, part = 0xffffffffu;

	mask &= vocab_mask_all(v);
	vocab_mask_format(v, mask, list, sizeof(list));
	FUZZ_CHECK(strlen(list) < sizeof(list));
	FUZZ_CHECK(vocab_mask_parse(v, list, &again, NULL, NULL) == 0);
	FUZZ_CHECK(again == mask);
	vocab_mask_format_labels(v, mask, labels, sizeof(labels));
	FUZZ_CHECK(strlen(labels) < sizeof(labels));
	FUZZ_CHECK((mask == 0) == (labels[0] == '\0'));

	/* Too small: a shorter list of whole codes, never half of one. */
	cut = ct_malloc(small);
	vocab_mask_format(v, mask, cut, small);
	FUZZ_CHECK(strlen(cut) < small);
	FUZZ_CHECK(strncmp(cut, list, strlen(cut)) == 0);
	FUZZ_CHECK(vocab_mask_parse(v, cut, &part, NULL, NULL) == 0);
	FUZZ_CHECK((part & ~mask) == 0);
	free(cut);
}

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	unsigned sel = fuzz_take_byte(&data, &size);
	const struct vocab *v = vocabs[sel % CT_ARRAY_SIZE(vocabs)];
	size_t small = 1 + (sel >> 4);
	uint32_t mask = 0xffffffffu, raw = 0;
	const char *bad = NULL;
	size_t bad_len = 0, len;
	char *s = fuzz_strndup(data, size);
	int pos;

	len = strlen(s);
	if (vocab_mask_parse(v, s, &mask, &bad, &bad_len) == 0) {
		FUZZ_CHECK((mask & ~vocab_mask_all(v)) == 0);
		FUZZ_CHECK(bad == NULL && bad_len == 0);
		check_round_trip(v, mask, small);
	} else {
		FUZZ_CHECK(mask == 0);
		FUZZ_CHECK(bad != NULL);
		FUZZ_CHECK(bad >= s && bad + bad_len <= s + len);
	}

	pos = vocab_index(v, s);
	FUZZ_CHECK(pos >= -1 && pos < (int)v->count);
	if (pos >= 0)
		FUZZ_CHECK(strcmp(vocab_code(v, (unsigned)pos), s) == 0);
	FUZZ_CHECK(vocab_code(v, (unsigned)v->count) == NULL);
	FUZZ_CHECK(vocab_label(v, (unsigned)v->count) == NULL);

	memcpy(&raw, data, size < sizeof(raw) ? size : sizeof(raw));
	check_round_trip(v, raw, small);
	free(s);
	return 0;
}
