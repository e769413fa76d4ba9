/*
 * server.h - the HTTP server: libmicrohttpd with a thread pool and epoll,
 * limits on everything a client controls, and a graceful stop.
 *
 * Contract:
 *  - http_server_start() copies the config, builds the router from the
 *    route table (refusing a bad table, see router_init) and starts
 *    listening; on success *out is the running server, on failure *out is
 *    NULL and err says why (CT_ERR_CONFIG for a bad address, CT_ERR_IO
 *    when the port cannot be bound). The route table and app are borrowed
 *    and must outlive the server.
 *  - Every request gets its own arena (released when the request
 *    completes) and a random request id, sent back as X-Request-Id on
 *    every response together with the security headers of response.h.
 *  - A body larger than body_max is refused with 413 before it is read;
 *    a body without a Content-Length (chunked) is refused with 411, so the
 *    limit can always be checked first. Headers beyond header_memory are
 *    refused by libmicrohttpd itself (431).
 *  - http_server_stop() stops accepting connections at once, lets the
 *    requests in flight finish (at most shutdown_grace_ms), then stops
 *    and frees the server. NULL is allowed.
 *
 * Typical use (casustafel serve):
 *
 *     http_server_block_stop_signals();      before any thread starts
 *     http_server_start(&cfg, routes, n, app, &srv, &err);
 *     http_server_wait_stop_signal();        SIGTERM or SIGINT
 *     http_server_stop(srv);
 */
#ifndef CT_HTTP_SERVER_H
#define CT_HTTP_SERVER_H

#include <stddef.h>
#include <stdint.h>

#include "http/router.h"
#include "util/err.h"

#define HTTP_SERVER_BIND_DEFAULT "127.0.0.1"
#define HTTP_SERVER_CONNECTIONS_DEFAULT 1024u
#define HTTP_SERVER_TIMEOUT_DEFAULT 30u /* seconds idle */
#define HTTP_SERVER_HEADER_MEMORY_DEFAULT ((size_t)32 * 1024)
#define HTTP_SERVER_ARENA_DEFAULT ((size_t)64 * 1024 * 1024)
#define HTTP_SERVER_GRACE_DEFAULT 10000u /* milliseconds */
#define HTTP_SERVER_THREADS_MAX 256u

/* Zero in any field means its default. */
struct http_server_config {
	const char *bind_address;   /* IPv4 or IPv6 literal; 127.0.0.1 */
	uint16_t port;		    /* 0: any free port (http_server_port) */
	unsigned threads;	    /* thread pool size; number of cores */
	unsigned connection_limit;  /* open connections at once */
	unsigned timeout_seconds;   /* idle connection timeout */
	size_t header_memory;	    /* per connection: request line+headers */
	size_t body_max;	    /* largest request body */
	size_t arena_max;	    /* per-request memory */
	unsigned shutdown_grace_ms; /* longest wait for requests in flight */
	struct router_hooks hooks;  /* authorize unset = every request 403 */
};

struct http_server;

enum ct_err http_server_start(const struct http_server_config *config,
			      const struct http_route *routes, size_t n,
			      void *app, struct http_server **out,
			      struct ct_error *err);

/* The port the server listens on (the chosen one when config said 0). */
uint16_t http_server_port(const struct http_server *srv);

/* Requests received and not yet completed (for tests and shutdown). */
size_t http_server_in_flight(struct http_server *srv);

void http_server_stop(struct http_server *srv);

/*
 * Block SIGTERM and SIGINT in the calling thread; call it before starting
 * any thread so that every thread inherits the mask and the signals wait
 * for http_server_wait_stop_signal(). Also ignores SIGPIPE.
 */
void http_server_block_stop_signals(void);
/* Wait for SIGTERM or SIGINT (blocked before); returns the signal. */
int http_server_wait_stop_signal(void);

#endif
