// Statistical tests use fixed seeds. Agreement with a closed form is
// checked against a 99.9% Wilson interval (z = 3.29): for a random seed such
// a check fails about once in a thousand; the seeds below are fixed, so the
// tests are deterministic.
#include "stats/montecarlo.h"

#include <gtest/gtest.h>

#include <cmath>
#include <numeric>
#include <string>

#include "stats/exact.h"
#include "stats/rng.h"

namespace verity::stats {
namespace {

constexpr double kZ999 = 3.2905267314919255;
constexpr uint64_t kTrials = 200000;

Scenario OneBase(int64_t missiles, int64_t overloaded, int64_t inspections, Designation d) {
  Scenario s;
  s.force.sites = {{.id = "base", .deployed_missiles = missiles}};
  s.concealment.overloaded_missiles = overloaded;
  s.inspection.type_one_per_year = inspections;
  s.inspection.type_two_per_year = 0;
  s.inspection.designation = d;
  EXPECT_TRUE(ResolveScenario(&s).ok());
  return s;
}

MonteCarloResult Simulate(const Scenario& s, uint64_t seed, int threads = 1,
                          uint64_t trials = kTrials) {
  MonteCarloOptions o;
  o.trials = trials;
  o.seed = seed;
  o.threads = threads;
  return RunMonteCarlo(s, o).value();
}

// `count` of `trials` agrees with the probability `exact`.
void ExpectRate(uint64_t count, uint64_t trials, double exact) {
  const Interval i = WilsonInterval(count, trials, kZ999);
  EXPECT_LE(i.low, exact) << count << " of " << trials;
  EXPECT_GE(i.high, exact) << count << " of " << trials;
}

void ExpectAgrees(const MonteCarloResult& r, double exact) {
  ExpectRate(r.detected_trials, r.trials, exact);
}

// One base plus a depot hiding items, visited by 8 Type Two inspections a year.
Scenario OneBaseAndDepot(int64_t missiles, int64_t overloaded, double detection_probability) {
  Scenario s = OneBase(missiles, overloaded, 10, Designation::kDistinct);
  s.force.sites.push_back(
      {.id = "depot", .kind = SiteKind::kNonDeployed, .non_deployed = 5, .undeclared = 1});
  s.inspection.type_two_per_year = 8;
  s.inspection.detection_probability = detection_probability;
  EXPECT_TRUE(ResolveScenario(&s).ok());
  return s;
}

TEST(MonteCarloTest, DistinctDesignationsAgreeWithTheHypergeometricClosedForm) {
  // One base of 40 missiles, 3 overloaded, 10 distinct designations, perfect detection:
  // P = 1 - C(37, 10) / C(40, 10).
  const MonteCarloResult r = Simulate(OneBase(40, 3, 10, Designation::kDistinct), 7);
  ExpectAgrees(r, DetectionProbability(40, 3, 10).value());
  EXPECT_EQ(r.designations, kTrials * 10);
}

TEST(MonteCarloTest, IndependentDesignationsAgreeWithTheBinomialClosedForm) {
  // P = 1 - (1 - k/N)^m with k = 5, N = 100, m = 10.
  const MonteCarloResult r = Simulate(OneBase(100, 5, 10, Designation::kIndependent), 11);
  ExpectAgrees(r, 1 - std::pow(0.95, 10));
  // First detection at inspection i has probability (0.95)^i 0.05.
  for (int i = 0; i < 3; ++i) ExpectRate(r.first_detection[i], r.trials, std::pow(0.95, i) * 0.05);
}

TEST(MonteCarloTest, NoticingProbabilityThinsDetections) {
  Scenario s = OneBase(10, 10, 4, Designation::kIndependent);  // every missile overloaded
  s.inspection.detection_probability = 0.3;
  ExpectAgrees(Simulate(s, 3), 1 - std::pow(0.7, 4));
}

TEST(MonteCarloTest, TypeTwoInspectionsFindUndeclaredItems) {
  Scenario s;
  s.force.sites = {
      {.id = "depot-a", .kind = SiteKind::kNonDeployed, .non_deployed = 10, .undeclared = 2},
      {.id = "depot-b", .kind = SiteKind::kNonDeployed, .non_deployed = 10}};
  s.inspection.type_one_per_year = 0;
  s.inspection.type_two_per_year = 5;
  s.inspection.detection_probability = 0.5;
  ASSERT_TRUE(ResolveScenario(&s).ok());
  const MonteCarloResult r = Simulate(s, 5);
  ExpectAgrees(r, 1 - std::pow(0.75, 5));  // each visit: depot-a w.p. 1/2, noticed w.p. 1/2
  EXPECT_EQ(r.site_detections[1], 0u);
  EXPECT_EQ(r.site_detections[0], r.detected_trials);
}

TEST(MonteCarloTest, TypeTwoVisitsToSeveralHidingSitesFollowTheirClosedForms) {
  // Three depots chosen with weights 2:1:1; a and b hide items, noticed w.p. 0.6.
  // Per visit: a noticed w.p. q_a = 0.5 * 0.6, b w.p. q_b = 0.25 * 0.6.
  Scenario s;
  s.force.sites = {{.id = "a", .kind = SiteKind::kNonDeployed, .non_deployed = 20, .undeclared = 1},
                   {.id = "b", .kind = SiteKind::kNonDeployed, .non_deployed = 10, .undeclared = 1},
                   {.id = "c", .kind = SiteKind::kNonDeployed, .non_deployed = 10}};
  s.inspection.type_one_per_year = 0;
  s.inspection.type_two_per_year = 6;
  s.inspection.site_choice = SiteChoice::kWeighted;
  s.inspection.detection_probability = 0.6;
  ASSERT_TRUE(ResolveScenario(&s).ok());
  const MonteCarloResult r = Simulate(s, 17);
  const double qa = 0.3, qb = 0.15, q0 = 1 - qa - qb;
  ExpectAgrees(r, 1 - std::pow(q0, 6));
  // A site is detected in a year unless every visit misses it.
  ExpectRate(r.site_detections[0], r.trials, 1 - std::pow(1 - qa, 6));
  ExpectRate(r.site_detections[1], r.trials, 1 - std::pow(1 - qb, 6));
  EXPECT_EQ(r.site_detections[2], 0u);
  for (int j = 0; j < 6; ++j)
    ExpectRate(r.first_detection[j], r.trials, std::pow(q0, j) * (qa + qb));
}

TEST(MonteCarloTest, TypeOneAndTypeTwoDetectionsCombineIndependently) {
  const Scenario s = OneBaseAndDepot(40, 3, 1.0);
  // Every Type Two visit goes to the depot and notices what it hides, so
  // every trial detects; the schedule opens with a Type One visit, which
  // finds one of the 3 overloaded missiles among 40 first.
  const MonteCarloResult r = Simulate(s, 23, 1, 20000);
  EXPECT_EQ(r.detected_trials, r.trials);
  ExpectRate(r.first_detection[0], r.trials, 3.0 / 40.0);
  EXPECT_EQ(r.site_detections[1], r.trials);
}

struct KernelCase {
  const char* name;
  int bases = 5;
  Designation designation = Designation::kDistinct;
  bool hidden_at_base = false;
  int hiding_depots = 1;
  int64_t type_one = 10;
  int64_t type_two = 8;
  double p = 0.7;
  int64_t first_base_missiles = 7;          // the others: 20, 33, ...
  bool zero_weight_base = false;            // site choice "given", base 1 weighted 0
  uint64_t trials = 3 * kBlockTrials + 13;  // a last group with some lanes unused
};

Scenario KernelScenario(const KernelCase& c) {
  Scenario s;
  for (int b = 0; b < c.bases; ++b) {
    s.force.sites.push_back({.id = "base-" + std::to_string(b),
                             .deployed_missiles = b == 0 ? c.first_base_missiles : 7 + 13 * b,
                             .weight = c.zero_weight_base && b == 1 ? 0.0 : 1.0 + b,
                             .undeclared = c.hidden_at_base && b == 1 ? 1 : 0});
  }
  for (int d = 0; d < 3; ++d) {
    s.force.sites.push_back({.id = "depot-" + std::to_string(d),
                             .kind = SiteKind::kNonDeployed,
                             .non_deployed = 10 + d,
                             .undeclared = d < c.hiding_depots ? 1 : 0});
  }
  s.concealment.overloaded_missiles = c.bases * 2;
  s.inspection.type_one_per_year = c.type_one;
  s.inspection.type_two_per_year = c.type_two;
  s.inspection.designation = c.designation;
  s.inspection.site_choice = c.zero_weight_base ? SiteChoice::kGiven : SiteChoice::kWeighted;
  s.inspection.detection_probability = c.p;
  EXPECT_TRUE(ResolveScenario(&s).ok()) << c.name;
  return s;
}

// The AVX2 kernel and the portable kernel run the same program on the same
// streams: every tally must be identical, whatever the shape of the model.
TEST(MonteCarloTest, VectorAndScalarKernelsGiveIdenticalTallies) {
  const KernelCase cases[] = {
      {.name = "one base, no Type Two", .bases = 1, .hiding_depots = 0, .type_two = 0},
      {.name = "3 bases, one hiding depot", .bases = 3},
      {.name = "5 bases, items hidden at a base and two depots",
       .hidden_at_base = true,
       .hiding_depots = 2},
      {.name = "8 bases, independent designations",
       .bases = 8,
       .designation = Designation::kIndependent},
      {.name = "11 bases, three depots, 20 Type Two",
       .bases = 11,
       .hiding_depots = 3,
       .type_two = 20},
      {.name = "16 bases, independent, hidden at a base",
       .bases = 16,
       .designation = Designation::kIndependent,
       .hidden_at_base = true,
       .hiding_depots = 2,
       .type_two = 4},
      {.name = "never noticed", .p = 0.0},
      {.name = "always noticed", .hidden_at_base = true, .p = 1.0},
      {.name = "a base of 65,535 (own coin word)", .first_base_missiles = 65535},
      {.name = "a base of 40,000, independent",
       .designation = Designation::kIndependent,
       .first_base_missiles = 40000},
      {.name = "15 Type Two (a full 16-entry table)", .hiding_depots = 2, .type_two = 15},
      {.name = "one hiding depot, 16 Type Two", .type_two = 16},
      {.name = "fewer trials than lanes", .hidden_at_base = true, .trials = 5},
      {.name = "Type Two only", .bases = 0, .hiding_depots = 2, .type_one = 0},
      {.name = "a base with zero weight", .zero_weight_base = true},
  };
#if defined(__x86_64__)
  const bool avx2 = __builtin_cpu_supports("avx2");
#else
  const bool avx2 = false;
#endif
  for (const KernelCase& c : cases) {
    SCOPED_TRACE(c.name);
    const Scenario s = KernelScenario(c);
    MonteCarloOptions o;
    o.trials = c.trials;
    o.seed = 5;
    o.threads = 2;
    const MonteCarloResult vector = RunMonteCarlo(s, o).value();
    o.vectorized = false;
    const MonteCarloResult scalar = RunMonteCarlo(s, o).value();
    EXPECT_EQ(scalar.kernel, "scalar");
    EXPECT_EQ(vector.kernel, avx2 ? "avx2" : "scalar");
    EXPECT_EQ(vector.detected_trials, scalar.detected_trials);
    EXPECT_EQ(vector.first_detection, scalar.first_detection);
    EXPECT_EQ(vector.site_detections, scalar.site_detections);
    EXPECT_EQ(vector.designations, scalar.designations);
    if (c.p > 0 && c.trials > 100) {
      EXPECT_GT(vector.detected_trials, 0u);
    }
  }
}

// A base of 2^30 missiles, all overloaded, one look noticing with p = 0.3:
// the noticing coin must be fair however large the pool (it takes a word
// of its own above 511 missiles).
TEST(MonteCarloTest, NoticingIsFairForHugeBases) {
  Scenario s = OneBase(int64_t{1} << 30, int64_t{1} << 30, 1, Designation::kIndependent);
  s.inspection.detection_probability = 0.3;
  ExpectAgrees(Simulate(s, 1), 0.3);
  Scenario odd = OneBase(3 << 29, 3 << 29, 1, Designation::kIndependent);
  odd.inspection.detection_probability = 0.3;
  ExpectAgrees(Simulate(odd, 2), 0.3);
}

TEST(MonteCarloTest, LargeBasesUseThePortableKernel) {
  const MonteCarloResult r = Simulate(OneBase(70000, 700, 10, Designation::kDistinct), 3, 1, 20000);
  EXPECT_EQ(r.kernel, "scalar");
  ExpectAgrees(r, DetectionProbability(70000, 700, 10).value());
}

TEST(MonteCarloTest, SameSeedSameResultForOneAndTwoThreads) {
  const Scenario s = OneBaseAndDepot(60, 4, 0.8);
  const uint64_t trials = 100000;  // several blocks, so the threads interleave
  const MonteCarloResult one = Simulate(s, 99, 1, trials), two = Simulate(s, 99, 2, trials);
  EXPECT_EQ(one.detected_trials, two.detected_trials);
  EXPECT_EQ(one.first_detection, two.first_detection);
  EXPECT_EQ(one.site_detections, two.site_detections);
  EXPECT_EQ(one.designations, two.designations);
  EXPECT_NE(Simulate(s, 100, 1, trials).first_detection, one.first_detection);
}

TEST(MonteCarloTest, FirstDetectionsSumToDetectedTrials) {
  const MonteCarloResult r = Simulate(OneBase(30, 2, 10, Designation::kDistinct), 1, 1, 50000);
  EXPECT_EQ(std::accumulate(r.first_detection.begin(), r.first_detection.end(), uint64_t{0}),
            r.detected_trials);
  EXPECT_EQ(r.site_detections[0], r.detected_trials);
}

TEST(MonteCarloTest, ExhaustedBaseStopsDesignating) {
  // 3 missiles, 5 distinct designations: only 3 can happen, and all overloaded are found.
  const MonteCarloResult r = Simulate(OneBase(3, 1, 5, Designation::kDistinct), 2, 1, 1000);
  EXPECT_EQ(r.designations, 3000u);
  EXPECT_EQ(r.detected_trials, 1000u);
}

TEST(MonteCarloTest, RejectsInspectionsWithoutEligibleSites) {
  Scenario s = OneBase(10, 1, 10, Designation::kDistinct);
  s.inspection.type_two_per_year = 8;
  MonteCarloOptions o;
  o.trials = 10;
  EXPECT_EQ(RunMonteCarlo(s, o).status().message(),
            "inspection.type_two_per_year: 8 Type Two inspections but no non_deployed site with a "
            "positive weight");
  o.threads = 0;
  EXPECT_EQ(RunMonteCarlo(s, o).status().message(), "threads must be between 1 and 256, got 0");
}

TEST(InspectionScheduleTest, InterleavesTypesEvenlyOverTheYear) {
  const std::vector<InspectionStep> steps = InspectionSchedule(10, 8);
  ASSERT_EQ(steps.size(), 18u);
  EXPECT_EQ(std::count_if(steps.begin(), steps.end(),
                          [](const InspectionStep& s) { return s.kind == SiteKind::kBase; }),
            10);
  EXPECT_EQ(steps.front().kind, SiteKind::kBase);
  EXPECT_EQ(steps.front().month, 1);
  EXPECT_EQ(steps.back().month, 12);
  for (size_t i = 1; i < steps.size(); ++i) EXPECT_LE(steps[i - 1].month, steps[i].month);
}

TEST(WilsonIntervalTest, MatchesPublishedValue) {
  const Interval i = WilsonInterval(50, 100);
  EXPECT_NEAR(i.low, 0.40383, 1e-5);
  EXPECT_NEAR(i.high, 0.59617, 1e-5);
  EXPECT_EQ(WilsonInterval(0, 10).low, 0.0);
}

}  // namespace
}  // namespace verity::stats
