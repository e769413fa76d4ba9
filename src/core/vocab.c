/*
 * vocab.c - the term tables of the controlled vocabularies.
 *
 * Every table is indexed by its enum (designated initialisers, so a term
 * cannot drift to another position), and a static assertion ties each
 * table's length to the enum's __COUNT. Codes are the stable English
 * snake_case words stored in the database, the journal and the API; labels
 * are the Dutch words of the seeds and of PRODUCT.md, which the UI shows.
 *
 * Masks: a set of terms is a uint32_t with bit (1 << position); every
 * vocabulary therefore has at most 32 terms (checked at compile time).
 */
#include "core/vocab.h"

#include <string.h>

#include "util/civtime.h"
#include "util/compat.h"
#include "util/banned.h"

#define VOCAB_DEFINE(var, vname, table, enum_count)                            \
	_Static_assert(CT_ARRAY_SIZE(table) == (enum_count),                   \
		       "table " #table " does not match its enum");            \
	_Static_assert((enum_count) <= 32, "mask needs <= 32 terms");          \
	const struct vocab var = {vname, table, CT_ARRAY_SIZE(table)}

static const struct vocab_term violence_type_terms[] = {
	[VIOLENCE_TYPE_PARTNER] = {"partner", "Partnergeweld"},
	[VIOLENCE_TYPE_POST_PARTNER] = {"post_partner", "Post-partnergeweld"},
	[VIOLENCE_TYPE_CHILD_ABUSE] = {"child_abuse", "Kindermishandeling"},
	[VIOLENCE_TYPE_CHILDREN_WITNESS] = {"children_witness",
					    "Kinderen als getuige"},
	[VIOLENCE_TYPE_SIBLING] = {"sibling", "Siblinggeweld"},
	[VIOLENCE_TYPE_PARENT_ABUSE] = {"parent_abuse", "Oudermishandeling"},
	[VIOLENCE_TYPE_ELDER_ABUSE] = {"elder_abuse", "Ouderenmishandeling"},
	[VIOLENCE_TYPE_HONOUR_RELATED] = {"honour_related",
					  "Eergerelateerd geweld"},
	[VIOLENCE_TYPE_WORRYING_PARENTING] =
		{"worrying_parenting", "Verontrustende opvoedingssituatie"},
};
VOCAB_DEFINE(vocab_violence_type, "violence_type", violence_type_terms,
	     VIOLENCE_TYPE__COUNT);

static const struct vocab_term violence_form_terms[] = {
	[VIOLENCE_FORM_THREATS] = {"threats", "Bedreigingen"},
	[VIOLENCE_FORM_PHYSICAL] = {"physical", "Fysiek"},
	[VIOLENCE_FORM_SEXUAL] = {"sexual", "Seksueel"},
	[VIOLENCE_FORM_EMOTIONAL] = {"emotional", "Emotioneel"},
	[VIOLENCE_FORM_ECONOMIC] = {"economic", "Economisch"},
	[VIOLENCE_FORM_PROPERTY_DAMAGE] = {"property_damage", "Vernielingen"},
	[VIOLENCE_FORM_NEGLECT] = {"neglect", "Verwaarlozing"},
	[VIOLENCE_FORM_CONFINEMENT] = {"confinement", "Opsluiting"},
	[VIOLENCE_FORM_ISOLATION] = {"isolation", "Isolatie"},
	[VIOLENCE_FORM_ABDUCTION] = {"abduction", "Ontvoering"},
	[VIOLENCE_FORM_CYBER] = {"cyber", "Cybergeweld"},
	[VIOLENCE_FORM_STALKING] = {"stalking", "Belaging"},
};
VOCAB_DEFINE(vocab_violence_form, "violence_form", violence_form_terms,
	     VIOLENCE_FORM__COUNT);

/* Seed 003, table 5 "Ernst van casuïstiek", in the order of the enum. */
static const struct vocab_term severity_terms[] = {
	[SEVERITY_UNKNOWN] = {"unknown", "Weet niet / onduidelijk"},
	[SEVERITY_VERY_SERIOUS] = {"very_serious", "Zeer ernstig"},
	[SEVERITY_SERIOUS] = {"serious", "Ernstig"},
	[SEVERITY_LIMITED_FREQUENCY] = {"limited_frequency",
					"Beperkte frequentie"},
	[SEVERITY_ONCE_OR_FEW] = {"once_or_few", "Eenmalig of enkele malen"},
};
VOCAB_DEFINE(vocab_severity, "severity", severity_terms, SEVERITY__COUNT);

static const struct vocab_term person_role_terms[] = {
	[PERSON_ROLE_VICTIM] = {"victim", "Slachtoffer"},
	[PERSON_ROLE_PERPETRATOR] = {"perpetrator", "Pleger"},
	[PERSON_ROLE_CHILD] = {"child", "Kind"},
	[PERSON_ROLE_WITNESS] = {"witness", "Getuige"},
	[PERSON_ROLE_FAMILY] = {"family", "Familie / netwerk"},
	[PERSON_ROLE_REMOVED] = {"removed", "Uithuisgeplaatste"},
	[PERSON_ROLE_REMAINING] = {"remaining", "Achterblijver"},
};
VOCAB_DEFINE(vocab_person_role, "person_role", person_role_terms,
	     PERSON_ROLE__COUNT);

static const struct vocab_term person_sex_terms[] = {
	[PERSON_SEX_UNKNOWN] = {"unknown", "Onbekend"},
	[PERSON_SEX_FEMALE] = {"female", "Vrouw"},
	[PERSON_SEX_MALE] = {"male", "Man"},
	[PERSON_SEX_X] = {"x", "X (anders of niet vermeld)"},
};
VOCAB_DEFINE(vocab_person_sex, "person_sex", person_sex_terms,
	     PERSON_SEX__COUNT);

static const struct vocab_term relation_kind_terms[] = {
	[RELATION_PARTNER] = {"partner", "Partner"},
	[RELATION_EX_PARTNER] = {"ex_partner", "Ex-partner"},
	[RELATION_PARENT] = {"parent", "Ouder van"},
	[RELATION_SIBLING] = {"sibling", "Broer of zus"},
	[RELATION_OTHER] = {"other", "Andere relatie"},
};
VOCAB_DEFINE(vocab_relation_kind, "relation_kind", relation_kind_terms,
	     RELATION__COUNT);

static const struct vocab_term violence_pattern_terms[] = {
	[PATTERN_UNKNOWN] = {"unknown", "Onbekend"},
	[PATTERN_INTIMATE_TERRORISM] = {"intimate_terrorism",
					"Intiem terrorisme"},
	[PATTERN_SITUATIONAL] = {"situational", "Situationeel partnergeweld"},
};
VOCAB_DEFINE(vocab_violence_pattern, "violence_pattern", violence_pattern_terms,
	     PATTERN__COUNT);

static const struct vocab_term case_status_terms[] = {
	[CASE_STATUS_OPEN] = {"open", "Lopend"},
	[CASE_STATUS_CLOSED] = {"closed", "Afgerond"},
};
VOCAB_DEFINE(vocab_case_status, "case_status", case_status_terms,
	     CASE_STATUS__COUNT);

static const struct vocab_term org_type_terms[] = {
	[ORG_TYPE_POLICE] = {"police", "Politie"},
	[ORG_TYPE_PROSECUTOR] = {"prosecutor", "Openbaar Ministerie / parket"},
	[ORG_TYPE_MUNICIPALITY] = {"municipality", "Gemeente"},
	[ORG_TYPE_VEILIG_THUIS] = {"veilig_thuis", "Veilig Thuis"},
	[ORG_TYPE_VEILIG_HUIS] = {"veilig_huis", "Veilig Huis"},
	[ORG_TYPE_FJC] = {"fjc", "Family Justice Center"},
	[ORG_TYPE_BLIJF_GROEP] = {"blijf_groep", "Blijf Groep"},
	[ORG_TYPE_CAW] = {"caw", "CAW"},
	[ORG_TYPE_GGZ] = {"ggz", "GGZ"},
	[ORG_TYPE_OCMW] = {"ocmw", "OCMW"},
	[ORG_TYPE_JUSTITIEHUIS] = {"justitiehuis", "Justitiehuis"},
	[ORG_TYPE_VK] = {"vk", "Vertrouwenscentrum Kindermishandeling"},
	[ORG_TYPE_OPGROEIEN] = {"opgroeien", "Opgroeien / OCJ"},
	[ORG_TYPE_RECLASSERING] = {"reclassering", "Reclassering"},
	[ORG_TYPE_JEUGDBESCHERMING] = {"jeugdbescherming", "Jeugdbescherming"},
	[ORG_TYPE_WIJKTEAM] = {"wijkteam", "Sociaal wijkteam"},
	[ORG_TYPE_COURT] = {"court", "Rechtbank"},
	[ORG_TYPE_OTHER] = {"other", "Andere organisatie"},
};
VOCAB_DEFINE(vocab_org_type, "org_type", org_type_terms, ORG_TYPE__COUNT);

static const struct vocab_term user_role_terms[] = {
	[USER_ROLE_ADMIN] = {"admin", "Beheerder"},
	[USER_ROLE_PRIVACY_OFFICER] = {"privacy_officer",
				       "Functionaris gegevensbescherming"},
	[USER_ROLE_POLICE_OFFICER] = {"police_officer", "Politiemedewerker"},
	[USER_ROLE_HOVJ] = {"hovj", "Hulpofficier van justitie"},
	[USER_ROLE_MAYOR] = {"mayor", "Burgemeester"},
	[USER_ROLE_LEGAL_OFFICER] = {"legal_officer",
				     "Juridisch medewerker gemeente"},
	[USER_ROLE_PROSECUTOR] = {"prosecutor",
				  "Procureur / officier van justitie"},
	[USER_ROLE_COORDINATOR] = {"coordinator", "Casusregisseur"},
	[USER_ROLE_PARTNER_WORKER] = {"partner_worker", "Ketenpartner"},
	[USER_ROLE_TRIAGE_MEMBER] = {"triage_member", "Lid triageoverleg"},
	[USER_ROLE_ANALYST] = {"analyst", "Analist"},
};
VOCAB_DEFINE(vocab_user_role, "user_role", user_role_terms, USER_ROLE__COUNT);

/* Codes are upper case here: they are the ISO 3166 country codes. */
static const struct vocab_term country_terms[] = {
	[CT_COUNTRY_NL] = {"NL", "Nederland"},
	[CT_COUNTRY_BE] = {"BE", "België"},
};
VOCAB_DEFINE(vocab_country, "country", country_terms, CT_COUNTRY_BE + 1);

static int
vocab_index_n(const struct vocab *v, const char *code, size_t len)
{
	size_t i;

	for (i = 0; i < v->count; i++) {
		const char *c = v->terms[i].code;

		if (strlen(c) == len && memcmp(c, code, len) == 0)
			return (int)i;
	}
	return -1;
}

int
vocab_index(const struct vocab *v, const char *code)
{
	if (!code)
		return -1;
	return vocab_index_n(v, code, strlen(code));
}

const char *
vocab_code(const struct vocab *v, unsigned pos)
{
	return pos < v->count ? v->terms[pos].code : NULL;
}

const char *
vocab_label(const struct vocab *v, unsigned pos)
{
	return pos < v->count ? v->terms[pos].label : NULL;
}

uint32_t
vocab_mask_all(const struct vocab *v)
{
	CT_ASSERT(v->count <= 32);
	/* Shift in 64 bits: 1 << 32 would be undefined for a 32-term table. */
	return (uint32_t)(((uint64_t)1 << v->count) - 1);
}

static int
vocab_is_blank(char c)
{
	return c == ' ' || c == '\t';
}

/*
 * Items are separated by commas; blanks around an item are ignored, so
 * "victim, remaining" from a command line works. An empty string (or only
 * blanks) is the empty set; an empty item between commas is an error,
 * reported with bad_len 0 at its position.
 */
int
vocab_mask_parse(const struct vocab *v, const char *s, uint32_t *mask,
		 const char **bad, size_t *bad_len)
{
	const char *p = s, *item, *end;
	uint32_t result = 0;
	int pos;

	*mask = 0;
	if (bad)
		*bad = NULL;
	if (bad_len)
		*bad_len = 0;
	while (vocab_is_blank(*p))
		p++;
	if (!*p)
		return 0;
	for (;;) {
		while (vocab_is_blank(*p))
			p++;
		item = p;
		while (*p && *p != ',')
			p++;
		end = p;
		while (end > item && vocab_is_blank(end[-1]))
			end--;
		pos = vocab_index_n(v, item, (size_t)(end - item));
		if (pos < 0) {
			if (bad)
				*bad = item;
			if (bad_len)
				*bad_len = (size_t)(end - item);
			return -1;
		}
		result |= (uint32_t)1 << pos;
		if (!*p)
			break;
		p++; /* the comma */
	}
	*mask = result;
	return 0;
}

/*
 * Codes in table order. When out is too small the list ends after the
 * last code that fits whole, so a truncated list never holds half a code.
 */
/* Join the codes or labels of the terms in mask, separated by sep. */
static void
vocab_mask_join(const struct vocab *v, uint32_t mask, int labels,
		const char *sep, char *out, size_t n)
{
	size_t used = 0, len, seplen = strlen(sep), i;
	const char *word;

	if (n == 0)
		return;
	out[0] = '\0';
	for (i = 0; i < v->count && i < 32; i++) {
		if (!(mask & ((uint32_t)1 << i)))
			continue;
		word = labels ? v->terms[i].label : v->terms[i].code;
		len = strlen(word);
		if (used + (used ? seplen : 0) + len + 1 > n)
			break;
		if (used) {
			memcpy(out + used, sep, seplen);
			used += seplen;
		}
		memcpy(out + used, word, len);
		used += len;
		out[used] = '\0';
	}
}

void
vocab_mask_format(const struct vocab *v, uint32_t mask, char *out, size_t n)
{
	vocab_mask_join(v, mask, 0, ",", out, n);
}

void
vocab_mask_format_labels(const struct vocab *v, uint32_t mask, char *out,
			 size_t n)
{
	vocab_mask_join(v, mask, 1, ", ", out, n);
}
