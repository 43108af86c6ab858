"""Fixtures of the Python package's tests. The CLI (VERITY_CLI, the build's
bin/verity) is the independent side of every comparison: the package never
runs it, the tests do, to check that both give the same answers."""
import json
import os
import pathlib
import subprocess

import pytest

ROOT = pathlib.Path(__file__).resolve().parents[3]
CLI = os.environ.get("VERITY_CLI", str(ROOT / "build" / "bin" / "verity"))


def run_cli(*args, check=True):
    """(exit code, stdout, stderr) of one CLI run."""
    p = subprocess.run([CLI, *map(str, args)], capture_output=True, text=True, cwd=ROOT)
    if check and p.returncode not in (0, 1):
        raise AssertionError(f"verity {' '.join(map(str, args))}: {p.returncode}: {p.stderr}")
    return p.returncode, p.stdout, p.stderr


def cli_json(*args):
    code, out, _ = run_cli(*args, "--json")
    return json.loads(out)


@pytest.fixture(scope="session")
def root():
    return ROOT


@pytest.fixture(scope="session")
def sample_ledger(tmp_path_factory):
    """A sample history of 16 months (written by the CLI once per session)."""
    data = tmp_path_factory.mktemp("ledger")
    run_cli("ledger", "sample", "--data", data, "--from", "2011-02-05", "--to", "2012-06-01")
    return data
