#include "treaty/treaty.h"

#include <gtest/gtest.h>

namespace verity::treaty {
namespace {

constexpr char kMinimal[] = R"(
name = "Test treaty"
[dates]
signed = 2010-04-08
entry_into_force = 2011-02-05
limits_binding = 2018-02-05
expiry = 2026-02-05
[[categories]]
id = "bomber"
rule = "kind == heavy_bomber"
[[limits]]
id = "bombers"
max = 10
count = [{ category = "bomber" }]
)";

TEST(TreatyTest, ShippedNewStartHasTheCentralLimitsAndDates) {
  auto t = LoadTreaty("new-start");
  ASSERT_TRUE(t.ok()) << t.status().message();
  EXPECT_EQ(t->name, "New START");
  ASSERT_EQ(t->limits.size(), 3u);
  EXPECT_EQ(t->limits[t->FindLimit("deployed")].max, 700);
  EXPECT_EQ(t->limits[t->FindLimit("warheads")].max, 1550);
  EXPECT_EQ(t->limits[t->FindLimit("launchers")].max, 800);
  EXPECT_EQ(t->dates.signed_on.ToString(), "2010-04-08");
  EXPECT_EQ(t->dates.entry_into_force.ToString(), "2011-02-05");
  EXPECT_EQ(t->dates.limits_binding.ToString(), "2018-02-05");
  EXPECT_EQ(t->dates.expiry.ToString(), "2026-02-05");
  EXPECT_EQ(t->FindQuota("type_one")->per_year, 10);
  EXPECT_EQ(t->FindQuota("type_two")->per_year, 8);
  EXPECT_EQ(t->DeadlineDays("movement"), 5);
  EXPECT_EQ(t->DeadlineDays("data_exchange"), 30);
}

TEST(TreatyTest, VariantsOverrideOnlyWhatTheyState) {
  auto base = LoadTreaty("new-start");
  auto follow = LoadTreaty("follow-on-example");
  auto bombers = LoadTreaty("bomber-capacity-example");
  ASSERT_TRUE(follow.ok()) << follow.status().message();
  ASSERT_TRUE(bombers.ok()) << bombers.status().message();
  EXPECT_EQ(follow->limits[follow->FindLimit("deployed")].max, 500);
  EXPECT_EQ(follow->limits[follow->FindLimit("warheads")].max, 1000);
  EXPECT_EQ(follow->limits[follow->FindLimit("launchers")].max, 600);
  EXPECT_EQ(follow->categories.size(), base->categories.size());
  EXPECT_EQ(follow->dates.expiry, base->dates.expiry);
  const Limit& w = bombers->limits[bombers->FindLimit("warheads")];
  EXPECT_EQ(w.terms.back().weight, Weight::kCapacity);
  EXPECT_EQ(bombers->limits[bombers->FindLimit("launchers")].max, 800);
}

TEST(TreatyTest, StatusFollowsTheTreatyCalendar) {
  auto t = ParseTreaty(kMinimal, "t.toml", "t");
  ASSERT_TRUE(t.ok()) << t.status().message();
  const Limit& l = t->limits[0];
  EXPECT_EQ(t->StatusOn(*Date::Parse("2018-02-04"), l, 11), LimitStatus::kNotBinding);
  EXPECT_EQ(t->StatusOn(*Date::Parse("2018-02-05"), l, 11), LimitStatus::kOver);
  EXPECT_EQ(t->StatusOn(*Date::Parse("2018-02-05"), l, 10), LimitStatus::kWithin);
  EXPECT_EQ(t->StatusOn(*Date::Parse("2026-02-05"), l, 11), LimitStatus::kExpired);
}

TEST(TreatyTest, TreatyYearsRunFromEntryIntoForce) {
  auto t = ParseTreaty(kMinimal, "t.toml", "t");
  EXPECT_EQ(t->TreatyYear(*Date::Parse("2011-02-04")), 0);
  EXPECT_EQ(t->TreatyYear(*Date::Parse("2011-02-05")), 1);
  EXPECT_EQ(t->TreatyYear(*Date::Parse("2012-02-04")), 1);
  EXPECT_EQ(t->TreatyYear(*Date::Parse("2012-02-05")), 2);
  EXPECT_EQ(t->TreatyYearStart(8).ToString(), "2018-02-05");
}

TEST(TreatyTest, ErrorsNameFileAndKeyPath) {
  std::string bad = kMinimal;
  bad.replace(bad.find("max = 10"), 8, "max = \"ten\"");
  EXPECT_EQ(ParseTreaty(bad, "t.toml", "t").status().message(),
            "t.toml: limits[0].max: expected an integer");
  std::string rule = kMinimal;
  rule.replace(rule.find("heavy_bomber\""), 12, "heavy_bombr");
  EXPECT_EQ(
      ParseTreaty(rule, "t.toml", "t")
          .status()
          .message()
          .rfind("t.toml: categories[0].rule: column 9: unknown value 'heavy_bombr' for kind", 0),
      0u);
  std::string cat = kMinimal;
  cat.replace(cat.find("category = \"bomber\""), 19, "category = \"bombers\"");
  EXPECT_EQ(ParseTreaty(cat, "t.toml", "t").status().message(),
            "t.toml: limits[0].count[0].category: unknown category 'bombers'");
}

TEST(TreatyTest, SyntaxErrorNamesLine) {
  auto t = ParseTreaty("name = \"x\"\n[dates\n", "t.toml", "t");
  EXPECT_EQ(t.status().message().rfind("t.toml: line 2, column", 0), 0u) << t.status().message();
}

TEST(TreatyTest, DatesMustBeInOrder) {
  std::string bad = kMinimal;
  bad.replace(bad.find("expiry = 2026-02-05"), 19, "expiry = 2017-02-05");
  EXPECT_EQ(ParseTreaty(bad, "t.toml", "t").status().message(),
            "t.toml: dates: expected signed <= entry_into_force <= limits_binding < expiry");
}

TEST(TreatyTest, UnknownTreatyNameListsShippedOnes) {
  auto t = LoadTreaty("new-strat");
  EXPECT_EQ(t.status().code(), StatusCode::kNotFound);
  EXPECT_NE(t.status().message().find("new-start"), std::string::npos);
}

}  // namespace
}  // namespace verity::treaty
