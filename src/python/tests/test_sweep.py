"""Sweeps: the same table in-process, from the CLI's shards and on a LocalCluster."""
import hashlib
import json
import struct

import pandas as pd
import pytest

import verity
from conftest import ROOT, cli_json, run_cli

SCENARIO = str(ROOT / "data" / "scenarios" / "us-2020-upload.toml")
GRID = {"type_one_per_year": range(4, 8), "detection_probability": [0.8, 1.0]}
TRIALS = 4000


@pytest.fixture(scope="module")
def in_process():
    return verity.sweep(SCENARIO, grid=GRID, trials=TRIALS, seed=11)


def expected_seed(sweep_seed, point):
    # The derivation as docs/statistics.md states it, computed independently.
    text = json.dumps(point, sort_keys=True, separators=(",", ":"))
    digest = hashlib.sha256(f"verity-sweep-v1\n{sweep_seed}\n{text}".encode()).digest()
    return struct.unpack("<Q", digest[:8])[0]


def test_rows_follow_the_grid_and_seeds_follow_the_rule(in_process):
    assert list(in_process.columns[:2]) == ["detection_probability", "type_one_per_year"]
    assert len(in_process) == 8
    assert list(in_process.type_one_per_year[:4]) == [4, 5, 6, 7]
    for _, row in in_process.iterrows():
        point = {"detection_probability": row.detection_probability,
                 "type_one_per_year": int(row.type_one_per_year)}
        assert row.seed == expected_seed(11, point)
    assert (in_process.low <= in_process.estimate).all()
    assert (in_process.estimate <= in_process.high).all()
    p = in_process[in_process.detection_probability == 1.0].set_index("type_one_per_year")
    assert p.loc[7, "detected_trials"] > p.loc[4, "detected_trials"]  # more quota, more caught


def test_a_point_keeps_its_seed_and_result_when_the_grid_grows(in_process):
    one = verity.sweep(SCENARIO, grid={"type_one_per_year": [6], "detection_probability": 0.8},
                       trials=TRIALS, seed=11)
    row = in_process[(in_process.type_one_per_year == 6) &
                     (in_process.detection_probability == 0.8)]
    assert one.iloc[0].to_dict() == row.iloc[0].to_dict()


def test_the_cli_shards_merge_to_the_same_table(in_process, tmp_path):
    spec = tmp_path / "spec.toml"
    spec.write_text(f'scenario = "{SCENARIO}"\ntrials = {TRIALS}\nseed = 11\n[grid]\n'
                    'type_one_per_year = {from = 4, to = 7}\ndetection_probability = [0.8, 1.0]\n')
    for shard in range(3):
        run_cli("sweep", spec, "--shard", f"{shard}/3", "--out", tmp_path / "out")
    merged = cli_json("sweep", "merge", tmp_path / "out")
    table = pd.DataFrame([{**r["point"], **{c: r[c] for c in in_process.columns[2:]}}
                          for r in merged["rows"]])[list(in_process.columns)]
    pd.testing.assert_frame_equal(table, in_process)


def test_merge_refuses_incomplete_or_mixed_shards(tmp_path):
    spec = tmp_path / "spec.toml"
    spec.write_text(f'scenario = "{SCENARIO}"\ntrials = 100\n[grid]\ntype_one_per_year = [4, 5]\n')
    run_cli("sweep", spec, "--shard", "0/2", "--out", tmp_path / "out")
    code, _, err = run_cli("sweep", "merge", tmp_path / "out", check=False)
    assert code == 2 and "missing points 1" in err
    spec.write_text(f'scenario = "{SCENARIO}"\ntrials = 200\n[grid]\ntype_one_per_year = [4, 5]\n')
    run_cli("sweep", spec, "--shard", "1/2", "--out", tmp_path / "out")
    code, _, err = run_cli("sweep", "merge", tmp_path / "out", check=False)
    assert code == 2 and "fingerprint differs" in err


def test_bad_grids_are_invalid_input():
    with pytest.raises(verity.InvalidInput, match="grid.quota: not a sweep parameter"):
        verity.sweep(SCENARIO, grid={"quota": [1]}, trials=10)
    with pytest.raises(verity.InvalidInput, match=r"grid.type_one_per_year\[1\]: expected an int"):
        verity.sweep(SCENARIO, grid={"type_one_per_year": [4, 4.5]}, trials=10)
    with pytest.raises(verity.InvalidInput, match="trials"):
        verity.sweep(SCENARIO, grid={"type_one_per_year": [4]}, trials=0)


def test_a_local_cluster_of_processes_gives_the_same_table(in_process):
    distributed = pytest.importorskip("distributed")
    with distributed.LocalCluster(n_workers=2, threads_per_worker=1, processes=True,
                                  dashboard_address=None) as cluster, \
            distributed.Client(cluster) as client:
        on_cluster = verity.sweep(SCENARIO, grid=GRID, trials=TRIALS, seed=11, client=client)
        workers = client.run(lambda: __import__("os").getpid())
    assert len(set(workers.values())) == 2
    pd.testing.assert_frame_equal(on_cluster, in_process)
