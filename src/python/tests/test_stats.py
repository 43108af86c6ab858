"""Statistics from Python: the CLI's numbers, arrays without copies, the GIL."""
import fractions
import threading

import numpy as np
import pytest

import verity
from conftest import cli_json

SCENARIO = "data/scenarios/us-2020-upload.toml"
RUN_ONLY = ("seconds", "cpu_seconds", "designations_per_second", "threads", "kernel")


def test_exact_statistics_are_the_cli_answers():
    assert verity.detect(20, 1, 5) == cli_json("stats", "detect", "-N", 20, "-R", 1, "-n", 5)[
        "detection_probability"]
    s = verity.sample_size(20, 1, 0.05)
    answer = cli_json("stats", "sample-size", "-N", 20, "-R", 1, "-P", "0.05")
    assert (s.exact, s.iaea) == (answer["sample_size"], answer["sample_size_iaea"])
    g = verity.game(5, 2)
    answer = cli_json("stats", "game", "-n", 5, "-m", 2)
    assert g.fraction == fractions.Fraction(answer["fraction"])
    assert g.value == answer["value"]
    assert verity.game2x2(gain=2, sanction=3) == cli_json("stats", "game2x2", "-d", 2, "-b", 3)


def test_statistics_refuse_bad_arguments():
    with pytest.raises(verity.InvalidInput, match="--detect"):
        verity.sample_size(20, 1, "1.5")
    with pytest.raises(verity.InvalidInput):
        verity.detect(5, 6, 1)
    with pytest.raises(TypeError, match="unknown payoffs"):
        verity.game2x2(bribe=1)


def test_plan_is_the_cli_plan():
    p = verity.plan(SCENARIO, inspections=12)
    assert p.json == cli_json("inspect", "plan", SCENARIO, "--inspections", 12)
    assert p.bases["expected_inspections"].sum() == pytest.approx(12)


def _strip(answer):
    return {k: v for k, v in answer.items() if k not in RUN_ONLY}


def test_simulate_gives_the_cli_result_and_arrays():
    sim = verity.simulate(SCENARIO, trials=20000, threads=2, seed=7)
    cli = cli_json("simulate", SCENARIO, "--trials", 20000, "--threads", 1, "--seed", 7)
    assert _strip(sim.json) == _strip(cli)
    assert sim.first_detection.dtype == np.uint64
    assert sim.first_detection.sum() == cli["detected_trials"]
    steps = cli["time_to_first_detection"]
    assert sim.first_detection.tolist() == [round(s["probability"] * 20000) for s in steps]
    assert len(sim.site_detections) == len(sim.sites)
    assert not sim.first_detection.flags.owndata  # a view of the engine's vector
    assert sim.interval[0] < sim.detection_probability < sim.interval[1]


def test_progress_is_called_and_its_exception_raised():
    calls = []
    verity.simulate(SCENARIO, trials=3_000_000, threads=1, seed=1,
                    progress=lambda done, total: calls.append((done, total)))
    assert calls and all(total == 3_000_000 for _, total in calls)
    assert [d for d, _ in calls] == sorted(d for d, _ in calls)

    def stop(done, total):
        raise KeyError("stop")

    with pytest.raises(KeyError, match="stop"):
        verity.simulate(SCENARIO, trials=3_000_000, threads=1, progress=stop)


def test_simulate_releases_the_gil():
    started, ticks = threading.Event(), []

    def progress(done, total):
        started.set()

    worker = threading.Thread(target=verity.simulate, args=(SCENARIO,),
                              kwargs=dict(trials=6_000_000, threads=1, progress=progress))
    worker.start()
    started.wait(30)
    while worker.is_alive():
        ticks.append(1)  # runs only while the simulation does not hold the GIL
        worker.join(0.001)
    assert len(ticks) > 10


def test_simulate_reports_scenario_errors(tmp_path):
    bad = tmp_path / "s.toml"
    bad.write_text('name = "x"\n[[sites]]\nid = "a"\ndeployed_missiles = -4\n')
    with pytest.raises(verity.InvalidInput) as e:
        verity.simulate(bad, trials=10)
    assert e.value.file == str(bad)
    assert e.value.path == "sites[0].deployed_missiles (line 4)"
