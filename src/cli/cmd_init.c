/*
 * cmd_init.c - `casustafel init`: a new database with a first
 * organisation and its administrator.
 *
 * Design: all input is checked before the database is opened (the
 * command is CLI_DB_DEFERRED), so a refused init creates no file. A
 * database that already holds anything is left alone ("bestaat al"). The
 * organisation and the administrator are written in one transaction; the
 * administrator's one-time password is random, stored only as an
 * argon2id hash and printed exactly once.
 */
#include "cli/cli.h"

#include <string.h>

#include <sodium.h>

#include "core/validate.h"
#include "util/crypto.h"
#include "util/banned.h"

#define INIT_PASSWORD_LEN 16

static const char init_help[] =
	"Gebruik: casustafel init [--org-name NAAM] [--org-type TYPE]\n"
	"                         [--country NL|BE] [--admin GEBRUIKERSNAAM]\n"
	"\n"
	"Maakt de database aan (zie --db), voert de migraties uit en maakt\n"
	"een eerste organisatie met een beheerder. Het eenmalige wachtwoord\n"
	"van de beheerder wordt één keer getoond. Weigert een database die\n"
	"al gegevens bevat.\n"
	"\n"
	"Opties:\n"
	"  --org-name NAAM    naam van de organisatie (standaard: Beheer)\n"
	"  --org-type TYPE    soort organisatie, bv. veilig_thuis "
	"(standaard: other)\n"
	"  --country NL|BE    land (standaard: NL)\n"
	"  --admin NAAM       gebruikersnaam van de beheerder "
	"(standaard: admin)\n"
	"  --help             deze hulp\n";

struct init_work {
	struct org *org;
	struct user *admin;
	const char *password_hash;
	const struct store_actor *who;
	struct ct_error *err;
};

static enum ct_err
init_write(struct store *st, void *arg)
{
	struct init_work *w = arg;
	enum ct_err rc;

	rc = store_org_create(st, w->who, w->org, w->err);
	if (rc)
		return rc;
	memcpy(w->admin->org_id, w->org->id, sizeof(w->admin->org_id));
	return store_user_create(st, w->who, w->admin, w->password_hash,
				 w->err);
}

/* 1 when the database already holds data (then a message is printed). */
static int
init_refuse_existing(struct cli_ctx *ctx, int *status)
{
	struct store_counts n;
	struct ct_error err;
	enum ct_err rc;

	ct_error_clear(&err);
	rc = store_counts(ctx->store, &n, &err);
	if (rc) {
		*status = cli_out_error(ctx, rc, &err);
		return 1;
	}
	if (n.orgs || n.users || n.cases || n.journal) {
		fprintf(ctx->err,
			"fout: database %s bestaat al en bevat gegevens "
			"(%lld organisaties, %lld gebruikers, %lld dossiers); "
			"init verandert niets\n",
			ctx->db_path, (long long)n.orgs, (long long)n.users,
			(long long)n.cases);
		*status = CLI_EXIT_FAIL;
		return 1;
	}
	return 0;
}

int
cmd_init(struct cli_ctx *ctx, int argc, char **argv)
{
	const char *org_name = "Beheer", *org_type = "other";
	const char *country = "NL", *admin_name = "admin";
	const struct cli_opt opts[] = {
		{"org-name", &org_name, NULL, 0},
		{"org-type", &org_type, NULL, 0},
		{"country", &country, NULL, 0},
		{"admin", &admin_name, NULL, 0},
		{NULL, NULL, NULL, 0},
	};
	const struct cli_spec spec = {"init", init_help, opts, 0, 0};
	char password[INIT_PASSWORD_LEN + 1];
	char hash[CT_PWHASH_SIZE];
	struct ct_problems problems;
	struct init_work work;
	struct ct_error err;
	struct user admin;
	struct org org;
	const char *args[1];
	size_t nargs;
	int status, type_idx, country_idx;
	enum ct_err rc;

	status = cli_opt_parse(ctx, &spec, argc, argv, args, &nargs);
	if (status != CLI_CONTINUE)
		return status;
	if (cli_opt_vocab(ctx, "--org-type", &vocab_org_type, org_type,
			  &type_idx) ||
	    cli_opt_vocab(ctx, "--country", &vocab_country, country,
			  &country_idx))
		return CLI_EXIT_FAIL;

	memset(&org, 0, sizeof(org));
	org.name = org_name;
	org.type = (enum org_type)type_idx;
	org.country = (enum ct_country)country_idx;
	memset(&admin, 0, sizeof(admin));
	/* A stand-in id, so that validation does not trip over it. */
	ct_uuid_new(admin.org_id);
	admin.username = admin_name;
	admin.display_name = "Beheerder";
	admin.roles = CT_BIT(USER_ROLE_ADMIN);
	admin.active = 1;
	ct_problems_init(&problems);
	org_validate(&org, &problems);
	user_validate(&admin, &problems);
	if (ct_problems_any(&problems))
		return cli_out_problems(ctx, &problems);

	status = cli_main_open_store(ctx, CLI_CREATES_DB);
	if (status)
		return status;
	if (init_refuse_existing(ctx, &status))
		return status;

	ct_random_password(password, INIT_PASSWORD_LEN);
	if (ct_password_hash(password, hash)) {
		fputs("fout: wachtwoord kan niet worden gehasht\n", ctx->err);
		return CLI_EXIT_FAIL;
	}
	ct_error_clear(&err);
	work.org = &org;
	work.admin = &admin;
	work.password_hash = hash;
	work.who = &ctx->actor;
	work.err = &err;
	rc = store_transaction(ctx->store, init_write, &work, &err);
	if (rc)
		return cli_out_error(ctx, rc, &err);

	fprintf(ctx->out,
		"Database aangemaakt: %s (schemaversie %d)\n"
		"Organisatie: %s (%s, %s), id %s\n"
		"Beheerder: %s, id %s\n"
		"Eenmalig wachtwoord: %s\n"
		"Bewaar dit wachtwoord nu: het wordt niet opnieuw getoond.\n",
		ctx->db_path, store_schema_version(ctx->store), org.name,
		vocab_code(&vocab_org_type, org.type),
		vocab_code(&vocab_country, org.country), org.id, admin.username,
		admin.id, password);
	sodium_memzero(password, sizeof(password));
	return CLI_EXIT_OK;
}
