#include "stats/sweep.h"

#include <gtest/gtest.h>

#include <filesystem>
#include <fstream>

#include "core/file_io.h"

namespace verity::stats {
namespace {

namespace fs = std::filesystem;

const std::string kScenario =
    std::string(VERITY_SOURCE_DIR) + "/data/scenarios/us-2020-upload.toml";

// Seeds computed with Python's hashlib from the derivation in sweep.h.
TEST(SweepTest, PointSeedsFollowTheDocumentedDerivation) {
  EXPECT_EQ(SweepPointSeed(1, Json{{"type_one_per_year", 10}}), 1039512316699594526u);
  EXPECT_EQ(SweepPointSeed(2020, Json{{"type_one_per_year", 4}, {"detection_probability", 0.8}}),
            4202709414627891500u);
}

TEST(SweepTest, GridAxesAreSortedAndIntegersCanonical) {
  auto axes = ParseSweepGrid(
      Json{{"type_one_per_year", {4, 5.0}}, {"detection_probability", {0.5, 1}}}, "grid");
  ASSERT_TRUE(axes.ok()) << axes.status().message();
  ASSERT_EQ(axes->size(), 2u);
  EXPECT_EQ((*axes)[0].parameter, "detection_probability");
  const auto points = SweepPoints(*axes);
  ASSERT_EQ(points.size(), 4u);
  EXPECT_EQ(points[0].dump(), R"({"detection_probability":0.5,"type_one_per_year":4})");
  EXPECT_EQ(points[1].dump(), R"({"detection_probability":0.5,"type_one_per_year":5})");
  EXPECT_EQ(points[3].dump(), R"({"detection_probability":1.0,"type_one_per_year":5})");
}

TEST(SweepTest, BadGridsNameTheParameterAndValue) {
  auto msg = [](const Json& g) { return ParseSweepGrid(g, "grid").status().message(); };
  EXPECT_EQ(msg(Json{{"type_one_per_year", {4, 2.5}}}),
            "grid.type_one_per_year[1]: expected an integer between 0 and 10000, got 2.5");
  EXPECT_NE(msg(Json{{"quota", {1}}}).find("grid.quota: not a sweep parameter (known: "),
            std::string::npos);
  EXPECT_EQ(msg(Json{{"detection_probability", {1.5}}}),
            "grid.detection_probability[0]: expected a number between 0 and 1, got 1.5");
  EXPECT_EQ(msg(Json{{"type_one_per_year", {4, 4}}}),
            "grid.type_one_per_year[1]: 4 is listed twice");
  EXPECT_EQ(msg(Json{{"type_one_per_year", Json::array()}}),
            "grid.type_one_per_year: expected a non-empty list of values");
  Json huge = Json::object();
  for (const char* p : {"type_one_per_year", "type_two_per_year", "overloaded_missiles"}) {
    huge[p] = Json::array();
    for (int i = 0; i < 200; ++i) huge[p].push_back(i);
  }
  EXPECT_EQ(msg(huge), "grid: more than 1000000 points");
}

TEST(SweepTest, SpecFileReadsRangesAndRejectsUnknownKeys) {
  auto spec = ParseSweepToml(
      "scenario = \"s.toml\"\ntrials = 50\n[grid]\ntype_one_per_year = {from = 4, to = 10, step = "
      "3}\n",
      "spec.toml", "/base");
  ASSERT_TRUE(spec.ok()) << spec.status().message();
  EXPECT_EQ(spec->scenario, "/base/s.toml");
  EXPECT_EQ(Json(spec->grid[0].values).dump(), "[4,7,10]");
  auto bad = ParseSweepToml("scenario = \"s.toml\"\nseeds = 1\n[grid]\n", "spec.toml", "");
  ASSERT_FALSE(bad.ok());
  EXPECT_NE(bad.status().message().find("spec.toml: "), std::string::npos);
  EXPECT_NE(bad.status().message().find("seeds"), std::string::npos);
}

class SweepShardTest : public ::testing::Test {
 protected:
  void SetUp() override {
    dir_ = fs::temp_directory_path() /
           ("verity-sweep-" + std::to_string(::testing::UnitTest::GetInstance()->random_seed()) +
            "-" + ::testing::UnitTest::GetInstance()->current_test_info()->name());
    fs::remove_all(dir_);
    fs::create_directories(dir_);
    spec_.scenario = kScenario;
    spec_.trials = 500;
    spec_.seed = 9;
    spec_.grid = *ParseSweepGrid(Json{{"type_one_per_year", {4, 6, 8}}}, "grid");
  }
  void TearDown() override { fs::remove_all(dir_); }
  void Write(size_t shard, size_t shards) {
    auto doc = RunSweepShard(spec_, shard, shards);
    ASSERT_TRUE(doc.ok()) << doc.status().message();
    ASSERT_TRUE(
        WriteFileAtomic((dir_ / SweepShardFileName(shard, shards)).string(), doc->dump()).ok());
  }
  fs::path dir_;
  SweepSpec spec_;
};

TEST_F(SweepShardTest, ShardsMergeToTheWholeSweepRunInOne) {
  Write(0, 2);
  Write(1, 2);
  auto merged = MergeSweepShards(dir_.string());
  ASSERT_TRUE(merged.ok()) << merged.status().message();
  auto whole = RunSweepShard(spec_, 0, 1);
  ASSERT_TRUE(whole.ok());
  EXPECT_EQ(merged->at("rows"), whole->at("rows"));
  EXPECT_EQ(merged->at("fingerprint"), whole->at("fingerprint"));
}

TEST_F(SweepShardTest, MergeRefusesMissingRepeatedAndForeignShards) {
  Write(0, 2);
  EXPECT_EQ(MergeSweepShards(dir_.string()).status().message(),
            dir_.string() + ": the sweep is incomplete; missing points 1");
  spec_.seed = 10;
  Write(1, 2);
  EXPECT_NE(MergeSweepShards(dir_.string()).status().message().find("fingerprint differs"),
            std::string::npos);
  fs::remove(dir_ / SweepShardFileName(1, 2));
  std::ofstream(dir_ / "shard-9999-of-0002.json") << "{\"fingerprint\": 3}";
  EXPECT_NE(MergeSweepShards(dir_.string()).status().message().find("not a sweep shard"),
            std::string::npos);
}

TEST_F(SweepShardTest, HostileShardRowsAreRefusedWithTheirPath) {
  Write(0, 1);
  const std::string path = (dir_ / SweepShardFileName(0, 1)).string();
  Json doc = *ParseJson(*ReadFile(path), path);
  doc["rows"][1]["index"] = 99;
  ASSERT_TRUE(WriteFileAtomic(path, doc.dump()).ok());
  EXPECT_EQ(MergeSweepShards(dir_.string()).status().message(),
            path + ": rows[1].index: expected a point index below 3");
  std::ofstream(path) << std::string(100000, '[');
  EXPECT_FALSE(MergeSweepShards(dir_.string()).ok());
}

TEST_F(SweepShardTest, ShardOutsideTheSplitIsInvalid) {
  EXPECT_EQ(RunSweepShard(spec_, 2, 2).status().message(),
            "--shard: expected I/N with 0 <= I < N <= 3 (the points), got 2/2");
  EXPECT_EQ(RunSweepShard(spec_, 0, 4).status().code(), StatusCode::kInvalidArgument);
}

}  // namespace
}  // namespace verity::stats
