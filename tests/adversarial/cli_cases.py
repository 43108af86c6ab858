"""Hostile inputs for every reader of the `verity` CLI.

A reader is one line of READERS: the command that reads a file ({f}), the
valid document the hostile ones are made from, and anchors (text in it
after which bytes are inserted). Every reader gets the generated families
(ill-formed UTF-8 of each kind at an anchor, a NUL byte, a folder, a FIFO,
/dev/zero, an oversized file, an empty or cut file, a missing file). The
cases after it are written one per line. Placeholders: {f} the case's file,
{fname} its name, {new} a fresh folder, and the fixtures of world.py
({decl}, {data}, {us_key}, ...).
"""
import json

from world import Cli, copy_of, fifo, folder, sparse, symlink_to, unwritable_folder

MiB = 1 << 20


class Reader:
    def __init__(self, name, args, base, ext, anchors, ledger=False, limit=32 * MiB,
                 too_large=None):
        self.name, self.args, self.base, self.ext = name, args, base, ext
        self.anchors, self.ledger, self.limit = anchors, ledger, limit
        self.too_large = too_large or (f"{limit + 1} bytes, more than the limit of {limit} bytes")


def readers(w):
    text = lambda key: open(w.paths[key], encoding="utf-8").read()  # noqa: E731
    config = json.dumps({"parties": [{"id": p, "public_key": k}
                                     for p, k in w.public_keys.items()]})
    return [
        Reader("declaration", ["check", "{f}"], text("decl"), ".json",
               ['"party": "', '"uid": "', '"items": [', "}"]),
        Reader("items_csv", ["check", "{f}.json"], text("items"), ".csv",
               ["uid,", "US-M-9", "\n", "icbm-base,"]),
        Reader("treaty", ["check", "{decl}", "--treaty", "{f}"], text("treaty"), ".toml",
               ["name = \"", "# ", "[[categories]]\n", "rule = \""]),
        Reader("assumptions", ["upload", "us-2020-09-01", "--assumptions", "{f}"],
               text("assumptions"), ".toml", ['party = "', "# ", "[types.mm3]\n", "source = \""]),
        Reader("scenario", ["simulate", "{f}", "--trials", "100"], text("scenario"), ".toml",
               ['name = "', "# ", "[[sites]]\n", 'id = "']),
        Reader("inspect_plan", ["inspect", "plan", "{f}"], text("scenario"), ".toml",
               ['name = "', "# One", "[concealment]\n", 'kind = "']),
        Reader("sweep", ["sweep", "{f}", "--out", "{new}"], text("sweep"), ".toml",
               ['scenario = "', "[grid]\n", "trials = "]),
        Reader("ledger_append", ["ledger", "append", "--data", "{data}", "{f}"],
               w.next_line["US"] + "\n", ".jsonl", ['"party":"', '{"', '"type":"'],
               ledger=True, limit=2048 * MiB),
        Reader("ledger_import", ["ledger", "import", "--data", "{new}", "{f}"], text("export"),
               ".jsonl", ['"party":"', "\n", '{"'], limit=2048 * MiB),
        Reader("proof", ["ledger", "check-proof", "{f}"], text("proof"), ".json",
               ['"', "{", "\n"]),
        Reader("consistency", ["ledger", "check-proof", "{f}"], text("consistency"), ".json",
               ['"', "{", "\n"]),
        Reader("tree_head", ["ledger", "verify", "--data", "{data}", "--tree-head", "{f}"],
               text("head"), ".json", ['"', "{", "\n"], ledger=True),
        Reader("check_head", ["ledger", "check-head", "{f}", "--log-key", "{head}"], text("head"),
               ".json", ['"', "{", "\n"]),
        Reader("log_key", ["ledger", "check-head", "{head}", "--log-key", "{f}"], text("us_pub"),
               ".json", ['"', "{", "party"]),
        Reader("secret_key", ["notify", "sign", "--key", "{f}", "{draft}"], text("us_key"),
               ".key", ['"', "{", "party"], limit=64 * 1024,
               too_large="65537 bytes is too large for a key file"),
        Reader("public_key", ["ledger", "add-key", "--data", "{data}", "{f}"], text("us_pub"),
               ".pub", ['"', "{", "party"], ledger=True),
        Reader("draft", ["notify", "sign", "--key", "{us_key}", "{f}"], text("draft"), ".json",
               ['"party": "', '"uid": "', "{"]),
        Reader("server_config", ["serve", "--data", "{new}", "--config", "{f}", "--port", "1"],
               config, ".json", ['"id": "', "{", '"parties": ']),
    ]


# Ill-formed UTF-8: the bytes, the reason the message gives, the byte it names.
UTF8 = [(b"\xff", "invalid byte", "0xFF"), (b"\xc0\xaf", "overlong encoding", "0xC0"),
        (b"\xed\xa0\x80", "surrogate code point (U+D800..U+DFFF)", "0xED"),
        (b"\xf4\x90\x80\x80", "code point above U+10FFFF", "0xF4"),
        (b"\x80", "unexpected continuation byte", "0x80"),
        (b"\xe2\x82(", "expected a continuation byte", "0xE2")]


def line_col(data, pos):
    before = data[:pos]
    return before.count(b"\n") + 1, pos - (before.rfind(b"\n") + 1) + 1


def insert_at(base, anchor, k, insert):
    data = base.encode()
    start = -1
    for _ in range(k + 1):  # the anchor's (k+1)th occurrence, else its first
        nxt = data.find(anchor.encode(), start + 1)
        if nxt < 0:
            break
        start = nxt
    pos = start + len(anchor.encode())
    return data[:pos] + insert + data[pos:], pos


def naming_csv(path):
    """Writes {f}.json: the fixture declaration with items_csv naming {f}."""
    doc = json.loads((path.parent.parent / "decl-csv.json").read_text())
    doc["items_csv"] = path.name
    (path.parent / (path.name + ".json")).write_text(json.dumps(doc))


def with_csv_json(content):
    """The items_csv reader: the hostile CSV at {f}, and {f}.json naming it."""
    def make(path):
        path.write_bytes(content)
        naming_csv(path)
    return make


def with_path_csv(make):
    """items_csv naming a folder, FIFO, device...: {f} made by `make`, {f}.json naming it."""
    def build(path):
        make(path)
        naming_csv(path)
    return build


def file_for(reader, content):
    return with_csv_json(content) if reader.ext == ".csv" else content


def generated(r):
    """The families every reader gets."""
    cases = []
    args, led = r.args, r.ledger
    for i, (bad, reason, byte) in enumerate(UTF8):
        anchor = r.anchors[i % len(r.anchors)]
        data, pos = insert_at(r.base, anchor, i // len(r.anchors), bad)
        line, col = line_col(data, pos)
        cases.append(Cli(f"{r.name}-utf8-{i}", args, file_for(r, data), ext=r.ext, ledger=led,
                         err=["{fname}", f"line {line}, column {col}: invalid UTF-8 ({reason}, byte {byte})"]))
    data, pos = insert_at(r.base, r.anchors[0], 0, b"\x00")
    line, col = line_col(data, pos)
    cases.append(Cli(f"{r.name}-nul", args, file_for(r, data), ext=r.ext, ledger=led,
                     err=["{fname}", f"line {line}"]))
    paths = [("folder", folder, "is a folder, not a file"),
             ("fifo", fifo, "not a regular file (a device, FIFO or socket)"),
             ("dev-zero", symlink_to("/dev/zero"), "not a regular file"),
             ("link-to-folder", symlink_to("/tmp"), "is a folder, not a file"),
             ("oversized", sparse(r.limit + 1), r.too_large),
             ("missing", None, "no such file")]
    for what, make, message in paths:
        if r.ext == ".csv":
            make = naming_csv if make is None else with_path_csv(make)
        cases.append(Cli(f"{r.name}-{what}", args, make, ext=r.ext, ledger=led,
                         err=["{fname}", message]))
    cases.append(Cli(f"{r.name}-empty", args, file_for(r, b""), ext=r.ext, ledger=led,
                     err=["{fname}"]))
    # Cut just after an opening quote past the middle (an even number of quotes
    # before it), so what is left cannot be a whole file by chance (an
    # unterminated string); the first half when there is none.
    whole = r.base.encode()
    quote = whole.find(b'"', len(whole) // 2)
    while quote >= 0 and whole.count(b'"', 0, quote) % 2:
        quote = whole.find(b'"', quote + 1)
    half = whole[: quote + 1] if quote >= 0 else whole[: len(whole) // 2]
    cases.append(Cli(f"{r.name}-cut", args, file_for(r, half), ext=r.ext, ledger=led,
                     err=["{fname}"]))
    return cases


def deep(opening, closing, n):
    return opening * n + closing * n


def declaration_cases(w):
    d = w.decl_doc

    def decl(**changes):
        return json.dumps(dict(d, **changes))

    item = d["items"][1]
    it = lambda **c: json.dumps(dict(d, items=[d["items"][0], dict(item, **c)]))  # noqa: E731
    ty = lambda **c: json.dumps(dict(d, types=[dict(d["types"][0], **c)] + d["types"][1:]))  # noqa
    A = ["check", "{f}"]
    return [
        Cli("decl-deep-array", A, deep("[", "]", 100000), err=["{fname}", "nested deeper than the limit of 64"]),
        Cli("decl-deep-object", A, '{"a":' * 20000 + "1" + "}" * 20000, err=["{fname}", "nested deeper than the limit of 64"]),
        Cli("decl-deep-in-item", A, decl()[:-1] + ', "x": ' + deep("[", "]", 70) + "}", err=["{fname}", "nested deeper than the limit of 64"]),
        Cli("decl-duplicate-key", A, '{"party": "US", "party": "RU"}', err=["{fname}", "party: duplicate key"]),
        Cli("decl-duplicate-item-key", A, decl()[:-1] + ', "as_of": "2011-02-05"}', err=["{fname}", "as_of: duplicate key"]),
        Cli("decl-null-party", A, decl(party=None), err=["{fname}", "party"]),
        Cli("decl-null-items", A, decl(items=None), err=["{fname}", "items"]),
        Cli("decl-null-warheads", A, it(warheads=None), err=["{fname}", "items[1].warheads"]),
        Cli("decl-null-max-warheads", A, ty(max_warheads=None), err=["{fname}", "types[0].max_warheads"]),
        Cli("decl-null-count", A, it(count=None), err=["{fname}", "items[1].count"]),
        Cli("decl-string-count", A, it(count="3"), err=["{fname}", "items[1].count"]),
        Cli("decl-float-count", A, it(count=2.5), err=["{fname}", "items[1].count"]),
        Cli("decl-negative-count", A, it(count=-1), err=["{fname}", "items[1].count: -1 is out of range"]),
        Cli("decl-huge-count", A, it(count=10000000), err=["{fname}", "more than the limit of 100000"]),
        Cli("decl-overflow-count", A, it(count=18446744073709551616), err=["{fname}", "items[1].count"]),
        Cli("decl-overflow-warheads", A, it(warheads=1e400 if False else 10**30), err=["{fname}", "items[1].warheads"]),
        Cli("decl-negative-warheads", A, it(warheads=-5), err=["{fname}", "items[1].warheads"]),
        Cli("decl-bool-warheads", A, it(warheads=True), err=["{fname}", "items[1].warheads"]),
        Cli("decl-max-warheads-huge", A, ty(max_warheads=10**12), err=["{fname}", "types[0].max_warheads"]),
        Cli("decl-items-object", A, decl(items={}), err=["{fname}", "items"]),
        Cli("decl-top-array", A, "[]", err=["{fname}"]),
        Cli("decl-top-number", A, "12", err=["{fname}"]),
        Cli("decl-as-of-month-13", A, decl(as_of="2011-13-01"), err=["{fname}", "as_of"]),
        Cli("decl-as-of-day-32", A, decl(as_of="2011-01-32"), err=["{fname}", "as_of"]),
        Cli("decl-as-of-year-0", A, decl(as_of="0000-01-01"), err=["{fname}", "as_of"]),
        Cli("decl-as-of-far-future", A, decl(as_of="99999-01-01"), err=["{fname}", "as_of"]),
        Cli("decl-as-of-feb-30", A, decl(as_of="2011-02-30"), err=["{fname}", "as_of"]),
        Cli("decl-as-of-number", A, decl(as_of=20110205), err=["{fname}", "as_of"]),
        Cli("decl-items-csv-folder", A, decl(items_csv="/tmp"), err=["{fname}", "is a folder, not a file"]),
        Cli("decl-items-csv-dev-zero", A, decl(items_csv="/dev/zero"), err=["{fname}", "not a regular file"]),
        Cli("decl-items-csv-missing", A, decl(items_csv="nowhere.csv"), err=["nowhere.csv", "no such file"]),
        Cli("decl-items-csv-number", A, decl(items_csv=5), err=["{fname}", "items_csv"]),
        Cli("decl-bom-skipped", A, b"\xef\xbb\xbf" + decl().encode(), exit=0),
        Cli("decl-trailing-garbage", A, decl() + " x", err=["{fname}"]),
        Cli("decl-many-items-inline", A, decl(items=[dict(item, uid=f"U{i}") for i in range(100001)]), err=["{fname}", "more than the limit of 100000"]),
        Cli("decl-stdin-oversized", ["check", "-"], None, stdin=b" " * (32 * MiB + 10), err=["standard input: more than the limit of 33554432 bytes"]),
        Cli("decl-stdin-invalid-utf8", ["check", "-"], None, stdin=b'{"party": "\xff"}', err=["<stdin>: line 1, column 12: invalid UTF-8 (invalid byte, byte 0xFF)"]),
        Cli("csv-too-many-rows", ["check", "{f}.json"], with_csv_json(b"uid,type,facility\n" + b"".join(b"X%d,silo,icbm-base\n" % i for i in range(100001))), ext=".csv", err=["{fname}", "more than the limit of"]),
        Cli("csv-huge-count", ["check", "{f}.json"], with_csv_json(b"uid,type,facility,count\nG,silo,icbm-base,10000000\n"), ext=".csv", err=["{fname}", "more than the limit of 100000"]),
        Cli("csv-negative-count", ["check", "{f}.json"], with_csv_json(b"uid,type,facility,count\nG,silo,icbm-base,-4\n"), ext=".csv", err=["{fname}", "line 2"]),
        Cli("csv-overflow-warheads", ["check", "{f}.json"], with_csv_json(b"uid,type,facility,warheads\nG,icbm,icbm-base,99999999999999999999999\n"), ext=".csv", err=["{fname}", "line 2"]),
        Cli("csv-unclosed-quote", ["check", "{f}.json"], with_csv_json(b'uid,type,facility\n"G,silo,icbm-base\n'), ext=".csv", err=["{fname}", "line 2"]),
        Cli("csv-duplicate-column", ["check", "{f}.json"], with_csv_json(b"uid,uid,type,facility\nG,H,silo,icbm-base\n"), ext=".csv", err=["{fname}", "uid"]),
        Cli("csv-unknown-column", ["check", "{f}.json"], with_csv_json(b"uid,type,facility,colour\nG,silo,icbm-base,red\n"), ext=".csv", err=["{fname}", "colour"]),
        Cli("check-as-of-bad", ["check", "{decl}", "--as-of", "2011-02-31"], None, err=["as-of"]),
        Cli("check-treaty-missing", ["check", "{decl}", "--treaty", "no-such-treaty"], None, err=["no-such-treaty"]),
    ]


def treaty_cases(w):
    base = open(w.paths["treaty"], encoding="utf-8").read()
    A = ["check", "{decl}", "--treaty", "{f}"]
    cat = lambda name, rule: f'\n[[categories]]\nid = "{name}"\nrule = "{rule}"\n'  # noqa: E731
    chain = "".join(cat(f"x{i}", f"x{i-1} and x{i-1}" if i else "deployed") for i in range(40))
    return [
        Cli("treaty-deep-parens", A, base + cat("deep", "(" * 20000 + "deployed" + ")" * 20000), ext=".toml", err=["{fname}", "nested deeper than the limit of 64"]),
        Cli("treaty-many-nots", A, base + cat("nots", "not " * 100000 + "deployed"), ext=".toml", err=["{fname}", "nested deeper than the limit of 64"]),
        Cli("treaty-dotted-key", A, "a" + ".a" * 300000 + " = 1\n", ext=".toml", err=["{fname}", "more than 256 '.' on one line"]),
        Cli("treaty-deep-array", A, "a = " + deep("[", "]", 300) + "\n", ext=".toml", err=["{fname}", "line 1"]),
        Cli("treaty-deep-table", A, "[" + ".".join(["t"] * 300) + "]\n", ext=".toml", err=["{fname}", "more than 256 '.'"]),
        Cli("treaty-duplicate-key", A, 'name = "a"\nname = "b"\n' + base, ext=".toml", err=["{fname}", "line 2"]),
        Cli("treaty-base-self", A, 'base = "{fname}"\n', ext=".toml", err=["{fname}", "base"]),
        Cli("treaty-base-dev-zero", A, 'base = "/dev/zero"\n', ext=".toml", err=["/dev/zero", "not a regular file"]),
        Cli("treaty-base-folder", A, 'base = "/tmp"\n', ext=".toml", err=["/tmp", "is a folder"]),
        Cli("treaty-category-chain", A, base + chain, ext=".toml", err=["{fname}"]),
        Cli("treaty-too-many-categories", A, base + "".join(cat(f"y{i}", "deployed") for i in range(70)), ext=".toml", err=["{fname}", "categories", "more than the limit of 64"]),
        Cli("treaty-unknown-reference", A, base + cat("z", "nonexistent_category and deployed"), ext=".toml", err=["{fname}", "nonexistent_category"]),
        Cli("treaty-rule-unbalanced", A, base + cat("z", "(deployed"), ext=".toml", err=["{fname}", "rule"]),
        Cli("treaty-rule-empty", A, base + cat("z", ""), ext=".toml", err=["{fname}", "rule"]),
        Cli("treaty-limit-negative", A, base.replace("= 1550", "= -1550", 1), ext=".toml", err=["{fname}"]),
        Cli("treaty-limit-overflow", A, base.replace("= 1550", "= 99999999999999999999", 1), ext=".toml", err=["{fname}"]),
        Cli("treaty-date-out-of-range", A, base.replace("2011-02-05", "1979-13-45", 1), ext=".toml", err=["{fname}"]),
        Cli("treaty-nan", A, base.replace("= 1550", "= nan", 1), ext=".toml", err=["{fname}"]),
    ]


def toml_value_cases(w):
    sc = open(w.paths["scenario"], encoding="utf-8").read()
    S = ["simulate", "{f}", "--trials", "100"]
    sw = open(w.paths["sweep"], encoding="utf-8").read()
    W = ["sweep", "{f}", "--out", "{new}"]
    asm = open(w.paths["assumptions"], encoding="utf-8").read()
    U = ["upload", "us-2020-09-01", "--assumptions", "{f}"]
    return [
        Cli("scenario-negative-missiles", S, sc.replace("= 40", "= -40"), ext=".toml", err=["{fname}", "deployed_missiles"]),
        Cli("scenario-huge-missiles", S, sc.replace("= 40", "= 9223372036854775807"), ext=".toml", err=["{fname}", "deployed_missiles"]),
        Cli("scenario-overflow-missiles", S, sc.replace("= 40", "= 99999999999999999999"), ext=".toml", err=["{fname}"]),
        Cli("scenario-overloaded-above-deployed", S, sc.replace("overloaded_missiles = 3", "overloaded_missiles = 41"), ext=".toml", err=["{fname}", "overloaded"]),
        Cli("scenario-probability-2", S, sc.replace("detection_probability = 1.0", "detection_probability = 2.0"), ext=".toml", err=["{fname}", "detection_probability"]),
        Cli("scenario-probability-nan", S, sc.replace("detection_probability = 1.0", "detection_probability = nan"), ext=".toml", err=["{fname}", "detection_probability"]),
        Cli("scenario-probability-inf", S, sc.replace("detection_probability = 1.0", "detection_probability = -inf"), ext=".toml", err=["{fname}", "detection_probability"]),
        Cli("scenario-inspections-negative", S, sc.replace("type_one_per_year = 10", "type_one_per_year = -10"), ext=".toml", err=["{fname}", "type_one_per_year"]),
        Cli("scenario-inspections-huge", S, sc.replace("type_one_per_year = 10", "type_one_per_year = 4000000000"), ext=".toml", err=["{fname}", "type_one_per_year"]),
        Cli("scenario-trials-huge", S, sc.replace("trials = 1000000", "trials = 9223372036854775807"), ext=".toml", err=["{fname}", "simulation.trials (line 21): expected an integer between 1 and 1099511627776"]),
        Cli("scenario-trials-cli-negative", ["simulate", "{scenario}", "--trials", "-5"], None, err=["trials"]),
        Cli("scenario-trials-cli-huge", ["simulate", "{scenario}", "--trials", "99999999999999999999"], None, err=["trials"]),
        Cli("scenario-trials-negative", ["simulate", "{f}"], sc.replace("trials = 1000000", "trials = -1"), ext=".toml", err=["{fname}", "trials"]),
        Cli("scenario-wrong-type", S, sc.replace('name = "One base, closed form"', "name = 5"), ext=".toml", err=["{fname}", "name"]),
        Cli("scenario-many-sites-linear", S, sc + "".join(f'\n[[sites]]\nid = "s{i}"\nkind = "base"\ndeployed_missiles = 1\n' for i in range(20000)), ext=".toml", exit=0),
        Cli("scenario-duplicate-site", S, sc + '\n[[sites]]\nid = "base"\nkind = "base"\ndeployed_missiles = 1\n', ext=".toml", err=["{fname}", "base"]),
        Cli("scenario-unknown-key", S, "colour = 1\n" + sc, ext=".toml", err=["{fname}", "colour"]),
        Cli("scenario-ledger-state-no-data", ["simulate", "{f}", "--data", "{new}"], sc + '\n[ledger_state]\nparty = "US"\nas_of = "2011-03-01"\n', ext=".toml", err=["{fname}"]),
        Cli("sweep-huge-grid", W, sw.replace("to = 5", "to = 2000000000"), ext=".toml", err=["{fname}", "grid"]),
        Cli("sweep-reversed-grid", W, sw.replace("from = 4, to = 5", "from = 5, to = 4"), ext=".toml", err=["{fname}", "grid"]),
        Cli("sweep-scenario-self", W, 'scenario = "sweep-scenario-self.toml"\ntrials = 10\n[grid]\ntype_one_per_year = [1]\n', ext=".toml", err=["{fname}"]),
        Cli("sweep-scenario-dev-zero", W, sw.replace('"scenario.toml"', '"/dev/zero"'), ext=".toml", err=["/dev/zero", "not a regular file"]),
        Cli("sweep-trials-negative", W, sw.replace("trials = 200", "trials = -200"), ext=".toml", err=["{fname}", "trials"]),
        Cli("sweep-unknown-parameter", W, sw.replace("type_one_per_year", "colour"), ext=".toml", err=["{fname}", "colour"]),
        Cli("sweep-shard-bad", ["sweep", "{sweep}", "--out", "{new}", "--shard", "5/4"], None, err=["shard"]),
        Cli("sweep-shard-zero", ["sweep", "{sweep}", "--out", "{new}", "--shard", "0/0"], None, err=["shard"]),
        Cli("sweep-out-is-file", ["sweep", "{sweep}", "--out", "{decl}"], None, err=["decl.json"]),
        Cli("sweep-merge-file", ["sweep", "merge", "{decl}"], None, err=["decl.json"]),
        Cli("assumptions-wrong-party", U, asm.replace('party = "US"', 'party = "RU"'), ext=".toml", err=["{fname}", "party: the assumptions are for party 'RU'"]),
        Cli("assumptions-negative", U, asm.replace("value = 800", "value = -800", 1), ext=".toml", err=["{fname}", "warheads_available"]),
        Cli("assumptions-low-above-high", U, asm.replace("low = 400, high = 953", "low = 953, high = 400", 1), ext=".toml", err=["{fname}", "warheads_available"]),
        Cli("assumptions-nan", U, asm.replace("value = 800", "value = nan", 1), ext=".toml", err=["{fname}", "warheads_available"]),
        Cli("assumptions-huge", U, asm.replace("value = 800", "value = 9223372036854775807", 1), ext=".toml", err=["{fname}", "warheads_available"]),
        Cli("assumptions-string-value", U, asm.replace("value = 800", 'value = "800"', 1), ext=".toml", err=["{fname}", "warheads_available"]),
        Cli("assumptions-no-party", U, asm.replace('party = "US"', ""), ext=".toml", err=["{fname}", "party"]),
    ]


def ledger_cases(w):
    line = json.loads(w.next_line["US"])
    L = ["ledger", "append", "--data", "{data}", "{f}"]

    def signed_with(**changes):
        return json.dumps(dict(line, **changes)) + "\n"

    def body_with(**changes):
        return json.dumps(dict(line, body=dict(line["body"], **changes))) + "\n"

    ru = w.next_line["RU"]
    ok_us = w.next_line["US"]
    return [
        Cli("append-deep-line", L, deep("[", "]", 60000) + "\n", ext=".jsonl", ledger=True, err=["{fname}", "nested deeper than the limit of 64"]),
        Cli("append-bad-signature", L, signed_with(serial=3), ext=".jsonl", ledger=True, err=["{fname}", "signature"]),
        Cli("append-null-body", L, signed_with(body=None), ext=".jsonl", ledger=True, err=["{fname}", "body"]),
        Cli("append-null-uid", L, body_with(uid=None), ext=".jsonl", ledger=True, err=["{fname}", "uid"]),
        Cli("append-serial-negative", L, signed_with(serial=-1), ext=".jsonl", ledger=True, err=["{fname}", "serial"]),
        Cli("append-serial-overflow", L, signed_with(serial=18446744073709551616), ext=".jsonl", ledger=True, err=["{fname}", "serial"]),
        Cli("append-serial-string", L, signed_with(serial="2"), ext=".jsonl", ledger=True, err=["{fname}", "serial"]),
        Cli("append-occurred-out-of-range", L, signed_with(occurred="2011-02-30"), ext=".jsonl", ledger=True, err=["{fname}", "occurred"]),
        Cli("append-sent-out-of-range", L, signed_with(sent="2011-02-20T25:61:00Z"), ext=".jsonl", ledger=True, err=["{fname}", "sent"]),
        Cli("append-unknown-type", L, signed_with(type="launch"), ext=".jsonl", ledger=True, err=["{fname}", "type"]),
        Cli("append-duplicate-key", L, ok_us[:-1] + ', "serial": 2}\n', ext=".jsonl", ledger=True, err=["{fname}", "serial: duplicate key"]),
        Cli("append-replayed", L, w.paths and open(w.paths["signed"]).read(), ext=".jsonl", ledger=True, err=["{fname}", "serial"]),
        Cli("append-good-then-bad", L, ok_us + "\n" + "{\n", ext=".jsonl", ledger=True, err=["{fname}", "line 2, column 2: invalid JSON"]),
        Cli("append-good-then-bad-utf8", L, ok_us.encode() + b"\n" + ru.encode()[:-2] + b"\xff\"}\n", ext=".jsonl", ledger=True, err=["{fname}", "line 2", "invalid UTF-8"]),
        Cli("append-other-party-key", L, ru.replace('"party":"RU"', '"party":"US"'), ext=".jsonl", ledger=True, err=["{fname}", "belongs to RU, not to US"]),
        Cli("append-party-unknown", L, signed_with(party="XX"), ext=".jsonl", ledger=True, err=["{fname}", "XX"]),
        Cli("append-many-blank-lines", L, "\n" * 1000000, ext=".jsonl", ledger=True, err=["{fname}"]),
        Cli("append-long-line", L, '{"x": "' + "a" * (30 * MiB) + '"}\n', ext=".jsonl", ledger=True, err=["{fname}", "x: unknown field"]),
        Cli("append-crlf-bad", L, "{\r\n", ext=".jsonl", ledger=True, err=["{fname}", "line 2, column 1: invalid JSON"]),
        Cli("append-no-ledger", ["ledger", "append", "--data", "{new}", "{signed}"], None, err=["no ledger"]),
        Cli("append-data-is-file", ["ledger", "append", "--data", "{decl}", "{signed}"], None, err=["decl.json"]),
        Cli("verify-data-is-file", ["ledger", "verify", "--data", "{decl}"], None, err=["decl.json"]),
        Cli("verify-data-is-dev-zero", ["ledger", "verify", "--data", "/dev/zero"], None, err=["/dev/zero"]),
        Cli("verify-data-missing", ["ledger", "verify", "--data", "{new}"], None, err=[".new"]),
        Cli("init-data-is-file", ["ledger", "init", "--data", "{decl}"], None, err=["decl.json"]),
        Cli("init-data-under-file", ["ledger", "init", "--data", "{decl}/sub"], None, err=["decl.json"]),
        Cli("init-data-link-to-file", ["ledger", "init", "--data", "{f}"], symlink_to("/etc/hostname"), ext=".link", err=["{fname}"]),
        Cli("init-data-unwritable", ["ledger", "init", "--data", "{f}/sub"], unwritable_folder, ext=".ro", nobody=True, err=["{fname}/sub: cannot create: Permission denied"]),
        Cli("keys-new-unwritable", ["keys", "new", "--party", "US", "--out", "{f}"], unwritable_folder, ext=".ro", nobody=True, err=["{fname}/US.key: cannot create: Permission denied"]),
        Cli("sweep-out-unwritable", ["sweep", "{sweep}", "--out", "{f}/out"], unwritable_folder, ext=".ro", nobody=True, err=["{fname}/out: cannot create: Permission denied"]),
        Cli("verify-data-unreadable", ["ledger", "verify", "--data", "{data}"], None, nobody=True, err=["{data}: cannot read: Permission denied"]),
        Cli("append-data-unreadable", ["ledger", "append", "--data", "{data}", "{signed}"], None, nobody=True, ledger=True, err=["{data}: cannot read: Permission denied"]),
        Cli("init-data-exists", ["ledger", "init", "--data", "{data}"], None, ledger=True, err=["already"]),
        Cli("import-into-existing", ["ledger", "import", "--data", "{data}", "{export}"], None, ledger=True, err=["the ledger is not empty"]),
        Cli("import-edited-entry", ["ledger", "import", "--data", "{new}", "{f}"], open(w.paths["export"]).read().replace('"serial":1', '"serial":7', 1), ext=".jsonl", err=["{fname}"]),
        Cli("import-only-header", ["ledger", "import", "--data", "{new}", "{f}"], open(w.paths["export"]).read().split("\n")[0] + "\n", ext=".jsonl", err=["{fname}"]),
        Cli("state-bad-date", ["ledger", "state", "--data", "{data}", "--as-of", "2011-02-30", "--party", "US"], None, ledger=True, err=["2011-02-30"]),
        Cli("state-unknown-party", ["ledger", "state", "--data", "{data}", "--as-of", "2011-03-01", "--party", "X\x01Y"], None, ledger=True, err=["X\\x01Y"]),
        Cli("timeline-reversed", ["ledger", "timeline", "--data", "{data}", "--party", "US", "--from", "2012-01-01", "--to", "2011-01-01"], None, ledger=True, err=["--to is before --from"]),
        Cli("timeline-huge-range", ["ledger", "timeline", "--data", "{data}", "--party", "US", "--from", "0001-01-01", "--to", "9999-12-31"], None, ledger=True, err=["from"]),
        Cli("prove-index-huge", ["ledger", "prove", "--data", "{data}", "--index", "99999999999"], None, ledger=True, err=["index"]),
        Cli("prove-index-negative", ["ledger", "prove", "--data", "{data}", "--index", "-1"], None, ledger=True, err=["index"]),
        Cli("consistency-from-above", ["ledger", "consistency", "--data", "{data}", "--from", "5"], None, ledger=True, err=["5"]),
        Cli("sample-reversed", ["ledger", "sample", "--data", "{new}", "--from", "2020-01-01", "--to", "2011-01-01"], None, err=["in the range"]),
        Cli("keys-new-out-is-file", ["keys", "new", "--party", "US", "--out", "{decl}"], None, err=["decl.json"]),
        Cli("keys-new-bad-party", ["keys", "new", "--party", "../../x", "--out", "{new}"], None, err=["party"]),
        Cli("secret-key-readable", ["notify", "sign", "--key", "{f}", "{draft}"], copy_of(w.paths["us_key"]), ext=".world-readable", err=["{fname}", "readable by group or others (mode 0644)"]),
        Cli("proof-leaf-hash-wrong", ["ledger", "check-proof", "{f}"], json.dumps(dict(json.loads(open(w.paths["proof"]).read()), leaf_hash="00" * 32)), exit=1, err=["{fname}", "leaf_hash"]),
        Cli("proof-hashes-huge", ["ledger", "check-proof", "{f}"], json.dumps(dict(json.loads(open(w.paths["proof"]).read()), proof=["00" * 32] * 100000)), exit=1, err=["{fname}"]),
        Cli("proof-index-negative", ["ledger", "check-proof", "{f}"], json.dumps(dict(json.loads(open(w.paths["proof"]).read()), index=-1)), err=["{fname}", "index"]),
        Cli("proof-bad-hex", ["ledger", "check-proof", "{f}"], json.dumps(dict(json.loads(open(w.paths["proof"]).read()), leaf_hash="zz" * 32)), err=["{fname}", "leaf_hash"]),
        Cli("consistency-from-zero", ["ledger", "check-proof", "{f}"], json.dumps(dict(json.loads(open(w.paths["consistency"]).read()), **{"from": 0})), err=["{fname}", "a consistency proof from size 0 must be empty"]),
    ]


def areas(w):
    rs = readers(w)
    cases = [c for r in rs for c in generated(r)]
    return [("cli-readers", cases), ("cli-declarations", declaration_cases(w)),
            ("cli-treaties", treaty_cases(w)), ("cli-scenarios-sweeps-assumptions", toml_value_cases(w)),
            ("cli-ledger", ledger_cases(w))]
