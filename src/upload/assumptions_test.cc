#include "upload/assumptions.h"

#include <gtest/gtest.h>

#include "forces/declaration_io.h"
#include "upload/upload.h"

namespace verity::upload {
namespace {

constexpr std::string_view kGood = R"(party = "XX"
source = "test file"
[types.m]
max_loading = { value = 3, low = 2, high = 3, source = "sheet" }
warheads_available = { value = 10, source = "guess" }
upload_rate = { value = 2, source = "guess" }
)";

TEST(AssumptionsTest, ReadsValuesRangesAndSources) {
  auto a = ParseAssumptions(kGood, "a.toml");
  ASSERT_TRUE(a.ok()) << a.status().message();
  EXPECT_EQ(a->party, "XX");
  const TypeAssumptions* m = a->Find("m");
  ASSERT_NE(m, nullptr);
  EXPECT_EQ(m->max_loading.value, 3);
  EXPECT_EQ(m->max_loading.low, 2);
  EXPECT_EQ(m->max_loading.high, 3);
  EXPECT_EQ(m->max_loading.source, "sheet");
  EXPECT_EQ(m->warheads_available.low, 10);
  EXPECT_TRUE(m->reload_months.source.empty());
  const Json j = AssumptionsJson(*a);
  EXPECT_EQ(j.at("types").at("m").at("max_loading").at("source"), "sheet");
  EXPECT_FALSE(j.at("types").at("m").contains("reload_months"));
  EXPECT_NE(AssumptionsText(*a).find("sheet"), std::string::npos);
}

struct BadFile {
  std::string replace, with, error;
};

TEST(AssumptionsTest, BadFilesNameTheKeyPath) {
  const BadFile cases[] = {
      {R"(upload_rate = { value = 2, source = "guess" })", R"(upload_rate = { value = 2 })",
       "a.toml: types.m.upload_rate.source: missing (required)"},
      {R"(upload_rate = { value = 2, source = "guess" })", R"(upload_rate = 2)",
       "a.toml: types.m.upload_rate: expected a table"},
      {R"(upload_rate = { value = 2, source = "guess" })", R"(upload_rate = { value = 0, source = "x" })",
       "a.toml: types.m.upload_rate.value: 0 is out of range (expected 1..1000000)"},
      {R"(low = 2, high = 3)", R"(low = 4, high = 5)", "a.toml: types.m.max_loading.low: 4 is above value 3"},
      {R"(upload_rate = { value = 2, source = "guess" })", R"(upload_rate = { value = "two", source = "x" })",
       "a.toml: types.m.upload_rate.value: expected an integer"},
      {R"(upload_rate = { value = 2, source = "guess" })", "upload_rate = { value = 2, source = \"x\" }\nuplod_months = 3",
       "a.toml: types.m.uplod_months: unknown key (expected one of: max_loading, warheads_available, "
       "upload_rate, reload_months, current_loading, reconvert_months, reconvertible)"},
      {R"(party = "XX")", R"(party = 1)", "a.toml: party: expected a string"},
      {R"(warheads_available = { value = 10, source = "guess" })", "", "a.toml: types.m.warheads_available: missing (required)"},
  };
  for (const BadFile& c : cases) {
    std::string text(kGood);
    const size_t at = text.find(c.replace);
    ASSERT_NE(at, std::string::npos) << c.replace;
    text.replace(at, c.replace.size(), c.with);
    auto a = ParseAssumptions(text, "a.toml");
    ASSERT_FALSE(a.ok()) << text;
    EXPECT_EQ(a.status().code(), StatusCode::kInvalidArgument);
    EXPECT_EQ(a.status().message(), c.error);
  }
}

TEST(AssumptionsTest, TomlSyntaxErrorsNameTheLine) {
  auto a = ParseAssumptions("party = \"XX\"\n[types.m\n", "a.toml");
  ASSERT_FALSE(a.ok());
  EXPECT_EQ(a.status().message().rfind("a.toml: line 2", 0), 0u) << a.status().message();
}

TEST(AssumptionsTest, AssumptionsMustFitTheDeclaration) {
  auto d = forces::LoadDeclaration("us-2020-09-01");
  ASSERT_TRUE(d.ok());
  auto unknown = ParseAssumptions(std::string(kGood), "a.toml");
  ASSERT_TRUE(unknown.ok());
  auto p = PlanUpload(*d, *unknown);
  ASSERT_FALSE(p.ok());
  EXPECT_EQ(p.status().message(), "a.toml: types.m: the declaration (US, 2020-09-01) has no type 'm'");

  std::string silo(kGood);
  silo.replace(silo.find("[types.m]"), 9, "[types.mm3-silo]");
  auto s = PlanUpload(*d, *ParseAssumptions(silo, "a.toml"));
  ASSERT_FALSE(s.ok());
  EXPECT_EQ(s.status().message(),
            "a.toml: types.mm3-silo: type 'mm3-silo' is a silo_launcher; upload assumptions apply to "
            "missile and heavy-bomber types");

  std::string bomber(kGood);
  bomber.replace(bomber.find("[types.m]"), 9, "[types.b52h]");
  auto b = PlanUpload(*d, *ParseAssumptions(bomber, "a.toml"));
  ASSERT_FALSE(b.ok());
  EXPECT_EQ(b.status().message(), "a.toml: types.b52h.current_loading: missing (required for a heavy-bomber type)");
}

TEST(AssumptionsTest, DefaultsFollowTheParty) {
  auto us = DefaultAssumptions("US");
  ASSERT_TRUE(us.ok()) << us.status().message();
  EXPECT_EQ(us->origin, "assumptions/us.toml");
  EXPECT_NE(us->Find("mm3"), nullptr);
  auto none = DefaultAssumptions("FR");
  ASSERT_FALSE(none.ok());
  EXPECT_EQ(none.status().code(), StatusCode::kNotFound);
  EXPECT_NE(none.status().message().find("no shipped upload assumptions for party 'FR'"), std::string::npos);
}

}  // namespace
}  // namespace verity::upload
