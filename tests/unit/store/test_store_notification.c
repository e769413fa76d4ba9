/*
 * test_store_notification.c - notifications: mail pending only for an
 * organisation with an address, the list of an organisation and of one
 * user, marking read (and not someone else's), and the mail's life:
 * leased once, retried after a failure at the time given, given up, sent.
 * Runs on SQLite, and on PostgreSQL with CASUSTAFEL_TEST_PG.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>

#include "store_test.h"
#include "security_test.h"
#include "store/store_notification.h"

static void
note_init(struct notification *n, const char *org_id, const char *title)
{
	memset(n, 0, sizeof(*n));
	snprintf(n->org_id, sizeof(n->org_id), "%s", org_id);
	n->kind = "task.due";
	n->title = title;
	n->body = "Termijn vandaag.";
}

static void
test_add_and_list(void **state)
{
	struct notification n, *list = NULL;
	struct store_notification_filter flt;
	char quiet[CT_UUID_SIZE];
	struct store_fixture f;
	struct ct_error err;
	struct user u;
	struct org o;
	size_t cnt = 0, total = 0;

	(void)state;
	test_open(&f, 1);
	/* An organisation without an address gets no mail. */
	test_org_init(&o, "Gemeente Zonder Post");
	o.email = NULL;
	assert_int_equal(store_org_create(f.st, &f.who, &o, &err), CT_OK);
	snprintf(quiet, sizeof(quiet), "%s", o.id);
	note_init(&n, quiet, "Een");
	assert_int_equal(store_notification_add(f.st, &n, 1, &err), CT_OK);
	assert_int_equal(n.email_status, NOTIFICATION_EMAIL_NONE);

	note_init(&n, f.org.id, "Twee");
	snprintf(n.case_id, sizeof(n.case_id), "%s", f.kase.id);
	assert_int_equal(store_notification_add(f.st, &n, 1, &err), CT_OK);
	assert_int_equal(n.email_status, NOTIFICATION_EMAIL_PENDING);
	assert_int_equal(n.email_next_at, TEST_NOW);
	f.now += 10;
	note_init(&n, f.org.id, "Drie, zonder mail");
	assert_int_equal(store_notification_add(f.st, &n, 0, &err), CT_OK);
	assert_int_equal(n.email_status, NOTIFICATION_EMAIL_NONE);
	/* One for one user only. */
	memset(&u, 0, sizeof(u));
	snprintf(u.org_id, sizeof(u.org_id), "%s", f.org.id);
	u.username = "agent";
	u.display_name = "Agent";
	u.roles = CT_BIT(USER_ROLE_POLICE_OFFICER);
	u.active = 1;
	assert_int_equal(store_user_create(f.st, &f.who, &u, NULL, &err),
			 CT_OK);
	f.now += 10;
	note_init(&n, f.org.id, "Vier, persoonlijk");
	snprintf(n.user_id, sizeof(n.user_id), "%s", u.id);
	assert_int_equal(store_notification_add(f.st, &n, 0, &err), CT_OK);

	memset(&flt, 0, sizeof(flt));
	flt.org_id = f.org.id;
	assert_int_equal(store_notification_list(f.st, &flt, &f.a, &list, &cnt,
						 &total, &err),
			 CT_OK);
	assert_int_equal(total, 2);
	assert_string_equal(list[0].title, "Drie, zonder mail");
	assert_string_equal(list[1].title, "Twee");
	assert_string_equal(list[1].case_reference, f.kase.reference);
	flt.user_id = u.id;
	assert_int_equal(store_notification_list(f.st, &flt, &f.a, &list, &cnt,
						 &total, &err),
			 CT_OK);
	assert_int_equal(total, 3);
	assert_string_equal(list[0].title, "Vier, persoonlijk");

	/* Read: once, and only within the organisation. */
	assert_int_equal(store_notification_mark_read(f.st, quiet, NULL,
						      list[1].id, f.now, &err),
			 CT_ERR_NOTFOUND);
	assert_int_equal(store_notification_mark_read(f.st, f.org.id, NULL,
						      list[0].id, f.now, &err),
			 CT_ERR_NOTFOUND);
	assert_int_equal(store_notification_mark_read(f.st, f.org.id, u.id,
						      list[1].id, f.now, &err),
			 CT_OK);
	assert_int_equal(store_notification_mark_read(f.st, f.org.id, u.id,
						      list[1].id, f.now + 99,
						      &err),
			 CT_OK);
	flt.unread_only = 1;
	assert_int_equal(store_notification_list(f.st, &flt, &f.a, &list, &cnt,
						 &total, &err),
			 CT_OK);
	assert_int_equal(total, 2);
	assert_int_equal(test_raw_count(f.path, "SELECT max(read_at) FROM "
						"notifications"),
			 f.now);
	/* Bad input: every problem, nothing written. */
	note_init(&n, "nope", "");
	assert_int_equal(store_notification_add(f.st, &n, 1, &err),
			 CT_ERR_INVALID);
	assert_non_null(strstr(err.message, "org_id"));
	assert_non_null(strstr(err.message, "title"));
	assert_int_equal(
		test_raw_count(f.path, "SELECT count(*) FROM notifications"),
		4);
	test_close(&f);
}

static void
test_mail_lease_retry_and_give_up(void **state)
{
	struct notification_mail *m = NULL;
	struct store_fixture f;
	struct notification n;
	struct ct_error err;
	char id[CT_UUID_SIZE];
	size_t cnt = 0;

	(void)state;
	test_open(&f, 1);
	note_init(&n, f.org.id, "Termijn");
	assert_int_equal(store_notification_add(f.st, &n, 1, &err), CT_OK);
	snprintf(id, sizeof(id), "%s", n.id);
	assert_int_equal(store_notification_claim_mail(f.st, TEST_NOW, 300, 10,
						       &f.a, &m, &cnt, &err),
			 CT_OK);
	assert_int_equal(cnt, 1);
	assert_string_equal(m[0].to, "wijk@politie.example");
	assert_string_equal(m[0].n.id, id);
	/* Leased: no one else gets it meanwhile. */
	assert_int_equal(store_notification_claim_mail(f.st, TEST_NOW + 299,
						       300, 10, &f.a, &m, &cnt,
						       &err),
			 CT_OK);
	assert_int_equal(cnt, 0);
	/* The server refused: try again in a minute. */
	assert_int_equal(store_notification_mail_failed(
				 f.st, id, "SMTP 451", TEST_NOW + 60, &err),
			 CT_OK);
	assert_int_equal(store_notification_claim_mail(f.st, TEST_NOW + 59,
						       300, 10, &f.a, &m, &cnt,
						       &err),
			 CT_OK);
	assert_int_equal(cnt, 0);
	assert_int_equal(store_notification_claim_mail(f.st, TEST_NOW + 60,
						       300, 10, &f.a, &m, &cnt,
						       &err),
			 CT_OK);
	assert_int_equal(cnt, 1);
	assert_int_equal(m[0].n.email_attempts, 1);
	assert_string_equal(m[0].n.email_error, "SMTP 451");
	/* Accepted: sent, never again. */
	assert_int_equal(
		store_notification_mail_sent(f.st, id, TEST_NOW + 61, &err),
		CT_OK);
	assert_int_equal(store_notification_claim_mail(f.st, TEST_NOW + 9999,
						       300, 10, &f.a, &m, &cnt,
						       &err),
			 CT_OK);
	assert_int_equal(cnt, 0);
	assert_int_equal(test_raw_count(f.path, "SELECT email_attempts FROM "
						"notifications"),
			 2);
	assert_int_equal(test_raw_count(f.path, "SELECT email_sent_at FROM "
						"notifications"),
			 TEST_NOW + 61);

	/* Given up: failed, the in-app item stays. */
	note_init(&n, f.org.id, "Nog een");
	assert_int_equal(store_notification_add(f.st, &n, 1, &err), CT_OK);
	assert_int_equal(
		store_notification_mail_failed(f.st, n.id, "weg", 0, &err),
		CT_OK);
	assert_int_equal(test_raw_count(f.path, "SELECT count(*) FROM "
						"notifications WHERE "
						"email_status = 'failed'"),
			 1);
	assert_int_equal(store_notification_mail_sent(
				 f.st, "00000000-0000-4000-8000-000000000000",
				 TEST_NOW, &err),
			 CT_ERR_NOTFOUND);
	/* The address removed after the fact: failed, not handed out. */
	note_init(&n, f.org.id, "Derde");
	assert_int_equal(store_notification_add(f.st, &n, 1, &err), CT_OK);
	test_raw_sql(f.path, "UPDATE orgs SET email = NULL");
	assert_int_equal(store_notification_claim_mail(f.st, TEST_NOW + 5, 300,
						       10, &f.a, &m, &cnt,
						       &err),
			 CT_OK);
	assert_int_equal(cnt, 0);
	assert_int_equal(test_raw_count(f.path, "SELECT count(*) FROM "
						"notifications WHERE "
						"email_status = 'failed'"),
			 2);
	test_close(&f);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_add_and_list),
		cmocka_unit_test(test_mail_lease_retry_and_give_up),
	};

	if (ct_crypto_init() != CT_OK)
		return 1;
	return cmocka_run_group_tests(tests, NULL, NULL);
}
