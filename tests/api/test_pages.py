"""
test_pages.py - the first web pages (issue 5) served by the same server,
router and policy as the API: sign in through the forms (user name and
password, then the TOTP code), the work list and the case list, sign-out
with the form's CSRF token, the strict CSP, escaping of hostile input, and
one 404 page for a case outside the team and a case that does not exist.

The session cookie is Secure and the test server speaks plain HTTP, so
the browser here (requests) is given the cookie by hand, as conftest's
clients do.
"""
import re
import uuid

import requests

from conftest import keep_alive_retry, totp, wait_next_step

STRICT = "default-src 'self'"


class Browser(requests.Session):
    """A form-posting browser that keeps ct_session by hand."""

    def __init__(self, server):
        super().__init__()
        keep_alive_retry(self)
        self.server = server

    def go(self, method, path, **kw):
        kw.setdefault("allow_redirects", False)
        r = self.request(method, self.server.url(path), **kw)
        m = re.search(r"ct_session=([^;]*)", r.headers.get("Set-Cookie", ""))
        if m:
            if m.group(1):
                self.headers["Cookie"] = "ct_session=" + m.group(1)
            else:
                self.headers.pop("Cookie", None)
        return r


def csrf_of(html):
    m = re.search(r'name="csrf_token" value="([^"]*)"', html)
    assert m, html
    return m.group(1)


def sign_in(server, username, code=True):
    b = Browser(server)
    r = b.go("POST", "/aanmelden",
             data={"username": username, "password": server.demo.password})
    assert r.status_code == 303, r.text
    assert r.headers["Location"] == "/aanmelden/code"
    if not code:
        return b
    r = b.go("GET", "/aanmelden/code")
    assert r.status_code == 200, r.text
    token = csrf_of(r.text)
    secret = server.demo.secrets[username]
    r = b.go("POST", "/aanmelden/code",
             data={"code": totp(secret), "csrf_token": token})
    if r.status_code == 401:  # this step's code was used already
        wait_next_step()
        r = b.go("POST", "/aanmelden/code",
                 data={"code": totp(secret), "csrf_token": token})
    assert r.status_code == 303, r.text
    assert r.headers["Location"] == "/"
    return b


def test_anonymous_pages_ask_for_sign_in(server):
    b = Browser(server)
    for path in ("/", "/dossiers", "/aanmelden/code"):
        r = b.go("GET", path)
        assert r.status_code == 303, (path, r.status_code)
        assert r.headers["Location"] == "/aanmelden"
    r = b.go("GET", "/aanmelden")
    assert r.status_code == 200
    assert r.headers["Content-Type"].startswith("text/html")
    csp = r.headers["Content-Security-Policy"]
    assert csp.startswith(STRICT) and "unsafe-inline" not in csp
    # one CSP, the page's, not the API's default-src 'none' beside it
    assert "'none'; frame-ancestors" not in csp
    assert 'name="username"' in r.text and 'name="password"' in r.text


def test_static_assets_by_hashed_name(server):
    b = Browser(server)
    html = b.go("GET", "/aanmelden").text
    css = re.search(r'href="(/static/casustafel\.[0-9a-f]+\.css)"', html)
    assert css, html
    r = b.go("GET", css.group(1))
    assert r.status_code == 200
    assert r.headers["Content-Type"].startswith("text/css")
    assert "max-age=31536000" in r.headers["Cache-Control"]
    assert b.go("GET", "/static/casustafel.css").status_code == 404
    # not part of the API document
    doc = requests.get(server.url("/api/v1/openapi.json")).json()
    assert not [p for p in doc["paths"] if not p.startswith("/api/")
                and p != "/health"]


def test_wrong_password_keeps_the_user_name_not_the_password(server):
    b = Browser(server)
    hostile = 'x"><script>alert(1)</script>'
    for username in ("agent.ams", hostile):
        r = b.go("POST", "/aanmelden",
                 data={"username": username, "password": "Geheim-123!"})
        assert r.status_code == 401
        assert "Gebruikersnaam of wachtwoord klopt niet" in r.text
        assert "Geheim-123!" not in r.text
        assert "<script>alert(1)" not in r.text
        assert "Set-Cookie" not in r.headers
    assert 'value="x&quot;&gt;&lt;script&gt;' in r.text
    r = b.go("POST", "/aanmelden", data={"username": "agent.ams",
                                         "password": ""})
    assert r.status_code == 400
    assert 'value="agent.ams"' in r.text
    assert "Vul dit veld in." in r.text


def test_sign_in_post_from_another_site_is_refused(server):
    b = Browser(server)
    r = b.go("POST", "/aanmelden",
             data={"username": "agent.ams", "password": server.demo.password},
             headers={"Origin": "http://evil.example"})
    assert r.status_code == 403
    assert r.headers["Content-Type"].startswith("text/html")
    assert "Set-Cookie" not in r.headers


def test_work_list_case_list_and_sign_out(server):
    b = sign_in(server, "coordinator.ams")
    r = b.go("GET", "/")
    assert r.status_code == 200, r.text
    assert "Werklijst" in r.text
    for heading in ("Te laat", "Vandaag en morgen", "Binnenkort"):
        assert heading in r.text
    assert r.headers["Content-Security-Policy"].startswith(STRICT)
    r = b.go("GET", "/dossiers")
    assert r.status_code == 200, r.text
    links = re.findall(r'href="/dossiers/([0-9a-f-]{36})"', r.text)
    assert links, r.text
    r = b.go("GET", "/dossiers?status=closed&regio=AMS&pagina=1")
    assert r.status_code == 200
    # the search form's empty boxes, as a browser sends them: not given
    r = b.go("GET", "/dossiers?kenmerk=&regio=&status=")
    assert r.status_code == 200, r.text
    assert re.findall(r'href="/dossiers/([0-9a-f-]{36})"', r.text) == links
    # ... while the API still refuses an empty value
    r = b.go("GET", "/api/v1/cases?status=")
    assert r.status_code == 400, r.text
    hostile = '"><b>x</b>'  # within the reference's length
    r = b.go("GET", "/dossiers", params={"kenmerk": hostile})
    assert r.status_code == 200, r.text
    assert "<b>x" not in r.text
    assert 'value="&quot;&gt;&lt;b&gt;x' in r.text
    r = b.go("GET", "/dossiers?onbekend=1")
    assert r.status_code == 400
    assert r.headers["Content-Type"].startswith("text/html")

    # sign-out needs the form's CSRF token
    token = csrf_of(b.go("GET", "/").text)
    r = b.go("POST", "/afmelden", data={})
    assert r.status_code == 403
    r = b.go("POST", "/afmelden", data={"csrf_token": "x" * 43})
    assert r.status_code == 403
    r = b.go("POST", "/afmelden", data={"csrf_token": token})
    assert r.status_code == 303
    assert r.headers["Location"] == "/aanmelden"
    r = b.go("GET", "/")
    assert r.status_code == 303


def test_case_outside_the_team_is_the_same_404(server):
    ams = sign_in(server, "coordinator.ams")
    rtm = sign_in(server, "coordinator.rtm")
    html = ams.go("GET", "/dossiers").text
    case_id = re.findall(r'href="/dossiers/([0-9a-f-]{36})"', html)[0]
    outside = rtm.go("GET", "/dossiers/" + case_id)
    missing = rtm.go("GET", "/dossiers/" + str(uuid.uuid4()))
    assert outside.status_code == missing.status_code == 404
    assert outside.headers["Content-Type"].startswith("text/html")
    assert outside.text == missing.text
    assert case_id not in outside.text


def test_second_factor_first(server):
    b = sign_in(server, "agent.ams", code=False)
    r = b.go("GET", "/")
    assert r.status_code == 303
    assert r.headers["Location"] == "/aanmelden/code"
    r = b.go("GET", "/aanmelden/code")
    r = b.go("POST", "/aanmelden/code",
             data={"code": "12", "csrf_token": csrf_of(r.text)})
    assert r.status_code == 400
    assert 'value="12"' in r.text
