/*
 * db_sqlite.c - the SQLite driver behind store/db.h.
 *
 * One connection per struct db, used by one thread at a time. Opening is
 * where a wrong file is caught, before the store reads a single row:
 *  - a missing file is created only with DB_OPEN_CREATE, by us with mode
 *    0600 (the file holds personal data), so that errno tells a missing
 *    directory (CT_ERR_NOTFOUND) from an unwritable one (CT_ERR_READONLY);
 *  - a file that is not SQLite (SQLITE_NOTADB) or is SQLite with another
 *    application_id, or with tables but no application_id, is foreign;
 *  - an empty database gets our application_id, so that the next open
 *    recognises it;
 *  - damage is found by SQLITE_CORRUPT on the first reads and, for files up
 *    to QUICK_CHECK_MAX_BYTES, by `PRAGMA quick_check` (a full check on a
 *    multi-gigabyte file would make every start take minutes).
 * Then WAL, synchronous=FULL, foreign_keys=ON, a busy timeout and a page
 * cache large enough for the indexes of a busy region (SQLite's default of
 * 2 MB made every insert into a random-UUID index re-read its page from the
 * OS once the tables outgrew it, so the cost per case rose with the table).
 *
 * Prepared-statement cache: the store prepares the same few dozen SQL
 * texts over and over (every call is prepare, bind, step, finalize), and
 * parsing was a large part of the cost of a small insert. So prepare looks
 * the text up in a per-connection cache and hands out the compiled
 * statement; finalize resets it and clears its bindings and puts it back.
 * The texts are nearly always the same string literals, so an entry is
 * first looked for by the address it was last asked for at (strcmp still
 * decides) before the text is hashed.
 * A text already in use (a nested query with the same SQL) gets a fresh,
 * uncached statement, so two users never share one. When the cache is
 * full the least recently used idle entry is evicted; close finalizes all.
 * Single statements given to exec (BEGIN, COMMIT, SAVEPOINT ...) go
 * through the same cache; multi-statement scripts (migrations) do not.
 */
#include "store/db.h"

#include <errno.h>
#include <fcntl.h>
#include <pthread.h>
#include <sqlite3.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "util/compat.h"
#include "util/log.h"
#include "util/sbuf.h"
#include "util/banned.h"

#define QUICK_CHECK_MAX_BYTES ((off_t)64 * 1024 * 1024)
#define BUSY_TIMEOUT_MS 5000
/* Page cache per connection: 32 MiB (a negative cache_size is KiB);
 * DB_OPEN_SMALL_CACHE (db.h): DB_SQLITE_SMALL_CACHE_KIB. */
#define PAGE_CACHE_KIB 32768
/* Savepoint journals in memory, not in a temp file (see above). */
#define TEMP_STORE_PRAGMA "PRAGMA temp_store = MEMORY"
/* Distinct SQL texts kept compiled per connection. */
#define STMT_CACHE_MAX 96

struct db_sqlite_stmt {
	struct db_stmt base;
	struct db_sqlite *db;
	sqlite3_stmt *s;
	int bind_rc;		       /* first failed bind, reported by step */
	struct sq_cache_entry *cached; /* NULL: finalize for real */
};

/* One compiled statement, with its SQL text as the key. */
struct sq_cache_entry {
	char *sql;
	const char *caller_sql; /* the text's address at the last lookup */
	uint64_t hash;
	uint64_t last_use; /* for LRU eviction */
	int in_use;
	struct db_sqlite_stmt stmt;
};

struct db_sqlite {
	struct db base;
	sqlite3 *h;
	char *path;
	int readonly;
	size_t ncached;
	uint64_t use_clock;
	struct db_sqlite_cache_stats stats;
	struct sq_cache_entry cache[STMT_CACHE_MAX];
};

static struct db_sqlite *
to_sq(struct db *db)
{
	return (struct db_sqlite *)db;
}

static struct db_sqlite_stmt *
to_sqs(struct db_stmt *s)
{
	return (struct db_sqlite_stmt *)s;
}

/*
 * Map an SQLite result code to our error and a sentence that names the
 * file and says what to do. `what` says what we were doing.
 */
static enum ct_err
sq_error(const char *path, sqlite3 *h, int rc, const char *what,
	 struct ct_error *err)
{
	const char *detail = h ? sqlite3_errmsg(h) : sqlite3_errstr(rc);
	int ext = (rc >> 8) || !h ? rc : sqlite3_extended_errcode(h);

	/* A duplicate key is "exists", as PostgreSQL's 23505 in db_pg.c, so
	 * that callers and the API answer alike on both backends. */
	if (ext == SQLITE_CONSTRAINT_UNIQUE ||
	    ext == SQLITE_CONSTRAINT_PRIMARYKEY)
		return ct_error_set(err, CT_ERR_EXISTS,
				    "Dit gegeven bestaat al in %s (%s).", path,
				    detail);
	switch (rc & 0xff) {
	case SQLITE_CORRUPT:
		return ct_error_set(err, CT_ERR_DB_CORRUPT,
				    "Database %s is beschadigd (%s). Zet de "
				    "laatste back-up terug en meld het aan de "
				    "beheerder.",
				    path, detail);
	case SQLITE_NOTADB:
		return ct_error_set(
			err, CT_ERR_DB_FOREIGN,
			"%s is geen Casustafel-database. Controleer "
			"het pad.",
			path);
	case SQLITE_FULL:
		return ct_error_set(err, CT_ERR_DISK_FULL,
				    "De schijf van database %s is vol; er is "
				    "niets opgeslagen. Maak ruimte vrij en "
				    "probeer het opnieuw.",
				    path);
	case SQLITE_READONLY:
	case SQLITE_PERM:
	case SQLITE_CANTOPEN:
		return ct_error_set(
			err, CT_ERR_READONLY,
			"Database %s kan niet worden beschreven "
			"(%s). Controleer de rechten op het bestand "
			"en de map, of open haar niet alleen-lezen.",
			path, detail);
	case SQLITE_BUSY:
	case SQLITE_LOCKED:
		return ct_error_set(
			err, CT_ERR_BUSY,
			"Database %s is bezet door een ander "
			"proces. Probeer het zo opnieuw; blijft het "
			"bezet, kijk dan welk proces haar gebruikt.",
			path);
	case SQLITE_IOERR:
		return ct_error_set(
			err, CT_ERR_IO,
			"Lees- of schrijffout bij database %s (%s). "
			"Controleer de schijf.",
			path, detail);
	case SQLITE_TOOBIG:
		return ct_error_set(err, CT_ERR_LIMIT,
				    "Een waarde is te groot voor database %s.",
				    path);
	case SQLITE_NOMEM:
		CT_BUG("sqlite: out of memory");
	default:
		return ct_error_set(err, CT_ERR_DB,
				    "Databasefout in %s bij %s: %s.", path,
				    what, detail);
	}
}

static enum ct_err
sq_exec_raw(struct db_sqlite *d, const char *sql, struct ct_error *err)
{
	int rc = sqlite3_exec(d->h, sql, NULL, NULL, NULL);

	if (rc != SQLITE_OK)
		return sq_error(d->path, d->h, rc, sql, err);
	return CT_OK;
}

/* Run a query that yields one integer; *out is 0 when it yields no row. */
static enum ct_err
sq_query_int(struct db_sqlite *d, const char *sql, int64_t *out,
	     struct ct_error *err)
{
	sqlite3_stmt *s = NULL;
	int rc;

	*out = 0;
	rc = sqlite3_prepare_v2(d->h, sql, -1, &s, NULL);
	if (rc == SQLITE_OK) {
		rc = sqlite3_step(s);
		if (rc == SQLITE_ROW) {
			*out = sqlite3_column_int64(s, 0);
			rc = SQLITE_OK;
		} else if (rc == SQLITE_DONE) {
			rc = SQLITE_OK;
		}
	}
	sqlite3_finalize(s);
	if (rc != SQLITE_OK)
		return sq_error(d->path, d->h, rc, sql, err);
	return CT_OK;
}

static enum ct_err
sq_quick_check(struct db_sqlite *d, struct ct_error *err)
{
	sqlite3_stmt *s = NULL;
	enum ct_err ret = CT_OK;
	int rc;

	rc = sqlite3_prepare_v2(d->h, "PRAGMA quick_check(1)", -1, &s, NULL);
	if (rc == SQLITE_OK)
		rc = sqlite3_step(s);
	if (rc == SQLITE_ROW) {
		const char *res = (const char *)sqlite3_column_text(s, 0);

		if (!res || strcmp(res, "ok") != 0)
			ret = ct_error_set(err, CT_ERR_DB_CORRUPT,
					   "Database %s is beschadigd (%s). "
					   "Zet de laatste back-up terug en "
					   "meld het aan de beheerder.",
					   d->path, res ? res : "?");
	} else if (rc != SQLITE_DONE) {
		ret = sq_error(d->path, d->h, rc, "controle", err);
	}
	sqlite3_finalize(s);
	return ret;
}

/* Create a missing file ourselves, so errno explains a failure. */
static enum ct_err
sq_create_file(const char *path, struct ct_error *err)
{
	char *dir = ct_strdup(path);
	char *slash = strrchr(dir, '/');
	struct stat sb;
	enum ct_err ret = CT_OK;
	int fd, saved;

	if (slash == dir)
		slash[1] = '\0';
	else if (slash)
		*slash = '\0';
	else
		dir[0] = '.', dir[1] = '\0';
	if (stat(dir, &sb) != 0 || !S_ISDIR(sb.st_mode)) {
		ret = ct_error_set(err, CT_ERR_NOTFOUND,
				   "De map %s voor database %s bestaat niet. "
				   "Maak de map eerst aan of kies een ander "
				   "pad.",
				   dir, path);
		goto out;
	}
	fd = open(path, O_RDWR | O_CREAT | O_EXCL | O_CLOEXEC, 0600);
	if (fd < 0 && errno != EEXIST) {
		saved = errno;
		if (saved == ENOSPC)
			ret = ct_error_set(err, CT_ERR_DISK_FULL,
					   "De schijf voor database %s is vol. "
					   "Maak ruimte vrij en probeer het "
					   "opnieuw.",
					   path);
		else
			ret = ct_error_set(
				err, CT_ERR_READONLY,
				"Database %s kan niet worden "
				"aangemaakt: in map %s mag niet "
				"worden geschreven (%s). Kies een "
				"map waarin Casustafel mag schrijven.",
				path, dir, strerror(saved));
		goto out;
	}
	if (fd >= 0)
		close(fd);
out:
	free(dir);
	return ret;
}

static void sq_close(struct db *db);

static pthread_once_t sq_config_once = PTHREAD_ONCE_INIT;

/*
 * Process-wide settings, before SQLite initialises itself: no memory
 * statistics, whose global mutex every malloc and free of every connection
 * took (a contended lock once dozens of server threads query at once).
 * SQLITE_MISUSE means SQLite was already initialised by someone else; it
 * then keeps its defaults, which are correct, only slower.
 */
static void
sq_config(void)
{
	(void)sqlite3_config(SQLITE_CONFIG_MEMSTATUS, 0);
}

/*
 * Refuse files that are not ours; mark an empty database as ours.
 * The first read of the schema is also where SQLite notices a file that is
 * not a database at all or whose first page is damaged.
 */
static enum ct_err
sq_check_identity(struct db_sqlite *d, struct ct_error *err)
{
	int64_t tables, app_id;
	enum ct_err ret;
	struct sbuf sql;

	ret = sq_query_int(d, "SELECT count(*) FROM sqlite_master", &tables,
			   err);
	if (ret)
		return ret;
	ret = sq_query_int(d, "PRAGMA application_id", &app_id, err);
	if (ret)
		return ret;
	if (app_id == DB_SQLITE_APPLICATION_ID)
		return CT_OK;
	if (app_id != 0 || tables != 0 || d->readonly)
		return ct_error_set(err, CT_ERR_DB_FOREIGN,
				    "%s is geen Casustafel-database (een "
				    "SQLite-bestand van een ander programma). "
				    "Controleer het pad; er is niets aan het "
				    "bestand veranderd.",
				    d->path);
	sbuf_init(&sql, SBUF_MAX_SMALL);
	if (sbuf_addf(&sql, "PRAGMA application_id = %d",
		      DB_SQLITE_APPLICATION_ID))
		CT_BUG("application_id pragma does not fit");
	ret = sq_exec_raw(d, sql.buf, err);
	sbuf_release(&sql);
	return ret;
}

/* The page cache of d: kib KiB (before any read fills it). */
static enum ct_err
sq_set_cache(struct db_sqlite *d, int kib, struct ct_error *err)
{
	struct sbuf sql;
	enum ct_err ret;

	sbuf_init(&sql, SBUF_MAX_SMALL);
	if (sbuf_addf(&sql, "PRAGMA cache_size = -%d", kib))
		CT_BUG("cache_size pragma does not fit");
	ret = sq_exec_raw(d, sql.buf, err);
	sbuf_release(&sql);
	return ret;
}

static enum ct_err
sq_open(const char *path, unsigned flags, struct db **out, struct ct_error *err)
{
	struct db_sqlite *d = NULL;
	struct stat sb;
	enum ct_err ret = CT_OK;
	int rc, oflags;

	*out = NULL;
	if (stat(path, &sb) != 0) {
		if (errno != ENOENT)
			return ct_error_set(err, CT_ERR_IO,
					    "Database %s kan niet worden "
					    "gelezen (%s).",
					    path, strerror(errno));
		if (!(flags & DB_OPEN_CREATE) || (flags & DB_OPEN_READONLY))
			return ct_error_set(err, CT_ERR_NOTFOUND,
					    "Database %s bestaat niet. "
					    "Controleer het pad, of maak een "
					    "nieuwe aan met 'casustafel init'.",
					    path);
		ret = sq_create_file(path, err);
		if (ret)
			return ret;
	} else if (S_ISDIR(sb.st_mode)) {
		return ct_error_set(err, CT_ERR_DB_FOREIGN,
				    "%s is een map, geen Casustafel-database. "
				    "Geef het pad van het databasebestand.",
				    path);
	}

	d = ct_calloc(1, sizeof(*d));
	d->base.drv = &db_sqlite_driver;
	d->path = ct_strdup(path);
	d->readonly = (flags & DB_OPEN_READONLY) != 0;
	oflags = d->readonly ? SQLITE_OPEN_READONLY : SQLITE_OPEN_READWRITE;
	/* One thread at a time per connection (db.h): SQLite's own
	 * per-connection mutex only costs, on every call. */
	oflags |= SQLITE_OPEN_NOMUTEX;
	pthread_once(&sq_config_once, sq_config);
	rc = sqlite3_open_v2(path, &d->h, oflags, NULL);
	if (rc != SQLITE_OK) {
		ret = sq_error(path, d->h, rc, "openen", err);
		goto out;
	}
	sqlite3_extended_result_codes(d->h, 1);
	sqlite3_busy_timeout(d->h, BUSY_TIMEOUT_MS);

	ret = sq_check_identity(d, err);
	if (ret)
		goto out;
	if (!d->readonly) {
		/* journal_mode answers with a row; exec ignores it. */
		ret = sq_exec_raw(d, "PRAGMA journal_mode = WAL", err);
		if (ret)
			goto out;
	}
	ret = sq_exec_raw(d,
			  "PRAGMA synchronous = FULL;"
			  "PRAGMA foreign_keys = ON;" TEMP_STORE_PRAGMA,
			  err);
	if (ret)
		goto out;
	ret = sq_set_cache(d,
			   flags & DB_OPEN_SMALL_CACHE
				   ? DB_SQLITE_SMALL_CACHE_KIB
				   : PAGE_CACHE_KIB,
			   err);
	if (ret)
		goto out;
	if (d->readonly) {
		ret = sq_exec_raw(d, "PRAGMA query_only = ON", err);
		if (ret)
			goto out;
	}
	if (stat(path, &sb) == 0 && sb.st_size <= QUICK_CHECK_MAX_BYTES) {
		ret = sq_quick_check(d, err);
		if (ret)
			goto out;
	}
	*out = &d->base;
	d = NULL;
out:
	if (d)
		sq_close(&d->base);
	return ret;
}

static void
sq_close(struct db *db)
{
	struct db_sqlite *d = to_sq(db);
	size_t i;
	int rc;

	for (i = 0; i < d->ncached; i++) {
		if (d->cache[i].in_use)
			CT_BUG("sqlite: statement still in use at close");
		sqlite3_finalize(d->cache[i].stmt.s);
		free(d->cache[i].sql);
	}
	rc = sqlite3_close(d->h);

	if (rc != SQLITE_OK)
		CT_BUG("sqlite: statements left open at close");
	free(d->path);
	free(d);
}

/* FNV-1a over the SQL text: cheap, and strcmp settles collisions. */
static uint64_t
sq_hash(const char *sql)
{
	uint64_t h = UINT64_C(14695981039346656037);

	for (; *sql; sql++)
		h = (h ^ (unsigned char)*sql) * UINT64_C(1099511628211);
	return h;
}

/*
 * The store passes the same string literals over and over: an entry whose
 * text was last asked for at this very address is found without hashing
 * (the hash walks the text a byte at a time, and an OR-heavy case query
 * is a few hundred bytes). strcmp still decides, since a text built at run
 * time may reuse an address with other contents.
 */
static struct sq_cache_entry *
sq_cache_find_by_address(struct db_sqlite *d, const char *sql)
{
	size_t i;

	for (i = 0; i < d->ncached; i++) {
		struct sq_cache_entry *e = &d->cache[i];

		if (e->caller_sql == sql && !e->in_use &&
		    strcmp(e->sql, sql) == 0)
			return e;
	}
	return NULL;
}

static struct sq_cache_entry *
sq_cache_find(struct db_sqlite *d, const char *sql, uint64_t hash)
{
	size_t i;

	for (i = 0; i < d->ncached; i++) {
		struct sq_cache_entry *e = &d->cache[i];

		if (e->hash == hash && !e->in_use && strcmp(e->sql, sql) == 0)
			return e;
	}
	return NULL;
}

/* A free slot: a new one, or the least recently used idle entry. */
static struct sq_cache_entry *
sq_cache_slot(struct db_sqlite *d)
{
	struct sq_cache_entry *victim = NULL;
	size_t i;

	if (d->ncached < STMT_CACHE_MAX)
		return &d->cache[d->ncached++];
	for (i = 0; i < d->ncached; i++) {
		struct sq_cache_entry *e = &d->cache[i];

		if (!e->in_use && (!victim || e->last_use < victim->last_use))
			victim = e;
	}
	if (!victim)
		return NULL; /* all in use: the caller goes uncached */
	sqlite3_finalize(victim->stmt.s);
	free(victim->sql);
	memset(victim, 0, sizeof(*victim));
	d->stats.evictions++;
	return victim;
}

/*
 * The statement for sql: cached when possible. *single is set to whether
 * sql held exactly one statement (only those are cached; the caller of a
 * script falls back to sqlite3_exec).
 */
static enum ct_err
sq_stmt_get(struct db_sqlite *d, const char *sql, struct db_sqlite_stmt **out,
	    int *single, struct ct_error *err)
{
	struct sq_cache_entry *e = sq_cache_find_by_address(d, sql);
	struct db_sqlite_stmt *st;
	sqlite3_stmt *s = NULL;
	const char *tail = NULL;
	uint64_t hash = 0;
	int rc;

	*out = NULL;
	*single = 1;
	if (!e) {
		hash = sq_hash(sql);
		e = sq_cache_find(d, sql, hash);
	}
	if (e) {
		e->caller_sql = sql;
		e->in_use = 1;
		e->last_use = ++d->use_clock;
		e->stmt.bind_rc = SQLITE_OK;
		d->stats.hits++;
		*out = &e->stmt;
		return CT_OK;
	}
	d->stats.misses++;
	rc = sqlite3_prepare_v3(d->h, sql, -1, SQLITE_PREPARE_PERSISTENT, &s,
				&tail);
	if (rc != SQLITE_OK) {
		sqlite3_finalize(s);
		return sq_error(d->path, d->h, rc, "voorbereiden", err);
	}
	while (tail &&
	       (*tail == ' ' || *tail == '\t' || *tail == '\n' || *tail == ';'))
		tail++;
	if (!s || (tail && *tail)) {
		/* Empty or more than one statement. */
		sqlite3_finalize(s);
		*single = 0;
		return CT_OK;
	}
	e = sq_cache_slot(d);
	if (e) {
		e->sql = ct_strdup(sql);
		e->caller_sql = sql;
		e->hash = hash;
		e->in_use = 1;
		e->last_use = ++d->use_clock;
		st = &e->stmt;
		st->cached = e;
	} else {
		st = ct_calloc(1, sizeof(*st));
	}
	st->base.drv = &db_sqlite_driver;
	st->db = d;
	st->s = s;
	st->bind_rc = SQLITE_OK;
	*out = st;
	return CT_OK;
}

static void
sq_stmt_put(struct db_sqlite_stmt *st)
{
	if (!st->cached) {
		sqlite3_finalize(st->s);
		free(st);
		return;
	}
	/* reset repeats the last step's error, which was reported then. */
	sqlite3_reset(st->s);
	sqlite3_clear_bindings(st->s);
	st->cached->in_use = 0;
}

static enum ct_err
sq_exec(struct db *db, const char *sql, struct ct_error *err)
{
	struct db_sqlite *d = to_sq(db);
	struct db_sqlite_stmt *st = NULL;
	enum ct_err ret;
	int single, rc;

	ret = sq_stmt_get(d, sql, &st, &single, err);
	if (ret)
		return ret;
	if (!single)
		return sq_exec_raw(d, sql, err);
	while ((rc = sqlite3_step(st->s)) == SQLITE_ROW)
		;
	ret = rc == SQLITE_DONE ? CT_OK : sq_error(d->path, d->h, rc, sql, err);
	sq_stmt_put(st);
	return ret;
}

static enum ct_err
sq_prepare(struct db *db, const char *sql, struct db_stmt **out,
	   struct ct_error *err)
{
	struct db_sqlite *d = to_sq(db);
	struct db_sqlite_stmt *st = NULL;
	enum ct_err ret;
	int single;

	*out = NULL;
	ret = sq_stmt_get(d, sql, &st, &single, err);
	if (ret)
		return ret;
	if (!single)
		CT_BUG("sqlite: prepare of an empty or multi-statement text");
	*out = &st->base;
	return CT_OK;
}

static void
sq_note_bind(struct db_sqlite_stmt *st, int rc)
{
	if (rc == SQLITE_RANGE)
		CT_BUG("sqlite: bind index out of range");
	if (rc != SQLITE_OK && st->bind_rc == SQLITE_OK)
		st->bind_rc = rc;
}

static void
sq_bind_text(struct db_stmt *s, int idx, const char *v)
{
	struct db_sqlite_stmt *st = to_sqs(s);

	if (!v)
		sq_note_bind(st, sqlite3_bind_null(st->s, idx));
	else
		sq_note_bind(st, sqlite3_bind_text(st->s, idx, v, -1,
						   SQLITE_TRANSIENT));
}

static void
sq_bind_int64(struct db_stmt *s, int idx, int64_t v)
{
	struct db_sqlite_stmt *st = to_sqs(s);

	sq_note_bind(st, sqlite3_bind_int64(st->s, idx, v));
}

static void
sq_bind_null(struct db_stmt *s, int idx)
{
	struct db_sqlite_stmt *st = to_sqs(s);

	sq_note_bind(st, sqlite3_bind_null(st->s, idx));
}

static enum ct_err
sq_step(struct db_stmt *s, int *row, struct ct_error *err)
{
	struct db_sqlite_stmt *st = to_sqs(s);
	int rc;

	*row = 0;
	if (st->bind_rc != SQLITE_OK)
		return sq_error(st->db->path, NULL, st->bind_rc, "binden", err);
	rc = sqlite3_step(st->s);
	if (rc == SQLITE_ROW) {
		*row = 1;
		return CT_OK;
	}
	if (rc == SQLITE_DONE)
		return CT_OK;
	return sq_error(st->db->path, st->db->h, rc, sqlite3_sql(st->s), err);
}

static const char *
sq_column_text(struct db_stmt *s, int col)
{
	return (const char *)sqlite3_column_text(to_sqs(s)->s, col);
}

static int64_t
sq_column_int64(struct db_stmt *s, int col)
{
	return sqlite3_column_int64(to_sqs(s)->s, col);
}

static int
sq_column_is_null(struct db_stmt *s, int col)
{
	return sqlite3_column_type(to_sqs(s)->s, col) == SQLITE_NULL;
}

static void
sq_finalize(struct db_stmt *s)
{
	sq_stmt_put(to_sqs(s));
}

static int64_t
sq_changes(struct db *db)
{
	return sqlite3_changes(to_sq(db)->h);
}

static enum ct_err
sq_begin(struct db *db, int write, struct ct_error *err)
{
	return sq_exec(db, write ? "BEGIN IMMEDIATE" : "BEGIN", err);
}

static enum ct_err
sq_commit(struct db *db, struct ct_error *err)
{
	return sq_exec(db, "COMMIT", err);
}

static void
sq_rollback(struct db *db)
{
	struct db_sqlite *d = to_sq(db);
	int rc;

	/* A failed statement may already have ended the transaction. */
	if (sqlite3_get_autocommit(d->h))
		return;
	rc = sqlite3_exec(d->h, "ROLLBACK", NULL, NULL, NULL);
	if (rc != SQLITE_OK)
		ct_warn("database %s: rollback failed: %s", d->path,
			sqlite3_errmsg(d->h));
}

static enum ct_err
sq_table_exists(struct db *db, const char *table, int *exists,
		struct ct_error *err)
{
	struct db_sqlite *d = to_sq(db);
	sqlite3_stmt *s = NULL;
	int rc;

	*exists = 0;
	rc = sqlite3_prepare_v2(d->h,
				"SELECT 1 FROM sqlite_master "
				"WHERE type = 'table' AND name = ?",
				-1, &s, NULL);
	if (rc == SQLITE_OK)
		rc = sqlite3_bind_text(s, 1, table, -1, SQLITE_TRANSIENT);
	if (rc == SQLITE_OK)
		rc = sqlite3_step(s);
	if (rc == SQLITE_ROW)
		*exists = 1;
	sqlite3_finalize(s);
	if (rc != SQLITE_ROW && rc != SQLITE_DONE)
		return sq_error(d->path, d->h, rc, "schema lezen", err);
	return CT_OK;
}

static const char *
sq_target(struct db *db)
{
	return to_sq(db)->path;
}

enum ct_err
db_sqlite_set_max_pages(struct db *db, int64_t pages, struct ct_error *err)
{
	struct sbuf sql;
	enum ct_err ret;

	CT_ASSERT(db->drv == &db_sqlite_driver);
	sbuf_init(&sql, SBUF_MAX_SMALL);
	if (sbuf_addf(&sql, "PRAGMA max_page_count = %lld", (long long)pages))
		CT_BUG("pragma does not fit");
	ret = sq_exec_raw(to_sq(db), sql.buf, err);
	sbuf_release(&sql);
	return ret;
}

void
db_sqlite_cache_stats(struct db *db, struct db_sqlite_cache_stats *out)
{
	CT_ASSERT(db->drv == &db_sqlite_driver);
	*out = to_sq(db)->stats;
}

void
db_sqlite_set_busy_timeout(struct db *db, int ms)
{
	CT_ASSERT(db->drv == &db_sqlite_driver);
	sqlite3_busy_timeout(to_sq(db)->h, ms);
}

const struct db_driver db_sqlite_driver = {
	.name = "sqlite",
	.open = sq_open,
	.close = sq_close,
	.exec = sq_exec,
	.prepare = sq_prepare,
	.bind_text = sq_bind_text,
	.bind_int64 = sq_bind_int64,
	.bind_null = sq_bind_null,
	.step = sq_step,
	.column_text = sq_column_text,
	.column_int64 = sq_column_int64,
	.column_is_null = sq_column_is_null,
	.finalize = sq_finalize,
	.changes = sq_changes,
	.begin = sq_begin,
	.commit = sq_commit,
	.rollback = sq_rollback,
	.table_exists = sq_table_exists,
	.target = sq_target,
};
