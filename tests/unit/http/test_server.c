/*
 * Starts the real server on 127.0.0.1 (a free port) and talks raw HTTP to
 * it over plain sockets, so what is tested is what a client sees. A
 * stand-in access log holds records of the route /held until the test
 * answers them: the request waits suspended, without its thread.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>

#include <arpa/inet.h>
#include <errno.h>
#include <netinet/in.h>
#include <pthread.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <sys/socket.h>
#include <sys/time.h>
#include <time.h>
#include <unistd.h>

#include <jansson.h>

#include "http/api_health.h"
#include "http/server.h"
#include "util/uuid.h"

#define BODY_MAX 1024
#define SLOW_MS 400

static const struct http_param_spec echo_body[] = {
	HTTP_PARAM_STRING_SPEC("text", HTTP_PARAM_F_REQUIRED, 2000),
};

static enum ct_err
handle_slow(void *app, struct http_request *req, struct http_response *resp,
	    struct ct_error *err)
{
	struct timespec ts = {0, SLOW_MS * 1000000L};

	(void)app;
	(void)err;
	nanosleep(&ts, NULL);
	http_response_json(resp, req->arena, 200,
			   json_pack("{s:s}", "slow", "done"));
	return CT_OK;
}

static enum ct_err
handle_echo(void *app, struct http_request *req, struct http_response *resp,
	    struct ct_error *err)
{
	(void)app;
	(void)err;
	http_response_json(resp, req->arena, 200,
			   json_pack("{s:O}", "text",
				     json_object_get(req->body_json, "text")));
	return CT_OK;
}

/* How often /held's handler ran (it must wait for its record). */
static int held_handled;
static pthread_mutex_t held_mu = PTHREAD_MUTEX_INITIALIZER;

static enum ct_err
handle_held(void *app, struct http_request *req, struct http_response *resp,
	    struct ct_error *err)
{
	(void)app;
	(void)err;
	pthread_mutex_lock(&held_mu);
	held_handled++;
	pthread_mutex_unlock(&held_mu);
	http_response_json(resp, req->arena, 200,
			   json_pack("{s:s}", "held", "served"));
	return CT_OK;
}

static const struct http_route routes[] = {
	API_HEALTH_ROUTE,
	{.method = HTTP_METHOD_GET,
	 .pattern = "/held",
	 .action = "test.held",
	 .handler = handle_held},
	{.method = HTTP_METHOD_GET,
	 .pattern = "/slow",
	 .action = "test.slow",
	 .handler = handle_slow},
	{.method = HTTP_METHOD_POST,
	 .pattern = "/echo",
	 .action = "test.echo",
	 .body = echo_body,
	 .n_body = 1,
	 .handler = handle_echo},
};

static enum ct_err
allow_all(void *app, const struct http_request *req,
	  const struct http_route *route, struct ct_error *err)
{
	(void)app;
	(void)req;
	(void)route;
	(void)err;
	return CT_OK;
}

/* The stand-in access log: records of /held wait for held_answer(). */
#define HELD_MAX 8

static struct {
	void (*done[HELD_MAX])(void *ctx, enum ct_err logged,
			       const struct ct_error *err);
	void *ctx[HELD_MAX];
	int n;
	int answer_at_once; /* call done before returning (a quick commit) */
} held;

static enum ct_err
hold_record(void *app, const struct http_request *req,
	    const struct http_route *route, enum ct_err decision,
	    void (*done)(void *ctx, enum ct_err logged,
			 const struct ct_error *err),
	    void *ctx, int *pending)
{
	(void)app;
	(void)req;
	(void)decision;
	*pending = 0;
	if (strcmp(route->action, "test.held") != 0)
		return CT_OK; /* nothing to record */
	*pending = 1;
	if (held.answer_at_once) {
		done(ctx, CT_OK, NULL);
		return CT_OK;
	}
	pthread_mutex_lock(&held_mu);
	assert_true(held.n < HELD_MAX);
	held.done[held.n] = done;
	held.ctx[held.n] = ctx;
	held.n++;
	pthread_mutex_unlock(&held_mu);
	return CT_OK;
}

/* Wait until n records are held (at most 2 s). */
static int
held_wait(int n)
{
	struct timespec tick = {0, 5 * 1000000L};
	int i, have = 0;

	for (i = 0; i < 400; i++) {
		pthread_mutex_lock(&held_mu);
		have = held.n;
		pthread_mutex_unlock(&held_mu);
		if (have >= n)
			break;
		nanosleep(&tick, NULL);
	}
	return have;
}

/* Answer every held record, from another thread as the logger does. */
struct held_answer {
	enum ct_err logged;
};

static void *
held_answer_main(void *arg)
{
	struct held_answer *a = arg;
	struct ct_error err;
	int i, n;

	ct_error_clear(&err);
	if (a->logged)
		ct_error_set(&err, a->logged, "schijf vol");
	pthread_mutex_lock(&held_mu);
	n = held.n;
	held.n = 0;
	pthread_mutex_unlock(&held_mu);
	for (i = 0; i < n; i++)
		held.done[i](held.ctx[i], a->logged, &err);
	return NULL;
}

static void
held_answer(enum ct_err logged)
{
	struct held_answer a = {logged};
	pthread_t t;

	assert_int_equal(pthread_create(&t, NULL, held_answer_main, &a), 0);
	assert_int_equal(pthread_join(t, NULL), 0);
}

static int
held_handled_count(void)
{
	int n;

	pthread_mutex_lock(&held_mu);
	n = held_handled;
	pthread_mutex_unlock(&held_mu);
	return n;
}

/* Set by a test that wants a short shutdown grace (0: the default). */
static unsigned grace_ms;

static struct http_server *
start_threads(int with_policy, unsigned threads)
{
	struct http_server_config cfg;
	struct http_server *srv;
	struct ct_error err;

	memset(&cfg, 0, sizeof(cfg));
	cfg.threads = threads;
	cfg.shutdown_grace_ms = grace_ms;
	cfg.body_max = BODY_MAX;
	cfg.header_memory = 8 * 1024;
	if (with_policy) {
		cfg.hooks.authorize = allow_all;
		cfg.hooks.record_access_start = hold_record;
	}
	if (http_server_start(&cfg, routes, CT_ARRAY_SIZE(routes), NULL, &srv,
			      &err))
		fail_msg("server did not start: %s", err.message);
	assert_true(http_server_port(srv) > 0);
	return srv;
}

static struct http_server *
start(int with_policy)
{
	return start_threads(with_policy, 2);
}

static int
connect_to(uint16_t port)
{
	struct sockaddr_in sin;
	struct timeval tv = {5, 0};
	int fd = socket(AF_INET, SOCK_STREAM, 0);

	assert_true(fd >= 0);
	setsockopt(fd, SOL_SOCKET, SO_RCVTIMEO, &tv, sizeof(tv));
	memset(&sin, 0, sizeof(sin));
	sin.sin_family = AF_INET;
	sin.sin_port = htons(port);
	sin.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
	if (connect(fd, (struct sockaddr *)&sin, sizeof(sin)) != 0) {
		close(fd);
		return -1;
	}
	return fd;
}

struct reply {
	char raw[64 * 1024];
	size_t len;
	unsigned status;
	const char *body;
};

/* Send raw request text and read until the server closes. */
static void
exchange(uint16_t port, const char *request, struct reply *r)
{
	size_t sent = 0, len = strlen(request);
	ssize_t n;
	int fd = connect_to(port);

	assert_true(fd >= 0);
	memset(r, 0, sizeof(*r));
	while (sent < len) {
		n = send(fd, request + sent, len - sent, MSG_NOSIGNAL);
		if (n <= 0)
			break; /* the server may refuse before we finish */
		sent += (size_t)n;
	}
	while (r->len < sizeof(r->raw) - 1) {
		n = recv(fd, r->raw + r->len, sizeof(r->raw) - 1 - r->len, 0);
		if (n <= 0)
			break;
		r->len += (size_t)n;
	}
	close(fd);
	r->raw[r->len] = '\0';
	if (sscanf(r->raw, "HTTP/1.1 %u", &r->status) != 1)
		fail_msg("no status line in: %s", r->raw);
	r->body = strstr(r->raw, "\r\n\r\n");
	assert_non_null(r->body);
	r->body += 4;
}

/* The value of a response header (copied into out), or NULL. */
static const char *
header(const struct reply *r, const char *name, char *out, size_t size)
{
	const char *p = r->raw, *end = r->body;
	size_t nlen = strlen(name);

	while ((p = strstr(p, "\r\n")) && p < end) {
		p += 2;
		if (strncasecmp(p, name, nlen) == 0 && p[nlen] == ':') {
			const char *v = p + nlen + 1, *e;

			while (*v == ' ')
				v++;
			e = strstr(v, "\r\n");
			snprintf(out, size, "%.*s", (int)(e - v), v);
			return out;
		}
	}
	return NULL;
}

static json_t *
json_body(const struct reply *r)
{
	json_t *j = json_loads(r->body, 0, NULL);

	if (!j)
		fail_msg("body is not JSON: %s", r->body);
	return j;
}

static void
assert_error_code(const struct reply *r, const char *code)
{
	json_t *j = json_body(r);

	assert_string_equal(json_string_value(json_object_get(j, "code")),
			    code);
	assert_true(json_is_string(json_object_get(j, "message")));
	assert_true(json_is_object(json_object_get(j, "fields")));
	json_decref(j);
}

static void
test_health_with_headers(void **state)
{
	struct http_server *srv = start(1);
	struct reply r;
	char v[256], id1[64];
	json_t *j;

	(void)state;
	exchange(http_server_port(srv),
		 "GET /health HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n",
		 &r);
	assert_int_equal(r.status, 200);
	j = json_body(&r);
	assert_string_equal(json_string_value(json_object_get(j, "status")),
			    "ok");
	json_decref(j);
	assert_non_null(header(&r, "Content-Type", v, sizeof(v)));
	assert_string_equal(v, HTTP_CONTENT_TYPE_JSON);
	assert_non_null(header(&r, "Content-Security-Policy", v, sizeof(v)));
	assert_string_equal(v, "default-src 'none'; frame-ancestors 'none'");
	assert_non_null(header(&r, "X-Content-Type-Options", v, sizeof(v)));
	assert_string_equal(v, "nosniff");
	assert_non_null(header(&r, "Referrer-Policy", v, sizeof(v)));
	assert_non_null(header(&r, "Cache-Control", v, sizeof(v)));
	assert_string_equal(v, "no-store");
	assert_non_null(header(&r, "X-Request-Id", id1, sizeof(id1)));
	assert_true(ct_uuid_valid(id1));

	/* every request has its own id */
	exchange(http_server_port(srv),
		 "GET /health HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n",
		 &r);
	assert_non_null(header(&r, "X-Request-Id", v, sizeof(v)));
	assert_string_not_equal(v, id1);
	http_server_stop(srv);
}

/* Two requests on one kept-alive connection: each its own record. */
static void
test_keep_alive(void **state)
{
	struct http_server *srv = start(1);
	struct reply r;
	const char *second;

	(void)state;
	exchange(http_server_port(srv),
		 "GET /health HTTP/1.1\r\nHost: x\r\n\r\n"
		 "GET /nope HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n",
		 &r);
	assert_int_equal(r.status, 200);
	second = strstr(r.body, "HTTP/1.1 ");
	assert_non_null(second);
	assert_int_equal(strncmp(second, "HTTP/1.1 404", 12), 0);
	http_server_stop(srv);
}

static void
test_errors_are_json(void **state)
{
	struct http_server *srv = start(1);
	uint16_t port = http_server_port(srv);
	struct reply r;
	char v[256];

	(void)state;
	exchange(port,
		 "GET /nope HTTP/1.1\r\nHost: x\r\n"
		 "Connection: close\r\n\r\n",
		 &r);
	assert_int_equal(r.status, 404);
	assert_error_code(&r, "not_found");
	assert_non_null(header(&r, "X-Request-Id", v, sizeof(v)));
	assert_non_null(header(&r, "X-Content-Type-Options", v, sizeof(v)));

	/* the raw target reaches the router: encoded dots are refused */
	exchange(port,
		 "GET /a/%2e%2e/health HTTP/1.1\r\nHost: x\r\n"
		 "Connection: close\r\n\r\n",
		 &r);
	assert_int_equal(r.status, 400);
	assert_error_code(&r, "bad_request");

	/* an encoded '/' would pass as a separator if decoded early */
	exchange(port,
		 "GET /health%2F HTTP/1.1\r\nHost: x\r\n"
		 "Connection: close\r\n\r\n",
		 &r);
	assert_int_equal(r.status, 400);

	exchange(port,
		 "DELETE /health HTTP/1.1\r\nHost: x\r\n"
		 "Connection: close\r\n\r\n",
		 &r);
	assert_int_equal(r.status, 405);
	assert_non_null(header(&r, "Allow", v, sizeof(v)));
	assert_string_equal(v, "GET, HEAD");

	exchange(port,
		 "GET /health?x=1 HTTP/1.1\r\nHost: x\r\n"
		 "Connection: close\r\n\r\n",
		 &r);
	assert_int_equal(r.status, 400);
	assert_error_code(&r, "invalid");
	http_server_stop(srv);
}

static void
test_body_limits(void **state)
{
	struct http_server *srv = start(1);
	uint16_t port = http_server_port(srv);
	struct reply r;
	char req[4096], big[BODY_MAX + 200];
	json_t *j;

	(void)state;
	exchange(port,
		 "POST /echo HTTP/1.1\r\nHost: x\r\nConnection: close\r\n"
		 "Content-Type: application/json\r\nContent-Length: 17\r\n\r\n"
		 "{\"text\":\"hallo\"}\n",
		 &r);
	assert_int_equal(r.status, 200);
	j = json_body(&r);
	assert_string_equal(json_string_value(json_object_get(j, "text")),
			    "hallo");
	json_decref(j);

	/* declared too large: refused before the body is sent at all */
	exchange(port,
		 "POST /echo HTTP/1.1\r\nHost: x\r\nConnection: close\r\n"
		 "Content-Type: application/json\r\n"
		 "Content-Length: 10000000\r\n\r\n",
		 &r);
	assert_int_equal(r.status, 413);
	assert_error_code(&r, "too_large");

	/* and with the body actually following */
	memset(big, 'a', sizeof(big));
	big[sizeof(big) - 1] = '\0';
	snprintf(req, sizeof(req),
		 "POST /echo HTTP/1.1\r\nHost: x\r\n"
		 "Connection: close\r\nContent-Type: application/json\r\n"
		 "Content-Length: %zu\r\n\r\n",
		 strlen(big));
	assert_true(strlen(req) + strlen(big) < sizeof(req) + sizeof(big));
	{
		char whole[sizeof(req) + sizeof(big)];

		snprintf(whole, sizeof(whole), "%s%s", req, big);
		exchange(port, whole, &r);
	}
	assert_int_equal(r.status, 413);

	exchange(port,
		 "POST /echo HTTP/1.1\r\nHost: x\r\nConnection: close\r\n"
		 "Content-Type: application/json\r\n"
		 "Transfer-Encoding: chunked\r\n\r\n5\r\n{\"a\":\r\n0\r\n\r\n",
		 &r);
	assert_int_equal(r.status, 411);
	assert_error_code(&r, "length_required");

	exchange(port,
		 "POST /echo HTTP/1.1\r\nHost: x\r\nConnection: close\r\n"
		 "Content-Type: text/plain\r\nContent-Length: 2\r\n\r\n{}",
		 &r);
	assert_int_equal(r.status, 415);
	http_server_stop(srv);
}

static void
test_header_limit(void **state)
{
	struct http_server *srv = start(1);
	static char req[16 * 1024];
	struct reply r;
	size_t n;

	(void)state;
	n = (size_t)snprintf(req, sizeof(req),
			     "GET /health HTTP/1.1\r\n"
			     "Host: x\r\nConnection: close\r\nX-Big: ");
	memset(req + n, 'b', 12000);
	n += 12000;
	snprintf(req + n, sizeof(req) - n, "\r\n\r\n");
	exchange(http_server_port(srv), req, &r);
	assert_true(r.status == 431 || r.status == 413);
	http_server_stop(srv);
}

static void
test_default_deny(void **state)
{
	struct http_server *srv = start(0);
	struct reply r;

	(void)state;
	exchange(http_server_port(srv),
		 "GET /health HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n",
		 &r);
	assert_int_equal(r.status, 403);
	assert_error_code(&r, "forbidden");
	http_server_stop(srv);
}

struct slow_client {
	uint16_t port;
	struct reply reply;
};

static void *
slow_client_run(void *arg)
{
	struct slow_client *c = arg;

	exchange(c->port,
		 "GET /slow HTTP/1.1\r\nHost: x\r\n"
		 "Connection: close\r\n\r\n",
		 &c->reply);
	return NULL;
}

static void
test_stop_finishes_request_in_flight(void **state)
{
	struct http_server *srv = start(1);
	struct slow_client client;
	struct timespec tick = {0, 5 * 1000000L};
	pthread_t thread;
	int i, fd;
	json_t *j;

	(void)state;
	memset(&client, 0, sizeof(client));
	client.port = http_server_port(srv);
	assert_int_equal(
		pthread_create(&thread, NULL, slow_client_run, &client), 0);
	for (i = 0; i < 400 && http_server_in_flight(srv) == 0; i++)
		nanosleep(&tick, NULL);
	assert_int_equal(http_server_in_flight(srv), 1);
	/* what SIGTERM does in `casustafel serve` */
	http_server_stop(srv);
	pthread_join(thread, NULL);
	assert_int_equal(client.reply.status, 200);
	j = json_body(&client.reply);
	assert_string_equal(json_string_value(json_object_get(j, "slow")),
			    "done");
	json_decref(j);
	/* and nothing listens any more */
	fd = connect_to(client.port);
	assert_int_equal(fd, -1);
}

struct held_client {
	uint16_t port;
	struct reply reply;
};

static void *
held_client_run(void *arg)
{
	struct held_client *c = arg;

	exchange(c->port,
		 "GET /held HTTP/1.1\r\nHost: x\r\n"
		 "Connection: close\r\n\r\n",
		 &c->reply);
	return NULL;
}

static void
held_reset(void)
{
	pthread_mutex_lock(&held_mu);
	memset(&held, 0, sizeof(held));
	held_handled = 0;
	pthread_mutex_unlock(&held_mu);
}

static void
test_suspended_until_recorded(void **state)
{
	/* One thread: it must serve others while /held waits. */
	struct http_server *srv = start_threads(1, 1);
	struct held_client c1, c2;
	pthread_t t1, t2;
	struct reply r;
	json_t *j;

	(void)state;
	held_reset();
	memset(&c1, 0, sizeof(c1));
	memset(&c2, 0, sizeof(c2));
	c1.port = c2.port = http_server_port(srv);
	assert_int_equal(pthread_create(&t1, NULL, held_client_run, &c1), 0);
	assert_int_equal(pthread_create(&t2, NULL, held_client_run, &c2), 0);
	assert_int_equal(held_wait(2), 2);
	/* Both wait for their records; the only thread is free. */
	exchange(http_server_port(srv),
		 "GET /health HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n",
		 &r);
	assert_int_equal(r.status, 200);
	assert_int_equal(held_handled_count(), 0);
	assert_int_equal(http_server_in_flight(srv), 2);

	held_answer(CT_OK);
	assert_int_equal(pthread_join(t1, NULL), 0);
	assert_int_equal(pthread_join(t2, NULL), 0);
	assert_int_equal(c1.reply.status, 200);
	assert_int_equal(c2.reply.status, 200);
	assert_int_equal(held_handled_count(), 2);
	j = json_body(&c1.reply);
	assert_string_equal(json_string_value(json_object_get(j, "held")),
			    "served");
	json_decref(j);
	http_server_stop(srv);
}

static void
test_record_failed_is_500(void **state)
{
	struct http_server *srv = start(1);
	struct held_client c;
	pthread_t t;

	(void)state;
	held_reset();
	memset(&c, 0, sizeof(c));
	c.port = http_server_port(srv);
	assert_int_equal(pthread_create(&t, NULL, held_client_run, &c), 0);
	assert_int_equal(held_wait(1), 1);
	held_answer(CT_ERR_IO);
	assert_int_equal(pthread_join(t, NULL), 0);
	assert_int_equal(c.reply.status, 500);
	assert_error_code(&c.reply, "internal");
	/* Not served: the handler never ran. */
	assert_int_equal(held_handled_count(), 0);
	http_server_stop(srv);
}

static void
test_record_answered_before_suspend(void **state)
{
	struct http_server *srv = start(1);
	struct reply r;

	(void)state;
	held_reset();
	held.answer_at_once = 1;
	exchange(http_server_port(srv),
		 "GET /held HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n",
		 &r);
	assert_int_equal(r.status, 200);
	assert_int_equal(held_handled_count(), 1);
	http_server_stop(srv);
}

struct stopper {
	struct http_server *srv;
};

static void *
stopper_main(void *arg)
{
	struct stopper *st = arg;

	http_server_stop(st->srv);
	return NULL;
}

static void
test_stop_waits_for_suspended_request(void **state)
{
	struct http_server *srv = start(1);
	struct timespec pause = {0, 100 * 1000000L};
	struct held_client c;
	struct stopper st = {srv};
	pthread_t t, ts;

	(void)state;
	held_reset();
	memset(&c, 0, sizeof(c));
	c.port = http_server_port(srv);
	assert_int_equal(pthread_create(&t, NULL, held_client_run, &c), 0);
	assert_int_equal(held_wait(1), 1);
	assert_int_equal(pthread_create(&ts, NULL, stopper_main, &st), 0);
	nanosleep(&pause, NULL);
	/* The record commits while the server is stopping: still served. */
	held_answer(CT_OK);
	assert_int_equal(pthread_join(ts, NULL), 0);
	assert_int_equal(pthread_join(t, NULL), 0);
	assert_int_equal(c.reply.status, 200);
	assert_int_equal(held_handled_count(), 1);
}

/* Past the grace period stop still waits for the record's answer. */
static void
test_stop_past_grace_waits_for_record(void **state)
{
	struct http_server *srv;
	struct timespec pause = {0, 300 * 1000000L};
	struct held_client c;
	struct stopper st;
	pthread_t t, ts;

	(void)state;
	grace_ms = 50;
	srv = start(1);
	grace_ms = 0;
	held_reset();
	memset(&c, 0, sizeof(c));
	c.port = http_server_port(srv);
	st.srv = srv;
	assert_int_equal(pthread_create(&t, NULL, held_client_run, &c), 0);
	assert_int_equal(held_wait(1), 1);
	assert_int_equal(pthread_create(&ts, NULL, stopper_main, &st), 0);
	nanosleep(&pause, NULL);
	held_answer(CT_OK);
	assert_int_equal(pthread_join(ts, NULL), 0);
	assert_int_equal(pthread_join(t, NULL), 0);
	assert_int_equal(c.reply.status, 200);
	assert_int_equal(held_handled_count(), 1);
}

static void
test_start_refusals(void **state)
{
	static const struct http_route no_action[] = {
		{.method = HTTP_METHOD_GET,
		 .pattern = "/x",
		 .handler = api_health_read},
	};
	struct http_server_config cfg;
	struct http_server *srv = (struct http_server *)&cfg;
	struct ct_error err;

	(void)state;
	memset(&cfg, 0, sizeof(cfg));
	cfg.bind_address = "localhost.invalid";
	assert_int_equal(http_server_start(&cfg, routes, 1, NULL, &srv, &err),
			 CT_ERR_CONFIG);
	assert_null(srv);
	cfg.bind_address = NULL;
	assert_int_equal(
		http_server_start(&cfg, no_action, 1, NULL, &srv, &err),
		CT_ERR_INVALID);
	assert_null(srv);
	assert_non_null(strstr(err.message, "GET /x"));
	http_server_stop(NULL);
}

static void
test_stop_signal(void **state)
{
	(void)state;
	http_server_block_stop_signals();
	kill(getpid(), SIGTERM);
	assert_int_equal(http_server_wait_stop_signal(), SIGTERM);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_health_with_headers),
		cmocka_unit_test(test_keep_alive),
		cmocka_unit_test(test_errors_are_json),
		cmocka_unit_test(test_body_limits),
		cmocka_unit_test(test_header_limit),
		cmocka_unit_test(test_default_deny),
		cmocka_unit_test(test_stop_finishes_request_in_flight),
		cmocka_unit_test(test_suspended_until_recorded),
		cmocka_unit_test(test_record_failed_is_500),
		cmocka_unit_test(test_record_answered_before_suspend),
		cmocka_unit_test(test_stop_waits_for_suspended_request),
		cmocka_unit_test(test_stop_past_grace_waits_for_record),
		cmocka_unit_test(test_start_refusals),
		cmocka_unit_test(test_stop_signal),
	};

	/* raw sockets may see a reset; the test must not die of SIGPIPE */
	signal(SIGPIPE, SIG_IGN);
	return cmocka_run_group_tests(tests, NULL, NULL);
}
