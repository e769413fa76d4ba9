/*
 * test_api_cases.c - the case read's JSON written straight from the record
 * (api_cases_json) is byte for byte what the general path answers
 * (http_response_json of case_to_json), for every status, pattern and
 * jurisdiction and the extremes of the numbers; a text that would need
 * escaping is left to the general path.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>

#include <string.h>

#include "core/model_json.h"
#include "core/vocab.h"
#include "http/api_cases.h"
#include "http/response.h"

static void
case_make(struct ct_case *c)
{
	memset(c, 0, sizeof(*c));
	snprintf(c->id, sizeof(c->id), "%s",
		 "42d34b3b-b4a4-4ba1-b50d-33ec4aa17dc9");
	snprintf(c->reference, sizeof(c->reference), "%s", "AMS-2026-00084");
	snprintf(c->owner_org_id, sizeof(c->owner_org_id), "%s",
		 "410e9ce7-2196-4d55-bfa3-20d47cd73052");
	c->region = "AMS";
	c->jurisdiction = CT_COUNTRY_NL;
	c->status = CASE_STATUS_OPEN;
	c->pattern = PATTERN_UNKNOWN;
	c->created_at = INT64_C(1783936800);
	c->updated_at = INT64_C(1783936861);
	c->version = 1;
}

/* Both ways agree on c; 1 when the direct way wrote it. */
static int
same_as_general(const struct ct_case *c)
{
	struct http_response resp;
	struct arena a;
	size_t len = 0;
	char *direct;
	int wrote;

	arena_init(&a, ARENA_MAX_DEFAULT);
	http_response_init(&resp);
	http_response_json(&resp, &a, 200, case_to_json(c));
	direct = api_cases_json(&a, c, &len);
	wrote = direct != NULL;
	if (direct) {
		assert_int_equal(len, resp.body_len);
		assert_memory_equal(direct, resp.body, len);
		assert_int_equal(strlen(direct), len);
	}
	arena_release(&a);
	return wrote;
}

static void
test_every_code_and_extreme(void **state)
{
	static const int64_t times[] = {0, 1, INT64_C(1783936800),
					INT64_C(4102444799)};
	static const int64_t versions[] = {0, 1, 42, INT64_MAX};
	struct ct_case c;
	size_t i, j, k;

	(void)state;
	case_make(&c);
	for (i = 0; i < vocab_case_status.count; i++)
		for (j = 0; j < vocab_violence_pattern.count; j++)
			for (k = 0; k < vocab_country.count; k++) {
				c.status = (enum case_status)i;
				c.pattern = (enum violence_pattern)j;
				c.jurisdiction = (enum ct_country)k;
				assert_true(same_as_general(&c));
			}
	case_make(&c);
	for (i = 0; i < CT_ARRAY_SIZE(times); i++)
		for (j = 0; j < CT_ARRAY_SIZE(versions); j++) {
			c.created_at = times[i];
			c.updated_at = times[CT_ARRAY_SIZE(times) - 1 - i];
			c.version = versions[j];
			assert_true(same_as_general(&c));
		}
}

static void
test_text_needing_escapes_goes_the_general_way(void **state)
{
	static const char *const regions[] = {
		"A\"B", "A\\B", "A\nB", "\xc3\x89N", "A\x7f", "",
	};
	struct ct_case c;
	size_t i;

	(void)state;
	for (i = 0; i < CT_ARRAY_SIZE(regions); i++) {
		case_make(&c);
		c.region = regions[i];
		assert_false(same_as_general(&c));
	}
	/* No region, no id: case_to_json leaves them out. */
	case_make(&c);
	c.region = NULL;
	assert_false(same_as_general(&c));
	case_make(&c);
	c.reference[0] = '\0';
	assert_false(same_as_general(&c));
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_every_code_and_extreme),
		cmocka_unit_test(
			test_text_needing_escapes_goes_the_general_way),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
