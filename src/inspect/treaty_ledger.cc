#include "inspect/treaty_ledger.h"

#include "inspect/ledger_inspections.h"
#include "ledger/concerns.h"

namespace verity::inspect {

ledger::AmbiguityFinder MakeTreatyFinder(const ledger::Ledger* ledger,
                                         const forces::Counter* counter) {
  return CombineFinders(CombineFinders(ledger::MakeAmbiguityFinder(ledger, counter),
                                       MakeInspectionFinder(ledger, &counter->treaty())),
                        // The treaty's own process: concerns and the regime.
                        ledger::MakeConcernFinder(ledger, &counter->treaty()));
}

StatusOr<std::unique_ptr<ledger::Ledger>> OpenForTreaty(const std::string& dir,
                                                        const forces::Counter& counter) {
  VERITY_ASSIGN_OR_RETURN(std::unique_ptr<ledger::Ledger> l, ledger::Ledger::Open(dir));
  l->set_ambiguity_finder(MakeTreatyFinder(l.get(), &counter));
  return l;
}

StatusOr<TreatyLedger> OpenForTreaty(const std::string& dir, const std::string& treaty_name) {
  TreatyLedger r;
  VERITY_ASSIGN_OR_RETURN(treaty::Treaty t, treaty::LoadTreaty(treaty_name));
  r.treaty = std::make_unique<treaty::Treaty>(std::move(t));
  r.counter = std::make_unique<forces::Counter>(*r.treaty);
  VERITY_ASSIGN_OR_RETURN(r.ledger, OpenForTreaty(dir, *r.counter));
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
