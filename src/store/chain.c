/*
 * chain.c - hashing, head and verification of a hash-chained table, once
 * for the journal (journal.c) and the access log (access_log.c).
 *
 * Verification streams the rows in seq order (never all in memory) and
 * stops at the first broken one, saying why: a gap in seq ("regel 18
 * ontbreekt"), a prev_hash that does not match the entry before (inserted
 * or removed entries) or a hash that does not match the content (changed).
 * The row is hashed generically from the table description, so the
 * appender (which hashes its struct) and the verifier (which hashes the
 * columns) must list the fields in the same order: chain.h says which.
 * Limitation: removing the newest entries leaves a valid, shorter chain;
 * anchoring the head outside the database is what catches that.
 */
#include "store/chain.h"

#include <inttypes.h>
#include <stdio.h>
#include <string.h>

#include "store/db.h"
#include "store/store_int.h"
#include "util/sbuf.h"
#include "util/banned.h"

#define CHAIN_PROGRESS_EVERY 10000
#define INT64_TEXT_SIZE 24

void
chain_begin(struct chain_hasher *ch)
{
	ch->h = ct_hash_new();
	ch->bytes = 0;
}

void
chain_add_str(struct chain_hasher *ch, const char *s)
{
	ct_hash_update_field(ch->h, s);
	ch->bytes += 8 + (s ? strlen(s) : 0);
}

void
chain_add_int(struct chain_hasher *ch, int64_t v)
{
	char text[INT64_TEXT_SIZE];

	snprintf(text, sizeof(text), "%" PRId64, v);
	chain_add_str(ch, text);
}

void
chain_end(struct chain_hasher *ch, char out[CT_HASH_HEX_SIZE])
{
	ct_hash_final_hex(ch->h, out);
	ch->h = NULL;
}

enum ct_err
chain_head(struct store *st, const struct chain_def *d, int64_t *seq,
	   char hash[CT_HASH_HEX_SIZE], struct ct_error *err)
{
	struct db_stmt *s = NULL;
	struct sbuf sql;
	enum ct_err rc;
	int row;

	sbuf_init(&sql, SBUF_MAX_SMALL);
	if (sbuf_addf(&sql,
		      "SELECT seq, hash FROM %s ORDER BY seq DESC LIMIT 1",
		      d->table))
		CT_BUG("chain head sql");
	rc = db_prepare(st->db, sql.buf, &s, err);
	sbuf_release(&sql);
	if (rc)
		return rc;
	rc = db_step(s, &row, err);
	if (rc == CT_OK && row) {
		*seq = db_column_int64(s, 0);
		store_col_buf(s, 1, hash, CT_HASH_HEX_SIZE);
	} else if (rc == CT_OK) {
		*seq = 0;
		snprintf(hash, CT_HASH_HEX_SIZE, "%s", CHAIN_GENESIS);
	}
	db_finalize(s);
	return rc;
}

/* Compare stored text with an expected hash; NULL never matches. */
static int
same_hash(const char *stored, const char *expected)
{
	return stored && strcmp(stored, expected) == 0;
}

static enum ct_err
broken(struct store *st, const struct chain_def *d,
       struct store_verify_result *res, int64_t seq, struct ct_error *err,
       const char *reason)
{
	res->first_broken = seq;
	snprintf(res->reason, sizeof(res->reason), "%s", reason);
	return ct_error_set(err, CT_ERR_TAMPERED,
			    "%s van database %s is aangetast: %s. "
			    "Meld dit aan de privacyfunctionaris en zet een "
			    "back-up van vóór die regel terug.",
			    d->noun, db_target(st->db), reason);
}

/* The hash of the current row of s, from its columns. */
static void
row_hash(const struct chain_def *d, struct db_stmt *s,
	 char out[CT_HASH_HEX_SIZE], uint64_t *bytes)
{
	struct chain_hasher ch;
	int i;

	chain_begin(&ch);
	for (i = 0; i < d->ncols - 1; i++) {
		if (d->int_cols & ((uint32_t)1 << i))
			chain_add_int(&ch, db_column_int64(s, i));
		else
			chain_add_str(&ch, db_column_text(s, i));
	}
	*bytes += ch.bytes;
	chain_end(&ch, out);
}

/* Check one row against the expected seq and the previous hash. */
static enum ct_err
check_row(struct store *st, const struct chain_def *d, struct db_stmt *s,
	  int64_t expected, const char *prev, char calc[CT_HASH_HEX_SIZE],
	  struct store_verify_result *res, struct ct_error *err)
{
	char reason[sizeof(res->reason)];
	int64_t seq = db_column_int64(s, 0);

	if (seq != expected) {
		if (seq > expected)
			snprintf(reason, sizeof(reason),
				 "regel %" PRId64 " ontbreekt", expected);
		else
			snprintf(reason, sizeof(reason),
				 "regel %" PRId64 " staat er dubbel in", seq);
		return broken(st, d, res, expected, err, reason);
	}
	if (!same_hash(db_column_text(s, d->ncols - 2), prev)) {
		snprintf(reason, sizeof(reason),
			 "regel %" PRId64 ": verwijzing naar de vorige regel "
			 "klopt niet — regel ingevoegd of verwijderd",
			 seq);
		return broken(st, d, res, seq, err, reason);
	}
	row_hash(d, s, calc, &res->bytes);
	if (!same_hash(db_column_text(s, d->ncols - 1), calc)) {
		snprintf(reason, sizeof(reason),
			 "regel %" PRId64 ": hash klopt niet — inhoud "
			 "gewijzigd",
			 seq);
		return broken(st, d, res, seq, err, reason);
	}
	return CT_OK;
}

enum ct_err
chain_verify(struct store *st, const struct chain_def *d,
	     struct store_verify_result *res,
	     void (*progress)(int64_t done, void *ctx), void *ctx,
	     struct ct_error *err)
{
	char prev[CT_HASH_HEX_SIZE], calc[CT_HASH_HEX_SIZE];
	struct db_stmt *s = NULL;
	struct sbuf sql;
	int64_t expected = 1;
	enum ct_err rc;
	int row, own_tx = 0;

	memset(res, 0, sizeof(*res));
	snprintf(prev, sizeof(prev), "%s", CHAIN_GENESIS);
	snprintf(res->head_hash, sizeof(res->head_hash), "%s", CHAIN_GENESIS);
	sbuf_init(&sql, SBUF_MAX_SMALL);
	if (sbuf_addf(&sql, "SELECT %s FROM %s ORDER BY seq", d->columns,
		      d->table))
		CT_BUG("chain verify sql");
	/* One read transaction: a consistent snapshot while writers go on. */
	if (st->depth == 0) {
		rc = db_begin(st->db, 0, err);
		if (rc)
			goto out;
		own_tx = 1;
	}
	rc = db_prepare(st->db, sql.buf, &s, err);
	if (rc)
		goto out;
	while ((rc = db_step(s, &row, err)) == CT_OK && row) {
		rc = check_row(st, d, s, expected, prev, calc, res, err);
		if (rc)
			break;
		snprintf(prev, sizeof(prev), "%s", calc);
		snprintf(res->head_hash, sizeof(res->head_hash), "%s", calc);
		res->entries++;
		expected++;
		if (progress && res->entries % CHAIN_PROGRESS_EVERY == 0)
			progress(res->entries, ctx);
	}
out:
	db_finalize(s);
	sbuf_release(&sql);
	if (own_tx)
		db_rollback(st->db); /* nothing was written */
	return rc;
}
