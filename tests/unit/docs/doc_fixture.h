/*
 * doc_fixture.h - complete, valid document inputs for the docs tests, one
 * per kind and jurisdiction, so that each test removes or breaks exactly
 * the item it is about. Header-only (static) so every test program stays
 * one file.
 */
#ifndef CT_TEST_DOC_FIXTURE_H
#define CT_TEST_DOC_FIXTURE_H

#include <stdlib.h>

#include "docs/doc_model.h"
#include "util/civtime.h"

static CT_UNUSED int64_t
fx_local(enum ct_country c, int y, int mo, int d, int h, int mi)
{
	struct ct_civil l = {{y, mo, d}, h, mi, 0};
	int64_t t;

	if (ct_instant_from_local(ct_country_zone(c), &l, &t) != CT_OK)
		abort();
	return t;
}

static const char *const fx_names_nl[] = {"Anouk Jansen-Çelik",
					  "Noël Jansen"};
static const char *const fx_names_be[] = {"Françoise Claes-Dubois",
					  "Inès Claes"};

/* A valid input of kind k in country c. */
static CT_UNUSED void
fx_input(struct doc_input *in, enum doc_kind k, enum ct_country c)
{
	int nl = c == CT_COUNTRY_NL;

	doc_input_init(in);
	in->kind = k;
	in->jurisdiction = c;
	in->case_reference = nl ? "AMS-2026-00123" : "LIM-2026-00042";
	in->authority = nl ? "Amsterdam" : "Limburg";
	in->decider_name = nl ? "J. de Vries" : "mr. L. Peeters";
	in->decider_role = nl ? DOC_ROLE_HOVJ : DOC_ROLE_PROSECUTOR;
	in->mandate = nl ? DOC_MANDATE_DECIDING : DOC_MANDATE_NONE;
	in->mandate_reference = nl ? "het Mandaatbesluit 2025" : NULL;
	if (nl && k == DOC_EXTENSION) {
		in->decider_name = "F. Halsema";
		in->decider_role = DOC_ROLE_MAYOR;
		in->mandate = DOC_MANDATE_NONE;
		in->mandate_reference = NULL;
	}
	in->removed.name = nl ? "Peter Jansen" : "Marc Claes";
	in->removed.has_birth_date = 1;
	in->removed.birth_date = (struct ct_date){1984, 2, 29};
	in->address = nl ? "Kerkstraat 12-II, 1017 GA Amsterdam"
			 : "Stationsstraat 8, 3500 Hasselt";
	in->start = nl ? fx_local(c, 2026, 7, 13, 13, 59)
		       : fx_local(c, 2026, 10, 23, 22, 15);
	in->end = nl ? fx_local(c, 2026, 7, 23, 13, 59)
		     : fx_local(c, 2026, 11, 6, 22, 15);
	in->oral_first = 1;
	in->facts = "De politie trof mevrouw aan met letsel.\n\nTwee "
		    "eerdere meldingen.";
	in->protected_count = 2;
	in->protected_names[0] = nl ? fx_names_nl[0] : fx_names_be[0];
	in->protected_names[1] = nl ? fx_names_nl[1] : fx_names_be[1];
	in->stay_address = nl ? "Brouwersgracht 3, Amsterdam"
			      : "Kempische Steenweg 101, Hasselt";
	in->signed_place = nl ? "Amsterdam" : "Hasselt";
	in->has_signed_date = 1;
	in->signed_date = nl ? (struct ct_date){2026, 7, 13}
			     : (struct ct_date){2026, 10, 24};
	if (k == DOC_EXTENSION) {
		in->previous_end = in->end;
		in->end = nl ? fx_local(c, 2026, 8, 10, 13, 59)
			     : fx_local(c, 2027, 1, 23, 22, 15);
		in->advice = nl ? "Veilig Thuis adviseert verlenging." : NULL;
		in->court = nl ? NULL : "familierechtbank Limburg";
		in->has_ruling_date = !nl;
		in->ruling_date = (struct ct_date){2026, 11, 4};
		in->signed_date = nl ? (struct ct_date){2026, 7, 22}
				     : (struct ct_date){2026, 11, 4};
	}
	if (k == DOC_LETTER) {
		in->recipient_name = in->protected_names[0];
		in->recipient_address = in->address;
		in->help_contact = nl ? "Veilig Thuis, 0800-2000"
				      : "Justitiehuis Hasselt";
	}
}

#endif
