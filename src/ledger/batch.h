// Reading a batch of notifications from text: a JSON object (one), a JSON
// array (many) or JSON Lines (one object per non-empty line).
#ifndef VERITY_LEDGER_BATCH_H_
#define VERITY_LEDGER_BATCH_H_

#include <string>
#include <string_view>
#include <vector>

#include "core/status.h"
#include "ledger/store.h"

namespace verity::ledger {

// Each item's `where` is "<source>" (one object), "<source>: [i]" (array) or
// "<source>: line N" (JSON Lines). InvalidArgument names the line on a
// syntax error.
StatusOr<std::vector<BatchItem>> ParseBatchText(std::string_view text, const std::string& source);

}  // namespace verity::ledger

#endif  // VERITY_LEDGER_BATCH_H_
