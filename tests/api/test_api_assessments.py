"""
test_api_assessments.py - risk assessment instruments and assessments
over real HTTP (issue 4 "Risk assessment").

* Both shipped instruments are listed and readable (RiHG: 20 signals in
  three parts, PRODUCT.md "Process 1").
* The HOvJ fills in the RiHG (seed 001 ch. 3); two 'high' signals in one
  part give "indicated", the outcome is computed by the server, the
  assessment is journaled on the case.
* A police officer without the HOvJ role may not record a RiHG (the
  instrument's assessor_roles), but may fill in the Veilig Huis checklist.
* Bad answers are refused naming the item; nothing is written.
* An override without a reason, with a short reason or an unknown
  outcome is refused; with a reason it is stored beside the computed
  outcome, once.
"""
import pytest


@pytest.fixture(scope="module")
def api(server, users):
    return server, users


_cases = {}


def case_of(server, client):
    """A case of the police organisation (opened once by the HOvJ)."""
    if "police" not in _cases:
        r = client.post(server.url("/api/v1/cases"),
                        json={"jurisdiction": "NL", "region": "AMS"})
        assert r.status_code == 201, r.text
        _cases["police"] = r.json()["id"]
    return _cases["police"]


def journal_total(server, client, case_id):
    r = client.get(server.url("/api/v1/cases/%s/journal?limit=1" % case_id))
    assert r.status_code == 200, r.text
    return r.json()["total"]


def rihg_answers(highs):
    signals = {}
    for part, n in (("A", 11), ("B", 5), ("C", 4)):
        for i in range(1, n + 1):
            signals["%s%d" % (part, i)] = "low"
    for s in highs:
        signals[s] = "high"
    return {"items": {"A1.1": "yes", "A1.2": "unknown"}, "signals": signals}


def test_instruments_listed_and_read(api):
    server, users = api
    c = users("hovj.ams")
    r = c.get(server.url("/api/v1/instruments"))
    assert r.status_code == 200, r.text
    ids = {i["id"] for i in r.json()["items"]}
    assert {"rihg-structuur", "veilig-huis-eerstelijn"} <= ids
    r = c.get(server.url("/api/v1/instruments/rihg-structuur"))
    assert r.status_code == 200, r.text
    doc = r.json()
    assert [p["id"] for p in doc["parts"]] == ["A", "B", "C"]
    assert sum(len(p["signals"]) for p in doc["parts"]) == 20
    assert any("Besluit tijdelijk huisverbod" in n for n in doc["notes"])
    r = c.get(server.url("/api/v1/instruments/geen-instrument"))
    assert r.status_code == 404
    # Not for roles without case access.
    assert users("analist").get(
        server.url("/api/v1/instruments")).status_code == 403


def test_hovj_rihg_indicated_and_override(api):
    server, users = api
    hovj = users("hovj.ams")
    case_id = case_of(server, hovj)
    base = server.url("/api/v1/cases/%s/assessments" % case_id)
    before = journal_total(server, hovj, case_id)
    r = hovj.post(base, json={"instrument_id": "rihg-structuur",
                              "answers": rihg_answers(["A1", "A4"])})
    assert r.status_code == 201, r.text
    a = r.json()
    assert a["outcome"] == "indicated"
    assert a["result"]["determined"] is True
    assert a["result"]["parts"][0]["ratings"]["high"] == 2
    assert a["assessed_by"]["role"] == "hovj"
    assert a["instrument_version"] == "1.0"
    assert journal_total(server, hovj, case_id) == before + 1

    # Highs spread over the parts: not indicated.
    r = hovj.post(base, json={"instrument_id": "rihg-structuur",
                              "answers": rihg_answers(["A1", "B1", "C1"])})
    assert r.status_code == 201, r.text
    assert r.json()["outcome"] == "not_indicated"

    r = hovj.get(base)
    assert r.status_code == 200 and r.json()["total"] >= 2
    r = hovj.get(base + "/" + a["id"])
    assert r.status_code == 200 and r.json()["id"] == a["id"]

    ov = base + "/" + a["id"] + "/override"
    n = journal_total(server, hovj, case_id)
    r = hovj.post(ov, json={"outcome": "not_indicated"})
    assert r.status_code == 400, r.text
    assert "reason" in r.json()["fields"]
    r = hovj.post(ov, json={"outcome": "not_indicated", "reason": "kort"})
    assert r.status_code == 400 and "reason" in r.json()["fields"]
    r = hovj.post(ov, json={"outcome": "misschien",
                            "reason": "Na het horen bleek de dreiging weg"})
    assert r.status_code == 400 and "outcome" in r.json()["fields"]
    assert journal_total(server, hovj, case_id) == n
    r = hovj.post(ov, json={"outcome": "not_indicated",
                            "reason": "Na het horen bleek de dreiging weg"})
    assert r.status_code == 200, r.text
    body = r.json()
    assert body["outcome"] == "indicated"
    assert body["effective_outcome"] == "not_indicated"
    assert body["override"]["reason"].startswith("Na het horen")
    r = hovj.post(ov, json={"outcome": "indicated",
                            "reason": "Toch weer anders beoordeeld nu"})
    assert r.status_code == 409, r.text
    assert journal_total(server, hovj, case_id) == n + 1


def test_bad_answers_named_nothing_written(api):
    server, users = api
    hovj = users("hovj.ams")
    case_id = case_of(server, hovj)
    base = server.url("/api/v1/cases/%s/assessments" % case_id)
    n = journal_total(server, hovj, case_id)
    r = hovj.post(base, json={
        "instrument_id": "rihg-structuur",
        "answers": {"items": {"A1.1": "misschien", "Z9.1": "yes"},
                    "signals": {"A1": "rood"}}})
    assert r.status_code == 400, r.text
    fields = r.json()["fields"]
    assert "answers.items.A1.1" in fields
    assert "answers.items.Z9.1" in fields
    assert "answers.signals.A1" in fields
    r = hovj.post(base, json={"instrument_id": "bestaat-niet",
                              "answers": {}})
    assert r.status_code == 400 and "instrument_id" in r.json()["fields"]
    assert journal_total(server, hovj, case_id) == n


def test_assessor_roles(api):
    server, users = api
    agent = users("agent.ams")
    case_id = case_of(server, agent)
    base = server.url("/api/v1/cases/%s/assessments" % case_id)
    # seed 001 ch. 3: the RiHG is the HOvJ's.
    r = agent.post(base, json={"instrument_id": "rihg-structuur",
                               "answers": rihg_answers([])})
    assert r.status_code == 403, r.text
    r = agent.post(base, json={"instrument_id": "veilig-huis-eerstelijn",
                               "answers": {"signals": {"R1": "medium"}}})
    assert r.status_code == 201, r.text
    a = r.json()
    # R2..R6 unrated: a 'high' could still come, so undetermined.
    assert a["outcome"] is None
    assert a["result"]["determined"] is False
    # The mayor weighs, does not assess.
    mayor = users("burgemeester.ams")
    r = mayor.post(server.url("/api/v1/cases/%s/assessments" % case_id),
                   json={"instrument_id": "veilig-huis-eerstelijn",
                         "answers": {}})
    assert r.status_code in (403, 404), r.text
