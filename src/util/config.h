/*
 * config.h - the program's settings: defaults, a file, the environment and
 * the command line, in rising order of precedence.
 *
 * The file holds `key = value` lines; blank lines and lines whose first
 * non-blank character is '#' are ignored. Keys: database, log_level. An
 * unknown key, a key given twice, a malformed line or a bad value is an
 * error whose message names the file and the line.
 *
 * Environment: CASUSTAFEL_CONFIG (path of the file), CASUSTAFEL_DATABASE,
 * CASUSTAFEL_LOG_LEVEL. Any other CASUSTAFEL_* variable is an error naming
 * it, so that a typing error is not silently ignored.
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

struct config {
	char *database;		     /* owned; never NULL after init */
	int database_is_default;     /* 1 while no source set it */
	enum ct_log_level log_level; /* default CT_LOG_INFO */
	char *file;		     /* owned; file read, NULL when none */
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
/* Apply CASUSTAFEL_DATABASE and CASUSTAFEL_LOG_LEVEL; reject others. */
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

#endif
