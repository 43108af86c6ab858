// The machine answers of `verity stats ...`, `verity simulate` and
// `verity inspect plan`, as JSON: what the CLI prints with --json (and
// builds its text from) and what the Python package returns. Shapes:
// docs/statistics.md. Each function validates as the function it wraps
// does and passes its Status through unchanged.
//
// Pure functions (PlanAnswer calls GLPK: see stats/plan.h on threads).
#ifndef VERITY_STATS_ANSWERS_H_
#define VERITY_STATS_ANSWERS_H_

#include <cstdint>
#include <optional>
#include <string>

#include "core/json.h"
#include "core/status.h"
#include "stats/games.h"
#include "stats/montecarlo.h"
#include "stats/plan.h"

namespace verity::stats {

// {population, defects, sample, detection_probability}
StatusOr<Json> DetectAnswer(int64_t population, int64_t defects, int64_t sample);
// {population, defects, detect, sample_size, sample_size_iaea}; `detect` is
// the decimal text of the target probability (ParseProbability).
StatusOr<Json> SampleSizeAnswer(int64_t population, int64_t defects, const std::string& detect);
// {periods, inspections, value, fraction, numerator, denominator}
StatusOr<Json> GameAnswer(int64_t periods, int64_t inspections);
// {equilibrium, inspection_probability, violation_probability,
//  inspector_payoff, inspectee_payoff, deterrence_threshold}
StatusOr<Json> Game2x2Answer(const InspectionGamePayoffs& payoffs);

// {scenario, seed, trials, threads, kernel, detection_probability,
//  confidence_interval {level, low, high}, detected_trials,
//  time_to_first_detection [{inspection, type, month, probability, cumulative}],
//  first_detection_by_month [{month, probability, cumulative}],
//  sites [{id, kind, deployed_missiles, non_deployed, overloaded, undeclared,
//  detection_probability}], designations, seconds, cpu_seconds, designations_per_second}
Json SimulationAnswer(const Scenario& scenario, const MonteCarloResult& result);

// The planning game of a scenario: its bases holding deployed missiles, its
// Type One quota and overloaded missiles (at least 1) unless overridden.
PlanInput PlanInputFor(const Scenario& scenario, std::optional<int64_t> inspections,
                       std::optional<int64_t> overloaded);
// {scenario, inspections, overloaded_missiles, detection_probability,
//  fixed_detection_probability, bases [{id, deployed_missiles,
//  expected_inspections, inspections_low, can_hide, detection_if_hidden,
//  fixed_inspections}]}
Json PlanAnswer(const Scenario& scenario, const PlanInput& input, const PlanResult& result);

}  // namespace verity::stats

#endif  // VERITY_STATS_ANSWERS_H_
