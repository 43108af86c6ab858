// Inspections recorded in a real ledger (SQLite, signed notifications):
// the finder flags quota, site and findings problems as ambiguities.
#include "inspect/ledger_inspections.h"

#include <gtest/gtest.h>
#include <sqlite3.h>

#include <filesystem>

#include "inspect/test_util.h"
#include "ledger/replay.h"
#include "ledger/test_util.h"

namespace verity::inspect {
namespace {

using ledger::testing::TestKey;

class LedgerInspectionsTest : public ::testing::Test {
 protected:
  void SetUp() override {
    dir_ = ledger::testing::FreshDir("inspect");
    us_ = TestKey("US", 1);
    ru_ = TestKey("RU", 2);
    const std::vector<ledger::PublicKey> keys{us_.pub, ru_.pub};
    ASSERT_TRUE(ledger::Ledger::Init(dir_, keys).ok());
    auto l = ledger::Ledger::Open(dir_);
    ASSERT_TRUE(l.ok()) << l.status().message();
    ledger_ = std::move(l).value();
    treaty_ = *treaty::LoadTreaty("new-start");
    counter_ = std::make_unique<forces::Counter>(treaty_);
    ledger_->set_ambiguity_finder(
        CombineFinders(ledger::MakeAmbiguityFinder(ledger_.get(), counter_.get()),
                       MakeInspectionFinder(ledger_.get(), &treaty_)));
    Append(us_, 1, "data_exchange", "2020-09-01", {{"declaration", testing::SmallUsDeclaration()}});
  }
  void TearDown() override { std::filesystem::remove_all(dir_); }

  std::vector<ledger::Ambiguity> Append(const ledger::SecretKey& key, int64_t serial,
                                        const std::string& type, const std::string& date,
                                        Json body) {
    Json draft = {
        {"format", 1},      {"party", key.pub.party},      {"serial", serial},       {"type", type},
        {"occurred", date}, {"sent", date + "T12:00:00Z"}, {"body", std::move(body)}};
    auto r =
        ledger_->AppendParsed({ledger::testing::Signed(draft, key)}, ledger::testing::TestNow());
    EXPECT_TRUE(r.ok()) << r.status().message();
    return r.ok() ? r->ambiguities : std::vector<ledger::Ambiguity>{};
  }
  static Json Notice(const std::string& kind, const std::string& site) {
    return {{"kind", kind}, {"site", site}, {"inspected_party", "US"}};
  }

  std::string dir_;
  ledger::SecretKey us_, ru_;
  std::unique_ptr<ledger::Ledger> ledger_;
  treaty::Treaty treaty_;
  std::unique_ptr<forces::Counter> counter_;
};

TEST_F(LedgerInspectionsTest, ANoticeInOrderRaisesNothing) {
  EXPECT_TRUE(
      Append(ru_, 1, "inspection_notice", "2020-09-10", Notice("type_one", "fe-warren")).empty());
  auto logged = LoadInspections(*ledger_);
  ASSERT_TRUE(logged.ok());
  ASSERT_EQ(logged->notices.size(), 1u);
  EXPECT_EQ(logged->notices[0].ledger_index, 1u);
}

TEST_F(LedgerInspectionsTest, TheEleventhTypeOneIsAnAmbiguity) {
  for (int s = 1; s <= 10; ++s) {
    const std::string day = (s < 10 ? "0" : "") + std::to_string(s);
    auto found =
        Append(ru_, s, "inspection_notice", "2020-09-" + day, Notice("type_one", "malmstrom"));
    EXPECT_TRUE(found.empty()) << (found.empty() ? "" : found[0].message);
  }
  auto found = Append(ru_, 11, "inspection_notice", "2020-10-01", Notice("type_one", "fe-warren"));
  ASSERT_EQ(found.size(), 1u);
  EXPECT_EQ(found[0].kind, ledger::AmbiguityKind::kInspectionRule);
  EXPECT_EQ(found[0].evidence.at("issue"), "quota_exceeded");
  EXPECT_EQ(found[0].index, 11u);
  // Stored with the log, and the notification itself was accepted.
  auto stored = ledger_->Ambiguities();
  ASSERT_TRUE(stored.ok());
  EXPECT_EQ(stored->back().kind, ledger::AmbiguityKind::kInspectionRule);
  EXPECT_EQ(*ledger_->Size(), 12u);
}

TEST_F(LedgerInspectionsTest, FindingsAreComparedWithTheReplayedState) {
  Json findings = Notice("type_one", "fe-warren");
  findings["designated"] = {"US-MM3-W-001/M"};
  findings["reentry_vehicles"] = {{{"uid", "US-MM3-W-001/M"}, {"counted", 2}}};
  auto found = Append(ru_, 1, "inspection_findings", "2020-09-10", findings);
  ASSERT_EQ(found.size(), 1u);
  EXPECT_EQ(found[0].kind, ledger::AmbiguityKind::kInspectionDiscrepancy);
  EXPECT_EQ(found[0].message, "missile US-MM3-W-001/M: 2 reentry vehicles counted, 1 declared");
}

TEST_F(LedgerInspectionsTest, AMalformedInspectionBodyIsFlaggedNotLost) {
  auto found = Append(ru_, 1, "inspection_notice", "2020-09-10",
                      {{"kind", "type_one"}, {"site", "fe-warren"}, {"inspected_party", "RU"}});
  ASSERT_EQ(found.size(), 1u);
  EXPECT_EQ(found[0].evidence.at("issue"), "malformed_inspection");
  EXPECT_EQ(found[0].message, "body.inspected_party: a party cannot inspect itself");
}

// One failure policy: a malformed record stays stored with its ambiguity and
// blinds nothing; the 11th Type One notice still exceeds the quota.
TEST_F(LedgerInspectionsTest, TheEleventhTypeOneExceedsTheQuotaWithAMalformedRecordBeforeIt) {
  auto bad = Append(ru_, 1, "inspection_notice", "2020-09-02",
                    {{"kind", "type_one"}, {"site", "malmstrom"}, {"inspected_party", "RU"}});
  ASSERT_EQ(bad.size(), 1u);
  EXPECT_EQ(bad[0].evidence.at("issue"), "malformed_inspection");
  for (int s = 2; s <= 11; ++s) {
    const std::string day = (s < 10 ? "0" : "") + std::to_string(s);
    auto found =
        Append(ru_, s, "inspection_notice", "2020-09-" + day, Notice("type_one", "malmstrom"));
    EXPECT_TRUE(found.empty()) << s << ": " << (found.empty() ? "" : found[0].message);
  }
  auto found = Append(ru_, 12, "inspection_notice", "2020-10-01", Notice("type_one", "fe-warren"));
  ASSERT_EQ(found.size(), 1u);
  EXPECT_EQ(found[0].evidence.at("issue"), "quota_exceeded");
  EXPECT_EQ(found[0].message, "Type One inspection 11 in treaty year 10; the quota is 10");

  auto logged = LoadInspections(*ledger_);
  ASSERT_TRUE(logged.ok()) << logged.status().message();
  EXPECT_EQ(logged->notices.size(), 11u);
  ASSERT_EQ(logged->malformed.size(), 1u);
  EXPECT_EQ(logged->malformed[0].index, 1u);
  EXPECT_EQ(logged->malformed[0].reason, "body.inspected_party: a party cannot inspect itself");
  auto quotas = LedgerQuotas(*ledger_, treaty_, {"RU", "US"}, std::nullopt);
  ASSERT_TRUE(quotas.ok());
  EXPECT_EQ(quotas->year, 10);
  EXPECT_EQ(quotas->parties[0].quotas[0].used, 11);
  EXPECT_EQ(quotas->parties[1].quotas[0].used, 0);
  EXPECT_EQ(quotas->notices.size(), 11u);
  EXPECT_EQ(quotas->malformed.size(), 1u);
}

// Inspection records are found by an index on their type: an unreadable
// entry of another type is not even read, and an unreadable inspection
// record is listed, not fatal.
TEST_F(LedgerInspectionsTest, OnlyInspectionRecordsAreReadAndABrokenOneIsListed) {
  Append(ru_, 1, "inspection_notice", "2020-09-10", Notice("type_one", "fe-warren"));
  Append(ru_, 2, "inspection_notice", "2020-09-11", Notice("type_one", "malmstrom"));
  auto corrupt = [&](int index) {  // behind the ledger's back, with SQLite itself
    sqlite3* db = nullptr;
    ASSERT_EQ(sqlite3_open((dir_ + "/" + ledger::kDatabaseFile).c_str(), &db), SQLITE_OK);
    const std::string sql = "UPDATE entries SET entry = '{' WHERE idx = " + std::to_string(index);
    EXPECT_EQ(sqlite3_exec(db, sql.c_str(), nullptr, nullptr, nullptr), SQLITE_OK);
    sqlite3_close(db);
  };
  corrupt(0);  // the data exchange
  auto logged = LoadInspections(*ledger_);
  ASSERT_TRUE(logged.ok()) << logged.status().message();
  EXPECT_EQ(logged->notices.size(), 2u);
  EXPECT_TRUE(logged->malformed.empty());
  corrupt(1);
  logged = LoadInspections(*ledger_);
  ASSERT_TRUE(logged.ok());
  ASSERT_EQ(logged->notices.size(), 1u);
  EXPECT_EQ(logged->notices[0].ledger_index, 2u);
  ASSERT_EQ(logged->malformed.size(), 1u);
  EXPECT_EQ(logged->malformed[0].index, 1u);
  EXPECT_EQ(logged->malformed[0].reason.rfind("entries[1]: ", 0), 0u)
      << logged->malformed[0].reason;
}

// A record is judged against the log before it, so appending the same
// notifications in one batch finds what appending them one by one finds.
TEST_F(LedgerInspectionsTest, ABatchIsJudgedAsTheSameRecordsOneByOne) {
  std::vector<ledger::Notification> batch;
  for (int s = 1; s <= 11; ++s) {
    const std::string day = (s < 10 ? "0" : "") + std::to_string(s);
    Json draft = {{"format", 1},
                  {"party", "RU"},
                  {"serial", s},
                  {"type", "inspection_notice"},
                  {"occurred", "2020-09-" + day},
                  {"sent", "2020-09-" + day + "T12:00:00Z"},
                  {"body", Notice("type_one", s == 11 ? "nowhere" : "malmstrom")}};
    batch.push_back(ledger::testing::Signed(draft, ru_));
  }
  auto r = ledger_->AppendParsed(batch, ledger::testing::TestNow());
  ASSERT_TRUE(r.ok()) << r.status().message();
  std::vector<std::string> issues;
  for (const auto& a : r->ambiguities) {
    if (a.kind == ledger::AmbiguityKind::kInspectionRule) issues.push_back(a.evidence.at("issue"));
  }
  EXPECT_EQ(issues, (std::vector<std::string>{"quota_exceeded", "unknown_site"}));
  EXPECT_EQ(r->ambiguities.back().index, 11u);
}

}  // namespace
}  // namespace verity::inspect
