/*
 * mailer.c - plain-text mail through libcurl's SMTP.
 *
 * libcurl speaks SMTP (and STARTTLS/SMTPS) and does the SMTP dot
 * stuffing of the upload; we only build the message. The Date header is
 * made with util/civtime (gmtime is banned), the subject is encoded with
 * libsodium's base64 when it is not plain ASCII.
 */
#include "http/mailer.h"

#include <string.h>

#include <curl/curl.h>
#include <sodium.h>

#include "util/civtime.h"
#include "util/banned.h"

#define SUBJECT_MAX 400
#define ADDRESS_MAX 254

static const char *const day_names[] = {"Mon", "Tue", "Wed", "Thu",
					"Fri", "Sat", "Sun"};
static const char *const month_names[] = {"Jan", "Feb", "Mar", "Apr",
					  "May", "Jun", "Jul", "Aug",
					  "Sep", "Oct", "Nov", "Dec"};

enum ct_err
mailer_global_init(struct ct_error *err)
{
	if (curl_global_init(CURL_GLOBAL_DEFAULT) != CURLE_OK)
		return ct_error_set(err, CT_ERR_INTERNAL,
				    "libcurl kon niet worden gestart; er "
				    "wordt geen e-mail verstuurd.");
	return CT_OK;
}

void
mailer_global_cleanup(void)
{
	curl_global_cleanup();
}

/* No CR, LF, angle brackets; non-empty; at most max bytes. */
static int
header_safe(const char *s, size_t max)
{
	size_t len = s ? strlen(s) : 0;

	return len > 0 && len <= max && !strpbrk(s, "\r\n<>");
}

static int
is_ascii(const char *s)
{
	for (; *s; s++)
		if ((unsigned char)*s >= 0x80)
			return 0;
	return 1;
}

static enum ct_err
add_subject(struct sbuf *out, const char *subject)
{
	char b64[sodium_base64_ENCODED_LEN(SUBJECT_MAX,
					   sodium_base64_VARIANT_ORIGINAL)];

	if (is_ascii(subject))
		return sbuf_addf(out, "Subject: %s\r\n", subject);
	sodium_bin2base64(b64, sizeof(b64), (const unsigned char *)subject,
			  strlen(subject), sodium_base64_VARIANT_ORIGINAL);
	return sbuf_addf(out, "Subject: =?UTF-8?B?%s?=\r\n", b64);
}

enum ct_err
mailer_build(const struct mailer_config *cfg, const struct mailer_message *m,
	     int64_t now, struct sbuf *out, struct ct_error *err)
{
	struct ct_civil c;
	const char *p;
	enum ct_err rc;

	if (!header_safe(cfg->from, ADDRESS_MAX) ||
	    !header_safe(m->to, ADDRESS_MAX) ||
	    !header_safe(m->subject, SUBJECT_MAX) || !m->body ||
	    (m->message_id && !header_safe(m->message_id, ADDRESS_MAX)))
		return ct_error_set(err, CT_ERR_INVALID,
				    "De e-mail heeft een ongeldig adres of "
				    "onderwerp; hij is niet verstuurd.");
	/* Date in UTC: the offset is simply +0000. */
	memset(&c, 0, sizeof(c));
	{
		int64_t days = now / 86400, rem = now % 86400;

		ct_date_from_days(days, &c.date);
		c.hour = (int)(rem / 3600);
		c.minute = (int)(rem % 3600 / 60);
		c.second = (int)(rem % 60);
	}
	rc = sbuf_addf(out, "Date: %s, %02d %s %04d %02d:%02d:%02d +0000\r\n",
		       day_names[ct_weekday(&c.date) - 1], c.date.day,
		       month_names[c.date.month - 1], c.date.year, c.hour,
		       c.minute, c.second);
	if (!rc)
		rc = sbuf_addf(out, "From: Casustafel <%s>\r\nTo: <%s>\r\n",
			       cfg->from, m->to);
	if (!rc && m->message_id)
		rc = sbuf_addf(out, "Message-ID: <%s>\r\n", m->message_id);
	if (!rc)
		rc = add_subject(out, m->subject);
	if (!rc)
		rc = sbuf_addstr(out, "MIME-Version: 1.0\r\n"
				      "Content-Type: text/plain; "
				      "charset=UTF-8\r\n"
				      "Content-Transfer-Encoding: 8bit\r\n"
				      "\r\n");
	for (p = m->body; !rc && *p; p++) {
		if (*p == '\r')
			continue;
		rc = *p == '\n' ? sbuf_addstr(out, "\r\n")
				: sbuf_addch(out, *p);
	}
	if (!rc && (out->len < 2 || out->buf[out->len - 1] != '\n'))
		rc = sbuf_addstr(out, "\r\n");
	if (rc)
		return ct_error_set(err, CT_ERR_LIMIT,
				    "De e-mail is te groot (hoogstens %zu "
				    "bytes).",
				    out->max);
	return CT_OK;
}

struct upload {
	const char *data;
	size_t len, pos;
};

static size_t
read_upload(char *buf, size_t size, size_t nitems, void *ctx)
{
	struct upload *u = ctx;
	size_t room = size * nitems, n = u->len - u->pos;

	if (n > room)
		n = room;
	memcpy(buf, u->data + u->pos, n);
	u->pos += n;
	return n;
}

enum ct_err
mailer_send(const struct mailer_config *cfg, const struct mailer_message *m,
	    int64_t now, struct ct_error *err)
{
	struct curl_slist *rcpt = NULL;
	char errbuf[CURL_ERROR_SIZE], addr[ADDRESS_MAX + 3];
	struct upload u;
	struct sbuf msg;
	CURLcode cc;
	CURL *h = NULL;
	enum ct_err rc;

	if (!cfg->url || !cfg->url[0])
		return ct_error_set(err, CT_ERR_CONFIG,
				    "Er is geen SMTP-server ingesteld "
				    "(smtp_url).");
	sbuf_init(&msg, MAILER_MESSAGE_MAX);
	rc = mailer_build(cfg, m, now, &msg, err);
	if (rc)
		goto out;
	h = curl_easy_init();
	if (!h) {
		rc = ct_error_set(err, CT_ERR_INTERNAL,
				  "libcurl kon geen verbinding maken.");
		goto out;
	}
	snprintf(addr, sizeof(addr), "<%s>", m->to);
	rcpt = curl_slist_append(NULL, addr);
	if (!rcpt)
		CT_BUG("curl_slist_append: out of memory");
	u.data = msg.buf;
	u.len = msg.len;
	u.pos = 0;
	errbuf[0] = '\0';
	snprintf(addr, sizeof(addr), "<%s>", cfg->from);
	curl_easy_setopt(h, CURLOPT_URL, cfg->url);
	curl_easy_setopt(h, CURLOPT_MAIL_FROM, addr);
	curl_easy_setopt(h, CURLOPT_MAIL_RCPT, rcpt);
	curl_easy_setopt(h, CURLOPT_READFUNCTION, read_upload);
	curl_easy_setopt(h, CURLOPT_READDATA, &u);
	curl_easy_setopt(h, CURLOPT_UPLOAD, 1L);
	curl_easy_setopt(h, CURLOPT_ERRORBUFFER, errbuf);
	curl_easy_setopt(h, CURLOPT_NOSIGNAL, 1L);
	curl_easy_setopt(h, CURLOPT_TIMEOUT, cfg->timeout_seconds
						     ? cfg->timeout_seconds
						     : MAILER_TIMEOUT_SECONDS);
	/* smtps:// and STARTTLS when offered; certificates are checked. */
	curl_easy_setopt(h, CURLOPT_USE_SSL, (long)CURLUSESSL_TRY);
	cc = curl_easy_perform(h);
	if (cc != CURLE_OK)
		rc = ct_error_set(err, CT_ERR_IO,
				  "De SMTP-server nam de e-mail niet aan: %s",
				  errbuf[0] ? errbuf : curl_easy_strerror(cc));
out:
	curl_slist_free_all(rcpt);
	if (h)
		curl_easy_cleanup(h);
	sbuf_release(&msg);
	return rc;
}
