// The shipped declarations reproduce the published aggregates, and the
// three shipped treaties judge the same force differently.
#include <gtest/gtest.h>

#include "forces/declaration_io.h"
#include "forces/public_series.h"
#include "forces/report.h"

namespace verity::forces {
namespace {

struct Shipped {
  treaty::Treaty treaty;
  Declaration decl;
  Counts counts;
  int64_t Limit(const std::string& id) const { return counts.limits[treaty.FindLimit(id)].count; }
  int64_t Category(const std::string& id) const {
    return counts.categories[treaty.FindCategory(id)];
  }
};

Shipped Count(const std::string& decl, const std::string& treaty = "new-start") {
  Shipped s{*treaty::LoadTreaty(treaty), {}, {}};
  auto d = LoadDeclaration(decl);
  EXPECT_TRUE(d.ok()) << d.status().message();
  s.decl = std::move(d).value();
  s.counts = Counter(s.treaty).Count(s.decl);
  return s;
}

const PublicAggregate& Published(const std::string& party, const std::string& date) {
  static const auto series = *LoadPublicSeries();
  for (const auto& a : series) {
    if (a.party == party && a.date.ToString() == date) return a;
  }
  ADD_FAILURE() << "no published row " << party << " " << date;
  return series.front();
}

TEST(ShippedDataTest, Us2020ReproducesThePublishedAggregates) {
  const Shipped s = Count("us-2020-09-01");
  const PublicAggregate& p = Published("US", "2020-09-01");
  EXPECT_EQ(s.Limit("deployed"), *p.deployed);
  EXPECT_EQ(s.Limit("warheads"), *p.warheads);
  EXPECT_EQ(s.Limit("launchers"), *p.launchers);
  EXPECT_EQ(s.Limit("deployed"), 675);
  EXPECT_EQ(s.Limit("warheads"), 1457);
  EXPECT_EQ(s.Limit("launchers"), 800);
}

TEST(ShippedDataTest, Us2020MatchesTheOfficialPerTypeTable) {
  // State Dept fact sheet for 1 Sep 2020: MM-III 397 deployed, 261 non-deployed,
  // 454 launchers (57 non-deployed, 4 test); Trident II 230 / 234 / 280 (50);
  // bombers 12 + 36 deployed, 8 + 10 non-deployed; 41 B-52H non-nuclear.
  const Shipped s = Count("us-2020-09-01");
  EXPECT_EQ(s.Category("deployed_icbm"), 397);
  EXPECT_EQ(s.Category("nondeployed_icbm"), 261);
  EXPECT_EQ(s.Category("icbm_launcher"), 454);
  EXPECT_EQ(s.Category("nondeployed_icbm_launcher"), 57);
  EXPECT_EQ(s.Category("test_launcher"), 4);
  EXPECT_EQ(s.Category("deployed_slbm"), 230);
  EXPECT_EQ(s.Category("nondeployed_slbm"), 234);
  EXPECT_EQ(s.Category("slbm_launcher"), 280);
  EXPECT_EQ(s.Category("nondeployed_slbm_launcher"), 50);
  EXPECT_EQ(s.Category("deployed_heavy_bomber"), 48);
  EXPECT_EQ(s.Category("nondeployed_heavy_bomber"), 18);
  EXPECT_EQ(s.Category("non_nuclear_heavy_bomber"), 41);
}

TEST(ShippedDataTest, Ru2021ReproducesThePublishedAggregates) {
  const Shipped s = Count("ru-2021-09-01");
  const PublicAggregate& p = Published("RU", "2021-09-01");
  EXPECT_EQ(s.Limit("deployed"), *p.deployed);
  EXPECT_EQ(s.Limit("warheads"), *p.warheads);
  EXPECT_EQ(s.Limit("launchers"), *p.launchers);
}

TEST(ShippedDataTest, ThreeTreatiesGiveThreeVerdicts) {
  const Shipped base = Count("us-2020-09-01", "new-start");
  const Shipped lower = Count("us-2020-09-01", "follow-on-example");
  const Shipped bombers = Count("us-2020-09-01", "bomber-capacity-example");
  auto verdict = [](const Shipped& s) {
    std::string v;
    for (size_t l = 0; l < s.treaty.limits.size(); ++l) {
      v += std::string(treaty::Name(
               s.treaty.StatusOn(s.decl.as_of, s.treaty.limits[l], s.counts.limits[l].count))) +
           " ";
    }
    return v;
  };
  EXPECT_EQ(verdict(base), "within within within ");
  EXPECT_EQ(verdict(lower), "over over over ");
  EXPECT_EQ(verdict(bombers), "within over within ");
  // 1,457 - 48 (one per bomber) + 12 B-2A x 16 + 36 B-52H x 20.
  EXPECT_EQ(bombers.Limit("warheads"), 1457 - 48 + 12 * 16 + 36 * 20);
}

TEST(ShippedDataTest, PublicSeriesKeepsUnknownsUnknown) {
  const PublicAggregate& ru2023 = Published("RU", "2023-03-01");
  EXPECT_FALSE(ru2023.deployed.has_value());
  EXPECT_FALSE(ru2023.warheads.has_value());
  const PublicAggregate& us2012 = Published("US", "2012-09-01");
  EXPECT_FALSE(us2012.deployed.has_value());
  EXPECT_EQ(*us2012.warheads, 1722);
  EXPECT_FALSE(us2012.source.empty());
}

}  // namespace
}  // namespace verity::forces
