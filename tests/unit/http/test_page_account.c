/*
 * test_page_account.c - the second factor's enrolment and "Mijn account"
 * through the pages: a user without a factor is sent to the enrolment,
 * which shows a QR code and the secret, the same on a reload; a wrong
 * code confirms nothing, the right one does and opens the work list; a
 * new sign-in replaces a pending secret and the old page's code is then
 * refused; an enrolled user cannot enrol again; the account page and the
 * password change with its errors beside the fields, other sessions
 * ended and this one kept.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>

#include "page_test.h"
#include "http/page_account.h"

#define NEW_PASSWORD "een nieuw lang wachtwoord"
#define NEW_PASSWORD_FORM "een+nieuw+lang+wachtwoord"

/* The secret shown on an enrolment page, without its spaces. */
static void
shown_secret(const struct pg_call *c, unsigned char secret[TOTP_SECRET_BYTES],
	     char b32[TOTP_SECRET_B32_SIZE])
{
	static const char mark[] = "id=\"geheime-sleutel\">";
	unsigned char raw[TOTP_SECRET_MAX_BYTES];
	const char *p = strstr(c->body, mark);
	size_t o = 0, len = 0;
	struct ct_error err;

	assert_non_null(p);
	for (p += sizeof(mark) - 1; *p && *p != '<'; p++)
		if (*p != ' ') {
			assert_true(o + 1 < TOTP_SECRET_B32_SIZE);
			b32[o++] = *p;
		}
	b32[o] = '\0';
	assert_int_equal(totp_secret_from_base32(b32, raw, &len, &err), CT_OK);
	assert_int_equal(len, TOTP_SECRET_BYTES);
	memcpy(secret, raw, TOTP_SECRET_BYTES);
}

static void
code_of(const unsigned char secret[TOTP_SECRET_BYTES], int64_t at,
	char code[TOTP_CODE_SIZE])
{
	assert_int_equal(totp_code_at_step(secret, TOTP_SECRET_BYTES,
					   totp_step(at), TOTP_DIGITS, code),
			 CT_OK);
}

static struct user_security
security_of(struct fx *f, const struct fx_user *fu)
{
	struct user_security sec;
	struct ct_error err;

	assert_int_equal(store_user_security_get(f->st, fu->u.id, &sec, &err),
			 CT_OK);
	return sec;
}

/* POST form to target as cookie; the status (and c kept for checks). */
static unsigned
post(struct fx *f, struct pg_call *c, const char *target, const char *cookie,
     const char *form)
{
	pg_request(f, c, HTTP_METHOD_POST, target, cookie, form);
	return c->resp.status;
}

static void
test_code_page_sends_to_enrolment(void **state)
{
	struct fx *f = *state;
	struct pg_call *c = malloc(sizeof(*c));
	char cookie[TOKEN_TEXT_SIZE + 16], csrf[TOKEN_CSRF_SIZE], form[128];

	pg_sign_in(f, &f->admin, cookie, sizeof(cookie), 0);
	pg_request(f, c, HTTP_METHOD_GET, "/aanmelden/code", cookie, NULL);
	assert_int_equal(c->resp.status, 303);
	assert_string_equal(pg_header(c, "Location"), "/aanmelden/instellen");
	pg_done(c);
	pg_request(f, c, HTTP_METHOD_GET, "/aanmelden/instellen", cookie, NULL);
	assert_int_equal(c->resp.status, 200);
	pg_csrf(c, csrf);
	pg_done(c);
	snprintf(form, sizeof(form), "code=123456&csrf_token=%s", csrf);
	assert_int_equal(post(f, c, "/aanmelden/code", cookie, form), 303);
	assert_string_equal(pg_header(c, "Location"), "/aanmelden/instellen");
	pg_done(c);
	/* the account page wants the second factor first */
	pg_request(f, c, HTTP_METHOD_GET, "/account", cookie, NULL);
	assert_int_equal(c->resp.status, 303);
	assert_string_equal(pg_header(c, "Location"), "/aanmelden/code");
	pg_done(c);
	free(c);
}

static void
test_enrol_with_qr_and_first_code(void **state)
{
	struct fx *f = *state;
	struct pg_call *c = malloc(sizeof(*c));
	char cookie[TOKEN_TEXT_SIZE + 16], csrf[TOKEN_CSRF_SIZE], form[128];
	char b32[TOTP_SECRET_B32_SIZE], b32_again[TOTP_SECRET_B32_SIZE];
	unsigned char secret[TOTP_SECRET_BYTES], again[TOTP_SECRET_BYTES];
	unsigned char stored[TOTP_SECRET_BYTES];
	char code[TOTP_CODE_SIZE];
	struct ct_error err;

	pg_sign_in(f, &f->admin, cookie, sizeof(cookie), 0);
	pg_request(f, c, HTTP_METHOD_GET, "/aanmelden/instellen", cookie, NULL);
	assert_int_equal(c->resp.status, 200);
	/* (Cache-Control: no-store is the server's, tests/api checks it) */
	assert_non_null(strstr(c->body, "<svg xmlns=\"http://www.w3.org/2000/"
					"svg\""));
	assert_non_null(strstr(c->body, "role=\"img\""));
	assert_non_null(strstr(c->body, "<title>QR-code"));
	assert_null(strstr(c->body, "otpauth:"));
	assert_non_null(strstr(c->body, "action=\"/aanmelden/instellen\""));
	shown_secret(c, secret, b32);
	/* in groups of four for typing by hand */
	assert_int_equal(strlen(b32), 32);
	assert_non_null(strstr(c->body, " "));
	pg_csrf(c, csrf);
	pg_done(c);
	/* what is shown is what is pending */
	assert_true(security_of(f, &f->admin).totp_pending);
	assert_int_equal(
		store_user_totp_secret(f->st, f->admin.u.id, stored, &err),
		CT_OK);
	assert_memory_equal(stored, secret, TOTP_SECRET_BYTES);
	/* a reload shows the same secret: a scan already done still works */
	pg_request(f, c, HTTP_METHOD_GET, "/aanmelden/instellen", cookie, NULL);
	assert_int_equal(c->resp.status, 200);
	shown_secret(c, again, b32_again);
	assert_string_equal(b32, b32_again);
	pg_done(c);

	/* not a code: beside the field, kept */
	snprintf(form, sizeof(form), "code=12ab&csrf_token=%s", csrf);
	assert_int_equal(post(f, c, "/aanmelden/instellen", cookie, form), 400);
	assert_non_null(strstr(c->body, "value=\"12ab\""));
	assert_non_null(strstr(c->body, "code-fout"));
	assert_non_null(strstr(c->body, "aria-invalid=\"true\""));
	assert_non_null(strstr(c->body, b32_again + 28)); /* the QR stays */
	pg_done(c);
	/* empty: "Vul dit veld in." */
	snprintf(form, sizeof(form), "code=&csrf_token=%s", csrf);
	assert_int_equal(post(f, c, "/aanmelden/instellen", cookie, form), 400);
	assert_non_null(strstr(c->body, "Vul dit veld in."));
	pg_done(c);
	/* a wrong code: 401, not kept, nothing confirmed */
	code_of(secret, f->now + 10 * TOTP_PERIOD, code);
	snprintf(form, sizeof(form), "code=%s&csrf_token=%s", code, csrf);
	assert_int_equal(post(f, c, "/aanmelden/instellen", cookie, form), 401);
	assert_non_null(strstr(c->body,
			       "value=\"\" aria-describedby=\"code-hint "
			       "code-fout\""));
	assert_non_null(strstr(c->body, "De code klopt niet"));
	pg_done(c);
	assert_false(security_of(f, &f->admin).totp_enrolled);
	/* the right code without the CSRF token: not even looked at */
	code_of(secret, f->now, code);
	snprintf(form, sizeof(form), "code=%s", code);
	assert_int_equal(post(f, c, "/aanmelden/instellen", cookie, form), 403);
	pg_done(c);
	assert_false(security_of(f, &f->admin).totp_enrolled);

	/* the right code: confirmed, this session counts, on to the list */
	snprintf(form, sizeof(form), "code=%s&csrf_token=%s", code, csrf);
	assert_int_equal(post(f, c, "/aanmelden/instellen", cookie, form), 303);
	assert_string_equal(pg_header(c, "Location"), "/");
	pg_done(c);
	assert_true(security_of(f, &f->admin).totp_enrolled);
	assert_int_equal(security_of(f, &f->admin).totp_enrolled_at, f->now);
	pg_request(f, c, HTTP_METHOD_GET, "/account", cookie, NULL);
	assert_int_equal(c->resp.status, 200);
	pg_done(c);
	/* enrolled: no way back to the enrolment, the factor unchanged */
	pg_request(f, c, HTTP_METHOD_GET, "/aanmelden/instellen", cookie, NULL);
	assert_int_equal(c->resp.status, 303);
	assert_string_equal(pg_header(c, "Location"), "/");
	pg_done(c);
	code_of(secret, f->now + TOTP_PERIOD, code);
	snprintf(form, sizeof(form), "code=%s&csrf_token=%s", code, csrf);
	assert_int_equal(post(f, c, "/aanmelden/instellen", cookie, form), 303);
	assert_string_equal(pg_header(c, "Location"), "/");
	pg_done(c);
	assert_int_equal(
		store_user_totp_secret(f->st, f->admin.u.id, stored, &err),
		CT_OK);
	assert_memory_equal(stored, secret, TOTP_SECRET_BYTES);
	free(c);
}

static void
test_new_sign_in_replaces_pending(void **state)
{
	struct fx *f = *state;
	struct pg_call *c = malloc(sizeof(*c));
	char first[TOKEN_TEXT_SIZE + 16], second[TOKEN_TEXT_SIZE + 16];
	char csrf[TOKEN_CSRF_SIZE], form[128], code[TOTP_CODE_SIZE];
	char b32_a[TOTP_SECRET_B32_SIZE], b32_b[TOTP_SECRET_B32_SIZE];
	unsigned char a[TOTP_SECRET_BYTES], b[TOTP_SECRET_BYTES];

	pg_sign_in(f, &f->admin, first, sizeof(first), 0);
	pg_request(f, c, HTTP_METHOD_GET, "/aanmelden/instellen", first, NULL);
	shown_secret(c, a, b32_a);
	pg_csrf(c, csrf);
	pg_done(c);
	/* someone signs in again: a new session, a new secret */
	pg_sign_in(f, &f->admin, second, sizeof(second), 0);
	pg_request(f, c, HTTP_METHOD_GET, "/aanmelden/instellen", second, NULL);
	shown_secret(c, b, b32_b);
	pg_done(c);
	assert_string_not_equal(b32_a, b32_b);
	/* the first page's code is not checked against the other secret,
	 * nothing is confirmed, and the page says to scan again */
	code_of(a, f->now, code);
	snprintf(form, sizeof(form), "code=%s&csrf_token=%s", code, csrf);
	assert_int_equal(post(f, c, "/aanmelden/instellen", first, form), 303);
	assert_string_equal(pg_header(c, "Location"),
			    "/aanmelden/instellen?opnieuw=1");
	pg_done(c);
	assert_false(security_of(f, &f->admin).totp_enrolled);
	pg_request(f, c, HTTP_METHOD_GET, "/aanmelden/instellen?opnieuw=1",
		   first, NULL);
	assert_int_equal(c->resp.status, 200);
	assert_non_null(strstr(c->body, "enrol-notice"));
	shown_secret(c, b, b32_b);
	assert_string_equal(b32_a, b32_b); /* this session's secret again */
	pg_done(c);
	assert_int_equal(post(f, c, "/aanmelden/instellen", first, form), 303);
	assert_string_equal(pg_header(c, "Location"), "/");
	pg_done(c);
	assert_true(security_of(f, &f->admin).totp_enrolled);
	/* an unknown query value is refused like any undeclared input */
	pg_request(f, c, HTTP_METHOD_GET, "/aanmelden/instellen?opnieuw=2",
		   second, NULL);
	assert_int_equal(c->resp.status, 400);
	pg_done(c);
	free(c);
}

static void
test_enrolled_user_cannot_enrol(void **state)
{
	struct fx *f = *state;
	struct pg_call *c = malloc(sizeof(*c));
	char cookie[TOKEN_TEXT_SIZE + 16];
	unsigned char stored[TOTP_SECRET_BYTES];
	struct ct_error err;

	/* password only: the policy wants the factor first */
	pg_sign_in(f, &f->alice, cookie, sizeof(cookie), 0);
	pg_request(f, c, HTTP_METHOD_GET, "/aanmelden/instellen", cookie, NULL);
	assert_int_equal(c->resp.status, 303);
	assert_string_equal(pg_header(c, "Location"), "/aanmelden/code");
	pg_done(c);
	pg_sign_in(f, &f->alice, cookie, sizeof(cookie), 1);
	pg_request(f, c, HTTP_METHOD_GET, "/aanmelden/instellen", cookie, NULL);
	assert_int_equal(c->resp.status, 303);
	assert_string_equal(pg_header(c, "Location"), "/");
	pg_done(c);
	assert_int_equal(
		store_user_totp_secret(f->st, f->alice.u.id, stored, &err),
		CT_OK);
	assert_memory_equal(stored, f->alice.secret, TOTP_SECRET_BYTES);
	free(c);
}

static void
test_account_page(void **state)
{
	struct fx *f = *state;
	struct pg_call *c = malloc(sizeof(*c));
	char cookie[TOKEN_TEXT_SIZE + 16];

	pg_sign_in(f, &f->alice, cookie, sizeof(cookie), 1);
	pg_request(f, c, HTTP_METHOD_GET, "/account", cookie, NULL);
	assert_int_equal(c->resp.status, 200);
	assert_non_null(strstr(c->body, "<h1>Mijn account</h1>"));
	assert_non_null(strstr(c->body, "Politie Amsterdam"));
	assert_non_null(strstr(c->body, "<li>Politiemedewerker</li>"));
	/* FX_NOW, 2026-07-13T10:00:00Z, in Amsterdam summer time */
	assert_non_null(strstr(c->body, "maandag 13 juli 2026 om 12:00"));
	assert_non_null(strstr(c->body, "href=\"/account\" aria-current="
					"\"page\""));
	assert_non_null(strstr(c->body, "name=\"current_password\""));
	assert_null(strstr(c->body, "account-notice"));
	pg_done(c);
	pg_request(f, c, HTTP_METHOD_GET, "/account?gewijzigd=1", cookie, NULL);
	assert_int_equal(c->resp.status, 200);
	assert_non_null(strstr(c->body, "account-notice"));
	pg_done(c);
	free(c);
}

static void
test_password_change(void **state)
{
	struct fx *f = *state;
	struct pg_call *c = malloc(sizeof(*c));
	char cookie[TOKEN_TEXT_SIZE + 16], other[TOKEN_TEXT_SIZE + 16];
	char fresh[TOKEN_TEXT_SIZE + 16], csrf[TOKEN_CSRF_SIZE], form[512];
	const char *set, *semi;

	pg_sign_in(f, &f->alice, other, sizeof(other), 1);
	pg_sign_in(f, &f->alice, cookie, sizeof(cookie), 0);
	/* a session that did not give the factor changes nothing */
	pg_request(f, c, HTTP_METHOD_GET, "/aanmelden/code", cookie, NULL);
	pg_csrf(c, csrf);
	pg_done(c);
	snprintf(form, sizeof(form),
		 "current_password=correct+horse+battery&new_password="
		 "%s&repeat_password=%s&csrf_token=%s",
		 NEW_PASSWORD_FORM, NEW_PASSWORD_FORM, csrf);
	assert_int_equal(post(f, c, "/account/wachtwoord", cookie, form), 303);
	assert_string_equal(pg_header(c, "Location"), "/aanmelden/code");
	assert_null(pg_header(c, "Set-Cookie"));
	pg_done(c);

	f->now += TOTP_PERIOD; /* a fresh code for the second sign-in */
	pg_sign_in(f, &f->alice, cookie, sizeof(cookie), 1);
	pg_request(f, c, HTTP_METHOD_GET, "/account", cookie, NULL);
	pg_csrf(c, csrf);
	pg_done(c);
	/* every field empty: three errors beside their fields */
	snprintf(form, sizeof(form), "csrf_token=%s", csrf);
	assert_int_equal(post(f, c, "/account/wachtwoord", cookie, form), 400);
	assert_non_null(strstr(c->body, "id=\"current_password-fout\""));
	assert_non_null(strstr(c->body, "id=\"new_password-fout\""));
	assert_non_null(strstr(c->body, "id=\"repeat_password-fout\""));
	assert_non_null(strstr(c->body, "href=\"#new_password\""));
	pg_done(c);
	/* the repeat differs: said before anything is checked */
	snprintf(form, sizeof(form),
		 "current_password=fout&new_password=%s&repeat_password="
		 "iets+anders+lang&csrf_token=%s",
		 NEW_PASSWORD_FORM, csrf);
	assert_int_equal(post(f, c, "/account/wachtwoord", cookie, form), 400);
	assert_non_null(strstr(c->body, "niet hetzelfde"));
	assert_null(strstr(c->body, "id=\"current_password-fout\""));
	assert_null(strstr(c->body, NEW_PASSWORD));
	pg_done(c);
	assert_int_equal(security_of(f, &f->alice).failed_logins, 0);
	/* a wrong current password: beside it, counted */
	snprintf(form, sizeof(form),
		 "current_password=fout&new_password=%s&repeat_password=%s&"
		 "csrf_token=%s",
		 NEW_PASSWORD_FORM, NEW_PASSWORD_FORM, csrf);
	assert_int_equal(post(f, c, "/account/wachtwoord", cookie, form), 403);
	assert_non_null(strstr(c->body, "id=\"current_password-fout\""));
	assert_non_null(strstr(c->body, "klopt niet"));
	pg_done(c);
	assert_int_equal(security_of(f, &f->alice).failed_logins, 1);
	/* too short: the API's rule, beside the new password */
	snprintf(form, sizeof(form),
		 "current_password=correct+horse+battery&new_password=kort&"
		 "repeat_password=kort&csrf_token=%s",
		 csrf);
	assert_int_equal(post(f, c, "/account/wachtwoord", cookie, form), 400);
	assert_non_null(strstr(c->body, "Het nieuwe wachtwoord moet minstens "
					"12 tekens lang zijn."));
	assert_non_null(strstr(c->body, "id=\"new_password-fout\""));
	pg_done(c);
	/* the old password still works: nothing was changed so far */
	assert_int_equal(security_of(f, &f->alice).password_changed_at, FX_NOW);

	/* success: 303 with a new cookie, the other session ended */
	snprintf(form, sizeof(form),
		 "current_password=correct+horse+battery&new_password=%s&"
		 "repeat_password=%s&csrf_token=%s",
		 NEW_PASSWORD_FORM, NEW_PASSWORD_FORM, csrf);
	assert_int_equal(post(f, c, "/account/wachtwoord", cookie, form), 303);
	assert_string_equal(pg_header(c, "Location"), "/account?gewijzigd=1");
	set = pg_header(c, "Set-Cookie");
	assert_non_null(set);
	semi = strchr(set, ';');
	assert_non_null(semi);
	memcpy(fresh, set, (size_t)(semi - set));
	fresh[semi - set] = '\0';
	pg_done(c);
	assert_int_equal(security_of(f, &f->alice).password_changed_at, f->now);
	pg_request(f, c, HTTP_METHOD_GET, "/account?gewijzigd=1", fresh, NULL);
	assert_int_equal(c->resp.status, 200); /* second factor kept */
	assert_non_null(strstr(c->body, "Uw wachtwoord is gewijzigd."));
	pg_done(c);
	pg_request(f, c, HTTP_METHOD_GET, "/account", other, NULL);
	assert_int_equal(c->resp.status, 303);
	assert_string_equal(pg_header(c, "Location"), "/aanmelden");
	pg_done(c);
	pg_request(f, c, HTTP_METHOD_GET, "/account", cookie, NULL);
	assert_int_equal(c->resp.status, 303);
	assert_string_equal(pg_header(c, "Location"), "/aanmelden");
	pg_done(c);
	/* the new password signs in, the old one no longer */
	pg_request(f, c, HTTP_METHOD_POST, "/aanmelden", NULL,
		   "username=alice&password=correct+horse+battery");
	assert_int_equal(c->resp.status, 401);
	pg_done(c);
	pg_request(f, c, HTTP_METHOD_POST, "/aanmelden", NULL,
		   "username=alice&password=" NEW_PASSWORD_FORM);
	assert_int_equal(c->resp.status, 303);
	pg_done(c);
	free(c);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test_setup_teardown(
			test_code_page_sends_to_enrolment, pg_setup,
			fx_teardown),
		cmocka_unit_test_setup_teardown(
			test_enrol_with_qr_and_first_code, pg_setup,
			fx_teardown),
		cmocka_unit_test_setup_teardown(
			test_new_sign_in_replaces_pending, pg_setup,
			fx_teardown),
		cmocka_unit_test_setup_teardown(test_enrolled_user_cannot_enrol,
						pg_setup, fx_teardown),
		cmocka_unit_test_setup_teardown(test_account_page, pg_setup,
						fx_teardown),
		cmocka_unit_test_setup_teardown(test_password_change, pg_setup,
						fx_teardown),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
