#include "stats/scenario.h"

#include <gtest/gtest.h>

#include "stats/scenario_toml.h"

namespace verity::stats {
namespace {

constexpr const char* kGood = R"(
name = "three bases"
[[sites]]
id = "a"
deployed_missiles = 150
declared_warheads = 1
[[sites]]
id = "b"
deployed_missiles = 150
[[sites]]
id = "c"
deployed_missiles = 100
[[sites]]
id = "depot"
kind = "non_deployed"
non_deployed = 40
undeclared = 3
[concealment]
overloaded_missiles = 30
spread = "proportional"
[inspection]
type_one_per_year = 10
type_two_per_year = 8
site_choice = "weighted"
designation = "independent"
detection_probability = 0.9
[simulation]
trials = 5000
seed = 42
)";

Scenario Resolved(const char* text) {
  ScenarioFile f = ParseScenarioToml(text, "s.toml", ".").value();
  EXPECT_TRUE(ResolveScenario(&f.scenario).ok());
  return f.scenario;
}

std::string ErrorOf(const std::string& text) {
  StatusOr<ScenarioFile> f = ParseScenarioToml(text, "s.toml", ".");
  if (!f.ok()) return f.status().message();
  const Status s = ResolveScenario(&f->scenario);
  return s.ok() ? "ok" : s.message();
}

std::string Replace(std::string text, const std::string& from, const std::string& to) {
  text.replace(text.find(from), from.size(), to);
  return text;
}

TEST(ScenarioTomlTest, ReadsEveryField) {
  ScenarioFile f = ParseScenarioToml(kGood, "s.toml", ".").value();
  const Scenario& s = f.scenario;
  EXPECT_EQ(s.name, "three bases");
  ASSERT_EQ(s.force.sites.size(), 4u);
  EXPECT_EQ(s.force.sites[3].kind, SiteKind::kNonDeployed);
  EXPECT_EQ(s.force.sites[3].undeclared, 3);
  EXPECT_EQ(s.inspection.site_choice, SiteChoice::kWeighted);
  EXPECT_EQ(s.inspection.designation, Designation::kIndependent);
  EXPECT_DOUBLE_EQ(s.inspection.detection_probability, 0.9);
  EXPECT_EQ(*f.trials, 5000u);
  EXPECT_EQ(*f.seed, 42u);
  EXPECT_FALSE(f.declaration.has_value());
}

TEST(ScenarioTomlTest, DeclarationPathIsRelativeToTheScenario) {
  const ScenarioFile f =
      ParseScenarioToml("declaration = \"../declarations/us.json\"\n", "s.toml", "data/scenarios")
          .value();
  EXPECT_EQ(*f.declaration, "data/declarations/us.json");
}

TEST(ScenarioTomlTest, ErrorsNameTheKeyPathAndLine) {
  EXPECT_EQ(ErrorOf(Replace(kGood, "deployed_missiles = 150\n[[sites]]\nid = \"c\"",
                            "deployed_missiles = -4\n[[sites]]\nid = \"c\"")),
            "s.toml: sites[1].deployed_missiles (line 9): expected an integer between 0 and "
            "2147483648, got -4");
  EXPECT_EQ(ErrorOf(Replace(kGood, "spread = \"proportional\"", "spread = \"random\"")),
            "s.toml: concealment.spread (line 20): expected one of proportional, even, "
            "concentrated, explicit, got \"random\"");
  EXPECT_EQ(ErrorOf(Replace(kGood, "seed = 42", "seeds = 42")),
            "s.toml: simulation.seeds (line 29): unknown key");
  EXPECT_EQ(
      ErrorOf(Replace(kGood, "detection_probability = 0.9", "detection_probability = \"high\"")),
      "s.toml: inspection.detection_probability (line 26): expected a number, got the "
      "string \"high\"");
  EXPECT_EQ(ErrorOf("inspection = 3\n[[sites]]\nid = \"a\"\n"),
            "s.toml: inspection (line 1): expected a table, got 3");
}

TEST(ScenarioTomlTest, SyntaxErrorsGiveLineAndColumn) {
  const std::string e = ErrorOf("name = \"x\"\n[[sites]\n");
  EXPECT_EQ(e.rfind("s.toml: line 2, column ", 0), 0u) << e;
  EXPECT_NE(e.find("invalid TOML"), std::string::npos) << e;
}

TEST(ScenarioTomlTest, MissingSitesAreAnError) {
  EXPECT_EQ(ErrorOf("name = \"x\"\n"),
            "s.toml: sites: missing; expected [[sites]], a declaration file or [ledger_state]");
}

TEST(ResolveScenarioTest, TooManyOverloadedMissilesNamesTheKey) {
  EXPECT_EQ(ErrorOf(Replace(kGood, "overloaded_missiles = 30", "overloaded_missiles = 401")),
            "concealment.overloaded_missiles: 401 exceeds the 400 deployed missiles at bases");
}

TEST(ResolveScenarioTest, ExplicitOverloadMustFitTheBase) {
  const std::string text =
      Replace(Replace(kGood, "spread = \"proportional\"", "spread = \"explicit\""),
              "declared_warheads = 1", "overloaded = 151");
  EXPECT_EQ(ErrorOf(text),
            "sites[0].overloaded: expected between 0 and the 150 deployed missiles, got 151");
}

TEST(ResolveScenarioTest, DuplicateSiteIdsAreRejected) {
  EXPECT_EQ(ErrorOf(Replace(kGood, "id = \"b\"", "id = \"a\"")),
            "sites[1].id: duplicate site id 'a'");
}

TEST(ResolveScenarioTest, SpreadsFollowTheirRule) {
  auto shares = [](const char* spread) {
    const Scenario s = Resolved(Replace(kGood, "proportional", spread).c_str());
    return std::vector<int64_t>{s.force.sites[0].overloaded, s.force.sites[1].overloaded,
                                s.force.sites[2].overloaded, s.force.sites[3].overloaded};
  };
  // 30 x (150, 150, 100) / 400 = (11.25, 11.25, 7.5): the largest remainder gets the 30th.
  EXPECT_EQ(shares("proportional"), (std::vector<int64_t>{11, 11, 8, 0}));
  EXPECT_EQ(shares("even"), (std::vector<int64_t>{10, 10, 10, 0}));
  EXPECT_EQ(shares("concentrated"), (std::vector<int64_t>{30, 0, 0, 0}));
}

TEST(ResolveScenarioTest, EvenSpreadOverflowsSmallBases) {
  Scenario s;
  s.force.sites = {{.id = "small", .deployed_missiles = 2}, {.id = "big", .deployed_missiles = 50}};
  s.concealment.overloaded_missiles = 11;
  s.concealment.spread = Spread::kEven;
  ASSERT_TRUE(ResolveScenario(&s).ok());
  EXPECT_EQ(s.force.sites[0].overloaded, 2);
  EXPECT_EQ(s.force.sites[1].overloaded, 9);
}

}  // namespace
}  // namespace verity::stats
