/*
 * access_log.c - the access log's chain: append, query, verify.
 *
 * A record's hash (chain.h) covers, in this order: seq, id, at,
 * request_id, user_id, org_id, roles, action, case_id, person_id,
 * purpose, allowed, reason, break_glass, prev_hash; numbers as decimal
 * text, the flags as 0 or 1. The chain is separate from the journal's,
 * so reads (many) never contend with case changes (few) for one head.
 *
 * Appends read the head inside the write transaction that holds the
 * database's write lock, so several writers (processes, or the group
 * committer and the command line) always extend one chain.
 */
#include "store/access_log.h"

#include <pthread.h>
#include <stdio.h>
#include <string.h>

#include <sodium.h>

#include "store/access_log_int.h"
#include "store/chain.h"
#include "store/db.h"
#include "store/store_int.h"
#include "util/sbuf.h"
#include "util/uuid.h"
#include "util/banned.h"

#define ACCESS_COLUMNS                                                         \
	"seq, id, at, request_id, user_id, org_id, roles, action, case_id, "   \
	"person_id, purpose, allowed, reason, break_glass, prev_hash, hash"

static const struct chain_def access_chain = {
	.table = "access_log",
	.noun = "Het toegangslogboek",
	.columns = ACCESS_COLUMNS,
	.ncols = 16,
	.int_cols = (1u << 0) | (1u << 2) | (1u << 11) | (1u << 13),
};

static int
too_long(const char *s)
{
	return s && strlen(s) > ACCESS_LOG_FIELD_MAX;
}

enum ct_err
access_log_check(const struct access_record *rec, struct ct_error *err)
{
	if (!rec || !rec->action || !rec->action[0])
		return ct_error_set(err, CT_ERR_INVALID,
				    "action: een regel in het "
				    "toegangslogboek noemt altijd de "
				    "handeling.");
	if (too_long(rec->request_id) || too_long(rec->user_id) ||
	    too_long(rec->org_id) || too_long(rec->roles) ||
	    too_long(rec->action) || too_long(rec->case_id) ||
	    too_long(rec->person_id) || too_long(rec->purpose) ||
	    too_long(rec->reason))
		return ct_error_set(err, CT_ERR_INVALID,
				    "Een veld van de regel voor het "
				    "toegangslogboek is langer dan %d tekens.",
				    ACCESS_LOG_FIELD_MAX);
	return CT_OK;
}

/*
 * The bytes chain.h hashes, gathered in a buffer and given to BLAKE2b a
 * buffer at a time: the same hash as chain_add_str/chain_add_int (an
 * 8-byte little-endian length, all ones for NULL, then the text; numbers
 * as decimal text), computed the way chain_verify recomputes it, without
 * a call per field or a heap state per record (the writer hashes every
 * record of every batch while its callers wait).
 */
struct access_hasher {
	crypto_generichash_state st;
	size_t used;
	unsigned char buf[1024];
};

static void
hasher_bytes(struct access_hasher *h, const void *p, size_t n)
{
	const unsigned char *b = p;
	size_t take;

	while (n) {
		if (h->used == sizeof(h->buf)) {
			crypto_generichash_update(&h->st, h->buf, h->used);
			h->used = 0;
		}
		take = sizeof(h->buf) - h->used;
		if (take > n)
			take = n;
		memcpy(h->buf + h->used, b, take);
		h->used += take;
		b += take;
		n -= take;
	}
}

static void
hasher_str(struct access_hasher *h, const char *s)
{
	uint64_t n = s ? strlen(s) : UINT64_MAX; /* NULL differs from "" */
	unsigned char len[8];
	int i;

	for (i = 0; i < 8; i++)
		len[i] = (unsigned char)(n >> (8 * i));
	hasher_bytes(h, len, sizeof(len));
	if (s)
		hasher_bytes(h, s, (size_t)n);
}

static void
hasher_int(struct access_hasher *h, int64_t v)
{
	char text[24], *p = text + sizeof(text);
	uint64_t u = v < 0 ? (uint64_t)0 - (uint64_t)v : (uint64_t)v;

	*--p = '\0';
	do {
		*--p = (char)('0' + u % 10);
		u /= 10;
	} while (u);
	if (v < 0)
		*--p = '-';
	hasher_str(h, p);
}

static void
access_hash(int64_t seq, const char *id, const struct access_record *r,
	    const char *prev_hash, char out[CT_HASH_HEX_SIZE])
{
	struct access_hasher h;
	unsigned char digest[CT_HASH_BYTES];

	crypto_generichash_init(&h.st, NULL, 0, CT_HASH_BYTES);
	h.used = 0;
	hasher_int(&h, seq);
	hasher_str(&h, id);
	hasher_int(&h, r->at);
	hasher_str(&h, r->request_id);
	hasher_str(&h, r->user_id);
	hasher_str(&h, r->org_id);
	hasher_str(&h, r->roles);
	hasher_str(&h, r->action);
	hasher_str(&h, r->case_id);
	hasher_str(&h, r->person_id);
	hasher_str(&h, r->purpose);
	hasher_int(&h, r->allowed ? 1 : 0);
	hasher_str(&h, r->reason);
	hasher_int(&h, r->break_glass ? 1 : 0);
	hasher_str(&h, prev_hash);
	crypto_generichash_update(&h.st, h.buf, h.used);
	crypto_generichash_final(&h.st, digest, sizeof(digest));
	sodium_bin2hex(out, CT_HASH_HEX_SIZE, digest, sizeof(digest));
	sodium_memzero(&h, sizeof(h));
}

/*
 * Rows per INSERT: a batch goes in as few multi-row statements as its
 * size allows (32, 16, ... 1 rows, each text compiled once per
 * connection), so the statement machinery runs once per chunk instead of
 * once per record; 16 parameters a row keeps 32 rows under PostgreSQL's
 * and SQLite's limits on parameters.
 */
#define INSERT_ROWS_MAX 32
#define INSERT_COLS 16
#define INSERT_ROW_TEXT "(?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)"
/* "INSERT INTO access_log (...) VALUES " and the rows with commas. */
#define INSERT_SQL_MAX                                                         \
	(sizeof("INSERT INTO access_log () VALUES ") +                         \
	 sizeof(ACCESS_COLUMNS) +                                              \
	 INSERT_ROWS_MAX * (sizeof(INSERT_ROW_TEXT) + 2))

static char insert_sql[6][INSERT_SQL_MAX]; /* 1, 2, 4, 8, 16, 32 rows */
static pthread_once_t insert_sql_once = PTHREAD_ONCE_INIT;

static void
insert_sql_build(void)
{
	size_t k, rows, i, len;
	int n;

	for (k = 0, rows = 1; rows <= INSERT_ROWS_MAX; k++, rows *= 2) {
		n = snprintf(insert_sql[k], INSERT_SQL_MAX,
			     "INSERT INTO access_log (" ACCESS_COLUMNS
			     ") VALUES " INSERT_ROW_TEXT);
		if (n < 0 || (size_t)n >= INSERT_SQL_MAX)
			CT_BUG("access-log insert sql");
		len = (size_t)n;
		for (i = 1; i < rows; i++) {
			n = snprintf(insert_sql[k] + len, INSERT_SQL_MAX - len,
				     ", " INSERT_ROW_TEXT);
			if (n < 0 || (size_t)n >= INSERT_SQL_MAX - len)
				CT_BUG("access-log insert sql");
			len += (size_t)n;
		}
	}
}

/*
 * Insert recs[0..rows) (rows a power of two up to INSERT_ROWS_MAX) as
 * seq, seq + 1, ... after prev (updated to the last record's hash). The
 * ids come from one call to the CSPRNG for the chunk.
 */
static enum ct_err
insert_chunk(struct store *st, int64_t seq,
	     const struct access_record *const *recs, size_t rows,
	     char prev[CT_HASH_HEX_SIZE], struct ct_error *err)
{
	unsigned char random[INSERT_ROWS_MAX][16];
	char id[INSERT_ROWS_MAX][CT_UUID_SIZE];
	char hash[INSERT_ROWS_MAX][CT_HASH_HEX_SIZE];
	const struct access_record *r;
	const char *before = prev;
	struct db_stmt *s = NULL;
	enum ct_err rc;
	size_t i, k = 0;
	int row, c;

	while (((size_t)1 << k) < rows)
		k++;
	if (((size_t)1 << k) != rows || rows > INSERT_ROWS_MAX)
		CT_BUG("access-log chunk not a power of two");
	randombytes_buf(random, rows * sizeof(random[0]));
	rc = db_prepare(st->db, insert_sql[k], &s, err);
	if (rc)
		return rc;
	for (i = 0; i < rows; i++) {
		r = recs[i];
		ct_uuid_from_bytes(random[i], id[i]);
		access_hash(seq + (int64_t)i, id[i], r, before, hash[i]);
		c = (int)(i * INSERT_COLS);
		db_bind_int64(s, c + 1, seq + (int64_t)i);
		db_bind_text(s, c + 2, id[i]);
		db_bind_int64(s, c + 3, r->at);
		db_bind_text(s, c + 4, r->request_id);
		db_bind_text(s, c + 5, r->user_id);
		db_bind_text(s, c + 6, r->org_id);
		db_bind_text(s, c + 7, r->roles);
		db_bind_text(s, c + 8, r->action);
		db_bind_text(s, c + 9, r->case_id);
		db_bind_text(s, c + 10, r->person_id);
		db_bind_text(s, c + 11, r->purpose);
		db_bind_int64(s, c + 12, r->allowed ? 1 : 0);
		db_bind_text(s, c + 13, r->reason);
		db_bind_int64(s, c + 14, r->break_glass ? 1 : 0);
		db_bind_text(s, c + 15, before);
		db_bind_text(s, c + 16, hash[i]);
		before = hash[i];
	}
	rc = db_step(s, &row, err);
	db_finalize(s);
	if (rc == CT_OK)
		memcpy(prev, hash[rows - 1], CT_HASH_HEX_SIZE);
	sodium_memzero(random, sizeof(random));
	return rc;
}

enum ct_err
access_log_insert(struct store *st, const struct access_record *const *recs,
		  size_t n, struct ct_error *err)
{
	char prev[CT_HASH_HEX_SIZE];
	size_t done = 0, rows;
	int64_t seq;
	enum ct_err rc;

	CT_ASSERT(st->depth > 0);
	pthread_once(&insert_sql_once, insert_sql_build);
	rc = chain_head(st, &access_chain, &seq, prev, err);
	while (rc == CT_OK && done < n) {
		for (rows = INSERT_ROWS_MAX; rows > n - done; rows /= 2)
			;
		rc = insert_chunk(st, seq + 1 + (int64_t)done, recs + done,
				  rows, prev, err);
		done += rows;
	}
	return rc;
}

enum ct_err
store_access_log_append(struct store *st, const struct access_record *rec,
			struct ct_error *err)
{
	enum ct_err rc;

	rc = access_log_check(rec, err);
	if (rc)
		return rc;
	rc = store_write_begin(st, err);
	if (rc)
		return rc;
	rc = access_log_insert(st, &rec, 1, err);
	return store_write_end(st, rc, err);
}

void
access_log_query_init(struct access_log_query *q)
{
	memset(q, 0, sizeof(*q));
	q->allowed = -1;
}

/* WHERE clause and parameters, shared by the count and the page. */
struct access_where {
	struct sbuf sql;
	const char *text[4];
	int ntext;
	int64_t ints[3];
	int nints;
};

static void
where_add(struct sbuf *sql, const char *cond)
{
	if (sbuf_addstr(sql, cond))
		CT_BUG("access-log filter sql");
}

/* Text parameters first, then the numbers: binding follows that order. */
static enum ct_err
build_where(const struct access_log_query *q, struct access_where *w,
	    struct ct_error *err)
{
	sbuf_init(&w->sql, SBUF_MAX_SMALL);
	w->ntext = 0;
	w->nints = 0;
	where_add(&w->sql, " WHERE 1 = 1");
	if (q->user_id) {
		where_add(&w->sql, " AND user_id = ?");
		w->text[w->ntext++] = q->user_id;
	}
	if (q->person_id) {
		where_add(&w->sql, " AND person_id = ?");
		w->text[w->ntext++] = q->person_id;
	}
	if (q->case_id) {
		where_add(&w->sql, " AND case_id = ?");
		w->text[w->ntext++] = q->case_id;
	}
	if (q->org_id) {
		where_add(&w->sql, " AND org_id = ?");
		w->text[w->ntext++] = q->org_id;
	}
	if (q->allowed < -1 || q->allowed > 1)
		return ct_error_set(err, CT_ERR_INVALID,
				    "allowed: -1 (beide), 0 (geweigerd) of 1 "
				    "(toegestaan).");
	if (q->allowed != -1) {
		where_add(&w->sql, " AND allowed = ?");
		w->ints[w->nints++] = q->allowed;
	}
	if (q->from) {
		where_add(&w->sql, " AND at >= ?");
		w->ints[w->nints++] = q->from;
	}
	if (q->to) {
		where_add(&w->sql, " AND at < ?");
		w->ints[w->nints++] = q->to;
	}
	return CT_OK;
}

static int
bind_where(struct db_stmt *s, const struct access_where *w)
{
	int i, idx = 1;

	for (i = 0; i < w->ntext; i++)
		db_bind_text(s, idx++, w->text[i]);
	for (i = 0; i < w->nints; i++)
		db_bind_int64(s, idx++, w->ints[i]);
	return idx;
}

static void
read_entry(struct db_stmt *s, struct arena *a, struct access_entry *e)
{
	memset(e, 0, sizeof(*e));
	e->seq = db_column_int64(s, 0);
	store_col_buf(s, 1, e->id, sizeof(e->id));
	e->rec.at = db_column_int64(s, 2);
	e->rec.request_id = store_col_str(s, 3, a);
	e->rec.user_id = store_col_str(s, 4, a);
	e->rec.org_id = store_col_str(s, 5, a);
	e->rec.roles = store_col_str(s, 6, a);
	e->rec.action = store_col_str(s, 7, a);
	e->rec.case_id = store_col_str(s, 8, a);
	e->rec.person_id = store_col_str(s, 9, a);
	e->rec.purpose = store_col_str(s, 10, a);
	e->rec.allowed = db_column_int64(s, 11) != 0;
	e->rec.reason = store_col_str(s, 12, a);
	e->rec.break_glass = db_column_int64(s, 13) != 0;
	store_col_buf(s, 14, e->prev_hash, sizeof(e->prev_hash));
	store_col_buf(s, 15, e->hash, sizeof(e->hash));
}

enum ct_err
store_access_log_query(struct store *st, const struct access_log_query *q,
		       struct arena *a, struct access_entry **out, size_t *n,
		       size_t *total, struct ct_error *err)
{
	struct access_entry *arr = NULL;
	struct db_stmt *s = NULL;
	struct access_where w;
	struct sbuf sql;
	size_t count = 0, cap = 0, all = 0, limit;
	enum ct_err rc;
	int row, idx;

	limit = q->limit ? q->limit : STORE_LIST_LIMIT_DEFAULT;
	if (limit > STORE_LIST_LIMIT_MAX)
		limit = STORE_LIST_LIMIT_MAX;
	if (q->offset > (size_t)INT64_MAX)
		return ct_error_set(err, CT_ERR_INVALID, "offset: te groot.");
	sbuf_init(&sql, SBUF_MAX_SMALL);
	rc = build_where(q, &w, err);
	if (rc)
		goto out;
	if (sbuf_addf(&sql, "SELECT count(*) FROM access_log%s", w.sql.buf))
		CT_BUG("access-log count sql");
	rc = db_prepare(st->db, sql.buf, &s, err);
	if (rc)
		goto out;
	bind_where(s, &w);
	rc = db_step(s, &row, err);
	if (rc == CT_OK && row)
		all = (size_t)db_column_int64(s, 0);
	db_finalize(s);
	s = NULL;
	if (rc)
		goto out;
	sbuf_reset(&sql);
	if (sbuf_addf(&sql,
		      "SELECT " ACCESS_COLUMNS " FROM access_log%s "
		      "ORDER BY at DESC, seq DESC LIMIT ? OFFSET ?",
		      w.sql.buf))
		CT_BUG("access-log query sql");
	rc = db_prepare(st->db, sql.buf, &s, err);
	if (rc)
		goto out;
	idx = bind_where(s, &w);
	db_bind_int64(s, idx, (int64_t)limit);
	db_bind_int64(s, idx + 1, (int64_t)q->offset);
	while ((rc = db_step(s, &row, err)) == CT_OK && row) {
		arr = store_grow(a, arr, count, &cap, sizeof(*arr));
		if (!arr) {
			rc = ct_error_set(err, CT_ERR_LIMIT,
					  "Te veel regels om in één keer te "
					  "tonen; vraag een kleinere pagina.");
			break;
		}
		read_entry(s, a, &arr[count++]);
	}
out:
	db_finalize(s);
	sbuf_release(&sql);
	sbuf_release(&w.sql);
	if (rc)
		return rc;
	*out = arr;
	*n = count;
	*total = all;
	return CT_OK;
}

enum ct_err
store_access_log_verify(struct store *st, struct store_verify_result *res,
			void (*progress)(int64_t done, void *ctx), void *ctx,
			struct ct_error *err)
{
	return chain_verify(st, &access_chain, res, progress, ctx, err);
}
