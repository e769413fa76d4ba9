/*
 * test_vocab.c - every term of every vocabulary round-trips, codes are
 * stable snake_case and unique, and masks parse and format.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <cmocka.h>

#include "core/vocab.h"
#include "util/civtime.h"

static const struct vocab *const all_vocabs[] = {
	&vocab_violence_type,	 &vocab_violence_form, &vocab_severity,
	&vocab_person_role,	 &vocab_person_sex,    &vocab_relation_kind,
	&vocab_violence_pattern, &vocab_case_status,   &vocab_org_type,
	&vocab_user_role,	 &vocab_country,
};

static void
test_counts_match_enums(void **state)
{
	(void)state;
	assert_int_equal(vocab_violence_type.count, VIOLENCE_TYPE__COUNT);
	assert_int_equal(vocab_violence_form.count, VIOLENCE_FORM__COUNT);
	assert_int_equal(vocab_severity.count, SEVERITY__COUNT);
	assert_int_equal(vocab_person_role.count, PERSON_ROLE__COUNT);
	assert_int_equal(vocab_person_sex.count, PERSON_SEX__COUNT);
	assert_int_equal(vocab_relation_kind.count, RELATION__COUNT);
	assert_int_equal(vocab_violence_pattern.count, PATTERN__COUNT);
	assert_int_equal(vocab_case_status.count, CASE_STATUS__COUNT);
	assert_int_equal(vocab_org_type.count, ORG_TYPE__COUNT);
	assert_int_equal(vocab_user_role.count, USER_ROLE__COUNT);
	assert_int_equal(vocab_country.count, 2);
}

/* Lowercase snake_case, or (countries) two uppercase letters. */
static int
code_well_formed(const struct vocab *v, const char *code)
{
	size_t i, len = strlen(code);

	if (v == &vocab_country)
		return len == 2 && code[0] >= 'A' && code[0] <= 'Z' &&
		       code[1] >= 'A' && code[1] <= 'Z';
	if (len == 0 || code[0] == '_' || code[len - 1] == '_')
		return 0;
	for (i = 0; i < len; i++)
		if (!((code[i] >= 'a' && code[i] <= 'z') || code[i] == '_' ||
		      (code[i] >= '0' && code[i] <= '9')))
			return 0;
	return 1;
}

static void
test_every_term_round_trips(void **state)
{
	size_t k, i;

	(void)state;
	for (k = 0; k < sizeof(all_vocabs) / sizeof(all_vocabs[0]); k++) {
		const struct vocab *v = all_vocabs[k];

		assert_non_null(v->name);
		for (i = 0; i < v->count; i++) {
			const char *code = vocab_code(v, (unsigned)i);
			const char *label = vocab_label(v, (unsigned)i);

			assert_non_null(code);
			assert_non_null(label);
			assert_true(label[0] != '\0');
			assert_true(code_well_formed(v, code));
			/* Unique: the index of the code is its own position. */
			assert_int_equal(vocab_index(v, code), (int)i);
		}
		assert_null(vocab_code(v, (unsigned)v->count));
		assert_null(vocab_label(v, (unsigned)v->count));
		assert_int_equal(vocab_index(v, "no_such_term"), -1);
		assert_int_equal(vocab_index(v, ""), -1);
		assert_int_equal(vocab_index(v, NULL), -1);
	}
}

/* Spot checks of codes and labels that other code and the UI rely on. */
static void
test_known_terms(void **state)
{
	static const struct {
		const struct vocab *v;
		unsigned pos;
		const char *code;
		const char *label;
	} cases[] = {
		{&vocab_violence_type, VIOLENCE_TYPE_PARTNER, "partner",
		 "Partnergeweld"},
		{&vocab_violence_type, VIOLENCE_TYPE_POST_PARTNER,
		 "post_partner", "Post-partnergeweld"},
		{&vocab_violence_type, VIOLENCE_TYPE_CHILDREN_WITNESS,
		 "children_witness", "Kinderen als getuige"},
		{&vocab_violence_type, VIOLENCE_TYPE_WORRYING_PARENTING,
		 "worrying_parenting", "Verontrustende opvoedingssituatie"},
		{&vocab_violence_form, VIOLENCE_FORM_THREATS, "threats",
		 "Bedreigingen"},
		{&vocab_violence_form, VIOLENCE_FORM_CYBER, "cyber",
		 "Cybergeweld"},
		{&vocab_violence_form, VIOLENCE_FORM_STALKING, "stalking",
		 "Belaging"},
		{&vocab_severity, SEVERITY_VERY_SERIOUS, "very_serious",
		 "Zeer ernstig"},
		{&vocab_person_role, PERSON_ROLE_REMOVED, "removed",
		 "Uithuisgeplaatste"},
		{&vocab_person_role, PERSON_ROLE_REMAINING, "remaining",
		 "Achterblijver"},
		{&vocab_org_type, ORG_TYPE_PROSECUTOR, "prosecutor",
		 "Openbaar Ministerie / parket"},
		{&vocab_org_type, ORG_TYPE_VEILIG_HUIS, "veilig_huis",
		 "Veilig Huis"},
		{&vocab_user_role, USER_ROLE_HOVJ, "hovj",
		 "Hulpofficier van justitie"},
		{&vocab_user_role, USER_ROLE_COORDINATOR, "coordinator",
		 "Casusregisseur"},
		{&vocab_country, CT_COUNTRY_NL, "NL", "Nederland"},
		{&vocab_country, CT_COUNTRY_BE, "BE", "Belgi\xc3\xab"},
	};
	size_t i;

	(void)state;
	for (i = 0; i < sizeof(cases) / sizeof(cases[0]); i++) {
		assert_string_equal(vocab_code(cases[i].v, cases[i].pos),
				    cases[i].code);
		assert_string_equal(vocab_label(cases[i].v, cases[i].pos),
				    cases[i].label);
	}
}

static void
test_mask_all(void **state)
{
	(void)state;
	assert_int_equal(vocab_mask_all(&vocab_person_role), 0x7f);
	assert_int_equal(vocab_mask_all(&vocab_country), 0x3);
	assert_int_equal(vocab_mask_all(&vocab_org_type),
			 (1u << ORG_TYPE__COUNT) - 1);
}

static void
test_mask_parse_good(void **state)
{
	static const struct {
		const char *in;
		uint32_t mask;
	} cases[] = {
		{"", 0},
		{"  ", 0},
		{"victim", 1u << PERSON_ROLE_VICTIM},
		{"victim,remaining",
		 (1u << PERSON_ROLE_VICTIM) | (1u << PERSON_ROLE_REMAINING)},
		{" victim , remaining ",
		 (1u << PERSON_ROLE_VICTIM) | (1u << PERSON_ROLE_REMAINING)},
		{"child,child", 1u << PERSON_ROLE_CHILD},
	};
	const char *bad;
	size_t bad_len, i;
	uint32_t mask;

	(void)state;
	for (i = 0; i < sizeof(cases) / sizeof(cases[0]); i++) {
		mask = 0xdead;
		assert_int_equal(vocab_mask_parse(&vocab_person_role,
						  cases[i].in, &mask, &bad,
						  &bad_len),
				 0);
		assert_int_equal(mask, cases[i].mask);
		assert_null(bad);
	}
}

static void
test_mask_parse_bad(void **state)
{
	static const struct {
		const char *in;
		size_t bad_off;
		size_t bad_len;
	} cases[] = {
		{"victim,thief", 7, 5},	     {"Victim", 0, 6},
		{"victim,,child", 7, 0},     {"victim,", 7, 0},
		{"victim remaining", 0, 16},
	};
	const char *bad;
	size_t bad_len, i;
	uint32_t mask;

	(void)state;
	for (i = 0; i < sizeof(cases) / sizeof(cases[0]); i++) {
		mask = 0xdead;
		assert_int_equal(vocab_mask_parse(&vocab_person_role,
						  cases[i].in, &mask, &bad,
						  &bad_len),
				 -1);
		assert_int_equal(mask, 0);
		assert_ptr_equal(bad, cases[i].in + cases[i].bad_off);
		assert_int_equal(bad_len, cases[i].bad_len);
	}
	/* bad and bad_len are optional. */
	assert_int_equal(
		vocab_mask_parse(&vocab_person_role, "x", &mask, NULL, NULL),
		-1);
}

static void
test_mask_format(void **state)
{
	char out[64];
	char small[12];
	uint32_t mask;

	(void)state;
	vocab_mask_format(&vocab_person_role, 0, out, sizeof(out));
	assert_string_equal(out, "");
	mask = (1u << PERSON_ROLE_REMAINING) | (1u << PERSON_ROLE_VICTIM);
	vocab_mask_format(&vocab_person_role, mask, out, sizeof(out));
	assert_string_equal(out, "victim,remaining");
	/* Bits beyond the vocabulary are not codes and are skipped. */
	vocab_mask_format(&vocab_person_role, mask | 0x80000000u, out,
			  sizeof(out));
	assert_string_equal(out, "victim,remaining");
	/* Truncation ends at a whole code. */
	vocab_mask_format(&vocab_person_role, mask, small, sizeof(small));
	assert_string_equal(small, "victim");
	vocab_mask_format(&vocab_person_role, mask, small, 7);
	assert_string_equal(small, "victim");
	vocab_mask_format(&vocab_person_role, mask, small, 6);
	assert_string_equal(small, "");
}

static void
test_mask_format_labels(void **state)
{
	char out[64], small[16];
	uint32_t mask;

	(void)state;
	mask = (1u << PERSON_ROLE_REMAINING) | (1u << PERSON_ROLE_VICTIM);
	vocab_mask_format_labels(&vocab_person_role, mask, out, sizeof(out));
	assert_string_equal(out, "Slachtoffer, Achterblijver");
	vocab_mask_format_labels(&vocab_person_role, 0, out, sizeof(out));
	assert_string_equal(out, "");
	/* Truncation ends at a whole label. */
	vocab_mask_format_labels(&vocab_person_role, mask, small,
				 sizeof(small));
	assert_string_equal(small, "Slachtoffer");
}

/* Every subset's text parses back to the same mask. */
static void
test_mask_round_trip(void **state)
{
	const char *bad;
	size_t bad_len;
	uint32_t mask, back;
	char out[256];

	(void)state;
	for (mask = 0; mask <= vocab_mask_all(&vocab_person_role); mask++) {
		vocab_mask_format(&vocab_person_role, mask, out, sizeof(out));
		assert_int_equal(vocab_mask_parse(&vocab_person_role, out,
						  &back, &bad, &bad_len),
				 0);
		assert_int_equal(back, mask);
	}
	mask = vocab_mask_all(&vocab_org_type);
	vocab_mask_format(&vocab_org_type, mask, out, sizeof(out));
	assert_int_equal(
		vocab_mask_parse(&vocab_org_type, out, &back, &bad, &bad_len),
		0);
	assert_int_equal(back, mask);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_counts_match_enums),
		cmocka_unit_test(test_every_term_round_trips),
		cmocka_unit_test(test_known_terms),
		cmocka_unit_test(test_mask_all),
		cmocka_unit_test(test_mask_parse_good),
		cmocka_unit_test(test_mask_parse_bad),
		cmocka_unit_test(test_mask_format),
		cmocka_unit_test(test_mask_format_labels),
		cmocka_unit_test(test_mask_round_trip),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
