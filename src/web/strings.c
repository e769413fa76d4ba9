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
	/* the case file and its forms, the team, the journal (page_case.h) */
	[WEB_S_CASE_TITLE] = {"s_case_title", "Dossier", NULL},
	[WEB_S_CASE_TOC] = {"s_case_toc", "Inhoud van dit dossier", NULL},
	[WEB_S_CASE_FACTS] = {"s_case_facts", "Gegevens van het dossier", NULL},
	[WEB_S_CASE_JURISDICTION] = {"s_case_jurisdiction", "Rechtsgebied",
				     NULL},
	[WEB_S_CASE_JURISDICTION_NL] = {"s_case_jurisdiction_nl", "Nederland",
					NULL},
	[WEB_S_CASE_JURISDICTION_BE] = {"s_case_jurisdiction_be",
					"België (Vlaanderen)", NULL},
	[WEB_S_CASE_OWNER] = {"s_case_owner", "Eigenaar", NULL},
	[WEB_S_CASE_PATTERN] = {"s_case_pattern", "Patroon van geweld", NULL},
	[WEB_S_CASE_PERSONS] = {"s_case_persons", "Personen", NULL},
	[WEB_S_CASE_PERSON_NAME] = {"s_case_person_name", "Naam", NULL},
	[WEB_S_CASE_PERSON_ROLES] = {"s_case_person_roles", "Rollen", NULL},
	[WEB_S_CASE_PERSON_AGE] = {"s_case_person_age", "Leeftijd", NULL},
	[WEB_S_CASE_PERSON_SEX] = {"s_case_person_sex", "Geslacht", NULL},
	[WEB_S_CASE_AGE_UNKNOWN] = {"s_case_age_unknown", "onbekend", NULL},
	[WEB_S_CASE_PERSONS_EMPTY] = {"s_case_persons_empty",
				      "Er zijn nog geen personen vastgelegd.",
				      NULL},
	[WEB_S_CASE_PERSON_ADD] = {"s_case_person_add", "Persoon toevoegen",
				   NULL},
	[WEB_S_CASE_DIAGRAM] = {"s_case_diagram", "Gezinsschema", NULL},
	[WEB_S_CASE_DIAGRAM_TEXT] = {"s_case_diagram_text",
				     "Het gezinsschema in woorden", NULL},
	[WEB_S_CASE_DIAGRAM_TOO_BIG] =
		{"s_case_diagram_too_big",
		 "Dit gezin is te groot om als schema te tekenen. De personen "
		 "en relaties staan in de lijsten.",
		 NULL},
	[WEB_S_CASE_DIAGRAM_EMPTY] =
		{"s_case_diagram_empty",
		 "Het schema verschijnt zodra er personen zijn.", NULL},
	[WEB_S_CASE_RELATIONS] = {"s_case_relations", "Relaties", NULL},
	[WEB_S_CASE_RELATION] = {"s_case_relation", "Relatie", NULL},
	[WEB_S_CASE_RELATIONS_EMPTY] = {"s_case_relations_empty",
					"Er zijn nog geen relaties vastgelegd.",
					NULL},
	[WEB_S_CASE_RELATION_ADD] = {"s_case_relation_add", "Relatie toevoegen",
				     NULL},
	[WEB_S_CASE_INCIDENTS] = {"s_case_incidents", "Incidenten", NULL},
	[WEB_S_CASE_INCIDENT_WHEN] = {"s_case_incident_when", "Datum en tijd",
				      NULL},
	[WEB_S_CASE_INCIDENT_KIND] = {"s_case_incident_kind", "Soort en vorm",
				      NULL},
	[WEB_S_CASE_INCIDENT_SEVERITY] = {"s_case_incident_severity", "Ernst",
					  NULL},
	[WEB_S_CASE_INCIDENT_LOCATION] = {"s_case_incident_location", "Plaats",
					  NULL},
	[WEB_S_CASE_INCIDENT_DESCRIPTION] = {"s_case_incident_description",
					     "Beschrijving", NULL},
	[WEB_S_CASE_INCIDENTS_EMPTY] =
		{"s_case_incidents_empty",
		 "Er zijn nog geen incidenten vastgelegd.", NULL},
	[WEB_S_CASE_INCIDENT_ADD] = {"s_case_incident_add",
				     "Incident toevoegen", NULL},
	[WEB_S_CASE_ASSESSMENTS] = {"s_case_assessments", "Risicotaxatie",
				    NULL},
	[WEB_S_CASE_ASSESSMENT_INSTRUMENT] = {"s_case_assessment_instrument",
					      "Instrument", NULL},
	[WEB_S_CASE_ASSESSMENT_DATE] = {"s_case_assessment_date", "Ingevuld",
					NULL},
	[WEB_S_CASE_ASSESSMENT_BY] = {"s_case_assessment_by", "Door", NULL},
	[WEB_S_CASE_ASSESSMENT_OUTCOME] = {"s_case_assessment_outcome",
					   "Uitkomst", NULL},
	[WEB_S_CASE_ASSESSMENT_UNDETERMINED] =
		{"s_case_assessment_undetermined", "nog niet te bepalen", NULL},
	[WEB_S_CASE_ASSESSMENT_OVERRIDDEN] = {"s_case_assessment_overridden",
					      "bijgesteld, berekend was", NULL},
	[WEB_S_CASE_ASSESSMENTS_EMPTY] =
		{"s_case_assessments_empty",
		 "Er is nog geen risicotaxatie ingevuld.", NULL},
	[WEB_S_CASE_ASSESSMENT_ADD] = {"s_case_assessment_add",
				       "Risicotaxatie invullen", NULL},
	[WEB_S_CASE_ORDERS] = {"s_case_orders", "Huisverbod",
			       "Tijdelijk huisverbod"},
	[WEB_S_CASE_ORDER] = {"s_case_order", "Huisverbod",
			      "Tijdelijk huisverbod"},
	[WEB_S_CASE_ORDER_STATE] = {"s_case_order_state", "Stand", NULL},
	[WEB_S_CASE_ORDER_SUBJECT] = {"s_case_order_subject",
				      "Uithuisgeplaatste", NULL},
	[WEB_S_CASE_ORDER_ENDS] = {"s_case_order_ends", "Loopt tot", NULL},
	[WEB_S_CASE_ORDER_STARTED] = {"s_case_order_started", "gestart", NULL},
	[WEB_S_CASE_ORDERS_EMPTY] =
		{"s_case_orders_empty", "Er is in dit dossier geen huisverbod.",
		 "Er is in dit dossier geen tijdelijk huisverbod."},
	[WEB_S_CASE_ORDER_PREPARE] = {"s_case_order_prepare",
				      "Huisverbod voorbereiden",
				      "Tijdelijk huisverbod voorbereiden"},
	[WEB_S_CASE_TEAM] = {"s_case_team", "Casusteam", NULL},
	[WEB_S_CASE_TEAM_LINK] = {"s_case_team_link", "Naar het casusteam",
				  NULL},
	[WEB_S_CASE_TIMELINE] = {"s_case_timeline", "Tijdlijn", NULL},
	[WEB_S_CASE_TIMELINE_ALL] = {"s_case_timeline_all", "Het hele journaal",
				     NULL},
	[WEB_S_CASE_FORM_SAVE] = {"s_case_form_save", "Opslaan", NULL},
	[WEB_S_CASE_FORM_BACK] = {"s_case_form_back", "Terug naar het dossier",
				  NULL},
	[WEB_S_CASE_FORM_OPTIONAL] = {"s_case_form_optional",
				      "(niet verplicht)", NULL},
	[WEB_S_CASE_FORM_CHOOSE] = {"s_case_form_choose", "Kies…", NULL},
	[WEB_S_CASE_FORM_INVALID] = {"s_case_form_invalid",
				     "Het formulier is niet opgeslagen. "
				     "Verbeter de velden hieronder.",
				     NULL},
	[WEB_S_CASE_NEW] = {"s_case_new", "Nieuw dossier", NULL},
	[WEB_S_CASE_NEW_INTRO] =
		{"s_case_new_intro",
		 "Uw organisatie wordt eigenaar van het dossier en zit vanaf "
		 "het begin in het casusteam.",
		 NULL},
	[WEB_S_CASE_NEW_REGION_HINT] =
		{"s_case_new_region_hint",
		 "Twee tot acht hoofdletters, bijvoorbeeld AMS of LIM. Het "
		 "kenmerk van het dossier begint ermee.",
		 NULL},
	[WEB_S_CASE_NEW_BUTTON] = {"s_case_new_button", "Dossier openen", NULL},
	[WEB_S_CASE_PATTERN_UNKNOWN] = {"s_case_pattern_unknown",
					"Nog niet bekend", NULL},
	[WEB_S_CASE_PERSON_TITLE] = {"s_case_person_title", "Persoon toevoegen",
				     NULL},
	[WEB_S_CASE_GIVEN_NAME] = {"s_case_given_name", "Voornaam", NULL},
	[WEB_S_CASE_FAMILY_NAME] = {"s_case_family_name", "Achternaam", NULL},
	[WEB_S_CASE_NAME_HINT] =
		{"s_case_name_hint",
		 "Vul een voornaam, een achternaam of beide in.", NULL},
	[WEB_S_CASE_BIRTH_DATE] = {"s_case_birth_date", "Geboortedatum", NULL},
	[WEB_S_CASE_BIRTH_DATE_HINT] = {"s_case_birth_date_hint",
					"Bijvoorbeeld 2015-03-31.", NULL},
	[WEB_S_CASE_SEX_NONE] = {"s_case_sex_none", "Niet opgegeven", NULL},
	[WEB_S_CASE_ROLES_HINT] = {"s_case_roles_hint",
				   "Kies minstens één rol in deze zaak.", NULL},
	[WEB_S_CASE_BSN] = {"s_case_bsn", "BSN", NULL},
	[WEB_S_CASE_BSN_HINT] =
		{"s_case_bsn_hint",
		 "Burgerservicenummer, negen cijfers, als het bekend is.",
		 NULL},
	[WEB_S_CASE_RRN] = {"s_case_rrn", "Rijksregisternummer", NULL},
	[WEB_S_CASE_RRN_HINT] = {"s_case_rrn_hint",
				 "Elf cijfers, als het bekend is.", NULL},
	[WEB_S_CASE_RELATION_TITLE] = {"s_case_relation_title",
				       "Relatie toevoegen", NULL},
	[WEB_S_CASE_PERSON_A] = {"s_case_person_a", "Eerste persoon", NULL},
	[WEB_S_CASE_RELATION_KIND] = {"s_case_relation_kind", "Soort relatie",
				      NULL},
	[WEB_S_CASE_PERSON_B] = {"s_case_person_b", "Tweede persoon", NULL},
	[WEB_S_CASE_RELATION_HINT] = {"s_case_relation_hint",
				      "Bij 'Ouder van' is de eerste persoon "
				      "een ouder van de tweede.",
				      NULL},
	[WEB_S_CASE_RELATION_NEED_TWO] =
		{"s_case_relation_need_two",
		 "Voeg eerst minstens twee personen toe; een relatie verbindt "
		 "twee personen.",
		 NULL},
	[WEB_S_CASE_INCIDENT_TITLE] = {"s_case_incident_title",
				       "Incident toevoegen", NULL},
	[WEB_S_CASE_OCCURRED_AT_HINT] =
		{"s_case_occurred_at_hint",
		 "Plaatselijke tijd, bijvoorbeeld 2026-07-13 14:30.", NULL},
	[WEB_S_CASE_TYPES] = {"s_case_types", "Soort geweld", NULL},
	[WEB_S_CASE_FORMS] = {"s_case_forms", "Vorm van geweld", NULL},
	[WEB_S_CASE_TYPES_HINT] =
		{"s_case_types_hint",
		 "Kies minstens één soort of vorm van geweld.", NULL},
	[WEB_S_CASE_DESCRIPTION_HINT] =
		{"s_case_description_hint",
		 "Wat is er gebeurd? Feiten, geen oordelen.", NULL},
	[WEB_S_TEAM_TITLE] = {"s_team_title", "Casusteam", NULL},
	[WEB_S_TEAM_INTRO] = {"s_team_intro",
			      "Alleen de organisaties in het casusteam zien "
			      "dit dossier. Wie erbij komt of weggaat, staat "
			      "met de reden in het journaal.",
			      NULL},
	[WEB_S_TEAM_ORG] = {"s_team_org", "Organisatie", NULL},
	[WEB_S_TEAM_TYPE] = {"s_team_type", "Soort", NULL},
	[WEB_S_TEAM_REASON] = {"s_team_reason", "Reden", NULL},
	[WEB_S_TEAM_SINCE] = {"s_team_since", "Sinds", NULL},
	[WEB_S_TEAM_BY] = {"s_team_by", "Door", NULL},
	[WEB_S_TEAM_OWNER] = {"s_team_owner", "eigenaar van het dossier", NULL},
	[WEB_S_TEAM_ADD_TITLE] = {"s_team_add_title", "Organisatie toevoegen",
				  NULL},
	[WEB_S_TEAM_ADD_BUTTON] = {"s_team_add_button",
				   "Toevoegen aan het team", NULL},
	[WEB_S_TEAM_REASON_HINT] = {"s_team_reason_hint",
				    "Waarom heeft deze organisatie het dossier "
				    "nodig? Minstens tien tekens.",
				    NULL},
	[WEB_S_TEAM_REMOVE_TITLE] = {"s_team_remove_title",
				     "Uit het team halen", NULL},
	[WEB_S_TEAM_REMOVE_REASON] = {"s_team_remove_reason",
				      "Reden van vertrek", NULL},
	[WEB_S_TEAM_REMOVE_BUTTON] = {"s_team_remove_button",
				      "Uit het team halen", NULL},
	[WEB_S_TEAM_REMOVE_HINT] =
		{"s_team_remove_hint",
		 "Wie een organisatie uit het team haalt, geeft de reden: "
		 "minstens tien tekens. De organisatie ziet het dossier daarna "
		 "niet meer.",
		 NULL},
	[WEB_S_TEAM_FORMER] = {"s_team_former", "Eerder in het team", NULL},
	[WEB_S_TEAM_REMOVED] = {"s_team_removed", "Weg sinds", NULL},
	[WEB_S_TEAM_ONLY_OWNER] = {"s_team_only_owner",
				   "Alleen de eigenaar van het dossier kan het "
				   "casusteam wijzigen.",
				   NULL},
	[WEB_S_TEAM_ALL_IN] = {"s_team_all_in",
			       "Alle organisaties zitten al in het casusteam.",
			       NULL},
	[WEB_S_JOURNAL_TITLE] = {"s_journal_title", "Journaal", NULL},
	[WEB_S_JOURNAL_INTRO] =
		{"s_journal_intro",
		 "Elke wijziging in dit dossier, de nieuwste bovenaan. Niets "
		 "wordt overschreven: een correctie is een nieuwe regel.",
		 NULL},
	[WEB_S_JOURNAL_DETAILS] = {"s_journal_details",
				   "Wat er precies veranderde", NULL},
	[WEB_S_JOURNAL_BEFORE] = {"s_journal_before", "Voor", NULL},
	[WEB_S_JOURNAL_AFTER] = {"s_journal_after", "Na", NULL},
	[WEB_S_JOURNAL_EMPTY] = {"s_journal_empty", "Het journaal is nog leeg.",
				 NULL},
	[WEB_S_JOURNAL_BY] = {"s_journal_by", "door", NULL},
	[WEB_S_JOURNAL_CASE_CREATE] = {"s_journal_case_create",
				       "Dossier geopend", NULL},
	[WEB_S_JOURNAL_CASE_UPDATE] =
		{"s_journal_case_update",
		 "Status of patroon van het dossier gewijzigd", NULL},
	[WEB_S_JOURNAL_PERSON_ADD] = {"s_journal_person_add",
				      "Persoon toegevoegd", NULL},
	[WEB_S_JOURNAL_PERSON_UPDATE] = {"s_journal_person_update",
					 "Gegevens van een persoon gewijzigd",
					 NULL},
	[WEB_S_JOURNAL_RELATION_ADD] = {"s_journal_relation_add",
					"Relatie vastgelegd", NULL},
	[WEB_S_JOURNAL_INCIDENT_ADD] = {"s_journal_incident_add",
					"Incident vastgelegd", NULL},
	[WEB_S_JOURNAL_INCIDENT_UPDATE] = {"s_journal_incident_update",
					   "Incident gewijzigd", NULL},
	[WEB_S_JOURNAL_TEAM_ADD] = {"s_journal_team_add",
				    "Organisatie toegevoegd aan het casusteam",
				    NULL},
	[WEB_S_JOURNAL_TEAM_REMOVE] = {"s_journal_team_remove",
				       "Organisatie uit het casusteam gehaald",
				       NULL},
	[WEB_S_JOURNAL_BREAK_GLASS_OPEN] =
		{"s_journal_break_glass_open",
		 "Noodtoegang geopend (break the glass)", NULL},
	[WEB_S_JOURNAL_BREAK_GLASS_REVIEW] = {"s_journal_break_glass_review",
					      "Noodtoegang beoordeeld", NULL},
	[WEB_S_JOURNAL_ASSESSMENT_ADD] = {"s_journal_assessment_add",
					  "Risicotaxatie ingevuld", NULL},
	[WEB_S_JOURNAL_ASSESSMENT_OVERRIDE] =
		{"s_journal_assessment_override",
		 "Uitkomst van een risicotaxatie bijgesteld", NULL},
	[WEB_S_JOURNAL_TASK_CREATE] = {"s_journal_task_create",
				       "Taak aangemaakt", NULL},
	[WEB_S_JOURNAL_TASK_DONE] = {"s_journal_task_done", "Taak afgerond",
				     NULL},
	[WEB_S_JOURNAL_TASK_MOVE] = {"s_journal_task_move",
				     "Termijn van een taak verschoven", NULL},
	[WEB_S_JOURNAL_TASK_CANCEL] = {"s_journal_task_cancel",
				       "Taak vervallen", NULL},
	[WEB_S_JOURNAL_OTHER] = {"s_journal_other", "Wijziging", NULL},
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
