/*
 * cmd_user.c - `casustafel user add|list`: the people who log in.
 *
 * A new user gets a random one-time password, stored only as an argon2id
 * hash and printed once. The organisation is named by id or by name and
 * must exist before anything is written.
 */
#include "cli/cli.h"

#include <string.h>

#include <sodium.h>

#include "core/model_json.h"
#include "core/validate.h"
#include "util/crypto.h"
#include "util/banned.h"

#define USER_PASSWORD_LEN 16

static const char user_add_help[] =
	"Gebruik: casustafel user add --org ORG --username NAAM --name "
	"\"Weergavenaam\"\n"
	"                             --roles ROL[,ROL...] [--email ADRES]\n"
	"\n"
	"Voegt een gebruiker toe en toont één keer een eenmalig wachtwoord.\n"
	"\n"
	"Opties:\n"
	"  --org ORG          organisatie (id of naam)\n"
	"  --username NAAM    inlognaam: 3-40 tekens a-z, 0-9, . _ -\n"
	"  --name NAAM        naam zoals anderen die zien\n"
	"  --roles ROLLEN     bv. coordinator,partner_worker; zie de lijst bij "
	"een fout\n"
	"  --email ADRES      e-mailadres (optioneel)\n"
	"  --json             toon de gebruiker als JSON (met het wachtwoord)\n"
	"  --help             deze hulp\n";

static const char user_list_help[] =
	"Gebruik: casustafel user list [--org ORG] [--json]\n"
	"\n"
	"Toont de gebruikers, of die van één organisatie.\n"
	"\n"
	"Opties:\n"
	"  --org ORG   alleen deze organisatie (id of naam)\n"
	"  --json      als één JSON-document\n"
	"  --help      deze hulp\n";

/* Look up an organisation by id or name; prints a message when missing. */
static int
user_find_org(struct cli_ctx *ctx, const char *org_ref, struct arena *a,
	      struct org *out)
{
	struct ct_error err;
	enum ct_err rc;

	ct_error_clear(&err);
	rc = store_org_get(ctx->store, org_ref, a, out, &err);
	if (rc == CT_ERR_NOTFOUND) {
		fprintf(ctx->err,
			"fout: --org: organisatie '%s' bestaat niet\n",
			org_ref);
		return CLI_EXIT_FAIL;
	}
	if (rc)
		return cli_out_error(ctx, rc, &err);
	return CLI_EXIT_OK;
}

static int
user_add(struct cli_ctx *ctx, int argc, char **argv)
{
	const char *org_ref = NULL, *username = NULL, *name = NULL;
	const char *roles = NULL, *email = NULL;
	int json = 0;
	const struct cli_opt opts[] = {
		{"org", &org_ref, NULL, 1}, {"username", &username, NULL, 1},
		{"name", &name, NULL, 1},   {"roles", &roles, NULL, 1},
		{"email", &email, NULL, 0}, {"json", NULL, &json, 0},
		{NULL, NULL, NULL, 0},
	};
	const struct cli_spec spec = {"user add", user_add_help, opts, 0, 0};
	char password[USER_PASSWORD_LEN + 1];
	char hash[CT_PWHASH_SIZE];
	struct ct_problems problems;
	struct ct_error err;
	struct arena a;
	struct org org;
	struct user u;
	const char *args[1];
	size_t nargs;
	json_t *j;
	int status;
	enum ct_err rc;

	status = cli_opt_parse(ctx, &spec, argc, argv, args, &nargs);
	if (status != CLI_CONTINUE)
		return status;
	memset(&u, 0, sizeof(u));
	if (cli_opt_mask(ctx, "--roles", &vocab_user_role, roles, &u.roles))
		return CLI_EXIT_FAIL;
	arena_init(&a, ARENA_MAX_DEFAULT);
	status = user_find_org(ctx, org_ref, &a, &org);
	if (status)
		goto out;
	memcpy(u.org_id, org.id, sizeof(u.org_id));
	u.username = username;
	u.display_name = name;
	u.email = email;
	u.active = 1;
	ct_problems_init(&problems);
	if (user_validate(&u, &problems)) {
		status = cli_out_problems(ctx, &problems);
		goto out;
	}

	ct_random_password(password, USER_PASSWORD_LEN);
	if (ct_password_hash(password, hash)) {
		fputs("fout: wachtwoord kan niet worden gehasht\n", ctx->err);
		status = CLI_EXIT_FAIL;
		goto out;
	}
	ct_error_clear(&err);
	rc = store_user_create(ctx->store, &ctx->actor, &u, hash, &err);
	if (rc) {
		status = cli_out_error(ctx, rc, &err);
		goto out;
	}
	if (json) {
		j = user_to_json(&u);
		json_object_set_new(j, "one_time_password",
				    json_string(password));
		status = cli_out_json(ctx, j);
	} else {
		fprintf(ctx->out,
			"Gebruiker toegevoegd: %s (%s), id %s\n"
			"Eenmalig wachtwoord: %s\n"
			"Geef dit wachtwoord veilig door: het wordt niet "
			"opnieuw getoond.\n",
			u.username, org.name, u.id, password);
		status = CLI_EXIT_OK;
	}
	sodium_memzero(password, sizeof(password));
out:
	arena_release(&a);
	return status;
}

static int
user_list(struct cli_ctx *ctx, int argc, char **argv)
{
	const char *org_ref = NULL;
	int json = 0;
	const struct cli_opt opts[] = {
		{"org", &org_ref, NULL, 0},
		{"json", NULL, &json, 0},
		{NULL, NULL, NULL, 0},
	};
	const struct cli_spec spec = {"user list", user_list_help, opts, 0, 0};
	char roles[512];
	struct ct_error err;
	struct arena a;
	struct org org;
	struct user *users = NULL;
	const char *args[1];
	size_t n = 0, i, nargs;
	json_t *list;
	int status;
	enum ct_err rc;

	status = cli_opt_parse(ctx, &spec, argc, argv, args, &nargs);
	if (status != CLI_CONTINUE)
		return status;
	arena_init(&a, ARENA_MAX_DEFAULT);
	if (org_ref) {
		status = user_find_org(ctx, org_ref, &a, &org);
		if (status)
			goto out;
	}
	ct_error_clear(&err);
	rc = store_user_list(ctx->store, org_ref ? org.id : NULL, &a, &users,
			     &n, &err);
	if (rc) {
		status = cli_out_error(ctx, rc, &err);
		goto out;
	}
	if (json) {
		list = json_array();
		for (i = 0; i < n; i++)
			json_array_append_new(list, user_to_json(&users[i]));
		status =
			cli_out_json(ctx, json_pack("{s:o, s:I}", "users", list,
						    "count", (json_int_t)n));
		goto out;
	}
	for (i = 0; i < n; i++) {
		vocab_mask_format(&vocab_user_role, users[i].roles, roles,
				  sizeof(roles));
		fprintf(ctx->out, "%s  %-20s  %-30s  %s%s\n", users[i].id,
			users[i].username, roles, users[i].display_name,
			users[i].active ? "" : " (niet actief)");
	}
	fprintf(ctx->out, "%zu %s\n", n, n == 1 ? "gebruiker" : "gebruikers");
	status = CLI_EXIT_OK;
out:
	arena_release(&a);
	return status;
}

int
cmd_user(struct cli_ctx *ctx, int argc, char **argv)
{
	static const struct cli_sub subs[] = {
		{"add", user_add, "voeg een gebruiker toe"},
		{"list", user_list, "toon gebruikers"},
		{NULL, NULL, NULL},
	};

	return cli_opt_dispatch(ctx, "user", "Gebruikers beheren.", subs, argc,
				argv);
}
