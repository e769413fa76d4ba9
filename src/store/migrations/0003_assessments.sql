-- 0003_assessments.sql - risk assessments (issue 4 "Risk assessment").
--
-- One row per filled-in instrument: which instrument and version (the
-- instrument itself is a data file, core/instrument.h), who filled it in
-- (user, organisation, role) and when, the answers and the computed
-- result as JSON text, the outcome code (NULL while undetermined), and an
-- optional reasoned override. Portable like 0001/0002: TEXT and BIGINT,
-- "no override" is override_at = 0.
CREATE TABLE assessments (
	id TEXT PRIMARY KEY,
	case_id TEXT NOT NULL REFERENCES cases (id),
	instrument_id TEXT NOT NULL,
	instrument_version TEXT NOT NULL,
	assessor_user_id TEXT,
	assessor_org_id TEXT,
	assessor_role TEXT NOT NULL,
	assessor_label TEXT NOT NULL,
	assessed_at BIGINT NOT NULL,
	answers_json TEXT NOT NULL,
	result_json TEXT NOT NULL,
	outcome TEXT,
	override_outcome TEXT,
	override_reason TEXT,
	override_by TEXT,
	override_user_id TEXT,
	override_at BIGINT NOT NULL,
	created_at BIGINT NOT NULL,
	version BIGINT NOT NULL
);
CREATE INDEX assessments_case ON assessments (case_id, assessed_at);
-- The figures count assessments per instrument and outcome (seed 003
-- table 1: RiHGs done and the share leading to an order).
CREATE INDEX assessments_instrument ON assessments (instrument_id,
						    assessed_at);
