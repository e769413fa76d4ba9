/*
 * test_instrument.c - the instrument loader's refusals (each with its JSON
 * path), the rating rules (RiHG: two 'high' in one part indicate an order,
 * PRODUCT.md "Process 1"; the Veilig Huis checklist low/medium/high, seed
 * 002), three-valued weighing of unknowns, and the two shipped files.
 * CT_INSTRUMENTS_DIR (set by meson) points at data/instruments.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <cmocka.h>

#include "core/instrument.h"
#include "core/vocab.h"

/* A small valid instrument: parts P and Q, signals rated high/med/low. */
static const char base_json[] =
	"{\"format\":\"casustafel-instrument/1\",\"id\":\"t\",\"version\":\"1\","
	"\"title\":\"T\",\"description\":\"d\",\"sources\":[\"s\"],"
	"\"scales\":[{\"id\":\"yn\",\"values\":[{\"code\":\"yes\",\"label\":"
	"\"Ja\"},{\"code\":\"no\",\"label\":\"Nee\"},{\"code\":\"unknown\","
	"\"label\":\"?\",\"unknown\":true}]},{\"id\":\"hml\",\"values\":["
	"{\"code\":\"high\",\"label\":\"H\"},{\"code\":\"medium\",\"label\":"
	"\"M\"},{\"code\":\"low\",\"label\":\"L\"}]}],"
	"\"parts\":[{\"id\":\"P\",\"title\":\"p\",\"signals\":["
	"{\"id\":\"P1\",\"text\":\"x\",\"rating_scale\":\"hml\",\"items\":["
	"{\"id\":\"P1.1\",\"text\":\"i\",\"scale\":\"yn\"}]},"
	"{\"id\":\"P2\",\"text\":\"x\",\"rating_scale\":\"hml\",\"items\":[]},"
	"{\"id\":\"P3\",\"text\":\"x\",\"rating_scale\":\"hml\",\"items\":[]}"
	"]},{\"id\":\"Q\",\"title\":\"q\",\"signals\":["
	"{\"id\":\"Q1\",\"text\":\"x\",\"rating_scale\":\"hml\",\"items\":[]},"
	"{\"id\":\"Q2\",\"text\":\"x\",\"rating_scale\":\"hml\",\"items\":[]}"
	"]}],\"outcomes\":[{\"code\":\"indicated\",\"label\":\"Ja\",\"rule\":"
	"\"r\",\"when\":{\"signals_rated\":\"high\",\"at_least\":2,"
	"\"within_one_part\":true}},{\"code\":\"not_indicated\",\"label\":"
	"\"Nee\",\"rule\":\"r\",\"when\":{\"always\":true}}]}";

static struct instrument *
load_ok(const char *text)
{
	struct instrument *ins = NULL;
	struct ct_problems p;
	size_t i;

	ct_problems_init(&p);
	if (instrument_parse(text, strlen(text), &ins, &p) != CT_OK) {
		for (i = 0; i < p.count; i++)
			fprintf(stderr, "%s: %s\n", p.items[i].field,
				p.items[i].message);
		fail();
	}
	assert_false(ct_problems_any(&p));
	return ins;
}

/* base_json with `from` replaced by `to` must be refused naming field. */
static void
refused(const char *from, const char *to, const char *field,
	const char *needle)
{
	const char *at = strstr(base_json, from);
	struct instrument *ins = NULL;
	struct ct_problems p;
	char text[8192];
	size_t i;
	int found = 0;

	assert_non_null(at);
	snprintf(text, sizeof(text), "%.*s%s%s", (int)(at - base_json),
		 base_json, to, at + strlen(from));
	ct_problems_init(&p);
	assert_int_equal(instrument_parse(text, strlen(text), &ins, &p),
			 CT_ERR_INVALID);
	assert_null(ins);
	for (i = 0; i < p.count; i++)
		if (strcmp(p.items[i].field, field) == 0 &&
		    (!needle || strstr(p.items[i].message, needle)))
			found = 1;
	if (!found) {
		for (i = 0; i < p.count; i++)
			fprintf(stderr, "got %s: %s\n", p.items[i].field,
				p.items[i].message);
		fail_msg("no problem at %s", field);
	}
}

static void
test_base_loads(void **state)
{
	struct instrument *ins = load_ok(base_json);

	(void)state;
	assert_string_equal(ins->id, "t");
	assert_int_equal(ins->n_parts, 2);
	assert_int_equal(ins->n_signals, 5);
	assert_int_equal(ins->n_items, 1);
	assert_int_equal(ins->n_outcomes, 2);
	assert_int_equal(ins->parts[1].first_signal, 3);
	assert_int_equal(instrument_signal_index(ins, "Q2"), 4);
	assert_int_equal(instrument_item_index(ins, "P1.1"), 0);
	assert_int_equal(ins->n_rating_codes, 3);
	assert_int_equal(ins->assessor_roles, 0);
	assert_true(instrument_may_assess(ins, 0));
	instrument_free(ins);
}

static void
test_refusals(void **state)
{
	(void)state;
	refused("\"title\":\"T\",", "\"title\":\"T\",\"colour\":1,", "colour",
		"onbekend veld");
	refused("\"title\":\"T\",", "", "title", "ontbreekt");
	refused("casustafel-instrument/1", "casustafel-instrument/9",
		"format", NULL);
	refused("\"id\":\"t\"", "\"id\":\"t t\"", "id", NULL);
	refused("\"sources\":[\"s\"]", "\"sources\":[]", "sources", NULL);
	/* duplicate ids across parts, signals and items */
	refused("{\"id\":\"Q2\"", "{\"id\":\"P1\"", "parts[1].signals[1].id",
		"twee keer");
	refused("\"id\":\"P1.1\"", "\"id\":\"P\"",
		"parts[0].signals[0].items[0].id", "twee keer");
	/* a rule referring to an unknown signal, part or code */
	refused("\"within_one_part\":true", "\"signals\":[\"Z9\"]",
		"outcomes[0].when.signals[0]", "niet bestaat");
	refused("\"within_one_part\":true", "\"part\":\"Z\"",
		"outcomes[0].when.part", "bestaat niet");
	refused("\"signals_rated\":\"high\"", "\"signals_rated\":\"red\"",
		"outcomes[0].when.signals_rated", NULL);
	refused("\"at_least\":2", "\"at_least\":0", "outcomes[0].when.at_least",
		NULL);
	refused("\"when\":{\"always\":true}",
		"\"when\":{\"signals_rated\":\"low\",\"at_least\":1}",
		"outcomes[1].when", "laatste");
	refused("{\"code\":\"not_indicated\"", "{\"code\":\"indicated\"",
		"outcomes[1]", "twee keer");
	/* bad scales */
	refused("\"scale\":\"yn\"", "\"scale\":\"abc\"",
		"parts[0].signals[0].items[0].scale", "bestaat niet");
	refused("{\"code\":\"medium\"", "{\"code\":\"high\"",
		"scales[1].values[1]", "twee keer");
	refused("{\"id\":\"hml\",\"values\":[{\"code\":\"high\",\"label\":"
		"\"H\"},{\"code\":\"medium\",\"label\":\"M\"},",
		"{\"id\":\"hml\",\"values\":[", "scales[1].values",
		"elementen");
	refused("{\"id\":\"hml\"", "{\"id\":\"yn\"", "scales[1]", "twee keer");
	refused("\"unknown\":true", "\"unknown\":1", "scales[0].values[2].unknown",
		NULL);
	/* a signal with nothing to fill in */
	refused("\"rating_scale\":\"hml\",\"items\":[]}]}",
		"\"items\":[]}]}", "parts[0].signals[2]", "niets in te vullen");
	refused("\"sources\":[\"s\"]",
		"\"sources\":[\"s\"],\"assessor_roles\":[\"king\"]",
		"assessor_roles[0]", NULL);
}

static void
test_not_json(void **state)
{
	struct instrument *ins = NULL;
	struct ct_problems p;

	(void)state;
	ct_problems_init(&p);
	assert_int_equal(instrument_parse("{\"a\":1,\"a\":2}", 13, &ins, &p),
			 CT_ERR_INVALID);
	assert_string_equal(p.items[0].field, "(document)");
	ct_problems_init(&p);
	assert_int_equal(instrument_parse("[]", 2, &ins, &p), CT_ERR_INVALID);
	ct_problems_init(&p);
	assert_int_equal(instrument_parse("{}", INSTRUMENT_FILE_MAX + 1, &ins,
					  &p),
			 CT_ERR_LIMIT);
	assert_null(ins);
}

/* Set ratings "P1=high,Q1=low" etc. and rate. */
static void
rate(const struct instrument *ins, const char *const *pairs,
     struct instrument_result *r)
{
	struct instrument_answers a;
	struct ct_problems p;
	json_t *j = json_pack("{s:{},s:{}}", "items", "signals");
	json_t *sig = json_object_get(j, "signals");

	for (; *pairs; pairs += 2)
		json_object_set_new(sig, pairs[0], json_string(pairs[1]));
	ct_problems_init(&p);
	assert_int_equal(instrument_answers_from_json(ins, j, "answers", &a,
						      &p),
			 0);
	json_decref(j);
	instrument_rate(ins, &a, r);
}

static void
test_two_high_in_one_part(void **state)
{
	struct instrument *ins = load_ok(base_json);
	static const char *const all[] = {"P1", "high", "P2", "high", "P3",
					  "low", "Q1", "low", "Q2", "low",
					  NULL};
	struct instrument_result r;

	(void)state;
	rate(ins, all, &r);
	assert_true(r.determined);
	assert_string_equal(ins->outcomes[r.outcome].code, "indicated");
	assert_int_equal(r.parts[0].rating_counts[0], 2); /* high in P */
	assert_int_equal(r.parts[1].rating_counts[2], 2); /* low in Q */
	assert_non_null(strstr(r.because, "deel P: 2"));
	instrument_free(ins);
}

static void
test_highs_spread_not_indicated(void **state)
{
	struct instrument *ins = load_ok(base_json);
	static const char *const spread[] = {"P1", "high", "P2", "medium",
					     "P3", "low", "Q1", "high", "Q2",
					     "low", NULL};
	struct instrument_result r;

	(void)state;
	rate(ins, spread, &r);
	assert_true(r.determined);
	assert_string_equal(ins->outcomes[r.outcome].code, "not_indicated");
	assert_int_equal(r.parts[0].rating_counts[0], 1);
	assert_int_equal(r.parts[1].rating_counts[0], 1);
	instrument_free(ins);
}

static void
test_unknowns(void **state)
{
	struct instrument *ins = load_ok(base_json);
	/* P3 unrated: P could still reach two highs. */
	static const char *const open[] = {"P1", "high", "P2", "low", "Q1",
					   "low", "Q2", "low", NULL};
	/* Two highs known: unknowns elsewhere do not matter. */
	static const char *const early[] = {"Q1", "high", "Q2", "high", NULL};
	/* Unrated signals that cannot change the answer. */
	static const char *const closed[] = {"P1", "low", "P2", "low", "Q1",
					     "low", NULL};
	struct instrument_result r;
	json_t *j;

	(void)state;
	rate(ins, open, &r);
	assert_false(r.determined);
	assert_int_equal(r.outcome, -1);
	assert_int_equal(r.parts[0].unrated, 1);
	assert_non_null(strstr(r.because, "Nog niet te bepalen"));
	j = instrument_result_to_json(ins, &r);
	assert_true(json_is_null(json_object_get(j, "outcome")));
	json_decref(j);

	rate(ins, early, &r);
	assert_true(r.determined);
	assert_string_equal(ins->outcomes[r.outcome].code, "indicated");

	/* P3 and Q2 unrated, but neither part can reach two highs. */
	rate(ins, closed, &r);
	assert_true(r.determined);
	assert_string_equal(ins->outcomes[r.outcome].code, "not_indicated");
	instrument_free(ins);
}

static void
test_bad_answers_named(void **state)
{
	struct instrument *ins = load_ok(base_json);
	struct instrument_answers a;
	struct ct_problems p;
	json_t *j = json_pack("{s:{s:s,s:s},s:{s:s,s:i},s:i}", "items", "P1.1",
			      "maybe", "Z.1", "yes", "signals", "P1", "red",
			      "P2", 3, "extra", 1);

	(void)state;
	ct_problems_init(&p);
	assert_int_equal(instrument_answers_from_json(ins, j, "answers", &a,
						      &p),
			 5);
	assert_string_equal(p.items[0].field, "answers.extra");
	assert_string_equal(p.items[1].field, "answers.items.P1.1");
	assert_string_equal(p.items[2].field, "answers.items.Z.1");
	assert_string_equal(p.items[3].field, "answers.signals.P1");
	assert_string_equal(p.items[4].field, "answers.signals.P2");
	json_decref(j);
	instrument_free(ins);
}

static void
test_answers_round_trip(void **state)
{
	struct instrument *ins = load_ok(base_json);
	struct instrument_answers a, b;
	struct ct_problems p;
	json_t *j = json_pack("{s:{s:s},s:{s:s}}", "items", "P1.1", "unknown",
			      "signals", "Q2", "medium");
	json_t *back;

	(void)state;
	ct_problems_init(&p);
	assert_int_equal(instrument_answers_from_json(ins, j, "a", &a, &p), 0);
	back = instrument_answers_to_json(ins, &a);
	assert_true(json_equal(j, back));
	assert_int_equal(instrument_answers_from_json(ins, back, "a", &b, &p),
			 0);
	assert_memory_equal(&a, &b, sizeof(a));
	json_decref(back);
	json_decref(j);
	instrument_free(ins);
}

static char *
read_data(const char *name, size_t *len)
{
	const char *dir = getenv("CT_INSTRUMENTS_DIR");
	char path[1024];
	char *buf = malloc(INSTRUMENT_FILE_MAX + 1);
	FILE *f;

	assert_non_null(dir);
	assert_non_null(buf);
	snprintf(path, sizeof(path), "%s/%s", dir, name);
	f = fopen(path, "rb");
	assert_non_null(f);
	*len = fread(buf, 1, INSTRUMENT_FILE_MAX + 1, f);
	fclose(f);
	assert_true(*len <= INSTRUMENT_FILE_MAX);
	return buf;
}

static struct instrument *
load_shipped(const char *name)
{
	struct instrument *ins = NULL;
	struct ct_problems p;
	size_t len, i;
	char *text = read_data(name, &len);

	ct_problems_init(&p);
	if (instrument_parse(text, len, &ins, &p)) {
		for (i = 0; i < p.count; i++)
			fprintf(stderr, "%s: %s: %s\n", name,
				p.items[i].field, p.items[i].message);
		fail();
	}
	free(text);
	return ins;
}

static void
test_shipped_rihg(void **state)
{
	struct instrument *ins = load_shipped("rihg-structuur.json");
	struct instrument_answers a;
	struct instrument_result r;
	size_t i;

	(void)state;
	/* PRODUCT.md "Process 1": 20 signals in three parts, rated. */
	assert_string_equal(ins->id, "rihg-structuur");
	assert_int_equal(ins->n_parts, 3);
	assert_int_equal(ins->n_signals, 20);
	for (i = 0; i < ins->n_signals; i++) {
		assert_non_null(ins->signals[i].rating_scale);
		assert_true(ins->signals[i].n_items > 0);
	}
	/* seed 001 ch. 3: the HOvJ fills it in. */
	assert_true(instrument_may_assess(ins, 1u << USER_ROLE_HOVJ));
	assert_false(
		instrument_may_assess(ins, 1u << USER_ROLE_POLICE_OFFICER));
	/* The Besluit's annex limits what the mayor weighs: a note. */
	assert_true(ins->n_notes > 0);
	assert_non_null(strstr(ins->notes[0], "Besluit tijdelijk huisverbod"));

	instrument_answers_init(&a);
	for (i = 0; i < ins->n_signals; i++)
		a.signal[i] = 2; /* low */
	a.signal[0] = a.signal[3] = 0; /* A1, A4 high */
	instrument_rate(ins, &a, &r);
	assert_string_equal(ins->outcomes[r.outcome].code, "indicated");
	a.signal[3] = 2;
	a.signal[ins->parts[1].first_signal] = 0; /* B1 high */
	a.signal[ins->parts[2].first_signal] = 0; /* C1 high */
	instrument_rate(ins, &a, &r);
	assert_true(r.determined);
	assert_string_equal(ins->outcomes[r.outcome].code, "not_indicated");
	instrument_free(ins);
}

static void
test_shipped_checklist(void **state)
{
	struct instrument *ins = load_shipped("veilig-huis-eerstelijn.json");
	static const char *const low[] = {"R1", "low", "R2", "low", "R3",
					  "low", "R4", "low", "R5", "low",
					  "R6", "low", NULL};
	static const char *const medium[] = {"R1", "medium", "R2", "low",
					     "R3", "low", "R4", "low", "R5",
					     "low", "R6", "low", NULL};
	static const char *const high[] = {"R4", "high", NULL};
	struct instrument_result r;

	(void)state;
	rate(ins, low, &r);
	assert_string_equal(ins->outcomes[r.outcome].code, "low");
	rate(ins, medium, &r);
	assert_string_equal(ins->outcomes[r.outcome].code, "medium");
	/* one high group decides even with the rest unrated */
	rate(ins, high, &r);
	assert_string_equal(ins->outcomes[r.outcome].code, "high");
	instrument_free(ins);
}

static void
test_set_newest_version(void **state)
{
	struct instrument_set s;
	struct ct_error err;
	struct instrument *v1 = load_ok(base_json), *v2, *dup;
	char text[8192];
	const char *at = strstr(base_json, "\"version\":\"1\"");

	(void)state;
	snprintf(text, sizeof(text), "%.*s\"version\":\"1.10\"%s",
		 (int)(at - base_json), base_json, at + 13);
	v2 = load_ok(text);
	dup = load_ok(base_json);
	instrument_set_init(&s);
	assert_int_equal(instrument_set_add(&s, v1, &err), CT_OK);
	assert_int_equal(instrument_set_add(&s, v2, &err), CT_OK);
	assert_int_equal(instrument_set_add(&s, dup, &err), CT_ERR_EXISTS);
	assert_ptr_equal(instrument_set_find(&s, "t", NULL), v2);
	assert_ptr_equal(instrument_set_find(&s, "t", "1"), v1);
	assert_null(instrument_set_find(&s, "t", "2"));
	assert_null(instrument_set_find(&s, "x", NULL));
	instrument_set_release(&s);
}

static void
test_to_json_reloads(void **state)
{
	struct instrument *ins = load_shipped("rihg-structuur.json"), *again;
	json_t *j = instrument_to_json(ins);
	char *text;

	(void)state;
	text = json_dumps(j, JSON_COMPACT);
	json_decref(j);
	assert_non_null(text);
	again = load_ok(text);
	assert_int_equal(again->n_signals, ins->n_signals);
	assert_int_equal(again->assessor_roles, ins->assessor_roles);
	free(text);
	instrument_free(again);
	instrument_free(ins);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_base_loads),
		cmocka_unit_test(test_refusals),
		cmocka_unit_test(test_not_json),
		cmocka_unit_test(test_two_high_in_one_part),
		cmocka_unit_test(test_highs_spread_not_indicated),
		cmocka_unit_test(test_unknowns),
		cmocka_unit_test(test_bad_answers_named),
		cmocka_unit_test(test_answers_round_trip),
		cmocka_unit_test(test_shipped_rihg),
		cmocka_unit_test(test_shipped_checklist),
		cmocka_unit_test(test_set_newest_version),
		cmocka_unit_test(test_to_json_reloads),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
