// `verity ledger check-head`: a head checks with the pinned log key, a
// forged or edited one does not.
#include <gtest/gtest.h>

#include <filesystem>
#include <fstream>

#include "cli/cli_test_util.h"
#include "ledger/keys.h"
#include "ledger/test_util.h"
#include "ledger/tree_head.h"
#include "tlog/checkpoint.h"

namespace verity::cli {
namespace {

class CheckHeadTest : public ::testing::Test {
 protected:
  void SetUp() override {
    dir_ = ledger::testing::FreshDir("check-head");
    std::filesystem::create_directories(dir_);
    log_ = ledger::testing::TestKey("LOG", 7);
    Hash256 root{};
    root[0] = 1;
    head_ = ledger::SignTreeHead(5, root, ledger::testing::TestNow(), log_);
    // What GET /api/v1/ledger/head answers.
    Write("head.json", Json{{"tree_head", head_.ToJson()},
                            {"log_key", log_.pub.key_id},
                            {"log_public_key", ledger::PublicKeyToJson(log_.pub)}});
    Write("log.pub", ledger::PublicKeyToJson(log_.pub));
  }
  void TearDown() override { std::filesystem::remove_all(dir_); }
  void Write(const std::string& name, const Json& j) {
    std::ofstream(dir_ + "/" + name) << j.dump();
  }
  std::string Path(const std::string& name) { return dir_ + "/" + name; }

  std::string dir_;
  ledger::SecretKey log_;
  ledger::TreeHead head_;
};

TEST_F(CheckHeadTest, AHeadSignedByThePinnedKeyChecks) {
  const Result r =
      Verity({"ledger", "check-head", Path("head.json"), "--log-key", Path("log.pub")});
  EXPECT_EQ(r.code, 0) << r.err;
  EXPECT_NE(r.out.find("ok: tree head of size 5"), std::string::npos) << r.out;
  // The first answer saved can serve as the pinned key too.
  EXPECT_EQ(
      Verity({"ledger", "check-head", Path("head.json"), "--log-key", Path("head.json")}).code, 0);
}

TEST_F(CheckHeadTest, AnEditedHeadOrAnotherKeyFailsWithExit1) {
  Json edited = head_.ToJson();
  edited["size"] = 6;
  Write("edited.json", edited);
  EXPECT_EQ(
      Verity({"ledger", "check-head", Path("edited.json"), "--log-key", Path("log.pub")}).code, 1);
  Write("other.pub", ledger::PublicKeyToJson(ledger::testing::TestKey("LOG", 8).pub));
  const Result other =
      Verity({"ledger", "check-head", Path("head.json"), "--log-key", Path("other.pub")});
  EXPECT_EQ(other.code, 1) << other.err;
  EXPECT_EQ(Verity({"ledger", "check-head", Path("head.json"), "--log-key", Path("none.pub")}).code,
            2);
}

// `ledger vkey` prints the key that opens what `ledger checkpoint` prints.
TEST_F(CheckHeadTest, TheCheckpointOpensWithTheVkey) {
  const std::string data = Path("ledger");
  const ledger::SecretKey us = ledger::testing::TestKey("US", 3);
  ASSERT_TRUE(ledger::WriteKeyFiles(us, Path("keys")).ok());
  ASSERT_EQ(Verity({"ledger", "init", "--data", data, "--key", Path("keys/US.pub"), "--origin",
                    "verity.example/test"})
                .code,
            0);
  Write("n.json", ledger::SignNotification(ledger::testing::MovementDraft("US", 1), us).value());
  ASSERT_EQ(Verity({"ledger", "append", "--data", data, Path("n.json")}).code, 0);
  const Result vkey = Verity({"ledger", "vkey", "--data", data});
  ASSERT_EQ(vkey.code, 0) << vkey.err;
  EXPECT_TRUE(vkey.out.starts_with("verity.example/test+")) << vkey.out;
  const Result note = Verity({"ledger", "checkpoint", "--data", data});
  ASSERT_EQ(note.code, 0) << note.err;
  tlog::VerifierSet known;
  ASSERT_TRUE(
      known.Add(tlog::Verifier::Parse(vkey.out.substr(0, vkey.out.size() - 1)).value()).ok());
  const auto opened = tlog::OpenCheckpoint(note.out, known);
  ASSERT_TRUE(opened.ok()) << opened.status().ToString();
  EXPECT_EQ(opened->checkpoint.size, 1u);
  EXPECT_EQ(Verity({"ledger", "checkpoint", "--data", data, "--size", "1"}).out, note.out);
  const Result none = Verity({"ledger", "checkpoint", "--data", data, "--size", "2"});
  EXPECT_EQ(none.code, 2);
  EXPECT_NE(none.err.find("no tree head of size 2 was signed"), std::string::npos) << none.err;
  const Result bad = Verity({"ledger", "init", "--data", Path("l2"), "--origin", "a b"});
  EXPECT_EQ(bad.code, 2);
  EXPECT_NE(bad.err.find("origin: "), std::string::npos) << bad.err;
}

}  // namespace
}  // namespace verity::cli
