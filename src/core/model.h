/*
 * model.h - the case model: cases, persons, relations, incidents,
 * organisations and users (PRODUCT.md "Core vocabulary").
 *
 * Records are plain structs. Text fields are `const char *` borrowed from
 * whoever filled the struct (an arena, argv, a JSON document); NULL means
 * "not given". Identifiers are fixed-size UUID strings, empty ("") until the
 * store assigns one. `version` counts changes for optimistic concurrency: an
 * update carries the version it read and is refused when it is stale.
 * Instants are int64 UTC seconds (see util/civtime.h).
 *
 * Limits on every text field are named here and enforced by the
 * validators in core/validate.h.
 */
#ifndef CT_CORE_MODEL_H
#define CT_CORE_MODEL_H

#include <stdint.h>

#include "core/vocab.h"
#include "util/civtime.h"
#include "util/uuid.h"

#define CT_NAME_MAX 100          /* person given/family name, bytes */
#define CT_ORG_NAME_MAX 120
#define CT_USERNAME_MIN 3
#define CT_USERNAME_MAX 40       /* [a-z0-9._-] */
#define CT_DISPLAY_NAME_MAX 100
#define CT_EMAIL_MAX 254
#define CT_REGION_MIN 2
#define CT_REGION_MAX 8          /* uppercase letters, e.g. "AMS", "LIM" */
#define CT_DESCRIPTION_MAX 8000  /* incident description, bytes */
#define CT_LOCATION_MAX 200
#define CT_BSN_LEN 9
#define CT_RRN_LEN 11            /* digits only, punctuation stripped */

/* "AMS-2026-00123": region, year, 5-digit sequence per region and year. */
#define CT_REFERENCE_SIZE (CT_REGION_MAX + 1 + 4 + 1 + 6 + 1)
#define CT_REFERENCE_SEQ_MAX 99999

struct ct_case {
	char id[CT_UUID_SIZE];
	char reference[CT_REFERENCE_SIZE];
	enum ct_country jurisdiction;
	const char *region;
	char owner_org_id[CT_UUID_SIZE];
	enum case_status status;
	enum violence_pattern pattern;
	int64_t created_at;
	int64_t updated_at;
	int64_t version;
};

struct person {
	char id[CT_UUID_SIZE];
	char case_id[CT_UUID_SIZE];
	const char *given_name;
	const char *family_name;
	int has_birth_date;
	struct ct_date birth_date;
	enum person_sex sex;
	const char *bsn; /* Dutch citizen service number, 9 digits */
	const char *rrn; /* Belgian rijksregisternummer, 11 digits */
	uint32_t roles;  /* bits 1 << enum person_role */
	int64_t version;
};

struct relation {
	char id[CT_UUID_SIZE];
	char case_id[CT_UUID_SIZE];
	char person_a[CT_UUID_SIZE];
	char person_b[CT_UUID_SIZE];
	enum relation_kind kind; /* PARENT: a is a parent of b */
	int64_t version;
};

struct incident {
	char id[CT_UUID_SIZE];
	char case_id[CT_UUID_SIZE];
	int64_t occurred_at;
	uint32_t types; /* bits 1 << enum violence_type */
	uint32_t forms; /* bits 1 << enum violence_form */
	enum severity severity;
	const char *location;    /* may be NULL */
	const char *description; /* required */
	int64_t version;
};

struct org {
	char id[CT_UUID_SIZE];
	const char *name;
	enum org_type type;
	enum ct_country country;
	const char *email; /* functional mailbox; may be NULL */
	int64_t version;
};

struct user {
	char id[CT_UUID_SIZE];
	char org_id[CT_UUID_SIZE];
	const char *username;
	const char *display_name;
	const char *email; /* may be NULL */
	uint32_t roles;    /* bits 1 << enum user_role */
	int active;
	int64_t version;
};

/* Bit helpers for role and term masks. */
#define CT_BIT(pos) ((uint32_t)1 << (pos))
static inline int
ct_has(uint32_t mask, unsigned pos)
{
	return (mask & CT_BIT(pos)) != 0;
}

#endif
