/*
 * cli_test.h - shared set-up for the command tests: a temporary
 * directory with a database path, and a cli_ctx whose out and err are
 * memory streams, so a test runs cmd_*() and reads what it printed.
 * Header-only (static functions) so every test program stays one file.
 */
#ifndef CT_TEST_CLI_TEST_H
#define CT_TEST_CLI_TEST_H

#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "cli/cli.h"
#include "util/crypto.h"

#define TCTX_ARGV_MAX 40

struct tctx {
	struct cli_ctx ctx;
	char *out; /* what the last run printed on ctx.out */
	size_t out_len;
	char *err; /* ... and on ctx.err */
	size_t err_len;
	char dir[64];
	char db[128];
};

typedef int (*tctx_cmd)(struct cli_ctx *ctx, int argc, char **argv);

static CT_UNUSED void
tctx_init(struct tctx *t)
{
	memset(t, 0, sizeof(*t));
	if (ct_crypto_init())
		abort();
	snprintf(t->dir, sizeof(t->dir), "/tmp/ct_cli_test_XXXXXX");
	if (!mkdtemp(t->dir))
		abort();
	snprintf(t->db, sizeof(t->db), "%s/test.db", t->dir);
	t->ctx.db_path = t->db;
	t->ctx.actor.label = "cli:test";
}

/* Open (creating) the database into t->ctx.store; 0 on success. */
static CT_UNUSED enum ct_err
tctx_open(struct tctx *t)
{
	struct ct_error err;

	return store_open(t->db, STORE_OPEN_CREATE, &t->ctx.store, &err);
}

static CT_UNUSED void
tctx_close(struct tctx *t)
{
	if (t->ctx.store)
		store_close(t->ctx.store);
	t->ctx.store = NULL;
}

static CT_UNUSED void
tctx_release(struct tctx *t)
{
	static const char *const suffixes[] = {"", "-wal", "-shm", "-journal"};
	char path[160];
	size_t i;

	tctx_close(t);
	free(t->out);
	free(t->err);
	t->out = t->err = NULL;
	for (i = 0; i < sizeof(suffixes) / sizeof(suffixes[0]); i++) {
		snprintf(path, sizeof(path), "%s%s", t->db, suffixes[i]);
		unlink(path);
	}
	rmdir(t->dir);
}

/* Run fn with the NULL-terminated arguments; returns its exit status. */
static CT_UNUSED int
tctx_run(struct tctx *t, tctx_cmd fn, ...)
{
	char *argv[TCTX_ARGV_MAX + 1];
	va_list ap;
	int argc = 0, status;
	char *a;

	va_start(ap, fn);
	while ((a = va_arg(ap, char *)) != NULL) {
		if (argc == TCTX_ARGV_MAX)
			abort();
		argv[argc++] = a;
	}
	va_end(ap);
	argv[argc] = NULL;

	free(t->out);
	free(t->err);
	t->out = t->err = NULL;
	t->ctx.out = open_memstream(&t->out, &t->out_len);
	t->ctx.err = open_memstream(&t->err, &t->err_len);
	if (!t->ctx.out || !t->ctx.err)
		abort();
	status = fn(&t->ctx, argc, argv);
	fclose(t->ctx.out);
	fclose(t->ctx.err);
	t->ctx.out = t->ctx.err = NULL;
	return status;
}

/* The journal size, to show that a refused command wrote nothing. */
static CT_UNUSED int64_t
tctx_journal(struct tctx *t)
{
	struct store_counts n;
	struct ct_error err;

	if (store_counts(t->ctx.store, &n, &err))
		abort();
	return n.journal;
}

#endif
