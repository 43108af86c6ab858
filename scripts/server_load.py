#!/usr/bin/env python3
"""Bounded load and fault tests of `verity serve`, on loopback only.

  scripts/server_load.py reads  [--build build] [--seconds 5] [--clients 8]
      public reads at full speed: requests/s and latency percentiles
  scripts/server_load.py submit [--build build] [--clients 8] [--per-client 2000]
      both parties submitting signed notifications concurrently; then checks
      that no entry is lost or duplicated and `verity ledger verify` passes
  scripts/server_load.py fault  [--build build] [--clients 8] [--per-client 300] [--kill-after 1.5]
      kills the server with SIGKILL mid-submission, restarts it on the same
      data folder and checks that every acknowledged notification is there

Each run uses a fresh temporary data folder. Exit 0 when every check holds.
"""
import argparse
import json
import os
import shutil
import signal
import socket
import subprocess
import sys
import tempfile
import time
import urllib.request

TOKENS = {"US": "load-us-token", "RU": "load-ru-token", "admin": "load-admin-token"}


def free_port():
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


class Setup:
    """Keys, a configuration with hashed tokens, and a server process."""

    def __init__(self, build):
        self.verity = os.path.join(build, "bin", "verity")
        self.bin = os.path.join(build, "bin")
        self.dir = tempfile.mkdtemp(prefix="verity-load-")
        self.data = os.path.join(self.dir, "data")
        keys = os.path.join(self.dir, "keys")
        parties = []
        for party in ("US", "RU"):
            subprocess.run([self.verity, "keys", "new", "--party", party, "--out", keys], check=True,
                           stdout=subprocess.DEVNULL)
            pub = json.load(open(os.path.join(keys, party + ".pub")))
            parties.append({"id": party, "public_key": pub["public_key"]})
        self.keys = {p: os.path.join(keys, p + ".key") for p in ("US", "RU")}
        tokens = [{"role": "party", "party": p, "sha256": self.hash(TOKENS[p])} for p in ("US", "RU")]
        tokens.append({"role": "admin", "name": "ops", "sha256": self.hash(TOKENS["admin"])})
        self.config = os.path.join(self.dir, "server.json")
        json.dump({"parties": parties, "tokens": tokens, "limits": {"max_page": 5000}}, open(self.config, "w"))
        self.token_files = {}
        for who in ("US", "RU"):  # tools read tokens from files, never from the command line
            path = os.path.join(self.dir, who + ".token")
            fd = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
            with os.fdopen(fd, "w") as f:
                f.write(TOKENS[who] + "\n")
            self.token_files[who] = path
        self.port = free_port()
        self.proc = None

    def hash(self, token):
        out = subprocess.run([self.verity, "serve", "--hash-token"], input=token + "\n", text=True,
                             capture_output=True, check=True)
        return out.stdout.strip()

    def start(self):
        self.log = open(os.path.join(self.dir, "serve.log"), "a")
        self.proc = subprocess.Popen([self.verity, "serve", "--data", self.data, "--bind", "127.0.0.1",
                                      "--port", str(self.port), "--config", self.config],
                                     stdout=self.log, stderr=subprocess.STDOUT)
        for _ in range(200):
            try:
                self.get("/api/v1/health")
                return
            except OSError:
                time.sleep(0.05)
        raise RuntimeError("verity serve did not start")

    def stop(self, sig=signal.SIGTERM):
        self.proc.send_signal(sig)
        return self.proc.wait(timeout=60)

    def get(self, path, token=None):
        req = urllib.request.Request(f"http://127.0.0.1:{self.port}{path}")
        if token:
            req.add_header("Authorization", "Bearer " + token)
        with urllib.request.urlopen(req, timeout=30) as r:
            return json.load(r)

    def entries(self):
        out, start = [], 0
        while True:
            page = self.get(f"/api/v1/ledger/entries?start={start}&limit=5000", TOKENS["admin"])
            out += page["entries"]
            if page["next"] is None:
                return out
            start = page["next"]

    def submit_cmd(self, clients, per_client, acks=None):
        cmd = [os.path.join(self.bin, "verity_submit_load"), "--port", str(self.port),
               "--us-key", self.keys["US"], "--ru-key", self.keys["RU"], "--us-token-file",
               self.token_files["US"], "--ru-token-file", self.token_files["RU"], "--clients", str(clients),
               "--per-client", str(per_client)]
        return cmd + (["--acks", acks] if acks else [])

    def verify_ledger(self):
        r = subprocess.run([self.verity, "ledger", "verify", "--data", self.data], capture_output=True, text=True)
        print("verity ledger verify:", (r.stdout + r.stderr).strip().splitlines()[-1] if (r.stdout + r.stderr).strip() else r.returncode)
        return r.returncode == 0

    def cleanup(self):
        if self.proc and self.proc.poll() is None:
            self.stop()
        shutil.rmtree(self.dir, ignore_errors=True)


def check(condition, what):
    print(("ok   " if condition else "FAIL ") + what)
    return condition


def check_entries(entries, expected):
    """No entry lost or duplicated; serials gapless per party; indices dense."""
    seen = [(e["notification"]["party"], e["notification"]["serial"]) for e in entries]
    ok = check(len(seen) == len(set(seen)), f"no duplicated notification among {len(seen)} entries")
    ok &= check([e["index"] for e in entries] == list(range(len(entries))), "entry indices are 0..n-1")
    for party in ("US", "RU"):
        serials = sorted(s for p, s in seen if p == party)
        ok &= check(serials == list(range(1, len(serials) + 1)), f"{party} serials 1..{len(serials)} without gaps")
    ok &= check(expected <= set(seen), f"all {len(expected)} acknowledged notifications are stored")
    return ok


def reads(args):
    s = Setup(args.build)
    try:
        s.start()
        subprocess.run(s.submit_cmd(2, 10), check=True, stdout=subprocess.DEVNULL)  # a tree head to read
        print(f"verity serve on 127.0.0.1:{s.port}, {os.cpu_count()} cores, {args.clients} clients, {args.seconds}s each")
        ok = True
        for path in ("/api/v1/public/aggregates", "/api/v1/public/compliance", "/api/v1/treaty", "/api/v1/ledger/head"):
            r = subprocess.run([os.path.join(s.bin, "verity_load"), "--port", str(s.port), "--path", path,
                                "--clients", str(args.clients), "--seconds", str(args.seconds)])
            ok &= r.returncode == 0
        return ok
    finally:
        s.cleanup()


def read_acks(path):
    acks = set()
    for line in open(path):
        party, serial, _ = line.split()
        acks.add((party, int(serial)))
    return acks


def submit(args):
    s = Setup(args.build)
    try:
        s.start()
        acks_file = os.path.join(s.dir, "acks")
        r = subprocess.run(s.submit_cmd(args.clients, args.per_client, acks_file))
        acks = read_acks(acks_file)
        ok = check(r.returncode == 0, "every submission acknowledged")
        ok &= check(len(acks) == args.clients * args.per_client, f"{len(acks)} acknowledgements")
        entries = s.entries()
        ok &= check(len(entries) == len(acks), f"tree holds {len(entries)} entries")
        ok &= check_entries(entries, acks)
        ok &= check(s.get("/api/v1/ledger/head")["tree_head"]["size"] == len(acks), "signed tree head covers them all")
        ok &= check(s.stop() == 0, "SIGTERM stops the server with exit 0")
        ok &= check(s.verify_ledger(), "verity ledger verify passes")
        return ok
    finally:
        s.cleanup()


def fault(args):
    s = Setup(args.build)
    try:
        s.start()
        acks_file = os.path.join(s.dir, "acks")
        loader = subprocess.Popen(s.submit_cmd(args.clients, args.per_client, acks_file), stdout=subprocess.PIPE,
                                  stderr=subprocess.DEVNULL, text=True)
        time.sleep(args.kill_after)
        s.proc.kill()  # SIGKILL, mid-load
        s.proc.wait()
        print("loader:", loader.communicate(timeout=120)[0].strip())
        acks = read_acks(acks_file)
        ok = check(0 < len(acks) < args.clients * args.per_client, f"killed mid-load after {len(acks)} acknowledgements")
        s.start()
        entries = s.entries()
        ok &= check(len(entries) >= len(acks), f"after restart the tree holds {len(entries)} entries")
        ok &= check_entries(entries, acks)
        ok &= check(s.stop() == 0, "SIGTERM stops the restarted server with exit 0")
        ok &= check(s.verify_ledger(), "verity ledger verify passes after the crash")
        return ok
    finally:
        s.cleanup()


def main():
    p = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    p.add_argument("mode", choices=["reads", "submit", "fault"])
    p.add_argument("--build", default="build")
    p.add_argument("--seconds", type=int, default=5)
    p.add_argument("--clients", type=int, default=8)
    p.add_argument("--per-client", type=int, default=None)
    p.add_argument("--kill-after", type=float, default=1.5)
    args = p.parse_args()
    if args.per_client is None:
        args.per_client = 2000 if args.mode == "submit" else 300
    ok = {"reads": reads, "submit": submit, "fault": fault}[args.mode](args)
    sys.exit(0 if ok else 1)


if __name__ == "__main__":
    main()
