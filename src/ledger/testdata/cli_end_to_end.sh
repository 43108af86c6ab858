#!/usr/bin/env bash
# End-to-end through the verity executable: sample, verify, tamper with one
# row using sqlite3, state -> check, keys/sign/append/reject, proofs, export/import.
# Usage: cli_end_to_end.sh path/to/verity
set -euo pipefail
V="$1"
work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT
cd "$work"
fail() { echo "FAIL: $*" >&2; exit 1; }
expect_code() {  # expect_code CODE command...
  local want="$1"; shift
  set +e; "$@" >out.txt 2>err.txt; local got=$?; set -e
  [[ "$got" == "$want" ]] || { cat out.txt err.txt >&2; fail "'$*' exited $got, expected $want"; }
}

# The sample, verified; then one row edited with sqlite3 is named.
"$V" ledger sample --data s >sample.txt
grep -q "unknown_uid" sample.txt || fail "the sample's inconsistent entry was not flagged"
expect_code 0 "$V" ledger verify --data s
[[ "$(stat -c %a s) $(stat -c %a s/ledger.sqlite) $(stat -c %a s/log.key)" == "700 600 600" ]] ||
  fail "the data folder, database or log key is readable by others"

# An edited meta row is a verification failure naming the row (exit 1).
cp -r s s-meta
sqlite3 s-meta/ledger.sqlite "UPDATE meta SET value = 'x' WHERE key = 'log_key'"
expect_code 1 "$V" ledger verify --data s-meta
grep -q "meta 'log_key'" err.txt || fail "verify did not name the meta row"
# An edited checkpoint never changes an answer; verify names it.
cp -r s s-cp
sqlite3 s-cp/ledger.sqlite "UPDATE checkpoints SET state = substr(state, 1, 100) || x'00' || substr(state, 102) WHERE party = 'US' AND occurred = (SELECT MIN(occurred) FROM checkpoints WHERE party = 'US')"
day=$(sqlite3 s-cp/ledger.sqlite "SELECT date(MIN(occurred), '+1 day') FROM checkpoints WHERE party = 'US'")
"$V" ledger state --data s --as-of "$day" --party US --json >before.json
"$V" ledger state --data s-cp --as-of "$day" --party US --json >after.json
cmp -s before.json after.json || fail "an edited checkpoint changed the state as of $day"
expect_code 1 "$V" ledger verify --data s-cp
grep -q "^checkpoints party=US occurred=" out.txt || fail "verify did not name the checkpoint"
rm -rf s-meta s-cp

sqlite3 s/ledger.sqlite "UPDATE entries SET entry = replace(entry, '\"serial\":', '\"serial\": ') WHERE idx = 1234"
expect_code 1 "$V" ledger verify --data s
grep -q "^row 1234: " out.txt || fail "verify did not name row 1234"

# The replayed US state on 2020-09-01 agrees with the published numbers.
"$V" ledger state --data s --as-of 2020-09-01 --party US --json >us.json
expect_code 0 "$V" check --json us.json
python3 - <<'PY'
import json
r = json.load(open("out.txt"))
got = {l["id"]: l["count"] for l in r["limits"]}
assert got == {"deployed": 675, "warheads": 1457, "launchers": 800}, got
PY

# Keys, signing, append, rejection with exit 2 and nothing appended.
"$V" keys new --party US --out keys >/dev/null
"$V" keys new --party RU --out keys >/dev/null
[[ "$(stat -c %a keys/US.key)" == 600 ]] || fail "secret key file is not mode 0600"
"$V" ledger init --data d --key keys/US.pub --key keys/RU.pub >/dev/null
cat >draft.json <<'JSON'
{"format":1,"party":"US","serial":1,"type":"movement","occurred":"2012-03-01","sent":"2012-03-02T10:00:00Z","body":{"uid":"B52-1","from":"minot-air","to":"barksdale"}}
JSON
"$V" notify sign --key keys/US.key draft.json >n1.json
expect_code 0 "$V" ledger append --data d n1.json
expect_code 2 "$V" ledger append --data d n1.json
grep -q "serial: 1 repeats" err.txt || fail "repeated serial not explained"
expect_code 2 "$V" notify sign --key keys/RU.key draft.json
echo '{"format":1,' >bad.jsonl
expect_code 2 "$V" ledger append --data d bad.jsonl
grep -q "bad.jsonl: line [12], column" err.txt || fail "malformed line not named"

# Proofs checked offline against a saved head; export/import keeps the root.
"$V" ledger prove --data d --index 0 >proof.json
"$V" ledger verify --data d --json >head.json
expect_code 0 "$V" ledger check-proof proof.json --tree-head head.json
"$V" ledger export --data d --out export.jsonl >/dev/null
expect_code 0 "$V" ledger import --data d2 export.jsonl
root1=$("$V" ledger verify --data d | sed -n 's/.*root //p')
root2=$("$V" ledger verify --data d2 | sed -n 's/.*root //p')
[[ "$root1" == "$root2" ]] || fail "import changed the root"
echo "ok"
