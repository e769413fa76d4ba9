/*
 * demo_population.h - a deterministic, realistic synthetic population for
 * `casustafel demo`, the benchmark and tests.
 *
 * Three parts:
 *  - a fixed cast: six regions (NL: AMS, RTM, UTR; BE: LIM, ANT, OBR),
 *    organisations of every org type with Dutch/Flemish names, and users
 *    of every user role with readable user names ("coordinator.ams");
 *  - demo_case_generate(): case number k of the population of a seed, as
 *    plain structs in an arena. It is a pure function of (seed, k, today):
 *    no I/O, no global state, so it is tested without a database and the
 *    same seed on the same day always gives the same content;
 *  - the target mix it draws from, after seed 003 (evaluation of the THV
 *    in Amsterdam-Amstelland): table 4 for the type of violence (partner
 *    62%, ex-partner 10%, parent abuse 13%, combination 15%), minor
 *    children in ~55% of cases, table 5 for severity (very serious 45%,
 *    serious 40%, limited frequency 10%, once or a few 2.5%, unknown 2.5%).
 *
 * Dates are relative to `today` (the local date of generation) so that
 * children are minors and incidents lie in the past whenever the demo is
 * run. Names come from short lists of common Dutch and Flemish given and
 * family names, combined at random: no real people. Some persons carry a
 * BSN (NL) or rijksregisternummer (BE) computed with the real checksum.
 *
 * Record ids are left empty: store.h assigns them. Relations refer to
 * persons by index within the case (struct demo_relation).
 */
#ifndef CT_CLI_DEMO_POPULATION_H
#define CT_CLI_DEMO_POPULATION_H

#include <stddef.h>
#include <stdint.h>

#include "core/model.h"
#include "util/arena.h"
#include "util/civtime.h"

#define DEMO_SEED_DEFAULT UINT64_C(20260101)
#define DEMO_CASES_DEFAULT 300
#define DEMO_CASES_MAX 10000000

/* ---- the fixed cast ---- */

struct demo_region {
	const char *code; /* "AMS" */
	const char *name; /* "Amsterdam-Amstelland" */
	enum ct_country country;
	unsigned share_permille; /* of all cases */
};

struct demo_org {
	const char *name;
	enum org_type type;
	enum ct_country country;
	size_t region;     /* index into demo_regions() */
	const char *email; /* functional mailbox (.example domain) or NULL */
};

struct demo_user {
	const char *username;
	const char *display_name;
	size_t org;     /* index into demo_orgs() */
	uint32_t roles; /* bits 1 << enum user_role */
};

const struct demo_region *demo_regions(size_t *n);
const struct demo_org *demo_orgs(size_t *n);
const struct demo_user *demo_users(size_t *n);
/*
 * 1 for the demo users made without a second factor (agent2.ams,
 * coordinator2.lim), so a new user can try the enrolment with its QR code
 * at the first sign-in in the browser; 0 for every other user.
 */
int demo_user_without_totp(const struct demo_user *u);
/* The organisation that owns (coordinates) the cases of region r. */
size_t demo_region_owner_org(size_t region);

/* ---- one case ---- */

/* Seed 003 table 4: the evaluation categories. */
enum demo_category {
	DEMO_CAT_PARTNER,
	DEMO_CAT_EX_PARTNER,
	DEMO_CAT_PARENT_ABUSE,
	DEMO_CAT_COMBINATION,
	DEMO_CAT__COUNT
};
const char *demo_category_label(enum demo_category cat);

#define DEMO_PERSONS_MAX 8
#define DEMO_RELATIONS_MAX 32
#define DEMO_INCIDENTS_MAX 3

struct demo_relation {
	size_t a, b; /* indices into demo_case.persons */
	enum relation_kind kind;
};

struct demo_case {
	struct ct_case c; /* jurisdiction, region, pattern; no id or owner */
	size_t region;    /* index into demo_regions() */
	size_t owner_org; /* index into demo_orgs() */
	enum demo_category category;
	enum severity severity; /* of the case as a whole (table 5) */
	int has_minor_children;
	size_t n_persons;
	struct person persons[DEMO_PERSONS_MAX];
	size_t n_relations;
	struct demo_relation relations[DEMO_RELATIONS_MAX];
	size_t n_incidents;
	struct incident incidents[DEMO_INCIDENTS_MAX];
};

/*
 * Fill *out with case number k (0-based) of the population of seed, with
 * dates relative to today. Text is allocated in a (names, descriptions).
 * Every record passes the validators of core/validate.h for any `now`
 * within the day `today`.
 */
void demo_case_generate(uint64_t seed, uint64_t k, const struct ct_date *today,
			struct arena *a, struct demo_case *out);

/* ---- the restraining order of a case (issue 4) ---- */

/*
 * What happens to the case's order, drawn after seed 003 (evaluation of
 * the THV in Amsterdam-Amstelland: about 7 in 10 orders extended, 1 in 10
 * withdrawn, 1 in 5 violated, a quarter of the orders repeats) and seed
 * 000 par. 1 (BE: the family court extends or lifts). The plan is pure
 * data; cli/cmd_demo.c drives it through store_order's real steps, so
 * every demo order passed the legal checks of core/order.c. Steps dated
 * after the moment of the run are not taken: how far a story got depends
 * on its age, so every state occurs.
 */
enum demo_order_fate {
	DEMO_FATE_SCREENING,   /* opened a few hours ago, not decided yet */
	DEMO_FATE_NOT_IMPOSED, /* decided against: a minor subject (seed 001
				  hfst. 1: no order, a zorgmelding) */
	DEMO_FATE_EXPIRE,      /* not extended, runs its term */
	DEMO_FATE_EXTEND,      /* NL: the mayor extends; BE: family court */
	DEMO_FATE_END_EARLY,   /* NL: withdrawn by the mayor; BE: lifted */
	DEMO_FATE__COUNT
};

/* Permille of the fates of imposed orders (seed 003 figures). */
#define DEMO_ORDER_EXTEND_PERMILLE 700
#define DEMO_ORDER_END_EARLY_PERMILLE 100
#define DEMO_ORDER_VIOLATION_PERMILLE 200
/* A repeat for 1 in 3 first orders: a quarter of all orders. */
#define DEMO_ORDER_REPEAT_PERMILLE 333
#define DEMO_ORDER_SCREENING_PERMILLE 30
#define DEMO_ORDER_RECENT_PERMILLE 100 /* imposed within the last 8 days */
#define DEMO_ORDER_DAYS_MAX 200	       /* oldest call, days ago */

struct demo_order_plan {
	int has_order;
	enum demo_order_fate fate;
	size_t subject; /* index into demo_case.persons: the removed one */
	size_t protected_idx[DEMO_PERSONS_MAX]; /* under the contact ban */
	size_t n_protected;
	const char *place; /* the home: street, number, town */
	const char *facts; /* facts and circumstances of the decision */
	int days_ago;	   /* the police call, days before today */
	int hour, minute;  /* its local clock time */
	int violation;	   /* the ban is violated once */
	int violation_day; /* days after the imposition (2..6) */
	unsigned channel;  /* enum order_channel */
	unsigned response; /* enum order_response */
	int end_day;	   /* END_EARLY: days after the imposition (3..8) */
	int repeat;	   /* a new order on new facts after this one */
	int repeat_gap_days; /* from the first order's end to the new call */
	int repeat_extend;   /* the repeat order is extended */
	const char *new_facts;
};

/*
 * The order story of case dc (number k of seed's population). Orders are
 * made in the regions whose demo cast holds every legal role (AMS: police,
 * HOvJ, mayor; LIM: parket), for cases whose perpetrator was removed from
 * the home (role "removed"). Text is allocated in a. Pure, like
 * demo_case_generate, and drawn from a stream of its own, so the cases
 * themselves do not change.
 */
void demo_order_plan_generate(uint64_t seed, uint64_t k,
			      const struct ct_date *today,
			      const struct demo_case *dc, struct arena *a,
			      struct demo_order_plan *out);

/*
 * National identifiers with a valid checksum, for synthetic persons.
 * demo_bsn: 9 digits passing the elfproef; out needs CT_BSN_LEN + 1 bytes.
 * demo_rrn: YYMMDD + counter (odd for men, even for women) + check digits;
 * out needs CT_RRN_LEN + 1 bytes.
 */
struct prng;
void demo_bsn(struct prng *r, char out[CT_BSN_LEN + 1]);
void demo_rrn(struct prng *r, const struct ct_date *birth, enum person_sex sex,
	      char out[CT_RRN_LEN + 1]);

#endif
