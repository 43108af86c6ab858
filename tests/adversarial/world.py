"""The real files and the ledger the hostile cases start from, and running `verity`.

World builds, in a temporary folder: two party key pairs, a small valid
declaration (JSON and with items_csv), a treaty, assumptions, a scenario, a
sweep spec, a signed draft, and a ledger holding two signed data exchanges,
with its export, an inclusion proof, a consistency proof and a tree head.
Each hostile case is written beside them and names them by placeholder
({decl}, {data}, ...; see World.paths).
"""
import json
import os
import pathlib
import re
import shutil
import subprocess

ROOT = pathlib.Path(__file__).resolve().parents[2]

# Text that only a library or a crash would print.
LIBRARY_TEXT = ("nlohmann", "basic_string", "what():", "std::", "terminate called", "Aborted",
                "Segmentation", "[json.exception", "toml::", "sqlite3", "boost::", "CLI::",
                "internal error", "AddressSanitizer", "runtime error:")


def forbidden_text(data, where):
    """Failures if `data` (bytes) carries library text, ill-formed UTF-8 or control bytes."""
    failures = []
    try:
        text = data.decode("utf-8")
    except UnicodeDecodeError as e:
        return [f"{where} is not valid UTF-8 at byte {e.start}"]
    for word in LIBRARY_TEXT:
        if word in text:
            failures.append(f"{where} shows {word!r}")
    if re.search(r"[\x00-\x08\x0b-\x1f\x7f]", text):
        failures.append(f"{where} carries a raw control byte")
    return failures


NOBODY = ["setpriv", "--reuid=65534", "--regid=65534", "--clear-groups"]


class Cli:
    """One CLI case: `verity ARGS` must exit `exit` with every part of `err` on stderr.

    `file` (bytes, str, or a function of the path that makes it) is written to
    the path {f} stands for, named `name` + `ext`. `ledger`: the case runs
    against the fixture ledger, which must not change.
    """

    def __init__(self, name, args, file=None, exit=2, err=(), ext=".json", ledger=False,
                 stdin=None, nobody=False):
        self.name, self.args, self.file, self.exit = name, args, file, exit
        self.err = (err,) if isinstance(err, str) else tuple(err)
        self.ext, self.ledger, self.stdin = ext, ledger, stdin
        self.nobody = nobody  # run as user nobody, to whom a 0555 folder is unwritable

    def path(self, world):
        return world.cases / (self.name + self.ext)

    def expand_err(self, world):
        values = dict(world.paths, f=str(self.path(world)), fname=self.name + self.ext)
        return [p.format_map(values) for p in self.err]


class World:
    timeout = 20

    def __init__(self, verity, tmp):
        self.verity = str(verity)
        self.tmp = tmp
        self.cases = tmp / "cases"
        self.cases.mkdir()
        os.chmod(tmp, 0o755)  # the cases run as nobody reach their files
        os.chmod(self.cases, 0o755)
        self.paths = {"tmp": str(tmp), "root": str(ROOT)}
        self._keys()
        self._files()
        self._ledger()
        self._ledger_snapshot = None

    # ---- running verity
    def run(self, args, stdin=None, check=False, nobody=False):
        prefix = NOBODY if nobody and os.geteuid() == 0 else []
        try:
            p = subprocess.run([*prefix, self.verity, *args], input=stdin, capture_output=True,
                               timeout=self.timeout, cwd=self.tmp)
        except subprocess.TimeoutExpired as e:
            raise TimeoutError(str(e)) from None
        if check and p.returncode != 0:
            raise RuntimeError(f"verity {' '.join(args)}: exit {p.returncode}: "
                               f"{p.stderr.decode(errors='replace')}")
        return p.returncode, p.stdout, p.stderr

    def out(self, *args, stdin=None):
        return self.run(list(args), stdin=stdin, check=True)[1].decode()

    def expand(self, case):
        path = case.path(self)
        if callable(case.file):
            case.file(path)
        elif case.file is not None:
            data = case.file.encode() if isinstance(case.file, str) else case.file
            path.write_bytes(data)
        if path.suffix == ".key" and path.is_file() and not path.is_symlink():
            path.chmod(0o600)  # a secret key file as `keys new` writes it
        values = dict(self.paths, f=str(path), new=str(self.cases / (case.name + ".new")))
        return [a.format_map(values) for a in case.args]

    def snapshot(self):
        """What the fixture ledger answers; a hostile case must not change it.

        `ledger verify` recomputes every derived row (checkpoints, ambiguities)
        from the entries, and the export is the entries, so the two together
        stand for every answer (state, timeline, ambiguities) read from it."""
        d = self.paths["data"]
        return [self.run(args)[:2] for args in (
            ["ledger", "verify", "--data", d, "--json"], ["ledger", "export", "--data", d])]

    def add(self, name, text):
        path = self.tmp / name
        path.write_bytes(text.encode() if isinstance(text, str) else text)
        self.paths[path.stem.replace("-", "_") if "." in name else name] = str(path)
        return path

    # ---- fixtures
    def _keys(self):
        keys = self.tmp / "keys"
        for party in ("US", "RU"):
            self.out("keys", "new", "--party", party, "--out", str(keys))
        self.paths["keys"] = str(keys)
        for party in ("US", "RU"):
            self.paths[f"{party.lower()}_key"] = str(keys / f"{party}.key")
            self.paths[f"{party.lower()}_pub"] = str(keys / f"{party}.pub")
        self.public_keys = {p: json.loads((keys / f"{p}.pub").read_text())["public_key"]
                            for p in ("US", "RU")}

    def _files(self):
        self.decl_doc = declaration("US", "2011-02-05")
        self.add("decl.json", json.dumps(self.decl_doc, indent=1))
        self.add("items.csv", "uid,type,facility,warheads\nUS-M-9,icbm,icbm-base,1\n")
        self.add("decl-csv.json", json.dumps(dict(self.decl_doc, items_csv="items.csv"), indent=1))
        for name, src in (("treaty.toml", "data/treaties/new-start.toml"),
                          ("assumptions.toml", "data/assumptions/us.toml"),
                          ("scenario.toml", "data/scenarios/one-base-closed-form.toml")):
            self.add(name, (ROOT / src).read_text())
        self.add("sweep.toml", 'scenario = "scenario.toml"\ntrials = 200\nseed = 7\n\n[grid]\n'
                 'type_one_per_year = {from = 4, to = 5}\n')
        self.add("public.toml", (ROOT / "data/assumptions/us.toml").read_text())

    def sign(self, draft, party="US"):
        path = self.tmp / "draft-to-sign.json"
        path.write_text(json.dumps(draft))
        return self.out("notify", "sign", "--key", self.paths[f"{party.lower()}_key"],
                        str(path)).strip()

    def _ledger(self):
        data = self.tmp / "ledger"
        self.paths["data"] = str(data)
        self.out("ledger", "init", "--data", str(data), "--key", self.paths["us_pub"], "--key",
                 self.paths["ru_pub"])
        self.drafts = {p: data_exchange(p, 1, "2011-02-05", declaration(p, "2011-02-05"))
                       for p in ("US", "RU")}
        self.add("draft.json", json.dumps(self.drafts["US"], indent=1))
        lines = [self.sign(self.drafts[p], p) for p in ("US", "RU")]
        self.add("signed.jsonl", "\n".join(lines) + "\n")
        self.out("ledger", "append", "--data", str(data), self.paths["signed"])
        # The next valid notification of each party (not appended).
        self.next_line = {p: self.sign(movement(p, 2, "2011-02-20"), p) for p in ("US", "RU")}
        self.add("export.jsonl", self.out("ledger", "export", "--data", str(data)))
        self.add("proof.json", self.out("ledger", "prove", "--data", str(data), "--index", "0"))
        self.add("consistency.json", self.out("ledger", "consistency", "--data", str(data),
                                              "--from", "1"))
        self.add("head.json", self.out("ledger", "verify", "--data", str(data), "--json"))


def declaration(party, as_of):
    return {"format": "verity-declaration/1", "party": party, "as_of": as_of,
            "facilities": [{"id": "icbm-base", "type": "icbm_base", "name": "Base"}],
            "types": [{"id": "icbm", "class": "icbm", "kind": "missile", "max_warheads": 4},
                      {"id": "silo", "class": "icbm", "kind": "silo_launcher"}],
            "items": [{"uid": f"{party}-S-1", "type": "silo", "facility": "icbm-base"},
                      {"uid": f"{party}-M-1", "type": "icbm", "facility": "icbm-base",
                       "launcher": f"{party}-S-1", "warheads": 1},
                      {"uid": f"{party}-G", "type": "silo", "facility": "icbm-base", "count": 3}]}


def data_exchange(party, serial, occurred, decl):
    return {"format": 1, "party": party, "serial": serial, "type": "data_exchange",
            "occurred": occurred, "sent": occurred + "T12:00:00Z", "body": {"declaration": decl}}


def movement(party, serial, occurred):
    return {"format": 1, "party": party, "serial": serial, "type": "movement",
            "occurred": occurred, "sent": occurred + "T12:00:00Z",
            "body": {"uid": f"{party}-M-1", "from": "icbm-base", "to": "icbm-base"}}


def unwritable_folder(path):
    path.mkdir(exist_ok=True)
    path.chmod(0o555)


def fifo(path):
    if not path.exists():
        os.mkfifo(path)


def folder(path):
    path.mkdir(exist_ok=True)


def symlink_to(target):
    def make(path):
        if not path.is_symlink():
            path.symlink_to(target)
    return make


def sparse(size):
    def make(path):
        with open(path, "wb") as f:
            f.truncate(size)
    return make


def copy_of(src):
    def make(path):
        shutil.copyfile(src, path)
    return make
