// The regime replayed from treaty events (regime.h) and what it means for
// each party's data exchanges (regime_report.h).
#include "ledger/regime.h"

#include <gtest/gtest.h>

#include "ledger/regime_report.h"

namespace verity::ledger {
namespace {

Date D(int y, unsigned m, unsigned d) { return Date::FromYmd(y, m, d); }

class RegimeTest : public ::testing::Test {
 protected:
  void SetUp() override {
    auto t = treaty::LoadTreaty("new-start");
    ASSERT_TRUE(t.ok()) << t.status().message();
    t_ = std::move(*t);
  }

  void Event(const std::string& party, Date d, TreatyEvent e, std::vector<Duty> duties = {}) {
    events_.push_back({next_++, party, d, e, std::move(duties), ""});
  }

  Regime On(Date d) {
    conflicts_.clear();
    return RegimeOn(t_, events_, d, {}, &conflicts_);
  }

  treaty::Treaty t_;
  std::vector<RegimeEvent> events_;
  std::vector<Ambiguity> conflicts_;
  uint64_t next_ = 100;
};

TEST_F(RegimeTest, TheTreatyIsInForceBetweenItsOwnDates) {
  EXPECT_EQ(On(D(2011, 2, 4)).state, TreatyState::kNotYetInForce);
  EXPECT_TRUE(On(D(2026, 2, 4)).InForce());
  const Regime after = On(D(2026, 2, 5));
  EXPECT_EQ(after.state, TreatyState::kEnded);
  EXPECT_EQ(after.ExcuseFor("US", Duty::kDataExchange), Excuse::kNotInForce);
  EXPECT_EQ(Name(after.state), "not_in_force");
}

TEST_F(RegimeTest, ASuspensionSuspendsEveryDutyOfItsPartyUntilAResumption) {
  Event("RU", D(2023, 2, 21), TreatyEvent::kSuspension);
  EXPECT_EQ(On(D(2023, 2, 20)).ExcuseFor("RU", Duty::kInspections), Excuse::kNone);
  Since since;
  const Regime r = On(D(2023, 3, 1));
  EXPECT_EQ(r.ExcuseFor("RU", Duty::kDataExchange, &since), Excuse::kSuspended);
  EXPECT_EQ(since.date, D(2023, 2, 21));
  EXPECT_EQ(since.index, 100u);
  EXPECT_EQ(r.ExcuseFor("US", Duty::kDataExchange), Excuse::kNone);
  EXPECT_EQ(r.Describe("RU"), "participation suspended since 2023-02-21 (treaty event #100)");
  Event("RU", D(2024, 1, 1), TreatyEvent::kResumption);
  EXPECT_EQ(On(D(2024, 1, 2)).ExcuseFor("RU", Duty::kDataExchange), Excuse::kNone);
  EXPECT_TRUE(conflicts_.empty());
}

TEST_F(RegimeTest, CountermeasuresWithholdTheDutiesTheyNameAndAResumptionRestoresThem) {
  Event("US", D(2023, 3, 28), TreatyEvent::kCountermeasure, {Duty::kDataExchange});
  Event("US", D(2023, 6, 1), TreatyEvent::kCountermeasure,
        {Duty::kNotifications, Duty::kInspections, Duty::kTelemetry});
  Regime r = On(D(2023, 4, 1));
  EXPECT_EQ(r.ExcuseFor("US", Duty::kDataExchange), Excuse::kWithheld);
  EXPECT_EQ(r.ExcuseFor("US", Duty::kInspections), Excuse::kNone);
  r = On(D(2023, 7, 1));
  EXPECT_EQ(r.ExcuseFor("US", Duty::kInspections), Excuse::kWithheld);
  EXPECT_EQ(r.Describe("US").rfind("withholds data_exchange since 2023-03-28", 0), 0u)
      << r.Describe("US");
  Event("US", D(2024, 1, 1), TreatyEvent::kResumption, {Duty::kDataExchange});
  r = On(D(2024, 1, 1));
  EXPECT_EQ(r.ExcuseFor("US", Duty::kDataExchange), Excuse::kNone);
  EXPECT_EQ(r.ExcuseFor("US", Duty::kTelemetry), Excuse::kWithheld);
}

TEST_F(RegimeTest, EventsThatDoNotFitAreConflictsAndChangeNothing) {
  Event("RU", D(2023, 2, 21), TreatyEvent::kSuspension);
  Event("RU", D(2023, 3, 1), TreatyEvent::kSuspension);
  Event("US", D(2023, 3, 2), TreatyEvent::kResumption);
  Event("US", D(2026, 3, 1), TreatyEvent::kCountermeasure, {Duty::kTelemetry});
  Event("US", D(2025, 1, 1), TreatyEvent::kExpiry);
  const Regime r = On(D(2026, 6, 1));
  ASSERT_EQ(conflicts_.size(), 4u);
  for (const Ambiguity& a : conflicts_) EXPECT_EQ(a.kind, AmbiguityKind::kTreatyEventConflict);
  EXPECT_NE(conflicts_[0].message.find("RU's participation is suspended already since 2023-02-21"),
            std::string::npos);
  EXPECT_NE(conflicts_[1].message.find("nothing of US is suspended or withheld"),
            std::string::npos);
  EXPECT_NE(conflicts_[2].message.find("one party cannot end the treaty early"), std::string::npos);
  EXPECT_NE(conflicts_[3].message.find("the treaty is not in force on 2026-03-01"),
            std::string::npos);
  EXPECT_EQ(r.ends_on, D(2026, 2, 5));  // the lone early expiry ended nothing
}

TEST_F(RegimeTest, AWithdrawalEndsTheTreatyAfterTheNoticePeriod) {
  Event("RU", D(2024, 1, 10), TreatyEvent::kWithdrawal);
  EXPECT_TRUE(On(D(2024, 4, 9)).InForce());
  const Regime r = On(D(2024, 4, 10));
  EXPECT_FALSE(r.InForce());
  EXPECT_EQ(r.ends_on, D(2024, 4, 10));
  EXPECT_NE(r.ended_by.find("withdrawal of RU"), std::string::npos);
}

TEST_F(RegimeTest, MissingExchangesAreExcusedBySuspensionOrCountermeasureNotLate) {
  Event("RU", D(2023, 2, 21), TreatyEvent::kSuspension);
  Event("US", D(2023, 3, 28), TreatyEvent::kCountermeasure, {Duty::kDataExchange});
  const std::vector<EntryRef> us = {
      {7, "data_exchange", D(2022, 9, 1), Timestamp::StartOf(D(2022, 9, 21))}};
  auto us_records = ExchangeRecords(t_, events_, "US", us, D(2023, 9, 15));
  ASSERT_GE(us_records.size(), 3u);
  const ExchangeRecord& sep22 = us_records[us_records.size() - 3];
  const ExchangeRecord& mar23 = us_records[us_records.size() - 2];
  const ExchangeRecord& sep23 = us_records.back();
  EXPECT_EQ(sep22.as_of, D(2022, 9, 1));
  EXPECT_EQ(sep22.status, ExchangeStatus::kProvided);
  EXPECT_EQ(mar23.status, ExchangeStatus::kNotProvidedCountermeasure);
  EXPECT_EQ(mar23.excuse->date, D(2023, 3, 28));
  EXPECT_EQ(sep23.status, ExchangeStatus::kNotYetDue);  // due 2023-10-01
  auto ru_records = ExchangeRecords(t_, events_, "RU", {}, D(2023, 9, 15));
  EXPECT_EQ(ru_records[ru_records.size() - 2].status, ExchangeStatus::kNotProvidedSuspended);
  EXPECT_EQ(ru_records[ru_records.size() - 3].status, ExchangeStatus::kOverdue);  // 2022-09
  // After expiry nothing more is owed.
  auto late = ExchangeRecords(t_, events_, "RU", {}, D(2026, 12, 1));
  EXPECT_EQ(late.back().as_of, D(2025, 9, 1));
}

}  // namespace
}  // namespace verity::ledger
