/*
 * doc_model.h - what a generated document is made from.
 *
 * Three documents of the restraining order (issue 4 "Documents"), each in
 * its Dutch (NL) and Belgian (BE) legal form:
 *  - DOC_DECISION  NL: the beschikking tijdelijk huisverbod of the mayor
 *                  (or the HOvJ under mandate); BE: the written bevel of the
 *                  procureur des Konings that follows the oral decision.
 *  - DOC_EXTENSION NL: the mayor's beschikking verlenging (to at most 28
 *                  days in all); BE: the notice of the family court's
 *                  extension (to at most three months).
 *  - DOC_LETTER    the information letter to a remaining person.
 *
 * struct doc_input is plain data filled by the caller: from an order in
 * the server, from a JSON file in the command line (docs/doc_json.h). It
 * deliberately knows nothing of core/order.h, so the documents can be
 * built and tested on their own. Text fields are borrowed `const char *`
 * (UTF-8); NULL or "" means "not given". Instants are int64 UTC seconds
 * (util/civtime.h) and are shown in the civil time of the jurisdiction:
 * Europe/Amsterdam or Europe/Brussels, with the clock time.
 *
 * Which fields a document needs is decided by docs/doc_check.h, per kind
 * and jurisdiction, with the rule's source next to each requirement.
 */
#ifndef CT_DOCS_DOC_MODEL_H
#define CT_DOCS_DOC_MODEL_H

#include <stddef.h>
#include <stdint.h>

#include "util/civtime.h"
#include "util/err.h"

enum doc_kind {
	DOC_DECISION = 0,
	DOC_EXTENSION = 1,
	DOC_LETTER = 2,
};
#define DOC_KIND_COUNT 3

/* Who took the decision the document records. */
enum doc_decider_role {
	DOC_ROLE_NONE = 0,
	DOC_ROLE_MAYOR = 1,        /* NL: de burgemeester */
	DOC_ROLE_DEPUTY_MAYOR = 2, /* NL: wethouder als loco-burgemeester */
	DOC_ROLE_HOVJ = 3,         /* NL: hulpofficier van justitie, mandaat */
	DOC_ROLE_PROSECUTOR = 4,   /* BE: (substituut-)procureur des Konings */
};

/* NL: under which mandate the HOvJ acted (seed 001 ch. 3 "Mandatering"). */
enum doc_mandate {
	DOC_MANDATE_NONE = 0,     /* the mayor (or deputy) acted in person */
	DOC_MANDATE_DECIDING = 1, /* beslissingsmandaat: the HOvJ decided */
	DOC_MANDATE_SIGNING = 2,  /* ondertekeningsmandaat: mayor decided */
};

/* Limits on what one document may hold (enforced by doc_check/doc_json). */
#define DOC_LINE_MAX 200      /* a name, an address, a reference, bytes */
#define DOC_TEXT_MAX 8000     /* facts, grounds, views, bytes */
#define DOC_PROTECTED_MAX 12  /* persons under the contact ban */

struct doc_person {
	const char *name;     /* full name as it appears in the document */
	int has_birth_date;
	struct ct_date birth_date;
};

struct doc_input {
	enum doc_kind kind;
	enum ct_country jurisdiction;
	const char *case_reference; /* "AMS-2026-00123" */
	/* NL: the municipality ("Amsterdam"); BE: the judicial district
	 * of the parket ("Limburg"). */
	const char *authority;

	/* The decider and the mandate. */
	const char *decider_name;
	enum doc_decider_role decider_role;
	enum doc_mandate mandate;
	const char *mandate_reference; /* the mandaatbesluit, NL */

	struct doc_person removed; /* the person the order is directed at */
	const char *address;       /* the place the ban covers */
	int64_t start;             /* imposition (BE: the oral decision) */
	int64_t end;               /* end of the order (or of the extension) */
	int oral_first;            /* told orally before it was written */
	const char *facts;         /* facts and circumstances; grounds */
	const char *views;         /* the removed person's view (hearing) */
	const char *protected_names[DOC_PROTECTED_MAX];
	size_t protected_count;
	const char *stay_address; /* where the removed person stays */
	const char *stay_phone;

	/* Signing. */
	const char *signed_place;
	int has_signed_date;
	struct ct_date signed_date;

	/* DOC_EXTENSION: the end before the extension; BE: the court. */
	int64_t previous_end;
	const char *advice;     /* NL: the case coordinator's advice */
	const char *court;      /* BE: "familierechtbank Limburg, afdeling Hasselt" */
	int has_ruling_date;    /* BE: the date of the family court's ruling */
	struct ct_date ruling_date;

	/* DOC_LETTER: the remaining person it is addressed to. */
	const char *recipient_name;
	const char *recipient_address;
	const char *help_contact; /* Veilig Thuis / slachtofferonthaal */
};

/* Zero everything: no kind-specific data, NL, DOC_DECISION. */
void doc_input_init(struct doc_input *in);

/* "decision", "extension", "letter"; NULL for an unknown value. */
const char *doc_kind_code(enum doc_kind k);
/* The reverse; CT_ERR_INVALID (and *out untouched) for an unknown code. */
enum ct_err doc_kind_parse(const char *code, enum doc_kind *out);
/* "NL", "BE" and back. */
const char *doc_country_code(enum ct_country c);
enum ct_err doc_country_parse(const char *code, enum ct_country *out);
/* "mayor", "deputy_mayor", "hovj", "prosecutor" and back. */
const char *doc_role_code(enum doc_decider_role r);
enum ct_err doc_role_parse(const char *code, enum doc_decider_role *out);
/* "none", "deciding", "signing" and back. */
const char *doc_mandate_code(enum doc_mandate m);
enum ct_err doc_mandate_parse(const char *code, enum doc_mandate *out);

#endif
