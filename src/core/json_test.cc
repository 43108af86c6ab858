#include "core/json.h"

#include <gtest/gtest.h>

namespace verity {
namespace {

TEST(JsonTest, SyntaxErrorNamesSourceLineAndColumn) {
  auto r = ParseJson("{\n  \"a\": 1,\n  \"b\": }", "decl.json");
  ASSERT_FALSE(r.ok());
  EXPECT_EQ(r.status().code(), StatusCode::kInvalidArgument);
  EXPECT_EQ(r.status().message().rfind("decl.json: line 3, column", 0), 0u) << r.status().message();
}

TEST(JsonTest, NumberTooLargeIsAnErrorNotAnException) {
  // Found by fuzz_proof: nlohmann throws out_of_range, not parse_error.
  auto r = ParseJson("[5e97820512]", "big.json");
  ASSERT_FALSE(r.ok());
  EXPECT_EQ(r.status().message(), "big.json: invalid JSON: number overflow parsing '5e97820512'");
}

TEST(JsonTest, CanonicalFormSortsKeysAndDropsWhitespace) {
  auto j = ParseJson(R"({"b": [1, 2], "a": {"z": "é\n", "y": true}})", "t");
  ASSERT_TRUE(j.ok());
  EXPECT_EQ(*CanonicalJson(*j), "{\"a\":{\"y\":true,\"z\":\"é\\n\"},\"b\":[1,2]}");
}

TEST(JsonTest, CanonicalFormRejectsFloats) {
  auto j = ParseJson(R"({"a": 1.5})", "t");
  EXPECT_EQ(CanonicalJson(*j).status().code(), StatusCode::kInvalidArgument);
}

TEST(FieldReaderTest, ErrorsNameThePathAndExpectation) {
  auto j = *ParseJson(R"({"n": "x", "m": 5, "d": "2011-02-30"})", "t");
  FieldReader r(j, "items[17]");
  EXPECT_EQ(r.Int("n", 0, 10).status().message(), "items[17].n: expected an integer, got a string");
  EXPECT_EQ(r.Int("m", 0, 4).status().message(), "items[17].m: 5 is out of range (expected 0..4)");
  EXPECT_EQ(r.String("missing").status().message(), "items[17].missing: missing (required string)");
  EXPECT_EQ(r.DateField("d").status().message(),
            "items[17].d: '2011-02-30' is not a calendar date");
  EXPECT_EQ(r.RejectUnknown({"n", "m"}).message(),
            "items[17].d: unknown field (expected one of: n, m)");
}

}  // namespace
}  // namespace verity
