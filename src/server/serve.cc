#include "server/serve.h"

#include <pthread.h>
#include <signal.h>

#include <filesystem>
#include <memory>
#include <vector>

#include "forces/counter.h"
#include "forces/public_series.h"
#include "inspect/treaty_ledger.h"
#include "ledger/sample.h"
#include "server/config.h"
#include "server/ledger_setup.h"
#include "server/server.h"
#include "treaty/treaty.h"

namespace verity::server {
namespace {

namespace fs = std::filesystem;
constexpr const char* kConfigName = "server.json";
constexpr size_t kMaxRunningSimulations = 2;
constexpr size_t kKeptSimulations = 100;
const Date kSampleFrom = Date::FromYmd(2011, 2, 5);  // entry into force
const Date kSampleTo = Date::FromYmd(2023, 3, 1);    // the last published exchange

StatusOr<ServerConfig> LoadConfigFor(const ServeOptions& o) {
  if (o.demo) return DemoConfig();
  if (!o.config_path.empty()) return LoadServerConfig(o.config_path);
  const fs::path fallback = fs::path(o.data_dir) / kConfigName;
  if (fs::exists(fallback)) return LoadServerConfig(fallback.string());
  return ServerConfig{};
}

// Blocks SIGINT and SIGTERM in this thread (and so in every thread it
// starts afterwards); the caller then waits for them with sigwait.
sigset_t BlockStopSignals() {
  sigset_t set;
  sigemptyset(&set);
  sigaddset(&set, SIGINT);
  sigaddset(&set, SIGTERM);
  pthread_sigmask(SIG_BLOCK, &set, nullptr);
  return set;
}

// The sample history of ledger/sample.h in `dir`, written on first use.
Status EnsureDemoLedger(const std::string& dir, const ServerConfig& config, std::ostream& out) {
  if (fs::exists(fs::path(dir) / ledger::kDatabaseFile)) return Status::Ok();
  out << "Writing the sample ledger into " << dir << " (once)...\n" << std::flush;
  VERITY_ASSIGN_OR_RETURN(
      ledger::SampleResult r,
      ledger::WriteSample(dir, kSampleFrom, kSampleTo, config.treaty, inspect::MakeTreatyFinder));
  out << r.Summary() << "\n";
  return Status::Ok();
}

void PrintDemoTokens(std::ostream& out) {
  out << "Demo tokens (public, for this demonstration only):\n";
  for (const DemoToken& t : DemoTokens()) {
    out << "  " << t.role << (t.party.empty() ? "" : " " + t.party) << ": " << t.token << "\n";
  }
}

}  // namespace

const std::vector<DemoToken>& DemoTokens() {
  static const std::vector<DemoToken> tokens = {{"party", "US", "demo-us"},
                                                {"party", "RU", "demo-ru"},
                                                {"observer", "", "demo-observer"},
                                                {"admin", "", "demo-admin"}};
  return tokens;
}

ServerConfig DemoConfig() {
  ServerConfig cfg;
  // The sample ledger's keys (ledger/sample.h), so the demo ledger verifies.
  for (const auto& [id, name] : {std::pair{"US", "United States"}, {"RU", "Russian Federation"}}) {
    const ledger::PublicKey k = ledger::SampleKey(id).pub;
    cfg.parties.push_back({id, name, ToHex(k.bytes.data(), k.bytes.size())});
  }
  for (const DemoToken& t : DemoTokens()) {
    TokenEntry e;
    e.digest = Sha256(t.token);
    e.principal.role = t.role == "party"      ? Role::kParty
                       : t.role == "observer" ? Role::kObserver
                                              : Role::kAdmin;
    e.principal.party = t.party;
    e.principal.name = t.party.empty() ? t.role : t.party;
    cfg.tokens.push_back(std::move(e));
  }
  return cfg;
}

std::string FindDashboard(const std::string& explicit_dir) {
  if (!explicit_dir.empty()) return explicit_dir;
  std::vector<fs::path> candidates;
  std::error_code ec;
  const fs::path exe = fs::read_symlink("/proc/self/exe", ec);
  if (!ec) candidates.push_back(exe.parent_path().parent_path() / "web");
  candidates.push_back("build/web");
  candidates.push_back("web/dist");
  for (const fs::path& dir : candidates) {
    if (fs::exists(dir / "index.html", ec)) return dir.string();
  }
  return "";
}

Status RunServe(const ServeOptions& o, std::ostream& out) {
  VERITY_ASSIGN_OR_RETURN(ServerConfig config, LoadConfigFor(o));
  VERITY_ASSIGN_OR_RETURN(treaty::Treaty treaty, treaty::LoadTreaty(config.treaty));
  VERITY_ASSIGN_OR_RETURN(std::vector<forces::PublicAggregate> series, forces::LoadPublicSeries());
  const forces::Counter counter(treaty);
  if (o.demo) VERITY_RETURN_IF_ERROR(EnsureDemoLedger(o.data_dir, config, out));
  LedgerHandle ledger;
  VERITY_ASSIGN_OR_RETURN(ledger.ledger, OpenServerLedger(o.data_dir, config, counter));

  JobTable jobs(kMaxRunningSimulations, kKeptSimulations);
  ServerContext context{&config, &treaty, &series, &ledger, &jobs, o.scenario_dir};
  context.counter = &counter;
  ServerOptions server_options{o.bind, o.port, FindDashboard(o.web_dir)};
  const sigset_t stop_signals = BlockStopSignals();
  Server server(server_options, context);
  VERITY_RETURN_IF_ERROR(server.Start());
  out << "Serving Verity on http://" << o.bind << ":" << server.port() << "/"
      << (server_options.web_dir.empty() ? " (API only: dashboard not built)" : "") << "\n";
  if (o.demo) PrintDemoTokens(out);
  out << "Press Ctrl-C to stop.\n" << std::flush;
  int signal_number = 0;
  sigwait(&stop_signals, &signal_number);
  out << "Stopping (signal " << signal_number << ")...\n" << std::flush;
  server.Stop();
  pthread_sigmask(SIG_UNBLOCK, &stop_signals, nullptr);
  out << "Stopped.\n";
  return Status::Ok();
}

}  // namespace verity::server
