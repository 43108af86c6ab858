// Verifying a stored ledger from scratch: every leaf hash, seal, signature
// and serial, the root of every signed tree head, and every derived row
// (the frontier, the ambiguities, the checkpoints, SQLite's indexes)
// recomputed or authenticated.
#ifndef VERITY_LEDGER_VERIFY_H_
#define VERITY_LEDGER_VERIFY_H_

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "core/json.h"
#include "core/status.h"
#include "ledger/store.h"
#include "ledger/tree_head.h"
#include "tlog/policy.h"

namespace verity::ledger {

struct VerifyProblem {
  int64_t index = -1;  // the entry's log index; -1 for a row of another table
  std::string message;
  std::string table = "entries";  // "entries", "tree_heads", "meta", "checkpoints", ...
  std::string row;                // the row's key in its table ("5", "size=12", ...)
};

struct VerifyReport {
  uint64_t rows = 0;
  Hash256 root{};  // recomputed over the rows as stored
  size_t tree_heads = 0;
  std::optional<TreeHead> latest;  // the newest signed tree head, if any
  // With a policy: the checkpoints whose stored cosignatures meet its quorum.
  std::optional<size_t> quorum_checkpoints;
  std::vector<VerifyProblem> problems;

  bool ok() const { return problems.empty(); }
  Json ToJson() const;
};

// Recomputes everything from the stored rows (see docs/ledger-format.md,
// "Verification"), in one snapshot of the log. Problems are reported, not
// returned as errors: the Status is non-OK only when the store cannot be
// read at all. If `saved` is given (a tree head kept elsewhere), the ledger
// must also extend it.
//
// With `policy` (tlog-policy), the stored cosignatures are checked too:
// every cosignature line of a witness the policy names must verify over its
// checkpoint (a problem of table "cosignatures", row "size=N", otherwise);
// lines of keys the policy does not name cannot be checked and are left as
// they are. InvalidArgument "policy: ..." if the policy does not name this
// ledger's log (its origin and log key).
StatusOr<VerifyReport> VerifyLedger(const Ledger& ledger, const TreeHead* saved = nullptr,
                                    const tlog::Policy* policy = nullptr);

// The cosignature check of VerifyLedger alone: adds to `report` its problems
// and quorum_checkpoints.
Status VerifyCosignatures(const Ledger& ledger, const tlog::Policy& policy, VerifyReport* report);

}  // namespace verity::ledger

#endif  // VERITY_LEDGER_VERIFY_H_
