// Verifying a stored ledger from scratch: every leaf hash, seal, signature
// and serial, and the root of every signed tree head.
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

namespace verity::ledger {

struct VerifyProblem {
  int64_t index = -1;  // the row's log index; -1 for a tree head or the store itself
  std::string message;
};

struct VerifyReport {
  uint64_t rows = 0;
  Hash256 root{};  // recomputed over the rows as stored
  size_t tree_heads = 0;
  std::optional<TreeHead> latest;  // the newest signed tree head, if any
  std::vector<VerifyProblem> problems;

  bool ok() const { return problems.empty(); }
  Json ToJson() const;
};

// Recomputes everything from the stored rows (see docs/ledger-format.md,
// "Verification"). Problems are reported, not returned as errors: the
// Status is non-OK only when the store cannot be read at all. If `saved` is
// given (a tree head kept elsewhere), the ledger must also extend it.
StatusOr<VerifyReport> VerifyLedger(const Ledger& ledger, const TreeHead* saved = nullptr);

}  // namespace verity::ledger

#endif  // VERITY_LEDGER_VERIFY_H_
