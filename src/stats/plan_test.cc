#include "stats/plan.h"

#include <glpk.h>
#include <gtest/gtest.h>

#include <cmath>
#include <functional>

#include "stats/exact.h"

namespace verity::stats {
namespace {

PlanInput Input(std::vector<int64_t> sizes, int64_t inspections, int64_t overloaded, double p,
                Designation designation = Designation::kDistinct) {
  PlanInput in;
  for (size_t i = 0; i < sizes.size(); ++i) in.bases.push_back({"b" + std::to_string(i), sizes[i]});
  in.inspections = inspections;
  in.overloaded = overloaded;
  in.detection_probability = p;
  in.designation = designation;
  return in;
}

// The same game solved the long way: the inspector mixes over every pure
// allocation with sum m_b = M (the matrix game's LP), without the
// concavity argument.
double MatrixGameValue(const PlanInput& in) {
  std::vector<std::vector<int64_t>> allocations;
  std::vector<int64_t> cur(in.bases.size(), 0);
  std::function<void(size_t, int64_t)> gen = [&](size_t b, int64_t left) {
    if (b + 1 == cur.size()) {
      cur[b] = left;
      allocations.push_back(cur);
      return;
    }
    for (int64_t m = 0; m <= left; ++m) {
      cur[b] = m;
      gen(b + 1, left - m);
    }
  };
  gen(0, in.inspections);
  glp_prob* lp = glp_create_prob();
  glp_set_obj_dir(lp, GLP_MAX);
  const int n = static_cast<int>(allocations.size());
  glp_add_cols(lp, n + 1);
  for (int a = 1; a <= n; ++a) glp_set_col_bnds(lp, a, GLP_LO, 0, 0);
  glp_set_col_bnds(lp, n + 1, GLP_FR, 0, 0);
  glp_set_obj_coef(lp, n + 1, 1);
  std::vector<int> ia{0}, ja{0};
  std::vector<double> ar{0};
  const int rows = static_cast<int>(in.bases.size()) + 1;
  glp_add_rows(lp, rows);
  for (size_t b = 0; b < in.bases.size(); ++b) {
    const int row = static_cast<int>(b) + 1;
    glp_set_row_bnds(lp, row, GLP_LO, 0, 0);  // sum_a x_a d_b(a_b) - v >= 0
    for (int a = 1; a <= n; ++a) {
      ia.push_back(row), ja.push_back(a);
      ar.push_back(DetectionAfter(in.bases[b].missiles, in.overloaded, allocations[a - 1][b],
                                  in.detection_probability, in.designation));
    }
    ia.push_back(row), ja.push_back(n + 1), ar.push_back(-1);
  }
  glp_set_row_bnds(lp, rows, GLP_FX, 1, 1);  // sum_a x_a = 1
  for (int a = 1; a <= n; ++a) ia.push_back(rows), ja.push_back(a), ar.push_back(1);
  glp_load_matrix(lp, static_cast<int>(ia.size()) - 1, ia.data(), ja.data(), ar.data());
  glp_smcp parm;
  glp_init_smcp(&parm);
  parm.msg_lev = GLP_MSG_OFF;
  EXPECT_EQ(glp_simplex(lp, &parm), 0);
  const double v = glp_get_obj_val(lp);
  glp_delete_prob(lp);
  return v;
}

TEST(PlanTest, TwoBasesOneInspectionSolvedByHand) {
  // y1/10 = y2/20 with y1 + y2 = 1: y = (1/3, 2/3), value 1/30.
  const PlanResult r = PlanInspections(Input({10, 20}, 1, 1, 1.0)).value();
  EXPECT_NEAR(r.detection_probability, 1.0 / 30, 1e-12);
  EXPECT_NEAR(r.expected_inspections[0], 1.0 / 3, 1e-12);
  EXPECT_NEAR(r.expected_inspections[1], 2.0 / 3, 1e-12);
  EXPECT_EQ(r.fixed_detection_probability, 0.0);  // one base is never inspected
}

TEST(PlanTest, IdenticalBasesShareInspectionsEqually) {
  const PlanResult r = PlanInspections(Input({5, 5, 5}, 3, 1, 1.0)).value();
  EXPECT_NEAR(r.detection_probability, 0.2, 1e-12);
  EXPECT_EQ(r.fixed_allocation, (std::vector<int64_t>{1, 1, 1}));
  EXPECT_NEAR(r.fixed_detection_probability, 0.2, 1e-12);
}

TEST(PlanTest, AgreesWithTheFullMatrixGame) {
  for (Designation d : {Designation::kDistinct, Designation::kIndependent}) {
    const PlanInput in = Input({12, 30, 7}, 4, 2, 0.7, d);
    const PlanResult r = PlanInspections(in).value();
    EXPECT_NEAR(r.detection_probability, MatrixGameValue(in), 1e-9);
    EXPECT_GE(r.detection_probability, r.fixed_detection_probability);
    for (double dh : r.detection_if_hidden) EXPECT_GE(dh, r.detection_probability - 1e-9);
  }
}

TEST(PlanTest, DetectionAfterMatchesTheClosedForms) {
  EXPECT_NEAR(DetectionAfter(40, 3, 10, 1.0, Designation::kDistinct),
              DetectionProbability(40, 3, 10).value(), 1e-12);
  EXPECT_NEAR(DetectionAfter(100, 5, 10, 0.5, Designation::kIndependent),
              1 - std::pow(1 - 0.5 * 0.05, 10), 1e-12);
  EXPECT_EQ(DetectionAfter(3, 1, 5, 1.0, Designation::kDistinct), 1.0);
}

TEST(PlanTest, RejectsAForceThatCannotHideTheMissiles) {
  EXPECT_EQ(PlanInspections(Input({10, 20}, 10, 50, 1.0)).status().message(),
            "no base holds 50 deployed missiles, so none can hide them all");
  EXPECT_EQ(PlanInspections(Input({}, 10, 1, 1.0)).status().message(),
            "plan: expected at least one base");
}

}  // namespace
}  // namespace verity::stats
