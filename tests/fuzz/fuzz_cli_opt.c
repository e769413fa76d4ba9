/*
 * fuzz_cli_opt.c - cli/cli.h's option parser and value checks.
 *
 * Input: the arguments, separated by NUL bytes; argv[0] is the command's
 * own name. Output and messages go to memory streams. Two specs: one with
 * value options, a flag and up to two arguments; one with a required
 * option and exactly one argument.
 *
 * Contract checked (cli.h): cli_opt_parse returns 0 only when "--help" or
 * "-h" comes before "--", having printed exactly the help; 2 with a
 * "fout: " message and the hint, nothing on stdout; CLI_CONTINUE silently,
 * with the argument count within the spec, every argument and value taken
 * from argv (a value after '=' from inside its own argument), required
 * options present. The value checks (cli_opt_vocab, _mask, _date, _size)
 * either accept a value that is valid by the module that owns it, or
 * print one "fout: " message.
 */
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "cli/cli.h"
#include "core/vocab.h"
#include "fuzz.h"
#include "util/civtime.h"
#include "util/banned.h"

#define FUZZ_ARGS_MAX 64

static const char help_text[] = "Gebruik: casustafel fuzz ding [OPTIES]\n";
static const char hint[] = "Zie 'casustafel fuzz ding --help'.\n";

struct output {
	FILE *f;
	char *buf;
	size_t len;
};

static void
output_open(struct output *o)
{
	o->buf = NULL;
	o->len = 0;
	o->f = open_memstream(&o->buf, &o->len);
	FUZZ_CHECK(o->f != NULL);
}

static void
output_close(struct output *o)
{
	FUZZ_CHECK(fclose(o->f) == 0);
	free(o->buf);
}

static void
output_flush(struct output *o)
{
	FUZZ_CHECK(fflush(o->f) == 0);
}

static int
wants_help(int argc, char **argv)
{
	int i;

	for (i = 1; i < argc; i++) {
		if (strcmp(argv[i], "--") == 0)
			return 0;
		if (strcmp(argv[i], "--help") == 0 ||
		    strcmp(argv[i], "-h") == 0)
			return 1;
	}
	return 0;
}

/* p is argv[j] itself, or (for --name=value) inside argv[j] after '='. */
static int
from_argv(const char *p, int argc, char **argv, int allow_inside)
{
	int j;

	for (j = 1; j < argc; j++) {
		size_t len = strlen(argv[j]);

		if (p == argv[j])
			return 1;
		if (allow_inside && p > argv[j] && p <= argv[j] + len &&
		    p[-1] == '=' && strncmp(argv[j], "--", 2) == 0)
			return 1;
	}
	return 0;
}

static void
check_values(struct cli_ctx *ctx, struct output *err, const char *type,
	     const char *roles, const char *date, const char *limit)
{
	struct ct_date d, want;
	uint32_t mask;
	size_t n;
	int code;

	if (type) {
		if (cli_opt_vocab(ctx, "--type", &vocab_org_type, type,
				  &code) == 0)
			FUZZ_CHECK(vocab_index(&vocab_org_type, type) == code &&
				   code >= 0);
		else
			FUZZ_CHECK(vocab_index(&vocab_org_type, type) < 0);
	}
	if (roles) {
		if (cli_opt_mask(ctx, "--roles", &vocab_person_role, roles,
				 &mask) == 0)
			FUZZ_CHECK(mask != 0 &&
				   (mask &
				    ~vocab_mask_all(&vocab_person_role)) == 0);
	}
	if (date) {
		if (cli_opt_date(ctx, "--date", date, &d) == 0)
			FUZZ_CHECK(ct_date_parse(date, &want) == CT_OK &&
				   ct_date_cmp(&d, &want) == 0);
		else
			FUZZ_CHECK(ct_date_parse(date, &want) != CT_OK);
	}
	if (limit) {
		if (cli_opt_size(ctx, "--limit", limit, 1, 1000, &n) == 0)
			FUZZ_CHECK(n >= 1 && n <= 1000);
	}
	/* Every refusal printed one line starting with "fout: ". */
	output_flush(err);
	FUZZ_CHECK(err->len == 0 || strncmp(err->buf, "fout: ", 6) == 0);
}

static void
run_spec(const struct cli_spec *spec, int argc, char **argv, const char **type,
	 const char **roles, const char **limit, const int *json)
{
	struct output out, err;
	struct cli_ctx ctx;
	const char *args[CLI_ARGS_MAX];
	size_t nargs = 99, i;
	const struct cli_opt *o;
	int rc;

	output_open(&out);
	output_open(&err);
	memset(&ctx, 0, sizeof(ctx));
	ctx.out = out.f;
	ctx.err = err.f;
	rc = cli_opt_parse(&ctx, spec, argc, argv, args, &nargs);
	output_flush(&out);
	output_flush(&err);
	FUZZ_CHECK(rc == CLI_EXIT_OK || rc == CLI_EXIT_USAGE ||
		   rc == CLI_CONTINUE);
	FUZZ_CHECK((rc == CLI_EXIT_OK) == wants_help(argc, argv));
	if (rc == CLI_EXIT_OK) {
		FUZZ_CHECK(strcmp(out.buf, help_text) == 0 && err.len == 0);
	} else if (rc == CLI_EXIT_USAGE) {
		FUZZ_CHECK(out.len == 0 && nargs == 0);
		FUZZ_CHECK(strncmp(err.buf, "fout: ", 6) == 0);
		FUZZ_CHECK(err.len > strlen(hint) &&
			   strcmp(err.buf + err.len - strlen(hint), hint) == 0);
	} else {
		FUZZ_CHECK(out.len == 0 && err.len == 0);
		FUZZ_CHECK(nargs >= spec->min_args && nargs <= spec->max_args);
		for (i = 0; i < nargs; i++)
			FUZZ_CHECK(from_argv(args[i], argc, argv, 0));
		for (o = spec->opts; o && o->name; o++) {
			if (o->value && *o->value)
				FUZZ_CHECK(from_argv(*o->value, argc, argv, 1));
			else if (o->value)
				FUZZ_CHECK(!o->required);
		}
		FUZZ_CHECK(*json == 0 || *json == 1);
		check_values(&ctx, &err, *type, *roles, nargs ? args[0] : NULL,
			     *limit);
	}
	output_close(&out);
	output_close(&err);
}

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	const char *type = NULL, *roles = NULL, *limit = NULL;
	const char *case_ref = NULL, *none = NULL;
	int json = 0, argc = 1, i;
	const struct cli_opt opts[] = {
		{.name = "type", .value = &type},
		{.name = "roles", .value = &roles},
		{.name = "limit", .value = &limit},
		{.name = "json", .flag = &json},
		{.name = NULL},
	};
	const struct cli_opt required_opts[] = {
		{.name = "case", .value = &case_ref, .required = 1},
		{.name = "json", .flag = &json},
		{.name = NULL},
	};
	const struct cli_spec spec = {
		.path = "fuzz ding",
		.help = help_text,
		.opts = opts,
		.min_args = 0,
		.max_args = 2,
	};
	const struct cli_spec strict = {
		.path = "fuzz ding",
		.help = help_text,
		.opts = required_opts,
		.min_args = 1,
		.max_args = 1,
	};
	char *argv[FUZZ_ARGS_MAX + 1];
	const uint8_t *rest;
	size_t head, rest_len;

	argv[0] = ct_strdup("ding");
	while (argc < FUZZ_ARGS_MAX && size > 0) {
		fuzz_split_nul(data, size, &head, &rest, &rest_len);
		argv[argc++] = fuzz_strndup(data, head);
		if (!rest)
			break;
		data = rest;
		size = rest_len;
	}
	argv[argc] = NULL;

	run_spec(&spec, argc, argv, &type, &roles, &limit, &json);
	json = 0;
	run_spec(&strict, argc, argv, &case_ref, &none, &none, &json);

	for (i = 0; i < argc; i++)
		free(argv[i]);
	return 0;
}
