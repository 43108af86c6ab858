// The rule language under hostile input: nesting is bounded before the
// compiler descends, and category references cost one step each.
#include <gtest/gtest.h>

#include "core/limits.h"
#include "treaty/rule.h"
#include "treaty/treaty.h"

namespace verity::treaty {
namespace {

std::string Repeat(std::string_view s, int n) {
  std::string out;
  for (int i = 0; i < n; ++i) out += s;
  return out;
}

std::string Parens(int n) { return Repeat("(", n) + "kind == missile" + Repeat(")", n); }
std::string Nots(int n) { return Repeat("not ", n) + "eliminated"; }

constexpr char kDates[] = R"(name = "hostile"
[dates]
signed = 2010-04-08
entry_into_force = 2011-02-05
limits_binding = 2018-02-05
expiry = 2026-02-05
)";

std::string CategoryToml(const std::string& id, const std::string& rule) {
  return "[[categories]]\nid = \"" + id + "\"\nrule = \"" + rule + "\"\n";
}

TEST(RuleLimitsTest, DeepParenthesesAndNotChainsAreRefusedWithTheirColumn) {
  // 20,000 parentheses and 100,000 `not`s crashed `verity check`.
  EXPECT_EQ(Rule::Compile(Parens(20'000), nullptr).status().message(),
            "column 65: parentheses and 'not' nested deeper than the limit of 64");
  EXPECT_EQ(Rule::Compile(Nots(100'000), nullptr).status().message(),
            "column 257: parentheses and 'not' nested deeper than the limit of 64");
  EXPECT_EQ(
      Rule::Compile("kind == missile and " + Repeat("not (", 40) + "eliminated" + Repeat(")", 40),
                    nullptr)
          .status()
          .message(),
      "column 181: parentheses and 'not' nested deeper than the limit of 64");
}

TEST(RuleLimitsTest, NestingUpToTheLimitCompilesAndEvaluates) {
  const int limit = limits::kMaxRuleDepth;
  FactRow missile{};
  missile.fill(0);
  missile[static_cast<size_t>(Field::kKind)] = static_cast<int32_t>(ItemKind::kMissile);
  auto p = Rule::Compile(Parens(limit), nullptr);
  ASSERT_TRUE(p.ok()) << p.status().message();
  EXPECT_TRUE(p->Matches(missile));
  auto n = Rule::Compile(Nots(limit), nullptr);  // an even number of nots
  ASSERT_TRUE(n.ok()) << n.status().message();
  EXPECT_FALSE(n->Matches(missile));
  // The deepest stack a rule can need: a pending operand at every level.
  std::string right = "eliminated";
  for (int i = 0; i < limit; ++i) right = "eliminated or (" + right + ")";
  auto deep = Rule::Compile(right, nullptr);
  ASSERT_TRUE(deep.ok()) << deep.status().message();
  EXPECT_FALSE(deep->Matches(missile));
  EXPECT_FALSE(Rule::Compile(Parens(limit + 1), nullptr).ok());
}

TEST(RuleLimitsTest, UnexpectedCharactersAreEscapedInTheMessage) {
  EXPECT_EQ(Rule::Compile("kind == missile \xC3\xA9", nullptr).status().message(),
            "column 17: unexpected character '\xC3\xA9'");
  EXPECT_EQ(Rule::Compile("kind == missile \x1B[2J", nullptr).status().message(),
            "column 17: unexpected character '\\x1B'");
}

// `c1 = c0 and c0`, ..., `c40 = c39 and c39`: 4 KB of TOML that took 5 GB
// when references were inlined (2^40 copies of c0).
TEST(RuleLimitsTest, CategoryChainsCompileToOneStepPerReference) {
  std::string doc = std::string(kDates) + CategoryToml("c0", "kind == missile");
  for (int i = 1; i <= 40; ++i) {
    const std::string prev = "c" + std::to_string(i - 1);
    doc += CategoryToml("c" + std::to_string(i), prev + " and " + prev);
  }
  auto t = ParseTreaty(doc, "chain.toml", "chain");
  ASSERT_TRUE(t.ok()) << t.status().message();
  for (const Category& c : t->categories) EXPECT_LE(c.rule.size(), 4u) << c.id;
  FactRow missile{};
  missile.fill(0);
  missile[static_cast<size_t>(Field::kKind)] = static_cast<int32_t>(ItemKind::kMissile);
  FactRow bomber = missile;
  bomber[static_cast<size_t>(Field::kKind)] = static_cast<int32_t>(ItemKind::kHeavyBomber);
  EXPECT_EQ(t->CategoriesOf(missile), (uint64_t{1} << 41) - 1);
  EXPECT_EQ(t->CategoriesOf(bomber), 0u);
}

TEST(RuleLimitsTest, MoreCategoriesThanAMaskHoldsAreRefused) {
  std::string doc = kDates;
  for (int i = 0; i <= limits::kMaxCategories; ++i) {
    doc += CategoryToml("c" + std::to_string(i), "kind == missile");
  }
  EXPECT_EQ(ParseTreaty(doc, "many.toml", "many").status().message(),
            "many.toml: categories: 65 categories, more than the limit of 64");
}

TEST(RuleLimitsTest, ADeepRuleInATreatyFileNamesTheFileAndCategory) {
  const std::string doc = std::string(kDates) + CategoryToml("deep", Nots(100'000));
  EXPECT_EQ(ParseTreaty(doc, "nots.toml", "nots").status().message(),
            "nots.toml: categories[0].rule: column 257: parentheses and 'not' nested deeper than "
            "the limit of 64");
}

}  // namespace
}  // namespace verity::treaty
