#include "stats/games.h"

#include <gtest/gtest.h>

#include <string>

namespace verity::stats {
namespace {

__extension__ typedef __int128 Int;

// A rational in 128-bit integers, always in lowest terms with a positive denominator.
struct Q {
  Int n = 0, d = 1;
};
Int Gcd(Int a, Int b) {
  if (a < 0) a = -a;
  while (b != 0) {
    const Int t = a % b;
    a = b;
    b = t < 0 ? -t : t;
  }
  return a == 0 ? 1 : a;
}
Q Make(Int n, Int d) {
  if (d < 0) n = -n, d = -d;
  const Int g = Gcd(n, d);
  return {n / g, d / g};
}
Q Add(Q a, Q b) { return Make(a.n * b.d + b.n * a.d, a.d * b.d); }
Q Sub(Q a, Q b) { return Make(a.n * b.d - b.n * a.d, a.d * b.d); }
Q Mul(Q a, Q b) { return Make(a.n * b.n, a.d * b.d); }
Q Div(Q a, Q b) { return Make(a.n * b.d, a.d * b.n); }
bool Less(Q a, Q b) { return a.n * b.d < b.n * a.d; }
Q Min(Q a, Q b) { return Less(a, b) ? a : b; }
Q Max(Q a, Q b) { return Less(a, b) ? b : a; }

// Value of the zero-sum game [[a, b], [c, d]] for the row player (maximiser):
// a saddle point if there is one, otherwise the mixed-strategy formula.
Q Value2x2(Q a, Q b, Q c, Q d) {
  const Q lower = Max(Min(a, b), Min(c, d));
  const Q upper = Min(Max(a, c), Max(b, d));
  if (!Less(lower, upper)) return lower;
  return Div(Sub(Mul(a, d), Mul(b, c)), Sub(Add(a, d), Add(b, c)));
}

std::string ToString(Int v) {
  std::string s;
  do {
    s.insert(s.begin(), static_cast<char>('0' + static_cast<int>(v % 10)));
    v /= 10;
  } while (v != 0);
  return s;
}

TEST(DresherGameTest, ClosedFormMatchesTheRecursion) {
  constexpr int kN = 30;  // keeps every intermediate product within 128 bits
  // v[n][m] by Dresher's recursion, independently of the closed form.
  std::vector<std::vector<Q>> v(kN + 1, std::vector<Q>(kN + 1));
  for (int n = 1; n <= kN; ++n) {
    for (int m = 0; m <= kN; ++m) {
      if (m >= n)
        v[n][m] = {0, 1};
      else if (m == 0)
        v[n][m] = {1, 1};
      else
        v[n][m] = Value2x2(v[n - 1][m - 1], v[n - 1][m], {-1, 1}, {1, 1});
    }
  }
  for (int n = 1; n <= kN; ++n) {
    for (int m = 0; m <= n; ++m) {
      const GameValue g = DresherGameValue(n, m).value();
      ASSERT_EQ(g.numerator, ToString(v[n][m].n)) << n << " " << m;
      ASSERT_EQ(g.denominator, ToString(v[n][m].d)) << n << " " << m;
      ASSERT_DOUBLE_EQ(g.value, static_cast<double>(v[n][m].n) / static_cast<double>(v[n][m].d));
    }
  }
}

TEST(DresherGameTest, LargeGamesStayExact) {
  const GameValue g = DresherGameValue(365, 20).value();
  EXPECT_GT(g.numerator.size(), 20u);  // beyond 64-bit arithmetic
  EXPECT_GT(g.value, 0.0);
  EXPECT_LT(g.value, DresherGameValue(365, 19).value().value);
}

TEST(DresherGameTest, RejectsBadPeriods) {
  EXPECT_EQ(DresherGameValue(0, 1).status().message(),
            "periods must be between 1 and 10000, got 0");
  EXPECT_EQ(DresherGameValue(5, -1).status().message(), "inspections must be >= 0, got -1");
}

TEST(InspectionGameTest, WorkedExampleHasTheTextbookEquilibrium) {
  InspectionGamePayoffs g;
  g.violation_gain = 1;
  g.sanction = 4;
  g.inspection_cost = 1;
  g.detection_gain = 4;
  g.violation_loss = 6;
  const InspectionGameSolution s = SolveInspectionGame(g).value();
  EXPECT_EQ(s.kind, EquilibriumKind::kMixed);
  EXPECT_DOUBLE_EQ(s.inspection_probability, 0.2);
  EXPECT_DOUBLE_EQ(s.violation_probability, 0.1);
  EXPECT_DOUBLE_EQ(s.deterrence_threshold, 0.2);
}

TEST(InspectionGameTest, EquilibriumMakesBothPlayersIndifferent) {
  InspectionGamePayoffs g{3, 5, 0.7, 2, 9, 0.8, 0, 0};
  const InspectionGameSolution s = SolveInspectionGame(g).value();
  const double p = s.inspection_probability, q = s.violation_probability, dp = 0.8;
  // Inspectee: violating pays as much as complying (0).
  EXPECT_NEAR(p * (dp * -5 + (1 - dp) * 3) + (1 - p) * 3, 0.0, 1e-12);
  // Inspector: inspecting pays as much as not.
  const double inspect = (1 - q) * -0.7 + q * (dp * (2 - 0.7) + (1 - dp) * (-9 - 0.7));
  EXPECT_NEAR(inspect, q * -9, 1e-12);
  EXPECT_NEAR(s.inspector_payoff, q * -9, 1e-12);
}

TEST(InspectionGameTest, DeterrenceThresholdFollowsGainAndSanction) {
  InspectionGamePayoffs g;
  g.violation_gain = 1;
  g.sanction = 9;
  EXPECT_DOUBLE_EQ(SolveInspectionGame(g).value().deterrence_threshold, 0.1);
  g.sanction = 1;
  EXPECT_DOUBLE_EQ(SolveInspectionGame(g).value().deterrence_threshold, 0.5);
  g.false_alarm = 0.1;
  g.false_alarm_cost = 2;
  EXPECT_DOUBLE_EQ(SolveInspectionGame(g).value().deterrence_threshold, 0.6);
}

TEST(InspectionGameTest, WeakDetectionCannotDeter) {
  InspectionGamePayoffs g;
  g.violation_gain = 1;
  g.sanction = 1;
  g.inspection_cost = 0.1;
  g.detection_probability = 0.4;  // needs p = 1 / (0.4 * 2) > 1
  EXPECT_EQ(SolveInspectionGame(g).value().kind, EquilibriumKind::kAlwaysViolateAlwaysInspect);
  g.detection_probability = 1;
  g.inspection_cost = 10;  // costlier than any loss it prevents
  EXPECT_EQ(SolveInspectionGame(g).value().kind, EquilibriumKind::kAlwaysViolateNeverInspect);
}

TEST(InspectionGameTest, RejectsPayoffsOutOfRange) {
  InspectionGamePayoffs g;
  g.sanction = 0;
  EXPECT_EQ(SolveInspectionGame(g).status().message(), "sanction: expected > 0, got 0.000000");
  g.sanction = 1;
  g.detection_probability = 1.5;
  EXPECT_EQ(SolveInspectionGame(g).status().message(),
            "detection_probability: expected a value in (0, 1], got 1.500000");
}

}  // namespace
}  // namespace verity::stats
