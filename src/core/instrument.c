/*
 * instrument.c - loading risk assessment instruments from JSON and
 * weighing answers against their outcome rules (contract: instrument.h).
 *
 * The loader is strict in the way a region's replacement file needs: it
 * walks the whole document, never stops at the first mistake, and names
 * each problem by its JSON path, so that one `casustafel instrument check`
 * shows everything to fix. Unknown members are refused rather than
 * ignored: a misspelt "rating_scal" would otherwise silently turn a rated
 * signal into an unrated one and change outcomes.
 *
 * Everything of one instrument lives in its own arena; the fixed limits
 * (instrument.h) bound it, so an arena refusal is a broken invariant.
 */
#include "core/instrument.h"

#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "core/vocab.h"
#include "util/compat.h"
#include "util/sbuf.h"
#include "util/banned.h"

/* Generous: the limits in instrument.h keep a real instrument far below. */
#define INSTRUMENT_ARENA_MAX ((size_t)32 * 1024 * 1024)

#define PATH_MAX_LEN CT_PROBLEM_FIELD_MAX

struct loader {
	struct instrument *ins;
	struct ct_problems *p;
};

static void *
ins_alloc(struct instrument *ins, size_t n, size_t size)
{
	void *m = arena_alloc_array(&ins->arena, n ? n : 1, size);

	if (!m)
		CT_BUG("instrument arena exhausted despite the limits");
	return m;
}

static const char *
ins_strdup(struct instrument *ins, const char *s)
{
	char *d = arena_strdup(&ins->arena, s);

	if (!d)
		CT_BUG("instrument arena exhausted despite the limits");
	return d;
}

/* A JSON path for a problem; a path too long is cut (it still points). */
static void CT_PRINTF(2, 3)
path_fmt(char out[PATH_MAX_LEN], const char *fmt, ...)
{
	va_list ap;

	va_start(ap, fmt);
	vsnprintf(out, PATH_MAX_LEN, fmt, ap);
	va_end(ap);
}

static void
path_join(char out[PATH_MAX_LEN], const char *base, const char *member)
{
	if (!base || !*base)
		path_fmt(out, "%s", member);
	else
		path_fmt(out, "%s.%s", base, member);
}

static void
path_index(char out[PATH_MAX_LEN], const char *base, const char *member,
	   size_t i)
{
	if (!base || !*base)
		path_fmt(out, "%s[%zu]", member, i);
	else
		path_fmt(out, "%s.%s[%zu]", base, member, i);
}

/* Refuse members of obj not in allowed (NULL-terminated). */
static void
check_members(struct loader *l, const json_t *obj, const char *path,
	      const char *const *allowed)
{
	const char *key;
	json_t *v;
	size_t i;

	json_object_foreach((json_t *)obj, key, v)
	{
		int known = 0;

		(void)v;
		for (i = 0; allowed[i]; i++)
			if (strcmp(allowed[i], key) == 0)
				known = 1;
		if (!known) {
			char at[PATH_MAX_LEN];

			path_join(at, path, key);
			ct_problems_add(l->p, at,
					"onbekend veld; toegestaan zijn "
					"alleen de velden van het formaat %s",
					INSTRUMENT_FORMAT);
		}
	}
}

/* A required (or optional) text member, copied into the arena. */
static const char *
get_text(struct loader *l, const json_t *obj, const char *path,
	 const char *key, int required, size_t max)
{
	json_t *v = json_object_get(obj, key);
	char at[PATH_MAX_LEN];
	const char *s;

	path_join(at, path, key);
	if (!v) {
		if (required)
			ct_problems_add(l->p, at, "ontbreekt");
		return NULL;
	}
	if (!json_is_string(v)) {
		ct_problems_add(l->p, at, "moet tekst zijn");
		return NULL;
	}
	s = json_string_value(v);
	if (strlen(s) != json_string_length(v)) {
		ct_problems_add(l->p, at, "bevat een NUL-teken");
		return NULL;
	}
	if (!*s) {
		ct_problems_add(l->p, at, "mag niet leeg zijn");
		return NULL;
	}
	if (strlen(s) > max) {
		ct_problems_add(l->p, at, "is te lang (ten hoogste %zu bytes)",
				max);
		return NULL;
	}
	return ins_strdup(l->ins, s);
}

static int
id_shaped(const char *s)
{
	for (; *s; s++)
		if (!((*s >= 'a' && *s <= 'z') || (*s >= 'A' && *s <= 'Z') ||
		      (*s >= '0' && *s <= '9') || *s == '.' || *s == '-' ||
		      *s == '_'))
			return 0;
	return 1;
}

/* An id or code: letters, digits, '.', '-', '_'. */
static const char *
get_id(struct loader *l, const json_t *obj, const char *path,
       const char *key, int required)
{
	const char *s =
		get_text(l, obj, path, key, required, INSTRUMENT_ID_MAX);
	char at[PATH_MAX_LEN];

	if (s && !id_shaped(s)) {
		path_join(at, path, key);
		ct_problems_add(l->p, at,
				"'%s' mag alleen letters, cijfers, '.', '-' "
				"en '_' bevatten",
				s);
		return NULL;
	}
	return s;
}

/* An array member with min..max elements; NULL (and a problem) if not. */
static const json_t *
get_array(struct loader *l, const json_t *obj, const char *path,
	  const char *key, int required, size_t min, size_t max)
{
	json_t *v = json_object_get(obj, key);
	char at[PATH_MAX_LEN];

	path_join(at, path, key);
	if (!v) {
		if (required)
			ct_problems_add(l->p, at, "ontbreekt");
		return NULL;
	}
	if (!json_is_array(v)) {
		ct_problems_add(l->p, at, "moet een lijst zijn");
		return NULL;
	}
	if (json_array_size(v) < min || json_array_size(v) > max) {
		ct_problems_add(l->p, at,
				"moet %zu tot en met %zu elementen hebben (nu "
				"%zu)",
				min, max, json_array_size(v));
		return NULL;
	}
	return v;
}

/* 0/1 for an optional boolean member; 0 and a problem when not boolean. */
static int
get_bool(struct loader *l, const json_t *obj, const char *path,
	 const char *key)
{
	json_t *v = json_object_get(obj, key);
	char at[PATH_MAX_LEN];

	if (!v)
		return 0;
	if (!json_is_boolean(v)) {
		path_join(at, path, key);
		ct_problems_add(l->p, at, "moet true of false zijn");
		return 0;
	}
	return json_is_true(v);
}

/* A list of texts (sources, notes). */
static const char **
get_texts(struct loader *l, const json_t *obj, const char *key, int required,
	  size_t *n)
{
	const json_t *arr =
		get_array(l, obj, "", key, required, 1, INSTRUMENT_LIST_MAX);
	const char **out;
	char at[PATH_MAX_LEN];
	size_t i;

	*n = 0;
	if (!arr)
		return NULL;
	out = ins_alloc(l->ins, json_array_size(arr), sizeof(*out));
	for (i = 0; i < json_array_size(arr); i++) {
		json_t *v = json_array_get(arr, i);

		path_index(at, "", key, i);
		if (!json_is_string(v) || !*json_string_value(v) ||
		    strlen(json_string_value(v)) != json_string_length(v) ||
		    json_string_length(v) > INSTRUMENT_TEXT_MAX) {
			ct_problems_add(l->p, at,
					"moet een niet-lege tekst van ten "
					"hoogste %d bytes zijn",
					INSTRUMENT_TEXT_MAX);
			continue;
		}
		out[(*n)++] = ins_strdup(l->ins, json_string_value(v));
	}
	return out;
}

static const struct instrument_scale *
find_scale(const struct instrument *ins, const char *id)
{
	size_t i;

	for (i = 0; i < ins->n_scales; i++)
		if (strcmp(ins->scales[i].id, id) == 0)
			return &ins->scales[i];
	return NULL;
}

/* A scale id member: must name a loaded scale. */
static const struct instrument_scale *
get_scale_ref(struct loader *l, const json_t *obj, const char *path,
	      const char *key, int required)
{
	const char *id = get_id(l, obj, path, key, required);
	const struct instrument_scale *sc;
	char at[PATH_MAX_LEN];

	if (!id)
		return NULL;
	sc = find_scale(l->ins, id);
	if (!sc) {
		path_join(at, path, key);
		ct_problems_add(l->p, at, "schaal '%s' bestaat niet", id);
	}
	return sc;
}

static void
load_scales(struct loader *l, const json_t *root)
{
	static const char *const scale_members[] = {"id", "values", NULL};
	static const char *const value_members[] = {"code", "label", "unknown",
						    NULL};
	struct instrument *ins = l->ins;
	const json_t *arr = get_array(l, root, "", "scales", 1, 1,
				      INSTRUMENT_SCALES_MAX);
	char at[PATH_MAX_LEN], vat[PATH_MAX_LEN];
	size_t i, k, m;

	if (!arr)
		return;
	ins->scales = ins_alloc(ins, json_array_size(arr),
				sizeof(*ins->scales));
	for (i = 0; i < json_array_size(arr); i++) {
		const json_t *js = json_array_get(arr, i);
		struct instrument_scale *sc = &ins->scales[ins->n_scales];
		const json_t *vals;

		/* A refused scale leaves its slot to the next one. */
		memset(sc, 0, sizeof(*sc));
		path_index(at, "", "scales", i);
		if (!json_is_object(js)) {
			ct_problems_add(l->p, at, "moet een object zijn");
			continue;
		}
		check_members(l, js, at, scale_members);
		sc->id = get_id(l, js, at, "id", 1);
		vals = get_array(l, js, at, "values", 1, 2,
				 INSTRUMENT_SCALE_VALUES_MAX);
		if (sc->id && find_scale(ins, sc->id)) {
			ct_problems_add(l->p, at,
					"schaal-id '%s' komt twee keer voor",
					sc->id);
			continue;
		}
		if (!sc->id || !vals)
			continue;
		sc->values = ins_alloc(ins, json_array_size(vals),
				       sizeof(*sc->values));
		for (k = 0; k < json_array_size(vals); k++) {
			const json_t *jv = json_array_get(vals, k);
			struct instrument_value *v = &sc->values[sc->n_values];
			int dup = 0;

			path_index(vat, at, "values", k);
			if (!json_is_object(jv)) {
				ct_problems_add(l->p, vat,
						"moet een object zijn");
				continue;
			}
			check_members(l, jv, vat, value_members);
			v->code = get_id(l, jv, vat, "code", 1);
			v->label = get_text(l, jv, vat, "label", 1,
					    INSTRUMENT_TEXT_MAX);
			v->is_unknown = get_bool(l, jv, vat, "unknown");
			if (!v->code || !v->label)
				continue;
			for (m = 0; m < sc->n_values; m++)
				if (strcmp(sc->values[m].code, v->code) == 0)
					dup = 1;
			if (dup) {
				ct_problems_add(l->p, vat,
						"code '%s' komt twee keer voor "
						"in deze schaal",
						v->code);
				continue;
			}
			sc->n_values++;
		}
		if (sc->n_values == json_array_size(vals))
			ins->n_scales++;
	}
}

/* Ids of parts, signals and items share one namespace. */
static int
id_taken(const struct instrument *ins, const char *id)
{
	size_t i;

	for (i = 0; i < ins->n_parts; i++)
		if (ins->parts[i].id && strcmp(ins->parts[i].id, id) == 0)
			return 1;
	for (i = 0; i < ins->n_signals; i++)
		if (strcmp(ins->signals[i].id, id) == 0)
			return 1;
	for (i = 0; i < ins->n_items; i++)
		if (strcmp(ins->items[i].id, id) == 0)
			return 1;
	return 0;
}

static const char *
get_unique_id(struct loader *l, const json_t *obj, const char *path)
{
	const char *id = get_id(l, obj, path, "id", 1);
	char at[PATH_MAX_LEN];

	if (id && id_taken(l->ins, id)) {
		path_join(at, path, "id");
		ct_problems_add(l->p, at,
				"id '%s' komt twee keer voor (delen, signalen "
				"en items delen één reeks ids)",
				id);
		return NULL;
	}
	return id;
}

static void
load_items(struct loader *l, const json_t *js, const char *path,
	   size_t signal)
{
	static const char *const item_members[] = {"id", "text", "scale",
						   NULL};
	struct instrument *ins = l->ins;
	const json_t *arr = get_array(l, js, path, "items", 1, 0,
				      INSTRUMENT_ITEMS_MAX);
	char at[PATH_MAX_LEN];
	size_t i;

	if (!arr)
		return;
	for (i = 0; i < json_array_size(arr); i++) {
		const json_t *ji = json_array_get(arr, i);
		struct instrument_item it;

		path_index(at, path, "items", i);
		if (!json_is_object(ji)) {
			ct_problems_add(l->p, at, "moet een object zijn");
			continue;
		}
		check_members(l, ji, at, item_members);
		memset(&it, 0, sizeof(it));
		it.id = get_unique_id(l, ji, at);
		it.text = get_text(l, ji, at, "text", 1, INSTRUMENT_TEXT_MAX);
		it.scale = get_scale_ref(l, ji, at, "scale", 1);
		it.signal = signal;
		if (!it.id || !it.text || !it.scale)
			continue;
		if (ins->n_items == INSTRUMENT_ITEMS_MAX) {
			ct_problems_add(l->p, at,
					"te veel items (ten hoogste %d)",
					INSTRUMENT_ITEMS_MAX);
			return;
		}
		ins->items[ins->n_items++] = it;
		ins->signals[signal].n_items++;
	}
}

static void
load_signals(struct loader *l, const json_t *jp, const char *path,
	     size_t part)
{
	static const char *const signal_members[] = {"id", "text",
						     "rating_scale", "items",
						     NULL};
	struct instrument *ins = l->ins;
	const json_t *arr = get_array(l, jp, path, "signals", 1, 1,
				      INSTRUMENT_SIGNALS_MAX);
	char at[PATH_MAX_LEN];
	size_t i;

	if (!arr)
		return;
	for (i = 0; i < json_array_size(arr); i++) {
		const json_t *js = json_array_get(arr, i);
		struct instrument_signal *sg;
		const char *id, *text;
		const struct instrument_scale *rating = NULL;

		path_index(at, path, "signals", i);
		if (!json_is_object(js)) {
			ct_problems_add(l->p, at, "moet een object zijn");
			continue;
		}
		check_members(l, js, at, signal_members);
		id = get_unique_id(l, js, at);
		text = get_text(l, js, at, "text", 1, INSTRUMENT_TEXT_MAX);
		if (json_object_get(js, "rating_scale"))
			rating = get_scale_ref(l, js, at, "rating_scale", 1);
		if (!id || !text)
			continue;
		if (ins->n_signals == INSTRUMENT_SIGNALS_MAX) {
			ct_problems_add(l->p, at,
					"te veel signalen (ten hoogste %d)",
					INSTRUMENT_SIGNALS_MAX);
			return;
		}
		sg = &ins->signals[ins->n_signals++];
		sg->id = id;
		sg->text = text;
		sg->rating_scale = rating;
		sg->part = part;
		sg->first_item = ins->n_items;
		ins->parts[part].n_signals++;
		load_items(l, js, at, ins->n_signals - 1);
		if (!sg->rating_scale && sg->n_items == 0 &&
		    !json_object_get(js, "rating_scale"))
			ct_problems_add(l->p, at,
					"signaal '%s' heeft geen items en geen "
					"rating_scale: er valt niets in te "
					"vullen",
					id);
	}
}

static void
load_parts(struct loader *l, const json_t *root)
{
	static const char *const part_members[] = {"id", "title", "signals",
						   NULL};
	struct instrument *ins = l->ins;
	const json_t *arr =
		get_array(l, root, "", "parts", 1, 1, INSTRUMENT_PARTS_MAX);
	char at[PATH_MAX_LEN];
	size_t i;

	ins->signals = ins_alloc(ins, INSTRUMENT_SIGNALS_MAX,
				 sizeof(*ins->signals));
	ins->items = ins_alloc(ins, INSTRUMENT_ITEMS_MAX, sizeof(*ins->items));
	if (!arr)
		return;
	ins->parts = ins_alloc(ins, json_array_size(arr), sizeof(*ins->parts));
	for (i = 0; i < json_array_size(arr); i++) {
		const json_t *jp = json_array_get(arr, i);
		struct instrument_part *pt = &ins->parts[ins->n_parts];
		const char *id;

		memset(pt, 0, sizeof(*pt));
		path_index(at, "", "parts", i);
		if (!json_is_object(jp)) {
			ct_problems_add(l->p, at, "moet een object zijn");
			continue;
		}
		check_members(l, jp, at, part_members);
		id = get_unique_id(l, jp, at);
		pt->title = get_text(l, jp, at, "title", 1,
				     INSTRUMENT_TEXT_MAX);
		if (!id)
			continue;
		pt->id = id;
		pt->first_signal = ins->n_signals;
		ins->n_parts++;
		load_signals(l, jp, at, ins->n_parts - 1);
	}
}

static int
code_in(const char *const *codes, size_t n, const char *code)
{
	size_t i;

	for (i = 0; i < n; i++)
		if (strcmp(codes[i], code) == 0)
			return (int)i;
	return -1;
}

/* Add code to codes unless there; 0, or -1 when the table is full. */
static int
add_code(const char **codes, size_t *n, const char *code)
{
	if (code_in(codes, *n, code) >= 0)
		return 0;
	if (*n == INSTRUMENT_CODES_MAX)
		return -1;
	codes[(*n)++] = code;
	return 0;
}

/* The distinct rating and answer codes, for counting. */
static void
collect_codes(struct loader *l)
{
	struct instrument *ins = l->ins;
	int full = 0;
	size_t i, k;

	for (i = 0; i < ins->n_signals; i++) {
		const struct instrument_scale *sc = ins->signals[i].rating_scale;

		for (k = 0; sc && k < sc->n_values; k++)
			if (add_code(ins->rating_codes, &ins->n_rating_codes,
				     sc->values[k].code))
				full = 1;
	}
	for (i = 0; i < ins->n_items; i++) {
		const struct instrument_scale *sc = ins->items[i].scale;

		for (k = 0; k < sc->n_values; k++)
			if (add_code(ins->answer_codes, &ins->n_answer_codes,
				     sc->values[k].code))
				full = 1;
	}
	if (full)
		ct_problems_add(l->p, "scales",
				"te veel verschillende codes in gebruik (ten "
				"hoogste %d voor beoordelingen en %d voor "
				"antwoorden)",
				INSTRUMENT_CODES_MAX, INSTRUMENT_CODES_MAX);
}

static int
part_index(const struct instrument *ins, const char *id)
{
	size_t i;

	for (i = 0; i < ins->n_parts; i++)
		if (strcmp(ins->parts[i].id, id) == 0)
			return (int)i;
	return -1;
}

static void
load_condition(struct loader *l, const json_t *jw, const char *path,
	       struct instrument_condition *c)
{
	static const char *const when_members[] = {
		"always", "signals_rated", "items_answered", "at_least",
		"within_one_part", "part", "signals", NULL};
	struct instrument *ins = l->ins;
	int kinds = 0;
	char at[PATH_MAX_LEN];
	const json_t *sigs, *least;
	const char *part;
	size_t i;

	memset(c, 0, sizeof(*c));
	c->part = -1;
	if (!json_is_object(jw)) {
		ct_problems_add(l->p, path, "ontbreekt of is geen object");
		return;
	}
	check_members(l, jw, path, when_members);
	if (json_object_get(jw, "always")) {
		kinds++;
		c->kind = INSTRUMENT_COND_ALWAYS;
		if (!get_bool(l, jw, path, "always")) {
			path_join(at, path, "always");
			ct_problems_add(l->p, at, "moet true zijn");
		}
	}
	if (json_object_get(jw, "signals_rated")) {
		kinds++;
		c->kind = INSTRUMENT_COND_SIGNALS_RATED;
		c->code = get_id(l, jw, path, "signals_rated", 1);
		if (c->code && code_in(ins->rating_codes, ins->n_rating_codes,
				       c->code) < 0) {
			path_join(at, path, "signals_rated");
			ct_problems_add(l->p, at,
					"code '%s' staat op geen schaal van "
					"een beoordeeld signaal",
					c->code);
		}
	}
	if (json_object_get(jw, "items_answered")) {
		kinds++;
		c->kind = INSTRUMENT_COND_ITEMS_ANSWERED;
		c->code = get_id(l, jw, path, "items_answered", 1);
		if (c->code && code_in(ins->answer_codes, ins->n_answer_codes,
				       c->code) < 0) {
			path_join(at, path, "items_answered");
			ct_problems_add(l->p, at,
					"code '%s' staat op geen schaal van "
					"een item",
					c->code);
		}
	}
	if (kinds != 1) {
		ct_problems_add(l->p, path,
				"noem precies één van always, signals_rated "
				"en items_answered");
		return;
	}
	least = json_object_get(jw, "at_least");
	if (c->kind == INSTRUMENT_COND_ALWAYS) {
		if (least || json_object_get(jw, "part") ||
		    json_object_get(jw, "signals") ||
		    json_object_get(jw, "within_one_part"))
			ct_problems_add(l->p, path,
					"always staat alleen: geen at_least, "
					"part, signals of within_one_part");
		return;
	}
	path_join(at, path, "at_least");
	if (!least)
		ct_problems_add(l->p, at, "ontbreekt");
	else if (!json_is_integer(least) || json_integer_value(least) < 1 ||
		 json_integer_value(least) > INSTRUMENT_AT_LEAST_MAX)
		ct_problems_add(l->p, at,
				"moet een geheel getal van 1 tot en met %d "
				"zijn",
				INSTRUMENT_AT_LEAST_MAX);
	else
		c->at_least = (unsigned)json_integer_value(least);
	c->within_one_part = get_bool(l, jw, path, "within_one_part");
	part = get_id(l, jw, path, "part", 0);
	if (part) {
		c->part = part_index(ins, part);
		path_join(at, path, "part");
		if (c->part < 0)
			ct_problems_add(l->p, at, "deel '%s' bestaat niet",
					part);
		else if (c->within_one_part)
			ct_problems_add(l->p, at,
					"part en within_one_part sluiten "
					"elkaar uit");
	}
	sigs = get_array(l, jw, path, "signals", 0, 1, INSTRUMENT_LIST_MAX);
	for (i = 0; sigs && i < json_array_size(sigs); i++) {
		json_t *v = json_array_get(sigs, i);
		int s = json_is_string(v)
				? instrument_signal_index(ins,
							  json_string_value(v))
				: -1;

		path_index(at, path, "signals", i);
		if (s < 0) {
			ct_problems_add(l->p, at,
					"verwijst naar een signaal dat niet "
					"bestaat");
			continue;
		}
		if (c->kind == INSTRUMENT_COND_SIGNALS_RATED &&
		    !ins->signals[s].rating_scale) {
			ct_problems_add(l->p, at,
					"signaal '%s' wordt niet beoordeeld "
					"(geen rating_scale)",
					ins->signals[s].id);
			continue;
		}
		c->signals[c->n_signals++] = (size_t)s;
	}
}

static void
load_outcomes(struct loader *l, const json_t *root)
{
	static const char *const outcome_members[] = {
		"code", "label", "rule", "advice", "when", NULL};
	struct instrument *ins = l->ins;
	const json_t *arr = get_array(l, root, "", "outcomes", 1, 1,
				      INSTRUMENT_OUTCOMES_MAX);
	char at[PATH_MAX_LEN], wat[PATH_MAX_LEN];
	size_t i, n;

	if (!arr)
		return;
	n = json_array_size(arr);
	ins->outcomes = ins_alloc(ins, n, sizeof(*ins->outcomes));
	for (i = 0; i < n; i++) {
		const json_t *jo = json_array_get(arr, i);
		struct instrument_outcome *o = &ins->outcomes[ins->n_outcomes];

		path_index(at, "", "outcomes", i);
		if (!json_is_object(jo)) {
			ct_problems_add(l->p, at, "moet een object zijn");
			continue;
		}
		check_members(l, jo, at, outcome_members);
		o->code = get_id(l, jo, at, "code", 1);
		o->label = get_text(l, jo, at, "label", 1,
				    INSTRUMENT_TEXT_MAX);
		o->rule = get_text(l, jo, at, "rule", 1, INSTRUMENT_TEXT_MAX);
		o->advice = get_text(l, jo, at, "advice", 0,
				     INSTRUMENT_TEXT_MAX);
		path_join(wat, at, "when");
		load_condition(l, json_object_get(jo, "when"), wat, &o->when);
		if (o->code && instrument_outcome_find(ins, o->code)) {
			ct_problems_add(l->p, at,
					"uitkomst '%s' komt twee keer voor",
					o->code);
			continue;
		}
		if (o->when.kind == INSTRUMENT_COND_ALWAYS && i + 1 < n)
			ct_problems_add(l->p, wat,
					"always vóór de laatste uitkomst: de "
					"regels erna gelden nooit");
		if (i + 1 == n && o->when.kind != INSTRUMENT_COND_ALWAYS)
			ct_problems_add(l->p, wat,
					"de laatste uitkomst moet always "
					"zijn, zodat volledige antwoorden "
					"altijd een uitkomst geven");
		if (o->code && o->label && o->rule)
			ins->n_outcomes++;
	}
}

static void
load_roles(struct loader *l, const json_t *root)
{
	const json_t *arr = get_array(l, root, "", "assessor_roles", 0, 1,
				      INSTRUMENT_LIST_MAX);
	char at[PATH_MAX_LEN];
	size_t i;

	for (i = 0; arr && i < json_array_size(arr); i++) {
		json_t *v = json_array_get(arr, i);
		int r = json_is_string(v)
				? vocab_index(&vocab_user_role,
					      json_string_value(v))
				: -1;

		path_index(at, "", "assessor_roles", i);
		if (r < 0)
			ct_problems_add(l->p, at,
					"is geen gebruikersrol (bijvoorbeeld "
					"hovj, police_officer, coordinator)");
		else
			l->ins->assessor_roles |= (uint32_t)1 << r;
	}
}

static void
load_root(struct loader *l, const json_t *root)
{
	static const char *const root_members[] = {
		"format",  "id",	     "version", "title",
		"description", "jurisdiction", "sources", "notes",
		"assessor_roles", "scales", "parts",   "outcomes",
		NULL};
	struct instrument *ins = l->ins;
	const char *format;

	if (!json_is_object(root)) {
		ct_problems_add(l->p, "(document)",
				"een instrument is een JSON-object");
		return;
	}
	check_members(l, root, "", root_members);
	format = get_text(l, root, "", "format", 1, INSTRUMENT_ID_MAX);
	if (format && strcmp(format, INSTRUMENT_FORMAT) != 0)
		ct_problems_add(l->p, "format",
				"'%s' is onbekend; verwacht %s", format,
				INSTRUMENT_FORMAT);
	ins->id = get_id(l, root, "", "id", 1);
	ins->version = get_id(l, root, "", "version", 1);
	ins->title = get_text(l, root, "", "title", 1, INSTRUMENT_TEXT_MAX);
	ins->description =
		get_text(l, root, "", "description", 1, INSTRUMENT_TEXT_MAX);
	ins->jurisdiction = get_text(l, root, "", "jurisdiction", 0, 2);
	if (ins->jurisdiction && strcmp(ins->jurisdiction, "NL") != 0 &&
	    strcmp(ins->jurisdiction, "BE") != 0)
		ct_problems_add(l->p, "jurisdiction", "moet NL of BE zijn");
	ins->sources = get_texts(l, root, "sources", 1, &ins->n_sources);
	ins->notes = get_texts(l, root, "notes", 0, &ins->n_notes);
	load_roles(l, root);
	load_scales(l, root);
	load_parts(l, root);
	collect_codes(l);
	load_outcomes(l, root);
}

enum ct_err
instrument_parse(const char *text, size_t len, struct instrument **out,
		 struct ct_problems *p)
{
	struct instrument *ins;
	struct loader l;
	json_error_t jerr;
	json_t *root;

	*out = NULL;
	if (len > INSTRUMENT_FILE_MAX) {
		ct_problems_add(p, "(document)",
				"groter dan %zu bytes", INSTRUMENT_FILE_MAX);
		return CT_ERR_LIMIT;
	}
	/* Duplicate keys are refused: the later one would win silently. */
	root = json_loadb(text, len, JSON_REJECT_DUPLICATES, &jerr);
	if (!root) {
		ct_problems_add(p, "(document)",
				"geen geldige JSON (regel %d, kolom %d): %s",
				jerr.line, jerr.column, jerr.text);
		return CT_ERR_INVALID;
	}
	ins = ct_calloc(1, sizeof(*ins));
	arena_init(&ins->arena, INSTRUMENT_ARENA_MAX);
	l.ins = ins;
	l.p = p;
	load_root(&l, root);
	json_decref(root);
	if (ct_problems_any(p)) {
		instrument_free(ins);
		return CT_ERR_INVALID;
	}
	*out = ins;
	return CT_OK;
}

void
instrument_free(struct instrument *ins)
{
	if (!ins)
		return;
	arena_release(&ins->arena);
	free(ins);
}

int
instrument_signal_index(const struct instrument *ins, const char *id)
{
	size_t i;

	for (i = 0; id && i < ins->n_signals; i++)
		if (strcmp(ins->signals[i].id, id) == 0)
			return (int)i;
	return -1;
}

int
instrument_item_index(const struct instrument *ins, const char *id)
{
	size_t i;

	for (i = 0; id && i < ins->n_items; i++)
		if (strcmp(ins->items[i].id, id) == 0)
			return (int)i;
	return -1;
}

const struct instrument_outcome *
instrument_outcome_find(const struct instrument *ins, const char *code)
{
	size_t i;

	for (i = 0; code && i < ins->n_outcomes; i++)
		if (strcmp(ins->outcomes[i].code, code) == 0)
			return &ins->outcomes[i];
	return NULL;
}

int
instrument_scale_value(const struct instrument_scale *scale, const char *code)
{
	size_t i;

	for (i = 0; code && i < scale->n_values; i++)
		if (strcmp(scale->values[i].code, code) == 0)
			return (int)i;
	return -1;
}

/* ------------------------------------------------------------------ */
/* JSON out                                                           */

static json_t *
checked(json_t *j)
{
	if (!j)
		CT_BUG("jansson out of memory");
	return j;
}

static void
set(json_t *obj, const char *key, json_t *v)
{
	if (json_object_set_new(obj, key, checked(v)))
		CT_BUG("jansson out of memory");
}

static void
set_text(json_t *obj, const char *key, const char *s)
{
	if (s)
		set(obj, key, json_string(s));
}

static void
append(json_t *arr, json_t *v)
{
	if (json_array_append_new(arr, checked(v)))
		CT_BUG("jansson out of memory");
}

static json_t *
texts_json(const char *const *t, size_t n)
{
	json_t *arr = checked(json_array());
	size_t i;

	for (i = 0; i < n; i++)
		append(arr, json_string(t[i]));
	return arr;
}

static json_t *
condition_json(const struct instrument *ins,
	       const struct instrument_condition *c)
{
	json_t *o = checked(json_object());
	size_t i;

	if (c->kind == INSTRUMENT_COND_ALWAYS) {
		set(o, "always", json_true());
		return o;
	}
	set(o, c->kind == INSTRUMENT_COND_SIGNALS_RATED ? "signals_rated"
							: "items_answered",
	    json_string(c->code));
	set(o, "at_least", json_integer(c->at_least));
	if (c->within_one_part)
		set(o, "within_one_part", json_true());
	if (c->part >= 0)
		set(o, "part", json_string(ins->parts[c->part].id));
	if (c->n_signals) {
		json_t *s = checked(json_array());

		for (i = 0; i < c->n_signals; i++)
			append(s, json_string(ins->signals[c->signals[i]].id));
		set(o, "signals", s);
	}
	return o;
}

json_t *
instrument_summary_json(const struct instrument *ins)
{
	json_t *o = checked(json_object());

	set(o, "id", json_string(ins->id));
	set(o, "version", json_string(ins->version));
	set(o, "title", json_string(ins->title));
	set_text(o, "jurisdiction", ins->jurisdiction);
	return o;
}

json_t *
instrument_to_json(const struct instrument *ins)
{
	json_t *o = instrument_summary_json(ins);
	json_t *scales = checked(json_array()), *parts = checked(json_array());
	json_t *outcomes = checked(json_array()), *roles;
	size_t i, k, m;

	set(o, "format", json_string(INSTRUMENT_FORMAT));
	set(o, "description", json_string(ins->description));
	set(o, "sources", texts_json(ins->sources, ins->n_sources));
	if (ins->n_notes)
		set(o, "notes", texts_json(ins->notes, ins->n_notes));
	if (ins->assessor_roles) {
		roles = checked(json_array());
		for (i = 0; i < USER_ROLE__COUNT; i++)
			if (ins->assessor_roles & ((uint32_t)1 << i))
				append(roles, json_string(vocab_code(
						      &vocab_user_role,
						      (unsigned)i)));
		set(o, "assessor_roles", roles);
	}
	for (i = 0; i < ins->n_scales; i++) {
		json_t *vals = checked(json_array());

		for (k = 0; k < ins->scales[i].n_values; k++) {
			const struct instrument_value *v =
				&ins->scales[i].values[k];
			json_t *jv = checked(json_pack(
				"{s:s,s:s}", "code", v->code, "label",
				v->label));

			if (v->is_unknown)
				set(jv, "unknown", json_true());
			append(vals, jv);
		}
		append(scales, json_pack("{s:s,s:o}", "id", ins->scales[i].id,
					 "values", vals));
	}
	set(o, "scales", scales);
	for (i = 0; i < ins->n_parts; i++) {
		const struct instrument_part *pt = &ins->parts[i];
		json_t *sigs = checked(json_array());

		for (k = 0; k < pt->n_signals; k++) {
			const struct instrument_signal *sg =
				&ins->signals[pt->first_signal + k];
			json_t *js = checked(json_object()),
			       *items = checked(json_array());

			set(js, "id", json_string(sg->id));
			set(js, "text", json_string(sg->text));
			if (sg->rating_scale)
				set(js, "rating_scale",
				    json_string(sg->rating_scale->id));
			for (m = 0; m < sg->n_items; m++) {
				const struct instrument_item *it =
					&ins->items[sg->first_item + m];

				append(items,
				       json_pack("{s:s,s:s,s:s}", "id", it->id,
						 "text", it->text, "scale",
						 it->scale->id));
			}
			set(js, "items", items);
			append(sigs, js);
		}
		append(parts, json_pack("{s:s,s:s,s:o}", "id", pt->id, "title",
					pt->title, "signals", sigs));
	}
	set(o, "parts", parts);
	for (i = 0; i < ins->n_outcomes; i++) {
		const struct instrument_outcome *oc = &ins->outcomes[i];
		json_t *jo = checked(json_pack("{s:s,s:s,s:s}", "code",
					       oc->code, "label", oc->label,
					       "rule", oc->rule));

		set_text(jo, "advice", oc->advice);
		set(jo, "when", condition_json(ins, &oc->when));
		append(outcomes, jo);
	}
	set(o, "outcomes", outcomes);
	return o;
}

/* ------------------------------------------------------------------ */
/* Answers                                                            */

void
instrument_answers_init(struct instrument_answers *a)
{
	size_t i;

	for (i = 0; i < INSTRUMENT_ITEMS_MAX; i++)
		a->item[i] = -1;
	for (i = 0; i < INSTRUMENT_SIGNALS_MAX; i++)
		a->signal[i] = -1;
}

static void
field_of(char out[PATH_MAX_LEN], const char *field, const char *group,
	 const char *id)
{
	path_fmt(out, "%s.%s.%s", field, group, id);
}

size_t
instrument_answers_from_json(const struct instrument *ins, const json_t *j,
			     const char *field, struct instrument_answers *out,
			     struct ct_problems *p)
{
	size_t before = p->count + p->dropped;
	char at[PATH_MAX_LEN];
	const char *key;
	json_t *v, *items, *signals;

	instrument_answers_init(out);
	if (!json_is_object(j)) {
		ct_problems_add(p, field,
				"moet een object zijn met items en signals");
		return 1;
	}
	json_object_foreach((json_t *)j, key, v)
	{
		(void)v;
		if (strcmp(key, "items") != 0 && strcmp(key, "signals") != 0) {
			path_fmt(at, "%s.%s", field, key);
			ct_problems_add(p, at,
					"onbekend veld; alleen items en "
					"signals");
		}
	}
	items = json_object_get(j, "items");
	signals = json_object_get(j, "signals");
	if (items && !json_is_object(items)) {
		path_fmt(at, "%s.items", field);
		ct_problems_add(p, at, "moet een object zijn (item-id: code)");
		items = NULL;
	}
	if (signals && !json_is_object(signals)) {
		path_fmt(at, "%s.signals", field);
		ct_problems_add(p, at,
				"moet een object zijn (signaal-id: code)");
		signals = NULL;
	}
	json_object_foreach(items, key, v)
	{
		int i = instrument_item_index(ins, key), val;

		field_of(at, field, "items", key);
		if (i < 0) {
			ct_problems_add(p, at, "item '%s' bestaat niet in %s",
					key, ins->id);
			continue;
		}
		val = json_is_string(v)
			      ? instrument_scale_value(ins->items[i].scale,
						       json_string_value(v))
			      : -1;
		if (val < 0) {
			ct_problems_add(p, at,
					"antwoord op item '%s' moet een code "
					"van schaal '%s' zijn",
					key, ins->items[i].scale->id);
			continue;
		}
		out->item[i] = val;
	}
	json_object_foreach(signals, key, v)
	{
		int s = instrument_signal_index(ins, key), val;
		const struct instrument_scale *sc;

		field_of(at, field, "signals", key);
		if (s < 0) {
			ct_problems_add(p, at,
					"signaal '%s' bestaat niet in %s", key,
					ins->id);
			continue;
		}
		sc = ins->signals[s].rating_scale;
		if (!sc) {
			ct_problems_add(p, at,
					"signaal '%s' wordt niet beoordeeld",
					key);
			continue;
		}
		val = json_is_string(v)
			      ? instrument_scale_value(sc, json_string_value(v))
			      : -1;
		if (val < 0) {
			ct_problems_add(p, at,
					"beoordeling van signaal '%s' moet "
					"een code van schaal '%s' zijn",
					key, sc->id);
			continue;
		}
		out->signal[s] = val;
	}
	return p->count + p->dropped - before;
}

json_t *
instrument_answers_to_json(const struct instrument *ins,
			   const struct instrument_answers *a)
{
	json_t *items = checked(json_object()), *sigs = checked(json_object());
	size_t i;

	for (i = 0; i < ins->n_items; i++)
		if (a->item[i] >= 0)
			set(items, ins->items[i].id,
			    json_string(ins->items[i]
						.scale->values[a->item[i]]
						.code));
	for (i = 0; i < ins->n_signals; i++)
		if (a->signal[i] >= 0 && ins->signals[i].rating_scale)
			set(sigs, ins->signals[i].id,
			    json_string(ins->signals[i]
						.rating_scale
						->values[a->signal[i]]
						.code));
	return checked(json_pack("{s:o,s:o}", "items", items, "signals",
				 sigs));
}

/* ------------------------------------------------------------------ */
/* Rating                                                             */

/* The known value of signal s, or NULL when not (yet) known. */
static const struct instrument_value *
signal_value(const struct instrument *ins, const struct instrument_answers *a,
	     size_t s)
{
	const struct instrument_scale *sc = ins->signals[s].rating_scale;
	const struct instrument_value *v;

	if (!sc || a->signal[s] < 0 || (size_t)a->signal[s] >= sc->n_values)
		return NULL;
	v = &sc->values[a->signal[s]];
	return v->is_unknown ? NULL : v;
}

static const struct instrument_value *
item_value(const struct instrument *ins, const struct instrument_answers *a,
	   size_t i)
{
	const struct instrument_scale *sc = ins->items[i].scale;
	const struct instrument_value *v;

	if (a->item[i] < 0 || (size_t)a->item[i] >= sc->n_values)
		return NULL;
	v = &sc->values[a->item[i]];
	return v->is_unknown ? NULL : v;
}

static int
signal_counts(const struct instrument_condition *c, size_t s)
{
	size_t i;

	if (!c->n_signals)
		return 1;
	for (i = 0; i < c->n_signals; i++)
		if (c->signals[i] == s)
			return 1;
	return 0;
}

/* Matches and unknowns of condition c within part `part` (-1: all). */
static void
count_condition(const struct instrument *ins,
		const struct instrument_answers *a,
		const struct instrument_condition *c, int part, size_t *known,
		size_t *unknown)
{
	size_t s, i;

	*known = *unknown = 0;
	for (s = 0; s < ins->n_signals; s++) {
		const struct instrument_signal *sg = &ins->signals[s];

		if ((part >= 0 && sg->part != (size_t)part) ||
		    !signal_counts(c, s))
			continue;
		if (c->kind == INSTRUMENT_COND_SIGNALS_RATED) {
			const struct instrument_value *v;

			if (!sg->rating_scale)
				continue;
			v = signal_value(ins, a, s);
			if (!v)
				(*unknown)++;
			else if (strcmp(v->code, c->code) == 0)
				(*known)++;
			continue;
		}
		for (i = sg->first_item; i < sg->first_item + sg->n_items;
		     i++) {
			const struct instrument_value *v = item_value(ins, a, i);

			if (!v)
				(*unknown)++;
			else if (strcmp(v->code, c->code) == 0)
				(*known)++;
		}
	}
}

/* 1 holds, 0 fails, -1 depends on what is not known. */
static int
tri(size_t known, size_t unknown, unsigned at_least)
{
	if (known >= at_least)
		return 1;
	if (known + unknown < at_least)
		return 0;
	return -1;
}

/*
 * Evaluate c; detail receives the counts behind the answer in Dutch
 * ("deel A: 2 van 'high'") for the explanation.
 */
static int
evaluate(const struct instrument *ins, const struct instrument_answers *a,
	 const struct instrument_condition *c, struct sbuf *detail)
{
	const char *what = c->kind == INSTRUMENT_COND_SIGNALS_RATED
				   ? "signalen"
				   : "items";
	size_t known, unknown, pt;
	int res, any_unknown = 0;

	if (c->kind == INSTRUMENT_COND_ALWAYS)
		return 1;
	if (!c->within_one_part) {
		count_condition(ins, a, c, c->part, &known, &unknown);
		res = tri(known, unknown, c->at_least);
		sbuf_addf(detail, "%zu %s '%s'%s%s (nodig: %u), %zu onbekend",
			  known, what, c->code, c->part >= 0 ? " in deel " : "",
			  c->part >= 0 ? ins->parts[c->part].id : "",
			  c->at_least, unknown);
		return res;
	}
	for (pt = 0; pt < ins->n_parts; pt++) {
		count_condition(ins, a, c, (int)pt, &known, &unknown);
		res = tri(known, unknown, c->at_least);
		if (res == 1) {
			sbuf_reset(detail);
			sbuf_addf(detail,
				  "deel %s: %zu %s '%s' (nodig: %u binnen "
				  "één deel)",
				  ins->parts[pt].id, known, what, c->code,
				  c->at_least);
			return 1;
		}
		if (res < 0)
			any_unknown = 1;
		sbuf_addf(detail, "%sdeel %s: %zu '%s', %zu onbekend",
			  pt ? "; " : "", ins->parts[pt].id, known, c->code,
			  unknown);
	}
	sbuf_addf(detail, " (nodig: %u binnen één deel)", c->at_least);
	return any_unknown ? -1 : 0;
}

void
instrument_rate(const struct instrument *ins,
		const struct instrument_answers *a,
		struct instrument_result *out)
{
	struct sbuf detail;
	size_t pt, s, i;
	int waiting = -1;

	memset(out, 0, sizeof(*out));
	out->outcome = -1;
	out->n_parts = ins->n_parts;
	for (s = 0; s < ins->n_signals; s++) {
		struct instrument_part_result *pr =
			&out->parts[ins->signals[s].part];
		const struct instrument_signal *sg = &ins->signals[s];
		const struct instrument_value *v = signal_value(ins, a, s);

		if (sg->rating_scale && !v)
			pr->unrated++;
		else if (v)
			pr->rating_counts[code_in(ins->rating_codes,
						  ins->n_rating_codes,
						  v->code)]++;
		for (i = sg->first_item; i < sg->first_item + sg->n_items;
		     i++) {
			const struct instrument_value *iv =
				item_value(ins, a, i);

			if (!iv)
				pr->unanswered++;
			else
				pr->answer_counts[code_in(ins->answer_codes,
							  ins->n_answer_codes,
							  iv->code)]++;
		}
	}
	(void)pt;

	sbuf_init(&detail, INSTRUMENT_BECAUSE_MAX);
	for (i = 0; i < ins->n_outcomes; i++) {
		const struct instrument_outcome *o = &ins->outcomes[i];
		int res;

		sbuf_reset(&detail);
		res = evaluate(ins, a, &o->when, &detail);
		if (res < 0) {
			/* A later rule may hold, but this earlier one would
			 * win if the unknowns go its way. */
			waiting = (int)i;
			break;
		}
		if (res == 1) {
			out->determined = 1;
			out->outcome = (int)i;
			snprintf(out->because, sizeof(out->because), "%s: %s",
				 o->label,
				 o->when.kind == INSTRUMENT_COND_ALWAYS
					 ? "geen eerdere regel van toepassing"
					 : detail.buf);
			break;
		}
	}
	if (waiting >= 0)
		snprintf(out->because, sizeof(out->because),
			 "Nog niet te bepalen: de regel voor '%s' hangt af van "
			 "wat nog onbekend is (%s).",
			 ins->outcomes[waiting].label, detail.buf);
	sbuf_release(&detail);
}

json_t *
instrument_result_to_json(const struct instrument *ins,
			  const struct instrument_result *r)
{
	json_t *o = checked(json_object()), *parts = checked(json_array());
	size_t i, k;

	if (r->determined) {
		const struct instrument_outcome *oc = &ins->outcomes[r->outcome];

		set(o, "outcome", json_string(oc->code));
		set(o, "label", json_string(oc->label));
		set(o, "rule", json_string(oc->rule));
		set_text(o, "advice", oc->advice);
	} else {
		set(o, "outcome", json_null());
	}
	set(o, "determined", json_boolean(r->determined));
	set(o, "because", json_string(r->because));
	for (i = 0; i < r->n_parts; i++) {
		const struct instrument_part_result *pr = &r->parts[i];
		json_t *rat = checked(json_object()), *ans = checked(json_object());

		for (k = 0; k < ins->n_rating_codes; k++)
			set(rat, ins->rating_codes[k],
			    json_integer((json_int_t)pr->rating_counts[k]));
		for (k = 0; k < ins->n_answer_codes; k++)
			set(ans, ins->answer_codes[k],
			    json_integer((json_int_t)pr->answer_counts[k]));
		append(parts,
		       json_pack("{s:s,s:o,s:I,s:o,s:I}", "part",
				 ins->parts[i].id, "ratings", rat, "unrated",
				 (json_int_t)pr->unrated, "answers", ans,
				 "unanswered", (json_int_t)pr->unanswered));
	}
	set(o, "parts", parts);
	return o;
}

int
instrument_may_assess(const struct instrument *ins, uint32_t roles)
{
	return ins->assessor_roles == 0 || (ins->assessor_roles & roles);
}

/* ------------------------------------------------------------------ */
/* Sets                                                               */

void
instrument_set_init(struct instrument_set *s)
{
	memset(s, 0, sizeof(*s));
}

enum ct_err
instrument_set_add(struct instrument_set *s, struct instrument *ins,
		   struct ct_error *err)
{
	if (instrument_set_find(s, ins->id, ins->version)) {
		enum ct_err rc = ct_error_set(
			err, CT_ERR_EXISTS,
			"Instrument %s versie %s is al geladen; elke versie "
			"mag maar één keer voorkomen.",
			ins->id, ins->version);

		instrument_free(ins);
		return rc;
	}
	if (s->n == INSTRUMENT_SET_MAX) {
		instrument_free(ins);
		return ct_error_set(err, CT_ERR_LIMIT,
				    "Meer dan %d instrumenten; ruim de map "
				    "met instrumenten op.",
				    INSTRUMENT_SET_MAX);
	}
	s->items[s->n++] = ins;
	return CT_OK;
}

/* Versions compare as text with digit runs as numbers ("1.10" > "1.9"). */
static int
version_cmp(const char *a, const char *b)
{
	while (*a && *b) {
		if (*a >= '0' && *a <= '9' && *b >= '0' && *b <= '9') {
			unsigned long x = 0, y = 0;

			while (*a >= '0' && *a <= '9' && x < 100000000UL)
				x = x * 10 + (unsigned long)(*a++ - '0');
			while (*b >= '0' && *b <= '9' && y < 100000000UL)
				y = y * 10 + (unsigned long)(*b++ - '0');
			if (x != y)
				return x < y ? -1 : 1;
			continue;
		}
		if (*a != *b)
			return (unsigned char)*a < (unsigned char)*b ? -1 : 1;
		a++;
		b++;
	}
	return *a ? 1 : *b ? -1 : 0;
}

const struct instrument *
instrument_set_find(const struct instrument_set *s, const char *id,
		    const char *version)
{
	const struct instrument *best = NULL;
	size_t i;

	for (i = 0; id && i < s->n; i++) {
		const struct instrument *ins = s->items[i];

		if (strcmp(ins->id, id) != 0)
			continue;
		if (version) {
			if (strcmp(ins->version, version) == 0)
				return ins;
			continue;
		}
		if (!best || version_cmp(ins->version, best->version) > 0)
			best = ins;
	}
	return best;
}

void
instrument_set_release(struct instrument_set *s)
{
	size_t i;

	for (i = 0; i < s->n; i++)
		instrument_free(s->items[i]);
	s->n = 0;
}
