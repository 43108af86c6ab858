// The cost of low/high counts on a declaration whose every item carries a
// range (the worst case): BM_CountCentral is the plain count of the same
// declaration, BM_CountRanges the low and high counts together. Counter:
//   items_per_second  items counted per second (each count of an item once).
#include <benchmark/benchmark.h>

#include "forces/declaration_io.h"
#include "forces/ranges.h"

namespace verity::forces {
namespace {

// 300,000 silos with ranged counts and loadings, 100,000 missiles in
// storage, 20,000 bombers with a ranged capacity: 720,000 items.
Declaration RangedForce() {
  auto d = ParseDeclarationText(R"({
    "party": "XX", "as_of": "2020-09-01",
    "facilities": [{"id": "base", "type": "icbm_base"}, {"id": "store", "type": "storage_facility"},
                   {"id": "air", "type": "air_base"}],
    "types": [{"id": "m", "class": "icbm", "kind": "missile", "max_warheads": 3},
              {"id": "silo", "class": "icbm", "kind": "silo_launcher"},
              {"id": "b", "class": "heavy_bomber", "kind": "heavy_bomber",
               "capacity": {"value": 16, "low": 12, "high": 20}}],
    "items": [
      {"uid": "S", "type": "silo", "facility": "base", "count": {"value": 300000, "low": 290000, "high": 310000},
       "missile": {"type": "m", "warheads": {"value": 1, "low": 1, "high": 3, "source": "estimate"}}},
      {"uid": "M", "type": "m", "facility": "store", "count": 100000, "warheads": 0},
      {"uid": "B", "type": "b", "facility": "air", "count": 20000}]})",
                                "bench.json");
  return std::move(d).value();
}

const Declaration& Force() {
  static const Declaration d = RangedForce();
  return d;
}

void BM_CountCentral(benchmark::State& state) {
  const treaty::Treaty t = treaty::LoadTreaty("new-start").value();
  const Counter counter(t);
  const Declaration& d = Force();  // parsed once, outside the timed loop
  for (auto _ : state) benchmark::DoNotOptimize(counter.Count(d));
  state.SetItemsProcessed(state.iterations() * static_cast<int64_t>(Force().items.size()));
}
BENCHMARK(BM_CountCentral)->Unit(benchmark::kMillisecond);

void BM_CountRanges(benchmark::State& state) {
  const treaty::Treaty t = treaty::LoadTreaty("new-start").value();
  const Counter counter(t);
  const Declaration& d = Force();
  for (auto _ : state) benchmark::DoNotOptimize(CountRanges(counter, d));
  // Two counts (low and high) per iteration.
  state.SetItemsProcessed(2 * state.iterations() * static_cast<int64_t>(Force().items.size()));
}
BENCHMARK(BM_CountRanges)->Unit(benchmark::kMillisecond);

}  // namespace
}  // namespace verity::forces

BENCHMARK_MAIN();
