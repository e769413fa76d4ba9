/*
 * fuzz_config.c - util/config.h's config_parse on arbitrary text.
 *
 * The bytes are the file, passed with their length and no NUL after them.
 * Contract checked (config.h): a refused file returns CT_ERR_CONFIG with a
 * message naming the file, and leaves the settings exactly as they were
 * (a source applies completely or not at all; the fuzzer starts from
 * non-default settings to see that); an accepted file yields values in
 * their documented ranges, and writing those settings out as a file and
 * parsing that gives the same settings again. The shape of the file
 * (comments, "key = value" lines, known keys given once) is checked
 * against a reference written from config.h.
 */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "fuzz.h"
#include "util/config.h"
#include "util/sbuf.h"
#include "util/banned.h"

#define FUZZ_NAME "fuzz.conf"

static const char earlier[] = "port = 1234\n"
			      "database = /srv/casustafel.db\n";

static int
same_text(const char *a, const char *b)
{
	if (!a || !b)
		return a == b;
	return strcmp(a, b) == 0;
}

static int
config_equal(const struct config *a, const struct config *b)
{
	return same_text(a->database, b->database) &&
	       a->database_is_default == b->database_is_default &&
	       a->log_level == b->log_level && same_text(a->file, b->file) &&
	       same_text(a->listen, b->listen) && a->port == b->port &&
	       same_text(a->key_file, b->key_file) &&
	       a->key_file_is_default == b->key_file_is_default &&
	       a->session_idle_seconds == b->session_idle_seconds &&
	       a->session_absolute_seconds == b->session_absolute_seconds &&
	       a->login_max_failures == b->login_max_failures &&
	       a->login_lock_seconds == b->login_lock_seconds &&
	       a->break_glass_seconds == b->break_glass_seconds &&
	       a->cookie_secure == b->cookie_secure;
}

static const char *const known_keys[] = {
	"database",
	"log_level",
	"listen",
	"port",
	"key_file",
	"session_idle_seconds",
	"session_absolute_seconds",
	"login_max_failures",
	"login_lock_seconds",
	"break_glass_seconds",
	"cookie_secure",
};

static int
blank(char c)
{
	return c == ' ' || c == '\t' || c == '\r';
}

/*
 * The file's shape by the rules of config.h, values aside: every line
 * blank, a comment, or "key = value" with a known key not given before.
 * 0 when the shape is right, -1 when config_parse must refuse the file.
 */
static int
reference_shape(const char *text, size_t len)
{
	unsigned char seen[CT_ARRAY_SIZE(known_keys)] = {0};
	const char *p = text, *end = text + len, *eol, *eq, *ks, *ke;
	size_t i;
	int found;

	while (p < end) {
		eol = memchr(p, '\n', (size_t)(end - p));
		if (!eol)
			eol = end;
		if (eol - p > CONFIG_LINE_MAX)
			return -1;
		while (p < eol && blank(*p))
			p++;
		if (p < eol && *p != '#') {
			eq = memchr(p, '=', (size_t)(eol - p));
			if (!eq)
				return -1;
			ks = p;
			ke = eq;
			while (ke > ks && blank(ke[-1]))
				ke--;
			found = 0;
			for (i = 0; i < CT_ARRAY_SIZE(known_keys); i++) {
				if (strlen(known_keys[i]) ==
					    (size_t)(ke - ks) &&
				    memcmp(known_keys[i], ks,
					   (size_t)(ke - ks)) == 0) {
					if (seen[i])
						return -1;
					seen[i] = 1;
					found = 1;
				}
			}
			if (!found)
				return -1;
		}
		p = eol < end ? eol + 1 : end;
	}
	return 0;
}

/* Settings as set up before the fuzzed file is applied. */
static void
start(struct config *c)
{
	struct ct_error err;

	config_init(c);
	FUZZ_CHECK(config_parse(c, "earlier.conf", earlier, strlen(earlier),
				&err) == CT_OK);
}

static void
check_ranges(const struct config *c)
{
	FUZZ_CHECK(c->database && c->database[0]);
	FUZZ_CHECK(c->listen && c->listen[0]);
	FUZZ_CHECK(c->key_file && c->key_file[0]);
	FUZZ_CHECK(c->log_level >= CT_LOG_DEBUG && c->log_level <= CT_LOG_OFF);
	FUZZ_CHECK(c->port >= 0 && c->port <= 65535);
	FUZZ_CHECK(c->session_idle_seconds >= 1 &&
		   c->session_idle_seconds <= CONFIG_SECONDS_MAX);
	FUZZ_CHECK(c->session_absolute_seconds >= 1 &&
		   c->session_absolute_seconds <= CONFIG_SECONDS_MAX);
	FUZZ_CHECK(c->login_max_failures >= 1 && c->login_max_failures <= 1000);
	FUZZ_CHECK(c->login_lock_seconds >= 1 &&
		   c->login_lock_seconds <= CONFIG_SECONDS_MAX);
	FUZZ_CHECK(c->break_glass_seconds >= 60 &&
		   c->break_glass_seconds <= 24 * 3600);
	FUZZ_CHECK(c->cookie_secure == 0 || c->cookie_secure == 1);
}

/* The settings of c as a config file, every key once. */
static void
write_out(const struct config *c, struct sbuf *sb)
{
	static const char *const levels[] = {"debug", "info", "warn", "error",
					     "off"};

	FUZZ_CHECK(sbuf_addf(sb,
			     "database = %s\nlog_level = %s\nlisten = %s\n"
			     "port = %d\nkey_file = %s\n"
			     "session_idle_seconds = %lld\n"
			     "session_absolute_seconds = %lld\n"
			     "login_max_failures = %d\n"
			     "login_lock_seconds = %lld\n"
			     "break_glass_seconds = %lld\ncookie_secure = %s\n",
			     c->database, levels[c->log_level], c->listen,
			     c->port, c->key_file,
			     (long long)c->session_idle_seconds,
			     (long long)c->session_absolute_seconds,
			     c->login_max_failures,
			     (long long)c->login_lock_seconds,
			     (long long)c->break_glass_seconds,
			     c->cookie_secure ? "true" : "false") == CT_OK);
}

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	struct config c, before, again;
	struct ct_error err;
	struct sbuf sb;
	enum ct_err rc;

	start(&c);
	start(&before);
	ct_error_clear(&err);
	rc = config_parse(&c, FUZZ_NAME, (const char *)data, size, &err);
	/* A wrong shape is always refused; a right one may fail on a value. */
	if (size <= CONFIG_FILE_MAX &&
	    reference_shape((const char *)data, size) != 0)
		FUZZ_CHECK(rc != CT_OK);
	if (rc == CT_OK)
		FUZZ_CHECK(reference_shape((const char *)data, size) == 0);
	if (rc) {
		FUZZ_CHECK(rc == CT_ERR_CONFIG && err.code == CT_ERR_CONFIG);
		FUZZ_CHECK(strncmp(err.message, FUZZ_NAME, strlen(FUZZ_NAME)) ==
			   0);
		FUZZ_CHECK(config_equal(&c, &before));
	} else {
		check_ranges(&c);
		/* Written out and read back: the same settings. */
		sbuf_init(&sb, CONFIG_FILE_MAX);
		write_out(&c, &sb);
		start(&again);
		FUZZ_CHECK(config_parse(&again, "again.conf", sb.buf, sb.len,
					&err) == CT_OK);
		/* A file's values count as set, also when equal to defaults. */
		FUZZ_CHECK(again.database_is_default == 0);
		again.database_is_default = c.database_is_default;
		again.key_file_is_default = c.key_file_is_default;
		FUZZ_CHECK(config_equal(&c, &again));
		config_release(&again);
		sbuf_release(&sb);
	}
	config_release(&c);
	config_release(&before);
	return 0;
}
