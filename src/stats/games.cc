#include "stats/games.h"

#include <string>

#include "stats/bigint.h"

namespace verity::stats {
namespace {

Status CheckPayoffs(const InspectionGamePayoffs& g) {
  const auto bad = [](const char* name, const char* expected, double v) {
    return InvalidArgument(std::string(name) + ": expected " + expected + ", got " +
                           std::to_string(v));
  };
  if (!(g.violation_gain > 0)) return bad("violation_gain", "> 0", g.violation_gain);
  if (!(g.sanction > 0)) return bad("sanction", "> 0", g.sanction);
  if (!(g.inspection_cost >= 0)) return bad("inspection_cost", ">= 0", g.inspection_cost);
  if (!(g.detection_gain >= 0)) return bad("detection_gain", ">= 0", g.detection_gain);
  if (!(g.detection_gain + g.violation_loss > 0)) {
    return bad("violation_loss", "detection_gain + violation_loss > 0", g.violation_loss);
  }
  if (!(g.detection_probability > 0 && g.detection_probability <= 1)) {
    return bad("detection_probability", "a value in (0, 1]", g.detection_probability);
  }
  if (!(g.false_alarm >= 0 && g.false_alarm < 1)) {
    return bad("false_alarm", "a value in [0, 1)", g.false_alarm);
  }
  if (!(g.false_alarm_cost >= 0)) return bad("false_alarm_cost", ">= 0", g.false_alarm_cost);
  return Status::Ok();
}

}  // namespace

StatusOr<GameValue> DresherGameValue(int64_t periods, int64_t inspections) {
  if (periods < 1 || periods > kMaxGamePeriods) {
    return InvalidArgument("periods must be between 1 and " + std::to_string(kMaxGamePeriods) +
                           ", got " + std::to_string(periods));
  }
  if (inspections < 0) {
    return InvalidArgument("inspections must be >= 0, got " + std::to_string(inspections));
  }
  if (inspections >= periods) return GameValue{"0", "1", 0.0};
  const auto n = static_cast<uint64_t>(periods), m = static_cast<uint64_t>(inspections);
  BigUint num = Binomial(n - 1, m);
  // sum_{i<=m} C(n, i), each term from the previous: C(n,i) = C(n,i-1) (n-i+1) / i.
  BigUint den, term(1);
  for (uint64_t i = 0; i <= m; ++i) {
    if (i > 0) {
      term.MulSmall(static_cast<uint32_t>(n - i + 1));
      term.DivSmall(static_cast<uint32_t>(i));
    }
    den += term;
  }
  const BigUint g = BigUint::Gcd(num, den);
  BigUint::DivMod(BigUint(num), g, &num, nullptr);
  BigUint::DivMod(BigUint(den), g, &den, nullptr);
  return GameValue{num.ToString(), den.ToString(), BigUint::Ratio(num, den)};
}

StatusOr<InspectionGameSolution> SolveInspectionGame(const InspectionGamePayoffs& g) {
  VERITY_RETURN_IF_ERROR(CheckPayoffs(g));
  const double dp = g.detection_probability;
  const double d = g.violation_gain, b = g.sanction, c = g.inspection_cost;
  const double a = g.detection_gain, loss = g.violation_loss;
  InspectionGameSolution s;
  s.deterrence_threshold = (d + g.false_alarm_cost * g.false_alarm) / (b + d);
  // Inspector's gain from inspecting a violator rather than not: dp (a + L) - c.
  const double inspect_edge = dp * (a + loss) - c;
  // Inspectee's payoff from violating when always inspected: d - dp (b + d).
  const double violate_when_inspected = d - dp * (b + d);
  if (inspect_edge <= 0) {
    s.kind = EquilibriumKind::kAlwaysViolateNeverInspect;
    s.violation_probability = 1;
    s.inspector_payoff = -loss;
    s.inspectee_payoff = d;
  } else if (violate_when_inspected >= 0) {
    s.kind = EquilibriumKind::kAlwaysViolateAlwaysInspect;
    s.inspection_probability = 1;
    s.violation_probability = 1;
    s.inspector_payoff = dp * a - (1 - dp) * loss - c;
    s.inspectee_payoff = violate_when_inspected;
  } else {
    // Each side's mix makes the other indifferent.
    s.inspection_probability = d / (dp * (b + d));
    s.violation_probability = c / (dp * (a + loss));
    s.inspector_payoff = -s.violation_probability * loss;  // = payoff of not inspecting
    s.inspectee_payoff = 0;                                // = payoff of complying
  }
  return s;
}

std::string_view EquilibriumKindName(EquilibriumKind kind) {
  switch (kind) {
    case EquilibriumKind::kMixed:
      return "mixed";
    case EquilibriumKind::kAlwaysViolateNeverInspect:
      return "always_violate_never_inspect";
    case EquilibriumKind::kAlwaysViolateAlwaysInspect:
      return "always_violate_always_inspect";
  }
  return "unknown";
}

}  // namespace verity::stats
