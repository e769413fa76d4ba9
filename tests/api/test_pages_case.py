"""
test_pages_case.py - the case file in the browser (issue 5): opening a new
case, the case file with its sections, the forms that add a person, a
relation and an incident, the case team and the journal, all through the
same server, router and policy as the API.

Each form is tried as an insider of the case team (303 to the case file,
the change visible there and in the journal), with a form error (400, the
input kept beside the field, nothing written: the journal as long as
before), without its CSRF token (403, nothing written) and as an outsider
(exactly the bytes of the 404 page of a case that does not exist). The
case-file read is in the access log, with the reads of its sections.
"""
import datetime
import re
import uuid

import pytest

from test_pages import Browser, csrf_of, sign_in  # noqa: F401 (Browser)

UUID_RE = r"[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}"
STRICT = "default-src 'self'"


@pytest.fixture(scope="module")
def ams(server):
    """coordinator.ams (Veilig Thuis Amsterdam) in a browser."""
    return sign_in(server, "coordinator.ams")


@pytest.fixture(scope="module")
def rtm(server):
    """coordinator.rtm (Veilig Thuis Rotterdam): outside Amsterdam's teams."""
    return sign_in(server, "coordinator.rtm")


@pytest.fixture(scope="module")
def api(users):
    """coordinator.ams over the API, to count what the pages wrote."""
    return users("coordinator.ams")


def new_case(browser, region="AMS"):
    """Open a case through the form; its id."""
    token = csrf_of(browser.go("GET", "/dossiers/nieuw").text)
    r = browser.go("POST", "/dossiers",
                   data={"csrf_token": token, "jurisdiction": "NL",
                         "region": region})
    assert r.status_code == 303, r.text
    m = re.fullmatch(r"/dossiers/(%s)" % UUID_RE, r.headers["Location"])
    assert m, r.headers["Location"]
    return m.group(1)


@pytest.fixture(scope="module")
def case_id(ams):
    """A fresh case owned by Veilig Thuis Amsterdam, opened by the form."""
    return new_case(ams)


def journal_len(api, case_id):
    r = api.get(api.url("/api/v1/cases/%s/journal?limit=1" % case_id))
    assert r.status_code == 200, r.text
    return r.json()["total"]


def persons_of(api, case_id):
    r = api.get(api.url("/api/v1/cases/%s/persons" % case_id))
    assert r.status_code == 200, r.text
    return r.json()["items"]


def errors_of(html):
    """The messages beside the fields of a refused form."""
    return re.findall(r'class="field__error"[^>]*>([^<]*)<', html)


def demo_case_with_persons(browser):
    """An Amsterdam demo case of the team whose file lists persons."""
    html = browser.go("GET", "/dossiers?status=open").text
    for cid in re.findall(r'href="/dossiers/(%s)"' % UUID_RE, html):
        page = browser.go("GET", "/dossiers/" + cid).text
        if page.count('data-label="Naam"') >= 2 and "<svg" in page:
            return cid, page
    raise AssertionError("no demo case with persons")


# ---------------------------------------------------------------- new case

def test_new_case_form_opens_a_case(ams, api):
    r = ams.go("GET", "/dossiers/nieuw")
    assert r.status_code == 200, r.text
    assert r.headers["Content-Security-Policy"].startswith(STRICT)
    assert 'name="csrf_token"' in r.text
    # the user's own country is the default
    assert re.search(r'value="NL" checked', r.text)
    before = api.get(api.url("/api/v1/cases?limit=1")).json()["total"]

    # lower case is refused by core, beside the field, input kept
    token = csrf_of(r.text)
    r = ams.go("POST", "/dossiers", data={"csrf_token": token,
                                          "jurisdiction": "NL",
                                          "region": "ams"})
    assert r.status_code == 400
    assert "hoofdletters" in " ".join(errors_of(r.text))
    assert 'value="ams"' in r.text
    assert 'aria-invalid="true"' in r.text
    assert 'role="alert"' in r.text and 'href="#region"' in r.text
    assert api.get(api.url("/api/v1/cases?limit=1")).json()["total"] == before

    cid = new_case(ams)
    r = ams.go("GET", "/dossiers/" + cid)
    assert r.status_code == 200
    assert re.search(r"<h1>Dossier AMS-\d{4}-\d{5}</h1>", r.text)
    assert "Dossier geopend" in r.text
    assert "Veilig Thuis Amsterdam-Amstelland" in r.text
    assert api.get(api.url("/api/v1/cases?limit=1")).json()["total"] == \
        before + 1


# --------------------------------------------------------------- case file

def test_case_file_shows_every_section(ams):
    cid, html = demo_case_with_persons(ams)
    assert html.count("<h1>") == 1
    for anchor, heading in (("personen", "Personen"),
                            ("gezinsschema", "Gezinsschema"),
                            ("incidenten", "Incidenten"),
                            ("risicotaxatie", "Risicotaxatie"),
                            ("huisverbod", "Huisverbod"),
                            ("casusteam", "Casusteam"),
                            ("tijdlijn", "Tijdlijn")):
        assert '<section id="%s"' % anchor in html, anchor
        assert '<a href="#%s">%s</a>' % (anchor, heading) in html, anchor
        assert ">%s</h2>" % heading in html, heading
    assert "Rechtsgebied" in html and "<dd>Nederland</dd>" in html
    # the diagram, its text alternative, the one trusted markup
    assert re.search(r'<svg[^>]*role="img"', html)
    assert "Het gezinsschema in woorden" in html
    assert re.search(r"<li>[^<]+ jaar: [^<]+\.</li>", html)
    # links to the pages of the orders and the risk assessments
    assert 'href="/dossiers/%s/risicotaxatie/nieuw"' % cid in html
    assert 'href="/dossiers/%s/huisverbod/nieuw"' % cid in html
    assert "Huisverbod voorbereiden" in html
    for order in re.findall(r'href="/dossiers/%s/huisverbod/(%s)"'
                            % (cid, UUID_RE), html):
        assert order
    assert 'href="/dossiers/%s/team"' % cid in html
    assert 'href="/dossiers/%s/journaal"' % cid in html
    assert html.count('class="case-timeline__entry"') <= 10
    assert "<time datetime=" in html


def test_case_file_is_in_the_access_log(server, ams, users, case_id):
    r = ams.go("GET", "/dossiers/" + case_id)
    assert r.status_code == 200
    me = users("coordinator.ams").get(server.url("/api/v1/me")).json()
    dpo = users("privacy.officer")
    r = dpo.get(server.url("/api/v1/access-log"),
                params={"case_id": case_id, "limit": 200})
    assert r.status_code == 200, r.text
    mine = [e for e in r.json()["items"]
            if e["user_id"] == me["user"]["id"] and e["allowed"]]
    actions = {e["action"] for e in mine}
    # the route's own record, and one for each section read beside it
    for action in ("case.read", "person.read", "relation.read",
                   "incident.read", "assessment.read", "order.read",
                   "team.read", "journal.read"):
        assert action in actions, (action, actions)
    assert all(e["reason"] == "case_team" for e in mine)


def test_belgian_case_reads_flemish(server):
    lim = sign_in(server, "coordinator.lim")
    html = lim.go("GET", "/dossiers").text
    cid = re.findall(r'href="/dossiers/(%s)"' % UUID_RE, html)[0]
    html = lim.go("GET", "/dossiers/" + cid).text
    assert "België (Vlaanderen)" in html
    assert ">Tijdelijk huisverbod</h2>" in html
    assert "Tijdelijk huisverbod voorbereiden" in html


# ------------------------------------------------------------------ person

def test_add_person_with_an_error_first(ams, api, case_id):
    r = ams.go("GET", "/dossiers/%s/personen/nieuw" % case_id)
    assert r.status_code == 200, r.text
    token = csrf_of(r.text)
    for role in ("victim", "perpetrator", "child", "remaining"):
        assert 'name="role_%s"' % role in r.text
    before = journal_len(api, case_id)

    # a bad BSN and no role: both beside their fields, input kept
    r = ams.go("POST", "/dossiers/%s/personen" % case_id,
               data={"csrf_token": token, "given_name": "Sara",
                     "family_name": "Peeters", "bsn": "123456789",
                     "birth_date": "1998-04-01"})
    assert r.status_code == 400
    errors = " ".join(errors_of(r.text))
    assert "elfproef" in errors and "Kies minstens één rol" in errors
    for kept in ('value="Sara"', 'value="Peeters"', 'value="123456789"',
                 'value="1998-04-01"'):
        assert kept in r.text, kept
    assert 'href="#bsn"' in r.text and 'href="#roles"' in r.text
    assert journal_len(api, case_id) == before
    assert persons_of(api, case_id) == []

    r = ams.go("POST", "/dossiers/%s/personen" % case_id,
               data={"csrf_token": token, "given_name": "Sara",
                     "family_name": "Peeters", "birth_date": "1998-04-01",
                     "sex": "female", "role_victim": "1",
                     "role_remaining": "1"})
    assert r.status_code == 303, r.text
    assert r.headers["Location"] == "/dossiers/%s#personen" % case_id
    html = ams.go("GET", "/dossiers/" + case_id).text
    assert "Sara Peeters" in html
    assert "Slachtoffer, Achterblijver" in html
    assert journal_len(api, case_id) == before + 1
    html = ams.go("GET", "/dossiers/%s/journaal" % case_id).text
    assert "Persoon toegevoegd: Sara Peeters" in html


def test_hostile_person_name_is_escaped(ams, case_id):
    token = csrf_of(ams.go("GET", "/dossiers/" + case_id).text)
    hostile = "<script>alert(1)</script>"
    r = ams.go("POST", "/dossiers/%s/personen" % case_id,
               data={"csrf_token": token, "given_name": hostile,
                     "role_perpetrator": "1", "sex": "male"})
    assert r.status_code == 303, r.text
    for path in ("/dossiers/" + case_id, "/dossiers/%s/journaal" % case_id,
                 "/dossiers/%s/relaties/nieuw" % case_id):
        html = ams.go("GET", path).text
        assert "<script>alert" not in html, path
        assert "&lt;script&gt;alert(1)&lt;/script&gt;" in html, path


# ---------------------------------------------------------------- relation

def test_add_relation(ams, api, case_id):
    people = {p.get("given_name"): p["id"] for p in persons_of(api, case_id)}
    assert len(people) >= 2, people
    sara = people["Sara"]
    other = [i for n, i in people.items() if n != "Sara"][0]
    r = ams.go("GET", "/dossiers/%s/relaties/nieuw" % case_id)
    assert r.status_code == 200
    token = csrf_of(r.text)
    assert 'value="%s"' % sara in r.text
    before = journal_len(api, case_id)

    r = ams.go("POST", "/dossiers/%s/relaties" % case_id,
               data={"csrf_token": token, "person_a": sara,
                     "kind": "partner", "person_b": sara})
    assert r.status_code == 400
    assert "twee verschillende personen" in " ".join(errors_of(r.text))
    assert re.search(r'value="partner" selected', r.text)
    r = ams.go("POST", "/dossiers/%s/relaties" % case_id,
               data={"csrf_token": token, "person_a": sara,
                     "kind": "ex_partner"})
    assert r.status_code == 400
    assert "Kies de tweede persoon" in r.text
    assert journal_len(api, case_id) == before

    r = ams.go("POST", "/dossiers/%s/relaties" % case_id,
               data={"csrf_token": token, "person_a": sara,
                     "kind": "ex_partner", "person_b": other})
    assert r.status_code == 303, r.text
    assert r.headers["Location"] == "/dossiers/%s#gezinsschema" % case_id
    html = ams.go("GET", "/dossiers/" + case_id).text
    assert "Ex-partner" in html
    assert "zijn ex-partners." in html  # the text alternative
    assert journal_len(api, case_id) == before + 1


# ---------------------------------------------------------------- incident

def test_add_incident(ams, api, case_id):
    r = ams.go("GET", "/dossiers/%s/incidenten/nieuw" % case_id)
    assert r.status_code == 200
    token = csrf_of(r.text)
    before = journal_len(api, case_id)
    when = (datetime.datetime.now() - datetime.timedelta(days=2)) \
        .strftime("%Y-%m-%dT%H:%M")

    r = ams.go("POST", "/dossiers/%s/incidenten" % case_id,
               data={"csrf_token": token, "occurred_at": when,
                     "location": "Woning"})
    assert r.status_code == 400
    errors = " ".join(errors_of(r.text))
    assert "geweldstype of geweldsvorm" in errors
    assert "De beschrijving is verplicht" in errors
    assert 'value="%s"' % when in r.text and 'value="Woning"' in r.text
    assert journal_len(api, case_id) == before

    text = "Melding via 112.\r\nGeen letsel & geen <b>wapen</b>."
    r = ams.go("POST", "/dossiers/%s/incidenten" % case_id,
               data={"csrf_token": token, "occurred_at": when,
                     "type_partner": "1", "form_threats": "1",
                     "severity": "serious", "location": "Woning",
                     "description": text})
    assert r.status_code == 303, r.text
    assert r.headers["Location"] == "/dossiers/%s#incidenten" % case_id
    html = ams.go("GET", "/dossiers/" + case_id).text
    assert "Partnergeweld; Bedreigingen" in html
    assert "Geen letsel &amp; geen &lt;b&gt;wapen&lt;/b&gt;." in html
    assert journal_len(api, case_id) == before + 1
    r = api.get(api.url("/api/v1/cases/%s/incidents" % case_id))
    (incident,) = r.json()["items"]
    # the browser's CR LF is stored as LF (form.c)
    assert incident["description"] == text.replace("\r\n", "\n")
    assert incident["severity"] == "serious"


# -------------------------------------------------------------------- team

def org_named(api, name):
    r = api.get(api.url("/api/v1/orgs?limit=1000"))
    return [o["id"] for o in r.json()["items"] if o["name"] == name][0]


def test_team_page_add_and_remove(server, ams, api, case_id):
    police = org_named(api, "Politie Eenheid Amsterdam")
    r = ams.go("GET", "/dossiers/%s/team" % case_id)
    assert r.status_code == 200, r.text
    assert "eigenaar van het dossier" in r.text
    token = csrf_of(r.text)
    assert 'action="/dossiers/%s/team"' % case_id in r.text
    assert 'value="%s"' % police in r.text
    before = journal_len(api, case_id)

    # a reason is required, kept with the choice
    r = ams.go("POST", "/dossiers/%s/team" % case_id,
               data={"csrf_token": token, "org_id": police,
                     "reason": "kort"})
    assert r.status_code == 400
    assert "reden van 10 tot" in " ".join(errors_of(r.text))
    assert re.search(r'value="%s" selected' % police, r.text)
    assert 'value="kort"' in r.text
    r = ams.go("POST", "/dossiers/%s/team" % case_id,
               data={"csrf_token": token, "reason": "Aanhouding verdachte"})
    assert r.status_code == 400
    assert "Kies een organisatie" in errors_of(r.text)
    assert journal_len(api, case_id) == before

    r = ams.go("POST", "/dossiers/%s/team" % case_id,
               data={"csrf_token": token, "org_id": police,
                     "reason": "Huisverbod: uitvoering door de politie"})
    assert r.status_code == 303, r.text
    assert r.headers["Location"] == "/dossiers/%s/team" % case_id
    html = ams.go("GET", "/dossiers/%s/team" % case_id).text
    assert "Huisverbod: uitvoering door de politie" in html
    form = 'action="/dossiers/%s/team/%s/verwijderen"' % (case_id, police)
    assert form in html
    # a second time: 409, said beside the choice
    r = ams.go("POST", "/dossiers/%s/team" % case_id,
               data={"csrf_token": token, "org_id": police,
                     "reason": "Huisverbod: uitvoering door de politie"})
    assert r.status_code == 409
    assert "zit al in het casusteam" in r.text
    assert journal_len(api, case_id) == before + 1

    # the police, now on the team, reads it but may not change it
    agent = sign_in(server, "agent.ams")
    html = agent.go("GET", "/dossiers/%s/team" % case_id).text
    assert "Alleen de eigenaar van het dossier" in html
    assert "/verwijderen" not in html and 'name="org_id"' not in html
    r = agent.go("POST", "/dossiers/%s/team" % case_id,
                 data={"csrf_token": csrf_of(html), "org_id": police,
                       "reason": "Huisverbod: uitvoering door de politie"})
    assert r.status_code == 403

    # leaving needs a reason too; the owner cannot leave at all
    path = "/dossiers/%s/team/%s/verwijderen" % (case_id, police)
    r = ams.go("POST", path, data={"csrf_token": token, "reason": "x"})
    assert r.status_code == 400
    assert 'id="reason-%s"' % police in r.text
    assert 'href="#reason-%s"' % police in r.text
    me = api.get(api.url("/api/v1/me")).json()
    owner = "/dossiers/%s/team/%s/verwijderen" % (case_id,
                                                 me["user"]["org_id"])
    r = ams.go("POST", owner, data={"csrf_token": token,
                                    "reason": "Wij stoppen ermee."})
    assert r.status_code == 403
    assert "kan het casusteam niet verlaten" in r.text
    assert journal_len(api, case_id) == before + 1

    r = ams.go("POST", path, data={"csrf_token": token,
                                   "reason": "Taak van de politie klaar"})
    assert r.status_code == 303, r.text
    html = ams.go("GET", "/dossiers/%s/team" % case_id).text
    assert "Eerder in het team" in html
    assert "Taak van de politie klaar" in html
    html = ams.go("GET", "/dossiers/%s/journaal" % case_id).text
    assert "Organisatie uit het casusteam gehaald: Politie Eenheid " \
           "Amsterdam" in html
    assert "Organisatie toegevoegd aan het casusteam: Politie Eenheid " \
           "Amsterdam" in html
    assert journal_len(api, case_id) == before + 2
    # the police left: the case is gone for them, as if it never was
    r = agent.go("GET", "/dossiers/" + case_id)
    assert r.status_code == 404


# ----------------------------------------------------------------- journal

def test_journal_page_newest_first_and_paged(ams, api):
    cid, _ = demo_case_with_persons(ams)
    total = journal_len(api, cid)
    r = ams.go("GET", "/dossiers/%s/journaal" % cid)
    assert r.status_code == 200, r.text
    assert '<ol class="case-timeline">' in r.text
    stamps = re.findall(r'<time datetime="([^"]+)"', r.text)
    assert 0 < len(stamps) <= 25
    assert stamps == sorted(stamps, reverse=True)
    assert "%d regels" % total in r.text
    if total > 25:
        assert "pagina=2" in r.text
        r = ams.go("GET", "/dossiers/%s/journaal?pagina=2" % cid)
        assert r.status_code == 200
        assert "pagina=1" in r.text
    # the oldest entry is the case's opening, on the last page
    last = (total + 24) // 25
    r = ams.go("GET", "/dossiers/%s/journaal?pagina=%d" % (cid, last))
    assert "Dossier geopend" in r.text
    assert ams.go("GET", "/dossiers/%s/journaal?pagina=0"
                  % cid).status_code == 400


# ------------------------------------------------------ outsiders and CSRF

def case_urls(case_id, org_id):
    gets = ["/dossiers/%s" % case_id,
            "/dossiers/%s/personen/nieuw" % case_id,
            "/dossiers/%s/relaties/nieuw" % case_id,
            "/dossiers/%s/incidenten/nieuw" % case_id,
            "/dossiers/%s/team" % case_id,
            "/dossiers/%s/journaal" % case_id]
    posts = [("/dossiers/%s/personen" % case_id,
              {"given_name": "Indringer", "role_victim": "1"}),
             ("/dossiers/%s/relaties" % case_id, {"kind": "partner"}),
             ("/dossiers/%s/incidenten" % case_id,
              {"description": "x", "type_partner": "1"}),
             ("/dossiers/%s/team" % case_id,
              {"org_id": org_id, "reason": "Ik wil erbij horen"}),
             ("/dossiers/%s/team/%s/verwijderen" % (case_id, org_id),
              {"reason": "Ik wil erbij horen"})]
    return gets, posts


def test_outsider_gets_the_404_of_a_missing_case(rtm, api, case_id):
    me = api.get(api.url("/api/v1/me")).json()
    owner = me["user"]["org_id"]
    token = csrf_of(rtm.go("GET", "/dossiers").text)
    before = journal_len(api, case_id)
    missing = str(uuid.uuid4())
    gets, posts = case_urls(case_id, owner)
    ghost_gets, ghost_posts = case_urls(missing, owner)
    for path, ghost in zip(gets, ghost_gets):
        outside = rtm.go("GET", path)
        absent = rtm.go("GET", ghost)
        assert outside.status_code == absent.status_code == 404, path
        assert outside.content == absent.content, path
        assert case_id not in outside.text
    for (path, data), (ghost, _) in zip(posts, ghost_posts):
        data = dict(data, csrf_token=token)
        outside = rtm.go("POST", path, data=data)
        absent = rtm.go("POST", ghost, data=data)
        assert outside.status_code == absent.status_code == 404, path
        assert outside.content == absent.content, path
    assert journal_len(api, case_id) == before


def test_forms_without_csrf_token_are_refused(ams, api, case_id):
    before = journal_len(api, case_id)
    count = len(persons_of(api, case_id))
    _, posts = case_urls(case_id, "00000000-0000-4000-8000-000000000000")
    for path, data in posts:
        r = ams.go("POST", path, data=data)
        assert r.status_code == 403, path
        assert r.headers["Content-Type"].startswith("text/html")
        r = ams.go("POST", path, data=dict(data, csrf_token="x" * 43))
        assert r.status_code == 403, path
    r = ams.go("POST", "/dossiers", data={"jurisdiction": "NL",
                                          "region": "AMS"})
    assert r.status_code == 403
    assert journal_len(api, case_id) == before
    assert len(persons_of(api, case_id)) == count


def test_anonymous_is_asked_to_sign_in(server, case_id):
    b = Browser(server)
    for path in ("/dossiers/nieuw", "/dossiers/" + case_id,
                 "/dossiers/%s/team" % case_id):
        r = b.go("GET", path)
        assert r.status_code == 303, path
        assert r.headers["Location"] == "/aanmelden"
