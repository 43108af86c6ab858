#include "core/csv.h"

#include <gtest/gtest.h>

namespace verity {
namespace {

TEST(CsvTest, QuotedFieldsMayHoldCommasQuotesAndNewlines) {
  auto rows = ParseCsv("a,\"b,c\",\"say \"\"hi\"\"\"\r\n# comment\nx,\"multi\nline\",z\n", "t.csv");
  ASSERT_TRUE(rows.ok()) << rows.status().message();
  ASSERT_EQ(rows->size(), 2u);
  EXPECT_EQ((*rows)[0].fields, (std::vector<std::string>{"a", "b,c", "say \"hi\""}));
  EXPECT_EQ((*rows)[1].line, 3u);
  EXPECT_EQ((*rows)[1].fields[1], "multi\nline");
}

TEST(CsvTest, UnterminatedQuoteNamesItsLine) {
  auto rows = ParseCsv("a,b\n\"open,c\n", "t.csv");
  EXPECT_EQ(rows.status().message(), "t.csv: line 2: unterminated quoted field");
}

TEST(CsvTableTest, RowWithWrongFieldCountIsRejected) {
  auto t = CsvTable::Parse("uid,type\nA,mm3\nB\n", "items.csv");
  EXPECT_EQ(t.status().message(), "items.csv: line 3: expected 2 fields, found 1");
}

TEST(CsvTableTest, ReadsByColumnName) {
  auto t = CsvTable::Parse("uid,type\nA,mm3\n", "items.csv");
  ASSERT_TRUE(t.ok());
  EXPECT_EQ(t->Get(t->rows()[0], "type"), "mm3");
  EXPECT_EQ(t->Get(t->rows()[0], "missing"), "");
}

TEST(CsvTest, InvalidUtf8IsRefusedWithLineAndColumn) {
  auto rows = ParseCsv("uid,type\nS1,si\xEDlo\n", "items.csv");
  EXPECT_EQ(rows.status().message(),
            "items.csv: line 2, column 6: invalid UTF-8 (expected a continuation byte, byte 0xED)");
}

TEST(CsvTest, RowsPastTheLimitAreRefusedAsTheyAreRead) {
  EXPECT_TRUE(ParseCsv("a\nb\nc\n", "t.csv", 3).ok());
  EXPECT_EQ(ParseCsv("a\nb\nc\nd\n", "t.csv", 3).status().message(),
            "t.csv: line 4: more than the limit of 3 rows");
  EXPECT_EQ(ParseCsv("a\nb\nc\nd", "t.csv", 3).status().message(),
            "t.csv: line 4: more than the limit of 3 rows");
  EXPECT_EQ(CsvTable::Parse("uid\nA\nB\n", "t.csv", 2).status().message(),
            "t.csv: line 3: more than the limit of 2 rows");
}

}  // namespace
}  // namespace verity
