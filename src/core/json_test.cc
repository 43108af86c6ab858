#include "core/json.h"

#include <gtest/gtest.h>

#include "core/limits.h"

namespace verity {
namespace {

std::string Repeat(std::string_view s, size_t n) {
  std::string out;
  out.reserve(s.size() * n);
  for (size_t i = 0; i < n; ++i) out += s;
  return out;
}

std::string DeepArray(size_t n) { return Repeat("[", n) + Repeat("]", n); }
std::string DeepObject(size_t n) { return Repeat("{\"a\":", n) + "1" + Repeat("}", n); }

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
  EXPECT_EQ(r.status().message(),
            "big.json: line 1, column 11: invalid JSON: the number '5e97820512' is out of range");
}

// The parser's own words are not passed on; each error says where and what
// was found there.
TEST(JsonTest, SyntaxErrorsAreInVeritysOwnWords) {
  const std::pair<std::string, std::string> cases[] = {
      {"", "e.json: line 1, column 1: empty (expected a JSON value)"},
      {" \n\t", "e.json: line 1, column 1: empty (expected a JSON value)"},
      {"{\"a\": 1",
       "e.json: line 1, column 8: invalid JSON: the text ends before the value is complete"},
      {"{\"a\": 1}}", "e.json: line 1, column 9: invalid JSON: unexpected '}'"},
      {"[1, tru]",
       "e.json: line 1, column 8: invalid JSON: an unknown word (expected true, false or null)"},
      {"[\"abc", "e.json: line 1, column 6: invalid JSON: a string that is not closed"},
      {"[\"a\tb\"]",
       "e.json: line 1, column 4: invalid JSON: a control character in a string (it must be "
       "escaped)"},
      {"{\"a\" 1}", "e.json: line 1, column 6: invalid JSON: unexpected '1'"},
  };
  for (const auto& [text, message] : cases) {
    auto r = ParseJson(text, "e.json");
    ASSERT_FALSE(r.ok()) << text;
    EXPECT_EQ(r.status().message(), message) << text;
    EXPECT_EQ(r.status().message().find("syntax error"), std::string::npos);
  }
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

// One rule for null: refused with its path by every accessor, never absent.
TEST(FieldReaderTest, NullIsRefusedNotTakenAsAbsent) {
  auto j = *ParseJson(R"({"s": null, "i": null, "b": null, "a": null, "d": null})", "t");
  FieldReader r(j, "x");
  EXPECT_TRUE(r.Has("s"));
  EXPECT_EQ(r.OptString("s").status().message(), "x.s: null is not allowed");
  EXPECT_EQ(r.OptInt("i", 0, 9).status().message(), "x.i: null is not allowed");
  EXPECT_EQ(r.OptBool("b", true).status().message(), "x.b: null is not allowed");
  EXPECT_EQ(r.OptArray("a").status().message(), "x.a: null is not allowed");
  EXPECT_EQ(r.OptDate("d").status().message(), "x.d: null is not allowed");
  EXPECT_EQ(r.Member("d").status().message(), "x.d: null is not allowed");
  EXPECT_FALSE(r.Has("absent"));
  EXPECT_FALSE(r.OptInt("absent", 0, 9)->has_value());
}

TEST(JsonLimitsTest, DeepNestingIsRefusedBeforeAnyRecursion) {
  // 20,000 levels crashed the server, 60,000 `ledger append`.
  for (size_t n : {20'000u, 60'000u}) {
    for (const std::string& text : {DeepArray(n), DeepObject(n)}) {
      auto r = ParseJson(text, "deep.json");
      ASSERT_FALSE(r.ok());
      EXPECT_EQ(r.status().code(), StatusCode::kInvalidArgument);
      const size_t column = text[0] == '[' ? 65 : 5 * 64 + 1;  // the 65th opening
      EXPECT_EQ(r.status().message(),
                "deep.json: line 1, column " + std::to_string(column) +
                    ": nested deeper than the limit of 64 arrays and objects");
    }
  }
}

TEST(JsonLimitsTest, NestingUpToTheLimitIsAccepted) {
  const int limit = limits::kMaxJsonDepth;
  EXPECT_TRUE(ParseJson(DeepArray(limit), "t").ok());
  EXPECT_TRUE(ParseJson(DeepObject(limit), "t").ok());
  EXPECT_FALSE(ParseJson(DeepArray(limit + 1), "t").ok());
  EXPECT_TRUE(CanonicalJson(*ParseJson(DeepObject(limit), "t")).ok());
  // A value built in code is held to the same limit by the encoder.
  Json deep = Json::array();
  for (int i = 0; i < limit; ++i) deep = Json::array({deep});
  EXPECT_EQ(CanonicalJson(deep).status().message(),
            "canonical JSON: nested deeper than the limit of 64 arrays and objects");
  // ... and a caller may ask for less.
  EXPECT_FALSE(ParseJson("[[[1]]]", "t", 2).ok());
}

TEST(JsonLimitsTest, DuplicateKeysAreRefusedWithTheirPath) {
  auto r =
      ParseJson("{\"items\": [{\"uid\": \"A\"},\n  {\"uid\": \"B\", \"type\": 1, \"uid\": \"C\"}]}",
                "d.json");
  EXPECT_EQ(r.status().message(),
            "d.json: line 2, column 27: items[1].uid: duplicate key (a key may appear once in an "
            "object)");
  // Keys are compared after their escapes are read.
  EXPECT_EQ(ParseJson(R"({"a": 1, "\u0061": 2})", "t").status().message(),
            "t: line 1, column 10: a: duplicate key (a key may appear once in an object)");
  EXPECT_EQ(
      ParseJson(R"({"a b\"": {"x\\": 1, "x\\": 2}})", "t").status().message(),
      "t: line 1, column 22: 'a b\"'.'x\\\\': duplicate key (a key may appear once in an object)");
  // The same key in different objects is fine.
  EXPECT_TRUE(ParseJson(R"({"a": {"a": 1}, "b": [{"a": 1}, {"a": 2}]})", "t").ok());
}

TEST(JsonTextTest, InvalidUtf8IsRefusedWithLineAndColumn) {
  EXPECT_EQ(ParseJson("{\"party\":\n \"U\xC0\xAF\"}", "d.json").status().message(),
            "d.json: line 2, column 4: invalid UTF-8 (overlong encoding, byte 0xC0)");
  EXPECT_EQ(ParseJson("[\"\xED\xA0\x80\"]", "d.json").status().message(),
            "d.json: line 1, column 3: invalid UTF-8 (surrogate code point (U+D800..U+DFFF), byte "
            "0xED)");
  EXPECT_EQ(ParseJson("[\"\xF4\x90\x80\x80\"]", "d.json").status().message(),
            "d.json: line 1, column 3: invalid UTF-8 (code point above U+10FFFF, byte 0xF4)");
  // An escaped lone surrogate is not a character either.
  auto lone = ParseJson(R"(["\ud800"])", "d.json");
  EXPECT_EQ(lone.status().code(), StatusCode::kInvalidArgument);
  EXPECT_EQ(lone.status().message().rfind("d.json: line 1, column", 0), 0u);
  EXPECT_NE(lone.status().message().find("surrogate"), std::string::npos);
}

// RFC 8785 section 3.2.3, the sorting example: by UTF-16 code units the
// emoji (D83D DE00) sorts before U+FB33, unlike code point order.
TEST(CanonicalJsonTest, Rfc8785SortsKeysByUtf16CodeUnits) {
  auto j = ParseJson(R"({
    "\u20ac": "Euro Sign",
    "\r": "Carriage Return",
    "\ufb33": "Hebrew Letter Dalet With Dagesh",
    "1": "One",
    "\ud83d\ude00": "Emoji: Grinning Face",
    "\u0080": "Control",
    "\u00f6": "Latin Small Letter O With Diaeresis"
  })",
                     "rfc8785.json");
  ASSERT_TRUE(j.ok()) << j.status().message();
  EXPECT_EQ(*CanonicalJson(*j),
            "{\"\\r\":\"Carriage Return\",\"1\":\"One\",\"\xC2\x80\":\"Control\","
            "\"\xC3\xB6\":\"Latin Small Letter O With Diaeresis\",\"\xE2\x82\xAC\":\"Euro Sign\","
            "\"\xF0\x9F\x98\x80\":\"Emoji: Grinning Face\","
            "\"\xEF\xAC\xB3\":\"Hebrew Letter Dalet With Dagesh\"}");
}

// RFC 8785 section 3.2.2, the string and literals of its sample (its
// numbers are floats, which Verity's canonical JSON refuses).
TEST(CanonicalJsonTest, Rfc8785StringSerialization) {
  auto j = ParseJson(R"({"string": "\u20ac$\u000F\u000aA'\u0042\u0022\u005c\\\"\/",
                         "literals": [null, true, false]})",
                     "rfc8785.json");
  ASSERT_TRUE(j.ok()) << j.status().message();
  EXPECT_EQ(*CanonicalJson(*j),
            "{\"literals\":[null,true,false],\"string\":\"\xE2\x82\xAC$\\u000f\\nA'"
            "B\\\"\\\\\\\\\\\"/\"}");
}

TEST(CanonicalJsonTest, KeyOrderDiffersFromCodePointOrderOnlyAboveTheSurrogates) {
  EXPECT_TRUE(JcsKeyLess("a", "b"));
  EXPECT_TRUE(JcsKeyLess("a", "ab"));
  EXPECT_FALSE(JcsKeyLess("ab", "ab"));
  EXPECT_TRUE(JcsKeyLess("\xED\x9F\xBF", "\xF0\x90\x80\x80"));  // U+D7FF < U+10000
  EXPECT_TRUE(JcsKeyLess("\xF0\x90\x80\x80", "\xEE\x80\x80"));  // U+10000 < U+E000
  EXPECT_TRUE(JcsKeyLess("\xF4\x8F\xBF\xBF", "\xEF\xBF\xBF"));  // U+10FFFF < U+FFFF
  EXPECT_TRUE(JcsKeyLess("x\xF0\x9F\x98\x80", "x\xF0\x9F\x98\x81"));
  EXPECT_FALSE(JcsKeyLess("\xEF\xAC\xB3", "\xF0\x9F\x98\x80"));
}

TEST(CanonicalJsonTest, StringsMustBeUtf8) {
  EXPECT_EQ(CanonicalJson(Json("bad \xFF")).status().message(),
            "canonical JSON: a string is not valid UTF-8 (invalid byte at byte 4)");
  EXPECT_EQ(CanonicalJson(Json::object({{"\xC0\xAF", 1}})).status().code(),
            StatusCode::kInvalidArgument);
}

}  // namespace
}  // namespace verity
