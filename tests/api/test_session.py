"""
test_session.py - logging in, the second factor, lock-out, CSRF, session
timeouts, password change and bearer tokens, over real HTTP.

Every test uses its own demo user, so that a lock-out, a used TOTP step or
a changed password in one test cannot disturb another (they share one
demo database, see conftest.py).
"""
import time

import requests

from conftest import totp


def assert_error(r, status, code=None):
    assert r.status_code == status, r.text
    body = r.json()
    assert set(body) == {"code", "message", "fields"}, body
    assert body["message"]
    if code:
        assert body["code"] == code, body


def test_login_answer_and_cookie_attributes(server):
    r = server.login("agent.ams")
    assert r.status_code == 200, r.text
    cookie = r.headers["Set-Cookie"]
    assert cookie.startswith("ct_session=")
    attrs = [a.strip() for a in cookie.split(";")[1:]]
    for a in ("HttpOnly", "Secure", "SameSite=Strict", "Path=/"):
        assert a in attrs, cookie
    body = r.json()
    assert body["user"]["username"] == "agent.ams"
    assert body["totp_enrolled"] is True
    assert body["totp_verified"] is False
    assert len(body["csrf_token"]) == 43
    assert "password" not in r.text


def test_wrong_password_and_unknown_user_answer_alike(server):
    wrong = server.login("burgemeester.ams", "niet het wachtwoord")
    unknown = server.login("niemand.bekend", "niet het wachtwoord")
    assert_error(wrong, 401, "login_failed")
    assert_error(unknown, 401, "login_failed")
    assert wrong.content == unknown.content
    assert "Set-Cookie" not in wrong.headers
    assert "Set-Cookie" not in unknown.headers


def test_lock_out_after_five_failures_and_its_expiry(start_server):
    s = start_server(login_lock_seconds=3)
    for _ in range(5):
        assert_error(s.login("jurist.ams", "fout wachtwoord"), 401)
    # Locked: the right password is refused with the same answer.
    locked = s.login("jurist.ams")
    assert_error(locked, 401, "login_failed")
    assert locked.content == s.login("jurist.ams", "fout").content
    time.sleep(3.5)
    assert s.login("jurist.ams").status_code == 200


def test_totp_required_before_case_access(server):
    c = server.client("officier.ams", second_factor=False)
    r = c.get(c.url("/api/v1/cases"))
    assert_error(r, 403)
    assert "tweede factor" in r.json()["message"]
    r = c.post(c.url("/api/v1/session/totp"),
               json={"code": totp(server.demo.secrets["officier.ams"])})
    assert r.status_code == 200, r.text
    assert c.get(c.url("/api/v1/session")).json()["totp_verified"] is True
    assert c.get(c.url("/api/v1/cases")).status_code == 200


def test_totp_code_cannot_be_replayed(server):
    code = totp(server.demo.secrets["hovj.ams"])
    one = server.client("hovj.ams", second_factor=False)
    r = one.post(one.url("/api/v1/session/totp"), json={"code": code})
    assert r.status_code == 200, r.text
    two = server.client("hovj.ams", second_factor=False)
    r = two.post(two.url("/api/v1/session/totp"), json={"code": code})
    assert_error(r, 401, "totp_failed")
    assert_error(two.get(two.url("/api/v1/cases")), 403)
    # A malformed code is a field problem.
    r = two.post(two.url("/api/v1/session/totp"), json={"code": "12ab"})
    assert_error(r, 400)
    assert "code" in r.json()["fields"]


def test_logout_ends_the_session(server):
    c = server.client("partner.jb.ams")
    assert c.get(c.url("/api/v1/session")).status_code == 200
    r = c.delete(c.url("/api/v1/session"))
    assert r.status_code == 200, r.text
    assert "Max-Age=0" in r.headers["Set-Cookie"]
    assert_error(c.get(c.url("/api/v1/session")), 401, "unauthenticated")
    assert_error(c.get(c.url("/api/v1/me")), 401)


def test_csrf_missing_or_wrong_is_refused_and_changes_nothing(server):
    c = server.client("zorgcoordinator.blijf")
    good = c.headers.pop("X-CSRF-Token")
    assert_error(c.delete(c.url("/api/v1/session")), 403, "csrf")
    r = c.post(c.url("/api/v1/me/password"),
               json={"current_password": server.demo.password,
                     "new_password": "een heel nieuw wachtwoord"})
    assert_error(r, 403, "csrf")
    c.headers["X-CSRF-Token"] = good[:-1] + ("A" if good[-1] != "A" else "B")
    assert_error(c.delete(c.url("/api/v1/session")), 403, "csrf")
    # Nothing changed: the session lives, the old password still works.
    assert c.get(c.url("/api/v1/session")).status_code == 200
    assert server.login("zorgcoordinator.blijf").status_code == 200


def test_expired_session_answers_401(start_server):
    s = start_server(session_idle_seconds=2)
    c = s.client("coordinator.utr", second_factor=False)
    assert c.get(c.url("/api/v1/session")).status_code == 200
    time.sleep(3)
    assert_error(c.get(c.url("/api/v1/session")), 401, "unauthenticated")


def test_password_change_ends_other_sessions(server):
    user, new = "coordinator.rtm", "een veel beter wachtwoord"
    mine = server.client(user, second_factor=False)
    other = server.client(user, second_factor=False)
    r = mine.post(mine.url("/api/v1/me/password"),
                  json={"current_password": "fout", "new_password": new})
    assert_error(r, 403)
    r = mine.post(mine.url("/api/v1/me/password"),
                  json={"current_password": server.demo.password,
                        "new_password": "kort"})
    assert_error(r, 400)
    assert "new_password" in r.json()["fields"]
    assert other.get(other.url("/api/v1/session")).status_code == 200

    r = mine.post(mine.url("/api/v1/me/password"),
                  json={"current_password": server.demo.password,
                        "new_password": new})
    assert r.status_code == 200, r.text
    mine.use_login(r)
    assert_error(other.get(other.url("/api/v1/session")), 401)
    assert mine.get(mine.url("/api/v1/session")).status_code == 200
    assert_error(server.login(user), 401, "login_failed")
    assert server.login(user, new).status_code == 200


def test_bearer_token_is_scoped_and_revocable(server):
    c = server.client("coordinator.ant")
    r = c.post(c.url("/api/v1/me/tokens"),
               json={"name": "koppeling test", "scopes": ["case.list"]})
    assert r.status_code == 201, r.text
    created = r.json()
    bearer = {"Authorization": "Bearer " + created["token"]}
    listed = c.get(c.url("/api/v1/me/tokens")).json()["items"]
    assert [t["id"] for t in listed] == [created["id"]]
    assert "token" not in listed[0]

    assert requests.get(c.url("/api/v1/cases"), headers=bearer).ok
    assert_error(requests.get(c.url("/api/v1/me"), headers=bearer), 403)
    # A token cannot make tokens.
    r = requests.post(c.url("/api/v1/me/tokens"), headers=bearer,
                      json={"name": "nog een", "scopes": ["case.list"]})
    assert r.status_code in (401, 403), r.text

    r = c.delete(c.url("/api/v1/me/tokens/" + created["id"]))
    assert r.status_code == 200, r.text
    assert_error(requests.get(c.url("/api/v1/cases"), headers=bearer), 401)


def test_anonymous_requests(server):
    assert requests.get(server.url("/health")).json() == {"status": "ok"}
    assert_error(requests.get(server.url("/api/v1/me")), 401)
    r = requests.post(server.url("/api/v1/session"), json={"username": "x"})
    assert_error(r, 400)
    assert "password" in r.json()["fields"]
