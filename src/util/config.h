/*
 * config.h - the program's settings: defaults, a file, the environment and
 * the command line, in rising order of precedence.
 *
 * The file holds `key = value` lines; blank lines and lines whose first
 * non-blank character is '#' are ignored. Keys: database, log_level, and
 * for `casustafel serve`: listen, port, key_file, session_idle_seconds,
 * session_absolute_seconds, login_max_failures, login_lock_seconds,
 * break_glass_seconds, cookie_secure, and for the deadline scheduler
 * scheduler_interval_seconds, smtp_url (smtp:// or smtps://; unset: no
 * mail) and smtp_from. An unknown key, a key given twice, a
 * malformed line or a bad value is an error whose message names the file
 * and the line.
 *
 * Environment: CASUSTAFEL_CONFIG (path of the file), and CASUSTAFEL_<KEY>
 * in upper case for every key (CASUSTAFEL_DATABASE, CASUSTAFEL_PORT, ...).
 * Any other CASUSTAFEL_* variable is an error naming it, so that a typing
 * error is not silently ignored.
 *
 * Precedence: command line > environment > file > default. The default
 * database is CONFIG_DEFAULT_DATABASE, relative to the working directory.
 *
 * Contract: a struct config is set up with config_init() (defaults, no
 * allocation beyond the default strings) and freed with config_release().
 * Every function returns CT_OK or CT_ERR_CONFIG with a Dutch sentence in
 * err; on error the struct keeps the values it had before the failing
 * source (a source is applied completely or not at all).
 */
#ifndef CT_UTIL_CONFIG_H
#define CT_UTIL_CONFIG_H

#include <stddef.h>
#include <stdint.h>

#include "util/err.h"
#include "util/log.h"

#define CONFIG_DEFAULT_DIR "var"
#define CONFIG_DEFAULT_DATABASE "var/casustafel.db"
#define CONFIG_FILE_MAX ((size_t)64 * 1024) /* bytes in a config file */
#define CONFIG_LINE_MAX 4096		    /* bytes in one line */
#define CONFIG_VALUE_MAX 4096		    /* bytes in one value */

#define CONFIG_ENV_PREFIX "CASUSTAFEL_"
#define CONFIG_ENV_CONFIG "CASUSTAFEL_CONFIG"
#define CONFIG_ENV_DATABASE "CASUSTAFEL_DATABASE"
#define CONFIG_ENV_LOG_LEVEL "CASUSTAFEL_LOG_LEVEL"

/* Server defaults (casustafel serve). */
#define CONFIG_DEFAULT_LISTEN "127.0.0.1"
#define CONFIG_DEFAULT_PORT 8080
#define CONFIG_DEFAULT_KEY_FILE "var/casustafel.key"
#define CONFIG_SERVER_KEY_BYTES 32 /* = STORE_SERVER_KEY_BYTES */
#define CONFIG_DEFAULT_SESSION_IDLE 1800	  /* 30 minutes */
#define CONFIG_DEFAULT_SESSION_ABSOLUTE 43200 /* 12 hours */
#define CONFIG_DEFAULT_LOGIN_MAX_FAILURES 5
#define CONFIG_DEFAULT_LOGIN_LOCK 900	    /* 15 minutes */
#define CONFIG_DEFAULT_BREAK_GLASS 14400    /* 4 hours */
#define CONFIG_DEFAULT_SCHEDULER_INTERVAL 60 /* seconds between ticks */
#define CONFIG_DEFAULT_SMTP_FROM "casustafel@localhost"
/*
 * Risk assessment instruments (core/instrument.h): every *.json file in
 * this directory is loaded by `casustafel serve` and `casustafel
 * instrument`. Relative to the working directory, like the database: a
 * region runs the program from its own directory with its own files. The
 * default directory may be missing (then no instruments, with a warning);
 * a configured one must exist.
 */
#define CONFIG_DEFAULT_INSTRUMENTS_DIR "data/instruments"
#define CONFIG_SECONDS_MAX ((int64_t)366 * 24 * 3600)

struct config {
	char *database;		     /* owned; never NULL after init */
	int database_is_default;     /* 1 while no source set it */
	enum ct_log_level log_level; /* default CT_LOG_INFO */
	char *file;		     /* owned; file read, NULL when none */
	/* casustafel serve */
	char *listen;		     /* owned; IPv4/IPv6 literal */
	int port;		     /* 0..65535; 0 = any free port */
	char *key_file;		     /* owned; the server key */
	int key_file_is_default;     /* 1 while no source set it */
	int64_t session_idle_seconds;
	int64_t session_absolute_seconds;
	int login_max_failures;
	int64_t login_lock_seconds;
	int64_t break_glass_seconds;
	int cookie_secure;	     /* 1: cookies carry Secure */
	/* the deadline scheduler and its mail (issue 4) */
	int64_t scheduler_interval_seconds; /* 1..86400, default 60 */
	char *smtp_url;		     /* owned; NULL: send no mail */
	char *smtp_from;	     /* owned; the envelope and From address */
	/* risk assessment instruments (CONFIG_DEFAULT_INSTRUMENTS_DIR) */
	char *instruments_dir;	     /* owned; never NULL after init */
	int instruments_dir_is_default; /* 1 while no source set it */
};

void config_init(struct config *c);
void config_release(struct config *c);

/*
 * Set one key from a text value; `where` names the source for the message
 * ("casustafel.conf regel 3", "CASUSTAFEL_DATABASE").
 */
enum ct_err config_set(struct config *c, const char *key, const char *value,
		       const char *where, struct ct_error *err);

/* Apply the `key = value` text of a file called `name` (for messages). */
enum ct_err config_parse(struct config *c, const char *name, const char *text,
			 size_t len, struct ct_error *err);
/* Read and apply the file at path; a missing file is an error. */
enum ct_err config_load_file(struct config *c, const char *path,
			     struct ct_error *err);

/*
 * The config file named by the environment (CASUSTAFEL_CONFIG), or NULL.
 * envp is a NULL-terminated "NAME=value" array such as environ.
 */
const char *config_env_file(char *const *envp);
/* Apply CASUSTAFEL_<KEY> for every key; reject other CASUSTAFEL_*. */
enum ct_err config_apply_env(struct config *c, char *const *envp,
			     struct ct_error *err);

/*
 * The whole resolution: file (cli_file, else CASUSTAFEL_CONFIG, else
 * none), then the environment, then cli_database (may be NULL).
 */
enum ct_err config_resolve(struct config *c, const char *cli_file,
			   const char *cli_database, char *const *envp,
			   struct ct_error *err);

/*
 * When the database is the default, create its directory (mode 0700) if
 * it is missing. Does nothing for a configured path.
 */
enum ct_err config_prepare_database_dir(const struct config *c,
					struct ct_error *err);

/*
 * Read the server key (CONFIG_SERVER_KEY_BYTES raw bytes) from
 * c->key_file. When the file is missing and create is set, make it with
 * fresh random bytes, mode 0600 (and, for the default path, its
 * directory, mode 0700); ct_crypto_init() must have run. A file of
 * another size, or one that others may read, is refused (CT_ERR_CONFIG);
 * a missing one without create is CT_ERR_NOTFOUND.
 */
enum ct_err config_server_key(const struct config *c, int create,
			      unsigned char key[CONFIG_SERVER_KEY_BYTES],
			      struct ct_error *err);

#endif
