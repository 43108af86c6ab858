#include "stats/alias.h"

#include <algorithm>
#include <numeric>

namespace verity::stats {

AliasTable AliasTable::Build(const std::vector<double>& weights) {
  constexpr uint64_t kFull = 0xffffffffULL;
  const size_t n = weights.size();
  const double sum = std::accumulate(weights.begin(), weights.end(), 0.0);
  std::vector<double> scaled(n);
  std::vector<uint32_t> small, large;
  for (size_t i = 0; i < n; ++i) {
    scaled[i] = weights[i] * static_cast<double>(n) / sum;
    (scaled[i] < 1.0 ? small : large).push_back(static_cast<uint32_t>(i));
  }
  std::vector<uint64_t> threshold(n, uint64_t{1} << 32);
  std::vector<uint64_t> alias(n);
  for (size_t i = 0; i < n; ++i) alias[i] = i;
  while (!small.empty() && !large.empty()) {
    const uint32_t s = small.back(), l = large.back();
    small.pop_back();
    threshold[s] = ProbabilityThreshold(scaled[s]);
    // Rounded up to certain (within 2^-33 of 1): the column keeps itself.
    alias[s] = threshold[s] > kFull ? s : l;
    scaled[l] -= 1.0 - scaled[s];
    if (scaled[l] < 1.0) {
      large.pop_back();
      small.push_back(l);
    }
  }
  // Leftovers (rounding) keep their own column with certainty.
  AliasTable t;
  for (size_t i = 0; i < n; ++i)
    t.entries_.push_back(std::min(threshold[i], kFull) | (alias[i] << 32));
  return t;
}

}  // namespace verity::stats
