/*
 * test_totp.c - RFC 6238 vectors, base32, the enrolment URI, and the
 * verification window with replay refusal.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <string.h>
#include <cmocka.h>

#include "util/crypto.h"
#include "util/totp.h"

/* RFC 6238 appendix B: the SHA1 seed. */
static const unsigned char rfc_secret[] = "12345678901234567890";
#define RFC_LEN 20

static void
test_rfc6238_vectors(void **state)
{
	static const struct {
		int64_t t;
		const char *code8;
	} v[] = {
		{59, "94287082"},	  {1111111109, "07081804"},
		{1111111111, "14050471"}, {1234567890, "89005924"},
		{2000000000, "69279037"}, {20000000000, "65353130"},
	};
	char out[TOTP_CODE_SIZE];
	size_t i;

	(void)state;
	for (i = 0; i < sizeof(v) / sizeof(v[0]); i++) {
		assert_int_equal(totp_code_at_step(rfc_secret, RFC_LEN,
						   totp_step(v[i].t), 8, out),
				 CT_OK);
		assert_string_equal(out, v[i].code8);
		/* 6 digits are the last 6 of the same truncation. */
		assert_int_equal(totp_code_at_step(rfc_secret, RFC_LEN,
						   totp_step(v[i].t), 6, out),
				 CT_OK);
		assert_string_equal(out, v[i].code8 + 2);
	}
}

static void
test_code_bad_arguments(void **state)
{
	char out[TOTP_CODE_SIZE];

	(void)state;
	assert_int_equal(totp_code_at_step(rfc_secret, RFC_LEN, 1, 5, out),
			 CT_ERR_INVALID);
	assert_int_equal(totp_code_at_step(rfc_secret, RFC_LEN, 1, 9, out),
			 CT_ERR_INVALID);
	assert_int_equal(totp_code_at_step(rfc_secret, RFC_LEN, -1, 6, out),
			 CT_ERR_INVALID);
	assert_int_equal(totp_code_at_step(rfc_secret, 9, 1, 6, out),
			 CT_ERR_INVALID);
	assert_string_equal(out, "");
}

static void
test_step(void **state)
{
	(void)state;
	assert_int_equal(totp_step(0), 0);
	assert_int_equal(totp_step(29), 0);
	assert_int_equal(totp_step(30), 1);
	assert_int_equal(totp_step(59), 1);
	assert_int_equal(totp_step(-1), -1);
}

static void
test_base32_roundtrip(void **state)
{
	unsigned char secret[TOTP_SECRET_BYTES];
	unsigned char back[TOTP_SECRET_MAX_BYTES];
	char text[TOTP_SECRET_B32_SIZE];
	size_t len = 0;

	(void)state;
	/* RFC 4648 style: "12345678901234567890" in base32 */
	assert_int_equal(totp_secret_to_base32(rfc_secret, RFC_LEN, text),
			 CT_OK);
	assert_string_equal(text, "GEZDGNBVGY3TQOJQGEZDGNBVGY3TQOJQ");

	totp_secret_new(secret);
	assert_int_equal(totp_secret_to_base32(secret, sizeof(secret), text),
			 CT_OK);
	assert_int_equal(strlen(text), 32);
	assert_null(strchr(text, '='));
	assert_int_equal(totp_secret_from_base32(text, back, &len, NULL),
			 CT_OK);
	assert_int_equal(len, sizeof(secret));
	assert_memory_equal(back, secret, sizeof(secret));
}

static void
test_base32_retyped_and_bad(void **state)
{
	unsigned char back[TOTP_SECRET_MAX_BYTES];
	struct ct_error err;
	size_t len = 99;

	(void)state;
	/* as a user might retype it: lower case */
	assert_int_equal(
		totp_secret_from_base32("gezdgnbvgy3tqojqgezdgnbvgy3tqojq",
					back, &len, NULL),
		CT_OK);
	assert_int_equal(len, RFC_LEN);
	assert_memory_equal(back, rfc_secret, RFC_LEN);

	ct_error_clear(&err);
	assert_int_equal(
		totp_secret_from_base32("GEZDGNBV!!", back, &len, &err),
		CT_ERR_INVALID);
	assert_int_equal(len, 0);
	assert_int_equal(err.code, CT_ERR_INVALID);
	assert_non_null(strstr(err.message, "base32"));
	/* valid base32 but too short a key (5 bytes) */
	assert_int_equal(totp_secret_from_base32("GEZDGNBV", back, &len, &err),
			 CT_ERR_INVALID);
	assert_int_equal(totp_secret_from_base32(NULL, back, &len, &err),
			 CT_ERR_INVALID);
	assert_int_equal(totp_secret_to_base32(rfc_secret, 5,
					       (char[TOTP_SECRET_B32_SIZE]){0}),
			 CT_ERR_INVALID);
}

static void
test_uri(void **state)
{
	struct sbuf sb;

	(void)state;
	sbuf_init(&sb, SBUF_MAX_SMALL);
	assert_int_equal(
		totp_uri(&sb, "j.jansen", "GEZDGNBVGY3TQOJQGEZDGNBVGY3TQOJQ"),
		CT_OK);
	assert_string_equal(sb.buf,
			    "otpauth://totp/Casustafel:j.jansen?secret="
			    "GEZDGNBVGY3TQOJQGEZDGNBVGY3TQOJQ&issuer=Casustafel"
			    "&algorithm=SHA1&digits=6&period=30");
	sbuf_reset(&sb);
	/* anything outside the unreserved set is percent-encoded */
	assert_int_equal(totp_uri(&sb, "a b&c:é", "GEZDGNBV"), CT_OK);
	assert_non_null(
		strstr(sb.buf, "Casustafel:a%20b%26c%3A%C3%A9?secret="));

	sbuf_reset(&sb);
	assert_int_equal(totp_uri(&sb, "", "GEZDGNBV"), CT_ERR_INVALID);
	assert_int_equal(totp_uri(&sb, "x", "gezdgnbv"), CT_ERR_INVALID);
	assert_int_equal(totp_uri(&sb, "x", "GEZ=DGNBV"), CT_ERR_INVALID);
	assert_int_equal(sb.len, 0);
	sbuf_release(&sb);

	/* a full buffer leaves out as it was */
	sbuf_init(&sb, 30);
	assert_int_equal(sbuf_addstr(&sb, "keep"), CT_OK);
	assert_int_equal(totp_uri(&sb, "j.jansen", "GEZDGNBV"), CT_ERR_LIMIT);
	assert_string_equal(sb.buf, "keep");
	sbuf_release(&sb);
}

/* The 6-digit code of the RFC secret at instant t. */
static void
code_at(int64_t t, char out[TOTP_CODE_SIZE])
{
	assert_int_equal(totp_code_at_step(rfc_secret, RFC_LEN, totp_step(t),
					   TOTP_DIGITS, out),
			 CT_OK);
}

static void
test_verify_window(void **state)
{
	const int64_t now = 1111111111; /* step 37037037 */
	const int64_t step = totp_step(now);
	char code[TOTP_CODE_SIZE];
	int64_t used = 0;

	(void)state;
	code_at(now, code);
	assert_int_equal(totp_verify(rfc_secret, RFC_LEN, code, now,
				     TOTP_NO_STEP, &used, NULL),
			 CT_OK);
	assert_int_equal(used, step);

	/* one step behind and one ahead are accepted (clock drift) */
	code_at(now - TOTP_PERIOD, code);
	assert_int_equal(totp_verify(rfc_secret, RFC_LEN, code, now,
				     TOTP_NO_STEP, &used, NULL),
			 CT_OK);
	assert_int_equal(used, step - 1);
	code_at(now + TOTP_PERIOD, code);
	assert_int_equal(totp_verify(rfc_secret, RFC_LEN, code, now,
				     TOTP_NO_STEP, &used, NULL),
			 CT_OK);
	assert_int_equal(used, step + 1);

	/* two steps away are not */
	used = 42;
	code_at(now - 2 * TOTP_PERIOD, code);
	assert_int_equal(totp_verify(rfc_secret, RFC_LEN, code, now,
				     TOTP_NO_STEP, &used, NULL),
			 CT_ERR_DENIED);
	code_at(now + 2 * TOTP_PERIOD, code);
	assert_int_equal(totp_verify(rfc_secret, RFC_LEN, code, now,
				     TOTP_NO_STEP, &used, NULL),
			 CT_ERR_DENIED);
	assert_int_equal(used, 42);
}

static void
test_verify_replay(void **state)
{
	const int64_t now = 1234567890;
	const int64_t step = totp_step(now);
	char code[TOTP_CODE_SIZE];
	struct ct_error err;
	int64_t used = 0;

	(void)state;
	code_at(now, code);
	assert_int_equal(totp_verify(rfc_secret, RFC_LEN, code, now,
				     TOTP_NO_STEP, &used, NULL),
			 CT_OK);
	/* the same code again, within its own 30 seconds: refused */
	ct_error_clear(&err);
	assert_int_equal(totp_verify(rfc_secret, RFC_LEN, code, now + 5, used,
				     &used, &err),
			 CT_ERR_DENIED);
	assert_non_null(strstr(err.message, "al gebruikt"));
	/* an older code than the last used one: refused too */
	code_at(now - TOTP_PERIOD, code);
	assert_int_equal(
		totp_verify(rfc_secret, RFC_LEN, code, now, step, &used, NULL),
		CT_ERR_DENIED);
	/* the next step's code is fresh */
	code_at(now + TOTP_PERIOD, code);
	assert_int_equal(totp_verify(rfc_secret, RFC_LEN, code,
				     now + TOTP_PERIOD, step, &used, NULL),
			 CT_OK);
	assert_int_equal(used, step + 1);
}

static void
test_verify_malformed_and_wrong(void **state)
{
	const int64_t now = 59;
	struct ct_error err;
	int64_t used = 7;

	(void)state;
	/* "287082" is right at T=59; apps show it as "287 082" */
	assert_int_equal(totp_verify(rfc_secret, RFC_LEN, "287 082", now,
				     TOTP_NO_STEP, &used, NULL),
			 CT_OK);
	assert_int_equal(used, 1);

	used = 7;
	ct_error_clear(&err);
	assert_int_equal(totp_verify(rfc_secret, RFC_LEN, "28708", now,
				     TOTP_NO_STEP, &used, &err),
			 CT_ERR_INVALID);
	assert_non_null(strstr(err.message, "6 cijfers"));
	assert_int_equal(totp_verify(rfc_secret, RFC_LEN, "2870821", now,
				     TOTP_NO_STEP, &used, NULL),
			 CT_ERR_INVALID);
	assert_int_equal(totp_verify(rfc_secret, RFC_LEN, "28708a", now,
				     TOTP_NO_STEP, &used, NULL),
			 CT_ERR_INVALID);
	assert_int_equal(totp_verify(rfc_secret, RFC_LEN, NULL, now,
				     TOTP_NO_STEP, &used, NULL),
			 CT_ERR_INVALID);
	assert_int_equal(totp_verify(rfc_secret, RFC_LEN, "287083", now,
				     TOTP_NO_STEP, &used, &err),
			 CT_ERR_DENIED);
	assert_non_null(strstr(err.message, "onjuist"));
	/* right code, other secret */
	assert_int_equal(
		totp_verify((const unsigned char *)"abcdefghijabcdefghij",
			    RFC_LEN, "287082", now, TOTP_NO_STEP, &used, NULL),
		CT_ERR_DENIED);
	assert_int_equal(used, 7);
}

static void
test_verify_near_epoch(void **state)
{
	char code[TOTP_CODE_SIZE];
	int64_t used = 5;

	(void)state;
	/* at step 0 there is no step -1 to try; step 0 still works */
	code_at(10, code);
	assert_int_equal(totp_verify(rfc_secret, RFC_LEN, code, 10,
				     TOTP_NO_STEP, &used, NULL),
			 CT_OK);
	assert_int_equal(used, 0);
	assert_int_equal(totp_verify(rfc_secret, RFC_LEN, code, -100,
				     TOTP_NO_STEP, &used, NULL),
			 CT_ERR_DENIED);
}

static int
setup(void **state)
{
	(void)state;
	if (ct_crypto_init() != CT_OK)
		return -1;
	return totp_global_init() == CT_OK ? 0 : -1;
}

static int
teardown(void **state)
{
	(void)state;
	totp_global_done();
	return 0;
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_rfc6238_vectors),
		cmocka_unit_test(test_code_bad_arguments),
		cmocka_unit_test(test_step),
		cmocka_unit_test(test_base32_roundtrip),
		cmocka_unit_test(test_base32_retyped_and_bad),
		cmocka_unit_test(test_uri),
		cmocka_unit_test(test_verify_window),
		cmocka_unit_test(test_verify_replay),
		cmocka_unit_test(test_verify_malformed_and_wrong),
		cmocka_unit_test(test_verify_near_epoch),
	};
	return cmocka_run_group_tests(tests, setup, teardown);
}
