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
			       "Kies in de app voor een nieuw account en "
			       "scan deze QR-code met de camera van uw "
			       "telefoon.",
			       NULL},
	[WEB_S_ENROL_SECRET] = {"s_enrol_secret", "Geheime sleutel", NULL},
	[WEB_S_ENROL_BUTTON] = {"s_enrol_button", "Instellen en aanmelden",
				NULL},
	/* TOTP enrolment and the account page (page_account.h) */
	[WEB_S_ENROL_WHY] = {"s_enrol_why",
			     "Bij het aanmelden vraagt Casustafel naast uw "
			     "wachtwoord een code van zes cijfers uit een app "
			     "op uw telefoon: de tweede factor. Zo komt "
			     "niemand met alleen uw wachtwoord bij de "
			     "dossiers. U stelt dit één keer in.",
			     NULL},
	[WEB_S_ENROL_STEP_APP] = {"s_enrol_step_app",
				  "Installeer een authenticator-app", NULL},
	[WEB_S_ENROL_STEP_APP_TEXT] = {"s_enrol_step_app_text",
				       "Gebruik de app die uw organisatie "
				       "voorschrijft, of een bekende "
				       "authenticator-app zoals FreeOTP, "
				       "Google Authenticator of Microsoft "
				       "Authenticator, op uw werktelefoon.",
				       NULL},
	[WEB_S_ENROL_STEP_SCAN] = {"s_enrol_step_scan",
				   "Koppel de app aan Casustafel", NULL},
	[WEB_S_ENROL_QR_TITLE] = {"s_enrol_qr_title",
				  "QR-code om Casustafel aan uw "
				  "authenticator-app te koppelen",
				  NULL},
	[WEB_S_ENROL_MANUAL] = {"s_enrol_manual",
				"Kunt u niet scannen? Kies in de app voor "
				"handmatig invoeren en typ deze gegevens "
				"over:",
				NULL},
	[WEB_S_ENROL_ACCOUNT] = {"s_enrol_account", "Accountnaam", NULL},
	[WEB_S_ENROL_KIND] = {"s_enrol_kind", "Soort code", NULL},
	[WEB_S_ENROL_KIND_VALUE] = {"s_enrol_kind_value",
				    "Op tijd gebaseerd (TOTP): zes cijfers, "
				    "elke 30 seconden nieuw",
				    NULL},
	[WEB_S_ENROL_STEP_CODE] = {"s_enrol_step_code",
				   "Geef de code die de app nu toont", NULL},
	[WEB_S_ENROL_LATER] = {"s_enrol_later",
			       "Niet nu? Meld u dan af. U kunt de dossiers "
			       "pas openen als de tweede factor is "
			       "ingesteld.",
			       NULL},
	[WEB_S_ENROL_RESTARTED] = {"s_enrol_restarted",
				   "Het instellen is intussen opnieuw "
				   "begonnen, in een ander venster of op een "
				   "ander apparaat. Hieronder staat de QR-code "
				   "die nu geldt: verwijder Casustafel uit uw "
				   "app, scan deze code en geef de code die de "
				   "app dan toont.",
				   NULL},
	[WEB_S_NAV_ACCOUNT] = {"s_nav_account", "Mijn account", NULL},
	[WEB_S_ACCOUNT_TITLE] = {"s_account_title", "Mijn account", NULL},
	[WEB_S_ACCOUNT_DETAILS] = {"s_account_details", "Uw gegevens", NULL},
	[WEB_S_ACCOUNT_NAME] = {"s_account_name", "Naam", NULL},
	[WEB_S_ACCOUNT_ORG] = {"s_account_org", "Organisatie", NULL},
	[WEB_S_ACCOUNT_ROLES] = {"s_account_roles", "Rollen", NULL},
	[WEB_S_ACCOUNT_NO_ROLES] = {"s_account_no_roles", "Geen", NULL},
	[WEB_S_ACCOUNT_TOTP] = {"s_account_totp",
				"Tweede factor (authenticator-app) ingesteld",
				NULL},
	[WEB_S_ACCOUNT_TOTP_SET] = {"s_account_totp_set", "Ja", NULL},
	[WEB_S_ACCOUNT_PASSWORD_SINCE] = {"s_account_password_since",
					  "Wachtwoord laatst gewijzigd", NULL},
	[WEB_S_ACCOUNT_UNKNOWN] = {"s_account_unknown", "Onbekend", NULL},
	[WEB_S_ACCOUNT_PASSWORD_TITLE] = {"s_account_password_title",
					  "Wachtwoord wijzigen", NULL},
	[WEB_S_ACCOUNT_PASSWORD_INTRO] = {"s_account_password_intro",
					  "Na het wijzigen blijft u hier "
					  "aangemeld. Op andere apparaten en "
					  "in andere browsers wordt u "
					  "afgemeld.",
					  NULL},
	[WEB_S_ACCOUNT_CURRENT] = {"s_account_current", "Huidig wachtwoord",
				   NULL},
	[WEB_S_ACCOUNT_NEW] = {"s_account_new", "Nieuw wachtwoord", NULL},
	[WEB_S_ACCOUNT_NEW_HINT] = {"s_account_new_hint",
				    "Minstens 12 tekens, anders dan uw "
				    "gebruikersnaam en uw huidige wachtwoord. "
				    "Een zin van een paar woorden is sterk en "
				    "goed te onthouden.",
				    NULL},
	[WEB_S_ACCOUNT_REPEAT] = {"s_account_repeat",
				  "Herhaal het nieuwe wachtwoord", NULL},
	[WEB_S_ACCOUNT_REPEAT_DIFFERS] = {"s_account_repeat_differs",
					  "Het herhaalde wachtwoord is niet "
					  "hetzelfde als het nieuwe. Typ het "
					  "nog eens.",
					  NULL},
	[WEB_S_ACCOUNT_CURRENT_WRONG] = {"s_account_current_wrong",
					 "Het huidige wachtwoord klopt niet. "
					 "Let op: na een paar pogingen wordt "
					 "uw account tijdelijk geblokkeerd.",
					 NULL},
	[WEB_S_ACCOUNT_PASSWORD_BUTTON] = {"s_account_password_button",
					   "Wachtwoord wijzigen", NULL},
	[WEB_S_ACCOUNT_PASSWORD_CHANGED] = {"s_account_password_changed",
					    "Uw wachtwoord is gewijzigd. Op "
					    "andere apparaten bent u "
					    "afgemeld.",
					    NULL},
	[WEB_S_ACCOUNT_ROLE_ADMIN] = {"s_account_role_admin", "Beheerder",
				      NULL},
	[WEB_S_ACCOUNT_ROLE_PRIVACY_OFFICER] =
		{"s_account_role_privacy_officer",
		 "Functionaris gegevensbescherming",
		 "Functionaris voor gegevensbescherming"},
	[WEB_S_ACCOUNT_ROLE_POLICE_OFFICER] = {"s_account_role_police_officer",
					       "Politiemedewerker",
					       "Politieambtenaar"},
	[WEB_S_ACCOUNT_ROLE_HOVJ] = {"s_account_role_hovj",
				     "Hulpofficier van justitie", NULL},
	[WEB_S_ACCOUNT_ROLE_MAYOR] = {"s_account_role_mayor", "Burgemeester",
				      NULL},
	[WEB_S_ACCOUNT_ROLE_LEGAL_OFFICER] = {"s_account_role_legal_officer",
					      "Juridisch medewerker gemeente",
					      "Juridisch medewerker stad of "
					      "gemeente"},
	[WEB_S_ACCOUNT_ROLE_PROSECUTOR] = {"s_account_role_prosecutor",
					   "Officier van justitie",
					   "Parketmagistraat (procureur des "
					   "Konings)"},
	[WEB_S_ACCOUNT_ROLE_COORDINATOR] = {"s_account_role_coordinator",
					    "Casusregisseur", NULL},
	[WEB_S_ACCOUNT_ROLE_PARTNER_WORKER] = {"s_account_role_partner_worker",
					       "Ketenpartner", NULL},
	[WEB_S_ACCOUNT_ROLE_TRIAGE_MEMBER] = {"s_account_role_triage_member",
					      "Lid triageoverleg", NULL},
	[WEB_S_ACCOUNT_ROLE_ANALYST] = {"s_account_role_analyst", "Analist",
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
