// verity_server_bench: the server under slow and keep-alive clients, the new
// HTTP layer (src/http, Boost.Beast) against the old one (cpp-httplib, see
// httplib_baseline.h) in the same run, both in front of the same router and
// domain. Loopback only; every loop is bounded in time. `make bench` runs it
// with the other build/bin/*_bench binaries (it ignores their --benchmark_*
// flags).
//
//   verity_server_bench [--rounds 3] [--seconds 4]
//
// Per round and server:
//   /health p50/p99 with 10 and with 100 slow clients connected (each sends
//     its header one byte per second); a probe is a fresh connection, given
//     up after 2 s (counted at 2 s);
//   the slowest request with 16 and 64 keep-alive clients reading
//     /public/aggregates back to back;
//   signed submissions per second (4 clients, both parties) without and
//     with 10 slow clients connected.
// Figures are printed per round, then as ranges over the rounds. The new
// server runs with room for 1,000 connections per address and a 60 s request
// deadline, so that the slow clients stay connected while it is measured.
#include <algorithm>
#include <atomic>
#include <chrono>
#include <cstdio>
#include <filesystem>
#include <map>
#include <memory>
#include <mutex>
#include <string>
#include <thread>
#include <vector>

#include "bench/httplib_baseline.h"
#include "http/test_client.h"
#include "ledger/keys.h"
#include "server/deployment.h"
#include "server/load_drafts.h"
#include "server/server.h"

namespace verity::bench {
namespace {

using Clock = std::chrono::steady_clock;
using http::testing::RawClient;
using http::testing::StatusOf;

constexpr int kProbeTimeoutMs = 2000;
constexpr int kProbes = 100;
constexpr double kMaxProbeSeconds = 12;
const char* const kTokens[] = {"bench-us", "bench-ru"};

double Ms(Clock::duration d) { return std::chrono::duration<double, std::milli>(d).count(); }

struct Latencies {
  std::vector<double> ms;
  int failed = 0;
  double Pct(double p) {
    if (ms.empty()) return 0;
    std::sort(ms.begin(), ms.end());
    return ms[std::min(ms.size() - 1, static_cast<size_t>(p * (ms.size() - 1) + 0.5))];
  }
};

// `n` connections that each hold a request open, sending one more header
// byte per second until destroyed.
class SlowClients {
 public:
  SlowClients(int port, int n) {
    for (int i = 0; i < n; ++i) {
      clients_.push_back(std::make_unique<RawClient>(port, 100));
      clients_.back()->Send("GET /api/v1/health HTTP/1.1\r\nHost: x\r\nX-Slow: ");
    }
    trickle_ = std::thread([this] {
      while (!stop_) {
        for (auto& c : clients_) c->Send("a");
        for (int i = 0; i < 10 && !stop_; ++i)
          std::this_thread::sleep_for(std::chrono::milliseconds(100));
      }
    });
    std::this_thread::sleep_for(std::chrono::milliseconds(300));  // let them connect
  }
  ~SlowClients() {
    stop_ = true;
    trickle_.join();
  }

 private:
  std::vector<std::unique_ptr<RawClient>> clients_;
  std::atomic<bool> stop_{false};
  std::thread trickle_;
};

Latencies ProbeHealth(int port) {
  Latencies out;
  const auto end = Clock::now() + std::chrono::duration<double>(kMaxProbeSeconds);
  for (int i = 0; i < kProbes && Clock::now() < end; ++i) {
    const auto t0 = Clock::now();
    RawClient c(port, kProbeTimeoutMs);
    c.Send("GET /api/v1/health HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n");
    const bool ok = StatusOf(c.ReadResponse()) == 200;
    out.ms.push_back(ok ? Ms(Clock::now() - t0) : kProbeTimeoutMs);
    out.failed += ok ? 0 : 1;
    std::this_thread::sleep_for(std::chrono::milliseconds(10));
  }
  return out;
}

Latencies KeepAlive(int port, int clients, int seconds) {
  Latencies out;
  std::mutex mu;
  std::vector<std::thread> threads;
  const auto end = Clock::now() + std::chrono::seconds(seconds);
  for (int i = 0; i < clients; ++i) {
    threads.emplace_back([&] {
      httplib::Client c("127.0.0.1", port);
      c.set_keep_alive(true);
      c.set_read_timeout(10);
      Latencies mine;
      while (Clock::now() < end) {
        const auto t0 = Clock::now();
        auto res = c.Get("/api/v1/public/aggregates");
        mine.ms.push_back(Ms(Clock::now() - t0));
        if (!res || res->status != 200) ++mine.failed;
      }
      std::lock_guard lock(mu);
      out.ms.insert(out.ms.end(), mine.ms.begin(), mine.ms.end());
      out.failed += mine.failed;
    });
  }
  for (auto& t : threads) t.join();
  return out;
}

struct Party {
  ledger::SecretKey key;
  std::string token;
  std::mutex turn;
  int64_t next_serial = 1;
};

// Signed submissions per second by 4 clients (2 per party) for `seconds`.
double SubmitRate(int port, Party* parties, int seconds) {
  std::atomic<int64_t> acked{0};
  const auto start = Clock::now();
  const auto end = start + std::chrono::seconds(seconds);
  std::vector<std::thread> threads;
  for (int i = 0; i < 4; ++i) {
    threads.emplace_back([&, p = &parties[i % 2]] {
      httplib::Client c("127.0.0.1", port);
      c.set_keep_alive(true);
      c.set_read_timeout(std::chrono::seconds(seconds + 1));
      const httplib::Headers auth = {{"Authorization", "Bearer " + p->token}};
      while (Clock::now() < end) {
        std::lock_guard turn(p->turn);
        auto n = ledger::SignNotification(
            server::DatedMovementDraft(p->key.pub.party, p->next_serial), p->key);
        auto res = c.Post("/api/v1/notifications", auth, n->dump(), "application/json");
        if (!res || res->status != 201) continue;
        ++p->next_serial;
        ++acked;
      }
    });
  }
  for (auto& t : threads) t.join();
  return static_cast<double>(acked) / std::chrono::duration<double>(Clock::now() - start).count();
}

std::string ConfigJson(Party* parties) {
  Json cfg = {{"parties", Json::array()},
              {"tokens", Json::array()},
              {"limits", {{"max_connections_per_client", 1000}, {"request_timeout_ms", 60'000}}}};
  for (int i = 0; i < 2; ++i) {
    const auto& k = parties[i].key.pub;
    cfg["parties"].push_back(
        {{"id", k.party}, {"public_key", ToHex(k.bytes.data(), k.bytes.size())}});
    cfg["tokens"].push_back(
        {{"role", "party"}, {"party", k.party}, {"sha256", server::HashToken(parties[i].token)}});
  }
  return cfg.dump();
}

// One server under test: its own ledger, the new or the old HTTP layer.
struct Subject {
  std::string name;
  std::string dir;
  Party parties[2];
  std::unique_ptr<server::Deployment> deployment;
  std::unique_ptr<server::Server> server;
  std::unique_ptr<HttplibBaseline> baseline;
  int port = 0;
};

bool Open(Subject* s, bool old_layer) {
  s->name = old_layer ? "cpp-httplib" : "beast";
  s->dir = (std::filesystem::temp_directory_path() / ("verity-server-bench-" + s->name)).string();
  std::filesystem::remove_all(s->dir);
  for (int i = 0; i < 2; ++i) {
    s->parties[i].key = ledger::testing::TestKey(i == 0 ? "US" : "RU", static_cast<uint8_t>(i + 1));
    s->parties[i].token = kTokens[i];
  }
  auto config = server::ParseServerConfig(ConfigJson(s->parties), "bench");
  if (!config.ok()) return false;
  auto d = server::Deployment::Open(std::move(*config), s->dir, "data/scenarios");
  if (!d.ok()) {
    std::fprintf(stderr, "%s\n", d.status().ToString().c_str());
    return false;
  }
  s->deployment = std::move(*d);
  s->server = std::make_unique<server::Server>(
      server::ServerOptions{"127.0.0.1", 0, "", std::nullopt}, s->deployment->context());
  if (old_layer) {
    s->baseline = std::make_unique<HttplibBaseline>(*s->server);
    s->port = s->baseline->Start();
    return s->port > 0;
  }
  if (!s->server->Start().ok()) return false;
  s->port = s->server->port();
  return true;
}

using Figures = std::map<std::string, double>;

Figures Round(Subject& s, int seconds) {
  Figures f;
  for (int slow : {10, 100}) {
    SlowClients held(s.port, slow);
    Latencies l = ProbeHealth(s.port);
    const std::string k = "health, " + std::to_string(slow) + " slow: ";
    f[k + "p50 ms"] = l.Pct(0.5);
    f[k + "p99 ms"] = l.Pct(0.99);
    f[k + "unanswered %"] = 100.0 * l.failed / std::max<size_t>(1, l.ms.size());
  }
  for (int clients : {16, 64}) {
    Latencies l = KeepAlive(s.port, clients, seconds);
    const std::string k = "keep-alive, " + std::to_string(clients) + " clients: ";
    f[k + "max ms"] = l.Pct(1.0);
    f[k + "p99 ms"] = l.Pct(0.99);
    f[k + "req/s"] = static_cast<double>(l.ms.size() - l.failed) / seconds;
  }
  const double plain = SubmitRate(s.port, s.parties, seconds);
  double slowed = 0;
  {
    SlowClients held(s.port, 10);
    slowed = SubmitRate(s.port, s.parties, seconds);
  }
  f["submissions/s"] = plain;
  f["submissions/s, 10 slow"] = slowed;
  f["submissions with 10 slow / without %"] = plain > 0 ? 100 * slowed / plain : 0;
  return f;
}

void Print(const std::string& title, const std::vector<Figures>& rounds) {
  std::printf("\n%s (%zu rounds: min .. max)\n", title.c_str(), rounds.size());
  for (const auto& [key, unused] : rounds.front()) {
    double lo = 1e300, hi = -1e300;
    for (const Figures& r : rounds) {
      lo = std::min(lo, r.at(key));
      hi = std::max(hi, r.at(key));
    }
    std::printf("  %-46s %10.2f .. %-10.2f\n", key.c_str(), lo, hi);
  }
}

}  // namespace
}  // namespace verity::bench

int main(int argc, char** argv) {
  using namespace verity::bench;
  int rounds = 3, seconds = 4;
  for (int i = 1; i + 1 < argc; i += 2) {
    const std::string a = argv[i];
    if (a == "--rounds") rounds = std::clamp(std::atoi(argv[i + 1]), 1, 20);
    if (a == "--seconds") seconds = std::clamp(std::atoi(argv[i + 1]), 1, 30);
  }
  Subject beast, old;
  if (!Open(&beast, false) || !Open(&old, true)) {
    std::fprintf(stderr, "verity_server_bench: cannot start the servers\n");
    return 1;
  }
  std::vector<Figures> fb, fo;
  for (int r = 1; r <= rounds; ++r) {
    std::printf("round %d/%d ...\n", r, rounds);
    std::fflush(stdout);
    fb.push_back(Round(beast, seconds));
    fo.push_back(Round(old, seconds));
  }
  Print("new HTTP layer (Boost.Beast, src/http)", fb);
  Print("old HTTP layer (cpp-httplib 0.11, 8 threads)", fo);
  for (Subject* s : {&beast, &old}) {
    s->baseline.reset();
    s->server.reset();
    s->deployment.reset();
    std::filesystem::remove_all(s->dir);
  }
  return 0;
}
