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

#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#include "util/sbuf.h"
#include "util/banned.h"

#define CONFIG_KNOWN_KEYS "database, log_level"

/* Keys by position; config_parse() remembers the line of each. */
static const char *const config_keys[] = {"database", "log_level"};

void
config_init(struct config *c)
{
	c->database = ct_strdup(CONFIG_DEFAULT_DATABASE);
	c->database_is_default = 1;
	c->log_level = CT_LOG_INFO;
	c->file = NULL;
}

void
config_release(struct config *c)
{
	free(c->database);
	free(c->file);
	c->database = NULL;
	c->file = NULL;
}

static void
config_copy(struct config *dst, const struct config *src)
{
	*dst = *src;
	dst->database = ct_strdup(src->database);
	dst->file = src->file ? ct_strdup(src->file) : NULL;
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

enum ct_err
config_set(struct config *c, const char *key, const char *value,
	   const char *where, struct ct_error *err)
{
	int level;

	if (strcmp(key, "database") == 0) {
		if (value[0] == '\0')
			return ct_error_set(err, CT_ERR_CONFIG,
					    "%s: database mag niet leeg zijn",
					    where);
		if (strlen(value) >= CONFIG_VALUE_MAX)
			return ct_error_set(err, CT_ERR_CONFIG,
					    "%s: database is te lang (ten "
					    "hoogste %d tekens)",
					    where, CONFIG_VALUE_MAX - 1);
		free(c->database);
		c->database = ct_strdup(value);
		c->database_is_default = 0;
		return CT_OK;
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

enum ct_err
config_apply_env(struct config *c, char *const *envp, struct ct_error *err)
{
	static const size_t prefix_len = sizeof(CONFIG_ENV_PREFIX) - 1;
	const char *value, *eq;
	struct config tmp;
	char *const *e;
	enum ct_err rc = CT_OK;

	/* First refuse any variable we do not know, before changing c. */
	for (e = envp; e && *e; e++) {
		if (strncmp(*e, CONFIG_ENV_PREFIX, prefix_len) != 0)
			continue;
		eq = strchr(*e, '=');
		if (!eq)
			continue;
		if ((size_t)(eq - *e) == strlen(CONFIG_ENV_CONFIG) &&
		    strncmp(*e, CONFIG_ENV_CONFIG, (size_t)(eq - *e)) == 0)
			continue;
		if ((size_t)(eq - *e) == strlen(CONFIG_ENV_DATABASE) &&
		    strncmp(*e, CONFIG_ENV_DATABASE, (size_t)(eq - *e)) == 0)
			continue;
		if ((size_t)(eq - *e) == strlen(CONFIG_ENV_LOG_LEVEL) &&
		    strncmp(*e, CONFIG_ENV_LOG_LEVEL, (size_t)(eq - *e)) == 0)
			continue;
		return ct_error_set(err, CT_ERR_CONFIG,
				    "onbekende omgevingsvariabele %.*s "
				    "(bekend: %s, %s, %s)",
				    (int)(eq - *e), *e, CONFIG_ENV_CONFIG,
				    CONFIG_ENV_DATABASE, CONFIG_ENV_LOG_LEVEL);
	}

	config_copy(&tmp, c);
	value = config_env_get(envp, CONFIG_ENV_DATABASE);
	if (value)
		rc = config_set(&tmp, "database", value, CONFIG_ENV_DATABASE,
				err);
	value = config_env_get(envp, CONFIG_ENV_LOG_LEVEL);
	if (!rc && value)
		rc = config_set(&tmp, "log_level", value, CONFIG_ENV_LOG_LEVEL,
				err);
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
