// Counting speed and memory on a synthetic 1,000,000-item declaration.
//
// BM_Count is the engine as used (compiled rules + fact-combination memo);
// BM_CountRuleByRule evaluates every compiled rule for every item, the
// baseline the memo is measured against in the same run. Counters:
//   items_per_second  item-evaluations (an item classified under every
//                     category and summed into every limit) per second;
//   bytes_per_item    resident memory the declaration adds, per item.
#include <benchmark/benchmark.h>
#include <unistd.h>

#include <fstream>

#include "forces/counter.h"

namespace verity::forces {
namespace {

constexpr size_t kItems = 1'000'000;

size_t ResidentBytes() {
  std::ifstream statm("/proc/self/statm");
  size_t pages = 0, resident = 0;
  statm >> pages >> resident;
  return resident * static_cast<size_t>(sysconf(_SC_PAGESIZE));
}

// A force shaped like a real one, scaled up: silos with and without
// missiles, submarines with loaded and empty tubes, bombers at air bases
// and in repair, missiles in storage.
Declaration Synthetic(size_t n) {
  Declaration d;
  d.party = "XX";
  d.as_of = Date::FromYmd(2020, 9, 1);
  d.facilities = {{"base", FacilityType::kIcbmBase, "", "", ""},
                  {"sub", FacilityType::kSubmarineBase, "", "", ""},
                  {"air", FacilityType::kAirBase, "", "", ""},
                  {"store", FacilityType::kStorageFacility, "", "", ""},
                  {"repair", FacilityType::kRepairFacility, "", "", ""}};
  d.types = {{"icbm", "", SystemClass::kIcbm, ItemKind::kMissile, 3, 0, ""},
             {"silo", "", SystemClass::kIcbm, ItemKind::kSiloLauncher, 0, 0, ""},
             {"slbm", "", SystemClass::kSlbm, ItemKind::kMissile, 8, 0, ""},
             {"tube", "", SystemClass::kSlbm, ItemKind::kSlbmLauncher, 0, 0, ""},
             {"ssbn", "", SystemClass::kSlbm, ItemKind::kSubmarine, 0, 0, ""},
             {"bomber", "", SystemClass::kHeavyBomber, ItemKind::kHeavyBomber, 0, 20, ""}};
  d.items.reserve(n);
  auto add = [&](int32_t type, ItemKind kind, int32_t facility) -> Item& {
    Item it;
    it.uid = "X" + std::to_string(d.items.size());
    it.type = type;
    it.kind = kind;
    it.facility = facility;
    d.items.push_back(std::move(it));
    return d.items.back();
  };
  int32_t sub = kNoIndex;
  while (d.items.size() + 2 < n) {
    const size_t k = d.items.size() % 10;
    if (k < 4) {  // a silo, loaded three times in four
      const int32_t silo = static_cast<int32_t>(d.items.size());
      add(1, ItemKind::kSiloLauncher, 0);
      if (silo % 4 != 0)
        add(0, ItemKind::kMissile, 0).container = silo, d.items.back().warheads = 1 + silo % 3;
    } else if (k < 7) {  // a tube on the current submarine
      if (sub == kNoIndex || d.items.size() % 20 == 4)
        sub = static_cast<int32_t>(d.items.size()), add(4, ItemKind::kSubmarine, 1);
      const int32_t tube = static_cast<int32_t>(d.items.size());
      add(3, ItemKind::kSlbmLauncher, 1).submarine = sub;
      if (tube % 5 != 0)
        add(2, ItemKind::kMissile, 1).container = tube, d.items.back().warheads = 1 + tube % 8;
    } else if (k < 9) {
      add(5, ItemKind::kHeavyBomber, d.items.size() % 7 == 0 ? 4 : 2);
    } else {
      add(0, ItemKind::kMissile, 3);
    }
  }
  return d;
}

const treaty::Treaty& NewStart() {
  static const treaty::Treaty t = *treaty::LoadTreaty("new-start");
  return t;
}

void BM_Count(benchmark::State& state) {
  const size_t before = ResidentBytes();
  const Declaration d = Synthetic(kItems);
  const size_t after = ResidentBytes();
  Counter counter(NewStart());
  int64_t deployed = 0;
  for (auto _ : state) {
    Counts c = counter.Count(d);
    deployed = c.limits[0].count;
    benchmark::DoNotOptimize(c);
  }
  state.SetItemsProcessed(static_cast<int64_t>(state.iterations() * d.items.size()));
  state.counters["bytes_per_item"] =
      static_cast<double>(after - before) / static_cast<double>(d.items.size());
  state.counters["deployed"] = static_cast<double>(deployed);
}
BENCHMARK(BM_Count)->Unit(benchmark::kMillisecond);

void BM_CountRuleByRule(benchmark::State& state) {
  const Declaration d = Synthetic(kItems);
  Counter counter(NewStart());
  for (auto _ : state) {
    const auto loaded = Loaded(d);
    int64_t sum = 0;
    for (size_t i = 0; i < d.items.size(); ++i)
      sum += static_cast<int64_t>(counter.Classify(d, i, loaded));
    benchmark::DoNotOptimize(sum);
  }
  state.SetItemsProcessed(static_cast<int64_t>(state.iterations() * d.items.size()));
}
BENCHMARK(BM_CountRuleByRule)->Unit(benchmark::kMillisecond);

}  // namespace
}  // namespace verity::forces

BENCHMARK_MAIN();
