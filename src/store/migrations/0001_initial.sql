-- 0001_initial.sql - the first schema.
--
-- Portable to PostgreSQL: TEXT and BIGINT only, no AUTOINCREMENT, no
-- SQLite-only syntax. Identifiers are UUID text; instants are BIGINT UTC
-- seconds; enums are stored as their vocabulary codes and sets as
-- comma-separated codes (core/vocab.h), never as bit numbers, so that the
-- meaning of a stored row never depends on the order of an enum.
-- The migration runner (store.c) records schema_version in meta.

CREATE TABLE meta (
	key TEXT PRIMARY KEY,
	value TEXT NOT NULL
);
INSERT INTO meta (key, value) VALUES ('application', 'casustafel');

CREATE TABLE orgs (
	id TEXT PRIMARY KEY,
	name TEXT NOT NULL UNIQUE,
	type TEXT NOT NULL,
	country TEXT NOT NULL,
	email TEXT,
	created_at BIGINT NOT NULL,
	updated_at BIGINT NOT NULL,
	version BIGINT NOT NULL
);

CREATE TABLE users (
	id TEXT PRIMARY KEY,
	org_id TEXT NOT NULL REFERENCES orgs (id),
	username TEXT NOT NULL UNIQUE,
	display_name TEXT NOT NULL,
	email TEXT,
	roles TEXT NOT NULL,
	active BIGINT NOT NULL,
	password_hash TEXT,
	created_at BIGINT NOT NULL,
	updated_at BIGINT NOT NULL,
	version BIGINT NOT NULL
);
CREATE INDEX users_org ON users (org_id);

CREATE TABLE cases (
	id TEXT PRIMARY KEY,
	reference TEXT NOT NULL UNIQUE,
	jurisdiction TEXT NOT NULL,
	region TEXT NOT NULL,
	owner_org_id TEXT NOT NULL REFERENCES orgs (id),
	status TEXT NOT NULL,
	pattern TEXT NOT NULL,
	created_at BIGINT NOT NULL,
	updated_at BIGINT NOT NULL,
	version BIGINT NOT NULL
);
CREATE INDEX cases_created ON cases (created_at);
CREATE INDEX cases_owner ON cases (owner_org_id, created_at);
CREATE INDEX cases_region ON cases (region, created_at);

-- Next reference number per region and local year of creation.
CREATE TABLE case_counters (
	region TEXT NOT NULL,
	year BIGINT NOT NULL,
	next_seq BIGINT NOT NULL,
	PRIMARY KEY (region, year)
);

CREATE TABLE persons (
	id TEXT PRIMARY KEY,
	case_id TEXT NOT NULL REFERENCES cases (id),
	given_name TEXT,
	family_name TEXT,
	birth_date TEXT,
	sex TEXT NOT NULL,
	bsn TEXT,
	rrn TEXT,
	roles TEXT NOT NULL,
	created_at BIGINT NOT NULL,
	updated_at BIGINT NOT NULL,
	version BIGINT NOT NULL
);
CREATE INDEX persons_case ON persons (case_id, created_at);

CREATE TABLE relations (
	id TEXT PRIMARY KEY,
	case_id TEXT NOT NULL REFERENCES cases (id),
	person_a TEXT NOT NULL REFERENCES persons (id),
	person_b TEXT NOT NULL REFERENCES persons (id),
	kind TEXT NOT NULL,
	created_at BIGINT NOT NULL,
	updated_at BIGINT NOT NULL,
	version BIGINT NOT NULL
);
CREATE INDEX relations_case ON relations (case_id, created_at);
CREATE INDEX relations_person_a ON relations (person_a);
CREATE INDEX relations_person_b ON relations (person_b);

CREATE TABLE incidents (
	id TEXT PRIMARY KEY,
	case_id TEXT NOT NULL REFERENCES cases (id),
	occurred_at BIGINT NOT NULL,
	types TEXT NOT NULL,
	forms TEXT NOT NULL,
	severity TEXT NOT NULL,
	location TEXT,
	description TEXT NOT NULL,
	created_at BIGINT NOT NULL,
	updated_at BIGINT NOT NULL,
	version BIGINT NOT NULL
);
CREATE INDEX incidents_case ON incidents (case_id, occurred_at);

-- The hash-chained journal. seq is assigned by the store (last + 1 inside
-- the write transaction). No foreign keys: the journal must stay readable
-- and verifiable on its own, whatever happens to the rows it describes.
CREATE TABLE journal (
	seq BIGINT PRIMARY KEY,
	id TEXT NOT NULL UNIQUE,
	at BIGINT NOT NULL,
	actor_user_id TEXT,
	actor_org_id TEXT,
	actor_label TEXT NOT NULL,
	case_id TEXT,
	action TEXT NOT NULL,
	entity TEXT NOT NULL,
	entity_id TEXT NOT NULL,
	before_json TEXT,
	after_json TEXT,
	prev_hash TEXT NOT NULL,
	hash TEXT NOT NULL
);
CREATE INDEX journal_case ON journal (case_id, seq);
CREATE INDEX journal_entity ON journal (entity_id, seq);
