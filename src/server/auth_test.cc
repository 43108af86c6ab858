#include "server/auth.h"

#include <gtest/gtest.h>

namespace verity::server {
namespace {

Authenticator MakeAuth() {
  std::vector<TokenEntry> entries;
  entries.push_back({Sha256("us-token"), {Role::kParty, "US", "US"}});
  entries.push_back({Sha256("obs-token"), {Role::kObserver, "press", ""}});
  return Authenticator(std::move(entries));
}

TEST(AuthTest, NoHeaderIsAnonymous) {
  auto who = MakeAuth().Authenticate("");
  ASSERT_TRUE(who.ok());
  EXPECT_EQ(who->role, Role::kAnonymous);
}

TEST(AuthTest, KnownTokenGivesItsPrincipal) {
  auto who = MakeAuth().Authenticate("Bearer us-token");
  ASSERT_TRUE(who.ok()) << who.status().ToString();
  EXPECT_EQ(who->role, Role::kParty);
  EXPECT_EQ(who->party, "US");
}

TEST(AuthTest, UnknownTokenIsUnauthenticated) {
  auto who = MakeAuth().Authenticate("Bearer us-token-x");
  ASSERT_FALSE(who.ok());
  EXPECT_EQ(who.status(), Unauthenticated("unknown API token"));
}

TEST(AuthTest, NonBearerSchemeIsUnauthenticated) {
  auto who = MakeAuth().Authenticate("Basic dXM6dG9rZW4=");
  ASSERT_FALSE(who.ok());
  EXPECT_EQ(who.status().message(), "Authorization header must be 'Bearer <token>'");
  EXPECT_FALSE(MakeAuth().Authenticate("Bearer ").ok());
}

// RFC 7235 section 2.1: the auth-scheme is case-insensitive.
TEST(AuthTest, BearerSchemeIsMatchedInAnyCase) {
  for (const char* header : {"bearer us-token", "BEARER us-token", "BeArEr  us-token"}) {
    auto who = MakeAuth().Authenticate(header);
    ASSERT_TRUE(who.ok()) << header << ": " << who.status().ToString();
    EXPECT_EQ(who->party, "US");
  }
  EXPECT_FALSE(MakeAuth().Authenticate("Bearerus-token").ok());
  EXPECT_FALSE(MakeAuth().Authenticate("Bearer us-token extra").ok());
  EXPECT_FALSE(MakeAuth().Authenticate("Basic dXM6dG9rZW4=").ok());
}

TEST(AuthTest, ObserverIsDeniedPartyDetail) {
  Principal observer{Role::kObserver, "press", ""};
  EXPECT_EQ(Authenticator::Authorize(observer, Access::kDetail).code(),
            StatusCode::kPermissionDenied);
  EXPECT_TRUE(Authenticator::Authorize(observer, Access::kPublic).ok());
}

TEST(AuthTest, AnonymousNeedsATokenForDetail) {
  EXPECT_EQ(Authenticator::Authorize(Principal{}, Access::kDetail).code(),
            StatusCode::kUnauthenticated);
}

TEST(AuthTest, AdminReadsDetailButCannotWriteAsAParty) {
  Principal admin{Role::kAdmin, "ops", ""};
  EXPECT_TRUE(Authenticator::Authorize(admin, Access::kDetail).ok());
  EXPECT_EQ(Authenticator::Authorize(admin, Access::kPartyOnly).code(),
            StatusCode::kPermissionDenied);
}

TEST(AuthTest, HashTokenIsHexSha256) {
  EXPECT_EQ(HashToken("abc"), "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad");
}

}  // namespace
}  // namespace verity::server
