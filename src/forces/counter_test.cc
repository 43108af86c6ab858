#include "forces/counter.h"

#include <gtest/gtest.h>

#include <numeric>

#include "forces/declaration_io.h"

namespace verity::forces {
namespace {

class CounterTest : public testing::Test {
 protected:
  void SetUp() override {
    auto t = treaty::LoadTreaty("new-start");
    ASSERT_TRUE(t.ok()) << t.status().message();
    treaty_ = std::move(t).value();
    auto d = LoadDeclaration("us-2020-09-01");
    ASSERT_TRUE(d.ok()) << d.status().message();
    decl_ = std::move(d).value();
  }
  treaty::Treaty treaty_;
  Declaration decl_;
};

TEST_F(CounterTest, CachedCountEqualsRuleByRuleClassification) {
  Counter counter(treaty_);
  const Counts counts = counter.Count(decl_);
  const auto loaded = Loaded(decl_);
  std::vector<int64_t> direct(treaty_.categories.size(), 0);
  for (size_t i = 0; i < decl_.items.size(); ++i) {
    const uint64_t mask = counter.Classify(decl_, i, loaded);
    for (size_t c = 0; c < direct.size(); ++c) direct[c] += (mask >> c) & 1;
  }
  EXPECT_EQ(counts.categories, direct);
}

TEST_F(CounterTest, BreakdownsAndExplanationSumToTheTotal) {
  Counter counter(treaty_);
  const Counts counts = counter.Count(decl_);
  for (size_t l = 0; l < treaty_.limits.size(); ++l) {
    const LimitCount& c = counts.limits[l];
    EXPECT_EQ(std::accumulate(c.by_type.begin(), c.by_type.end(), int64_t{0}), c.count);
    EXPECT_EQ(std::accumulate(c.by_facility.begin(), c.by_facility.end(), int64_t{0}), c.count);
    int64_t explained = 0;
    for (const auto& e : counter.Explain(decl_, static_cast<int>(l))) explained += e.amount;
    EXPECT_EQ(explained, c.count) << treaty_.limits[l].id;
  }
}

TEST_F(CounterTest, UnloadingOneMissileMovesItsLauncherToNonDeployed) {
  Counter counter(treaty_);
  const Counts before = counter.Count(decl_);
  // Take the first deployed Minuteman out of its silo into storage.
  for (Item& it : decl_.items) {
    if (it.kind == ItemKind::kMissile && it.container != kNoIndex) {
      it.container = kNoIndex;
      it.facility = decl_.FindFacility("hill");
      break;
    }
  }
  const Counts after = counter.Count(decl_);
  const int dep = treaty_.FindLimit("deployed"), war = treaty_.FindLimit("warheads"),
            lau = treaty_.FindLimit("launchers");
  EXPECT_EQ(after.limits[dep].count, before.limits[dep].count - 1);
  EXPECT_EQ(after.limits[war].count, before.limits[war].count - 1);
  EXPECT_EQ(after.limits[lau].count, before.limits[lau].count);
  const int nd = treaty_.FindCategory("nondeployed_icbm_launcher");
  EXPECT_EQ(after.categories[nd], before.categories[nd] + 1);
}

}  // namespace
}  // namespace verity::forces
