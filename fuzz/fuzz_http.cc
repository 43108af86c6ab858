// Fuzzes HTTP request handling in-process: the bytes of one request go
// through the HTTP layer's parser and checks (http/request.h) and, when they
// make a request, through the real router and handlers of a test
// deployment (a ledger in a temporary folder, the shipped treaty and series,
// tokens "fuzz-us", "fuzz-admin", "fuzz-observer"). Simulations are off, so
// no background work starts.
//
// Beyond "no crash": every answer is a status in 100..599 with a body that
// is valid UTF-8, and no request makes a 500 (an internal error is a bug).
#include <unistd.h>

#include <cstddef>
#include <cstdint>
#include <cstdlib>
#include <filesystem>
#include <string_view>

#include "core/text.h"
#include "http/request.h"
#include "ledger/test_util.h"
#include "server/config.h"
#include "server/deployment.h"
#include "server/server.h"

namespace {

using namespace verity;

std::string ConfigJson() {
  const auto& k = ledger::testing::TestKey("US", 1).pub;
  const Json cfg = {
      {"parties",
       Json::array({{{"id", "US"}, {"public_key", ToHex(k.bytes.data(), k.bytes.size())}},
                    {{"id", "RU"}}})},
      {"tokens", Json::array({
                     {{"role", "party"}, {"party", "US"}, {"sha256", server::HashToken("fuzz-us")}},
                     {{"role", "admin"}, {"sha256", server::HashToken("fuzz-admin")}},
                     {{"role", "observer"}, {"sha256", server::HashToken("fuzz-observer")}},
                 })},
      {"limits", {{"max_body_bytes", 65536}}}};
  return cfg.dump();
}

struct Target {
  Target() {
    dir = (std::filesystem::temp_directory_path() /
           ("verity-fuzz-http-" + std::to_string(::getpid())))
              .string();
    std::filesystem::remove_all(dir);
    auto config = server::ParseServerConfig(ConfigJson(), "fuzz-config");
    if (!config.ok()) std::abort();
    auto d = server::Deployment::Open(std::move(*config), dir, "data/scenarios");
    if (!d.ok()) std::abort();
    deployment = std::move(*d);
    deployment->context().jobs = nullptr;
    srv = std::make_unique<server::Server>(server::ServerOptions{}, deployment->context());
    limits = deployment->config().limits.ForHttp();
  }
  ~Target() {
    srv.reset();
    deployment.reset();
    std::filesystem::remove_all(dir);
  }
  std::string dir;
  std::unique_ptr<server::Deployment> deployment;
  std::unique_ptr<server::Server> srv;
  http::Limits limits;
};

Target* target = nullptr;

}  // namespace

// The deployment is loaded once, before the first input (and outside its
// time limit).
extern "C" int LLVMFuzzerInitialize(int*, char***) {
  static Target t;
  target = &t;
  return 0;
}

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  const std::string_view raw(reinterpret_cast<const char*>(data), size);
  const http::Parsed parsed = http::ParseRequest(raw, target->limits);
  if (!parsed.request) {
    if (FindInvalidUtf8(parsed.failure.message).has_value() || parsed.failure.status < 400)
      std::abort();
    return 0;
  }
  const http::Response r = target->srv->Serve(*parsed.request);
  if (r.status < 100 || r.status > 599 || r.status == 500) std::abort();
  if (r.content_type == "application/json" && FindInvalidUtf8(*r.body).has_value()) std::abort();
  return 0;
}
