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
      {R"(upload_rate = { value = 2, source = "guess" })",
       R"(upload_rate = { value = 0, source = "x" })",
       "a.toml: types.m.upload_rate.value: 0 is out of range (expected 1..1000000)"},
      {R"(low = 2, high = 3)", R"(low = 4, high = 5)",
       "a.toml: types.m.max_loading.low: 4 is above value 3"},
      {R"(upload_rate = { value = 2, source = "guess" })",
       R"(upload_rate = { value = "two", source = "x" })",
       "a.toml: types.m.upload_rate.value: expected an integer"},
      {R"(upload_rate = { value = 2, source = "guess" })",
       "upload_rate = { value = 2, source = \"x\" }\nuplod_months = 3",
       "a.toml: types.m.uplod_months: unknown key (expected one of: max_loading, "
       "warheads_available, "
       "upload_rate, reload_months, current_loading, reconvert_months, reconvertible)"},
      {R"(party = "XX")", R"(party = 1)", "a.toml: party: expected a string"},
      {R"(warheads_available = { value = 10, source = "guess" })", "",
       "a.toml: types.m.warheads_available: missing (required)"},
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

TEST(AssumptionsTest, BadPoolsNameTheKeyPath) {
  const std::string warheads = "warheads = { value = 5, source = \"x\" }\n";
  const std::pair<std::string, std::string> cases[] = {
      {"[pools.r]\ntypes = [\"m\", \"q\"]\n" + warheads,
       "a.toml: pools.r.types[1]: 'q' has no [types.q] table"},
      {"[pools.r]\ntypes = [\"m\", \"m\"]\n" + warheads,
       "a.toml: pools.r.types[1]: 'm' is listed twice"},
      {"[pools.r]\ntypes = []\n" + warheads,
       "a.toml: pools.r.types: expected at least one type id"},
      {"[pools.r]\ntypes = [\"m\"]\n", "a.toml: pools.r.warheads: missing (required)"},
      {"[pools.r]\ntypes = [\"m\"]\nshare = 1\n" + warheads,
       "a.toml: pools.r.share: unknown key (expected one of: types, warheads)"},
      {"pools = 3\n", "a.toml: pools: expected a table"},
  };
  for (const auto& [pools, error] : cases) {
    std::string text(kGood);
    if (pools.starts_with("pools ="))
      text = pools + text;
    else
      text += pools;
    auto a = ParseAssumptions(text, "a.toml");
    ASSERT_FALSE(a.ok()) << text;
    EXPECT_EQ(a.status().message(), error);
  }
  auto a =
      ParseAssumptions(std::string(kGood) + "[pools.r]\ntypes = [\"m\"]\n" + warheads, "a.toml");
  ASSERT_TRUE(a.ok()) << a.status().message();
  ASSERT_EQ(a->pools.size(), 1u);
  EXPECT_EQ(a->pools[0].types, std::vector<std::string>{"m"});
  EXPECT_EQ(a->pools[0].warheads.value, 5);
  EXPECT_EQ(AssumptionsJson(*a).at("pools").at("r").at("warheads").at("source"), "x");
}

TEST(AssumptionsTest, TomlSyntaxErrorsNameTheLine) {
  auto a = ParseAssumptions("party = \"XX\"\n[types.m\n", "a.toml");
  ASSERT_FALSE(a.ok());
  EXPECT_EQ(a.status().message().rfind("a.toml: line 2", 0), 0u) << a.status().message();
}

TEST(AssumptionsTest, AssumptionsMustFitTheDeclaration) {
  auto d = forces::LoadDeclaration("us-2020-09-01");
  ASSERT_TRUE(d.ok());
  std::string us(kGood);  // the same assumptions, for the declaration's party
  us.replace(us.find("\"XX\""), 4, "\"US\"");
  auto unknown = ParseAssumptions(us, "a.toml");
  ASSERT_TRUE(unknown.ok());
  auto p = PlanUpload(*d, *unknown);
  ASSERT_FALSE(p.ok());
  EXPECT_EQ(p.status().message(),
            "a.toml: types: the declaration (US, 2020-09-01) has none of the assumed types (m)");

  // A declaration with only some of the assumed types (a state replayed
  // from the ledger, say) is planned for those, and the others are listed.
  std::string partial(us);
  partial +=
      "[types.mm3]\nmax_loading = { value = 3, source = \"s\" }\n"
      "warheads_available = { value = 5, source = \"s\" }\n"
      "upload_rate = { value = 5, source = \"s\" }\n";
  auto some = PlanUpload(*d, *ParseAssumptions(partial, "a.toml"));
  ASSERT_TRUE(some.ok()) << some.status().message();
  ASSERT_EQ(some->types.size(), 1u);
  EXPECT_EQ(some->types[0].added_warheads, 5);
  EXPECT_EQ(some->not_in_declaration, (std::vector<std::string>{"m"}));

  std::string silo(us);
  silo.replace(silo.find("[types.m]"), 9, "[types.mm3-silo]");
  auto s = PlanUpload(*d, *ParseAssumptions(silo, "a.toml"));
  ASSERT_FALSE(s.ok());
  EXPECT_EQ(
      s.status().message(),
      "a.toml: types.mm3-silo: type 'mm3-silo' is a silo_launcher; upload assumptions apply to "
      "missile and heavy-bomber types");

  std::string bomber(us);
  bomber.replace(bomber.find("[types.m]"), 9, "[types.b52h]");
  auto b = PlanUpload(*d, *ParseAssumptions(bomber, "a.toml"));
  ASSERT_FALSE(b.ok());
  EXPECT_EQ(b.status().message(),
            "a.toml: types.b52h.current_loading: missing (required for a heavy-bomber type)");
}

TEST(AssumptionsTest, DefaultsFollowTheParty) {
  auto us = DefaultAssumptions("US");
  ASSERT_TRUE(us.ok()) << us.status().message();
  EXPECT_EQ(us->origin, "assumptions/us.toml");
  EXPECT_NE(us->Find("mm3"), nullptr);
  auto none = DefaultAssumptions("FR");
  ASSERT_FALSE(none.ok());
  EXPECT_EQ(none.status().code(), StatusCode::kNotFound);
  EXPECT_NE(none.status().message().find("no shipped upload assumptions for party 'FR'"),
            std::string::npos);
}

}  // namespace
}  // namespace verity::upload
