// verity_submit_load: both parties submitting signed notifications
// concurrently to `verity serve` on loopback, for the load and fault tests.
//
//   verity_submit_load --port P --us-key US.key --ru-key RU.key
//       --us-token-file F --ru-token-file F [--clients 8] [--per-client 2000]
//       [--first-serial 1] [--acks FILE]
//
// Tokens come from files (their first line) or from the environment
// (VERITY_US_TOKEN, VERITY_RU_TOKEN), never from the command line.
//
// Half the clients submit for each party. A party's serials must arrive in
// order, so a client holds its party's turn from taking a serial until the
// answer; the two parties (and the server's work for them) run concurrently.
// Every acknowledged notification is appended to --acks as
// "PARTY SERIAL LEAF_INDEX" and flushed before the next request, so a test
// that kills the server knows exactly what was acknowledged.
// Exit 2 on bad arguments, 1 if any submission was refused.
#include <httplib.h>

#include <algorithm>
#include <atomic>
#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <fstream>
#include <iostream>
#include <mutex>
#include <string>
#include <thread>
#include <vector>

#include "core/json.h"
#include "ledger/keys.h"
#include "server/load_drafts.h"

namespace {

using Clock = std::chrono::steady_clock;
constexpr int kMaxClients = 64;
constexpr int kMaxPerClient = 1'000'000;

struct Party {
  verity::ledger::SecretKey key;
  std::string token;
  std::mutex turn;  // serials of one party go out in order
  int64_t next_serial = 1;
};

struct Shared {
  int port = 0;
  std::mutex acks_mu;
  std::ofstream acks;
  std::atomic<uint64_t> acked{0}, refused{0}, failed{0};
  std::mutex lat_mu;
  std::vector<double> latencies_ms;
};

void Client(Shared* s, Party* p, int count) {
  httplib::Client http("127.0.0.1", s->port);  // loopback only, by construction
  http.set_keep_alive(true);
  http.set_tcp_nodelay(true);
  http.set_read_timeout(30);
  const httplib::Headers headers = {{"Authorization", "Bearer " + p->token}};
  std::vector<double> lat;
  struct MergeOnExit {  // keeps the latencies of a client that stops early
    Shared* s;
    std::vector<double>* lat;
    ~MergeOnExit() {
      std::lock_guard lock(s->lat_mu);
      s->latencies_ms.insert(s->latencies_ms.end(), lat->begin(), lat->end());
    }
  } merge{s, &lat};
  for (int i = 0; i < count; ++i) {
    std::lock_guard turn(p->turn);
    const int64_t serial = p->next_serial;
    auto signed_json = verity::ledger::SignNotification(
        verity::server::DatedMovementDraft(p->key.pub.party, serial), p->key);
    if (!signed_json.ok()) {
      std::cerr << signed_json.status().ToString() << "\n";
      ++s->failed;
      return;
    }
    const auto t0 = Clock::now();
    auto res = http.Post("/api/v1/notifications", headers, signed_json->dump(), "application/json");
    lat.push_back(std::chrono::duration<double, std::milli>(Clock::now() - t0).count());
    if (!res) {  // the server went away (e.g. killed by a fault test)
      ++s->failed;
      return;
    }
    if (res->status != 201) {
      std::cerr << "refused " << p->key.pub.party << " " << serial << ": " << res->body << "\n";
      ++s->refused;
      return;
    }
    ++p->next_serial;
    ++s->acked;
    auto body = verity::ParseJson(res->body, "answer");
    std::lock_guard lock(s->acks_mu);
    if (s->acks.is_open()) {
      s->acks << p->key.pub.party << " " << serial << " "
              << (body.ok() ? body->at("leaf_index").dump() : "?") << "\n"
              << std::flush;
    }
  }
}

std::string Arg(int argc, char** argv, const std::string& name, const std::string& fallback) {
  for (int i = 1; i + 1 < argc; ++i) {
    if (argv[i] == name) return argv[i + 1];
  }
  return fallback;
}

// The first line of the file named by `option`, else $`env`, else "".
std::string Token(int argc, char** argv, const std::string& option, const char* env) {
  const std::string file = Arg(argc, argv, option, "");
  std::string token;
  if (!file.empty()) {
    std::ifstream in(file);
    std::getline(in, token);
    return token;
  }
  const char* value = std::getenv(env);
  return value == nullptr ? "" : value;
}

}  // namespace

int main(int argc, char** argv) {
  Shared s;
  s.port = std::atoi(Arg(argc, argv, "--port", "0").c_str());
  const int clients = std::atoi(Arg(argc, argv, "--clients", "8").c_str());
  const int per_client = std::atoi(Arg(argc, argv, "--per-client", "2000").c_str());
  const int64_t first = std::atoll(Arg(argc, argv, "--first-serial", "1").c_str());
  auto us = verity::ledger::LoadSecretKey(Arg(argc, argv, "--us-key", ""));
  auto ru = verity::ledger::LoadSecretKey(Arg(argc, argv, "--ru-key", ""));
  if (s.port <= 0 || clients < 2 || clients > kMaxClients || per_client < 1 ||
      per_client > kMaxPerClient || first < 1 || !us.ok() || !ru.ok()) {
    std::cerr << "usage: verity_submit_load --port P --us-key F --ru-key F --us-token-file F "
                 "--ru-token-file F "
                 "[--clients 2..64] [--per-client N] [--first-serial S] [--acks FILE]\n";
    if (!us.ok()) std::cerr << us.status().message() << "\n";
    return 2;
  }
  Party parties[2];
  parties[0].key = *us;
  parties[0].token = Token(argc, argv, "--us-token-file", "VERITY_US_TOKEN");
  parties[1].key = *ru;
  parties[1].token = Token(argc, argv, "--ru-token-file", "VERITY_RU_TOKEN");
  for (Party& p : parties) p.next_serial = first;
  const std::string acks = Arg(argc, argv, "--acks", "");
  if (!acks.empty()) s.acks.open(acks, std::ios::app);

  const auto start = Clock::now();
  std::vector<std::thread> threads;
  for (int c = 0; c < clients; ++c) threads.emplace_back(Client, &s, &parties[c % 2], per_client);
  for (std::thread& t : threads) t.join();
  const double seconds = std::chrono::duration<double>(Clock::now() - start).count();
  std::sort(s.latencies_ms.begin(), s.latencies_ms.end());
  auto pct = [&](double p) {
    return s.latencies_ms.empty()
               ? 0.0
               : s.latencies_ms[static_cast<size_t>(p * (s.latencies_ms.size() - 1))];
  };
  std::printf(
      "submitted by %d clients: acknowledged %llu, refused %llu, connection failures %llu, "
      "%.1f s, %.0f notifications/s, p50 %.2f ms, p99 %.2f ms\n",
      clients, static_cast<unsigned long long>(s.acked.load()),
      static_cast<unsigned long long>(s.refused.load()),
      static_cast<unsigned long long>(s.failed.load()), seconds, s.acked / seconds, pct(0.5),
      pct(0.99));
  return s.refused == 0 && s.failed == 0 ? 0 : 1;
}
