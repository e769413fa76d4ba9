/*
 * store_relation.c - relations between two persons of one case.
 *
 * Both persons must exist and belong to the relation's case: a relation
 * across families would leak one family's members into another's picture.
 */
#include "store/store.h"

#include <string.h>

#include "core/model_json.h"
#include "core/validate.h"
#include "store/store_int.h"
#include "util/uuid.h"
#include "util/banned.h"

#define RELATION_COLUMNS "id, case_id, person_a, person_b, kind, version"

static enum ct_err
read_relation(struct store *st, struct db_stmt *s, struct arena *a, void *rec,
	      struct ct_error *err)
{
	struct relation *r = rec;
	enum ct_err rc;
	int v;

	(void)a; /* no text columns */
	memset(r, 0, sizeof(*r));
	store_col_buf(s, 0, r->id, sizeof(r->id));
	store_col_buf(s, 1, r->case_id, sizeof(r->case_id));
	store_col_buf(s, 2, r->person_a, sizeof(r->person_a));
	store_col_buf(s, 3, r->person_b, sizeof(r->person_b));
	rc = store_col_enum(st, s, 4, &vocab_relation_kind, &v, err);
	if (rc)
		return rc;
	r->kind = (enum relation_kind)v;
	r->version = db_column_int64(s, 5);
	return CT_OK;
}

static const struct store_row_reader relation_reader = {
	sizeof(struct relation), "relaties", read_relation};

/* The person exists and is part of case_id; field names the input. */
static enum ct_err
check_person_in_case(struct store *st, const char *field, const char *person_id,
		     const char *case_id, struct ct_error *err)
{
	struct db_stmt *s = NULL;
	enum ct_err rc;
	int row;

	rc = db_prepare(st->db, "SELECT case_id FROM persons WHERE id = ?", &s,
			err);
	if (rc)
		return rc;
	db_bind_text(s, 1, person_id);
	rc = db_step(s, &row, err);
	if (rc == CT_OK && !row)
		rc = ct_error_set(err, CT_ERR_NOTFOUND,
				  "%s: persoon %s bestaat niet.", field,
				  person_id);
	else if (rc == CT_OK && (!db_column_text(s, 0) ||
				 strcmp(db_column_text(s, 0), case_id) != 0))
		rc = ct_error_set(err, CT_ERR_INVALID,
				  "%s: persoon %s hoort niet bij casus %s; "
				  "een relatie verbindt alleen personen uit "
				  "dezelfde casus.",
				  field, person_id, case_id);
	db_finalize(s);
	return rc;
}

static enum ct_err
insert_relation(struct store *st, const struct relation *r, int64_t now,
		struct ct_error *err)
{
	struct db_stmt *s = NULL;
	enum ct_err rc;
	int row;

	rc = db_prepare(st->db,
			"INSERT INTO relations (id, case_id, person_a, "
			"person_b, kind, created_at, updated_at, version) "
			"VALUES (?, ?, ?, ?, ?, ?, ?, ?)",
			&s, err);
	if (rc)
		return rc;
	db_bind_text(s, 1, r->id);
	db_bind_text(s, 2, r->case_id);
	db_bind_text(s, 3, r->person_a);
	db_bind_text(s, 4, r->person_b);
	db_bind_text(s, 5, store_code(&vocab_relation_kind, (int)r->kind));
	db_bind_int64(s, 6, now);
	db_bind_int64(s, 7, now);
	db_bind_int64(s, 8, r->version);
	rc = db_step(s, &row, err);
	db_finalize(s);
	return rc;
}

enum ct_err
store_relation_add(struct store *st, const struct store_actor *who,
		   struct relation *r, struct ct_error *err)
{
	struct ct_problems p;
	struct relation rec = *r;
	json_t *after = NULL;
	enum ct_err rc;
	int found;

	rc = store_check_actor(who, err);
	if (rc)
		return rc;
	ct_problems_init(&p);
	relation_validate(r, &p);
	rc = ct_problems_to_error(&p, err);
	if (rc)
		return rc;

	rc = store_write_begin(st, err);
	if (rc)
		return rc;
	rc = store_row_exists(st, "SELECT 1 FROM cases WHERE id = ?",
			      r->case_id, &found, err);
	if (rc == CT_OK && !found)
		rc = ct_error_set(err, CT_ERR_NOTFOUND,
				  "case_id: casus %s bestaat niet.",
				  r->case_id[0] ? r->case_id : "(leeg)");
	if (rc == CT_OK)
		rc = check_person_in_case(st, "person_a", r->person_a,
					  r->case_id, err);
	if (rc == CT_OK)
		rc = check_person_in_case(st, "person_b", r->person_b,
					  r->case_id, err);
	if (rc == CT_OK) {
		ct_uuid_new(rec.id);
		rec.version = 1;
		rc = insert_relation(st, &rec, store_now(st), err);
	}
	if (rc == CT_OK) {
		after = relation_to_json(&rec);
		rc = journal_append(st, who, rec.case_id, "relation.add",
				    "relation", rec.id, NULL, after, err);
	}
	rc = store_write_end(st, rc, err);
	json_decref(after);
	if (rc == CT_OK)
		*r = rec;
	return rc;
}

enum ct_err
store_relation_list(struct store *st, const char *case_id, struct arena *a,
		    struct relation **out, size_t *n, struct ct_error *err)
{
	const char *params[] = {case_id};
	void *arr = NULL;
	enum ct_err rc;

	if (!case_id)
		return ct_error_set(err, CT_ERR_INVALID,
				    "case_id: geef een casus op.");
	rc = store_query_all(st,
			     "SELECT " RELATION_COLUMNS " FROM relations "
			     "WHERE case_id = ? ORDER BY created_at, id",
			     params, 1, &relation_reader, a, &arr, n, err);
	if (rc == CT_OK)
		*out = arr;
	return rc;
}
