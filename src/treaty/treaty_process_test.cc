#include <gtest/gtest.h>

#include "treaty/treaty.h"

namespace verity::treaty {
namespace {

constexpr char kBase[] = R"(
name = "Test treaty"
[dates]
signed = 2010-04-08
entry_into_force = 2011-02-05
limits_binding = 2012-02-05
expiry = 2013-02-05
[[categories]]
id = "bomber"
rule = "kind == heavy_bomber"
[[limits]]
id = "bombers"
max = 10
count = [{ category = "bomber" }]
)";

StatusOr<Treaty> Parse(const std::string& extra) {
  return ParseTreaty(std::string(kBase) + extra, "t.toml", "t");
}

TEST(TreatyProcessTest, NewStartHasTheCommissionTheExchangesAndTheWithdrawalPeriod) {
  auto t = LoadTreaty("new-start");
  ASSERT_TRUE(t.ok()) << t.status().message();
  EXPECT_EQ(t->commission.name, "Bilateral Consultative Commission");
  EXPECT_EQ(t->commission.sessions_per_year, 2);
  EXPECT_EQ(t->commission.answer_days, 183);
  ASSERT_FALSE(t->commission.sessions.empty());
  EXPECT_EQ(t->commission.sessions.front().start.ToString(), "2011-03-28");
  EXPECT_NE(t->commission.SessionOn(Date::FromYmd(2019, 11, 8)), nullptr);
  EXPECT_EQ(t->commission.SessionOn(Date::FromYmd(2022, 11, 30)), nullptr);  // Cairo: never held
  EXPECT_EQ(t->regime.withdrawal_notice_months, 3);
  const auto dates = t->DataExchangeDates(Date::FromYmd(2030, 1, 1));
  ASSERT_FALSE(dates.empty());
  EXPECT_EQ(dates.front().ToString(), "2011-02-05");
  EXPECT_EQ(dates[1].ToString(), "2011-09-01");
  EXPECT_EQ(dates[2].ToString(), "2012-03-01");
  // None is owed on or after expiry: the last is 1 September 2025.
  EXPECT_EQ(dates.back().ToString(), "2025-09-01");
  EXPECT_EQ(dates.size(), 1u + 29u);
}

TEST(TreatyProcessTest, VariantsKeepTheBaseProcess) {
  auto t = LoadTreaty("new-start-ru-reading");
  ASSERT_TRUE(t.ok()) << t.status().message();
  EXPECT_EQ(t->commission.answer_days, 183);
  EXPECT_EQ(t->data_exchanges.every_months, 6);
}

TEST(TreatyProcessTest, ExchangeDatesStopAtTheDateAskedAndAtExpiry) {
  auto t = Parse("[data_exchanges]\nfirst = 2011-09-01\nevery_months = 6\n");
  ASSERT_TRUE(t.ok()) << t.status().message();
  EXPECT_TRUE(t->DataExchangeDates(Date::FromYmd(2011, 1, 1)).empty());
  EXPECT_EQ(t->DataExchangeDates(Date::FromYmd(2011, 8, 31)).size(), 1u);
  const auto all = t->DataExchangeDates(Date::FromYmd(2020, 1, 1));
  ASSERT_EQ(all.size(), 4u);  // EIF, 2011-09, 2012-03, 2012-09 (2013-03 is after expiry)
  EXPECT_EQ(all.back().ToString(), "2012-09-01");
  EXPECT_TRUE(t->InForceOn(Date::FromYmd(2013, 2, 4)));
  EXPECT_FALSE(t->InForceOn(Date::FromYmd(2013, 2, 5)));
  EXPECT_FALSE(t->InForceOn(Date::FromYmd(2011, 2, 4)));
}

TEST(TreatyProcessTest, WithoutTheTablesThereIsNoCommissionAndOnlyTheInitialExchange) {
  auto t = Parse("");
  ASSERT_TRUE(t.ok()) << t.status().message();
  EXPECT_TRUE(t->commission.name.empty());
  EXPECT_EQ(t->DataExchangeDates(Date::FromYmd(2012, 1, 1)).size(), 1u);
}

TEST(TreatyProcessTest, HostileTablesAreRefusedWithTheirPath) {
  struct Case {
    std::string toml, error;
  };
  const Case cases[] = {
      {"[commission]\nname = \"C\"\nsessions_per_year = -1\n", "commission.sessions_per_year"},
      {"[commission]\nname = \"C\"\nanswer_days = 99999\n", "commission.answer_days"},
      {"[commission]\nname = \"C\"\nquorum = 2\n", "commission.quorum: unknown key"},
      {"[commission]\nanswer_days = 10\n", "commission.name"},
      {"[commission]\nname = \"C\"\n[[commission.sessions]]\nstart = 2012-01-05\nend = "
       "2012-01-01\n",
       "commission.sessions[0].end: before start"},
      {"[commission]\nname = \"C\"\n[[commission.sessions]]\nstart = 2012-01-05\nend = "
       "2012-01-09\n[[commission.sessions]]\nstart = 2012-01-08\nend = 2012-01-10\n",
       "commission.sessions[1].start: sessions are listed in date order"},
      {"[data_exchanges]\nfirst = 2011-01-01\nevery_months = 6\n",
       "data_exchanges.first: the first periodic exchange falls after entry into force"},
      {"[data_exchanges]\nfirst = 2011-09-01\nevery_months = 0\n", "data_exchanges.every_months"},
      {"[regime]\nwithdrawal_notice_months = 1000\n", "regime.withdrawal_notice_months"},
  };
  for (const Case& c : cases) {
    auto t = Parse(c.toml);
    ASSERT_FALSE(t.ok()) << c.toml;
    EXPECT_NE(t.status().message().find(c.error), std::string::npos)
        << c.toml << " -> " << t.status().message();
  }
}

TEST(TreatyProcessTest, TooManySessionsAreRefusedBeforeTheyAreRead) {
  std::string many = "[commission]\nname = \"C\"\n";
  Date d = Date::FromYmd(2011, 3, 1);
  for (int i = 0; i < 300; ++i, d = d.AddDays(3)) {
    many += "[[commission.sessions]]\nstart = " + d.ToString() + "\nend = " + d.ToString() + "\n";
  }
  auto t = Parse(many);
  ASSERT_FALSE(t.ok());
  EXPECT_NE(t.status().message().find("300 sessions, more than the limit of 256"),
            std::string::npos)
      << t.status().message();
}

}  // namespace
}  // namespace verity::treaty
