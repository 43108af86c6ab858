// Walker's alias method (A. J. Walker, 1977; Vose's construction) with
// integer thresholds: one 64-bit draw picks a column by multiply-shift
// from its high half and keeps it or takes its alias by comparing the low
// half with the column's threshold. Probabilities are exact to 2^-32.
//
// Immutable after Build; safe for concurrent reads.
#ifndef VERITY_STATS_ALIAS_H_
#define VERITY_STATS_ALIAS_H_

#include <cstdint>
#include <vector>

#include "stats/rng.h"

namespace verity::stats {

class AliasTable {
 public:
  // REQUIRES: weights non-empty, all >= 0, with a positive sum.
  static AliasTable Build(const std::vector<double>& weights);

  size_t size() const { return threshold_.size(); }

  uint32_t Pick(uint64_t bits) const {
    return Pick(bits, threshold_.data(), alias_.data(), static_cast<uint32_t>(threshold_.size()));
  }

  // The same on raw arrays, for hot loops that keep them in registers.
  static uint32_t Pick(uint64_t bits, const uint64_t* threshold, const uint32_t* alias,
                       uint32_t columns) {
    const uint32_t column = Below(static_cast<uint32_t>(bits >> 32), columns);
    // Arithmetic select: a branch here would be mispredicted often.
    const uint32_t keep = 0u - ((bits & 0xffffffffULL) < threshold[column] ? 1u : 0u);
    return (column & keep) | (alias[column] & ~keep);
  }
  const uint64_t* thresholds() const { return threshold_.data(); }
  const uint32_t* aliases() const { return alias_.data(); }

 private:
  std::vector<uint64_t> threshold_;  // in [0, 2^32]
  std::vector<uint32_t> alias_;
};

}  // namespace verity::stats

#endif  // VERITY_STATS_ALIAS_H_
