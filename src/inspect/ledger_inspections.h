// Inspections in the ledger: reading inspection notices and findings from
// the log, and the ambiguity finder that checks them as they are appended
// (quota, eligible site, designations; findings against the inspected
// party's replayed state on the inspection date).
#ifndef VERITY_INSPECT_LEDGER_INSPECTIONS_H_
#define VERITY_INSPECT_LEDGER_INSPECTIONS_H_

#include <vector>

#include "inspect/checks.h"
#include "inspect/inspection.h"
#include "ledger/store.h"
#include "treaty/treaty.h"

namespace verity::inspect {

struct LoggedInspections {
  std::vector<Inspection> notices;
  std::vector<Findings> findings;
};

// Every inspection notice and findings record in the log, in log order.
// DataLoss names the index of a stored body that does not parse.
StatusOr<LoggedInspections> LoadInspections(const ledger::Ledger& ledger);

// The issues of one findings record, against the inspected party's state
// replayed to the inspection date.
StatusOr<std::vector<Issue>> CheckLoggedFindings(const ledger::Ledger& ledger, const Findings& f);

// An ambiguity finder for Ledger::Append that raises inspection_rule and
// inspection_discrepancy ambiguities (evidence.issue names the specific
// issue). A body that does not parse is itself an inspection_rule ambiguity.
// REQUIRES: `ledger` and `treaty` outlive the finder.
ledger::AmbiguityFinder MakeInspectionFinder(const ledger::Ledger* ledger,
                                             const treaty::Treaty* treaty);

// A finder that runs `a` then `b` and returns both results.
ledger::AmbiguityFinder CombineFinders(ledger::AmbiguityFinder a, ledger::AmbiguityFinder b);

}  // namespace verity::inspect

#endif  // VERITY_INSPECT_LEDGER_INSPECTIONS_H_
