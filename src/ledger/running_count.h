// Limit counts kept up to date as events are applied, so a daily timeline
// recounts only the items an event touched instead of the whole force.
// Internal to replay.
#ifndef VERITY_LEDGER_RUNNING_COUNT_H_
#define VERITY_LEDGER_RUNNING_COUNT_H_

#include <cstdint>
#include <memory>
#include <vector>

#include "forces/counter.h"
#include "forces/model.h"
#include "ledger/apply.h"
#include "ledger/event.h"

namespace verity::ledger::internal {

class RunningCount {
 public:
  explicit RunningCount(const forces::Counter& counter) : counter_(counter) {}

  // Applies `e` to `d` (keeping `contents` current) and updates the counts.
  // REQUIRES: the same `d` and `contents` on every call.
  void Apply(const Event& e, forces::Declaration* d, ContentsIndex* contents,
             std::vector<Ambiguity>* found);
  // Recounts everything.
  void Full(const forces::Declaration& d, const ContentsIndex& contents);
  // Totals, indexed like Treaty::limits.
  const std::vector<int64_t>& totals() const { return totals_; }

 private:
  void Refresh(const forces::Declaration& d, int32_t item, int sign);
  void SyncLoaded(const forces::Declaration& d, const ContentsIndex& contents, int32_t launcher);

  const forces::Counter& counter_;
  std::unique_ptr<forces::ClassCache> cache_ = std::make_unique<forces::ClassCache>();
  std::vector<uint8_t> loaded_;
  std::vector<int64_t> totals_;
};

}  // namespace verity::ledger::internal

#endif  // VERITY_LEDGER_RUNNING_COUNT_H_
