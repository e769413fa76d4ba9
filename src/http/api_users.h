/*
 * api_users.h - users: GET /api/v1/users, POST /api/v1/users
 * (administrators), GET /api/v1/users/{user_id}, PATCH
 * /api/v1/users/{user_id} (administrators).
 *
 * Administrators and privacy officers see every user; anyone else sees
 * the users of their own organisation only, and a user of another
 * organisation answers 404 like a missing one. Creating a user returns a
 * one-time password, shown once and stored only as its argon2id hash:
 * {"user": {...}, "one_time_password": "..."}. A user name already in
 * use answers 409 "exists".
 *
 * PATCH changes display_name, email (null clears it), roles and active;
 * "version" is required and must be the stored one (else 409 conflict).
 * The organisation and the user name never change. Deactivating ends the
 * user's sessions; an administrator cannot deactivate or demote their
 * own account (so that one cannot lock everyone out). Answers 200 with
 * the user as stored.
 */
#ifndef CT_HTTP_API_USERS_H
#define CT_HTTP_API_USERS_H

#include "http/router.h"

/* Length of the generated one-time password. */
#define API_USERS_PASSWORD_LEN 20

enum ct_err api_users_list(void *app, struct http_request *req,
			   struct http_response *resp, struct ct_error *err);
enum ct_err api_users_create(void *app, struct http_request *req,
			     struct http_response *resp, struct ct_error *err);
enum ct_err api_users_read(void *app, struct http_request *req,
			   struct http_response *resp, struct ct_error *err);
enum ct_err api_users_update(void *app, struct http_request *req,
			     struct http_response *resp, struct ct_error *err);

#endif
