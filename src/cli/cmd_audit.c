/*
 * cmd_audit.c - `casustafel audit verify`: walk both hash chains, the
 * journal's and the access log's.
 *
 * The database is opened read-only (CLI_DB_READONLY), so verifying never
 * changes what it verifies. A broken chain names the first bad entry and
 * exits 1, so scripts and monitoring can act on the status alone. Both
 * chains are always checked, so one report shows every damage. The JSON
 * keeps the journal's figures at the top (as before the access log
 * existed) and gives each chain its own object as well.
 */
#include "cli/cli.h"

#include <string.h>

#include "store/access_log.h"
#include "util/banned.h"

/* The first schema that has the access log (migration 0002). */
#define AUDIT_ACCESS_LOG_SCHEMA 2

static const char audit_verify_help[] =
	"Gebruik: casustafel audit verify [--json]\n"
	"\n"
	"Loopt de hashketens van het journaal en van het toegangslogboek na\n"
	"vanaf het eerste item en toont per keten het aantal items, de\n"
	"gehashte megabytes en de laatste hash; of het eerste item dat niet\n"
	"klopt (afsluitstatus 1).\n"
	"\n"
	"Opties:\n"
	"  --json   als één JSON-document\n"
	"  --help   deze hulp\n";

static void
audit_progress(int64_t done, void *arg)
{
	struct cli_ctx *ctx = arg;

	fprintf(ctx->err, "... %lld items gecontroleerd\n", (long long)done);
}

/* One chain's outcome. */
struct audit_chain {
	const char *name;  /* "journaal", "toegangslogboek" */
	const char *title; /* "Journaal", "Toegangslogboek" */
	const char *item;  /* "journaalitem", "toegangslogboekregel" */
	int present;	   /* 0: the schema has no such chain yet */
	enum ct_err rc;	   /* CT_OK or CT_ERR_TAMPERED */
	struct store_verify_result res;
};

static json_t *
chain_json(const struct audit_chain *c)
{
	json_t *j = json_pack(
		"{s:b, s:b, s:I, s:I, s:s}", "present", c->present, "ok",
		c->rc == CT_OK, "entries", (json_int_t)c->res.entries, "bytes",
		(json_int_t)c->res.bytes, "head_hash", c->res.head_hash);

	if (c->rc == CT_ERR_TAMPERED) {
		json_object_set_new(j, "first_broken",
				    json_integer(c->res.first_broken));
		json_object_set_new(j, "reason", json_string(c->res.reason));
	}
	return j;
}

static void
chain_text(struct cli_ctx *ctx, const struct audit_chain *c)
{
	if (!c->present) {
		fprintf(ctx->out,
			"%s: nog niet aanwezig (database van vóór schema %d)\n",
			c->title, AUDIT_ACCESS_LOG_SCHEMA);
		return;
	}
	if (c->rc == CT_ERR_TAMPERED) {
		fprintf(ctx->err,
			"fout: %s %lld klopt niet: %s\n"
			"%lld items gecontroleerd; laatste goede hash %s\n",
			c->item, (long long)c->res.first_broken, c->res.reason,
			(long long)c->res.entries,
			c->res.head_hash[0] ? c->res.head_hash : "(geen)");
		return;
	}
	fprintf(ctx->out,
		"%s klopt: %lld items, %.2f MB gehasht\n"
		"Laatste hash: %s\n",
		c->title, (long long)c->res.entries,
		(double)c->res.bytes / (1024.0 * 1024.0),
		c->res.head_hash[0] ? c->res.head_hash : "(leeg)");
}

static int
audit_verify(struct cli_ctx *ctx, int argc, char **argv)
{
	int json = 0;
	const struct cli_opt opts[] = {
		{"json", NULL, &json, 0},
		{NULL, NULL, NULL, 0},
	};
	const struct cli_spec spec = {"audit verify", audit_verify_help, opts,
				      0, 0};
	struct audit_chain journal = {"journaal", "Journaal", "journaalitem",
				      1,	  CT_OK,      {0}};
	struct audit_chain access = {"toegangslogboek",
				     "Toegangslogboek",
				     "toegangslogboekregel",
				     1,
				     CT_OK,
				     {0}};
	struct ct_error err;
	const char *args[1];
	size_t nargs;
	json_t *j;
	int status;

	status = cli_opt_parse(ctx, &spec, argc, argv, args, &nargs);
	if (status != CLI_CONTINUE)
		return status;
	ct_error_clear(&err);
	journal.rc =
		store_journal_verify(ctx->store, &journal.res,
				     json ? NULL : audit_progress, ctx, &err);
	if (journal.rc && journal.rc != CT_ERR_TAMPERED)
		return cli_out_error(ctx, journal.rc, &err);
	access.present =
		store_schema_version(ctx->store) >= AUDIT_ACCESS_LOG_SCHEMA;
	if (access.present) {
		access.rc = store_access_log_verify(
			ctx->store, &access.res, json ? NULL : audit_progress,
			ctx, &err);
		if (access.rc && access.rc != CT_ERR_TAMPERED)
			return cli_out_error(ctx, access.rc, &err);
	}
	status = journal.rc || access.rc ? CLI_EXIT_FAIL : CLI_EXIT_OK;
	if (json) {
		/* The journal's figures stay at the top, as before. */
		j = chain_json(&journal);
		json_object_del(j, "present");
		json_object_set_new(j, "ok",
				    json_boolean(status == CLI_EXIT_OK));
		json_object_set_new(j, "journal", chain_json(&journal));
		json_object_set_new(j, "access_log", chain_json(&access));
		return cli_out_json(ctx, j) ? CLI_EXIT_FAIL : status;
	}
	chain_text(ctx, &journal);
	chain_text(ctx, &access);
	return status;
}

int
cmd_audit(struct cli_ctx *ctx, int argc, char **argv)
{
	static const struct cli_sub subs[] = {
		{"verify", audit_verify, "controleer beide hashketens"},
		{NULL, NULL, NULL},
	};

	return cli_opt_dispatch(
		ctx, "audit",
		"Het journaal en het toegangslogboek controleren.", subs, argc,
		argv);
}
