/*
 * cmd_case.c - `casustafel case ...`: create, list and show cases and add
 * persons, relations and incidents to them.
 *
 * Design: every subcommand follows the same steps: parse the options
 * (cli_opt_parse refuses the wrong shape), turn each value into its typed
 * form (vocabulary codes, dates, times in the case's own zone, national
 * ids), find the case, run the core validator and print every problem at
 * once, and only then call the one store function that writes, in one
 * transaction with its journal entry. So a refused command writes
 * nothing. Records read back live in a per-command arena.
 */
#include "cli/cli.h"

#include <string.h>

#include "core/model_json.h"
#include "core/natid.h"
#include "core/validate.h"
#include "util/banned.h"

#define CASE_NATID_BUF 32 /* room for a national id with punctuation */

static const char case_create_help[] =
	"Gebruik: casustafel case create --org ORG --jurisdiction NL|BE "
	"--region REGIO [--json]\n"
	"\n"
	"Maakt een dossier aan en toont de referentie (bv. AMS-2026-00001).\n"
	"\n"
	"Opties:\n"
	"  --org ORG            eigenaar (id of naam van de organisatie)\n"
	"  --jurisdiction NL|BE rechtsgebied: bepaalt regels en tijdzone\n"
	"  --region REGIO       regiocode, 2-8 hoofdletters (bv. AMS)\n"
	"  --json               toon het dossier als JSON\n"
	"  --help               deze hulp\n";

static const char case_list_help[] =
	"Gebruik: casustafel case list [--org ORG] [--region REGIO]\n"
	"                              [--jurisdiction NL|BE] "
	"[--status open|closed]\n"
	"                              [--limit N] [--offset N] [--json]\n"
	"\n"
	"Toont dossiers, nieuwste eerst.\n"
	"\n"
	"Opties:\n"
	"  --org ORG            alleen van deze eigenaar (id of naam)\n"
	"  --region REGIO       alleen deze regio\n"
	"  --jurisdiction NL|BE alleen dit rechtsgebied\n"
	"  --status STATUS      open of closed\n"
	"  --limit N            hoogstens N (1-1000, standaard 100)\n"
	"  --offset N           sla de eerste N over\n"
	"  --json               als één JSON-document\n"
	"  --help               deze hulp\n";

static const char case_show_help[] =
	"Gebruik: casustafel case show REFERENTIE|ID [--json]\n"
	"\n"
	"Toont een dossier met personen en hun rollen, relaties, incidenten\n"
	"en de tijdlijn uit het journaal.\n"
	"\n"
	"Opties:\n"
	"  --json   als één JSON-document\n"
	"  --help   deze hulp\n";

static const char case_add_person_help[] =
	"Gebruik: casustafel case add-person REFERENTIE --given-name NAAM\n"
	"           --family-name NAAM --roles ROL[,ROL...]\n"
	"           [--birth-date JJJJ-MM-DD] [--sex CODE] [--bsn NUMMER | "
	"--rrn NUMMER]\n"
	"\n"
	"Voegt een persoon toe aan een dossier.\n"
	"\n"
	"Opties:\n"
	"  --given-name NAAM    voornaam\n"
	"  --family-name NAAM   achternaam\n"
	"  --roles ROLLEN       bv. victim,remaining (slachtoffer, "
	"achterblijver)\n"
	"  --birth-date DATUM   geboortedatum JJJJ-MM-DD\n"
	"  --sex CODE           unknown, female, male, x\n"
	"  --bsn NUMMER         burgerservicenummer (NL, elfproef)\n"
	"  --rrn NUMMER         rijksregisternummer (BE)\n"
	"  --json               toon de persoon als JSON\n"
	"  --help               deze hulp\n";

static const char case_add_relation_help[] =
	"Gebruik: casustafel case add-relation REFERENTIE --from PERSOON-ID\n"
	"           --to PERSOON-ID --kind SOORT\n"
	"\n"
	"Legt een relatie tussen twee personen van het dossier vast.\n"
	"Bij parent is --from de ouder van --to.\n"
	"\n"
	"Opties:\n"
	"  --from ID     eerste persoon\n"
	"  --to ID       tweede persoon\n"
	"  --kind SOORT  partner, ex_partner, parent, sibling, other\n"
	"  --json        toon de relatie als JSON\n"
	"  --help        deze hulp\n";

static const char case_add_incident_help[] =
	"Gebruik: casustafel case add-incident REFERENTIE --at TIJD\n"
	"           --types SOORTEN --forms VORMEN --severity ERNST\n"
	"           --description TEKST [--location PLAATS]\n"
	"\n"
	"Legt een incident vast. TIJD is JJJJ-MM-DDTUU:MM in de lokale tijd\n"
	"van het rechtsgebied van het dossier (Europe/Amsterdam of\n"
	"Europe/Brussels), tenzij er een verschuiving bij staat (+02:00, Z).\n"
	"\n"
	"Opties:\n"
	"  --at TIJD            wanneer, bv. 2026-07-13T13:59\n"
	"  --types SOORTEN      bv. partner,children_witness\n"
	"  --forms VORMEN       bv. physical,threats\n"
	"  --severity ERNST     bv. serious\n"
	"  --description TEKST  wat er gebeurde\n"
	"  --location PLAATS    waar (optioneel)\n"
	"  --json               toon het incident als JSON\n"
	"  --help               deze hulp\n";

/* Find a case by reference or id; prints a message when it is missing. */
static int
case_find(struct cli_ctx *ctx, const char *ref, struct arena *a,
	  struct ct_case *out)
{
	struct ct_error err;
	enum ct_err rc;

	ct_error_clear(&err);
	rc = store_case_get(ctx->store, ref, a, out, &err);
	if (rc == CT_ERR_NOTFOUND) {
		fprintf(ctx->err, "fout: dossier '%s' bestaat niet\n", ref);
		return CLI_EXIT_FAIL;
	}
	if (rc)
		return cli_out_error(ctx, rc, &err);
	return CLI_EXIT_OK;
}

static int
case_find_org(struct cli_ctx *ctx, const char *ref, struct arena *a,
	      struct org *out)
{
	struct ct_error err;
	enum ct_err rc;

	ct_error_clear(&err);
	rc = store_org_get(ctx->store, ref, a, out, &err);
	if (rc == CT_ERR_NOTFOUND) {
		fprintf(ctx->err,
			"fout: --org: organisatie '%s' bestaat niet\n", ref);
		return CLI_EXIT_FAIL;
	}
	if (rc)
		return cli_out_error(ctx, rc, &err);
	return CLI_EXIT_OK;
}

static int
case_create(struct cli_ctx *ctx, int argc, char **argv)
{
	const char *org_ref = NULL, *jurisdiction = NULL, *region = NULL;
	int json = 0;
	const struct cli_opt opts[] = {
		{"org", &org_ref, NULL, 1},
		{"jurisdiction", &jurisdiction, NULL, 1},
		{"region", &region, NULL, 1},
		{"json", NULL, &json, 0},
		{NULL, NULL, NULL, 0},
	};
	const struct cli_spec spec = {"case create", case_create_help, opts, 0,
				      0};
	struct ct_problems problems;
	struct ct_error err;
	struct ct_case c;
	struct arena a;
	struct org org;
	const char *args[1];
	size_t nargs;
	int status, country;
	enum ct_err rc;

	status = cli_opt_parse(ctx, &spec, argc, argv, args, &nargs);
	if (status != CLI_CONTINUE)
		return status;
	if (cli_opt_vocab(ctx, "--jurisdiction", &vocab_country, jurisdiction,
			  &country))
		return CLI_EXIT_FAIL;
	if (!ct_region_valid(region)) {
		fprintf(ctx->err,
			"fout: --region: '%s' is geen regiocode (%d-%d "
			"hoofdletters, bv. AMS)\n",
			region, CT_REGION_MIN, CT_REGION_MAX);
		return CLI_EXIT_FAIL;
	}
	arena_init(&a, ARENA_MAX_DEFAULT);
	status = case_find_org(ctx, org_ref, &a, &org);
	if (status)
		goto out;
	memset(&c, 0, sizeof(c));
	c.jurisdiction = (enum ct_country)country;
	c.region = region;
	memcpy(c.owner_org_id, org.id, sizeof(c.owner_org_id));
	c.status = CASE_STATUS_OPEN;
	c.pattern = PATTERN_UNKNOWN;
	ct_problems_init(&problems);
	if (case_validate(&c, &problems)) {
		status = cli_out_problems(ctx, &problems);
		goto out;
	}
	ct_error_clear(&err);
	rc = store_case_create(ctx->store, &ctx->actor, &c, &err);
	if (rc) {
		status = cli_out_error(ctx, rc, &err);
		goto out;
	}
	if (json) {
		status = cli_out_json(ctx, case_to_json(&c));
		goto out;
	}
	fprintf(ctx->out, "Dossier aangemaakt: %s (id %s)\n", c.reference,
		c.id);
	status = CLI_EXIT_OK;
out:
	arena_release(&a);
	return status;
}

static int
case_list(struct cli_ctx *ctx, int argc, char **argv)
{
	const char *org_ref = NULL, *region = NULL, *jurisdiction = NULL;
	const char *status_code = NULL, *limit = NULL, *offset = NULL;
	int json = 0;
	const struct cli_opt opts[] = {
		{"org", &org_ref, NULL, 0},
		{"region", &region, NULL, 0},
		{"jurisdiction", &jurisdiction, NULL, 0},
		{"status", &status_code, NULL, 0},
		{"limit", &limit, NULL, 0},
		{"offset", &offset, NULL, 0},
		{"json", NULL, &json, 0},
		{NULL, NULL, NULL, 0},
	};
	const struct cli_spec spec = {"case list", case_list_help, opts, 0, 0};
	struct store_case_filter f;
	char created[CT_ISO_SIZE];
	struct ct_case *cases = NULL;
	struct ct_error err;
	struct arena a;
	struct org org;
	const char *args[1];
	size_t n = 0, total = 0, i, nargs;
	json_t *list;
	int status, idx;
	enum ct_err rc;

	status = cli_opt_parse(ctx, &spec, argc, argv, args, &nargs);
	if (status != CLI_CONTINUE)
		return status;
	store_case_filter_init(&f);
	if (region) {
		if (!ct_region_valid(region)) {
			fprintf(ctx->err,
				"fout: --region: '%s' is geen regiocode (%d-%d "
				"hoofdletters, bv. AMS)\n",
				region, CT_REGION_MIN, CT_REGION_MAX);
			return CLI_EXIT_FAIL;
		}
		f.region = region;
	}
	if (jurisdiction) {
		if (cli_opt_vocab(ctx, "--jurisdiction", &vocab_country,
				  jurisdiction, &idx))
			return CLI_EXIT_FAIL;
		f.jurisdiction = idx;
	}
	if (status_code) {
		if (cli_opt_vocab(ctx, "--status", &vocab_case_status,
				  status_code, &idx))
			return CLI_EXIT_FAIL;
		f.status = idx;
	}
	if (limit && cli_opt_size(ctx, "--limit", limit, 1,
				  STORE_LIST_LIMIT_MAX, &f.limit))
		return CLI_EXIT_FAIL;
	if (offset &&
	    cli_opt_size(ctx, "--offset", offset, 0, INT32_MAX, &f.offset))
		return CLI_EXIT_FAIL;

	arena_init(&a, ARENA_MAX_DEFAULT);
	if (org_ref) {
		status = case_find_org(ctx, org_ref, &a, &org);
		if (status)
			goto out;
		f.owner_org_id = org.id;
	}
	ct_error_clear(&err);
	rc = store_case_list(ctx->store, &f, &a, &cases, &n, &total, &err);
	if (rc) {
		status = cli_out_error(ctx, rc, &err);
		goto out;
	}
	if (json) {
		list = json_array();
		for (i = 0; i < n; i++)
			json_array_append_new(list, case_to_json(&cases[i]));
		status = cli_out_json(
			ctx,
			json_pack(
				"{s:o, s:I, s:I, s:I}", "cases", list, "total",
				(json_int_t)total, "offset",
				(json_int_t)f.offset, "limit",
				(json_int_t)(f.limit ? f.limit
						     : STORE_LIST_LIMIT_DEFAULT)));
		goto out;
	}
	for (i = 0; i < n; i++) {
		cli_out_time(cases[i].jurisdiction, cases[i].created_at,
			     created);
		fprintf(ctx->out, "%-16s  %-2s  %-8s  %s  %s\n",
			cases[i].reference,
			vocab_code(&vocab_country, cases[i].jurisdiction),
			vocab_label(&vocab_case_status, cases[i].status),
			created, cases[i].id);
	}
	fprintf(ctx->out, "%zu van %zu %s\n", n, total,
		total == 1 ? "dossier" : "dossiers");
	status = CLI_EXIT_OK;
out:
	arena_release(&a);
	return status;
}

/* Everything `case show` prints, read before anything is printed. */
struct case_view {
	struct ct_case c;
	struct org owner;
	int has_owner;
	struct person *persons;
	size_t npersons;
	struct relation *relations;
	size_t nrelations;
	struct incident *incidents;
	size_t nincidents;
	struct journal_entry *journal;
	size_t njournal;
};

static enum ct_err
case_view_load(struct cli_ctx *ctx, struct case_view *v, struct arena *a,
	       struct ct_error *err)
{
	enum ct_err rc;

	rc = store_org_get(ctx->store, v->c.owner_org_id, a, &v->owner, err);
	if (rc && rc != CT_ERR_NOTFOUND)
		return rc;
	v->has_owner = rc == CT_OK;
	rc = store_person_list(ctx->store, v->c.id, a, &v->persons,
			       &v->npersons, err);
	if (!rc)
		rc = store_relation_list(ctx->store, v->c.id, a, &v->relations,
					 &v->nrelations, err);
	if (!rc)
		rc = store_incident_list(ctx->store, v->c.id, a, &v->incidents,
					 &v->nincidents, err);
	if (!rc)
		rc = store_journal_list(ctx->store, v->c.id, a, &v->journal,
					&v->njournal, err);
	return rc;
}

static json_t *
case_view_json(const struct case_view *v)
{
	json_t *o = json_object(), *arr;
	size_t i;

	json_object_set_new(o, "case", case_to_json(&v->c));
	if (v->has_owner)
		json_object_set_new(o, "owner", org_to_json(&v->owner));
	arr = json_array();
	for (i = 0; i < v->npersons; i++)
		json_array_append_new(arr, person_to_json(&v->persons[i]));
	json_object_set_new(o, "persons", arr);
	arr = json_array();
	for (i = 0; i < v->nrelations; i++)
		json_array_append_new(arr, relation_to_json(&v->relations[i]));
	json_object_set_new(o, "relations", arr);
	arr = json_array();
	for (i = 0; i < v->nincidents; i++)
		json_array_append_new(arr, incident_to_json(&v->incidents[i]));
	json_object_set_new(o, "incidents", arr);
	arr = json_array();
	for (i = 0; i < v->njournal; i++)
		json_array_append_new(arr,
				      cli_out_journal_json(&v->journal[i]));
	json_object_set_new(o, "journal", arr);
	return o;
}

/* "Family, Given" of the person with id, or the id itself. */
static const char *
case_view_person_name(const struct case_view *v, const char *id, char *buf,
		      size_t n)
{
	size_t i;

	for (i = 0; i < v->npersons; i++) {
		if (strcmp(v->persons[i].id, id) == 0) {
			snprintf(buf, n, "%s, %s", v->persons[i].family_name,
				 v->persons[i].given_name);
			return buf;
		}
	}
	return id;
}

static void
case_view_print(struct cli_ctx *ctx, const struct case_view *v)
{
	char t[CT_ISO_SIZE], date[11], mask[512], mask2[512];
	char name_a[2 * CT_NAME_MAX + 3], name_b[2 * CT_NAME_MAX + 3];
	const struct ct_case *c = &v->c;
	const struct person *p;
	const struct incident *in;
	const struct journal_entry *e;
	FILE *out = ctx->out;
	size_t i;

	fprintf(out, "Dossier %s (id %s)\n", c->reference, c->id);
	fprintf(out, "  rechtsgebied %s, regio %s, status %s, patroon %s\n",
		vocab_label(&vocab_country, c->jurisdiction), c->region,
		vocab_label(&vocab_case_status, c->status),
		vocab_label(&vocab_violence_pattern, c->pattern));
	fprintf(out, "  eigenaar %s\n",
		v->has_owner ? v->owner.name : c->owner_org_id);
	cli_out_time(c->jurisdiction, c->created_at, t);
	fprintf(out, "  aangemaakt %s, versie %lld\n", t,
		(long long)c->version);

	fprintf(out, "\nPersonen (%zu):\n", v->npersons);
	for (i = 0; i < v->npersons; i++) {
		p = &v->persons[i];
		vocab_mask_format_labels(&vocab_person_role, p->roles, mask,
					 sizeof(mask));
		fprintf(out, "  %s  %s, %s  rollen: %s", p->id, p->family_name,
			p->given_name, mask);
		if (p->has_birth_date) {
			ct_date_format(&p->birth_date, date);
			fprintf(out, "  geboren %s", date);
		}
		if (p->sex != PERSON_SEX_UNKNOWN)
			fprintf(out, "  %s",
				vocab_label(&vocab_person_sex, p->sex));
		if (p->bsn)
			fprintf(out, "  BSN %s", p->bsn);
		if (p->rrn)
			fprintf(out, "  RRN %s", p->rrn);
		fputc('\n', out);
	}

	fprintf(out, "\nRelaties (%zu):\n", v->nrelations);
	for (i = 0; i < v->nrelations; i++)
		fprintf(out, "  %s  %s  %s\n",
			case_view_person_name(v, v->relations[i].person_a,
					      name_a, sizeof(name_a)),
			vocab_label(&vocab_relation_kind, v->relations[i].kind),
			case_view_person_name(v, v->relations[i].person_b,
					      name_b, sizeof(name_b)));

	fprintf(out, "\nIncidenten (%zu):\n", v->nincidents);
	for (i = 0; i < v->nincidents; i++) {
		in = &v->incidents[i];
		cli_out_time(c->jurisdiction, in->occurred_at, t);
		vocab_mask_format_labels(&vocab_violence_type, in->types, mask,
					 sizeof(mask));
		vocab_mask_format_labels(&vocab_violence_form, in->forms,
					 mask2, sizeof(mask2));
		fprintf(out, "  %s  ernst: %s; soort: %s; vorm: %s\n", t,
			vocab_label(&vocab_severity, in->severity), mask,
			mask2);
		if (in->location)
			fprintf(out, "    plaats: %s\n", in->location);
		fprintf(out, "    %s\n", in->description);
	}

	fprintf(out, "\nTijdlijn (%zu):\n", v->njournal);
	for (i = 0; i < v->njournal; i++) {
		e = &v->journal[i];
		cli_out_time(c->jurisdiction, e->at, t);
		fprintf(out, "  %s  %-14s  %s %s  door %s\n", t, e->action,
			e->entity, e->entity_id,
			e->actor_label ? e->actor_label : "onbekend");
	}
}

static int
case_show(struct cli_ctx *ctx, int argc, char **argv)
{
	int json = 0;
	const struct cli_opt opts[] = {
		{"json", NULL, &json, 0},
		{NULL, NULL, NULL, 0},
	};
	const struct cli_spec spec = {"case show", case_show_help, opts, 1, 1};
	struct case_view v;
	struct ct_error err;
	struct arena a;
	const char *args[1];
	size_t nargs;
	int status;
	enum ct_err rc;

	status = cli_opt_parse(ctx, &spec, argc, argv, args, &nargs);
	if (status != CLI_CONTINUE)
		return status;
	memset(&v, 0, sizeof(v));
	arena_init(&a, ARENA_MAX_DEFAULT);
	status = case_find(ctx, args[0], &a, &v.c);
	if (status)
		goto out;
	ct_error_clear(&err);
	rc = case_view_load(ctx, &v, &a, &err);
	if (rc) {
		status = cli_out_error(ctx, rc, &err);
		goto out;
	}
	if (json) {
		status = cli_out_json(ctx, case_view_json(&v));
		goto out;
	}
	case_view_print(ctx, &v);
	status = CLI_EXIT_OK;
out:
	arena_release(&a);
	return status;
}

/* Has the validator already said something about `field`? */
static int
case_has_problem(const struct ct_problems *p, const char *field)
{
	size_t i;

	for (i = 0; i < p->count; i++)
		if (strcmp(p->items[i].field, field) == 0)
			return 1;
	return 0;
}

/*
 * Normalise a national id into buf; on bad characters add a problem and
 * return NULL.
 */
static const char *
case_natid(const char *field, const char *label, const char *s, char *buf,
	   size_t n, struct ct_problems *p)
{
	if (natid_normalize(s, buf, n))
		return buf;
	ct_problems_add(p, field,
			"%s '%.40s' is geen nummer: alleen cijfers, spaties, "
			"punten en streepjes, ten hoogste %zu tekens",
			label, s, n - 1);
	return NULL;
}

static int
case_add_person(struct cli_ctx *ctx, int argc, char **argv)
{
	const char *given = NULL, *family = NULL, *roles = NULL;
	const char *birth = NULL, *sex = NULL, *bsn = NULL, *rrn = NULL;
	int json = 0;
	const struct cli_opt opts[] = {
		{"given-name", &given, NULL, 1},
		{"family-name", &family, NULL, 1},
		{"roles", &roles, NULL, 1},
		{"birth-date", &birth, NULL, 0},
		{"sex", &sex, NULL, 0},
		{"bsn", &bsn, NULL, 0},
		{"rrn", &rrn, NULL, 0},
		{"json", NULL, &json, 0},
		{NULL, NULL, NULL, 0},
	};
	const struct cli_spec spec = {"case add-person", case_add_person_help,
				      opts, 1, 1};
	char bsn_buf[CASE_NATID_BUF], rrn_buf[CASE_NATID_BUF];
	struct ct_problems problems;
	struct ct_date rrn_birth;
	struct ct_error err;
	struct ct_case c;
	struct person pe;
	struct arena a;
	const char *args[1];
	size_t nargs;
	int status, idx, rrn_has_birth = 0;
	enum ct_err rc;

	status = cli_opt_parse(ctx, &spec, argc, argv, args, &nargs);
	if (status != CLI_CONTINUE)
		return status;
	if (bsn && rrn) {
		fputs("fout: --bsn en --rrn: geef er één van beide\n",
		      ctx->err);
		return CLI_EXIT_USAGE;
	}
	memset(&pe, 0, sizeof(pe));
	pe.given_name = given;
	pe.family_name = family;
	pe.sex = PERSON_SEX_UNKNOWN;
	if (cli_opt_mask(ctx, "--roles", &vocab_person_role, roles, &pe.roles))
		return CLI_EXIT_FAIL;
	if (sex) {
		if (cli_opt_vocab(ctx, "--sex", &vocab_person_sex, sex, &idx))
			return CLI_EXIT_FAIL;
		pe.sex = (enum person_sex)idx;
	}
	if (birth) {
		if (cli_opt_date(ctx, "--birth-date", birth, &pe.birth_date))
			return CLI_EXIT_FAIL;
		pe.has_birth_date = 1;
	}

	arena_init(&a, ARENA_MAX_DEFAULT);
	status = case_find(ctx, args[0], &a, &c);
	if (status)
		goto out;
	memcpy(pe.case_id, c.id, sizeof(pe.case_id));

	ct_problems_init(&problems);
	if (bsn)
		pe.bsn = case_natid("bsn", "BSN", bsn, bsn_buf, sizeof(bsn_buf),
				    &problems);
	if (rrn)
		pe.rrn = case_natid("rrn", "Rijksregisternummer", rrn, rrn_buf,
				    sizeof(rrn_buf), &problems);
	/* A valid rijksregisternummer tells the birth date when none given. */
	if (pe.rrn && rrn_valid(pe.rrn, &rrn_birth, &rrn_has_birth) &&
	    rrn_has_birth && !pe.has_birth_date) {
		pe.birth_date = rrn_birth;
		pe.has_birth_date = 1;
	}
	person_validate(&pe, store_now(ctx->store), &problems);
	/* The checks are the validator's; these only make sure of them. */
	if (pe.bsn && !case_has_problem(&problems, "bsn") && !bsn_valid(pe.bsn))
		ct_problems_add(&problems, "bsn",
				"BSN %s klopt niet (elfproef)", pe.bsn);
	if (pe.rrn && !case_has_problem(&problems, "rrn") &&
	    !rrn_valid(pe.rrn, NULL, NULL))
		ct_problems_add(&problems, "rrn",
				"rijksregisternummer %s klopt niet "
				"(controlegetal)",
				pe.rrn);
	if (ct_problems_any(&problems)) {
		status = cli_out_problems(ctx, &problems);
		goto out;
	}

	ct_error_clear(&err);
	rc = store_person_add(ctx->store, &ctx->actor, &pe, &err);
	if (rc) {
		status = cli_out_error(ctx, rc, &err);
		goto out;
	}
	if (json) {
		status = cli_out_json(ctx, person_to_json(&pe));
		goto out;
	}
	fprintf(ctx->out, "Persoon toegevoegd aan %s: id %s\n", c.reference,
		pe.id);
	status = CLI_EXIT_OK;
out:
	arena_release(&a);
	return status;
}

static int
case_add_relation(struct cli_ctx *ctx, int argc, char **argv)
{
	const char *from = NULL, *to = NULL, *kind = NULL;
	int json = 0;
	const struct cli_opt opts[] = {
		{"from", &from, NULL, 1}, {"to", &to, NULL, 1},
		{"kind", &kind, NULL, 1}, {"json", NULL, &json, 0},
		{NULL, NULL, NULL, 0},
	};
	const struct cli_spec spec = {"case add-relation",
				      case_add_relation_help, opts, 1, 1};
	struct ct_problems problems;
	struct ct_error err;
	struct relation r;
	struct ct_case c;
	struct arena a;
	const char *args[1];
	size_t nargs;
	int status, idx;
	enum ct_err rc;

	status = cli_opt_parse(ctx, &spec, argc, argv, args, &nargs);
	if (status != CLI_CONTINUE)
		return status;
	memset(&r, 0, sizeof(r));
	if (cli_opt_vocab(ctx, "--kind", &vocab_relation_kind, kind, &idx))
		return CLI_EXIT_FAIL;
	r.kind = (enum relation_kind)idx;
	if (!ct_uuid_valid(from) || !ct_uuid_valid(to)) {
		fprintf(ctx->err, "fout: %s: '%s' is geen persoon-id\n",
			ct_uuid_valid(from) ? "--to" : "--from",
			ct_uuid_valid(from) ? to : from);
		return CLI_EXIT_FAIL;
	}
	memcpy(r.person_a, from, CT_UUID_SIZE);
	memcpy(r.person_b, to, CT_UUID_SIZE);

	arena_init(&a, ARENA_MAX_DEFAULT);
	status = case_find(ctx, args[0], &a, &c);
	if (status)
		goto out;
	memcpy(r.case_id, c.id, sizeof(r.case_id));
	ct_problems_init(&problems);
	if (relation_validate(&r, &problems)) {
		status = cli_out_problems(ctx, &problems);
		goto out;
	}
	ct_error_clear(&err);
	rc = store_relation_add(ctx->store, &ctx->actor, &r, &err);
	if (rc) {
		status = cli_out_error(ctx, rc, &err);
		goto out;
	}
	if (json) {
		status = cli_out_json(ctx, relation_to_json(&r));
		goto out;
	}
	fprintf(ctx->out, "Relatie toegevoegd aan %s: id %s\n", c.reference,
		r.id);
	status = CLI_EXIT_OK;
out:
	arena_release(&a);
	return status;
}

static int
case_add_incident(struct cli_ctx *ctx, int argc, char **argv)
{
	const char *at = NULL, *types = NULL, *forms = NULL;
	const char *severity = NULL, *description = NULL, *location = NULL;
	int json = 0;
	const struct cli_opt opts[] = {
		{"at", &at, NULL, 1},
		{"types", &types, NULL, 1},
		{"forms", &forms, NULL, 1},
		{"severity", &severity, NULL, 1},
		{"description", &description, NULL, 1},
		{"location", &location, NULL, 0},
		{"json", NULL, &json, 0},
		{NULL, NULL, NULL, 0},
	};
	const struct cli_spec spec = {"case add-incident",
				      case_add_incident_help, opts, 1, 1};
	struct ct_problems problems;
	struct incident in;
	struct ct_error err;
	struct ct_case c;
	struct arena a;
	const char *args[1];
	size_t nargs;
	int status, idx;
	enum ct_err rc;

	status = cli_opt_parse(ctx, &spec, argc, argv, args, &nargs);
	if (status != CLI_CONTINUE)
		return status;
	memset(&in, 0, sizeof(in));
	if (cli_opt_mask(ctx, "--types", &vocab_violence_type, types,
			 &in.types) ||
	    cli_opt_mask(ctx, "--forms", &vocab_violence_form, forms,
			 &in.forms) ||
	    cli_opt_vocab(ctx, "--severity", &vocab_severity, severity, &idx))
		return CLI_EXIT_FAIL;
	in.severity = (enum severity)idx;
	in.description = description;
	in.location = location;

	arena_init(&a, ARENA_MAX_DEFAULT);
	status = case_find(ctx, args[0], &a, &c);
	if (status)
		goto out;
	/* Local time of the case's own jurisdiction unless an offset says. */
	if (ct_instant_parse(at, ct_country_zone(c.jurisdiction),
			     &in.occurred_at)) {
		fprintf(ctx->err,
			"fout: --at: '%s' is geen geldige tijd (verwacht "
			"JJJJ-MM-DDTUU:MM, lokale tijd van %s, of met +02:00 "
			"of Z)\n",
			at, vocab_code(&vocab_country, c.jurisdiction));
		status = CLI_EXIT_FAIL;
		goto out;
	}
	memcpy(in.case_id, c.id, sizeof(in.case_id));
	ct_problems_init(&problems);
	if (incident_validate(&in, store_now(ctx->store), &problems)) {
		status = cli_out_problems(ctx, &problems);
		goto out;
	}
	ct_error_clear(&err);
	rc = store_incident_add(ctx->store, &ctx->actor, &in, &err);
	if (rc) {
		status = cli_out_error(ctx, rc, &err);
		goto out;
	}
	if (json) {
		status = cli_out_json(ctx, incident_to_json(&in));
		goto out;
	}
	fprintf(ctx->out, "Incident toegevoegd aan %s: id %s\n", c.reference,
		in.id);
	status = CLI_EXIT_OK;
out:
	arena_release(&a);
	return status;
}

int
cmd_case(struct cli_ctx *ctx, int argc, char **argv)
{
	static const struct cli_sub subs[] = {
		{"create", case_create, "maak een dossier aan"},
		{"list", case_list, "toon dossiers"},
		{"show", case_show, "toon één dossier volledig"},
		{"add-person", case_add_person, "voeg een persoon toe"},
		{"add-relation", case_add_relation, "leg een relatie vast"},
		{"add-incident", case_add_incident, "leg een incident vast"},
		{NULL, NULL, NULL},
	};

	return cli_opt_dispatch(ctx, "case", "Dossiers beheren.", subs, argc,
				argv);
}
