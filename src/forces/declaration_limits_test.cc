// Declarations under hostile input: the items a document expands to are
// bounded before any group is expanded, and only a declaration file may
// name another file.
#include <gtest/gtest.h>

#include <filesystem>

#include "core/limits.h"
#include "core/test_dir.h"
#include "forces/declaration_io.h"

namespace verity::forces {
namespace {

constexpr char kLimitsHeader[] = R"({"party": "XX", "as_of": "2020-09-01",
  "facilities": [{"id": "base", "type": "icbm_base"}],
  "types": [{"id": "icbm", "class": "icbm", "kind": "missile", "max_warheads": 3},
            {"id": "silo", "class": "icbm", "kind": "silo_launcher"}],)";

std::string LimitsDoc(const std::string& items) { return std::string(kLimitsHeader) + items + "}"; }

std::string SiloGroup(int64_t count, bool with_missile = false) {
  return R"({"uid": "S", "type": "silo", "facility": "base", "count": )" + std::to_string(count) +
         (with_missile ? R"(, "missile": {"type": "icbm", "warheads": 1}})" : "}");
}

StatusOr<Declaration> ParseWithLimit(const std::string& items, int64_t max_items) {
  DeclarationOptions options;
  options.max_items = max_items;
  return ParseDeclarationText(LimitsDoc(items), "d.json", options);
}

// A 1 KB declaration with "count": 10000000 took 51 s and 1.8 GB.
TEST(DeclarationLimitsTest, AHugeGroupIsRefusedBeforeItIsExpanded) {
  auto d = ParseDeclarationText(LimitsDoc(R"("items": [)" + SiloGroup(10'000'000) + "]"), "d.json");
  EXPECT_EQ(d.status().code(), StatusCode::kInvalidArgument);
  EXPECT_EQ(d.status().message(),
            "d.json: items[0]: a group of 10000000 brings the declaration to 10000000 items, more "
            "than the limit of " +
                std::to_string(limits::kMaxDeclarationItems));
}

TEST(DeclarationLimitsTest, TheDefaultLimitItselfIsAccepted) {
  const int64_t n = limits::kMaxDeclarationItems;
  auto d = ParseDeclarationText(LimitsDoc(R"("items": [)" + SiloGroup(n) + "]"), "d.json");
  ASSERT_TRUE(d.ok()) << d.status().message();
  EXPECT_EQ(static_cast<int64_t>(d->items.size()), n);
  EXPECT_FALSE(
      ParseDeclarationText(LimitsDoc(R"("items": [)" + SiloGroup(n + 1) + "]"), "d.json").ok());
}

TEST(DeclarationLimitsTest, InlineMissilesAndSeparateItemsCountToo) {
  EXPECT_TRUE(ParseWithLimit(R"("items": [)" + SiloGroup(5, true) + "]", 10).ok());
  EXPECT_EQ(ParseWithLimit(R"("items": [)" + SiloGroup(6, true) + "]", 10).status().message(),
            "d.json: items[0]: a group of 6 brings the declaration to 12 items, more than the "
            "limit of 10");
  EXPECT_EQ(ParseWithLimit(R"("items": [{"uid": "A", "type": "silo", "facility": "base"},
                                {"uid": "B", "type": "silo", "facility": "base"},
                                {"uid": "C", "type": "silo", "facility": "base"}])",
                           2)
                .status()
                .message(),
            "d.json: items[2]: this item brings the declaration to 3 items, more than the limit "
            "of 2");
}

class DeclarationFilesTest : public ::testing::Test {
 protected:
  StatusOr<Declaration> Load(const std::string& items) {
    return LoadDeclaration(dir_.Write("d.json", LimitsDoc(items)));
  }
  testing::TestDir dir_{"declaration-limits"};
};

TEST_F(DeclarationFilesTest, ItemsCsvMustBeARegularFile) {
  auto folder = Load(R"("items_csv": ".")");
  EXPECT_EQ(folder.status().code(), StatusCode::kInvalidArgument);
  EXPECT_EQ(folder.status().message(), (dir_.path() / "d.json").string() +
                                           ": items_csv: " + (dir_.path() / ".").string() +
                                           ": is a folder, not a file");
  auto zero = Load(R"("items_csv": "/dev/zero")");
  EXPECT_EQ(zero.status().message(), (dir_.path() / "d.json").string() +
                                         ": items_csv: /dev/zero: not a regular file (a device, "
                                         "FIFO or socket)");
}

TEST_F(DeclarationFilesTest, CsvRowsPastTheItemLimitAreRefusedAsTheyAreRead) {
  dir_.Write("items.csv", "uid,type,facility\nA,silo,base\nB,silo,base\nC,silo,base\n");
  DeclarationOptions options;
  options.base_dir = dir_.path().string();
  options.max_items = 2;
  auto d = ParseDeclarationText(LimitsDoc(R"("items_csv": "items.csv")"), "d.json", options);
  EXPECT_EQ(d.status().message(), "d.json: " + (dir_.path() / "items.csv").string() +
                                      ": line 4: more than the limit of 3 rows");
}

// A data exchange's declaration comes from the other party: it may not make
// the reader open a file.
TEST(DeclarationLimitsTest, ADocumentNotFromAFileMayNotNameOne) {
  auto d = ParseDeclaration(*ParseJson(LimitsDoc(R"("items_csv": "/etc/passwd")"), "t"),
                            "entry 7: body.declaration");
  EXPECT_EQ(d.status().message(),
            "entry 7: body.declaration: items_csv: not allowed here (only a declaration file may "
            "name a CSV file; give the items inline)");
}

}  // namespace
}  // namespace verity::forces
