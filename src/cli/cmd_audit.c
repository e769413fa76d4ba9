/*
 * cmd_audit.c - `casustafel audit verify`: walk the journal's hash chain.
 *
 * The database is opened read-only (CLI_DB_READONLY), so verifying never
 * changes what it verifies. A broken chain names the first bad entry and
 * exits 1, so scripts and monitoring can act on the status alone.
 */
#include "cli/cli.h"

#include <string.h>

#include "util/banned.h"

static const char audit_verify_help[] =
	"Gebruik: casustafel audit verify [--json]\n"
	"\n"
	"Loopt de hashketen van het journaal na vanaf het eerste item en\n"
	"toont het aantal items, de gehashte megabytes en de laatste hash;\n"
	"of het eerste item dat niet klopt (afsluitstatus 1).\n"
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
	struct store_verify_result res;
	struct ct_error err;
	const char *args[1];
	size_t nargs;
	json_t *j;
	int status;
	enum ct_err rc;

	status = cli_opt_parse(ctx, &spec, argc, argv, args, &nargs);
	if (status != CLI_CONTINUE)
		return status;
	memset(&res, 0, sizeof(res));
	ct_error_clear(&err);
	rc = store_journal_verify(ctx->store, &res,
				  json ? NULL : audit_progress, ctx, &err);
	if (rc && rc != CT_ERR_TAMPERED)
		return cli_out_error(ctx, rc, &err);
	status = rc == CT_ERR_TAMPERED ? CLI_EXIT_FAIL : CLI_EXIT_OK;
	if (json) {
		j = json_pack("{s:b, s:I, s:I, s:s}", "ok", rc == CT_OK,
			      "entries", (json_int_t)res.entries, "bytes",
			      (json_int_t)res.bytes, "head_hash",
			      res.head_hash);
		if (rc == CT_ERR_TAMPERED) {
			json_object_set_new(j, "first_broken",
					    json_integer(res.first_broken));
			json_object_set_new(j, "reason",
					    json_string(res.reason));
		}
		return cli_out_json(ctx, j) ? CLI_EXIT_FAIL : status;
	}
	if (rc == CT_ERR_TAMPERED) {
		fprintf(ctx->err,
			"fout: journaalitem %lld klopt niet: %s\n"
			"%lld items gecontroleerd; laatste goede hash %s\n",
			(long long)res.first_broken, res.reason,
			(long long)res.entries,
			res.head_hash[0] ? res.head_hash : "(geen)");
		return status;
	}
	fprintf(ctx->out,
		"Journaal klopt: %lld items, %.2f MB gehasht\n"
		"Laatste hash: %s\n",
		(long long)res.entries, (double)res.bytes / (1024.0 * 1024.0),
		res.head_hash[0] ? res.head_hash : "(leeg journaal)");
	return status;
}

int
cmd_audit(struct cli_ctx *ctx, int argc, char **argv)
{
	static const struct cli_sub subs[] = {
		{"verify", audit_verify, "controleer de hashketen"},
		{NULL, NULL, NULL},
	};

	return cli_opt_dispatch(ctx, "audit", "Het journaal controleren.", subs,
				argc, argv);
}
