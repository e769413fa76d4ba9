/*
 * store_team.h - case teams and break-the-glass grants.
 *
 * A case is visible only to the organisations on its case team
 * (ARCHITECTURE.md "Security model"). The owning organisation is a member
 * from creation (store_case_create inserts it with reason "eigenaar") and
 * cannot be removed. Joining and leaving carry a recorded reason and are
 * journaled on the case ("team.add", "team.remove"); a removed member is
 * kept with removed_at set, so the history stays readable.
 *
 * Break-the-glass: a user may open a case outside its team only by giving
 * a reason; the grant is time-limited, journaled on the case
 * ("break_glass.open", so the owning organisation sees it in the
 * timeline), and listed for review until someone of the owning
 * organisation or a privacy officer reviews it.
 */
#ifndef CT_STORE_STORE_TEAM_H
#define CT_STORE_STORE_TEAM_H

#include <stddef.h>
#include <stdint.h>

#include "store/store.h"

#define STORE_REASON_MIN 10  /* bytes: a reason must say something */
#define STORE_REASON_MAX 1000

struct team_member {
	char case_id[CT_UUID_SIZE];
	char org_id[CT_UUID_SIZE];
	const char *org_name;
	const char *reason;
	const char *added_by;   /* actor label */
	int64_t added_at;
	int64_t removed_at;     /* 0 while a member */
	const char *removed_reason;
	int is_owner;
};

/* CT_ERR_EXISTS when already a member; CT_ERR_NOTFOUND for case or org. */
enum ct_err store_team_add(struct store *st, const struct store_actor *who,
			   const char *case_id, const char *org_id,
			   const char *reason, struct ct_error *err);
/* CT_ERR_DENIED for the owner; CT_ERR_NOTFOUND when not a member. */
enum ct_err store_team_remove(struct store *st, const struct store_actor *who,
			      const char *case_id, const char *org_id,
			      const char *reason, struct ct_error *err);
/* Current members (owner first), or all ever when with_removed. */
enum ct_err store_team_list(struct store *st, const char *case_id,
			    int with_removed, struct arena *a,
			    struct team_member **out, size_t *n,
			    struct ct_error *err);
/*
 * The ids of the current member organisations, for the policy
 * (policy_resource.team_org_ids), in id order; strings in the arena.
 */
enum ct_err store_team_org_ids(struct store *st, const char *case_id,
			       struct arena *a, const char ***out, size_t *n,
			       struct ct_error *err);

struct break_glass {
	char id[CT_UUID_SIZE];
	char user_id[CT_UUID_SIZE];
	char org_id[CT_UUID_SIZE];     /* the user's organisation */
	char case_id[CT_UUID_SIZE];
	char owner_org_id[CT_UUID_SIZE];
	const char *reason;
	int64_t created_at;
	int64_t expires_at;
	const char *reviewed_by;       /* actor label; NULL until reviewed */
	int64_t reviewed_at;
	const char *review_note;
};

#define STORE_BREAK_GLASS_SECONDS_MAX (24 * 3600)

/* Grant; b->user_id, org_id, case_id, reason, expires_at are input. */
enum ct_err store_break_glass_open(struct store *st,
				   const struct store_actor *who,
				   struct break_glass *b,
				   struct ct_error *err);
/* This user's grants still active at now. */
enum ct_err store_break_glass_active(struct store *st, const char *user_id,
				     int64_t now, struct arena *a,
				     struct break_glass **out, size_t *n,
				     struct ct_error *err);
struct store_break_glass_filter {
	const char *owner_org_id; /* NULL: all (privacy officer) */
	int unreviewed_only;
	size_t offset, limit;
};
enum ct_err store_break_glass_list(struct store *st,
				   const struct store_break_glass_filter *f,
				   struct arena *a, struct break_glass **out,
				   size_t *n, size_t *total,
				   struct ct_error *err);
/* One grant by id; CT_ERR_NOTFOUND when there is none. */
enum ct_err store_break_glass_get(struct store *st, const char *id,
				  struct arena *a, struct break_glass *out,
				  struct ct_error *err);
enum ct_err store_break_glass_review(struct store *st,
				     const struct store_actor *who,
				     const char *id, const char *note,
				     struct ct_error *err);

#endif
