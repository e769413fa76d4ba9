"""`casustafel document render`: the PDF of every document, NL and BE,
read back with pdftotext (Debian poppler-utils), must contain every piece
of mandatory content (seed 001 ch. 4, art. 2 lid 4 Wth; seed 000 par. 1),
the rights of appeal and the consequences of a violation; a description
that lacks mandatory content is refused, names what is missing and writes
nothing."""
import json
import os
import pathlib
import subprocess

import pytest

BIN = os.environ.get("CASUSTAFEL_BIN", "casustafel")
EXAMPLES = pathlib.Path(__file__).resolve().parents[2] / "data" / "examples" / "documents"

# What each document must say, beyond the case data checked below.
LEGAL = {
    ("NL", "decision"): ["geen bezwaar", "zes weken", "bestuursrechter",
                         "voorlopige voorziening", "misdrijf",
                         "ten hoogste twee jaren", "vierde categorie",
                         "24 uur", "artikel 2 lid 1 Wth"],
    ("NL", "extension"): ["geen bezwaar", "zes weken", "voorlopige voorziening",
                          "ten hoogste twee jaren", "vierde categorie",
                          "artikel 9 lid 1 Wth"],
    ("NL", "letter"): ["zes weken", "Bezwaar maken is niet mogelijk",
                       "ten hoogste twee jaren", "vierde categorie", "112"],
    ("BE", "decision"): ["familierechtbank", "veertien dagen",
                         "maximaal drie maanden", "ten hoogste één jaar",
                         "aanhoudingsbevel", "mondeling"],
    ("BE", "extension"): ["familierechtbank", "ten hoogste één jaar",
                          "aanhoudingsbevel"],
    ("BE", "letter"): ["familierechtbank", "slachtofferonthaal",
                       "ten hoogste één jaar", "112"],
}

# Mandatory case data, per kind: the JSON keys whose values must appear.
CASE_KEYS = {
    "decision": ["case_reference", "address", "authority"],
    "extension": ["case_reference", "address", "authority"],
    "letter": ["case_reference", "address", "recipient_name"],
}

CASES = sorted(LEGAL)


def flat(text):
    """pdftotext wraps lines and may hyphenate; compare on one line."""
    return " ".join(text.replace("-\n", "-").split())


def render(tmp_path, jur, kind, desc, suffix=".pdf"):
    src = tmp_path / "in.json"
    src.write_text(json.dumps(desc, ensure_ascii=False), encoding="utf-8")
    out = tmp_path / ("out" + suffix)
    # The program refuses unknown CASUSTAFEL_* variables: drop ours.
    env = {k: v for k, v in os.environ.items() if k != "CASUSTAFEL_BIN"}
    env["SOURCE_DATE_EPOCH"] = "1783943940"
    proc = subprocess.run([BIN, "document", "render", "--kind", kind,
                           "--jurisdiction", jur, "--input", str(src),
                           "--out", str(out)],
                          capture_output=True, text=True, env=env, timeout=120)
    return proc, out


def pdf_text(path):
    return subprocess.run(["pdftotext", "-layout", "-enc", "UTF-8", str(path), "-"],
                          capture_output=True, text=True, check=True).stdout


def example(jur, kind):
    return json.loads((EXAMPLES / f"{jur.lower()}-{kind}.json").read_text(encoding="utf-8"))


@pytest.mark.parametrize("jur,kind", CASES)
def test_pdf_holds_mandatory_content(tmp_path, jur, kind):
    desc = example(jur, kind)
    proc, out = render(tmp_path, jur, kind, desc)
    assert proc.returncode == 0, proc.stderr
    text = flat(pdf_text(out))
    for key in CASE_KEYS[kind]:
        assert flat(desc[key]) in text, key
    assert desc["removed"]["name"] in text
    for name in desc["protected_names"]:
        assert name in text, name          # the contact ban (art. 2 lid 4 c)
    if kind == "decision":                 # facts and circumstances (b)
        first_words = " ".join(desc["facts"].split()[:8])
        assert first_words in text
    for phrase in LEGAL[(jur, kind)]:
        assert phrase in text, phrase
    assert "Pagina 1 van" in text
    info = subprocess.run(["pdfinfo", str(out)], capture_output=True, text=True,
                          check=True).stdout
    assert "Author:          Casustafel" in info
    assert "A4" in info


def test_duration_in_civil_time(tmp_path):
    """Seed 001 ch. 1: ten days to the same clock time."""
    proc, out = render(tmp_path, "NL", "decision", example("NL", "decision"))
    assert proc.returncode == 0, proc.stderr
    text = flat(pdf_text(out))
    assert "maandag 13 juli 2026 om 13:59 uur" in text
    assert "donderdag 23 juli 2026 om 13:59 uur" in text


def test_missing_content_refused_and_nothing_written(tmp_path):
    desc = example("NL", "decision")
    del desc["address"]
    del desc["protected_names"]
    proc, out = render(tmp_path, "NL", "decision", desc)
    assert proc.returncode == 1
    assert "de plaats waarop het huisverbod betrekking heeft ontbreekt" in proc.stderr
    assert "contactverbod geldt ontbreken" in proc.stderr
    assert not out.exists()
    assert not pathlib.Path(str(out) + ".tmp").exists()


def test_be_missing_oral_decision_refused(tmp_path):
    desc = example("BE", "decision")
    desc["oral_first"] = False
    proc, out = render(tmp_path, "BE", "decision", desc)
    assert proc.returncode == 1
    assert "mondelinge mededeling" in proc.stderr
    assert not out.exists()


def test_html_is_escaped(tmp_path):
    desc = example("NL", "letter")
    desc["recipient_name"] = "<script>alert('x')</script>"
    proc, out = render(tmp_path, "NL", "letter", desc, suffix=".html")
    assert proc.returncode == 0, proc.stderr
    html = out.read_text(encoding="utf-8")
    assert "<script" not in html
    assert "&lt;script&gt;alert(&#39;x&#39;)&lt;/script&gt;" in html


def test_usage_errors(tmp_path):
    desc = example("NL", "letter")
    proc, out = render(tmp_path, "NL", "brief", desc)
    assert proc.returncode == 2
    proc, out = render(tmp_path, "NL", "letter", desc, suffix=".docx")
    assert proc.returncode == 2
    assert not out.exists()


def test_reproducible_with_source_date_epoch(tmp_path):
    desc = example("BE", "letter")
    proc, out = render(tmp_path, "BE", "letter", desc)
    assert proc.returncode == 0
    first = out.read_bytes()
    proc, out = render(tmp_path, "BE", "letter", desc)
    assert out.read_bytes() == first
