#include "tlog/cosignature.h"

#include <gtest/gtest.h>

#include "tlog/checkpoint.h"
#include "tlog/test_util.h"

namespace verity::tlog {
namespace {

using testing::TestKey;

constexpr std::string_view kText =
    "example.com/behind-the-sofa\n"
    "20852163\n"
    "CsUYapGGPo4dkMgIAUqom/Xajj7h2fB2MPA3j2jxq2I=\n";

TEST(CosignatureTest, SpecMessageIsExact) {
  // tlog-cosignature.md, "Ed25519 signed message".
  EXPECT_EQ(CosignatureMessage(kText, 1679315147),
            "cosignature/v1\n"
            "time 1679315147\n"
            "example.com/behind-the-sofa\n"
            "20852163\n"
            "CsUYapGGPo4dkMgIAUqom/Xajj7h2fB2MPA3j2jxq2I=\n");
}

TEST(CosignatureTest, SpecExampleLineCarriesItsTimestamp) {
  // tlog-cosignature.md, the example's witness line (the specification
  // does not publish the witness's key, so only the layout is checked).
  const auto s = ParseSignatureLine(
      "\xE2\x80\x94 witness.example.com/w1 "
      "jWbPPwAAAABkGFDLEZMHwSRaJNiIDoe9DYn/zXcrtPHeolMI5OWXEhZCB9dlrDJsX3b2oyin1nPZqhf5nNo0xUe+"
      "mbIUBkBIfZ+qnA==");
  ASSERT_TRUE(s.ok()) << s.status().ToString();
  EXPECT_EQ(s->key_id, 0x8d66cf3fu);
  ASSERT_EQ(s->signature.size(), 8u + 64u);
  EXPECT_EQ(CosignatureTimestamp(s->signature), 1679315147u);
}

TEST(CosignatureTest, CosignAndVerifyThroughANote) {
  const Signer w = TestKey("witness.example/us", SignatureType::kCosignatureV1, 9);
  const auto sig = Cosign(w, kText, 1700000000);
  ASSERT_TRUE(sig.ok()) << sig.status().ToString();
  EXPECT_EQ(CosignatureTimestamp(sig->signature), 1700000000u);
  EXPECT_TRUE(w.verifier().Verify(kText, sig->signature));
  // The timestamp is signed: changing it breaks the signature.
  std::string moved = sig->signature;
  moved[7] ^= 1;
  EXPECT_FALSE(w.verifier().Verify(kText, moved));
  // So are the extension lines.
  EXPECT_FALSE(w.verifier().Verify(std::string(kText) + "ext\n", sig->signature));
  // A note key of the same seed does not accept it (domain separation).
  const Signer n = TestKey("witness.example/us", SignatureType::kEd25519, 9);
  EXPECT_FALSE(n.verifier().Verify(kText, sig->signature));
}

TEST(CosignatureTest, BadTimestampsAndKeysAreRefused) {
  const Signer w = TestKey("w", SignatureType::kCosignatureV1, 9);
  EXPECT_EQ(Cosign(w, kText, 0).status().message(),
            "cosignature: the timestamp must be between 1 and 2^63 - 1");
  EXPECT_FALSE(Cosign(w, kText, uint64_t{1} << 63).ok());
  const Signer n = TestKey("n", SignatureType::kEd25519, 9);
  EXPECT_EQ(Cosign(n, kText, 1).status().message(),
            "cosignature: n is not a cosignature/v1 key (type 0x04)");
  // A signature whose timestamp is above 2^63 - 1 never verifies.
  std::string sig = Cosign(w, kText, 5)->signature;
  sig[0] = '\x80';
  EXPECT_FALSE(w.verifier().Verify(kText, sig));
}

}  // namespace
}  // namespace verity::tlog
