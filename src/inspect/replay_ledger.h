// A ledger opened for replay under a treaty: the treaty, its counter and
// the ledger, with the replay's ambiguity finder and the inspections' checks
// attached to every append. What the CLI's ledger commands and the Python
// package open; the server opens its own (server/ledger_setup.h).
//
// Not thread-safe (the ledger is not): one user at a time.
#ifndef VERITY_INSPECT_REPLAY_LEDGER_H_
#define VERITY_INSPECT_REPLAY_LEDGER_H_

#include <functional>
#include <memory>
#include <string>

#include "core/status.h"
#include "forces/counter.h"
#include "ledger/store.h"
#include "treaty/treaty.h"

namespace verity::inspect {

// Members are declared in the order they must be destroyed in reverse:
// the ledger's finder refers to the counter, which refers to the treaty.
struct ReplayLedger {
  std::unique_ptr<treaty::Treaty> treaty;
  std::unique_ptr<forces::Counter> counter;
  std::unique_ptr<ledger::Ledger> ledger;
};

// Loads the treaty (a shipped name or a .toml path) and opens the ledger in
// `dir`. Errors of treaty::LoadTreaty and ledger::Ledger::Open pass through.
StatusOr<ReplayLedger> OpenForReplay(const std::string& dir, const std::string& treaty_name);

// A party's state on a date from the ledger in `dir`, opened at each call:
// what a scenario with [ledger_state] reads (stats::LedgerStateSource).
std::function<StatusOr<forces::Declaration>(const std::string& party, Date as_of)> LedgerStates(
    const std::string& dir);

}  // namespace verity::inspect

#endif  // VERITY_INSPECT_REPLAY_LEDGER_H_
