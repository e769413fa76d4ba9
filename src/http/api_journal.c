/*
 * api_journal.c - the case journal (timeline) over JSON.
 *
 * The store keeps the before/after images as the exact text that was
 * hashed; the API hands them out parsed, so a client reads one JSON
 * document, not JSON inside strings.
 */
#include "http/api_journal.h"

#include "http/api_common.h"
#include "http/app.h"
#include "util/banned.h"

static void
api_journal_set_image(json_t *obj, const char *key, const char *text)
{
	json_t *img = NULL;

	if (text)
		img = json_loads(text, 0, NULL);
	/* An image that does not parse is shown as it is stored. */
	if (!img && text)
		img = json_string(text);
	api_json_set(obj, key, img ? img : json_null());
}

json_t *
api_journal_entry_json(const struct journal_entry *e)
{
	json_t *j = api_json_object();

	api_json_set(j, "seq", json_integer((json_int_t)e->seq));
	api_json_set(j, "id", json_string(e->id));
	api_json_set_instant(j, "at", e->at, 0);
	api_json_set_text(j, "actor_user_id", e->actor_user_id);
	api_json_set_text(j, "actor_org_id", e->actor_org_id);
	api_json_set_text(j, "actor_label", e->actor_label);
	api_json_set_text(j, "case_id", e->case_id);
	api_json_set_text(j, "action", e->action);
	api_json_set_text(j, "entity", e->entity);
	api_json_set_text(j, "entity_id", e->entity_id);
	api_journal_set_image(j, "before", e->before_json);
	api_journal_set_image(j, "after", e->after_json);
	api_json_set(j, "prev_hash", json_string(e->prev_hash));
	api_json_set(j, "hash", json_string(e->hash));
	return j;
}

enum ct_err
api_journal_list(void *app, struct http_request *req,
		 struct http_response *resp, struct ct_error *err)
{
	struct store *st = api_store(app, err);
	struct api_page pg;
	struct journal_entry *entries = NULL;
	size_t n = 0, i;
	json_t *items;
	enum ct_err rc;

	if (!st)
		return err->code;
	rc = store_journal_list(st, http_request_param(req, "case_id"),
				req->arena, &entries, &n, err);
	if (rc)
		return api_store_failed(rc, err);
	api_page_read(req, &pg);
	items = api_json_array();
	for (i = 0; i < n; i++)
		if (api_page_contains(&pg, i))
			api_json_append(items,
					api_journal_entry_json(&entries[i]));
	api_list_respond(req, resp, items, n, &pg);
	return CT_OK;
}
