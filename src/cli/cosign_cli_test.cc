// Witnessing through the CLI over a real ledger and real witnesses on
// loopback: `ledger append --policy`, `ledger cosign`, `ledger
// check-checkpoint`, `check-proof --policy`, a witness down, and the split
// view end to end (the operator forks the ledger and shows one branch to
// each party's witness).
#include <gtest/gtest.h>
#include <sqlite3.h>

#include <filesystem>
#include <fstream>

#include "cli/cli_test_util.h"
#include "ledger/keys.h"
#include "ledger/store.h"
#include "ledger/test_util.h"
#include "witness/test_util.h"

namespace verity::cli {
namespace {

namespace fs = std::filesystem;
using witness::testing::LoopbackWitness;

class CosignCliTest : public ::testing::Test {
 protected:
  void SetUp() override {
    ASSERT_TRUE(ledger::WriteKeyFiles(us_key_, Path("keys")).ok());
    ASSERT_EQ(Verity({"ledger", "init", "--data", data_, "--key", Path("keys/US.pub"), "--origin",
                      "verity.example/witnessed"})
                  .code,
              0);
    Append(data_, 1, "");  // size 1, before any witness
    const Result vkey = Verity({"ledger", "vkey", "--data", data_});
    ASSERT_EQ(vkey.code, 0) << vkey.err;
    log_ = vkey.out.substr(0, vkey.out.find('\n'));
    auto verifier = tlog::Verifier::Parse(log_);
    ASSERT_TRUE(verifier.ok());
    us_ = std::make_unique<LoopbackWitness>("cli-us", 2, *verifier);
    ru_ = std::make_unique<LoopbackWitness>("cli-ru", 3, *verifier);
    both_ = Write("both.policy", "log " + log_ + "\n" + us_->PolicyLine("us") +
                                     ru_->PolicyLine("ru") + "group both all us ru\nquorum both\n");
  }
  std::string Path(const std::string& name) const { return dir_.Path(name); }
  std::string Write(const std::string& name, const std::string& text) const {
    return dir_.Write(name, text);
  }
  // Appends movement `serial` (its destination `to`, so that two ledgers
  // can be given different entries of one serial).
  Result Append(const std::string& data, int64_t serial, const std::string& policy,
                const std::string& to = "BARKSDALE") {
    Json draft = ledger::testing::MovementDraft("US", serial);
    draft["body"]["to"] = to;
    const std::string file = Write("n" + std::to_string(serial) + to + ".json",
                                   ledger::SignNotification(draft, us_key_).value().dump());
    std::vector<std::string> args = {"ledger", "append", "--data", data, file};
    if (!policy.empty()) args.insert(args.end(), {"--policy", policy});
    const Result r = Verity(args);
    EXPECT_EQ(r.code, 0) << r.err;
    return r;
  }
  std::string Checkpoint(const std::string& data, const std::string& name) {
    const Result r = Verity({"ledger", "checkpoint", "--data", data});
    EXPECT_EQ(r.code, 0) << r.err;
    return Write(name, r.out);
  }

  verity::testing::TestDir dir_{"cosign-cli"};
  std::string data_ = dir_.Path("ledger");
  ledger::SecretKey us_key_ = ledger::testing::TestKey("US", 3);
  std::string log_;
  std::unique_ptr<LoopbackWitness> us_, ru_;
  std::string both_;
};

TEST_F(CosignCliTest, AppendCollectsTheQuorumAndObserversCheckIt) {
  const Result r = Append(data_, 2, both_);
  EXPECT_NE(r.out.find("checkpoint 2: quorum met (cosigned by us, ru)"), std::string::npos)
      << r.out;
  const std::string cp = Checkpoint(data_, "cp.txt");
  const Result ok = Verity({"ledger", "check-checkpoint", cp, "--policy", both_});
  EXPECT_EQ(ok.code, 0) << ok.err;
  EXPECT_NE(ok.out.find("cosigned by quorum both (us, ru)"), std::string::npos) << ok.out;
  // A proof about that tree, under the policy.
  const Result proof = Verity({"ledger", "prove", "--data", data_, "--index", "1"});
  ASSERT_EQ(proof.code, 0) << proof.err;
  const std::string proof_file = Write("proof.json", proof.out);
  const Result checked =
      Verity({"ledger", "check-proof", proof_file, "--policy", both_, "--checkpoint", cp});
  EXPECT_EQ(checked.code, 0) << checked.err;
  EXPECT_NE(checked.out.find("its tree is checkpoint 2"), std::string::npos) << checked.out;
  const Result no_cp = Verity({"ledger", "check-proof", proof_file, "--policy", both_});
  EXPECT_EQ(no_cp.code, 2);
  EXPECT_NE(no_cp.err.find("--policy needs --checkpoint"), std::string::npos);
}

// `ledger verify --policy` checks each stored cosignature of the policy's
// witnesses: one signature byte edited in the store is found, naming the
// checkpoint; a policy of another log is refused.
TEST_F(CosignCliTest, VerifyWithAPolicyChecksEveryStoredCosignature) {
  Append(data_, 2, both_);
  const Result ok = Verity({"ledger", "verify", "--data", data_, "--policy", both_});
  EXPECT_EQ(ok.code, 0) << ok.out << ok.err;
  EXPECT_NE(ok.out.find("; 1 checkpoints cosigned to the quorum"), std::string::npos) << ok.out;

  sqlite3* db = nullptr;
  ASSERT_EQ(sqlite3_open((data_ + "/" + ledger::kDatabaseFile).c_str(), &db), SQLITE_OK);
  // A character of the signature, 12 from the end (before the padding).
  const char* edit =
      "UPDATE cosignatures SET line = substr(line, 1, length(line) - 13) || "
      "(CASE substr(line, length(line) - 12, 1) WHEN 'A' THEN 'B' ELSE 'A' END) || "
      "substr(line, length(line) - 11) WHERE size = 2 AND name = "
      "(SELECT MIN(name) FROM cosignatures WHERE size = 2)";
  ASSERT_EQ(sqlite3_exec(db, edit, nullptr, nullptr, nullptr), SQLITE_OK);
  EXPECT_EQ(sqlite3_changes(db), 1);
  sqlite3_close(db);
  const Result bad = Verity({"ledger", "verify", "--data", data_, "--policy", both_});
  EXPECT_EQ(bad.code, 1) << bad.out << bad.err;
  EXPECT_NE(bad.out.find("cosignatures size=2: note: the signature of "), std::string::npos)
      << bad.out;
  EXPECT_NE(bad.out.find("; 0 checkpoints cosigned to the quorum"), std::string::npos) << bad.out;

  const std::string other_data = Path("other-ledger");
  ASSERT_EQ(Verity({"ledger", "init", "--data", other_data, "--key", Path("keys/US.pub")}).code, 0);
  const Result other_vkey = Verity({"ledger", "vkey", "--data", other_data});
  const std::string other = Write("other-log.policy", "log " + other_vkey.out + "quorum none\n");
  const Result refused = Verity({"ledger", "verify", "--data", data_, "--policy", other});
  EXPECT_EQ(refused.code, 2) << refused.out;
  EXPECT_NE(refused.err.find("policy: it names no log of origin verity.example/witnessed"),
            std::string::npos)
      << refused.err;
}

TEST_F(CosignCliTest, AWitnessDownLeavesTheCheckpointShownAsLackingItsQuorum) {
  ru_.reset();                               // RU's witness is down
  const Result r = Append(data_, 2, both_);  // the append itself is committed
  EXPECT_NE(r.err.find("warning: checkpoint 2: quorum NOT met: group both needs 2 of its 2 "
                       "members, has 1: witness ru did not cosign"),
            std::string::npos)
      << r.err;
  const Result cosign = Verity({"ledger", "cosign", "--data", data_, "--policy", both_});
  EXPECT_EQ(cosign.code, 1);
  EXPECT_NE(cosign.out.find("ru: witness ru ("), std::string::npos) << cosign.out;
  const Result check =
      Verity({"ledger", "check-checkpoint", Checkpoint(data_, "cp.txt"), "--policy", both_});
  EXPECT_EQ(check.code, 1);
  EXPECT_NE(check.err.find("checkpoint: quorum both not met: group both needs 2 of its 2 members, "
                           "has 1: witness ru did not cosign"),
            std::string::npos)
      << check.err;
}

TEST_F(CosignCliTest, HostilePolicyFilesAreRefusedByLine) {
  const std::string bad = Write("bad.policy", "log " + log_ + "\nquorum nobody\n");
  const Result r = Verity({"ledger", "cosign", "--data", data_, "--policy", bad});
  EXPECT_EQ(r.code, 2);
  EXPECT_NE(r.err.find(bad + ": policy line 2:"), std::string::npos) << r.err;
  const std::string other_log =
      Write("other.policy",
            "log " +
                tlog::testing::TestKey("verity.example/witnessed", tlog::SignatureType::kEd25519, 9)
                    .verifier()
                    .ToString() +
                "\n" + us_->PolicyLine("us") + "quorum us\n");
  const Result not_ours = Verity({"ledger", "cosign", "--data", data_, "--policy", other_log});
  EXPECT_EQ(not_ours.code, 2) << not_ours.err;
  EXPECT_NE(not_ours.err.find("cosigning:"), std::string::npos) << not_ours.err;
}

// The operator forks the ledger after a cosigned checkpoint and shows one
// branch to each party's witness: each cosigns its own branch alone, and
// refuses the other with 422, keeping it as evidence; no branch reaches
// the quorum, and an observer holding the policy says why.
TEST_F(CosignCliTest, ASplitViewNeverReachesTheQuorum) {
  Append(data_, 2, both_);
  const std::string fork = Path("fork");
  fs::copy(data_, fork, fs::copy_options::recursive);
  Append(data_, 3, "", "BARKSDALE");
  Append(fork, 3, "", "WHITEMAN");  // same serial, another history of size 3
  const std::string us_only =
      Write("us.policy", "log " + log_ + "\n" + us_->PolicyLine("us") + "quorum us\n");
  const std::string ru_only =
      Write("ru.policy", "log " + log_ + "\n" + ru_->PolicyLine("ru") + "quorum ru\n");
  EXPECT_EQ(Verity({"ledger", "cosign", "--data", data_, "--policy", us_only}).code, 0);
  EXPECT_EQ(Verity({"ledger", "cosign", "--data", fork, "--policy", ru_only}).code, 0);
  // Each branch asks the other witness too: refused.
  const Result a = Verity({"ledger", "cosign", "--data", data_, "--policy", both_});
  EXPECT_EQ(a.code, 1);
  EXPECT_NE(a.out.find("ru: witness ru (" + ru_->url() + "): witness answered 422"),
            std::string::npos)
      << a.out;
  const Result b = Verity({"ledger", "cosign", "--data", fork, "--policy", both_});
  EXPECT_EQ(b.code, 1);
  EXPECT_NE(b.out.find("us: witness us (" + us_->url() + "): witness answered 422"),
            std::string::npos)
      << b.out;
  for (LoopbackWitness* w : {us_.get(), ru_.get()}) {
    auto refusals = w->store().Refusals(5);
    ASSERT_TRUE(refusals.ok() && !refusals->empty());
    EXPECT_EQ(refusals->front().status, 422);
    EXPECT_TRUE(refusals->front().evidence);
  }
  const Result observed =
      Verity({"ledger", "check-checkpoint", Checkpoint(data_, "a.txt"), "--policy", both_});
  EXPECT_EQ(observed.code, 1);
  EXPECT_NE(observed.err.find("witness ru did not cosign"), std::string::npos) << observed.err;
}

}  // namespace
}  // namespace verity::cli
