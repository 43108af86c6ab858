// `verity escrow`: the plan from the exact statistics, the commit's private
// opening file, and hostile inputs refused with exit 2 and where and why.
#include <gtest/gtest.h>
#include <sys/stat.h>

#include <filesystem>
#include <fstream>

#include "cli/cli_test_util.h"
#include "ledger/test_util.h"

namespace verity::cli {
namespace {

class EscrowCli : public ::testing::Test {
 protected:
  void SetUp() override {
    dir_ = ledger::testing::FreshDir("escrow-cli");
    std::filesystem::create_directories(dir_);
  }
  void TearDown() override { std::filesystem::remove_all(dir_); }
  std::string P(const std::string& name) const { return dir_ + "/" + name; }
  Result Commit() {
    return Verity({"escrow", "commit", "us-2020-09-01", "--id", "us-2020", "--out", P("esc"),
                   "--serial", "1", "--occurred", "2020-09-02", "--draft", P("c.json")});
  }
  std::string dir_;
};

TEST_F(EscrowCli, PlanGivesTheExactSampleSize) {
  // The smallest n with 1 - C(N-R, n)/C(N, n) >= P: the number `stats
  // sample-size` gives (stats_cli_test checks it against its own vectors).
  const Result r =
      Verity({"escrow", "plan", "--leaves", "100", "--defects", "13", "--detect", "0.95"});
  ASSERT_EQ(r.code, kExitOk) << r.err;
  const Result s = Verity({"stats", "sample-size", "--population", "100", "--defects", "13",
                           "--detect", "0.95", "--json"});
  const std::string n = std::to_string(Json::parse(s.out).at("sample_size").get<int64_t>());
  EXPECT_NE(r.out.find("open " + n + " of 100 leaves"), std::string::npos) << r.out;
  const Result bad =
      Verity({"escrow", "plan", "--leaves", "100", "--defects", "0", "--detect", "0.95"});
  EXPECT_EQ(bad.code, kExitBadInput);
  EXPECT_NE(bad.err.find("escrow plan"), std::string::npos) << bad.err;
}

TEST_F(EscrowCli, CommitWritesAPrivateOpeningFileAndAReadableDraft) {
  const Result r = Commit();
  ASSERT_EQ(r.code, kExitOk) << r.err;
  struct stat st {};
  ASSERT_EQ(::stat(P("esc/opening.json").c_str(), &st), 0);
  EXPECT_EQ(st.st_mode & 0777, 0600u);
  std::ifstream in(P("c.json"));
  const Json draft = Json::parse(in);
  EXPECT_EQ(draft.at("type"), "escrow_commitment");
  EXPECT_EQ(draft.at("body").at("leaves"), 2133);
  const Result again = Commit();
  EXPECT_EQ(again.code, kExitBadInput);
  EXPECT_NE(again.err.find("is never overwritten"), std::string::npos) << again.err;
}

TEST_F(EscrowCli, HostileStageSpecAndExposedOpeningFileAreRefused) {
  ASSERT_EQ(Commit().code, kExitOk);
  const auto reveal = [&](const std::string& spec) {
    return Verity({"escrow", "reveal", P("esc"), "--stage", spec, "--serial", "2", "--occurred",
                   "2020-09-10", "--draft", P("r.json")});
  };
  Result r = reveal("s1:colour=red");
  EXPECT_EQ(r.code, kExitBadInput);
  EXPECT_NE(r.err.find("'colour' is not one of facility, type, category"), std::string::npos);
  r = reveal("s1:facility=nowhere");
  EXPECT_EQ(r.code, kExitBadInput);
  EXPECT_NE(r.err.find("stage s1: no committed item is in it"), std::string::npos) << r.err;
  ::chmod(P("esc/opening.json").c_str(), 0644);
  r = reveal("s1:facility=kitsap");
  EXPECT_EQ(r.code, kExitBadInput);
  EXPECT_NE(r.err.find("readable by others (mode 0644)"), std::string::npos) << r.err;
}

TEST_F(EscrowCli, HostileBeaconFileIsRefused) {
  std::ofstream(P("beacon.json")) << R"({"round": 1, "randomness": "zz", "signature": "00"})";
  const Result r = Verity({"escrow", "designate", "--data", P("none"), "--escrow", "e",
                           "--designation", "d", "--party", "RU", "--beacon", P("beacon.json"),
                           "--serial", "1", "--occurred", "2020-10-06", "--draft", P("d.json")});
  EXPECT_EQ(r.code, kExitBadInput);
  EXPECT_NE(r.err.find("beacon.json.randomness: expected 64 hex digits"), std::string::npos)
      << r.err;
}

}  // namespace
}  // namespace verity::cli
