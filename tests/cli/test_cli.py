"""Command-line tests: run the built `casustafel` binary as a user would.

The binary comes from CASUSTAFEL_BIN (set by meson). Every test runs in
its own temporary directory with an environment stripped of CASUSTAFEL_*
variables, so the caller's settings cannot leak in. The central promise
checked here: a refused command exits non-zero, names the field, and
changes nothing (the case list, the counts and the journal stay equal).
"""

import json
import os
import re
import sqlite3
import subprocess

import pytest

BIN = os.environ.get("CASUSTAFEL_BIN", "casustafel")


def clean_env(extra=None):
    env = {k: v for k, v in os.environ.items()
           if not k.startswith("CASUSTAFEL_")}
    env["LC_ALL"] = "C.UTF-8"
    if extra:
        env.update(extra)
    return env


class Casustafel:
    """Runs the binary in one directory against one database."""

    def __init__(self, workdir):
        self.workdir = str(workdir)
        self.db = os.path.join(self.workdir, "test.db")

    def run(self, *args, env=None, db=True):
        argv = [BIN]
        if db:
            argv += ["--db", self.db]
        argv += list(args)
        return subprocess.run(argv, cwd=self.workdir, env=clean_env(env),
                              capture_output=True, text=True, timeout=60)

    def ok(self, *args, **kw):
        r = self.run(*args, **kw)
        assert r.returncode == 0, (args, r.stdout, r.stderr)
        return r

    def json(self, *args, **kw):
        return json.loads(self.ok(*args, **kw).stdout)

    def state(self):
        """Everything a refused command must leave unchanged."""
        audit = self.json("audit", "verify", "--json")
        return {
            "cases": self.json("case", "list", "--json"),
            "orgs": self.json("org", "list", "--json")["count"],
            "users": self.json("user", "list", "--json")["count"],
            "journal": audit["entries"],
            "head": audit["head_hash"],
            "show": self.json("case", "show", CASE_REF, "--json"),
        }


CASE_REF = None  # set by the populated fixture


@pytest.fixture
def ct(tmp_path):
    return Casustafel(tmp_path)


@pytest.fixture
def populated(ct):
    """A database with an organisation, a user, a case and a person."""
    global CASE_REF
    ct.ok("init", "--org-name", "Veilig Thuis Amsterdam", "--org-type",
          "veilig_thuis")
    ct.ok("user", "add", "--org", "Veilig Thuis Amsterdam", "--username",
          "coord", "--name", "Co Ordinator", "--roles", "coordinator")
    case = ct.json("case", "create", "--org", "Veilig Thuis Amsterdam",
                   "--jurisdiction", "NL", "--region", "AMS", "--json")
    CASE_REF = case["reference"]
    ct.anna = ct.json("case", "add-person", CASE_REF, "--given-name",
                      "Anna", "--family-name", "Jansen", "--roles",
                      "victim,remaining", "--bsn", "111222333",
                      "--json")["id"]
    return ct


def test_init_prints_one_time_password(ct):
    r = ct.ok("init")
    m = re.search(r"Eenmalig wachtwoord: (\S+)", r.stdout)
    assert m and len(m.group(1)) == 16
    # The password is not stored in clear anywhere in the file.
    with open(ct.db, "rb") as f:
        assert m.group(1).encode() not in f.read()
    r = ct.run("init")
    assert r.returncode == 1
    assert "bestaat al" in r.stderr


def test_default_database_goes_to_var(ct):
    r = ct.run("init", db=False)
    assert r.returncode == 0, r.stderr
    assert os.path.isfile(os.path.join(ct.workdir, "var", "casustafel.db"))


def test_database_from_environment_and_config(ct, tmp_path):
    env_db = str(tmp_path / "env.db")
    ct.ok("init", db=False, env={"CASUSTAFEL_DATABASE": env_db})
    assert os.path.isfile(env_db)
    conf = tmp_path / "ct.conf"
    conf_db = str(tmp_path / "conf.db")
    conf.write_text("# test\ndatabase = %s\nlog_level = warn\n" % conf_db)
    ct.ok("--config", str(conf), "init", db=False)
    assert os.path.isfile(conf_db)
    # The environment beats the file, the command line beats both.
    r = ct.ok("org", "list", "--json", db=False,
              env={"CASUSTAFEL_CONFIG": str(conf),
                   "CASUSTAFEL_DATABASE": env_db})
    assert json.loads(r.stdout)["count"] == 1


BAD = [
    ("unknown option",
     ["org", "add", "--name", "X", "--type", "police", "--country", "NL",
      "--colour", "red"], 2, ["--colour"]),
    ("missing value", ["case", "list", "--region"], 2, ["--region"]),
    ("missing option",
     ["org", "add", "--name", "X", "--type", "police"], 2, ["--country"]),
    ("extra argument", ["case", "list", "extra"], 2, ["'extra'"]),
    ("unknown command", ["cases", "list"], 2, ["'cases'"]),
    ("unknown subcommand", ["case", "delete"], 2, ["case delete"]),
    ("bad org type",
     ["org", "add", "--name", "X", "--type", "polis", "--country", "NL"],
     1, ["--type", "police", "veilig_thuis"]),
    ("bad country",
     ["org", "add", "--name", "X", "--type", "police", "--country", "DE"],
     1, ["--country", "NL", "BE"]),
    ("bad user role",
     ["user", "add", "--org", "Veilig Thuis Amsterdam", "--username", "x.y",
      "--name", "X", "--roles", "boss"], 1, ["--roles", "'boss'"]),
    ("unknown org",
     ["user", "add", "--org", "Nergens", "--username", "x.y", "--name", "X",
      "--roles", "admin"], 1, ["--org", "Nergens"]),
    ("bad username",
     ["user", "add", "--org", "Veilig Thuis Amsterdam", "--username",
      "Hele Naam", "--name", "X", "--roles", "admin"], 1, ["username"]),
    ("bad region",
     ["case", "create", "--org", "Veilig Thuis Amsterdam", "--jurisdiction",
      "NL", "--region", "amsterdam"], 1, ["--region"]),
    ("bad limit", ["case", "list", "--limit", "5000"], 1, ["--limit"]),
    ("bad status", ["case", "list", "--status", "half"], 1, ["--status"]),
    ("bad bsn",
     ["case", "add-person", "@REF", "--given-name", "B", "--family-name",
      "C", "--roles", "victim", "--bsn", "123456788"], 1,
     ["fout: bsn: BSN 123456788 klopt niet (elfproef)"]),
    ("bad rrn",
     ["case", "add-person", "@REF", "--given-name", "B", "--family-name",
      "C", "--roles", "victim", "--rrn", "85.07.30-033.29"], 1, ["rrn"]),
    ("bad date",
     ["case", "add-person", "@REF", "--given-name", "B", "--family-name",
      "C", "--roles", "victim", "--birth-date", "1990-02-30"], 1,
     ["--birth-date", "1990-02-30"]),
    ("future birth date",
     ["case", "add-person", "@REF", "--given-name", "B", "--family-name",
      "C", "--roles", "victim", "--birth-date", "2999-01-01"], 1,
     ["birth_date"]),
    ("bad person role",
     ["case", "add-person", "@REF", "--given-name", "B", "--family-name",
      "C", "--roles", "victim,hero"], 1, ["--roles", "'hero'",
                                          "perpetrator"]),
    ("bad sex",
     ["case", "add-person", "@REF", "--given-name", "B", "--family-name",
      "C", "--roles", "victim", "--sex", "v"], 1, ["--sex"]),
    ("unknown case",
     ["case", "add-person", "AMS-2026-99999", "--given-name", "B",
      "--family-name", "C", "--roles", "victim"], 1, ["AMS-2026-99999"]),
    ("unknown case show", ["case", "show", "ROT-2026-00001"], 1,
     ["ROT-2026-00001"]),
    ("relation to itself",
     ["case", "add-relation", "@REF", "--from", "@ANNA", "--to", "@ANNA",
      "--kind", "partner"], 1, ["person_b"]),
    ("bad relation kind",
     ["case", "add-relation", "@REF", "--from", "@ANNA", "--to", "@ANNA",
      "--kind", "friend"], 1, ["--kind", "ex_partner"]),
    ("relation to unknown person",
     ["case", "add-relation", "@REF", "--from", "@ANNA", "--to",
      "00000000-0000-4000-8000-000000000000", "--kind", "partner"], 1,
     ["fout:"]),
    ("bad time",
     ["case", "add-incident", "@REF", "--at", "13-07-2026 13:59", "--types",
      "partner", "--forms", "physical", "--severity", "serious",
      "--description", "x"], 1, ["--at"]),
    ("future incident",
     ["case", "add-incident", "@REF", "--at", "2999-07-13T13:59", "--types",
      "partner", "--forms", "physical", "--severity", "serious",
      "--description", "x"], 1, ["occurred_at"]),
    ("bad severity",
     ["case", "add-incident", "@REF", "--at", "2026-07-13T13:59",
      "--types", "partner", "--forms", "physical", "--severity", "awful",
      "--description", "x"], 1, ["--severity", "serious"]),
    ("bad form",
     ["case", "add-incident", "@REF", "--at", "2026-07-13T13:59",
      "--types", "partner", "--forms", "physical,kicking", "--severity",
      "serious", "--description", "x"], 1, ["--forms", "'kicking'"]),
    ("unknown global option", ["--verbose", "case", "list"], 2,
     ["--verbose"]),
]


def substitute(args, ct):
    out = []
    for a in args:
        a = a.replace("@REF", CASE_REF)
        a = a.replace("@ANNA", ct.anna)
        out.append(a)
    return out


@pytest.mark.parametrize("name,args,code,needles", BAD,
                         ids=[b[0] for b in BAD])
def test_refused_input_changes_nothing(populated, name, args, code, needles):
    ct = populated
    before = ct.state()
    r = ct.run(*substitute(args, ct))
    assert r.returncode == code, (r.stdout, r.stderr)
    assert r.stderr.startswith("fout: ")
    for needle in needles:
        assert needle in r.stderr, (needle, r.stderr)
    assert ct.state() == before


def test_unknown_config_key(populated, tmp_path):
    ct = populated
    before = ct.state()
    conf = tmp_path / "bad.conf"
    conf.write_text("database = %s\n\ncolour = red\n" % ct.db)
    r = ct.run("--config", str(conf), "case", "list", db=False)
    assert r.returncode != 0
    assert "colour" in r.stderr and "regel 3" in r.stderr
    assert str(conf) in r.stderr
    r = ct.run("case", "list", db=False,
               env={"CASUSTAFEL_CONFIG": str(conf)})
    assert r.returncode != 0 and "colour" in r.stderr
    assert ct.state() == before


def test_unknown_environment_variable(populated):
    ct = populated
    before = ct.state()
    r = ct.run("case", "list", env={"CASUSTAFEL_DATABSE": ct.db})
    assert r.returncode != 0
    assert "CASUSTAFEL_DATABSE" in r.stderr
    r = ct.run("case", "list", env={"CASUSTAFEL_LOG_LEVEL": "loud"})
    assert r.returncode != 0
    assert "CASUSTAFEL_LOG_LEVEL" in r.stderr and "loud" in r.stderr
    assert ct.state() == before


def test_json_outputs_parse(populated):
    ct = populated
    bart = ct.json("case", "add-person", CASE_REF, "--given-name", "Bart",
                   "--family-name", "Jansen", "--roles", "perpetrator",
                   "--json")
    rel = ct.json("case", "add-relation", CASE_REF, "--from", ct.anna,
                  "--to", bart["id"], "--kind", "partner", "--json")
    assert rel["kind"] == "partner"
    inc = ct.json("case", "add-incident", CASE_REF, "--at",
                  "2026-07-13T13:59", "--types", "partner", "--forms",
                  "physical,threats", "--severity", "serious",
                  "--description", "Duw tegen de muur.", "--json")
    # Local time in the case's jurisdiction (NL summer time: UTC+2).
    assert inc["occurred_at"] == "2026-07-13T11:59:00Z"
    show = ct.json("case", "show", CASE_REF, "--json")
    assert show["case"]["reference"] == CASE_REF
    assert len(show["persons"]) == 2
    assert len(show["relations"]) == 1
    assert len(show["incidents"]) == 1
    actions = [e["action"] for e in show["journal"]]
    assert len(actions) >= 5
    cases = ct.json("case", "list", "--json")
    assert cases["total"] == 1 and cases["cases"][0]["reference"] == CASE_REF
    assert ct.json("org", "list", "--json")["count"] == 1
    assert ct.json("user", "list", "--json")["count"] == 2
    audit = ct.json("audit", "verify", "--json")
    assert audit["ok"] is True and audit["entries"] >= 8
    # Text output of show has the timeline and the names.
    text = ct.ok("case", "show", CASE_REF).stdout
    assert "Jansen, Anna" in text and "Tijdlijn" in text


def commands_and_subcommands(ct):
    top = ct.ok("--help", db=False).stdout
    section = top.split("Opdrachten:")[1].split("\n\n")[0]
    names = [line.split()[0] for line in section.strip().splitlines()]
    assert {"init", "migrate", "org", "user", "case", "audit"} <= set(names)
    out = []
    for name in names:
        r = ct.ok(name, "--help", db=False)
        assert "Gebruik: casustafel " + name in r.stdout
        out.append([name])
        if "Deelopdrachten:" in r.stdout:
            sub = r.stdout.split("Deelopdrachten:")[1].split("\n\n")[0]
            for line in sub.strip().splitlines():
                out.append([name, line.split()[0]])
    return out


def test_help_for_every_command(ct):
    cmds = commands_and_subcommands(ct)
    assert ["case", "add-incident"] in cmds
    for cmd in cmds:
        # No database exists: help must not need one, nor create one.
        r = ct.run(*cmd, "--help")
        assert r.returncode == 0, (cmd, r.stderr)
        assert "Gebruik: casustafel " + " ".join(cmd) in r.stdout, cmd
    assert not os.path.exists(ct.db)
    assert not os.path.exists(os.path.join(ct.workdir, "var"))


def test_missing_database(ct):
    r = ct.run("case", "list")
    assert r.returncode == 1
    assert "bestaat niet" in r.stderr and "init" in r.stderr
    assert not os.path.exists(ct.db)


def test_migrate(populated):
    r = populated.ok("migrate")
    assert "Database is bij" in r.stdout


def open_errors(ct):
    """Messages for a foreign, a newer and a corrupt file."""
    msgs = {}
    with open(ct.db, "w") as f:
        f.write("Boodschappen: melk, brood, kaas\n" * 200)
    r = ct.run("case", "list")
    assert r.returncode == 1 and r.stderr.startswith("fout: ")
    msgs["foreign"] = r.stderr
    os.remove(ct.db)

    con = sqlite3.connect(ct.db)
    con.execute("CREATE TABLE recipes (name TEXT)")
    con.commit()
    con.close()
    r = ct.run("case", "list")
    assert r.returncode == 1 and r.stderr.startswith("fout: ")
    msgs["foreign_sqlite"] = r.stderr
    os.remove(ct.db)

    ct.ok("init")
    con = sqlite3.connect(ct.db)
    con.execute("UPDATE meta SET value = '9999' WHERE key = "
                "'schema_version'")
    con.commit()
    con.close()
    r = ct.run("case", "list")
    assert r.returncode == 1 and r.stderr.startswith("fout: ")
    msgs["newer"] = r.stderr
    for suffix in ("", "-wal", "-shm"):
        if os.path.exists(ct.db + suffix):
            os.remove(ct.db + suffix)

    ct.ok("init")
    with open(ct.db, "r+b") as f:
        f.seek(4096 + 8)
        f.write(b"\xff" * 2000)
    r = ct.run("case", "list")
    assert r.returncode == 1 and r.stderr.startswith("fout: ")
    msgs["corrupt"] = r.stderr
    return msgs


def test_foreign_newer_corrupt_each_their_own_message(ct):
    msgs = open_errors(ct)
    assert "geen Casustafel-database" in msgs["foreign"]
    assert "geen Casustafel-database" in msgs["foreign_sqlite"]
    assert "nieuwere versie" in msgs["newer"]
    assert "beschadigd" in msgs["corrupt"]
    assert len({msgs["foreign"], msgs["newer"], msgs["corrupt"]}) == 3


def test_audit_detects_tampering(populated):
    ct = populated
    con = sqlite3.connect(ct.db)
    con.execute("UPDATE journal SET actor_label = 'cli:mallory' "
                "WHERE seq = 2")
    con.commit()
    con.close()
    r = ct.run("audit", "verify")
    assert r.returncode == 1
    assert "journaalitem 2" in r.stderr
    r = ct.run("audit", "verify", "--json")
    assert r.returncode == 1
    doc = json.loads(r.stdout)
    assert doc["ok"] is False and doc["first_broken"] == 2
