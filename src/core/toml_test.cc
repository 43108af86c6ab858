#include "core/toml.h"

#include <gtest/gtest.h>

#include "core/limits.h"

namespace verity {
namespace {

std::string DottedKey(int segments) {
  std::string key = "a";
  for (int i = 1; i < segments; ++i) key += ".a";
  return key;
}

TEST(TomlTest, InvalidUtf8IsRefusedWithLineAndColumn) {
  auto t = ParseToml("name = \"ok\"\nsource = \"bad \xF5\x80\"\n", "t.toml");
  EXPECT_EQ(t.status().message(),
            "t.toml: line 2, column 15: invalid UTF-8 (code point above U+10FFFF, byte 0xF5)");
}

// toml++ bounds nested arrays and inline tables itself ...
TEST(TomlTest, DeepValuesAreRefusedByTheParser) {
  const std::string deep = "x = " + std::string(100'000, '[') + std::string(100'000, ']') + "\n";
  auto t = ParseToml(deep, "t.toml");
  EXPECT_EQ(t.status().code(), StatusCode::kInvalidArgument);
  EXPECT_NE(t.status().message().find("exceeded maximum nested value depth of 256"),
            std::string::npos)
      << t.status().message();
}

// ... but not dotted keys or table headers: a 300,000-segment key crashed it.
TEST(TomlTest, DeepDottedKeysAndHeadersAreRefusedBeforeParsing) {
  for (const std::string& doc :
       {DottedKey(300'000) + " = 1\n", "[" + DottedKey(300'000) + "]\nx = 1\n"}) {
    auto t = ParseToml("name = \"x\"\n" + doc, "t.toml");
    EXPECT_EQ(t.status().message().rfind("t.toml: line 2, column ", 0), 0u);
    EXPECT_NE(t.status().message().find(": more than 256 '.' on one line outside strings (the "
                                        "limit on dotted keys)"),
              std::string::npos)
        << t.status().message();
  }
}

TEST(TomlTest, DotsInStringsAndCommentsDoNotCount) {
  const std::string dots(1000, '.');
  const std::string doc = "sa = \"" + dots + "\"\nsb = '" + dots + "'  # " + dots +
                          "\nsc = \"\"\"\n" + dots + "\n\"\"\"\nsd = '''" + dots + "'''\n" +
                          DottedKey(limits::kMaxTomlDotsPerLine + 1) + " = 1\n";
  auto t = ParseToml(doc, "t.toml");
  ASSERT_TRUE(t.ok()) << t.status().message();
  EXPECT_EQ((*t)["sa"].value<std::string>()->size(), 1000u);
}

}  // namespace
}  // namespace verity
