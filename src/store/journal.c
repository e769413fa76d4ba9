/*
 * journal.c - the hash-chained journal: append, per-case timeline, verify.
 *
 * Every mutation appends one entry in its own write transaction. An
 * entry's hash (chain.h) is BLAKE2b over all its fields, each length-prefixed
 * (ct_hash_update_field, so NULL, "" and shifted boundaries all differ),
 * in this order: seq, id, at, actor_user_id, actor_org_id, actor_label,
 * case_id, action, entity, entity_id, before_json, after_json, prev_hash.
 * Numbers are hashed as their decimal text. prev_hash is the hash of the
 * entry before; the first entry's is CHAIN_GENESIS (64 '0').
 *
 * seq is last + 1, read inside the write transaction (which holds the
 * write lock), and cached in struct store until that transaction ends, so
 * a bulk transaction reads the head once.
 *
 * Hashing, the head read and verification are shared with the access log
 * (chain.c), so both chains are checked by the same code.
 */
#include "store/store.h"

#include <inttypes.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "core/model_json.h"
#include "store/chain.h"
#include "store/db.h"
#include "store/store_int.h"
#include "util/crypto.h"
#include "util/uuid.h"
#include "util/banned.h"

#define JOURNAL_COLUMNS                                                        \
	"seq, id, at, actor_user_id, actor_org_id, actor_label, case_id, "     \
	"action, entity, entity_id, before_json, after_json, prev_hash, hash"

/* The journal as chain.c sees it: seq and at are numbers. */
static const struct chain_def journal_chain = {
	.table = "journal",
	.noun = "Het journaal",
	.columns = JOURNAL_COLUMNS,
	.ncols = 14,
	.int_cols = (1u << 0) | (1u << 2),
};

/* The chain hash of e (its hash field is not read); order as the columns. */
static void
journal_hash(const struct journal_entry *e, char out[CT_HASH_HEX_SIZE])
{
	struct chain_hasher ch;

	chain_begin(&ch);
	chain_add_int(&ch, e->seq);
	chain_add_str(&ch, e->id);
	chain_add_int(&ch, e->at);
	chain_add_str(&ch, e->actor_user_id);
	chain_add_str(&ch, e->actor_org_id);
	chain_add_str(&ch, e->actor_label);
	chain_add_str(&ch, e->case_id);
	chain_add_str(&ch, e->action);
	chain_add_str(&ch, e->entity);
	chain_add_str(&ch, e->entity_id);
	chain_add_str(&ch, e->before_json);
	chain_add_str(&ch, e->after_json);
	chain_add_str(&ch, e->prev_hash);
	chain_end(&ch, out);
}

enum ct_err
journal_append(struct store *st, const struct store_actor *who,
	       const char *case_id, const char *action, const char *entity,
	       const char *entity_id, const json_t *before, const json_t *after,
	       struct ct_error *err)
{
	struct journal_entry e;
	struct db_stmt *s = NULL;
	char *before_text = NULL, *after_text = NULL;
	enum ct_err rc;
	int row;

	CT_ASSERT(st->depth > 0);
	if (!st->head_valid) {
		rc = chain_head(st, &journal_chain, &st->head_seq,
				st->head_hash, err);
		if (rc)
			return rc;
		st->head_valid = 1;
	}
	if (before)
		before_text = model_json_dump(before);
	if (after)
		after_text = model_json_dump(after);

	memset(&e, 0, sizeof(e));
	e.seq = st->head_seq + 1;
	ct_uuid_new(e.id);
	e.at = store_now(st);
	e.actor_user_id = who->user_id;
	e.actor_org_id = who->org_id;
	e.actor_label = who->label;
	e.case_id = case_id;
	e.action = action;
	e.entity = entity;
	e.entity_id = entity_id;
	e.before_json = before_text;
	e.after_json = after_text;
	snprintf(e.prev_hash, sizeof(e.prev_hash), "%s", st->head_hash);
	journal_hash(&e, e.hash);

	rc = db_prepare(st->db,
			"INSERT INTO journal (" JOURNAL_COLUMNS ") VALUES "
			"(?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
			&s, err);
	if (rc)
		goto out;
	db_bind_int64(s, 1, e.seq);
	db_bind_text(s, 2, e.id);
	db_bind_int64(s, 3, e.at);
	db_bind_text(s, 4, e.actor_user_id);
	db_bind_text(s, 5, e.actor_org_id);
	db_bind_text(s, 6, e.actor_label);
	db_bind_text(s, 7, e.case_id);
	db_bind_text(s, 8, e.action);
	db_bind_text(s, 9, e.entity);
	db_bind_text(s, 10, e.entity_id);
	db_bind_text(s, 11, e.before_json);
	db_bind_text(s, 12, e.after_json);
	db_bind_text(s, 13, e.prev_hash);
	db_bind_text(s, 14, e.hash);
	rc = db_step(s, &row, err);
	if (rc)
		goto out;
	st->head_seq = e.seq;
	snprintf(st->head_hash, sizeof(st->head_hash), "%s", e.hash);
out:
	db_finalize(s);
	free(before_text);
	free(after_text);
	return rc;
}

/* Fill e from a row of JOURNAL_COLUMNS; text copied into a. */
static void
read_entry(struct db_stmt *s, struct arena *a, struct journal_entry *e)
{
	e->seq = db_column_int64(s, 0);
	store_col_buf(s, 1, e->id, sizeof(e->id));
	e->at = db_column_int64(s, 2);
	e->actor_user_id = store_col_str(s, 3, a);
	e->actor_org_id = store_col_str(s, 4, a);
	e->actor_label = store_col_str(s, 5, a);
	e->case_id = store_col_str(s, 6, a);
	e->action = store_col_str(s, 7, a);
	e->entity = store_col_str(s, 8, a);
	e->entity_id = store_col_str(s, 9, a);
	e->before_json = store_col_str(s, 10, a);
	e->after_json = store_col_str(s, 11, a);
	store_col_buf(s, 12, e->prev_hash, sizeof(e->prev_hash));
	store_col_buf(s, 13, e->hash, sizeof(e->hash));
}

enum ct_err
store_journal_list(struct store *st, const char *case_id, struct arena *a,
		   struct journal_entry **out, size_t *n, struct ct_error *err)
{
	struct journal_entry *arr = NULL;
	struct db_stmt *s = NULL;
	size_t count = 0, cap = 0;
	enum ct_err rc;
	int row;

	if (!case_id)
		return ct_error_set(err, CT_ERR_INVALID,
				    "case_id: geef de casus waarvan u het "
				    "journaal wilt zien.");
	rc = db_prepare(st->db,
			"SELECT " JOURNAL_COLUMNS " FROM journal "
			"WHERE case_id = ? ORDER BY seq",
			&s, err);
	if (rc)
		return rc;
	db_bind_text(s, 1, case_id);
	while ((rc = db_step(s, &row, err)) == CT_OK && row) {
		if (count == STORE_LIST_MAX ||
		    !(arr = store_grow(a, arr, count, &cap, sizeof(*arr)))) {
			rc = ct_error_set(err, CT_ERR_LIMIT,
					  "Het journaal van deze casus is te "
					  "groot om in één keer te tonen.");
			break;
		}
		read_entry(s, a, &arr[count++]);
	}
	db_finalize(s);
	if (rc)
		return rc;
	*out = arr;
	*n = count;
	return CT_OK;
}

enum ct_err
store_journal_verify(struct store *st, struct store_verify_result *res,
		     void (*progress)(int64_t done, void *ctx), void *ctx,
		     struct ct_error *err)
{
	return chain_verify(st, &journal_chain, res, progress, ctx, err);
}
