#!/usr/bin/env bash
# The Monte Carlo benchmark: the same scenario (data/scenarios/bench.toml)
# run by Verity (1 and 2 threads) and by the NumPy reference
# (bench/reference_mc.py). Prints both estimates with their 95% intervals,
# simulated designations per CPU-second, the speed ratio and the 1 -> 2
# thread scaling, against the goals (>= 50 M designations/s per core,
# >= 30x NumPy on one core, >= 1.8x from 1 to 2 threads).
#
# Usage: bench/run-stats-bench.sh [BUILD_DIR]   (default: build)
# Environment: VERITY_BENCH_TRIALS (default 16000000), VERITY_BENCH_REF_TRIALS
# (default 1000000), VERITY_BENCH_REPEAT (default 3; the best run counts).
set -euo pipefail
root=$(cd "$(dirname "$0")/.." && pwd)
build=${1:-$root/build}
verity=$build/bin/verity
scenario=$root/data/scenarios/bench.toml
trials=${VERITY_BENCH_TRIALS:-16000000}
ref_trials=${VERITY_BENCH_REF_TRIALS:-1000000}
repeat=${VERITY_BENCH_REPEAT:-3}

if [[ ! -x $verity ]]; then
  echo "run-stats-bench: $verity not found; build first (make build)" >&2
  exit 2
fi
python=""
for p in /usr/bin/python3 python3; do
  if "$p" -c "import numpy, tomllib" 2>/dev/null; then python=$p; break; fi
done
if [[ -z $python ]]; then
  echo "run-stats-bench: needs python3 (>= 3.11) with numpy (Debian: python3-numpy)" >&2
  exit 2
fi

tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
for i in $(seq "$repeat"); do
  "$verity" simulate "$scenario" --trials "$trials" --threads 1 --seed 1 --json >"$tmp/v1-$i.json"
  "$verity" simulate "$scenario" --trials "$trials" --threads 2 --seed 1 --json >"$tmp/v2-$i.json"
  "$python" "$root/bench/reference_mc.py" "$scenario" --trials "$ref_trials" --seed 1 --json >"$tmp/np-$i.json"
done

"$python" - "$tmp" "$repeat" <<'PY'
import json, os, sys
tmp, repeat = sys.argv[1], int(sys.argv[2])
def runs(prefix):
    return [json.load(open(os.path.join(tmp, f"{prefix}-{i}.json"))) for i in range(1, repeat + 1)]
v1, v2, ref = runs("v1"), runs("v2"), runs("np")
assert all(r["detected_trials"] == v1[0]["detected_trials"] for r in v1 + v2), "thread count changed the result"
best_cpu = max(r["designations"] / r["cpu_seconds"] for r in v1)
best_ref = max(r["designations_per_second"] for r in ref)
wall1 = min(r["seconds"] for r in v1)
wall2 = min(r["seconds"] for r in v2)
ratio, scaling = best_cpu / best_ref, wall1 / wall2
def ci(r):
    c = r["confidence_interval"]
    return f"{r['detection_probability']:.5f}  (95% CI {c['low']:.5f} - {c['high']:.5f}, {r['trials']} trials, seed {r['seed']})"
print("Monte Carlo benchmark: data/scenarios/bench.toml")
print(f"  Verity estimate   {ci(v1[0])}")
print(f"  NumPy estimate    {ci(ref[0])}")
lo = max(v1[0]['confidence_interval']['low'], ref[0]['confidence_interval']['low'])
hi = min(v1[0]['confidence_interval']['high'], ref[0]['confidence_interval']['high'])
print(f"  intervals overlap: {'yes' if lo <= hi else 'NO'}")
print(f"  Verity, 1 thread  {best_cpu / 1e6:8.1f} M designations per CPU-second  (goal >= 50; {v1[0]['kernel']} kernel)")
print(f"  NumPy reference   {best_ref / 1e6:8.1f} M designations per CPU-second")
print(f"  speed ratio       {ratio:8.1f} x NumPy on one core  (goal >= 30)")
print(f"  1 -> 2 threads    {scaling:8.2f} x  (wall {wall1:.3f} s -> {wall2:.3f} s; goal >= 1.8)")
print(f"  load average      {os.getloadavg()[0]:.2f} on {os.cpu_count()} CPUs (other load skews wall-clock scaling)")
PY
