// `verity ledger sample`: a signed, reproducible two-party history whose
// biannual data exchanges reproduce every published aggregate with all
// three numbers (data/public/newstart-aggregates.csv), with plausible
// changes in between (production, movements, loading and unloading,
// warhead changes, conversions, eliminations, launches, exercises) and one
// deliberately inconsistent entry (a movement of a Russian bomber the
// record does not know, notified late) that shows up as ambiguities. It
// also holds the treaty's own process (ledger/sample_process.h): the 2022
// concern and its answer, Russia's 2023 suspension and the US
// countermeasures; what a party withheld under them is not in the log (the
// US data exchange of 1 March 2023, whose aggregates the US published
// itself, so that one published aggregate is not reproduced).
//
// Deterministic: fixed seeds, keys derived from fixed seeds (sample-only
// keys: anyone can re-derive them; never use them for real data), fixed
// times. The root depends only on the entries, so every run gives the same
// root (the log key, made at init, signs the tree heads only).
#ifndef VERITY_LEDGER_SAMPLE_H_
#define VERITY_LEDGER_SAMPLE_H_

#include <string>
#include <vector>

#include "core/date.h"
#include "core/hash.h"
#include "core/status.h"
#include "forces/counter.h"
#include "ledger/keys.h"
#include "ledger/notification.h"
#include "ledger/replay.h"

namespace verity::ledger {

// The sample key of "US" or "RU".
SecretKey SampleKey(const std::string& party);

// The signed sample notifications for targets dated within [from, to], in
// the order they were sent. InvalidArgument if no published aggregate falls
// in the range.
StatusOr<std::vector<Notification>> SampleNotifications(const forces::Counter& counter, Date from,
                                                        Date to);

struct SampleResult {
  std::string dir;
  uint64_t notifications = 0;
  Hash256 root{};
  std::vector<std::string> ambiguities;  // one line each

  std::string Summary() const;
};

// Creates a ledger in `dir` (AlreadyExists if there is one) holding the
// sample, appended with the ambiguity finder `finders` makes for the treaty
// (inspect::MakeTreatyFinder, as every ledger under a treaty is opened).
StatusOr<SampleResult> WriteSample(const std::string& dir, Date from, Date to,
                                   const std::string& treaty_name, const FinderFactory& finders);

}  // namespace verity::ledger

#endif  // VERITY_LEDGER_SAMPLE_H_
