// Tampering with the stored ledger through the sqlite3 library, as an
// operator with write access to the file could: verify must name each row.
#include <gtest/gtest.h>
#include <sqlite3.h>

#include "ledger/store.h"
#include "ledger/test_util.h"
#include "ledger/verify.h"

namespace verity::ledger {
namespace {

using testing::FreshDir;
using testing::SignedMovements;
using testing::TestKey;
using testing::TestNow;

constexpr int kRows = 12;

class TamperTest : public ::testing::Test {
 protected:
  void SetUp() override {
    dir_ = FreshDir("tamper");
    const std::vector<PublicKey> keys = {us_.pub, ru_.pub};
    ASSERT_TRUE(Ledger::Init(dir_, keys).ok());
    auto ledger = Ledger::Open(dir_).value();
    // Interleave the parties in one batch so that a swap keeps both serial chains.
    std::vector<BatchItem> batch;
    auto us = SignedMovements(us_, 1, kRows / 2);
    auto ru = SignedMovements(ru_, 1, kRows / 2);
    for (int i = 0; i < kRows / 2; ++i) {
      batch.push_back(us[i]);
      batch.push_back(ru[i]);
    }
    ASSERT_TRUE(ledger->Append(batch, TestNow()).ok());
  }
  void TearDown() override { std::filesystem::remove_all(dir_); }

  void Sql(const std::string& sql) {
    sqlite3* db = nullptr;
    ASSERT_EQ(sqlite3_open((dir_ + "/" + kDatabaseFile).c_str(), &db), SQLITE_OK);
    char* err = nullptr;
    const int rc = sqlite3_exec(db, sql.c_str(), nullptr, nullptr, &err);
    EXPECT_EQ(rc, SQLITE_OK) << (err ? err : "");
    sqlite3_free(err);
    sqlite3_close(db);
  }

  VerifyReport Verify() { return VerifyLedger(*Ledger::Open(dir_).value()).value(); }

  static std::vector<int64_t> RowsNamed(const VerifyReport& r) {
    std::vector<int64_t> out;
    for (const auto& p : r.problems) {
      if (p.index >= 0) out.push_back(p.index);
    }
    return out;
  }

  static bool HasProblem(const VerifyReport& r, const std::string& text) {
    for (const auto& p : r.problems) {
      if (p.message.find(text) != std::string::npos) return true;
    }
    return false;
  }

  static bool RootProblem(const VerifyReport& r) {
    for (const auto& p : r.problems) {
      if (p.index < 0 && p.message.find("differs from the root recomputed") != std::string::npos) {
        return true;
      }
    }
    return false;
  }

  SecretKey us_ = TestKey("US", 1);
  SecretKey ru_ = TestKey("RU", 2);
  std::string dir_;
};

TEST_F(TamperTest, UntouchedLedgerVerifies) { EXPECT_TRUE(Verify().ok()); }

TEST_F(TamperTest, EditedEntryIsNamed) {
  Sql("UPDATE entries SET entry = replace(entry, 'BARKSDALE', 'WHITEMAN') WHERE idx = 5");
  const VerifyReport r = Verify();
  EXPECT_EQ(RowsNamed(r), std::vector<int64_t>{5});
  EXPECT_NE(r.problems.at(0).message.find("stored leaf hash differs"), std::string::npos);
  EXPECT_NE(r.problems.at(0).message.find("signature: does not verify"), std::string::npos);
  EXPECT_TRUE(RootProblem(r));
}

TEST_F(TamperTest, EditedEntryWithRecomputedHashesIsStillNamed) {
  // A careful forger also fixes the leaf hash and seal; the signature still fails.
  Sql("UPDATE entries SET entry = replace(entry, 'BARKSDALE', 'WHITEMAN') WHERE idx = 7");
  auto ledger = Ledger::Open(dir_).value();
  std::string entry;
  ASSERT_TRUE(ledger
                  ->ForEachRow([&](const StoredRow& row) {
                    if (row.index == 7) entry = row.entry;
                    return Status::Ok();
                  })
                  .ok());
  const Hash256 leaf = Sha256Prefixed(0, entry);
  Sql("UPDATE entries SET leaf_hash = '" + ToHex(leaf) + "', seal = '" + ToHex(SealOf(7, leaf)) +
      "' WHERE idx = 7");
  const VerifyReport r = Verify();
  EXPECT_EQ(RowsNamed(r), std::vector<int64_t>{7});
  EXPECT_NE(r.problems.at(0).message.find("signature: does not verify"), std::string::npos);
  EXPECT_TRUE(RootProblem(r));
}

TEST_F(TamperTest, EditedColumnIsNamed) {
  Sql("UPDATE entries SET occurred = '2019-01-01' WHERE idx = 2");
  const VerifyReport r = Verify();
  EXPECT_EQ(RowsNamed(r), std::vector<int64_t>{2});
  EXPECT_NE(
      r.problems.at(0).message.find("column occurred '2019-01-01' differs from the signed entry"),
      std::string::npos);
}

TEST_F(TamperTest, DeletedRowIsNamed) {
  Sql("DELETE FROM entries WHERE idx = 4");
  const VerifyReport r = Verify();
  EXPECT_EQ(RowsNamed(r), std::vector<int64_t>{4});
  EXPECT_EQ(r.problems.at(0).message, "row is missing (deleted)");
}

TEST_F(TamperTest, DeletedLastRowIsDetected) {
  Sql("DELETE FROM entries WHERE idx = " + std::to_string(kRows - 1));
  const VerifyReport r = Verify();
  ASSERT_FALSE(r.ok());
  EXPECT_TRUE(HasProblem(r, "covers more rows than the ledger holds (11): rows deleted"));
}

TEST_F(TamperTest, SwappedRowsAreBothNamed) {
  Sql("UPDATE entries SET idx = -1 WHERE idx = 3; UPDATE entries SET idx = 3 WHERE idx = 8; "
      "UPDATE entries SET idx = 8 WHERE idx = -1");
  const VerifyReport r = Verify();
  EXPECT_EQ(RowsNamed(r), (std::vector<int64_t>{3, 8}));
  EXPECT_NE(r.problems.at(0).message.find("seal does not bind this entry to index 3"),
            std::string::npos);
  EXPECT_TRUE(RootProblem(r));
}

TEST_F(TamperTest, InsertedRowIsNamed) {
  auto ledger = Ledger::Open(dir_).value();
  std::string entry = SignedMovements(us_, 7, 7)[0].json.dump();
  Sql("INSERT INTO entries(idx, party, serial, type, occurred, sent, entry, leaf_hash, seal) "
      "SELECT 12, party, 7, type, occurred, sent, entry, leaf_hash, seal FROM entries WHERE idx = "
      "10");
  const VerifyReport r = Verify();
  const auto named = RowsNamed(r);
  EXPECT_NE(std::find(named.begin(), named.end(), 12), named.end());
  EXPECT_TRUE(HasProblem(r, "rows 12..12 are not covered by any signed tree head"));
}

TEST_F(TamperTest, ForgedTreeHeadIsNamed) {
  Sql("UPDATE tree_heads SET root = '" + std::string(64, '0') + "'");
  const VerifyReport r = Verify();
  ASSERT_FALSE(r.ok());
  EXPECT_EQ(
      r.problems.at(0).message.rfind("tree head of size 12: the signature does not verify", 0), 0u)
      << r.problems.at(0).message;
}

}  // namespace
}  // namespace verity::ledger

namespace verity::ledger {
namespace {

// Appending on top of rows removed at the end would sign a tree that hides
// the removal: the append is refused, nothing is stored, and verify still
// names what is missing.
TEST_F(TamperTest, AppendRefusesALogWhoseRowsDisagreeWithItsSignedHead) {
  Sql("DELETE FROM entries WHERE idx = " + std::to_string(kRows - 1));
  auto ledger = Ledger::Open(dir_).value();
  auto r = ledger->Append(SignedMovements(us_, kRows / 2 + 1, kRows / 2 + 1), TestNow());
  ASSERT_FALSE(r.ok());
  EXPECT_EQ(r.status().code(), StatusCode::kDataLoss);
  EXPECT_NE(r.status().message().find("the entries end at index 11 but the newest signed tree head "
                                      "has size 12; run 'verity ledger verify'"),
            std::string::npos)
      << r.status().message();
  EXPECT_EQ(ledger->Size().value(), static_cast<uint64_t>(kRows - 1));
  EXPECT_FALSE(Verify().ok());
}

}  // namespace
}  // namespace verity::ledger
