/*
 * doc_compose.c - from the checked input to the blocks of a document.
 *
 * Design: one function per document kind writes its sections in reading
 * order, mixing the case's data with the fixed legal texts of doc_text.c.
 * The required sections follow the law's list for the decision: place and
 * duration, facts and circumstances, the names under the contact ban
 * (seed 001 ch. 4 'Inhoud van de beschikking', art. 2 lid 4 Wth), then
 * the duties at imposition (seed 001 ch. 3 steps 3-6), the consequences
 * of a violation and the rights of appeal (seed 001 ch. 4 and 5; seed
 * 000 par. 1). All text is plain; the writers escape it.
 */
#include "docs/doc_compose.h"

#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "docs/doc_check.h"
#include "docs/doc_text.h"
#include "util/civtime.h"
#include "util/banned.h"

static const char *const month_names[] = {
	"januari", "februari", "maart",     "april",   "mei",      "juni",
	"juli",    "augustus", "september", "oktober", "november", "december",
};

static const char *const weekday_names[] = {
	"maandag", "dinsdag", "woensdag", "donderdag",
	"vrijdag", "zaterdag", "zondag",
};

void
doc_format_date(const struct ct_date *d, struct sbuf *out)
{
	if (!ct_date_valid(d))
		CT_BUG("doc_format_date: invalid date");
	if (sbuf_addf(out, "%d %s %d", d->day, month_names[d->month - 1],
		      d->year))
		CT_BUG("doc_format_date: buffer limit");
}

void
doc_format_instant(enum ct_country c, int64_t t, struct sbuf *out)
{
	struct ct_civil l;

	ct_local_from_instant(ct_country_zone(c), t, &l);
	if (sbuf_addf(out, "%s ", weekday_names[ct_weekday(&l.date) - 1]))
		CT_BUG("doc_format_instant: buffer limit");
	doc_format_date(&l.date, out);
	if (sbuf_addf(out, " om %02d:%02d uur", l.hour, l.minute))
		CT_BUG("doc_format_instant: buffer limit");
}

void
doc_init(struct doc *d)
{
	memset(d, 0, sizeof(*d));
}

void
doc_release(struct doc *d)
{
	size_t i;

	for (i = 0; i < d->count; i++) {
		free(d->blocks[i].label);
		free(d->blocks[i].text);
	}
	free(d->blocks);
	free(d->title);
	free(d->reference);
	doc_init(d);
}

/* ------------------------------------------------------------------ */
/* Building blocks.                                                   */

/* Room for the longest block: a text field at its limit plus wording. */
#define BLOCK_MAX ((size_t)4 * DOC_TEXT_MAX)

static void
push(struct doc *d, enum doc_block_kind kind, const char *label, char *text)
{
	struct doc_block *b;

	if (d->count == d->alloc) {
		d->alloc = d->alloc ? 2 * d->alloc : 32;
		d->blocks = ct_realloc(d->blocks,
				       d->alloc * sizeof(*d->blocks));
	}
	b = &d->blocks[d->count++];
	b->kind = kind;
	b->label = label ? ct_strdup(label) : NULL;
	b->text = text;
}

static void CT_PRINTF(4, 5)
add(struct doc *d, enum doc_block_kind kind, const char *label,
    const char *fmt, ...)
{
	struct sbuf sb;
	va_list ap;

	sbuf_init(&sb, BLOCK_MAX);
	va_start(ap, fmt);
	if (sbuf_vaddf(&sb, fmt, ap))
		CT_BUG("doc_compose: block over its limit");
	va_end(ap);
	push(d, kind, label, sbuf_detach(&sb, NULL));
}

/* Paragraphs of text split at blank lines ("\n\n"). */
static void
add_paras(struct doc *d, const char *text)
{
	const char *p = text;

	while (*p) {
		const char *brk = strstr(p, "\n\n");
		size_t n = brk ? (size_t)(brk - p) : strlen(p);

		/* Skip empty paragraphs from runs of blank lines. */
		if (n > 0 && strspn(p, "\n \t") < n)
			push(d, DOC_B_PARA, NULL, ct_strndup(p, n));
		if (!brk)
			break;
		p = brk + 2;
	}
}

/* A fixed legal text: its heading and paragraphs; nothing if none. */
static void
add_text(struct doc *d, const struct doc_input *in, enum doc_text_id id)
{
	const struct doc_text *t = doc_text_get(in->jurisdiction, in->kind, id);

	if (!t)
		return;
	if (t->heading)
		add(d, DOC_B_HEADING, NULL, "%s", t->heading);
	add_paras(d, t->body);
}

static int
given(const char *s)
{
	return s && s[0];
}

/* Static text for an instant / a date, kept for one format call. */
struct when {
	char text[96];
};

static const char *
when_instant(struct when *w, enum ct_country c, int64_t t)
{
	struct sbuf sb;

	sbuf_init(&sb, sizeof(w->text) - 1);
	doc_format_instant(c, t, &sb);
	snprintf(w->text, sizeof(w->text), "%s", sb.buf);
	sbuf_release(&sb);
	return w->text;
}

static const char *
when_date(struct when *w, const struct ct_date *date)
{
	struct sbuf sb;

	sbuf_init(&sb, sizeof(w->text) - 1);
	doc_format_date(date, &sb);
	snprintf(w->text, sizeof(w->text), "%s", sb.buf);
	sbuf_release(&sb);
	return w->text;
}

static const char *
law_name(const struct doc_input *in)
{
	const struct doc_text *t =
		doc_text_get(in->jurisdiction, in->kind, DOC_T_LAW);

	if (!t)
		CT_BUG("doc_compose: no law name");
	return t->body;
}

static const char *
title_of(const struct doc_input *in)
{
	int nl = in->jurisdiction == CT_COUNTRY_NL;

	switch (in->kind) {
	case DOC_DECISION:
		/* NL: a beschikking (seed 001 ch. 4); BE: the written bevel
		 * that follows the oral decision (seed 000 par. 1). */
		return nl ? "Beschikking tijdelijk huisverbod"
			  : "Bevel tijdelijk huisverbod";
	case DOC_EXTENSION:
		return nl ? "Beschikking verlenging tijdelijk huisverbod"
			  : "Kennisgeving verlenging tijdelijk huisverbod";
	case DOC_LETTER:
		return "Informatie over het tijdelijk huisverbod";
	}
	CT_BUG("doc_compose: unknown kind");
}

/* "Burgemeester van Amsterdam", "Hulpofficier van justitie", ... */
static void
role_line(const struct doc_input *in, struct sbuf *sb)
{
	enum ct_err rc = CT_OK;

	switch (in->decider_role) {
	case DOC_ROLE_MAYOR:
		rc = sbuf_addf(sb, "Burgemeester van %s", in->authority);
		break;
	case DOC_ROLE_DEPUTY_MAYOR:
		rc = sbuf_addf(sb, "Loco-burgemeester van %s", in->authority);
		break;
	case DOC_ROLE_HOVJ:
		rc = sbuf_addstr(sb, "Hulpofficier van justitie");
		break;
	case DOC_ROLE_PROSECUTOR:
		rc = sbuf_addf(sb, "Procureur des Konings, parket %s",
			       in->authority);
		break;
	case DOC_ROLE_NONE:
		CT_BUG("doc_compose: no decider role after doc_check");
	}
	if (rc)
		CT_BUG("doc_compose: buffer limit");
}

static void
add_header(struct doc *d, const struct doc_input *in)
{
	struct when w;

	add(d, DOC_B_TITLE, NULL, "%s", d->title);
	if (in->jurisdiction == CT_COUNTRY_NL)
		add(d, DOC_B_SUBTITLE, NULL, "De burgemeester van %s\n%s",
		    in->authority, law_name(in));
	else
		add(d, DOC_B_SUBTITLE, NULL,
		    "Parket van de procureur des Konings %s\n%s",
		    in->authority, law_name(in));
	add(d, DOC_B_FIELD, "Kenmerk", "%s", in->case_reference);
	add(d, DOC_B_FIELD, "Datum", "%s", when_date(&w, &in->signed_date));
}

static void
add_removed_field(struct doc *d, const struct doc_input *in)
{
	struct when w;

	add(d, DOC_B_FIELD, "Betreft", "%s, geboren op %s", in->removed.name,
	    when_date(&w, &in->removed.birth_date));
}

static void
add_contact_ban(struct doc *d, const struct doc_input *in, const char *lead)
{
	size_t i;

	add(d, DOC_B_HEADING, NULL, "Contactverbod");
	add(d, DOC_B_PARA, NULL, "%s", lead);
	for (i = 0; i < in->protected_count; i++)
		add(d, DOC_B_ITEM, NULL, "%s", in->protected_names[i]);
}

static void
add_stay(struct doc *d, const struct doc_input *in)
{
	if (given(in->stay_address))
		add(d, DOC_B_FIELD, "Verblijfadres", "%s", in->stay_address);
	if (given(in->stay_phone))
		add(d, DOC_B_FIELD, "Telefoon", "%s", in->stay_phone);
}

static void
add_views(struct doc *d, const struct doc_input *in)
{
	if (!given(in->views))
		return;
	/* The hearing: seed 001 ch. 4 'Zorgvuldige voorbereiding'. */
	add(d, DOC_B_HEADING, NULL, "Zienswijze");
	add(d, DOC_B_PARA, NULL,
	    "U bent in de gelegenheid gesteld uw zienswijze te geven. U "
	    "hebt het volgende naar voren gebracht:");
	add_paras(d, in->views);
}

static void
add_signature(struct doc *d, const struct doc_input *in)
{
	struct sbuf sb;
	struct when w;
	enum ct_err rc;

	sbuf_init(&sb, BLOCK_MAX);
	rc = sbuf_addf(&sb, "%s, %s\n\n", in->signed_place,
		       when_date(&w, &in->signed_date));
	if (in->jurisdiction == CT_COUNTRY_NL && in->kind != DOC_LETTER) {
		if (in->decider_role == DOC_ROLE_HOVJ)
			rc = rc ? rc
				: sbuf_addf(&sb, "De burgemeester van %s,\n"
						 "namens deze,\n",
					    in->authority);
		else if (in->decider_role == DOC_ROLE_DEPUTY_MAYOR)
			rc = rc ? rc
				: sbuf_addf(&sb, "De burgemeester van %s,\n"
						 "voor deze,\n",
					    in->authority);
		else
			rc = rc ? rc
				: sbuf_addf(&sb, "De burgemeester van %s,\n",
					    in->authority);
	} else if (in->kind != DOC_LETTER) {
		rc = rc ? rc : sbuf_addstr(&sb, "De procureur des Konings,\n");
	} else {
		rc = rc ? rc : sbuf_addstr(&sb, "Met vriendelijke groet,\n");
	}
	rc = rc ? rc : sbuf_addf(&sb, "\n\n%s\n", in->decider_name);
	if (rc)
		CT_BUG("doc_compose: signature over its limit");
	role_line(in, &sb);
	push(d, DOC_B_SIGNATURE, NULL, sbuf_detach(&sb, NULL));
}

/* ------------------------------------------------------------------ */
/* The documents.                                                     */

static void
decision_sentence_nl(struct doc *d, const struct doc_input *in)
{
	struct when w;
	const char *bd = when_date(&w, &in->removed.birth_date);

	switch (in->decider_role) {
	case DOC_ROLE_HOVJ:
		if (in->mandate == DOC_MANDATE_SIGNING) {
			/* ondertekeningsmandaat: the mayor decided, the HOvJ
			 * signs (seed 001 ch. 3 'Mandatering'). */
			add(d, DOC_B_PARA, NULL,
			    "De burgemeester van %s heeft besloten aan %s, "
			    "geboren op %s, een tijdelijk huisverbod op te "
			    "leggen als bedoeld in artikel 2 van de Wet "
			    "tijdelijk huisverbod. De hulpofficier van "
			    "justitie %s ondertekent deze beschikking namens "
			    "de burgemeester, op grond van het "
			    "ondertekeningsmandaat in %s.",
			    in->authority, in->removed.name, bd,
			    in->decider_name, in->mandate_reference);
		} else {
			add(d, DOC_B_PARA, NULL,
			    "De hulpofficier van justitie %s legt namens de "
			    "burgemeester van %s, op grond van het "
			    "beslissingsmandaat in %s, aan %s, geboren op %s, "
			    "een tijdelijk huisverbod op als bedoeld in "
			    "artikel 2 van de Wet tijdelijk huisverbod.",
			    in->decider_name, in->authority,
			    in->mandate_reference, in->removed.name, bd);
		}
		break;
	case DOC_ROLE_DEPUTY_MAYOR:
		add(d, DOC_B_PARA, NULL,
		    "De loco-burgemeester van %s, %s, legt aan %s, geboren "
		    "op %s, een tijdelijk huisverbod op als bedoeld in "
		    "artikel 2 van de Wet tijdelijk huisverbod.",
		    in->authority, in->decider_name, in->removed.name, bd);
		break;
	default:
		add(d, DOC_B_PARA, NULL,
		    "De burgemeester van %s legt aan %s, geboren op %s, een "
		    "tijdelijk huisverbod op als bedoeld in artikel 2 van de "
		    "Wet tijdelijk huisverbod.",
		    in->authority, in->removed.name, bd);
		break;
	}
}

static void
place_and_duration(struct doc *d, const struct doc_input *in,
		   const char *place_label)
{
	struct when w;

	add(d, DOC_B_HEADING, NULL, "Plaats en duur van het huisverbod");
	add(d, DOC_B_FIELD, place_label, "%s", in->address);
	add(d, DOC_B_FIELD, "Ingang", "%s",
	    when_instant(&w, in->jurisdiction, in->start));
	add(d, DOC_B_FIELD, "Einde", "%s",
	    when_instant(&w, in->jurisdiction, in->end));
}

static void
compose_decision(struct doc *d, const struct doc_input *in)
{
	struct when w;
	int nl = in->jurisdiction == CT_COUNTRY_NL;

	add_removed_field(d, in);
	add(d, DOC_B_HEADING, NULL, nl ? "Besluit" : "Bevel");
	if (nl) {
		decision_sentence_nl(d, in);
		if (in->oral_first)
			/* seed 001 ch. 3 step 1 (art. 2 lid 7 Wth). */
			add(d, DOC_B_PARA, NULL,
			    "Het huisverbod is op %s mondeling aan u "
			    "meegedeeld en wordt hierbij op schrift gesteld "
			    "(artikel 2 lid 7 Wth).",
			    when_instant(&w, in->jurisdiction, in->start));
	} else {
		add(d, DOC_B_PARA, NULL,
		    "De procureur des Konings %s, %s, legt aan %s, geboren op "
		    "%s, een tijdelijk huisverbod op.",
		    in->authority, in->decider_name, in->removed.name,
		    when_date(&w, &in->removed.birth_date));
		/* seed 000 par. 1: oral first, then written and told. */
		add(d, DOC_B_PARA, NULL,
		    "Dit bevel is op %s mondeling aan u meegedeeld. Het wordt "
		    "hierbij op schrift gesteld en door het parket aan de "
		    "betrokken personen meegedeeld.",
		    when_instant(&w, in->jurisdiction, in->start));
	}
	add_text(d, in, DOC_T_MEANING);
	place_and_duration(d, in, nl ? "Woning" : "Verblijfplaats");
	add(d, DOC_B_PARA, NULL, "%s",
	    nl ? "Het huisverbod geldt tien dagen, tot dezelfde kloktijd "
		 "als waarop het is opgelegd."
	       : "Het huisverbod geldt veertien dagen vanaf de mondelinge "
		 "mededeling.");
	add_contact_ban(d, in, "U mag geen contact opnemen met:");
	add(d, DOC_B_HEADING, NULL, "Feiten en omstandigheden");
	add_paras(d, in->facts);
	add(d, DOC_B_PARA, NULL, "%s",
	    nl ? "Op grond van deze feiten en omstandigheden is uw "
		 "aanwezigheid in de woning een ernstig en onmiddellijk "
		 "gevaar voor de veiligheid van de personen die met u in de "
		 "woning wonen of daarin anders dan incidenteel verblijven, "
		 "of bestaat daarvan een ernstig vermoeden (artikel 2 lid 1 "
		 "Wth)."
	       : "Op grond van deze feiten en omstandigheden vormt uw "
		 "aanwezigheid een ernstig en onmiddellijk gevaar voor de "
		 "veiligheid van de personen met wie u samenwoont.");
	add_views(d, in);
	add_text(d, in, DOC_T_STAY);
	if (!doc_text_get(in->jurisdiction, in->kind, DOC_T_STAY) &&
	    (given(in->stay_address) || given(in->stay_phone)))
		add(d, DOC_B_HEADING, NULL, "Verblijfadres");
	add_stay(d, in);
	add_text(d, in, DOC_T_KEYS);
	add_text(d, in, DOC_T_LAWYER);
	add_text(d, in, DOC_T_NEXT);
	add_text(d, in, DOC_T_VIOLATION);
	add_text(d, in, DOC_T_APPEAL);
	add_signature(d, in);
}

static void
compose_extension(struct doc *d, const struct doc_input *in)
{
	struct when w1, w2, w3;
	int nl = in->jurisdiction == CT_COUNTRY_NL;

	add_removed_field(d, in);
	if (nl) {
		add(d, DOC_B_HEADING, NULL, "Besluit");
		/* seed 001 ch. 8; art. 9 lid 1 Wth: the mayor alone. */
		add(d, DOC_B_PARA, NULL,
		    "De %s van %s verlengt het tijdelijk huisverbod dat op %s "
		    "aan %s, geboren op %s, is opgelegd, tot %s (artikel 9 "
		    "lid 1 Wth).",
		    in->decider_role == DOC_ROLE_DEPUTY_MAYOR
			    ? "loco-burgemeester"
			    : "burgemeester",
		    in->authority,
		    when_instant(&w1, in->jurisdiction, in->start),
		    in->removed.name, when_date(&w2, &in->removed.birth_date),
		    when_instant(&w3, in->jurisdiction, in->end));
	} else {
		add(d, DOC_B_HEADING, NULL,
		    "Beslissing van de familierechtbank");
		/* seed 000 par. 1: the family court may extend. */
		add(d, DOC_B_PARA, NULL,
		    "Bij beslissing van %s heeft de %s het tijdelijk "
		    "huisverbod dat op %s aan %s werd opgelegd, verlengd tot "
		    "%s.",
		    when_date(&w1, &in->ruling_date), in->court,
		    when_instant(&w2, in->jurisdiction, in->start),
		    in->removed.name,
		    when_instant(&w3, in->jurisdiction, in->end));
	}
	add(d, DOC_B_HEADING, NULL, "Plaats en duur van het huisverbod");
	add(d, DOC_B_FIELD, nl ? "Woning" : "Verblijfplaats", "%s",
	    in->address);
	add(d, DOC_B_FIELD, "Opgelegd op", "%s",
	    when_instant(&w1, in->jurisdiction, in->start));
	add(d, DOC_B_FIELD, "Oorspronkelijk einde", "%s",
	    when_instant(&w1, in->jurisdiction, in->previous_end));
	add(d, DOC_B_FIELD, "Verlengd tot", "%s",
	    when_instant(&w1, in->jurisdiction, in->end));
	add_contact_ban(d, in,
			"Het contactverbod blijft gelden. U mag geen contact "
			"opnemen met:");
	if (given(in->facts)) {
		add(d, DOC_B_HEADING, NULL, "Gronden voor de verlenging");
		add_paras(d, in->facts);
	}
	if (nl)
		add(d, DOC_B_PARA, NULL,
		    "De dreiging van het gevaar, of het ernstige vermoeden "
		    "daarvan, zet zich voort (artikel 9 lid 1 Wth).");
	if (given(in->advice)) {
		/* seed 001 ch. 8 'Verlengingsadvies'. */
		add(d, DOC_B_HEADING, NULL, "Advies");
		add_paras(d, in->advice);
	}
	add_views(d, in);
	if (given(in->stay_address) || given(in->stay_phone)) {
		/* seed 001 ch. 8: handed over at the stay address. */
		add(d, DOC_B_HEADING, NULL, "Uitreiking");
		add(d, DOC_B_PARA, NULL, "%s",
		    "Deze beschikking wordt aan u uitgereikt op uw "
		    "verblijfadres.");
		add_stay(d, in);
	}
	add_text(d, in, DOC_T_NEXT);
	add_text(d, in, DOC_T_VIOLATION);
	add_text(d, in, DOC_T_APPEAL);
	add_signature(d, in);
}

static int
recipient_protected(const struct doc_input *in)
{
	size_t i;

	for (i = 0; i < in->protected_count; i++)
		if (strcmp(in->protected_names[i], in->recipient_name) == 0)
			return 1;
	return 0;
}

static void
compose_letter(struct doc *d, const struct doc_input *in)
{
	struct when w1, w2;
	int nl = in->jurisdiction == CT_COUNTRY_NL;

	if (given(in->recipient_address))
		add(d, DOC_B_FIELD, "Aan", "%s\n%s", in->recipient_name,
		    in->recipient_address);
	else
		add(d, DOC_B_FIELD, "Aan", "%s", in->recipient_name);
	add(d, DOC_B_PARA, NULL, "Geachte %s,", in->recipient_name);
	if (nl)
		/* seed 001 ch. 3 step 6; art. 2 lid 8 Wth. */
		add(d, DOC_B_PARA, NULL,
		    "De burgemeester van %s heeft op %s aan %s een tijdelijk "
		    "huisverbod opgelegd voor de woning %s. Het huisverbod "
		    "geldt tot %s. Met deze brief informeren wij u over de "
		    "inhoud van het huisverbod en over wat u kunt doen als "
		    "het niet wordt nageleefd (artikel 2 lid 8 Wth).",
		    in->authority, when_instant(&w1, in->jurisdiction, in->start),
		    in->removed.name, in->address,
		    when_instant(&w2, in->jurisdiction, in->end));
	else
		/* seed 000 par. 1: the help offer goes by letter. */
		add(d, DOC_B_PARA, NULL,
		    "De procureur des Konings %s heeft op %s aan %s een "
		    "tijdelijk huisverbod opgelegd voor de verblijfplaats %s. "
		    "Het huisverbod geldt tot %s. Met deze brief informeren "
		    "wij u over de inhoud van het huisverbod en over de hulp "
		    "die u kunt krijgen.",
		    in->authority, when_instant(&w1, in->jurisdiction, in->start),
		    in->removed.name, in->address,
		    when_instant(&w2, in->jurisdiction, in->end));
	add_text(d, in, DOC_T_MEANING);
	add_contact_ban(d, in, "Het contactverbod geldt voor:");
	if (recipient_protected(in))
		add(d, DOC_B_PARA, NULL, "Het contactverbod geldt dus ook "
					 "voor u.");
	add_text(d, in, DOC_T_VIOLATION);
	add_text(d, in, DOC_T_NEXT);
	add_text(d, in, DOC_T_HELP);
	if (given(in->help_contact))
		add(d, DOC_B_FIELD, "Contact", "%s", in->help_contact);
	add_text(d, in, DOC_T_APPEAL);
	add_signature(d, in);
}

enum ct_err
doc_compose(const struct doc_input *in, struct doc *d, struct ct_problems *p)
{
	enum ct_err rc;

	rc = doc_check(in, p);
	if (rc)
		return rc;
	d->kind = in->kind;
	d->jurisdiction = in->jurisdiction;
	d->title = ct_strdup(title_of(in));
	d->reference = ct_strdup(in->case_reference);
	add_header(d, in);
	switch (in->kind) {
	case DOC_DECISION:
		compose_decision(d, in);
		break;
	case DOC_EXTENSION:
		compose_extension(d, in);
		break;
	case DOC_LETTER:
		compose_letter(d, in);
		break;
	}
	return CT_OK;
}
