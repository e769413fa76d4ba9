/*
 * mailer.h - one plain-text e-mail over SMTP with libcurl (ARCHITECTURE.md
 * "Dependencies": mail to partners' mailboxes).
 *
 * mailer_build() writes the RFC 5322 message (CRLF lines, UTF-8 text, a
 * subject with non-ASCII characters as an RFC 2047 encoded word);
 * mailer_send() hands it to the server at cfg->url (smtp:// or
 * smtps://) with MAIL FROM cfg->from and RCPT TO m->to.
 *
 * Contract:
 *  - Addresses and the subject may not hold CR, LF or '<' '>' (no header
 *    injection): CT_ERR_INVALID, nothing sent.
 *  - A refused or unreachable server is CT_ERR_IO with the reason in err
 *    (curl's text; it names no recipient data beyond the address).
 *  - mailer_global_init() once before any thread sends (curl's global
 *    set-up is not thread-safe), mailer_global_cleanup() at the end.
 *  - Callers must keep personal data out of subject and body: mail
 *    leaves the system.
 */
#ifndef CT_HTTP_MAILER_H
#define CT_HTTP_MAILER_H

#include <stdint.h>

#include "util/err.h"
#include "util/sbuf.h"

#define MAILER_TIMEOUT_SECONDS 30
#define MAILER_MESSAGE_MAX ((size_t)64 * 1024)

struct mailer_config {
	const char *url;  /* smtp://host:port */
	const char *from; /* envelope and From: address */
	long timeout_seconds; /* 0: MAILER_TIMEOUT_SECONDS */
};

struct mailer_message {
	const char *to;
	const char *subject; /* UTF-8, one line */
	const char *body;    /* UTF-8; "\n" line ends become CRLF */
	const char *message_id; /* "<id@host>" without brackets, or NULL */
};

enum ct_err mailer_global_init(struct ct_error *err);
void mailer_global_cleanup(void);

/* The message text with headers, Date from now (UTC), into out. */
enum ct_err mailer_build(const struct mailer_config *cfg,
			 const struct mailer_message *m, int64_t now,
			 struct sbuf *out, struct ct_error *err);
enum ct_err mailer_send(const struct mailer_config *cfg,
			const struct mailer_message *m, int64_t now,
			struct ct_error *err);

#endif
