/*
 * rules.c - the two rule sets of the restraining order, as data.
 *
 * The table of rules below is the one place where a rule's id, its Dutch
 * title and its source are written down. Sources name the seed file by
 * its number (seeds/000_*, 001_*, 003_*) and the chapter ("hfst.") or
 * section, and the article of the law where the seed cites one (the Wth
 * footnotes of seed 001). The numbers are in nl_rules / be_rules.
 *
 * Date arithmetic keeps the wall clock of the jurisdiction's zone:
 * ct_add_local_days for days and weeks, a clamped month step for months.
 */
#include <string.h>

#include "core/rules.h"
#include "util/holidays.h"
#include "util/compat.h"
#include "util/banned.h"

static const struct rules_rule rules_table[RULES__COUNT] = {
	[RULE_SEQUENCE] =
		{"order.sequence",
		 "Deze stap past niet in de huidige fase van het huisverbod",
		 "seed 001 hfst. 2-9 (werkproces); seed 000 §1"},
	[RULE_JURISDICTION] =
		{"order.jurisdiction",
		 "Deze stap bestaat niet in het recht van dit land",
		 "seed 001 (Wth, Nederland); seed 000 §1 (wet 15 mei 2012, "
		 "België)"},
	[RULE_POLICY] = {"order.actor",
			 "Deze stap hoort bij een andere rol of organisatie",
			 "seed 001 hfst. 2-3 en 6; seed 000 §1 en §3"},
	[RULE_NL_DURATION] =
		{"nl.duration",
		 "Een huisverbod duurt tien dagen, van klokslag tot klokslag, "
		 "en "
		 "niet korter",
		 "Wth art. 1 sub b en art. 2 lid 1; seed 001 hfst. 1 "
		 "'Tien dagen'"},
	[RULE_NL_SUBJECT_ADULT] =
		{"nl.subject.adult",
		 "Een huisverbod kan alleen aan een meerderjarige worden "
		 "opgelegd; bij een minderjarige volgt een zorgmelding bij "
		 "Veilig Thuis",
		 "seed 001 hfst. 1 'Meerderjarige persoon'"},
	[RULE_NL_SUBJECT_RESIDENT] =
		{"nl.subject.resident",
		 "De uit huis te plaatsen persoon woont in de woning of "
		 "verblijft er anders dan incidenteel",
		 "Wth art. 2 lid 1; seed 001 hfst. 1"},
	[RULE_NL_DANGER] =
		{"nl.danger",
		 "Er moet ernstig en onmiddellijk gevaar zijn, of een ernstig "
		 "vermoeden daarvan",
		 "Wth art. 2 lid 1; seed 001 hfst. 1 'Ernstig en onmiddellijk "
		 "gevaar'"},
	[RULE_NL_VT_CONSULT_CHILDREN] =
		{"nl.vt_consult_children",
		 "Zijn er kinderen betrokken, dan raadpleegt de burgemeester "
		 "Veilig Thuis voordat hij beslist",
		 "Wth art. 2 lid 3; seed 001 hfst. 3"},
	[RULE_NL_DECIDER] =
		{"nl.decider",
		 "Alleen de burgemeester, of de hulpofficier van justitie met "
		 "mandaat, legt een huisverbod op",
		 "Wth art. 2 lid 1 en art. 3 lid 1; seed 001 hfst. 3 "
		 "'Mandatering'"},
	[RULE_NL_MANDATE_DECIDING] =
		{"nl.mandate.deciding",
		 "Bij een beslissingsmandaat beslist de hulpofficier van "
		 "justitie en wordt de burgemeester direct op de hoogte "
		 "gesteld",
		 "seed 001 hfst. 3 'Mandatering en machtiging'; Awb art. 10:2"},
	[RULE_NL_MANDATE_SIGNING] =
		{"nl.mandate.signing",
		 "Bij een ondertekeningsmandaat tekent de hulpofficier van "
		 "justitie pas nadat de burgemeester zelf besliste",
		 "seed 001 hfst. 3 'Mandatering en machtiging'"},
	[RULE_NL_CONTENT] =
		{"nl.content",
		 "De beschikking vermeldt de plaats, de duur, de feiten en "
		 "omstandigheden en de namen van de personen die het "
		 "contactverbod beschermt",
		 "Wth art. 2 lid 4; seed 001 hfst. 4 'Inhoud van de "
		 "beschikking'"},
	[RULE_NL_ORAL_THEN_WRITTEN] =
		{"nl.oral_then_written",
		 "Een mondeling opgelegd huisverbod wordt spoedig op schrift "
		 "gesteld en bekendgemaakt",
		 "Wth art. 2 lid 7; seed 001 hfst. 3 'Het opleggen van een "
		 "huisverbod' punt 1"},
	[RULE_NL_SERVICE] =
		{"nl.service",
		 "De beschikking wordt uitgereikt, of bij onbekende "
		 "verblijfplaats bij de gemeentesecretarie neergelegd",
		 "seed 001 hfst. 3 'Het opleggen van een huisverbod' punt 2"},
	[RULE_NL_KEYS] =
		{"nl.keys",
		 "De politie vordert de huissleutels tegen een bewijs van "
		 "ontvangst en bewaart ze voor de duur van het huisverbod",
		 "Wth art. 4 lid 2; seed 001 hfst. 3 punt 4"},
	[RULE_NL_STAY_ADDRESS_24H] =
		{"nl.stay_address_24h",
		 "Verblijfplaats en telefoonnummer van de uithuisgeplaatste "
		 "zijn binnen 24 uur bekend bij de burgemeester",
		 "Wth art. 2 lid 6; seed 001 hfst. 3 punt 5"},
	[RULE_NL_INFORM] =
		{"nl.inform",
		 "De achterblijvers en Veilig Thuis worden over het huisverbod "
		 "geïnformeerd",
		 "Wth art. 2 lid 8; seed 001 hfst. 3 punten 6 en 7"},
	[RULE_NL_EXTENSION_MAYOR_ONLY] =
		{"nl.extension.mayor_only",
		 "Verlenging kan alleen door de burgemeester, niet op mandaat",
		 "Wth art. 9 lid 1; seed 001 hfst. 8 'Verlengingsbesluit'"},
	[RULE_NL_EXTENSION_ONCE] =
		{"nl.extension.once",
		 "Een huisverbod kan eenmaal worden verlengd",
		 "Wth art. 9 lid 1; seed 001 hfst. 8"},
	[RULE_NL_EXTENSION_MAX_TOTAL] =
		{"nl.extension.max_total",
		 "Na verlenging duurt het huisverbod ten hoogste 28 dagen in "
		 "totaal",
		 "Wth art. 9 lid 1; seed 001 hfst. 8 (eenmalig met achttien "
		 "dagen tot 28 dagen)"},
	[RULE_NL_EXTENSION_ADVICE] =
		{"nl.extension.advice",
		 "De casemanager geeft uiterlijk twee dagen voor het aflopen "
		 "een gemotiveerd advies over verlenging",
		 "seed 001 hfst. 8 'Verlengingsbesluit'"},
	[RULE_NL_WITHDRAWAL_MAYOR_ONLY] =
		{"nl.withdrawal.mayor_only",
		 "Intrekken kan alleen door de burgemeester, niet op mandaat",
		 "seed 001 hfst. 1 'Tien dagen' en hfst. 3 'Mandaat'"},
	[RULE_NL_APPEAL_TERM] =
		{"nl.appeal.term",
		 "Beroep bij de bestuursrechter binnen zes weken na de "
		 "bekendmaking, zonder bezwaarfase",
		 "Wth art. 6 lid 1; seed 001 hfst. 4 'Beroep'"},
	[RULE_NL_PROVISIONAL_HEARING] =
		{"nl.provisional.hearing",
		 "Bij een verzoek om voorlopige voorziening hoort de "
		 "bestuursrechter binnen drie (werk)dagen",
		 "Wth art. 6 lid 2 sub a; seed 001 hfst. 4 'Voorlopige "
		 "voorziening'"},
	[RULE_NL_REPEAT_NEW_FACTS] =
		{"nl.repeat.new_facts",
		 "Een herhaald huisverbod is een nieuw huisverbod en vraagt "
		 "nieuwe feiten",
		 "seed 001 hfst. 8 'Herhaald huisverbod'"},
	[RULE_NL_FIRST_CONTACT] = {"nl.help.first_contact",
				   "De hulpverlening neemt dezelfde of de "
				   "volgende dag contact op",
				   "seed 003 §2.1.1; seed 001 hfst. 6"},
	[RULE_NL_HELP_PLAN] =
		{"nl.help.plan",
		 "Binnen acht werkdagen is er een hulpverleningsplan",
		 "seed 001 hfst. 6 'De probleemverkenning'"},
	[RULE_NL_SYSTEM_TALK] =
		{"nl.help.system_talk",
		 "Het systeemgesprek vindt plaats rond dag 6 tot 8 van het "
		 "huisverbod",
		 "seed 001 hfst. 7 'Het systeemgesprek'; seed 003 §2.3.1"},
	[RULE_NL_MONITORING] =
		{"nl.monitoring",
		 "Na afloop drie maanden monitoring, met een peilmoment na zes "
		 "weken",
		 "seed 003 §2.3.1 'Monitoring'; seed 001 hfst. 9"},
	[RULE_NL_VIOLATION] =
		{"nl.violation",
		 "Elke overtreding, via welk kanaal ook, wordt opgevolgd en "
		 "geregistreerd",
		 "seed 001 hfst. 5 en 7; seed 003 §2.4.8"},
	[RULE_BE_DURATION] =
		{"be.duration",
		 "Een Belgisch huisverbod duurt veertien dagen vanaf de "
		 "mondelinge mededeling",
		 "wet 15 mei 2012 zoals gewijzigd (Potpourri); seed 000 §1"},
	[RULE_BE_DECIDER] =
		{"be.decider",
		 "Alleen de procureur des Konings legt een Belgisch huisverbod "
		 "op",
		 "wet 15 mei 2012; seed 000 §1"},
	[RULE_BE_ORAL_FIRST] =
		{"be.oral_first",
		 "De procureur deelt het huisverbod eerst mondeling mee; het "
		 "parket stelt het daarna op schrift en betekent het",
		 "wet 15 mei 2012 (spoedprocedure); seed 000 §1"},
	[RULE_BE_CONTENT] =
		{"be.content",
		 "Het bevel vermeldt de plaats, de duur, de feiten en de "
		 "beschermde personen",
		 "wet 15 mei 2012; seed 000 §1"},
	[RULE_BE_COURT_HEARING] =
		{"be.court_hearing_within_order",
		 "De familierechtbank behandelt de zaak binnen de veertien "
		 "dagen",
		 "seed 000 §1"},
	[RULE_BE_EXTENSION_COURT_ONLY] =
		{"be.extension.court_only",
		 "Alleen de familierechtbank kan het huisverbod opheffen of "
		 "verlengen",
		 "seed 000 §1"},
	[RULE_BE_EXTENSION_MAX_MONTHS] =
		{"be.extension.max_months",
		 "De familierechtbank verlengt tot ten hoogste drie maanden",
		 "seed 000 §1"},
	[RULE_BE_WRITTEN_ADVICE] =
		{"be.advice_before_hearing",
		 "Het casemanagement geeft voor de zitting een schriftelijk "
		 "advies aan de parketmagistraat",
		 "seed 000 §3.1 (Multifocus fase 1)"},
	[RULE_BE_CASE_MANAGER_START] =
		{"be.case_manager.first_working_day",
		 "De casemanager start op de eerste werkdag; een huisverbod op "
		 "vrijdagavond start maandag",
		 "seed 000 §3.1 en §4; PRODUCT.md Process 1 (BE)"},
	[RULE_BE_REPEAT_NEW_FACTS] = {"be.repeat.new_facts",
				      "Een nieuw huisverbod vraagt een nieuw, "
				      "ernstig en onmiddellijk "
				      "gevaar",
				      "wet 15 mei 2012; seed 000 §1"},
	[RULE_BE_VIOLATION] =
		{"be.violation",
		 "Niet-naleving wordt geregistreerd; ze is strafbaar tot een "
		 "jaar",
		 "seed 000 §1 (Potpourri)"},
};

const struct rules_rule *
rules_rule(enum rules_id id)
{
	if ((unsigned)id >= RULES__COUNT)
		CT_BUG("rules_rule: id out of range");
	return &rules_table[id];
}

const struct rules_rule *
rules_find(const char *id)
{
	size_t i;

	if (!id)
		return NULL;
	for (i = 0; i < RULES__COUNT; i++)
		if (strcmp(rules_table[i].id, id) == 0)
			return &rules_table[i];
	return NULL;
}

/* seed 001 (Wth) and seed 003 (Amsterdam practice). */
static const struct order_rules nl_rules = {
	.country = CT_COUNTRY_NL,
	.zone = CT_ZONE_AMSTERDAM,
	.duration_days = 10,		/* Wth art. 2 lid 1; 001 hfst. 1 */
	.max_extensions = 1,		/* Wth art. 9; 001 hfst. 8 */
	.extension_max_total_days = 28, /* Wth art. 9; 001 hfst. 8 */
	.extension_advice_days_before_end = 2, /* 001 hfst. 8 */
	.stay_address_hours = 24,	       /* Wth art. 2 lid 6 */
	.appeal_weeks = 6,		       /* Wth art. 6 lid 1 */
	.provisional_hearing_working_days = 3, /* Wth art. 6 lid 2 sub a */
	.first_contact_days = 1,	       /* 003 §2.1.1 */
	.help_plan_working_days = 8,	       /* 001 hfst. 6 */
	.system_talk_first_day = 6,	       /* 001 hfst. 7; 003 §2.3.1 */
	.system_talk_last_day = 8,
	.monitoring_check_weeks = 6, /* 003 §2.3.1 */
	.monitoring_months = 3,	     /* 003 §2.3.1 */
	.mandate_allowed = 1,	     /* 001 hfst. 3 */
};

/* seed 000 (wet 15 mei 2012, Potpourri; Multifocus FJC Limburg). */
static const struct order_rules be_rules = {
	.country = CT_COUNTRY_BE,
	.zone = CT_ZONE_BRUSSELS,
	.duration_days = 14,		 /* 000 §1: van 10 naar 14 dagen */
	.max_extensions = 1,		 /* 000 §1: one court ruling */
	.extension_max_total_months = 3, /* 000 §1: tot maximaal 3 maanden */
	.court_hearing_within_order = 1, /* 000 §1 */
	.oral_first = 1,		 /* 000 §1: spoedprocedure */
	/*
	 * Case managers work weekdays and office hours (PRODUCT.md, seed 000
	 * §4): the working day ends at 17:00, an assumption to replace with a
	 * regional setting when one exists.
	 */
	.office_hours_end = 17,
};

const struct order_rules *
rules_for(enum ct_country c)
{
	return c == CT_COUNTRY_BE ? &be_rules : &nl_rules;
}

enum ct_err
rules_add_days(const struct order_rules *r, int64_t t, int days, int64_t *out)
{
	return ct_add_local_days(r->zone, t, days, out);
}

enum ct_err
rules_add_months(const struct order_rules *r, int64_t t, int months,
		 int64_t *out)
{
	struct ct_civil c;
	int m0;
	int dim;

	if (months < 0 || months > 1200)
		return CT_ERR_INVALID;
	ct_local_from_instant(r->zone, t, &c);
	m0 = c.date.month - 1 + months;
	c.date.year += m0 / 12;
	c.date.month = m0 % 12 + 1;
	if (c.date.year > 9999)
		return CT_ERR_INVALID;
	dim = ct_days_in_month(c.date.year, c.date.month);
	if (c.date.day > dim)
		c.date.day = dim;
	return ct_instant_from_local(r->zone, &c, out);
}

int64_t
rules_end_of_day(const struct order_rules *r, const struct ct_date *d)
{
	struct ct_civil c = {
		.date = *d, .hour = 23, .minute = 59, .second = 59};
	int64_t t = CT_INSTANT_MAX;

	if (ct_instant_from_local(r->zone, &c, &t))
		return CT_INSTANT_MAX;
	return t;
}

int64_t
rules_working_days_deadline(const struct order_rules *r, int64_t t, int n)
{
	struct ct_date d, due;

	ct_local_date(r->zone, t, &d);
	ct_add_working_days(r->country, &d, n, &due);
	return rules_end_of_day(r, &due);
}

enum ct_err
rules_order_end(const struct order_rules *r, int64_t imposed_at,
		int64_t *ends_at)
{
	return rules_add_days(r, imposed_at, r->duration_days, ends_at);
}

enum ct_err
rules_extension_limit(const struct order_rules *r, int64_t imposed_at,
		      int64_t *limit)
{
	if (r->extension_max_total_days > 0)
		return rules_add_days(r, imposed_at,
				      r->extension_max_total_days, limit);
	if (r->extension_max_total_months > 0)
		return rules_add_months(r, imposed_at,
					r->extension_max_total_months, limit);
	return CT_ERR_INVALID;
}

int64_t
rules_first_working_day(const struct order_rules *r, int64_t t)
{
	struct ct_civil c;
	struct ct_date d, start;

	ct_local_from_instant(r->zone, t, &c);
	d = c.date;
	if (ct_is_working_day(r->country, &d) &&
	    (r->office_hours_end == 0 || c.hour < r->office_hours_end))
		start = d;
	else
		ct_add_working_days(r->country, &d, 1, &start);
	return rules_end_of_day(r, &start);
}

int
rules_age_years(const struct ct_date *birth, const struct ct_date *on)
{
	int age;

	if (ct_date_cmp(birth, on) > 0)
		return -1;
	age = on->year - birth->year;
	if (on->month < birth->month ||
	    (on->month == birth->month && on->day < birth->day))
		age--;
	return age;
}
