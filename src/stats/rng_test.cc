// The Monte Carlo random streams and the alias method. Reference values for
// LaneRng come from a separate Python transcription of SplitMix64 seeding and
// xoshiro128++ (Blackman and Vigna's reference algorithm).
#include "stats/rng.h"

#include <gtest/gtest.h>

#include <cmath>
#include <vector>

#include "stats/alias.h"

namespace verity::stats {
namespace {

TEST(LaneRngTest, MatchesAnIndependentTranscription) {
  LaneRng a(1, 0, 0);
  EXPECT_EQ(a.Next(), 0x7ff78de4u);
  EXPECT_EQ(a.Next(), 0x9a170265u);
  EXPECT_EQ(a.Next(), 0xdac127b8u);
  EXPECT_EQ(a.Next(), 0x9859e914u);
  LaneRng b(42, 3, 7);
  EXPECT_EQ(b.Next(), 0x49ce20a9u);
  EXPECT_EQ(b.Next(), 0x71ca40f0u);
  EXPECT_EQ(b.Next(), 0x61fcef2du);
  EXPECT_EQ(b.Next(), 0x5808f105u);
}

TEST(LaneRngTest, LanesAndBlocksGetDifferentStreams) {
  EXPECT_NE(LaneRng(1, 0, 0).Next(), LaneRng(1, 0, 1).Next());
  EXPECT_NE(LaneRng(1, 0, 0).Next(), LaneRng(1, 1, 0).Next());
  EXPECT_NE(LaneRng(1, 0, 0).Next(), LaneRng(2, 0, 0).Next());
}

TEST(ScaleTest, HighHalfIsTheMultiplyShiftIntegerAndLowHalfAFraction) {
  EXPECT_EQ(Scale(0xffffffffu, 10) >> 32, 9u);
  EXPECT_EQ(Scale(0, 10), 0u);
  EXPECT_EQ(Below(0x80000000u, 10), 5u);
  EXPECT_EQ(Scale(0x80000000u, 3) & 0xffffffffULL, 0x80000000ULL);
}

// Every 2^10-th 32-bit word, evenly spread: frequencies must match the
// weights to within the grid's resolution (2^-22) plus n / 2^32.
TEST(AliasTableTest, PicksInProportionToTheWeights) {
  const std::vector<double> w = {133, 132, 132, 40, 20, 0.5};
  const AliasTable t = AliasTable::Build(w);
  std::vector<double> count(w.size(), 0);
  constexpr uint32_t kStep = 1u << 10;
  uint64_t draws = 0;
  for (uint64_t u = kStep / 2; u < (uint64_t{1} << 32); u += kStep, ++draws) {
    ++count[t.Pick(static_cast<uint32_t>(u))];
  }
  double total = 0;
  for (const double x : w) total += x;
  for (size_t i = 0; i < w.size(); ++i) {
    EXPECT_NEAR(count[i] / static_cast<double>(draws), w[i] / total, 1e-5) << "column " << i;
  }
}

TEST(AliasTableTest, ZeroWeightIsNeverPickedAndAFullColumnIsItsOwnAlias) {
  const AliasTable t = AliasTable::Build({1, 0, 1});
  for (uint64_t u = 0; u < (uint64_t{1} << 32); u += 1u << 12)
    EXPECT_NE(t.Pick(static_cast<uint32_t>(u)), 1u);
  EXPECT_EQ(t.threshold(1), 0u);
  // A column whose threshold rounds up to certain keeps itself, so that the
  // 32-bit clamp changes nothing.
  for (const AliasTable& u : {t, AliasTable::Build({1 - 1e-11, 1 + 1e-11})}) {
    for (size_t c = 0; c < u.size(); ++c) {
      if (u.threshold(c) == 0xffffffffu) {
        EXPECT_EQ(u.alias(c), c);
      }
    }
  }
}

}  // namespace
}  // namespace verity::stats
