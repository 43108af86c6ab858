// Ledger benchmarks (docs/ledger-format.md; figures in the closing note of
// the ledger issue):
//  - raw Ed25519 verification with libsodium: the bound for appending;
//  - append with full checks (parse, schema, key, signature, serial, SQLite,
//    tree head), in batches of 1,000; target >= 80% of the raw bound;
//  - replay of in-memory events; target >= 5 M events/s;
//  - an as-of query on a 15-year ledger of 1 M notifications; target < 20 ms;
//  - the daily timeline of every limit over 15 years; target < 200 ms.
#include <benchmark/benchmark.h>
#include <sodium.h>

#include <filesystem>

#include "ledger/batch.h"
#include "ledger/event.h"
#include "ledger/keys.h"
#include "ledger/replay.h"
#include "ledger/sample.h"
#include "ledger/store.h"
#include "ledger_bench_data.h"

namespace verity::bench {
namespace {

constexpr size_t kAppendBatch = 1000;
constexpr size_t kReplayEvents = 1'000'000;

const treaty::Treaty& NewStart() {
  static const treaty::Treaty* t = new treaty::Treaty(treaty::LoadTreaty("new-start").value());
  return *t;
}
const forces::Counter& Counter() {
  static const forces::Counter* c = new forces::Counter(NewStart());
  return *c;
}

void BM_RawEd25519Verify(benchmark::State& state) {
  const auto notes = SignedMovements(kAppendBatch);
  std::vector<std::string> messages;
  for (const auto& n : notes) messages.push_back(n.SigningBytes());
  const ledger::PublicKey pub = ledger::SampleKey("US").pub;
  size_t i = 0;
  for (auto _ : state) {
    const size_t k = i++ % notes.size();
    benchmark::DoNotOptimize(ledger::VerifyBytes(pub, messages[k], notes[k].signature));
  }
  state.SetItemsProcessed(static_cast<int64_t>(state.iterations()));
}
BENCHMARK(BM_RawEd25519Verify);

void BM_AppendWithVerification(benchmark::State& state) {
  const size_t total = 20 * kAppendBatch;
  const auto notes = SignedMovements(total);
  std::vector<std::vector<ledger::BatchItem>> batches;
  for (size_t i = 0; i < total; i += kAppendBatch) {
    std::string text;
    for (size_t k = i; k < i + kAppendBatch; ++k) text += notes[k].EntryBytes() + "\n";
    batches.push_back(ledger::ParseBatchText(text, "bench").value());
  }
  const std::string dir = std::filesystem::temp_directory_path() / "verity-bench-append";
  size_t next = batches.size();
  std::unique_ptr<ledger::Ledger> l;
  for (auto _ : state) {
    if (next == batches.size()) {  // start over on a fresh ledger (serials restart)
      state.PauseTiming();
      l.reset();
      std::filesystem::remove_all(dir);
      const std::vector<ledger::PublicKey> keys = {ledger::SampleKey("US").pub};
      (void)ledger::Ledger::Init(dir, keys);
      l = ledger::Ledger::Open(dir).value();
      next = 0;
      state.ResumeTiming();
    }
    auto r = l->Append(batches[next++], Timestamp::StartOf(Date::FromYmd(2026, 1, 1)));
    if (!r.ok()) state.SkipWithError(r.status().message().c_str());
  }
  state.SetItemsProcessed(static_cast<int64_t>(state.iterations() * kAppendBatch));
  l.reset();
  std::filesystem::remove_all(dir);
}
BENCHMARK(BM_AppendWithVerification)->Unit(benchmark::kMillisecond)->UseRealTime();

void BM_Replay(benchmark::State& state) {
  const auto notes = LongHistory(Counter(), "US", kReplayEvents);
  std::vector<ledger::Event> events;
  for (size_t i = 0; i < notes.size(); ++i) events.push_back(ledger::EventFromNotification(notes[i], i));
  std::vector<ledger::Ambiguity> found;
  for (auto _ : state) {
    forces::Declaration d;
    d.party = "US";
    ledger::ReplayEvents(events, &d, &found);
    benchmark::DoNotOptimize(d.items.size());
  }
  if (!found.empty()) state.SkipWithError(("replay flagged: " + found[0].message).c_str());
  state.SetItemsProcessed(static_cast<int64_t>(state.iterations() * events.size()));
}
BENCHMARK(BM_Replay)->Unit(benchmark::kMillisecond);

void BM_AsOfQueryOn1MLedger(benchmark::State& state) {
  auto l = BigLedger(Counter());
  if (!l) {
    state.SkipWithError("cannot build the benchmark ledger");
    return;
  }
  uint32_t seed = 12345;
  for (auto _ : state) {
    seed = seed * 1103515245u + 12345u;
    const Date d = Date::FromYmd(2011, 3, 1).AddDays(static_cast<int32_t>(seed % (365 * 15)));
    auto s = ledger::StateAsOf(*l, (seed & 1) ? "US" : "RU", d);
    if (!s.ok()) state.SkipWithError(s.status().message().c_str());
    benchmark::DoNotOptimize(s);
  }
  state.counters["ledger_size"] = static_cast<double>(l->Size().value());
}
BENCHMARK(BM_AsOfQueryOn1MLedger)->Unit(benchmark::kMillisecond)->Iterations(50);

void BM_DailyTimeline15Years(benchmark::State& state) {
  // The daily counts over 15 years from events already loaded: one count
  // per day with changes (every day here).
  const auto notes = LongHistory(Counter(), "US", 100'000);
  std::vector<ledger::Event> events;
  for (size_t i = 0; i < notes.size(); ++i) events.push_back(ledger::EventFromNotification(notes[i], i));
  const Date from = Date::FromYmd(2011, 2, 5), to = from.AddYears(15);
  for (auto _ : state) {
    auto rows = ledger::TimelineOf(events, Counter(), from, to);
    benchmark::DoNotOptimize(rows.size());
  }
  state.counters["days"] = static_cast<double>(to - from + 1);
}
BENCHMARK(BM_DailyTimeline15Years)->Unit(benchmark::kMillisecond);

}  // namespace
}  // namespace verity::bench

BENCHMARK_MAIN();
