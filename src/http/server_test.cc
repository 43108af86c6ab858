// The HTTP layer over real loopback sockets: deadlines, limits, TLS.
#include "http/server.h"

#include <gtest/gtest.h>

#include <chrono>
#include <filesystem>
#include <memory>
#include <stdexcept>
#include <thread>
#include <vector>

#include "http/test_client.h"

namespace verity::http {
namespace {

using testing::BodyOf;
using testing::HeaderOf;
using testing::RawClient;
using testing::StatusOf;

class TestHandler : public Handler {
 public:
  Response Serve(const Request& r) const override {
    if (r.path == "/throw") throw std::runtime_error("secret detail /var/lib/x");
    Response out;
    if (r.path == "/slow") std::this_thread::sleep_for(std::chrono::milliseconds(300));
    if (r.path == "/bytes") {
      out.SetBody(std::string("\x00\xff", 2), "application/octet-stream");
      out.cache_control = "public, max-age=60";
      return out;
    }
    out.SetBody(r.method + " " + r.path + " " + std::string(r.Header("x-v").value_or("")),
                "text/plain");
    return out;
  }
};

Limits Small() {
  Limits l;
  l.request_timeout_ms = 300;
  l.worker_threads = 2;
  return l;
}

class HttpServerTest : public ::testing::Test {
 protected:
  void Start(Limits limits = Small(), std::optional<TlsFiles> tls = std::nullopt) {
    ServerOptions o;
    o.limits = limits;
    o.tls = std::move(tls);
    o.default_headers = {{"X-Content-Type-Options", "nosniff"}};
    server_ = std::make_unique<Server>(o, handler_);
    ASSERT_TRUE(server_->Start().ok());
  }
  std::string Get(const std::string& target, const std::string& extra = "") {
    RawClient c(server_->port());
    c.Send("GET " + target + " HTTP/1.1\r\nHost: x\r\n" + extra + "Connection: close\r\n\r\n");
    return c.ReadResponse();
  }

  TestHandler handler_;
  std::unique_ptr<Server> server_;
};

TEST_F(HttpServerTest, AnswersWithContentTypeCacheControlAndDefaultHeaders) {
  Start();
  const std::string r = Get("/bytes");
  EXPECT_EQ(StatusOf(r), 200);
  EXPECT_EQ(HeaderOf(r, "Content-Type"), "application/octet-stream");
  EXPECT_EQ(HeaderOf(r, "Cache-Control"), "public, max-age=60");
  EXPECT_EQ(HeaderOf(r, "X-Content-Type-Options"), "nosniff");
  EXPECT_EQ(BodyOf(r), std::string("\x00\xff", 2));
}

TEST_F(HttpServerTest, InvalidUtf8InPathOrHeaderIs400AndTheServerLives) {
  Start();
  const std::string path = Get("/%ff");
  EXPECT_EQ(StatusOf(path), 400);
  EXPECT_NE(BodyOf(path).find("path: invalid UTF-8"), std::string::npos) << path;
  const std::string header = Get("/echo", "X-V: \xc3\x28\r\n");
  EXPECT_EQ(StatusOf(header), 400);
  EXPECT_NE(BodyOf(header).find("header 'x-v'"), std::string::npos) << header;
  EXPECT_EQ(StatusOf(Get("/echo")), 200);
}

TEST_F(HttpServerTest, AThrowingHandlerGivesAGeneric500) {
  Start();
  const std::string r = Get("/throw");
  EXPECT_EQ(StatusOf(r), 500);
  EXPECT_EQ(BodyOf(r), "internal: internal error while serving the request\n");
  EXPECT_EQ(StatusOf(Get("/echo")), 200);
}

// The client trickles header bytes for up to 5 s, far past the 300 ms limit
// on a whole request: a server that bounds only the silence between bytes
// never answers, this one answers 408 and closes.
TEST_F(HttpServerTest, ASlowClientIsCutOffAtTheRequestDeadline) {
  Start();
  RawClient c(server_->port());
  ASSERT_TRUE(c.Send("GET /echo HTTP/1.1\r\nX-Slow: "));
  bool answered = false;
  for (int i = 0; i < 100 && !answered; ++i) {
    std::this_thread::sleep_for(std::chrono::milliseconds(50));
    answered = c.HasData() || !c.Send("a");
  }
  ASSERT_TRUE(answered) << "the trickling client was never cut off";
  const std::string r = c.ReadResponse();
  EXPECT_EQ(StatusOf(r), 408) << r;
  EXPECT_TRUE(c.ClosedByPeer());
}

TEST_F(HttpServerTest, ManySlowClientsDoNotStopOthersBeingAnswered) {
  Limits l = Small();
  l.request_timeout_ms = 60'000;
  Start(l);
  std::vector<std::unique_ptr<RawClient>> slow;
  for (int i = 0; i < 50; ++i) {
    slow.push_back(std::make_unique<RawClient>(server_->port()));
    ASSERT_TRUE(slow.back()->Send("GET /echo HTTP/1.1\r\nX-Slow: a"));
  }
  const std::string r = Get("/echo");
  EXPECT_EQ(StatusOf(r), 200);
  EXPECT_EQ(BodyOf(r), "GET /echo ");
}

// Two worker threads, ten idle keep-alive connections: each still holds
// its socket, none holds a thread, so a new client is answered.
TEST_F(HttpServerTest, IdleKeepAliveConnectionsHoldNoWorker) {
  Start();
  std::vector<std::unique_ptr<RawClient>> idle;
  for (int i = 0; i < 10; ++i) {
    idle.push_back(std::make_unique<RawClient>(server_->port()));
    idle.back()->Send("GET /echo HTTP/1.1\r\nHost: x\r\n\r\n");
    ASSERT_EQ(StatusOf(idle.back()->ReadResponse()), 200);
  }
  EXPECT_EQ(StatusOf(Get("/echo")), 200);
  // And each idle connection still works.
  idle.front()->Send("GET /echo HTTP/1.1\r\nHost: x\r\n\r\n");
  EXPECT_EQ(StatusOf(idle.front()->ReadResponse()), 200);
}

TEST_F(HttpServerTest, ConnectionsPerClientAreBounded) {
  Limits l = Small();
  l.max_connections_per_client = 3;
  Start(l);
  std::vector<std::unique_ptr<RawClient>> held;
  for (int i = 0; i < 3; ++i) {
    held.push_back(std::make_unique<RawClient>(server_->port()));
    held.back()->Send("GET /echo HTTP/1.1\r\nHost: x\r\n\r\n");
    ASSERT_EQ(StatusOf(held.back()->ReadResponse()), 200);
  }
  RawClient extra(server_->port());
  const std::string refused = extra.ReadResponse();
  EXPECT_EQ(StatusOf(refused), 503);
  EXPECT_NE(BodyOf(refused).find("too many connections"), std::string::npos);
  EXPECT_TRUE(extra.ClosedByPeer());
  held.clear();  // the server notices the closes and counts them out
  std::string again;
  for (int i = 0; i < 100 && StatusOf(again) != 200; ++i) {
    std::this_thread::sleep_for(std::chrono::milliseconds(20));
    again = Get("/echo");
  }
  EXPECT_EQ(StatusOf(again), 200);
}

TEST_F(HttpServerTest, OversizedHeadersAreRefusedWith431) {
  Start();
  EXPECT_EQ(StatusOf(Get("/echo", "X-Big: " + std::string(20'000, 'a') + "\r\n")), 431);
  std::string many;
  for (int i = 0; i < 70; ++i) many += "X-" + std::to_string(i) + ": v\r\n";
  EXPECT_EQ(StatusOf(Get("/echo", many)), 431);
}

TEST_F(HttpServerTest, OversizedBodyIsRefusedWith413BeforeItIsRead) {
  Limits l = Small();
  l.max_body_bytes = 100;
  Start(l);
  RawClient c(server_->port());
  c.Send("POST /echo HTTP/1.1\r\nHost: x\r\nContent-Length: 1000000\r\n\r\n");
  EXPECT_EQ(StatusOf(c.ReadResponse()), 413);
}

TEST_F(HttpServerTest, StopClosesIdleConnectionsAndFinishesTheRequestInFlight) {
  Start();
  RawClient idle(server_->port());
  RawClient busy(server_->port());
  busy.Send("GET /slow HTTP/1.1\r\nHost: x\r\n\r\n");
  std::this_thread::sleep_for(std::chrono::milliseconds(100));
  server_->Stop();
  EXPECT_EQ(StatusOf(busy.ReadResponse()), 200);
  EXPECT_TRUE(idle.ClosedByPeer());
}

class TlsTest : public HttpServerTest {
 protected:
  void SetUp() override {
    dir_ = (std::filesystem::temp_directory_path() / ("verity-tls-" + std::to_string(::getpid())))
               .string();
    ASSERT_TRUE(testing::MakeTestCertificate(dir_, &cert_, &key_)) << "openssl req failed";
  }
  void TearDown() override { std::filesystem::remove_all(dir_); }
  std::string dir_, cert_, key_;
};

TEST_F(TlsTest, RoundTripOverTlsWithACertificateMadeNow) {
  Start(Small(), TlsFiles{cert_, key_});
  EXPECT_TRUE(server_->tls());
  const std::string r = testing::TlsGet(server_->port(), cert_, "/echo");
  EXPECT_EQ(StatusOf(r), 200) << r;
  EXPECT_EQ(BodyOf(r), "GET /echo ");
  // Plain HTTP on the TLS port gets no answer in clear.
  EXPECT_EQ(StatusOf(Get("/echo")), 0);
}

TEST_F(TlsTest, AKeyReadableByOthersOrAMissingFileIsRefused) {
  std::filesystem::permissions(key_, std::filesystem::perms::others_read,
                               std::filesystem::perm_options::add);
  ServerOptions o;
  o.tls = TlsFiles{cert_, key_};
  Server open_key(o, handler_);
  Status s = open_key.Start();
  EXPECT_EQ(s.code(), StatusCode::kInvalidArgument);
  EXPECT_NE(s.message().find("readable by other users"), std::string::npos) << s.message();
  o.tls = TlsFiles{dir_ + "/missing.pem", key_};
  Server missing(o, handler_);
  EXPECT_EQ(missing.Start().code(), StatusCode::kInvalidArgument);
}

TEST(LoopbackTest, KnowsLoopbackAddresses) {
  EXPECT_TRUE(IsLoopback("127.0.0.1"));
  EXPECT_TRUE(IsLoopback("127.1.2.3"));
  EXPECT_TRUE(IsLoopback("::1"));
  EXPECT_TRUE(IsLoopback("localhost"));
  EXPECT_FALSE(IsLoopback("0.0.0.0"));
  EXPECT_FALSE(IsLoopback("::"));
  EXPECT_FALSE(IsLoopback("192.0.2.1"));
}

}  // namespace
}  // namespace verity::http
