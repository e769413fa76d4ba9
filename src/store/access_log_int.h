/*
 * access_log_int.h - what access_log.c shares with the group-committing
 * writer (access_logger.c); not a public interface.
 */
#ifndef CT_STORE_ACCESS_LOG_INT_H
#define CT_STORE_ACCESS_LOG_INT_H

#include <stddef.h>

#include "store/access_log.h"

/* Longest text field of a record, in bytes (purpose is free text). */
#define ACCESS_LOG_FIELD_MAX 1000

/* CT_ERR_INVALID unless rec is complete and within the limits. */
enum ct_err access_log_check(const struct access_record *rec,
			     struct ct_error *err);

/*
 * Append recs[0..n) to the chain, in that order, inside the write
 * transaction the caller holds (the head is read once for the batch).
 */
enum ct_err access_log_insert(struct store *st,
			      const struct access_record *const *recs, size_t n,
			      struct ct_error *err);

#endif
