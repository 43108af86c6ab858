#!/usr/bin/env bash
# The server under slow and keep-alive clients, new HTTP layer against old
# (bench/server_bench.cc). Loopback only, about 2 minutes per round.
set -euo pipefail
cd "$(dirname "$0")/.."
build/bin/verity_server_bench --rounds "${VERITY_SERVER_BENCH_ROUNDS:-3}" --seconds 4
