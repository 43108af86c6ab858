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
    const uint32_t column = Below(static_cast<uint32_t>(bits >> 32), threshold_.size());
    return (bits & 0xffffffffULL) < threshold_[column] ? column : alias_[column];
  }

 private:
  std::vector<uint64_t> threshold_;  // in [0, 2^32]
  std::vector<uint32_t> alias_;
};

}  // namespace verity::stats

#endif  // VERITY_STATS_ALIAS_H_
