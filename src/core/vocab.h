/*
 * vocab.h - the controlled vocabularies of the domain.
 *
 * Each term has a stable code (English, lowercase, snake_case: what the
 * database, the journal and the API store) and a Dutch label (what the UI
 * shows). Codes never change meaning and are never reused; labels may be
 * reworded. The enums below give each term's position in its table, so
 * code can use a set of terms as a bit mask (bit 1 << position).
 * Sources: PRODUCT.md "Core vocabulary", seed 004 (violence types and
 * forms), seed 003 table 5 (severity).
 */
#ifndef CT_CORE_VOCAB_H
#define CT_CORE_VOCAB_H

#include <stddef.h>
#include <stdint.h>

struct vocab_term {
	const char *code;
	const char *label; /* Dutch */
};

struct vocab {
	const char *name; /* e.g. "violence_type", used in error messages */
	const struct vocab_term *terms;
	size_t count;
};

/* Position of code in v, or -1 when v has no such code. */
int vocab_index(const struct vocab *v, const char *code);
/* Code and label by position; NULL when out of range. */
const char *vocab_code(const struct vocab *v, unsigned pos);
const char *vocab_label(const struct vocab *v, unsigned pos);

/* Violence types: who it is between (seed 004). */
enum violence_type {
	VIOLENCE_TYPE_PARTNER,
	VIOLENCE_TYPE_POST_PARTNER,
	VIOLENCE_TYPE_CHILD_ABUSE,
	VIOLENCE_TYPE_CHILDREN_WITNESS,
	VIOLENCE_TYPE_SIBLING,
	VIOLENCE_TYPE_PARENT_ABUSE,
	VIOLENCE_TYPE_ELDER_ABUSE,
	VIOLENCE_TYPE_HONOUR_RELATED,
	VIOLENCE_TYPE_WORRYING_PARENTING,
	VIOLENCE_TYPE__COUNT
};

/* Violence forms: what happened (seed 004). */
enum violence_form {
	VIOLENCE_FORM_THREATS,
	VIOLENCE_FORM_PHYSICAL,
	VIOLENCE_FORM_SEXUAL,
	VIOLENCE_FORM_EMOTIONAL,
	VIOLENCE_FORM_ECONOMIC,
	VIOLENCE_FORM_PROPERTY_DAMAGE,
	VIOLENCE_FORM_NEGLECT,
	VIOLENCE_FORM_CONFINEMENT,
	VIOLENCE_FORM_ISOLATION,
	VIOLENCE_FORM_ABDUCTION,
	VIOLENCE_FORM_CYBER,
	VIOLENCE_FORM_STALKING,
	VIOLENCE_FORM__COUNT
};

/* Severity scale (seed 003 table 5 and annex 6). */
enum severity {
	SEVERITY_UNKNOWN,
	SEVERITY_VERY_SERIOUS,
	SEVERITY_SERIOUS,
	SEVERITY_LIMITED_FREQUENCY,
	SEVERITY_ONCE_OR_FEW,
	SEVERITY__COUNT
};

/* Roles of a person in a case; a person may hold several. */
enum person_role {
	PERSON_ROLE_VICTIM,
	PERSON_ROLE_PERPETRATOR,
	PERSON_ROLE_CHILD,
	PERSON_ROLE_WITNESS,
	PERSON_ROLE_FAMILY,
	PERSON_ROLE_REMOVED,   /* uithuisgeplaatste */
	PERSON_ROLE_REMAINING, /* achterblijver */
	PERSON_ROLE__COUNT
};

enum person_sex {
	PERSON_SEX_UNKNOWN,
	PERSON_SEX_FEMALE,
	PERSON_SEX_MALE,
	PERSON_SEX_X,
	PERSON_SEX__COUNT
};

/* Relation kinds; PARENT reads "person a is a parent of person b". */
enum relation_kind {
	RELATION_PARTNER,
	RELATION_EX_PARTNER,
	RELATION_PARENT,
	RELATION_SIBLING,
	RELATION_OTHER,
	RELATION__COUNT
};

/* Johnson's distinction (seeds 000, 003): changes the approach. */
enum violence_pattern {
	PATTERN_UNKNOWN,
	PATTERN_INTIMATE_TERRORISM,
	PATTERN_SITUATIONAL,
	PATTERN__COUNT
};

enum case_status {
	CASE_STATUS_OPEN,
	CASE_STATUS_CLOSED,
	CASE_STATUS__COUNT
};

/* Organisation types (PRODUCT.md "The people who use it"). */
enum org_type {
	ORG_TYPE_POLICE,
	ORG_TYPE_PROSECUTOR,   /* OM / parket */
	ORG_TYPE_MUNICIPALITY,
	ORG_TYPE_VEILIG_THUIS, /* NL */
	ORG_TYPE_VEILIG_HUIS,  /* BE */
	ORG_TYPE_FJC,          /* Family Justice Center */
	ORG_TYPE_BLIJF_GROEP,
	ORG_TYPE_CAW,
	ORG_TYPE_GGZ,
	ORG_TYPE_OCMW,
	ORG_TYPE_JUSTITIEHUIS,
	ORG_TYPE_VK,           /* Vertrouwenscentrum Kindermishandeling */
	ORG_TYPE_OPGROEIEN,    /* Opgroeien / OCJ */
	ORG_TYPE_RECLASSERING,
	ORG_TYPE_JEUGDBESCHERMING,
	ORG_TYPE_WIJKTEAM,     /* sociaal wijkteam */
	ORG_TYPE_COURT,
	ORG_TYPE_OTHER,
	ORG_TYPE__COUNT
};

/* User roles; a user holds several. */
enum user_role {
	USER_ROLE_ADMIN,
	USER_ROLE_PRIVACY_OFFICER,
	USER_ROLE_POLICE_OFFICER,
	USER_ROLE_HOVJ,          /* hulpofficier van justitie */
	USER_ROLE_MAYOR,
	USER_ROLE_LEGAL_OFFICER, /* municipal legal officer */
	USER_ROLE_PROSECUTOR,
	USER_ROLE_COORDINATOR,   /* casusregisseur, intensief casemanager */
	USER_ROLE_PARTNER_WORKER,
	USER_ROLE_TRIAGE_MEMBER,
	USER_ROLE_ANALYST,
	USER_ROLE__COUNT
};

extern const struct vocab vocab_violence_type;
extern const struct vocab vocab_violence_form;
extern const struct vocab vocab_severity;
extern const struct vocab vocab_person_role;
extern const struct vocab vocab_person_sex;
extern const struct vocab vocab_relation_kind;
extern const struct vocab vocab_violence_pattern;
extern const struct vocab vocab_case_status;
extern const struct vocab vocab_org_type;
extern const struct vocab vocab_user_role;
extern const struct vocab vocab_country; /* "NL", "BE" = enum ct_country */

/*
 * Bit-mask sets of terms. Parse a comma-separated list of codes
 * ("victim,remaining") into a mask; on an unknown code return -1 and set
 * *bad to point at it within s (for the error message).
 * Format writes the codes of a mask, comma-separated, into out (size n).
 */
int vocab_mask_parse(const struct vocab *v, const char *s, uint32_t *mask,
		     const char **bad, size_t *bad_len);
void vocab_mask_format(const struct vocab *v, uint32_t mask, char *out,
		       size_t n);
/*
 * The same with the Dutch labels, separated by ", " ("Slachtoffer,
 * Achterblijver"), for output a person reads; codes stay for machines.
 */
void vocab_mask_format_labels(const struct vocab *v, uint32_t mask, char *out,
			      size_t n);
/* All bits that name a term of v. */
uint32_t vocab_mask_all(const struct vocab *v);

#endif
