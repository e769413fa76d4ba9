/*
 * test_mailer.c - the message text (headers, CRLF, encoded subject, Date
 * in UTC), refusal of header injection, and an unreachable server as
 * CT_ERR_IO. Delivery to a real SMTP sink is tested in tests/api.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <string.h>
#include <cmocka.h>

#include <arpa/inet.h>
#include <netinet/in.h>
#include <sys/socket.h>
#include <unistd.h>

#include "http/mailer.h"

#define NOW INT64_C(1783936800) /* Mon, 13 Jul 2026 10:00:00 +0000 */

static void
test_build(void **state)
{
	struct mailer_config cfg = {"smtp://127.0.0.1:1", "from@cts.example",
				    0};
	struct mailer_message m = {"wijk@politie.example",
				   "Casustafel AMS-2026-00001: Termijn",
				   "Regel een\nRegel twee", "abc@casustafel"};
	struct ct_error err;
	struct sbuf out;

	(void)state;
	sbuf_init(&out, MAILER_MESSAGE_MAX);
	assert_int_equal(mailer_build(&cfg, &m, NOW, &out, &err), CT_OK);
	assert_non_null(strstr(out.buf,
			       "Date: Mon, 13 Jul 2026 10:00:00 +0000\r\n"));
	assert_non_null(strstr(out.buf, "From: Casustafel "
					"<from@cts.example>\r\n"));
	assert_non_null(strstr(out.buf, "To: <wijk@politie.example>\r\n"));
	assert_non_null(strstr(out.buf, "Message-ID: <abc@casustafel>\r\n"));
	assert_non_null(strstr(out.buf, "Subject: Casustafel AMS-2026-00001: "
					"Termijn\r\n"));
	assert_non_null(strstr(out.buf, "charset=UTF-8\r\n"));
	assert_non_null(strstr(out.buf, "\r\n\r\nRegel een\r\nRegel twee\r\n"));
	/* Non-ASCII subject: an RFC 2047 encoded word. */
	sbuf_reset(&out);
	m.subject = "Overleg \xc3\xa9\xc3\xa9n";
	assert_int_equal(mailer_build(&cfg, &m, NOW, &out, &err), CT_OK);
	assert_non_null(strstr(out.buf, "Subject: =?UTF-8?B?"
					"T3ZlcmxlZyDDqcOpbg==?=\r\n"));
	sbuf_release(&out);
}

static void
test_header_injection_refused(void **state)
{
	struct mailer_config cfg = {"smtp://127.0.0.1:1", "from@cts.example",
				    0};
	struct mailer_message m = {"a@b.example", "Onderwerp", "x", NULL};
	struct ct_error err;
	struct sbuf out;

	(void)state;
	sbuf_init(&out, MAILER_MESSAGE_MAX);
	m.to = "a@b.example\r\nBcc: c@d.example";
	assert_int_equal(mailer_build(&cfg, &m, NOW, &out, &err),
			 CT_ERR_INVALID);
	m.to = "a@b.example";
	m.subject = "x\nBcc: c@d.example";
	assert_int_equal(mailer_build(&cfg, &m, NOW, &out, &err),
			 CT_ERR_INVALID);
	m.subject = "";
	assert_int_equal(mailer_build(&cfg, &m, NOW, &out, &err),
			 CT_ERR_INVALID);
	assert_int_equal(out.len, 0);
	sbuf_release(&out);
}

/* A port on 127.0.0.1 that nobody listens on (bound, then closed). */
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

static void
test_unreachable_is_io(void **state)
{
	char url[64];
	struct mailer_config cfg = {url, "from@cts.example", 5};
	struct mailer_message m = {"a@b.example", "Onderwerp", "x", NULL};
	struct ct_error err;

	(void)state;
	snprintf(url, sizeof(url), "smtp://127.0.0.1:%d", closed_port());
	assert_int_equal(mailer_global_init(&err), CT_OK);
	assert_int_equal(mailer_send(&cfg, &m, NOW, &err), CT_ERR_IO);
	assert_non_null(strstr(err.message, "SMTP-server"));
	cfg.url = "";
	assert_int_equal(mailer_send(&cfg, &m, NOW, &err), CT_ERR_CONFIG);
	mailer_global_cleanup();
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_build),
		cmocka_unit_test(test_header_injection_refused),
		cmocka_unit_test(test_unreachable_is_io),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
