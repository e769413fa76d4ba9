/*
 * store_org.c - organisations: create, get (by id or exact name), list.
 *
 * Names are unique: two organisations with one name would make every
 * "by name" lookup on the command line ambiguous.
 */
#include "store/store.h"

#include <string.h>

#include "core/model_json.h"
#include "core/validate.h"
#include "store/store_int.h"
#include "util/uuid.h"
#include "util/banned.h"

#define ORG_COLUMNS "id, name, type, country, email, version"

static enum ct_err
read_org(struct store *st, struct db_stmt *s, struct arena *a, void *rec,
	 struct ct_error *err)
{
	struct org *o = rec;
	enum ct_err rc;
	int v;

	memset(o, 0, sizeof(*o));
	store_col_buf(s, 0, o->id, sizeof(o->id));
	o->name = store_col_str(s, 1, a);
	rc = store_col_enum(st, s, 2, &vocab_org_type, &v, err);
	if (rc)
		return rc;
	o->type = (enum org_type)v;
	rc = store_col_enum(st, s, 3, &vocab_country, &v, err);
	if (rc)
		return rc;
	o->country = (enum ct_country)v;
	o->email = store_col_str(s, 4, a);
	o->version = db_column_int64(s, 5);
	return CT_OK;
}

static const struct store_row_reader org_reader = {sizeof(struct org),
						   "organisaties", read_org};

static enum ct_err
insert_org(struct store *st, const struct org *o, int64_t now,
	   struct ct_error *err)
{
	struct db_stmt *s = NULL;
	enum ct_err rc;
	int row;

	rc = db_prepare(st->db,
			"INSERT INTO orgs (id, name, type, country, email, "
			"created_at, updated_at, version) "
			"VALUES (?, ?, ?, ?, ?, ?, ?, ?)",
			&s, err);
	if (rc)
		return rc;
	db_bind_text(s, 1, o->id);
	db_bind_text(s, 2, o->name);
	db_bind_text(s, 3, store_code(&vocab_org_type, (int)o->type));
	db_bind_text(s, 4, store_code(&vocab_country, (int)o->country));
	db_bind_text(s, 5, o->email);
	db_bind_int64(s, 6, now);
	db_bind_int64(s, 7, now);
	db_bind_int64(s, 8, o->version);
	rc = db_step(s, &row, err);
	db_finalize(s);
	return rc;
}

enum ct_err
store_org_create(struct store *st, const struct store_actor *who, struct org *o,
		 struct ct_error *err)
{
	struct ct_problems p;
	struct org rec = *o;
	json_t *after = NULL;
	enum ct_err rc;
	int taken;

	rc = store_check_actor(who, err);
	if (rc)
		return rc;
	ct_problems_init(&p);
	org_validate(o, &p);
	rc = ct_problems_to_error(&p, err);
	if (rc)
		return rc;

	rc = store_write_begin(st, err);
	if (rc)
		return rc;
	rc = store_row_exists(st, "SELECT 1 FROM orgs WHERE name = ?", o->name,
			      &taken, err);
	if (rc == CT_OK && taken)
		rc = ct_error_set(err, CT_ERR_EXISTS,
				  "name: er bestaat al een organisatie met "
				  "de naam '%s'; kies een andere naam.",
				  o->name);
	if (rc == CT_OK) {
		ct_uuid_new(rec.id);
		rec.version = 1;
		rc = insert_org(st, &rec, store_now(st), err);
	}
	if (rc == CT_OK) {
		after = org_to_json(&rec);
		rc = journal_append(st, who, NULL, "org.create", "org", rec.id,
				    NULL, after, err);
	}
	rc = store_write_end(st, rc, err);
	json_decref(after);
	if (rc == CT_OK)
		*o = rec;
	return rc;
}

enum ct_err
store_org_get(struct store *st, const char *id_or_name, struct arena *a,
	      struct org *out, struct ct_error *err)
{
	const char *params[] = {id_or_name, id_or_name};
	struct org o;
	enum ct_err rc;

	if (!id_or_name)
		return ct_error_set(err, CT_ERR_INVALID,
				    "org: geef een organisatie op.");
	rc = store_query_one(st,
			     "SELECT " ORG_COLUMNS " FROM orgs "
			     "WHERE id = ? OR name = ?",
			     params, 2, &org_reader, a, &o, err);
	if (rc == CT_ERR_NOTFOUND)
		return ct_error_set(err, rc,
				    "Organisatie '%s' bestaat niet. Controleer "
				    "de naam of het id.",
				    id_or_name);
	if (rc == CT_OK)
		*out = o;
	return rc;
}

enum ct_err
store_org_list(struct store *st, struct arena *a, struct org **out, size_t *n,
	       struct ct_error *err)
{
	void *arr = NULL;
	enum ct_err rc;

	rc = store_query_all(
		st, "SELECT " ORG_COLUMNS " FROM orgs ORDER BY name, id", NULL,
		0, &org_reader, a, &arr, n, err);
	if (rc == CT_OK)
		*out = arr;
	return rc;
}
