/*
 * cmd_serve.c - `casustafel serve [--listen ADDR] [--port N]`: the HTTP
 * server with the JSON API.
 *
 * Design: the order matters. The stop signals are blocked before any
 * thread exists, so every thread inherits the mask and SIGTERM/SIGINT
 * wait for http_server_wait_stop_signal() here instead of killing a
 * thread mid-request. The server key is read (or created on first start)
 * before the app starts, because the app seals TOTP secrets with it. On a
 * stop signal the server stops accepting, lets requests in flight finish,
 * and only then does the app close the access logger and the stores.
 *
 * Port 0 asks for any free port; the line with the URL names the real one
 * (the API test harness reads it).
 */
#include "cli/cli.h"

#include <arpa/inet.h>
#include <netinet/in.h>
#include <stdlib.h>
#include <string.h>
#include <sys/socket.h>

#include <sodium.h>

#include "core/instrument.h"
#include "docs/doc_pdf.h"
#include "http/api_assessments.h"
#include "http/app.h"
#include "http/scheduler.h"
#include "http/server.h"
#include "util/config.h"
#include "util/totp.h"
#include "util/banned.h"

/*
 * Server threads. A request that waits for its access-log record to
 * commit is suspended, not its thread (server.c), so a few threads per
 * core serve many connections; bench/api measured 4 to 8 best on two
 * cores (64 sleeping threads cost context switches). Not fewer: a refused
 * login still sleeps in its thread (throttling). Each thread has its own
 * store connection.
 */
#define SERVE_THREADS 8

static const char serve_help[] =
	"Gebruik: casustafel serve [--listen ADRES] [--port N]\n"
	"\n"
	"Start de server: de JSON-API onder /api/v1 en GET /health. Stopt\n"
	"netjes op SIGTERM of Ctrl-C: lopende verzoeken worden afgemaakt.\n"
	"De serversleutel (key_file, standaard " CONFIG_DEFAULT_KEY_FILE ")\n"
	"wordt bij de eerste start gemaakt; bewaar hem: zonder die sleutel\n"
	"werken de tweede factoren (TOTP) van de gebruikers niet meer.\n"
	"\n"
	"Opties:\n"
	"  --listen ADRES  IP-adres om op te luisteren (standaard "
	"127.0.0.1;\n"
	"                  ook: listen in het configuratiebestand,\n"
	"                  CASUSTAFEL_LISTEN)\n"
	"  --port N        poort, 0 = een vrije poort (standaard 8080; ook:\n"
	"                  port, CASUSTAFEL_PORT)\n"
	"  --help          deze hulp\n";

static int
serve_address_ok(const char *s)
{
	unsigned char buf[sizeof(struct in6_addr)];

	return inet_pton(AF_INET, s, buf) == 1 ||
	       inet_pton(AF_INET6, s, buf) == 1;
}

/* The app's settings from the resolved configuration. */
static void
serve_app_config(const struct cli_ctx *ctx, const struct config *cfg,
		 struct app_config *out)
{
	app_config_defaults(out);
	out->database = ctx->db_path;
	out->session_idle_seconds = cfg->session_idle_seconds;
	out->session_absolute_seconds = cfg->session_absolute_seconds;
	out->login_max_failures = cfg->login_max_failures;
	out->login_lock_seconds = cfg->login_lock_seconds;
	out->break_glass_seconds = cfg->break_glass_seconds;
	out->cookie_secure = cfg->cookie_secure;
}

/* Start, wait for the stop signal, stop. */
static int
serve_run(struct cli_ctx *ctx, const struct config *cfg, const char *listen,
	  uint16_t port)
{
	unsigned char key[CONFIG_SERVER_KEY_BYTES];
	struct http_server_config hcfg;
	struct http_server *srv = NULL;
	struct scheduler *sched = NULL;
	struct scheduler_config scfg;
	struct app_config acfg;
	struct ct_error err;
	struct app *app;
	int sig, v6 = strchr(listen, ':') != NULL;
	enum ct_err rc;

	ct_error_clear(&err);
	if (totp_global_init()) {
		fputs("fout: de TOTP-bibliotheek start niet\n", ctx->err);
		return CLI_EXIT_FAIL;
	}
	/* Before any thread: every thread inherits the blocked mask. */
	http_server_block_stop_signals();
	rc = config_server_key(cfg, 1, key, &err);
	if (rc) {
		totp_global_done();
		return cli_out_error(ctx, rc, &err);
	}
	serve_app_config(ctx, cfg, &acfg);
	app = ct_calloc(1, sizeof(*app));
	rc = app_start(app, &acfg, key, &err);
	sodium_memzero(key, sizeof(key));
	if (rc) {
		free(app);
		totp_global_done();
		if (rc == CT_ERR_NOTFOUND) {
			fprintf(ctx->err,
				"fout: database %s bestaat niet; maak er een "
				"met 'casustafel init'\n",
				ctx->db_path);
			return CLI_EXIT_FAIL;
		}
		return cli_out_error(ctx, rc, &err);
	}

	memset(&hcfg, 0, sizeof(hcfg));
	hcfg.bind_address = listen;
	hcfg.port = port;
	hcfg.threads = SERVE_THREADS;
	hcfg.hooks = app_router_hooks;
	rc = http_server_start(&hcfg, app_routes, app_routes_count, app, &srv,
			       &err);
	if (rc) {
		app_stop(app);
		free(app);
		totp_global_done();
		return cli_out_error(ctx, rc, &err);
	}
	/* The deadline scheduler (issue 4): its own thread and store. */
	scheduler_config_defaults(&scfg);
	scfg.database = ctx->db_path;
	scfg.interval_seconds = cfg->scheduler_interval_seconds;
	scfg.smtp_url = cfg->smtp_url;
	scfg.smtp_from = cfg->smtp_from;
	rc = scheduler_start(&scfg, NULL, NULL, &sched, &err);
	if (rc) {
		http_server_stop(srv);
		app_stop(app);
		free(app);
		totp_global_done();
		return cli_out_error(ctx, rc, &err);
	}
	fprintf(ctx->out, "Casustafel luistert op http://%s%s%s:%u/\n",
		v6 ? "[" : "", listen, v6 ? "]" : "",
		(unsigned)http_server_port(srv));
	fprintf(ctx->out, "Stoppen: Ctrl-C (of SIGTERM).\n");
	fflush(ctx->out);

	sig = http_server_wait_stop_signal();
	fprintf(ctx->err, "Signaal %d ontvangen: lopende verzoeken worden "
			  "afgemaakt\xe2\x80\xa6\n",
		sig);
	fflush(ctx->err);
	scheduler_stop(sched);
	http_server_stop(srv);
	app_stop(app);
	free(app);
	totp_global_done();
	/* The document downloads' font caches: after the threads stopped. */
	doc_pdf_shutdown();
	fprintf(ctx->out, "Casustafel is gestopt.\n");
	return CLI_EXIT_OK;
}

int
cmd_serve(struct cli_ctx *ctx, int argc, char **argv)
{
	const char *listen_s = NULL, *port_s = NULL;
	const struct cli_opt opts[] = {
		{"listen", &listen_s, NULL, 0},
		{"port", &port_s, NULL, 0},
		{NULL, NULL, NULL, 0},
	};
	const struct cli_spec spec = {"serve", serve_help, opts, 0, 0};
	const char *args[1];
	struct config defaults;
	struct instrument_set instruments;
	const struct config *cfg = ctx->config;
	size_t nargs, port;
	int status;

	status = cli_opt_parse(ctx, &spec, argc, argv, args, &nargs);
	if (status != CLI_CONTINUE)
		return status;
	config_init(&defaults);
	if (!cfg)
		cfg = &defaults;
	port = (size_t)cfg->port;
	if (!listen_s)
		listen_s = cfg->listen;
	if (!serve_address_ok(listen_s)) {
		fprintf(ctx->err,
			"fout: --listen: '%s' is geen IP-adres (bijvoorbeeld "
			"127.0.0.1 of ::1)\n",
			listen_s);
		status = CLI_EXIT_FAIL;
		goto out;
	}
	if (port_s && cli_opt_size(ctx, "--port", port_s, 0, 65535, &port)) {
		status = CLI_EXIT_FAIL;
		goto out;
	}
	/* risk: the instruments, read once and shared read-only. */
	instrument_set_init(&instruments);
	if (cli_instruments_load(ctx, cfg, &instruments)) {
		status = CLI_EXIT_FAIL;
		goto out;
	}
	api_assessments_set_instruments(&instruments);
	status = serve_run(ctx, cfg, listen_s, (uint16_t)port);
	api_assessments_set_instruments(NULL);
	instrument_set_release(&instruments);
out:
	config_release(&defaults);
	return status;
}
