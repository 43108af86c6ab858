// The statistics commands' promises: JSON keys, exact answers, the seed and
// trials recorded, thread-count independence, and bad scenario files
// rejected with the key path and exit code 2.
#include <gtest/gtest.h>

#include <cstdio>
#include <filesystem>
#include <fstream>
#include <sstream>

#include "cli/cli_test_util.h"
#include "cli/command.h"
#include "core/json.h"
#include "core/test_dir.h"

namespace verity::cli {
namespace {

Json JsonOf(const Result& r) {
  EXPECT_EQ(r.code, kExitOk) << r.err;
  return *ParseJson(r.out, "stdout");
}

TEST(StatsCliTest, DetectGivesTheHypergeometricProbability) {
  const Json j = JsonOf(Verity(
      {"stats", "detect", "--population", "10", "--defects", "2", "--sample", "3", "--json"}));
  // 1 - C(8,3)/C(10,3) = 1 - 56/120.
  EXPECT_NEAR(j.at("detection_probability").get<double>(), 64.0 / 120.0, 1e-15);
}

TEST(StatsCliTest, SampleSizeCeilingIsNotMovedByRounding) {
  const Json j =
      JsonOf(Verity({"stats", "sample-size", "-N", "20", "-R", "1", "-P", "0.05", "--json"}));
  EXPECT_EQ(j.at("sample_size"), 1);
  EXPECT_EQ(j.at("sample_size_iaea"), 1);
}

TEST(StatsCliTest, BadProbabilityExitsTwo) {
  const Result r = Verity({"stats", "sample-size", "-N", "20", "-R", "1", "-P", "1.5"});
  EXPECT_EQ(r.code, kExitBadInput);
  EXPECT_EQ(r.out, "");
  EXPECT_NE(r.err.find("--detect: expected a decimal probability in [0, 1]"), std::string::npos)
      << r.err;
}

TEST(StatsCliTest, GameValueIsAnExactFraction) {
  const Json j =
      JsonOf(Verity({"stats", "game", "--periods", "3", "--inspections", "1", "--json"}));
  EXPECT_EQ(j.at("fraction"), "1/2");
  EXPECT_DOUBLE_EQ(j.at("value").get<double>(), 0.5);
}

TEST(StatsCliTest, Game2x2ReportsTheEquilibrium) {
  const Json j = JsonOf(Verity(
      {"stats", "game2x2", "-d", "1", "-b", "4", "-c", "1", "-a", "4", "-L", "6", "--json"}));
  EXPECT_DOUBLE_EQ(j.at("inspection_probability").get<double>(), 0.2);
  EXPECT_DOUBLE_EQ(j.at("violation_probability").get<double>(), 0.1);
  EXPECT_DOUBLE_EQ(j.at("deterrence_threshold").get<double>(), 0.2);
}

TEST(StatsCliTest, SimulateRecordsSeedAndTrialsAndIgnoresThreads) {
  const std::string scenario = "data/scenarios/one-base-closed-form.toml";
  const Json one = JsonOf(Verity(
      {"simulate", scenario, "--trials", "40000", "--seed", "5", "--threads", "1", "--json"}));
  const Json two = JsonOf(Verity(
      {"simulate", scenario, "--trials", "40000", "--seed", "5", "--threads", "2", "--json"}));
  EXPECT_EQ(one.at("seed"), 5);
  EXPECT_EQ(one.at("trials"), 40000);
  EXPECT_EQ(one.at("detected_trials"), two.at("detected_trials"));
  EXPECT_EQ(one.at("time_to_first_detection"), two.at("time_to_first_detection"));
  const double low = one.at("confidence_interval").at("low"),
               high = one.at("confidence_interval").at("high");
  EXPECT_LT(low, high);
  EXPECT_EQ(one.at("time_to_first_detection").size(), 10u);
}

TEST(StatsCliTest, SimulateReadsADeclaration) {
  const Json j = JsonOf(
      Verity({"simulate", "data/scenarios/us-2020-upload.toml", "--trials", "20000", "--json"}));
  int64_t overloaded = 0;
  for (const Json& s : j.at("sites")) overloaded += s.at("overloaded").get<int64_t>();
  EXPECT_EQ(overloaded, 20);
  EXPECT_GT(j.at("detection_probability").get<double>(), 0.0);
}

TEST(StatsCliTest, BadScenarioNamesTheKeyPathAndExitsTwo) {
  const auto path = std::filesystem::temp_directory_path() / "verity-bad-scenario.toml";
  std::ofstream(path) << "[[sites]]\nid = \"a\"\ndeployed_missiles = \"many\"\n";
  const Result r = Verity({"simulate", path.string()});
  std::filesystem::remove(path);
  EXPECT_EQ(r.code, kExitBadInput);
  EXPECT_EQ(r.out, "");
  EXPECT_EQ(r.err, "verity: " + path.string() +
                       ": sites[0].deployed_missiles (line 3): expected an integer between 0 and "
                       "2147483648, got the string \"many\"\n");
}

TEST(StatsCliTest, MissingScenarioExitsTwo) {
  const Result r = Verity({"simulate", "data/scenarios/no-such-file.toml"});
  EXPECT_EQ(r.code, kExitBadInput);
}

TEST(StatsCliTest, InspectPlanGivesTheGuaranteedDetectionProbability) {
  const Json j = JsonOf(Verity({"inspect", "plan", "data/scenarios/icbm-upload.toml", "--json"}));
  const double v = j.at("detection_probability");
  EXPECT_GT(v, 0.0);
  EXPECT_GE(v, j.at("fixed_detection_probability").get<double>() - 1e-12);
  double total = 0;
  for (const Json& b : j.at("bases")) total += b.at("expected_inspections").get<double>();
  EXPECT_NEAR(total, 10.0, 1e-9);
}

// The same scenario twice: once naming a declaration file written from the
// ledger's state, once naming the ledger state itself. Both must simulate
// the same force.
TEST(StatsCliTest, SimulateReadsTheLedgerStateOnADate) {
  const testing::TestDir tmp("sim-ledger");
  const auto& dir = tmp.path();
  const std::string data = (dir / "data").string();
  ASSERT_EQ(Verity({"ledger", "sample", "--data", data, "--to", "2011-12-31"}).code, kExitOk);
  const Result state = Verity(
      {"ledger", "state", "--data", data, "--as-of", "2011-09-01", "--party", "US", "--json"});
  ASSERT_EQ(state.code, kExitOk) << state.err;
  std::ofstream(dir / "state.json") << state.out;
  const std::string tail =
      "[concealment]\noverloaded_missiles = 5\nextra_warheads = 1\n"
      "[inspection]\ntype_one_per_year = 10\ntype_two_per_year = 8\n";
  std::ofstream(dir / "from-file.toml") << "declaration = \"state.json\"\n" << tail;
  std::ofstream(dir / "from-ledger.toml")
      << "[ledger_state]\nparty = \"US\"\nas_of = \"2011-09-01\"\n"
      << tail;
  const std::vector<std::string> run = {"--data", data, "--trials", "20000",
                                        "--seed", "3",  "--json"};
  auto args = [&](const std::string& file) {
    std::vector<std::string> a = {"simulate", (dir / file).string()};
    a.insert(a.end(), run.begin(), run.end());
    return a;
  };
  Json from_file = JsonOf(Verity(args("from-file.toml")));
  Json from_ledger = JsonOf(Verity(args("from-ledger.toml")));
  ASSERT_FALSE(from_file.at("sites").empty());
  EXPECT_EQ(from_ledger.at("sites"), from_file.at("sites"));
  EXPECT_EQ(from_ledger.at("detection_probability"), from_file.at("detection_probability"));

  const Result no_ledger =
      Verity({"simulate", (dir / "from-ledger.toml").string(), "--data", (dir / "none").string()});
  EXPECT_EQ(no_ledger.code, kExitBadInput);
  EXPECT_NE(no_ledger.err.find("from-ledger.toml: ledger_state: " + (dir / "none").string() +
                               ": no ledger"),
            std::string::npos)
      << no_ledger.err;
  std::ofstream(dir / "both.toml")
      << "declaration = \"state.json\"\n[ledger_state]\nparty = \"US\"\nas_of = \"2011-09-01\"\n";
  const Result both = Verity({"simulate", (dir / "both.toml").string(), "--data", data});
  EXPECT_EQ(both.code, kExitBadInput);
  EXPECT_NE(both.err.find(
                "both.toml: ledger_state (line 2): a scenario names either a declaration file or a "
                "ledger state, not both"),
            std::string::npos)
      << both.err;
  std::ofstream(dir / "bad-date.toml")
      << "[ledger_state]\nparty = \"US\"\nas_of = \"2011-13-01\"\n";
  const Result bad_date = Verity({"simulate", (dir / "bad-date.toml").string(), "--data", data});
  EXPECT_EQ(bad_date.code, kExitBadInput);
  EXPECT_NE(bad_date.err.find("bad-date.toml: ledger_state.as_of (line 3): expected a date "
                              "YYYY-MM-DD, got \"2011-13-01\""),
            std::string::npos)
      << bad_date.err;
}

}  // namespace
}  // namespace verity::cli
