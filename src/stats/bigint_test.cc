#include "stats/bigint.h"

#include <gtest/gtest.h>

namespace verity::stats {
namespace {

TEST(BigUintTest, BinomialMatchesKnownValues) {
  EXPECT_EQ(Binomial(60, 30).ToString(), "118264581564861424");
  EXPECT_EQ(Binomial(5, 7).ToString(), "0");
  EXPECT_EQ(Binomial(100, 50).ToString(), "100891344545564193334812497256");
}

TEST(BigUintTest, MultiplyDivideAndGcdRoundTrip) {
  const BigUint a = Binomial(200, 100), b = Binomial(150, 75);
  BigUint q, r;
  BigUint::DivMod(a * b, b, &q, &r);
  EXPECT_EQ(q, a);
  EXPECT_TRUE(r.IsZero());
  BigUint g = BigUint::Gcd(BigUint(84) * a, BigUint(36) * a);
  EXPECT_EQ(g, BigUint(12) * a);
}

TEST(BigUintTest, SubtractionBorrowsAcrossLimbs) {
  BigUint a(uint64_t{1} << 40);
  a -= BigUint(1);
  EXPECT_EQ(a.ToString(), "1099511627775");
}

TEST(BigUintTest, RatioIsTheNearestDouble) {
  EXPECT_EQ(BigUint::Ratio(BigUint(1), BigUint(3)), 1.0 / 3.0);
  EXPECT_EQ(BigUint::Ratio(Binomial(99, 49), Binomial(100, 50)), 0.5);
  EXPECT_EQ(BigUint::Ratio(BigUint(0), BigUint(7)), 0.0);
}

}  // namespace
}  // namespace verity::stats
