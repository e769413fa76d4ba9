/*
 * cmd_instrument.c - `casustafel instrument list|show|check`, and the
 * loading of the instruments directory that `serve` shares.
 *
 * Instruments are data a region may replace (core/instrument.h). The
 * directory is the config key instruments_dir (util/config.h; default
 * data/instruments relative to the working directory); every *.json in
 * it is loaded, in name order so that messages come out the same way
 * each time. A broken file stops `serve` from starting: running with a
 * region's instrument silently missing would be worse than not running.
 * `check FILE` validates a replacement before it is put in place and
 * lists every problem with its JSON path.
 */
#include "cli/cli.h"

#include <dirent.h>
#include <errno.h>
#include <stdlib.h>
#include <string.h>

#include "core/instrument.h"
#include "util/config.h"
#include "util/banned.h"

#define INSTRUMENT_FILES_MAX 64

static const char instrument_list_help[] =
	"Gebruik: casustafel instrument list [--json]\n"
	"\n"
	"Toont de geladen instrumenten: id, versie en titel.\n";

static const char instrument_show_help[] =
	"Gebruik: casustafel instrument show ID\n"
	"\n"
	"Toont het instrument ID volledig, als JSON.\n";

static const char instrument_check_help[] =
	"Gebruik: casustafel instrument check BESTAND\n"
	"\n"
	"Controleert een vervangend instrumentbestand van de regio voordat\n"
	"het in instruments_dir wordt gezet, en noemt elk probleem met zijn\n"
	"plaats in het bestand.\n";

/* Read at most INSTRUMENT_FILE_MAX bytes of path; NULL and a message. */
static char *
read_file(struct cli_ctx *ctx, const char *path, size_t *len)
{
	char *buf = malloc(INSTRUMENT_FILE_MAX + 1);
	FILE *f;

	if (!buf)
		CT_BUG("out of memory");
	f = fopen(path, "rb");
	if (!f) {
		fprintf(ctx->err, "fout: %s: %s\n", path, strerror(errno));
		free(buf);
		return NULL;
	}
	*len = fread(buf, 1, INSTRUMENT_FILE_MAX + 1, f);
	if (ferror(f)) {
		fprintf(ctx->err, "fout: %s: lezen mislukt\n", path);
		fclose(f);
		free(buf);
		return NULL;
	}
	fclose(f);
	if (*len > INSTRUMENT_FILE_MAX) {
		fprintf(ctx->err, "fout: %s: groter dan %zu bytes\n", path,
			INSTRUMENT_FILE_MAX);
		free(buf);
		return NULL;
	}
	return buf;
}

/* Parse the file at path; problems printed as "fout: path: veld: ...". */
static int
load_file(struct cli_ctx *ctx, const char *path, struct instrument **out)
{
	struct ct_problems p;
	size_t len = 0, i;
	char *text = read_file(ctx, path, &len);

	if (!text)
		return CLI_EXIT_FAIL;
	ct_problems_init(&p);
	instrument_parse(text, len, out, &p);
	free(text);
	for (i = 0; i < p.count; i++)
		fprintf(ctx->err, "fout: %s: %s: %s\n", path, p.items[i].field,
			p.items[i].message);
	if (p.dropped)
		fprintf(ctx->err, "fout: %s: en nog %zu problemen\n", path,
			p.dropped);
	return *out ? CLI_EXIT_OK : CLI_EXIT_FAIL;
}

static int
json_name(const char *name)
{
	size_t n = strlen(name);

	return name[0] != '.' && n > 5 && strcmp(name + n - 5, ".json") == 0;
}

static int
name_cmp(const void *a, const void *b)
{
	return strcmp(*(char *const *)a, *(char *const *)b);
}

int
cli_instruments_load(struct cli_ctx *ctx, const struct config *cfg,
		     struct instrument_set *set)
{
	const char *dir = cfg ? cfg->instruments_dir
			      : CONFIG_DEFAULT_INSTRUMENTS_DIR;
	int is_default = cfg ? cfg->instruments_dir_is_default : 1;
	char *names[INSTRUMENT_FILES_MAX];
	size_t n = 0, i;
	struct dirent *de;
	struct ct_error err;
	int status = CLI_EXIT_OK;
	DIR *d = opendir(dir);

	if (!d) {
		if (is_default && errno == ENOENT) {
			fprintf(ctx->err,
				"let op: map %s met risicotaxatie-instrumenten "
				"bestaat niet; er zijn geen instrumenten "
				"geladen (zet instruments_dir)\n",
				dir);
			return CLI_EXIT_OK;
		}
		fprintf(ctx->err, "fout: instruments_dir %s: %s\n", dir,
			strerror(errno));
		return CLI_EXIT_FAIL;
	}
	while ((de = readdir(d)) != NULL) {
		if (!json_name(de->d_name))
			continue;
		if (n == INSTRUMENT_FILES_MAX) {
			fprintf(ctx->err,
				"fout: %s: meer dan %d instrumentbestanden\n",
				dir, INSTRUMENT_FILES_MAX);
			status = CLI_EXIT_FAIL;
			break;
		}
		names[n++] = ct_strdup(de->d_name);
	}
	closedir(d);
	qsort(names, n, sizeof(names[0]), name_cmp);
	for (i = 0; i < n && status == CLI_EXIT_OK; i++) {
		struct instrument *ins = NULL;
		char path[4096];

		if ((size_t)snprintf(path, sizeof(path), "%s/%s", dir,
				     names[i]) >= sizeof(path)) {
			fprintf(ctx->err, "fout: %s: pad te lang\n", dir);
			status = CLI_EXIT_FAIL;
			break;
		}
		status = load_file(ctx, path, &ins);
		if (status == CLI_EXIT_OK &&
		    instrument_set_add(set, ins, &err) != CT_OK) {
			fprintf(ctx->err, "fout: %s: %s\n", path, err.message);
			status = CLI_EXIT_FAIL;
		}
	}
	for (i = 0; i < n; i++)
		free(names[i]);
	if (status != CLI_EXIT_OK)
		instrument_set_release(set);
	return status;
}

static int
parse(struct cli_ctx *ctx, const char *path, const char *help,
      const struct cli_opt *opts, size_t nargs_want, int argc, char **argv,
      const char **args)
{
	const struct cli_spec spec = {path, help, opts, nargs_want,
				      nargs_want};
	size_t nargs;

	return cli_opt_parse(ctx, &spec, argc, argv, args, &nargs);
}

static int
instrument_list(struct cli_ctx *ctx, int argc, char **argv)
{
	int as_json = 0, status;
	const struct cli_opt opts[] = {
		{"json", NULL, &as_json, 0},
		{NULL, NULL, NULL, 0},
	};
	struct instrument_set set;
	const char *args[1];
	size_t i;

	status = parse(ctx, "instrument list", instrument_list_help, opts, 0, argc, argv, args);
	if (status != CLI_CONTINUE)
		return status;
	instrument_set_init(&set);
	status = cli_instruments_load(ctx, ctx->config, &set);
	if (status)
		return status;
	if (as_json) {
		json_t *arr = json_array();

		for (i = 0; i < set.n; i++)
			json_array_append_new(
				arr, instrument_summary_json(set.items[i]));
		status = cli_out_json(ctx, arr);
	} else {
		for (i = 0; i < set.n; i++)
			fprintf(ctx->out, "%s\t%s\t%s\n", set.items[i]->id,
				set.items[i]->version, set.items[i]->title);
	}
	instrument_set_release(&set);
	return status;
}

static int
instrument_show(struct cli_ctx *ctx, int argc, char **argv)
{
	const char *args[1];
	struct instrument_set set;
	const struct instrument *ins;
	int status;

	status = parse(ctx, "instrument show", instrument_show_help, NULL, 1, argc, argv, args);
	if (status != CLI_CONTINUE)
		return status;
	instrument_set_init(&set);
	status = cli_instruments_load(ctx, ctx->config, &set);
	if (status)
		return status;
	ins = instrument_set_find(&set, args[0], NULL);
	if (!ins) {
		fprintf(ctx->err, "fout: instrument '%s' is niet geladen\n",
			args[0]);
		status = CLI_EXIT_FAIL;
	} else {
		status = cli_out_json(ctx, instrument_to_json(ins));
	}
	instrument_set_release(&set);
	return status;
}

static int
instrument_check(struct cli_ctx *ctx, int argc, char **argv)
{
	struct instrument *ins = NULL;
	const char *args[1];
	int status;

	status = parse(ctx, "instrument check", instrument_check_help, NULL, 1, argc, argv, args);
	if (status != CLI_CONTINUE)
		return status;
	status = load_file(ctx, args[0], &ins);
	if (status)
		return status;
	fprintf(ctx->out,
		"%s: in orde: %s versie %s, %zu delen, %zu signalen, %zu "
		"items, %zu uitkomsten\n",
		args[0], ins->id, ins->version, ins->n_parts, ins->n_signals,
		ins->n_items, ins->n_outcomes);
	instrument_free(ins);
	return CLI_EXIT_OK;
}

int
cmd_instrument(struct cli_ctx *ctx, int argc, char **argv)
{
	static const struct cli_sub subs[] = {
		{"list", instrument_list, "toon de geladen instrumenten"},
		{"show", instrument_show, "toon één instrument als JSON"},
		{"check", instrument_check,
		 "controleer een instrumentbestand van de regio"},
		{NULL, NULL, NULL},
	};

	return cli_opt_dispatch(ctx, "instrument",
				"risicotaxatie-instrumenten", subs, argc,
				argv);
}
