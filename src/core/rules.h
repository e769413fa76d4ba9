/*
 * rules.h - the law of the restraining order (tijdelijk huisverbod), as
 * data: one rule set for the Netherlands (Wet tijdelijk huisverbod, Wth)
 * and one for Belgium (wet van 15 mei 2012 betreffende het tijdelijk
 * huisverbod, as amended by the Potpourri law).
 *
 * Every rule the order life cycle applies has a stable id ("nl.duration"),
 * a Dutch title and its source (seed file and section, article of the
 * law). A refused step names the rule it breaks (core/order.h), a dated
 * task names the rule that sets its deadline. Ids are stable: the API,
 * the journal and the work list store them; never reuse one.
 *
 * The numbers (10 / 14 days, 28 days, 3 months, 2 days, 24 hours, 6
 * weeks, 3 working days, 8 working days, monitoring 6 weeks / 3 months)
 * live in struct order_rules and nowhere else. Legal arithmetic is done
 * in the jurisdiction's civil time (util/civtime.h) and working days skip
 * that country's public holidays (util/holidays.h).
 *
 * Everything here is pure, thread-safe and allocation-free.
 */
#ifndef CT_CORE_RULES_H
#define CT_CORE_RULES_H

#include <stdint.h>

#include "util/civtime.h"
#include "util/err.h"

/* The rules by position; rules_rule() gives id, title and source. */
enum rules_id {
	/* both jurisdictions: the order of the steps */
	RULE_SEQUENCE,	   /* "order.sequence" */
	RULE_JURISDICTION, /* "order.jurisdiction" */
	RULE_POLICY,	   /* "order.actor" */
	/* Netherlands */
	RULE_NL_DURATION,	       /* "nl.duration" */
	RULE_NL_SUBJECT_ADULT,	       /* "nl.subject.adult" */
	RULE_NL_SUBJECT_RESIDENT,      /* "nl.subject.resident" */
	RULE_NL_DANGER,		       /* "nl.danger" */
	RULE_NL_VT_CONSULT_CHILDREN,   /* "nl.vt_consult_children" */
	RULE_NL_DECIDER,	       /* "nl.decider" */
	RULE_NL_MANDATE_DECIDING,      /* "nl.mandate.deciding" */
	RULE_NL_MANDATE_SIGNING,       /* "nl.mandate.signing" */
	RULE_NL_CONTENT,	       /* "nl.content" */
	RULE_NL_ORAL_THEN_WRITTEN,     /* "nl.oral_then_written" */
	RULE_NL_SERVICE,	       /* "nl.service" */
	RULE_NL_KEYS,		       /* "nl.keys" */
	RULE_NL_STAY_ADDRESS_24H,      /* "nl.stay_address_24h" */
	RULE_NL_INFORM,		       /* "nl.inform" */
	RULE_NL_EXTENSION_MAYOR_ONLY,  /* "nl.extension.mayor_only" */
	RULE_NL_EXTENSION_ONCE,	       /* "nl.extension.once" */
	RULE_NL_EXTENSION_MAX_TOTAL,   /* "nl.extension.max_total" */
	RULE_NL_EXTENSION_ADVICE,      /* "nl.extension.advice" */
	RULE_NL_WITHDRAWAL_MAYOR_ONLY, /* "nl.withdrawal.mayor_only" */
	RULE_NL_APPEAL_TERM,	       /* "nl.appeal.term" */
	RULE_NL_PROVISIONAL_HEARING,   /* "nl.provisional.hearing" */
	RULE_NL_REPEAT_NEW_FACTS,      /* "nl.repeat.new_facts" */
	RULE_NL_FIRST_CONTACT,	       /* "nl.help.first_contact" */
	RULE_NL_HELP_PLAN,	       /* "nl.help.plan" */
	RULE_NL_SYSTEM_TALK,	       /* "nl.help.system_talk" */
	RULE_NL_MONITORING,	       /* "nl.monitoring" */
	RULE_NL_VIOLATION,	       /* "nl.violation" */
	/* Belgium */
	RULE_BE_DURATION,	      /* "be.duration" */
	RULE_BE_DECIDER,	      /* "be.decider" */
	RULE_BE_ORAL_FIRST,	      /* "be.oral_first" */
	RULE_BE_CONTENT,	      /* "be.content" */
	RULE_BE_COURT_HEARING,	      /* "be.court_hearing_within_order" */
	RULE_BE_EXTENSION_COURT_ONLY, /* "be.extension.court_only" */
	RULE_BE_EXTENSION_MAX_MONTHS, /* "be.extension.max_months" */
	RULE_BE_WRITTEN_ADVICE,	      /* "be.advice_before_hearing" */
	RULE_BE_CASE_MANAGER_START,   /* "be.case_manager.first_working_day" */
	RULE_BE_REPEAT_NEW_FACTS,     /* "be.repeat.new_facts" */
	RULE_BE_VIOLATION,	      /* "be.violation" */
	RULES__COUNT
};

struct rules_rule {
	const char *id;	    /* stable, e.g. "nl.extension.max_total" */
	const char *title;  /* Dutch sentence stating the rule */
	const char *source; /* "Wth art. 2 lid 9; seed 001 hfst. 8" */
};

/* The rule at position id; CT_BUG when out of range. */
const struct rules_rule *rules_rule(enum rules_id id);
/* The rule with stable id text, or NULL. */
const struct rules_rule *rules_find(const char *id);

/*
 * One jurisdiction's numbers. Zero means "does not apply here" (BE has no
 * administrative appeal term, NL no family-court hearing).
 */
struct order_rules {
	enum ct_country country;
	enum ct_zone zone;
	int duration_days;	      /* NL 10, BE 14 (from the oral notice) */
	int max_extensions;	      /* NL 1 (once); BE 1 (one court ruling) */
	int extension_max_total_days; /* NL 28 in all; BE 0 */
	int extension_max_total_months;	      /* BE 3 in all; NL 0 */
	int extension_advice_days_before_end; /* NL 2 */
	int stay_address_hours;		      /* NL 24 */
	int appeal_weeks;		      /* NL 6 from bekendmaking */
	int provisional_hearing_working_days; /* NL 3 */
	int first_contact_days;		/* NL 1: the same or the next day */
	int help_plan_working_days;	/* NL 8 */
	int system_talk_first_day;	/* NL 6 (day 1 = day of imposition) */
	int system_talk_last_day;	/* NL 8 */
	int monitoring_check_weeks;	/* NL 6 after the end */
	int monitoring_months;		/* NL 3 after the end */
	int court_hearing_within_order; /* BE 1: family court within 14 days */
	int oral_first;			/* BE 1: told orally, written after */
	int office_hours_end;		/* BE 17: later = next working day */
	int mandate_allowed;		/* NL 1: HOvJ may impose on mandate */
};

/* The rule set of country c; never NULL. */
const struct order_rules *rules_for(enum ct_country c);

/* Days, weeks and months in the rule set's civil time (wall clock kept). */
enum ct_err rules_add_days(const struct order_rules *r, int64_t t, int days,
			   int64_t *out);
/*
 * t plus months in local time: same wall-clock time and day of the month,
 * or the month's last day when it is shorter (31 May + 3 months = 31
 * August; 30 November + 3 months = 28 or 29 February).
 */
enum ct_err rules_add_months(const struct order_rules *r, int64_t t, int months,
			     int64_t *out);

/* The last second (23:59:59 local) of the local date d. */
int64_t rules_end_of_day(const struct order_rules *r, const struct ct_date *d);

/*
 * The end of the n-th working day after the local date of t (n >= 1),
 * with the country's holidays: "within 3 working days".
 */
int64_t rules_working_days_deadline(const struct order_rules *r, int64_t t,
				    int n);

/* ends_at of an order imposed (told) at t: t + duration_days, local. */
enum ct_err rules_order_end(const struct order_rules *r, int64_t imposed_at,
			    int64_t *ends_at);
/* The latest ends_at an extension may set (28 days / 3 months in all). */
enum ct_err rules_extension_limit(const struct order_rules *r,
				  int64_t imposed_at, int64_t *limit);

/*
 * BE: the start of the case manager's work, the end of the first working
 * day that still has office hours after t (a Friday-night order: Monday;
 * a Thursday-night order before Easter Monday: Tuesday).
 */
int64_t rules_first_working_day(const struct order_rules *r, int64_t t);

/* Whole years of age on the local date of now; -1 if birth is later. */
int rules_age_years(const struct ct_date *birth, const struct ct_date *on);

#endif
