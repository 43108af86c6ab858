#include "ledger/archive.h"

#include <gtest/gtest.h>

#include <sstream>

#include "ledger/proofs.h"
#include "ledger/test_util.h"
#include "ledger/verify.h"

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
  EXPECT_EQ(r.status().message(),
            "inclusion proof does not verify: the computed root differs from the tree head");
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
