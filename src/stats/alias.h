// Walker's alias method (A. J. Walker, 1977; Vose's construction) with
// integer thresholds: one 32-bit draw u picks a column by multiply-shift,
// u * n = column * 2^32 + fraction, and keeps the column or takes its alias
// by comparing the fraction with the column's threshold. Probabilities are
// exact to n / 2^32 for n columns. Thresholds are 32-bit: a full column
// (threshold 2^32) is stored as 2^32 - 1 and is its own alias, so the
// clamp changes nothing.
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

  uint32_t Pick(uint32_t bits) const {
    return Pick(bits, entries_.data(), static_cast<uint32_t>(entries_.size()));
  }

  // The same on the raw table, for hot loops that keep it in a register.
  // An entry packs the threshold (low half) and the alias (high half), so a
  // pick costs one load.
  static uint32_t Pick(uint32_t bits, const uint64_t* entries, uint32_t columns) {
    const uint64_t scaled = Scale(bits, columns);
    const uint32_t column = static_cast<uint32_t>(scaled >> 32);
    const uint64_t e = entries[column];
    // Arithmetic select: a branch here would be mispredicted often.
    const uint32_t keep = 0u - (static_cast<uint32_t>(scaled) < static_cast<uint32_t>(e) ? 1u : 0u);
    return (column & keep) | (static_cast<uint32_t>(e >> 32) & ~keep);
  }
  const uint64_t* entries() const { return entries_.data(); }
  uint32_t threshold(size_t column) const { return static_cast<uint32_t>(entries_[column]); }
  uint32_t alias(size_t column) const { return static_cast<uint32_t>(entries_[column] >> 32); }

 private:
  std::vector<uint64_t> entries_;  // threshold | alias << 32
};

}  // namespace verity::stats

#endif  // VERITY_STATS_ALIAS_H_
