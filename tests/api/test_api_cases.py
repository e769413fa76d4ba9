"""
test_api_cases.py - the case API over real HTTP (issue 3).

* The "Done when" flow: a coordinator reads a case of their team, is
  refused one of another team (404, the same bytes as a case that does not
  exist), and the privacy officer finds both in the access log.
* Break-the-glass: refused without a reason, then the case opens, read
  only, and the grant is on the privacy officer's review list. (The
  authorization matrix over every route is test_authz.py.)
* Bad input: each gets the right status, a clear message in the one error
  shape, and changes nothing (the case journal is compared before/after).

The server and the logins come from the shared harness (conftest.py):
one server per test session on a fresh demo database, PostgreSQL when
CASUSTAFEL_TEST_PG is set, and one logged-in client per user.
"""
import http.client
import uuid

import pytest
import requests


class Api:
    """The default server and its logged-in clients, under short names."""

    def __init__(self, server, users):
        self.server = server
        self.base = server.base
        self.users = users

    def url(self, path):
        return self.server.url(path)

    def login(self, username):
        return self.users(username)


@pytest.fixture(scope="module")
def api(server, users):
    return Api(server, users)


def own_case(api, username):
    r = api.login(username).get(api.url("/api/v1/cases?limit=1"))
    assert r.status_code == 200, r.text
    return r.json()["items"][0]


def journal(api, username, case_id):
    r = api.login(username).get(
        api.url("/api/v1/cases/%s/journal?limit=1000" % case_id))
    assert r.status_code == 200, r.text
    return r.json()["total"]


def raw_get(api, target, session):
    """GET target exactly as written (requests would remove "..")."""
    host, port = api.base.rsplit("/", 1)[1].split(":")
    conn = http.client.HTTPConnection(host, int(port), timeout=10)
    try:
        conn.request("GET", target, headers={"Cookie":
                                             session.headers["Cookie"]})
        resp = conn.getresponse()
        return resp.status, resp.read()
    finally:
        conn.close()


def assert_error_shape(r, status, code=None):
    assert r.status_code == status, (r.status_code, r.text)
    body = r.json()
    assert set(body) == {"code", "message", "fields"}
    assert body["message"] and body["message"].strip()
    if code:
        assert body["code"] == code
    return body


# ---------------------------------------------------------------- done when

def test_done_when_team_case_read_other_refused_both_logged(api):
    ams = api.login("coordinator.ams")
    mine = own_case(api, "coordinator.ams")
    theirs = own_case(api, "coordinator.lim")
    ours = ams.get(api.url("/api/v1/cases/" + mine["id"]))
    assert ours.status_code == 200
    assert ours.json()["reference"] == mine["reference"]

    refused = ams.get(api.url("/api/v1/cases/" + theirs["id"]))
    missing = ams.get(api.url("/api/v1/cases/" + str(uuid.uuid4())))
    assert refused.status_code == 404
    # outside the team looks exactly like absent
    assert refused.content == missing.content
    assert theirs["reference"] not in refused.text

    po = api.login("privacy.officer")
    me = ams.get(api.url("/api/v1/me")).json()["user"]["id"]
    r = po.get(api.url("/api/v1/access-log?user_id=%s&limit=1000" % me))
    assert r.status_code == 200, r.text
    seen = {(e["case_id"], e["allowed"]) for e in r.json()["items"]
            if e.get("case_id")}
    assert (mine["id"], True) in seen
    assert (theirs["id"], False) in seen
    # and filtered the other way round: who touched this case
    r = po.get(api.url("/api/v1/access-log?case_id=%s&allowed=false"
                       % theirs["id"]))
    assert any(e["user_id"] == me for e in r.json()["items"])


# ---------------------------------------------------------- break the glass

def test_break_glass_opens_outside_case_and_is_listed(api):
    theirs = own_case(api, "coordinator.lim")
    ams = api.login("coordinator.ams")
    url = api.url("/api/v1/cases/%s" % theirs["id"])
    assert ams.get(url).status_code == 404
    r = ams.post(url + "/break-glass", json={"reason": "kort"})
    assert_error_shape(r, 400, "invalid")
    assert "reason" in r.json()["fields"]
    r = ams.post(url + "/break-glass",
                 json={"reason": "Acute dreiging gemeld door politie"})
    assert r.status_code == 201, r.text
    grant = r.json()
    assert grant["expires_at"] > grant["created_at"]
    assert ams.get(url).status_code == 200
    # read only: no writes under an emergency grant
    r = ams.post(url + "/persons", json={"given_name": "X", "roles": ["victim"]})
    assert r.status_code in (403, 404)
    po = api.login("privacy.officer")
    r = po.get(api.url("/api/v1/break-glass?unreviewed=true"))
    assert grant["id"] in [g["id"] for g in r.json()["items"]]
    r = po.post(api.url("/api/v1/break-glass/%s/review" % grant["id"]),
                json={"note": "Terecht, besproken met eigenaar"})
    assert r.status_code == 200, r.text


# ---------------------------------------------------------------- bad input

def test_bad_input_changes_nothing(api):
    ams = api.login("coordinator.ams")
    case = own_case(api, "coordinator.ams")
    cid = case["id"]
    base = api.url("/api/v1/cases/" + cid)
    before = journal(api, "coordinator.ams", cid)

    # malformed JSON
    r = ams.patch(base, data="{\"status\": ",
                  headers={"Content-Type": "application/json"})
    assert_error_shape(r, 400)
    # not JSON at all
    r = ams.patch(base, data="status=closed",
                  headers={"Content-Type": "application/x-www-form-urlencoded"})
    assert_error_shape(r, 415)
    # wrong types and an unknown field, all named at once
    r = ams.post(base + "/persons",
                 json={"given_name": 5, "roles": "victim", "shoe_size": 44})
    body = assert_error_shape(r, 400, "invalid")
    assert {"given_name", "shoe_size"} <= set(body["fields"])
    # an unknown vocab code
    r = ams.post(base + "/persons",
                 json={"given_name": "Anna", "roles": ["dragon"]})
    assert "roles" in assert_error_shape(r, 400)["fields"]
    # a bad BSN (elfproef) is a field problem too
    r = ams.post(base + "/persons", json={"given_name": "Anna",
                                          "bsn": "123456789",
                                          "roles": ["victim"]})
    assert "bsn" in assert_error_shape(r, 400)["fields"]
    # oversized body
    r = ams.post(base + "/incidents",
                 json={"occurred_at": "2026-01-01T10:00:00Z",
                       "types": ["partner"], "description": "x" * 200000})
    assert_error_shape(r, 413)
    # missing version
    r = ams.patch(base, json={"status": "closed"})
    assert "version" in assert_error_shape(r, 400)["fields"]
    # stale version
    r = ams.patch(base, json={"status": "closed",
                              "version": case["version"] + 7})
    assert_error_shape(r, 409, "conflict")
    # bad UUIDs and path traversal
    assert_error_shape(ams.get(api.url("/api/v1/cases/not-a-uuid")), 400)
    for target in ("/api/v1/cases/%s/../../orgs" % cid,
                   "/api/v1/cases/%s/persons/%%2e%%2e" % cid,
                   "/api/v1/cases/%s%%2fpersons" % cid,
                   "/api/v1/cases/%s/persons/..%%2f..%%2fetc" % cid):
        status, body = raw_get(api, target, ams)
        assert status == 400, (target, status, body)
        assert b'"code"' in body
    # undeclared query parameter
    assert_error_shape(ams.get(api.url("/api/v1/cases?colour=red")), 400)
    # a person of another case through this case's path: 404
    other = own_case(api, "coordinator.lim")
    other_persons = api.login("coordinator.lim").get(
        api.url("/api/v1/cases/%s/persons" % other["id"])).json()["items"]
    if other_persons:
        r = ams.get(base + "/persons/" + other_persons[0]["id"])
        assert_error_shape(r, 404, "not_found")
    # CSRF missing and wrong
    token = ams.headers.pop("X-CSRF-Token")
    try:
        r = ams.patch(base, json={"status": "closed",
                                  "version": case["version"]})
        assert_error_shape(r, 403)
        ams.headers["X-CSRF-Token"] = "x" * 43
        r = ams.patch(base, json={"status": "closed",
                                  "version": case["version"]})
        assert_error_shape(r, 403)
    finally:
        ams.headers["X-CSRF-Token"] = token
    # a bad session
    r = requests.get(base, headers={"Cookie": "ct_session=bogus"})
    assert_error_shape(r, 401)
    r = requests.get(base, headers={"Authorization": "Bearer bogus"})
    assert_error_shape(r, 401)

    assert journal(api, "coordinator.ams", cid) == before
    assert ams.get(base).json()["version"] == case["version"]


def test_update_with_version_and_lists(api):
    ams = api.login("coordinator.ams")
    case = own_case(api, "coordinator.ams")
    base = api.url("/api/v1/cases/" + case["id"])
    r = ams.post(base + "/persons",
                 json={"given_name": "Test", "family_name": "Persoon",
                       "birth_date": "1990-05-01", "roles": ["witness"]})
    assert r.status_code == 201, r.text
    p = r.json()
    r = ams.patch(base + "/persons/" + p["id"],
                  json={"family_name": "Anders", "version": p["version"]})
    assert r.status_code == 200, r.text
    assert r.json()["version"] == p["version"] + 1
    # the same version again is stale now
    r = ams.patch(base + "/persons/" + p["id"],
                  json={"family_name": "Weer", "version": p["version"]})
    assert_error_shape(r, 409)
    r = ams.get(api.url("/api/v1/cases?status=open&jurisdiction=NL"
                        "&limit=2&offset=0"))
    body = r.json()
    assert set(body) == {"items", "total", "limit", "offset"}
    assert len(body["items"]) <= 2 and body["limit"] == 2
    assert all(c["status"] == "open" for c in body["items"])
    # part of the reference, in any case: the case itself is found
    part = case["reference"][-8:].lower()
    r = ams.get(api.url("/api/v1/cases?reference=" + part + "&limit=100"))
    assert r.status_code == 200, r.text
    refs = [c["reference"] for c in r.json()["items"]]
    assert case["reference"] in refs
    assert all(part.upper() in ref for ref in refs)
    j = ams.get(base + "/journal?limit=1000").json()["items"]
    assert j[-1]["action"] == "person.update"
