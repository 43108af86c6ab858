#!/usr/bin/python3
"""The Python package against the CLI, and Dask sweeps against one worker.

    PYTHONPATH=build/python bench/python_bench.py [--verity build/bin/verity] [--rounds 5]

1. verity.check on the US 2020 declaration, in this process (loaded once,
   and also read from its file at every call), against one `verity check`
   process per call.
2. verity.simulate against `verity simulate` on the same scenario, trials,
   seed and threads (wall time, the CLI's process start included).
3. A 16-point sweep on a LocalCluster of 2 worker processes against 1.
Rounds alternate the two sides, so a drift of the shared machine's speed
touches both; each figure is printed as min / median / max over the rounds.
Nothing is asserted.
"""
import argparse
import os
import statistics
import subprocess
import sys
import time

import verity

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
DECL = os.path.join(ROOT, "data", "declarations", "us-2020-09-01.json")
SCENARIO = os.path.join(ROOT, "data", "scenarios", "us-2020-upload.toml")


def spread(values, unit=""):
    return (f"{min(values):.3g}{unit} / {statistics.median(values):.3g}{unit} / "
            f"{max(values):.3g}{unit}")


def timed(fn, n=1):
    start = time.perf_counter()
    for _ in range(n):
        fn()
    return (time.perf_counter() - start) / n


def bench_check(cli, rounds):
    decl = verity.load_declaration(DECL)
    cmd = [cli, "check", DECL]
    py_file, py_loaded, procs = [], [], []
    for _ in range(rounds):
        procs.append(timed(lambda: subprocess.run(cmd, stdout=subprocess.DEVNULL, check=True), 20))
        py_file.append(timed(lambda: verity.check(DECL).over, 200))
        py_loaded.append(timed(lambda: verity.check(decl).over, 1000))
    print("1. check, US 2020 declaration (seconds per call, min / median / max)")
    print(f"   CLI process per call        {spread(procs, ' s')}")
    print(f"   verity.check(path)          {spread(py_file, ' s')}")
    print(f"   verity.check(declaration)   {spread(py_loaded, ' s')}   (loaded once)")
    print(f"   ratio CLI / check(decl)     {spread([c / p for c, p in zip(procs, py_loaded)], 'x')}"
          "   (goal >= 50x)")
    print(f"   ratio CLI / check(path)     {spread([c / p for c, p in zip(procs, py_file)], 'x')}"
          "   (the file parsed at every call)")


def bench_simulate(cli, rounds, trials, threads):
    cmd = [cli, "simulate", SCENARIO, "--trials", str(trials), "--threads", str(threads),
           "--seed", "5", "--json"]
    ratios, py_s, cli_s = [], [], []
    for _ in range(rounds):
        c = timed(lambda: subprocess.run(cmd, stdout=subprocess.DEVNULL, check=True))
        p = timed(lambda: verity.simulate(SCENARIO, trials=trials, threads=threads, seed=5))
        cli_s.append(c), py_s.append(p), ratios.append(p / c)
    print(f"2. simulate, {trials} trials on {threads} threads (wall seconds)")
    print(f"   CLI process                 {spread(cli_s, ' s')}")
    print(f"   verity.simulate             {spread(py_s, ' s')}")
    print(f"   ratio Python / CLI          {spread(ratios)}   (goal: within 5%)")


def _cpu_seconds():
    import resource

    usage = resource.getrusage(resource.RUSAGE_SELF)
    return usage.ru_utime + usage.ru_stime


def worker_cpu(client):
    """CPU seconds the workers have used so far, summed."""
    return sum(client.run(_cpu_seconds).values())


def bench_sweep(rounds, trials):
    from distributed import Client, LocalCluster

    grid = {"type_one_per_year": list(range(4, 20))}  # 16 points
    times = {1: [], 2: []}
    cores = {1: [], 2: []}  # worker CPU seconds per wall second: the cores the machine gave
    clusters = {n: LocalCluster(n_workers=n, threads_per_worker=1, processes=True,
                                dashboard_address=None) for n in (1, 2)}
    clients = {n: Client(c) for n, c in clusters.items()}
    try:
        tables = {}
        for _ in range(rounds):
            for n in (1, 2):
                cpu, start = worker_cpu(clients[n]), time.perf_counter()
                tables[n] = verity.sweep(SCENARIO, grid=grid, trials=trials, seed=3,
                                         client=clients[n])
                times[n].append(time.perf_counter() - start)
                cores[n].append((worker_cpu(clients[n]) - cpu) / times[n][-1])
        same = tables[1].equals(tables[2])
    finally:
        for n in (1, 2):
            clients[n].close()
            clusters[n].close()
    print(f"3. sweep, 16 points of {trials} trials, LocalCluster of worker processes (seconds)")
    print(f"   1 worker                    {spread(times[1], ' s')}   "
          f"cores used {spread(cores[1])}")
    print(f"   2 workers                   {spread(times[2], ' s')}   "
          f"cores used {spread(cores[2])}")
    speedups = [a / b for a, b in zip(times[1], times[2])]
    print(f"   speed-up 2 / 1 workers      {spread(speedups, 'x')}"
          f"   (goal >= 1.7x; tables identical: {same})")


def main():
    p = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    p.add_argument("--verity", default=os.path.join(ROOT, "build", "bin", "verity"))
    p.add_argument("--rounds", type=int, default=5)
    p.add_argument("--trials", type=int, default=20_000_000, help="for simulate")
    p.add_argument("--sweep-trials", type=int, default=8_000_000, help="per sweep point")
    args = p.parse_args()
    print(f"{os.cpu_count()} cores; {sys.executable}")
    bench_check(args.verity, args.rounds)
    bench_simulate(args.verity, args.rounds, args.trials, 2)
    bench_sweep(args.rounds, args.sweep_trials)


if __name__ == "__main__":
    main()
