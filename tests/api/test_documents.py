"""
test_documents.py - the order's documents downloaded through the API
(issue 4 "Documents"), on SQLite and, with CASUSTAFEL_TEST_PG, on
PostgreSQL.

GET /api/v1/cases/{case}/orders/{order}/documents/{kind}?format=pdf|html

* NL (seed 001): the mayor imposes an acute order, the coordinator
  advises, the removed person is heard, the mayor extends. decision.pdf,
  read back with Debian's pdftotext, states the place, the duration (start
  and end with the clock time, ten days: seed 001 hfst. 1), the facts, the
  names under the contact ban, the appeal (six weeks, the administrative
  court) and what a violation costs; the extension and the letter too.
* BE (seed 000 par. 1): the prosecutor decides orally, the family court
  extends; fourteen days, the family court, one year for a violation.
* A user outside the case team gets the same 404 as for a missing case; a
  document that lacks mandatory content answers 422 naming what is
  missing, and no half document; the access log has the download.
"""
import datetime
import re
import subprocess
import uuid
import zoneinfo

import pytest

import test_orders as orders

DAY = orders.DAY
HOUR = orders.HOUR
MONTHS = ["januari", "februari", "maart", "april", "mei", "juni", "juli",
          "augustus", "september", "oktober", "november", "december"]


@pytest.fixture(scope="module")
def api(server, users):
    return server, users


def flat(text):
    """pdftotext wraps lines and may hyphenate: compare on one line."""
    return " ".join(text.replace("-\n", "-").split())


def pdf_text(data, tmp_path):
    path = tmp_path / ("doc-%s.pdf" % uuid.uuid4().hex)
    path.write_bytes(data)
    return flat(subprocess.run(["pdftotext", "-enc", "UTF-8", str(path),
                                "-"], capture_output=True, text=True,
                               check=True).stdout)


def local_words(t, zone):
    """'23 juli 2026 om 13:59 uur' in the zone's civil time."""
    lt = t.astimezone(zoneinfo.ZoneInfo(zone))
    return "%d %s %d om %02d:%02d uur" % (lt.day, MONTHS[lt.month - 1],
                                          lt.year, lt.hour, lt.minute)


def doc_url(server, case_id, order_id, kind, query=""):
    return server.url("/api/v1/cases/%s/orders/%s/documents/%s%s"
                      % (case_id, order_id, kind, query))


def download(server, client, case_id, order_id, kind, query=""):
    r = client.get(doc_url(server, case_id, order_id, kind, query))
    assert r.status_code == 200, r.text
    return r


def case_reference(server, client, case_id):
    r = client.get(server.url("/api/v1/cases/%s" % case_id))
    assert r.status_code == 200, r.text
    return r.json()["reference"]


def check_headers(r, reference, kind, ext, ctype):
    assert r.headers["Content-Type"] == ctype
    want = 'attachment; filename="%s-%s.%s"' % (reference, kind, ext)
    assert r.headers["Content-Disposition"] == want
    # no personal data in the file name, the security headers kept
    assert "Vries" not in r.headers["Content-Disposition"]
    assert "default-src 'none'" in r.headers["Content-Security-Policy"]
    assert r.headers["X-Content-Type-Options"] == "nosniff"
    assert r.headers["Cache-Control"] == "no-store"


APPEAL_NL = ["zes weken", "bestuursrechter", "voorlopige voorziening"]
VIOLATION_NL = ["misdrijf", "ten hoogste twee jaren", "vierde categorie"]


@pytest.fixture(scope="module")
def nl_order(api):
    """An NL order imposed by the mayor ten days ago, then extended."""
    server, users = api
    mayor, coord = users("burgemeester.ams"), users("coordinator.ams")
    hovj, jurist = users("hovj.ams"), users("jurist.ams")
    case_id, subject, victim = orders.new_case(
        server, hovj, "NL", "AMS",
        ["Gemeente Amsterdam", "Veilig Thuis Amsterdam-Amstelland"],
        "1985-06-01")
    t0 = orders.now() - 10 * DAY
    o = orders.open_order(server, hovj, case_id, subject, victim, t0)
    oid = o["id"]
    decided = orders.step(server, mayor, case_id, oid, "decide", t0 + HOUR,
                          dict(orders.DECIDE, mandate="none"))
    assert decided["state"] == "imposed"
    start = orders.parse(decided["imposed_at"])
    # Before the extension: decision yes, extension not yet.
    r = mayor.get(doc_url(server, case_id, oid, "extension"))
    assert r.status_code == 422, r.text
    assert "state" in r.json()["fields"]
    orders.step(server, coord, case_id, oid, "advice", t0 + 7 * DAY,
                {"extend": True, "reasons": "Dreiging blijft bestaan."})
    orders.step(server, jurist, case_id, oid, "hear", t0 + 8 * DAY,
                {"person_id": subject, "view": "Ik wil terug naar huis."})
    ext = orders.step(server, mayor, case_id, oid, "extend", t0 + 9 * DAY,
                      {"reasons": "Het risico op herhaling blijft hoog."})
    assert ext["state"] == "extended"
    return {"case": case_id, "order": oid, "start": start,
            "ends": orders.parse(ext["ends_at"]), "subject": subject,
            "victim": victim}


def test_nl_decision_pdf(api, nl_order, tmp_path):
    server, users = api
    mayor = users("burgemeester.ams")
    c, o = nl_order["case"], nl_order["order"]
    r = download(server, mayor, c, o, "decision")
    check_headers(r, case_reference(server, mayor, c), "decision", "pdf",
                  "application/pdf")
    assert r.content.startswith(b"%PDF-")
    text = pdf_text(r.content, tmp_path)
    zone = "Europe/Amsterdam"
    start = nl_order["start"]
    end = orders.civil_plus(start, 10, zone)
    assert orders.DECIDE["place"] in text           # the place
    assert local_words(start, zone) in text          # the duration: start
    assert local_words(end, zone) in text            # ... and end, 10 days
    assert orders.DECIDE["facts"] in text            # facts, circumstances
    assert "Anna de Vries" in text                   # the contact ban
    assert "Piet de Vries" in text and "1 juni 1985" in text
    assert "burgemeester van Amsterdam" in text
    for phrase in APPEAL_NL + VIOLATION_NL:
        assert phrase in text, phrase
    # the same document with ?format=pdf
    r2 = download(server, mayor, c, o, "decision", "?format=pdf")
    assert r2.headers["Content-Type"] == "application/pdf"


def test_nl_decision_html(api, nl_order):
    server, users = api
    coord = users("coordinator.ams")
    c, o = nl_order["case"], nl_order["order"]
    r = download(server, coord, c, o, "decision", "?format=html")
    check_headers(r, case_reference(server, coord, c), "decision", "html",
                  "text/html; charset=utf-8")
    page = r.text
    assert page.startswith("<!DOCTYPE html>")
    assert "Anna de Vries" in page and "Dorpsstraat 1, Amsterdam" in page
    assert "<script" not in page.lower()
    assert "zes weken" in page


def test_nl_extension_and_letter(api, nl_order, tmp_path):
    server, users = api
    mayor = users("burgemeester.ams")
    c, o = nl_order["case"], nl_order["order"]
    text = pdf_text(download(server, mayor, c, o, "extension").content,
                    tmp_path)
    zone = "Europe/Amsterdam"
    assert local_words(nl_order["ends"], zone) in text  # 28 days in all
    assert nl_order["ends"] == orders.civil_plus(nl_order["start"], 28, zone)
    assert "Het risico op herhaling blijft hoog." in text
    assert "artikel 9 lid 1 Wth" in text
    assert "Anna de Vries" in text
    for phrase in ["zes weken", "ten hoogste twee jaren"]:
        assert phrase in text, phrase

    r = download(server, mayor, c, o, "letter",
                 "?person_id=" + nl_order["victim"])
    text = pdf_text(r.content, tmp_path)
    assert "Anna de Vries" in text and "Piet de Vries" in text
    assert "Veilig Thuis Amsterdam-Amstelland" in text
    for phrase in ["zes weken", "ten hoogste twee jaren", "112"]:
        assert phrase in text, phrase
    # The letter is for a person under the contact ban, not the subject.
    r = mayor.get(doc_url(server, c, o, "letter",
                          "?person_id=" + nl_order["subject"]))
    assert r.status_code == 422, r.text
    assert "person_id" in r.json()["fields"]


def test_access_log_has_the_download(api, nl_order):
    server, users = api
    mayor = users("burgemeester.ams")
    me = mayor.get(server.url("/api/v1/me")).json()["user"]["id"]
    download(server, mayor, nl_order["case"], nl_order["order"], "decision")
    r = users("privacy.officer").get(server.url(
        "/api/v1/access-log?case_id=%s&user_id=%s&limit=1000"
        % (nl_order["case"], me)))
    assert r.status_code == 200, r.text
    reads = [e for e in r.json()["items"]
             if e["action"] == "document.read"]
    assert reads and all(e["allowed"] for e in reads), r.json()


def test_outside_the_team_looks_absent(api, nl_order):
    server, users = api
    outside = users("coordinator.lim")
    c, o = nl_order["case"], nl_order["order"]
    r = outside.get(doc_url(server, c, o, "decision"))
    assert r.status_code == 404
    missing = outside.get(doc_url(server, str(uuid.uuid4()), o, "decision"))
    assert missing.status_code == 404 and missing.content == r.content
    assert "Vries" not in r.text
    # In the team: an unknown kind or order is absent, a bad format 400.
    mayor = users("burgemeester.ams")
    assert mayor.get(doc_url(server, c, o, "beschikking")).status_code == 404
    assert mayor.get(doc_url(server, c, str(uuid.uuid4()),
                             "decision")).status_code == 404
    r = mayor.get(doc_url(server, c, o, "decision", "?format=docx"))
    assert r.status_code == 400 and "format" in r.json()["fields"]


def test_missing_content_answers_422(api):
    server, users = api
    hovj = users("hovj.ams")
    case_id, subject, victim = orders.new_case(
        server, hovj, "NL", "AMS", ["Gemeente Amsterdam"], "1980-02-02")
    t0 = orders.now() - 3 * HOUR
    o = orders.open_order(server, hovj, case_id, subject, victim, t0)
    # Still in screening: no decision, so no start, end or facts.
    r = hovj.get(doc_url(server, case_id, o["id"], "decision"))
    assert r.status_code == 422, r.text
    body = r.json()
    assert body["code"] == "invalid"
    for field in ("state", "start", "end", "facts", "decider_name"):
        assert field in body["fields"], (field, body)
    assert not r.content.startswith(b"%PDF")
    # A decision under mandate that does not name the mandaatbesluit is
    # refused at the decision itself (an unclear mandate voids the order),
    # so no document can lack it later.
    no_decree = dict(orders.DECIDE)
    del no_decree["mandate_reference"]
    body = orders.refused(server, hovj, case_id, o["id"], "decide",
                          t0 + HOUR, no_decree, "nl.mandate.deciding",
                          "invalid")
    assert "details.mandate_reference" in body["fields"], body
    # With the decree named, the HOvJ's decision renders and names it.
    orders.step(server, hovj, case_id, o["id"], "decide", t0 + HOUR,
                orders.DECIDE)
    r = hovj.get(doc_url(server, case_id, o["id"], "decision"))
    assert r.status_code == 200, r.text
    assert r.content.startswith(b"%PDF")


def test_be_decision_and_extension(api, tmp_path):
    server, users = api
    parket, coord = users("parket.lim"), users("coordinator.lim")
    case_id, subject, victim = orders.new_case(
        server, parket, "BE", "LIM", ["Veilig Huis Limburg (FJC)"],
        "1979-11-20")
    t0 = orders.now() - 12 * DAY
    o = orders.open_order(server, parket, case_id, subject, victim, t0)
    oid = o["id"]
    d = orders.step(server, parket, case_id, oid, "decide", t0 + HOUR,
                    dict(orders.DECIDE, oral=True, mandate="none"))
    start = orders.parse(d["imposed_at"])
    orders.step(server, parket, case_id, oid, "write", t0 + 3 * HOUR)
    r = download(server, parket, case_id, oid, "decision")
    check_headers(r, case_reference(server, parket, case_id), "decision",
                  "pdf", "application/pdf")
    text = pdf_text(r.content, tmp_path)
    zone = "Europe/Brussels"
    assert orders.DECIDE["place"] in text
    assert local_words(start, zone) in text
    assert local_words(orders.civil_plus(start, 14, zone), zone) in text
    assert orders.DECIDE["facts"] in text
    assert "Anna de Vries" in text and "Piet de Vries" in text
    for phrase in ["procureur des Konings", "Limburg", "mondeling",
                   "familierechtbank", "veertien dagen",
                   "maximaal drie maanden", "ten hoogste één jaar",
                   "aanhoudingsbevel"]:
        assert phrase in text, phrase

    orders.step(server, coord, case_id, oid, "advice", t0 + 6 * DAY,
                {"extend": True, "reasons": "Risico hoog", "written": True})
    orders.step(server, parket, case_id, oid, "court_hearing", t0 + 7 * DAY,
                {"hearing_at": orders.iso(t0 + 10 * DAY)})
    ext = orders.step(server, parket, case_id, oid, "extend",
                      t0 + 10 * DAY,
                      {"reasons": "Uitspraak familierechtbank"})
    text = pdf_text(download(server, parket, case_id, oid,
                             "extension").content, tmp_path)
    assert local_words(orders.parse(ext["ends_at"]), zone) in text
    assert "familierechtbank Limburg" in text
    assert "ten hoogste één jaar" in text
    text = pdf_text(download(server, coord, case_id, oid, "letter").content,
                    tmp_path)
    assert "Anna de Vries" in text and "slachtofferonthaal" in text
    assert re.search(r"Veilig Huis Limburg", text)
