#include "core/hash.h"

#include <gtest/gtest.h>

namespace verity {
namespace {

TEST(HashTest, Sha256MatchesKnownVectors) {
  ASSERT_TRUE(InitCrypto().ok());
  // FIPS 180-2 test vectors.
  EXPECT_EQ(ToHex(Sha256("")), "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855");
  EXPECT_EQ(ToHex(Sha256("abc")),
            "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad");
}

TEST(HashTest, PrefixedHashEqualsHashOfConcatenation) {
  EXPECT_EQ(Sha256Prefixed(0, "abc"), Sha256(std::string("\0abc", 4)));
  Hash256 a = Sha256("a"), b = Sha256("b");
  std::string cat =
      std::string(1, '\1') + std::string(a.begin(), a.end()) + std::string(b.begin(), b.end());
  EXPECT_EQ(Sha256Pair(1, a, b), Sha256(cat));
}

TEST(HashTest, HexRoundTripAndErrors) {
  auto h = Sha256("x");
  EXPECT_EQ(*HashFromHex(ToHex(h)), h);
  EXPECT_EQ(FromHex("abc").status().message(), "hex string has odd length");
  EXPECT_FALSE(FromHex("zz").ok());
  EXPECT_EQ(HashFromHex("00").status().message(), "expected 64 hex digits (a SHA-256 hash)");
}

}  // namespace
}  // namespace verity
