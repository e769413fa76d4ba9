/*
 * test_cmd_demo.c - `casustafel demo` on a temporary database: the counts
 * it promises, a journal that verifies, the same content for the same
 * seed, re-runs that reuse the cast, and refused input that writes nothing.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>
#include <cmocka.h>

#include "cli/cli.h"
#include "cli/demo_population.h"
#include "store/store_order.h"
#include "util/crypto.h"

/* 2026-03-29 10:00 UTC: the fixed clock of the store. */
#define FIXED_NOW INT64_C(1774778400)

struct fixture {
	char dir[64];
	char path[2][128];
	struct store *st[2];
	char *out_buf, *err_buf;
	size_t out_len, err_len;
	struct cli_ctx ctx;
};

static int64_t
fixed_clock(void *arg)
{
	(void)arg;
	return FIXED_NOW;
}

static int
setup(void **state)
{
	struct fixture *f = calloc(1, sizeof(*f));
	struct ct_error err;
	int i;

	assert_non_null(f);
	assert_int_equal(ct_crypto_init(), CT_OK);
	snprintf(f->dir, sizeof(f->dir), "/tmp/ct-test-demo-XXXXXX");
	assert_non_null(mkdtemp(f->dir));
	for (i = 0; i < 2; i++) {
		snprintf(f->path[i], sizeof(f->path[i]), "%s/db%d.sqlite",
			 f->dir, i);
		assert_int_equal(store_open(f->path[i], STORE_OPEN_CREATE,
					    &f->st[i], &err),
				 CT_OK);
		store_set_clock(f->st[i], fixed_clock, NULL);
	}
	*state = f;
	return 0;
}

static int
teardown(void **state)
{
	struct fixture *f = *state;
	char p[160];
	int i;

	for (i = 0; i < 2; i++) {
		store_close(f->st[i]);
		unlink(f->path[i]);
		snprintf(p, sizeof(p), "%s-wal", f->path[i]);
		unlink(p);
		snprintf(p, sizeof(p), "%s-shm", f->path[i]);
		unlink(p);
	}
	rmdir(f->dir);
	free(f->out_buf);
	free(f->err_buf);
	free(f);
	return 0;
}

/* Run `demo` with argv on database `db`; output in f->out_buf/err_buf. */
static int
run_demo(struct fixture *f, int db, int argc, char **argv)
{
	int status;

	free(f->out_buf);
	free(f->err_buf);
	f->out_buf = f->err_buf = NULL;
	memset(&f->ctx, 0, sizeof(f->ctx));
	f->ctx.out = open_memstream(&f->out_buf, &f->out_len);
	f->ctx.err = open_memstream(&f->err_buf, &f->err_len);
	assert_non_null(f->ctx.out);
	assert_non_null(f->ctx.err);
	f->ctx.db_path = db < 0 ? NULL : f->path[db];
	f->ctx.store = db < 0 ? NULL : f->st[db];
	f->ctx.actor.label = "cli:test";
	status = cmd_demo(&f->ctx, argc, argv);
	fclose(f->ctx.out);
	fclose(f->ctx.err);
	return status;
}

static void
get_counts(struct store *st, struct store_counts *c)
{
	struct ct_error err;

	assert_int_equal(store_counts(st, c, &err), CT_OK);
}

/* What the generator says the first n cases of seed hold. */
static void
expected_counts(uint64_t seed, size_t from, size_t n,
		struct store_counts *c)
{
	struct ct_date today;
	struct demo_case *dc = malloc(sizeof(*dc));
	struct arena a;
	size_t k;

	assert_non_null(dc);
	memset(c, 0, sizeof(*c));
	ct_local_date(CT_ZONE_AMSTERDAM, FIXED_NOW, &today);
	arena_init(&a, ARENA_MAX_DEFAULT);
	for (k = from; k < from + n; k++) {
		demo_case_generate(seed, k, &today, &a, dc);
		c->cases++;
		c->persons += (int64_t)dc->n_persons;
		c->relations += (int64_t)dc->n_relations;
		c->incidents += (int64_t)dc->n_incidents;
		arena_release(&a);
	}
	free(dc);
}

static void
test_fills_database_and_journal_verifies(void **state)
{
	struct fixture *f = *state;
	char *argv[] = { "demo", "--cases", "40", "--seed", "5", NULL };
	struct store_counts got, want;
	struct store_verify_result vr;
	struct ct_error err;
	size_t n_orgs, n_users;

	demo_orgs(&n_orgs);
	demo_users(&n_users);
	assert_int_equal(run_demo(f, 0, 5, argv), CLI_EXIT_OK);
	get_counts(f->st[0], &got);
	expected_counts(5, 0, 40, &want);
	assert_int_equal(got.orgs, (int64_t)n_orgs);
	assert_int_equal(got.users, (int64_t)n_users);
	assert_int_equal(got.cases, 40);
	assert_int_equal(got.persons, want.persons);
	assert_int_equal(got.relations, want.relations);
	assert_int_equal(got.incidents, want.incidents);
	/* every record was journalled */
	assert_true(got.journal >= got.orgs + got.users + got.cases +
					   got.persons + got.relations +
					   got.incidents);

	memset(&vr, 0, sizeof(vr));
	assert_int_equal(store_journal_verify(f->st[0], &vr, NULL, NULL, &err),
			 CT_OK);
	assert_int_equal(vr.first_broken, 0);
	assert_int_equal(vr.entries, got.journal);

	/* the summary: per type, per jurisdiction, the shares, the users */
	assert_non_null(strstr(f->out_buf, "40 dossiers"));
	assert_non_null(strstr(f->out_buf, "Dossiers per jurisdictie"));
	assert_non_null(strstr(f->out_buf, "aandeel met minderjarige kinderen"));
	assert_non_null(strstr(f->out_buf, "aandeel partnergeweld"));
	assert_non_null(strstr(f->out_buf, "coordinator.ams"));
	assert_non_null(strstr(f->out_buf, "Gedeeld demowachtwoord"));
	/* small runs print no progress */
	assert_int_equal(f->err_len, 0);
}

/*
 * Orders (issue 4): every case the generator gives an order has one, each
 * order replays from its stored steps (store_order_get, _list), the
 * repeats point at an order of their case, and the summary counts them.
 */
static void
test_orders_exist_and_replay(void **state)
{
	struct fixture *f = *state;
	char *argv[] = { "demo", "--cases", "80", "--seed", "7", NULL };
	struct store_case_filter filter;
	struct demo_order_plan plan;
	struct demo_case *dc = malloc(sizeof(*dc));
	struct ct_case *cases = NULL;
	struct ct_date today;
	struct ct_error err;
	struct arena a;
	size_t n_cases = 0, total = 0, k, i, planned = 0, firsts = 0;
	size_t orders = 0, steps_seen = 0;

	assert_non_null(dc);
	assert_int_equal(run_demo(f, 0, 5, argv), CLI_EXIT_OK);
	assert_non_null(strstr(f->out_buf, "Huisverboden: "));
	assert_non_null(strstr(f->out_buf, "Afgesloten na monitoring"));

	ct_local_date(CT_ZONE_AMSTERDAM, FIXED_NOW, &today);
	arena_init(&a, ARENA_MAX_DEFAULT);
	for (k = 0; k < 80; k++) {
		demo_case_generate(7, k, &today, &a, dc);
		demo_order_plan_generate(7, k, &today, dc, &a, &plan);
		planned += plan.has_order != 0;
		arena_release(&a);
	}
	free(dc);
	assert_true(planned > 0);

	store_case_filter_init(&filter);
	filter.limit = STORE_LIST_LIMIT_MAX;
	assert_int_equal(store_case_list(f->st[0], &filter, &a, &cases,
					 &n_cases, &total, &err),
			 CT_OK);
	assert_int_equal(n_cases, 80);
	for (k = 0; k < n_cases; k++) {
		struct order *items = NULL;
		size_t n = 0;

		/* listing replays every stored step through core */
		assert_int_equal(store_order_list(f->st[0], cases[k].id, &a,
						  &items, &n, &err),
				 CT_OK);
		if (n > 0)
			firsts++;
		for (i = 0; i < n; i++) {
			struct store_order_step *steps = NULL;
			size_t n_steps = 0;
			struct order again;

			orders++;
			assert_int_equal(items[i].jurisdiction,
					 cases[k].jurisdiction);
			assert_int_equal(store_order_get(f->st[0], cases[k].id,
							 items[i].id, &a,
							 &again, &err),
					 CT_OK);
			assert_int_equal(again.state, items[i].state);
			assert_int_equal(store_order_steps(f->st[0],
							   items[i].id, &a,
							   &steps, &n_steps,
							   &err),
					 CT_OK);
			assert_true(n_steps >= 1);
			assert_int_equal(steps[0].kind, ORDER_STEP_OPEN);
			steps_seen += n_steps;
			/* a repeat is the case's other order, on new facts
			 * (both made at the test's one fixed instant, so the
			 * list's order between them is not defined) */
			if (items[i].repeat_of[0]) {
				assert_int_equal(n, 2);
				assert_string_equal(items[i].repeat_of,
						    items[1 - i].id);
				assert_non_null(items[i].new_facts);
			}
		}
	}
	arena_release(&a);
	assert_int_equal(firsts, planned);
	assert_true(orders >= firsts);
	assert_true(steps_seen > orders * 3);
}

static void
test_rerun_reuses_cast(void **state)
{
	struct fixture *f = *state;
	char *first[] = { "demo", "--cases", "15", NULL };
	char *again[] = { "demo", "--cases", "10", NULL };
	struct store_counts before, after, want;

	assert_int_equal(run_demo(f, 0, 3, first), CLI_EXIT_OK);
	get_counts(f->st[0], &before);
	assert_int_equal(run_demo(f, 0, 3, again), CLI_EXIT_OK);
	get_counts(f->st[0], &after);
	expected_counts(DEMO_SEED_DEFAULT, 0, 10, &want);
	assert_int_equal(after.orgs, before.orgs);
	assert_int_equal(after.users, before.users);
	assert_int_equal(after.cases, before.cases + 10);
	assert_int_equal(after.persons, before.persons + want.persons);
	/* no new users, so no password to show */
	assert_null(strstr(f->out_buf, "Gedeeld demowachtwoord"));
	assert_non_null(strstr(f->out_buf, "bestonden al"));
	assert_non_null(strstr(f->out_buf, "bestond al, niet gewijzigd"));
}

static int
cmp_str(const void *a, const void *b)
{
	return strcmp(*(char *const *)a, *(char *const *)b);
}

/* Names of the persons of case `ref`, sorted, joined by '|'. */
static void
case_people(struct store *st, const char *ref, char *out, size_t n)
{
	struct arena a;
	struct ct_case c;
	struct person *pp;
	size_t np, i, used = 0;
	const char *names[DEMO_PERSONS_MAX];
	char *full[DEMO_PERSONS_MAX];
	struct ct_error err;

	arena_init(&a, ARENA_MAX_DEFAULT);
	assert_int_equal(store_case_get(st, ref, &a, &c, &err), CT_OK);
	assert_int_equal(store_person_list(st, c.id, &a, &pp, &np, &err),
			 CT_OK);
	assert_in_range(np, 2, DEMO_PERSONS_MAX);
	for (i = 0; i < np; i++) {
		size_t len = strlen(pp[i].given_name) +
			     strlen(pp[i].family_name) + 2;

		full[i] = arena_alloc(&a, len);
		snprintf(full[i], len, "%s %s", pp[i].given_name,
			 pp[i].family_name);
		names[i] = full[i];
	}
	qsort(names, np, sizeof(names[0]), cmp_str);
	out[0] = '\0';
	for (i = 0; i < np; i++)
		used += (size_t)snprintf(out + used, n - used, "%s|",
					 names[i]);
	assert_true(used < n);
	arena_release(&a);
}

static void
test_same_seed_same_content(void **state)
{
	struct fixture *f = *state;
	char *argv[] = { "demo", "--cases", "25", "--seed", "99", NULL };
	const struct demo_region *regions;
	int seen[16] = { 0 };
	struct demo_case *dc = malloc(sizeof(*dc));
	struct ct_date today;
	struct arena ar;
	char a[1024], b[1024], ref[CT_REFERENCE_SIZE];
	size_t i, n_regions, compared = 0;

	assert_non_null(dc);
	regions = demo_regions(&n_regions);
	assert_true(n_regions <= 16);
	assert_int_equal(run_demo(f, 0, 5, argv), CLI_EXIT_OK);
	assert_int_equal(run_demo(f, 1, 5, argv), CLI_EXIT_OK);
	/* the first case of each region that the 25 cases touch */
	ct_local_date(CT_ZONE_AMSTERDAM, FIXED_NOW, &today);
	arena_init(&ar, ARENA_MAX_DEFAULT);
	for (i = 0; i < 25; i++) {
		demo_case_generate(99, i, &today, &ar, dc);
		seen[dc->region] = 1;
		arena_release(&ar);
	}
	free(dc);
	for (i = 0; i < n_regions; i++) {
		if (!seen[i])
			continue;
		snprintf(ref, sizeof(ref), "%s-2026-00001", regions[i].code);
		case_people(f->st[0], ref, a, sizeof(a));
		case_people(f->st[1], ref, b, sizeof(b));
		assert_string_equal(a, b);
		compared++;
	}
	assert_true(compared >= 3);
}

static void
test_refused_input_writes_nothing(void **state)
{
	struct fixture *f = *state;
	char *zero[] = { "demo", "--cases", "0", NULL };
	char *word[] = { "demo", "--cases", "veel", NULL };
	char *neg[] = { "demo", "--seed", "-1", NULL };
	char *bogus[] = { "demo", "--bogus", NULL };
	char *extra[] = { "demo", "extra", NULL };
	struct store_counts c;

	assert_int_equal(run_demo(f, 0, 3, zero), CLI_EXIT_FAIL);
	assert_non_null(strstr(f->err_buf, "--cases"));
	assert_int_equal(run_demo(f, 0, 3, word), CLI_EXIT_FAIL);
	assert_int_equal(run_demo(f, 0, 3, neg), CLI_EXIT_FAIL);
	assert_non_null(strstr(f->err_buf, "--seed"));
	assert_int_equal(run_demo(f, 0, 2, bogus), CLI_EXIT_USAGE);
	assert_int_equal(run_demo(f, 0, 2, extra), CLI_EXIT_USAGE);
	get_counts(f->st[0], &c);
	assert_int_equal(c.orgs + c.users + c.cases + c.journal, 0);
}

static void
test_help_needs_no_database(void **state)
{
	struct fixture *f = *state;
	char *argv[] = { "demo", "--help", NULL };

	assert_int_equal(run_demo(f, -1, 2, argv), CLI_EXIT_OK);
	assert_non_null(strstr(f->out_buf, "--cases"));
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test_setup_teardown(
			test_fills_database_and_journal_verifies, setup,
			teardown),
		cmocka_unit_test_setup_teardown(test_orders_exist_and_replay,
						setup, teardown),
		cmocka_unit_test_setup_teardown(test_rerun_reuses_cast, setup,
						teardown),
		cmocka_unit_test_setup_teardown(test_same_seed_same_content,
						setup, teardown),
		cmocka_unit_test_setup_teardown(
			test_refused_input_writes_nothing, setup, teardown),
		cmocka_unit_test_setup_teardown(test_help_needs_no_database,
						setup, teardown),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
