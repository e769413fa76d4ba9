/*
 * strings.c - the web pages' words (see strings.h). One row per string:
 * the Netherlands' Dutch, then Flanders' Dutch where it differs (NULL:
 * the same). A later French or English column goes beside them.
 */
#include "web/strings.h"

#include <stddef.h>

#include "util/compat.h"
#include "web/tmpl.h"
#include "util/banned.h"

struct web_string {
	const char *name; /* the template variable, "s_" + the id */
	const char *nl;
	const char *be; /* NULL: as nl */
};

static const struct web_string web_strings[WEB_S__COUNT] = {
	[WEB_S_APP_NAME] = {"s_app_name", "Casustafel", NULL},
	[WEB_S_SKIP_LINK] = {"s_skip_link", "Naar de inhoud", NULL},
	[WEB_S_NAV_LABEL] = {"s_nav_label", "Hoofdmenu", NULL},
	[WEB_S_NAV_WORKLIST] = {"s_nav_worklist", "Werklijst", NULL},
	[WEB_S_NAV_CASES] = {"s_nav_cases", "Dossiers", NULL},
	[WEB_S_LOGOUT] = {"s_logout", "Afmelden", NULL},
	[WEB_S_SIGNED_IN_AS] = {"s_signed_in_as", "Aangemeld als", NULL},
	[WEB_S_LOGIN_TITLE] = {"s_login_title", "Aanmelden", NULL},
	[WEB_S_LOGIN_INTRO] = {"s_login_intro",
			       "Meld u aan met uw gebruikersnaam en "
			       "wachtwoord. Daarna vragen we de code uit "
			       "uw authenticator-app.",
			       NULL},
	[WEB_S_USERNAME] = {"s_username", "Gebruikersnaam", NULL},
	[WEB_S_PASSWORD] = {"s_password", "Wachtwoord", NULL},
	[WEB_S_LOGIN_BUTTON] = {"s_login_button", "Aanmelden", NULL},
	[WEB_S_LOGIN_FAILED] = {"s_login_failed",
				"Gebruikersnaam of wachtwoord klopt niet, of "
				"het account is (tijdelijk) niet "
				"beschikbaar. Probeer het later opnieuw.",
				NULL},
	[WEB_S_FIELD_REQUIRED] = {"s_field_required", "Vul dit veld in.", NULL},
	[WEB_S_TOTP_TITLE] = {"s_totp_title", "Code uit uw app", NULL},
	[WEB_S_TOTP_INTRO] = {"s_totp_intro",
			      "Geef de code van zes cijfers die uw "
			      "authenticator-app nu toont.",
			      NULL},
	[WEB_S_TOTP_CODE] = {"s_totp_code", "Code", NULL},
	[WEB_S_TOTP_CODE_HINT] = {"s_totp_code_hint",
				  "Zes cijfers, bijvoorbeeld 123456.", NULL},
	[WEB_S_TOTP_BUTTON] = {"s_totp_button", "Bevestigen", NULL},
	[WEB_S_TOTP_FAILED] = {"s_totp_failed",
			       "De code klopt niet of is al gebruikt. Wacht "
			       "op de volgende code en probeer het opnieuw.",
			       NULL},
	[WEB_S_ENROL_TITLE] = {"s_enrol_title", "Tweede factor instellen",
			       NULL},
	[WEB_S_ENROL_INTRO] = {"s_enrol_intro",
			       "Scan de QR-code met uw authenticator-app, of "
			       "typ de geheime sleutel over. Geef daarna "
			       "de code die de app toont.",
			       NULL},
	[WEB_S_ENROL_SECRET] = {"s_enrol_secret", "Geheime sleutel", NULL},
	[WEB_S_ENROL_BUTTON] = {"s_enrol_button", "Instellen en aanmelden",
				NULL},
	[WEB_S_ERRORS_TITLE] = {"s_errors_title", "Er ging iets mis", NULL},
	[WEB_S_SESSION_EXPIRED] = {"s_session_expired",
				   "Uw sessie is verlopen. Meld u opnieuw "
				   "aan.",
				   NULL},
	[WEB_S_WORKLIST_TITLE] = {"s_worklist_title", "Werklijst", NULL},
	[WEB_S_WORKLIST_OVERDUE] = {"s_worklist_overdue", "Te laat", NULL},
	[WEB_S_WORKLIST_DUE] = {"s_worklist_due", "Vandaag en morgen", NULL},
	[WEB_S_WORKLIST_COMING] = {"s_worklist_coming", "Binnenkort", NULL},
	[WEB_S_WORKLIST_EMPTY] = {"s_worklist_empty", "Hier staat nu niets.",
				  NULL},
	[WEB_S_DEADLINE] = {"s_deadline", "Wettelijke termijn", NULL},
	[WEB_S_TIME_LEFT] = {"s_time_left", "Tijd over", NULL},
	[WEB_S_TASK] = {"s_task", "Taak", NULL},
	[WEB_S_CASE] = {"s_case", "Dossier", NULL},
	[WEB_S_RULE] = {"s_rule", "Regel", NULL},
	[WEB_S_CASES_TITLE] = {"s_cases_title", "Dossiers", NULL},
	[WEB_S_CASES_SEARCH] = {"s_cases_search", "Zoeken", NULL},
	[WEB_S_CASES_REFERENCE] = {"s_cases_reference", "Kenmerk", NULL},
	[WEB_S_CASES_REGION] = {"s_cases_region", "Regio", NULL},
	[WEB_S_CASES_STATUS] = {"s_cases_status", "Status", NULL},
	[WEB_S_CASES_ANY] = {"s_cases_any", "Alle", NULL},
	[WEB_S_CASES_EMPTY] = {"s_cases_empty", "Geen dossiers gevonden.",
			       NULL},
	[WEB_S_CASES_OPENED] = {"s_cases_opened", "Geopend", NULL},
	[WEB_S_PAGE_NEXT] = {"s_page_next", "Volgende pagina", NULL},
	[WEB_S_PAGE_PREV] = {"s_page_prev", "Vorige pagina", NULL},
	[WEB_S_STATUS_OPEN] = {"s_status_open", "Open", NULL},
	[WEB_S_STATUS_CLOSED] = {"s_status_closed", "Gesloten", NULL},
	[WEB_S_CARE_ORG] = {"s_care_org", "Veilig Thuis", "Veilig Huis"},
	[WEB_S_ORDER_AUTHORITY] = {"s_order_authority", "burgemeester",
				   "procureur des Konings"},
	[WEB_S_ORDER] = {"s_order", "tijdelijk huisverbod",
			 "tijdelijk huisverbod"},
	[WEB_S_PROSECUTION] = {"s_prosecution", "Openbaar Ministerie",
			       "parket"},
	[WEB_S_MUNICIPALITY] = {"s_municipality", "gemeente",
				"stad of gemeente"},
	[WEB_S_COUNTRY] = {"s_country", "Nederland", "België"},
};

const char *
web_str(enum ct_country country, enum web_string_id id)
{
	const struct web_string *s;

	if ((unsigned)id >= WEB_S__COUNT)
		CT_BUG("web_str: unknown string id");
	s = &web_strings[id];
	if (!s->nl)
		CT_BUG("web_str: string without text");
	return country == CT_COUNTRY_BE && s->be ? s->be : s->nl;
}

void
web_strings_set(struct tmpl_vars *v, enum ct_country country)
{
	size_t i;

	for (i = 0; i < WEB_S__COUNT; i++)
		tmpl_set(v, web_strings[i].name,
			 web_str(country, (enum web_string_id)i));
}
