// Authentication and request limits over a real HTTP server.
#include <arpa/inet.h>
#include <gtest/gtest.h>
#include <netinet/in.h>
#include <sys/socket.h>
#include <sys/time.h>
#include <unistd.h>

#include <string>

#include "core/json.h"
#include "server/test_server.h"

namespace verity::server {
namespace {

std::string CodeOf(const httplib::Result& res) {
  const Json j = ResponseJson(res);
  return j.is_object() && j.contains("code") ? j.at("code").get<std::string>()
                                             : "not a JSON error: " + j.dump();
}

TEST(SecurityTest, WrongTokenIsUnauthenticatedEvenOnPublicPaths) {
  TestServer ts;
  auto res = ts.Client()->Get("/api/v1/whoami", TestServer::Bearer("not-a-token"));
  ASSERT_TRUE(res);
  EXPECT_EQ(res->status, 401);
  EXPECT_EQ(CodeOf(res), "unauthenticated");
}

TEST(SecurityTest, EachTokenIsRecognisedWithItsRole) {
  TestServer ts;
  struct Case {
    const char* token;
    const char* role;
  };
  for (const Case& c :
       {Case{kUsToken, "party"}, Case{kObserverToken, "observer"}, Case{kAdminToken, "admin"}}) {
    auto res = ts.Client()->Get("/api/v1/whoami", TestServer::Bearer(c.token));
    ASSERT_TRUE(res);
    ASSERT_EQ(res->status, 200);
    EXPECT_EQ(ParseJson(res->body, "r")->at("role"), c.role);
  }
}

TEST(SecurityTest, OversizedBodyIsRefusedWith413) {
  ServerLimits limits;
  limits.max_body_bytes = 4096;
  TestServer ts("", limits);
  const std::string big(limits.max_body_bytes + 1, 'x');
  auto res = ts.Client()->Post("/api/v1/notifications", TestServer::Bearer(kUsToken), big,
                               "application/json");
  ASSERT_TRUE(res);
  EXPECT_EQ(res->status, 413);
  EXPECT_EQ(CodeOf(res), "payload_too_large");
}

// A client that sends half a request and then nothing is cut off after the
// read timeout instead of holding a worker forever.
TEST(SecurityTest, StalledRequestIsCutOffAfterTheReadTimeout) {
  ServerLimits limits;
  limits.request_timeout_ms = 200;
  TestServer ts("", limits);
  const int fd = socket(AF_INET, SOCK_STREAM, 0);
  ASSERT_GE(fd, 0);
  sockaddr_in addr{};
  addr.sin_family = AF_INET;
  addr.sin_port = htons(static_cast<uint16_t>(ts.port()));
  addr.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
  ASSERT_EQ(connect(fd, reinterpret_cast<sockaddr*>(&addr), sizeof addr), 0);
  const std::string partial = "GET /api/v1/health HTTP/1.1\r\nHost: x\r\n";
  ASSERT_EQ(send(fd, partial.data(), partial.size(), 0), static_cast<ssize_t>(partial.size()));
  // Well above the 200 ms limit, below the 5 s default: fails if the limit is ignored.
  timeval wait{3, 0};
  setsockopt(fd, SOL_SOCKET, SO_RCVTIMEO, &wait, sizeof wait);
  char buf[256];
  const ssize_t n = recv(fd, buf, sizeof buf, 0);
  close(fd);
  EXPECT_GE(n, 0) << "the server kept the stalled connection open";
}

}  // namespace
}  // namespace verity::server
