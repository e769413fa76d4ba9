/*
 * store.c - opening a database, migrations, transactions, the clock.
 *
 * Opening delegates the backend-specific checks (is this our file, is it
 * damaged, can it be written) to the driver, then reads meta.schema_version
 * and refuses a schema newer than this program knows. Migrations run one
 * per transaction, each recording its version in meta in the same
 * transaction, so an interrupted upgrade resumes where it stopped. A
 * migration is one text for both backends; a line ending in
 * "-- sqlite only" or "-- postgresql only" is left out on the other.
 *
 * Transactions: every mutation brackets its work with store_write_begin()
 * and store_write_end(). At depth 0 that is BEGIN IMMEDIATE ... COMMIT;
 * nested (inside store_transaction()) it is a savepoint, so that a rejected
 * call inside a bulk transaction writes nothing, while the bulk work still
 * costs one commit. When the backend itself aborted the whole transaction
 * (SQLite does so on a full disk or I/O error), the savepoint is gone: the
 * store is then marked broken and everything up to the outer end is
 * refused and rolled back, so nothing runs outside a transaction.
 */
#include "store/store.h"

#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "store/db.h"
#include "store/migrations.h"
#include "store/store_int.h"
#include "util/crypto.h"
#include "util/sbuf.h"
#include "util/strparse.h"
#include "util/banned.h"

#define SAVEPOINT_SQL_MAX 64

static int64_t
real_clock(void *ctx)
{
	struct timespec ts;

	(void)ctx;
	if (clock_gettime(CLOCK_REALTIME, &ts) != 0)
		CT_BUG("clock_gettime(CLOCK_REALTIME) failed");
	return (int64_t)ts.tv_sec;
}

int
store_schema_latest(void)
{
	return store_migrations_count;
}

int
store_schema_version(struct store *st)
{
	return st->schema_version;
}

void
store_set_clock(struct store *st, int64_t (*now)(void *), void *ctx)
{
	st->now = now ? now : real_clock;
	st->now_ctx = now ? ctx : NULL;
}

int64_t
store_now(struct store *st)
{
	return st->now(st->now_ctx);
}

/* ------------------------------------------------------------------ */
/* Transactions.                                                      */

enum ct_err
store_write_begin(struct store *st, struct ct_error *err)
{
	char sql[SAVEPOINT_SQL_MAX];
	enum ct_err rc;

	if (st->depth == 0) {
		/* A snapshot cannot become a write transaction once another
		 * connection committed: end it and take the newest state. */
		store_read_end(st);
		rc = db_begin(st->db, 1, err);
		if (rc)
			return rc;
		st->head_valid = 0;
		st->tx_broken = 0;
	} else {
		if (st->tx_broken)
			return ct_error_set(err, CT_ERR_DB,
					    "De transactie op database %s is "
					    "al afgebroken; er wordt niets "
					    "opgeslagen.",
					    db_target(st->db));
		snprintf(sql, sizeof(sql), "SAVEPOINT ct_sp%d", st->depth);
		rc = db_exec(st->db, sql, err);
		if (rc)
			return rc;
	}
	st->depth++;
	return CT_OK;
}

enum ct_err
store_write_end(struct store *st, enum ct_err rc, struct ct_error *err)
{
	char sql[SAVEPOINT_SQL_MAX];
	enum ct_err rc2;

	CT_ASSERT(st->depth > 0);
	st->depth--;
	if (st->depth == 0) {
		if (rc == CT_OK && st->tx_broken)
			rc = ct_error_set(err, CT_ERR_DB,
					  "De transactie op database %s is "
					  "afgebroken; er is niets opgeslagen.",
					  db_target(st->db));
		if (rc == CT_OK) {
			rc = db_commit(st->db, err);
			if (rc)
				db_rollback(st->db);
		} else {
			db_rollback(st->db);
		}
		st->head_valid = 0;
		st->tx_broken = 0;
		return rc;
	}
	if (rc == CT_OK) {
		snprintf(sql, sizeof(sql), "RELEASE SAVEPOINT ct_sp%d",
			 st->depth);
		rc2 = db_exec(st->db, sql, err);
		if (rc2 == CT_OK)
			return CT_OK;
		rc = rc2;
	}
	snprintf(sql, sizeof(sql),
		 "ROLLBACK TO SAVEPOINT ct_sp%d; RELEASE SAVEPOINT ct_sp%d",
		 st->depth, st->depth);
	/* NULL: keep the message of the failure that got us here. */
	if (db_exec(st->db, sql, NULL) != CT_OK)
		st->tx_broken = 1;
	st->head_valid = 0;
	return rc;
}

enum ct_err
store_read_begin(struct store *st, struct ct_error *err)
{
	enum ct_err rc;

	if (st->depth > 0 || st->read_open || st->db->drv != &db_sqlite_driver)
		return CT_OK;
	rc = db_begin(st->db, 0, err);
	if (rc == CT_OK)
		st->read_open = 1;
	return rc;
}

void
store_read_end(struct store *st)
{
	if (!st->read_open)
		return;
	st->read_open = 0;
	/* Nothing was written: a failing COMMIT only leaves the snapshot
	 * to give up, which rollback does (and logs). */
	if (db_commit(st->db, NULL) != CT_OK)
		db_rollback(st->db);
}

enum ct_err
store_transaction(struct store *st,
		  enum ct_err (*fn)(struct store *st, void *ctx), void *ctx,
		  struct ct_error *err)
{
	enum ct_err rc;

	rc = store_write_begin(st, err);
	if (rc)
		return rc;
	rc = fn(st, ctx);
	if (rc && (!err || err->code != rc))
		ct_error_set(err, rc,
			     "De bewerking is afgebroken (%s); er is niets "
			     "opgeslagen.",
			     ct_strerror(rc));
	return store_write_end(st, rc, err);
}

/* ------------------------------------------------------------------ */
/* Meta and migrations.                                               */

static enum ct_err
meta_get(struct store *st, const char *key, struct sbuf *out,
	 struct ct_error *err)
{
	struct db_stmt *s = NULL;
	enum ct_err rc;
	int row;

	rc = db_prepare(st->db, "SELECT value FROM meta WHERE key = ?", &s,
			err);
	if (rc)
		return rc;
	db_bind_text(s, 1, key);
	rc = db_step(s, &row, err);
	if (rc == CT_OK && !row)
		rc = CT_ERR_NOTFOUND; /* caller words the message */
	else if (rc == CT_OK && sbuf_addstr(out, db_column_text(s, 0)))
		rc = CT_ERR_LIMIT;
	db_finalize(s);
	return rc;
}

static enum ct_err
meta_set(struct store *st, const char *key, const char *value,
	 struct ct_error *err)
{
	struct db_stmt *s = NULL;
	enum ct_err rc;
	int row;

	/* Delete and insert: portable, unlike INSERT OR REPLACE / UPSERT. */
	rc = db_prepare(st->db, "DELETE FROM meta WHERE key = ?", &s, err);
	if (rc)
		return rc;
	db_bind_text(s, 1, key);
	rc = db_step(s, &row, err);
	db_finalize(s);
	if (rc)
		return rc;
	rc = db_prepare(st->db, "INSERT INTO meta (key, value) VALUES (?, ?)",
			&s, err);
	if (rc)
		return rc;
	db_bind_text(s, 1, key);
	db_bind_text(s, 2, value);
	rc = db_step(s, &row, err);
	db_finalize(s);
	return rc;
}

static enum ct_err
not_ours(struct store *st, struct ct_error *err)
{
	return ct_error_set(err, CT_ERR_DB_FOREIGN,
			    "%s is geen Casustafel-database (de beschrijving "
			    "van het schema ontbreekt). Controleer het pad.",
			    db_target(st->db));
}

/* Read meta.schema_version (0 for an empty database). */
static enum ct_err
load_schema_version(struct store *st, struct ct_error *err)
{
	struct sbuf val;
	enum ct_err rc;
	int64_t v;
	int exists;

	rc = db_table_exists(st->db, "meta", &exists, err);
	if (rc)
		return rc;
	if (!exists) {
		st->schema_version = 0;
		return CT_OK;
	}
	sbuf_init(&val, SBUF_MAX_SMALL);
	rc = meta_get(st, "application", &val, err);
	if (rc == CT_OK && strcmp(val.buf, "casustafel") != 0)
		rc = CT_ERR_NOTFOUND;
	if (rc == CT_OK) {
		sbuf_reset(&val);
		rc = meta_get(st, "schema_version", &val, err);
	}
	if (rc == CT_OK && ct_parse_int(val.buf, 1, INT32_MAX, &v) != CT_OK)
		rc = CT_ERR_NOTFOUND;
	sbuf_release(&val);
	if (rc == CT_ERR_NOTFOUND || rc == CT_ERR_LIMIT)
		return not_ours(st, err);
	if (rc)
		return rc;
	st->schema_version = (int)v;
	return CT_OK;
}

/*
 * Whether a migration line is for this backend: a line that ends in
 * "-- sqlite only" or "-- postgresql only" runs only there, for the rare
 * statement the two cannot share (a column that is SQLite's rowid).
 */
static int
migration_line_applies(const struct store *st, const char *line)
{
	static const char mark[] = " only";
	const char *dash = strstr(line, "-- ");
	size_t len;

	if (!dash)
		return 1;
	len = strlen(dash + 3);
	while (len && (dash[3 + len - 1] == '\n' || dash[3 + len - 1] == ' '))
		len--;
	if (len < sizeof(mark) - 1 ||
	    memcmp(dash + 3 + len - (sizeof(mark) - 1), mark,
		   sizeof(mark) - 1) != 0)
		return 1;
	len -= sizeof(mark) - 1;
	if ((len == 6 && memcmp(dash + 3, "sqlite", 6) == 0) ||
	    (len == 10 && memcmp(dash + 3, "postgresql", 10) == 0))
		return strlen(st->db->drv->name) == len &&
		       memcmp(st->db->drv->name, dash + 3, len) == 0;
	return 1;
}

static enum ct_err
apply_migration(struct store *st, const struct store_migration *m,
		struct ct_error *err)
{
	struct sbuf sql, ver;
	enum ct_err rc;
	size_t i;

	sbuf_init(&sql, SBUF_MAX_LARGE);
	sbuf_init(&ver, SBUF_MAX_SMALL);
	for (i = 0; m->sql_lines[i]; i++)
		if (migration_line_applies(st, m->sql_lines[i]) &&
		    sbuf_addstr(&sql, m->sql_lines[i]))
			CT_BUG("migration larger than SBUF_MAX_LARGE");
	if (sbuf_addf(&ver, "%d", m->version))
		CT_BUG("version does not fit");
	rc = store_write_begin(st, err);
	if (rc)
		goto out;
	rc = db_exec(st->db, sql.buf, err);
	if (rc == CT_OK)
		rc = meta_set(st, "schema_version", ver.buf, err);
	rc = store_write_end(st, rc, err);
out:
	sbuf_release(&sql);
	sbuf_release(&ver);
	return rc;
}

enum ct_err
store_migrate(struct store *st, int *applied, struct ct_error *err)
{
	enum ct_err rc;
	int i, n = 0;

	for (i = 0; i < store_migrations_count; i++) {
		const struct store_migration *m = &store_migrations[i];

		CT_ASSERT(m->version == i + 1);
		if (m->version <= st->schema_version)
			continue;
		rc = apply_migration(st, m, err);
		if (rc)
			return rc;
		st->schema_version = m->version;
		n++;
	}
	if (applied)
		*applied = n;
	return CT_OK;
}

/* ------------------------------------------------------------------ */
/* Open and close.                                                    */

enum ct_err
store_open(const char *path, unsigned flags, struct store **out,
	   struct ct_error *err)
{
	struct store *st = NULL;
	struct db *db = NULL;
	unsigned dbflags = 0;
	enum ct_err rc;

	if (ct_crypto_init() != CT_OK)
		return ct_error_set(err, CT_ERR_INTERNAL,
				    "De cryptografische bibliotheek kon niet "
				    "worden gestart.");
	if (flags & STORE_OPEN_CREATE)
		dbflags |= DB_OPEN_CREATE;
	if (flags & STORE_OPEN_READONLY)
		dbflags |= DB_OPEN_READONLY;
	if (flags & STORE_OPEN_REQUESTS)
		dbflags |= DB_OPEN_SMALL_CACHE;
	rc = db_open(path, dbflags, &db, err);
	if (rc)
		return rc;
	st = ct_calloc(1, sizeof(*st));
	st->db = db;
	st->flags = flags;
	store_set_clock(st, NULL, NULL);

	rc = load_schema_version(st, err);
	if (rc)
		goto fail;
	if (st->schema_version > store_schema_latest()) {
		rc = ct_error_set(err, CT_ERR_DB_NEWER,
				  "Database %s is gemaakt door een nieuwere "
				  "versie van Casustafel (schema %d, deze "
				  "versie kent %d). Werk Casustafel bij; de "
				  "database is niet veranderd.",
				  db_target(st->db), st->schema_version,
				  store_schema_latest());
		goto fail;
	}
	if (!(flags & (STORE_OPEN_NO_MIGRATE | STORE_OPEN_READONLY))) {
		rc = store_migrate(st, NULL, err);
		if (rc)
			goto fail;
	}
	*out = st;
	return CT_OK;
fail:
	store_close(st);
	return rc;
}

void
store_close(struct store *st)
{
	if (!st)
		return;
	if (st->depth > 0)
		CT_BUG("store_close inside a transaction");
	store_read_end(st);
	db_close(st->db);
	free(st);
}

/* ------------------------------------------------------------------ */
/* Counts.                                                            */

enum ct_err
store_counts(struct store *st, struct store_counts *out, struct ct_error *err)
{
	static const char sql[] = "SELECT (SELECT count(*) FROM orgs),"
				  " (SELECT count(*) FROM users),"
				  " (SELECT count(*) FROM cases),"
				  " (SELECT count(*) FROM persons),"
				  " (SELECT count(*) FROM relations),"
				  " (SELECT count(*) FROM incidents),"
				  " (SELECT count(*) FROM journal)";
	struct db_stmt *s = NULL;
	enum ct_err rc;
	int row;

	rc = db_prepare(st->db, sql, &s, err);
	if (rc)
		return rc;
	rc = db_step(s, &row, err);
	if (rc == CT_OK && !row)
		CT_BUG("count query returned no row");
	if (rc == CT_OK) {
		out->orgs = db_column_int64(s, 0);
		out->users = db_column_int64(s, 1);
		out->cases = db_column_int64(s, 2);
		out->persons = db_column_int64(s, 3);
		out->relations = db_column_int64(s, 4);
		out->incidents = db_column_int64(s, 5);
		out->journal = db_column_int64(s, 6);
	}
	db_finalize(s);
	return rc;
}
