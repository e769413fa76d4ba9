/*
 * order.h - the restraining order (tijdelijk huisverbod) and its life
 * cycle: PRODUCT.md "Process 1", seeds 000 (BE), 001 (NL), 003.
 *
 * An order is changed only by STEPS. A step is a tagged union (struct
 * order_step: a kind with a stable code plus the details of that kind).
 * The life cycle is three pure functions over the jurisdiction's rule set
 * (core/rules.h):
 *
 *   order_check_step()  may this step happen now, by this actor, with
 *                       these details? CT_OK, or the refusal naming the
 *                       rule it breaks (id, Dutch title, source).
 *   order_apply_step()  the new state and dates (only after a CT_OK check).
 *   order_deadlines()   the dated tasks the order's state implies, each
 *                       for an organisation type and with its rule id.
 *
 * States:
 *   screening  -> imposed | not_imposed        (step "decide")
 *   imposed    -> extended (NL mayor / BE family court), withdrawn, lifted,
 *                 expired
 *   extended   -> withdrawn, lifted, expired
 *   expired, withdrawn, lifted -> closed        (step "monitoring_end")
 * A repeated order is a new order with repeat_of set and new facts given
 * (nl/be.repeat.new_facts); it is never a further extension.
 *
 * Memory: text fields are `const char *` borrowed from whoever filled the
 * struct (an arena, a JSON document), NULL = not given; order_apply_step
 * copies the step's pointers into the order, so they must outlive it.
 * Instants are int64 UTC seconds; 0 = not set.
 */
#ifndef CT_CORE_ORDER_H
#define CT_CORE_ORDER_H

#include <stddef.h>
#include <stdint.h>

#include "core/model.h"
#include "core/rules.h"
#include "core/vocab.h"
#include "util/civtime.h"
#include "util/err.h"
#include "util/uuid.h"

#define ORDER_TEXT_MAX 8000 /* facts, views, reasons: bytes */
#define ORDER_PLACE_MAX 200 /* address of the home */
#define ORDER_PHONE_MAX 40
#define ORDER_PROTECTED_MAX 16 /* persons under the contact ban */
#define ORDER_DEADLINES_MAX 24 /* order_deadlines never gives more */

enum order_state {
	ORDER_STATE_SCREENING,	 /* "screening": before the decision */
	ORDER_STATE_NOT_IMPOSED, /* "not_imposed": decided against */
	ORDER_STATE_IMPOSED,	 /* "imposed": the first 10 / 14 days */
	ORDER_STATE_EXTENDED,	 /* "extended" */
	ORDER_STATE_EXPIRED,	 /* "expired": ran its term; monitoring */
	ORDER_STATE_WITHDRAWN,	 /* "withdrawn" (NL mayor); monitoring */
	ORDER_STATE_LIFTED,	 /* "lifted" by a court; monitoring */
	ORDER_STATE_CLOSED,	 /* "closed": monitoring over */
	ORDER_STATE__COUNT
};

/* How the order came about (seed 001 hfst. 1-2). */
enum order_route {
	ORDER_ROUTE_ACUTE,	  /* "acute": police incident */
	ORDER_ROUTE_PLANNED,	  /* "planned": screening via weighing team */
	ORDER_ROUTE_VEILIG_THUIS, /* "veilig_thuis": known, no incident */
	ORDER_ROUTE__COUNT
};

/* Under which power the decision was taken (seed 001 hfst. 3 Mandaat). */
enum order_mandate {
	ORDER_MANDATE_NONE,	/* "none": the mayor / prosecutor self */
	ORDER_MANDATE_DECIDING, /* "deciding": beslissingsmandaat HOvJ */
	ORDER_MANDATE_SIGNING,	/* "signing": ondertekeningsmandaat HOvJ */
	ORDER_MANDATE__COUNT
};

/* How the decision reached the removed person (bekendmaking). */
enum order_service {
	ORDER_SERVICE_NONE,	    /* "none" */
	ORDER_SERVICE_IN_PERSON,    /* "in_person" */
	ORDER_SERVICE_TOWN_HALL,    /* "town_hall": deposited, person unfound */
	ORDER_SERVICE_STAY_ADDRESS, /* "stay_address" (extension) */
	ORDER_SERVICE_PROSECUTOR,   /* "prosecutor": BE, served by the parket */
	ORDER_SERVICE__COUNT
};

/* Who is informed (bit positions; Wth art. 2 lid 8, art. 5). */
enum order_party {
	ORDER_PARTY_REMAINING,	    /* "remaining": the persons who stay */
	ORDER_PARTY_VEILIG_THUIS,   /* "veilig_thuis" */
	ORDER_PARTY_LAWYER,	    /* "lawyer": duty lawyer, when asked */
	ORDER_PARTY_POLICE,	    /* "police" */
	ORDER_PARTY_MAYOR,	    /* "mayor": notified of a mandate order */
	ORDER_PARTY_VICTIM_SUPPORT, /* "victim_support": BE Justitiehuis */
	ORDER_PARTY_REMOVED,	    /* "removed": BE letter since 2020 */
	ORDER_PARTY__COUNT
};

/* Channel of a violation: any channel counts (seed 001 hfst. 5, 7). */
enum order_channel {
	ORDER_CHANNEL_VISIT,  /* "visit" */
	ORDER_CHANNEL_PHONE,  /* "phone" */
	ORDER_CHANNEL_TEXT,   /* "text_message" */
	ORDER_CHANNEL_SOCIAL, /* "social_media" */
	ORDER_CHANNEL_OTHER,  /* "other" */
	ORDER_CHANNEL__COUNT
};

/* The response to a violation. */
enum order_response {
	ORDER_RESPONSE_ARREST,	/* "arrest" */
	ORDER_RESPONSE_REPORT,	/* "report": proces-verbaal */
	ORDER_RESPONSE_WARNING, /* "warning" */
	ORDER_RESPONSE_OTHER,	/* "other" */
	ORDER_RESPONSE__COUNT
};

enum order_step_kind {
	ORDER_STEP_OPEN,	  /* "open": screening starts, route, subject */
	ORDER_STEP_ASSESS,	  /* "assess": risk assessment linked */
	ORDER_STEP_HEAR,	  /* "hear": a person's view recorded */
	ORDER_STEP_CONSULT_VT,	  /* "consult_vt": Veilig Thuis consulted */
	ORDER_STEP_DECIDE,	  /* "decide": impose or not */
	ORDER_STEP_WRITE,	  /* "write": written after the oral decision */
	ORDER_STEP_SERVE,	  /* "serve": bekendmaking */
	ORDER_STEP_KEYS,	  /* "keys": house keys taken, receipt */
	ORDER_STEP_STAY_ADDRESS,  /* "stay_address": address and phone */
	ORDER_STEP_INFORM,	  /* "inform": parties informed */
	ORDER_STEP_FIRST_CONTACT, /* "first_contact": help starts */
	ORDER_STEP_HELP_PLAN,	  /* "help_plan" */
	ORDER_STEP_SYSTEM_TALK,	  /* "system_talk" */
	ORDER_STEP_ADVICE,	  /* "advice": extension advice (BE written) */
	ORDER_STEP_HEARING,	  /* "court_hearing": BE family court */
	ORDER_STEP_EXTEND,	  /* "extend" */
	ORDER_STEP_NOT_EXTEND,	  /* "not_extend": decided against */
	ORDER_STEP_WITHDRAW,	  /* "withdraw" */
	ORDER_STEP_LIFT,	  /* "lift": court lifts / suspends */
	ORDER_STEP_EXPIRE,	  /* "expire": the term has run */
	ORDER_STEP_APPEAL,	  /* "appeal": NL administrative court */
	ORDER_STEP_PROVISIONAL,	  /* "provisional": request + hearing date */
	ORDER_STEP_VIOLATION,	  /* "violation" */
	ORDER_STEP_CRIMINAL,	  /* "criminal": parallel proceedings */
	ORDER_STEP_MONITORING_CHECK, /* "monitoring_check": 6 weeks */
	ORDER_STEP_MONITORING_END,   /* "monitoring_end": closes */
	ORDER_STEP__COUNT
};

/* Stable codes and Dutch labels. */
extern const struct vocab order_vocab_state;
extern const struct vocab order_vocab_route;
extern const struct vocab order_vocab_mandate;
extern const struct vocab order_vocab_service;
extern const struct vocab order_vocab_party;
extern const struct vocab order_vocab_channel;
extern const struct vocab order_vocab_response;
extern const struct vocab order_vocab_step;

struct order_violation {
	int64_t at;
	enum order_channel channel;
	enum order_response response;
	const char *description;
};

/* The order record. */
struct order {
	char id[CT_UUID_SIZE];
	char case_id[CT_UUID_SIZE];
	enum ct_country jurisdiction;
	enum order_state state;
	enum order_route route;
	char subject_person_id[CT_UUID_SIZE]; /* the removed person */
	char protected_person_ids[ORDER_PROTECTED_MAX][CT_UUID_SIZE];
	size_t n_protected;
	const char *place;		       /* the home, address text */
	char risk_assessment_id[CT_UUID_SIZE]; /* "" when none */
	int children_involved;
	int vt_consulted; /* NL art. 2 lid 3 consultation done */
	int64_t vt_consulted_at;
	int persons_heard; /* views recorded (hoorplicht) */
	/* decision */
	int64_t decided_at;
	int64_t imposed_at;	       /* start of the term (BE: oral notice) */
	int64_t ends_at;	       /* current end (after any extension) */
	int oral;		       /* told orally first */
	int64_t written_at;	       /* written down (0: not yet) */
	char decided_by[CT_UUID_SIZE]; /* user id */
	enum user_role decided_role;
	enum order_mandate mandate;
	char mayor_user_id[CT_UUID_SIZE]; /* the mayor who decided (signing) */
	const char *mandate_reference;	  /* the mandaatbesluit (NL mandate) */
	const char *facts;		  /* facts and circumstances */
	/* service and imposition steps */
	enum order_service served_how;
	int64_t served_at; /* bekendmaking: starts the appeal term */
	int keys_taken;
	int64_t keys_at;
	const char *stay_address;
	const char *stay_phone;
	int64_t stay_address_at;
	uint32_t informed; /* bits 1 << enum order_party */
	/* help */
	int64_t first_contact_at;
	int64_t help_plan_at;
	int64_t system_talk_at;
	/* extension */
	int64_t advice_at;
	int advice_extend;  /* the advice: 1 extend, 0 not */
	int64_t hearing_at; /* BE family-court hearing */
	int n_extensions;
	int64_t extended_at;
	int extension_refused; /* decided not to extend */
	/* end */
	int64_t ended_at; /* expired, withdrawn or lifted */
	const char *end_reason;
	/* court (NL) */
	int64_t appeal_at;
	int64_t provisional_at; /* request filed */
	int64_t provisional_hearing_at;
	/* violations and criminal law */
	int n_violations;
	int64_t last_violation_at;
	int criminal_proceedings;
	int detained;
	/* monitoring */
	int64_t monitoring_check_at;
	int64_t closed_at;
	/* repeat */
	char repeat_of[CT_UUID_SIZE]; /* "" when not a repeat */
	const char *new_facts;	      /* required for a repeat */
	int64_t created_at;
	int64_t version;
};

/* Details of each step kind; fields not used by a kind are ignored. */
struct order_step_open {
	enum order_route route;
	const char *subject_person_id;
	const char *const *protected_person_ids;
	size_t n_protected;
	const char *place;
	int children_involved;
	const char *repeat_of; /* NULL: a first order */
	const char *new_facts; /* required with repeat_of */
};

struct order_step_assess {
	const char *risk_assessment_id;
	int indicates_order; /* the instrument's outcome */
};

struct order_step_hear {
	const char *person_id;
	const char *view; /* the person's view (zienswijze) */
};

struct order_step_decide {
	int impose; /* 0: decided against */
	int oral;   /* told orally first */
	enum order_mandate mandate;
	const char *mayor_user_id; /* signing mandate: the mayor who decided */
	/*
	 * Under a mandate: the mayor's mandate decree it rests on (title and
	 * date); required, since a missing or unclear mandate voids the order.
	 */
	const char *mandate_reference;
	int64_t imposed_at; /* 0: the step's `at` */
	int64_t ends_at;    /* 0: computed; else must equal the rule */
	const char *place;  /* mandatory content: Wth art. 2 lid 4 */
	const char *facts;
	const char *const *protected_names;
	size_t n_protected_names;
	int subject_resides; /* lives / stays more than incidentally */
	int serious_danger;  /* serious and immediate danger */
};

struct order_step_serve {
	enum order_service how;
};

struct order_step_stay {
	const char *address;
	const char *phone;
};

struct order_step_inform {
	uint32_t parties; /* bits 1 << enum order_party */
};

struct order_step_advice {
	int extend; /* advise to extend? */
	const char *reasons;
	int written; /* BE: written advice to the prosecutor */
};

struct order_step_hearing {
	int64_t hearing_at; /* BE: the date set by the family court */
};

struct order_step_extend {
	int64_t until; /* 0: the legal maximum */
	const char *reasons;
};

struct order_step_end {
	const char *reason; /* withdraw / lift / not_extend: why */
};

struct order_step_court {
	int64_t hearing_at; /* provisional: hearing date, 0 if unknown */
};

struct order_step_violation {
	enum order_channel channel;
	enum order_response response;
	const char *description;
};

struct order_step_criminal {
	int detained;
	const char *note;
};

struct order_step {
	enum order_step_kind kind;
	int64_t at;	  /* when it happened (UTC); required */
	const char *note; /* free text for the journal; may be NULL */
	union {
		struct order_step_open open;
		struct order_step_assess assess;
		struct order_step_hear hear;
		struct order_step_decide decide;
		struct order_step_serve serve;
		struct order_step_stay stay;
		struct order_step_inform inform;
		struct order_step_advice advice;
		struct order_step_hearing hearing;
		struct order_step_extend extend;
		struct order_step_end end;
		struct order_step_court court;
		struct order_step_violation violation;
		struct order_step_criminal criminal;
	} u;
};

/* What the check needs besides the order: the actor and the persons. */
struct order_facts {
	int64_t now;
	const char *actor_user_id;
	uint32_t actor_roles; /* bits 1 << enum user_role */
	enum org_type actor_org_type;
	int subject_has_birth_date;
	struct ct_date subject_birth_date;
	int new_facts_given; /* reserved: a repeat is checked on
				open.new_facts text today */
};

/* Why a step was refused: the rule, by name, and the field at fault. */
struct order_refusal {
	enum ct_err code; /* CT_ERR_INVALID, CT_ERR_DENIED, CT_ERR_CONFLICT */
	const struct rules_rule *rule;	  /* never NULL after a refusal */
	char field[CT_PROBLEM_FIELD_MAX]; /* e.g. "details.until"; may be "" */
	char message[CT_ERROR_MESSAGE_MAX]; /* Dutch, names rule + source */
};

/* An empty order (state screening, jurisdiction c). */
void order_init(struct order *o, enum ct_country c);

/*
 * May step happen to o? CT_OK, or CT_ERR_INVALID (bad details, a date or
 * limit outside the law), CT_ERR_DENIED (this actor has not the power),
 * CT_ERR_CONFLICT (out of order for the state); *out is then filled and
 * out->rule names the broken rule. r must be rules_for(o->jurisdiction).
 * For ORDER_STEP_OPEN, o is the freshly initialised order.
 */
enum ct_err order_check_step(const struct order_rules *r, const struct order *o,
			     const struct order_step *step,
			     const struct order_facts *ctx,
			     struct order_refusal *out);

/*
 * Apply a checked step: move the state, set the dates. actor_user_id and
 * actor_role fill decided_by (decide). CT_BUG on a step the check would
 * refuse in its state.
 */
void order_apply_step(const struct order_rules *r, struct order *o,
		      const struct order_step *step,
		      const struct order_facts *ctx);

/* Step kinds (bits 1 << kind) that may come next in o's state. */
uint32_t order_next_steps(const struct order_rules *r, const struct order *o);

/* A dated task the order's state implies; worklist turns it into work. */
struct order_deadline {
	const char *code;	/* stable: "stay_address", "extension_advice" */
	const char *title;	/* Dutch */
	int64_t not_before;	/* 0, or the window's start (system talk) */
	int64_t due_at;		/* late after this instant */
	enum org_type org_type; /* the organisation that must act */
	const struct rules_rule *rule;
	int done; /* the step that meets it is recorded */
	/*
	 * 1: a term that runs out by itself (the appeal term): nobody has to
	 * act by due_at, so it is no task and never late; past due_at it has
	 * lapsed. done still says the step within it was recorded.
	 */
	int lapses;
};

/*
 * The deadlines of o in its state, in due order, at most
 * ORDER_DEADLINES_MAX; returns the count. Done ones are included with
 * done = 1 so that a task can be closed.
 */
size_t order_deadlines(const struct order_rules *r, const struct order *o,
		       struct order_deadline *out, size_t max);

/* Code of a step kind / state (stable), NULL when out of range. */
const char *order_step_code(enum order_step_kind k);
const char *order_state_code(enum order_state s);

#endif
