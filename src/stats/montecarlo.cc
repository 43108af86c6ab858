#include "stats/montecarlo.h"

#include <algorithm>
#include <atomic>
#include <chrono>
#include <cmath>
#include <string>
#include <thread>

#include <time.h>

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
  std::vector<double> weight;
  std::vector<uint32_t> site;
  std::vector<uint32_t> missiles;    // Type One: deployed missiles
  std::vector<uint32_t> overloaded;  // Type One: overloaded missiles
  std::vector<uint8_t> undeclared;   // 1 if the site hides undeclared items
};

// A Type Two visit's whole outcome, (site, noticed undeclared items or not),
// drawn as one categorical: P(site c, noticed) = w_c [c hides items] p.
struct OutcomeTable {
  AliasTable choice;
  std::vector<uint32_t> site;
  std::vector<uint32_t> found;
  bool any_found = false;
};

struct Model {
  std::vector<uint8_t> step_is_type_one;
  SiteTable one, two;
  OutcomeTable two_outcomes;
  uint64_t notice_threshold = 0;  // detection if 32 random bits < this
  size_t sites = 0;
};

// CPU time of the calling thread, in seconds.
double ThreadCpuSeconds() {
  timespec ts{};
  clock_gettime(CLOCK_THREAD_CPUTIME_ID, &ts);
  return static_cast<double>(ts.tv_sec) + 1e-9 * static_cast<double>(ts.tv_nsec);
}

struct Tally {
  double cpu_seconds = 0;
  uint64_t detected_trials = 0;
  uint64_t designations = 0;
  std::vector<uint64_t> first_detection;
  std::vector<uint64_t> site_detections;

  void Add(const Tally& o) {
    cpu_seconds += o.cpu_seconds;
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
  for (size_t i = 0; i < sc.force.sites.size(); ++i) {
    const Site& s = sc.force.sites[i];
    const double w = ChoiceWeight(s, sc.inspection.site_choice);
    if (s.kind != kind || w <= 0) continue;
    if (kind == SiteKind::kBase && s.deployed_missiles == 0) continue;
    t.weight.push_back(w);
    t.site.push_back(static_cast<uint32_t>(i));
    t.missiles.push_back(static_cast<uint32_t>(s.deployed_missiles));
    t.overloaded.push_back(static_cast<uint32_t>(s.overloaded));
    t.undeclared.push_back(s.undeclared > 0 ? 1 : 0);
  }
  if (t.weight.empty()) {
    if (inspections == 0) return t;
    const bool one = kind == SiteKind::kBase;
    return InvalidArgument(
        std::string(one ? "inspection.type_one_per_year: " : "inspection.type_two_per_year: ") +
        std::to_string(inspections) + (one ? " Type One" : " Type Two") +
        " inspections but no " + (one ? "base with deployed missiles" : "non_deployed site") +
        " with a positive weight");
  }
  t.choice = AliasTable::Build(t.weight);
  return t;
}

OutcomeTable BuildOutcomes(const SiteTable& t, double p) {
  OutcomeTable o;
  std::vector<double> weights;
  for (size_t c = 0; c < t.site.size(); ++c) {
    const double noticed = t.undeclared[c] != 0 ? p : 0.0;
    for (uint32_t found : {0u, 1u}) {
      weights.push_back(t.weight[c] * (found != 0 ? noticed : 1 - noticed));
      o.site.push_back(t.site[c]);
      o.found.push_back(found);
    }
    o.any_found = o.any_found || noticed > 0;
  }
  if (!weights.empty()) o.choice = AliasTable::Build(weights);
  return o;
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
  m.two_outcomes = BuildOutcomes(m.two, sc.inspection.detection_probability);
  return m;
}

// Records a detection at schedule step `step` and `site` in `trial` (rare:
// off the fast path). Steps may be visited out of order, so keep the least.
// `stamp` holds, per site, 1 + the last trial that detected there.
void RecordDetection(uint32_t step, uint32_t site, uint64_t trial, uint32_t* first, Tally* tally,
                     uint64_t* stamp) {
  *first = std::min(*first, step);
  if (stamp[site] != trial + 1) {
    stamp[site] = trial + 1;
    ++tally->site_detections[site];
  }
}

// Raw views of the tables for the hot loop (no reloads through vectors).
struct HotTables {
  const uint64_t* one_choice;
  uint32_t one_columns;
  const uint32_t* missiles;
  const uint32_t* overloaded;
  const uint32_t* one_site;
  const uint8_t* one_undeclared;
  bool hidden_one;  // some base hides undeclared items
  uint64_t notice;
};

// The per-worker state of the hot loop: step lists, the tables as raw
// arrays, and scratch pools for kMaxLanes trials.
struct Worker {
  const Model& m;
  HotTables h;
  std::vector<uint32_t> one_steps, two_steps;
  // Per lane and base (lane * bases + base): missiles not yet designated
  // (high half) and overloaded ones among them (low half), one word so a
  // designation is one load and one store.
  std::vector<uint64_t> pool;
  uint32_t none;                    // "no detection" step index
  Tally* tally;
  std::vector<uint64_t> stamp;  // lane * sites + site, see RecordDetection
  uint64_t designations = 0;
};

constexpr int kMaxLanes = 4;

// Trials trial0 .. trial0 + kLanes - 1, simulated side by side. Each trial's
// step-to-step dependency (the pool counts of the base just visited) is a
// chain of loads and stores; interleaving independent trials lets the CPU
// overlap those chains. Results do not depend on the grouping.
// The hot loop: no allocation, integer sampling only, and no data-dependent
// branch on the common path (selects are arithmetic). Type One and Type Two
// visits are independent of each other, so each kind has its own loop and a
// detection records its schedule step.
// kDistinct: designated missiles leave the pool for the rest of the year.
template <bool kDistinct, int kLanes>
void RunLanes(Worker& w, uint64_t seed, uint64_t trial0) {
  const HotTables& h = w.h;
  const size_t bases = w.m.one.missiles.size();
  TrialStream rng[kLanes];
  uint32_t first[kLanes];
  for (int l = 0; l < kLanes; ++l) {
    rng[l] = TrialStream(seed, trial0 + static_cast<uint64_t>(l));
    first[l] = w.none;
    if (kDistinct) {
      for (size_t b = 0; b < bases; ++b) {
        w.pool[static_cast<size_t>(l) * bases + b] = (uint64_t{h.missiles[b]} << 32) | h.overloaded[b];
      }
    }
  }
  uint64_t designations = 0;
  for (const uint32_t step : w.one_steps) {
#pragma GCC unroll 4
    for (int l = 0; l < kLanes; ++l) {
      uint64_t* const pools = w.pool.data() + static_cast<size_t>(l) * bases;
      const uint32_t col = AliasTable::Pick(rng[l].Next(), h.one_choice, h.one_columns);
      const uint64_t r = rng[l].Next();
      const uint64_t state = kDistinct ? pools[col] : 0;
      const uint32_t pool = kDistinct ? static_cast<uint32_t>(state >> 32) : h.missiles[col];
      const uint32_t k = kDistinct ? static_cast<uint32_t>(state) : h.overloaded[col];
      // An empty pool gives index 0 and k = 0: no designation, nothing found.
      const uint32_t hit = Below(static_cast<uint32_t>(r >> 32), pool) < k ? 1u : 0u;
      const uint32_t designated = pool != 0 ? 1u : 0u;
      uint32_t found = hit & ((r & 0xffffffffULL) < h.notice ? 1u : 0u);
      if (kDistinct) pools[col] = state - ((uint64_t{designated} << 32) | hit);
      designations += designated;
      if (h.hidden_one) {
        found |= h.one_undeclared[col] & ((rng[l].Next() & 0xffffffffULL) < h.notice ? 1u : 0u);
      }
      if (found != 0) {
        RecordDetection(step, h.one_site[col], trial0 + static_cast<uint64_t>(l), &first[l], w.tally,
                        w.stamp.data() + static_cast<size_t>(l) * w.m.sites);
      }
    }
  }
  for (const uint32_t step : w.two_steps) {
#pragma GCC unroll 4
    for (int l = 0; l < kLanes; ++l) {
      const uint32_t outcome = w.m.two_outcomes.choice.Pick(rng[l].Next());
      if (w.m.two_outcomes.found[outcome] != 0) {
        RecordDetection(step, w.m.two_outcomes.site[outcome], trial0 + static_cast<uint64_t>(l),
                        &first[l], w.tally, w.stamp.data() + static_cast<size_t>(l) * w.m.sites);
      }
    }
  }
  for (int l = 0; l < kLanes; ++l) {
    if (first[l] != w.none) {
      ++w.tally->detected_trials;
      ++w.tally->first_detection[first[l]];
    }
  }
  w.designations += designations;
}

// Trials [begin, end).
template <bool kDistinct>
void RunTrials(const Model& m, uint64_t seed, uint64_t begin, uint64_t end, Tally* tally) {
  const size_t bases = m.one.missiles.size();
  Worker w{m,
           {m.one.choice.entries(), static_cast<uint32_t>(m.one.choice.size()), m.one.missiles.data(),
            m.one.overloaded.data(), m.one.site.data(), m.one.undeclared.data(),
            std::find(m.one.undeclared.begin(), m.one.undeclared.end(), 1) != m.one.undeclared.end(),
            m.notice_threshold},
           {}, {}, std::vector<uint64_t>(bases * kMaxLanes),
           static_cast<uint32_t>(m.step_is_type_one.size()), tally,
           std::vector<uint64_t>(m.sites * kMaxLanes, 0)};
  for (size_t i = 0; i < m.step_is_type_one.size(); ++i) {
    (m.step_is_type_one[i] != 0 ? w.one_steps : w.two_steps).push_back(static_cast<uint32_t>(i));
  }
  // With nothing to find, Type Two visits draw nothing.
  if (!m.two_outcomes.any_found) w.two_steps.clear();
  uint64_t trial = begin;
  for (; trial + kMaxLanes <= end; trial += kMaxLanes) RunLanes<kDistinct, kMaxLanes>(w, seed, trial);
  for (; trial < end; ++trial) RunLanes<kDistinct, 1>(w, seed, trial);
  tally->designations += w.designations;
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
    const double cpu_start = ThreadCpuSeconds();
    tally->first_detection.assign(model.step_is_type_one.size(), 0);
    tally->site_detections.assign(model.sites, 0);
    for (uint64_t b; (b = next_block.fetch_add(1)) < blocks;) {
      const uint64_t begin = b * kBlockTrials;
      const uint64_t end = std::min(options.trials, begin + kBlockTrials);
      if (distinct) RunTrials<true>(model, options.seed, begin, end, tally);
      else RunTrials<false>(model, options.seed, begin, end, tally);
      done.fetch_add(end - begin);
    }
    tally->cpu_seconds = ThreadCpuSeconds() - cpu_start;
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
  r.cpu_seconds = tallies[0].cpu_seconds;
  r.seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - started).count();
  return r;
}

}  // namespace verity::stats
