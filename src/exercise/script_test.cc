#include "exercise/script.h"

#include <gtest/gtest.h>

#include <string>

#include "core/limits.h"
#include "exercise/test_util.h"

namespace verity::exercise {
namespace {

using testing::Shipped;

// The shipped hidden-missile script with `from` replaced by `to`.
std::string Edited(const std::string& from, const std::string& to) {
  return testing::Replaced(Shipped("hidden-missile"), from, to);
}

Status Checked(const std::string& text) {
  auto s = ParseScript(text, "t.toml");
  if (!s.ok()) return s.status();
  auto t = LoadScriptTreaty(*s);
  if (!t.ok()) return t.status();
  return CheckScript(&*s, *t);
}

void ExpectRefused(const std::string& text, const std::string& part) {
  Status s = Checked(text);
  ASSERT_FALSE(s.ok()) << part;
  EXPECT_EQ(s.code(), StatusCode::kInvalidArgument) << s.message();
  EXPECT_NE(s.message().find(part), std::string::npos) << s.message();
}

TEST(ExerciseScript, ShippedScriptsParseAndCheck) {
  const auto names = ShippedScripts();
  ASSERT_EQ(names.size(), 3u);
  for (const std::string& name : names) {
    auto s = LoadScript(name);
    ASSERT_TRUE(s.ok()) << s.status().message();
    EXPECT_FALSE(s->teaching_point.empty());
    auto t = LoadScriptTreaty(*s);
    ASSERT_TRUE(t.ok());
    Status c = CheckScript(&*s, *t);
    EXPECT_TRUE(c.ok()) << c.message();
    EXPECT_GT(s->policy.type_one, 0) << name;
  }
}

TEST(ExerciseScript, DefaultsComeFromTheTreatyQuotas) {
  auto s = ParseScript(Shipped("hidden-missile"), "h.toml");
  ASSERT_TRUE(s.ok());
  ASSERT_TRUE(CheckScript(&*s, *LoadScriptTreaty(*s)).ok());
  EXPECT_EQ(s->policy.type_one, 10);  // New START: ten Type One a year
  EXPECT_EQ(s->policy.type_two, 8);
  EXPECT_EQ(s->declaration.party, "RU");
}

TEST(ExerciseScript, RefusesBadValuesNamingTheKey) {
  ExpectRefused(Edited("years = 2", "years = 11"), "exercise.years");
  ExpectRefused(Edited("years = 2", "years = 20"), "exercise.years");
  ExpectRefused(Edited("choice = \"random\"", "choice = \"psychic\""),
                "policy.choice: unknown value 'psychic'");
  ExpectRefused(Edited("detection_probability = 1.0", "detection_probability = 1.5"),
                "policy.detection_probability");
  ExpectRefused(Edited("detection_probability = 1.0", "type_one = 11"),
                "policy.type_one: 11 inspections a year, more than the quota of 10");
  ExpectRefused(Edited("start = 2012-02-05", "start = 2012-03-01"),
                "exercise.start: 2012-03-01 is not the first day of a treaty year");
  ExpectRefused(Edited("start = 2012-02-05", "start = 2025-02-05"), "past the day");
  ExpectRefused(Edited("inspector = \"US\"", "inspector = \"RU\""), "exercise.inspector");
  ExpectRefused(Edited("inspector = \"US\"", "inspector = \"us\""), "exercise.inspector");
  ExpectRefused(Edited("seed = 20120205", "seed = 1\ncolour = 3"), "exercise.colour");
}

TEST(ExerciseScript, RefusesDeviationsThatDoNotFitTheDeclaration) {
  ExpectRefused(Edited("kind = \"hidden_item\"", "kind = \"teleport\""),
                "deviations[0].kind: unknown value 'teleport'");
  ExpectRefused(Edited("uid = \"X-HIDDEN-1\"", "uid = \"A-01\""),
                "deviations[0].uid: 'A-01' is declared");
  ExpectRefused(Edited("facility = \"base-b\"\nnote", "facility = \"base-z\"\nnote"),
                "deviations[0].facility: 'base-z' is not a declared facility");
  ExpectRefused(Edited("from = 2012-06-01", "from = 2015-06-01"),
                "deviations[0].from: 2015-06-01 is outside the exercise");
  ExpectRefused(Edited("type = \"icbm-x\"\nfacility = \"base-b\"\nnote",
                       "type = \"icbm-z\"\nfacility = \"base-b\"\nnote"),
                "deviations[0].type: 'icbm-z' is not a declared type");
}

TEST(ExerciseScript, RefusesMalformedTomlWithItsLine) {
  auto s = ParseScript("[exercise]\nname = \"x\n", "bad.toml");
  ASSERT_FALSE(s.ok());
  EXPECT_EQ(s.status().code(), StatusCode::kInvalidArgument);
  EXPECT_NE(s.status().message().find("bad.toml"), std::string::npos) << s.status().message();
  EXPECT_NE(s.status().message().find("line 2"), std::string::npos) << s.status().message();
}

TEST(ExerciseScript, RefusesOversizeScripts) {
  const std::string big(limits::kMaxExerciseScriptBytes + 1, '#');
  auto s = ParseScript(big, "big.toml");
  ASSERT_FALSE(s.ok());
  EXPECT_NE(s.status().message().find("more than the limit"), std::string::npos);
}

TEST(ExerciseScript, UnknownNameListsTheShippedOnes) {
  auto s = LoadScript("no-such-exercise");
  ASSERT_FALSE(s.ok());
  EXPECT_EQ(s.status().code(), StatusCode::kNotFound);
  EXPECT_NE(s.status().message().find("hidden-missile"), std::string::npos);
}

}  // namespace
}  // namespace verity::exercise
