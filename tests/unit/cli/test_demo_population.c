/*
 * test_demo_population.c - the synthetic population without a database:
 * determinism, validity of every record, and the mix against seed 003.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <cmocka.h>

#include "cli/demo_population.h"
#include "core/natid.h"
#include "core/validate.h"
#include "util/prng.h"

#define MIX_CASES 2000
#define DUMMY_UUID "6f1c2a3b-4d5e-4f60-8a7b-9c0d1e2f3a4b"

static const struct ct_date today = { 2026, 3, 29 }; /* a DST Sunday */

static int64_t
noon_of(const struct ct_date *d, enum ct_country c)
{
	struct ct_civil civ = { *d, 12, 0, 0 };
	int64_t t;

	assert_int_equal(ct_instant_from_local(ct_country_zone(c), &civ, &t),
			 CT_OK);
	return t;
}

static int
str_eq(const char *a, const char *b)
{
	if (!a || !b)
		return a == b;
	return strcmp(a, b) == 0;
}

static void
assert_same_case(const struct demo_case *x, const struct demo_case *y)
{
	size_t i;

	assert_int_equal(x->region, y->region);
	assert_int_equal(x->category, y->category);
	assert_int_equal(x->severity, y->severity);
	assert_int_equal(x->c.pattern, y->c.pattern);
	assert_int_equal(x->n_persons, y->n_persons);
	assert_int_equal(x->n_relations, y->n_relations);
	assert_int_equal(x->n_incidents, y->n_incidents);
	for (i = 0; i < x->n_persons; i++) {
		const struct person *p = &x->persons[i], *q = &y->persons[i];

		assert_true(str_eq(p->given_name, q->given_name));
		assert_true(str_eq(p->family_name, q->family_name));
		assert_true(str_eq(p->bsn, q->bsn));
		assert_true(str_eq(p->rrn, q->rrn));
		assert_int_equal(p->roles, q->roles);
		assert_int_equal(p->has_birth_date, q->has_birth_date);
		assert_int_equal(ct_date_cmp(&p->birth_date, &q->birth_date),
				 0);
	}
	assert_memory_equal(x->relations, y->relations,
			    x->n_relations * sizeof(x->relations[0]));
	for (i = 0; i < x->n_incidents; i++) {
		const struct incident *p = &x->incidents[i];
		const struct incident *q = &y->incidents[i];

		assert_int_equal(p->occurred_at, q->occurred_at);
		assert_int_equal(p->types, q->types);
		assert_int_equal(p->forms, q->forms);
		assert_int_equal(p->severity, q->severity);
		assert_string_equal(p->location, q->location);
		assert_string_equal(p->description, q->description);
	}
}

static void
test_same_seed_same_case(void **state)
{
	struct arena a1, a2;
	struct demo_case *x = malloc(sizeof(*x)), *y = malloc(sizeof(*y));
	uint64_t k;
	int differ = 0;

	(void)state;
	assert_non_null(x);
	assert_non_null(y);
	arena_init(&a1, ARENA_MAX_DEFAULT);
	arena_init(&a2, ARENA_MAX_DEFAULT);
	for (k = 0; k < 50; k++) {
		/* Case k does not depend on what was generated before. */
		demo_case_generate(7, 49 - k, &today, &a1, y);
		demo_case_generate(7, 49 - k, &today, &a2, x);
		assert_same_case(x, y);
	}
	/* Another seed gives another population. */
	for (k = 0; k < 20; k++) {
		demo_case_generate(7, k, &today, &a1, x);
		demo_case_generate(8, k, &today, &a2, y);
		if (strcmp(x->incidents[0].description,
			   y->incidents[0].description) != 0 ||
		    !str_eq(x->persons[0].given_name, y->persons[0].given_name))
			differ++;
	}
	assert_true(differ >= 15);
	arena_release(&a1);
	arena_release(&a2);
	free(x);
	free(y);
}

static void
assert_valid_case(struct demo_case *dc)
{
	struct ct_problems p;
	int64_t now = noon_of(&today, dc->c.jurisdiction);
	size_t i;

	ct_problems_init(&p);
	/* The command fills in the ids the store assigns. */
	snprintf(dc->c.owner_org_id, sizeof(dc->c.owner_org_id), "%s",
		 DUMMY_UUID);
	case_validate(&dc->c, &p);
	for (i = 0; i < dc->n_persons; i++)
		person_validate(&dc->persons[i], now, &p);
	for (i = 0; i < dc->n_relations; i++) {
		struct relation r;

		memset(&r, 0, sizeof(r));
		assert_true(dc->relations[i].a < dc->n_persons);
		assert_true(dc->relations[i].b < dc->n_persons);
		assert_true(dc->relations[i].a != dc->relations[i].b);
		snprintf(r.person_a, sizeof(r.person_a), "%s", DUMMY_UUID);
		snprintf(r.person_b, sizeof(r.person_b), "%s",
			 "0a1b2c3d-4e5f-4a6b-8c7d-8e9f0a1b2c3d");
		r.kind = dc->relations[i].kind;
		relation_validate(&r, &p);
	}
	for (i = 0; i < dc->n_incidents; i++) {
		incident_validate(&dc->incidents[i], now, &p);
		assert_true(dc->incidents[i].occurred_at < now);
		if (i > 0)
			assert_true(dc->incidents[i - 1].occurred_at <
				    dc->incidents[i].occurred_at);
	}
	if (ct_problems_any(&p)) {
		for (i = 0; i < p.count; i++)
			fprintf(stderr, "%s: %s\n", p.items[i].field,
				p.items[i].message);
		fail_msg("%s case with %zu problems",
			 demo_category_label(dc->category), p.count);
	}
}

/* Every record of 2,000 cases passes core/validate.h; ids check out. */
static void
test_every_record_valid(void **state)
{
	struct arena a;
	struct demo_case *dc = malloc(sizeof(*dc));
	uint64_t k;
	size_t i, bsns = 0, rrns = 0;

	(void)state;
	assert_non_null(dc);
	arena_init(&a, ARENA_MAX_DEFAULT);
	for (k = 0; k < MIX_CASES; k++) {
		int victims = 0, perps = 0;

		demo_case_generate(DEMO_SEED_DEFAULT, k, &today, &a, dc);
		assert_valid_case(dc);
		assert_true(dc->n_incidents >= 1 &&
			    dc->n_incidents <= DEMO_INCIDENTS_MAX);
		for (i = 0; i < dc->n_persons; i++) {
			const struct person *p = &dc->persons[i];

			victims += ct_has(p->roles, PERSON_ROLE_VICTIM);
			perps += ct_has(p->roles, PERSON_ROLE_PERPETRATOR);
			if (p->bsn) {
				assert_true(bsn_valid(p->bsn));
				assert_int_equal(dc->c.jurisdiction,
						 CT_COUNTRY_NL);
				bsns++;
			}
			if (p->rrn) {
				struct ct_date b;
				int has_b = 0;

				assert_true(rrn_valid(p->rrn, &b, &has_b));
				assert_true(has_b);
				assert_int_equal(
					ct_date_cmp(&b, &p->birth_date), 0);
				rrns++;
			}
		}
		assert_true(victims >= 1);
		assert_true(perps >= 1);
		arena_release(&a);
	}
	assert_true(bsns > 100);
	assert_true(rrns > 50);
	free(dc);
}

/* Children are minors, and has_minor_children says so truthfully. */
static void
test_children_are_minors(void **state)
{
	struct arena a;
	struct demo_case *dc = malloc(sizeof(*dc));
	uint64_t k;
	size_t i;

	(void)state;
	assert_non_null(dc);
	arena_init(&a, ARENA_MAX_DEFAULT);
	for (k = 0; k < 500; k++) {
		int minors = 0;

		demo_case_generate(3, k, &today, &a, dc);
		for (i = 0; i < dc->n_persons; i++) {
			const struct person *p = &dc->persons[i];
			int age = p->has_birth_date
					  ? ct_age_on(&p->birth_date, &today)
					  : 99;

			if (ct_has(p->roles, PERSON_ROLE_CHILD)) {
				assert_true(p->has_birth_date);
				assert_in_range(age, 0, 17);
				minors++;
			} else if (ct_has(p->roles,
					  PERSON_ROLE_PERPETRATOR)) {
				/* no minor perpetrators: no THV for them */
				assert_true(age >= 18);
			}
		}
		assert_int_equal(minors > 0, dc->has_minor_children != 0);
		arena_release(&a);
	}
	free(dc);
}

static void
assert_share(size_t count, size_t total, double target, double tol,
	     const char *what)
{
	double share = (double)count / (double)total;

	if (share < target - tol || share > target + tol)
		fail_msg("%s: share %.3f, target %.3f +/- %.3f", what, share,
			 target, tol);
}

/* The mix over 2,000 cases follows seed 003 tables 4 and 5. */
static void
test_mix_follows_seed_003(void **state)
{
	struct arena a;
	struct demo_case *dc = malloc(sizeof(*dc));
	size_t cat[DEMO_CAT__COUNT] = { 0 }, sev[SEVERITY__COUNT] = { 0 };
	size_t minors = 0, nl = 0, thv = 0, persons = 0, incidents = 0;
	size_t elder = 0;
	size_t i;
	uint64_t k;

	(void)state;
	assert_non_null(dc);
	arena_init(&a, ARENA_MAX_DEFAULT);
	for (k = 0; k < MIX_CASES; k++) {
		demo_case_generate(DEMO_SEED_DEFAULT, k, &today, &a, dc);
		cat[dc->category]++;
		sev[dc->severity]++;
		minors += dc->has_minor_children != 0;
		nl += dc->c.jurisdiction == CT_COUNTRY_NL;
		persons += dc->n_persons;
		incidents += dc->n_incidents;
		elder += ct_has(dc->incidents[0].types,
				VIOLENCE_TYPE_ELDER_ABUSE);
		for (i = 0; i < dc->n_persons; i++)
			if (ct_has(dc->persons[i].roles, PERSON_ROLE_REMOVED)) {
				thv++;
				break;
			}
		arena_release(&a);
	}
	assert_share(cat[DEMO_CAT_PARTNER], MIX_CASES, 0.62, 0.04, "partner");
	assert_share(cat[DEMO_CAT_EX_PARTNER], MIX_CASES, 0.10, 0.025,
		     "ex-partner");
	assert_share(cat[DEMO_CAT_PARTNER] + cat[DEMO_CAT_EX_PARTNER],
		     MIX_CASES, 0.72, 0.04, "partner incl. ex-partner");
	assert_share(cat[DEMO_CAT_PARENT_ABUSE], MIX_CASES, 0.13, 0.025,
		     "parent abuse");
	assert_share(cat[DEMO_CAT_COMBINATION], MIX_CASES, 0.15, 0.03,
		     "combination");
	assert_share(minors, MIX_CASES, 0.55, 0.04, "minor children");
	assert_share(sev[SEVERITY_VERY_SERIOUS], MIX_CASES, 0.45, 0.04,
		     "very serious");
	assert_share(sev[SEVERITY_SERIOUS], MIX_CASES, 0.40, 0.04, "serious");
	assert_share(sev[SEVERITY_LIMITED_FREQUENCY], MIX_CASES, 0.10, 0.025,
		     "limited frequency");
	assert_share(sev[SEVERITY_ONCE_OR_FEW] + sev[SEVERITY_UNKNOWN],
		     MIX_CASES, 0.05, 0.02, "once or few, unknown");
	assert_share(nl, MIX_CASES, 0.70, 0.04, "Netherlands");
	assert_share(thv, MIX_CASES, 0.75, 0.04, "removed person (THV)");
	/* older parents abused by an adult child: elder abuse too */
	assert_true(elder > 0 && elder < cat[DEMO_CAT_PARENT_ABUSE]);
	/* households of a realistic size */
	assert_true(persons >= 3 * MIX_CASES && persons <= 5 * MIX_CASES);
	assert_true(incidents >= 15 * MIX_CASES / 10 &&
		    incidents <= 2 * MIX_CASES);
	free(dc);
}

/* The cast: every org type, every user role, all valid. */
static void
test_cast_covers_every_type_and_role(void **state)
{
	const struct demo_org *orgs;
	const struct demo_user *users;
	const struct demo_region *regions;
	size_t n_orgs, n_users, n_regions, i, j;
	uint32_t types = 0, roles = 0;
	unsigned permille = 0;
	struct ct_problems p;

	(void)state;
	orgs = demo_orgs(&n_orgs);
	users = demo_users(&n_users);
	regions = demo_regions(&n_regions);
	ct_problems_init(&p);
	for (i = 0; i < n_regions; i++) {
		size_t owner = demo_region_owner_org(i);

		assert_true(ct_region_valid(regions[i].code));
		permille += regions[i].share_permille;
		assert_true(owner < n_orgs);
		assert_int_equal(orgs[owner].region, i);
		assert_int_equal(orgs[owner].country, regions[i].country);
	}
	assert_int_equal(permille, 1000);
	for (i = 0; i < n_orgs; i++) {
		struct org o;

		memset(&o, 0, sizeof(o));
		o.name = orgs[i].name;
		o.type = orgs[i].type;
		o.country = orgs[i].country;
		o.email = orgs[i].email;
		org_validate(&o, &p);
		types |= CT_BIT(orgs[i].type);
		assert_true(orgs[i].region < n_regions);
		for (j = 0; j < i; j++)
			assert_string_not_equal(orgs[i].name, orgs[j].name);
	}
	for (i = 0; i < n_users; i++) {
		struct user u;

		memset(&u, 0, sizeof(u));
		snprintf(u.org_id, sizeof(u.org_id), "%s", DUMMY_UUID);
		u.username = users[i].username;
		u.display_name = users[i].display_name;
		u.roles = users[i].roles;
		u.active = 1;
		user_validate(&u, &p);
		roles |= users[i].roles;
		assert_true(users[i].org < n_orgs);
		for (j = 0; j < i; j++)
			assert_string_not_equal(users[i].username,
						users[j].username);
	}
	for (i = 0; i < p.count; i++)
		fprintf(stderr, "%s: %s\n", p.items[i].field,
			p.items[i].message);
	assert_false(ct_problems_any(&p));
	assert_int_equal(types, vocab_mask_all(&vocab_org_type));
	assert_int_equal(roles, vocab_mask_all(&vocab_user_role));
}

/* The checksum generators agree with the validators of core/natid.h. */
static void
test_national_ids(void **state)
{
	struct prng r;
	char bsn[CT_BSN_LEN + 1], rrn[CT_RRN_LEN + 1];
	struct ct_date births[] = { { 1985, 7, 30 }, { 2003, 2, 28 },
				    { 1950, 12, 1 }, { 2000, 1, 1 } };
	struct ct_date got;
	int has, i, n;

	(void)state;
	prng_seed(&r, 42);
	for (n = 0; n < 1000; n++) {
		demo_bsn(&r, bsn);
		assert_int_equal(strlen(bsn), CT_BSN_LEN);
		assert_true(bsn_valid(bsn));
	}
	for (n = 0; n < 250; n++) {
		for (i = 0; i < (int)(sizeof(births) / sizeof(births[0]));
		     i++) {
			enum person_sex sex = n % 2 ? PERSON_SEX_MALE
						    : PERSON_SEX_FEMALE;

			demo_rrn(&r, &births[i], sex, rrn);
			assert_int_equal(strlen(rrn), CT_RRN_LEN);
			has = 0;
			assert_true(rrn_valid(rrn, &got, &has));
			assert_true(has);
			assert_int_equal(ct_date_cmp(&got, &births[i]), 0);
			/* counter: odd for men, even for women */
			assert_int_equal((rrn[8] - '0') % 2,
					 sex == PERSON_SEX_MALE);
		}
	}
}

/* Within tolerance permille of want permille. */
static void
assert_permille(size_t part, size_t whole, unsigned want, unsigned tolerance)
{
	double got = 1000.0 * (double)part / (double)whole;

	assert_true(whole > 0);
	if (got < (double)want - tolerance || got > (double)want + tolerance)
		fail_msg("share %.1f permille, want %u +- %u", got, want,
			 tolerance);
}

/*
 * The order stories (issue 4) over many cases: seed 003's proportions
 * (about 70% extended, 10% withdrawn or lifted, 20% violated, a quarter
 * of all orders repeats), orders only where the cast can take every
 * step, the right persons, and the same plan for the same seed.
 */
static void
test_order_plans_follow_seed_003(void **state)
{
	struct demo_order_plan plan, again;
	struct demo_case *dc = malloc(sizeof(*dc));
	size_t n = 0, imposed = 0, extend = 0, early = 0, violated = 0;
	size_t repeats = 0, screening = 0, not_imposed = 0, thv = 0;
	const struct demo_region *regions;
	struct arena a;
	size_t k, i, nr;

	(void)state;
	assert_non_null(dc);
	regions = demo_regions(&nr);
	arena_init(&a, ARENA_MAX_DEFAULT);
	for (k = 0; k < 20 * MIX_CASES; k++) {
		const char *code;

		demo_case_generate(11, k, &today, &a, dc);
		demo_order_plan_generate(11, k, &today, dc, &a, &plan);
		code = regions[dc->region].code;
		for (i = 0; i < dc->n_persons; i++)
			if (ct_has(dc->persons[i].roles, PERSON_ROLE_REMOVED) &&
			    (!strcmp(code, "AMS") || !strcmp(code, "LIM")))
				thv++;
		if (!plan.has_order) {
			arena_release(&a);
			continue;
		}
		n++;
		/* the cast of AMS and LIM holds every legal role */
		assert_true(!strcmp(code, "AMS") || !strcmp(code, "LIM"));
		assert_true(ct_has(dc->persons[plan.subject].roles,
				   PERSON_ROLE_REMOVED));
		assert_true(plan.n_protected >= 1);
		for (i = 0; i < plan.n_protected; i++)
			assert_true(plan.protected_idx[i] != plan.subject);
		assert_non_null(plan.place);
		assert_non_null(plan.facts);
		assert_true(plan.days_ago >= 0 &&
			    plan.days_ago <= DEMO_ORDER_DAYS_MAX);
		assert_true(plan.violation_day >= 2);
		if (plan.fate == DEMO_FATE_END_EARLY)
			assert_true(plan.violation_day < plan.end_day);
		switch (plan.fate) {
		case DEMO_FATE_SCREENING:
			screening++;
			assert_int_equal(plan.days_ago, 0);
			break;
		case DEMO_FATE_NOT_IMPOSED:
			not_imposed++;
			break;
		default:
			imposed++;
			extend += plan.fate == DEMO_FATE_EXTEND;
			early += plan.fate == DEMO_FATE_END_EARLY;
			violated += plan.violation != 0;
			repeats += plan.repeat != 0;
		}
		/* pure: the same seed gives the same plan */
		demo_order_plan_generate(11, k, &today, dc, &a, &again);
		assert_int_equal(again.fate, plan.fate);
		assert_int_equal(again.days_ago, plan.days_ago);
		assert_string_equal(again.place, plan.place);
		arena_release(&a);
	}
	free(dc);
	/* every removed perpetrator of the two regions has an order */
	assert_int_equal(n, thv);
	assert_true(imposed > 1000);
	assert_permille(extend, imposed, DEMO_ORDER_EXTEND_PERMILLE, 40);
	assert_permille(early, imposed, DEMO_ORDER_END_EARLY_PERMILLE, 25);
	assert_permille(violated, imposed, DEMO_ORDER_VIOLATION_PERMILLE, 30);
	/* repeats are a quarter of first plus repeated orders */
	assert_permille(repeats, imposed + repeats, 250, 30);
	assert_permille(screening, n, DEMO_ORDER_SCREENING_PERMILLE, 15);
	assert_true(not_imposed > 0); /* minor perpetrators: no order */
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_same_seed_same_case),
		cmocka_unit_test(test_every_record_valid),
		cmocka_unit_test(test_children_are_minors),
		cmocka_unit_test(test_mix_follows_seed_003),
		cmocka_unit_test(test_order_plans_follow_seed_003),
		cmocka_unit_test(test_cast_covers_every_type_and_role),
		cmocka_unit_test(test_national_ids),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
