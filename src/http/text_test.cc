#include "http/text.h"

#include <gtest/gtest.h>

namespace verity::http {
namespace {

TEST(Utf8Test, AcceptsWellFormedText) {
  for (const char* s : {"", "ascii", "\xc3\xbc", "\xe2\x82\xac", "\xf0\x9f\x98\x80", "\xed\x9f\xbf",
                        "\xf4\x8f\xbf\xbf"}) {
    EXPECT_TRUE(IsValidUtf8(s)) << EscapeBytes(s);
  }
}

// RFC 3629 and the Unicode standard's table 3-7: each of these is refused.
TEST(Utf8Test, RefusesIllFormedSequences) {
  struct Case {
    const char* bytes;
    size_t at;
  };
  for (const Case& c :
       {Case{"\xff", 0}, Case{"a\x80", 1}, Case{"\xc0\xaf", 0},  // overlong '/'
        Case{"\xe0\x80\xaf", 0}, Case{"\xed\xa0\x80", 0},        // surrogate
        Case{"\xf4\x90\x80\x80", 0},                             // > U+10FFFF
        Case{"ok\xe2\x82", 2}, Case{"\xf8\x88\x80\x80\x80", 0}, Case{"\xc3\x28", 0}}) {
    EXPECT_FALSE(IsValidUtf8(c.bytes)) << EscapeBytes(c.bytes);
    EXPECT_EQ(FirstInvalidUtf8(c.bytes), c.at) << EscapeBytes(c.bytes);
  }
}

TEST(Utf8Test, EscapeGivesAsciiAndCutsLongText) {
  EXPECT_EQ(EscapeBytes("a\xff\n\\b"), "a\\xff\\x0a\\x5cb");
  EXPECT_EQ(EscapeBytes(std::string(100, 'x'), 4), "xxxx...");
  EXPECT_TRUE(IsValidUtf8(EscapeBytes("\xc3\x28\xff")));
}

TEST(PercentDecodeTest, DecodesAndNamesWhereItFails) {
  EXPECT_EQ(PercentDecode("/a%20b+c", false, "path").value(), "/a b+c");
  EXPECT_EQ(PercentDecode("a+b%2B", true, "q").value(), "a b+");
  auto bad = PercentDecode("/%ff", false, "path");
  ASSERT_FALSE(bad.ok());
  EXPECT_EQ(bad.status().message(), "path: not valid UTF-8 at byte 1 ('/\\xff')");
  auto truncated = PercentDecode("ab%4", true, "query parameter 'x'");
  ASSERT_FALSE(truncated.ok());
  EXPECT_EQ(truncated.status().message(), "query parameter 'x': bad percent-encoding at byte 2");
  EXPECT_FALSE(PercentDecode("%zz", false, "path").ok());
}

}  // namespace
}  // namespace verity::http
