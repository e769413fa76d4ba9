/*
 * store_assessment.h - risk assessments of a case (issue 4).
 *
 * An assessment records a filled-in instrument (core/instrument.h): the
 * instrument's id and version, who filled it in (user, organisation,
 * role, label) and when, the answers and the computed result as JSON
 * text, and the outcome code the rules gave (NULL while undetermined).
 * The store does not know instruments: the caller computes the result
 * and checks codes against the instrument before calling.
 *
 * An outcome may be overridden once, with a reason (at least
 * STORE_REASON_MIN bytes), never silently: the computed outcome stays,
 * the override is stored beside it. Adding and overriding are journaled
 * on the case ("assessment.add", "assessment.override") in the same
 * transaction. A correction after an override is a new assessment.
 */
#ifndef CT_STORE_STORE_ASSESSMENT_H
#define CT_STORE_STORE_ASSESSMENT_H

#include <stddef.h>
#include <stdint.h>

#include <jansson.h>

#include "store/store.h"
#include "store/store_team.h"

#define STORE_ASSESSMENT_ID_MAX 40   /* instrument id, version, codes */
#define STORE_ASSESSMENT_JSON_MAX ((size_t)256 * 1024)

struct assessment {
	char id[CT_UUID_SIZE];
	char case_id[CT_UUID_SIZE];
	const char *instrument_id;
	const char *instrument_version;
	const char *assessor_user_id; /* may be NULL (command line) */
	const char *assessor_org_id;  /* may be NULL */
	const char *assessor_role;    /* enum user_role code */
	const char *assessor_label;   /* set by the store from the actor */
	int64_t assessed_at;	      /* set by the store: now */
	const char *answers_json;     /* canonical answers */
	const char *result_json;      /* instrument_result_to_json */
	const char *outcome;	      /* NULL: undetermined */
	/* override; override_at 0 while none */
	const char *override_outcome;
	const char *override_reason;
	const char *override_by;      /* actor label */
	const char *override_user_id; /* may be NULL */
	int64_t override_at;
	int64_t version;
};

/*
 * Add a; case_id, instrument_id, instrument_version, assessor_role,
 * answers_json, result_json (and outcome) are input, the user and
 * organisation come from who. The store assigns id, assessed_at, label
 * and version 1. CT_ERR_NOTFOUND for a missing case.
 */
enum ct_err store_assessment_add(struct store *st,
				 const struct store_actor *who,
				 struct assessment *a, struct ct_error *err);
/* One assessment of case_id (CT_ERR_NOTFOUND when not of that case). */
enum ct_err store_assessment_get(struct store *st, const char *case_id,
				 const char *id, struct arena *ar,
				 struct assessment *out, struct ct_error *err);
/* All assessments of a case, oldest first. */
enum ct_err store_assessment_list(struct store *st, const char *case_id,
				  struct arena *ar, struct assessment **out,
				  size_t *n, struct ct_error *err);
/*
 * Override the outcome of assessment id of case_id with outcome and
 * reason. CT_ERR_INVALID for an empty outcome or a short reason,
 * CT_ERR_EXISTS when already overridden, CT_ERR_NOTFOUND when absent.
 * On success *out (may be NULL) receives the record as stored.
 */
enum ct_err store_assessment_override(struct store *st,
				      const struct store_actor *who,
				      const char *case_id, const char *id,
				      const char *outcome, const char *reason,
				      struct arena *ar, struct assessment *out,
				      struct ct_error *err);

/* The record as JSON (answers and result parsed back into objects). */
json_t *store_assessment_to_json(const struct assessment *a);

#endif
