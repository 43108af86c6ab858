// `verity upload`, `verity compare` and `verity report --sources` from the
// command line: exit codes, JSON keys, errors on stderr.
#include <gtest/gtest.h>

#include <filesystem>
#include <fstream>

#include "cli/cli_test_util.h"
#include "core/json.h"

namespace verity::cli {
namespace {

std::string WriteTemp(const std::string& name, const std::string& text) {
  const auto path = std::filesystem::temp_directory_path() / ("verity-upload-test-" + name);
  std::ofstream(path) << text;
  return path.string();
}

TEST(UploadCliTest, JsonGivesPerTypeAdditionsATimelineAndSourcedAssumptions) {
  Result r = Verity({"upload", "data/declarations/us-2020-09-01.json", "--json"});
  ASSERT_EQ(r.code, kExitOk) << r.err;
  const Json j = *ParseJson(r.out, "stdout");
  EXPECT_EQ(j.at("party"), "US");
  EXPECT_EQ(j.at("assumptions").at("origin"), "assumptions/us.toml");
  ASSERT_EQ(j.at("types").size(), 4u);
  for (const auto& t : j.at("types")) {
    EXPECT_GT(t.at("added_warheads").get<int64_t>(), 0) << t.at("type");
    EXPECT_TRUE(t.contains("low") && t.contains("high"));
  }
  const Json& timeline = j.at("timeline");
  ASSERT_GT(timeline.size(), 1u);
  EXPECT_EQ(timeline.at(0).at("warheads"), 0);
  EXPECT_EQ(timeline.back().at("warheads"), j.at("totals").at("added_warheads"));
  for (const auto& [type, values] : j.at("assumptions").at("types").items()) {
    for (const auto& [name, v] : values.items())
      EXPECT_NE(v.at("source"), "") << type << "." << name;
  }
}

TEST(UploadCliTest, TextPrintsTheAssumptionsWithTheirSources) {
  Result r = Verity({"upload", "ru-2021-09-01"});
  ASSERT_EQ(r.code, kExitOk) << r.err;
  EXPECT_NE(r.out.find("Assumptions (assumptions/ru.toml"), std::string::npos);
  EXPECT_NE(r.out.find("Kernwaffen in Russland"), std::string::npos);
  EXPECT_NE(r.out.find("Timeline"), std::string::npos);
}

TEST(UploadCliTest, BadAssumptionsFileExitsTwoNamingTheKeyPath) {
  const std::string path =
      WriteTemp("bad.toml", "party = \"US\"\n[types.mm3]\nmax_loading = { value = 3 }\n");
  Result r = Verity({"upload", "us-2020-09-01", "--assumptions", path, "--json"});
  EXPECT_EQ(r.code, kExitBadInput);
  EXPECT_EQ(r.out, "");
  EXPECT_EQ(r.err, "verity: --assumptions: " + path +
                       ": types.mm3.max_loading.source: missing (required)\n");
}

TEST(UploadCliTest, AssumptionsForAnotherForceExitTwo) {
  Result r = Verity({"upload", "ru-2021-09-01", "--assumptions", "data/assumptions/us.toml"});
  EXPECT_EQ(r.code, kExitBadInput);
  EXPECT_EQ(r.out, "");
  EXPECT_EQ(r.err,
            "verity: data/assumptions/us.toml: party: the assumptions are for party 'US', the "
            "declaration is of party 'RU'\n");
  Result missing = Verity({"upload", "us-2020-09-01", "--assumptions", "no-such.toml"});
  EXPECT_EQ(missing.code, kExitBadInput);
}

TEST(CompareCliTest, ShowsTheThreeShippedTreatiesSideBySide) {
  Result r = Verity({"compare", "us-2020-09-01", "--treaties",
                     "new-start,follow-on-example,bomber-capacity-example"});
  ASSERT_EQ(r.code, kExitOk) << r.err;
  EXPECT_NE(r.out.find("new-start"), std::string::npos);
  EXPECT_NE(r.out.find("1457/1550 (+93) within"), std::string::npos);
  EXPECT_NE(r.out.find("1457/1000 (-457) over"), std::string::npos);
  EXPECT_NE(r.out.find("2321/1550 (-771) over"), std::string::npos);

  Result csv = Verity({"compare", "us-2020-09-01", "ru-2021-09-01", "--csv"});
  ASSERT_EQ(csv.code, kExitOk) << csv.err;
  EXPECT_NE(csv.out.find("RU,2021-09-01,warheads,bomber-capacity-example,"), std::string::npos);
}

TEST(CompareCliTest, UnknownTreatyExitsTwo) {
  Result r = Verity({"compare", "us-2020-09-01", "--treaties", "new-start,new-strat", "--json"});
  EXPECT_EQ(r.code, kExitBadInput);
  EXPECT_EQ(r.out, "");
  EXPECT_EQ(r.err.rfind("verity: --treaties: ", 0), 0u) << r.err;
}

TEST(ReportCliTest, SourcesListWhatEachTotalRestsOn) {
  Result r = Verity({"report", "us-2020-09-01", "--sources", "--json"});
  ASSERT_EQ(r.code, kExitOk) << r.err;
  const Json j = *ParseJson(r.out, "stdout");
  const Json& warheads = j.at("sources").at(1);
  EXPECT_EQ(warheads.at("id"), "warheads");
  int64_t by_item = 0;
  for (const auto& s : warheads.at("sources")) {
    if (s.at("kind") == "item") by_item += s.at("amount").get<int64_t>();
  }
  EXPECT_EQ(by_item, 1457);  // the item shares add up to the total
  Result text = Verity({"report", "us-2020-09-01", "--sources"});
  EXPECT_NE(text.out.find("What each total rests on"), std::string::npos);
}

TEST(ReportCliTest, RangedDeclarationsReportLowAndHighCounts) {
  const std::string path = WriteTemp("ranged.json", R"({"party": "XX", "as_of": "2020-09-01",
    "facilities": [{"id": "base", "type": "icbm_base"}],
    "types": [{"id": "m", "class": "icbm", "kind": "missile", "max_warheads": 3},
              {"id": "silo", "class": "icbm", "kind": "silo_launcher"}],
    "items": [{"uid": "S", "type": "silo", "facility": "base", "count": {"value": 10, "low": 8, "high": 12},
               "missile": {"type": "m", "warheads": {"value": 1, "high": 3, "source": "estimate"}}}]})");
  Result r = Verity({"check", path, "--json"});
  ASSERT_EQ(r.code, kExitOk) << r.err;
  const Json j = *ParseJson(r.out, "stdout");
  const Json& warheads = j.at("limits").at(1);
  EXPECT_EQ(warheads.at("count"), 10);
  EXPECT_EQ(warheads.at("count_low"), 8);
  EXPECT_EQ(warheads.at("count_high"), 36);
  Result text = Verity({"report", path});
  EXPECT_NE(text.out.find("Ranges"), std::string::npos);
}

}  // namespace
}  // namespace verity::cli
