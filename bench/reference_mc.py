#!/usr/bin/env python3
"""Reference Monte Carlo of Verity's inspection model, in NumPy.

The same model as src/stats/montecarlo.h, written the way one would in
NumPy: vectorised over a chunk of trials, one array operation per inspection
step. It reads a scenario file with inline [[sites]] (e.g.
data/scenarios/bench.toml) and prints the estimate, its 95% Wilson interval
and the throughput. Used by bench/run-stats-bench.sh to compare speed and to
check that both implementations estimate the same probability.

Usage: reference_mc.py SCENARIO.toml [--trials N] [--seed S] [--json]
"""
import argparse
import json
import math
import sys
import time
import tomllib

import numpy as np

Z95 = 1.959963984540054
CHUNK = 1 << 17


def proportional(sizes, total):
    """Largest-remainder apportionment, ties to the lower index."""
    s = sum(sizes)
    exact = [size * total for size in sizes]
    share = [e // s for e in exact]
    order = sorted(range(len(sizes)), key=lambda i: (-(exact[i] % s), i))
    for i in order[: total - sum(share)]:
        share[i] += 1
    return share


def load(path):
    with open(path, "rb") as f:
        doc = tomllib.load(f)
    sites = doc["sites"]
    conceal = doc.get("concealment", {})
    inspection = doc.get("inspection", {})
    spread = conceal.get("spread", "proportional")
    if spread not in ("proportional", "explicit"):
        sys.exit("reference_mc.py supports spread = proportional or explicit only")
    sizes = [s.get("deployed_missiles", 0) for s in sites]
    if spread == "proportional":
        over = proportional(sizes, conceal.get("overloaded_missiles", 0))
    else:
        over = [s.get("overloaded", 0) for s in sites]
    return doc, sites, sizes, over, inspection


def schedule(m1, m2):
    steps, i, j = [], 0, 0
    while i < m1 or j < m2:
        one = j >= m2 or (i < m1 and (2 * i + 1) * m2 <= (2 * j + 1) * m1)
        steps.append(1 if one else 2)
        if one:
            i += 1
        else:
            j += 1
    return steps


def site_table(sites, kind, choice):
    idx, weights = [], []
    for i, s in enumerate(sites):
        if s.get("kind", "base") != kind:
            continue
        if kind == "base" and s.get("deployed_missiles", 0) == 0:
            continue
        if choice == "uniform":
            w = 1.0
        elif choice == "weighted":
            w = float(s.get("deployed_missiles", 0) if kind == "base" else s.get("non_deployed", 0))
        else:
            w = float(s.get("weight", 1.0))
        if w > 0:
            idx.append(i)
            weights.append(w)
    w = np.array(weights, dtype=np.float64)
    return np.array(idx, dtype=np.int64), np.cumsum(w / w.sum()) if len(w) else w


def pick(rng, cdf, m):
    col = np.searchsorted(cdf, rng.random(m), side="right")
    return np.minimum(col, len(cdf) - 1)


def simulate(path, trials, seed):
    doc, sites, sizes, over, insp = load(path)
    choice = insp.get("site_choice", "uniform")
    distinct = insp.get("designation", "distinct") == "distinct"
    p = float(insp.get("detection_probability", 1.0))
    steps = schedule(insp.get("type_one_per_year", 10), insp.get("type_two_per_year", 8))
    one_idx, one_cdf = site_table(sites, "base", choice)
    two_idx, two_cdf = site_table(sites, "non_deployed", choice)
    n0 = np.array([sizes[i] for i in one_idx], dtype=np.int64)
    k0 = np.array([over[i] for i in one_idx], dtype=np.int64)
    und1 = np.array([sites[i].get("undeclared", 0) > 0 for i in one_idx], dtype=bool)
    und2 = np.array([sites[i].get("undeclared", 0) > 0 for i in two_idx], dtype=bool)
    rng = np.random.default_rng(seed)
    detected = 0
    designations = 0
    first = np.zeros(len(steps), dtype=np.int64)
    site_hits = np.zeros(len(sites), dtype=np.int64)
    start = time.process_time()
    for begin in range(0, trials, CHUNK):
        m = min(CHUNK, trials - begin)
        rows = np.arange(m)
        left = np.tile(n0, (m, 1))
        bad = np.tile(k0, (m, 1))
        first_step = np.full(m, -1, dtype=np.int64)
        hit = np.zeros((m, len(sites)), dtype=bool)
        for step, kind in enumerate(steps):
            if kind == 1:
                col = pick(rng, one_cdf, m)
                pool = left[rows, col] if distinct else n0[col]
                k = bad[rows, col] if distinct else k0[col]
                x = (rng.random(m) * pool).astype(np.int64)
                has = pool > 0
                designations += int(has.sum())
                overloaded = has & (x < k)
                found = overloaded & (rng.random(m) < p)
                if distinct:
                    bad[rows, col] -= overloaded
                    left[rows, col] -= has
                if und1.any():
                    found |= und1[col] & (rng.random(m) < p)
                site = one_idx[col]
            else:
                col = pick(rng, two_cdf, m)
                found = und2[col] & (rng.random(m) < p)
                site = two_idx[col]
            first_step[found & (first_step < 0)] = step
            hit[rows[found], site[found]] = True
        caught = first_step >= 0
        detected += int(caught.sum())
        first += np.bincount(first_step[caught], minlength=len(steps))
        site_hits += hit.sum(axis=0)
    seconds = time.process_time() - start
    q = detected / trials
    z2 = Z95 * Z95
    denom = 1 + z2 / trials
    center = (q + z2 / (2 * trials)) / denom
    half = Z95 * math.sqrt(q * (1 - q) / trials + z2 / (4 * trials * trials)) / denom
    return {
        "scenario": doc.get("name", ""),
        "seed": seed,
        "trials": trials,
        "detection_probability": q,
        "confidence_interval": {"level": 0.95, "low": center - half, "high": center + half},
        "first_detection": first.tolist(),
        "site_detections": site_hits.tolist(),
        "designations": designations,
        "seconds": seconds,
        "designations_per_second": designations / seconds if seconds > 0 else 0.0,
    }


def main():
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("scenario")
    ap.add_argument("--trials", type=int, default=200000)
    ap.add_argument("--seed", type=int, default=1)
    ap.add_argument("--json", action="store_true")
    a = ap.parse_args()
    r = simulate(a.scenario, a.trials, a.seed)
    if a.json:
        print(json.dumps(r, indent=2))
    else:
        ci = r["confidence_interval"]
        print(f"P(detect within a year) = {r['detection_probability']:.4f} "
              f"(95% CI {ci['low']:.4f} - {ci['high']:.4f}); "
              f"{r['designations_per_second'] / 1e6:.2f} M designations/s")


if __name__ == "__main__":
    main()
