/*
 * store_person.c - persons of a case: add, update, get, list.
 *
 * A person belongs to exactly one case for life: an update that names
 * another case is refused rather than moving the person (and with it the
 * relations that point at them) between families.
 */
#include "store/store.h"

#include <string.h>

#include "core/model_json.h"
#include "core/validate.h"
#include "store/store_int.h"
#include "util/civtime.h"
#include "util/uuid.h"
#include "util/banned.h"

#define PERSON_COLUMNS                                                         \
	"id, case_id, given_name, family_name, birth_date, sex, bsn, rrn, "    \
	"roles, version"

static enum ct_err
read_person(struct store *st, struct db_stmt *s, struct arena *a, void *rec,
	    struct ct_error *err)
{
	struct person *p = rec;
	const char *birth;
	enum ct_err rc;
	int v;

	memset(p, 0, sizeof(*p));
	store_col_buf(s, 0, p->id, sizeof(p->id));
	store_col_buf(s, 1, p->case_id, sizeof(p->case_id));
	p->given_name = store_col_str(s, 2, a);
	p->family_name = store_col_str(s, 3, a);
	birth = db_column_text(s, 4);
	if (birth) {
		if (ct_date_parse(birth, &p->birth_date) != CT_OK)
			return ct_error_set(err, CT_ERR_DB_CORRUPT,
					    "Database %s bevat een onleesbare "
					    "geboortedatum bij persoon %s. "
					    "Meld het aan de beheerder.",
					    db_target(st->db), p->id);
		p->has_birth_date = 1;
	}
	rc = store_col_enum(st, s, 5, &vocab_person_sex, &v, err);
	if (rc)
		return rc;
	p->sex = (enum person_sex)v;
	p->bsn = store_col_str(s, 6, a);
	p->rrn = store_col_str(s, 7, a);
	p->version = db_column_int64(s, 9);
	return store_col_mask(st, s, 8, &vocab_person_role, &p->roles, err);
}

static const struct store_row_reader person_reader = {sizeof(struct person),
						      "personen", read_person};

/* Bind the fields of p in PERSON_COLUMNS order after id and case_id. */
static void
bind_person_fields(struct db_stmt *s, int first, const struct person *p,
		   char birth[11], char roles[STORE_MASK_TEXT_MAX])
{
	store_mask_text(&vocab_person_role, p->roles, roles);
	if (p->has_birth_date)
		ct_date_format(&p->birth_date, birth);
	db_bind_text(s, first, p->given_name);
	db_bind_text(s, first + 1, p->family_name);
	db_bind_text(s, first + 2, p->has_birth_date ? birth : NULL);
	db_bind_text(s, first + 3, store_code(&vocab_person_sex, (int)p->sex));
	db_bind_text(s, first + 4, p->bsn);
	db_bind_text(s, first + 5, p->rrn);
	db_bind_text(s, first + 6, roles);
}

static enum ct_err
insert_person(struct store *st, const struct person *p, int64_t now,
	      struct ct_error *err)
{
	char birth[11], roles[STORE_MASK_TEXT_MAX];
	struct db_stmt *s = NULL;
	enum ct_err rc;
	int row;

	rc = db_prepare(st->db,
			"INSERT INTO persons (id, case_id, given_name, "
			"family_name, birth_date, sex, bsn, rrn, roles, "
			"created_at, updated_at, version) "
			"VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
			&s, err);
	if (rc)
		return rc;
	db_bind_text(s, 1, p->id);
	db_bind_text(s, 2, p->case_id);
	bind_person_fields(s, 3, p, birth, roles);
	db_bind_int64(s, 10, now);
	db_bind_int64(s, 11, now);
	db_bind_int64(s, 12, p->version);
	rc = db_step(s, &row, err);
	db_finalize(s);
	return rc;
}

static enum ct_err
check_case_exists(struct store *st, const char *case_id, struct ct_error *err)
{
	enum ct_err rc;
	int found;

	rc = store_row_exists(st, "SELECT 1 FROM cases WHERE id = ?", case_id,
			      &found, err);
	if (rc == CT_OK && !found)
		rc = ct_error_set(err, CT_ERR_NOTFOUND,
				  "case_id: casus %s bestaat niet; voeg de "
				  "persoon toe aan een bestaande casus.",
				  case_id[0] ? case_id : "(leeg)");
	return rc;
}

enum ct_err
store_person_add(struct store *st, const struct store_actor *who,
		 struct person *p, struct ct_error *err)
{
	struct ct_problems prob;
	struct person rec = *p;
	json_t *after = NULL;
	enum ct_err rc;

	rc = store_check_actor(who, err);
	if (rc)
		return rc;
	ct_problems_init(&prob);
	person_validate(p, store_now(st), &prob);
	rc = ct_problems_to_error(&prob, err);
	if (rc)
		return rc;

	rc = store_write_begin(st, err);
	if (rc)
		return rc;
	rc = check_case_exists(st, p->case_id, err);
	if (rc == CT_OK) {
		ct_uuid_new(rec.id);
		rec.version = 1;
		rc = insert_person(st, &rec, store_now(st), err);
	}
	if (rc == CT_OK) {
		after = person_to_json(&rec);
		rc = journal_append(st, who, rec.case_id, "person.add",
				    "person", rec.id, NULL, after, err);
	}
	rc = store_write_end(st, rc, err);
	json_decref(after);
	if (rc == CT_OK)
		*p = rec;
	return rc;
}

enum ct_err
store_person_get(struct store *st, const char *id, struct arena *a,
		 struct person *out, struct ct_error *err)
{
	const char *params[] = {id};
	struct person p;
	enum ct_err rc;

	if (!id)
		return ct_error_set(err, CT_ERR_INVALID,
				    "id: geef een persoon op.");
	rc = store_query_one(
		st, "SELECT " PERSON_COLUMNS " FROM persons WHERE id = ?",
		params, 1, &person_reader, a, &p, err);
	if (rc == CT_ERR_NOTFOUND)
		return ct_error_set(err, rc, "Persoon %s bestaat niet.", id);
	if (rc == CT_OK)
		*out = p;
	return rc;
}

enum ct_err
store_person_update(struct store *st, const struct store_actor *who,
		    struct person *p, struct ct_error *err)
{
	char birth[11], roles[STORE_MASK_TEXT_MAX];
	struct person before, rec;
	struct ct_problems prob;
	struct arena a;
	json_t *jb = NULL, *ja = NULL;
	struct db_stmt *s = NULL;
	enum ct_err rc;
	int row;

	rc = store_check_actor(who, err);
	if (rc)
		return rc;
	if (!p->id[0])
		return ct_error_set(err, CT_ERR_INVALID,
				    "id: geef de persoon op die u wijzigt.");
	memset(&rec, 0, sizeof(rec));
	arena_init(&a, ARENA_MAX_DEFAULT);
	rc = store_write_begin(st, err);
	if (rc)
		goto out;
	rc = store_person_get(st, p->id, &a, &before, err);
	if (rc)
		goto end;
	if (p->case_id[0] && strcmp(p->case_id, before.case_id) != 0) {
		rc = ct_error_set(err, CT_ERR_INVALID,
				  "case_id: een persoon kan niet naar een "
				  "andere casus worden verplaatst; voeg de "
				  "persoon daar opnieuw toe.");
		goto end;
	}
	rec = *p;
	memcpy(rec.case_id, before.case_id, sizeof(rec.case_id));
	ct_problems_init(&prob);
	person_validate(&rec, store_now(st), &prob);
	rc = ct_problems_to_error(&prob, err);
	if (rc)
		goto end;
	if (before.version != p->version) {
		rc = store_conflict(st, "De persoon", p->id, err);
		goto end;
	}
	rec.version = before.version + 1;
	rc = db_prepare(st->db,
			"UPDATE persons SET given_name = ?, family_name = ?, "
			"birth_date = ?, sex = ?, bsn = ?, rrn = ?, "
			"roles = ?, updated_at = ?, version = ? "
			"WHERE id = ? AND version = ?",
			&s, err);
	if (rc)
		goto end;
	bind_person_fields(s, 1, &rec, birth, roles);
	db_bind_int64(s, 8, store_now(st));
	db_bind_int64(s, 9, rec.version);
	db_bind_text(s, 10, rec.id);
	db_bind_int64(s, 11, before.version);
	rc = db_step(s, &row, err);
	if (rc == CT_OK && db_changes(st->db) != 1)
		rc = store_conflict(st, "De persoon", p->id, err);
	db_finalize(s);
	if (rc)
		goto end;
	jb = person_to_json(&before);
	ja = person_to_json(&rec);
	rc = journal_append(st, who, rec.case_id, "person.update", "person",
			    rec.id, jb, ja, err);
end:
	rc = store_write_end(st, rc, err);
	if (rc == CT_OK) {
		memcpy(p->case_id, rec.case_id, sizeof(p->case_id));
		p->version = rec.version;
	}
out:
	json_decref(jb);
	json_decref(ja);
	arena_release(&a);
	return rc;
}

enum ct_err
store_person_list(struct store *st, const char *case_id, struct arena *a,
		  struct person **out, size_t *n, struct ct_error *err)
{
	const char *params[] = {case_id};
	void *arr = NULL;
	enum ct_err rc;

	if (!case_id)
		return ct_error_set(err, CT_ERR_INVALID,
				    "case_id: geef een casus op.");
	rc = store_query_all(st,
			     "SELECT " PERSON_COLUMNS " FROM persons "
			     "WHERE case_id = ? ORDER BY created_at, id",
			     params, 1, &person_reader, a, &arr, n, err);
	if (rc == CT_OK)
		*out = arr;
	return rc;
}
