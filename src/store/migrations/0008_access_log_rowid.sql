-- 0008: the access log with its sequence number as SQLite's row id, and
-- no index entries for records without a person or a case.
--
-- Every record went into six b-trees: the table, keyed by SQLite's hidden
-- row id, an index on seq (its primary key; on SQLite only "INTEGER
-- PRIMARY KEY" makes a column the row id itself) and the five indexes of
-- the data protection officer's queries. Each b-tree is a page or more
-- to change, write to the log, sync and checkpoint per commit, and the
-- writer does that for every record before the response is sent
-- (bench/README.md "api"). Now seq is the row id on SQLite (on
-- PostgreSQL it stays a BIGINT primary key: INTEGER is 32 bits there),
-- and the person and case indexes leave out the rows they can never
-- answer for (person_id = ? or case_id = ? never matches NULL; both
-- backends use a partial index for such a query). A case read names no
-- person, so it touches four b-trees instead of six. The table is rebuilt
-- as in 0006, the chain copied as it is (seq and hashes unchanged).
CREATE TABLE access_log_rowid (
	seq INTEGER PRIMARY KEY, -- sqlite only
	seq BIGINT PRIMARY KEY, -- postgresql only
	id TEXT NOT NULL,
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
INSERT INTO access_log_rowid (seq, id, at, request_id, user_id, org_id,
	roles, action, case_id, person_id, purpose, allowed, reason,
	break_glass, prev_hash, hash)
SELECT seq, id, at, request_id, user_id, org_id, roles, action, case_id,
	person_id, purpose, allowed, reason, break_glass, prev_hash, hash
FROM access_log;
DROP TABLE access_log;
ALTER TABLE access_log_rowid RENAME TO access_log;
CREATE INDEX access_log_user ON access_log (user_id, at);
CREATE INDEX access_log_person ON access_log (person_id, at)
	WHERE person_id IS NOT NULL;
CREATE INDEX access_log_case ON access_log (case_id, at)
	WHERE case_id IS NOT NULL;
CREATE INDEX access_log_org ON access_log (org_id, at);
CREATE INDEX access_log_at ON access_log (at);
