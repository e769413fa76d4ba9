/*
 * validate.h - validation of the case model, every problem at once.
 *
 * Each validator adds one problem per broken rule to `p` (see
 * util/err.h), naming the field as the API and the command line name it
 * (e.g. "given_name", "bsn"), with a message in Dutch a coordinator
 * understands ("BSN 123456789 klopt niet (elfproef)"). It returns the
 * number of problems it added. Validators do no I/O and take `now` where a
 * rule depends on the current time (no birth dates in the future).
 * Checks that need the database (does the person exist, is the user name
 * taken) belong to the store.
 *
 * Rules in brief: text fields are valid UTF-8 without control characters
 * (an incident description may hold line breaks and tabs) and within the
 * byte limits of model.h; enums in range; role masks non-empty and only
 * known roles; ids that the store assigns (id, case_id) empty or a UUID,
 * references to other records (owner_org_id, org_id, person_a/b) a UUID.
 * Person: a given or a family name; birth date real (1900 or later) and
 * not after today in civil time; BSN and rijksregisternummer (either one
 * in either country) with a correct checksum, and a birth date that agrees
 * with the rijksregisternummer. Incident: occurred_at from 1970 up to now
 * plus 5 minutes of clock skew; at least one type or form; a description.
 * Messages carry no trailing full stop: ct_problems_to_error() joins them.
 */
#ifndef CT_CORE_VALIDATE_H
#define CT_CORE_VALIDATE_H

#include <stddef.h>

#include "core/model.h"
#include "util/err.h"

size_t case_validate(const struct ct_case *c, struct ct_problems *p);
size_t person_validate(const struct person *pe, int64_t now,
		       struct ct_problems *p);
size_t relation_validate(const struct relation *r, struct ct_problems *p);
size_t incident_validate(const struct incident *in, int64_t now,
			 struct ct_problems *p);
size_t org_validate(const struct org *o, struct ct_problems *p);
size_t user_validate(const struct user *u, struct ct_problems *p);

/* A region code: CT_REGION_MIN..CT_REGION_MAX uppercase ASCII letters. */
int ct_region_valid(const char *region);
/* Format / parse "AMS-2026-00123". */
enum ct_err case_reference_format(const char *region, int year,
				  unsigned seq, char out[CT_REFERENCE_SIZE]);
int case_reference_valid(const char *ref);

/*
 * Age in whole years on date `on`; -1 when born after `on`. Works for any
 * year (birth dates before 1970 included); someone born on 29 February
 * has a birthday on 1 March in other years.
 */
int ct_age_on(const struct ct_date *birth, const struct ct_date *on);

/*
 * Length in bytes (1..4) of the well-formed UTF-8 character at s, reading
 * at most `left` bytes; 0 when the bytes there are not one (a stray
 * continuation byte, an overlong form, a surrogate, a code point beyond
 * U+10FFFF or a truncated sequence). Text fields are checked with it.
 */
size_t validate_utf8_seq(const char *s, size_t left);

#endif
