/*
 * config.c - settings from defaults, a file, the environment and the
 * command line.
 *
 * Design: every source goes through config_set(), the one place that
 * knows the keys and checks their values, so a file line and an
 * environment variable are validated alike. A source is applied to a copy
 * and the copy replaces the original only when the whole source was good,
 * so a half-read file never leaves half its settings behind. Parsing uses
 * cursor-and-limit loops over the bytes read, never strtok or sscanf.
 */
#include "util/config.h"

#include <arpa/inet.h>
#include <errno.h>
#include <fcntl.h>
#include <inttypes.h>
#include <netinet/in.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/socket.h>
#include <sys/stat.h>
#include <unistd.h>

#include <sodium.h>

#include "util/sbuf.h"
#include "util/strparse.h"
#include "util/banned.h"

#define CONFIG_KNOWN_KEYS                                                      \
	"database, log_level, listen, port, key_file, "                        \
	"session_idle_seconds, session_absolute_seconds, "                     \
	"login_max_failures, login_lock_seconds, break_glass_seconds, "        \
	"cookie_secure, scheduler_interval_seconds, smtp_url, smtp_from, "    \
	"instruments_dir"

/*
 * Keys by position; config_parse() remembers the line of each, and
 * config_apply_env() reads CASUSTAFEL_<KEY> for each.
 */
static const char *const config_keys[] = {
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
	"scheduler_interval_seconds",
	"smtp_url",
	"smtp_from",
	"instruments_dir",
};

#define CONFIG_ENV_NAME_MAX 64

void
config_init(struct config *c)
{
	c->database = ct_strdup(CONFIG_DEFAULT_DATABASE);
	c->database_is_default = 1;
	c->log_level = CT_LOG_INFO;
	c->file = NULL;
	c->listen = ct_strdup(CONFIG_DEFAULT_LISTEN);
	c->port = CONFIG_DEFAULT_PORT;
	c->key_file = ct_strdup(CONFIG_DEFAULT_KEY_FILE);
	c->key_file_is_default = 1;
	c->session_idle_seconds = CONFIG_DEFAULT_SESSION_IDLE;
	c->session_absolute_seconds = CONFIG_DEFAULT_SESSION_ABSOLUTE;
	c->login_max_failures = CONFIG_DEFAULT_LOGIN_MAX_FAILURES;
	c->login_lock_seconds = CONFIG_DEFAULT_LOGIN_LOCK;
	c->break_glass_seconds = CONFIG_DEFAULT_BREAK_GLASS;
	c->cookie_secure = 1;
	c->scheduler_interval_seconds = CONFIG_DEFAULT_SCHEDULER_INTERVAL;
	c->smtp_url = NULL;
	c->smtp_from = ct_strdup(CONFIG_DEFAULT_SMTP_FROM);
	c->instruments_dir = ct_strdup(CONFIG_DEFAULT_INSTRUMENTS_DIR);
	c->instruments_dir_is_default = 1;
}

void
config_release(struct config *c)
{
	free(c->database);
	free(c->file);
	free(c->listen);
	free(c->key_file);
	c->database = NULL;
	c->file = NULL;
	c->listen = NULL;
	c->key_file = NULL;
	free(c->smtp_url);
	free(c->smtp_from);
	c->smtp_url = NULL;
	c->smtp_from = NULL;
	free(c->instruments_dir);
	c->instruments_dir = NULL;
}

static void
config_copy(struct config *dst, const struct config *src)
{
	*dst = *src;
	dst->database = ct_strdup(src->database);
	dst->file = src->file ? ct_strdup(src->file) : NULL;
	dst->listen = ct_strdup(src->listen);
	dst->key_file = ct_strdup(src->key_file);
	dst->smtp_url = src->smtp_url ? ct_strdup(src->smtp_url) : NULL;
	dst->smtp_from = ct_strdup(src->smtp_from);
	dst->instruments_dir = ct_strdup(src->instruments_dir);
}

/* Replace *c by *tmp, taking ownership of tmp's strings. */
static void
config_take(struct config *c, struct config *tmp)
{
	config_release(c);
	*c = *tmp;
}

static int
config_key_index(const char *key)
{
	size_t i;

	for (i = 0; i < CT_ARRAY_SIZE(config_keys); i++)
		if (strcmp(key, config_keys[i]) == 0)
			return (int)i;
	return -1;
}

/* A non-empty path or text value that fits CONFIG_VALUE_MAX. */
static enum ct_err
config_set_text(char **slot, const char *key, const char *value,
		const char *where, struct ct_error *err)
{
	if (value[0] == '\0')
		return ct_error_set(err, CT_ERR_CONFIG,
				    "%s: %s mag niet leeg zijn", where, key);
	if (strlen(value) >= CONFIG_VALUE_MAX)
		return ct_error_set(err, CT_ERR_CONFIG,
				    "%s: %s is te lang (ten hoogste %d "
				    "tekens)",
				    where, key, CONFIG_VALUE_MAX - 1);
	free(*slot);
	*slot = ct_strdup(value);
	return CT_OK;
}

static enum ct_err
config_set_int(int64_t *out, const char *key, const char *value, int64_t min,
	       int64_t max, const char *where, struct ct_error *err)
{
	if (ct_parse_int(value, min, max, out))
		return ct_error_set(err, CT_ERR_CONFIG,
				    "%s: %s '%s' is geen geheel getal van "
				    "%" PRId64 " tot en met %" PRId64,
				    where, key, value, min, max);
	return CT_OK;
}

/* An IPv4 or IPv6 literal: the server binds exactly what it is given. */
static int
config_address_valid(const char *s)
{
	unsigned char buf[sizeof(struct in6_addr)];

	return inet_pton(AF_INET, s, buf) == 1 ||
	       inet_pton(AF_INET6, s, buf) == 1;
}

enum ct_err
config_set(struct config *c, const char *key, const char *value,
	   const char *where, struct ct_error *err)
{
	int64_t v;
	int level;
	enum ct_err rc;

	if (strcmp(key, "database") == 0) {
		rc = config_set_text(&c->database, key, value, where, err);
		if (!rc)
			c->database_is_default = 0;
		return rc;
	}
	if (strcmp(key, "log_level") == 0) {
		level = ct_log_level_parse(value);
		if (level < 0)
			return ct_error_set(err, CT_ERR_CONFIG,
					    "%s: log_level '%s' is onbekend; "
					    "toegestaan: debug, info, warn, "
					    "error, off",
					    where, value);
		c->log_level = (enum ct_log_level)level;
		return CT_OK;
	}
	if (strcmp(key, "instruments_dir") == 0) {
		rc = config_set_text(&c->instruments_dir, key, value, where,
				     err);
		if (rc == CT_OK)
			c->instruments_dir_is_default = 0;
		return rc;
	}
	if (strcmp(key, "listen") == 0) {
		if (!config_address_valid(value))
			return ct_error_set(err, CT_ERR_CONFIG,
					    "%s: listen '%s' is geen IP-adres "
					    "(bijvoorbeeld 127.0.0.1 of ::1)",
					    where, value);
		return config_set_text(&c->listen, key, value, where, err);
	}
	if (strcmp(key, "port") == 0) {
		rc = config_set_int(&v, key, value, 0, 65535, where, err);
		if (!rc)
			c->port = (int)v;
		return rc;
	}
	if (strcmp(key, "key_file") == 0) {
		rc = config_set_text(&c->key_file, key, value, where, err);
		if (!rc)
			c->key_file_is_default = 0;
		return rc;
	}
	if (strcmp(key, "session_idle_seconds") == 0)
		return config_set_int(&c->session_idle_seconds, key, value, 1,
				      CONFIG_SECONDS_MAX, where, err);
	if (strcmp(key, "session_absolute_seconds") == 0)
		return config_set_int(&c->session_absolute_seconds, key, value,
				      1, CONFIG_SECONDS_MAX, where, err);
	if (strcmp(key, "login_max_failures") == 0) {
		rc = config_set_int(&v, key, value, 1, 1000, where, err);
		if (!rc)
			c->login_max_failures = (int)v;
		return rc;
	}
	if (strcmp(key, "login_lock_seconds") == 0)
		return config_set_int(&c->login_lock_seconds, key, value, 1,
				      CONFIG_SECONDS_MAX, where, err);
	if (strcmp(key, "break_glass_seconds") == 0)
		return config_set_int(&c->break_glass_seconds, key, value, 60,
				      24 * 3600, where, err);
	if (strcmp(key, "cookie_secure") == 0) {
		if (strcmp(value, "1") == 0 || strcmp(value, "true") == 0) {
			c->cookie_secure = 1;
			return CT_OK;
		}
		if (strcmp(value, "0") == 0 || strcmp(value, "false") == 0) {
			c->cookie_secure = 0;
			return CT_OK;
		}
		return ct_error_set(err, CT_ERR_CONFIG,
				    "%s: cookie_secure '%s' moet 1, 0, true "
				    "of false zijn",
				    where, value);
	}
	if (strcmp(key, "scheduler_interval_seconds") == 0)
		return config_set_int(&c->scheduler_interval_seconds, key,
				      value, 1, 24 * 3600, where, err);
	/* Mail leaves the system: only smtp:// or smtps:// targets. */
	if (strcmp(key, "smtp_url") == 0) {
		if (strncmp(value, "smtp://", 7) != 0 &&
		    strncmp(value, "smtps://", 8) != 0)
			return ct_error_set(err, CT_ERR_CONFIG,
					    "%s: smtp_url '%s' moet beginnen "
					    "met smtp:// of smtps://",
					    where, value);
		return config_set_text(&c->smtp_url, key, value, where, err);
	}
	if (strcmp(key, "smtp_from") == 0) {
		if (!strchr(value, '@') || strpbrk(value, "\r\n<> "))
			return ct_error_set(err, CT_ERR_CONFIG,
					    "%s: smtp_from '%s' is geen "
					    "e-mailadres",
					    where, value);
		return config_set_text(&c->smtp_from, key, value, where, err);
	}
	return ct_error_set(err, CT_ERR_CONFIG,
			    "%s: onbekende sleutel '%s' (bekend: %s)", where,
			    key, CONFIG_KNOWN_KEYS);
}

static int
config_is_blank(char ch)
{
	return ch == ' ' || ch == '\t' || ch == '\r';
}

/* Trim blanks at both ends of [*s, *e). */
static void
config_trim(const char **s, const char **e)
{
	while (*s < *e && config_is_blank(**s))
		(*s)++;
	while (*e > *s && config_is_blank((*e)[-1]))
		(*e)--;
}

static int
config_key_char(char ch)
{
	return (ch >= 'a' && ch <= 'z') || (ch >= '0' && ch <= '9') ||
	       ch == '_';
}

/* One non-comment line [p, end) numbered lineno: "key = value". */
static enum ct_err
config_parse_line(struct config *c, const char *name, unsigned lineno,
		  const char *p, const char *end,
		  unsigned seen[CT_ARRAY_SIZE(config_keys)],
		  struct ct_error *err)
{
	char key[64], value[CONFIG_VALUE_MAX], where[300];
	const char *eq, *ks, *ke, *vs, *ve, *q;
	int idx;

	snprintf(where, sizeof(where), "%s regel %u", name, lineno);
	eq = memchr(p, '=', (size_t)(end - p));
	if (!eq)
		return ct_error_set(err, CT_ERR_CONFIG,
				    "%s: verwacht 'sleutel = waarde'", where);
	ks = p;
	ke = eq;
	config_trim(&ks, &ke);
	vs = eq + 1;
	ve = end;
	config_trim(&vs, &ve);
	if (ks == ke)
		return ct_error_set(err, CT_ERR_CONFIG,
				    "%s: sleutel ontbreekt voor '='", where);
	for (q = ks; q < ke; q++)
		if (!config_key_char(*q))
			return ct_error_set(err, CT_ERR_CONFIG,
					    "%s: ongeldige sleutel '%.*s'",
					    where, (int)(ke - ks), ks);
	if ((size_t)(ke - ks) >= sizeof(key))
		return ct_error_set(err, CT_ERR_CONFIG,
				    "%s: onbekende sleutel '%.*s' (bekend: "
				    "%s)",
				    where, 40, ks, CONFIG_KNOWN_KEYS);
	if ((size_t)(ve - vs) >= sizeof(value))
		return ct_error_set(err, CT_ERR_CONFIG, "%s: waarde is te lang",
				    where);
	if (memchr(vs, '\0', (size_t)(ve - vs)))
		return ct_error_set(err, CT_ERR_CONFIG,
				    "%s: waarde bevat een NUL-teken", where);
	memcpy(key, ks, (size_t)(ke - ks));
	key[ke - ks] = '\0';
	memcpy(value, vs, (size_t)(ve - vs));
	value[ve - vs] = '\0';

	idx = config_key_index(key);
	if (idx >= 0 && seen[idx])
		return ct_error_set(err, CT_ERR_CONFIG,
				    "%s: sleutel '%s' staat al op regel %u",
				    where, key, seen[idx]);
	if (config_set(c, key, value, where, err))
		return CT_ERR_CONFIG;
	seen[idx] = lineno;
	return CT_OK;
}

enum ct_err
config_parse(struct config *c, const char *name, const char *text, size_t len,
	     struct ct_error *err)
{
	unsigned seen[CT_ARRAY_SIZE(config_keys)] = {0};
	const char *p = text, *end = text + len, *eol, *s;
	struct config tmp;
	unsigned lineno = 0;
	enum ct_err rc = CT_OK;

	if (len > CONFIG_FILE_MAX)
		return ct_error_set(err, CT_ERR_CONFIG,
				    "%s: bestand is groter dan %zu bytes", name,
				    CONFIG_FILE_MAX);
	config_copy(&tmp, c);
	while (p < end) {
		lineno++;
		eol = memchr(p, '\n', (size_t)(end - p));
		if (!eol)
			eol = end;
		if (eol - p > CONFIG_LINE_MAX) {
			rc = ct_error_set(err, CT_ERR_CONFIG,
					  "%s regel %u: regel is langer dan "
					  "%d tekens",
					  name, lineno, CONFIG_LINE_MAX);
			goto out;
		}
		s = p;
		while (s < eol && config_is_blank(*s))
			s++;
		if (s < eol && *s != '#') {
			rc = config_parse_line(&tmp, name, lineno, s, eol, seen,
					       err);
			if (rc)
				goto out;
		}
		p = eol < end ? eol + 1 : end;
	}
out:
	if (rc) {
		config_release(&tmp);
		return rc;
	}
	config_take(c, &tmp);
	return CT_OK;
}

enum ct_err
config_load_file(struct config *c, const char *path, struct ct_error *err)
{
	struct sbuf sb;
	char chunk[4096];
	size_t n;
	FILE *f;
	enum ct_err rc = CT_OK;

	sbuf_init(&sb, CONFIG_FILE_MAX);
	f = fopen(path, "r");
	if (!f)
		return ct_error_set(err, CT_ERR_CONFIG,
				    "configuratiebestand %s kan niet worden "
				    "geopend: %s",
				    path, strerror(errno));
	while ((n = fread(chunk, 1, sizeof(chunk), f)) > 0) {
		if (sbuf_add(&sb, chunk, n)) {
			rc = ct_error_set(err, CT_ERR_CONFIG,
					  "%s: bestand is groter dan %zu "
					  "bytes",
					  path, CONFIG_FILE_MAX);
			goto out;
		}
	}
	if (ferror(f)) {
		rc = ct_error_set(err, CT_ERR_CONFIG,
				  "configuratiebestand %s kan niet worden "
				  "gelezen",
				  path);
		goto out;
	}
	rc = config_parse(c, path, sb.buf, sb.len, err);
	if (rc)
		goto out;
	free(c->file);
	c->file = ct_strdup(path);
out:
	fclose(f);
	sbuf_release(&sb);
	return rc;
}

/* The value of variable `name` in envp, or NULL. */
static const char *
config_env_get(char *const *envp, const char *name)
{
	size_t len = strlen(name);

	for (; envp && *envp; envp++)
		if (strncmp(*envp, name, len) == 0 && (*envp)[len] == '=')
			return *envp + len + 1;
	return NULL;
}

const char *
config_env_file(char *const *envp)
{
	return config_env_get(envp, CONFIG_ENV_CONFIG);
}

/* "CASUSTAFEL_" + key in upper case into out. */
static void
config_env_name(const char *key, char out[CONFIG_ENV_NAME_MAX])
{
	size_t i, n;

	n = (size_t)snprintf(out, CONFIG_ENV_NAME_MAX, "%s%s",
			     CONFIG_ENV_PREFIX, key);
	for (i = 0; i < n && i < CONFIG_ENV_NAME_MAX; i++)
		if (out[i] >= 'a' && out[i] <= 'z')
			out[i] = (char)(out[i] - 'a' + 'A');
}

/* 1 when the variable name [s, s+len) is one we know. */
static int
config_env_known(const char *s, size_t len)
{
	char name[CONFIG_ENV_NAME_MAX];
	size_t i;

	if (len == strlen(CONFIG_ENV_CONFIG) &&
	    strncmp(s, CONFIG_ENV_CONFIG, len) == 0)
		return 1;
	for (i = 0; i < CT_ARRAY_SIZE(config_keys); i++) {
		config_env_name(config_keys[i], name);
		if (len == strlen(name) && strncmp(s, name, len) == 0)
			return 1;
	}
	return 0;
}

enum ct_err
config_apply_env(struct config *c, char *const *envp, struct ct_error *err)
{
	static const size_t prefix_len = sizeof(CONFIG_ENV_PREFIX) - 1;
	char name[CONFIG_ENV_NAME_MAX];
	const char *value, *eq;
	struct config tmp;
	char *const *e;
	size_t i;
	enum ct_err rc = CT_OK;

	/* First refuse any variable we do not know, before changing c. */
	for (e = envp; e && *e; e++) {
		if (strncmp(*e, CONFIG_ENV_PREFIX, prefix_len) != 0)
			continue;
		eq = strchr(*e, '=');
		if (!eq)
			continue;
		if (config_env_known(*e, (size_t)(eq - *e)))
			continue;
		return ct_error_set(err, CT_ERR_CONFIG,
				    "onbekende omgevingsvariabele %.*s "
				    "(bekend: %s en CASUSTAFEL_ met de "
				    "sleutel in hoofdletters, bv. %s, %s)",
				    (int)(eq - *e), *e, CONFIG_ENV_CONFIG,
				    CONFIG_ENV_DATABASE, CONFIG_ENV_LOG_LEVEL);
	}

	config_copy(&tmp, c);
	for (i = 0; i < CT_ARRAY_SIZE(config_keys) && !rc; i++) {
		config_env_name(config_keys[i], name);
		value = config_env_get(envp, name);
		if (value)
			rc = config_set(&tmp, config_keys[i], value, name, err);
	}
	if (rc) {
		config_release(&tmp);
		return rc;
	}
	config_take(c, &tmp);
	return CT_OK;
}

enum ct_err
config_resolve(struct config *c, const char *cli_file, const char *cli_database,
	       char *const *envp, struct ct_error *err)
{
	const char *file = cli_file ? cli_file : config_env_file(envp);
	enum ct_err rc;

	if (file) {
		rc = config_load_file(c, file, err);
		if (rc)
			return rc;
	}
	rc = config_apply_env(c, envp, err);
	if (rc)
		return rc;
	if (cli_database)
		return config_set(c, "database", cli_database, "--db", err);
	return CT_OK;
}

enum ct_err
config_prepare_database_dir(const struct config *c, struct ct_error *err)
{
	if (!c->database_is_default)
		return CT_OK;
	if (mkdir(CONFIG_DEFAULT_DIR, 0700) == 0 || errno == EEXIST)
		return CT_OK;
	return ct_error_set(err, CT_ERR_IO,
			    "map %s kan niet worden aangemaakt: %s",
			    CONFIG_DEFAULT_DIR, strerror(errno));
}

/* Make a new key file (missing before); an existing one is read. */
static enum ct_err
config_key_create(const struct config *c,
		  unsigned char key[CONFIG_SERVER_KEY_BYTES],
		  struct ct_error *err)
{
	ssize_t n;
	int fd;

	if (c->key_file_is_default && mkdir(CONFIG_DEFAULT_DIR, 0700) != 0 &&
	    errno != EEXIST)
		return ct_error_set(err, CT_ERR_IO,
				    "map %s kan niet worden aangemaakt: %s",
				    CONFIG_DEFAULT_DIR, strerror(errno));
	/* O_EXCL: two servers starting at once never both write a key. */
	fd = open(c->key_file, O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, 0600);
	if (fd < 0 && errno == EEXIST)
		return config_server_key(c, 0, key, err);
	if (fd < 0)
		return ct_error_set(err, CT_ERR_IO,
				    "sleutelbestand %s kan niet worden "
				    "aangemaakt: %s",
				    c->key_file, strerror(errno));
	randombytes_buf(key, CONFIG_SERVER_KEY_BYTES);
	n = write(fd, key, CONFIG_SERVER_KEY_BYTES);
	if (n != CONFIG_SERVER_KEY_BYTES || fsync(fd) != 0) {
		close(fd);
		unlink(c->key_file);
		sodium_memzero(key, CONFIG_SERVER_KEY_BYTES);
		return ct_error_set(err, CT_ERR_IO,
				    "sleutelbestand %s kan niet worden "
				    "geschreven",
				    c->key_file);
	}
	close(fd);
	return CT_OK;
}

enum ct_err
config_server_key(const struct config *c, int create,
		  unsigned char key[CONFIG_SERVER_KEY_BYTES],
		  struct ct_error *err)
{
	unsigned char buf[CONFIG_SERVER_KEY_BYTES + 1];
	struct stat sb;
	ssize_t n;
	int fd;
	enum ct_err rc = CT_OK;

	fd = open(c->key_file, O_RDONLY | O_CLOEXEC);
	if (fd < 0 && errno == ENOENT && create)
		return config_key_create(c, key, err);
	if (fd < 0 && errno == ENOENT)
		return ct_error_set(err, CT_ERR_NOTFOUND,
				    "sleutelbestand %s bestaat niet",
				    c->key_file);
	if (fd < 0)
		return ct_error_set(err, CT_ERR_CONFIG,
				    "sleutelbestand %s kan niet worden "
				    "geopend: %s",
				    c->key_file, strerror(errno));
	if (fstat(fd, &sb) != 0 || !S_ISREG(sb.st_mode)) {
		rc = ct_error_set(err, CT_ERR_CONFIG,
				  "sleutelbestand %s is geen gewoon bestand",
				  c->key_file);
		goto out;
	}
	/* The key opens every TOTP secret: nobody else may read it. */
	if (sb.st_mode & (S_IRWXG | S_IRWXO)) {
		rc = ct_error_set(err, CT_ERR_CONFIG,
				  "sleutelbestand %s is leesbaar voor "
				  "anderen; maak het alleen voor de eigenaar "
				  "toegankelijk (chmod 600)",
				  c->key_file);
		goto out;
	}
	n = read(fd, buf, sizeof(buf));
	if (n != CONFIG_SERVER_KEY_BYTES) {
		rc = ct_error_set(err, CT_ERR_CONFIG,
				  "sleutelbestand %s moet precies %d bytes "
				  "bevatten",
				  c->key_file, CONFIG_SERVER_KEY_BYTES);
		goto out;
	}
	memcpy(key, buf, CONFIG_SERVER_KEY_BYTES);
out:
	sodium_memzero(buf, sizeof(buf));
	close(fd);
	return rc;
}
