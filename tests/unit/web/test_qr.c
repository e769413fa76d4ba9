/*
 * test_qr.c - the QR code as SVG: its structure (one path, crisp edges,
 * role img with an escaped title, no style), every module the same as
 * libqrencode's own matrix with an empty quiet zone of four, the same
 * bytes twice, refused input leaving the buffer as it was, and a round
 * trip: the path drawn into a greyscale image and read back by zbarimg
 * (Debian zbar-tools) gives the text again.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>
#include <cmocka.h>

#include <qrencode.h>

#include "web/qr.h"

#define URI                                                                    \
	"otpauth://totp/Casustafel:agent2.ams?secret="                         \
	"JBSWY3DPEHPK3PXPJBSWY3DPEHPK3PXP&issuer=Casustafel&algorithm=SHA1&"   \
	"digits=6&period=30"
#define GRID_MAX 200
#define SCALE 4

/* The modules the SVG paints, read back from its markup. */
struct grid {
	int n; /* modules a side, quiet zone included */
	unsigned char dark[GRID_MAX][GRID_MAX];
};

static char *
make_svg(const char *text, const char *title, unsigned px)
{
	struct sbuf sb;
	struct ct_error err;
	char *out;

	sbuf_init(&sb, QR_SVG_MAX);
	assert_int_equal(qr_svg(&sb, text, title, px, &err), CT_OK);
	out = sbuf_detach(&sb, NULL);
	return out;
}

static size_t
count(const char *hay, const char *needle)
{
	size_t n = 0;
	const char *p = hay;

	while ((p = strstr(p, needle)) != NULL) {
		n++;
		p += strlen(needle);
	}
	return n;
}

/* Parse viewBox and the path's "MxXyhNv1h-Nz" runs into g. */
static void
parse(const char *svg, struct grid *g)
{
	const char *p;
	int x, y, w, w2, used, i, vb2;

	memset(g, 0, sizeof(*g));
	p = strstr(svg, "viewBox=\"0 0 ");
	assert_non_null(p);
	assert_int_equal(sscanf(p, "viewBox=\"0 0 %d %d\"", &g->n, &vb2), 2);
	assert_int_equal(g->n, vb2);
	assert_true(g->n > 2 * QR_QUIET_ZONE && g->n <= GRID_MAX);
	p = strstr(svg, "<path fill=\"#000\" d=\"");
	assert_non_null(p);
	p += strlen("<path fill=\"#000\" d=\"");
	while (*p != '"') {
		assert_int_equal(
			sscanf(p, "M%d %dh%dv1h-%dz%n", &x, &y, &w, &w2, &used),
			4);
		assert_int_equal(w, w2);
		assert_true(w >= 1 && x >= 0 && y >= 0);
		assert_true(x + w <= g->n && y < g->n);
		for (i = 0; i < w; i++) {
			assert_false(
				g->dark[y][x + i]); /* runs never overlap */
			g->dark[y][x + i] = 1;
		}
		p += used;
	}
}

static void
test_structure(void **state)
{
	char *svg = make_svg(URI, "Code voor <uw> app & \"meer\"", 4);
	struct grid g;
	char size[64];

	(void)state;
	assert_int_equal(
		strncmp(svg, "<svg xmlns=\"http://www.w3.org/2000/svg\"", 39),
		0);
	assert_non_null(strstr(svg, " role=\"img\""));
	assert_non_null(strstr(svg, " shape-rendering=\"crispEdges\""));
	assert_non_null(strstr(svg, "<title>Code voor &lt;uw&gt; app &amp; "
				    "&quot;meer&quot;</title>"));
	assert_int_equal(count(svg, "<path"), 1);
	assert_int_equal(count(svg, "<title>"), 1);
	assert_int_equal(count(svg, "<svg"), 1);
	assert_null(strstr(svg, "style"));
	assert_null(strstr(svg, "<script"));
	assert_null(strstr(svg, " id="));
	/* the text itself is only in the modules */
	assert_null(strstr(svg, "otpauth"));
	assert_null(strstr(svg, "JBSWY3DP"));
	assert_int_equal(strcmp(svg + strlen(svg) - 6, "</svg>"), 0);
	parse(svg, &g);
	/* width and height: n modules of 4 px */
	snprintf(size, sizeof(size), "width=\"%d\" height=\"%d\"", g.n * 4,
		 g.n * 4);
	assert_non_null(strstr(svg, size));
	/* the light background under the whole symbol */
	snprintf(size, sizeof(size),
		 "<rect width=\"%d\" height=\"%d\" "
		 "fill=\"#fff\"/>",
		 g.n, g.n);
	assert_non_null(strstr(svg, size));
	free(svg);
}

static void
test_modules_are_libqrencode_s(void **state)
{
	static const char *const texts[] = {
		URI,
		"a",
		"0123456789",
		"otpauth://totp/Casustafel:co%C3%B6rdinator.lim?secret=ABC",
	};
	char *svg;
	struct grid g;
	QRcode *q;
	size_t t;
	int x, y, dark, painted;

	(void)state;
	for (t = 0; t < sizeof(texts) / sizeof(texts[0]); t++) {
		svg = make_svg(texts[t], "QR-code", 2);
		parse(svg, &g);
		q = QRcode_encodeString(texts[t], 0, QR_ECLEVEL_M, QR_MODE_8,
					1);
		assert_non_null(q);
		assert_int_equal(g.n, q->width + 2 * QR_QUIET_ZONE);
		dark = painted = 0;
		for (y = 0; y < g.n; y++)
			for (x = 0; x < g.n; x++) {
				int in = x >= QR_QUIET_ZONE &&
					 y >= QR_QUIET_ZONE &&
					 x < g.n - QR_QUIET_ZONE &&
					 y < g.n - QR_QUIET_ZONE;
				int want = in && (q->data[(y - QR_QUIET_ZONE) *
								  q->width +
							  x - QR_QUIET_ZONE] &
						  1);

				assert_int_equal(g.dark[y][x], want);
				dark += want;
				painted += g.dark[y][x];
			}
		assert_int_equal(dark, painted);
		assert_true(dark > 0);
		/* a URI of 120 bytes at level M: version 6 or 7 */
		if (t == 0)
			assert_true(q->version >= 6 && q->version <= 7);
		QRcode_free(q);
		free(svg);
	}
}

static void
test_deterministic(void **state)
{
	char *a = make_svg(URI, "QR-code", 4);
	char *b = make_svg(URI, "QR-code", 4);
	char *c = make_svg(URI "x", "QR-code", 4);

	(void)state;
	assert_string_equal(a, b);
	assert_true(strcmp(a, c) != 0);
	free(a);
	free(b);
	free(c);
}

static void
test_refusals_leave_out_alone(void **state)
{
	char long_text[QR_TEXT_MAX + 2], long_title[QR_TITLE_MAX + 2];
	struct ct_error err;
	struct sbuf sb, small;

	(void)state;
	memset(long_text, 'a', sizeof(long_text) - 1);
	long_text[sizeof(long_text) - 1] = '\0';
	memset(long_title, 't', sizeof(long_title) - 1);
	long_title[sizeof(long_title) - 1] = '\0';
	sbuf_init(&sb, QR_SVG_MAX);
	assert_int_equal(sbuf_addstr(&sb, "voor"), CT_OK);
	assert_int_equal(qr_svg(&sb, "", "t", 4, &err), CT_ERR_INVALID);
	assert_non_null(strstr(err.message, "QR-code"));
	assert_int_equal(qr_svg(&sb, NULL, "t", 4, &err), CT_ERR_INVALID);
	assert_int_equal(qr_svg(&sb, long_text, "t", 4, &err), CT_ERR_INVALID);
	assert_int_equal(qr_svg(&sb, "x", "", 4, NULL), CT_ERR_INVALID);
	assert_int_equal(qr_svg(&sb, "x", long_title, 4, &err), CT_ERR_INVALID);
	assert_int_equal(qr_svg(&sb, "x", "t", 0, &err), CT_ERR_INVALID);
	assert_int_equal(qr_svg(&sb, "x", "t", QR_MODULE_PX_MAX + 1, &err),
			 CT_ERR_INVALID);
	assert_string_equal(sb.buf, "voor");
	/* the longest text allowed still fits */
	long_text[QR_TEXT_MAX] = '\0';
	assert_int_equal(qr_svg(&sb, long_text, "t", QR_MODULE_PX_MAX, &err),
			 CT_OK);
	sbuf_release(&sb);

	/* a full buffer: CT_ERR_LIMIT, nothing appended */
	sbuf_init(&small, 1000);
	assert_int_equal(sbuf_addstr(&small, "voor"), CT_OK);
	assert_int_equal(qr_svg(&small, URI, "QR-code", 4, &err), CT_ERR_LIMIT);
	assert_string_equal(small.buf, "voor");
	sbuf_release(&small);
}

/* The grid as a binary greyscale image (PGM), SCALE pixels a module. */
static void
write_pgm(const struct grid *g, const char *path)
{
	FILE *f = fopen(path, "wb");
	int x, y, i, j;

	assert_non_null(f);
	fprintf(f, "P5 %d %d 255\n", g->n * SCALE, g->n * SCALE);
	for (y = 0; y < g->n; y++)
		for (j = 0; j < SCALE; j++)
			for (x = 0; x < g->n; x++)
				for (i = 0; i < SCALE; i++)
					fputc(g->dark[y][x] ? 0 : 255, f);
	assert_int_equal(fclose(f), 0);
}

static void
test_zbarimg_reads_it_back(void **state)
{
	static const char *const texts[] = {
		URI,
		"otpauth://totp/Casustafel:co%C3%B6rdinator2.lim?secret="
		"MFRGGZDFMZTWQ2LKNNWG23TPOBYXE43U&issuer=Casustafel",
	};
	char dir[] = "/tmp/ct-qr-test-XXXXXX", path[64], cmd[160];
	char line[2048];
	struct grid g;
	FILE *p;
	size_t t, len;
	char *svg;

	(void)state;
	assert_non_null(mkdtemp(dir));
	for (t = 0; t < sizeof(texts) / sizeof(texts[0]); t++) {
		svg = make_svg(texts[t], "QR-code", 4);
		parse(svg, &g);
		free(svg);
		snprintf(path, sizeof(path), "%s/qr.pgm", dir);
		write_pgm(&g, path);
		/* zbar-tools is one of the project's Debian packages
		 * (Makefile DEB_PACKAGES): missing, the test fails. */
		snprintf(cmd, sizeof(cmd),
			 "zbarimg --nodbus -q --raw %s 2>/dev/null", path);
		p = popen(cmd, "r");
		assert_non_null(p);
		line[0] = '\0';
		if (!fgets(line, sizeof(line), p))
			line[0] = '\0';
		assert_int_equal(pclose(p), 0);
		len = strlen(line);
		if (len && line[len - 1] == '\n')
			line[len - 1] = '\0';
		assert_string_equal(line, texts[t]);
		assert_int_equal(unlink(path), 0);
	}
	assert_int_equal(rmdir(dir), 0);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_structure),
		cmocka_unit_test(test_modules_are_libqrencode_s),
		cmocka_unit_test(test_deterministic),
		cmocka_unit_test(test_refusals_leave_out_alone),
		cmocka_unit_test(test_zbarimg_reads_it_back),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
