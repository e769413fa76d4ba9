/*
 * worklist_words.h - deadlines in plain Dutch words, for the work list
 * and the notifications (issue 4: "time left in plain words").
 *
 *   worklist_words_time_left(now, due):  "nog 45 minuten", "nog 3 uur",
 *       "nog 5 dagen en 2 uur", "nu", "10 minuten te laat", "2 dagen te
 *       laat" (the work list, the mail, and the order's clock)
 *   worklist_words_deadline(zone, due):  "maandag 13 juli 2026 om 13:59"
 *
 * Up to an hour counts in minutes, up to two days in whole hours, beyond
 * that in days and hours; always rounded down, so "nog 3 uur" means at least
 * three hours are left. The deadline is given in the wall-clock time of
 * the zone of the case (util/civtime.h). Pure and thread-safe.
 */
#ifndef CT_HTTP_WORKLIST_WORDS_H
#define CT_HTTP_WORKLIST_WORDS_H

#include <stddef.h>
#include <stdint.h>

#include "util/civtime.h"

#define WORKLIST_WORDS_SIZE 64

void worklist_words_time_left(int64_t now, int64_t due,
			      char out[WORKLIST_WORDS_SIZE]);
void worklist_words_deadline(enum ct_zone z, int64_t due,
			     char out[WORKLIST_WORDS_SIZE]);

#endif
