/*
 * store_row.c - small pieces every store_<record>.c needs: the actor
 * check, existence queries, the conflict message, and turning columns
 * (text, vocabulary codes, sets of codes) back into record fields.
 *
 * A stored code this program does not know means the row was written by
 * something else or damaged: it is reported as CT_ERR_DB_CORRUPT rather
 * than silently read as position 0.
 */
#include "store/store_int.h"

#include <stdio.h>
#include <string.h>

#include "util/banned.h"

enum ct_err
store_check_actor(const struct store_actor *who, struct ct_error *err)
{
	if (!who || !who->label || !who->label[0])
		return ct_error_set(err, CT_ERR_INVALID,
				    "actor: er staat niet bij wie de wijziging "
				    "doet; die hoort in het journaal.");
	return CT_OK;
}

enum ct_err
store_row_exists(struct store *st, const char *sql, const char *param,
		 int *found, struct ct_error *err)
{
	struct db_stmt *s = NULL;
	enum ct_err rc;
	int row;

	*found = 0;
	rc = db_prepare(st->db, sql, &s, err);
	if (rc)
		return rc;
	db_bind_text(s, 1, param);
	rc = db_step(s, &row, err);
	if (rc == CT_OK)
		*found = row;
	db_finalize(s);
	return rc;
}

enum ct_err
store_conflict(struct store *st, const char *what, const char *id,
	       struct ct_error *err)
{
	struct db_stmt *s = NULL;
	char who[CT_PROBLEM_MESSAGE_MAX] = "iemand anders";
	int row;

	/* Best effort: the conflict is the answer even if this fails. */
	if (db_prepare(st->db,
		       "SELECT actor_label FROM journal WHERE entity_id = ? "
		       "ORDER BY seq DESC LIMIT 1",
		       &s, NULL) == CT_OK) {
		db_bind_text(s, 1, id);
		if (db_step(s, &row, NULL) == CT_OK && row &&
		    db_column_text(s, 0))
			snprintf(who, sizeof(who), "%s", db_column_text(s, 0));
		db_finalize(s);
	}
	return ct_error_set(err, CT_ERR_CONFLICT,
			    "%s is intussen gewijzigd door %s; laad opnieuw "
			    "en breng uw wijziging dan aan.",
			    what, who);
}

const char *
store_col_str(struct db_stmt *s, int col, struct arena *a)
{
	const char *v = db_column_text(s, col);

	return v ? arena_strdup(a, v) : NULL;
}

void
store_col_buf(struct db_stmt *s, int col, char *out, size_t n)
{
	const char *v = db_column_text(s, col);

	snprintf(out, n, "%s", v ? v : "");
}

static enum ct_err
bad_code(struct store *st, const struct vocab *v, const char *code,
	 struct ct_error *err)
{
	return ct_error_set(err, CT_ERR_DB_CORRUPT,
			    "Database %s bevat een onbekende waarde '%s' voor "
			    "%s; zij is beschadigd of door een nieuwere "
			    "versie geschreven. Meld het aan de beheerder.",
			    db_target(st->db), code ? code : "(leeg)", v->name);
}

enum ct_err
store_col_enum(struct store *st, struct db_stmt *s, int col,
	       const struct vocab *v, int *out, struct ct_error *err)
{
	const char *code = db_column_text(s, col);
	int pos = code ? vocab_index(v, code) : -1;

	if (pos < 0)
		return bad_code(st, v, code, err);
	*out = pos;
	return CT_OK;
}

enum ct_err
store_col_mask(struct store *st, struct db_stmt *s, int col,
	       const struct vocab *v, uint32_t *out, struct ct_error *err)
{
	const char *text = db_column_text(s, col);
	const char *bad = NULL;
	size_t bad_len = 0;
	uint32_t mask = 0;

	if (!text)
		return bad_code(st, v, NULL, err);
	if (text[0] && vocab_mask_parse(v, text, &mask, &bad, &bad_len) < 0)
		return bad_code(st, v, text, err);
	*out = mask;
	return CT_OK;
}

const char *
store_code(const struct vocab *v, int pos)
{
	const char *code = pos >= 0 ? vocab_code(v, (unsigned)pos) : NULL;

	if (!code)
		CT_BUG("store: enum value outside its vocabulary");
	return code;
}

void
store_mask_text(const struct vocab *v, uint32_t mask,
		char out[STORE_MASK_TEXT_MAX])
{
	vocab_mask_format(v, mask, out, STORE_MASK_TEXT_MAX);
}

void *
store_grow(struct arena *a, void *arr, size_t n, size_t *cap, size_t size)
{
	void *bigger;
	size_t ncap;

	if (n < *cap)
		return arr;
	ncap = *cap ? *cap * 2 : 16;
	bigger = arena_alloc_array(a, ncap, size);
	if (!bigger)
		return NULL;
	if (n)
		memcpy(bigger, arr, n * size);
	*cap = ncap;
	return bigger;
}
