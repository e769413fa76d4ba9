/*
 * cli_out.c - how the command line reports: "fout:" lines and JSON.
 *
 * Design: every failure a user sees goes through cli_out_error() or
 * cli_out_problems(), so the form is the same everywhere ("fout: ...",
 * one problem per line) and the exit status follows from it. JSON goes
 * out as one indented document with sorted keys, so scripts can parse it
 * and people can diff it.
 */
#include "cli/cli.h"

#include <stdlib.h>
#include <string.h>

#include "util/banned.h"

int
cli_out_error(struct cli_ctx *ctx, enum ct_err rc, const struct ct_error *err)
{
	if (err && err->message[0])
		fprintf(ctx->err, "fout: %s\n", err->message);
	else
		fprintf(ctx->err, "fout: %s\n", ct_strerror(rc));
	return CLI_EXIT_FAIL;
}

int
cli_out_problems(struct cli_ctx *ctx, const struct ct_problems *p)
{
	size_t i;

	for (i = 0; i < p->count; i++)
		fprintf(ctx->err, "fout: %s: %s\n", p->items[i].field,
			p->items[i].message);
	if (p->dropped)
		fprintf(ctx->err, "fout: en nog %zu andere problemen\n",
			p->dropped);
	return CLI_EXIT_FAIL;
}

int
cli_out_json(struct cli_ctx *ctx, json_t *j)
{
	int rc;

	rc = json_dumpf(j, ctx->out, JSON_INDENT(2) | JSON_SORT_KEYS);
	json_decref(j);
	if (rc != 0) {
		fprintf(ctx->err, "fout: JSON kan niet worden geschreven\n");
		return CLI_EXIT_FAIL;
	}
	fputc('\n', ctx->out);
	return CLI_EXIT_OK;
}

/* Set key to s, or leave it out when s is NULL (model_json's rule). */
static void
cli_out_set_str(json_t *o, const char *key, const char *s)
{
	if (s)
		json_object_set_new(o, key, json_string(s));
}

/* A stored JSON image: parsed when it parses, else kept as text. */
static void
cli_out_set_image(json_t *o, const char *key, const char *text)
{
	json_t *j;

	if (!text)
		return;
	j = json_loads(text, JSON_DECODE_ANY, NULL);
	json_object_set_new(o, key, j ? j : json_string(text));
}

json_t *
cli_out_journal_json(const struct journal_entry *e)
{
	char at[CT_ISO_SIZE];
	json_t *o = json_object();

	ct_instant_format_utc(e->at, at);
	json_object_set_new(o, "seq", json_integer(e->seq));
	json_object_set_new(o, "id", json_string(e->id));
	json_object_set_new(o, "at", json_string(at));
	cli_out_set_str(o, "actor_user_id", e->actor_user_id);
	cli_out_set_str(o, "actor_org_id", e->actor_org_id);
	cli_out_set_str(o, "actor_label", e->actor_label);
	cli_out_set_str(o, "case_id", e->case_id);
	cli_out_set_str(o, "action", e->action);
	cli_out_set_str(o, "entity", e->entity);
	cli_out_set_str(o, "entity_id", e->entity_id);
	cli_out_set_image(o, "before", e->before_json);
	cli_out_set_image(o, "after", e->after_json);
	json_object_set_new(o, "prev_hash", json_string(e->prev_hash));
	json_object_set_new(o, "hash", json_string(e->hash));
	return o;
}

void
cli_out_time(enum ct_country c, int64_t t, char out[CT_ISO_SIZE])
{
	ct_instant_format_local(ct_country_zone(c), t, out);
}
