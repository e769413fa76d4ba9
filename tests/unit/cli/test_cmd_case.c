#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>

#include "cli_test.h"
#include "core/validate.h"

struct fixture {
	struct tctx t;
	char ref[CT_REFERENCE_SIZE];
	char anna[CT_UUID_SIZE];
	char bart[CT_UUID_SIZE];
};

/* The "id" of the JSON document a command printed. */
static void
json_id(const char *text, char out[CT_UUID_SIZE])
{
	json_t *j = json_loads(text, 0, NULL);

	assert_non_null(j);
	assert_non_null(json_string_value(json_object_get(j, "id")));
	snprintf(out, CT_UUID_SIZE, "%s",
		 json_string_value(json_object_get(j, "id")));
	json_decref(j);
}

/* An organisation, a case and two persons. */
static int
setup(void **state)
{
	struct fixture *f = ct_calloc(1, sizeof(*f));
	struct tctx *t = &f->t;
	const char *p;
	json_t *j;

	tctx_init(t);
	assert_int_equal(tctx_open(t), CT_OK);
	assert_int_equal(tctx_run(t, cmd_org, "org", "add", "--name",
				  "Veilig Thuis", "--type", "veilig_thuis",
				  "--country", "NL", NULL),
			 0);
	assert_int_equal(tctx_run(t, cmd_case, "case", "create", "--org",
				  "Veilig Thuis", "--jurisdiction", "NL",
				  "--region", "AMS", NULL),
			 0);
	p = strstr(t->out, "Dossier aangemaakt: ");
	assert_non_null(p);
	p += strlen("Dossier aangemaakt: ");
	snprintf(f->ref, sizeof(f->ref), "%.*s", (int)strcspn(p, " "), p);
	assert_true(case_reference_valid(f->ref));

	assert_int_equal(tctx_run(t, cmd_case, "case", "add-person", f->ref,
				  "--given-name", "Anna", "--family-name",
				  "Jansen", "--roles", "victim,remaining",
				  "--bsn", "111.222.333", "--birth-date",
				  "1990-05-01", "--sex", "female", "--json",
				  NULL),
			 0);
	json_id(t->out, f->anna);
	j = json_loads(t->out, 0, NULL);
	assert_string_equal(json_string_value(json_object_get(j, "bsn")),
			    "111222333");
	json_decref(j);
	assert_int_equal(tctx_run(t, cmd_case, "case", "add-person", f->ref,
				  "--given-name", "Bart", "--family-name",
				  "Jansen", "--roles", "perpetrator", "--json",
				  NULL),
			 0);
	json_id(t->out, f->bart);
	*state = f;
	return 0;
}

static int
teardown(void **state)
{
	struct fixture *f = *state;

	tctx_release(&f->t);
	free(f);
	return 0;
}

static void
test_create_json_and_list(void **state)
{
	struct fixture *f = *state;
	struct tctx *t = &f->t;
	json_t *j;

	assert_int_equal(tctx_run(t, cmd_case, "case", "create", "--org",
				  "Veilig Thuis", "--jurisdiction", "BE",
				  "--region", "LIM", "--json", NULL),
			 0);
	j = json_loads(t->out, 0, NULL);
	assert_non_null(j);
	assert_string_equal(json_string_value(json_object_get(j, "region")),
			    "LIM");
	json_decref(j);

	assert_int_equal(tctx_run(t, cmd_case, "case", "list", NULL), 0);
	assert_non_null(strstr(t->out, f->ref));
	assert_non_null(strstr(t->out, "2 van 2 dossiers"));

	assert_int_equal(tctx_run(t, cmd_case, "case", "list", "--region",
				  "AMS", "--json", NULL),
			 0);
	j = json_loads(t->out, 0, NULL);
	assert_non_null(j);
	assert_int_equal(json_integer_value(json_object_get(j, "total")), 1);
	assert_int_equal(json_array_size(json_object_get(j, "cases")), 1);
	json_decref(j);

	assert_int_equal(tctx_run(t, cmd_case, "case", "list", "--jurisdiction",
				  "BE", "--status", "open", "--limit", "1",
				  "--offset", "0", "--org", "Veilig Thuis",
				  "--json", NULL),
			 0);
	j = json_loads(t->out, 0, NULL);
	assert_int_equal(json_integer_value(json_object_get(j, "total")), 1);
	json_decref(j);

	assert_int_equal(
		tctx_run(t, cmd_case, "case", "list", "--limit", "0", NULL), 1);
	assert_non_null(strstr(t->err, "--limit"));
	assert_int_equal(
		tctx_run(t, cmd_case, "case", "list", "--status", "half", NULL),
		1);
	assert_non_null(strstr(t->err, "closed"));
	assert_int_equal(
		tctx_run(t, cmd_case, "case", "list", "--org", "Niemand", NULL),
		1);
	assert_non_null(strstr(t->err, "Niemand"));
}

static void
test_relation_incident_and_show(void **state)
{
	struct fixture *f = *state;
	struct tctx *t = &f->t;
	json_t *j, *in;

	assert_int_equal(tctx_run(t, cmd_case, "case", "add-relation", f->ref,
				  "--from", f->anna, "--to", f->bart, "--kind",
				  "partner", NULL),
			 0);
	assert_non_null(strstr(t->out, "Relatie toegevoegd"));
	/* Local time of the case's zone: 13:59 summer time is 11:59Z. */
	assert_int_equal(tctx_run(t, cmd_case, "case", "add-incident", f->ref,
				  "--at", "2026-07-13T13:59", "--types",
				  "partner", "--forms", "physical,threats",
				  "--severity", "serious", "--description",
				  "Slag in het gezicht.", "--location",
				  "Woning", "--json", NULL),
			 0);
	in = json_loads(t->out, 0, NULL);
	assert_non_null(in);
	assert_string_equal(
		json_string_value(json_object_get(in, "occurred_at")),
		"2026-07-13T11:59:00Z");
	json_decref(in);
	/* An explicit offset wins over the zone. */
	assert_int_equal(tctx_run(t, cmd_case, "case", "add-incident", f->ref,
				  "--at", "2026-01-10T08:00Z", "--types",
				  "partner", "--forms", "threats", "--severity",
				  "unknown", "--description",
				  "Dreigende berichten.", NULL),
			 0);

	assert_int_equal(tctx_run(t, cmd_case, "case", "show", f->ref, NULL),
			 0);
	assert_non_null(strstr(t->out, f->ref));
	assert_non_null(strstr(t->out, "Jansen, Anna"));
	/* People read labels; codes are for --json. */
	assert_non_null(strstr(t->out, "rollen: Slachtoffer, Achterblijver"));
	assert_non_null(strstr(t->out, "Jansen, Anna  Partner  Jansen, Bart"));
	assert_non_null(strstr(t->out, "soort: Partnergeweld"));
	assert_null(strstr(t->out, "victim,remaining"));
	assert_non_null(strstr(t->out, "2026-07-13T13:59:00+02:00"));
	assert_non_null(strstr(t->out, "Slag in het gezicht."));
	assert_non_null(strstr(t->out, "Tijdlijn"));
	assert_non_null(strstr(t->out, "cli:test"));

	assert_int_equal(
		tctx_run(t, cmd_case, "case", "show", f->ref, "--json", NULL),
		0);
	j = json_loads(t->out, 0, NULL);
	assert_non_null(j);
	assert_int_equal(json_array_size(json_object_get(j, "persons")), 2);
	assert_int_equal(json_array_size(json_object_get(j, "relations")), 1);
	assert_int_equal(json_array_size(json_object_get(j, "incidents")), 2);
	/* case, 2 persons, relation, 2 incidents. */
	assert_true(json_array_size(json_object_get(j, "journal")) >= 6);
	assert_string_equal(json_string_value(json_object_get(
				    json_object_get(j, "case"), "reference")),
			    f->ref);
	json_decref(j);
}

static void
test_refusals_write_nothing(void **state)
{
	struct fixture *f = *state;
	struct tctx *t = &f->t;
	int64_t journal = tctx_journal(t);

	assert_int_equal(tctx_run(t, cmd_case, "case", "add-person", f->ref,
				  "--given-name", "C", "--family-name", "D",
				  "--roles", "victim", "--bsn", "123456788",
				  NULL),
			 1);
	assert_non_null(strstr(t->err, "fout: bsn: BSN 123456788 klopt niet "
				       "(elfproef)\n"));
	assert_int_equal(tctx_run(t, cmd_case, "case", "add-person", f->ref,
				  "--given-name", "C", "--family-name", "D",
				  "--roles", "victim", "--bsn", "12a", NULL),
			 1);
	assert_non_null(strstr(t->err, "fout: bsn: "));
	assert_int_equal(tctx_run(t, cmd_case, "case", "add-person", f->ref,
				  "--given-name", "C", "--family-name", "D",
				  "--roles", "victim", "--rrn", "85073003329",
				  NULL),
			 1);
	assert_non_null(strstr(t->err, "fout: rrn: "));
	assert_int_equal(tctx_run(t, cmd_case, "case", "add-person", f->ref,
				  "--given-name", "C", "--family-name", "D",
				  "--roles", "victim", "--bsn", "111222333",
				  "--rrn", "85073003328", NULL),
			 2);
	assert_int_equal(tctx_run(t, cmd_case, "case", "add-person", f->ref,
				  "--given-name", "C", "--family-name", "D",
				  "--roles", "victim", "--birth-date",
				  "1990-02-30", NULL),
			 1);
	assert_non_null(strstr(t->err, "--birth-date"));
	assert_int_equal(tctx_run(t, cmd_case, "case", "add-person", f->ref,
				  "--given-name", "C", "--family-name", "D",
				  "--roles", "victim", "--birth-date",
				  "2099-01-01", NULL),
			 1);
	assert_non_null(strstr(t->err, "fout: birth_date: "));
	assert_int_equal(tctx_run(t, cmd_case, "case", "add-person", f->ref,
				  "--given-name", "C", "--family-name", "D",
				  "--roles", "victim,hero", NULL),
			 1);
	assert_non_null(strstr(t->err, "'hero'"));
	assert_int_equal(tctx_run(t, cmd_case, "case", "add-person",
				  "AMS-2026-99999", "--given-name", "C",
				  "--family-name", "D", "--roles", "victim",
				  NULL),
			 1);
	assert_non_null(strstr(t->err, "dossier 'AMS-2026-99999' bestaat "
				       "niet"));
	assert_int_equal(tctx_run(t, cmd_case, "case", "add-relation", f->ref,
				  "--from", f->anna, "--to", f->anna, "--kind",
				  "partner", NULL),
			 1);
	assert_non_null(strstr(t->err, "fout: person_b: "));
	assert_int_equal(tctx_run(t, cmd_case, "case", "add-relation", f->ref,
				  "--from", "nobody", "--to", f->anna, "--kind",
				  "partner", NULL),
			 1);
	assert_non_null(strstr(t->err, "--from"));
	assert_int_equal(tctx_run(t, cmd_case, "case", "add-relation", f->ref,
				  "--from", f->anna, "--to", f->bart, "--kind",
				  "friend", NULL),
			 1);
	assert_non_null(strstr(t->err, "ex_partner"));
	assert_int_equal(tctx_run(t, cmd_case, "case", "add-incident", f->ref,
				  "--at", "2026-13-13T13:59", "--types",
				  "partner", "--forms", "physical",
				  "--severity", "serious", "--description", "x",
				  NULL),
			 1);
	assert_non_null(strstr(t->err, "--at"));
	assert_int_equal(tctx_run(t, cmd_case, "case", "add-incident", f->ref,
				  "--at", "2099-01-01T10:00", "--types",
				  "partner", "--forms", "physical",
				  "--severity", "serious", "--description", "x",
				  NULL),
			 1);
	assert_non_null(strstr(t->err, "fout: occurred_at: "));
	assert_int_equal(tctx_run(t, cmd_case, "case", "add-incident", f->ref,
				  "--at", "2026-01-01T10:00", "--types",
				  "partner", "--forms", "physical",
				  "--severity", "awful", "--description", "x",
				  NULL),
			 1);
	assert_non_null(strstr(t->err, "--severity"));
	assert_int_equal(tctx_run(t, cmd_case, "case", "create", "--org",
				  "Veilig Thuis", "--jurisdiction", "NL",
				  "--region", "ams", NULL),
			 1);
	assert_non_null(strstr(t->err, "--region"));
	assert_int_equal(tctx_run(t, cmd_case, "case", "create", "--org",
				  "Veilig Thuis", "--jurisdiction", "NL", NULL),
			 2);
	assert_non_null(strstr(t->err, "--region"));
	assert_int_equal(tctx_run(t, cmd_case, "case", "show", "NOPE-1", NULL),
			 1);
	assert_non_null(strstr(t->err, "'NOPE-1'"));
	assert_int_equal(
		tctx_run(t, cmd_case, "case", "show", f->ref, "x", NULL), 2);
	assert_int_equal(tctx_journal(t), journal);
}

static void
test_help_everywhere(void **state)
{
	static const char *const subs[] = {"create",	   "list",
					   "show",	   "add-person",
					   "add-relation", "add-incident"};
	struct fixture *f = *state;
	struct tctx *t = &f->t;
	char expect[80];
	size_t i;

	for (i = 0; i < sizeof(subs) / sizeof(subs[0]); i++) {
		assert_int_equal(
			tctx_run(t, cmd_case, "case", subs[i], "--help", NULL),
			0);
		snprintf(expect, sizeof(expect), "Gebruik: casustafel case %s",
			 subs[i]);
		assert_non_null(strstr(t->out, expect));
	}
	assert_int_equal(tctx_run(t, cmd_case, "case", "--help", NULL), 0);
	assert_non_null(strstr(t->out, "add-incident"));
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test_setup_teardown(test_create_json_and_list,
						setup, teardown),
		cmocka_unit_test_setup_teardown(test_relation_incident_and_show,
						setup, teardown),
		cmocka_unit_test_setup_teardown(test_refusals_write_nothing,
						setup, teardown),
		cmocka_unit_test_setup_teardown(test_help_everywhere, setup,
						teardown),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
