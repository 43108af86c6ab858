#include "forces/compare.h"

#include <gtest/gtest.h>

#include "forces/declaration_io.h"

namespace verity::forces {
namespace {

class CompareTest : public testing::Test {
 protected:
  void SetUp() override {
    for (const char* name : {"new-start", "follow-on-example", "bomber-capacity-example"}) {
      auto t = treaty::LoadTreaty(name);
      ASSERT_TRUE(t.ok()) << t.status().message();
      treaties_.push_back(std::move(t).value());
    }
    auto d = LoadDeclaration("us-2020-09-01");
    ASSERT_TRUE(d.ok()) << d.status().message();
    us_ = std::move(d).value();
  }
  std::vector<const treaty::Treaty*> Pointers() const {
    std::vector<const treaty::Treaty*> out;
    for (const auto& t : treaties_) out.push_back(&t);
    return out;
  }
  std::vector<treaty::Treaty> treaties_;
  Declaration us_;
};

TEST_F(CompareTest, TheThreeShippedTreatiesJudgeTheUsForceDifferently) {
  const Json j = CompareJson(Compare(Pointers(), {&us_}));
  ASSERT_EQ(j.at("rows").size(), 3u);
  std::map<std::string, Json> rows;
  for (const auto& r : j.at("rows")) rows[r.at("limit")] = r.at("cells");
  // New START: 675 / 1,457 / 800, all within (the published US figures).
  EXPECT_EQ(rows["deployed"].at("new-start").at("count"), 675);
  EXPECT_EQ(rows["warheads"].at("new-start").at("count"), 1457);
  EXPECT_EQ(rows["launchers"].at("new-start").at("count"), 800);
  for (const char* l : {"deployed", "warheads", "launchers"}) {
    EXPECT_EQ(rows[l].at("new-start").at("status"), "within") << l;
    // Follow-on example, 500 / 1,000 / 600: the same counts are all over.
    EXPECT_EQ(rows[l].at("follow-on-example").at("status"), "over") << l;
  }
  EXPECT_EQ(rows["deployed"].at("follow-on-example").at("headroom"), 500 - 675);
  // Bombers at capacity: 1,457 - 48 bombers x 1 + 12 B-2A x 16 + 36 B-52H x 20 = 2,321.
  EXPECT_EQ(rows["warheads"].at("bomber-capacity-example").at("count"), 2321);
  EXPECT_EQ(rows["warheads"].at("bomber-capacity-example").at("status"), "over");
  EXPECT_EQ(rows["deployed"].at("bomber-capacity-example").at("status"), "within");
}

TEST_F(CompareTest, ALimitATreatyLacksIsAbsent) {
  treaty::Treaty two = treaties_[0];
  two.id = "two-limits";
  two.limits.erase(two.limits.begin() + two.FindLimit("launchers"));
  const Comparison c = Compare({&two, &treaties_[1]}, {&us_});
  const Json j = CompareJson(c);
  const Json& launchers = j.at("rows").at(2);
  EXPECT_EQ(launchers.at("limit"), "launchers");
  EXPECT_TRUE(launchers.at("cells").at("two-limits").is_null());
  EXPECT_EQ(launchers.at("cells").at("follow-on-example").at("count"), 800);
  EXPECT_NE(CompareText(c).find("absent"), std::string::npos);
  EXPECT_NE(CompareCsv(c).find("US,2020-09-01,launchers,two-limits,,,,absent,,"), std::string::npos);
}

TEST_F(CompareTest, AsOfBeforeTheLimitsBindIsNotBinding) {
  const Json j = CompareJson(Compare(Pointers(), {&us_}, Date::FromYmd(2015, 1, 1)));
  EXPECT_EQ(j.at("rows").at(0).at("cells").at("follow-on-example").at("status"), "not_binding");
  EXPECT_EQ(j.at("rows").at(0).at("as_of"), "2015-01-01");
}

}  // namespace
}  // namespace verity::forces
