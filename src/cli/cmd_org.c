/*
 * cmd_org.c - `casustafel org add|list`: the organisations at the table.
 *
 * Input is checked with the vocabularies and core/validate.h before the
 * store is asked to write, so a refused `org add` writes nothing.
 */
#include "cli/cli.h"

#include <string.h>

#include "core/model_json.h"
#include "core/validate.h"
#include "util/banned.h"

static const char org_add_help[] =
	"Gebruik: casustafel org add --name NAAM --type TYPE --country NL|BE\n"
	"                            [--email ADRES]\n"
	"\n"
	"Voegt een organisatie toe.\n"
	"\n"
	"Opties:\n"
	"  --name NAAM        naam (uniek)\n"
	"  --type TYPE        soort: police, prosecutor, municipality,\n"
	"                     veilig_thuis, veilig_huis, caw, ggz, ...\n"
	"  --country NL|BE    land\n"
	"  --email ADRES      functionele mailbox (optioneel)\n"
	"  --json             toon de organisatie als JSON\n"
	"  --help             deze hulp\n";

static const char org_list_help[] = "Gebruik: casustafel org list [--json]\n"
				    "\n"
				    "Toont alle organisaties.\n"
				    "\n"
				    "Opties:\n"
				    "  --json   als één JSON-document\n"
				    "  --help   deze hulp\n";

static int
org_add(struct cli_ctx *ctx, int argc, char **argv)
{
	const char *name = NULL, *type = NULL, *country = NULL, *email = NULL;
	int json = 0;
	const struct cli_opt opts[] = {
		{"name", &name, NULL, 1},	{"type", &type, NULL, 1},
		{"country", &country, NULL, 1}, {"email", &email, NULL, 0},
		{"json", NULL, &json, 0},	{NULL, NULL, NULL, 0},
	};
	const struct cli_spec spec = {"org add", org_add_help, opts, 0, 0};
	struct ct_problems problems;
	struct ct_error err;
	struct org o;
	const char *args[1];
	size_t nargs;
	int status, type_idx, country_idx;
	enum ct_err rc;

	status = cli_opt_parse(ctx, &spec, argc, argv, args, &nargs);
	if (status != CLI_CONTINUE)
		return status;
	if (cli_opt_vocab(ctx, "--type", &vocab_org_type, type, &type_idx) ||
	    cli_opt_vocab(ctx, "--country", &vocab_country, country,
			  &country_idx))
		return CLI_EXIT_FAIL;
	memset(&o, 0, sizeof(o));
	o.name = name;
	o.type = (enum org_type)type_idx;
	o.country = (enum ct_country)country_idx;
	o.email = email;
	ct_problems_init(&problems);
	if (org_validate(&o, &problems))
		return cli_out_problems(ctx, &problems);

	ct_error_clear(&err);
	rc = store_org_create(ctx->store, &ctx->actor, &o, &err);
	if (rc)
		return cli_out_error(ctx, rc, &err);
	if (json)
		return cli_out_json(ctx, org_to_json(&o));
	fprintf(ctx->out, "Organisatie toegevoegd: %s, id %s\n", o.name, o.id);
	return CLI_EXIT_OK;
}

static int
org_list(struct cli_ctx *ctx, int argc, char **argv)
{
	int json = 0;
	const struct cli_opt opts[] = {
		{"json", NULL, &json, 0},
		{NULL, NULL, NULL, 0},
	};
	const struct cli_spec spec = {"org list", org_list_help, opts, 0, 0};
	struct ct_error err;
	struct arena a;
	struct org *orgs = NULL;
	const char *args[1];
	size_t n = 0, i, nargs;
	json_t *list;
	int status;
	enum ct_err rc;

	status = cli_opt_parse(ctx, &spec, argc, argv, args, &nargs);
	if (status != CLI_CONTINUE)
		return status;
	arena_init(&a, ARENA_MAX_DEFAULT);
	ct_error_clear(&err);
	rc = store_org_list(ctx->store, &a, &orgs, &n, &err);
	if (rc) {
		status = cli_out_error(ctx, rc, &err);
		goto out;
	}
	if (json) {
		list = json_array();
		for (i = 0; i < n; i++)
			json_array_append_new(list, org_to_json(&orgs[i]));
		status = cli_out_json(ctx,
				      json_pack("{s:o, s:I}", "organisations",
						list, "count", (json_int_t)n));
		goto out;
	}
	for (i = 0; i < n; i++)
		fprintf(ctx->out, "%s  %-2s  %-16s  %s\n", orgs[i].id,
			vocab_code(&vocab_country, orgs[i].country),
			vocab_code(&vocab_org_type, orgs[i].type),
			orgs[i].name);
	fprintf(ctx->out, "%zu %s\n", n,
		n == 1 ? "organisatie" : "organisaties");
	status = CLI_EXIT_OK;
out:
	arena_release(&a);
	return status;
}

int
cmd_org(struct cli_ctx *ctx, int argc, char **argv)
{
	static const struct cli_sub subs[] = {
		{"add", org_add, "voeg een organisatie toe"},
		{"list", org_list, "toon alle organisaties"},
		{NULL, NULL, NULL},
	};

	return cli_opt_dispatch(ctx, "org", "Organisaties beheren.", subs, argc,
				argv);
}
