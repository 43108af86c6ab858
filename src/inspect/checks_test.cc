#include "inspect/checks.h"

#include <gtest/gtest.h>

#include "forces/declaration_io.h"

namespace verity::inspect {
namespace {

class ChecksTest : public testing::Test {
 protected:
  void SetUp() override {
    treaty_ = *treaty::LoadTreaty("new-start");
    auto d = forces::LoadDeclaration("us-2020-09-01");
    ASSERT_TRUE(d.ok()) << d.status().message();
    us_ = std::move(d).value();
  }
  Inspection Notice(const std::string& kind, const std::string& site, const std::string& date,
                    std::vector<std::string> designated = {}) {
    Inspection n;
    n.inspecting_party = "RU";
    n.inspected_party = "US";
    n.kind = kind;
    n.site = site;
    n.date = *Date::Parse(date);
    n.designated = std::move(designated);
    return n;
  }
  std::vector<std::string> Kinds(const std::vector<Issue>& issues) {
    std::vector<std::string> k;
    for (const auto& i : issues) k.push_back(i.kind);
    return k;
  }
  treaty::Treaty treaty_;
  forces::Declaration us_;
};

TEST_F(ChecksTest, ATypeOneAtAnIcbmBaseWithOneDesignationIsInOrder) {
  auto n = Notice("type_one", "fe-warren", "2020-09-10", {"US-MM3-W-001/M"});
  EXPECT_TRUE(CheckNotice(treaty_, us_, n, {}).empty());
}

TEST_F(ChecksTest, TheEleventhTypeOneInATreatyYearExceedsTheQuota) {
  std::vector<Inspection> earlier;
  for (int i = 0; i < 10; ++i) earlier.push_back(Notice("type_one", "malmstrom", "2020-03-01"));
  // 2020-03-01 and 2020-09-10 are both in treaty year 10 (from 2020-02-05).
  auto issues = CheckNotice(treaty_, us_, Notice("type_one", "fe-warren", "2020-09-10"), earlier);
  ASSERT_EQ(Kinds(issues), std::vector<std::string>{"quota_exceeded"});
  EXPECT_EQ(issues[0].message, "Type One inspection 11 in treaty year 10; the quota is 10");
  EXPECT_EQ(issues[0].evidence.at("used"), 11);
  // The next treaty year starts afresh.
  EXPECT_TRUE(
      CheckNotice(treaty_, us_, Notice("type_one", "fe-warren", "2021-02-05"), earlier).empty());
}

TEST_F(ChecksTest, SiteTypeMustMatchTheInspectionKind) {
  auto issues = CheckNotice(treaty_, us_, Notice("type_one", "hill", "2020-09-10"), {});
  ASSERT_EQ(Kinds(issues), std::vector<std::string>{"site_not_eligible"});
  EXPECT_EQ(issues[0].message, "Type One inspections may not visit hill (a storage_facility)");
  EXPECT_TRUE(CheckNotice(treaty_, us_, Notice("type_two", "hill", "2020-09-10"), {}).empty());
  EXPECT_EQ(Kinds(CheckNotice(treaty_, us_, Notice("type_one", "nowhere", "2020-09-10"), {})),
            std::vector<std::string>{"unknown_site"});
  EXPECT_EQ(Kinds(CheckNotice(treaty_, us_, Notice("type_three", "hill", "2020-09-10"), {})),
            std::vector<std::string>{"unknown_inspection_kind"});
}

TEST_F(ChecksTest, DesignationsAreLimitedAndMustBeAtTheSite) {
  auto two = Notice("type_one", "fe-warren", "2020-09-10", {"US-MM3-W-001/M", "US-MM3-W-002/M"});
  EXPECT_EQ(Kinds(CheckNotice(treaty_, us_, two, {})),
            std::vector<std::string>{"too_many_designations"});
  auto away = Notice("type_one", "fe-warren", "2020-09-10", {"US-MM3-M-001/M"});
  auto issues = CheckNotice(treaty_, us_, away, {});
  ASSERT_EQ(Kinds(issues), std::vector<std::string>{"designated_not_at_site"});
  EXPECT_EQ(issues[0].message,
            "designated item US-MM3-M-001/M is declared at malmstrom, not fe-warren");
}

TEST_F(ChecksTest, FindingsThatAgreeRaiseNothing) {
  Findings f{Notice("type_one", "fe-warren", "2020-09-10", {"US-MM3-W-001/M"}),
             {{"US-MM3-W-001/M", 1}},
             {"US-MM3-W-001"},
             {{"mm3-silo", 150}}};
  EXPECT_TRUE(CompareFindings(us_, f).empty());
}

TEST_F(ChecksTest, EachDiscrepancyNamesTheItemAndBothNumbers) {
  Findings f{Notice("type_one", "fe-warren", "2020-09-10", {"US-MM3-W-001/M"}),
             {{"US-MM3-W-001/M", 3}},
             {"US-MM3-M-001", "XX-404"},
             {{"mm3-silo", 149}}};
  auto issues = CompareFindings(us_, f);
  ASSERT_EQ(Kinds(issues), (std::vector<std::string>{"rv_count_differs", "uid_elsewhere",
                                                     "undeclared_uid", "type_count_differs"}));
  EXPECT_EQ(issues[0].message, "missile US-MM3-W-001/M: 3 reentry vehicles counted, 1 declared");
  EXPECT_EQ(issues[0].evidence.at("declared"), 1);
  EXPECT_EQ(issues[0].evidence.at("found"), 3);
  EXPECT_EQ(issues[1].message, "item US-MM3-M-001 seen at fe-warren is declared at malmstrom");
  EXPECT_EQ(issues[3].message, "mm3-silo at fe-warren: 149 counted, 150 declared");
}

TEST_F(ChecksTest, QuotaUsageCountsOnlyThatPartyAndYear) {
  std::vector<Inspection> notices{Notice("type_one", "fe-warren", "2020-03-01"),
                                  Notice("type_two", "hill", "2020-04-01"),
                                  Notice("type_one", "malmstrom", "2021-03-01")};
  notices[0].ledger_index = 7;
  auto use = QuotaUsage(treaty_, notices, "RU", 10);
  ASSERT_EQ(use.size(), 2u);
  EXPECT_EQ(use[0].kind, "type_one");
  EXPECT_EQ(use[0].used, 1);
  EXPECT_EQ(use[0].allowed, 10);
  EXPECT_EQ(use[0].ledger_indices, std::vector<uint64_t>{7});
  EXPECT_EQ(use[1].used, 1);
  EXPECT_EQ(QuotaUsage(treaty_, notices, "US", 10)[0].used, 0);
}

// The members' types are the ledger's to check (ledger/body.h); what the
// inspection rules need beyond them is checked here.
TEST(InspectionBodyTest, ReadsTypedBodiesAndRejectsWithPaths) {
  const Date day = *Date::Parse("2020-09-10");
  auto typed = [](ledger::NotificationType t, const char* text) {
    return ledger::ParseBody(t, *ParseJson(text, "t"), "body");
  };
  auto bad = typed(ledger::NotificationType::kInspectionFindings,
                   R"({"kind": "type_one", "site": "fe-warren", "inspected_party": "US",
                       "reentry_vehicles": [{"uid": "M1", "counted": -1}]})");
  EXPECT_EQ(bad.status().message(),
            "body.reentry_vehicles[0].counted: -1 is out of range (expected 0..1000000)");
  auto self = typed(ledger::NotificationType::kInspectionNotice,
                    R"({"kind": "type_one", "site": "x", "inspected_party": "RU"})");
  ASSERT_TRUE(self.ok());
  EXPECT_EQ(ReadNotice(std::get<ledger::InspectionNoticeBody>(self->value), "RU", day, 1)
                .status()
                .message(),
            "body.inspected_party: a party cannot inspect itself");
  auto siteless = typed(ledger::NotificationType::kInspectionNotice,
                        R"({"kind": "type_one", "inspected_party": "US", "arrival": "06:00"})");
  ASSERT_TRUE(siteless.ok());
  EXPECT_EQ(ReadNotice(std::get<ledger::InspectionNoticeBody>(siteless->value), "RU", day, 1)
                .status()
                .message(),
            "body.site: missing (required)");
  Findings ok{};
  ok.inspection.kind = "type_two";
  ok.inspection.site = "hill";
  ok.inspection.inspected_party = "US";
  ok.items_counted = {{"mm3", 261}};
  auto body =
      ledger::ParseBody(ledger::NotificationType::kInspectionFindings, FindingsBody(ok), "body");
  ASSERT_TRUE(body.ok()) << body.status().message();
  auto again = ReadFindings(std::get<ledger::InspectionFindingsBody>(body->value), "RU", day, 1);
  ASSERT_TRUE(again.ok()) << again.status().message();
  EXPECT_EQ(again->items_counted[0].count, 261);
}

}  // namespace
}  // namespace verity::inspect
