// Storage faults on real SQLite (testing/fault_vfs.h): a full disk or an I/O
// error in the middle of an append stores nothing, says what happened, and
// leaves the ledger verifying with its previous state; SQLite's result codes
// map to statuses in one place and binds are checked.
#include <gtest/gtest.h>

#include <fstream>

#include "ledger/replay.h"
#include "ledger/sqlite.h"
#include "ledger/store.h"
#include "ledger/test_util.h"
#include "ledger/testing/fault_vfs.h"
#include "ledger/verify.h"

namespace verity::ledger {
namespace {

using testing::FaultVfs;
using testing::FreshDir;
using testing::SignedMovements;
using testing::TestKey;
using testing::TestNow;

constexpr int kFaultBatch = 60;

class StorageFaultTest : public ::testing::Test {
 protected:
  void SetUp() override {
    vfs_ = &FaultVfs::Install();
    dir_ = FreshDir("fault");
    const std::vector<PublicKey> keys = {us_.pub};
    ASSERT_TRUE(Ledger::Init(dir_, keys).ok());
    auto l = Ledger::Open(dir_).value();
    // Serials 1..20 and, after a gap (an ambiguity, so seals are written),
    // 23..40; checkpoints every 5 changes, so the append re-seals them.
    ASSERT_TRUE(l->Append(SignedMovements(us_, 1, 20), TestNow()).ok());
    ASSERT_TRUE(l->Append(SignedMovements(us_, 23, 40), TestNow()).ok());
    ASSERT_TRUE(UpdateCheckpoints(*l, "US", std::nullopt, 5).ok());
    head_ = l->LatestTreeHead().value();
  }
  void TearDown() override {
    vfs_->Clear();
    std::filesystem::remove_all(dir_);
  }

  // The ledger still holds exactly its state before the failed append.
  void ExpectPreviousState(Ledger& l) {
    EXPECT_EQ(l.Size().value(), head_.size);
    EXPECT_EQ(l.LatestTreeHead().value().root, head_.root);
    auto reopened = Ledger::Open(dir_).value();
    EXPECT_EQ(reopened->Size().value(), head_.size);
    const VerifyReport r = VerifyLedger(*reopened).value();
    EXPECT_TRUE(r.ok()) << r.ToJson().dump(2);
    EXPECT_EQ(r.root, head_.root);
  }

  // The number of writes a clean append of the next batch makes, measured
  // on a copy of the folder.
  int WritesOfOneAppend() {
    const std::string copy = dir_ + "-copy";
    std::filesystem::remove_all(copy);
    std::filesystem::copy(dir_, copy);
    auto l = Ledger::Open(copy).value();
    vfs_->FailWritesAfter(1 << 30, SQLITE_FULL);
    EXPECT_TRUE(l->Append(SignedMovements(us_, 41, 40 + kFaultBatch), TestNow()).ok());
    const int n = vfs_->writes();
    vfs_->Clear();
    l.reset();
    std::filesystem::remove_all(copy);
    return n;
  }

  FaultVfs* vfs_ = nullptr;
  SecretKey us_ = TestKey("US", 1);
  std::string dir_;
  TreeHead head_;
};

TEST_F(StorageFaultTest, DiskFullAtAnyPointOfABatchStoresNothing) {
  const int writes = WritesOfOneAppend();
  ASSERT_GT(writes, 3);
  auto l = Ledger::Open(dir_).value();
  for (int after : {0, 1, writes / 3, writes / 2, writes - 1}) {
    vfs_->FailWritesAfter(after, SQLITE_FULL);
    auto r = l->Append(SignedMovements(us_, 41, 40 + kFaultBatch), TestNow());
    vfs_->Clear();
    ASSERT_FALSE(r.ok()) << "write " << after << " of " << writes;
    EXPECT_EQ(r.status().code(), StatusCode::kUnavailable);
    EXPECT_NE(r.status().message().find("disk full"), std::string::npos) << r.status().message();
    ExpectPreviousState(*l);
  }
  // Space again: the same batch goes in.
  auto r = l->Append(SignedMovements(us_, 41, 40 + kFaultBatch), TestNow());
  ASSERT_TRUE(r.ok()) << r.status().ToString();
  EXPECT_TRUE(VerifyLedger(*l).value().ok());
}

TEST_F(StorageFaultTest, IoErrorMidBatchStoresNothingAndSaysSo) {
  const int writes = WritesOfOneAppend();
  auto l = Ledger::Open(dir_).value();
  vfs_->FailWritesAfter(writes / 2, SQLITE_IOERR_WRITE);
  auto r = l->Append(SignedMovements(us_, 41, 40 + kFaultBatch), TestNow());
  vfs_->Clear();
  ASSERT_FALSE(r.ok());
  EXPECT_EQ(r.status().code(), StatusCode::kUnavailable);
  EXPECT_NE(r.status().message().find("I/O error"), std::string::npos) << r.status().message();
  ExpectPreviousState(*l);
}

// The sync of the commit fails: the append reports it, and the ledger holds
// the batch whole or not at all (here: not at all, as SQLite does not
// publish a commit it could not sync) and verifies.
TEST_F(StorageFaultTest, FailedSyncAtCommitIsReportedAndLeavesAWholeLedger) {
  auto l = Ledger::Open(dir_).value();
  vfs_->FailSyncsAfter(0, SQLITE_IOERR_FSYNC);
  auto r = l->Append(SignedMovements(us_, 41, 40 + kFaultBatch), TestNow());
  vfs_->Clear();
  ASSERT_FALSE(r.ok());
  EXPECT_EQ(r.status().code(), StatusCode::kUnavailable);
  EXPECT_NE(r.status().message().find("I/O error"), std::string::npos) << r.status().message();
  ExpectPreviousState(*l);
}

TEST_F(StorageFaultTest, ReadsKeepWorkingWhileWritesFail) {
  auto l = Ledger::Open(dir_).value();
  vfs_->FailWritesAfter(0, SQLITE_FULL);
  EXPECT_FALSE(l->Append(SignedMovements(us_, 41, 41), TestNow()).ok());
  EXPECT_EQ(l->Entries(0, 3).value().size(), 3u);
  EXPECT_EQ(StateAsOf(*l, "US", Date::FromYmd(2012, 3, 30)).value().party, "US");
  EXPECT_TRUE(VerifyLedger(*l).value().ok());
  vfs_->Clear();
}

TEST(SqliteStatusTest, EachResultCodeMapsToOneStatus) {
  using internal::SqliteStatus;
  EXPECT_EQ(SqliteStatus(SQLITE_CORRUPT, "db", nullptr).code(), StatusCode::kDataLoss);
  EXPECT_EQ(SqliteStatus(SQLITE_NOTADB, "db", nullptr).code(), StatusCode::kDataLoss);
  const Status full = SqliteStatus(SQLITE_FULL, "db", nullptr);
  EXPECT_EQ(full.code(), StatusCode::kUnavailable);
  EXPECT_EQ(full.message().rfind("db: disk full", 0), 0u) << full.message();
  const Status io = SqliteStatus(SQLITE_IOERR_WRITE, "db", nullptr);
  EXPECT_EQ(io.code(), StatusCode::kUnavailable);
  EXPECT_EQ(io.message().rfind("db: I/O error", 0), 0u) << io.message();
  EXPECT_EQ(SqliteStatus(SQLITE_BUSY, "db", nullptr).code(), StatusCode::kUnavailable);
  EXPECT_EQ(SqliteStatus(SQLITE_CONSTRAINT_PRIMARYKEY, "db", nullptr).code(),
            StatusCode::kInternal);
  EXPECT_TRUE(SqliteStatus(SQLITE_DONE, "db", nullptr).ok());
}

TEST(SqliteStatusTest, AFailedBindFailsTheStatementInsteadOfRunningIt) {
  const std::string dir = FreshDir("bind");
  std::filesystem::create_directories(dir);
  auto db = internal::Db::Open(dir + "/t.sqlite", true).value();
  ASSERT_TRUE(db->Exec("CREATE TABLE t(x INTEGER)").ok());
  auto st = db->Prepare("INSERT INTO t(x) VALUES(?)").value();
  const Status s = st.Bind(2, int64_t{7}).Run();  // there is no parameter 2
  EXPECT_EQ(s.code(), StatusCode::kInternal);
  EXPECT_NE(s.message().find("binding a value"), std::string::npos) << s.message();
  auto count = db->Prepare("SELECT COUNT(*) FROM t").value();
  ASSERT_TRUE(count.Step().value());
  EXPECT_EQ(count.Int(0), 0);
  std::filesystem::remove_all(dir);
}

TEST(SqliteStatusTest, AFileThatIsNotADatabaseIsDataLoss) {
  const std::string dir = FreshDir("notadb");
  ASSERT_TRUE(Ledger::Init(dir, {}).ok());
  {
    std::ofstream out(dir + "/" + kDatabaseFile, std::ios::binary | std::ios::trunc);
    out << std::string(8192, 'x');
  }
  auto l = Ledger::Open(dir);
  ASSERT_FALSE(l.ok());
  EXPECT_EQ(l.status().code(), StatusCode::kDataLoss);
  EXPECT_NE(l.status().message().find("the database file is corrupt"), std::string::npos)
      << l.status().message();
  std::filesystem::remove_all(dir);
}

}  // namespace
}  // namespace verity::ledger
