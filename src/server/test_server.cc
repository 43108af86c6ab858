#include "server/test_server.h"

#include <gtest/gtest.h>
#include <unistd.h>

#include <atomic>
#include <filesystem>

#include "ledger/test_util.h"
#include "server/auth.h"
#include "server/ledger_setup.h"

namespace verity::server {

namespace {

std::string PublicHex(const ledger::SecretKey& k) {
  return ToHex(k.pub.bytes.data(), k.pub.bytes.size());
}

// A fresh data folder per test server of this process.
std::string FreshDataDir() {
  static std::atomic<int> counter{0};
  const auto dir =
      std::filesystem::temp_directory_path() /
      ("verity-server-test-" + std::to_string(::getpid()) + "-" + std::to_string(counter++));
  std::filesystem::remove_all(dir);
  return dir.string();
}

}  // namespace

std::string ScenarioDir() {
  return (std::filesystem::path(VERITY_SOURCE_DIR) / "src/server/testdata/scenarios").string();
}

const ledger::SecretKey& UsKey() {
  static const ledger::SecretKey k = ledger::testing::TestKey("US", 1);
  return k;
}

const ledger::SecretKey& RuKey() {
  static const ledger::SecretKey k = ledger::testing::TestKey("RU", 2);
  return k;
}

std::string TestConfigJson() {
  Json cfg = {
      {"treaty", "new-start"},
      {"parties",
       Json::array(
           {{{"id", "US"}, {"name", "United States"}, {"public_key", PublicHex(UsKey())}},
            {{"id", "RU"}, {"name", "Russian Federation"}, {"public_key", PublicHex(RuKey())}}})},
      {"tokens",
       Json::array({
           {{"role", "party"}, {"party", "US"}, {"sha256", HashToken(kUsToken)}},
           {{"role", "party"}, {"party", "RU"}, {"sha256", HashToken(kRuToken)}},
           {{"role", "observer"}, {"name", "press"}, {"sha256", HashToken(kObserverToken)}},
           {{"role", "admin"}, {"name", "ops"}, {"sha256", HashToken(kAdminToken)}},
       })},
  };
  return cfg.dump(1);
}

TestServer::TestServer(std::string web_dir, ServerLimits limits,
                       std::optional<http::TlsFiles> tls) {
  auto config = ParseServerConfig(TestConfigJson(), "test-config.json");
  if (!config.ok()) {
    ADD_FAILURE() << "test server config: " << config.status().ToString();
    return;
  }
  config->limits = limits;
  data_dir_ = FreshDataDir();
  auto deployment = Deployment::Open(std::move(*config), data_dir_, ScenarioDir());
  if (!deployment.ok()) {
    ADD_FAILURE() << "test deployment: " << deployment.status().ToString();
    return;
  }
  deployment_ = std::move(*deployment);
  deployment_->context().now = ledger::testing::TestNow;
  server_ = std::make_unique<Server>(
      ServerOptions{"127.0.0.1", 0, std::move(web_dir), std::move(tls)}, deployment_->context());
  Status s = server_->Start();
  if (!s.ok()) ADD_FAILURE() << "test server start: " << s.ToString();
}

TestServer::~TestServer() {
  if (server_) server_->Stop();
  server_.reset();
  deployment_.reset();
  std::error_code ec;
  if (!data_dir_.empty()) std::filesystem::remove_all(data_dir_, ec);
}

std::unique_ptr<httplib::Client> TestServer::Client() const {
  auto c = std::make_unique<httplib::Client>("127.0.0.1", port());
  c->set_connection_timeout(5);
  c->set_read_timeout(10);
  return c;
}

Json ResponseJson(const httplib::Result& res) {
  if (!res) return Json();
  auto j = ParseJson(res->body, "response");
  return j.ok() ? *j : Json(res->body);
}

httplib::Headers TestServer::Bearer(const std::string& token) {
  return {{"Authorization", "Bearer " + token}};
}

}  // namespace verity::server
