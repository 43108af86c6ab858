// Simulations over a real HTTP server: start, follow to the end, errors.
#include <gtest/gtest.h>

#include <chrono>
#include <thread>

#include "server/test_server.h"

namespace verity::server {
namespace {

class SimulationApiTest : public ::testing::Test {
 protected:
  httplib::Result Start(const Json& body, const std::string& token = kUsToken) {
    return ts_.Client()->Post("/api/v1/simulations", TestServer::Bearer(token), body.dump(),
                              "application/json");
  }
  Json Follow(const std::string& id) {
    for (int i = 0; i < 3000; ++i) {
      Json job = ResponseJson(
          ts_.Client()->Get("/api/v1/simulations/" + id, TestServer::Bearer(kUsToken)));
      if (job.is_object() && job.at("state") != "running") return job;
      std::this_thread::sleep_for(std::chrono::milliseconds(10));
    }
    return Json();
  }
  TestServer ts_;
};

TEST_F(SimulationApiTest, ScenariosAreListedByName) {
  const Json j = ResponseJson(
      ts_.Client()->Get("/api/v1/simulations/scenarios", TestServer::Bearer(kAdminToken)));
  EXPECT_EQ(j.at("scenarios"),
            Json::array({"three-bases", "too-many-overloaded", "us-from-ledger"}));
}

TEST_F(SimulationApiTest, RunReachesFullProgressWithAReproducibleResult) {
  auto res = Start({{"scenario", "three-bases"}, {"trials", 20000}, {"seed", 7}});
  ASSERT_TRUE(res);
  ASSERT_EQ(res->status, 202) << res->body;
  const Json done = Follow(ResponseJson(res).at("id"));
  ASSERT_EQ(done.at("state"), "done") << done.dump();
  EXPECT_EQ(done.at("progress"), 1.0);
  const Json& r = done.at("result");
  EXPECT_EQ(r.at("trials"), 20000);
  EXPECT_EQ(r.at("seed"), 7);
  EXPECT_EQ(r.at("schedule").size(), 18u);  // 10 Type One + 8 Type Two
  uint64_t first = 0;
  for (const Json& n : r.at("first_detection")) first += n.get<uint64_t>();
  EXPECT_EQ(first, r.at("detected_trials").get<uint64_t>());

  // The same seed gives the same answer.
  const Json again = Follow(
      ResponseJson(Start({{"scenario", "three-bases"}, {"trials", 20000}, {"seed", 7}})).at("id"));
  EXPECT_EQ(again.at("result").at("detected_trials"), r.at("detected_trials"));
}

TEST_F(SimulationApiTest, UnknownScenarioIsNotFound) {
  auto res = Start({{"scenario", "../../etc/passwd"}});
  ASSERT_TRUE(res);
  EXPECT_EQ(res->status, 404);
  EXPECT_EQ(ResponseJson(res).at("message"), "no scenario '../../etc/passwd'");
}

TEST_F(SimulationApiTest, InvalidScenarioIsUnprocessableBeforeAnyJobStarts) {
  auto res = Start({{"scenario", "too-many-overloaded"}});
  ASSERT_TRUE(res);
  EXPECT_EQ(res->status, 422) << res->body;
  EXPECT_NE(res->body.find("overloaded_missiles"), std::string::npos) << res->body;
}

TEST_F(SimulationApiTest, LedgerStateScenarioReadsTheServersLedger) {
  // The test ledger holds no US items yet, so the replayed state is empty.
  auto res = Start({{"scenario", "us-from-ledger"}});
  ASSERT_TRUE(res);
  EXPECT_EQ(res->status, 422) << res->body;
  EXPECT_NE(ResponseJson(res).at("message").get<std::string>().find(
                "us-from-ledger.toml: ledger_state: the ledger holds no items of US on 2020-09-01"),
            std::string::npos)
      << res->body;
}

TEST_F(SimulationApiTest, TrialsOutOfRangeNameTheField) {
  auto res = Start({{"scenario", "three-bases"}, {"trials", 0}});
  ASSERT_TRUE(res);
  EXPECT_EQ(res->status, 422);
  EXPECT_NE(ResponseJson(res).at("message").get<std::string>().find("body.trials"),
            std::string::npos)
      << res->body;
}

TEST_F(SimulationApiTest, ObserverCannotRunSimulations) {
  auto res = Start({{"scenario", "three-bases"}}, kObserverToken);
  ASSERT_TRUE(res);
  EXPECT_EQ(res->status, 403);
  EXPECT_EQ(ts_.Client()->Get("/api/v1/simulations/job-1")->status, 401);
}

TEST_F(SimulationApiTest, UnknownJobIsNotFound) {
  auto res = ts_.Client()->Get("/api/v1/simulations/job-999", TestServer::Bearer(kUsToken));
  ASSERT_TRUE(res);
  EXPECT_EQ(res->status, 404);
}

}  // namespace
}  // namespace verity::server
