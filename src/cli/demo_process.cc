#include "cli/demo_process.h"

#include "forces/compare.h"
#include "forces/declaration_io.h"
#include "inspect/treaty_ledger.h"
#include "ledger/concerns.h"
#include "ledger/regime_report.h"

namespace verity::cli {
namespace {

// The dates the demo asks: before the suspension, after both
// countermeasures, after expiry.
const Date kDates[] = {Date::FromYmd(2022, 12, 31), Date::FromYmd(2023, 7, 1),
                       Date::FromYmd(2026, 3, 1)};

Status PrintConcerns(const inspect::TreatyLedger& tl, std::ostream& out) {
  for (Date d : {Date::FromYmd(2023, 7, 1), Date::FromYmd(2026, 3, 1)}) {
    VERITY_ASSIGN_OR_RETURN(auto concerns, ledger::LoadConcerns(*tl.ledger, *tl.treaty, d));
    for (const ledger::Concern& c : concerns) {
      out << "  on " << d.ToString() << ": concern " << c.id << " (" << c.raised_by << " to "
          << c.addressed_to << ", raised " << c.raised_on.ToString() << ", " << c.answers.size()
          << " answer) is " << Name(c.status) << "\n";
    }
  }
  return Status::Ok();
}

Status PrintReadings(std::ostream& out) {
  VERITY_ASSIGN_OR_RETURN(treaty::Treaty us_reading, treaty::LoadTreaty("new-start"));
  VERITY_ASSIGN_OR_RETURN(treaty::Treaty ru_reading, treaty::LoadTreaty("new-start-ru-reading"));
  VERITY_ASSIGN_OR_RETURN(forces::Declaration d, forces::LoadShippedDeclaration("us-2020-09-01"));
  const forces::Comparison c = forces::Compare({&us_reading, &ru_reading}, {&d}, std::nullopt);
  out << "\nThe count under each side's reading (verity compare us-2020-09-01 --treaties "
         "new-start,new-start-ru-reading):\n"
      << forces::CompareText(c)
      << "Russia's reading counts every completed conversion: the 56 Trident II tubes and 41 "
         "B-52H it\ndisputed, and the 96 SSGN tubes it did not; the 4 training silos are not items "
         "of this\ndeclaration. The disputed items alone: 800 + 56 + 41 + 4 = 901, Russia's 101 "
         "over (docs/bcc.md).\n";
  return Status::Ok();
}

}  // namespace

Status PrintProcess(const std::string& dir, int number, std::ostream& out) {
  VERITY_ASSIGN_OR_RETURN(inspect::TreatyLedger tl, inspect::OpenForTreaty(dir, "new-start"));
  out << number << ". The treaty's own process in the sample: the 2022 concern, Russia's 2023 "
      << "suspension, the US countermeasures, expiry (verity check --data DIR --as-of DATE)\n\n";
  for (Date d : kDates) {
    VERITY_ASSIGN_OR_RETURN(ledger::RegimeReport r,
                            ledger::LoadRegimeReport(*tl.ledger, *tl.treaty, {}, d));
    out << r.Text() << "\n";
  }
  out << "(overdue: exchanges whose numbers the sample lacks, never retrieved; see "
         "data/public/newstart-aggregates.csv)\n\n";
  out << "The commission's concern (verity bcc list --data DIR --as-of DATE):\n";
  VERITY_RETURN_IF_ERROR(PrintConcerns(tl, out));
  VERITY_RETURN_IF_ERROR(PrintReadings(out));
  out << "\n";
  return Status::Ok();
}

}  // namespace verity::cli
