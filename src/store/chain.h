/*
 * chain.h - the hash chain shared by the journal and the access log; not
 * a public interface (store-internal, like store_int.h).
 *
 * A chained table has a column seq (1, 2, 3, ...), its content columns,
 * prev_hash and hash. An entry's hash is BLAKE2b over seq, the content
 * columns and prev_hash, in table order, each length-prefixed
 * (ct_hash_update_field, so NULL, "" and shifted boundaries all differ);
 * numbers are hashed as their decimal text. The first entry's prev_hash is
 * CHAIN_GENESIS.
 */
#ifndef CT_STORE_CHAIN_H
#define CT_STORE_CHAIN_H

#include <stdint.h>

#include "store/store.h"
#include "util/crypto.h"
#include "util/err.h"

#define CHAIN_GENESIS                                                          \
	"0000000000000000000000000000000000000000000000000000000000000000"

/* One chained table. */
struct chain_def {
	const char *table; /* "journal" */
	const char *noun;  /* Dutch, with article: "Het journaal" */
	/*
	 * Every column, in hash order: seq first, then the content, then
	 * prev_hash, and hash last (not hashed). ncols counts all of them.
	 */
	const char *columns;
	int ncols;
	uint32_t int_cols; /* bit i: column i is an integer (seq, at, ...) */
};

/* Hashing one entry, field by field in the table's order. */
struct chain_hasher {
	struct ct_hash_state *h;
	uint64_t bytes; /* hashed, including the length prefixes */
};

void chain_begin(struct chain_hasher *ch);
void chain_add_str(struct chain_hasher *ch, const char *s);
void chain_add_int(struct chain_hasher *ch, int64_t v);
/* Write the hex digest to out and free the state. */
void chain_end(struct chain_hasher *ch, char out[CT_HASH_HEX_SIZE]);

/*
 * The newest entry's seq and hash (0 and CHAIN_GENESIS when empty). Read
 * inside the write transaction that appends, which holds the write lock.
 */
enum ct_err chain_head(struct store *st, const struct chain_def *d,
		       int64_t *seq, char hash[CT_HASH_HEX_SIZE],
		       struct ct_error *err);

/*
 * Walk the chain of d from seq 1 in one read transaction and recompute
 * every hash: store_journal_verify()'s contract, for any chained table.
 */
enum ct_err chain_verify(struct store *st, const struct chain_def *d,
			 struct store_verify_result *res,
			 void (*progress)(int64_t done, void *ctx), void *ctx,
			 struct ct_error *err);

#endif
