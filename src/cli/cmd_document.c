/*
 * cmd_document.c - `casustafel document render`: a document of the
 * restraining order (decision, extension, letter) from a JSON description,
 * as PDF or HTML.
 *
 * The description is parsed strictly (docs/doc_json.h), checked for the
 * mandatory content of its kind and jurisdiction (docs/doc_check.h) and
 * composed (docs/doc_compose.h) before anything is written: a refused
 * document leaves no output file, and every missing item is listed. The
 * output is written to FILE.tmp and renamed, so a reader never sees half
 * a PDF. The format follows the extension of --out (.pdf or .html).
 * SOURCE_DATE_EPOCH, when set, fixes the PDF creation date (reproducible
 * builds convention); otherwise it is the current time.
 */
#include "cli/cli.h"

#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "docs/doc_compose.h"
#include "docs/doc_html.h"
#include "docs/doc_json.h"
#include "docs/doc_pdf.h"
#include "util/sbuf.h"
#include "util/strparse.h"
#include "util/banned.h"

/* A PDF of a few pages is some tens of kB; this is far above that. */
#define DOCUMENT_OUT_MAX ((size_t)16 * 1024 * 1024)

static const char render_help[] =
	"Gebruik: casustafel document render --kind SOORT --jurisdiction NL|BE\n"
	"                                    --input BESTAND.json\n"
	"                                    --out BESTAND.pdf|BESTAND.html\n"
	"\n"
	"Maakt een document van het tijdelijk huisverbod uit een beschrijving\n"
	"in JSON: de beschikking (decision), de verlenging (extension) of de\n"
	"informatiebrief aan een achterblijver (letter). Ontbreekt verplichte\n"
	"inhoud, dan wordt er niets geschreven en staat elk ontbrekend\n"
	"onderdeel in de foutmelding.\n"
	"\n"
	"Opties:\n"
	"  --kind SOORT          decision, extension of letter\n"
	"  --jurisdiction NL|BE  Nederlands of Belgisch recht\n"
	"  --input BESTAND       de beschrijving (JSON)\n"
	"  --out BESTAND         .pdf of .html\n"
	"  --help                deze hulp\n";

static int
ends_with(const char *s, const char *suffix)
{
	size_t n = strlen(s), m = strlen(suffix);

	return n >= m && strcmp(s + n - m, suffix) == 0;
}

static int
read_input(struct cli_ctx *ctx, const char *path, struct sbuf *sb)
{
	char chunk[8192];
	FILE *f = fopen(path, "rb");
	size_t n;

	if (!f) {
		fprintf(ctx->err, "fout: --input %s: %s\n", path,
			strerror(errno));
		return CLI_EXIT_FAIL;
	}
	while ((n = fread(chunk, 1, sizeof(chunk), f)) > 0) {
		if (sbuf_add(sb, chunk, n)) {
			fprintf(ctx->err, "fout: --input %s: groter dan %zu "
				"bytes\n", path, DOC_JSON_MAX);
			fclose(f);
			return CLI_EXIT_FAIL;
		}
	}
	if (ferror(f)) {
		fprintf(ctx->err, "fout: --input %s: leesfout\n", path);
		fclose(f);
		return CLI_EXIT_FAIL;
	}
	fclose(f);
	return CLI_EXIT_OK;
}

static int
write_output(struct cli_ctx *ctx, const char *path, const struct sbuf *sb)
{
	char tmp[4096];
	FILE *f;
	int ok;

	if ((size_t)snprintf(tmp, sizeof(tmp), "%s.tmp", path) >=
	    sizeof(tmp)) {
		fprintf(ctx->err, "fout: --out: pad te lang\n");
		return CLI_EXIT_FAIL;
	}
	f = fopen(tmp, "wb");
	if (!f) {
		fprintf(ctx->err, "fout: --out %s: %s\n", path,
			strerror(errno));
		return CLI_EXIT_FAIL;
	}
	ok = fwrite(sb->buf, 1, sb->len, f) == sb->len;
	ok = (fclose(f) == 0) && ok;
	if (!ok || rename(tmp, path) != 0) {
		fprintf(ctx->err, "fout: --out %s: schrijven mislukt\n", path);
		remove(tmp);
		return CLI_EXIT_FAIL;
	}
	return CLI_EXIT_OK;
}

static int64_t
creation_time(void)
{
	const char *env = getenv("SOURCE_DATE_EPOCH");
	int64_t t;

	if (env && ct_parse_int(env, 1, CT_INSTANT_MAX, &t) == CT_OK)
		return t;
	return (int64_t)time(NULL);
}

static int
document_render(struct cli_ctx *ctx, int argc, char **argv)
{
	const char *kind = NULL, *jur = NULL, *input = NULL, *outp = NULL;
	const struct cli_opt opts[] = {
		{"kind", &kind, NULL, 1},
		{"jurisdiction", &jur, NULL, 1},
		{"input", &input, NULL, 1},
		{"out", &outp, NULL, 1},
		{NULL, NULL, NULL, 0},
	};
	const struct cli_spec spec = {"document render", render_help, opts, 0,
				      0};
	struct ct_problems problems;
	struct doc_json dj = {0};
	struct ct_error err;
	struct sbuf in, out;
	struct doc d;
	enum doc_kind k;
	enum ct_country c;
	const char *args[1];
	size_t nargs;
	int status, pdf, rendered = 0;
	enum ct_err rc;

	status = cli_opt_parse(ctx, &spec, argc, argv, args, &nargs);
	if (status != CLI_CONTINUE)
		return status;
	if (doc_kind_parse(kind, &k) != CT_OK) {
		fprintf(ctx->err, "fout: --kind: kies decision, extension of "
				  "letter\n");
		return CLI_EXIT_USAGE;
	}
	if (doc_country_parse(jur, &c) != CT_OK) {
		fprintf(ctx->err, "fout: --jurisdiction: kies NL of BE\n");
		return CLI_EXIT_USAGE;
	}
	if (ends_with(outp, ".pdf")) {
		pdf = 1;
	} else if (ends_with(outp, ".html")) {
		pdf = 0;
	} else {
		fprintf(ctx->err, "fout: --out: de naam eindigt op .pdf of "
				  ".html\n");
		return CLI_EXIT_USAGE;
	}

	sbuf_init(&in, DOC_JSON_MAX);
	sbuf_init(&out, DOCUMENT_OUT_MAX);
	doc_init(&d);
	ct_problems_init(&problems);
	ct_error_clear(&err);
	status = read_input(ctx, input, &in);
	if (status)
		goto out;
	if (doc_json_parse(in.buf, in.len, k, c, &dj, &problems) ||
	    doc_compose(&dj.input, &d, &problems)) {
		fprintf(ctx->err, "fout: het document kan niet worden gemaakt; "
				  "verplichte inhoud ontbreekt of klopt "
				  "niet:\n");
		status = cli_out_problems(ctx, &problems);
		goto out;
	}
	rendered = pdf;
	rc = pdf ? doc_pdf_render(&d, creation_time(), &out, &err)
		 : doc_html_render(&d, &out);
	if (rc) {
		status = cli_out_error(ctx, rc, &err);
		goto out;
	}
	status = write_output(ctx, outp, &out);
	if (!status)
		fprintf(ctx->out, "Document geschreven: %s (%zu bytes)\n", outp,
			out.len);
out:
	if (rendered)
		doc_pdf_shutdown(); /* one render per process: free caches */
	doc_release(&d);
	doc_json_release(&dj);
	sbuf_release(&in);
	sbuf_release(&out);
	return status;
}

static const struct cli_sub document_subs[] = {
	{"render", document_render,
	 "maak een beschikking, verlenging of brief als PDF of HTML"},
	{NULL, NULL, NULL},
};

int
cmd_document(struct cli_ctx *ctx, int argc, char **argv)
{
	return cli_opt_dispatch(ctx, "document",
				"documenten van het tijdelijk huisverbod",
				document_subs, argc, argv);
}
