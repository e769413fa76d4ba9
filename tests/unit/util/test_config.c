#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>
#include <cmocka.h>

#include "util/config.h"
#include "util/crypto.h"

static enum ct_err
parse(struct config *c, const char *text, struct ct_error *err)
{
	return config_parse(c, "test.conf", text, strlen(text), err);
}

static void
test_defaults(void **state)
{
	struct config c;

	(void)state;
	config_init(&c);
	assert_string_equal(c.database, CONFIG_DEFAULT_DATABASE);
	assert_int_equal(c.database_is_default, 1);
	assert_int_equal(c.log_level, CT_LOG_INFO);
	assert_null(c.file);
	assert_string_equal(c.listen, CONFIG_DEFAULT_LISTEN);
	assert_int_equal(c.port, CONFIG_DEFAULT_PORT);
	assert_string_equal(c.key_file, CONFIG_DEFAULT_KEY_FILE);
	assert_int_equal(c.key_file_is_default, 1);
	assert_int_equal(c.session_idle_seconds, 1800);
	assert_int_equal(c.session_absolute_seconds, 12 * 3600);
	assert_int_equal(c.login_max_failures, 5);
	assert_int_equal(c.login_lock_seconds, 900);
	assert_int_equal(c.break_glass_seconds, 4 * 3600);
	assert_int_equal(c.cookie_secure, 1);
	config_release(&c);
}

static void
test_server_keys_from_file(void **state)
{
	struct config c;
	struct ct_error err;

	(void)state;
	config_init(&c);
	assert_int_equal(parse(&c,
			       "listen = ::1\n"
			       "port = 0\n"
			       "key_file = /srv/ct/key\n"
			       "session_idle_seconds = 60\n"
			       "session_absolute_seconds = 3600\n"
			       "login_max_failures = 3\n"
			       "login_lock_seconds = 2\n"
			       "break_glass_seconds = 600\n"
			       "cookie_secure = false\n",
			       &err),
			 CT_OK);
	assert_string_equal(c.listen, "::1");
	assert_int_equal(c.port, 0);
	assert_string_equal(c.key_file, "/srv/ct/key");
	assert_int_equal(c.key_file_is_default, 0);
	assert_int_equal(c.session_idle_seconds, 60);
	assert_int_equal(c.session_absolute_seconds, 3600);
	assert_int_equal(c.login_max_failures, 3);
	assert_int_equal(c.login_lock_seconds, 2);
	assert_int_equal(c.break_glass_seconds, 600);
	assert_int_equal(c.cookie_secure, 0);
	config_release(&c);
}

static void
test_server_keys_bad_values(void **state)
{
	static const char *const bad[] = {
		"listen = localhost\n",     "listen = 1.2.3\n",
		"port = 65536\n",	     "port = -1\n",
		"port = 80x\n",	     "session_idle_seconds = 0\n",
		"login_max_failures = 0\n", "break_glass_seconds = 90000\n",
		"cookie_secure = yes\n",    "key_file =\n",
	};
	struct config c;
	struct ct_error err;
	size_t i;

	(void)state;
	for (i = 0; i < sizeof(bad) / sizeof(bad[0]); i++) {
		config_init(&c);
		assert_int_equal(parse(&c, bad[i], &err), CT_ERR_CONFIG);
		assert_non_null(strstr(err.message, "regel 1"));
		assert_string_equal(c.listen, CONFIG_DEFAULT_LISTEN);
		assert_int_equal(c.port, CONFIG_DEFAULT_PORT);
		assert_int_equal(c.cookie_secure, 1);
		config_release(&c);
	}
}

/* Issue 4: the deadline scheduler's interval and its mail settings. */
static void
test_scheduler_and_smtp_keys(void **state)
{
	static const char *const bad[] = {
		"scheduler_interval_seconds = 0\n",
		"scheduler_interval_seconds = 86401\n",
		"smtp_url = http://mail.example\n",
		"smtp_from = geen-adres\n",
	};
	struct config c, copy;
	struct ct_error err;
	size_t i;

	(void)state;
	config_init(&c);
	assert_int_equal(c.scheduler_interval_seconds, 60);
	assert_null(c.smtp_url);
	assert_string_equal(c.smtp_from, CONFIG_DEFAULT_SMTP_FROM);
	assert_int_equal(parse(&c,
			       "scheduler_interval_seconds = 5\n"
			       "smtp_url = smtp://127.0.0.1:2525\n"
			       "smtp_from = termijnen@casustafel.example\n",
			       &err),
			 CT_OK);
	assert_int_equal(c.scheduler_interval_seconds, 5);
	assert_string_equal(c.smtp_url, "smtp://127.0.0.1:2525");
	assert_string_equal(c.smtp_from, "termijnen@casustafel.example");
	config_release(&c);
	for (i = 0; i < sizeof(bad) / sizeof(bad[0]); i++) {
		config_init(&copy);
		assert_int_equal(parse(&copy, bad[i], &err), CT_ERR_CONFIG);
		assert_non_null(strstr(err.message, "regel 1"));
		assert_int_equal(copy.scheduler_interval_seconds, 60);
		assert_null(copy.smtp_url);
		config_release(&copy);
	}
}

static void
test_server_keys_from_env(void **state)
{
	char *envp[] = {"CASUSTAFEL_LISTEN=0.0.0.0", "CASUSTAFEL_PORT=9000",
			"CASUSTAFEL_KEY_FILE=/tmp/k",
			"CASUSTAFEL_LOGIN_LOCK_SECONDS=3",
			"CASUSTAFEL_COOKIE_SECURE=0", NULL};
	char *bad_env[] = {"CASUSTAFEL_PORT=http", NULL};
	struct config c;
	struct ct_error err;

	(void)state;
	config_init(&c);
	assert_int_equal(config_apply_env(&c, envp, &err), CT_OK);
	assert_string_equal(c.listen, "0.0.0.0");
	assert_int_equal(c.port, 9000);
	assert_string_equal(c.key_file, "/tmp/k");
	assert_int_equal(c.login_lock_seconds, 3);
	assert_int_equal(c.cookie_secure, 0);
	config_release(&c);

	config_init(&c);
	assert_int_equal(config_apply_env(&c, bad_env, &err), CT_ERR_CONFIG);
	assert_non_null(strstr(err.message, "CASUSTAFEL_PORT"));
	assert_non_null(strstr(err.message, "http"));
	assert_int_equal(c.port, CONFIG_DEFAULT_PORT);
	config_release(&c);
}

static void
test_server_key_created_and_read(void **state)
{
	char dir[] = "/tmp/ct_test_key_XXXXXX";
	char path[300];
	unsigned char k1[CONFIG_SERVER_KEY_BYTES], k2[CONFIG_SERVER_KEY_BYTES];
	unsigned char zero[CONFIG_SERVER_KEY_BYTES] = {0};
	struct config c;
	struct ct_error err;
	struct stat st;
	FILE *f;

	(void)state;
	assert_int_equal(ct_crypto_init(), CT_OK);
	assert_non_null(mkdtemp(dir));
	snprintf(path, sizeof(path), "%s/server.key", dir);
	config_init(&c);
	assert_int_equal(config_set(&c, "key_file", path, "t", &err), CT_OK);

	/* Missing and not to be created. */
	assert_int_equal(config_server_key(&c, 0, k1, &err), CT_ERR_NOTFOUND);
	assert_non_null(strstr(err.message, path));

	/* Created: 32 random bytes, mode 0600; read back the same. */
	assert_int_equal(config_server_key(&c, 1, k1, &err), CT_OK);
	assert_int_equal(stat(path, &st), 0);
	assert_int_equal(st.st_mode & 0777, 0600);
	assert_int_equal(st.st_size, CONFIG_SERVER_KEY_BYTES);
	assert_memory_not_equal(k1, zero, sizeof(k1));
	assert_int_equal(config_server_key(&c, 1, k2, &err), CT_OK);
	assert_memory_equal(k1, k2, sizeof(k1));

	/* Readable by others: refused. */
	assert_int_equal(chmod(path, 0644), 0);
	assert_int_equal(config_server_key(&c, 0, k2, &err), CT_ERR_CONFIG);
	assert_non_null(strstr(err.message, "chmod 600"));

	/* Wrong size: refused. */
	assert_int_equal(chmod(path, 0600), 0);
	f = fopen(path, "w");
	assert_non_null(f);
	fputs("short", f);
	fclose(f);
	assert_int_equal(config_server_key(&c, 1, k2, &err), CT_ERR_CONFIG);
	assert_non_null(strstr(err.message, "32 bytes"));

	config_release(&c);
	assert_int_equal(unlink(path), 0);
	assert_int_equal(rmdir(dir), 0);
}

static void
test_good_file(void **state)
{
	struct config c;
	struct ct_error err;

	(void)state;
	config_init(&c);
	assert_int_equal(parse(&c,
			       "# Casustafel\n"
			       "\n"
			       "  database =  /srv/ct/data.db  \r\n"
			       "\t# indented comment\n"
			       "log_level=debug",
			       &err),
			 CT_OK);
	assert_string_equal(c.database, "/srv/ct/data.db");
	assert_int_equal(c.database_is_default, 0);
	assert_int_equal(c.log_level, CT_LOG_DEBUG);
	config_release(&c);
}

static void
test_value_may_hold_hash_and_equals(void **state)
{
	struct config c;
	struct ct_error err;

	(void)state;
	config_init(&c);
	assert_int_equal(parse(&c, "database = a#b=c.db\n", &err), CT_OK);
	assert_string_equal(c.database, "a#b=c.db");
	config_release(&c);
}

static void
test_unknown_key_names_line(void **state)
{
	struct config c;
	struct ct_error err;

	(void)state;
	config_init(&c);
	assert_int_equal(parse(&c,
			       "database = x.db\n"
			       "# comment\n"
			       "databse = y.db\n",
			       &err),
			 CT_ERR_CONFIG);
	assert_non_null(strstr(err.message, "test.conf regel 3"));
	assert_non_null(strstr(err.message, "databse"));
	/* Nothing of a bad file is applied, also not its good lines. */
	assert_string_equal(c.database, CONFIG_DEFAULT_DATABASE);
	assert_int_equal(c.database_is_default, 1);
	config_release(&c);
}

static void
test_bad_value(void **state)
{
	struct config c;
	struct ct_error err;

	(void)state;
	config_init(&c);
	assert_int_equal(parse(&c, "log_level = loud\n", &err), CT_ERR_CONFIG);
	assert_non_null(strstr(err.message, "regel 1"));
	assert_non_null(strstr(err.message, "loud"));
	assert_non_null(strstr(err.message, "debug"));
	assert_int_equal(parse(&c, "database =\n", &err), CT_ERR_CONFIG);
	assert_non_null(strstr(err.message, "database"));
	assert_int_equal(c.log_level, CT_LOG_INFO);
	config_release(&c);
}

static void
test_malformed_lines(void **state)
{
	struct config c;
	struct ct_error err;

	(void)state;
	config_init(&c);
	assert_int_equal(parse(&c, "\n\njust words\n", &err), CT_ERR_CONFIG);
	assert_non_null(strstr(err.message, "regel 3"));
	assert_non_null(strstr(err.message, "sleutel = waarde"));
	assert_int_equal(parse(&c, " = value\n", &err), CT_ERR_CONFIG);
	assert_non_null(strstr(err.message, "regel 1"));
	assert_int_equal(parse(&c, "Data Base = x\n", &err), CT_ERR_CONFIG);
	assert_int_equal(
		parse(&c, "log_level = info\nlog_level = warn\n", &err),
		CT_ERR_CONFIG);
	assert_non_null(strstr(err.message, "regel 2"));
	assert_non_null(strstr(err.message, "regel 1"));
	config_release(&c);
}

static void
test_env(void **state)
{
	char *envp[] = {"HOME=/root", "CASUSTAFEL_DATABASE=/tmp/e.db",
			"CASUSTAFEL_LOG_LEVEL=warn", NULL};
	struct config c;
	struct ct_error err;

	(void)state;
	config_init(&c);
	assert_int_equal(config_apply_env(&c, envp, &err), CT_OK);
	assert_string_equal(c.database, "/tmp/e.db");
	assert_int_equal(c.log_level, CT_LOG_WARN);
	config_release(&c);
}

static void
test_env_unknown_variable(void **state)
{
	char *envp[] = {"CASUSTAFEL_DATABASE=/tmp/e.db",
			"CASUSTAFEL_DATABSE=/tmp/typo.db", NULL};
	struct config c;
	struct ct_error err;

	(void)state;
	config_init(&c);
	assert_int_equal(config_apply_env(&c, envp, &err), CT_ERR_CONFIG);
	assert_non_null(strstr(err.message, "CASUSTAFEL_DATABSE"));
	assert_string_equal(c.database, CONFIG_DEFAULT_DATABASE);
	config_release(&c);
}

static void
test_env_bad_value(void **state)
{
	char *envp[] = {"CASUSTAFEL_LOG_LEVEL=chatty", NULL};
	struct config c;
	struct ct_error err;

	(void)state;
	config_init(&c);
	assert_int_equal(config_apply_env(&c, envp, &err), CT_ERR_CONFIG);
	assert_non_null(strstr(err.message, "CASUSTAFEL_LOG_LEVEL"));
	assert_non_null(strstr(err.message, "chatty"));
	config_release(&c);
}

static void
test_precedence(void **state)
{
	char path[] = "/tmp/ct_test_config_XXXXXX";
	char env_file[300];
	char *envp[] = {env_file, "CASUSTAFEL_LOG_LEVEL=error", NULL};
	struct config c;
	struct ct_error err;
	FILE *f;
	int fd;

	(void)state;
	fd = mkstemp(path);
	assert_true(fd >= 0);
	f = fdopen(fd, "w");
	assert_non_null(f);
	fputs("database = file.db\nlog_level = debug\n", f);
	fclose(f);
	snprintf(env_file, sizeof(env_file), "CASUSTAFEL_CONFIG=%s", path);

	/* File via the environment; environment beats the file. */
	config_init(&c);
	assert_int_equal(config_resolve(&c, NULL, NULL, envp, &err), CT_OK);
	assert_string_equal(c.database, "file.db");
	assert_int_equal(c.log_level, CT_LOG_ERROR);
	assert_string_equal(c.file, path);
	config_release(&c);

	/* The command line beats everything. */
	config_init(&c);
	assert_int_equal(config_resolve(&c, path, "cli.db", envp, &err), CT_OK);
	assert_string_equal(c.database, "cli.db");
	config_release(&c);

	/* A missing file named on the command line is an error. */
	config_init(&c);
	assert_int_equal(
		config_resolve(&c, "/nonexistent/ct.conf", NULL, envp, &err),
		CT_ERR_CONFIG);
	assert_non_null(strstr(err.message, "/nonexistent/ct.conf"));
	config_release(&c);
	unlink(path);
}

static void
test_load_file_reports_name(void **state)
{
	char path[] = "/tmp/ct_test_config_XXXXXX";
	struct config c;
	struct ct_error err;
	FILE *f;
	int fd;

	(void)state;
	fd = mkstemp(path);
	assert_true(fd >= 0);
	f = fdopen(fd, "w");
	assert_non_null(f);
	fputs("database = a.db\npoort = 80\n", f);
	fclose(f);
	config_init(&c);
	assert_int_equal(config_load_file(&c, path, &err), CT_ERR_CONFIG);
	assert_non_null(strstr(err.message, path));
	assert_non_null(strstr(err.message, "regel 2"));
	assert_non_null(strstr(err.message, "poort"));
	assert_null(c.file);
	config_release(&c);
	unlink(path);
}

static void
test_prepare_dir_only_for_default(void **state)
{
	char dir[] = "/tmp/ct_test_cfgdir_XXXXXX";
	char cwd[4096];
	struct config c;
	struct ct_error err;
	struct stat st;

	(void)state;
	assert_non_null(getcwd(cwd, sizeof(cwd)));
	assert_non_null(mkdtemp(dir));
	assert_int_equal(chdir(dir), 0);
	config_init(&c);
	assert_int_equal(config_set(&c, "database", "elsewhere.db", "t", &err),
			 CT_OK);
	assert_int_equal(config_prepare_database_dir(&c, &err), CT_OK);
	assert_int_not_equal(stat(CONFIG_DEFAULT_DIR, &st), 0);
	config_release(&c);

	config_init(&c);
	assert_int_equal(config_prepare_database_dir(&c, &err), CT_OK);
	assert_int_equal(stat(CONFIG_DEFAULT_DIR, &st), 0);
	assert_true(S_ISDIR(st.st_mode));
	/* Idempotent. */
	assert_int_equal(config_prepare_database_dir(&c, &err), CT_OK);
	config_release(&c);
	assert_int_equal(rmdir(CONFIG_DEFAULT_DIR), 0);
	assert_int_equal(chdir(cwd), 0);
	assert_int_equal(rmdir(dir), 0);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_defaults),
		cmocka_unit_test(test_good_file),
		cmocka_unit_test(test_server_keys_from_file),
		cmocka_unit_test(test_server_keys_bad_values),
		cmocka_unit_test(test_scheduler_and_smtp_keys),
		cmocka_unit_test(test_server_keys_from_env),
		cmocka_unit_test(test_server_key_created_and_read),
		cmocka_unit_test(test_value_may_hold_hash_and_equals),
		cmocka_unit_test(test_unknown_key_names_line),
		cmocka_unit_test(test_bad_value),
		cmocka_unit_test(test_malformed_lines),
		cmocka_unit_test(test_env),
		cmocka_unit_test(test_env_unknown_variable),
		cmocka_unit_test(test_env_bad_value),
		cmocka_unit_test(test_precedence),
		cmocka_unit_test(test_load_file_reports_name),
		cmocka_unit_test(test_prepare_dir_only_for_default),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
