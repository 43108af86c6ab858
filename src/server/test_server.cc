#include "server/test_server.h"

#include <gtest/gtest.h>

#include "server/auth.h"

namespace verity::server {

std::string TestConfigJson() {
  Json cfg = {
      {"treaty", "new-start"},
      {"parties", Json::array({{{"id", "US"}, {"name", "United States"}},
                               {{"id", "RU"}, {"name", "Russian Federation"}}})},
      {"tokens", Json::array({
                     {{"role", "party"}, {"party", "US"}, {"sha256", HashToken(kUsToken)}},
                     {{"role", "party"}, {"party", "RU"}, {"sha256", HashToken(kRuToken)}},
                     {{"role", "observer"}, {"name", "press"}, {"sha256", HashToken(kObserverToken)}},
                     {{"role", "admin"}, {"name", "ops"}, {"sha256", HashToken(kAdminToken)}},
                 })},
  };
  return cfg.dump(1);
}

TestServer::TestServer(std::string web_dir, ServerLimits limits) {
  auto config = ParseServerConfig(TestConfigJson(), "test-config.json");
  auto treaty = treaty::LoadTreaty("new-start");
  auto series = forces::LoadPublicSeries();
  if (!config.ok() || !treaty.ok() || !series.ok()) {
    ADD_FAILURE() << "test server setup: " << config.status().ToString() << " / "
                  << treaty.status().ToString() << " / " << series.status().ToString();
    return;
  }
  config_ = std::move(*config);
  config_.limits = limits;
  treaty_ = std::move(*treaty);
  series_ = std::move(*series);
  context_ = ServerContext{&config_, &treaty_, &series_};
  server_ = std::make_unique<Server>(ServerOptions{"127.0.0.1", 0, std::move(web_dir)}, context_);
  Status s = server_->Start();
  if (!s.ok()) ADD_FAILURE() << "test server start: " << s.ToString();
}

TestServer::~TestServer() {
  if (server_) server_->Stop();
}

std::unique_ptr<httplib::Client> TestServer::Client() const {
  auto c = std::make_unique<httplib::Client>("127.0.0.1", port());
  c->set_connection_timeout(5);
  c->set_read_timeout(10);
  return c;
}

httplib::Headers TestServer::Bearer(const std::string& token) {
  return {{"Authorization", "Bearer " + token}};
}

}  // namespace verity::server
