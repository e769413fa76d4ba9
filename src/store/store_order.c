/*
 * store_order.c - restraining orders in the store (contract:
 * store_order.h; schema: migrations/0005_orders.sql).
 *
 * order_steps is an append-only event table and the truth; the orders
 * row is the projection kept beside it for lists and the work list. An
 * order is read by replaying its steps through core's order_apply_step(),
 * so the stored details must read back to the very step that was checked:
 * they are written as order_step_details_to_json() of the parsed step,
 * never as the client's text.
 *
 * Writing a step is one transaction: load and replay the order, gather
 * the facts only the store knows (the subject's birth date, the children
 * in the case, now), run order_check_step(), and only on CT_OK insert the
 * step row, update the orders row (guarded by its version, so two racing
 * steps on PostgreSQL cannot both land), add the violation row, and
 * journal "order.<step code>". A refusal writes nothing: the transaction
 * is rolled back like any other error.
 *
 * The work list follows in the same transaction (sync_tasks): the
 * order's deadlines after the step (order_deadlines) are assigned to the
 * organisations of the case team (core/order_tasks.h) and handed to
 * store_task_sync() under the source "order:<id>"; a deadline the step
 * met closes its task as done, one the new state no longer implies is
 * cancelled by the sync. A refused step therefore writes no task either.
 */
#include "store/store_order.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "core/model_json.h"
#include "core/order_json.h"
#include "core/order_tasks.h"
#include "store/store_int.h"
#include "store/store_task.h"
#include "store/store_team.h"
#include "util/uuid.h"
#include "util/banned.h"

/* Scratch for the team and the tasks of one step (a few KB in use). */
#define TASKS_SCRATCH_MAX ((size_t)1024 * 1024)
/* A case with more orders than this is a bug or an attack. */
#define ORDERS_PER_CASE_MAX 1000
/* Steps of one order; the life cycle has a few dozen at most. */
#define STEPS_PER_ORDER_MAX 10000

/* ---- reading ---- */

static enum ct_err
read_steps(struct store *st, const char *order_id, struct arena *a,
	   struct store_order_step **items, size_t *count,
	   struct ct_error *err)
{
	struct store_order_step *arr = NULL;
	struct db_stmt *s = NULL;
	size_t n = 0, cap = 0;
	enum ct_err rc;
	int row, kind;

	rc = db_prepare(st->db,
			"SELECT id, seq, kind, at, actor_user_id, "
			"actor_org_id, details, created_at FROM order_steps "
			"WHERE order_id = ? ORDER BY seq",
			&s, err);
	if (rc)
		return rc;
	db_bind_text(s, 1, order_id);
	while ((rc = db_step(s, &row, err)) == CT_OK && row) {
		if (n == STEPS_PER_ORDER_MAX ||
		    !(arr = store_grow(a, arr, n, &cap, sizeof(*arr)))) {
			rc = ct_error_set(err, CT_ERR_LIMIT,
					  "Te veel stappen in dit huisverbod.");
			break;
		}
		memset(&arr[n], 0, sizeof(arr[n]));
		store_col_buf(s, 0, arr[n].id, sizeof(arr[n].id));
		arr[n].seq = db_column_int64(s, 1);
		rc = store_col_enum(st, s, 2, &order_vocab_step, &kind, err);
		if (rc)
			break;
		arr[n].kind = (enum order_step_kind)kind;
		arr[n].at = db_column_int64(s, 3);
		arr[n].actor_user_id = store_col_str(s, 4, a);
		arr[n].actor_org_id = store_col_str(s, 5, a);
		arr[n].details_json = store_col_str(s, 6, a);
		arr[n].created_at = db_column_int64(s, 7);
		if (!arr[n].details_json) {
			rc = ct_error_set(err, CT_ERR_LIMIT,
					  "Te weinig geheugen voor de stappen "
					  "van dit huisverbod.");
			break;
		}
		n++;
	}
	db_finalize(s);
	if (rc)
		return rc;
	*items = arr;
	*count = n;
	return CT_OK;
}

static enum ct_err
corrupt(struct ct_error *err, const char *order_id, int64_t seq,
	const char *why)
{
	return ct_error_set(err, CT_ERR_DB_CORRUPT,
			    "Stap %lld van huisverbod %s is beschadigd (%s); "
			    "herstel de database uit een back-up.",
			    (long long)seq, order_id, why);
}

/* Rebuild o (id, case, jurisdiction already set) from its steps. */
static enum ct_err
replay(const struct store_order_step *steps, size_t n, struct arena *a,
       struct order *o, struct ct_error *err)
{
	const struct order_rules *r = rules_for(o->jurisdiction);
	struct ct_problems p;
	struct order_facts facts;
	struct order_step step;
	json_t *details;
	size_t i;

	for (i = 0; i < n; i++) {
		details = json_loads(steps[i].details_json,
				     JSON_REJECT_DUPLICATES, NULL);
		if (!details)
			return corrupt(err, o->id, steps[i].seq,
				       "geen JSON");
		ct_problems_init(&p);
		step.at = steps[i].at;
		if (order_step_from_json(steps[i].kind, details, a, &step,
					 &p)) {
			json_decref(details);
			return corrupt(err, o->id, steps[i].seq,
				       p.items[0].field);
		}
		json_decref(details);
		if (!(order_next_steps(r, o) & ((uint32_t)1 << step.kind)))
			return corrupt(err, o->id, steps[i].seq,
				       "stap past niet in de fase");
		memset(&facts, 0, sizeof(facts));
		facts.actor_user_id = steps[i].actor_user_id;
		order_apply_step(r, o, &step, &facts);
	}
	return CT_OK;
}

#define ORDER_HEAD_COLUMNS "id, case_id, jurisdiction, created_at, version"

/* The head of one order row read by s, then its steps replayed. */
static enum ct_err
read_order(struct store *st, struct db_stmt *s, struct arena *a,
	   struct order *out, struct ct_error *err)
{
	struct store_order_step *steps = NULL;
	size_t n = 0;
	int juris;
	enum ct_err rc;
	char id[CT_UUID_SIZE], case_id[CT_UUID_SIZE];
	int64_t created_at, version;

	store_col_buf(s, 0, id, sizeof(id));
	store_col_buf(s, 1, case_id, sizeof(case_id));
	rc = store_col_enum(st, s, 2, &vocab_country, &juris, err);
	if (rc)
		return rc;
	created_at = db_column_int64(s, 3);
	version = db_column_int64(s, 4);
	order_init(out, (enum ct_country)juris);
	snprintf(out->id, sizeof(out->id), "%s", id);
	snprintf(out->case_id, sizeof(out->case_id), "%s", case_id);
	rc = read_steps(st, id, a, &steps, &n, err);
	if (rc == CT_OK)
		rc = replay(steps, n, a, out, err);
	out->created_at = created_at;
	out->version = version;
	return rc;
}

enum ct_err
store_order_get(struct store *st, const char *case_id, const char *order_id,
		struct arena *a, struct order *out, struct ct_error *err)
{
	struct db_stmt *s = NULL;
	struct order o;
	enum ct_err rc;
	int row;

	if (!case_id || !order_id)
		return ct_error_set(err, CT_ERR_INVALID,
				    "Geef een casus en een huisverbod op.");
	rc = db_prepare(st->db,
			"SELECT " ORDER_HEAD_COLUMNS " FROM orders "
			"WHERE id = ? AND case_id = ?",
			&s, err);
	if (rc)
		return rc;
	db_bind_text(s, 1, order_id);
	db_bind_text(s, 2, case_id);
	rc = db_step(s, &row, err);
	if (rc == CT_OK && !row)
		rc = ct_error_set(err, CT_ERR_NOTFOUND,
				  "Huisverbod %s bestaat niet in deze casus.",
				  order_id);
	if (rc == CT_OK)
		rc = read_order(st, s, a, &o, err);
	db_finalize(s);
	if (rc == CT_OK)
		*out = o;
	return rc;
}

enum ct_err
store_order_list(struct store *st, const char *case_id, struct arena *a,
		 struct order **items, size_t *count, struct ct_error *err)
{
	struct order *arr = NULL;
	struct db_stmt *s = NULL;
	size_t n = 0, cap = 0;
	enum ct_err rc;
	int row;

	if (!case_id)
		return ct_error_set(err, CT_ERR_INVALID,
				    "case_id: geef een casus op.");
	rc = db_prepare(st->db,
			"SELECT " ORDER_HEAD_COLUMNS " FROM orders "
			"WHERE case_id = ? ORDER BY created_at, id",
			&s, err);
	if (rc)
		return rc;
	db_bind_text(s, 1, case_id);
	while ((rc = db_step(s, &row, err)) == CT_OK && row) {
		if (n == ORDERS_PER_CASE_MAX ||
		    !(arr = store_grow(a, arr, n, &cap, sizeof(*arr)))) {
			rc = ct_error_set(err, CT_ERR_LIMIT,
					  "Te veel huisverboden om in één "
					  "keer te tonen.");
			break;
		}
		rc = read_order(st, s, a, &arr[n], err);
		if (rc)
			break;
		n++;
	}
	db_finalize(s);
	if (rc)
		return rc;
	*items = arr;
	*count = n;
	return CT_OK;
}

enum ct_err
store_order_steps(struct store *st, const char *order_id, struct arena *a,
		  struct store_order_step **items, size_t *count,
		  struct ct_error *err)
{
	if (!order_id)
		return ct_error_set(err, CT_ERR_INVALID,
				    "Geef een huisverbod op.");
	return read_steps(st, order_id, a, items, count, err);
}

/* ---- facts and checks only the store can make ---- */

/* The person id is a person of case_id; field names the problem. */
static enum ct_err
person_of_case(struct store *st, const char *case_id, const char *person_id,
	       const char *field, struct arena *a, struct person *out,
	       struct ct_error *err)
{
	struct person p;
	enum ct_err rc;

	rc = store_person_get(st, person_id, a, &p, err);
	if (rc == CT_ERR_NOTFOUND || (rc == CT_OK && strcmp(p.case_id,
							    case_id) != 0))
		return ct_error_set(err, CT_ERR_INVALID,
				    "%s: deze persoon hoort niet bij de "
				    "casus.",
				    field);
	if (rc == CT_OK && out)
		*out = p;
	return rc;
}

static enum ct_err
case_has_child(struct store *st, const char *case_id, int *found,
	       struct ct_error *err)
{
	struct db_stmt *s = NULL;
	enum ct_err rc;
	int row;
	char pattern[32];

	/* Roles are stored as comma-separated codes (store_mask_text). */
	snprintf(pattern, sizeof(pattern), "%%%s%%",
		 vocab_code(&vocab_person_role, PERSON_ROLE_CHILD));
	*found = 0;
	rc = db_prepare(st->db,
			"SELECT roles FROM persons WHERE case_id = ? AND "
			"roles LIKE ?",
			&s, err);
	if (rc)
		return rc;
	db_bind_text(s, 1, case_id);
	db_bind_text(s, 2, pattern);
	while ((rc = db_step(s, &row, err)) == CT_OK && row) {
		uint32_t mask = 0;

		rc = store_col_mask(st, s, 0, &vocab_person_role, &mask, err);
		if (rc)
			break;
		if (ct_has(mask, PERSON_ROLE_CHILD))
			*found = 1;
	}
	db_finalize(s);
	return rc;
}

/* Complete the caller's facts with what the store knows. */
static enum ct_err
gather_facts(struct store *st, const struct store_actor *who,
	     const struct order_facts *given, const char *case_id,
	     const char *subject_id, struct arena *a, struct order_facts *f,
	     struct ct_error *err)
{
	struct person subject;
	enum ct_err rc;

	if (given)
		*f = *given;
	else
		memset(f, 0, sizeof(*f));
	if (!f->now)
		f->now = store_now(st);
	if (!f->actor_user_id)
		f->actor_user_id = who->user_id;
	if (!f->actor_roles && who->user_id) {
		struct user u;
		struct org org;

		rc = store_user_get(st, who->user_id, a, &u, err);
		if (rc == CT_OK)
			rc = store_org_get(st, u.org_id, a, &org, err);
		if (rc)
			return rc;
		f->actor_roles = u.roles;
		f->actor_org_type = org.type;
	}
	rc = person_of_case(st, case_id, subject_id,
			    "details.subject_person_id", a, &subject, err);
	if (rc)
		return rc;
	f->subject_has_birth_date = subject.has_birth_date;
	f->subject_birth_date = subject.birth_date;
	return CT_OK;
}

/* The persons and orders a step names belong to the case. */
static enum ct_err
check_references(struct store *st, const char *case_id,
		 const struct order_step *step, struct arena *a,
		 struct ct_error *err)
{
	enum ct_err rc = CT_OK;
	size_t i;
	int found;

	switch (step->kind) {
	case ORDER_STEP_OPEN:
		for (i = 0; rc == CT_OK && i < step->u.open.n_protected; i++)
			rc = person_of_case(st, case_id,
					    step->u.open.protected_person_ids[i],
					    "details.protected_person_ids", a,
					    NULL, err);
		if (rc == CT_OK && step->u.open.repeat_of) {
			struct db_stmt *s = NULL;
			int row = 0;

			rc = db_prepare(st->db,
					"SELECT 1 FROM orders WHERE id = ? "
					"AND case_id = ?",
					&s, err);
			if (rc)
				return rc;
			db_bind_text(s, 1, step->u.open.repeat_of);
			db_bind_text(s, 2, case_id);
			rc = db_step(s, &row, err);
			db_finalize(s);
			found = row;
			if (rc == CT_OK && !found)
				rc = ct_error_set(err, CT_ERR_INVALID,
						  "details.repeat_of: dit "
						  "huisverbod hoort niet bij "
						  "de casus.");
		}
		return rc;
	case ORDER_STEP_HEAR:
		return person_of_case(st, case_id, step->u.hear.person_id,
				      "details.person_id", a, NULL, err);
	default:
		return CT_OK;
	}
}

/* ---- writing ---- */

static char *
dump(json_t *j)
{
	char *s = model_json_dump(j);

	json_decref(j);
	return s;
}

static enum ct_err
insert_order(struct store *st, const struct order *o, const char *record,
	     struct ct_error *err)
{
	struct db_stmt *s = NULL;
	enum ct_err rc;
	int row;

	rc = db_prepare(st->db,
			"INSERT INTO orders (id, case_id, jurisdiction, state, "
			"route, subject_person_id, repeat_of, imposed_at, "
			"ends_at, ended_at, n_extensions, n_violations, "
			"record, created_at, updated_at, version) VALUES (?, "
			"?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
			&s, err);
	if (rc)
		return rc;
	db_bind_text(s, 1, o->id);
	db_bind_text(s, 2, o->case_id);
	db_bind_text(s, 3, store_code(&vocab_country, (int)o->jurisdiction));
	db_bind_text(s, 4, order_state_code(o->state));
	db_bind_text(s, 5, store_code(&order_vocab_route, (int)o->route));
	db_bind_text(s, 6, o->subject_person_id);
	db_bind_text(s, 7, o->repeat_of[0] ? o->repeat_of : NULL);
	db_bind_int64(s, 8, o->imposed_at);
	db_bind_int64(s, 9, o->ends_at);
	db_bind_int64(s, 10, o->ended_at);
	db_bind_int64(s, 11, o->n_extensions);
	db_bind_int64(s, 12, o->n_violations);
	db_bind_text(s, 13, record);
	db_bind_int64(s, 14, o->created_at);
	db_bind_int64(s, 15, o->created_at);
	db_bind_int64(s, 16, o->version);
	rc = db_step(s, &row, err);
	db_finalize(s);
	return rc;
}

/* The projection after a step; 0 rows changed = someone was first. */
static enum ct_err
update_order(struct store *st, const struct order *o, int64_t old_version,
	     const char *record, int64_t now, int *changed,
	     struct ct_error *err)
{
	struct db_stmt *s = NULL;
	enum ct_err rc;
	int row;

	rc = db_prepare(st->db,
			"UPDATE orders SET state = ?, imposed_at = ?, "
			"ends_at = ?, ended_at = ?, n_extensions = ?, "
			"n_violations = ?, record = ?, updated_at = ?, "
			"version = ? WHERE id = ? AND version = ?",
			&s, err);
	if (rc)
		return rc;
	db_bind_text(s, 1, order_state_code(o->state));
	db_bind_int64(s, 2, o->imposed_at);
	db_bind_int64(s, 3, o->ends_at);
	db_bind_int64(s, 4, o->ended_at);
	db_bind_int64(s, 5, o->n_extensions);
	db_bind_int64(s, 6, o->n_violations);
	db_bind_text(s, 7, record);
	db_bind_int64(s, 8, now);
	db_bind_int64(s, 9, o->version);
	db_bind_text(s, 10, o->id);
	db_bind_int64(s, 11, old_version);
	rc = db_step(s, &row, err);
	db_finalize(s);
	if (rc == CT_OK)
		*changed = db_changes(st->db) > 0;
	return rc;
}

static enum ct_err
insert_step(struct store *st, const struct store_actor *who,
	    const struct order *o, const struct order_step *step,
	    const struct order_facts *f, int64_t seq, const char *details,
	    char step_id[CT_UUID_SIZE], struct ct_error *err)
{
	char roles[STORE_MASK_TEXT_MAX];
	struct db_stmt *s = NULL;
	enum ct_err rc;
	int row;

	store_mask_text(&vocab_user_role,
			f->actor_roles & vocab_mask_all(&vocab_user_role),
			roles);
	ct_uuid_new(step_id);
	rc = db_prepare(st->db,
			"INSERT INTO order_steps (id, order_id, case_id, seq, "
			"kind, at, actor_user_id, actor_org_id, actor_role, "
			"details, created_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, "
			"?, ?, ?)",
			&s, err);
	if (rc)
		return rc;
	db_bind_text(s, 1, step_id);
	db_bind_text(s, 2, o->id);
	db_bind_text(s, 3, o->case_id);
	db_bind_int64(s, 4, seq);
	db_bind_text(s, 5, order_step_code(step->kind));
	db_bind_int64(s, 6, step->at);
	db_bind_text(s, 7, who->user_id);
	db_bind_text(s, 8, who->org_id);
	db_bind_text(s, 9, roles);
	db_bind_text(s, 10, details);
	db_bind_int64(s, 11, store_now(st));
	rc = db_step(s, &row, err);
	db_finalize(s);
	return rc;
}

static enum ct_err
insert_violation(struct store *st, const struct order *o,
		 const struct order_step *step, const char *step_id,
		 struct ct_error *err)
{
	char id[CT_UUID_SIZE];
	struct db_stmt *s = NULL;
	enum ct_err rc;
	int row;

	ct_uuid_new(id);
	rc = db_prepare(st->db,
			"INSERT INTO order_violations (id, order_id, case_id, "
			"step_id, at, channel, response, description, "
			"created_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)",
			&s, err);
	if (rc)
		return rc;
	db_bind_text(s, 1, id);
	db_bind_text(s, 2, o->id);
	db_bind_text(s, 3, o->case_id);
	db_bind_text(s, 4, step_id);
	db_bind_int64(s, 5, step->at);
	db_bind_text(s, 6, store_code(&order_vocab_channel,
				      (int)step->u.violation.channel));
	db_bind_text(s, 7, store_code(&order_vocab_response,
				      (int)step->u.violation.response));
	db_bind_text(s, 8, step->u.violation.description);
	db_bind_int64(s, 9, store_now(st));
	rc = db_step(s, &row, err);
	db_finalize(s);
	return rc;
}

/* The journal's after image: the order, with the step that made it. */
static json_t *
journal_image(const struct order *o, const struct order_step *step,
	      int64_t seq)
{
	json_t *j = order_to_json(o), *js = json_object();
	char iso[CT_ISO_SIZE];

	if (!js)
		CT_BUG("jansson out of memory");
	ct_instant_format_utc(step->at, iso);
	if (json_object_set_new(js, "kind",
				json_string(order_step_code(step->kind))) ||
	    json_object_set_new(js, "at", json_string(iso)) ||
	    json_object_set_new(js, "seq", json_integer(seq)) ||
	    json_object_set_new(js, "details",
				order_step_details_to_json(step)) ||
	    json_object_set_new(j, "step", js))
		CT_BUG("jansson out of memory");
	return j;
}

static enum ct_err
refused(struct order_refusal *refusal, struct ct_error *err)
{
	return ct_error_set(err, refusal->code, "%s", refusal->message);
}

/* Record step (already checked) on o (already applied) in the tx. */
static enum ct_err
record_step(struct store *st, const struct store_actor *who,
	    const struct order *before, const struct order *o,
	    const struct order_step *step, const struct order_facts *f,
	    int64_t seq, struct ct_error *err)
{
	char step_id[CT_UUID_SIZE];
	char *details = NULL, *record = NULL;
	json_t *jb = NULL, *ja = NULL;
	char action[64];
	enum ct_err rc;
	int changed = 1;

	details = dump(order_step_details_to_json(step));
	record = dump(order_to_json(o));
	if (seq == 1)
		rc = insert_order(st, o, record, err);
	else
		rc = update_order(st, o, before->version, record, store_now(st),
				  &changed, err);
	if (rc == CT_OK && !changed)
		rc = store_conflict(st, "Het huisverbod", o->id, err);
	if (rc == CT_OK)
		rc = insert_step(st, who, o, step, f, seq, details, step_id,
				 err);
	if (rc == CT_OK && step->kind == ORDER_STEP_VIOLATION)
		rc = insert_violation(st, o, step, step_id, err);
	if (rc == CT_OK) {
		snprintf(action, sizeof(action), "order.%s",
			 order_step_code(step->kind));
		jb = before ? order_to_json(before) : NULL;
		ja = journal_image(o, step, seq);
		rc = journal_append(st, who, o->case_id, action, "order",
				    o->id, jb, ja, err);
	}
	json_decref(jb);
	json_decref(ja);
	free(details);
	free(record);
	return rc;
}

/* ---- the work list ---- */

/* The case owner and the current team, with their types, into a. */
static enum ct_err
read_team(struct store *st, const char *case_id, struct arena *a,
	  struct order_tasks_team *team, struct ct_error *err)
{
	struct order_tasks_member *members = NULL;
	struct team_member *m = NULL;
	struct ct_case c;
	struct org org;
	size_t n = 0, i;
	enum ct_err rc;

	memset(team, 0, sizeof(*team));
	rc = store_case_get(st, case_id, a, &c, err);
	if (rc == CT_OK)
		rc = store_org_get(st, c.owner_org_id, a, &org, err);
	if (rc == CT_OK)
		rc = store_team_list(st, case_id, 0, a, &m, &n, err);
	if (rc)
		return rc;
	team->owner_org_id = arena_strdup(a, c.owner_org_id);
	team->owner_type = org.type;
	if (n && !(members = arena_alloc_array(a, n, sizeof(*members))))
		return ct_error_set(err, CT_ERR_LIMIT,
				    "Het casusteam is te groot om taken te "
				    "verdelen.");
	for (i = 0; i < n; i++) {
		rc = store_org_get(st, m[i].org_id, a, &org, err);
		if (rc)
			return rc;
		members[i].org_id = m[i].org_id;
		members[i].type = org.type;
	}
	team->members = members;
	team->n_members = n;
	if (!team->owner_org_id)
		return ct_error_set(err, CT_ERR_LIMIT,
				    "Te weinig geheugen voor het casusteam.");
	return CT_OK;
}

/* Close as done the open tasks of source whose deadline is met. */
static enum ct_err
close_met(struct store *st, const struct store_actor *who,
	  const char *case_id, const char *source,
	  const struct order_task *t, size_t n, struct arena *a,
	  struct ct_error *err)
{
	struct db_stmt *s = NULL;
	const char *met[ORDER_DEADLINES_MAX];
	size_t n_met = 0, i, j;
	enum ct_err rc;
	int row;

	rc = db_prepare(st->db,
			"SELECT id, kind FROM tasks WHERE source = ? AND "
			"case_id = ? AND status = 'open' ORDER BY id",
			&s, err);
	if (rc)
		return rc;
	db_bind_text(s, 1, source);
	db_bind_text(s, 2, case_id);
	while ((rc = db_step(s, &row, err)) == CT_OK && row) {
		const char *kind = db_column_text(s, 1);

		for (i = 0; i < n && n_met < ORDER_DEADLINES_MAX; i++) {
			if (!t[i].done || !kind || strcmp(t[i].code, kind))
				continue;
			if (!(met[n_met++] = arena_strdup(
				      a, db_column_text(s, 0))))
				rc = ct_error_set(err, CT_ERR_LIMIT,
						  "Te weinig geheugen voor de "
						  "taken.");
			break;
		}
		if (rc)
			break;
	}
	db_finalize(s);
	for (j = 0; rc == CT_OK && j < n_met; j++)
		rc = store_task_done(st, who, case_id, met[j], err);
	return rc;
}

/*
 * The work list of o after a step, inside the step's transaction: every
 * deadline a task of the right organisation (core/order_tasks.h), the
 * met ones closed as done, the ones no longer implied cancelled. A term
 * that runs out by itself (order.h: lapses) gets no task.
 */
static enum ct_err
sync_tasks(struct store *st, const struct store_actor *who,
	   const struct order *o, struct ct_error *err)
{
	struct order_deadline d[ORDER_DEADLINES_MAX];
	struct order_task ot[ORDER_DEADLINES_MAX];
	struct task tasks[ORDER_DEADLINES_MAX];
	char source[STORE_TASK_SOURCE_MAX + 1];
	struct order_tasks_team team;
	struct arena scratch;
	size_t n, i, k = 0;
	enum ct_err rc;

	n = order_deadlines(rules_for(o->jurisdiction), o, d,
			    ORDER_DEADLINES_MAX);
	snprintf(source, sizeof(source), "order:%s", o->id);
	arena_init(&scratch, TASKS_SCRATCH_MAX);
	rc = read_team(st, o->case_id, &scratch, &team, err);
	if (rc == CT_OK) {
		order_tasks_assign_all(o, d, n, &team, ot);
		rc = close_met(st, who, o->case_id, source, ot, n, &scratch,
			       err);
	}
	for (i = 0; rc == CT_OK && i < n; i++) {
		/* A met deadline is no work; its task, if any, is done. A
		 * term that runs out by itself (the appeal term) is no work
		 * either: the order shows it, the work list does not. */
		if (ot[i].done || d[i].lapses)
			continue;
		memset(&tasks[k], 0, sizeof(tasks[k]));
		snprintf(tasks[k].case_id, sizeof(tasks[k].case_id), "%s",
			 o->case_id);
		snprintf(tasks[k].org_id, sizeof(tasks[k].org_id), "%s",
			 ot[i].org_id);
		tasks[k].kind = ot[i].code;
		tasks[k].title = ot[i].title;
		tasks[k].source = source;
		tasks[k].rule_id = ot[i].rule_id;
		tasks[k].due_at = ot[i].due_at;
		k++;
	}
	if (rc == CT_OK)
		rc = store_task_sync(st, who, o->case_id, source, tasks, k,
				     err);
	arena_release(&scratch);
	return rc;
}

enum ct_err
store_order_sync_case_tasks(struct store *st, const struct store_actor *who,
			    const char *case_id, struct ct_error *err)
{
	struct order *orders = NULL;
	struct arena a;
	size_t n = 0, i;
	enum ct_err rc;

	CT_ASSERT(st->depth > 0);
	arena_init(&a, ARENA_MAX_DEFAULT);
	rc = store_order_list(st, case_id, &a, &orders, &n, err);
	for (i = 0; rc == CT_OK && i < n; i++)
		rc = sync_tasks(st, who, &orders[i], err);
	arena_release(&a);
	return rc;
}

/* The first case after `after` ("" for the first of all) with an open
 * order task; *found 0 when there is none. */
static enum ct_err
next_case_with_order_tasks(struct store *st, const char *after,
			   char next[CT_UUID_SIZE], int *found,
			   struct ct_error *err)
{
	struct db_stmt *s = NULL;
	const char *id;
	enum ct_err rc;
	int row;

	*found = 0;
	rc = db_prepare(st->db,
			"SELECT MIN(case_id) FROM tasks WHERE status = 'open' "
			"AND source LIKE 'order:%' AND case_id > ?",
			&s, err);
	if (rc)
		return rc;
	db_bind_text(s, 1, after);
	rc = db_step(s, &row, err);
	if (rc == CT_OK && row && (id = db_column_text(s, 0)) != NULL) {
		snprintf(next, CT_UUID_SIZE, "%s", id);
		*found = 1;
	}
	db_finalize(s);
	return rc;
}

enum ct_err
store_order_tasks_resync(struct store *st, const struct store_actor *who,
			 struct store_resync_count *count, struct ct_error *err)
{
	char case_id[CT_UUID_SIZE] = "", next[CT_UUID_SIZE];
	struct ct_error one;
	enum ct_err rc, one_rc;
	int found = 1;

	memset(count, 0, sizeof(*count));
	rc = store_check_actor(who, err);
	while (rc == CT_OK && found) {
		rc = next_case_with_order_tasks(st, case_id, next, &found, err);
		if (rc || !found)
			break;
		memcpy(case_id, next, sizeof(case_id));
		one_rc = store_write_begin(st, &one);
		if (one_rc == CT_OK) {
			one_rc = store_order_sync_case_tasks(st, who, case_id,
							     &one);
			one_rc = store_write_end(st, one_rc, &one);
		}
		/* One case that cannot be synced (an order that no longer
		 * replays) does not hold up the others: counted, the first
		 * reason kept in *err. */
		if (one_rc == CT_OK)
			count->cases++;
		else if (count->failed++ == 0)
			*err = one;
	}
	return rc;
}

static enum ct_err
case_jurisdiction(struct store *st, const char *case_id, struct arena *a,
		  enum ct_country *out, struct ct_error *err)
{
	struct ct_case c;
	enum ct_err rc;

	rc = store_case_get(st, case_id, a, &c, err);
	if (rc == CT_OK && strcmp(c.id, case_id) != 0)
		rc = ct_error_set(err, CT_ERR_NOTFOUND,
				  "Casus %s bestaat niet.", case_id);
	if (rc == CT_OK)
		*out = c.jurisdiction;
	return rc;
}

enum ct_err
store_order_open(struct store *st, const struct store_actor *who,
		 const char *case_id, const struct order_step *open,
		 const struct order_facts *facts, struct arena *a,
		 struct order *out, struct order_refusal *refusal,
		 struct ct_error *err)
{
	struct order_step step = *open;
	struct order_facts f;
	struct order o;
	enum ct_country juris = CT_COUNTRY_NL;
	enum ct_err rc;
	int child = 0;

	memset(refusal, 0, sizeof(*refusal));
	rc = store_check_actor(who, err);
	if (rc)
		return rc;
	if (!case_id || open->kind != ORDER_STEP_OPEN ||
	    !open->u.open.subject_person_id)
		return ct_error_set(err, CT_ERR_INVALID,
				    "Een huisverbod begint met de stap open "
				    "en een uit huis te plaatsen persoon.");
	rc = store_write_begin(st, err);
	if (rc)
		return rc;
	rc = case_jurisdiction(st, case_id, a, &juris, err);
	if (rc == CT_OK)
		rc = gather_facts(st, who, facts, case_id,
				  open->u.open.subject_person_id, a, &f, err);
	if (rc == CT_OK)
		rc = check_references(st, case_id, &step, a, err);
	if (rc == CT_OK)
		rc = case_has_child(st, case_id, &child, err);
	if (rc == CT_OK) {
		if (child)
			step.u.open.children_involved = 1;
		order_init(&o, juris);
		snprintf(o.case_id, sizeof(o.case_id), "%s", case_id);
		if (order_check_step(rules_for(juris), &o, &step, &f,
				     refusal) != CT_OK)
			rc = refused(refusal, err);
	}
	if (rc == CT_OK) {
		ct_uuid_new(o.id);
		order_apply_step(rules_for(juris), &o, &step, &f);
		o.created_at = store_now(st);
		o.version = 1;
		rc = record_step(st, who, NULL, &o, &step, &f, 1, err);
	}
	if (rc == CT_OK)
		rc = sync_tasks(st, who, &o, err);
	rc = store_write_end(st, rc, err);
	if (rc)
		return rc;
	/* Read back: the text now lives in a, not in the caller's step. */
	return store_order_get(st, case_id, o.id, a, out, err);
}

static enum ct_err
count_steps(struct store *st, const char *order_id, int64_t *n,
	    struct ct_error *err)
{
	struct db_stmt *s = NULL;
	enum ct_err rc;
	int row;

	rc = db_prepare(st->db,
			"SELECT COALESCE(MAX(seq), 0) FROM order_steps WHERE "
			"order_id = ?",
			&s, err);
	if (rc)
		return rc;
	db_bind_text(s, 1, order_id);
	rc = db_step(s, &row, err);
	if (rc == CT_OK)
		*n = row ? db_column_int64(s, 0) : 0;
	db_finalize(s);
	return rc;
}

enum ct_err
store_order_step(struct store *st, const struct store_actor *who,
		 const char *case_id, const char *order_id,
		 int64_t expected_version, const struct order_step *step,
		 const struct order_facts *facts, struct arena *a,
		 struct order *o, struct order_refusal *refusal,
		 struct ct_error *err)
{
	struct order before, after;
	struct order_facts f;
	const struct order_rules *r = NULL;
	int64_t seq = 0;
	enum ct_err rc;

	memset(refusal, 0, sizeof(*refusal));
	rc = store_check_actor(who, err);
	if (rc)
		return rc;
	if (step->kind == ORDER_STEP_OPEN)
		return ct_error_set(err, CT_ERR_INVALID,
				    "kind: een nieuw huisverbod begint met "
				    "POST .../orders, niet met een stap.");
	rc = store_write_begin(st, err);
	if (rc)
		return rc;
	rc = store_order_get(st, case_id, order_id, a, &before, err);
	if (rc == CT_OK && expected_version &&
	    expected_version != before.version)
		rc = store_conflict(st, "Het huisverbod", order_id, err);
	if (rc == CT_OK)
		rc = gather_facts(st, who, facts, case_id,
				  before.subject_person_id, a, &f, err);
	if (rc == CT_OK)
		rc = check_references(st, case_id, step, a, err);
	if (rc == CT_OK)
		rc = count_steps(st, order_id, &seq, err);
	if (rc == CT_OK) {
		r = rules_for(before.jurisdiction);
		if (order_check_step(r, &before, step, &f, refusal) != CT_OK)
			rc = refused(refusal, err);
	}
	if (rc == CT_OK) {
		after = before;
		order_apply_step(r, &after, step, &f);
		after.version = before.version + 1;
		rc = record_step(st, who, &before, &after, step, &f, seq + 1,
				 err);
	}
	if (rc == CT_OK)
		rc = sync_tasks(st, who, &after, err);
	rc = store_write_end(st, rc, err);
	if (rc)
		return rc;
	return store_order_get(st, case_id, order_id, a, o, err);
}
