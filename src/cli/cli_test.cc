// The CLI's promises: exit codes, JSON keys, errors on stderr with nothing
// on stdout, and complete help.
#include <gtest/gtest.h>

#include <cstdio>
#include <sstream>

#include "cli/cli_test_util.h"
#include "cli/command.h"
#include "core/json.h"

namespace verity::cli {
namespace {

TEST(CliTest, CheckReportsTheUsNumbersAsJson) {
  Result r = Verity({"check", "data/declarations/us-2020-09-01.json", "--json"});
  ASSERT_EQ(r.code, kExitOk) << r.err;
  Json j = *ParseJson(r.out, "stdout");
  EXPECT_EQ(j.at("treaty"), "new-start");
  EXPECT_EQ(j.at("party"), "US");
  EXPECT_EQ(j.at("as_of"), "2020-09-01");
  std::map<std::string, int64_t> counts;
  for (const auto& l : j.at("limits")) {
    counts[l.at("id")] = l.at("count");
    EXPECT_EQ(l.at("status"), "within");
    EXPECT_TRUE(l.contains("max"));
  }
  EXPECT_EQ(counts, (std::map<std::string, int64_t>{
                        {"deployed", 675}, {"warheads", 1457}, {"launchers", 800}}));
}

TEST(CliTest, OverABindingLimitExitsOne) {
  Result r = Verity({"check", "us-2020-09-01", "--treaty", "follow-on-example"});
  EXPECT_EQ(r.code, kExitViolation);
  EXPECT_NE(r.out.find("over"), std::string::npos);
}

TEST(CliTest, AsOfBeforeTheLimitsBindIsNotAViolation) {
  Result r = Verity({"check", "us-2020-09-01", "--treaty", "follow-on-example", "--as-of",
                     "2017-01-01", "--json"});
  EXPECT_EQ(r.code, kExitOk) << r.err;
  EXPECT_NE(r.out.find("not_binding"), std::string::npos);
}

TEST(CliTest, BadInputExitsTwoWithNothingOnStdout) {
  Result r = Verity({"check", "tests/validation/does-not-exist.json"});
  EXPECT_EQ(r.code, kExitBadInput);
  EXPECT_EQ(r.out, "");
  EXPECT_EQ(r.err, "verity: tests/validation/does-not-exist.json: no such file\n");

  Result t = Verity({"check", "us-2020-09-01", "--treaty", "new-strat"});
  EXPECT_EQ(t.code, kExitBadInput);
  EXPECT_EQ(t.out, "");

  Result d = Verity({"check", "us-2020-09-01", "--as-of", "2020-13-01"});
  EXPECT_EQ(d.code, kExitBadInput);
  EXPECT_EQ(d.err, "verity: --as-of: '2020-13-01' is not a calendar date\n");
}

TEST(CliTest, OneBadDeclarationAmongGoodOnesPrintsNothing) {
  Result r = Verity({"check", "us-2020-09-01", "missing.json", "--json"});
  EXPECT_EQ(r.code, kExitBadInput);
  EXPECT_EQ(r.out, "");
}

TEST(CliTest, ExplainListsTheItemsBehindALimit) {
  Result r = Verity({"report", "us-2020-09-01", "--explain", "warheads", "--json"});
  ASSERT_EQ(r.code, kExitOk) << r.err;
  Json j = *ParseJson(r.out, "stdout");
  int64_t sum = 0;
  for (const auto& e : j.at("explain")) sum += e.at("amount").get<int64_t>();
  EXPECT_EQ(sum, 1457);
  EXPECT_EQ(j.at("explain").size(), 397u + 230u + 48u);

  Result bad = Verity({"report", "us-2020-09-01", "--explain", "warhead"});
  EXPECT_EQ(bad.code, kExitBadInput);
  EXPECT_EQ(bad.err, "verity: --explain: 'warhead' is not a limit of New START\n");
}

TEST(CliTest, ReportCsvHasOneRowPerBreakdown) {
  Result r = Verity({"report", "ru-2021-09-01", "--csv"});
  ASSERT_EQ(r.code, kExitOk) << r.err;
  EXPECT_EQ(r.out.rfind("party,as_of,limit,group,key,count,max,status\n", 0), 0u);
  EXPECT_NE(r.out.find("RU,2021-09-01,deployed,total,,527,700,within"), std::string::npos);
}

TEST(CliTest, UnknownCommandAndOptionExitTwo) {
  EXPECT_EQ(Verity({"frobnicate"}).code, kExitBadInput);
  EXPECT_EQ(Verity({"check", "us-2020-09-01", "--jsn"}).code, kExitBadInput);
  EXPECT_EQ(Verity({}).code, kExitBadInput);
}

TEST(CliTest, HelpListsEveryCommandAndOption) {
  Result top = Verity({"--help"});
  EXPECT_EQ(top.code, kExitOk);
  for (const char* cmd : {"check", "report", "demo"})
    EXPECT_NE(top.out.find(cmd), std::string::npos) << cmd;
  Result check = Verity({"check", "--help"});
  EXPECT_EQ(check.code, kExitOk);
  for (const char* opt : {"--treaty", "--as-of", "--json", "--explain"}) {
    EXPECT_NE(check.out.find(opt), std::string::npos) << opt;
  }
}

TEST(CliTest, DemoShowsBothPartiesAndTheSeries) {
  Result r = Verity({"demo"});
  ASSERT_EQ(r.code, kExitOk) << r.err;
  EXPECT_NE(r.out.find("New START - US as of 2020-09-01"), std::string::npos);
  EXPECT_NE(r.out.find("New START - RU as of 2021-09-01"), std::string::npos);
  EXPECT_NE(r.out.find("deployed matches 675"), std::string::npos);
  EXPECT_NE(r.out.find("2011-02-05"), std::string::npos);
  EXPECT_NE(r.out.find("Try next"), std::string::npos);
}

TEST(CliTest, StandardInputIsADeclaration) {
  const std::string cmd = std::string(VERITY_BINARY_DIR) + "/bin/verity check - --json < " +
                          VERITY_SOURCE_DIR + "/data/declarations/ru-2021-09-01.json";
  FILE* p = popen(cmd.c_str(), "r");
  ASSERT_NE(p, nullptr);
  std::string out;
  char buf[4096];
  while (size_t n = fread(buf, 1, sizeof buf, p)) out.append(buf, n);
  EXPECT_EQ(pclose(p), 0);
  EXPECT_NE(out.find("\"count\": 742"), std::string::npos);
}

}  // namespace
}  // namespace verity::cli
