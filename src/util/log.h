/*
 * log.h - one line per event on stderr: time, level, message.
 * Never log personal data (names, BSN, addresses): log ids instead.
 */
#ifndef CT_UTIL_LOG_H
#define CT_UTIL_LOG_H

#include "util/compat.h"

enum ct_log_level {
	CT_LOG_DEBUG = 0,
	CT_LOG_INFO = 1,
	CT_LOG_WARN = 2,
	CT_LOG_ERROR = 3,
	CT_LOG_OFF = 4,
};

void ct_log_set_level(enum ct_log_level level);
enum ct_log_level ct_log_get_level(void);
/* Parse "debug", "info", "warn", "error", "off"; -1 when unknown. */
int ct_log_level_parse(const char *name);
void ct_log(enum ct_log_level level, const char *fmt, ...) CT_PRINTF(2, 3);

#define ct_debug(...) ct_log(CT_LOG_DEBUG, __VA_ARGS__)
#define ct_info(...) ct_log(CT_LOG_INFO, __VA_ARGS__)
#define ct_warn(...) ct_log(CT_LOG_WARN, __VA_ARGS__)
#define ct_error(...) ct_log(CT_LOG_ERROR, __VA_ARGS__)

#endif
