/*
 * cmd_table.c - the one table of commands (after git's `commands[]`).
 *
 * The flags say what main must set up before the command runs, so that
 * opening the database and its error messages live in one place. Adding a
 * command is one line here and one cmd_<name>.c.
 */
#include "cli/cli.h"

#include <string.h>

#include "util/banned.h"

const struct cli_cmd cli_commands[] = {
	{"init", cmd_init, CLI_NEEDS_DB | CLI_CREATES_DB | CLI_DB_DEFERRED,
	 "maak een nieuwe database met een eerste organisatie en beheerder"},
	{"migrate", cmd_migrate, CLI_NEEDS_DB | CLI_DB_NO_MIGRATE,
	 "werk het databaseschema bij naar deze versie"},
	{"org", cmd_org, CLI_NEEDS_DB, "organisaties toevoegen en tonen"},
	{"user", cmd_user, CLI_NEEDS_DB, "gebruikers toevoegen en tonen"},
	{"case", cmd_case, CLI_NEEDS_DB,
	 "dossiers aanmaken, tonen en aanvullen"},
	{"audit", cmd_audit, CLI_NEEDS_DB | CLI_DB_READONLY,
	 "controleer de hashketen van het journaal"},
	{"demo", cmd_demo, CLI_NEEDS_DB | CLI_CREATES_DB,
	 "vul de database met fictieve demonstratiegegevens"},
	/* serve opens its own store per server thread (http/app.h). */
	{"serve", cmd_serve, 0, "start de server (JSON-API op /api/v1)"},
	{"instrument", cmd_instrument, 0,
	 "risicotaxatie-instrumenten tonen en controleren"},
	{"document", cmd_document, 0,
	 "maak een beschikking, verlenging of brief als PDF of HTML"},
	{NULL, NULL, 0, NULL},
};

const struct cli_cmd *
cli_find_command(const char *name)
{
	const struct cli_cmd *c;

	for (c = cli_commands; c->name; c++)
		if (strcmp(c->name, name) == 0)
			return c;
	return NULL;
}
