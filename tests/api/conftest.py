"""
conftest.py - the API test harness: a real `casustafel serve` on a fresh
demo database, and logged-in clients.

* The binary comes from CASUSTAFEL_BIN (meson sets it); nothing is built
  here. The environment is stripped of CASUSTAFEL_* variables except the
  ones the harness sets, so a developer's settings never leak in.
* One demo database per test session (`init` + `demo --cases 40`) in a
  temporary directory; the shared demo password, the administrator's
  one-time password and every demo user's TOTP secret are read from what
  the commands print. With CASUSTAFEL_TEST_PG set (a libpq URI of a
  throw-away PostgreSQL server, tools/pg-test-server.sh) a fresh
  PostgreSQL database is created and used instead of the SQLite file.
* `start_server(**settings)` starts `serve --port 0` with extra settings
  as CASUSTAFEL_<KEY> variables (short lock-outs, short sessions), reads
  the real port from the line "Casustafel luistert op http://...", waits
  for /health and stops it with SIGTERM at the end of the session, also
  when a test failed; a server must stop with status 0.
* Clients: `server.client(username)` logs in with the password and, for
  users with a second factor, the current TOTP code computed here with
  hmac/hashlib (RFC 6238). A client sends the session cookie itself
  (the cookie is Secure, and the test server speaks plain HTTP) and the
  X-CSRF-Token header on every request.
* `logins(username)`: one logged-in client per user on the default server,
  made once per test session and shared by the modules that only read or
  write case data (a TOTP code is good once per 30-second step, so logging
  the same user in again and again would wait for the next step). "admin"
  logs in with the one-time password of `init` and is enrolled in TOTP on
  first use (administration needs the second factor); None gives an
  anonymous session. Fixture `users` (per module) waits at the module's
  end until the TOTP step of the last login has passed, so that a later
  test giving a user's current code by hand is not refused as a replay.
"""
import base64
import hashlib
import hmac
import os
import re
import signal
import struct
import subprocess
import tempfile
import time
import uuid

import pytest
import requests
import urllib3

BIN = os.environ.get("CASUSTAFEL_BIN", "build/casustafel")
DEMO_CASES = 40
START_TIMEOUT = 20  # seconds
LISTEN_RE = re.compile(r"Casustafel luistert op (http://\S+?)/?$", re.M)


def totp(secret, at=None, step_offset=0):
    """The RFC 6238 code (SHA1, 6 digits, 30 s) of a base32 secret."""
    key = base64.b32decode(secret + "=" * (-len(secret) % 8))
    step = int((time.time() if at is None else at) // 30) + step_offset
    mac = hmac.new(key, struct.pack(">Q", step), hashlib.sha1).digest()
    off = mac[-1] & 15
    code = (struct.unpack(">I", mac[off:off + 4])[0] & 0x7FFFFFFF) % 10**6
    return "%06d" % code


def wait_next_step():
    """Sleep into the next 30-second TOTP step (a fresh code)."""
    time.sleep(30 - time.time() % 30 + 0.2)


def clean_env(extra=None):
    env = {k: v for k, v in os.environ.items()
           if not k.startswith("CASUSTAFEL_")}
    env.update(extra or {})
    return env


def run(args, env):
    r = subprocess.run([BIN] + args, env=env, capture_output=True,
                       text=True, timeout=300)
    assert r.returncode == 0, "%s: %s%s" % (args, r.stdout, r.stderr)
    return r.stdout


def pg_fresh_database(base_uri):
    """Create an empty database on the test server; return its URI."""
    name = "ct_api_" + uuid.uuid4().hex[:12]
    psql = "psql"
    for v in ("17", "16", "15"):
        cand = "/usr/lib/postgresql/%s/bin/psql" % v
        if os.path.exists(cand):
            psql = cand
            break
    subprocess.run([psql, base_uri, "-v", "ON_ERROR_STOP=1", "-qc",
                    "CREATE DATABASE %s" % name], check=True,
                   capture_output=True, timeout=60)
    return re.sub(r"/[^/?]*(\?|$)", "/" + name + r"\1", base_uri, count=1)


class Demo:
    """The demo database and what `init` and `demo` printed."""

    def __init__(self, tmp):
        self.tmp = tmp
        self.key_file = os.path.join(tmp, "server.key")
        pg = os.environ.get("CASUSTAFEL_TEST_PG")
        self.database = (pg_fresh_database(pg) if pg
                         else os.path.join(tmp, "casustafel.db"))
        # risk: the shipped instruments (data/instruments of the tree).
        instruments = os.path.join(os.path.dirname(os.path.dirname(
            os.path.dirname(os.path.abspath(__file__)))), "data",
            "instruments")
        self.env = clean_env({"CASUSTAFEL_DATABASE": self.database,
                              "CASUSTAFEL_KEY_FILE": self.key_file,
                              "CASUSTAFEL_INSTRUMENTS_DIR": instruments})
        init = run(["init"], self.env)
        demo = run(["demo", "--cases", str(DEMO_CASES)], self.env)
        m = re.search(r"Eenmalig wachtwoord: (\S+)", init)
        self.admin_password = m.group(1) if m else None
        self.password = re.search(
            r"demowachtwoord voor de nieuwe gebruikers: (\S+)",
            demo).group(1)
        self.secrets = dict(re.findall(r"^  (\S+)\s+([A-Z2-7]{32})$", demo,
                                       re.M))
        assert "coordinator.ams" in self.secrets, demo


# The server closes a keep-alive connection idle for 30 s
# (HTTP_SERVER_TIMEOUT_DEFAULT); a client idle for longer than this starts
# on a fresh connection, so a POST never races that close.
KEEP_ALIVE_SAFE_SECONDS = 20


def keep_alive_retry(session):
    """Retry an idempotent request once when the server closed the pooled
    keep-alive connection just as it was reused (its idle timeout racing
    the request), as RFC 9112 section 9.3.1 allows and browsers do. Only
    connection errors before any answer are retried, never an answer, and
    a server that died still fails: the retry is refused, and the fixture
    checks every server's exit status at the end. A session idle for
    KEEP_ALIVE_SAFE_SECONDS drops its pooled connections first: a POST
    is never retried, so it must not meet a connection about to close."""
    retry = urllib3.util.Retry(total=1, connect=1, read=1, status=0,
                               redirect=0, raise_on_status=False)
    adapter = requests.adapters.HTTPAdapter(max_retries=retry)
    session.mount("http://", adapter)
    last_used = [time.monotonic()]
    plain_request = session.request

    def request(*args, **kw):
        if time.monotonic() - last_used[0] > KEEP_ALIVE_SAFE_SECONDS:
            for a in session.adapters.values():
                a.close()
        try:
            return plain_request(*args, **kw)
        finally:
            last_used[0] = time.monotonic()

    session.request = request
    return session


class Client(requests.Session):
    """A logged-in user: session cookie and CSRF token on every request."""

    def __init__(self, server, username):
        super().__init__()
        keep_alive_retry(self)
        self.server = server
        self.username = username
        self.csrf = None
        self.cookie = None

    def url(self, path):
        return self.server.url(path)

    def use_login(self, r):
        """Take the cookie and CSRF token of a successful answer."""
        m = re.search(r"ct_session=([^;]*)", r.headers.get("Set-Cookie", ""))
        assert m, r.headers
        self.cookie = m.group(1)
        self.headers["Cookie"] = "ct_session=" + self.cookie
        self.csrf = r.json()["csrf_token"]
        self.headers["X-CSRF-Token"] = self.csrf


class Server:
    """One running `casustafel serve`."""

    def __init__(self, demo, settings):
        self.demo = demo
        extra = dict(demo.env)
        for key, value in settings.items():
            extra["CASUSTAFEL_" + key.upper()] = str(value)
        self.env = extra
        self.proc = subprocess.Popen(
            [BIN, "serve", "--port", "0"], env=extra,
            stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
        self.base = self._read_url()
        self._wait_health()

    def _read_url(self):
        deadline = time.time() + START_TIMEOUT
        while time.time() < deadline:
            line = self.proc.stdout.readline()
            if not line:
                break
            m = LISTEN_RE.search(line)
            if m:
                return m.group(1)
        self.proc.kill()
        out, err = self.proc.communicate(timeout=10)
        raise AssertionError("server did not start: %s%s" % (out, err))

    def _wait_health(self):
        for _ in range(200):
            try:
                if requests.get(self.url("/health"), timeout=1).ok:
                    return
            except requests.ConnectionError:
                pass
            time.sleep(0.05)
        raise AssertionError("no /health from " + self.base)

    def url(self, path):
        return self.base + path

    def login(self, username, password=None):
        """POST /api/v1/session; the raw answer."""
        if password is None:
            password = self.demo.password
        return requests.post(self.url("/api/v1/session"),
                             json={"username": username,
                                   "password": password})

    def client(self, username, password=None, second_factor=True):
        """A logged-in client; with second_factor, TOTP given too."""
        c = Client(self, username)
        r = self.login(username, password)
        assert r.status_code == 200, r.text
        c.use_login(r)
        secret = self.demo.secrets.get(username)
        if second_factor and secret:
            r = c.post(self.url("/api/v1/session/totp"),
                       json={"code": totp(secret)})
            if r.status_code == 401:  # code of this step already used
                wait_next_step()
                r = c.post(self.url("/api/v1/session/totp"),
                           json={"code": totp(secret)})
            assert r.status_code == 200, r.text
        return c

    def stop(self):
        if self.proc.poll() is None:
            self.proc.send_signal(signal.SIGTERM)
        try:
            out, err = self.proc.communicate(timeout=30)
        except subprocess.TimeoutExpired:
            self.proc.kill()
            out, err = self.proc.communicate()
            raise AssertionError("server did not stop on SIGTERM")
        return self.proc.returncode, out, err


@pytest.fixture(scope="session")
def demo():
    with tempfile.TemporaryDirectory(prefix="ct-api-") as tmp:
        yield Demo(tmp)


@pytest.fixture(scope="session")
def start_server(demo):
    servers = []

    def start(**settings):
        s = Server(demo, settings)
        servers.append(s)
        return s

    yield start
    failures = []
    for s in servers:
        code, out, err = s.stop()
        if code != 0:
            failures.append("exit %s: %s" % (code, err[-4000:]))
    assert not failures, failures


@pytest.fixture(scope="session")
def server(start_server):
    """The default server (default settings, Secure cookies)."""
    return start_server()


class Logins:
    """One logged-in client per user on one server (see the top)."""

    def __init__(self, server):
        self.server = server
        self.clients = {}
        self.last_step = None

    def __call__(self, username):
        if username is None:
            return requests.Session()
        if username not in self.clients:
            self.clients[username] = self._login(username)
        return self.clients[username]

    def _login(self, username):
        demo = self.server.demo
        if username == "admin":
            c = self.server.client("admin", demo.admin_password)
            if "admin" not in demo.secrets:
                r = c.post(c.url("/api/v1/me/totp"))
                assert r.status_code == 200, r.text
                secret = r.json()["secret"]
                r = c.post(c.url("/api/v1/me/totp/confirm"),
                           json={"code": totp(secret)})
                assert r.status_code == 200, r.text
                demo.secrets["admin"] = secret
        else:
            c = self.server.client(username)
        if username in demo.secrets:
            self.last_step = int(time.time() // 30)
        return c

    def forget(self, username):
        """Drop a cached client (its session was ended on purpose)."""
        self.clients.pop(username, None)

    def settle(self):
        if self.last_step is not None and \
           int(time.time() // 30) == self.last_step:
            wait_next_step()


@pytest.fixture(scope="session")
def logins(server):
    return Logins(server)


@pytest.fixture(scope="module")
def users(logins):
    """logins, settled at the end of the module that used it."""
    yield logins
    logins.settle()
