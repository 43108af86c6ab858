// Generated data for the ledger benchmarks: signed notifications and a
// cached 15-year ledger of a million notifications.
#ifndef VERITY_BENCH_LEDGER_BENCH_DATA_H_
#define VERITY_BENCH_LEDGER_BENCH_DATA_H_

#include <string>
#include <vector>

#include "forces/counter.h"
#include "ledger/notification.h"
#include "ledger/store.h"

namespace verity::bench {

inline constexpr size_t kBigLedgerSize = 1'000'000;

// `count` signed movement notifications of "US" (serials from 1).
std::vector<ledger::Notification> SignedMovements(size_t count);

// A history of one party: the sample's first data exchange, then `count`
// changes (movements, unloading and reloading, warhead changes) spread over
// 15 years from 2011-02-06. Consistent: replay raises no ambiguity.
std::vector<ledger::Notification> LongHistory(const forces::Counter& counter,
                                              const std::string& party, size_t count);

// Opens (building it the first time, which takes minutes) the cached ledger
// of kBigLedgerSize notifications of US and RU in <build>/bench-data/.
std::unique_ptr<ledger::Ledger> BigLedger(const forces::Counter& counter);

}  // namespace verity::bench

#endif  // VERITY_BENCH_LEDGER_BENCH_DATA_H_
