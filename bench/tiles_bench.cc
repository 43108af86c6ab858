// Tiles benchmarks (docs/ledger-format.md, "Tiles" and "Mirrors"), ratios
// within one run:
//  - export-tiles of a 20,000-entry ledger, in entries per second;
//  - mirror verify of the same tree from its files (every tile recomputed,
//    every party signature checked), in entries per second, interleaved
//    with raw libsodium verification of the same signatures: goal >= 80%
//    of raw (BM_MirrorVerifyAgainstRawVerify, `cpu_ratio`);
//  - single-notification submissions (one append, one signed tree head and
//    checkpoint note each) per second on one core: goal >= 480/s, twice
//    Tessera's published POSIX figure of about 2,900 writes/s on 12 cores.
#include <benchmark/benchmark.h>
#include <time.h>

#include <filesystem>

#include "ledger/checkpoint_note.h"
#include "ledger/keys.h"
#include "ledger/mirror.h"
#include "ledger/sample.h"
#include "ledger/store.h"
#include "ledger/tile_export.h"
#include "ledger_bench_data.h"

namespace verity::bench {
namespace {

namespace fs = std::filesystem;
constexpr size_t kEntries = 20'000;
constexpr size_t kTilesBatch = 1000;

double ThreadCpuSeconds() {
  timespec ts{};
  clock_gettime(CLOCK_THREAD_CPUTIME_ID, &ts);
  return static_cast<double>(ts.tv_sec) + 1e-9 * static_cast<double>(ts.tv_nsec);
}

Timestamp Now() { return Timestamp::StartOf(Date::FromYmd(2026, 1, 1)); }

std::string TempPath(const std::string& name) {
  return (fs::temp_directory_path() / ("verity-bench-" + name)).string();
}

// A ledger of kEntries signed movements in batches of kTilesBatch, and its tiles.
struct Tree {
  std::string data = TempPath("tiles-data"), out = TempPath("tiles-out");
  std::vector<ledger::Notification> notes = SignedMovements(kEntries);
  std::unique_ptr<ledger::Ledger> ledger;
  ledger::MirrorTrust trust;

  Tree() {
    fs::remove_all(data);
    fs::remove_all(out);
    const std::vector<ledger::PublicKey> keys = {ledger::SampleKey("US").pub};
    (void)ledger::Ledger::Init(data, keys);
    ledger = ledger::Ledger::Open(data).value();
    for (size_t i = 0; i < kEntries; i += kTilesBatch) {
      std::vector<ledger::Notification> batch(notes.begin() + static_cast<long>(i),
                                              notes.begin() + static_cast<long>(i + kTilesBatch));
      (void)ledger->AppendParsed(std::move(batch), Now());
    }
    (void)ledger::ExportTiles(*ledger, out);
    const std::string vkey = ledger::LogNoteVerifier(*ledger).ToString();
    trust.policy = tlog::ParsePolicy("log " + vkey + "\nquorum none\n").value();
  }
  ~Tree() {
    ledger.reset();
    fs::remove_all(data);
    fs::remove_all(out);
  }
};

Tree& SharedTree() {
  static Tree* t = new Tree();
  return *t;
}

void BM_ExportTiles(benchmark::State& state) {
  Tree& t = SharedTree();
  const std::string out = TempPath("tiles-export");
  for (auto _ : state) {
    state.PauseTiming();
    fs::remove_all(out);
    state.ResumeTiming();
    auto r = ledger::ExportTiles(*t.ledger, out);
    if (!r.ok()) state.SkipWithError(r.status().message().c_str());
  }
  state.SetItemsProcessed(static_cast<int64_t>(state.iterations() * kEntries));
  fs::remove_all(out);
}
BENCHMARK(BM_ExportTiles)->Unit(benchmark::kMillisecond)->UseRealTime();

void BM_MirrorVerify(benchmark::State& state) {
  Tree& t = SharedTree();
  for (auto _ : state) {
    ledger::DirectoryMirror m(t.out);
    auto r = ledger::VerifyMirror(m, t.trust);
    if (!r.ok() || !r->ok()) state.SkipWithError("the mirror does not verify");
  }
  state.SetItemsProcessed(static_cast<int64_t>(state.iterations() * kEntries));
}
BENCHMARK(BM_MirrorVerify)->Unit(benchmark::kMillisecond)->UseRealTime();

// Raw verification of every signature, then the mirror check, alternating
// in each iteration and timed in this thread's CPU time (steadier than two
// separate benchmarks on a shared machine). `cpu_ratio` is mirror-verify
// throughput over raw Ed25519 throughput (goal >= 0.8).
void BM_MirrorVerifyAgainstRawVerify(benchmark::State& state) {
  Tree& t = SharedTree();
  std::vector<std::string> messages;
  for (const auto& n : t.notes) messages.push_back(n.SigningBytes());
  const ledger::PublicKey pub = ledger::SampleKey("US").pub;
  double raw = 0, mirror = 0;
  for (auto _ : state) {
    const double c0 = ThreadCpuSeconds();
    for (size_t k = 0; k < t.notes.size(); ++k) {
      benchmark::DoNotOptimize(ledger::VerifyBytes(pub, messages[k], t.notes[k].signature));
    }
    const double c1 = ThreadCpuSeconds();
    ledger::DirectoryMirror m(t.out);
    auto r = ledger::VerifyMirror(m, t.trust);
    const double c2 = ThreadCpuSeconds();
    if (!r.ok() || !r->ok()) state.SkipWithError("the mirror does not verify");
    raw += c1 - c0;
    mirror += c2 - c1;
  }
  const double n = static_cast<double>(state.iterations() * kEntries);
  state.counters["raw_per_s"] = n / raw;
  state.counters["mirror_per_s"] = n / mirror;
  state.counters["cpu_ratio"] = raw / mirror;
}
BENCHMARK(BM_MirrorVerifyAgainstRawVerify)->Unit(benchmark::kMillisecond);

// One notification per append, as a party's client submits them: each
// commits (synchronous=FULL) with its own signed tree head and note.
void BM_SingleSubmission(benchmark::State& state) {
  const std::string dir = TempPath("tiles-single");
  const auto notes = SignedMovements(20'000);
  fs::remove_all(dir);
  const std::vector<ledger::PublicKey> keys = {ledger::SampleKey("US").pub};
  (void)ledger::Ledger::Init(dir, keys);
  auto l = ledger::Ledger::Open(dir).value();
  size_t next = 0;
  double cpu = 0;
  for (auto _ : state) {
    if (next == notes.size()) state.SkipWithError("out of notifications");
    const double c0 = ThreadCpuSeconds();
    auto r = l->AppendParsed({notes[next++]}, Now());
    cpu += ThreadCpuSeconds() - c0;
    if (!r.ok()) state.SkipWithError(r.status().message().c_str());
  }
  state.SetItemsProcessed(static_cast<int64_t>(state.iterations()));
  state.counters["per_core_cpu_s"] = static_cast<double>(state.iterations()) / cpu;
  l.reset();
  fs::remove_all(dir);
}
BENCHMARK(BM_SingleSubmission)->Unit(benchmark::kMicrosecond)->UseRealTime()->Iterations(3000);

}  // namespace
}  // namespace verity::bench

BENCHMARK_MAIN();
