/*
 * strings.h - every sentence and label the web pages show, in one place
 * (src/web/strings.c), so French and English can follow.
 *
 * A string has a Netherlands text and, where Flanders says it otherwise,
 * a Belgian one: web_str(CT_COUNTRY_BE, WEB_S_CARE_ORG) is "Veilig Huis",
 * for NL "Veilig Thuis". Strings without a Belgian text read the same in
 * both. Every id has a text (the unit test walks them all); the returned
 * string is static. Templates use them as {{s_<id>}} (web_strings_set).
 */
#ifndef CT_WEB_STRINGS_H
#define CT_WEB_STRINGS_H

#include "util/civtime.h"

enum web_string_id {
	WEB_S_APP_NAME,
	WEB_S_SKIP_LINK,
	WEB_S_NAV_LABEL,
	WEB_S_NAV_WORKLIST,
	WEB_S_NAV_CASES,
	WEB_S_LOGOUT,
	WEB_S_SIGNED_IN_AS,
	/* sign-in */
	WEB_S_LOGIN_TITLE,
	WEB_S_LOGIN_INTRO,
	WEB_S_USERNAME,
	WEB_S_PASSWORD,
	WEB_S_LOGIN_BUTTON,
	WEB_S_LOGIN_FAILED,
	WEB_S_FIELD_REQUIRED,
	WEB_S_TOTP_TITLE,
	WEB_S_TOTP_INTRO,
	WEB_S_TOTP_CODE,
	WEB_S_TOTP_CODE_HINT,
	WEB_S_TOTP_BUTTON,
	WEB_S_TOTP_FAILED,
	WEB_S_ENROL_TITLE,
	WEB_S_ENROL_INTRO,
	WEB_S_ENROL_SECRET,
	WEB_S_ENROL_BUTTON,
	/* TOTP enrolment and the account page (page_account.h) */
	WEB_S_ENROL_WHY,
	WEB_S_ENROL_STEP_APP,
	WEB_S_ENROL_STEP_APP_TEXT,
	WEB_S_ENROL_STEP_SCAN,
	WEB_S_ENROL_QR_TITLE,
	WEB_S_ENROL_MANUAL,
	WEB_S_ENROL_ACCOUNT,
	WEB_S_ENROL_KIND,
	WEB_S_ENROL_KIND_VALUE,
	WEB_S_ENROL_STEP_CODE,
	WEB_S_ENROL_LATER,
	WEB_S_ENROL_RESTARTED,
	WEB_S_NAV_ACCOUNT,
	WEB_S_ACCOUNT_TITLE,
	WEB_S_ACCOUNT_DETAILS,
	WEB_S_ACCOUNT_NAME,
	WEB_S_ACCOUNT_ORG,
	WEB_S_ACCOUNT_ROLES,
	WEB_S_ACCOUNT_NO_ROLES,
	WEB_S_ACCOUNT_TOTP,
	WEB_S_ACCOUNT_TOTP_SET,
	WEB_S_ACCOUNT_PASSWORD_SINCE,
	WEB_S_ACCOUNT_UNKNOWN,
	WEB_S_ACCOUNT_PASSWORD_TITLE,
	WEB_S_ACCOUNT_PASSWORD_INTRO,
	WEB_S_ACCOUNT_CURRENT,
	WEB_S_ACCOUNT_NEW,
	WEB_S_ACCOUNT_NEW_HINT,
	WEB_S_ACCOUNT_REPEAT,
	WEB_S_ACCOUNT_REPEAT_DIFFERS,
	WEB_S_ACCOUNT_CURRENT_WRONG,
	WEB_S_ACCOUNT_PASSWORD_BUTTON,
	WEB_S_ACCOUNT_PASSWORD_CHANGED,
	WEB_S_ACCOUNT_ROLE_ADMIN, /* one per enum user_role, in its order */
	WEB_S_ACCOUNT_ROLE_PRIVACY_OFFICER,
	WEB_S_ACCOUNT_ROLE_POLICE_OFFICER,
	WEB_S_ACCOUNT_ROLE_HOVJ,
	WEB_S_ACCOUNT_ROLE_MAYOR,
	WEB_S_ACCOUNT_ROLE_LEGAL_OFFICER,
	WEB_S_ACCOUNT_ROLE_PROSECUTOR,
	WEB_S_ACCOUNT_ROLE_COORDINATOR,
	WEB_S_ACCOUNT_ROLE_PARTNER_WORKER,
	WEB_S_ACCOUNT_ROLE_TRIAGE_MEMBER,
	WEB_S_ACCOUNT_ROLE_ANALYST,
	WEB_S_ERRORS_TITLE,
	WEB_S_SESSION_EXPIRED,
	/* work list */
	WEB_S_WORKLIST_TITLE,
	WEB_S_WORKLIST_OVERDUE,
	WEB_S_WORKLIST_DUE,
	WEB_S_WORKLIST_COMING,
	WEB_S_WORKLIST_EMPTY,
	WEB_S_DEADLINE,
	WEB_S_TIME_LEFT,
	WEB_S_TASK,
	WEB_S_CASE,
	WEB_S_RULE,
	/* case list */
	WEB_S_CASES_TITLE,
	WEB_S_CASES_SEARCH,
	WEB_S_CASES_REFERENCE,
	WEB_S_CASES_REGION,
	WEB_S_CASES_STATUS,
	WEB_S_CASES_ANY,
	WEB_S_CASES_EMPTY,
	WEB_S_CASES_OPENED,
	WEB_S_PAGE_NEXT,
	WEB_S_PAGE_PREV,
	WEB_S_STATUS_OPEN,
	WEB_S_STATUS_CLOSED,
	/* jurisdiction terms */
	WEB_S_CARE_ORG,	       /* Veilig Thuis / Veilig Huis */
	WEB_S_ORDER_AUTHORITY, /* burgemeester / procureur des Konings */
	WEB_S_ORDER,	       /* huisverbod / tijdelijk huisverbod */
	WEB_S_PROSECUTION,     /* Openbaar Ministerie / parket */
	WEB_S_MUNICIPALITY,    /* gemeente / stad of gemeente */
	WEB_S_COUNTRY,
	WEB_S__COUNT
};

struct tmpl_vars;

/* The text of id for a case in country (static storage, never NULL). */
const char *web_str(enum ct_country country, enum web_string_id id);

/*
 * Set every string in v as a template variable named "s_" + the id in
 * lower case: WEB_S_LOGIN_TITLE is {{s_login_title}}.
 */
void web_strings_set(struct tmpl_vars *v, enum ct_country country);

#endif
