// The CLI over a ledger whose disk fails (a fault-injecting SQLite VFS) and
// over key and ledger files that others can read.
#include <gtest/gtest.h>
#include <sqlite3.h>
#include <sys/stat.h>

#include <filesystem>
#include <fstream>

#include "cli/cli_test_util.h"
#include "ledger/test_util.h"
#include "ledger/testing/fault_vfs.h"

namespace verity::cli {
namespace {

using ledger::testing::FaultVfs;
using ledger::testing::FreshDir;
using ledger::testing::SignedMovements;
using ledger::testing::TestKey;

class LedgerStorageCliTest : public ::testing::Test {
 protected:
  void SetUp() override {
    dir_ = FreshDir("cli-storage");
    std::filesystem::create_directories(dir_);
    data_ = dir_ + "/data";
    const std::vector<ledger::PublicKey> keys = {us_.pub};
    ASSERT_TRUE(ledger::Ledger::Init(data_, keys).ok());
    ASSERT_TRUE(ledger::WriteKeyFiles(us_, dir_ + "/keys").ok());
  }
  void TearDown() override {
    FaultVfs::Install().Clear();
    std::filesystem::remove_all(dir_);
  }
  std::string Notifications(int64_t first, int64_t last) {
    const std::string path = dir_ + "/n" + std::to_string(first) + ".jsonl";
    std::ofstream out(path);
    for (const auto& item : SignedMovements(us_, first, last)) out << item.json.dump() << "\n";
    return path;
  }

  ledger::SecretKey us_ = TestKey("US", 1);
  std::string dir_, data_;
};

TEST_F(LedgerStorageCliTest, DiskFullDuringAppendExitsThreeAndStoresNothing) {
  const std::string batch = Notifications(1, 30);
  FaultVfs::Install().FailWritesAfter(2, SQLITE_FULL);
  const Result r = Verity({"ledger", "append", "--data", data_, batch});
  FaultVfs::Install().Clear();
  EXPECT_EQ(r.code, 3) << r.err;
  EXPECT_NE(r.err.find("nothing appended: "), std::string::npos) << r.err;
  EXPECT_NE(r.err.find("disk full"), std::string::npos) << r.err;
  const Result v = Verity({"ledger", "verify", "--data", data_});
  EXPECT_EQ(v.code, 0) << v.out;
  EXPECT_NE(v.out.find("ok: 0 rows"), std::string::npos) << v.out;
  EXPECT_EQ(Verity({"ledger", "append", "--data", data_, batch}).code, 0);
}

TEST_F(LedgerStorageCliTest, ASecretKeyOthersCanReadIsRefusedWithTheFix) {
  const std::string key = dir_ + "/keys/US.key";
  ASSERT_EQ(::chmod(key.c_str(), 0644), 0);
  std::ofstream(dir_ + "/draft.json") << ledger::testing::MovementDraft("US", 1).dump();
  const Result r = Verity({"notify", "sign", "--key", key, dir_ + "/draft.json"});
  EXPECT_EQ(r.code, 2);
  EXPECT_NE(r.err.find(key + ": the secret key file is readable by group or others (mode 0644)"),
            std::string::npos)
      << r.err;
  EXPECT_NE(r.err.find("run 'chmod 600 " + key + "'"), std::string::npos) << r.err;
  ASSERT_EQ(::chmod(key.c_str(), 0600), 0);
  EXPECT_EQ(Verity({"notify", "sign", "--key", key, dir_ + "/draft.json"}).code, 0);
}

TEST_F(LedgerStorageCliTest, ALogKeyOthersCanReadIsRefusedForEveryCommand) {
  const std::string key = data_ + "/log.key";
  ASSERT_EQ(::chmod(key.c_str(), 0640), 0);
  for (const char* cmd : {"verify", "ambiguities"}) {
    const Result r = Verity({"ledger", cmd, "--data", data_});
    EXPECT_EQ(r.code, 2) << cmd;
    EXPECT_NE(r.err.find("log.key: the secret key file is readable by group or others (mode "
                         "0640)"),
              std::string::npos)
        << r.err;
  }
}

}  // namespace
}  // namespace verity::cli
