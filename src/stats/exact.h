// Exact attribute-sampling statistics (docs/statistics.md).
//
// A population of N items holds R defects (items that would reveal a
// violation); n items are sampled at random without replacement. The
// chance that the sample holds no defect is hypergeometric:
//   beta(n) = C(N-R, n) / C(N, n) = prod_{i<n} (N-R-i)/(N-i) = C(N-n, R) / C(N, R).
//
// Sample sizes are decided exactly: a target detection probability P is a
// decimal fraction (ProbabilityFraction), and every comparison that floating
// point cannot settle with a safe margin is redone in integer arithmetic,
// so no rounding can move a ceiling (N=20, R=1, P=0.05 gives the IAEA n=1).
//
// All functions are pure and thread-safe.
#ifndef VERITY_STATS_EXACT_H_
#define VERITY_STATS_EXACT_H_

#include <cstdint>
#include <string_view>

#include "core/status.h"

namespace verity::stats {

// Largest population accepted by the exact functions (keeps the exact
// integer checks fast).
inline constexpr int64_t kMaxPopulation = 100000;

// A probability as numerator / denominator, 0 <= numerator <= denominator.
struct ProbabilityFraction {
  uint64_t numerator = 0;
  uint64_t denominator = 1;
  double ToDouble() const {
    return static_cast<double>(numerator) / static_cast<double>(denominator);
  }
};

// Parses a decimal probability such as "0.95", "1", ".5" or "0.9990234375"
// exactly (at most 18 digits after the point). InvalidArgument names `what`
// and the text if it is not a decimal in [0, 1].
StatusOr<ProbabilityFraction> ParseProbability(std::string_view text, std::string_view what);

// 1 - beta(n): the chance that a sample of n holds at least one defect.
// InvalidArgument unless 1 <= N <= kMaxPopulation, 0 <= R <= N, 0 <= n <= N.
// Accurate to a few units in the last place of a double.
StatusOr<double> DetectionProbability(int64_t population, int64_t defects, int64_t sample);

// The smallest n with 1 - beta(n) >= P (exact). With P = 1 this is N-R+1.
// InvalidArgument on the ranges above, or if R = 0 and P > 0 (nothing can be found).
StatusOr<int64_t> ExactSampleSize(int64_t population, int64_t defects, ProbabilityFraction detect);

// The IAEA approximation n = ceil(N (1 - (1-P)^(1/R))), computed exactly as the
// least integer n with (1 - n/N)^R <= 1 - P. Same errors as ExactSampleSize.
StatusOr<int64_t> IaeaSampleSize(int64_t population, int64_t defects, ProbabilityFraction detect);

}  // namespace verity::stats

#endif  // VERITY_STATS_EXACT_H_
