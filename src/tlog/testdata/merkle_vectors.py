#!/usr/bin/env python3
"""Independent RFC 9162 Merkle tree vectors for merkle_test.cc.

Computes, with hashlib and the recursive definitions of RFC 9162 section
2.1 (MTH, PATH, PROOF), the root of trees whose leaves are the entries
"entry-0", "entry-1", ..., every inclusion proof and every consistency
proof, and prints them as JSON: {"<n>": {"root": hex, "paths": [[hex..]..],
"proofs": {"<m>": [hex..]}}}.
"""
import hashlib
import json
import sys


def leaf(entry):
    return hashlib.sha256(b"\x00" + entry).digest()


def node(left, right):
    return hashlib.sha256(b"\x01" + left + right).digest()


def split(n):
    k = 1
    while k * 2 < n:
        k *= 2
    return k


def mth(d):
    if not d:
        return hashlib.sha256(b"").digest()
    if len(d) == 1:
        return leaf(d[0])
    k = split(len(d))
    return node(mth(d[:k]), mth(d[k:]))


def path(m, d):
    if len(d) <= 1:
        return []
    k = split(len(d))
    if m < k:
        return path(m, d[:k]) + [mth(d[k:])]
    return path(m - k, d[k:]) + [mth(d[:k])]


def subproof(m, d, b):
    n = len(d)
    if m == n:
        return [] if b else [mth(d)]
    k = split(n)
    if m <= k:
        return subproof(m, d[:k], b) + [mth(d[k:])]
    return subproof(m - k, d[k:], False) + [mth(d[:k])]


def main():
    max_n = int(sys.argv[1]) if len(sys.argv) > 1 else 20
    entries = [b"entry-%d" % i for i in range(max_n)]
    out = {}
    for n in range(0, max_n + 1):
        d = entries[:n]
        out[str(n)] = {
            "root": mth(d).hex(),
            "paths": [[h.hex() for h in path(i, d)] for i in range(n)],
            "proofs": {str(m): [h.hex() for h in subproof(m, d, True)] for m in range(1, n + 1)},
        }
    json.dump(out, sys.stdout)


if __name__ == "__main__":
    main()
