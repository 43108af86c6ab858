// The API over a real HTTP server on loopback.
#include "server/server.h"

#include <gtest/gtest.h>

#include <filesystem>
#include <fstream>
#include <set>

#include "core/json.h"
#include "server/routes.h"
#include "server/test_server.h"

namespace verity::server {
namespace {

TEST(ServerTest, HealthAnswersOk) {
  TestServer ts;
  auto res = ts.Client()->Get("/api/v1/health");
  ASSERT_TRUE(res);
  EXPECT_EQ(res->status, 200);
  EXPECT_EQ(ResponseJson(res).at("status"), "ok");
  EXPECT_EQ(res->get_header_value("X-Content-Type-Options"), "nosniff");
}

TEST(ServerTest, AggregatesKeepUnreleasedNumbersNull) {
  TestServer ts;
  auto res = ts.Client()->Get("/api/v1/public/aggregates?party=RU&from=2023-03-01&to=2023-03-01");
  ASSERT_TRUE(res);
  ASSERT_EQ(res->status, 200) << res->body;
  const Json rows = ResponseJson(res).at("aggregates");
  ASSERT_EQ(rows.size(), 1u);
  EXPECT_TRUE(rows.at(0).at("deployed").is_null());
  EXPECT_TRUE(rows.at(0).at("warheads").is_null());
  EXPECT_TRUE(rows.at(0).at("launchers").is_null());
}

TEST(ServerTest, AggregatesFilterByPartyGivesEveryRowOfThatParty) {
  TestServer ts;
  auto series = forces::LoadPublicSeries();
  ASSERT_TRUE(series.ok());
  size_t us_rows = 0;
  for (const auto& a : *series) us_rows += a.party == "US" ? 1 : 0;
  const Json rows =
      ResponseJson(ts.Client()->Get("/api/v1/public/aggregates?party=US")).at("aggregates");
  EXPECT_EQ(rows.size(), us_rows);
  for (const Json& r : rows) EXPECT_EQ(r.at("party"), "US");
}

TEST(ServerTest, BadDateQueryIsUnprocessableWithItsName) {
  TestServer ts;
  auto res = ts.Client()->Get("/api/v1/public/aggregates?from=2020-13-01");
  ASSERT_TRUE(res);
  EXPECT_EQ(res->status, 422);
  const Json body = ResponseJson(res);
  EXPECT_EQ(body.at("code"), "invalid_argument");
  EXPECT_NE(body.at("message").get<std::string>().find("query parameter 'from'"),
            std::string::npos);
}

TEST(ServerTest, TreatyListsItsLimits) {
  TestServer ts;
  const Json t = ResponseJson(ts.Client()->Get("/api/v1/treaty"));
  std::set<std::string> ids;
  for (const Json& l : t.at("limits")) ids.insert(l.at("id").get<std::string>());
  EXPECT_EQ(ids, (std::set<std::string>{"deployed", "warheads", "launchers"}));
}

TEST(ServerTest, PublicComplianceUsesLatestReleasedNumberWithHeadroom) {
  TestServer ts;
  const Json parties = ResponseJson(ts.Client()->Get("/api/v1/public/compliance")).at("parties");
  bool seen = false;
  for (const Json& p : parties) {
    for (const Json& l : p.at("limits")) {
      if (l.at("count").is_null()) continue;
      EXPECT_EQ(l.at("headroom").get<int64_t>(),
                l.at("max").get<int64_t>() - l.at("count").get<int64_t>());
      seen = true;
    }
  }
  EXPECT_TRUE(seen);
  EXPECT_EQ(parties.size(), 2u);
}

TEST(ServerTest, UnknownApiPathIsJsonNotFound) {
  TestServer ts;
  auto res = ts.Client()->Get("/api/v1/no-such-thing");
  ASSERT_TRUE(res);
  EXPECT_EQ(res->status, 404);
  EXPECT_EQ(ResponseJson(res).at("code"), "not_found");
}

// Every registered route is documented, with its access level, and every
// documented path is served.
TEST(ServerTest, OpenApiDocumentsEveryRouteAndNothingElse) {
  TestServer ts;
  const Json doc = ResponseJson(ts.Client()->Get("/api/v1/openapi.json"));
  const Json& paths = doc.at("paths");
  std::set<std::string> routed;
  const std::string prefix = "/api/v1";
  for (const RouteInfo& r : ts.server().routes()) {
    const std::string path = r.pattern.substr(prefix.size());
    std::string method = r.method;
    for (char& c : method) c = static_cast<char>(std::tolower(c));
    ASSERT_TRUE(paths.contains(path)) << path;
    ASSERT_TRUE(paths.at(path).contains(method)) << method << " " << path;
    EXPECT_EQ(paths.at(path).at(method).at("x-verity-access"), Name(r.access)) << path;
    routed.insert(method + " " + path);
  }
  for (const auto& [path, ops] : paths.items()) {
    for (const auto& [method, op] : ops.items()) {
      EXPECT_TRUE(routed.count(method + " " + path)) << "documented but not served: " << path;
    }
  }
}

class StaticFilesTest : public ::testing::Test {
 protected:
  void SetUp() override {
    root_ = std::filesystem::path(VERITY_BINARY_DIR) / "server_test_static";
    std::filesystem::create_directories(root_ / "web");
    std::ofstream(root_ / "web" / "index.html") << "<h1>dashboard</h1>";
    std::ofstream(root_ / "secret.txt") << "do not serve";
  }
  std::filesystem::path root_;
};

TEST_F(StaticFilesTest, IndexIsServedAtRoot) {
  TestServer ts((root_ / "web").string());
  auto res = ts.Client()->Get("/");
  ASSERT_TRUE(res);
  EXPECT_EQ(res->status, 200);
  EXPECT_EQ(res->body, "<h1>dashboard</h1>");
}

TEST_F(StaticFilesTest, PathTraversalDoesNotLeaveTheFolder) {
  TestServer ts((root_ / "web").string());
  for (const char* path : {"/../secret.txt", "/%2e%2e/secret.txt", "/..%2fsecret.txt",
                           "/a/../../secret.txt", "/%2E%2E%2Fsecret.txt"}) {
    auto res = ts.Client()->Get(path);
    ASSERT_TRUE(res) << path;
    EXPECT_GE(res->status, 400) << path;
    EXPECT_EQ(res->body.find("do not serve"), std::string::npos) << path;
  }
}

}  // namespace
}  // namespace verity::server
