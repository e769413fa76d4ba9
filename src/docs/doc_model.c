/*
 * doc_model.c - the codes of the document model's enums.
 *
 * The codes are what a JSON description (docs/doc_json.h) and the command
 * line use; they are stable, like the enum numbers.
 */
#include "docs/doc_model.h"

#include <string.h>

#include "util/banned.h"

static const char *const kind_codes[] = {
	[DOC_DECISION] = "decision",
	[DOC_EXTENSION] = "extension",
	[DOC_LETTER] = "letter",
};

static const char *const role_codes[] = {
	[DOC_ROLE_NONE] = "none",
	[DOC_ROLE_MAYOR] = "mayor",
	[DOC_ROLE_DEPUTY_MAYOR] = "deputy_mayor",
	[DOC_ROLE_HOVJ] = "hovj",
	[DOC_ROLE_PROSECUTOR] = "prosecutor",
};

static const char *const mandate_codes[] = {
	[DOC_MANDATE_NONE] = "none",
	[DOC_MANDATE_DECIDING] = "deciding",
	[DOC_MANDATE_SIGNING] = "signing",
};

void
doc_input_init(struct doc_input *in)
{
	memset(in, 0, sizeof(*in));
	in->kind = DOC_DECISION;
	in->jurisdiction = CT_COUNTRY_NL;
}

/* Index of code in a table of n codes, or -1. */
static int
code_index(const char *const *codes, size_t n, const char *code)
{
	size_t i;

	if (!code)
		return -1;
	for (i = 0; i < n; i++)
		if (codes[i] && strcmp(codes[i], code) == 0)
			return (int)i;
	return -1;
}

const char *
doc_kind_code(enum doc_kind k)
{
	if ((unsigned)k >= CT_ARRAY_SIZE(kind_codes))
		return NULL;
	return kind_codes[k];
}

enum ct_err
doc_kind_parse(const char *code, enum doc_kind *out)
{
	int i = code_index(kind_codes, CT_ARRAY_SIZE(kind_codes), code);

	if (i < 0)
		return CT_ERR_INVALID;
	*out = (enum doc_kind)i;
	return CT_OK;
}

const char *
doc_country_code(enum ct_country c)
{
	switch (c) {
	case CT_COUNTRY_NL:
		return "NL";
	case CT_COUNTRY_BE:
		return "BE";
	}
	return NULL;
}

enum ct_err
doc_country_parse(const char *code, enum ct_country *out)
{
	if (code && strcmp(code, "NL") == 0)
		*out = CT_COUNTRY_NL;
	else if (code && strcmp(code, "BE") == 0)
		*out = CT_COUNTRY_BE;
	else
		return CT_ERR_INVALID;
	return CT_OK;
}

const char *
doc_role_code(enum doc_decider_role r)
{
	if ((unsigned)r >= CT_ARRAY_SIZE(role_codes))
		return NULL;
	return role_codes[r];
}

enum ct_err
doc_role_parse(const char *code, enum doc_decider_role *out)
{
	int i = code_index(role_codes, CT_ARRAY_SIZE(role_codes), code);

	if (i < 0)
		return CT_ERR_INVALID;
	*out = (enum doc_decider_role)i;
	return CT_OK;
}

const char *
doc_mandate_code(enum doc_mandate m)
{
	if ((unsigned)m >= CT_ARRAY_SIZE(mandate_codes))
		return NULL;
	return mandate_codes[m];
}

enum ct_err
doc_mandate_parse(const char *code, enum doc_mandate *out)
{
	int i = code_index(mandate_codes, CT_ARRAY_SIZE(mandate_codes), code);

	if (i < 0)
		return CT_ERR_INVALID;
	*out = (enum doc_mandate)i;
	return CT_OK;
}
