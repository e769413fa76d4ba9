"""
test_auth_cache.py - the server keeps what it loaded for a session between
requests (http/auth_cache.h); every change to it must count on the very
next request all the same, over real HTTP.

Each test first makes its client's requests come from the cache (the same
session, several requests in a row), then makes the change through the
API - a logout, a lock-out by wrong passwords, a team removal, a role
change - and checks that the next request already gets the new answer.
Changes by another process, which the server only learns of through the
database's auth epoch, are in tests/unit/http/test_app.c (the fixture's
own connection).

The users are ones the other modules leave alone or use for the same
kind of test; what a test changes it puts back (roles), or it waits until
it has passed (the lock-out of a server with a 2-second lock).
"""
import time

import pytest

WARM = 3  # requests in a row: the later ones come from the cache


def warm(client, path, status):
    for _ in range(WARM):
        r = client.get(client.url(path))
        assert r.status_code == status, r.text
    return r


def new_case(client):
    r = client.post(client.url("/api/v1/cases"),
                    json={"jurisdiction": "NL", "region": "AMS"})
    assert r.status_code == 201, r.text
    return r.json()


def test_logout_counts_on_the_next_request(server):
    c = server.client("partner.jb.ams")
    warm(c, "/api/v1/cases", 200)
    r = c.delete(c.url("/api/v1/session"))
    assert r.status_code == 200, r.text
    r = c.get(c.url("/api/v1/cases"))
    assert r.status_code == 401, r.text


def test_lock_out_counts_on_the_next_request(start_server):
    s = start_server(login_lock_seconds=2)
    c = s.client("partner.caw.lim")
    warm(c, "/api/v1/cases", 200)
    for _ in range(5):
        assert s.login("partner.caw.lim", "fout wachtwoord").status_code \
            == 401
    r = c.get(c.url("/api/v1/cases"))
    assert r.status_code == 401, r.text
    # The lock ends by time alone, and so does the refusal.
    time.sleep(2.5)
    warm(c, "/api/v1/cases", 200)


def test_team_removal_counts_on_the_next_request(server, users):
    owner = users("coordinator.ams")
    agent = server.client("agent.ams")
    case = new_case(owner)
    path = "/api/v1/cases/" + case["id"]
    warm(agent, path, 404)
    police = agent.get(agent.url("/api/v1/me")).json()["user"]["org_id"]
    r = owner.post(owner.url(path + "/team"),
                   json={"org_id": police,
                         "reason": "Politie werkt mee aan de aanpak"})
    assert r.status_code == 201, r.text
    warm(agent, path, 200)
    r = owner.delete(owner.url(path + "/team/" + police),
                     json={"reason": "Inzet van de politie is klaar"})
    assert r.status_code == 200, r.text
    r = agent.get(agent.url(path))
    assert r.status_code == 404, r.text


@pytest.fixture
def admin(users):
    return users("admin")


def test_role_change_counts_on_the_next_request(server, admin):
    c = server.client("coordinator.ant")
    me = warm(c, "/api/v1/me", 200).json()["user"]
    warm(c, "/api/v1/cases", 200)
    url = admin.url("/api/v1/users/" + me["id"])
    user = admin.get(url).json()
    try:
        r = admin.patch(url, json={"roles": ["analyst"],
                                   "version": user["version"]})
        assert r.status_code == 200, r.text
        r = c.get(c.url("/api/v1/cases"))
        assert r.status_code == 403, r.text
        assert c.get(c.url("/api/v1/me")).json()["user"]["roles"] == \
            ["analyst"]
    finally:
        now = admin.get(url).json()
        r = admin.patch(url, json={"roles": user["roles"],
                                   "version": now["version"]})
        assert r.status_code == 200, r.text
    r = c.get(c.url("/api/v1/cases"))
    assert r.status_code == 200, r.text
