// The inspecting party's side of an exercise: where it goes (by the
// script's policy), what it designates, and what its inspectors report
// when the truth differs from the declarations.
//
// Random draws come from one seeded stream (stats/rng.h), so a run depends
// only on the script. Not thread-safe (the planner uses GLPK).
#ifndef VERITY_EXERCISE_INSPECTOR_H_
#define VERITY_EXERCISE_INSPECTOR_H_

#include <cstdint>
#include <set>
#include <string>
#include <vector>

#include "core/date.h"
#include "core/status.h"
#include "exercise/script.h"
#include "forces/counter.h"
#include "forces/model.h"
#include "inspect/inspection.h"
#include "stats/rng.h"

namespace verity::exercise {

// The script's random stream: integers and events (stats/rng.h's rules).
class Draws {
 public:
  explicit Draws(uint64_t seed) : rng_(seed, 0, 0) {}
  uint64_t Below(uint64_t n);  // uniform in [0, n); REQUIRES: 0 < n <= 2^32
  bool Chance(double p);       // true with probability p
  double Uniform();            // in [0, 1)

 private:
  stats::LaneRng rng_;
};

// One planned inspection: its date, quota id and site.
struct Visit {
  Date date;
  std::string kind;
  std::string site;
};

struct YearPlan {
  std::vector<Visit> visits;  // by date
  // planner: the plan's detection probability against its assumed host
  // (stats::PlanInspections); -1 for random designation.
  double planned_detection = -1;
};

// The inspections of the treaty year [from, to) on the declared state at
// its start: policy.type_one Type One and policy.type_two Type Two visits,
// on dates spread evenly over the year in a random order of kinds; sites
// by the policy (planner: the plan's allocation realised by systematic
// sampling; random: uniform over the eligible sites). A kind with no
// eligible site makes no visit.
StatusOr<YearPlan> PlanYear(const Script& script, const forces::Counter& counter,
                            const forces::Declaration& declared, Date from, Date to, Draws* draws);

// The items designated on a visit: the quota's number, uniform without
// replacement among the site's designatable items in the declared state.
std::vector<std::string> Designate(const forces::Counter& counter,
                                   const forces::Declaration& declared, const Visit& visit,
                                   Draws* draws);

// What the inspectors report on a visit: the UIDs read and the items
// counted by type at the site, and the reentry vehicles on each designated
// missile. Each item a deviation is about (`deviating`) is reported as it
// truly is with probability p (the policy's), drawn once per visit, and
// otherwise as declared; every other item is reported as declared (it is).
inspect::Findings Observe(const Visit& visit, const std::vector<std::string>& designated,
                          const forces::Declaration& declared, const forces::Declaration& truth,
                          const std::set<std::string>& deviating, double p, Draws* draws);

}  // namespace verity::exercise

#endif  // VERITY_EXERCISE_INSPECTOR_H_
