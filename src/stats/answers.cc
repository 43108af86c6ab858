#include "stats/answers.h"

#include <cmath>

#include "stats/exact.h"

namespace verity::stats {
namespace {

std::string_view TypeName(SiteKind k) { return k == SiteKind::kBase ? "type_one" : "type_two"; }

double Share(uint64_t part, double trials) { return static_cast<double>(part) / trials; }

Json StepsJson(const MonteCarloResult& r, double n) {
  Json steps = Json::array();
  uint64_t cumulative = 0;
  for (size_t i = 0; i < r.schedule.size(); ++i) {
    cumulative += r.first_detection[i];
    steps.push_back({{"inspection", i + 1},
                     {"type", TypeName(r.schedule[i].kind)},
                     {"month", r.schedule[i].month},
                     {"probability", Share(r.first_detection[i], n)},
                     {"cumulative", Share(cumulative, n)}});
  }
  return steps;
}

Json MonthsJson(const MonteCarloResult& r, double n) {
  std::vector<uint64_t> by_month(kMonthsPerYear, 0);
  for (size_t i = 0; i < r.schedule.size(); ++i)
    by_month[static_cast<size_t>(r.schedule[i].month - 1)] += r.first_detection[i];
  Json months = Json::array();
  uint64_t cumulative = 0;
  for (size_t m = 0; m < by_month.size(); ++m) {
    cumulative += by_month[m];
    months.push_back({{"month", m + 1},
                      {"probability", Share(by_month[m], n)},
                      {"cumulative", Share(cumulative, n)}});
  }
  return months;
}

Json SitesJson(const Scenario& sc, const MonteCarloResult& r, double n) {
  Json sites = Json::array();
  for (size_t i = 0; i < sc.force.sites.size(); ++i) {
    const Site& s = sc.force.sites[i];
    sites.push_back({{"id", s.id},
                     {"kind", SiteKindName(s.kind)},
                     {"deployed_missiles", s.deployed_missiles},
                     {"non_deployed", s.non_deployed},
                     {"overloaded", s.overloaded},
                     {"undeclared", s.undeclared},
                     {"detection_probability", Share(r.site_detections[i], n)}});
  }
  return sites;
}

}  // namespace

StatusOr<Json> DetectAnswer(int64_t population, int64_t defects, int64_t sample) {
  VERITY_ASSIGN_OR_RETURN(const double p, DetectionProbability(population, defects, sample));
  return Json{{"population", population},
              {"defects", defects},
              {"sample", sample},
              {"detection_probability", p}};
}

StatusOr<Json> SampleSizeAnswer(int64_t population, int64_t defects, const std::string& detect) {
  VERITY_ASSIGN_OR_RETURN(const auto target, ParseProbability(detect, "--detect"));
  VERITY_ASSIGN_OR_RETURN(const int64_t exact, ExactSampleSize(population, defects, target));
  VERITY_ASSIGN_OR_RETURN(const int64_t iaea, IaeaSampleSize(population, defects, target));
  return Json{{"population", population},
              {"defects", defects},
              {"detect", detect},
              {"sample_size", exact},
              {"sample_size_iaea", iaea}};
}

StatusOr<Json> GameAnswer(int64_t periods, int64_t inspections) {
  VERITY_ASSIGN_OR_RETURN(const GameValue v, DresherGameValue(periods, inspections));
  return Json{{"periods", periods},       {"inspections", inspections},
              {"value", v.value},         {"fraction", v.numerator + "/" + v.denominator},
              {"numerator", v.numerator}, {"denominator", v.denominator}};
}

StatusOr<Json> Game2x2Answer(const InspectionGamePayoffs& payoffs) {
  VERITY_ASSIGN_OR_RETURN(const InspectionGameSolution s, SolveInspectionGame(payoffs));
  return Json{{"equilibrium", EquilibriumKindName(s.kind)},
              {"inspection_probability", s.inspection_probability},
              {"violation_probability", s.violation_probability},
              {"inspector_payoff", s.inspector_payoff},
              {"inspectee_payoff", s.inspectee_payoff},
              {"deterrence_threshold", s.deterrence_threshold}};
}

Json SimulationAnswer(const Scenario& sc, const MonteCarloResult& r) {
  const double n = static_cast<double>(r.trials);
  return {{"scenario", sc.name},
          {"seed", r.seed},
          {"trials", r.trials},
          {"threads", r.threads},
          {"kernel", r.kernel},
          {"detection_probability", r.detection_probability},
          {"confidence_interval",
           {{"level", 0.95}, {"low", r.interval.low}, {"high", r.interval.high}}},
          {"detected_trials", r.detected_trials},
          {"time_to_first_detection", StepsJson(r, n)},
          {"first_detection_by_month", MonthsJson(r, n)},
          {"sites", SitesJson(sc, r, n)},
          {"designations", r.designations},
          {"seconds", r.seconds},
          {"cpu_seconds", r.cpu_seconds},
          {"designations_per_second",
           r.seconds > 0 ? static_cast<double>(r.designations) / r.seconds : 0.0}};
}

PlanInput PlanInputFor(const Scenario& sc, std::optional<int64_t> inspections,
                       std::optional<int64_t> overloaded) {
  PlanInput in;
  for (const Site& s : sc.force.sites) {
    if (s.kind == SiteKind::kBase && s.deployed_missiles > 0)
      in.bases.push_back({s.id, s.deployed_missiles});
  }
  in.inspections = inspections.value_or(sc.inspection.type_one_per_year);
  in.overloaded = overloaded.value_or(std::max<int64_t>(1, sc.concealment.overloaded_missiles));
  in.detection_probability = sc.inspection.detection_probability;
  in.designation = sc.inspection.designation;
  return in;
}

Json PlanAnswer(const Scenario& sc, const PlanInput& in, const PlanResult& r) {
  Json bases = Json::array();
  for (size_t b = 0; b < in.bases.size(); ++b) {
    const double y = r.expected_inspections[b];
    bases.push_back({{"id", in.bases[b].id},
                     {"deployed_missiles", in.bases[b].missiles},
                     {"expected_inspections", y},
                     {"inspections_low", static_cast<int64_t>(std::floor(y + 1e-9))},
                     {"can_hide", r.can_hide[b] != 0},
                     {"detection_if_hidden", r.detection_if_hidden[b]},
                     {"fixed_inspections", r.fixed_allocation[b]}});
  }
  return {{"scenario", sc.name},
          {"inspections", in.inspections},
          {"overloaded_missiles", in.overloaded},
          {"detection_probability", r.detection_probability},
          {"fixed_detection_probability", r.fixed_detection_probability},
          {"bases", bases}};
}

}  // namespace verity::stats
