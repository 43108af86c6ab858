"""Hostile requests against every route of a real `verity serve` on loopback.

A case is one line: the request (method, target, headers, body, token, or
the raw bytes), and the exact status and error code it must get. Every
answer must also be JSON without library text or a folder of the server,
and the log's tree head must be as before. The generated families cover
each route with ill-formed percent-encoded UTF-8 in its path and query,
methods it does not have, and tokens; the connection cases (slow clients,
keep-alive abuse, concurrent submissions) are functions at the end.
"""
import json
import os
import shutil
import signal
import socket
import subprocess
import threading
import time

from world import forbidden_text

TOKENS = {"US": "tok-us", "RU": "tok-ru", "observer": "tok-observer", "admin": "tok-admin"}
LIMITS = {"request_timeout_ms": 1500, "idle_timeout_ms": 1500, "max_connections_per_client": 16,
          "max_body_bytes": 262144}
GET_ROUTES = ["/health", "/openapi.json", "/whoami", "/treaty", "/parties", "/public/aggregates",
              "/public/compliance", "/ledger/head", "/ledger/entries", "/ledger/entries/0",
              "/ledger/proofs/inclusion?index=0", "/ledger/proofs/consistency?from=1",
              "/ambiguities", "/inspections/quotas", "/parties/US/state?as_of=2011-03-01",
              "/parties/US/compliance?as_of=2011-03-01",
              "/parties/US/timeline?from=2011-02-05&to=2011-03-01", "/analysis/catalogue",
              "/analysis/upload?declaration=us-2020-09-01", "/analysis/compare",
              "/simulations/scenarios"]
POST_ROUTES = ["/notifications", "/simulations"]


class Http:
    """One request and the status (and error `code`) it must get."""

    def __init__(self, name, method="GET", target="/health", status=400,
                 code="malformed_request", body=None, headers=(), token="admin", raw=None,
                 changes=False, api=True):
        self.name, self.method, self.target, self.status, self.code = (name, method, target,
                                                                      status, code)
        self.body = body.encode() if isinstance(body, str) else body
        self.headers, self.token, self.raw, self.changes = list(headers), token, raw, changes
        self.api = api

    def request(self):
        if self.raw is not None:
            return self.raw
        target = ("/api/v1" if self.api else "") + self.target
        lines = [f"{self.method} {target} HTTP/1.1".encode(), b"Host: 127.0.0.1",
                 b"Connection: close"]
        if self.token:
            lines.append(b"Authorization: Bearer " + TOKENS.get(self.token, self.token).encode())
        for h in self.headers:
            lines.append(h.encode() if isinstance(h, str) else h)
        if self.body is not None:
            lines += [b"Content-Type: application/json", b"Content-Length: %d" % len(self.body)]
        return b"\r\n".join(lines) + b"\r\n\r\n" + (self.body or b"")


def read_response(sock, timeout=10):
    """(status, headers dict, body bytes) of one response on `sock`, or None on close."""
    sock.settimeout(timeout)
    data = b""
    while b"\r\n\r\n" not in data:
        chunk = sock.recv(65536)
        if not chunk:
            return None
        data += chunk
    head, _, rest = data.partition(b"\r\n\r\n")
    lines = head.decode("latin-1").split("\r\n")
    status = int(lines[0].split()[1])
    headers = {k.strip().lower(): v.strip() for k, v in (l.split(":", 1) for l in lines[1:])}
    length = int(headers.get("content-length", "0"))
    while len(rest) < length:
        chunk = sock.recv(65536)
        if not chunk:
            break
        rest += chunk
    return status, headers, rest[:length]


class Server:
    def __init__(self, world):
        self.world = world
        self.data = world.tmp / "served"
        shutil.copytree(world.paths["data"], self.data)
        os.chmod(self.data, 0o700)
        tokens = [{"role": "party", "party": p, "sha256": self.digest(TOKENS[p])}
                  for p in ("US", "RU")]
        tokens += [{"role": r, "name": r, "sha256": self.digest(TOKENS[r])}
                   for r in ("observer", "admin")]
        config = world.tmp / "server.json"
        config.write_text(json.dumps({"parties": [{"id": p, "public_key": k}
                                                  for p, k in world.public_keys.items()],
                                      "tokens": tokens, "limits": LIMITS}))
        with socket.socket() as s:
            s.bind(("127.0.0.1", 0))
            self.port = s.getsockname()[1]
        self.log = open(world.tmp / "serve.log", "wb")
        self.proc = subprocess.Popen([world.verity, "serve", "--data", str(self.data), "--config",
                                      str(config), "--bind", "127.0.0.1", "--port",
                                      str(self.port)], stdout=self.log, stderr=subprocess.STDOUT)
        for _ in range(400):
            try:
                if self.get("/api/v1/health")[0] == 200:
                    return
            except OSError:
                time.sleep(0.05)
        raise RuntimeError("verity serve did not start")

    def digest(self, token):
        return self.world.out("serve", "--hash-token", stdin=(token + "\n").encode()).strip()

    def connect(self, source="127.0.0.1"):
        s = socket.create_connection(("127.0.0.1", self.port), timeout=10,
                                     source_address=(source, 0))
        return s

    def send(self, raw, timeout=10):
        with self.connect() as s:
            s.sendall(raw)
            return read_response(s, timeout)

    def get(self, target, token="admin"):
        auth = f"Authorization: Bearer {TOKENS[token]}\r\n" if token else ""
        r = self.send(f"GET {target} HTTP/1.1\r\nHost: x\r\n{auth}Connection: close\r\n\r\n"
                      .encode())
        return r if r else (0, {}, b"")

    def head(self):
        status, _, body = self.get("/api/v1/ledger/head")
        return json.loads(body)["tree_head"] if status == 200 else status

    def stop(self):
        self.proc.send_signal(signal.SIGTERM)
        code = self.proc.wait(timeout=30)
        self.log.close()
        return code


def answer_failures(world, case, response):
    if response is None:
        return ["the connection closed without an answer"]
    status, headers, body = response
    failures = []
    if status != case.status:
        failures.append(f"status {status}, expected {case.status}")
    if case.code is not None:
        try:
            code = json.loads(body).get("code")
        except ValueError:
            code = f"not JSON: {body[:80]!r}"
        if code != case.code:
            failures.append(f"code {code!r}, expected {case.code!r}")
    failures += forbidden_text(body, "body") if status >= 400 else []
    if str(world.tmp).encode() in body:
        failures.append("the body shows a folder of the server")
    if status == 405 and "allow" not in headers:
        failures.append("405 without an Allow header")
    if failures:
        failures.append(f"body: {body[:300]!r}")
    return failures


def check_http(world, case):
    server = world.server
    before = server.head()
    try:
        response = server.send(case.request())
    except (socket.timeout, ConnectionError) as e:
        return [f"no answer: {e}"]
    failures = answer_failures(world, case, response)
    if not case.changes and server.head() != before:
        failures.append("the tree head changed")
    if server.proc.poll() is not None:
        failures.append(f"the server exited with {server.proc.returncode}")
    return failures


def pct(b):
    return "".join(f"%{c:02x}" for c in b)


BAD = {"ff": b"\xff", "overlong": b"\xc0\xaf", "surrogate": b"\xed\xa0\x80",
       "above": b"\xf4\x90\x80\x80", "cut": b"\xe2\x82"}


def route_cases():
    """Every route: ill-formed UTF-8 in its query and path, wrong methods."""
    cases = []
    for i, route in enumerate(GET_ROUTES):
        bare = route.split("?")[0]
        kind, bad = list(BAD.items())[i % len(BAD)]
        sep = "&" if "?" in route else "?"
        cases.append(Http(f"query-value-{kind}{bare}", target=f"{route}{sep}x={pct(bad)}"))
        cases.append(Http(f"query-name-{kind}{bare}", target=f"{route}{sep}{pct(bad)}=1"))
        cases.append(Http(f"path-suffix-{kind}{bare}", target=f"{bare}/{pct(bad)}"))
        cases.append(Http(f"query-bad-percent{bare}", target=f"{route}{sep}x=%zz"))
        for method in ("DELETE", "PUT"):
            cases.append(Http(f"method-{method}{bare}", method=method, target=route, status=405,
                              code="method_not_allowed"))
    for route in POST_ROUTES:
        cases.append(Http(f"method-GET{route}" if route == "/notifications" else
                          f"method-PATCH{route}", method="GET" if route == "/notifications"
                          else "PATCH", target=route, status=405, code="method_not_allowed"))
    return cases


def param_cases():
    P = lambda name, target, status=422, code="invalid_argument", token="admin": Http(  # noqa
        name, target=target, status=status, code=code, token=token)
    return [
        P("unknown-path-ff", "/%ff", 400, "malformed_request", None),
        P("unknown-path-anon", "/nowhere", 404, "not_found", None),
        P("path-nul", "/parties/US%00/state?as_of=2011-03-01", 400, "malformed_request"),
        P("path-control", "/parties/%01/state?as_of=2011-03-01", 400, "malformed_request"),
        P("path-slash-encoded", "/parties/US%2fRU/state?as_of=2011-03-01", 404, "not_found"),
        P("party-unknown", "/parties/XX/state?as_of=2011-03-01", 404, "not_found"),
        P("party-long", "/parties/" + "U" * 5000 + "/state?as_of=2011-03-01", 404, "not_found"),
        P("party-ff", "/parties/%ff/state?as_of=2011-03-01", 400, "malformed_request"),
        P("as-of-month-13", "/parties/US/state?as_of=2011-13-01"),
        P("as-of-feb-30", "/parties/US/state?as_of=2011-02-30"),
        P("as-of-year-0", "/parties/US/compliance?as_of=0000-01-01"),
        P("as-of-missing", "/parties/US/state"),
        P("as-of-empty", "/parties/US/state?as_of="),
        P("as-of-twice", "/parties/US/state?as_of=2011-03-01&as_of=2011-03-02", 400, "malformed_request"),
        P("as-of-ff", "/parties/US/state?as_of=2011-03-01%ff", 400, "malformed_request"),
        P("timeline-reversed", "/parties/US/timeline?from=2012-01-01&to=2011-01-01"),
        P("timeline-huge", "/parties/US/timeline?from=0001-01-01&to=9999-12-31"),
        P("entries-index-negative", "/ledger/entries/-1"),
        P("entries-index-huge", "/ledger/entries/99999999999999999999999"),
        P("entries-index-beyond", "/ledger/entries/999", 404, "not_found"),
        P("entries-index-text", "/ledger/entries/abc"),
        P("entries-index-plus", "/ledger/entries/+1"),
        P("entries-limit-huge", "/ledger/entries?limit=1000000"),
        P("entries-limit-negative", "/ledger/entries?limit=-1"),
        P("entries-start-overflow", "/ledger/entries?start=18446744073709551616"),
        P("entries-start-hex", "/ledger/entries?start=0x10"),
        P("inclusion-index-missing", "/ledger/proofs/inclusion"),
        P("inclusion-index-beyond", "/ledger/proofs/inclusion?index=50"),
        P("consistency-from-above", "/ledger/proofs/consistency?from=50"),
        P("consistency-from-negative", "/ledger/proofs/consistency?from=-3"),
        P("quotas-year-zero", "/inspections/quotas?year=0"),
        P("quotas-year-huge", "/inspections/quotas?year=99999999999"),
        P("quotas-year-text", "/inspections/quotas?year=one"),
        P("aggregates-party-unknown", "/public/aggregates?party=XX", 200, None, None),
        P("aggregates-from-bad", "/public/aggregates?from=2015-99-01", 422, "invalid_argument", None),
        P("upload-unknown", "/analysis/upload?declaration=../../etc/passwd", 404, "not_found", None),
        P("upload-ff", "/analysis/upload?declaration=%ff", 400, "malformed_request", None),
        P("compare-unknown-treaty", "/analysis/compare?treaties=nowhere", 422, "invalid_argument", None),
        P("compare-many", "/analysis/compare?declarations=" + ",".join(["us-2020-09-01"] * 500), 200, None, None),
        P("simulation-unknown", "/simulations/nope", 404, "not_found"),
        P("simulation-ff", "/simulations/%ff", 400, "malformed_request"),
        P("ambiguities-party-unknown", "/ambiguities?party=XX", 200, None),
        P("static-dotdot", "/../../etc/passwd", 404, "not_found"),
    ]


def auth_cases():
    T = lambda name, target, status, code, token=None, headers=(): Http(  # noqa: E731
        name, target=target, status=status, code=code, token=token, headers=headers)
    return [
        T("no-token-detail", "/ledger/entries", 401, "unauthenticated"),
        T("wrong-token", "/health", 401, "unauthenticated", "wrong"),
        T("observer-detail", "/ledger/entries", 403, "permission_denied", "observer"),
        T("lowercase-bearer", "/ledger/entries", 200, None, None, ["Authorization: bearer tok-admin"]),
        T("basic-scheme", "/ledger/entries", 401, "unauthenticated", None, ["Authorization: Basic dG9rLWFkbWlu"]),
        T("bearer-empty", "/ledger/entries", 401, "unauthenticated", None, ["Authorization: Bearer "]),
        T("bearer-only", "/ledger/entries", 401, "unauthenticated", None, ["Authorization: Bearer"]),
        T("bearer-ff", "/ledger/entries", 400, "malformed_request", None, [b"Authorization: Bearer \xff\xfe"]),
        T("bearer-long", "/ledger/entries", 401, "unauthenticated", None, ["Authorization: Bearer " + "a" * 8000]),
        T("two-authorizations", "/ledger/entries", 400, "malformed_request", None, ["Authorization: Bearer tok-admin", "Authorization: Bearer wrong"]),
        T("bearer-token-with-space", "/ledger/entries", 401, "unauthenticated", None, ["Authorization: Bearer tok-admin extra"]),
        T("header-value-ff", "/health", 400, "malformed_request", None, [b"User-Agent: \xff"]),
        T("header-value-overlong", "/health", 400, "malformed_request", None, [b"X-Thing: \xc0\xaf"]),
        T("header-name-ff", "/health", 400, None, None, [b"X-\xff: 1"]),
        T("header-no-colon", "/health", 400, None, None, ["NoColonHere"]),
        T("headers-too-many", "/health", 431, "headers_too_large", None, [f"X-H{i}: 1" for i in range(100)]),
        T("headers-too-large", "/health", 431, "headers_too_large", None, ["X-Big: " + "a" * 20000]),
    ]


def body_cases(w):
    line = json.loads(w.next_line["US"])
    decl = line  # a movement: the body's fields
    ru = w.next_line["RU"]
    N = lambda name, body, status=422, code="invalid_argument", token="US", headers=(): Http(  # noqa
        name, method="POST", target="/notifications", status=status, code=code, body=body,
        token=token, headers=headers)
    S = lambda name, body, status=422, code="invalid_argument": Http(  # noqa: E731
        name, method="POST", target="/simulations", status=status, code=code, body=body)
    with_ = lambda **c: json.dumps(dict(line, **c))  # noqa: E731
    return [
        N("body-not-json", "{", 400, "malformed_request"),
        N("body-empty", "", 400, "malformed_request"),
        N("body-ff", b'{"party": "\xff"}', 400, "malformed_request"),
        N("body-surrogate-escape", '{"party": "\\ud800"}', 400, "malformed_request"),
        N("body-nul", b'{"party": "U\x00S"}', 400, "malformed_request"),
        N("body-deep-array", "[" * 20000 + "]" * 20000, 400, "malformed_request"),
        N("body-deep-in-body", with_(body={"x": [[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[1]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]}), 400, "malformed_request"),
        N("body-duplicate-key", w.next_line["US"][:-1] + ', "serial": 2}', 400, "malformed_request"),
        N("body-array", "[]"),
        N("body-null", "null"),
        N("body-null-field", with_(body=None)),
        N("body-null-uid", with_(body=dict(line["body"], uid=None))),
        N("body-bad-signature", with_(serial=5)),
        N("body-serial-overflow", with_(serial=18446744073709551616)),
        N("body-occurred-bad", with_(occurred="2011-02-30")),
        N("body-wrong-party", ru, 403, "permission_denied"),
        N("body-observer", w.next_line["US"], 403, "permission_denied", "observer"),
        N("body-anonymous", w.next_line["US"], 401, "unauthenticated", None),
        N("body-replayed", json.dumps(json.loads(open(w.paths["signed"]).read().split("\n")[0])), 409, "already_exists"),
        N("body-too-large", '{"x": "' + "a" * 300000 + '"}', 413, "payload_too_large"),
        N("body-length-huge", None, 413, "payload_too_large", headers=["Content-Length: 99999999999999"]),
        N("body-length-negative", None, 400, None, headers=["Content-Length: -5"]),
        N("body-length-text", None, 400, None, headers=["Content-Length: ten"]),
        N("body-length-two", "{}", 400, None, headers=["Content-Length: 7"]),
        N("body-chunked-unfinished", None, 408, "timeout", headers=["Transfer-Encoding: chunked"]),
        N("body-chunked-bad", b"zz\r\n{}\r\n0\r\n\r\n", 400, "malformed_request", headers=["Transfer-Encoding: chunked"]),
        S("sim-not-json", "{", 400, "malformed_request"),
        S("sim-unknown-scenario", '{"scenario": "nowhere"}', 404, "not_found"),
        S("sim-trials-negative", '{"scenario": "one-base-closed-form", "trials": -1}'),
        S("sim-trials-huge", '{"scenario": "one-base-closed-form", "trials": 1e30}'),
        S("sim-trials-null", '{"scenario": "one-base-closed-form", "trials": null}'),
        S("sim-seed-string", '{"scenario": "one-base-closed-form", "seed": "x"}'),
        S("sim-scenario-path", '{"scenario": "../../../etc/passwd"}', 404, "not_found"),
        S("sim-duplicate-key", '{"scenario": "a", "scenario": "b"}', 400, "malformed_request"),
    ]


def raw_cases():
    R = lambda name, raw, status=400, code=None: Http(name, raw=raw, status=status, code=code)  # noqa
    return [
        R("http-1.0-served", b"GET /api/v1/health HTTP/1.0\r\n\r\n", 200),
        R("http-2.0", b"GET /api/v1/health HTTP/2.0\r\nHost: x\r\n\r\n"),
        R("request-line-garbage", b"\x16\x03\x01\x02\x00\x01\x00\x01\xfc\x03\x03\r\n\r\n"),
        R("request-line-no-version", b"GET /api/v1/health\r\n\r\n"),
        R("request-line-ff-target", b"GET /api/v1/\xff HTTP/1.1\r\nHost: x\r\n\r\n"),
        R("request-line-space-target", b"GET /api/v1/hea lth HTTP/1.1\r\nHost: x\r\n\r\n"),
        R("method-lowercase", b"get /api/v1/health HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n", 405, "method_not_allowed"),
        R("method-unknown", b"FROB /api/v1/health HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n", 405, "method_not_allowed"),
        R("target-absolute", b"GET http://x/api/v1/health HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n", 400, "malformed_request"),
        R("target-asterisk", b"OPTIONS * HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n", 400, "malformed_request"),
        R("bare-lf", b"GET /api/v1/health HTTP/1.1\nHost: x\n\n"),
        R("line-folding-joined", b"GET /api/v1/health HTTP/1.1\r\nHost: x\r\nX-A: a\r\n b\r\nConnection: close\r\n\r\n", 200),
        R("two-hosts", b"GET /api/v1/health HTTP/1.1\r\nHost: x\r\nHost: y\r\nConnection: close\r\n\r\n", 400, "malformed_request"),
        R("request-line-long", b"GET /" + b"a" * 20000 + b" HTTP/1.1\r\nHost: x\r\n\r\n", 431, "headers_too_large"),
    ]


def slow_cases(world):
    """Slow and abusive connections: each a function returning failures."""
    server = world.server

    def trickle(raw, per_byte, limit):
        """Sends `raw` one byte at a time; returns the status the server answers."""
        with server.connect() as s:
            s.settimeout(limit)
            try:
                for b in raw:
                    s.sendall(bytes([b]))
                    time.sleep(per_byte)
            except (BrokenPipeError, ConnectionResetError):
                pass
            r = read_response(s, limit)
            return r[0] if r else None

    def slow_headers():
        status = trickle(b"GET /api/v1/health HTTP/1.1\r\nHost: x\r\nX-Slow: " + b"a" * 200, 0.02,
                         10)
        return [] if status == 408 else [f"slow headers: {status}, expected 408"]

    def slow_body():
        raw = (b"POST /api/v1/notifications HTTP/1.1\r\nHost: x\r\nAuthorization: Bearer tok-us"
               b"\r\nContent-Length: 400\r\n\r\n" + b" " * 200)
        status = trickle(raw, 0.01, 10)
        return [] if status == 408 else [f"slow body: {status}, expected 408"]

    def idle_held():
        """Idle keep-alive connections from one address: the excess gets 503, others go on."""
        held, failures, refused = [], [], 0
        try:
            for _ in range(LIMITS["max_connections_per_client"] + 4):
                s = server.connect("127.0.0.2")
                held.append(s)
            for s in held[LIMITS["max_connections_per_client"]:]:
                r = read_response(s, 5)
                refused += r is not None and r[0] == 503
            if refused != 4:
                failures.append(f"{refused} of 4 connections over the limit answered 503")
            status = server.get("/api/v1/health")[0]
            if status != 200:
                failures.append(f"/health with idle connections held: {status}")
        finally:
            for s in held:
                s.close()
        return failures

    def slow_clients_health():
        """Ten clients trickling headers: /health and a read still answer."""
        stop = threading.Event()

        def slow():
            try:
                with server.connect("127.0.0.3") as s:
                    s.sendall(b"GET /api/v1/health HTTP/1.1\r\n")
                    while not stop.is_set():
                        s.sendall(b"X")
                        time.sleep(0.1)
            except OSError:
                pass
        threads = [threading.Thread(target=slow) for _ in range(10)]
        for t in threads:
            t.start()
        time.sleep(0.3)
        statuses = [server.get("/api/v1/health")[0], server.get("/api/v1/ledger/entries")[0]]
        stop.set()
        for t in threads:
            t.join()
        return [] if statuses == [200, 200] else [f"with slow clients: {statuses}"]

    def pipelined():
        raw = (b"GET /api/v1/health HTTP/1.1\r\nHost: x\r\n\r\n" * 3)
        with server.connect() as s:
            s.sendall(raw)
            got = [read_response(s, 5) for _ in range(3)]
        statuses = [g[0] if g else None for g in got]
        return [] if statuses == [200] * 3 else [f"pipelined: {statuses}"]

    def keepalive_after_error():
        """A 4xx answer on a keep-alive connection leaves the server answering the next."""
        with server.connect() as s:
            s.sendall(b"GET /api/v1/%ff HTTP/1.1\r\nHost: x\r\n\r\n"
                      b"GET /api/v1/health HTTP/1.1\r\nHost: x\r\n\r\n")
            first = read_response(s, 5)
            second = read_response(s, 5)
        statuses = [first and first[0], second and second[0]]
        return [] if statuses in ([400, 200], [400, None]) else [f"after an error: {statuses}"]

    def half_request_close():
        for _ in range(50):
            with server.connect() as s:
                s.sendall(b"POST /api/v1/notifications HTTP/1.1\r\nContent-Length: 1000\r\n\r\n{")
        return [] if server.get("/api/v1/health")[0] == 200 else ["dead after aborted bodies"]

    def concurrent_submissions():
        """Twelve clients submit the same notification at once: one 201, eleven 409."""
        body = world.next_line["US"].encode()
        raw = (b"POST /api/v1/notifications HTTP/1.1\r\nHost: x\r\nAuthorization: Bearer tok-us"
               b"\r\nContent-Type: application/json\r\nConnection: close\r\nContent-Length: %d"
               b"\r\n\r\n" % len(body)) + body
        results = []
        barrier = threading.Barrier(12)

        def submit():
            barrier.wait()
            r = server.send(raw)
            results.append(r[0] if r else None)
        before = server.head()
        threads = [threading.Thread(target=submit) for _ in range(12)]
        for t in threads:
            t.start()
        for t in threads:
            t.join()
        after = server.head()
        failures = []
        if sorted(results) != [201] + [409] * 11:
            failures.append(f"statuses {sorted(results)}")
        if after["size"] != before["size"] + 1:
            failures.append(f"tree grew from {before['size']} to {after['size']}")
        return failures

    return [("slow-headers", slow_headers), ("slow-body", slow_body), ("idle-held", idle_held),
            ("slow-clients-health", slow_clients_health), ("pipelined", pipelined),
            ("keepalive-after-error", keepalive_after_error),
            ("half-request-close", half_request_close),
            ("concurrent-submissions", concurrent_submissions)]


class Fn:
    def __init__(self, name, fn):
        self.name, self.fn = name, fn


def check_fn(world, case):
    return case.fn()


def areas(world):
    world.server = Server(world)
    return [("http-routes", route_cases(), check_http),
            ("http-parameters", param_cases(), check_http),
            ("http-auth-headers", auth_cases(), check_http),
            ("http-bodies", body_cases(world), check_http),
            ("http-raw", raw_cases(), check_http),
            ("http-connections", [Fn(n, f) for n, f in slow_cases(world)], check_fn)]


def finish(world):
    """The server stops cleanly and its ledger verifies, one submission longer."""
    failures = []
    code = world.server.stop()
    if code != 0:
        failures.append(f"verity serve exited {code} on SIGTERM")
    rc, out, err = world.run(["ledger", "verify", "--data", str(world.server.data)])
    if rc != 0:
        failures.append(f"ledger verify after the server: exit {rc}: {err[-300:]!r}")
    log = (world.tmp / "serve.log").read_bytes()
    failures += [f"server log: {f}" for f in forbidden_text(log, "log")
                 if "internal error" not in f]
    for f in failures:
        print("FAIL http-finish: " + f)
    return len(failures)
