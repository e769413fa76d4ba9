-- 0007: the epoch of what authentication reads.
--
-- The server keeps what it loaded for a session or bearer token (session,
-- user, organisation, login security, break-the-glass grants) between
-- requests, and must stop using that copy the moment any of it changes,
-- also when another process (the command line, a second server) changed
-- it. So every write transaction that changes one of those rows adds one
-- to this counter in the same transaction (store_auth_epoch_bump), and
-- every request reads the counter in the snapshot it reads the case in:
-- a copy made at another epoch is not used (http/auth_cache.h). One row,
-- id 1. A session's last-seen time (store_session_touch) does not count:
-- the copy's idle expiry is checked on every request and a late one only
-- sends it back to the database.
CREATE TABLE auth_epoch (
	id BIGINT PRIMARY KEY,
	epoch BIGINT NOT NULL
);
INSERT INTO auth_epoch (id, epoch) VALUES (1, 1);
