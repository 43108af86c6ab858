// The treaty's own process in the sample history (docs/bcc.md,
// docs/regime.md): the 2022 concern about the US conversions and "training
// silos", the US answer (left unresolved: the commission did not meet
// again), Russia's suspension of 21 February 2023 and the US
// countermeasures of 28 March and 1 June 2023. Each notification's body
// cites its source in its "statement" or text; the dates are the sources'
// (the day the concern and the answer were sent is the sample's choice,
// stated in docs/bcc.md).
//
// Internal to the sample (sample.cc). Values; thread-compatible.
#ifndef VERITY_LEDGER_SAMPLE_PROCESS_H_
#define VERITY_LEDGER_SAMPLE_PROCESS_H_

#include <vector>

#include "core/date.h"
#include "core/status.h"
#include "ledger/notification.h"
#include "treaty/treaty.h"

namespace verity::ledger::internal {

// The concern's id in the sample.
inline constexpr char kSampleConcernId[] = "RU-2022-01";

// Merges the process notifications dated within [from, to] into `log`
// (unsigned, in the order sent), drops what a party would not have sent
// under the regime they make (a data exchange falling due while the party
// withholds or has suspended its exchanges; any other notification sent
// while its notifications are), and points the concern at the US data
// exchange it disputes. The log's indices are its positions.
Status AddProcessHistory(const treaty::Treaty& t, Date from, Date to,
                         std::vector<Notification>* log);

}  // namespace verity::ledger::internal

#endif  // VERITY_LEDGER_SAMPLE_PROCESS_H_
