// The regime as the finder judges it on append (concern_store.cc): the
// number of treaty events a ledger applies is bounded
// (limits::kMaxTreatyEvents), and the events past the bound are stored as
// conflicts that change nothing.
#include <gtest/gtest.h>

#include "core/limits.h"
#include "ledger/concerns.h"
#include "ledger/regime_report.h"
#include "ledger/test_util.h"

namespace verity::ledger {
namespace {

using testing::Signed;
using testing::TestKey;

class RegimeStoreTest : public ::testing::Test {
 protected:
  void SetUp() override {
    treaty_ = treaty::LoadTreaty("new-start").value();
    dir_ = testing::FreshDir("regime-store");
    const std::vector<PublicKey> keys = {us_.pub, ru_.pub};
    ASSERT_TRUE(Ledger::Init(dir_, keys).ok());
    ledger_ = Ledger::Open(dir_).value();
    ledger_->set_ambiguity_finder(MakeConcernFinder(ledger_.get(), &treaty_));
  }
  void TearDown() override { std::filesystem::remove_all(dir_); }

  Notification Note(const SecretKey& key, const std::string& type, const std::string& occurred,
                    Json body) {
    return Signed({{"format", 1},
                   {"party", key.pub.party},
                   {"serial", ++serial_[key.pub.party]},
                   {"type", type},
                   {"occurred", occurred},
                   {"sent", occurred + "T12:00:00Z"},
                   {"body", std::move(body)}},
                  key);
  }

  // RU's suspension (even k) or resumption (odd k), one day apart from 2012.
  Notification Event(int k) {
    const Date day = Date::FromYmd(2012, 1, 1).AddDays(k);
    return Note(ru_, "treaty_event", day.ToString(),
                {{"event", k % 2 == 0 ? "suspension" : "resumption"}});
  }

  treaty::Treaty treaty_;
  SecretKey us_ = TestKey("US", 1), ru_ = TestKey("RU", 2);
  std::map<std::string, int64_t> serial_;
  std::string dir_;
  std::unique_ptr<Ledger> ledger_;
};

TEST_F(RegimeStoreTest, TreatyEventsPastTheLimitAreConflictsAndChangeNothing) {
  constexpr int kMax = limits::kMaxTreatyEvents;
  static_assert(kMax % 2 == 0, "the applied events end with a resumption");
  std::vector<Notification> first;  // all but the last applied event in one batch
  for (int k = 0; k < kMax - 1; ++k) first.push_back(Event(k));
  auto a = ledger_->AppendParsed(std::move(first), testing::TestNow());
  ASSERT_TRUE(a.ok()) << a.status().ToString();
  EXPECT_TRUE(a->ambiguities.empty()) << a->ambiguities[0].message;

  // A second batch: the last event applied, two past the limit (a
  // suspension among them), and an inspection by RU after them.
  std::vector<Notification> second = {Event(kMax - 1), Event(kMax), Event(kMax + 1)};
  second.push_back(Note(ru_, "inspection_notice", "2013-06-01", {{"kind", "type_one"}}));
  auto b = ledger_->AppendParsed(std::move(second), testing::TestNow());
  ASSERT_TRUE(b.ok()) << b.status().ToString();
  ASSERT_EQ(b->ambiguities.size(), 2u);
  for (size_t i = 0; i < 2; ++i) {
    const Ambiguity& x = b->ambiguities[i];
    EXPECT_EQ(x.index, static_cast<uint64_t>(kMax + i));
    EXPECT_EQ(x.kind, AmbiguityKind::kTreatyEventConflict);
    EXPECT_NE(x.message.find("the ledger holds 256 treaty events already "
                             "(limits::kMaxTreatyEvents); this one is not applied"),
              std::string::npos)
        << x.message;
  }
  // The 257th, a suspension, is not applied: RU is not suspended, and its
  // inspection is not flagged.
  const auto events = LoadRegimeEvents(*ledger_).value();
  ASSERT_EQ(events.size(), static_cast<size_t>(kMax));
  EXPECT_EQ(events.back().event, TreatyEvent::kResumption);
  const Regime r = RegimeOn(treaty_, events, Date::FromYmd(2013, 6, 1));
  EXPECT_EQ(r.ExcuseFor("RU", Duty::kInspections), Excuse::kNone);
}

TEST_F(RegimeStoreTest, EachNoteOfABatchIsJudgedUnderTheEventsBeforeIt) {
  // One batch: an inspection, RU's suspension, an inspection on the same
  // day, a resumption, an inspection. Only the middle one is flagged.
  std::vector<Notification> batch = {
      Note(ru_, "inspection_notice", "2023-03-01", {{"kind", "type_one"}}),
      Note(ru_, "treaty_event", "2023-02-21", {{"event", "suspension"}}),
      Note(ru_, "inspection_notice", "2023-03-01", {{"kind", "type_one"}}),
      Note(ru_, "treaty_event", "2023-04-01", {{"event", "resumption"}}),
      Note(ru_, "inspection_notice", "2023-05-01", {{"kind", "type_one"}})};
  auto r = ledger_->AppendParsed(std::move(batch), testing::TestNow());
  ASSERT_TRUE(r.ok()) << r.status().ToString();
  ASSERT_EQ(r->ambiguities.size(), 1u);
  EXPECT_EQ(r->ambiguities[0].index, 2u);
  EXPECT_EQ(r->ambiguities[0].kind, AmbiguityKind::kInspectionDuringSuspension);
}

}  // namespace
}  // namespace verity::ledger
