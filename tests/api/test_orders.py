"""
test_orders.py - the restraining order over real HTTP (issue 4), on
SQLite and, with CASUSTAFEL_TEST_PG, on PostgreSQL.

* An acute NL case from the police call to the end of monitoring (seed
  001): the HOvJ screens and imposes under beslissingsmandaat, informs
  the mayor, takes the keys, registers the stay address, informs the
  remaining persons and Veilig Thuis; the coordinator advises to extend,
  the mayor's legal officer hears the removed person, the mayor extends
  (28 days in all), the order runs out, monitoring checks at 6 weeks and
  ends after 3 months. Steps are dated in the past (the server refuses
  steps more than 5 minutes ahead), so the walk starts 150 days ago.
* A BE case (seed 000): the prosecutor decides orally, writes and serves,
  the Veilig Huis advises in writing, the family court sets its hearing
  within the 14 days, and its ruling to extend is recorded.
* Every refusal of the issue's "Bad input": 422 with the rule (id, title,
  source) and nothing written (the case journal keeps its length).
"""
import datetime
import zoneinfo

import pytest

DAY = datetime.timedelta(days=1)
HOUR = datetime.timedelta(hours=1)


@pytest.fixture(scope="module")
def api(server, users):
    return server, users


def iso(t):
    return t.astimezone(datetime.timezone.utc).strftime("%Y-%m-%dT%H:%M:%SZ")


def parse(s):
    return datetime.datetime.strptime(s, "%Y-%m-%dT%H:%M:%SZ").replace(
        tzinfo=datetime.timezone.utc)


def civil_plus(t, days, zone):
    """t plus days on the wall clock of zone (legal arithmetic)."""
    tz = zoneinfo.ZoneInfo(zone)
    local = t.astimezone(tz).replace(tzinfo=None) + days * DAY
    return local.replace(tzinfo=tz).astimezone(datetime.timezone.utc)


def now():
    return datetime.datetime.now(datetime.timezone.utc).replace(
        microsecond=0)


def org_id(server, client, name):
    r = client.get(server.url("/api/v1/orgs?limit=1000"))
    assert r.status_code == 200, r.text
    for o in r.json()["items"]:
        if o["name"] == name:
            return o["id"]
    raise AssertionError("no organisation %s" % name)


def new_case(server, owner, jurisdiction, region, team, subject_birth):
    """A case with a subject and a victim, the team orgs added."""
    r = owner.post(server.url("/api/v1/cases"),
                   json={"jurisdiction": jurisdiction, "region": region})
    assert r.status_code == 201, r.text
    case_id = r.json()["id"]
    for name in team:
        r = owner.post(server.url("/api/v1/cases/%s/team" % case_id),
                       json={"org_id": org_id(server, owner, name),
                             "reason": "Huisverbod: samenwerking volgens "
                                       "het protocol"})
        assert r.status_code == 201, r.text
    persons = server.url("/api/v1/cases/%s/persons" % case_id)
    r = owner.post(persons, json={"given_name": "Piet",
                                  "family_name": "de Vries",
                                  "birth_date": subject_birth, "sex": "male",
                                  "roles": ["perpetrator", "removed"]})
    assert r.status_code == 201, r.text
    subject = r.json()["id"]
    r = owner.post(persons, json={"given_name": "Anna",
                                  "family_name": "de Vries",
                                  "birth_date": "1988-03-04",
                                  "sex": "female",
                                  "roles": ["victim", "remaining"]})
    assert r.status_code == 201, r.text
    return case_id, subject, r.json()["id"]


def journal_total(server, client, case_id):
    r = client.get(server.url("/api/v1/cases/%s/journal?limit=1" % case_id))
    assert r.status_code == 200, r.text
    return r.json()["total"]


def open_order(server, client, case_id, subject, victim, at):
    r = client.post(server.url("/api/v1/cases/%s/orders" % case_id),
                    json={"at": iso(at),
                          "details": {"route": "acute",
                                      "subject_person_id": subject,
                                      "protected_person_ids": [victim],
                                      "place": "Dorpsstraat 1"}})
    assert r.status_code == 201, r.text
    assert r.json()["state"] == "screening"
    return r.json()


def step(server, client, case_id, order_id, kind, at, details=None,
         status=201):
    body = {"kind": kind, "at": iso(at)}
    if details is not None:
        body["details"] = details
    r = client.post(server.url("/api/v1/cases/%s/orders/%s/steps"
                               % (case_id, order_id)), json=body)
    assert r.status_code == status, r.text
    return r.json()


def refused(server, client, case_id, order_id, kind, at, details, rule,
            code):
    """A refusal names its rule and leaves the journal as it was."""
    before = journal_total(server, client, case_id)
    steps_url = server.url("/api/v1/cases/%s/orders/%s/steps"
                           % (case_id, order_id))
    n_steps = client.get(steps_url).json()["total"]
    body = step(server, client, case_id, order_id, kind, at, details,
                status=422)
    assert body["code"] == code, body
    assert body["rule"]["id"] == rule, body
    assert body["rule"]["title"] and body["rule"]["source"]
    assert body["rule"]["source"] in body["message"]
    assert journal_total(server, client, case_id) == before
    assert client.get(steps_url).json()["total"] == n_steps
    return body


DECIDE = {"impose": True, "oral": False, "mandate": "deciding",
          "mandate_reference":
              "Mandaatbesluit huisverbod burgemeester Amsterdam 2026",
          "place": "Dorpsstraat 1, Amsterdam",
          "facts": "Mishandeling na ruzie; buren belden 112.",
          "protected_names": ["Anna de Vries"],
          "subject_resides": True, "serious_danger": True}


def test_nl_acute_order_to_end_of_monitoring(api):
    server, users = api
    hovj, agent = users("hovj.ams"), users("agent.ams")
    coord, mayor = users("coordinator.ams"), users("burgemeester.ams")
    jurist = users("jurist.ams")
    case_id, subject, victim = new_case(
        server, hovj, "NL", "AMS",
        ["Gemeente Amsterdam", "Veilig Thuis Amsterdam-Amstelland"],
        "1985-06-01")
    t0 = now() - 150 * DAY
    o = open_order(server, agent, case_id, subject, victim, t0)
    oid = o["id"]
    journal0 = journal_total(server, hovj, case_id)

    # Out of order: no extension before the decision.
    refused(server, mayor, case_id, oid, "extend", t0 + HOUR, {},
            "order.sequence", "conflict")
    # Missing mandatory content: the facts and circumstances.
    bad = dict(DECIDE)
    del bad["facts"]
    refused(server, hovj, case_id, oid, "decide", t0 + HOUR, bad,
            "nl.content", "invalid")
    # A police officer without the mandate does not decide.
    refused(server, agent, case_id, oid, "decide", t0 + HOUR,
            dict(DECIDE, mandate="none"), "nl.decider", "forbidden")

    o = step(server, hovj, case_id, oid, "decide", t0 + HOUR, DECIDE)
    assert o["state"] == "imposed"
    assert o["mandate"] == "deciding" and o["decided_role"] == "hovj"
    assert parse(o["ends_at"]) == civil_plus(t0 + HOUR, 10,
                                             "Europe/Amsterdam")
    codes = {d["code"] for d in o["deadlines"]}
    assert {"stay_address", "extension_advice", "order_end"} <= codes
    kinds = {s["kind"] for s in o["next_steps"]}
    assert "extend" in kinds and "court_hearing" not in kinds

    step(server, hovj, case_id, oid, "inform", t0 + 2 * HOUR,
         {"parties": ["mayor"]})
    step(server, agent, case_id, oid, "keys", t0 + 2 * HOUR)
    # The bekendmaking starts the six weeks' appeal term.
    o = step(server, agent, case_id, oid, "serve", t0 + 2 * HOUR,
             {"how": "in_person"})
    term = [d for d in o["deadlines"] if d["code"] == "appeal_term"]
    assert len(term) == 1 and term[0]["lapses"], term
    assert parse(term[0]["due_at"]) == civil_plus(t0 + 2 * HOUR, 42,
                                                  "Europe/Amsterdam")
    # Served 150 days ago without an appeal: the term has run out, it
    # is not late, and nobody has a task for it.
    assert term[0]["state"] == "lapsed", term
    assert term[0]["time_left"] == "verstreken", term
    assert all(d["state"] != "lapsed" for d in o["deadlines"]
               if d["code"] != "appeal_term")
    for client in (mayor, hovj):
        r = client.get(server.url("/api/v1/worklist?coming_days=60"
                                  "&limit=1000"))
        assert r.status_code == 200, r.text
        for bucket in ("overdue", "due", "coming"):
            assert all(t["kind"] != "appeal_term"
                       for t in r.json()[bucket]["items"]), bucket
    step(server, agent, case_id, oid, "stay_address", t0 + 3 * HOUR,
         {"address": "Hotel De Brug, Amsterdam", "phone": "+31612345678"})
    step(server, agent, case_id, oid, "inform", t0 + 4 * HOUR,
         {"parties": ["remaining", "veilig_thuis"]})
    step(server, coord, case_id, oid, "first_contact", t0 + DAY)
    # The family court is Belgian: the wrong jurisdiction's terms.
    refused(server, coord, case_id, oid, "court_hearing", t0 + 2 * DAY,
            {"hearing_at": iso(t0 + 5 * DAY)}, "order.jurisdiction",
            "invalid")
    step(server, coord, case_id, oid, "advice", t0 + 7 * DAY,
         {"extend": True, "reasons": "Dreiging blijft; hulp loopt pas."})
    step(server, jurist, case_id, oid, "hear", t0 + 8 * DAY,
         {"person_id": subject, "view": "Wil terug naar huis."})
    # Extension by someone without the power: only the mayor.
    refused(server, jurist, case_id, oid, "extend", t0 + 9 * DAY,
            {"reasons": "Advies gevolgd"}, "nl.extension.mayor_only",
            "forbidden")
    # Past the legal maximum of 28 days in all.
    refused(server, mayor, case_id, oid, "extend", t0 + 9 * DAY,
            {"until": iso(t0 + 30 * DAY), "reasons": "Te lang"},
            "nl.extension.max_total", "invalid")
    o = step(server, mayor, case_id, oid, "extend", t0 + 9 * DAY,
             {"reasons": "Advies gevolgd"})
    assert o["state"] == "extended" and o["n_extensions"] == 1
    ends = parse(o["ends_at"])
    assert ends == civil_plus(t0 + HOUR, 28, "Europe/Amsterdam")

    o = step(server, jurist, case_id, oid, "expire", ends + HOUR)
    assert o["state"] == "expired"
    assert o["clock"]["time_left"] == "het huisverbod loopt niet"
    # Monitoring runs 3 months after the end: not closed too early.
    refused(server, coord, case_id, oid, "monitoring_end", ends + 30 * DAY,
            None, "nl.monitoring", "invalid")
    step(server, coord, case_id, oid, "monitoring_check", ends + 42 * DAY)
    o = step(server, coord, case_id, oid, "monitoring_end", ends + 93 * DAY)
    assert o["state"] == "closed"
    assert o["next_steps"] == []
    assert all(d["done"] for d in o["deadlines"]
               if d["code"] in ("monitoring_check", "monitoring_end"))

    # The journal shows every step, named after it.
    r = hovj.get(server.url("/api/v1/cases/%s/journal?limit=1000"
                            % case_id))
    actions = [e["action"] for e in r.json()["items"]
               if e["action"].startswith("order.")]
    assert actions[0] == "order.open"
    assert "order.decide" in actions and "order.extend" in actions
    assert actions[-1] == "order.monitoring_end"
    # One entry per step; the work list's tasks are journaled beside
    # them (task.create, task.done, ...: test_order_worklist.py).
    assert len(actions) == 14
    assert journal_total(server, hovj, case_id) - journal0 > 12
    r = hovj.get(server.url("/api/v1/cases/%s/orders/%s/steps?limit=100"
                            % (case_id, oid)))
    assert r.status_code == 200, r.text
    steps = r.json()["items"]
    assert [s["seq"] for s in steps] == list(range(1, 15))
    assert steps[1]["kind"] == "decide"
    assert steps[1]["details"]["mandate"] == "deciding"
    r = hovj.get(server.url("/api/v1/cases/%s/orders" % case_id))
    assert r.status_code == 200 and r.json()["total"] == 1


def test_be_prosecutor_to_family_court(api):
    server, users = api
    parket, coord = users("parket.lim"), users("coordinator.lim")
    case_id, subject, victim = new_case(
        server, parket, "BE", "LIM", ["Veilig Huis Limburg (FJC)"],
        "1979-11-20")
    t0 = now() - 30 * DAY
    o = open_order(server, parket, case_id, subject, victim, t0)
    oid = o["id"]
    # BE knows no mandate: wrong jurisdiction's terms.
    refused(server, parket, case_id, oid, "decide", t0 + HOUR,
            dict(DECIDE, oral=True), "be.decider", "invalid")
    o = step(server, parket, case_id, oid, "decide", t0 + HOUR,
             dict(DECIDE, oral=True, mandate="none"))
    assert o["state"] == "imposed" and o["oral"] is True
    assert parse(o["ends_at"]) == civil_plus(t0 + HOUR, 14,
                                             "Europe/Brussels")
    assert "case_manager_start" in {d["code"] for d in o["deadlines"]}
    step(server, parket, case_id, oid, "write", t0 + 3 * HOUR)
    step(server, parket, case_id, oid, "serve", t0 + 4 * HOUR,
         {"how": "prosecutor"})
    step(server, parket, case_id, oid, "inform", t0 + 5 * HOUR,
         {"parties": ["remaining", "victim_support", "removed"]})
    step(server, coord, case_id, oid, "first_contact", t0 + DAY)
    # An NL-only step: no withdrawal by a mayor in Belgium.
    refused(server, parket, case_id, oid, "withdraw", t0 + DAY,
            {"reason": "x"}, "order.jurisdiction", "invalid")
    # The advice to the prosecutor is in writing.
    refused(server, coord, case_id, oid, "advice", t0 + 6 * DAY,
            {"extend": True, "reasons": "Risico hoog"},
            "be.advice_before_hearing", "invalid")
    step(server, coord, case_id, oid, "advice", t0 + 6 * DAY,
         {"extend": True, "reasons": "Risico hoog", "written": True})
    # The family court sits within the 14 days.
    refused(server, parket, case_id, oid, "court_hearing", t0 + 7 * DAY,
            {"hearing_at": iso(t0 + 20 * DAY)},
            "be.court_hearing_within_order", "invalid")
    step(server, parket, case_id, oid, "court_hearing", t0 + 7 * DAY,
         {"hearing_at": iso(t0 + 10 * DAY)})
    # The coordinator records no court ruling.
    refused(server, coord, case_id, oid, "extend", t0 + 10 * DAY,
            {"reasons": "Uitspraak familierechtbank"},
            "be.extension.court_only", "forbidden")
    o = step(server, parket, case_id, oid, "extend", t0 + 10 * DAY,
             {"reasons": "Uitspraak familierechtbank"})
    assert o["state"] == "extended"
    assert parse(o["ends_at"]) > t0 + 80 * DAY
    assert o["clock"]["time_left"].startswith("nog ")


def test_minor_subject_refused(api):
    server, users = api
    hovj = users("hovj.ams")
    case_id, subject, victim = new_case(
        server, hovj, "NL", "AMS", [], "2012-01-01")
    t0 = now() - 2 * HOUR
    o = open_order(server, hovj, case_id, subject, victim, t0)
    refused(server, hovj, case_id, o["id"], "decide", t0 + HOUR, DECIDE,
            "nl.subject.adult", "invalid")


def test_bad_bodies_and_reach(api):
    server, users = api
    hovj = users("hovj.ams")
    case_id, subject, victim = new_case(
        server, hovj, "NL", "AMS", [], "1980-01-01")
    t0 = now() - 2 * HOUR
    o = open_order(server, hovj, case_id, subject, victim, t0)
    before = journal_total(server, hovj, case_id)
    base = server.url("/api/v1/cases/%s/orders/%s/steps"
                      % (case_id, o["id"]))
    # Every type problem at once, nothing written.
    r = hovj.post(base, json={"kind": "decide", "at": iso(t0),
                              "details": {"impose": "ja", "colour": 1}})
    assert r.status_code == 400, r.text
    assert {"details.impose", "details.colour"} <= set(r.json()["fields"])
    r = hovj.post(base, json={"kind": "vliegen", "at": iso(t0)})
    assert r.status_code == 400
    # A step in the future is refused by the law's clock.
    r = hovj.post(base, json={"kind": "keys",
                              "at": iso(now() + DAY)})
    assert r.status_code in (400, 422), r.text
    assert journal_total(server, hovj, case_id) == before
    # An order of another case looks absent.
    other, _, _ = new_case(server, hovj, "NL", "AMS", [], "1980-01-01")
    r = hovj.get(server.url("/api/v1/cases/%s/orders/%s"
                            % (other, o["id"])))
    assert r.status_code == 404
    # Outside the case team: 404 as for a missing case.
    r = users("coordinator.lim").get(
        server.url("/api/v1/cases/%s/orders" % case_id))
    assert r.status_code == 404
