// Witnessing: the cosigning round trip with two witnesses on loopback
// (p50/p99 of Collector::Collect), and a 1,000-entry batch append with
// witnessing on against off in the same run (goal: on <= 1.10 x off).
#include <benchmark/benchmark.h>

#include <algorithm>
#include <chrono>
#include <filesystem>
#include <memory>

#include "core/test_dir.h"
#include "http/server.h"
#include "ledger/checkpoint_note.h"
#include "ledger/keys.h"
#include "ledger/sample.h"
#include "ledger/store.h"
#include "ledger_bench_data.h"
#include "server/cosign.h"
#include "tlog/checkpoint.h"
#include "tlog/merkle.h"
#include "tlog/policy.h"
#include "witness/collector.h"
#include "witness/service.h"
#include "witness/store.h"

namespace verity::bench {
namespace {

constexpr std::string_view kOrigin = "verity.example/bench";

tlog::Signer Key(std::string_view name, tlog::SignatureType type, uint8_t fill) {
  tlog::Seed seed;
  seed.fill(fill);
  return std::move(tlog::Signer::FromSeed(name, type, seed)).value();
}

// A witness (SQLite store, service, HTTP server) on 127.0.0.1.
struct Witness {
  Witness(const std::string& name, uint8_t seed, const tlog::Verifier& log)
      : dir("bench-witness-" + name),
        key(Key("witness.example/" + name, tlog::SignatureType::kCosignatureV1, seed)) {
    store = std::move(witness::Store::Open(dir.Path("state"))).value();
    tlog::WitnessConfig config;
    config.keys.push_back(key);
    (void)config.logs.Add(log);
    service = std::make_unique<witness::Service>(std::move(config), store.get(), witness::Now);
    http::ServerOptions options;
    options.limits.max_body_bytes = witness::kMaxBodyBytes;
    server = std::make_unique<http::Server>(options, *service);
    (void)server->Start();
  }
  ~Witness() { server->Stop(); }
  std::string PolicyLine(const std::string& name) const {
    return "witness " + name + " " + key.verifier().ToString() +
           " http://127.0.0.1:" + std::to_string(server->port()) + "\n";
  }
  testing::TestDir dir;
  tlog::Signer key;
  std::unique_ptr<witness::Store> store;
  std::unique_ptr<witness::Service> service;
  std::unique_ptr<http::Server> server;
};

// Each iteration: the log grows by one leaf, signs a checkpoint and
// collects both cosignatures (consistency proof, two HTTP round trips in
// parallel, two SQLite commits with synchronous=FULL).
void BM_CosignRoundTrip(benchmark::State& state) {
  const tlog::Signer log = Key(kOrigin, tlog::SignatureType::kEd25519, 1);
  Witness us("us", 2, log.verifier()), ru("ru", 3, log.verifier());
  witness::Collector collector(tlog::ParsePolicy("log " + log.verifier().ToString() + "\n" +
                                                 us.PolicyLine("us") + ru.PolicyLine("ru") +
                                                 "group both all us ru\nquorum both\n")
                                   .value());
  std::vector<Hash256> leaves;
  std::vector<double> ms;
  for (auto _ : state) {
    leaves.push_back(tlog::LeafHash("entry-" + std::to_string(leaves.size())));
    const std::string note =
        *tlog::SignCheckpoint({std::string(kOrigin), leaves.size(), tlog::RootOf(leaves), {}}, log);
    const auto start = std::chrono::steady_clock::now();
    auto got = collector.Collect(note, [&](uint64_t old) -> StatusOr<std::vector<Hash256>> {
      return tlog::ConsistencyProof(leaves, old);
    });
    ms.push_back(std::chrono::duration<double, std::milli>(std::chrono::steady_clock::now() - start)
                     .count());
    if (!got.ok() || !got->verdict.quorum_met) {
      state.SkipWithError("the quorum was not met");
      return;
    }
  }
  std::sort(ms.begin(), ms.end());
  state.counters["p50_ms"] = ms[ms.size() / 2];
  state.counters["p99_ms"] = ms[std::min(ms.size() - 1, ms.size() * 99 / 100)];
}
BENCHMARK(BM_CosignRoundTrip)->Unit(benchmark::kMillisecond)->UseRealTime()->Iterations(300);

constexpr size_t kAppendEntries = 1000;
constexpr int kRounds = 10;

std::unique_ptr<ledger::Ledger> NewLedger(const std::string& dir) {
  std::filesystem::remove_all(dir);
  const std::vector<ledger::PublicKey> keys = {ledger::SampleKey("US").pub};
  (void)ledger::Ledger::Init(dir, keys, "verity.example/bench-append");
  return ledger::Ledger::Open(dir).value();
}

double Ms(std::chrono::steady_clock::time_point start) {
  return std::chrono::duration<double, std::milli>(std::chrono::steady_clock::now() - start)
      .count();
}

// Each iteration appends the same 1,000-entry batch to two ledgers: one
// without witnesses, one followed by the collection of both witnesses'
// cosignatures of its new checkpoint (what `ledger append --policy` does).
// The ratio of the two is the cost of witnessing (goal <= 1.10).
void BM_AppendWitnessingOnVsOff(benchmark::State& state) {
  const std::vector<ledger::Notification> notes = SignedMovements(kAppendEntries * kRounds);
  testing::TestDir dir("bench-append-witnessing");
  auto off = NewLedger(dir.Path("off"));
  auto on = NewLedger(dir.Path("on"));
  const tlog::Verifier log = ledger::LogNoteVerifier(*on);
  Witness us("append-us", 2, log), ru("append-ru", 3, log);
  witness::Collector collector(tlog::ParsePolicy("log " + log.ToString() + "\n" +
                                                 us.PolicyLine("us") + ru.PolicyLine("ru") +
                                                 "group both all us ru\nquorum both\n")
                                   .value());
  const server::LedgerAccess access = [&](const std::function<Status(ledger::Ledger&)>& fn) {
    return fn(*on);
  };
  const Timestamp now = Timestamp::StartOf(Date::FromYmd(2026, 1, 1));
  double off_ms = 0, on_ms = 0;
  size_t next = 0;
  for (auto _ : state) {
    const std::vector<ledger::Notification> batch(notes.begin() + next,
                                                  notes.begin() + next + kAppendEntries);
    next += kAppendEntries;
    auto start = std::chrono::steady_clock::now();
    if (!off->AppendParsed(batch, now).ok()) return state.SkipWithError("append failed");
    off_ms += Ms(start);
    start = std::chrono::steady_clock::now();
    if (!on->AppendParsed(batch, now).ok()) return state.SkipWithError("append failed");
    auto r = server::CosignCheckpoint(access, collector);
    on_ms += Ms(start);
    if (!r.ok() || !r->collection.verdict.quorum_met) return state.SkipWithError("no quorum");
  }
  state.counters["off_ms"] = off_ms / double(state.iterations());
  state.counters["on_ms"] = on_ms / double(state.iterations());
  state.counters["on_over_off"] = on_ms / off_ms;
}
BENCHMARK(BM_AppendWitnessingOnVsOff)
    ->Unit(benchmark::kMillisecond)
    ->UseRealTime()
    ->Iterations(kRounds);

}  // namespace
}  // namespace verity::bench

BENCHMARK_MAIN();
