/*
 * server.c - libmicrohttpd glue: one request record per request, the body
 * limit, response conversion, and the graceful stop.
 *
 * Request lifecycle. libmicrohttpd calls, per request:
 *   1. uri_log_cb with the raw target (before its own unescaping): we make
 *      the request record here - arena, request id, a copy of the raw
 *      target - and count the request as in flight;
 *   2. on_request, first time: headers are known; we refuse a body that
 *      declares more than body_max (413) or no length at all (411) before
 *      a single byte of it is read;
 *   3. on_request with body chunks, appended to a bounded buffer;
 *   4. on_request with no more data: the router checks the request up to
 *      the policy's decision (router_start). When the decision must be
 *      recorded in the access log, the record goes to the logger with a
 *      callback (router_record_start) and the connection is suspended:
 *      the thread goes on with other connections instead of sleeping
 *      until the commit. The logger's callback resumes the connection,
 *      libmicrohttpd calls on_request once more, and only then does the
 *      handler run (router_finish): nothing is served before its record
 *      is durable. A record that is answered before we got to suspend
 *      is simply finished at once;
 *   5. on_completed, also for requests cut off halfway: the arena is wiped
 *      and freed, the request is no longer in flight.
 *
 * The raw target matters: the router refuses "%2F", "%2e%2e" and broken
 * escapes, which it could not see after libmicrohttpd had decoded them.
 *
 * Graceful stop: MHD_quiesce_daemon() hands back the listening socket,
 * which we close so no new connection is accepted; then we wait (bounded)
 * for the in-flight count to reach zero before MHD_stop_daemon(). A
 * suspended request is in flight: the logger (stopped after the server)
 * still answers it, and its connection is resumed and finished.
 *
 * Suspend and resume race: the callback may come on the logger's thread
 * before, while or after on_request suspends. A small per-request mutex
 * orders them: on_request suspends only if the record is not answered
 * yet, and the callback resumes only a connection that was suspended -
 * after unlocking, because the resumed request may complete and be freed
 * at once.
 */
#include "http/server.h"

#include <arpa/inet.h>
#include <errno.h>
#include <microhttpd.h>
#include <netinet/in.h>
#include <pthread.h>
#include <signal.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <sys/socket.h>
#include <time.h>
#include <unistd.h>

#include "http/body.h"
#include "http/request.h"
#include "http/response.h"
#include "util/arena.h"
#include "util/crypto.h"
#include "util/log.h"
#include "util/sbuf.h"
#include "util/strparse.h"
#include "util/uuid.h"
#include "util/banned.h"

#define SERVER_BIND_MAX 64

struct http_server {
	struct MHD_Daemon *daemon;
	struct router router;
	struct http_server_config config; /* defaults filled in */
	char bind_address[SERVER_BIND_MAX];
	uint16_t port;
	pthread_mutex_t lock;
	pthread_cond_t idle;
	size_t in_flight;
	size_t suspended; /* requests waiting for their access-log record */
};

enum server_stage {
	SERVER_READING,	  /* headers and body */
	SERVER_RECORDING, /* the access-log record is on its way */
};

struct server_request {
	struct http_server *srv;
	struct MHD_Connection *con;
	struct arena arena;
	struct http_request req;
	struct http_response resp;
	struct router_call call;
	struct sbuf body;
	int started;
	int body_too_large;
	enum server_stage stage;
	/* Between on_request and the logger's callback (mu guards them). */
	pthread_mutex_t mu;
	int recorded;  /* the callback has come; logged is its answer */
	int suspended; /* on_request suspended the connection */
	enum ct_err logged;
	unsigned status; /* for the log line */
	struct timespec began;
};

/* ------------------------------------------------------------------ */
/* Request records                                                     */

static void *
uri_log_cb(void *cls, const char *uri, struct MHD_Connection *con)
{
	struct http_server *srv = cls;
	struct server_request *sr = ct_calloc(1, sizeof(*sr));

	sr->srv = srv;
	sr->con = con;
	if (pthread_mutex_init(&sr->mu, NULL) != 0)
		CT_BUG("server: pthread_mutex_init");
	arena_init(&sr->arena, srv->config.arena_max);
	http_request_init(&sr->req, &sr->arena, HTTP_METHOD_OTHER, uri);
	ct_uuid_new(sr->req.request_id);
	sbuf_init(&sr->body, srv->config.body_max);
	clock_gettime(CLOCK_MONOTONIC, &sr->began);
	pthread_mutex_lock(&srv->lock);
	srv->in_flight++;
	pthread_mutex_unlock(&srv->lock);
	return sr;
}

static void
on_completed(void *cls, struct MHD_Connection *con, void **req_cls,
	     enum MHD_RequestTerminationCode why)
{
	struct http_server *srv = cls;
	struct server_request *sr = *req_cls;
	struct timespec now;
	double ms;

	(void)con;
	if (!sr)
		return;
	*req_cls = NULL;
	clock_gettime(CLOCK_MONOTONIC, &now);
	ms = (double)(now.tv_sec - sr->began.tv_sec) * 1000.0 +
	     (double)(now.tv_nsec - sr->began.tv_nsec) / 1e6;
	/* The pattern, not the target: a query may hold personal data. */
	ct_debug("http %s %s %u %.1f ms %s%s", http_method_name(sr->req.method),
		 sr->req.route ? sr->req.route->pattern : "-", sr->status, ms,
		 sr->req.request_id,
		 why == MHD_REQUEST_TERMINATED_COMPLETED_OK ? ""
							    : " afgebroken");
	json_decref(sr->req.body_json);
	sbuf_release(&sr->body);
	arena_release(&sr->arena);
	pthread_mutex_destroy(&sr->mu);
	free(sr);
	pthread_mutex_lock(&srv->lock);
	srv->in_flight--;
	if (srv->in_flight == 0)
		pthread_cond_broadcast(&srv->idle);
	pthread_mutex_unlock(&srv->lock);
}

static enum MHD_Result
collect_header(void *cls, enum MHD_ValueKind kind, const char *key,
	       const char *value)
{
	struct server_request *sr = cls;

	(void)kind;
	/* Past the limit the rest is dropped; the memory limit bounds it. */
	return http_request_add_header(&sr->req, key, value) ? MHD_NO : MHD_YES;
}

/* ------------------------------------------------------------------ */
/* Responses                                                           */

/*
 * 1 when resp sets header name itself: a page's own CSP (web.h WEB_CSP)
 * and an asset's Cache-Control replace the API's strict defaults; two
 * CSP headers would both apply and block the page's stylesheet.
 */
static int
server_response_sets(const struct http_response *resp, const char *name)
{
	size_t i;

	for (i = 0; i < resp->n_headers; i++)
		if (strcasecmp(resp->headers[i].name, name) == 0)
			return 1;
	return 0;
}

static enum MHD_Result
send_response(struct MHD_Connection *con, struct server_request *sr,
	      const struct http_response *resp)
{
	const struct http_security_header *sec;
	struct MHD_Response *r;
	enum MHD_Result ret;
	size_t n, i;

	/*
	 * The body lives in the request arena, which is released only in
	 * on_completed, after the response has been sent.
	 */
	r = MHD_create_response_from_buffer(resp->body_len, (void *)resp->body,
					    MHD_RESPMEM_PERSISTENT);
	if (!r)
		return MHD_NO;
	sec = http_response_security_headers(&n);
	for (i = 0; i < n; i++)
		if (!server_response_sets(resp, sec[i].name))
			MHD_add_response_header(r, sec[i].name, sec[i].value);
	MHD_add_response_header(r, "X-Request-Id", sr->req.request_id);
	if (resp->content_type)
		MHD_add_response_header(r, MHD_HTTP_HEADER_CONTENT_TYPE,
					resp->content_type);
	for (i = 0; i < resp->n_headers; i++)
		MHD_add_response_header(r, resp->headers[i].name,
					resp->headers[i].value);
	sr->status = resp->status;
	ret = MHD_queue_response(con, resp->status, r);
	MHD_destroy_response(r);
	return ret;
}

static enum MHD_Result
send_error(struct MHD_Connection *con, struct server_request *sr,
	   unsigned status, const char *code, const char *message)
{
	struct http_response resp;

	http_response_init(&resp);
	http_response_error(&resp, &sr->arena, status, code, message, NULL);
	return send_response(con, sr, &resp);
}

/* ------------------------------------------------------------------ */
/* The access handler                                                  */

/* Step 2: refuse what we will not read, before reading it. */
static enum MHD_Result
on_headers(struct MHD_Connection *con, struct server_request *sr,
	   const char *method, int *answered)
{
	const char *length, *encoding;
	int64_t declared;

	*answered = 1;
	sr->req.method = http_method_parse(method);
	MHD_get_connection_values(con, MHD_HEADER_KIND, collect_header, sr);
	length = MHD_lookup_connection_value(con, MHD_HEADER_KIND,
					     MHD_HTTP_HEADER_CONTENT_LENGTH);
	encoding = MHD_lookup_connection_value(
		con, MHD_HEADER_KIND, MHD_HTTP_HEADER_TRANSFER_ENCODING);
	if (encoding && !length)
		return send_error(con, sr, 411, "length_required",
				  "Geef de lengte van de inhoud op "
				  "(Content-Length).");
	if (length && (ct_parse_int(length, 0, INT64_MAX, &declared) ||
		       (uint64_t)declared > sr->srv->config.body_max))
		return send_error(con, sr, 413, "too_large",
				  "De inhoud van het verzoek is te groot.");
	*answered = 0;
	return MHD_YES;
}

/* The logger's answer (its writer thread): resume the request. */
static void
on_logged(void *ctx, enum ct_err logged, const struct ct_error *err)
{
	struct server_request *sr = ctx;
	struct http_server *srv = sr->srv;
	struct MHD_Connection *con = sr->con;
	int suspended;

	if (logged)
		ct_error("verzoek %s: toegangslog: %s", sr->req.request_id,
			 err && err->message[0] ? err->message
						: ct_strerror(logged));
	pthread_mutex_lock(&sr->mu);
	sr->logged = logged;
	sr->recorded = 1;
	suspended = sr->suspended;
	pthread_mutex_unlock(&sr->mu);
	/* From here sr may be gone: the resumed request can complete. */
	if (suspended) {
		MHD_resume_connection(con);
		pthread_mutex_lock(&srv->lock);
		srv->suspended--;
		pthread_cond_broadcast(&srv->idle);
		pthread_mutex_unlock(&srv->lock);
	}
}

/* Step 4: the router, with the access-log record in between. */
static enum MHD_Result
route_request(struct MHD_Connection *con, struct server_request *sr)
{
	const struct router *r = &sr->srv->router;
	enum ct_err logged;

	if (sr->stage == SERVER_RECORDING) {
		/* Resumed: the record is answered. */
		pthread_mutex_lock(&sr->mu);
		logged = sr->logged;
		pthread_mutex_unlock(&sr->mu);
		router_finish(r, &sr->call, &sr->req, &sr->resp, logged);
		return send_response(con, sr, &sr->resp);
	}
	if (router_start(r, &sr->call, &sr->req, &sr->resp) == ROUTER_DONE)
		return send_response(con, sr, &sr->resp);
	sr->stage = SERVER_RECORDING;
	if (!router_record_start(r, &sr->call, &sr->req, on_logged, sr,
				 &logged)) {
		router_finish(r, &sr->call, &sr->req, &sr->resp, logged);
		return send_response(con, sr, &sr->resp);
	}
	pthread_mutex_lock(&sr->mu);
	if (!sr->recorded) {
		pthread_mutex_lock(&sr->srv->lock);
		sr->srv->suspended++;
		pthread_mutex_unlock(&sr->srv->lock);
		MHD_suspend_connection(con);
		sr->suspended = 1;
		pthread_mutex_unlock(&sr->mu);
		return MHD_YES;
	}
	logged = sr->logged;
	pthread_mutex_unlock(&sr->mu);
	router_finish(r, &sr->call, &sr->req, &sr->resp, logged);
	return send_response(con, sr, &sr->resp);
}

static enum MHD_Result
on_request(void *cls, struct MHD_Connection *con, const char *url,
	   const char *method, const char *version, const char *upload_data,
	   size_t *upload_data_size, void **req_cls)
{
	struct server_request *sr = *req_cls;
	int answered;
	enum MHD_Result ret;

	(void)cls;
	(void)url;
	(void)version;
	if (!sr)
		CT_BUG("request without a request record");
	if (!sr->started) {
		sr->started = 1;
		ret = on_headers(con, sr, method, &answered);
		return ret;
	}
	if (*upload_data_size) {
		/* Cannot pass body_max after the check above; be sure. */
		if (!sr->body_too_large &&
		    sbuf_add(&sr->body, upload_data, *upload_data_size))
			sr->body_too_large = 1;
		*upload_data_size = 0;
		return MHD_YES;
	}
	if (sr->body_too_large)
		return send_error(con, sr, 413, "too_large",
				  "De inhoud van het verzoek is te groot.");
	if (sr->body.len) {
		sr->req.body = sr->body.buf;
		sr->req.body_len = sr->body.len;
	}
	return route_request(con, sr);
}

static void
mhd_log(void *cls, const char *fmt, va_list ap)
{
	char line[256];
	size_t n;

	(void)cls;
	vsnprintf(line, sizeof(line), fmt, ap);
	n = strlen(line);
	while (n && (line[n - 1] == '\n' || line[n - 1] == '\r'))
		line[--n] = '\0';
	ct_warn("http: %s", line);
}

/* ------------------------------------------------------------------ */
/* Start and stop                                                      */

static void
apply_defaults(struct http_server_config *c)
{
	long cores;

	if (!c->bind_address)
		c->bind_address = HTTP_SERVER_BIND_DEFAULT;
	if (!c->threads) {
		cores = sysconf(_SC_NPROCESSORS_ONLN);
		c->threads = cores > 0 ? (unsigned)cores : 1;
	}
	if (c->threads > HTTP_SERVER_THREADS_MAX)
		c->threads = HTTP_SERVER_THREADS_MAX;
	if (!c->connection_limit)
		c->connection_limit = HTTP_SERVER_CONNECTIONS_DEFAULT;
	if (!c->timeout_seconds)
		c->timeout_seconds = HTTP_SERVER_TIMEOUT_DEFAULT;
	if (!c->header_memory)
		c->header_memory = HTTP_SERVER_HEADER_MEMORY_DEFAULT;
	if (!c->body_max)
		c->body_max = HTTP_BODY_MAX_DEFAULT;
	if (!c->arena_max)
		c->arena_max = HTTP_SERVER_ARENA_DEFAULT;
	if (!c->shutdown_grace_ms)
		c->shutdown_grace_ms = HTTP_SERVER_GRACE_DEFAULT;
}

static void
server_free(struct http_server *srv)
{
	router_release(&srv->router);
	pthread_cond_destroy(&srv->idle);
	pthread_mutex_destroy(&srv->lock);
	free(srv);
}

enum ct_err
http_server_start(const struct http_server_config *config,
		  const struct http_route *routes, size_t n, void *app,
		  struct http_server **out, struct ct_error *err)
{
	struct http_server *srv;
	struct sockaddr_in sin;
	struct sockaddr_in6 sin6;
	struct sockaddr *addr;
	unsigned flags;
	const union MHD_DaemonInfo *info;
	enum ct_err rc;

	*out = NULL;
	if (ct_crypto_init())
		return ct_error_set(err, CT_ERR_INTERNAL,
				    "libsodium kon niet starten");
	srv = ct_calloc(1, sizeof(*srv));
	pthread_mutex_init(&srv->lock, NULL);
	pthread_cond_init(&srv->idle, NULL);
	srv->config = *config;
	apply_defaults(&srv->config);
	if ((size_t)snprintf(srv->bind_address, sizeof(srv->bind_address), "%s",
			     srv->config.bind_address) >=
	    sizeof(srv->bind_address)) {
		server_free(srv);
		return ct_error_set(err, CT_ERR_CONFIG,
				    "Het luisteradres is te lang.");
	}
	srv->config.bind_address = srv->bind_address;

	rc = router_init(&srv->router, routes, n, &srv->config.hooks, app, err);
	if (rc) {
		server_free(srv);
		return rc;
	}

	flags = MHD_USE_INTERNAL_POLLING_THREAD | MHD_USE_ITC |
		MHD_ALLOW_SUSPEND_RESUME | MHD_USE_ERROR_LOG;
	/* epoll where it exists (Linux); otherwise the library's choice. */
	flags |= MHD_is_feature_supported(MHD_FEATURE_EPOLL) == MHD_YES
			 ? MHD_USE_EPOLL
			 : MHD_USE_AUTO;
	memset(&sin, 0, sizeof(sin));
	memset(&sin6, 0, sizeof(sin6));
	if (inet_pton(AF_INET, srv->bind_address, &sin.sin_addr) == 1) {
		sin.sin_family = AF_INET;
		sin.sin_port = htons(srv->config.port);
		addr = (struct sockaddr *)&sin;
	} else if (inet_pton(AF_INET6, srv->bind_address, &sin6.sin6_addr) ==
		   1) {
		sin6.sin6_family = AF_INET6;
		sin6.sin6_port = htons(srv->config.port);
		addr = (struct sockaddr *)&sin6;
		flags |= MHD_USE_IPv6;
	} else {
		server_free(srv);
		return ct_error_set(err, CT_ERR_CONFIG,
				    "'%s' is geen IP-adres om op te "
				    "luisteren.",
				    config->bind_address);
	}

	srv->daemon = MHD_start_daemon(
		flags, srv->config.port, NULL, NULL, on_request, srv,
		/* First, so that no message goes to the library's logger. */
		MHD_OPTION_EXTERNAL_LOGGER, mhd_log, NULL, MHD_OPTION_SOCK_ADDR,
		addr, MHD_OPTION_THREAD_POOL_SIZE, srv->config.threads,
		MHD_OPTION_CONNECTION_LIMIT, srv->config.connection_limit,
		MHD_OPTION_CONNECTION_TIMEOUT, srv->config.timeout_seconds,
		MHD_OPTION_CONNECTION_MEMORY_LIMIT, srv->config.header_memory,
		MHD_OPTION_STRICT_FOR_CLIENT, (int)1,
		MHD_OPTION_URI_LOG_CALLBACK, uri_log_cb, srv,
		MHD_OPTION_NOTIFY_COMPLETED, on_completed, srv, MHD_OPTION_END);
	if (!srv->daemon) {
		int saved = errno;

		server_free(srv);
		return ct_error_set(err, CT_ERR_IO,
				    "De server kan niet luisteren op %s poort "
				    "%u: %s.",
				    config->bind_address
					    ? config->bind_address
					    : HTTP_SERVER_BIND_DEFAULT,
				    (unsigned)config->port, strerror(saved));
	}
	info = MHD_get_daemon_info(srv->daemon, MHD_DAEMON_INFO_BIND_PORT);
	srv->port = info ? info->port : srv->config.port;
	ct_info("http: luistert op %s poort %u met %u threads",
		srv->bind_address, (unsigned)srv->port, srv->config.threads);
	*out = srv;
	return CT_OK;
}

uint16_t
http_server_port(const struct http_server *srv)
{
	return srv->port;
}

size_t
http_server_in_flight(struct http_server *srv)
{
	size_t n;

	pthread_mutex_lock(&srv->lock);
	n = srv->in_flight;
	pthread_mutex_unlock(&srv->lock);
	return n;
}

/* deadline = now + ms (CLOCK_REALTIME, for pthread_cond_timedwait). */
static void
deadline_in(struct timespec *deadline, unsigned ms)
{
	clock_gettime(CLOCK_REALTIME, deadline);
	deadline->tv_sec += ms / 1000;
	deadline->tv_nsec += (long)(ms % 1000) * 1000000L;
	if (deadline->tv_nsec >= 1000000000L) {
		deadline->tv_sec++;
		deadline->tv_nsec -= 1000000000L;
	}
}

void
http_server_stop(struct http_server *srv)
{
	struct timespec deadline;
	MHD_socket listen_fd;
	int timed_out = 0;

	if (!srv)
		return;
	/* Stop accepting: the listening socket is ours to close now. */
	listen_fd = MHD_quiesce_daemon(srv->daemon);
	if (listen_fd != MHD_INVALID_SOCKET)
		close(listen_fd);

	deadline_in(&deadline, srv->config.shutdown_grace_ms);
	pthread_mutex_lock(&srv->lock);
	while (srv->in_flight > 0 && !timed_out)
		timed_out = pthread_cond_timedwait(&srv->idle, &srv->lock,
						   &deadline) == ETIMEDOUT;
	if (timed_out)
		ct_warn("http: %zu verzoeken niet afgemaakt binnen %u ms",
			srv->in_flight, srv->config.shutdown_grace_ms);
	/*
	 * libmicrohttpd cannot stop with a suspended connection (it aborts),
	 * and the logger's callback still refers to it: wait, unbounded,
	 * until every record is answered. The logger answers each one,
	 * with an error at worst, once its commit fails.
	 */
	if (srv->suspended)
		ct_warn("http: wacht op %zu regels van het toegangslogboek",
			srv->suspended);
	while (srv->suspended > 0)
		if (pthread_cond_wait(&srv->idle, &srv->lock) != 0)
			CT_BUG("server: pthread_cond_wait");
	/*
	 * A request the logger just resumed has its record committed but
	 * still has to run its handler and send the answer: give it a
	 * grace period of its own before the daemon closes its connection.
	 */
	if (timed_out && srv->in_flight > 0) {
		deadline_in(&deadline, srv->config.shutdown_grace_ms);
		timed_out = 0;
		while (srv->in_flight > 0 && !timed_out)
			timed_out =
				pthread_cond_timedwait(&srv->idle, &srv->lock,
						       &deadline) == ETIMEDOUT;
	}
	pthread_mutex_unlock(&srv->lock);

	MHD_stop_daemon(srv->daemon);
	ct_info("http: gestopt");
	server_free(srv);
}

static void
stop_signal_set(sigset_t *set)
{
	sigemptyset(set);
	sigaddset(set, SIGTERM);
	sigaddset(set, SIGINT);
}

void
http_server_block_stop_signals(void)
{
	sigset_t set;

	stop_signal_set(&set);
	pthread_sigmask(SIG_BLOCK, &set, NULL);
	/* A client that hangs up must not kill the process. */
	signal(SIGPIPE, SIG_IGN);
}

int
http_server_wait_stop_signal(void)
{
	sigset_t set;
	int sig = 0;

	stop_signal_set(&set);
	while (sigwait(&set, &sig) != 0)
		;
	return sig;
}
