/*
 * api_users.h - users: GET /api/v1/users, POST /api/v1/users
 * (administrators), GET /api/v1/users/{user_id}.
 *
 * Administrators and privacy officers see every user; anyone else sees
 * the users of their own organisation only, and a user of another
 * organisation answers 404 like a missing one. Creating a user returns a
 * one-time password, shown once and stored only as its argon2id hash:
 * {"user": {...}, "one_time_password": "..."}.
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

#endif
