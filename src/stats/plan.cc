#include "stats/plan.h"

#include <glpk.h>

#include <algorithm>
#include <cmath>
#include <memory>
#include <string>

namespace verity::stats {
namespace {

// Slack allowed in the concavity check (rounding of the lgamma sums).
constexpr double kConcavityTolerance = 1e-12;

double LogChoose(double n, double k) {
  return std::lgamma(n + 1) - std::lgamma(k + 1) - std::lgamma(n - k + 1);
}

Status CheckInput(const PlanInput& in) {
  if (in.bases.empty()) return InvalidArgument("plan: expected at least one base");
  for (const PlanBase& b : in.bases) {
    if (b.missiles < 1) {
      return InvalidArgument("base '" + b.id + "': expected at least 1 deployed missile, got " +
                             std::to_string(b.missiles));
    }
  }
  if (in.inspections < 0 || in.inspections > kMaxInspectionsPerYear) {
    return InvalidArgument("inspections: expected between 0 and " +
                           std::to_string(kMaxInspectionsPerYear));
  }
  if (in.overloaded < 1) return InvalidArgument("overloaded missiles: expected at least 1");
  if (!(in.detection_probability >= 0 && in.detection_probability <= 1)) {
    return InvalidArgument("detection probability: expected a number in [0, 1]");
  }
  for (const PlanBase& b : in.bases) {
    if (b.missiles >= in.overloaded) return Status::Ok();
  }
  return InvalidArgument("no base holds " + std::to_string(in.overloaded) +
                         " deployed missiles, so none can hide them all");
}

// d[b][m] for m = 0..M.
std::vector<std::vector<double>> DetectionTable(const PlanInput& in) {
  std::vector<std::vector<double>> d(in.bases.size());
  for (size_t b = 0; b < in.bases.size(); ++b) {
    for (int64_t m = 0; m <= in.inspections; ++m) {
      d[b].push_back(DetectionAfter(in.bases[b].missiles,
                                    std::min(in.overloaded, in.bases[b].missiles), m,
                                    in.detection_probability, in.designation));
    }
  }
  return d;
}

Status CheckConcave(const std::vector<std::vector<double>>& d, const PlanInput& in) {
  for (size_t b = 0; b < d.size(); ++b) {
    for (size_t m = 2; m < d[b].size(); ++m) {
      if (d[b][m] - d[b][m - 1] > d[b][m - 1] - d[b][m - 2] + kConcavityTolerance) {
        return Internal("base '" + in.bases[b].id + "': detection is not concave in inspections");
      }
    }
  }
  return Status::Ok();
}

struct GlpDeleter {
  void operator()(glp_prob* p) const { glp_delete_prob(p); }
};

// max v s.t. v <= d_b(j) + s_bj (y_b - j) for every hiding base b and piece j,
// sum y_b <= M, 0 <= y_b <= M. Columns 1..B are y, column B+1 is v.
StatusOr<std::vector<double>> SolveLp(const std::vector<std::vector<double>>& d,
                                      const std::vector<uint8_t>& can_hide, int64_t inspections,
                                      double* value) {
  const int bases = static_cast<int>(d.size());
  std::unique_ptr<glp_prob, GlpDeleter> lp(glp_create_prob());
  glp_set_obj_dir(lp.get(), GLP_MAX);
  glp_add_cols(lp.get(), bases + 1);
  for (int b = 1; b <= bases; ++b) {
    glp_set_col_bnds(lp.get(), b, GLP_DB, 0.0, static_cast<double>(inspections));
  }
  glp_set_col_bnds(lp.get(), bases + 1, GLP_FR, 0.0, 0.0);
  glp_set_obj_coef(lp.get(), bases + 1, 1.0);
  std::vector<int> ia{0}, ja{0};
  std::vector<double> ar{0};
  auto add_row = [&](int type, double bound, std::vector<std::pair<int, double>> entries) {
    const int row = glp_add_rows(lp.get(), 1);
    glp_set_row_bnds(lp.get(), row, type, 0.0, bound);
    for (const auto& [col, coef] : entries)
      ia.push_back(row), ja.push_back(col), ar.push_back(coef);
  };
  std::vector<std::pair<int, double>> total;
  for (int b = 1; b <= bases; ++b) total.push_back({b, 1.0});
  add_row(GLP_UP, static_cast<double>(inspections), total);
  for (int b = 0; b < bases; ++b) {
    if (can_hide[static_cast<size_t>(b)] == 0) continue;
    const std::vector<double>& db = d[static_cast<size_t>(b)];
    if (inspections == 0) add_row(GLP_UP, db[0], {{bases + 1, 1.0}});
    for (int64_t j = 0; j < inspections; ++j) {
      const double slope = db[static_cast<size_t>(j) + 1] - db[static_cast<size_t>(j)];
      // v - slope y_b <= d_b(j) - slope j
      add_row(GLP_UP, db[static_cast<size_t>(j)] - slope * static_cast<double>(j),
              {{bases + 1, 1.0}, {b + 1, -slope}});
    }
  }
  glp_load_matrix(lp.get(), static_cast<int>(ia.size()) - 1, ia.data(), ja.data(), ar.data());
  glp_smcp parm;
  glp_init_smcp(&parm);
  parm.msg_lev = GLP_MSG_OFF;
  if (glp_simplex(lp.get(), &parm) != 0 || glp_exact(lp.get(), &parm) != 0 ||
      glp_get_status(lp.get()) != GLP_OPT) {
    return Internal("inspection plan: the linear program could not be solved");
  }
  *value = glp_get_obj_val(lp.get());
  std::vector<double> y;
  for (int b = 1; b <= bases; ++b) y.push_back(glp_get_col_prim(lp.get(), b));
  return y;
}

double Interpolate(const std::vector<double>& d, double y) {
  const double lo = std::floor(y);
  const auto j = static_cast<size_t>(lo);
  if (j + 1 >= d.size()) return d.back();
  return d[j] + (d[j + 1] - d[j]) * (y - lo);
}

// Greedy: each inspection goes to the hiding base with the lowest detection
// so far; optimal for a max-min of increasing functions.
void FixedAllocation(const std::vector<std::vector<double>>& d,
                     const std::vector<uint8_t>& can_hide, int64_t inspections, PlanResult* r) {
  r->fixed_allocation.assign(d.size(), 0);
  auto worst = [&] {
    size_t best = d.size();
    for (size_t b = 0; b < d.size(); ++b) {
      if (can_hide[b] == 0) continue;
      if (best == d.size() || d[b][static_cast<size_t>(r->fixed_allocation[b])] <
                                  d[best][static_cast<size_t>(r->fixed_allocation[best])]) {
        best = b;
      }
    }
    return best;
  };
  for (int64_t i = 0; i < inspections; ++i) ++r->fixed_allocation[worst()];
  const size_t w = worst();
  r->fixed_detection_probability = d[w][static_cast<size_t>(r->fixed_allocation[w])];
}

}  // namespace

double DetectionAfter(int64_t missiles, int64_t overloaded, int64_t designations, double p,
                      Designation designation) {
  const double n = static_cast<double>(missiles), k = static_cast<double>(overloaded);
  if (designation == Designation::kIndependent) {
    return -std::expm1(static_cast<double>(designations) * std::log1p(-p * k / n));
  }
  const int64_t m = std::min(designations, missiles);
  // 1 - E[(1-p)^J], J hypergeometric: J overloaded among m of n with k overloaded.
  double miss = 0;
  const double log_total = LogChoose(n, static_cast<double>(m));
  for (int64_t j = std::max<int64_t>(0, m - (missiles - overloaded)); j <= std::min(m, overloaded);
       ++j) {
    const double jd = static_cast<double>(j);
    const double pmf =
        std::exp(LogChoose(k, jd) + LogChoose(n - k, static_cast<double>(m) - jd) - log_total);
    miss += pmf * std::pow(1 - p, jd);
  }
  return std::clamp(1 - miss, 0.0, 1.0);
}

StatusOr<PlanResult> PlanInspections(const PlanInput& in) {
  VERITY_RETURN_IF_ERROR(CheckInput(in));
  const std::vector<std::vector<double>> d = DetectionTable(in);
  VERITY_RETURN_IF_ERROR(CheckConcave(d, in));
  PlanResult r;
  for (const PlanBase& b : in.bases) r.can_hide.push_back(b.missiles >= in.overloaded ? 1 : 0);
  VERITY_ASSIGN_OR_RETURN(r.expected_inspections,
                          SolveLp(d, r.can_hide, in.inspections, &r.detection_probability));
  for (size_t b = 0; b < d.size(); ++b) {
    r.detection_if_hidden.push_back(Interpolate(d[b], r.expected_inspections[b]));
  }
  FixedAllocation(d, r.can_hide, in.inspections, &r);
  return r;
}

}  // namespace verity::stats
