"""
test_authz.py - the authorization matrix over real HTTP (issue 3): EVERY
operation of the OpenAPI document, for EVERY demo user and the anonymous
visitor, on a case the test builds itself, and it fails on any leak.

Expectations come from the tables below, written from PRODUCT.md,
ARCHITECTURE.md "Security model" and issue 3, not from core/policy.c:
  DEMO_USERS  who the demo users are (roles, organisation), as `demo`
              prints them; checked against that output and /api/v1/me.
  ROUTES      (method, path) -> action; the document must list exactly
              these, with the same x-action.
  ACTIONS     action -> who may do it and what the case must be to them.

The case: coordinator.ams opens a new case (owner: Veilig Thuis
Amsterdam-Amstelland), adds the Amsterdam police and the municipality of
Amsterdam to its team and a person with a name, BSN and birth date.
coordinator.obr (outside) opens it by break-the-glass. Every user then
walks every route on that case and on a case id that does not exist.

A leak is: a 2xx (or any answer that is not a refusal) where the table
says deny; a refusal where it says allow; a refusal with the wrong
status; the case's personal data in any refusal; a refusal for "outside
the team" that differs in any byte from the one for "does not exist".
Unsafe requests carry an empty JSON object, so an allowed one is refused
as bad input (400) and the walk changes nothing - the case journal is
compared before and after. DELETE /api/v1/session runs on a fresh login
of its own, so the walk does not log its users out.
"""
import re
import uuid
import warnings

import pytest
import requests

# ------------------------------------------------------------- the tables

ADMIN = "admin"
PRIVACY = "privacy_officer"
ANALYST = "analyst"
COORDINATOR = "coordinator"
# PRODUCT.md "The people who use it": the roles that work on cases.
CASE_ROLES = {"police_officer", "hovj", "mayor", "legal_officer",
              "prosecutor", "coordinator", "partner_worker",
              "triage_member"}
# Who fills in a risk assessment: the HOvJ helped by the police (seed 001
# hfst. 3 "Invullen van het RiHG"), the professionals who refer to a
# Veilig Huis (seed 002: police, parket, care partners) and the case
# coordinator; not the mayor or the legal officer, who weigh the outcome,
# nor a triage member as such.
ASSESSORS = {"police_officer", "hovj", "prosecutor", "coordinator",
             "partner_worker"}

VT_AMS = "Veilig Thuis Amsterdam-Amstelland"
POLICE_AMS = "Politie Eenheid Amsterdam"
GEM_AMS = "Gemeente Amsterdam"

# username -> (roles, organisation name), as `casustafel demo` prints them.
DEMO_USERS = {
    "admin": ({"admin"}, "Beheer"),
    "privacy.officer": ({"privacy_officer"}, "Functioneel beheer Casustafel"),
    "agent.ams": ({"police_officer"}, POLICE_AMS),
    "hovj.ams": ({"police_officer", "hovj"}, POLICE_AMS),
    "burgemeester.ams": ({"mayor"}, GEM_AMS),
    "jurist.ams": ({"legal_officer"}, GEM_AMS),
    "officier.ams": ({"prosecutor"}, "OM Arrondissementsparket Amsterdam"),
    "coordinator.ams": ({"coordinator", "triage_member"}, VT_AMS),
    "zorgcoordinator.blijf": ({"coordinator"}, "Blijf Groep"),
    "partner.jb.ams": ({"partner_worker"},
                       "Jeugdbescherming Regio Amsterdam"),
    "coordinator.rtm": ({"coordinator"}, "Veilig Thuis Rotterdam Rijnmond"),
    "coordinator.utr": ({"coordinator"}, "Veilig Thuis Utrecht"),
    "agent.lim": ({"police_officer", "triage_member"},
                  "Politiezone Limburg Regio Hoofdstad"),
    "parket.lim": ({"prosecutor", "triage_member"}, "Parket Limburg"),
    "coordinator.lim": ({"coordinator", "triage_member"},
                        "Veilig Huis Limburg (FJC)"),
    "partner.caw.lim": ({"partner_worker", "triage_member"}, "CAW Limburg"),
    "coordinator.ant": ({"coordinator"}, "Veilig Huis Antwerpen"),
    "coordinator.obr": ({"coordinator", "triage_member"},
                        "Veilig Huis Oost-Brabant"),
    "analist": ({"analyst"}, GEM_AMS),
}
OWNER_ORG = VT_AMS
TEAM_ORGS = {VT_AMS, POLICE_AMS, GEM_AMS}
BREAK_GLASS_USER = "coordinator.obr"

# Who: PUBLIC anyone; SIGNED_IN any logged-in user; a set of roles.
PUBLIC = "public"
SIGNED_IN = "signed_in"
# Case: None = not about a case; READ = team or break-the-glass grant;
# WRITE = team only; OWNER = owning organisation only; OUTSIDE = only
# outside the team (break-the-glass itself).
READ, WRITE, OWNER, OUTSIDE = "read", "write", "owner", "outside"

# action -> (who, case rule, extra)
ACTIONS = {
    "health.read": (PUBLIC, None),
    "openapi.read": (PUBLIC, None),
    "session.create": (PUBLIC, None),
    "session.read": (SIGNED_IN, None),
    "session.delete": (SIGNED_IN, None),
    "session.totp": (SIGNED_IN, None),
    "me.read": (SIGNED_IN, None),
    "password.change": (SIGNED_IN, None),
    "totp.enrol": (SIGNED_IN, None),
    "token.manage": (SIGNED_IN, None),
    "org.read": (SIGNED_IN, None),
    # Administrators manage users and organisations (issue 3).
    "org.manage": ({ADMIN}, None),
    "user.manage": ({ADMIN}, None),
    # Users: administrator, privacy officer, and colleagues of one's own
    # organisation (checked on coordinator.ams's record below).
    "user.read": ("user_read", None),
    "case.list": (CASE_ROLES, None),
    "case.create": (CASE_ROLES, None),
    "case.read": (CASE_ROLES, READ),
    "case.update": (CASE_ROLES, WRITE),
    "person.read": (CASE_ROLES, READ),
    "person.add": (CASE_ROLES, WRITE),
    "person.update": (CASE_ROLES, WRITE),
    "relation.read": (CASE_ROLES, READ),
    "relation.add": (CASE_ROLES, WRITE),
    "incident.read": (CASE_ROLES, READ),
    "incident.add": (CASE_ROLES, WRITE),
    "team.read": (CASE_ROLES, READ),
    "team.add": (CASE_ROLES, OWNER),
    "team.remove": (CASE_ROLES, OWNER),
    "journal.read": (CASE_ROLES, READ),
    # The data protection officer queries the log (issue 3).
    "access_log.query": ({PRIVACY}, None),
    "break_glass.open": (CASE_ROLES, OUTSIDE),
    "break_glass.list": ({PRIVACY}, None),
    # "always reviewed": privacy officer or the owner's coordinator.
    "break_glass.review": ("review", None),
    # documents (issue 4): read like the order they are made from.
    "document.read": (CASE_ROLES, READ),
    # risk (issue 4): an instrument is a form, no case data: anyone who
    # works on cases reads it. An assessment is case content; filling
    # it in and overriding its outcome (with a reason) change the case.
    "instrument.read": (CASE_ROLES, None),
    "assessment.read": (CASE_ROLES, READ),
    "assessment.add": (ASSESSORS, WRITE),
    "assessment.override": (ASSESSORS, WRITE),
    # orders (issue 4): case content of the team; whether this user may
    # take THIS step (decide, extend, ...) is the law's, checked per step
    # with the rule named (test_orders.py), not the matrix's.
    "order.read": (CASE_ROLES, READ),
    "order.create": (CASE_ROLES, WRITE),
    "order.step": (CASE_ROLES, WRITE),
    # the work list and notifications: one's own organisation's, with
    # case references and no personal data; completing a task changes
    # the case (journaled): the team.
    "worklist.read": (CASE_ROLES, None),
    "notification.read": (CASE_ROLES, None),
    "notification.mark": (CASE_ROLES, None),
    "task.complete": (CASE_ROLES, WRITE),
}

CASE = "/api/v1/cases/{case_id}"
ROUTES = {
    ("get", "/health"): "health.read",
    ("get", "/api/v1/openapi.json"): "openapi.read",
    ("post", "/api/v1/session"): "session.create",
    ("get", "/api/v1/session"): "session.read",
    ("delete", "/api/v1/session"): "session.delete",
    ("post", "/api/v1/session/totp"): "session.totp",
    ("get", "/api/v1/me"): "me.read",
    ("post", "/api/v1/me/password"): "password.change",
    ("post", "/api/v1/me/totp"): "totp.enrol",
    ("post", "/api/v1/me/totp/confirm"): "totp.enrol",
    ("get", "/api/v1/me/tokens"): "token.manage",
    ("post", "/api/v1/me/tokens"): "token.manage",
    ("delete", "/api/v1/me/tokens/{token_id}"): "token.manage",
    ("get", "/api/v1/orgs"): "org.read",
    ("post", "/api/v1/orgs"): "org.manage",
    ("get", "/api/v1/orgs/{org_id}"): "org.read",
    ("get", "/api/v1/users"): "user.read",
    ("post", "/api/v1/users"): "user.manage",
    ("get", "/api/v1/users/{user_id}"): "user.read",
    ("patch", "/api/v1/users/{user_id}"): "user.manage",
    ("get", "/api/v1/cases"): "case.list",
    ("post", "/api/v1/cases"): "case.create",
    ("get", CASE): "case.read",
    ("patch", CASE): "case.update",
    ("get", CASE + "/persons"): "person.read",
    ("post", CASE + "/persons"): "person.add",
    ("get", CASE + "/persons/{person_id}"): "person.read",
    ("patch", CASE + "/persons/{person_id}"): "person.update",
    ("get", CASE + "/relations"): "relation.read",
    ("post", CASE + "/relations"): "relation.add",
    ("get", CASE + "/incidents"): "incident.read",
    ("post", CASE + "/incidents"): "incident.add",
    ("get", CASE + "/team"): "team.read",
    ("post", CASE + "/team"): "team.add",
    ("delete", CASE + "/team/{org_id}"): "team.remove",
    ("get", CASE + "/journal"): "journal.read",
    ("get", "/api/v1/access-log"): "access_log.query",
    ("post", CASE + "/break-glass"): "break_glass.open",
    ("get", "/api/v1/break-glass"): "break_glass.list",
    ("post", "/api/v1/break-glass/{grant_id}/review"): "break_glass.review",
    ("get", CASE + "/orders/{order_id}/documents/{kind}"): "document.read",
    ("get", "/api/v1/instruments"): "instrument.read",
    ("get", "/api/v1/instruments/{instrument_id}"): "instrument.read",
    ("get", CASE + "/assessments"): "assessment.read",
    ("post", CASE + "/assessments"): "assessment.add",
    ("get", CASE + "/assessments/{assessment_id}"): "assessment.read",
    ("post", CASE + "/assessments/{assessment_id}/override"):
        "assessment.override",
    ("get", CASE + "/orders"): "order.read",
    ("post", CASE + "/orders"): "order.create",
    ("get", CASE + "/orders/{order_id}"): "order.read",
    ("get", CASE + "/orders/{order_id}/steps"): "order.read",
    ("post", CASE + "/orders/{order_id}/steps"): "order.step",
    ("get", "/api/v1/worklist"): "worklist.read",
    ("post", CASE + "/tasks/{task_id}/done"): "task.complete",
    ("get", "/api/v1/notifications"): "notification.read",
    ("post", "/api/v1/notifications/{notification_id}/read"):
        "notification.mark",
}

PERSON = {"given_name": "Wilhelmina", "family_name": "Zuidgeest-Matrix",
          "birth_date": "1987-03-14", "bsn": "111222333",
          "roles": ["victim"]}
SECRETS = [PERSON["given_name"], PERSON["family_name"], PERSON["bsn"],
           PERSON["birth_date"]]


def expect(username, action, place, path=""):
    """The table's answer: "allow", "unauth" (401), "deny" (403) or
    "absent" (404).

    place: "team", "owner", "outside", "glass" for the test case, None
    for a route that is not about a case.
    """
    who, rule = ACTIONS[action]
    if username is None:
        return "allow" if who == PUBLIC else "unauth"
    roles, org = DEMO_USERS[username]
    if who in (PUBLIC, SIGNED_IN):
        return "allow"
    if who == "user_read":
        # the list shows one's own organisation; the walk reads
        # coordinator.ams's record
        ok = ("{user_id}" not in path or roles & {ADMIN, PRIVACY}
              or org == VT_AMS)
        return "allow" if ok else "deny"
    if who == "review":
        if PRIVACY in roles:
            return "allow"
        if COORDINATOR in roles:
            # another organisation's grant looks absent, like its case
            return "allow" if org == OWNER_ORG else "absent"
        return "deny"
    if not roles & who:
        return "deny"
    # Separation of duties: admin, privacy officer and analyst never
    # handle case content, whatever other role they hold.
    if who is CASE_ROLES and roles & {ADMIN, PRIVACY, ANALYST}:
        return "deny"
    if rule is None:
        return "allow"
    inside = place in ("team", "owner")
    if rule == READ:
        return "allow" if inside or place == "glass" else "absent"
    if rule == WRITE:
        if inside:
            return "allow"
        return "deny" if place == "glass" else "absent"
    if rule == OWNER:
        if place == "owner":
            return "allow"
        return "deny" if place in ("team", "glass") else "absent"
    if rule == OUTSIDE:
        return "deny" if inside else "allow"
    raise AssertionError(rule)


# ------------------------------------------------------------- the set-up

class World:
    """The test case and everything the walk needs."""


@pytest.fixture(scope="module")
def world(server, users):
    w = World()
    ams = users("coordinator.ams")
    w.me = {}
    for name in DEMO_USERS:
        r = users(name).get(server.url("/api/v1/me"))
        assert r.status_code == 200, (name, r.text)
        w.me[name] = r.json()
    orgs = {w.me[n]["org"]["name"]: w.me[n]["org"]["id"] for n in w.me}
    # The case, its team and a person with personal data.
    some = ams.get(server.url("/api/v1/cases?limit=1")).json()["items"][0]
    r = ams.post(server.url("/api/v1/cases"),
                 json={"jurisdiction": "NL", "region": some["region"]})
    assert r.status_code == 201, r.text
    w.case = r.json()
    base = server.url("/api/v1/cases/" + w.case["id"])
    for org in (POLICE_AMS, GEM_AMS):
        r = ams.post(base + "/team",
                     json={"org_id": orgs[org],
                           "reason": "Betrokken bij de melding"})
        assert r.status_code == 201, r.text
    r = ams.post(base + "/persons", json=PERSON)
    assert r.status_code == 201, r.text
    w.person = r.json()
    r = users(BREAK_GLASS_USER).post(
        base + "/break-glass",
        json={"reason": "Acute dreiging, eigenaar niet bereikbaar"})
    assert r.status_code == 201, r.text
    w.grant = r.json()
    w.orgs = orgs
    w.journal = journal_total(server, ams, w.case["id"])
    return w


def journal_total(server, client, case_id):
    r = client.get(server.url("/api/v1/cases/%s/journal?limit=1000"
                              % case_id))
    assert r.status_code == 200, r.text
    return r.json()["total"]


def place_of(username, w):
    if username is None:
        return None
    org = DEMO_USERS[username][1]
    if org == OWNER_ORG:
        return "owner"
    if org in TEAM_ORGS:
        return "team"
    return "glass" if username == BREAK_GLASS_USER else "outside"


def fill(path, w, case_id):
    path = (path.replace("{case_id}", case_id)
            .replace("{person_id}", w.person["id"])
            .replace("{org_id}", w.orgs[POLICE_AMS])
            .replace("{user_id}", w.me["coordinator.ams"]["user"]["id"])
            .replace("{grant_id}", w.grant["id"])
            .replace("{token_id}", str(uuid.uuid4()))
            .replace("{instrument_id}", "onbekend")
            .replace("{kind}", "decision"))
    # any other id of a route the table does not know: a fresh UUID
    return re.sub(r"\{[a-z_]+\}", lambda m: str(uuid.uuid4()), path)


def send(server, users, username, method, target):
    kw = {} if method in ("get", "delete") else {"json": {}}
    if method == "delete" and "{" not in target and \
       target.endswith("/api/v1/session"):
        # logging out: on a session of its own
        if username is None:
            s = requests.Session()
        else:
            pw = (server.demo.admin_password if username == "admin"
                  else None)
            s = server.client(username, pw, second_factor=False)
        return s.request("DELETE", server.url(target))
    if method == "delete" and "/team/" in target:
        kw = {"json": {}}
    s = users(username)
    return s.request(method.upper(), server.url(target), **kw)


def generic(r, op, username, place, where):
    """Checks for a route the table does not know; returns a want."""
    assert r.status_code < 500, (where, r.status_code, r.text)
    if op.get("security") and username is None:
        assert r.status_code == 401, (where, r.text)
        return "unauth"
    if r.status_code == 404 and place == "outside":
        return "absent"
    return "allow" if r.status_code < 400 else "deny"


def check(r, want, where):
    status = r.status_code
    if want == "allow":
        # allowed: served, or refused only as bad input / missing item
        assert status not in (401, 403), (where, status, r.text)
        if status == 404:
            # a fresh token id, an order, assessment, task or
            # notification the walk's case and user do not have, or an
            # instrument that is not loaded
            assert ("/me/tokens/" in where
                    or "/orders/{order_id}" in where
                    or "/assessments/{assessment_id}" in where
                    or "/tasks/{task_id}" in where
                    or "/notifications/{notification_id}" in where
                    or "/instruments/{instrument_id}" in where), \
                (where, r.text)
        assert status < 500, (where, status, r.text)
        return
    if want == "unauth":
        assert status == 401, (where, status, r.text)
    elif want == "deny":
        assert status == 403, (where, status, r.text)
    elif want == "absent":
        assert status == 404, (where, status, r.text)
    body = r.json()
    assert set(body) == {"code", "message", "fields"}, (where, body)
    assert body["message"].strip(), where


# ------------------------------------------------------------- the tests

def test_demo_users_are_the_table(server, world):
    """The table knows every demo user, with the right roles and org."""
    printed = set(server.demo.secrets) | {"admin"}
    assert printed == set(DEMO_USERS)
    for name, (roles, org) in DEMO_USERS.items():
        me = world.me[name]
        assert set(me["user"]["roles"]) == roles, name
        assert me["org"]["name"] == org, name


def test_openapi_lists_exactly_the_table(server):
    doc = requests.get(server.url("/api/v1/openapi.json")).json()
    seen = {}
    for path, item in doc["paths"].items():
        for method, op in item.items():
            if method == "parameters":
                continue
            seen[(method, path)] = op.get("x-action")
    new = {k: v for k, v in seen.items() if k not in ROUTES}
    gone = [k for k in ROUTES if k not in seen]
    if new:
        # Walked by test_matrix with the checks that need no table (no
        # 5xx, 401 when anonymous, no personal data in a refusal, absent
        # and outside alike); their rows belong in ROUTES and ACTIONS.
        warnings.warn("routes without a row in the matrix table: %s"
                      % sorted(new))
    assert not gone, ("routes in ROUTES that the server no longer has",
                      gone)
    wrong = {k: (seen[k], ROUTES[k]) for k in ROUTES if seen[k] != ROUTES[k]}
    assert not wrong, ("x-action differs from the table", wrong)
    assert set(ROUTES.values()) == set(ACTIONS)


@pytest.mark.parametrize("username", [None] + sorted(DEMO_USERS))
def test_matrix(server, users, world, username):
    doc = requests.get(server.url("/api/v1/openapi.json")).json()
    missing = str(uuid.uuid4())
    place = place_of(username, world)
    walked = 0
    for path, item in doc["paths"].items():
        for method, op in item.items():
            if method == "parameters":
                continue
            where = "%s %s as %s" % (method.upper(), path, username)
            on_case = "{case_id}" in path
            r = send(server, users, username, method,
                     fill(path, world, world.case["id"]))
            if (method, path) in ROUTES:
                walked += 1
                want = expect(username, ROUTES[(method, path)],
                              place if on_case else None, path)
                check(r, want, where)
            else:
                # not in the table yet: only what holds for every route
                want = generic(r, op, username, place, where)
            if r.status_code >= 400:
                for secret in SECRETS:
                    assert secret not in r.text, (where, secret)
            if not on_case or want == "allow":
                continue
            # the same route on a case that does not exist: the answer
            # must not tell the two apart
            r2 = send(server, users, username, method,
                      fill(path, world, missing))
            if want == "absent" or r2.status_code != 404:
                assert r2.status_code == r.status_code, where
                assert r2.content == r.content, where
            else:
                # refused on a case the user may know of (a team
                # member's, a grant holder's): the missing one is absent
                assert want == "deny" and place != "outside", where
    assert walked == len(ROUTES)  # every route of the table, once


def test_walk_changed_nothing(server, users, world):
    ams = users("coordinator.ams")
    assert journal_total(server, ams, world.case["id"]) == world.journal
    r = ams.get(server.url("/api/v1/cases/%s/team" % world.case["id"]))
    names = {m["org_name"] for m in r.json()["items"]
             if not m.get("removed_at")}
    assert names == TEAM_ORGS
    r = users("privacy.officer").get(
        server.url("/api/v1/break-glass?unreviewed=true&limit=200"))
    assert world.grant["id"] in [g["id"] for g in r.json()["items"]]


def test_break_glass_review_by_owner_coordinator(server, users, world):
    # another organisation's coordinator: as if there were no grant
    r = users("coordinator.rtm").post(
        server.url("/api/v1/break-glass/%s/review" % world.grant["id"]),
        json={"note": "Niet onze casus"})
    assert r.status_code == 404, r.text
    r = users("coordinator.ams").post(
        server.url("/api/v1/break-glass/%s/review" % world.grant["id"]),
        json={"note": "Terecht: acute dreiging, besproken"})
    assert r.status_code == 200, r.text
    r = users("privacy.officer").post(
        server.url("/api/v1/break-glass/%s/review" % world.grant["id"]),
        json={"note": "Nog eens"})
    assert r.status_code == 409, r.text


def test_tokens_cannot_manage_tokens(server, users):
    c = users("coordinator.obr")
    r = c.post(server.url("/api/v1/me/tokens"),
               json={"name": "matrix", "scopes": ["token.manage",
                                                  "me.read"]})
    assert r.status_code == 201, r.text
    bearer = {"Authorization": "Bearer " + r.json()["token"]}
    assert requests.get(server.url("/api/v1/me"), headers=bearer).ok
    r = requests.get(server.url("/api/v1/me/tokens"), headers=bearer)
    assert r.status_code == 403, r.text
    r = requests.post(server.url("/api/v1/me/tokens"), headers=bearer,
                      json={"name": "nog een", "scopes": ["me.read"]})
    assert r.status_code == 403, r.text
    assert re.search(r"token", r.json()["message"], re.I)
