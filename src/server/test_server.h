// A real Verity server on a free loopback port, for tests: two parties
// (US, RU), an observer and an admin, each with a known token, the shipped
// treaty and public series.
#ifndef VERITY_SERVER_TEST_SERVER_H_
#define VERITY_SERVER_TEST_SERVER_H_

#include <httplib.h>

#include <memory>
#include <string>
#include <vector>

#include "forces/counter.h"
#include "forces/public_series.h"
#include "ledger/keys.h"
#include "server/config.h"
#include "server/deployment.h"
#include "server/server.h"
#include "treaty/treaty.h"

namespace verity::server {

inline constexpr const char* kUsToken = "us-secret-token";
inline constexpr const char* kRuToken = "ru-secret-token";
inline constexpr const char* kObserverToken = "observer-secret-token";
inline constexpr const char* kAdminToken = "admin-secret-token";

// The parties' signing keys (deterministic) registered with the test ledger.
const ledger::SecretKey& UsKey();
const ledger::SecretKey& RuKey();

// The scenario folder the test server offers (src/server/testdata/scenarios).
std::string ScenarioDir();

// The configuration the test server uses, as JSON text (tokens hashed).
std::string TestConfigJson();

// The JSON body of a response; null if there was no response, the raw text
// as a JSON string if it is not JSON.
Json ResponseJson(const httplib::Result& res);

// A response's status and JSON body, as tests compare them.
struct Answer {
  int status = 0;
  Json body;
};

class TestServer {
 public:
  // Starts the server; fails the current test (ADD_FAILURE) if it cannot.
  explicit TestServer(std::string web_dir = "", ServerLimits limits = {},
                      std::optional<http::TlsFiles> tls = std::nullopt);
  ~TestServer();

  int port() const { return server_->port(); }
  const std::string& data_dir() const { return data_dir_; }
  const Server& server() const { return *server_; }
  Server& server() { return *server_; }
  std::unique_ptr<httplib::Client> Client() const;
  static httplib::Headers Bearer(const std::string& token);

 private:
  std::string data_dir_;
  std::unique_ptr<Deployment> deployment_;
  std::unique_ptr<Server> server_;
};

}  // namespace verity::server

#endif  // VERITY_SERVER_TEST_SERVER_H_
