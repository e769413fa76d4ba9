"""
test_rules_resync.py - a database that an older version left, as a server
of this version meets it: before its scheduler announces anything, the
open tasks of the orders follow the rules of this version
(store_order_tasks_resync, run by the scheduler thread at start).

The Dutch appeal term (six weeks after the bekendmaking) was once a task
of the municipality that turned "te laat" when no appeal came; it now runs
out by itself and is no work. An order with such a task left open: a new
server cancels it, journaled as task.cancel by "systeem:termijnregels",
and leaves the order's other tasks as they are. On SQLite and, with
CASUSTAFEL_TEST_PG, on PostgreSQL.
"""
import time
import uuid

from test_order_worklist import NL_TEAM, sql, tasks_of
from test_orders import DECIDE, HOUR, new_case, now, open_order, parse, \
    step

RESYNC_WAIT_SECONDS = 20


def journal(srv, client, case_id):
    r = client.get(srv.url("/api/v1/cases/%s/journal?limit=1000"
                           % case_id))
    assert r.status_code == 200, r.text
    return r.json()["items"]


def test_a_new_server_cancels_the_appeal_term_task(server, start_server,
                                                   users):
    hovj, jurist = users("hovj.ams"), users("jurist.ams")
    case_id, subject, victim = new_case(server, hovj, "NL", "AMS", NL_TEAM,
                                        "1983-02-14")
    t0 = now() - 2 * HOUR
    oid = open_order(server, hovj, case_id, subject, victim, t0)["id"]
    step(server, hovj, case_id, oid, "decide", t0 + HOUR, DECIDE)
    o = step(server, hovj, case_id, oid, "serve", t0 + 1.5 * HOUR,
             {"how": "in_person"})
    term = [d for d in o["deadlines"] if d["code"] == "appeal_term"][0]

    # What the older version wrote: the term as an open municipal task,
    # a copy of the order's end task with the term's kind and date.
    sql(server.demo,
        "INSERT INTO tasks SELECT ?, case_id, org_id, 'appeal_term', "
        "'Einde beroepstermijn', source, 'nl.appeal_term', ?, due_from, "
        "'open', created_at, updated_at, 0, NULL, 0, 0, 1 FROM tasks "
        "WHERE source = ? AND kind = 'order_end'",
        (str(uuid.uuid4()), int(parse(term["due_at"]).timestamp()),
         "order:" + oid))
    before = tasks_of(server, jurist, oid, days=60)
    assert set(before) == {"appeal_term", "extension_decision",
                           "order_end"}, before

    new = start_server(scheduler_interval_seconds=1)
    deadline = time.time() + RESYNC_WAIT_SECONDS
    while "appeal_term" in tasks_of(server, jurist, oid, days=60):
        assert time.time() < deadline, "the term's task is still open"
        time.sleep(0.2)
    code, _, err = new.stop()
    assert code == 0, err[-4000:]
    assert "planner: taken van de huisverboden in" in err, err[-4000:]

    after = tasks_of(server, jurist, oid, days=60)
    assert set(after) == {"extension_decision", "order_end"}, after
    for kind in after:
        assert after[kind]["version"] == before[kind]["version"], kind
    cancels = [e for e in journal(server, hovj, case_id)
               if e["action"] == "task.cancel"]
    assert len(cancels) == 1, cancels
    assert cancels[0]["actor_label"] == "systeem:termijnregels"
