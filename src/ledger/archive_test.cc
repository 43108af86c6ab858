#include "ledger/archive.h"

#include <gtest/gtest.h>

#include <sstream>

#include "ledger/proofs.h"
#include "ledger/test_util.h"
#include "ledger/verify.h"
#include "tlog/merkle.h"

namespace verity::ledger {
namespace {

using testing::FreshDir;
using testing::SignedMovements;
using testing::TestKey;
using testing::TestNow;

class ArchiveTest : public ::testing::Test {
 protected:
  void SetUp() override {
    dir_ = FreshDir("archive");
    const std::vector<PublicKey> keys = {us_.pub, ru_.pub};
    ASSERT_TRUE(Ledger::Init(dir_, keys).ok());
    ledger_ = Ledger::Open(dir_).value();
    ASSERT_TRUE(ledger_->Append(SignedMovements(us_, 1, 6), TestNow()).ok());
    ASSERT_TRUE(ledger_->Append(SignedMovements(ru_, 1, 5), TestNow()).ok());
  }
  void TearDown() override {
    std::filesystem::remove_all(dir_);
    std::filesystem::remove_all(dir_ + "-copy");
  }

  std::string Export() {
    std::ostringstream out;
    EXPECT_TRUE(ExportLedger(*ledger_, out).ok());
    return out.str();
  }

  SecretKey us_ = TestKey("US", 1);
  SecretKey ru_ = TestKey("RU", 2);
  std::string dir_;
  std::unique_ptr<Ledger> ledger_;
};

TEST_F(ArchiveTest, ImportIntoANewFolderGivesTheIdenticalRoot) {
  auto r = ImportLedger(dir_ + "-copy", Export(), "export.jsonl", TestNow());
  ASSERT_TRUE(r.ok()) << r.status().ToString();
  EXPECT_EQ(r->head.root, ledger_->LatestTreeHead().value().root);
  auto copy = Ledger::Open(dir_ + "-copy").value();
  EXPECT_TRUE(VerifyLedger(*copy).value().ok());
}

TEST_F(ArchiveTest, ImportOfAnAlteredExportStoresNothing) {
  std::string text = Export();
  // Drop one entry line and fix nothing else: the size check names the trailer.
  const size_t second_line = text.find('\n') + 1;
  text.erase(second_line, text.find('\n', second_line) + 1 - second_line);
  auto r = ImportLedger(dir_ + "-copy", text, "export.jsonl", TestNow());
  EXPECT_EQ(r.status().message(),
            "export.jsonl: line 12: tree_head.size 11 but the export holds 10 entries");
}

TEST_F(ArchiveTest, ImportIntoANonEmptyLedgerIsRefused) {
  auto r = ImportLedger(dir_, Export(), "export.jsonl", TestNow());
  EXPECT_EQ(r.status().code(), StatusCode::kFailedPrecondition);
}

TEST_F(ArchiveTest, InclusionProofChecksOfflineAgainstTheSavedHead) {
  const TreeHead head = ledger_->LatestTreeHead().value();
  for (uint64_t i = 0; i < head.size; ++i) {
    const Json proof = MakeInclusionProof(*ledger_, i).value();
    auto r = CheckProof(ParseJson(proof.dump(), "proof").value(), &head);
    EXPECT_TRUE(r.ok()) << i << ": " << r.status().ToString();
  }
}

TEST_F(ArchiveTest, InclusionProofOfAnAlteredEntryFails) {
  Json proof = MakeInclusionProof(*ledger_, 3).value();
  proof["entry"]["body"]["to"] = "ELSEWHERE";
  auto r = CheckProof(proof, nullptr);
  EXPECT_EQ(r.status().code(), StatusCode::kDataLoss);
  EXPECT_EQ(r.status().message().rfind("proof.leaf_hash: " + proof["leaf_hash"].get<std::string>() +
                                           " is not the hash of proof.entry (",
                                       0),
            0u)
      << r.status().message();
  // A forger who also gives the altered entry's hash still needs a path.
  proof["leaf_hash"] = ToHex(tlog::LeafHash(CanonicalJson(proof["entry"]).value()));
  r = CheckProof(proof, nullptr);
  EXPECT_EQ(r.status().message(),
            "inclusion proof does not verify: the computed root differs from the tree head");
}

// check-proof compares every field of the document with the others: each
// disagreement is refused naming the field.
TEST_F(ArchiveTest, InclusionProofFieldsThatDisagreeAreEachNamed) {
  const Json good = MakeInclusionProof(*ledger_, 3).value();
  ASSERT_TRUE(CheckProof(good, nullptr).ok());
  auto check = [](Json p) { return CheckProof(p, nullptr).status(); };
  Json p = good;
  p["tree_size"] = 12;
  EXPECT_EQ(check(p), InvalidArgument("proof.tree_size: 12 but proof.tree_head.size is 11"));
  p = good;
  p["index"] = 11;
  p["tree_size"] = 11;
  EXPECT_EQ(check(p), InvalidArgument("proof.index: 11 is not below the tree size 11"));
  p = good;
  p.erase("leaf_hash");
  EXPECT_EQ(check(p).code(), StatusCode::kInvalidArgument);
  EXPECT_NE(check(p).message().find("proof.leaf_hash"), std::string::npos) << check(p).message();
  p = good;
  p["leaf_hash"] = std::string(64, '0');
  EXPECT_EQ(check(p).code(), StatusCode::kDataLoss);
  EXPECT_EQ(check(p).message().rfind("proof.leaf_hash: " + std::string(64, '0'), 0), 0u);
  p = good;
  p["note"] = "trust me";
  EXPECT_EQ(check(p).code(), StatusCode::kInvalidArgument);
  EXPECT_NE(check(p).message().find("note"), std::string::npos) << check(p).message();
  p = good;
  p["tree_head"]["size"] = 12;  // the head's signature covers its size
  EXPECT_EQ(check(p).code(), StatusCode::kDataLoss);
}

TEST_F(ArchiveTest, ConsistencyProofFieldsThatDisagreeAreEachNamed) {
  const Json good = MakeConsistencyProof(*ledger_, 6).value();
  ASSERT_TRUE(CheckProof(good, nullptr).ok());
  auto check = [](Json p) { return CheckProof(p, nullptr).status(); };
  Json p = good;
  p["to"] = 10;
  EXPECT_EQ(check(p), InvalidArgument("proof.to: 10 but proof.tree_head_to.size is 11"));
  p = good;
  p["from"] = 12;
  EXPECT_EQ(check(p), InvalidArgument("proof.from: 12 exceeds proof.to (11)"));
  p = good;
  p["root_to"] = std::string(64, 'a');
  EXPECT_EQ(check(p).code(), StatusCode::kDataLoss);
  EXPECT_EQ(
      check(p).message().rfind(
          "proof.root_to: " + std::string(64, 'a') + " is not the root of proof.tree_head_to", 0),
      0u);
  p = good;
  p["extra"] = 1;
  EXPECT_EQ(check(p).code(), StatusCode::kInvalidArgument);
}

// From the empty tree there is nothing to prove: the generated proof is
// empty, and any hashes offered, or a first root that is not the empty
// tree's, are refused.
TEST_F(ArchiveTest, ConsistencyProofFromSizeZeroMustBeEmpty) {
  const Json good = MakeConsistencyProof(*ledger_, 0).value();
  EXPECT_TRUE(good.at("proof").empty());
  ASSERT_TRUE(CheckProof(good, nullptr).ok());
  Json p = good;
  p["proof"] = Json::array({std::string(64, 'b')});
  EXPECT_EQ(CheckProof(p, nullptr).status(),
            InvalidArgument("proof.proof: a consistency proof from size 0 must be empty (1 "
                            "hashes given)"));
  p = good;
  p["root_from"] = std::string(64, 'c');
  EXPECT_EQ(CheckProof(p, nullptr).status().code(), StatusCode::kDataLoss);
  EXPECT_EQ(
      CheckProof(p, nullptr)
          .status()
          .message()
          .rfind("proof.root_from: " + std::string(64, 'c') + " is not the root of the empty tree",
                 0),
      0u);
}

TEST_F(ArchiveTest, ConsistencyProofFromAnEarlierHead) {
  const TreeHead first = ledger_->TreeHeads().value().front();
  ASSERT_EQ(first.size, 6u);
  const Json proof = MakeConsistencyProof(*ledger_, 6).value();
  auto r = CheckProof(proof, &first);
  ASSERT_TRUE(r.ok()) << r.status().ToString();
  EXPECT_EQ(r->rfind("the tree of size 6 is a prefix of the signed tree of size 11", 0), 0u);
}

TEST_F(ArchiveTest, ProofAgainstASizeWithoutAHeadIsRefused) {
  EXPECT_EQ(MakeInclusionProof(*ledger_, 1, 4).status().message(),
            "no signed tree head has size 4 (heads are signed after each appended batch; newest "
            "size 11)");
}

}  // namespace
}  // namespace verity::ledger
