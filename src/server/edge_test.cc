// Hostile bytes at the edge of the API, over a real server: invalid UTF-8
// wherever a request carries text, wrong methods, header and connection
// limits, slow clients, TLS, and what an error may show.
#include <gtest/gtest.h>

#include <filesystem>
#include <memory>
#include <vector>

#include "core/json.h"
#include "http/test_client.h"
#include "ledger/keys.h"
#include "ledger/test_util.h"
#include "ledger/tree_head.h"
#include "server/serve.h"
#include "server/test_server.h"

namespace verity::server {
namespace {

using http::testing::BodyOf;
using http::testing::HeaderOf;
using http::testing::RawClient;
using http::testing::StatusOf;

struct RawAnswer {
  int status = 0;
  Json body;
  std::string raw;
};

// Sends `request` as raw bytes ("Host" and "Connection: close" added).
RawAnswer SendRaw(const TestServer& ts, const std::string& request_line,
                  const std::string& rest = "", const std::string& body = "") {
  RawClient c(ts.port());
  std::string req = request_line + "\r\nHost: x\r\nConnection: close\r\n" + rest;
  if (!body.empty()) req += "Content-Length: " + std::to_string(body.size()) + "\r\n";
  c.Send(req + "\r\n" + body);
  RawAnswer a;
  a.raw = c.ReadResponse();
  a.status = StatusOf(a.raw);
  auto j = ParseJson(BodyOf(a.raw), "answer");
  a.body = j.ok() ? *j : Json(nullptr);
  return a;
}

std::string MessageOf(const RawAnswer& a) {
  return a.body.is_object() ? a.body.value("message", "") : "not JSON: " + a.raw;
}

TEST(EdgeTest, InvalidUtf8InAnUnknownPathIs400AndTheServerLives) {
  TestServer ts;
  const RawAnswer a = SendRaw(ts, "GET /%ff HTTP/1.1");
  EXPECT_EQ(a.status, 400) << a.raw;
  EXPECT_EQ(a.body.at("code"), "malformed_request");
  EXPECT_EQ(MessageOf(a), "path: invalid UTF-8 at byte 1 (FF): invalid byte");
  EXPECT_EQ(SendRaw(ts, "GET /api/v1/health HTTP/1.1").status, 200);
}

TEST(EdgeTest, InvalidUtf8IsRefusedWhereverItIsAndNamed) {
  TestServer ts;
  const std::string auth = std::string("Authorization: Bearer ") + kAdminToken + "\r\n";
  struct Case {
    std::string line, headers, body, where;
  };
  const Case cases[] = {
      {"GET /api/v1/ledger/entries/%ff HTTP/1.1", auth, "", "path: invalid UTF-8"},
      {"GET /api/v1/parties/%c0%80/state HTTP/1.1", auth, "", "path: invalid UTF-8"},
      {"GET /api/v1/public/aggregates?from=%ed%a0%80 HTTP/1.1", "", "",
       "query parameter 'from': invalid UTF-8"},
      {"GET /api/v1/public/aggregates?party=US&%ff=1 HTTP/1.1", "", "",
       "query parameter name: invalid UTF-8"},
      {"GET /api/v1/health HTTP/1.1", "X-Trace: ab\xfe\r\n", "", "header 'x-trace': invalid UTF-8"},
      {"GET /api/v1/whoami HTTP/1.1", "Authorization: Bearer \xff\xff\r\n", "",
       "header 'authorization': invalid UTF-8"},
      {"POST /api/v1/notifications HTTP/1.1",
       std::string("Authorization: Bearer ") + kUsToken + "\r\nContent-Type: application/json\r\n",
       "{\"party\": \"U\xffS\"}", "request body: invalid UTF-8 at byte 12"},
      {"POST /api/v1/simulations HTTP/1.1", auth, "{\"scenario\": \"\xc3\"}",
       "request body: invalid UTF-8"},
  };
  for (const Case& c : cases) {
    const RawAnswer a = SendRaw(ts, c.line, c.headers, c.body);
    EXPECT_EQ(a.status, 400) << c.line << "\n" << a.raw;
    EXPECT_EQ(a.body.value("code", ""), "malformed_request") << c.line;
    EXPECT_EQ(MessageOf(a).rfind(c.where, 0), 0u) << c.line << ": " << MessageOf(a);
  }
  const Json size =
      ResponseJson(ts.Client()->Get("/api/v1/ledger/entries", TestServer::Bearer(kAdminToken)));
  EXPECT_EQ(size.at("tree_size"), 0);
}

TEST(EdgeTest, AWrongMethodOnAKnownPathIs405WithAllow) {
  TestServer ts;
  struct Case {
    std::string line, allow;
  };
  for (const Case& c : {Case{"POST /api/v1/health HTTP/1.1", "GET"},
                        Case{"DELETE /api/v1/notifications HTTP/1.1", "POST"},
                        Case{"PUT /api/v1/simulations HTTP/1.1", "POST"},
                        Case{"DELETE /api/v1/ledger/entries/3 HTTP/1.1", "GET"}}) {
    const RawAnswer a = SendRaw(ts, c.line);
    EXPECT_EQ(a.status, 405) << c.line;
    EXPECT_EQ(a.body.at("code"), "method_not_allowed") << c.line;
    EXPECT_EQ(HeaderOf(a.raw, "Allow"), c.allow) << c.line;
  }
  EXPECT_EQ(SendRaw(ts, "DELETE /api/v1/no-such HTTP/1.1").status, 404);
}

TEST(EdgeTest, TheBearerSchemeIsMatchedInAnyCase) {
  TestServer ts;
  for (const char* scheme : {"bearer", "BEARER", "Bearer"}) {
    auto res = ts.Client()->Get("/api/v1/whoami",
                                {{"Authorization", std::string(scheme) + " " + kObserverToken}});
    ASSERT_TRUE(res);
    EXPECT_EQ(res->status, 200) << scheme;
    EXPECT_EQ(ResponseJson(res).at("role"), "observer") << scheme;
  }
}

TEST(EdgeTest, OversizedHeadersAre431AsJson) {
  TestServer ts;
  const RawAnswer big =
      SendRaw(ts, "GET /api/v1/health HTTP/1.1", "X-Big: " + std::string(20'000, 'a') + "\r\n");
  EXPECT_EQ(big.status, 431);
  EXPECT_EQ(big.body.at("code"), "headers_too_large");
  std::string many;
  for (int i = 0; i < 80; ++i) many += "X-" + std::to_string(i) + ": v\r\n";
  const RawAnswer count = SendRaw(ts, "GET /api/v1/health HTTP/1.1", many);
  EXPECT_EQ(count.status, 431);
  EXPECT_EQ(MessageOf(count), "more than 64 header fields");
}

TEST(EdgeTest, ConnectionsBeyondThePerClientLimitGet503AndAreClosed) {
  ServerLimits limits;
  limits.max_connections_per_client = 2;
  TestServer ts("", limits);
  RawClient a(ts.port()), b(ts.port());
  a.Send("GET /api/v1/health HTTP/1.1\r\nHost: x\r\n\r\n");
  b.Send("GET /api/v1/health HTTP/1.1\r\nHost: x\r\n\r\n");
  ASSERT_EQ(StatusOf(a.ReadResponse()), 200);
  ASSERT_EQ(StatusOf(b.ReadResponse()), 200);
  RawClient c(ts.port());
  const std::string refused = c.ReadResponse();
  EXPECT_EQ(StatusOf(refused), 503);
  EXPECT_EQ(ParseJson(BodyOf(refused), "r")->at("code"), "unavailable");
  EXPECT_TRUE(c.ClosedByPeer());
}

// 40 clients hold half-sent requests; the deadline is long, so they stay
// connected: /health and a public read still answer.
TEST(EdgeTest, HealthAndPublicReadsAnswerWhileSlowClientsAreConnected) {
  ServerLimits limits;
  limits.threads = 2;
  limits.request_timeout_ms = 60'000;
  TestServer ts("", limits);
  std::vector<std::unique_ptr<RawClient>> slow;
  for (int i = 0; i < 40; ++i) {
    slow.push_back(std::make_unique<RawClient>(ts.port()));
    ASSERT_TRUE(slow.back()->Send("GET /api/v1/health HTTP/1.1\r\nX-Slow: a"));
  }
  EXPECT_EQ(SendRaw(ts, "GET /api/v1/health HTTP/1.1").status, 200);
  EXPECT_EQ(SendRaw(ts, "GET /api/v1/public/aggregates HTTP/1.1").status, 200);
}

TEST(EdgeTest, AnonymousErrorsShowNoFilesystemPath) {
  TestServer ts;
  const RawAnswer head = SendRaw(ts, "GET /api/v1/ledger/head HTTP/1.1");  // the ledger is empty
  EXPECT_EQ(head.status, 404);
  EXPECT_EQ(MessageOf(head), "the ledger is empty (no signed tree head yet)");
  for (const std::string line : {"GET /api/v1/ledger/head HTTP/1.1", "GET /nope HTTP/1.1",
                                 "GET /api/v1/analysis/upload?declaration=/etc/passwd HTTP/1.1",
                                 "POST /api/v1/notifications HTTP/1.1"}) {
    const RawAnswer a = SendRaw(ts, line);
    EXPECT_GE(a.status, 400) << line;
    EXPECT_EQ(a.raw.find(ts.data_dir()), std::string::npos) << line << ": " << a.raw;
    EXPECT_EQ(a.raw.find(std::filesystem::temp_directory_path().string()), std::string::npos)
        << line;
  }
}

TEST(EdgeTest, TheHeadCarriesTheLogPublicKeyThatVerifiesIt) {
  TestServer ts;
  auto n = ledger::SignNotification(ledger::testing::MovementDraft("US", 1), UsKey()).value();
  ASSERT_EQ(ts.Client()
                ->Post("/api/v1/notifications", TestServer::Bearer(kUsToken), n.dump(),
                       "application/json")
                ->status,
            201);
  const Json head = ResponseJson(ts.Client()->Get("/api/v1/ledger/head"));
  const auto key = ledger::ParsePublicKey(head.at("log_public_key"), "log_public_key").value();
  const auto th = ledger::ParseTreeHead(head.at("tree_head"), "tree_head").value();
  EXPECT_TRUE(ledger::VerifyTreeHead(th, key).ok());
  EXPECT_EQ(head.at("log_key"), key.key_id);
}

class TlsServerTest : public ::testing::Test {
 protected:
  void SetUp() override {
    dir_ = (std::filesystem::temp_directory_path() /
            ("verity-server-tls-" + std::to_string(::getpid())))
               .string();
    ASSERT_TRUE(http::testing::MakeTestCertificate(dir_, &cert_, &key_));
  }
  void TearDown() override { std::filesystem::remove_all(dir_); }
  std::string dir_, cert_, key_;
};

TEST_F(TlsServerTest, TheApiAnswersOverTls) {
  TestServer ts("", {}, http::TlsFiles{cert_, key_});
  const std::string r = http::testing::TlsGet(ts.port(), cert_, "/api/v1/health");
  EXPECT_EQ(StatusOf(r), 200) << r;
  EXPECT_EQ(ParseJson(BodyOf(r), "r")->at("status"), "ok");
  EXPECT_EQ(HeaderOf(r, "X-Content-Type-Options"), "nosniff");
}

TEST(TransportTest, PlainHttpOnANonLoopbackAddressIsRefused) {
  ServeOptions o;
  o.bind = "0.0.0.0";
  const Status s = CheckTransport(o);
  EXPECT_EQ(s.code(), StatusCode::kInvalidArgument);
  EXPECT_NE(s.message().find("refusing plain HTTP on a non-loopback address"), std::string::npos);
  EXPECT_EQ(RunServe(o, std::cout).code(), StatusCode::kInvalidArgument);
  o.behind_tls_proxy = true;
  EXPECT_TRUE(CheckTransport(o).ok());
  o.behind_tls_proxy = false;
  o.tls_cert = "c.pem";
  EXPECT_NE(CheckTransport(o).message().find("go together"), std::string::npos);
  o.tls_key = "k.pem";
  EXPECT_TRUE(CheckTransport(o).ok());
  ServeOptions loopback;
  loopback.bind = "127.0.0.1";
  EXPECT_TRUE(CheckTransport(loopback).ok());
}

}  // namespace
}  // namespace verity::server
