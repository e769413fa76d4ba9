/*
 * order_tasks.h - which organisation on the case team does each of an
 * order's deadlines (issue 4 "Deadlines and the work list").
 *
 * core/order.h's order_deadlines() says WHAT must happen by WHEN and
 * which TYPE of organisation must act (police, municipality, Veilig
 * Thuis, ...). A task in the work list belongs to one ORGANISATION. This
 * module is the pure step between the two: given the order, its
 * deadlines and the case's current team (ids and types, read by the
 * caller), it names the organisation and the task title.
 *
 * The rules, in this order (each with its source in order_tasks.c):
 *  1. The acting type. A deadline's type, except that the mayor's duties
 *     at imposition pass to the police when a hulpofficier van justitie
 *     decided or signed under a mandate ("De burgemeester/HOvJ
 *     registreert", seed 001 hfst. 3 'Het opleggen van een huisverbod'
 *     punt 5): the 24-hour stay address.
 *  2. Stand-ins. A court is not a user of Casustafel: a court's date is
 *     the work of the party that appears before it: NL the mayor (the
 *     municipality) who defends the decision (Wth art. 6; seed 001 hfst.
 *     3 'Beroep en voorlopige voorziening'), BE the parketmagistraat who
 *     attends the family-court hearing (seed 000 §3.1).
 *  3. The organisation. The case owner when it has the acting type;
 *     else the earliest team member with that type. Coordinator work
 *     (Veilig Thuis, Veilig Huis, FJC, Blijf Groep: "case coordinator" in
 *     PRODUCT.md) goes to the case-owning care organisation, or else to
 *     the first care organisation on the team, whichever of those types
 *     it has (the Limburg Veilig Huis is an FJC, seed 000 §3).
 *  4. Never drop a legal deadline: when no organisation on the team has
 *     the type, the task goes to the case owner and its title says so:
 *     "... (geen politie in het casusteam)".
 *
 * Memory: org ids in the result are borrowed from the team; titles are
 * copied into the result. Nothing is allocated.
 */
#ifndef CT_CORE_ORDER_TASKS_H
#define CT_CORE_ORDER_TASKS_H

#include <stddef.h>
#include <stdint.h>

#include "core/order.h"
#include "core/vocab.h"

/* Bytes of a task title, terminator included (store: 200 without). */
#define ORDER_TASKS_TITLE_SIZE 201

/* One current member of the case team. */
struct order_tasks_member {
	const char *org_id;
	enum org_type type;
};

/* The case team as the assignment needs it; the owner may be listed in
 * members too. */
struct order_tasks_team {
	const char *owner_org_id; /* never NULL */
	enum org_type owner_type;
	const struct order_tasks_member *members;
	size_t n_members;
};

/* One deadline, assigned. */
struct order_task {
	const char *code;    /* the deadline's code: the task's kind */
	const char *rule_id; /* the rule behind the deadline */
	int64_t due_at;
	int done;		/* the deadline is met: close the task */
	const char *org_id;	/* borrowed from the team */
	enum org_type org_type; /* the type that must act (rules 1-2) */
	int fallback;		/* no such organisation: the case owner */
	char title[ORDER_TASKS_TITLE_SIZE];
};

/*
 * The type of organisation that must act on d for order o (rules 1 and
 * 2 above): d->org_type, the police for the HOvJ's imposition duties,
 * or the court's stand-in.
 */
enum org_type order_tasks_acting_type(const struct order *o,
				      const struct order_deadline *d);

/*
 * The organisation of team that does the work of type (rule 3); NULL
 * when none has it (the caller then falls back, rule 4).
 */
const char *order_tasks_org(const struct order_tasks_team *team,
			    enum org_type type);

/*
 * Assign d: fill *out (code, rule, due, done, organisation, title with
 * the fallback note when needed). CT_BUG on a team without an owner.
 */
void order_tasks_assign(const struct order *o, const struct order_deadline *d,
			const struct order_tasks_team *team,
			struct order_task *out);

/*
 * Assign deadlines[0..n) into out[0..n) (out has room for n); returns n.
 */
size_t order_tasks_assign_all(const struct order *o,
			      const struct order_deadline *deadlines, size_t n,
			      const struct order_tasks_team *team,
			      struct order_task *out);

#endif
