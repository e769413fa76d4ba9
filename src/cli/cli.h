/*
 * cli.h - the command table and what every subcommand receives.
 *
 * One file per subcommand, cmd_<name>.c, with an entry point
 *   int cmd_<name>(struct cli_ctx *ctx, int argc, char **argv);
 * registered in cmd_table.c with capability flags, so that main() does the
 * shared set-up once (configuration, opening the database, the actor).
 * argv[0] is the subcommand's name. A command writes its normal output to
 * ctx->out and messages to ctx->err (tests pass memory streams), and
 * returns an exit status: 0 success, 1 refused input or failed operation,
 * 2 usage error.
 *
 * --help: when the command's arguments contain "--help" (before "--"),
 * main does NOT open the database and ctx->store is NULL; every command
 * must therefore parse its options (cli_opt_parse prints the help) before
 * it touches ctx->store.
 *
 * A refused command writes nothing: commands parse and validate all their
 * input (cli_opt_*, core/validate.h) before the first store_* mutation.
 */
#ifndef CT_CLI_CLI_H
#define CT_CLI_CLI_H

#include <stddef.h>
#include <stdint.h>
#include <stdio.h>

#include <jansson.h>

#include "core/vocab.h"
#include "store/store.h"
#include "util/civtime.h"
#include "util/err.h"

enum cli_cmd_flags {
	CLI_NEEDS_DB = 1 << 0,	    /* main opens ctx->store before calling */
	CLI_CREATES_DB = 1 << 1,    /* open with STORE_OPEN_CREATE */
	CLI_DB_READONLY = 1 << 2,   /* open with STORE_OPEN_READONLY */
	CLI_DB_NO_MIGRATE = 1 << 3, /* open with STORE_OPEN_NO_MIGRATE */
	/*
	 * The command opens the database itself with cli_main_open_store()
	 * once its input is valid, so a refused `init` creates no file. main
	 * still prepares the default directory when CLI_CREATES_DB is set.
	 */
	CLI_DB_DEFERRED = 1 << 4,
};

enum cli_exit {
	CLI_EXIT_OK = 0,
	CLI_EXIT_FAIL = 1,  /* refused input, failed operation */
	CLI_EXIT_USAGE = 2, /* unknown option, missing value, ... */
};

/* Returned by cli_opt_parse() when the command should go on. */
#define CLI_CONTINUE (-1)

struct config;

struct cli_ctx {
	FILE *out;
	FILE *err;
	const char *db_path; /* from config / environment / --db */
	/* The resolved configuration (util/config.h); NULL in tests that
	 * build a ctx by hand: commands then use the defaults. */
	const struct config *config;
	struct store *store; /* set when the command has CLI_NEEDS_DB */
	struct store_actor actor;
};

struct cli_cmd {
	const char *name;
	int (*fn)(struct cli_ctx *ctx, int argc, char **argv);
	unsigned flags;
	const char *summary; /* one line, Dutch, for `casustafel --help` */
};

/* The table, terminated by an entry with name NULL. */
extern const struct cli_cmd cli_commands[];
const struct cli_cmd *cli_find_command(const char *name);

/* ---- the commands (cmd_<name>.c) ---- */
int cmd_init(struct cli_ctx *ctx, int argc, char **argv);
int cmd_migrate(struct cli_ctx *ctx, int argc, char **argv);
int cmd_org(struct cli_ctx *ctx, int argc, char **argv);
int cmd_user(struct cli_ctx *ctx, int argc, char **argv);
int cmd_case(struct cli_ctx *ctx, int argc, char **argv);
int cmd_audit(struct cli_ctx *ctx, int argc, char **argv);
int cmd_demo(struct cli_ctx *ctx, int argc, char **argv);
int cmd_serve(struct cli_ctx *ctx, int argc, char **argv);
int cmd_instrument(struct cli_ctx *ctx, int argc, char **argv);

/*
 * cmd_instrument.c: load every *.json of cfg->instruments_dir (cfg NULL:
 * the default) into set. Problems are printed to ctx->err; returns 0, or
 * 1 with set released. A missing default directory is a warning.
 */
struct instrument_set;
int cli_instruments_load(struct cli_ctx *ctx, const struct config *cfg,
			 struct instrument_set *set);
int cmd_document(struct cli_ctx *ctx, int argc, char **argv);

/* ---- cli_main.c: the shared set-up ---- */
/*
 * The whole program: global options (--config FILE, --db PATH, --help,
 * --version), configuration (util/config.h, envp as in environ), the
 * actor "cli:<login name>", opening the store per the command's flags,
 * the command, closing. Returns the exit status.
 */
int cli_main(int argc, char **argv, char *const *envp, FILE *out, FILE *err);
/*
 * Open ctx->db_path into ctx->store with the open flags implied by
 * cmd_flags (CLI_CREATES_DB, CLI_DB_READONLY, CLI_DB_NO_MIGRATE). On
 * failure print "fout: ..." to ctx->err and return 1; else 0.
 */
int cli_main_open_store(struct cli_ctx *ctx, unsigned cmd_flags);

/* ---- cli_opt.c: options and their values ---- */
#define CLI_ARGS_MAX 8 /* positional arguments any command takes */

/* One long option, "--name VALUE", "--name=VALUE" or a flag "--name". */
struct cli_opt {
	const char *name;   /* without the dashes; NULL ends a table */
	const char **value; /* receives the value; NULL for a flag */
	int *flag;	    /* set to 1 when a flag is given */
	int required;	    /* missing is a usage error */
};

struct cli_spec {
	const char *path;	    /* "case add-person", for messages */
	const char *help;	    /* the full --help text, Dutch */
	const struct cli_opt *opts; /* may be NULL: no options */
	size_t min_args, max_args;  /* positional arguments */
};

/*
 * Parse argv[1..argc) (argv[0] is the command's own name). Options may
 * appear anywhere; "--" ends them. A value may not start with "--" (that
 * is taken as a forgotten value). Positional arguments go to args (room
 * for spec->max_args), their number to *nargs. Returns:
 *  0            "--help" was given: help printed to ctx->out;
 *  2            unknown option, missing value, option given twice,
 *               missing required option, too few or too many arguments:
 *               a message naming it printed to ctx->err;
 *  CLI_CONTINUE everything parsed.
 */
int cli_opt_parse(struct cli_ctx *ctx, const struct cli_spec *spec, int argc,
		  char **argv, const char **args, size_t *nargs);

/* A subcommand of a command with several ("org add", "org list"). */
struct cli_sub {
	const char *name; /* NULL ends a table */
	int (*fn)(struct cli_ctx *ctx, int argc, char **argv);
	const char *summary;
};

/*
 * argv[0] is the command, argv[1] the subcommand: call it with argv + 1.
 * "--help" lists the subcommands (0); none or an unknown one is a usage
 * error (2).
 */
int cli_opt_dispatch(struct cli_ctx *ctx, const char *cmd, const char *summary,
		     const struct cli_sub *subs, int argc, char **argv);

/*
 * Value checks. Each returns 0 and sets *out, or prints a message naming
 * `opt` (e.g. "--type") to ctx->err and returns 1 (refused input).
 */
int cli_opt_vocab(struct cli_ctx *ctx, const char *opt, const struct vocab *v,
		  const char *s, int *out);
/* Comma-separated codes ("victim,remaining"), at least one. */
int cli_opt_mask(struct cli_ctx *ctx, const char *opt, const struct vocab *v,
		 const char *s, uint32_t *out);
/* "YYYY-MM-DD", a real calendar date. */
int cli_opt_date(struct cli_ctx *ctx, const char *opt, const char *s,
		 struct ct_date *out);
/* A whole decimal number within [min, max]. */
int cli_opt_size(struct cli_ctx *ctx, const char *opt, const char *s,
		 size_t min, size_t max, size_t *out);

/* ---- cli_out.c: messages and JSON ---- */
/*
 * Print "fout: <message>" for a failed call (err->message, or
 * ct_strerror(rc) when empty) and return 1.
 */
int cli_out_error(struct cli_ctx *ctx, enum ct_err rc,
		  const struct ct_error *err);
/* One line "fout: <field>: <message>" per problem; returns 1. */
int cli_out_problems(struct cli_ctx *ctx, const struct ct_problems *p);
/*
 * Write j as one JSON document (indented, sorted keys) and a newline to
 * ctx->out; takes the reference (decrefs j). Returns 0, or 1 on failure.
 */
int cli_out_json(struct cli_ctx *ctx, json_t *j);
/* A journal entry as JSON (before/after images parsed when valid). */
json_t *cli_out_journal_json(const struct journal_entry *e);
/* A time for people: local time of the zone with offset. */
void cli_out_time(enum ct_country c, int64_t t, char out[CT_ISO_SIZE]);

#endif
