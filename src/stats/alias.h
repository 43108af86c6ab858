// Walker's alias method (A. J. Walker, 1977; Vose's construction) with
// integer thresholds: one 64-bit draw picks a column by multiply-shift
// from its high half and keeps it or takes its alias by comparing the low
// half with the column's threshold. Probabilities are exact to 2^-32.
//
// Immutable after Build; safe for concurrent reads.
#ifndef VERITY_STATS_ALIAS_H_
#define VERITY_STATS_ALIAS_H_

#include <cstddef>
#include <cstdint>
#include <vector>

#include "stats/rng.h"

namespace verity::stats {

class AliasTable {
 public:
  // REQUIRES: weights non-empty (at most 2^31), all >= 0, with a positive sum.
  static AliasTable Build(const std::vector<double>& weights);

  size_t size() const { return entries_.size(); }

  uint32_t Pick(uint64_t bits) const {
    return Pick(bits, entries_.data(), static_cast<uint32_t>(entries_.size()));
  }

  // The same on the raw table, for hot loops that keep it in a register.
  // An entry packs the threshold (bits 0..32) and the alias (bits 33..63),
  // so a pick costs one load.
  static uint32_t Pick(uint64_t bits, const uint64_t* entries, uint32_t columns) {
    const uint32_t column = Below(static_cast<uint32_t>(bits >> 32), columns);
    const uint64_t e = entries[column];
    // Arithmetic select: a branch here would be mispredicted often.
    const uint32_t keep = 0u - ((bits & 0xffffffffULL) < (e & kThresholdMask) ? 1u : 0u);
    return (column & keep) | (static_cast<uint32_t>(e >> kAliasShift) & ~keep);
  }
  const uint64_t* entries() const { return entries_.data(); }

 private:
  static constexpr int kAliasShift = 33;
  static constexpr uint64_t kThresholdMask = (uint64_t{1} << kAliasShift) - 1;
  std::vector<uint64_t> entries_;  // threshold in [0, 2^32] | alias << 33
};

}  // namespace verity::stats

#endif  // VERITY_STATS_ALIAS_H_
