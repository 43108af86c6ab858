#include "stats/montecarlo.h"

#include <time.h>

#include <algorithm>
#include <atomic>
#include <chrono>
#include <cmath>
#include <string>
#include <thread>

#include "stats/montecarlo_kernel.h"
#include "stats/montecarlo_model.h"
#include "stats/rng.h"

namespace verity::stats {
namespace {

constexpr auto kProgressInterval = std::chrono::milliseconds(100);
constexpr auto kPollInterval = std::chrono::milliseconds(2);

// CPU time of the calling thread, in seconds.
double ThreadCpuSeconds() {
  timespec ts{};
  clock_gettime(CLOCK_THREAD_CPUTIME_ID, &ts);
  return static_cast<double>(ts.tv_sec) + 1e-9 * static_cast<double>(ts.tv_nsec);
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
    const bool one =
        j >= type_two || (i < type_one && (2 * i + 1) * type_two <= (2 * j + 1) * type_one);
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
  VERITY_ASSIGN_OR_RETURN(const Model model, CompileModel(sc));
  const auto started = std::chrono::steady_clock::now();
  const uint64_t blocks = (options.trials + kBlockTrials - 1) / kBlockTrials;
  std::atomic<uint64_t> next_block{0}, done{0};
  std::atomic<int> running{options.threads};
  std::vector<Tally> tallies(static_cast<size_t>(options.threads), Tally(model));
  const bool vector = options.vectorized && BlockRunner::VectorKernelApplies(model);
  // Each worker counts into a Tally of its own (on its own stack, so no two
  // workers write to one cache line) and hands it over at the end.
  auto worker = [&](Tally* out) {
    const double cpu_start = ThreadCpuSeconds();
    Tally tally(model);
    BlockRunner runner(model, &tally);
    for (uint64_t b; (b = next_block.fetch_add(1)) < blocks;) {
      const uint64_t begin = b * kBlockTrials;
      const uint64_t end = std::min(options.trials, begin + kBlockTrials);
      runner.Run(options.seed, b, begin, end, vector);
      done.fetch_add(end - begin);
    }
    tally.cpu_seconds = ThreadCpuSeconds() - cpu_start;
    *out = std::move(tally);
    running.fetch_sub(1);
  };
  std::vector<std::thread> threads;
  for (int t = 0; t < options.threads; ++t)
    threads.emplace_back(worker, &tallies[static_cast<size_t>(t)]);
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
  r.kernel = vector ? "avx2" : "scalar";
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
