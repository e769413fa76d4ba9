/*
 * driver.c - a small stand-in for libFuzzer, so that every fuzz target
 * runs in every build (gcc too) and in `make test`.
 *
 *     fuzz_<parser> [CORPUS_DIR_OR_FILE...]
 *
 * First every file of the given directories (sorted by name) and every
 * given file is run as it is; then FUZZ_RUNS (default 20000) mutations of
 * them, made with util/prng.h from seed FUZZ_SEED (default fixed), so a
 * run is the same every time and a failure can be replayed. There is no
 * coverage feedback: this is a quick regression and smoke test. The real
 * search is `make fuzz` (clang + libFuzzer, tests/fuzz/README.md).
 *
 * Each input is handed over in a buffer of exactly its size, so that
 * AddressSanitizer sees a read one byte too far. When a target crashes
 * (an invariant aborts, a signal, or a sanitizer report) the input is
 * written to fuzz-crash-<name> in $FUZZ_CRASH_DIR or the working directory:
 * run the program on that file to reproduce, and add it to the corpus once
 * the bug is fixed.
 *
 * The summary line avoids the words the test summary counts (tools/
 * test-summary.py): one fuzz program is one test.
 */
#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <signal.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "fuzz.h"
#include "util/compat.h"
#include "util/prng.h"
#include "util/strparse.h"
#include "util/banned.h"

#define DRIVER_MAX_LEN 8192 /* longest mutated input */
#define DRIVER_RUNS_DEFAULT 20000
#define DRIVER_RUNS_MAX INT64_C(100000000)
#define DRIVER_SEED_DEFAULT INT64_C(20260713)
#define DRIVER_SEEDS_MAX 1024
#define DRIVER_PATH_MAX 4096

struct driver_input {
	uint8_t *data;
	size_t len;
};

struct driver_corpus {
	struct driver_input items[DRIVER_SEEDS_MAX];
	size_t count;
};

/* The input being run, for the crash handlers. */
static const uint8_t *driver_current;
static size_t driver_current_len;
static char driver_crash_path[DRIVER_PATH_MAX];

/* Async-signal-safe: open, write and close only. */
static void
driver_save_current(void)
{
	size_t off = 0;
	ssize_t n;
	int fd;

	if (!driver_current || !driver_crash_path[0])
		return;
	fd = open(driver_crash_path, O_WRONLY | O_CREAT | O_TRUNC, 0644);
	if (fd < 0)
		return;
	while (off < driver_current_len) {
		n = write(fd, driver_current + off, driver_current_len - off);
		if (n <= 0)
			break;
		off += (size_t)n;
	}
	close(fd);
	n = write(2, "fuzz: input saved to ", 21);
	n = write(2, driver_crash_path, strlen(driver_crash_path));
	n = write(2, "\n", 1);
	(void)n;
}

static void
driver_on_signal(int sig)
{
	driver_save_current();
	signal(sig, SIG_DFL);
	raise(sig);
}

/*
 * Sanitizers end the process without a signal unless abort_on_error is
 * set; they call this hook first. Weak, so plain builds link without it.
 */
extern void __sanitizer_set_death_callback(void (*cb)(void))
	__attribute__((weak));

static void
driver_install_handlers(const char *argv0)
{
	static const int sigs[] = {SIGABRT, SIGSEGV, SIGBUS, SIGFPE, SIGILL};
	const char *dir = getenv("FUZZ_CRASH_DIR");
	const char *base = strrchr(argv0, '/');
	size_t i;

	base = base ? base + 1 : argv0;
	snprintf(driver_crash_path, sizeof(driver_crash_path),
		 "%s%sfuzz-crash-%s", dir ? dir : "", dir ? "/" : "", base);
	for (i = 0; i < CT_ARRAY_SIZE(sigs); i++)
		signal(sigs[i], driver_on_signal);
	if (__sanitizer_set_death_callback)
		__sanitizer_set_death_callback(driver_save_current);
}

static void
driver_run(const uint8_t *data, size_t len)
{
	/* An exact-size copy, so that an overread is an ASan report. */
	uint8_t *copy = ct_malloc(len ? len : 1);

	if (len)
		memcpy(copy, data, len);
	driver_current = copy;
	driver_current_len = len;
	LLVMFuzzerTestOneInput(copy, len);
	driver_current = NULL;
	free(copy);
}

static int
driver_read_file(const char *path, struct driver_input *out)
{
	FILE *f = fopen(path, "rb");
	uint8_t *buf;
	size_t n;

	if (!f) {
		fprintf(stderr, "fuzz: %s: %s\n", path, strerror(errno));
		return -1;
	}
	buf = ct_malloc(DRIVER_MAX_LEN);
	n = fread(buf, 1, DRIVER_MAX_LEN, f);
	if (ferror(f) || !feof(f)) {
		fprintf(stderr, "fuzz: %s: unreadable or over %d bytes\n", path,
			DRIVER_MAX_LEN);
		fclose(f);
		free(buf);
		return -1;
	}
	fclose(f);
	out->data = buf;
	out->len = n;
	return 0;
}

static int
driver_add(struct driver_corpus *c, const char *path)
{
	if (c->count == DRIVER_SEEDS_MAX) {
		fprintf(stderr, "fuzz: more than %d corpus files\n",
			DRIVER_SEEDS_MAX);
		return -1;
	}
	if (driver_read_file(path, &c->items[c->count]))
		return -1;
	c->count++;
	return 0;
}

static int
driver_cmp_names(const void *a, const void *b)
{
	return strcmp(*(char *const *)a, *(char *const *)b);
}

/* Every regular file of dir, in name order (readdir order varies). */
static int
driver_add_dir(struct driver_corpus *c, const char *dir)
{
	char *names[DRIVER_SEEDS_MAX];
	char path[DRIVER_PATH_MAX];
	size_t n = 0, i;
	struct dirent *e;
	struct stat st;
	int rc = 0;
	DIR *d = opendir(dir);

	if (!d) {
		fprintf(stderr, "fuzz: %s: %s\n", dir, strerror(errno));
		return -1;
	}
	while ((e = readdir(d)) != NULL) {
		if (e->d_name[0] == '.')
			continue;
		if (n == DRIVER_SEEDS_MAX) {
			rc = -1;
			break;
		}
		names[n++] = ct_strdup(e->d_name);
	}
	closedir(d);
	qsort(names, n, sizeof(names[0]), driver_cmp_names);
	for (i = 0; i < n; i++) {
		snprintf(path, sizeof(path), "%s/%s", dir, names[i]);
		if (!rc && stat(path, &st) == 0 && S_ISREG(st.st_mode))
			rc = driver_add(c, path);
		free(names[i]);
	}
	return rc;
}

/* Bytes that matter to our parsers: separators, signs, escapes, ends. */
static const uint8_t driver_interesting[] = {
	0,   '\t', '\n', '\r', ' ', '"',  '#',	'%',  '&',  '+', ',',
	'-', '.',  '/',	 '0',  '9', ':',  ';',	'=',  '?',  'T', 'Z',
	'[', '\\', ']',	 '{',  '}', 0x7f, 0x80, 0xc3, 0xff,
};

static size_t
driver_pick(struct prng *r, size_t n)
{
	return n ? (size_t)prng_below(r, n) : 0;
}

/* Insert src[0..n) at pos of buf[0..len), within cap; the new length. */
static size_t
driver_insert(uint8_t *buf, size_t len, size_t cap, size_t pos,
	      const uint8_t *src, size_t n)
{
	if (n > cap - len)
		n = cap - len;
	memmove(buf + pos + n, buf + pos, len - pos);
	memmove(buf + pos, src, n);
	return len + n;
}

/* One mutation of buf[0..len) (room for cap); the new length. */
static size_t
driver_mutate_once(struct prng *r, const struct driver_corpus *c, uint8_t *buf,
		   size_t len, size_t cap)
{
	const struct driver_input *other = &c->items[driver_pick(r, c->count)];
	uint8_t tmp[64];
	size_t pos = driver_pick(r, len + 1), n, from, i;

	switch (prng_below(r, 11)) {
	case 0: /* flip a bit */
		if (len)
			buf[driver_pick(r, len)] ^=
				(uint8_t)(1u << prng_below(r, 8));
		return len;
	case 1: /* any byte */
		if (len)
			buf[driver_pick(r, len)] = (uint8_t)prng_next(r);
		return len;
	case 2: /* an interesting byte, in place or inserted */
		tmp[0] = driver_interesting[driver_pick(
			r, sizeof(driver_interesting))];
		if (len && prng_chance(r, 500)) {
			buf[driver_pick(r, len)] = tmp[0];
			return len;
		}
		return driver_insert(buf, len, cap, pos, tmp, 1);
	case 3: /* a digit, where the checksums and dates live */
		if (len)
			buf[driver_pick(r, len)] =
				(uint8_t)('0' + prng_below(r, 10));
		return len;
	case 4: /* insert a few random bytes */
		n = 1 + driver_pick(r, 4);
		prng_bytes(r, tmp, n);
		return driver_insert(buf, len, cap, pos, tmp, n);
	case 5: /* delete a range */
		if (pos == len)
			return len;
		n = 1 + driver_pick(r, len - pos);
		if (n > 1 && prng_chance(r, 700))
			n = 1 + driver_pick(r, n < 8 ? n : 8);
		memmove(buf + pos, buf + pos + n, len - pos - n);
		return len - n;
	case 6: /* copy a piece of this input elsewhere */
		if (!len)
			return len;
		from = driver_pick(r, len);
		n = 1 + driver_pick(r, len - from < sizeof(tmp) ? len - from
								: sizeof(tmp));
		memcpy(tmp, buf + from, n);
		return driver_insert(buf, len, cap, pos, tmp, n);
	case 7: /* a piece of another seed: a dictionary without one */
		if (!other->len)
			return len;
		from = driver_pick(r, other->len);
		n = 1 + driver_pick(r, other->len - from);
		return driver_insert(buf, len, cap, pos, other->data + from, n);
	case 8: /* splice: our head, the other's tail */
		from = driver_pick(r, other->len + 1);
		len = pos;
		n = other->len - from;
		return driver_insert(buf, len, cap, len, other->data + from, n);
	case 9: /* repeat a piece many times, towards the length limits */
		if (!len || !prng_chance(r, 100))
			return len;
		from = driver_pick(r, len);
		n = 1 + driver_pick(r, len - from < 16 ? len - from : 16);
		memcpy(tmp, buf + from, n);
		for (i = 0; i < 1 + driver_pick(r, 1000) && len < cap; i++)
			len = driver_insert(buf, len, cap, pos, tmp, n);
		return len;
	default: /* truncate */
		return pos;
	}
}

static int
driver_env_number(const char *name, int64_t dflt, int64_t max, int64_t *out)
{
	const char *s = getenv(name);

	*out = dflt;
	if (!s || !*s)
		return 0;
	if (ct_parse_int(s, 0, max, out)) {
		fprintf(stderr, "fuzz: %s must be a number 0..%lld\n", name,
			(long long)max);
		return -1;
	}
	return 0;
}

int
main(int argc, char **argv)
{
	static struct driver_corpus corpus;
	struct prng r;
	struct stat st;
	uint8_t *buf;
	size_t len, i, k, n_mut;
	int64_t runs, seed, run;
	int a;

	if (driver_env_number("FUZZ_RUNS", DRIVER_RUNS_DEFAULT, DRIVER_RUNS_MAX,
			      &runs) ||
	    driver_env_number("FUZZ_SEED", DRIVER_SEED_DEFAULT, INT64_MAX,
			      &seed))
		return 2;
	driver_install_handlers(argv[0]);
	for (a = 1; a < argc; a++) {
		if (stat(argv[a], &st) == 0 && S_ISDIR(st.st_mode)) {
			if (driver_add_dir(&corpus, argv[a]))
				return 2;
		} else if (driver_add(&corpus, argv[a])) {
			return 2;
		}
	}
	for (i = 0; i < corpus.count; i++)
		driver_run(corpus.items[i].data, corpus.items[i].len);
	/* With no corpus, mutate from the empty input. */
	if (corpus.count == 0) {
		corpus.items[0].data = ct_malloc(1);
		corpus.items[0].len = 0;
		corpus.count = 1;
	}

	prng_seed(&r, (uint64_t)seed);
	buf = ct_malloc(DRIVER_MAX_LEN);
	for (run = 0; run < runs; run++) {
		const struct driver_input *base =
			&corpus.items[driver_pick(&r, corpus.count)];

		len = base->len;
		memcpy(buf, base->data, len);
		n_mut = 1 + driver_pick(&r, 4);
		for (k = 0; k < n_mut; k++)
			len = driver_mutate_once(&r, &corpus, buf, len,
						 DRIVER_MAX_LEN);
		driver_run(buf, len);
	}
	free(buf);
	printf("%s: %zu corpus inputs and %lld mutations, no crash (seed "
	       "%lld)\n",
	       argv[0], argc > 1 ? corpus.count : (size_t)0, (long long)runs,
	       (long long)seed);
	for (i = 0; i < corpus.count; i++)
		free(corpus.items[i].data);
	return 0;
}
