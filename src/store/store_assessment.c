/*
 * store_assessment.c - risk assessments of a case: add, read, list,
 * override (contract: store_assessment.h).
 *
 * Answers and results are stored as the JSON text the caller built from
 * the instrument; the store checks only that they are JSON objects of a
 * bounded size, so that a record read back always renders. The override
 * is an UPDATE guarded by "override_at = 0", so two overrides racing on
 * PostgreSQL cannot both succeed: the loser changes no row and is told
 * the assessment was already overridden.
 */
#include "store/store_assessment.h"

#include <string.h>

#include "core/vocab.h"
#include "store/store_int.h"
#include "util/civtime.h"
#include "util/uuid.h"
#include "util/banned.h"

#define ASSESSMENT_COLUMNS                                                     \
	"id, case_id, instrument_id, instrument_version, assessor_user_id, "   \
	"assessor_org_id, assessor_role, assessor_label, assessed_at, "        \
	"answers_json, result_json, outcome, override_outcome, "               \
	"override_reason, override_by, override_user_id, override_at, "        \
	"version"

static void
read_assessment(struct db_stmt *s, struct arena *ar, struct assessment *a)
{
	memset(a, 0, sizeof(*a));
	store_col_buf(s, 0, a->id, sizeof(a->id));
	store_col_buf(s, 1, a->case_id, sizeof(a->case_id));
	a->instrument_id = store_col_str(s, 2, ar);
	a->instrument_version = store_col_str(s, 3, ar);
	a->assessor_user_id = store_col_str(s, 4, ar);
	a->assessor_org_id = store_col_str(s, 5, ar);
	a->assessor_role = store_col_str(s, 6, ar);
	a->assessor_label = store_col_str(s, 7, ar);
	a->assessed_at = db_column_int64(s, 8);
	a->answers_json = store_col_str(s, 9, ar);
	a->result_json = store_col_str(s, 10, ar);
	a->outcome = store_col_str(s, 11, ar);
	a->override_outcome = store_col_str(s, 12, ar);
	a->override_reason = store_col_str(s, 13, ar);
	a->override_by = store_col_str(s, 14, ar);
	a->override_user_id = store_col_str(s, 15, ar);
	a->override_at = db_column_int64(s, 16);
	a->version = db_column_int64(s, 17);
}

/* read_assessment as a store_row_reader: reading a row cannot fail. */
static enum ct_err
read_assessment_row(struct store *st, struct db_stmt *s, struct arena *ar,
		    void *rec, struct ct_error *err)
{
	(void)st;
	(void)err;
	read_assessment(s, ar, rec);
	return CT_OK;
}

static const struct store_row_reader assessment_reader = {
	sizeof(struct assessment), "risicotaxaties", read_assessment_row};

static int
code_ok(const char *s)
{
	return s && *s && strlen(s) <= STORE_ASSESSMENT_ID_MAX;
}

static int
json_object_text(const char *s)
{
	json_t *j;
	int ok;

	if (!s || strlen(s) > STORE_ASSESSMENT_JSON_MAX)
		return 0;
	j = json_loads(s, JSON_REJECT_DUPLICATES, NULL);
	ok = json_is_object(j);
	json_decref(j);
	return ok;
}

static void
validate_new(const struct assessment *a, struct ct_problems *p)
{
	if (!ct_uuid_valid(a->case_id))
		ct_problems_add(p, "case_id", "geen geldige casus-id");
	if (!code_ok(a->instrument_id))
		ct_problems_add(p, "instrument_id", "ontbreekt of is te lang");
	if (!code_ok(a->instrument_version))
		ct_problems_add(p, "instrument_version",
				"ontbreekt of is te lang");
	if (!a->assessor_role ||
	    vocab_index(&vocab_user_role, a->assessor_role) < 0)
		ct_problems_add(p, "assessor_role",
				"moet een gebruikersrol zijn");
	if (a->outcome && !code_ok(a->outcome))
		ct_problems_add(p, "outcome", "is te lang of leeg");
	if (!json_object_text(a->answers_json))
		ct_problems_add(p, "answers",
				"moet een JSON-object zijn van ten hoogste "
				"%zu bytes",
				STORE_ASSESSMENT_JSON_MAX);
	if (!json_object_text(a->result_json))
		ct_problems_add(p, "result",
				"moet een JSON-object zijn van ten hoogste "
				"%zu bytes",
				STORE_ASSESSMENT_JSON_MAX);
}

static enum ct_err
insert_assessment(struct store *st, const struct assessment *a,
		  struct ct_error *err)
{
	struct db_stmt *s = NULL;
	enum ct_err rc;
	int row;

	rc = db_prepare(st->db,
			"INSERT INTO assessments (" ASSESSMENT_COLUMNS
			", created_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, "
			"?, ?, NULL, NULL, NULL, NULL, 0, ?, ?)",
			&s, err);
	if (rc)
		return rc;
	db_bind_text(s, 1, a->id);
	db_bind_text(s, 2, a->case_id);
	db_bind_text(s, 3, a->instrument_id);
	db_bind_text(s, 4, a->instrument_version);
	db_bind_text(s, 5, a->assessor_user_id);
	db_bind_text(s, 6, a->assessor_org_id);
	db_bind_text(s, 7, a->assessor_role);
	db_bind_text(s, 8, a->assessor_label);
	db_bind_int64(s, 9, a->assessed_at);
	db_bind_text(s, 10, a->answers_json);
	db_bind_text(s, 11, a->result_json);
	db_bind_text(s, 12, a->outcome);
	db_bind_int64(s, 13, a->version);
	db_bind_int64(s, 14, a->assessed_at);
	rc = db_step(s, &row, err);
	db_finalize(s);
	return rc;
}

enum ct_err
store_assessment_add(struct store *st, const struct store_actor *who,
		     struct assessment *a, struct ct_error *err)
{
	struct assessment rec = *a;
	struct ct_problems p;
	json_t *after = NULL;
	enum ct_err rc;
	int found;

	rc = store_check_actor(who, err);
	if (rc)
		return rc;
	ct_problems_init(&p);
	validate_new(a, &p);
	rc = ct_problems_to_error(&p, err);
	if (rc)
		return rc;

	rc = store_write_begin(st, err);
	if (rc)
		return rc;
	rc = store_row_exists(st, "SELECT 1 FROM cases WHERE id = ?",
			      a->case_id, &found, err);
	if (rc == CT_OK && !found)
		rc = ct_error_set(err, CT_ERR_NOTFOUND,
				  "case_id: casus %s bestaat niet.",
				  a->case_id);
	if (rc == CT_OK) {
		ct_uuid_new(rec.id);
		rec.assessor_user_id = who->user_id;
		rec.assessor_org_id = who->org_id;
		rec.assessor_label = who->label;
		rec.assessed_at = store_now(st);
		rec.override_outcome = rec.override_reason = NULL;
		rec.override_by = rec.override_user_id = NULL;
		rec.override_at = 0;
		rec.version = 1;
		rc = insert_assessment(st, &rec, err);
	}
	if (rc == CT_OK) {
		after = store_assessment_to_json(&rec);
		rc = journal_append(st, who, rec.case_id, "assessment.add",
				    "assessment", rec.id, NULL, after, err);
	}
	rc = store_write_end(st, rc, err);
	json_decref(after);
	if (rc == CT_OK)
		*a = rec;
	return rc;
}

enum ct_err
store_assessment_get(struct store *st, const char *case_id, const char *id,
		     struct arena *ar, struct assessment *out,
		     struct ct_error *err)
{
	struct db_stmt *s = NULL;
	struct assessment rec;
	enum ct_err rc;
	int row;

	if (!case_id || !id)
		return ct_error_set(err, CT_ERR_INVALID,
				    "Geef een casus en een risicotaxatie op.");
	rc = db_prepare(st->db,
			"SELECT " ASSESSMENT_COLUMNS " FROM assessments "
			"WHERE id = ? AND case_id = ?",
			&s, err);
	if (rc)
		return rc;
	db_bind_text(s, 1, id);
	db_bind_text(s, 2, case_id);
	rc = db_step(s, &row, err);
	if (rc == CT_OK && !row)
		rc = ct_error_set(err, CT_ERR_NOTFOUND,
				  "Risicotaxatie %s bestaat niet in deze "
				  "casus.",
				  id);
	if (rc == CT_OK)
		read_assessment(s, ar, &rec);
	db_finalize(s);
	if (rc == CT_OK)
		*out = rec;
	return rc;
}

enum ct_err
store_assessment_list(struct store *st, const char *case_id, struct arena *ar,
		      struct assessment **out, size_t *n, struct ct_error *err)
{
	const char *params[] = {case_id};
	void *arr = NULL;
	enum ct_err rc;

	if (!case_id)
		return ct_error_set(err, CT_ERR_INVALID,
				    "case_id: geef een casus op.");
	rc = store_query_all(st,
			     "SELECT " ASSESSMENT_COLUMNS " FROM assessments "
			     "WHERE case_id = ? ORDER BY assessed_at, id",
			     params, 1, &assessment_reader, ar, &arr, n, err);
	if (rc == CT_OK)
		*out = arr;
	return rc;
}

static enum ct_err
update_override(struct store *st, const struct assessment *a, int *changed,
		struct ct_error *err)
{
	struct db_stmt *s = NULL;
	enum ct_err rc;
	int row;

	/* Only an assessment not yet overridden: the guard makes a racing
	 * second override change nothing. */
	rc = db_prepare(st->db,
			"UPDATE assessments SET override_outcome = ?, "
			"override_reason = ?, override_by = ?, "
			"override_user_id = ?, override_at = ?, version = ? "
			"WHERE id = ? AND case_id = ? AND override_at = 0",
			&s, err);
	if (rc)
		return rc;
	db_bind_text(s, 1, a->override_outcome);
	db_bind_text(s, 2, a->override_reason);
	db_bind_text(s, 3, a->override_by);
	db_bind_text(s, 4, a->override_user_id);
	db_bind_int64(s, 5, a->override_at);
	db_bind_int64(s, 6, a->version);
	db_bind_text(s, 7, a->id);
	db_bind_text(s, 8, a->case_id);
	rc = db_step(s, &row, err);
	db_finalize(s);
	if (rc == CT_OK)
		*changed = db_changes(st->db) > 0;
	return rc;
}

enum ct_err
store_assessment_override(struct store *st, const struct store_actor *who,
			  const char *case_id, const char *id,
			  const char *outcome, const char *reason,
			  struct arena *ar, struct assessment *out,
			  struct ct_error *err)
{
	struct assessment before, rec;
	struct ct_problems p;
	json_t *jb = NULL, *ja = NULL;
	enum ct_err rc;
	int changed = 0;

	rc = store_check_actor(who, err);
	if (rc)
		return rc;
	ct_problems_init(&p);
	if (!code_ok(outcome))
		ct_problems_add(&p, "outcome",
				"geef de uitkomst die in de plaats komt");
	if (!reason || strlen(reason) < STORE_REASON_MIN)
		ct_problems_add(&p, "reason",
				"een afwijking van de berekende uitkomst "
				"vraagt een onderbouwing van minstens %d "
				"tekens",
				STORE_REASON_MIN);
	else if (strlen(reason) > STORE_REASON_MAX)
		ct_problems_add(&p, "reason",
				"is te lang (ten hoogste %d tekens)",
				STORE_REASON_MAX);
	rc = ct_problems_to_error(&p, err);
	if (rc)
		return rc;

	rc = store_write_begin(st, err);
	if (rc)
		return rc;
	rc = store_assessment_get(st, case_id, id, ar, &before, err);
	if (rc == CT_OK && before.override_at)
		rc = ct_error_set(err, CT_ERR_EXISTS,
				  "Deze risicotaxatie is al overschreven "
				  "(door %s); leg een nieuwe risicotaxatie "
				  "vast om opnieuw af te wijken.",
				  before.override_by ? before.override_by
						     : "onbekend");
	if (rc == CT_OK) {
		rec = before;
		rec.override_outcome = outcome;
		rec.override_reason = reason;
		rec.override_by = who->label;
		rec.override_user_id = who->user_id;
		rec.override_at = store_now(st);
		rec.version = before.version + 1;
		rc = update_override(st, &rec, &changed, err);
		if (rc == CT_OK && !changed)
			rc = ct_error_set(err, CT_ERR_EXISTS,
					  "Deze risicotaxatie is zojuist al "
					  "overschreven.");
	}
	if (rc == CT_OK) {
		jb = store_assessment_to_json(&before);
		ja = store_assessment_to_json(&rec);
		rc = journal_append(st, who, rec.case_id, "assessment.override",
				    "assessment", rec.id, jb, ja, err);
	}
	rc = store_write_end(st, rc, err);
	json_decref(jb);
	json_decref(ja);
	if (rc == CT_OK && out) {
		*out = rec;
		out->override_outcome = arena_strdup(ar, outcome);
		out->override_reason = arena_strdup(ar, reason);
		out->override_by = arena_strdup(ar, who->label);
		out->override_user_id =
			who->user_id ? arena_strdup(ar, who->user_id) : NULL;
	}
	return rc;
}

static void
set_new(json_t *o, const char *key, json_t *v)
{
	if (!v || json_object_set_new(o, key, v))
		CT_BUG("jansson out of memory");
}

static void
set_str(json_t *o, const char *key, const char *s)
{
	set_new(o, key, s ? json_string(s) : json_null());
}

static void
set_instant(json_t *o, const char *key, int64_t t)
{
	char iso[CT_ISO_SIZE];

	ct_instant_format_utc(t, iso);
	set_new(o, key, json_string(iso));
}

/* Parsed back; stored text was checked on the way in. */
static json_t *
parsed(const char *text)
{
	json_t *j = text ? json_loads(text, 0, NULL) : NULL;

	return j ? j : json_null();
}

json_t *
store_assessment_to_json(const struct assessment *a)
{
	json_t *o = json_object(), *by = json_object();

	if (!o || !by)
		CT_BUG("jansson out of memory");
	set_str(o, "id", a->id);
	set_str(o, "case_id", a->case_id);
	set_str(o, "instrument_id", a->instrument_id);
	set_str(o, "instrument_version", a->instrument_version);
	set_str(by, "user_id", a->assessor_user_id);
	set_str(by, "org_id", a->assessor_org_id);
	set_str(by, "role", a->assessor_role);
	set_str(by, "label", a->assessor_label);
	set_new(o, "assessed_by", by);
	set_instant(o, "assessed_at", a->assessed_at);
	set_new(o, "answers", parsed(a->answers_json));
	set_new(o, "result", parsed(a->result_json));
	set_str(o, "outcome", a->outcome);
	if (a->override_at) {
		json_t *ov = json_object();

		if (!ov)
			CT_BUG("jansson out of memory");
		set_str(ov, "outcome", a->override_outcome);
		set_str(ov, "reason", a->override_reason);
		set_str(ov, "by", a->override_by);
		set_str(ov, "user_id", a->override_user_id);
		set_instant(ov, "at", a->override_at);
		set_new(o, "override", ov);
	} else {
		set_new(o, "override", json_null());
	}
	/* What counts: the override when there is one. */
	set_str(o, "effective_outcome",
		a->override_at ? a->override_outcome : a->outcome);
	set_new(o, "version", json_integer(a->version));
	return o;
}
