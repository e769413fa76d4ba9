"""
test_order_worklist.py - every clock an order starts becomes a dated task
in the RIGHT organisation's work list, over real HTTP (issue 4
"Deadlines and the work list"; mapping: src/core/order_tasks.h), on
SQLite and, with CASUSTAFEL_TEST_PG, on PostgreSQL.

* NL (seed 001): an HOvJ of the police imposes under beslissingsmandaat
  with the municipality and Veilig Thuis on the case team. The police
  see the 24-hour stay address (the HOvJ registers it: seed 001 hfst. 3
  punt 5), the coordinator the first contact and the extension advice,
  the mayor's legal officer the extension decision and the end of the
  order; each with its legal deadline, the time left in words and its
  rule; none in another organisation's list. The step that meets a
  deadline takes its task off the list; an extension moves the end.
* BE (seed 000): the prosecutor decides; the Veilig Huis (an FJC in
  Limburg) sees the case manager's first working day and the written
  advice, the parket the family-court hearing (it attends: seed 000
  §3.1) and the end of the order; the court's ruling closes the hearing
  and moves the end to the extension.
* No organisation of a type on the team: the case owner gets the task and
  its title says so; no legal deadline is dropped.
* A refused step leaves the work list as it was.
* Mail: an order imposed three days ago has overdue deadlines; the
  scheduler (every second, on a server of this module) notifies each
  organisation in-app and the e-mail arrives in a local SMTP sink
  (Debian python3-aiosmtpd) at that organisation's own address, naming
  the case and the task but no person.
"""
import datetime
import os
import socket
import sqlite3
import subprocess
import time

import pytest
from aiosmtpd.controller import Controller

from test_orders import DAY, DECIDE, HOUR, iso, new_case, now, open_order, \
    org_id, parse, step

MAIL = {
    "Politie Eenheid Amsterdam": "termijnen@politie-ams.example",
    "Gemeente Amsterdam": "termijnen@gemeente-ams.example",
    "Veilig Thuis Amsterdam-Amstelland": "termijnen@vt-ams.example",
}
MIN = datetime.timedelta(minutes=1)
NL_TEAM = ["Gemeente Amsterdam", "Veilig Thuis Amsterdam-Amstelland"]


class Sink:
    """Collects every message (sender, recipients, text)."""

    def __init__(self):
        self.messages = []

    async def handle_DATA(self, server, session, envelope):
        self.messages.append((envelope.mail_from, list(envelope.rcpt_tos),
                              envelope.content.decode("utf-8")))
        return "250 Message accepted for delivery"


def free_port():
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def sql(demo, statement, params=()):
    """One statement on the demo database (the API sets no org e-mail);
    as in test_api_worklist.py."""
    if os.environ.get("CASUSTAFEL_TEST_PG"):
        text = statement
        for p in params:
            text = text.replace("?", "'" + str(p).replace("'", "''") + "'",
                                1)
        out = subprocess.run(["psql", "-qtA", "-v", "ON_ERROR_STOP=1",
                              demo.database, "-c", text],
                             capture_output=True, text=True, timeout=60)
        assert out.returncode == 0, out.stderr
        return
    with sqlite3.connect(demo.database, timeout=30) as db:
        db.execute(statement, params)


@pytest.fixture(scope="module")
def world(start_server, users):
    handler = Sink()
    ctl = Controller(handler, hostname="127.0.0.1", port=free_port())
    ctl.start()
    srv = start_server(scheduler_interval_seconds=1,
                       smtp_url="smtp://127.0.0.1:%d" % ctl.port,
                       smtp_from="casustafel@test.example")
    hovj = users("hovj.ams")
    for name, address in MAIL.items():
        sql(srv.demo, "UPDATE orgs SET email = ? WHERE id = ?",
            (address, org_id(srv, hovj, name)))
    yield srv, users, handler
    # Stop this server's scheduler with its sink, so that no later module
    # meets a scheduler mailing to a closed port.
    code, _, err = srv.stop()
    ctl.stop()
    assert code == 0, err[-4000:]


def worklist(srv, client, days=20):
    r = client.get(srv.url("/api/v1/worklist?coming_days=%d&limit=1000"
                           % days))
    assert r.status_code == 200, r.text
    return r.json()


def tasks_of(srv, client, order_id, days=20):
    """{kind: task} of one order in client's work list; task["bucket"]."""
    wl = worklist(srv, client, days)
    out = {}
    for bucket in ("overdue", "due", "coming"):
        assert wl[bucket]["total"] <= 1000, "more than one page"
        for t in wl[bucket]["items"]:
            if t["source"] == "order:" + order_id:
                out[t["kind"]] = dict(t, bucket=bucket)
    return out


def words_ok(task):
    """The deadline and the time left in plain words, the rule named."""
    assert " om " in task["deadline"], task
    if task["bucket"] == "overdue":
        assert task["time_left"].endswith("te laat"), task
    else:
        assert task["time_left"].startswith("nog "), task
    assert task["rule_id"], task


def test_nl_deadlines_in_the_right_work_lists(world):
    srv, users, _ = world
    hovj, agent = users("hovj.ams"), users("agent.ams")
    coord, jurist = users("coordinator.ams"), users("jurist.ams")
    mayor = users("burgemeester.ams")
    case_id, subject, victim = new_case(srv, hovj, "NL", "AMS", NL_TEAM,
                                        "1985-06-01")
    t0 = now() - 2 * HOUR
    oid = open_order(srv, agent, case_id, subject, victim, t0)["id"]
    # Screening starts no clock.
    assert tasks_of(srv, agent, oid) == {}
    o = step(srv, hovj, case_id, oid, "decide", t0 + HOUR, DECIDE)
    decided = t0 + HOUR
    imposed_end = parse(o["ends_at"])

    police = tasks_of(srv, agent, oid)
    assert set(police) == {"stay_address"}, police
    t = police["stay_address"]
    assert parse(t["due_at"]) == decided + 24 * HOUR
    assert t["rule_id"] == "nl.stay_address_24h"
    assert t["case_id"] == case_id
    assert "geen" not in t["title"]
    words_ok(t)

    care = tasks_of(srv, coord, oid)
    assert {"first_contact", "extension_advice", "help_plan",
            "system_talk"} <= set(care), care
    assert "stay_address" not in care and "order_end" not in care
    assert care["extension_advice"]["rule_id"] == "nl.extension.advice"
    # The advice at the latest 2 days before the end (Wth art. 2 lid 9).
    assert parse(care["extension_advice"]["due_at"]) == \
        imposed_end - 2 * DAY
    assert care["first_contact"]["rule_id"] == "nl.help.first_contact"
    for t in care.values():
        words_ok(t)

    town = tasks_of(srv, jurist, oid)
    assert set(town) == {"extension_decision", "order_end"}, town
    assert parse(town["order_end"]["due_at"]) == imposed_end
    assert town["order_end"]["rule_id"] == "nl.duration"
    assert town["extension_decision"]["rule_id"] == \
        "nl.extension.mayor_only"
    # The mayor's organisation is the legal officer's: the same list.
    assert set(tasks_of(srv, mayor, oid)) == set(town)

    # A refused step leaves every work list as it was. The time left in
    # words and the bucket (today or later) are left out: they follow the
    # clock, which ticks on between the two reads.
    def lists():
        return [{kind: dict(t, time_left=None, bucket=None)
                 for kind, t in tasks_of(srv, c, oid).items()}
                for c in (agent, coord, jurist)]
    before = lists()
    r = jurist.post(srv.url("/api/v1/cases/%s/orders/%s/steps"
                            % (case_id, oid)),
                    json={"kind": "extend", "at": iso(t0 + 90 * MIN),
                          "details": {"reasons": "Advies gevolgd"}})
    assert r.status_code == 422, r.text
    assert lists() == before

    # Meeting a deadline takes its task off the list.
    step(srv, agent, case_id, oid, "stay_address", t0 + 90 * MIN,
         {"address": "Hotel De Brug, Amsterdam", "phone": "+31612345678"})
    assert tasks_of(srv, agent, oid) == {}
    step(srv, coord, case_id, oid, "first_contact", t0 + 100 * MIN)
    care = tasks_of(srv, coord, oid)
    assert "first_contact" not in care and "extension_advice" in care
    step(srv, coord, case_id, oid, "advice", t0 + 110 * MIN,
         {"extend": True, "reasons": "Dreiging blijft; hulp loopt pas."})
    assert "extension_advice" not in tasks_of(srv, coord, oid)

    # The mayor extends: the decision is taken, the end moves to day 28.
    o = step(srv, mayor, case_id, oid, "extend", t0 + 115 * MIN,
             {"reasons": "Advies gevolgd"})
    town = tasks_of(srv, jurist, oid, days=40)
    assert set(town) == {"order_end"}, town
    assert parse(town["order_end"]["due_at"]) == parse(o["ends_at"])
    assert parse(o["ends_at"]) > imposed_end + 17 * DAY

    # Done tasks are in the case journal; none was left open by mistake.
    r = hovj.get(srv.url("/api/v1/cases/%s/journal?limit=1000" % case_id))
    assert r.status_code == 200, r.text
    actions = [e["action"] for e in r.json()["items"]]
    assert actions.count("task.done") >= 4
    assert "task.create" in actions


def test_be_deadlines_in_the_right_work_lists(world):
    srv, users, _ = world
    parket, coord = users("parket.lim"), users("coordinator.lim")
    case_id, subject, victim = new_case(
        srv, parket, "BE", "LIM", ["Veilig Huis Limburg (FJC)"],
        "1979-11-20")
    t0 = now() - 3 * HOUR
    oid = open_order(srv, parket, case_id, subject, victim, t0)["id"]
    o = step(srv, parket, case_id, oid, "decide", t0 + HOUR,
             dict(DECIDE, oral=True, mandate="none"))
    first_end = parse(o["ends_at"])

    vh = tasks_of(srv, coord, oid)
    assert set(vh) == {"case_manager_start", "written_advice"}, vh
    start = vh["case_manager_start"]
    assert start["rule_id"] == "be.case_manager.first_working_day"
    # Case managers work weekdays: the first working day, never later
    # than four days after a Friday-night order (seed 000 §3.1).
    assert t0 + HOUR <= parse(start["due_at"]) <= t0 + HOUR + 5 * DAY
    for t in vh.values():
        words_ok(t)
        assert "geen" not in t["title"]

    pk = tasks_of(srv, parket, oid)
    assert set(pk) == {"court_hearing", "order_end"}, pk
    assert pk["court_hearing"]["rule_id"] == \
        "be.court_hearing_within_order"
    assert parse(pk["court_hearing"]["due_at"]) == first_end
    assert parse(pk["order_end"]["due_at"]) == first_end
    # The court is no user: the parket sees its date, with no
    # "missing organisation" note (it is the court's stand-in).
    assert "geen" not in pk["court_hearing"]["title"]

    step(srv, coord, case_id, oid, "first_contact", t0 + 2 * HOUR)
    step(srv, coord, case_id, oid, "advice", t0 + 2 * HOUR + 10 * MIN,
         {"extend": True, "reasons": "Risico hoog", "written": True})
    assert tasks_of(srv, coord, oid) == {}
    step(srv, parket, case_id, oid, "court_hearing", t0 + 2 * HOUR + 20 * MIN,
         {"hearing_at": iso(t0 + 5 * DAY)})
    # The hearing is set, the ruling not yet given: still the parket's.
    assert "court_hearing" in tasks_of(srv, parket, oid)
    o = step(srv, parket, case_id, oid, "extend", t0 + 2 * HOUR + 30 * MIN,
             {"reasons": "Uitspraak familierechtbank"})
    pk = tasks_of(srv, parket, oid, days=120)
    assert set(pk) == {"order_end"}, pk
    assert parse(pk["order_end"]["due_at"]) == parse(o["ends_at"])
    assert pk["order_end"]["rule_id"] == "be.extension.max_months"


def test_no_such_organisation_on_the_team_falls_back_to_the_owner(world):
    srv, users, _ = world
    hovj, coord = users("hovj.ams"), users("coordinator.ams")
    # Only the police (the owner) on the team.
    case_id, subject, victim = new_case(srv, hovj, "NL", "AMS", [],
                                        "1980-01-01")
    t0 = now() - 2 * HOUR
    oid = open_order(srv, hovj, case_id, subject, victim, t0)["id"]
    step(srv, hovj, case_id, oid, "decide", t0 + HOUR, DECIDE)
    mine = tasks_of(srv, hovj, oid)
    assert {"stay_address", "first_contact", "extension_advice",
            "extension_decision", "order_end"} <= set(mine), mine
    assert "geen" not in mine["stay_address"]["title"]
    assert mine["first_contact"]["title"].endswith(
        "(geen Veilig Thuis in het casusteam)")
    assert mine["extension_decision"]["title"].endswith(
        "(geen gemeente in het casusteam)")
    # Nobody else sees them: the case is not theirs.
    assert tasks_of(srv, coord, oid) == {}


def test_overdue_deadlines_mailed_to_the_right_organisation(world):
    srv, users, sink = world
    hovj, agent, coord = (users("hovj.ams"), users("agent.ams"),
                          users("coordinator.ams"))
    case_id, subject, victim = new_case(srv, hovj, "NL", "AMS", NL_TEAM,
                                        "1985-06-01")
    t0 = now() - 3 * DAY
    oid = open_order(srv, agent, case_id, subject, victim, t0)["id"]
    step(srv, hovj, case_id, oid, "decide", t0 + HOUR, DECIDE)
    reference = hovj.get(srv.url("/api/v1/cases/%s" % case_id)).json()[
        "reference"]

    police = tasks_of(srv, agent, oid)
    assert police["stay_address"]["bucket"] == "overdue"
    assert police["stay_address"]["time_left"].endswith("te laat")
    care = tasks_of(srv, coord, oid)
    assert care["first_contact"]["bucket"] == "overdue"

    def wait_for(pred, seconds=30):
        deadline = time.time() + seconds
        while time.time() < deadline:
            v = pred()
            if v:
                return v
            time.sleep(0.2)
        return pred()

    def mail(title):
        return next((m for m in sink.messages
                     if reference in m[2] and title in m[2]), None)

    expect = [(police["stay_address"], "Politie Eenheid Amsterdam"),
              (care["first_contact"], "Veilig Thuis Amsterdam-Amstelland")]
    for task, org in expect:
        m = wait_for(lambda: mail(task["title"]))
        assert m is not None, "no mail for %s" % task["kind"]
        mail_from, rcpts, text = m
        assert mail_from == "casustafel@test.example"
        assert rcpts == [MAIL[org]], (task["kind"], rcpts)
        assert "Termijn verstreken" in text
        assert task["rule_id"] in text
        # No personal data: no person's name, nor the home's address.
        for word in ("Piet", "Anna", "de Vries", "Dorpsstraat", "Hotel"):
            assert word not in text, word
    # In-app too, for the organisation that must act only.
    r = agent.get(srv.url("/api/v1/notifications?limit=1000"))
    assert r.status_code == 200, r.text
    mine = [n for n in r.json()["items"]
            if n.get("task_id") == police["stay_address"]["id"]]
    assert mine and mine[0]["kind"] == "task.overdue"
    assert mine[0]["case_reference"] == reference
    r = coord.get(srv.url("/api/v1/notifications?limit=1000"))
    assert not [n for n in r.json()["items"]
                if n.get("task_id") == police["stay_address"]["id"]]
    # Met late, the deadline still leaves the list; the notification
    # stays as the record that it was overdue.
    step(srv, agent, case_id, oid, "stay_address", now() - MIN,
         {"address": "Hotel De Brug, Amsterdam", "phone": "+31612345678"})
    assert "stay_address" not in tasks_of(srv, agent, oid)
    r = agent.get(srv.url("/api/v1/notifications?limit=1000"))
    assert any(n.get("task_id") == police["stay_address"]["id"]
               for n in r.json()["items"])
