/*
 * worklist_words.c - "nog 3 uur", "2 dagen te laat" and "maandag 13 juli
 * 2026 om 13:59": the words a coordinator reads on the work list and in
 * a notification mail. Dutch plural forms are written out here ("uur"
 * has no plural after a number).
 */
#include "http/worklist_words.h"

#include <stdio.h>

#include "util/banned.h"

#define MINUTE 60
#define HOUR 3600
#define DAY 86400

static const char *const weekdays[] = {"maandag",   "dinsdag", "woensdag",
				       "donderdag", "vrijdag", "zaterdag",
				       "zondag"};
static const char *const months[] = {"januari",	  "februari", "maart",
				     "april",	  "mei",      "juni",
				     "juli",	  "augustus", "september",
				     "oktober",	  "november", "december"};

/* "45 minuten", "1 minuut", "3 uur", "5 dagen", "5 dagen en 2 uur". */
static void
amount(int64_t seconds, char *out, size_t size)
{
	int64_t v, h;

	if (seconds < HOUR) {
		v = seconds / MINUTE;
		snprintf(out, size, "%lld %s", (long long)v,
			 v == 1 ? "minuut" : "minuten");
	} else if (seconds < 2 * DAY) {
		snprintf(out, size, "%lld uur", (long long)(seconds / HOUR));
	} else {
		/* An order runs ten days: "nog 9 dagen en 23 uur", not "nog
		 * 9 dagen", at 3 a.m. on the last day but one. */
		v = seconds / DAY;
		h = (seconds % DAY) / HOUR;
		if (h)
			snprintf(out, size, "%lld dagen en %lld uur",
				 (long long)v, (long long)h);
		else
			snprintf(out, size, "%lld dagen", (long long)v);
	}
}

void
worklist_words_time_left(int64_t now, int64_t due,
			 char out[WORKLIST_WORDS_SIZE])
{
	char a[WORKLIST_WORDS_SIZE - 16];

	/* Within the minute either way: a count of 0 says nothing. */
	if (due - now < MINUTE && now - due < MINUTE) {
		snprintf(out, WORKLIST_WORDS_SIZE, "nu");
		return;
	}
	if (due > now) {
		amount(due - now, a, sizeof(a));
		snprintf(out, WORKLIST_WORDS_SIZE, "nog %s", a);
	} else {
		amount(now - due, a, sizeof(a));
		snprintf(out, WORKLIST_WORDS_SIZE, "%s te laat", a);
	}
}

void
worklist_words_deadline(enum ct_zone z, int64_t due,
			char out[WORKLIST_WORDS_SIZE])
{
	struct ct_civil c;

	ct_local_from_instant(z, due, &c);
	snprintf(out, WORKLIST_WORDS_SIZE, "%s %d %s %d om %02d:%02d",
		 weekdays[ct_weekday(&c.date) - 1], c.date.day,
		 months[c.date.month - 1], c.date.year, c.hour, c.minute);
}
