// `verity exercise run|list`: a shipped script plays and reports; a bad
// script is exit 2 naming its key; a folder holding a ledger is refused.
#include <gtest/gtest.h>

#include <filesystem>

#include "cli/cli_test_util.h"
#include "core/json.h"
#include "core/test_dir.h"

namespace verity::cli {
namespace {

using verity::testing::TestDir;

TEST(ExerciseCli, RunsAShippedScriptAndWritesItsReport) {
  TestDir dir("exercise-cli");
  Result r = Verity({"exercise", "run", "hidden-missile", "--data", dir.Path("data"), "--json"});
  ASSERT_EQ(r.code, kExitOk) << r.err;
  auto j = ParseJson(r.out, "stdout");
  ASSERT_TRUE(j.ok()) << j.status().message();
  EXPECT_EQ(j->at("deviations")[0].at("detected"), true);
  EXPECT_TRUE(std::filesystem::exists(dir.Path("data/exercise-report.md")));
  EXPECT_TRUE(std::filesystem::exists(dir.Path("data/exercise-report.json")));
  Result again = Verity({"exercise", "run", "hidden-missile", "--data", dir.Path("data")});
  EXPECT_EQ(again.code, kExitBadInput);
  EXPECT_NE(again.err.find("ledger"), std::string::npos) << again.err;
  Result verify = Verity({"ledger", "verify", "--data", dir.Path("data")});
  EXPECT_EQ(verify.code, kExitOk) << verify.err << verify.out;
}

TEST(ExerciseCli, ABadScriptIsExitTwoNamingTheKey) {
  TestDir dir("exercise-cli-bad");
  const std::string script = dir.Write("s.toml", "[exercise]\nname = \"x\"\nyears = \"two\"\n");
  Result r = Verity({"exercise", "run", script, "--data", dir.Path("data")});
  EXPECT_EQ(r.code, kExitBadInput);
  EXPECT_NE(r.err.find("s.toml"), std::string::npos) << r.err;
  EXPECT_FALSE(std::filesystem::exists(dir.Path("data")));
  Result missing = Verity({"exercise", "run", "no-such", "--data", dir.Path("data")});
  EXPECT_EQ(missing.code, kExitBadInput);
  EXPECT_NE(missing.err.find("shipped: "), std::string::npos) << missing.err;
}

TEST(ExerciseCli, ListsTheShippedScriptsWithTheirTeachingPoints) {
  Result r = Verity({"exercise", "list"});
  ASSERT_EQ(r.code, kExitOk) << r.err;
  for (const char* name : {"hidden-missile", "upload-planner", "conversion-and-movement"}) {
    EXPECT_NE(r.out.find(std::string(name) + ": "), std::string::npos) << name;
  }
}

}  // namespace
}  // namespace verity::cli
