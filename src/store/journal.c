/*
 * journal.c - the hash-chained journal: append, per-case timeline, verify.
 *
 * Every mutation appends one entry in its own write transaction. An
 * entry's hash is BLAKE2b over all its fields, each length-prefixed
 * (ct_hash_update_field, so NULL, "" and shifted boundaries all differ),
 * in this order: seq, id, at, actor_user_id, actor_org_id, actor_label,
 * case_id, action, entity, entity_id, before_json, after_json, prev_hash.
 * Numbers are hashed as their decimal text. prev_hash is the hash of the
 * entry before; the first entry's is JOURNAL_GENESIS (64 '0').
 *
 * seq is last + 1, read inside the write transaction (which holds the
 * write lock), and cached in struct store until that transaction ends, so
 * a bulk transaction reads the head once.
 *
 * Verification streams the entries in seq order (never all in memory) and
 * stops at the first broken one, saying why: a gap in seq ("regel 18
 * ontbreekt"), a prev_hash that does not match the entry before (inserted
 * or removed entries) or a hash that does not match the content (changed).
 * Limitation: removing the newest entries leaves a valid, shorter chain;
 * anchoring the head outside the database (a signed head, a copy sent
 * elsewhere) is what catches that, and is left to `casustafel audit`.
 */
#include "store/store.h"

#include <inttypes.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "core/model_json.h"
#include "store/db.h"
#include "store/store_int.h"
#include "util/crypto.h"
#include "util/uuid.h"
#include "util/banned.h"

#define JOURNAL_GENESIS                                                        \
	"0000000000000000000000000000000000000000000000000000000000000000"
#define JOURNAL_PROGRESS_EVERY 10000
#define INT64_TEXT_SIZE 24

#define JOURNAL_COLUMNS                                                        \
	"seq, id, at, actor_user_id, actor_org_id, actor_label, case_id, "     \
	"action, entity, entity_id, before_json, after_json, prev_hash, hash"

static void
hash_field(struct ct_hash_state *h, const char *s, uint64_t *bytes)
{
	ct_hash_update_field(h, s);
	*bytes += 8 + (s ? strlen(s) : 0);
}

/* The chain hash of e (its hash field is not read). */
static void
journal_hash(const struct journal_entry *e, char out[CT_HASH_HEX_SIZE],
	     uint64_t *bytes)
{
	struct ct_hash_state *h = ct_hash_new();
	char seq[INT64_TEXT_SIZE], at[INT64_TEXT_SIZE];

	snprintf(seq, sizeof(seq), "%" PRId64, e->seq);
	snprintf(at, sizeof(at), "%" PRId64, e->at);
	hash_field(h, seq, bytes);
	hash_field(h, e->id, bytes);
	hash_field(h, at, bytes);
	hash_field(h, e->actor_user_id, bytes);
	hash_field(h, e->actor_org_id, bytes);
	hash_field(h, e->actor_label, bytes);
	hash_field(h, e->case_id, bytes);
	hash_field(h, e->action, bytes);
	hash_field(h, e->entity, bytes);
	hash_field(h, e->entity_id, bytes);
	hash_field(h, e->before_json, bytes);
	hash_field(h, e->after_json, bytes);
	hash_field(h, e->prev_hash, bytes);
	ct_hash_final_hex(h, out);
}

static enum ct_err
load_head(struct store *st, struct ct_error *err)
{
	struct db_stmt *s = NULL;
	enum ct_err rc;
	int row;

	rc = db_prepare(st->db,
			"SELECT seq, hash FROM journal "
			"ORDER BY seq DESC LIMIT 1",
			&s, err);
	if (rc)
		return rc;
	rc = db_step(s, &row, err);
	if (rc == CT_OK) {
		if (row) {
			st->head_seq = db_column_int64(s, 0);
			store_col_buf(s, 1, st->head_hash,
				      sizeof(st->head_hash));
		} else {
			st->head_seq = 0;
			snprintf(st->head_hash, sizeof(st->head_hash), "%s",
				 JOURNAL_GENESIS);
		}
		st->head_valid = 1;
	}
	db_finalize(s);
	return rc;
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
	uint64_t bytes = 0;
	enum ct_err rc;
	int row;

	CT_ASSERT(st->depth > 0);
	if (!st->head_valid) {
		rc = load_head(st, err);
		if (rc)
			return rc;
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
	journal_hash(&e, e.hash, &bytes);

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

/* Compare stored text with an expected hash; NULL never matches. */
static int
same_hash(const char *stored, const char *expected)
{
	return stored && strcmp(stored, expected) == 0;
}

static enum ct_err
broken(struct store *st, struct store_verify_result *res, int64_t seq,
       struct ct_error *err, const char *reason)
{
	res->first_broken = seq;
	snprintf(res->reason, sizeof(res->reason), "%s", reason);
	return ct_error_set(err, CT_ERR_TAMPERED,
			    "Het journaal van database %s is aangetast: %s. "
			    "Meld dit aan de privacyfunctionaris en zet een "
			    "back-up van vóór die regel terug.",
			    db_target(st->db), reason);
}

enum ct_err
store_journal_verify(struct store *st, struct store_verify_result *res,
		     void (*progress)(int64_t done, void *ctx), void *ctx,
		     struct ct_error *err)
{
	char prev[CT_HASH_HEX_SIZE], calc[CT_HASH_HEX_SIZE];
	char reason[sizeof(res->reason)];
	struct journal_entry e;
	struct db_stmt *s = NULL;
	int64_t expected = 1;
	enum ct_err rc;
	int row, own_tx = 0;

	memset(res, 0, sizeof(*res));
	snprintf(prev, sizeof(prev), "%s", JOURNAL_GENESIS);
	snprintf(res->head_hash, sizeof(res->head_hash), "%s", JOURNAL_GENESIS);
	/* One read transaction: a consistent snapshot while writers go on. */
	if (st->depth == 0) {
		rc = db_begin(st->db, 0, err);
		if (rc)
			return rc;
		own_tx = 1;
	}
	rc = db_prepare(st->db,
			"SELECT " JOURNAL_COLUMNS " FROM journal ORDER BY seq",
			&s, err);
	if (rc)
		goto out;
	while ((rc = db_step(s, &row, err)) == CT_OK && row) {
		/* Borrowed column text: valid until the next step. */
		memset(&e, 0, sizeof(e));
		e.seq = db_column_int64(s, 0);
		store_col_buf(s, 1, e.id, sizeof(e.id));
		e.at = db_column_int64(s, 2);
		e.actor_user_id = db_column_text(s, 3);
		e.actor_org_id = db_column_text(s, 4);
		e.actor_label = db_column_text(s, 5);
		e.case_id = db_column_text(s, 6);
		e.action = db_column_text(s, 7);
		e.entity = db_column_text(s, 8);
		e.entity_id = db_column_text(s, 9);
		e.before_json = db_column_text(s, 10);
		e.after_json = db_column_text(s, 11);
		e.prev_hash[0] = '\0';
		if (!db_column_is_null(s, 12))
			snprintf(e.prev_hash, sizeof(e.prev_hash), "%s",
				 db_column_text(s, 12));

		if (e.seq != expected) {
			if (e.seq > expected)
				snprintf(reason, sizeof(reason),
					 "regel %" PRId64 " ontbreekt",
					 expected);
			else
				snprintf(reason, sizeof(reason),
					 "regel %" PRId64 " staat er dubbel "
					 "in",
					 e.seq);
			rc = broken(st, res, expected, err, reason);
			break;
		}
		if (!same_hash(db_column_text(s, 12), prev)) {
			snprintf(reason, sizeof(reason),
				 "regel %" PRId64 ": verwijzing naar de vorige "
				 "regel klopt niet — regel ingevoegd of "
				 "verwijderd",
				 e.seq);
			rc = broken(st, res, e.seq, err, reason);
			break;
		}
		journal_hash(&e, calc, &res->bytes);
		if (!same_hash(db_column_text(s, 13), calc)) {
			snprintf(reason, sizeof(reason),
				 "regel %" PRId64 ": hash klopt niet — inhoud "
				 "gewijzigd",
				 e.seq);
			rc = broken(st, res, e.seq, err, reason);
			break;
		}
		snprintf(prev, sizeof(prev), "%s", calc);
		snprintf(res->head_hash, sizeof(res->head_hash), "%s", calc);
		res->entries++;
		expected++;
		if (progress && res->entries % JOURNAL_PROGRESS_EVERY == 0)
			progress(res->entries, ctx);
	}
out:
	db_finalize(s);
	if (own_tx)
		db_rollback(st->db); /* nothing was written */
	return rc;
}
