#include "forces/declaration_io.h"

#include <gtest/gtest.h>
#include <unistd.h>

#include <filesystem>
#include <fstream>

namespace verity::forces {
namespace {

constexpr char kHeader[] = R"({"party": "XX", "as_of": "2020-09-01",
  "facilities": [{"id": "base", "type": "icbm_base"}, {"id": "store", "type": "storage_facility"}],
  "types": [{"id": "icbm", "class": "icbm", "kind": "missile", "max_warheads": 3},
            {"id": "silo", "class": "icbm", "kind": "silo_launcher"}],)";

StatusOr<Declaration> Parse(const std::string& items, const std::string& base_dir = "") {
  DeclarationOptions options;
  options.base_dir = base_dir;
  return ParseDeclarationText(std::string(kHeader) + items + "}", "d.json", options);
}

TEST(DeclarationIoTest, GroupsExpandWithGeneratedUids) {
  auto d = Parse(R"("items": [{"uid": "S", "count": 12, "type": "silo", "facility": "base",
                               "missile": {"type": "icbm", "warheads": 2}}])");
  ASSERT_TRUE(d.ok()) << d.status().message();
  ASSERT_EQ(d->items.size(), 24u);
  EXPECT_EQ(d->items[0].uid, "S-01");
  EXPECT_EQ(d->items[1].uid, "S-01/M");
  EXPECT_EQ(d->items[23].uid, "S-12/M");
  EXPECT_EQ(d->items[23].container, 22);
  EXPECT_EQ(d->items[23].warheads, 2);
  EXPECT_EQ(d->FindItem("S-07"), 12);
}

TEST(DeclarationIoTest, ContainedMissileIsWhereItsLauncherIs) {
  auto d = Parse(R"("items": [{"uid": "M1", "type": "icbm", "launcher": "S1", "warheads": 1},
                               {"uid": "S1", "type": "silo", "facility": "base"}])");
  ASSERT_TRUE(d.ok()) << d.status().message();
  EXPECT_EQ(d->items[0].facility, d->FindFacility("base"));
  EXPECT_EQ(d->items[0].container, 1);
}

TEST(DeclarationIoTest, MissileFacilityMustAgreeWithItsLauncher) {
  auto d = Parse(R"("items": [{"uid": "S1", "type": "silo", "facility": "base"},
                               {"uid": "M1", "type": "icbm", "launcher": "S1", "facility": "store"}])");
  EXPECT_EQ(d.status().message(),
            "d.json: items[1].facility: 'store' differs from where its launcher is");
}

TEST(DeclarationIoTest, ItemsMayComeFromCsv) {
  const auto dir =
      std::filesystem::temp_directory_path() / ("verity-csv-" + std::to_string(::getpid()));
  std::filesystem::create_directories(dir);
  std::ofstream(dir / "items.csv") << "uid,type,facility,launcher,warheads,count,source\n"
                                      "S1,silo,base,,,,\"declared, with a comma\"\n"
                                      "M1,icbm,,S1,3,,\n"
                                      "N,icbm,store,,0,5,\n";
  auto d = Parse(R"("items_csv": "items.csv")", dir.string());
  ASSERT_TRUE(d.ok()) << d.status().message();
  EXPECT_EQ(d->items.size(), 7u);
  EXPECT_EQ(d->items[1].warheads, 3);
  EXPECT_EQ(d->sources[static_cast<size_t>(d->items[0].source)], "declared, with a comma");

  std::ofstream(dir / "bad.csv") << "uid,type,facility,warheads\nM1,icbm,store,lots\n";
  auto bad = Parse(R"("items_csv": "bad.csv")", dir.string());
  EXPECT_EQ(bad.status().message(),
            "d.json: " + (dir / "bad.csv").string() +
                ": line 2: column warheads: expected an integer, got 'lots'");
  std::filesystem::remove_all(dir);
}

TEST(DeclarationIoTest, MissingCsvNamesTheKey) {
  auto d = Parse(R"("items_csv": "/nonexistent/items.csv")");
  EXPECT_EQ(d.status().code(), StatusCode::kNotFound);
  EXPECT_EQ(d.status().message(), "d.json: items_csv: /nonexistent/items.csv: no such file");
}

TEST(DeclarationIoTest, JsonSyntaxErrorNamesLine) {
  auto d = ParseDeclarationText("{\n\"party\": \"US\",\n}", "bad.json");
  EXPECT_EQ(d.status().message().rfind("bad.json: line 3, column 1: invalid JSON", 0), 0u)
      << d.status().message();
}

TEST(DeclarationIoTest, ItemizedJsonRoundTrips) {
  auto d = LoadDeclaration("us-2020-09-01");
  ASSERT_TRUE(d.ok()) << d.status().message();
  const Json once = DeclarationToJson(*d);
  auto again = ParseDeclaration(once, "roundtrip.json");
  ASSERT_TRUE(again.ok()) << again.status().message();
  EXPECT_EQ(DeclarationToJson(*again), once);
  EXPECT_EQ(again->items.size(), d->items.size());
}

TEST(DeclarationIoTest, UnknownShippedNameIsNotFound) {
  auto d = LoadDeclaration("us-1999-01-01");
  EXPECT_EQ(d.status().code(), StatusCode::kNotFound);
}

}  // namespace
}  // namespace verity::forces
