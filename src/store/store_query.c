/*
 * store_query.c - the two read shapes every record file shares: "the one
 * row this query names" and "every row this query yields", each read into
 * a record by the file's own row reader, strings in the caller's arena.
 *
 * Written once here so that each store_<record>.c keeps only what is its
 * own: its SQL, its columns and its messages.
 */
#include "store/store_int.h"

#include "util/banned.h"

static enum ct_err
query_prepare(struct store *st, const char *sql, const char *const *params,
	      size_t nparams, struct db_stmt **out, struct ct_error *err)
{
	enum ct_err rc = db_prepare(st->db, sql, out, err);
	size_t i;

	if (rc)
		return rc;
	for (i = 0; i < nparams; i++)
		db_bind_text(*out, (int)i + 1, params[i]);
	return CT_OK;
}

enum ct_err
store_query_one(struct store *st, const char *sql, const char *const *params,
		size_t nparams, const struct store_row_reader *r,
		struct arena *a, void *rec, struct ct_error *err)
{
	struct db_stmt *s = NULL;
	enum ct_err rc;
	int row;

	rc = query_prepare(st, sql, params, nparams, &s, err);
	if (rc)
		return rc;
	rc = db_step(s, &row, err);
	if (rc == CT_OK && !row)
		rc = CT_ERR_NOTFOUND; /* the caller words the message */
	if (rc == CT_OK)
		rc = r->read(st, s, a, rec, err);
	db_finalize(s);
	return rc;
}

enum ct_err
store_read_rows(struct store *st, struct db_stmt *s,
		const struct store_row_reader *r, struct arena *a, void **out,
		size_t *n, struct ct_error *err)
{
	unsigned char *arr = NULL;
	size_t count = 0, cap = 0;
	enum ct_err rc;
	int row;

	while ((rc = db_step(s, &row, err)) == CT_OK && row) {
		if (count == STORE_LIST_MAX ||
		    !(arr = store_grow(a, arr, count, &cap, r->size))) {
			rc = ct_error_set(err, CT_ERR_LIMIT,
					  "Te veel %s om in één keer te tonen.",
					  r->plural);
			break;
		}
		rc = r->read(st, s, a, arr + count * r->size, err);
		if (rc)
			break;
		count++;
	}
	if (rc)
		return rc;
	*out = arr;
	*n = count;
	return CT_OK;
}

enum ct_err
store_query_all(struct store *st, const char *sql, const char *const *params,
		size_t nparams, const struct store_row_reader *r,
		struct arena *a, void **out, size_t *n, struct ct_error *err)
{
	struct db_stmt *s = NULL;
	enum ct_err rc;

	rc = query_prepare(st, sql, params, nparams, &s, err);
	if (rc)
		return rc;
	rc = store_read_rows(st, s, r, a, out, n, err);
	db_finalize(s);
	return rc;
}
