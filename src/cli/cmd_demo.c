/*
 * cmd_demo.c - `casustafel demo [--cases N] [--seed S]`: fill the database
 * with a fictitious but realistic population (cli/demo_population.h).
 *
 * Design: first the cast (organisations of every type, users of every
 * role) in one transaction, reusing organisations and users that a
 * previous run or `init` already made, so the command can be run again to
 * add cases. Then the cases in transactions of DEMO_BATCH cases: each case
 * is generated, written with its persons, relations and incidents through
 * store.h (which journals every record in the same transaction), and its
 * memory released. A batch either lands whole or not at all.
 *
 * Determinism: the content (regions, names, dates, texts) is a function
 * of the seed and the day of generation; record ids come from the store,
 * which assigns random UUIDs (store.h has no way to pass one in).
 *
 * All users get one shared demo password, chosen at random and printed
 * once at the end; `casustafel user` can set personal passwords later.
 * Every new user is also enrolled in TOTP (the second factor the server
 * asks of case-access roles): its secret is sealed with the server key
 * (key_file, made when missing) and printed in base32 once, so a demo
 * user can log in with an authenticator app or `oathtool --totp -b`.
 * Except the few demo_user_without_totp() (agent2.ams, coordinator2.lim):
 * they set up their second factor at the first sign-in in the browser,
 * and the summary names them.
 */
#include "cli/cli.h"

#include <inttypes.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include <sodium.h>

#include "cli/demo_population.h"
#include "core/model.h"
#include "core/validate.h"
#include "core/order.h"
#include "core/rules.h"
#include "store/store_order.h"
#include "store/store_team.h"
#include "store/store_auth.h"
#include "util/config.h"
#include "util/crypto.h"
#include "util/strparse.h"
#include "util/totp.h"
#include "util/banned.h"

#define DEMO_BATCH 500                /* cases per transaction */
#define DEMO_PROGRESS_MIN_CASES 1000  /* smaller runs print no progress */
#define DEMO_PASSWORD_LEN 16
#define DEMO_ARENA_MAX ((size_t)4 * 1024 * 1024) /* one case needs ~10 KB */

static const char demo_help[] =
	"Gebruik: casustafel demo [--cases N] [--seed S]\n"
	"\n"
	"Vult de database met een fictieve, realistische populatie:\n"
	"regio's in Nederland (AMS, RTM, UTR) en Vlaanderen (LIM, ANT, OBR),\n"
	"organisaties van elk type, gebruikers met elke rol en N dossiers\n"
	"met personen, relaties en incidenten. De verdeling volgt de\n"
	"evaluatie van het tijdelijk huisverbod in Amsterdam-Amstelland.\n"
	"Alle namen zijn verzonnen. Dezelfde seed geeft dezelfde inhoud.\n"
	"Bestaande organisaties en gebruikers worden hergebruikt.\n"
	"\n"
	"Opties:\n"
	"  --cases N   aantal dossiers (standaard 300)\n"
	"  --seed S    startwaarde van de generator (standaard 20260101)\n"
	"  --help      deze hulp\n";

/* What the run made, for the summary. */
struct demo_tally {
	size_t orgs_new, orgs_reused, users_new, users_reused;
	size_t cases, persons, relations, incidents;
	size_t per_country[2];
	size_t per_category[DEMO_CAT__COUNT];
	size_t with_minors;
	/* orders (issue 4): counted by the state they reached */
	size_t orders, repeats, extended, violated;
	size_t per_state[ORDER_STATE__COUNT];
};

/* The demo users who take the order's legal steps: the regions whose
 * cast holds every role (demo_order_plan_generate). */
enum demo_actor {
	A_AGENT_AMS,
	A_MAYOR_AMS,
	A_JURIST_AMS,
	A_COORD_AMS,
	A_PARKET_LIM,
	A_AGENT_LIM,
	A_COORD_LIM,
	A__COUNT
};

static const char *const demo_actor_names[A__COUNT] = {
	[A_AGENT_AMS] = "agent.ams",
	[A_MAYOR_AMS] = "burgemeester.ams",
	[A_JURIST_AMS] = "jurist.ams",
	[A_COORD_AMS] = "coordinator.ams",
	[A_PARKET_LIM] = "parket.lim",
	[A_AGENT_LIM] = "agent.lim",
	[A_COORD_LIM] = "coordinator.lim",
};

struct demo_run {
	struct cli_ctx *ctx;
	uint64_t seed;
	struct ct_date today;
	const char *password_hash;
	/* store ids of demo_orgs(), by index */
	char (*org_ids)[CT_UUID_SIZE];
	unsigned char *user_existed; /* by index into demo_users() */
	/* base32 TOTP secret of each new user, by index; "" when none */
	char (*totp_b32)[TOTP_SECRET_B32_SIZE];
	int with_totp; /* the server key is set: enrol new users */
	size_t next_case, batch_end;
	/* orders: the actors' user and organisation ids; the clock */
	int with_orders; /* every actor was found */
	char actor_user[A__COUNT][CT_UUID_SIZE];
	char actor_org[A__COUNT][CT_UUID_SIZE];
	int64_t now;
	uint64_t next_case_k; /* the case being written */
	struct demo_tally tally;
	struct ct_error err; /* detail of a failure inside a transaction */
};

/* ---- the cast ---- */

static enum ct_err
demo_ensure_org(struct demo_run *run, struct store *st, struct arena *a,
		const struct demo_org *spec, char id[CT_UUID_SIZE])
{
	struct org o;
	enum ct_err rc;

	rc = store_org_get(st, spec->name, a, &o, &run->err);
	if (rc == CT_OK) {
		memcpy(id, o.id, CT_UUID_SIZE);
		run->tally.orgs_reused++;
		return CT_OK;
	}
	if (rc != CT_ERR_NOTFOUND)
		return rc;
	memset(&o, 0, sizeof(o));
	o.name = spec->name;
	o.type = spec->type;
	o.country = spec->country;
	o.email = spec->email;
	rc = store_org_create(st, &run->ctx->actor, &o, &run->err);
	if (rc)
		return rc;
	memcpy(id, o.id, CT_UUID_SIZE);
	run->tally.orgs_new++;
	return CT_OK;
}

/* A confirmed second factor for a new user; its secret into b32. */
static enum ct_err
demo_enrol_totp(struct demo_run *run, struct store *st, const struct user *u,
		char b32[TOTP_SECRET_B32_SIZE])
{
	const struct store_actor *who = &run->ctx->actor;
	unsigned char secret[TOTP_SECRET_BYTES];
	enum ct_err rc;

	if (!run->with_totp)
		return CT_OK;
	totp_secret_new(secret);
	rc = store_user_totp_begin(st, who, u->id, secret, &run->err);
	if (!rc)
		rc = totp_secret_to_base32(secret, sizeof(secret), b32);
	sodium_memzero(secret, sizeof(secret));
	/* Step 0: confirmed without a code; any real code comes later. */
	if (!rc)
		rc = store_user_totp_accept(st, who, u->id, 0, 1, &run->err);
	return rc;
}

static enum ct_err
demo_ensure_user(struct demo_run *run, struct store *st, struct arena *a,
		 const struct demo_user *spec, unsigned char *existed,
		 char b32[TOTP_SECRET_B32_SIZE])
{
	struct user u;
	enum ct_err rc;

	rc = store_user_get(st, spec->username, a, &u, &run->err);
	if (rc == CT_OK) {
		run->tally.users_reused++;
		*existed = 1;
		return CT_OK;
	}
	if (rc != CT_ERR_NOTFOUND)
		return rc;
	memset(&u, 0, sizeof(u));
	memcpy(u.org_id, run->org_ids[spec->org], CT_UUID_SIZE);
	u.username = spec->username;
	u.display_name = spec->display_name;
	u.roles = spec->roles;
	u.active = 1;
	rc = store_user_create(st, &run->ctx->actor, &u, run->password_hash,
			       &run->err);
	if (rc)
		return rc;
	run->tally.users_new++;
	if (demo_user_without_totp(spec))
		return CT_OK;
	return demo_enrol_totp(run, st, &u, b32);
}

static enum ct_err
demo_cast_txn(struct store *st, void *arg)
{
	struct demo_run *run = arg;
	const struct demo_org *orgs;
	const struct demo_user *users;
	size_t n_orgs, n_users, i;
	struct arena a;
	enum ct_err rc = CT_OK;

	orgs = demo_orgs(&n_orgs);
	users = demo_users(&n_users);
	arena_init(&a, DEMO_ARENA_MAX);
	for (i = 0; i < n_orgs && !rc; i++)
		rc = demo_ensure_org(run, st, &a, &orgs[i], run->org_ids[i]);
	for (i = 0; i < n_users && !rc; i++)
		rc = demo_ensure_user(run, st, &a, &users[i],
				      &run->user_existed[i], run->totp_b32[i]);
	arena_release(&a);
	return rc;
}

/* ---- the cases ---- */

static enum ct_err
demo_write_case(struct demo_run *run, struct store *st, struct demo_case *dc)
{
	const struct store_actor *who = &run->ctx->actor;
	enum ct_err rc;
	size_t i;

	memcpy(dc->c.owner_org_id, run->org_ids[dc->owner_org], CT_UUID_SIZE);
	rc = store_case_create(st, who, &dc->c, &run->err);
	if (rc)
		return rc;
	for (i = 0; i < dc->n_persons; i++) {
		memcpy(dc->persons[i].case_id, dc->c.id, CT_UUID_SIZE);
		rc = store_person_add(st, who, &dc->persons[i], &run->err);
		if (rc)
			return rc;
	}
	for (i = 0; i < dc->n_relations; i++) {
		const struct demo_relation *dr = &dc->relations[i];
		struct relation r;

		memset(&r, 0, sizeof(r));
		memcpy(r.case_id, dc->c.id, CT_UUID_SIZE);
		memcpy(r.person_a, dc->persons[dr->a].id, CT_UUID_SIZE);
		memcpy(r.person_b, dc->persons[dr->b].id, CT_UUID_SIZE);
		r.kind = dr->kind;
		rc = store_relation_add(st, who, &r, &run->err);
		if (rc)
			return rc;
	}
	for (i = 0; i < dc->n_incidents; i++) {
		memcpy(dc->incidents[i].case_id, dc->c.id, CT_UUID_SIZE);
		rc = store_incident_add(st, who, &dc->incidents[i], &run->err);
		if (rc)
			return rc;
	}
	return CT_OK;
}

/* ---- the orders (issue 4) ---- */

/*
 * A case's order story (cli/demo_population.h) as dated steps, taken
 * through store_order in date order; a step dated after the run is not
 * taken, so the story stops where its age says. A step core refuses is a
 * bug of the plan: the batch rolls back and the demo fails naming the
 * rule.
 */
#define DEMO_STEPS_MAX 24
#define HOUR_S INT64_C(3600)
#define DAY_S INT64_C(86400)

struct demo_step {
	int64_t at;
	enum demo_actor actor;
	struct order_step step;
};

struct demo_story {
	struct demo_step steps[DEMO_STEPS_MAX];
	size_t n;
	int nl;
};

static struct order_step *
demo_add(struct demo_story *s, enum demo_actor nl_actor,
	 enum demo_actor be_actor, enum order_step_kind kind, int64_t at)
{
	struct demo_step *d;

	if (s->n == DEMO_STEPS_MAX)
		CT_BUG("demo: too many order steps");
	d = &s->steps[s->n++];
	memset(d, 0, sizeof(*d));
	d->at = at;
	d->actor = s->nl ? nl_actor : be_actor;
	d->step.kind = kind;
	d->step.at = at;
	return &d->step;
}

static int64_t
demo_days(const struct order_rules *r, int64_t t, int days)
{
	int64_t out;

	if (rules_add_days(r, t, days, &out))
		CT_BUG("demo: date out of range");
	return out;
}

/* "Anna de Vries" in a. */
static const char *
demo_name(struct arena *a, const struct person *p)
{
	size_t n = strlen(p->given_name) + strlen(p->family_name) + 2;
	char *out = arena_alloc(a, n);

	if (!out)
		CT_BUG("demo: arena full");
	snprintf(out, n, "%s %s", p->given_name, p->family_name);
	return out;
}

/*
 * Plan one order called at `call` with fate f; *ended receives when it
 * ended (expired, withdrawn, lifted) or 0.
 */
static void
demo_story_plan(struct demo_story *s, const struct demo_case *dc,
		const struct demo_order_plan *plan, struct arena *a,
		const char *const *prot_ids, const char **prot_names,
		int64_t call, enum demo_order_fate f, int violation,
		const char *repeat_of, int64_t *ended)
{
	const struct order_rules *r = rules_for(dc->c.jurisdiction);
	const char *subject = dc->persons[plan->subject].id;
	int64_t t = call + HOUR_S, end = 0;
	struct order_step *st;
	size_t i;

	s->n = 0;
	s->nl = dc->c.jurisdiction == CT_COUNTRY_NL;
	*ended = 0;
	for (i = 0; i < plan->n_protected; i++)
		prot_names[i] =
			demo_name(a, &dc->persons[plan->protected_idx[i]]);

	st = demo_add(s, A_AGENT_AMS, A_PARKET_LIM, ORDER_STEP_OPEN, call);
	st->u.open.route = ORDER_ROUTE_ACUTE;
	st->u.open.subject_person_id = subject;
	st->u.open.protected_person_ids = prot_ids;
	st->u.open.n_protected = plan->n_protected;
	st->u.open.place = plan->place;
	st->u.open.repeat_of = repeat_of;
	st->u.open.new_facts = repeat_of ? plan->new_facts : NULL;
	if (f == DEMO_FATE_SCREENING)
		return;
	/* NL with children: Veilig Thuis is consulted before the decision
	 * (Wth art. 2 lid 3; seed 001 hfst. 3). */
	for (i = 0; s->nl && i < dc->n_persons; i++)
		if (ct_has(dc->persons[i].roles, PERSON_ROLE_CHILD)) {
			demo_add(s, A_COORD_AMS, A_COORD_AMS,
				 ORDER_STEP_CONSULT_VT, t - 15 * 60);
			break;
		}

	st = demo_add(s, A_MAYOR_AMS, A_PARKET_LIM, ORDER_STEP_DECIDE, t);
	st->u.decide.impose = f != DEMO_FATE_NOT_IMPOSED;
	st->u.decide.oral = !s->nl; /* BE: told orally first (seed 000) */
	st->u.decide.mandate = ORDER_MANDATE_NONE;
	st->u.decide.place = plan->place;
	st->u.decide.facts = repeat_of ? plan->new_facts : plan->facts;
	st->u.decide.protected_names = prot_names;
	st->u.decide.n_protected_names = plan->n_protected;
	st->u.decide.subject_resides = 1;
	st->u.decide.serious_danger = 1;
	if (f == DEMO_FATE_NOT_IMPOSED)
		return;

	if (s->nl) {
		/* The written decision handed to the uithuisgeplaatste: the
		 * bekendmaking that starts the six weeks' appeal term. */
		st = demo_add(s, A_AGENT_AMS, A_AGENT_AMS, ORDER_STEP_SERVE,
			      t + HOUR_S / 2);
		st->u.serve.how = ORDER_SERVICE_IN_PERSON;
		demo_add(s, A_AGENT_AMS, A_AGENT_AMS, ORDER_STEP_KEYS,
			 t + HOUR_S);
		st = demo_add(s, A_AGENT_AMS, A_AGENT_AMS,
			      ORDER_STEP_STAY_ADDRESS, t + 2 * HOUR_S);
		st->u.stay.address = "Logeeradres bij familie, Amsterdam";
		st->u.stay.phone = "+31612345678";
		st = demo_add(s, A_AGENT_AMS, A_AGENT_AMS, ORDER_STEP_INFORM,
			      t + 3 * HOUR_S);
		st->u.inform.parties = CT_BIT(ORDER_PARTY_REMAINING) |
				       CT_BIT(ORDER_PARTY_VEILIG_THUIS);
	} else {
		demo_add(s, A_PARKET_LIM, A_PARKET_LIM, ORDER_STEP_WRITE,
			 t + 2 * HOUR_S);
		st = demo_add(s, A_PARKET_LIM, A_PARKET_LIM, ORDER_STEP_SERVE,
			      t + 3 * HOUR_S);
		st->u.serve.how = ORDER_SERVICE_PROSECUTOR;
		st = demo_add(s, A_PARKET_LIM, A_PARKET_LIM, ORDER_STEP_INFORM,
			      t + 4 * HOUR_S);
		st->u.inform.parties = CT_BIT(ORDER_PARTY_REMAINING) |
				       CT_BIT(ORDER_PARTY_VICTIM_SUPPORT) |
				       CT_BIT(ORDER_PARTY_REMOVED);
	}
	demo_add(s, A_COORD_AMS, A_COORD_LIM, ORDER_STEP_FIRST_CONTACT,
		 t + DAY_S);
	if (violation) {
		/* seed 001 hfst. 5: any channel counts, always acted on */
		st = demo_add(s, A_AGENT_AMS, A_AGENT_LIM, ORDER_STEP_VIOLATION,
			      t + plan->violation_day * DAY_S);
		st->u.violation.channel = (enum order_channel)plan->channel;
		st->u.violation.response = (enum order_response)plan->response;
		st->u.violation.description =
			"Contact opgenomen met de achterblijver ondanks het "
			"contactverbod.";
	}

	if (s->nl && f == DEMO_FATE_END_EARLY) {
		end = t + plan->end_day * DAY_S;
		st = demo_add(s, A_MAYOR_AMS, A_MAYOR_AMS, ORDER_STEP_WITHDRAW,
			      end);
		st->u.end.reason = "De dreiging is weggenomen: de "
				   "uithuisgeplaatste is verhuisd.";
	} else if (s->nl) {
		int extend = f == DEMO_FATE_EXTEND;

		st = demo_add(s, A_COORD_AMS, A_COORD_AMS, ORDER_STEP_ADVICE,
			      t + 7 * DAY_S);
		st->u.advice.extend = extend;
		st->u.advice.reasons = extend ? "De dreiging houdt aan; de "
						"hulp is pas gestart."
					      : "De hulp loopt; de dreiging "
						"is afgenomen.";
		if (extend) {
			st = demo_add(s, A_JURIST_AMS, A_JURIST_AMS,
				      ORDER_STEP_HEAR, t + 8 * DAY_S);
			st->u.hear.person_id = subject;
			st->u.hear.view = "Ik wil terug naar huis.";
			st = demo_add(s, A_MAYOR_AMS, A_MAYOR_AMS,
				      ORDER_STEP_EXTEND, t + 9 * DAY_S);
			st->u.extend.reasons = "Het advies tot verlenging "
					       "wordt gevolgd.";
			if (rules_extension_limit(r, t, &end))
				CT_BUG("demo: extension limit");
		} else {
			st = demo_add(s, A_MAYOR_AMS, A_MAYOR_AMS,
				      ORDER_STEP_NOT_EXTEND, t + 8 * DAY_S);
			st->u.end.reason = "Geen grond voor verlenging.";
			end = demo_days(r, t, r->duration_days);
		}
		end += HOUR_S;
		demo_add(s, A_JURIST_AMS, A_JURIST_AMS, ORDER_STEP_EXPIRE,
			 end);
	} else {
		st = demo_add(s, A_COORD_LIM, A_COORD_LIM, ORDER_STEP_ADVICE,
			      t + 6 * DAY_S);
		st->u.advice.extend = f == DEMO_FATE_EXTEND;
		st->u.advice.reasons = "Schriftelijk advies aan de procureur "
				       "des Konings voor de zitting.";
		st->u.advice.written = 1;
		st = demo_add(s, A_PARKET_LIM, A_PARKET_LIM,
			      ORDER_STEP_HEARING, t + 7 * DAY_S);
		st->u.hearing.hearing_at = t + 10 * DAY_S;
		if (f == DEMO_FATE_EXTEND) {
			st = demo_add(s, A_PARKET_LIM, A_PARKET_LIM,
				      ORDER_STEP_EXTEND, t + 10 * DAY_S);
			st->u.extend.reasons = "Uitspraak van de "
					       "familierechtbank.";
			if (rules_extension_limit(r, t, &end))
				CT_BUG("demo: extension limit");
			end += HOUR_S;
			demo_add(s, A_PARKET_LIM, A_PARKET_LIM,
				 ORDER_STEP_EXPIRE, end);
		} else if (f == DEMO_FATE_END_EARLY) {
			end = t + 10 * DAY_S;
			st = demo_add(s, A_PARKET_LIM, A_PARKET_LIM,
				      ORDER_STEP_LIFT, end);
			st->u.end.reason = "De familierechtbank heft het "
					   "huisverbod op.";
		} else {
			st = demo_add(s, A_PARKET_LIM, A_PARKET_LIM,
				      ORDER_STEP_NOT_EXTEND, t + 10 * DAY_S);
			st->u.end.reason = "De familierechtbank verlengt niet.";
			end = demo_days(r, t, r->duration_days) + HOUR_S;
			demo_add(s, A_PARKET_LIM, A_PARKET_LIM,
				 ORDER_STEP_EXPIRE, end);
		}
	}
	*ended = end;
	/* Monitoring: a check at 6 weeks, closed after 3 months (seed 001
	 * hfst. 9, seed 003 par. 2.3). */
	demo_add(s, A_COORD_AMS, A_COORD_LIM, ORDER_STEP_MONITORING_CHECK,
		 demo_days(r, end, 42));
	demo_add(s, A_COORD_AMS, A_COORD_LIM, ORDER_STEP_MONITORING_END,
		 demo_days(r, end, 93));
}

/* Take the story's steps up to now; *o is the order after the last. */
static enum ct_err
demo_story_run(struct demo_run *run, struct store *st, const char *case_id,
	       struct demo_story *s, struct arena *a, struct order *o,
	       int *opened)
{
	struct order_refusal ref;
	struct order_facts facts;
	struct store_actor who;
	enum ct_err rc = CT_OK;
	size_t i, j;

	/* Date order, stable (insertion sort of a few steps). */
	for (i = 1; i < s->n; i++)
		for (j = i; j > 0 && s->steps[j - 1].at > s->steps[j].at; j--) {
			struct demo_step tmp = s->steps[j];

			s->steps[j] = s->steps[j - 1];
			s->steps[j - 1] = tmp;
		}
	*opened = 0;
	for (i = 0; i < s->n && !rc; i++) {
		const struct demo_step *d = &s->steps[i];

		/* Not yet: the story stops here (the server refuses steps
		 * in the future as well). */
		if (d->at > run->now - 60)
			break;
		who.user_id = run->actor_user[d->actor];
		who.org_id = run->actor_org[d->actor];
		who.label = demo_actor_names[d->actor];
		memset(&facts, 0, sizeof(facts));
		facts.now = run->now;
		facts.actor_user_id = who.user_id;
		if (d->step.kind == ORDER_STEP_OPEN)
			rc = store_order_open(st, &who, case_id, &d->step,
					      &facts, a, o, &ref, &run->err);
		else
			rc = store_order_step(st, &who, case_id, o->id, 0,
					      &d->step, &facts, a, o, &ref,
					      &run->err);
		if (rc && ref.rule)
			ct_error_set(&run->err, rc, "demo: stap '%s' "
				     "geweigerd: %s",
				     order_step_code(d->step.kind),
				     ref.message);
		if (!rc && d->step.kind == ORDER_STEP_OPEN)
			*opened = 1;
	}
	return rc;
}

static void
demo_count_order(struct demo_tally *t, const struct order *o)
{
	t->orders++;
	t->repeats += o->repeat_of[0] != '\0';
	t->extended += o->n_extensions > 0;
	t->violated += o->n_violations > 0;
	t->per_state[o->state]++;
}

/* The case's orders: the first and, on new facts, a repeat. */
static enum ct_err
demo_write_orders(struct demo_run *run, struct store *st,
		  const struct demo_case *dc, struct arena *a,
		  struct demo_tally *tally)
{
	const char *prot_ids[DEMO_PERSONS_MAX], *prot_names[DEMO_PERSONS_MAX];
	int nl = dc->c.jurisdiction == CT_COUNTRY_NL;
	const struct order_rules *r = rules_for(dc->c.jurisdiction);
	enum demo_actor team[2] = {nl ? A_AGENT_AMS : A_AGENT_LIM,
				   nl ? A_MAYOR_AMS : A_PARKET_LIM};
	struct demo_order_plan plan;
	struct demo_story *s;
	struct ct_civil civ;
	struct order o;
	int64_t call, ended;
	char first_id[CT_UUID_SIZE];
	enum ct_err rc = CT_OK;
	int opened;
	size_t i;

	if (!run->with_orders)
		return CT_OK;
	demo_order_plan_generate(run->seed, run->next_case_k, &run->today, dc,
				 a, &plan);
	if (!plan.has_order)
		return CT_OK;
	/* The police and the mayor (BE: the parket) join the case team. */
	for (i = 0; i < 2 && !rc; i++)
		rc = store_team_add(st, &run->ctx->actor, dc->c.id,
				    run->actor_org[team[i]],
				    "Huisverbod: samenwerking volgens het "
				    "protocol",
				    &run->err);
	if (rc == CT_ERR_EXISTS)
		rc = CT_OK;
	if (rc)
		return rc;
	for (i = 0; i < plan.n_protected; i++)
		prot_ids[i] = dc->persons[plan.protected_idx[i]].id;
	if (plan.fate == DEMO_FATE_SCREENING) {
		call = run->now - 2 * HOUR_S;
	} else {
		ct_date_add_days(&run->today, -plan.days_ago, &civ.date);
		civ.hour = plan.hour;
		civ.minute = plan.minute;
		civ.second = 0;
		if (ct_instant_from_local(r->zone, &civ, &call))
			CT_BUG("demo: impossible local time");
	}
	s = arena_alloc(a, sizeof(*s));
	if (!s)
		CT_BUG("demo: arena full");
	demo_story_plan(s, dc, &plan, a, prot_ids, prot_names, call, plan.fate,
			plan.violation, NULL, &ended);
	rc = demo_story_run(run, st, dc->c.id, s, a, &o, &opened);
	if (rc || !opened)
		return rc;
	demo_count_order(tally, &o);
	if (!plan.repeat || !ended || o.ended_at == 0)
		return CT_OK;
	/* A repeated order: a new order on new facts, never a third
	 * extension (seed 001; PRODUCT.md Process 1). */
	memcpy(first_id, o.id, CT_UUID_SIZE);
	call = demo_days(r, o.ended_at, plan.repeat_gap_days);
	demo_story_plan(s, dc, &plan, a, prot_ids, prot_names, call,
			plan.repeat_extend ? DEMO_FATE_EXTEND
					   : DEMO_FATE_EXPIRE,
			0, first_id, &ended);
	rc = demo_story_run(run, st, dc->c.id, s, a, &o, &opened);
	if (!rc && opened)
		demo_count_order(tally, &o);
	return rc;
}

static void
demo_count(struct demo_tally *t, const struct demo_case *dc)
{
	t->cases++;
	t->persons += dc->n_persons;
	t->relations += dc->n_relations;
	t->incidents += dc->n_incidents;
	t->per_country[dc->c.jurisdiction == CT_COUNTRY_BE]++;
	t->per_category[dc->category]++;
	t->with_minors += dc->has_minor_children != 0;
}

/* One transaction: cases next_case .. batch_end-1. */
static enum ct_err
demo_batch_txn(struct store *st, void *arg)
{
	struct demo_run *run = arg;
	struct demo_tally tally = run->tally;
	struct demo_case *dc = ct_malloc(sizeof(*dc));
	struct arena a;
	enum ct_err rc = CT_OK;
	size_t k;

	arena_init(&a, DEMO_ARENA_MAX);
	for (k = run->next_case; k < run->batch_end && !rc; k++) {
		demo_case_generate(run->seed, k, &run->today, &a, dc);
		rc = demo_write_case(run, st, dc);
		run->next_case_k = k;
		if (!rc)
			rc = demo_write_orders(run, st, dc, &a, &tally);
		if (!rc)
			demo_count(&tally, dc);
		arena_release(&a);
	}
	free(dc);
	/* Count only what the transaction will commit. */
	if (!rc)
		run->tally = tally;
	return rc;
}

/* The order actors' ids; orders are left out when one is missing (a
 * database whose users were renamed). */
static enum ct_err
demo_find_actors(struct demo_run *run)
{
	struct arena a;
	struct user u;
	enum ct_err rc = CT_OK;
	size_t i;

	run->now = store_now(run->ctx->store);
	run->with_orders = 1;
	arena_init(&a, DEMO_ARENA_MAX);
	for (i = 0; i < A__COUNT && !rc; i++) {
		rc = store_user_get(run->ctx->store, demo_actor_names[i], &a,
				    &u, &run->err);
		if (rc == CT_ERR_NOTFOUND) {
			run->with_orders = 0;
			rc = CT_OK;
			break;
		}
		if (!rc) {
			memcpy(run->actor_user[i], u.id, CT_UUID_SIZE);
			memcpy(run->actor_org[i], u.org_id, CT_UUID_SIZE);
		}
	}
	arena_release(&a);
	return rc;
}

static double
demo_seconds(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (double)ts.tv_sec + (double)ts.tv_nsec / 1e9;
}

/* ---- the summary ---- */

static double
demo_pct(size_t part, size_t whole)
{
	return whole ? 100.0 * (double)part / (double)whole : 0.0;
}

/* The new users who set up their second factor at the first sign-in. */
static void
demo_print_without_totp(struct cli_ctx *ctx, const struct demo_run *run,
			const struct demo_user *users, size_t n_users)
{
	size_t i, n = 0;

	for (i = 0; i < n_users; i++)
		n += demo_user_without_totp(&users[i]) && !run->user_existed[i];
	if (!n)
		return;
	fprintf(ctx->out, "\nNog zonder tweede factor: deze gebruikers stellen "
			  "die in bij de eerste aanmelding\nin de browser "
			  "(QR-code voor de authenticator-app):\n");
	for (i = 0; i < n_users; i++)
		if (demo_user_without_totp(&users[i]) && !run->user_existed[i])
			fprintf(ctx->out, "  %s\n", users[i].username);
}

static int
demo_summary(struct demo_run *run, const char *password, double secs)
{
	struct cli_ctx *ctx = run->ctx;
	const struct demo_tally *t = &run->tally;
	const struct demo_org *orgs;
	const struct demo_user *users;
	size_t n_orgs, n_users, i, per_type[ORG_TYPE__COUNT] = { 0 };
	struct store_counts counts;
	struct ct_error err;
	enum ct_err rc;

	orgs = demo_orgs(&n_orgs);
	users = demo_users(&n_users);
	for (i = 0; i < n_orgs; i++)
		per_type[orgs[i].type]++;

	fprintf(ctx->out,
		"Demodata (seed %" PRIu64 "): %zu dossiers in %.1f s\n\n",
		run->seed, t->cases, secs);
	fprintf(ctx->out, "Organisaties per type (%zu nieuw, %zu bestonden "
			  "al):\n",
		t->orgs_new, t->orgs_reused);
	for (i = 0; i < ORG_TYPE__COUNT; i++)
		fprintf(ctx->out, "  %-40s %3zu\n",
			vocab_label(&vocab_org_type, (unsigned)i),
			per_type[i]);

	fprintf(ctx->out, "\nDossiers per jurisdictie:\n");
	fprintf(ctx->out, "  %-40s %7zu\n", "Nederland (NL)",
		t->per_country[0]);
	fprintf(ctx->out, "  %-40s %7zu\n", "Vlaanderen (BE)",
		t->per_country[1]);
	fprintf(ctx->out, "\nSoort geweld (evaluatiecategorie):\n");
	for (i = 0; i < DEMO_CAT__COUNT; i++)
		fprintf(ctx->out, "  %-40s %7zu  %5.1f%%\n",
			demo_category_label((enum demo_category)i),
			t->per_category[i],
			demo_pct(t->per_category[i], t->cases));
	fprintf(ctx->out, "\n  %-40s %5.1f%%\n",
		"aandeel partnergeweld (incl. ex)",
		demo_pct(t->per_category[DEMO_CAT_PARTNER] +
				 t->per_category[DEMO_CAT_EX_PARTNER],
			 t->cases));
	fprintf(ctx->out, "  %-40s %5.1f%%\n",
		"aandeel met minderjarige kinderen",
		demo_pct(t->with_minors, t->cases));
	fprintf(ctx->out, "\nToegevoegd: %zu personen, %zu relaties, %zu "
			  "incidenten\n",
		t->persons, t->relations, t->incidents);

	fprintf(ctx->out, "\nHuisverboden: %zu (herhaald %zu, verlengd %zu, "
			  "overtreden %zu)\n",
		t->orders, t->repeats, t->extended, t->violated);
	for (i = 0; i < ORDER_STATE__COUNT; i++)
		fprintf(ctx->out, "  %-40s %7zu\n",
			vocab_label(&order_vocab_state, (unsigned)i),
			t->per_state[i]);

	ct_error_clear(&err);
	rc = store_counts(ctx->store, &counts, &err);
	if (rc)
		return cli_out_error(ctx, rc, &err);
	fprintf(ctx->out,
		"In de database: %" PRId64 " organisaties, %" PRId64
		" gebruikers, %" PRId64 " dossiers, %" PRId64
		" journaalregels\n",
		counts.orgs, counts.users, counts.cases, counts.journal);

	fprintf(ctx->out, "\nGebruikers (%zu nieuw, %zu bestonden al):\n",
		t->users_new, t->users_reused);
	for (i = 0; i < n_users; i++) {
		char roles[256];

		vocab_mask_format(&vocab_user_role, users[i].roles, roles,
				  sizeof(roles));
		/* an existing user keeps its own organisation and password */
		fprintf(ctx->out, "  %-24s %-28s %s\n", users[i].username,
			roles,
			run->user_existed[i] ? "(bestond al, niet gewijzigd)"
					     : orgs[users[i].org].name);
	}
	if (t->users_new > 0)
		fprintf(ctx->out,
			"\nGedeeld demowachtwoord voor de nieuwe gebruikers: "
			"%s\n(wordt maar een keer getoond)\n",
			password);
	if (t->users_new > 0 && run->with_totp) {
		fprintf(ctx->out, "\nTweede factor (TOTP) van de nieuwe "
				  "gebruikers, geheim in base32\n"
				  "(code: oathtool --totp -b GEHEIM):\n");
		for (i = 0; i < n_users; i++)
			if (run->totp_b32[i][0])
				fprintf(ctx->out, "  %-24s %s\n",
					users[i].username, run->totp_b32[i]);
		demo_print_without_totp(ctx, run, users, n_users);
	}
	return CLI_EXIT_OK;
}

/*
 * Give the store the server key so TOTP secrets can be sealed, reading or
 * creating the key file of the configuration. A ctx without a
 * configuration (unit tests built by hand) enrols no TOTP.
 */
static int
demo_server_key(struct cli_ctx *ctx, int *with_totp)
{
	unsigned char key[CONFIG_SERVER_KEY_BYTES];
	struct ct_error err;
	enum ct_err rc;

	*with_totp = 0;
	if (!ctx->config)
		return 0;
	if (totp_global_init()) {
		fputs("fout: de TOTP-bibliotheek start niet\n", ctx->err);
		return CLI_EXIT_FAIL;
	}
	ct_error_clear(&err);
	rc = config_server_key(ctx->config, 1, key, &err);
	if (rc)
		return cli_out_error(ctx, rc, &err);
	store_set_server_key(ctx->store, key);
	sodium_memzero(key, sizeof(key));
	*with_totp = 1;
	return 0;
}

int
cmd_demo(struct cli_ctx *ctx, int argc, char **argv)
{
	const char *cases_s = NULL, *seed_s = NULL;
	const struct cli_opt opts[] = {
		{ "cases", &cases_s, NULL, 0 },
		{ "seed", &seed_s, NULL, 0 },
		{ NULL, NULL, NULL, 0 },
	};
	const struct cli_spec spec = { "demo", demo_help, opts, 0, 0 };
	const char *args[1];
	size_t nargs, n_orgs, n_users, n_cases = DEMO_CASES_DEFAULT;
	struct demo_run run;
	char password[DEMO_PASSWORD_LEN + 1];
	char hash[CT_PWHASH_SIZE];
	double started, last_report;
	size_t last_step = 0;
	int64_t seed_v;
	int status;
	enum ct_err rc;

	status = cli_opt_parse(ctx, &spec, argc, argv, args, &nargs);
	if (status != CLI_CONTINUE)
		return status;
	if (cases_s && cli_opt_size(ctx, "--cases", cases_s, 1,
				    DEMO_CASES_MAX, &n_cases))
		return CLI_EXIT_FAIL;
	memset(&run, 0, sizeof(run));
	run.ctx = ctx;
	run.seed = DEMO_SEED_DEFAULT;
	if (seed_s) {
		if (ct_parse_int(seed_s, 0, INT64_MAX, &seed_v)) {
			fprintf(ctx->err, "fout: --seed: '%s' is geen geheel "
					  "getal van 0 of meer\n",
				seed_s);
			return CLI_EXIT_FAIL;
		}
		run.seed = (uint64_t)seed_v;
	}

	ct_local_date(CT_ZONE_AMSTERDAM, store_now(ctx->store), &run.today);
	ct_random_password(password, DEMO_PASSWORD_LEN);
	password[DEMO_PASSWORD_LEN] = '\0';
	if (ct_password_hash(password, hash)) {
		fprintf(ctx->err, "fout: het demowachtwoord kon niet worden "
				  "versleuteld\n");
		return CLI_EXIT_FAIL;
	}
	run.password_hash = hash;
	demo_orgs(&n_orgs);
	demo_users(&n_users);
	run.org_ids = ct_calloc(n_orgs, sizeof(*run.org_ids));
	run.user_existed = ct_calloc(n_users, 1);
	run.totp_b32 = ct_calloc(n_users, sizeof(*run.totp_b32));
	if (demo_server_key(ctx, &run.with_totp)) {
		status = CLI_EXIT_FAIL;
		goto out;
	}

	started = last_report = demo_seconds();
	ct_error_clear(&run.err);
	rc = store_transaction(ctx->store, demo_cast_txn, &run, &run.err);
	if (!rc)
		rc = demo_find_actors(&run);
	while (!rc && run.next_case < n_cases) {
		size_t step;
		double now;

		run.batch_end = run.next_case + DEMO_BATCH < n_cases
					? run.next_case + DEMO_BATCH
					: n_cases;
		rc = store_transaction(ctx->store, demo_batch_txn, &run,
				       &run.err);
		if (rc)
			break;
		run.next_case = run.batch_end;
		if (n_cases < DEMO_PROGRESS_MIN_CASES)
			continue;
		/* Every 10%, but at most once a second (and at the end). */
		step = run.next_case * 10 / n_cases;
		now = demo_seconds();
		if ((step > last_step && now - last_report >= 1.0) ||
		    run.next_case == n_cases) {
			fprintf(ctx->err, "  %zu/%zu dossiers\xe2\x80\xa6\n",
				run.next_case, n_cases);
			last_step = step;
			last_report = now;
		}
	}
	if (rc) {
		fprintf(ctx->err, "fout: demodata gestopt na %zu dossiers; de "
				  "lopende reeks is teruggedraaid\n",
			run.tally.cases);
		status = cli_out_error(ctx, rc, &run.err);
	} else {
		status = demo_summary(&run, password, demo_seconds() - started);
	}
out:
	sodium_memzero(password, sizeof(password));
	sodium_memzero(run.totp_b32, n_users * sizeof(*run.totp_b32));
	free(run.org_ids);
	free(run.user_existed);
	free(run.totp_b32);
	return status;
}
