/*
 * store.h - the one database interface.
 *
 * Everything above this layer reads and writes through these functions;
 * SQL lives only in store/. The SQLite backend is the default; the
 * PostgreSQL backend (next issue) implements the same functions over the
 * same numbered migrations.
 *
 * Contract:
 *  - Every mutation runs in one transaction together with its journal
 *    entry: either both are written or neither is. A rejected call (bad
 *    input, stale version, missing record) writes nothing.
 *  - Every mutating call validates its input with core/validate.h first
 *    and returns CT_ERR_INVALID with all problems joined in err->message.
 *  - Updates carry the version that was read; a stale one returns
 *    CT_ERR_CONFLICT and changes nothing. On success the struct's version
 *    is set to the new version.
 *  - Out pointers are set only on success. Records read back have their
 *    text fields allocated in the caller's arena.
 *  - Errors: CT_ERR_DB_CORRUPT, CT_ERR_DB_FOREIGN, CT_ERR_DB_NEWER,
 *    CT_ERR_DISK_FULL, CT_ERR_READONLY, CT_ERR_BUSY each with a message
 *    saying what to do; CT_ERR_NOTFOUND for a missing record.
 *  - A struct store is used by one thread at a time.
 */
#ifndef CT_STORE_STORE_H
#define CT_STORE_STORE_H

#include <stddef.h>
#include <stdint.h>

#include "core/model.h"
#include "util/arena.h"
#include "util/crypto.h"
#include "util/err.h"

struct store;

/* Who makes a change: recorded in every journal entry. */
struct store_actor {
	const char *user_id; /* may be NULL (command line, system) */
	const char *org_id;  /* may be NULL */
	const char *label;   /* e.g. "cli:root", a user name; required */
};

enum store_open_flags {
	STORE_OPEN_CREATE = 1 << 0,	/* create the file if it is missing */
	STORE_OPEN_READONLY = 1 << 1,	/* never write (audit verify) */
	STORE_OPEN_NO_MIGRATE = 1 << 2, /* do not apply pending migrations */
	/*
	 * A server thread's connection: short snapshots, nearly all of them
	 * begun after another connection (the access log) committed, which
	 * on SQLite empties the page cache each time at a cost that grows
	 * with the most pages the cache ever held. So its cache is small
	 * (db.h DB_OPEN_SMALL_CACHE); bulk work keeps the large one.
	 */
	STORE_OPEN_REQUESTS = 1 << 3,
};

/*
 * Open the database at path (a file name for SQLite). Unless
 * STORE_OPEN_NO_MIGRATE, pending migrations are applied. Refuses a file
 * that is not a Casustafel database (CT_ERR_DB_FOREIGN), one whose schema
 * is newer than this program knows (CT_ERR_DB_NEWER), a damaged one
 * (CT_ERR_DB_CORRUPT), a missing one without STORE_OPEN_CREATE
 * (CT_ERR_NOTFOUND) and an unwritable one (CT_ERR_READONLY).
 */
enum ct_err store_open(const char *path, unsigned flags, struct store **out,
		       struct ct_error *err);
void store_close(struct store *st);

/* Schema version in the database, and the newest this program knows. */
int store_schema_version(struct store *st);
int store_schema_latest(void);
/* Apply pending migrations; *applied receives how many ran. */
enum ct_err store_migrate(struct store *st, int *applied,
			  struct ct_error *err);

/* Clock used for created_at / journal times; tests may fix it. */
void store_set_clock(struct store *st, int64_t (*now)(void *), void *ctx);
int64_t store_now(struct store *st);

/* ---- organisations ---- */
enum ct_err store_org_create(struct store *st, const struct store_actor *who,
			     struct org *o, struct ct_error *err);
/* By id or by exact name. */
enum ct_err store_org_get(struct store *st, const char *id_or_name,
			  struct arena *a, struct org *out,
			  struct ct_error *err);
enum ct_err store_org_list(struct store *st, struct arena *a,
			   struct org **out, size_t *n, struct ct_error *err);

/* ---- users ---- */
/* password_hash from ct_password_hash(); may be NULL (no login yet). */
enum ct_err store_user_create(struct store *st, const struct store_actor *who,
			      struct user *u, const char *password_hash,
			      struct ct_error *err);
/* By id or by user name. */
enum ct_err store_user_get(struct store *st, const char *id_or_username,
			   struct arena *a, struct user *out,
			   struct ct_error *err);
/* All users, or those of one organisation when org_id is not NULL. */
enum ct_err store_user_list(struct store *st, const char *org_id,
			    struct arena *a, struct user **out, size_t *n,
			    struct ct_error *err);
/* The stored hash (arena copy) for verification; NULL when none. */
enum ct_err store_user_password_hash(struct store *st, const char *user_id,
				     struct arena *a, const char **out,
				     struct ct_error *err);
enum ct_err store_user_set_password(struct store *st,
				    const struct store_actor *who,
				    const char *user_id,
				    const char *password_hash,
				    struct ct_error *err);
/*
 * Change display name, email, roles and active of the user u->id (the
 * rest of u is ignored: organisation and user name stay). u->version must
 * be the stored version (else CT_ERR_CONFLICT); on success u holds the
 * record as stored, version one higher. Journaled ("user.update", before
 * and after). Deactivating (active 1 -> 0) ends every session of the user
 * in the same transaction. CT_ERR_NOTFOUND when there is no such user.
 */
enum ct_err store_user_update(struct store *st, const struct store_actor *who,
			      struct user *u, struct ct_error *err);

/* ---- cases ---- */
/*
 * c->jurisdiction, c->region, c->owner_org_id (and optionally pattern) are
 * input; the store assigns id, reference (next number for region and the
 * local year of creation), status open, times and version 1.
 */
enum ct_err store_case_create(struct store *st, const struct store_actor *who,
			      struct ct_case *c, struct ct_error *err);
/* By id or by reference. */
enum ct_err store_case_get(struct store *st, const char *id_or_reference,
			   struct arena *a, struct ct_case *out,
			   struct ct_error *err);
/* Update status and pattern; c->version must be the version read. */
enum ct_err store_case_update(struct store *st, const struct store_actor *who,
			      struct ct_case *c, struct ct_error *err);

struct store_case_filter {
	const char *owner_org_id; /* NULL: any */
	/* NULL: any; else only cases whose current team has this org */
	const char *member_org_id;
	const char *region;       /* NULL: any */
	/* NULL: any; else part of the reference, any case ("ams-2026") */
	const char *reference_part;
	int jurisdiction;         /* -1: any, else enum ct_country */
	int status;               /* -1: any, else enum case_status */
	size_t offset;
	size_t limit;             /* 0: STORE_LIST_LIMIT_DEFAULT */
};
#define STORE_LIST_LIMIT_DEFAULT 100
#define STORE_LIST_LIMIT_MAX 1000
void store_case_filter_init(struct store_case_filter *f);
/* Newest first. *total receives the count without offset/limit. */
enum ct_err store_case_list(struct store *st,
			    const struct store_case_filter *f,
			    struct arena *a, struct ct_case **out, size_t *n,
			    size_t *total, struct ct_error *err);

/* ---- persons, relations, incidents (always inside one case) ---- */
enum ct_err store_person_add(struct store *st, const struct store_actor *who,
			     struct person *p, struct ct_error *err);
enum ct_err store_person_update(struct store *st,
				const struct store_actor *who,
				struct person *p, struct ct_error *err);
enum ct_err store_person_get(struct store *st, const char *id,
			     struct arena *a, struct person *out,
			     struct ct_error *err);
enum ct_err store_person_list(struct store *st, const char *case_id,
			      struct arena *a, struct person **out, size_t *n,
			      struct ct_error *err);

/* Both persons must belong to r->case_id. */
enum ct_err store_relation_add(struct store *st,
			       const struct store_actor *who,
			       struct relation *r, struct ct_error *err);
enum ct_err store_relation_list(struct store *st, const char *case_id,
				struct arena *a, struct relation **out,
				size_t *n, struct ct_error *err);

enum ct_err store_incident_add(struct store *st,
			       const struct store_actor *who,
			       struct incident *in, struct ct_error *err);
enum ct_err store_incident_list(struct store *st, const char *case_id,
				struct arena *a, struct incident **out,
				size_t *n, struct ct_error *err);

/* ---- the journal ---- */
struct journal_entry {
	int64_t seq; /* 1, 2, 3, ... per database */
	char id[CT_UUID_SIZE];
	int64_t at;
	const char *actor_user_id; /* may be NULL */
	const char *actor_org_id;  /* may be NULL */
	const char *actor_label;
	const char *case_id;       /* NULL for organisation/user changes */
	const char *action;        /* e.g. "person.add", "case.update" */
	const char *entity;        /* "case", "person", ... */
	const char *entity_id;
	const char *before_json;   /* NULL on creation */
	const char *after_json;    /* NULL on deletion */
	char prev_hash[CT_HASH_HEX_SIZE];
	char hash[CT_HASH_HEX_SIZE];
};

/* The timeline of one case, oldest first. */
enum ct_err store_journal_list(struct store *st, const char *case_id,
			       struct arena *a, struct journal_entry **out,
			       size_t *n, struct ct_error *err);

struct store_verify_result {
	int64_t entries;      /* entries checked */
	uint64_t bytes;       /* bytes hashed */
	int64_t first_broken; /* seq of the first bad entry, 0 when none */
	char reason[200];     /* why it is bad, in Dutch */
	char head_hash[CT_HASH_HEX_SIZE]; /* hash of the last good entry */
};

/*
 * Walk the journal chain from the first entry and recompute every hash.
 * Returns CT_OK with first_broken 0 when intact, CT_ERR_TAMPERED with
 * first_broken and reason set when an entry was altered, removed or
 * inserted. progress (may be NULL) is called every 10,000 entries.
 */
enum ct_err store_journal_verify(struct store *st,
				 struct store_verify_result *res,
				 void (*progress)(int64_t done, void *ctx),
				 void *ctx, struct ct_error *err);

/* Counts for summaries ("demo" and "init" print them). */
struct store_counts {
	int64_t orgs, users, cases, persons, relations, incidents, journal;
};
enum ct_err store_counts(struct store *st, struct store_counts *out,
			 struct ct_error *err);

/*
 * Run fn inside one transaction on st; every store_* mutation fn makes is
 * part of it (nested calls do not commit). Used by bulk work such as the
 * demo population and by the benchmark, so that thousands of records cost
 * one fsync. On a non-zero return of fn everything is rolled back.
 */
enum ct_err store_transaction(struct store *st,
			      enum ct_err (*fn)(struct store *st, void *ctx),
			      void *ctx, struct ct_error *err);

/*
 * A read snapshot for a burst of reads (a server request's checks): until
 * store_read_end() they see one state of the database and, on SQLite, share
 * one WAL read transaction. Why: after any commit by another connection
 * (the access log commits hundreds of times a second) SQLite drops a
 * connection's whole page cache at the start of its next read transaction,
 * so five separate reads paid for their index pages up to five times.
 * Nothing happens inside a write transaction, when one is already open,
 * or on PostgreSQL (each statement there reads committed data anyway).
 * A write that starts at depth 0 first ends the snapshot (it must see the
 * newest state); the reads after it go without one. store_read_end() is
 * always safe to call and never fails; store_close() ends an open one.
 */
enum ct_err store_read_begin(struct store *st, struct ct_error *err);
void store_read_end(struct store *st);

#endif
