/*
 * doc_text.c - the legal wording of the documents, NL and BE, with sources.
 *
 * Seeds (shared/seeds): 000 = "Het tijdelijk huisverbod" and Multifocus
 * in FJC Limburg (Belgian law of 15 May 2012 as amended by the Potpourri
 * law); 001 = the Dutch "Handreiking Wet tijdelijk huisverbod" (2015).
 * The wording is ours, written from what the seeds say; where a seed
 * quotes the law we follow its words. Nothing here goes beyond the seeds:
 * where a seed is silent (e.g. appeal against a Belgian family-court
 * ruling) the text refers the reader to the court or a lawyer instead of
 * inventing a rule.
 *
 * Rows are looked up by (country, kind mask, id); the first match wins,
 * so a kind-specific row goes before a general one.
 */
#include "docs/doc_text.h"

#include <stddef.h>

#include "util/banned.h"

#define K_DECISION (1u << DOC_DECISION)
#define K_EXTENSION (1u << DOC_EXTENSION)
#define K_LETTER (1u << DOC_LETTER)
#define K_ORDER (K_DECISION | K_EXTENSION)
#define K_ALL (K_DECISION | K_EXTENSION | K_LETTER)

struct text_row {
	enum ct_country country;
	unsigned kinds;
	enum doc_text_id id;
	struct doc_text text;
};

static const struct text_row rows[] = {
	/* ---------------------------- Nederland ---------------------------- */
	{CT_COUNTRY_NL, K_ALL, DOC_T_LAW,
	 {NULL, "Wet tijdelijk huisverbod (Wth)",
	  "seed 001, Inleiding"}},

	{CT_COUNTRY_NL, K_ORDER, DOC_T_MEANING,
	 {"Wat het huisverbod inhoudt",
	  "Het huisverbod houdt in dat u de woning hieronder onmiddellijk "
	  "verlaat, dat u de woning niet betreedt, u er niet bij ophoudt en "
	  "er niet aanwezig bent, en dat u geen contact opneemt met de "
	  "personen die hieronder bij het contactverbod zijn genoemd "
	  "(artikel 1 onder b Wth).\n\n"
	  "Het contactverbod geldt voor elke vorm van contact: bezoek, "
	  "telefoon, sms, e-mail en berichten via sociale media. Ook als "
	  "een van deze personen zelf contact met u zoekt, bent u degene "
	  "die verantwoordelijk is voor de naleving.",
	  "seed 001 hfst. 1 'Kenmerken van een huisverbod' (art. 1 sub b "
	  "Wth, geciteerd); seed 001 hfst. 7 'Rust en veiligheid: handelen "
	  "bij overtreding' (de manier van contact doet er niet toe; ook "
	  "als de achterblijver het initiatief neemt)"}},

	{CT_COUNTRY_NL, K_LETTER, DOC_T_MEANING,
	 {"Wat betekent dit voor u?",
	  "Tijdens het huisverbod mag de uithuisgeplaatste de woning niet "
	  "betreden, zich er niet bij ophouden en er niet aanwezig zijn. Hij "
	  "of zij mag ook geen contact opnemen met de personen die in het "
	  "huisverbod zijn genoemd, op welke manier dan ook: bezoek, "
	  "telefoon, sms, e-mail of sociale media.\n\n"
	  "Het verbod geldt voor de uithuisgeplaatste, niet voor u: u en de "
	  "kinderen kunnen in de woning blijven.",
	  "seed 001 hfst. 1 (art. 1 sub b Wth); hfst. 3 stap 6 (art. 2 lid "
	  "8 Wth): de achterblijvers worden geïnformeerd over de inhoud van "
	  "het huisverbod"}},

	{CT_COUNTRY_NL, K_DECISION, DOC_T_STAY,
	 {"Verblijfadres en bereikbaarheid",
	  "U geeft de burgemeester uw telefoonnummer en het adres waar u "
	  "tijdens het huisverbod verblijft. Weet u nog niet waar u zult "
	  "verblijven, dan geeft u dat binnen 24 uur alsnog door (artikel 2 "
	  "lid 6 Wth).",
	  "seed 001 hfst. 3 stap 5 'Registratie contactgegevens' (art. 2 "
	  "lid 6 Wth)"}},

	{CT_COUNTRY_NL, K_DECISION, DOC_T_KEYS,
	 {"Huissleutels",
	  "U geeft alle sleutels van de woning af aan de politie. U krijgt "
	  "daarvan een bewijs van ontvangst. De politie bewaart de sleutels "
	  "zolang het huisverbod duurt (artikel 4 lid 2 Wth).",
	  "seed 001 hfst. 3 stap 4 'Vorderen huissleutel(s)' (art. 4 lid 2 "
	  "Wth)"}},

	{CT_COUNTRY_NL, K_DECISION, DOC_T_LAWYER,
	 {"Advocaat",
	  "U kunt een advocaat raadplegen. Als u dat aangeeft, wordt de "
	  "dienstdoende piketadvocaat geïnformeerd (artikel 5 lid 1 Wth).",
	  "seed 001 hfst. 3 stap 3 'Informeren dienstdoende "
	  "piketadvocaat' (art. 5 lid 1 Wth)"}},

	{CT_COUNTRY_NL, K_DECISION, DOC_T_NEXT,
	 {"Verlenging en hulpverlening",
	  "Het huisverbod duurt tien dagen. Als de dreiging van gevaar of "
	  "het ernstige vermoeden daarvan voortduurt, kan de burgemeester "
	  "het huisverbod eenmaal verlengen tot ten hoogste vier weken (28 "
	  "dagen) na het opleggen (artikel 9 lid 1 Wth). Voordat de "
	  "burgemeester daarover beslist, hoort hij u en de achterblijvers.\n\n"
	  "Het huisverbod is geen straf. Het geeft rust, zodat hulp op gang "
	  "kan komen voor u en voor de anderen in het gezin. Of u aan die "
	  "hulp meewerkt en of het huisverbod wordt nageleefd, weegt mee bij "
	  "de beslissing over verlenging.",
	  "seed 001 hfst. 3 'Communicatie' en 'Duidelijke informatie'; hfst. "
	  "8 'Verlengingsbesluit' en 'Verlengingsadvies' (art. 9 lid 1 "
	  "Wth)"}},

	{CT_COUNTRY_NL, K_EXTENSION, DOC_T_NEXT,
	 {"Na de verlenging",
	  "Het huisverbod kan niet verder worden verlengd dan tot 28 dagen "
	  "na het opleggen. De hulpverlening gaat door tijdens en na het "
	  "huisverbod. Als de omstandigheden veranderen, kan de burgemeester "
	  "het huisverbod eerder intrekken.",
	  "seed 001 hfst. 8 (art. 9 lid 1 Wth: eenmalig, ten hoogste vier "
	  "weken); PRODUCT.md Process 1 (intrekking)"}},

	{CT_COUNTRY_NL, K_DECISION, DOC_T_APPEAL,
	 {"Rechtsmiddelen: beroep en voorlopige voorziening",
	  "Tegen deze beschikking kunt u geen bezwaar maken. U kunt wel "
	  "rechtstreeks beroep instellen bij de bestuursrechter van de "
	  "rechtbank (artikel 6 lid 1 Wth). De termijn voor het indienen "
	  "van het beroepschrift is zes weken en begint met de "
	  "bekendmaking van deze beschikking aan u.\n\n"
	  "Als u beroep hebt ingesteld, kunt u de bestuursrechter ook vragen "
	  "om een voorlopige voorziening, bijvoorbeeld schorsing van het "
	  "huisverbod. De rechter hoort u dan binnen drie dagen en doet "
	  "direct na het horen uitspraak, tenzij er bijzondere "
	  "omstandigheden zijn (artikel 6 lid 2 Wth). De rechter betrekt "
	  "daarbij ook feiten en omstandigheden van na het opleggen van het "
	  "huisverbod (artikel 6 lid 3 Wth).",
	  "seed 001 hfst. 4 'Beroep en voorlopige voorziening' (art. 6 lid "
	  "1, lid 2 sub a en b, lid 3 Wth)"}},

	{CT_COUNTRY_NL, K_EXTENSION, DOC_T_APPEAL,
	 {"Rechtsmiddelen: beroep en voorlopige voorziening",
	  "Tegen deze beschikking tot verlenging kunt u geen bezwaar maken. "
	  "U kunt wel rechtstreeks beroep instellen bij de bestuursrechter "
	  "van de rechtbank (artikel 6 lid 1 Wth), binnen zes weken na de "
	  "bekendmaking van deze beschikking aan u. Hebt u al beroep ingesteld tegen het huisverbod, dan geldt dat "
	  "beroep ook tegen deze verlenging.\n\n"
	  "Als u beroep hebt ingesteld, kunt u de bestuursrechter ook vragen "
	  "om een voorlopige voorziening, bijvoorbeeld schorsing van het "
	  "huisverbod. De rechter hoort u dan binnen drie dagen (artikel 6 "
	  "lid 2 Wth).",
	  "seed 001 hfst. 4 'Beroep' (een ingediend beroepschrift wordt "
	  "geacht ook te zijn gericht tegen het verlengde huisverbod) en "
	  "'Voorlopige voorziening' (art. 6 Wth)"}},

	{CT_COUNTRY_NL, K_LETTER, DOC_T_APPEAL,
	 {"Het niet eens met het huisverbod?",
	  "Ook u kunt als belanghebbende beroep instellen bij de "
	  "bestuursrechter van de rechtbank, binnen zes weken na de "
	  "bekendmaking van het huisverbod. Bezwaar maken is niet mogelijk "
	  "(artikel 6 lid 1 Wth).",
	  "seed 001 hfst. 4 'Beroep': ook andere belanghebbenden, waaronder "
	  "de achterblijvers, kunnen beroep instellen"}},

	{CT_COUNTRY_NL, K_ORDER, DOC_T_VIOLATION,
	 {"Gevolgen van overtreding",
	  "Overtreding van het huisverbod of het contactverbod is een "
	  "misdrijf. U kunt daarvoor worden gestraft met een "
	  "gevangenisstraf van ten hoogste twee jaren of een geldboete van "
	  "de vierde categorie (artikel 11 Wth); ook een taakstraf is "
	  "mogelijk. Bij verdenking van overtreding kan voorlopige "
	  "hechtenis worden bevolen (artikel 12 Wth). Een overtreding kan er "
	  "bovendien toe leiden dat het huisverbod wordt verlengd.",
	  "seed 001 hfst. 5 'Handelen in strijd met het huisverbod' (art. 11 "
	  "en 12 Wth); hfst. 8 'Verlengingsadvies' (overtreding weegt mee)"}},

	{CT_COUNTRY_NL, K_LETTER, DOC_T_VIOLATION,
	 {"Als het huisverbod wordt overtreden",
	  "Komt de uithuisgeplaatste toch naar de woning, of neemt hij of "
	  "zij contact met u op, op welke manier ook, meld dat dan direct "
	  "bij de politie. Bel 112 als er direct gevaar is. Overtreding van "
	  "het huisverbod is een misdrijf, waarop een gevangenisstraf van "
	  "ten hoogste twee jaren of een geldboete van de vierde categorie "
	  "staat (artikel 11 Wth).",
	  "seed 001 hfst. 3 stap 6 (art. 2 lid 8 Wth: informeren over de "
	  "gevolgen van niet-naleven); hfst. 5 (art. 11 Wth)"}},

	{CT_COUNTRY_NL, K_LETTER, DOC_T_NEXT,
	 {"Verlenging",
	  "Het huisverbod duurt tien dagen. Als de dreiging voortduurt, kan "
	  "de burgemeester het verlengen tot ten hoogste 28 dagen. Voordat "
	  "hij daarover beslist, hoort hij ook u. Een besluit tot verlenging "
	  "wordt u per post toegezonden.",
	  "seed 001 hfst. 8 'Verlengingsadvies' en 'Verlengingsbesluit: "
	  "bekendmaking' (art. 9 lid 1 Wth)"}},

	{CT_COUNTRY_NL, K_LETTER, DOC_T_HELP,
	 {"Hulp",
	  "Veilig Thuis is op de hoogte van het huisverbod en zorgt dat de "
	  "hulpverlening zo snel mogelijk contact met u opneemt, voor u, de "
	  "kinderen en de uithuisgeplaatste.",
	  "seed 001 hfst. 3 stap 7 (art. 2 lid 8 Wth: Veilig Thuis wordt "
	  "geïnformeerd); hfst. 6 'Start van de hulpverlening'"}},

	/* ----------------------------- België ------------------------------ */
	{CT_COUNTRY_BE, K_ALL, DOC_T_LAW,
	 {NULL, "Wet van 15 mei 2012 betreffende het tijdelijk huisverbod, "
		"zoals gewijzigd bij de Potpourri-wet",
	  "seed 000 par. 1"}},

	{CT_COUNTRY_BE, K_ORDER, DOC_T_MEANING,
	 {"Wat het huisverbod inhoudt",
	  "Het tijdelijk huisverbod houdt in dat u de verblijfplaats "
	  "hieronder onmiddellijk verlaat, er niet binnengaat en er niet "
	  "verblijft, en dat u geen contact opneemt met de personen die "
	  "hieronder zijn genoemd, op welke manier dan ook.\n\n"
	  "Het huisverbod kan worden opgelegd wanneer uw aanwezigheid een "
	  "ernstig en onmiddellijk gevaar vormt voor de veiligheid van de "
	  "personen met wie u samenwoont. Er hoeft geen misdrijf te zijn "
	  "gepleegd: dreigend gevaar volstaat.",
	  "seed 000 par. 1 (onmiddellijk en ernstig gevaar voor de "
	  "huisgenoten; dreigend gevaar volstaat)"}},

	{CT_COUNTRY_BE, K_LETTER, DOC_T_MEANING,
	 {"Wat betekent dit voor u?",
	  "Tijdens het huisverbod mag de uithuisgeplaatste de woning niet "
	  "binnengaan of er verblijven, en geen contact opnemen met de "
	  "personen die in het bevel zijn genoemd, op welke manier dan "
	  "ook.\n\n"
	  "Het verbod geldt voor de uithuisgeplaatste, niet voor u: u en de "
	  "kinderen kunnen in de woning blijven.",
	  "seed 000 par. 1 (het slachtoffer en de eventuele kinderen kunnen "
	  "in de woning blijven)"}},

	{CT_COUNTRY_BE, K_DECISION, DOC_T_NEXT,
	 {"Behandeling door de familierechtbank",
	  "De familierechtbank behandelt de zaak binnen de termijn van "
	  "veertien dagen. Zij hoort alle partijen: u, het slachtoffer en de "
	  "meerderjarige kinderen. De familierechtbank kan het huisverbod "
	  "opheffen of verlengen tot maximaal drie maanden, en kan "
	  "burgerlijke vorderingen behandelen. Over de datum van de zitting "
	  "wordt u ingelicht.",
	  "seed 000 par. 1 (de familierechtbank behandelt de zaak binnen "
	  "die 14 dagen; alle partijen worden gehoord)"}},

	{CT_COUNTRY_BE, K_DECISION, DOC_T_APPEAL,
	 {"Uw rechten",
	  "Dit bevel wordt getoetst door de familierechtbank, die de zaak "
	  "binnen de veertien dagen behandelt. Op de zitting kunt u uw "
	  "standpunt naar voren brengen; de rechtbank kan het huisverbod "
	  "opheffen.\n\n"
	  "De dienst slachtofferonthaal van het justitiehuis doet de "
	  "personen met wie u samenwoont per brief een aanbod van bijstand "
	  "en voorlichting. Sinds 1 januari 2020 geldt dat aanbod ook voor "
	  "u.",
	  "seed 000 par. 1 (toetsing en opheffing door de "
	  "familierechtbank; aanbod per brief, ook aan de uithuisgeplaatste "
	  "sinds 1 januari 2020)"}},

	{CT_COUNTRY_BE, K_EXTENSION, DOC_T_APPEAL,
	 {"Uw rechten",
	  "Deze verlenging is een beslissing van de familierechtbank. Over "
	  "de rechtsmiddelen tegen die beslissing informeert de griffie van "
	  "de familierechtbank of uw advocaat u.",
	  "seed 000 par. 1 (verlenging door de familierechtbank); de seed "
	  "beschrijft geen rechtsmiddel, dus verwijzen we door"}},

	{CT_COUNTRY_BE, K_ORDER, DOC_T_VIOLATION,
	 {"Gevolgen van niet-naleving",
	  "Wie het tijdelijk huisverbod niet naleeft, kan worden gestraft "
	  "met een gevangenisstraf van ten hoogste één jaar. Daardoor kan de "
	  "onderzoeksrechter een aanhoudingsbevel uitvaardigen. Hetzelfde "
	  "geldt voor het niet naleven van een huisverbod dat door de "
	  "familierechtbank is verlengd.",
	  "seed 000 par. 1 (maximumstraf opgetrokken tot een jaar, opdat de "
	  "onderzoeksrechter een aanhoudingsbevel kan uitvaardigen; ook na "
	  "verlenging door de familierechtbank)"}},

	{CT_COUNTRY_BE, K_LETTER, DOC_T_VIOLATION,
	 {"Als het huisverbod niet wordt nageleefd",
	  "Komt de uithuisgeplaatste toch naar de woning, of neemt hij of "
	  "zij contact met u op, op welke manier ook, meld dat dan direct "
	  "bij de politie. Bel 112 als er direct gevaar is. Het niet "
	  "naleven van het huisverbod is strafbaar met een gevangenisstraf "
	  "van ten hoogste één jaar; de onderzoeksrechter kan een "
	  "aanhoudingsbevel uitvaardigen.",
	  "seed 000 par. 1"}},

	{CT_COUNTRY_BE, K_LETTER, DOC_T_NEXT,
	 {"De familierechtbank",
	  "De familierechtbank behandelt de zaak binnen veertien dagen. Zij "
	  "hoort alle partijen: niet alleen de uithuisgeplaatste, maar ook u "
	  "en de meerderjarige kinderen. De rechtbank kan het huisverbod "
	  "opheffen of verlengen tot maximaal drie maanden.",
	  "seed 000 par. 1"}},

	{CT_COUNTRY_BE, K_LETTER, DOC_T_HELP,
	 {"Hulp",
	  "De dienst slachtofferonthaal van het justitiehuis biedt u bijstand "
	  "en voorlichting aan. Waar een Family Justice Center intensief "
	  "casemanagement aanbiedt, neemt een casemanager zo snel mogelijk, "
	  "uiterlijk de eerstvolgende werkdag, contact op met alle "
	  "gezinsleden.",
	  "seed 000 par. 1 (aanbod tot bijstand en voorlichting per brief); "
	  "par. 3.1 (eerste contacten ten laatste de eerstvolgende "
	  "werkdag)"}},
};

const struct doc_text *
doc_text_get(enum ct_country c, enum doc_kind k, enum doc_text_id id)
{
	size_t i;

	for (i = 0; i < CT_ARRAY_SIZE(rows); i++)
		if (rows[i].country == c && (rows[i].kinds & (1u << k)) &&
		    rows[i].id == id)
			return &rows[i].text;
	return NULL;
}
