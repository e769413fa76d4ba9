-- 0006: the access log without a unique index on its random id.
--
-- Every record carries a random UUID (id) that is part of its hash. The
-- UNIQUE constraint on it kept a b-tree keyed by that random value, so
-- every record touched a random leaf page: one more page to read, dirty,
-- write to the log and checkpoint per record (bench/README.md "api"). No
-- query looks a record up by id, and 122 random bits do not collide, so
-- the constraint goes; the indexes the data protection officer's queries
-- use (user, person, case, organisation, time) stay. SQLite cannot drop
-- a column constraint, so the table is rebuilt, the same way on both
-- backends; the chain is copied as it is (seq, hashes unchanged).
CREATE TABLE access_log_lean (
	seq BIGINT PRIMARY KEY,
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
INSERT INTO access_log_lean (seq, id, at, request_id, user_id, org_id, roles,
	action, case_id, person_id, purpose, allowed, reason, break_glass,
	prev_hash, hash)
SELECT seq, id, at, request_id, user_id, org_id, roles, action, case_id,
	person_id, purpose, allowed, reason, break_glass, prev_hash, hash
FROM access_log;
DROP TABLE access_log;
ALTER TABLE access_log_lean RENAME TO access_log;
CREATE INDEX access_log_user ON access_log (user_id, at);
CREATE INDEX access_log_person ON access_log (person_id, at);
CREATE INDEX access_log_case ON access_log (case_id, at);
CREATE INDEX access_log_org ON access_log (org_id, at);
CREATE INDEX access_log_at ON access_log (at);
