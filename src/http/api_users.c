/*
 * api_users.c - users over JSON.
 *
 * Who sees whom: the policy allows "user.read" to everyone signed in and
 * narrows it by organisation when it knows the target; the handlers apply
 * the same rule to lists and to single users as well, so that a route
 * without a target (the list) cannot widen it.
 */
#include "http/api_users.h"

#include <string.h>

#include <sodium.h>

#include "core/model_json.h"
#include "core/policy.h"
#include "core/validate.h"
#include "http/api_common.h"
#include "http/app.h"
#include "util/crypto.h"
#include "util/banned.h"

enum ct_err
api_users_list(void *app, struct http_request *req, struct http_response *resp,
	       struct ct_error *err)
{
	const struct app_session *s = app_session(req);
	struct store *st = api_store(app, err);
	struct api_page pg;
	struct user *users = NULL;
	size_t n = 0, i;
	json_t *items;
	enum ct_err rc;

	if (!st)
		return err->code;
	if (!s)
		CT_BUG("users route without a session");
	rc = store_user_list(
		st, policy_users_all_orgs(&s->subject) ? NULL : s->user.org_id,
		req->arena, &users, &n, err);
	if (rc)
		return api_store_failed(rc, err);
	api_page_read(req, &pg);
	items = api_json_array();
	for (i = 0; i < n; i++)
		if (api_page_contains(&pg, i))
			api_json_append(items, user_to_json(&users[i]));
	api_list_respond(req, resp, items, n, &pg);
	return CT_OK;
}

enum ct_err
api_users_create(void *app, struct http_request *req,
		 struct http_response *resp, struct ct_error *err)
{
	struct store *st = api_store(app, err);
	struct store_actor who = app_actor(req);
	char password[API_USERS_PASSWORD_LEN + 1];
	char hash[CT_PWHASH_SIZE];
	struct org o;
	struct user u;
	json_t *body;
	enum ct_err rc;

	if (!st)
		return err->code;
	memset(&u, 0, sizeof(u));
	u.active = 1;
	if (!user_from_json(req->body_json, MODEL_JSON_CREATE, &u,
			    &req->problems))
		user_validate(&u, &req->problems);
	rc = api_check_problems(req, err);
	if (rc)
		return rc;
	/* A clear field problem rather than a foreign-key failure. */
	if (store_org_get(st, u.org_id, req->arena, &o, NULL) != CT_OK) {
		ct_problems_add(&req->problems, "org_id",
				"deze organisatie bestaat niet");
		return api_check_problems(req, err);
	}
	ct_random_password(password, API_USERS_PASSWORD_LEN);
	rc = ct_password_hash(password, hash);
	if (rc == CT_OK)
		rc = store_user_create(st, &who, &u, hash, err);
	sodium_memzero(hash, sizeof(hash));
	if (rc) {
		sodium_memzero(password, sizeof(password));
		if (rc == CT_ERR_EXISTS)
			return ct_error_set(err, CT_ERR_EXISTS,
					    "De gebruikersnaam '%s' is al in "
					    "gebruik; kies een andere.",
					    u.username);
		return api_store_failed(rc, err);
	}
	body = api_json_object();
	api_json_set(body, "user", user_to_json(&u));
	api_json_set(body, "one_time_password", json_string(password));
	sodium_memzero(password, sizeof(password));
	http_response_json(resp, req->arena, 201, body);
	return CT_OK;
}

enum ct_err
api_users_read(void *app, struct http_request *req, struct http_response *resp,
	       struct ct_error *err)
{
	const struct app_session *s = app_session(req);
	struct store *st = api_store(app, err);
	struct user u;
	enum ct_err rc;

	if (!st)
		return err->code;
	if (!s)
		CT_BUG("users route without a session");
	rc = store_user_get(st, http_request_param(req, "user_id"), req->arena,
			    &u, err);
	if (rc)
		return api_store_failed(rc, err);
	if (!policy_users_all_orgs(&s->subject) &&
	    strcmp(u.org_id, s->user.org_id) != 0)
		return api_not_found(err);
	http_response_json(resp, req->arena, 200, user_to_json(&u));
	return CT_OK;
}

enum ct_err
api_users_update(void *app, struct http_request *req,
		 struct http_response *resp, struct ct_error *err)
{
	const struct app_session *s = app_session(req);
	struct store *st = api_store(app, err);
	struct store_actor who = app_actor(req);
	int64_t read_version;
	struct user u;
	enum ct_err rc;

	if (!st)
		return err->code;
	if (!s)
		CT_BUG("users route without a session");
	rc = store_user_get(st, http_request_param(req, "user_id"), req->arena,
			    &u, err);
	if (rc)
		return api_store_failed(rc, err);
	read_version = u.version;
	if (!user_from_json(req->body_json, MODEL_JSON_UPDATE, &u,
			    &req->problems))
		user_validate(&u, &req->problems);
	/* The last administrator must not lock everyone out by mistake. */
	if (strcmp(u.id, s->user.id) == 0) {
		if (!u.active)
			ct_problems_add(&req->problems, "active",
					"u kunt uw eigen account niet "
					"uitschakelen");
		if (!ct_has(u.roles, USER_ROLE_ADMIN))
			ct_problems_add(&req->problems, "roles",
					"u kunt uzelf de rol admin niet "
					"afnemen");
	}
	rc = api_check_problems(req, err);
	if (rc)
		return rc;
	if (u.version != read_version)
		return api_conflict(err);
	rc = store_user_update(st, &who, &u, err);
	if (rc)
		return api_store_failed(rc, err);
	http_response_json(resp, req->arena, 200, user_to_json(&u));
	return CT_OK;
}
