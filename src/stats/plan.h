// Inspection planning: how to spread a year's Type One inspections over
// bases so that the chance of catching a concealing party is as large as
// possible against its best response (docs/statistics.md).
//
// The game (zero-sum): the concealing party hides k overloaded missiles at
// one base b of its choice (a base with at least k missiles); the inspector
// chooses a random allocation (m_1..m_B), sum m_b <= M, of its M Type One
// inspections, each designating one missile at its base. The payoff is the
// detection probability d_b(m_b) at the hiding base.
//
// Solution: d_b is concave in m (checked), so for marginal means y_b the
// best the inspector can get at base b is the piecewise-linear
// interpolation D_b(y_b), reached by putting floor(y_b) or ceil(y_b)
// inspections there; systematic sampling (one uniform U, points U + i on
// the cumulative sums of y) realises all these two-point marginals at once
// with exactly M inspections. Any joint allocation has marginal means that
// sum to at most M, and by concavity E d_b(m_b) <= D_b(E m_b). So the game's
// value is
//     max_y min_b D_b(y_b)  subject to  sum_b y_b <= M, y_b >= 0,
// a linear program (min of linear pieces) solved with GLPK's simplex and
// then its exact rational simplex (glp_exact).
//
// Thread safety: DetectionAfter is pure. PlanInspections uses GLPK, whose
// environment is per process; do not call it from several threads at once.
#ifndef VERITY_STATS_PLAN_H_
#define VERITY_STATS_PLAN_H_

#include <cstdint>
#include <string>
#include <vector>

#include "core/status.h"
#include "stats/scenario.h"

namespace verity::stats {

struct PlanBase {
  std::string id;
  int64_t missiles = 0;
};

struct PlanInput {
  std::vector<PlanBase> bases;
  int64_t inspections = 10;  // M
  int64_t overloaded = 1;    // k, all hidden at one base
  double detection_probability = 1;
  Designation designation = Designation::kDistinct;
};

struct PlanResult {
  double detection_probability = 0;          // the game's value
  std::vector<double> expected_inspections;  // y_b per base
  std::vector<double> detection_if_hidden;   // D_b(y_b) per base
  std::vector<uint8_t> can_hide;             // 1 if the base holds >= k missiles
  // The best fixed (announced, non-random) allocation and its worst case.
  std::vector<int64_t> fixed_allocation;
  double fixed_detection_probability = 0;
};

// Probability that m designations at a base of `missiles`, `overloaded` of
// them overloaded, notice at least one (each noticed with probability p).
double DetectionAfter(int64_t missiles, int64_t overloaded, int64_t designations, double p,
                      Designation designation);

// InvalidArgument if there is no base, a base has fewer than 1 missile,
// inspections is outside [0, kMaxInspectionsPerYear], overloaded < 1, or no
// base can hold the k overloaded missiles; Internal if GLPK fails.
StatusOr<PlanResult> PlanInspections(const PlanInput& input);

}  // namespace verity::stats

#endif  // VERITY_STATS_PLAN_H_
