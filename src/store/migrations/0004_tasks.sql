-- 0004_tasks.sql - dated tasks (the work list) and notifications (issue 4
-- "Deadlines and the work list").
--
-- Portable to PostgreSQL like 0001: TEXT and BIGINT only; "no value" for
-- an instant is 0 rather than NULL wherever a query compares it (done_at,
-- notified_*, read_at, email_*_at), so one index serves both engines.
--
-- A task is one clock of a process (an order's 24-hour address rule, the
-- extension advice two days before the end, ...) for one responsible
-- organisation. Task sources recompute their deadlines; (source, kind)
-- identifies a task across recomputations, so that a moved deadline moves
-- the row instead of adding a second one.
CREATE TABLE tasks (
	id TEXT PRIMARY KEY,
	case_id TEXT NOT NULL REFERENCES cases (id),
	org_id TEXT NOT NULL REFERENCES orgs (id),
	kind TEXT NOT NULL,
	title TEXT NOT NULL,
	source TEXT NOT NULL,
	rule_id TEXT NOT NULL,
	due_at BIGINT NOT NULL,
	-- Start of the local calendar day (the case's jurisdiction) of
	-- due_at: from then on the task is "due today" and announced.
	due_from BIGINT NOT NULL,
	status TEXT NOT NULL,
	created_at BIGINT NOT NULL,
	updated_at BIGINT NOT NULL,
	done_at BIGINT NOT NULL,
	done_by TEXT,
	notified_due_at BIGINT NOT NULL,
	notified_overdue_at BIGINT NOT NULL,
	version BIGINT NOT NULL
);
CREATE UNIQUE INDEX tasks_source_kind ON tasks (source, kind);
-- The work list: one organisation's open tasks in due order.
CREATE INDEX tasks_worklist ON tasks (org_id, status, due_at);
CREATE INDEX tasks_case ON tasks (case_id, due_at);
-- The scheduler's two claims: "due today" and "overdue" not yet told.
CREATE INDEX tasks_claim_due ON tasks (status, notified_due_at, due_from);
CREATE INDEX tasks_claim_overdue ON tasks (status, notified_overdue_at,
					   due_at);

-- In-app notifications for an organisation (user_id NULL) or one user,
-- with the state of the e-mail that goes to the organisation's address:
-- email_status none (no mail), pending, sent or failed (gave up);
-- email_next_at is the earliest next attempt (back-off, and the lease of
-- a scheduler process that is sending it right now).
CREATE TABLE notifications (
	id TEXT PRIMARY KEY,
	org_id TEXT NOT NULL REFERENCES orgs (id),
	user_id TEXT REFERENCES users (id),
	task_id TEXT REFERENCES tasks (id),
	case_id TEXT REFERENCES cases (id),
	kind TEXT NOT NULL,
	title TEXT NOT NULL,
	body TEXT NOT NULL,
	created_at BIGINT NOT NULL,
	read_at BIGINT NOT NULL,
	email_status TEXT NOT NULL,
	email_attempts BIGINT NOT NULL,
	email_next_at BIGINT NOT NULL,
	email_sent_at BIGINT NOT NULL,
	email_error TEXT
);
CREATE INDEX notifications_org ON notifications (org_id, created_at);
CREATE INDEX notifications_mail ON notifications (email_status,
						  email_next_at);
CREATE INDEX notifications_task ON notifications (task_id);
