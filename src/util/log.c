/*
 * log.c - timestamped stderr logging; the level is process-wide.
 */
#include "util/log.h"

#include <stdarg.h>
#include <stdio.h>
#include <string.h>
#include <time.h>
#include "util/banned.h"

static enum ct_log_level log_level = CT_LOG_INFO;

static const char *const level_names[] = { "debug", "info", "warn",
					   "error", "off" };

void
ct_log_set_level(enum ct_log_level level)
{
	log_level = level;
}

enum ct_log_level
ct_log_get_level(void)
{
	return log_level;
}

int
ct_log_level_parse(const char *name)
{
	size_t i;

	for (i = 0; i < CT_ARRAY_SIZE(level_names); i++)
		if (strcmp(name, level_names[i]) == 0)
			return (int)i;
	return -1;
}

void
ct_log(enum ct_log_level level, const char *fmt, ...)
{
	char line[1024];
	struct timespec ts;
	struct tm tm;
	va_list ap;

	if (level < log_level || level >= CT_LOG_OFF)
		return;
	clock_gettime(CLOCK_REALTIME, &ts);
	gmtime_r(&ts.tv_sec, &tm);
	va_start(ap, fmt);
	vsnprintf(line, sizeof(line), fmt, ap);
	va_end(ap);
	fprintf(stderr, "%04d-%02d-%02dT%02d:%02d:%02dZ %s %s\n",
		tm.tm_year + 1900, tm.tm_mon + 1, tm.tm_mday, tm.tm_hour,
		tm.tm_min, tm.tm_sec, level_names[level], line);
}
