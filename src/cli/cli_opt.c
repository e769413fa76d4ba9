/*
 * cli_opt.c - the command line's option parser and value checks.
 *
 * Design: each command declares its options in a table (struct cli_opt)
 * and its positional arity in a struct cli_spec, and the parser does the
 * rest once: unknown options, missing values, repeated options, missing
 * required options and extra arguments are refused here with a message
 * naming the option, so a command body only sees input of the right
 * shape. getopt_long would do the splitting, but its global state, its
 * own English messages and its permutation of argv suit a table-driven
 * parser that tests call repeatedly less well; the whole parser is short.
 * Values are then checked by the cli_opt_* helpers, which list the
 * allowed codes when a code is wrong.
 */
#include "cli/cli.h"

#include <string.h>

#include "util/sbuf.h"
#include "util/strparse.h"
#include "util/banned.h"

static void
cli_opt_hint(struct cli_ctx *ctx, const struct cli_spec *spec)
{
	fprintf(ctx->err, "Zie 'casustafel %s --help'.\n", spec->path);
}

static const struct cli_opt *
cli_opt_find(const struct cli_opt *opts, const char *name, size_t len)
{
	for (; opts && opts->name; opts++)
		if (strlen(opts->name) == len &&
		    strncmp(opts->name, name, len) == 0)
			return opts;
	return NULL;
}

static int
cli_opt_usage(struct cli_ctx *ctx, const struct cli_spec *spec, const char *fmt,
	      const char *what)
{
	fputs("fout: ", ctx->err);
	fprintf(ctx->err, fmt, what);
	fputc('\n', ctx->err);
	cli_opt_hint(ctx, spec);
	return CLI_EXIT_USAGE;
}

/* Does any argument before "--" ask for help? */
static int
cli_opt_wants_help(int argc, char **argv)
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

int
cli_opt_parse(struct cli_ctx *ctx, const struct cli_spec *spec, int argc,
	      char **argv, const char **args, size_t *nargs)
{
	/* Which options were seen, to refuse repeats and find missing ones. */
	unsigned char seen[64] = {0};
	const struct cli_opt *o;
	const char *arg, *eq, *value;
	size_t n = 0, len, idx;
	int i, only_args = 0;
	char name[80];

	*nargs = 0;
	for (o = spec->opts; o && o->name; o++)
		CT_ASSERT((size_t)(o - spec->opts) < sizeof(seen));
	CT_ASSERT(spec->max_args <= CLI_ARGS_MAX);

	/* Help first, so that "--help" works even among wrong options. */
	if (cli_opt_wants_help(argc, argv)) {
		fputs(spec->help, ctx->out);
		return CLI_EXIT_OK;
	}

	for (i = 1; i < argc; i++) {
		arg = argv[i];
		if (only_args || arg[0] != '-' || strcmp(arg, "-") == 0) {
			if (n == spec->max_args)
				return cli_opt_usage(ctx, spec,
						     "onverwacht argument "
						     "'%s'",
						     arg);
			args[n++] = arg;
			continue;
		}
		if (strcmp(arg, "--") == 0) {
			only_args = 1;
			continue;
		}
		if (arg[1] != '-')
			return cli_opt_usage(ctx, spec,
					     "onbekende optie '%s' (opties "
					     "beginnen met --)",
					     arg);
		eq = strchr(arg + 2, '=');
		len = eq ? (size_t)(eq - (arg + 2)) : strlen(arg + 2);
		o = cli_opt_find(spec->opts, arg + 2, len);
		if (!o) {
			snprintf(name, sizeof(name), "--%.*s",
				 (int)(len < 60 ? len : 60), arg + 2);
			return cli_opt_usage(ctx, spec, "onbekende optie '%s'",
					     name);
		}
		idx = (size_t)(o - spec->opts);
		snprintf(name, sizeof(name), "--%s", o->name);
		if (seen[idx])
			return cli_opt_usage(ctx, spec,
					     "optie %s is twee keer gegeven",
					     name);
		seen[idx] = 1;
		if (!o->value) {
			if (eq)
				return cli_opt_usage(ctx, spec,
						     "optie %s neemt geen "
						     "waarde",
						     name);
			*o->flag = 1;
			continue;
		}
		if (eq) {
			value = eq + 1;
		} else {
			if (i + 1 >= argc || strncmp(argv[i + 1], "--", 2) == 0)
				return cli_opt_usage(ctx, spec,
						     "optie %s verwacht een "
						     "waarde",
						     name);
			value = argv[++i];
		}
		*o->value = value;
	}
	for (o = spec->opts; o && o->name; o++) {
		if (o->required && !seen[o - spec->opts]) {
			snprintf(name, sizeof(name), "--%s", o->name);
			return cli_opt_usage(ctx, spec,
					     "verplichte optie %s ontbreekt",
					     name);
		}
	}
	if (n < spec->min_args)
		return cli_opt_usage(ctx, spec, "%s", "te weinig argumenten");
	*nargs = n;
	return CLI_CONTINUE;
}

int
cli_opt_dispatch(struct cli_ctx *ctx, const char *cmd, const char *summary,
		 const struct cli_sub *subs, int argc, char **argv)
{
	const struct cli_sub *s;

	if (argc < 2 || strcmp(argv[1], "--help") == 0 ||
	    strcmp(argv[1], "-h") == 0) {
		FILE *f = argc < 2 ? ctx->err : ctx->out;

		if (argc < 2)
			fprintf(f,
				"fout: 'casustafel %s' verwacht een "
				"deelopdracht\n",
				cmd);
		fprintf(f, "Gebruik: casustafel %s DEELOPDRACHT [OPTIES]\n\n",
			cmd);
		fprintf(f, "%s\n\nDeelopdrachten:\n", summary);
		for (s = subs; s->name; s++)
			fprintf(f, "  %-14s %s\n", s->name, s->summary);
		fprintf(f, "\nZie 'casustafel %s DEELOPDRACHT --help'.\n", cmd);
		return argc < 2 ? CLI_EXIT_USAGE : CLI_EXIT_OK;
	}
	for (s = subs; s->name; s++)
		if (strcmp(argv[1], s->name) == 0)
			return s->fn(ctx, argc - 1, argv + 1);
	fprintf(ctx->err, "fout: onbekende deelopdracht '%s %s'\n", cmd,
		argv[1]);
	fprintf(ctx->err, "Zie 'casustafel %s --help'.\n", cmd);
	return CLI_EXIT_USAGE;
}

/* "a, b, c": every code of v, for messages. */
static void
cli_opt_codes(const struct vocab *v, struct sbuf *sb)
{
	unsigned i;

	for (i = 0; i < v->count; i++) {
		if (i)
			sbuf_addstr(sb, ", ");
		sbuf_addstr(sb, vocab_code(v, i));
	}
}

int
cli_opt_vocab(struct cli_ctx *ctx, const char *opt, const struct vocab *v,
	      const char *s, int *out)
{
	struct sbuf sb;
	int idx = vocab_index(v, s);

	if (idx >= 0) {
		*out = idx;
		return 0;
	}
	sbuf_init(&sb, SBUF_MAX_SMALL);
	cli_opt_codes(v, &sb);
	fprintf(ctx->err, "fout: %s: onbekende code '%s'; toegestaan: %s\n",
		opt, s, sb.buf);
	sbuf_release(&sb);
	return CLI_EXIT_FAIL;
}

int
cli_opt_mask(struct cli_ctx *ctx, const char *opt, const struct vocab *v,
	     const char *s, uint32_t *out)
{
	const char *bad = NULL;
	size_t bad_len = 0;
	uint32_t mask = 0;
	struct sbuf sb;

	if (vocab_mask_parse(v, s, &mask, &bad, &bad_len) == 0 && mask) {
		*out = mask;
		return 0;
	}
	sbuf_init(&sb, SBUF_MAX_SMALL);
	cli_opt_codes(v, &sb);
	if (bad && bad_len)
		fprintf(ctx->err,
			"fout: %s: onbekende code '%.*s'; toegestaan: %s\n",
			opt, (int)(bad_len > 60 ? 60 : bad_len), bad, sb.buf);
	else
		fprintf(ctx->err,
			"fout: %s: geef een of meer codes, gescheiden door "
			"komma's; toegestaan: %s\n",
			opt, sb.buf);
	sbuf_release(&sb);
	return CLI_EXIT_FAIL;
}

int
cli_opt_date(struct cli_ctx *ctx, const char *opt, const char *s,
	     struct ct_date *out)
{
	struct ct_date d;

	if (ct_date_parse(s, &d) == CT_OK) {
		*out = d;
		return 0;
	}
	fprintf(ctx->err,
		"fout: %s: '%s' is geen bestaande datum (verwacht "
		"JJJJ-MM-DD)\n",
		opt, s);
	return CLI_EXIT_FAIL;
}

int
cli_opt_size(struct cli_ctx *ctx, const char *opt, const char *s, size_t min,
	     size_t max, size_t *out)
{
	int64_t v;

	if (ct_parse_int(s, (int64_t)min, (int64_t)max, &v) == CT_OK) {
		*out = (size_t)v;
		return 0;
	}
	fprintf(ctx->err,
		"fout: %s: '%s' is geen getal van %zu tot en met "
		"%zu\n",
		opt, s, min, max);
	return CLI_EXIT_FAIL;
}
