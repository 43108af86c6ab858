// Authentication and request limits over a real HTTP server.
#include <gtest/gtest.h>

#include "core/json.h"
#include "server/test_server.h"

namespace verity::server {
namespace {

std::string CodeOf(const httplib::Result& res) {
  if (!res) return "no response";
  auto j = ParseJson(res->body, "response");
  if (!j.ok() || !j->contains("code")) return "not a JSON error: " + res->body;
  return j->at("code").get<std::string>();
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
  for (const Case& c : {Case{kUsToken, "party"}, Case{kObserverToken, "observer"},
                        Case{kAdminToken, "admin"}}) {
    auto res = ts.Client()->Get("/api/v1/whoami", TestServer::Bearer(c.token));
    ASSERT_TRUE(res);
    ASSERT_EQ(res->status, 200);
    EXPECT_EQ(ParseJson(res->body, "r")->at("role"), c.role);
  }
}

}  // namespace
}  // namespace verity::server
