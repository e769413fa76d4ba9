/*
 * demo_population.c - the synthetic population behind `casustafel demo`.
 *
 * Design: every case is drawn from its own generator, seeded from the
 * population seed and the case number, so case k does not depend on how
 * many cases came before it (a run of 100 cases is the first 100 cases of
 * a run of 100,000) and a test can generate any case in isolation. The
 * probabilities are permille tables next to the seed figures they come
 * from; the shape of each household follows the category: partner and
 * ex-partner violence are a couple with perhaps children, parent abuse is
 * an adult child living with one or both parents, a combination is
 * partner violence together with child abuse or parent abuse.
 *
 * Texts are assembled from neutral Dutch sentences the way a police or
 * Veilig Thuis report phrases them; they name no one.
 */
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <string.h>

#include "cli/demo_population.h"
#include "core/order.h"
#include "util/compat.h"
#include "util/prng.h"
#include "util/sbuf.h"
#include "util/banned.h"

/* ------------------------------------------------------------------ */
/* The fixed cast.                                                     */

enum demo_region_index { R_AMS, R_RTM, R_UTR, R_LIM, R_ANT, R_OBR, R__COUNT };

/* NL carries most of the volume (PRODUCT.md "Volumes to design for"). */
static const struct demo_region regions[R__COUNT] = {
	[R_AMS] = { "AMS", "Amsterdam-Amstelland", CT_COUNTRY_NL, 300 },
	[R_RTM] = { "RTM", "Rotterdam-Rijnmond", CT_COUNTRY_NL, 250 },
	[R_UTR] = { "UTR", "Utrecht", CT_COUNTRY_NL, 150 },
	[R_LIM] = { "LIM", "Limburg", CT_COUNTRY_BE, 120 },
	[R_ANT] = { "ANT", "Antwerpen", CT_COUNTRY_BE, 100 },
	[R_OBR] = { "OBR", "Oost-Brabant/Leuven", CT_COUNTRY_BE, 80 },
};

#define NL CT_COUNTRY_NL
#define BE CT_COUNTRY_BE

/* Indices into orgs[] that code refers to by name. */
enum demo_org_index {
	O_BEHEER,
	O_POL_AMS, O_GEM_AMS, O_OM_AMS, O_VT_AMS, O_BLIJF, O_JB_AMS,
	O_RECL_AMS, O_GGZ_AMS, O_WIJK_AMS, O_RB_AMS, O_SHN_AMS,
	O_POL_RTM, O_GEM_RTM, O_OM_RTM, O_VT_RTM, O_WIJK_RTM,
	O_POL_UTR, O_GEM_UTR, O_OM_UTR, O_VT_UTR, O_FJC_UTR,
	O_POL_LIM, O_PARKET_LIM, O_VH_LIM, O_CAW_LIM, O_OCMW_LIM, O_JH_LIM,
	O_VK_LIM, O_OPG_LIM, O_STAD_LIM, O_RB_LIM,
	O_POL_ANT, O_PARKET_ANT, O_VH_ANT, O_CAW_ANT, O_STAD_ANT,
	O_POL_OBR, O_PARKET_OBR, O_VH_OBR, O_CAW_OBR, O_STAD_OBR,
	O__COUNT
};

static const struct demo_org orgs[O__COUNT] = {
	[O_BEHEER] = { "Functioneel beheer Casustafel", ORG_TYPE_OTHER, NL,
		       R_AMS, "beheer@casustafel.example" },
	[O_POL_AMS] = { "Politie Eenheid Amsterdam", ORG_TYPE_POLICE, NL,
			R_AMS, "hg.amsterdam@politie.example" },
	[O_GEM_AMS] = { "Gemeente Amsterdam", ORG_TYPE_MUNICIPALITY, NL,
			R_AMS, "huisverbod@amsterdam.example" },
	[O_OM_AMS] = { "OM Arrondissementsparket Amsterdam",
		       ORG_TYPE_PROSECUTOR, NL, R_AMS, NULL },
	[O_VT_AMS] = { "Veilig Thuis Amsterdam-Amstelland",
		       ORG_TYPE_VEILIG_THUIS, NL, R_AMS,
		       "huisverbod@vtam.example" },
	[O_BLIJF] = { "Blijf Groep", ORG_TYPE_BLIJF_GROEP, NL, R_AMS,
		      "crisis@blijfgroep.example" },
	[O_JB_AMS] = { "Jeugdbescherming Regio Amsterdam",
		       ORG_TYPE_JEUGDBESCHERMING, NL, R_AMS, NULL },
	[O_RECL_AMS] = { "Reclassering Nederland, regio Amsterdam",
			 ORG_TYPE_RECLASSERING, NL, R_AMS, NULL },
	[O_GGZ_AMS] = { "GGZ Amsterdam", ORG_TYPE_GGZ, NL, R_AMS, NULL },
	[O_WIJK_AMS] = { "Buurtteam Amsterdam-Oost", ORG_TYPE_WIJKTEAM, NL,
			 R_AMS, NULL },
	[O_RB_AMS] = { "Rechtbank Amsterdam", ORG_TYPE_COURT, NL, R_AMS,
		       NULL },
	[O_SHN_AMS] = { "Slachtofferhulp, regio Amsterdam", ORG_TYPE_OTHER,
			NL, R_AMS, NULL },
	[O_POL_RTM] = { "Politie Eenheid Rotterdam", ORG_TYPE_POLICE, NL,
			R_RTM, NULL },
	[O_GEM_RTM] = { "Gemeente Rotterdam", ORG_TYPE_MUNICIPALITY, NL,
			R_RTM, NULL },
	[O_OM_RTM] = { "OM Arrondissementsparket Rotterdam",
		       ORG_TYPE_PROSECUTOR, NL, R_RTM, NULL },
	[O_VT_RTM] = { "Veilig Thuis Rotterdam Rijnmond",
		       ORG_TYPE_VEILIG_THUIS, NL, R_RTM,
		       "huisverbod@vtrr.example" },
	[O_WIJK_RTM] = { "Wijkteam Rotterdam-Zuid", ORG_TYPE_WIJKTEAM, NL,
			 R_RTM, NULL },
	[O_POL_UTR] = { "Politie Eenheid Midden-Nederland", ORG_TYPE_POLICE,
			NL, R_UTR, NULL },
	[O_GEM_UTR] = { "Gemeente Utrecht", ORG_TYPE_MUNICIPALITY, NL, R_UTR,
			NULL },
	[O_OM_UTR] = { "OM Arrondissementsparket Midden-Nederland",
		       ORG_TYPE_PROSECUTOR, NL, R_UTR, NULL },
	[O_VT_UTR] = { "Veilig Thuis Utrecht", ORG_TYPE_VEILIG_THUIS, NL,
		       R_UTR, "huisverbod@vtu.example" },
	[O_FJC_UTR] = { "Family Justice Center Utrecht", ORG_TYPE_FJC, NL,
			R_UTR, NULL },
	[O_POL_LIM] = { "Politiezone Limburg Regio Hoofdstad", ORG_TYPE_POLICE,
			BE, R_LIM, NULL },
	[O_PARKET_LIM] = { "Parket Limburg", ORG_TYPE_PROSECUTOR, BE, R_LIM,
			   "ifg.limburg@parket.example" },
	[O_VH_LIM] = { "Veilig Huis Limburg (FJC)", ORG_TYPE_FJC, BE, R_LIM,
		       "veilighuis@fjclimburg.example" },
	[O_CAW_LIM] = { "CAW Limburg", ORG_TYPE_CAW, BE, R_LIM, NULL },
	[O_OCMW_LIM] = { "OCMW Hasselt", ORG_TYPE_OCMW, BE, R_LIM, NULL },
	[O_JH_LIM] = { "Justitiehuis Hasselt", ORG_TYPE_JUSTITIEHUIS, BE,
		       R_LIM, NULL },
	[O_VK_LIM] = { "Vertrouwenscentrum Kindermishandeling Limburg",
		       ORG_TYPE_VK, BE, R_LIM, NULL },
	[O_OPG_LIM] = { "Opgroeien Limburg", ORG_TYPE_OPGROEIEN, BE, R_LIM,
			NULL },
	[O_STAD_LIM] = { "Stad Hasselt", ORG_TYPE_MUNICIPALITY, BE, R_LIM,
			 NULL },
	[O_RB_LIM] = { "Familierechtbank Limburg", ORG_TYPE_COURT, BE, R_LIM,
		       NULL },
	[O_POL_ANT] = { "Politiezone Antwerpen", ORG_TYPE_POLICE, BE, R_ANT,
			NULL },
	[O_PARKET_ANT] = { "Parket Antwerpen", ORG_TYPE_PROSECUTOR, BE, R_ANT,
			   NULL },
	[O_VH_ANT] = { "Veilig Huis Antwerpen", ORG_TYPE_VEILIG_HUIS, BE,
		       R_ANT, "veilighuis@antwerpen.example" },
	[O_CAW_ANT] = { "CAW Antwerpen", ORG_TYPE_CAW, BE, R_ANT, NULL },
	[O_STAD_ANT] = { "Stad Antwerpen", ORG_TYPE_MUNICIPALITY, BE, R_ANT,
			 NULL },
	[O_POL_OBR] = { "Politiezone Leuven", ORG_TYPE_POLICE, BE, R_OBR,
			NULL },
	[O_PARKET_OBR] = { "Parket Leuven", ORG_TYPE_PROSECUTOR, BE, R_OBR,
			   NULL },
	[O_VH_OBR] = { "Veilig Huis Oost-Brabant", ORG_TYPE_VEILIG_HUIS, BE,
		       R_OBR, "veilighuis@oostbrabant.example" },
	[O_CAW_OBR] = { "CAW Oost-Brabant", ORG_TYPE_CAW, BE, R_OBR, NULL },
	[O_STAD_OBR] = { "Stad Leuven", ORG_TYPE_MUNICIPALITY, BE, R_OBR,
			 NULL },
};

#undef NL
#undef BE

/* Who coordinates the cases of each region (seed 003: Veilig Thuis in
 * Amsterdam; seed 000: the FJC in Limburg; seeds 002/004: Veilig Huis). */
static const size_t region_owner[R__COUNT] = {
	[R_AMS] = O_VT_AMS, [R_RTM] = O_VT_RTM, [R_UTR] = O_VT_UTR,
	[R_LIM] = O_VH_LIM, [R_ANT] = O_VH_ANT, [R_OBR] = O_VH_OBR,
};

#define ROLE(r) CT_BIT(USER_ROLE_##r)

static const struct demo_user users[] = {
	{ "admin", "Beheerder Casustafel", O_BEHEER, ROLE(ADMIN) },
	{ "privacy.officer", "Functionaris gegevensbescherming", O_BEHEER,
	  ROLE(PRIVACY_OFFICER) },
	{ "agent.ams", "Agent noodhulp Amsterdam", O_POL_AMS,
	  ROLE(POLICE_OFFICER) },
	{ "hovj.ams", "Hulpofficier van justitie Amsterdam", O_POL_AMS,
	  ROLE(POLICE_OFFICER) | ROLE(HOVJ) },
	{ "burgemeester.ams", "Burgemeester Amsterdam", O_GEM_AMS,
	  ROLE(MAYOR) },
	{ "jurist.ams", "Juridisch medewerker Gemeente Amsterdam", O_GEM_AMS,
	  ROLE(LEGAL_OFFICER) },
	{ "officier.ams", "Officier van justitie Amsterdam", O_OM_AMS,
	  ROLE(PROSECUTOR) },
	{ "coordinator.ams", "Casusregisseur Veilig Thuis Amsterdam",
	  O_VT_AMS, ROLE(COORDINATOR) | ROLE(TRIAGE_MEMBER) },
	{ "zorgcoordinator.blijf", "Zorgcoordinator Blijf Groep", O_BLIJF,
	  ROLE(COORDINATOR) },
	{ "partner.jb.ams", "Gezinsmanager Jeugdbescherming", O_JB_AMS,
	  ROLE(PARTNER_WORKER) },
	{ "coordinator.rtm", "Casusregisseur Veilig Thuis Rotterdam",
	  O_VT_RTM, ROLE(COORDINATOR) },
	{ "coordinator.utr", "Casusregisseur Veilig Thuis Utrecht", O_VT_UTR,
	  ROLE(COORDINATOR) },
	{ "agent.lim", "Inspecteur Politiezone LRH", O_POL_LIM,
	  ROLE(POLICE_OFFICER) | ROLE(TRIAGE_MEMBER) },
	{ "parket.lim", "Parketmagistraat Limburg", O_PARKET_LIM,
	  ROLE(PROSECUTOR) | ROLE(TRIAGE_MEMBER) },
	{ "coordinator.lim", "Intensief casemanager Veilig Huis Limburg",
	  O_VH_LIM, ROLE(COORDINATOR) | ROLE(TRIAGE_MEMBER) },
	{ "partner.caw.lim", "Hulpverlener CAW Limburg", O_CAW_LIM,
	  ROLE(PARTNER_WORKER) | ROLE(TRIAGE_MEMBER) },
	{ "coordinator.ant", "Casusregisseur Veilig Huis Antwerpen", O_VH_ANT,
	  ROLE(COORDINATOR) },
	{ "coordinator.obr", "Casusregisseur Veilig Huis Oost-Brabant",
	  O_VH_OBR, ROLE(COORDINATOR) | ROLE(TRIAGE_MEMBER) },
	{ "analist", "Beleidsanalist Gemeente Amsterdam", O_GEM_AMS,
	  ROLE(ANALYST) },
	/* Without a second factor (users_without_totp): last, so the users
	 * above keep their places. */
	{ "agent2.ams", "Agent basisteam Amsterdam", O_POL_AMS,
	  ROLE(POLICE_OFFICER) },
	{ "coordinator2.lim", "Casemanager Veilig Huis Limburg", O_VH_LIM,
	  ROLE(COORDINATOR) },
};

/* They set up their second factor at the first sign-in (issue 5). */
static const char *const users_without_totp[] = {
	"agent2.ams",
	"coordinator2.lim",
};

#undef ROLE

const struct demo_region *
demo_regions(size_t *n)
{
	*n = CT_ARRAY_SIZE(regions);
	return regions;
}

const struct demo_org *
demo_orgs(size_t *n)
{
	*n = CT_ARRAY_SIZE(orgs);
	return orgs;
}

const struct demo_user *
demo_users(size_t *n)
{
	*n = CT_ARRAY_SIZE(users);
	return users;
}

int
demo_user_without_totp(const struct demo_user *u)
{
	size_t i;

	for (i = 0; i < CT_ARRAY_SIZE(users_without_totp); i++)
		if (strcmp(u->username, users_without_totp[i]) == 0)
			return 1;
	return 0;
}

size_t
demo_region_owner_org(size_t region)
{
	if (region >= R__COUNT)
		CT_BUG("demo_region_owner_org: no such region");
	return region_owner[region];
}

const char *
demo_category_label(enum demo_category cat)
{
	static const char *const labels[DEMO_CAT__COUNT] = {
		[DEMO_CAT_PARTNER] = "partnergeweld",
		[DEMO_CAT_EX_PARTNER] = "ex-partnergeweld",
		[DEMO_CAT_PARENT_ABUSE] = "oudermishandeling",
		[DEMO_CAT_COMBINATION] = "combinatie van typen",
	};

	if ((unsigned)cat >= DEMO_CAT__COUNT)
		CT_BUG("demo_category_label: no such category");
	return labels[cat];
}

/* ------------------------------------------------------------------ */
/* The mix (seed 003).                                                 */

/* Table 4 (n = 40): 25 partner, 4 ex-partner, 5 parent abuse, 6 mixed. */
static const unsigned category_permille[DEMO_CAT__COUNT] = {
	[DEMO_CAT_PARTNER] = 620,
	[DEMO_CAT_EX_PARTNER] = 100,
	[DEMO_CAT_PARENT_ABUSE] = 130,
	[DEMO_CAT_COMBINATION] = 150,
};

/*
 * Minor children in 55% of all cases (seed 003, p. 12). Couples have them
 * more often than households where an adult child abuses a parent, so
 * the overall 55% is reached with 60% / 25% / 60%.
 */
static const unsigned minors_permille[DEMO_CAT__COUNT] = {
	[DEMO_CAT_PARTNER] = 600,
	[DEMO_CAT_EX_PARTNER] = 600,
	[DEMO_CAT_PARENT_ABUSE] = 250,
	[DEMO_CAT_COMBINATION] = 600,
};

/* Table 5 (n = 40): 18, 16, 4, 1, 1. */
static const unsigned severity_permille[SEVERITY__COUNT] = {
	[SEVERITY_VERY_SERIOUS] = 450,
	[SEVERITY_SERIOUS] = 400,
	[SEVERITY_LIMITED_FREQUENCY] = 100,
	[SEVERITY_ONCE_OR_FEW] = 25,
	[SEVERITY_UNKNOWN] = 25,
};

/* Share of cases with a THV: removed and remaining person marked. */
#define DEMO_THV_PERMILLE 750
#define DEMO_NATID_PERMILLE 400

/* ------------------------------------------------------------------ */
/* Name lists: common given and family names, combined at random.      */

static const char *const nl_female[] = {
	"Anna", "Sanne", "Fleur", "Lisa", "Emma", "Eva", "Iris", "Noor",
	"Femke", "Naima", "Fatima", "Yasmina", "Priya", "Monique", "Ingrid",
	"Petra", "Sevda", "Kim",
};
static const char *const nl_male[] = {
	"Daan", "Bram", "Thijs", "Jeroen", "Mark", "Dennis", "Mohamed",
	"Youssef", "Kevin", "Ricardo", "Sander", "Erik", "Stefan", "Emre",
	"Rachid", "Jordy",
};
static const char *const be_female[] = {
	"Lotte", "Marie", "Elke", "Sofie", "An", "Katrien", "Leen", "Hanne",
	"Nele", "Inge", "Amira", "Sara", "Julie", "Ilse", "Lien",
};
static const char *const be_male[] = {
	"Wout", "Pieter", "Jens", "Tom", "Koen", "Bart", "Jonas", "Arne",
	"Stijn", "Dries", "Karim", "Ruben", "Kristof", "Bilal", "Glenn",
};
/* Children get names of their generation. */
static const char *const nl_girl[] = {
	"Emma", "Julia", "Mila", "Tess", "Sophie", "Nora", "Yara", "Sara",
	"Lina", "Noa",
};
static const char *const nl_boy[] = {
	"Noah", "Liam", "Lucas", "Finn", "Sem", "Levi", "Adam", "Mohammed",
	"Milan", "Jesse",
};
static const char *const be_girl[] = {
	"Olivia", "Louise", "Mila", "Ella", "Lina", "Marie", "Nina", "Fien",
	"Amber", "Yasmine",
};
static const char *const be_boy[] = {
	"Noah", "Arthur", "Jules", "Louis", "Lucas", "Mats", "Vic", "Adam",
	"Rayan", "Stan",
};
static const char *const nl_family[] = {
	"de Jong", "Jansen", "de Vries", "van den Berg", "van Dijk", "Bakker",
	"Visser", "Smit", "Meijer", "de Boer", "Mulder", "de Groot", "Bos",
	"Vos", "Peters", "Hendriks", "El Amrani", "Yilmaz", "Kaya", "Pinas",
};
static const char *const be_family[] = {
	"Peeters", "Janssens", "Maes", "Jacobs", "Mertens", "Willems",
	"Claes", "Goossens", "Wouters", "De Smet", "Dubois", "Vermeulen",
	"Lambrechts", "Van den Broeck", "Aerts", "Hermans", "El Idrissi",
	"Demir",
};

static const char *const places[R__COUNT][3] = {
	[R_AMS] = { "Amsterdam", "Amstelveen", "Diemen" },
	[R_RTM] = { "Rotterdam", "Schiedam", "Vlaardingen" },
	[R_UTR] = { "Utrecht", "Nieuwegein", "Zeist" },
	[R_LIM] = { "Hasselt", "Genk", "Tongeren" },
	[R_ANT] = { "Antwerpen", "Mechelen", "Turnhout" },
	[R_OBR] = { "Leuven", "Tienen", "Aarschot" },
};

#define PICK(r, list) ((list)[prng_below((r), CT_ARRAY_SIZE(list))])

/* ------------------------------------------------------------------ */
/* Small helpers.                                                      */

static uint64_t
mix64(uint64_t z)
{
	z = (z ^ (z >> 30)) * 0xbf58476d1ce4e5b9ULL;
	z = (z ^ (z >> 27)) * 0x94d049bb133111ebULL;
	return z ^ (z >> 31);
}

/* Index drawn from a permille table that sums to 1000. */
static size_t
pick_weighted(struct prng *r, const unsigned *permille, size_t n)
{
	unsigned x = (unsigned)prng_below(r, 1000);
	size_t i;

	for (i = 0; i < n; i++) {
		if (x < permille[i])
			return i;
		x -= permille[i];
	}
	CT_BUG("pick_weighted: table does not sum to 1000");
}

static int
range(struct prng *r, int lo, int hi)
{
	return lo + (int)prng_below(r, (uint64_t)(hi - lo + 1));
}

/* Oldest adult in a household; elder abuse starts at 65. */
#define DEMO_AGE_MAX 82
#define DEMO_ELDER_AGE 65
/*
 * Earliest birth year generated: core/validate.h accepts 1900, and
 * ct_date (util/civtime.h) holds dates from 1900, so this only keeps the
 * cap below explicit.
 */
#define DEMO_BIRTH_YEAR_MIN 1900

/* The oldest age `want` allowed by DEMO_BIRTH_YEAR_MIN. */
static int
age_cap(const struct ct_date *today, int want)
{
	int cap = today->year - DEMO_BIRTH_YEAR_MIN - 1;

	return want < cap ? want : cap;
}

/* A birth date on which the person is exactly `age` years old today. */
static void
birth_for_age(struct prng *r, const struct ct_date *today, int age,
	      struct ct_date *out)
{
	struct ct_date anniversary = *today;

	anniversary.year -= age;
	if (anniversary.month == 2 && anniversary.day == 29 &&
	    !ct_is_leap_year(anniversary.year))
		anniversary.day = 28;
	/* 1..364 days before the last birthday: age is exactly `age`. */
	ct_date_add_days(&anniversary, -range(r, 1, 364), out);
}

void
demo_bsn(struct prng *r, char out[CT_BSN_LEN + 1])
{
	int d[CT_BSN_LEN];
	int sum, i;

	for (;;) {
		sum = 0;
		d[0] = range(r, 1, 6); /* issued numbers start 1..6 */
		for (i = 1; i < 8; i++)
			d[i] = range(r, 0, 9);
		for (i = 0; i < 8; i++)
			sum += (9 - i) * d[i];
		/* elfproef: sum - d9 must be divisible by 11 */
		d[8] = sum % 11;
		if (d[8] < 10)
			break;
	}
	for (i = 0; i < CT_BSN_LEN; i++)
		out[i] = (char)('0' + d[i]);
	out[CT_BSN_LEN] = '\0';
}

void
demo_rrn(struct prng *r, const struct ct_date *birth, enum person_sex sex,
	 char out[CT_RRN_LEN + 1])
{
	uint64_t first9, check;
	int counter;

	/* counter 001..997: odd for men, even for women */
	counter = range(r, 1, 498) * 2 - (sex == PERSON_SEX_MALE ? 1 : 0);
	first9 = (uint64_t)(birth->year % 100) * 10000000 +
		 (uint64_t)birth->month * 100000 +
		 (uint64_t)birth->day * 1000 + (uint64_t)counter;
	/* births from 2000 are checked over "2" followed by the nine digits */
	check = 97 - ((birth->year >= 2000 ? 2000000000 + first9 : first9) %
		      97);
	snprintf(out, CT_RRN_LEN + 1, "%09llu%02llu",
		 (unsigned long long)first9, (unsigned long long)check);
}

/* ------------------------------------------------------------------ */
/* Building one case.                                                  */

struct gen {
	struct prng r;
	struct arena *a;
	const struct ct_date *today;
	struct demo_case *dc;
	enum ct_country country;
	const char *family_name; /* of the household */
};

static int
grange(struct gen *g, int lo, int hi)
{
	return range(&g->r, lo, hi);
}

static size_t
add_person(struct gen *g, enum person_sex sex, int age, const char *family,
	   uint32_t roles)
{
	struct demo_case *dc = g->dc;
	struct person *p;
	int is_nl = g->country == CT_COUNTRY_NL;
	int minor = age < 18;

	if (dc->n_persons >= DEMO_PERSONS_MAX)
		CT_BUG("demo: too many persons in one case");
	p = &dc->persons[dc->n_persons];
	memset(p, 0, sizeof(*p));
	p->sex = sex;
	if (minor && sex == PERSON_SEX_FEMALE)
		p->given_name = is_nl ? PICK(&g->r, nl_girl)
				      : PICK(&g->r, be_girl);
	else if (minor)
		p->given_name = is_nl ? PICK(&g->r, nl_boy)
				      : PICK(&g->r, be_boy);
	else if (sex == PERSON_SEX_FEMALE)
		p->given_name = is_nl ? PICK(&g->r, nl_female)
				      : PICK(&g->r, be_female);
	else
		p->given_name = is_nl ? PICK(&g->r, nl_male)
				      : PICK(&g->r, be_male);
	p->family_name = family;
	p->roles = roles;
	/* Children's birth dates are always known; adults' mostly. */
	p->has_birth_date = minor || prng_chance(&g->r, 900);
	if (p->has_birth_date)
		birth_for_age(&g->r, g->today, age, &p->birth_date);
	if (prng_chance(&g->r, minor ? 300 : DEMO_NATID_PERMILLE)) {
		if (is_nl) {
			char *bsn = arena_alloc(g->a, CT_BSN_LEN + 1);

			demo_bsn(&g->r, bsn);
			p->bsn = bsn;
		} else if (p->has_birth_date) {
			char *rrn = arena_alloc(g->a, CT_RRN_LEN + 1);

			demo_rrn(&g->r, &p->birth_date, sex, rrn);
			p->rrn = rrn;
		}
	}
	return dc->n_persons++;
}

static void
add_relation(struct gen *g, size_t a, size_t b, enum relation_kind kind)
{
	struct demo_case *dc = g->dc;

	if (dc->n_relations >= DEMO_RELATIONS_MAX)
		CT_BUG("demo: too many relations in one case");
	dc->relations[dc->n_relations].a = a;
	dc->relations[dc->n_relations].b = b;
	dc->relations[dc->n_relations].kind = kind;
	dc->n_relations++;
}

static const char *
family_name(struct gen *g)
{
	return g->country == CT_COUNTRY_NL ? PICK(&g->r, nl_family)
					   : PICK(&g->r, be_family);
}

static enum person_sex
random_sex(struct gen *g)
{
	return prng_chance(&g->r, 500) ? PERSON_SEX_FEMALE : PERSON_SEX_MALE;
}

/*
 * Minor children of the parents at index p1 and p2 (p2 may equal p1),
 * aged so that the youngest parent was at least 18 at their birth.
 * Returns the number added; first child index in *first.
 */
static size_t
add_children(struct gen *g, size_t p1, size_t p2, int youngest_parent_age,
	     size_t n, uint32_t roles, const char *family, size_t *first)
{
	size_t i, j, start = g->dc->n_persons;
	int oldest = youngest_parent_age - 18;

	if (oldest > 17)
		oldest = 17;
	if (oldest < 0)
		CT_BUG("demo: parent too young for children");
	for (i = 0; i < n; i++) {
		size_t c = add_person(g, random_sex(g), grange(g, 0, oldest),
				      family, roles);

		add_relation(g, p1, c, RELATION_PARENT);
		if (p2 != p1)
			add_relation(g, p2, c, RELATION_PARENT);
		for (j = start; j < c; j++)
			add_relation(g, j, c, RELATION_SIBLING);
	}
	*first = start;
	return n;
}

static size_t
child_count(struct gen *g)
{
	static const unsigned permille[] = { 500, 350, 150 };

	return 1 + pick_weighted(&g->r, permille, CT_ARRAY_SIZE(permille));
}

/* Fills persons and relations; returns the index of the main victim. */
static size_t
build_household(struct gen *g, int *n_children, int *adult_child, int *elder)
{
	struct demo_case *dc = g->dc;
	uint32_t victim = CT_BIT(PERSON_ROLE_VICTIM);
	uint32_t perp = CT_BIT(PERSON_ROLE_PERPETRATOR);
	uint32_t child_roles = CT_BIT(PERSON_ROLE_CHILD) |
			       CT_BIT(PERSON_ROLE_WITNESS);
	int thv = prng_chance(&g->r, DEMO_THV_PERMILLE);
	int top = age_cap(g->today, DEMO_AGE_MAX - 10);
	size_t v, p, first, n;
	const char *fam = family_name(g);

	*n_children = 0;
	*adult_child = 0;
	*elder = 0;
	if (thv) {
		victim |= CT_BIT(PERSON_ROLE_REMAINING);
		perp |= CT_BIT(PERSON_ROLE_REMOVED);
	}

	if (dc->category == DEMO_CAT_PARENT_ABUSE) {
		int mother_age = grange(g, 38,
					age_cap(g->today, DEMO_AGE_MAX - 4));
		int child_age = grange(g, 18, mother_age - 20 < 34 ?
						     mother_age - 20 : 34);
		size_t father = 0;
		int with_father = prng_chance(&g->r, 600);

		v = add_person(g, PERSON_SEX_FEMALE, mother_age, fam, victim);
		*elder = mother_age >= DEMO_ELDER_AGE;
		if (with_father) {
			int fa = age_cap(g->today,
					 mother_age + grange(g, 0, 4));
			father = add_person(g, PERSON_SEX_MALE, fa, fam,
					    CT_BIT(PERSON_ROLE_VICTIM));
			add_relation(g, father, v, RELATION_PARTNER);
		}
		p = add_person(g, prng_chance(&g->r, 750) ? PERSON_SEX_MALE
							   : PERSON_SEX_FEMALE,
			       child_age, fam, perp);
		add_relation(g, v, p, RELATION_PARENT);
		if (with_father)
			add_relation(g, father, p, RELATION_PARENT);
		if (dc->has_minor_children) {
			n = add_children(g, v, with_father ? father : v,
					 mother_age, 1 + prng_below(&g->r, 2),
					 child_roles, fam, &first);
			for (size_t i = 0; i < n; i++)
				add_relation(g, p, first + i,
					     RELATION_SIBLING);
			*n_children = (int)n;
		}
		return v;
	}

	/* A couple: partner, ex-partner or combination. */
	{
		int victim_female = prng_chance(&g->r, 880);
		int same_sex = prng_chance(&g->r, 40);
		enum person_sex vs = victim_female ? PERSON_SEX_FEMALE
						   : PERSON_SEX_MALE;
		enum person_sex ps = same_sex ? vs
				     : victim_female ? PERSON_SEX_MALE
						     : PERSON_SEX_FEMALE;
		/* a combination without minors is partner violence with an
		 * adult child who also abuses a parent: an older couple */
		int combo_adult = dc->category == DEMO_CAT_COMBINATION &&
				  !dc->has_minor_children;
		int va = combo_adult ? grange(g, 38, top)
			 : dc->has_minor_children ? grange(g, 22, 48)
						  : grange(g, 19, top);
		int pa = va + grange(g, -3, 6);
		const char *pfam = family_name(g);

		if (pa < 19)
			pa = 19;
		if (pa > top)
			pa = top;
		v = add_person(g, vs, va, fam, victim);
		p = add_person(g, ps, pa, pfam, perp);
		add_relation(g, v, p,
			     dc->category == DEMO_CAT_EX_PARTNER
				     ? RELATION_EX_PARTNER
				     : RELATION_PARTNER);
		if (dc->has_minor_children) {
			uint32_t roles = child_roles;
			int young = va < pa ? va : pa;

			/* combination with children: child abuse too */
			if (dc->category == DEMO_CAT_COMBINATION)
				roles |= CT_BIT(PERSON_ROLE_VICTIM);
			n = add_children(g, v, p, young, child_count(g), roles,
					 prng_chance(&g->r, 600) ? pfam : fam,
					 &first);
			*n_children = (int)n;
		} else if (combo_adult) {
			/* partner violence and an adult child abusing a
			 * parent in the same household */
			int ca = grange(g, 18, va - 20 < 30 ? va - 20 : 30);
			size_t c = add_person(g, PERSON_SEX_MALE, ca, fam,
					      CT_BIT(PERSON_ROLE_PERPETRATOR));

			add_relation(g, v, c, RELATION_PARENT);
			*adult_child = 1;
		}
	}
	/* Sometimes an adult brother or sister of the victim in the network. */
	if (prng_chance(&g->r, 150)) {
		int sa = grange(g, 19, top);
		size_t s = add_person(g, random_sex(g), sa, fam,
				      CT_BIT(PERSON_ROLE_FAMILY));

		add_relation(g, v, s, RELATION_SIBLING);
	}
	return v;
}

/* Violence types of the case, from its category and household. */
static uint32_t
case_types(const struct demo_case *dc, int n_children, int adult_child,
	   int elder)
{
	uint32_t t = 0;

	switch (dc->category) {
	case DEMO_CAT_PARTNER:
		t = CT_BIT(VIOLENCE_TYPE_PARTNER);
		break;
	case DEMO_CAT_EX_PARTNER:
		t = CT_BIT(VIOLENCE_TYPE_POST_PARTNER);
		break;
	case DEMO_CAT_PARENT_ABUSE:
		t = CT_BIT(VIOLENCE_TYPE_PARENT_ABUSE);
		break;
	case DEMO_CAT_COMBINATION:
		t = CT_BIT(VIOLENCE_TYPE_PARTNER);
		if (n_children > 0)
			t |= CT_BIT(VIOLENCE_TYPE_CHILD_ABUSE);
		if (adult_child)
			t |= CT_BIT(VIOLENCE_TYPE_PARENT_ABUSE);
		break;
	default:
		CT_BUG("case_types: no such category");
	}
	if (elder)
		t |= CT_BIT(VIOLENCE_TYPE_ELDER_ABUSE);
	/* seed 003: children present are nearly always ear or eye witness */
	if (n_children > 0)
		t |= CT_BIT(VIOLENCE_TYPE_CHILDREN_WITNESS);
	return t;
}

static uint32_t
incident_forms(struct gen *g, enum severity sev, uint32_t types)
{
	struct prng *r = &g->r;
	int grave = sev == SEVERITY_VERY_SERIOUS || sev == SEVERITY_SERIOUS;
	int post = ct_has(types, VIOLENCE_TYPE_POST_PARTNER);
	int couple = post || ct_has(types, VIOLENCE_TYPE_PARTNER);
	uint32_t f = 0;

	/* seed 003: physical violence in all but 1 of 40 cases */
	if (prng_chance(r, grave ? 970 : 600))
		f |= CT_BIT(VIOLENCE_FORM_PHYSICAL);
	if (prng_chance(r, 700))
		f |= CT_BIT(VIOLENCE_FORM_THREATS);
	if (prng_chance(r, 550))
		f |= CT_BIT(VIOLENCE_FORM_EMOTIONAL);
	/* seed 003: sexual violence in 10% */
	if (couple && prng_chance(r, 100))
		f |= CT_BIT(VIOLENCE_FORM_SEXUAL);
	if (prng_chance(r, 200))
		f |= CT_BIT(VIOLENCE_FORM_PROPERTY_DAMAGE);
	if (post && prng_chance(r, 500))
		f |= CT_BIT(VIOLENCE_FORM_STALKING);
	if (post && prng_chance(r, 150))
		f |= CT_BIT(VIOLENCE_FORM_CYBER);
	if (couple && prng_chance(r, 100))
		f |= CT_BIT(VIOLENCE_FORM_ECONOMIC);
	if (couple && sev == SEVERITY_VERY_SERIOUS && prng_chance(r, 150))
		f |= CT_BIT(VIOLENCE_FORM_ISOLATION);
	if (sev == SEVERITY_VERY_SERIOUS && prng_chance(r, 50))
		f |= CT_BIT(VIOLENCE_FORM_CONFINEMENT);
	if (ct_has(types, VIOLENCE_TYPE_CHILD_ABUSE) && prng_chance(r, 300))
		f |= CT_BIT(VIOLENCE_FORM_NEGLECT);
	if (f == 0)
		f = CT_BIT(VIOLENCE_FORM_THREATS);
	return f;
}

/* Pronoun phrases by sex, for the neutral report sentences. */
static const char *
subject_pronoun(enum person_sex s)
{
	return s == PERSON_SEX_MALE ? "hij" : "zij";
}

static const char *
perpetrator_noun(const struct demo_case *dc, const struct person *perp)
{
	int male = perp->sex == PERSON_SEX_MALE;

	switch (dc->category) {
	case DEMO_CAT_EX_PARTNER:
		return male ? "haar of zijn ex-partner" : "de ex-partner";
	case DEMO_CAT_PARENT_ABUSE:
		return male ? "de inwonende zoon" : "de inwonende dochter";
	default:
		return "de partner";
	}
}

static void
add_form_sentences(struct sbuf *sb, uint32_t forms, const char *who,
		   enum person_sex victim_sex)
{
	static const char *const hits[] = { "geslagen", "geduwd", "geschopt",
					    "bij de keel gegrepen" };
	const char *pron = subject_pronoun(victim_sex);

	if (ct_has(forms, VIOLENCE_FORM_PHYSICAL))
		sbuf_addf(sb, " Volgens het slachtoffer is %s door %s %s.",
			  pron, who, hits[forms % CT_ARRAY_SIZE(hits)]);
	if (ct_has(forms, VIOLENCE_FORM_THREATS))
		sbuf_addstr(sb, " Er zijn dreigende uitspraken gedaan.");
	if (ct_has(forms, VIOLENCE_FORM_EMOTIONAL))
		sbuf_addstr(sb, " Het slachtoffer beschrijft controlerend en "
				"vernederend gedrag.");
	if (ct_has(forms, VIOLENCE_FORM_SEXUAL))
		sbuf_addstr(sb, " Er is melding gemaakt van seksueel "
				"grensoverschrijdend gedrag.");
	if (ct_has(forms, VIOLENCE_FORM_PROPERTY_DAMAGE))
		sbuf_addstr(sb, " Er is inboedel vernield.");
	if (ct_has(forms, VIOLENCE_FORM_STALKING))
		sbuf_addstr(sb, " Het slachtoffer wordt herhaaldelijk "
				"opgewacht bij de woning.");
	if (ct_has(forms, VIOLENCE_FORM_CYBER))
		sbuf_addstr(sb, " Er worden dreigende berichten via sociale "
				"media gestuurd.");
	if (ct_has(forms, VIOLENCE_FORM_ECONOMIC))
		sbuf_addstr(sb, " Het slachtoffer heeft geen toegang tot "
				"eigen geld.");
	if (ct_has(forms, VIOLENCE_FORM_ISOLATION))
		sbuf_addstr(sb, " Het slachtoffer wordt afgehouden van "
				"familie en vrienden.");
	if (ct_has(forms, VIOLENCE_FORM_CONFINEMENT))
		sbuf_addstr(sb, " Het slachtoffer mocht de woning niet "
				"verlaten.");
	if (ct_has(forms, VIOLENCE_FORM_NEGLECT))
		sbuf_addstr(sb, " De basiszorg voor de kinderen schiet "
				"tekort.");
}

static const char *
describe(struct gen *g, const struct incident *in, const struct person *victim,
	 const struct person *perp, int n_children, int first)
{
	static const char *const nl_sources[] = {
		"Melding via 112 door een buurvrouw.",
		"Melding via 112 door het slachtoffer.",
		"Melding door de huisarts bij Veilig Thuis.",
		"Melding via 112 door een voorbijganger.",
	};
	static const char *const be_sources[] = {
		"Oproep via 101 door een buurman.",
		"Oproep via 101 door het slachtoffer.",
		"Doorverwijzing door de huisarts.",
		"Aangifte door het slachtoffer op het politiekantoor.",
	};
	static const char *const injuries[SEVERITY__COUNT] = {
		[SEVERITY_UNKNOWN] = "Letsel is niet vastgesteld.",
		[SEVERITY_VERY_SERIOUS] = "Het slachtoffer heeft letsel en is "
					  "door een arts gezien.",
		[SEVERITY_SERIOUS] = "Het slachtoffer heeft zichtbare blauwe "
				     "plekken.",
		[SEVERITY_LIMITED_FREQUENCY] = "Geen zichtbaar letsel.",
		[SEVERITY_ONCE_OR_FEW] = "Geen letsel.",
	};
	const struct demo_case *dc = g->dc;
	struct sbuf sb;
	char *out;

	sbuf_init(&sb, CT_DESCRIPTION_MAX);
	sbuf_addstr(&sb, g->country == CT_COUNTRY_NL ? PICK(&g->r, nl_sources)
						     : PICK(&g->r, be_sources));
	switch (dc->category) {
	case DEMO_CAT_PARENT_ABUSE:
		sbuf_addstr(&sb, " Conflict tussen ouder en inwonend "
				 "volwassen kind in de woning.");
		break;
	case DEMO_CAT_EX_PARTNER:
		sbuf_addstr(&sb, " Conflict tussen ex-partners die de woning "
				 "nog deels delen.");
		break;
	default:
		sbuf_addstr(&sb, " Ruzie tussen partners in de woning.");
		break;
	}
	add_form_sentences(&sb, in->forms, perpetrator_noun(dc, perp),
			   victim->sex);
	if (n_children == 1)
		sbuf_addstr(&sb, " Het kind was aanwezig en heeft het geweld "
				 "gezien of gehoord.");
	else if (n_children > 1)
		sbuf_addf(&sb, " De %d kinderen waren aanwezig en hebben het "
			       "geweld gezien of gehoord.", n_children);
	sbuf_addf(&sb, " %s", injuries[in->severity]);
	if (!first)
		sbuf_addstr(&sb, " Eerder incident, bekend uit de "
				 "politieregistratie.");
	else
		sbuf_addstr(&sb, " Politie ter plaatse; betrokkenen zijn "
				 "apart gehoord.");
	out = arena_strdup(g->a, sb.buf);
	sbuf_release(&sb);
	return out;
}

/* An instant on local date d in the evening or night, in the case's zone. */
static int64_t
local_instant(struct gen *g, const struct ct_date *d)
{
	static const int hours[] = { 7, 12, 17, 18, 19, 20, 21, 22, 23, 23 };
	struct ct_civil civ;
	int64_t t;

	civ.date = *d;
	civ.hour = PICK(&g->r, hours);
	civ.minute = grange(g, 0, 59);
	civ.second = 0;
	if (ct_instant_from_local(ct_country_zone(g->country), &civ, &t))
		CT_BUG("demo: impossible local time");
	return t;
}

static enum severity
lighter(enum severity s)
{
	switch (s) {
	case SEVERITY_VERY_SERIOUS:
		return SEVERITY_SERIOUS;
	case SEVERITY_SERIOUS:
		return SEVERITY_LIMITED_FREQUENCY;
	case SEVERITY_LIMITED_FREQUENCY:
	case SEVERITY_ONCE_OR_FEW:
		return SEVERITY_ONCE_OR_FEW;
	default:
		return SEVERITY_UNKNOWN;
	}
}

static void
build_incidents(struct gen *g, size_t victim_idx, int n_children,
		int adult_child, int elder)
{
	static const unsigned count_permille[DEMO_INCIDENTS_MAX] = { 500, 300,
								     200 };
	struct demo_case *dc = g->dc;
	const struct person *victim = &dc->persons[victim_idx];
	const struct person *perp = NULL;
	uint32_t types = case_types(dc, n_children, adult_child, elder);
	size_t n, i;
	int64_t days_ago = 0;
	const char *place = places[dc->region][prng_below(&g->r, 3)];

	for (i = 0; i < dc->n_persons && !perp; i++)
		if (ct_has(dc->persons[i].roles, PERSON_ROLE_PERPETRATOR))
			perp = &dc->persons[i];
	if (!perp)
		CT_BUG("demo: case without perpetrator");

	n = 1 + pick_weighted(&g->r, count_permille, DEMO_INCIDENTS_MAX);
	/* Newest first while drawing, stored oldest first. */
	for (i = 0; i < n; i++) {
		struct incident *in = &dc->incidents[n - 1 - i];
		struct ct_date d;
		struct sbuf loc;

		memset(in, 0, sizeof(*in));
		days_ago += i == 0 ? grange(g, 1, 90) : grange(g, 14, 300);
		ct_date_add_days(g->today, -days_ago, &d);
		in->occurred_at = local_instant(g, &d);
		in->types = types;
		in->severity = i == 0 ? dc->severity
				      : prng_chance(&g->r, 500)
						? dc->severity
						: lighter(dc->severity);
		in->forms = incident_forms(g, in->severity, types);
		sbuf_init(&loc, CT_LOCATION_MAX);
		sbuf_addf(&loc, "%s, %s",
			  prng_chance(&g->r, 850) ? "Woning" : "Openbare weg",
			  place);
		in->location = arena_strdup(g->a, loc.buf);
		sbuf_release(&loc);
		in->description = describe(g, in, victim, perp, n_children,
					   i == 0);
	}
	dc->n_incidents = n;
}

static enum violence_pattern
pick_pattern(struct gen *g)
{
	static const unsigned by_sev[SEVERITY__COUNT][PATTERN__COUNT] = {
		/* unknown, intimate terrorism, situational */
		[SEVERITY_UNKNOWN] = { 1000, 0, 0 },
		[SEVERITY_VERY_SERIOUS] = { 100, 700, 200 },
		[SEVERITY_SERIOUS] = { 150, 400, 450 },
		[SEVERITY_LIMITED_FREQUENCY] = { 300, 100, 600 },
		[SEVERITY_ONCE_OR_FEW] = { 300, 0, 700 },
	};

	/* Johnson's distinction is about couples. */
	if (g->dc->category == DEMO_CAT_PARENT_ABUSE)
		return PATTERN_UNKNOWN;
	return (enum violence_pattern)pick_weighted(
		&g->r, by_sev[g->dc->severity], PATTERN__COUNT);
}

void
demo_case_generate(uint64_t seed, uint64_t k, const struct ct_date *today,
		   struct arena *a, struct demo_case *out)
{
	struct gen g;
	unsigned region_permille[R__COUNT];
	size_t i, victim;
	int n_children, adult_child, elder;

	memset(out, 0, sizeof(*out));
	/* Each case its own stream: case k never depends on case k-1. */
	prng_seed(&g.r, mix64(seed) ^ mix64(k ^ 0x6a09e667f3bcc908ULL));
	g.a = a;
	g.today = today;
	g.dc = out;

	for (i = 0; i < R__COUNT; i++)
		region_permille[i] = regions[i].share_permille;
	out->region = pick_weighted(&g.r, region_permille, R__COUNT);
	out->owner_org = region_owner[out->region];
	g.country = regions[out->region].country;
	out->c.jurisdiction = g.country;
	out->c.region = regions[out->region].code;
	out->c.status = CASE_STATUS_OPEN;

	out->category = (enum demo_category)pick_weighted(
		&g.r, category_permille, DEMO_CAT__COUNT);
	out->has_minor_children =
		prng_chance(&g.r, minors_permille[out->category]);
	out->severity = (enum severity)pick_weighted(&g.r, severity_permille,
						     SEVERITY__COUNT);
	out->c.pattern = pick_pattern(&g);

	victim = build_household(&g, &n_children, &adult_child, &elder);
	build_incidents(&g, victim, n_children, adult_child, elder);
}

/* ------------------------------------------------------------------ */
/* The restraining order of a case (demo_population.h).               */

static const char *const streets[] = {
	"Dorpsstraat", "Kerkstraat", "Schoolstraat", "Molenweg",
	"Stationsstraat",
	"Lindelaan", "Beukenlaan", "Nieuwstraat", "Marktplein", "Parkweg",
};

static const char *const order_facts[DEMO_CAT__COUNT] = {
	[DEMO_CAT_PARTNER] = "Na een ruzie heeft de partner het slachtoffer "
			     "geslagen en gedreigd; buren belden 112. Eerdere "
			     "meldingen bij Veilig Thuis.",
	[DEMO_CAT_EX_PARTNER] = "De ex-partner is de woning binnengedrongen, "
				"heeft het slachtoffer bedreigd en zegt terug "
				"te komen.",
	[DEMO_CAT_PARENT_ABUSE] = "De meerderjarige zoon heeft zijn moeder "
				  "geduwd en geslagen; zij durft niet meer "
				  "thuis te slapen.",
	[DEMO_CAT_COMBINATION] = "Mishandeling van de partner in bijzijn van "
				 "de kinderen; de kinderen zijn bang en een "
				 "van hen belde 112.",
};

static const char *const repeat_facts[] = {
	"Nieuw incident na afloop van het eerdere huisverbod: opnieuw "
	"geweld tegen de partner.",
	"Nieuwe bedreigingen na terugkeer in de woning; het slachtoffer "
	"vreest voor haar veiligheid.",
};

/* Adult on the local date of the call (seed 001 hfst. 1). */
static int
demo_adult_on(const struct person *p, const struct ct_date *day)
{
	struct ct_date adult;

	if (!p->has_birth_date)
		return 1; /* unknown: the police take the person as adult */
	adult = p->birth_date;
	adult.year += 18;
	return ct_date_cmp(&adult, day) <= 0;
}

void
demo_order_plan_generate(uint64_t seed, uint64_t k,
			 const struct ct_date *today,
			 const struct demo_case *dc, struct arena *a,
			 struct demo_order_plan *out)
{
	static const unsigned fate_permille[3] = {
		DEMO_ORDER_EXTEND_PERMILLE, DEMO_ORDER_END_EARLY_PERMILLE,
		1000 - DEMO_ORDER_EXTEND_PERMILLE -
			DEMO_ORDER_END_EARLY_PERMILLE};
	static const enum demo_order_fate fates[3] = {
		DEMO_FATE_EXTEND, DEMO_FATE_END_EARLY, DEMO_FATE_EXPIRE};
	enum demo_order_fate fate;
	struct ct_date call;
	struct prng r;
	struct sbuf sb;
	size_t i, subject = DEMO_PERSONS_MAX;

	memset(out, 0, sizeof(*out));
	/* A stream of its own: the cases stay as they were. */
	prng_seed(&r, mix64(seed ^ 0x3c6ef372fe94f82bULL) ^
			      mix64(k ^ 0xbb67ae8584caa73bULL));
	if (dc->region != R_AMS && dc->region != R_LIM)
		return;
	for (i = 0; i < dc->n_persons; i++)
		if (ct_has(dc->persons[i].roles, PERSON_ROLE_PERPETRATOR) &&
		    ct_has(dc->persons[i].roles, PERSON_ROLE_REMOVED))
			subject = i;
	if (subject == DEMO_PERSONS_MAX)
		return;
	for (i = 0; i < dc->n_persons; i++)
		if (i != subject &&
		    (ct_has(dc->persons[i].roles, PERSON_ROLE_VICTIM) ||
		     ct_has(dc->persons[i].roles, PERSON_ROLE_CHILD) ||
		     ct_has(dc->persons[i].roles, PERSON_ROLE_REMAINING)))
			out->protected_idx[out->n_protected++] = i;
	if (out->n_protected == 0)
		return;
	out->has_order = 1;
	out->subject = subject;

	/* The age of the story: a few still in screening, some recent,
	 * the rest spread over the last months. */
	if (prng_chance(&r, DEMO_ORDER_SCREENING_PERMILLE)) {
		out->fate = DEMO_FATE_SCREENING;
		out->days_ago = 0;
	} else if (prng_chance(&r, DEMO_ORDER_RECENT_PERMILLE)) {
		out->days_ago = range(&r, 1, 8);
	} else {
		out->days_ago = range(&r, 10, DEMO_ORDER_DAYS_MAX);
	}
	out->hour = range(&r, 7, 22);
	out->minute = range(&r, 0, 59);
	/* Drawn for every order, so the stream does not depend on it. */
	fate = fates[pick_weighted(&r, fate_permille, 3)];
	if (out->days_ago > 0)
		out->fate = fate;
	/* An ended-early order is in its monitoring for three months: keep
	 * most of them there, so that "withdrawn" and "lifted" occur. */
	if (out->fate == DEMO_FATE_END_EARLY && out->days_ago >= 10)
		out->days_ago = 10 + out->days_ago % 80;
	ct_date_add_days(today, -out->days_ago, &call);
	if (out->fate != DEMO_FATE_SCREENING &&
	    !demo_adult_on(&dc->persons[subject], &call))
		out->fate = DEMO_FATE_NOT_IMPOSED;

	out->violation = prng_chance(&r, DEMO_ORDER_VIOLATION_PERMILLE);
	out->violation_day = range(&r, 2, 6);
	out->channel = (unsigned)prng_below(&r, ORDER_CHANNEL__COUNT);
	out->response = (unsigned)prng_below(&r, ORDER_RESPONSE__COUNT);
	out->end_day = range(&r, 3, 8);
	if (out->fate == DEMO_FATE_END_EARLY &&
	    out->violation_day >= out->end_day)
		out->violation_day = out->end_day - 1;
	out->repeat = prng_chance(&r, DEMO_ORDER_REPEAT_PERMILLE);
	out->repeat_gap_days = range(&r, 1, 10);
	out->repeat_extend = prng_chance(&r, DEMO_ORDER_EXTEND_PERMILLE);
	out->new_facts = PICK(&r, repeat_facts);
	out->facts = order_facts[dc->category];

	sbuf_init(&sb, CT_LOCATION_MAX);
	sbuf_addf(&sb, "%s %d, %s", PICK(&r, streets), range(&r, 1, 180),
		  places[dc->region][prng_below(&r, 3)]);
	out->place = arena_strdup(a, sb.buf);
	sbuf_release(&sb);
}
