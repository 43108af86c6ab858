"""The ledger from Python: the CLI's replay, timelines as arrays, proofs."""
import json
import sqlite3

import numpy as np
import pandas as pd
import pytest

import verity
from conftest import cli_json, run_cli


@pytest.fixture(scope="module")
def ledger(sample_ledger):
    return verity.Ledger(sample_ledger)


def test_state_is_the_cli_state(ledger, sample_ledger):
    state = ledger.state("2012-01-01", "US")
    assert state.to_dict() == cli_json("ledger", "state", "--data", sample_ledger,
                                       "--as-of", "2012-01-01", "--party", "US")
    assert verity.check(state).json == verity.check(state.to_dict()).json


def test_state_before_any_notification_is_invalid_input(ledger):
    with pytest.raises(verity.InvalidInput, match="no notifications of US on or before 2000"):
        ledger.state("2000-01-01", "US")


def test_timeline_is_a_frame_by_date_over_the_cli_rows(ledger, sample_ledger):
    frame = ledger.timeline("RU", "2011-03-01", "2011-06-30")
    rows = cli_json("ledger", "timeline", "--data", sample_ledger, "--party", "RU",
                    "--from", "2011-03-01", "--to", "2011-06-30")
    assert isinstance(frame.index, pd.DatetimeIndex)
    assert frame.index[0] == pd.Timestamp("2011-03-01")
    assert list(frame.columns) == ["deployed", "warheads", "launchers"]
    assert frame.reset_index().assign(date=lambda f: f.date.dt.strftime("%Y-%m-%d")) \
        .to_dict("records") == rows
    assert frame.to_numpy().dtype == np.int64


def test_entries_ambiguities_and_proofs(ledger, sample_ledger):
    entries = ledger.entries()
    assert len(entries) == len(ledger) > 0
    assert list(entries.index[:3]) == [0, 1, 2]
    assert set(entries["party"]) == {"US", "RU"}
    assert ledger.ambiguities().to_dict("records") == cli_json(
        "ledger", "ambiguities", "--data", sample_ledger)
    report = ledger.verify()
    assert report["rows"] == len(ledger)
    proof = ledger.prove(5)
    assert proof == json.loads(run_cli("ledger", "prove", "--data", sample_ledger,
                                       "--index", 5)[1])
    assert "5" in verity.check_proof(proof)
    first = proof["proof"][0]
    proof["proof"][0] = ("0" if first[0] != "0" else "1") + first[1:]
    with pytest.raises(verity.VerificationFailed):
        verity.check_proof(proof)


def test_tampering_raises_verification_failed(sample_ledger, tmp_path):
    copy = tmp_path / "copy"
    run_cli("ledger", "export", "--data", sample_ledger, "--out", tmp_path / "export.jsonl")
    run_cli("ledger", "import", "--data", copy, tmp_path / "export.jsonl")
    db = sqlite3.connect(copy / "ledger.sqlite")
    db.execute("UPDATE entries SET entry = replace(entry, '\"US\"', '\"UX\"') WHERE idx = 3")
    db.commit()
    db.close()
    with pytest.raises(verity.VerificationFailed) as e:
        verity.Ledger(copy).verify()
    assert e.value.report["problems"]

