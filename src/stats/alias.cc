#include "stats/alias.h"

#include <numeric>

namespace verity::stats {

AliasTable AliasTable::Build(const std::vector<double>& weights) {
  const size_t n = weights.size();
  const double sum = std::accumulate(weights.begin(), weights.end(), 0.0);
  std::vector<double> scaled(n);
  std::vector<uint32_t> small, large;
  for (size_t i = 0; i < n; ++i) {
    scaled[i] = weights[i] * static_cast<double>(n) / sum;
    (scaled[i] < 1.0 ? small : large).push_back(static_cast<uint32_t>(i));
  }
  AliasTable t;
  t.threshold_.assign(n, uint64_t{1} << 32);
  t.alias_.resize(n);
  for (size_t i = 0; i < n; ++i) t.alias_[i] = static_cast<uint32_t>(i);
  while (!small.empty() && !large.empty()) {
    const uint32_t s = small.back(), l = large.back();
    small.pop_back();
    t.threshold_[s] = ProbabilityThreshold(scaled[s]);
    t.alias_[s] = l;
    scaled[l] -= 1.0 - scaled[s];
    if (scaled[l] < 1.0) {
      large.pop_back();
      small.push_back(l);
    }
  }
  // Leftovers (rounding) keep their own column with certainty.
  return t;
}

}  // namespace verity::stats
