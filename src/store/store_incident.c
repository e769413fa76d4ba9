/*
 * store_incident.c - incidents of a case: add and list (oldest first by
 * the time they occurred, which is how a timeline is read).
 */
#include "store/store.h"

#include <string.h>

#include "core/model_json.h"
#include "core/validate.h"
#include "store/store_int.h"
#include "util/uuid.h"
#include "util/banned.h"

#define INCIDENT_COLUMNS                                                       \
	"id, case_id, occurred_at, types, forms, severity, location, "         \
	"description, version"

static enum ct_err
read_incident(struct store *st, struct db_stmt *s, struct arena *a, void *rec,
	      struct ct_error *err)
{
	struct incident *in = rec;
	enum ct_err rc;
	int v;

	memset(in, 0, sizeof(*in));
	store_col_buf(s, 0, in->id, sizeof(in->id));
	store_col_buf(s, 1, in->case_id, sizeof(in->case_id));
	in->occurred_at = db_column_int64(s, 2);
	rc = store_col_mask(st, s, 3, &vocab_violence_type, &in->types, err);
	if (rc)
		return rc;
	rc = store_col_mask(st, s, 4, &vocab_violence_form, &in->forms, err);
	if (rc)
		return rc;
	rc = store_col_enum(st, s, 5, &vocab_severity, &v, err);
	if (rc)
		return rc;
	in->severity = (enum severity)v;
	in->location = store_col_str(s, 6, a);
	in->description = store_col_str(s, 7, a);
	in->version = db_column_int64(s, 8);
	return CT_OK;
}

static const struct store_row_reader incident_reader = {
	sizeof(struct incident), "incidenten", read_incident};

static enum ct_err
insert_incident(struct store *st, const struct incident *in, int64_t now,
		struct ct_error *err)
{
	char types[STORE_MASK_TEXT_MAX], forms[STORE_MASK_TEXT_MAX];
	struct db_stmt *s = NULL;
	enum ct_err rc;
	int row;

	store_mask_text(&vocab_violence_type, in->types, types);
	store_mask_text(&vocab_violence_form, in->forms, forms);
	rc = db_prepare(st->db,
			"INSERT INTO incidents (id, case_id, occurred_at, "
			"types, forms, severity, location, description, "
			"created_at, updated_at, version) "
			"VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
			&s, err);
	if (rc)
		return rc;
	db_bind_text(s, 1, in->id);
	db_bind_text(s, 2, in->case_id);
	db_bind_int64(s, 3, in->occurred_at);
	db_bind_text(s, 4, types);
	db_bind_text(s, 5, forms);
	db_bind_text(s, 6, store_code(&vocab_severity, (int)in->severity));
	db_bind_text(s, 7, in->location);
	db_bind_text(s, 8, in->description);
	db_bind_int64(s, 9, now);
	db_bind_int64(s, 10, now);
	db_bind_int64(s, 11, in->version);
	rc = db_step(s, &row, err);
	db_finalize(s);
	return rc;
}

enum ct_err
store_incident_add(struct store *st, const struct store_actor *who,
		   struct incident *in, struct ct_error *err)
{
	struct ct_problems p;
	struct incident rec = *in;
	json_t *after = NULL;
	enum ct_err rc;
	int found;

	rc = store_check_actor(who, err);
	if (rc)
		return rc;
	ct_problems_init(&p);
	incident_validate(in, store_now(st), &p);
	rc = ct_problems_to_error(&p, err);
	if (rc)
		return rc;

	rc = store_write_begin(st, err);
	if (rc)
		return rc;
	rc = store_row_exists(st, "SELECT 1 FROM cases WHERE id = ?",
			      in->case_id, &found, err);
	if (rc == CT_OK && !found)
		rc = ct_error_set(err, CT_ERR_NOTFOUND,
				  "case_id: casus %s bestaat niet; leg het "
				  "incident vast bij een bestaande casus.",
				  in->case_id[0] ? in->case_id : "(leeg)");
	if (rc == CT_OK) {
		ct_uuid_new(rec.id);
		rec.version = 1;
		rc = insert_incident(st, &rec, store_now(st), err);
	}
	if (rc == CT_OK) {
		after = incident_to_json(&rec);
		rc = journal_append(st, who, rec.case_id, "incident.add",
				    "incident", rec.id, NULL, after, err);
	}
	rc = store_write_end(st, rc, err);
	json_decref(after);
	if (rc == CT_OK)
		*in = rec;
	return rc;
}

enum ct_err
store_incident_list(struct store *st, const char *case_id, struct arena *a,
		    struct incident **out, size_t *n, struct ct_error *err)
{
	const char *params[] = {case_id};
	void *arr = NULL;
	enum ct_err rc;

	if (!case_id)
		return ct_error_set(err, CT_ERR_INVALID,
				    "case_id: geef een casus op.");
	rc = store_query_all(st,
			     "SELECT " INCIDENT_COLUMNS " FROM incidents "
			     "WHERE case_id = ? ORDER BY occurred_at, id",
			     params, 1, &incident_reader, a, &arr, n, err);
	if (rc == CT_OK)
		*out = arr;
	return rc;
}
