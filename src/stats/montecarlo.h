// The Monte Carlo engine: how likely is a concealment strategy to be caught
// within one treaty year of inspections (docs/statistics.md).
//
// Model, per trial (one treaty year):
//  - the year's Type One and Type Two inspections are spread evenly over
//    the year and interleaved (InspectionSchedule);
//  - each inspection chooses a site of its type by the policy's site choice;
//  - a Type One inspection designates one deployed missile of the base
//    uniformly (among those not yet designated this year, if designations
//    are distinct); if it is overloaded, the discrepancy is noticed with the
//    policy's detection probability;
//  - an inspection at a site with undeclared items notices them with the
//    same probability.
// Trials are independent. A run is cut into fixed blocks of trials, each
// with its own random streams (rng.h), so a seed gives the same result for
// any number of threads and for either kernel (montecarlo_kernel.h). All
// tallies are integers summed over trials.
//
// Thread safety: RunMonteCarlo may be called concurrently; it starts its
// own worker threads and calls `progress` only from the calling thread.
#ifndef VERITY_STATS_MONTECARLO_H_
#define VERITY_STATS_MONTECARLO_H_

#include <cstdint>
#include <functional>
#include <string>
#include <vector>

#include "core/status.h"
#include "stats/scenario.h"

namespace verity::stats {

inline constexpr int kMaxThreads = 256;
inline constexpr int kMonthsPerYear = 12;
// z for a two-sided 95% interval.
inline constexpr double kZ95 = 1.959963984540054;

struct MonteCarloOptions {
  uint64_t trials = 1'000'000;
  int threads = 1;
  uint64_t seed = 1;
  // If set, called from the calling thread about every 100 ms with the
  // number of finished trials.
  std::function<void(uint64_t done, uint64_t total)> progress;
  // Use the AVX2 kernel where the CPU and the scenario allow it (at most 16
  // bases of at most 65,535 missiles). The result is the same either way;
  // false forces the portable kernel, for comparison.
  bool vectorized = true;
};

struct InspectionStep {
  SiteKind kind = SiteKind::kBase;  // kBase: Type One; kNonDeployed: Type Two
  int month = 1;                    // 1..12 within the treaty year
};

// The order of one year's inspections: Type One number j sits at (j+1/2)/M1
// of the year, Type Two number j at (j+1/2)/M2; ties put Type One first.
std::vector<InspectionStep> InspectionSchedule(int64_t type_one, int64_t type_two);

struct Interval {
  double low = 0;
  double high = 0;
};

// Wilson score interval for `successes` of `trials` (REQUIRES: trials > 0).
Interval WilsonInterval(uint64_t successes, uint64_t trials, double z = kZ95);

struct MonteCarloResult {
  uint64_t seed = 0;
  uint64_t trials = 0;
  int threads = 1;
  std::string kernel;            // "avx2" or "scalar"
  uint64_t detected_trials = 0;  // trials with at least one detection
  double detection_probability = 0;
  Interval interval;  // 95% Wilson
  std::vector<InspectionStep> schedule;
  std::vector<uint64_t> first_detection;  // per schedule step: trials first detecting there
  std::vector<uint64_t> site_detections;  // per site: trials with a detection at that site
  uint64_t designations = 0;              // Type One designations simulated
  double seconds = 0;                     // wall time of the simulation
  double cpu_seconds = 0;                 // CPU time of all worker threads
};

// Runs the scenario. REQUIRES: ResolveScenario(&scenario) succeeded.
// InvalidArgument if trials is 0 or above kMaxTrials, threads outside
// [1, kMaxThreads], or the policy asks for inspections of a type that has
// no eligible site (e.g. "inspection.type_two_per_year: 8 Type Two
// inspections but no non_deployed site with a positive weight").
StatusOr<MonteCarloResult> RunMonteCarlo(const Scenario& scenario,
                                         const MonteCarloOptions& options);

}  // namespace verity::stats

#endif  // VERITY_STATS_MONTECARLO_H_
