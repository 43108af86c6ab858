// Inspections in the ledger: reading inspection notices and findings from
// the log, quota use as the CLI and the server report it, and the ambiguity
// finder that checks records as they are appended (quota, eligible site,
// designations; findings against the inspected party's replayed state on the
// inspection date).
//
// One failure policy: a record that cannot be read by the inspection rules
// is stored (it is well-formed and signed) with a malformed_inspection
// ambiguity, is listed as malformed wherever records are read, and is never
// counted; it never keeps the other records from being read or checked.
#ifndef VERITY_INSPECT_LEDGER_INSPECTIONS_H_
#define VERITY_INSPECT_LEDGER_INSPECTIONS_H_

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "inspect/checks.h"
#include "inspect/inspection.h"
#include "ledger/store.h"
#include "treaty/treaty.h"

namespace verity::inspect {

// A stored inspection record that cannot be read: its log index and why
// (the message of its malformed_inspection ambiguity, or why the stored
// entry does not parse).
struct MalformedRecord {
  uint64_t index = 0;
  std::string reason;

  Json ToJson() const;
};

struct LoggedInspections {
  std::vector<Inspection> notices;         // in log order
  std::vector<Findings> findings;          // in log order
  std::vector<MalformedRecord> malformed;  // in log order
};

// The inspection notices and findings records with log index below
// `before`, read by an index on the entries' type: the work is proportional
// to the inspection records, not to the log. Errors only when the store
// cannot be read; an unreadable record goes to `malformed`.
StatusOr<LoggedInspections> LoadInspections(const ledger::Ledger& ledger,
                                            uint64_t before = UINT64_MAX);

// The issues of one findings record, against the inspected party's state
// replayed to the inspection date from the entries with index below
// `before` (all by default).
StatusOr<std::vector<Issue>> CheckLoggedFindings(const ledger::Ledger& ledger, const Findings& f,
                                                 uint64_t before = UINT64_MAX);

struct PartyQuotas {
  std::string party;
  std::vector<QuotaUse> quotas;
};

struct QuotaReport {
  int year = 1;                            // the treaty year
  Date from, to;                           // its first and last day
  std::vector<PartyQuotas> parties;        // in the order asked for
  std::vector<Inspection> notices;         // the notices of that treaty year, any party
  std::vector<MalformedRecord> malformed;  // every record that cannot be read (not counted)
};

// The use of each of the treaty's quotas by each of `parties` in treaty year
// `year` (by default the treaty year of the latest notice, 1 if none): the
// one computation behind `verity inspect quota` and GET /inspections/quotas.
StatusOr<QuotaReport> LedgerQuotas(const ledger::Ledger& ledger, const treaty::Treaty& treaty,
                                   const std::vector<std::string>& parties,
                                   std::optional<int> year);

// An ambiguity finder for Ledger::Append that raises inspection_rule and
// inspection_discrepancy ambiguities (evidence.issue names the specific
// issue). Each record is judged against the log before it (the notices of
// lower index, the state from entries of lower index), so the ambiguities do
// not depend on how the log was batched. A record the rules cannot read is a
// malformed_inspection ambiguity; one that cannot be checked because the
// store cannot be read is a not_checked one.
// REQUIRES: `ledger` and `treaty` outlive the finder.
ledger::AmbiguityFinder MakeInspectionFinder(const ledger::Ledger* ledger,
                                             const treaty::Treaty* treaty);

// A finder that runs `a` then `b` and returns both results.
ledger::AmbiguityFinder CombineFinders(ledger::AmbiguityFinder a, ledger::AmbiguityFinder b);

}  // namespace verity::inspect

#endif  // VERITY_INSPECT_LEDGER_INSPECTIONS_H_
