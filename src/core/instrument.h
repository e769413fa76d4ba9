/*
 * instrument.h - risk assessment instruments as data, and their rating.
 *
 * An instrument (the Dutch RiHG, a Veilig Huis first-line checklist, a
 * region's own) is a JSON file a region may replace, never code (PRODUCT.md
 * "Process 1", issue 4 "Risk assessment"). It has:
 *   - scales: named answer scales, each a list of codes with a label; a
 *     value marked "unknown" counts as "not known" when rules are weighed;
 *   - parts (sections), holding signals, each answered through items on
 *     an item scale and, when it names a rating_scale, rated on it (RiHG:
 *     yes/no items, then high / medium / low per signal, seed 001 ch. 3);
 *   - outcomes: ordered rules, the first that holds gives the outcome
 *     (RiHG: "two or more 'high' signals within one part indicate an
 *     order"); the last must hold always, so complete answers always
 *     give an outcome.
 *
 * File format (every member below is checked; unknown members refused):
 *   {"format": "casustafel-instrument/1", "id", "version", "title",
 *    "description", "jurisdiction": "NL"|"BE" (optional),
 *    "sources": [text], "notes": [text] (optional),
 *    "assessor_roles": [user_role code] (optional: who may fill it in),
 *    "scales": [{"id", "values": [{"code", "label", "unknown": bool}]}],
 *    "parts": [{"id", "title", "signals": [{"id", "text",
 *              "rating_scale": scale id (optional),
 *              "items": [{"id", "text", "scale": scale id}]}]}],
 *    "outcomes": [{"code", "label", "rule", "advice" (optional),
 *                  "when": {"always": true} |
 *                          {"signals_rated": code, "at_least": N,
 *                           "within_one_part": bool, "part": id,
 *                           "signals": [signal id]} |
 *                          {"items_answered": code, "at_least": N,
 *                           "part": id, "signals": [signal id]}}]}
 * Ids of parts, signals and items are unique across the instrument.
 *
 * Answers: {"items": {item id: code}, "signals": {signal id: code}}. An
 * item or signal left out is "not known yet". Weighing is three-valued:
 * a condition holds, fails, or depends on what is not known; the outcome
 * is the first rule that holds provided no earlier rule still depends on
 * unknowns; otherwise the result is undetermined and says which rule
 * waits for what.
 *
 * Contract: everything is pure; the caller reads the file. Loading
 * reports every problem at once with its JSON path ("parts[0].signals[3]
 * .items[1].scale"). A loaded instrument is immutable and may be shared
 * by threads; instrument_free() releases it.
 */
#ifndef CT_CORE_INSTRUMENT_H
#define CT_CORE_INSTRUMENT_H

#include <stddef.h>
#include <stdint.h>

#include <jansson.h>

#include "util/arena.h"
#include "util/err.h"

#define INSTRUMENT_FORMAT "casustafel-instrument/1"
#define INSTRUMENT_FILE_MAX ((size_t)256 * 1024) /* bytes of JSON */
#define INSTRUMENT_ID_MAX 40	      /* bytes in an id or code */
#define INSTRUMENT_TEXT_MAX 4000      /* bytes in a text */
#define INSTRUMENT_SCALES_MAX 8
#define INSTRUMENT_SCALE_VALUES_MAX 8
#define INSTRUMENT_CODES_MAX 16	      /* distinct codes over all scales */
#define INSTRUMENT_PARTS_MAX 12
#define INSTRUMENT_SIGNALS_MAX 100    /* in the whole instrument */
#define INSTRUMENT_ITEMS_MAX 400      /* in the whole instrument */
#define INSTRUMENT_OUTCOMES_MAX 8
#define INSTRUMENT_LIST_MAX 32	      /* sources, notes, roles, signals */
#define INSTRUMENT_AT_LEAST_MAX 1000
#define INSTRUMENT_BECAUSE_MAX 600
#define INSTRUMENT_SET_MAX 32	      /* instruments loaded at once */

struct instrument_value {
	const char *code;
	const char *label;
	int is_unknown; /* "unknown": true: weighs as not known */
};

struct instrument_scale {
	const char *id;
	struct instrument_value *values;
	size_t n_values;
};

struct instrument_item {
	const char *id;
	const char *text;
	const struct instrument_scale *scale;
	size_t signal; /* index into instrument.signals */
};

struct instrument_signal {
	const char *id;
	const char *text;
	const struct instrument_scale *rating_scale; /* NULL: not rated */
	size_t part;	  /* index into instrument.parts */
	size_t first_item; /* its items: instrument.items[first_item..] */
	size_t n_items;
};

struct instrument_part {
	const char *id;
	const char *title;
	size_t first_signal; /* instrument.signals[first_signal..] */
	size_t n_signals;
};

enum instrument_cond_kind {
	INSTRUMENT_COND_ALWAYS,
	INSTRUMENT_COND_SIGNALS_RATED,
	INSTRUMENT_COND_ITEMS_ANSWERED,
};

struct instrument_condition {
	enum instrument_cond_kind kind;
	const char *code;    /* the rating or answer code counted */
	unsigned at_least;   /* 1..INSTRUMENT_AT_LEAST_MAX */
	int within_one_part; /* count per part; holds if any part reaches */
	int part;	     /* -1: all parts, else index */
	/* when n_signals > 0: only these signals (indexes) count */
	size_t signals[INSTRUMENT_LIST_MAX];
	size_t n_signals;
};

struct instrument_outcome {
	const char *code;
	const char *label;
	const char *rule;   /* the rule in words, with its source */
	const char *advice; /* what follows from it; may be NULL */
	struct instrument_condition when;
};

struct instrument {
	const char *id;
	const char *version;
	const char *title;
	const char *description;
	const char *jurisdiction; /* "NL", "BE" or NULL */
	const char **sources;
	size_t n_sources;
	const char **notes;
	size_t n_notes;
	uint32_t assessor_roles; /* bits 1 << enum user_role; 0 = any role */
	struct instrument_scale *scales;
	size_t n_scales;
	struct instrument_part *parts;
	size_t n_parts;
	struct instrument_signal *signals;
	size_t n_signals;
	struct instrument_item *items;
	size_t n_items;
	struct instrument_outcome *outcomes;
	size_t n_outcomes;
	/* distinct rating codes and item answer codes, in scale order */
	const char *rating_codes[INSTRUMENT_CODES_MAX];
	size_t n_rating_codes;
	const char *answer_codes[INSTRUMENT_CODES_MAX];
	size_t n_answer_codes;
	struct arena arena; /* everything above lives here */
};

/*
 * Parse and check the JSON text [text, text+len) (not NUL-terminated
 * necessarily). On success *out is a new instrument. On refusal every
 * problem is in p (field = JSON path) and CT_ERR_INVALID is returned;
 * a text over INSTRUMENT_FILE_MAX is CT_ERR_LIMIT.
 */
enum ct_err instrument_parse(const char *text, size_t len,
			     struct instrument **out, struct ct_problems *p);
void instrument_free(struct instrument *ins);

/* Lookups; -1 / NULL when absent. */
int instrument_signal_index(const struct instrument *ins, const char *id);
int instrument_item_index(const struct instrument *ins, const char *id);
const struct instrument_outcome *
instrument_outcome_find(const struct instrument *ins, const char *code);
/* Index into scale->values of code, or -1. */
int instrument_scale_value(const struct instrument_scale *scale,
			   const char *code);

/* The instrument's description as JSON (API and `instrument show`). */
json_t *instrument_to_json(const struct instrument *ins);
/* Short form for lists: id, version, title, jurisdiction. */
json_t *instrument_summary_json(const struct instrument *ins);

/* Answers: per item and signal the value index in its scale, -1 absent. */
struct instrument_answers {
	int item[INSTRUMENT_ITEMS_MAX];
	int signal[INSTRUMENT_SIGNALS_MAX];
};

void instrument_answers_init(struct instrument_answers *a);
/*
 * Read {"items": {...}, "signals": {...}} for ins. Every problem goes into
 * p with its path under `field` (e.g. "answers.items.A1.2: onbekend
 * item"): an unknown item or signal, a code not on its scale, a rating
 * of a signal that is not rated, a value that is no string. Returns the
 * number of problems added.
 */
size_t instrument_answers_from_json(const struct instrument *ins,
				    const json_t *j, const char *field,
				    struct instrument_answers *out,
				    struct ct_problems *p);
/* The answers in canonical form (only the given ones, file order). */
json_t *instrument_answers_to_json(const struct instrument *ins,
				   const struct instrument_answers *a);

struct instrument_part_result {
	size_t rating_counts[INSTRUMENT_CODES_MAX]; /* by rating_codes */
	size_t unrated; /* rated signals without a (known) rating */
	size_t answer_counts[INSTRUMENT_CODES_MAX]; /* by answer_codes */
	size_t unanswered; /* items without a (known) answer */
};

struct instrument_result {
	size_t n_parts;
	struct instrument_part_result parts[INSTRUMENT_PARTS_MAX];
	int determined; /* 1: outcome is set */
	int outcome;	/* index into ins->outcomes; -1 when undetermined */
	/* Dutch: the rule that decided and the counts behind it, or what
	 * the outcome still waits for */
	char because[INSTRUMENT_BECAUSE_MAX];
};

/* Weigh answers a against the outcome rules of ins. Pure. */
void instrument_rate(const struct instrument *ins,
		     const struct instrument_answers *a,
		     struct instrument_result *out);
/* The result as JSON: outcome, label, rule, advice, because, parts. */
json_t *instrument_result_to_json(const struct instrument *ins,
				  const struct instrument_result *r);

/*
 * May a user with roles (bits of enum user_role) fill in ins? 1 when
 * ins->assessor_roles is 0 or shares a role with roles.
 */
int instrument_may_assess(const struct instrument *ins, uint32_t roles);

/* A set of loaded instruments, looked up by id (the newest version). */
struct instrument_set {
	struct instrument *items[INSTRUMENT_SET_MAX];
	size_t n;
};

void instrument_set_init(struct instrument_set *s);
/* Takes ins; CT_ERR_EXISTS when id and version are already there. */
enum ct_err instrument_set_add(struct instrument_set *s,
			       struct instrument *ins, struct ct_error *err);
/* By id (and version when not NULL); NULL when absent. */
const struct instrument *instrument_set_find(const struct instrument_set *s,
					     const char *id,
					     const char *version);
void instrument_set_release(struct instrument_set *s);

#endif
