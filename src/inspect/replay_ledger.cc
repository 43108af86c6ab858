#include "inspect/replay_ledger.h"

#include "inspect/ledger_inspections.h"
#include "ledger/replay.h"

namespace verity::inspect {

StatusOr<ReplayLedger> OpenForReplay(const std::string& dir, const std::string& treaty_name) {
  ReplayLedger r;
  VERITY_ASSIGN_OR_RETURN(treaty::Treaty t, treaty::LoadTreaty(treaty_name));
  r.treaty = std::make_unique<treaty::Treaty>(std::move(t));
  r.counter = std::make_unique<forces::Counter>(*r.treaty);
  VERITY_ASSIGN_OR_RETURN(r.ledger, ledger::Ledger::Open(dir));
  // Inspections sit above the ledger: their checks join the replay's here.
  r.ledger->set_ambiguity_finder(
      CombineFinders(ledger::MakeAmbiguityFinder(r.ledger.get(), r.counter.get()),
                     MakeInspectionFinder(r.ledger.get(), r.treaty.get())));
  return r;
}

std::function<StatusOr<forces::Declaration>(const std::string&, Date)> LedgerStates(
    const std::string& dir) {
  return [dir](const std::string& party, Date as_of) -> StatusOr<forces::Declaration> {
    VERITY_ASSIGN_OR_RETURN(auto l, ledger::Ledger::Open(dir));
    return ledger::StateAsOf(*l, party, as_of);
  };
}

}  // namespace verity::inspect
