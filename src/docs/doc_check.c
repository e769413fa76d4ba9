/*
 * doc_check.c - mandatory content per document and jurisdiction.
 *
 * Design: presence rules are one table (struct requirement), a row per
 * item with the kinds and countries it applies to, the Dutch sentence a
 * user reads and the source of the rule. Rules that compare fields (the
 * duration, the extension limit, the mandate) follow as small functions,
 * each citing its source. Seeds are under shared/seeds: 000 = the Belgian
 * THV and Multifocus (FJC Limburg), 001 = the Dutch "Handreiking Wet
 * tijdelijk huisverbod"; "ch." is a chapter of seed 001, "par." a
 * numbered section of seed 000.
 *
 * Every problem is reported, not just the first, so that whoever fills in
 * the order sees at once everything the document still needs.
 */
#include "docs/doc_check.h"

#include <stddef.h>
#include <stdio.h>
#include <string.h>

#include <glib.h>

#include "util/civtime.h"
#include "util/banned.h"

#define K_DECISION (1u << DOC_DECISION)
#define K_EXTENSION (1u << DOC_EXTENSION)
#define K_LETTER (1u << DOC_LETTER)
#define K_ALL (K_DECISION | K_EXTENSION | K_LETTER)
#define C_NL (1u << CT_COUNTRY_NL)
#define C_BE (1u << CT_COUNTRY_BE)
#define C_ALL (C_NL | C_BE)

/* NL: "in beginsel voor een periode van tien dagen" (seed 001 ch. 1
 * "Kenmerken van een huisverbod"; art. 2 Wth). */
#define NL_ORDER_DAYS 10
/* NL: extension "tot ten hoogste vier weken", 28 days in all (seed 001
 * ch. 8 "Verlengingsbesluit"; art. 9 lid 1 Wth). */
#define NL_TOTAL_DAYS_MAX 28
/* BE: "de termijn ... verlengd van 10 naar 14 dagen" (seed 000 par. 1). */
#define BE_ORDER_DAYS 14
/* BE: the family court may extend "tot maximaal 3 maanden" (seed 000
 * par. 1). Counted from the start of the order. */
#define BE_TOTAL_MONTHS_MAX 3
/* NL: the threat must come from an adult (seed 001 ch. 1 and PRODUCT.md
 * Process 1: a minor perpetrator gets no order). */
#define ADULT_AGE 18

enum req_type {
	REQ_TEXT,    /* a const char * that must be non-empty */
	REQ_INSTANT, /* an int64_t that must be non-zero */
	REQ_FLAG,    /* an int that must be non-zero */
	REQ_NAMES,   /* protected_names: at least one */
};

struct requirement {
	unsigned kinds;
	unsigned countries;
	enum req_type type;
	size_t offset;
	const char *field;
	const char *message;
	const char *source; /* where the rule comes from; kept with the data */
};

#define OFF(m) offsetof(struct doc_input, m)

static const struct requirement requirements[] = {
	{K_ALL, C_ALL, REQ_TEXT, OFF(case_reference), "case_reference",
	 "het kenmerk van het dossier ontbreekt",
	 "seed 001 ch. 4 'Zorgvuldige voorbereiding': zorgvuldige "
	 "dossieropbouw; ARCHITECTURE.md 'Data'"},
	{K_ALL, C_NL, REQ_TEXT, OFF(authority), "authority",
	 "de gemeente van de burgemeester die het huisverbod oplegt ontbreekt",
	 "seed 001 ch. 3 'Mandatering': alleen de burgemeester is bevoegd; "
	 "art. 2 lid 1 Wth"},
	{K_ALL, C_BE, REQ_TEXT, OFF(authority), "authority",
	 "het parket (gerechtelijk arrondissement) van de procureur des "
	 "Konings ontbreekt",
	 "seed 000 par. 1: de procureur des Konings beslist"},
	{K_DECISION | K_EXTENSION, C_ALL, REQ_TEXT, OFF(decider_name),
	 "decider_name", "de naam van wie over het huisverbod heeft beslist "
	 "ontbreekt",
	 "seed 001 ch. 4 'Mandaatverlening': wie wanneer bevoegd is moet "
	 "blijken; seed 000 par. 1"},
	{K_LETTER, C_ALL, REQ_TEXT, OFF(decider_name), "decider_name",
	 "de naam van de afzender van de brief ontbreekt",
	 "seed 001 ch. 3 stap 6: de burgemeester/HOvJ informeert de "
	 "achterblijvers; art. 2 lid 8 Wth"},
	{K_ALL, C_ALL, REQ_TEXT, OFF(removed.name), "removed.name",
	 "de naam van de uithuisgeplaatste ontbreekt",
	 "seed 001 ch. 1: de beschikking is gericht tot een persoon; "
	 "art. 1 sub b Wth"},
	{K_DECISION | K_EXTENSION, C_ALL, REQ_FLAG,
	 OFF(removed.has_birth_date), "removed.birth_date",
	 "de geboortedatum van de uithuisgeplaatste ontbreekt",
	 "seed 001 ch. 1: alleen tegen een meerderjarige; identificatie van "
	 "de persoon tot wie de beschikking is gericht"},
	{K_ALL, C_ALL, REQ_TEXT, OFF(address), "address",
	 "de plaats waarop het huisverbod betrekking heeft ontbreekt",
	 "seed 001 ch. 4 'Inhoud van de beschikking' a; art. 2 lid 4 sub a "
	 "Wth; seed 000 par. 1"},
	{K_ALL, C_ALL, REQ_INSTANT, OFF(start), "start",
	 "het tijdstip waarop het huisverbod is opgelegd ontbreekt",
	 "seed 001 ch. 4 'Inhoud van de beschikking' a (duur); seed 000 "
	 "par. 1: de termijn loopt vanaf de mondelinge mededeling"},
	{K_ALL, C_ALL, REQ_INSTANT, OFF(end), "end",
	 "het tijdstip waarop het huisverbod eindigt ontbreekt",
	 "seed 001 ch. 4 'Inhoud van de beschikking' a: wanneer hij weer "
	 "naar de woning mag terugkeren"},
	{K_DECISION, C_ALL, REQ_TEXT, OFF(facts), "facts",
	 "de feiten en omstandigheden die aanleiding gaven tot het "
	 "huisverbod ontbreken",
	 "seed 001 ch. 4 'Inhoud van de beschikking' b; art. 2 lid 4 sub b "
	 "Wth; seed 000 par. 1 (ernstig en onmiddellijk gevaar)"},
	{K_EXTENSION, C_NL, REQ_TEXT, OFF(facts), "facts",
	 "de gronden voor de verlenging (het voortduren van de dreiging) "
	 "ontbreken",
	 "seed 001 ch. 8 'Verlengingsadvies'; art. 9 lid 1 Wth"},
	{K_ALL, C_ALL, REQ_NAMES, OFF(protected_count), "protected_names",
	 "de namen van de personen voor wie het contactverbod geldt "
	 "ontbreken",
	 "seed 001 ch. 4 'Inhoud van de beschikking' c; art. 2 lid 4 sub c "
	 "Wth; seed 001 ch. 3 'Contactverbod'"},
	{K_DECISION, C_BE, REQ_FLAG, OFF(oral_first), "oral_first",
	 "de mondelinge mededeling van het bevel door de procureur des "
	 "Konings is niet vastgelegd",
	 "seed 000 par. 1: spoedprocedure als enige procedure, eerst "
	 "mondeling, daarna op schrift"},
	{K_EXTENSION, C_ALL, REQ_INSTANT, OFF(previous_end), "previous_end",
	 "het einde van het huisverbod vóór de verlenging ontbreekt",
	 "seed 001 ch. 8 'Verlengingsbesluit'; seed 000 par. 1"},
	{K_EXTENSION, C_BE, REQ_TEXT, OFF(court), "court",
	 "de familierechtbank die het huisverbod verlengde ontbreekt",
	 "seed 000 par. 1: de familierechtbank kan verlengen"},
	{K_EXTENSION, C_BE, REQ_FLAG, OFF(has_ruling_date), "ruling_date",
	 "de datum van de beslissing van de familierechtbank ontbreekt",
	 "seed 000 par. 1"},
	{K_LETTER, C_ALL, REQ_TEXT, OFF(recipient_name), "recipient_name",
	 "de naam van de achterblijver aan wie de brief is gericht ontbreekt",
	 "seed 001 ch. 3 stap 6; art. 2 lid 8 Wth; seed 000 par. 1 "
	 "(aanbod per brief aan de huisgenoten)"},
	{K_ALL, C_ALL, REQ_TEXT, OFF(signed_place), "signed_place",
	 "de plaats van ondertekening ontbreekt",
	 "seed 001 ch. 3 stap 1 'Op schrift stellen van de beschikking'; "
	 "ch. 8: de burgemeester ondertekent"},
	{K_ALL, C_ALL, REQ_FLAG, OFF(has_signed_date), "signed_date",
	 "de datum van ondertekening ontbreekt",
	 "seed 001 ch. 3 stap 1; ch. 8"},
};

static int
requirement_met(const struct requirement *r, const struct doc_input *in)
{
	const char *base = (const char *)in + r->offset;
	const char *s;

	switch (r->type) {
	case REQ_TEXT:
		memcpy(&s, base, sizeof(s));
		return s && s[0];
	case REQ_INSTANT: {
		int64_t t;

		memcpy(&t, base, sizeof(t));
		return t != 0;
	}
	case REQ_FLAG: {
		int f;

		memcpy(&f, base, sizeof(f));
		return f != 0;
	}
	case REQ_NAMES:
		return in->protected_count > 0;
	}
	CT_BUG("unknown requirement type");
}

/* ------------------------------------------------------------------ */
/* Text hygiene: valid UTF-8, no control characters, within limits.   */

struct text_field {
	const char *field;
	size_t offset;
	size_t max;
	int multiline; /* newlines and tabs allowed */
};

static const struct text_field text_fields[] = {
	{"case_reference", OFF(case_reference), DOC_LINE_MAX, 0},
	{"authority", OFF(authority), DOC_LINE_MAX, 0},
	{"decider_name", OFF(decider_name), DOC_LINE_MAX, 0},
	{"mandate_reference", OFF(mandate_reference), DOC_LINE_MAX, 0},
	{"removed.name", OFF(removed.name), DOC_LINE_MAX, 0},
	{"address", OFF(address), DOC_LINE_MAX, 0},
	{"facts", OFF(facts), DOC_TEXT_MAX, 1},
	{"views", OFF(views), DOC_TEXT_MAX, 1},
	{"stay_address", OFF(stay_address), DOC_LINE_MAX, 0},
	{"stay_phone", OFF(stay_phone), DOC_LINE_MAX, 0},
	{"signed_place", OFF(signed_place), DOC_LINE_MAX, 0},
	{"advice", OFF(advice), DOC_TEXT_MAX, 1},
	{"court", OFF(court), DOC_LINE_MAX, 0},
	{"recipient_name", OFF(recipient_name), DOC_LINE_MAX, 0},
	{"recipient_address", OFF(recipient_address), DOC_LINE_MAX, 0},
	{"help_contact", OFF(help_contact), DOC_LINE_MAX, 0},
};

static void
check_text(struct ct_problems *p, const char *field, const char *s,
	   size_t max, int multiline)
{
	size_t len, i;

	if (!s)
		return;
	len = strlen(s);
	if (len > max) {
		ct_problems_add(p, field, "de tekst is langer dan %zu bytes",
				max);
		return;
	}
	/* Pango and the HTML writer need valid UTF-8; glib checks it. */
	if (!g_utf8_validate(s, (gssize)len, NULL)) {
		ct_problems_add(p, field, "de tekst is geen geldige UTF-8");
		return;
	}
	for (i = 0; i < len; i++) {
		unsigned char c = (unsigned char)s[i];

		if (multiline && (c == '\n' || c == '\t'))
			continue;
		if (c < 0x20 || c == 0x7f) {
			ct_problems_add(p, field,
					"de tekst bevat een stuurteken");
			return;
		}
	}
}

static void
check_texts(const struct doc_input *in, struct ct_problems *p)
{
	char field[CT_PROBLEM_FIELD_MAX];
	const char *s;
	size_t i;

	for (i = 0; i < CT_ARRAY_SIZE(text_fields); i++) {
		const struct text_field *f = &text_fields[i];

		memcpy(&s, (const char *)in + f->offset, sizeof(s));
		check_text(p, f->field, s, f->max, f->multiline);
	}
	if (in->protected_count > DOC_PROTECTED_MAX) {
		ct_problems_add(p, "protected_names",
				"meer dan %d namen", DOC_PROTECTED_MAX);
		return;
	}
	for (i = 0; i < in->protected_count; i++) {
		snprintf(field, sizeof(field), "protected_names[%zu]", i);
		if (!in->protected_names[i] || !in->protected_names[i][0])
			ct_problems_add(p, field, "de naam is leeg");
		else
			check_text(p, field, in->protected_names[i],
				   DOC_LINE_MAX, 0);
	}
}

/* ------------------------------------------------------------------ */
/* Who decides, under which mandate.                                  */

static void
check_decider(const struct doc_input *in, struct ct_problems *p)
{
	enum doc_decider_role r = in->decider_role;

	if (in->jurisdiction == CT_COUNTRY_BE) {
		/* seed 000 par. 1: the procureur des Konings decides; the
		 * Dutch mandate construction does not exist there. */
		if (r != DOC_ROLE_PROSECUTOR)
			ct_problems_add(p, "decider_role",
					"in België beslist de procureur des "
					"Konings over het huisverbod");
		if (in->mandate != DOC_MANDATE_NONE)
			ct_problems_add(p, "mandate",
					"een mandaat van de burgemeester "
					"bestaat niet in het Belgische "
					"huisverbod");
		return;
	}
	if (r != DOC_ROLE_MAYOR && r != DOC_ROLE_DEPUTY_MAYOR &&
	    r != DOC_ROLE_HOVJ) {
		ct_problems_add(p, "decider_role",
				"in Nederland beslist de burgemeester (of de "
				"hulpofficier van justitie onder mandaat) "
				"over het huisverbod");
		return;
	}
	if (in->kind == DOC_EXTENSION && r == DOC_ROLE_HOVJ) {
		/* seed 001 ch. 8: "Van de bevoegdheid om het huisverbod te
		 * verlengen, kan geen mandaat worden verleend aan de
		 * hulpofficier van justitie" (art. 9 lid 1 Wth). */
		ct_problems_add(p, "decider_role",
				"alleen de burgemeester kan een huisverbod "
				"verlengen; daarvoor bestaat geen mandaat "
				"(art. 9 lid 1 Wth)");
		return;
	}
	if (r == DOC_ROLE_HOVJ) {
		/* seed 001 ch. 4 'Mandaatverlening' (art. 3 lid 1 Wth): a
		 * mandaatbesluit is required; an unclear one voids the
		 * order. */
		if (in->mandate == DOC_MANDATE_NONE)
			ct_problems_add(p, "mandate",
					"de hulpofficier van justitie beslist "
					"alleen onder mandaat van de "
					"burgemeester: het mandaat ontbreekt "
					"(art. 3 lid 1 Wth)");
		if (!in->mandate_reference || !in->mandate_reference[0])
			ct_problems_add(p, "mandate_reference",
					"het mandaatbesluit waarop de "
					"hulpofficier van justitie handelt "
					"ontbreekt");
	} else if (in->mandate != DOC_MANDATE_NONE) {
		/* The (deputy) mayor holds the power; a mandate is given,
		 * not used, by him (seed 001 ch. 4; a wethouder acts as
		 * loco-burgemeester in his own right). */
		ct_problems_add(p, "mandate",
				"de burgemeester beslist zelf en niet onder "
				"mandaat");
	}
}

/* ------------------------------------------------------------------ */
/* Dates: order, duration, limits.                                    */

/* start plus n months in local time, day clamped to the month's end. */
static enum ct_err
add_local_months(enum ct_zone z, int64_t t, int n, int64_t *out)
{
	struct ct_civil c;
	int m;

	ct_local_from_instant(z, t, &c);
	m = c.date.month - 1 + n;
	c.date.year += m / 12;
	c.date.month = m % 12 + 1;
	if (c.date.day > ct_days_in_month(c.date.year, c.date.month))
		c.date.day = ct_days_in_month(c.date.year, c.date.month);
	return ct_instant_from_local(z, &c, out);
}

static void
format_local(enum ct_zone z, int64_t t, char out[CT_ISO_SIZE])
{
	struct ct_civil c;

	ct_local_from_instant(z, t, &c);
	snprintf(out, CT_ISO_SIZE, "%04d-%02d-%02d %02d:%02d", c.date.year,
		 c.date.month, c.date.day, c.hour, c.minute);
}

static int
instant_in_range(int64_t t)
{
	return t >= CT_INSTANT_MIN && t <= CT_INSTANT_MAX;
}

static void
check_duration(const struct doc_input *in, struct ct_problems *p)
{
	enum ct_zone z = ct_country_zone(in->jurisdiction);
	char want[CT_ISO_SIZE];
	int64_t limit;

	if (!in->start || !in->end)
		return; /* reported as missing */
	if (!instant_in_range(in->start) || !instant_in_range(in->end)) {
		ct_problems_add(p, "start", "het tijdstip valt buiten het "
				"bereik van de kalender");
		return;
	}
	if (in->end <= in->start) {
		ct_problems_add(p, "end", "het einde van het huisverbod ligt "
				"niet na het begin");
		return;
	}
	if (in->kind == DOC_DECISION) {
		int days = in->jurisdiction == CT_COUNTRY_NL ? NL_ORDER_DAYS
							      : BE_ORDER_DAYS;

		/* Same clock time, n calendar days later (civil time). */
		if (ct_add_local_days(z, in->start, days, &limit) != CT_OK)
			return;
		if (in->end != limit) {
			format_local(z, limit, want);
			ct_problems_add(p, "end",
					"het huisverbod duurt %d dagen en "
					"eindigt dus op %s (%s)",
					days, want,
					in->jurisdiction == CT_COUNTRY_NL
						? "seed 001 hfst. 1, Wth"
						: "wet van 15 mei 2012");
		}
		return;
	}
	if (in->kind != DOC_EXTENSION || !in->previous_end)
		return;
	if (!instant_in_range(in->previous_end))
		return;
	if (in->previous_end <= in->start) {
		ct_problems_add(p, "previous_end", "het einde vóór de "
				"verlenging ligt niet na het begin");
		return;
	}
	if (in->end <= in->previous_end)
		ct_problems_add(p, "end", "de verlenging eindigt niet na het "
				"oorspronkelijke einde van het huisverbod");
	if (in->jurisdiction == CT_COUNTRY_NL) {
		/* seed 001 ch. 8; art. 9 lid 1 Wth: at most four weeks. */
		if (ct_add_local_days(z, in->start, NL_TOTAL_DAYS_MAX,
				      &limit) != CT_OK)
			return;
		if (in->end > limit) {
			format_local(z, limit, want);
			ct_problems_add(p, "end",
					"een huisverbod kan worden verlengd "
					"tot ten hoogste 28 dagen in totaal, "
					"dus uiterlijk tot %s (art. 9 lid 1 "
					"Wth)", want);
		}
	} else {
		/* seed 000 par. 1: "verlengen tot maximaal 3 maanden". */
		if (add_local_months(z, in->start, BE_TOTAL_MONTHS_MAX,
				     &limit) != CT_OK)
			return;
		if (in->end > limit) {
			format_local(z, limit, want);
			ct_problems_add(p, "end",
					"de familierechtbank kan het "
					"huisverbod verlengen tot maximaal "
					"drie maanden, dus uiterlijk tot %s",
					want);
		}
	}
	if (in->jurisdiction == CT_COUNTRY_BE && in->has_ruling_date) {
		struct ct_date prev;

		/* seed 000 par. 1: the court hears the case within the 14
		 * days, so it rules before the order would have ended. */
		ct_local_date(z, in->previous_end, &prev);
		if (ct_date_cmp(&in->ruling_date, &prev) > 0)
			ct_problems_add(p, "ruling_date",
					"de familierechtbank beslist binnen "
					"de termijn van het huisverbod; deze "
					"datum ligt erna");
	}
}

static void
check_dates(const struct doc_input *in, struct ct_problems *p)
{
	enum ct_zone z = ct_country_zone(in->jurisdiction);
	struct ct_date start;

	if (in->removed.has_birth_date &&
	    !ct_date_valid(&in->removed.birth_date))
		ct_problems_add(p, "removed.birth_date",
				"de geboortedatum bestaat niet");
	if (in->has_signed_date && !ct_date_valid(&in->signed_date))
		ct_problems_add(p, "signed_date", "de datum bestaat niet");
	if (in->has_ruling_date && !ct_date_valid(&in->ruling_date))
		ct_problems_add(p, "ruling_date", "de datum bestaat niet");
	if (!in->start || !instant_in_range(in->start))
		return;
	ct_local_date(z, in->start, &start);
	if (in->removed.has_birth_date &&
	    ct_date_valid(&in->removed.birth_date)) {
		const struct ct_date *b = &in->removed.birth_date;
		struct ct_date adult = {b->year + ADULT_AGE, b->month, b->day};

		/* Compared as (year, month, day): a 29 February birthday
		 * comes of age on 1 March in a common year. */
		if (ct_date_cmp(b, &start) > 0)
			ct_problems_add(p, "removed.birth_date",
					"de geboortedatum ligt na het "
					"opleggen van het huisverbod");
		else if (in->jurisdiction == CT_COUNTRY_NL &&
			 ct_date_cmp(&adult, &start) > 0)
			ct_problems_add(p, "removed.birth_date",
					"de uithuisgeplaatste was bij het "
					"opleggen minderjarig; een huisverbod "
					"kan alleen aan een meerderjarige "
					"worden opgelegd (seed 001 hfst. 1)");
	}
	if (in->has_signed_date && ct_date_valid(&in->signed_date) &&
	    ct_date_cmp(&in->signed_date, &start) < 0)
		ct_problems_add(p, "signed_date",
				"de datum van ondertekening ligt vóór het "
				"opleggen van het huisverbod");
}

enum ct_err
doc_check(const struct doc_input *in, struct ct_problems *p)
{
	size_t before = p->count + p->dropped;
	unsigned kind_bit, country_bit;
	size_t i;

	if ((unsigned)in->kind >= DOC_KIND_COUNT)
		CT_BUG("doc_check: unknown document kind");
	if (in->jurisdiction != CT_COUNTRY_NL &&
	    in->jurisdiction != CT_COUNTRY_BE)
		CT_BUG("doc_check: unknown jurisdiction");
	kind_bit = 1u << in->kind;
	country_bit = 1u << in->jurisdiction;
	for (i = 0; i < CT_ARRAY_SIZE(requirements); i++) {
		const struct requirement *r = &requirements[i];

		if (!(r->kinds & kind_bit) || !(r->countries & country_bit))
			continue;
		if (!requirement_met(r, in))
			ct_problems_add(p, r->field, "%s", r->message);
	}
	check_texts(in, p);
	check_decider(in, p);
	check_duration(in, p);
	check_dates(in, p);
	return p->count + p->dropped > before ? CT_ERR_INVALID : CT_OK;
}
