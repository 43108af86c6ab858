// Checking the escrow protocol over a ledger (docs/escrow.md, "Checking").
//
// The audit reads every escrow notification of the log in index order and
// checks each step against what came before it: an opened leaf against its
// committed root (salt, item, proof), a stage's items against the totals
// stated at commitment, a revealed value against its commitment, a
// designation against the seed and the draw its inputs give, an opening
// against the designation and the replayed state of the committing party
// on the declaration's date. What does not hold is a finding: a
// ledger::Ambiguity of an escrow_* kind naming the entry at fault and its
// evidence; one bad step never stops the checks of the others. Deadlines
// (reveal_by, open_by) are judged at `as_of`: a step still missing after
// its deadline is an escrow_late finding.
//
// The audit is derived from the log at each call (nothing is cached or
// stored), so CLI, server and tests all see the same result.
// Values; thread-compatible.
#ifndef VERITY_ESCROW_AUDIT_H_
#define VERITY_ESCROW_AUDIT_H_

#include <cstdint>
#include <functional>
#include <optional>
#include <span>
#include <string>
#include <vector>

#include "core/date.h"
#include "core/json.h"
#include "core/status.h"
#include "escrow/designation.h"
#include "forces/counter.h"
#include "forces/model.h"
#include "ledger/ambiguity.h"
#include "ledger/notification.h"
#include "ledger/store.h"

namespace verity::escrow {

struct EscrowEntry {
  uint64_t index = 0;  // log index
  ledger::Notification n;
};

// A party's replayed state on a date (ledger::StateAsOf in production).
using StateSource =
    std::function<StatusOr<forces::Declaration>(const std::string& party, Date as_of)>;

struct StageReport {
  std::string id;
  uint64_t index = 0;
  Date occurred;
  ledger::EscrowStageBody select;
  int64_t opened = 0, verified = 0;
};

struct DesignationReport {
  std::string id;
  std::string inspector;
  uint64_t commit_index = 0;  // the inspecting party's commitment
  int64_t openings = 0;       // k
  std::optional<Date> reveal_by, open_by;
  std::optional<uint64_t> beacon_round;
  std::vector<std::string> committed;  // parties whose commitment is in the log
  std::vector<PartyValue> values;      // values revealed and matching their commitment
  std::optional<ledger::DrandBeacon> beacon;
  std::optional<Hash256> seed;      // recomputed, when the designation holds
  std::vector<uint64_t> leaves;     // drawn from `seed`
  std::vector<uint64_t> verified;   // designated leaves opened and verified
  std::vector<uint64_t> opened_at;  // log indices of its escrow_opening entries
};

struct EscrowReport {
  std::string id, party, treaty;
  uint64_t index = 0;
  Date as_of;
  Hash256 root{};
  int64_t leaves = 0;
  std::vector<ledger::EscrowTotal> totals;
  std::vector<StageReport> stages;
  int64_t revealed = 0;        // distinct leaves revealed in stages and verified
  bool state_checked = false;  // the party's replayed state held items to compare with
  std::vector<DesignationReport> designations;
};

struct AuditReport {
  Date as_of;
  std::vector<EscrowReport> escrows;
  std::vector<ledger::Ambiguity> findings;
  Json ToJson() const;
};

// Audits `entries` (escrow notifications, in index order).
AuditReport Audit(std::span<const EscrowEntry> entries, const forces::Counter& counter,
                  const StateSource& states, Date as_of);

struct LoadedEntries {
  std::vector<EscrowEntry> entries;
  std::vector<ledger::Ambiguity> malformed;  // stored entries that do not parse (escrow_protocol)
};

// The escrow notifications of `ledger` (by the type index), in index order.
// A stored entry that does not parse is listed in `malformed` and skipped;
// the store's own errors pass through.
StatusOr<LoadedEntries> LoadEscrowEntries(const ledger::Ledger& ledger);

// Audit(LoadEscrowEntries(ledger), counter, ledger::StateAsOf, as_of).
StatusOr<AuditReport> AuditLedger(const ledger::Ledger& ledger, const forces::Counter& counter,
                                  Date as_of);

// The escrow and designation of `r` with these ids: NotFound naming the
// one missing.
StatusOr<const EscrowReport*> FindEscrow(const AuditReport& r, const std::string& escrow);
StatusOr<const DesignationReport*> FindDesignation(const EscrowReport& e,
                                                   const std::string& designation);

// The escrow_designation body that the log as audited in `r` calls for:
// the seed and the leaves from both revealed values and the beacon.
// FailedPrecondition unless both values are revealed and valid, or if the
// inspecting party's commitment asked for a beacon round and `beacon` is
// not that round's (InvalidArgument if `beacon` fails CheckBeacon).
StatusOr<Json> DesignationBodyFor(const AuditReport& r, const std::string& escrow,
                                  const std::string& designation,
                                  const std::optional<ledger::DrandBeacon>& beacon);

// The detection probability a check of `checked` of `leaves` leaves
// reaches against r false leaves, for r in {1, 2, 5, 10, ceil(1% of N)}
// (those <= N): [{"defects": r, "probability": p}, ...] (stats/exact.h).
Json DetectionTable(int64_t leaves, int64_t checked);

}  // namespace verity::escrow

#endif  // VERITY_ESCROW_AUDIT_H_
