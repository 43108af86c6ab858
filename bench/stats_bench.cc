// Benchmarks of the verification statistics. The Monte Carlo benchmark runs
// data/scenarios/bench.toml, the scenario bench/reference_mc.py also runs,
// and reports simulated designations per second (per CPU second for one
// thread, per wall second for several) and the estimate, for the AVX2
// kernel and, as its baseline in the same run, the portable kernel.
#include <benchmark/benchmark.h>

#include <string>

#include "stats/declaration_force.h"
#include "stats/exact.h"
#include "stats/games.h"
#include "stats/montecarlo.h"

namespace verity::stats {
namespace {

constexpr uint64_t kBenchTrials = 2'000'000;

const Scenario& BenchScenario() {
  static const Scenario* s = [] {
    auto loaded = LoadScenario(std::string(VERITY_SOURCE_DIR) + "/data/scenarios/bench.toml");
    if (!loaded.ok()) {
      std::fprintf(stderr, "%s\n", loaded.status().message().c_str());
      std::abort();
    }
    return new Scenario(loaded->scenario);
  }();
  return *s;
}

void BM_MonteCarlo(benchmark::State& state) {
  MonteCarloOptions o;
  o.trials = kBenchTrials;
  o.threads = static_cast<int>(state.range(0));
  o.vectorized = state.range(1) != 0;
  o.seed = 1;
  uint64_t designations = 0;
  double estimate = 0, cpu = 0;
  std::string kernel;
  for (auto _ : state) {
    const auto r = RunMonteCarlo(BenchScenario(), o);
    designations += r->designations;
    estimate = r->detection_probability;
    cpu += r->cpu_seconds;
    kernel = r->kernel;
  }
  // Wall-clock rate (all threads) and rate per CPU-second of the workers.
  state.counters["designations_per_s"] =
      benchmark::Counter(static_cast<double>(designations), benchmark::Counter::kIsRate);
  state.counters["designations_per_cpu_s"] = static_cast<double>(designations) / cpu;
  state.counters["trials"] = static_cast<double>(kBenchTrials);
  state.counters["estimate"] = estimate;
  state.SetLabel(kernel);
}
// Real time: the work runs on worker threads, not on the benchmark's thread.
// Args: threads, vectorized.
BENCHMARK(BM_MonteCarlo)
    ->ArgNames({"threads", "vector"})
    ->Args({1, 0})
    ->Args({1, 1})
    ->Args({2, 1})
    ->UseRealTime()
    ->Unit(benchmark::kMillisecond);

void BM_ExactSampleSize(benchmark::State& state) {
  const ProbabilityFraction p{95, 100};
  for (auto _ : state) benchmark::DoNotOptimize(ExactSampleSize(10000, 25, p));
}
BENCHMARK(BM_ExactSampleSize);

void BM_DresherGame(benchmark::State& state) {
  for (auto _ : state) benchmark::DoNotOptimize(DresherGameValue(365, 18));
}
BENCHMARK(BM_DresherGame);

}  // namespace
}  // namespace verity::stats

BENCHMARK_MAIN();
