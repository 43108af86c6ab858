// Export and import of a whole ledger as JSON Lines (docs/ledger-format.md):
//   line 1: {"verity_ledger_export":1,"log_key":{...},"party_keys":[{...},...]}
//   then one line per entry, in index order: the signed notification, canonical
//   last:   {"tree_head":{...}}  (the newest signed tree head)
// Importing an export into a new data folder re-verifies every signature and
// reproduces the identical root, or stores nothing.
#ifndef VERITY_LEDGER_ARCHIVE_H_
#define VERITY_LEDGER_ARCHIVE_H_

#include <ostream>
#include <string>
#include <string_view>

#include "core/date.h"
#include "core/status.h"
#include "forces/counter.h"
#include "ledger/replay.h"
#include "ledger/store.h"

namespace verity::ledger {

// Writes the export of `ledger` to `out`. Returns the number of entries.
StatusOr<uint64_t> ExportLedger(const Ledger& ledger, std::ostream& out);

// Imports `text` (an export; `source` names it in errors) into the ledger
// folder `dir`, creating it if needed; the ledger there must be empty.
// FailedPrecondition if it is not, InvalidArgument for a malformed export,
// DataLoss if the entries do not give the exported root. No ambiguity is
// found and no checkpoint written.
StatusOr<AppendResult> ImportLedger(const std::string& dir, std::string_view text,
                                    const std::string& source, Timestamp now);
// The same under the treaty of `counter`: the entries are appended with the
// finder `finders` makes (inspect::MakeTreatyFinder, as every ledger under a
// treaty is opened), so ambiguities are found as they were on append, and
// replay checkpoints are written.
StatusOr<AppendResult> ImportLedger(const std::string& dir, std::string_view text,
                                    const std::string& source, Timestamp now,
                                    const forces::Counter& counter, const FinderFactory& finders);

}  // namespace verity::ledger

#endif  // VERITY_LEDGER_ARCHIVE_H_
