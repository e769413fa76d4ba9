/*
 * security_test.h - fixtures for the tests of issue 3's store files
 * (login security, sessions, tokens, teams, break-the-glass, access log):
 * users, a second organisation, and reading the journal's newest entry.
 * Include after store_test.h.
 */
#ifndef CT_TEST_SECURITY_TEST_H
#define CT_TEST_SECURITY_TEST_H

#include "store/access_log.h"
#include "store/store_auth.h"
#include "store/store_team.h"

/* A user of org_id named username; its id into out. */
static inline void
test_user_add(struct store_fixture *f, const char *org_id, const char *username,
	      char out[CT_UUID_SIZE])
{
	struct ct_error err;
	struct user u;

	memset(&u, 0, sizeof(u));
	snprintf(u.org_id, sizeof(u.org_id), "%s", org_id);
	u.username = username;
	u.display_name = "Test Gebruiker";
	u.roles = CT_BIT(USER_ROLE_POLICE_OFFICER);
	u.active = 1;
	assert_int_equal(
		store_user_create(f->st, &f->who, &u, "$argon2id$x", &err),
		CT_OK);
	snprintf(out, CT_UUID_SIZE, "%s", u.id);
}

/* Another organisation named name; its id into out. */
static inline void
test_org_add(struct store_fixture *f, const char *name, char out[CT_UUID_SIZE])
{
	struct ct_error err;
	struct org o;

	test_org_init(&o, name);
	o.type = ORG_TYPE_CAW;
	assert_int_equal(store_org_create(f->st, &f->who, &o, &err), CT_OK);
	snprintf(out, CT_UUID_SIZE, "%s", o.id);
}

/* Number of journal entries with this action (and entity id, if given). */
static inline int64_t
test_journal_count(struct store_fixture *f, const char *action,
		   const char *entity_id)
{
	char sql[512];

	if (entity_id)
		snprintf(sql, sizeof(sql),
			 "SELECT count(*) FROM journal WHERE action = '%s' "
			 "AND entity_id = '%s'",
			 action, entity_id);
	else
		snprintf(sql, sizeof(sql),
			 "SELECT count(*) FROM journal WHERE action = '%s'",
			 action);
	return test_raw_count(f->path, sql);
}

/* 1 when any journal text contains needle (secrets must never). */
static inline int
test_journal_contains(struct store_fixture *f, const char *needle)
{
	char sql[512];

	snprintf(sql, sizeof(sql),
		 "SELECT count(*) FROM journal WHERE "
		 "coalesce(before_json, '') LIKE '%%%s%%' OR "
		 "coalesce(after_json, '') LIKE '%%%s%%'",
		 needle, needle);
	return test_raw_count(f->path, sql) > 0;
}

/* The journal's chain still verifies. */
static inline void
test_verifies(struct store_fixture *f)
{
	struct store_verify_result res;
	struct ct_error err;

	assert_int_equal(store_journal_verify(f->st, &res, NULL, NULL, &err),
			 CT_OK);
	assert_int_equal(res.first_broken, 0);
}

#endif
