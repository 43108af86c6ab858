#include "http/text.h"

#include <gtest/gtest.h>

namespace verity::http {
namespace {

TEST(PercentDecodeTest, DecodesAndNamesWhereItFails) {
  EXPECT_EQ(PercentDecode("/a%20b+c", false, "path").value(), "/a b+c");
  EXPECT_EQ(PercentDecode("a+b%2B", true, "q").value(), "a b+");
  EXPECT_EQ(PercentDecode("%c3%a9", false, "path").value(), "\xc3\xa9");
  auto bad = PercentDecode("/%ff", false, "path");
  ASSERT_FALSE(bad.ok());
  EXPECT_EQ(bad.status().message(), "path: invalid UTF-8 at byte 1 (FF): invalid byte");
  auto overlong = PercentDecode("%c0%af", true, "query parameter 'x'");
  ASSERT_FALSE(overlong.ok());
  EXPECT_EQ(overlong.status().message(),
            "query parameter 'x': invalid UTF-8 at byte 0 (C0): overlong encoding");
  auto truncated = PercentDecode("ab%4", true, "query parameter 'x'");
  ASSERT_FALSE(truncated.ok());
  EXPECT_EQ(truncated.status().message(), "query parameter 'x': bad percent-encoding at byte 2");
  EXPECT_FALSE(PercentDecode("%zz", false, "path").ok());
}

}  // namespace
}  // namespace verity::http
