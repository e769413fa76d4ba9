"""
test_pages_account.py - the second factor's enrolment and "Mijn account"
in the browser (issue 5), over real HTTP against the demo database:

* a demo user without a second factor (agent2.ams, coordinator2.lim, named
  by `casustafel demo`) is sent from the code page to the enrolment, which
  shows the QR code as inline SVG and the secret, never cached;
* a wrong code confirms nothing, the right one (computed here from the
  secret shown) confirms the factor, counts for this session and opens the
  work list; the API then sees the factor; an enrolled user cannot enrol
  again and its factor stays; without the CSRF token nothing is looked at;
* the account page shows name, organisation and roles (the Flemish words
  for a Flemish user), and the password change refuses a wrong current
  password and a short new one beside the fields, and on success keeps
  this browser signed in with a new cookie and ends the other sessions.
"""
import re

import requests

from conftest import totp, wait_next_step
from test_pages import Browser, csrf_of

SECRET_RE = re.compile(r'id="geheime-sleutel">([A-Z2-7 ]+)<')


def sign_in_password(server, username, password=None):
    b = Browser(server)
    r = b.go("POST", "/aanmelden",
             data={"username": username,
                   "password": password or server.demo.password})
    assert r.status_code == 303, r.text
    assert r.headers["Location"] == "/aanmelden/code"
    return b


def api_me(b):
    """GET /api/v1/me with the browser's session cookie."""
    r = b.go("GET", "/api/v1/me")
    assert r.status_code == 200, r.text
    return r.json()


def enrol(server, username):
    """Sign in and enrol through the pages; the browser and the secret."""
    b = sign_in_password(server, username)
    r = b.go("GET", "/aanmelden/instellen")
    assert r.status_code == 200, r.text
    secret = SECRET_RE.search(r.text).group(1).replace(" ", "")
    r = b.go("POST", "/aanmelden/instellen",
             data={"code": totp(secret), "csrf_token": csrf_of(r.text)})
    if r.status_code == 401:  # this step's code was used already
        wait_next_step()
        r = b.go("POST", "/aanmelden/instellen",
                 data={"code": totp(secret), "csrf_token": csrf_of(r.text)})
    assert r.status_code == 303, r.text
    assert r.headers["Location"] == "/"
    return b, secret


def test_demo_names_the_users_without_a_second_factor(server):
    for username in ("agent2.ams", "coordinator2.lim"):
        assert username not in server.demo.secrets
        r = server.login(username)
        assert r.status_code == 200, r.text
        assert r.json()["totp_enrolled"] is False


def test_enrolment_with_qr_code_then_the_work_list(server):
    b = sign_in_password(server, "agent2.ams")
    r = b.go("GET", "/aanmelden/code")
    assert r.status_code == 303
    assert r.headers["Location"] == "/aanmelden/instellen"
    r = b.go("GET", "/")
    assert r.status_code == 303  # via the code page, on to the enrolment

    r = b.go("GET", "/aanmelden/instellen")
    assert r.status_code == 200, r.text
    assert r.headers["Cache-Control"] == "no-store"
    assert r.headers["Content-Security-Policy"].startswith("default-src 'self'")
    svg = re.search(r"<svg [^>]*>", r.text)
    assert svg, r.text
    assert 'role="img"' in svg.group(0)
    assert 'shape-rendering="crispEdges"' in svg.group(0)
    assert "<title>QR-code" in r.text
    assert "style=" not in r.text
    assert r.text.count("<path") == 1
    assert "otpauth:" not in r.text  # the URI only as modules
    shown = SECRET_RE.search(r.text).group(1)
    assert re.fullmatch(r"([A-Z2-7]{4} ){7}[A-Z2-7]{4}", shown), shown
    secret = shown.replace(" ", "")
    token = csrf_of(r.text)
    # a reload shows the same secret: a scan already done keeps working
    again = b.go("GET", "/aanmelden/instellen")
    assert SECRET_RE.search(again.text).group(1) == shown
    # the API sees it pending, not yet enrolled
    me = api_me(b)
    assert me["totp_pending"] is True and me["totp_enrolled"] is False

    # a wrong code: refused beside the field, nothing confirmed
    wrong = totp(secret, step_offset=5)
    r = b.go("POST", "/aanmelden/instellen",
             data={"code": wrong, "csrf_token": token})
    assert r.status_code == 401, r.text
    assert "De code klopt niet" in r.text
    assert 'aria-invalid="true"' in r.text
    assert api_me(b)["totp_enrolled"] is False
    # not a code: 400, the input kept
    r = b.go("POST", "/aanmelden/instellen",
             data={"code": "12ab", "csrf_token": token})
    assert r.status_code == 400
    assert 'value="12ab"' in r.text
    # without the CSRF token the code is not looked at
    r = b.go("POST", "/aanmelden/instellen", data={"code": totp(secret)})
    assert r.status_code == 403
    assert api_me(b)["totp_enrolled"] is False

    # the right code: enrolled, this session verified, the work list
    r = b.go("POST", "/aanmelden/instellen",
             data={"code": totp(secret), "csrf_token": token})
    assert r.status_code == 303, r.text
    assert r.headers["Location"] == "/"
    r = b.go("GET", "/")
    assert r.status_code == 200, r.text
    assert "Werklijst" in r.text
    assert 'href="/account"' in r.text
    me = api_me(b)
    assert me["totp_enrolled"] is True and me["totp_verified"] is True

    # enrolled: the enrolment is closed and the factor stays
    r = b.go("GET", "/aanmelden/instellen")
    assert r.status_code == 303
    assert r.headers["Location"] == "/"
    r = b.go("POST", "/aanmelden/instellen",
             data={"code": totp(secret), "csrf_token": token})
    assert r.status_code == 303
    assert r.headers["Location"] == "/"
    other = sign_in_password(server, "agent2.ams")
    r = other.go("GET", "/aanmelden/instellen")
    assert r.status_code == 303
    assert r.headers["Location"] == "/aanmelden/code"
    r = other.go("GET", "/aanmelden/code")
    assert r.status_code == 200  # the code form, not the enrolment
    # the API refuses a new secret too, and the page's secret still counts
    r = b.go("POST", "/api/v1/me/totp",
             headers={"X-CSRF-Token": token})
    assert r.status_code == 409, r.text
    # the next step's code (the window allows one step of drift; this
    # step's code is used) signs the other browser in
    token = csrf_of(other.go("GET", "/aanmelden/code").text)
    r = other.go("POST", "/aanmelden/code",
                 data={"code": totp(secret, step_offset=1),
                       "csrf_token": token})
    assert r.status_code == 303, r.text
    assert r.headers["Location"] == "/"


def test_account_page_and_password_change(server):
    b, _ = enrol(server, "coordinator2.lim")
    r = b.go("GET", "/account")
    assert r.status_code == 200, r.text
    assert "<h1>Mijn account</h1>" in r.text
    assert "Casemanager Veilig Huis Limburg" in r.text
    assert "coordinator2.lim" in r.text
    assert "Veilig Huis Limburg" in r.text
    assert "<li>Casusregisseur</li>" in r.text
    assert 'aria-current="page"' in r.text
    assert r.headers["Cache-Control"] == "no-store"
    token = csrf_of(r.text)
    # a session elsewhere (password only) that the change must end
    elsewhere = requests.Session()
    login = server.login("coordinator2.lim")
    assert login.status_code == 200
    elsewhere.headers["Cookie"] = "ct_session=" + re.search(
        r"ct_session=([^;]*)", login.headers["Set-Cookie"]).group(1)
    assert elsewhere.get(server.url("/api/v1/session")).status_code == 200

    new = "lang nieuw wachtwoord voor de test"
    form = {"current_password": server.demo.password, "new_password": new,
            "repeat_password": new, "csrf_token": token}
    # without the CSRF token nothing happens
    r = b.go("POST", "/account/wachtwoord",
             data={k: v for k, v in form.items() if k != "csrf_token"})
    assert r.status_code == 403
    # a wrong current password: beside that field
    r = b.go("POST", "/account/wachtwoord",
             data=dict(form, current_password="dit is het niet"))
    assert r.status_code == 403, r.text
    assert 'id="current_password-fout"' in r.text
    assert "klopt niet" in r.text
    assert new not in r.text
    # too short: the API's rule, beside the new password
    r = b.go("POST", "/account/wachtwoord",
             data=dict(form, new_password="kort", repeat_password="kort"))
    assert r.status_code == 400, r.text
    assert "Het nieuwe wachtwoord moet minstens 12 tekens lang zijn." \
        in r.text
    assert 'id="new_password-fout"' in r.text
    # the repeat differs
    r = b.go("POST", "/account/wachtwoord",
             data=dict(form, repeat_password=new + "x"))
    assert r.status_code == 400, r.text
    assert 'id="repeat_password-fout"' in r.text
    assert server.login("coordinator2.lim").status_code == 200  # unchanged

    # success: a new cookie here, the other session ended
    old_cookie = b.headers["Cookie"]
    r = b.go("POST", "/account/wachtwoord", data=form)
    assert r.status_code == 303, r.text
    assert r.headers["Location"] == "/account?gewijzigd=1"
    assert b.headers["Cookie"] != old_cookie
    r = b.go("GET", "/account?gewijzigd=1")
    assert r.status_code == 200, r.text  # still signed in, factor kept
    assert "Uw wachtwoord is gewijzigd." in r.text
    assert elsewhere.get(server.url("/api/v1/session")).status_code == 401
    stale = Browser(server)
    stale.headers["Cookie"] = old_cookie
    assert stale.go("GET", "/account").headers["Location"] == "/aanmelden"
    assert server.login("coordinator2.lim").status_code == 401
    assert server.login("coordinator2.lim", new).status_code == 200
