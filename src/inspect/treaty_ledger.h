// The one way to open a ledger under a treaty: with the replay's ambiguity
// finder (ledger/replay.h) and the inspections' (ledger_inspections.h)
// installed, so that every append, from the CLI, the server, an import or
// the sample, finds the same ambiguities.
#ifndef VERITY_INSPECT_TREATY_LEDGER_H_
#define VERITY_INSPECT_TREATY_LEDGER_H_

#include <functional>
#include <memory>
#include <string>

#include "core/date.h"
#include "core/status.h"
#include "forces/counter.h"
#include "ledger/replay.h"
#include "ledger/store.h"
#include "treaty/treaty.h"

namespace verity::inspect {

// The finder of a ledger under the treaty of `counter`: the replay's, then
// the inspections', then the concerns' and the regime's (ledger/concerns.h). A
// ledger::FinderFactory, for code that opens ledgers itself (ledger::ImportLedger,
// ledger::WriteSample). REQUIRES: `ledger` and `counter` outlive the finder.
ledger::AmbiguityFinder MakeTreatyFinder(const ledger::Ledger* ledger,
                                         const forces::Counter* counter);

// Opens the ledger in `dir` (errors as ledger::Ledger::Open) with
// MakeTreatyFinder installed. REQUIRES: `counter` outlives the ledger.
StatusOr<std::unique_ptr<ledger::Ledger>> OpenForTreaty(const std::string& dir,
                                                        const forces::Counter& counter);

// A ledger opened for a treaty together with what its finders use (each
// behind a pointer, so that moving this keeps their addresses).
struct TreatyLedger {
  std::unique_ptr<treaty::Treaty> treaty;
  std::unique_ptr<forces::Counter> counter;
  std::unique_ptr<ledger::Ledger> ledger;
};

// Loads the treaty `treaty_name` (a shipped name or a file) and opens the
// ledger in `dir` for it. Errors of either pass through.
StatusOr<TreatyLedger> OpenForTreaty(const std::string& dir, const std::string& treaty_name);

// A party's state on a date from the ledger in `dir`, opened at each call:
// what a scenario with [ledger_state] reads (stats::LedgerStateSource).
std::function<StatusOr<forces::Declaration>(const std::string& party, Date as_of)> LedgerStates(
    const std::string& dir);

}  // namespace verity::inspect

#endif  // VERITY_INSPECT_TREATY_LEDGER_H_
