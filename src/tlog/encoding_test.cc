#include "tlog/encoding.h"

#include <gtest/gtest.h>

namespace verity::tlog {
namespace {

TEST(EncodingTest, Base64RoundTripsAndIsStrict) {
  EXPECT_EQ(Base64Encode("hello"), "aGVsbG8=");
  EXPECT_EQ(*Base64Decode("aGVsbG8=", "x"), "hello");
  EXPECT_EQ(*Base64Decode("", "x"), "");
  // Missing padding, non-zero unused bits, URL alphabet, whitespace.
  for (const char* bad : {"aGVsbG8", "aGVsbG9=", "aGV_bG8=", "aGVs bG8=", "aGVsbG8=\n", "===="}) {
    const auto r = Base64Decode(bad, "field");
    EXPECT_EQ(r.status().code(), StatusCode::kInvalidArgument) << bad;
    EXPECT_EQ(r.status().message(), "field: not canonical base64") << bad;
  }
}

TEST(EncodingTest, HashesAre44Characters) {
  const Hash256 h = Sha256("x");
  EXPECT_EQ(*DecodeHash(Base64Encode(h), "root"), h);
  EXPECT_EQ(DecodeHash("aGVsbG8=", "root").status().message(),
            "root: a hash is 44 base64 characters");
}

TEST(EncodingTest, DecimalsHaveNoLeadingZeroSignOrOverflow) {
  EXPECT_EQ(*ParseDecimal("0", "n"), 0u);
  EXPECT_EQ(*ParseDecimal("9223372036854775807", "n"), kMaxTreeSize);
  EXPECT_EQ(ParseDecimal("9223372036854775808", "n").status().message(),
            "n: number above 9223372036854775807");
  EXPECT_EQ(ParseDecimal("18446744073709551616", "n").status().code(),
            StatusCode::kInvalidArgument);
  EXPECT_EQ(ParseDecimal("007", "n").status().message(), "n: '007' has a leading zero");
  for (const char* bad : {"", "+1", "-1", " 1", "1 ", "1e3", "0x10"}) {
    EXPECT_FALSE(ParseDecimal(bad, "n").ok()) << bad;
  }
  EXPECT_EQ(ParseDecimal("64", "w", 63).status().message(), "w: number above 63");
  EXPECT_EQ(ParseDecimal("2", "k", 1).status().message(), "k: number above 1");
  EXPECT_EQ(*ParseDecimal("1", "k", 1), 1u);
}

TEST(EncodingTest, Utf8RejectsOverlongSurrogatesAndTruncation) {
  EXPECT_TRUE(IsValidUtf8("ed \xC3\xA8 subito sera \xE2\x80\x94 \xF0\x9F\x98\x80"));
  for (const char* bad : {"\xC0\xAF", "\xED\xA0\x80", "\xE2\x80", "\xF4\x90\x80\x80", "\xFF"}) {
    EXPECT_FALSE(IsValidUtf8(bad)) << bad;
  }
}

TEST(EncodingTest, KeyNamesRefuseSpacesPlusAndControls) {
  EXPECT_TRUE(CheckKeyName("example.com/foo", "k").ok());
  EXPECT_TRUE(CheckKeyName("caf\xC3\xA9.example", "k").ok());
  EXPECT_EQ(CheckKeyName("", "k").message(), "k: the key name is empty");
  EXPECT_EQ(CheckKeyName("a+b", "k").message(), "k: the key name contains '+'");
  EXPECT_EQ(CheckKeyName("a b", "k").message(), "k: the key name contains a space");
  // U+00A0 NO-BREAK SPACE and U+3000 IDEOGRAPHIC SPACE are Unicode spaces.
  EXPECT_EQ(CheckKeyName("a\xC2\xA0"
                         "b",
                         "k")
                .message(),
            "k: the key name contains a space");
  EXPECT_EQ(CheckKeyName("a\xE3\x80\x80"
                         "b",
                         "k")
                .message(),
            "k: the key name contains a space");
  EXPECT_EQ(CheckKeyName("a\x01"
                         "b",
                         "k")
                .message(),
            "k: the key name contains a control character");
  EXPECT_EQ(CheckKeyName("a\xFF", "k").message(), "k: the key name is not UTF-8");
  EXPECT_EQ(CheckKeyName(std::string(257, 'a'), "k").message(),
            "k: the key name is longer than 256 bytes");
}

}  // namespace
}  // namespace verity::tlog
