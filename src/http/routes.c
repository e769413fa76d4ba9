/*
 * routes.c - the complete route table of the API (app.h app_routes[]).
 *
 * Each api_<area>.h exports its rows as a macro list; this table only
 * gathers them, so adding an area is one line here. router_init() checks
 * the whole table at start-up (every row needs an action and a handler).
 *
 * Minimal version (engineer "server"): health, session and me. Engineer
 * "api" takes this file over and adds the other areas.
 */
#include "http/app.h"

#include "http/api_health.h"
#include "http/api_me.h"
#include "http/api_session.h"
#include "util/banned.h"

const struct http_route app_routes[] = {
	API_HEALTH_ROUTE,
	API_SESSION_ROUTES,
	API_ME_ROUTES,
	API_ME_ROUTES,
};

const size_t app_routes_count = sizeof(app_routes) / sizeof(app_routes[0]);
