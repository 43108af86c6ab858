// Classic inspection games (docs/statistics.md).
//
// Dresher's recursive game (M. Dresher, "A sampling inspection problem in
// arms control agreements: a game-theoretic analysis", RAND RM-2972-ARPA,
// 1962; see also R. Avenhaus and M. J. Canty, "Compliance Quantified", 1996,
// and B. von Stengel, "Recursive inspection games", Math. Oper. Res. 41(3),
// 2016). Over n periods the inspector may inspect in m of them; the inspectee
// may violate once. Payoff to the inspectee: +1 undetected violation, -1
// caught, 0 legal throughout. Each period is the 2x2 zero-sum game
//                inspect        not inspect
//   legal     v(n-1, m-1)       v(n-1, m)
//   violate      -1               +1
// with v(n, 0) = 1 and v(n, m) = 0 for m >= n. Its value has the closed form
//   v(n, m) = C(n-1, m) / sum_{i=0..m} C(n, i),
// which is what DresherGameValue computes, exactly.
//
// The 2x2 inspection game with simultaneous moves (payoffs below) and the
// deterrence threshold of inspector leadership.
//
// Pure functions, thread-safe.
#ifndef VERITY_STATS_GAMES_H_
#define VERITY_STATS_GAMES_H_

#include <cstdint>
#include <string>

#include "core/status.h"

namespace verity::stats {

inline constexpr int64_t kMaxGamePeriods = 10000;

struct GameValue {
  std::string numerator;    // decimal digits, fraction in lowest terms
  std::string denominator;  // decimal digits, >= 1
  double value = 0;         // the nearest double
};

// v(periods, inspections). InvalidArgument unless 1 <= periods <=
// kMaxGamePeriods and 0 <= inspections.
StatusOr<GameValue> DresherGameValue(int64_t periods, int64_t inspections);

// Payoffs of the one-shot inspection game. Inspector / inspectee:
//                 not inspect          inspect
//   comply          0 / 0              -c / 0
//   violate        -L / d        (1-beta)(a-c) + beta(-L-c) / (1-beta)(-b) + beta d
// where 1-beta = detection_probability. A false alarm (probability alpha
// per inspection of a complying inspectee, cost h to the inspectee) only
// enters the deterrence threshold.
struct InspectionGamePayoffs {
  double violation_gain = 1;         // d > 0: inspectee's gain from an undetected violation
  double sanction = 1;               // b > 0: inspectee's loss when caught
  double inspection_cost = 1;        // c >= 0: inspector's cost of inspecting
  double detection_gain = 0;         // a >= 0: inspector's gain from catching a violation
  double violation_loss = 1;         // L: inspector's loss from an undetected violation; a + L > 0
  double detection_probability = 1;  // 1 - beta in (0, 1]
  double false_alarm = 0;            // alpha in [0, 1)
  double false_alarm_cost = 0;       // h >= 0
};

enum class EquilibriumKind { kMixed, kAlwaysViolateNeverInspect, kAlwaysViolateAlwaysInspect };

struct InspectionGameSolution {
  EquilibriumKind kind = EquilibriumKind::kMixed;
  double inspection_probability = 0;  // p*
  double violation_probability = 0;   // q*
  double inspector_payoff = 0;
  double inspectee_payoff = 0;
  // Inspector leadership: the least detection probability per violation,
  // (d + h alpha) / (b + d), that makes staying legal a best response.
  double deterrence_threshold = 0;
};

// The Nash equilibrium (unique for valid payoffs). InvalidArgument naming
// the first payoff out of range.
StatusOr<InspectionGameSolution> SolveInspectionGame(const InspectionGamePayoffs& payoffs);

std::string_view EquilibriumKindName(EquilibriumKind kind);

}  // namespace verity::stats

#endif  // VERITY_STATS_GAMES_H_
