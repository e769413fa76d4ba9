/*
 * test_scheduler.c - one scheduler round with a fixed clock: due and
 * overdue tasks become notifications for the responsible organisation
 * (once), their text names the case and the deadline but no person, a
 * failing SMTP server leads to retries with a doubling back-off recorded
 * in the notification and finally to "failed", never to a lost
 * notification; and the thread starts and stops.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <cmocka.h>

#include <arpa/inet.h>
#include <netinet/in.h>
#include <sys/socket.h>
#include <unistd.h>

#include "http/scheduler.h"
#include "store/store_notification.h"
#include "store/store_task.h"
#include "util/crypto.h"

#define NOW INT64_C(1783936800) /* 2026-07-13T10:00:00Z (12:00 CEST) */

struct fx {
	char dir[64];
	char path[128];
	struct store *st;
	int64_t now;
	struct arena a;
	struct store_actor who;
	struct org org;
	struct ct_case kase;
	char task_id[CT_UUID_SIZE];
};

static int64_t
clock_of(void *ctx)
{
	return *(int64_t *)ctx;
}

static void
fx_open(struct fx *f)
{
	struct ct_error err;
	struct person p;
	struct task t;

	memset(f, 0, sizeof(*f));
	snprintf(f->dir, sizeof(f->dir), "/tmp/ct-sched-test-XXXXXX");
	assert_non_null(mkdtemp(f->dir));
	snprintf(f->path, sizeof(f->path), "%s/case.db", f->dir);
	assert_int_equal(store_open(f->path, STORE_OPEN_CREATE, &f->st, &err),
			 CT_OK);
	f->now = NOW;
	store_set_clock(f->st, clock_of, &f->now);
	arena_init(&f->a, ARENA_MAX_DEFAULT);
	f->who.label = "test:tester";
	f->org.name = "Veilig Thuis Amsterdam";
	f->org.type = ORG_TYPE_VEILIG_THUIS;
	f->org.country = CT_COUNTRY_NL;
	f->org.email = "termijnen@vt.example";
	assert_int_equal(store_org_create(f->st, &f->who, &f->org, &err),
			 CT_OK);
	f->kase.jurisdiction = CT_COUNTRY_NL;
	f->kase.region = "AMS";
	snprintf(f->kase.owner_org_id, sizeof(f->kase.owner_org_id), "%s",
		 f->org.id);
	f->kase.pattern = PATTERN_UNKNOWN;
	assert_int_equal(store_case_create(f->st, &f->who, &f->kase, &err),
			 CT_OK);
	memset(&p, 0, sizeof(p));
	snprintf(p.case_id, sizeof(p.case_id), "%s", f->kase.id);
	p.given_name = "Mirjam";
	p.family_name = "Verschuren";
	p.sex = PERSON_SEX_FEMALE;
	p.roles = CT_BIT(PERSON_ROLE_VICTIM);
	assert_int_equal(store_person_add(f->st, &f->who, &p, &err), CT_OK);
	memset(&t, 0, sizeof(t));
	snprintf(t.case_id, sizeof(t.case_id), "%s", f->kase.id);
	snprintf(t.org_id, sizeof(t.org_id), "%s", f->org.id);
	t.kind = "first_contact";
	t.title = "Eerste contact met de achterblijvers";
	t.source = "order:test";
	t.rule_id = "NL.Wth.2.9";
	t.due_at = NOW + 3 * 3600;
	assert_int_equal(store_task_create(f->st, &f->who, &t, &err), CT_OK);
	snprintf(f->task_id, sizeof(f->task_id), "%s", t.id);
}

static void
fx_close(struct fx *f)
{
	store_close(f->st);
	arena_release(&f->a);
	unlink(f->path);
	snprintf(f->path, sizeof(f->path), "%s/case.db-wal", f->dir);
	unlink(f->path);
	snprintf(f->path, sizeof(f->path), "%s/case.db-shm", f->dir);
	unlink(f->path);
	rmdir(f->dir);
}

static int
closed_port(void)
{
	struct sockaddr_in a;
	socklen_t len = sizeof(a);
	int fd = socket(AF_INET, SOCK_STREAM, 0), port;

	assert_true(fd >= 0);
	memset(&a, 0, sizeof(a));
	a.sin_family = AF_INET;
	a.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
	assert_int_equal(bind(fd, (struct sockaddr *)&a, sizeof(a)), 0);
	assert_int_equal(getsockname(fd, (struct sockaddr *)&a, &len), 0);
	port = ntohs(a.sin_port);
	close(fd);
	return port;
}

static struct notification *
notes_of(struct fx *f, size_t *n)
{
	struct notification *list = NULL;
	struct ct_error err;

	assert_int_equal(store_notification_list_task(f->st, f->task_id, &f->a,
						      &list, n, &err),
			 CT_OK);
	return list;
}

static void
test_announce_once_without_personal_data(void **state)
{
	struct scheduler_config cfg;
	struct scheduler_stats stats;
	struct notification *n;
	struct ct_error err;
	struct fx f;
	size_t cnt;

	(void)state;
	fx_open(&f);
	scheduler_config_defaults(&cfg);
	memset(&stats, 0, sizeof(stats));
	/* The day before: nothing owed yet. */
	assert_int_equal(scheduler_tick(f.st, &cfg, NOW - 86400, &stats, &err),
			 CT_OK);
	assert_int_equal(stats.announced, 0);
	assert_int_equal(scheduler_tick(f.st, &cfg, NOW, &stats, &err), CT_OK);
	assert_int_equal(scheduler_tick(f.st, &cfg, NOW + 60, &stats, &err),
			 CT_OK);
	assert_int_equal(stats.announced, 1);
	n = notes_of(&f, &cnt);
	assert_int_equal(cnt, 1);
	assert_string_equal(n[0].kind, "task.due");
	assert_string_equal(n[0].org_id, f.org.id);
	assert_string_equal(n[0].title, "Termijn vandaag: Eerste contact met "
					"de achterblijvers");
	assert_non_null(strstr(n[0].body, f.kase.reference));
	assert_non_null(strstr(n[0].body, "maandag 13 juli 2026 om 15:00"));
	assert_non_null(strstr(n[0].body, "nog 3 uur"));
	assert_non_null(strstr(n[0].body, "NL.Wth.2.9"));
	assert_null(strstr(n[0].body, "Verschuren"));
	assert_null(strstr(n[0].body, "Mirjam"));
	/* Owed, though this process sends no mail (no smtp_url). */
	assert_int_equal(n[0].email_status, NOTIFICATION_EMAIL_PENDING);
	assert_int_equal(n[0].email_attempts, 0);
	/* Past the deadline: one more, overdue. */
	assert_int_equal(scheduler_tick(f.st, &cfg, NOW + 4 * 3600, &stats,
					&err),
			 CT_OK);
	assert_int_equal(stats.announced, 2);
	n = notes_of(&f, &cnt);
	assert_int_equal(cnt, 2);
	assert_string_equal(n[1].kind, "task.overdue");
	assert_non_null(strstr(n[1].body, "1 uur te laat"));
	fx_close(&f);
}

static void
test_failing_smtp_retries_then_gives_up(void **state)
{
	struct scheduler_config cfg;
	struct scheduler_stats stats;
	struct notification *n;
	struct ct_error err;
	char url[64];
	struct fx f;
	size_t cnt;
	int64_t t;

	(void)state;
	fx_open(&f);
	scheduler_config_defaults(&cfg);
	snprintf(url, sizeof(url), "smtp://127.0.0.1:%d", closed_port());
	cfg.smtp_url = url;
	cfg.smtp_from = "casustafel@test.example";
	cfg.mail_max_attempts = 3;
	cfg.mail_backoff_seconds = 60;
	assert_int_equal(scheduler_backoff(&cfg, 1), 60);
	assert_int_equal(scheduler_backoff(&cfg, 2), 120);
	assert_int_equal(scheduler_backoff(&cfg, 3), 0);
	memset(&stats, 0, sizeof(stats));
	t = NOW;
	assert_int_equal(scheduler_tick(f.st, &cfg, t, &stats, &err), CT_OK);
	assert_int_equal(stats.announced, 1);
	assert_int_equal(stats.mails_retry, 1);
	n = notes_of(&f, &cnt);
	assert_int_equal(n[0].email_status, NOTIFICATION_EMAIL_PENDING);
	assert_int_equal(n[0].email_attempts, 1);
	assert_int_equal(n[0].email_next_at, t + 60);
	assert_non_null(n[0].email_error);
	/* Not before the back-off has passed. */
	assert_int_equal(scheduler_tick(f.st, &cfg, t + 59, &stats, &err),
			 CT_OK);
	assert_int_equal(stats.mails_retry, 1);
	assert_int_equal(scheduler_tick(f.st, &cfg, t + 60, &stats, &err),
			 CT_OK);
	assert_int_equal(stats.mails_retry, 2);
	n = notes_of(&f, &cnt);
	assert_int_equal(n[0].email_attempts, 2);
	assert_int_equal(n[0].email_next_at, t + 60 + 120);
	/* The third attempt is the last. */
	assert_int_equal(scheduler_tick(f.st, &cfg, t + 180, &stats, &err),
			 CT_OK);
	assert_int_equal(stats.mails_given_up, 1);
	n = notes_of(&f, &cnt);
	assert_int_equal(cnt, 1);
	assert_int_equal(n[0].email_status, NOTIFICATION_EMAIL_FAILED);
	assert_int_equal(n[0].email_attempts, 3);
	fx_close(&f);
}

static void
test_thread_starts_and_stops(void **state)
{
	struct scheduler_config cfg;
	struct scheduler *s = NULL;
	struct ct_error err;
	struct fx f;
	int64_t clock = NOW;
	size_t cnt = 0;
	int i;

	(void)state;
	fx_open(&f);
	scheduler_config_defaults(&cfg);
	cfg.database = f.path;
	cfg.interval_seconds = 1;
	assert_int_equal(scheduler_start(&cfg, clock_of, &clock, &s, &err),
			 CT_OK);
	/* The first round runs at once. */
	for (i = 0; i < 100 && cnt == 0; i++) {
		usleep(20 * 1000);
		notes_of(&f, &cnt);
	}
	scheduler_stop(s);
	assert_int_equal(cnt, 1);
	cfg.interval_seconds = 0;
	assert_int_equal(scheduler_start(&cfg, NULL, NULL, &s, &err),
			 CT_ERR_CONFIG);
	fx_close(&f);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_announce_once_without_personal_data),
		cmocka_unit_test(test_failing_smtp_retries_then_gives_up),
		cmocka_unit_test(test_thread_starts_and_stops),
	};

	if (ct_crypto_init() != CT_OK)
		return 1;
	return cmocka_run_group_tests(tests, NULL, NULL);
}
