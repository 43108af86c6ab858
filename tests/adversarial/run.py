#!/usr/bin/python3
"""Hostile inputs against every reader of `verity` and every route of `verity serve`.

The cases are tables: cli_cases.py (one line per CLI case, plus generated
families: every reader x ill-formed UTF-8 at several places, NUL bytes,
folders, FIFOs, devices, oversized files) and http_cases.py (one line per
request against a real server on loopback). Each case states its exact
outcome: a CLI exit code with message parts (the file, the place, the
reason), or an HTTP status with its error code. Every case also must not
crash, hang (each run is bounded by a timeout), exit 3, answer 500 or show
library text; a case against the ledger must leave it as it was (the output
of `ledger verify`, `ledger export` and `ledger state` compared before and
after, or the tree head for the server).

    tests/adversarial/run.py --verity build/bin/verity [--only TEXT] [--verbose]
"""
import argparse
import pathlib
import shutil
import sys
import tempfile
import time

sys.path.insert(0, str(pathlib.Path(__file__).resolve().parent))

import cli_cases  # noqa: E402
import http_cases  # noqa: E402
from world import World, forbidden_text  # noqa: E402


def check_cli(world, case):
    """Runs one CLI case; returns a list of failures (empty: passed)."""
    args = world.expand(case)
    before = world.snapshot() if case.ledger else None
    try:
        code, out, err = world.run(args, stdin=case.stdin, nobody=case.nobody)
    except TimeoutError:
        return [f"no answer within {world.timeout} s (a hang)"]
    failures = forbidden_text(err, "stderr") + forbidden_text(out, "stdout")
    err_text, out_text = err.decode(errors="replace"), out.decode(errors="replace")
    if code != case.exit:
        failures.append(f"exit {code}, expected {case.exit}")
    for part in case.expand_err(world):
        if part not in err_text:
            failures.append(f"stderr lacks {part!r}")
    if case.exit == 2 and out_text.strip():
        failures.append(f"stdout not empty on bad input: {out_text[:120]!r}")
    if before is not None and world.snapshot() != before:
        failures.append("the stored ledger changed")
    if failures:
        failures.append(f"stderr: {err_text[-400:]!r}")
    return failures


def run_table(name, cases, check, world, only, verbose):
    failed = 0
    count = 0
    start = time.monotonic()
    for case in cases:
        if only and only not in case.name:
            continue
        count += 1
        failures = check(world, case)
        if failures:
            failed += 1
            print(f"FAIL {name}/{case.name}: " + "; ".join(failures))
        elif verbose:
            print(f"ok   {name}/{case.name}")
    if verbose:
        print(f"{name}: {time.monotonic() - start:.1f} s")
    return count, failed


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--verity", required=True)
    parser.add_argument("--only", help="run only the cases whose name contains this")
    parser.add_argument("--verbose", action="store_true")
    parser.add_argument("--keep", action="store_true", help="keep the temporary folder")
    args = parser.parse_args()
    start = time.monotonic()
    tmp = pathlib.Path(tempfile.mkdtemp(prefix="verity-adversarial-"))
    totals = {}
    failed = 0
    try:
        world = World(pathlib.Path(args.verity).resolve(), tmp)
        for area, cases in cli_cases.areas(world):
            n, f = run_table(area, cases, check_cli, world, args.only, args.verbose)
            totals[area] = n
            failed += f
        for area, cases, check in http_cases.areas(world):
            n, f = run_table(area, cases, check, world, args.only, args.verbose)
            totals[area] = n
            failed += f
        failed += http_cases.finish(world)
    finally:
        if args.keep:
            print(f"kept {tmp}")
        else:
            shutil.rmtree(tmp, ignore_errors=True)
    for area, n in totals.items():
        print(f"{area}: {n} cases")
    total = sum(totals.values())
    print(f"adversarial: {total} hostile inputs, {total - failed} passed, {failed} failed "
          f"in {time.monotonic() - start:.1f} s")
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
