#include "server/config.h"

#include <gtest/gtest.h>

#include "server/test_server.h"

namespace verity::server {
namespace {

TEST(ConfigTest, EmptyObjectGivesDefaults) {
  auto cfg = ParseServerConfig("{}", "server.json");
  ASSERT_TRUE(cfg.ok()) << cfg.status().ToString();
  EXPECT_EQ(cfg->treaty, "new-start");
  EXPECT_EQ(cfg->limits.max_body_bytes, http::kDefaultMaxBodyBytes);
  EXPECT_TRUE(cfg->tokens.empty());
}

TEST(ConfigTest, TestConfigParsesWithFourTokens) {
  auto cfg = ParseServerConfig(TestConfigJson(), "test.json");
  ASSERT_TRUE(cfg.ok()) << cfg.status().ToString();
  EXPECT_EQ(cfg->parties.size(), 2u);
  ASSERT_EQ(cfg->tokens.size(), 4u);
  EXPECT_EQ(cfg->tokens[1].principal.party, "RU");
}

TEST(ConfigTest, UnknownRoleNamesItsPath) {
  auto cfg = ParseServerConfig(R"({"tokens":[{"role":"king","sha256":"00"}]})", "server.json");
  ASSERT_FALSE(cfg.ok());
  EXPECT_EQ(cfg.status().message(),
            "server.json: tokens[0].role: expected one of party, observer, admin, got 'king'");
}

TEST(ConfigTest, PartyTokenMustNameAConfiguredParty) {
  auto cfg = ParseServerConfig(
      R"({"tokens":[{"role":"party","party":"FR","sha256":")" + HashToken("t") + R"("}]})",
      "server.json");
  ASSERT_FALSE(cfg.ok());
  EXPECT_EQ(cfg.status().message(), "server.json: tokens[0].party: unknown party 'FR'");
}

TEST(ConfigTest, DigestMustBeSha256Hex) {
  auto cfg =
      ParseServerConfig(R"({"tokens":[{"role":"observer","sha256":"plaintext"}]})", "s.json");
  ASSERT_FALSE(cfg.ok());
  EXPECT_EQ(cfg.status().message(),
            "s.json: tokens[0].sha256: expected 64 hex digits (SHA-256 of the token)");
}

TEST(ConfigTest, LimitOutOfRangeIsRejected) {
  auto cfg = ParseServerConfig(R"({"limits":{"threads":0}})", "s.json");
  ASSERT_FALSE(cfg.ok());
  EXPECT_NE(cfg.status().message().find("limits.threads"), std::string::npos)
      << cfg.status().message();
}

TEST(ConfigTest, DuplicatePartyIsRejected) {
  auto cfg = ParseServerConfig(R"({"parties":[{"id":"US"},{"id":"US"}]})", "s.json");
  ASSERT_FALSE(cfg.ok());
  EXPECT_EQ(cfg.status().message(), "s.json: parties[1].id: party 'US' is listed twice");
}

}  // namespace
}  // namespace verity::server
