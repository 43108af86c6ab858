#!/usr/bin/python3
"""Every route's live answers validate against src/server/openapi.json.

Starts two real `verity serve` processes on loopback: one --demo server over a
short sample history (reads, simulations), one with its own keys and tokens
(a signed notification submitted). Each answer is validated with jsonschema
(Debian's python3-jsonschema) against the schema the document gives for its
route, method and status; OpenAPI 3.0's `nullable` becomes JSON Schema's
null type. Fails if a route with a success response was never answered
with one, or if an answer does not validate.

    tests/api/openapi_live.py --verity build/bin/verity [--dump DIR]
"""
import argparse
import copy
import json
import os
import pathlib
import re
import socket
import subprocess
import sys
import tempfile
import time
import urllib.error
import urllib.request

import jsonschema

ROOT = pathlib.Path(__file__).resolve().parents[2]
DOCUMENT = ROOT / "src" / "server" / "openapi.json"
TOKENS = {"US": "demo-us", "RU": "demo-ru", "observer": "demo-observer", "admin": "demo-admin"}


def to_json_schema(node):
    """OpenAPI 3.0 schema objects -> JSON Schema (draft 7)."""
    if isinstance(node, list):
        return [to_json_schema(n) for n in node]
    if not isinstance(node, dict):
        return node
    out = {k: to_json_schema(v) for k, v in node.items() if k not in ("nullable", "example")}
    if node.get("nullable"):
        if "type" in out:
            out["type"] = [out["type"], "null"]
        if "enum" in out:
            out["enum"] = out["enum"] + [None]
        if "$ref" in out or "allOf" in out or "oneOf" in out:
            out = {"anyOf": [{"type": "null"}, out]}
    return out


def free_port():
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


class Server:
    def __init__(self, verity, data, extra):
        self.port = free_port()
        self.log = open(data.parent / f"serve-{self.port}.log", "w")
        self.proc = subprocess.Popen(
            [verity, "serve", "--data", str(data), "--bind", "127.0.0.1", "--port",
             str(self.port), *extra], stdout=self.log, stderr=subprocess.STDOUT)
        for _ in range(600):
            try:
                self.call("GET", "/health")
                return
            except OSError:
                if self.proc.poll() is not None:
                    break
                time.sleep(0.05)
        raise RuntimeError(f"verity serve did not start (see {self.log.name})")

    def call(self, method, path, token=None, body=None):
        req = urllib.request.Request(f"http://127.0.0.1:{self.port}/api/v1{path}", method=method,
                                     data=None if body is None else body.encode())
        if token:
            req.add_header("Authorization", "Bearer " + token)
        if body is not None:
            req.add_header("Content-Type", "application/json")
        try:
            with urllib.request.urlopen(req, timeout=60) as r:
                return r.status, json.load(r)
        except urllib.error.HTTPError as e:
            return e.code, json.load(e)

    def stop(self):
        self.proc.terminate()
        self.proc.wait(timeout=60)
        self.log.close()


class Checker:
    def __init__(self, document, dump):
        self.doc = document
        self.converted = to_json_schema(document)
        self.resolver = jsonschema.RefResolver.from_schema(self.converted)
        self.formats = jsonschema.FormatChecker(formats=["date"])
        self.templates = [(re.compile("^" + re.sub(r"\{[^}]+\}", "[^/]+", p) + "$"), p)
                          for p in document["paths"]]
        self.answered = set()
        self.failures = []
        self.checked = 0
        self.invalid = 0
        self.dump = dump

    def template(self, path):
        bare = path.split("?")[0]
        for pattern, template in self.templates:
            if pattern.match(bare):
                return template
        raise AssertionError(f"{bare}: not in the document")

    def check(self, method, path, status, body):
        template = self.template(path)
        op = self.doc["paths"][template][method.lower()]
        response = self.resolve(op["responses"].get(str(status)))
        where = f"{method} {path} -> {status}"
        if response is None:
            self.failures.append(f"{where}: status not in the document")
            return body
        schema = response.get("content", {}).get("application/json", {}).get("schema")
        if schema is None:
            self.failures.append(f"{where}: no schema")
            return body
        validator = jsonschema.Draft7Validator(self.converted_schema(schema),
                                               resolver=self.resolver,
                                               format_checker=self.formats)
        errors = sorted(validator.iter_errors(body), key=lambda e: list(e.path))
        self.invalid += bool(errors)
        for e in errors[:5]:
            self.failures.append(f"{where}: {'/'.join(map(str, e.path))}: {e.message[:300]}")
        if 200 <= status < 300:
            self.answered.add((method.lower(), template))
        self.checked += 1
        if self.dump:
            name = re.sub(r"[^A-Za-z0-9]+", "_", f"{method}{path}")[:80]
            (self.dump / f"{name}_{status}.json").write_text(json.dumps(body, indent=1)[:20000])
        return body

    def resolve(self, node):
        while isinstance(node, dict) and "$ref" in node:
            target = self.doc
            for part in node["$ref"].lstrip("#/").split("/"):
                target = target[part]
            node = target
        return node

    def converted_schema(self, schema):
        return to_json_schema(copy.deepcopy(schema))

    def uncovered(self):
        missing = []
        for template, ops in self.doc["paths"].items():
            for method, op in ops.items():
                if any(s.startswith("2") for s in op["responses"]) and \
                        (method, template) not in self.answered:
                    missing.append(f"{method.upper()} {template}")
        return missing


def run_doc_client(port, check):
    """The hand-written client of docs/api.md runs as written against this server."""
    doc = (ROOT / "docs" / "api.md").read_text()
    block = doc.split("## Schemas and clients", 1)[1].split("```python\n", 1)[1].split("```", 1)[0]
    printed = []
    try:
        exec(block.replace("127.0.0.1:8080", f"127.0.0.1:{port}"),
             {"print": lambda *a: printed.append(a)})
    except Exception as e:  # reported as a failure of the document
        check.failures.append(f"docs/api.md client: {type(e).__name__}: {e}")
        return
    if not printed or set(printed[-1][0]) != {"deployed", "warheads", "launchers"}:
        check.failures.append(f"docs/api.md client printed {printed[-1:]}")


def demo_reads(verity, tmp, check):
    data = tmp / "demo"
    subprocess.run([verity, "ledger", "sample", "--data", str(data), "--from", "2011-02-05",
                    "--to", "2012-06-01"], check=True, stdout=subprocess.DEVNULL)
    server = Server(verity, data, ["--demo"])
    try:
        def get(path, token=TOKENS["admin"], want=200):
            status, body = server.call("GET", path, token)
            if status != want:
                check.failures.append(f"GET {path}: {status}, expected {want}: {body}")
            return check.check("GET", path, status, body)

        for path in ("/health", "/openapi.json", "/treaty", "/parties", "/public/aggregates",
                     "/public/aggregates?party=US&from=2015-01-01", "/public/compliance",
                     "/ledger/head", "/ledger/witnessing", "/analysis/catalogue", "/analysis/compare",
                     "/analysis/upload?declaration=us-2020-09-01",
                     "/analysis/compare?declarations=us-2020-09-01&treaties=new-start,"
                     "follow-on-example", "/regime", "/regime?as_of=2012-01-01"):
            get(path, token=None)
        for token in (None, TOKENS["observer"], TOKENS["US"], TOKENS["admin"]):
            get("/whoami", token=token)
        size = get("/ledger/head", token=None)["tree_head"]["size"]
        for path in ("/ledger/entries?start=0&limit=5", f"/ledger/entries/{size - 1}",
                     "/ledger/proofs/inclusion?index=3",
                     f"/ledger/proofs/consistency?from={size // 2}",
                     "/ambiguities", "/ambiguities?party=RU", "/simulations/scenarios",
                     "/inspections/quotas", "/inspections/quotas?year=1",
                     "/parties/US/state?as_of=2012-01-01",
                     "/parties/RU/compliance?as_of=2012-01-01",
                     "/parties/US/timeline?from=2011-03-01&to=2011-04-01",
                     "/concerns", "/concerns?as_of=2012-01-01", "/escrow", "/ledger/serials/RU",
                     "/escrow?as_of=2012-01-01"):
            get(path)
        get("/ledger/entries?start=0&limit=5", token="wrong-token", want=401)
        get("/ledger/entries", token=None, want=401)
        get(f"/ledger/entries/{size + 10}", want=404)
        get("/parties/US/state?as_of=2012-13-01", want=422)
        get("/ledger/serials/FR", want=404)
        run_doc_client(server.port, check)
        scenario = get("/simulations/scenarios")["scenarios"][0]
        request = json.dumps({"scenario": scenario, "trials": 20000, "seed": 3})
        status, job = server.call("POST", "/simulations", TOKENS["admin"], request)
        check.check("POST", "/simulations", status, job)
        for _ in range(600):
            body = get(f"/simulations/{job['id']}")
            if body.get("state") not in ("queued", "running"):
                break
            time.sleep(0.05)
    finally:
        server.stop()


def exercise_report(verity, tmp, check):
    """GET /exercise over a ledger an exercise was played into (docs/exercises.md)."""
    data = tmp / "exercise"
    subprocess.run([verity, "exercise", "run", "hidden-missile", "--data", str(data)], check=True,
                   stdout=subprocess.DEVNULL)
    server = Server(verity, data, ["--demo"])
    try:
        status, body = server.call("GET", "/exercise", TOKENS["RU"])
        check.check("GET", "/exercise", status, body)
        if status != 200:
            check.failures.append(f"GET /exercise: {status}, expected 200: {body}")
    finally:
        server.stop()


def submission(verity, tmp, check):
    keys, data = tmp / "keys", tmp / "own"
    parties = []
    for party in ("US", "RU"):
        subprocess.run([verity, "keys", "new", "--party", party, "--out", str(keys)], check=True,
                       stdout=subprocess.DEVNULL)
        pub = json.loads((keys / f"{party}.pub").read_text())
        parties.append({"id": party, "public_key": pub["public_key"]})
    digest = subprocess.run([verity, "serve", "--hash-token"], input="own-us\n", text=True,
                            capture_output=True, check=True).stdout.strip()
    config = tmp / "server.json"
    config.write_text(json.dumps({"parties": parties,
                                  "tokens": [{"role": "party", "party": "US", "sha256": digest}]}))
    drafts = [
        {"format": 1, "party": "US", "serial": 1, "type": "data_exchange", "occurred": "2011-02-05",
         "sent": "2011-02-25T12:00:00Z", "body": {"declaration": {
             "format": "verity-declaration/1", "party": "US", "as_of": "2011-02-05",
             "facilities": [], "types": [], "items": []}}},
        # An unknown UID, notified late: stored, with ambiguities in the answer.
        {"format": 1, "party": "US", "serial": 2, "type": "movement", "occurred": "2011-03-01",
         "sent": "2011-03-20T00:00:00Z", "body": {"uid": "US-X-1", "from": "a", "to": "b"}},
        # A concern of the commission (docs/bcc.md), read back by GET /concerns/{id}.
        {"format": 1, "party": "US", "serial": 3, "type": "concern_raised", "occurred": "2011-04-01",
         "sent": "2011-04-01T12:00:00Z", "body": {"concern": "US-2011-01", "addressed_to": "RU",
                                                  "question": "?", "provision": "Art. XII"}}]
    signed = []
    for i, d in enumerate(drafts):
        path = tmp / f"draft{i}.json"
        path.write_text(json.dumps(d))
        signed.append(subprocess.run([verity, "notify", "sign", "--key", str(keys / "US.key"),
                                      str(path)], capture_output=True, text=True,
                                     check=True).stdout)
    server = Server(verity, data, ["--config", str(config)])
    try:
        answers = []
        for body in signed:
            status, answer = server.call("POST", "/notifications", "own-us", body)
            if status != 201:
                check.failures.append(f"POST /notifications: {status}: {answer}")
            check.check("POST", "/notifications", status, answer)
            answers.append(answer)
        if not answers[1].get("ambiguities"):
            check.failures.append("POST /notifications: the late unknown UID raised no ambiguity")
        status, answer = server.call("POST", "/notifications", "own-us", signed[0])
        check.check("POST", "/notifications", status, answer)  # the same serial again: an error
        status, answer = server.call("GET", "/ambiguities", "own-us")
        check.check("GET", "/ambiguities", status, answer)
        if len(answer.get("ambiguities", [])) < 1:
            check.failures.append("GET /ambiguities: no ambiguity listed")
        status, answer = server.call("GET", "/concerns/US-2011-01?as_of=2011-05-01", "own-us")
        check.check("GET", "/concerns/US-2011-01?as_of=2011-05-01", status, answer)
        if status != 200 or answer.get("status") != "open":
            check.failures.append(f"GET /concerns/US-2011-01: {status}: {answer}")
        status, answer = server.call("GET", "/ledger/serials/US", "own-us")
        check.check("GET", "/ledger/serials/US", status, answer)
        if status != 200 or (answer.get("last_serial"), answer.get("next_serial")) != (3, 4):
            check.failures.append(f"GET /ledger/serials/US: {status}: {answer}")
    finally:
        server.stop()


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--verity", default=str(ROOT / "build" / "bin" / "verity"))
    parser.add_argument("--dump", type=pathlib.Path, help="write every answer here")
    args = parser.parse_args()
    if args.dump:
        args.dump.mkdir(parents=True, exist_ok=True)
    check = Checker(json.loads(DOCUMENT.read_text()), args.dump)
    with tempfile.TemporaryDirectory(prefix="verity-openapi-") as tmp:
        demo_reads(args.verity, pathlib.Path(tmp), check)
        exercise_report(args.verity, pathlib.Path(tmp), check)
        submission(args.verity, pathlib.Path(tmp), check)
    failures = check.failures + [f"{r}: never answered with a success" for r in check.uncovered()]
    for f in failures:
        print("FAIL", f)
    print(f"{check.checked} answers checked against {DOCUMENT.name}")
    print(f"openapi: {check.checked - check.invalid} passed, {len(failures)} failed")
    return 1 if failures else 0


if __name__ == "__main__":
    sys.exit(main())
