/*
 * order_tasks.c - the organisation on the case team that does each of
 * an order's deadlines (contract and rules: order_tasks.h).
 *
 * Three small tables carry the rules: the deadlines the HOvJ takes over
 * from the mayor under a mandate, the court's stand-in per country, and
 * the care-coordination types. Everything else is a walk over the team,
 * which has a handful of members, so no index is worth keeping.
 */
#include "core/order_tasks.h"

#include <stdio.h>
#include <string.h>

#include "util/compat.h"
#include "util/banned.h"

/*
 * Rule 1: the mayor's activities at imposition that the HOvJ performs
 * when he decided (beslissingsmandaat) or signed (ondertekeningsmandaat):
 * "Als de burgemeester (of bij volmandaat de HOvJ) besluit [...] moet hij
 * de volgende activiteiten uitvoeren [...] 5. De burgemeester/HOvJ
 * registreert de contactgegevens van de uithuisgeplaatste" (seed 001
 * hfst. 3 'Het opleggen van een huisverbod' punt 5; Wth art. 2 lid 6).
 * Only deadlines order_deadlines() gives to the municipality are listed;
 * the extension and the end stay the mayor's (Wth art. 9: no mandate).
 */
static const char *const hovj_duties[] = {
	"stay_address",
};

static int
is_hovj_duty(const char *code)
{
	size_t i;

	for (i = 0; code && i < sizeof(hovj_duties) / sizeof(hovj_duties[0]);
	     i++)
		if (strcmp(code, hovj_duties[i]) == 0)
			return 1;
	return 0;
}

/* Rule 3: the organisations that do the case coordinator's work. */
static int
is_care_coordination(enum org_type t)
{
	return t == ORG_TYPE_VEILIG_THUIS || t == ORG_TYPE_VEILIG_HUIS ||
	       t == ORG_TYPE_FJC || t == ORG_TYPE_BLIJF_GROEP;
}

enum org_type
order_tasks_acting_type(const struct order *o, const struct order_deadline *d)
{
	if (d->org_type == ORG_TYPE_MUNICIPALITY &&
	    o->jurisdiction == CT_COUNTRY_NL &&
	    o->mandate != ORDER_MANDATE_NONE && is_hovj_duty(d->code))
		return ORG_TYPE_POLICE;
	/* Rule 2: the party that appears before the court. NL: the mayor
	 * defends his decision before the bestuursrechter (Wth art. 6; seed
	 * 001 hfst. 3 'Beroep en voorlopige voorziening'). BE: "een
	 * schriftelijk advies voor de parketmagistraat die op de zitting
	 * aanwezig zal zijn" (seed 000 §3.1). */
	if (d->org_type == ORG_TYPE_COURT)
		return o->jurisdiction == CT_COUNTRY_BE ? ORG_TYPE_PROSECUTOR
							: ORG_TYPE_MUNICIPALITY;
	return d->org_type;
}

static const char *
first_member(const struct order_tasks_team *team, enum org_type type,
	     int care_family)
{
	size_t i;

	for (i = 0; i < team->n_members; i++) {
		enum org_type t = team->members[i].type;

		if (t == type || (care_family && is_care_coordination(t)))
			return team->members[i].org_id;
	}
	return NULL;
}

const char *
order_tasks_org(const struct order_tasks_team *team, enum org_type type)
{
	int care = is_care_coordination(type);
	const char *id;

	if (!team->owner_org_id)
		CT_BUG("order_tasks_org: a case team without an owner");
	if (team->owner_type == type ||
	    (care && is_care_coordination(team->owner_type)))
		return team->owner_org_id;
	id = first_member(team, type, 0);
	if (!id && care)
		id = first_member(team, type, 1);
	return id;
}

/* "geen <what> in het casusteam": the missing organisation in words. */
static const char *
missing_words(enum org_type type, enum ct_country c)
{
	if (is_care_coordination(type))
		return c == CT_COUNTRY_BE ? "Veilig Huis" : "Veilig Thuis";
	switch (type) {
	case ORG_TYPE_POLICE:
		return "politie";
	case ORG_TYPE_MUNICIPALITY:
		return "gemeente";
	case ORG_TYPE_PROSECUTOR:
		return c == CT_COUNTRY_BE ? "parket" : "Openbaar Ministerie";
	case ORG_TYPE_COURT:
		return "rechtbank";
	default:
		return vocab_label(&vocab_org_type, (unsigned)type);
	}
}

void
order_tasks_assign(const struct order *o, const struct order_deadline *d,
		   const struct order_tasks_team *team, struct order_task *out)
{
	const char *title = d->title ? d->title : d->code;

	memset(out, 0, sizeof(*out));
	out->code = d->code;
	out->rule_id = d->rule ? d->rule->id : NULL;
	out->due_at = d->due_at;
	out->done = d->done;
	out->org_type = order_tasks_acting_type(o, d);
	out->org_id = order_tasks_org(team, out->org_type);
	if (out->org_id) {
		snprintf(out->title, sizeof(out->title), "%s", title);
		return;
	}
	/* Rule 4: never drop a legal deadline. */
	out->org_id = team->owner_org_id;
	out->fallback = 1;
	snprintf(out->title, sizeof(out->title),
		 "%s (geen %s in het casusteam)", title,
		 missing_words(out->org_type, o->jurisdiction));
}

size_t
order_tasks_assign_all(const struct order *o,
		       const struct order_deadline *deadlines, size_t n,
		       const struct order_tasks_team *team,
		       struct order_task *out)
{
	size_t i;

	for (i = 0; i < n; i++)
		order_tasks_assign(o, &deadlines[i], team, &out[i]);
	return n;
}
