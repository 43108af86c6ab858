#include "server/serve.h"

#include <pthread.h>
#include <signal.h>

#include <filesystem>
#include <memory>
#include <vector>

#include "forces/counter.h"
#include "forces/public_series.h"
#include "http/server.h"
#include "inspect/treaty_ledger.h"
#include "ledger/sample.h"
#include "server/config.h"
#include "server/cosign.h"
#include "server/deployment.h"
#include "server/ledger_setup.h"
#include "server/server.h"
#include "treaty/treaty.h"

namespace verity::server {
namespace {

namespace fs = std::filesystem;
constexpr const char* kConfigName = "server.json";
const Date kSampleFrom = Date::FromYmd(2011, 2, 5);  // entry into force
const Date kSampleTo = Date::FromYmd(2026, 2, 5);    // expiry: the whole regime

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

Status CheckTransport(const ServeOptions& o) {
  if (o.tls_cert.empty() != o.tls_key.empty()) {
    return InvalidArgument("--tls-cert and --tls-key go together: give both or neither");
  }
  if (!o.tls_cert.empty() || o.behind_tls_proxy || http::IsLoopback(o.bind)) return Status::Ok();
  return InvalidArgument("--bind " + o.bind +
                         ": refusing plain HTTP on a non-loopback address (API tokens would "
                         "cross the network in clear); give --tls-cert and --tls-key, or "
                         "--behind-tls-proxy when a proxy in front terminates HTTPS "
                         "(docs/api.md, \"HTTPS\")");
}

Status RunServe(const ServeOptions& o, std::ostream& out) {
  VERITY_RETURN_IF_ERROR(CheckTransport(o));
  VERITY_ASSIGN_OR_RETURN(ServerConfig config, LoadConfigFor(o));
  if (o.demo) VERITY_RETURN_IF_ERROR(EnsureDemoLedger(o.data_dir, config, out));
  VERITY_ASSIGN_OR_RETURN(std::unique_ptr<Deployment> deployment,
                          Deployment::Open(std::move(config), o.data_dir, o.scenario_dir));
  ServerOptions server_options{o.bind, o.port, FindDashboard(o.web_dir), std::nullopt};
  if (!o.tls_cert.empty()) server_options.tls = http::TlsFiles{o.tls_cert, o.tls_key};
  std::unique_ptr<Cosigner> cosigner;
  if (!o.policy_path.empty()) {
    VERITY_ASSIGN_OR_RETURN(PolicyFile policy, LoadPolicy(o.policy_path));
    LedgerHandle* handle = deployment->context().ledger;
    cosigner = std::make_unique<Cosigner>(
        [handle](const std::function<Status(ledger::Ledger&)>& fn) {
          std::lock_guard lock(handle->mu);
          return fn(*handle->ledger);
        },
        std::move(policy));
    deployment->context().cosigner = cosigner.get();
    cosigner->Notify();  // the newest checkpoint, if the witnesses lack it
  }
  const sigset_t stop_signals = BlockStopSignals();
  Server server(server_options, deployment->context());
  VERITY_RETURN_IF_ERROR(server.Start());
  out << "Serving Verity on " << (server_options.tls ? "https://" : "http://") << o.bind << ":"
      << server.port() << "/"
      << (server_options.web_dir.empty() ? " (API only: dashboard not built)" : "") << "\n";
  if (o.demo) PrintDemoTokens(out);
  out << "Press Ctrl-C to stop.\n" << std::flush;
  int signal_number = 0;
  sigwait(&stop_signals, &signal_number);
  out << "Stopping (signal " << signal_number << ")...\n" << std::flush;
  server.Stop();
  cosigner.reset();  // after the server: no handler notifies it any more
  pthread_sigmask(SIG_UNBLOCK, &stop_signals, nullptr);
  out << "Stopped.\n";
  return Status::Ok();
}

}  // namespace verity::server
