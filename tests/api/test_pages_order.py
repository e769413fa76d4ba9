"""
test_pages_order.py - the restraining order and the risk assessment in the
browser's pages (issue 5), over real HTTP with form posts as a browser
sends them: the forms are read from the pages (hidden fields, ticked
boxes, chosen options, what the server filled in) and posted back with
what a user changes.

* The Dutch acute flow (seed 001): the police officer opens the screening,
  the HOvJ fills in the RiHG and decides under beslissingsmandaat, the
  police serve, take the keys, register the stay address and inform;
  Veilig Thuis makes first contact and advises, the municipality's legal
  officer hears the removed person, the mayor extends. Every field type
  of the step table is used on the way; the documents download.
* The Belgian flow (seed 000): the police open, the procureur des Konings
  decides orally, writes, serves and informs; the Veilig Huis advises in
  writing, the family court's hearing and ruling are recorded.
* A refusal of the law shows the rule's title and source, keeps the input
  and writes nothing; a stale form gives the conflict message; a step
  not allowed now shows the order page's message; an outsider gets the
  one 404 page everywhere.

Steps are dated "now", as the forms propose (the server refuses steps in
the future), so a walk stays within the order's ten or fourteen days.
"""
import datetime
import html
import re
import uuid
from html.parser import HTMLParser

import pytest

from test_pages import csrf_of, sign_in

UUID = r"[0-9a-f-]{36}"


class FormReader(HTMLParser):
    """The forms of a page and what each would send untouched."""

    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.forms = []
        self.select = None
        self.option = None
        self.textarea = None

    def handle_starttag(self, tag, attrs):
        a = dict(attrs)
        if tag == "form":
            self.forms.append({"action": a.get("action"),
                               "method": a.get("method", "get"),
                               "fields": [], "selects": {}})
        elif not self.forms:
            return
        f = self.forms[-1] if self.forms else None
        if tag == "input":
            kind = a.get("type", "text")
            if kind in ("checkbox", "radio") and "checked" not in a:
                return
            if kind in ("submit", "button"):
                return
            if a.get("name"):
                f["fields"].append([a["name"], a.get("value", "")])
        elif tag == "select":
            self.select = a.get("name")
            f["selects"][self.select] = None
        elif tag == "option" and self.select:
            value = a.get("value", "")
            if "selected" in a or f["selects"][self.select] is None:
                f["selects"][self.select] = value
        elif tag == "textarea":
            self.textarea = [a.get("name"), ""]
            f["fields"].append(self.textarea)

    def handle_endtag(self, tag):
        if tag == "select":
            self.select = None
        elif tag == "textarea":
            self.textarea = None

    def handle_data(self, data):
        if self.textarea is not None:
            self.textarea[1] += data


def read_form(page, action_part):
    """The fields the form whose action contains action_part sends."""
    r = FormReader()
    r.feed(page)
    for f in r.forms:
        if f["action"] and action_part in f["action"] and \
           f["method"] == "post":
            data = {k: v for k, v in f["fields"] if v != ""}
            for k, v in f["selects"].items():
                if v:
                    data[k] = v
            return f["action"], data
    raise AssertionError("no form for %s in:\n%s" % (action_part, page))


def main(page):
    m = re.search(r"<main.*?</main>", page, re.S)
    return m.group(0) if m else page


def text(page):
    """The page's main text without tags, entities read."""
    words = html.unescape(re.sub(r"<[^>]+>", " ", main(page))).split()
    return " ".join(words).replace(" :", ":").replace(" ,", ",") \
        .replace(" .", ".")


class Site:
    """Signed-in browsers, one per user, and the API behind the pages."""

    def __init__(self, server):
        self.server = server
        self.browsers = {}

    def __call__(self, username):
        if username not in self.browsers:
            b = sign_in(self.server, username)
            b.csrf = csrf_of(b.go("GET", "/").text)
            self.browsers[username] = b
        return self.browsers[username]

    def api(self, username, method, path, status, **kw):
        b = self(username)
        r = b.go(method, path, headers={"X-CSRF-Token": b.csrf}, **kw)
        assert r.status_code == status, (path, r.status_code, r.text)
        return r.json() if r.text else None

    def org_id(self, username, name):
        orgs = self.api(username, "GET", "/api/v1/orgs?limit=1000", 200)
        return [o["id"] for o in orgs["items"] if o["name"] == name][0]

    def new_case(self, owner, jurisdiction, region, team):
        c = self.api(owner, "POST", "/api/v1/cases", 201,
                     json={"jurisdiction": jurisdiction, "region": region})
        for name in team:
            self.api(owner, "POST", "/api/v1/cases/%s/team" % c["id"], 201,
                     json={"org_id": self.org_id(owner, name),
                           "reason": "Huisverbod: samenwerking volgens "
                                     "het protocol"})
        persons = "/api/v1/cases/%s/persons" % c["id"]
        subject = self.api(owner, "POST", persons, 201,
                           json={"given_name": "Piet",
                                 "family_name": "de Vries",
                                 "birth_date": "1981-02-03", "sex": "male",
                                 "roles": ["perpetrator", "removed"]})
        victim = self.api(owner, "POST", persons, 201,
                          json={"given_name": "Anna",
                                "family_name": "de Vries-Jansen",
                                "birth_date": "1986-05-06",
                                "sex": "female",
                                "roles": ["victim", "remaining"]})
        return c, subject["id"], victim["id"]

    def journal(self, username, case_id):
        return self.api(username, "GET", "/api/v1/cases/%s/journal?limit=1"
                        % case_id, 200)["total"]


@pytest.fixture(scope="module")
def site(server, users):
    # `users` settles the TOTP step at the module's end, as elsewhere.
    return Site(server)


def get(site, user, path, status=200):
    r = site(user).go("GET", path)
    assert r.status_code == status, (path, r.status_code, text(r.text))
    return r.text


def post_form(site, user, page, action_part, changes=None, drop=(),
              status=303):
    """Post the form of page as a browser would, with changes."""
    action, data = read_form(page, action_part)
    for k in drop:
        data.pop(k, None)
    data.update(changes or {})
    r = site(user).go("POST", action, data=data)
    assert r.status_code == status, (action, r.status_code, text(r.text))
    return r


def step(site, user, order_url, kind, changes=None, drop=(), status=303):
    page = get(site, user, order_url + "/stap/" + kind)
    r = post_form(site, user, page, "/stap/" + kind, changes, drop, status)
    if status == 303:
        assert r.headers["Location"] == order_url
    return r


def open_order(site, user, case_id, changes=None):
    page = get(site, user, "/dossiers/%s/huisverbod/nieuw" % case_id)
    r = post_form(site, user, page, "/huisverbod", dict(
        {"route": "acute", "place": "Dorpsstraat 1, Amsterdam"},
        **(changes or {})))
    loc = r.headers["Location"]
    assert re.fullmatch(r"/dossiers/%s/huisverbod/%s" % (case_id, UUID), loc)
    return loc


def fill_rihg(site, user, case_id, highs):
    """The RiHG with the given signals rated high: the outcome page."""
    page = get(site, user, "/dossiers/%s/risicotaxatie/nieuw" % case_id)
    assert "RiHG" in page or "rihg" in page
    changes = {"i000": "yes", "i001": "no"}
    for s in highs:
        changes["s%02d" % s] = "high"
    r = post_form(site, user, page, "/risicotaxatie", changes)
    loc = r.headers["Location"]
    assert re.fullmatch(r"/dossiers/%s/risicotaxatie/%s" % (case_id, UUID),
                        loc)
    return loc, get(site, user, loc)


def test_nl_acute_flow_through_the_forms(site):
    case, subject, victim = site.new_case(
        "hovj.ams", "NL", "AMS",
        ["Gemeente Amsterdam", "Veilig Thuis Amsterdam-Amstelland"])
    cid = case["id"]

    # The police officer prepares the order: route, subject, protected.
    page = get(site, "agent.ams", "/dossiers/%s/huisverbod/nieuw" % cid)
    assert "Huisverbod voorbereiden" in page
    assert "Acuut incident (politie)" in page
    assert "Bekend bij Veilig Thuis" in page
    assert 'type="datetime-local"' in page
    _, form = read_form(page, "/huisverbod")
    assert form["subject_person_id"] == subject       # the removed person
    assert victim in form.values()                   # protected by default
    order = open_order(site, "agent.ams", cid)
    page = get(site, "agent.ams", order)
    body = text(page)
    assert "Stand: Screening" in body
    # The decision is not the police officer's: shown, not a button.
    assert "Dat doet de burgemeester, of de hulpofficier van justitie " \
           "met mandaat" in body
    assert order + "/stap/decide" not in page
    assert "Dorpsstraat 1, Amsterdam" in body and "Piet de Vries" in body

    # The HOvJ fills in the RiHG: two high signals in part A.
    loc, page = fill_rihg(site, "hovj.ams", cid, [0, 1])
    assert "Huisverbod in beginsel geïndiceerd" in text(page)
    # ... and links it to the order (a select of assessments, a box).
    step(site, "hovj.ams", order, "assess", {"indicates_order": "ja"})

    # The decision form shows the NL mandate.
    page = get(site, "hovj.ams", order + "/stap/decide")
    body = text(page)
    for words in ("Bevoegdheid", "Beslissingsmandaat",
                  "Ondertekeningsmandaat", "Mandaatbesluit",
                  "Burgemeester die besliste", "Burgemeester Amsterdam"):
        assert words in body, words
    assert 'name="oral"' in page and 'name="subject_resides"' in page
    decide = {"impose": "ja", "mandate": "deciding",
              "mandate_reference": "Mandaatbesluit huisverbod 2026",
              "facts": "Mishandeling na ruzie;\r\nburen belden 112.",
              "subject_resides": "ja", "serious_danger": "ja"}
    step(site, "hovj.ams", order, "decide", decide)
    page = get(site, "hovj.ams", order)
    body = text(page)
    assert "Stand: Opgelegd" in body
    assert "Loopt tot" in body
    assert re.search(r"(maandag|dinsdag|woensdag|donderdag|vrijdag|zaterdag"
                     r"|zondag) \d+ \w+ 20\d\d om \d\d:\d\d", body)
    assert re.search(r"nog 9 dagen en \d+ uur|nog 10 dagen", body)
    assert "Beslissingsmandaat" in body and "Mandaatbesluit huisverbod" \
        in body
    assert "Termijnen" in body and "Verblijfadres en telefoon" in body

    # The police: service (a select), keys, stay address, informed (boxes).
    page = get(site, "agent.ams", order + "/stap/serve")
    assert "Betekend door het parket" not in page   # not a Dutch service
    step(site, "agent.ams", order, "serve", {"how": "in_person"})
    step(site, "agent.ams", order, "keys")
    step(site, "agent.ams", order, "stay_address",
         {"address": "Hotel De Brug, Amsterdam", "phone": "+31612345678"})
    step(site, "agent.ams", order, "inform",
         {"parties_remaining": "ja", "parties_veilig_thuis": "ja"})

    # Veilig Thuis: first contact, then the advice (yes/no, reasons).
    step(site, "coordinator.ams", order, "first_contact")
    step(site, "coordinator.ams", order, "advice",
         {"extend": "ja", "reasons": "Dreiging blijft; hulp loopt pas."})
    # The legal officer hears the removed person (a select of persons).
    step(site, "jurist.ams", order, "hear",
         {"person_id": subject, "view": "Wil terug naar huis."})
    # The mayor extends (until left empty: the legal maximum).
    step(site, "burgemeester.ams", order, "extend",
         {"reasons": "Advies Veilig Thuis gevolgd."})
    page = get(site, "burgemeester.ams", order)
    body = text(page)
    assert "Stand: Verlengd" in body
    assert "Hotel De Brug, Amsterdam" in body
    assert "Achterblijvers en Veilig Thuis" in body
    assert "Wil terug naar huis." in body
    # The timeline names who took each step, in order.
    titles = re.findall(r'order-timeline__title">([^<]+)<', page)
    assert titles[0] == "Screening gestart" and titles[-1] == "Verlengd"
    assert len(titles) == 11
    assert "Burgemeester Amsterdam" in body

    # Documents: the decision, the extension and the letter, PDF and HTML,
    # from the API's download with the page's session.
    links = re.findall(r'href="(/api/v1/cases/%s/orders/%s/documents/'
                       r'[^"]+)"' % (cid, order.rsplit("/", 1)[1]), page)
    links = [html.unescape(x) for x in links]
    kinds = {re.search(r"documents/(\w+)\?", x).group(1) for x in links}
    assert kinds == {"decision", "extension", "letter"}, links
    for link in links:
        r = site("burgemeester.ams").go("GET", link)
        assert r.status_code == 200, (link, r.text[:300])
        if "format=pdf" in link:
            assert r.content[:5] == b"%PDF-", link
            assert r.headers["Content-Type"] == "application/pdf"
        else:
            assert r.headers["Content-Type"].startswith("text/html")


def test_be_flow_with_the_procureur_des_konings(site):
    case, subject, victim = site.new_case(
        "parket.lim", "BE", "LIM",
        ["Veilig Huis Limburg (FJC)",
         "Politiezone Limburg Regio Hoofdstad"])
    cid = case["id"]
    page = get(site, "agent.lim", "/dossiers/%s/huisverbod/nieuw" % cid)
    assert "Tijdelijk huisverbod voorbereiden" in page
    assert "procureur des Konings" in page
    assert "Bekend bij Veilig Thuis" not in page    # not a Belgian route
    order = open_order(site, "agent.lim", cid, {"place": "Markt 3, Hasselt"})
    body = text(get(site, "agent.lim", order))
    assert "Tijdelijk huisverbod" in body
    assert "Dat doet de procureur des Konings" in body

    page = get(site, "parket.lim", order + "/stap/decide")
    assert 'name="mandate"' not in page and "Mandaatbesluit" not in page
    assert "Verplicht in België" in page
    # Without the oral notice the law refuses: be.oral_first.
    decide = {"impose": "ja", "facts": "Slagen in het bijzijn van de "
              "kinderen.", "place": "Markt 3, Hasselt"}
    r = step(site, "parket.lim", order, "decide", decide, status=422)
    assert "eerst mondeling" in text(r.text)
    step(site, "parket.lim", order, "decide", dict(decide, oral="ja"))
    step(site, "parket.lim", order, "write")
    page = get(site, "parket.lim", order + "/stap/serve")
    assert "Neergelegd bij de gemeentesecretarie" not in page
    step(site, "parket.lim", order, "serve", {"how": "prosecutor"})
    page = get(site, "parket.lim", order + "/stap/inform")
    assert 'name="parties_mayor"' not in page
    step(site, "parket.lim", order, "inform",
         {"parties_remaining": "ja", "parties_victim_support": "ja",
          "parties_removed": "ja"})
    step(site, "coordinator.lim", order, "first_contact")
    # The advice to the parket is written (a box only Belgium shows).
    r = step(site, "coordinator.lim", order, "advice",
             {"extend": "ja", "reasons": "Risico hoog"}, status=422)
    assert "be.advice_before_hearing" not in r.text  # the rule's words
    assert "Schriftelijk advies" in text(r.text)
    step(site, "coordinator.lim", order, "advice",
         {"extend": "ja", "reasons": "Risico hoog", "written": "ja"})
    # The family court's hearing (a date and time) and its ruling.
    hearing = (datetime.datetime.now() + datetime.timedelta(days=2)) \
        .strftime("%Y-%m-%dT%H:%M")
    step(site, "parket.lim", order, "court_hearing",
         {"hearing_at": hearing})
    step(site, "parket.lim", order, "extend",
         {"reasons": "Uitspraak familierechtbank"})
    body = text(get(site, "parket.lim", order))
    assert "Stand: Verlengd" in body
    assert "Veilig Huis" in body
    assert "Slachtofferonthaal" in body


def test_refusal_shows_rule_keeps_input_writes_nothing(site):
    case, subject, victim = site.new_case(
        "hovj.ams", "NL", "AMS", ["Gemeente Amsterdam"])
    cid = case["id"]
    order = open_order(site, "hovj.ams", cid)
    before = site.journal("hovj.ams", cid)
    # A signing mandate names the mayor who decided: nl.mandate.signing.
    r = step(site, "hovj.ams", order, "decide",
             {"impose": "ja", "mandate": "signing",
              "mandate_reference": "Mandaatbesluit <b>2026</b>",
              "facts": "Feiten", "subject_resides": "ja",
              "serious_danger": "ja"}, status=422)
    body = text(r.text)
    assert "Zo kan het niet volgens de regels" in body
    assert "ondertekeningsmandaat" in body.lower()
    assert "Bron:" in body and "seed 001" in body
    # beside the field it names
    assert 'id="mayor_user_id-fout"' in r.text
    assert 'aria-invalid="true"' in r.text
    # the input kept, escaped
    assert 'value="Mandaatbesluit &lt;b&gt;2026&lt;/b&gt;"' in r.text
    assert '<option value="signing" selected>' in r.text
    assert ">Feiten</textarea>" in r.text
    assert site.journal("hovj.ams", cid) == before
    body = text(get(site, "hovj.ams", order))
    assert "Stand: Screening" in body

    # A type problem: a time that is no time, beside its field (400).
    r = step(site, "hovj.ams", order, "decide",
             {"impose": "ja", "at": "gisteren"}, status=400)
    assert 'id="at-fout"' in r.text and "Geef een datum en tijd" in r.text
    assert 'href="#at"' in r.text
    # A field of another step is not this form's.
    r = step(site, "hovj.ams", order, "decide",
             {"impose": "ja", "channel": "phone"}, status=400)
    assert "is geen veld van dit formulier" in r.text
    assert site.journal("hovj.ams", cid) == before


def test_stale_form_gives_the_conflict_message(site):
    case, subject, victim = site.new_case(
        "hovj.ams", "NL", "AMS", ["Gemeente Amsterdam"])
    cid = case["id"]
    order = open_order(site, "hovj.ams", cid)
    page = get(site, "hovj.ams", order + "/stap/hear")
    # Someone else records a step meanwhile.
    step(site, "agent.ams", order, "consult_vt")
    before = site.journal("hovj.ams", cid)
    r = post_form(site, "hovj.ams", page, "/stap/hear",
                  {"person_id": subject, "view": "Mijn kant"}, status=409)
    assert "intussen gewijzigd" in text(r.text)
    assert ">Mijn kant</textarea>" in r.text
    assert site.journal("hovj.ams", cid) == before
    # The form now carries the new version: sent again, it is stored.
    post_form(site, "hovj.ams", r.text, "/stap/hear")


def test_steps_not_now_and_unknown(site):
    case, subject, victim = site.new_case(
        "hovj.ams", "NL", "AMS", ["Gemeente Amsterdam"])
    cid = case["id"]
    order = open_order(site, "hovj.ams", cid)
    r = site("hovj.ams").go("GET", order + "/stap/extend")
    assert r.status_code == 409
    assert "Deze stap kan nu niet." in r.text
    assert "Stand: Screening" in text(r.text)
    r = site("hovj.ams").go("GET", order + "/stap/court_hearing")
    assert r.status_code == 409 and "bestaat niet in Nederland" in r.text
    for kind in ("vliegen", "open"):
        r = site("hovj.ams").go("GET", order + "/stap/" + kind)
        assert r.status_code == 404, kind


def test_outsider_gets_the_same_404_everywhere(site):
    case, subject, victim = site.new_case(
        "hovj.ams", "NL", "AMS", ["Gemeente Amsterdam"])
    cid = case["id"]
    order = open_order(site, "hovj.ams", cid)
    assessment, _ = fill_rihg(site, "hovj.ams", cid, [0])
    out = site("coordinator.lim")
    missing_case = str(uuid.uuid4())
    missing = out.go("GET", "/dossiers/%s/huisverbod/%s"
                     % (missing_case, uuid.uuid4()))
    assert missing.status_code == 404
    form = {"csrf_token": out.csrf, "impose": "ja", "version": "1"}
    for method, path, data in (
            ("GET", order, None),
            ("GET", order + "/stap/decide", None),
            ("POST", order + "/stap/decide", form),
            ("GET", "/dossiers/%s/huisverbod/nieuw" % cid, None),
            ("POST", "/dossiers/%s/huisverbod" % cid,
             {"csrf_token": out.csrf, "route": "acute"}),
            ("GET", "/dossiers/%s/risicotaxatie/nieuw" % cid, None),
            ("GET", assessment, None),
            ("POST", assessment + "/bijstellen",
             {"csrf_token": out.csrf, "outcome": "indicated",
              "reason": "Ik weet het beter dan wie dan ook"})):
        r = out.go(method, path, data=data)
        assert r.status_code == 404, (method, path, r.status_code)
        assert r.text == missing.text, (method, path)
        assert cid not in r.text


def test_assessment_outcome_and_override(site):
    case, subject, victim = site.new_case(
        "hovj.ams", "NL", "AMS", [])
    cid = case["id"]
    loc, page = fill_rihg(site, "hovj.ams", cid, [])
    body = text(page)
    assert "Huisverbod niet geïndiceerd" in body
    assert "Ingevuld door" in body and "hovj.ams" in body
    # the answers, with the instrument's words
    assert "Ja" in body and "niet beantwoord" in body
    # An answer not on the item's scale is named beside its question.
    new = get(site, "hovj.ams", "/dossiers/%s/risicotaxatie/nieuw" % cid)
    r = post_form(site, "hovj.ams", new, "/risicotaxatie",
                  {"i002": "misschien"}, status=400)
    assert "schaal" in text(r.text)
    assert 'href="#i002-leeg"' in r.text
    # The assessor may override, with a reason of some length.
    assert "Uitkomst gemotiveerd bijstellen" in page
    r = post_form(site, "hovj.ams", page, "/bijstellen",
                  {"outcome": "indicated", "reason": "kort"}, status=400)
    assert 'id="reason-fout"' in r.text and ">kort</textarea>" in r.text
    r = post_form(site, "hovj.ams", page, "/bijstellen",
                  {"outcome": "indicated",
                   "reason": "Wapenbezit bekend bij de politie."})
    assert r.headers["Location"] == loc
    body = text(get(site, "hovj.ams", loc))
    assert "Bijgesteld naar" in body
    assert "Huisverbod in beginsel geïndiceerd" in body
    assert "Uitkomst gemotiveerd bijstellen" not in body  # once only
