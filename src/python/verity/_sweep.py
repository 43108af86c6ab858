"""Parameter sweeps, in this process or on a dask.distributed cluster.

The grid, the points, each point's seed and each point's run are the
library's (src/stats/sweep.h), shared with `verity sweep`: a point's seed is
the first 8 bytes (little-endian) of SHA-256("verity-sweep-v1\\n" + seed +
"\\n" + the point as sorted compact JSON), so the table does not depend on
where or in what order the points run.
"""
import json
import os

from . import _verity
from ._counting import _pd

COLUMNS = ("seed", "trials", "detected_trials", "estimate", "low", "high")


def _values(values):
    if hasattr(values, "tolist"):  # NumPy arrays and scalars
        values = values.tolist()
    if isinstance(values, (int, float)):
        values = [values]
    return [v.item() if hasattr(v, "item") else v for v in values]


def _run_point(scenario, index, point, seed, trials, threads):
    """One point (runs on a Dask worker: `verity` must be importable there)."""
    return _verity.sweep_point(scenario, index, json.dumps(point), seed, trials, threads)


def sweep(scenario, grid, trials=100_000, seed=1, client=None, threads=1):
    """Run a scenario at every point of a grid (as `verity sweep`).

    scenario: Scenario file (TOML); on a cluster the path must be readable by
        every worker (a shared folder), as must the declaration it names.
    grid: {parameter: values}, e.g. {"type_one_per_year": range(4, 19)};
        parameters: type_one_per_year, type_two_per_year, overloaded_missiles,
        detection_probability. Axes are taken in the order of their names.
    trials: per point; seed: the sweep's seed; threads: per point.
    client: a dask.distributed Client; its workers run the points. None runs
        them here, one after another.

    Returns a DataFrame, a row per point (in the grid's order): the
    parameters, then seed, trials, detected_trials, estimate (of the chance
    of detection within a treaty year), low and high (its 95% Wilson
    interval). Identical whatever runs it.
    """
    path = os.path.abspath(os.fspath(scenario))
    text = json.dumps({name: _values(values) for name, values in grid.items()})
    points = _verity.sweep_points(text, trials, threads, seed)
    args = [(path, i, point, seed, trials, threads) for i, point, _ in points]
    if client is None:
        rows = [_run_point(*a) for a in args]
    else:
        futures = client.map(_run_point, *zip(*args), pure=False)
        rows = client.gather(futures)
    names = sorted(points[0][1]) if points else []
    table = [[row["point"][n] for n in names] + [row[c] for c in COLUMNS]
             for row in sorted(rows, key=lambda r: r["index"])]
    return _pd().DataFrame(table, columns=names + list(COLUMNS))
