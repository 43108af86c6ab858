// Exact statistics against an independent computation: Pascal's triangle in
// 128-bit integers and brute-force search over every sample size.
#include "stats/exact.h"

#include <gtest/gtest.h>

#include <cmath>
#include <vector>

namespace verity::stats {
namespace {

__extension__ typedef __int128 Int;
constexpr int kMaxN = 60;  // C(60, 30) < 2^63, products of two fit in 128 bits

const std::vector<std::vector<Int>>& Pascal() {
  static const auto* table = [] {
    auto* t = new std::vector<std::vector<Int>>(kMaxN + 1, std::vector<Int>(kMaxN + 1, 0));
    for (int n = 0; n <= kMaxN; ++n) {
      (*t)[n][0] = 1;
      for (int k = 1; k <= n; ++k) (*t)[n][k] = (*t)[n - 1][k - 1] + (*t)[n - 1][k];
    }
    return t;
  }();
  return *table;
}

Int C(int n, int k) { return k < 0 || k > n ? 0 : Pascal()[n][k]; }

// Smallest n with C(N-R,n)/C(N,n) <= 1 - num/den, by trying every n.
int BruteExact(int N, int R, Int num, Int den) {
  for (int n = 0; n <= N; ++n) {
    if (den * C(N - R, n) <= (den - num) * C(N, n)) return n;
  }
  return -1;
}

// Smallest n with (N-n)^R <= (1 - num/den) N^R, by trying every n.
int BruteIaea(int N, int R, Int num, Int den) {
  for (int n = 0; n <= N; ++n) {
    Int lhs = den, rhs = den - num;
    for (int i = 0; i < R; ++i) {
      lhs *= N - n;
      rhs *= N;
    }
    if (lhs <= rhs) return n;
  }
  return -1;
}

const std::vector<const char*> kTargets = {"0.05", "0.1", "0.2", "0.5", "0.9", "0.95", "0.99", "1"};

TEST(DetectionProbabilityTest, MatchesExactRationalWithinTwoUlps) {
  for (int N = 1; N <= 40; ++N) {
    for (int R = 0; R <= N; ++R) {
      for (int n = 0; n <= N; ++n) {
        const long double beta =
            static_cast<long double>(C(N - R, n)) / static_cast<long double>(C(N, n));
        const double expected = static_cast<double>(1.0L - beta);
        const double got = DetectionProbability(N, R, n).value();
        ASSERT_NEAR(got, expected, 4e-16 * std::max(1.0, expected)) << N << " " << R << " " << n;
      }
    }
  }
}

TEST(DetectionProbabilityTest, SymmetricInDefectsAndSample) {
  // C(N-r,n)/C(N,n) = C(N-n,r)/C(N,r).
  for (int N : {7, 50, 333, 5000}) {
    for (int R : {0, 1, 3, N / 4, N / 2}) {
      for (int n : {0, 1, 2, N / 10, N / 3}) {
        EXPECT_NEAR(DetectionProbability(N, R, n).value(), DetectionProbability(N, n, R).value(),
                    1e-14);
      }
    }
  }
}

TEST(DetectionProbabilityTest, RejectsOutOfRangeInput) {
  EXPECT_EQ(DetectionProbability(0, 0, 0).status().message(),
            "population must be between 1 and 100000, got 0");
  EXPECT_EQ(DetectionProbability(10, 11, 1).status().message(),
            "defects must be between 0 and the population (10), got 11");
  EXPECT_EQ(DetectionProbability(10, 1, -1).status().message(),
            "sample must be between 0 and the population (10), got -1");
}

TEST(SampleSizeTest, ExactMatchesBruteForce) {
  for (int N = 1; N <= kMaxN; ++N) {
    for (int R = 1; R <= N; ++R) {
      for (const char* target : kTargets) {
        const ProbabilityFraction p = ParseProbability(target, "detect").value();
        ASSERT_EQ(ExactSampleSize(N, R, p).value(), BruteExact(N, R, p.numerator, p.denominator))
            << N << " " << R << " " << target;
      }
    }
  }
}

TEST(SampleSizeTest, IaeaMatchesBruteForce) {
  for (int N = 1; N <= 20; ++N) {
    for (int R = 1; R <= N; ++R) {
      for (const char* target : kTargets) {
        const ProbabilityFraction p = ParseProbability(target, "detect").value();
        ASSERT_EQ(IaeaSampleSize(N, R, p).value(), BruteIaea(N, R, p.numerator, p.denominator))
            << N << " " << R << " " << target;
      }
    }
  }
}

TEST(SampleSizeTest, FloatingPointCannotMoveTheIaeaCeiling) {
  // 20 (1 - 0.95) is 1.0000000000000009 in doubles; the exact answer is 1.
  const ProbabilityFraction p = ParseProbability("0.05", "detect").value();
  for (int N : {20, 40, 60, 100, 2000}) {
    EXPECT_EQ(IaeaSampleSize(N, 1, p).value(), N / 20) << N;
    EXPECT_EQ(ExactSampleSize(N, 1, p).value(), N / 20) << N;
  }
}

TEST(SampleSizeTest, ExactIsWithinThreeBelowIaeaOverAGrid) {
  for (int N : {10, 25, 50, 100, 250, 500, 1000, 2500, 10000}) {
    for (int R : {1, 2, 3, 5, 8, 13, 21, 50}) {
      if (R > N / 2) continue;
      for (const char* target : kTargets) {
        if (std::string(target) == "1") continue;
        const ProbabilityFraction p = ParseProbability(target, "detect").value();
        const int64_t exact = ExactSampleSize(N, R, p).value();
        const int64_t iaea = IaeaSampleSize(N, R, p).value();
        EXPECT_LE(iaea - 3, exact) << N << " " << R << " " << target;
        EXPECT_LE(exact, iaea) << N << " " << R << " " << target;
      }
    }
  }
}

TEST(SampleSizeTest, CertainDetectionNeedsAllButTheDefectsPlusOne) {
  const ProbabilityFraction one = ParseProbability("1", "detect").value();
  EXPECT_EQ(ExactSampleSize(100, 7, one).value(), 94);
  EXPECT_EQ(IaeaSampleSize(100, 7, one).value(), 100);
  EXPECT_EQ(ExactSampleSize(10, 10, ParseProbability("0.9", "detect").value()).value(), 1);
  EXPECT_EQ(IaeaSampleSize(10, 10, ParseProbability("0.9", "detect").value()).value(), 3);
}

TEST(SampleSizeTest, ZeroDefectsCannotBeDetected) {
  EXPECT_EQ(ExactSampleSize(10, 0, ParseProbability("0.5", "detect").value()).status().message(),
            "with 0 defects no sample can detect anything; defects must be >= 1");
}

TEST(ParseProbabilityTest, ReadsDecimalsExactly) {
  const ProbabilityFraction p = ParseProbability("0.9990234375", "detect").value();
  EXPECT_EQ(p.numerator, 9990234375u);
  EXPECT_EQ(p.denominator, 10000000000u);
  EXPECT_EQ(ParseProbability("1", "x").value().numerator, 1u);
  EXPECT_EQ(ParseProbability(".5", "x").value().denominator, 10u);
}

TEST(ParseProbabilityTest, RejectsValuesOutsideTheUnitInterval) {
  EXPECT_EQ(ParseProbability("1.5", "detect").status().message(),
            "detect: expected a decimal probability in [0, 1] with at most 18 decimals, got '1.5'");
  EXPECT_FALSE(ParseProbability("-0.1", "detect").ok());
  EXPECT_FALSE(ParseProbability("0.5x", "detect").ok());
  EXPECT_FALSE(ParseProbability(".", "detect").ok());
  EXPECT_FALSE(ParseProbability("10", "detect").ok());
}

}  // namespace
}  // namespace verity::stats
