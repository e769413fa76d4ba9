/*
 * cmd_migrate.c - `casustafel migrate`: apply pending schema migrations.
 *
 * main opens the database with STORE_OPEN_NO_MIGRATE, so that this
 * command, not the opening, applies the migrations and can say how many.
 */
#include "cli/cli.h"

#include "util/banned.h"

static const char migrate_help[] =
	"Gebruik: casustafel migrate\n"
	"\n"
	"Past de nog niet uitgevoerde migraties van het databaseschema toe\n"
	"en meldt hoeveel dat er waren, of dat de database al bij is.\n"
	"\n"
	"Opties:\n"
	"  --help   deze hulp\n";

int
cmd_migrate(struct cli_ctx *ctx, int argc, char **argv)
{
	static const struct cli_spec spec = {"migrate", migrate_help, NULL, 0,
					     0};
	struct ct_error err;
	const char *args[1];
	size_t nargs;
	int applied = 0, status;
	enum ct_err rc;

	status = cli_opt_parse(ctx, &spec, argc, argv, args, &nargs);
	if (status != CLI_CONTINUE)
		return status;
	ct_error_clear(&err);
	rc = store_migrate(ctx->store, &applied, &err);
	if (rc)
		return cli_out_error(ctx, rc, &err);
	if (applied == 0)
		fprintf(ctx->out, "Database is bij (schemaversie %d).\n",
			store_schema_version(ctx->store));
	else
		fprintf(ctx->out, "%d %s toegepast; schemaversie is nu %d.\n",
			applied, applied == 1 ? "migratie" : "migraties",
			store_schema_version(ctx->store));
	return CLI_EXIT_OK;
}
