/*
 * bench_store.c - the first benchmark: bulk writes through store.h against
 * a raw SQLite loop, and journal verification throughput.
 *
 *   bench_store [CASES]      (default 2,000; `make bench` runs it)
 *
 * Design: both sides write the same shape of work into a fresh database
 * file with the same pragmas (WAL, synchronous=FULL, foreign keys) and the
 * same batch size (BENCH_BATCH cases per transaction): per case one case
 * row, three person rows and one incident row, each with one journal row.
 * The store side goes through the public API (validation, JSON images,
 * the BLAKE2b hash chain); the raw side binds prepared statements directly
 * and writes a journal row of similar width without hashing. The ratio
 * ours/raw is therefore the price of everything the store adds on top of
 * SQLite itself. See bench/README.md for how to read the figures.
 */
#include <inttypes.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#include <sqlite3.h>

#include "store/store.h"
#include "util/crypto.h"
#include "util/strparse.h"
#include "util/uuid.h"
#include "util/banned.h"

#define BENCH_CASES_DEFAULT 2000
#define BENCH_CASES_MAX 1000000
#define BENCH_BATCH 100
#define BENCH_PERSONS_PER_CASE 3
#define BENCH_ROWS_PER_CASE (1 + BENCH_PERSONS_PER_CASE + 1)

static const char *const given[] = { "Anna", "Daan", "Lotte", "Wout",
				     "Fleur", "Bram", "Sofie", "Jens" };
static const char *const family[] = { "de Jong", "Peeters", "Jansen",
				      "Maes", "de Vries", "Claes" };

static double
now_seconds(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (double)ts.tv_sec + (double)ts.tv_nsec / 1e9;
}

static void
die(const char *what, const struct ct_error *err)
{
	fprintf(stderr, "bench_store: %s: %s\n", what,
		err && err->message[0] ? err->message : "mislukt");
	exit(1);
}

/* ---- through store.h ---- */

struct store_batch {
	const char *org_id;
	size_t from, to;
	int64_t incident_at;
	struct ct_error err;
};

static const struct store_actor bench_actor = { NULL, NULL, "bench" };

static enum ct_err
store_batch_txn(struct store *st, void *arg)
{
	struct store_batch *b = arg;
	enum ct_err rc = CT_OK;
	size_t k, i;

	for (k = b->from; k < b->to && !rc; k++) {
		struct ct_case c;
		struct incident in;

		memset(&c, 0, sizeof(c));
		c.jurisdiction = k % 3 ? CT_COUNTRY_NL : CT_COUNTRY_BE;
		c.region = k % 3 ? "AMS" : "LIM";
		memcpy(c.owner_org_id, b->org_id, CT_UUID_SIZE);
		c.pattern = PATTERN_UNKNOWN;
		rc = store_case_create(st, &bench_actor, &c, &b->err);
		for (i = 0; i < BENCH_PERSONS_PER_CASE && !rc; i++) {
			struct person p;

			memset(&p, 0, sizeof(p));
			memcpy(p.case_id, c.id, CT_UUID_SIZE);
			p.given_name = given[(k + i) % 8];
			p.family_name = family[(k * 7 + i) % 6];
			p.has_birth_date = 1;
			p.birth_date.year = 1960 + (int)((k + i * 11) % 50);
			p.birth_date.month = 1 + (int)(k % 12);
			p.birth_date.day = 1 + (int)(i * 9);
			p.sex = i == 1 ? PERSON_SEX_MALE : PERSON_SEX_FEMALE;
			p.roles = CT_BIT(i == 0   ? PERSON_ROLE_VICTIM
					 : i == 1 ? PERSON_ROLE_PERPETRATOR
						  : PERSON_ROLE_CHILD);
			rc = store_person_add(st, &bench_actor, &p, &b->err);
		}
		if (rc)
			break;
		memset(&in, 0, sizeof(in));
		memcpy(in.case_id, c.id, CT_UUID_SIZE);
		in.occurred_at = b->incident_at - (int64_t)(k % 500) * 3600;
		in.types = CT_BIT(VIOLENCE_TYPE_PARTNER);
		in.forms = CT_BIT(VIOLENCE_FORM_PHYSICAL) |
			   CT_BIT(VIOLENCE_FORM_THREATS);
		in.severity = SEVERITY_SERIOUS;
		in.location = "Woning, Amsterdam";
		in.description = "Melding via 112 door een buurvrouw. Ruzie "
				 "tussen partners in de woning. Er zijn "
				 "dreigende uitspraken gedaan.";
		rc = store_incident_add(st, &bench_actor, &in, &b->err);
	}
	return rc;
}

static double
bench_store_inserts(const char *path, size_t cases, struct store **out)
{
	struct store *st = NULL;
	struct store_batch b;
	struct ct_error err;
	struct org o;
	double t0, secs;

	if (store_open(path, STORE_OPEN_CREATE, &st, &err))
		die("store_open", &err);
	memset(&o, 0, sizeof(o));
	o.name = "Veilig Thuis Benchmark";
	o.type = ORG_TYPE_VEILIG_THUIS;
	o.country = CT_COUNTRY_NL;
	if (store_org_create(st, &bench_actor, &o, &err))
		die("store_org_create", &err);

	memset(&b, 0, sizeof(b));
	b.org_id = o.id;
	b.incident_at = store_now(st) - 86400;
	t0 = now_seconds();
	for (b.from = 0; b.from < cases; b.from = b.to) {
		b.to = b.from + BENCH_BATCH < cases ? b.from + BENCH_BATCH
						    : cases;
		ct_error_clear(&b.err);
		if (store_transaction(st, store_batch_txn, &b, &b.err))
			die("store_transaction", &b.err);
	}
	secs = now_seconds() - t0;
	*out = st;
	return secs;
}

/* ---- raw SQLite, the baseline ---- */

static const char raw_schema[] =
	"PRAGMA journal_mode=WAL;"
	"PRAGMA synchronous=FULL;"
	"PRAGMA foreign_keys=ON;"
	"CREATE TABLE cases(id TEXT PRIMARY KEY, reference TEXT UNIQUE,"
	" jurisdiction TEXT, region TEXT, owner_org_id TEXT, status TEXT,"
	" pattern TEXT, created_at INTEGER, updated_at INTEGER,"
	" version INTEGER);"
	"CREATE TABLE persons(id TEXT PRIMARY KEY,"
	" case_id TEXT REFERENCES cases(id), given_name TEXT,"
	" family_name TEXT, birth_date TEXT, sex TEXT, roles TEXT,"
	" version INTEGER);"
	"CREATE INDEX persons_case ON persons(case_id);"
	"CREATE TABLE incidents(id TEXT PRIMARY KEY,"
	" case_id TEXT REFERENCES cases(id), occurred_at INTEGER,"
	" types TEXT, forms TEXT, severity TEXT, location TEXT,"
	" description TEXT, version INTEGER);"
	"CREATE INDEX incidents_case ON incidents(case_id);"
	"CREATE TABLE journal(seq INTEGER PRIMARY KEY, id TEXT, at INTEGER,"
	" actor_label TEXT, case_id TEXT, action TEXT, entity TEXT,"
	" entity_id TEXT, after_json TEXT, prev_hash TEXT, hash TEXT);"
	"CREATE INDEX journal_case ON journal(case_id);";

/* A 64-hex-digit stand-in for the chain hash, so the row has its width. */
static const char fake_hash[] =
	"00000000000000000000000000000000"
	"00000000000000000000000000000000";

static void
raw_check(sqlite3 *db, int rc, const char *what)
{
	if (rc != SQLITE_OK && rc != SQLITE_DONE && rc != SQLITE_ROW) {
		fprintf(stderr, "bench_store: %s: %s\n", what,
			sqlite3_errmsg(db));
		exit(1);
	}
}

static void
raw_step(sqlite3 *db, sqlite3_stmt *s, const char *what)
{
	raw_check(db, sqlite3_step(s), what);
	sqlite3_reset(s);
	sqlite3_clear_bindings(s);
}

static void
raw_journal(sqlite3 *db, sqlite3_stmt *s, int64_t at, const char *case_id,
	    const char *action, const char *entity, const char *entity_id,
	    const char *json)
{
	char id[CT_UUID_SIZE];

	ct_uuid_new(id);
	sqlite3_bind_text(s, 1, id, -1, SQLITE_TRANSIENT);
	sqlite3_bind_int64(s, 2, at);
	sqlite3_bind_text(s, 3, "bench", -1, SQLITE_STATIC);
	sqlite3_bind_text(s, 4, case_id, -1, SQLITE_TRANSIENT);
	sqlite3_bind_text(s, 5, action, -1, SQLITE_STATIC);
	sqlite3_bind_text(s, 6, entity, -1, SQLITE_STATIC);
	sqlite3_bind_text(s, 7, entity_id, -1, SQLITE_TRANSIENT);
	sqlite3_bind_text(s, 8, json, -1, SQLITE_TRANSIENT);
	sqlite3_bind_text(s, 9, fake_hash, -1, SQLITE_STATIC);
	sqlite3_bind_text(s, 10, fake_hash, -1, SQLITE_STATIC);
	raw_step(db, s, "journal");
}

static double
bench_raw_inserts(const char *path, size_t cases)
{
	sqlite3 *db = NULL;
	sqlite3_stmt *sc, *sp, *si, *sj;
	char case_id[CT_UUID_SIZE], id[CT_UUID_SIZE], ref[32], json[600];
	int64_t at = (int64_t)time(NULL);
	double t0, secs;
	size_t k, i;

	raw_check(db, sqlite3_open(path, &db), "open");
	raw_check(db, sqlite3_exec(db, raw_schema, NULL, NULL, NULL),
		  "schema");
	raw_check(db, sqlite3_prepare_v2(db,
		"INSERT INTO cases VALUES(?,?,?,?,?,'open','unknown',?,?,1)",
		-1, &sc, NULL), "prepare cases");
	raw_check(db, sqlite3_prepare_v2(db,
		"INSERT INTO persons VALUES(?,?,?,?,?,?,?,1)", -1, &sp, NULL),
		"prepare persons");
	raw_check(db, sqlite3_prepare_v2(db,
		"INSERT INTO incidents VALUES(?,?,?,?,?,?,?,?,1)", -1, &si,
		NULL), "prepare incidents");
	raw_check(db, sqlite3_prepare_v2(db,
		"INSERT INTO journal(id,at,actor_label,case_id,action,entity,"
		"entity_id,after_json,prev_hash,hash) "
		"VALUES(?,?,?,?,?,?,?,?,?,?)", -1, &sj, NULL),
		"prepare journal");

	t0 = now_seconds();
	for (k = 0; k < cases; k++) {
		if (k % BENCH_BATCH == 0)
			raw_check(db, sqlite3_exec(db, "BEGIN IMMEDIATE",
						   NULL, NULL, NULL),
				  "begin");
		ct_uuid_new(case_id);
		snprintf(ref, sizeof(ref), "%s-2026-%05zu",
			 k % 3 ? "AMS" : "LIM", k + 1);
		sqlite3_bind_text(sc, 1, case_id, -1, SQLITE_STATIC);
		sqlite3_bind_text(sc, 2, ref, -1, SQLITE_STATIC);
		sqlite3_bind_text(sc, 3, k % 3 ? "NL" : "BE", -1,
				  SQLITE_STATIC);
		sqlite3_bind_text(sc, 4, k % 3 ? "AMS" : "LIM", -1,
				  SQLITE_STATIC);
		sqlite3_bind_text(sc, 5, fake_hash, 36, SQLITE_STATIC);
		sqlite3_bind_int64(sc, 6, at);
		sqlite3_bind_int64(sc, 7, at);
		raw_step(db, sc, "case");
		snprintf(json, sizeof(json),
			 "{\"id\":\"%s\",\"reference\":\"%s\",\"status\":"
			 "\"open\",\"pattern\":\"unknown\",\"version\":1}",
			 case_id, ref);
		raw_journal(db, sj, at, case_id, "case.create", "case",
			    case_id, json);
		for (i = 0; i < BENCH_PERSONS_PER_CASE; i++) {
			char birth[11];

			ct_uuid_new(id);
			snprintf(birth, sizeof(birth), "%04d-%02d-%02d",
				 1960 + (int)((k + i * 11) % 50),
				 1 + (int)(k % 12), 1 + (int)(i * 9));
			sqlite3_bind_text(sp, 1, id, -1, SQLITE_STATIC);
			sqlite3_bind_text(sp, 2, case_id, -1, SQLITE_STATIC);
			sqlite3_bind_text(sp, 3, given[(k + i) % 8], -1,
					  SQLITE_STATIC);
			sqlite3_bind_text(sp, 4, family[(k * 7 + i) % 6], -1,
					  SQLITE_STATIC);
			sqlite3_bind_text(sp, 5, birth, -1, SQLITE_STATIC);
			sqlite3_bind_text(sp, 6, "female", -1, SQLITE_STATIC);
			sqlite3_bind_text(sp, 7, "victim", -1, SQLITE_STATIC);
			raw_step(db, sp, "person");
			snprintf(json, sizeof(json),
				 "{\"id\":\"%s\",\"given_name\":\"%s\","
				 "\"family_name\":\"%s\",\"birth_date\":\"%s\","
				 "\"sex\":\"female\",\"roles\":[\"victim\"],"
				 "\"version\":1}",
				 id, given[(k + i) % 8],
				 family[(k * 7 + i) % 6], birth);
			raw_journal(db, sj, at, case_id, "person.add",
				    "person", id, json);
		}
		ct_uuid_new(id);
		sqlite3_bind_text(si, 1, id, -1, SQLITE_STATIC);
		sqlite3_bind_text(si, 2, case_id, -1, SQLITE_STATIC);
		sqlite3_bind_int64(si, 3, at - 86400);
		sqlite3_bind_text(si, 4, "partner", -1, SQLITE_STATIC);
		sqlite3_bind_text(si, 5, "threats,physical", -1,
				  SQLITE_STATIC);
		sqlite3_bind_text(si, 6, "serious", -1, SQLITE_STATIC);
		sqlite3_bind_text(si, 7, "Woning, Amsterdam", -1,
				  SQLITE_STATIC);
		sqlite3_bind_text(si, 8,
				  "Melding via 112 door een buurvrouw. Ruzie "
				  "tussen partners in de woning. Er zijn "
				  "dreigende uitspraken gedaan.",
				  -1, SQLITE_STATIC);
		raw_step(db, si, "incident");
		snprintf(json, sizeof(json),
			 "{\"id\":\"%s\",\"types\":[\"partner\"],\"forms\":"
			 "[\"threats\",\"physical\"],\"severity\":"
			 "\"serious\",\"location\":\"Woning, Amsterdam\","
			 "\"description\":\"Melding via 112 door een "
			 "buurvrouw. Ruzie tussen partners in de woning.\","
			 "\"version\":1}",
			 id);
		raw_journal(db, sj, at, case_id, "incident.add", "incident",
			    id, json);
		if (k % BENCH_BATCH == BENCH_BATCH - 1 || k + 1 == cases)
			raw_check(db, sqlite3_exec(db, "COMMIT", NULL, NULL,
						   NULL),
				  "commit");
	}
	secs = now_seconds() - t0;
	sqlite3_finalize(sc);
	sqlite3_finalize(sp);
	sqlite3_finalize(si);
	sqlite3_finalize(sj);
	sqlite3_close(db);
	return secs;
}

/* ---- main ---- */

static void
remove_db(const char *path)
{
	char p[512];

	unlink(path);
	snprintf(p, sizeof(p), "%s-wal", path);
	unlink(p);
	snprintf(p, sizeof(p), "%s-shm", path);
	unlink(p);
}

int
main(int argc, char **argv)
{
	char dir[] = "/tmp/ct-bench-XXXXXX";
	char ours_path[64], raw_path[64];
	struct store *st = NULL;
	struct store_verify_result vr;
	struct store_counts counts;
	struct ct_error err;
	size_t cases = BENCH_CASES_DEFAULT;
	double ours_s, raw_s, verify_s, rows, ours_rate, raw_rate, t0;
	int64_t v;

	if (argc > 2 || (argc == 2 && ct_parse_int(argv[1], 1,
						   BENCH_CASES_MAX, &v))) {
		fprintf(stderr, "Gebruik: bench_store [AANTAL_DOSSIERS]  "
				"(1..%d, standaard %d)\n",
			BENCH_CASES_MAX, BENCH_CASES_DEFAULT);
		return 2;
	}
	if (argc == 2)
		cases = (size_t)v;
	if (ct_crypto_init())
		die("ct_crypto_init", NULL);
	if (!mkdtemp(dir))
		die("mkdtemp", NULL);
	snprintf(ours_path, sizeof(ours_path), "%s/store.db", dir);
	snprintf(raw_path, sizeof(raw_path), "%s/raw.db", dir);

	rows = (double)cases * BENCH_ROWS_PER_CASE;
	printf("bench_store: %zu dossiers x (1 dossier + %d personen + 1 "
	       "incident), %d dossiers per transactie\n"
	       "SQLite %s, WAL, synchronous=FULL, database in %s\n\n",
	       cases, BENCH_PERSONS_PER_CASE, BENCH_BATCH,
	       sqlite3_libversion(), dir);

	ours_s = bench_store_inserts(ours_path, cases, &st);
	raw_s = bench_raw_inserts(raw_path, cases);
	ours_rate = rows / ours_s;
	raw_rate = rows / raw_s;

	if (store_counts(st, &counts, &err))
		die("store_counts", &err);
	memset(&vr, 0, sizeof(vr));
	t0 = now_seconds();
	if (store_journal_verify(st, &vr, NULL, NULL, &err))
		die("store_journal_verify", &err);
	verify_s = now_seconds() - t0;

	printf("%-34s %12s %10s %14s\n", "meting", "rijen", "seconden",
	       "rijen/s");
	printf("%-34s %12.0f %10.3f %14.0f\n", "store.h (casustafel)", rows,
	       ours_s, ours_rate);
	printf("%-34s %12.0f %10.3f %14.0f\n", "ruwe SQLite-lus (basislijn)",
	       rows, raw_s, raw_rate);
	printf("%-34s %12" PRId64 " %10.3f %14.0f\n",
	       "journaal verifiëren (regels)", vr.entries, verify_s,
	       (double)vr.entries / verify_s);
	printf("\n(elk van de %.0f rijen heeft daarnaast een journaalregel; "
	       "journaal in store: %" PRId64 " regels, %.1f MB gehasht)\n\n",
	       rows, counts.journal, (double)vr.bytes / 1e6);

	printf("insert_rows_per_s_store %.0f\n", ours_rate);
	printf("insert_rows_per_s_raw %.0f\n", raw_rate);
	printf("insert_ratio_store_over_raw %.3f\n", ours_rate / raw_rate);
	printf("journal_verify_mb_per_s %.1f\n",
	       (double)vr.bytes / 1e6 / verify_s);
	printf("journal_verify_entries_per_s %.0f\n",
	       (double)vr.entries / verify_s);

	store_close(st);
	remove_db(ours_path);
	remove_db(raw_path);
	rmdir(dir);
	return 0;
}
