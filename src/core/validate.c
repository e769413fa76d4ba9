/*
 * validate.c - the rules every record of the case model must satisfy.
 *
 * Each validator walks all fields and adds a problem for every broken
 * rule, so a form shows everything that needs fixing at once. Field names
 * are those of the structs (= the API); messages are Dutch sentences for a
 * coordinator, naming the offending value where that helps and is safe
 * (never a whole free-text field).
 *
 * Text rules, for every text field: valid UTF-8, no control characters
 * (free text such as an incident description may hold line breaks and
 * tabs), at most the limit of model.h in bytes. Bytes rather than
 * characters because the limits protect storage and documents; a letter
 * with an accent counts twice, which the limits leave room for.
 *
 * Birth dates are checked here rather than with ct_date_valid(), whose
 * range starts in 1970: many people in a case were born before then.
 */
#include "core/validate.h"

#include <stdio.h>
#include <string.h>
#include <strings.h>

#include "core/natid.h"
#include "util/compat.h"
#include "util/banned.h"

/* Earliest birth year we accept; anything before is a typing error. */
#define VALIDATE_BIRTH_YEAR_MIN 1900
/* Clock skew between a police laptop and the server, in seconds. */
#define VALIDATE_CLOCK_SKEW 300

/* ------------------------------------------------------------------ */
/* Text.                                                              */

size_t
validate_utf8_seq(const char *s, size_t left)
{
	const unsigned char *u = (const unsigned char *)s;
	size_t len, i;
	uint32_t cp;

	if (left == 0)
		return 0;
	if (u[0] < 0x80)
		return 1;
	if (u[0] >= 0xc2 && u[0] <= 0xdf) {
		len = 2;
		cp = u[0] & 0x1f;
	} else if (u[0] >= 0xe0 && u[0] <= 0xef) {
		len = 3;
		cp = u[0] & 0x0f;
	} else if (u[0] >= 0xf0 && u[0] <= 0xf4) {
		len = 4;
		cp = u[0] & 0x07;
	} else {
		return 0; /* stray continuation, overlong lead, > U+10FFFF */
	}
	if (left < len)
		return 0;
	for (i = 1; i < len; i++) {
		if ((u[i] & 0xc0) != 0x80)
			return 0;
		cp = (cp << 6) | (u[i] & 0x3f);
	}
	if ((len == 3 && cp < 0x800) || (len == 4 && cp < 0x10000))
		return 0; /* overlong */
	if ((cp >= 0xd800 && cp <= 0xdfff) || cp > 0x10ffff)
		return 0; /* surrogate, or beyond Unicode */
	return len;
}

enum validate_text_flags {
	VALIDATE_TEXT_REQUIRED = 1 << 0,
	VALIDATE_TEXT_MULTILINE = 1 << 1, /* allow \n, \r and \t */
};

/* 1 when s is NULL, empty or only spaces: not given. */
static int
validate_blank(const char *s)
{
	if (!s)
		return 1;
	while (*s == ' ')
		s++;
	return *s == '\0';
}

/*
 * Check one text field; `what` names it in the message ("De voornaam").
 * Returns the number of problems added (0 or 1: one problem per field is
 * enough to tell the user what to fix).
 */
static size_t
validate_text(struct ct_problems *p, const char *field, const char *what,
	      const char *s, size_t max, unsigned flags)
{
	size_t len, i, n;

	if (validate_blank(s)) {
		if (!(flags & VALIDATE_TEXT_REQUIRED))
			return 0;
		ct_problems_add(p, field, "%s is verplicht", what);
		return 1;
	}
	len = strlen(s);
	if (len > max) {
		ct_problems_add(p, field,
				"%s is te lang: ten hoogste %zu tekens", what,
				max);
		return 1;
	}
	for (i = 0; i < len; i += n) {
		unsigned char c = (unsigned char)s[i];

		n = validate_utf8_seq(s + i, len - i);
		if (n == 0) {
			ct_problems_add(p, field,
					"%s bevat ongeldige tekens "
					"(geen geldige UTF-8-tekst)",
					what);
			return 1;
		}
		if (c < 0x20 || c == 0x7f ||
		    (n == 2 && c == 0xc2 && (unsigned char)s[i + 1] < 0xa0)) {
			/* C0, DEL and C1 controls; C1 is U+0080..U+009F. */
			if ((flags & VALIDATE_TEXT_MULTILINE) &&
			    (c == '\n' || c == '\r' || c == '\t'))
				continue;
			ct_problems_add(p, field,
					"%s bevat een stuurteken; alleen "
					"gewone tekst is toegestaan",
					what);
			return 1;
		}
	}
	return 0;
}

static int
validate_printable_ascii(const char *s)
{
	for (; *s; s++)
		if ((unsigned char)*s < 0x20 || (unsigned char)*s >= 0x7f)
			return 0;
	return 1;
}

/* A plausible mailbox: local@domain.tld in printable ASCII. */
static int
validate_email_shape(const char *s)
{
	const char *at = NULL, *q;
	size_t len = strlen(s);

	if (len < 3 || len > CT_EMAIL_MAX)
		return 0;
	for (q = s; *q; q++) {
		unsigned char c = (unsigned char)*q;

		if (c <= 0x20 || c >= 0x7f || strchr("()<>[]\\,;:\"", c))
			return 0;
		if (c == '@') {
			if (at)
				return 0;
			at = q;
		}
	}
	if (!at || at == s || at[1] == '\0')
		return 0;
	/* Domain: labels separated by single dots, at least two labels. */
	q = at + 1;
	if (*q == '.' || s[len - 1] == '.' || strstr(q, "..") ||
	    !strchr(q, '.'))
		return 0;
	return 1;
}

static size_t
validate_email(struct ct_problems *p, const char *field, const char *s)
{
	if (validate_blank(s))
		return 0;
	if (strlen(s) > CT_EMAIL_MAX) {
		ct_problems_add(p, field,
				"Het e-mailadres is te lang: ten hoogste %d "
				"tekens",
				CT_EMAIL_MAX);
		return 1;
	}
	if (!validate_email_shape(s)) {
		/* Only echo the address when it is printable ASCII. */
		if (validate_printable_ascii(s))
			ct_problems_add(p, field,
					"Het e-mailadres '%s' is geen geldig "
					"adres (zoals naam@organisatie.nl)",
					s);
		else
			ct_problems_add(p, field,
					"Het e-mailadres is geen geldig adres "
					"(zoals naam@organisatie.nl)");
		return 1;
	}
	return 0;
}

/* ------------------------------------------------------------------ */
/* Identifiers, enums and masks.                                      */

/* id fields that the store fills in: empty, or a well-formed UUID. */
static size_t
validate_optional_uuid(struct ct_problems *p, const char *field, const char *id)
{
	if (id[0] == '\0' || ct_uuid_valid(id))
		return 0;
	ct_problems_add(p, field, "Dit is geen geldige verwijzing (UUID)");
	return 1;
}

static size_t
validate_required_uuid(struct ct_problems *p, const char *field,
		       const char *what, const char *id)
{
	if (id[0] == '\0') {
		ct_problems_add(p, field, "%s is verplicht", what);
		return 1;
	}
	if (!ct_uuid_valid(id)) {
		ct_problems_add(p, field,
				"%s is geen geldige verwijzing (UUID)", what);
		return 1;
	}
	return 0;
}

static size_t
validate_enum(struct ct_problems *p, const char *field, const char *what,
	      const struct vocab *v, int value)
{
	if (value >= 0 && (size_t)value < v->count)
		return 0;
	ct_problems_add(p, field, "Onbekende waarde %d voor %s", value, what);
	return 1;
}

/*
 * `what` is the term's noun ("rol"), `unknown` the noun with its inflected
 * adjective ("onbekende rol", "onbekend geweldstype": Dutch grammar
 * depends on the noun's gender).
 */
static size_t
validate_mask(struct ct_problems *p, const char *field, const char *what,
	      const char *unknown, const struct vocab *v, uint32_t mask,
	      int required)
{
	if (mask & ~vocab_mask_all(v)) {
		ct_problems_add(p, field, "Er is een %s opgegeven", unknown);
		return 1;
	}
	if (required && mask == 0) {
		ct_problems_add(p, field, "Kies minstens één %s", what);
		return 1;
	}
	return 0;
}

static size_t
validate_version(struct ct_problems *p, int64_t version)
{
	if (version >= 0)
		return 0;
	ct_problems_add(p, "version",
			"Het versienummer kan niet negatief zijn");
	return 1;
}

/* ------------------------------------------------------------------ */
/* Dates.                                                             */

static int
validate_days_in_month(int year, int month)
{
	static const int days[12] = {31, 28, 31, 30, 31, 30,
				     31, 31, 30, 31, 30, 31};
	int leap = (year % 4 == 0 && year % 100 != 0) || year % 400 == 0;

	return month == 2 && leap ? 29 : days[month - 1];
}

/* A real calendar date from VALIDATE_BIRTH_YEAR_MIN to 9999. */
static int
validate_birth_date_real(const struct ct_date *d)
{
	if (d->year < VALIDATE_BIRTH_YEAR_MIN || d->year > 9999 ||
	    d->month < 1 || d->month > 12 || d->day < 1)
		return 0;
	return d->day <= validate_days_in_month(d->year, d->month);
}

static int
validate_date_cmp(const struct ct_date *a, const struct ct_date *b)
{
	if (a->year != b->year)
		return a->year < b->year ? -1 : 1;
	if (a->month != b->month)
		return a->month < b->month ? -1 : 1;
	if (a->day != b->day)
		return a->day < b->day ? -1 : 1;
	return 0;
}

int
ct_age_on(const struct ct_date *birth, const struct ct_date *on)
{
	int age;

	if (validate_date_cmp(birth, on) > 0)
		return -1;
	age = on->year - birth->year;
	/*
	 * Not yet had this year's birthday. Someone born on 29 February
	 * turns a year older on 1 March in other years.
	 */
	if (on->month < birth->month ||
	    (on->month == birth->month && on->day < birth->day))
		age--;
	return age;
}

/* ------------------------------------------------------------------ */
/* Regions and case references.                                       */

static int
validate_upper(int c)
{
	return c >= 'A' && c <= 'Z';
}

static int
validate_digit(int c)
{
	return c >= '0' && c <= '9';
}

static size_t
validate_run(const char *s, int (*accept)(int c))
{
	size_t n = 0;

	while (s[n] && accept((unsigned char)s[n]))
		n++;
	return n;
}

int
ct_region_valid(const char *region)
{
	size_t n;

	if (!region)
		return 0;
	n = validate_run(region, validate_upper);
	return region[n] == '\0' && n >= CT_REGION_MIN && n <= CT_REGION_MAX;
}

enum ct_err
case_reference_format(const char *region, int year, unsigned seq,
		      char out[CT_REFERENCE_SIZE])
{
	int n;

	out[0] = '\0';
	if (!ct_region_valid(region) || year < 1970 || year > 9999 || seq == 0)
		return CT_ERR_INVALID;
	if (seq > CT_REFERENCE_SEQ_MAX)
		return CT_ERR_LIMIT;
	n = snprintf(out, CT_REFERENCE_SIZE, "%s-%04d-%05u", region, year, seq);
	if (n < 0 || n >= CT_REFERENCE_SIZE)
		CT_BUG("case reference does not fit CT_REFERENCE_SIZE");
	return CT_OK;
}

int
case_reference_valid(const char *ref)
{
	size_t n;
	int year = 0, i;

	if (!ref)
		return 0;
	n = validate_run(ref, validate_upper);
	if (n < CT_REGION_MIN || n > CT_REGION_MAX || ref[n] != '-')
		return 0;
	ref += n + 1;
	if (validate_run(ref, validate_digit) != 4 || ref[4] != '-')
		return 0;
	for (i = 0; i < 4; i++)
		year = year * 10 + (ref[i] - '0');
	if (year < 1970)
		return 0;
	ref += 5;
	if (validate_run(ref, validate_digit) != 5 || ref[5] != '\0')
		return 0;
	return strcmp(ref, "00000") != 0; /* sequences start at 1 */
}

/* ------------------------------------------------------------------ */
/* Records.                                                           */

size_t
case_validate(const struct ct_case *c, struct ct_problems *p)
{
	size_t before = p->count + p->dropped;

	validate_optional_uuid(p, "id", c->id);
	if (c->reference[0] && !case_reference_valid(c->reference))
		ct_problems_add(p, "reference",
				"Het dossiernummer moet de vorm "
				"REGIO-JAAR-VOLGNUMMER hebben "
				"(zoals AMS-2026-00123)");
	validate_enum(p, "jurisdiction", "het land", &vocab_country,
		      (int)c->jurisdiction);
	if (validate_blank(c->region))
		ct_problems_add(p, "region", "De regio is verplicht");
	else if (!ct_region_valid(c->region))
		ct_problems_add(p, "region",
				"De regio moet uit %d tot %d hoofdletters "
				"bestaan (zoals AMS)",
				CT_REGION_MIN, CT_REGION_MAX);
	validate_required_uuid(p, "owner_org_id", "De eigenaar-organisatie",
			       c->owner_org_id);
	validate_enum(p, "status", "de status", &vocab_case_status,
		      (int)c->status);
	validate_enum(p, "pattern", "het geweldspatroon",
		      &vocab_violence_pattern, (int)c->pattern);
	validate_version(p, c->version);
	return p->count + p->dropped - before;
}

static void
validate_bsn(struct ct_problems *p, const char *bsn)
{
	size_t len = strlen(bsn), i;

	for (i = 0; i < len && validate_digit((unsigned char)bsn[i]); i++)
		;
	if (i != len || len != CT_BSN_LEN) {
		ct_problems_add(p, "bsn",
				"Een BSN bestaat uit precies %d cijfers",
				CT_BSN_LEN);
		return;
	}
	if (!bsn_valid(bsn))
		ct_problems_add(p, "bsn", "BSN %s klopt niet (elfproef)", bsn);
}

static void
validate_rrn(struct ct_problems *p, const char *rrn, const struct person *pe)
{
	size_t len = strlen(rrn), i;
	struct ct_date birth;
	int has_birth;
	char want[16];

	for (i = 0; i < len && validate_digit((unsigned char)rrn[i]); i++)
		;
	if (i != len || len != CT_RRN_LEN) {
		ct_problems_add(p, "rrn",
				"Een rijksregisternummer bestaat uit precies "
				"%d cijfers",
				CT_RRN_LEN);
		return;
	}
	if (!rrn_valid(rrn, &birth, &has_birth)) {
		ct_problems_add(p, "rrn",
				"Rijksregisternummer %s klopt niet "
				"(controlegetal of datum)",
				rrn);
		return;
	}
	/* The number encodes the birth date: the two must agree. */
	if (has_birth && pe->has_birth_date &&
	    validate_birth_date_real(&pe->birth_date) &&
	    validate_date_cmp(&birth, &pe->birth_date) != 0) {
		snprintf(want, sizeof(want), "%04d-%02d-%02d", birth.year,
			 birth.month, birth.day);
		ct_problems_add(p, "birth_date",
				"De geboortedatum past niet bij het "
				"rijksregisternummer (dat geeft %s)",
				want);
	}
}

size_t
person_validate(const struct person *pe, int64_t now, struct ct_problems *p)
{
	size_t before = p->count + p->dropped;
	const struct ct_date *b = &pe->birth_date;
	struct ct_date today;

	validate_optional_uuid(p, "id", pe->id);
	validate_optional_uuid(p, "case_id", pe->case_id);
	if (validate_blank(pe->given_name) && validate_blank(pe->family_name))
		ct_problems_add(p, "given_name",
				"Vul een voornaam of een achternaam in");
	validate_text(p, "given_name", "De voornaam", pe->given_name,
		      CT_NAME_MAX, 0);
	validate_text(p, "family_name", "De achternaam", pe->family_name,
		      CT_NAME_MAX, 0);
	if (pe->has_birth_date) {
		/*
		 * Both zones have the same rules, so the date is the same;
		 * Amsterdam is as good as Brussels here.
		 */
		ct_local_date(CT_ZONE_AMSTERDAM, now, &today);
		if (!validate_birth_date_real(b))
			ct_problems_add(p, "birth_date",
					"De geboortedatum %04d-%02d-%02d "
					"bestaat niet (of ligt voor %d)",
					b->year, b->month, b->day,
					VALIDATE_BIRTH_YEAR_MIN);
		else if (validate_date_cmp(b, &today) > 0)
			ct_problems_add(p, "birth_date",
					"De geboortedatum %04d-%02d-%02d ligt "
					"in de toekomst",
					b->year, b->month, b->day);
	}
	validate_enum(p, "sex", "het geslacht", &vocab_person_sex,
		      (int)pe->sex);
	/* Either number in either jurisdiction: people cross the border. */
	if (!validate_blank(pe->bsn))
		validate_bsn(p, pe->bsn);
	if (!validate_blank(pe->rrn))
		validate_rrn(p, pe->rrn, pe);
	validate_mask(p, "roles", "rol", "onbekende rol", &vocab_person_role,
		      pe->roles, 1);
	validate_version(p, pe->version);
	return p->count + p->dropped - before;
}

size_t
relation_validate(const struct relation *r, struct ct_problems *p)
{
	size_t before = p->count + p->dropped;
	size_t bad;

	validate_optional_uuid(p, "id", r->id);
	validate_optional_uuid(p, "case_id", r->case_id);
	bad = validate_required_uuid(p, "person_a", "De eerste persoon",
				     r->person_a);
	bad += validate_required_uuid(p, "person_b", "De tweede persoon",
				      r->person_b);
	if (!bad && strcasecmp(r->person_a, r->person_b) == 0)
		ct_problems_add(p, "person_b",
				"Een relatie verbindt twee verschillende "
				"personen");
	validate_enum(p, "kind", "het soort relatie", &vocab_relation_kind,
		      (int)r->kind);
	validate_version(p, r->version);
	return p->count + p->dropped - before;
}

size_t
incident_validate(const struct incident *in, int64_t now, struct ct_problems *p)
{
	size_t before = p->count + p->dropped;

	validate_optional_uuid(p, "id", in->id);
	validate_optional_uuid(p, "case_id", in->case_id);
	if (in->occurred_at < CT_INSTANT_MIN)
		ct_problems_add(p, "occurred_at",
				"Het tijdstip van het incident ligt voor 1970");
	else if (in->occurred_at > now &&
		 in->occurred_at - now > VALIDATE_CLOCK_SKEW)
		ct_problems_add(p, "occurred_at",
				"Het tijdstip van het incident ligt in de "
				"toekomst");
	validate_mask(p, "types", "geweldstype", "onbekend geweldstype",
		      &vocab_violence_type, in->types, 0);
	validate_mask(p, "forms", "geweldsvorm", "onbekende geweldsvorm",
		      &vocab_violence_form, in->forms, 0);
	if (in->types == 0 && in->forms == 0)
		ct_problems_add(p, "types",
				"Kies minstens één geweldstype of "
				"geweldsvorm");
	validate_enum(p, "severity", "de ernst", &vocab_severity,
		      (int)in->severity);
	validate_text(p, "location", "De plaats", in->location, CT_LOCATION_MAX,
		      0);
	validate_text(p, "description", "De beschrijving", in->description,
		      CT_DESCRIPTION_MAX,
		      VALIDATE_TEXT_REQUIRED | VALIDATE_TEXT_MULTILINE);
	validate_version(p, in->version);
	return p->count + p->dropped - before;
}

size_t
org_validate(const struct org *o, struct ct_problems *p)
{
	size_t before = p->count + p->dropped;

	validate_optional_uuid(p, "id", o->id);
	validate_text(p, "name", "De naam van de organisatie", o->name,
		      CT_ORG_NAME_MAX, VALIDATE_TEXT_REQUIRED);
	validate_enum(p, "type", "het soort organisatie", &vocab_org_type,
		      (int)o->type);
	validate_enum(p, "country", "het land", &vocab_country,
		      (int)o->country);
	validate_email(p, "email", o->email);
	validate_version(p, o->version);
	return p->count + p->dropped - before;
}

static int
validate_username_char(int c)
{
	return (c >= 'a' && c <= 'z') || validate_digit(c) || c == '.' ||
	       c == '_' || c == '-';
}

size_t
user_validate(const struct user *u, struct ct_problems *p)
{
	size_t before = p->count + p->dropped;
	size_t len;

	validate_optional_uuid(p, "id", u->id);
	validate_required_uuid(p, "org_id", "De organisatie", u->org_id);
	if (validate_blank(u->username)) {
		ct_problems_add(p, "username",
				"De gebruikersnaam is verplicht");
	} else {
		len = strlen(u->username);
		if (validate_run(u->username, validate_username_char) != len ||
		    len < CT_USERNAME_MIN || len > CT_USERNAME_MAX)
			ct_problems_add(p, "username",
					"De gebruikersnaam moet %d tot %d "
					"tekens lang zijn en mag alleen "
					"kleine letters, cijfers, punt (.), "
					"laag streepje (_) en koppelteken (-) "
					"bevatten",
					CT_USERNAME_MIN, CT_USERNAME_MAX);
	}
	validate_text(p, "display_name", "De weergavenaam", u->display_name,
		      CT_DISPLAY_NAME_MAX, VALIDATE_TEXT_REQUIRED);
	validate_email(p, "email", u->email);
	validate_mask(p, "roles", "rol", "onbekende rol", &vocab_user_role,
		      u->roles, 1);
	validate_version(p, u->version);
	return p->count + p->dropped - before;
}
