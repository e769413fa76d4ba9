/*
 * db_pg.c - the PostgreSQL driver behind store/db.h, on libpq.
 *
 * Same contract as db_sqlite.c, so the store's portable SQL runs unchanged:
 *  - `?` placeholders are rewritten to `$1, $2, ...` outside string
 *    literals, quoted identifiers and comments; every value is bound as
 *    text and PostgreSQL infers its type from the column it meets.
 *  - A statement runs at its first db_step() (PQexecParams) and its rows
 *    are then read from the result one step at a time. The whole result is
 *    held in memory: the store's lists are bounded (STORE_LIST_MAX) and a
 *    connection may have only one query in flight, which the store's
 *    nested queries (a lookup while iterating) would otherwise break.
 *  - db_begin(write=1) is BEGIN (read committed) followed by
 *    pg_advisory_xact_lock(DB_PG_WRITE_LOCK_KEY): writers queue one after
 *    another as under SQLite's BEGIN IMMEDIATE, and because read committed
 *    takes a new snapshot per statement, the journal and access-log heads
 *    read after the lock are the latest committed ones. The lock goes with
 *    the transaction. A read transaction is REPEATABLE READ, so that a
 *    journal verification sees one consistent state.
 *  - Errors are mapped by SQLSTATE. Messages name the database and host,
 *    never the password (the label is built from the parsed conninfo).
 *  - Identity: a database with our meta table is left to store.c (which
 *    reads application and schema_version); one without it but with other
 *    tables in the schema is foreign; an empty one is new.
 */
#include "store/db.h"

#include <errno.h>
#include <inttypes.h>
#include <libpq-fe.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "util/compat.h"
#include "util/log.h"
#include "util/sbuf.h"
#include "util/banned.h"

#define PG_LABEL_MAX 256
/* How long a writer waits for the write lock, as SQLite's busy timeout. */
#define PG_LOCK_TIMEOUT_MS 5000
#define PG_PARAMS_MAX 1000
#define INT64_TEXT_SIZE 24

struct db_pg {
	struct db base;
	PGconn *c;
	char label[PG_LABEL_MAX]; /* "db X op host Y", for messages */
	int readonly;
	int64_t changes;
};

struct db_pg_stmt {
	struct db_stmt base;
	struct db_pg *db;
	char *sql; /* with $n placeholders */
	int nparams;
	char **values; /* NULL entries are SQL NULL */
	PGresult *res;
	int executed;
	int row; /* current row, -1 before the first */
	int nrows;
};

static struct db_pg *
to_pg(struct db *db)
{
	return (struct db_pg *)db;
}

static struct db_pg_stmt *
to_pgs(struct db_stmt *s)
{
	return (struct db_pg_stmt *)s;
}

int
db_is_pg_target(const char *target)
{
	return !strncmp(target, "postgresql://", 13) ||
	       !strncmp(target, "postgres://", 11) ||
	       !strncmp(target, "host=", 5) || !strncmp(target, "dbname=", 7);
}

const struct db_driver *
db_driver_for(const char *target)
{
	return db_is_pg_target(target) ? &db_pg_driver : &db_sqlite_driver;
}

/* First line of a libpq message, without the trailing newline. */
static void
pg_first_line(const char *msg, char *out, size_t n)
{
	size_t len = msg ? strcspn(msg, "\n") : 0;

	if (len >= n)
		len = n - 1;
	if (len)
		memcpy(out, msg, len);
	out[len] = '\0';
}

/*
 * Map a failed result (or, when res is NULL, the connection's state) to
 * our error and a sentence naming the database.
 */
static enum ct_err
pg_error(struct db_pg *d, const PGresult *res, const char *what,
	 struct ct_error *err)
{
	const char *state =
		res ? PQresultErrorField(res, PG_DIAG_SQLSTATE) : NULL;
	char detail[CT_ERROR_MESSAGE_MAX / 2];

	pg_first_line(res ? PQresultErrorMessage(res) : PQerrorMessage(d->c),
		      detail, sizeof(detail));
	if (PQstatus(d->c) == CONNECTION_BAD ||
	    (state && !strncmp(state, "08", 2)))
		return ct_error_set(err, CT_ERR_IO,
				    "De verbinding met %s is verbroken (%s). "
				    "Controleer of de databaseserver draait "
				    "en probeer het opnieuw.",
				    d->label, detail);
	if (!state)
		state = "";
	if (!strcmp(state, "23505"))
		return ct_error_set(err, CT_ERR_EXISTS,
				    "Dit gegeven bestaat al in %s (%s).",
				    d->label, detail);
	if (!strcmp(state, "40001") || !strcmp(state, "40P01") ||
	    !strcmp(state, "55P03") || !strcmp(state, "57014"))
		return ct_error_set(err, CT_ERR_BUSY,
				    "%s is bezet door een andere gebruiker "
				    "(%s). Probeer het zo opnieuw.",
				    d->label, detail);
	if (!strcmp(state, "53100"))
		return ct_error_set(err, CT_ERR_DISK_FULL,
				    "De schijf van %s is vol; er is niets "
				    "opgeslagen. Laat de beheerder ruimte "
				    "vrijmaken en probeer het opnieuw.",
				    d->label);
	if (!strcmp(state, "25006") || !strcmp(state, "42501"))
		return ct_error_set(err, CT_ERR_READONLY,
				    "%s kan niet worden beschreven (%s). "
				    "Controleer de rechten van de "
				    "databasegebruiker, of open haar niet "
				    "alleen-lezen.",
				    d->label, detail);
	if (!strcmp(state, "XX001") || !strcmp(state, "XX002"))
		return ct_error_set(err, CT_ERR_DB_CORRUPT,
				    "%s is beschadigd (%s). Meld het aan de "
				    "beheerder van de databaseserver.",
				    d->label, detail);
	if (!strcmp(state, "54000") || !strcmp(state, "22001"))
		return ct_error_set(err, CT_ERR_LIMIT,
				    "Een waarde is te groot voor %s (%s).",
				    d->label, detail);
	return ct_error_set(err, CT_ERR_DB, "Databasefout in %s bij %s: %s.",
			    d->label, what, detail);
}

/* Run sql without parameters; *out receives the result when wanted. */
static enum ct_err
pg_run(struct db_pg *d, const char *sql, PGresult **out, struct ct_error *err)
{
	PGresult *res = PQexec(d->c, sql);
	ExecStatusType st = PQresultStatus(res);
	enum ct_err ret = CT_OK;

	if (out)
		*out = NULL;
	if (st != PGRES_COMMAND_OK && st != PGRES_TUPLES_OK)
		ret = pg_error(d, res, sql, err);
	if (ret == CT_OK && out)
		*out = res;
	else
		PQclear(res);
	return ret;
}

static void
pg_quiet_notices(void *arg, const char *message)
{
	(void)arg;
	ct_debug("postgresql: %s", message);
}

/* "database X op host Y:P" from the parsed conninfo; no password. */
static void
pg_make_label(PGconn *c, const char *target, char *out, size_t n)
{
	const char *db = c ? PQdb(c) : NULL, *host = c ? PQhost(c) : NULL;
	const char *port = c ? PQport(c) : NULL;
	PQconninfoOption *opts = NULL, *o;

	if (!c) {
		opts = PQconninfoParse(target, NULL);
		for (o = opts; o && o->keyword; o++) {
			if (!strcmp(o->keyword, "dbname") && o->val)
				db = o->val;
			else if (!strcmp(o->keyword, "host") && o->val)
				host = o->val;
			else if (!strcmp(o->keyword, "port") && o->val)
				port = o->val;
		}
	}
	snprintf(out, n, "PostgreSQL-database %s op %s%s%s",
		 db && *db ? db : "(standaard)",
		 host && *host ? host : "localhost", port && *port ? ":" : "",
		 port && *port ? port : "");
	PQconninfoFree(opts);
}

static void pg_close(struct db *db);

static enum ct_err
pg_check_identity(struct db_pg *d, struct ct_error *err)
{
	PGresult *res = NULL;
	enum ct_err ret;
	int tables, meta;

	ret = pg_run(d,
		     "SELECT count(*), "
		     "count(*) FILTER (WHERE tablename = 'meta') "
		     "FROM pg_catalog.pg_tables "
		     "WHERE schemaname = current_schema()",
		     &res, err);
	if (ret)
		return ret;
	tables = (int)strtol(PQgetvalue(res, 0, 0), NULL, 10);
	meta = (int)strtol(PQgetvalue(res, 0, 1), NULL, 10);
	PQclear(res);
	if (meta)
		return CT_OK; /* store.c reads meta and decides */
	if (tables || d->readonly)
		return ct_error_set(err, CT_ERR_DB_FOREIGN,
				    "%s is geen Casustafel-database (er staan "
				    "tabellen van een ander programma in). "
				    "Controleer de verbinding; er is niets "
				    "aan de database veranderd.",
				    d->label);
	return CT_OK;
}

static enum ct_err
pg_open(const char *target, unsigned flags, struct db **out,
	struct ct_error *err)
{
	struct db_pg *d = NULL;
	char label[PG_LABEL_MAX], detail[CT_ERROR_MESSAGE_MAX / 2];
	char *parse_err = NULL;
	PQconninfoOption *opts;
	enum ct_err ret = CT_OK;

	*out = NULL;
	opts = PQconninfoParse(target, &parse_err);
	if (!opts) {
		pg_first_line(parse_err, detail, sizeof(detail));
		PQfreemem(parse_err);
		return ct_error_set(err, CT_ERR_CONFIG,
				    "De verbindingsgegevens voor PostgreSQL "
				    "zijn onleesbaar (%s). Gebruik de vorm "
				    "postgresql://gebruiker@host/database.",
				    detail);
	}
	PQconninfoFree(opts);

	d = ct_calloc(1, sizeof(*d));
	d->base.drv = &db_pg_driver;
	d->readonly = (flags & DB_OPEN_READONLY) != 0;
	d->c = PQconnectdb(target);
	if (PQstatus(d->c) != CONNECTION_OK) {
		pg_make_label(NULL, target, label, sizeof(label));
		pg_first_line(PQerrorMessage(d->c), detail, sizeof(detail));
		ret = ct_error_set(err, CT_ERR_IO,
				   "Geen verbinding met %s (%s). Controleer of "
				   "de server draait, de database bestaat en "
				   "de gebruiker toegang heeft.",
				   label, detail);
		goto out;
	}
	pg_make_label(d->c, target, d->label, sizeof(d->label));
	PQsetNoticeProcessor(d->c, pg_quiet_notices, NULL);
	ret = pg_run(d,
		     "SET client_encoding = 'UTF8';"
		     "SET client_min_messages = warning",
		     NULL, err);
	if (ret == CT_OK)
		ret = db_pg_set_lock_timeout(&d->base, PG_LOCK_TIMEOUT_MS, err);
	if (ret == CT_OK && d->readonly)
		ret = pg_run(d, "SET default_transaction_read_only = on", NULL,
			     err);
	if (ret == CT_OK)
		ret = pg_check_identity(d, err);
	if (ret)
		goto out;
	*out = &d->base;
	d = NULL;
out:
	if (d)
		pg_close(&d->base);
	return ret;
}

static void
pg_close(struct db *db)
{
	struct db_pg *d = to_pg(db);

	PQfinish(d->c);
	free(d);
}

static enum ct_err
pg_exec(struct db *db, const char *sql, struct ct_error *err)
{
	return pg_run(to_pg(db), sql, NULL, err);
}

/*
 * Rewrite `?` to `$n` outside '...' literals, "..." identifiers and
 * comments; returns the number of parameters.
 */
static int
pg_rewrite(const char *sql, struct sbuf *out)
{
	const char *p = sql;
	int n = 0, fail = 0;

	while (*p && !fail) {
		if (*p == '\'' || *p == '"') {
			char q = *p;

			fail |= sbuf_addch(out, *p++);
			/* A doubled quote inside is an escaped quote. */
			while (*p && !fail) {
				if (*p == q && p[1] == q) {
					fail |= sbuf_addch(out, *p++);
				} else if (*p == q) {
					break;
				}
				fail |= sbuf_addch(out, *p++);
			}
			if (*p)
				fail |= sbuf_addch(out, *p++);
		} else if (p[0] == '-' && p[1] == '-') {
			while (*p && *p != '\n' && !fail)
				fail |= sbuf_addch(out, *p++);
		} else if (p[0] == '/' && p[1] == '*') {
			const char *end = strstr(p + 2, "*/");
			size_t len = end ? (size_t)(end + 2 - p) : strlen(p);

			fail |= sbuf_add(out, p, len);
			p += len;
		} else if (*p == '?') {
			n++;
			fail |= sbuf_addf(out, "$%d", n);
			p++;
		} else {
			fail |= sbuf_addch(out, *p++);
		}
	}
	if (fail)
		CT_BUG("SQL text too long for its buffer");
	return n;
}

static enum ct_err
pg_prepare(struct db *db, const char *sql, struct db_stmt **out,
	   struct ct_error *err)
{
	struct db_pg *d = to_pg(db);
	struct db_pg_stmt *st;
	struct sbuf buf;
	int n;

	(void)err;
	*out = NULL;
	sbuf_init(&buf, SBUF_MAX_LARGE);
	n = pg_rewrite(sql, &buf);
	if (n > PG_PARAMS_MAX)
		CT_BUG("too many parameters in one statement");
	st = ct_calloc(1, sizeof(*st));
	st->base.drv = &db_pg_driver;
	st->db = d;
	st->sql = sbuf_detach(&buf, NULL);
	st->nparams = n;
	st->values = n ? ct_calloc((size_t)n, sizeof(*st->values)) : NULL;
	st->row = -1;
	*out = &st->base;
	return CT_OK;
}

static void
pg_set_value(struct db_pg_stmt *st, int idx, char *v)
{
	if (idx < 1 || idx > st->nparams)
		CT_BUG("postgresql: bind index out of range");
	if (st->executed)
		CT_BUG("postgresql: bind after step");
	free(st->values[idx - 1]);
	st->values[idx - 1] = v;
}

static void
pg_bind_text(struct db_stmt *s, int idx, const char *v)
{
	pg_set_value(to_pgs(s), idx, v ? ct_strdup(v) : NULL);
}

static void
pg_bind_int64(struct db_stmt *s, int idx, int64_t v)
{
	char buf[INT64_TEXT_SIZE];

	snprintf(buf, sizeof(buf), "%" PRId64, v);
	pg_set_value(to_pgs(s), idx, ct_strdup(buf));
}

static void
pg_bind_null(struct db_stmt *s, int idx)
{
	pg_set_value(to_pgs(s), idx, NULL);
}

static enum ct_err
pg_step(struct db_stmt *s, int *row, struct ct_error *err)
{
	struct db_pg_stmt *st = to_pgs(s);
	ExecStatusType status;
	const char *tuples;

	*row = 0;
	if (!st->executed) {
		st->executed = 1;
		st->res = PQexecParams(st->db->c, st->sql, st->nparams, NULL,
				       (const char *const *)st->values, NULL,
				       NULL, 0);
		status = PQresultStatus(st->res);
		if (status == PGRES_COMMAND_OK) {
			tuples = PQcmdTuples(st->res);
			st->db->changes =
				*tuples ? strtoll(tuples, NULL, 10) : 0;
		} else if (status != PGRES_TUPLES_OK) {
			enum ct_err rc =
				pg_error(st->db, st->res, st->sql, err);

			PQclear(st->res);
			st->res = NULL;
			return rc;
		}
		st->nrows = PQntuples(st->res);
	}
	if (!st->res || st->row + 1 >= st->nrows) {
		st->row = st->nrows;
		return CT_OK;
	}
	st->row++;
	*row = 1;
	return CT_OK;
}

static int
pg_valid_cell(struct db_pg_stmt *st, int col)
{
	if (!st->res || st->row < 0 || st->row >= st->nrows)
		CT_BUG("postgresql: column read without a row");
	if (col < 0 || col >= PQnfields(st->res))
		CT_BUG("postgresql: column index out of range");
	return !PQgetisnull(st->res, st->row, col);
}

static const char *
pg_column_text(struct db_stmt *s, int col)
{
	struct db_pg_stmt *st = to_pgs(s);

	return pg_valid_cell(st, col) ? PQgetvalue(st->res, st->row, col)
				      : NULL;
}

static int64_t
pg_column_int64(struct db_stmt *s, int col)
{
	struct db_pg_stmt *st = to_pgs(s);

	/* As sqlite3_column_int64: NULL reads as 0. */
	if (!pg_valid_cell(st, col))
		return 0;
	return strtoll(PQgetvalue(st->res, st->row, col), NULL, 10);
}

static int
pg_column_is_null(struct db_stmt *s, int col)
{
	return !pg_valid_cell(to_pgs(s), col);
}

static void
pg_finalize(struct db_stmt *s)
{
	struct db_pg_stmt *st = to_pgs(s);
	int i;

	for (i = 0; i < st->nparams; i++)
		free(st->values[i]);
	free(st->values);
	PQclear(st->res);
	free(st->sql);
	free(st);
}

static int64_t
pg_changes(struct db *db)
{
	return to_pg(db)->changes;
}

static enum ct_err
pg_begin(struct db *db, int write, struct ct_error *err)
{
	struct db_pg *d = to_pg(db);
	enum ct_err ret;

	if (!write)
		return pg_run(d, "BEGIN ISOLATION LEVEL REPEATABLE READ", NULL,
			      err);
	ret = pg_run(d,
		     "BEGIN ISOLATION LEVEL READ COMMITTED;"
		     "SELECT pg_advisory_xact_lock(" DB_PG_WRITE_LOCK_KEY ")",
		     NULL, err);
	if (ret && PQtransactionStatus(d->c) != PQTRANS_IDLE)
		pg_run(d, "ROLLBACK", NULL, NULL);
	return ret;
}

static enum ct_err
pg_commit(struct db *db, struct ct_error *err)
{
	struct db_pg *d = to_pg(db);
	PGresult *res = PQexec(d->c, "COMMIT");
	enum ct_err ret = CT_OK;

	if (PQresultStatus(res) != PGRES_COMMAND_OK)
		ret = pg_error(d, res, "COMMIT", err);
	else if (!strcmp(PQcmdStatus(res), "ROLLBACK"))
		/* An earlier error had aborted the transaction. */
		ret = ct_error_set(err, CT_ERR_DB,
				   "De transactie op %s was al afgebroken; er "
				   "is niets opgeslagen.",
				   d->label);
	PQclear(res);
	return ret;
}

static void
pg_rollback(struct db *db)
{
	struct db_pg *d = to_pg(db);
	struct ct_error err;

	if (PQtransactionStatus(d->c) == PQTRANS_IDLE)
		return;
	if (pg_run(d, "ROLLBACK", NULL, &err) != CT_OK)
		ct_warn("%s: rollback failed: %s", d->label, err.message);
}

static enum ct_err
pg_table_exists(struct db *db, const char *table, int *exists,
		struct ct_error *err)
{
	struct db_pg *d = to_pg(db);
	const char *params[1] = {table};
	PGresult *res;
	enum ct_err ret = CT_OK;

	*exists = 0;
	res = PQexecParams(d->c,
			   "SELECT 1 FROM pg_catalog.pg_tables "
			   "WHERE schemaname = current_schema() "
			   "AND tablename = $1",
			   1, NULL, params, NULL, NULL, 0);
	if (PQresultStatus(res) != PGRES_TUPLES_OK)
		ret = pg_error(d, res, "schema lezen", err);
	else
		*exists = PQntuples(res) > 0;
	PQclear(res);
	return ret;
}

static const char *
pg_target(struct db *db)
{
	return to_pg(db)->label;
}

/* Append key='value' with libpq's quoting (\ and ' escaped). */
static int
pg_add_kv(struct sbuf *out, const char *key, const char *val)
{
	int fail = 0;

	if (out->len)
		fail |= sbuf_addch(out, ' ');
	fail |= sbuf_addf(out, "%s='", key);
	for (; *val && !fail; val++) {
		if (*val == '\\' || *val == '\'')
			fail |= sbuf_addch(out, '\\');
		fail |= sbuf_addch(out, *val);
	}
	return fail | sbuf_addch(out, '\'');
}

enum ct_err
db_pg_target_with_dbname(const char *base, const char *dbname, struct sbuf *out,
			 struct ct_error *err)
{
	PQconninfoOption *opts, *o;
	int fail;

	opts = PQconninfoParse(base, NULL);
	if (!opts)
		return ct_error_set(err, CT_ERR_CONFIG,
				    "De verbindingsgegevens voor PostgreSQL "
				    "zijn onleesbaar.");
	/* dbname first, so that db_is_pg_target() recognises the result. */
	fail = pg_add_kv(out, "dbname", dbname);
	for (o = opts; o->keyword && !fail; o++)
		if (o->val && *o->val && strcmp(o->keyword, "dbname") != 0)
			fail |= pg_add_kv(out, o->keyword, o->val);
	PQconninfoFree(opts);
	if (fail)
		return ct_error_set(err, CT_ERR_LIMIT,
				    "De verbindingsgegevens voor PostgreSQL "
				    "zijn te lang.");
	return CT_OK;
}

enum ct_err
db_pg_set_lock_timeout(struct db *db, int ms, struct ct_error *err)
{
	char sql[64];

	CT_ASSERT(db->drv == &db_pg_driver);
	snprintf(sql, sizeof(sql), "SET lock_timeout = %d", ms);
	return pg_run(to_pg(db), sql, NULL, err);
}

const struct db_driver db_pg_driver = {
	.name = "postgresql",
	.open = pg_open,
	.close = pg_close,
	.exec = pg_exec,
	.prepare = pg_prepare,
	.bind_text = pg_bind_text,
	.bind_int64 = pg_bind_int64,
	.bind_null = pg_bind_null,
	.step = pg_step,
	.column_text = pg_column_text,
	.column_int64 = pg_column_int64,
	.column_is_null = pg_column_is_null,
	.finalize = pg_finalize,
	.changes = pg_changes,
	.begin = pg_begin,
	.commit = pg_commit,
	.rollback = pg_rollback,
	.table_exists = pg_table_exists,
	.target = pg_target,
};
