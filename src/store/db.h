/*
 * db.h - the store's internal database driver interface.
 *
 * The store logic (store.c, store_*.c, journal.c) is written once against
 * this interface with portable SQL and `?` placeholders; each backend is a
 * `struct db_driver` (db_sqlite.c now, a libpq one later, which rewrites
 * `?` into `$n` in its prepare). Nothing outside src/store includes this.
 *
 * Contract:
 *  - Every fallible call returns enum ct_err and, when err is not NULL,
 *    a Dutch sentence naming the database and what to do. The driver maps
 *    its own codes: corruption -> CT_ERR_DB_CORRUPT, not a database ->
 *    CT_ERR_DB_FOREIGN, disk full -> CT_ERR_DISK_FULL, not writable ->
 *    CT_ERR_READONLY, locked -> CT_ERR_BUSY, I/O -> CT_ERR_IO, anything
 *    else -> CT_ERR_DB.
 *  - Binds never fail on their own: a failed bind is remembered in the
 *    statement and reported by the next db_step().
 *  - db_bind_text() with NULL binds SQL NULL. Bound text is copied.
 *  - db_column_text() returns text borrowed until the next step or
 *    finalize; NULL for SQL NULL.
 *  - db_begin(write=1) takes the write lock at once (SQLite BEGIN
 *    IMMEDIATE), so that reads inside the transaction see what it writes
 *    on top of a state no one else changes meanwhile.
 *  - Savepoints nest inside a transaction; names are plain identifiers.
 */
#ifndef CT_STORE_DB_H
#define CT_STORE_DB_H

#include <stdint.h>

#include "util/err.h"

struct db;
struct db_stmt;

enum db_open_flags {
	DB_OPEN_CREATE = 1 << 0,   /* create a missing database */
	DB_OPEN_READONLY = 1 << 1, /* never write */
	/*
	 * SQLite: a page cache of DB_SQLITE_SMALL_CACHE_KIB instead of the
	 * large one. When another connection has committed, SQLite empties
	 * a connection's whole page cache at the start of its next read
	 * transaction by walking a hash table as large as the most pages the
	 * cache ever held (pcache1 never shrinks it): with the large cache
	 * full, 15 us for every snapshot. Connections that read in short
	 * snapshots while the access log commits want a small one.
	 */
	DB_OPEN_SMALL_CACHE = 1 << 2,
};

#define DB_SQLITE_SMALL_CACHE_KIB 2048

struct db_driver {
	const char *name;
	enum ct_err (*open)(const char *target, unsigned flags, struct db **out,
			    struct ct_error *err);
	void (*close)(struct db *db);
	/* One or more statements without parameters or results. */
	enum ct_err (*exec)(struct db *db, const char *sql,
			    struct ct_error *err);
	enum ct_err (*prepare)(struct db *db, const char *sql,
			       struct db_stmt **out, struct ct_error *err);
	void (*bind_text)(struct db_stmt *s, int idx, const char *v);
	void (*bind_int64)(struct db_stmt *s, int idx, int64_t v);
	void (*bind_null)(struct db_stmt *s, int idx);
	/* *row = 1 when a row is available, 0 when done. */
	enum ct_err (*step)(struct db_stmt *s, int *row, struct ct_error *err);
	const char *(*column_text)(struct db_stmt *s, int col);
	int64_t (*column_int64)(struct db_stmt *s, int col);
	int (*column_is_null)(struct db_stmt *s, int col);
	void (*finalize)(struct db_stmt *s);
	/* Rows changed by the last completed INSERT/UPDATE/DELETE. */
	int64_t (*changes)(struct db *db);
	enum ct_err (*begin)(struct db *db, int write, struct ct_error *err);
	enum ct_err (*commit)(struct db *db, struct ct_error *err);
	void (*rollback)(struct db *db); /* never fails: errors are logged */
	enum ct_err (*table_exists)(struct db *db, const char *table,
				    int *exists, struct ct_error *err);
	/* The path or connection name, for messages. */
	const char *(*target)(struct db *db);
};

/* Every driver's struct db and struct db_stmt start with these. */
struct db {
	const struct db_driver *drv;
};

struct db_stmt {
	const struct db_driver *drv;
};

extern const struct db_driver db_sqlite_driver;
extern const struct db_driver db_pg_driver;

/*
 * Which driver a target names: `postgresql://...`, `postgres://...` and
 * key=value conninfo starting with "host=" or "dbname=" are PostgreSQL;
 * anything else is the path of an SQLite file.
 */
int db_is_pg_target(const char *target);
const struct db_driver *db_driver_for(const char *target);

static inline enum ct_err
db_open(const char *target, unsigned flags, struct db **out,
	struct ct_error *err)
{
	return db_driver_for(target)->open(target, flags, out, err);
}

/*
 * PostgreSQL: the advisory lock every write transaction takes (the
 * equivalent of SQLite's BEGIN IMMEDIATE); "CTAF" as a number.
 */
#define DB_PG_WRITE_LOCK_KEY "1129595206"

/*
 * PostgreSQL, for tests and tools: how long a writer waits for the write
 * lock before CT_ERR_BUSY (default 5 s, as SQLite's busy timeout); and
 * the conninfo of base (URI or key=value)
 * with its database replaced by dbname, as key=value text starting with
 * "dbname=", appended to out.
 */
struct sbuf;
enum ct_err db_pg_set_lock_timeout(struct db *db, int ms,
				   struct ct_error *err);
enum ct_err db_pg_target_with_dbname(const char *base, const char *dbname,
				     struct sbuf *out, struct ct_error *err);

/* The SQLite application_id that marks a Casustafel database ("CTAF"). */
#define DB_SQLITE_APPLICATION_ID 0x43544146

/*
 * SQLite only, for tests and tools: set the number of pages the file may
 * grow to (provokes a full disk) and the lock wait in milliseconds.
 */
enum ct_err db_sqlite_set_max_pages(struct db *db, int64_t pages,
				    struct ct_error *err);
void db_sqlite_set_busy_timeout(struct db *db, int ms);

/* SQLite only: how the prepared-statement cache has fared (tests, bench). */
struct db_sqlite_cache_stats {
	uint64_t hits;	    /* prepare answered from the cache */
	uint64_t misses;    /* compiled anew */
	uint64_t evictions; /* dropped to make room */
};
void db_sqlite_cache_stats(struct db *db, struct db_sqlite_cache_stats *out);

/* Thin dispatchers, so the store reads like plain calls. */
static inline void
db_close(struct db *db)
{
	if (db)
		db->drv->close(db);
}

static inline enum ct_err
db_exec(struct db *db, const char *sql, struct ct_error *err)
{
	return db->drv->exec(db, sql, err);
}

static inline enum ct_err
db_prepare(struct db *db, const char *sql, struct db_stmt **out,
	   struct ct_error *err)
{
	return db->drv->prepare(db, sql, out, err);
}

static inline void
db_bind_text(struct db_stmt *s, int idx, const char *v)
{
	s->drv->bind_text(s, idx, v);
}

static inline void
db_bind_int64(struct db_stmt *s, int idx, int64_t v)
{
	s->drv->bind_int64(s, idx, v);
}

static inline void
db_bind_null(struct db_stmt *s, int idx)
{
	s->drv->bind_null(s, idx);
}

static inline enum ct_err
db_step(struct db_stmt *s, int *row, struct ct_error *err)
{
	return s->drv->step(s, row, err);
}

static inline const char *
db_column_text(struct db_stmt *s, int col)
{
	return s->drv->column_text(s, col);
}

static inline int64_t
db_column_int64(struct db_stmt *s, int col)
{
	return s->drv->column_int64(s, col);
}

static inline int
db_column_is_null(struct db_stmt *s, int col)
{
	return s->drv->column_is_null(s, col);
}

static inline void
db_finalize(struct db_stmt *s)
{
	if (s)
		s->drv->finalize(s);
}

static inline int64_t
db_changes(struct db *db)
{
	return db->drv->changes(db);
}

static inline enum ct_err
db_begin(struct db *db, int write, struct ct_error *err)
{
	return db->drv->begin(db, write, err);
}

static inline enum ct_err
db_commit(struct db *db, struct ct_error *err)
{
	return db->drv->commit(db, err);
}

static inline void
db_rollback(struct db *db)
{
	db->drv->rollback(db);
}

static inline enum ct_err
db_table_exists(struct db *db, const char *table, int *exists,
		struct ct_error *err)
{
	return db->drv->table_exists(db, table, exists, err);
}

static inline const char *
db_target(struct db *db)
{
	return db->drv->target(db);
}

#endif
