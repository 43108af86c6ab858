#include "tlog/checkpoint.h"

#include <gtest/gtest.h>

#include "tlog/encoding.h"
#include "tlog/merkle.h"
#include "tlog/test_util.h"

namespace verity::tlog {
namespace {

using testing::TestKey;

// tlog-checkpoint.md, the example at its top.
constexpr std::string_view kSpecCheckpoint =
    "example.com/behind-the-sofa\n"
    "20852163\n"
    "CsUYapGGPo4dkMgIAUqom/Xajj7h2fB2MPA3j2jxq2I=\n"
    "\n"
    "\xE2\x80\x94 example.com/behind-the-sofa "
    "Az3grlgtzPICa5OS8npVmf1Myq/5IZniMp+ZJurmRDeOoRDe4URYN7u5/Zhcyv2q1gGzGku9nTo+zyWE+xeMcTOAYQ8="
    "\n";

TEST(CheckpointTest, SpecExampleParses) {
  const auto note = ParseNote(kSpecCheckpoint);
  ASSERT_TRUE(note.ok()) << note.status().ToString();
  const auto c = ParseCheckpoint(note->text);
  ASSERT_TRUE(c.ok()) << c.status().ToString();
  EXPECT_EQ(c->origin, "example.com/behind-the-sofa");
  EXPECT_EQ(c->size, 20852163u);
  EXPECT_EQ(Base64Encode(c->root), "CsUYapGGPo4dkMgIAUqom/Xajj7h2fB2MPA3j2jxq2I=");
  EXPECT_TRUE(c->extensions.empty());
  EXPECT_EQ(*FormatCheckpoint(*c), note->text);
  EXPECT_EQ(note->signatures[0].key_id, 0x033de0aeu);
}

TEST(CheckpointTest, SignAndOpenWithExtensions) {
  const Signer log = TestKey("verity.example/new-start", SignatureType::kEd25519, 3);
  Checkpoint c{"verity.example/new-start",
               5,
               RootOf(std::vector<Hash256>(5, LeafHash("x"))),
               {"ext one", "ext two"}};
  const auto note = SignCheckpoint(c, log);
  ASSERT_TRUE(note.ok()) << note.status().ToString();
  VerifierSet known;
  ASSERT_TRUE(known.Add(log.verifier()).ok());
  const auto opened = OpenCheckpoint(*note, known);
  ASSERT_TRUE(opened.ok()) << opened.status().ToString();
  EXPECT_EQ(opened->checkpoint, c);
}

TEST(CheckpointTest, TheLogKeyMustBeNamedAsTheOrigin) {
  const Signer other = TestKey("someone.example", SignatureType::kEd25519, 4);
  Checkpoint c{"verity.example/new-start", 0, EmptyTreeHash(), {}};
  const auto note = SignCheckpoint(c, other);
  VerifierSet known;
  ASSERT_TRUE(known.Add(other.verifier()).ok());
  const auto opened = OpenCheckpoint(*note, known);
  EXPECT_EQ(opened.status().code(), StatusCode::kPermissionDenied);
  EXPECT_EQ(opened.status().message(),
            "checkpoint: no valid signature by a known log key for origin "
            "verity.example/new-start");
}

TEST(CheckpointTest, MalformedTextsGiveSpecificErrors) {
  const std::string root = "CsUYapGGPo4dkMgIAUqom/Xajj7h2fB2MPA3j2jxq2I=";
  struct Case {
    std::string text, message;
  };
  const std::vector<Case> cases = {
      {"o\n1\n", "checkpoint: fewer than three lines (origin, size, root)"},
      {"\n1\n" + root + "\n", "checkpoint: the origin line is empty"},
      {"o\n01\n" + root + "\n", "checkpoint: tree size: '01' has a leading zero"},
      {"o\n-1\n" + root + "\n", "checkpoint: tree size: expected a decimal number"},
      {"o\n9223372036854775808\n" + root + "\n",
       "checkpoint: tree size: number above 9223372036854775807"},
      {"o\n1\n" + root.substr(1) + "\n", "checkpoint: root hash: a hash is 44 base64 characters"},
      {"o\n1\n" + root + "\n\n", "checkpoint: extension line 1 is empty"},
      {"o\n1\n" + root, "checkpoint: note: the text does not end in a newline"},
      {"o\r\n1\n" + root + "\n", "checkpoint: note: contains a carriage return"},
  };
  for (const Case& c : cases) {
    const auto r = ParseCheckpoint(c.text);
    EXPECT_EQ(r.status().code(), StatusCode::kInvalidArgument) << c.text;
    EXPECT_EQ(r.status().message(), c.message) << c.text;
  }
  Checkpoint bad{"two\nlines", 1, {}, {}};
  EXPECT_EQ(FormatCheckpoint(bad).status().message(), "checkpoint: a line contains a newline");
}

}  // namespace
}  // namespace verity::tlog
