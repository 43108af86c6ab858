#include "tlog/policy.h"

#include <gtest/gtest.h>

#include "tlog/cosignature.h"
#include "tlog/merkle.h"
#include "tlog/test_util.h"

namespace verity::tlog {
namespace {

using testing::TestKey;

constexpr std::string_view kPolicyOrigin = "verity.example/new-start";

Signer Witness(std::string_view name, uint8_t fill) {
  return TestKey(name, SignatureType::kCosignatureV1, fill);
}

// tlog-policy.md's example, with keys and a URL.
class PolicyTest : public ::testing::Test {
 protected:
  void SetUp() override {
    for (int i = 0; i < 6; ++i) {
      const std::string name = std::string(i < 3 ? "X" : "Y") + std::to_string(i % 3 + 1);
      witnesses_.push_back(Witness(name + ".example", static_cast<uint8_t>(10 + i)));
    }
    text_ = "# two organisations\nlog " + log_.verifier().ToString() + " https://log.example/\n\n";
    for (int i = 0; i < 6; ++i) {
      text_ += "witness " + std::string(i < 3 ? "X" : "Y") + std::to_string(i % 3 + 1) + " " +
               witnesses_[i].verifier().ToString() + "\n";
    }
    text_ +=
        "group X-witnesses 2 X1 X2 X3\n"
        "  group\tY-witnesses any Y1 Y2 Y3  \n"
        "group X-and-Y all X-witnesses Y-witnesses\n"
        "quorum X-and-Y\n";
    text_cp_ = *FormatCheckpoint(Checkpoint{std::string(kPolicyOrigin), 1, LeafHash("a"), {}});
  }

  // The checkpoint signed by the log and cosigned by witnesses `who`.
  std::string Cosigned(std::initializer_list<int> who) {
    Note n{text_cp_, {*SignText(log_, text_cp_)}};
    for (int i : who) n.signatures.push_back(*Cosign(witnesses_[i], text_cp_, 1000 + i));
    return FormatNote(n);
  }

  Signer log_ = TestKey(kPolicyOrigin, SignatureType::kEd25519, 1);
  std::vector<Signer> witnesses_;
  std::string text_, text_cp_;
};

TEST_F(PolicyTest, SpecExampleParses) {
  const auto p = ParsePolicy(text_);
  ASSERT_TRUE(p.ok()) << p.status().ToString();
  ASSERT_EQ(p->logs.size(), 1u);
  EXPECT_EQ(p->logs[0].url, "https://log.example/");
  EXPECT_EQ(p->witnesses.size(), 6u);
  ASSERT_EQ(p->groups.size(), 3u);
  EXPECT_EQ(p->groups[0].threshold, 2u);
  EXPECT_EQ(p->groups[1].threshold, 1u);
  EXPECT_EQ(p->groups[2].threshold, 2u);
  EXPECT_EQ(p->groups[2].members, (std::vector<std::string>{"X-witnesses", "Y-witnesses"}));
  EXPECT_EQ(p->quorum, "X-and-Y");
}

TEST_F(PolicyTest, QuorumMetSaysWhoCosigned) {
  const Policy p = *ParsePolicy(text_);
  const auto v = CheckCheckpoint(p, Cosigned({0, 2, 5}));
  ASSERT_TRUE(v.ok()) << v.status().ToString();
  EXPECT_TRUE(v->quorum_met);
  EXPECT_EQ(v->log, log_.verifier().ToString());
  ASSERT_EQ(v->cosigned.size(), 3u);
  EXPECT_EQ(v->cosigned[0].witness, "X1");
  EXPECT_EQ(v->cosigned[1].witness, "X3");
  EXPECT_EQ(v->cosigned[2].witness, "Y3");
  EXPECT_EQ(v->cosigned[2].timestamp, 1005u);
  EXPECT_EQ(v->checkpoint.size, 1u);
}

TEST_F(PolicyTest, QuorumNotMetSaysWhatIsMissing) {
  const Policy p = *ParsePolicy(text_);
  const std::string note = Cosigned({0, 3});
  const auto v = EvaluateCheckpoint(p, note);
  ASSERT_TRUE(v.ok());
  EXPECT_FALSE(v->quorum_met);
  const std::string missing =
      "group X-and-Y needs 2 of its 2 members, has 1: group X-witnesses needs 2 of its 3 "
      "members, has 1: witness X2 did not cosign; witness X3 did not cosign";
  EXPECT_EQ(v->missing, missing);
  const auto refused = CheckCheckpoint(p, note);
  EXPECT_EQ(refused.status().code(), StatusCode::kPermissionDenied);
  EXPECT_EQ(refused.status().message(), "checkpoint: quorum X-and-Y not met: " + missing);
}

TEST_F(PolicyTest, WitnessesAloneOrABadCosignatureAreRefused) {
  const Policy p = *ParsePolicy(text_);
  Note n{text_cp_, {*Cosign(witnesses_[0], text_cp_, 1), *Cosign(witnesses_[3], text_cp_, 1)}};
  EXPECT_EQ(
      CheckCheckpoint(p, FormatNote(n)).status().message(),
      "checkpoint: no valid signature by a known log key for origin " + std::string(kPolicyOrigin));
  // A cosignature over another checkpoint text does not verify.
  const std::string other = *FormatCheckpoint(Checkpoint{std::string(kPolicyOrigin), 2, {}, {}});
  Note forged{text_cp_, {*SignText(log_, text_cp_), *Cosign(witnesses_[1], other, 1)}};
  EXPECT_EQ(CheckCheckpoint(p, FormatNote(forged)).status().code(), StatusCode::kPermissionDenied);
}

TEST_F(PolicyTest, QuorumNoneNeedsOnlyTheLog) {
  const Policy p = *ParsePolicy("log " + log_.verifier().ToString() + "\nquorum none\n");
  EXPECT_TRUE(CheckCheckpoint(p, Cosigned({}))->quorum_met);
}

TEST_F(PolicyTest, MalformedPoliciesNameTheLine) {
  const std::string w1 = witnesses_[0].verifier().ToString();
  const std::string w2 = witnesses_[1].verifier().ToString();
  const std::string lg = log_.verifier().ToString();
  struct Case {
    std::string text, message;
  };
  const std::vector<Case> cases = {
      {"quorum none\nlogs " + lg + "\n", "policy line 2: unknown keyword 'logs'"},
      {"witness none " + w1 + "\nquorum none\n", "policy line 1: 'none' is a reserved name"},
      {"witness a " + w1 + "\nwitness a " + w2 + "\n", "policy line 2: name 'a' is defined twice"},
      {"witness a " + w1 + "\nwitness b " + w1 + "\n", "policy line 2: witness b has the key of a"},
      {"log " + lg + "\nlog " + lg + "\n", "policy line 2: duplicate log key"},
      {"log " + w1 + "\n", "policy line 1: a log key must be an Ed25519 note key (type 0x01)"},
      {"witness a " + lg + "\n",
       "policy line 1: a witness key must be an Ed25519 cosignature/v1 key (type 0x04)"},
      {"witness a " + w1 + "\ngroup g 1 a b\n", "policy line 2: group g: 'b' is not defined above"},
      {"witness a " + w1 + "\ngroup g 1 a a\n", "policy line 2: group g: 'a' is listed twice"},
      {"witness a " + w1 + "\ngroup g 0 a\n", "policy line 2: group g: the threshold is 0"},
      {"witness a " + w1 + "\ngroup g 2 a\n",
       "policy line 2: group g: the threshold must be all, any or 1 to 1"},
      {"witness a " + w1 + "\ngroup g none a\n",
       "policy line 2: group g: the threshold must be all, any or 1 to 1"},
      {"witness a " + w1 + "\ngroup g all none\n",
       "policy line 2: group g: 'none' is not defined above"},
      {"group g any\n", "policy line 1: expected group <name> all|any|<k> <name>..."},
      {"quorum b\n", "policy line 1: quorum: 'b' is not defined above"},
      {"quorum none\nquorum none\n", "policy line 2: a second quorum line"},
      {"log " + lg + "\n", "policy: no quorum line"},
      {"quorum none", "policy: the last line does not end in a newline"},
      {"quorum\x01 none\n", "policy line 1: a control character"},
      {"quorum none\r\n", "policy line 1: a control character"},
      {"witness a " + w1 + " url extra\n", "policy line 1: expected witness <name> <vkey> [<url>]"},
      {std::string(kMaxPolicyBytes + 1, '#'), "policy: longer than 65536 bytes"},
  };
  for (const Case& c : cases) {
    const auto p = ParsePolicy(c.text);
    EXPECT_EQ(p.status().code(), StatusCode::kInvalidArgument) << c.text;
    EXPECT_EQ(p.status().message(), c.message) << c.text;
  }
}

TEST_F(PolicyTest, TooManyWitnessesAreRefused) {
  std::string text;
  for (int i = 0; i <= static_cast<int>(kMaxPolicyWitnesses); ++i) {
    text += "witness w" + std::to_string(i) + " " +
            Witness("w.example", static_cast<uint8_t>(i)).verifier().ToString() + "\n";
  }
  EXPECT_EQ(ParsePolicy(text).status().message(), "policy line 65: too many witnesses");
}

}  // namespace
}  // namespace verity::tlog
