/*
 * api_journal.h - the case timeline: GET /api/v1/cases/{case_id}/journal,
 * oldest first, paged. Each entry carries its before/after images as JSON
 * objects (null when absent) and its chain hashes.
 */
#ifndef CT_HTTP_API_JOURNAL_H
#define CT_HTTP_API_JOURNAL_H

#include <jansson.h>

#include "http/router.h"
#include "store/store.h"

enum ct_err api_journal_list(void *app, struct http_request *req,
			     struct http_response *resp, struct ct_error *err);

/* One entry as JSON (new reference). */
json_t *api_journal_entry_json(const struct journal_entry *e);

#endif
