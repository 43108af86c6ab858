// Inspections recorded in a real ledger (SQLite, signed notifications):
// the finder flags quota, site and findings problems as ambiguities.
#include "inspect/ledger_inspections.h"

#include <gtest/gtest.h>

#include <filesystem>

#include "forces/declaration_io.h"
#include "ledger/replay.h"
#include "ledger/test_util.h"

namespace verity::inspect {
namespace {

using ledger::testing::TestKey;

class LedgerInspectionsTest : public testing::Test {
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
    auto decl = forces::LoadDeclaration("us-2020-09-01");
    ASSERT_TRUE(decl.ok());
    Append(us_, 1, "data_exchange", "2020-09-01",
           {{"declaration", forces::DeclarationToJson(*decl)}});
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

}  // namespace
}  // namespace verity::inspect
