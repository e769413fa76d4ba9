"""test_api_worklist.py - the work list, notifications and their e-mail
over real HTTP and real SMTP (issue 4 "Deadlines and the work list").

A local SMTP sink (Debian python3-aiosmtpd) runs on 127.0.0.1 on a free
port; a server is started with scheduler_interval_seconds=1 and smtp_url
pointing at it. The tasks come from real orders (their mapping to the
organisations: test_order_worklist.py): an Amsterdam order imposed three
days ago gives the Amsterdam Veilig Thuis an overdue first contact and a
coming extension advice; a Rotterdam case with the same history gives the
Rotterdam Veilig Thuis an overdue first contact, and the sink refuses that
organisation's address with a temporary error. Then:
  - the work list shows each task in its bucket with words and rule;
  - the scheduler notifies the organisation in-app and the mail arrives,
    to the organisation's address, naming the case but no person;
  - a refused mail stays pending with its attempts counted: retried,
    not lost;
  - marking done and marking read, and what is refused.
Runs on PostgreSQL too (CASUSTAFEL_TEST_PG: the organisations' e-mail
addresses, which the API does not set, through psql). The module's server
is stopped at its end, so that its scheduler does not go on mailing to a
closed sink while later modules run.
"""
import os
import re
import socket
import sqlite3
import subprocess
import time

import pytest
from aiosmtpd.controller import Controller

from test_orders import DAY, DECIDE, HOUR, new_case, now, open_order, step

REFUSED = "weigeren@vt-rtm.example"
GOOD = "termijnen@vt-ams.example"


class Sink:
    """Collects messages; answers 451 for the REFUSED recipient."""

    def __init__(self):
        self.messages = []
        self.refused = 0

    async def handle_RCPT(self, server, session, envelope, address,
                          rcpt_options):
        if address == REFUSED:
            self.refused += 1
            return "451 4.3.0 probeer het later opnieuw"
        envelope.rcpt_tos.append(address)
        return "250 OK"

    async def handle_DATA(self, server, session, envelope):
        self.messages.append((envelope.mail_from, list(envelope.rcpt_tos),
                              envelope.content.decode("utf-8")))
        return "250 Message accepted for delivery"


def free_port():
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def sql(demo, statement, params=()):
    """Run one statement on the demo database (SQLite or PostgreSQL)."""
    if os.environ.get("CASUSTAFEL_TEST_PG"):
        text = statement
        for p in params:
            v = "NULL" if p is None else (
                str(p) if isinstance(p, int) else
                "'" + str(p).replace("'", "''") + "'")
            text = text.replace("?", v, 1)
        out = subprocess.run(["psql", "-qtA", "-v", "ON_ERROR_STOP=1",
                              demo.database, "-c", text],
                             capture_output=True, text=True, timeout=60)
        assert out.returncode == 0, out.stderr
        return [line.split("|") for line in out.stdout.splitlines() if line]
    with sqlite3.connect(demo.database, timeout=30) as db:
        return [list(map(str, r)) for r in db.execute(statement, params)]


def imposed_order(srv, hovj, region, team):
    """A case of region with team, its order imposed three days ago by
    the HOvJ; returns (case id, reference, order id)."""
    case_id, subject, victim = new_case(srv, hovj, "NL", region, team,
                                        "1985-06-01")
    t0 = now() - 3 * DAY
    oid = open_order(srv, hovj, case_id, subject, victim, t0)["id"]
    step(srv, hovj, case_id, oid, "decide", t0 + HOUR, DECIDE)
    r = hovj.get(srv.url("/api/v1/cases/%s" % case_id))
    assert r.status_code == 200, r.text
    return case_id, r.json()["reference"], oid


def order_task(srv, client, order_id, kind):
    """The id of an order's open task of kind in client's work list."""
    r = client.get(srv.url("/api/v1/worklist?coming_days=30&limit=1000"))
    assert r.status_code == 200, r.text
    for bucket in ("overdue", "due", "coming"):
        for t in r.json()[bucket]["items"]:
            if t["source"] == "order:" + order_id and t["kind"] == kind:
                return t["id"]
    raise AssertionError("no task %s of order %s" % (kind, order_id))


@pytest.fixture(scope="module")
def sink():
    handler = Sink()
    ctl = Controller(handler, hostname="127.0.0.1", port=free_port())
    ctl.start()
    yield handler, ctl.port
    ctl.stop()


@pytest.fixture(scope="module")
def world(start_server, sink, users):
    handler, port = sink
    srv = start_server(scheduler_interval_seconds=1,
                       smtp_url="smtp://127.0.0.1:%d" % port,
                       smtp_from="casustafel@test.example")
    demo = srv.demo
    ams = srv.client("coordinator.ams")
    rtm = srv.client("coordinator.rtm")
    hovj = users("hovj.ams")
    teams = {"ams": ("AMS", ["Gemeente Amsterdam",
                             "Veilig Thuis Amsterdam-Amstelland"]),
             "rtm": ("RTM", ["Veilig Thuis Rotterdam Rijnmond"])}
    orgs, orders = {}, {}
    for name, c in (("ams", ams), ("rtm", rtm)):
        me = c.get(c.url("/api/v1/me"))
        assert me.status_code == 200, me.text
        org_id = me.json()["org"]["id"]
        sql(demo, "UPDATE orgs SET email = ? WHERE id = ?",
            (GOOD if name == "ams" else REFUSED, org_id))
        case_id, reference, oid = imposed_order(srv, hovj, *teams[name])
        orgs[name] = (org_id, case_id, reference)
        orders[name] = oid
    tasks = {
        "overdue": order_task(srv, ams, orders["ams"], "first_contact"),
        "coming": order_task(srv, ams, orders["ams"], "extension_advice"),
        "rtm": order_task(srv, rtm, orders["rtm"], "first_contact"),
    }
    yield {"srv": srv, "ams": ams, "rtm": rtm, "orgs": orgs,
           "tasks": tasks, "sink": handler}
    code, _, err = srv.stop()
    assert code == 0, err[-4000:]


def wait_for(pred, seconds=20):
    deadline = time.time() + seconds
    while time.time() < deadline:
        v = pred()
        if v:
            return v
        time.sleep(0.2)
    return pred()


def find(bucket, task_id):
    return next((t for t in bucket["items"] if t["id"] == task_id), None)


def test_worklist_buckets_words_and_rule(world):
    c = world["ams"]
    r = c.get(c.url("/api/v1/worklist?coming_days=7&limit=1000"))
    assert r.status_code == 200, r.text
    wl = r.json()
    assert wl["zone"] == "Europe/Amsterdam" and wl["coming_days"] == 7
    over = find(wl["overdue"], world["tasks"]["overdue"])
    assert over is not None, wl
    # First contact the same or the next day: more than a day late now.
    assert re.fullmatch(r"\d+ (uur|dagen) te laat", over["time_left"]), over
    assert over["rule_id"] == "nl.help.first_contact"
    assert over["case_reference"] == world["orgs"]["ams"][2]
    assert " om " in over["deadline"]
    # The advice 2 days before the end of the 10 days: in 5 days.
    coming = find(wl["coming"], world["tasks"]["coming"])
    assert coming is not None, wl
    assert re.fullmatch(r"nog [45] dagen( en \d+ uur)?",
                        coming["time_left"]), coming
    assert coming["rule_id"] == "nl.extension.advice"
    # Another organisation's task never shows.
    for b in ("overdue", "due", "coming"):
        assert find(wl[b], world["tasks"]["rtm"]) is None
    # A shorter horizon leaves the coming task out.
    r = c.get(c.url("/api/v1/worklist?coming_days=1&limit=1000"))
    assert find(r.json()["coming"], world["tasks"]["coming"]) is None
    r = c.get(c.url("/api/v1/worklist?coming_days=400"))
    assert r.status_code == 400


def test_notification_and_mail_without_personal_data(world):
    c = world["ams"]
    task = world["tasks"]["overdue"]

    def note():
        r = c.get(c.url("/api/v1/notifications?limit=1000"))
        assert r.status_code == 200, r.text
        return next((n for n in r.json()["items"]
                     if n.get("task_id") == task), None)

    n = wait_for(note)
    assert n is not None, "no notification for the overdue task"
    assert n["kind"] == "task.overdue"
    assert n["case_reference"] == world["orgs"]["ams"][2]
    sink = world["sink"]

    def mail():
        # The case's other deadlines are mailed to their own organisations.
        return next((m for m in sink.messages
                     if world["orgs"]["ams"][2] in m[2] and
                     "Eerste contact" in m[2]), None)

    m = wait_for(mail)
    assert m is not None, "no mail arrived in the sink"
    mail_from, rcpts, text = m
    assert mail_from == "casustafel@test.example"
    assert rcpts == [GOOD]
    assert "Termijn verstreken" in text
    # No personal data: none of the case's persons is named.
    case_id = world["orgs"]["ams"][1]
    r = c.get(c.url("/api/v1/cases/%s/persons" % case_id))
    assert r.status_code == 200, r.text
    for p in r.json()["items"]:
        for key in ("given_name", "family_name", "bsn", "rrn"):
            if p.get(key):
                assert p[key] not in text, key
    r = wait_for(lambda: (note() or {}).get("email_status") == "sent")
    assert r, note()

    # Read, once; someone else's notification looks absent.
    r = c.post(c.url("/api/v1/notifications/%s/read" % n["id"]))
    assert r.status_code == 200, r.text
    r = c.get(c.url("/api/v1/notifications?unread=true&limit=1000"))
    assert all(x["id"] != n["id"] for x in r.json()["items"])
    other = world["rtm"]
    r = other.post(other.url("/api/v1/notifications/%s/read" % n["id"]))
    assert r.status_code == 404


def test_refused_mail_is_retried_not_lost(world):
    c = world["rtm"]
    task = world["tasks"]["rtm"]

    def note():
        r = c.get(c.url("/api/v1/notifications?limit=1000"))
        return next((n for n in r.json()["items"]
                     if n.get("task_id") == task), None)

    n = wait_for(lambda: (note() or {}).get("email_attempts", 0) >= 1)
    assert n, note()
    n = note()
    assert n["email_status"] == "pending"
    assert world["sink"].refused >= 1
    assert all(REFUSED not in m[1] for m in world["sink"].messages)


def test_task_done_and_refusals(world):
    c = world["ams"]
    case_id = world["orgs"]["ams"][1]
    task = world["tasks"]["coming"]
    r = c.post(c.url("/api/v1/cases/%s/tasks/%s/done" % (case_id, task)))
    assert r.status_code == 200, r.text
    assert r.json()["status"] == "done"
    assert r.json()["done_by"] == "coordinator.ams"
    r = c.post(c.url("/api/v1/cases/%s/tasks/%s/done" % (case_id, task)))
    assert r.status_code == 409
    # A task of another case answers as absent.
    other_case = world["orgs"]["rtm"][1]
    r = world["rtm"].post(world["rtm"].url(
        "/api/v1/cases/%s/tasks/%s/done" % (other_case, task)))
    assert r.status_code == 404
    # The done task left the work list; the journal has it.
    r = c.get(c.url("/api/v1/worklist?coming_days=7&limit=1000"))
    assert find(r.json()["coming"], task) is None
    r = c.get(c.url("/api/v1/cases/%s/journal?limit=1000" % case_id))
    assert r.status_code == 200, r.text
    assert any(e.get("action") == "task.done" for e in r.json()["items"])
