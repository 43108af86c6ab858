// GET /exercise: the report beside the ledger, for a party or an admin;
// 404 when none was played; a damaged report is a server error naming no
// path.
#include <gtest/gtest.h>

#include <fstream>

#include "exercise/report.h"
#include "server/test_server.h"

namespace verity::server {
namespace {

void WriteBeside(const TestServer& ts, const std::string& text) {
  std::ofstream(ts.data_dir() + "/" + exercise::kReportJson, std::ios::binary) << text;
}

TEST(ExerciseApi, TheReportBesideTheLedger) {
  TestServer ts;
  auto get = [&](const char* token) {
    auto res = ts.Client()->Get("/api/v1/exercise", TestServer::Bearer(token));
    return std::make_pair(res ? res->status : 0, ResponseJson(res));
  };
  auto [none, none_body] = get(kUsToken);
  EXPECT_EQ(none, 404);
  EXPECT_EQ(none_body.value("code", ""), "not_found");
  EXPECT_EQ(get(kObserverToken).first, 403);
  WriteBeside(ts, R"({"format": "verity-exercise-report/1", "deviations": []})");
  auto [ok, body] = get(kUsToken);
  EXPECT_EQ(ok, 200);
  EXPECT_EQ(body.value("format", ""), exercise::kReportFormat);
  WriteBeside(ts, "{not json");
  auto [bad, bad_body] = get(kUsToken);
  EXPECT_EQ(bad, 500);
  // A server error's text stays in the server's log; the answer names no path.
  const std::string message = bad_body.value("message", "");
  EXPECT_FALSE(message.empty());
  EXPECT_EQ(message.find(ts.data_dir()), std::string::npos) << message;
  EXPECT_EQ(message.find(exercise::kReportJson), std::string::npos) << message;
}

}  // namespace
}  // namespace verity::server
