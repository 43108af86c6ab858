#include "stats/montecarlo.h"

#include <algorithm>
#include <atomic>
#include <chrono>
#include <cmath>
#include <string>
#include <thread>

#include "stats/alias.h"
#include "stats/rng.h"

namespace verity::stats {
namespace {

constexpr uint64_t kBlockTrials = uint64_t{1} << 14;
constexpr auto kProgressInterval = std::chrono::milliseconds(100);
constexpr auto kPollInterval = std::chrono::milliseconds(2);
// Draws per trial: at most three per inspection.
static_assert(3 * 2 * kMaxInspectionsPerYear < kDrawsPerTrial);

// The scenario compiled for the hot loop. Columns index the eligible sites
// of one inspection type; `site` maps a column back to the scenario's site.
struct SiteTable {
  AliasTable choice;
  std::vector<uint32_t> site;
  std::vector<uint32_t> missiles;    // Type One: deployed missiles
  std::vector<uint32_t> overloaded;  // Type One: overloaded missiles
  std::vector<uint8_t> undeclared;   // 1 if the site hides undeclared items
};

struct Model {
  std::vector<uint8_t> step_is_type_one;
  SiteTable one, two;
  uint64_t notice_threshold = 0;  // detection if 32 random bits < this
  size_t sites = 0;
};

struct Tally {
  uint64_t detected_trials = 0;
  uint64_t designations = 0;
  std::vector<uint64_t> first_detection;
  std::vector<uint64_t> site_detections;

  void Add(const Tally& o) {
    detected_trials += o.detected_trials;
    designations += o.designations;
    for (size_t i = 0; i < first_detection.size(); ++i) first_detection[i] += o.first_detection[i];
    for (size_t i = 0; i < site_detections.size(); ++i) site_detections[i] += o.site_detections[i];
  }
};

double ChoiceWeight(const Site& s, SiteChoice choice) {
  switch (choice) {
    case SiteChoice::kUniform: return 1.0;
    case SiteChoice::kWeighted:
      return static_cast<double>(s.kind == SiteKind::kBase ? s.deployed_missiles : s.non_deployed);
    case SiteChoice::kGiven: return s.weight;
  }
  return 0.0;
}

StatusOr<SiteTable> BuildSiteTable(const Scenario& sc, SiteKind kind, int64_t inspections) {
  SiteTable t;
  std::vector<double> weights;
  for (size_t i = 0; i < sc.force.sites.size(); ++i) {
    const Site& s = sc.force.sites[i];
    const double w = ChoiceWeight(s, sc.inspection.site_choice);
    if (s.kind != kind || w <= 0) continue;
    if (kind == SiteKind::kBase && s.deployed_missiles == 0) continue;
    weights.push_back(w);
    t.site.push_back(static_cast<uint32_t>(i));
    t.missiles.push_back(static_cast<uint32_t>(s.deployed_missiles));
    t.overloaded.push_back(static_cast<uint32_t>(s.overloaded));
    t.undeclared.push_back(s.undeclared > 0 ? 1 : 0);
  }
  if (weights.empty()) {
    if (inspections == 0) return t;
    const bool one = kind == SiteKind::kBase;
    return InvalidArgument(
        std::string(one ? "inspection.type_one_per_year: " : "inspection.type_two_per_year: ") +
        std::to_string(inspections) + (one ? " Type One" : " Type Two") +
        " inspections but no " + (one ? "base with deployed missiles" : "non_deployed site") +
        " with a positive weight");
  }
  t.choice = AliasTable::Build(weights);
  return t;
}

StatusOr<Model> Compile(const Scenario& sc) {
  Model m;
  m.sites = sc.force.sites.size();
  for (const InspectionStep& step :
       InspectionSchedule(sc.inspection.type_one_per_year, sc.inspection.type_two_per_year)) {
    m.step_is_type_one.push_back(step.kind == SiteKind::kBase ? 1 : 0);
  }
  VERITY_ASSIGN_OR_RETURN(m.one, BuildSiteTable(sc, SiteKind::kBase, sc.inspection.type_one_per_year));
  VERITY_ASSIGN_OR_RETURN(m.two, BuildSiteTable(sc, SiteKind::kNonDeployed,
                                                sc.inspection.type_two_per_year));
  m.notice_threshold = ProbabilityThreshold(sc.inspection.detection_probability);
  return m;
}

// Trials [begin, end). The hot loop: no allocation, integer sampling only.
// kDistinct: designated missiles leave the pool for the rest of the year.
template <bool kDistinct>
void RunTrials(const Model& m, uint64_t seed, uint64_t begin, uint64_t end, Tally* tally,
               std::vector<uint64_t>* stamp) {
  const size_t steps = m.step_is_type_one.size();
  std::vector<uint32_t> left(m.one.missiles.size()), bad(m.one.overloaded.size());
  const uint64_t notice = m.notice_threshold;
  uint64_t designations = 0;
  for (uint64_t trial = begin; trial < end; ++trial) {
    TrialStream rng(seed, trial);
    if (kDistinct) {
      std::copy(m.one.missiles.begin(), m.one.missiles.end(), left.begin());
      std::copy(m.one.overloaded.begin(), m.one.overloaded.end(), bad.begin());
    }
    int64_t first = -1;
    for (size_t step = 0; step < steps; ++step) {
      bool found = false;
      uint32_t site;
      if (m.step_is_type_one[step] != 0) {
        const uint32_t col = m.one.choice.Pick(rng.Next());
        const uint64_t r = rng.Next();
        const uint32_t pool = kDistinct ? left[col] : m.one.missiles[col];
        if (pool != 0) {
          ++designations;
          const uint32_t k = kDistinct ? bad[col] : m.one.overloaded[col];
          if (Below(static_cast<uint32_t>(r >> 32), pool) < k) {
            found = (r & 0xffffffffULL) < notice;
            if (kDistinct) --bad[col];
          }
          if (kDistinct) --left[col];
        }
        if (m.one.undeclared[col] != 0 && !found) found = (rng.Next() & 0xffffffffULL) < notice;
        site = m.one.site[col];
      } else {
        const uint32_t col = m.two.choice.Pick(rng.Next());
        if (m.two.undeclared[col] != 0) found = (rng.Next() & 0xffffffffULL) < notice;
        site = m.two.site[col];
      }
      if (found) {
        if (first < 0) first = static_cast<int64_t>(step);
        if ((*stamp)[site] != trial + 1) {
          (*stamp)[site] = trial + 1;
          ++tally->site_detections[site];
        }
      }
    }
    if (first >= 0) {
      ++tally->detected_trials;
      ++tally->first_detection[static_cast<size_t>(first)];
    }
  }
  tally->designations += designations;
}

Status CheckOptions(const MonteCarloOptions& o) {
  if (o.trials == 0 || o.trials >= kMaxTrials) {
    return InvalidArgument("trials must be between 1 and " + std::to_string(kMaxTrials - 1));
  }
  if (o.threads < 1 || o.threads > kMaxThreads) {
    return InvalidArgument("threads must be between 1 and " + std::to_string(kMaxThreads) +
                           ", got " + std::to_string(o.threads));
  }
  return Status::Ok();
}

}  // namespace

std::vector<InspectionStep> InspectionSchedule(int64_t type_one, int64_t type_two) {
  std::vector<InspectionStep> steps;
  const int64_t total = type_one + type_two;
  int64_t i = 0, j = 0;
  while (i < type_one || j < type_two) {
    // Type One i at (2i+1)/(2 M1), Type Two j at (2j+1)/(2 M2): compare exactly.
    const bool one = j >= type_two ||
                     (i < type_one && (2 * i + 1) * type_two <= (2 * j + 1) * type_one);
    InspectionStep s;
    s.kind = one ? SiteKind::kBase : SiteKind::kNonDeployed;
    s.month = 1 + static_cast<int>(static_cast<int64_t>(steps.size()) * kMonthsPerYear / total);
    steps.push_back(s);
    (one ? i : j) += 1;
  }
  return steps;
}

Interval WilsonInterval(uint64_t successes, uint64_t trials, double z) {
  const double n = static_cast<double>(trials);
  const double p = static_cast<double>(successes) / n;
  const double z2 = z * z;
  const double denom = 1 + z2 / n;
  const double center = (p + z2 / (2 * n)) / denom;
  const double half = z * std::sqrt(p * (1 - p) / n + z2 / (4 * n * n)) / denom;
  return {std::max(0.0, center - half), std::min(1.0, center + half)};
}

StatusOr<MonteCarloResult> RunMonteCarlo(const Scenario& sc, const MonteCarloOptions& options) {
  VERITY_RETURN_IF_ERROR(CheckOptions(options));
  VERITY_ASSIGN_OR_RETURN(const Model model, Compile(sc));
  const auto started = std::chrono::steady_clock::now();
  const uint64_t blocks = (options.trials + kBlockTrials - 1) / kBlockTrials;
  std::atomic<uint64_t> next_block{0}, done{0};
  std::atomic<int> running{options.threads};
  std::vector<Tally> tallies(static_cast<size_t>(options.threads));
  const bool distinct = sc.inspection.designation == Designation::kDistinct;
  auto worker = [&](Tally* tally) {
    tally->first_detection.assign(model.step_is_type_one.size(), 0);
    tally->site_detections.assign(model.sites, 0);
    std::vector<uint64_t> stamp(model.sites, 0);
    for (uint64_t b; (b = next_block.fetch_add(1)) < blocks;) {
      const uint64_t begin = b * kBlockTrials;
      const uint64_t end = std::min(options.trials, begin + kBlockTrials);
      if (distinct) RunTrials<true>(model, options.seed, begin, end, tally, &stamp);
      else RunTrials<false>(model, options.seed, begin, end, tally, &stamp);
      done.fetch_add(end - begin);
    }
    running.fetch_sub(1);
  };
  std::vector<std::thread> threads;
  for (int t = 0; t < options.threads; ++t) threads.emplace_back(worker, &tallies[static_cast<size_t>(t)]);
  auto last_report = std::chrono::steady_clock::now();
  while (options.progress && running.load() > 0) {
    std::this_thread::sleep_for(kPollInterval);
    if (std::chrono::steady_clock::now() - last_report >= kProgressInterval) {
      options.progress(done.load(), options.trials);
      last_report = std::chrono::steady_clock::now();
    }
  }
  for (std::thread& t : threads) t.join();
  if (options.progress) options.progress(options.trials, options.trials);
  for (size_t t = 1; t < tallies.size(); ++t) tallies[0].Add(tallies[t]);

  MonteCarloResult r;
  r.seed = options.seed;
  r.trials = options.trials;
  r.threads = options.threads;
  r.detected_trials = tallies[0].detected_trials;
  r.detection_probability = static_cast<double>(r.detected_trials) / static_cast<double>(r.trials);
  r.interval = WilsonInterval(r.detected_trials, r.trials);
  r.schedule = InspectionSchedule(sc.inspection.type_one_per_year, sc.inspection.type_two_per_year);
  r.first_detection = std::move(tallies[0].first_detection);
  r.site_detections = std::move(tallies[0].site_detections);
  r.designations = tallies[0].designations;
  r.seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - started).count();
  return r;
}

}  // namespace verity::stats
