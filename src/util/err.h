/*
 * err.h - the one error enum, and the detail a user reads.
 *
 * Every fallible function returns enum ct_err (0 = CT_OK). The numbers are
 * stable: they appear in logs and, later, in the API; never renumber, only
 * append. Detail for the user goes into an optional struct ct_error, whose
 * message is a complete sentence in plain words ("veld 'geboortedatum':
 * datum ligt in de toekomst"), and, for validation, into a struct
 * ct_problems that lists every problem at once, field by field.
 */
#ifndef CT_UTIL_ERR_H
#define CT_UTIL_ERR_H

#include <stddef.h>

#include "util/compat.h"

enum ct_err {
	CT_OK = 0,
	CT_ERR_NOMEM = 1,       /* reserved: allocation failure aborts */
	CT_ERR_INVALID = 2,     /* input failed validation */
	CT_ERR_NOTFOUND = 3,    /* no such record (or not visible) */
	CT_ERR_CONFLICT = 4,    /* stale version: someone else changed it */
	CT_ERR_IO = 5,          /* file or device error */
	CT_ERR_DB = 6,          /* database error not covered below */
	CT_ERR_DB_CORRUPT = 7,  /* database file is damaged */
	CT_ERR_DB_NEWER = 8,    /* database made by a newer Casustafel */
	CT_ERR_DB_FOREIGN = 9,  /* file is not a Casustafel database */
	CT_ERR_DISK_FULL = 10,  /* no space left */
	CT_ERR_READONLY = 11,   /* database or directory not writable */
	CT_ERR_TAMPERED = 12,   /* a hash chain does not verify */
	CT_ERR_EXISTS = 13,     /* record already exists */
	CT_ERR_DENIED = 14,     /* not allowed */
	CT_ERR_USAGE = 15,      /* bad command-line usage */
	CT_ERR_CONFIG = 16,     /* bad configuration */
	CT_ERR_LIMIT = 17,      /* a size or count limit was exceeded */
	CT_ERR_BUSY = 18,       /* database locked by another process */
	CT_ERR_INTERNAL = 19,   /* unexpected failure; see the log */
	CT_ERR__COUNT
};

/* A short Dutch description of the code; never NULL. */
const char *ct_strerror(enum ct_err code);

#define CT_ERROR_MESSAGE_MAX 512

/* Detail of one failure: the code and a sentence for the user. */
struct ct_error {
	enum ct_err code;
	char message[CT_ERROR_MESSAGE_MAX];
};

/* Clear err (may be NULL). */
void ct_error_clear(struct ct_error *err);

/*
 * Record code and a formatted message in err (may be NULL) and return code,
 * so that callers can write `return ct_error_set(err, CT_ERR_IO, ...)`.
 * An earlier message is replaced. The message is truncated to fit.
 */
enum ct_err ct_error_set(struct ct_error *err, enum ct_err code,
			 const char *fmt, ...) CT_PRINTF(3, 4);

/* ------------------------------------------------------------------ */
/* Validation problems: every problem at once, each tied to a field.  */

#define CT_PROBLEMS_MAX 32
#define CT_PROBLEM_FIELD_MAX 64
#define CT_PROBLEM_MESSAGE_MAX 200

struct ct_problem {
	char field[CT_PROBLEM_FIELD_MAX];     /* e.g. "persons[2].bsn" */
	char message[CT_PROBLEM_MESSAGE_MAX]; /* Dutch, for a coordinator */
};

struct ct_problems {
	size_t count;   /* problems stored, at most CT_PROBLEMS_MAX */
	size_t dropped; /* further problems that did not fit */
	struct ct_problem items[CT_PROBLEMS_MAX];
};

void ct_problems_init(struct ct_problems *p);
void ct_problems_add(struct ct_problems *p, const char *field,
		     const char *fmt, ...) CT_PRINTF(3, 4);
static inline int
ct_problems_any(const struct ct_problems *p)
{
	return p->count > 0 || p->dropped > 0;
}

/*
 * Join all problems into err as one message ("veld: bericht; veld: ...")
 * with code CT_ERR_INVALID, and return CT_ERR_INVALID; or return CT_OK if
 * there are none.
 */
enum ct_err ct_problems_to_error(const struct ct_problems *p,
				 struct ct_error *err);

#endif
