#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>

#include "cli_test.h"

/* What the sample command below saw. */
static const char *seen_name, *seen_type, *seen_args[2];
static size_t seen_nargs;
static int seen_json;

static const char sample_help[] = "Gebruik: casustafel sample ...\n";

/* A command with a required --name, an optional --type, a flag --json and
 * one or two positional arguments. */
static int
sample_cmd(struct cli_ctx *ctx, int argc, char **argv)
{
	const struct cli_opt opts[] = {
		{"name", &seen_name, NULL, 1},
		{"type", &seen_type, NULL, 0},
		{"json", NULL, &seen_json, 0},
		{NULL, NULL, NULL, 0},
	};
	const struct cli_spec spec = {"sample", sample_help, opts, 1, 2};

	seen_name = seen_type = NULL;
	seen_args[0] = seen_args[1] = NULL;
	seen_nargs = 99;
	seen_json = 0;
	return cli_opt_parse(ctx, &spec, argc, argv, seen_args, &seen_nargs);
}

static void
test_parse_good(void **state)
{
	struct tctx t;

	(void)state;
	tctx_init(&t);
	assert_int_equal(tctx_run(&t, sample_cmd, "sample", "REF", "--name",
				  "Anna", "--type=police", "--json", "X", NULL),
			 CLI_CONTINUE);
	assert_string_equal(seen_name, "Anna");
	assert_string_equal(seen_type, "police");
	assert_int_equal(seen_json, 1);
	assert_int_equal(seen_nargs, 2);
	assert_string_equal(seen_args[0], "REF");
	assert_string_equal(seen_args[1], "X");
	assert_string_equal(t.err, "");
	tctx_release(&t);
}

static void
test_double_dash_ends_options(void **state)
{
	struct tctx t;

	(void)state;
	tctx_init(&t);
	assert_int_equal(tctx_run(&t, sample_cmd, "sample", "--name", "x", "--",
				  "--json", NULL),
			 CLI_CONTINUE);
	assert_int_equal(seen_json, 0);
	assert_string_equal(seen_args[0], "--json");
	tctx_release(&t);
}

static void
test_help(void **state)
{
	struct tctx t;

	(void)state;
	tctx_init(&t);
	/* Help wins over everything else, even an unknown option. */
	assert_int_equal(
		tctx_run(&t, sample_cmd, "sample", "--bogus", "--help", NULL),
		0);
	assert_string_equal(t.out, sample_help);
	assert_string_equal(t.err, "");
	tctx_release(&t);
}

static void
test_usage_errors_name_the_option(void **state)
{
	struct tctx t;

	(void)state;
	tctx_init(&t);
	assert_int_equal(tctx_run(&t, sample_cmd, "sample", "R", "--name", "x",
				  "--colour", "red", NULL),
			 2);
	assert_non_null(strstr(t.err, "fout: onbekende optie '--colour'"));
	assert_non_null(strstr(t.err, "casustafel sample --help"));

	assert_int_equal(
		tctx_run(&t, sample_cmd, "sample", "R", "--name", NULL), 2);
	assert_non_null(strstr(t.err, "--name verwacht een waarde"));

	/* A value that looks like the next option means one was forgotten. */
	assert_int_equal(tctx_run(&t, sample_cmd, "sample", "R", "--name",
				  "--json", NULL),
			 2);
	assert_non_null(strstr(t.err, "--name verwacht een waarde"));

	assert_int_equal(tctx_run(&t, sample_cmd, "sample", "R", "--name", "a",
				  "--name", "b", NULL),
			 2);
	assert_non_null(strstr(t.err, "--name is twee keer"));

	assert_int_equal(tctx_run(&t, sample_cmd, "sample", "R", NULL), 2);
	assert_non_null(strstr(t.err, "verplichte optie --name"));

	assert_int_equal(
		tctx_run(&t, sample_cmd, "sample", "--name", "a", NULL), 2);
	assert_non_null(strstr(t.err, "te weinig argumenten"));

	assert_int_equal(tctx_run(&t, sample_cmd, "sample", "A", "B", "C",
				  "--name", "a", NULL),
			 2);
	assert_non_null(strstr(t.err, "onverwacht argument 'C'"));

	assert_int_equal(tctx_run(&t, sample_cmd, "sample", "A", "--json=1",
				  "--name", "a", NULL),
			 2);
	assert_non_null(strstr(t.err, "--json neemt geen waarde"));

	assert_int_equal(
		tctx_run(&t, sample_cmd, "sample", "A", "-n", "a", NULL), 2);
	assert_non_null(strstr(t.err, "'-n'"));
	tctx_release(&t);
}

static int
sub_one(struct cli_ctx *ctx, int argc, char **argv)
{
	fprintf(ctx->out, "one %d %s\n", argc, argv[0]);
	return 0;
}

static int
dispatch_cmd(struct cli_ctx *ctx, int argc, char **argv)
{
	static const struct cli_sub subs[] = {
		{"one", sub_one, "de eerste"},
		{NULL, NULL, NULL},
	};

	return cli_opt_dispatch(ctx, "thing", "Dingen.", subs, argc, argv);
}

static void
test_dispatch(void **state)
{
	struct tctx t;

	(void)state;
	tctx_init(&t);
	assert_int_equal(tctx_run(&t, dispatch_cmd, "thing", "one", "x", NULL),
			 0);
	assert_string_equal(t.out, "one 2 one\n");

	assert_int_equal(tctx_run(&t, dispatch_cmd, "thing", "--help", NULL),
			 0);
	assert_non_null(strstr(t.out, "one"));
	assert_non_null(strstr(t.out, "de eerste"));

	assert_int_equal(tctx_run(&t, dispatch_cmd, "thing", NULL), 2);
	assert_non_null(strstr(t.err, "verwacht een deelopdracht"));

	assert_int_equal(tctx_run(&t, dispatch_cmd, "thing", "two", NULL), 2);
	assert_non_null(strstr(t.err, "onbekende deelopdracht 'thing two'"));
	tctx_release(&t);
}

/* Value checks, run inside a command so their messages are captured. */
static const char *check_kind, *check_value;

static int
check_cmd(struct cli_ctx *ctx, int argc, char **argv)
{
	struct ct_date d;
	uint32_t mask;
	size_t n;
	int idx, rc = 9;

	(void)argc;
	(void)argv;
	if (strcmp(check_kind, "vocab") == 0) {
		rc = cli_opt_vocab(ctx, "--type", &vocab_org_type, check_value,
				   &idx);
		if (!rc)
			fprintf(ctx->out, "%d", idx);
	} else if (strcmp(check_kind, "mask") == 0) {
		rc = cli_opt_mask(ctx, "--roles", &vocab_person_role,
				  check_value, &mask);
		if (!rc)
			fprintf(ctx->out, "%u", (unsigned)mask);
	} else if (strcmp(check_kind, "date") == 0) {
		rc = cli_opt_date(ctx, "--birth-date", check_value, &d);
		if (!rc)
			fprintf(ctx->out, "%d-%d-%d", d.year, d.month, d.day);
	} else if (strcmp(check_kind, "size") == 0) {
		rc = cli_opt_size(ctx, "--limit", check_value, 1, 1000, &n);
		if (!rc)
			fprintf(ctx->out, "%zu", n);
	}
	return rc;
}

static int
check(struct tctx *t, const char *kind, const char *value)
{
	check_kind = kind;
	check_value = value;
	return tctx_run(t, check_cmd, "check", NULL);
}

static void
test_value_checks(void **state)
{
	char expect[32];
	struct tctx t;

	(void)state;
	tctx_init(&t);
	assert_int_equal(check(&t, "vocab", "police"), 0);
	snprintf(expect, sizeof(expect), "%d", ORG_TYPE_POLICE);
	assert_string_equal(t.out, expect);
	assert_int_equal(check(&t, "vocab", "polis"), 1);
	assert_non_null(strstr(t.err, "fout: --type: onbekende code 'polis'"));
	/* The message lists the allowed codes. */
	assert_non_null(strstr(t.err, "police"));
	assert_non_null(strstr(t.err, "veilig_thuis"));

	assert_int_equal(check(&t, "mask", "victim,remaining"), 0);
	snprintf(expect, sizeof(expect), "%u",
		 (unsigned)(CT_BIT(PERSON_ROLE_VICTIM) |
			    CT_BIT(PERSON_ROLE_REMAINING)));
	assert_string_equal(t.out, expect);
	assert_int_equal(check(&t, "mask", "victim,villain"), 1);
	assert_non_null(strstr(t.err, "--roles"));
	assert_non_null(strstr(t.err, "'villain'"));
	assert_non_null(strstr(t.err, "perpetrator"));

	assert_int_equal(check(&t, "date", "2020-02-29"), 0);
	assert_string_equal(t.out, "2020-2-29");
	assert_int_equal(check(&t, "date", "2021-02-29"), 1);
	assert_non_null(strstr(t.err, "--birth-date"));
	assert_non_null(strstr(t.err, "2021-02-29"));

	assert_int_equal(check(&t, "size", "25"), 0);
	assert_string_equal(t.out, "25");
	assert_int_equal(check(&t, "size", "0"), 1);
	assert_non_null(strstr(t.err, "--limit"));
	assert_int_equal(check(&t, "size", "12x"), 1);
	tctx_release(&t);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_parse_good),
		cmocka_unit_test(test_double_dash_ends_options),
		cmocka_unit_test(test_help),
		cmocka_unit_test(test_usage_errors_name_the_option),
		cmocka_unit_test(test_dispatch),
		cmocka_unit_test(test_value_checks),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
