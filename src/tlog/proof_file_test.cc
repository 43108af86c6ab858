#include "tlog/proof_file.h"

#include <gtest/gtest.h>

#include "tlog/cosignature.h"
#include "tlog/merkle.h"
#include "tlog/test_util.h"

namespace verity::tlog {
namespace {

using testing::TestEntry;
using testing::TestKey;

constexpr std::string_view kProofOrigin = "example.com/fancylog";

class ProofFileTest : public ::testing::Test {
 protected:
  void SetUp() override {
    for (uint64_t i = 0; i < 11; ++i) leaves_.push_back(LeafHash(TestEntry(i)));
    const std::string text =
        *FormatCheckpoint(Checkpoint{std::string(kProofOrigin), 11, RootOf(leaves_), {}});
    checkpoint_ = FormatNote(Note{text, {*SignText(log_, text), *Cosign(witness_, text, 77)}});
    policy_ = *ParsePolicy("log " + log_.verifier().ToString() + "\nwitness w " +
                           witness_.verifier().ToString() + "\nquorum w\n");
  }

  ProofFile Proof(uint64_t index) {
    return ProofFile{std::string("extra\0data", 10), index, InclusionProof(leaves_, index),
                     checkpoint_};
  }

  Signer log_ = TestKey(kProofOrigin, SignatureType::kEd25519, 1);
  Signer witness_ = TestKey("witness1.example", SignatureType::kCosignatureV1, 2);
  std::vector<Hash256> leaves_;
  std::string checkpoint_;
  Policy policy_;
};

TEST_F(ProofFileTest, FormatsAsTheSpecShowsAndRoundTrips) {
  const ProofFile p = Proof(6);
  const auto text = FormatProofFile(p);
  ASSERT_TRUE(text.ok());
  EXPECT_TRUE(text->starts_with("c2sp.org/tlog-proof@v1\nextra ZXh0cmEAZGF0YQ==\nindex 6\n"));
  EXPECT_NE(text->find("=\n\nexample.com/fancylog\n11\n"), std::string::npos);
  const auto back = ParseProofFile(*text);
  ASSERT_TRUE(back.ok()) << back.status().ToString();
  EXPECT_EQ(back->extra, p.extra);
  EXPECT_EQ(back->index, 6u);
  EXPECT_EQ(back->inclusion, p.inclusion);
  EXPECT_EQ(back->checkpoint, checkpoint_);
  // Without extra data the line is omitted.
  ProofFile plain = p;
  plain.extra.reset();
  EXPECT_TRUE(FormatProofFile(plain)->starts_with("c2sp.org/tlog-proof@v1\nindex 6\n"));
  EXPECT_FALSE(ParseProofFile(*FormatProofFile(plain))->extra.has_value());
}

TEST_F(ProofFileTest, ChecksAgainstThePolicyAndTheLeaf) {
  const ProofFile p = *ParseProofFile(*FormatProofFile(Proof(6)));
  const auto v = CheckProofFile(p, leaves_[6], policy_);
  ASSERT_TRUE(v.ok()) << v.status().ToString();
  EXPECT_EQ(v->cosigned.size(), 1u);
  const auto wrong = CheckProofFile(p, leaves_[5], policy_);
  EXPECT_EQ(wrong.status().code(), StatusCode::kDataLoss);
  EXPECT_EQ(wrong.status().message(),
            "tlog-proof: entry 6: inclusion proof does not verify: the computed root differs "
            "from the tree head");
  // A policy wanting a witness that did not cosign refuses it.
  const Signer other = TestKey("witness2.example", SignatureType::kCosignatureV1, 3);
  const Policy strict = *ParsePolicy("log " + log_.verifier().ToString() + "\nwitness w " +
                                     other.verifier().ToString() + "\nquorum w\n");
  EXPECT_EQ(CheckProofFile(p, leaves_[6], strict).status().message(),
            "checkpoint: quorum w not met: witness w did not cosign");
}

TEST_F(ProofFileTest, MalformedFilesGiveSpecificErrors) {
  const std::string cp = checkpoint_;
  const std::string h = "gSKyXoYZUgZ6jduWYrkDOARinOMGJveXjgMkBTcdPlQ=\n";
  struct Case {
    std::string text, message;
  };
  const std::vector<Case> cases = {
      {"c2sp.org/tlog-proof@v2\nindex 1\n\n" + cp,
       "tlog-proof: the first line is not c2sp.org/tlog-proof@v1"},
      {"c2sp.org/tlog-proof@v1\nextra \nindex 1\n\n" + cp, "tlog-proof: empty extra data"},
      {"c2sp.org/tlog-proof@v1\nextra !!\nindex 1\n\n" + cp,
       "tlog-proof: extra: not canonical base64"},
      {"c2sp.org/tlog-proof@v1\nindex 01\n\n" + cp, "tlog-proof: index: '01' has a leading zero"},
      {"c2sp.org/tlog-proof@v1\nidx 1\n\n" + cp, "tlog-proof: expected 'index <n>'"},
      {"c2sp.org/tlog-proof@v1\nindex 1\n" + h, "tlog-proof: no blank line before the checkpoint"},
      {"c2sp.org/tlog-proof@v1\nindex 1\n" + h + "\n", "tlog-proof: no checkpoint"},
      {"c2sp.org/tlog-proof@v1\nindex 1\nshort\n\n" + cp,
       "tlog-proof: proof line 1: a hash is 44 base64 characters"},
  };
  for (const Case& c : cases) {
    const auto r = ParseProofFile(c.text);
    EXPECT_EQ(r.status().code(), StatusCode::kInvalidArgument) << c.text;
    EXPECT_EQ(r.status().message(), c.message) << c.text;
  }
  std::string many = "c2sp.org/tlog-proof@v1\nindex 1\n";
  for (int i = 0; i < 64; ++i) many += h;
  EXPECT_EQ(ParseProofFile(many + "\n" + cp).status().message(),
            "tlog-proof: more than 63 proof hashes");
}

}  // namespace
}  // namespace verity::tlog
