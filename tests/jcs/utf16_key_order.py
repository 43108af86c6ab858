#!/usr/bin/env python3
"""Holds CanonicalJson to an independent RFC 8785 encoder: Python's own.

RFC 8785 section 3.2.3 sorts object keys by their UTF-16 code units; here
that is `key.encode("utf-16-be")`, and strings are written as
json.dumps(ensure_ascii=False) writes them, which is JCS's escaping.
Random objects (fixed seed) mix keys from every range whose order differs
between UTF-8 bytes and UTF-16 units: ASCII, the BMP below and above the
surrogates, and the supplementary planes.

Usage: utf16_key_order.py path/to/canonical_json_tool
"""
import json
import random
import subprocess
import sys

RANGES = [(0x20, 0x7E), (0x00, 0x1F), (0x80, 0x7FF), (0x800, 0xD7FF), (0xE000, 0xFFFF),
          (0x10000, 0x10FFFF), (0xFB00, 0xFB4F), (0x1F600, 0x1F64F)]


def random_key(rng):
    chars = []
    for _ in range(rng.randint(0, 4)):
        lo, hi = rng.choice(RANGES)
        chars.append(chr(rng.randint(lo, hi)))
    return "".join(chars)


def random_value(rng, depth):
    kind = rng.randint(0, 5 if depth < 3 else 2)
    if kind == 0:
        return rng.randint(-2**53, 2**53)
    if kind == 1:
        return random_key(rng)
    if kind == 2:
        return rng.choice([None, True, False])
    if kind == 3:
        return [random_value(rng, depth + 1) for _ in range(rng.randint(0, 3))]
    return random_object(rng, depth + 1)


def random_object(rng, depth=0):
    return {random_key(rng): random_value(rng, depth) for _ in range(rng.randint(1, 12))}


def jcs(value):
    if isinstance(value, dict):
        keys = sorted(value, key=lambda k: k.encode("utf-16-be"))
        return "{" + ",".join(jcs(k) + ":" + jcs(value[k]) for k in keys) + "}"
    if isinstance(value, list):
        return "[" + ",".join(jcs(v) for v in value) + "]"
    return json.dumps(value, ensure_ascii=False)


def main():
    tool = sys.argv[1]
    rng = random.Random(8785)
    for case in range(300):
        doc = random_object(rng)
        # ASCII-only input: every non-ASCII key arrives as \u escapes,
        # supplementary ones as surrogate pairs.
        text = json.dumps(doc, ensure_ascii=True)
        run = subprocess.run([tool], input=text.encode(), capture_output=True)
        if run.returncode != 0:
            sys.exit(f"case {case}: tool failed: {run.stderr.decode()}")
        want = jcs(doc).encode("utf-8")
        if run.stdout != want:
            sys.exit(f"case {case}: differs\n  input {text}\n  got   {run.stdout!r}\n"
                     f"  want  {want!r}")
    print("300 random documents: CanonicalJson matches the UTF-16 ordered encoding")


if __name__ == "__main__":
    main()
