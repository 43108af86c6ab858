// One way to open a ledger under a treaty: an export re-imported with the
// treaty's finders finds exactly the ambiguities the original appends found,
// the inspections' included.
#include "inspect/treaty_ledger.h"

#include <gtest/gtest.h>

#include <filesystem>
#include <sstream>
#include <tuple>

#include "inspect/test_util.h"
#include "ledger/archive.h"
#include "ledger/test_util.h"

namespace verity::inspect {
namespace {

using ledger::Ambiguity;
using ledger::testing::TestKey;
using ledger::testing::TestNow;

// Ambiguities in a comparable order: by index, then kind, message, evidence
// (within one append the finders' order is theirs).
std::vector<std::tuple<uint64_t, std::string, std::string, std::string, std::string>> Sorted(
    const std::vector<Ambiguity>& found) {
  std::vector<std::tuple<uint64_t, std::string, std::string, std::string, std::string>> out;
  for (const Ambiguity& a : found) {
    out.emplace_back(a.index, std::string(ledger::Name(a.kind)), a.party, a.message,
                     a.evidence.dump());
  }
  std::sort(out.begin(), out.end());
  return out;
}

class TreatyLedgerTest : public ::testing::Test {
 protected:
  void SetUp() override {
    dir_ = ledger::testing::FreshDir("treaty-ledger");
    const std::vector<ledger::PublicKey> keys{us_.pub, ru_.pub};
    ASSERT_TRUE(ledger::Ledger::Init(dir_, keys).ok());
    auto opened = OpenForTreaty(dir_, "new-start");
    ASSERT_TRUE(opened.ok()) << opened.status().message();
    opened_ = std::move(*opened);
  }
  void TearDown() override {
    opened_.ledger.reset();
    std::filesystem::remove_all(dir_);
    std::filesystem::remove_all(dir_ + "-copy");
  }

  void Append(const ledger::SecretKey& key, const std::string& type, const std::string& date,
              Json body) {
    const Json draft = {{"format", 1},
                        {"party", key.pub.party},
                        {"serial", ++serial_[key.pub.party]},
                        {"type", type},
                        {"occurred", date},
                        {"sent", date + "T12:00:00Z"},
                        {"body", std::move(body)}};
    const std::vector<ledger::BatchItem> batch = {
        {ledger::SignNotification(draft, key).value(), type}};
    auto r = opened_.ledger->Append(batch, TestNow());
    ASSERT_TRUE(r.ok()) << r.status().message();
  }

  // A history whose appends raise every kind of inspection ambiguity.
  void AppendHistory() {
    Append(us_, "data_exchange", "2020-09-01", {{"declaration", testing::SmallUsDeclaration()}});
    const Json notice = {{"kind", "type_one"}, {"site", "malmstrom"}, {"inspected_party", "US"}};
    Append(ru_, "inspection_notice", "2020-09-02",
           {{"kind", "type_one"}, {"site", "malmstrom"}, {"inspected_party", "RU"}});
    for (int d = 3; d <= 13; ++d) {
      Append(ru_, "inspection_notice",
             "2020-09-" + std::string(d < 10 ? "0" : "") + std::to_string(d), notice);
    }
    Append(ru_, "inspection_notice", "2020-09-20",
           {{"kind", "type_two"}, {"site", "minot-air"}, {"inspected_party", "US"}});
    Append(ru_, "inspection_findings", "2020-09-21",
           {{"kind", "type_one"},
            {"site", "fe-warren"},
            {"inspected_party", "US"},
            {"reentry_vehicles", {{{"uid", "US-MM3-W-001/M"}, {"counted", 2}}}},
            {"items_counted", {{{"type", "mm3-silo"}, {"count", 3}}}}});
    // A silo produced before the findings but notified after them: the
    // findings were judged without it (3 silos, as counted), and so must
    // a re-import that appends everything in one batch.
    Append(us_, "production", "2020-09-15",
           {{"uid", "US-NEW-1"}, {"type", "mm3-silo"}, {"facility", "fe-warren"}});
  }

  std::string Export() {
    std::ostringstream out;
    EXPECT_TRUE(ledger::ExportLedger(*opened_.ledger, out).ok());
    return out.str();
  }

  ledger::SecretKey us_ = TestKey("US", 1), ru_ = TestKey("RU", 2);
  std::map<std::string, int64_t> serial_;
  std::string dir_;
  TreatyLedger opened_;
};

TEST_F(TreatyLedgerTest, AnExportReimportsWithIdenticalAmbiguities) {
  AppendHistory();
  const auto original = opened_.ledger->Ambiguities().value();
  std::set<std::string> issues;
  for (const Ambiguity& a : original) {
    if (a.evidence.contains("issue")) issues.insert(a.evidence.at("issue").get<std::string>());
  }
  EXPECT_EQ(issues, (std::set<std::string>{"malformed_inspection", "quota_exceeded",
                                           "site_not_eligible", "rv_count_differs"}));
  auto r = ledger::ImportLedger(dir_ + "-copy", Export(), "export.jsonl", TestNow(),
                                *opened_.counter, MakeTreatyFinder);
  ASSERT_TRUE(r.ok()) << r.status().message();
  auto copy = ledger::Ledger::Open(dir_ + "-copy").value();
  EXPECT_EQ(Sorted(copy->Ambiguities().value()), Sorted(original));
}

// Without the inspections' finder (how import and the sample used to open
// a ledger) the same export loses the inspection ambiguities.
TEST_F(TreatyLedgerTest, TheReplaysFinderAloneWouldLoseThem) {
  AppendHistory();
  auto r = ledger::ImportLedger(dir_ + "-copy", Export(), "export.jsonl", TestNow(),
                                *opened_.counter, ledger::MakeAmbiguityFinder);
  ASSERT_TRUE(r.ok()) << r.status().message();
  auto copy = ledger::Ledger::Open(dir_ + "-copy").value();
  EXPECT_LT(copy->Ambiguities().value().size(), opened_.ledger->Ambiguities().value().size());
}

}  // namespace
}  // namespace verity::inspect
