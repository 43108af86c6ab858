// Runs the rule cases in tests/rules/*.json and the validation cases in
// tests/validation/*.json (see tests/README.md). One test per file.
#include <gtest/gtest.h>

#include <filesystem>

#include "core/file_io.h"
#include "forces/declaration_io.h"
#include "forces/report.h"

namespace verity::forces {
namespace {

namespace fs = std::filesystem;

Json ReadJsonFile(const fs::path& p) {
  auto text = ReadFile(p.string());
  EXPECT_TRUE(text.ok()) << text.status().message();
  auto j = ParseJson(text.ok() ? *text : "{}", p.string());
  EXPECT_TRUE(j.ok()) << j.status().message();
  return j.ok() ? *j : Json::object();
}

// The case's declaration: tests/rules/_common.json with the case's keys
// laid over it (null removes a key).
Json CaseDeclaration(const Json& overlay) {
  Json decl = ReadJsonFile(fs::path(VERITY_SOURCE_DIR) / "tests/rules/_common.json");
  for (const auto& [k, v] : overlay.items()) {
    if (v.is_null())
      decl.erase(k);
    else
      decl[k] = v;
  }
  return decl;
}

std::vector<std::string> CaseFiles(const std::string& dir) {
  std::vector<std::string> out;
  for (const auto& e : fs::directory_iterator(fs::path(VERITY_SOURCE_DIR) / dir)) {
    const std::string name = e.path().filename().string();
    if (e.path().extension() == ".json" && name[0] != '_') out.push_back(e.path().stem().string());
  }
  std::sort(out.begin(), out.end());
  return out;
}

class RuleCase : public testing::TestWithParam<std::string> {};

TEST_P(RuleCase, CountsAsExpected) {
  const Json c = ReadJsonFile(fs::path(VERITY_SOURCE_DIR) / "tests/rules" / (GetParam() + ".json"));
  Json overlay = Json::object();
  overlay["items"] = c.at("items");
  auto decl = ParseDeclaration(CaseDeclaration(overlay), GetParam() + ".json");
  ASSERT_TRUE(decl.ok()) << decl.status().message();
  auto treaty = treaty::LoadTreaty(c.value("treaty", "new-start"));
  ASSERT_TRUE(treaty.ok()) << treaty.status().message();
  Counter counter(*treaty);
  const Date as_of =
      c.contains("as_of") ? *Date::Parse(c.at("as_of").get<std::string>()) : decl->as_of;
  const Json report = ReportJson(MakeReport(counter, *decl, as_of));
  const Json& expect = c.at("expect");
  const Json categories = expect.value("categories", Json::object());
  const Json limits = expect.value("limits", Json::object());
  for (const auto& [cat, n] : categories.items()) {
    const int k = treaty->FindCategory(cat);
    ASSERT_GE(k, 0) << "unknown category " << cat;
    EXPECT_EQ(report.at("categories").at(static_cast<size_t>(k)).at("count"), n) << cat;
  }
  for (const auto& [lim, want] : limits.items()) {
    const int k = treaty->FindLimit(lim);
    ASSERT_GE(k, 0) << "unknown limit " << lim;
    const Json& got = report.at("limits").at(static_cast<size_t>(k));
    if (want.contains("count")) {
      EXPECT_EQ(got.at("count"), want.at("count")) << lim;
    }
    if (want.contains("status")) {
      EXPECT_EQ(got.at("status"), want.at("status")) << lim;
    }
  }
}

INSTANTIATE_TEST_SUITE_P(Rules, RuleCase, testing::ValuesIn(CaseFiles("tests/rules")),
                         [](const auto& info) { return info.param; });

class ValidationCase : public testing::TestWithParam<std::string> {};

TEST_P(ValidationCase, IsRejectedWithItsPath) {
  const Json c =
      ReadJsonFile(fs::path(VERITY_SOURCE_DIR) / "tests/validation" / (GetParam() + ".json"));
  auto decl = ParseDeclaration(CaseDeclaration(c.at("declaration")), "decl.json");
  ASSERT_FALSE(decl.ok()) << "accepted an invalid declaration";
  EXPECT_EQ(decl.status().code(), StatusCode::kInvalidArgument);
  EXPECT_EQ(decl.status().message(), c.at("error").get<std::string>());
}

INSTANTIATE_TEST_SUITE_P(Declarations, ValidationCase,
                         testing::ValuesIn(CaseFiles("tests/validation")),
                         [](const auto& info) { return info.param; });

}  // namespace
}  // namespace verity::forces
