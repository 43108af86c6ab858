#!/usr/bin/env bash
# kill -9 soak through the verity executable: `ledger append` runs in a loop
# over the signed sample notifications, a few per call; each round kills the
# appending process with SIGKILL at a random moment (mid-append, mid-commit,
# mid-checkpoint update, between calls), then reopens the ledger and checks:
#   - verify passes (exit 0);
#   - every acknowledged notification (its `ledger append` exited 0) is stored:
#     0 lost, and nothing beyond the one call in flight;
#   - batches are all or nothing (the stored count is a whole number of calls);
#   - the state as of a date agrees with and without checkpoints.
# At the end the stored entries are compared with the notifications fed in.
# Usage: kill_soak.sh path/to/verity ROUNDS [SEED]
set -euo pipefail
V="$(realpath "$1")"
ROUNDS="$2"
RANDOM="${3:-20260101}"  # a fixed seed: the same kill points each run
PER_CALL=4
work="$(mktemp -d)"
loop=""
# Kills every append into this soak's folder that still runs: the one started
# last (counted as killed mid-way) and any the killed loop had just spawned
# before it could record its pid (found through /proc, so none outlives the
# round and races the next one).
appends_into_work() {
  local f
  for f in /proc/[0-9]*/cmdline; do
    tr '\0' ' ' 2>/dev/null <"$f" | grep -qF "ledger append --data $work/d" || continue
    f="${f#/proc/}"
    echo "${f%/cmdline}"
  done
}
kill_append() {
  local pid last
  last=$(cat "$work/cur.pid" 2>/dev/null) || last=""
  for pid in $(appends_into_work); do
    kill -9 "$pid" 2>/dev/null && [[ "$pid" == "$last" ]] && midway=$((midway + 1))
    while kill -0 "$pid" 2>/dev/null; do sleep 0.01; done
  done
  return 0
}
cleanup() {
  [[ -n "$loop" ]] && kill -9 "$loop" 2>/dev/null || true
  kill_append
  rm -rf "$work"
}
trap cleanup EXIT
cd "$work"
fail() { echo "FAIL: $*" >&2; exit 1; }

# The notifications: the signed sample, split into files of PER_CALL lines.
"$V" ledger sample --data sample >/dev/null
"$V" ledger export --data sample --out export.jsonl >/dev/null
mkdir keys
head -1 export.jsonl |
  grep -o '{"key_id":"[0-9a-f]*","kind":"verity-public-key","party":"[A-Z]*","public_key":"[0-9a-f]*"}' |
  grep -v '"party":"LOG"' | while read -r key; do
    party=$(sed 's/.*"party":"\([A-Z]*\)".*/\1/' <<<"$key")
    echo "$key" >"keys/$party.pub"
  done
[[ -f keys/US.pub && -f keys/RU.pub ]] || fail "no party keys in the export header"
total=$(($(wc -l <export.jsonl) - 2))
sed -n "2,$((total + 1))p" export.jsonl >entries.jsonl
mkdir calls
split -d -a 5 -l "$PER_CALL" entries.jsonl calls/c
files=(calls/c*)
"$V" ledger init --data d --key keys/US.pub --key keys/RU.pub >/dev/null

stored_rows() { "$V" ledger verify --data d | sed -n 's/^ok: \([0-9]*\) rows.*/\1/p'; }

acked=0 next=0 lost=0 kills=0 midway=0
for ((round = 1; round <= ROUNDS; round++)); do
  ((next < ${#files[@]})) || fail "ran out of notifications after $((round - 1)) rounds"
  : >acked.txt
  rm -f cur.pid
  (
    for ((i = next; i < ${#files[@]}; i++)); do
      "$V" ledger append --data "$work/d" "${files[$i]}" >/dev/null 2>append.err &
      echo $! >cur.pid
      if wait $!; then echo "$i" >>acked.txt; else echo "$i $?" >failed.txt; exit 0; fi
    done
  ) &
  loop=$!
  # Kill at a random moment within the first few calls.
  sleep "0.$(printf '%03d' $((RANDOM % 600)))"
  kill -9 "$loop" 2>/dev/null || true
  wait "$loop" 2>/dev/null || true
  loop=""
  kill_append
  [[ -f failed.txt ]] && { cat append.err >&2; fail "an append failed on its own: $(cat failed.txt)"; }
  kills=$((kills + 1))
  acked=$((acked + $(wc -l <acked.txt) * PER_CALL))
  set +e
  rows=$(stored_rows)
  set -e
  [[ -n "$rows" ]] || { "$V" ledger verify --data d | tail -5 >&2; fail "round $round: verify failed"; }
  ((rows % PER_CALL == 0 || rows == total)) || fail "round $round: $rows rows: a partial batch"
  if ((rows < acked)); then lost=$((lost + acked - rows)); fi
  ((rows <= acked + PER_CALL)) || fail "round $round: $rows rows but $acked acknowledged"
  acked=$rows  # a call killed after its commit stored its batch unacknowledged
  next=$((rows / PER_CALL))
  day="2011-0$((2 + round % 8))-15"
  fast=$({ "$V" ledger state --data d --party US --as-of "$day" --json 2>&1 || true; } | md5sum)
  slow=$({ "$V" ledger state --data d --party US --as-of "$day" --json --no-checkpoints 2>&1 ||
    true; } | md5sum)
  [[ "$fast" == "$slow" ]] || fail "round $round: the state as of $day differs with checkpoints"
done
((lost == 0)) || fail "$lost acknowledged notifications lost"
# The log holds exactly the notifications fed in, in order.
"$V" ledger export --data d --out stored.jsonl >/dev/null
sed -n "2,$((acked + 1))p" stored.jsonl | cmp -s - <(head -n "$acked" entries.jsonl) ||
  fail "the stored entries are not the notifications appended"
echo "kill soak: $kills rounds of kill -9 ($midway of them during an append), $acked" \
  "notifications stored, 0 acknowledged lost"
