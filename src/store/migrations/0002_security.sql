-- 0002_security.sql - login security, sessions, bearer tokens, case teams,
-- break-the-glass grants and the access log (issue 3).
--
-- Portable to PostgreSQL like 0001: TEXT and BIGINT only, seq computed by
-- the store, "no value" for an instant is 0 rather than NULL where a query
-- compares it (removed_at, revoked_at, reviewed_at), so that one index
-- serves "current" and "history" alike on both engines.

-- One row per user once anything about their login happened. The TOTP
-- secret is sealed (crypto_secretbox) with the server key: hex of
-- nonce || ciphertext, never the secret itself.
CREATE TABLE user_security (
	user_id TEXT PRIMARY KEY REFERENCES users (id),
	totp_sealed TEXT,
	totp_enrolled BIGINT NOT NULL,
	totp_last_step BIGINT NOT NULL,
	failed_logins BIGINT NOT NULL,
	locked_until BIGINT NOT NULL
);

-- Server-side sessions, found by the hash of the cookie's token.
CREATE TABLE sessions (
	id TEXT PRIMARY KEY,
	user_id TEXT NOT NULL REFERENCES users (id),
	token_hash TEXT NOT NULL,
	created_at BIGINT NOT NULL,
	last_seen_at BIGINT NOT NULL,
	idle_expires_at BIGINT NOT NULL,
	absolute_expires_at BIGINT NOT NULL,
	totp_verified BIGINT NOT NULL
);
CREATE UNIQUE INDEX sessions_token ON sessions (token_hash);
CREATE INDEX sessions_user ON sessions (user_id);
CREATE INDEX sessions_idle ON sessions (idle_expires_at);

-- Bearer tokens for machine clients, by hash; scopes are action names.
CREATE TABLE api_tokens (
	id TEXT PRIMARY KEY,
	user_id TEXT NOT NULL REFERENCES users (id),
	name TEXT NOT NULL,
	scopes TEXT NOT NULL,
	token_hash TEXT NOT NULL,
	created_at BIGINT NOT NULL,
	expires_at BIGINT NOT NULL,
	revoked_at BIGINT NOT NULL
);
CREATE UNIQUE INDEX api_tokens_token ON api_tokens (token_hash);
CREATE INDEX api_tokens_user ON api_tokens (user_id, created_at);

-- Case teams with their history: a member that left keeps its row with
-- removed_at set; at most one current row per case and organisation.
CREATE TABLE case_team (
	id TEXT PRIMARY KEY,
	case_id TEXT NOT NULL REFERENCES cases (id),
	org_id TEXT NOT NULL REFERENCES orgs (id),
	reason TEXT NOT NULL,
	added_by TEXT NOT NULL,
	added_at BIGINT NOT NULL,
	removed_at BIGINT NOT NULL,
	removed_by TEXT,
	removed_reason TEXT
);
CREATE UNIQUE INDEX case_team_current ON case_team (case_id, org_id)
	WHERE removed_at = 0;
CREATE INDEX case_team_case ON case_team (case_id, added_at);
CREATE INDEX case_team_org ON case_team (org_id, removed_at, case_id);

-- Cases created before this migration: the owner is the team. The case id
-- serves as the row id (unique: one owner row per case; later rows get
-- fresh random ids).
INSERT INTO case_team (id, case_id, org_id, reason, added_by, added_at,
		       removed_at)
	SELECT id, id, owner_org_id, 'eigenaar', 'migratie 0002', created_at, 0
	FROM cases;

-- Break-the-glass grants, listed for review until reviewed_at is set.
CREATE TABLE break_glass (
	id TEXT PRIMARY KEY,
	user_id TEXT NOT NULL REFERENCES users (id),
	org_id TEXT NOT NULL REFERENCES orgs (id),
	case_id TEXT NOT NULL REFERENCES cases (id),
	owner_org_id TEXT NOT NULL REFERENCES orgs (id),
	reason TEXT NOT NULL,
	created_at BIGINT NOT NULL,
	expires_at BIGINT NOT NULL,
	reviewed_by TEXT,
	reviewed_at BIGINT NOT NULL,
	review_note TEXT
);
CREATE INDEX break_glass_user ON break_glass (user_id, expires_at);
CREATE INDEX break_glass_owner ON break_glass (owner_org_id, reviewed_at,
					       created_at);
CREATE INDEX break_glass_review ON break_glass (reviewed_at, created_at);

-- The hash-chained access log (its own chain, like the journal's). No
-- foreign keys: it must stay readable and verifiable on its own, and it
-- records refusals for ids that may not exist.
CREATE TABLE access_log (
	seq BIGINT PRIMARY KEY,
	id TEXT NOT NULL UNIQUE,
	at BIGINT NOT NULL,
	request_id TEXT,
	user_id TEXT,
	org_id TEXT,
	roles TEXT,
	action TEXT NOT NULL,
	case_id TEXT,
	person_id TEXT,
	purpose TEXT,
	allowed BIGINT NOT NULL,
	reason TEXT,
	break_glass BIGINT NOT NULL,
	prev_hash TEXT NOT NULL,
	hash TEXT NOT NULL
);
CREATE INDEX access_log_user ON access_log (user_id, at);
CREATE INDEX access_log_person ON access_log (person_id, at);
CREATE INDEX access_log_case ON access_log (case_id, at);
CREATE INDEX access_log_org ON access_log (org_id, at);
CREATE INDEX access_log_at ON access_log (at);
