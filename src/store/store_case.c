/*
 * store_case.c - cases: create (with the readable reference), get, update
 * (status and pattern), list with filters.
 *
 * The reference "AMS-2026-00123" numbers cases per region and per year of
 * creation in the jurisdiction's local time (a case opened at 00:30 on
 * 1 January in Amsterdam belongs to the new year, although it is still the
 * old year in UTC). The number comes from case_counters inside the create
 * transaction, so two processes never hand out the same one, and a
 * rejected create leaves no gap. The owning organisation joins the case
 * team (store_team.c) in the same transaction.
 */
#include "store/store.h"

#include <stdio.h>
#include <string.h>

#include "core/model_json.h"
#include "core/validate.h"
#include "store/store_int.h"
#include "util/civtime.h"
#include "util/sbuf.h"
#include "util/uuid.h"
#include "util/banned.h"

#define CASE_COLUMNS                                                           \
	"id, reference, jurisdiction, region, owner_org_id, status, pattern, " \
	"created_at, updated_at, version"

static enum ct_err
read_case(struct store *st, struct db_stmt *s, struct arena *a, void *rec,
	  struct ct_error *err)
{
	struct ct_case *c = rec;
	enum ct_err rc;
	int v;

	memset(c, 0, sizeof(*c));
	store_col_buf(s, 0, c->id, sizeof(c->id));
	store_col_buf(s, 1, c->reference, sizeof(c->reference));
	rc = store_col_enum(st, s, 2, &vocab_country, &v, err);
	if (rc)
		return rc;
	c->jurisdiction = (enum ct_country)v;
	c->region = store_col_str(s, 3, a);
	store_col_buf(s, 4, c->owner_org_id, sizeof(c->owner_org_id));
	rc = store_col_enum(st, s, 5, &vocab_case_status, &v, err);
	if (rc)
		return rc;
	c->status = (enum case_status)v;
	rc = store_col_enum(st, s, 6, &vocab_violence_pattern, &v, err);
	if (rc)
		return rc;
	c->pattern = (enum violence_pattern)v;
	c->created_at = db_column_int64(s, 7);
	c->updated_at = db_column_int64(s, 8);
	c->version = db_column_int64(s, 9);
	return CT_OK;
}

static const struct store_row_reader case_reader = {sizeof(struct ct_case),
						    "dossiers", read_case};

/* Allocate the next number for region and year (in the open transaction). */
static enum ct_err
next_reference_seq(struct store *st, const char *region, int year,
		   unsigned *seq, struct ct_error *err)
{
	struct db_stmt *s = NULL;
	int64_t next = 1;
	enum ct_err rc;
	int row, have;

	rc = db_prepare(st->db,
			"SELECT next_seq FROM case_counters "
			"WHERE region = ? AND year = ?",
			&s, err);
	if (rc)
		return rc;
	db_bind_text(s, 1, region);
	db_bind_int64(s, 2, year);
	rc = db_step(s, &row, err);
	have = row;
	if (rc == CT_OK && row)
		next = db_column_int64(s, 0);
	db_finalize(s);
	if (rc)
		return rc;
	if (next < 1 || next > CT_REFERENCE_SEQ_MAX)
		return ct_error_set(err, CT_ERR_LIMIT,
				    "Regio %s heeft in %d al het hoogste "
				    "casusnummer (%d) bereikt; er kan dit jaar "
				    "geen casus meer bij. Meld dit aan de "
				    "beheerder.",
				    region, year, CT_REFERENCE_SEQ_MAX);
	rc = db_prepare(st->db,
			have ? "UPDATE case_counters SET next_seq = ? "
			       "WHERE region = ? AND year = ?"
			     : "INSERT INTO case_counters "
			       "(next_seq, region, year) VALUES (?, ?, ?)",
			&s, err);
	if (rc)
		return rc;
	db_bind_int64(s, 1, next + 1);
	db_bind_text(s, 2, region);
	db_bind_int64(s, 3, year);
	rc = db_step(s, &row, err);
	db_finalize(s);
	if (rc == CT_OK)
		*seq = (unsigned)next;
	return rc;
}

static enum ct_err
insert_case(struct store *st, const struct ct_case *c, struct ct_error *err)
{
	struct db_stmt *s = NULL;
	enum ct_err rc;
	int row;

	rc = db_prepare(st->db,
			"INSERT INTO cases (" CASE_COLUMNS ") "
			"VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
			&s, err);
	if (rc)
		return rc;
	db_bind_text(s, 1, c->id);
	db_bind_text(s, 2, c->reference);
	db_bind_text(s, 3, store_code(&vocab_country, (int)c->jurisdiction));
	db_bind_text(s, 4, c->region);
	db_bind_text(s, 5, c->owner_org_id);
	db_bind_text(s, 6, store_code(&vocab_case_status, (int)c->status));
	db_bind_text(s, 7,
		     store_code(&vocab_violence_pattern, (int)c->pattern));
	db_bind_int64(s, 8, c->created_at);
	db_bind_int64(s, 9, c->updated_at);
	db_bind_int64(s, 10, c->version);
	rc = db_step(s, &row, err);
	db_finalize(s);
	return rc;
}

enum ct_err
store_case_create(struct store *st, const struct store_actor *who,
		  struct ct_case *c, struct ct_error *err)
{
	struct ct_problems p;
	struct ct_case rec = *c;
	struct ct_date today;
	json_t *after = NULL;
	unsigned seq = 0;
	enum ct_err rc;
	int found;

	rc = store_check_actor(who, err);
	if (rc)
		return rc;
	ct_problems_init(&p);
	case_validate(c, &p);
	rc = ct_problems_to_error(&p, err);
	if (rc)
		return rc;

	rc = store_write_begin(st, err);
	if (rc)
		return rc;
	rc = store_row_exists(st, "SELECT 1 FROM orgs WHERE id = ?",
			      c->owner_org_id, &found, err);
	if (rc == CT_OK && !found)
		rc = ct_error_set(err, CT_ERR_NOTFOUND,
				  "owner_org_id: organisatie %s bestaat "
				  "niet; kies een bestaande organisatie als "
				  "eigenaar.",
				  c->owner_org_id);
	if (rc == CT_OK) {
		ct_uuid_new(rec.id);
		rec.status = CASE_STATUS_OPEN;
		rec.created_at = store_now(st);
		rec.updated_at = rec.created_at;
		rec.version = 1;
		ct_local_date(ct_country_zone(rec.jurisdiction), rec.created_at,
			      &today);
		rc = next_reference_seq(st, rec.region, today.year, &seq, err);
	}
	if (rc == CT_OK && case_reference_format(rec.region, today.year, seq,
						 rec.reference) != CT_OK)
		CT_BUG("validated region and year do not form a reference");
	if (rc == CT_OK)
		rc = insert_case(st, &rec, err);
	/* The owner is on the team from the start; case.create says so. */
	if (rc == CT_OK)
		rc = store_team_insert(st, who, rec.id, rec.owner_org_id,
				       "eigenaar", err);
	if (rc == CT_OK) {
		after = case_to_json(&rec);
		rc = journal_append(st, who, rec.id, "case.create", "case",
				    rec.id, NULL, after, err);
	}
	rc = store_write_end(st, rc, err);
	json_decref(after);
	if (rc == CT_OK)
		*c = rec;
	return rc;
}

enum ct_err
store_case_get(struct store *st, const char *id_or_reference, struct arena *a,
	       struct ct_case *out, struct ct_error *err)
{
	const char *params[] = {id_or_reference};
	struct ct_case c;
	enum ct_err rc;

	if (!id_or_reference)
		return ct_error_set(err, CT_ERR_INVALID,
				    "case: geef een casus op.");
	/*
	 * A reference ("AMS-2026-00123") never has the shape of a UUID, so
	 * the shape says which column to search: one index instead of two
	 * for every request that names its case by id.
	 */
	rc = store_query_one(st,
			     ct_uuid_valid(id_or_reference)
				     ? "SELECT " CASE_COLUMNS " FROM cases "
				       "WHERE id = ?"
				     : "SELECT " CASE_COLUMNS " FROM cases "
				       "WHERE reference = ?",
			     params, 1, &case_reader, a, &c, err);
	if (rc == CT_ERR_NOTFOUND)
		return ct_error_set(err, rc,
				    "Casus '%s' bestaat niet. Controleer het "
				    "kenmerk.",
				    id_or_reference);
	if (rc == CT_OK)
		*out = c;
	return rc;
}

enum ct_err
store_case_update(struct store *st, const struct store_actor *who,
		  struct ct_case *c, struct ct_error *err)
{
	struct ct_case before, rec;
	struct ct_problems p;
	struct arena a;
	json_t *jb = NULL, *ja = NULL;
	struct db_stmt *s = NULL;
	enum ct_err rc;
	int row;

	rc = store_check_actor(who, err);
	if (rc)
		return rc;
	if (!c->id[0])
		return ct_error_set(err, CT_ERR_INVALID,
				    "id: geef de casus op die u wijzigt.");
	memset(&rec, 0, sizeof(rec));
	arena_init(&a, ARENA_MAX_DEFAULT);
	rc = store_write_begin(st, err);
	if (rc)
		goto out;
	rc = store_case_get(st, c->id, &a, &before, err);
	if (rc == CT_OK && strcmp(before.id, c->id) != 0)
		rc = ct_error_set(err, CT_ERR_NOTFOUND,
				  "Casus %s bestaat niet.", c->id);
	if (rc)
		goto end;
	/* Only status and pattern change; the rest stays as stored. */
	rec = before;
	rec.status = c->status;
	rec.pattern = c->pattern;
	ct_problems_init(&p);
	case_validate(&rec, &p);
	rc = ct_problems_to_error(&p, err);
	if (rc)
		goto end;
	if (before.version != c->version) {
		rc = store_conflict(st, "De casus", c->id, err);
		goto end;
	}
	rec.updated_at = store_now(st);
	rec.version = before.version + 1;
	rc = db_prepare(st->db,
			"UPDATE cases SET status = ?, pattern = ?, "
			"updated_at = ?, version = ? "
			"WHERE id = ? AND version = ?",
			&s, err);
	if (rc)
		goto end;
	db_bind_text(s, 1, store_code(&vocab_case_status, (int)rec.status));
	db_bind_text(s, 2,
		     store_code(&vocab_violence_pattern, (int)rec.pattern));
	db_bind_int64(s, 3, rec.updated_at);
	db_bind_int64(s, 4, rec.version);
	db_bind_text(s, 5, rec.id);
	db_bind_int64(s, 6, before.version);
	rc = db_step(s, &row, err);
	if (rc == CT_OK && db_changes(st->db) != 1)
		rc = store_conflict(st, "De casus", c->id, err);
	db_finalize(s);
	if (rc)
		goto end;
	jb = case_to_json(&before);
	ja = case_to_json(&rec);
	rc = journal_append(st, who, rec.id, "case.update", "case", rec.id, jb,
			    ja, err);
end:
	rc = store_write_end(st, rc, err);
	if (rc == CT_OK) {
		c->updated_at = rec.updated_at;
		c->version = rec.version;
	}
out:
	json_decref(jb);
	json_decref(ja);
	arena_release(&a);
	return rc;
}

void
store_case_filter_init(struct store_case_filter *f)
{
	memset(f, 0, sizeof(*f));
	f->jurisdiction = -1;
	f->status = -1;
}

/* WHERE clause and its parameters, shared by the count and the page. */
struct case_where {
	struct sbuf sql;
	const char *params[6];
	int nparams;
	/* "%PART%" upper-cased, with LIKE's own characters escaped */
	char reference_like[2 * CT_REFERENCE_SIZE + 3];
};

/*
 * The LIKE pattern of a reference part: references are upper-case ASCII,
 * so upper-casing both sides gives the same answer on SQLite (whose LIKE
 * ignores ASCII case) and PostgreSQL (whose LIKE does not). CT_ERR_INVALID
 * for a part longer than a reference.
 */
static enum ct_err
reference_like(const char *part, char *out, size_t size, struct ct_error *err)
{
	size_t used = 0, i;

	if (strlen(part) >= CT_REFERENCE_SIZE)
		return ct_error_set(err, CT_ERR_INVALID,
				    "kenmerk: langer dan een dossierkenmerk.");
	out[used++] = '%';
	for (i = 0; part[i]; i++) {
		char c = part[i];

		if (c >= 'a' && c <= 'z')
			c = (char)(c - 'a' + 'A');
		if (c == '%' || c == '_' || c == '\\')
			out[used++] = '\\';
		out[used++] = c;
	}
	out[used++] = '%';
	out[used] = '\0';
	if (used >= size)
		CT_BUG("reference pattern overflow");
	return CT_OK;
}

static enum ct_err
build_where(const struct store_case_filter *f, struct case_where *w,
	    struct ct_error *err)
{
	const char *code;

	sbuf_init(&w->sql, SBUF_MAX_SMALL);
	w->nparams = 0;
	if (sbuf_addstr(&w->sql, " WHERE 1 = 1"))
		CT_BUG("filter sql");
	if (f->owner_org_id) {
		if (sbuf_addstr(&w->sql, " AND owner_org_id = ?"))
			CT_BUG("filter sql");
		w->params[w->nparams++] = f->owner_org_id;
	}
	if (f->member_org_id) {
		/* Uses case_team_org (org_id, removed_at, case_id). */
		if (sbuf_addstr(&w->sql, " AND id IN (SELECT case_id FROM "
					 "case_team WHERE org_id = ? AND "
					 "removed_at = 0)"))
			CT_BUG("filter sql");
		w->params[w->nparams++] = f->member_org_id;
	}
	if (f->region) {
		if (sbuf_addstr(&w->sql, " AND region = ?"))
			CT_BUG("filter sql");
		w->params[w->nparams++] = f->region;
	}
	if (f->reference_part) {
		if (reference_like(f->reference_part, w->reference_like,
				   sizeof(w->reference_like), err))
			return err->code;
		if (sbuf_addstr(&w->sql, " AND upper(reference) LIKE ? "
					 "ESCAPE '\\'"))
			CT_BUG("filter sql");
		w->params[w->nparams++] = w->reference_like;
	}
	if (f->jurisdiction != -1) {
		code = f->jurisdiction >= 0
			       ? vocab_code(&vocab_country,
					    (unsigned)f->jurisdiction)
			       : NULL;
		if (!code)
			return ct_error_set(err, CT_ERR_INVALID,
					    "jurisdiction: onbekend land.");
		if (sbuf_addstr(&w->sql, " AND jurisdiction = ?"))
			CT_BUG("filter sql");
		w->params[w->nparams++] = code;
	}
	if (f->status != -1) {
		code = f->status >= 0 ? vocab_code(&vocab_case_status,
						   (unsigned)f->status)
				      : NULL;
		if (!code)
			return ct_error_set(err, CT_ERR_INVALID,
					    "status: onbekende status.");
		if (sbuf_addstr(&w->sql, " AND status = ?"))
			CT_BUG("filter sql");
		w->params[w->nparams++] = code;
	}
	return CT_OK;
}

static enum ct_err
count_cases(struct store *st, const struct case_where *w, size_t *total,
	    struct ct_error *err)
{
	struct db_stmt *s = NULL;
	struct sbuf sql;
	enum ct_err rc;
	int i, row;

	sbuf_init(&sql, SBUF_MAX_SMALL);
	if (sbuf_addf(&sql, "SELECT count(*) FROM cases%s", w->sql.buf))
		CT_BUG("count sql");
	rc = db_prepare(st->db, sql.buf, &s, err);
	sbuf_release(&sql);
	if (rc)
		return rc;
	for (i = 0; i < w->nparams; i++)
		db_bind_text(s, i + 1, w->params[i]);
	rc = db_step(s, &row, err);
	if (rc == CT_OK)
		*total = row ? (size_t)db_column_int64(s, 0) : 0;
	db_finalize(s);
	return rc;
}

enum ct_err
store_case_list(struct store *st, const struct store_case_filter *f,
		struct arena *a, struct ct_case **out, size_t *n, size_t *total,
		struct ct_error *err)
{
	struct ct_case *arr = NULL;
	struct db_stmt *s = NULL;
	struct case_where w;
	struct sbuf sql;
	size_t count = 0, cap = 0, all = 0, limit;
	enum ct_err rc;
	int i, row;

	limit = f->limit ? f->limit : STORE_LIST_LIMIT_DEFAULT;
	if (limit > STORE_LIST_LIMIT_MAX)
		limit = STORE_LIST_LIMIT_MAX;
	if (f->offset > (size_t)INT64_MAX)
		return ct_error_set(err, CT_ERR_INVALID, "offset: te groot.");
	sbuf_init(&sql, SBUF_MAX_SMALL);
	rc = build_where(f, &w, err);
	if (rc)
		goto out;
	rc = count_cases(st, &w, &all, err);
	if (rc)
		goto out;
	if (sbuf_addf(&sql,
		      "SELECT " CASE_COLUMNS " FROM cases%s "
		      "ORDER BY created_at DESC, reference DESC "
		      "LIMIT ? OFFSET ?",
		      w.sql.buf))
		CT_BUG("list sql");
	rc = db_prepare(st->db, sql.buf, &s, err);
	if (rc)
		goto out;
	for (i = 0; i < w.nparams; i++)
		db_bind_text(s, i + 1, w.params[i]);
	db_bind_int64(s, w.nparams + 1, (int64_t)limit);
	db_bind_int64(s, w.nparams + 2, (int64_t)f->offset);
	while ((rc = db_step(s, &row, err)) == CT_OK && row) {
		arr = store_grow(a, arr, count, &cap, sizeof(*arr));
		if (!arr) {
			rc = ct_error_set(err, CT_ERR_LIMIT,
					  "Te veel casussen om in één keer te "
					  "tonen; vraag een kleinere pagina.");
			break;
		}
		rc = read_case(st, s, a, &arr[count], err);
		if (rc)
			break;
		count++;
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
