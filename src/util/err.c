/*
 * err.c - error names and the formatting of user-facing detail.
 */
#include "util/err.h"

#include <stdarg.h>
#include <stdio.h>
#include <string.h>
#include "util/banned.h"

static const char *const err_names[CT_ERR__COUNT] = {
	[CT_OK] = "gelukt",
	[CT_ERR_NOMEM] = "onvoldoende geheugen",
	[CT_ERR_INVALID] = "ongeldige invoer",
	[CT_ERR_NOTFOUND] = "niet gevonden",
	[CT_ERR_CONFLICT] = "intussen door iemand anders gewijzigd",
	[CT_ERR_IO] = "lees- of schrijffout",
	[CT_ERR_DB] = "databasefout",
	[CT_ERR_DB_CORRUPT] = "databasebestand is beschadigd",
	[CT_ERR_DB_NEWER] = "database is van een nieuwere versie",
	[CT_ERR_DB_FOREIGN] = "bestand is geen Casustafel-database",
	[CT_ERR_DISK_FULL] = "schijf is vol",
	[CT_ERR_READONLY] = "alleen-lezen: kan niet schrijven",
	[CT_ERR_TAMPERED] = "hashketen klopt niet: gegevens gewijzigd",
	[CT_ERR_EXISTS] = "bestaat al",
	[CT_ERR_DENIED] = "geen toegang",
	[CT_ERR_USAGE] = "onjuist gebruik van de opdracht",
	[CT_ERR_CONFIG] = "fout in de configuratie",
	[CT_ERR_LIMIT] = "grens overschreden",
	[CT_ERR_BUSY] = "database is bezet",
	[CT_ERR_INTERNAL] = "interne fout",
};

const char *
ct_strerror(enum ct_err code)
{
	if ((int)code < 0 || code >= CT_ERR__COUNT || !err_names[code])
		return "onbekende fout";
	return err_names[code];
}

void
ct_error_clear(struct ct_error *err)
{
	if (!err)
		return;
	err->code = CT_OK;
	err->message[0] = '\0';
}

enum ct_err
ct_error_set(struct ct_error *err, enum ct_err code, const char *fmt, ...)
{
	va_list ap;

	if (!err)
		return code;
	err->code = code;
	va_start(ap, fmt);
	vsnprintf(err->message, sizeof(err->message), fmt, ap);
	va_end(ap);
	return code;
}

void
ct_problems_init(struct ct_problems *p)
{
	memset(p, 0, sizeof(*p));
}

void
ct_problems_add(struct ct_problems *p, const char *field, const char *fmt,
		...)
{
	struct ct_problem *item;
	va_list ap;

	if (p->count == CT_PROBLEMS_MAX) {
		p->dropped++;
		return;
	}
	item = &p->items[p->count++];
	snprintf(item->field, sizeof(item->field), "%s", field ? field : "");
	va_start(ap, fmt);
	vsnprintf(item->message, sizeof(item->message), fmt, ap);
	va_end(ap);
}

enum ct_err
ct_problems_to_error(const struct ct_problems *p, struct ct_error *err)
{
	size_t used = 0, i;
	int n;

	if (!ct_problems_any(p))
		return CT_OK;
	if (!err)
		return CT_ERR_INVALID;
	err->code = CT_ERR_INVALID;
	err->message[0] = '\0';
	for (i = 0; i < p->count && used < sizeof(err->message); i++) {
		const struct ct_problem *it = &p->items[i];
		n = snprintf(err->message + used, sizeof(err->message) - used,
			     "%s%s%s%s", i ? "; " : "", it->field,
			     it->field[0] ? ": " : "", it->message);
		if (n < 0)
			break;
		used += (size_t)n;
	}
	if (p->dropped && used < sizeof(err->message))
		snprintf(err->message + used, sizeof(err->message) - used,
			 "; en nog %zu andere problemen", p->dropped);
	return CT_ERR_INVALID;
}
