/*
 * cli_main.c - the shared set-up of every command (after git's
 * run_builtin): global options, configuration, crypto, the actor, opening
 * the database as the command's flags ask, the command, closing.
 *
 * Design: main.c only calls cli_main() with the real streams and environ,
 * so the whole path, including configuration errors and the refusal of
 * unknown CASUSTAFEL_* variables, runs in unit tests with memory streams
 * and a made-up environment. Commands never open or close the store
 * themselves (except a CLI_DB_DEFERRED one through cli_main_open_store()),
 * so a failure to open is reported in one place and one form.
 */
#include "cli/cli.h"

#include <pwd.h>
#include <string.h>
#include <unistd.h>

#include "util/config.h"
#include "util/crypto.h"
#include "util/log.h"
#include "util/banned.h"

#define CLI_LOGIN_MAX 64

static void
cli_main_usage(FILE *f)
{
	const struct cli_cmd *c;

	fputs("Gebruik: casustafel [--config BESTAND] [--db PAD] OPDRACHT "
	      "[OPTIES]\n"
	      "\n"
	      "Casustafel: een beveiligd, gedeeld dossier voor de aanpak van\n"
	      "huiselijk geweld in Nederland en België.\n"
	      "\n"
	      "Opdrachten:\n",
	      f);
	for (c = cli_commands; c->name; c++)
		fprintf(f, "  %-10s %s\n", c->name, c->summary);
	fputs("\n"
	      "Algemene opties (voor de opdracht):\n"
	      "  --config BESTAND  configuratiebestand (ook: "
	      "CASUSTAFEL_CONFIG)\n"
	      "  --db PAD          database (ook: CASUSTAFEL_DATABASE;\n"
	      "                    standaard " CONFIG_DEFAULT_DATABASE ")\n"
	      "  --help            deze hulp\n"
	      "  --version         versie van het programma\n"
	      "\n"
	      "Zie 'casustafel OPDRACHT --help' voor de opties van een "
	      "opdracht.\n",
	      f);
}

/* "cli:<login name>", or "cli:onbekend" when the system cannot tell. */
static void
cli_main_actor_label(char *out, size_t n)
{
	const struct passwd *pw = getpwuid(geteuid());
	const char *name =
		pw && pw->pw_name && pw->pw_name[0] ? pw->pw_name : "onbekend";

	snprintf(out, n, "cli:%.*s", CLI_LOGIN_MAX, name);
}

int
cli_main_open_store(struct cli_ctx *ctx, unsigned cmd_flags)
{
	struct ct_error err;
	unsigned flags = 0;
	enum ct_err rc;

	ct_error_clear(&err);
	if (cmd_flags & CLI_CREATES_DB)
		flags |= STORE_OPEN_CREATE;
	if (cmd_flags & CLI_DB_READONLY)
		flags |= STORE_OPEN_READONLY;
	if (cmd_flags & CLI_DB_NO_MIGRATE)
		flags |= STORE_OPEN_NO_MIGRATE;
	rc = store_open(ctx->db_path, flags, &ctx->store, &err);
	if (rc == CT_ERR_NOTFOUND) {
		ctx->store = NULL;
		fprintf(ctx->err,
			"fout: database %s bestaat niet; maak er een met "
			"'casustafel init' of kies een andere met --db\n",
			ctx->db_path);
		return CLI_EXIT_FAIL;
	}
	if (rc) {
		ctx->store = NULL;
		return cli_out_error(ctx, rc, &err);
	}
	return CLI_EXIT_OK;
}

/* Same test as cli_opt_parse: is help asked for before "--"? */
static int
cli_main_wants_help(int argc, char **argv)
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

/*
 * Global options before the command: "--config FILE", "--db PATH" (also
 * with '='), "--help", "--version". Returns the index of the command, or
 * -1 after printing; *status is then the exit status.
 */
static int
cli_main_globals(int argc, char **argv, FILE *out, FILE *err,
		 const char **config_file, const char **db, int *status)
{
	const char *arg, *name, **target;
	size_t len;
	int i;

	for (i = 1; i < argc && argv[i][0] == '-'; i++) {
		arg = argv[i];
		if (strcmp(arg, "--help") == 0 || strcmp(arg, "-h") == 0) {
			cli_main_usage(out);
			*status = CLI_EXIT_OK;
			return -1;
		}
		if (strcmp(arg, "--version") == 0) {
			fputs("casustafel 0.1.0\n", out);
			*status = CLI_EXIT_OK;
			return -1;
		}
		if (strncmp(arg, "--config", 8) == 0 &&
		    (arg[8] == '\0' || arg[8] == '=')) {
			name = "--config";
			target = config_file;
			len = 8;
		} else if (strncmp(arg, "--db", 4) == 0 &&
			   (arg[4] == '\0' || arg[4] == '=')) {
			name = "--db";
			target = db;
			len = 4;
		} else {
			fprintf(err,
				"fout: onbekende algemene optie '%s'\n"
				"Zie 'casustafel --help'.\n",
				arg);
			*status = CLI_EXIT_USAGE;
			return -1;
		}
		if (*target) {
			fprintf(err, "fout: optie %s is twee keer gegeven\n",
				name);
			*status = CLI_EXIT_USAGE;
			return -1;
		}
		if (arg[len] == '=') {
			*target = arg + len + 1;
		} else if (i + 1 < argc && strncmp(argv[i + 1], "--", 2)) {
			*target = argv[++i];
		} else {
			fprintf(err, "fout: optie %s verwacht een waarde\n",
				name);
			*status = CLI_EXIT_USAGE;
			return -1;
		}
		if ((*target)[0] == '\0') {
			fprintf(err, "fout: optie %s: waarde is leeg\n", name);
			*status = CLI_EXIT_USAGE;
			return -1;
		}
	}
	if (i == argc) {
		fputs("fout: geef een opdracht\n", err);
		cli_main_usage(err);
		*status = CLI_EXIT_USAGE;
		return -1;
	}
	return i;
}

int
cli_main(int argc, char **argv, char *const *envp, FILE *out, FILE *err)
{
	const char *config_file = NULL, *db = NULL;
	char label[CLI_LOGIN_MAX + 8];
	const struct cli_cmd *cmd;
	struct cli_ctx ctx;
	struct config cfg;
	struct ct_error error;
	int first, status = CLI_EXIT_FAIL;
	enum ct_err rc;

	config_init(&cfg);
	first = cli_main_globals(argc, argv, out, err, &config_file, &db,
				 &status);
	if (first < 0)
		goto out;
	cmd = cli_find_command(argv[first]);
	if (!cmd) {
		fprintf(err,
			"fout: onbekende opdracht '%s'\n"
			"Zie 'casustafel --help'.\n",
			argv[first]);
		status = CLI_EXIT_USAGE;
		goto out;
	}

	ct_error_clear(&error);
	rc = config_resolve(&cfg, config_file, db, envp, &error);
	if (rc) {
		status = cli_out_error(&(struct cli_ctx){.err = err}, rc,
				       &error);
		goto out;
	}
	ct_log_set_level(cfg.log_level);
	if (ct_crypto_init()) {
		fputs("fout: de cryptografische bibliotheek start niet\n", err);
		status = CLI_EXIT_FAIL;
		goto out;
	}

	memset(&ctx, 0, sizeof(ctx));
	ctx.out = out;
	ctx.err = err;
	ctx.db_path = cfg.database;
	ctx.config = &cfg;
	cli_main_actor_label(label, sizeof(label));
	ctx.actor.label = label;

	if (!cli_main_wants_help(argc - first, argv + first)) {
		if (cmd->flags & CLI_CREATES_DB) {
			rc = config_prepare_database_dir(&cfg, &error);
			if (rc) {
				status = cli_out_error(&ctx, rc, &error);
				goto out;
			}
		}
		if ((cmd->flags & CLI_NEEDS_DB) &&
		    !(cmd->flags & CLI_DB_DEFERRED)) {
			status = cli_main_open_store(&ctx, cmd->flags);
			if (status)
				goto out;
		}
	}
	status = cmd->fn(&ctx, argc - first, argv + first);
	if (ctx.store)
		store_close(ctx.store);
out:
	fflush(out);
	fflush(err);
	config_release(&cfg);
	return status;
}
