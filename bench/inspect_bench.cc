// Inspection records in a long log: checking a new inspection notice (the
// treaty's finders, as every append runs them) and reading every inspection
// record, on logs of 1,000 and of 100,000 other notifications holding the
// same 20 inspection notices. Records are found by an index on the entries'
// type, so the two sizes should cost about the same; BM_ReadEveryEntry, the
// cost of reading the whole log, is the same-run yardstick. Compare rows as
// ratios.
#include <benchmark/benchmark.h>

#include <cstdlib>
#include <filesystem>

#include "inspect/ledger_inspections.h"
#include "inspect/treaty_ledger.h"
#include "ledger/keys.h"
#include "ledger/sample.h"
#include "ledger_bench_data.h"

namespace verity::bench {
namespace {

constexpr int kNotices = 20;

const forces::Counter& Counter() {
  static const auto* t = new treaty::Treaty(treaty::LoadTreaty("new-start").value());
  static const auto* c = new forces::Counter(*t);
  return *c;
}

// A RU inspection notice of the US with `serial`, in treaty year 2.
ledger::Notification Notice(int64_t serial) {
  ledger::Notification n;
  n.party = "RU";
  n.serial = serial;
  n.type = ledger::NotificationType::kInspectionNotice;
  n.occurred = Date::FromYmd(2012, 3, 1);
  n.sent = Timestamp::StartOf(n.occurred);
  n.body = {{"kind", serial % 2 ? "type_one" : "type_two"},
            {"site", "minot-air"},
            {"inspected_party", "US"}};
  if (!ledger::ReadBody(&n, "bench").ok()) std::abort();
  ledger::SignInPlace(&n, ledger::SampleKey("RU"));
  return n;
}

// A ledger in a fresh folder: `others` US movements, then kNotices notices.
std::unique_ptr<ledger::Ledger> LogOf(size_t others, const std::string& dir) {
  std::filesystem::remove_all(dir);
  const std::vector<ledger::PublicKey> keys = {ledger::SampleKey("US").pub,
                                               ledger::SampleKey("RU").pub};
  if (!ledger::Ledger::Init(dir, keys).ok()) return nullptr;
  auto l = inspect::OpenForTreaty(dir, Counter());
  if (!l.ok()) return nullptr;
  std::vector<ledger::Notification> notes = SignedMovements(others);
  for (int s = 1; s <= kNotices; ++s) notes.push_back(Notice(s));
  if (!(*l)->AppendParsed(std::move(notes), Timestamp::StartOf(Date::FromYmd(2026, 3, 1))).ok())
    return nullptr;
  return std::move(*l);
}

// Runs `step(ledger)` (an error message, or "" when it went well) per
// iteration on a fresh log of state.range(0) other notifications.
template <typename Step>
void OnLog(benchmark::State& state, Step step) {
  const std::string dir = (std::filesystem::path(VERITY_BINARY_DIR) / "bench-data" /
                           ("inspect-" + std::to_string(state.range(0))))
                              .string();
  auto l = LogOf(static_cast<size_t>(state.range(0)), dir);
  if (!l) return state.SkipWithError("cannot build the ledger");
  for (auto _ : state) {
    const std::string error = step(*l);
    if (!error.empty()) return state.SkipWithError(error.c_str());
  }
  state.counters["log_size"] = static_cast<double>(l->Size().value());
  l.reset();
  std::filesystem::remove_all(dir);
}

void BM_AppendAnInspectionNotice(benchmark::State& state) {
  int64_t serial = kNotices;
  OnLog(state, [&](ledger::Ledger& l) {
    auto r = l.AppendParsed({Notice(++serial)}, Timestamp::StartOf(Date::FromYmd(2026, 3, 1)));
    return r.ok() ? std::string() : r.status().message();
  });
}
BENCHMARK(BM_AppendAnInspectionNotice)->Arg(1000)->Arg(100'000)->Unit(benchmark::kMillisecond);

void BM_LoadInspections(benchmark::State& state) {
  OnLog(state, [](ledger::Ledger& l) {
    auto logged = inspect::LoadInspections(l);
    return logged.ok() && logged->notices.size() == kNotices ? std::string() : "LoadInspections";
  });
}
BENCHMARK(BM_LoadInspections)->Arg(1000)->Arg(100'000)->Unit(benchmark::kMillisecond);

// The yardstick, in the same run: reading every entry of the log, which is
// what finding the inspection records cost when they were not indexed.
void BM_ReadEveryEntry(benchmark::State& state) {
  OnLog(state, [](ledger::Ledger& l) {
    auto all = l.Entries(0, l.Size().value());
    return all.ok() ? std::string() : all.status().message();
  });
}
BENCHMARK(BM_ReadEveryEntry)->Arg(1000)->Arg(100'000)->Unit(benchmark::kMillisecond);

}  // namespace
}  // namespace verity::bench

BENCHMARK_MAIN();
