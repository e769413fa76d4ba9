"""
test_duplicates.py - a name already in use is the same clear refusal on
both backends (issue 3, "PostgreSQL ... same in meaning"): 409 "exists"
with a Dutch sentence naming the name through the API, exit 1 with that
sentence from the command line. Runs on the harness's database, so on
PostgreSQL when CASUSTAFEL_TEST_PG is set.
"""
import subprocess

from conftest import BIN


def cli(demo, *args):
    return subprocess.run([BIN] + list(args), env=demo.env,
                          capture_output=True, text=True, timeout=120)


def assert_exists(r, name):
    assert r.status_code == 409, r.text
    body = r.json()
    assert body["code"] == "exists", body
    assert name in body["message"], body
    assert "al" in body["message"], body


def test_duplicate_org_name(server, users):
    admin = users("admin")
    orgs = admin.get(server.url("/api/v1/orgs?limit=200")).json()["items"]
    name = orgs[0]["name"]
    r = admin.post(server.url("/api/v1/orgs"),
                   json={"name": name, "type": "police", "country": "NL"})
    assert_exists(r, name)
    r = cli(server.demo, "org", "add", "--name", name, "--type", "police",
            "--country", "NL")
    assert r.returncode == 1, (r.stdout, r.stderr)
    assert name in r.stderr and "bestaat al" in r.stderr, r.stderr


def test_duplicate_username(server, users):
    admin = users("admin")
    me = users("coordinator.ams").get(server.url("/api/v1/me")).json()
    r = admin.post(server.url("/api/v1/users"),
                   json={"org_id": me["org"]["id"],
                         "username": "coordinator.ams",
                         "display_name": "Nog een coordinator",
                         "roles": ["coordinator"]})
    assert_exists(r, "coordinator.ams")
    r = cli(server.demo, "user", "add", "--org", me["org"]["id"],
            "--username", "coordinator.ams", "--name", "Nog een",
            "--roles", "coordinator")
    assert r.returncode == 1, (r.stdout, r.stderr)
    assert "coordinator.ams" in r.stderr and "al in gebruik" in r.stderr, \
        r.stderr
