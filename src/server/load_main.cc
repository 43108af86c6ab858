// verity_load: a bounded load generator for `verity serve`, loopback only.
//
//   verity_load --port P [--path /api/v1/public/aggregates] [--clients 8]
//               [--seconds 5] [--token-file F]
//
// A token is read from --token-file or the environment (VERITY_TOKEN),
// never from the command line, where other users could see it.
//
// Each client is a thread with one keep-alive connection issuing GETs back
// to back. Prints requests/s, error count and latency percentiles (JSON with
// --json). Exit 2 on bad arguments, 1 if any request failed.
#include <httplib.h>

#include <algorithm>
#include <atomic>
#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <fstream>
#include <iostream>
#include <string>
#include <thread>
#include <vector>

namespace {

using Clock = std::chrono::steady_clock;
constexpr int kMaxClients = 256;
constexpr int kMaxSeconds = 120;

struct Options {
  int port = 0;
  std::string path = "/api/v1/public/aggregates";
  int clients = 8;
  int seconds = 5;
  std::string token_file;
  std::string token;
  bool json = false;
};

// The token of --token-file (its first line) or of $VERITY_TOKEN; false if
// the file cannot be read.
bool ReadToken(Options* o) {
  if (o->token_file.empty()) {
    const char* env = std::getenv("VERITY_TOKEN");
    o->token = env == nullptr ? "" : env;
    return true;
  }
  std::ifstream in(o->token_file);
  return static_cast<bool>(std::getline(in, o->token));
}

struct ClientStats {
  std::vector<double> latencies_ms;
  uint64_t errors = 0;
};

bool ParseArgs(int argc, char** argv, Options* o) {
  for (int i = 1; i < argc; ++i) {
    const std::string a = argv[i];
    auto next = [&]() -> const char* { return i + 1 < argc ? argv[++i] : nullptr; };
    const char* v = nullptr;
    if (a == "--json") {
      o->json = true;
      continue;
    }
    if ((v = next()) == nullptr) return false;
    if (a == "--port")
      o->port = std::atoi(v);
    else if (a == "--path")
      o->path = v;
    else if (a == "--clients")
      o->clients = std::atoi(v);
    else if (a == "--seconds")
      o->seconds = std::atoi(v);
    else if (a == "--token-file")
      o->token_file = v;
    else
      return false;
  }
  return o->port > 0 && o->port < 65536 && o->clients >= 1 && o->clients <= kMaxClients &&
         o->seconds >= 1 && o->seconds <= kMaxSeconds && !o->path.empty() && o->path[0] == '/';
}

void RunClient(const Options& o, Clock::time_point end, ClientStats* stats) {
  httplib::Client client("127.0.0.1", o.port);  // loopback only, by construction
  client.set_keep_alive(true);
  client.set_tcp_nodelay(true);
  httplib::Headers headers;
  if (!o.token.empty()) headers.emplace("Authorization", "Bearer " + o.token);
  while (Clock::now() < end) {
    const auto t0 = Clock::now();
    auto res = client.Get(o.path, headers);
    const auto t1 = Clock::now();
    if (!res || res->status != 200) {
      ++stats->errors;
      continue;
    }
    stats->latencies_ms.push_back(std::chrono::duration<double, std::milli>(t1 - t0).count());
  }
}

double Percentile(const std::vector<double>& sorted, double p) {
  if (sorted.empty()) return 0;
  const size_t i = std::min(sorted.size() - 1, static_cast<size_t>(p * (sorted.size() - 1) + 0.5));
  return sorted[i];
}

}  // namespace

int main(int argc, char** argv) {
  Options o;
  if (!ParseArgs(argc, argv, &o) || !ReadToken(&o)) {
    std::cerr << "usage: verity_load --port P [--path /api/v1/...] [--clients 1..256] "
                 "[--seconds 1..120] [--token-file F] [--json]  (or VERITY_TOKEN=...)\n";
    return 2;
  }
  std::vector<ClientStats> stats(static_cast<size_t>(o.clients));
  std::vector<std::thread> threads;
  const auto start = Clock::now();
  const auto end = start + std::chrono::seconds(o.seconds);
  for (ClientStats& s : stats) threads.emplace_back(RunClient, std::cref(o), end, &s);
  for (std::thread& t : threads) t.join();
  const double elapsed = std::chrono::duration<double>(Clock::now() - start).count();
  std::vector<double> all;
  uint64_t errors = 0;
  for (const ClientStats& s : stats) {
    all.insert(all.end(), s.latencies_ms.begin(), s.latencies_ms.end());
    errors += s.errors;
  }
  std::sort(all.begin(), all.end());
  const double rps = static_cast<double>(all.size()) / elapsed;
  char line[512];
  if (o.json) {
    std::snprintf(
        line, sizeof line,
        "{\"path\":\"%s\",\"clients\":%d,\"seconds\":%.2f,\"requests\":%zu,\"errors\":%llu,"
        "\"requests_per_second\":%.0f,\"p50_ms\":%.3f,\"p99_ms\":%.3f,\"max_ms\":%.3f}\n",
        o.path.c_str(), o.clients, elapsed, all.size(), static_cast<unsigned long long>(errors),
        rps, Percentile(all, 0.50), Percentile(all, 0.99), all.empty() ? 0 : all.back());
  } else {
    std::snprintf(line, sizeof line,
                  "GET %s  clients %d  %.1f s  requests %zu  errors %llu  %.0f req/s  "
                  "p50 %.2f ms  p99 %.2f ms  max %.2f ms\n",
                  o.path.c_str(), o.clients, elapsed, all.size(),
                  static_cast<unsigned long long>(errors), rps, Percentile(all, 0.50),
                  Percentile(all, 0.99), all.empty() ? 0 : all.back());
  }
  std::cout << line;
  return errors == 0 ? 0 : 1;
}
