#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>

#include <sqlite3.h>

#include "cli_test.h"

static char *no_env[] = {"HOME=/root", NULL};

/* Run cli_main with envp and the NULL-terminated arguments. */
static int
main_run(struct tctx *t, char **envp, ...)
{
	char *argv[TCTX_ARGV_MAX + 2];
	FILE *out, *err;
	va_list ap;
	int argc = 0, status;
	char *a;

	argv[argc++] = "casustafel";
	va_start(ap, envp);
	while ((a = va_arg(ap, char *)) != NULL) {
		assert_true(argc < TCTX_ARGV_MAX);
		argv[argc++] = a;
	}
	va_end(ap);
	argv[argc] = NULL;
	free(t->out);
	free(t->err);
	t->out = t->err = NULL;
	out = open_memstream(&t->out, &t->out_len);
	err = open_memstream(&t->err, &t->err_len);
	assert_non_null(out);
	assert_non_null(err);
	status = cli_main(argc, argv, envp, out, err);
	fclose(out);
	fclose(err);
	return status;
}

static void
test_help_lists_every_command(void **state)
{
	const struct cli_cmd *c;
	struct tctx t;

	(void)state;
	tctx_init(&t);
	assert_int_equal(main_run(&t, no_env, "--help", NULL), 0);
	for (c = cli_commands; c->name; c++) {
		assert_non_null(strstr(t.out, c->name));
		assert_non_null(strstr(t.out, c->summary));
	}
	assert_non_null(strstr(t.out, "--db"));
	assert_int_equal(main_run(&t, no_env, "--version", NULL), 0);
	assert_non_null(strstr(t.out, "casustafel "));
	tctx_release(&t);
}

static void
test_usage_errors(void **state)
{
	struct tctx t;

	(void)state;
	tctx_init(&t);
	assert_int_equal(main_run(&t, no_env, NULL), 2);
	assert_non_null(strstr(t.err, "geef een opdracht"));
	assert_int_equal(main_run(&t, no_env, "frobnicate", NULL), 2);
	assert_non_null(strstr(t.err, "'frobnicate'"));
	assert_int_equal(main_run(&t, no_env, "--verbose", "org", "list", NULL),
			 2);
	assert_non_null(strstr(t.err, "--verbose"));
	assert_int_equal(main_run(&t, no_env, "--db", NULL), 2);
	assert_non_null(strstr(t.err, "--db verwacht een waarde"));
	assert_int_equal(main_run(&t, no_env, "--db", "a", "--db", "b", "org",
				  "list", NULL),
			 2);
	assert_non_null(strstr(t.err, "--db"));
	tctx_release(&t);
}

static void
test_config_errors(void **state)
{
	char conf[200], env_db[220];
	char *bad_env[] = {"CASUSTAFEL_DATABSE=x.db", NULL};
	char *env[] = {env_db, NULL};
	struct tctx t;
	FILE *f;

	(void)state;
	tctx_init(&t);
	assert_int_equal(main_run(&t, bad_env, "org", "list", NULL), 1);
	assert_non_null(strstr(t.err, "CASUSTAFEL_DATABSE"));

	snprintf(conf, sizeof(conf), "%s/ct.conf", t.dir);
	f = fopen(conf, "w");
	assert_non_null(f);
	fputs("# test\nlog_level = warn\nluister = 0.0.0.0\n", f);
	fclose(f);
	assert_int_equal(
		main_run(&t, no_env, "--config", conf, "org", "list", NULL), 1);
	assert_non_null(strstr(t.err, conf));
	assert_non_null(strstr(t.err, "regel 3"));
	assert_non_null(strstr(t.err, "luister"));
	unlink(conf);

	/* The database from the environment; it does not exist. */
	snprintf(env_db, sizeof(env_db), "CASUSTAFEL_DATABASE=%s", t.db);
	assert_int_equal(main_run(&t, env, "org", "list", NULL), 1);
	assert_non_null(strstr(t.err, "bestaat niet"));
	assert_non_null(strstr(t.err, t.db));
	/* Opening a missing database without init creates nothing. */
	assert_int_not_equal(access(t.db, F_OK), 0);
	/* Help needs no database. */
	assert_int_equal(main_run(&t, env, "org", "add", "--help", NULL), 0);
	assert_non_null(strstr(t.out, "Gebruik: casustafel org add"));
	tctx_release(&t);
}

static void
test_init_then_commands(void **state)
{
	char db_opt[200];
	struct tctx t;

	(void)state;
	tctx_init(&t);
	snprintf(db_opt, sizeof(db_opt), "--db=%s", t.db);
	assert_int_equal(main_run(&t, no_env, db_opt, "init", NULL), 0);
	assert_non_null(strstr(t.out, "Eenmalig wachtwoord: "));
	assert_int_equal(main_run(&t, no_env, db_opt, "org", "list", NULL), 0);
	assert_non_null(strstr(t.out, "Beheer"));
	assert_int_equal(main_run(&t, no_env, db_opt, "user", "list", NULL), 0);
	/* init made the administrator "admin". */
	assert_non_null(strstr(t.out, "admin"));
	assert_int_equal(main_run(&t, no_env, db_opt, "migrate", NULL), 0);
	assert_non_null(strstr(t.out, "Database is bij"));
	assert_int_equal(main_run(&t, no_env, db_opt, "audit", "verify", NULL),
			 0);
	assert_non_null(strstr(t.out, "Journaal klopt: 2 items"));
	assert_int_equal(main_run(&t, no_env, db_opt, "init", NULL), 1);
	assert_non_null(strstr(t.err, "bestaat al"));
	tctx_release(&t);
}

static void
test_foreign_newer_corrupt(void **state)
{
	char db_opt[200];
	struct tctx t;
	sqlite3 *db;
	FILE *f;

	(void)state;
	tctx_init(&t);
	snprintf(db_opt, sizeof(db_opt), "--db=%s", t.db);

	/* Not a database at all. */
	f = fopen(t.db, "w");
	assert_non_null(f);
	fputs("Dit is een boodschappenlijst, geen database.\n", f);
	fclose(f);
	assert_int_equal(main_run(&t, no_env, db_opt, "case", "list", NULL), 1);
	assert_non_null(strstr(t.err, "fout: "));
	assert_non_null(strstr(t.err, "geen Casustafel-database"));
	assert_int_equal(main_run(&t, no_env, db_opt, "init", NULL), 1);
	assert_non_null(strstr(t.err, "geen Casustafel-database"));
	unlink(t.db);

	/* Some other program's SQLite database. */
	assert_int_equal(sqlite3_open(t.db, &db), SQLITE_OK);
	assert_int_equal(sqlite3_exec(db, "CREATE TABLE recipes (name TEXT)",
				      NULL, NULL, NULL),
			 SQLITE_OK);
	sqlite3_close(db);
	assert_int_equal(main_run(&t, no_env, db_opt, "org", "list", NULL), 1);
	assert_non_null(strstr(t.err, "geen Casustafel-database"));
	unlink(t.db);

	/* A database from a newer Casustafel. */
	assert_int_equal(main_run(&t, no_env, db_opt, "init", NULL), 0);
	assert_int_equal(sqlite3_open(t.db, &db), SQLITE_OK);
	assert_int_equal(sqlite3_exec(db,
				      "UPDATE meta SET value = '9999' WHERE "
				      "key = 'schema_version'",
				      NULL, NULL, NULL),
			 SQLITE_OK);
	sqlite3_close(db);
	assert_int_equal(main_run(&t, no_env, db_opt, "org", "list", NULL), 1);
	assert_non_null(strstr(t.err, "nieuwere versie"));
	tctx_release(&t);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_help_lists_every_command),
		cmocka_unit_test(test_usage_errors),
		cmocka_unit_test(test_config_errors),
		cmocka_unit_test(test_init_then_commands),
		cmocka_unit_test(test_foreign_newer_corrupt),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
