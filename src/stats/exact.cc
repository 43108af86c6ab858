#include "stats/exact.h"

#include <cmath>
#include <functional>
#include <string>

#include "core/text.h"
#include "stats/bigint.h"

namespace verity::stats {
namespace {

// Log-domain comparisons closer than this are settled exactly. The long
// double sums below err by far less (< 1e-14 even for kMaxPopulation terms).
constexpr long double kLogMargin = 1e-9L;
constexpr int kMaxFractionDigits = 18;

Status CheckRanges(int64_t population, int64_t defects) {
  if (population < 1 || population > kMaxPopulation) {
    return InvalidArgument("population must be between 1 and " + std::to_string(kMaxPopulation) +
                           ", got " + std::to_string(population));
  }
  if (defects < 0 || defects > population) {
    return InvalidArgument("defects must be between 0 and the population (" +
                           std::to_string(population) + "), got " + std::to_string(defects));
  }
  return Status::Ok();
}

// log beta(n) = sum_{i<t} log1p(-s/(N-i)), t = min(n, R), s = max(n, R);
// -infinity when beta(n) = 0 (n > N - R).
long double LogBeta(int64_t population, int64_t defects, int64_t sample) {
  if (sample > population - defects) return -INFINITY;
  const int64_t t = std::min(sample, defects), s = std::max(sample, defects);
  long double sum = 0;
  for (int64_t i = 0; i < t; ++i) {
    sum += std::log1p(-static_cast<long double>(s) / static_cast<long double>(population - i));
  }
  return sum;
}

// Exactly: beta(n) <= (den - num) / den, i.e.
// den * prod (N-s-i) <= (den - num) * prod (N-i) over i < t.
bool BetaAtMostExact(int64_t population, int64_t defects, int64_t sample, ProbabilityFraction p) {
  const int64_t t = std::min(sample, defects), s = std::max(sample, defects);
  BigUint lhs(p.denominator), rhs(p.denominator - p.numerator);
  for (int64_t i = 0; i < t; ++i) {
    lhs.MulSmall(static_cast<uint32_t>(population - s - i));
    rhs.MulSmall(static_cast<uint32_t>(population - i));
  }
  return lhs <= rhs;
}

// Exactly: (N - n)^R * den <= (den - num) * N^R.
bool IaeaHoldsExact(int64_t population, int64_t defects, int64_t sample, ProbabilityFraction p) {
  BigUint lhs(p.denominator), rhs(p.denominator - p.numerator);
  for (int64_t i = 0; i < defects; ++i) {
    lhs.MulSmall(static_cast<uint32_t>(population - sample));
    rhs.MulSmall(static_cast<uint32_t>(population));
  }
  return lhs <= rhs;
}

// Decides `approx <= target` in the log domain, deferring to `exact` when the
// two are too close for floating point to be trusted.
bool LogAtMost(long double approx, long double target, const std::function<bool()>& exact) {
  if (approx == -INFINITY) return true;
  if (approx < target - kLogMargin) return true;
  if (approx > target + kLogMargin) return false;
  return exact();
}

// Least n in [lo, hi] with pred(n); pred is monotone and pred(hi) holds.
int64_t LeastSatisfying(int64_t lo, int64_t hi, const std::function<bool(int64_t)>& pred) {
  while (lo < hi) {
    const int64_t mid = lo + (hi - lo) / 2;
    if (pred(mid))
      hi = mid;
    else
      lo = mid + 1;
  }
  return lo;
}

Status CheckSampleSizeInput(int64_t population, int64_t defects, ProbabilityFraction p) {
  VERITY_RETURN_IF_ERROR(CheckRanges(population, defects));
  if (defects == 0 && p.numerator > 0) {
    return InvalidArgument("with 0 defects no sample can detect anything; defects must be >= 1");
  }
  return Status::Ok();
}

long double LogNonDetection(ProbabilityFraction p) {
  return std::log(static_cast<long double>(p.denominator - p.numerator) /
                  static_cast<long double>(p.denominator));
}

}  // namespace

StatusOr<ProbabilityFraction> ParseProbability(std::string_view text, std::string_view what) {
  const auto bad = [&] {
    return InvalidArgument(std::string(what) + ": expected a decimal probability in [0, 1] " +
                           "with at most 18 decimals, got '" + std::string(text) + "'");
  };
  uint64_t whole = 0, frac = 0, den = 1;
  size_t i = 0, int_digits = 0, frac_digits = 0;
  for (; i < text.size() && text[i] >= '0' && text[i] <= '9'; ++i, ++int_digits) {
    if (whole > 1) return bad();
    whole = whole * 10 + static_cast<uint64_t>(text[i] - '0');
  }
  if (i < text.size() && text[i] == '.') {
    for (++i; i < text.size() && text[i] >= '0' && text[i] <= '9'; ++i, ++frac_digits) {
      if (frac_digits == kMaxFractionDigits) return bad();
      frac = frac * 10 + static_cast<uint64_t>(text[i] - '0');
      den *= 10;
    }
  }
  if (i != text.size() || int_digits + frac_digits == 0 || whole > 1 || (whole == 1 && frac > 0)) {
    return bad();
  }
  return ProbabilityFraction{whole * den + frac, den};
}

StatusOr<double> DetectionProbability(int64_t population, int64_t defects, int64_t sample) {
  VERITY_RETURN_IF_ERROR(CheckRanges(population, defects));
  if (sample < 0 || sample > population) {
    return InvalidArgument("sample must be between 0 and the population (" +
                           std::to_string(population) + "), got " + std::to_string(sample));
  }
  const long double log_beta = LogBeta(population, defects, sample);
  if (log_beta == -INFINITY) return 1.0;
  return static_cast<double>(-std::expm1(log_beta));
}

StatusOr<int64_t> ExactSampleSize(int64_t population, int64_t defects, ProbabilityFraction p) {
  VERITY_RETURN_IF_ERROR(CheckSampleSizeInput(population, defects, p));
  if (p.numerator == 0) return 0;
  const long double target = LogNonDetection(p);
  return LeastSatisfying(0, population - defects + 1, [&](int64_t n) {
    return LogAtMost(LogBeta(population, defects, n), target,
                     [&] { return BetaAtMostExact(population, defects, n, p); });
  });
}

StatusOr<int64_t> IaeaSampleSize(int64_t population, int64_t defects, ProbabilityFraction p) {
  VERITY_RETURN_IF_ERROR(CheckSampleSizeInput(population, defects, p));
  if (p.numerator == 0) return 0;
  const long double target = LogNonDetection(p);
  return LeastSatisfying(0, population, [&](int64_t n) {
    const long double approx = n == population
                                   ? -INFINITY
                                   : static_cast<long double>(defects) *
                                         std::log1p(-static_cast<long double>(n) / population);
    return LogAtMost(approx, target, [&] { return IaeaHoldsExact(population, defects, n, p); });
  });
}

}  // namespace verity::stats
