#include "server/jobs.h"

#include <gtest/gtest.h>

#include <atomic>
#include <chrono>
#include <thread>

namespace verity::server {
namespace {

// Polls until the job is no longer running (bounded).
Json WaitFinished(const JobTable& jobs, const std::string& id) {
  for (int i = 0; i < 2000; ++i) {
    auto j = jobs.Get(id);
    if (j.ok() && j->at("state") != "running") return *j;
    std::this_thread::sleep_for(std::chrono::milliseconds(5));
  }
  return Json();
}

TEST(JobTableTest, FinishedJobHasItsResultAndFullProgress) {
  JobTable jobs(2, 10);
  auto id = jobs.Start({{"trials", 5}}, [](const JobTable::Progress& p) -> StatusOr<Json> {
    p(0.5);
    return Json{{"answer", 42}};
  });
  ASSERT_TRUE(id.ok());
  const Json j = WaitFinished(jobs, *id);
  EXPECT_EQ(j.at("state"), "done");
  EXPECT_EQ(j.at("progress"), 1.0);
  EXPECT_EQ(j.at("result").at("answer"), 42);
  EXPECT_EQ(j.at("request").at("trials"), 5);
}

TEST(JobTableTest, FailedJobReportsItsStatus) {
  JobTable jobs(2, 10);
  auto id = jobs.Start({}, [](const JobTable::Progress&) -> StatusOr<Json> {
    return InvalidArgument("trials: must be positive");
  });
  ASSERT_TRUE(id.ok());
  const Json j = WaitFinished(jobs, *id);
  EXPECT_EQ(j.at("state"), "failed");
  EXPECT_EQ(j.at("error").at("code"), "invalid_argument");
  EXPECT_EQ(j.at("error").at("message"), "trials: must be positive");
}

TEST(JobTableTest, StartBeyondTheRunningLimitIsUnavailable) {
  JobTable jobs(1, 10);
  std::atomic<bool> release{false};
  auto first = jobs.Start({}, [&](const JobTable::Progress&) -> StatusOr<Json> {
    while (!release) std::this_thread::sleep_for(std::chrono::milliseconds(1));
    return Json::object();
  });
  ASSERT_TRUE(first.ok());
  auto second = jobs.Start({}, [](const JobTable::Progress&) -> StatusOr<Json> { return Json(); });
  EXPECT_EQ(second.status().code(), StatusCode::kUnavailable);
  release = true;
  EXPECT_EQ(WaitFinished(jobs, *first).at("state"), "done");
}

TEST(JobTableTest, OldestFinishedJobsAreForgotten) {
  JobTable jobs(1, 1);
  auto work = [](const JobTable::Progress&) -> StatusOr<Json> { return Json(); };
  auto a = jobs.Start({}, work);
  WaitFinished(jobs, *a);
  auto b = jobs.Start({}, work);
  WaitFinished(jobs, *b);
  EXPECT_EQ(jobs.Get(*a).status().code(), StatusCode::kNotFound);
  EXPECT_TRUE(jobs.Get(*b).ok());
}

}  // namespace
}  // namespace verity::server
