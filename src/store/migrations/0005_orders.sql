-- 0005_orders.sql - restraining orders (tijdelijk huisverbod, issue 4).
--
-- Portable to PostgreSQL like 0001: TEXT and BIGINT only; instants are
-- UTC seconds, 0 = not set; enums are stored as their vocabulary codes
-- (core/order.h), never as numbers.
--
-- order_steps is the source of truth: an append-only event table, one row
-- per accepted step with its details as JSON. The orders row is the
-- projection of those steps through core's order_apply_step(), kept in the
-- same transaction so that lists and the work list can query state and
-- dates with an index. A refused step writes nothing.
CREATE TABLE orders (
	id TEXT PRIMARY KEY,
	case_id TEXT NOT NULL REFERENCES cases (id),
	jurisdiction TEXT NOT NULL,
	state TEXT NOT NULL,
	route TEXT NOT NULL,
	subject_person_id TEXT NOT NULL REFERENCES persons (id),
	repeat_of TEXT REFERENCES orders (id),
	imposed_at BIGINT NOT NULL,
	ends_at BIGINT NOT NULL,
	ended_at BIGINT NOT NULL,
	n_extensions BIGINT NOT NULL,
	n_violations BIGINT NOT NULL,
	-- the whole projected record (core/order.h struct order) as JSON
	record TEXT NOT NULL,
	created_at BIGINT NOT NULL,
	updated_at BIGINT NOT NULL,
	version BIGINT NOT NULL
);
CREATE INDEX orders_case ON orders (case_id, created_at);
CREATE INDEX orders_state_ends ON orders (state, ends_at);

CREATE TABLE order_steps (
	id TEXT PRIMARY KEY,
	order_id TEXT NOT NULL REFERENCES orders (id),
	case_id TEXT NOT NULL REFERENCES cases (id),
	seq BIGINT NOT NULL,
	kind TEXT NOT NULL,
	at BIGINT NOT NULL,
	actor_user_id TEXT,
	actor_org_id TEXT,
	actor_role TEXT,
	details TEXT NOT NULL,
	created_at BIGINT NOT NULL,
	UNIQUE (order_id, seq)
);
CREATE INDEX order_steps_case ON order_steps (case_id, at);

-- Violations by any channel (seed 001 hfst. 5, 7): also a step, kept as a
-- row of its own for the figures (seed 003: about one order in five).
CREATE TABLE order_violations (
	id TEXT PRIMARY KEY,
	order_id TEXT NOT NULL REFERENCES orders (id),
	case_id TEXT NOT NULL REFERENCES cases (id),
	step_id TEXT NOT NULL REFERENCES order_steps (id),
	at BIGINT NOT NULL,
	channel TEXT NOT NULL,
	response TEXT NOT NULL,
	description TEXT,
	created_at BIGINT NOT NULL
);
CREATE INDEX order_violations_order ON order_violations (order_id, at);
