#include "core/text.h"

#include <gtest/gtest.h>

namespace verity {
namespace {

std::string_view Reason(std::string_view bytes) {
  const auto bad = FindInvalidUtf8(bytes);
  return bad ? bad->reason : "valid";
}

// The boundaries of Unicode's table 3-7 ("well-formed UTF-8 byte sequences").
TEST(Utf8Test, WellFormedSequencesAtEveryBoundaryPass) {
  for (std::string_view ok : {"", "plain ASCII, long enough to take the 8-byte path", "\x7F",
                              "\xC2\x80", "\xDF\xBF",          // U+0080, U+07FF
                              "\xE0\xA0\x80", "\xED\x9F\xBF",  // U+0800, U+D7FF
                              "\xEE\x80\x80", "\xEF\xBF\xBF",  // U+E000, U+FFFF
                              "\xF0\x90\x80\x80",              // U+10000
                              "\xF4\x8F\xBF\xBF",              // U+10FFFF
                              "d\xC3\xA9"
                              "claration \xE2\x82\xAC \xF0\x9F\x98\x80"}) {
    EXPECT_EQ(Reason(ok), "valid") << EscapeBytes(ok);
  }
}

TEST(Utf8Test, OverlongFormsAreRefused) {
  EXPECT_EQ(Reason("\xC0\xAF"), "overlong encoding");  // '/' in two bytes
  EXPECT_EQ(Reason("\xC1\xBF"), "overlong encoding");
  EXPECT_EQ(Reason("\xE0\x80\xAF"), "overlong encoding");      // '/' in three
  EXPECT_EQ(Reason("\xE0\x9F\xBF"), "overlong encoding");      // U+07FF in three
  EXPECT_EQ(Reason("\xF0\x80\x80\xAF"), "overlong encoding");  // '/' in four
  EXPECT_EQ(Reason("\xF0\x8F\xBF\xBF"), "overlong encoding");  // U+FFFF in four
}

TEST(Utf8Test, SurrogatesAndCodePointsAboveTheLastAreRefused) {
  EXPECT_EQ(Reason("\xED\xA0\x80"), "surrogate code point (U+D800..U+DFFF)");
  EXPECT_EQ(Reason("\xED\xBF\xBF"), "surrogate code point (U+D800..U+DFFF)");
  EXPECT_EQ(Reason("\xF4\x90\x80\x80"), "code point above U+10FFFF");  // U+110000
  EXPECT_EQ(Reason("\xF5\x80\x80\x80"), "code point above U+10FFFF");
  EXPECT_EQ(Reason("\xF8\x88\x80\x80\x80"), "invalid byte");
  EXPECT_EQ(Reason("\xFF"), "invalid byte");
}

TEST(Utf8Test, BrokenSequencesAreRefusedWhereTheyStart) {
  EXPECT_EQ(Reason("\x80"), "unexpected continuation byte");
  EXPECT_EQ(Reason("ab\xC3"), "truncated sequence");
  EXPECT_EQ(Reason("\xE2\x82"), "truncated sequence");
  EXPECT_EQ(Reason("\xC3(x"), "expected a continuation byte");
  EXPECT_EQ(Reason("\xE2\x82("), "expected a continuation byte");
  // The offset is the first byte of the bad sequence, past the ASCII fast path.
  const std::string text = std::string(20, 'a') + "\xC3\xA9" + "\xED\xA0\x80";
  EXPECT_EQ(FindInvalidUtf8(text)->offset, 22u);
}

// The offsets the HTTP layer reports (its table before it used this one).
TEST(Utf8Test, OffsetIsTheFirstByteOfTheBadSequence) {
  struct Case {
    const char* bytes;
    size_t at;
  };
  for (const Case& c :
       {Case{"\xff", 0}, Case{"a\x80", 1}, Case{"\xc0\xaf", 0}, Case{"\xe0\x80\xaf", 0},
        Case{"\xed\xa0\x80", 0}, Case{"\xf4\x90\x80\x80", 0}, Case{"ok\xe2\x82", 2},
        Case{"\xf8\x88\x80\x80\x80", 0}, Case{"\xc3\x28", 0}}) {
    ASSERT_TRUE(FindInvalidUtf8(c.bytes).has_value()) << EscapeBytes(c.bytes);
    EXPECT_EQ(FindInvalidUtf8(c.bytes)->offset, c.at) << EscapeBytes(c.bytes);
  }
}

TEST(Utf8Test, CheckNamesTheSourceAndWhereWithoutEchoingTheBytes) {
  EXPECT_TRUE(CheckUtf8("caf\xC3\xA9", "query parameter 'q'").ok());
  const Status s = CheckUtf8("ab\xFF", "path");
  EXPECT_EQ(s.code(), StatusCode::kInvalidArgument);
  EXPECT_EQ(s.message(), "path: invalid UTF-8 at byte 2 (FF): invalid byte");
  EXPECT_EQ(CheckUtf8Text("line one\nline \xC0\x80 two", "f.csv").message(),
            "f.csv: line 2, column 6: invalid UTF-8 (overlong encoding, byte 0xC0)");
}

TEST(EscapeTest, KeepsPrintableTextAndEscapesTheRest) {
  EXPECT_EQ(EscapeBytes("plain d\xC3\xA9j\xC3\xA0 \xE2\x82\xAC"),
            "plain d\xC3\xA9j\xC3\xA0 \xE2\x82\xAC");
  EXPECT_EQ(EscapeBytes("a\\b"), "a\\\\b");
  EXPECT_EQ(EscapeBytes("tab\tnl\ncr\r"), "tab\\tnl\\ncr\\r");
  EXPECT_EQ(EscapeBytes(std::string("nul\0esc\x1B[2J del\x7F", 16)),
            "nul\\x00esc\\x1B[2J del\\x7F");
  EXPECT_EQ(EscapeBytes("\xC2\x85"), "\\xC2\\x85");  // C1 control NEL
  EXPECT_EQ(EscapeBytes("bad \xFF\xC3"), "bad \\xFF\\xC3");
  EXPECT_EQ(EscapeBytes("\xED\xA0\x80"), "\\xED\\xA0\\x80");
}

TEST(EscapeTest, EscapeCutsLongInputAtACharacterBoundary) {
  EXPECT_EQ(EscapeBytes(std::string(100, 'x'), 4), "xxxx...");
  EXPECT_EQ(EscapeBytes("ab\xC3\xA9", 3), "ab...");
  EXPECT_EQ(EscapeBytes("a\xFF\n", 8), "a\\xFF\\n");
  EXPECT_FALSE(FindInvalidUtf8(EscapeBytes("\xc3\x28\xff")).has_value());
}

TEST(EscapeTest, QuoteCutsLongInputAtACharacterBoundary) {
  EXPECT_EQ(Quote("us"), "'us'");
  EXPECT_EQ(Quote(std::string(100, 'x'), 10), "'xxxxxxxxxx...'");
  // "é" is two bytes: a cut after 3 bytes must not split the second one.
  EXPECT_EQ(Quote("a\xC3\xA9\xC3\xA9", 4), "'a\xC3\xA9...'");
}

TEST(CleanMessageTest, MessagesAreAlwaysCleanUtf8) {
  EXPECT_EQ(CleanMessage("fine: d\xC3\xA9j\xC3\xA0\nsecond line\tok"),
            "fine: d\xC3\xA9j\xC3\xA0\nsecond line\tok");
  EXPECT_EQ(CleanMessage("GET /\xFF: not found"), "GET /\\xFF: not found");
  EXPECT_EQ(CleanMessage("bell\x07 and \xC2\x9B"), "bell\\x07 and \\xC2\\x9B");
  // Every Status keeps its message clean, so JSON can always carry it.
  const Status s = InvalidArgument("unknown route /\xFF\xFE");
  EXPECT_EQ(s.message(), "unknown route /\\xFF\\xFE");
  EXPECT_FALSE(FindInvalidUtf8(s.WithContext("x\xC3").message()).has_value());
}

}  // namespace
}  // namespace verity
