#include "treaty/rule.h"

#include <gtest/gtest.h>

namespace verity::treaty {
namespace {

FactRow Facts(ItemKind kind, FacilityType where, int32_t warheads = 0) {
  FactRow f{};
  f.fill(0);
  f[static_cast<size_t>(Field::kKind)] = static_cast<int32_t>(kind);
  f[static_cast<size_t>(Field::kFacility)] = static_cast<int32_t>(where);
  f[static_cast<size_t>(Field::kWarheads)] = warheads;
  f[static_cast<size_t>(Field::kLauncherKind)] = kNone;
  return f;
}

Rule MustCompile(std::string_view text, const Rule::CategoryLookup& lookup = nullptr) {
  auto r = Rule::Compile(text, lookup);
  EXPECT_TRUE(r.ok()) << r.status().message();
  return r.ok() ? *r : Rule();
}

TEST(RuleTest, ComparesEnumsBooleansAndIntegers) {
  Rule r = MustCompile("kind == missile and not eliminated and warheads >= 2");
  EXPECT_TRUE(r.Matches(Facts(ItemKind::kMissile, FacilityType::kIcbmBase, 2)));
  EXPECT_FALSE(r.Matches(Facts(ItemKind::kMissile, FacilityType::kIcbmBase, 1)));
  EXPECT_FALSE(r.Matches(Facts(ItemKind::kSiloLauncher, FacilityType::kIcbmBase, 3)));
}

TEST(RuleTest, OrAndParenthesesFollowPrecedence) {
  // "a or b and c" is "a or (b and c)".
  Rule r = MustCompile("facility == air_base or kind == missile and warheads > 0");
  EXPECT_TRUE(r.Matches(Facts(ItemKind::kHeavyBomber, FacilityType::kAirBase)));
  EXPECT_FALSE(r.Matches(Facts(ItemKind::kMissile, FacilityType::kIcbmBase, 0)));
  Rule p = MustCompile("(facility == air_base or kind == missile) and warheads > 0");
  EXPECT_FALSE(p.Matches(Facts(ItemKind::kHeavyBomber, FacilityType::kAirBase)));
}

TEST(RuleTest, InListMatchesAnyValue) {
  Rule r = MustCompile("facility in [repair_facility, production_facility]");
  EXPECT_TRUE(r.Matches(Facts(ItemKind::kHeavyBomber, FacilityType::kProductionFacility)));
  EXPECT_FALSE(r.Matches(Facts(ItemKind::kHeavyBomber, FacilityType::kAirBase)));
}

TEST(RuleTest, MissingRelationEqualsNoValue) {
  Rule r = MustCompile("launcher.kind == silo_launcher");
  EXPECT_FALSE(r.Matches(Facts(ItemKind::kMissile, FacilityType::kStorageFacility)));
  Rule n = MustCompile("launcher.kind != silo_launcher");
  EXPECT_TRUE(n.Matches(Facts(ItemKind::kMissile, FacilityType::kStorageFacility)));
}

TEST(RuleTest, CategoryReferencesReadTheEarlierResult) {
  Rule base = MustCompile("kind == heavy_bomber");
  Rule r = MustCompile("bomber and not (facility == repair_facility)",
                       [](std::string_view id) { return id == "bomber" ? 0 : -1; });
  auto earlier = [&](const FactRow& f) { return base.Matches(f) ? uint64_t{1} : 0; };
  for (const FactRow& f : {Facts(ItemKind::kHeavyBomber, FacilityType::kAirBase),
                           Facts(ItemKind::kHeavyBomber, FacilityType::kRepairFacility),
                           Facts(ItemKind::kMissile, FacilityType::kAirBase)}) {
    const bool expected =
        base.Matches(f) && f[static_cast<size_t>(Field::kFacility)] !=
                               static_cast<int32_t>(FacilityType::kRepairFacility);
    EXPECT_EQ(r.Matches(f, earlier(f)), expected);
  }
  // The reference is the category's bit, not a copy of its rule.
  EXPECT_TRUE(r.Matches(Facts(ItemKind::kMissile, FacilityType::kAirBase), 1));
}

TEST(RuleTest, UnknownValueNamesColumnAndChoices) {
  auto r = Rule::Compile("facility == icbm_bse", nullptr);
  ASSERT_FALSE(r.ok());
  EXPECT_EQ(r.status().message().rfind(
                "column 13: unknown value 'icbm_bse' for facility (expected one of: icbm_base,", 0),
            0u)
      << r.status().message();
}

TEST(RuleTest, SyntaxErrorsAreSpecific) {
  EXPECT_EQ(Rule::Compile("kind == missile and", nullptr).status().message(),
            "column 20: expected a field, a category or '(', found end of rule");
  EXPECT_EQ(Rule::Compile("(kind == missile", nullptr).status().message(),
            "column 17: expected ')', found end of rule");
  EXPECT_EQ(Rule::Compile("kind = missile", nullptr).status().message(),
            "column 6: unexpected '=' (comparisons are ==, !=, <, <=, >, >=)");
  EXPECT_EQ(Rule::Compile("kind > missile", nullptr).status().message(),
            "column 6: '>' needs an integer field, and kind is not one");
  EXPECT_EQ(Rule::Compile("facility", nullptr).status().message(),
            "column 9: field 'facility' needs a comparison (==, !=, in), found end of rule");
  EXPECT_EQ(Rule::Compile("", nullptr).status().message(), "the rule is empty");
}

TEST(RuleTest, UnknownNameIsNeitherFieldNorCategory) {
  auto r = Rule::Compile("deployed_thing", [](std::string_view) { return -1; });
  EXPECT_EQ(r.status().message().rfind("column 1: 'deployed_thing' is neither a field (", 0), 0u)
      << r.status().message();
}

}  // namespace
}  // namespace verity::treaty
