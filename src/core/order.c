/*
 * order.c - the life cycle of a restraining order: check a step against
 * the jurisdiction's rules, apply it, list the deadlines it implies.
 *
 * The check runs in a fixed order so that the refusal names the most
 * fundamental broken rule first: the step's place in the life cycle
 * (order.sequence), whether the jurisdiction knows the step
 * (order.jurisdiction), who may take it (the decider and mandate rules),
 * then its content and dates. Every refusal carries a rules_rule; nothing
 * here reads a clock or allocates: ctx->now comes from the caller.
 */
#include <stdarg.h>
#include <stdio.h>
#include <string.h>

#include "core/order.h"
#include "util/compat.h"
#include "util/holidays.h"
#include "util/banned.h"

#define VOCAB_DEFINE(var, vname, table, enum_count)                            \
	_Static_assert(CT_ARRAY_SIZE(table) == (enum_count),                   \
		       "table " #table " does not match its enum");            \
	_Static_assert((enum_count) <= 32, "mask needs <= 32 terms");          \
	const struct vocab var = {vname, table, CT_ARRAY_SIZE(table)}

static const struct vocab_term state_terms[] = {
	[ORDER_STATE_SCREENING] = {"screening", "Screening"},
	[ORDER_STATE_NOT_IMPOSED] = {"not_imposed", "Niet opgelegd"},
	[ORDER_STATE_IMPOSED] = {"imposed", "Opgelegd"},
	[ORDER_STATE_EXTENDED] = {"extended", "Verlengd"},
	[ORDER_STATE_EXPIRED] = {"expired", "Afgelopen"},
	[ORDER_STATE_WITHDRAWN] = {"withdrawn", "Ingetrokken"},
	[ORDER_STATE_LIFTED] = {"lifted", "Opgeheven door de rechter"},
	[ORDER_STATE_CLOSED] = {"closed", "Afgesloten na monitoring"},
};
VOCAB_DEFINE(order_vocab_state, "order_state", state_terms, ORDER_STATE__COUNT);

static const struct vocab_term route_terms[] = {
	[ORDER_ROUTE_ACUTE] = {"acute", "Acuut incident (politie)"},
	[ORDER_ROUTE_PLANNED] = {"planned", "Geplande screening (weegteam)"},
	[ORDER_ROUTE_VEILIG_THUIS] = {"veilig_thuis",
				      "Bekend bij Veilig Thuis"},
};
VOCAB_DEFINE(order_vocab_route, "order_route", route_terms, ORDER_ROUTE__COUNT);

static const struct vocab_term mandate_terms[] = {
	[ORDER_MANDATE_NONE] = {"none", "Zonder mandaat"},
	[ORDER_MANDATE_DECIDING] = {"deciding", "Beslissingsmandaat"},
	[ORDER_MANDATE_SIGNING] = {"signing", "Ondertekeningsmandaat"},
};
VOCAB_DEFINE(order_vocab_mandate, "order_mandate", mandate_terms,
	     ORDER_MANDATE__COUNT);

static const struct vocab_term service_terms[] = {
	[ORDER_SERVICE_NONE] = {"none", "Niet uitgereikt"},
	[ORDER_SERVICE_IN_PERSON] = {"in_person", "In persoon uitgereikt"},
	[ORDER_SERVICE_TOWN_HALL] = {"town_hall",
				     "Neergelegd bij de gemeentesecretarie"},
	[ORDER_SERVICE_STAY_ADDRESS] = {"stay_address",
					"Uitgereikt op het verblijfadres"},
	[ORDER_SERVICE_PROSECUTOR] = {"prosecutor", "Betekend door het parket"},
};
VOCAB_DEFINE(order_vocab_service, "order_service", service_terms,
	     ORDER_SERVICE__COUNT);

static const struct vocab_term party_terms[] = {
	[ORDER_PARTY_REMAINING] = {"remaining", "Achterblijvers"},
	[ORDER_PARTY_VEILIG_THUIS] = {"veilig_thuis", "Veilig Thuis"},
	[ORDER_PARTY_LAWYER] = {"lawyer", "Piketadvocaat"},
	[ORDER_PARTY_POLICE] = {"police", "Politie"},
	[ORDER_PARTY_MAYOR] = {"mayor", "Burgemeester"},
	[ORDER_PARTY_VICTIM_SUPPORT] = {"victim_support", "Slachtofferonthaal"},
	[ORDER_PARTY_REMOVED] = {"removed", "Uithuisgeplaatste"},
};
VOCAB_DEFINE(order_vocab_party, "order_party", party_terms, ORDER_PARTY__COUNT);

static const struct vocab_term channel_terms[] = {
	[ORDER_CHANNEL_VISIT] = {"visit", "Bezoek"},
	[ORDER_CHANNEL_PHONE] = {"phone", "Telefoon"},
	[ORDER_CHANNEL_TEXT] = {"text_message", "Sms of chatbericht"},
	[ORDER_CHANNEL_SOCIAL] = {"social_media", "Sociale media"},
	[ORDER_CHANNEL_OTHER] = {"other", "Anders"},
};
VOCAB_DEFINE(order_vocab_channel, "order_channel", channel_terms,
	     ORDER_CHANNEL__COUNT);

static const struct vocab_term response_terms[] = {
	[ORDER_RESPONSE_ARREST] = {"arrest", "Aanhouding"},
	[ORDER_RESPONSE_REPORT] = {"report", "Proces-verbaal"},
	[ORDER_RESPONSE_WARNING] = {"warning", "Waarschuwing"},
	[ORDER_RESPONSE_OTHER] = {"other", "Anders"},
};
VOCAB_DEFINE(order_vocab_response, "order_response", response_terms,
	     ORDER_RESPONSE__COUNT);

static const struct vocab_term step_terms[] = {
	[ORDER_STEP_OPEN] = {"open", "Screening gestart"},
	[ORDER_STEP_ASSESS] = {"assess", "Risicotaxatie"},
	[ORDER_STEP_HEAR] = {"hear", "Zienswijze gehoord"},
	[ORDER_STEP_CONSULT_VT] = {"consult_vt", "Veilig Thuis geraadpleegd"},
	[ORDER_STEP_DECIDE] = {"decide", "Beslissing"},
	[ORDER_STEP_WRITE] = {"write", "Op schrift gesteld"},
	[ORDER_STEP_SERVE] = {"serve", "Bekendgemaakt"},
	[ORDER_STEP_KEYS] = {"keys", "Huissleutels ingenomen"},
	[ORDER_STEP_STAY_ADDRESS] = {"stay_address",
				     "Verblijfadres en telefoon"},
	[ORDER_STEP_INFORM] = {"inform", "Betrokkenen geïnformeerd"},
	[ORDER_STEP_FIRST_CONTACT] = {"first_contact", "Eerste contact"},
	[ORDER_STEP_HELP_PLAN] = {"help_plan", "Hulpverleningsplan"},
	[ORDER_STEP_SYSTEM_TALK] = {"system_talk", "Systeemgesprek"},
	[ORDER_STEP_ADVICE] = {"advice", "Advies over verlenging"},
	[ORDER_STEP_HEARING] = {"court_hearing", "Zitting familierechtbank"},
	[ORDER_STEP_EXTEND] = {"extend", "Verlengd"},
	[ORDER_STEP_NOT_EXTEND] = {"not_extend", "Niet verlengd"},
	[ORDER_STEP_WITHDRAW] = {"withdraw", "Ingetrokken"},
	[ORDER_STEP_LIFT] = {"lift", "Opgeheven door de rechter"},
	[ORDER_STEP_EXPIRE] = {"expire", "Afgelopen"},
	[ORDER_STEP_APPEAL] = {"appeal", "Beroep ingesteld"},
	[ORDER_STEP_PROVISIONAL] = {"provisional",
				    "Voorlopige voorziening gevraagd"},
	[ORDER_STEP_VIOLATION] = {"violation", "Overtreding"},
	[ORDER_STEP_CRIMINAL] = {"criminal", "Strafrechtelijke procedure"},
	[ORDER_STEP_MONITORING_CHECK] = {"monitoring_check",
					 "Peilmoment monitoring"},
	[ORDER_STEP_MONITORING_END] = {"monitoring_end", "Monitoring afgerond"},
};
VOCAB_DEFINE(order_vocab_step, "order_step", step_terms, ORDER_STEP__COUNT);

const char *
order_step_code(enum order_step_kind k)
{
	return vocab_code(&order_vocab_step, (unsigned)k);
}

const char *
order_state_code(enum order_state s)
{
	return vocab_code(&order_vocab_state, (unsigned)s);
}

/* A step may be in the future by at most this much (clock skew). */
#define ORDER_FUTURE_SLACK 300

#define K(kind) ((uint32_t)1 << (kind))

/* Steps allowed in each state, before the jurisdiction mask. */
static uint32_t
state_steps(const struct order *o)
{
	const uint32_t running =
		K(ORDER_STEP_WRITE) | K(ORDER_STEP_SERVE) | K(ORDER_STEP_KEYS) |
		K(ORDER_STEP_STAY_ADDRESS) | K(ORDER_STEP_INFORM) |
		K(ORDER_STEP_FIRST_CONTACT) | K(ORDER_STEP_HELP_PLAN) |
		K(ORDER_STEP_SYSTEM_TALK) | K(ORDER_STEP_ADVICE) |
		K(ORDER_STEP_HEARING) | K(ORDER_STEP_HEAR) |
		K(ORDER_STEP_WITHDRAW) | K(ORDER_STEP_LIFT) |
		K(ORDER_STEP_EXPIRE) | K(ORDER_STEP_APPEAL) |
		K(ORDER_STEP_PROVISIONAL) | K(ORDER_STEP_VIOLATION) |
		K(ORDER_STEP_CRIMINAL);
	const uint32_t ended =
		K(ORDER_STEP_MONITORING_CHECK) | K(ORDER_STEP_MONITORING_END) |
		K(ORDER_STEP_APPEAL) | K(ORDER_STEP_PROVISIONAL) |
		K(ORDER_STEP_CRIMINAL) | K(ORDER_STEP_FIRST_CONTACT) |
		K(ORDER_STEP_HELP_PLAN);

	switch (o->state) {
	case ORDER_STATE_SCREENING:
		if (o->subject_person_id[0] == '\0')
			return K(ORDER_STEP_OPEN);
		return K(ORDER_STEP_ASSESS) | K(ORDER_STEP_HEAR) |
		       K(ORDER_STEP_CONSULT_VT) | K(ORDER_STEP_DECIDE) |
		       K(ORDER_STEP_CRIMINAL);
	case ORDER_STATE_IMPOSED:
		return running | K(ORDER_STEP_EXTEND) |
		       K(ORDER_STEP_NOT_EXTEND);
	case ORDER_STATE_EXTENDED:
		return running;
	case ORDER_STATE_EXPIRED:
	case ORDER_STATE_WITHDRAWN:
	case ORDER_STATE_LIFTED:
		return ended;
	case ORDER_STATE_NOT_IMPOSED:
		return K(ORDER_STEP_CRIMINAL);
	case ORDER_STATE_CLOSED:
	case ORDER_STATE__COUNT:
		break;
	}
	return 0;
}

/* Steps a jurisdiction does not know. */
static uint32_t
jurisdiction_steps(const struct order_rules *r)
{
	if (r->country == CT_COUNTRY_BE)
		return ~(K(ORDER_STEP_CONSULT_VT) | K(ORDER_STEP_APPEAL) |
			 K(ORDER_STEP_PROVISIONAL) | K(ORDER_STEP_WITHDRAW));
	return ~K(ORDER_STEP_HEARING);
}

uint32_t
order_next_steps(const struct order_rules *r, const struct order *o)
{
	return state_steps(o) & jurisdiction_steps(r);
}

static enum ct_err refuse(struct order_refusal *out, enum ct_err code,
			  enum rules_id rule, const char *field,
			  const char *fmt, ...) CT_PRINTF(5, 6);

static enum ct_err
refuse(struct order_refusal *out, enum ct_err code, enum rules_id rule,
       const char *field, const char *fmt, ...)
{
	const struct rules_rule *rr = rules_rule(rule);
	char detail[256];
	va_list ap;

	va_start(ap, fmt);
	vsnprintf(detail, sizeof(detail), fmt, ap);
	va_end(ap);
	out->code = code;
	out->rule = rr;
	snprintf(out->field, sizeof(out->field), "%s", field ? field : "");
	/* "<detail>. <rule title> (<source>)" names the rule by itself. */
	snprintf(out->message, sizeof(out->message), "%s. %s (%s).", detail,
		 rr->title, rr->source);
	return code;
}

static int
has_role(const struct order_facts *ctx, enum user_role role)
{
	return ct_has(ctx->actor_roles, (unsigned)role);
}

static int
empty(const char *s)
{
	return s == NULL || s[0] == '\0';
}

/* The time a step's term-bound checks compare: the step's `at`. */
static enum ct_err
check_decide(const struct order_rules *r, const struct order *o,
	     const struct order_step *step, const struct order_facts *ctx,
	     struct order_refusal *out)
{
	const struct order_step_decide *d = &step->u.decide;
	int nl = r->country == CT_COUNTRY_NL;
	int64_t imposed = d->imposed_at ? d->imposed_at : step->at;
	int64_t ends;
	size_t i;

	/* Who decides, under which power (seed 001 hfst. 3; seed 000 §1). */
	if (!nl) {
		if (!has_role(ctx, USER_ROLE_PROSECUTOR))
			return refuse(out, CT_ERR_DENIED, RULE_BE_DECIDER,
				      "actor", "U bent geen procureur");
		if (d->mandate != ORDER_MANDATE_NONE)
			return refuse(out, CT_ERR_INVALID, RULE_BE_DECIDER,
				      "details.mandate",
				      "In België bestaat geen mandaat voor "
				      "het huisverbod");
	} else if (d->mandate == ORDER_MANDATE_NONE) {
		if (!has_role(ctx, USER_ROLE_MAYOR))
			return refuse(out, CT_ERR_DENIED, RULE_NL_DECIDER,
				      "details.mandate",
				      "Zonder mandaat beslist alleen de "
				      "burgemeester");
	} else if (d->mandate == ORDER_MANDATE_DECIDING ||
		   d->mandate == ORDER_MANDATE_SIGNING) {
		if (!has_role(ctx, USER_ROLE_HOVJ))
			return refuse(out, CT_ERR_DENIED,
				      d->mandate == ORDER_MANDATE_DECIDING
					      ? RULE_NL_MANDATE_DECIDING
					      : RULE_NL_MANDATE_SIGNING,
				      "details.mandate",
				      "Een mandaat geldt alleen voor de "
				      "hulpofficier van justitie");
		/* seed 001 hfst. 3 'Mandatering': an unclear mandate voids the
		 * order, so the decree is named in the decision itself. */
		if (empty(d->mandate_reference))
			return refuse(out, CT_ERR_INVALID,
				      d->mandate == ORDER_MANDATE_DECIDING
					      ? RULE_NL_MANDATE_DECIDING
					      : RULE_NL_MANDATE_SIGNING,
				      "details.mandate_reference",
				      "Vermeld het mandaatbesluit van de "
				      "burgemeester waaronder u handelt");
		if (d->mandate == ORDER_MANDATE_SIGNING &&
		    empty(d->mayor_user_id))
			return refuse(out, CT_ERR_INVALID,
				      RULE_NL_MANDATE_SIGNING,
				      "details.mayor_user_id",
				      "Vermeld de burgemeester die besliste");
	} else {
		return refuse(out, CT_ERR_INVALID, RULE_NL_DECIDER,
			      "details.mandate", "Onbekend mandaat");
	}
	if (!d->impose)
		return CT_OK;

	if (!nl && !d->oral)
		return refuse(out, CT_ERR_INVALID, RULE_BE_ORAL_FIRST,
			      "details.oral",
			      "Het huisverbod moet eerst mondeling worden "
			      "meegedeeld");
	if (imposed > ctx->now + ORDER_FUTURE_SLACK)
		return refuse(out, CT_ERR_INVALID, RULE_SEQUENCE,
			      "details.imposed_at",
			      "Het tijdstip van opleggen ligt in de toekomst");

	/* The legal conditions (seed 001 hfst. 1; Wth art. 2 lid 1, 3). */
	if (nl) {
		if (ctx->subject_has_birth_date) {
			struct ct_date on;

			ct_local_date(r->zone, imposed, &on);
			if (rules_age_years(&ctx->subject_birth_date, &on) < 18)
				return refuse(out, CT_ERR_INVALID,
					      RULE_NL_SUBJECT_ADULT,
					      "subject_person_id",
					      "De uit huis te plaatsen persoon "
					      "is minderjarig");
		}
		if (!d->subject_resides)
			return refuse(out, CT_ERR_INVALID,
				      RULE_NL_SUBJECT_RESIDENT,
				      "details.subject_resides",
				      "Niet vastgesteld dat de persoon in de "
				      "woning woont of verblijft");
		if (!d->serious_danger)
			return refuse(out, CT_ERR_INVALID, RULE_NL_DANGER,
				      "details.serious_danger",
				      "Geen ernstig en onmiddellijk gevaar "
				      "vastgesteld");
		if (o->children_involved && !o->vt_consulted)
			return refuse(out, CT_ERR_INVALID,
				      RULE_NL_VT_CONSULT_CHILDREN, "consult_vt",
				      "Er zijn kinderen betrokken en Veilig "
				      "Thuis is nog niet geraadpleegd");
	}

	/* Mandatory content (Wth art. 2 lid 4; seed 000 §1). */
	if (empty(d->place))
		return refuse(out, CT_ERR_INVALID,
			      nl ? RULE_NL_CONTENT : RULE_BE_CONTENT,
			      "details.place", "De plaats ontbreekt");
	if (empty(d->facts))
		return refuse(out, CT_ERR_INVALID,
			      nl ? RULE_NL_CONTENT : RULE_BE_CONTENT,
			      "details.facts",
			      "De feiten en omstandigheden ontbreken");
	if (d->n_protected_names == 0)
		return refuse(out, CT_ERR_INVALID,
			      nl ? RULE_NL_CONTENT : RULE_BE_CONTENT,
			      "details.protected_names",
			      "De namen van de beschermde personen "
			      "ontbreken");
	for (i = 0; i < d->n_protected_names; i++)
		if (empty(d->protected_names[i]))
			return refuse(out, CT_ERR_INVALID,
				      nl ? RULE_NL_CONTENT : RULE_BE_CONTENT,
				      "details.protected_names",
				      "Een beschermde persoon heeft geen naam");

	/* The duration, counted in the jurisdiction's civil time. */
	if (rules_order_end(r, imposed, &ends))
		return refuse(out, CT_ERR_INVALID, RULE_SEQUENCE,
			      "details.imposed_at", "Ongeldig tijdstip");
	if (d->ends_at != 0 && d->ends_at != ends) {
		char want[CT_ISO_SIZE];

		ct_instant_format_local(r->zone, ends, want);
		return refuse(out, CT_ERR_INVALID,
			      nl ? RULE_NL_DURATION : RULE_BE_DURATION,
			      "details.ends_at",
			      "Het einde moet %s zijn (%d dagen)", want,
			      r->duration_days);
	}
	return CT_OK;
}

static enum ct_err
check_extend(const struct order_rules *r, const struct order *o,
	     const struct order_step *step, const struct order_facts *ctx,
	     struct order_refusal *out)
{
	int nl = r->country == CT_COUNTRY_NL;
	int64_t limit, until;

	if (nl && !has_role(ctx, USER_ROLE_MAYOR))
		return refuse(out, CT_ERR_DENIED, RULE_NL_EXTENSION_MAYOR_ONLY,
			      "actor", "U bent niet de burgemeester");
	if (!nl && !has_role(ctx, USER_ROLE_PROSECUTOR) &&
	    ctx->actor_org_type != ORG_TYPE_COURT)
		return refuse(out, CT_ERR_DENIED, RULE_BE_EXTENSION_COURT_ONLY,
			      "actor",
			      "Alleen de uitspraak van de familierechtbank "
			      "verlengt");
	if (o->n_extensions >= r->max_extensions)
		return refuse(out, CT_ERR_INVALID,
			      nl ? RULE_NL_EXTENSION_ONCE
				 : RULE_BE_EXTENSION_MAX_MONTHS,
			      "kind", "Het huisverbod is al verlengd");
	if (step->at > o->ends_at)
		return refuse(out, CT_ERR_CONFLICT, RULE_SEQUENCE, "at",
			      "Het huisverbod is al afgelopen");
	if (nl && o->advice_at == 0)
		return refuse(out, CT_ERR_CONFLICT, RULE_NL_EXTENSION_ADVICE,
			      "advice",
			      "Er is nog geen advies over "
			      "verlenging");
	if (!nl && o->hearing_at == 0)
		return refuse(out, CT_ERR_CONFLICT, RULE_BE_COURT_HEARING,
			      "court_hearing",
			      "De familierechtbank heeft nog geen zitting "
			      "gehouden");
	if (rules_extension_limit(r, o->imposed_at, &limit))
		CT_BUG("order: no extension limit for an extendable order");
	until = step->u.extend.until ? step->u.extend.until : limit;
	if (until > limit) {
		char lim[CT_ISO_SIZE];

		ct_instant_format_local(r->zone, limit, lim);
		return refuse(out, CT_ERR_INVALID,
			      nl ? RULE_NL_EXTENSION_MAX_TOTAL
				 : RULE_BE_EXTENSION_MAX_MONTHS,
			      "details.until",
			      "De verlenging mag niet verder gaan dan %s", lim);
	}
	if (until <= o->ends_at)
		return refuse(out, CT_ERR_INVALID,
			      nl ? RULE_NL_EXTENSION_MAX_TOTAL
				 : RULE_BE_EXTENSION_MAX_MONTHS,
			      "details.until",
			      "Het nieuwe einde ligt niet na het huidige");
	return CT_OK;
}

static enum ct_err
check_details(const struct order_rules *r, const struct order *o,
	      const struct order_step *step, const struct order_facts *ctx,
	      struct order_refusal *out)
{
	int nl = r->country == CT_COUNTRY_NL;
	int64_t limit;

	switch (step->kind) {
	case ORDER_STEP_OPEN: {
		const struct order_step_open *op = &step->u.open;

		if ((unsigned)op->route >= ORDER_ROUTE__COUNT)
			return refuse(out, CT_ERR_INVALID, RULE_SEQUENCE,
				      "details.route", "Onbekende route");
		if (empty(op->subject_person_id))
			return refuse(out, CT_ERR_INVALID,
				      nl ? RULE_NL_SUBJECT_ADULT
					 : RULE_BE_DECIDER,
				      "details.subject_person_id",
				      "Wie uit huis geplaatst zou worden, "
				      "ontbreekt");
		if (op->n_protected > ORDER_PROTECTED_MAX)
			return refuse(out, CT_ERR_INVALID,
				      nl ? RULE_NL_CONTENT : RULE_BE_CONTENT,
				      "details.protected_person_ids",
				      "Meer dan %d beschermde personen",
				      ORDER_PROTECTED_MAX);
		if (!empty(op->repeat_of) && empty(op->new_facts))
			return refuse(out, CT_ERR_INVALID,
				      nl ? RULE_NL_REPEAT_NEW_FACTS
					 : RULE_BE_REPEAT_NEW_FACTS,
				      "details.new_facts",
				      "Een herhaald huisverbod zonder nieuwe "
				      "feiten");
		return CT_OK;
	}
	case ORDER_STEP_DECIDE:
		return check_decide(r, o, step, ctx, out);
	case ORDER_STEP_WRITE:
		if (!o->oral || o->written_at != 0)
			return refuse(out, CT_ERR_CONFLICT,
				      nl ? RULE_NL_ORAL_THEN_WRITTEN
					 : RULE_BE_ORAL_FIRST,
				      "kind",
				      "De beschikking is al op schrift");
		return CT_OK;
	case ORDER_STEP_SERVE:
		if (o->written_at == 0)
			return refuse(out, CT_ERR_CONFLICT,
				      nl ? RULE_NL_ORAL_THEN_WRITTEN
					 : RULE_BE_ORAL_FIRST,
				      "kind",
				      "De beschikking is nog niet op schrift "
				      "gesteld");
		if (step->u.serve.how == ORDER_SERVICE_NONE ||
		    (unsigned)step->u.serve.how >= ORDER_SERVICE__COUNT ||
		    (!nl && step->u.serve.how == ORDER_SERVICE_TOWN_HALL))
			return refuse(out, CT_ERR_INVALID,
				      nl ? RULE_NL_SERVICE : RULE_BE_ORAL_FIRST,
				      "details.how",
				      "Deze wijze van bekendmaking kan hier "
				      "niet");
		return CT_OK;
	case ORDER_STEP_STAY_ADDRESS:
		if (empty(step->u.stay.address) && empty(step->u.stay.phone))
			return refuse(
				out, CT_ERR_INVALID, RULE_NL_STAY_ADDRESS_24H,
				"details.address",
				"Geef een verblijfadres of telefoonnummer");
		return CT_OK;
	case ORDER_STEP_INFORM:
		if (step->u.inform.parties == 0 ||
		    (step->u.inform.parties &
		     ~vocab_mask_all(&order_vocab_party)))
			return refuse(out, CT_ERR_INVALID, RULE_NL_INFORM,
				      "details.parties",
				      "Geef aan wie is geïnformeerd");
		return CT_OK;
	case ORDER_STEP_ADVICE:
		if (!has_role(ctx, USER_ROLE_COORDINATOR))
			return refuse(out, CT_ERR_DENIED,
				      nl ? RULE_NL_EXTENSION_ADVICE
					 : RULE_BE_WRITTEN_ADVICE,
				      "actor",
				      "Het advies komt van de casusregisseur");
		if (empty(step->u.advice.reasons))
			return refuse(out, CT_ERR_INVALID,
				      nl ? RULE_NL_EXTENSION_ADVICE
					 : RULE_BE_WRITTEN_ADVICE,
				      "details.reasons",
				      "Een advies moet gemotiveerd zijn");
		if (!nl && !step->u.advice.written)
			return refuse(
				out, CT_ERR_INVALID, RULE_BE_WRITTEN_ADVICE,
				"details.written",
				"Het advies aan het parket is schriftelijk");
		if (!nl && o->hearing_at != 0 && step->at > o->hearing_at)
			return refuse(out, CT_ERR_INVALID,
				      RULE_BE_WRITTEN_ADVICE, "at",
				      "Het advies komt na de zitting");
		return CT_OK;
	case ORDER_STEP_HEARING:
		if (step->u.hearing.hearing_at < o->imposed_at ||
		    step->u.hearing.hearing_at > o->ends_at)
			return refuse(out, CT_ERR_INVALID,
				      RULE_BE_COURT_HEARING,
				      "details.hearing_at",
				      "De zitting valt niet binnen de %d "
				      "dagen van het huisverbod",
				      r->duration_days);
		return CT_OK;
	case ORDER_STEP_EXTEND:
		return check_extend(r, o, step, ctx, out);
	case ORDER_STEP_NOT_EXTEND:
		if (nl && !has_role(ctx, USER_ROLE_MAYOR))
			return refuse(out, CT_ERR_DENIED,
				      RULE_NL_EXTENSION_MAYOR_ONLY, "actor",
				      "U bent niet de burgemeester");
		if (!nl && !has_role(ctx, USER_ROLE_PROSECUTOR) &&
		    ctx->actor_org_type != ORG_TYPE_COURT)
			return refuse(out, CT_ERR_DENIED,
				      RULE_BE_EXTENSION_COURT_ONLY, "actor",
				      "Alleen de familierechtbank beslist");
		if (o->extension_refused)
			return refuse(out, CT_ERR_CONFLICT, RULE_SEQUENCE,
				      "kind", "Al besloten niet te verlengen");
		return CT_OK;
	case ORDER_STEP_WITHDRAW:
		if (!has_role(ctx, USER_ROLE_MAYOR))
			return refuse(out, CT_ERR_DENIED,
				      RULE_NL_WITHDRAWAL_MAYOR_ONLY, "actor",
				      "U bent niet de burgemeester");
		if (empty(step->u.end.reason))
			return refuse(out, CT_ERR_INVALID,
				      RULE_NL_WITHDRAWAL_MAYOR_ONLY,
				      "details.reason",
				      "Geef aan welke feiten veranderden");
		return CT_OK;
	case ORDER_STEP_LIFT:
		if (!nl && !has_role(ctx, USER_ROLE_PROSECUTOR) &&
		    ctx->actor_org_type != ORG_TYPE_COURT)
			return refuse(out, CT_ERR_DENIED,
				      RULE_BE_EXTENSION_COURT_ONLY, "actor",
				      "Alleen de familierechtbank heft op");
		if (!nl && o->hearing_at == 0)
			return refuse(out, CT_ERR_CONFLICT,
				      RULE_BE_COURT_HEARING, "court_hearing",
				      "Er is nog geen zitting geweest");
		if (nl && o->provisional_at == 0)
			return refuse(out, CT_ERR_CONFLICT,
				      RULE_NL_PROVISIONAL_HEARING, "kind",
				      "Alleen de voorzieningenrechter schorst");
		return CT_OK;
	case ORDER_STEP_EXPIRE:
		if (step->at < o->ends_at)
			return refuse(out, CT_ERR_INVALID,
				      nl ? RULE_NL_DURATION : RULE_BE_DURATION,
				      "at", "Het huisverbod loopt nog");
		return CT_OK;
	case ORDER_STEP_APPEAL:
		if (o->served_at == 0)
			return refuse(out, CT_ERR_CONFLICT, RULE_NL_APPEAL_TERM,
				      "kind",
				      "De beschikking is nog niet "
				      "bekendgemaakt");
		if (rules_add_days(r, o->served_at, 7 * r->appeal_weeks,
				   &limit) == CT_OK &&
		    step->at > limit)
			return refuse(out, CT_ERR_INVALID, RULE_NL_APPEAL_TERM,
				      "at", "De beroepstermijn is verstreken");
		return CT_OK;
	case ORDER_STEP_PROVISIONAL:
		if (o->appeal_at == 0)
			return refuse(out, CT_ERR_CONFLICT,
				      RULE_NL_PROVISIONAL_HEARING, "kind",
				      "Een voorlopige voorziening vraagt eerst "
				      "beroep");
		if (step->u.court.hearing_at != 0 &&
		    step->u.court.hearing_at >
			    rules_working_days_deadline(
				    r, step->at,
				    r->provisional_hearing_working_days))
			return refuse(out, CT_ERR_INVALID,
				      RULE_NL_PROVISIONAL_HEARING,
				      "details.hearing_at",
				      "De zitting ligt later dan %d werkdagen "
				      "na het verzoek",
				      r->provisional_hearing_working_days);
		return CT_OK;
	case ORDER_STEP_VIOLATION:
		if ((unsigned)step->u.violation.channel >=
			    ORDER_CHANNEL__COUNT ||
		    (unsigned)step->u.violation.response >=
			    ORDER_RESPONSE__COUNT)
			return refuse(out, CT_ERR_INVALID,
				      nl ? RULE_NL_VIOLATION
					 : RULE_BE_VIOLATION,
				      "details.channel",
				      "Onbekend kanaal of reactie");
		if (step->at > o->ends_at)
			return refuse(
				out, CT_ERR_INVALID,
				nl ? RULE_NL_VIOLATION : RULE_BE_VIOLATION,
				"at", "Het huisverbod gold toen niet meer");
		return CT_OK;
	case ORDER_STEP_MONITORING_END:
		if (r->monitoring_months > 0 &&
		    rules_add_months(r, o->ended_at, r->monitoring_months,
				     &limit) == CT_OK &&
		    step->at < limit)
			return refuse(out, CT_ERR_INVALID, RULE_NL_MONITORING,
				      "at",
				      "De monitoring loopt %d maanden na het "
				      "einde",
				      r->monitoring_months);
		return CT_OK;
	case ORDER_STEP_ASSESS:
	case ORDER_STEP_HEAR:
	case ORDER_STEP_CONSULT_VT:
	case ORDER_STEP_KEYS:
	case ORDER_STEP_FIRST_CONTACT:
	case ORDER_STEP_HELP_PLAN:
	case ORDER_STEP_SYSTEM_TALK:
	case ORDER_STEP_CRIMINAL:
	case ORDER_STEP_MONITORING_CHECK:
	case ORDER_STEP__COUNT:
		break;
	}
	return CT_OK;
}

enum ct_err
order_check_step(const struct order_rules *r, const struct order *o,
		 const struct order_step *step, const struct order_facts *ctx,
		 struct order_refusal *out)
{
	uint32_t bit;
	const char *code;

	memset(out, 0, sizeof(*out));
	if (r->country != o->jurisdiction)
		CT_BUG("order_check_step: rule set of another country");
	if ((unsigned)step->kind >= ORDER_STEP__COUNT)
		return refuse(out, CT_ERR_INVALID, RULE_SEQUENCE, "kind",
			      "Onbekende stap");
	bit = K(step->kind);
	code = order_step_code(step->kind);
	if (!(jurisdiction_steps(r) & bit))
		return refuse(out, CT_ERR_INVALID, RULE_JURISDICTION, "kind",
			      "De stap '%s' bestaat niet in %s", code,
			      r->country == CT_COUNTRY_NL ? "Nederland"
							  : "België");
	if (!(state_steps(o) & bit))
		return refuse(out, CT_ERR_CONFLICT, RULE_SEQUENCE, "kind",
			      "De stap '%s' kan niet in de fase '%s'", code,
			      order_state_code(o->state));
	if (step->at <= 0 || step->at > ctx->now + ORDER_FUTURE_SLACK)
		return refuse(out, CT_ERR_INVALID, RULE_SEQUENCE, "at",
			      "Het tijdstip ontbreekt of ligt in de toekomst");
	if (o->imposed_at != 0 && step->at < o->imposed_at)
		return refuse(out, CT_ERR_INVALID, RULE_SEQUENCE, "at",
			      "Het tijdstip ligt voor het opleggen");
	return check_details(r, o, step, ctx, out);
}

void
order_init(struct order *o, enum ct_country c)
{
	memset(o, 0, sizeof(*o));
	o->jurisdiction = c;
	o->state = ORDER_STATE_SCREENING;
}

static void
copy_id(char dst[CT_UUID_SIZE], const char *src)
{
	snprintf(dst, CT_UUID_SIZE, "%s", src ? src : "");
}

static void
end_order(struct order *o, enum order_state state, int64_t at,
	  const char *reason)
{
	o->state = state;
	o->ended_at = at;
	o->end_reason = reason;
}

void
order_apply_step(const struct order_rules *r, struct order *o,
		 const struct order_step *step, const struct order_facts *ctx)
{
	size_t i;

	if (!(order_next_steps(r, o) & K(step->kind)))
		CT_BUG("order_apply_step: step not allowed in this state");
	switch (step->kind) {
	case ORDER_STEP_OPEN:
		o->route = step->u.open.route;
		copy_id(o->subject_person_id, step->u.open.subject_person_id);
		o->n_protected = 0;
		for (i = 0;
		     i < step->u.open.n_protected && i < ORDER_PROTECTED_MAX;
		     i++)
			copy_id(o->protected_person_ids[o->n_protected++],
				step->u.open.protected_person_ids[i]);
		o->place = step->u.open.place;
		o->children_involved = step->u.open.children_involved;
		copy_id(o->repeat_of, step->u.open.repeat_of);
		o->new_facts = step->u.open.new_facts;
		break;
	case ORDER_STEP_ASSESS:
		copy_id(o->risk_assessment_id,
			step->u.assess.risk_assessment_id);
		break;
	case ORDER_STEP_HEAR:
		o->persons_heard++;
		break;
	case ORDER_STEP_CONSULT_VT:
		o->vt_consulted = 1;
		o->vt_consulted_at = step->at;
		break;
	case ORDER_STEP_DECIDE: {
		const struct order_step_decide *d = &step->u.decide;

		o->decided_at = step->at;
		copy_id(o->decided_by, ctx->actor_user_id);
		o->mandate = d->mandate;
		copy_id(o->mayor_user_id, d->mayor_user_id);
		o->mandate_reference = d->mandate_reference;
		if (r->country == CT_COUNTRY_BE)
			o->decided_role = USER_ROLE_PROSECUTOR;
		else if (d->mandate == ORDER_MANDATE_NONE)
			o->decided_role = USER_ROLE_MAYOR;
		else
			o->decided_role = USER_ROLE_HOVJ;
		if (!d->impose) {
			o->state = ORDER_STATE_NOT_IMPOSED;
			break;
		}
		o->state = ORDER_STATE_IMPOSED;
		o->imposed_at = d->imposed_at ? d->imposed_at : step->at;
		if (rules_order_end(r, o->imposed_at, &o->ends_at))
			CT_BUG("order_apply_step: end of a checked order");
		o->oral = d->oral;
		o->written_at = d->oral ? 0 : step->at;
		if (d->place)
			o->place = d->place;
		o->facts = d->facts;
		break;
	}
	case ORDER_STEP_WRITE:
		o->written_at = step->at;
		break;
	case ORDER_STEP_SERVE:
		o->served_how = step->u.serve.how;
		/* Only the first bekendmaking starts the appeal term. */
		if (o->served_at == 0)
			o->served_at = step->at;
		break;
	case ORDER_STEP_KEYS:
		o->keys_taken = 1;
		o->keys_at = step->at;
		break;
	case ORDER_STEP_STAY_ADDRESS:
		o->stay_address = step->u.stay.address;
		o->stay_phone = step->u.stay.phone;
		o->stay_address_at = step->at;
		break;
	case ORDER_STEP_INFORM:
		o->informed |= step->u.inform.parties;
		break;
	case ORDER_STEP_FIRST_CONTACT:
		if (o->first_contact_at == 0)
			o->first_contact_at = step->at;
		break;
	case ORDER_STEP_HELP_PLAN:
		o->help_plan_at = step->at;
		break;
	case ORDER_STEP_SYSTEM_TALK:
		o->system_talk_at = step->at;
		break;
	case ORDER_STEP_ADVICE:
		o->advice_at = step->at;
		o->advice_extend = step->u.advice.extend;
		break;
	case ORDER_STEP_HEARING:
		o->hearing_at = step->u.hearing.hearing_at;
		break;
	case ORDER_STEP_EXTEND: {
		int64_t limit;

		if (rules_extension_limit(r, o->imposed_at, &limit))
			CT_BUG("order_apply_step: no extension limit");
		o->ends_at =
			step->u.extend.until ? step->u.extend.until : limit;
		o->n_extensions++;
		o->extended_at = step->at;
		o->state = ORDER_STATE_EXTENDED;
		break;
	}
	case ORDER_STEP_NOT_EXTEND:
		o->extension_refused = 1;
		break;
	case ORDER_STEP_WITHDRAW:
		end_order(o, ORDER_STATE_WITHDRAWN, step->at,
			  step->u.end.reason);
		break;
	case ORDER_STEP_LIFT:
		end_order(o, ORDER_STATE_LIFTED, step->at, step->u.end.reason);
		break;
	case ORDER_STEP_EXPIRE:
		/* The order ended at ends_at, whenever it was recorded. */
		end_order(o, ORDER_STATE_EXPIRED, o->ends_at, "expired");
		break;
	case ORDER_STEP_APPEAL:
		o->appeal_at = step->at;
		break;
	case ORDER_STEP_PROVISIONAL:
		o->provisional_at = step->at;
		o->provisional_hearing_at = step->u.court.hearing_at;
		break;
	case ORDER_STEP_VIOLATION:
		o->n_violations++;
		o->last_violation_at = step->at;
		break;
	case ORDER_STEP_CRIMINAL:
		o->criminal_proceedings = 1;
		o->detained = step->u.criminal.detained;
		break;
	case ORDER_STEP_MONITORING_CHECK:
		o->monitoring_check_at = step->at;
		break;
	case ORDER_STEP_MONITORING_END:
		o->state = ORDER_STATE_CLOSED;
		o->closed_at = step->at;
		break;
	case ORDER_STEP__COUNT:
		CT_BUG("order_apply_step: bad kind");
	}
}

/* ---- deadlines ---- */

struct dl_list {
	struct order_deadline *items;
	size_t n, max;
};

static void
dl_add(struct dl_list *l, const char *code, const char *title,
       int64_t not_before, int64_t due, enum org_type org, enum rules_id rule,
       int done)
{
	if (l->n >= l->max)
		return;
	l->items[l->n].code = code;
	l->items[l->n].title = title;
	l->items[l->n].not_before = not_before;
	l->items[l->n].due_at = due;
	l->items[l->n].org_type = org;
	l->items[l->n].rule = rules_rule(rule);
	l->items[l->n].done = done;
	l->items[l->n].lapses = 0;
	l->n++;
}

/* A term that runs out by itself (order.h: lapses). */
static void
dl_add_term(struct dl_list *l, const char *code, const char *title, int64_t due,
	    enum org_type org, enum rules_id rule, int done)
{
	size_t n = l->n;

	dl_add(l, code, title, 0, due, org, rule, done);
	if (l->n > n)
		l->items[n].lapses = 1;
}

static int64_t
end_of_local_day_plus(const struct order_rules *r, int64_t t, int days)
{
	struct ct_date d, e;

	ct_local_date(r->zone, t, &d);
	ct_date_add_days(&d, days, &e);
	return rules_end_of_day(r, &e);
}

static int64_t
plus_days(const struct order_rules *r, int64_t t, int days)
{
	int64_t out = CT_INSTANT_MAX;

	(void)rules_add_days(r, t, days, &out);
	return out;
}

static void
nl_deadlines(const struct order_rules *r, const struct order *o,
	     struct dl_list *l)
{
	int running = o->state == ORDER_STATE_IMPOSED ||
		      o->state == ORDER_STATE_EXTENDED;
	int ended = o->state == ORDER_STATE_EXPIRED ||
		    o->state == ORDER_STATE_WITHDRAWN ||
		    o->state == ORDER_STATE_LIFTED ||
		    o->state == ORDER_STATE_CLOSED;
	int64_t t = o->imposed_at;

	if (t == 0)
		return;
	/* Help starts at once: contact the same or the next day. */
	dl_add(l, "first_contact", "Eerste contact met de betrokkenen", 0,
	       end_of_local_day_plus(r, t, r->first_contact_days),
	       ORG_TYPE_VEILIG_THUIS, RULE_NL_FIRST_CONTACT,
	       o->first_contact_at != 0);
	dl_add(l, "stay_address", "Verblijfadres en telefoon registreren", 0,
	       t + (int64_t)r->stay_address_hours * 3600, ORG_TYPE_MUNICIPALITY,
	       RULE_NL_STAY_ADDRESS_24H, o->stay_address_at != 0);
	if (running || o->help_plan_at)
		dl_add(l, "help_plan", "Hulpverleningsplan gereed", 0,
		       rules_working_days_deadline(r, t,
						   r->help_plan_working_days),
		       ORG_TYPE_VEILIG_THUIS, RULE_NL_HELP_PLAN,
		       o->help_plan_at != 0);
	if (running || o->system_talk_at)
		dl_add(l, "system_talk", "Systeemgesprek",
		       end_of_local_day_plus(r, t,
					     r->system_talk_first_day - 2) +
			       1,
		       end_of_local_day_plus(r, t, r->system_talk_last_day - 1),
		       ORG_TYPE_VEILIG_THUIS, RULE_NL_SYSTEM_TALK,
		       o->system_talk_at != 0);
	if (o->state == ORDER_STATE_IMPOSED || o->n_extensions > 0) {
		int64_t first_end = plus_days(r, t, r->duration_days);

		dl_add(l, "extension_advice", "Advies over verlenging", 0,
		       plus_days(r, first_end,
				 -r->extension_advice_days_before_end),
		       ORG_TYPE_VEILIG_THUIS, RULE_NL_EXTENSION_ADVICE,
		       o->advice_at != 0);
		dl_add(l, "extension_decision",
		       "Besluit over verlenging door de burgemeester", 0,
		       first_end, ORG_TYPE_MUNICIPALITY,
		       RULE_NL_EXTENSION_MAYOR_ONLY,
		       o->n_extensions > 0 || o->extension_refused);
	}
	if (running || ended)
		dl_add(l, "order_end", "Einde van het huisverbod", 0,
		       o->ends_at, ORG_TYPE_MUNICIPALITY, RULE_NL_DURATION,
		       ended);
	if (o->served_at)
		/* The uithuisgeplaatste's term, not the mayor's: without
		 * an appeal it simply ends (the decision stands). */
		dl_add_term(l, "appeal_term", "Einde beroepstermijn",
			    plus_days(r, o->served_at, 7 * r->appeal_weeks),
			    ORG_TYPE_MUNICIPALITY, RULE_NL_APPEAL_TERM,
			    o->appeal_at != 0);
	if (o->provisional_at)
		dl_add(l, "provisional_hearing",
		       "Zitting voorlopige voorziening", 0,
		       rules_working_days_deadline(
			       r, o->provisional_at,
			       r->provisional_hearing_working_days),
		       ORG_TYPE_COURT, RULE_NL_PROVISIONAL_HEARING, ended);
	if (ended && o->ended_at) {
		int64_t end_mon = CT_INSTANT_MAX;

		(void)rules_add_months(r, o->ended_at, r->monitoring_months,
				       &end_mon);
		dl_add(l, "monitoring_check", "Peilmoment monitoring", 0,
		       plus_days(r, o->ended_at, 7 * r->monitoring_check_weeks),
		       ORG_TYPE_VEILIG_THUIS, RULE_NL_MONITORING,
		       o->monitoring_check_at != 0);
		dl_add(l, "monitoring_end", "Einde monitoring", 0, end_mon,
		       ORG_TYPE_VEILIG_THUIS, RULE_NL_MONITORING,
		       o->state == ORDER_STATE_CLOSED);
	}
}

static void
be_deadlines(const struct order_rules *r, const struct order *o,
	     struct dl_list *l)
{
	int running = o->state == ORDER_STATE_IMPOSED ||
		      o->state == ORDER_STATE_EXTENDED;
	int ended = o->state == ORDER_STATE_EXPIRED ||
		    o->state == ORDER_STATE_LIFTED ||
		    o->state == ORDER_STATE_CLOSED;
	int64_t t = o->imposed_at;
	int64_t first_end;

	if (t == 0)
		return;
	first_end = plus_days(r, t, r->duration_days);
	dl_add(l, "case_manager_start",
	       "Eerste contact casemanager (eerste werkdag)", 0,
	       rules_first_working_day(r, t), ORG_TYPE_VEILIG_HUIS,
	       RULE_BE_CASE_MANAGER_START, o->first_contact_at != 0);
	if (running || o->hearing_at)
		dl_add(l, "court_hearing", "Zitting van de familierechtbank", 0,
		       first_end, ORG_TYPE_COURT, RULE_BE_COURT_HEARING,
		       o->hearing_at != 0 && (o->n_extensions > 0 ||
					      o->extension_refused || ended));
	if (running || o->advice_at)
		dl_add(l, "written_advice",
		       "Schriftelijk advies aan de parketmagistraat", 0,
		       o->hearing_at ? o->hearing_at : first_end,
		       ORG_TYPE_VEILIG_HUIS, RULE_BE_WRITTEN_ADVICE,
		       o->advice_at != 0);
	dl_add(l, "order_end", "Einde van het huisverbod", 0, o->ends_at,
	       ORG_TYPE_PROSECUTOR,
	       o->n_extensions ? RULE_BE_EXTENSION_MAX_MONTHS
			       : RULE_BE_DURATION,
	       ended);
}

size_t
order_deadlines(const struct order_rules *r, const struct order *o,
		struct order_deadline *out, size_t max)
{
	struct dl_list l = {out, 0, max};
	size_t i, j;

	if (o->state == ORDER_STATE_SCREENING ||
	    o->state == ORDER_STATE_NOT_IMPOSED)
		return 0;
	if (r->country == CT_COUNTRY_NL)
		nl_deadlines(r, o, &l);
	else
		be_deadlines(r, o, &l);
	/* In due order (insertion sort: a handful of items). */
	for (i = 1; i < l.n; i++) {
		struct order_deadline d = out[i];

		for (j = i; j > 0 && out[j - 1].due_at > d.due_at; j--)
			out[j] = out[j - 1];
		out[j] = d;
	}
	return l.n;
}
