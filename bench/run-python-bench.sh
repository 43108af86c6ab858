#!/usr/bin/env bash
# The Python package's benchmarks (bench/python_bench.py), for Debian's
# interpreter and the package `make python` built.
set -euo pipefail
cd "$(dirname "$0")/.."
PYTHONPATH=build/python exec /usr/bin/python3 bench/python_bench.py "$@"
