/*
 * store_int.h - what the store's own files share; not a public interface.
 *
 * struct store, the write-transaction bracket every mutation uses, the
 * journal append, and small helpers for reading rows into arena records.
 * Unit tests in tests/unit/store include it to reach the raw database
 * (e.g. to provoke a full disk); nothing outside src/store may.
 */
#ifndef CT_STORE_STORE_INT_H
#define CT_STORE_STORE_INT_H

#include <jansson.h>
#include <stdint.h>

#include "core/vocab.h"
#include "store/db.h"
#include "store/store.h"
#include "util/arena.h"
#include "util/crypto.h"
#include "util/err.h"

struct store {
	struct db *db;
	unsigned flags;	    /* enum store_open_flags */
	int schema_version; /* as found in meta, after migrations */
	int depth;	    /* nesting of write transactions, 0 = none */
	int tx_broken;	    /* the backend aborted the outer transaction */
	int read_open;	    /* store_read_begin() snapshot open, depth 0 */
	int64_t (*now)(void *ctx);
	void *now_ctx;
	/*
	 * Journal head (last seq and hash), cached while the outermost write
	 * transaction holds the write lock so that bulk work reads it once.
	 */
	int head_valid;
	int64_t head_seq;
	char head_hash[CT_HASH_HEX_SIZE];
	/* store_set_server_key(): seals TOTP secrets (store_auth.c). */
	int has_server_key;
	unsigned char server_key[32]; /* STORE_SERVER_KEY_BYTES */
};

/*
 * Open a write transaction: BEGIN IMMEDIATE at depth 0, a savepoint when
 * nested (inside store_transaction), so that a rejected nested call still
 * leaves nothing behind. Every store_write_begin() is paired with one
 * store_write_end(st, rc, err), which commits (or releases the savepoint)
 * when rc is CT_OK and rolls back otherwise, and returns rc or the error
 * of a failed commit.
 */
enum ct_err store_write_begin(struct store *st, struct ct_error *err);
enum ct_err store_write_end(struct store *st, enum ct_err rc,
			    struct ct_error *err);

/*
 * Append one journal entry inside the current write transaction (journal.c).
 * before/after may be NULL (creation / deletion); they are serialised with
 * model_json_dump so equal records give equal bytes.
 */
enum ct_err journal_append(struct store *st, const struct store_actor *who,
			   const char *case_id, const char *action,
			   const char *entity, const char *entity_id,
			   const json_t *before, const json_t *after,
			   struct ct_error *err);

/* ---- helpers for store_*.c (store_row.c) ---- */

/* CT_ERR_INVALID unless who and who->label are given. */
enum ct_err store_check_actor(const struct store_actor *who,
			      struct ct_error *err);
/* Run a one-parameter query; *found = 1 when it yields a row. */
enum ct_err store_row_exists(struct store *st, const char *sql,
			     const char *param, int *found,
			     struct ct_error *err);
/*
 * The CT_ERR_CONFLICT answer for a stale version of record `what` (Dutch
 * noun with article, e.g. "De persoon") with id `id`: names who changed it
 * last according to the journal.
 */
enum ct_err store_conflict(struct store *st, const char *what, const char *id,
			   struct ct_error *err);

/* Column text copied into the arena; NULL for SQL NULL. */
const char *store_col_str(struct db_stmt *s, int col, struct arena *a);
/* Copy column text into a fixed buffer (ids); "" for NULL. */
void store_col_buf(struct db_stmt *s, int col, char *out, size_t n);
/* Column holding a vocabulary code -> position; CT_ERR_DB_CORRUPT if unknown.
 */
enum ct_err store_col_enum(struct store *st, struct db_stmt *s, int col,
			   const struct vocab *v, int *out,
			   struct ct_error *err);
/* Column holding comma-separated codes -> mask; corrupt if unknown. */
enum ct_err store_col_mask(struct store *st, struct db_stmt *s, int col,
			   const struct vocab *v, uint32_t *out,
			   struct ct_error *err);
/* The code of position pos; CT_BUG when out of range (validated first). */
const char *store_code(const struct vocab *v, int pos);
/* Mask as comma-separated codes into out. */
#define STORE_MASK_TEXT_MAX 512
void store_mask_text(const struct vocab *v, uint32_t mask,
		     char out[STORE_MASK_TEXT_MAX]);

/*
 * Grow an arena array of `size`-byte elements to hold at least n + 1,
 * doubling; *cap tracks the capacity. NULL when the arena is full.
 */
void *store_grow(struct arena *a, void *arr, size_t n, size_t *cap,
		 size_t size);

/*
 * Raise the epoch of what authentication reads (store_auth.h), inside the
 * open write transaction that changes a session, user, login security,
 * bearer token or break-the-glass grant (store_auth.c).
 */
enum ct_err store_auth_epoch_bump(struct store *st, struct ct_error *err);

/* 1 when h looks like a token hash: 64 lowercase hex (store_session.c). */
int store_token_hash_shaped(const char *h);

/*
 * Put org_id on the case team of case_id with reason, inside the open
 * write transaction, without a journal entry of its own (store_team.c;
 * store_case_create uses it for the owner, whose entry is case.create).
 */
enum ct_err store_team_insert(struct store *st, const struct store_actor *who,
			      const char *case_id, const char *org_id,
			      const char *reason, struct ct_error *err);

/*
 * Inside a write transaction: the open tasks of every order of case_id
 * synced with the deadlines the rules give and the organisations the case
 * team now holds (store_order.c). Called after a team change (a Veilig
 * Thuis that joins takes over the first contact the owner held in its
 * stead; the tasks of an organisation that leaves go back to the owner)
 * and by store_order_tasks_resync(). Each change is journaled (task.move,
 * task.cancel).
 */
enum ct_err store_order_sync_case_tasks(struct store *st,
					const struct store_actor *who,
					const char *case_id,
					struct ct_error *err);

/*
 * How a record file reads one row into its record (store_query.c): size
 * of the record struct, its Dutch plural for the "too many" message, and
 * the reader, which fills rec (a struct of that size) from the row at s.
 */
struct store_row_reader {
	size_t size;
	const char *plural;
	enum ct_err (*read)(struct store *st, struct db_stmt *s,
			    struct arena *a, void *rec, struct ct_error *err);
};

/*
 * Run sql with nparams text parameters and read the first row into rec.
 * CT_ERR_NOTFOUND without a message when there is none: the caller says
 * what was not found, in its own words.
 */
enum ct_err store_query_one(struct store *st, const char *sql,
			    const char *const *params, size_t nparams,
			    const struct store_row_reader *r, struct arena *a,
			    void *rec, struct ct_error *err);
/*
 * Step the prepared statement s to its end, reading every row into an
 * arena array of records (*out, *n); CT_ERR_LIMIT past STORE_LIST_MAX
 * rows or a full arena. The caller prepared and bound s, and finalizes it.
 */
enum ct_err store_read_rows(struct store *st, struct db_stmt *s,
			    const struct store_row_reader *r, struct arena *a,
			    void **out, size_t *n, struct ct_error *err);
/*
 * Run sql and read every row into an arena array of records (*out, *n);
 * CT_ERR_LIMIT past STORE_LIST_MAX rows or a full arena.
 */
enum ct_err store_query_all(struct store *st, const char *sql,
			    const char *const *params, size_t nparams,
			    const struct store_row_reader *r, struct arena *a,
			    void **out, size_t *n, struct ct_error *err);

/* Most rows one list call returns; more is CT_ERR_LIMIT. */
#define STORE_LIST_MAX ((size_t)10 * 1000 * 1000)

#endif
