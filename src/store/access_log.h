/*
 * access_log.h - the durable record of every read of personal data, and
 * every refusal (ARCHITECTURE.md "Data", issue 3 "The access log").
 *
 * Every response that carries personal data is preceded by a committed
 * access-log record: who, organisation, roles, which case/person, the
 * action, the purpose, allowed or denied and why, the request id.
 * Records are hash-chained (BLAKE2b, like the journal, own chain) and
 * `casustafel audit verify` checks both chains.
 *
 * Group commit: durability must not cap throughput. An access_logger owns
 * its own database connection and one writer thread. Callers hand it a
 * record and block until the batch that holds it has committed (one fsync
 * for every record that arrived meanwhile), so each caller still gets the
 * guarantee "written before served". The server does not block: it
 * submits the record with a callback and suspends the request until the
 * callback says the record is durable. With several server processes on one
 * PostgreSQL database the chain stays single: each batch appends under
 * the database's write lock.
 */
#ifndef CT_STORE_ACCESS_LOG_H
#define CT_STORE_ACCESS_LOG_H

#include <stddef.h>
#include <stdint.h>

#include "store/store.h"

struct access_record {
	int64_t at;
	const char *request_id; /* X-Request-Id; may be NULL (cli) */
	const char *user_id;	/* NULL: anonymous */
	const char *org_id;
	const char *roles;     /* comma-separated role codes */
	const char *action;    /* policy action name, e.g. "case.read" */
	const char *case_id;   /* may be NULL */
	const char *person_id; /* may be NULL */
	const char *purpose;   /* why (break-the-glass reason, "werklijst") */
	int allowed;
	const char *reason; /* the policy's reason code */
	int break_glass;
};

/* A stored record, as read back (strings in the caller's arena). */
struct access_entry {
	int64_t seq;
	char id[CT_UUID_SIZE];
	struct access_record rec;
	char prev_hash[CT_HASH_HEX_SIZE];
	char hash[CT_HASH_HEX_SIZE];
};

/* Append one record synchronously in its own transaction (cli, tests). */
enum ct_err store_access_log_append(struct store *st,
				    const struct access_record *rec,
				    struct ct_error *err);

struct access_log_query {
	const char *user_id;   /* "what did this user look at" */
	const char *person_id; /* "who looked at this person" */
	const char *case_id;
	const char *org_id;
	int allowed;	      /* -1: both, 0: refusals, 1: allowed */
	int64_t from, to;     /* 0: open */
	size_t offset, limit; /* limit 0: STORE_LIST_LIMIT_DEFAULT */
};
void access_log_query_init(struct access_log_query *q);
/* Newest first; *total without offset/limit. */
enum ct_err store_access_log_query(struct store *st,
				   const struct access_log_query *q,
				   struct arena *a, struct access_entry **out,
				   size_t *n, size_t *total,
				   struct ct_error *err);
/* Walk the access-log chain, as store_journal_verify does the journal. */
enum ct_err store_access_log_verify(struct store *st,
				    struct store_verify_result *res,
				    void (*progress)(int64_t done, void *ctx),
				    void *ctx, struct ct_error *err);

/* ---- the group-committing writer ---- */
struct access_logger;

struct access_logger_config {
	size_t batch_max; /* most records in one commit (default 256) */
	size_t queue_max; /* callers block when this many wait (4096) */
};

/* Opens its own connection to the database at path (same as store_open). */
enum ct_err access_logger_open(const char *path,
			       const struct access_logger_config *cfg,
			       struct access_logger **out,
			       struct ct_error *err);
/*
 * Queue rec and wait until it is committed. CT_OK means durable; any
 * error means it was not written (the caller must then refuse to serve).
 * Safe to call from many threads at once. rec's strings are copied.
 */
enum ct_err access_logger_write(struct access_logger *lg,
				const struct access_record *rec,
				struct ct_error *err);
/*
 * The same without waiting (the server, which suspends the request
 * meanwhile): CT_OK means rec is queued and done(ctx, rc, err) follows
 * exactly once, on the writer thread, after its batch committed (rc
 * CT_OK: durable) or failed (rc and err say why: nothing was written).
 * It may run before access_logger_submit has returned. done must be
 * quick and must not call the logger. Any other return means nothing was
 * queued and done is never called. rec's strings are copied; the call
 * blocks only while the queue is full.
 */
enum ct_err access_logger_submit(struct access_logger *lg,
				 const struct access_record *rec,
				 void (*done)(void *ctx, enum ct_err rc,
					      const struct ct_error *err),
				 void *ctx, struct ct_error *err);
/*
 * Flush what is queued, stop the thread, close the connection. Callers
 * already queued get their answer (CT_OK once flushed; submitted records
 * their done call, before this returns); calls that arrive while closing
 * are refused with CT_ERR_BUSY. Returns once every caller has left
 * access_logger_write and access_logger_submit; no call may start after
 * it returned.
 */
void access_logger_close(struct access_logger *lg);

/* What the writer has done so far (monitoring, the benchmark, tests). */
struct access_logger_stats {
	uint64_t records;	 /* committed */
	uint64_t batches;	 /* committed transactions */
	uint64_t failed_batches; /* rolled back: their callers got errors */
	size_t largest_batch;
	size_t callers; /* threads inside access_logger_write right now */
};
void access_logger_stats(struct access_logger *lg,
			 struct access_logger_stats *out);

#endif
