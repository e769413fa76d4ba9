/*
 * fuzz_instrument.c - core/instrument.h's instrument_parse on arbitrary
 * bytes, and the answers reader and rating on what it accepts.
 *
 * The first byte selects how the rest is used: bit 0 clear, the bytes
 * are an instrument file; set, the instrument is the fixed one below
 * and the bytes are an answers document. Contract checked: a refusal
 * returns CT_ERR_INVALID (or CT_ERR_LIMIT past INSTRUMENT_FILE_MAX) with
 * at least one problem and no instrument; an accepted instrument writes
 * out (instrument_to_json) and parses back with the same counts; answers
 * are read with problems or fully, and the result of rating has an
 * outcome exactly when it is determined, inside the outcome table.
 */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "core/instrument.h"
#include "fuzz.h"
#include "util/banned.h"

static const char fixed[] =
	"{\"format\":\"casustafel-instrument/1\",\"id\":\"f\",\"version\":\"1\","
	"\"title\":\"F\",\"description\":\"d\",\"sources\":[\"s\"],"
	"\"scales\":[{\"id\":\"yn\",\"values\":[{\"code\":\"yes\",\"label\":"
	"\"J\"},{\"code\":\"no\",\"label\":\"N\"},{\"code\":\"unknown\","
	"\"label\":\"?\",\"unknown\":true}]},{\"id\":\"hml\",\"values\":["
	"{\"code\":\"high\",\"label\":\"H\"},{\"code\":\"low\",\"label\":"
	"\"L\"}]}],\"parts\":[{\"id\":\"A\",\"title\":\"a\",\"signals\":["
	"{\"id\":\"A1\",\"text\":\"x\",\"rating_scale\":\"hml\",\"items\":["
	"{\"id\":\"A1.1\",\"text\":\"i\",\"scale\":\"yn\"}]},{\"id\":\"A2\","
	"\"text\":\"x\",\"rating_scale\":\"hml\",\"items\":[]}]}],"
	"\"outcomes\":[{\"code\":\"y\",\"label\":\"Y\",\"rule\":\"r\",\"when\":"
	"{\"signals_rated\":\"high\",\"at_least\":2,\"within_one_part\":true}},"
	"{\"code\":\"n\",\"label\":\"N\",\"rule\":\"r\",\"when\":{\"always\":"
	"true}}]}";

static void
rate_and_check(const struct instrument *ins, const struct instrument_answers *a)
{
	struct instrument_result r;
	json_t *j;

	instrument_rate(ins, a, &r);
	FUZZ_CHECK(r.determined ? (r.outcome >= 0 &&
				   (size_t)r.outcome < ins->n_outcomes)
				: r.outcome == -1);
	FUZZ_CHECK(memchr(r.because, '\0', sizeof(r.because)) != NULL);
	j = instrument_result_to_json(ins, &r);
	FUZZ_CHECK(j != NULL);
	json_decref(j);
}

static void
fuzz_file(const char *text, size_t len)
{
	struct instrument *ins = NULL, *again = NULL;
	struct instrument_answers a;
	struct ct_problems p;
	enum ct_err rc;
	json_t *j;
	char *out;

	ct_problems_init(&p);
	rc = instrument_parse(text, len, &ins, &p);
	if (rc) {
		FUZZ_CHECK(rc == CT_ERR_INVALID || rc == CT_ERR_LIMIT);
		FUZZ_CHECK(ins == NULL && ct_problems_any(&p));
		return;
	}
	FUZZ_CHECK(ins != NULL && !ct_problems_any(&p));
	FUZZ_CHECK(ins->n_outcomes > 0 && ins->n_parts > 0);
	j = instrument_to_json(ins);
	out = json_dumps(j, JSON_COMPACT);
	json_decref(j);
	FUZZ_CHECK(out != NULL);
	FUZZ_CHECK(instrument_parse(out, strlen(out), &again, &p) == CT_OK);
	FUZZ_CHECK(again->n_signals == ins->n_signals &&
		   again->n_items == ins->n_items &&
		   again->n_outcomes == ins->n_outcomes);
	free(out);
	instrument_answers_init(&a);
	rate_and_check(ins, &a);
	instrument_free(again);
	instrument_free(ins);
}

static void
fuzz_answers(const char *text, size_t len)
{
	struct instrument *ins = NULL;
	struct instrument_answers a;
	struct ct_problems p;
	json_t *j;
	size_t n;

	ct_problems_init(&p);
	FUZZ_CHECK(instrument_parse(fixed, strlen(fixed), &ins, &p) == CT_OK);
	j = json_loadb(text, len, JSON_REJECT_DUPLICATES, NULL);
	if (j) {
		n = instrument_answers_from_json(ins, j, "answers", &a, &p);
		FUZZ_CHECK((n > 0) == ct_problems_any(&p));
		if (!n)
			rate_and_check(ins, &a);
		json_decref(j);
	}
	instrument_free(ins);
}

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	if (size < 1)
		return 0;
	if (data[0] & 1)
		fuzz_answers((const char *)data + 1, size - 1);
	else
		fuzz_file((const char *)data + 1, size - 1);
	return 0;
}
