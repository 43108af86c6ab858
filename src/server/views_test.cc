#include "server/views.h"

#include <gtest/gtest.h>

namespace verity::server {
namespace {

forces::PublicAggregate Row(const char* date, const char* party, std::optional<int64_t> deployed,
                            std::optional<int64_t> warheads, std::optional<int64_t> launchers) {
  forces::PublicAggregate a;
  a.date = *Date::Parse(date);
  a.party = party;
  a.deployed = deployed;
  a.warheads = warheads;
  a.launchers = launchers;
  a.source = std::string("row ") + date;
  return a;
}

class ViewsTest : public ::testing::Test {
 protected:
  void SetUp() override {
    auto t = treaty::LoadTreaty("new-start");
    ASSERT_TRUE(t.ok()) << t.status().ToString();
    treaty_ = *t;
  }
  const Json& Limit(const Json& compliance, const std::string& party, const std::string& id) {
    for (const Json& p : compliance.at("parties")) {
      if (p.at("party") != party) continue;
      for (const Json& l : p.at("limits")) {
        if (l.at("id") == id) return l;
      }
    }
    ADD_FAILURE() << party << " " << id << " missing";
    static const Json kNull;
    return kNull;
  }
  treaty::Treaty treaty_;
};

TEST_F(ViewsTest, UnreleasedNumbersAreNullNotZero) {
  const Json j = AggregateToJson(Row("2023-03-01", "RU", std::nullopt, std::nullopt, std::nullopt));
  EXPECT_TRUE(j.at("deployed").is_null());
  EXPECT_TRUE(j.at("warheads").is_null());
  EXPECT_TRUE(j.at("launchers").is_null());
}

TEST_F(ViewsTest, ComplianceFallsBackToTheLatestReleasedNumberWithItsDate) {
  const std::vector<forces::PublicAggregate> series = {
      Row("2022-03-01", "RU", 526, 1474, 761),
      Row("2023-03-01", "RU", std::nullopt, std::nullopt, std::nullopt),
  };
  const Json c = PublicComplianceJson(treaty_, series);
  const Json& w = Limit(c, "RU", "warheads");
  EXPECT_EQ(w.at("count"), 1474);
  EXPECT_EQ(w.at("max"), 1550);
  EXPECT_EQ(w.at("headroom"), 76);
  EXPECT_EQ(w.at("date"), "2022-03-01");
  EXPECT_EQ(w.at("status"), "within");
}

TEST_F(ViewsTest, LimitNeverReleasedIsUnknown) {
  const std::vector<forces::PublicAggregate> series = {
      Row("2016-03-01", "US", std::nullopt, 1481, std::nullopt)};
  const Json c = PublicComplianceJson(treaty_, series);
  const Json& d = Limit(c, "US", "deployed");
  EXPECT_TRUE(d.at("count").is_null());
  EXPECT_TRUE(d.at("headroom").is_null());
  EXPECT_EQ(d.at("status"), "unknown");
}

TEST_F(ViewsTest, CountBeforeLimitsBindIsNotBinding) {
  const std::vector<forces::PublicAggregate> series = {Row("2011-02-05", "US", 882, 1800, 1124)};
  const Json c = PublicComplianceJson(treaty_, series);
  const Json& w = Limit(c, "US", "warheads");
  EXPECT_EQ(w.at("headroom"), 1550 - 1800);
  EXPECT_EQ(w.at("status"), "not_binding");
}

TEST_F(ViewsTest, TreatyViewNamesTheCategoriesOfEachLimit) {
  const Json t = TreatyToJson(treaty_);
  EXPECT_EQ(t.at("id"), "new-start");
  EXPECT_EQ(t.at("dates").at("limits_binding"), "2018-02-05");
  for (const Json& l : t.at("limits")) EXPECT_FALSE(l.at("categories").empty()) << l.dump();
}

}  // namespace
}  // namespace verity::server
